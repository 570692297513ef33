/* select and fd_set (sock.c test_select, test_errors, test_tcp_reset;
 * select docs).  Sets larger than FD_SETSIZE: test/select_setsize.c. */
#include "wstest.h"

WT_CASE(select_invalid_sets)
{
    fd_set r, w, e;
    struct timeval tv = {0, 0};
    expect_fail(select(0, NULL, NULL, NULL, &tv), WSAEINVAL);
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_ZERO(&e);
    expect_fail(select(0, &r, &w, &e, &tv), WSAEINVAL);
}

WT_CASE(select_not_a_socket_leaves_sets)
{
    SOCKET t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    SOCKET dead = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    fd_set r, w;
    struct timeval tv = {0, 0};
    closesocket(dead);
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(t, &r);
    FD_SET(INVALID_SOCKET, &r);
    FD_SET(t, &w);
    expect_fail(select(0, &r, &w, NULL, &tv), WSAENOTSOCK);
    ok(r.fd_count == 2 && w.fd_count == 1, "sets changed: %u %u", r.fd_count, w.fd_count);
    FD_ZERO(&r);
    FD_SET(dead, &r);
    expect_fail(select(0, &r, NULL, NULL, &tv), WSAENOTSOCK);
    ok(r.fd_count == 1, "set changed: %u", r.fd_count);
    closesocket(t);
}

/* An unconnected, non-listening TCP socket is in no state at all. */
WT_CASE(select_idle_socket_not_ready)
{
    SOCKET t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    fd_set r, w, e;
    struct timeval tv = {0, 0};
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_ZERO(&e);
    FD_SET(t, &r);
    FD_SET(t, &w);
    FD_SET(t, &e);
    expect_wsa(select(0, &r, &w, &e, &tv), 0, 0);
    ok(r.fd_count == 0 && w.fd_count == 0 && e.fd_count == 0, "sets %u %u %u", r.fd_count, w.fd_count, e.fd_count);
    closesocket(t);
}

WT_CASE(select_connected_writable_then_readable)
{
    SOCKET c, s;
    fd_set r, w, e;
    struct timeval tv = {0, 0};
    wt_tcp_pair(&c, &s);
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_ZERO(&e);
    FD_SET(s, &r);
    FD_SET(s, &w);
    FD_SET(s, &e);
    expect_wsa(select(0, &r, &w, &e, &tv), 1, 0);
    ok(!FD_ISSET(s, &r) && FD_ISSET(s, &w) && !FD_ISSET(s, &e), "idle: %u %u %u", r.fd_count, w.fd_count,
       e.fd_count);
    send(c, "x", 1, 0);
    ok(wt_wait_readable(s) == 1, "no data");
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(s, &r);
    FD_SET(s, &w);
    expect_wsa(select(0, &r, &w, NULL, &tv), 2, 0);
    ok(FD_ISSET(s, &r) && FD_ISSET(s, &w), "data: %u %u", r.fd_count, w.fd_count);
    closesocket(c);
    closesocket(s);
}

WT_CASE(select_listener_pending_connection)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a), c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    fd_set r, w;
    struct timeval tv = {0, 0};
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(l, &r);
    FD_SET(l, &w);
    expect_wsa(select(0, &r, &w, NULL, &tv), 0, 0);
    expect_ok(connect(c, (struct sockaddr *)&a, sizeof a));
    FD_ZERO(&r);
    FD_SET(l, &r);
    tv.tv_sec = 2;
    expect_wsa(select(0, &r, NULL, NULL, &tv), 1, 0);
    ok(FD_ISSET(l, &r), "listener not readable");
    closesocket(c);
    closesocket(l);
}

WT_CASE(select_duplicates_counted_once)
{
    SOCKET c, s;
    fd_set w;
    struct timeval tv = {0, 0};
    wt_tcp_pair(&c, &s);
    FD_ZERO(&w);
    w.fd_array[0] = c; /* FD_SET would refuse the duplicate */
    w.fd_array[1] = c;
    w.fd_count = 2;
    expect_wsa(select(0, NULL, &w, NULL, &tv), 1, 0);
    ok(w.fd_count == 1 && w.fd_array[0] == c, "fd_count %u", w.fd_count);
    closesocket(c);
    closesocket(s);
}

/* The same fd_set as readfds and writefds: each socket lands in it once. */
WT_CASE(select_same_set_twice)
{
    SOCKET c, s;
    fd_set set;
    struct timeval tv = {0, 0};
    wt_tcp_pair(&c, &s);
    send(c, "x", 1, 0);
    ok(wt_wait_readable(s) == 1, "no data");
    FD_ZERO(&set);
    FD_SET(c, &set);
    FD_SET(s, &set);
    expect_wsa(select(0, &set, &set, NULL, &tv), 2, 0);
    ok(set.fd_count == 2 && FD_ISSET(c, &set) && FD_ISSET(s, &set), "fd_count %u", set.fd_count);
    closesocket(c);
    closesocket(s);
}

WT_CASE(select_keeps_order)
{
    SOCKET c[4], s[4];
    fd_set w;
    struct timeval tv = {0, 0};
    int i;
    for (i = 0; i < 4; i++)
        wt_tcp_pair(&c[i], &s[i]);
    FD_ZERO(&w);
    for (i = 3; i >= 0; i--) {
        FD_SET(s[i], &w);
        FD_SET(c[i], &w);
    }
    expect_wsa(select(0, NULL, &w, NULL, &tv), 8, 0);
    for (i = 0; i < 4; i++)
        ok(w.fd_array[2 * i] == s[3 - i] && w.fd_array[2 * i + 1] == c[3 - i], "order broken at %d", i);
    for (i = 0; i < 4; i++) {
        closesocket(c[i]);
        closesocket(s[i]);
    }
}

/* A zero time-out polls; a short one expires with 0 and is not modified. */
WT_CASE(select_timeout_untouched)
{
    SOCKET c, s;
    fd_set r;
    struct timeval tv = {0, 50000};
    DWORD start;
    wt_tcp_pair(&c, &s);
    FD_ZERO(&r);
    FD_SET(s, &r);
    start = GetTickCount();
    expect_wsa(select(0, &r, NULL, NULL, &tv), 0, 0);
    ok(GetTickCount() - start >= 40, "returned after %u ms", (unsigned)(GetTickCount() - start));
    ok(tv.tv_sec == 0 && tv.tv_usec == 50000, "timeout changed to %ld.%06ld", (long)tv.tv_sec, (long)tv.tv_usec);
    ok(r.fd_count == 0, "fd_count %u", r.fd_count);
    closesocket(c);
    closesocket(s);
}

WT_CASE(select_peer_closed_readable)
{
    SOCKET c, s;
    char buf[4];
    wt_tcp_pair(&c, &s);
    closesocket(c);
    ok(wt_wait_readable(s) == 1, "not readable after peer close");
    expect_wsa(recv(s, buf, sizeof buf, 0), 0, 0);
    closesocket(s);
}

/* A reset connection is readable and writable, not exceptional. */
WT_CASE(select_reset_readable_writable)
{
    SOCKET c, s;
    fd_set r, w, e;
    struct timeval tv = {2, 0};
    wt_tcp_pair(&c, &s);
    wt_reset_close(c);
    ok(wt_wait_readable(s) == 1, "not readable after reset");
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_ZERO(&e);
    FD_SET(s, &r);
    FD_SET(s, &w);
    FD_SET(s, &e);
    expect_wsa(select(0, &r, &w, &e, &tv), 2, 0);
    ok(FD_ISSET(s, &r) && FD_ISSET(s, &w) && !FD_ISSET(s, &e), "sets %u %u %u", r.fd_count, w.fd_count, e.fd_count);
    closesocket(s);
}

WT_CASE(select_nonblocking_connect_succeeds_writable)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a), c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    fd_set w, e;
    struct timeval tv = {2, 0};
    wt_nonblocking(c, 1);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    FD_ZERO(&w);
    FD_ZERO(&e);
    FD_SET(c, &w);
    FD_SET(c, &e);
    expect_wsa(select(0, NULL, &w, &e, &tv), 1, 0);
    ok(FD_ISSET(c, &w) && !FD_ISSET(c, &e), "sets %u %u", w.fd_count, e.fd_count);
    expect_wsa(send(c, "x", 1, 0), 1, 0);
    closesocket(c);
    closesocket(l);
}

WT_CASE(select_nonblocking_connect_fails_exceptional)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a), c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    fd_set r, w, e;
    struct timeval tv = {2, 0};
    closesocket(l); /* nothing listens on a.sin_port any more */
    wt_refuse_at_once(c);
    wt_nonblocking(c, 1);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_ZERO(&e);
    FD_SET(c, &r);
    FD_SET(c, &w);
    FD_SET(c, &e);
    expect_wsa(select(0, &r, &w, &e, &tv), 1, 0);
    ok(!FD_ISSET(c, &r) && !FD_ISSET(c, &w) && FD_ISSET(c, &e), "sets %u %u %u", r.fd_count, w.fd_count,
       e.fd_count);
    closesocket(c);
}

/* Out-of-band data is exceptional, not readable, unless SO_OOBINLINE. */
WT_CASE(select_oob_exceptional)
{
    SOCKET c, s;
    fd_set r, e;
    struct timeval tv = {2, 0};
    char b = 0;
    wt_tcp_pair(&c, &s);
    expect_wsa(send(c, "!", 1, MSG_OOB), 1, 0);
    FD_ZERO(&r);
    FD_ZERO(&e);
    FD_SET(s, &r);
    FD_SET(s, &e);
    expect_wsa(select(0, &r, NULL, &e, &tv), 1, 0);
    ok(!FD_ISSET(s, &r) && FD_ISSET(s, &e), "sets %u %u", r.fd_count, e.fd_count);
    expect_wsa(recv(s, &b, 1, MSG_OOB), 1, 0);
    ok(b == '!', "oob byte %c", b);
    closesocket(c);
    closesocket(s);
}

WT_CASE(select_oob_inline_readable)
{
    SOCKET c, s;
    fd_set r, e;
    struct timeval tv = {2, 0};
    int one = 1;
    char b = 0;
    wt_tcp_pair(&c, &s);
    expect_ok(setsockopt(s, SOL_SOCKET, SO_OOBINLINE, (char *)&one, sizeof one));
    expect_wsa(send(c, "!", 1, MSG_OOB), 1, 0);
    FD_ZERO(&r);
    FD_ZERO(&e);
    FD_SET(s, &r);
    FD_SET(s, &e);
    expect_wsa(select(0, &r, NULL, &e, &tv), 1, 0);
    ok(FD_ISSET(s, &r) && !FD_ISSET(s, &e), "sets %u %u", r.fd_count, e.fd_count);
    expect_fail(recv(s, &b, 1, MSG_OOB), WSAEINVAL);
    expect_wsa(recv(s, &b, 1, 0), 1, 0);
    ok(b == '!', "byte %c", b);
    /* The inline urgent byte is read once: nothing is left. */
    wt_nonblocking(s, 1);
    expect_fail(recv(s, &b, 1, 0), WSAEWOULDBLOCK);
    closesocket(c);
    closesocket(s);
}

/* An urgent byte taken with MSG_OOB is gone: switching SO_OOBINLINE on
 * afterwards does not hand it out again (Linux does), so after the next
 * urgent byte (now inline) there is nothing left, and the reader's close is
 * graceful: the writer's recv returns 0 (sock.c test_select). */
WT_CASE(select_oob_read_then_inline_then_close)
{
    SOCKET c, s;
    char buf[16];
    int one = 1;
    wt_tcp_pair(&c, &s);
    wt_nonblocking(s, 1);
    expect_wsa(send(c, "1234", 4, 0), 4, 0);
    ok(wt_select_one(s, 2000) == 3, "data: readable and writable");
    expect_wsa(recv(s, buf, sizeof buf, 0), 4, 0);
    expect_wsa(send(c, "A", 1, MSG_OOB), 1, 0);
    ok(wt_select_one(s, 2000) == 6, "urgent byte: exceptional (and writable)");
    buf[0] = 0;
    expect_wsa(recv(s, buf, sizeof buf, MSG_OOB), 1, 0);
    ok(buf[0] == 'A', "urgent byte %c", buf[0]);
    expect_ok(setsockopt(s, SOL_SOCKET, SO_OOBINLINE, (char *)&one, sizeof one));
    expect_wsa(send(c, "B", 1, MSG_OOB), 1, 0);
    ok(wt_select_one(s, 2000) == 3, "inline urgent byte: readable, not exceptional");
    expect_fail(recv(s, buf, sizeof buf, MSG_OOB), WSAEINVAL);
    buf[0] = 0;
    expect_wsa(recv(s, buf, sizeof buf, 0), 1, 0);
    ok(buf[0] == 'B', "inline byte %c", buf[0]);
    expect_fail(recv(s, buf, sizeof buf, 0), WSAEWOULDBLOCK);
    expect_ok(closesocket(s));
    ok(wt_wait_readable(c) == 1, "the reader's close makes the writer readable");
    expect_wsa(recv(c, buf, sizeof buf, 0), 0, 0);
    closesocket(c);
}

/* The urgent byte was read with MSG_OOB and nothing else is left: the
 * reader's close is graceful and the writer reads 0 (sock.c test_select).
 * Linux keeps the byte in the stream, so its close would be a reset. */
WT_CASE(select_oob_read_then_close_is_graceful)
{
    SOCKET c, s;
    char buf[16];
    wt_tcp_pair(&c, &s);
    expect_wsa(send(c, "1234", 4, 0), 4, 0);
    ok(wt_wait_readable(s) == 1, "data");
    expect_wsa(recv(s, buf, sizeof buf, 0), 4, 0);
    expect_wsa(send(c, "A", 1, MSG_OOB), 1, 0);
    ok(wt_select_one(s, 2000) == 6, "urgent byte: exceptional (and writable)");
    expect_wsa(recv(s, buf, sizeof buf, MSG_OOB), 1, 0);
    expect_ok(closesocket(s));
    ok(wt_wait_readable(c) == 1, "the reader's close makes the writer readable");
    expect_wsa(recv(c, buf, sizeof buf, 0), 0, 0);
    closesocket(c);
}

/* select waits alertably: an APC queued for the thread runs when select
 * has to wait, not when a socket is ready at once (sock.c test_select). */
static void CALLBACK count_apc(ULONG_PTR p)
{
    (*(int *)p)++;
}
WT_CASE(select_waiting_runs_queued_apcs)
{
    SOCKET c, s;
    fd_set r, w;
    struct timeval tv = {0, 500};
    int n = 0;
    wt_tcp_pair(&c, &s);
    FD_ZERO(&r);
    FD_SET(s, &r);
    ok(QueueUserAPC(count_apc, GetCurrentThread(), (ULONG_PTR)&n), "QueueUserAPC");
    expect_wsa(select(0, &r, NULL, NULL, &tv), 0, 0);
    ok(n == 1, "the APC ran during the wait (%d)", n);
    n = 0;
    FD_ZERO(&w);
    FD_SET(c, &w);
    ok(QueueUserAPC(count_apc, GetCurrentThread(), (ULONG_PTR)&n), "QueueUserAPC");
    expect_wsa(select(0, NULL, &w, NULL, &tv), 1, 0);
    ok(FD_ISSET(c, &w) && n == 0, "ready at once: the APC stays queued (%d)", n);
    ok(SleepEx(0, TRUE) == WAIT_IO_COMPLETION && n == 1, "then an alertable wait runs it (%d)", n);
    closesocket(c);
    closesocket(s);
}

/* ... and one queued while it waits: the APC runs in the selecting thread,
 * and select waits on for the time left (here the APC sends what select
 * waits for). */
struct select_apc {
    SOCKET c, s;
    DWORD tid, apc_tid, took;
    volatile LONG apcs;
    int ret, readable;
};
static void CALLBACK send_from_apc(ULONG_PTR arg)
{
    struct select_apc *p = (struct select_apc *)arg;
    InterlockedIncrement(&p->apcs);
    p->apc_tid = GetCurrentThreadId();
    ok(send(p->c, "x", 1, 0) == 1, "send from the APC: %s", wt_name(WSAGetLastError()));
}
static DWORD WINAPI blocking_select_thread(LPVOID arg)
{
    struct select_apc *p = (struct select_apc *)arg;
    fd_set r;
    struct timeval tv = {5, 0};
    DWORD t0 = GetTickCount();
    p->tid = GetCurrentThreadId();
    FD_ZERO(&r);
    FD_SET(p->s, &r);
    p->ret = select(0, &r, NULL, NULL, &tv);
    p->readable = FD_ISSET(p->s, &r);
    p->took = GetTickCount() - t0;
    return 0;
}
WT_CASE(select_runs_apcs_queued_while_it_waits)
{
    struct select_apc p;
    memset(&p, 0, sizeof p);
    wt_tcp_pair(&p.c, &p.s);
    HANDLE t = CreateThread(NULL, 0, blocking_select_thread, &p, 0, NULL);
    Sleep(100); /* select waits by now */
    ok(QueueUserAPC(send_from_apc, t, (ULONG_PTR)&p), "QueueUserAPC");
    ok(WaitForSingleObject(t, 7000) == WAIT_OBJECT_0, "select returned");
    CloseHandle(t);
    ok(p.apcs == 1 && p.apc_tid == p.tid, "the APC ran %ld times, in the selecting thread %d", (long)p.apcs,
       p.apc_tid == p.tid);
    ok(p.ret == 1 && p.readable, "select: %d, readable %d", p.ret, p.readable);
    ok(p.took < 3000, "select took %lu ms", (unsigned long)p.took);
    closesocket(p.c);
    closesocket(p.s);
}

WT_CASE(fd_isset)
{
    fd_set set;
    FD_ZERO(&set);
    ok(!__WSAFDIsSet(5, &set), "empty set");
    FD_SET(5, &set);
    FD_SET(7, &set);
    ok(__WSAFDIsSet(7, &set) && FD_ISSET(5, &set) && !FD_ISSET(6, &set), "membership");
}

/* Fill c's send path (small buffers, 1-byte non-blocking sends, which never
 * split) until WSAEWOULDBLOCK. */
static void fill_send_buffer(SOCKET c, SOCKET s)
{
    int size = 4096, n = 0, r;
    setsockopt(c, SOL_SOCKET, SO_SNDBUF, (char *)&size, sizeof size);
    setsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&size, sizeof size);
    wt_nonblocking(c, 1);
    while (n < 8 * 1024 * 1024 && (r = send(c, "x", 1, 0)) == 1)
        n++;
    ok(r == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "send buffer never filled: %s",
       wt_name(WSAGetLastError()));
}

/* ---- fd_set --------------------------------------------------------------- */

/* FD_SET ignores a handle already there and stops at FD_SETSIZE; FD_CLR
 * keeps the order of the rest (winsock2.h's macros). */
WT_CASE(fd_set_macros)
{
    fd_set set;
    SOCKET v;
    FD_ZERO(&set);
    ok(set.fd_count == 0, "FD_ZERO: %u", set.fd_count);
    FD_SET(5, &set);
    FD_SET(5, &set);
    ok(set.fd_count == 1, "duplicate added: %u", set.fd_count);
    for (v = 100; v < 100 + FD_SETSIZE + 10; v++)
        FD_SET(v, &set);
    ok(set.fd_count == FD_SETSIZE, "fd_count %u past FD_SETSIZE", set.fd_count);
    ok(!FD_ISSET(100 + FD_SETSIZE - 1, &set) && FD_ISSET(100 + FD_SETSIZE - 2, &set), "the last fitting");
    FD_CLR(100, &set);
    ok(set.fd_count == FD_SETSIZE - 1 && set.fd_array[0] == 5 && set.fd_array[1] == 101, "FD_CLR: %u",
       set.fd_count);
    FD_CLR(99999, &set);
    ok(set.fd_count == FD_SETSIZE - 1, "FD_CLR of an absent handle: %u", set.fd_count);
}

/* A caller may allocate a set larger than FD_SETSIZE (sock.c test_select:
 * 200 sockets through a malloc'ed fd_set). */
WT_CASE(select_bigger_allocated_set)
{
    enum { PAIRS = 50 };
    SOCKET socks[2 * PAIRS];
    struct timeval tv = {1, 0};
    fd_set *set = malloc(sizeof(u_int) + 8 + sizeof(SOCKET) * 2 * PAIRS);
    int i;
    set->fd_count = 2 * PAIRS;
    for (i = 0; i < 2 * PAIRS; i += 2) {
        wt_tcp_pair(&socks[i], &socks[i + 1]);
        set->fd_array[i] = socks[i];
        set->fd_array[i + 1] = socks[i + 1];
    }
    expect_wsa(select(0, NULL, set, NULL, &tv), 2 * PAIRS, 0);
    for (i = 0; i < 2 * PAIRS; i++) {
        ok(set->fd_array[i] == socks[i], "index %d: %#lx", i, (unsigned long)set->fd_array[i]);
        closesocket(socks[i]);
    }
    free(set);
}

/* Handle values are not bounded by a bitmap (glibc's fd_set stops at 1024):
 * open sockets until handles pass 1024, then select on those. */
WT_CASE(select_handles_above_1024)
{
    enum { MAX = 1500 };
    static SOCKET many[MAX];
    struct sockaddr_in a;
    SOCKET big = INVALID_SOCKET, l, c, s;
    fd_set r, w;
    struct timeval tv = {2, 0};
    int n = 0, len;
    while (n < MAX) {
        many[n] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (many[n] == INVALID_SOCKET)
            break;
        if (many[n++] > 1024)
            break;
    }
    ok(n > 0 && many[n - 1] > 1024 && many[n - 1] != INVALID_SOCKET, "handles reached only %lu",
       n ? (unsigned long)many[n - 1] : 0ul);
    big = many[--n]; /* a fresh socket with a large handle value */
    a = wt_loopback(0);
    l = wt_listener(&a);
    expect_ok(connect(big, (struct sockaddr *)&a, sizeof a));
    s = accept(l, NULL, NULL);
    c = big;
    send(s, "x", 1, 0);
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(c, &r);
    FD_SET(c, &w);
    expect_wsa(select(0, &r, &w, NULL, &tv), 2, 0);
    ok(FD_ISSET(c, &r) && FD_ISSET(c, &w), "sets %u %u", r.fd_count, w.fd_count);
    len = sizeof a;
    ok(getsockname(c, (struct sockaddr *)&a, &len) == 0, "handle works");
    closesocket(c);
    closesocket(s);
    closesocket(l);
    while (n--)
        closesocket(many[n]);
}

/* ---- what each set reports ---------------------------------------------- */

/* select docs: after an abortive close the socket is readable and recv
 * fails WSAECONNRESET. */
WT_CASE(select_reset_then_recv_fails)
{
    SOCKET c, s;
    char buf[4];
    wt_tcp_pair(&c, &s);
    wt_reset_close(c);
    ok(wt_wait_readable(s) == 1, "not readable after reset");
    expect_fail(recv(s, buf, sizeof buf, 0), WSAECONNRESET);
    ok(wt_wait_readable(s) == 1, "still readable");
    closesocket(s);
}

/* Data and end-of-stream: readable until all is read, then recv says 0. */
WT_CASE(select_peer_closed_with_data_readable)
{
    SOCKET c, s;
    char buf[8];
    wt_tcp_pair(&c, &s);
    expect_wsa(send(c, "abc", 3, 0), 3, 0);
    closesocket(c);
    ok(wt_wait_readable(s) == 1, "not readable");
    expect_wsa(recv(s, buf, sizeof buf, 0), 3, 0);
    ok(wt_wait_readable(s) == 1, "not readable at end of stream");
    expect_wsa(recv(s, buf, sizeof buf, 0), 0, 0);
    closesocket(s);
}

struct drain {
    SOCKET s;
    DWORD delay_ms;
    volatile LONG stop;
};
static DWORD WINAPI drain_thread(LPVOID arg)
{
    struct drain *d = arg;
    static char buf[65536];
    DWORD total = 0;
    int n;
    Sleep(d->delay_ms);
    while (!d->stop && (n = recv(d->s, buf, sizeof buf, 0)) > 0)
        total += (DWORD)n;
    return total;
}

/* Writable means the next send proceeds: never WSAEWOULDBLOCK right after
 * select said so (select docs: "send ... can be called without blocking"). */
WT_CASE(select_writable_means_send_proceeds)
{
    SOCKET c, s;
    static char chunk[1000];
    struct timeval zero = {0, 0}, tv = {5, 0};
    struct drain d;
    fd_set w;
    HANDLE t;
    int i;
    wt_tcp_pair(&c, &s);
    fill_send_buffer(c, s);
    FD_ZERO(&w);
    FD_SET(c, &w);
    expect_wsa(select(0, NULL, &w, NULL, &zero), 0, 0);
    d.s = s;
    d.delay_ms = 50;
    d.stop = 0;
    t = CreateThread(NULL, 0, drain_thread, &d, 0, NULL);
    for (i = 0; i < 20; i++) {
        FD_ZERO(&w);
        FD_SET(c, &w);
        expect_wsa(select(0, NULL, &w, NULL, &tv), 1, 0);
        expect_wsa(send(c, chunk, sizeof chunk, 0), (int)sizeof chunk, 0);
    }
    shutdown(c, SD_SEND);
    ok(WaitForSingleObject(t, 10000) == WAIT_OBJECT_0, "drain thread stuck");
    CloseHandle(t);
    closesocket(c);
    closesocket(s);
}

/* Failed non-blocking connect: exceptfds only, SO_ERROR holds the reason
 * (sock.c test_select). */
WT_CASE(select_failed_connect_so_error)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a), c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    fd_set w, e;
    struct timeval tv = {5, 0};
    int err = -1, len = sizeof err;
    closesocket(l);
    wt_refuse_at_once(c);
    wt_nonblocking(c, 1);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    FD_ZERO(&w);
    FD_ZERO(&e);
    FD_SET(c, &w);
    FD_SET(c, &e);
    expect_wsa(select(0, NULL, &w, &e, &tv), 1, 0);
    ok(!FD_ISSET(c, &w) && FD_ISSET(c, &e), "sets %u %u", w.fd_count, e.fd_count);
    expect_ok(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &len));
    ok(err == WSAECONNREFUSED, "SO_ERROR %s", wt_name(err));
    /* Still exceptional on the next look. */
    FD_ZERO(&e);
    FD_SET(c, &e);
    tv.tv_sec = 0;
    expect_wsa(select(0, NULL, NULL, &e, &tv), 1, 0);
    closesocket(c);
}

/* sock.c test_select: an unbound UDP socket is writable at once. */
WT_CASE(select_unbound_udp_writable)
{
    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    fd_set r, w, e;
    struct timeval tv = {0, 250000};
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_ZERO(&e);
    FD_SET(u, &r);
    FD_SET(u, &w);
    FD_SET(u, &e);
    expect_wsa(select(0, &r, &w, &e, &tv), 1, 0);
    ok(FD_ISSET(u, &w) && r.fd_count == 0 && e.fd_count == 0, "sets %u %u %u", r.fd_count, w.fd_count,
       e.fd_count);
    closesocket(u);
}

/* sock.c test_select: readfds == writefds, one socket neither readable nor
 * writable (its send buffer full), the other readable. */
WT_CASE(select_same_set_twice_partly_ready)
{
    SOCKET c, s;
    fd_set set;
    struct timeval tv = {0, 0};
    wt_tcp_pair(&c, &s);
    fill_send_buffer(c, s);
    FD_ZERO(&set);
    FD_SET(c, &set);
    FD_SET(s, &set);
    expect_wsa(select(0, &set, &set, NULL, &tv), 1, 0);
    ok(!FD_ISSET(c, &set) && FD_ISSET(s, &set), "set %u", set.fd_count);
    closesocket(c);
    closesocket(s);
}

/* ---- time-outs ------------------------------------------------------------ */

/* NULL blocks until something is ready. */
WT_CASE(select_null_timeout_blocks)
{
    SOCKET c, s;
    fd_set r;
    struct wt_later l;
    HANDLE t;
    DWORD start;
    wt_tcp_pair(&c, &s);
    l.s = c;
    l.ms = 100;
    l.close = 0;
    start = GetTickCount();
    t = CreateThread(NULL, 0, wt_later_thread, &l, 0, NULL);
    FD_ZERO(&r);
    FD_SET(s, &r);
    expect_wsa(select(0, &r, NULL, NULL, NULL), 1, 0);
    ok(GetTickCount() - start >= 80, "returned after %u ms", (unsigned)(GetTickCount() - start));
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    closesocket(c);
    closesocket(s);
}

/* A negative field is an invalid time-out (select docs: WSAEINVAL), and the
 * sets stay as passed; a huge one waits like any other; tv_usec past a
 * second is accepted. */
WT_CASE(select_timeout_values)
{
    SOCKET c, s;
    fd_set w;
    struct timeval neg1 = {-1, 0}, neg2 = {0, -1}, huge = {0x7fffffff, 999999}, over = {0, 2000000};
    wt_tcp_pair(&c, &s);
    FD_ZERO(&w);
    FD_SET(c, &w);
    expect_fail(select(0, NULL, &w, NULL, &neg1), WSAEINVAL);
    ok(w.fd_count == 1, "set changed: %u", w.fd_count);
    expect_fail(select(0, NULL, &w, NULL, &neg2), WSAEINVAL);
    expect_wsa(select(0, NULL, &w, NULL, &huge), 1, 0);
    ok(huge.tv_sec == 0x7fffffff && huge.tv_usec == 999999, "timeout changed");
    expect_wsa(select(0, NULL, &w, NULL, &over), 1, 0);
    closesocket(c);
    closesocket(s);
}

/* ---- closesocket() from another thread (sock.c test_select, bug 38399) -- */

WT_CASE(select_close_wakes_readfds)
{
    SOCKET c, s;
    fd_set r, e;
    struct timeval tv = {5, 0};
    struct wt_later l;
    HANDLE t;
    wt_tcp_pair(&c, &s);
    l.s = c;
    l.ms = 200;
    l.close = 1;
    t = CreateThread(NULL, 0, wt_later_thread, &l, 0, NULL);
    FD_ZERO(&r);
    FD_ZERO(&e);
    FD_SET(c, &r);
    FD_SET(c, &e);
    expect_wsa(select(0, &r, NULL, &e, &tv), 1, 0);
    ok(FD_ISSET(c, &r) && !FD_ISSET(c, &e), "sets %u %u", r.fd_count, e.fd_count);
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    closesocket(s);
}

WT_CASE(select_close_wakes_exceptfds_only)
{
    SOCKET c, s;
    fd_set e;
    struct timeval tv = {5, 0};
    struct wt_later l;
    HANDLE t;
    wt_tcp_pair(&c, &s);
    l.s = c;
    l.ms = 200;
    l.close = 1;
    t = CreateThread(NULL, 0, wt_later_thread, &l, 0, NULL);
    FD_ZERO(&e);
    FD_SET(c, &e);
    expect_fail(select(0, NULL, NULL, &e, &tv), WSAENOTSOCK);
    ok(!FD_ISSET(c, &e), "closed socket left in the set");
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    closesocket(s);
}

/* A listener closed under select in readfds (sock.c SelectReadThread). */
WT_CASE(select_close_wakes_listener)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a);
    fd_set r;
    struct timeval tv = {5, 0};
    struct wt_later lt;
    HANDLE t;
    lt.s = l;
    lt.ms = 200;
    lt.close = 1;
    t = CreateThread(NULL, 0, wt_later_thread, &lt, 0, NULL);
    FD_ZERO(&r);
    FD_SET(l, &r);
    expect_wsa(select(0, &r, NULL, NULL, &tv), 1, 0);
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
}

/* INVALID_SOCKET alone in the write or the except set: WSAENOTSOCK too. */
WT_CASE(select_invalid_socket_in_each_set)
{
    fd_set s;
    struct timeval tv = {0, 0};
    FD_ZERO(&s);
    FD_SET(INVALID_SOCKET, &s);
    expect_fail(select(0, NULL, &s, NULL, &tv), WSAENOTSOCK);
    ok(s.fd_count == 1, "set changed: %u", s.fd_count);
    expect_fail(select(0, NULL, NULL, &s, &tv), WSAENOTSOCK);
    ok(s.fd_count == 1, "set changed: %u", s.fd_count);
}

/* select reads only fd_count entries: a set whose second entry would lie on
 * an inaccessible page works. */
WT_CASE(select_reads_only_fd_count_entries)
{
    SYSTEM_INFO si;
    SOCKET c, s;
    DWORD old;
    struct timeval tv = {0, 0};
    GetSystemInfo(&si);
    char *mem = VirtualAlloc(NULL, 2 * si.dwPageSize, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    ok(mem != NULL, "VirtualAlloc failed");
    if (!mem)
        return;
    ok(VirtualProtect(mem + si.dwPageSize, si.dwPageSize, PAGE_NOACCESS, &old), "VirtualProtect failed");
    fd_set *set = (fd_set *)(mem + si.dwPageSize - FIELD_OFFSET(fd_set, fd_array) - sizeof(SOCKET));
    wt_tcp_pair(&c, &s);
    set->fd_count = 1;
    set->fd_array[0] = c;
    expect_wsa(select(0, NULL, set, NULL, &tv), 1, 0);
    ok(set->fd_count == 1 && set->fd_array[0] == c, "count %u", set->fd_count);
    set->fd_count = 1;
    set->fd_array[0] = c;
    expect_wsa(select(0, set, NULL, NULL, &tv), 0, 0);
    ok(set->fd_count == 0, "count %u", set->fd_count);
    closesocket(c);
    closesocket(s);
    VirtualFree(mem, 0, MEM_RELEASE);
}

/* 200 connected sockets (100 pairs) in one write set: all 200 come back,
 * in the order given. */
WT_CASE(select_200_writable_in_order)
{
    enum { PAIRS = 100 };
    SOCKET c[PAIRS], s[PAIRS];
    struct {
        u_int fd_count;
        SOCKET fd_array[2 * PAIRS];
    } w;
    struct timeval tv = {0, 0};
    int i, good = 1;
    for (i = 0; i < PAIRS; i++)
        wt_tcp_pair(&c[i], &s[i]);
    w.fd_count = 2 * PAIRS;
    for (i = 0; i < PAIRS; i++) {
        w.fd_array[2 * i] = c[i];
        w.fd_array[2 * i + 1] = s[i];
    }
    expect_wsa(select(0, NULL, (fd_set *)&w, NULL, &tv), 2 * PAIRS, 0);
    ok(w.fd_count == 2 * PAIRS, "count %u", w.fd_count);
    for (i = 0; i < PAIRS; i++)
        good &= w.fd_array[2 * i] == c[i] && w.fd_array[2 * i + 1] == s[i];
    ok(good, "order changed");
    for (i = 0; i < PAIRS; i++) {
        closesocket(c[i]);
        closesocket(s[i]);
    }
}

WT_MAIN(select_invalid_sets, select_invalid_socket_in_each_set, select_reads_only_fd_count_entries,
        select_200_writable_in_order, select_not_a_socket_leaves_sets, select_idle_socket_not_ready,
        select_connected_writable_then_readable, select_listener_pending_connection,
        select_duplicates_counted_once, select_same_set_twice, select_keeps_order, select_timeout_untouched,
        select_peer_closed_readable, select_reset_readable_writable, select_nonblocking_connect_succeeds_writable,
        select_nonblocking_connect_fails_exceptional, select_oob_exceptional, select_oob_inline_readable,
        select_oob_read_then_inline_then_close,
        select_oob_read_then_close_is_graceful, select_waiting_runs_queued_apcs, select_runs_apcs_queued_while_it_waits, fd_isset,
        fd_set_macros, select_bigger_allocated_set, select_handles_above_1024, select_reset_then_recv_fails,
        select_peer_closed_with_data_readable, select_writable_means_send_proceeds, select_failed_connect_so_error,
        select_unbound_udp_writable, select_same_set_twice_partly_ready, select_null_timeout_blocks,
        select_timeout_values, select_close_wakes_readfds, select_close_wakes_exceptfds_only,
        select_close_wakes_listener)
