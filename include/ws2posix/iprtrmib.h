/* ws2posix: iprtrmib.h - the MIB tables of the IP Helper API (the subset
 * this library fills: ipmib.h's address table). */
#ifndef __ROUTING_IPRTRMIB_H__
#define __ROUTING_IPRTRMIB_H__
#include "ipifcons.h"
#include "ipmib.h"
#endif
