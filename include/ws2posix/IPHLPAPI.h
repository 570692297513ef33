#include "iphlpapi.h"
