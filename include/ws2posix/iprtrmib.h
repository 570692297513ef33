/* ws2posix: iprtrmib.h - the MIB tables of the IP Helper API (the subset
 * this library fills: ipmib.h's address table; ifmib.h, tcpmib.h, udpmib.h
 * and the route and neighbour rows are types only so far). */
#ifndef __ROUTING_IPRTRMIB_H__
#define __ROUTING_IPRTRMIB_H__
#include "ipifcons.h"
#include "ipmib.h"
#include "ifmib.h"
#include "tcpmib.h"
#include "udpmib.h"
#endif
