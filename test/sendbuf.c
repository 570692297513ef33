/* Windows send buffering: a non-blocking send the kernel takes only part of
 * is accepted whole and its rest goes out in the background; what follows
 * gets WSAEWOULDBLOCK until it has gone, then FD_WRITE is recorded again;
 * closing gracefully (even with another thread waiting on the socket, or
 * after shutdown(SD_BOTH)) delivers every byte, closing abortively resets.
 * sock.c test_send_buffering; WSAEventSelect and closesocket pages. */
#include "wstest.h"

#define BIG (8 << 20)
static char big[BIG], got[65536];

/* Fill the peer's window: one send the kernel cannot take whole. */
static void big_send(SOCKET c)
{
    for (int i = 0; i < BIG; i++)
        big[i] = (char)('a' + i % 26);
    expect_wsa(send(c, big, BIG, 0), BIG, 0);
}

/* Read until the end of the stream or an error: bytes in order. */
static int drain(SOCKET s, int *last, int *err)
{
    int total = 0, r;
    *last = *err = 0;
    while ((r = recv(s, got, sizeof got, 0)) > 0) {
        for (int i = 0; i < r; i++)
            if (got[i] != (char)('a' + (total + i) % 26)) {
                *last = -2;
                return -1;
            }
        total += r;
    }
    *last = r;
    *err = r < 0 ? WSAGetLastError() : 0;
    return total;
}

WT_CASE(shutdown_both_delivers_the_rest)
{
    SOCKET c, s;
    int last, err;
    wt_tcp_pair(&c, &s);
    wt_nonblocking(c, 1);
    big_send(c);
    expect_ok(shutdown(c, SD_BOTH));
    expect_ok(closesocket(c));
    int total = drain(s, &last, &err);
    ok(total == BIG && last == 0, "every byte, then the end: %d of %d, last %d (%s)", total, BIG, last,
       wt_name(err));
    closesocket(s);
}

struct selector {
    SOCKET s;
    int ret;
};

static DWORD WINAPI select_on(LPVOID p)
{
    struct selector *a = (struct selector *)p;
    fd_set r, w;
    struct timeval tv = {10, 0};
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(a->s, &r);
    FD_SET(a->s, &w);
    a->ret = select(0, &r, &w, NULL, &tv);
    return 0;
}

/* A graceful close while another thread waits on the socket still delivers
 * everything that was accepted. */
WT_CASE(close_with_a_waiter_delivers_the_rest)
{
    SOCKET c, s;
    int last, err;
    wt_tcp_pair(&c, &s);
    wt_nonblocking(c, 1);
    big_send(c);
    struct selector sel = {c, -2};
    HANDLE t = CreateThread(NULL, 0, select_on, &sel, 0, NULL);
    Sleep(100);
    expect_ok(closesocket(c));
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "the waiter was woken");
    int total = drain(s, &last, &err);
    ok(total == BIG && last == 0, "every byte, then the end: %d of %d, last %d (%s)", total, BIG, last,
       wt_name(err));
    CloseHandle(t);
    closesocket(s);
}

/* SO_LINGER {1, 0}: the rest is discarded and the peer is reset. */
WT_CASE(abortive_close_discards_and_resets)
{
    SOCKET c, s;
    int last, err;
    wt_tcp_pair(&c, &s);
    wt_nonblocking(c, 1);
    big_send(c);
    wt_reset_close(c);
    int total = drain(s, &last, &err);
    ok(total >= 0 && total < BIG, "not everything arrived: %d of %d", total, BIG);
    ok(last == SOCKET_ERROR && err == WSAECONNRESET, "reset: %d %s", last, wt_name(err));
    closesocket(s);
}

/* FD_WRITE comes back once the rest has gone (the send after it said
 * WSAEWOULDBLOCK). */
WT_CASE(fd_write_after_the_rest_goes)
{
    SOCKET c, s;
    WSANETWORKEVENTS ne;
    WSAEVENT ev = WSACreateEvent();
    wt_tcp_pair(&c, &s);
    expect_ok(WSAEventSelect(c, ev, FD_WRITE));
    ok(WSAWaitForMultipleEvents(1, &ev, FALSE, 1000, FALSE) == WSA_WAIT_EVENT_0, "first FD_WRITE");
    expect_ok(WSAEnumNetworkEvents(c, ev, &ne));
    ok(ne.lNetworkEvents == FD_WRITE, "FD_WRITE: %#lx", (unsigned long)ne.lNetworkEvents);
    big_send(c);
    expect_fail(send(c, "x", 1, 0), WSAEWOULDBLOCK);
    ok(WSAWaitForMultipleEvents(1, &ev, FALSE, 100, FALSE) == WSA_WAIT_TIMEOUT, "nothing while pending");
    int total = 0, r;
    while (total < BIG && wt_wait_readable(s) == 1 && (r = recv(s, got, sizeof got, 0)) > 0)
        total += r;
    ok(total == BIG, "drained %d", total);
    ok(WSAWaitForMultipleEvents(1, &ev, FALSE, 2000, FALSE) == WSA_WAIT_EVENT_0, "FD_WRITE again");
    expect_ok(WSAEnumNetworkEvents(c, ev, &ne));
    ok(ne.lNetworkEvents & FD_WRITE, "FD_WRITE recorded: %#lx", (unsigned long)ne.lNetworkEvents);
    expect_wsa(send(c, "y", 1, 0), 1, 0);
    WSACloseEvent(ev);
    closesocket(c);
    closesocket(s);
}

/* WSAPoll agrees: not writable while pending, writable after. */
WT_CASE(wsapoll_writability_agrees)
{
    SOCKET c, s;
    WSAPOLLFD p;
    wt_tcp_pair(&c, &s);
    wt_nonblocking(c, 1);
    big_send(c);
    p.fd = c;
    p.events = POLLWRNORM;
    p.revents = 0;
    expect_wsa(WSAPoll(&p, 1, 0), 0, 0);
    int total = 0, r;
    while (total < BIG && wt_wait_readable(s) == 1 && (r = recv(s, got, sizeof got, 0)) > 0)
        total += r;
    p.revents = 0;
    expect_wsa(WSAPoll(&p, 1, 2000), 1, 0);
    ok(p.revents == POLLWRNORM, "writable: %#x", p.revents);
    closesocket(c);
    closesocket(s);
}

struct reader {
    SOCKET s;
    long long total;
};

/* A slow reader: 16 KiB at a time, a pause every 256 KiB, so the sender
 * has to wait. */
static DWORD WINAPI read_all(LPVOID p)
{
    struct reader *r = (struct reader *)p;
    int n, reads = 0;
    while ((n = recv(r->s, got, 16384, 0)) > 0) {
        r->total += n;
        if (++reads % 16 == 0)
            Sleep(1);
    }
    return 0;
}

/* The usual non-blocking sender: send until WSAEWOULDBLOCK, then select
 * with no time-out.  select returns only with the socket writable, even
 * when the rest has gone and the kernel's buffer is still full. */
WT_CASE(select_after_wouldblock_waits_for_writable)
{
    SOCKET c, s;
    enum { CH = 256 * 1024 };
    static char chunk[CH];
    wt_tcp_pair(&c, &s);
    /* Small buffers, so the reader cannot keep up however the threads are
     * scheduled. */
    int small = 32768;
    expect_wsa(setsockopt(c, SOL_SOCKET, SO_SNDBUF, (const char *)&small, sizeof small), 0, 0);
    expect_wsa(setsockopt(s, SOL_SOCKET, SO_RCVBUF, (const char *)&small, sizeof small), 0, 0);
    wt_nonblocking(c, 1);
    struct reader rd = {s, 0};
    HANDLE t = CreateThread(NULL, 0, read_all, &rd, 0, NULL);
    long long sent = 0;
    int blocked = 0, bad = 0;
    while (sent < 32LL * CH && !bad) {
        int r = send(c, chunk, CH, 0);
        if (r == CH) {
            sent += CH;
            continue;
        }
        if (r != SOCKET_ERROR || WSAGetLastError() != WSAEWOULDBLOCK) {
            bad = 1;
            break;
        }
        blocked++;
        fd_set w;
        FD_ZERO(&w);
        FD_SET(c, &w);
        if (select(0, NULL, &w, NULL, NULL) != 1 || !FD_ISSET(c, &w))
            bad = 2;
    }
    ok(!bad, "send/select loop: %d after %d waits", bad, blocked);
    ok(blocked > 0, "the sender had to wait (%d)", blocked);
    closesocket(c);
    ok(WaitForSingleObject(t, 10000) == WAIT_OBJECT_0, "reader done");
    ok(rd.total == sent, "every byte arrived: %lld of %lld", rd.total, sent);
    CloseHandle(t);
    closesocket(s);
}

WT_MAIN(select_after_wouldblock_waits_for_writable, shutdown_both_delivers_the_rest, close_with_a_waiter_delivers_the_rest, abortive_close_discards_and_resets,
        fd_write_after_the_rest_goes, wsapoll_writability_agrees)
