/* bulk (Winsock): one TCP connection, 64 KiB sends, MB/s (10^6 bytes).
 * Size in MiB: argv[1] or BENCH_BULK_MB (default 2048 = 2 GiB). */
#include "ws_common.h"

#define CHUNK 65536
static SOCKET listener;
static long long total;
static char rbuf[CHUNK], sbuf[CHUNK];

static DWORD WINAPI server(LPVOID arg)
{
    (void)arg;
    SOCKET s = accept_one(listener);
    long long got = 0;
    while (got < total) {
        int n = recv(s, rbuf, CHUNK, 0);
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
    long long n = bench_count(argc, argv, "BENCH_BULK_MB", 2048) * 1048576, warm = 16 * CHUNK;
    struct sockaddr_in a;
    start();
    memset(sbuf, 'x', sizeof sbuf);
    listener = bound_socket(SOCK_STREAM, &a);
    total = warm + n;
    HANDLE t = thread_start(server, NULL);
    SOCKET c = connect_to(&a);
    for (long long sent = 0; sent < warm; sent += CHUNK)
        send_all(c, sbuf, CHUNK);
    double t0 = bench_now();
    for (long long sent = 0; sent < n; sent += CHUNK)
        send_all(c, sbuf, CHUNK);
    thread_join(t);
    double t1 = bench_now();
    bench_result("bulk", SIDE, (double)n / 1e6, t1 - t0, "MB/s", NULL);
    closesocket(c);
    closesocket(listener);
    WSACleanup();
    return 0;
}
