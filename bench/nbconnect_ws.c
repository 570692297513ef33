/* nbconnect (Winsock): non-blocking connect (ioctlsocket FIONBIO), select()
 * for writable (failure would show in the except set), closesocket;
 * connections/s. */
#include "ws_common.h"

static SOCKET listener;
static long long total;

static DWORD WINAPI server(LPVOID arg)
{
    (void)arg;
    for (long long i = 0; i < total; i++)
        close_after_eof(accept_one(listener));
    return 0;
}

static void one(const struct sockaddr_in *a)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    if (s == INVALID_SOCKET)
        die("socket");
    u_long on = 1;
    if (ioctlsocket(s, FIONBIO, &on) == SOCKET_ERROR)
        die("ioctlsocket(FIONBIO)");
    if (connect(s, (const struct sockaddr *)a, sizeof *a) == SOCKET_ERROR) {
        if (WSAGetLastError() != WSAEWOULDBLOCK)
            die("connect");
        fd_set wr, ex;
        FD_ZERO(&wr);
        FD_ZERO(&ex);
        FD_SET(s, &wr);
        FD_SET(s, &ex);
        if (select(0, NULL, &wr, &ex, NULL) != 1 || !FD_ISSET(s, &wr))
            die("select (connect did not complete)");
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
    HANDLE t = thread_start(server, NULL);
    for (long long i = 0; i < warm; i++)
        one(&a);
    double t0 = bench_now();
    for (long long i = 0; i < n; i++)
        one(&a);
    thread_join(t);
    double t1 = bench_now();
    bench_result("nbconnect", SIDE, (double)n, t1 - t0, "conn/s", NULL);
    closesocket(listener);
    WSACleanup();
    return 0;
}
