/* WSAAsyncSelect: the notification engine of WSAEventSelect
 * (src/core/notify.c) delivering window messages instead of signalling an
 * event object; the queue and windows are src/user32/message.c, window.c. */
#include "winobj.h"
#include <sys/ioctl.h>


/* Checks in Windows' order: the socket, then the events, then the window
 * (WSAEINVAL for a handle that is not a window, WSAAsyncSelect docs).
 * lEvent 0 cancels, whatever hWnd is; the socket becomes non-blocking
 * either way ("regardless of the value of lEvent"). */
WS2P_EXPORT int WSAAsyncSelect(SOCKET s, HWND hwnd, UINT wmsg, LONG mask)
{
    struct ws_call c = WS_CALL("WSAAsyncSelect");
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        struct ws_wincore *win = NULL;
        if (mask & ~WS_FD_ALL_EVENTS)
            ws_fail(&c, WSAEINVAL);
        else if (mask && !(win = ws_window_core_get(hwnd)))
            ws_fail(&c, WSAEINVAL);
        else {
            int on = 1;
            if (!(ws_flags(sk) & WSF_NONBLOCK) && ioctl(sk->fd, FIONBIO, &on) < 0)
                ws_fail_errno(&c, "ioctl", errno);
            else {
                ws_set_flags(sk, WSF_NONBLOCK);
                int err = ws_evsel_register_window(sk, win, wmsg, mask);
                if (err)
                    ws_fail(&c, err);
                else
                    ret = 0;
            }
        }
        if (win)
            ws_wincore_unref(win);
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, hwnd=%p, msg=%#x, mask=%#x", (unsigned long)s, hwnd, wmsg, (unsigned)mask);
}
