/* acceptex (POSIX twin): conn's blocking accept loop against the
 * completion-port AcceptEx server of acceptex_ws.c, with the same client
 * and the same window (the client stays at most WINDOW connections ahead
 * of the server, so a full accept queue never drops a SYN). */
#include "px_common.h"
#include <sched.h>

#define WINDOW 1024

static SOCKET listener;
static long long total;
static long accepted;

static void *server(void *arg)
{
    (void)arg;
    for (long long i = 0; i < total; i++) {
        close_after_eof(accept_one(listener));
        __atomic_add_fetch(&accepted, 1, __ATOMIC_SEQ_CST);
    }
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
    double t0 = 0;
    for (long long i = 0; i < warm + n; i++) {
        if (i == warm)
            t0 = bench_now();
        while (i - __atomic_load_n(&accepted, __ATOMIC_RELAXED) > WINDOW)
            sched_yield();
        closesocket(connect_to(&a));
    }
    thread_join(t);
    double t1 = bench_now();
    bench_result("acceptex", SIDE, (double)n, t1 - t0, "conn/s", NULL);
    closesocket(listener);
    return 0;
}
