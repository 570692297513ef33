/* The readiness core (ready.h): POSIX poll() results in Winsock terms. */
#include "ready.h"
#include "engine.h"
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <time.h>

static bool syn_pollfd(ws_sock *sk, uint32_t interest, struct pollfd *p);

bool ws_ready_pollfd(ws_sock *sk, uint32_t interest, struct pollfd *p)
{
    uint32_t f = ws_flags(sk);
    if (ws_unlikely(f & WSF_CONNECTING) && ws_unlikely(ws_xflags(sk) & WSX_SYN_WAIT))
        return syn_pollfd(sk, interest, p);
    short ev = 0;
    if (interest & (WS_FD_READ | WS_FD_ACCEPT))
        ev |= POLLIN;
    /* A peer's FIN is FD_CLOSE, not FD_READ: only POLLRDHUP tells them apart,
     * so it is asked whenever POLLIN is, even when FD_CLOSE is not wanted. */
    if (ev || (interest & WS_FD_CLOSE))
        ev |= POLLRDHUP;
    if (interest & WS_FD_OOB)
        ev |= POLLPRI;
    /* POLLOUT for FD_CONNECT only while connecting, or a connected socket
     * would wake every wait for an event nobody asked for. */
    /* While the rest of a send is pending the socket is not writable
     * (src/core/sendq.c): the wait watches its drain descriptor instead
     * (ws_ready_wake_fd), or POLLOUT would wake it over and over. */
    if (((interest & WS_FD_WRITE) && !(f & WSF_PENDING)) || ((interest & WS_FD_CONNECT) && (f & WSF_CONNECTING)))
        ev |= POLLOUT;
    *p = (struct pollfd){sk->fd, ev, 0};
    if (sk->type == SOCK_STREAM && !(f & (WSF_CONNECTED | WSF_CONNECTING | WSF_LISTENING))) {
        /* Windows reports nothing for an idle stream socket; Linux says
         * POLLOUT|POLLHUP.  A failed connect is ready now (sock.c
         * test_select: exceptfds after a refused blocking connect). */
        p->fd = -1;
        return (f & WSF_CONN_FAILED) != 0;
    }
    return (f & WSF_DEFERRED) != 0; /* it holds a connection WSAAccept deferred */
}

/* The connect failed for good (errno e): Windows keeps the reason in
 * SO_ERROR and puts the socket in exceptfds until the next attempt (sock.c
 * test_select). */
static uint32_t connect_gave_up(ws_sock *sk, int e, struct ws_ready *r)
{
    r->connect_err = e ? ws_errno_to_wsa(e) : WSAECONNREFUSED;
    ws_set_so_error(sk, r->connect_err);
    ws_set_flags(sk, WSF_CONN_FAILED);
    ws_clear_flags(sk, WSF_CONNECTING);
    return WS_FD_CONNECT;
}

/* A non-blocking connect ended in POLLERR/POLLHUP: Linux hands the reason
 * out once (SO_ERROR).  A reset with retries left is no failure yet: the
 * SYN goes again later (src/core/synretry.c), and the wait looks again. */
static __attribute__((cold)) uint32_t connect_failed(ws_sock *sk, struct ws_ready *r)
{
    int e = 0;
    socklen_t len = sizeof e;
    getsockopt(sk->fd, SOL_SOCKET, SO_ERROR, &e, &len);
    /* With the reason taken, Linux would fail the next connect() with
     * ECONNABORTED; Windows starts a fresh attempt (connect docs).  An
     * AF_UNSPEC connect returns the socket to unconnected. */
    struct sockaddr unspec = {.sa_family = AF_UNSPEC};
    connect(sk->fd, &unspec, sizeof unspec);
    if (e == ECONNREFUSED && !ws_sock_closing(sk) && ws_syn_refused(sk, true))
        return WS_READY_AGAIN;
    ws_clear_xflags(sk, WSX_SYN_SERIES);
    return connect_gave_up(sk, e, r);
}

/* Waiting for a refused connect's next SYN: the retry timer stands in the
 * socket's slot; when the SYN has gone again, the socket's own entry. */
static __attribute__((cold)) bool syn_pollfd(ws_sock *sk, uint32_t interest, struct pollfd *p)
{
    int err, fd = ws_syn_poll(sk, &err);
    if (fd >= 0) {
        *p = (struct pollfd){fd, POLLIN, 0};
        return false;
    }
    if (err) {
        struct ws_ready r;
        connect_gave_up(sk, err, &r);
    }
    return ws_ready_pollfd(sk, interest, p);
}

/* The retry timer (or, if another thread re-sent the SYN meanwhile, the
 * socket) said something: time for the SYN, or the end. */
static __attribute__((cold)) uint32_t syn_fired(ws_sock *sk, short rev, struct ws_ready *r)
{
    if (!rev)
        return 0;
    int err;
    if (ws_syn_poll(sk, &err) >= 0)
        return WS_READY_AGAIN;
    if (err)
        return connect_gave_up(sk, err, r);
    /* The SYN went again.  On loopback its answer is in by now, and the
     * server's wait has already seen the connection: look at once (as
     * Windows wakes both ends together) rather than in another round. */
    struct pollfd q = {sk->fd, POLLIN | POLLOUT | POLLPRI | POLLRDHUP, 0};
    uint32_t ev = poll(&q, 1, 0) > 0 ? ws_ready_classify(sk, q.revents, r) : 0;
    return ev ? ev : WS_READY_AGAIN;
}

/* Bytes queued to read: asked only after the peer's FIN (rare path). */
static __attribute__((cold)) bool data_queued(ws_sock *sk)
{
    int n = 0;
    return ioctl(sk->fd, FIONREAD, &n) == 0 && n > 0;
}

/* After the socket's own shutdown(SD_RECEIVE) Linux reports POLLRDHUP at
 * once, so the peer's FIN is told apart by the connection state: it moved
 * the connection to CLOSE_WAIT (or, after our own FIN, CLOSING, or CLOSE:
 * from FIN_WAIT2 Linux hands the connection to a time-wait entry).
 * Asked only for a socket shut for receiving (rare path). */
static __attribute__((cold)) bool peer_fin_after_own_shutdown(ws_sock *sk)
{
    struct tcp_info ti;
    socklen_t len = sizeof ti;
    if (getsockopt(sk->fd, IPPROTO_TCP, TCP_INFO, &ti, &len) != 0)
        return false;
    switch (ti.tcpi_state) {
    case TCP_CLOSE_WAIT:
    case TCP_LAST_ACK:
    case TCP_CLOSING:
    case TCP_TIME_WAIT:
    case TCP_CLOSE:
        return true;
    default:
        return false;
    }
}

static uint32_t stream_events(ws_sock *sk, uint32_t f, short rev, struct ws_ready *r)
{
    uint32_t ev = 0;
    if (rev & POLLPRI)
        ev |= (f & WSF_OOBINLINE) ? WS_FD_READ : WS_FD_OOB; /* test_select: OOB inline is data */
    if ((rev & POLLOUT) && !(f & WSF_PENDING))
        ev |= WS_FD_WRITE;
    if ((rev & POLLERR) || (f & (WSF_RESET | WSF_ABORTED))) {
        /* Abortive close: a peer's RST is FD_CLOSE with WSAECONNABORTED
         * (sock.c test_close_events); recv then fails WSAECONNRESET. */
        ev |= WS_FD_CLOSE;
        r->close_err = WSAECONNABORTED;
    } else if ((rev & (POLLRDHUP | POLLHUP)) && (!(f & WSF_SHUT_RD) || peer_fin_after_own_shutdown(sk))) {
        /* The peer's FIN (also after our own shutdown: sock.c
         * test_close_events); data sent before it may still be queued. */
        ev |= WS_FD_CLOSE;
        if ((rev & POLLIN) && data_queued(sk))
            ev |= WS_FD_READ;
    } else if (rev & POLLIN) {
        /* Own shutdown(SD_RECEIVE) lands here: recv fails at once, which
         * is readable, and Windows posts no FD_CLOSE for it. */
        ev |= WS_FD_READ;
    }
    return ev;
}

static uint32_t dgram_events(ws_sock *sk, uint32_t f, short rev)
{
    uint32_t ev = 0;
    if (rev & POLLOUT)
        ev |= WS_FD_WRITE;
    if (rev & POLLIN)
        ev |= WS_FD_READ;
    if (rev & POLLERR) {
        /* An ICMP error of an earlier datagram: the next recv reports it
         * (SIO_UDP_CONNRESET docs, KB 263823), so it is readable, unless
         * the application turned that off: then drop it here. */
        if (f & WSF_NO_CONNRESET)
            ws_icmp_error(sk);
        else
            ev |= WS_FD_READ;
    }
    return ev;
}

uint32_t ws_ready_classify(ws_sock *sk, short rev, struct ws_ready *r)
{
    uint32_t f = ws_flags(sk);
    r->connect_err = r->close_err = 0;
    if (ws_unlikely(ws_sock_closing(sk)))
        return WS_READY_GONE;
    if (sk->type != SOCK_STREAM)
        return dgram_events(sk, f, rev);
    if (ws_unlikely(f & WSF_CONNECTING)) {
        if (ws_unlikely(ws_xflags(sk) & WSX_SYN_WAIT))
            return syn_fired(sk, rev, r);
        if (rev & (POLLERR | POLLHUP))
            return connect_failed(sk, r);
        if (!(rev & POLLOUT))
            return 0;
        ws_connect_established(sk); /* the non-blocking connect finished */
        return WS_FD_CONNECT | stream_events(sk, f, rev, r);
    }
    if (f & WSF_LISTENING)
        return (rev & POLLIN) || (f & WSF_DEFERRED) ? WS_FD_ACCEPT : 0;
    if (!(f & WSF_CONNECTED)) {
        if (!(f & WSF_CONN_FAILED))
            return 0;
        r->connect_err = (f & WSF_SO_ERROR) && sk->so_error ? sk->so_error : WSAECONNREFUSED;
        return WS_FD_CONNECT;
    }
    return stream_events(sk, f, rev, r);
}

static long long ms_since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - t0->tv_sec) * 1000LL + (now.tv_nsec - t0->tv_nsec) / 1000000;
}

int ws_ready_wake_fd_slow(ws_sock *sk, uint32_t interest, const struct pollfd *p, bool *now)
{
    if (p->fd >= 0) {
        struct ws_sockio *io = ws_sock_io(sk);
        if (!(interest & WS_FD_WRITE) || !(ws_flags(sk) & WSF_PENDING) || !io)
            return -1;
        return io->wake_fd;
    }
    int fd = ws_sock_wake_fd(sk);
    if (ws_sock_closing(sk))
        *now = true;
    return fd;
}

double ws_ready_clock(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t); /* vDSO: no system call */
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

void ws_ready_recheck(struct pollfd *p)
{
    struct pollfd q = {p->fd, (short)(p->events | POLLOUT), 0};
    if (p->fd >= 0 && poll(&q, 1, 0) > 0)
        p->revents |= q.revents;
}

int ws_ready_wait(struct pollfd *p, size_t n, long long ms, bool alertable)
{
    struct timespec t0;
    long long left = ms;
    if (ms > 0)
        clock_gettime(CLOCK_MONOTONIC, &t0); /* vDSO: no system call */
#if !WS_HAVE_ASYS
    alertable = false;
#endif
    for (;;) {
        int t = left < 0 ? -1 : left > INT_MAX ? INT_MAX : (int)left;
#if WS_HAVE_ASYS
        int r = alertable && t ? ws_poll_alertable(p, n, t) : poll(p, n, t);
#else
        int r = poll(p, n, t);
#endif
        if (r > 0 || (r < 0 && errno != EINTR))
            return r;
        if (r < 0 && alertable && ws_alert_pending()) {
            /* An APC queued for the thread: it runs only if the wait goes
             * on (a socket ready at once leaves it queued: sock.c
             * test_select). */
            if ((r = poll(p, n, 0)) != 0)
                return r;
            ws_apc_run(ws_thread_current());
            r = -1;
        }
        if (ms < 0)
            continue;
        left = ms > 0 ? ms - ms_since(&t0) : 0;
        if (left <= 0 && r == 0)
            return 0;
        if (left < 0)
            left = 0; /* interrupted at the deadline: one last look */
    }
}
