/* conn (POSIX): blocking connect + accept + close, connections/s.
 * The server closes once it has read the end of stream (see no_time_wait). */
#include "px_common.h"

static SOCKET listener;
static long long total;

static void *server(void *arg)
{
    (void)arg;
    for (long long i = 0; i < total; i++)
        close_after_eof(accept_one(listener));
    return NULL;
}

int main(int argc, char **argv)
{
    long long n = bench_count(argc, argv, NULL, 20000), warm = n / 10 + 10;
    struct sockaddr_in a;
    start();
    listener = bound_socket(SOCK_STREAM, &a);
    no_time_wait(listener);
    total = warm + n;
    pthread_t t = thread_start(server, NULL);
    for (long long i = 0; i < warm; i++)
        closesocket(connect_to(&a));
    double t0 = bench_now();
    for (long long i = 0; i < n; i++)
        closesocket(connect_to(&a));
    thread_join(t);
    double t1 = bench_now();
    bench_result("conn", SIDE, (double)n, t1 - t0, "conn/s", NULL);
    closesocket(listener);
    return 0;
}
