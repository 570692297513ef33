#include "netioapi.h"
