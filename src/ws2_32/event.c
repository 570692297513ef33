/* WSAEventSelect, WSAEnumNetworkEvents and the WSA event-object functions
 * (WSACreateEvent, WSASetEvent, WSAResetEvent, WSACloseEvent,
 * WSAWaitForMultipleEvents).  The recording rules live in the notification
 * engine (src/core/notify.c); waits in src/kernel32/handle.c. */
#include "winobj.h"
#include <sys/ioctl.h>


/* The WSA event functions are the kernel32 ones (src/kernel32/event.c,
 * src/kernel32/handle.c): a WSAEVENT is an event HANDLE, created manual-reset
 * and reset (WSACreateEvent docs), and WSA_INVALID_HANDLE is
 * ERROR_INVALID_HANDLE. */
HANDLE CreateEventA(WS_SECURITY_ATTRIBUTES *sa, BOOL manual, BOOL initial, const char *name);
BOOL SetEvent(HANDLE h);
BOOL ResetEvent(HANDLE h);

WS2P_EXPORT HANDLE WSACreateEvent(void)
{
    HANDLE h = CreateEventA(NULL, 1, 0, NULL);
    if (!h)
        ws_last_error = WSA_NOT_ENOUGH_MEMORY;
    return h;
}

/* A stale, foreign or garbage handle is WSA_INVALID_HANDLE (sock.c
 * test_WSACloseEvent-style checks; WSACloseEvent docs). */
WS2P_EXPORT BOOL WSACloseEvent(HANDLE h)
{
    struct ws_call c = WS_CALL("WSACloseEvent");
    int err = ws_handle_is_socket(h) ? WSA_INVALID_HANDLE : ws_handle_close(h);
    if (err)
        ws_fail(&c, WSA_INVALID_HANDLE);
    return WS_EXIT(&c, !err, "h=%p", h);
}

WS2P_EXPORT BOOL WSASetEvent(HANDLE h)
{
    return SetEvent(h);
}

WS2P_EXPORT BOOL WSAResetEvent(HANDLE h)
{
    return ResetEvent(h);
}

/* fAlertable runs queued completion routines and APCs and returns
 * WSA_WAIT_IO_COMPLETION.  A handle that is not a live object is
 * WSA_INVALID_HANDLE. */
WS2P_EXPORT DWORD WSAWaitForMultipleEvents(DWORD n, const HANDLE *events, BOOL all, DWORD ms, BOOL alertable)
{
    struct ws_call c = WS_CALL32("WSAWaitForMultipleEvents");
    DWORD ret = ws_wait_handles(n, events, all, ms, alertable != 0);
    if (ret == (DWORD)WS_WAIT_FAILED)
        ws_fail(&c, (int)ws_last_error);
    return WS_EXIT32(&c, ret, "n=%u, all=%d, ms=%u, alertable=%d", (unsigned)n, all, (unsigned)ms, alertable);
}

WS2P_EXPORT int WSAEventSelect(SOCKET s, HANDLE event, LONG mask)
{
    struct ws_call c = WS_CALL("WSAEventSelect");
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        ws_obj *ev = NULL;
        if (mask && !(ev = ws_handle_get(event, WS_OBJ_EVENT)))
            ws_fail(&c, WSAEINVAL); /* hEventObject is not a valid event */
        else if (mask & ~WS_FD_ALL_EVENTS)
            ws_fail(&c, WSAEINVAL);
        else {
            /* Registering makes the socket non-blocking (WSAEventSelect docs);
             * clearing the registration leaves it so. */
            int on = 1;
            if (mask && !(ws_flags(sk) & WSF_NONBLOCK)) {
                if (ioctl(sk->fd, FIONBIO, &on) < 0) {
                    ws_fail_errno(&c, "ioctl", errno);
                    goto out;
                }
                ws_set_flags(sk, WSF_NONBLOCK);
            }
            int err = ws_evsel_register(sk, ev, mask);
            if (err)
                ws_fail(&c, err);
            else
                ret = 0;
        }
    out:
        if (ev)
            ws_obj_unref(ev);
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, event=%p, mask=%#x", (unsigned long)s, event, (unsigned)mask);
}

struct WS_WSANETWORKEVENTS {
    LONG lNetworkEvents;
    int iErrorCode[WS_FD_MAX_EVENTS];
};

/* Returns and clears the recorded events; iErrorCode of events not reported
 * is left as it was; the event object given is reset (WSAEnumNetworkEvents
 * docs). */
WS2P_EXPORT int WSAEnumNetworkEvents(SOCKET s, HANDLE event, struct WS_WSANETWORKEVENTS *ne)
{
    struct ws_call c = WS_CALL("WSAEnumNetworkEvents");
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        ws_obj *ev = NULL;
        if (ws_bad_ptr(ne))
            ws_fail(&c, WSAEFAULT);
        else if (event && !(ev = ws_handle_get(event, WS_OBJ_EVENT)))
            ws_fail(&c, WSAEINVAL);
        else {
            ne->lNetworkEvents = (LONG)ws_evsel_take(sk, ne->iErrorCode);
            if (ev) {
                ws_obj_reset(ev);
                ws_obj_unref(ev);
            }
            ret = 0;
        }
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, event=%p, events=%#x", (unsigned long)s, event,
                   ret == 0 ? (unsigned)ne->lNetworkEvents : 0u);
}
