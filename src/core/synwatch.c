/* The SYN retry count of connecting stream sockets, set only for connects
 * that last (core.h ws_connect_prepare).
 *
 * Windows gives up on an unanswered connect after about 21 s, Linux after
 * 127 s; TCP_SYNCNT 3 makes it 15 s.  Linux reads the count each time the
 * SYN timer fires, so the option works the same whether it is set before
 * the connect or while the connect is pending, as long as that is before
 * the 15 s are up.  A setsockopt on every connect costs about 5 % of a
 * loopback connect and accept (docs/performance.md: conn), and almost every
 * connect finishes in well under a second.  So the connect path only makes
 * sure this thread is running (one load when it is), and the thread looks
 * at the socket table once a second and sets the count on the stream
 * sockets still connecting: a connect that lasts gets it within about a
 * second.  With nothing connecting the thread sleeps on a futex until the
 * next connect (one wake-up system call, then none for the next second).
 * TCP_USER_TIMEOUT could bound a connect at 21 s exactly, but it would
 * also abort an established connection whose peer stops reading, so it
 * would have to be lifted once the connect is done: where nobody may be
 * looking (a non-blocking connect the program never checks). */
#include "engine.h"
#include <linux/futex.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { WATCH_NONE, WATCH_RUNNING, WATCH_PARKED };
static _Atomic int watch_state = WATCH_NONE;
static pthread_mutex_t start_lock = PTHREAD_MUTEX_INITIALIZER;

#define WATCH_PERIOD_MS 1000

/* Read without a reference (the slot's memory stays; its atomics are what
 * a racing close or register changes): a stream connect may be pending and
 * its count is not set.  The rest is checked under a reference. */
static bool connecting(const ws_sock *sk)
{
    uint32_t r = atomic_load_explicit(&sk->refs, memory_order_relaxed);
    if (!ws_refs_open(r) || (ws_xflags(sk) & WSX_SYNCNT))
        return false;
    return (ws_flags(sk) & WSF_CONNECTING) || atomic_load_explicit(&sk->in_connect, memory_order_relaxed);
}

static void set_count(ws_sock *sk)
{
    if (sk->type != SOCK_STREAM || (sk->family != AF_INET && sk->family != AF_INET6))
        return;
    /* The flag first: an SIO_TCP_INITIAL_RTO that sets its own count after
     * this look is not overwritten by a second look. */
    if (atomic_fetch_or_explicit(&sk->xflags, WSX_SYNCNT, memory_order_relaxed) & WSX_SYNCNT)
        return;
    int retries = WS_CONNECT_SYN_RETRIES;
    setsockopt(sk->fd, IPPROTO_TCP, TCP_SYNCNT, &retries, sizeof retries);
}

static void forget_after_fork(void)
{
    atomic_store(&watch_state, WATCH_NONE); /* the thread stayed in the parent */
}

static void watch_atfork(void)
{
    pthread_atfork(NULL, NULL, forget_after_fork);
}

static void *watch_main(void *arg)
{
    (void)arg;
    for (;;) {
        struct timespec ts = {WATCH_PERIOD_MS / 1000, (WATCH_PERIOD_MS % 1000) * 1000000L};
        nanosleep(&ts, NULL);
        if (ws_sock_scan(connecting, set_count))
            continue;
        /* Nothing is connecting: park.  A connect marks its socket before
         * it loads the state (ws_connect_prepare), and the table is looked
         * at again after the store, so one of the two sees the other. */
        atomic_store(&watch_state, WATCH_PARKED);
        if (ws_sock_scan(connecting, set_count)) {
            atomic_store(&watch_state, WATCH_RUNNING);
            continue;
        }
        while (atomic_load(&watch_state) == WATCH_PARKED)
            syscall(SYS_futex, &watch_state, FUTEX_WAIT_PRIVATE, WATCH_PARKED, NULL, NULL, 0);
    }
    return NULL;
}

static __attribute__((cold, noinline)) void watch_start(void)
{
    int s = WATCH_PARKED;
    if (atomic_compare_exchange_strong(&watch_state, &s, WATCH_RUNNING)) {
        syscall(SYS_futex, &watch_state, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
        return;
    }
    pthread_mutex_lock(&start_lock);
    if (atomic_load(&watch_state) == WATCH_NONE) {
        static pthread_once_t once = PTHREAD_ONCE_INIT;
        pthread_once(&once, watch_atfork);
        pthread_t t;
        pthread_attr_t a;
        pthread_attr_init(&a);
        pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
        pthread_attr_setstacksize(&a, 64 * 1024);
        if (pthread_create(&t, &a, watch_main, NULL) == 0) {
            pthread_setname_np(t, "ws2p-synwatch");
            atomic_store(&watch_state, WATCH_RUNNING);
        }
        pthread_attr_destroy(&a);
    }
    pthread_mutex_unlock(&start_lock);
}

void ws_connect_prepare(ws_sock *sk)
{
    (void)sk;
    /* Orders the caller's mark (WSF_CONNECTING or in_connect) before the
     * load, against the thread's store of WATCH_PARKED before its second
     * look (see watch_main). */
    atomic_thread_fence(memory_order_seq_cst);
    if (ws_unlikely(atomic_load_explicit(&watch_state, memory_order_relaxed) != WATCH_RUNNING))
        watch_start();
}

void ws_connect_syncnt_now(ws_sock *sk)
{
    set_count(sk);
}
