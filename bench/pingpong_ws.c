/* pingpong (Winsock): 1-byte request/response on one TCP connection with
 * TCP_NODELAY, round trips/s. */
#include "ws_common.h"

static SOCKET listener;
static long long total;

static DWORD WINAPI server(LPVOID arg)
{
    (void)arg;
    SOCKET s = accept_one(listener);
    nodelay(s);
    char b;
    for (long long i = 0; i < total; i++) {
        recv_all(s, &b, 1);
        send_all(s, &b, 1);
    }
    closesocket(s);
    return 0;
}

int main(int argc, char **argv)
{
    long long n = bench_count(argc, argv, NULL, 100000), warm = n / 10 + 10;
    struct sockaddr_in a;
    start();
    listener = bound_socket(SOCK_STREAM, &a);
    total = warm + n;
    HANDLE t = thread_start(server, NULL);
    SOCKET c = connect_to(&a);
    nodelay(c);
    char b = 'x';
    for (long long i = 0; i < warm; i++) {
        send_all(c, &b, 1);
        recv_all(c, &b, 1);
    }
    double t0 = bench_now();
    for (long long i = 0; i < n; i++) {
        send_all(c, &b, 1);
        recv_all(c, &b, 1);
    }
    double t1 = bench_now();
    thread_join(t);
    bench_result("pingpong", SIDE, (double)n, t1 - t0, "rt/s", NULL);
    closesocket(c);
    closesocket(listener);
    WSACleanup();
    return 0;
}
