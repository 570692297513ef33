/* The Vista thread pool's work items (CreateThreadpoolWork & co.,
 * TrySubmitThreadpoolCallback) and I/O objects (CreateThreadpoolIo & co.),
 * all run by the process's one small pool (pool.h): a submitted item is a
 * packet on the pool's port, a bound handle's completions come to the same
 * port, and the workers (one per CPU) call back.  No thread per item.
 *
 * An object counts what it is owed: queued (work: submitted, not yet
 * started; I/O: started with StartThreadpoolIo, not yet completed),
 * running callbacks, and skip (work packets, or I/O completions, that a
 * WaitFor...Callbacks(TRUE) cancelled and that are dropped when they come).
 * Each of those holds a reference, as does the program's pointer; the last
 * one frees the object (CloseThreadpoolWork / CloseThreadpoolIo docs: freed
 * once its outstanding callbacks are done). */
#include "pool.h"
#include <pthread.h>
#include <stdlib.h>

/* struct _TP_CALLBACK_INSTANCE: what a callback's Instance points to. */
struct ws_tp_instance {
    struct ws_tp *obj;
};

/* The functions without a return value leave the last error alone (there
 * is no channel for one); bad input (NULL, another kind of object) is only
 * traced. */
#define TP_EXIT_VOID(c, ...) (ws_unlikely(ws_trace_on) ? ws_trace((c), 0, __VA_ARGS__) : (void)0)

typedef void (*tp_work_fn)(struct ws_tp_instance *, void *ctx, void *work);
typedef void (*tp_simple_fn)(struct ws_tp_instance *, void *ctx);
typedef void (*tp_io_fn)(struct ws_tp_instance *, void *ctx, void *ov, ULONG result, ULONG_PTR bytes, void *io);

struct tp_obj {
    struct ws_tp tp; /* WS_TP_WORK, WS_TP_SIMPLE or WS_TP_IO */
    void *fn;
    void *ctx;
    pthread_mutex_t lock;
    pthread_cond_t idle; /* queued and running reached 0 */
    unsigned refs, queued, running, skip;
};

static struct tp_obj *tp_new(int kind, void *fn, void *ctx)
{
    struct tp_obj *o = calloc(1, sizeof *o);
    if (o) {
        o->tp.kind = kind;
        o->fn = fn;
        o->ctx = ctx;
        o->refs = 1;
        pthread_mutex_init(&o->lock, NULL);
        pthread_cond_init(&o->idle, NULL);
    }
    return o;
}

/* Drop one reference, o->lock held; the lock is released. */
static void tp_put_locked(struct tp_obj *o)
{
    bool last = --o->refs == 0;
    pthread_mutex_unlock(&o->lock);
    if (last) {
        pthread_cond_destroy(&o->idle);
        pthread_mutex_destroy(&o->lock);
        free(o);
    }
}

static void tp_put(struct tp_obj *o)
{
    pthread_mutex_lock(&o->lock);
    tp_put_locked(o);
}

/* Wait until nothing is queued or running; cancel: what is queued is
 * dropped instead (WaitForThreadpoolWorkCallbacks /
 * WaitForThreadpoolIoCallbacks docs; for I/O that includes operations
 * started but not yet completed, Wine threadpool.c test_tp_io). */
static void tp_wait(struct tp_obj *o, bool cancel)
{
    pthread_mutex_lock(&o->lock);
    if (cancel) {
        o->skip += o->queued;
        o->queued = 0;
        pthread_cond_broadcast(&o->idle);
    }
    while (o->queued || o->running)
        pthread_cond_wait(&o->idle, &o->lock);
    pthread_mutex_unlock(&o->lock);
}

static void tp_idle_check(struct tp_obj *o)
{
    if (!o->queued && !o->running)
        pthread_cond_broadcast(&o->idle);
}

void ws_tp_run(struct ws_tp *t, const struct ws_packet *pk)
{
    struct tp_obj *o = (struct tp_obj *)t;
    struct ws_tp_instance inst = {t};
    if (t->kind == WS_TP_SIMPLE) {
        ((tp_simple_fn)o->fn)(&inst, o->ctx);
        tp_put(o);
        return;
    }
    pthread_mutex_lock(&o->lock);
    if (t->kind == WS_TP_IO && !o->queued && !o->skip) {
        /* A completion nobody announced with StartThreadpoolIo: it holds
         * no reference and calls nothing (the docs require the call). */
        pthread_mutex_unlock(&o->lock);
        return;
    }
    if (o->queued) {
        o->queued--;
        o->running++;
        pthread_mutex_unlock(&o->lock);
        if (t->kind == WS_TP_WORK)
            ((tp_work_fn)o->fn)(&inst, o->ctx, o);
        else {
            ULONG err = pk->status == WS_STATUS_SUCCESS || pk->status < 0x80000000u ? 0
                                                                                      : ws_ntstatus_to_w32(pk->status);
            ((tp_io_fn)o->fn)(&inst, o->ctx, pk->ov, err, pk->bytes, o);
        }
        pthread_mutex_lock(&o->lock);
        o->running--;
    } else
        o->skip--;
    tp_idle_check(o);
    tp_put_locked(o);
}

/* One more callback owed (a work submission, an I/O start), holding a
 * reference until it has run or been dropped. */
static void tp_expect(struct tp_obj *o)
{
    pthread_mutex_lock(&o->lock);
    o->queued++;
    o->refs++;
    pthread_mutex_unlock(&o->lock);
}

/* The void functions' argument check: an object of this kind, or the
 * failure recorded for the trace. */
static bool tp_is(struct ws_call *c, const struct tp_obj *o, int kind)
{
    if (o && o->tp.kind == kind)
        return true;
    ws_fail(c, ERROR_INVALID_PARAMETER);
    return false;
}

/* ---- work items ------------------------------------------------------------ */
/* The callback environment (pool, cleanup group, priority) is accepted
 * and not used: there is one pool. */
WS2P_EXPORT void *CreateThreadpoolWork(tp_work_fn fn, void *ctx, void *env)
{
    struct ws_call c = WS_CALL32("CreateThreadpoolWork");
    struct tp_obj *o = NULL;
    if (!fn)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else if (!ws_pool() || !(o = tp_new(WS_TP_WORK, (void *)fn, ctx)))
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    return WS_EXIT32(&c, (void *)o, "fn=%p, ctx=%p, env=%p", (void *)fn, ctx, env);
}

/* Queue one more call of the work's callback (each submission is one). */
static bool tp_submit(struct tp_obj *o)
{
    tp_expect(o);
    if (ws_port_post(ws_pool(), (ULONG_PTR)o, 0, NULL, WS_STATUS_SUCCESS))
        return true;
    pthread_mutex_lock(&o->lock);
    o->queued--;
    tp_idle_check(o);
    tp_put_locked(o);
    return false;
}

/* No return value: without memory for the packet the submission is lost,
 * and the trace says so. */
WS2P_EXPORT void SubmitThreadpoolWork(struct tp_obj *work)
{
    struct ws_call c = WS_CALL32("SubmitThreadpoolWork");
    if (tp_is(&c, work, WS_TP_WORK) && !tp_submit(work))
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    TP_EXIT_VOID(&c, "work=%p", (void *)work);
}

WS2P_EXPORT BOOL TrySubmitThreadpoolCallback(tp_simple_fn fn, void *ctx, void *env)
{
    struct ws_call c = WS_CALL32("TrySubmitThreadpoolCallback");
    BOOL ret = 0;
    struct tp_obj *o = NULL;
    if (!fn)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else if (!ws_pool() || !(o = tp_new(WS_TP_SIMPLE, (void *)fn, ctx)))
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    else if (!ws_port_post(ws_pool(), (ULONG_PTR)o, 0, NULL, WS_STATUS_SUCCESS)) {
        tp_put(o);
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    } else
        ret = 1;
    return WS_EXIT32(&c, ret, "fn=%p, ctx=%p, env=%p", (void *)fn, ctx, env);
}

WS2P_EXPORT void WaitForThreadpoolWorkCallbacks(struct tp_obj *work, BOOL cancel)
{
    struct ws_call c = WS_CALL32("WaitForThreadpoolWorkCallbacks");
    if (tp_is(&c, work, WS_TP_WORK))
        tp_wait(work, cancel != 0);
    TP_EXIT_VOID(&c, "work=%p, cancel=%d", (void *)work, cancel);
}

/* Callbacks already submitted still run; the object goes with the last. */
WS2P_EXPORT void CloseThreadpoolWork(struct tp_obj *work)
{
    struct ws_call c = WS_CALL32("CloseThreadpoolWork");
    if (tp_is(&c, work, WS_TP_WORK))
        tp_put(work);
    TP_EXIT_VOID(&c, "work=%p", (void *)work);
}

/* ---- I/O objects ------------------------------------------------------------ */
/* The handle is associated with the pool's port, the object its key: the
 * errors are BindIoCompletionCallback's (a handle bound already, or not
 * opened for overlapped I/O: ERROR_INVALID_PARAMETER). */
WS2P_EXPORT void *CreateThreadpoolIo(HANDLE h, tp_io_fn fn, void *ctx, void *env)
{
    struct ws_call c = WS_CALL32("CreateThreadpoolIo");
    struct tp_obj *o = NULL;
    struct ws_port *p;
    int err = ws_pool_bindable(h);
    if (!err && !fn)
        err = ERROR_INVALID_PARAMETER;
    if (!err && (!(p = ws_pool()) || !(o = tp_new(WS_TP_IO, (void *)fn, ctx))))
        err = ERROR_NOT_ENOUGH_MEMORY;
    if (!err && (err = ws_pool_associate(h, p, (ULONG_PTR)o)) != 0) {
        tp_put(o);
        o = NULL;
    }
    if (err)
        ws_fail(&c, err);
    return WS_EXIT32(&c, (void *)o, "h=%p, fn=%p, ctx=%p, env=%p", h, (void *)fn, ctx, env);
}

/* Before each overlapped operation on the handle: the completion it will
 * bring is expected (StartThreadpoolIo docs). */
WS2P_EXPORT void StartThreadpoolIo(struct tp_obj *io)
{
    struct ws_call c = WS_CALL32("StartThreadpoolIo");
    if (tp_is(&c, io, WS_TP_IO))
        tp_expect(io);
    TP_EXIT_VOID(&c, "io=%p", (void *)io);
}

/* The operation failed without pending, or completed at once with
 * FILE_SKIP_COMPLETION_PORT_ON_SUCCESS: no completion will come for the
 * last start (CancelThreadpoolIo docs). */
WS2P_EXPORT void CancelThreadpoolIo(struct tp_obj *io)
{
    struct ws_call c = WS_CALL32("CancelThreadpoolIo");
    if (tp_is(&c, io, WS_TP_IO)) {
        pthread_mutex_lock(&io->lock);
        if (!io->queued) {
            ws_fail(&c, ERROR_INVALID_PARAMETER); /* more cancels than starts: traced */
            pthread_mutex_unlock(&io->lock);
        } else {
            io->queued--;
            tp_idle_check(io);
            tp_put_locked(io);
        }
    }
    TP_EXIT_VOID(&c, "io=%p", (void *)io);
}

WS2P_EXPORT void WaitForThreadpoolIoCallbacks(struct tp_obj *io, BOOL cancel)
{
    struct ws_call c = WS_CALL32("WaitForThreadpoolIoCallbacks");
    if (tp_is(&c, io, WS_TP_IO))
        tp_wait(io, cancel != 0);
    TP_EXIT_VOID(&c, "io=%p, cancel=%d", (void *)io, cancel);
}

/* The handle stays associated with the pool's port (as on Windows, for the
 * handle's life); the object lives on until the completions it was promised
 * have come and their callbacks have returned. */
WS2P_EXPORT void CloseThreadpoolIo(struct tp_obj *io)
{
    struct ws_call c = WS_CALL32("CloseThreadpoolIo");
    if (tp_is(&c, io, WS_TP_IO))
        tp_put(io);
    TP_EXIT_VOID(&c, "io=%p", (void *)io);
}
