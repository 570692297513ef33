/* The Winsock 1.1 blocking model (WSASetBlockingHook and friends) for a 1.1
 * application, and the errors a Winsock 2 application gets instead. */
#define WT_NO_STARTUP
#include "wstest.h"

static SOCKET other; /* a socket the hook tries to use */
static int hook_calls, inprogress_seen, isblocking_seen, cancel_result;

static INT_PTR WINAPI cancelling_hook(void)
{
    char c;
    hook_calls++;
    WSASetLastError(SENTINEL);
    if (recv(other, &c, 1, 0) == SOCKET_ERROR && WSAGetLastError() == WSAEINPROGRESS)
        inprogress_seen++;
    if (WSAIsBlocking())
        isblocking_seen++;
    cancel_result = WSACancelBlockingCall();
    return FALSE;
}

/* Counts its runs; the data arrives from another thread meanwhile (a
 * Winsock call from the hook itself would be refused). */
static INT_PTR WINAPI counting_hook(void)
{
    hook_calls++;
    return FALSE;
}

static DWORD WINAPI feed_later(LPVOID arg)
{
    Sleep(100);
    send((SOCKET)(size_t)arg, "z", 1, 0);
    return 0;
}

WT_CASE(winsock11_hook_runs_and_cancels)
{
    WSADATA d;
    SOCKET c, s;
    char buf[4];
    ok(WSAStartup(MAKEWORD(1, 1), &d) == 0, "1.1 startup");
    wt_tcp_pair(&c, &s);
    other = s;
    hook_calls = inprogress_seen = isblocking_seen = 0;
    cancel_result = -1;
    FARPROC prev = WSASetBlockingHook((FARPROC)cancelling_hook);
    ok(prev != NULL, "the previous (default) hook is returned");
    ok(WSAIsBlocking() == FALSE, "not blocking outside a call");
    expect_fail(recv(c, buf, sizeof buf, 0), WSAEINTR); /* cancelled from the hook */
    ok(hook_calls >= 1, "hook ran %d times", hook_calls);
    ok(inprogress_seen >= 1, "a Winsock call from the hook fails with WSAEINPROGRESS");
    ok(isblocking_seen >= 1, "WSAIsBlocking is TRUE inside the hook");
    ok(cancel_result == 0, "WSACancelBlockingCall in the hook returned %d", cancel_result);
    expect_fail(WSACancelBlockingCall(), WSAEINVAL); /* nothing in progress now */
    expect_ok(WSAUnhookBlockingHook());
    closesocket(c);
    closesocket(s);
    expect_ok(WSACleanup());
}

WT_CASE(winsock11_hooked_call_completes)
{
    WSADATA d;
    SOCKET c, s;
    char buf[4];
    ok(WSAStartup(MAKEWORD(1, 1), &d) == 0, "1.1 startup");
    wt_tcp_pair(&c, &s);
    hook_calls = 0;
    WSASetBlockingHook((FARPROC)counting_hook);
    HANDLE t = CreateThread(NULL, 0, feed_later, (LPVOID)(size_t)s, 0, NULL);
    expect_wsa(recv(c, buf, sizeof buf, 0), 1, 0);
    ok(hook_calls >= 1, "hook ran while the call waited (%d)", hook_calls);
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    WSAUnhookBlockingHook();
    closesocket(c);
    closesocket(s);
    expect_ok(WSACleanup());
}

/* A refused SYN goes again a second later (KB 175523), for a hooked
 * connect too: a listener that comes up meanwhile gets the connection, and
 * the hook runs while the connect waits. */
WT_CASE(winsock11_hooked_connect_retries_a_refused_syn)
{
    WSADATA d;
    struct wt_listen_later ll;
    ok(WSAStartup(MAKEWORD(1, 1), &d) == 0, "1.1 startup");
    ll.a = wt_closed_port();
    ll.l = INVALID_SOCKET;
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    hook_calls = 0;
    WSASetBlockingHook((FARPROC)counting_hook);
    HANDLE t = CreateThread(NULL, 0, wt_listen_later_thread, &ll, 0, NULL);
    DWORD t0 = GetTickCount();
    expect_ok(connect(c, (struct sockaddr *)&ll.a, sizeof ll.a));
    DWORD ms = GetTickCount() - t0;
    ok(ms >= 250 && ms < 5000, "connected after %lu ms", (unsigned long)ms);
    ok(hook_calls >= 1, "hook ran while the connect waited (%d)", hook_calls);
    WSAUnhookBlockingHook();
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    closesocket(c);
    closesocket(ll.l);
    expect_ok(WSACleanup());
}

WT_CASE(winsock11_set_hook_errors)
{
    WSADATA d;
    ok(WSAStartup(MAKEWORD(1, 1), &d) == 0, "1.1 startup");
    expect_wsa(WSASetBlockingHook(NULL), NULL, WSAEFAULT);
    expect_ok(WSAUnhookBlockingHook());
    expect_ok(WSACleanup());
}

WT_CASE(winsock2_has_no_blocking_hooks)
{
    WSADATA d;
    ok(WSAStartup(MAKEWORD(2, 2), &d) == 0, "2.2 startup");
    expect_wsa(WSASetBlockingHook((FARPROC)cancelling_hook), NULL, WSAEOPNOTSUPP);
    expect_fail(WSAUnhookBlockingHook(), WSAEOPNOTSUPP);
    expect_fail(WSACancelBlockingCall(), WSAEOPNOTSUPP);
    ok(WSAIsBlocking() == FALSE, "WSAIsBlocking");
    expect_ok(WSACleanup());
}

WT_MAIN(winsock11_hook_runs_and_cancels, winsock11_hooked_call_completes, winsock11_hooked_connect_retries_a_refused_syn,
        winsock11_set_hook_errors,
        winsock2_has_no_blocking_hooks)
