/* iocpecho (Winsock): an echo server on a completion port, BENCH_WORKERS
 * threads (default 1) in GetQueuedCompletionStatusEx, overlapped WSARecv
 * and WSASend per connection; the load generator (echo_load.c) drives
 * BENCH_CONNS connections (default 100) with 64-byte requests.  Answers/s. */
#include "ws_common.h"

#define MSG 64

struct conn {
    SOCKET s;
    OVERLAPPED rov, sov;
    WSABUF b;
    char buf[1024];
};

static HANDLE port;
static volatile LONG open_conns;

static void post_recv(struct conn *c)
{
    DWORD flags = 0;
    memset(&c->rov, 0, sizeof c->rov);
    c->b.buf = c->buf;
    c->b.len = sizeof c->buf;
    if (WSARecv(c->s, &c->b, 1, NULL, &flags, &c->rov, NULL) == SOCKET_ERROR && WSAGetLastError() != WSA_IO_PENDING)
        die("WSARecv");
}

static void finish(struct conn *c)
{
    closesocket(c->s);
    if (InterlockedDecrement(&open_conns) == 0)
        PostQueuedCompletionStatus(port, 0, 0, NULL); /* everyone is done */
}

static DWORD WINAPI worker(LPVOID arg)
{
    (void)arg;
    OVERLAPPED_ENTRY e[64];
    for (;;) {
        ULONG n = 0;
        if (!GetQueuedCompletionStatusEx(port, e, 64, &n, INFINITE, FALSE)) {
            fprintf(stderr, "GetQueuedCompletionStatusEx: %lu\n", (unsigned long)GetLastError());
            exit(1);
        }
        for (ULONG i = 0; i < n; i++) {
            struct conn *c = (struct conn *)e[i].lpCompletionKey;
            if (!c) { /* the last connection went: pass it on to the other workers and stop */
                PostQueuedCompletionStatus(port, 0, 0, NULL);
                return 0;
            }
            OVERLAPPED *ov = e[i].lpOverlapped;
            DWORD bytes = e[i].dwNumberOfBytesTransferred;
            if (ov->Internal != 0 || (ov == &c->rov && bytes == 0)) {
                finish(c);
            } else if (ov == &c->rov) {
                c->b.len = bytes;
                memset(&c->sov, 0, sizeof c->sov);
                if (WSASend(c->s, &c->b, 1, NULL, 0, &c->sov, NULL) == SOCKET_ERROR &&
                    WSAGetLastError() != WSA_IO_PENDING)
                    die("WSASend");
            } else {
                post_recv(c);
            }
        }
    }
}

int main(int argc, char **argv)
{
    long long n = bench_count(argc, argv, NULL, 200000);
    int conns = (int)bench_env("BENCH_CONNS", 100), workers = (int)bench_env("BENCH_WORKERS", 1);
    bench_nofile(conns * 2 + 64);
    struct sockaddr_in a;
    start();
    SOCKET l = bound_socket(SOCK_STREAM, &a);
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, (DWORD)workers);
    if (!port)
        die("CreateIoCompletionPort");
    struct conn *cs = (struct conn *)calloc((size_t)conns, sizeof *cs);
    HANDLE t[16];
    for (int i = 0; i < workers && i < 16; i++)
        t[i] = thread_start(worker, NULL);
    int h = bench_load_start(ntohs(a.sin_port), conns, n, MSG);
    open_conns = conns;
    for (int i = 0; i < conns; i++) {
        cs[i].s = accept_one(l);
        nodelay(cs[i].s);
        if (CreateIoCompletionPort((HANDLE)cs[i].s, port, (ULONG_PTR)&cs[i], 0) != port)
            die("CreateIoCompletionPort (associate)");
        post_recv(&cs[i]);
    }
    double rate = bench_load_finish(h);
    for (int i = 0; i < workers && i < 16; i++)
        thread_join(t[i]);
    bench_result("iocpecho", SIDE, rate, 1.0, "req/s", NULL);
    closesocket(l);
    CloseHandle(port);
    free(cs);
    WSACleanup();
    return 0;
}
