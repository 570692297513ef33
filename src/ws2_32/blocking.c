/* The Winsock 1.1 blocking model: WSASetBlockingHook, WSAUnhookBlockingHook,
 * WSAIsBlocking, WSACancelBlockingCall.  Winsock 2 removed it (2.x
 * applications get WSAEOPNOTSUPP).  A 1.1 application that installs a hook
 * gets what 1.1 promised: while a blocking call waits, the hook runs; from
 * the hook, WSACancelBlockingCall makes the call fail with WSAEINTR, and any
 * other Winsock call fails with WSAEINPROGRESS.  Without a hook, calls block
 * in the kernel as usual (the default hook would only pump window messages). */
#include "core.h"
#include <poll.h>

static __thread bool cancelled;

/* Until fd has events (fd < 0: none) or the deadline (ws_now_coarse_ms;
 * < 0: none) has come, running the hook. */
static int hook_wait(int fd, short events, long long until)
{
    int err = 0;
    ws_in_blocking_call = true;
    cancelled = false;
    for (;;) {
        struct pollfd p = {fd, events, 0};
        if (poll(&p, 1, 0) > 0)
            break;
        long long left = until < 0 ? 10 : until - ws_now_coarse_ms();
        if (left <= 0)
            break;
        /* The hook returns TRUE while it finds work (messages) to do; when
         * it has none, wait a little in the kernel instead of spinning. */
        bool busy = ws_blocking_hook() != 0;
        if (cancelled) {
            err = WSAEINTR;
            break;
        }
        if (!busy && poll(&p, 1, left < 10 ? (int)left : 10) > 0)
            break;
    }
    ws_in_blocking_call = false;
    return err;
}

int ws_block_with_hook(ws_sock *sk, short events)
{
    return hook_wait(sk->fd, events, -1);
}

int ws_hook_sleep(long long until)
{
    return hook_wait(-1, 0, until);
}

static intptr_t default_hook(void)
{
    return 0;
}

WS2P_EXPORT BOOL WSAIsBlocking(void)
{
    return ws_in_blocking_call;
}

WS2P_EXPORT ws_hook WSASetBlockingHook(ws_hook hook)
{
    struct ws_call c = WS_CALL("WSASetBlockingHook");
    ws_hook prev = NULL;
    if (ws_started(&c)) {
        if (!ws_is_v1())
            ws_fail(&c, WSAEOPNOTSUPP);
        else if (!hook)
            ws_fail(&c, WSAEFAULT);
        else {
            prev = ws_blocking_hook ? ws_blocking_hook : default_hook;
            ws_blocking_hook = hook == default_hook ? NULL : hook;
        }
    }
    return WS_EXIT(&c, prev, "hook=%p", (void *)hook);
}

WS2P_EXPORT int WSAUnhookBlockingHook(void)
{
    struct ws_call c = WS_CALL("WSAUnhookBlockingHook");
    int ret = WS_SOCKET_ERROR;
    if (ws_started(&c)) {
        if (!ws_is_v1())
            ws_fail(&c, WSAEOPNOTSUPP);
        else {
            ws_blocking_hook = NULL;
            ret = 0;
        }
    }
    return WS_EXIT(&c, ret, "");
}

/* Allowed while a blocking call is in progress: that is what it is for. */
WS2P_EXPORT int WSACancelBlockingCall(void)
{
    struct ws_call c = WS_CALL("WSACancelBlockingCall");
    int ret = WS_SOCKET_ERROR;
    if (!ws_is_started())
        ws_fail(&c, WSANOTINITIALISED);
    else if (!ws_is_v1())
        ws_fail(&c, WSAEOPNOTSUPP);
    else if (!ws_in_blocking_call)
        ws_fail(&c, WSAEINVAL); /* nothing to cancel */
    else {
        cancelled = true;
        ret = 0;
    }
    return WS_EXIT(&c, ret, "");
}
