/* The WSASend/WSARecv family on a real loopback pair with fuzzer-chosen
 * buffer arrays (counts, lengths, NULL and unmapped pointers), flags and
 * addresses; plain, overlapped with an event, and through a completion
 * port.  Each run leaves nothing behind: pending operations are cancelled
 * and must complete within 2 s, their packets are taken off the port, what
 * was sent is read.  A pair that a run breaks is made again. */
#include "fuzz.h"

#define MAX_BUFS 8
static SOCKET c, s, pc, ps; /* the plain pair; the pair whose ps is on the port */
static HANDLE port;
static WSAOVERLAPPED ov;

static void pairs(void)
{
    if (c != INVALID_SOCKET && c) {
        closesocket(c);
        closesocket(s);
    }
    fuzz_pair(&c, &s);
}

static void setup(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    fuzz_startup();
    pairs();
    fuzz_pair(&pc, &ps);
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    CreateIoCompletionPort((HANDLE)ps, port, 7, 0);
    ov.hEvent = WSACreateEvent();
}

static void drain_port(void)
{
    DWORD n;
    ULONG_PTR key;
    LPOVERLAPPED o;
    while (GetQueuedCompletionStatus(port, &n, &key, &o, 0) || o)
        ;
}

static int broken(int err)
{
    return err == WSAECONNRESET || err == WSAECONNABORTED || err == WSAESHUTDOWN || err == WSAENOTCONN;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const DWORD common[] = {0, MSG_OOB, MSG_PEEK, MSG_DONTROUTE, MSG_PARTIAL, MSG_WAITALL, MSG_PUSH_IMMEDIATE,
                                   MSG_OOB | MSG_PEEK, MSG_PEEK | MSG_WAITALL};
    struct fuzz_in in = {data, data + size};
    setup();
    int again = 0;
    for (int round = 0; round < 4 && in.p < in.end; round++) {
        uint8_t op = fuzz_u8(&in);
        WSABUF bufs[MAX_BUFS];
        DWORD n = fuzz_u8(&in) % (MAX_BUFS + 1), bytes = 0;
        uint8_t fb = fuzz_u8(&in);
        DWORD flags = fb & 0x80 ? fuzz_u32(&in) : common[fb % (sizeof common / sizeof common[0])];
        for (DWORD i = 0; i < n; i++) {
            uint8_t lb = fuzz_u8(&in);
            bufs[i].len = (ULONG)(lb & 0x3f) * 32;
            bufs[i].buf = lb & 0x80 ? (lb & 0x40 ? NULL : (char *)(uintptr_t)(1 + (lb & 0x3f))) : malloc(bufs[i].len + 1);
            if (!(lb & 0x80))
                memset(bufs[i].buf, 'a' + (int)i, bufs[i].len);
        }
        WSABUF *arr = op & 0x80 ? NULL : bufs;
        struct sockaddr_in to;
        int tolen = sizeof to;
        memset(&to, 0, sizeof to);
        to.sin_family = AF_INET;
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        int r, err = 0;
        WSAResetEvent(ov.hEvent);
        WSAEVENT ev = ov.hEvent;
        memset(&ov, 0, sizeof ov);
        ov.hEvent = ev;
        SOCKET on = (op & 7) >= 6 ? (op & 1 ? ps : pc) : (op & 1 ? s : c);
        switch (op & 7) {
        case 0:
            r = WSASend(c, arr, n, &bytes, flags, NULL, NULL);
            break;
        case 1:
            r = WSARecv(s, arr, n, &bytes, &flags, NULL, NULL);
            break;
        case 2:
            r = WSASend(c, arr, n, &bytes, flags, &ov, NULL);
            break;
        case 3:
            r = WSARecv(s, arr, n, &bytes, &flags, &ov, NULL);
            break;
        case 4:
            r = WSASendTo(c, arr, n, &bytes, flags, (struct sockaddr *)&to, op & 0x40 ? (int)fuzz_u8(&in) : tolen,
                          op & 0x20 ? &ov : NULL, NULL);
            break;
        case 5:
            r = WSARecvFrom(s, arr, n, &bytes, &flags, (struct sockaddr *)&to, &tolen, op & 0x20 ? &ov : NULL, NULL);
            break;
        case 6:
            r = WSASend(pc, arr, n, &bytes, flags, op & 0x20 ? &ov : NULL, NULL);
            break;
        default:
            r = WSARecv(ps, arr, n, &bytes, &flags, &ov, NULL);
            break;
        }
        if (r == SOCKET_ERROR)
            err = WSAGetLastError();
        if (err == WSA_IO_PENDING) {
            CancelIoEx((HANDLE)on, &ov);
            fuzz_check(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0);
            DWORD got, fl;
            if (!WSAGetOverlappedResult(on, &ov, &got, FALSE, &fl))
                err = WSAGetLastError();
        }
        again |= broken(err);
        for (DWORD i = 0; i < n; i++)
            if ((uintptr_t)bufs[i].buf > 4096)
                free(bufs[i].buf);
    }
    drain_port();
    fuzz_drain(s);
    fuzz_drain(ps);
    if (again) {
        pairs();
        closesocket(pc);
        closesocket(ps);
        fuzz_pair(&pc, &ps);
        CreateIoCompletionPort((HANDLE)ps, port, 7, 0);
    }
    return 0;
}
