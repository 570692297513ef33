/* WSAConnectByNameA/W, WSAConnectByList and WSAJoinLeaf, on loopback.
 * Rules from Wine's sock.c test_WSAConnectByName (which uses a remote
 * host; the same calls are made here against a local listener) and the
 * reference pages. */
#include "wstest.h"

static char port[8];
static SOCKET listener;

static void serve(void)
{
    struct sockaddr_in addr;
    listener = wt_listener(&addr);
    _snprintf(port, sizeof port, "%u", ntohs(addr.sin_port));
}

WT_CASE(by_name_fills_addresses)
{
    serve();
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    SOCKADDR_IN local = {0}, remote = {0}, sock = {0}, peer = {0};
    DWORD llen = sizeof local, rlen = sizeof remote;
    int sl = sizeof sock, pl = sizeof peer;
    expect_wsa(WSAConnectByNameA(s, "127.0.0.1", port, &llen, (struct sockaddr *)&local, &rlen,
                                 (struct sockaddr *)&remote, NULL, NULL),
               TRUE, 0);
    expect_ok(getsockname(s, (struct sockaddr *)&sock, &sl));
    expect_ok(getpeername(s, (struct sockaddr *)&peer, &pl));
    ok(llen == sizeof local && rlen == sizeof remote, "lengths %lu %lu", (unsigned long)llen, (unsigned long)rlen);
    ok(!local.sin_port && local.sin_addr.s_addr == sock.sin_addr.s_addr && local.sin_family == AF_INET,
       "the local address, port 0");
    ok(!memcmp(&remote, &peer, sizeof peer), "the remote address");
    SOCKET a = accept(listener, NULL, NULL);
    expect_wsa(send(s, "x", 1, 0), 1, 0);
    closesocket(a);
    closesocket(s);
    /* Addresses without lengths are not written. */
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&local, 0, sizeof local);
    memset(&remote, 0, sizeof remote);
    expect_wsa(WSAConnectByNameA(s, "localhost", port, NULL, (struct sockaddr *)&local, NULL, (struct sockaddr *)&remote,
                                 NULL, NULL),
               TRUE, 0);
    ok(!local.sin_family && !remote.sin_family, "nothing written");
    closesocket(accept(listener, NULL, NULL));
    closesocket(s);
    /* Lengths without addresses are set. */
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    llen = rlen = 50;
    expect_wsa(WSAConnectByNameA(s, "127.0.0.1", port, &llen, NULL, &rlen, NULL, NULL, NULL), TRUE, 0);
    ok(llen == sizeof(SOCKADDR_IN) && rlen == sizeof(SOCKADDR_IN), "lengths %lu %lu", (unsigned long)llen,
       (unsigned long)rlen);
    closesocket(accept(listener, NULL, NULL));
    closesocket(s);
    /* Too short: WSAEFAULT, lengths left alone. */
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    llen = rlen = 3;
    expect_wsa(WSAConnectByNameA(s, "127.0.0.1", port, &llen, (struct sockaddr *)&local, &rlen,
                                 (struct sockaddr *)&remote, NULL, NULL),
               FALSE, WSAEFAULT);
    ok(llen == 3 && rlen == 3, "lengths %lu %lu", (unsigned long)llen, (unsigned long)rlen);
    closesocket(accept(listener, NULL, NULL));
    closesocket(s);
    closesocket(listener);
}

WT_CASE(by_name_errors)
{
    serve();
    WSAOVERLAPPED ov;
    struct timeval tv = {2, 0};
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    expect_wsa(WSAConnectByNameA(s, NULL, port, NULL, NULL, NULL, NULL, NULL, NULL), FALSE, WSAEINVAL);
    closesocket(s);
    /* The name is checked before the (closed) socket. */
    expect_wsa(WSAConnectByNameA(s, "127.0.0.1", NULL, NULL, NULL, NULL, NULL, NULL, NULL), FALSE, WSAEINVAL);
    expect_wsa(WSAConnectByNameA(s, "127.0.0.1", port, NULL, NULL, NULL, NULL, NULL, NULL), FALSE, WSAENOTSOCK);
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    expect_wsa(WSAConnectByNameA(s, "127.0.0.1", "nonexistentservice", NULL, NULL, NULL, NULL, NULL, NULL), FALSE,
               WSATYPE_NOT_FOUND);
    expect_wsa(WSAConnectByNameA(s, "127.0.0.1", port, NULL, NULL, NULL, NULL, &tv, &ov), FALSE, WSAEINVAL);
    closesocket(s);
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    expect_wsa(WSAConnectByNameA(s, "127.0.0.1", port, NULL, NULL, NULL, NULL, NULL, NULL), FALSE, WSAEINVAL);
    closesocket(s);
    /* Nobody listening: the connect's own error. */
    closesocket(listener);
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    wt_refuse_at_once(s);
    expect_wsa(WSAConnectByNameA(s, "127.0.0.1", port, NULL, NULL, NULL, NULL, &tv, NULL), FALSE, WSAECONNREFUSED);
    closesocket(s);
}

/* An IPv6 socket with IPV6_V6ONLY off reaches IPv4 addresses too. */
WT_CASE(by_name_wide_and_dual_stack)
{
    serve();
    wchar_t wport[8];
    _snwprintf(wport, ARRAYSIZE(wport), L"%S", port);
    SOCKET s = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    DWORD off = 0;
    SOCKADDR_IN6 remote;
    DWORD rlen = sizeof remote;
    expect_ok(setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&off, sizeof off));
    expect_wsa(WSAConnectByNameW(s, (LPWSTR)L"127.0.0.1", wport, NULL, NULL, &rlen, (struct sockaddr *)&remote, NULL,
                                 NULL),
               TRUE, 0);
    ok(rlen == sizeof remote && remote.sin6_family == AF_INET6 && IN6_IS_ADDR_V4MAPPED(&remote.sin6_addr),
       "a mapped IPv4 peer");
    closesocket(accept(listener, NULL, NULL));
    closesocket(s);
    closesocket(listener);
}

WT_CASE(by_list)
{
    serve();
    struct sockaddr_in dead = wt_loopback(1), live;
    int ll = sizeof live;
    getsockname(listener, (struct sockaddr *)&live, &ll);
    struct {
        INT count;
        SOCKET_ADDRESS a[2];
    } list = {2, {{(LPSOCKADDR)&dead, sizeof dead}, {(LPSOCKADDR)&live, sizeof live}}};
    SOCKADDR_IN remote;
    DWORD rlen = sizeof remote;
    struct timeval tv = {5, 0};
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    wt_refuse_at_once(s); /* the dead address is refused at once: this is about the order */
    expect_wsa(WSAConnectByList(s, (PSOCKET_ADDRESS_LIST)&list, NULL, NULL, &rlen, (struct sockaddr *)&remote, &tv,
                                NULL),
               TRUE, 0);
    ok(remote.sin_port == live.sin_port, "the address that answered");
    closesocket(accept(listener, NULL, NULL));
    closesocket(s);
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    wt_refuse_at_once(s);
    list.count = 1;
    expect_wsa(WSAConnectByList(s, (PSOCKET_ADDRESS_LIST)&list, NULL, NULL, NULL, NULL, &tv, NULL), FALSE,
               WSAECONNREFUSED);
    list.count = 0;
    expect_wsa(WSAConnectByList(s, (PSOCKET_ADDRESS_LIST)&list, NULL, NULL, NULL, NULL, &tv, NULL), FALSE, WSAEINVAL);
    expect_wsa(WSAConnectByList(s, NULL, NULL, NULL, NULL, NULL, &tv, NULL), FALSE, WSAEFAULT);
    closesocket(s);
    closesocket(listener);
}

/* IP multicast is the multipoint of TCP/IP; a stream socket has none. */
WT_CASE(join_leaf)
{
    struct sockaddr_in group = wt_loopback(5000);
    group.sin_addr.s_addr = inet_addr("239.255.0.1");
    SOCKET tcp = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    SOCKET udp = WSASocketA(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0,
                            WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF);
    expect_wsa(WSAJoinLeaf(tcp, (struct sockaddr *)&group, sizeof group, NULL, NULL, NULL, NULL, JL_BOTH),
               INVALID_SOCKET, WSAEOPNOTSUPP);
    expect_wsa(WSAJoinLeaf(udp, (struct sockaddr *)&group, 2, NULL, NULL, NULL, NULL, JL_BOTH), INVALID_SOCKET,
               WSAEFAULT);
    expect_wsa(WSAJoinLeaf(udp, (struct sockaddr *)&group, sizeof group, NULL, NULL, NULL, NULL, 0x80),
               INVALID_SOCKET, WSAEINVAL);
    /* A sender joins nothing. */
    WSABUF callee = {5, NULL};
    expect_wsa(WSAJoinLeaf(udp, (struct sockaddr *)&group, sizeof group, NULL, &callee, NULL, NULL, JL_SENDER_ONLY),
               udp, 0);
    ok(callee.len == 0, "no callee data");
    expect_wsa(WSAJoinLeaf(INVALID_SOCKET, (struct sockaddr *)&group, sizeof group, NULL, NULL, NULL, NULL, JL_BOTH),
               INVALID_SOCKET, WSAENOTSOCK);
    closesocket(udp);
    closesocket(tcp);
}

WT_MAIN(by_name_fills_addresses, by_name_errors, by_name_wide_and_dual_stack, by_list, join_leaf)
