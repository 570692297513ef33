/* WSAAccept: accept, with an application's condition function deciding.
 *
 * The condition function sees the caller's address (lpCallerId) and ours
 * (lpCalleeId); TCP/IP carries no connect data and no QOS, so lpCallerData,
 * lpSQOS and lpGQOS are NULL and lpCalleeData has room for nothing
 * ("WSAAccept" docs).  Its answer:
 *   CF_ACCEPT  the socket is returned;
 *   CF_REJECT  the connection is reset, WSAECONNREFUSED;
 *   CF_DEFER   WSATRY_AGAIN, and the connection waits for the next accept
 *              or WSAAccept on the listener (sock.c test_accept), which
 *              stays readable (FD_ACCEPT) meanwhile.
 * Linux cannot show a pending connection without accepting it, so the
 * kernel handshake has completed before the function runs, whatever
 * SO_CONDITIONAL_ACCEPT says: a rejected client sees a reset after its
 * connect succeeded, not a refused connect (docs/windows-vs-linux.md). */
#include "core.h"
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

SOCKET ws2p_accept(SOCKET s, struct WS_sockaddr *addr, int *addrlen);
int ws2p_getsockname(SOCKET s, struct WS_sockaddr *name, int *namelen);
int ws2p_setsockopt(SOCKET s, int level, int optname, const char *optval, int optlen);
int closesocket(SOCKET s);

#define CF_ACCEPT 0
#define CF_REJECT 1
#define CF_DEFER 2

typedef int (*ws_condition)(WS_WSABUF *caller_id, WS_WSABUF *caller_data, void *sqos, void *gqos,
                            WS_WSABUF *callee_id, WS_WSABUF *callee_data, unsigned int *g, DWORD_PTR data);

/* Deferred connections: at most one per listener, named by its table entry
 * and its inode (a later socket on the same descriptor is another one). */
struct deferred {
    struct deferred *next;
    ws_sock *listener;
    ino_t ino;
    int fd;
};
static struct deferred *deferred;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static ino_t inode_of(int fd)
{
    struct stat st;
    return fstat(fd, &st) == 0 ? st.st_ino : 0;
}

/* Unlink and return the entry for listener (or a stale one at its place). */
static struct deferred *unlink_entry(ws_sock *listener)
{
    for (struct deferred **pp = &deferred, *d; (d = *pp); pp = &d->next)
        if (d->listener == listener) {
            *pp = d->next;
            return d;
        }
    return NULL;
}

static void keep_deferred(ws_sock *listener, int fd)
{
    struct deferred *d = malloc(sizeof *d);
    pthread_mutex_lock(&lock);
    struct deferred *old = unlink_entry(listener); /* a closed listener's leftover */
    if (old) {
        close(old->fd);
        free(old);
    }
    if (d) {
        *d = (struct deferred){deferred, listener, inode_of(listener->fd), fd};
        deferred = d;
        ws_set_flags(listener, WSF_DEFERRED);
    } else {
        close(fd); /* no memory to hold it: the client sees a reset */
    }
    pthread_mutex_unlock(&lock);
}

int ws_take_deferred(ws_sock *listener, struct sockaddr_storage *ss, socklen_t *len)
{
    bool nonblock = ws_flags(listener) & WSF_NONBLOCK;
    pthread_mutex_lock(&lock);
    struct deferred *d = unlink_entry(listener);
    ws_clear_flags(listener, WSF_DEFERRED);
    pthread_mutex_unlock(&lock);
    int fd = -1;
    if (d && d->ino == inode_of(listener->fd)) {
        fd = d->fd;
        int fl = fcntl(fd, F_GETFL);
        fcntl(fd, F_SETFL, nonblock ? fl | O_NONBLOCK : fl & ~O_NONBLOCK);
        if (getpeername(fd, (struct sockaddr *)ss, len) < 0) {
            int e = errno == ENOTCONN ? ECONNRESET : errno; /* the caller gave up meanwhile */
            close(fd);
            fd = -1;
            errno = e;
        }
    } else {
        if (d)
            close(d->fd);
        fd = WS_SYS(accept, listener->fd, accept4(listener->fd, (struct sockaddr *)ss, len, nonblock ? SOCK_NONBLOCK : 0));
    }
    free(d);
    return fd;
}

WS2P_EXPORT SOCKET WSAAccept(SOCKET s, struct WS_sockaddr *addr, int *addrlen, ws_condition condition,
                             DWORD_PTR data)
{
    struct ws_call c = WS_CALL("WSAAccept");
    SOCKET ret = WS_INVALID_SOCKET;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        struct WS_sockaddr_storage peer, local;
        int plen = sizeof peer, llen = sizeof local;
        uint32_t f = ws_flags(sk);
        if (!(f & WSF_LISTENING))
            ws_fail(&c, WSAEINVAL);
        else if (ws_bad_opt(addr) || ws_bad_opt(addrlen) ||
                 (addr && addrlen && *addrlen < ws_addr_minlen(ws_af_from_linux(sk->family))))
            ws_fail(&c, WSAEFAULT); /* *addrlen untouched (sock.c test_accept) */
        else if ((ret = ws2p_accept(s, (struct WS_sockaddr *)&peer, &plen)) == WS_INVALID_SOCKET)
            c.err = (int)ws_last_error;
        else if (condition) {
            WS_WSABUF caller = {(ULONG)plen, (char *)&peer}, callee = {0, (char *)&local}, callee_data = {0, NULL};
            unsigned int group = 0;
            if (ws2p_getsockname(ret, (struct WS_sockaddr *)&local, &llen) == 0)
                callee.len = (ULONG)llen;
            int verdict = condition(&caller, NULL, NULL, NULL, &callee, &callee_data, &group, data);
            ws_sock *nsk = verdict == CF_ACCEPT ? NULL : ws_sock_get(ret);
            if (verdict == CF_DEFER && nsk) {
                int keep = fcntl(nsk->fd, F_DUPFD_CLOEXEC, 0); /* the connection outlives its socket */
                if (keep >= 0)
                    keep_deferred(sk, keep);
                ws_fail(&c, WSATRY_AGAIN);
            } else if (verdict != CF_ACCEPT) {
                struct WS_linger abort = {1, 0};
                ws2p_setsockopt(ret, WS_SOL_SOCKET, WS_SO_LINGER, (const char *)&abort, sizeof abort);
                ws_fail(&c, verdict == CF_REJECT ? WSAECONNREFUSED : WSAEINVAL);
            }
            if (nsk) {
                ws_sock_put(nsk);
                closesocket(ret);
                ret = WS_INVALID_SOCKET;
            }
        }
        if (ret != WS_INVALID_SOCKET && addr && addrlen) {
            int n = plen < *addrlen ? plen : *addrlen;
            memcpy(addr, &peer, (size_t)n);
            *addrlen = plen;
        }
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, addr=%p, addrlen=%d, condition=%p, data=%#lx", (unsigned long)s, (void *)addr,
                   ws_peek_int(addrlen), (void *)(uintptr_t)condition, (unsigned long)data);
}
