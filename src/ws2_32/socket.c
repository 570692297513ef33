/* Socket lifetime and connection setup: socket, WSASocketA/W, closesocket,
 * bind, listen, accept, connect, shutdown, getsockname, getpeername. */
#include "engine.h"
#include "ready.h"
#include <string.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Argument checks in the order Windows applies them (sock.c test_WSASocket):
 * AF_UNSPEC without a protocol, type, family, protocol, then the combination. */
static int check_socket_args(int *af, int *type, int *protocol)
{
    if (*af == WS_AF_UNSPEC && *protocol == 0)
        return WSAEINVAL; /* even before a bad type (row AF_UNSPEC, 0xdead, 0) */
    if (*type < 0 || *type > WS_SOCK_SEQPACKET)
        return WSAESOCKTNOSUPPORT;
    if (*af != WS_AF_UNSPEC && *af != WS_AF_INET && *af != WS_AF_INET6 && *af != WS_AF_UNIX)
        return WSAEAFNOSUPPORT;
    if (*type != WS_SOCK_RAW && *protocol != 0 && *protocol != WS_IPPROTO_TCP && *protocol != WS_IPPROTO_UDP)
        return WSAEPROTONOSUPPORT;
    if (*af == WS_AF_UNSPEC)
        *af = WS_AF_INET;
    if (*type == 0)
        *type = *protocol == WS_IPPROTO_UDP ? WS_SOCK_DGRAM : WS_SOCK_STREAM;
    if ((*type == WS_SOCK_STREAM && *protocol == WS_IPPROTO_UDP) ||
        (*type == WS_SOCK_DGRAM && *protocol == WS_IPPROTO_TCP))
        return WSAEPROTONOSUPPORT;
    if (*protocol == 0 && *af != WS_AF_UNIX)
        *protocol = *type == WS_SOCK_STREAM ? WS_IPPROTO_TCP : *type == WS_SOCK_DGRAM ? WS_IPPROTO_UDP : 0;
    if (*af == WS_AF_UNIX)
        *protocol = 0;
    return 0;
}

/* A kernel socket with the options that make it behave as Windows' do. */
static int kernel_socket(int lxaf, int type, int protocol, bool cloexec)
{
    int fd = WS_SYS(socket, -1, socket(lxaf, type | (cloexec ? SOCK_CLOEXEC : 0), protocol));
    if (fd < 0)
        return -1;
    if (lxaf == AF_INET6) {
        /* Windows creates IPv6 sockets v6-only; Linux defaults to dual-stack. */
        int one = 1;
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    }
    if (type == SOCK_DGRAM && (lxaf == AF_INET || lxaf == AF_INET6)) {
        /* Windows reports ICMP port unreachable to unconnected datagram
         * sockets too; Linux only with IP_RECVERR (see ws_icmp_error). */
        int one = 1;
        if (lxaf == AF_INET)
            setsockopt(fd, IPPROTO_IP, IP_RECVERR, &one, sizeof one);
        else
            setsockopt(fd, IPPROTO_IPV6, IPV6_RECVERR, &one, sizeof one);
    }
    return fd;
}

/* The kernel options a program may have set that a replaced descriptor
 * carries over (ws_sock_respawn).  SO_RCVBUF/SO_SNDBUF go from the values
 * as set: Linux reports them doubled. */
static const struct {
    int level, name;
} carried[] = {
    {SOL_SOCKET, SO_REUSEADDR}, {SOL_SOCKET, SO_REUSEPORT}, {SOL_SOCKET, SO_KEEPALIVE},
    {SOL_SOCKET, SO_LINGER},    {SOL_SOCKET, SO_OOBINLINE}, {SOL_SOCKET, SO_RCVTIMEO},
    {SOL_SOCKET, SO_SNDTIMEO},  {SOL_SOCKET, SO_DONTROUTE}, {IPPROTO_TCP, TCP_NODELAY},
    {IPPROTO_TCP, TCP_SYNCNT},  {IPPROTO_TCP, TCP_USER_TIMEOUT},
};

/* A new kernel socket for sk on sk's descriptor number (dup3: the SOCKET
 * value stays; the old file goes with the dup).  With carry, the options
 * in carried[], the buffer sizes set and the bound address come along. */
static int replace_fd(ws_sock *sk, bool carry)
{
    bool cloexec = (ws_flags(sk) & WSF_NOINHERIT) != 0;
    int fd = kernel_socket(sk->family, sk->type, sk->protocol, cloexec);
    if (fd < 0)
        return errno;
    int on = 1;
    if ((ws_flags(sk) & (carry ? WSF_NONBLOCK | WSF_KNONBLOCK : WSF_NONBLOCK)) && ioctl(fd, FIONBIO, &on) < 0) {
        int e = errno;
        close(fd);
        return e;
    }
    struct sockaddr_storage ss;
    socklen_t sslen = 0;
    if (carry) {
        char v[64];
        for (size_t i = 0; i < sizeof carried / sizeof carried[0]; i++) {
            socklen_t len = sizeof v;
            if (getsockopt(sk->fd, carried[i].level, carried[i].name, v, &len) == 0)
                setsockopt(fd, carried[i].level, carried[i].name, v, len);
        }
        if (sk->family == AF_INET6) {
            socklen_t len = sizeof v;
            if (getsockopt(sk->fd, IPPROTO_IPV6, IPV6_V6ONLY, v, &len) == 0)
                setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, v, len);
        }
        if (ws_flags(sk) & WSF_RCVBUF_SET)
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sk->rcvbuf, sizeof sk->rcvbuf);
        if (ws_flags(sk) & WSF_SNDBUF_SET)
            setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sk->sndbuf, sizeof sk->sndbuf);
        sslen = sizeof ss;
        if (getsockname(sk->fd, (struct sockaddr *)&ss, &sslen) < 0 ||
            (ss.ss_family == AF_INET && !((struct sockaddr_in *)&ss)->sin_port) ||
            (ss.ss_family == AF_INET6 && !((struct sockaddr_in6 *)&ss)->sin6_port))
            sslen = 0; /* nothing bound to keep (the kernel let an implicit port go) */
    }
    if (dup3(fd, sk->fd, cloexec ? O_CLOEXEC : 0) < 0) {
        int e = errno;
        close(fd);
        return e;
    }
    close(fd);
    ws_sock_realias(sk);
    /* The old file (and its port) went with the dup: take the address again. */
    if (sslen && bind(sk->fd, (struct sockaddr *)&ss, sslen) < 0)
        return errno;
    return 0;
}

int ws_sock_respawn(ws_sock *sk)
{
    int e = replace_fd(sk, true);
    if (e)
        return e;
    sk->so_error = 0;
    ws_clear_flags(sk, WSF_CONN_FAILED | WSF_CONNECTING | WSF_SO_ERROR | WSF_RESET | WSF_ABORTED);
    ws_clear_xflags(sk, WSX_SYN_SERIES | WSX_SYN_WAIT | WSX_CONNECTEX);
    return 0;
}

int ws_sock_renew(ws_sock *sk)
{
    uint32_t keep = ws_flags(sk) & (WSF_SYNC | WSF_NONBLOCK | WSF_NOINHERIT);
    /* The old connection's file goes with the dup (a graceful close: the
     * caller shut its sending side first). */
    int e = replace_fd(sk, false);
    if (e)
        return e;
    sk->rcvtimeo = sk->sndtimeo = 0;
    sk->so_error = 0;
    atomic_store_explicit(&sk->flags, keep, memory_order_relaxed);
    /* a fresh socket: without the old one's SYN count */
    atomic_fetch_and_explicit(&sk->xflags, ~(uint32_t)(WSX_CONNECTEX | WSX_SYNCNT | WSX_V4_V6ONLY_OFF),
                              memory_order_relaxed);
    return 0;
}

bool ws_nonblock_begin(ws_sock *sk)
{
    if (ws_flags(sk) & (WSF_NONBLOCK | WSF_KNONBLOCK))
        return false;
    int on = 1;
    return ioctl(sk->fd, FIONBIO, &on) == 0;
}

void ws_nonblock_end(ws_sock *sk, bool was)
{
    int off = 0;
    if (was)
        ioctl(sk->fd, FIONBIO, &off);
}

static SOCKET create(struct ws_call *c, int af, int type, int protocol, DWORD flags)
{
    int err = check_socket_args(&af, &type, &protocol);
    if (err) {
        ws_fail(c, err);
        return WS_INVALID_SOCKET;
    }
    int lxaf = ws_af_to_linux(af);
    int fd = kernel_socket(lxaf, type, protocol, (flags & WS_WSA_FLAG_NO_HANDLE_INHERIT) != 0);
    if (fd < 0) {
        ws_fail_errno(c, "socket", errno);
        return WS_INVALID_SOCKET;
    }
    /* Only sockets made with WSA_FLAG_OVERLAPPED (socket() makes them so)
     * complete OVERLAPPED calls asynchronously. */
    if (!ws_sock_register(fd, lxaf, type, protocol,
                          ((flags & WS_WSA_FLAG_OVERLAPPED) ? 0 : WSF_SYNC) |
                              ((flags & WS_WSA_FLAG_NO_HANDLE_INHERIT) ? WSF_NOINHERIT : 0))) {
        ws_fail_errno(c, "socket", errno);
        close(fd);
        return WS_INVALID_SOCKET;
    }
    return (SOCKET)fd;
}

WS2P_EXPORT SOCKET ws2p_socket(int af, int type, int protocol)
{
    struct ws_call c = WS_CALL("socket");
    SOCKET s = WS_INVALID_SOCKET;
    if (ws_started(&c))
        s = create(&c, af, type, protocol, ws_opentype ? 0 : WS_WSA_FLAG_OVERLAPPED);
    return WS_EXIT(&c, s, "af=%d, type=%d, protocol=%d", af, type, protocol);
}

/* A WSAPROTOCOL_INFO supplies whichever of af/type/protocol is
 * FROM_PROTOCOL_INFO (or all three when they are 0).  The A and W structures
 * share every field before szProtocol. */
static SOCKET wsasocket(const char *fn, int af, int type, int protocol, const WS_WSAPROTOCOL_INFOA *info,
                        unsigned int g, DWORD flags)
{
    struct ws_call c = WS_CALL(fn);
    SOCKET s = WS_INVALID_SOCKET;
    if (ws_started(&c) && ws_bad_opt(info))
        ws_fail(&c, WSAEFAULT); /* (WSASocket docs: lpProtocolInfo not in the address space) */
    else if (!c.err && !(info && ws_dup_socket(&c, info, &s))) { /* a WSADuplicateSocket structure: its socket */
        if (info) {
            bool all = af == 0 && type == 0 && protocol == 0;
            if (all || af == WS_FROM_PROTOCOL_INFO)
                af = info->iAddressFamily;
            if (all || type == WS_FROM_PROTOCOL_INFO)
                type = info->iSocketType;
            if (all || protocol == WS_FROM_PROTOCOL_INFO)
                protocol = info->iProtocol;
        }
        /* WSA_FLAG_OVERLAPPED only asks for a socket that may use overlapped
         * I/O (a later issue); blocking use works the same. */
        s = create(&c, af, type, protocol, flags);
    }
    return WS_EXIT(&c, s, "af=%d, type=%d, protocol=%d, info=%p, g=%u, flags=%#x", af, type, protocol,
                   (const void *)info, g, (unsigned)flags);
}

WS2P_EXPORT SOCKET WSASocketA(int af, int type, int protocol, WS_WSAPROTOCOL_INFOA *info, unsigned int g,
                              DWORD flags)
{
    return wsasocket("WSASocketA", af, type, protocol, info, g, flags);
}

WS2P_EXPORT SOCKET WSASocketW(int af, int type, int protocol, WS_WSAPROTOCOL_INFOW *info, unsigned int g,
                              DWORD flags)
{
    return wsasocket("WSASocketW", af, type, protocol, (const WS_WSAPROTOCOL_INFOA *)(const void *)info, g, flags);
}

WS2P_EXPORT int closesocket(SOCKET s)
{
    struct ws_call c = WS_CALL("closesocket");
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        char b;
        if (ws_unlikely(ws_xflags(sk) & WSX_OOB_READ) && ws_oob_stale(sk))
            (void)!recv(sk->fd, &b, 1, MSG_DONTWAIT); /* not unread data: the close stays graceful */
        int err = ws_sock_close_handle(sk, s);
        if (err)
            ws_fail(&c, err);
        else
            ret = 0;
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu", (unsigned long)s);
}

/* Is the socket bound?  Windows tracks this (getsockname/listen/recv on an
 * unbound socket fail with WSAEINVAL); Linux binds implicitly and says
 * nothing, so ask the kernel once and remember a yes. */
bool ws_is_bound(ws_sock *sk)
{
    if (ws_flags(sk) & WSF_BOUND)
        return true;
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (getsockname(sk->fd, (struct sockaddr *)&ss, &len) < 0)
        return false;
    bool bound;
    if (ss.ss_family == AF_INET)
        bound = ((struct sockaddr_in *)&ss)->sin_port != 0;
    else if (ss.ss_family == AF_INET6)
        bound = ((struct sockaddr_in6 *)&ss)->sin6_port != 0;
    else
        bound = len > offsetof(struct sockaddr, sa_data);
    if (bound)
        ws_set_flags(sk, WSF_BOUND);
    return bound;
}

/* Decode a Windows name for a call on sk: WSAEFAULT for NULL/short names,
 * WSAEAFNOSUPPORT for a family the socket cannot use. */
static int name_in(ws_sock *sk, const void *name, int namelen, struct sockaddr_storage *ss, socklen_t *len)
{
    USHORT fam = 0;
    if (!ws_bad_ptr(name) && namelen >= (int)sizeof(struct WS_sockaddr))
        memcpy(&fam, name, sizeof fam);
    if (fam == WS_AF_UNSPEC && !ws_bad_ptr(name) && namelen >= (int)sizeof(struct WS_sockaddr) && sk->type == SOCK_DGRAM) {
        /* An AF_UNSPEC name dis-connects a datagram socket (connect docs);
         * bind rejects it below. */
        memset(ss, 0, sizeof(struct sockaddr));
        ss->ss_family = AF_UNSPEC;
        *len = sizeof(struct sockaddr);
        return 0;
    }
    int err = ws_addr_in(name, namelen, ss, len);
    if (!err && ss->ss_family != sk->family && !(ss->ss_family == AF_UNSPEC && sk->type == SOCK_DGRAM))
        err = WSAEAFNOSUPPORT;
    return err;
}

WS2P_EXPORT int ws2p_bind(SOCKET s, const struct WS_sockaddr *name, int namelen)
{
    struct ws_call c = WS_CALL("bind");
    char a[80];
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        struct sockaddr_storage ss;
        socklen_t len;
        int err = name_in(sk, name, namelen, &ss, &len);
        if (!err && ss.ss_family == AF_UNSPEC)
            err = WSAEAFNOSUPPORT;
        if (!err && ws_is_bound(sk))
            err = WSAEINVAL; /* binding twice (sock.c test_bind) */
        if (!err)
            err = ws_bind_check(sk, &ss, len);
        if (err)
            ws_fail(&c, err);
        else if (WS_SYS(bind, sk->fd, bind(sk->fd, (struct sockaddr *)&ss, len)) < 0) {
            ws_fail_errno(&c, "bind", errno);
            ws_bind_done(sk, false);
        } else {
            ws_bind_done(sk, true);
            ws_set_flags(sk, WSF_BOUND);
            ret = 0;
        }
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, name=%s, namelen=%d", (unsigned long)s, ws_trace_addr(a, name, namelen), namelen);
}

WS2P_EXPORT int ws2p_listen(SOCKET s, int backlog)
{
    struct ws_call c = WS_CALL("listen");
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        uint32_t f = ws_flags(sk);
        if (sk->type != SOCK_STREAM && sk->type != SOCK_SEQPACKET)
            ws_fail(&c, WSAEOPNOTSUPP);
        else if (f & WSF_CONNECTED)
            ws_fail(&c, WSAEISCONN);
        else if (!ws_is_bound(sk))
            ws_fail(&c, WSAEINVAL); /* Linux would bind it to an ephemeral port */
        else {
            /* SOMAXCONN_HINT(n) is -n: n clamped to [200, 65535]. */
            if (backlog < 0 && backlog != -0x7fffffff - 1) {
                backlog = -backlog;
                backlog = backlog < 200 ? 200 : backlog > 65535 ? 65535 : backlog;
            }
            int r = WS_SYS(listen, sk->fd, listen(sk->fd, backlog));
            /* A socket whose connect failed listens on Windows (sock.c
             * test_select); Linux's socket has seen a connect and refuses
             * (EINVAL), so it gets a new kernel socket with the options set
             * and the address bound.  Only on that failure: the ordinary
             * listen is the one call. */
            if (r < 0 && errno == EINVAL && (f & WSF_CONN_FAILED)) {
                int e = ws_sock_respawn(sk);
                r = e ? (errno = e, -1) : listen(sk->fd, backlog);
            }
            if (r < 0)
                ws_fail_errno(&c, "listen", errno);
            else {
                if (f & WSF_SHARED)
                    ws_reuse_listen(sk);
                ws_set_flags(sk, WSF_LISTENING);
                ret = 0;
            }
        }
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, backlog=%d", (unsigned long)s, backlog);
}

void ws_accept_inherit(ws_sock *listener, ws_sock *sk, uint32_t flags)
{
    sk->family = listener->family;
    sk->type = listener->type;
    sk->protocol = listener->protocol;
    sk->rcvtimeo = listener->rcvtimeo;
    sk->sndtimeo = listener->sndtimeo;
    sk->rcvbuf = listener->rcvbuf;
    sk->sndbuf = listener->sndbuf;
    atomic_store_explicit(&sk->flags, flags, memory_order_relaxed);
}

/* The accept system call.  A blocking one waits alertably: an APC queued to
 * the thread meanwhile runs, and the accept waits on (sock.c test_accept
 * runs one queued before it waits; a wait that runs those is alertable). */
static int sys_accept(ws_sock *sk, uint32_t f, struct sockaddr_storage *ss, socklen_t *len, bool alertable)
{
    if ((f & WSF_NONBLOCK) || !alertable)
        return accept4(sk->fd, (struct sockaddr *)ss, len, SOCK_NONBLOCK);
    return ws_accept4_alertable(sk->fd, (struct sockaddr *)ss, len, 0);
}

WS2P_EXPORT SOCKET ws2p_accept(SOCKET s, struct WS_sockaddr *addr, int *addrlen)
{
    struct ws_call c = WS_CALL("accept");
    SOCKET ret = WS_INVALID_SOCKET;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        uint32_t f = ws_flags(sk);
        if (sk->type != SOCK_STREAM && sk->type != SOCK_SEQPACKET)
            ws_fail(&c, WSAEOPNOTSUPP); /* a datagram socket accepts nothing (accept docs) */
        else if (!(f & WSF_LISTENING))
            ws_fail(&c, WSAEINVAL);
        else if (ws_bad_opt(addr) || ws_bad_opt(addrlen) ||
                 (addr && addrlen && *addrlen < ws_addr_minlen(ws_af_from_linux(sk->family))))
            ws_fail(&c, WSAEFAULT); /* (accept docs: addr not valid, addrlen too small) */
        else {
            struct sockaddr_storage ss;
            socklen_t len = sizeof ss;
            int err = ws_hooked(sk) && !(f & WSF_DEFERRED) ? ws_block_with_hook(sk, POLLIN) : 0;
            if (!(f & (WSF_NONBLOCK | WSF_DEFERRED)) && ws_apc_queued()) {
                struct pollfd p = {sk->fd, POLLIN, 0};
                ws_apc_run_if_waiting(&p, 1); /* a blocking accept waits alertably (sock.c test_accept) */
            }
            /* A connection WSAAccept deferred comes first (src/ws2_32/accept.c). */
            int fd = err                   ? -1
                     : (f & WSF_DEFERRED) ? ws_take_deferred(sk, &ss, &len)
                                          : WS_SYS(accept, sk->fd, sys_accept(sk, f, &ss, &len, true));
            /* Linux applies SO_RCVTIMEO to accept; Windows to blocking
             * receive calls only (SOL_SOCKET options docs), so a blocking
             * accept waits on.  A signal is no reason to fail: Windows has
             * none. */
            bool alertable = true;
            while (!err && fd < 0 && (errno == EINTR || (errno == EAGAIN && !(ws_flags(sk) & WSF_NONBLOCK))) &&
                   !ws_sock_closing(sk)) {
                if (errno == EAGAIN && (ws_flags(sk) & WSF_KNONBLOCK)) {
                    /* The descriptor is non-blocking for AcceptEx's sake. */
                    struct pollfd p = {sk->fd, POLLIN, 0};
                    ws_ready_wait(&p, 1, -1, true);
                } else if (errno == EINTR && ws_alert_pending()) {
                    /* APCs queued while it waited run, and it waits on; with
                     * a connection there they stay queued (as select's). */
                    struct pollfd p = {sk->fd, POLLIN, 0};
                    if (poll(&p, 1, 0) == 0)
                        ws_apc_run(ws_thread_current());
                    else
                        alertable = false;
                }
                len = sizeof ss;
                fd = WS_SYS(accept, sk->fd, sys_accept(sk, f, &ss, &len, alertable));
            }
            if (err)
                ws_fail(&c, err);
            else if (fd < 0)
                ws_fail_io(&c, sk, "accept4", errno);
            else {
                ws_sock *nsk = ws_sock_register(fd, sk->family, sk->type, sk->protocol,
                                                (f & WSF_INHERITED) | WSF_BOUND | WSF_CONNECTED | WSF_ACCEPTED);
                if (!nsk) {
                    ws_fail_errno(&c, "accept4", errno);
                    close(fd);
                } else {
                    ws_accept_inherit(sk, nsk, ws_flags(nsk));
                    ws_stamp_connected(nsk);
                    ws_remember_peer(nsk, &ss, len);
                    if (addr && addrlen)
                        ws_addr_out((struct sockaddr *)&ss, len, addr, addrlen);
                    if (f & WSF_EVSEL)
                        ws_evsel_inherit(sk, nsk); /* accepted sockets inherit it (WSAEventSelect docs) */
                    ret = (SOCKET)fd;
                }
            }
        }
        if (ws_flags(sk) & WSF_EVSEL)
            ws_evsel_reenable(sk, WS_FD_ACCEPT);
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, addr=%p, addrlen=%d", (unsigned long)s, (void *)addr, ws_peek_int(addrlen));
}

static bool same_address(const struct sockaddr_storage *a, const struct sockaddr_storage *b)
{
    if (a->ss_family != b->ss_family)
        return false;
    if (a->ss_family == AF_INET) {
        const struct sockaddr_in *x = (const void *)a, *y = (const void *)b;
        return x->sin_port == y->sin_port && x->sin_addr.s_addr == y->sin_addr.s_addr;
    }
    if (a->ss_family == AF_INET6) {
        const struct sockaddr_in6 *x = (const void *)a, *y = (const void *)b;
        return x->sin6_port == y->sin6_port && !memcmp(&x->sin6_addr, &y->sin6_addr, 16);
    }
    return false;
}

/* connect.txt: "Any datagrams queued for receipt are discarded if name is
 * different from the previous connect."  Linux keeps them, and from now on
 * only the new peer's datagrams arrive: drop what heads the queue from
 * anyone else. */
static void drop_foreign_datagrams(ws_sock *sk, const struct sockaddr_storage *peer)
{
    for (;;) {
        struct sockaddr_storage from;
        socklen_t len = sizeof from;
        char byte;
        if (recvfrom(sk->fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT | MSG_TRUNC, (struct sockaddr *)&from, &len) < 0 ||
            same_address(&from, peer))
            return;
        if (recv(sk->fd, &byte, 1, MSG_DONTWAIT | MSG_TRUNC) < 0)
            return;
    }
}

/* A blocking connect interrupted by a signal goes on in the kernel; Windows
 * has no signals, so wait for the outcome here (rare path). */
static int finish_interrupted_connect(ws_sock *sk)
{
    for (;;) {
        struct pollfd p = {sk->fd, POLLOUT, 0};
        if (poll(&p, 1, -1) < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        int e = 0;
        socklen_t len = sizeof e;
        getsockopt(sk->fd, SOL_SOCKET, SO_ERROR, &e, &len);
        return e;
    }
}

/* A blocking connect of a Winsock 1.1 application with a blocking hook:
 * started non-blocking, then waited for with the hook running.  *e gets an
 * errno, or WSAEINTR when the hook cancelled the call. */
static int hooked_connect(ws_sock *sk, const struct sockaddr *sa, socklen_t len, int *e)
{
    int on = 1, off = 0, r;
    ioctl(sk->fd, FIONBIO, &on);
    for (;;) {
        r = WS_SYS(connect, sk->fd, connect(sk->fd, sa, len));
        *e = r < 0 ? errno : 0;
        if (r < 0 && *e == EINPROGRESS) {
            int err = ws_block_with_hook(sk, POLLOUT);
            if (err) {
                *e = err;
                break;
            }
            socklen_t l = sizeof *e;
            getsockopt(sk->fd, SOL_SOCKET, SO_ERROR, e, &l);
            r = *e ? -1 : 0;
        }
        /* Refused: Windows sends the SYN again after a while (core.h), the
         * hook running meanwhile. */
        long long due = r < 0 && *e == ECONNREFUSED ? ws_syn_next_due(sk) : -1;
        if (due < 0)
            break;
        struct sockaddr unspec = {.sa_family = AF_UNSPEC};
        connect(sk->fd, &unspec, sizeof unspec); /* the reason is taken: back to unconnected */
        int err = ws_hook_sleep(due);
        if (err) {
            *e = err;
            break;
        }
    }
    ioctl(sk->fd, FIONBIO, &off);
    return r;
}

/* Dis-connect a datagram socket.  Linux also gives up a port the kernel
 * chose (bind to port 0, or the implicit bind of connect/sendto), so
 * datagrams sent to it would be lost; Windows keeps the socket bound, so
 * the same port is taken again (rare path). */
static int udp_disconnect(ws_sock *sk)
{
    struct sockaddr_storage old, now;
    socklen_t olen = sizeof old, nlen = sizeof now;
    struct sockaddr unspec = {.sa_family = AF_UNSPEC};
    bool had = getsockname(sk->fd, (struct sockaddr *)&old, &olen) == 0;
    if (connect(sk->fd, &unspec, sizeof unspec) < 0)
        return -1;
    if (had && (old.ss_family == AF_INET || old.ss_family == AF_INET6) &&
        getsockname(sk->fd, (struct sockaddr *)&now, &nlen) == 0) {
        in_port_t *op = old.ss_family == AF_INET ? &((struct sockaddr_in *)&old)->sin_port
                                                 : &((struct sockaddr_in6 *)&old)->sin6_port;
        in_port_t *np = now.ss_family == AF_INET ? &((struct sockaddr_in *)&now)->sin_port
                                                 : &((struct sockaddr_in6 *)&now)->sin6_port;
        if (*op && !*np) {
            *np = *op; /* the address Linux kept (the bound one, or the wildcard) */
            bind(sk->fd, (struct sockaddr *)&now, nlen);
        }
    }
    return 0;
}

/* The connect() system call.  A blocking stream connect is marked
 * sk->in_connect while it may be in the kernel: a closesocket() from another
 * thread that comes before the call has reached SYN_SENT cannot wake it
 * with one shutdown (there is nothing to disconnect yet), so it repeats the
 * shutdown until the call has gone (ws_sock_close). */
static int sys_connect(ws_sock *sk, uint32_t f, const struct sockaddr *sa, socklen_t len, int *e)
{
    bool mark = sk->type == SOCK_STREAM && !(f & WSF_NONBLOCK);
    if (mark) {
        atomic_store_explicit(&sk->in_connect, true, memory_order_release);
        ws_connect_prepare(sk);
    }
    int r = ws_sock_closing(sk) ? (errno = EINTR, -1)
                                : WS_FAULT_CONNECT(sk->fd, sk->type == SOCK_STREAM && (f & WSF_NONBLOCK), sa, len);
    *e = r < 0 ? errno : 0;
    if (r < 0 && *e == EINTR && mark && !ws_sock_closing(sk)) {
        *e = finish_interrupted_connect(sk);
        r = *e ? -1 : 0;
    }
    /* Refused: Windows sends the SYN again after a while (core.h). */
    while (ws_unlikely(r < 0 && *e == ECONNREFUSED) && mark) {
        int w = ws_syn_sleep(sk, -1);
        if (w) {
            *e = w;
            break;
        }
        r = ws_sock_closing(sk) ? (errno = EINTR, -1) : WS_SYS(connect, sk->fd, connect(sk->fd, sa, len));
        *e = r < 0 ? errno : 0;
    }
    if (mark)
        atomic_store_explicit(&sk->in_connect, false, memory_order_release);
    return r;
}

/* Linux errno of a failed connect -> Windows.  A duplicate 4-tuple and an
 * exhausted ephemeral range are EADDRNOTAVAIL on Linux, WSAEADDRINUSE on
 * Windows; EINPROGRESS is WSAEWOULDBLOCK (connect.txt); EALREADY is
 * WSAEINVAL for Winsock 1.1 applications (connect.txt's note). */
static int connect_error(int e)
{
    switch (e) {
    case EADDRNOTAVAIL:
        return WSAEADDRINUSE;
    case EINPROGRESS:
        return WSAEWOULDBLOCK;
    case EALREADY:
        return ws_is_v1() ? WSAEINVAL : WSAEALREADY;
    default:
        return ws_errno_to_wsa(e);
    }
}

/* The connect rules of connect.txt, shared by connect and WSAConnect. */
int ws_connect(struct ws_call *c, ws_sock *sk, const void *name, int namelen)
{
    struct sockaddr_storage ss;
    socklen_t len;
    int err = name_in(sk, name, namelen, &ss, &len);
    uint32_t f = ws_flags(sk);
    if (!err && ((f & WSF_LISTENING) || ws_sock_claimed(sk)))
        err = WSAEINVAL; /* a listener, or a socket an AcceptEx will accept into (sock.c test_AcceptEx) */
    if (!err && (f & WSF_CONNECTED) && (ws_xflags(sk) & WSX_CONNECTEX))
        err = WSAEINVAL; /* connected by ConnectEx (sock.c test_connect) */
    if (!err && ws_addr_is_any(&ss)) {
        if (sk->type == SOCK_STREAM)
            err = WSAEADDRNOTAVAIL;
        else
            ss.ss_family = AF_UNSPEC; /* "dis-connect" the datagram socket */
    }
    if (!err && ws_unlikely(f & WSF_CONNECTING) && (ws_xflags(sk) & WSX_SYN_WAIT))
        err = connect_error(EALREADY); /* still connecting: waiting to send the SYN again (core.h) */
    if (err) {
        ws_fail(c, err);
        return WS_SOCKET_ERROR;
    }
    ws_syn_new_attempt(sk);
    int r, e;
    if (ws_hooked(sk) && sk->type == SOCK_STREAM) {
        ws_connect_syncnt_now(sk); /* Winsock 1.1's blocking hook: marks nothing the watcher sees */
        r = hooked_connect(sk, (struct sockaddr *)&ss, len, &e);
        if (e == WSAEINTR) {
            ws_fail(c, WSAEINTR);
            return WS_SOCKET_ERROR;
        }
    } else if (ss.ss_family == AF_UNSPEC) {
        r = udp_disconnect(sk);
        e = r < 0 ? errno : 0;
    } else {
        r = sys_connect(sk, f, (struct sockaddr *)&ss, len, &e);
    }
    if (r < 0 && (f & (WSF_CONNECTING | WSF_CONN_FAILED)) && e != EALREADY && e != EINPROGRESS && e != EISCONN) {
        /* Linux first reports how the previous non-blocking attempt failed;
         * Windows starts a fresh attempt (connect.txt: after WSAECONNREFUSED,
         * WSAENETUNREACH or WSAETIMEDOUT "the application can call connect
         * again").  SO_ERROR keeps the old reason until a success. */
        if (e != ECONNABORTED) /* no error left to replay: SO_ERROR already has it */
            ws_set_so_error(sk, connect_error(e));
        ws_clear_flags(sk, WSF_CONNECTING);
        f &= ~WSF_CONNECTING;
        r = sys_connect(sk, f, (struct sockaddr *)&ss, len, &e);
    }
    if (r < 0 && e == EACCES && sk->type == SOCK_DGRAM && !(f & WSF_BROADCAST)) {
        /* A broadcast address without SO_BROADCAST: Windows connects (sock.c
         * test_broadcast; connect.txt's WSAEACCES is older Windows) and send
         * reaches it, while sendto to a broadcast address still needs the
         * option.  Linux wants SO_BROADCAST for both. */
        int on = 1;
        if (setsockopt(sk->fd, SOL_SOCKET, SO_BROADCAST, &on, sizeof on) == 0) {
            r = connect(sk->fd, (struct sockaddr *)&ss, len);
            e = r < 0 ? errno : 0;
            if (r == 0)
                ws_set_flags(sk, WSF_BCAST_KERNEL);
            else {
                on = 0;
                setsockopt(sk->fd, SOL_SOCKET, SO_BROADCAST, &on, sizeof on);
            }
        }
    }
    if (ws_unlikely(r < 0 && e == ECONNREFUSED) && sk->type == SOCK_STREAM && (f & WSF_NONBLOCK) &&
        !ws_hooked(sk) && (sk->connect_t0 = ws_now_coarse_ms(), ws_syn_refused(sk, true)))
        e = EINPROGRESS; /* refused within the call: pending until the last SYN (core.h) */
    if (sk->type == SOCK_STREAM && (r == 0 || e == EINPROGRESS))
        ws_remember_peer(sk, &ss, len);
    if (r < 0) {
        if (e == EINPROGRESS) {
            if (sk->type == SOCK_STREAM)
                sk->connect_t0 = ws_now_coarse_ms(); /* a refusal seen late keeps the retry schedule */
            ws_clear_flags(sk, WSF_CONN_FAILED);
            ws_set_flags(sk, WSF_CONNECTING | WSF_BOUND);
            if (sk->type == SOCK_STREAM)
                ws_connect_prepare(sk);
            if (f & WSF_EVSEL)
                ws_evsel_reenable(sk, WS_FD_CONNECT | WS_FD_WRITE); /* recorded when it completes */
        } else if (e != EALREADY && e != EISCONN) {
            ws_set_flags(sk, WSF_CONN_FAILED);
            ws_clear_flags(sk, WSF_CONNECTING);
        }
        ws_fail_sys(c, "connect", e, ws_sock_closing(sk) ? WSAEINTR : connect_error(e));
        return WS_SOCKET_ERROR;
    }
    ws_clear_flags(sk, WSF_CONNECTING | WSF_CONN_FAILED | WSF_SO_ERROR);
    if (ss.ss_family == AF_UNSPEC) {
        ws_clear_flags(sk, WSF_CONNECTED);
        return 0;
    }
    ws_stamp_connected(sk);
    ws_set_flags(sk, WSF_CONNECTED | WSF_BOUND);
    if (sk->type == SOCK_STREAM && (f & (WSF_CONNECTING | WSF_CONNECTED))) {
        /* Linux returns 0 once for a non-blocking connect that has finished
         * (whether or not select saw it first); for Windows the socket is
         * simply connected already. */
        ws_fail(c, WSAEISCONN);
        return WS_SOCKET_ERROR;
    }
    if (sk->type == SOCK_DGRAM) {
        drop_foreign_datagrams(sk, &ss);
        if (f & WSF_EVSEL)
            ws_evsel_dgram_connected(sk);
    }
    return 0;
}

WS2P_EXPORT int ws2p_connect(SOCKET s, const struct WS_sockaddr *name, int namelen)
{
    struct ws_call c = WS_CALL("connect");
    char a[80];
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        ret = ws_connect(&c, sk, name, namelen);
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, name=%s, namelen=%d", (unsigned long)s, ws_trace_addr(a, name, namelen), namelen);
}

/* WSAConnect: connect, plus connect data and QOS, which Windows' TCP/IP does
 * not support (WSAConnect docs): caller data WSAEPROTONOSUPPORT, a socket
 * QOS WSAEOPNOTSUPP, a group QOS WSAEINVAL; callee data comes back empty.
 * Datagram sockets ignore all four. */
WS2P_EXPORT int WSAConnect(SOCKET s, const struct WS_sockaddr *name, int namelen, WS_WSABUF *caller,
                           WS_WSABUF *callee, void *sqos, void *gqos)
{
    struct ws_call c = WS_CALL("WSAConnect");
    char a[80];
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        bool stream = sk->type == SOCK_STREAM;
        if (ws_bad_opt(caller) || ws_bad_opt(callee) || ws_bad_opt(sqos) || ws_bad_opt(gqos))
            ws_fail(&c, WSAEFAULT); /* (WSAConnect docs) */
        else if (stream && gqos)
            ws_fail(&c, WSAEINVAL);
        else if (stream && caller && caller->len)
            ws_fail(&c, WSAEPROTONOSUPPORT);
        else if (stream && sqos)
            ws_fail(&c, WSAEOPNOTSUPP);
        else {
            ret = ws_connect(&c, sk, name, namelen);
            if (ret == 0 && callee)
                callee->len = 0;
        }
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, name=%s, namelen=%d, caller=%p, callee=%p, sqos=%p, gqos=%p", (unsigned long)s,
                   ws_trace_addr(a, name, namelen), namelen, (void *)caller, (void *)callee, sqos, gqos);
}

WS2P_EXPORT int ws2p_shutdown(SOCKET s, int how)
{
    struct ws_call c = WS_CALL("shutdown");
    static const uint32_t shut_flags[] = {WSF_SHUT_RD, WSF_SHUT_WR, WSF_SHUT_RD | WSF_SHUT_WR};
    static const int lx_how[] = {SHUT_RD, SHUT_WR, SHUT_RDWR};
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        uint32_t f = ws_flags(sk);
        if (how < WS_SD_RECEIVE || how > WS_SD_BOTH)
            ws_fail(&c, WSAEINVAL);
        else if (sk->type == SOCK_STREAM && ((!(f & WSF_CONNECTED) && !(f & WSF_CONNECTING)) || (f & WSF_NOCTX)))
            ws_fail(&c, WSAENOTCONN);
        else if (how != WS_SD_RECEIVE && (f & WSF_PENDING) && ws_send_pending_shutdown(sk) &&
                 (how == WS_SD_SEND || shutdown(sk->fd, SHUT_RD) == 0)) {
            /* The FIN goes after the rest of an earlier send (src/core/sendq.c). */
            ws_set_flags(sk, shut_flags[how]);
            ret = 0;
        } else if (how == WS_SD_RECEIVE && sk->type == SOCK_STREAM && ws_io_recv_pending(sk)) {
            /* Receives already pending still get the data that comes
             * (sock.c test_shutdown); Linux's SHUT_RD would end them with
             * 0 bytes at once.  Later receives fail by the flag. */
            ws_set_flags(sk, WSF_SHUT_RD);
            ret = 0;
        } else if (shutdown(sk->fd, lx_how[how]) < 0 && !(errno == ENOTCONN && sk->type != SOCK_STREAM))
            /* Windows shuts down an unconnected datagram socket too
             * (sock.c test_shutdown); Linux says ENOTCONN, and the flags
             * below carry the Windows meaning. */
            ws_fail_errno(&c, "shutdown", errno);
        else {
            ws_set_flags(sk, shut_flags[how]);
            ret = 0;
        }
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, how=%d", (unsigned long)s, how);
}

WS2P_EXPORT int ws2p_getsockname(SOCKET s, struct WS_sockaddr *name, int *namelen)
{
    struct ws_call c = WS_CALL("getsockname");
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        struct sockaddr_storage ss;
        socklen_t len = sizeof ss;
        if (ws_flags(sk) & WSF_NOCTX)
            ws_fail(&c, WSAENOTCONN); /* AcceptEx without SO_UPDATE_ACCEPT_CONTEXT (AcceptEx docs) */
        else if (!ws_is_bound(sk))
            ws_fail(&c, WSAEINVAL);
        else if (getsockname(sk->fd, (struct sockaddr *)&ss, &len) < 0)
            ws_fail_errno(&c, "getsockname", errno);
        else {
            int err = ws_addr_out((struct sockaddr *)&ss, len, name, namelen);
            if (err)
                ws_fail(&c, err);
            else
                ret = 0;
        }
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, name=%p, namelen=%d", (unsigned long)s, (void *)name, ws_peek_int(namelen));
}

WS2P_EXPORT int ws2p_getpeername(SOCKET s, struct WS_sockaddr *name, int *namelen)
{
    struct ws_call c = WS_CALL("getpeername");
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        struct sockaddr_storage ss;
        socklen_t len = sizeof ss;
        /* The connection state is checked before the pointers
         * (sock.c test_getpeername). */
        if (ws_flags(sk) & WSF_NOCTX) {
            ws_fail(&c, WSAENOTCONN); /* AcceptEx without SO_UPDATE_ACCEPT_CONTEXT (AcceptEx docs) */
        } else {
            int r = getpeername(sk->fd, (struct sockaddr *)&ss, &len);
            if (r < 0 && errno == ENOTCONN && sk->peer.family && (ws_flags(sk) & (WSF_CONNECTED | WSF_CONNECTING)) &&
                !(ws_flags(sk) & WSF_CONN_FAILED)) {
                /* Connecting, or both directions shut down: Windows still
                 * knows the peer (sock.c test_connecting_socket, test_shutdown). */
                len = sk->peer.family == AF_INET ? sizeof sk->peer.v4 : sizeof sk->peer.v6;
                memcpy(&ss, &sk->peer, len);
                r = 0;
            }
            int err = r < 0 ? 0 : ws_addr_out((struct sockaddr *)&ss, len, name, namelen);
            if (r < 0)
                ws_fail_errno(&c, "getpeername", errno);
            else if (err)
                ws_fail(&c, err);
            else
                ret = 0;
        }
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, name=%p, namelen=%d", (unsigned long)s, (void *)name, ws_peek_int(namelen));
}
