/* The protocol catalog: WSAEnumProtocolsA/W, SO_PROTOCOL_INFOA/W,
 * SO_MAX_MSG_SIZE, WSASocket from a catalog row, and WSADuplicateSocketA/W
 * in-process.  Cases from Wine's protocol.c test_WSAEnumProtocolsA/W and
 * sock.c test_WSASocket, test_extendedSocketOptions and
 * test_WSADuplicateSocket. */
#include "wstest.h"

#define TCPIP_FLAGS (XP1_GUARANTEED_DELIVERY | XP1_GUARANTEED_ORDER | XP1_GRACEFUL_CLOSE | XP1_EXPEDITED_DATA | XP1_IFS_HANDLES)
#define UDPIP_FLAGS (XP1_CONNECTIONLESS | XP1_MESSAGE_ORIENTED | XP1_SUPPORT_BROADCAST | XP1_SUPPORT_MULTIPOINT | XP1_IFS_HANDLES)

static const WSAPROTOCOL_INFOA *find(const WSAPROTOCOL_INFOA *pi, int n, int af, int type, int protocol)
{
    for (int i = 0; i < n; i++)
        if (pi[i].iAddressFamily == af && pi[i].iSocketType == type && pi[i].iProtocol == protocol)
            return &pi[i];
    return NULL;
}

WT_CASE(enum_protocols_buffer_protocol)
{
    DWORD len = 0;
    WSAPROTOCOL_INFOA one;
    expect_wsa(WSAEnumProtocolsA(NULL, NULL, &len), SOCKET_ERROR, WSAENOBUFS);
    ok(len >= 4 * sizeof(WSAPROTOCOL_INFOA) && len % sizeof(WSAPROTOCOL_INFOA) == 0, "needed %lu", (unsigned long)len);
    DWORD need = len;
    len = 0;
    expect_wsa(WSAEnumProtocolsA(NULL, &one, &len), SOCKET_ERROR, WSAENOBUFS);
    ok(len == need, "the same size again: %lu", (unsigned long)len);
    len = sizeof one;
    expect_wsa(WSAEnumProtocolsA(NULL, &one, &len), SOCKET_ERROR, WSAENOBUFS);
    expect_wsa(WSAEnumProtocolsA(NULL, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
    WSAPROTOCOL_INFOA *pi = (WSAPROTOCOL_INFOA *)malloc(need);
    len = need;
    int n = WSAEnumProtocolsA(NULL, pi, &len);
    ok(n > 0 && (DWORD)n * sizeof *pi == need, "entries %d", n);
    const WSAPROTOCOL_INFOA *tcp = find(pi, n, AF_INET, SOCK_STREAM, IPPROTO_TCP);
    const WSAPROTOCOL_INFOA *udp = find(pi, n, AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    const WSAPROTOCOL_INFOA *tcp6 = find(pi, n, AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    const WSAPROTOCOL_INFOA *udp6 = find(pi, n, AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    ok(tcp && udp && tcp6 && udp6, "TCP and UDP over IPv4 and IPv6 are listed");
    if (tcp && udp && tcp6 && udp6) {
        ok((tcp->dwServiceFlags1 & ~XP1_QOS_SUPPORTED) == TCPIP_FLAGS && tcp6->dwServiceFlags1 == tcp->dwServiceFlags1,
           "TCP service flags %#lx", (unsigned long)tcp->dwServiceFlags1);
        ok((udp->dwServiceFlags1 & ~XP1_QOS_SUPPORTED) == UDPIP_FLAGS && udp6->dwServiceFlags1 == udp->dwServiceFlags1,
           "UDP service flags %#lx", (unsigned long)udp->dwServiceFlags1);
        ok(tcp->iVersion == 2 && tcp->iMaxSockAddr == 16 && tcp->iMinSockAddr == 16 && tcp6->iMaxSockAddr == 28,
           "version and address sizes");
        ok(tcp->ProtocolChain.ChainLen == BASE_PROTOCOL && tcp->iNetworkByteOrder == BIGENDIAN, "base protocol");
        ok(!memcmp(&tcp->ProviderId, &udp->ProviderId, sizeof(GUID)) && tcp->dwCatalogEntryId != udp->dwCatalogEntryId,
           "one provider, one catalog entry per protocol");
        ok(strlen(tcp->szProtocol) && strlen(udp->szProtocol), "names");
        ok((tcp->dwProviderFlags & PFL_MATCHES_PROTOCOL_ZERO) && udp->dwMessageSize > 65000 && !tcp->dwMessageSize,
           "provider flags and message sizes");
    }
    /* WSASocket(af, 0, 0) is the first row that matches protocol zero. */
    SOCKET s = WSASocketA(AF_INET, 0, 0, NULL, 0, 0);
    int type = 0, tl = sizeof type;
    getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &tl);
    for (int i = 0; i < n; i++)
        if (pi[i].iAddressFamily == AF_INET && (pi[i].dwProviderFlags & PFL_MATCHES_PROTOCOL_ZERO)) {
            ok(pi[i].iSocketType == type, "first protocol-zero row %d, socket %d", pi[i].iSocketType, type);
            break;
        }
    closesocket(s);
    /* A row makes a socket. */
    if (udp) {
        s = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, (WSAPROTOCOL_INFOA *)udp, 0, 0);
        ok(s != INVALID_SOCKET, "socket from a row: %s", wt_name(WSAGetLastError()));
        getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &tl);
        ok(type == SOCK_DGRAM, "type %d", type);
        closesocket(s);
    }
    free(pi);
}

/* Unknown numbers in the list are skipped. */
WT_CASE(enum_protocols_filter)
{
    int ptest[] = {0xdead, IPPROTO_TCP, 0xcafe, IPPROTO_UDP, 0xbeef, 0};
    int tcponly[] = {IPPROTO_TCP, 0};
    DWORD len = 0;
    expect_wsa(WSAEnumProtocolsA(ptest, NULL, &len), SOCKET_ERROR, WSAENOBUFS);
    WSAPROTOCOL_INFOA *pi = (WSAPROTOCOL_INFOA *)malloc(len);
    int n = WSAEnumProtocolsA(ptest, pi, &len), found = 0;
    ok(n >= 2, "entries %d", n);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < (int)ARRAYSIZE(ptest); j++)
            if (pi[i].iProtocol == ptest[j]) {
                found |= 1 << j;
                break;
            }
    ok(found == 0x0a, "TCP and UDP only: %#x", found);
    free(pi);
    len = 0;
    WSAEnumProtocolsA(tcponly, NULL, &len);
    ok(len == 2 * sizeof(WSAPROTOCOL_INFOA), "TCP over IPv4 and IPv6: %lu", (unsigned long)len);
    /* The wide form: the same rows, wide names. */
    WSAPROTOCOL_INFOW w[8];
    len = sizeof w;
    expect_wsa(WSAEnumProtocolsW(tcponly, w, &len), 2, 0);
    ok(w[0].iProtocol == IPPROTO_TCP && w[0].szProtocol[0] && wcslen(w[0].szProtocol) > 3, "wide row");
    expect_wsa(WSAEnumProtocolsW(tcponly, NULL, &len), SOCKET_ERROR, WSAENOBUFS);
    ok(len == 2 * sizeof(WSAPROTOCOL_INFOW), "wide size %lu", (unsigned long)len);
}

WT_CASE(so_protocol_info_and_max_msg_size)
{
    static const struct { int af, type, protocol; } socks[] = {
        {AF_INET, SOCK_STREAM, IPPROTO_TCP}, {AF_INET, SOCK_DGRAM, IPPROTO_UDP},
        {AF_INET6, SOCK_STREAM, IPPROTO_TCP}, {AF_INET6, SOCK_DGRAM, IPPROTO_UDP},
    };
    for (size_t i = 0; i < ARRAYSIZE(socks); i++) {
        SOCKET s = socket(socks[i].af, socks[i].type, socks[i].protocol);
        WSAPROTOCOL_INFOA a;
        WSAPROTOCOL_INFOW w;
        int len = sizeof a;
        expect_ok(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&a, &len));
        ok(len == sizeof a && a.iAddressFamily == socks[i].af && a.iSocketType == socks[i].type &&
               a.iProtocol == socks[i].protocol,
           "case %u: family %d type %d protocol %d", (unsigned)i, a.iAddressFamily, a.iSocketType, a.iProtocol);
        len = sizeof w;
        expect_ok(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&w, &len));
        ok(len == sizeof w && w.iSocketType == socks[i].type && w.szProtocol[0], "case %u: wide", (unsigned)i);
        len = sizeof a - 1;
        expect_fail(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&a, &len), WSAEFAULT);
        expect_fail(setsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&a, sizeof a), WSAENOPROTOOPT);
        int v = 0;
        len = sizeof v;
        expect_ok(getsockopt(s, SOL_SOCKET, SO_MAX_MSG_SIZE, (char *)&v, &len));
        if (socks[i].type == SOCK_DGRAM)
            ok(v == 65507 || v == 65527, "case %u: SO_MAX_MSG_SIZE %d", (unsigned)i, v);
        expect_fail(setsockopt(s, SOL_SOCKET, SO_MAX_MSG_SIZE, (char *)&v, sizeof v), WSAENOPROTOOPT);
        closesocket(s);
    }
    /* IE 3 passed 0xffffffff as the level (test_extendedSocketOptions). */
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    int v, len = sizeof v;
    expect_fail(getsockopt(s, (int)0xffffffff, SO_MAX_MSG_SIZE, (char *)&v, &len), WSAEINVAL);
    expect_fail(getsockopt(s, 0x1234ffff, SO_MAX_MSG_SIZE, (char *)&v, &len), WSAEINVAL);
    closesocket(s);
}

/* Checked in the order socket, process, structure. */
WT_CASE(duplicate_socket_errors)
{
    WSAPROTOCOL_INFOA info;
    SOCKET s = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, 0);
    expect_wsa(WSADuplicateSocketA(0, 0, NULL), SOCKET_ERROR, WSAENOTSOCK);
    expect_wsa(WSADuplicateSocketA(s, 0, NULL), SOCKET_ERROR, WSAEINVAL);
    expect_wsa(WSADuplicateSocketA(s, ~0u, &info), SOCKET_ERROR, WSAEINVAL);
    expect_wsa(WSADuplicateSocketA(0, GetCurrentProcessId(), &info), SOCKET_ERROR, WSAENOTSOCK);
    expect_wsa(WSADuplicateSocketA(s, GetCurrentProcessId(), NULL), SOCKET_ERROR, WSAEFAULT);
    memset(&info, 0, sizeof info);
    expect_ok(WSADuplicateSocketA(s, GetCurrentProcessId(), &info));
    ok(info.iProtocol == IPPROTO_TCP && info.iAddressFamily == AF_INET && info.iSocketType == SOCK_STREAM,
       "the structure describes the socket");
    SOCKET d = WSASocketA(0, 0, 0, &info, 0, 0);
    ok(d != INVALID_SOCKET && d != s, "WSASocket takes the duplicate: %s", wt_name(WSAGetLastError()));
    closesocket(d);
    closesocket(s);
}

/* The duplicate is the same socket: a datagram sent to the source's port
 * is read from it, after the source is closed too. */
WT_CASE(duplicate_socket_shares_the_socket)
{
    WSAPROTOCOL_INFOW info;
    struct sockaddr_in addr;
    SOCKET src = wt_udp(&addr), sender = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    char buf[16] = "";
    expect_ok(WSADuplicateSocketW(src, GetCurrentProcessId(), &info));
    SOCKET dup = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0);
    ok(dup != INVALID_SOCKET, "duplicate: %s", wt_name(WSAGetLastError()));
    closesocket(src);
    ok(sendto(sender, "TEST", 5, 0, (struct sockaddr *)&addr, sizeof addr) == 5, "sendto");
    ok(wt_wait_readable(dup) == 1, "the duplicate is readable");
    expect_wsa(recv(dup, buf, sizeof buf, 0), 5, 0);
    ok(!strcmp(buf, "TEST"), "got %s", buf);
    int type = 0, len = sizeof type;
    expect_ok(getsockopt(dup, SOL_SOCKET, SO_TYPE, (char *)&type, &len));
    ok(type == SOCK_DGRAM, "type %d", type);
    closesocket(dup);
    closesocket(sender);
}

/* A connected TCP duplicate carries the connection. */
WT_CASE(duplicate_connected_stream)
{
    SOCKET client, server;
    WSAPROTOCOL_INFOA info;
    char buf[8] = "";
    wt_tcp_pair(&client, &server);
    expect_ok(WSADuplicateSocketA(server, GetCurrentProcessId(), &info));
    SOCKET dup = WSASocketA(0, 0, 0, &info, 0, 0);
    closesocket(server);
    ok(send(client, "abc", 3, 0) == 3, "send");
    expect_wsa(recv(dup, buf, sizeof buf, 0), 3, 0);
    ok(!memcmp(buf, "abc", 3), "data on the duplicate");
    expect_wsa(send(dup, "xy", 2, 0), 2, 0);
    expect_wsa(recv(client, buf, sizeof buf, 0), 2, 0);
    closesocket(dup);
    closesocket(client);
}

static SOCKET duplicate_of(SOCKET s)
{
    WSAPROTOCOL_INFOA info;
    expect_ok(WSADuplicateSocketA(s, GetCurrentProcessId(), &info));
    SOCKET d = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, WSA_FLAG_OVERLAPPED);
    ok(d != INVALID_SOCKET && d != s, "WSASocket takes the duplicate: %s", wt_name(WSAGetLastError()));
    return d;
}

/* The two handles are one socket ("Shared sockets": its state is held in
 * common, the underlying socket stays open until the last descriptor is
 * closed): an option or the blocking mode set through one holds through
 * the other, data goes through either, and closing the duplicate leaves
 * the connection as it was; only the last closesocket ends it. */
WT_CASE(duplicate_handles_are_one_socket)
{
    SOCKET client, server;
    char buf[8] = "";
    int on = 1, got = 0, len = sizeof got;
    int fds = wt_open_descriptors();
    wt_tcp_pair(&client, &server);
    SOCKET dup = duplicate_of(server);
    expect_ok(setsockopt(dup, SOL_SOCKET, SO_KEEPALIVE, (char *)&on, sizeof on));
    expect_ok(getsockopt(server, SOL_SOCKET, SO_KEEPALIVE, (char *)&got, &len));
    ok(got == 1, "SO_KEEPALIVE set through the duplicate: %d", got);
    wt_nonblocking(dup, 1);
    expect_wsa(recv(server, buf, sizeof buf, 0), SOCKET_ERROR, WSAEWOULDBLOCK);
    ok(send(client, "abc", 3, 0) == 3, "send");
    ok(wt_wait_readable(dup) == 1, "the duplicate is readable");
    expect_wsa(recv(dup, buf, sizeof buf, 0), 3, 0);
    expect_wsa(send(server, "xy", 2, 0), 2, 0);
    expect_wsa(send(dup, "z", 1, 0), 1, 0);
    memset(buf, 0, sizeof buf);
    int n = 0, r = 1;
    while (n < 3 && r > 0 && wt_wait_readable(client) == 1)
        n += r = recv(client, buf + n, (int)sizeof buf - n, 0);
    ok(n == 3 && !memcmp(buf, "xyz", 3), "both sends reach the peer: %d %s", n, buf);
    expect_ok(closesocket(dup));
    expect_wsa(closesocket(dup), SOCKET_ERROR, WSAENOTSOCK);
    expect_wsa(send(dup, "q", 1, 0), SOCKET_ERROR, WSAENOTSOCK);
    wt_nonblocking(client, 1);
    expect_wsa(recv(client, buf, sizeof buf, 0), SOCKET_ERROR, WSAEWOULDBLOCK); /* no end of the stream */
    expect_wsa(send(server, "q", 1, 0), 1, 0);
    ok(wt_wait_readable(client) == 1, "the connection goes on");
    expect_wsa(recv(client, buf, sizeof buf, 0), 1, 0);
    expect_wsa(recv(client, buf, sizeof buf, 0), SOCKET_ERROR, WSAEWOULDBLOCK);
    expect_ok(closesocket(server));
    ok(wt_wait_readable(client) == 1, "the end of the stream reaches the peer");
    expect_wsa(recv(client, buf, sizeof buf, 0), 0, 0);
    closesocket(client);
    int now = fds < 0 ? fds : wt_descriptors_back_to(fds);
    ok(now == fds, "no descriptor left: %d, was %d", now, fds);
}

/* The source's handle closed, the duplicate is the socket: its handle value
 * is no socket any more, while an event registration and select through the
 * duplicate work as before. */
WT_CASE(duplicate_outlives_the_source_handle)
{
    SOCKET client, server;
    char buf[8];
    WSANETWORKEVENTS ne;
    int fds = wt_open_descriptors();
    wt_tcp_pair(&client, &server);
    SOCKET dup = duplicate_of(server);
    expect_ok(closesocket(server));
    expect_wsa(closesocket(server), SOCKET_ERROR, WSAENOTSOCK);
    expect_wsa(send(server, "q", 1, 0), SOCKET_ERROR, WSAENOTSOCK);
    WSAEVENT ev = WSACreateEvent();
    expect_ok(WSAEventSelect(dup, ev, FD_READ | FD_CLOSE));
    ok(WaitForSingleObject(ev, 100) == WAIT_TIMEOUT, "nothing to read yet");
    ok(send(client, "abc", 3, 0) == 3, "send");
    ok(WaitForSingleObject(ev, 2000) == WAIT_OBJECT_0, "FD_READ signals the event");
    expect_ok(WSAEnumNetworkEvents(dup, ev, &ne));
    ok(ne.lNetworkEvents == FD_READ, "events %#lx", (unsigned long)ne.lNetworkEvents);
    fd_set r;
    struct timeval tv = {1, 0};
    FD_ZERO(&r);
    FD_SET(dup, &r);
    ok(select(0, &r, NULL, NULL, &tv) == 1 && FD_ISSET(dup, &r), "select: the duplicate is readable");
    expect_wsa(recv(dup, buf, sizeof buf, 0), 3, 0);
    expect_ok(closesocket(dup));
    ok(wt_wait_readable(client) == 1, "the end of the stream reaches the peer");
    expect_wsa(recv(client, buf, sizeof buf, 0), 0, 0);
    WSACloseEvent(ev);
    closesocket(client);
    int now = fds < 0 ? fds : wt_descriptors_back_to(fds);
    ok(now == fds, "no descriptor left: %d, was %d", now, fds);
}

struct blocked_recv {
    SOCKET s;
    HANDLE started;
    int ret, err;
    char buf[8];
};

static DWORD WINAPI blocked_recv_thread(void *arg)
{
    struct blocked_recv *p = (struct blocked_recv *)arg;
    SetEvent(p->started);
    WSASetLastError(0xdead);
    p->ret = recv(p->s, p->buf, sizeof p->buf, 0);
    p->err = WSAGetLastError();
    return 0;
}

/* A receive blocked on one handle is not disturbed when the other handle
 * closes, whichever it is: the socket is still open, and the data sent
 * afterwards is what it returns. */
WT_CASE(duplicate_close_leaves_a_blocked_receive)
{
    for (int round = 0; round < 2; round++) {
        SOCKET client, server;
        struct blocked_recv p;
        memset(&p, 0, sizeof p);
        wt_tcp_pair(&client, &server);
        SOCKET dup = duplicate_of(server);
        p.s = round ? server : dup;
        p.started = CreateEventA(NULL, FALSE, FALSE, NULL);
        HANDLE t = CreateThread(NULL, 0, blocked_recv_thread, &p, 0, NULL);
        WaitForSingleObject(p.started, 5000);
        Sleep(50); /* the receive is waiting by now */
        expect_ok(closesocket(round ? dup : server));
        ok(WaitForSingleObject(t, 100) == WAIT_TIMEOUT, "round %d: the receive still waits", round);
        ok(send(client, "abc", 3, 0) == 3, "send");
        ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "round %d: the receive completed", round);
        ok(p.ret == 3 && p.err == 0 && !memcmp(p.buf, "abc", 3), "round %d: %d, error %s", round, p.ret,
           wt_name(p.err));
        expect_ok(closesocket(p.s));
        CloseHandle(t);
        CloseHandle(p.started);
        closesocket(client);
    }
}

/* WSACleanup closes every handle, duplicates too, and a structure never
 * taken: after a new WSAStartup none of them is a socket. */
WT_CASE(duplicate_cleanup_closes_all)
{
    WSADATA wd;
    WSAPROTOCOL_INFOA info;
    struct sockaddr_in addr;
    int fds = wt_open_descriptors();
    SOCKET src = wt_udp(&addr);
    SOCKET dup = duplicate_of(src);
    expect_ok(WSADuplicateSocketA(src, GetCurrentProcessId(), &info));
    expect_ok(WSACleanup());
    expect_ok(WSAStartup(MAKEWORD(2, 2), &wd));
    expect_wsa(closesocket(dup), SOCKET_ERROR, WSAENOTSOCK);
    expect_wsa(closesocket(src), SOCKET_ERROR, WSAENOTSOCK);
    int now = fds < 0 ? fds : wt_descriptors_back_to(fds);
    ok(now == fds, "no descriptor left: %d, was %d", now, fds);
}

/* DuplicateHandle of a socket (in this process) gives another handle on the
 * same socket, as WSADuplicateSocket does: state set through one after the
 * duplication (a receive timeout, an event registration) holds through the
 * other, the source closed leaves the duplicate working, and only the last
 * handle's close ends the connection.  DUPLICATE_CLOSE_SOURCE closes only
 * the source handle. */
WT_CASE(duplicatehandle_of_a_socket_is_the_socket)
{
    SOCKET client, server;
    HANDLE h = NULL, h2 = NULL;
    char buf[8];
    DWORD ms = 1234, got = 0;
    int len = sizeof got;
    WSANETWORKEVENTS ne;
    int fds = wt_open_descriptors();
    wt_tcp_pair(&client, &server);
    expect_w32(DuplicateHandle(GetCurrentProcess(), (HANDLE)server, GetCurrentProcess(), &h, 0, FALSE,
                               DUPLICATE_SAME_ACCESS),
               TRUE, W32_SENTINEL);
    SOCKET dup = (SOCKET)h;
    ok(dup != INVALID_SOCKET && dup != server, "a new handle value: %lu", (unsigned long)dup);
    expect_ok(setsockopt(server, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof ms));
    expect_ok(getsockopt(dup, SOL_SOCKET, SO_RCVTIMEO, (char *)&got, &len));
    ok(got == 1234, "SO_RCVTIMEO set after the duplication holds through the duplicate: %lu", (unsigned long)got);
    WSAEVENT ev = WSACreateEvent();
    expect_ok(WSAEventSelect(server, ev, FD_READ | FD_CLOSE));
    ok(send(client, "abc", 3, 0) == 3, "send");
    ok(WaitForSingleObject(ev, 2000) == WAIT_OBJECT_0, "FD_READ signals the event");
    expect_ok(WSAEnumNetworkEvents(dup, ev, &ne));
    ok(ne.lNetworkEvents == FD_READ, "the duplicate enumerates the registration's events: %#lx",
       (unsigned long)ne.lNetworkEvents);
    expect_ok(closesocket(server));
    expect_wsa(send(server, "q", 1, 0), SOCKET_ERROR, WSAENOTSOCK);
    expect_wsa(recv(dup, buf, sizeof buf, 0), 3, 0);
    expect_w32(DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &h2, 0, FALSE,
                               DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE),
               TRUE, W32_SENTINEL);
    expect_wsa(send(dup, "q", 1, 0), SOCKET_ERROR, WSAENOTSOCK);
    wt_nonblocking(client, 1);
    expect_wsa(recv(client, buf, sizeof buf, 0), SOCKET_ERROR, WSAEWOULDBLOCK); /* no end of the stream */
    expect_wsa(send((SOCKET)h2, "z", 1, 0), 1, 0);
    ok(wt_wait_readable(client) == 1, "the connection goes on under the last handle");
    expect_wsa(recv(client, buf, sizeof buf, 0), 1, 0);
    expect_w32(CloseHandle(h2), TRUE, W32_SENTINEL);
    ok(wt_wait_readable(client) == 1, "the last handle's close ends the stream");
    expect_wsa(recv(client, buf, sizeof buf, 0), 0, 0);
    expect_w32(DuplicateHandle(GetCurrentProcess(), h2, GetCurrentProcess(), &h, 0, FALSE,
                               DUPLICATE_SAME_ACCESS),
               FALSE, ERROR_INVALID_HANDLE);
    WSACloseEvent(ev);
    closesocket(client);
    int now = fds < 0 ? fds : wt_descriptors_back_to(fds);
    ok(now == fds, "no descriptor left: %d, was %d", now, fds);
}

WT_MAIN(enum_protocols_buffer_protocol, enum_protocols_filter, so_protocol_info_and_max_msg_size,
        duplicate_socket_errors, duplicate_socket_shares_the_socket, duplicate_connected_stream,
        duplicate_handles_are_one_socket, duplicate_outlives_the_source_handle,
        duplicate_close_leaves_a_blocked_receive, duplicate_cleanup_closes_all,
        duplicatehandle_of_a_socket_is_the_socket)
