/* nbbulk (Winsock): one TCP connection, a non-blocking sender that sends
 * 256 KiB chunks until WSAEWOULDBLOCK, then waits in select for
 * writability; MB/s and the sender's peak resident memory growth.  Windows
 * takes each send whole (the rest goes out in the background) and refuses
 * the next until it has. */
#include "ws_common.h"

#define CHUNK (256 * 1024)
static SOCKET listener;
static long long total;
static char rbuf[65536], sbuf[CHUNK];

static DWORD WINAPI server(LPVOID arg)
{
    (void)arg;
    SOCKET s = accept_one(listener);
    long long got = 0;
    while (got < total) {
        int n = recv(s, rbuf, sizeof rbuf, 0);
        if (n == SOCKET_ERROR)
            die("recv");
        if (n == 0)
            break;
        got += n;
    }
    closesocket(s);
    return 0;
}

int main(int argc, char **argv)
{
    long long n = bench_count(argc, argv, "BENCH_BULK_MB", 2048) * 1048576;
    struct sockaddr_in a;
    start();
    memset(sbuf, 'x', sizeof sbuf);
    listener = bound_socket(SOCK_STREAM, &a);
    total = n;
    HANDLE t = thread_start(server, NULL);
    SOCKET c = connect_to(&a);
    u_long on = 1;
    if (ioctlsocket(c, FIONBIO, &on) != 0)
        die("ioctlsocket");
    long long rss0 = bench_rss(), peak = rss0;
    double t0 = bench_now();
    for (long long sent = 0; sent < n;) {
        int r = send(c, sbuf, CHUNK, 0);
        if (r == CHUNK) {
            sent += CHUNK;
            continue;
        }
        if (r != SOCKET_ERROR || WSAGetLastError() != WSAEWOULDBLOCK)
            die("send");
        long long rss = bench_rss();
        if (rss > peak)
            peak = rss;
        fd_set w;
        FD_ZERO(&w);
        FD_SET(c, &w);
        if (select(0, NULL, &w, NULL, NULL) != 1)
            die("select");
    }
    on = 0; /* a graceful close: the rest of the last send goes first */
    closesocket(c);
    thread_join(t);
    double t1 = bench_now();
    char extra[64];
    snprintf(extra, sizeof extra, "peak_mem=%lld", peak - rss0);
    bench_result("nbbulk", SIDE, (double)n / 1e6, t1 - t0, "MB/s", extra);
    closesocket(listener);
    WSACleanup();
    return 0;
}
