/* iocpecho (POSIX twin): the same echo service as a well-written epoll
 * server: BENCH_WORKERS threads (default 1) in epoll_wait on one
 * edge-triggered set, non-blocking sockets; a read shorter than the buffer
 * means the socket is drained (no extra read to see EAGAIN). */
#define _GNU_SOURCE
#include "px_common.h"
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

#define MSG 64

struct conn {
    int fd;
    pthread_mutex_t lock; /* two workers may see edges of one connection */
    char buf[1024];
};

static int ep;
static _Atomic int open_conns;
static int stop_fd;

static void finish(struct conn *c)
{
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    if (--open_conns == 0) {
        uint64_t one = 1;
        if (write(stop_fd, &one, sizeof one) < 0)
            die("write");
    }
}

static void *worker(void *arg)
{
    (void)arg;
    struct epoll_event ev[64];
    for (;;) {
        int n = epoll_wait(ep, ev, 64, -1);
        for (int i = 0; i < n; i++) {
            struct conn *c = ev[i].data.ptr;
            if (!c)
                return NULL; /* stop: the eventfd stays readable for every worker */
            pthread_mutex_lock(&c->lock);
            for (;;) {
                ssize_t r = read(c->fd, c->buf, sizeof c->buf);
                if (r > 0) {
                    if (write(c->fd, c->buf, (size_t)r) != r)
                        die("write");
                    if ((size_t)r < sizeof c->buf)
                        break;
                    continue;
                }
                if (r == 0 || errno != EAGAIN) {
                    pthread_mutex_unlock(&c->lock);
                    finish(c);
                    c = NULL;
                }
                break;
            }
            if (c)
                pthread_mutex_unlock(&c->lock);
        }
    }
}

int main(int argc, char **argv)
{
    long long n = bench_count(argc, argv, NULL, 200000);
    int conns = (int)bench_env("BENCH_CONNS", 100), workers = (int)bench_env("BENCH_WORKERS", 1);
    bench_nofile(conns * 2 + 64);
    struct sockaddr_in a;
    int l = bound_socket(SOCK_STREAM, &a);
    ep = epoll_create1(0);
    stop_fd = eventfd(0, 0);
    struct epoll_event sev = {.events = EPOLLIN, .data.ptr = NULL};
    epoll_ctl(ep, EPOLL_CTL_ADD, stop_fd, &sev);
    struct conn *cs = calloc((size_t)conns, sizeof *cs);
    pthread_t t[16];
    for (int i = 0; i < workers && i < 16; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    int h = bench_load_start(ntohs(a.sin_port), conns, n, MSG);
    open_conns = conns;
    for (int i = 0; i < conns; i++) {
        int fd = accept4(l, NULL, NULL, SOCK_NONBLOCK);
        if (fd < 0)
            die("accept4");
        nodelay(fd);
        cs[i].fd = fd;
        pthread_mutex_init(&cs[i].lock, NULL);
        struct epoll_event ev = {.events = EPOLLIN | EPOLLET | EPOLLRDHUP, .data.ptr = &cs[i]};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0)
            die("epoll_ctl");
    }
    double rate = bench_load_finish(h);
    for (int i = 0; i < workers && i < 16; i++)
        pthread_join(t[i], NULL);
    bench_result("iocpecho", SIDE, rate, 1.0, "req/s", NULL);
    close(l);
    free(cs);
    return 0;
}
