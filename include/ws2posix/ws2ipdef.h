/* ws2posix: ws2ipdef.h - IPv6 addresses, IP/IPv6/TCP option numbers and the
 * multicast request structures, with Windows' values. */
#ifndef _WS2IPDEF_
#define _WS2IPDEF_
#include "ws2def.h"
#include <string.h>

typedef struct in6_addr {
    union {
        UCHAR Byte[16];
        USHORT Word[8];
    } u;
} IN6_ADDR, *PIN6_ADDR, FAR *LPIN6_ADDR;
#define in_addr6 in6_addr
#define _S6_un u
#define _S6_u8 Byte
#define s6_addr _S6_un._S6_u8
#define s6_bytes u.Byte
#define s6_words u.Word

typedef struct sockaddr_in6 {
    ADDRESS_FAMILY sin6_family;
    USHORT sin6_port;
    ULONG sin6_flowinfo;
    IN6_ADDR sin6_addr;
    WS2P_EXT union {
        ULONG sin6_scope_id;
        SCOPE_ID sin6_scope_struct;
    };
} SOCKADDR_IN6, *PSOCKADDR_IN6, FAR *LPSOCKADDR_IN6;
typedef SOCKADDR_IN6 SOCKADDR_IN6_LH, *PSOCKADDR_IN6_LH;

typedef union _SOCKADDR_INET {
    SOCKADDR_IN Ipv4;
    SOCKADDR_IN6 Ipv6;
    ADDRESS_FAMILY si_family;
} SOCKADDR_INET, *PSOCKADDR_INET;

/* The 24-byte IPv6 address without a scope, and the union in which
 * SIO_GET_INTERFACE_LIST's INTERFACE_INFO (76 bytes) holds addresses. */
struct sockaddr_in6_old {
    SHORT sin6_family;
    USHORT sin6_port;
    ULONG sin6_flowinfo;
    IN6_ADDR sin6_addr;
};
typedef union sockaddr_gen {
    struct sockaddr Address;
    struct sockaddr_in AddressIn;
    struct sockaddr_in6_old AddressIn6;
} sockaddr_gen;
typedef struct _INTERFACE_INFO {
    ULONG iiFlags;
    sockaddr_gen iiAddress;
    sockaddr_gen iiBroadcastAddress;
    sockaddr_gen iiNetmask;
} INTERFACE_INFO, FAR *LPINTERFACE_INFO;
typedef struct _INTERFACE_INFO_EX {
    ULONG iiFlags;
    SOCKET_ADDRESS iiAddress;
    SOCKET_ADDRESS iiBroadcastAddress;
    SOCKET_ADDRESS iiNetmask;
} INTERFACE_INFO_EX, FAR *LPINTERFACE_INFO_EX;
#define IFF_UP 0x00000001
#define IFF_BROADCAST 0x00000002
#define IFF_LOOPBACK 0x00000004
#define IFF_POINTTOPOINT 0x00000008
#define IFF_MULTICAST 0x00000010
/* _IOR('t', 127, ULONG) and _IOR('t', 126, ULONG) (winsock2.h's _IOR). */
#define SIO_GET_INTERFACE_LIST 0x4004747Fu
#define SIO_GET_INTERFACE_LIST_EX 0x4004747Eu

WS2P_BEGIN_DECLS
extern const struct in6_addr in6addr_any WS2P_SYM(in6addr_any);
extern const struct in6_addr in6addr_loopback WS2P_SYM(in6addr_loopback);
WS2P_END_DECLS
#define IN6ADDR_ANY_INIT {{{0}}}
#define IN6ADDR_LOOPBACK_INIT {{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}}}
#define IN6ADDR_ALLNODESONNODE_INIT {{{0xff, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01}}}
#define IN6ADDR_ALLNODESONLINK_INIT {{{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01}}}
#define IN6ADDR_ALLROUTERSONLINK_INIT {{{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02}}}
#define IN6ADDR_ALLMLDV2ROUTERSONLINK_INIT {{{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x16}}}
#define IN6ADDR_TEREDOINITIALLINKLOCALADDRESS_INIT \
    {{{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe}}}
#define IN6ADDR_TEREDOOLDLINKLOCALADDRESSXP_INIT {{{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 'T', 'E', 'R', 'E', 'D', 'O'}}}
#define IN6ADDR_LINKLOCALPREFIX_INIT {{{0xfe, 0x80}}}
#define IN6ADDR_LINKLOCALPREFIX_LENGTH 64
#define IN6ADDR_MULTICASTPREFIX_INIT {{{0xff, 0x00}}}
#define IN6ADDR_MULTICASTPREFIX_LENGTH 8
#define IN6ADDR_SOLICITEDNODEMULTICASTPREFIX_INIT {{{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff}}}
#define IN6ADDR_SOLICITEDNODEMULTICASTPREFIX_LENGTH 104
#define IN6ADDR_V4MAPPEDPREFIX_INIT {{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}}}
#define IN6ADDR_V4MAPPEDPREFIX_LENGTH 96
#define IN6ADDR_6TO4PREFIX_INIT {{{0x20, 0x02}}}
#define IN6ADDR_6TO4PREFIX_LENGTH 16
#define IN6ADDR_TEREDOPREFIX_INIT {{{0x20, 0x01, 0, 0}}}
#define IN6ADDR_TEREDOPREFIX_INIT_OLD {{{0x3f, 0xfe, 0x83, 0x1f}}}
#define IN6ADDR_TEREDOPREFIX_LENGTH 32

/* The IN6_* / IN6ADDR_* helpers are inline functions, as in the SDK (so
 * they type-check; a program's own #ifndef'd macro still wins). */
WS2P_INLINE BOOLEAN IN6_ADDR_EQUAL(const IN6_ADDR *x, const IN6_ADDR *y)
{
    return memcmp(x, y, sizeof(IN6_ADDR)) == 0;
}
WS2P_INLINE BOOLEAN IN6_IS_ADDR_UNSPECIFIED(const IN6_ADDR *a)
{
    static const IN6_ADDR any = IN6ADDR_ANY_INIT;
    return IN6_ADDR_EQUAL(a, &any);
}
WS2P_INLINE BOOLEAN IN6_IS_ADDR_LOOPBACK(const IN6_ADDR *a)
{
    static const IN6_ADDR lo = IN6ADDR_LOOPBACK_INIT;
    return IN6_ADDR_EQUAL(a, &lo);
}
WS2P_INLINE BOOLEAN IN6_IS_ADDR_MULTICAST(const IN6_ADDR *a)
{
    return a->u.Byte[0] == 0xff;
}
/* Format prefixes 001 to 111 (not multicast) use 64-bit interface ids. */
WS2P_INLINE BOOLEAN IN6_IS_ADDR_EUI64(const IN6_ADDR *a)
{
    return (a->u.Byte[0] & 0xe0) != 0 && !IN6_IS_ADDR_MULTICAST(a);
}
/* RFC 4291: a subnet prefix with an all-zero interface id. */
WS2P_INLINE BOOLEAN IN6_IS_ADDR_SUBNET_ROUTER_ANYCAST(const IN6_ADDR *a)
{
    int i;
    for (i = 8; i < 16; i++)
        if (a->u.Byte[i])
            return FALSE;
    return IN6_IS_ADDR_EUI64(a);
}
/* RFC 2526: interface ids fdff:ffff:ffff:ff80 to fdff:ffff:ffff:ffff. */
WS2P_INLINE BOOLEAN IN6_IS_ADDR_SUBNET_RESERVED_ANYCAST(const IN6_ADDR *a)
{
    int i;
    if (a->u.Byte[8] != 0xfd || (a->u.Byte[15] & 0x80) == 0)
        return FALSE;
    for (i = 9; i < 15; i++)
        if (a->u.Byte[i] != 0xff)
            return FALSE;
    return IN6_IS_ADDR_EUI64(a);
}
WS2P_INLINE BOOLEAN IN6_IS_ADDR_ANYCAST(const IN6_ADDR *a)
{
    return IN6_IS_ADDR_SUBNET_RESERVED_ANYCAST(a) || IN6_IS_ADDR_SUBNET_ROUTER_ANYCAST(a);
}
WS2P_INLINE BOOLEAN IN6_IS_ADDR_LINKLOCAL(const IN6_ADDR *a)
{
    return a->u.Byte[0] == 0xfe && (a->u.Byte[1] & 0xc0) == 0x80;
}
WS2P_INLINE BOOLEAN IN6_IS_ADDR_SITELOCAL(const IN6_ADDR *a)
{
    return a->u.Byte[0] == 0xfe && (a->u.Byte[1] & 0xc0) == 0xc0;
}
WS2P_INLINE BOOLEAN IN6_IS_ADDR_GLOBAL(const IN6_ADDR *a)
{
    unsigned high = a->u.Byte[0] & 0xf0;
    return high != 0 && high != 0xf0;
}
WS2P_INLINE BOOLEAN IN6_IS_ADDR_V4MAPPED(const IN6_ADDR *a)
{
    static const UCHAR prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    return memcmp(a->u.Byte, prefix, sizeof prefix) == 0;
}
/* ::a.b.c.d, except :: and ::1. */
WS2P_INLINE BOOLEAN IN6_IS_ADDR_V4COMPAT(const IN6_ADDR *a)
{
    int i;
    for (i = 0; i < 12; i++)
        if (a->u.Byte[i])
            return FALSE;
    return !(a->u.Byte[12] == 0 && a->u.Byte[13] == 0 && a->u.Byte[14] == 0 && a->u.Byte[15] <= 1);
}
/* ::ffff:0:a.b.c.d (RFC 2765). */
WS2P_INLINE BOOLEAN IN6_IS_ADDR_V4TRANSLATED(const IN6_ADDR *a)
{
    static const UCHAR prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0};
    return memcmp(a->u.Byte, prefix, sizeof prefix) == 0;
}
WS2P_INLINE BOOLEAN IN6_IS_ADDR_MC_NODELOCAL(const IN6_ADDR *a)
{
    return IN6_IS_ADDR_MULTICAST(a) && (a->u.Byte[1] & 0xf) == 1;
}
WS2P_INLINE BOOLEAN IN6_IS_ADDR_MC_LINKLOCAL(const IN6_ADDR *a)
{
    return IN6_IS_ADDR_MULTICAST(a) && (a->u.Byte[1] & 0xf) == 2;
}
WS2P_INLINE BOOLEAN IN6_IS_ADDR_MC_SITELOCAL(const IN6_ADDR *a)
{
    return IN6_IS_ADDR_MULTICAST(a) && (a->u.Byte[1] & 0xf) == 5;
}
WS2P_INLINE BOOLEAN IN6_IS_ADDR_MC_ORGLOCAL(const IN6_ADDR *a)
{
    return IN6_IS_ADDR_MULTICAST(a) && (a->u.Byte[1] & 0xf) == 8;
}
WS2P_INLINE BOOLEAN IN6_IS_ADDR_MC_GLOBAL(const IN6_ADDR *a)
{
    return IN6_IS_ADDR_MULTICAST(a) && (a->u.Byte[1] & 0xf) == 0xe;
}
WS2P_INLINE VOID IN6_SET_ADDR_UNSPECIFIED(PIN6_ADDR a)
{
    memset(a, 0, sizeof(IN6_ADDR));
}
WS2P_INLINE VOID IN6_SET_ADDR_LOOPBACK(PIN6_ADDR a)
{
    memset(a, 0, sizeof(IN6_ADDR));
    a->u.Byte[15] = 1;
}
WS2P_INLINE VOID IN6ADDR_SETANY(PSOCKADDR_IN6 a)
{
    memset(a, 0, sizeof(SOCKADDR_IN6));
    a->sin6_family = AF_INET6;
}
WS2P_INLINE VOID IN6ADDR_SETLOOPBACK(PSOCKADDR_IN6 a)
{
    IN6ADDR_SETANY(a);
    a->sin6_addr.u.Byte[15] = 1;
}
WS2P_INLINE BOOLEAN IN6ADDR_ISANY(const SOCKADDR_IN6 *a)
{
    return a->sin6_family == AF_INET6 && IN6_IS_ADDR_UNSPECIFIED(&a->sin6_addr);
}
WS2P_INLINE BOOLEAN IN6ADDR_ISLOOPBACK(const SOCKADDR_IN6 *a)
{
    return a->sin6_family == AF_INET6 && a->sin6_scope_id == 0 && IN6_IS_ADDR_LOOPBACK(&a->sin6_addr);
}
WS2P_INLINE BOOLEAN IN6ADDR_ISEQUAL(const SOCKADDR_IN6 *a, const SOCKADDR_IN6 *b)
{
    return a->sin6_family == AF_INET6 && b->sin6_family == AF_INET6 && a->sin6_scope_id == b->sin6_scope_id &&
           IN6_ADDR_EQUAL(&a->sin6_addr, &b->sin6_addr);
}
WS2P_INLINE BOOLEAN IN6ADDR_ISUNSPECIFIED(const SOCKADDR_IN6 *a)
{
    return a->sin6_family == AF_INET6 && a->sin6_scope_id == 0 && IN6_IS_ADDR_UNSPECIFIED(&a->sin6_addr);
}

typedef struct ip_mreq {
    IN_ADDR imr_multiaddr;
    IN_ADDR imr_interface;
} IP_MREQ, *PIP_MREQ;

typedef struct ip_mreq_source {
    IN_ADDR imr_multiaddr;
    IN_ADDR imr_sourceaddr;
    IN_ADDR imr_interface;
} IP_MREQ_SOURCE, *PIP_MREQ_SOURCE;

typedef struct ipv6_mreq {
    IN6_ADDR ipv6mr_multiaddr;
    ULONG ipv6mr_interface;
} IPV6_MREQ, *PIPV6_MREQ;

typedef struct in_pktinfo {
    IN_ADDR ipi_addr;
    ULONG ipi_ifindex;
} IN_PKTINFO, *PIN_PKTINFO;

typedef struct in6_pktinfo {
    IN6_ADDR ipi6_addr;
    ULONG ipi6_ifindex;
} IN6_PKTINFO, *PIN6_PKTINFO;

#define IP_OPTIONS 1
#define IP_HDRINCL 2
#define IP_TOS 3
#define IP_TTL 4
#define IP_MULTICAST_IF 9
#define IP_MULTICAST_TTL 10
#define IP_MULTICAST_LOOP 11
#define IP_ADD_MEMBERSHIP 12
#define IP_DROP_MEMBERSHIP 13
#define IP_DONTFRAGMENT 14
#define IP_ADD_SOURCE_MEMBERSHIP 15
#define IP_DROP_SOURCE_MEMBERSHIP 16
#define IP_BLOCK_SOURCE 17
#define IP_UNBLOCK_SOURCE 18
#define IP_PKTINFO 19
#define IP_RECEIVE_BROADCAST 22
#define IP_RECVIF 24
#define IP_RECVDSTADDR 25
#define IP_HOPLIMIT 21
#define IP_RECVTTL 21
#define IP_IFLIST 28
#define IP_ADD_IFLIST 29
#define IP_DEL_IFLIST 30
#define IP_UNICAST_IF 31
#define IP_RTHDR 32
#define IP_GET_IFLIST 33
#define IP_RECVRTHDR 38
#define IP_TCLASS 39
#define IP_RECVTCLASS 40
#define IP_RECVTOS 40
#define IP_ORIGINAL_ARRIVAL_IF 47
#define IP_ECN 50
#define IP_PKTINFO_EX 51
#define IP_WFP_REDIRECT_RECORDS 60
#define IP_WFP_REDIRECT_CONTEXT 70
#define IP_MTU_DISCOVER 71
#define IP_MTU 73
#define IP_NRT_INTERFACE 74
#define IP_RECVERR 75
#define IP_USER_MTU 76

#define IPV6_HOPOPTS 1
#define IPV6_HDRINCL 2
#define IPV6_UNICAST_HOPS 4
#define IPV6_MULTICAST_IF 9
#define IPV6_MULTICAST_HOPS 10
#define IPV6_MULTICAST_LOOP 11
#define IPV6_ADD_MEMBERSHIP 12
#define IPV6_JOIN_GROUP IPV6_ADD_MEMBERSHIP
#define IPV6_DROP_MEMBERSHIP 13
#define IPV6_LEAVE_GROUP IPV6_DROP_MEMBERSHIP
#define IPV6_DONTFRAG 14
#define IPV6_PKTINFO 19
#define IPV6_HOPLIMIT 21
#define IPV6_PROTECTION_LEVEL 23
#define IPV6_RECVIF 24
#define IPV6_RECVDSTADDR 25
#define IPV6_CHECKSUM 26
#define IPV6_V6ONLY 27
#define IPV6_IFLIST 28
#define IPV6_ADD_IFLIST 29
#define IPV6_DEL_IFLIST 30
#define IPV6_UNICAST_IF 31
#define IPV6_RTHDR 32
#define IPV6_GET_IFLIST 33
#define IPV6_RECVRTHDR 38
#define IPV6_TCLASS 39
#define IPV6_RECVTCLASS 40
#define IPV6_ECN 50
#define IPV6_PKTINFO_EX 51
#define IPV6_WFP_REDIRECT_RECORDS 60
#define IPV6_WFP_REDIRECT_CONTEXT 70
#define IPV6_MTU_DISCOVER 71
#define IPV6_MTU 72
#define IPV6_NRT_INTERFACE 74
#define IPV6_RECVERR 75
#define IPV6_USER_MTU 76

#define TCP_NODELAY 0x0001
#define TCP_EXPEDITED_1122 0x0002
#define TCP_KEEPALIVE 3
#define TCP_MAXSEG 4
#define TCP_MAXRT 5
#define TCP_STDURG 6
#define TCP_NOURG 7
#define TCP_ATMARK 8
#define TCP_NOSYNRETRIES 9
#define TCP_TIMESTAMPS 10
#define TCP_CONGESTION_ALGORITHM 12
#define TCP_DELAY_FIN_ACK 13
#define TCP_MAXRTMS 14
#define TCP_FASTOPEN 15
#define TCP_KEEPCNT 16
#define TCP_KEEPIDLE TCP_KEEPALIVE
#define TCP_KEEPINTVL 17

#define UDP_NOCHECKSUM 1
#define UDP_CHECKSUM_COVERAGE 20

#define INET_ADDRSTRLEN 22
#define INET6_ADDRSTRLEN 65

#endif
