/* WSAEventSelect, WSAEnumNetworkEvents, WSA event objects and
 * WSAWaitForMultipleEvents: the record / signal / re-enable rules of the
 * WSAEventSelect documentation, one case each, plus a one-thread server for
 * 60 clients. */
#include "wstest.h"
#include "wtevents.h"

static WSANETWORKEVENTS enum_events(SOCKET s, WSAEVENT e)
{
    WSANETWORKEVENTS ne;
    memset(&ne, 0x55, sizeof ne);
    ok(WSAEnumNetworkEvents(s, e, &ne) == 0, "WSAEnumNetworkEvents: %s", wt_name(WSAGetLastError()));
    return ne;
}

/* Wait (bounded) for e, then the socket's events. */
static LONG wait_events(SOCKET s, WSAEVENT e, WSANETWORKEVENTS *out)
{
    DWORD r = WSAWaitForMultipleEvents(1, &e, FALSE, 5000, FALSE);
    ok(r == WSA_WAIT_EVENT_0, "wait returned %lu", (unsigned long)r);
    *out = enum_events(s, e);
    return out->lNetworkEvents;
}

WT_CASE(event_objects)
{
    WSAEVENT e = WSACreateEvent();
    ok(e != WSA_INVALID_EVENT, "WSACreateEvent");
    ok(WSAWaitForMultipleEvents(1, &e, FALSE, 0, FALSE) == WSA_WAIT_TIMEOUT, "created reset");
    ok(WSASetEvent(e), "WSASetEvent");
    ok(WSAWaitForMultipleEvents(1, &e, FALSE, 0, FALSE) == WSA_WAIT_EVENT_0, "signalled");
    ok(WSAWaitForMultipleEvents(1, &e, FALSE, 0, FALSE) == WSA_WAIT_EVENT_0, "manual reset: still signalled");
    ok(WSAResetEvent(e), "WSAResetEvent");
    ok(WaitForSingleObject(e, 0) == WAIT_TIMEOUT, "a WSAEVENT is a HANDLE");
    ok(WSACloseEvent(e), "WSACloseEvent");
    WSASetLastError(0);
    ok(!WSASetEvent(NULL) && WSAGetLastError() == WSA_INVALID_HANDLE, "WSASetEvent(NULL): %s",
       wt_name(WSAGetLastError()));
    WSASetLastError(0);
    ok(!WSACloseEvent(NULL) && WSAGetLastError() == WSA_INVALID_HANDLE, "WSACloseEvent(NULL)");
}

WT_CASE(wait_errors)
{
    WSAEVENT e[WSA_MAXIMUM_WAIT_EVENTS + 1] = {0};
    expect_wsa(WSAWaitForMultipleEvents(0, e, FALSE, 0, FALSE), WSA_WAIT_FAILED, WSA_INVALID_PARAMETER);
    expect_wsa(WSAWaitForMultipleEvents(WSA_MAXIMUM_WAIT_EVENTS + 1, e, FALSE, 0, FALSE), WSA_WAIT_FAILED,
               WSA_INVALID_PARAMETER);
    expect_wsa(WSAWaitForMultipleEvents(1, e, FALSE, 0, FALSE), WSA_WAIT_FAILED, WSA_INVALID_HANDLE);
}

WT_CASE(wait_any_lowest_index_and_wait_all)
{
    WSAEVENT e[3] = {WSACreateEvent(), WSACreateEvent(), WSACreateEvent()};
    WSASetEvent(e[2]);
    WSASetEvent(e[1]);
    ok(WSAWaitForMultipleEvents(3, e, FALSE, 0, FALSE) == WSA_WAIT_EVENT_0 + 1, "lowest signalled index");
    ok(WSAWaitForMultipleEvents(3, e, TRUE, 50, FALSE) == WSA_WAIT_TIMEOUT, "wait-all: one still reset");
    WSASetEvent(e[0]);
    ok(WSAWaitForMultipleEvents(3, e, TRUE, 0, FALSE) == WSA_WAIT_EVENT_0, "wait-all satisfied");
    for (int i = 0; i < 3; i++)
        WSACloseEvent(e[i]);
}

static DWORD WINAPI short_thread(LPVOID arg)
{
    (void)arg;
    Sleep(50);
    return 5;
}

WT_CASE(wait_mixes_threads_and_events)
{
    HANDLE h[2];
    h[0] = CreateEventA(NULL, FALSE, FALSE, NULL); /* auto reset */
    h[1] = CreateThread(NULL, 0, short_thread, NULL, 0, NULL);
    ok(WaitForMultipleObjects(2, h, FALSE, 5000) == WAIT_OBJECT_0 + 1, "the thread ends first");
    SetEvent(h[0]);
    ok(WaitForMultipleObjects(2, h, TRUE, 1000) == WAIT_OBJECT_0, "both");
    ok(WaitForSingleObject(h[0], 0) == WAIT_TIMEOUT, "wait-all consumed the auto-reset event");
    CloseHandle(h[0]);
    CloseHandle(h[1]);
}

WT_CASE(connect_records_connect_and_write)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a), c = socket(AF_INET, SOCK_STREAM, 0);
    WSAEVENT e = WSACreateEvent();
    WSANETWORKEVENTS ne;
    expect_ok(WSAEventSelect(c, e, FD_CONNECT | FD_WRITE | FD_READ | FD_CLOSE));
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK); /* registration made it non-blocking */
    LONG got = wait_events(c, e, &ne);
    if (!(got & FD_WRITE))
        got |= wait_events(c, e, &ne) & FD_WRITE;
    ok((got & (FD_CONNECT | FD_WRITE)) == (FD_CONNECT | FD_WRITE), "events %#lx", (unsigned long)got);
    ok(ne.iErrorCode[FD_CONNECT_BIT] == 0 || !(ne.lNetworkEvents & FD_CONNECT), "connect error %d",
       ne.iErrorCode[FD_CONNECT_BIT]);
    closesocket(c);
    closesocket(l);
    WSACloseEvent(e);
}

WT_CASE(connect_refused_records_error)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a), c = socket(AF_INET, SOCK_STREAM, 0);
    WSAEVENT e = WSACreateEvent();
    WSANETWORKEVENTS ne;
    closesocket(l);
    wt_refuse_at_once(c);
    expect_ok(WSAEventSelect(c, e, FD_CONNECT));
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    wait_events(c, e, &ne);
    ok(ne.lNetworkEvents == FD_CONNECT, "events %#lx", (unsigned long)ne.lNetworkEvents);
    ok(ne.iErrorCode[FD_CONNECT_BIT] == WSAECONNREFUSED, "FD_CONNECT error %s",
       wt_name(ne.iErrorCode[FD_CONNECT_BIT]));
    closesocket(c);
    WSACloseEvent(e);
}

WT_CASE(accept_and_inheritance)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a), c1 = socket(AF_INET, SOCK_STREAM, 0), c2 = socket(AF_INET, SOCK_STREAM, 0), s;
    WSAEVENT e = WSACreateEvent();
    WSANETWORKEVENTS ne;
    expect_ok(WSAEventSelect(l, e, FD_ACCEPT | FD_READ | FD_WRITE | FD_CLOSE));
    expect_ok(connect(c1, (struct sockaddr *)&a, sizeof a));
    expect_ok(connect(c2, (struct sockaddr *)&a, sizeof a));
    wait_events(l, e, &ne);
    ok(ne.lNetworkEvents == FD_ACCEPT, "listener events %#lx", (unsigned long)ne.lNetworkEvents);
    ok(WSAWaitForMultipleEvents(1, &e, FALSE, 100, FALSE) == WSA_WAIT_TIMEOUT, "recorded once until accept");
    s = accept(l, NULL, NULL);
    ok(s != INVALID_SOCKET, "accept: %s", wt_name(WSAGetLastError()));
    /* The accepted socket inherits the registration: FD_WRITE at once, and it
     * is non-blocking. */
    ne = enum_events(s, NULL);
    ok(ne.lNetworkEvents == FD_WRITE, "accepted socket events %#lx", (unsigned long)ne.lNetworkEvents);
    {
        u_long off = 0;
        expect_fail(ioctlsocket(s, FIONBIO, &off), WSAEINVAL);
    }
    wait_events(l, e, &ne);
    ok(ne.lNetworkEvents == FD_ACCEPT, "second pending connection after accept: %#lx",
       (unsigned long)ne.lNetworkEvents);
    closesocket(s);
    closesocket(c1);
    closesocket(c2);
    closesocket(l);
    WSACloseEvent(e);
}

WT_CASE(read_recorded_once_until_recv)
{
    SOCKET c, s;
    WSAEVENT e = WSACreateEvent();
    WSANETWORKEVENTS ne;
    char buf[16];
    wt_tcp_pair(&c, &s);
    expect_ok(WSAEventSelect(s, e, FD_READ));
    expect_fail(recv(s, buf, sizeof buf, 0), WSAEWOULDBLOCK);
    expect_wsa(send(c, "0123456789", 10, 0), 10, 0);
    wait_events(s, e, &ne);
    ok(ne.lNetworkEvents == FD_READ, "FD_READ: %#lx", (unsigned long)ne.lNetworkEvents);
    ok(ne.iErrorCode[FD_READ_BIT] == 0, "FD_READ error %d", ne.iErrorCode[FD_READ_BIT]);
    ok(ne.iErrorCode[FD_CLOSE_BIT] == 0x55555555, "unreported iErrorCode untouched: %#x",
       (unsigned)ne.iErrorCode[FD_CLOSE_BIT]);
    ok(WSAWaitForMultipleEvents(1, &e, FALSE, 100, FALSE) == WSA_WAIT_TIMEOUT, "not again before recv");
    ok(enum_events(s, NULL).lNetworkEvents == 0, "nothing recorded");
    expect_wsa(recv(s, buf, 4, 0), 4, 0); /* data remains: recorded again */
    wait_events(s, e, &ne);
    ok(ne.lNetworkEvents == FD_READ, "FD_READ again after a partial recv: %#lx",
       (unsigned long)ne.lNetworkEvents);
    expect_wsa(recv(s, buf, sizeof buf, 0), 6, 0);
    ok(WSAWaitForMultipleEvents(1, &e, FALSE, 100, FALSE) == WSA_WAIT_TIMEOUT, "drained: no FD_READ");
    closesocket(c);
    closesocket(s);
    WSACloseEvent(e);
}

WT_CASE(conditions_true_at_registration)
{
    SOCKET c, s;
    WSAEVENT e = WSACreateEvent();
    WSANETWORKEVENTS ne;
    wt_tcp_pair(&c, &s);
    expect_wsa(send(c, "x", 1, 0), 1, 0);
    Sleep(20);
    expect_ok(WSAEventSelect(s, e, FD_READ | FD_WRITE));
    ok(WSAWaitForMultipleEvents(1, &e, FALSE, 0, FALSE) == WSA_WAIT_EVENT_0, "signalled at once");
    ne = enum_events(s, e);
    ok(ne.lNetworkEvents == (FD_READ | FD_WRITE), "events %#lx", (unsigned long)ne.lNetworkEvents);
    ok(WSAWaitForMultipleEvents(1, &e, FALSE, 0, FALSE) == WSA_WAIT_TIMEOUT, "enum reset the event");
    closesocket(c);
    closesocket(s);
    WSACloseEvent(e);
}

WT_CASE(zero_timeout_wait_sees_sockets)
{
    SOCKET c, s;
    WSAEVENT e = WSACreateEvent();
    wt_tcp_pair(&c, &s);
    expect_ok(WSAEventSelect(s, e, FD_READ));
    expect_wsa(send(c, "x", 1, 0), 1, 0);
    Sleep(50);
    /* A poll with no wait still records what the socket has. */
    ok(WSAWaitForMultipleEvents(1, &e, FALSE, 0, FALSE) == WSA_WAIT_EVENT_0, "data seen by a zero-timeout wait");
    ok(enum_events(s, e).lNetworkEvents == FD_READ, "FD_READ");
    closesocket(c);
    closesocket(s);
    WSACloseEvent(e);
}

WT_CASE(write_reenabled_after_wouldblock)
{
    SOCKET c, s;
    WSAEVENT e = WSACreateEvent();
    WSANETWORKEVENTS ne;
    static char buf[65536];
    int sent = 0, r, small = 4096;
    wt_tcp_pair(&c, &s);
    setsockopt(c, SOL_SOCKET, SO_SNDBUF, (char *)&small, sizeof small);
    expect_ok(WSAEventSelect(c, e, FD_WRITE));
    wait_events(c, e, &ne);
    ok(ne.lNetworkEvents == FD_WRITE, "FD_WRITE at registration: %#lx", (unsigned long)ne.lNetworkEvents);
    /* Small sends: each is whole or WSAEWOULDBLOCK, never stuck half-way. */
    while ((r = send(c, buf, 16, 0)) > 0 && sent < (64 << 20))
        sent += r;
    ok(r == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "filled after %d bytes: %s", sent,
       wt_name(WSAGetLastError()));
    while (sent > 0 && (r = recv(s, buf, sizeof buf, 0)) > 0)
        sent -= r;
    wait_events(c, e, &ne);
    ok(ne.lNetworkEvents == FD_WRITE, "FD_WRITE once there is room: %#lx", (unsigned long)ne.lNetworkEvents);
    closesocket(c);
    closesocket(s);
    WSACloseEvent(e);
}

WT_CASE(graceful_close)
{
    SOCKET c, s;
    WSAEVENT e = WSACreateEvent();
    WSANETWORKEVENTS ne;
    wt_tcp_pair(&c, &s);
    expect_ok(WSAEventSelect(s, e, FD_READ | FD_CLOSE));
    closesocket(c);
    wait_events(s, e, &ne);
    ok(ne.lNetworkEvents == FD_CLOSE, "events %#lx", (unsigned long)ne.lNetworkEvents);
    ok(ne.iErrorCode[FD_CLOSE_BIT] == 0, "FD_CLOSE error %s", wt_name(ne.iErrorCode[FD_CLOSE_BIT]));
    ok(WSAWaitForMultipleEvents(1, &e, FALSE, 100, FALSE) == WSA_WAIT_TIMEOUT, "FD_CLOSE only once");
    closesocket(s);
    WSACloseEvent(e);
}

WT_CASE(abortive_close)
{
    SOCKET c, s;
    WSAEVENT e = WSACreateEvent();
    WSANETWORKEVENTS ne;
    struct linger lg = {1, 0};
    char buf[4];
    wt_tcp_pair(&c, &s);
    expect_ok(WSAEventSelect(s, e, FD_READ | FD_CLOSE));
    expect_ok(setsockopt(c, SOL_SOCKET, SO_LINGER, (char *)&lg, sizeof lg));
    closesocket(c); /* RST */
    wait_events(s, e, &ne);
    ok(ne.lNetworkEvents == FD_CLOSE, "events %#lx", (unsigned long)ne.lNetworkEvents);
    ok(ne.iErrorCode[FD_CLOSE_BIT] == WSAECONNABORTED, "FD_CLOSE error %s (sock.c test_close_events)",
       wt_name(ne.iErrorCode[FD_CLOSE_BIT]));
    expect_fail(recv(s, buf, sizeof buf, 0), WSAECONNRESET);
    closesocket(s);
    WSACloseEvent(e);
}

WT_CASE(close_with_data_queued)
{
    SOCKET c, s;
    WSAEVENT e = WSACreateEvent();
    WSANETWORKEVENTS ne;
    char buf[8];
    wt_tcp_pair(&c, &s);
    expect_ok(WSAEventSelect(s, e, FD_READ | FD_CLOSE));
    expect_wsa(send(c, "abc", 3, 0), 3, 0);
    closesocket(c);
    Sleep(50);
    /* FD_CLOSE at once, not only after the data is read (sock.c
     * test_close_events). */
    wait_events(s, e, &ne);
    ok(ne.lNetworkEvents == (FD_READ | FD_CLOSE), "events %#lx", (unsigned long)ne.lNetworkEvents);
    ok(ne.iErrorCode[FD_CLOSE_BIT] == 0, "graceful: %s", wt_name(ne.iErrorCode[FD_CLOSE_BIT]));
    expect_wsa(recv(s, buf, sizeof buf, 0), 3, 0);
    expect_wsa(recv(s, buf, sizeof buf, 0), 0, 0);
    ok(WSAWaitForMultipleEvents(1, &e, FALSE, 100, FALSE) == WSA_WAIT_TIMEOUT, "no second FD_CLOSE");
    closesocket(s);
    WSACloseEvent(e);
}

WT_CASE(register_connected_socket_reports_connect)
{
    SOCKET c, s;
    WSAEVENT e = WSACreateEvent();
    wt_tcp_pair(&c, &s);
    expect_ok(WSAEventSelect(c, e, FD_CONNECT | FD_WRITE));
    WSANETWORKEVENTS ne = enum_events(c, e);
    ok(ne.lNetworkEvents == (FD_CONNECT | FD_WRITE), "events %#lx (sock.c test_connect_events)",
       (unsigned long)ne.lNetworkEvents);
    closesocket(c);
    closesocket(s);
    WSACloseEvent(e);
}

WT_CASE(registration_rules)
{
    SOCKET c, s;
    WSAEVENT e = WSACreateEvent(), e2 = WSACreateEvent();
    WSANETWORKEVENTS ne;
    u_long off = 0;
    char buf[4];
    wt_tcp_pair(&c, &s);
    expect_fail(WSAEventSelect(s, NULL, FD_READ), WSAEINVAL);
    expect_fail(WSAEventSelect(INVALID_SOCKET, e, FD_READ), WSAENOTSOCK);
    expect_ok(WSAEventSelect(s, e, FD_READ));
    expect_fail(ioctlsocket(s, FIONBIO, &off), WSAEINVAL); /* must stay non-blocking */
    expect_wsa(send(c, "ab", 2, 0), 2, 0);
    ok(WSAWaitForMultipleEvents(1, &e, FALSE, 5000, FALSE) == WSA_WAIT_EVENT_0, "FD_READ signalled");
    /* A new registration keeps what was recorded. */
    expect_ok(WSAEventSelect(s, e2, FD_READ | FD_CLOSE));
    ne = enum_events(s, e2);
    ok(ne.lNetworkEvents == FD_READ, "recorded before re-registering: %#lx", (unsigned long)ne.lNetworkEvents);
    /* lNetworkEvents 0 cancels; blocking mode may then be restored. */
    expect_ok(WSAEventSelect(s, NULL, 0));
    expect_ok(ioctlsocket(s, FIONBIO, &off));
    expect_wsa(recv(s, buf, sizeof buf, 0), 2, 0);
    expect_fail(WSAEnumNetworkEvents(s, NULL, NULL), WSAEFAULT);
    closesocket(c);
    closesocket(s);
    WSACloseEvent(e);
    WSACloseEvent(e2);
}

WT_CASE(select_does_not_touch_the_event)
{
    SOCKET c, s;
    WSAEVENT e = WSACreateEvent();
    fd_set r;
    struct timeval tv = {1, 0};
    wt_tcp_pair(&c, &s);
    expect_ok(WSAEventSelect(s, e, FD_READ));
    expect_wsa(send(c, "x", 1, 0), 1, 0);
    ok(WSAWaitForMultipleEvents(1, &e, FALSE, 5000, FALSE) == WSA_WAIT_EVENT_0, "signalled");
    FD_ZERO(&r);
    FD_SET(s, &r);
    ok(select(0, &r, NULL, NULL, &tv) == 1, "select sees the data");
    ok(WSAWaitForMultipleEvents(1, &e, FALSE, 0, FALSE) == WSA_WAIT_EVENT_0, "select did not reset it");
    ok(enum_events(s, e).lNetworkEvents == FD_READ, "still recorded");
    FD_ZERO(&r);
    FD_SET(s, &r);
    ok(select(0, &r, NULL, NULL, &tv) == 1, "select again");
    ok(WSAWaitForMultipleEvents(1, &e, FALSE, 0, FALSE) == WSA_WAIT_TIMEOUT, "select did not signal it");
    closesocket(c);
    closesocket(s);
    WSACloseEvent(e);
}

WT_CASE(closesocket_cancels_registration)
{
    SOCKET c, s;
    WSAEVENT e = WSACreateEvent();
    wt_tcp_pair(&c, &s);
    expect_ok(WSAEventSelect(s, e, FD_READ | FD_CLOSE));
    closesocket(s);
    closesocket(c);
    ok(WSAWaitForMultipleEvents(1, &e, FALSE, 100, FALSE) == WSA_WAIT_TIMEOUT, "nothing after closesocket");
    WSACloseEvent(e);
}

WT_CASE(waiting_costs_no_cpu)
{
    SOCKET c, s;
    WSAEVENT e = WSACreateEvent();
    wt_tcp_pair(&c, &s);
    expect_ok(WSAEventSelect(s, e, FD_READ | FD_CLOSE));
    double cpu = wt_thread_cpu_ms();
    DWORD start = GetTickCount();
    ok(WSAWaitForMultipleEvents(1, &e, FALSE, 300, FALSE) == WSA_WAIT_TIMEOUT, "nothing happens");
    double used_ms = wt_thread_cpu_ms() - cpu;
    ok(GetTickCount() - start >= 290, "waited the whole time");
    ok(cpu >= 0 && used_ms < 50, "no busy waiting: %.1f ms of CPU in a 300 ms wait", used_ms);
    closesocket(c);
    closesocket(s);
    WSACloseEvent(e);
}

WT_CASE(oob_recorded_until_recv_oob)
{
    SOCKET c, s;
    WSAEVENT e = WSACreateEvent();
    WSANETWORKEVENTS ne;
    char b;
    wt_tcp_pair(&c, &s);
    expect_ok(WSAEventSelect(s, e, FD_OOB));
    expect_wsa(send(c, "!", 1, MSG_OOB), 1, 0);
    wait_events(s, e, &ne);
    ok(ne.lNetworkEvents == FD_OOB, "FD_OOB: %#lx", (unsigned long)ne.lNetworkEvents);
    expect_wsa(recv(s, &b, 1, MSG_OOB), 1, 0);
    ok(b == '!', "the urgent byte");
    expect_wsa(send(c, "?", 1, MSG_OOB), 1, 0);
    wait_events(s, e, &ne);
    ok(ne.lNetworkEvents == FD_OOB, "FD_OOB again after recv(MSG_OOB): %#lx", (unsigned long)ne.lNetworkEvents);
    closesocket(c);
    closesocket(s);
    WSACloseEvent(e);
}

/* ---- one thread, 60 clients, wait-any ---------------------------------- */
#define CLIENTS 60

static DWORD WINAPI clients_thread(LPVOID arg)
{
    struct sockaddr_in *a = arg;
    SOCKET c[CLIENTS];
    DWORD bad = 0;
    for (int i = 0; i < CLIENTS; i++) {
        c[i] = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(c[i], (struct sockaddr *)a, sizeof *a) != 0)
            bad++;
    }
    for (int i = 0; i < CLIENTS; i++) {
        char msg[16], back[16];
        int n = sprintf(msg, "client %02d", i);
        if (send(c[i], msg, n, 0) != n)
            bad++;
        int got = 0, r;
        while (got < n && (r = recv(c[i], back + got, n - got, 0)) > 0)
            got += r;
        if (got != n || memcmp(msg, back, (size_t)n))
            bad++;
    }
    for (int i = 0; i < CLIENTS; i++)
        closesocket(c[i]);
    return bad;
}

WT_CASE(one_thread_serves_60_clients)
{
    struct sockaddr_in a;
    SOCKET sock[CLIENTS + 1];
    WSAEVENT ev[CLIENTS + 1];
    DWORD n = 1, closes = 0, bytes = 0, code = 99;
    sock[0] = wt_listener(&a);
    ev[0] = WSACreateEvent();
    expect_ok(WSAEventSelect(sock[0], ev[0], FD_ACCEPT));
    HANDLE t = CreateThread(NULL, 0, clients_thread, &a, 0, NULL);
    DWORD start = GetTickCount();
    while (closes < CLIENTS && GetTickCount() - start < 20000) {
        DWORD r = WSAWaitForMultipleEvents(n, ev, FALSE, 1000, FALSE);
        if (r == WSA_WAIT_TIMEOUT)
            continue;
        if (r >= WSA_WAIT_EVENT_0 + n) {
            ok(0, "wait failed: %lu %s", (unsigned long)r, wt_name(WSAGetLastError()));
            break;
        }
        DWORD i = r - WSA_WAIT_EVENT_0;
        WSANETWORKEVENTS ne;
        if (WSAEnumNetworkEvents(sock[i], ev[i], &ne) != 0)
            continue;
        if (ne.lNetworkEvents & FD_ACCEPT) {
            SOCKET s;
            while (n <= CLIENTS && (s = accept(sock[0], NULL, NULL)) != INVALID_SOCKET) {
                sock[n] = s;
                ev[n] = WSACreateEvent();
                WSAEventSelect(s, ev[n], FD_READ | FD_CLOSE);
                n++;
            }
        }
        if (ne.lNetworkEvents & FD_READ) {
            char buf[64];
            int got = recv(sock[i], buf, sizeof buf, 0);
            if (got > 0) {
                bytes += (DWORD)got;
                ok(send(sock[i], buf, got, 0) == got, "echo");
            }
        }
        if (ne.lNetworkEvents & FD_CLOSE)
            closes++;
    }
    ok(WaitForSingleObject(t, 10000) == WAIT_OBJECT_0, "clients finish");
    ok(GetExitCodeThread(t, &code) && code == 0, "clients saw %lu problems", (unsigned long)code);
    ok(n == CLIENTS + 1, "accepted %lu", (unsigned long)(n - 1));
    ok(closes == CLIENTS, "FD_CLOSE from %lu clients", (unsigned long)closes);
    ok(bytes == CLIENTS * 9, "bytes %lu", (unsigned long)bytes);
    CloseHandle(t);
    for (DWORD i = 0; i < n; i++) {
        closesocket(sock[i]);
        WSACloseEvent(ev[i]);
    }
}

/* Wine's sock.c test_*_events sequences (test/wtevents.h), event mode. */
WT_CASE(accept_sequence_event_mode)
{
    struct wt_ev ev;
    wt_ev_init(&ev, 0);
    wt_ev_accept_sequence(&ev);
    wt_ev_free(&ev);
}

WT_CASE(connect_sequence_event_mode)
{
    struct wt_ev ev;
    wt_ev_init(&ev, 0);
    wt_ev_connect_sequence(&ev);
    wt_ev_free(&ev);
}

WT_CASE(read_sequence_event_mode)
{
    struct wt_ev ev;
    wt_ev_init(&ev, 0);
    wt_ev_read_sequence(&ev);
    wt_ev_free(&ev);
}

WT_CASE(write_sequence_event_mode)
{
    struct wt_ev ev;
    wt_ev_init(&ev, 0);
    wt_ev_write_sequence(&ev);
    wt_ev_free(&ev);
}

WT_CASE(oob_sequence_event_mode)
{
    struct wt_ev ev;
    wt_ev_init(&ev, 0);
    wt_ev_oob_sequence(&ev);
    wt_ev_free(&ev);
}

WT_CASE(close_sequence_event_mode)
{
    struct wt_ev ev;
    wt_ev_init(&ev, 0);
    wt_ev_close_sequence(&ev);
    wt_ev_free(&ev);
}

/* Registering FD_READ|FD_WRITE again and again, enumerating after each
 * (with the event, or with NULL): FD_WRITE is reported the first time for a
 * bound datagram socket and a connected stream socket, never for a bound
 * unconnected stream socket, and not again after that; the error codes of
 * events not reported are left as they were (sock.c test_WSAEnumNetworkEvents). */
WT_CASE(enumerate_after_each_registration)
{
    struct sockaddr_in any;
    memset(&any, 0, sizeof any);
    any.sin_family = AF_INET;
    for (int with_event = 1; with_event >= 0; with_event--) {
        for (int kind = 0; kind < 3; kind++) {
            SOCKET s, peer = INVALID_SOCKET;
            if (kind == 2)
                wt_tcp_pair(&s, &peer);
            else {
                s = socket(AF_INET, kind ? SOCK_DGRAM : SOCK_STREAM, 0);
                expect_ok(bind(s, (struct sockaddr *)&any, sizeof any));
            }
            WSAEVENT ev = WSACreateEvent();
            for (int round = 0; round < 5; round++) {
                WSANETWORKEVENTS ne;
                expect_ok(WSAEventSelect(s, ev, FD_READ | FD_WRITE));
                memset(&ne, 0xab, sizeof ne);
                expect_ok(WSAEnumNetworkEvents(s, with_event ? ev : NULL, &ne));
                long want = kind && !round ? FD_WRITE : 0;
                ok(ne.lNetworkEvents == want, "kind %d round %d: events %#lx (want %#lx)", kind, round,
                   (long)ne.lNetworkEvents, want);
                for (int k = 0; k < FD_MAX_EVENTS; k++)
                    ok((ne.lNetworkEvents & (1 << k)) ? ne.iErrorCode[k] == 0 : ne.iErrorCode[k] == (int)0xabababab,
                       "kind %d round %d: iErrorCode[%d] %#x", kind, round, k, (unsigned)ne.iErrorCode[k]);
            }
            closesocket(s);
            if (peer != INVALID_SOCKET)
                closesocket(peer);
            WSACloseEvent(ev);
        }
    }
}

WT_MAIN(accept_sequence_event_mode, connect_sequence_event_mode, read_sequence_event_mode, write_sequence_event_mode, oob_sequence_event_mode, close_sequence_event_mode,
        event_objects, wait_errors, wait_any_lowest_index_and_wait_all, wait_mixes_threads_and_events,
        connect_records_connect_and_write, connect_refused_records_error, accept_and_inheritance,
        read_recorded_once_until_recv, conditions_true_at_registration, zero_timeout_wait_sees_sockets,
        write_reenabled_after_wouldblock,
        graceful_close, abortive_close, close_with_data_queued, register_connected_socket_reports_connect,
        registration_rules, select_does_not_touch_the_event, enumerate_after_each_registration,
        closesocket_cancels_registration, waiting_costs_no_cpu, oob_recorded_until_recv_oob,
        one_thread_serves_60_clients)
