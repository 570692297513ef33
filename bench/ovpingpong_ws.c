/* ovpingpong (Winsock): pingpong where the client receives each reply with
 * an overlapped WSARecv and waits for its event (WSAWaitForMultipleEvents,
 * then WSAGetOverlappedResult); the POSIX twin is events_px (poll + recv).
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

static void round_trip(SOCKET c, WSAOVERLAPPED *ov, char *b)
{
    WSABUF wb;
    DWORD got = 0, flags = 0;
    wb.buf = b;
    wb.len = 1;
    send_all(c, b, 1);
    if (WSARecv(c, &wb, 1, &got, &flags, ov, NULL) == 0)
        return; /* the reply was there already */
    if (WSAGetLastError() != WSA_IO_PENDING)
        die("WSARecv");
    if (WSAWaitForMultipleEvents(1, &ov->hEvent, FALSE, WSA_INFINITE, FALSE) != WSA_WAIT_EVENT_0)
        die("WSAWaitForMultipleEvents");
    if (!WSAGetOverlappedResult(c, ov, &got, FALSE, &flags) || got != 1)
        die("WSAGetOverlappedResult");
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
    ov.hEvent = WSACreateEvent();
    char b = 'x';
    for (long long i = 0; i < warm; i++)
        round_trip(c, &ov, &b);
    double t0 = bench_now();
    for (long long i = 0; i < n; i++)
        round_trip(c, &ov, &b);
    double t1 = bench_now();
    thread_join(t);
    bench_result("ovpingpong", SIDE, (double)n, t1 - t0, "rt/s", NULL);
    closesocket(c);
    WSACloseEvent(ov.hEvent);
    closesocket(listener);
    WSACleanup();
    return 0;
}
