/*
 * Network-event sequences run in both notification modes: event objects
 * (WSAEventSelect, test/eventselect.c) and window messages (WSAAsyncSelect,
 * test/asyncselect.c).  Each sequence is a behaviour of Wine's sock.c
 * test_*_events (which runs every one of them in both modes on Windows);
 * where the modes differ, ev->msg says which one is running.
 *
 *   struct wt_ev ev; wt_ev_init(&ev, msg);
 *   wt_ev_select(&ev, s, FD_READ | ...);    register s (and make it current)
 *   wt_ev_check(&ev, f1, f2, ms);           exactly f1 then f2 (MAKELONG(event, error)), then nothing
 *   wt_ev_free(&ev);
 */
#ifndef WTEVENTS_H
#define WTEVENTS_H
#include "wstest.h"

#define WT_EV_MSG (WM_USER + 7)

struct wt_ev {
    int msg;     /* 1: WSAAsyncSelect to a window; 0: WSAEventSelect */
    SOCKET s;    /* the socket being checked */
    HANDLE event;
    HWND window;
};

static void wt_ev_init(struct wt_ev *ev, int msg)
{
    memset(ev, 0, sizeof *ev);
    ev->msg = msg;
    if (msg)
        ev->window = CreateWindowA("Message", NULL, 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    else
        ev->event = CreateEventA(NULL, TRUE, FALSE, NULL);
    ok(msg ? ev->window != NULL : ev->event != NULL, "no window / event");
}

static void wt_ev_free(struct wt_ev *ev)
{
    if (ev->msg)
        DestroyWindow(ev->window);
    else
        CloseHandle(ev->event);
}

static void wt_ev_select(struct wt_ev *ev, SOCKET s, LONG mask)
{
    int r = ev->msg ? WSAAsyncSelect(s, ev->window, WT_EV_MSG, mask) : WSAEventSelect(s, ev->event, mask);
    ok(r == 0, "%s: %s", ev->msg ? "WSAAsyncSelect" : "WSAEventSelect", wt_name(WSAGetLastError()));
    ev->s = s;
}

/* The next socket message within ms (0 if none). */
static LPARAM wt_ev_next(struct wt_ev *ev, WPARAM *wp, DWORD ms)
{
    MSG m;
    DWORD start = GetTickCount();
    for (;;) {
        if (PeekMessageA(&m, ev->window, WT_EV_MSG, WT_EV_MSG, PM_REMOVE)) {
            *wp = m.wParam;
            return m.lParam;
        }
        DWORD spent = GetTickCount() - start;
        if (spent >= ms || MsgWaitForMultipleObjects(0, NULL, FALSE, ms - spent, QS_POSTMESSAGE) == WAIT_TIMEOUT)
            if (!PeekMessageA(&m, ev->window, WT_EV_MSG, WT_EV_MSG, PM_NOREMOVE))
                return 0;
    }
}

static void wt_ev_check_(int line, struct wt_ev *ev, LONG f1, LONG f2, DWORD ms)
{
    if (ev->msg) {
        LONG want[2] = {f1, f2};
        WPARAM wp = 0;
        for (int i = 0; i < 2; i++) {
            if (!want[i])
                continue;
            LPARAM got = wt_ev_next(ev, &wp, ms);
            ok(got == want[i] && wp == ev->s, "line %d: message %d is %#lx (error %d) for %lu, want %#lx for %lu",
               line, i + 1, (unsigned long)WSAGETSELECTEVENT(got), WSAGETSELECTERROR(got), (unsigned long)wp,
               (unsigned long)want[i], (unsigned long)ev->s);
        }
        LPARAM extra = wt_ev_next(ev, &wp, 0);
        ok(extra == 0, "line %d: unexpected message %#lx (error %d)", line, (unsigned long)WSAGETSELECTEVENT(extra),
           WSAGETSELECTERROR(extra));
        return;
    }
    WSANETWORKEVENTS ne;
    DWORD w = WaitForSingleObject(ev->event, ms);
    if (f1 | f2)
        ok(w == WAIT_OBJECT_0, "line %d: the event was not signalled", line);
    else
        ok(w == WAIT_TIMEOUT, "line %d: the event was signalled", line);
    memset(&ne, 0xcc, sizeof ne);
    ok(WSAEnumNetworkEvents(ev->s, ev->event, &ne) == 0, "line %d: WSAEnumNetworkEvents: %s", line,
       wt_name(WSAGetLastError()));
    ok(ne.lNetworkEvents == (LOWORD(f1) | LOWORD(f2)), "line %d: events %#lx, want %#lx", line,
       (unsigned long)ne.lNetworkEvents, (unsigned long)(LOWORD(f1) | LOWORD(f2)));
    for (int b = 0; b < FD_MAX_EVENTS; b++) {
        LONG f = (1L << b) == LOWORD(f1) ? f1 : (1L << b) == LOWORD(f2) ? f2 : 0;
        if (f && (ne.lNetworkEvents & (1L << b)))
            ok(ne.iErrorCode[b] == HIWORD(f), "line %d: error %d for event %#lx, want %d", line, ne.iErrorCode[b],
               (unsigned long)(1L << b), HIWORD(f));
    }
}
#define wt_ev_check(ev, f1, f2, ms) wt_ev_check_(__LINE__, ev, f1, f2, ms)

/* ---- the sequences --------------------------------------------------- */

#define WT_EV_ALL (FD_ACCEPT | FD_CLOSE | FD_CONNECT | FD_OOB | FD_READ | FD_WRITE)
#define WT_EV_NO_WRITE (FD_ACCEPT | FD_CLOSE | FD_CONNECT | FD_OOB | FD_READ)

static SOCKET wt_ev_connect(const struct sockaddr_in *a)
{
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ok(connect(c, (const struct sockaddr *)a, sizeof *a) == 0, "connect: %s", wt_name(WSAGetLastError()));
    return c;
}

static SOCKET wt_ev_accept(SOCKET l)
{
    SOCKET s = accept(l, NULL, NULL);
    ok(s != INVALID_SOCKET, "accept: %s", wt_name(WSAGetLastError()));
    return s;
}

/* FD_ACCEPT: once per pending connection in event mode, once until accept in
 * message mode; again after an accept that leaves one pending, never once
 * the backlog is empty; an accepted socket reports FD_WRITE only. */
static void wt_ev_accept_sequence(struct wt_ev *ev)
{
    const LONG mask = FD_CONNECT | FD_READ | FD_OOB | FD_ACCEPT;
    struct sockaddr_in a = wt_loopback(0);
    int len = sizeof a;
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), c1, c2, s;
    wt_ev_select(ev, l, mask); /* before listen: nothing to report */
    ok(bind(l, (struct sockaddr *)&a, sizeof a) == 0 && getsockname(l, (struct sockaddr *)&a, &len) == 0 &&
           listen(l, 2) == 0,
       "listener");
    wt_ev_check(ev, 0, 0, 0);
    c1 = wt_ev_connect(&a);
    wt_ev_check(ev, FD_ACCEPT, 0, 500);
    wt_ev_check(ev, 0, 0, 0);
    wt_ev_select(ev, l, mask);
    if (ev->msg)
        wt_ev_check(ev, FD_ACCEPT, 0, 500);
    wt_ev_check(ev, 0, 0, 0);
    wt_ev_select(ev, l, 0);
    wt_ev_select(ev, l, mask);
    if (ev->msg)
        wt_ev_check(ev, FD_ACCEPT, 0, 500);
    wt_ev_check(ev, 0, 0, 0);
    c2 = wt_ev_connect(&a); /* a second pending connection */
    if (!ev->msg)
        wt_ev_check(ev, FD_ACCEPT, 0, 500);
    wt_ev_check(ev, 0, 0, 0);
    closesocket(wt_ev_accept(l));
    wt_ev_check(ev, FD_ACCEPT, 0, 500); /* one is still pending */
    wt_ev_check(ev, 0, 0, 0);
    closesocket(wt_ev_accept(l));
    wt_ev_check(ev, 0, 0, 200); /* the backlog is empty */
    closesocket(c1);
    closesocket(c2);
    /* A connection pending before registration is reported. */
    c1 = wt_ev_connect(&a);
    Sleep(50);
    wt_ev_select(ev, l, 0);
    wt_ev_select(ev, l, mask);
    wt_ev_check(ev, FD_ACCEPT, 0, 500);
    closesocket(wt_ev_accept(l));
    closesocket(c1);
    if (!ev->msg) {
        /* Event mode: a record the mask no longer covers stays; asking for
         * it again signals the event at once. */
        c1 = wt_ev_connect(&a);
        ok(WaitForSingleObject(ev->event, 500) == WAIT_OBJECT_0, "FD_ACCEPT not signalled");
        wt_ev_select(ev, l, FD_CONNECT | FD_READ | FD_OOB);
        ok(WaitForSingleObject(ev->event, 0) == WAIT_OBJECT_0, "registering reset the event");
        ResetEvent(ev->event);
        wt_ev_select(ev, l, FD_CONNECT | FD_READ | FD_OOB);
        ok(WaitForSingleObject(ev->event, 0) == WAIT_TIMEOUT, "signalled for an event not asked for");
        wt_ev_select(ev, l, mask);
        ok(WaitForSingleObject(ev->event, 0) == WAIT_OBJECT_0, "the kept FD_ACCEPT was not signalled");
        wt_ev_check(ev, FD_ACCEPT, 0, 0);
        closesocket(wt_ev_accept(l));
        closesocket(c1);
    }
    /* Accepted before FD_ACCEPT was asked for: nothing. */
    wt_ev_select(ev, l, FD_CONNECT | FD_READ | FD_OOB);
    c1 = wt_ev_connect(&a);
    Sleep(100);
    s = wt_ev_accept(l);
    wt_ev_select(ev, l, mask);
    wt_ev_check(ev, 0, 0, 200);
    closesocket(s);
    closesocket(c1);
    /* The accepted socket inherits the registration: FD_WRITE, no FD_CONNECT. */
    c1 = wt_ev_connect(&a);
    wt_ev_select(ev, l, mask | FD_WRITE);
    wt_ev_check(ev, FD_ACCEPT, 0, 500);
    s = wt_ev_accept(l);
    ev->s = s;
    wt_ev_check(ev, FD_WRITE, 0, 500);
    wt_ev_check(ev, 0, 0, 0);
    closesocket(s);
    closesocket(c1);
    closesocket(l);
}

/* FD_CONNECT: with FD_WRITE when a connect completes; registering a
 * connected socket reports FD_CONNECT (event mode) only if it connected
 * itself, never for an accepted one; unbound UDP reports nothing in event
 * mode. */
static void wt_ev_connect_sequence(struct wt_ev *ev)
{
    struct sockaddr_in a, ua = wt_loopback(0);
    SOCKET l = wt_listener(&a), c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), s, u;
    wt_ev_select(ev, c, WT_EV_ALL);
    wt_ev_check(ev, 0, 0, 0);
    WSASetLastError(0);
    ok(connect(c, (struct sockaddr *)&a, sizeof a) == 0 || WSAGetLastError() == WSAEWOULDBLOCK, "connect: %s",
       wt_name(WSAGetLastError()));
    wt_ev_check(ev, FD_CONNECT, FD_WRITE, 500);
    wt_ev_check(ev, 0, 0, 0);
    wt_ev_select(ev, c, 0);
    wt_ev_select(ev, c, WT_EV_ALL);
    if (ev->msg)
        wt_ev_check(ev, FD_WRITE, 0, 500);
    wt_ev_check(ev, 0, 0, 0);
    s = wt_ev_accept(l);
    wt_ev_select(ev, s, FD_ACCEPT | FD_CONNECT | FD_OOB | FD_READ | FD_WRITE);
    wt_ev_check(ev, FD_WRITE, 0, 500);
    closesocket(c);
    closesocket(s);
    /* Connected (blocking), data sent, then registered. */
    c = wt_ev_connect(&a);
    s = wt_ev_accept(l);
    ok(send(c, "data", 5, 0) == 5, "send");
    wt_ev_select(ev, c, WT_EV_ALL);
    if (ev->msg)
        wt_ev_check(ev, FD_WRITE, 0, 500);
    else
        wt_ev_check(ev, FD_CONNECT, FD_WRITE, 500);
    closesocket(c);
    closesocket(s);
    /* Registered without FD_CONNECT while connecting, then with it. */
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    wt_ev_select(ev, c, FD_ACCEPT | FD_CLOSE | FD_OOB | FD_READ | FD_WRITE);
    connect(c, (struct sockaddr *)&a, sizeof a);
    s = wt_ev_accept(l);
    wt_ev_check(ev, FD_WRITE, 0, 500);
    wt_ev_select(ev, c, FD_ACCEPT | FD_CONNECT | FD_OOB | FD_READ | FD_WRITE);
    if (ev->msg)
        wt_ev_check(ev, FD_WRITE, 0, 500);
    else
        wt_ev_check(ev, FD_CONNECT, 0, 500);
    closesocket(c);
    closesocket(s);
    /* UDP: unbound, nothing in event mode; connecting binds it. */
    u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    wt_ev_select(ev, u, FD_ACCEPT | FD_CONNECT | FD_OOB | FD_READ | FD_WRITE);
    if (ev->msg)
        wt_ev_check(ev, FD_WRITE, 0, 500);
    wt_ev_check(ev, 0, 0, 0);
    ok(connect(u, (struct sockaddr *)&ua, sizeof ua) == 0, "UDP connect: %s", wt_name(WSAGetLastError()));
    if (ev->msg)
        wt_ev_check(ev, FD_WRITE, 0, 500);
    else
        wt_ev_check(ev, FD_CONNECT, FD_WRITE, 500);
    wt_ev_check(ev, 0, 0, 0);
    closesocket(u);
    closesocket(l);
}

/* FD_READ: event mode records it again when more data arrives before the
 * recv; message mode waits for the recv.  A recv that leaves data reports
 * it again; the last byte read ends it. */
static void wt_ev_read_sequence(struct wt_ev *ev)
{
    SOCKET c, s;
    char buf[8];
    wt_tcp_pair(&c, &s);
    wt_ev_select(ev, s, WT_EV_NO_WRITE);
    wt_ev_check(ev, 0, 0, 0);
    ok(send(c, "data", 5, 0) == 5, "send");
    wt_ev_check(ev, FD_READ, 0, 500);
    wt_ev_check(ev, 0, 0, 0);
    wt_ev_select(ev, s, WT_EV_NO_WRITE);
    if (ev->msg)
        wt_ev_check(ev, FD_READ, 0, 500);
    wt_ev_check(ev, 0, 0, 0);
    wt_ev_select(ev, s, 0);
    wt_ev_select(ev, s, WT_EV_NO_WRITE);
    if (ev->msg)
        wt_ev_check(ev, FD_READ, 0, 500);
    wt_ev_check(ev, 0, 0, 0);
    ok(send(c, "data", 5, 0) == 5, "send");
    if (!ev->msg)
        wt_ev_check(ev, FD_READ, 0, 500); /* more data before the recv */
    wt_ev_check(ev, 0, 0, 0);
    ok(recv(s, buf, 2, 0) == 2, "recv 2");
    wt_ev_check(ev, FD_READ, 0, 500);
    wt_ev_check(ev, 0, 0, 0);
    expect_fail(recv(s, buf, -1, 0), WSAEFAULT);
    if (ev->msg)
        wt_ev_check(ev, FD_READ, 0, 500); /* message mode: any recv re-enables */
    wt_ev_check(ev, 0, 0, 0);
    for (int i = 0; i < 8; i++) {
        ok(recv(s, buf, 1, 0) == 1, "recv byte %d: %s", i, wt_name(WSAGetLastError()));
        if (i < 7)
            wt_ev_check(ev, FD_READ, 0, 500);
        wt_ev_check(ev, 0, 0, 0);
    }
    /* Data sent while not registered is reported on registration. */
    wt_ev_select(ev, s, 0);
    ok(send(c, "data", 5, 0) == 5, "send");
    Sleep(50);
    wt_ev_select(ev, s, WT_EV_NO_WRITE);
    wt_ev_check(ev, FD_READ, 0, 500);
    ok(recv(s, buf, 5, 0) == 5, "recv 5");
    /* Registered for FD_READ and FD_WRITE at once: READ then WRITE. */
    wt_ev_select(ev, s, 0);
    ok(send(c, "data", 5, 0) == 5, "send");
    Sleep(50);
    wt_ev_select(ev, s, FD_ACCEPT | FD_CONNECT | FD_OOB | FD_READ | FD_WRITE);
    wt_ev_check(ev, FD_READ, FD_WRITE, 500);
    wt_ev_check(ev, 0, 0, 0);
    ok(recv(s, buf, 5, 0) == 5, "recv 5");
    /* Data taken by a pending overlapped receive records no FD_READ. */
    {
        WSAOVERLAPPED ov;
        WSABUF wb;
        DWORD got = 0, flags = 0;
        memset(&ov, 0, sizeof ov);
        ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
        wb.buf = buf;
        wb.len = sizeof buf;
        ok(WSARecv(s, &wb, 1, NULL, &flags, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING,
           "WSARecv: %s", wt_name(WSAGetLastError()));
        ok(send(c, "data", 5, 0) == 5, "send");
        ok(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0 && WSAGetOverlappedResult(s, &ov, &got, FALSE, &flags) &&
               got == 5,
           "overlapped receive: %lu bytes", (unsigned long)got);
        wt_ev_check(ev, 0, 0, 200);
        CloseHandle(ov.hEvent);
    }
    ok(send(c, "a", 1, 0) == 1, "send");
    wt_ev_check(ev, FD_READ, 0, 500); /* the next data is recorded again */
    wt_ev_check(ev, 0, 0, 0);
    ok(recv(s, buf, 1, 0) == 1, "recv 1");
    /* Data sent and read while not registered: nothing at registration. */
    wt_ev_select(ev, s, 0);
    ok(send(c, "data", 5, 0) == 5, "send");
    Sleep(50);
    ok(recv(s, buf, 5, 0) == 5, "recv 5");
    wt_ev_select(ev, s, FD_ACCEPT | FD_CONNECT | FD_OOB | FD_READ);
    wt_ev_check(ev, 0, 0, 200);
    /* Data arriving with nothing selected is not reported then, but on
     * the next registration. */
    wt_ev_select(ev, s, 0);
    ok(send(c, "data", 5, 0) == 5, "send");
    Sleep(50);
    wt_ev_check(ev, 0, 0, 0);
    wt_ev_select(ev, s, FD_ACCEPT | FD_CONNECT | FD_OOB | FD_READ | FD_WRITE);
    /* (FD_WRITE was recorded above already: event mode does not again.) */
    wt_ev_check(ev, FD_READ, ev->msg ? FD_WRITE : 0, 500);
    wt_ev_check(ev, 0, 0, 0);
    closesocket(c);
    closesocket(s);
}

/* FD_OOB: recorded when an urgent byte arrives; registering again posts it
 * again in message mode only; recv(MSG_OOB) re-enables it (WSAAsyncSelect
 * docs); an urgent byte that came while nothing was selected is reported at
 * registration.  (Windows keeps a second urgent byte queued; Linux keeps
 * one, so that part of sock.c test_oob_events is not run.) */
static void wt_ev_oob_sequence(struct wt_ev *ev)
{
    SOCKET c, s;
    char b;
    wt_tcp_pair(&c, &s);
    wt_ev_select(ev, s, WT_EV_NO_WRITE);
    wt_ev_check(ev, 0, 0, 0);
    ok(send(c, "a", 1, MSG_OOB) == 1, "send oob");
    wt_ev_check(ev, FD_OOB, 0, 500);
    wt_ev_check(ev, 0, 0, 0);
    for (int i = 0; i < 2; i++) {
        if (i)
            wt_ev_select(ev, s, 0);
        wt_ev_select(ev, s, WT_EV_NO_WRITE);
        if (ev->msg)
            wt_ev_check(ev, FD_OOB, 0, 500);
        wt_ev_check(ev, 0, 0, 0);
    }
    ok(recv(s, &b, 1, MSG_OOB) == 1 && b == 'a', "recv oob: %s", wt_name(WSAGetLastError()));
    ok(send(c, "b", 1, MSG_OOB) == 1, "send oob");
    wt_ev_check(ev, FD_OOB, 0, 500);
    wt_ev_check(ev, 0, 0, 0);
    ok(recv(s, &b, 1, MSG_OOB) == 1 && b == 'b', "recv oob: %s", wt_name(WSAGetLastError()));
    wt_ev_select(ev, s, 0);
    ok(send(c, "c", 1, MSG_OOB) == 1, "send oob");
    Sleep(50);
    wt_ev_select(ev, s, WT_EV_NO_WRITE);
    wt_ev_check(ev, FD_OOB, 0, 500);
    ok(recv(s, &b, 1, MSG_OOB) == 1 && b == 'c', "recv oob: %s", wt_name(WSAGetLastError()));
    closesocket(c);
    closesocket(s);
}

/* FD_CLOSE: recorded once when the peer's FIN arrives, even with data
 * still unread (after that data's FD_READ); the reads that follow report
 * FD_READ while data is left, then nothing.  A reset is FD_CLOSE with
 * WSAECONNABORTED; no shutdown but the peer's SD_SEND records anything. */
static void wt_ev_close_sequence(struct wt_ev *ev)
{
    SOCKET c, s;
    char buf[5];
    wt_tcp_pair(&c, &s);
    wt_ev_select(ev, s, WT_EV_NO_WRITE);
    closesocket(c);
    wt_ev_check(ev, FD_CLOSE, 0, 1000);
    wt_ev_check(ev, 0, 0, 0);
    wt_ev_select(ev, s, WT_EV_NO_WRITE);
    if (ev->msg)
        wt_ev_check(ev, FD_CLOSE, 0, 500);
    wt_ev_check(ev, 0, 0, 0);
    ok(recv(s, buf, 5, 0) == 0, "recv at the end");
    wt_ev_check(ev, 0, 0, 0);
    closesocket(s);
    /* The peer's shutdown(SD_SEND), then its closesocket. */
    wt_tcp_pair(&c, &s);
    wt_ev_select(ev, s, WT_EV_NO_WRITE);
    shutdown(c, SD_SEND);
    wt_ev_check(ev, FD_CLOSE, 0, 1000);
    wt_ev_check(ev, 0, 0, 0);
    closesocket(c);
    wt_ev_check(ev, 0, 0, 0);
    closesocket(s);
    /* Other shutdowns record nothing. */
    wt_tcp_pair(&c, &s);
    wt_ev_select(ev, s, WT_EV_NO_WRITE);
    shutdown(c, SD_RECEIVE);
    shutdown(s, SD_BOTH);
    wt_ev_check(ev, 0, 0, 200);
    shutdown(c, SD_SEND); /* the peer's FIN still records FD_CLOSE */
    wt_ev_check(ev, FD_CLOSE, 0, 1000);
    wt_ev_check(ev, 0, 0, 0);
    closesocket(s);
    closesocket(c);
    /* Data, then the peer's close. */
    wt_tcp_pair(&c, &s);
    wt_ev_select(ev, s, WT_EV_NO_WRITE);
    ok(send(c, "data", 5, 0) == 5, "send");
    wt_ev_check(ev, FD_READ, 0, 500);
    closesocket(c);
    wt_ev_check(ev, FD_CLOSE, 0, 500);
    ok(recv(s, buf, 3, 0) == 3, "recv 3");
    wt_ev_check(ev, FD_READ, 0, 500);
    ok(recv(s, buf, 5, 0) == 2, "recv the rest");
    wt_ev_check(ev, 0, 0, 200);
    closesocket(s);
    /* Data and the FIN both there before the registration. */
    wt_tcp_pair(&c, &s);
    ok(send(c, "data", 5, 0) == 5, "send");
    closesocket(c);
    Sleep(50);
    wt_ev_select(ev, s, WT_EV_NO_WRITE);
    wt_ev_check(ev, FD_READ, FD_CLOSE, 500);
    ok(recv(s, buf, 5, 0) == 5, "recv");
    wt_ev_check(ev, 0, 0, 200);
    closesocket(s);
    /* Closed, then registered; and registered without FD_CLOSE first. */
    wt_tcp_pair(&c, &s);
    closesocket(c);
    Sleep(50);
    wt_ev_select(ev, s, WT_EV_NO_WRITE);
    wt_ev_check(ev, FD_CLOSE, 0, 500);
    closesocket(s);
    wt_tcp_pair(&c, &s);
    wt_ev_select(ev, s, FD_ACCEPT | FD_CONNECT | FD_OOB | FD_READ);
    closesocket(c);
    wt_ev_check(ev, 0, 0, 200);
    wt_ev_select(ev, s, WT_EV_NO_WRITE);
    wt_ev_check(ev, FD_CLOSE, 0, 500);
    closesocket(s);
    /* A reset. */
    wt_tcp_pair(&c, &s);
    wt_ev_select(ev, s, WT_EV_NO_WRITE);
    wt_reset_close(c);
    wt_ev_check(ev, MAKELONG(FD_CLOSE, WSAECONNABORTED), 0, 500);
    wt_ev_check(ev, 0, 0, 0);
    wt_ev_select(ev, s, WT_EV_NO_WRITE);
    if (ev->msg)
        wt_ev_check(ev, MAKELONG(FD_CLOSE, WSAECONNABORTED), 0, 500);
    wt_ev_check(ev, 0, 0, 0);
    closesocket(s);
}

/* FD_WRITE: once when registered connected; again only after a send met
 * WSAEWOULDBLOCK and room came back; a plain send does not clear it. */
static void wt_ev_write_sequence(struct wt_ev *ev)
{
    const int size = 8 * 1024 * 1024; /* the whole buffer or WSAEWOULDBLOCK, whatever the size */
    char *buf = (char *)calloc(1, size);
    SOCKET c, s;
    int r;
    wt_tcp_pair(&c, &s);
    wt_nonblocking(c, 1);
    wt_ev_select(ev, s, WT_EV_ALL);
    wt_ev_check(ev, FD_WRITE, 0, 500);
    wt_ev_check(ev, 0, 0, 0);
    wt_ev_select(ev, s, WT_EV_ALL);
    if (ev->msg)
        wt_ev_check(ev, FD_WRITE, 0, 500);
    wt_ev_check(ev, 0, 0, 0);
    ok(send(s, "data", 5, 0) == 5, "send");
    wt_ev_check(ev, 0, 0, 0);
    while ((r = send(s, buf, size, 0)) > 0)
        ok(r == size, "a partial send: %d", r);
    ok(r == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "send: %d %s", r, wt_name(WSAGetLastError()));
    for (int idle = 0; idle < 20;) {
        if (recv(c, buf, size, 0) > 0)
            idle = 0;
        else {
            idle++;
            Sleep(10);
        }
    }
    wt_ev_check(ev, FD_WRITE, 0, 1000);
    wt_ev_check(ev, 0, 0, 0);
    closesocket(c);
    closesocket(s);
    /* The connect-ed end, registered without FD_WRITE first. */
    wt_tcp_pair(&c, &s);
    ok(send(c, "data", 5, 0) == 5, "send");
    wt_ev_select(ev, c, FD_ACCEPT | FD_CONNECT | FD_OOB | FD_READ);
    if (!ev->msg)
        wt_ev_check(ev, FD_CONNECT, 0, 500);
    wt_ev_check(ev, 0, 0, 0);
    wt_ev_select(ev, c, FD_ACCEPT | FD_CONNECT | FD_OOB | FD_READ | FD_WRITE);
    wt_ev_check(ev, FD_WRITE, 0, 500);
    wt_ev_check(ev, 0, 0, 0);
    closesocket(c);
    closesocket(s);
    free(buf);
}
#endif
