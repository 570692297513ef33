/* nbconnect (POSIX): non-blocking connect (ioctl FIONBIO), select() for
 * writable, then SO_ERROR - the one way POSIX tells success from failure,
 * which Windows' select says with its except set - and close; connections/s. */
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

static void one(const struct sockaddr_in *a)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0)
        die("socket");
    int on = 1;
    if (ioctl(s, FIONBIO, &on) < 0)
        die("ioctl(FIONBIO)");
    if (connect(s, (const struct sockaddr *)a, sizeof *a) < 0) {
        if (errno != EINPROGRESS)
            die("connect");
        fd_set wr, ex;
        FD_ZERO(&wr);
        FD_ZERO(&ex);
        FD_SET(s, &wr);
        FD_SET(s, &ex);
        if (select(s + 1, NULL, &wr, &ex, NULL) != 1 || !FD_ISSET(s, &wr))
            die("select (connect did not complete)");
        int err = 0;
        socklen_t len = sizeof err;
        if (getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len) < 0 || err) {
            errno = err;
            die("connect (SO_ERROR)");
        }
    }
    closesocket(s);
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
        one(&a);
    double t0 = bench_now();
    for (long long i = 0; i < n; i++)
        one(&a);
    thread_join(t);
    double t1 = bench_now();
    bench_result("nbconnect", SIDE, (double)n, t1 - t0, "conn/s", NULL);
    closesocket(listener);
    return 0;
}
