/* The socket table: SOCKET == fd, state in fd-indexed pages.  Lookups take
 * no lock (see ws_sock_get); only allocating a new page does. */
#include "engine.h"
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

ws_sock *_Atomic ws_pages[WS_MAX_PAGES];
static pthread_mutex_t page_lock = PTHREAD_MUTEX_INITIALIZER;
static _Atomic unsigned pages_used; /* highest page index allocated + 1 */

static ws_sock *slot(int fd)
{
    unsigned idx = (unsigned)fd >> WS_PAGE_SHIFT;
    if (idx >= WS_MAX_PAGES)
        return NULL;
    ws_sock *page = atomic_load_explicit(&ws_pages[idx], memory_order_acquire);
    if (!page) {
        pthread_mutex_lock(&page_lock);
        page = atomic_load_explicit(&ws_pages[idx], memory_order_relaxed);
        if (!page) {
            page = calloc(WS_PAGE_SIZE, sizeof *page);
            if (page) {
                atomic_store_explicit(&ws_pages[idx], page, memory_order_release);
                if (idx + 1 > atomic_load(&pages_used))
                    atomic_store(&pages_used, idx + 1);
            }
        }
        pthread_mutex_unlock(&page_lock);
        if (!page)
            return NULL;
    }
    return &page[(unsigned)fd & (WS_PAGE_SIZE - 1)];
}

ws_sock *ws_sock_register(int fd, int family, int type, int protocol, uint32_t flags)
{
    ws_sock *sk = slot(fd);
    if (!sk) {
        errno = fd < 0 ? EBADF : ENOMEM;
        return NULL;
    }
    /* The kernel just gave us fd, so nobody else owns this slot: the previous
     * socket on this fd finished (refs reached 0) before close() freed it.
     * The acquire pairs with ws_sock_final's release, so everything the last
     * user did to the slot happens before it is reused (ThreadSanitizer cannot
     * see the ordering close() and socket() give through the kernel). */
    (void)atomic_load_explicit(&sk->refs, memory_order_acquire);
    sk->fd = fd;
    sk->family = family;
    sk->type = type;
    sk->protocol = protocol;
    sk->rcvtimeo = sk->sndtimeo = 0;
    /* A new life first: whoever still holds the old one's key sees it end
     * before seeing anything of this one (io_epoll.c named). */
    uint32_t gen = atomic_load_explicit(&sk->gen, memory_order_relaxed) + 1;
    atomic_store_explicit(&sk->gen, gen ? gen : 1, memory_order_release);
    __atomic_store_n(&sk->io, NULL, __ATOMIC_RELAXED);
    sk->peer.family = 0;
    sk->connect_t0 = 0;
    atomic_store_explicit(&sk->xflags, 0, memory_order_relaxed);
    sk->binding = NULL;
    atomic_store_explicit(&sk->send_lock, 0, memory_order_relaxed);
    atomic_store_explicit(&sk->in_connect, false, memory_order_relaxed);
    atomic_store_explicit(&sk->flags, flags, memory_order_relaxed);
    atomic_store_explicit(&sk->handles, 1, memory_order_relaxed);
    atomic_store_explicit(&sk->refs, 1, memory_order_release);
    return sk;
}

/* ---- more handles on one object (WSADuplicateSocket) ----------------------
 * Windows' duplicate is the same socket object: one completion-port
 * association, one set of requests, closed (its requests aborted) when the
 * last handle goes (sock.c test_completion_port).  SOCKET == fd, so the
 * duplicate's number is a dup() of the object's descriptor, and its slot
 * forwards to the object (the alias states in core.h).  Why not a second
 * object sharing state, or an indirection for every slot: the lookup of an
 * ordinary socket stays the one test it was; only a handle that is an
 * alias takes ws_sock_get's cold branch.  The object stays in its home slot
 * (what the engine, the port registry and pending requests name) and keeps
 * its descriptor open until its own close, even after that handle's
 * closesocket: the number is not reused meanwhile, and the dup()s are only
 * names for the handles. */
static ws_sock *home_of(const ws_sock *alias)
{
    return &ws_pages[(unsigned)alias->alias_of >> WS_PAGE_SHIFT][(unsigned)alias->alias_of & (WS_PAGE_SIZE - 1)];
}

/* Drop a reference on an alias slot; the last one (its handle closed)
 * frees the slot, then the number, then the alias's hold on the object. */
static void alias_put(ws_sock *a)
{
    if (atomic_fetch_sub_explicit(&a->refs, 1, memory_order_acq_rel) != (WS_CLOSING | WS_ALIAS | WS_GONE | 1))
        return;
    ws_sock *sk = home_of(a);
    int fd = a->fd;
    atomic_store_explicit(&a->refs, 0, memory_order_release); /* before close(): the number may come back */
    close(fd);
    ws_sock_put(sk);
}

/* A reference on slot a if it is an alias whose handle is open. */
static bool alias_ref(ws_sock *a)
{
    uint32_t r = atomic_load_explicit(&a->refs, memory_order_relaxed);
    do {
        if ((r & (WS_ALIAS | WS_GONE)) != WS_ALIAS)
            return false;
    } while (!atomic_compare_exchange_weak_explicit(&a->refs, &r, r + 1, memory_order_acquire, memory_order_relaxed));
    return true;
}

ws_sock *ws_sock_get_alias(ws_sock *a)
{
    if (!alias_ref(a))
        return NULL;
    /* The alias holds the object: it is still there, though it may be
     * closing (its last other handle went meanwhile). */
    ws_sock *sk = ws_sock_hold(home_of(a));
    alias_put(a);
    return sk;
}

bool ws_sock_add_handle(ws_sock *sk)
{
    uint32_t n = atomic_load_explicit(&sk->handles, memory_order_relaxed);
    do {
        if (!n)
            return false;
    } while (!atomic_compare_exchange_weak_explicit(&sk->handles, &n, n + 1, memory_order_relaxed, memory_order_relaxed));
    return true;
}

/* One handle fewer (the caller holds a reference): the last closes. */
static int drop_handle(ws_sock *sk)
{
    if (atomic_fetch_sub_explicit(&sk->handles, 1, memory_order_acq_rel) != 1)
        return 0;
    return ws_sock_close(sk);
}

void ws_sock_drop_handle(ws_sock *sk)
{
    /* Not closed while the handle counts: the hold cannot fail. */
    ws_sock *held = ws_sock_hold(sk);
    drop_handle(sk);
    if (held)
        ws_sock_put(held);
}

SOCKET ws_sock_alias(ws_sock *sk, bool inherit)
{
    int fd = fcntl(sk->fd, inherit ? F_DUPFD : F_DUPFD_CLOEXEC, 0);
    ws_sock *a = fd >= 0 ? slot(fd) : NULL;
    if (!a) {
        int e = fd < 0 ? errno : ENOMEM;
        if (fd >= 0)
            close(fd);
        ws_sock_drop_handle(sk);
        errno = e;
        return WS_INVALID_SOCKET;
    }
    /* As in ws_sock_register: the slot's last user is done with it.  A new
     * generation: whatever still names the old life sees it end. */
    (void)atomic_load_explicit(&a->refs, memory_order_acquire);
    a->fd = fd;
    a->alias_of = sk->fd;
    uint32_t gen = atomic_load_explicit(&a->gen, memory_order_relaxed) + 1;
    atomic_store_explicit(&a->gen, gen ? gen : 1, memory_order_release);
    __atomic_store_n(&a->io, NULL, __ATOMIC_RELAXED);
    atomic_store_explicit(&a->flags, 0, memory_order_relaxed);
    atomic_store_explicit(&a->xflags, 0, memory_order_relaxed);
    atomic_store_explicit(&a->in_connect, false, memory_order_relaxed);
    atomic_store_explicit(&a->handles, 0, memory_order_relaxed);
    atomic_fetch_add_explicit(&sk->refs, 1, memory_order_relaxed); /* the alias's hold (a handle counts: open) */
    atomic_store_explicit(&a->refs, WS_CLOSING | WS_ALIAS | 1, memory_order_release);
    return (SOCKET)fd;
}

/* The object's descriptor got a new kernel socket (dup3: AcceptEx's
 * connection, ws_sock_renew): its aliases name the new one too, so the
 * old one (a connection, a port) goes now, not with the last alias. */
__attribute__((cold)) void ws_sock_realias_all(ws_sock *sk)
{
    unsigned used = atomic_load(&pages_used);
    for (unsigned p = 0; p < used; p++) {
        ws_sock *page = atomic_load_explicit(&ws_pages[p], memory_order_acquire);
        for (unsigned i = 0; page && i < WS_PAGE_SIZE; i++) {
            ws_sock *a = &page[i];
            if (!alias_ref(a))
                continue;
            if (a->alias_of == sk->fd) {
                int fl = fcntl(a->fd, F_GETFD);
                (void)dup3(sk->fd, a->fd, fl >= 0 && (fl & FD_CLOEXEC) ? O_CLOEXEC : 0);
            }
            alias_put(a);
        }
    }
}

/* closesocket of the home handle while other handles share the object:
 * the handle goes (calls through it are WSAENOTSOCK from now), the object
 * and its descriptor stay for the others. */
static __attribute__((cold)) int close_home_shared(ws_sock *sk)
{
    uint32_t r = atomic_load_explicit(&sk->refs, memory_order_relaxed);
    do {
        if (r & WS_CLOSING)
            return WSAENOTSOCK;
    } while (!atomic_compare_exchange_weak_explicit(&sk->refs, &r, r | WS_CLOSING | WS_GONE, memory_order_acq_rel,
                                                    memory_order_relaxed));
    return drop_handle(sk);
}

static __attribute__((cold)) int close_alias(ws_sock *sk, SOCKET s)
{
    ws_sock *a = &ws_pages[s >> WS_PAGE_SHIFT][s & (WS_PAGE_SIZE - 1)]; /* ws_sock_get(s) found it */
    uint32_t r = atomic_load_explicit(&a->refs, memory_order_relaxed);
    do {
        if ((r & (WS_ALIAS | WS_GONE)) != WS_ALIAS)
            return WSAENOTSOCK;
    } while (!atomic_compare_exchange_weak_explicit(&a->refs, &r, r | WS_GONE, memory_order_acq_rel,
                                                    memory_order_relaxed));
    alias_put(a); /* the handle's own */
    return drop_handle(sk);
}

int ws_sock_close_handle(ws_sock *sk, SOCKET s)
{
    if (ws_unlikely((SOCKET)sk->fd != s))
        return close_alias(sk, s);
    uint32_t n = 1;
    if (ws_likely(atomic_compare_exchange_strong_explicit(&sk->handles, &n, 0, memory_order_acq_rel,
                                                          memory_order_relaxed)))
        return ws_sock_close(sk);
    return n ? close_home_shared(sk) : WSAENOTSOCK;
}

void ws_send_lock_wait(ws_sock *sk)
{
    while (atomic_exchange_explicit(&sk->send_lock, 2, memory_order_acquire) != 0)
        syscall(SYS_futex, &sk->send_lock, FUTEX_WAIT_PRIVATE, 2, NULL, NULL, 0);
}

void ws_send_lock_wake(ws_sock *sk)
{
    syscall(SYS_futex, &sk->send_lock, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

void ws_sock_final(ws_sock *sk)
{
    int fd = sk->fd;
    ws_io_sock_free(sk);
    ws_bind_forget(sk); /* the port goes with the descriptor */
    /* Reset before close(): once the fd is closed the kernel may hand the
     * number to a new socket, which re-registers this slot. */
    atomic_store_explicit(&sk->refs, 0, memory_order_release);
    close(fd);
}

/* A blocking connect() in another thread: the shutdown above wakes it
 * once it is in SYN_SENT, but does nothing to a call that has not reached
 * the kernel yet, which would then wait out the SYN retries (15 s).  Repeat
 * the shutdown until the call has gone; bounded, should it never go. */
#define WAKE_CONNECT_TRIES 1000 /* of 1 ms */
static __attribute__((cold)) void wake_connect(ws_sock *sk)
{
    for (int i = 0; i < WAKE_CONNECT_TRIES && atomic_load_explicit(&sk->in_connect, memory_order_acquire); i++) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
        shutdown(sk->fd, SHUT_RDWR);
    }
}

int ws_sock_close(ws_sock *sk)
{
    /* The caller holds a call reference (from ws_enter).  Mark closing so no
     * new call can take the socket, then drop the table's reference. */
    uint32_t old = atomic_load_explicit(&sk->refs, memory_order_relaxed);
    do {
        if ((old & (WS_CLOSING | WS_GONE)) == WS_CLOSING)
            return WSAENOTSOCK;
    } while (!atomic_compare_exchange_weak_explicit(&sk->refs, &old, (old | WS_CLOSING) & ~WS_GONE,
                                                    memory_order_acq_rel, memory_order_relaxed));
    /* Before the registration goes: no change is recorded after it.  Its
     * references are not calls blocked in the kernel either. */
    unsigned requests = 0;
    if (ws_unlikely(ws_xflags(sk) & WSX_NETCHANGE))
        requests = ws_netchange_forget(sk);
    ws_evsel_detach(sk); /* closesocket cancels the registration, and the slot starts afresh */
    /* Overlapped operations hold references too: they are cancelled
     * (closesocket docs: they complete with WSA_OPERATION_ABORTED), not
     * counted as calls blocked in the kernel. */
    struct ws_sockio *io = ws_sock_io(sk);
    if (io) {
        pthread_mutex_lock(&io->lock);
        requests += io->npending;
        pthread_mutex_unlock(&io->lock);
        ws_io_sock_close(sk);
    }
    /* The rest of a non-blocking send still going out: a graceful close
     * delivers it (its request keeps the descriptor open until then), an
     * abortive one (SO_LINGER {1, 0}) discards it and resets. */
    bool pending = (ws_flags(sk) & WSF_PENDING) != 0;
    if (pending) {
        struct linger l = {0, 0};
        socklen_t len = sizeof l;
        getsockopt(sk->fd, SOL_SOCKET, SO_LINGER, &l, &len);
        pending = !(l.l_onoff && !l.l_linger);
        ws_send_pending_close(sk, !pending);
    }
    ws_sock_wake(sk); /* waits that poll() cannot wake (an idle socket, a pending rest) */
    if ((old & WS_REFS) > 2 + requests) {
        /* Other threads are inside calls on this socket (blocked in recv,
         * accept, select ...).  close() would not wake them; shutdown does.
         * The last of them closes the descriptor.  With the rest of a send
         * to deliver, only the receiving side: the data must still go. */
        shutdown(sk->fd, pending ? SHUT_RD : SHUT_RDWR);
        if (ws_unlikely(atomic_load_explicit(&sk->in_connect, memory_order_acquire)))
            wake_connect(sk);
    }
    atomic_fetch_sub_explicit(&sk->refs, 1, memory_order_acq_rel); /* the table's */
    return 0;
}

unsigned ws_sock_scan(bool (*pick)(const ws_sock *), void (*fn)(ws_sock *))
{
    unsigned used = atomic_load(&pages_used), picked = 0;
    for (unsigned p = 0; p < used; p++) {
        ws_sock *page = atomic_load_explicit(&ws_pages[p], memory_order_acquire);
        if (!page)
            continue;
        for (unsigned i = 0; i < WS_PAGE_SIZE; i++) {
            if (pick && !pick(&page[i]))
                continue;
            ws_sock *sk = ws_sock_hold(&page[i]); /* objects, whatever their handles */
            if (sk) {
                picked++;
                fn(sk);
                ws_sock_put(sk);
            }
        }
    }
    return picked;
}

void ws_sock_close_all(void)
{
    /* Every handle, aliases too: an object goes with its last. */
    unsigned used = atomic_load(&pages_used);
    for (SOCKET s = 0; s < (SOCKET)used << WS_PAGE_SHIFT; s++) {
        ws_sock *sk = ws_sock_get(s);
        if (sk) {
            ws_sock_close_handle(sk, s);
            ws_sock_put(sk);
        }
    }
}

void ws_fail_io(struct ws_call *c, ws_sock *sk, const char *sys, int e)
{
    uint32_t f = ws_flags(sk);
    int err;
    if (ws_sock_closing(sk)) {
        /* closesocket() from another thread woke this blocking call: the
         * Winsock 2 specification fails it with WSAEINTR. */
        ws_fail_sys(c, sys, e, WSAEINTR);
        return;
    }
    switch (e) {
    case EAGAIN:
        err = (f & WSF_NONBLOCK) ? WSAEWOULDBLOCK : WSAETIMEDOUT;
        break;
    case EPIPE:
        err = (f & WSF_RESET) ? WSAECONNRESET
              : (f & WSF_SHUT_WR) ? WSAESHUTDOWN
              : (f & WSF_CONNECTED) ? WSAECONNRESET
                                    : WSAENOTCONN;
        break;
    case ECONNRESET:
        ws_set_flags(sk, WSF_RESET);
        err = WSAECONNRESET;
        break;
    default:
        err = ws_errno_to_wsa(e);
    }
    ws_fail_sys(c, sys, e, err);
}

bool ws_still_connecting(ws_sock *sk)
{
    struct pollfd p = {sk->fd, POLLOUT, 0};
    return poll(&p, 1, 0) == 0;
}

bool ws_oob_stale(ws_sock *sk)
{
    int at = 0;
    char b;
    if (sk->type != SOCK_STREAM || (ws_flags(sk) & WSF_OOBINLINE) || !(ws_xflags(sk) & WSX_OOB_READ) ||
        ioctl(sk->fd, SIOCATMARK, &at) < 0 || !at)
        return false;
    return recv(sk->fd, &b, 1, MSG_OOB | MSG_PEEK | MSG_DONTWAIT) < 0 && errno == EINVAL;
}

void ws_icmp_drain(ws_sock *sk)
{
    char buf[64], ctl[256];
    struct iovec iov = {buf, sizeof buf};
    for (int i = 0; i < 64; i++) {
        struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl};
        if (recvmsg(sk->fd, &m, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
            break;
    }
    if (!(ws_flags(sk) & WSF_NO_CONNRESET))
        ws_set_flags(sk, WSF_ICMP_PENDING);
}

void ws_icmp_error(ws_sock *sk)
{
    char buf[64];
    struct iovec iov = {buf, sizeof buf};
    char ctl[256];
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl};
    /* IP_RECVERR (set at creation) queues one entry per ICMP error; unread,
     * they would hold receive-buffer memory. */
    recvmsg(sk->fd, &m, MSG_ERRQUEUE | MSG_DONTWAIT);
    if (!(ws_flags(sk) & WSF_NO_CONNRESET))
        ws_set_flags(sk, WSF_ICMP_PENDING);
}
