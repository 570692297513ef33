/* slowreaders (POSIX twin): the same connections, reader and sender; the
 * sender keeps its own offset into the one chunk for what the kernel did
 * not take (POSIX takes part of a send and leaves the rest to the program),
 * waits in poll, and closes a connection once all of it was taken. */
#include "px_common.h"
#include <poll.h>

#define MAXN 4096
#define CHUNK (64 * 1024)
#define PER_CONN (256 * 1024)
#define BUFSZ (32 * 1024) /* SO_SNDBUF and SO_RCVBUF */
static SOCKET listener, cli[MAXN], srv[MAXN];
static struct pollfd pfd[MAXN];
static long long nconn;
static char sbuf[CHUNK];

static void *reader(void *arg)
{
    (void)arg;
    static char rbuf[4096];
    static long long got[MAXN];
    long long open = nconn;
    while (open > 0)
        for (long long i = 0; i < nconn; i++) {
            if (got[i] < 0)
                continue;
            ssize_t n = recv((int)srv[i], rbuf, sizeof rbuf, 0);
            if (n < 0)
                die("recv");
            if (n == 0) {
                if (got[i] != PER_CONN) {
                    fprintf(stderr, "slowreaders: connection %lld carried %lld bytes\n", i, got[i]);
                    exit(1);
                }
                got[i] = -1;
                open--;
                closesocket(srv[i]);
                continue;
            }
            got[i] += n;
        }
    return NULL;
}

int main(int argc, char **argv)
{
    long long n = bench_count(argc, argv, NULL, 1000);
    if (n > MAXN)
        n = MAXN;
    long fds = bench_nofile(2 * n + 16);
    if (2 * n + 16 > fds) {
        n = (fds - 16) / 2;
        fprintf(stderr, "slowreaders: RLIMIT_NOFILE is %ld, using %lld connections\n", fds, n);
    }
    struct sockaddr_in a;
    start();
    memset(sbuf, 'x', sizeof sbuf);
    listener = bound_socket(SOCK_STREAM, &a);
    int bufsz = BUFSZ;
    if (setsockopt(listener, SOL_SOCKET, SO_RCVBUF, &bufsz, sizeof bufsz) < 0)
        die("setsockopt(SO_RCVBUF)");
    nconn = n;
    static long long sent[MAXN];
    for (long long i = 0; i < n; i++) {
        cli[i] = connect_to(&a);
        srv[i] = accept_one(listener);
        if (setsockopt((int)cli[i], SOL_SOCKET, SO_SNDBUF, &bufsz, sizeof bufsz) < 0)
            die("setsockopt(SO_SNDBUF)");
        int on = 1;
        ioctl((int)cli[i], FIONBIO, &on);
        pfd[i].fd = (int)cli[i];
        pfd[i].events = POLLOUT;
    }
    long long rss0 = bench_rss(), peak = rss0;
    double t0 = bench_now();
    pthread_t t = thread_start(reader, NULL);
    long long busy = n;
    while (busy > 0) {
        if (poll(pfd, (nfds_t)n, -1) < 0)
            die("poll");
        for (long long i = 0; i < n; i++) {
            if (!(pfd[i].revents & POLLOUT))
                continue;
            while (sent[i] < PER_CONN) {
                size_t off = (size_t)(sent[i] % CHUNK);
                ssize_t r = send((int)cli[i], sbuf + off, CHUNK - off, MSG_NOSIGNAL);
                if (r > 0) {
                    sent[i] += r;
                    continue;
                }
                if (r < 0 && errno != EAGAIN)
                    die("send");
                break;
            }
            if (sent[i] == PER_CONN) {
                closesocket(cli[i]);
                pfd[i].fd = -1;
                pfd[i].events = 0;
                busy--;
            }
        }
        long long rss = bench_rss();
        if (rss > peak)
            peak = rss;
    }
    thread_join(t);
    double t1 = bench_now();
    char extra[64];
    snprintf(extra, sizeof extra, "peak_mem_per_conn=%.0f", (double)(peak - rss0) / (double)n);
    bench_result("slowreaders", SIDE, (double)n * PER_CONN / 1e6, t1 - t0, "MB/s", extra);
    closesocket(listener);
    return 0;
}
