/* Waits that must end, and waits that must not spin (issue 14, defect 5):
 * closesocket() from another thread ends a select or WSAPoll on a socket
 * that is neither connected nor listening, and a blocking connect that
 * closesocket() races with, at once; WSAWaitForMultipleEvents over many
 * half-closed sockets registered without FD_CLOSE sleeps.  select docs,
 * closesocket docs ("any pending blocking ... calls are canceled"), sock.c
 * test_select (bug 38399) and test_WSAPoll. */
#include "wstest.h"

struct waiter {
    SOCKET s;
    int how; /* 0 select, 1 WSAPoll */
    int ret, err;
    short revents;
    u_int rcount;
};

static DWORD WINAPI wait_on(LPVOID p)
{
    struct waiter *w = (struct waiter *)p;
    if (w->how == 0) {
        fd_set r;
        FD_ZERO(&r);
        FD_SET(w->s, &r);
        w->ret = select(0, &r, NULL, NULL, NULL); /* no time-out: only the close ends it */
        w->rcount = r.fd_count;
    } else {
        WSAPOLLFD f;
        f.fd = w->s;
        f.events = POLLRDNORM;
        f.revents = 0;
        w->ret = WSAPoll(&f, 1, -1);
        w->revents = f.revents;
    }
    w->err = WSAGetLastError();
    return 0;
}

static void close_ends_wait(int how)
{
    struct waiter w;
    memset(&w, 0, sizeof w);
    w.s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP); /* not bound, connected or listening */
    w.how = how;
    w.ret = -2;
    HANDLE t = CreateThread(NULL, 0, wait_on, &w, 0, NULL);
    Sleep(100);
    ok(WaitForSingleObject(t, 0) == WAIT_TIMEOUT, "the wait returned early: %d %s", w.ret, wt_name(w.err));
    expect_ok(closesocket(w.s));
    ok(WaitForSingleObject(t, 3000) == WAIT_OBJECT_0, "closesocket did not end the wait");
    if (how == 0)
        ok(w.ret == 1 && w.rcount == 1, "select: %d (%s), readable %u", w.ret, wt_name(w.err), w.rcount);
    else
        ok(w.ret == 1 && w.revents == POLLNVAL, "WSAPoll: %d (%s), revents %#x", w.ret, wt_name(w.err),
           w.revents);
    CloseHandle(t);
}

WT_CASE(select_idle_socket_woken_by_close)
{
    close_ends_wait(0);
}

WT_CASE(wsapoll_idle_socket_woken_by_close)
{
    close_ends_wait(1);
}

/* A listener whose accept queue is full drops new SYNs, so a connect to it
 * stays in the kernel (SYN retries) until something ends it. */
static SOCKET full_listener(struct sockaddr_in *a, SOCKET *fill, int nfill)
{
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int len = sizeof *a;
    *a = wt_loopback(0);
    ok(bind(l, (struct sockaddr *)a, sizeof *a) == 0, "bind: %s", wt_name(WSAGetLastError()));
    ok(listen(l, 0) == 0, "listen: %s", wt_name(WSAGetLastError()));
    getsockname(l, (struct sockaddr *)a, &len);
    for (int i = 0; i < nfill; i++) {
        fill[i] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        wt_nonblocking(fill[i], 1);
        connect(fill[i], (struct sockaddr *)a, sizeof *a);
    }
    Sleep(50);
    return l;
}

struct connector {
    SOCKET s;
    struct sockaddr_in a;
    int ret, err;
    DWORD ms;
    LONG go, started;
};

static DWORD WINAPI connect_blocking(LPVOID p)
{
    struct connector *c = (struct connector *)p;
    while (!InterlockedCompareExchange(&c->go, 0, 0))
        ;
    DWORD t0 = GetTickCount();
    InterlockedExchange(&c->started, 1);
    c->ret = connect(c->s, (struct sockaddr *)&c->a, sizeof c->a);
    c->err = WSAGetLastError();
    c->ms = GetTickCount() - t0;
    return 0;
}

/* closesocket at every point of a blocking connect's way into the kernel:
 * the connect fails with WSAEINTR (WSAENOTSOCK if it came too late) at
 * once, never after the SYN retries. */
WT_CASE(connect_racing_close_returns_at_once)
{
    struct sockaddr_in a;
    SOCKET fill[4];
    SOCKET l = full_listener(&a, fill, 4);
    int slow = 0, intr = 0, late = 0;
    for (int i = 0; i < 400 && !slow; i++) {
        struct connector c;
        memset(&c, 0, sizeof c);
        c.s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        c.a = a;
        c.ret = -2;
        HANDLE t = CreateThread(NULL, 0, connect_blocking, &c, 0, NULL);
        Sleep(1);
        InterlockedExchange(&c.go, 1);
        while (!InterlockedCompareExchange(&c.started, 0, 0))
            ;
        for (volatile int spin = 0; spin < (i % 40) * 25; spin++)
            ;
        closesocket(c.s);
        if (WaitForSingleObject(t, 3000) != WAIT_OBJECT_0) {
            slow++;
            ok(0, "iteration %d: connect still blocked 3 s after closesocket", i);
            WaitForSingleObject(t, INFINITE);
        }
        ok(c.ret == SOCKET_ERROR && (c.err == WSAEINTR || c.err == WSAENOTSOCK), "iteration %d: %d %s after %u ms",
           i, c.ret, wt_name(c.err), (unsigned)c.ms);
        intr += c.err == WSAEINTR;
        late += c.err == WSAENOTSOCK;
        CloseHandle(t);
    }
    printf("connect_racing_close: %d WSAEINTR, %d WSAENOTSOCK\n", intr, late);
    for (int i = 0; i < 4; i++)
        closesocket(fill[i]);
    closesocket(l);
}

/* More than 64 sockets whose peers closed, registered for FD_READ only:
 * nothing is recorded, and the wait sleeps until its time-out. */
#define HALF 80
WT_CASE(wait_many_half_closed_sleeps)
{
    SOCKET c[HALF], s[HALF];
    WSAEVENT ev = WSACreateEvent();
    for (int i = 0; i < HALF; i++) {
        wt_tcp_pair(&c[i], &s[i]);
        expect_ok(WSAEventSelect(s[i], ev, FD_READ));
        closesocket(c[i]);
    }
    Sleep(100);
    WSAResetEvent(ev);
    double cpu0 = wt_thread_cpu_ms();
    DWORD t0 = GetTickCount();
    ok(WSAWaitForMultipleEvents(1, &ev, FALSE, 500, FALSE) == WSA_WAIT_TIMEOUT, "nothing to report");
    DWORD wall = GetTickCount() - t0;
    double cpu = wt_thread_cpu_ms() - cpu0;
    ok(wall >= 400, "waited %u ms", (unsigned)wall);
    ok(cpu < 50, "the wait used %.0f ms of CPU in %u ms", cpu, (unsigned)wall);
    for (int i = 0; i < HALF; i++)
        closesocket(s[i]);
    WSACloseEvent(ev);
}

WT_MAIN(select_idle_socket_woken_by_close, wsapoll_idle_socket_woken_by_close, connect_racing_close_returns_at_once,
        wait_many_half_closed_sleeps)
