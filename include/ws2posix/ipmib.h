/* ws2posix: ipmib.h - the IPv4 address table of GetIpAddrTable
 * (src/iphlpapi/mib.c).  Clash-free (only the base types). */
#ifndef _IPMIB_
#define _IPMIB_
#include "ws2p/basetypes.h"
#include "ifdef.h"
#include "nldef.h"

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

/* The route and neighbour tables (GetIpForwardTable, GetIpNetTable): types
 * only, the functions arrive with their implementation. */
typedef enum {
    MIB_IPROUTE_TYPE_OTHER = 1,
    MIB_IPROUTE_TYPE_INVALID = 2,
    MIB_IPROUTE_TYPE_DIRECT = 3,
    MIB_IPROUTE_TYPE_INDIRECT = 4
} MIB_IPFORWARD_TYPE;

typedef NL_ROUTE_PROTOCOL MIB_IPFORWARD_PROTO; /* the MIB_IPPROTO_* values are nldef.h's */

typedef struct _MIB_IPFORWARDROW {
    DWORD dwForwardDest;
    DWORD dwForwardMask;
    DWORD dwForwardPolicy;
    DWORD dwForwardNextHop;
    IF_INDEX dwForwardIfIndex;
    __extension__ union {
        DWORD dwForwardType;
        MIB_IPFORWARD_TYPE ForwardType;
    };
    __extension__ union {
        DWORD dwForwardProto;
        MIB_IPFORWARD_PROTO ForwardProto;
    };
    DWORD dwForwardAge;
    DWORD dwForwardNextHopAS;
    DWORD dwForwardMetric1;
    DWORD dwForwardMetric2;
    DWORD dwForwardMetric3;
    DWORD dwForwardMetric4;
    DWORD dwForwardMetric5;
} MIB_IPFORWARDROW, *PMIB_IPFORWARDROW;

typedef struct _MIB_IPFORWARDTABLE {
    DWORD dwNumEntries;
    MIB_IPFORWARDROW table[ANY_SIZE];
} MIB_IPFORWARDTABLE, *PMIB_IPFORWARDTABLE;

typedef enum {
    MIB_IPNET_TYPE_OTHER = 1,
    MIB_IPNET_TYPE_INVALID = 2,
    MIB_IPNET_TYPE_DYNAMIC = 3,
    MIB_IPNET_TYPE_STATIC = 4
} MIB_IPNET_TYPE;

#ifndef MAXLEN_PHYSADDR
#define MAXLEN_PHYSADDR 8
#endif
typedef struct _MIB_IPNETROW_LH {
    IF_INDEX dwIndex;
    DWORD dwPhysAddrLen;
    UCHAR bPhysAddr[MAXLEN_PHYSADDR];
    DWORD dwAddr;
    __extension__ union {
        DWORD dwType;
        MIB_IPNET_TYPE Type;
    };
} MIB_IPNETROW_LH, *PMIB_IPNETROW_LH;
typedef MIB_IPNETROW_LH MIB_IPNETROW, *PMIB_IPNETROW;

typedef struct _MIB_IPNETTABLE {
    DWORD dwNumEntries;
    MIB_IPNETROW table[ANY_SIZE];
} MIB_IPNETTABLE, *PMIB_IPNETTABLE;
#endif
