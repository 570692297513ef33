/* Overlapped WSASend/WSARecv with events, completion routines and the
 * socket handle itself; WSAGetOverlappedResult, GetOverlappedResult(Ex),
 * CancelIo(Ex); completion on later data, graceful close, reset and
 * closesocket; FIFO order of pending operations; datagram sources filled at
 * completion; sockets made without WSA_FLAG_OVERLAPPED.  Facts from Wine's
 * sock.c (test_WSARecv, test_nonblocking_async_recv,
 * test_simultaneous_async_recv, test_WSAGetOverlappedResult) and the
 * WSARecv/WSASend/GetOverlappedResult/CancelIoEx pages. */
#include "wstest.h"

#define STATUS_PENDING_ 0x103u
#define STATUS_CANCELLED_ 0xC0000120u
#define STATUS_BUFFER_OVERFLOW_ 0x80000005u

static WSABUF wbuf(char *p, ULONG n)
{
    WSABUF b;
    b.buf = p;
    b.len = n;
    return b;
}

WT_CASE(recv_pends_until_data)
{
    SOCKET c, s;
    char buf[16] = {0};
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0, got = 0xdead;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    ov.InternalHigh = 0xdeadbeef;
    wt_tcp_pair(&c, &s);
    expect_fail(WSARecv(s, &b, 1, &got, &flags, &ov, NULL), WSA_IO_PENDING);
    ok(wt_internal(&ov) == STATUS_PENDING_, "Internal is STATUS_PENDING: %#lx", (unsigned long)wt_internal(&ov));
    ok(ov.InternalHigh == 0xdeadbeef, "InternalHigh untouched while pending");
    ok(!HasOverlappedIoCompleted(&ov), "not completed");
    ok(WaitForSingleObject(ov.hEvent, 0) == WAIT_TIMEOUT, "event not signalled");
    expect_wsa(WSAGetOverlappedResult(s, &ov, &got, FALSE, &flags), FALSE, WSA_IO_INCOMPLETE);
    expect_wsa(send(c, "hello", 5, 0), 5, 0);
    ok(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 2000, FALSE) == WSA_WAIT_EVENT_0, "event signalled");
    ok(HasOverlappedIoCompleted(&ov) && ov.Internal == 0 && ov.InternalHigh == 5, "completed: %#lx, %lu",
       (unsigned long)ov.Internal, (unsigned long)ov.InternalHigh);
    got = 0;
    flags = 0xdead;
    expect_wsa(WSAGetOverlappedResult(s, &ov, &got, FALSE, &flags), TRUE, 0);
    ok(got == 5 && flags == 0 && !memcmp(buf, "hello", 5), "5 bytes 'hello', flags %#lx", (unsigned long)flags);
    WSACloseEvent(ov.hEvent);
    closesocket(c);
    closesocket(s);
}

WT_CASE(recv_completes_at_once_with_data)
{
    SOCKET c, s;
    char buf[16] = {0};
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0, got = 0;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    wt_tcp_pair(&c, &s);
    expect_wsa(send(c, "abc", 3, 0), 3, 0);
    ok(wt_wait_readable(s) == 1, "data arrived");
    expect_ok(WSARecv(s, &b, 1, &got, &flags, &ov, NULL));
    ok(got == 3 && !memcmp(buf, "abc", 3), "3 bytes at once: %lu", (unsigned long)got);
    ok(ov.Internal == 0 && ov.InternalHigh == 3, "OVERLAPPED filled");
    ok(WaitForSingleObject(ov.hEvent, 0) == WAIT_OBJECT_0, "event signalled for an immediate completion too");
    WSACloseEvent(ov.hEvent);
    closesocket(c);
    closesocket(s);
}

/* With no event, the socket handle itself is what to wait for (sock.c
 * test_nonblocking_async_recv). */
WT_CASE(null_event_waits_on_socket)
{
    SOCKET c, s;
    char buf[8] = {0};
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0, got = 0;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    wt_tcp_pair(&c, &s);
    wt_nonblocking(s, 1);
    expect_fail(WSARecv(s, &b, 1, NULL, &flags, &ov, NULL), WSA_IO_PENDING);
    ok(WaitForSingleObject((HANDLE)s, 0) == WAIT_TIMEOUT, "socket not signalled while pending");
    expect_wsa(send(c, "data", 4, 0), 4, 0);
    ok(WaitForSingleObject((HANDLE)s, 2000) == WAIT_OBJECT_0, "socket signalled at completion");
    expect_w32(GetOverlappedResult((HANDLE)s, &ov, &got, FALSE), TRUE, W32_SENTINEL);
    ok(got == 4 && !memcmp(buf, "data", 4), "got %lu", (unsigned long)got);
    closesocket(c);
    closesocket(s);
}

/* Two receives pending on one socket take the data in order (sock.c
 * test_simultaneous_async_recv). */
WT_CASE(pending_receives_in_order)
{
    SOCKET c, s;
    char res[32] = {0};
    static const char msg[32] = "-- Lorem ipsum dolor sit amet -";
    WSABUF b[2];
    WSAOVERLAPPED ov[2];
    DWORD flags[2] = {0, 0};
    wt_tcp_pair(&c, &s);
    for (int i = 0; i < 2; i++) {
        memset(&ov[i], 0, sizeof ov[i]);
        ov[i].hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
        b[i] = wbuf(res + 16 * i, 16);
        expect_fail(WSARecv(s, &b[i], 1, NULL, &flags[i], &ov[i], NULL), WSA_IO_PENDING);
    }
    expect_wsa(send(c, msg, sizeof msg, 0), (int)sizeof msg, 0);
    for (int i = 0; i < 2; i++) {
        DWORD got = 0;
        ok(WaitForSingleObject(ov[i].hEvent, 2000) == WAIT_OBJECT_0, "receive %d completed", i);
        expect_w32(GetOverlappedResult((HANDLE)s, &ov[i], &got, FALSE), TRUE, W32_SENTINEL);
        ok(got == 16 && !memcmp(res + 16 * i, msg + 16 * i, 16), "receive %d got its 16 bytes (%lu)", i,
           (unsigned long)got);
        CloseHandle(ov[i].hEvent);
    }
    closesocket(c);
    closesocket(s);
}

static int routine_calls;
static DWORD routine_err, routine_bytes, routine_flags, routine_thread;
static WSAOVERLAPPED *routine_ov;

static void CALLBACK on_complete(DWORD err, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    routine_calls++;
    routine_err = err;
    routine_bytes = bytes;
    routine_ov = ov;
    routine_flags = flags;
    routine_thread = GetCurrentThreadId();
}

/* The routine runs on the issuing thread, only inside an alertable wait;
 * hEvent is the program's and is not signalled (sock.c test_WSARecv). */
WT_CASE(completion_routine)
{
    SOCKET c, s;
    char buf[16];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, FALSE, FALSE, NULL);
    wt_tcp_pair(&c, &s);
    routine_calls = 0;
    expect_fail(WSARecv(s, &b, 1, NULL, &flags, &ov, on_complete), WSA_IO_PENDING);
    expect_wsa(send(c, "xyz", 3, 0), 3, 0);
    Sleep(100);
    ok(routine_calls == 0, "not run outside an alertable wait");
    ok(SleepEx(2000, TRUE) == WAIT_IO_COMPLETION, "SleepEx ran it");
    ok(routine_calls == 1 && routine_err == 0 && routine_bytes == 3 && routine_ov == &ov && routine_flags == 0,
       "routine(%lu, %lu, %p, %lu) x%d", (unsigned long)routine_err, (unsigned long)routine_bytes,
       (void *)routine_ov, (unsigned long)routine_flags, routine_calls);
    ok(routine_thread == GetCurrentThreadId(), "on the issuing thread");
    ok(WaitForSingleObject(ov.hEvent, 1) == WAIT_TIMEOUT, "hEvent left alone");
    /* An immediate completion queues the routine too. */
    expect_wsa(send(c, "q", 1, 0), 1, 0);
    ok(wt_wait_readable(s) == 1, "data arrived");
    DWORD got = 0;
    expect_ok(WSARecv(s, &b, 1, &got, &flags, &ov, on_complete));
    ok(got == 1 && routine_calls == 1, "completed at once, routine not yet run");
    ok(SleepEx(0, TRUE) == WAIT_IO_COMPLETION && routine_calls == 2, "it runs at the next alertable wait");
    CloseHandle(ov.hEvent);
    closesocket(c);
    closesocket(s);
}

WT_CASE(graceful_close_completes_with_zero)
{
    SOCKET c, s;
    char buf[16];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0, got = 0xdead;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    wt_tcp_pair(&c, &s);
    expect_fail(WSARecv(s, &b, 1, NULL, &flags, &ov, NULL), WSA_IO_PENDING);
    closesocket(c);
    ok(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0, "completed");
    expect_wsa(WSAGetOverlappedResult(s, &ov, &got, FALSE, &flags), TRUE, 0);
    ok(got == 0, "end of stream: 0 bytes (%lu)", (unsigned long)got);
    WSACloseEvent(ov.hEvent);
    closesocket(s);
}

/* The overlapped form of sock.c test_shutdown's sequence: the peer finished
 * and closed, a send was reset by it; the receive fails WSAECONNABORTED
 * (at once or through its completion), not a 0-byte end of stream. */
WT_CASE(recv_after_reset_of_late_send_aborted)
{
    SOCKET c, s;
    char buf[16];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0, got = 0xdead;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    wt_tcp_pair(&c, &s);
    expect_ok(shutdown(c, SD_SEND));
    closesocket(c);
    expect_wsa(send(s, "test", 5, 0), 5, 0);
    WSASetLastError(SENTINEL);
    int r = WSARecv(s, &b, 1, NULL, &flags, &ov, NULL);
    int e = WSAGetLastError();
    ok(r == SOCKET_ERROR, "WSARecv returned %d", r);
    if (e == WSA_IO_PENDING) {
        ok(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0, "completed");
        expect_wsa(WSAGetOverlappedResult(s, &ov, &got, FALSE, &flags), FALSE, WSAECONNABORTED);
    } else
        ok(e == WSAECONNABORTED, "WSARecv failed with %s", wt_name(e));
    expect_fail(recv(s, buf, sizeof buf, 0), WSAECONNABORTED);
    WSACloseEvent(ov.hEvent);
    closesocket(s);
}

/* shutdown(SD_RECEIVE) with a receive pending: later receives fail
 * WSAESHUTDOWN, the pending one still gets the data that comes; a pending
 * receive on the other end completes with 0 bytes at SD_SEND (sock.c
 * test_shutdown).  Linux's SHUT_RD would end the pending one at once. */
WT_CASE(pending_recv_survives_shutdown_receive)
{
    SOCKET c, s;
    char buf[8];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0, got = 0xdead;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, FALSE, FALSE, NULL);
    wt_tcp_pair(&c, &s);
    wt_nonblocking(c, 1);
    expect_fail(WSARecv(c, &b, 1, &got, &flags, &ov, NULL), WSA_IO_PENDING);
    expect_ok(shutdown(c, SD_RECEIVE));
    expect_fail(WSARecv(c, &b, 1, &got, &flags, NULL, NULL), WSAESHUTDOWN);
    ok(WaitForSingleObject(ov.hEvent, 100) == WAIT_TIMEOUT, "still pending after the shutdown");
    expect_wsa(send(s, "test", 5, 0), 5, 0);
    ok(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0, "completed");
    got = 0xdead;
    expect_w32(GetOverlappedResult((HANDLE)c, &ov, &got, FALSE), TRUE, W32_SENTINEL);
    ok(got == 5 && !strcmp(buf, "test"), "%lu bytes", (unsigned long)got);
    expect_fail(WSARecv(c, &b, 1, &got, &flags, &ov, NULL), WSAESHUTDOWN);
    expect_fail(WSARecv(s, &b, 1, &got, &flags, &ov, NULL), WSA_IO_PENDING);
    expect_ok(shutdown(c, SD_SEND));
    ok(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0, "completed");
    got = 0xdead;
    expect_w32(GetOverlappedResult((HANDLE)s, &ov, &got, FALSE), TRUE, W32_SENTINEL);
    ok(got == 0, "end of stream: %lu bytes", (unsigned long)got);
    CloseHandle(ov.hEvent);
    closesocket(c);
    closesocket(s);
}

/* sock.c test_WSARecv: two receives pending, the peer resets; both end,
 * GetOverlappedResult says ERROR_NETNAME_DELETED, WSAGetOverlappedResult
 * WSAECONNRESET. */
WT_CASE(reset_fails_pending)
{
    SOCKET c, s;
    char buf[16];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0, got = 0xdead;
    WSAOVERLAPPED ov, ov2;
    memset(&ov, 0, sizeof ov);
    memset(&ov2, 0, sizeof ov2);
    ov.hEvent = CreateEventA(NULL, FALSE, FALSE, NULL);
    ov2.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    wt_tcp_pair(&c, &s);
    expect_fail(WSARecv(s, &b, 1, NULL, &flags, &ov, NULL), WSA_IO_PENDING);
    expect_fail(WSARecv(s, &b, 1, NULL, &flags, &ov2, NULL), WSA_IO_PENDING);
    wt_reset_close(c);
    ok(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0, "first ended");
    expect_w32(GetOverlappedResult((HANDLE)s, &ov, &got, FALSE), FALSE, ERROR_NETNAME_DELETED);
    ok(got == 0, "0 bytes");
    ok(WaitForSingleObject(ov2.hEvent, 2000) == WAIT_OBJECT_0, "second ended");
    expect_wsa(WSAGetOverlappedResult(s, &ov2, &got, FALSE, &flags), FALSE, WSAECONNRESET);
    CloseHandle(ov.hEvent);
    CloseHandle(ov2.hEvent);
    closesocket(s);
}

/* closesocket cancels what is pending: the event is signalled and the
 * result is WSA_OPERATION_ABORTED (closesocket docs). */
WT_CASE(closesocket_aborts_pending)
{
    SOCKET c, s;
    char buf[16];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    wt_tcp_pair(&c, &s);
    expect_fail(WSARecv(s, &b, 1, NULL, &flags, &ov, NULL), WSA_IO_PENDING);
    expect_ok(closesocket(s));
    ok(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0, "completed");
    ok(ov.Internal == STATUS_CANCELLED_, "STATUS_CANCELLED: %#lx", (unsigned long)ov.Internal);
    WSACloseEvent(ov.hEvent);
    closesocket(c);
}

WT_CASE(cancel_io)
{
    SOCKET c, s;
    char buf[16];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0, got;
    WSAOVERLAPPED ov, ov2;
    memset(&ov, 0, sizeof ov);
    memset(&ov2, 0, sizeof ov2);
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    ov2.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    wt_tcp_pair(&c, &s);
    expect_w32(CancelIoEx((HANDLE)s, NULL), FALSE, ERROR_NOT_FOUND);
    expect_w32(CancelIoEx((HANDLE)s, &ov), FALSE, ERROR_NOT_FOUND);
    expect_fail(WSARecv(s, &b, 1, NULL, &flags, &ov, NULL), WSA_IO_PENDING);
    expect_fail(WSARecv(s, &b, 1, NULL, &flags, &ov2, NULL), WSA_IO_PENDING);
    /* The second only, though it waits behind the first. */
    expect_w32(CancelIoEx((HANDLE)s, &ov2), TRUE, W32_SENTINEL);
    ok(WaitForSingleObject(ov2.hEvent, 2000) == WAIT_OBJECT_0, "cancelled one completed");
    expect_w32(GetOverlappedResult((HANDLE)s, &ov2, &got, FALSE), FALSE, ERROR_OPERATION_ABORTED);
    ok(WaitForSingleObject(ov.hEvent, 0) == WAIT_TIMEOUT, "the first still pending");
    expect_w32(CancelIo((HANDLE)s), TRUE, W32_SENTINEL);
    ok(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0, "CancelIo ended the first");
    expect_wsa(WSAGetOverlappedResult(s, &ov, &got, FALSE, &flags), FALSE, WSA_OPERATION_ABORTED);
    expect_w32(CancelIoEx((HANDLE)0x12345, NULL), FALSE, ERROR_INVALID_HANDLE);
    /* The socket still works. */
    expect_wsa(send(c, "k", 1, 0), 1, 0);
    ok(wt_wait_readable(s) == 1, "readable");
    expect_wsa(recv(s, buf, sizeof buf, 0), 1, 0);
    CloseHandle(ov.hEvent);
    CloseHandle(ov2.hEvent);
    closesocket(c);
    closesocket(s);
}

/* A send bigger than the socket buffers pends until the peer reads, then
 * completes whole, in blocking and non-blocking mode alike. */
static void big_send(int nonblocking)
{
    SOCKET c, s;
    enum { SIZE = 8 << 20 };
    char *big = (char *)malloc(SIZE), *in = (char *)malloc(SIZE);
    for (int i = 0; i < SIZE; i++)
        big[i] = (char)(i * 7);
    WSABUF b = wbuf(big, SIZE);
    DWORD sent = 0, flags = 0;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    wt_tcp_pair(&c, &s);
    if (nonblocking)
        wt_nonblocking(c, 1);
    int r = WSASend(c, &b, 1, &sent, 0, &ov, NULL);
    ok(r == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "8 MiB pends: %d %s", r, wt_name(WSAGetLastError()));
    int total = 0;
    while (total < SIZE) {
        int n = recv(s, in + total, SIZE - total, 0);
        if (n <= 0)
            break;
        total += n;
    }
    ok(total == SIZE && !memcmp(big, in, SIZE), "all %d bytes arrived in order", total);
    ok(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "send completed");
    expect_wsa(WSAGetOverlappedResult(c, &ov, &sent, FALSE, &flags), TRUE, 0);
    ok(sent == SIZE, "sent %lu", (unsigned long)sent);
    WSACloseEvent(ov.hEvent);
    closesocket(c);
    closesocket(s);
    free(big);
    free(in);
}

WT_CASE(big_send_completes_whole)
{
    big_send(0);
    big_send(1);
}

WT_CASE(datagram_source_at_completion)
{
    struct sockaddr_in a, b, from;
    SOCKET r = wt_udp(&a), w = wt_udp(&b);
    char buf[4];
    WSABUF wb = wbuf(buf, sizeof buf);
    DWORD flags = 0, got = 0;
    int fromlen = sizeof from;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    memset(&from, 0, sizeof from);
    ov.hEvent = WSACreateEvent();
    expect_fail(WSARecvFrom(r, &wb, 1, NULL, &flags, (struct sockaddr *)&from, &fromlen, &ov, NULL), WSA_IO_PENDING);
    expect_wsa(sendto(w, "toolong", 7, 0, (struct sockaddr *)&a, sizeof a), 7, 0);
    ok(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0, "completed");
    /* Cut to fit: WSAEMSGSIZE, MSG_PARTIAL, the bytes that fit. */
    expect_wsa(WSAGetOverlappedResult(r, &ov, &got, FALSE, &flags), FALSE, WSAEMSGSIZE);
    ok(ov.Internal == STATUS_BUFFER_OVERFLOW_, "STATUS_BUFFER_OVERFLOW: %#lx", (unsigned long)ov.Internal);
    ok(got == 4 && !memcmp(buf, "tool", 4), "4 bytes");
    ok(flags & MSG_PARTIAL, "MSG_PARTIAL: %#lx", (unsigned long)flags);
    ok(fromlen == sizeof from && from.sin_family == AF_INET && from.sin_port == b.sin_port &&
           from.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
       "source filled at completion");
    WSACloseEvent(ov.hEvent);
    closesocket(r);
    closesocket(w);
}

struct recv_args {
    SOCKET s;
    DWORD got;
    int ret;
};

static DWORD WINAPI sync_socket_recv(LPVOID p)
{
    struct recv_args *a = (struct recv_args *)p;
    char buf[8];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    a->ret = WSARecv(a->s, &b, 1, &a->got, &flags, &ov, NULL);
    return 0;
}

/* A socket made without WSA_FLAG_OVERLAPPED blocks in an overlapped call,
 * even in non-blocking mode (sock.c test_nonblocking_async_recv). */
WT_CASE(non_overlapped_socket_blocks)
{
    struct sockaddr_in addr;
    SOCKET l = wt_listener(&addr);
    SOCKET c = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, 0);
    expect_ok(connect(c, (struct sockaddr *)&addr, sizeof addr));
    SOCKET s = accept(l, NULL, NULL);
    closesocket(l);
    wt_nonblocking(c, 1);
    char buf[8];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0, got;
    expect_fail(WSARecv(c, &b, 1, &got, &flags, NULL, NULL), WSAEWOULDBLOCK);
    struct recv_args a = {c, 0, -2};
    HANDLE t = CreateThread(NULL, 0, sync_socket_recv, &a, 0, NULL);
    ok(WaitForSingleObject(t, 200) == WAIT_TIMEOUT, "still blocked");
    expect_wsa(send(s, "data", 4, 0), 4, 0);
    ok(WaitForSingleObject(t, 2000) == WAIT_OBJECT_0, "returned with the data");
    ok(a.ret == 0 && a.got == 4, "WSARecv returned %d with %lu bytes", a.ret, (unsigned long)a.got);
    CloseHandle(t);
    closesocket(c);
    closesocket(s);
}

WT_CASE(bad_arguments)
{
    SOCKET c, s;
    char buf[8];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0, got = 0;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    wt_tcp_pair(&c, &s);
    expect_fail(WSARecv(s, &b, 1, NULL, &flags, (WSAOVERLAPPED *)1, NULL), WSAEFAULT);
    expect_fail(WSASend(c, &b, 1, NULL, 0, (WSAOVERLAPPED *)1, NULL), WSAEFAULT);
    expect_fail(WSARecv(s, NULL, 0, NULL, &flags, &ov, NULL), WSAEINVAL);
    expect_wsa(WSAGetOverlappedResult((SOCKET)0xdeadbeef, &ov, &got, FALSE, &flags), FALSE, WSAENOTSOCK);
    /* Statuses as WSAGetOverlappedResult maps them (sock.c map_status). */
    static const struct {
        ULONG_PTR status;
        BOOL ret;
        int err;
    } map[] = {{0, TRUE, 0},
               {STATUS_PENDING_, FALSE, WSA_IO_INCOMPLETE},
               {STATUS_CANCELLED_, FALSE, WSA_OPERATION_ABORTED},
               {STATUS_BUFFER_OVERFLOW_, FALSE, WSAEMSGSIZE},
               {0xC000020D, FALSE, WSAECONNRESET},
               {0xC0000241, FALSE, WSAECONNABORTED},
               {0xC0000236, FALSE, WSAECONNREFUSED},
               {0xC00000B5, FALSE, WSAETIMEDOUT},
               {0xC0000237, FALSE, WSAEDISCON},
               {0xC0000005, FALSE, WSAEFAULT},
               {0xC0070000 | ERROR_IO_INCOMPLETE, FALSE, WSA_IO_INCOMPLETE},
               {0xC0001234, FALSE, WSAEINVAL}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        ov.Internal = map[i].status;
        expect_wsa(WSAGetOverlappedResult(s, &ov, &got, FALSE, &flags), map[i].ret, map[i].err);
    }
    closesocket(c);
    closesocket(s);
}

/* A WSARecv without OVERLAPPED that completes at once does not run the
 * thread's queued APCs (sock.c test_WSARecv; that one which has to wait runs
 * them is not matched: docs/windows-vs-linux.md, blocking calls and APCs). */
static int wsarecv_apcs;

static void CALLBACK wsarecv_apc(ULONG_PTR arg)
{
    (void)arg;
    wsarecv_apcs++;
}

WT_CASE(wsarecv_at_once_runs_no_apc)
{
    SOCKET c, s;
    char buf[4];
    WSABUF wb = wbuf(buf, 1);
    DWORD got = 0, flags = 0;
    wt_tcp_pair(&c, &s);
    expect_wsa(send(c, "ab", 2, 0), 2, 0);
    ok(wt_wait_readable(s) == 1, "data arrived");
    wsarecv_apcs = 0;
    ok(QueueUserAPC(wsarecv_apc, GetCurrentThread(), 0), "QueueUserAPC");
    expect_ok(WSARecv(s, &wb, 1, &got, &flags, NULL, NULL));
    ok(got == 1 && wsarecv_apcs == 0, "got %lu, APCs run %d", (unsigned long)got, wsarecv_apcs);
    SleepEx(0, TRUE);
    ok(wsarecv_apcs == 1, "APCs run %d", wsarecv_apcs);
    expect_ok(WSARecv(s, &wb, 1, &got, &flags, NULL, NULL));
    ok(got == 1 && buf[0] == 'b', "got %lu", (unsigned long)got);
    closesocket(c);
    closesocket(s);
}

/* A pending receive completes with 0 bytes when the peer shuts down its
 * sending side (sock.c test_shutdown). */
WT_CASE(pending_recv_completes_zero_at_peer_shutdown)
{
    SOCKET c, s;
    char buf[8];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0, got = 99;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    wt_tcp_pair(&c, &s);
    expect_fail(WSARecv(s, &b, 1, NULL, &flags, &ov, NULL), WSA_IO_PENDING);
    expect_ok(shutdown(c, SD_SEND));
    ok(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0, "not completed");
    ok(WSAGetOverlappedResult(s, &ov, &got, FALSE, &flags) && got == 0, "result: %lu bytes, %s", (unsigned long)got,
       wt_name(WSAGetLastError()));
    CloseHandle(ov.hEvent);
    closesocket(c);
    closesocket(s);
}

WT_MAIN(recv_pends_until_data, recv_completes_at_once_with_data, null_event_waits_on_socket,
        pending_receives_in_order, completion_routine, graceful_close_completes_with_zero,
        recv_after_reset_of_late_send_aborted, pending_recv_survives_shutdown_receive, reset_fails_pending,
        closesocket_aborts_pending, cancel_io, big_send_completes_whole, datagram_source_at_completion,
        non_overlapped_socket_blocks, bad_arguments, wsarecv_at_once_runs_no_apc,
        pending_recv_completes_zero_at_peer_shutdown)
