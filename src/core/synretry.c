/* A refused connect, the Windows way (core.h; KB 175523 "Winsock TCP
 * Connection Performance to Unused Ports"): a reset answering the SYN does
 * not fail the connect at once; the SYN goes again after the base time-out,
 * which a reset does not double, until the maximum SYN retransmissions.
 * Wine's test_WSAPoll notes that Windows 10 takes over 2 seconds to report
 * a refused loopback connect.  A program may start connecting before its
 * own server listens (Windows-classic-samples' wsapoll): the retry bridges
 * that.  Linux fails at the first reset, so the retries are ours: after a
 * refusal the kernel socket is dis-connected (AF_UNSPEC), and a retry timer
 * (a timerfd, made only on this path) stands in the socket's poll slot
 * until the next SYN is due (src/core/ready.c).
 *
 * The retried SYN leaves from the waiting thread's own connect(), and on
 * loopback the whole handshake runs inside that call: the server's wait
 * would be woken, on this thread's processor, before this thread is back
 * in user space, and a server that reads at once finds nothing (the
 * wsapoll sample: its client sends as soon as its WSAPoll says connected,
 * its main thread recv()s on the non-blocking socket it has just
 * accepted).  On Windows the retry leaves from the kernel while both sleep
 * and the connecting side runs first.  So a socket whose SYN goes again
 * holds back the handshake's last ACK (TCP_DEFER_ACCEPT on a connecting
 * socket: Linux sends it with the first data, or after at most 200 ms),
 * and the server sees the connection with the client's first bytes. */
#include "engine.h"
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t); /* vDSO: no system call */
    return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

int ws_syn_configure(ws_sock *sk, unsigned rtt_ms, int retries)
{
    struct ws_sockio *io = ws_sockio(sk);
    if (!io)
        return ENOMEM;
    pthread_mutex_lock(&io->lock);
    io->syn_set = true;
    io->syn_ms = (uint16_t)(rtt_ms ? rtt_ms : WS_SYN_INTERVAL_MS);
    io->syn_max = (uint8_t)(retries < 0 ? WS_SYN_RETRIES : retries);
    pthread_mutex_unlock(&io->lock);
    return 0;
}

/* The handshake's last ACK waits for the first data (on), or not. */
static void defer_ack(ws_sock *sk, int on)
{
    setsockopt(sk->fd, IPPROTO_TCP, TCP_DEFER_ACCEPT, &on, sizeof on);
}

bool ws_syn_refused(ws_sock *sk, bool wait)
{
    /* Under WS2POSIX_FAULTS an injected refusal stands for the last one:
     * the schedule the program asked for is what it sees. */
    if (ws_unlikely(ws_fault_on))
        return false;
    struct ws_sockio *io = ws_sockio(sk);
    if (!io)
        return false;
    bool again = false;
    pthread_mutex_lock(&io->lock);
    long long interval = io->syn_set ? io->syn_ms : WS_SYN_INTERVAL_MS;
    if (!(ws_xflags(sk) & WSX_SYN_SERIES)) {
        io->syn_left = io->syn_set ? io->syn_max : WS_SYN_RETRIES;
        if (io->syn_left)
            defer_ack(sk, 1);
        /* A pending connect's refusal may be seen late (nobody polled):
         * the schedule runs from its first SYN. */
        long long now = now_ms(), t0 = sk->connect_t0;
        io->syn_due = wait && t0 && t0 <= now ? t0 : now;
        ws_set_xflags(sk, WSX_SYN_SERIES);
    }
    if (io->syn_left) {
        io->syn_left--;
        io->syn_due += interval; /* from the previous SYN: a late look catches up */
        again = true;
        if (wait)
            ws_set_xflags(sk, WSX_SYN_WAIT);
    } else {
        if (ws_xflags(sk) & WSX_SYN_SERIES)
            defer_ack(sk, 0); /* a listen() on it later would defer its accepts */
        ws_clear_xflags(sk, WSX_SYN_SERIES | WSX_SYN_WAIT);
    }
    pthread_mutex_unlock(&io->lock);
    return again;
}

/* Send the SYN again on the unconnected kernel socket (io->lock held):
 * EINPROGRESS, 0, or why it failed. */
static int resend(ws_sock *sk)
{
    bool block = !(ws_flags(sk) & (WSF_NONBLOCK | WSF_KNONBLOCK));
    int on = 1, off = 0;
    if (block) /* made blocking again during the wait (FIONBIO) */
        ioctl(sk->fd, FIONBIO, &on);
    socklen_t len = sk->peer.family == AF_INET6 ? sizeof sk->peer.v6 : sizeof sk->peer.v4;
    int e = connect(sk->fd, (const struct sockaddr *)&sk->peer, len) < 0 ? errno : 0;
    if (block)
        ioctl(sk->fd, FIONBIO, &off);
    return e;
}

int ws_syn_poll(ws_sock *sk, int *err)
{
    struct ws_sockio *io = ws_sock_io(sk);
    *err = 0;
    if (!io)
        return -1;
    int fd = -1;
    pthread_mutex_lock(&io->lock);
    while (ws_xflags(sk) & WSX_SYN_WAIT) {
        if (ws_sock_closing(sk)) {
            ws_clear_xflags(sk, WSX_SYN_WAIT);
            *err = EINTR;
            break;
        }
        if (now_ms() < io->syn_due) {
            if (io->syn_timer < 0)
                io->syn_timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
            if (io->syn_timer >= 0 && io->syn_armed != io->syn_due) {
                struct itimerspec it = {.it_value = {io->syn_due / 1000, io->syn_due % 1000 * 1000000}};
                timerfd_settime(io->syn_timer, TFD_TIMER_ABSTIME, &it, NULL);
                io->syn_armed = io->syn_due;
            }
            fd = io->syn_timer;
            if (fd < 0) { /* no timer: fail as Linux did rather than spin */
                ws_clear_xflags(sk, WSX_SYN_WAIT | WSX_SYN_SERIES);
                *err = ECONNREFUSED;
            }
            break;
        }
        ws_clear_xflags(sk, WSX_SYN_WAIT);
        int e = resend(sk);
        if (e == EINPROGRESS || e == 0)
            break;
        if (e != ECONNREFUSED) {
            *err = e;
            break;
        }
        /* Refused within the call: count it as the next refusal. */
        pthread_mutex_unlock(&io->lock);
        bool again = ws_syn_refused(sk, true);
        pthread_mutex_lock(&io->lock);
        if (!again) {
            *err = ECONNREFUSED;
            break;
        }
    }
    pthread_mutex_unlock(&io->lock);
    return fd;
}

long long ws_syn_next_due(ws_sock *sk)
{
    if (!ws_syn_refused(sk, false))
        return -1;
    struct ws_sockio *io = ws_sock_io(sk);
    pthread_mutex_lock(&io->lock);
    long long due = io->syn_due;
    pthread_mutex_unlock(&io->lock);
    return due;
}

int ws_syn_sleep(ws_sock *sk, long long deadline)
{
    if (!ws_syn_refused(sk, false))
        return ECONNREFUSED;
    struct ws_sockio *io = ws_sock_io(sk);
    int wake = ws_sock_wake_fd(sk); /* closesocket posts it (ws_sock_wake) */
    for (;;) {
        if (ws_sock_closing(sk))
            return EINTR;
        pthread_mutex_lock(&io->lock);
        long long due = io->syn_due, now = now_ms();
        pthread_mutex_unlock(&io->lock);
        bool late = deadline >= 0 && deadline < due;
        long long left = (late ? deadline : due) - now;
        if (left <= 0)
            return late ? ETIMEDOUT : 0;
        struct pollfd p = {wake, POLLIN, 0};
        poll(&p, wake >= 0 ? 1 : 0, (int)left);
    }
}

void ws_syn_wake(struct ws_sockio *io)
{
    pthread_mutex_lock(&io->lock);
    if (io->syn_timer >= 0) {
        struct itimerspec it = {.it_value = {0, 1}};
        timerfd_settime(io->syn_timer, 0, &it, NULL);
        io->syn_armed = 0;
    }
    pthread_mutex_unlock(&io->lock);
}
