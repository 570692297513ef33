/* udp (POSIX): 64-byte request/response between two connected UDP sockets,
 * round trips/s. */
#include "px_common.h"

#define SIZE 64
static SOCKET srv;
static long long total;

static void *server(void *arg)
{
    (void)arg;
    char b[SIZE];
    for (long long i = 0; i < total; i++) {
        if (recv(srv, b, SIZE, 0) != SIZE)
            die("recv");
        if (send(srv, b, SIZE, 0) != SIZE)
            die("send");
    }
    return NULL;
}

int main(int argc, char **argv)
{
    long long n = bench_count(argc, argv, NULL, 100000), warm = n / 10 + 10;
    struct sockaddr_in sa, ca;
    start();
    srv = bound_socket(SOCK_DGRAM, &sa);
    SOCKET c = bound_socket(SOCK_DGRAM, &ca);
    if (connect(srv, (struct sockaddr *)&ca, sizeof ca) < 0 || connect(c, (struct sockaddr *)&sa, sizeof sa) < 0)
        die("connect");
    total = warm + n;
    pthread_t t = thread_start(server, NULL);
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
    return 0;
}
