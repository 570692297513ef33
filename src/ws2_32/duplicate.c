/* WSADuplicateSocketA/W, in-process.
 *
 * The duplicate is the source's socket object itself, as on Windows: one
 * completion-port association, one set of requests and options, closed
 * only when its last handle is (sock.c test_WSADuplicateSocket,
 * test_completion_port).  WSADuplicateSocket counts a handle on the object
 * at once (the source may be closed before the duplicate is taken) and
 * names it in dwProviderReserved; WSASocket(FROM_PROTOCOL_INFO, ...) with
 * that structure gives the handle its number, once (an alias of the
 * object: src/core/socktab.c).  A structure never taken keeps its object
 * open, as the handle Windows duplicates into the process would, until
 * WSACleanup.  Only the calling process can take it: another process id
 * is WSAEINVAL (docs/windows-vs-linux.md). */
#include "core.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct dup {
    struct dup *next;
    DWORD token;
    ws_sock *sk; /* holds one of its handles */
};
static struct dup *pending;
static DWORD last_token;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int duplicate(const char *fn, SOCKET s, DWORD pid, void *info, bool wide)
{
    struct ws_call c = WS_CALL(fn);
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        /* Checked in this order: the socket, the process, the structure
         * (sock.c test_WSADuplicateSocket). */
        struct dup *d = NULL;
        int err = pid != (DWORD)getpid() ? WSAEINVAL : ws_bad_ptr(info) ? WSAEFAULT : 0;
        if (!err)
            err = ws_protocol_info(sk, info, wide) ? WSAEINVAL : 0;
        if (!err && !(d = malloc(sizeof *d)))
            err = WSAENOBUFS;
        if (!err && !ws_sock_add_handle(sk))
            err = WSAENOTSOCK; /* its closesocket came first */
        if (err) {
            free(d);
            ws_fail(&c, err);
        } else {
            d->sk = sk;
            pthread_mutex_lock(&lock);
            if (!++last_token)
                ++last_token; /* 0 means "not a duplicate" */
            d->token = last_token;
            d->next = pending;
            pending = d;
            pthread_mutex_unlock(&lock);
            ((WS_WSAPROTOCOL_INFOA *)info)->dwProviderReserved = d->token;
            ret = 0;
        }
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, pid=%u, info=%p", (unsigned long)s, (unsigned)pid, info);
}

WS2P_EXPORT int WSADuplicateSocketA(SOCKET s, DWORD pid, WS_WSAPROTOCOL_INFOA *info)
{
    return duplicate("WSADuplicateSocketA", s, pid, info, false);
}

WS2P_EXPORT int WSADuplicateSocketW(SOCKET s, DWORD pid, WS_WSAPROTOCOL_INFOW *info)
{
    return duplicate("WSADuplicateSocketW", s, pid, info, true);
}

bool ws_dup_socket(struct ws_call *c, const WS_WSAPROTOCOL_INFOA *info, SOCKET *s)
{
    if (!info->dwProviderReserved || memcmp(&info->ProviderId, &ws_tcpip_provider, sizeof(GUID)))
        return false;
    pthread_mutex_lock(&lock);
    struct dup *d = NULL;
    for (struct dup **pp = &pending; *pp; pp = &(*pp)->next)
        if ((*pp)->token == info->dwProviderReserved) {
            d = *pp;
            *pp = d->next;
            break;
        }
    pthread_mutex_unlock(&lock);
    if (!d)
        return false; /* taken already, or never ours: a fresh socket like it */
    *s = ws_sock_alias(d->sk, false);
    if (*s == WS_INVALID_SOCKET)
        ws_fail_errno(c, "fcntl(F_DUPFD_CLOEXEC)", errno);
    free(d);
    return true;
}

void ws_dup_forget_all(void)
{
    pthread_mutex_lock(&lock);
    struct dup *d = pending;
    pending = NULL;
    pthread_mutex_unlock(&lock);
    while (d) {
        struct dup *next = d->next;
        ws_sock_drop_handle(d->sk);
        free(d);
        d = next;
    }
}
