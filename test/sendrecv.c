/* send/recv on TCP (sock.c test_send, test_send_buffering,
 * test_shutdown, test_tcp_reset, test_tcp_sendto_recvfrom,
 * test_connect_udp; afd.c test_recv; send/recv docs).  select: test/select.c. */
#include "wstest.h"

/* A thread that reads until end-of-stream; its exit code is the total. */
struct drain {
    SOCKET s;
    DWORD delay_ms;
};
static DWORD WINAPI drain_thread(LPVOID arg)
{
    struct drain *d = arg;
    static char buf[65536];
    DWORD total = 0;
    int n;
    Sleep(d->delay_ms);
    while ((n = recv(d->s, buf, sizeof buf, 0)) > 0)
        total += (DWORD)n;
    return total;
}

WT_CASE(send_recv_round_trip)
{
    SOCKET c, s;
    char buf[16] = {0};
    wt_tcp_pair(&c, &s);
    expect_wsa(send(c, "hello", 5, 0), 5, 0);
    expect_wsa(recv(s, buf, sizeof buf, 0), 5, 0);
    ok(!memcmp(buf, "hello", 5), "data %.5s", buf);
    closesocket(c);
    closesocket(s);
}

/* A successful call sets the last error to 0 (test_send_buffering: the last
 * recv returns 0 with WSAGetLastError() == 0). */
WT_CASE(recv_end_of_stream_clears_last_error)
{
    SOCKET c, s;
    char buf[4];
    wt_tcp_pair(&c, &s);
    closesocket(c);
    expect_wsa(recv(s, buf, sizeof buf, 0), 0, 0);
    expect_wsa(recv(s, buf, sizeof buf, 0), 0, 0);
    closesocket(s);
}

/* A zero-length receive waits for data like any other, then returns 0 and
 * leaves the data queued (sock.c test_empty_recv). */
WT_CASE(zero_length_send_recv)
{
    SOCKET c, s;
    char b = 0;
    wt_tcp_pair(&c, &s);
    expect_wsa(send(c, NULL, 0, 0), 0, 0);
    expect_wsa(send(c, "z", 1, 0), 1, 0);
    ok(wt_wait_readable(s) == 1, "no data");
    expect_wsa(recv(s, NULL, 0, 0), 0, 0);
    expect_wsa(recv(s, &b, 1, 0), 1, 0);
    ok(b == 'z', "byte %c", b);
    closesocket(c);
    closesocket(s);
}

WT_CASE(bad_arguments)
{
    SOCKET c, s;
    char buf[4];
    wt_tcp_pair(&c, &s);
    expect_fail(send(c, NULL, 5, 0), WSAEFAULT);
    expect_fail(recv(s, NULL, 5, 0), WSAEFAULT);
    expect_fail(send(INVALID_SOCKET, "x", 1, 0), WSAENOTSOCK);
    expect_fail(recv(INVALID_SOCKET, buf, 1, 0), WSAENOTSOCK);
    /* WSASend docs: transports without partial messages refuse MSG_PARTIAL. */
    expect_fail(send(c, "x", 1, MSG_PARTIAL), WSAEOPNOTSUPP);
    closesocket(c);
    closesocket(s);
    expect_fail(send(c, "x", 1, 0), WSAENOTSOCK);
    expect_fail(recv(s, buf, 1, 0), WSAENOTSOCK);
}

/* Linux send on an unconnected TCP socket says EPIPE. */
WT_CASE(unconnected_tcp_is_enotconn)
{
    SOCKET t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    char buf[4];
    expect_fail(send(t, "x", 1, 0), WSAENOTCONN);
    expect_fail(recv(t, buf, sizeof buf, 0), WSAENOTCONN);
    closesocket(t);
}

WT_CASE(recv_on_listener_is_enotconn)
{
    struct sockaddr_in a;
    char buf[4];
    SOCKET l = wt_listener(&a);
    expect_fail(recv(l, buf, sizeof buf, 0), WSAENOTCONN);
    closesocket(l);
}

WT_CASE(send_after_shutdown_send)
{
    SOCKET c, s;
    char buf[4];
    wt_tcp_pair(&c, &s);
    expect_ok(shutdown(c, SD_SEND));
    expect_fail(send(c, "x", 1, 0), WSAESHUTDOWN);
    expect_fail(send(c, "x", 1, 0), WSAESHUTDOWN);
    expect_wsa(recv(s, buf, sizeof buf, 0), 0, 0);
    expect_wsa(recv(s, buf, sizeof buf, 0), 0, 0);
    expect_wsa(send(s, "ab", 2, 0), 2, 0); /* the other direction still works */
    expect_wsa(recv(c, buf, sizeof buf, 0), 2, 0);
    closesocket(c);
    closesocket(s);
}

/* Even with data queued, every recv after own SD_RECEIVE fails. */
WT_CASE(recv_after_shutdown_receive)
{
    SOCKET c, s;
    char buf[4];
    wt_tcp_pair(&c, &s);
    expect_wsa(send(c, "abc", 3, 0), 3, 0);
    ok(wt_wait_readable(s) == 1, "data did not arrive");
    expect_ok(shutdown(s, SD_RECEIVE));
    expect_fail(recv(s, buf, sizeof buf, 0), WSAESHUTDOWN);
    expect_fail(recv(s, buf, sizeof buf, 0), WSAESHUTDOWN);
    expect_wsa(send(s, "ab", 2, 0), 2, 0);
    expect_wsa(recv(c, buf, sizeof buf, 0), 2, 0);
    closesocket(c);
    closesocket(s);
}

WT_CASE(shutdown_both)
{
    SOCKET c, s;
    char buf[4];
    wt_tcp_pair(&c, &s);
    expect_ok(shutdown(c, SD_BOTH));
    expect_fail(send(c, "x", 1, 0), WSAESHUTDOWN);
    expect_fail(recv(c, buf, sizeof buf, 0), WSAESHUTDOWN);
    expect_wsa(recv(s, buf, sizeof buf, 0), 0, 0);
    closesocket(c);
    closesocket(s);
}

/* Windows keeps reporting the reset; Linux reports it once, then 0/EPIPE. */
WT_CASE(reset_recv_then_send)
{
    SOCKET c, s;
    char buf[4];
    wt_tcp_pair(&c, &s);
    wt_reset_close(c);
    ok(wt_wait_readable(s) == 1, "reset did not make the socket readable");
    expect_fail(recv(s, buf, sizeof buf, 0), WSAECONNRESET);
    expect_fail(recv(s, buf, sizeof buf, 0), WSAECONNRESET);
    expect_fail(send(s, "x", 1, 0), WSAECONNRESET);
    expect_fail(send(s, "x", 1, 0), WSAECONNRESET);
    expect_fail(recv(s, buf, sizeof buf, 0), WSAECONNRESET);
    closesocket(s);
}

WT_CASE(reset_send_then_recv)
{
    SOCKET c, s;
    char buf[4];
    wt_tcp_pair(&c, &s);
    wt_reset_close(c);
    ok(wt_wait_readable(s) == 1, "reset did not make the socket readable");
    expect_fail(send(s, "x", 1, 0), WSAECONNRESET);
    expect_fail(send(s, "x", 1, 0), WSAECONNRESET);
    expect_fail(recv(s, buf, sizeof buf, 0), WSAECONNRESET);
    closesocket(s);
}

/* The peer finished (SD_SEND) and closed; a send still succeeds, the peer's
 * stack answers it with a reset, and the next receive says the connection
 * was aborted, not that the stream ended (sock.c test_shutdown).  Linux
 * would say end-of-stream. */
WT_CASE(send_to_closed_peer_then_recv_aborted)
{
    SOCKET c, s;
    char buf[8];
    wt_tcp_pair(&c, &s);
    expect_ok(shutdown(c, SD_SEND));
    closesocket(c);
    expect_wsa(send(s, "test", 5, 0), 5, 0);
    expect_fail(recv(s, buf, sizeof buf, 0), WSAECONNABORTED);
    expect_fail(recv(s, buf, sizeof buf, 0), WSAECONNABORTED);
    closesocket(s);
}

/* Without a send after the peer's close, the same sequence is a plain end
 * of stream, every time. */
WT_CASE(closed_peer_without_send_is_end_of_stream)
{
    SOCKET c, s;
    char buf[8];
    wt_tcp_pair(&c, &s);
    expect_ok(shutdown(c, SD_SEND));
    closesocket(c);
    expect_wsa(recv(s, buf, sizeof buf, 0), 0, 0);
    expect_wsa(recv(s, buf, sizeof buf, 0), 0, 0);
    closesocket(s);
}

/* Once a call has reported the reset, SO_ERROR reads 0. */
WT_CASE(so_error_zero_after_reset_reported)
{
    SOCKET c, s;
    char buf[4];
    int err = -1, len = sizeof err;
    wt_tcp_pair(&c, &s);
    wt_reset_close(c);
    ok(wt_wait_readable(s) == 1, "reset did not make the socket readable");
    /* Asked before any call met the reset: reading it takes nothing away. */
    expect_ok(getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&err, &len));
    expect_fail(recv(s, buf, sizeof buf, 0), WSAECONNRESET);
    expect_ok(getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&err, &len));
    ok(err == 0, "SO_ERROR %s after the reset was reported", wt_name(err));
    expect_fail(recv(s, buf, sizeof buf, 0), WSAECONNRESET);
    closesocket(s);
}

WT_CASE(nonblocking_recv_would_block)
{
    SOCKET c, s;
    char buf[4];
    wt_tcp_pair(&c, &s);
    wt_nonblocking(s, 1);
    expect_fail(recv(s, buf, sizeof buf, 0), WSAEWOULDBLOCK);
    closesocket(c);
    closesocket(s);
}

/* SO_RCVTIMEO expired on a blocking socket: WSAETIMEDOUT (sock.c test_timeout). */
WT_CASE(blocking_recv_timeout)
{
    SOCKET c, s;
    char buf[4];
    DWORD ms = 100;
    wt_tcp_pair(&c, &s);
    expect_ok(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof ms));
    expect_fail(recv(s, buf, sizeof buf, 0), WSAETIMEDOUT);
    closesocket(c);
    closesocket(s);
}

/* Non-blocking sends of 1 byte never split: they succeed until the pipe is
 * full, then WSAEWOULDBLOCK (test_send_buffering). */
WT_CASE(nonblocking_send_fills_then_would_block)
{
    SOCKET c, s;
    int size = 4096, n = 0, r = 0, err = 0;
    wt_tcp_pair(&c, &s);
    setsockopt(c, SOL_SOCKET, SO_SNDBUF, (char *)&size, sizeof size);
    setsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&size, sizeof size);
    wt_nonblocking(c, 1);
    while (n < 8 * 1024 * 1024 && (r = send(c, "x", 1, 0)) == 1)
        n++;
    err = WSAGetLastError();
    ok(r == SOCKET_ERROR && err == WSAEWOULDBLOCK, "after %d bytes: returned %d, error %s", n, r, wt_name(err));
    closesocket(c);
    closesocket(s);
}

/* Send len bytes with one call to a peer that starts reading after
 * delay_ms; the whole length must be taken and arrive. */
static void send_whole_to_slow_reader(int len, DWORD delay_ms, u_long nonblocking)
{
    SOCKET c, s;
    char *big = calloc(1, (size_t)len);
    struct drain d;
    DWORD got = 0;
    wt_tcp_pair(&c, &s);
    d.s = s;
    d.delay_ms = delay_ms;
    HANDLE t = CreateThread(NULL, 0, drain_thread, &d, 0, NULL);
    if (nonblocking)
        wt_nonblocking(c, 1);
    expect_wsa(send(c, big, len, 0), len, 0);
    expect_ok(shutdown(c, SD_SEND));
    ok(WaitForSingleObject(t, 20000) == WAIT_OBJECT_0, "reader did not finish");
    GetExitCodeThread(t, &got);
    ok(got == (DWORD)len, "peer received %u of %d", (unsigned)got, len);
    CloseHandle(t);
    free(big);
    closesocket(c);
    closesocket(s);
}

/* A non-blocking send larger than the socket buffers still takes the whole
 * buffer, never a partial count (test_send_buffering). */
WT_CASE(nonblocking_send_never_partial)
{
    send_whole_to_slow_reader(8 * 1024 * 1024, 100, 1);
}

/* A blocking send returns the full length (sock.c test_send: 1 MiB). */
WT_CASE(blocking_send_full_length)
{
    send_whole_to_slow_reader(4 * 1024 * 1024, 50, 0);
}

WT_CASE(recv_peek)
{
    SOCKET c, s;
    char buf[8] = {0};
    wt_tcp_pair(&c, &s);
    expect_wsa(send(c, "peek", 4, 0), 4, 0);
    ok(wt_wait_readable(s) == 1, "no data");
    expect_wsa(recv(s, buf, sizeof buf, MSG_PEEK), 4, 0);
    memset(buf, 0, sizeof buf);
    expect_wsa(recv(s, buf, sizeof buf, 0), 4, 0);
    ok(!memcmp(buf, "peek", 4), "data %.4s", buf);
    closesocket(c);
    closesocket(s);
}

/* sendto on a connected TCP socket ignores the address, recvfrom leaves
 * from and fromlen alone (sock.c test_tcp_sendto_recvfrom). */
WT_CASE(tcp_sendto_recvfrom_ignore_addresses)
{
    SOCKET c, s;
    char garbage[sizeof(struct sockaddr_in)], from[sizeof(struct sockaddr_in)], buf[8];
    int fromlen = 0xc0ffee11;
    wt_tcp_pair(&c, &s);
    memset(garbage, 0xfe, sizeof garbage);
    memset(from, 0xab, sizeof from);
    expect_wsa(sendto(c, "abc", 3, 0, (struct sockaddr *)garbage, sizeof garbage), 3, 0);
    expect_wsa(sendto(c, "def", 3, 0, (struct sockaddr *)garbage, 1), 3, 0);
    ok(wt_wait_readable(s) == 1, "no data");
    Sleep(10);
    expect_wsa(recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)from, &fromlen), 6, 0);
    ok(fromlen == (int)0xc0ffee11, "fromlen changed to %d", fromlen);
    ok((unsigned char)from[0] == 0xab && (unsigned char)from[15] == 0xab, "from written");
    closesocket(c);
    closesocket(s);
}

/* A non-blocking send the kernel cannot take whole is still taken whole,
 * without blocking, and sent in the background; the sends after it fail
 * WSAEWOULDBLOCK until it has gone, and the socket is not writable
 * meanwhile (sock.c test_send_buffering: 50 MiB non-blocking sends succeed
 * whole, then WSAEWOULDBLOCK; every byte arrives). */
WT_CASE(nonblocking_big_send_does_not_block)
{
    SOCKET c, s;
    static char big[8 << 20], got[65536];
    int total = 0, r;
    wt_tcp_pair(&c, &s);
    wt_nonblocking(c, 1);
    memset(big, 'b', sizeof big);
    big[sizeof big - 1] = 'e';
    DWORD start = GetTickCount();
    expect_wsa(send(c, big, sizeof big, 0), sizeof big, 0); /* the peer reads nothing yet */
    expect_fail(send(c, "y", 1, 0), WSAEWOULDBLOCK);         /* the rest is still going out */
    ok(GetTickCount() - start < 2000, "sends returned at once");
    ok(wt_select_one(c, 0) == 0, "not writable while the rest is pending");
    while (total < (int)sizeof big && wt_wait_readable(s) == 1 && (r = recv(s, got, sizeof got, 0)) > 0) {
        ok(got[r - 1] == (total + r == (int)sizeof big ? 'e' : 'b'), "order at byte %d", total + r);
        total += r;
    }
    ok(total == (int)sizeof big, "received %d of %d", total, (int)sizeof big);
    ok(wt_select_one(c, 2000) == 2, "writable once drained");
    expect_wsa(send(c, "z", 1, 0), 1, 0);
    ok(wt_wait_readable(s) == 1, "z arrives");
    expect_wsa(recv(s, got, sizeof got, 0), 1, 0);
    closesocket(c);
    closesocket(s);
}

/* closesocket and shutdown(SD_SEND) right after such a send still deliver
 * every byte, then the end of the stream. */
WT_CASE(close_after_big_send_delivers_everything)
{
    SOCKET c, s;
    static char big[8 << 20], got[65536];
    int total = 0, r;
    wt_tcp_pair(&c, &s);
    wt_nonblocking(c, 1);
    memset(big, 'c', sizeof big);
    expect_wsa(send(c, big, sizeof big, 0), sizeof big, 0);
    expect_ok(shutdown(c, SD_SEND));
    expect_ok(closesocket(c));
    while ((r = recv(s, got, sizeof got, 0)) > 0)
        total += r;
    ok(r == 0 && total == (int)sizeof big, "received %d of %d, then %d", total, (int)sizeof big, r);
    closesocket(s);
}

/* sock.c test_WSARecv: a blocking receive that has to wait is an alertable
 * wait.  An APC queued to its thread while it waits runs there (here the
 * APC sends what the receive waits for), and the receive waits on and
 * completes. */
struct apc_recv {
    SOCKET recv_s, send_s, peer_s; /* peer_s: the completion routine's case */
    int call;                      /* 0 WSARecv, 1 WSARecv into two buffers, 2 recvfrom, 3 recv */
    DWORD start, took;             /* GetTickCount around the call */
    volatile LONG apcs;
    int ret, err;
    DWORD len;
    char buf[32];
    HANDLE started;
};
static void CALLBACK send_from_apc(ULONG_PTR arg)
{
    struct apc_recv *p = (struct apc_recv *)arg;
    InterlockedIncrement(&p->apcs);
    ok(send(p->send_s, "test", 4, 0) == 4, "send from the APC: %s", wt_name(WSAGetLastError()));
}
static void CALLBACK count_apc(ULONG_PTR arg)
{
    InterlockedIncrement((volatile LONG *)arg);
}
static DWORD WINAPI blocking_wsarecv_thread(LPVOID arg)
{
    struct apc_recv *p = arg;
    WSABUF b[2];
    DWORD flags = 0;
    struct sockaddr_in from;
    int fromlen = sizeof from;
    b[0].len = p->call == 1 ? 2 : sizeof p->buf;
    b[0].buf = p->buf;
    b[1].len = sizeof p->buf - 2;
    b[1].buf = p->buf + 2;
    SetEvent(p->started);
    p->start = GetTickCount();
    WSASetLastError(0xdeadbeef);
    if (p->call <= 1)
        p->ret = WSARecv(p->recv_s, b, p->call == 1 ? 2 : 1, &p->len, &flags, NULL, NULL);
    else if (p->call == 2)
        p->len = (DWORD)(p->ret = recvfrom(p->recv_s, p->buf, sizeof p->buf, 0, (struct sockaddr *)&from, &fromlen));
    else
        p->len = (DWORD)(p->ret = recv(p->recv_s, p->buf, sizeof p->buf, 0));
    p->err = WSAGetLastError();
    p->took = GetTickCount() - p->start;
    return 0;
}
/* A thread that blocks in p's receive, given settle_ms to be waiting. */
static HANDLE blocked_receiver(struct apc_recv *p, DWORD settle_ms)
{
    p->started = CreateEventA(NULL, FALSE, FALSE, NULL);
    HANDLE t = CreateThread(NULL, 0, blocking_wsarecv_thread, p, 0, NULL);
    WaitForSingleObject(p->started, 5000);
    Sleep(settle_ms);
    return t;
}

static void blocking_recv_runs_apc(int call)
{
    struct apc_recv p;
    memset(&p, 0, sizeof p);
    p.call = call;
    if (call == 2) {
        struct sockaddr_in a, b;
        p.recv_s = wt_udp(&a);
        p.send_s = wt_udp(&b);
        expect_ok(connect(p.send_s, (struct sockaddr *)&a, sizeof a));
    } else
        wt_tcp_pair(&p.send_s, &p.recv_s);
    HANDLE t = blocked_receiver(&p, 50); /* the receive is waiting by now */
    ok(QueueUserAPC(send_from_apc, t, (ULONG_PTR)&p), "QueueUserAPC");
    DWORD w = WaitForSingleObject(t, 5000);
    ok(w == WAIT_OBJECT_0, "the receive completed (%lu)", (unsigned long)w);
    ok(p.apcs == 1, "the APC ran %ld times", (long)p.apcs);
    closesocket(p.recv_s); /* ends the receive, should it still wait */
    WaitForSingleObject(t, 5000);
    ok(p.ret == (call <= 1 ? 0 : 4) && p.err == 0, "call %d: %d, error %s", call, p.ret, wt_name(p.err));
    ok(p.len == 4 && !memcmp(p.buf, "test", 4), "call %d: received %lu bytes", call, (unsigned long)p.len);
    CloseHandle(t);
    CloseHandle(p.started);
    closesocket(p.send_s);
}
WT_CASE(blocking_recv_runs_apcs_while_waiting)
{
    blocking_recv_runs_apc(0);
}
/* The same through the other receive calls: WSARecv into two buffers,
 * recvfrom on a datagram socket, recv. */
WT_CASE(blocking_receives_run_apcs_while_waiting)
{
    blocking_recv_runs_apc(1);
    blocking_recv_runs_apc(2);
    blocking_recv_runs_apc(3);
}

/* An APC queued before a blocking receive that has to wait runs in it, as
 * in the other alertable blocking calls (sock.c test_select, test_accept):
 * here it sends what the receive then gets.  SO_RCVTIMEO bounds the test
 * should it not run. */
WT_CASE(blocking_recv_runs_apc_queued_before)
{
    struct apc_recv p;
    DWORD ms = 5000;
    memset(&p, 0, sizeof p);
    wt_tcp_pair(&p.send_s, &p.recv_s);
    expect_ok(setsockopt(p.recv_s, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof ms));
    ok(QueueUserAPC(send_from_apc, GetCurrentThread(), (ULONG_PTR)&p), "QueueUserAPC");
    WSASetLastError(0xdeadbeef);
    int r = recv(p.recv_s, p.buf, sizeof p.buf, 0);
    ok(r == 4 && WSAGetLastError() == 0, "recv %d, error %s", r, wt_name(WSAGetLastError()));
    ok(p.apcs == 1, "the APC ran %ld times", (long)p.apcs);
    closesocket(p.send_s);
    closesocket(p.recv_s);
}

/* SO_RCVTIMEO is the receive's whole time: an APC that runs meanwhile does
 * not start it again (the receive still fails WSAETIMEDOUT after about the
 * time set, not the time set after the APC). */
WT_CASE(blocking_recv_timeout_counts_through_apc)
{
    struct apc_recv p;
    DWORD ms = 500;
    memset(&p, 0, sizeof p);
    p.call = 3;
    wt_tcp_pair(&p.send_s, &p.recv_s);
    expect_ok(setsockopt(p.recv_s, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof ms));
    HANDLE t = blocked_receiver(&p, 200);
    ok(QueueUserAPC(count_apc, t, (ULONG_PTR)&p.apcs), "QueueUserAPC");
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "the receive timed out");
    ok(p.apcs == 1, "the APC ran %ld times", (long)p.apcs);
    ok(p.ret == SOCKET_ERROR && p.err == WSAETIMEDOUT, "recv %d, error %s", p.ret, wt_name(p.err));
    ok(p.took >= 400 && p.took < 680, "timed out after %lu ms", (unsigned long)p.took);
    CloseHandle(t);
    CloseHandle(p.started);
    closesocket(p.send_s);
    closesocket(p.recv_s);
}

/* TerminateThread ends a thread blocked in a receive (TerminateThread
 * docs: whatever it is doing), with the code given. */
WT_CASE(terminate_thread_blocked_in_recv)
{
    struct apc_recv p;
    DWORD code = 0;
    memset(&p, 0, sizeof p);
    p.call = 3;
    wt_tcp_pair(&p.send_s, &p.recv_s);
    HANDLE t = blocked_receiver(&p, 50); /* the receive is waiting by now */
    ok(TerminateThread(t, 0x77), "TerminateThread");
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "the thread ended");
    ok(GetExitCodeThread(t, &code) && code == 0x77, "exit code %#lx", (unsigned long)code);
    CloseHandle(t);
    CloseHandle(p.started);
    closesocket(p.send_s);
    closesocket(p.recv_s);
}

/* The same test: a receive that completes at once (the data is there) does
 * not wait, so it runs no APC; SleepEx then does. */
WT_CASE(recv_with_data_runs_no_apc)
{
    SOCKET c, s;
    WSABUF b;
    DWORD flags = 0, len = 0;
    char buf[4];
    volatile LONG apcs = 0;
    wt_tcp_pair(&c, &s);
    expect_wsa(send(c, "ab", 2, 0), 2, 0);
    ok(wt_wait_readable(s) == 1, "readable");
    ok(QueueUserAPC(count_apc, GetCurrentThread(), (ULONG_PTR)&apcs), "QueueUserAPC");
    b.len = 1;
    b.buf = buf;
    expect_wsa(WSARecv(s, &b, 1, &len, &flags, NULL, NULL), 0, 0);
    ok(len == 1, "len %lu", (unsigned long)len);
    ok(apcs == 0, "the APC ran in a receive that did not wait");
    ok(SleepEx(0, TRUE) == WAIT_IO_COMPLETION, "SleepEx ran it");
    ok(apcs == 1, "apcs %ld", (long)apcs);
    closesocket(c);
    closesocket(s);
}

/* The completion routine of the thread's own overlapped receive is an APC
 * too: it runs while the thread waits in a blocking recv on another
 * socket (here it sends what that recv waits for). */
static struct apc_recv *routine_ctx;
static void CALLBACK recv_routine(DWORD err, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)ov;
    (void)flags;
    InterlockedIncrement(&routine_ctx->apcs);
    ok(err == 0 && bytes == 2, "routine: error %lu, %lu bytes", (unsigned long)err, (unsigned long)bytes);
    ok(send(routine_ctx->send_s, "ok", 2, 0) == 2, "send from the routine");
}
static DWORD WINAPI routine_then_recv_thread(LPVOID arg)
{
    struct apc_recv *p = arg;
    WSAOVERLAPPED ov;
    WSABUF b;
    DWORD flags = 0;
    char obuf[8];
    memset(&ov, 0, sizeof ov);
    b.len = sizeof obuf;
    b.buf = obuf;
    int r = WSARecv(p->peer_s, &b, 1, NULL, &flags, &ov, recv_routine);
    ok(r == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "overlapped WSARecv pending: %d %s", r,
       wt_name(WSAGetLastError()));
    SetEvent(p->started);
    WSASetLastError(0xdeadbeef);
    p->ret = recv(p->recv_s, p->buf, sizeof p->buf, 0);
    p->err = WSAGetLastError();
    return 0;
}
WT_CASE(blocking_recv_runs_completion_routines)
{
    struct apc_recv p;
    SOCKET other;
    memset(&p, 0, sizeof p);
    wt_tcp_pair(&p.send_s, &p.recv_s);
    wt_tcp_pair(&other, &p.peer_s);
    routine_ctx = &p;
    p.started = CreateEventA(NULL, FALSE, FALSE, NULL);
    HANDLE t = CreateThread(NULL, 0, routine_then_recv_thread, &p, 0, NULL);
    WaitForSingleObject(p.started, 5000);
    Sleep(50); /* the recv is waiting by now */
    expect_wsa(send(other, "hi", 2, 0), 2, 0); /* completes the overlapped receive */
    DWORD w = WaitForSingleObject(t, 5000);
    ok(w == WAIT_OBJECT_0, "the recv completed (%lu)", (unsigned long)w);
    ok(p.apcs == 1, "the routine ran %ld times", (long)p.apcs);
    closesocket(p.recv_s);
    WaitForSingleObject(t, 5000);
    ok(p.ret == 2 && p.err == 0, "recv %d, error %s", p.ret, wt_name(p.err));
    CloseHandle(t);
    CloseHandle(p.started);
    closesocket(p.send_s);
    closesocket(p.peer_s);
    closesocket(other);
}

WT_MAIN(nonblocking_big_send_does_not_block, close_after_big_send_delivers_everything, send_recv_round_trip, recv_end_of_stream_clears_last_error, zero_length_send_recv, bad_arguments,
        unconnected_tcp_is_enotconn, recv_on_listener_is_enotconn, send_after_shutdown_send,
        recv_after_shutdown_receive, shutdown_both, nonblocking_recv_would_block,
        nonblocking_send_fills_then_would_block, nonblocking_send_never_partial, blocking_send_full_length,
        recv_peek, tcp_sendto_recvfrom_ignore_addresses, blocking_recv_timeout, reset_recv_then_send,
        reset_send_then_recv, so_error_zero_after_reset_reported, send_to_closed_peer_then_recv_aborted,
        closed_peer_without_send_is_end_of_stream, blocking_recv_runs_apcs_while_waiting, recv_with_data_runs_no_apc,
        blocking_recv_runs_completion_routines, blocking_receives_run_apcs_while_waiting,
        blocking_recv_runs_apc_queued_before, blocking_recv_timeout_counts_through_apc, terminate_thread_blocked_in_recv)
