/* many (Winsock): N simultaneous TCP connections (default 10,000) opened,
 * one byte each way, closed; connections/s, and resident memory per
 * connection while all are open (both ends live in this process). */
#include "ws_common.h"

#define MAXN 100000
#define CHUNK 1000 /* connects in flight before the client waits for replies */
static SOCKET listener, cli[MAXN], srv[MAXN];
static long long total;

static DWORD WINAPI server(LPVOID arg)
{
    (void)arg;
    char b;
    for (long long base = 0; base < total; base += CHUNK) {
        long long end = base + CHUNK < total ? base + CHUNK : total;
        for (long long i = base; i < end; i++)
            srv[i] = accept_one(listener);
        for (long long i = base; i < end; i++) {
            recv_all(srv[i], &b, 1);
            send_all(srv[i], &b, 1);
        }
    }
    for (long long i = 0; i < total; i++)
        close_after_eof(srv[i]);
    return 0;
}

int main(int argc, char **argv)
{
    long long n = bench_count(argc, argv, NULL, 10000);
    if (n > MAXN)
        n = MAXN;
    /* Two descriptors per connection, plus a few for the listener and
     * stdio; with a lower hard limit, as many connections as it allows. */
    long fds = bench_nofile(2 * n + 16);
    if (2 * n + 16 > fds) {
        n = (fds - 16) / 2;
        fprintf(stderr, "many: RLIMIT_NOFILE is %ld, using %lld connections\n", fds, n);
    }
    struct sockaddr_in a;
    start();
    memset(cli, 0, sizeof cli);
    memset(srv, 0, sizeof srv);
    listener = bound_socket(SOCK_STREAM, &a);
    no_time_wait(listener);
    total = n;
    char b = 'x';
    HANDLE t = thread_start(server, NULL);
    long long rss0 = bench_rss();
    double t0 = bench_now();
    for (long long base = 0; base < n; base += CHUNK) {
        long long end = base + CHUNK < n ? base + CHUNK : n;
        for (long long i = base; i < end; i++) {
            cli[i] = connect_to(&a);
            send_all(cli[i], &b, 1);
        }
        for (long long i = base; i < end; i++)
            recv_all(cli[i], &b, 1);
    }
    long long rss1 = bench_rss();
    for (long long i = 0; i < n; i++)
        closesocket(cli[i]);
    thread_join(t);
    double t1 = bench_now();
    char extra[64];
    snprintf(extra, sizeof extra, "rss_per_conn=%.1f", (double)(rss1 - rss0) / (double)n);
    bench_result("many", SIDE, (double)n, t1 - t0, "conn/s", extra);
    closesocket(listener);
    WSACleanup();
    return 0;
}
