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
 * There is no helper thread: a wait on an event object polls the event's
 * member sockets in the same poll() (src/win/handle.c ws_wait) and hands the
 * results here.  Lock order: an event object's lock, then never a socket's
 * record lock; the record lock is never held while signalling.
 */
#include "ready.h"
#include "winobj.h"
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

struct ws_evsel {
    pthread_mutex_t lock;           /* recorded, errors, event */
    ws_obj *event;                  /* referenced while registered */
    _Atomic long mask;              /* FD_* the application asked for */
    _Atomic long enabled;           /* FD_* that may be recorded now */
    long recorded;                  /* FD_* recorded, not yet enumerated */
    int errors[WS_FD_MAX_EVENTS];   /* iErrorCode of recorded events */
};

static struct ws_evsel *evsel_of(ws_sock *sk)
{
    if (!sk->evsel) {
        struct ws_evsel *e = calloc(1, sizeof *e);
        if (!e)
            return NULL;
        pthread_mutex_init(&e->lock, NULL);
        atomic_init(&e->enabled, WS_FD_ALL_EVENTS);
        struct ws_evsel *expected = NULL;
        if (!__atomic_compare_exchange_n(&sk->evsel, &expected, e, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
            pthread_mutex_destroy(&e->lock);
            free(e);
        }
    }
    return sk->evsel;
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

/* Record what poll() said about sk; signal its event if anything is new. */
bool ws_evsel_polled(ws_sock *sk, short revents)
{
    struct ws_evsel *e = sk->evsel;
    if (!e)
        return false;
    struct ws_ready r;
    long ready = (long)(ws_ready_classify(sk, revents, &r) & WS_FD_ALL_EVENTS);
    ws_obj *signal = NULL;
    pthread_mutex_lock(&e->lock);
    long fresh = ready & atomic_load(&e->mask) & atomic_load(&e->enabled);
    if (fresh && e->event) {
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
    return fresh != 0;
}

/* Look at the socket now (poll with no wait) and record what holds. */
static void check_now(ws_sock *sk)
{
    struct ws_evsel *e = sk->evsel;
    long interest = atomic_load(&e->mask) & atomic_load(&e->enabled);
    struct pollfd p;
    bool now = ws_ready_pollfd(sk, (uint32_t)interest, &p);
    if (interest && (now || (p.fd >= 0 && poll(&p, 1, 0) > 0)))
        ws_evsel_polled(sk, p.revents);
}

size_t ws_evsel_collect(ws_obj *ev, struct pollfd *pfd, ws_sock **sks, size_t room, const int *skip, size_t nskip)
{
    size_t n = 0;
    for (unsigned i = 0; i < ev->nmembers && n < room; i++) {
        size_t k = 0;
        while (k < nskip && skip[k] != (int)ev->members[i])
            k++;
        if (k < nskip)
            continue;
        ws_sock *sk = ws_sock_get(ev->members[i]);
        if (!sk)
            continue;
        struct ws_evsel *e = sk->evsel;
        long interest = e ? atomic_load(&e->mask) & atomic_load(&e->enabled) : 0;
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

/* ---- registration ---------------------------------------------------------- */

/* Register sk with ev for mask (ev NULL or mask 0: cancel).  Records kept. */
int ws_evsel_register(ws_sock *sk, ws_obj *ev, long mask);
int ws_evsel_register(ws_sock *sk, ws_obj *ev, long mask)
{
    struct ws_evsel *e = evsel_of(sk);
    if (!e)
        return WSAENOBUFS;
    if (!mask)
        ev = NULL;
    if (ev)
        atomic_fetch_add(&ev->refs, 1);
    pthread_mutex_lock(&e->lock);
    ws_obj *old = e->event;
    e->event = ev;
    atomic_store(&e->mask, ev ? mask : 0);
    pthread_mutex_unlock(&e->lock);
    SOCKET s = (SOCKET)sk->fd;
    if (old) {
        member_remove(old, s);
        ws_obj_unref(old);
    }
    if (ev) {
        ws_set_flags(sk, WSF_EVSEL);
        member_add(ev, s);
        if ((mask & WS_FD_CONNECT) && (ws_flags(sk) & WSF_CONNECTED) && sk->type == SOCK_STREAM) {
            /* Registering a connected socket reports FD_CONNECT too
             * (sock.c test_connect_events, event mode). */
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
    } else {
        ws_clear_flags(sk, WSF_EVSEL);
    }
    return 0;
}

/* WSAEnumNetworkEvents: take the records (and their error codes). */
long ws_evsel_take(ws_sock *sk, int errors[]);
long ws_evsel_take(ws_sock *sk, int errors[])
{
    struct ws_evsel *e = evsel_of(sk);
    if (!e)
        return 0;
    if (!e->recorded && e->event)
        check_now(sk); /* a program may poll instead of waiting */
    pthread_mutex_lock(&e->lock);
    long got = e->recorded;
    for (int b = 0; b < WS_FD_MAX_EVENTS; b++)
        if (got & (1L << b))
            errors[b] = e->errors[b];
    e->recorded = 0;
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
    long mask = atomic_load(&l->mask);
    if (ev)
        atomic_fetch_add(&ev->refs, 1);
    pthread_mutex_unlock(&l->lock);
    if (!ev)
        return;
    int on = 1;
    ioctl(sk->fd, FIONBIO, &on);
    ws_set_flags(sk, WSF_NONBLOCK);
    ws_evsel_register(sk, ev, mask);
    ws_obj_unref(ev);
}

void ws_evsel_detach(ws_sock *sk)
{
    struct ws_evsel *e = sk->evsel;
    if (!e)
        return;
    pthread_mutex_lock(&e->lock);
    ws_obj *old = e->event;
    e->event = NULL;
    e->recorded = 0;
    atomic_store(&e->mask, 0);
    atomic_store(&e->enabled, WS_FD_ALL_EVENTS);
    pthread_mutex_unlock(&e->lock);
    ws_clear_flags(sk, WSF_EVSEL);
    if (old) {
        member_remove(old, (SOCKET)sk->fd);
        ws_obj_unref(old);
    }
}
