/* select64 (Winsock): 64 connected TCP sockets, one active per round; the
 * server finds it with select() over all 64 and echoes 1 byte, rounds/s. */
#include "ws_common.h"

#define CONNS 64
static SOCKET srv[CONNS];
static long long total;

static DWORD WINAPI server(LPVOID arg)
{
    (void)arg;
    char b;
    long long done = 0;
    while (done < total) {
        fd_set rd;
        FD_ZERO(&rd);
        for (int i = 0; i < CONNS; i++)
            FD_SET(srv[i], &rd);
        if (select(0, &rd, NULL, NULL, NULL) == SOCKET_ERROR)
            die("select");
        for (int i = 0; i < CONNS; i++) {
            if (FD_ISSET(srv[i], &rd)) {
                recv_all(srv[i], &b, 1);
                send_all(srv[i], &b, 1);
                done++;
            }
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    long long n = bench_count(argc, argv, NULL, 50000), warm = n / 10 + 10;
    struct sockaddr_in a;
    SOCKET cli[CONNS];
    start();
    SOCKET l = bound_socket(SOCK_STREAM, &a);
    for (int i = 0; i < CONNS; i++) {
        cli[i] = connect_to(&a);
        srv[i] = accept_one(l);
        nodelay(cli[i]);
        nodelay(srv[i]);
    }
    total = warm + n;
    HANDLE t = thread_start(server, NULL);
    char b = 'x';
    for (long long i = 0; i < warm; i++) {
        send_all(cli[i % CONNS], &b, 1);
        recv_all(cli[i % CONNS], &b, 1);
    }
    double t0 = bench_now();
    for (long long i = 0; i < n; i++) {
        send_all(cli[i % CONNS], &b, 1);
        recv_all(cli[i % CONNS], &b, 1);
    }
    double t1 = bench_now();
    thread_join(t);
    bench_result("select64", SIDE, (double)n, t1 - t0, "rounds/s", NULL);
    for (int i = 0; i < CONNS; i++) {
        closesocket(cli[i]);
        closesocket(srv[i]);
    }
    closesocket(l);
    WSACleanup();
    return 0;
}
