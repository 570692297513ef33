/* ws2posix: ipmib.h - the IPv4 address table of GetIpAddrTable
 * (src/iphlpapi/mib.c).  Clash-free (only the base types). */
#ifndef _IPMIB_
#define _IPMIB_
#include "ws2p/basetypes.h"
#include "ifdef.h"

#ifndef ANY_SIZE
#define ANY_SIZE 1
#endif

#define MIB_IPADDR_PRIMARY 0x0001
#define MIB_IPADDR_DYNAMIC 0x0004
#define MIB_IPADDR_DISCONNECTED 0x0008
#define MIB_IPADDR_DELETED 0x0040
#define MIB_IPADDR_TRANSIENT 0x0080
#define MIB_IPADDR_DNS_ELIGIBLE 0x0100

/* dwAddr, dwMask in network order; dwBCastAddr holds only the low bit of
 * the broadcast address (1 here, as on Windows: Wine's tests). */
typedef struct _MIB_IPADDRROW_XP {
    DWORD dwAddr;
    IF_INDEX dwIndex;
    DWORD dwMask;
    DWORD dwBCastAddr;
    DWORD dwReasmSize;
    unsigned short unused1;
    unsigned short wType;
} MIB_IPADDRROW_XP, *PMIB_IPADDRROW_XP;
typedef MIB_IPADDRROW_XP MIB_IPADDRROW, *PMIB_IPADDRROW;

typedef struct _MIB_IPADDRTABLE {
    DWORD dwNumEntries;
    MIB_IPADDRROW table[ANY_SIZE];
} MIB_IPADDRTABLE, *PMIB_IPADDRTABLE;
#define SIZEOF_IPADDRTABLE(x) (offsetof(MIB_IPADDRTABLE, table) + (x) * sizeof(MIB_IPADDRROW))
#endif
