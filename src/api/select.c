/* select and __WSAFDIsSet.  Windows' fd_set is a count and an array of
 * handles, not a bitmap, so select is one poll() over the listed sockets and
 * a rewrite of each set in place.  Basic but exact for the documented cases
 * (sock.c test_select); a later issue refines it. */
#include "core.h"
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <time.h>

/* Three sets of Windows' default FD_SETSIZE (64) fit on the stack; only
 * larger sets allocate. */
#define SELECT_STACK (3 * 64)

enum { SET_READ, SET_WRITE, SET_EXCEPT };

/* Is a socket in a ready state for set k, given what poll() said?  A
 * non-blocking connect that failed shows up as POLLERR/POLLHUP while still
 * WSF_CONNECTING: Windows puts it in exceptfds only.  Out-of-band data is
 * exceptional unless SO_OOBINLINE makes it ordinary data (then POLLIN). */
static bool ready(int k, uint32_t f, short rev)
{
    /* A blocking connect that failed stays exceptional too (sock.c
     * test_select: refused blocking connect, then exceptfds). */
    bool failed_connect = ((f & WSF_CONNECTING) && (rev & (POLLERR | POLLHUP))) || (f & WSF_CONN_FAILED);
    switch (k) {
    case SET_READ:
        return !failed_connect && (rev & (POLLIN | POLLHUP | POLLERR));
    case SET_WRITE:
        return !failed_connect && (rev & POLLOUT);
    default:
        return failed_connect || (!(f & WSF_OOBINLINE) && (rev & POLLPRI));
    }
}

static const short set_events[] = {[SET_READ] = POLLIN, [SET_WRITE] = POLLOUT, [SET_EXCEPT] = POLLPRI};

static bool in_set(SOCKET s, const struct WS_fd_set *set)
{
    for (unsigned i = 0; i < set->fd_count; i++)
        if (set->fd_array[i] == s)
            return true;
    return false;
}

/* poll() with Windows' timeout: NULL blocks, {0,0} polls.  A signal is no
 * reason to return early: retry with what is left. */
static int poll_for(struct pollfd *p, size_t n, const struct WS_timeval *tv)
{
    long long ms = -1;
    struct timespec start;
    if (tv) {
        ms = (long long)tv->tv_sec * 1000 + (tv->tv_usec + 999) / 1000;
        if (ms > INT_MAX)
            ms = INT_MAX;
        if (ms > 0)
            clock_gettime(CLOCK_MONOTONIC, &start);
    }
    for (;;) {
        int r = poll(p, n, (int)ms);
        if (r >= 0 || errno != EINTR || ms == 0)
            return r;
        if (ms > 0) {
            struct timespec now;
            clock_gettime(CLOCK_MONOTONIC, &now);
            long long spent = (now.tv_sec - start.tv_sec) * 1000LL + (now.tv_nsec - start.tv_nsec) / 1000000;
            long long total = (long long)tv->tv_sec * 1000 + (tv->tv_usec + 999) / 1000;
            ms = total > spent ? total - spent : 0;
            if (ms > INT_MAX)
                ms = INT_MAX;
        }
    }
}

static int do_select(struct ws_call *c, struct WS_fd_set *sets[3], const struct WS_timeval *tv)
{
    unsigned cnt[3];
    size_t total = 0;
    for (int k = 0; k < 3; k++)
        total += cnt[k] = sets[k] ? sets[k]->fd_count : 0;
    /* All sets NULL or empty (select docs; sock.c test_select), or a
     * negative time-out (select docs: "time-out value is not valid"). */
    if (!total || (tv && (tv->tv_sec < 0 || tv->tv_usec < 0))) {
        ws_fail(c, WSAEINVAL);
        return WS_SOCKET_ERROR;
    }
    struct pollfd pstack[SELECT_STACK], *pfd = pstack;
    ws_sock *sstack[SELECT_STACK], **sks = sstack;
    if (total > SELECT_STACK) {
        void *mem = malloc(total * (sizeof *pfd + sizeof *sks));
        if (!mem) {
            ws_fail(c, WSAENOBUFS);
            return WS_SOCKET_ERROR;
        }
        pfd = mem;
        sks = (ws_sock **)(pfd + total);
    }

    /* Take every socket before touching anything: one non-socket leaves the
     * sets as they were (sock.c test_select).  The references also keep each
     * fd ours while poll() waits, and let closesocket() in another thread
     * wake us (ws_sock_close shuts busy sockets down). */
    size_t n = 0;
    int ret = WS_SOCKET_ERROR;
    for (int k = 0; k < 3; k++) {
        for (unsigned j = 0; j < cnt[k]; j++, n++) {
            ws_sock *sk = ws_sock_get(sets[k]->fd_array[j]);
            if (!sk) {
                ws_fail(c, WSAENOTSOCK);
                goto out;
            }
            sks[n] = sk;
            uint32_t f = ws_flags(sk);
            /* A stream socket that is neither connected, connecting nor
             * listening is never ready on Windows; Linux says POLLOUT|POLLHUP. */
            bool idle = sk->type == SOCK_STREAM && !(f & (WSF_CONNECTED | WSF_CONNECTING | WSF_LISTENING));
            pfd[n] = (struct pollfd){idle ? -1 : sk->fd, set_events[k], 0};
        }
    }

    if (poll_for(pfd, n, tv) < 0) {
        ws_fail_errno(c, "poll", errno);
        goto out;
    }

    /* Rewrite the sets from the snapshot in sks[], so a set passed twice
     * (readfds == writefds) still works; a socket goes into a set at most
     * once and counts once per set it is added to, in the callers' order. */
    for (int k = 0; k < 3; k++)
        if (sets[k])
            sets[k]->fd_count = 0;
    ret = 0;
    n = 0;
    for (int k = 0; k < 3; k++) {
        for (unsigned j = 0; j < cnt[k]; j++, n++) {
            ws_sock *sk = sks[n];
            uint32_t f = ws_flags(sk);
            short rev = pfd[n].revents;
            if ((f & WSF_CONNECTING) && (rev & POLLOUT) && !(rev & (POLLERR | POLLHUP))) {
                ws_set_flags(sk, WSF_CONNECTED); /* the non-blocking connect finished */
                ws_clear_flags(sk, WSF_CONNECTING);
            }
            SOCKET s = (SOCKET)sk->fd;
            if (ready(k, f, rev) && !in_set(s, sets[k])) {
                sets[k]->fd_array[sets[k]->fd_count++] = s;
                ret++;
            }
        }
    }
out:
    while (n--)
        ws_sock_put(sks[n]);
    if (pfd != pstack)
        free(pfd);
    return ret;
}

WS2P_EXPORT int ws2p_select(int nfds, struct WS_fd_set *readfds, struct WS_fd_set *writefds,
                            struct WS_fd_set *exceptfds, const struct WS_timeval *timeout)
{
    struct ws_call c = WS_CALL("select");
    struct WS_fd_set *sets[3] = {readfds, writefds, exceptfds};
    int ret = WS_SOCKET_ERROR;
    (void)nfds; /* ignored, as on Windows */
    if (ws_started(&c))
        ret = do_select(&c, sets, timeout);
    return WS_EXIT(&c, ret, "read=%p(%d), write=%p(%d), except=%p(%d), timeout=%ld.%06ld", (void *)readfds,
                   readfds ? (int)readfds->fd_count : -1, (void *)writefds, writefds ? (int)writefds->fd_count : -1,
                   (void *)exceptfds, exceptfds ? (int)exceptfds->fd_count : -1,
                   timeout ? (long)timeout->tv_sec : -1L, timeout ? (long)timeout->tv_usec : 0L);
}

WS2P_EXPORT int __WSAFDIsSet(SOCKET s, struct WS_fd_set *set)
{
    return set && in_set(s, set);
}
