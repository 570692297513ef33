/* The I/O engine (engine.h): requests, contexts, completion delivery and the
 * engine thread that reaps what nobody else does. */
#define _GNU_SOURCE
#include "engine.h"
#include "iocp.h"
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

/* ---- status codes ----------------------------------------------------------- */

static const struct {
    uint32_t status;
    uint16_t w32, wsa;
} nt_table[] = {
#define WS2P_NTSTATUS(name, value, w32, wsa) {value##u, w32, wsa},
#include "ntstatus.def"
#undef WS2P_NTSTATUS
};

/* Win32 codes wrapped in an NTSTATUS (0x8007xxxx, 0xC007xxxx: how
 * HRESULT_FROM_WIN32-style values reach Internal) map back to the code. */
static bool wrapped_w32(uint32_t s, DWORD *out)
{
    uint32_t hi = s & 0xffff0000u;
    if (hi == 0x80070000u || hi == 0xc0070000u || hi == 0xc0010000u) {
        *out = s & 0xffff;
        return true;
    }
    return false;
}

DWORD ws_ntstatus_to_w32(uint32_t s)
{
    DWORD w;
    for (size_t i = 0; i < sizeof nt_table / sizeof nt_table[0]; i++)
        if (nt_table[i].status == s)
            return nt_table[i].w32;
    if (wrapped_w32(s, &w))
        return w;
    return s < 0x80000000u && s < 0x10000u ? 0 : ERROR_MR_MID_NOT_FOUND;
}

/* As WSAGetOverlappedResult reports it (sock.c map_status): unknown
 * failures are WSAEINVAL. */
DWORD ws_ntstatus_to_wsa(uint32_t s)
{
    DWORD w;
    for (size_t i = 0; i < sizeof nt_table / sizeof nt_table[0]; i++)
        if (nt_table[i].status == s)
            return nt_table[i].wsa;
    if (wrapped_w32(s, &w) && w == ERROR_IO_INCOMPLETE)
        return w;
    if (s < 0x80000000u)
        return ws_ntstatus_to_w32(s);
    return WSAEINVAL;
}

uint32_t ws_errno_to_ntstatus(int e)
{
    switch (e) {
    case 0:
        return WS_STATUS_SUCCESS;
    case ECONNRESET:
    case EPIPE:
        return WS_STATUS_CONNECTION_RESET;
    case ECONNABORTED:
        return WS_STATUS_CONNECTION_ABORTED;
    case ECONNREFUSED:
        return WS_STATUS_CONNECTION_REFUSED;
    case ETIMEDOUT:
        return WS_STATUS_IO_TIMEOUT;
    case ENOTCONN:
        return WS_STATUS_INVALID_CONNECTION;
    case ECANCELED:
        return WS_STATUS_CANCELLED;
    case EHOSTUNREACH:
        return WS_STATUS_HOST_UNREACHABLE;
    case ENETUNREACH:
        return WS_STATUS_NETWORK_UNREACHABLE;
    case EFAULT:
        return WS_STATUS_ACCESS_VIOLATION;
    case ENOMEM:
    case ENOBUFS:
        return WS_STATUS_NO_MEMORY;
    case EMSGSIZE:
        return WS_STATUS_BUFFER_OVERFLOW;
    case EBADF:
    case ENOTSOCK:
        return WS_STATUS_INVALID_HANDLE;
    case EACCES:
    case EPERM:
        return WS_STATUS_ACCESS_DENIED;
    case EOPNOTSUPP:
        return WS_STATUS_NOT_SUPPORTED;
    default:
        return WS_STATUS_INVALID_PARAMETER;
    }
}

/* ---- backend choice ---------------------------------------------------------- */

static const struct ws_backend *_Atomic chosen;

const struct ws_backend *ws_io_backend(void)
{
    const struct ws_backend *b = atomic_load_explicit(&chosen, memory_order_acquire);
    if (ws_likely(b != NULL))
        return b;
    const char *want = getenv("WS2POSIX_IO");
    b = &ws_backend_uring;
    if (want && !strcmp(want, "epoll"))
        b = &ws_backend_epoll;
    else {
        /* io_uring may be missing (old kernels) or forbidden (container
         * seccomp profiles, kernel.io_uring_disabled): probe once. */
        struct ws_ioctx probe = {0};
        if (ws_backend_uring.ctx_init(&probe) == 0)
            ws_backend_uring.ctx_fini(&probe);
        else if (!want || strcmp(want, "uring") != 0)
            b = &ws_backend_epoll;
    }
    const struct ws_backend *none = NULL;
    if (!atomic_compare_exchange_strong(&chosen, &none, b))
        b = none;
    return b;
}

/* ---- contexts and the engine thread ----------------------------------------- */

static pthread_mutex_t engine_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ws_ioctx *registry; /* every live context, under engine_lock */
static int engine_epfd = -1, engine_wake = -1;
static bool engine_started; /* __atomic access */
static _Atomic bool engine_sleeping; /* blocked with no timeout: wake it for new work */
static _Atomic unsigned busy_ctxs;      /* contexts with requests in flight */

static void engine_start(void);

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void ctx_free(struct ws_ioctx *c)
{
    c->be->ctx_fini(c);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

struct ws_ioctx *ws_io_ctx_new(void)
{
    struct ws_ioctx *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->be = ws_io_backend();
    pthread_mutex_init(&c->lock, NULL);
    if (c->be->ctx_init(c) != 0) {
        pthread_mutex_destroy(&c->lock);
        free(c);
        return NULL;
    }
    atomic_init(&c->refs, 1);
    static _Atomic uint64_t next_id = 1;
    c->id = atomic_fetch_add(&next_id, 1);
    c->last_reap_ms = now_ms();
    pthread_mutex_lock(&engine_lock);
    c->gnext = registry;
    registry = c;
    pthread_mutex_unlock(&engine_lock);
    return c;
}

void ws_io_ctx_ref(struct ws_ioctx *c)
{
    atomic_fetch_add_explicit(&c->refs, 1, memory_order_relaxed);
}

/* The last reference: the context leaves the registry with its owner's
 * reference; the engine frees it (it may still be adopted). */
void ws_io_ctx_unref(struct ws_ioctx *c)
{
    if (atomic_fetch_sub_explicit(&c->refs, 1, memory_order_acq_rel) != 1)
        return;
    pthread_mutex_lock(&engine_lock);
    for (struct ws_ioctx **pp = &registry; *pp; pp = &(*pp)->gnext)
        if (*pp == c) {
            *pp = c->gnext;
            break;
        }
    if (c->adopted && engine_epfd >= 0)
        epoll_ctl(engine_epfd, EPOLL_CTL_DEL, c->fd, NULL);
    pthread_mutex_unlock(&engine_lock);
    ctx_free(c);
}

/* The engine's own context: always in the engine's epoll set, for
 * requests no program thread waits for. */
struct ws_ioctx *ws_io_engine_ctx(void)
{
    static struct ws_ioctx *_Atomic ectx;
    struct ws_ioctx *c = atomic_load_explicit(&ectx, memory_order_acquire);
    if (c)
        return c;
    engine_start();
    pthread_mutex_lock(&engine_lock);
    c = atomic_load_explicit(&ectx, memory_order_relaxed);
    pthread_mutex_unlock(&engine_lock);
    if (c)
        return c;
    struct ws_ioctx *n = ws_io_ctx_new();
    if (!n)
        return NULL;
    pthread_mutex_lock(&engine_lock);
    if (!(c = atomic_load_explicit(&ectx, memory_order_relaxed))) {
        struct epoll_event e = {.events = EPOLLIN, .data.ptr = n};
        n->adopted = engine_epfd >= 0 && epoll_ctl(engine_epfd, EPOLL_CTL_ADD, n->fd, &e) == 0;
        n->pinned = true;
        atomic_store_explicit(&ectx, n, memory_order_release);
        c = n;
        n = NULL;
    }
    pthread_mutex_unlock(&engine_lock);
    if (n)
        ws_io_ctx_unref(n);
    return c;
}

struct ws_ioctx *ws_io_thread_ctx(void)
{
    struct ws_thread *t = ws_thread_self();
    if (!t)
        return NULL;
    if (!t->ioctx)
        t->ioctx = ws_io_ctx_new();
    return t->ioctx;
}

#define REAP_BATCH 64

static __thread bool in_engine; /* the engine thread's own reaping does not count as attending */

static void unadopt(struct ws_ioctx *c)
{
    pthread_mutex_lock(&engine_lock);
    if (c->adopted && !c->pinned) {
        epoll_ctl(engine_epfd, EPOLL_CTL_DEL, c->fd, NULL);
        c->adopted = false;
        atomic_store_explicit(&c->adopted_hint, false, memory_order_relaxed);
    }
    pthread_mutex_unlock(&engine_lock);
}

void ws_io_reap(struct ws_ioctx *c)
{
    ws_ioreq *done[REAP_BATCH];
    long res[REAP_BATCH];
    int n;
    do {
        pthread_mutex_lock(&c->lock);
        n = c->be->reap(c, done, res, REAP_BATCH);
        if (!in_engine)
            atomic_store_explicit(&c->last_reap_ms, now_ms(), memory_order_relaxed);
        pthread_mutex_unlock(&c->lock);
        if (!in_engine && ws_unlikely(atomic_load_explicit(&c->adopted_hint, memory_order_relaxed)))
            unadopt(c); /* attended again: the engine stops competing at once */
        for (int i = 0; i < n; i++)
            ws_io_finished(done[i], res[i]);
    } while (n == REAP_BATCH);
}

/* The engine thread: reaps adopted contexts as their descriptors become
 * readable, and every WS_IO_ADOPT_MS looks for contexts nobody reaps. */
static void *engine_main(void *arg)
{
    (void)arg;
    in_engine = true;
    uint64_t idle_since = now_ms();
    for (;;) {
        bool quiet = atomic_load(&busy_ctxs) == 0 && now_ms() - idle_since > 1000;
        atomic_store(&engine_sleeping, quiet);
        if (quiet && atomic_load(&busy_ctxs) != 0) /* raced with new work */
            atomic_store(&engine_sleeping, quiet = false);
        struct epoll_event ev[32];
        int n = epoll_wait(engine_epfd, ev, 32, quiet ? -1 : WS_IO_ADOPT_MS);
        atomic_store(&engine_sleeping, false);
        for (int i = 0; i < n; i++) {
            uintptr_t p = (uintptr_t)ev[i].data.ptr;
            if (p == 0) {
                ws_efd_clear(engine_wake);
                continue;
            }
            if (ws_unlikely(p & 1)) { /* a watch (ws_io_engine_watch), tagged: contexts are aligned */
                struct ws_io_watch *w = (struct ws_io_watch *)(p & ~(uintptr_t)1);
                w->fn(w);
                continue;
            }
            ws_io_reap(ev[i].data.ptr);
        }
        uint64_t now = now_ms();
        pthread_mutex_lock(&engine_lock);
        for (struct ws_ioctx *c = registry; c; c = c->gnext) {
            unsigned inflight = atomic_load(&c->inflight);
            if (atomic_load_explicit(&c->deferred, memory_order_relaxed) &&
                now - atomic_load_explicit(&c->last_reap_ms, memory_order_relaxed) >= WS_IO_ADOPT_MS) {
                /* A worker deferred submissions and has not come back to wait:
                 * submit them for it. */
                pthread_mutex_lock(&c->lock);
                c->be->flush(c);
                pthread_mutex_unlock(&c->lock);
            }
            bool attended = atomic_load_explicit(&c->in_wait, memory_order_relaxed) > 0 ||
                            now - atomic_load_explicit(&c->last_reap_ms, memory_order_relaxed) < WS_IO_ADOPT_MS;
            if (inflight && !c->adopted && !attended) {
                struct epoll_event e = {.events = EPOLLIN, .data.ptr = c};
                if (epoll_ctl(engine_epfd, EPOLL_CTL_ADD, c->fd, &e) == 0) {
                    c->adopted = true;
                    atomic_store_explicit(&c->adopted_hint, true, memory_order_relaxed);
                }
            } else if ((!inflight || attended) && c->adopted && !c->pinned) {
                epoll_ctl(engine_epfd, EPOLL_CTL_DEL, c->fd, NULL);
                c->adopted = false;
                atomic_store_explicit(&c->adopted_hint, false, memory_order_relaxed);
            }
        }
        pthread_mutex_unlock(&engine_lock);
        ws_send_expire(); /* closed sockets' overdue rests (src/core/sendq.c) */
        if (atomic_load(&busy_ctxs))
            idle_since = now;
    }
    return NULL;
}

static void engine_start(void)
{
    pthread_mutex_lock(&engine_lock);
    if (!engine_started) {
        engine_epfd = epoll_create1(EPOLL_CLOEXEC);
        engine_wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        struct epoll_event e = {.events = EPOLLIN, .data.ptr = NULL};
        pthread_t t;
        pthread_attr_t a;
        pthread_attr_init(&a);
        pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
        pthread_attr_setstacksize(&a, 128 * 1024);
        if (engine_epfd >= 0 && engine_wake >= 0 && epoll_ctl(engine_epfd, EPOLL_CTL_ADD, engine_wake, &e) == 0 &&
            pthread_create(&t, &a, engine_main, NULL) == 0) {
            pthread_setname_np(t, "ws2p-io");
            __atomic_store_n(&engine_started, true, __ATOMIC_RELEASE);
        }
        pthread_attr_destroy(&a);
    }
    pthread_mutex_unlock(&engine_lock);
}

bool ws_io_engine_watch(struct ws_io_watch *w)
{
    engine_start();
    struct epoll_event e = {.events = EPOLLIN, .data.ptr = (void *)((uintptr_t)w | 1)};
    pthread_mutex_lock(&engine_lock);
    bool ok = __atomic_load_n(&engine_started, __ATOMIC_ACQUIRE) && epoll_ctl(engine_epfd, EPOLL_CTL_ADD, w->fd, &e) == 0;
    pthread_mutex_unlock(&engine_lock);
    return ok;
}

/* A context gained or lost its first/last request in flight. */
static void ctx_inflight(struct ws_ioctx *c, int delta)
{
    unsigned before = atomic_fetch_add(&c->inflight, (unsigned)delta);
    if (delta > 0 && before == 0) {
        atomic_fetch_add(&busy_ctxs, 1);
        if (atomic_load(&engine_sleeping)) {
            ws_efd_post(engine_wake);
        }
    } else if (delta < 0 && before == 1)
        atomic_fetch_sub(&busy_ctxs, 1);
}

/* ---- which contexts a wait must poll ----------------------------------------- */

/* c's request will wait on o; reset: o is reset first (the operation
 * starts), in the same locked section. */
static void obj_ctx_add(ws_obj *o, struct ws_ioctx *c, bool reset)
{
    pthread_mutex_lock(&o->lock);
    if (reset)
        ws_obj_reset_locked(o);
    int i, freei = -1;
    for (i = 0; i < WS_OBJ_IOCTX; i++) {
        if (o->ioctx[i] == c)
            break;
        if (!o->ioctx[i] && freei < 0)
            freei = i;
    }
    if (i < WS_OBJ_IOCTX)
        o->ioctx_n[i]++;
    else if (freei >= 0) {
        o->ioctx[freei] = c;
        o->ioctx_n[freei] = 1;
        ws_io_ctx_ref(c);
    } /* else: more contexts than slots; the engine's adoption covers it */
    ws_obj_wake_locked(o); /* blocked waiters start watching it */
    pthread_mutex_unlock(&o->lock);
}

/* (o->lock held) One request of c's less waits on o: the context to
 * unreference once the lock is dropped, or NULL. */
static struct ws_ioctx *obj_ctx_del_locked(ws_obj *o, struct ws_ioctx *c)
{
    for (int i = 0; i < WS_OBJ_IOCTX; i++)
        if (o->ioctx[i] == c) {
            if (--o->ioctx_n[i] == 0) {
                o->ioctx[i] = NULL;
                return c;
            }
            break;
        }
    return NULL;
}

static void obj_ctx_del(ws_obj *o, struct ws_ioctx *c)
{
    pthread_mutex_lock(&o->lock);
    struct ws_ioctx *drop = obj_ctx_del_locked(o, c);
    pthread_mutex_unlock(&o->lock);
    if (drop)
        ws_io_ctx_unref(drop);
}

/* Signal o for a completion.  held: the object the request's context was
 * waited on through (obj_ctx_add), or NULL; when it is o, the context
 * leaves it in the same locked section (one lock, not two, per completion). */
static void signal_done(ws_obj *o, ws_obj *held, struct ws_ioctx *c)
{
    if (o != held) {
        if (held)
            obj_ctx_del(held, c);
        ws_obj_signal(o);
        return;
    }
    pthread_mutex_lock(&o->lock);
    struct ws_ioctx *drop = obj_ctx_del_locked(o, c);
    ws_obj_signal_locked(o);
    pthread_mutex_unlock(&o->lock);
    if (drop)
        ws_io_ctx_unref(drop);
}

size_t ws_io_wait_ctxs(ws_obj *o, struct ws_ioctx **out, size_t room)
{
    size_t n = 0;
    for (int i = 0; i < WS_OBJ_IOCTX && n < room; i++)
        if (o->ioctx[i]) {
            ws_io_ctx_ref(o->ioctx[i]);
            out[n++] = o->ioctx[i];
        }
    return n;
}

/* ---- per-socket state ---------------------------------------------------------- */

struct ws_sockio *ws_sockio(ws_sock *sk)
{
    struct ws_sockio *io = __atomic_load_n(&sk->io, __ATOMIC_ACQUIRE);
    if (ws_likely(io != NULL))
        return io;
    io = WS_ALLOC(calloc(1, sizeof *io));
    if (!io)
        return NULL;
    io->wake_fd = io->syn_timer = -1;
    pthread_mutex_init(&io->lock, NULL);
    struct ws_sockio *none = NULL;
    if (!__atomic_compare_exchange_n(&sk->io, &none, io, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        pthread_mutex_destroy(&io->lock);
        free(io);
        io = none;
    }
    return io;
}

int ws_sock_wake_fd(ws_sock *sk)
{
    struct ws_sockio *io = ws_sockio(sk);
    if (!io)
        return -1;
    pthread_mutex_lock(&io->lock);
    if (io->wake_fd < 0)
        io->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    int fd = io->wake_fd;
    pthread_mutex_unlock(&io->lock);
    /* Pairs with ws_sock_wake's: either closesocket sees the descriptor, or
     * the caller's next look sees the socket closing. */
    atomic_thread_fence(memory_order_seq_cst);
    return fd;
}

void ws_sock_wake(ws_sock *sk)
{
    atomic_thread_fence(memory_order_seq_cst);
    struct ws_sockio *io = __atomic_load_n(&sk->io, __ATOMIC_ACQUIRE);
    if (!io)
        return;
    pthread_mutex_lock(&io->lock);
    int fd = io->wake_fd;
    pthread_mutex_unlock(&io->lock);
    if (fd >= 0)
        ws_efd_post(fd);
    ws_syn_wake(io);
}

/* The object WaitForSingleObject((HANDLE)socket) waits for: reset when an
 * operation without an event starts, signalled when it completes (sock.c
 * test_nonblocking_async_recv). */
ws_obj *ws_io_fileobj(ws_sock *sk)
{
    struct ws_sockio *io = ws_sockio(sk);
    if (!io)
        return NULL;
    ws_obj *o = __atomic_load_n(&io->fileobj, __ATOMIC_ACQUIRE);
    if (!o) {
        ws_obj *n = ws_obj_new(WS_OBJ_FILE, true, false);
        if (!n)
            return NULL;
        ws_obj *none = NULL;
        if (__atomic_compare_exchange_n(&io->fileobj, &none, n, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            o = n;
        else {
            ws_obj_unref(n);
            o = none;
        }
    }
    return o;
}

void ws_io_sock_free(ws_sock *sk)
{
    struct ws_sockio *io = sk->io;
    if (!io)
        return;
    __atomic_store_n(&sk->io, NULL, __ATOMIC_RELEASE);
    /* Not chosen yet: no context, so nothing was ever armed. */
    const struct ws_backend *be = atomic_load_explicit(&chosen, memory_order_acquire);
    if (be && be->sock_gone)
        be->sock_gone(io);
    if (io->fileobj)
        ws_obj_unref(io->fileobj);
    if (io->port)
        ws_port_unref(io->port);
    if (io->ctx)
        ws_io_ctx_unref(io->ctx);
    if (io->wake_fd >= 0)
        close(io->wake_fd);
    if (io->syn_timer >= 0)
        close(io->syn_timer);
    free(io->ext);
    pthread_mutex_destroy(&io->lock);
    free(io);
}

/* ---- requests ---------------------------------------------------------------- */

static void deliver(ws_ioreq *r, ws_obj *held, struct ws_ioctx *hc);

/* A thread keeps the last request it freed for its next one: malloc and
 * free cost ~130 instructions per operation, this ~15.  Not on threads
 * without state (nothing would free it when they end: src/core/thread.c
 * finish frees it, after the thread's state is unset) nor while
 * WS2POSIX_FAULTS is set (its allocation site counts every request). */
static ws_ioreq *ioreq_alloc(void)
{
    struct ws_thread *t = ws_cur_thread;
    if (t && t->spare_ioreq && !ws_fault_on) {
        ws_ioreq *r = t->spare_ioreq;
        t->spare_ioreq = NULL;
        return r;
    }
    return WS_ALLOC(malloc(sizeof(ws_ioreq)));
}

static void ioreq_dealloc(ws_ioreq *r)
{
    struct ws_thread *t = ws_cur_thread;
    if (t && !t->spare_ioreq && !ws_fault_on)
        t->spare_ioreq = r;
    else
        free(r);
}

ws_ioreq *ws_ioreq_new(ws_sock *sk, enum ws_io_op op)
{
    /* malloc + clearing, not calloc: glibc's calloc never takes a block
     * from the thread's cache (tcache), so every request went through the
     * arena (about 250 instructions more per operation).  api_data is set
     * on its own (GCC turns a malloc followed by a memset of the whole
     * block back into calloc), and the address room after it is left as
     * it is: written before it is read. */
    ws_ioreq *r = ioreq_alloc();
    if (!r)
        return NULL;
    memset(r, 0, offsetof(ws_ioreq, api_data));
    r->api_data = NULL;
    r->op = (uint8_t)op;
    r->dir = op == WS_IO_SEND ? WS_IO_DIR_SEND : WS_IO_DIR_RECV;
    r->sk = sk;
    atomic_fetch_add_explicit(&sk->refs, 1, memory_order_relaxed);
    r->iov = r->iov_inline;
    return r;
}

ws_ioreq *ws_ioreq_custom(ws_sock *sk, enum ws_io_dir dir, short events, long (*perform)(ws_ioreq *r))
{
    ws_ioreq *r = ws_ioreq_new(sk, WS_IO_CUSTOM);
    if (r) {
        r->dir = (uint8_t)dir;
        r->events = events;
        r->perform = perform;
    }
    return r;
}

static void ioreq_release(ws_ioreq *r)
{
    if (r->free_cb)
        r->free_cb(r);
    if (r->iov != r->iov_inline)
        free(r->iov);
    free(r->owned_buf);
    if (r->event)
        ws_obj_unref(r->event);
    if (r->thread)
        ws_obj_unref(r->thread);
    if (r->port)
        ws_port_unref(r->port);
    if (r->ctx)
        ws_io_ctx_unref(r->ctx);
    if (r->origin)
        ws_sock_put(r->origin);
    ws_sock_put(r->sk);
    ioreq_dealloc(r);
}

/* Done with r: freed now, or by the last canceller still looking at it
 * (unpin).  No canceller can pin r any more: it has left its socket's
 * FIFO (or never joined it). */
static void ioreq_free(ws_ioreq *r)
{
    if (ws_unlikely(atomic_load_explicit(&r->pins, memory_order_acquire) != 0) &&
        (atomic_fetch_or_explicit(&r->pins, WS_IOREQ_FREED, memory_order_acq_rel) & ~WS_IOREQ_FREED) != 0)
        return;
    ioreq_release(r);
}

static void unpin(ws_ioreq *r)
{
    if (atomic_fetch_sub_explicit(&r->pins, 1, memory_order_acq_rel) == (WS_IOREQ_FREED | 1))
        ioreq_release(r);
}

/* The event reset that ws_ioreq_targets left for the start, for a request
 * that is not started through ws_io_submit. */
static void reset_event_now(ws_ioreq *r)
{
    if (r->reset_event) {
        r->reset_event = false;
        ws_obj_reset(r->event);
    }
}

void ws_ioreq_discard(ws_ioreq *r)
{
    reset_event_now(r); /* a call refused after its targets were set resets the event all the same */
    ioreq_free(r);
}

int ws_ioreq_targets(ws_ioreq *r, WS_OVERLAPPED *ov, WS_COMPLETION_ROUTINE routine)
{
    struct ws_sockio *io = ws_sockio(r->sk);
    HANDLE ev = (HANDLE)((ULONG_PTR)ov->hEvent & ~(ULONG_PTR)1);
    if (!io || (!routine && !ev && !ws_io_fileobj(r->sk)))
        return WSAENOBUFS;
    /* io->port is set once, with its key before it (src/kernel32/iocp.c
     * associate), and kept until the socket is freed: no lock to read it. */
    struct ws_port *port = __atomic_load_n(&io->port, __ATOMIC_ACQUIRE);
    if (port) {
        ws_port_ref(port);
        r->key = io->key;
    }
    if (port && routine) {
        /* Completion routines and ports do not mix (sock.c test_WSARecv). */
        ws_port_unref(port);
        return WSAEINVAL;
    }
    r->port = port;
    r->ov = ov;
    /* The low bit of hEvent keeps the completion off the port (GetQueuedCompletionStatus docs). */
    r->no_packet = ((ULONG_PTR)ov->hEvent & 1) != 0;
    if (routine) {
        /* hEvent is the program's own with a completion routine (WSARecv
         * docs): not signalled. */
        struct ws_thread *t = ws_thread_self();
        if (!t)
            return WSAENOBUFS;
        r->routine = routine;
        r->thread = t->obj;
        ws_obj_ref(t->obj);
    } else if (ev) {
        r->event = ws_handle_get(ev, WS_OBJ_EVENT);
        r->reset_event = r->event != NULL; /* (reset_event_now) */
    }
    r->issuer_tid = ws_tid();
    return 0;
}

void ws_io_complete_now(ws_ioreq *r, uint32_t status, DWORD bytes)
{
    reset_event_now(r);
    r->status = status;
    r->bytes = bytes;
    r->at_once = !r->pend;
    deliver(r, NULL, NULL);
}

void ws_io_handoff(ws_ioreq *from, ws_ioreq *to)
{
    reset_event_now(from);
    to->ov = from->ov;
    to->event = from->event;
    to->thread = from->thread;
    to->routine = from->routine;
    to->port = from->port;
    to->key = from->key;
    to->no_packet = from->no_packet;
    to->no_offset = from->no_offset;
    to->issuer_tid = from->issuer_tid;
    to->pend = from->pend || !from->at_once;
    ws_sock *origin = from->origin ? from->origin : from->sk;
    atomic_fetch_add_explicit(&origin->refs, 1, memory_order_relaxed);
    to->origin = origin;
    from->ov = NULL;
    from->event = from->thread = NULL;
    from->routine = NULL;
    from->port = NULL;
}

bool ws_ioreq_set_buffers(ws_ioreq *r, const struct iovec *iov, size_t count)
{
    if (count > sizeof r->iov_inline / sizeof r->iov_inline[0] && !(r->iov = malloc(count * sizeof *iov))) {
        r->iov = r->iov_inline;
        return false;
    }
    memcpy(r->iov, iov, count * sizeof *iov);
    r->msg.msg_iov = r->iov;
    r->msg.msg_iovlen = count;
    return true;
}

bool ws_io_recv_pending(ws_sock *sk)
{
    struct ws_sockio *io = sk->io;
    if (!io)
        return false;
    pthread_mutex_lock(&io->lock);
    bool any = io->head[WS_IO_DIR_RECV] != NULL;
    pthread_mutex_unlock(&io->lock);
    return any;
}

void ws_io_poll_sock(ws_sock *sk)
{
    struct ws_sockio *io = ws_sock_io(sk);
    struct ws_ioctx *c = NULL;
    if (!io)
        return;
    pthread_mutex_lock(&io->lock);
    if ((c = io->ctx) != NULL)
        ws_io_ctx_ref(c);
    pthread_mutex_unlock(&io->lock);
    if (c) {
        ws_io_reap(c);
        ws_io_ctx_unref(c);
    }
}

/* The object a wait for r's completion waits on, if any. */
static ws_obj *wait_target(ws_ioreq *r)
{
    if (r->routine || r->internal)
        return NULL;
    if (r->event)
        return r->event;
    /* A port's requests are reaped by GetQueuedCompletionStatus; waiting
     * on the socket itself then relies on the engine's adoption. */
    return r->port ? NULL : (r->origin ? r->origin : r->sk)->io->fileobj;
}

/* Which context r waits in: the socket's, chosen by its first request
 * (the port's, the engine's for internal requests, or the calling
 * thread's) and kept: one context per socket keeps each backend simple,
 * and whichever thread waits for a request reaps its context. */
static struct ws_ioctx *choose_ctx(ws_ioreq *r, struct ws_sockio *io)
{
    /* The engine's own requests go to its context, always reaped at once:
     * a program waiting for the rest of a send to go would otherwise wait
     * for an adoption. */
    if (r->internal)
        return ws_io_engine_ctx();
    if (io->ctx)
        return io->ctx;
    struct ws_ioctx *c = r->port ? ws_port_ctx(r->port) : ws_io_thread_ctx();
    if (c) {
        ws_io_ctx_ref(c);
        io->ctx = c;
    }
    return c;
}

/* Start r at its context's backend (no locks held).  Returns true if it
 * finished there and then (res set). */
/* The program's overlapped send or receive at its fault site
 * (WS2POSIX_FAULTS): a failure it is to meet completes the operation with
 * the error, as a reset arriving while it is pending would. */
static __attribute__((noinline, cold)) bool start_fault(ws_ioreq *r, long *res)
{
    if (r->internal || (r->op != WS_IO_SEND && r->op != WS_IO_RECV) ||
        !ws_fault_hit(r->op == WS_IO_SEND ? WS_FAULT_send : WS_FAULT_recv, r->sk->fd))
        return false;
    *res = -errno;
    r->pend = true;
    return true;
}

static void ctx_unlink(struct ws_ioctx *c, ws_ioreq *r);

/* Returns true when r finished there and then (res set); r has then left
 * its context already (in the same locked section: ws_io_finished is told
 * so and does not lock the context again). */
static bool start(ws_ioreq *r, long *res)
{
    struct ws_ioctx *c = r->ctx;
    uint32_t f = ws_flags(r->sk);
    bool reset = ws_unlikely(f & (WSF_RESET | WSF_ABORTED)) && r->sk->type == SOCK_STREAM && !r->internal;
    if (reset || (ws_unlikely(ws_fault_on) && start_fault(r, res))) {
        /* Windows keeps reporting a reset to every later operation (sock.c
         * test_WSARecv: both pending receives fail); Linux says it once.
         * Never in the context's list: it finishes here. */
        if (reset)
            *res = (f & WSF_ABORTED) ? -ECONNABORTED : -ECONNRESET;
        return true;
    }
    pthread_mutex_lock(&c->lock);
    r->cnext = c->list;
    r->cprev = NULL;
    if (c->list)
        c->list->cprev = r;
    c->list = r;
    ctx_inflight(c, 1);
    bool now = c->be->start(c, r, res);
    if (now) {
        ctx_unlink(c, r);
        ctx_inflight(c, -1);
    }
    pthread_mutex_unlock(&c->lock);
    return now;
}

/* Off the context's list (lock held). */
static void ctx_unlink(struct ws_ioctx *c, ws_ioreq *r)
{
    if (r->cprev)
        r->cprev->cnext = r->cnext;
    else if (c->list == r)
        c->list = r->cnext;
    if (r->cnext)
        r->cnext->cprev = r->cprev;
    r->cnext = r->cprev = NULL;
}

static void finished(ws_ioreq *r, long res, bool unlinked);

bool ws_io_submit(ws_ioreq *r)
{
    struct ws_sockio *io = r->sk->io;
    if (r->dir == WS_IO_DIR_SEND && r->sk->type == SOCK_STREAM)
        ws_mark_sent(r->sk); /* overlapped sends, TransmitFile, ConnectEx's data, a send's rest */
    if (ws_unlikely(!__atomic_load_n(&engine_started, __ATOMIC_ACQUIRE)))
        engine_start(); /* before any lock: the engine takes contexts' locks */
    if (r->reset_event && wait_target(r) != r->event)
        reset_event_now(r);
    pthread_mutex_lock(&io->lock);
    struct ws_ioctx *c = choose_ctx(r, io);
    if (!c) {
        pthread_mutex_unlock(&io->lock);
        reset_event_now(r);
        r->status = WS_STATUS_INSUFFICIENT_RESOURCES;
        return false;
    }
    atomic_fetch_add_explicit(&c->refs, 2, memory_order_relaxed); /* r's, and this function's across the start */
    r->ctx = c;
    io->npending++;
    r->next = NULL;
    bool head = io->head[r->dir] == NULL;
    if (head)
        io->head[r->dir] = r;
    else
        io->tail[r->dir]->next = r;
    io->tail[r->dir] = r;
    atomic_store_explicit(&r->state, head ? WS_IOREQ_ACTIVE : WS_IOREQ_QUEUED, memory_order_release);
    /* A new operation on the file, or one with an event: not signalled
     * until it completes.  Under the socket's lock, so before anything can
     * start r and complete it (ws_io_finished takes the lock first). */
    ws_obj *target = wait_target(r);
    if (target) {
        obj_ctx_add(target, c, target == io->fileobj || r->reset_event);
        r->reset_event = false;
    }
    pthread_mutex_unlock(&io->lock);
    /* Not a worker's submission: its workers may all be asleep.  Decided
     * before the start: once started, r may complete and go on another
     * thread (the port stays: the socket's association holds it). */
    struct ws_port *kick = r->port && c == ws_port_ctx(r->port) && ws_io_serving != c->id ? r->port : NULL;
    long res;
    bool now = head && start(r, &res);
    if (kick && head && !now)
        ws_port_kick(kick);
    if (now) {
        bool pend = r->pend;
        r->at_once = !pend;
        finished(r, res, true); /* r is gone after this */
        now = !pend;
    }
    if (c->stashed)
        ws_io_reap(c); /* completions of others the start came across */
    ws_io_ctx_unref(c);
    return now;
}

/* ---- completion ---------------------------------------------------------------- */


static void routine_run(struct ws_apc *a)
{
    ws_ioreq *r = (ws_ioreq *)((char *)a - offsetof(ws_ioreq, apc));
    WS_COMPLETION_ROUTINE fn = r->routine;
    DWORD err = r->status == WS_STATUS_SUCCESS ? 0 : ws_ntstatus_to_wsa(r->status);
    DWORD bytes = r->bytes, flags = r->out_flags;
    WS_OVERLAPPED *ov = r->ov;
    ioreq_free(r);
    fn(err, bytes, ov, flags);
}

static void routine_discard(struct ws_apc *a)
{
    ioreq_free((ws_ioreq *)((char *)a - offsetof(ws_ioreq, apc)));
}

/* Tell the program: the OVERLAPPED (Internal last, so HasOverlappedIoCompleted
 * sees a finished one), then the routine, event or file object, then the
 * port's packet.  Frees r (or hands it to the routine's APC). */
static void deliver(ws_ioreq *r, ws_obj *held, struct ws_ioctx *hc)
{
    WS_OVERLAPPED *ov = r->ov;
    if (r->at_once && r->now)
        *r->now = (struct ws_io_now){r->status, r->bytes, r->out_flags};
    if (held && (r->done_cb || r->chain_cb || r->routine ||
                 (r->at_once && r->status != WS_STATUS_SUCCESS && r->status != WS_STATUS_BUFFER_OVERFLOW))) {
        obj_ctx_del(held, hc); /* nothing signalled below to do it with */
        held = NULL;
    }
    if (r->done_cb) {
        r->done_cb(r);
        ioreq_free(r);
        return;
    }
    if (r->chain_cb && r->chain_cb(r)) {
        ioreq_free(r); /* another request took over its completion */
        return;
    }
    if (ov) {
        __atomic_store_n(&ov->InternalHigh, (ULONG_PTR)r->bytes, __ATOMIC_RELAXED);
        if (!r->no_offset && r->op != WS_IO_DONE)
            ov->Offset = r->out_flags; /* where WSAGetOverlappedResult finds lpdwFlags */
        __atomic_store_n(&ov->Internal, (ULONG_PTR)r->status, __ATOMIC_RELEASE);
    }
    bool immediate_fail = r->at_once && r->status != WS_STATUS_SUCCESS && r->status != WS_STATUS_BUFFER_OVERFLOW;
    if (immediate_fail) {
        /* A call that fails at once reports it to the caller only: no
         * event, routine or packet. */
        ioreq_free(r);
        return;
    }
    /* The port the socket is associated with now: an association made
     * after the call still gets its packet (sock.c test_completion_port). */
    /* No lock and no reference: the port is set once and kept while the
     * socket lives (r holds the socket); the modes only ever gain bits. */
    struct ws_sockio *io = (r->origin ? r->origin : r->sk)->io;
    struct ws_port *port = __atomic_load_n(&io->port, __ATOMIC_ACQUIRE);
    DWORD modes = __atomic_load_n(&io->notify_modes, __ATOMIC_RELAXED);
    if (port && !r->no_packet && !(r->at_once && (modes & WS_FILE_SKIP_COMPLETION_PORT_ON_SUCCESS)))
        ws_port_post(port, io->key, r->bytes, ov, r->status);
    if (r->routine) {
        r->apc = (struct ws_apc){NULL, routine_run, routine_discard};
        if (!ws_apc_queue(r->thread, &r->apc))
            ioreq_free(r);
        return;
    }
    if (r->event)
        signal_done(r->event, held, hc);
    else if (io->fileobj && !(modes & WS_FILE_SKIP_SET_EVENT_ON_HANDLE))
        signal_done(io->fileobj, held, hc);
    else if (held)
        obj_ctx_del(held, hc);
    ioreq_free(r);
}

/* Fill r's result from the system call's res. */
static void result(ws_ioreq *r, long res)
{
    if (r->op == WS_IO_CUSTOM) {
        r->bytes = res >= 0 ? (DWORD)res : 0;
        r->status = res >= 0 ? WS_STATUS_SUCCESS : res == -ECANCELED ? WS_STATUS_CANCELLED
                                                                      : ws_errno_to_ntstatus((int)-res);
        if (r->finish_cb)
            r->finish_cb(r);
        return;
    }
    if (ws_unlikely(res == 0) && r->op == WS_IO_RECV && r->sk->type == SOCK_STREAM && r->total && !r->cancelled) {
        /* The end of the stream, or a reset of what we sent after the peer
         * had finished and closed: WSAECONNABORTED, as a plain recv says
         * (src/ws2_32/recv.c recv_zero). */
        int e = 0;
        socklen_t len = sizeof e;
        if (getsockopt(r->sk->fd, SOL_SOCKET, SO_ERROR, &e, &len) == 0 && e == EPIPE) {
            ws_set_flags(r->sk, WSF_ABORTED);
            res = -ECONNABORTED;
        }
    }
    if (res >= 0) {
        r->bytes = (DWORD)res;
        r->status = WS_STATUS_SUCCESS;
        if (ws_unlikely(ws_fault_on) && !r->internal)
            ws_fault_bytes(r->op == WS_IO_SEND ? WS_FAULT_send : r->op == WS_IO_RECV ? WS_FAULT_recv : WS_FAULT_NSITES, res);
        if (r->op == WS_IO_RECV && r->sk->type != SOCK_STREAM) {
            if (r->msg.msg_flags & MSG_TRUNC) {
                r->status = WS_STATUS_BUFFER_OVERFLOW; /* datagram cut to fit: WSAEMSGSIZE */
                r->out_flags |= WS_MSG_PARTIAL;
                if (r->bytes > r->total)
                    r->bytes = (DWORD)r->total;
            }
            if (r->from && r->fromlen)
                ws_addr_out((struct sockaddr *)&r->addr, r->msg.msg_namelen, r->from, r->fromlen);
        }
        if (r->op == WS_IO_RECV && (r->lxflags & MSG_OOB))
            r->out_flags |= WS_MSG_OOB;
    } else if (res == -ECANCELED || (r->cancelled && (res == -EPIPE || res == -ENOTCONN || res == -EBADF)))
        r->status = WS_STATUS_CANCELLED;
    else {
        r->status = ws_errno_to_ntstatus((int)-res);
        if (-res == ECONNRESET && r->sk->type == SOCK_STREAM)
            ws_set_flags(r->sk, WSF_RESET); /* later calls keep reporting it, as Windows does */
    }
    if (r->finish_cb)
        r->finish_cb(r);
}

void ws_io_finished(ws_ioreq *r, long res)
{
    finished(r, res, false);
}

/* unlinked: r has left its context already (start). */
static void finished(ws_ioreq *r, long res, bool unlinked)
{
    for (;;) {
        struct ws_sockio *io = r->sk->io;
        struct ws_ioctx *c = r->ctx;
        if (!unlinked) {
            pthread_mutex_lock(&c->lock);
            ctx_unlink(c, r);
            ctx_inflight(c, -1);
            pthread_mutex_unlock(&c->lock);
        }
        result(r, res);
        if (r->cancelled && r->status == WS_STATUS_SUCCESS && r->bytes == 0 && r->op == WS_IO_RECV)
            r->status = WS_STATUS_CANCELLED; /* the shutdown that woke it, not an end of stream */
        pthread_mutex_lock(&io->lock);
        ws_ioreq *next = r->next;
        io->head[r->dir] = next;
        if (!next)
            io->tail[r->dir] = NULL;
        else
            atomic_store_explicit(&next->state, WS_IOREQ_ACTIVE, memory_order_release);
        io->npending--;
        atomic_store_explicit(&r->state, WS_IOREQ_DONE, memory_order_release);
        pthread_mutex_unlock(&io->lock);
        deliver(r, wait_target(r), c); /* (which also takes c off what r was waited on through) */
        if (!next)
            return;
        long nres;
        if (!start(next, &nres))
            return;
        r = next;
        res = nres;
        unlinked = true;
    }
}

/* ---- cancellation ---------------------------------------------------------------- */

static bool matches(ws_ioreq *r, DWORD issuer_tid, const WS_OVERLAPPED *ov)
{
    if (r->internal)
        return issuer_tid == (DWORD)-1; /* ws_io_cancel_internal only */
    if (issuer_tid == (DWORD)-1)
        return false;
    if (ov)
        return r->ov == ov;
    return !issuer_tid || r->issuer_tid == issuer_tid;
}

unsigned ws_io_cancel(ws_sock *sk, DWORD issuer_tid, const WS_OVERLAPPED *ov)
{
    struct ws_sockio *io = ws_sock_io(sk);
    if (!io)
        return 0;
    ws_ioreq *queued = NULL, *active[2] = {NULL, NULL};
    unsigned found = 0;
    pthread_mutex_lock(&io->lock);
    for (int d = 0; d < 2; d++) {
        /* Requests behind the head never reached the backend: they leave
         * the FIFO and finish here.  The head is asked back from the
         * backend. */
        ws_ioreq *prev = NULL;
        for (ws_ioreq *r = io->head[d], *next; r; r = next) {
            next = r->next;
            if (r->cancelled || !matches(r, issuer_tid, ov)) {
                prev = r;
                continue;
            }
            r->cancelled = true;
            found++;
            if (r == io->head[d]) {
                /* Asked back below, without this lock: a reap may finish
                 * it meanwhile, and the pin keeps it until then. */
                atomic_fetch_add_explicit(&r->pins, 1, memory_order_relaxed);
                active[d] = r;
                prev = r;
                continue;
            }
            prev->next = next;
            if (io->tail[d] == r)
                io->tail[d] = prev;
            io->npending--;
            atomic_store_explicit(&r->state, WS_IOREQ_DONE, memory_order_release);
            r->next = queued;
            queued = r;
        }
    }
    for (ws_ioreq **pp = &io->parked, *r; (r = *pp) != NULL;) {
        if (!matches(r, issuer_tid, ov)) {
            pp = &r->next;
            continue;
        }
        *pp = r->next;
        r->cancelled = true;
        found++;
        io->npending--;
        atomic_store_explicit(&r->state, WS_IOREQ_DONE, memory_order_release);
        r->next = queued;
        queued = r;
    }
    pthread_mutex_unlock(&io->lock);
    while (queued) {
        ws_ioreq *r = queued;
        queued = r->next;
        r->status = WS_STATUS_CANCELLED;
        r->bytes = 0;
        if (r->finish_cb)
            r->finish_cb(r);
        deliver(r, r->ctx ? wait_target(r) : NULL, r->ctx); /* parked ones never waited in a context */
    }
    for (int d = 0; d < 2; d++)
        if (active[d]) {
            struct ws_ioctx *c = active[d]->ctx;
            long res;
            pthread_mutex_lock(&c->lock);
            bool now = atomic_load_explicit(&active[d]->state, memory_order_acquire) == WS_IOREQ_ACTIVE &&
                       c->be->cancel(c, active[d], &res);
            ws_io_ctx_ref(c);
            pthread_mutex_unlock(&c->lock);
            if (now)
                ws_io_finished(active[d], res);
            else
                /* The backend gives it back through its completions, at
                 * once for io_uring's cancellation of a waiting request:
                 * deliver them now, as Windows completes a cancelled
                 * operation within CancelIo / closesocket, rather than at
                 * the next reap (a program may reuse the OVERLAPPED). */
                ws_io_reap(c);
            ws_io_ctx_unref(c);
            unpin(active[d]);
        }
    return found;
}

/* The thread that owns c ends: its requests are cancelled, as Windows
 * cancels the pending I/O of a thread that exits (and io_uring cancels what
 * the exiting task submitted anyway), and the engine adopts the context to
 * reap the cancellations. */
void ws_io_thread_exit(struct ws_ioctx *c)
{
    ws_sock *socks[64];
    size_t n = 0;
    pthread_mutex_lock(&c->lock);
    for (ws_ioreq *r = c->list; r && n < 64; r = r->cnext)
        if (!r->port && !r->internal) {
            size_t k = 0;
            while (k < n && socks[k] != r->sk)
                k++;
            if (k == n) {
                atomic_fetch_add_explicit(&r->sk->refs, 1, memory_order_relaxed);
                socks[n++] = r->sk;
            }
        }
    pthread_mutex_unlock(&c->lock);
    for (size_t k = 0; k < n; k++) {
        ws_io_cancel(socks[k], 0, NULL);
        ws_sock_put(socks[k]);
    }
    atomic_store_explicit(&c->last_reap_ms, 0, memory_order_relaxed); /* adopt at the next look */
    ws_io_ctx_unref(c);
}

void ws_io_cancel_internal(ws_sock *sk)
{
    ws_io_cancel(sk, (DWORD)-1, NULL);
}

void ws_io_sock_close(ws_sock *sk)
{
    struct ws_sockio *io = ws_sock_io(sk);
    if (!io)
        return;
    ws_io_cancel(sk, 0, NULL);
    /* A request on another socket that was to use this one (AcceptEx into
     * it) is aborted with it (sock.c test_AcceptEx). */
    pthread_mutex_lock(&io->lock);
    ws_ioreq *u = io->user;
    ws_sock *owner = NULL;
    WS_OVERLAPPED *ov = NULL;
    if (u) {
        owner = u->sk;
        ov = u->ov;
        atomic_fetch_add_explicit(&owner->refs, 1, memory_order_relaxed);
    }
    pthread_mutex_unlock(&io->lock);
    if (owner) {
        ws_io_cancel(owner, 0, ov);
        ws_sock_put(owner);
    }
}

void ws_io_park(ws_ioreq *r, unsigned kind)
{
    struct ws_sockio *io = r->sk->io;
    reset_event_now(r);
    r->pend = true;
    r->park = (uint8_t)kind;
    pthread_mutex_lock(&io->lock);
    r->next = io->parked;
    io->parked = r;
    io->npending++;
    atomic_store_explicit(&r->state, WS_IOREQ_ACTIVE, memory_order_release);
    pthread_mutex_unlock(&io->lock);
}

void ws_io_unpark(ws_sock *sk, unsigned kind)
{
    struct ws_sockio *io = ws_sock_io(sk);
    ws_ioreq *done = NULL;
    if (!io)
        return;
    pthread_mutex_lock(&io->lock);
    for (ws_ioreq **pp = &io->parked, *r; (r = *pp) != NULL;) {
        if (r->park != kind) {
            pp = &r->next;
            continue;
        }
        *pp = r->next;
        io->npending--;
        atomic_store_explicit(&r->state, WS_IOREQ_DONE, memory_order_release);
        r->next = done;
        done = r;
    }
    pthread_mutex_unlock(&io->lock);
    while (done) {
        ws_ioreq *r = done;
        done = r->next;
        r->status = WS_STATUS_SUCCESS;
        r->bytes = 0;
        deliver(r, NULL, NULL); /* parked: never waited in a context */
    }
}

bool ws_io_claim(ws_sock *target, ws_ioreq *r)
{
    struct ws_sockio *io = ws_sockio(target);
    bool ok = false;
    if (io) {
        pthread_mutex_lock(&io->lock);
        if (!io->user) {
            __atomic_store_n(&io->user, r, __ATOMIC_RELEASE);
            ok = true;
        }
        pthread_mutex_unlock(&io->lock);
    }
    return ok;
}

bool ws_sock_claimed(ws_sock *sk)
{
    struct ws_sockio *io = __atomic_load_n(&sk->io, __ATOMIC_ACQUIRE);
    return io && __atomic_load_n(&io->user, __ATOMIC_ACQUIRE) != NULL;
}

void ws_io_unclaim(ws_sock *target, ws_ioreq *r)
{
    struct ws_sockio *io = target->io;
    if (!io)
        return;
    pthread_mutex_lock(&io->lock);
    if (io->user == r)
        __atomic_store_n(&io->user, NULL, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&io->lock);
}
