/* WSARecvMsg and WSASendMsg: buffers, names, control data in Windows'
 * WSACMSGHDR layout, MSG_TRUNC / MSG_CTRUNC, overlapped and with routines.
 * Facts from Wine's sock.c test_WSASendMsg, test_ip_pktinfo,
 * test_ipv4_cmsg and test_ipv6_cmsg, and the WSARecvMsg / WSASendMsg /
 * IP_PKTINFO pages. */
#include "wtext.h"

#define IP_PKTINFO_LEN (sizeof(WSACMSGHDR) + WSA_CMSGDATA_ALIGN(sizeof(IN_PKTINFO)))

static LPFN_WSARECVMSG pWSARecvMsg;
static LPFN_WSASENDMSG pWSASendMsg;

static SOCKET udp(struct sockaddr_in *addr)
{
    SOCKET s = wt_udp(addr);
    GUID r = WSAID_WSARECVMSG, w = WSAID_WSASENDMSG;
    if (!pWSARecvMsg) {
        pWSARecvMsg = (LPFN_WSARECVMSG)wt_ext(s, r);
        pWSASendMsg = (LPFN_WSASENDMSG)wt_ext(s, w);
    }
    return s;
}

struct msgbufs {
    WSAMSG hdr;
    WSABUF iov;
    char data[16];
    char control[512];
    struct sockaddr_in from;
};

static WSAMSG *msg_init(struct msgbufs *m, ULONG control_len)
{
    memset(m, 0, sizeof *m);
    m->iov.buf = m->data;
    m->iov.len = sizeof m->data;
    m->hdr.name = (struct sockaddr *)&m->from;
    m->hdr.namelen = sizeof m->from;
    m->hdr.lpBuffers = &m->iov;
    m->hdr.dwBufferCount = 1;
    m->hdr.Control.buf = control_len ? m->control : NULL;
    m->hdr.Control.len = control_len;
    return &m->hdr;
}

static void send_hello(SOCKET to, const struct sockaddr_in *addr)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    ok(sendto(s, "HELLO", 6, 0, (const struct sockaddr *)addr, sizeof *addr) == 6, "sendto");
    ok(to == INVALID_SOCKET || wt_wait_readable(to) == 1, "arrived");
    closesocket(s);
}

static WSACMSGHDR *find_cmsg(WSAMSG *m, int level, int type)
{
    for (WSACMSGHDR *c = WSA_CMSG_FIRSTHDR(m); c; c = WSA_CMSG_NXTHDR(m, c))
        if (c->cmsg_level == level && c->cmsg_type == type)
            return c;
    return NULL;
}

WT_CASE(recvmsg_errors_and_no_control)
{
    struct sockaddr_in addr;
    struct msgbufs m;
    DWORD n = 0xdeadbeef;
    SOCKET s = udp(&addr);
    expect_fail(pWSARecvMsg(s, NULL, NULL, NULL, NULL), WSAEFAULT);
    expect_fail(pWSARecvMsg(INVALID_SOCKET, msg_init(&m, 0), &n, NULL, NULL), WSAENOTSOCK);
    /* No control data arrives: a NULL, 0-length control buffer is fine. */
    send_hello(s, &addr);
    expect_ok(pWSARecvMsg(s, msg_init(&m, 0), &n, NULL, NULL));
    ok(n == 6 && !strcmp(m.data, "HELLO") && m.hdr.dwFlags == 0 && m.hdr.Control.len == 0, "received %lu",
       (unsigned long)n);
    ok(m.hdr.namelen == sizeof m.from && m.from.sin_family == AF_INET &&
           m.from.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
       "source address");
    /* A datagram cut to fit: WSAEMSGSIZE and MSG_TRUNC. */
    SOCKET t = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    char big[40];
    memset(big, 'x', sizeof big);
    ok(sendto(t, big, sizeof big, 0, (struct sockaddr *)&addr, sizeof addr) == sizeof big, "sendto");
    wt_wait_readable(s);
    msg_init(&m, 0);
    expect_fail(pWSARecvMsg(s, &m.hdr, &n, NULL, NULL), WSAEMSGSIZE);
    ok(n == sizeof m.data && m.hdr.dwFlags == MSG_TRUNC, "cut: %lu bytes, flags %#lx", (unsigned long)n,
       (unsigned long)m.hdr.dwFlags);
    closesocket(t);
    closesocket(s);
}

/* sock.c test_ip_pktinfo, for a socket bound to 127.0.0.1 and to the
 * wildcard. */
static void pktinfo_for(ULONG bind_ip)
{
    struct sockaddr_in addr = wt_loopback(0), dest;
    struct msgbufs m;
    DWORD n, flags, yes = 1;
    int len = sizeof addr;
    OVERLAPPED ov;
    addr.sin_addr.s_addr = bind_ip;
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    udp(&dest); /* loads the functions */
    ok(bind(s, (struct sockaddr *)&addr, sizeof addr) == 0, "bind");
    getsockname(s, (struct sockaddr *)&dest, &len);
    dest.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    expect_ok(setsockopt(s, IPPROTO_IP, IP_PKTINFO, (char *)&yes, sizeof yes));

    /* A control buffer too short: WSAEMSGSIZE with MSG_CTRUNC. */
    send_hello(s, &dest);
    n = 0xdeadbeef;
    expect_fail(pWSARecvMsg(s, msg_init(&m, 1), &n, NULL, NULL), WSAEMSGSIZE);
    ok(m.hdr.dwFlags == MSG_CTRUNC && n == 6, "flags %#lx, %lu bytes", (unsigned long)m.hdr.dwFlags,
       (unsigned long)n);

    /* Overlapped: Offset and OffsetHigh are not touched. */
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, FALSE, FALSE, NULL);
    ov.Offset = 0xdead3;
    ov.OffsetHigh = 0xdead4;
    expect_fail(pWSARecvMsg(s, msg_init(&m, 1), NULL, &ov, NULL), WSA_IO_PENDING);
    send_hello(INVALID_SOCKET, &dest);
    ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0, "completed");
    ok(ov.Internal == STATUS_BUFFER_OVERFLOW_ && ov.InternalHigh == 6 && ov.Offset == 0xdead3 &&
           ov.OffsetHigh == 0xdead4,
       "Internal %#lx InternalHigh %lu Offset %#lx", (unsigned long)ov.Internal, (unsigned long)ov.InternalHigh,
       (unsigned long)ov.Offset);
    expect_wsa(WSAGetOverlappedResult(s, &ov, &n, FALSE, &flags), FALSE, WSAEMSGSIZE);
    ok(n == 6 && m.hdr.dwFlags == MSG_CTRUNC, "%lu bytes, flags %#lx", (unsigned long)n,
       (unsigned long)m.hdr.dwFlags);

    /* With a completion routine: its flags are 0, the WSAMSG's MSG_CTRUNC. */
    send_hello(s, &dest);
    memset(wt_apc(), 0, sizeof *wt_apc());
    expect_fail(pWSARecvMsg(s, msg_init(&m, 1), NULL, &ov, wt_apc_routine), WSA_IO_PENDING);
    ok(SleepEx(1000, TRUE) == WAIT_IO_COMPLETION, "the routine ran");
    ok(wt_apc()->count == 1 && wt_apc()->error == WSAEMSGSIZE && wt_apc()->bytes == 6 && wt_apc()->flags == 0,
       "routine: %d calls, error %lu, %lu bytes, flags %#lx", wt_apc()->count, (unsigned long)wt_apc()->error,
       (unsigned long)wt_apc()->bytes, (unsigned long)wt_apc()->flags);
    ok(m.hdr.dwFlags == MSG_CTRUNC, "flags %#lx", (unsigned long)m.hdr.dwFlags);

    /* Room enough: Control.len is set at completion. */
    expect_fail(pWSARecvMsg(s, msg_init(&m, sizeof m.control), NULL, &ov, NULL), WSA_IO_PENDING);
    ok(m.hdr.Control.len == sizeof m.control, "control length unchanged while pending");
    send_hello(INVALID_SOCKET, &dest);
    ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0, "completed");
    ok(ov.Internal == 0 && ov.InternalHigh == 6 && !strcmp(m.data, "HELLO"), "received");
    ok(m.hdr.Control.len == IP_PKTINFO_LEN, "control length %lu", (unsigned long)m.hdr.Control.len);
    WSACMSGHDR *c = find_cmsg(&m.hdr, IPPROTO_IP, IP_PKTINFO);
    ok(c && c->cmsg_len == sizeof(WSACMSGHDR) + sizeof(IN_PKTINFO) &&
           ((IN_PKTINFO *)WSA_CMSG_DATA(c))->ipi_addr.s_addr == htonl(INADDR_LOOPBACK),
       "IP_PKTINFO: the destination address");
    CloseHandle(ov.hEvent);
    closesocket(s);
}

WT_CASE(recvmsg_ip_pktinfo)
{
    pktinfo_for(htonl(INADDR_LOOPBACK));
    pktinfo_for(htonl(INADDR_ANY));
}

/* sock.c test_ipv4_cmsg: IP_TTL and IP_TOS come as INTs. */
WT_CASE(recvmsg_ipv4_cmsg)
{
    struct sockaddr_in addr;
    struct msgbufs m;
    DWORD n, on = 1, off = 0, state;
    int len = sizeof state;
    SOCKET s = udp(&addr), c = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    ok(connect(c, (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    expect_ok(setsockopt(s, IPPROTO_IP, IP_RECVTTL, (char *)&on, sizeof on));
    expect_ok(getsockopt(s, IPPROTO_IP, IP_RECVTTL, (char *)&state, &len));
    ok(state == 1, "IP_RECVTTL %lu", (unsigned long)state);
    expect_wsa(send(c, "HELLO", 6, 0), 6, 0);
    wt_wait_readable(s);
    expect_ok(pWSARecvMsg(s, msg_init(&m, 100), &n, NULL, NULL));
    WSACMSGHDR *h = (WSACMSGHDR *)m.control;
    ok(n == 6 && h->cmsg_level == IPPROTO_IP && h->cmsg_type == IP_TTL && h->cmsg_len == sizeof *h + sizeof(INT) &&
           *(INT *)WSA_CMSG_DATA(h) >= 32,
       "IP_TTL: level %d type %d len %lu value %d", h->cmsg_level, h->cmsg_type, (unsigned long)h->cmsg_len,
       *(INT *)WSA_CMSG_DATA(h));
    setsockopt(s, IPPROTO_IP, IP_RECVTTL, (char *)&off, sizeof off);
    expect_ok(setsockopt(s, IPPROTO_IP, IP_RECVTOS, (char *)&on, sizeof on));
    expect_wsa(send(c, "HELLO", 6, 0), 6, 0);
    wt_wait_readable(s);
    expect_ok(pWSARecvMsg(s, msg_init(&m, 100), &n, NULL, NULL));
    ok(h->cmsg_level == IPPROTO_IP && h->cmsg_type == IP_TOS && h->cmsg_len == sizeof *h + sizeof(INT) &&
           *(INT *)WSA_CMSG_DATA(h) == 0,
       "IP_TOS: type %d len %lu", h->cmsg_type, (unsigned long)h->cmsg_len);
    closesocket(c);
    closesocket(s);
}

WT_CASE(recvmsg_ipv6_cmsg)
{
    struct sockaddr_in6 addr;
    struct msgbufs m;
    DWORD n, on = 1;
    int len = sizeof addr;
    SOCKET s = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP), c = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in dummy;
    closesocket(udp(&dummy));
    memset(&addr, 0, sizeof addr);
    addr.sin6_family = AF_INET6;
    addr.sin6_addr.s6_addr[15] = 1; /* ::1 */
    ok(bind(s, (struct sockaddr *)&addr, sizeof addr) == 0, "bind ::1: %s", wt_name(WSAGetLastError()));
    getsockname(s, (struct sockaddr *)&addr, &len);
    ok(connect(c, (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    expect_ok(setsockopt(s, IPPROTO_IPV6, IPV6_PKTINFO, (char *)&on, sizeof on));
    expect_ok(setsockopt(s, IPPROTO_IPV6, IPV6_HOPLIMIT, (char *)&on, sizeof on));
    expect_wsa(send(c, "HELLO", 6, 0), 6, 0);
    wt_wait_readable(s);
    WSAMSG *hdr = msg_init(&m, 200);
    struct sockaddr_in6 from;
    hdr->name = (struct sockaddr *)&from;
    hdr->namelen = sizeof from;
    expect_ok(pWSARecvMsg(s, hdr, &n, NULL, NULL));
    WSACMSGHDR *p = find_cmsg(hdr, IPPROTO_IPV6, IPV6_PKTINFO), *l = find_cmsg(hdr, IPPROTO_IPV6, IPV6_HOPLIMIT);
    ok(p && p->cmsg_len == sizeof *p + sizeof(IN6_PKTINFO) &&
           !memcmp(&((IN6_PKTINFO *)WSA_CMSG_DATA(p))->ipi6_addr, &addr.sin6_addr, 16),
       "IPV6_PKTINFO: the destination address");
    ok(l && l->cmsg_len == sizeof *l + sizeof(INT) && *(INT *)WSA_CMSG_DATA(l) > 0, "IPV6_HOPLIMIT");
    ok(hdr->namelen == sizeof from && from.sin6_family == AF_INET6, "IPv6 source");
    closesocket(c);
    closesocket(s);
}

/* sock.c test_WSASendMsg. */
WT_CASE(sendmsg_basics)
{
    struct sockaddr_in dest, got;
    char text[12] = "hello world", buf[32];
    WSABUF iov[2];
    WSAMSG msg;
    DWORD n;
    int len = sizeof got;
    SOCKET d = udp(&dest), s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&msg, 0, sizeof msg);
    iov[0].buf = text;
    iov[0].len = sizeof text;
    iov[1].buf = text;
    iov[1].len = sizeof text / 2;
    msg.name = (struct sockaddr *)&dest;
    msg.namelen = sizeof dest;
    msg.lpBuffers = iov;
    msg.dwBufferCount = 1;
    expect_fail(pWSASendMsg(INVALID_SOCKET, &msg, 0, NULL, NULL, NULL), WSAENOTSOCK);
    expect_fail(pWSASendMsg(s, NULL, 0, NULL, NULL, NULL), WSAEFAULT);
    expect_fail(pWSASendMsg(s, NULL, 0, &n, NULL, NULL), WSAEFAULT);
    expect_fail(pWSASendMsg(s, &msg, 0, NULL, NULL, NULL), WSAEFAULT);
    closesocket(s); /* that last call bound it (below) */
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    expect_fail(getsockname(s, (struct sockaddr *)&got, &len), WSAEINVAL);
    n = 0;
    expect_ok(pWSASendMsg(s, &msg, 0, &n, NULL, NULL));
    ok(n == sizeof text, "sent %lu", (unsigned long)n);
    ok(recvfrom(d, buf, sizeof buf, 0, NULL, NULL) == (int)n, "received");
    /* It bound the socket. */
    len = sizeof got;
    expect_ok(getsockname(s, (struct sockaddr *)&got, &len));
    ok(got.sin_addr.s_addr == htonl(INADDR_ANY) && got.sin_port != 0, "bound to 0.0.0.0 and a port");
    msg.dwBufferCount = 2;
    expect_ok(pWSASendMsg(s, &msg, 0, &n, NULL, NULL));
    ok(n == sizeof text + sizeof text / 2, "both buffers: %lu", (unsigned long)n);
    ok(recvfrom(d, buf, sizeof buf, 0, NULL, NULL) == (int)n, "one datagram of both");
    closesocket(s);
    /* A call refused for its missing count binds the socket all the same;
     * one without a WSAMSG does not (sock.c test_WSASendMsg). */
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    expect_fail(pWSASendMsg(s, &msg, 0, NULL, NULL, NULL), WSAEFAULT);
    len = sizeof got;
    got.sin_port = 0;
    got.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    expect_ok(getsockname(s, (struct sockaddr *)&got, &len));
    ok(got.sin_addr.s_addr == htonl(INADDR_ANY) && got.sin_port != 0, "bound by the refused call: %s port %u",
       inet_ntoa(got.sin_addr), ntohs(got.sin_port));
    closesocket(s);
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    expect_fail(pWSASendMsg(s, NULL, 0, NULL, NULL, NULL), WSAEFAULT);
    len = sizeof got;
    expect_fail(getsockname(s, (struct sockaddr *)&got, &len), WSAEINVAL);
    closesocket(s);
    /* Stream sockets are refused. */
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    expect_fail(pWSASendMsg(s, &msg, 0, &n, NULL, NULL), WSAEINVAL);
    closesocket(s);
    closesocket(d);
}

/* IP_PKTINFO chooses the source address: 127.0.0.2 on loopback. */
WT_CASE(sendmsg_pktinfo_and_overlapped)
{
    struct sockaddr_in dest, from;
    char buf[32], control[WSA_CMSG_SPACE(sizeof(IN_PKTINFO))];
    WSABUF iov;
    WSAMSG msg;
    DWORD n;
    int len = sizeof from;
    OVERLAPPED ov;
    SOCKET d = udp(&dest), s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&msg, 0, sizeof msg);
    memset(control, 0, sizeof control);
    iov.buf = (char *)"src";
    iov.len = 3;
    msg.name = (struct sockaddr *)&dest;
    msg.namelen = sizeof dest;
    msg.lpBuffers = &iov;
    msg.dwBufferCount = 1;
    msg.Control.buf = control;
    msg.Control.len = sizeof control;
    WSACMSGHDR *c = (WSACMSGHDR *)control;
    c->cmsg_len = WSA_CMSG_LEN(sizeof(IN_PKTINFO));
    c->cmsg_level = IPPROTO_IP;
    c->cmsg_type = IP_PKTINFO;
    ((IN_PKTINFO *)WSA_CMSG_DATA(c))->ipi_addr.s_addr = htonl(0x7f000002);
    expect_ok(pWSASendMsg(s, &msg, 0, &n, NULL, NULL));
    ok(recvfrom(d, buf, sizeof buf, 0, (struct sockaddr *)&from, &len) == 3 &&
           from.sin_addr.s_addr == htonl(0x7f000002),
       "sent from %s", inet_ntoa(from.sin_addr));
    /* Overlapped, with an event; an unknown option is WSAEINVAL. */
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, FALSE, FALSE, NULL);
    int rc = pWSASendMsg(s, &msg, 0, NULL, &ov, NULL);
    ok(rc == 0 || WSAGetLastError() == WSA_IO_PENDING, "overlapped: %d %s", rc, wt_name(WSAGetLastError()));
    ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0 && ov.Internal == 0 && ov.InternalHigh == 3,
       "completed");
    ok(recvfrom(d, buf, sizeof buf, 0, NULL, NULL) == 3, "received");
    c->cmsg_type = 0x7777;
    expect_fail(pWSASendMsg(s, &msg, 0, &n, NULL, NULL), WSAEINVAL);
    CloseHandle(ov.hEvent);
    closesocket(s);
    closesocket(d);
}

/* WSARecvEx: a cut datagram is no error, MSG_PARTIAL tells (WSARecvEx docs). */
WT_CASE(wsarecvex_partial)
{
    struct sockaddr_in addr;
    char buf[8];
    int flags;
    SOCKET s = udp(&addr), t = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    ok(sendto(t, "0123456789", 10, 0, (struct sockaddr *)&addr, sizeof addr) == 10, "sendto");
    ok(sendto(t, "abc", 3, 0, (struct sockaddr *)&addr, sizeof addr) == 3, "sendto");
    wt_wait_readable(s);
    flags = 0;
    expect_wsa(WSARecvEx(s, buf, 4, &flags), 4, 0);
    ok(flags == MSG_PARTIAL && !memcmp(buf, "0123", 4), "partial: flags %#x", flags);
    expect_wsa(WSARecvEx(s, buf, sizeof buf, &flags), 3, 0);
    ok(flags == 0 && !memcmp(buf, "abc", 3), "whole: flags %#x", flags);
    expect_fail(WSARecvEx(s, buf, sizeof buf, NULL), WSAEFAULT);
    closesocket(t);
    closesocket(s);
}

WT_MAIN(recvmsg_errors_and_no_control, recvmsg_ip_pktinfo, recvmsg_ipv4_cmsg, recvmsg_ipv6_cmsg, sendmsg_basics,
        sendmsg_pktinfo_and_overlapped, wsarecvex_partial)
