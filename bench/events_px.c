/* events (POSIX): pingpong where the client waits for each reply with
 * poll() on the socket, the POSIX counterpart of WSAEventSelect waits;
 * round trips/s. */
#include "px_common.h"
#include <poll.h>

static SOCKET listener;
static long long total;

static void *server(void *arg)
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
    return NULL;
}

static void round_trip(SOCKET c, char *b)
{
    send_all(c, b, 1);
    for (;;) {
        struct pollfd p = {(int)c, POLLIN | POLLRDHUP, 0};
        if (poll(&p, 1, -1) < 0) {
            perror("events: poll");
            exit(1);
        }
        if ((p.revents & POLLIN) && recv((int)c, b, 1, MSG_DONTWAIT) == 1)
            return;
    }
}

int main(int argc, char **argv)
{
    long long n = bench_count(argc, argv, NULL, 100000), warm = n / 10 + 10;
    struct sockaddr_in a;
    start();
    listener = bound_socket(SOCK_STREAM, &a);
    total = warm + n;
    pthread_t t = thread_start(server, NULL);
    SOCKET c = connect_to(&a);
    nodelay(c);
    char b = 'x';
    for (long long i = 0; i < warm; i++)
        round_trip(c, &b);
    double t0 = bench_now();
    for (long long i = 0; i < n; i++)
        round_trip(c, &b);
    double t1 = bench_now();
    thread_join(t);
    bench_result("events", SIDE, (double)n, t1 - t0, "rt/s", NULL);
    closesocket(c);
    closesocket(listener);
    return 0;
}
