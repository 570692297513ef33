/* ws2posix: mstcpip.h - TCP/IP-specific ioctls and structures. */
#ifndef _MSTCPIP_
#define _MSTCPIP_
#include "winsock2.h"
#include "ws2ipdef.h"

struct tcp_keepalive {
    ULONG onoff;
    ULONG keepalivetime;
    ULONG keepaliveinterval;
};

#define SIO_RCVALL _WSAIOW(IOC_VENDOR, 1)
#define SIO_RCVALL_MCAST _WSAIOW(IOC_VENDOR, 2)
#define SIO_RCVALL_IGMPMCAST _WSAIOW(IOC_VENDOR, 3)
#define SIO_KEEPALIVE_VALS _WSAIOW(IOC_VENDOR, 4)
#define SIO_ABSORB_RTRALERT _WSAIOW(IOC_VENDOR, 5)
#define SIO_UCAST_IF _WSAIOW(IOC_VENDOR, 6)
#define SIO_LIMIT_BROADCASTS _WSAIOW(IOC_VENDOR, 7)
#define SIO_INDEX_BIND _WSAIOW(IOC_VENDOR, 8)
#define SIO_INDEX_MCASTIF _WSAIOW(IOC_VENDOR, 9)
#define SIO_INDEX_ADD_MCAST _WSAIOW(IOC_VENDOR, 10)
#define SIO_INDEX_DEL_MCAST _WSAIOW(IOC_VENDOR, 11)
#define SIO_UDP_CONNRESET _WSAIOW(IOC_VENDOR, 12)
#define SIO_UDP_NETRESET _WSAIOW(IOC_VENDOR, 15)
#define SIO_LOOPBACK_FAST_PATH _WSAIOW(IOC_VENDOR, 16)
#define SIO_TCP_INITIAL_RTO _WSAIOW(IOC_VENDOR, 17)

/* SIO_TCP_INITIAL_RTO's input: the initial round-trip time estimate (ms)
 * and the SYN retransmissions before the connect fails. */
typedef struct _TCP_INITIAL_RTO_PARAMETERS {
    USHORT Rtt;
    UCHAR MaxSynRetransmissions;
} TCP_INITIAL_RTO_PARAMETERS, *PTCP_INITIAL_RTO_PARAMETERS;
#define TCP_INITIAL_RTO_UNSPECIFIED_RTT ((USHORT)-1)
#define TCP_INITIAL_RTO_UNSPECIFIED_MAX_SYN_RETRANSMISSIONS ((UCHAR)-1)
#define TCP_INITIAL_RTO_DEFAULT_RTT (0)
#define TCP_INITIAL_RTO_DEFAULT_MAX_SYN_RETRANSMISSIONS (0)
#define TCP_INITIAL_RTO_NO_SYN_RETRANSMISSIONS ((UCHAR)-2)

#define RCVALL_OFF 0
#define RCVALL_ON 1
#define RCVALL_SOCKETLEVELONLY 2
#define RCVALL_IPLEVEL 3

/* ---- IPv4 address helpers (inline functions, as in the SDK) ------------ */
#define IN4ADDR_ANY INADDR_ANY
#define IN4ADDR_LOOPBACK 0x0100007f /* 127.0.0.1 in network order */
#define IN4ADDR_BROADCAST INADDR_BROADCAST
#define IN4ADDR_NONE INADDR_NONE
#define IN4ADDR_LOOPBACKPREFIX_LENGTH 8
#define IN4ADDR_LINKLOCALPREFIX_LENGTH 16
#define IN4ADDR_MULTICASTPREFIX_LENGTH 4

WS2P_INLINE BOOLEAN IN4_ADDR_EQUAL(const IN_ADDR *a, const IN_ADDR *b)
{
    return a->s_addr == b->s_addr;
}
WS2P_INLINE BOOLEAN IN4_UNALIGNED_ADDR_EQUAL(const IN_ADDR UNALIGNED *a, const IN_ADDR UNALIGNED *b)
{
    return memcmp(a, b, sizeof(IN_ADDR)) == 0;
}
WS2P_INLINE BOOLEAN IN4_IS_ADDR_UNSPECIFIED(const IN_ADDR *a)
{
    return a->s_addr == INADDR_ANY;
}
WS2P_INLINE BOOLEAN IN4_IS_UNALIGNED_ADDR_UNSPECIFIED(const IN_ADDR UNALIGNED *a)
{
    static const IN_ADDR any = {{{0, 0, 0, 0}}};
    return IN4_UNALIGNED_ADDR_EQUAL(a, &any);
}
/* 127.0.0.0/8 */
WS2P_INLINE BOOLEAN IN4_IS_ADDR_LOOPBACK(const IN_ADDR *a)
{
    return a->S_un.S_un_b.s_b1 == 127;
}
WS2P_INLINE BOOLEAN IN4_IS_UNALIGNED_ADDR_LOOPBACK(const IN_ADDR UNALIGNED *a)
{
    return *(const UCHAR *)a == 127;
}
WS2P_INLINE BOOLEAN IN4_IS_ADDR_BROADCAST(const IN_ADDR *a)
{
    return a->s_addr == INADDR_BROADCAST;
}
WS2P_INLINE BOOLEAN IN4_IS_UNALIGNED_ADDR_BROADCAST(const IN_ADDR UNALIGNED *a)
{
    static const IN_ADDR all = {{{0xff, 0xff, 0xff, 0xff}}};
    return IN4_UNALIGNED_ADDR_EQUAL(a, &all);
}
/* 224.0.0.0/4 */
WS2P_INLINE BOOLEAN IN4_IS_ADDR_MULTICAST(const IN_ADDR *a)
{
    return (a->S_un.S_un_b.s_b1 & 0xf0) == 0xe0;
}
WS2P_INLINE BOOLEAN IN4_IS_UNALIGNED_ADDR_MULTICAST(const IN_ADDR UNALIGNED *a)
{
    return (*(const UCHAR *)a & 0xf0) == 0xe0;
}
/* 169.254.0.0/16 */
WS2P_INLINE BOOLEAN IN4_IS_ADDR_LINKLOCAL(const IN_ADDR *a)
{
    return a->S_un.S_un_b.s_b1 == 169 && a->S_un.S_un_b.s_b2 == 254;
}
WS2P_INLINE BOOLEAN IN4_IS_UNALIGNED_ADDR_LINKLOCAL(const IN_ADDR UNALIGNED *a)
{
    return ((const UCHAR *)a)[0] == 169 && ((const UCHAR *)a)[1] == 254;
}
/* 224.0.0.0/24 */
WS2P_INLINE BOOLEAN IN4_IS_ADDR_MC_LINKLOCAL(const IN_ADDR *a)
{
    return a->S_un.S_un_b.s_b1 == 224 && a->S_un.S_un_b.s_b2 == 0 && a->S_un.S_un_b.s_b3 == 0;
}
/* 239.0.0.0/8 (RFC 2365) */
WS2P_INLINE BOOLEAN IN4_IS_ADDR_MC_ADMINLOCAL(const IN_ADDR *a)
{
    return a->S_un.S_un_b.s_b1 == 239;
}
/* 239.255.0.0/16 */
WS2P_INLINE BOOLEAN IN4_IS_ADDR_MC_SITELOCAL(const IN_ADDR *a)
{
    return a->S_un.S_un_b.s_b1 == 239 && a->S_un.S_un_b.s_b2 == 255;
}
/* 10/8, 172.16/12, 192.168/16 */
WS2P_INLINE BOOLEAN IN4_IS_ADDR_RFC1918(const IN_ADDR *a)
{
    const UCHAR *b = (const UCHAR *)a;
    return b[0] == 10 || (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168);
}
WS2P_INLINE BOOLEAN IN4_IS_UNALIGNED_ADDR_RFC1918(const IN_ADDR UNALIGNED *a)
{
    return IN4_IS_ADDR_RFC1918(a);
}
WS2P_INLINE VOID IN4ADDR_SETANY(PSOCKADDR_IN a)
{
    memset(a, 0, sizeof(SOCKADDR_IN));
    a->sin_family = AF_INET;
}
WS2P_INLINE VOID IN4ADDR_SETLOOPBACK(PSOCKADDR_IN a)
{
    IN4ADDR_SETANY(a);
    a->sin_addr.s_addr = IN4ADDR_LOOPBACK;
}
WS2P_INLINE BOOLEAN IN4ADDR_ISANY(const SOCKADDR_IN *a)
{
    return a->sin_family == AF_INET && IN4_IS_ADDR_UNSPECIFIED(&a->sin_addr);
}
WS2P_INLINE BOOLEAN IN4ADDR_ISLOOPBACK(const SOCKADDR_IN *a)
{
    return a->sin_family == AF_INET && IN4_IS_ADDR_LOOPBACK(&a->sin_addr);
}
WS2P_INLINE BOOLEAN IN4ADDR_ISEQUAL(const SOCKADDR_IN *a, const SOCKADDR_IN *b)
{
    return a->sin_family == AF_INET && b->sin_family == AF_INET && IN4_ADDR_EQUAL(&a->sin_addr, &b->sin_addr);
}
WS2P_INLINE BOOLEAN IN4ADDR_ISUNSPECIFIED(const SOCKADDR_IN *a)
{
    return IN4ADDR_ISANY(a);
}

/* ---- IPv6 helpers beyond ws2ipdef.h's ------------------------------------ */
/* 2002::/16 */
WS2P_INLINE BOOLEAN IN6_IS_ADDR_6TO4(const IN6_ADDR *a)
{
    return a->u.Byte[0] == 0x20 && a->u.Byte[1] == 0x02;
}
/* Interface id 0000:5efe:a.b.c.d or 0200:5efe:a.b.c.d. */
WS2P_INLINE BOOLEAN IN6_IS_ADDR_ISATAP(const IN6_ADDR *a)
{
    return (a->u.Byte[8] & 0xfd) == 0 && a->u.Byte[9] == 0 && a->u.Byte[10] == 0x5e && a->u.Byte[11] == 0xfe;
}
/* 2001::/32 */
WS2P_INLINE BOOLEAN IN6_IS_ADDR_TEREDO(const IN6_ADDR *a)
{
    return a->u.Byte[0] == 0x20 && a->u.Byte[1] == 0x01 && a->u.Byte[2] == 0 && a->u.Byte[3] == 0;
}
WS2P_INLINE const IN_ADDR *IN6_EXTRACT_V4ADDR_FROM_MAPPED(const IN6_ADDR *a)
{
    return (const IN_ADDR *)&a->u.Byte[12];
}
WS2P_INLINE const IN_ADDR *IN6_EXTRACT_V4ADDR_FROM_ISATAP(const IN6_ADDR *a)
{
    return (const IN_ADDR *)&a->u.Byte[12];
}
WS2P_INLINE const IN_ADDR *IN6_EXTRACT_V4ADDR_FROM_6TO4(const IN6_ADDR *a)
{
    return (const IN_ADDR *)&a->u.Byte[2];
}
WS2P_INLINE VOID IN6_SET_ADDR_V4MAPPED(PIN6_ADDR a6, const IN_ADDR *a4)
{
    memset(a6, 0, sizeof(IN6_ADDR));
    a6->u.Byte[10] = 0xff;
    a6->u.Byte[11] = 0xff;
    memcpy(&a6->u.Byte[12], a4, sizeof(IN_ADDR));
}
WS2P_INLINE VOID IN6_SET_ADDR_V4COMPAT(PIN6_ADDR a6, const IN_ADDR *a4)
{
    memset(a6, 0, sizeof(IN6_ADDR));
    memcpy(&a6->u.Byte[12], a4, sizeof(IN_ADDR));
}
WS2P_INLINE VOID IN6ADDR_SETV4MAPPED(PSOCKADDR_IN6 a6, const IN_ADDR *a4, SCOPE_ID scope, USHORT port)
{
    memset(a6, 0, sizeof(SOCKADDR_IN6));
    a6->sin6_family = AF_INET6;
    a6->sin6_port = port;
    a6->sin6_scope_struct = scope;
    IN6_SET_ADDR_V4MAPPED(&a6->sin6_addr, a4);
}

/* ---- family-independent helpers on a SOCKADDR (AF_INET or AF_INET6) ---- */
#define INET_ADDR_LENGTH(family) ((family) == AF_INET6 ? sizeof(IN6_ADDR) : sizeof(IN_ADDR))
#define INET_SOCKADDR_LENGTH(family) ((family) == AF_INET6 ? sizeof(SOCKADDR_IN6) : sizeof(SOCKADDR_IN))
WS2P_INLINE BOOLEAN INET_IS_ALIGNED(const void *p, ADDRESS_FAMILY family)
{
    return ((ULONG_PTR)p % (family == AF_INET6 ? sizeof(USHORT) : sizeof(ULONG))) == 0;
}
WS2P_INLINE BOOLEAN INETADDR_ISANY(const SOCKADDR *a)
{
    return a->sa_family == AF_INET6 ? IN6ADDR_ISANY((const SOCKADDR_IN6 *)a) : IN4ADDR_ISANY((const SOCKADDR_IN *)a);
}
WS2P_INLINE BOOLEAN INETADDR_ISLOOPBACK(const SOCKADDR *a)
{
    return a->sa_family == AF_INET6 ? IN6ADDR_ISLOOPBACK((const SOCKADDR_IN6 *)a)
                                    : IN4ADDR_ISLOOPBACK((const SOCKADDR_IN *)a);
}
WS2P_INLINE BOOLEAN INETADDR_ISEQUAL(const SOCKADDR *a, const SOCKADDR *b)
{
    if (a->sa_family == AF_INET6)
        return IN6ADDR_ISEQUAL((const SOCKADDR_IN6 *)a, (const SOCKADDR_IN6 *)b);
    return IN4ADDR_ISEQUAL((const SOCKADDR_IN *)a, (const SOCKADDR_IN *)b);
}
WS2P_INLINE BOOLEAN INETADDR_ISUNSPECIFIED(const SOCKADDR *a)
{
    return a->sa_family == AF_INET6 ? IN6ADDR_ISUNSPECIFIED((const SOCKADDR_IN6 *)a)
                                    : IN4ADDR_ISUNSPECIFIED((const SOCKADDR_IN *)a);
}
/* The port in network order. */
WS2P_INLINE USHORT INETADDR_PORT(const SOCKADDR *a)
{
    return a->sa_family == AF_INET6 ? ((const SOCKADDR_IN6 *)a)->sin6_port : ((const SOCKADDR_IN *)a)->sin_port;
}
WS2P_INLINE VOID INETADDR_SET_PORT(PSOCKADDR a, USHORT port)
{
    if (a->sa_family == AF_INET6)
        ((PSOCKADDR_IN6)a)->sin6_port = port;
    else
        ((PSOCKADDR_IN)a)->sin_port = port;
}
WS2P_INLINE const UCHAR *INETADDR_ADDRESS(const SOCKADDR *a)
{
    if (a->sa_family == AF_INET6)
        return ((const SOCKADDR_IN6 *)a)->sin6_addr.u.Byte;
    return (const UCHAR *)&((const SOCKADDR_IN *)a)->sin_addr;
}
WS2P_INLINE VOID INETADDR_SET_ADDRESS(PSOCKADDR a, const UCHAR *address)
{
    if (a->sa_family == AF_INET6)
        memcpy(&((PSOCKADDR_IN6)a)->sin6_addr, address, sizeof(IN6_ADDR));
    else
        memcpy(&((PSOCKADDR_IN)a)->sin_addr, address, sizeof(IN_ADDR));
}
WS2P_INLINE SCOPE_ID INETADDR_SCOPE_ID(const SOCKADDR *a)
{
    SCOPE_ID none;
    if (a->sa_family == AF_INET6)
        return ((const SOCKADDR_IN6 *)a)->sin6_scope_struct;
    none.Value = 0;
    return none;
}
/* The family is the caller's: set sa_family first. */
WS2P_INLINE VOID INETADDR_SETANY(PSOCKADDR a)
{
    if (a->sa_family == AF_INET6)
        IN6ADDR_SETANY((PSOCKADDR_IN6)a);
    else
        IN4ADDR_SETANY((PSOCKADDR_IN)a);
}
WS2P_INLINE VOID INETADDR_SETLOOPBACK(PSOCKADDR a)
{
    if (a->sa_family == AF_INET6)
        IN6ADDR_SETLOOPBACK((PSOCKADDR_IN6)a);
    else
        IN4ADDR_SETLOOPBACK((PSOCKADDR_IN)a);
}

#endif
