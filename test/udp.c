/* sendto/recvfrom/send/recv on UDP (sock.c test_UDP, test_connect_udp,
 * test_shutdown, test_broadcast, test_select, test_WSASendTo; afd.c
 * test_recv; recv/recvfrom/sendto docs). */
#include "wstest.h"

WT_CASE(sendto_recvfrom_round_trip)
{
    struct sockaddr_in a, b, from;
    SOCKET s1 = wt_udp(&a), s2 = wt_udp(&b);
    int fromlen = sizeof from;
    char buf[16] = {0};
    expect_wsa(sendto(s1, "ping", 4, 0, (struct sockaddr *)&b, sizeof b), 4, 0);
    expect_wsa(recvfrom(s2, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen), 4, 0);
    ok(!memcmp(buf, "ping", 4), "data %.4s", buf);
    ok(fromlen == sizeof(struct sockaddr_in), "fromlen %d", fromlen);
    ok(from.sin_family == AF_INET && from.sin_port == a.sin_port && from.sin_addr.s_addr == a.sin_addr.s_addr,
       "from %d:%u", from.sin_family, ntohs(from.sin_port));
    closesocket(s1);
    closesocket(s2);
}

/* A fromlen too small fails without consuming the datagram (sock.c test_UDP;
 * WSAEFAULT per recvfrom docs); a larger one gets only sizeof(sockaddr_in). */
WT_CASE(recvfrom_fromlen)
{
    struct sockaddr_in a, b;
    SOCKET s1 = wt_udp(&a), s2 = wt_udp(&b);
    char from[64], buf[16];
    int fromlen = 1;
    expect_wsa(sendto(s1, "abc", 3, 0, (struct sockaddr *)&b, sizeof b), 3, 0);
    ok(wt_wait_readable(s2) == 1, "no datagram");
    memset(from, 0x55, sizeof from);
    expect_fail(recvfrom(s2, buf, sizeof buf, 0, (struct sockaddr *)from, &fromlen), WSAEFAULT);
    ok(fromlen == 1 && (unsigned char)from[0] == 0x55, "from written, fromlen %d", fromlen);
    fromlen = sizeof from;
    expect_wsa(recvfrom(s2, buf, sizeof buf, 0, (struct sockaddr *)from, &fromlen), 3, 0);
    ok(fromlen == sizeof(struct sockaddr_in), "fromlen %d", fromlen);
    ok((unsigned char)from[sizeof(struct sockaddr_in)] == 0x55, "wrote past sockaddr_in");
    closesocket(s1);
    closesocket(s2);
}

WT_CASE(recvfrom_null_from)
{
    struct sockaddr_in a, b;
    SOCKET s1 = wt_udp(&a), s2 = wt_udp(&b);
    char buf[16];
    expect_wsa(sendto(s1, "abc", 3, 0, (struct sockaddr *)&b, sizeof b), 3, 0);
    expect_wsa(recvfrom(s2, buf, sizeof buf, 0, NULL, NULL), 3, 0);
    closesocket(s1);
    closesocket(s2);
}

/* Linux would block forever on an unbound UDP socket. */
WT_CASE(recv_unbound_is_einval)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in a = wt_loopback(0);
    u_long one = 1;
    char buf[4];
    expect_fail(recv(s, buf, sizeof buf, 0), WSAEINVAL);
    expect_fail(recvfrom(s, buf, sizeof buf, 0, NULL, NULL), WSAEINVAL);
    expect_ok(bind(s, (struct sockaddr *)&a, sizeof a));
    expect_ok(ioctlsocket(s, FIONBIO, &one));
    expect_fail(recv(s, buf, sizeof buf, 0), WSAEWOULDBLOCK);
    closesocket(s);
}

/* Linux says EDESTADDRREQ. */
WT_CASE(send_unconnected_is_enotconn)
{
    struct sockaddr_in a;
    SOCKET s = wt_udp(&a), t = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    expect_fail(send(s, "x", 1, 0), WSAENOTCONN);
    expect_fail(send(t, "x", 1, 0), WSAENOTCONN);
    closesocket(s);
    closesocket(t);
}

WT_CASE(sendto_binds_implicitly)
{
    struct sockaddr_in a, name;
    SOCKET r = wt_udp(&a), s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    int len = sizeof name;
    char buf[4];
    expect_fail(getsockname(s, (struct sockaddr *)&name, &len), WSAEINVAL);
    expect_wsa(sendto(s, "x", 1, 0, (struct sockaddr *)&a, sizeof a), 1, 0);
    len = sizeof name;
    expect_ok(getsockname(s, (struct sockaddr *)&name, &len));
    ok(name.sin_family == AF_INET && name.sin_port != 0, "not bound: port %u", ntohs(name.sin_port));
    /* and so it can receive the answer */
    len = sizeof a;
    expect_wsa(recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&a, &len), 1, 0);
    expect_wsa(sendto(r, "y", 1, 0, (struct sockaddr *)&a, len), 1, 0);
    expect_wsa(recv(s, buf, sizeof buf, 0), 1, 0);
    closesocket(r);
    closesocket(s);
}

WT_CASE(sendto_bad_address)
{
    struct sockaddr_in a;
    SOCKET s = wt_udp(&a);
    expect_fail(sendto(s, "x", 1, 0, (struct sockaddr *)&a, sizeof a - 1), WSAEFAULT);
    expect_fail(sendto(s, NULL, 1, 0, (struct sockaddr *)&a, sizeof a), WSAEFAULT);
    closesocket(s);
}

/* Windows sends to port 0 (sock.c test_UDP); Linux refuses with EINVAL. */
WT_CASE(sendto_port_zero)
{
    struct sockaddr_in a;
    SOCKET s = wt_udp(&a);
    struct sockaddr_in to = wt_loopback(0);
    expect_wsa(sendto(s, "x", 1, 0, (struct sockaddr *)&to, sizeof to), 1, 0);
    closesocket(s);
}

/* The rest of a datagram larger than the buffer is lost: WSAEMSGSIZE, the
 * buffer holds the start (afd.c test_recv). */
WT_CASE(datagram_too_big)
{
    struct sockaddr_in a, b;
    SOCKET s1 = wt_udp(&a), s2 = wt_udp(&b);
    char buf[8] = {0};
    expect_wsa(sendto(s1, "datagram!", 9, 0, (struct sockaddr *)&b, sizeof b), 9, 0);
    expect_wsa(sendto(s1, "next", 4, 0, (struct sockaddr *)&b, sizeof b), 4, 0);
    ok(wt_wait_readable(s2) == 1, "no datagram");
    expect_wsa(recv(s2, buf, 4, MSG_PEEK), SOCKET_ERROR, WSAEMSGSIZE);
    expect_wsa(recv(s2, buf, 4, 0), SOCKET_ERROR, WSAEMSGSIZE);
    ok(!memcmp(buf, "data", 4), "buffer %.4s", buf);
    memset(buf, 0, sizeof buf);
    expect_wsa(recv(s2, buf, sizeof buf, 0), 4, 0);
    ok(!memcmp(buf, "next", 4), "next datagram %.4s", buf);
    closesocket(s1);
    closesocket(s2);
}

WT_CASE(zero_length_datagram)
{
    struct sockaddr_in a, b;
    SOCKET s1 = wt_udp(&a), s2 = wt_udp(&b);
    char buf[4];
    expect_wsa(sendto(s1, NULL, 0, 0, (struct sockaddr *)&b, sizeof b), 0, 0);
    ok(wt_wait_readable(s2) == 1, "no datagram");
    expect_wsa(recv(s2, buf, sizeof buf, 0), 0, 0);
    closesocket(s1);
    closesocket(s2);
}

/* send/recvfrom documents MSG_OOB as WSAEOPNOTSUPP on datagram sockets. */
WT_CASE(oob_not_supported)
{
    struct sockaddr_in a;
    SOCKET s = wt_udp(&a);
    char buf[4];
    expect_fail(sendto(s, "x", 1, MSG_OOB, (struct sockaddr *)&a, sizeof a), WSAEOPNOTSUPP);
    expect_fail(recv(s, buf, sizeof buf, MSG_OOB), WSAEOPNOTSUPP);
    closesocket(s);
}

WT_CASE(connected_send_recv)
{
    struct sockaddr_in a, b;
    SOCKET s1 = wt_udp(&a), s2 = wt_udp(&b);
    char buf[8] = {0};
    expect_ok(connect(s1, (struct sockaddr *)&b, sizeof b));
    expect_wsa(send(s1, "conn", 4, 0), 4, 0);
    expect_wsa(recv(s2, buf, sizeof buf, 0), 4, 0);
    ok(!memcmp(buf, "conn", 4), "data %.4s", buf);
    closesocket(s1);
    closesocket(s2);
}

/* ICMP port unreachable is not reported to send (sock.c test_UDP), but is to
 * the next receive as WSAECONNRESET (recv docs); Linux says ECONNREFUSED to
 * whichever call comes first. */
WT_CASE(connected_to_closed_port)
{
    struct sockaddr_in a, gone;
    SOCKET s = wt_udp(&a), g = wt_udp(&gone);
    u_long one = 1;
    char buf[4];
    closesocket(g);
    expect_ok(connect(s, (struct sockaddr *)&gone, sizeof gone));
    for (int i = 0; i < 3; i++) {
        expect_wsa(send(s, "x", 1, 0), 1, 0);
        Sleep(10);
    }
    expect_ok(ioctlsocket(s, FIONBIO, &one));
    ok(wt_wait_readable(s) == 1, "not readable");
    expect_fail(recv(s, buf, sizeof buf, 0), WSAECONNRESET);
    closesocket(s);
}

/* Back to back, with ICMP errors piling up: still every send succeeds. */
WT_CASE(connected_to_closed_port_many_sends)
{
    struct sockaddr_in a, gone;
    SOCKET s = wt_udp(&a), g = wt_udp(&gone);
    int fails = 0, last = 0;
    closesocket(g);
    expect_ok(connect(s, (struct sockaddr *)&gone, sizeof gone));
    for (int i = 0; i < 300; i++) {
        WSASetLastError(SENTINEL);
        if (send(s, "x", 1, 0) != 1) {
            fails++;
            last = WSAGetLastError();
        }
    }
    ok(fails == 0, "%d of 300 sends failed (last %s)", fails, wt_name(last));
    closesocket(s);
}

WT_CASE(shutdown_receive_then_recvfrom)
{
    struct sockaddr_in a;
    SOCKET s = wt_udp(&a);
    char buf[4];
    expect_ok(shutdown(s, SD_RECEIVE));
    expect_fail(recvfrom(s, buf, sizeof buf, 0, NULL, NULL), WSAESHUTDOWN);
    expect_fail(recvfrom(s, buf, sizeof buf, 0, NULL, NULL), WSAESHUTDOWN);
    closesocket(s);
}

WT_CASE(shutdown_send_then_sendto)
{
    struct sockaddr_in a;
    SOCKET s = wt_udp(&a);
    expect_ok(shutdown(s, SD_SEND));
    expect_fail(sendto(s, "x", 1, 0, (struct sockaddr *)&a, sizeof a), WSAESHUTDOWN);
    closesocket(s);
}

/* Only the refusal is tested: a permitted broadcast would leave loopback. */
WT_CASE(broadcast_needs_so_broadcast)
{
    struct sockaddr_in a, bc;
    SOCKET s = wt_udp(&a);
    bc = wt_loopback(9);
    bc.sin_addr.s_addr = htonl(INADDR_BROADCAST);
    expect_fail(sendto(s, "x", 1, 0, (struct sockaddr *)&bc, sizeof bc), WSAEACCES);
    closesocket(s);
}

WT_CASE(ipv6_round_trip)
{
    SOCKET s1 = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP), s2 = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in6 a, from;
    int len = sizeof a, fromlen = sizeof from;
    char buf[8];
    memset(&a, 0, sizeof a);
    a.sin6_family = AF_INET6;
    a.sin6_addr.s6_addr[15] = 1;
    expect_ok(bind(s2, (struct sockaddr *)&a, sizeof a));
    expect_ok(getsockname(s2, (struct sockaddr *)&a, &len));
    expect_wsa(sendto(s1, "six", 3, 0, (struct sockaddr *)&a, sizeof a), 3, 0);
    expect_wsa(recvfrom(s2, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen), 3, 0);
    ok(fromlen == sizeof(struct sockaddr_in6) && from.sin6_family == AF_INET6, "fromlen %d family %d", fromlen,
       from.sin6_family);
    fromlen = sizeof(struct sockaddr_in);
    expect_wsa(sendto(s1, "six", 3, 0, (struct sockaddr *)&a, sizeof a), 3, 0);
    ok(wt_wait_readable(s2) == 1, "no datagram");
    expect_fail(recvfrom(s2, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen), WSAEFAULT);
    closesocket(s1);
    closesocket(s2);
}

WT_MAIN(sendto_recvfrom_round_trip, recvfrom_fromlen, recvfrom_null_from, recv_unbound_is_einval,
        send_unconnected_is_enotconn, sendto_binds_implicitly, sendto_bad_address, sendto_port_zero,
        datagram_too_big, zero_length_datagram, oob_not_supported, connected_send_recv, connected_to_closed_port, connected_to_closed_port_many_sends,
        shutdown_receive_then_recvfrom, shutdown_send_then_sendto, broadcast_needs_so_broadcast, ipv6_round_trip)
