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

/* One send beyond the buffer space, then WSAEWOULDBLOCK: a program sending
 * 256 KiB chunks to a peer that is not reading learns it after a few sends
 * (memory per socket is bounded by one send), and each send costs one copy,
 * never a re-copy of everything queued before it. */
WT_CASE(chunks_until_wouldblock_are_few_and_quick)
{
    SOCKET c, s;
    static char chunk[256 << 10];
    wt_tcp_pair(&c, &s);
    wt_nonblocking(c, 1);
    DWORD t0 = GetTickCount();
    int sends = 0, r;
    while ((r = send(c, chunk, sizeof chunk, 0)) == (int)sizeof chunk && sends < 4096)
        sends++;
    DWORD ms = GetTickCount() - t0;
    ok(r == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "ended with %d %s", r,
       wt_name(WSAGetLastError()));
    ok(sends >= 1 && sends <= 128, "%d sends of 256 KiB before WSAEWOULDBLOCK", sends);
    ok(ms < 3000, "took %u ms", (unsigned)ms);
    /* And it keeps saying so while the peer still reads nothing. */
    for (int i = 0; i < 100; i++)
        expect_fail(send(c, chunk, sizeof chunk, 0), WSAEWOULDBLOCK);
    wt_reset_close(c);
    closesocket(s);
}

/* select agrees with send: not writable while the rest is pending (a
 * select loop would spin on WSAEWOULDBLOCK), writable once it has gone. */
WT_CASE(select_writability_agrees)
{
    SOCKET c, s;
    fd_set w;
    struct timeval zero = {0, 0}, two = {2, 0};
    wt_tcp_pair(&c, &s);
    wt_nonblocking(c, 1);
    big_send(c);
    FD_ZERO(&w);
    FD_SET(c, &w);
    expect_wsa(select(0, NULL, &w, NULL, &zero), 0, 0);
    expect_fail(send(c, "x", 1, 0), WSAEWOULDBLOCK);
    int total = 0, r;
    while (total < BIG && wt_wait_readable(s) == 1 && (r = recv(s, got, sizeof got, 0)) > 0)
        total += r;
    FD_ZERO(&w);
    FD_SET(c, &w);
    expect_wsa(select(0, NULL, &w, NULL, &two), 1, 0);
    expect_wsa(send(c, "x", 1, 0), 1, 0);
    closesocket(c);
    closesocket(s);
}

/* An out-of-band byte cannot overtake or join the pending rest: it is
 * WSAEWOULDBLOCK until the rest has gone, then goes out of band (never as
 * ordinary data). */
WT_CASE(oob_behind_pending_data)
{
    SOCKET c, s;
    char b;
    int last, err;
    wt_tcp_pair(&c, &s);
    wt_nonblocking(c, 1);
    big_send(c);
    expect_fail(send(c, "!", 1, MSG_OOB), WSAEWOULDBLOCK);
    int total = 0, r;
    while (total < BIG && wt_wait_readable(s) == 1 && (r = recv(s, got, sizeof got, 0)) > 0) {
        for (int i = 0; i < r; i++)
            if (got[i] != (char)('a' + (total + i) % 26)) {
                ok(0, "byte %d is %#x", total + i, (unsigned char)got[i]);
                break;
            }
        total += r;
    }
    ok(total == BIG, "the rest arrived: %d of %d", total, BIG);
    fd_set w, e;
    struct timeval two = {2, 0};
    FD_ZERO(&w);
    FD_SET(c, &w);
    expect_wsa(select(0, NULL, &w, NULL, &two), 1, 0);
    expect_wsa(send(c, "!", 1, MSG_OOB), 1, 0);
    FD_ZERO(&e);
    FD_SET(s, &e);
    expect_wsa(select(0, NULL, NULL, &e, &two), 1, 0);
    expect_wsa(recv(s, &b, 1, MSG_OOB), 1, 0);
    ok(b == '!', "OOB byte %#x", (unsigned char)b);
    closesocket(c);
    int rest = drain(s, &last, &err);
    ok(rest == 0 && last == 0, "no ordinary data after it: %d, last %d (%s)", rest, last, wt_name(err));
    closesocket(s);
}

/* Two threads' blocking sends on one socket: each message arrives whole,
 * never interleaved with the other's (Windows queues sends in order). */
#define MSG (1 << 20)
#define MSGS 6
struct sender {
    SOCKET s;
    char fill;
    int fails;
};
static DWORD WINAPI send_messages(LPVOID p)
{
    struct sender *a = (struct sender *)p;
    char *m = (char *)malloc(MSG);
    memset(m, a->fill, MSG);
    for (int i = 0; i < MSGS; i++)
        if (send(a->s, m, MSG, 0) != MSG)
            a->fails++;
    free(m);
    return 0;
}
WT_CASE(two_threads_messages_do_not_interleave)
{
    SOCKET c, s;
    wt_tcp_pair(&c, &s);
    int small = 32 << 10;
    setsockopt(c, SOL_SOCKET, SO_SNDBUF, (char *)&small, sizeof small);
    setsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&small, sizeof small);
    struct sender a = {c, 'A', 0}, b = {c, 'B', 0};
    HANDLE ta = CreateThread(NULL, 0, send_messages, &a, 0, NULL);
    HANDLE tb = CreateThread(NULL, 0, send_messages, &b, 0, NULL);
    long run = 0, total = 0;
    int broken = 0, r;
    char cur = 0;
    while (total < 2L * MSGS * MSG && (r = recv(s, got, sizeof got, 0)) > 0) {
        for (int i = 0; i < r; i++) {
            if (got[i] != cur) {
                if (cur && run % MSG)
                    broken++;
                cur = got[i];
                run = 0;
            }
            run++;
        }
        total += r;
    }
    if (run % MSG)
        broken++;
    ok(total == 2L * MSGS * MSG, "received %ld", total);
    ok(!broken, "%d messages arrived interleaved", broken);
    ok(WaitForSingleObject(ta, 5000) == WAIT_OBJECT_0 && WaitForSingleObject(tb, 5000) == WAIT_OBJECT_0,
       "senders done");
    ok(!a.fails && !b.fails, "sends failed: %d %d", a.fails, b.fails);
    CloseHandle(ta);
    CloseHandle(tb);
    closesocket(c);
    closesocket(s);
}

/* A buffer that turns bad after the part the kernel took: the send fails
 * WSAEFAULT (the rest cannot be read), it does not crash the program.  The
 * address is in the user half but mapped by nothing. */
WT_CASE(bad_buffer_after_partial_send)
{
    SOCKET c, s;
    WSABUF b[2];
    DWORD sent = 0xdeadbeef;
    wt_tcp_pair(&c, &s);
    wt_nonblocking(c, 1);
    b[0].buf = big;
    b[0].len = BIG;
    b[1].buf = (char *)(ULONG_PTR)0x680000000000ull;
    b[1].len = 4096;
    expect_fail(WSASend(c, b, 2, &sent, 0, NULL, NULL), WSAEFAULT);
    ok(sent == 0xdeadbeef, "sent %lu", (unsigned long)sent);
    /* Inside the first 64 KiB it is refused before anything moves. */
    b[0].buf = (char *)1;
    b[0].len = 10;
    expect_fail(WSASend(c, b, 1, &sent, 0, NULL, NULL), WSAEFAULT);
    wt_reset_close(c);
    closesocket(s);
}


WT_MAIN(select_after_wouldblock_waits_for_writable, shutdown_both_delivers_the_rest, close_with_a_waiter_delivers_the_rest, abortive_close_discards_and_resets,
        fd_write_after_the_rest_goes, wsapoll_writability_agrees, chunks_until_wouldblock_are_few_and_quick,
        select_writability_agrees, oob_behind_pending_data, two_threads_messages_do_not_interleave,
        bad_buffer_after_partial_send)
