/* I/O completion ports: CreateIoCompletionPort, GetQueuedCompletionStatus(Ex),
 * PostQueuedCompletionStatus, SetFileCompletionNotificationModes.  The port
 * and its wait are the core's (src/core/iocp.c); a socket's overlapped
 * requests post their packets to the port it is associated with when they
 * complete (src/core/io.c). */
#include "pool.h"
#include <stdlib.h>
#include <pthread.h>
#include <unistd.h>

#define FILE_SKIP_ALL_ (WS_FILE_SKIP_COMPLETION_PORT_ON_SUCCESS | WS_FILE_SKIP_SET_EVENT_ON_HANDLE)
#define INVALID_HANDLE_VALUE ((HANDLE)(intptr_t)-1)

struct WS_OVERLAPPED_ENTRY {
    ULONG_PTR lpCompletionKey;
    WS_OVERLAPPED *lpOverlapped;
    ULONG_PTR Internal;
    DWORD dwNumberOfBytesTransferred;
};

/* Associate a socket with port p under key: 0 or a Win32 error.  A handle
 * is associated once (ERROR_INVALID_PARAMETER after that). */
static int associate(HANDLE h, struct ws_port *p, ULONG_PTR key)
{
    ws_sock *sk = ws_handle_is_socket(h) ? ws_sock_get((SOCKET)(uintptr_t)h) : NULL;
    if (!sk)
        return ERROR_INVALID_HANDLE;
    struct ws_sockio *io = ws_sockio(sk);
    int err = 0;
    if (!io)
        err = ERROR_NOT_ENOUGH_MEMORY;
    else {
        pthread_mutex_lock(&io->lock);
        if (io->port)
            err = ERROR_INVALID_PARAMETER;
        else {
            ws_port_ref(p);
            io->key = key;
            __atomic_store_n(&io->port, p, __ATOMIC_RELEASE); /* read without the lock (src/core/io.c) */
            /* From now on the socket's requests wait in the port's context,
             * reaped by the threads in GetQueuedCompletionStatus (once those
             * already waiting elsewhere are done). */
            if (!io->npending && io->ctx != p->ctx) {
                if (io->ctx)
                    ws_io_ctx_unref(io->ctx);
                ws_io_ctx_ref(p->ctx);
                io->ctx = p->ctx;
            }
        }
        pthread_mutex_unlock(&io->lock);
    }
    ws_sock_put(sk);
    return err;
}

WS2P_EXPORT HANDLE CreateIoCompletionPort(HANDLE file, HANDLE existing, ULONG_PTR key, DWORD concurrency)
{
    struct ws_call c = WS_CALL32("CreateIoCompletionPort");
    HANDLE ret = NULL;
    struct ws_port *p = NULL;
    bool fresh = false;
    if (existing) {
        ws_obj *o = ws_handle_get(existing, WS_OBJ_PORT);
        if (!o || file == INVALID_HANDLE_VALUE)
            ws_fail(&c, o ? ERROR_INVALID_PARAMETER : ERROR_INVALID_HANDLE);
        p = (struct ws_port *)o;
        if (o && file == INVALID_HANDLE_VALUE) {
            ws_port_unref(p);
            p = NULL;
        }
    } else if (!(p = ws_port_new(concurrency)))
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    else
        fresh = true;
    if (p) {
        int err = file == INVALID_HANDLE_VALUE ? 0 : associate(file, p, key);
        if (err)
            ws_fail(&c, err);
        else if (fresh && !(ret = ws_handle_new(&p->obj)))
            ws_fail(&c, (int)ws_last_error);
        else if (!fresh)
            ret = existing;
        ws_port_unref(p);
    }
    return WS_EXIT32(&c, ret, "file=%p, existing=%p, key=%#lx, concurrency=%u", file, existing,
                     (unsigned long)key, (unsigned)concurrency);
}

/* The port behind h, referenced, or NULL (ERROR_INVALID_HANDLE). */
static struct ws_port *port_of(struct ws_call *c, HANDLE h)
{
    ws_obj *o = ws_handle_get(h, WS_OBJ_PORT);
    if (!o)
        ws_fail(c, ERROR_INVALID_HANDLE);
    return (struct ws_port *)o;
}

/* A packet of a failed operation comes back with FALSE and its OVERLAPPED;
 * a timeout with FALSE, WAIT_TIMEOUT and a NULL OVERLAPPED, the other
 * outputs untouched (sock.c test_completion_port). */
WS2P_EXPORT BOOL GetQueuedCompletionStatus(HANDLE port, DWORD *bytes, ULONG_PTR *key, WS_OVERLAPPED **ov, DWORD ms)
{
    struct ws_call c = WS_CALL32("GetQueuedCompletionStatus");
    BOOL ret = 0;
    struct ws_port *p;
    if (ws_bad_ptr(bytes) || ws_bad_ptr(key) || ws_bad_ptr(ov))
        ws_fail(&c, ERROR_NOACCESS);
    else if ((p = port_of(&c, port)) != NULL) {
        struct ws_packet pk;
        DWORD wr = 0;
        int n = ws_port_get(p, &pk, 1, ms, false, &wr);
        if (n == 1) {
            *bytes = pk.bytes;
            *key = pk.key;
            *ov = pk.ov;
            if (pk.status == WS_STATUS_SUCCESS || pk.status < 0x80000000u)
                ret = 1;
            else
                ws_fail(&c, (int)ws_ntstatus_to_w32(pk.status));
        } else {
            *ov = NULL;
            ws_fail(&c, n == 0 ? WAIT_TIMEOUT : (int)ws_last_error);
        }
        ws_port_unref(p);
    }
    return WS_EXIT32(&c, ret, "port=%p, ms=%u, ov=%p", port, (unsigned)ms, ov && !ws_bad_ptr(ov) ? (void *)*ov : NULL);
}

/* Several packets at once; failed operations are entries like the others
 * (their OVERLAPPED's Internal tells).  A timeout is FALSE with
 * WAIT_TIMEOUT; an alertable wait that ran APCs is FALSE with
 * WAIT_IO_COMPLETION (GetQueuedCompletionStatusEx docs). */
WS2P_EXPORT BOOL GetQueuedCompletionStatusEx(HANDLE port, struct WS_OVERLAPPED_ENTRY *entries, ULONG count,
                                              ULONG *removed, DWORD ms, BOOL alertable)
{
    struct ws_call c = WS_CALL32("GetQueuedCompletionStatusEx");
    BOOL ret = 0;
    struct ws_port *p;
    if (!count)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else if (ws_bad_ptr(entries) || ws_bad_ptr(removed))
        ws_fail(&c, ERROR_NOACCESS);
    else if ((p = port_of(&c, port)) != NULL) {
        struct ws_packet pk[64];
        DWORD wr = 0;
        int n = ws_port_get(p, pk, count < 64 ? (int)count : 64, ms, alertable != 0, &wr);
        *removed = n > 0 ? (ULONG)n : 0;
        for (int i = 0; i < n; i++) {
            entries[i].lpCompletionKey = pk[i].key;
            entries[i].lpOverlapped = pk[i].ov;
            entries[i].Internal = pk[i].status;
            entries[i].dwNumberOfBytesTransferred = pk[i].bytes;
        }
        if (n > 0)
            ret = 1;
        else
            ws_fail(&c, n == 0 ? WAIT_TIMEOUT : wr == WS_WAIT_IO_COMPLETION ? WS_WAIT_IO_COMPLETION
                                                                             : (int)ws_last_error);
        ws_port_unref(p);
    }
    return WS_EXIT32(&c, ret, "port=%p, count=%u, ms=%u, alertable=%d, removed=%u", port, (unsigned)count,
                     (unsigned)ms, alertable, ret ? (unsigned)*removed : 0u);
}

/* The three values go through untouched (PostQueuedCompletionStatus docs). */
WS2P_EXPORT BOOL PostQueuedCompletionStatus(HANDLE port, DWORD bytes, ULONG_PTR key, WS_OVERLAPPED *ov)
{
    struct ws_call c = WS_CALL32("PostQueuedCompletionStatus");
    BOOL ret = 0;
    struct ws_port *p = port_of(&c, port);
    if (p) {
        if (ws_port_post(p, key, bytes, ov, WS_STATUS_SUCCESS))
            ret = 1;
        else
            ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
        ws_port_unref(p);
    }
    return WS_EXIT32(&c, ret, "port=%p, bytes=%u, key=%#lx, ov=%p", port, (unsigned)bytes, (unsigned long)key,
                     (void *)ov);
}

WS2P_EXPORT BOOL SetFileCompletionNotificationModes(HANDLE h, UCHAR flags)
{
    struct ws_call c = WS_CALL32("SetFileCompletionNotificationModes");
    BOOL ret = 0;
    ws_sock *sk = ws_handle_is_socket(h) ? ws_sock_get((SOCKET)(uintptr_t)h) : NULL;
    struct ws_sockio *io = sk ? ws_sockio(sk) : NULL;
    if (!sk)
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else if (flags & ~FILE_SKIP_ALL_)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else if (!io)
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    else {
        pthread_mutex_lock(&io->lock);
        __atomic_fetch_or(&io->notify_modes, flags, __ATOMIC_RELAXED); /* read without the lock */
        pthread_mutex_unlock(&io->lock);
        ret = 1;
    }
    if (sk)
        ws_sock_put(sk);
    return WS_EXIT32(&c, ret, "h=%p, flags=%#x", h, (unsigned)flags);
}

/* ---- the thread pool's port and BindIoCompletionCallback ----------------- */
/* One port for the process, made at the first use, with one worker per CPU
 * (its concurrency).  A key names a struct ws_tp (pool.h): a handle bound
 * with BindIoCompletionCallback has its callback's record, called with the
 * Win32 code of the operation's status, the byte count and the OVERLAPPED;
 * the thread pool's objects go to threadpool.c. */
typedef void (*ws_io_callback)(DWORD err, DWORD bytes, WS_OVERLAPPED *ov);

struct bind_rec {
    struct ws_tp tp; /* WS_TP_BIND */
    ws_io_callback fn;
    struct bind_rec *next;
};

static struct ws_port *pool_port;
static pthread_once_t pool_once = PTHREAD_ONCE_INIT;
/* One record per distinct callback, kept for the process's life (a
 * binding lasts as long as its handle, and a program has few callbacks). */
static struct bind_rec *bind_recs;
static pthread_mutex_t bind_lock = PTHREAD_MUTEX_INITIALIZER;

static void *pool_worker(void *arg)
{
    struct ws_port *p = arg;
    for (;;) {
        struct ws_packet pk;
        DWORD wr = 0;
        if (ws_port_get(p, &pk, 1, (DWORD)WS_INFINITE, false, &wr) != 1 || !pk.key)
            continue;
        struct ws_tp *t = (struct ws_tp *)pk.key;
        if (t->kind != WS_TP_BIND) {
            ws_tp_run(t, &pk);
            continue;
        }
        DWORD err = pk.status == WS_STATUS_SUCCESS || pk.status < 0x80000000u ? 0 : ws_ntstatus_to_w32(pk.status);
        ((struct bind_rec *)t)->fn(err, pk.bytes, pk.ov);
    }
    return NULL;
}

static void pool_start(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    struct ws_port *p = ws_port_new(0);
    if (!p)
        return;
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    int started = 0;
    for (long i = 0; i < (n > 0 ? n : 1); i++) {
        pthread_t t;
        if (pthread_create(&t, &a, pool_worker, p) == 0) {
            pthread_setname_np(t, "ws2p-iopool");
            started++;
        }
    }
    pthread_attr_destroy(&a);
    if (started)
        pool_port = p; /* kept for the life of the process, as the pool's is */
    else
        ws_port_unref(p);
}

struct ws_port *ws_pool(void)
{
    pthread_once(&pool_once, pool_start);
    return pool_port;
}

int ws_pool_bindable(HANDLE h)
{
    ws_sock *sk = ws_handle_is_socket(h) ? ws_sock_get((SOCKET)(uintptr_t)h) : NULL;
    int err = !sk ? ERROR_INVALID_HANDLE : (ws_flags(sk) & WSF_SYNC) ? ERROR_INVALID_PARAMETER : 0;
    if (sk)
        ws_sock_put(sk);
    return err;
}

int ws_pool_associate(HANDLE h, struct ws_port *p, ULONG_PTR key)
{
    return associate(h, p, key);
}

static struct bind_rec *bind_rec_of(ws_io_callback fn)
{
    pthread_mutex_lock(&bind_lock);
    struct bind_rec *r = bind_recs;
    while (r && r->fn != fn)
        r = r->next;
    if (!r && (r = calloc(1, sizeof *r)) != NULL) {
        r->tp.kind = WS_TP_BIND;
        r->fn = fn;
        r->next = bind_recs;
        bind_recs = r;
    }
    pthread_mutex_unlock(&bind_lock);
    return r;
}

/* A handle not opened for overlapped I/O (a socket made without
 * WSA_FLAG_OVERLAPPED) and a second binding are ERROR_INVALID_PARAMETER, a
 * handle that is not one ERROR_INVALID_HANDLE (kernel32 sync.c
 * test_BindIoCompletionCallback).  Flags are reserved and not checked. */
WS2P_EXPORT BOOL BindIoCompletionCallback(HANDLE h, ws_io_callback fn, ULONG flags)
{
    struct ws_call c = WS_CALL32("BindIoCompletionCallback");
    BOOL ret = 0;
    struct ws_port *p;
    struct bind_rec *r;
    int err = ws_pool_bindable(h);
    if (!err && !fn)
        err = ERROR_INVALID_PARAMETER;
    if (!err && (!(p = ws_pool()) || !(r = bind_rec_of(fn))))
        err = ERROR_NOT_ENOUGH_MEMORY;
    if (!err)
        err = associate(h, p, (ULONG_PTR)r);
    if (err)
        ws_fail(&c, err);
    else
        ret = 1;
    return WS_EXIT32(&c, ret, "h=%p, fn=%p, flags=%#x", h, (void *)fn, (unsigned)flags);
}
