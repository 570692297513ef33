/*
 * The ports this process has bound, and Windows' SO_REUSEADDR /
 * SO_EXCLUSIVEADDRUSE rules between them.
 *
 * Windows decides a second bind to a port in use from the options of both
 * sockets and whether each bound the wildcard or a specific address
 * ("Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE" and the WSK "Sharing
 * Transport Addresses" table; pinned by test/reuseaddr.c).  Linux has other
 * rules, so the sockets this process bound are kept here and the Windows
 * table is applied to them before the kernel sees the bind.  Where Windows
 * lets two sockets share, both get Linux SO_REUSEADDR + SO_REUSEPORT so the
 * kernel agrees.  Conflicts with other processes are left to the kernel.
 *
 * One list per (type, port), reached directly by the port: a bind looks at
 * the sockets on its own port only, so it costs the same with 16 or 100,000
 * other ports bound.  Each socket's row lives as long as its descriptor
 * (ws_bind_forget from ws_sock_final), so nothing is ever asked of the
 * kernel to tell stale rows apart.  A lock per group of ports, never held
 * across a system call; no global lock.
 */
#include "core.h"
#include <linux/filter.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_DEF, OPT_REUSE, OPT_EXCL };
enum { OK = 0, INUSE = WSAEADDRINUSE, DENIED = WSAEACCES };
/* [second's option][second is wildcard][first's option][first is wildcard];
 * Windows' "CHECK" (a security check) passes within one process. */
static const int bind_table[3][2][3][2] = {
    [OPT_DEF] = {{{INUSE, OK}, {DENIED, OK}, {INUSE, DENIED}}, /* second specific */
                 {{OK, INUSE}, {OK, INUSE}, {OK, INUSE}}},        /* second wildcard */
    [OPT_REUSE] = {{{DENIED, OK}, {OK, OK}, {DENIED, DENIED}}, {{OK, DENIED}, {OK, OK}, {OK, DENIED}}},
    [OPT_EXCL] = {{{INUSE, OK}, {INUSE, OK}, {INUSE, DENIED}}, {{INUSE, INUSE}, {INUSE, INUSE}, {INUSE, INUSE}}},
};

struct ws_binding {
    struct ws_binding *next, **pprev; /* in its port's list while listed */
    ws_sock *sk;
    int type;      /* TCP and UDP ports are separate */
    uint16_t port; /* host order; 0 until the kernel picks one */
    int opt;       /* OPT_* at bind time */
    bool v4, v6;   /* which stacks the binding covers */
    int v4rank;    /* 0 dual-stack ::, 1 wildcard, 2 specific (IPv4 side) */
    bool v6any;
    uint32_t a4;
    unsigned char a6[16];
};

/* Heads for every port of each type, in pages allocated on first use (a
 * page of 256 ports is 2 KiB). */
#define PORT_PAGE 256
static struct ws_binding **_Atomic pages[2][65536 / PORT_PAGE];
#define NLOCKS 64
static pthread_mutex_t locks[NLOCKS] = {[0 ... NLOCKS - 1] = PTHREAD_MUTEX_INITIALIZER};
static pthread_mutex_t page_lock = PTHREAD_MUTEX_INITIALIZER;

static pthread_mutex_t *lock_of(uint16_t port)
{
    return &locks[port % NLOCKS];
}

/* The list head for (type, port); NULL without memory. */
static struct ws_binding **head_of(int type, uint16_t port)
{
    int t = type == SOCK_STREAM ? 0 : 1;
    struct ws_binding **page = atomic_load_explicit(&pages[t][port / PORT_PAGE], memory_order_acquire);
    if (!page) {
        pthread_mutex_lock(&page_lock);
        page = atomic_load_explicit(&pages[t][port / PORT_PAGE], memory_order_relaxed);
        if (!page && (page = calloc(PORT_PAGE, sizeof *page)) != NULL)
            atomic_store_explicit(&pages[t][port / PORT_PAGE], page, memory_order_release);
        pthread_mutex_unlock(&page_lock);
        if (!page)
            return NULL;
    }
    return &page[port % PORT_PAGE];
}

static void describe(struct ws_binding *b, const struct sockaddr *sa, bool v6only)
{
    b->v4 = b->v6 = b->v6any = false;
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
        b->port = ntohs(in->sin_port);
        b->v4 = true;
        b->a4 = in->sin_addr.s_addr;
        b->v4rank = b->a4 == 0 ? 1 : 2;
        return;
    }
    const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    static const unsigned char zero[16];
    b->port = ntohs(in6->sin6_port);
    if (!memcmp(&in6->sin6_addr, mapped, 12)) {
        b->v4 = true;
        memcpy(&b->a4, (const char *)&in6->sin6_addr + 12, 4);
        b->v4rank = b->a4 == 0 ? 1 : 2;
        return;
    }
    b->v6 = true;
    memcpy(b->a6, &in6->sin6_addr, 16);
    b->v6any = !memcmp(b->a6, zero, 16);
    if (b->v6any && !v6only) {
        b->v4 = true;
        b->a4 = 0;
        b->v4rank = 0;
    }
}

static bool overlaps(const struct ws_binding *n, const struct ws_binding *e)
{
    return (n->v6 && e->v6 && (n->v6any || e->v6any || !memcmp(n->a6, e->a6, 16))) ||
           (n->v4 && e->v4 && (n->v4rank < 2 || e->v4rank < 2 || n->a4 == e->a4));
}

/* Windows' verdict for binding n while e holds the port. */
static int verdict(const struct ws_binding *n, const struct ws_binding *e)
{
    int err = 0;
    if (n->v6 && e->v6 && (n->v6any || e->v6any || !memcmp(n->a6, e->a6, 16)))
        err = bind_table[n->opt][n->v6any][e->opt][e->v6any];
    if (!err && n->v4 && e->v4 && (n->v4rank < 2 || e->v4rank < 2 || n->a4 == e->a4)) {
        /* Against a dual-stack [::], an IPv4 wildcard counts as specific. */
        bool nw = n->v4rank < 2 && n->v4rank <= e->v4rank;
        bool ew = e->v4rank < 2 && e->v4rank <= n->v4rank;
        err = bind_table[n->opt][nw][e->opt][ew];
    }
    return err;
}

static void set_shared(ws_sock *sk)
{
    int one = 1;
    setsockopt(sk->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(sk->fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    ws_set_flags(sk, WSF_SHARED);
}

/* Two listeners sharing a port: Windows gives every connection to the
 * first (test_reuseaddr); Linux's SO_REUSEPORT spreads them by hash.  A
 * classic BPF program answering 0 makes the kernel pick the first socket of
 * the port's group.  The group forms when a socket starts listening, so the
 * program is attached then (to the group, through the new member). */
void ws_reuse_listen(ws_sock *sk)
{
    static struct sock_filter first[] = {{BPF_RET | BPF_K, 0, 0, 0}};
    static const struct sock_fprog prog = {1, first};
    setsockopt(sk->fd, SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, &prog, sizeof prog);
}

static void list_insert(struct ws_binding **head, struct ws_binding *n)
{
    n->next = *head;
    if (n->next)
        n->next->pprev = &n->next;
    n->pprev = head;
    *head = n;
}

static void list_remove(struct ws_binding *n)
{
    *n->pprev = n->next;
    if (n->next)
        n->next->pprev = n->pprev;
    n->pprev = NULL;
}

/* Sockets already on the port that must share it with the new one: made
 * to after the lock is released (setsockopt is a system call). */
#define SHARE_BATCH 16

int ws_bind_check(ws_sock *sk, const struct sockaddr_storage *ss, socklen_t len)
{
    (void)len;
    if (ss->ss_family != AF_INET && ss->ss_family != AF_INET6)
        return 0;
    if (sk->type != SOCK_STREAM && sk->type != SOCK_DGRAM)
        return 0;
    uint32_t f = ws_flags(sk);
    int v6only = 1;
    socklen_t olen = sizeof v6only;
    if (ss->ss_family == AF_INET6)
        getsockopt(sk->fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, &olen);

    struct ws_binding *n = WS_ALLOC(calloc(1, sizeof *n));
    if (!n)
        return WSAENOBUFS;
    n->sk = sk;
    n->type = sk->type;
    n->opt = (f & WSF_EXCLUSIVE) ? OPT_EXCL : (f & WSF_REUSEADDR) ? OPT_REUSE : OPT_DEF;
    describe(n, (const struct sockaddr *)ss, v6only != 0);

    /* Windows lets a server rebind a port while old connections sit in
     * TIME_WAIT, which Linux allows only with SO_REUSEADDR; the table above
     * still decides between sockets of this process.  (A port the kernel
     * picks is never one in use, and SO_REUSEADDR would only make its
     * search slower.) */
    int one = 1;
    if (sk->type == SOCK_STREAM && n->port)
        setsockopt(sk->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (n->opt == OPT_REUSE)
        set_shared(sk);

    int err = 0;
    ws_sock *share[SHARE_BATCH];
    size_t nshare = 0;
    bool share_new = false;
    if (n->port) {
        struct ws_binding **head = head_of(n->type, n->port);
        if (!head) {
            free(n);
            return WSAENOBUFS;
        }
        pthread_mutex_lock(lock_of(n->port));
        /* First decide; then, only if allowed, make the kernel agree. */
        for (struct ws_binding *e = *head; e && !err; e = e->next)
            err = verdict(n, e);
        for (struct ws_binding *e = *head; e && !err; e = e->next) {
            if (!overlaps(n, e))
                continue;
            share_new = true;
            if (!(ws_flags(e->sk) & WSF_SHARED) && nshare < SHARE_BATCH &&
                (share[nshare] = ws_sock_hold(e->sk)) != NULL)
                nshare++;
        }
        if (!err)
            list_insert(head, n);
        pthread_mutex_unlock(lock_of(n->port));
    }
    if (err) {
        free(n);
        return err;
    }
    if (share_new && !(ws_flags(sk) & WSF_SHARED))
        set_shared(sk);
    for (size_t i = 0; i < nshare; i++) {
        set_shared(share[i]);
        ws_sock_put(share[i]);
    }
    sk->binding = n;
    return 0;
}

void ws_bind_done(ws_sock *sk, bool bound)
{
    struct ws_binding *n = sk->binding;
    if (!n)
        return;
    if (!bound) {
        ws_bind_forget(sk);
        return;
    }
    if (n->port)
        return;
    /* The kernel picked the port: list the row under it. */
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    uint16_t port = 0;
    if (getsockname(sk->fd, (struct sockaddr *)&ss, &len) == 0)
        port = ntohs(ss.ss_family == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port
                                             : ((struct sockaddr_in6 *)&ss)->sin6_port);
    struct ws_binding **head = port ? head_of(n->type, port) : NULL;
    if (!head) {
        sk->binding = NULL;
        free(n);
        return;
    }
    pthread_mutex_lock(lock_of(port));
    n->port = port;
    list_insert(head, n);
    pthread_mutex_unlock(lock_of(port));
}

void ws_bind_forget(ws_sock *sk)
{
    struct ws_binding *n = sk->binding;
    if (!n)
        return;
    sk->binding = NULL;
    if (n->port) {
        pthread_mutex_lock(lock_of(n->port));
        if (n->pprev)
            list_remove(n);
        pthread_mutex_unlock(lock_of(n->port));
    }
    free(n);
}
