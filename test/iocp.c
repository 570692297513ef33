/* I/O completion ports: CreateIoCompletionPort, GetQueuedCompletionStatus(Ex),
 * PostQueuedCompletionStatus, SetFileCompletionNotificationModes, the
 * hEvent low-bit rule, failed and timed-out dequeues, closing a port with
 * threads waiting.  Facts from Wine's sock.c test_completion_port and the
 * CreateIoCompletionPort / GetQueuedCompletionStatus(Ex) pages. */
#include "wtext.h"

static WSABUF wbuf(char *p, ULONG n)
{
    WSABUF b;
    b.buf = p;
    b.len = n;
    return b;
}

WT_CASE(create_and_associate)
{
    SOCKET c, s;
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    ok(port != NULL, "port");
    wt_tcp_pair(&c, &s);
    SetLastError(W32_SENTINEL);
    ok(CreateIoCompletionPort((HANDLE)s, port, 125, 0) == port, "the same port comes back");
    /* A handle is associated once. */
    HANDLE other = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    SetLastError(W32_SENTINEL);
    ok(CreateIoCompletionPort((HANDLE)s, other, 1, 0) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
       "second association: %lu", (unsigned long)GetLastError());
    SetLastError(W32_SENTINEL);
    ok(CreateIoCompletionPort(INVALID_HANDLE_VALUE, port, 0, 0) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
       "no file with an existing port: %lu", (unsigned long)GetLastError());
    SetLastError(W32_SENTINEL);
    ok(CreateIoCompletionPort((HANDLE)s, (HANDLE)0x12345, 0, 0) == NULL && GetLastError() == ERROR_INVALID_HANDLE,
       "bad port: %lu", (unsigned long)GetLastError());
    struct deq d = dequeue((HANDLE)0x12345, 0);
    ok(!d.ret && d.err == ERROR_INVALID_HANDLE, "GQCS on a bad handle: %lu", (unsigned long)d.err);
    expect_timeout(port, 50);
    CloseHandle(other);
    CloseHandle(port);
    closesocket(c);
    closesocket(s);
}

WT_CASE(packets_for_overlapped_receives)
{
    SOCKET c, s;
    char buf[64];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0, got;
    OVERLAPPED ov;
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    wt_tcp_pair(&c, &s);
    CreateIoCompletionPort((HANDLE)s, port, 125, 0);
    memset(&ov, 0, sizeof ov);
    /* Immediate success queues a packet too (sock.c test_completion_port). */
    expect_wsa(send(c, "abc", 3, 0), 3, 0);
    ok(wt_wait_readable(s) == 1, "readable");
    expect_ok(WSARecv(s, &b, 1, &got, &flags, &ov, NULL));
    ok(got == 3, "at once: %lu", (unsigned long)got);
    struct deq d = dequeue(port, 1000);
    ok(d.ret && d.bytes == 3 && d.ov == &ov, "packet for the immediate completion");
    /* After a dequeue an operation may complete through the port even if it
     * could have completed at once, which Windows allows too. */
    expect_fail(WSARecv(s, &b, 1, &got, &flags, &ov, NULL), WSA_IO_PENDING);
    expect_wsa(send(c, "hello", 5, 0), 5, 0);
    d = dequeue(port, 2000);
    ok(d.ret && d.err == W32_SENTINEL && d.key == 125 && d.bytes == 5 && d.ov == &ov,
       "packet: ret %d err %lu key %lu bytes %lu ov %p", d.ret, (unsigned long)d.err, (unsigned long)d.key,
       (unsigned long)d.bytes, (void *)d.ov);
    /* The peer resets under a pending receive: FALSE with its OVERLAPPED. */
    memset(&ov, 0, sizeof ov);
    expect_fail(WSARecv(s, &b, 1, &got, &flags, &ov, NULL), WSA_IO_PENDING);
    wt_reset_close(c);
    d = dequeue(port, 2000);
    ok(!d.ret && d.err == ERROR_NETNAME_DELETED && d.key == 125 && d.bytes == 0 && d.ov == &ov,
       "failed packet: ret %d err %lu key %lu bytes %lu ov %p", d.ret, (unsigned long)d.err,
       (unsigned long)d.key, (unsigned long)d.bytes, (void *)d.ov);
    /* A call that fails at once queues nothing. */
    expect_fail(WSARecv(s, &b, 1, &got, &flags, &ov, NULL), WSAECONNRESET);
    expect_fail(WSASend(s, &b, 1, &got, 0, &ov, NULL), WSAECONNRESET);
    expect_timeout(port, 100);
    closesocket(s);
    CloseHandle(port);
}

WT_CASE(unconnected_receive_fails_at_once)
{
    char buf[8];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0, got = 0xdeadbeef;
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CreateIoCompletionPort((HANDLE)s, port, 125, 0);
    wt_nonblocking(s, 1);
    expect_fail(WSARecv(s, &b, 1, &got, &flags, &ov, NULL), WSAENOTCONN);
    ok(got == 0xdeadbeef, "count untouched");
    expect_timeout(port, 100);
    closesocket(s);
    CloseHandle(port);
}

/* A port associated after the call still gets the packet: it is looked up
 * when the operation completes (sock.c test_completion_port). */
WT_CASE(association_after_the_call)
{
    SOCKET c, s;
    char buf[8];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0;
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    wt_tcp_pair(&c, &s);
    expect_fail(WSARecv(s, &b, 1, NULL, &flags, &ov, NULL), WSA_IO_PENDING);
    CreateIoCompletionPort((HANDLE)s, port, 7, 0);
    expect_ok(closesocket(s));
    struct deq d = dequeue(port, 2000);
    ok(!d.ret && d.err == ERROR_OPERATION_ABORTED && d.key == 7 && d.ov == &ov && ov.Internal == STATUS_CANCELLED_,
       "aborted by closesocket: ret %d err %lu key %lu", d.ret, (unsigned long)d.err, (unsigned long)d.key);
    closesocket(c);
    CloseHandle(port);
}

WT_CASE(post_passes_values_through)
{
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    OVERLAPPED *marker = (OVERLAPPED *)(ULONG_PTR)0x1234;
    expect_wsa(PostQueuedCompletionStatus(port, 77, 0xabcdef, marker), TRUE, W32_SENTINEL);
    expect_wsa(PostQueuedCompletionStatus(port, 0, 0, NULL), TRUE, W32_SENTINEL);
    struct deq d = dequeue(port, 0);
    ok(d.ret && d.bytes == 77 && d.key == 0xabcdef && d.ov == marker, "first posted packet as given");
    d = dequeue(port, 0);
    ok(d.ret && d.bytes == 0 && d.key == 0 && d.ov == NULL, "NULL OVERLAPPED packet, TRUE");
    expect_wsa(PostQueuedCompletionStatus((HANDLE)0x12345, 0, 0, NULL), FALSE, ERROR_INVALID_HANDLE);
    CloseHandle(port);
}

WT_CASE(dequeue_several)
{
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    OVERLAPPED_ENTRY e[8];
    ULONG n = 0xdead;
    for (int i = 0; i < 5; i++)
        PostQueuedCompletionStatus(port, (DWORD)i, (ULONG_PTR)(100 + i), NULL);
    expect_wsa(GetQueuedCompletionStatusEx(port, e, 3, &n, 0, FALSE), TRUE, W32_SENTINEL);
    ok(n == 3 && e[0].lpCompletionKey == 100 && e[2].lpCompletionKey == 102 && e[2].dwNumberOfBytesTransferred == 2,
       "three in order (%lu)", (unsigned long)n);
    expect_wsa(GetQueuedCompletionStatusEx(port, e, 8, &n, 0, FALSE), TRUE, W32_SENTINEL);
    ok(n == 2 && e[0].lpCompletionKey == 103, "the other two (%lu)", (unsigned long)n);
    expect_wsa(GetQueuedCompletionStatusEx(port, e, 8, &n, 50, FALSE), FALSE, WAIT_TIMEOUT);
    ok(n == 0, "none removed");
    expect_wsa(GetQueuedCompletionStatusEx(port, e, 0, &n, 0, FALSE), FALSE, ERROR_INVALID_PARAMETER);
    CloseHandle(port);
}

static int apcs;
static void WINAPI count_apc(ULONG_PTR v)
{
    (void)v;
    apcs++;
}

WT_CASE(alertable_dequeue)
{
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    OVERLAPPED_ENTRY e[2];
    ULONG n;
    apcs = 0;
    QueueUserAPC(count_apc, GetCurrentThread(), 0);
    expect_wsa(GetQueuedCompletionStatusEx(port, e, 2, &n, 1000, TRUE), FALSE, WAIT_IO_COMPLETION);
    ok(apcs == 1, "the APC ran");
    CloseHandle(port);
}

/* hEvent with its low bit set: the event is signalled, no packet is queued
 * (GetQueuedCompletionStatus docs). */
WT_CASE(event_low_bit_keeps_off_the_port)
{
    SOCKET c, s;
    char buf[8];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0, got;
    OVERLAPPED ov;
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);
    wt_tcp_pair(&c, &s);
    CreateIoCompletionPort((HANDLE)s, port, 1, 0);
    memset(&ov, 0, sizeof ov);
    ov.hEvent = (HANDLE)((ULONG_PTR)ev | 1);
    expect_fail(WSARecv(s, &b, 1, &got, &flags, &ov, NULL), WSA_IO_PENDING);
    expect_wsa(send(c, "x", 1, 0), 1, 0);
    ok(WaitForSingleObject(ev, 2000) == WAIT_OBJECT_0, "event signalled");
    expect_timeout(port, 100);
    CloseHandle(ev);
    CloseHandle(port);
    closesocket(c);
    closesocket(s);
}

WT_CASE(skip_completion_port_on_success)
{
    SOCKET c, s;
    char buf[8];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0, got;
    OVERLAPPED ov;
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    wt_tcp_pair(&c, &s);
    CreateIoCompletionPort((HANDLE)s, port, 1, 0);
    expect_wsa(SetFileCompletionNotificationModes((HANDLE)s, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS), TRUE,
               W32_SENTINEL);
    expect_wsa(SetFileCompletionNotificationModes((HANDLE)s, 0x80), FALSE, ERROR_INVALID_PARAMETER);
    expect_wsa(send(c, "y", 1, 0), 1, 0);
    ok(wt_wait_readable(s) == 1, "readable");
    memset(&ov, 0, sizeof ov);
    expect_ok(WSARecv(s, &b, 1, &got, &flags, &ov, NULL));
    expect_timeout(port, 100); /* succeeded at once: no packet */
    expect_fail(WSARecv(s, &b, 1, &got, &flags, &ov, NULL), WSA_IO_PENDING);
    expect_wsa(send(c, "z", 1, 0), 1, 0);
    struct deq d = dequeue(port, 2000);
    ok(d.ret && d.bytes == 1 && d.ov == &ov, "a pending one still gets its packet");
    CloseHandle(port);
    closesocket(c);
    closesocket(s);
}

static void CALLBACK never(DWORD e, DWORD n, LPWSAOVERLAPPED ov, DWORD f)
{
    (void)e, (void)n, (void)ov, (void)f;
}

WT_CASE(no_completion_routine_on_a_port)
{
    SOCKET c, s;
    char buf[8];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0;
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    wt_tcp_pair(&c, &s);
    CreateIoCompletionPort((HANDLE)s, port, 1, 0);
    expect_fail(WSARecv(s, &b, 1, NULL, &flags, &ov, never), WSAEINVAL);
    CloseHandle(port);
    closesocket(c);
    closesocket(s);
}

struct waiter {
    HANDLE port;
    struct deq d;
};

static DWORD WINAPI wait_port(LPVOID p)
{
    struct waiter *w = (struct waiter *)p;
    w->d = dequeue(w->port, 5000);
    return 0;
}

/* Closing the port's handle ends the waits on it. */
WT_CASE(close_port_with_waiters)
{
    struct waiter w;
    w.port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    HANDLE t = CreateThread(NULL, 0, wait_port, &w, 0, NULL);
    Sleep(100);
    expect_wsa(CloseHandle(w.port), TRUE, W32_SENTINEL);
    ok(WaitForSingleObject(t, 3000) == WAIT_OBJECT_0, "the waiter returned");
    ok(!w.d.ret && w.d.err == ERROR_ABANDONED_WAIT_0 && w.d.ov == NULL, "ERROR_ABANDONED_WAIT_0: %lu",
       (unsigned long)w.d.err);
    CloseHandle(t);
}

/* Two workers on one port share the packets. */
WT_CASE(workers_share_packets)
{
    struct waiter w[2];
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 2);
    HANDLE t[2];
    for (int i = 0; i < 2; i++) {
        w[i].port = port;
        t[i] = CreateThread(NULL, 0, wait_port, &w[i], 0, NULL);
    }
    Sleep(50);
    PostQueuedCompletionStatus(port, 1, 10, NULL);
    PostQueuedCompletionStatus(port, 2, 20, NULL);
    ok(WaitForMultipleObjects(2, t, TRUE, 3000) == WAIT_OBJECT_0, "both returned");
    ok(w[0].d.ret && w[1].d.ret && w[0].d.key + w[1].d.key == 30, "each got one: %lu %lu",
       (unsigned long)w[0].d.key, (unsigned long)w[1].d.key);
    CloseHandle(t[0]);
    CloseHandle(t[1]);
    CloseHandle(port);
}

/* A receive that completes at once returns 0 even when a worker has already
 * dequeued its packet and reused the OVERLAPPED for the next receive (which
 * is pending): the call's result is its own, not what the OVERLAPPED holds by
 * the time the call returns.  Each round: data waits, the main thread's
 * WSARecv finishes at once, the worker reposts on the same OVERLAPPED, one
 * more byte completes the worker's receive. */
struct reuser {
    HANDLE port, reposted, idle;
    SOCKET s;
    OVERLAPPED ov;
    char buf[8];
};

static DWORD WINAPI reuse_worker(LPVOID arg)
{
    struct reuser *u = (struct reuser *)arg;
    for (int phase = 0;; phase ^= 1) {
        DWORD n;
        ULONG_PTR key;
        OVERLAPPED *ov;
        if (!GetQueuedCompletionStatus(u->port, &n, &key, &ov, 5000) || key == 0)
            return 0;
        if (phase == 0) { /* the main thread's receive: reuse its OVERLAPPED at once */
            WSABUF b = wbuf(u->buf, sizeof u->buf);
            DWORD flags = 0;
            memset(&u->ov, 0, sizeof u->ov);
            if (WSARecv(u->s, &b, 1, NULL, &flags, &u->ov, NULL) != SOCKET_ERROR || WSAGetLastError() != WSA_IO_PENDING)
                return 0;
            SetEvent(u->reposted);
        } else {
            SetEvent(u->idle);
        }
    }
}

WT_CASE(at_once_result_survives_reuse)
{
    struct reuser u;
    SOCKET c;
    wt_tcp_pair(&c, &u.s);
    u.port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    u.reposted = CreateEventA(NULL, FALSE, FALSE, NULL);
    u.idle = CreateEventA(NULL, FALSE, FALSE, NULL);
    ok(CreateIoCompletionPort((HANDLE)u.s, u.port, 1, 0) == u.port, "associate");
    HANDLE t = CreateThread(NULL, 0, reuse_worker, &u, 0, NULL);
    int bad = 0, rounds = 0;
    for (; rounds < 2000 && !bad; rounds++) {
        char mine[8];
        WSABUF b = wbuf(mine, sizeof mine);
        DWORD got = 0xdeadbeef, flags = 0;
        u_long avail = 0;
        ok(send(c, "a", 1, 0) == 1, "send");
        for (int spin = 0; spin < 1000 && avail == 0; spin++)
            ioctlsocket(u.s, FIONREAD, &avail);
        memset(&u.ov, 0, sizeof u.ov);
        WSASetLastError(0);
        int r = WSARecv(u.s, &b, 1, &got, &flags, &u.ov, NULL);
        if (r != 0 || got != 1) {
            ok(0, "round %d: WSARecv = %d, error %d, %lu bytes", rounds, r, WSAGetLastError(), (unsigned long)got);
            bad = 1;
        }
        if (WaitForSingleObject(u.reposted, 5000) != WAIT_OBJECT_0) {
            ok(0, "round %d: the worker did not repost", rounds);
            break;
        }
        ok(send(c, "b", 1, 0) == 1, "send");
        if (WaitForSingleObject(u.idle, 5000) != WAIT_OBJECT_0) {
            ok(0, "round %d: the worker's receive did not complete", rounds);
            break;
        }
    }
    ok(rounds == 2000, "rounds: %d", rounds);
    PostQueuedCompletionStatus(u.port, 0, 0, NULL);
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "worker ends");
    CloseHandle(t);
    closesocket(c);
    closesocket(u.s);
    CloseHandle(u.port);
    CloseHandle(u.reposted);
    CloseHandle(u.idle);
}

/* The two at-once successes of sock.c test_completion_port: a receive with
 * data waiting and one at the end of the stream each queue a packet (TRUE,
 * the last error untouched, the key, the count, the OVERLAPPED).  Both are
 * made before this thread dequeues: a port's worker defers its next
 * submissions (docs/windows-vs-linux.md, "Immediate completions on a port's
 * worker"). */
WT_CASE(at_once_success_and_end_of_stream_packets)
{
    SOCKET c, s;
    static char buf[1024];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0, got = 0xdeadbeef;
    OVERLAPPED ov, ov2;
    memset(&ov, 0, sizeof ov);
    memset(&ov2, 0, sizeof ov2);
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    wt_tcp_pair(&c, &s);
    /* An overlapped send on a socket with no port completes at once. */
    expect_ok(WSASend(c, &b, 1, &got, 0, &ov, NULL));
    ok(got == sizeof buf, "sent %lu", (unsigned long)got);
    ok(CreateIoCompletionPort((HANDLE)s, port, 125, 0) == port, "associate");
    wt_nonblocking(s, 1);
    for (u_long avail = 0, spin = 0; avail < sizeof buf && spin < 2000; spin++) {
        ioctlsocket(s, FIONREAD, &avail);
        if (avail < sizeof buf)
            Sleep(1);
    }
    memset(&ov, 0, sizeof ov);
    got = 0xdeadbeef;
    expect_ok(WSARecv(s, &b, 1, &got, &flags, &ov, NULL));
    ok(got == sizeof buf, "read at once: %lu", (unsigned long)got);
    closesocket(c);
    ok(wt_wait_readable(s) == 1, "readable at the end");
    got = 0xdeadbeef;
    flags = 0;
    expect_ok(WSARecv(s, &b, 1, &got, &flags, &ov2, NULL));
    ok(got == 0, "end of stream: %lu", (unsigned long)got);
    struct deq d = dequeue(port, 200);
    ok(d.ret && d.err == W32_SENTINEL && d.key == 125 && d.bytes == sizeof buf && d.ov == &ov,
       "packet: ret %d err %lu key %lu bytes %lu", d.ret, (unsigned long)d.err, (unsigned long)d.key,
       (unsigned long)d.bytes);
    d = dequeue(port, 200);
    ok(d.ret && d.err == W32_SENTINEL && d.key == 125 && d.bytes == 0 && d.ov == &ov2,
       "end-of-stream packet: ret %d err %lu key %lu bytes %lu", d.ret, (unsigned long)d.err, (unsigned long)d.key,
       (unsigned long)d.bytes);
    expect_timeout(port, 50);
    closesocket(s);
    CloseHandle(port);
}

/* Calls on a socket the peer has already reset fail at once with
 * WSAECONNRESET, leave the count, and queue nothing (sock.c
 * test_completion_port, the send and the "hard shutdown" receive). */
WT_CASE(reset_before_the_call_queues_nothing)
{
    static char buf[1024];
    WSABUF b = wbuf(buf, sizeof buf);
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    for (int recv_side = 0; recv_side < 2; recv_side++) {
        SOCKET c, s;
        DWORD flags = 0, got = 0xdeadbeef;
        OVERLAPPED ov;
        memset(&ov, 0, sizeof ov);
        wt_tcp_pair(&c, &s);
        ok(CreateIoCompletionPort((HANDLE)s, port, 125, 0) == port, "associate");
        wt_nonblocking(s, 1);
        wt_reset_close(c);
        ok(wt_wait_readable(s) == 1, "the reset arrived");
        if (recv_side)
            expect_fail(WSARecv(s, &b, 1, &got, &flags, &ov, NULL), WSAECONNRESET);
        else
            expect_fail(WSASend(s, &b, 1, &got, 0, &ov, NULL), WSAECONNRESET);
        ok(got == 0xdeadbeef, "%s: count untouched (%lu)", recv_side ? "WSARecv" : "WSASend", (unsigned long)got);
        expect_timeout(port, 100);
        closesocket(s);
    }
    CloseHandle(port);
}

/* Closing sockets while workers reap the port: each pending receive still
 * gives exactly one packet, its data or ERROR_OPERATION_ABORTED (the
 * closesocket page), and the workers never touch a closed socket's state.
 * Each round: receives pend on fresh sockets, their peers send, the sockets
 * close at once, while two workers wait in GetQueuedCompletionStatus (the
 * epoll backend's reaper meets events of sockets being freed: a sanitizer
 * build catches a stale one).  Bounded to about a second. */
#define CLOSE_PAIRS 8
struct close_reaper {
    HANDLE port;
    volatile LONG packets, aborted, bad;
};

static DWORD WINAPI close_reap_worker(LPVOID arg)
{
    struct close_reaper *z = (struct close_reaper *)arg;
    for (;;) {
        DWORD n = 0xdeadbeef;
        ULONG_PTR key = 0;
        OVERLAPPED *ov = NULL;
        SetLastError(W32_SENTINEL);
        BOOL r = GetQueuedCompletionStatus(z->port, &n, &key, &ov, 5000);
        if (!ov) /* the end (key 0), or a time-out */
            return 0;
        if (r && n == 1)
            ;
        else if (!r && GetLastError() == ERROR_OPERATION_ABORTED && n == 0)
            InterlockedIncrement(&z->aborted);
        else
            InterlockedIncrement(&z->bad);
        InterlockedIncrement(&z->packets);
    }
}

WT_CASE(close_while_workers_reap)
{
    struct close_reaper z;
    HANDLE t[2];
    DWORD t0 = GetTickCount();
    LONG want = 0;
    int rounds = 0;
    memset(&z, 0, sizeof z);
    z.port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 2);
    for (int i = 0; i < 2; i++)
        t[i] = CreateThread(NULL, 0, close_reap_worker, &z, 0, NULL);
    for (; rounds < 400 && GetTickCount() - t0 < 1000; rounds++) {
        SOCKET c[CLOSE_PAIRS], s[CLOSE_PAIRS];
        OVERLAPPED ov[CLOSE_PAIRS];
        char buf[CLOSE_PAIRS][4];
        struct sockaddr_in addr;
        SOCKET l = wt_listener(&addr);
        for (int i = 0; i < CLOSE_PAIRS; i++) {
            c[i] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
            ok(connect(c[i], (struct sockaddr *)&addr, sizeof addr) == 0, "connect: %s", wt_name(WSAGetLastError()));
            s[i] = accept(l, NULL, NULL);
            ok(CreateIoCompletionPort((HANDLE)s[i], z.port, (ULONG_PTR)(i + 1), 0) == z.port, "associate");
        }
        closesocket(l);
        for (int i = 0; i < CLOSE_PAIRS; i++) {
            WSABUF b = wbuf(buf[i], sizeof buf[i]);
            DWORD flags = 0;
            memset(&ov[i], 0, sizeof ov[i]);
            ok(WSARecv(s[i], &b, 1, NULL, &flags, &ov[i], NULL) == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING,
               "round %d: the receive pends (%d)", rounds, WSAGetLastError());
        }
        for (int i = 0; i < CLOSE_PAIRS; i++)
            send(c[i], "x", 1, 0);
        for (int i = 0; i < CLOSE_PAIRS; i++)
            closesocket(s[i]);
        want += CLOSE_PAIRS;
        for (int spin = 0; spin < 5000 && InterlockedCompareExchange(&z.packets, 0, 0) < want; spin++)
            Sleep(1);
        for (int i = 0; i < CLOSE_PAIRS; i++)
            closesocket(c[i]);
        if (InterlockedCompareExchange(&z.packets, 0, 0) != want) {
            ok(0, "round %d: %ld packets, %ld expected", rounds, z.packets, want);
            break;
        }
    }
    ok(rounds > 0 && z.bad == 0, "%d rounds, %ld packets (%ld aborted), %ld wrong", rounds, z.packets, z.aborted,
       z.bad);
    for (int i = 0; i < 2; i++)
        PostQueuedCompletionStatus(z.port, 0, 0, NULL);
    ok(WaitForMultipleObjects(2, t, TRUE, 5000) == WAIT_OBJECT_0, "workers end");
    CloseHandle(t[0]);
    CloseHandle(t[1]);
    CloseHandle(z.port);
}

/* ---- BindIoCompletionCallback (kernel32 sync.c test_BindIoCompletionCallback) ---- */

static HANDLE bound_done;
static volatile LONG bound_calls;
static DWORD bound_err, bound_bytes, bound_tid;
static OVERLAPPED *bound_ov;

static void WINAPI bound_callback(DWORD err, DWORD bytes, LPOVERLAPPED ov)
{
    bound_err = err;
    bound_bytes = bytes;
    bound_ov = ov;
    bound_tid = GetCurrentThreadId();
    InterlockedIncrement(&bound_calls);
    SetEvent(bound_done);
}

WT_CASE(bind_io_completion_callback)
{
    SOCKET c, s, plain;
    OVERLAPPED ov;
    WSABUF b;
    char buf[16];
    DWORD flags = 0;
    wt_tcp_pair(&c, &s);
    bound_done = CreateEventA(NULL, FALSE, FALSE, NULL);
    expect_w32(BindIoCompletionCallback((HANDLE)s, bound_callback, 0), TRUE, W32_SENTINEL);
    /* once per handle, as an association with a port */
    expect_w32(BindIoCompletionCallback((HANDLE)s, bound_callback, 0), FALSE, ERROR_INVALID_PARAMETER);
    expect_w32(BindIoCompletionCallback(NULL, bound_callback, 0), FALSE, ERROR_INVALID_HANDLE);
    /* a socket made without WSA_FLAG_OVERLAPPED: a handle not opened for overlapped I/O */
    plain = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, 0);
    expect_w32(BindIoCompletionCallback((HANDLE)plain, bound_callback, 0), FALSE, ERROR_INVALID_PARAMETER);
    closesocket(plain);
    memset(&ov, 0, sizeof ov);
    b.buf = buf;
    b.len = sizeof buf;
    ok(WSARecv(s, &b, 1, NULL, &flags, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING,
       "the receive pends (%d)\n", WSAGetLastError());
    ok(send(c, "hello", 5, 0) == 5, "sent\n");
    ok(WaitForSingleObject(bound_done, 5000) == WAIT_OBJECT_0, "the callback ran\n");
    ok(bound_err == 0 && bound_bytes == 5 && bound_ov == &ov, "err %lu, bytes %lu, ov %p\n", (unsigned long)bound_err,
       (unsigned long)bound_bytes, (void *)bound_ov);
    ok(bound_tid != GetCurrentThreadId(), "on a pool thread\n");
    ok(!memcmp(buf, "hello", 5), "the bytes arrived\n");
    /* a failed operation: the callback gets its Win32 code */
    memset(&ov, 0, sizeof ov);
    ok(WSARecv(s, &b, 1, NULL, &flags, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING,
       "the second receive pends (%d)\n", WSAGetLastError());
    ok(CancelIoEx((HANDLE)s, &ov), "cancelled\n");
    ok(WaitForSingleObject(bound_done, 5000) == WAIT_OBJECT_0, "the callback ran for the cancelled receive\n");
    ok(bound_err == ERROR_OPERATION_ABORTED && bound_bytes == 0, "err %lu, bytes %lu\n", (unsigned long)bound_err,
       (unsigned long)bound_bytes);
    ok(InterlockedCompareExchange(&bound_calls, 0, 0) == 2, "two calls\n");
    closesocket(c);
    closesocket(s);
    CloseHandle(bound_done);
}

WT_MAIN(create_and_associate, packets_for_overlapped_receives, unconnected_receive_fails_at_once,
        association_after_the_call, post_passes_values_through, dequeue_several, alertable_dequeue,
        event_low_bit_keeps_off_the_port, skip_completion_port_on_success, no_completion_routine_on_a_port,
        close_port_with_waiters, workers_share_packets, at_once_result_survives_reuse,
        at_once_success_and_end_of_stream_packets, reset_before_the_call_queues_nothing,
        close_while_workers_reap, bind_io_completion_callback)
