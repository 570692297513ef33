/* WSAAsyncSelect: network events as window messages, on the same record /
 * re-enable rules as WSAEventSelect, with the message-mode differences
 * Wine's sock.c test_*_events pins (run there in both modes); a
 * non-blocking client/server pair driven by one GetMessage loop; and an
 * idle message wait that costs no CPU. */
#include "wstest.h"
#include "wtevents.h"
#include <time.h>

#define WM_SOCKET (WM_USER + 100)

static HWND make_window(void)
{
    HWND h = CreateWindowA("Message", NULL, 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    ok(h != NULL, "CreateWindow: %lu", (unsigned long)GetLastError());
    return h;
}

/* The next WM_SOCKET for h within ms, as Wine's check_events_ waits for it;
 * 0 if none came. */
static LPARAM next_event(HWND h, SOCKET *s, DWORD ms)
{
    MSG msg;
    DWORD start = GetTickCount();
    for (;;) {
        if (PeekMessageA(&msg, h, WM_SOCKET, WM_SOCKET, PM_REMOVE)) {
            if (s)
                *s = (SOCKET)msg.wParam;
            return msg.lParam;
        }
        DWORD spent = GetTickCount() - start;
        if (spent >= ms || MsgWaitForMultipleObjects(0, NULL, FALSE, ms - spent, QS_POSTMESSAGE) == WAIT_TIMEOUT)
            if (!PeekMessageA(&msg, h, WM_SOCKET, WM_SOCKET, PM_NOREMOVE))
                return 0;
    }
}

/* Expect exactly the messages given (lParam values), for socket s. */
static void expect_events(int line, HWND h, SOCKET s, LPARAM first, LPARAM second, DWORD ms)
{
    LPARAM want[2] = {first, second};
    for (int i = 0; i < 2 && want[i]; i++) {
        SOCKET got_s = INVALID_SOCKET;
        LPARAM got = next_event(h, &got_s, ms);
        ok(got == want[i] && got_s == s, "line %d: message %d: event %#lx error %d on %lu (want %#lx on %lu)", line,
           i, (unsigned long)WSAGETSELECTEVENT(got), WSAGETSELECTERROR(got), (unsigned long)got_s,
           (unsigned long)want[i], (unsigned long)s);
    }
    LPARAM extra = next_event(h, NULL, 0);
    ok(extra == 0, "line %d: unexpected event %#lx", line, (unsigned long)extra);
}
#define expect_msgs(h, s, a, b, ms) expect_events(__LINE__, h, s, a, b, ms)

#define ALL (FD_ACCEPT | FD_CLOSE | FD_CONNECT | FD_OOB | FD_READ | FD_WRITE)

WT_CASE(registration_errors)
{
    SOCKET c, s;
    HWND h = make_window();
    u_long off = 0;
    wt_tcp_pair(&c, &s);
    expect_fail(WSAAsyncSelect(INVALID_SOCKET, h, WM_SOCKET, FD_READ), WSAENOTSOCK);
    expect_fail(WSAAsyncSelect(s, (HWND)(ULONG_PTR)0x1357, WM_SOCKET, FD_READ), WSAEINVAL);
    expect_fail(WSAAsyncSelect(s, NULL, WM_SOCKET, FD_READ), WSAEINVAL);
    expect_fail(WSAAsyncSelect(s, h, WM_SOCKET, 0x10000), WSAEINVAL);
    expect_ok(WSAAsyncSelect(s, h, WM_SOCKET, FD_READ));
    expect_fail(ioctlsocket(s, FIONBIO, &off), WSAEINVAL); /* must stay non-blocking */
    expect_ok(WSAAsyncSelect(s, h, 0, 0));                  /* lEvent 0 cancels */
    expect_ok(ioctlsocket(s, FIONBIO, &off));
    closesocket(c);
    closesocket(s);
    DestroyWindow(h);
}

WT_CASE(registering_makes_nonblocking)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a), c = socket(AF_INET, SOCK_STREAM, 0);
    HWND h = make_window();
    expect_ok(WSAAsyncSelect(c, h, WM_SOCKET, 0)); /* "regardless of the value of lEvent" */
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    closesocket(c);
    closesocket(l);
    DestroyWindow(h);
}

WT_CASE(connect_posts_connect_then_write)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a), c = socket(AF_INET, SOCK_STREAM, 0), s;
    HWND h = make_window();
    expect_ok(WSAAsyncSelect(c, h, WM_SOCKET, ALL));
    expect_msgs(h, c, 0, 0, 0);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    expect_msgs(h, c, FD_CONNECT, FD_WRITE, 2000);
    /* Message mode: a new registration posts what holds again, but no
     * FD_CONNECT (sock.c test_connect_events). */
    expect_ok(WSAAsyncSelect(c, h, WM_SOCKET, ALL));
    expect_msgs(h, c, FD_WRITE, 0, 2000);
    s = accept(l, NULL, NULL);
    ok(s != INVALID_SOCKET, "accept");
    closesocket(s);
    closesocket(c);
    closesocket(l);
    DestroyWindow(h);
}

WT_CASE(connect_refused_posts_error)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a), c = socket(AF_INET, SOCK_STREAM, 0);
    HWND h = make_window();
    closesocket(l);
    wt_refuse_at_once(c);
    expect_ok(WSAAsyncSelect(c, h, WM_SOCKET, FD_CONNECT | FD_WRITE | FD_CLOSE));
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    expect_msgs(h, c, WSAMAKESELECTREPLY(FD_CONNECT, WSAECONNREFUSED), 0, 2000);
    closesocket(c);
    DestroyWindow(h);
}

WT_CASE(accept_and_inheritance)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a), c1 = socket(AF_INET, SOCK_STREAM, 0), c2 = socket(AF_INET, SOCK_STREAM, 0), s;
    HWND h = make_window();
    u_long off = 0;
    expect_ok(WSAAsyncSelect(l, h, WM_SOCKET, FD_ACCEPT | FD_READ | FD_WRITE | FD_CLOSE));
    expect_ok(connect(c1, (struct sockaddr *)&a, sizeof a));
    expect_msgs(h, l, FD_ACCEPT, 0, 2000);
    /* A second connection while FD_ACCEPT awaits its accept posts nothing
     * in message mode (sock.c test_accept_events). */
    expect_ok(connect(c2, (struct sockaddr *)&a, sizeof a));
    expect_msgs(h, l, 0, 0, 200);
    s = accept(l, NULL, NULL);
    ok(s != INVALID_SOCKET, "accept: %s", wt_name(WSAGetLastError()));
    /* The accepted socket inherits the registration: its FD_WRITE, and the
     * listener's FD_ACCEPT for the connection still pending. */
    {
        LPARAM e1 = 0, e2 = 0;
        SOCKET s1 = 0, s2 = 0;
        e1 = next_event(h, &s1, 2000);
        e2 = next_event(h, &s2, 2000);
        ok((e1 == FD_WRITE && s1 == s && e2 == FD_ACCEPT && s2 == l) ||
               (e2 == FD_WRITE && s2 == s && e1 == FD_ACCEPT && s1 == l),
           "events %#lx on %lu, %#lx on %lu", (unsigned long)e1, (unsigned long)s1, (unsigned long)e2,
           (unsigned long)s2);
    }
    expect_fail(ioctlsocket(s, FIONBIO, &off), WSAEINVAL);
    closesocket(s);
    s = accept(l, NULL, NULL);
    expect_msgs(h, s, FD_WRITE, 0, 2000);
    closesocket(s);
    closesocket(c1);
    closesocket(c2);
    closesocket(l);
    DestroyWindow(h);
}

WT_CASE(read_posted_once_until_recv)
{
    SOCKET c, s;
    HWND h = make_window();
    char buf[16];
    wt_tcp_pair(&c, &s);
    expect_ok(WSAAsyncSelect(s, h, WM_SOCKET, FD_READ | FD_CLOSE | FD_OOB));
    expect_msgs(h, s, 0, 0, 0);
    expect_wsa(send(c, "data", 5, 0), 5, 0);
    expect_msgs(h, s, FD_READ, 0, 2000);
    expect_wsa(send(c, "data", 5, 0), 5, 0);
    expect_msgs(h, s, 0, 0, 200); /* message mode: not again before recv */
    expect_wsa(recv(s, buf, 2, 0), 2, 0);
    expect_msgs(h, s, FD_READ, 0, 2000); /* data remains */
    expect_wsa(recv(s, buf, sizeof buf, 0), 8, 0);
    expect_msgs(h, s, 0, 0, 200);
    closesocket(c);
    closesocket(s);
    DestroyWindow(h);
}

WT_CASE(reregistration_posts_again)
{
    SOCKET c, s;
    HWND h = make_window();
    wt_tcp_pair(&c, &s);
    expect_ok(WSAAsyncSelect(s, h, WM_SOCKET, ALL));
    expect_msgs(h, s, FD_WRITE, 0, 2000);
    expect_ok(WSAAsyncSelect(s, h, WM_SOCKET, ALL));
    expect_msgs(h, s, FD_WRITE, 0, 2000); /* event mode would record nothing (sock.c test_write_events) */
    expect_wsa(send(c, "data", 5, 0), 5, 0);
    expect_msgs(h, s, FD_READ, 0, 2000);
    expect_ok(WSAAsyncSelect(s, h, WM_SOCKET, 0));
    expect_ok(WSAAsyncSelect(s, h, WM_SOCKET, FD_READ | FD_WRITE));
    expect_msgs(h, s, FD_READ, FD_WRITE, 2000);
    closesocket(c);
    closesocket(s);
    DestroyWindow(h);
}

WT_CASE(graceful_close)
{
    SOCKET c, s;
    HWND h = make_window();
    char buf[8];
    wt_tcp_pair(&c, &s);
    expect_ok(WSAAsyncSelect(s, h, WM_SOCKET, FD_READ | FD_CLOSE));
    closesocket(c);
    expect_msgs(h, s, FD_CLOSE, 0, 2000);
    expect_ok(WSAAsyncSelect(s, h, WM_SOCKET, FD_READ | FD_CLOSE));
    expect_msgs(h, s, FD_CLOSE, 0, 2000); /* message mode posts it again (sock.c test_close_events) */
    expect_wsa(recv(s, buf, sizeof buf, 0), 0, 0);
    expect_msgs(h, s, 0, 0, 0);
    closesocket(s);
    DestroyWindow(h);
}

WT_CASE(abortive_close)
{
    SOCKET c, s;
    HWND h = make_window();
    wt_tcp_pair(&c, &s);
    expect_ok(WSAAsyncSelect(s, h, WM_SOCKET, FD_READ | FD_CLOSE));
    wt_reset_close(c);
    expect_msgs(h, s, WSAMAKESELECTREPLY(FD_CLOSE, WSAECONNABORTED), 0, 2000);
    closesocket(s);
    DestroyWindow(h);
}

WT_CASE(cancel_keeps_posted_messages)
{
    SOCKET c, s;
    HWND h = make_window();
    wt_tcp_pair(&c, &s);
    expect_ok(WSAAsyncSelect(s, h, WM_SOCKET, FD_WRITE));
    expect_ok(WSAAsyncSelect(s, h, WM_SOCKET, 0)); /* FD_WRITE was posted at registration */
    expect_wsa(send(c, "x", 1, 0), 1, 0);
    expect_msgs(h, s, FD_WRITE, 0, 200); /* "messages already posted may still arrive" */
    closesocket(c);
    closesocket(s);
    DestroyWindow(h);
}

WT_CASE(closesocket_posts_nothing)
{
    SOCKET c, s;
    HWND h = make_window();
    MSG msg;
    wt_tcp_pair(&c, &s);
    expect_ok(WSAAsyncSelect(s, h, WM_SOCKET, FD_READ | FD_CLOSE));
    closesocket(s); /* sock.c iocp_async_closesocket: no message */
    expect_wsa(send(c, "x", 1, 0), 1, 0);
    closesocket(c);
    ok(!PeekMessageA(&msg, h, 0, 0, PM_REMOVE) &&
           MsgWaitForMultipleObjects(0, NULL, FALSE, 200, QS_ALLINPUT) == WAIT_TIMEOUT,
       "nothing after closesocket");
    DestroyWindow(h);
}

WT_CASE(event_select_and_async_select_replace_each_other)
{
    SOCKET c, s;
    HWND h = make_window();
    WSAEVENT e = WSACreateEvent();
    char buf[8];
    wt_tcp_pair(&c, &s);
    expect_ok(WSAEventSelect(s, e, FD_READ));
    expect_ok(WSAAsyncSelect(s, h, WM_SOCKET, FD_READ));
    expect_wsa(send(c, "x", 1, 0), 1, 0);
    expect_msgs(h, s, FD_READ, 0, 2000);
    ok(WSAWaitForMultipleEvents(1, &e, FALSE, 0, FALSE) == WSA_WAIT_TIMEOUT, "the event is out of it");
    expect_ok(WSAEventSelect(s, e, FD_READ));
    ok(WSAWaitForMultipleEvents(1, &e, FALSE, 2000, FALSE) == WSA_WAIT_EVENT_0, "event mode again");
    expect_wsa(recv(s, buf, sizeof buf, 0), 1, 0);
    expect_wsa(send(c, "y", 1, 0), 1, 0);
    expect_msgs(h, s, 0, 0, 200);
    closesocket(c);
    closesocket(s);
    WSACloseEvent(e);
    DestroyWindow(h);
}

/* A window owned by another thread, blocked in GetMessage when the socket
 * is registered: the registration wakes it to watch the socket too. */
struct owner {
    HWND h;
    HANDLE ready;
    SOCKET s;
    LPARAM got;
};

static DWORD WINAPI owner_thread(LPVOID arg)
{
    struct owner *o = (struct owner *)arg;
    MSG msg;
    o->h = CreateWindowA("Message", NULL, 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    SetEvent(o->ready);
    while (GetMessageA(&msg, NULL, 0, 0) > 0)
        if (msg.message == WM_SOCKET) {
            o->s = (SOCKET)msg.wParam;
            o->got = msg.lParam;
            break;
        }
    DestroyWindow(o->h);
    return 0;
}

WT_CASE(window_of_another_thread)
{
    SOCKET c, s;
    struct owner o;
    memset(&o, 0, sizeof o);
    o.ready = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE t = CreateThread(NULL, 0, owner_thread, &o, 0, NULL);
    ok(WaitForSingleObject(o.ready, 5000) == WAIT_OBJECT_0, "owner ready");
    wt_tcp_pair(&c, &s);
    Sleep(50); /* the owner is in GetMessage */
    expect_ok(WSAAsyncSelect(s, o.h, WM_SOCKET, FD_READ));
    Sleep(50);
    expect_wsa(send(c, "x", 1, 0), 1, 0);
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "the owner's GetMessage got the socket's message");
    ok(o.s == s && o.got == FD_READ, "wParam %lu lParam %#lx", (unsigned long)o.s, (unsigned long)o.got);
    CloseHandle(t);
    CloseHandle(o.ready);
    closesocket(c);
    closesocket(s);
}

/* An idle message wait sleeps in the kernel: 300 ms of waiting with
 * registered sockets costs (almost) no CPU time. */
WT_CASE(idle_wait_uses_no_cpu)
{
    SOCKET c, s;
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a);
    HWND h = make_window();
    wt_tcp_pair(&c, &s);
    expect_ok(WSAAsyncSelect(s, h, WM_SOCKET, FD_READ | FD_CLOSE));
    expect_ok(WSAAsyncSelect(l, h, WM_SOCKET, FD_ACCEPT));
    double t0 = wt_thread_cpu_ms();
    DWORD start = GetTickCount();
    ok(MsgWaitForMultipleObjects(0, NULL, FALSE, 300, QS_ALLINPUT) == WAIT_TIMEOUT, "nothing happens");
    DWORD took = GetTickCount() - start;
    double cpu = wt_thread_cpu_ms() - t0;
    ok(took >= 290, "waited %lu ms", (unsigned long)took);
    ok(cpu < 50.0, "used %.1f ms of CPU", cpu);
    closesocket(c);
    closesocket(s);
    closesocket(l);
    DestroyWindow(h);
}

/* ---- one message loop: listener, client, server socket ------------------ */

struct loop {
    SOCKET l, client, server;
    int client_got, server_got;
    int closes;
    int bad;
};
static struct loop lp;

static LRESULT CALLBACK loop_proc(HWND h, UINT msg, WPARAM wp, LPARAM lparam)
{
    char buf[64];
    if (msg != WM_SOCKET)
        return DefWindowProcA(h, msg, wp, lparam);
    SOCKET sock = (SOCKET)wp;
    if (WSAGETSELECTERROR(lparam))
        lp.bad++;
    switch (WSAGETSELECTEVENT(lparam)) {
    case FD_ACCEPT:
        lp.server = accept(lp.l, NULL, NULL);
        if (lp.server == INVALID_SOCKET || WSAAsyncSelect(lp.server, h, WM_SOCKET, FD_READ | FD_CLOSE) != 0)
            lp.bad++;
        break;
    case FD_CONNECT:
        if (send(sock, "hello", 5, 0) != 5)
            lp.bad++;
        break;
    case FD_READ: {
        int n = recv(sock, buf, sizeof buf, 0);
        if (n <= 0)
            break;
        if (sock == lp.server) {
            lp.server_got += n;
            if (send(sock, "world!", 6, 0) != 6)
                lp.bad++;
        } else if (sock == lp.client) {
            lp.client_got += n;
            closesocket(sock); /* done: the server sees FD_CLOSE */
            lp.client = INVALID_SOCKET;
        }
        break;
    }
    case FD_CLOSE:
        lp.closes++;
        closesocket(sock);
        if (sock == lp.server)
            PostQuitMessage(0);
        break;
    }
    return 0;
}

/* Bounds the loop: WM_QUIT with 99 if the pair has not finished in 10 s. */
struct guard {
    HANDLE done;
    DWORD tid;
};
static DWORD WINAPI guard_thread(LPVOID arg)
{
    struct guard *g = (struct guard *)arg;
    if (WaitForSingleObject(g->done, 10000) == WAIT_TIMEOUT)
        PostThreadMessageA(g->tid, WM_QUIT, 99, 0);
    return 0;
}

WT_CASE(message_loop_client_server)
{
    WNDCLASSA wc;
    struct sockaddr_in a;
    MSG msg;
    memset(&wc, 0, sizeof wc);
    wc.lpfnWndProc = loop_proc;
    wc.hInstance = GetModuleHandleA(NULL);
    wc.lpszClassName = "ws2p loop";
    RegisterClassA(&wc);
    HWND h = CreateWindowA("ws2p loop", "", WS_OVERLAPPEDWINDOW, CW_USEDEFAULT, CW_USEDEFAULT, 10, 10, NULL, NULL,
                           wc.hInstance, NULL);
    ok(h != NULL, "window");
    memset(&lp, 0, sizeof lp);
    lp.l = wt_listener(&a);
    lp.client = socket(AF_INET, SOCK_STREAM, 0);
    lp.server = INVALID_SOCKET;
    expect_ok(WSAAsyncSelect(lp.l, h, WM_SOCKET, FD_ACCEPT));
    expect_ok(WSAAsyncSelect(lp.client, h, WM_SOCKET, FD_CONNECT | FD_READ | FD_CLOSE));
    expect_fail(connect(lp.client, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    struct guard g = {CreateEventA(NULL, TRUE, FALSE, NULL), GetCurrentThreadId()};
    HANDLE t = CreateThread(NULL, 0, guard_thread, &g, 0, NULL);
    int r;
    while ((r = GetMessageA(&msg, NULL, 0, 0)) > 0) {
        TranslateMessage(&msg);
        DispatchMessageA(&msg);
    }
    SetEvent(g.done);
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    CloseHandle(g.done);
    ok(r == 0 && msg.message == WM_QUIT && msg.wParam == 0, "the loop ended with its own WM_QUIT (%lu)",
       (unsigned long)msg.wParam);
    ok(lp.server_got == 5 && lp.client_got == 6, "data both ways: %d, %d", lp.server_got, lp.client_got);
    ok(lp.closes == 1 && lp.bad == 0, "closes %d, problems %d", lp.closes, lp.bad);
    closesocket(lp.l);
    DestroyWindow(h);
    UnregisterClassA("ws2p loop", wc.hInstance);
}

/* Wine's sock.c test_*_events sequences (test/wtevents.h), message mode. */
WT_CASE(accept_sequence_message_mode)
{
    struct wt_ev ev;
    wt_ev_init(&ev, 1);
    wt_ev_accept_sequence(&ev);
    wt_ev_free(&ev);
}

WT_CASE(connect_sequence_message_mode)
{
    struct wt_ev ev;
    wt_ev_init(&ev, 1);
    wt_ev_connect_sequence(&ev);
    wt_ev_free(&ev);
}

WT_CASE(read_sequence_message_mode)
{
    struct wt_ev ev;
    wt_ev_init(&ev, 1);
    wt_ev_read_sequence(&ev);
    wt_ev_free(&ev);
}

WT_CASE(write_sequence_message_mode)
{
    struct wt_ev ev;
    wt_ev_init(&ev, 1);
    wt_ev_write_sequence(&ev);
    wt_ev_free(&ev);
}

WT_CASE(oob_sequence_message_mode)
{
    struct wt_ev ev;
    wt_ev_init(&ev, 1);
    wt_ev_oob_sequence(&ev);
    wt_ev_free(&ev);
}

WT_CASE(close_sequence_message_mode)
{
    struct wt_ev ev;
    wt_ev_init(&ev, 1);
    wt_ev_close_sequence(&ev);
    wt_ev_free(&ev);
}

WT_MAIN(accept_sequence_message_mode, connect_sequence_message_mode, read_sequence_message_mode, write_sequence_message_mode, oob_sequence_message_mode, close_sequence_message_mode,
        registration_errors, registering_makes_nonblocking, connect_posts_connect_then_write,
        connect_refused_posts_error, accept_and_inheritance, read_posted_once_until_recv, reregistration_posts_again,
        graceful_close, abortive_close, cancel_keeps_posted_messages, closesocket_posts_nothing,
        event_select_and_async_select_replace_each_other, window_of_another_thread, idle_wait_uses_no_cpu,
        message_loop_client_server)
