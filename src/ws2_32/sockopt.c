/* setsockopt / getsockopt (Windows' SO_REUSEADDR / SO_EXCLUSIVEADDRUSE
 * binding rules are applied at bind: src/core/bindtab.c).
 *
 * One table row per Windows (level, option): the Linux option it becomes,
 * how its value travels (kind) and which optlen rule Windows applies to it.
 * The optlen rules come from Wine's sock.c test_set_getsockopt (test_optsize),
 * which runs on real Windows. */
#include "core.h"
#include <linux/filter.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>

/* optlen rules (test_optsize).  "short" = 1..3 bytes. */
enum {
    L_BOOL,   /* SOL_SOCKET BOOL: set with 0 or -1 bytes works, short sets read that many bytes;
                 short gets write that many bytes but report optlen 1 */
    L_BYTE,   /* BOOLEAN-like: set reads 1 byte of any positive length; get writes 1 byte, optlen 1 */
    L_INT,    /* SOL_SOCKET int: set with -1 works (4 bytes), short -> WSAEFAULT; short get -> WSAEFAULT, untouched */
    L_INTZ,   /* as L_INT, but a short get zeroes the bytes it was given (SO_LINGER, SO_RCVBUF, SO_SNDBUF) */
    L_SHORT,  /* IP TTL-like: short sets read that many bytes; short gets write 1 byte, optlen 1 */
    L_STRICT, /* needs the full size: short set/get -> WSAEFAULT, short get reports optlen 0 */
};

enum {
    V_INT,        /* Linux int */
    V_BOOL,       /* Linux int, 0/1 both ways */
    V_FLAG,       /* kept in sk->flags only */
    V_REUSE,      /* SO_REUSEADDR / SO_EXCLUSIVEADDRUSE: flags, applied at bind */
    V_LINGER,     /* Windows u_short pair <-> Linux int pair */
    V_DONTLINGER, /* inverse of linger.l_onoff */
    V_RCVBUF,
    V_SNDBUF,
    V_RCVTIMEO, /* DWORD ms <-> struct timeval */
    V_SNDTIMEO,
    V_ERROR,
    V_TYPE,
    V_V6ONLY,
    V_STRUCT, /* passed as is (layouts match), size bytes */
    V_MAXRT,  /* TCP_MAXRT (s) / TCP_MAXRTMS (ms) <-> TCP_USER_TIMEOUT (ms) */
    V_ZERO,   /* Windows-only, nothing on Linux does it: reads 0, a set is accepted (traced) */
    V_DONTFRAG, /* IP_DONTFRAGMENT <-> IP_MTU_DISCOVER DO / WANT */
    V_PMTU,   /* IP(V6)_MTU_DISCOVER: Windows' IP_PMTUDISC_* numbers; NOT_SET cannot be set */
    V_RAW,    /* IP_OPTIONS: bytes passed as they are, any length up to 40 */
    V_MAXMSG, /* SO_MAX_MSG_SIZE: the catalog's dwMessageSize (src/ws2_32/protocol.c) */
    V_CONNTIME, /* SO_CONNECT_TIME: seconds connected, ~0 when not */
    V_PROTOINFO, /* SO_PROTOCOL_INFOA/W: the catalog row, a whole structure */
    V_BSP,    /* SO_BSP_STATE: a CSADDR_INFO and the addresses it points at (get_bsp_state) */
};

enum {
    O_NOGET = 1u << 0,     /* set-only: getsockopt says WSAENOPROTOOPT */
    O_NOSET = 1u << 1,     /* read-only: setsockopt says WSAENOPROTOOPT */
    O_STREAM = 1u << 2,    /* stream sockets only, WSAENOPROTOOPT otherwise */
    O_DGRAM = 1u << 3,     /* getsockopt on a stream socket: WSAEINVAL (test_sockopt_validity) */
    O_MAX255 = 1u << 4,    /* values above 255 -> WSAEINVAL */
    O_RAW = 1u << 5,       /* raw sockets only, WSAEINVAL otherwise */
    O_EINVAL = 1u << 6,    /* known, and refused with WSAEINVAL (IP_GET_IFLIST) */
};

struct opt {
    int wlevel, wname; /* Windows */
    int level, name;   /* Linux */
    unsigned char len, kind, size, flags;
    uint32_t wsf; /* flag mirrored in sk->flags */
};

#define SOL(w, l, len, kind, fl, wsf) {WS_SOL_SOCKET, WS_##w, SOL_SOCKET, l, len, kind, 4, fl, wsf}
static const struct opt opts[] = {
    SOL(SO_DEBUG, 0, L_INT, V_FLAG, 0, WSF_DEBUG),
    SOL(SO_ACCEPTCONN, SO_ACCEPTCONN, L_INT, V_BOOL, O_NOSET, 0),
    SOL(SO_REUSEADDR, 0, L_BOOL, V_REUSE, 0, WSF_REUSEADDR),
    SOL(SO_EXCLUSIVEADDRUSE, 0, L_BOOL, V_REUSE, 0, WSF_EXCLUSIVE),
    SOL(SO_KEEPALIVE, SO_KEEPALIVE, L_BYTE, V_BOOL, 0, 0),
    SOL(SO_DONTROUTE, SO_DONTROUTE, L_BYTE, V_BOOL, 0, 0),
    SOL(SO_BROADCAST, SO_BROADCAST, L_BOOL, V_BOOL, 0, WSF_BROADCAST),
    SOL(SO_LINGER, SO_LINGER, L_INTZ, V_LINGER, O_STREAM, 0),
    SOL(SO_DONTLINGER, SO_LINGER, L_BOOL, V_DONTLINGER, O_STREAM, 0),
    SOL(SO_OOBINLINE, SO_OOBINLINE, L_BOOL, V_BOOL, 0, WSF_OOBINLINE),
    SOL(SO_SNDBUF, SO_SNDBUF, L_INTZ, V_SNDBUF, 0, 0),
    SOL(SO_RCVBUF, SO_RCVBUF, L_INTZ, V_RCVBUF, 0, 0),
    SOL(SO_SNDTIMEO, SO_SNDTIMEO, L_INT, V_SNDTIMEO, 0, 0),
    SOL(SO_RCVTIMEO, SO_RCVTIMEO, L_INT, V_RCVTIMEO, 0, 0),
    SOL(SO_ERROR, SO_ERROR, L_INT, V_ERROR, 0, 0),
    SOL(SO_TYPE, SO_TYPE, L_INT, V_TYPE, O_NOSET, 0),
    SOL(SO_MAX_MSG_SIZE, 0, L_INT, V_MAXMSG, O_NOSET, 0),
    SOL(SO_CONNECT_TIME, 0, L_INT, V_CONNTIME, O_NOSET, 0),
    SOL(SO_PROTOCOL_INFOA, 0, L_STRICT, V_PROTOINFO, O_NOSET, 0),
    SOL(SO_PROTOCOL_INFOW, 1, L_STRICT, V_PROTOINFO, O_NOSET, 0), /* name 1: the W form */
    /* Kept for WSAAccept; the kernel accepts before any condition function
     * runs either way (src/ws2_32/accept.c). */
    SOL(SO_CONDITIONAL_ACCEPT, 0, L_BOOL, V_FLAG, 0, WSF_COND_ACCEPT),
    SOL(SO_BSP_STATE, 0, L_STRICT, V_BSP, O_NOSET, 0),

    {WS_IPPROTO_TCP, WS_TCP_NODELAY, IPPROTO_TCP, TCP_NODELAY, L_BYTE, V_BOOL, 1, O_STREAM, 0},
    /* TCP_KEEPALIVE is the idle time in seconds, Linux's TCP_KEEPIDLE. */
    {WS_IPPROTO_TCP, WS_TCP_KEEPALIVE, IPPROTO_TCP, TCP_KEEPIDLE, L_STRICT, V_INT, 4, O_STREAM, 0},
    {WS_IPPROTO_TCP, WS_TCP_KEEPCNT, IPPROTO_TCP, TCP_KEEPCNT, L_STRICT, V_INT, 4, O_STREAM | O_MAX255, 0},
    {WS_IPPROTO_TCP, WS_TCP_KEEPINTVL, IPPROTO_TCP, TCP_KEEPINTVL, L_STRICT, V_INT, 4, O_STREAM, 0},
    /* How long TCP retransmits, the SYN included, before WSAETIMEDOUT; -1 is
     * "for ever" (TCP_MAXRT docs).  Linux's TCP_USER_TIMEOUT is the same
     * limit in ms (0: the kernel's own retry counts). */
    {WS_IPPROTO_TCP, WS_TCP_MAXRT, IPPROTO_TCP, TCP_USER_TIMEOUT, L_STRICT, V_MAXRT, 4, O_STREAM, 0},
    {WS_IPPROTO_TCP, WS_TCP_MAXRTMS, IPPROTO_TCP, TCP_USER_TIMEOUT, L_STRICT, V_MAXRT, 4, O_STREAM, 0},

    {WS_IPPROTO_IP, WS_IP_HDRINCL, IPPROTO_IP, IP_HDRINCL, L_STRICT, V_BOOL, 4, O_RAW, 0},
    {WS_IPPROTO_IP, WS_IP_TOS, IPPROTO_IP, IP_TOS, L_SHORT, V_INT, 4, O_MAX255, 0},
    {WS_IPPROTO_IP, WS_IP_TTL, IPPROTO_IP, IP_TTL, L_SHORT, V_INT, 4, O_MAX255, 0},
    {WS_IPPROTO_IP, WS_IP_MULTICAST_IF, IPPROTO_IP, IP_MULTICAST_IF, L_STRICT, V_INT, 4, O_DGRAM, 0},
    {WS_IPPROTO_IP, WS_IP_MULTICAST_TTL, IPPROTO_IP, IP_MULTICAST_TTL, L_SHORT, V_INT, 4, O_DGRAM | O_MAX255, 0},
    {WS_IPPROTO_IP, WS_IP_MULTICAST_LOOP, IPPROTO_IP, IP_MULTICAST_LOOP, L_SHORT, V_BOOL, 4, O_DGRAM, 0},
    {WS_IPPROTO_IP, WS_IP_ADD_MEMBERSHIP, IPPROTO_IP, IP_ADD_MEMBERSHIP, L_STRICT, V_STRUCT, 8, O_NOGET, 0},
    {WS_IPPROTO_IP, WS_IP_DROP_MEMBERSHIP, IPPROTO_IP, IP_DROP_MEMBERSHIP, L_STRICT, V_STRUCT, 8, O_NOGET, 0},
    {WS_IPPROTO_IP, WS_IP_PKTINFO, IPPROTO_IP, IP_PKTINFO, L_STRICT, V_BOOL, 4, O_DGRAM, 0},
    /* The rest of sock.c test_sockopt_validity: which options each socket
     * type knows and what Windows answers; those without a Linux
     * counterpart read 0 and accept a set. */
    {WS_IPPROTO_IP, WS_IP_OPTIONS, IPPROTO_IP, IP_OPTIONS, L_STRICT, V_RAW, 40, 0, 0},
    {WS_IPPROTO_IP, WS_IP_DONTFRAGMENT, IPPROTO_IP, IP_MTU_DISCOVER, L_BOOL, V_DONTFRAG, 4, 0, 0},
    {WS_IPPROTO_IP, WS_IP_RECVTTL, IPPROTO_IP, IP_RECVTTL, L_STRICT, V_BOOL, 4, O_DGRAM, 0},
    {WS_IPPROTO_IP, WS_IP_RECEIVE_BROADCAST, 0, 0, L_STRICT, V_ZERO, 4, O_DGRAM, 0},
    {WS_IPPROTO_IP, WS_IP_RECVIF, 0, 0, L_STRICT, V_ZERO, 4, O_DGRAM, 0},
    {WS_IPPROTO_IP, WS_IP_RECVDSTADDR, 0, 0, L_STRICT, V_ZERO, 4, O_DGRAM, 0},
    {WS_IPPROTO_IP, WS_IP_IFLIST, 0, 0, L_STRICT, V_ZERO, 4, 0, 0},
    {WS_IPPROTO_IP, WS_IP_UNICAST_IF, IPPROTO_IP, IP_UNICAST_IF, L_STRICT, V_INT, 4, 0, 0},
    {WS_IPPROTO_IP, WS_IP_RTHDR, 0, 0, L_STRICT, V_ZERO, 4, 0, 0},
    {WS_IPPROTO_IP, WS_IP_GET_IFLIST, 0, 0, L_STRICT, V_ZERO, 4, O_EINVAL, 0},
    {WS_IPPROTO_IP, WS_IP_RECVRTHDR, 0, 0, L_STRICT, V_ZERO, 4, O_DGRAM, 0},
    {WS_IPPROTO_IP, WS_IP_RECVTOS, IPPROTO_IP, IP_RECVTOS, L_STRICT, V_BOOL, 4, O_DGRAM, 0},
    {WS_IPPROTO_IP, WS_IP_ORIGINAL_ARRIVAL_IF, 0, 0, L_STRICT, V_ZERO, 4, O_DGRAM, 0},
    {WS_IPPROTO_IP, WS_IP_ECN, 0, 0, L_STRICT, V_ZERO, 4, O_DGRAM, 0},
    {WS_IPPROTO_IP, WS_IP_PKTINFO_EX, 0, 0, L_STRICT, V_ZERO, 4, O_DGRAM, 0},
    {WS_IPPROTO_IP, WS_IP_WFP_REDIRECT_RECORDS, 0, 0, L_STRICT, V_ZERO, 4, O_DGRAM, 0},
    {WS_IPPROTO_IP, WS_IP_WFP_REDIRECT_CONTEXT, 0, 0, L_STRICT, V_ZERO, 4, O_DGRAM, 0},
    {WS_IPPROTO_IP, WS_IP_MTU_DISCOVER, IPPROTO_IP, IP_MTU_DISCOVER, L_STRICT, V_PMTU, 4, 0, 0},
    {WS_IPPROTO_IP, WS_IP_MTU, IPPROTO_IP, IP_MTU, L_STRICT, V_INT, 4, O_NOSET, 0}, /* unconnected: WSAENOTCONN */
    /* Linux's IP_RECVERR stays on for the ICMP emulation (socket.c create). */
    {WS_IPPROTO_IP, WS_IP_RECVERR, 0, 0, L_STRICT, V_ZERO, 4, O_DGRAM, 0},
    {WS_IPPROTO_IP, WS_IP_USER_MTU, 0, 0, L_STRICT, V_ZERO, 4, 0, 0},

    {WS_IPPROTO_IPV6, WS_IPV6_UNICAST_HOPS, IPPROTO_IPV6, IPV6_UNICAST_HOPS, L_SHORT, V_INT, 4, O_MAX255, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_MULTICAST_IF, IPPROTO_IPV6, IPV6_MULTICAST_IF, L_STRICT, V_INT, 4, O_DGRAM, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_MULTICAST_HOPS, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, L_SHORT, V_INT, 4,
     O_DGRAM | O_MAX255, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_MULTICAST_LOOP, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, L_SHORT, V_BOOL, 4, O_DGRAM, 0},
    /* struct ipv6_mreq: 16-byte address + 32-bit interface index on both. */
    {WS_IPPROTO_IPV6, WS_IPV6_ADD_MEMBERSHIP, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, L_STRICT, V_STRUCT, 20, O_NOGET, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_DROP_MEMBERSHIP, IPPROTO_IPV6, IPV6_DROP_MEMBERSHIP, L_STRICT, V_STRUCT, 20, O_NOGET,
     0},
    {WS_IPPROTO_IPV6, WS_IPV6_DONTFRAG, IPPROTO_IPV6, IPV6_DONTFRAG, L_SHORT, V_DONTFRAG, 4, 0, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_PKTINFO, IPPROTO_IPV6, IPV6_RECVPKTINFO, L_STRICT, V_BOOL, 4, O_DGRAM, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_V6ONLY, IPPROTO_IPV6, IPV6_V6ONLY, L_BYTE, V_V6ONLY, 1, 0, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_HOPOPTS, 0, 0, L_STRICT, V_ZERO, 4, 0, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_HDRINCL, IPPROTO_IPV6, IPV6_HDRINCL, L_STRICT, V_BOOL, 4, O_RAW, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_HOPLIMIT, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, L_STRICT, V_BOOL, 4, O_DGRAM, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_PROTECTION_LEVEL, 0, 0, L_STRICT, V_ZERO, 4, 0, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_RECVIF, 0, 0, L_STRICT, V_ZERO, 4, O_DGRAM, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_RECVDSTADDR, 0, 0, L_STRICT, V_ZERO, 4, O_DGRAM, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_IFLIST, 0, 0, L_STRICT, V_ZERO, 4, 0, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_UNICAST_IF, IPPROTO_IPV6, IPV6_UNICAST_IF, L_STRICT, V_INT, 4, 0, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_RTHDR, 0, 0, L_STRICT, V_ZERO, 4, 0, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_GET_IFLIST, 0, 0, L_STRICT, V_ZERO, 4, O_EINVAL, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_RECVRTHDR, 0, 0, L_STRICT, V_ZERO, 4, O_DGRAM, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_RECVTCLASS, IPPROTO_IPV6, IPV6_RECVTCLASS, L_STRICT, V_BOOL, 4, O_DGRAM, 0},
    {WS_IPPROTO_IPV6, WS_IP_ORIGINAL_ARRIVAL_IF, 0, 0, L_STRICT, V_ZERO, 4, O_DGRAM, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_ECN, 0, 0, L_STRICT, V_ZERO, 4, O_DGRAM, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_PKTINFO_EX, 0, 0, L_STRICT, V_ZERO, 4, O_DGRAM, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_WFP_REDIRECT_RECORDS, 0, 0, L_STRICT, V_ZERO, 4, O_DGRAM, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_WFP_REDIRECT_CONTEXT, 0, 0, L_STRICT, V_ZERO, 4, O_DGRAM, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_MTU_DISCOVER, IPPROTO_IPV6, IPV6_MTU_DISCOVER, L_STRICT, V_PMTU, 4, 0, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_MTU, IPPROTO_IPV6, IPV6_MTU, L_STRICT, V_INT, 4, O_NOSET, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_RECVERR, 0, 0, L_STRICT, V_ZERO, 4, O_DGRAM, 0},
    {WS_IPPROTO_IPV6, WS_IPV6_USER_MTU, 0, 0, L_STRICT, V_ZERO, 4, 0, 0},
};

/* Levels Windows knows; any other is WSAEINVAL, not WSAENOPROTOOPT
 * (test_set_getsockopt, test_extendedSocketOptions). */
static bool known_level(int level)
{
    return level == WS_SOL_SOCKET || level == WS_IPPROTO_IP || level == WS_IPPROTO_TCP || level == WS_IPPROTO_UDP ||
           level == WS_IPPROTO_IPV6;
}

static const struct opt *find_opt(int level, int name)
{
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
        if (opts[i].wlevel == level && opts[i].wname == name)
            return &opts[i];
    return NULL;
}

/* Checks shared by both directions; 0 or a WSA error (c->sys set for the
 * trace when we have no translation). */
static int lookup(struct ws_call *c, ws_sock *sk, int level, int name, bool set, const struct opt **out)
{
    if (!known_level(level))
        return WSAEINVAL;
    const struct opt *o = find_opt(level, name);
    if (!o) {
        c->sys = "no translation for this option";
        c->sys_errno = ENOPROTOOPT;
        return WSAENOPROTOOPT;
    }
    if (o->flags & O_EINVAL)
        return WSAEINVAL;
    if (o->flags & (set ? O_NOSET : O_NOGET))
        return WSAENOPROTOOPT;
    if ((o->flags & O_STREAM) && sk->type != SOCK_STREAM)
        return WSAENOPROTOOPT; /* SO_LINGER on UDP (test_extendedSocketOptions) */
    if ((o->flags & O_RAW) && sk->type != SOCK_RAW)
        return WSAEINVAL; /* IP_HDRINCL on TCP/UDP (test_set_getsockopt) */
    if (!set && (o->flags & O_DGRAM) && sk->type == SOCK_STREAM)
        return WSAEINVAL; /* test_sockopt_validity */
    *out = o;
    return 0;
}

/* ---- setsockopt ---------------------------------------------------------- */

/* How many bytes of optval Windows reads, or a WSA error. */
static int set_len(const struct opt *o, int optlen, int *n)
{
    switch (o->len) {
    case L_BOOL:
        *n = optlen < 0 || optlen > 4 ? 4 : optlen;
        return 0;
    case L_BYTE:
        *n = 1;
        return optlen < 0 ? WSAENOBUFS : optlen == 0 ? WSAEFAULT : 0;
    case L_INT:
    case L_INTZ:
        *n = 4;
        return optlen >= 0 && optlen < 4 ? WSAEFAULT : 0;
    case L_SHORT:
        *n = optlen > 4 ? 4 : optlen;
        return optlen < 0 ? WSAENOBUFS : optlen == 0 ? WSAEFAULT : 0;
    default:
        *n = o->size;
        return optlen < 0 ? WSAENOBUFS : optlen < o->size ? WSAEFAULT : 0;
    }
}

static int lx_set(struct ws_call *c, ws_sock *sk, int level, int name, const void *v, socklen_t len)
{
    if (setsockopt(sk->fd, level, name, v, len) == 0)
        return 0;
    ws_fail_errno(c, "setsockopt", errno);
    return c->err;
}

static int lx_get_int(struct ws_call *c, ws_sock *sk, int level, int name, int *v)
{
    socklen_t len = sizeof *v;
    *v = 0;
    if (getsockopt(sk->fd, level, name, v, &len) == 0)
        return 0;
    ws_fail_errno(c, "getsockopt", errno);
    return c->err;
}

static struct timeval ms_to_tv(DWORD ms)
{
    struct timeval tv = {(time_t)(ms / 1000), (suseconds_t)(ms % 1000) * 1000};
    return tv;
}

static int set_linger(struct ws_call *c, ws_sock *sk, const struct opt *o, uint32_t v)
{
    struct linger l;
    if (o->kind == V_LINGER) {
        /* Windows' struct linger is two u_shorts. */
        l.l_onoff = (int)(v & 0xffff);
        l.l_linger = (int)(v >> 16);
    } else {
        /* SO_DONTLINGER FALSE turns lingering on with the timeout SO_LINGER set. */
        socklen_t len = sizeof l;
        if (getsockopt(sk->fd, SOL_SOCKET, SO_LINGER, &l, &len) < 0) {
            ws_fail_errno(c, "getsockopt", errno);
            return c->err;
        }
        l.l_onoff = !v;
    }
    return lx_set(c, sk, SOL_SOCKET, SO_LINGER, &l, sizeof l);
}

/* IP_DONTFRAGMENT and IPV6_DONTFRAG.  Windows' TCP sends with DF set
 * unless told not to (it reads 1, sock.c test_set_getsockopt); so does
 * Linux's in its default path-MTU mode (WANT), so for stream sockets 1 is
 * WANT and 0 is DONT.  IPv4 datagrams: DO, or WANT (which may fragment:
 * reads 0).  IPv6 datagrams: Linux's own IPV6_DONTFRAG. */
enum { DF_STREAM, DF_PMTU, DF_BOOL };
static int dontfrag_mode(const ws_sock *sk, const struct opt *o, int *level, int *name)
{
    bool v6 = o->level == IPPROTO_IPV6;
    *level = o->level;
    *name = v6 ? IPV6_MTU_DISCOVER : IP_MTU_DISCOVER;
    if (sk->type == SOCK_STREAM)
        return DF_STREAM;
    if (!v6)
        return DF_PMTU;
    *name = IPV6_DONTFRAG;
    return DF_BOOL;
}

static int do_set(struct ws_call *c, ws_sock *sk, const struct opt *o, uint32_t v)
{
    int iv = (int)v, err = 0;
    switch (o->kind) {
    case V_BOOL:
        iv = v != 0;
        if (o->wsf == WSF_BROADCAST && (ws_flags(sk) & WSF_BCAST_KERNEL))
            break; /* the kernel's stays on for the broadcast peer; the flag is the program's */
        if (o->wsf == WSF_OOBINLINE && iv && ws_oob_stale(sk)) {
            char b;
            err = lx_set(c, sk, o->level, o->name, &iv, sizeof iv);
            if (!err) /* inline now: the next byte is the stale one */
                (void)!recv(sk->fd, &b, 1, MSG_DONTWAIT);
            break;
        }
        /* fall through */
    case V_INT:
        if ((o->flags & O_MAX255) && v > 255)
            return WSAEINVAL; /* test_optsize: 0x100 rejected */
        err = lx_set(c, sk, o->level, o->name, &iv, sizeof iv);
        break;
    case V_FLAG:
        break;
    case V_REUSE: {
        /* Both at once is WSAEINVAL, whichever comes second (test_reuseaddr). */
        uint32_t other = o->wsf == WSF_REUSEADDR ? WSF_EXCLUSIVE : WSF_REUSEADDR;
        if (v && (ws_flags(sk) & other))
            return WSAEINVAL;
        break;
    }
    case V_LINGER:
    case V_DONTLINGER:
        err = set_linger(c, sk, o, v);
        break;
    case V_RCVBUF:
    case V_SNDBUF:
        /* Linux doubles the value (and clamps it); Windows reports what was set. */
        err = lx_set(c, sk, SOL_SOCKET, o->name, &iv, sizeof iv);
        if (!err) {
            if (o->kind == V_RCVBUF)
                sk->rcvbuf = iv;
            else
                sk->sndbuf = iv;
            ws_set_flags(sk, o->kind == V_RCVBUF ? WSF_RCVBUF_SET : WSF_SNDBUF_SET);
        }
        return err;
    case V_RCVTIMEO:
    case V_SNDTIMEO: {
        struct timeval tv = ms_to_tv(v);
        err = lx_set(c, sk, SOL_SOCKET, o->name, &tv, sizeof tv);
        if (!err) {
            if (o->kind == V_RCVTIMEO)
                sk->rcvtimeo = v;
            else
                sk->sndtimeo = v;
        }
        return err;
    }
    case V_ERROR:
        /* Linux's SO_ERROR is read-only; Windows stores the value and
         * getsockopt returns it (test_set_getsockopt). */
        sk->so_error = iv;
        if (iv)
            ws_set_flags(sk, WSF_SO_ERROR);
        else
            ws_clear_flags(sk, WSF_SO_ERROR);
        return 0;
    case V_MAXRT: {
        unsigned unit = o->wname == WS_TCP_MAXRT ? 1000 : 1; /* seconds or milliseconds */
        if (v != 0xffffffffu && v > UINT32_MAX / 2 / unit)
            return WSAEINVAL;
        iv = v == 0xffffffffu ? 0 : (int)(v * unit);
        err = lx_set(c, sk, o->level, o->name, &iv, sizeof iv);
        if (!err)
            ws_set_flags(sk, WSF_MAXRT);
        return err;
    }
    case V_ZERO:
        c->sys = "accepted: no Linux counterpart";
        return 0;
    case V_DONTFRAG: {
        int level, name, mode = dontfrag_mode(sk, o, &level, &name);
        iv = mode == DF_BOOL ? v != 0 : mode == DF_STREAM ? (v ? IP_PMTUDISC_WANT : IP_PMTUDISC_DONT)
                                                         : (v ? IP_PMTUDISC_DO : IP_PMTUDISC_WANT);
        return lx_set(c, sk, level, name, &iv, sizeof iv);
    }
    case V_PMTU:
        /* Windows: 1 DO, 2 DONT, 3 PROBE; 0 (NOT_SET) and others WSAEINVAL. */
        if (v < 1 || v > 3)
            return WSAEINVAL;
        iv = v == 1 ? IP_PMTUDISC_DO : v == 2 ? IP_PMTUDISC_DONT : IP_PMTUDISC_PROBE;
        return lx_set(c, sk, o->level, o->name, &iv, sizeof iv);
    case V_V6ONLY:
        iv = (v & 0xff) != 0;
        if (sk->family != AF_INET6) {
            /* Windows accepts it on an IPv4 socket until it is bound, and
             * reads back what was set (test_ipv6only); there is nothing in
             * the kernel for it to change. */
            if (ws_is_bound(sk))
                return WSAEINVAL;
            if (iv)
                ws_clear_xflags(sk, WSX_V4_V6ONLY_OFF);
            else
                ws_set_xflags(sk, WSX_V4_V6ONLY_OFF);
            return 0;
        }
        err = lx_set(c, sk, o->level, o->name, &iv, sizeof iv);
        break;
    }
    if (!err && o->wsf) {
        if (v)
            ws_set_flags(sk, o->wsf);
        else
            ws_clear_flags(sk, o->wsf);
    }
    return err;
}

/* SO_OPENTYPE: a per-thread setting, not a socket's (any handle will do,
 * even a file's: sock.c test_sockopt_validity): whether sockets this thread
 * creates next are synchronous-only (SO_SYNCHRONOUS_ALERT/NONALERT) or may
 * be overlapped (0).  Kept for overlapped I/O; blocking use is the same. */

static bool opentype_call(struct ws_call *c, int level, int optname, char *optval, int *optlen, int setlen,
                          int *ret)
{
    if (level != WS_SOL_SOCKET || optname != WS_SO_OPENTYPE)
        return false;
    if (!ws_started(c))
        return true;
    /* The length is taken as unsigned: -1 will do, 0..3 will not (sock.c
     * test_set_getsockopt's option-length table). */
    if (optlen ? (ws_bad_ptr(optlen) || ws_bad_ptr(optval) || (unsigned)*optlen < 4)
               : (ws_bad_ptr(optval) || (unsigned)setlen < 4)) {
        ws_fail(c, WSAEFAULT);
        return true;
    }
    if (optlen) {
        memcpy(optval, &ws_opentype, sizeof ws_opentype);
        *optlen = sizeof ws_opentype;
    } else {
        memcpy(&ws_opentype, optval, sizeof ws_opentype);
    }
    *ret = 0;
    return true;
}

WS2P_EXPORT int ws2p_setsockopt(SOCKET s, int level, int optname, const char *optval, int optlen)
{
    struct ws_call c = WS_CALL("setsockopt");
    int ret = WS_SOCKET_ERROR;
    if (opentype_call(&c, level, optname, (char *)optval, NULL, optlen, &ret))
        return WS_EXIT(&c, ret, "s=%lu, SO_OPENTYPE, optlen=%d", (unsigned long)s, optlen);
    ws_sock *sk = ws_enter(&c, s);
    if (sk && level == WS_SOL_SOCKET &&
        (optname == WS_SO_UPDATE_ACCEPT_CONTEXT || optname == WS_SO_UPDATE_CONNECT_CONTEXT)) {
        /* The extension functions' own options (src/mswsock/). */
        int err = optname == WS_SO_UPDATE_ACCEPT_CONTEXT ? ws_update_accept_context(sk, optval, optlen)
                                                         : ws_update_connect_context(sk, optval, optlen);
        if (err)
            c.err = err;
        else
            ret = 0;
        ws_sock_put(sk);
        sk = NULL;
    }
    if (sk) {
        const struct opt *o = NULL;
        int n = 0;
        int err = lookup(&c, sk, level, optname, true, &o);
        if (!err && o->kind == V_RAW) {
            if (optlen < 0 || optlen > o->size || (optlen && ws_bad_ptr(optval)))
                err = WSAEFAULT;
            else if (setsockopt(sk->fd, o->level, o->name, optval, (socklen_t)optlen) < 0)
                ws_fail_errno(&c, "setsockopt", errno);
            else
                ret = 0;
            o = NULL;
        }
        if (!err && o)
            err = set_len(o, optlen, &n);
        if (!err && o && ws_bad_ptr(optval))
            err = WSAEFAULT;
        if (!err && !o)
            ;
        else if (!err && n == 0)
            ret = 0; /* a zero-length BOOL is accepted and changes nothing (test_optsize) */
        else if (!err) {
            if (o->kind == V_STRUCT) {
                if (setsockopt(sk->fd, o->level, o->name, optval, (socklen_t)o->size) < 0)
                    ws_fail_errno(&c, "setsockopt", errno);
                else
                    ret = 0;
            } else {
                /* Short values are the low bytes, little-endian as on Windows. */
                uint32_t v = 0;
                memcpy(&v, optval, (size_t)n);
                if (o->len == L_BYTE)
                    v &= 0xff;
                err = do_set(&c, sk, o, v);
                if (!err)
                    ret = 0;
            }
        }
        if (err)
            c.err = err;
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, level=%#x, optname=%#x, optval=%p, optlen=%d", (unsigned long)s, (unsigned)level,
                   (unsigned)optname, (const void *)optval, optlen);
}

/* ---- getsockopt ---------------------------------------------------------- */

/* SO_ERROR: Windows keeps reporting a connect's failure until a connect
 * succeeds (test_select); Linux clears it on the first read.  A reset of an
 * established connection reads 0 once a call has reported it. */
static int get_error(struct ws_call *c, ws_sock *sk, uint32_t *v)
{
    int e;
    if (lx_get_int(c, sk, SOL_SOCKET, SO_ERROR, &e))
        return c->err;
    if (e && sk->type == SOCK_STREAM && (ws_flags(sk) & WSF_CONNECTED)) {
        /* A connection's error (a reset) is reported once, as by the call
         * that would have met it; reading it here takes it from Linux, so
         * later calls must still see the reset. */
        if (e == ECONNRESET)
            ws_set_flags(sk, WSF_RESET);
        *v = (uint32_t)ws_errno_to_wsa(e);
        return 0;
    }
    if (e) {
        sk->so_error = ws_errno_to_wsa(e);
        ws_set_flags(sk, WSF_SO_ERROR);
    } else if (ws_flags(sk) & WSF_SO_ERROR) {
        struct sockaddr_storage ss;
        socklen_t len = sizeof ss;
        if (sk->type == SOCK_STREAM && getpeername(sk->fd, (struct sockaddr *)&ss, &len) == 0)
            ws_clear_flags(sk, WSF_SO_ERROR);
    }
    *v = (ws_flags(sk) & WSF_SO_ERROR) ? (uint32_t)sk->so_error : 0;
    return 0;
}

static int do_get(struct ws_call *c, ws_sock *sk, const struct opt *o, uint32_t *v)
{
    int iv;
    uint32_t f = ws_flags(sk);
    switch (o->kind) {
    case V_INT:
    case V_BOOL:
        if (o->wsf == WSF_BROADCAST && (f & WSF_BCAST_KERNEL)) {
            *v = (f & WSF_BROADCAST) != 0;
            return 0;
        }
        if (lx_get_int(c, sk, o->level, o->name, &iv))
            return c->err;
        *v = o->kind == V_BOOL ? iv != 0 : (uint32_t)iv;
        return 0;
    case V_FLAG:
    case V_REUSE:
        *v = (f & o->wsf) != 0;
        return 0;
    case V_LINGER:
    case V_DONTLINGER: {
        struct linger l;
        socklen_t len = sizeof l;
        if (getsockopt(sk->fd, SOL_SOCKET, SO_LINGER, &l, &len) < 0) {
            ws_fail_errno(c, "getsockopt", errno);
            return c->err;
        }
        *v = o->kind == V_DONTLINGER ? !l.l_onoff : (uint32_t)(l.l_onoff != 0) | (uint32_t)(l.l_linger & 0xffff) << 16;
        return 0;
    }
    case V_RCVBUF:
    case V_SNDBUF:
        if (f & (o->kind == V_RCVBUF ? WSF_RCVBUF_SET : WSF_SNDBUF_SET)) {
            *v = (uint32_t)(o->kind == V_RCVBUF ? sk->rcvbuf : sk->sndbuf);
            return 0;
        }
        if (lx_get_int(c, sk, SOL_SOCKET, o->name, &iv))
            return c->err;
        *v = (uint32_t)iv;
        return 0;
    case V_RCVTIMEO:
        *v = sk->rcvtimeo;
        return 0;
    case V_SNDTIMEO:
        *v = sk->sndtimeo;
        return 0;
    case V_ERROR:
        return get_error(c, sk, v);
    case V_TYPE:
        *v = (uint32_t)sk->type;
        return 0;
    case V_MAXRT:
        if (!(f & WSF_MAXRT)) /* not set: how long an unanswered connect lasts */
            iv = WS_CONNECT_GIVE_UP_S * 1000;
        else if (lx_get_int(c, sk, o->level, o->name, &iv))
            return c->err;
        *v = iv == 0 ? 0xffffffffu : o->wname == WS_TCP_MAXRT ? (uint32_t)iv / 1000 : (uint32_t)iv;
        return 0;
    case V_ZERO:
        *v = 0;
        return 0;
    case V_DONTFRAG: {
        int level, name, mode = dontfrag_mode(sk, o, &level, &name);
        if (lx_get_int(c, sk, level, name, &iv))
            return c->err;
        *v = mode == DF_BOOL ? iv != 0 : mode == DF_STREAM ? iv != IP_PMTUDISC_DONT
                                                          : iv == IP_PMTUDISC_DO || iv == IP_PMTUDISC_PROBE;
        return 0;
    }
    case V_PMTU:
        if (lx_get_int(c, sk, o->level, o->name, &iv))
            return c->err;
        /* Linux's default (WANT) is Windows' NOT_SET */
            *v = iv == IP_PMTUDISC_DO ? 1 : iv == IP_PMTUDISC_DONT ? 2 : iv == IP_PMTUDISC_PROBE ? 3 : 0;
        return 0;
    case V_MAXMSG:
        *v = ws_max_msg_size(sk);
        return 0;
    case V_CONNTIME:
        /* sock.c test_connect_time: 0 just after connecting, ~0 for an
         * unconnected or datagram socket. */
        *v = sk->type == SOCK_STREAM && (f & WSF_CONNECTED) ? ws_now_seconds() - sk->connected_at : 0xffffffffu;
        return 0;
    case V_PROTOINFO:
        break; /* whole structures: ws2p_getsockopt */
    case V_V6ONLY:
        if (sk->family != AF_INET6) {
            *v = !(ws_xflags(sk) & WSX_V4_V6ONLY_OFF); /* 1 unless set to 0 (test_ipv6only) */
            return 0;
        }
        if (lx_get_int(c, sk, o->level, o->name, &iv))
            return c->err;
        *v = iv != 0;
        return 0;
    }
    return WSAENOPROTOOPT;
}

/* Write v into the caller's buffer under o's optlen rule; 0 or WSAEFAULT. */
static int put_value(const struct opt *o, uint32_t v, char *optval, int *optlen)
{
    int L = *optlen;
    if (L <= 0)
        return WSAEFAULT; /* optlen left as it was (test_optsize) */
    switch (o->len) {
    case L_BYTE:
        *optval = (char)v;
        *optlen = 1;
        return 0;
    case L_BOOL:
        /* A 2-byte get writes 2 bytes yet reports 1 (test_optsize). */
        memcpy(optval, &v, L < 4 ? (size_t)L : 4);
        *optlen = L < 4 ? 1 : 4;
        return 0;
    case L_SHORT:
        memcpy(optval, &v, L < 4 ? 1 : 4);
        *optlen = L < 4 ? 1 : 4;
        return 0;
    case L_INTZ:
        if (L < 4) {
            memset(optval, 0, (size_t)L);
            return WSAEFAULT;
        }
        break;
    case L_STRICT:
        if (L < 4) {
            *optlen = 0;
            return WSAEFAULT;
        }
        break;
    default:
        if (L < 4)
            return WSAEFAULT;
    }
    memcpy(optval, &v, 4);
    *optlen = 4;
    return 0;
}

/* SO_BSP_STATE: a CSADDR_INFO, then the local and remote sockaddrs its
 * SOCKET_ADDRESSes point at; an unknown address is length 0 and NULL.  The
 * buffer must hold all of it, and optlen is left as it was (sock.c
 * test_set_getsockopt). */
static int get_bsp_state(struct ws_call *c, ws_sock *sk, char *optval, int optlen)
{
    struct sockaddr_storage ls, rs;
    socklen_t llen = sizeof ls, rlen = sizeof rs;
    int wl = 0, wr = 0;
    if (ws_is_bound(sk) && getsockname(sk->fd, (struct sockaddr *)&ls, &llen) == 0)
        wl = ls.ss_family == AF_INET6 ? (int)sizeof(struct WS_sockaddr_in6) : (int)sizeof(struct WS_sockaddr_in);
    if (getpeername(sk->fd, (struct sockaddr *)&rs, &rlen) == 0)
        wr = rs.ss_family == AF_INET6 ? (int)sizeof(struct WS_sockaddr_in6) : (int)sizeof(struct WS_sockaddr_in);
    else if (sk->peer.family && (ws_flags(sk) & WSF_CONNECTED)) { /* shut down both ways: as getpeername */
        rlen = sk->peer.family == AF_INET ? sizeof sk->peer.v4 : sizeof sk->peer.v6;
        memcpy(&rs, &sk->peer, rlen);
        wr = rs.ss_family == AF_INET6 ? (int)sizeof(struct WS_sockaddr_in6) : (int)sizeof(struct WS_sockaddr_in);
    }
    (void)c;
    if ((size_t)optlen < sizeof(struct WS_CSADDR_INFO) + (size_t)wl + (size_t)wr)
        return WSAEFAULT;
    struct WS_CSADDR_INFO info;
    memset(&info, 0, sizeof info);
    char *next = optval + sizeof info;
    if (wl) {
        ws_addr_out((struct sockaddr *)&ls, llen, next, &wl);
        info.LocalAddr.lpSockaddr = (struct WS_sockaddr *)next;
        info.LocalAddr.iSockaddrLength = wl;
        next += wl;
    }
    if (wr) {
        ws_addr_out((struct sockaddr *)&rs, rlen, next, &wr);
        info.RemoteAddr.lpSockaddr = (struct WS_sockaddr *)next;
        info.RemoteAddr.iSockaddrLength = wr;
    }
    info.iSocketType = sk->type;
    info.iProtocol = sk->protocol ? sk->protocol : sk->type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
    memcpy(optval, &info, sizeof info);
    return 0;
}

WS2P_EXPORT int ws2p_getsockopt(SOCKET s, int level, int optname, char *optval, int *optlen)
{
    struct ws_call c = WS_CALL("getsockopt");
    int ret = WS_SOCKET_ERROR;
    int inlen = optlen && !ws_bad_ptr(optlen) ? *optlen : -1;
    if (opentype_call(&c, level, optname, optval, optlen ? optlen : (int *)1, 0, &ret))
        return WS_EXIT(&c, ret, "s=%lu, SO_OPENTYPE, optlen=%d", (unsigned long)s, inlen);
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        const struct opt *o = NULL;
        uint32_t v = 0;
        int err = lookup(&c, sk, level, optname, false, &o);
        if (!err && (ws_bad_ptr(optlen) || ws_bad_ptr(optval)))
            err = WSAEFAULT;
        if (!err && *optlen <= 0)
            err = WSAEFAULT;
        if (!err && o->kind == V_BSP) {
            err = get_bsp_state(&c, sk, optval, *optlen);
        } else if (!err && o->kind == V_RAW) {
            socklen_t l = (socklen_t)*optlen;
            if (getsockopt(sk->fd, o->level, o->name, optval, &l) < 0)
                ws_fail_errno(&c, "getsockopt", errno), err = c.err;
            else
                *optlen = (int)l;
        } else if (!err && o->kind == V_PROTOINFO) {
            /* The whole structure or WSAEFAULT, optlen left as it was. */
            bool wide = o->name == 1;
            int size = wide ? (int)sizeof(WS_WSAPROTOCOL_INFOW) : (int)sizeof(WS_WSAPROTOCOL_INFOA);
            err = *optlen < size ? WSAEFAULT : ws_protocol_info(sk, optval, wide);
            if (!err)
                *optlen = size;
        } else if (!err) {
            err = do_get(&c, sk, o, &v);
            if (!err)
                err = put_value(o, v, optval, optlen);
        }
        if (err)
            c.err = err;
        else
            ret = 0;
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, level=%#x, optname=%#x, optval=%p, optlen=%d", (unsigned long)s, (unsigned)level,
                   (unsigned)optname, (void *)optval, inlen);
}
