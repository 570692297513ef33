/*
 * The readiness core: what to ask poll() about a socket, and what one poll()
 * result means in Winsock terms.  select, WSAPoll, WSAEventSelect and
 * WSAAsyncSelect all read readiness through it, so each Windows rule (a
 * failed connect is not readable, a reset is FD_CLOSE, ...) is written once.
 *
 *     struct pollfd p;
 *     bool now = ws_ready_pollfd(sk, WS_FD_READ | WS_FD_WRITE, &p);
 *     ... one poll() over every entry, timeout 0 if any said `now` ...
 *     struct ws_ready r;
 *     uint32_t ev = ws_ready_classify(sk, p.revents, &r);
 */
#ifndef WS2P_READY_H
#define WS2P_READY_H
#include "core.h"
#include <poll.h>

/* Beside the FD_* bits: closesocket() took the socket while we waited
 * (Windows' AFD reports this whether asked or not). */
#define WS_READY_GONE (1u << 16)
/* Nothing to report, but the socket's poll entry changed (a refused
 * connect's SYN went again, or it now waits for the next one: ready.c):
 * build the entries again and wait for what is left of the time. */
#define WS_READY_AGAIN (1u << 17)

struct ws_ready {
    int connect_err; /* with FD_CONNECT: 0, or why the connect failed (WSA) */
    int close_err;   /* with FD_CLOSE: 0 graceful, WSAECONNABORTED / WSAECONNRESET */
};

/* Fill *p (fd and POSIX events) to watch sk for the FD_* events of interest.
 * A socket Windows never reports (a stream socket neither connected,
 * connecting nor listening) gets fd -1.  Returns true when sk is ready
 * without asking the kernel (a failed connect), so the caller must not
 * block. */
bool ws_ready_pollfd(ws_sock *sk, uint32_t interest, struct pollfd *p);

/* What revents (one poll() result for sk) means: FD_* bits plus
 * WS_READY_GONE, with the error codes in *r.  Performs the state changes
 * Linux does not make for us: a non-blocking connect seen finished becomes
 * WSF_CONNECTED; one seen failed becomes WSF_CONN_FAILED with SO_ERROR set. */
uint32_t ws_ready_classify(ws_sock *sk, short revents, struct ws_ready *r);

/* A descriptor to poll (POLLIN) beside the socket's own entry, for what
 * poll() on the socket cannot show, or -1:
 *   - while the rest of a non-blocking send is still going out
 *     (WSF_PENDING) and the wait wants FD_WRITE, the drain descriptor: it
 *     fires when the rest has gone and the socket may be writable again;
 *   - for a socket the kernel is not asked about (p->fd < 0: a stream socket
 *     neither connected nor listening), the socket's wake descriptor, which
 *     closesocket() from another thread fires (select docs, sock.c
 *     test_select: the wait ends with the socket readable).
 * *now is set when the socket was closed meanwhile (do not block).  When it
 * fires, look at the socket's entry again (ws_ready_recheck). */
int ws_ready_wake_fd_slow(ws_sock *sk, uint32_t interest, const struct pollfd *p, bool *now);
static inline int ws_ready_wake_fd(ws_sock *sk, uint32_t interest, const struct pollfd *p, bool *now)
{
    if (ws_likely(p->fd >= 0 && !(ws_flags(sk) & WSF_PENDING)))
        return -1;
    return ws_ready_wake_fd_slow(sk, interest, p, now);
}
/* A drain descriptor fired: look at the socket's entry again, POLLOUT
 * included, without waiting (adds to p->revents). */
void ws_ready_recheck(struct pollfd *p);
/* Monotonic seconds, for waits that go round again. */
double ws_ready_clock(void);

/* One poll() over n entries.  ms < 0 waits forever; any length fits (waits
 * longer than poll's int are chained).  A signal is not a reason to return
 * early: Windows has none.  alertable: APCs queued to the thread while it
 * waits run, and the wait goes on for the time left.  Returns poll()'s
 * result, -1 with errno. */
int ws_ready_wait(struct pollfd *p, size_t n, long long ms, bool alertable);

#endif
