/*
 * The notification engine behind WSAEventSelect: per-socket records of FD_*
 * network events with Windows' record / signal / re-enable rules
 * (WSAEventSelect docs):
 *   - an event is recorded (and the event object signalled) when its
 *     condition holds and it is enabled; recording disables it;
 *   - the re-enabling call (recv, send after WSAEWOULDBLOCK, accept, connect)
 *     enables it again, and it is recorded again if the condition still holds;
 *   - FD_CLOSE is recorded once and never re-enabled;
 *   - WSAEnumNetworkEvents returns and clears the records.
 * WSAAsyncSelect uses the same records with a window instead of an event
 * object: a recorded event becomes one message posted to the window's queue
 * (wParam the socket, lParam WSAMAKESELECTREPLY(event, error)), and the
 * socket joins the queue object's members, so the owning thread's GetMessage
 * polls it.  Message mode differs where sock.c test_*_events says so: every
 * WSAAsyncSelect call starts afresh (conditions that hold are posted again,
 * FD_CLOSE included), and registering a connected socket posts FD_WRITE
 * but no FD_CONNECT.
 * There is no helper thread: a wait on an event object polls the event's
 * member sockets in the same poll() (src/kernel32/handle.c ws_wait) and hands the
 * results here.  Lock order: an event object's lock, then never a socket's
 * record lock; the record lock is never held while signalling.
 */
#include "ready.h"
#include "winobj.h"
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/sock_diag.h>
#include <netinet/tcp.h>

struct ws_evsel {
    pthread_mutex_t lock;           /* recorded, errors, event */
    ws_obj *event;                  /* referenced while registered: the event
                                       object, or the window's message queue */
    struct ws_wincore *win;          /* WSAAsyncSelect: the window (referenced) */
    UINT wmsg;                      /* WSAAsyncSelect: the message to post */
    _Atomic long mask;              /* FD_* the application asked for */
    _Atomic long enabled;           /* FD_* that may be recorded now */
    long recorded;                  /* FD_* recorded, not yet enumerated */
    int errors[WS_FD_MAX_EVENTS];   /* iErrorCode of recorded events */
    /* Event mode records FD_READ (FD_ACCEPT on a listener) again when more
     * arrives before the re-enabling call (sock.c test_read_events,
     * test_accept_events); message mode does not.  While it waits for that
     * call, a wait compares what is queued with what it saw last: */
    _Atomic long queued_seen;       /* -1: not looked yet since recording */
    _Atomic bool grown;             /* more arrived: record it again */
};

static struct ws_evsel *evsel_of(ws_sock *sk)
{
    /* Acquire: the engine thread records address changes (ws_evsel_record)
     * in a state another thread made. */
    struct ws_evsel *cur = __atomic_load_n(&sk->evsel, __ATOMIC_ACQUIRE);
    if (cur)
        return cur;
    struct ws_evsel *e = WS_ALLOC(calloc(1, sizeof *e));
    if (!e)
        return NULL;
    pthread_mutex_init(&e->lock, NULL);
    atomic_init(&e->enabled, WS_FD_ALL_EVENTS);
    atomic_init(&e->queued_seen, -1);
    if (!__atomic_compare_exchange_n(&sk->evsel, &cur, e, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        pthread_mutex_destroy(&e->lock);
        free(e);
        return cur; /* another thread's, read by the failed exchange */
    }
    return e;
}

/* ---- event membership ---------------------------------------------------- */

static void member_add(ws_obj *ev, SOCKET s)
{
    pthread_mutex_lock(&ev->lock);
    if (ev->nmembers == ev->cmembers) {
        unsigned c = ev->cmembers ? ev->cmembers * 2 : 8;
        SOCKET *m = realloc(ev->members, c * sizeof *m);
        if (!m) {
            pthread_mutex_unlock(&ev->lock);
            return;
        }
        ev->members = m;
        ev->cmembers = c;
    }
    ev->members[ev->nmembers++] = s;
    pthread_mutex_unlock(&ev->lock);
    ws_obj_kick(ev); /* blocked waiters start watching it */
}

static void member_remove(ws_obj *ev, SOCKET s)
{
    pthread_mutex_lock(&ev->lock);
    for (unsigned i = 0; i < ev->nmembers; i++)
        if (ev->members[i] == s) {
            ev->members[i] = ev->members[--ev->nmembers];
            break;
        }
    pthread_mutex_unlock(&ev->lock);
}

/* ---- recording ------------------------------------------------------------- */

/* Message mode: one message per event, in the order Windows posts them
 * (FD_CONNECT before FD_WRITE, FD_READ before FD_WRITE and FD_CLOSE: sock.c
 * test_connect_events, test_read_events).  Called with e->lock held, so
 * messages of one socket keep their order. */
static const unsigned char post_order[] = {WS_FD_CONNECT_BIT, WS_FD_ACCEPT_BIT, WS_FD_READ_BIT, WS_FD_OOB_BIT,
                                           WS_FD_WRITE_BIT, WS_FD_CLOSE_BIT, WS_FD_QOS_BIT, 7, 8,
                                           WS_FD_ADDRESS_LIST_CHANGE_BIT};

static void post_events(struct ws_evsel *e, SOCKET s, long fresh, const int errors[])
{
    for (size_t i = 0; i < sizeof post_order; i++) {
        int b = post_order[i];
        if (fresh & (1L << b))
            ws_wincore_post(e->win, e->wmsg, (WPARAM)s,
                           (LPARAM)(LONG)(((DWORD)(errors[b] & 0xffff) << 16) | (DWORD)(1L << b)));
    }
}

/* The event that more arriving records again in event mode. */
static long arrival_bit(ws_sock *sk)
{
    return (ws_flags(sk) & WSF_LISTENING) ? WS_FD_ACCEPT : WS_FD_READ;
}

/* How much is queued: connections waiting for accept, bytes (stream) or
 * receive memory (datagrams, so a second datagram counts). */
static __attribute__((cold)) long queued_now(ws_sock *sk)
{
    if (ws_flags(sk) & WSF_LISTENING) {
        struct tcp_info ti;
        socklen_t len = sizeof ti;
        return getsockopt(sk->fd, IPPROTO_TCP, TCP_INFO, &ti, &len) == 0 ? (long)ti.tcpi_unacked : -1;
    }
    if (sk->type != SOCK_STREAM) {
        uint32_t mem[SK_MEMINFO_VARS];
        socklen_t len = sizeof mem;
        return getsockopt(sk->fd, SOL_SOCKET, SO_MEMINFO, mem, &len) == 0 ? (long)mem[SK_MEMINFO_RMEM_ALLOC] : -1;
    }
    int n = 0;
    return ioctl(sk->fd, FIONREAD, &n) == 0 ? n : -1;
}

/* Event mode, the arrival event recorded and not re-enabled yet: has more
 * arrived since the last look?  Costs a system call only in that state. */
static bool arrived_more(ws_sock *sk, struct ws_evsel *e, long mask, long enabled)
{
    long bit = arrival_bit(sk);
    if (!e->event || e->win || !(mask & bit) || (enabled & bit))
        return false;
    long n = queued_now(sk);
    long seen = atomic_exchange(&e->queued_seen, n);
    if (seen < 0 || n <= seen)
        return false;
    atomic_store(&e->grown, true);
    return true;
}

/* Event mode reports nothing for a datagram socket that is not bound yet
 * (sock.c test_connect_events); message mode posts its FD_WRITE. */
static bool unreported(ws_sock *sk, const struct ws_evsel *e)
{
    return !e->win && sk->type != SOCK_STREAM && !(ws_flags(sk) & WSF_BOUND);
}

/* Record what poll() said about sk; signal its event (or post its messages)
 * if anything is new. */
bool ws_evsel_polled(ws_sock *sk, short revents)
{
    struct ws_evsel *e = sk->evsel;
    if (!e)
        return false;
    struct ws_ready r;
    uint32_t ev = ws_ready_classify(sk, revents, &r);
    long ready = (long)(ev & WS_FD_ALL_EVENTS);
    if (ws_flags(sk) & WSF_SHUT_RD)
        ready &= ~WS_FD_READ; /* own shutdown: readable for select, no FD_READ (test_close_events) */
    ws_obj *signal = NULL;
    pthread_mutex_lock(&e->lock);
    long again = atomic_exchange(&e->grown, false) ? arrival_bit(sk) : 0;
    long fresh = ready & atomic_load(&e->mask) & (atomic_load(&e->enabled) | again);
    if (fresh & arrival_bit(sk) & ~again)
        atomic_store(&e->queued_seen, -1); /* a first record: no look yet */
    if (fresh && e->win) {
        int errors[WS_FD_MAX_EVENTS] = {0};
        errors[WS_FD_CONNECT_BIT] = r.connect_err;
        errors[WS_FD_CLOSE_BIT] = r.close_err;
        atomic_fetch_and(&e->enabled, ~fresh);
        if (fresh & WS_FD_CLOSE)
            atomic_fetch_and(&e->enabled, WS_FD_WRITE);
        post_events(e, (SOCKET)sk->fd, fresh, errors);
    } else if (fresh && e->event) {
        atomic_fetch_and(&e->enabled, ~fresh);
        e->recorded |= fresh;
        for (int b = 0; b < WS_FD_MAX_EVENTS; b++)
            if (fresh & (1L << b))
                e->errors[b] = b == WS_FD_CONNECT_BIT ? r.connect_err : b == WS_FD_CLOSE_BIT ? r.close_err : 0;
        if (fresh & WS_FD_CLOSE)
            atomic_fetch_and(&e->enabled, WS_FD_WRITE); /* only sending is left */
        signal = e->event;
        atomic_fetch_add(&signal->refs, 1);
    }
    pthread_mutex_unlock(&e->lock);
    if (signal) {
        ws_obj_signal(signal);
        ws_obj_unref(signal);
    }
    /* A refused connect's SYN went again (ready.h): not noise, its entry
     * changed. */
    return fresh != 0 || (ev & WS_READY_AGAIN);
}

/* Look at the socket now (poll with no wait) and record what holds. */
static void check_now(ws_sock *sk)
{
    struct ws_evsel *e = sk->evsel;
    long interest = atomic_load(&e->mask) & atomic_load(&e->enabled);
    if (unreported(sk, e))
        return;
    struct pollfd p;
    bool now = ws_ready_pollfd(sk, (uint32_t)interest, &p);
    if (interest && (now || (p.fd >= 0 && poll(&p, 1, 0) > 0)))
        ws_evsel_polled(sk, p.revents);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

size_t ws_evsel_collect(ws_obj *ev, struct pollfd *pfd, ws_sock **sks, size_t room, const int *skip, size_t nskip)
{
    size_t n = 0;
    for (unsigned i = 0; i < ev->nmembers && n < room; i++) {
        if (nskip && bsearch(&(int){(int)ev->members[i]}, skip, nskip, sizeof *skip, cmp_int))
            continue;
        ws_sock *sk = ws_sock_object((int)ev->members[i]); /* members name objects by their home descriptor */
        if (!sk)
            continue;
        struct ws_evsel *e = sk->evsel;
        long mask = e ? atomic_load(&e->mask) : 0, enabled = e ? atomic_load(&e->enabled) : 0;
        long interest = mask & enabled;
        if (e && ws_unlikely(mask & ~enabled & (WS_FD_READ | WS_FD_ACCEPT)) && arrived_more(sk, e, mask, enabled))
            interest |= arrival_bit(sk);
        if (e && unreported(sk, e))
            interest = 0;
        /* (A socket "ready now" without the kernel is a connect that failed
         * before it was registered; WSAEventSelect already recorded it.) */
        if (!interest || (ws_ready_pollfd(sk, (uint32_t)interest, &pfd[n]), pfd[n].fd < 0)) {
            ws_sock_put(sk);
            continue;
        }
        sks[n++] = sk;
    }
    return n;
}

void ws_evsel_reenable_msg(ws_sock *sk, long bits)
{
    struct ws_evsel *e = sk->evsel;
    if (e && e->win)
        ws_evsel_reenable(sk, bits);
}

void ws_evsel_dgram_connected(ws_sock *sk)
{
    struct ws_evsel *e = sk->evsel;
    if (!e)
        return;
    ws_obj *signal = NULL;
    pthread_mutex_lock(&e->lock);
    if (e->event && !e->win && (atomic_load(&e->mask) & WS_FD_CONNECT)) {
        e->recorded |= WS_FD_CONNECT;
        e->errors[WS_FD_CONNECT_BIT] = 0;
        atomic_fetch_and(&e->enabled, ~WS_FD_CONNECT);
        signal = e->event;
        atomic_fetch_add(&signal->refs, 1);
    }
    pthread_mutex_unlock(&e->lock);
    atomic_fetch_or(&e->enabled, WS_FD_WRITE);
    check_now(sk); /* FD_WRITE now that it is bound */
    if (signal) {
        ws_obj_signal(signal);
        ws_obj_unref(signal);
    }
}

void ws_evsel_record(ws_sock *sk, long bit)
{
    struct ws_evsel *e = evsel_of(sk);
    if (!e)
        return;
    ws_obj *signal = NULL;
    pthread_mutex_lock(&e->lock);
    bool asked = (atomic_load(&e->mask) & bit) != 0;
    if (ws_sock_closing(sk)) {
        /* closesocket has detached (or will): nothing is kept for the
         * slot's next socket. */
    } else if (e->win) {
        if (asked) {
            int errors[WS_FD_MAX_EVENTS] = {0};
            post_events(e, (SOCKET)sk->fd, bit, errors);
        }
    } else {
        /* Kept until enumerated, also without a registration asking for
         * it: registering for it later signals the event (evsel_set). */
        e->recorded |= bit;
        for (int b = 0; b < WS_FD_MAX_EVENTS; b++)
            if (bit & (1L << b))
                e->errors[b] = 0;
        if (asked && e->event) {
            signal = e->event;
            atomic_fetch_add(&signal->refs, 1);
        }
    }
    pthread_mutex_unlock(&e->lock);
    if (signal) {
        ws_obj_signal(signal);
        ws_obj_unref(signal);
    }
}

void ws_evsel_reenable(ws_sock *sk, long bits)
{
    struct ws_evsel *e = sk->evsel;
    if (!e)
        return;
    long before = atomic_fetch_or(&e->enabled, bits);
    if ((before & bits) != bits && (atomic_load(&e->mask) & bits)) {
        /* Waiters blocked on the event were not watching this condition. */
        pthread_mutex_lock(&e->lock);
        ws_obj *ev = e->event;
        if (ev)
            atomic_fetch_add(&ev->refs, 1);
        pthread_mutex_unlock(&e->lock);
        if (ev) {
            ws_obj_kick(ev);
            ws_obj_unref(ev);
        }
    }
}

void ws_evsel_kick(ws_sock *sk)
{
    struct ws_evsel *e = sk->evsel;
    if (!e)
        return;
    pthread_mutex_lock(&e->lock);
    ws_obj *ev = e->event;
    if (ev)
        atomic_fetch_add(&ev->refs, 1);
    pthread_mutex_unlock(&e->lock);
    if (ev) {
        ws_obj_kick(ev);
        ws_obj_unref(ev);
    }
}

/* ---- registration ---------------------------------------------------------- */

/* Register sk with ev (event mode) or win (message mode, ev is then the
 * window's queue) for mask; ev NULL or mask 0 cancels.  Event mode keeps
 * what was recorded; a change of mode, and every message-mode call, starts
 * afresh (WSAEnumNetworkEvents docs: recording ends with WSAAsyncSelect). */
static int evsel_set(ws_sock *sk, ws_obj *ev, struct ws_wincore *win, UINT wmsg, long mask)
{
    struct ws_evsel *e = evsel_of(sk);
    if (!e)
        return WSAENOBUFS;
    if (!mask)
        ev = NULL, win = NULL;
    if (ev)
        atomic_fetch_add(&ev->refs, 1);
    if (win)
        ws_wincore_ref(win);
    pthread_mutex_lock(&e->lock);
    ws_obj *old = e->event;
    struct ws_wincore *oldwin = e->win;
    if (win || oldwin) {
        e->recorded = 0;
        atomic_store(&e->enabled, WS_FD_ALL_EVENTS);
    }
    e->event = ev;
    e->win = win;
    e->wmsg = wmsg;
    atomic_store(&e->mask, ev ? mask : 0);
    pthread_mutex_unlock(&e->lock);
    SOCKET s = (SOCKET)sk->fd;
    if (old) {
        member_remove(old, s);
        ws_obj_unref(old);
    }
    if (oldwin)
        ws_wincore_unref(oldwin);
    if (ev) {
        ws_set_flags(sk, WSF_EVSEL);
        member_add(ev, s);
        if (!win && (mask & WS_FD_CONNECT) && (ws_flags(sk) & (WSF_CONNECTED | WSF_ACCEPTED)) == WSF_CONNECTED &&
            sk->type == SOCK_STREAM) {
            /* Registering a socket that connected reports FD_CONNECT too;
             * an accepted one does not (sock.c test_connect_events,
             * test_accept_events, event mode). */
            pthread_mutex_lock(&e->lock);
            bool fresh = atomic_fetch_and(&e->enabled, ~WS_FD_CONNECT) & WS_FD_CONNECT;
            if (fresh) {
                e->recorded |= WS_FD_CONNECT;
                e->errors[WS_FD_CONNECT_BIT] = 0;
            }
            pthread_mutex_unlock(&e->lock);
            if (fresh)
                ws_obj_signal(ev);
        }
        check_now(sk); /* conditions already true are reported at once */
        if (!win) {
            /* A record kept from before that the new mask asks for signals
             * the event again (sock.c test_accept_events). */
            pthread_mutex_lock(&e->lock);
            bool kept = (e->recorded & mask) != 0;
            pthread_mutex_unlock(&e->lock);
            if (kept)
                ws_obj_signal(ev);
        }
    } else {
        ws_clear_flags(sk, WSF_EVSEL);
    }
    return 0;
}

int ws_evsel_register(ws_sock *sk, ws_obj *ev, long mask)
{
    return evsel_set(sk, ev, NULL, 0, mask);
}

/* WSAAsyncSelect (src/ws2_32/asyncselect.c): win NULL or mask 0 cancels. */
int ws_evsel_register_window(ws_sock *sk, struct ws_wincore *win, UINT wmsg, long mask)
{
    return evsel_set(sk, win ? win->queue : NULL, win, wmsg, win ? mask : 0);
}

/* WSAEnumNetworkEvents: take the records (and their error codes). */
long ws_evsel_take(ws_sock *sk, int errors[])
{
    struct ws_evsel *e = evsel_of(sk);
    if (!e)
        return 0;
    if (!e->recorded && e->event && !e->win)
        check_now(sk); /* a program may poll instead of waiting */
    pthread_mutex_lock(&e->lock);
    /* Records of events no longer asked for stay (sock.c test_read_events). */
    long got = e->recorded & atomic_load(&e->mask);
    for (int b = 0; b < WS_FD_MAX_EVENTS; b++)
        if (got & (1L << b))
            errors[b] = e->errors[b];
    e->recorded &= ~got;
    pthread_mutex_unlock(&e->lock);
    return got;
}

void ws_evsel_inherit(ws_sock *listener, ws_sock *sk)
{
    struct ws_evsel *l = listener->evsel;
    if (!l)
        return;
    pthread_mutex_lock(&l->lock);
    ws_obj *ev = l->event;
    struct ws_wincore *win = l->win;
    UINT wmsg = l->wmsg;
    long mask = atomic_load(&l->mask);
    if (ev)
        atomic_fetch_add(&ev->refs, 1);
    if (win)
        ws_wincore_ref(win);
    pthread_mutex_unlock(&l->lock);
    if (!ev)
        return;
    int on = 1;
    ioctl(sk->fd, FIONBIO, &on);
    ws_set_flags(sk, WSF_NONBLOCK);
    evsel_set(sk, ev, win, wmsg, mask); /* in message mode ev is the window's queue */
    if (win)
        ws_wincore_unref(win);
    ws_obj_unref(ev);
}

void ws_evsel_detach(ws_sock *sk)
{
    struct ws_evsel *e = sk->evsel;
    if (!e)
        return;
    pthread_mutex_lock(&e->lock);
    ws_obj *old = e->event;
    struct ws_wincore *oldwin = e->win;
    e->event = NULL;
    e->win = NULL;
    e->recorded = 0;
    atomic_store(&e->mask, 0);
    atomic_store(&e->enabled, WS_FD_ALL_EVENTS);
    pthread_mutex_unlock(&e->lock);
    ws_clear_flags(sk, WSF_EVSEL);
    if (old) {
        member_remove(old, (SOCKET)sk->fd);
        ws_obj_unref(old);
    }
    if (oldwin)
        ws_wincore_unref(oldwin);
}
