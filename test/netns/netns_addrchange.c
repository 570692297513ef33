/* SIO_ADDRESS_LIST_CHANGE and SIO_ROUTING_INTERFACE_CHANGE for real
 * changes: inside the namespace notify.sh makes (only loopback, up), the
 * program adds and removes addresses and routes on lo with ip(8) and checks
 * how the pending requests learn of it: the OVERLAPPED's event, the
 * completion port, the completion routine, a blocking call returning, and
 * FD_ADDRESS_LIST_CHANGE / FD_ROUTING_INTERFACE_CHANGE recorded for a
 * socket that asked (the WSAEWOULDBLOCK call) and not for one that did not
 * (sock.c test_sioAddressListChange; winsock-ioctls).  A Winsock program
 * like the others. */
#include "wtext.h"

static void run(const char *cmd)
{
    ok(system(cmd) == 0, "%s failed", cmd);
}

/* An IPv4 address on lo that was not there, and gone again. */
static int serial;
static void change4(void)
{
    char cmd[128];
    serial++;
    sprintf(cmd, "ip addr add 198.51.100.%d/24 dev lo", serial);
    run(cmd);
    sprintf(cmd, "ip addr del 198.51.100.%d/24 dev lo", serial);
    run(cmd);
}

static SOCKET sock(int family)
{
    SOCKET s = WSASocketW(family, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    ok(s != INVALID_SOCKET, "socket: %s", wt_name(WSAGetLastError()));
    return s;
}

/* SIO_ROUTING_INTERFACE_CHANGE's destination: the wildcard asks for any
 * route change (winsock-ioctls). */
static struct sockaddr_in any4(void)
{
    struct sockaddr_in a = wt_loopback(0);
    a.sin_addr.s_addr = htonl(INADDR_ANY);
    return a;
}

static void pend(SOCKET s, DWORD code, OVERLAPPED *ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE cr)
{
    DWORD n = 0xdeadbeef;
    struct sockaddr_in any = any4();
    if (code == SIO_ROUTING_INTERFACE_CHANGE)
        expect_fail(WSAIoctl(s, code, &any, sizeof any, NULL, 0, &n, ov, cr), WSA_IO_PENDING);
    else
        expect_fail(WSAIoctl(s, code, NULL, 0, NULL, 0, &n, ov, cr), WSA_IO_PENDING);
    /* (Internal reads STATUS_PENDING now: test/ioctl.c.  Not read here: the
     * change that completes the request comes from another process, which
     * ThreadSanitizer cannot see ordering the engine's write after it.) */
}

WT_CASE(address_change_signals_event)
{
    OVERLAPPED ov4, ov6;
    DWORD n = 0xdeadbeef, flags = 0;
    SOCKET s4 = sock(AF_INET), s6 = sock(AF_INET6);
    memset(&ov4, 0, sizeof ov4);
    memset(&ov6, 0, sizeof ov6);
    ov4.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    ov6.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    pend(s4, SIO_ADDRESS_LIST_CHANGE, &ov4, NULL);
    pend(s6, SIO_ADDRESS_LIST_CHANGE, &ov6, NULL);
    ok(WaitForSingleObject(ov4.hEvent, 100) == WAIT_TIMEOUT, "completed before any change");
    change4();
    ok(WaitForSingleObject(ov4.hEvent, 5000) == WAIT_OBJECT_0, "no completion for an IPv4 address change");
    ok(ov4.Internal == STATUS_SUCCESS_ && ov4.InternalHigh == 0, "Internal %#lx, InternalHigh %lu",
       (unsigned long)ov4.Internal, (unsigned long)ov4.InternalHigh);
    ok(WSAGetOverlappedResult(s4, &ov4, &n, FALSE, &flags) && n == 0, "result: %lu bytes", (unsigned long)n);
    /* The IPv6 socket's list did not change. */
    ok(WaitForSingleObject(ov6.hEvent, 300) == WAIT_TIMEOUT, "an IPv4 change completed the IPv6 request");
    run("ip -6 addr add 2001:db8::7/64 dev lo nodad");
    ok(WaitForSingleObject(ov6.hEvent, 5000) == WAIT_OBJECT_0, "no completion for an IPv6 address change");
    ok(ov6.Internal == STATUS_SUCCESS_, "Internal %#lx", (unsigned long)ov6.Internal);
    run("ip -6 addr del 2001:db8::7/64 dev lo");
    /* One change, one completion: the next request waits for the next change. */
    Sleep(200);
    ResetEvent(ov4.hEvent);
    pend(s4, SIO_ADDRESS_LIST_CHANGE, &ov4, NULL);
    change4();
    ok(WaitForSingleObject(ov4.hEvent, 5000) == WAIT_OBJECT_0, "the second request did not complete");
    closesocket(s4);
    closesocket(s6);
    CloseHandle(ov4.hEvent);
    CloseHandle(ov6.hEvent);
}

WT_CASE(address_change_completion_port)
{
    OVERLAPPED ov;
    SOCKET s = sock(AF_INET);
    HANDLE port = CreateIoCompletionPort((HANDLE)s, NULL, 77, 0);
    ok(port != NULL, "port");
    memset(&ov, 0, sizeof ov);
    pend(s, SIO_ADDRESS_LIST_CHANGE, &ov, NULL);
    struct deq d = dequeue(port, 0);
    ok(!d.ret && d.err == WAIT_TIMEOUT && d.ov == NULL, "a packet before any change");
    change4();
    d = dequeue(port, 5000);
    ok(d.ret && d.key == 77 && d.ov == &ov && d.bytes == 0, "packet: ret %d err %lu key %lu bytes %lu", d.ret,
       (unsigned long)d.err, (unsigned long)d.key, (unsigned long)d.bytes);
    /* A route change (adding an address adds its routes) completes the routing request. */
    memset(&ov, 0, sizeof ov);
    Sleep(200);
    pend(s, SIO_ROUTING_INTERFACE_CHANGE, &ov, NULL);
    run("ip route add 203.0.113.0/24 dev lo");
    d = dequeue(port, 5000);
    ok(d.ret && d.key == 77 && d.ov == &ov && d.bytes == 0, "routing packet: ret %d err %lu", d.ret,
       (unsigned long)d.err);
    run("ip route del 203.0.113.0/24 dev lo");
    closesocket(s);
    CloseHandle(port);
}

WT_CASE(address_change_routine)
{
    OVERLAPPED ov;
    SOCKET s = sock(AF_INET);
    memset(&ov, 0, sizeof ov);
    memset(wt_apc(), 0, sizeof *wt_apc());
    pend(s, SIO_ADDRESS_LIST_CHANGE, &ov, wt_apc_routine);
    ok(SleepEx(0, TRUE) == 0 && wt_apc()->count == 0, "the routine ran before any change");
    change4();
    DWORD start = GetTickCount();
    while (wt_apc()->count == 0 && GetTickCount() - start < 5000)
        SleepEx(100, TRUE);
    ok(wt_apc()->count == 1 && wt_apc()->error == 0 && wt_apc()->bytes == 0 && wt_apc()->ov == &ov,
       "routine: %d calls, error %lu", wt_apc()->count, (unsigned long)wt_apc()->error);
    closesocket(s);
}

/* The socket that asked (WSAEWOULDBLOCK) records FD_ADDRESS_LIST_CHANGE
 * once; one registered for it without asking records nothing. */
WT_CASE(address_change_network_event)
{
    SOCKET asked = sock(AF_INET), silent = sock(AF_INET);
    WSAEVENT ev1 = WSACreateEvent(), ev2 = WSACreateEvent();
    WSANETWORKEVENTS ne;
    DWORD n = 0xdeadbeef;
    wt_nonblocking(asked, 1);
    expect_fail(WSAIoctl(asked, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &n, NULL, NULL), WSAEWOULDBLOCK);
    expect_ok(WSAEventSelect(asked, ev1, FD_ADDRESS_LIST_CHANGE));
    expect_ok(WSAEventSelect(silent, ev2, FD_ADDRESS_LIST_CHANGE));
    ok(WaitForSingleObject(ev1, 100) == WAIT_TIMEOUT, "recorded before any change");
    change4();
    ok(WaitForSingleObject(ev1, 5000) == WAIT_OBJECT_0, "FD_ADDRESS_LIST_CHANGE not recorded");
    ok(WaitForSingleObject(ev2, 300) == WAIT_TIMEOUT, "recorded for a socket that did not ask");
    memset(&ne, 0xcc, sizeof ne);
    expect_ok(WSAEnumNetworkEvents(asked, ev1, &ne));
    ok(ne.lNetworkEvents == FD_ADDRESS_LIST_CHANGE && ne.iErrorCode[FD_ADDRESS_LIST_CHANGE_BIT] == 0,
       "events %#lx error %d", (unsigned long)ne.lNetworkEvents, ne.iErrorCode[FD_ADDRESS_LIST_CHANGE_BIT]);
    /* Once: the next change is not recorded until the program asks again. */
    change4();
    ok(WaitForSingleObject(ev1, 300) == WAIT_TIMEOUT, "recorded again without asking");
    expect_fail(WSAIoctl(asked, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &n, NULL, NULL), WSAEWOULDBLOCK);
    change4();
    ok(WaitForSingleObject(ev1, 5000) == WAIT_OBJECT_0, "not recorded after asking again");
    expect_ok(WSAEnumNetworkEvents(asked, ev1, &ne));
    ok(ne.lNetworkEvents == FD_ADDRESS_LIST_CHANGE, "events %#lx", (unsigned long)ne.lNetworkEvents);
    /* The routing request records FD_ROUTING_INTERFACE_CHANGE the same way. */
    Sleep(200);
    expect_ok(WSAEventSelect(asked, ev1, FD_ROUTING_INTERFACE_CHANGE));
    struct sockaddr_in any = any4();
    expect_fail(WSAIoctl(asked, SIO_ROUTING_INTERFACE_CHANGE, &any, sizeof any, NULL, 0, &n, NULL, NULL),
                WSAEWOULDBLOCK);
    run("ip route add 203.0.113.0/24 dev lo");
    ok(WaitForSingleObject(ev1, 5000) == WAIT_OBJECT_0, "FD_ROUTING_INTERFACE_CHANGE not recorded");
    expect_ok(WSAEnumNetworkEvents(asked, ev1, &ne));
    ok(ne.lNetworkEvents == FD_ROUTING_INTERFACE_CHANGE && ne.iErrorCode[FD_ROUTING_INTERFACE_CHANGE_BIT] == 0,
       "events %#lx", (unsigned long)ne.lNetworkEvents);
    run("ip route del 203.0.113.0/24 dev lo");
    closesocket(asked);
    closesocket(silent);
    WSACloseEvent(ev1);
    WSACloseEvent(ev2);
}

/* Message mode: the change is one WM message with FD_ADDRESS_LIST_CHANGE
 * and no error. */
#define WM_SOCKET (WM_USER + 100)
WT_CASE(address_change_message)
{
    SOCKET s = sock(AF_INET);
    DWORD n = 0xdeadbeef;
    MSG msg;
    HWND h = CreateWindowA("Message", NULL, 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    ok(h != NULL, "CreateWindow: %lu", (unsigned long)GetLastError());
    expect_ok(WSAAsyncSelect(s, h, WM_SOCKET, FD_ADDRESS_LIST_CHANGE));
    expect_fail(WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &n, NULL, NULL), WSAEWOULDBLOCK);
    ok(!PeekMessageA(&msg, h, WM_SOCKET, WM_SOCKET, PM_REMOVE), "a message before any change");
    change4();
    BOOL got = FALSE;
    DWORD start = GetTickCount();
    while (!(got = PeekMessageA(&msg, h, WM_SOCKET, WM_SOCKET, PM_REMOVE)) && GetTickCount() - start < 5000)
        MsgWaitForMultipleObjects(0, NULL, FALSE, 100, QS_POSTMESSAGE);
    ok(got && msg.wParam == (WPARAM)s && WSAGETSELECTEVENT(msg.lParam) == FD_ADDRESS_LIST_CHANGE &&
           WSAGETSELECTERROR(msg.lParam) == 0,
       "message: %d, event %#lx error %d", got, (unsigned long)WSAGETSELECTEVENT(msg.lParam),
       WSAGETSELECTERROR(msg.lParam));
    Sleep(300);
    ok(!PeekMessageA(&msg, h, WM_SOCKET, WM_SOCKET, PM_REMOVE), "a second message for one request");
    closesocket(s);
    DestroyWindow(h);
}

/* (No ok() on this thread: the harness counts checks in the main one.) */
static DWORD WINAPI change_later(LPVOID arg)
{
    Sleep(300);
    LONG rc = system("ip addr add 198.51.100.200/24 dev lo") | system("ip addr del 198.51.100.200/24 dev lo");
    InterlockedExchange((volatile LONG *)arg, rc);
    return 0;
}

/* A blocking socket without an OVERLAPPED waits for the change. */
WT_CASE(address_change_blocking_call)
{
    SOCKET s = sock(AF_INET);
    DWORD n = 0xdeadbeef, start = GetTickCount();
    volatile LONG rc = -1;
    HANDLE t = CreateThread(NULL, 0, change_later, (LPVOID)&rc, 0, NULL);
    expect_ok(WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &n, NULL, NULL));
    DWORD spent = GetTickCount() - start;
    ok(spent >= 250 && spent < 5000, "returned after %lu ms", (unsigned long)spent);
    ok(n == 0, "bytes %lu", (unsigned long)n);
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0 && InterlockedCompareExchange(&rc, 0, 0) == 0, "ip addr add/del: %ld",
       (long)InterlockedCompareExchange(&rc, 0, 0));
    CloseHandle(t);
    closesocket(s);
}

WT_MAIN(address_change_signals_event, address_change_completion_port, address_change_routine,
        address_change_network_event, address_change_message, address_change_blocking_call)
