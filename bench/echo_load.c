/* The echo load generator: a POSIX program, the same for both servers.
 *   bench_echo_load PORT CONNS REQUESTS SIZE
 * CONNS connections to 127.0.0.1:PORT (TCP_NODELAY), one epoll loop; each
 * connection sends SIZE bytes and waits for all of them to come back before
 * sending again (closed loop).  After REQUESTS / 10 warm-up answers it times
 * REQUESTS more and prints the answers per second, then shuts every
 * connection down (the servers see the end of the stream and close). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct conn {
    int fd;
    int got;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s PORT CONNS REQUESTS SIZE\n", argv[0]);
        return 2;
    }
    int port = atoi(argv[1]), nconn = atoi(argv[2]), size = atoi(argv[4]);
    long long requests = atoll(argv[3]), warm = requests / 10 + nconn, target = warm + requests, done = 0;
    char msg[4096], in[4096];
    memset(msg, 'q', sizeof msg);
    struct conn *c = calloc((size_t)nconn, sizeof *c);
    int ep = epoll_create1(0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int i = 0; i < nconn; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
        if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
            perror("connect");
            return 1;
        }
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        c[i].fd = fd;
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &c[i]};
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    }
    double t0 = 0;
    for (int i = 0; i < nconn; i++)
        if (write(c[i].fd, msg, (size_t)size) != size) {
            perror("write");
            return 1;
        }
    long long sent = nconn;
    struct epoll_event ev[256];
    while (done < target) {
        int n = epoll_wait(ep, ev, 256, 10000);
        if (n <= 0) {
            fprintf(stderr, "load: no answer for 10 s (%lld of %lld)\n", done, target);
            return 1;
        }
        for (int k = 0; k < n; k++) {
            struct conn *x = ev[k].data.ptr;
            ssize_t r = read(x->fd, in, sizeof in);
            if (r <= 0) {
                fprintf(stderr, "load: read %zd (%s)\n", r, r < 0 ? strerror(errno) : "end of stream");
                return 1;
            }
            x->got += (int)r;
            if (x->got < size)
                continue;
            x->got -= size;
            if (++done == warm)
                t0 = now();
            if (sent < target) {
                if (write(x->fd, msg, (size_t)size) != size) {
                    perror("write");
                    return 1;
                }
                sent++;
            }
        }
    }
    double t1 = now();
    printf("%.1f\n", (double)requests / (t1 - t0));
    fflush(stdout);
    for (int i = 0; i < nconn; i++) {
        shutdown(c[i].fd, SHUT_WR);
        while (read(c[i].fd, in, sizeof in) > 0)
            ;
        close(c[i].fd);
    }
    return 0;
}
