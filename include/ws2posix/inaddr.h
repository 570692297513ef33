/* ws2posix: inaddr.h - struct in_addr lives in ws2def.h here. */
#include "ws2def.h"
