/* udp (Winsock): 64-byte request/response between two connected UDP
 * sockets, round trips/s. */
#include "ws_common.h"

#define SIZE 64
static SOCKET srv;
static long long total;

static DWORD WINAPI server(LPVOID arg)
{
    (void)arg;
    char b[SIZE];
    for (long long i = 0; i < total; i++) {
        if (recv(srv, b, SIZE, 0) != SIZE)
            die("recv");
        if (send(srv, b, SIZE, 0) != SIZE)
            die("send");
    }
    return 0;
}

int main(int argc, char **argv)
{
    long long n = bench_count(argc, argv, NULL, 100000), warm = n / 10 + 10;
    struct sockaddr_in sa, ca;
    start();
    srv = bound_socket(SOCK_DGRAM, &sa);
    SOCKET c = bound_socket(SOCK_DGRAM, &ca);
    if (connect(srv, (struct sockaddr *)&ca, sizeof ca) == SOCKET_ERROR ||
        connect(c, (struct sockaddr *)&sa, sizeof sa) == SOCKET_ERROR)
        die("connect");
    total = warm + n;
    HANDLE t = thread_start(server, NULL);
    char b[SIZE];
    memset(b, 'x', sizeof b);
    for (long long i = 0; i < warm; i++) {
        if (send(c, b, SIZE, 0) != SIZE || recv(c, b, SIZE, 0) != SIZE)
            die("send/recv");
    }
    double t0 = bench_now();
    for (long long i = 0; i < n; i++) {
        if (send(c, b, SIZE, 0) != SIZE || recv(c, b, SIZE, 0) != SIZE)
            die("send/recv");
    }
    double t1 = bench_now();
    thread_join(t);
    bench_result("udp", SIDE, (double)n, t1 - t0, "rt/s", NULL);
    closesocket(c);
    closesocket(srv);
    WSACleanup();
    return 0;
}
