#include "mstcpip.h"
