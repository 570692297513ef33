/* send/recv on TCP and select (sock.c test_send, test_send_buffering,
 * test_shutdown, test_tcp_reset, test_tcp_sendto_recvfrom, test_select,
 * test_connect_udp; afd.c test_recv; send/recv/select docs). */
#include "wstest.h"

static void set_nonblocking(SOCKET s, u_long on)
{
    ok(ioctlsocket(s, FIONBIO, &on) == 0, "FIONBIO: %s", wt_name(WSAGetLastError()));
}

/* Wait (bounded) until s is readable. */
static int wait_readable(SOCKET s)
{
    fd_set r;
    struct timeval tv = {2, 0};
    FD_ZERO(&r);
    FD_SET(s, &r);
    return select(0, &r, NULL, NULL, &tv);
}

/* Abortive close: SO_LINGER {1, 0} then closesocket sends a reset. */
static void reset_close(SOCKET s)
{
    struct linger l = {1, 0};
    ok(setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&l, sizeof l) == 0, "SO_LINGER: %s",
       wt_name(WSAGetLastError()));
    closesocket(s);
}

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
    ok(wait_readable(s) == 1, "no data");
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
    ok(wait_readable(s) == 1, "data did not arrive");
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
    reset_close(c);
    ok(wait_readable(s) == 1, "reset did not make the socket readable");
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
    reset_close(c);
    ok(wait_readable(s) == 1, "reset did not make the socket readable");
    expect_fail(send(s, "x", 1, 0), WSAECONNRESET);
    expect_fail(send(s, "x", 1, 0), WSAECONNRESET);
    expect_fail(recv(s, buf, sizeof buf, 0), WSAECONNRESET);
    closesocket(s);
}

WT_CASE(nonblocking_recv_would_block)
{
    SOCKET c, s;
    char buf[4];
    wt_tcp_pair(&c, &s);
    set_nonblocking(s, 1);
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
    set_nonblocking(c, 1);
    while (n < 8 * 1024 * 1024 && (r = send(c, "x", 1, 0)) == 1)
        n++;
    err = WSAGetLastError();
    ok(r == SOCKET_ERROR && err == WSAEWOULDBLOCK, "after %d bytes: returned %d, error %s", n, r, wt_name(err));
    closesocket(c);
    closesocket(s);
}

/* A non-blocking send larger than the socket buffers still takes the whole
 * buffer, never a partial count (test_send_buffering). */
WT_CASE(nonblocking_send_never_partial)
{
    SOCKET c, s;
    const int len = 8 * 1024 * 1024;
    char *big = calloc(1, (size_t)len);
    struct drain d;
    DWORD got = 0;
    wt_tcp_pair(&c, &s);
    d.s = s;
    d.delay_ms = 100;
    HANDLE t = CreateThread(NULL, 0, drain_thread, &d, 0, NULL);
    set_nonblocking(c, 1);
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

/* A blocking send returns the full length (sock.c test_send: 1 MiB). */
WT_CASE(blocking_send_full_length)
{
    SOCKET c, s;
    const int len = 4 * 1024 * 1024;
    char *big = calloc(1, (size_t)len);
    struct drain d;
    DWORD got = 0;
    wt_tcp_pair(&c, &s);
    d.s = s;
    d.delay_ms = 50;
    HANDLE t = CreateThread(NULL, 0, drain_thread, &d, 0, NULL);
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

WT_CASE(recv_peek)
{
    SOCKET c, s;
    char buf[8] = {0};
    wt_tcp_pair(&c, &s);
    expect_wsa(send(c, "peek", 4, 0), 4, 0);
    ok(wait_readable(s) == 1, "no data");
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
    ok(wait_readable(s) == 1, "no data");
    Sleep(10);
    expect_wsa(recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)from, &fromlen), 6, 0);
    ok(fromlen == (int)0xc0ffee11, "fromlen changed to %d", fromlen);
    ok((unsigned char)from[0] == 0xab && (unsigned char)from[15] == 0xab, "from written");
    closesocket(c);
    closesocket(s);
}

/* ---- select ----------------------------------------------------------- */

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
    ok(wait_readable(s) == 1, "no data");
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
    ok(wait_readable(s) == 1, "no data");
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
    ok(wait_readable(s) == 1, "not readable after peer close");
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
    reset_close(c);
    ok(wait_readable(s) == 1, "not readable after reset");
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
    set_nonblocking(c, 1);
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
    set_nonblocking(c, 1);
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
    closesocket(c);
    closesocket(s);
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

WT_MAIN(send_recv_round_trip, recv_end_of_stream_clears_last_error, zero_length_send_recv, bad_arguments,
        unconnected_tcp_is_enotconn, recv_on_listener_is_enotconn, send_after_shutdown_send,
        recv_after_shutdown_receive, shutdown_both, nonblocking_recv_would_block,
        nonblocking_send_fills_then_would_block, nonblocking_send_never_partial, blocking_send_full_length, recv_peek,
        tcp_sendto_recvfrom_ignore_addresses, select_invalid_sets, select_not_a_socket_leaves_sets,
        select_idle_socket_not_ready, select_connected_writable_then_readable, select_listener_pending_connection,
        select_duplicates_counted_once, select_same_set_twice, select_keeps_order, select_timeout_untouched,
        select_peer_closed_readable, select_nonblocking_connect_succeeds_writable,
        select_nonblocking_connect_fails_exceptional, fd_isset,
        /* These need setsockopt (SO_LINGER, SO_RCVTIMEO, SO_OOBINLINE). */
        blocking_recv_timeout, select_oob_exceptional, select_oob_inline_readable, reset_recv_then_send,
        reset_send_then_recv, select_reset_readable_writable)
