/* nbbulk (POSIX twin): a non-blocking sender of 256 KiB chunks that keeps
 * what the kernel did not take and waits in poll for room; MB/s and the
 * sender's peak resident memory growth. */
#include "px_common.h"
#include <poll.h>

#define CHUNK (256 * 1024)
static SOCKET listener;
static long long total;
static char rbuf[65536], sbuf[CHUNK];

static void *server(void *arg)
{
    (void)arg;
    SOCKET s = accept_one(listener);
    long long got = 0;
    while (got < total) {
        ssize_t n = recv((int)s, rbuf, sizeof rbuf, 0);
        if (n < 0)
            die("recv");
        if (n == 0)
            break;
        got += n;
    }
    closesocket(s);
    return NULL;
}

int main(int argc, char **argv)
{
    long long n = bench_count(argc, argv, "BENCH_BULK_MB", 2048) * 1048576;
    struct sockaddr_in a;
    start();
    memset(sbuf, 'x', sizeof sbuf);
    listener = bound_socket(SOCK_STREAM, &a);
    total = n;
    pthread_t t = thread_start(server, NULL);
    SOCKET c = connect_to(&a);
    int on = 1;
    ioctl((int)c, FIONBIO, &on);
    long long rss0 = bench_rss(), peak = rss0;
    double t0 = bench_now();
    size_t off = 0;
    for (long long sent = 0; sent < n;) {
        ssize_t r = send((int)c, sbuf + off, CHUNK - off, MSG_NOSIGNAL);
        if (r > 0) {
            off += (size_t)r;
            sent += r;
            if (off == CHUNK)
                off = 0;
            continue;
        }
        if (r < 0 && errno != EAGAIN)
            die("send");
        long long rss = bench_rss();
        if (rss > peak)
            peak = rss;
        struct pollfd p = {(int)c, POLLOUT, 0};
        if (poll(&p, 1, -1) != 1)
            die("poll");
    }
    closesocket(c);
    thread_join(t);
    double t1 = bench_now();
    char extra[64];
    snprintf(extra, sizeof extra, "peak_mem=%lld", peak - rss0);
    bench_result("nbbulk", SIDE, (double)n / 1e6, t1 - t0, "MB/s", extra);
    closesocket(listener);
    return 0;
}
