/* scale: the cost of a socket at the descriptor limit, shared by
 * scale_ws.c (Winsock) and scale_px.c (POSIX), which define SERVER_FN and
 * SERVER_RETURN for their thread functions.  N client sockets (default: as
 * many as RLIMIT_NOFILE allows with the accepted ends, at most MAXN) are
 * made, bound, connected to one listener (a thread accepts) and closed;
 * each phase is timed on its own.  Output, one line run.sh parses:
 *
 *   scale <side> n=N socket_us=.. bind_us=.. bind_first_us=.. bind_last_us=.. connect_us=..
 *         close_us=.. rss_socket=.. rss_conn=..
 *
 * bind_first_us and bind_last_us: the first and the last tenth of the
 * binds (a bind must not cost more with more sockets bound).
 * rss_socket: resident memory growth per socket after the socket phase
 * (bytes; the kernel's socket memory is not in RSS), rss_conn: per
 * connection after the connect phase (both ends in this process).  Clients
 * bind to 127.0.0.1 up to 20,000 at a time, then 127.0.0.2, ... so that
 * 100,000+ need no wider ephemeral port range than 20,000 per address. */
#define MAXN 1000000
#define PER_ADDR 20000
static SOCKET listener, *cli, *srv;
static long long total;

SERVER_FN
{
    for (long long i = 0; i < total; i++)
        srv[i] = accept_one(listener);
    SERVER_RETURN;
}

static double per_op_us(double t0, double t1, long long n)
{
    return (t1 - t0) * 1e6 / (double)n;
}

int main(int argc, char **argv)
{
    long long n = bench_count(argc, argv, "BENCH_SCALE", 0);
    long fds = bench_nofile(n ? 2 * n + 32 : MAXN);
    if (!n || 2 * n + 32 > fds)
        n = (fds - 32) / 2;
    if (n > MAXN)
        n = MAXN;
    cli = calloc((size_t)n, sizeof *cli);
    srv = calloc((size_t)n, sizeof *srv);
    if (!cli || !srv)
        die("calloc");
    struct sockaddr_in a;
    start();
    listener = bound_socket(SOCK_STREAM, &a);
    no_time_wait(listener); /* accepted ends abort: no TIME_WAIT left for the next run */
    total = n;

    long long rss0 = bench_rss();
    double t0 = bench_now();
    for (long long i = 0; i < n; i++)
        if ((cli[i] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)) == INVALID_SOCKET)
            die("socket");
    double t1 = bench_now();
    long long rss1 = bench_rss();
    long long tenth = n / 10 ? n / 10 : 1;
    double tb1 = t1, tb2 = t1;
    for (long long i = 0; i < n; i++) {
        if (i == tenth)
            tb1 = bench_now();
        if (i == n - tenth)
            tb2 = bench_now();
        struct sockaddr_in b = loopback();
        b.sin_addr.s_addr = htonl(INADDR_LOOPBACK + (unsigned)(i / PER_ADDR));
        if (bind(cli[i], (struct sockaddr *)&b, sizeof b) != 0)
            die("bind");
    }
    double t2 = bench_now();
    SERVER_THREAD t = thread_start(server, NULL);
    for (long long i = 0; i < n; i++)
        if (connect(cli[i], (struct sockaddr *)&a, sizeof a) != 0)
            die("connect");
    double t3 = bench_now();
    thread_join(t);
    long long rss2 = bench_rss();
    for (long long i = 0; i < n; i++)
        closesocket(srv[i]);
    double t4 = bench_now();
    for (long long i = 0; i < n; i++)
        closesocket(cli[i]);
    double t5 = bench_now();
    printf("scale %s n=%lld socket_us=%.3f bind_us=%.3f bind_first_us=%.3f bind_last_us=%.3f connect_us=%.3f "
           "close_us=%.3f rss_socket=%.1f rss_conn=%.1f\n",
           SIDE, n, per_op_us(t0, t1, n), per_op_us(t1, t2, n), per_op_us(t1, tb1, tenth), per_op_us(tb2, t2, tenth),
           per_op_us(t2, t3, n), per_op_us(t4, t5, n),
           (double)(rss1 - rss0) / (double)n, (double)(rss2 - rss0) / (double)n);
    closesocket(listener);
    return 0;
}
