/*
 * Non-blocking stream sends the kernel takes only part of.  Windows takes the
 * whole buffer and sends the rest itself (sock.c test_send_buffering: 50 MiB
 * non-blocking sends succeed whole); Linux returns a partial count, which
 * Windows programs never expect.  The remainder is kept here and written by
 * one flusher thread, started on first need, that sleeps in epoll_wait while
 * there is nothing to write.  Later sends queue behind it (so nothing
 * overtakes it) up to WS_PENDING_MAX bytes; past that they fail
 * WSAEWOULDBLOCK, and FD_WRITE comes back when it has drained.  Whether the
 * socket is writable stays the kernel's answer.  A graceful close or
 * shutdown(SD_SEND) waits for the remainder to go out first, as on Windows.
 * This is a rare path: its one lock is never taken by an ordinary send.
 */
#include "core.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/uio.h>
#include <unistd.h>

struct ws_pending {
    int fd;
    char *buf;
    size_t len, off;
    bool shut_after;  /* shutdown(SD_SEND) once drained */
    bool close_after; /* closesocket happened: close fd once drained */
    ws_sock *sk;      /* NULL once closed: the slot may belong to a new socket */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int epfd = -1;

/* Done (drained, or the connection failed): let go of the socket. */
static void finish(struct ws_pending *p)
{
    epoll_ctl(epfd, EPOLL_CTL_DEL, p->fd, NULL);
    if (p->shut_after && !p->close_after)
        shutdown(p->fd, SHUT_WR);
    if (p->close_after)
        close(p->fd);
    else if (p->sk) {
        p->sk->pending = NULL;
        ws_clear_flags(p->sk, WSF_PENDING);
        if (ws_flags(p->sk) & WSF_EVSEL)
            ws_evsel_reenable(p->sk, WS_FD_WRITE); /* "buffer space becomes available" */
    }
    free(p->buf);
    free(p);
}

static void *flusher(void *arg)
{
    (void)arg;
    for (;;) {
        struct epoll_event ev[16];
        int n = epoll_wait(epfd, ev, 16, -1);
        pthread_mutex_lock(&lock);
        for (int i = 0; i < n; i++) {
            struct ws_pending *p = ev[i].data.ptr;
            ssize_t w = send(p->fd, p->buf + p->off, p->len - p->off, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (w > 0)
                p->off += (size_t)w;
            if (p->off == p->len || (w < 0 && errno != EAGAIN && errno != EINTR)) {
                if (w < 0 && p->sk && !p->close_after)
                    ws_set_flags(p->sk, WSF_RESET); /* the peer is gone; later calls say so */
                finish(p);
            }
        }
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static bool start_flusher(void)
{
    if (epfd >= 0)
        return true;
    epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0)
        return false;
    pthread_t t;
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&a, 64 * 1024);
    bool ok = pthread_create(&t, &a, flusher, NULL) == 0;
    pthread_attr_destroy(&a);
    if (!ok) {
        close(epfd);
        epfd = -1;
    }
    return ok;
}

/* Copy the first `n` bytes of iov to dst. */
static void gather(char *dst, const struct iovec *iov, size_t iovcnt, size_t n)
{
    for (size_t i = 0, at = 0; i < iovcnt && at < n; i++) {
        size_t k = iov[i].iov_len < n - at ? iov[i].iov_len : n - at;
        memcpy(dst + at, iov[i].iov_base, k);
        at += k;
    }
}

bool ws_send_defer(ws_sock *sk, const struct iovec *iov, size_t iovcnt, size_t remaining)
{
    bool ok = false;
    pthread_mutex_lock(&lock);
    struct ws_pending *p = sk->pending;
    if (p) {
        /* Behind data still going out: append, so nothing overtakes it. */
        size_t left = p->len - p->off;
        char *buf = left + remaining <= WS_PENDING_MAX ? malloc(left + remaining) : NULL;
        if (buf) {
            memcpy(buf, p->buf + p->off, left);
            gather(buf + left, iov, iovcnt, remaining);
            free(p->buf);
            p->buf = buf;
            p->len = left + remaining;
            p->off = 0;
            ok = true;
        }
    } else if ((p = calloc(1, sizeof *p)) && (p->buf = malloc(remaining))) {
        gather(p->buf, iov, iovcnt, remaining);
        p->fd = sk->fd;
        p->len = remaining;
        p->sk = sk;
        struct epoll_event ev = {.events = EPOLLOUT, .data.ptr = p};
        ok = start_flusher() && epoll_ctl(epfd, EPOLL_CTL_ADD, sk->fd, &ev) == 0;
        if (ok) {
            sk->pending = p;
            ws_set_flags(sk, WSF_PENDING);
        } else {
            free(p->buf);
            free(p);
        }
    } else {
        free(p);
    }
    pthread_mutex_unlock(&lock);
    return ok;
}

bool ws_send_pending_close(ws_sock *sk)
{
    bool handed = false;
    pthread_mutex_lock(&lock);
    struct ws_pending *p = sk->pending;
    if (p) {
        p->close_after = true;
        p->sk = NULL;
        sk->pending = NULL;
        ws_clear_flags(sk, WSF_PENDING);
        handed = true;
    }
    pthread_mutex_unlock(&lock);
    return handed;
}

bool ws_send_pending_shutdown(ws_sock *sk)
{
    bool deferred = false;
    pthread_mutex_lock(&lock);
    if (sk->pending) {
        sk->pending->shut_after = true;
        deferred = true;
    }
    pthread_mutex_unlock(&lock);
    return deferred;
}
