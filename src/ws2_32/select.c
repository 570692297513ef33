/* select and __WSAFDIsSet.  Windows' fd_set is a count and an array of
 * handles, not a bitmap, so any handle value and any set size work.  select
 * is one poll() over the distinct sockets of the three sets (one entry per
 * socket, whatever sets it is in), read through the readiness core
 * (src/core/ready.h), then each set rewritten in place in the caller's order
 * (sock.c test_select). */
#include "ready.h"
#include "winobj.h"
#include <stdlib.h>
#include <string.h>

/* Three sets of Windows' default FD_SETSIZE (64) fit on the stack; only
 * larger sets allocate. */
#define SELECT_STACK (3 * 64)
#define HASH_STACK 512 /* a power of two >= 2 * SELECT_STACK */

enum { SET_READ, SET_WRITE, SET_EXCEPT };

/* What each set asks for.  A failed connect reaches exceptfds through
 * POLLERR/POLLHUP, which poll() always reports. */
static const uint32_t set_interest[] = {
    [SET_READ] = WS_FD_READ | WS_FD_ACCEPT | WS_FD_CLOSE,
    [SET_WRITE] = WS_FD_WRITE | WS_FD_CONNECT,
    [SET_EXCEPT] = WS_FD_OOB,
};

/* One distinct socket of the call. */
struct entry {
    ws_sock *sk;
    SOCKET s;
    uint32_t interest; /* FD_* from every set it is in */
    uint32_t ev;       /* what the core classified */
    uint8_t added;     /* sets (by first alias index) it went into */
    struct ws_ready r;
};

static bool in_set(SOCKET s, const struct WS_fd_set *set)
{
    for (unsigned i = 0; i < set->fd_count; i++)
        if (set->fd_array[i] == s)
            return true;
    return false;
}

static bool set_wants(int k, const struct entry *e)
{
    switch (k) {
    case SET_READ:
        /* A socket closed under the wait reads as readable (sock.c
         * test_select, bug 38399). */
        return e->ev & (WS_FD_READ | WS_FD_ACCEPT | WS_FD_CLOSE | WS_READY_GONE);
    case SET_WRITE:
        return (e->ev & WS_FD_WRITE) || ((e->ev & WS_FD_CONNECT) && !e->r.connect_err);
    default:
        return (e->ev & WS_FD_OOB) || ((e->ev & WS_FD_CONNECT) && e->r.connect_err);
    }
}

/* Windows' time-out: NULL blocks, {0,0} polls, a negative field is
 * WSAEINVAL (select docs: "The time-out value is not valid"); tv_usec past
 * a second carries over.  -2 for invalid. */
static long long timeout_ms(const struct WS_timeval *tv)
{
    if (!tv)
        return -1;
    if (tv->tv_sec < 0 || tv->tv_usec < 0)
        return -2;
    return (long long)tv->tv_sec * 1000 + ((long long)tv->tv_usec + 999) / 1000;
}

static int do_select(struct ws_call *c, struct WS_fd_set *sets[3], const struct WS_timeval *tv)
{
    unsigned cnt[3];
    size_t total = 0;
    /* Sets and time-out not in the address space (select docs). */
    if (ws_bad_opt(sets[0]) || ws_bad_opt(sets[1]) || ws_bad_opt(sets[2]) || ws_bad_opt(tv)) {
        ws_fail(c, WSAEFAULT);
        return WS_SOCKET_ERROR;
    }
    for (int k = 0; k < 3; k++)
        total += cnt[k] = sets[k] ? sets[k]->fd_count : 0;
    long long ms = timeout_ms(tv);
    /* All sets NULL or empty (select docs; sock.c test_select). */
    if (!total || ms == -2) {
        ws_fail(c, WSAEINVAL);
        return WS_SOCKET_ERROR;
    }

    struct entry estack[SELECT_STACK], *ent = estack;
    /* Room for each socket's entry and, while the rest of a send is
     * pending on it, its drain descriptor; for an idle stream socket, its
     * wake descriptor (ready.h). */
    struct pollfd pstack[2 * SELECT_STACK], *pfd = pstack;
    uint32_t xstack[SELECT_STACK], *xmap = xstack; /* drain entry -> socket entry */
    uint32_t istack[SELECT_STACK], *idx = istack; /* element -> entry */
    uint32_t hstack[HASH_STACK], *hash = hstack;  /* handle -> entry + 1 */
    size_t hsize = HASH_STACK;
    void *mem = NULL;
    if (total > SELECT_STACK) {
        while (hsize < 2 * total)
            hsize *= 2;
        mem = malloc(total * (sizeof *ent + 2 * sizeof *pfd + 2 * sizeof *idx) + hsize * sizeof *hash);
        if (!mem) {
            ws_fail(c, WSAENOBUFS);
            return WS_SOCKET_ERROR;
        }
        ent = mem;
        pfd = (struct pollfd *)(ent + total);
        idx = (uint32_t *)(pfd + 2 * total);
        xmap = idx + total;
        hash = xmap + total;
    }
    memset(hash, 0, hsize * sizeof *hash);

    /* Take every socket before touching anything: one non-socket leaves the
     * sets as they were (sock.c test_select).  The references also keep each
     * fd ours while poll() waits, and let closesocket() in another thread
     * wake us (ws_sock_close shuts busy sockets down).  Sets are read here
     * once, so a set passed twice is rewritten from this snapshot. */
    size_t n = 0, ne = 0;
    bool now = false;
    int ret = WS_SOCKET_ERROR;
    for (int k = 0; k < 3; k++) {
        for (unsigned j = 0; j < cnt[k]; j++, n++) {
            SOCKET s = sets[k]->fd_array[j];
            size_t h = (s * 0x9E3779B97F4A7C15ull) >> 20 & (hsize - 1);
            while (hash[h] && ent[hash[h] - 1].s != s)
                h = (h + 1) & (hsize - 1);
            if (!hash[h]) {
                ws_sock *sk = ws_sock_get(s);
                if (!sk) {
                    ws_fail(c, WSAENOTSOCK);
                    goto out;
                }
                ent[ne] = (struct entry){.sk = sk, .s = s};
                hash[h] = (uint32_t)++ne;
            }
            idx[n] = hash[h] - 1;
            ent[idx[n]].interest |= set_interest[k];
        }
    }
    double t0 = ms > 0 ? ws_ready_clock() : 0;
    for (;;) {
        size_t np = ne;
        for (size_t i = 0; i < ne; i++) {
            now |= ws_ready_pollfd(ent[i].sk, ent[i].interest, &pfd[i]);
            int drain = ws_ready_wake_fd(ent[i].sk, ent[i].interest, &pfd[i], &now);
            if (ws_unlikely(drain >= 0)) {
                xmap[np - ne] = (uint32_t)i;
                pfd[np++] = (struct pollfd){drain, POLLIN, 0};
            }
        }
        if (!now && ms != 0 && ws_apc_queued())
            ws_apc_run_if_waiting(pfd, np);
        if (ws_ready_wait(pfd, np, now ? 0 : ms, true) < 0) { /* alertable (sock.c test_select) */
            ws_fail_errno(c, "poll", errno);
            goto out;
        }
        bool drained = false;
        for (size_t k = ne; k < np; k++)
            if (pfd[k].revents) {
                ws_ready_recheck(&pfd[xmap[k - ne]]);
                drained = true;
            }
        bool any = false;
        for (size_t i = 0; i < ne; i++) {
            ent[i].ev = ws_ready_classify(ent[i].sk, pfd[i].revents, &ent[i].r);
            if (ws_unlikely(ent[i].ev & WS_READY_AGAIN)) {
                ent[i].ev &= ~WS_READY_AGAIN;
                drained = true;
            }
            any |= ent[i].ev != 0;
        }
        /* The rest of a send went but the socket is not writable yet, or a
         * refused connect's SYN goes again: wait again (on the new entries)
         * for what is left of the time. */
        if (ws_likely(!drained) || any || ms == 0)
            break;
        if (ms > 0) {
            double t = ws_ready_clock();
            if ((ms -= (long long)((t - t0) * 1000)) <= 0)
                break;
            t0 = t;
        }
    }

    /* Rewrite the sets.  A socket goes into a set at most once and counts
     * once per set it goes into; a set passed twice is one set (its first
     * index names it). */
    int alias[3];
    for (int k = 0; k < 3; k++) {
        alias[k] = k;
        for (int a = 0; a < k; a++)
            if (sets[a] == sets[k] && alias[k] == k)
                alias[k] = a;
        if (sets[k])
            sets[k]->fd_count = 0;
    }
    ret = 0;
    bool gone = false;
    n = 0;
    for (int k = 0; k < 3; k++) {
        for (unsigned j = 0; j < cnt[k]; j++, n++) {
            struct entry *e = &ent[idx[n]];
            /* Closed under the wait and not in readfds: WSAENOTSOCK, the
             * socket left out (sock.c test_select, bug 38399). */
            if ((e->ev & WS_READY_GONE) && !(e->interest & WS_FD_READ))
                gone = true;
            uint8_t bit = (uint8_t)(1u << alias[k]);
            if (set_wants(k, e) && !(e->added & bit)) {
                e->added |= bit;
                sets[k]->fd_array[sets[k]->fd_count++] = e->s;
                ret++;
            }
        }
    }
    if (gone) {
        ws_fail(c, WSAENOTSOCK);
        ret = WS_SOCKET_ERROR;
    }
out:
    while (ne--)
        ws_sock_put(ent[ne].sk);
    free(mem);
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
                   !ws_bad_ptr(readfds) ? (int)readfds->fd_count : -1, (void *)writefds,
                   !ws_bad_ptr(writefds) ? (int)writefds->fd_count : -1, (void *)exceptfds,
                   !ws_bad_ptr(exceptfds) ? (int)exceptfds->fd_count : -1,
                   !ws_bad_ptr(timeout) ? (long)timeout->tv_sec : -1L, !ws_bad_ptr(timeout) ? (long)timeout->tv_usec : 0L);
}

WS2P_EXPORT int __WSAFDIsSet(SOCKET s, struct WS_fd_set *set)
{
    return !ws_bad_ptr(set) && in_set(s, set);
}
