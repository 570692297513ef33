#include "iptypes.h"
