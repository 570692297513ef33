/* WSAPoll (sock.c test_WSAPoll, test_tcp_reset; WSAPoll docs). */
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0600 /* MinGW declares WSAPoll for Vista and later */
#endif
#include "wstest.h"

/* Windows' values, not Linux's (POLLIN is 0x001 there). */
_Static_assert(POLLRDNORM == 0x0100 && POLLRDBAND == 0x0200 && POLLIN == 0x0300 && POLLPRI == 0x0400,
               "read bits");
_Static_assert(POLLWRNORM == 0x0010 && POLLOUT == 0x0010 && POLLWRBAND == 0x0020, "write bits");
_Static_assert(POLLERR == 0x0001 && POLLHUP == 0x0002 && POLLNVAL == 0x0004, "state bits");

/* One entry: WSAPoll's result, revents in *rev. */
static int poll1(SOCKET s, short events, int ms, short *rev)
{
    WSAPOLLFD p;
    int r;
    p.fd = s;
    p.events = events;
    p.revents = 0x7777;
    r = WSAPoll(&p, 1, ms);
    *rev = p.revents;
    return r;
}

WT_CASE(wsapoll_bad_arguments)
{
    SOCKET c, s;
    WSAPOLLFD p;
    static const short rejected[] = {POLLERR, POLLHUP, POLLNVAL, 0x8,    POLLWRBAND, 0x40,   0x80,
                                     POLLPRI, 0x800,   0x1000,   0x2000, 0x4000,     (short)0x8000};
    unsigned i;
    expect_fail(WSAPoll(NULL, 0, 0), WSAEINVAL);
    expect_fail(WSAPoll(NULL, 1, 0), WSAEFAULT);
    wt_tcp_pair(&c, &s);
    for (i = 0; i < sizeof rejected / sizeof rejected[0]; i++) {
        p.fd = c;
        p.events = (short)(POLLRDNORM | rejected[i]);
        p.revents = 0;
        expect_fail(WSAPoll(&p, 1, 0), WSAEINVAL);
    }
    closesocket(c);
    closesocket(s);
}

/* A negative fd or a non-socket gets POLLNVAL and is not counted; with no
 * valid entry at all the call fails WSAENOTSOCK (sock.c test_WSAPoll). */
WT_CASE(wsapoll_invalid_entries)
{
    SOCKET c, s, dead = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSAPOLLFD p[3];
    closesocket(dead);
    wt_tcp_pair(&c, &s);
    p[0].fd = INVALID_SOCKET;
    p[1].fd = dead;
    p[2].fd = s;
    p[0].events = p[1].events = p[2].events = POLLRDNORM;
    p[0].revents = p[1].revents = p[2].revents = 0x7777;
    expect_wsa(WSAPoll(p, 3, 0), 0, 0);
    ok(p[0].revents == POLLNVAL && p[1].revents == POLLNVAL && p[2].revents == 0, "revents %#x %#x %#x",
       p[0].revents, p[1].revents, p[2].revents);
    expect_fail(WSAPoll(p, 2, 0), WSAENOTSOCK);
    ok(p[0].revents == POLLNVAL && p[1].revents == POLLNVAL, "revents %#x %#x", p[0].revents, p[1].revents);
    /* The events of an INVALID_SOCKET entry are not checked... */
    p[0].events = POLLERR;
    p[0].revents = p[2].revents = 0x7777;
    expect_fail(WSAPoll(p, 1, 0), WSAENOTSOCK);
    p[1] = p[2];
    p[0].revents = p[1].revents = 0x7777;
    expect_wsa(WSAPoll(p, 2, 0), 0, 0);
    ok(p[0].revents == POLLNVAL && p[1].revents == 0, "revents %#x %#x", p[0].revents, p[1].revents);
    /* ...those of a stale handle are: the call fails, every revents 0. */
    p[0].fd = dead;
    p[0].revents = p[1].revents = 0x7777;
    expect_fail(WSAPoll(p, 2, 0), WSAEINVAL);
    ok(p[0].revents == 0 && p[1].revents == 0, "revents %#x %#x", p[0].revents, p[1].revents);
    /* With no valid socket at all, WSAENOTSOCK wins. */
    p[1].fd = INVALID_SOCKET;
    p[1].events = POLLERR;
    expect_fail(WSAPoll(p, 2, 0), WSAENOTSOCK);
    ok(p[0].revents == POLLNVAL && p[1].revents == POLLNVAL, "revents %#x %#x", p[0].revents, p[1].revents);
    closesocket(c);
    closesocket(s);
}

WT_CASE(wsapoll_listener_and_connected)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a), c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), s;
    short rev;
    expect_wsa(poll1(l, POLLIN | POLLOUT, 0, &rev), 0, 0);
    ok(rev == 0, "idle listener %#x", rev);
    expect_ok(connect(c, (struct sockaddr *)&a, sizeof a));
    expect_wsa(poll1(l, POLLIN | POLLOUT, 2000, &rev), 1, 0);
    ok(rev == POLLRDNORM, "pending connection %#x", rev);
    s = accept(l, NULL, NULL);
    expect_wsa(poll1(s, POLLIN | POLLOUT, 0, &rev), 1, 0);
    ok(rev == POLLWRNORM, "idle connection %#x", rev);
    expect_wsa(poll1(s, POLLIN, 0, &rev), 0, 0);
    ok(rev == 0, "nothing to read %#x", rev);
    send(c, "x", 1, 0);
    expect_wsa(poll1(s, POLLIN | POLLOUT, 2000, &rev), 1, 0);
    ok(rev == (POLLRDNORM | POLLWRNORM), "data %#x", rev);
    {
        char b;
        expect_wsa(recv(s, &b, 1, 0), 1, 0);
        expect_wsa(poll1(s, POLLIN | POLLOUT, 0, &rev), 1, 0);
        ok(rev == POLLWRNORM, "after the recv %#x", rev);
    }
    closesocket(c);
    closesocket(s);
    closesocket(l);
}

/* OOB data is POLLRDBAND, or POLLRDNORM with SO_OOBINLINE. */
WT_CASE(wsapoll_oob)
{
    SOCKET c, s;
    short rev;
    int one = 1;
    char b;
    wt_tcp_pair(&c, &s);
    expect_wsa(send(c, "!", 1, MSG_OOB), 1, 0);
    expect_wsa(poll1(s, POLLIN, 2000, &rev), 1, 0);
    ok(rev == POLLRDBAND, "oob %#x", rev);
    expect_wsa(recv(s, &b, 1, MSG_OOB), 1, 0);
    expect_ok(setsockopt(s, SOL_SOCKET, SO_OOBINLINE, (char *)&one, sizeof one));
    expect_wsa(send(c, "!", 1, MSG_OOB), 1, 0);
    expect_wsa(poll1(s, POLLIN, 2000, &rev), 1, 0);
    ok(rev == POLLRDNORM, "oob inline %#x", rev);
    closesocket(c);
    closesocket(s);
}

/* The peer's close is POLLHUP, reported even when not asked for. */
WT_CASE(wsapoll_peer_closed_hup)
{
    SOCKET c, s;
    short rev;
    char buf[4];
    wt_tcp_pair(&c, &s);
    closesocket(c);
    expect_wsa(poll1(s, POLLOUT, 2000, &rev), 1, 0);
    ok(rev == (POLLHUP | POLLWRNORM), "asked POLLOUT: %#x", rev);
    expect_wsa(poll1(s, POLLRDNORM, 0, &rev), 1, 0);
    ok(rev == POLLHUP, "asked POLLRDNORM: %#x", rev);
    expect_wsa(recv(s, buf, sizeof buf, 0), 0, 0);
    closesocket(s);
}

/* sock.c test_tcp_reset: a reset is POLLERR|POLLHUP|POLLWRNORM. */
WT_CASE(wsapoll_reset)
{
    SOCKET c, s;
    short rev;
    struct linger lg = {1, 0};
    wt_tcp_pair(&c, &s);
    setsockopt(c, SOL_SOCKET, SO_LINGER, (char *)&lg, sizeof lg);
    closesocket(c);
    expect_wsa(poll1(s, POLLIN | POLLOUT, 2000, &rev), 1, 0);
    ok(rev == (POLLERR | POLLHUP | POLLWRNORM), "reset %#x", rev);
    closesocket(s);
}

WT_CASE(wsapoll_nonblocking_connect)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a), c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    short rev;
    int err = -1, len = sizeof err;
    wt_nonblocking(c, 1);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    expect_wsa(poll1(c, POLLIN | POLLOUT, 2000, &rev), 1, 0);
    ok(rev == POLLWRNORM, "connected %#x", rev);
    closesocket(c);
    /* Refused: POLLHUP|POLLERR|POLLWRNORM, SO_ERROR says why. */
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    closesocket(l);
    wt_refuse_at_once(c);
    wt_nonblocking(c, 1);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    expect_wsa(poll1(c, POLLIN | POLLOUT, 5000, &rev), 1, 0);
    ok(rev == (POLLHUP | POLLERR | POLLWRNORM), "refused %#x", rev);
    expect_ok(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &len));
    ok(err == WSAECONNREFUSED, "SO_ERROR %s", wt_name(err));
    expect_wsa(poll1(c, POLLIN | POLLOUT, 0, &rev), 1, 0);
    ok(rev == (POLLHUP | POLLERR | POLLWRNORM), "still refused %#x", rev);
    closesocket(c);
}

WT_CASE(wsapoll_unbound_udp_writable)
{
    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    short rev;
    expect_wsa(poll1(u, POLLIN | POLLOUT, 0, &rev), 1, 0);
    ok(rev == POLLWRNORM, "udp %#x", rev);
    closesocket(u);
}

/* Milliseconds: 0 polls, a short wait expires with 0, a negative one waits
 * for ever (WSAPoll docs). */
WT_CASE(wsapoll_timeouts)
{
    SOCKET c, s;
    short rev;
    DWORD start;
    struct wt_later l;
    HANDLE t;
    wt_tcp_pair(&c, &s);
    start = GetTickCount();
    expect_wsa(poll1(s, POLLIN, 0, &rev), 0, 0);
    expect_wsa(poll1(s, POLLIN, 60, &rev), 0, 0);
    ok(GetTickCount() - start >= 50, "returned after %u ms", (unsigned)(GetTickCount() - start));
    ok(rev == 0, "revents %#x", rev);
    l.s = c;
    l.ms = 100;
    l.close = 0;
    t = CreateThread(NULL, 0, wt_later_thread, &l, 0, NULL);
    expect_wsa(poll1(s, POLLIN, -5, &rev), 1, 0);
    ok(rev == POLLRDNORM, "revents %#x", rev);
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    closesocket(c);
    closesocket(s);
}

/* Closed by another thread during the wait: 1, POLLNVAL (sock.c
 * test_WSAPoll). */
WT_CASE(wsapoll_close_during_wait)
{
    SOCKET c, s;
    short rev;
    struct wt_later l;
    HANDLE t;
    wt_tcp_pair(&c, &s);
    l.s = c;
    l.ms = 200;
    l.close = 1;
    t = CreateThread(NULL, 0, wt_later_thread, &l, 0, NULL);
    expect_wsa(poll1(c, POLLRDNORM | POLLRDBAND, 5000, &rev), 1, 0);
    ok(rev == POLLNVAL, "revents %#x", rev);
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    closesocket(s);
}

/* More entries than fit the stack; the same socket twice. */
WT_CASE(wsapoll_many_entries)
{
    enum { PAIRS = 50 };
    static SOCKET socks[2 * PAIRS];
    static WSAPOLLFD p[2 * PAIRS + 1];
    int i;
    for (i = 0; i < 2 * PAIRS; i += 2)
        wt_tcp_pair(&socks[i], &socks[i + 1]);
    for (i = 0; i < 2 * PAIRS; i++) {
        p[i].fd = socks[i];
        p[i].events = POLLOUT;
    }
    p[2 * PAIRS].fd = socks[0];
    p[2 * PAIRS].events = POLLIN;
    send(socks[1], "x", 1, 0);
    Sleep(50);
    expect_wsa(WSAPoll(p, 2 * PAIRS + 1, 2000), 2 * PAIRS + 1, 0);
    for (i = 0; i < 2 * PAIRS; i++)
        ok(p[i].revents == POLLWRNORM, "entry %d: %#x", i, p[i].revents);
    ok(p[2 * PAIRS].revents == POLLRDNORM, "duplicate entry: %#x", p[2 * PAIRS].revents);
    for (i = 0; i < 2 * PAIRS; i++)
        closesocket(socks[i]);
}

/* The peer's shutdown(SD_SEND) is POLLHUP too, even with events 0, and
 * beside the data still queued; a closed peer with events 0: POLLHUP. */
WT_CASE(wsapoll_peer_shutdown_hup)
{
    SOCKET c, s;
    short rev;
    char buf[8];
    wt_tcp_pair(&c, &s);
    expect_wsa(send(c, "data", 4, 0), 4, 0);
    expect_ok(shutdown(c, SD_SEND));
    expect_wsa(poll1(s, POLLRDNORM | POLLWRNORM, 2000, &rev), 1, 0);
    ok(rev == (POLLRDNORM | POLLWRNORM | POLLHUP), "data and shutdown: %#x", rev);
    expect_wsa(poll1(s, 0, 0, &rev), 1, 0);
    ok(rev == POLLHUP, "events 0: %#x", rev);
    expect_wsa(recv(s, buf, sizeof buf, 0), 4, 0);
    expect_wsa(poll1(s, 0, 0, &rev), 1, 0);
    ok(rev == POLLHUP, "after the data, events 0: %#x", rev);
    closesocket(c);
    closesocket(s);
    wt_tcp_pair(&c, &s);
    closesocket(c);
    expect_wsa(poll1(s, 0, 2000, &rev), 1, 0);
    ok(rev == POLLHUP, "closed peer, events 0: %#x", rev);
    closesocket(s);
}

/* A pending connection is POLLRDNORM only, asked again it is still there;
 * asked only POLLRDBAND|POLLWRNORM the listener has nothing. A bound UDP
 * socket is writable. */
WT_CASE(wsapoll_listener_masks_and_bound_udp)
{
    struct sockaddr_in a, b;
    SOCKET l = wt_listener(&a), c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), s;
    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    short rev;
    expect_ok(connect(c, (struct sockaddr *)&a, sizeof a));
    expect_wsa(poll1(l, POLLRDNORM, 2000, &rev), 1, 0);
    ok(rev == POLLRDNORM, "pending %#x", rev);
    expect_wsa(poll1(l, POLLRDNORM, 0, &rev), 1, 0);
    ok(rev == POLLRDNORM, "still pending %#x", rev);
    expect_wsa(poll1(l, POLLRDBAND | POLLWRNORM, 0, &rev), 0, 0);
    ok(rev == 0, "other bits %#x", rev);
    s = accept(l, NULL, NULL);
    ok(s != INVALID_SOCKET, "accept: %s", wt_name(WSAGetLastError()));
    memset(&b, 0, sizeof b);
    b.sin_family = AF_INET;
    b.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    expect_ok(bind(u, (struct sockaddr *)&b, sizeof b));
    expect_wsa(poll1(u, POLLIN | POLLOUT, 0, &rev), 1, 0);
    ok(rev == POLLWRNORM, "bound udp %#x", rev);
    closesocket(u);
    closesocket(s);
    closesocket(c);
    closesocket(l);
}

WT_MAIN(wsapoll_bad_arguments, wsapoll_invalid_entries, wsapoll_listener_and_connected, wsapoll_oob,
        wsapoll_peer_closed_hup, wsapoll_reset, wsapoll_nonblocking_connect, wsapoll_unbound_udp_writable,
        wsapoll_timeouts, wsapoll_close_during_wait, wsapoll_many_entries, wsapoll_peer_shutdown_hup,
        wsapoll_listener_masks_and_bound_udp)
