/* WSAStartup / WSACleanup, the last error, and the Winsock 1.1 blocking-hook
 * functions. */
#include "core.h"
#include <pthread.h>
#include <string.h>

_Atomic int ws_startup_count;
WORD ws_app_version = 0x0202;
static pthread_mutex_t startup_lock = PTHREAD_MUTEX_INITIALIZER;

#define LO(w) ((BYTE)((w) & 0xff))
#define HI(w) ((BYTE)((w) >> 8))
#define MKWORD(lo, hi) ((WORD)((lo) | ((hi) << 8)))

/* Version negotiation as Windows does it (protocol.c test_startup): major 1
 * gets at most 1.1, major 2 at most 2.2, anything newer 2.2; major 0 is not
 * supported but WSADATA is still filled. */
WS2P_EXPORT int WSAStartup(WORD requested, WS_WSADATA *data)
{
    struct ws_call c = WS_CALL("WSAStartup");
    BYTE major = LO(requested), minor = HI(requested);
    WORD version = major == 1 ? MKWORD(1, minor > 1 ? 1 : minor)
                   : major == 2 ? MKWORD(2, minor > 2 ? 2 : minor)
                                : MKWORD(2, 2);
    if (data) {
        data->wVersion = version;
        data->wHighVersion = MKWORD(2, 2);
        data->iMaxSockets = major == 1 ? 32767 : 0;
        data->iMaxUdpDg = major == 1 ? 65467 : 0;
        strcpy(data->szDescription, "WinSock 2.0");
        strcpy(data->szSystemStatus, "Running");
    }
    if (major == 0)
        ws_fail(&c, WSAVERNOTSUPPORTED);
    else if (!data)
        ws_fail(&c, WSAEFAULT);
    else {
        pthread_mutex_lock(&startup_lock);
        if (atomic_load(&ws_startup_count) == 0)
            ws_app_version = version;
        atomic_fetch_add(&ws_startup_count, 1);
        pthread_mutex_unlock(&startup_lock);
    }
    int ret = c.err;
    return WS_EXIT(&c, ret, "version=%u.%u, data=%p", major, minor, (void *)data);
}

/* Reference counted; the last call closes every socket still open, so their
 * handles are gone even after a new WSAStartup (sock.c test_WithWSAStartup). */
WS2P_EXPORT int WSACleanup(void)
{
    struct ws_call c = WS_CALL("WSACleanup");
    int ret = 0;
    pthread_mutex_lock(&startup_lock);
    int n = atomic_load(&ws_startup_count);
    if (n == 0) {
        ws_fail(&c, WSANOTINITIALISED);
        ret = WS_SOCKET_ERROR;
    } else {
        atomic_store(&ws_startup_count, n - 1);
        if (n == 1)
            ws_sock_close_all();
    }
    pthread_mutex_unlock(&startup_lock);
    return WS_EXIT(&c, ret, "");
}

WS2P_EXPORT int WSAGetLastError(void)
{
    return (int)ws_last_error;
}

WS2P_EXPORT void WSASetLastError(int err)
{
    ws_last_error = (DWORD)err;
}

/* Winsock 1.1 blocking hooks.  Winsock 2 removed them: 2.x applications get
 * WSAEOPNOTSUPP.  For 1.1 applications there is no hook-driven blocking
 * here (calls block in the kernel), so a hook is recorded and returned but
 * nothing is ever "in progress" to cancel. */
typedef int (*ws_hook)(void);
static __thread ws_hook blocking_hook;
static int default_hook(void)
{
    return 0;
}

WS2P_EXPORT BOOL WSAIsBlocking(void)
{
    return 0;
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
            prev = blocking_hook ? blocking_hook : default_hook;
            blocking_hook = hook;
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
            blocking_hook = NULL;
            ret = 0;
        }
    }
    return WS_EXIT(&c, ret, "");
}

WS2P_EXPORT int WSACancelBlockingCall(void)
{
    struct ws_call c = WS_CALL("WSACancelBlockingCall");
    if (ws_started(&c))
        ws_fail(&c, ws_is_v1() ? WSAEINVAL : WSAEOPNOTSUPP);
    return WS_EXIT(&c, WS_SOCKET_ERROR, "");
}
