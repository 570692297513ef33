/* WSAStartup / WSACleanup and the last error. */
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
    if (!ws_bad_ptr(data)) {
        data->wVersion = version;
        data->wHighVersion = MKWORD(2, 2);
        data->iMaxSockets = major == 1 ? 32767 : 0;
        data->iMaxUdpDg = major == 1 ? 65467 : 0;
        strcpy(data->szDescription, "WinSock 2.0");
        strcpy(data->szSystemStatus, "Running");
    }
    if (major == 0)
        ws_fail(&c, WSAVERNOTSUPPORTED);
    else if (ws_bad_ptr(data))
        ws_fail(&c, WSAEFAULT); /* (WSAStartup docs: lpWSAData not a valid pointer) */
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
        if (n == 1) {
            ws_dup_forget_all();
            ws_sock_close_all();
        }
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
