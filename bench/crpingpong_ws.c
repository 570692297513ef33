/* crpingpong (Winsock): pingpong where the client receives each reply with
 * an overlapped WSARecv whose completion routine runs in SleepEx(INFINITE,
 * TRUE); the POSIX twin is events_px (poll + recv).
 * Round trips/s. */
#include "ws_common.h"

static SOCKET listener;
static long long total;

static DWORD WINAPI server(LPVOID arg)
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
    return 0;
}

static volatile int arrived;

static void CALLBACK on_reply(DWORD err, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)ov, (void)flags;
    if (err || bytes != 1)
        die("completion routine");
    arrived = 1;
}

static void round_trip(SOCKET c, WSAOVERLAPPED *ov, char *b)
{
    WSABUF wb;
    DWORD got = 0, flags = 0;
    wb.buf = b;
    wb.len = 1;
    arrived = 0;
    send_all(c, b, 1);
    if (WSARecv(c, &wb, 1, &got, &flags, ov, on_reply) != 0 && WSAGetLastError() != WSA_IO_PENDING)
        die("WSARecv");
    while (!arrived) /* even an immediate completion runs the routine in the alertable wait */
        SleepEx(INFINITE, TRUE);
}

int main(int argc, char **argv)
{
    long long n = bench_count(argc, argv, NULL, 100000), warm = n / 10 + 10;
    struct sockaddr_in a;
    start();
    listener = bound_socket(SOCK_STREAM, &a);
    total = warm + n;
    HANDLE t = thread_start(server, NULL);
    SOCKET c = connect_to(&a);
    nodelay(c);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = NULL;
    char b = 'x';
    for (long long i = 0; i < warm; i++)
        round_trip(c, &ov, &b);
    double t0 = bench_now();
    for (long long i = 0; i < n; i++)
        round_trip(c, &ov, &b);
    double t1 = bench_now();
    thread_join(t);
    bench_result("crpingpong", SIDE, (double)n, t1 - t0, "rt/s", NULL);
    closesocket(c);
    closesocket(listener);
    WSACleanup();
    return 0;
}
