/* WSASend, WSASendTo, WSARecv, WSARecvFrom, WSASendDisconnect,
 * WSARecvDisconnect (sock.c test_WSARecv, test_WSASendTo, test_send,
 * test_empty_recv, test_tcp_reset, test_shutdown; afd.c test_recv;
 * WSARecv, WSASendDisconnect, WSARecvDisconnect docs). */
#include "wstest.h"

static WSABUF wsabuf(char *p, ULONG len)
{
    WSABUF b;
    b.buf = p;
    b.len = len;
    return b;
}

WT_CASE(gather_then_scatter)
{
    SOCKET c, s;
    char out1[] = "da", out2[] = "ta", in1[2], in2[4] = {'x', 'x', 'x', 'x'};
    WSABUF ob[2], ib[2];
    DWORD sent = 0xdeadbeef, got = 0xdeadbeef, flags = 0;
    wt_tcp_pair(&c, &s);
    ob[0] = wsabuf(out1, 2);
    ob[1] = wsabuf(out2, 3); /* with the NUL */
    expect_ok(WSASend(c, ob, 2, &sent, 0, NULL, NULL));
    ok(sent == 5, "sent %u", (unsigned)sent);
    ok(wt_wait_readable(s) == 1, "no data");
    ib[0] = wsabuf(in1, sizeof in1);
    ib[1] = wsabuf(in2, sizeof in2);
    expect_ok(WSARecv(s, ib, 2, &got, &flags, NULL, NULL));
    ok(got == 5 && flags == 0, "got %u flags %#x", (unsigned)got, (unsigned)flags);
    ok(!memcmp(in1, "da", 2) && !memcmp(in2, "ta\0x", 4), "scatter order");
    closesocket(c);
    closesocket(s);
}

/* Two bytes pending, a 1-byte buffer: two receives of one byte each. */
WT_CASE(stream_partial_reads)
{
    SOCKET c, s;
    char b;
    WSABUF ib = wsabuf(&b, 1);
    DWORD got, flags = 0;
    wt_tcp_pair(&c, &s);
    expect_wsa(send(c, "ab", 2, 0), 2, 0);
    ok(wt_wait_readable(s) == 1, "no data");
    Sleep(10);
    got = 0xdeadbeef;
    expect_ok(WSARecv(s, &ib, 1, &got, &flags, NULL, NULL));
    ok(got == 1 && b == 'a', "got %u %c", (unsigned)got, b);
    got = 0xdeadbeef;
    expect_ok(WSARecv(s, &ib, 1, &got, &flags, NULL, NULL));
    ok(got == 1 && b == 'b' && flags == 0, "got %u %c flags %#x", (unsigned)got, b, (unsigned)flags);
    closesocket(c);
    closesocket(s);
}

/* More pieces than fit the library's stack array. */
WT_CASE(many_buffers)
{
    SOCKET c, s;
    char out[40], in[40];
    WSABUF ob[40], ib[40];
    DWORD sent = 0, got = 0, flags = 0, total = 0;
    int i;
    wt_tcp_pair(&c, &s);
    for (i = 0; i < 40; i++) {
        out[i] = (char)('A' + i);
        ob[i] = wsabuf(&out[i], 1);
        ib[i] = wsabuf(&in[39 - i], 1);
    }
    expect_ok(WSASend(c, ob, 40, &sent, 0, NULL, NULL));
    ok(sent == 40, "sent %u", (unsigned)sent);
    while (total < 40) {
        ok(wt_wait_readable(s) == 1, "no data");
        for (i = 0; i < 40; i++)
            ib[i] = wsabuf(&in[39 - (i + (int)total)], 1);
        if (WSARecv(s, ib, 40 - total, &got, &flags, NULL, NULL) != 0 || !got)
            break;
        total += got;
    }
    ok(total == 40, "received %u", (unsigned)total);
    for (i = 0; i < 40; i++)
        ok(in[39 - i] == out[i], "byte %d", i);
    closesocket(c);
    closesocket(s);
}

WT_CASE(null_byte_count_without_overlapped)
{
    struct sockaddr_in a;
    SOCKET u = wt_udp(&a), c, s;
    char buf[4];
    WSABUF b = wsabuf(buf, sizeof buf);
    DWORD flags = 0;
    expect_fail(WSASendTo(u, &b, 1, NULL, 0, (struct sockaddr *)&a, sizeof a, NULL, NULL), WSAEFAULT);
    /* The handle is checked first (sock.c test_WSASendTo). */
    expect_fail(WSASendTo(INVALID_SOCKET, &b, 1, NULL, 0, (struct sockaddr *)&a, sizeof a, NULL, NULL), WSAENOTSOCK);
    wt_tcp_pair(&c, &s);
    expect_fail(WSASend(c, &b, 1, NULL, 0, NULL, NULL), WSAEFAULT);
    expect_fail(WSARecv(s, &b, 1, NULL, &flags, NULL, NULL), WSAEFAULT);
    closesocket(u);
    closesocket(c);
    closesocket(s);
}

WT_CASE(not_a_socket)
{
    char buf[4];
    WSABUF b = wsabuf(buf, sizeof buf);
    DWORD n, flags = 0;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    expect_fail(WSASend(INVALID_SOCKET, &b, 1, NULL, 0, &ov, NULL), WSAENOTSOCK);
    expect_fail(WSARecv(INVALID_SOCKET, &b, 1, &n, &flags, NULL, NULL), WSAENOTSOCK);
}

WT_CASE(no_buffers)
{
    SOCKET c, s;
    char buf[4];
    WSABUF b = wsabuf(buf, sizeof buf);
    DWORD n, flags = 0;
    wt_tcp_pair(&c, &s);
    expect_fail(WSARecv(s, NULL, 0, &n, &flags, NULL, NULL), WSAEINVAL);
    expect_fail(WSARecv(s, &b, 0, &n, &flags, NULL, NULL), WSAEINVAL);
    closesocket(c);
    closesocket(s);
}

/* The byte count is left alone when the call fails (sock.c test_timeout). */
WT_CASE(would_block_leaves_count)
{
    SOCKET c, s;
    char buf[4];
    WSABUF b = wsabuf(buf, sizeof buf);
    DWORD n = 0xdeadbeef, flags = 0;
    u_long one = 1;
    wt_tcp_pair(&c, &s);
    expect_ok(ioctlsocket(s, FIONBIO, &one));
    expect_fail(WSARecv(s, &b, 1, &n, &flags, NULL, NULL), WSAEWOULDBLOCK);
    ok(n == 0xdeadbeef, "count written: %u", (unsigned)n);
    closesocket(c);
    closesocket(s);
}

WT_CASE(peek_flag)
{
    SOCKET c, s;
    char buf[8];
    WSABUF b = wsabuf(buf, sizeof buf);
    DWORD n = 0, flags = MSG_PEEK;
    wt_tcp_pair(&c, &s);
    expect_wsa(send(c, "pk", 2, 0), 2, 0);
    ok(wt_wait_readable(s) == 1, "no data");
    expect_ok(WSARecv(s, &b, 1, &n, &flags, NULL, NULL));
    ok(n == 2, "peeked %u", (unsigned)n);
    flags = 0;
    expect_ok(WSARecv(s, &b, 1, &n, &flags, NULL, NULL));
    ok(n == 2 && !memcmp(buf, "pk", 2), "read %u", (unsigned)n);
    closesocket(c);
    closesocket(s);
}

/* A datagram cut to fit: WSAEMSGSIZE, buffers filled, MSG_PARTIAL reported
 * (afd.c test_recv: 9 bytes into 2 + 4 give 6; WSARecv docs). */
WT_CASE(datagram_partial)
{
    struct sockaddr_in a, b, from;
    SOCKET s1 = wt_udp(&a), s2 = wt_udp(&b);
    char in1[2], in2[4];
    WSABUF ib[2];
    DWORD got = 0xdeadbeef, flags = 0;
    int fromlen = sizeof from;
    expect_wsa(sendto(s1, "datagram!", 9, 0, (struct sockaddr *)&b, sizeof b), 9, 0);
    expect_wsa(sendto(s1, "ok", 2, 0, (struct sockaddr *)&b, sizeof b), 2, 0);
    ok(wt_wait_readable(s2) == 1, "no datagram");
    ib[0] = wsabuf(in1, sizeof in1);
    ib[1] = wsabuf(in2, sizeof in2);
    expect_fail(WSARecvFrom(s2, ib, 2, &got, &flags, (struct sockaddr *)&from, &fromlen, NULL, NULL), WSAEMSGSIZE);
    ok(got == 6 && flags == MSG_PARTIAL, "got %u flags %#x", (unsigned)got, (unsigned)flags);
    ok(!memcmp(in1, "da", 2) && !memcmp(in2, "tagr", 4), "buffers");
    ok(fromlen == sizeof from && from.sin_port == a.sin_port, "from port %u", ntohs(from.sin_port));
    flags = 0;
    expect_ok(WSARecv(s2, ib, 2, &got, &flags, NULL, NULL));
    ok(got == 2 && flags == 0 && !memcmp(in1, "ok", 2), "next datagram: got %u flags %#x", (unsigned)got,
       (unsigned)flags);
    closesocket(s1);
    closesocket(s2);
}

/* One datagram from three pieces; WSASendTo binds the socket
 * (sock.c test_WSASendTo). */
WT_CASE(sendto_gathers_one_datagram)
{
    struct sockaddr_in a, name, from;
    SOCKET r = wt_udp(&a), s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    char p1[] = "one", p2[] = "two", p3[] = "three", in[32] = {0};
    WSABUF ob[3], ib = wsabuf(in, sizeof in);
    DWORD sent = 0, got = 0, flags = 0;
    int len = sizeof name, fromlen = sizeof from;
    ob[0] = wsabuf(p1, 3);
    ob[1] = wsabuf(p2, 3);
    ob[2] = wsabuf(p3, 5);
    expect_fail(getsockname(s, (struct sockaddr *)&name, &len), WSAEINVAL);
    expect_ok(WSASendTo(s, ob, 3, &sent, 0, (struct sockaddr *)&a, sizeof a, NULL, NULL));
    ok(sent == 11, "sent %u", (unsigned)sent);
    len = sizeof name;
    expect_ok(getsockname(s, (struct sockaddr *)&name, &len));
    ok(name.sin_port != 0, "not bound");
    expect_ok(WSARecvFrom(r, &ib, 1, &got, &flags, (struct sockaddr *)&from, &fromlen, NULL, NULL));
    ok(got == 11 && !memcmp(in, "onetwothree", 11), "got %u %s", (unsigned)got, in);
    ok(from.sin_port == name.sin_port, "from port %u", ntohs(from.sin_port));
    closesocket(r);
    closesocket(s);
}

/* WSARecv after a reset repeats WSAECONNRESET (sock.c test_tcp_reset). */
WT_CASE(reset_repeats)
{
    SOCKET c, s;
    char buf[4];
    WSABUF b = wsabuf(buf, sizeof buf);
    DWORD n = 0xdeadbeef, flags = 0;
    struct linger l = {1, 0};
    wt_tcp_pair(&c, &s);
    ok(setsockopt(c, SOL_SOCKET, SO_LINGER, (char *)&l, sizeof l) == 0, "SO_LINGER");
    closesocket(c);
    ok(wt_wait_readable(s) == 1, "not readable");
    expect_fail(WSARecv(s, &b, 1, &n, &flags, NULL, NULL), WSAECONNRESET);
    expect_fail(WSARecv(s, &b, 1, &n, &flags, NULL, NULL), WSAECONNRESET);
    expect_fail(WSASend(s, &b, 1, &n, 0, NULL, NULL), WSAECONNRESET);
    ok(n == 0xdeadbeef, "count written: %u", (unsigned)n);
    closesocket(s);
}

WT_CASE(send_disconnect)
{
    SOCKET c, s, t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    char buf[4] = "abc";
    WSABUF data = wsabuf(buf, 3);
    wt_tcp_pair(&c, &s);
    expect_fail(WSASendDisconnect(t, NULL), WSAENOTCONN);
    expect_fail(WSASendDisconnect(INVALID_SOCKET, NULL), WSAENOTSOCK);
    /* TCP/IP has no disconnect data (WSASendDisconnect docs). */
    expect_fail(WSASendDisconnect(c, &data), WSAENOPROTOOPT);
    expect_ok(WSASendDisconnect(c, NULL));
    expect_fail(send(c, "x", 1, 0), WSAESHUTDOWN);
    expect_wsa(recv(s, buf, sizeof buf, 0), 0, 0);
    expect_wsa(send(s, "ab", 2, 0), 2, 0); /* the other direction still works */
    expect_wsa(recv(c, buf, sizeof buf, 0), 2, 0);
    closesocket(t);
    closesocket(c);
    closesocket(s);
}

WT_CASE(recv_disconnect)
{
    SOCKET c, s;
    char buf[4];
    WSABUF data = wsabuf(buf, sizeof buf);
    wt_tcp_pair(&c, &s);
    expect_fail(WSARecvDisconnect(s, &data), WSAENOPROTOOPT);
    expect_ok(WSARecvDisconnect(s, NULL));
    expect_fail(recv(s, buf, sizeof buf, 0), WSAESHUTDOWN);
    expect_wsa(send(s, "ab", 2, 0), 2, 0);
    expect_wsa(recv(c, buf, sizeof buf, 0), 2, 0);
    closesocket(c);
    closesocket(s);
}

WT_MAIN(gather_then_scatter, stream_partial_reads, many_buffers, null_byte_count_without_overlapped, not_a_socket,
        no_buffers, would_block_leaves_count, peek_flag, datagram_partial, sendto_gathers_one_datagram,
        send_disconnect, recv_disconnect, reset_repeats)
