/* transmitfile (POSIX): the same file sent with a sendfile(2) loop, MB/s. */
#include "px_common.h"
#include <fcntl.h>
#include <sys/sendfile.h>

#define CHUNK 262144
#define FILE_NAME "bench-transmitfile.tmp"
static SOCKET listener;
static long long total;
static char rbuf[CHUNK];

static void *server(void *arg)
{
    (void)arg;
    SOCKET s = accept_one(listener);
    long long got = 0;
    while (got < total) {
        ssize_t n = recv(s, rbuf, CHUNK, 0);
        if (n < 0)
            die("recv");
        if (n == 0)
            break;
        got += n;
    }
    close(s);
    return NULL;
}

static void send_file(SOCKET c, int fd, long long n)
{
    off_t off = 0;
    while (off < n) {
        ssize_t r = sendfile(c, fd, &off, (size_t)(n - off > 0x7ffff000 ? 0x7ffff000 : n - off));
        if (r <= 0)
            die("sendfile");
    }
}

int main(int argc, char **argv)
{
    long long n = bench_count(argc, argv, "BENCH_FILE_MB", 1024) * 1048576;
    struct sockaddr_in a;
    start();
    int fd = open(FILE_NAME, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || ftruncate(fd, n) < 0)
        die("open");
    unlink(FILE_NAME);
    listener = bound_socket(SOCK_STREAM, &a);
    total = 2 * n;
    pthread_t t = thread_start(server, NULL);
    SOCKET c = connect_to(&a);
    send_file(c, fd, n); /* warm-up: the page cache */
    double t0 = bench_now();
    send_file(c, fd, n);
    thread_join(t);
    double t1 = bench_now();
    bench_result("transmitfile", SIDE, (double)n / 1e6, t1 - t0, "MB/s", NULL);
    closesocket(c);
    closesocket(listener);
    close(fd);
    return 0;
}
