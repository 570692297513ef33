/* WSAPoll: one poll() over the valid entries, read through the readiness
 * core (src/core/ready.h) and answered with Windows' POLL* bits, which are
 * not Linux's (POLLRDNORM is 0x100 there, 0x040 here). */
#include "ready.h"
#include <stdlib.h>

struct ws_pollfd { /* WSAPOLLFD */
    SOCKET fd;
    SHORT events;
    SHORT revents;
};

#define POLL_STACK 64
/* What events may ask for: POLLIN | POLLOUT.  Anything else (POLLPRI,
 * POLLWRBAND, POLLERR, POLLHUP, POLLNVAL, unknown bits) is WSAEINVAL
 * (sock.c test_WSAPoll). */
#define POLL_ASKABLE (WS_POLLRDNORM | WS_POLLRDBAND | WS_POLLWRNORM)

static uint32_t interest_of(SHORT events)
{
    /* FD_CLOSE always: Windows reports a peer's close (POLLHUP) unasked. */
    uint32_t i = WS_FD_CLOSE;
    if (events & WS_POLLRDNORM)
        i |= WS_FD_READ | WS_FD_ACCEPT;
    if (events & WS_POLLRDBAND)
        i |= WS_FD_OOB;
    if (events & WS_POLLWRNORM)
        i |= WS_FD_WRITE | WS_FD_CONNECT;
    return i;
}

/* Winsock events -> Windows revents (sock.c test_WSAPoll, test_tcp_reset). */
static SHORT revents_of(uint32_t ev, const struct ws_ready *r)
{
    SHORT re = 0;
    if (ev & (WS_FD_READ | WS_FD_ACCEPT))
        re |= WS_POLLRDNORM;
    if (ev & WS_FD_OOB)
        re |= WS_POLLRDBAND;
    if (ev & WS_FD_WRITE)
        re |= WS_POLLWRNORM;
    if (ev & WS_FD_CLOSE)
        re |= r->close_err ? WS_POLLHUP | WS_POLLERR : WS_POLLHUP;
    if (ev & WS_FD_CONNECT)
        re |= r->connect_err ? WS_POLLHUP | WS_POLLERR | WS_POLLWRNORM : WS_POLLWRNORM;
    if (ev & WS_READY_GONE)
        re |= WS_POLLNVAL; /* closed by another thread during the wait */
    return re;
}

static int do_poll(struct ws_call *c, struct ws_pollfd *fds, ULONG count, INT timeout)
{
    /* The count is checked before the pointer: WSAPoll(NULL, 0) is
     * WSAEINVAL, WSAPoll(NULL, 1) WSAEFAULT (sock.c test_WSAPoll). */
    if (!count) {
        ws_fail(c, WSAEINVAL);
        return WS_SOCKET_ERROR;
    }
    if (ws_bad_ptr(fds)) {
        ws_fail(c, WSAEFAULT);
        return WS_SOCKET_ERROR;
    }
    /* Room for each socket's entry and, while the rest of a send is
     * pending on it, its drain descriptor; for an idle stream socket, its
     * wake descriptor (ready.h). */
    struct pollfd pstack[2 * POLL_STACK], *pfd = pstack;
    ws_sock *sstack[POLL_STACK], **sks = sstack;
    uint32_t xstack[2 * POLL_STACK], *at = xstack; /* pollfd -> fds index; then drain -> pollfd */
    void *mem = NULL;
    if (count > POLL_STACK) {
        mem = malloc(count * (2 * sizeof *pfd + sizeof *sks + 2 * sizeof *at));
        if (!mem) {
            ws_fail(c, WSAENOBUFS);
            return WS_SOCKET_ERROR;
        }
        pfd = mem;
        sks = (ws_sock **)(pfd + 2 * count);
        at = (uint32_t *)(sks + count);
    }
    uint32_t *xmap = at + count;

    /* A negative fd or a handle that is no socket gets POLLNVAL and is not
     * counted; only when no entry is valid does the call fail WSAENOTSOCK.
     * Then events are checked, except those of INVALID_SOCKET entries, and
     * a bad one fails the call with every revents 0 (sock.c test_WSAPoll). */
    size_t n = 0;
    bool now = false, bad_events = false;
    int ret = WS_SOCKET_ERROR;
    for (ULONG i = 0; i < count; i++) {
        ws_sock *sk = (intptr_t)fds[i].fd < 0 ? NULL : ws_sock_get(fds[i].fd);
        fds[i].revents = sk ? 0 : WS_POLLNVAL;
        if ((intptr_t)fds[i].fd >= 0 && (fds[i].events & ~POLL_ASKABLE))
            bad_events = true;
        if (!sk)
            continue;
        now |= ws_ready_pollfd(sk, interest_of(fds[i].events), &pfd[n]);
        sks[n] = sk;
        at[n++] = i;
    }
    if (!n) {
        ws_fail(c, WSAENOTSOCK);
        goto out;
    }
    if (bad_events) {
        for (ULONG i = 0; i < count; i++)
            fds[i].revents = 0;
        ws_fail(c, WSAEINVAL);
        goto out;
    }
    /* Milliseconds; any negative value waits forever (WSAPoll docs). */
    long long ms = now ? 0 : timeout < 0 ? -1 : timeout;
    double t0 = ms > 0 ? ws_ready_clock() : 0;
    for (bool again = false;; again = true) {
        size_t np = n;
        for (size_t j = 0; j < n; j++) {
            uint32_t interest = interest_of(fds[at[j]].events);
            if (again) /* the rest of a send went, or a SYN: ask again */
                ws_ready_pollfd(sks[j], interest, &pfd[j]);
            int drain = ws_ready_wake_fd(sks[j], interest, &pfd[j], &now);
            if (ws_unlikely(drain >= 0)) {
                xmap[np - n] = (uint32_t)j;
                pfd[np++] = (struct pollfd){drain, POLLIN, 0};
            }
        }
        if (ws_ready_wait(pfd, np, now ? 0 : ms, false) < 0) {
            ws_fail_errno(c, "poll", errno);
            goto out;
        }
        bool drained = false;
        for (size_t k = n; k < np; k++)
            if (pfd[k].revents) {
                ws_ready_recheck(&pfd[xmap[k - n]]);
                drained = true;
            }
        ret = 0;
        for (size_t j = 0; j < n; j++) {
            struct ws_pollfd *f = &fds[at[j]];
            struct ws_ready r;
            uint32_t ev = ws_ready_classify(sks[j], pfd[j].revents, &r);
            if (ws_unlikely(ev & WS_READY_AGAIN))
                drained = true; /* a refused connect's SYN goes again (ready.h) */
            f->revents = revents_of(ev, &r) & (f->events | WS_POLLHUP | WS_POLLERR | WS_POLLNVAL);
            if (f->revents)
                ret++;
        }
        /* Drained but not writable yet: wait again for what is left of the time. */
        if (ws_likely(!drained) || ret || ms == 0)
            break;
        if (ms > 0) {
            double t = ws_ready_clock();
            if ((ms -= (long long)((t - t0) * 1000)) <= 0)
                break;
            t0 = t;
        }
    }
out:
    while (n--)
        ws_sock_put(sks[n]);
    free(mem);
    return ret;
}

WS2P_EXPORT int WSAPoll(struct ws_pollfd *fds, ULONG count, INT timeout)
{
    struct ws_call c = WS_CALL("WSAPoll");
    int ret = WS_SOCKET_ERROR;
    if (ws_started(&c))
        ret = do_poll(&c, fds, count, timeout);
    return WS_EXIT(&c, ret, "fds=%p, count=%lu, timeout=%d", (void *)fds, (unsigned long)count, timeout);
}
