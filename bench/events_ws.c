/* events (Winsock): pingpong where the client waits for each reply with
 * WSAEventSelect + WSAWaitForMultipleEvents + WSAEnumNetworkEvents, the way
 * non-GUI Windows clients multiplex; round trips/s. */
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

/* One round trip: send, wait for FD_READ on the event, read the reply. */
static void round_trip(SOCKET c, WSAEVENT e, char *b)
{
    send_all(c, b, 1);
    for (;;) {
        WSANETWORKEVENTS ne;
        if (WSAWaitForMultipleEvents(1, &e, FALSE, WSA_INFINITE, FALSE) != WSA_WAIT_EVENT_0 ||
            WSAEnumNetworkEvents(c, e, &ne) != 0) {
            fprintf(stderr, "events: wait failed: %d\n", WSAGetLastError());
            exit(1);
        }
        if ((ne.lNetworkEvents & FD_READ) && recv(c, b, 1, 0) == 1)
            return;
    }
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
    WSAEVENT e = WSACreateEvent();
    if (WSAEventSelect(c, e, FD_READ | FD_CLOSE) != 0) {
        fprintf(stderr, "events: WSAEventSelect failed: %d\n", WSAGetLastError());
        return 1;
    }
    char b = 'x';
    for (long long i = 0; i < warm; i++)
        round_trip(c, e, &b);
    double t0 = bench_now();
    for (long long i = 0; i < n; i++)
        round_trip(c, e, &b);
    double t1 = bench_now();
    thread_join(t);
    bench_result("events", SIDE, (double)n, t1 - t0, "rt/s", NULL);
    closesocket(c);
    WSACloseEvent(e);
    closesocket(listener);
    WSACleanup();
    return 0;
}
