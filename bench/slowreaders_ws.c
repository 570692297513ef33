/* slowreaders (Winsock): N connections (default 1,000) whose peers read
 * slowly.  One sender thread keeps every connection busy: WSAPoll for
 * writability over all of them, then non-blocking 64 KiB sends on each
 * writable one until WSAEWOULDBLOCK.  One reader thread visits the
 * connections in turn and takes at most 4 KiB from each per visit.  MB/s
 * and the sender's peak resident memory growth per connection: Windows
 * accepts one send beyond the socket's buffer and refuses the next until it
 * has gone, so what a slow peer can make the sender hold is bounded by one
 * send per connection. */
#include "ws_common.h"

#define MAXN 4096
#define CHUNK (64 * 1024)
#define PER_CONN (256 * 1024) /* bytes each connection carries */
#define BUFSZ (32 * 1024)          /* SO_SNDBUF and SO_RCVBUF */ /* bytes each connection carries */
static SOCKET listener, cli[MAXN], srv[MAXN];
static WSAPOLLFD pfd[MAXN];
static long long nconn;
static char sbuf[CHUNK];

static DWORD WINAPI reader(LPVOID arg)
{
    (void)arg;
    static char rbuf[4096];
    static long long got[MAXN];
    long long open = nconn;
    while (open > 0)
        for (long long i = 0; i < nconn; i++) {
            if (got[i] < 0)
                continue;
            int n = recv(srv[i], rbuf, sizeof rbuf, 0);
            if (n == SOCKET_ERROR)
                die("recv");
            if (n == 0) {
                if (got[i] != PER_CONN) {
                    fprintf(stderr, "slowreaders: connection %lld carried %lld bytes\n", i, got[i]);
                    exit(1);
                }
                got[i] = -1;
                open--;
                closesocket(srv[i]);
                continue;
            }
            got[i] += n;
        }
    return 0;
}

int main(int argc, char **argv)
{
    long long n = bench_count(argc, argv, NULL, 1000);
    if (n > MAXN)
        n = MAXN;
    long fds = bench_nofile(2 * n + 16);
    if (2 * n + 16 > fds) {
        n = (fds - 16) / 2;
        fprintf(stderr, "slowreaders: RLIMIT_NOFILE is %ld, using %lld connections\n", fds, n);
    }
    struct sockaddr_in a;
    start();
    memset(sbuf, 'x', sizeof sbuf);
    listener = bound_socket(SOCK_STREAM, &a);
    /* Small buffers at both ends (accepted sockets inherit the listener's):
     * with the kernel's autotuned loopback buffers a connection would hold
     * all it carries and no send would ever wait for the reader. */
    int bufsz = BUFSZ;
    if (setsockopt(listener, SOL_SOCKET, SO_RCVBUF, (const char *)&bufsz, sizeof bufsz) == SOCKET_ERROR)
        die("setsockopt(SO_RCVBUF)");
    nconn = n;
    static long long sent[MAXN];
    for (long long i = 0; i < n; i++) {
        cli[i] = connect_to(&a);
        srv[i] = accept_one(listener);
        if (setsockopt(cli[i], SOL_SOCKET, SO_SNDBUF, (const char *)&bufsz, sizeof bufsz) == SOCKET_ERROR)
            die("setsockopt(SO_SNDBUF)");
        u_long on = 1;
        if (ioctlsocket(cli[i], FIONBIO, &on) != 0)
            die("ioctlsocket");
        pfd[i].fd = cli[i];
        pfd[i].events = POLLWRNORM;
    }
    long long rss0 = bench_rss(), peak = rss0;
    double t0 = bench_now();
    HANDLE t = thread_start(reader, NULL);
    long long busy = n;
    while (busy > 0) {
        if (WSAPoll(pfd, (ULONG)n, -1) == SOCKET_ERROR)
            die("WSAPoll");
        for (long long i = 0; i < n; i++) {
            if (!(pfd[i].revents & POLLWRNORM))
                continue;
            while (sent[i] < PER_CONN) {
                int r = send(cli[i], sbuf, CHUNK, 0);
                if (r == CHUNK) {
                    sent[i] += CHUNK;
                    continue;
                }
                if (r != SOCKET_ERROR || WSAGetLastError() != WSAEWOULDBLOCK)
                    die("send");
                break;
            }
            if (sent[i] == PER_CONN) {
                closesocket(cli[i]); /* graceful: the rest of the last send goes first */
                pfd[i].fd = INVALID_SOCKET; /* WSAPoll skips it (Windows: negative fd) */
                pfd[i].events = 0;
                busy--;
            }
        }
        long long rss = bench_rss();
        if (rss > peak)
            peak = rss;
    }
    thread_join(t);
    double t1 = bench_now();
    char extra[64];
    snprintf(extra, sizeof extra, "peak_mem_per_conn=%.0f", (double)(peak - rss0) / (double)n);
    bench_result("slowreaders", SIDE, (double)n * PER_CONN / 1e6, t1 - t0, "MB/s", extra);
    closesocket(listener);
    WSACleanup();
    return 0;
}
