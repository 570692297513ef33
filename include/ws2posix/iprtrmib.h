/* ws2posix: iprtrmib.h - the MIB tables of the IP helper API. */
#ifndef __ROUTING_IPRTRMIB_H__
#define __ROUTING_IPRTRMIB_H__
#include "ifmib.h"
#include "ipmib.h"
#include "tcpmib.h"
#include "udpmib.h"
#endif
