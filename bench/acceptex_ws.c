/* acceptex (Winsock): connections/s accepted through AcceptEx requests
 * posted in advance on a completion port.  The server thread takes each
 * completion, updates the accept context, waits for the client's end of
 * stream, closes, and posts a new AcceptEx with a new socket; the client
 * connects and closes as in conn.  The POSIX twin is conn's accept loop.
 * The client stays at most WINDOW connections ahead of the server: a full
 * accept queue (net.core.somaxconn) drops the SYN and the client's connect
 * waits a second for its retransmission, which would time that second
 * instead of the server. */
#include "ws_common.h"
#include <mswsock.h>

#define POSTED 16
#define WINDOW 1024
#define AREA ((DWORD)sizeof(struct sockaddr_in) + 16)

struct slot {
    OVERLAPPED ov; /* first: the OVERLAPPED is the slot */
    SOCKET s;
    char buf[2 * AREA];
};

static SOCKET listener;
static HANDLE port;
static LPFN_ACCEPTEX pAcceptEx;
static long long total;
static struct slot slots[POSTED];
static volatile LONG accepted;

static void post(struct slot *sl)
{
    sl->s = socket(AF_INET, SOCK_STREAM, 0);
    if (sl->s == INVALID_SOCKET)
        die("socket");
    memset(&sl->ov, 0, sizeof sl->ov);
    DWORD n;
    if (!pAcceptEx(listener, sl->s, sl->buf, 0, AREA, AREA, &n, &sl->ov) && WSAGetLastError() != ERROR_IO_PENDING)
        die("AcceptEx");
}

static DWORD WINAPI server(LPVOID arg)
{
    (void)arg;
    for (long long i = 0; i < total; i++) {
        DWORD bytes;
        ULONG_PTR key;
        OVERLAPPED *ov;
        if (!GetQueuedCompletionStatus(port, &bytes, &key, &ov, INFINITE))
            die("GetQueuedCompletionStatus");
        struct slot *sl = (struct slot *)ov;
        if (setsockopt(sl->s, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&listener, sizeof listener))
            die("SO_UPDATE_ACCEPT_CONTEXT");
        close_after_eof(sl->s);
        InterlockedIncrement(&accepted);
        post(sl);
    }
    return 0;
}

int main(int argc, char **argv)
{
    long long n = bench_count(argc, argv, NULL, 20000), warm = n / 10 + 10;
    struct sockaddr_in a;
    GUID g = WSAID_ACCEPTEX;
    DWORD got;
    start();
    listener = bound_socket(SOCK_STREAM, &a);
    no_time_wait(listener);
    if (WSAIoctl(listener, SIO_GET_EXTENSION_FUNCTION_POINTER, &g, sizeof g, &pAcceptEx, sizeof pAcceptEx, &got,
                 NULL, NULL))
        die("SIO_GET_EXTENSION_FUNCTION_POINTER");
    port = CreateIoCompletionPort((HANDLE)listener, NULL, 1, 1);
    if (!port)
        die("CreateIoCompletionPort");
    for (int i = 0; i < POSTED; i++)
        post(&slots[i]);
    total = warm + n;
    HANDLE t = thread_start(server, NULL);
    double t0 = 0;
    for (long long i = 0; i < warm + n; i++) {
        if (i == warm)
            t0 = bench_now();
        while (i - accepted > WINDOW)
            Sleep(0);
        closesocket(connect_to(&a));
    }
    thread_join(t);
    double t1 = bench_now();
    bench_result("acceptex", SIDE, (double)n, t1 - t0, "conn/s", NULL);
    closesocket(listener);
    WSACleanup();
    return 0;
}
