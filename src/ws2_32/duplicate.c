/* WSADuplicateSocketA/W, in-process.
 *
 * The WSAPROTOCOL_INFO it fills names a duplicate of the socket's kernel
 * descriptor, made at once (the source may be closed before the duplicate
 * is taken), in dwProviderReserved; WSASocket(FROM_PROTOCOL_INFO, ...) with
 * it returns a socket on the same connection, with the source's state, once
 * (src/ws2_32/socket.c).  Both descriptors share the kernel socket, as the
 * two handles share one on Windows: data sent to either can be read from
 * either (sock.c test_WSADuplicateSocket).  Only the calling process can
 * take it: another process id is WSAEINVAL (docs/windows-vs-linux.md). */
#include "core.h"
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What the duplicate starts with: the source's state when duplicated. */
#define WSF_DUP_STATE                                                                                       \
    (WSF_NONBLOCK | WSF_BOUND | WSF_LISTENING | WSF_CONNECTED | WSF_SHUT_RD | WSF_SHUT_WR | WSF_REUSEADDR | \
     WSF_EXCLUSIVE | WSF_OOBINLINE | WSF_BROADCAST | WSF_RCVBUF_SET | WSF_SNDBUF_SET | WSF_NO_CONNRESET |   \
     WSF_COND_ACCEPT | WSF_SHARED | WSF_SYNC)

struct dup {
    struct dup *next;
    DWORD token;
    int fd, family, type, protocol;
    uint32_t flags, connected_at;
    DWORD rcvtimeo, sndtimeo;
    int rcvbuf, sndbuf;
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
        if (!err && (d->fd = fcntl(sk->fd, F_DUPFD_CLOEXEC, 0)) < 0) {
            ws_fail_errno(&c, "fcntl(F_DUPFD_CLOEXEC)", errno);
            err = c.err;
        }
        if (err) {
            free(d);
            ws_fail(&c, err);
        } else {
            d->family = sk->family;
            d->type = sk->type;
            d->protocol = sk->protocol;
            d->flags = ws_flags(sk) & WSF_DUP_STATE;
            d->connected_at = sk->connected_at;
            d->rcvtimeo = sk->rcvtimeo;
            d->sndtimeo = sk->sndtimeo;
            d->rcvbuf = sk->rcvbuf;
            d->sndbuf = sk->sndbuf;
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
    ws_sock *sk = ws_sock_register(d->fd, d->family, d->type, d->protocol, d->flags);
    if (!sk) {
        ws_fail_errno(c, "socket", errno);
        close(d->fd);
        *s = WS_INVALID_SOCKET;
    } else {
        sk->connected_at = d->connected_at;
        sk->rcvtimeo = d->rcvtimeo;
        sk->sndtimeo = d->sndtimeo;
        sk->rcvbuf = d->rcvbuf;
        sk->sndbuf = d->sndbuf;
        *s = (SOCKET)d->fd;
    }
    free(d);
    return true;
}
