/* Waitable timers: CreateWaitableTimerA/W, CreateWaitableTimerExA/W,
 * OpenWaitableTimerA/W, SetWaitableTimer(Ex), CancelWaitableTimer.
 *
 * A timer is a waitable object with a timerfd as its own descriptor
 * (extfd): every wait polls it, and refresh() turns its expirations into the
 * signalled state (an auto-reset "synchronization" timer is reset by the
 * wait it satisfies, by the core's wait rules).  A completion routine is an
 * APC for the thread that set the timer: at expiry it is queued (once: an
 * APC still queued is not queued again), and it runs when that thread is in
 * an alertable wait.  The timer is one of that thread's APC sources, so its
 * alertable waits poll the timerfd too; no helper thread.
 *
 * Due times: relative ones run on CLOCK_MONOTONIC, as Windows' are immune
 * to changes of the system time; an absolute one is turned into a relative
 * one when set, so a later change of the system time does not move it
 * (Windows' would move: docs/windows-vs-linux.md). */
#include "kernel32.h"
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define CREATE_WAITABLE_TIMER_MANUAL_RESET_ 0x1u
#define CREATE_WAITABLE_TIMER_HIGH_RESOLUTION_ 0x2u
#define FILETIME_UNIX_EPOCH 116444736000000000ULL /* 1970-01-01 in 100 ns units since 1601 */

typedef void (*ws_timer_routine)(void *arg, DWORD low, DWORD high);

struct ws_timer {
    ws_obj obj;
    /* under obj.lock */
    LONG period;
    ws_timer_routine fn;
    void *arg;
    ws_obj *target;     /* the thread that set it with a routine (referenced) */
    unsigned gen;       /* bumped by each Set and Cancel */
    unsigned apc_gen;   /* the generation the queued APC belongs to */
    bool apc_queued;
    uint64_t fired;     /* FILETIME (UTC) of the last expiry */
    struct ws_apc apc;
};

static uint64_t filetime_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return FILETIME_UNIX_EPOCH + (uint64_t)ts.tv_sec * 10000000u + (uint64_t)ts.tv_nsec / 100u;
}

static void apc_run(struct ws_apc *a)
{
    struct ws_timer *t = (struct ws_timer *)((char *)a - offsetof(struct ws_timer, apc));
    pthread_mutex_lock(&t->obj.lock);
    t->apc_queued = false;
    bool live = t->apc_gen == t->gen && t->fn;
    ws_timer_routine fn = t->fn;
    void *arg = t->arg;
    uint64_t ft = t->fired;
    pthread_mutex_unlock(&t->obj.lock);
    if (live)
        fn(arg, (DWORD)ft, (DWORD)(ft >> 32));
    ws_obj_unref(&t->obj); /* the queued APC's reference */
}

static void apc_discard(struct ws_apc *a)
{
    struct ws_timer *t = (struct ws_timer *)((char *)a - offsetof(struct ws_timer, apc));
    pthread_mutex_lock(&t->obj.lock);
    t->apc_queued = false;
    pthread_mutex_unlock(&t->obj.lock);
    ws_obj_unref(&t->obj);
}

/* Lock held.  The caller holds a reference, so the APC's own one is never
 * the last here. */
static void timer_refresh(ws_obj *o)
{
    struct ws_timer *t = (struct ws_timer *)o;
    uint64_t n = 0;
    if (syscall(SYS_read, o->extfd, &n, sizeof n) != (long)sizeof n || !n)
        return;
    o->signalled = true;
    ws_obj_wake_locked(o); /* waiters whose poll saw the timerfd drained by this read */
    t->fired = filetime_now();
    if (t->fn && t->target && !t->apc_queued) {
        t->apc_queued = true;
        t->apc_gen = t->gen;
        ws_obj_ref(o);
        if (!ws_apc_queue(t->target, &t->apc)) { /* the thread has ended */
            t->apc_queued = false;
            atomic_fetch_sub(&o->refs, 1);
        }
    }
}

/* Lock held: a queued APC of the old setting goes (docs: cancelling removes
 * it from the thread's queue). */
static void drop_queued_apc(struct ws_timer *t)
{
    t->gen++;
    if (t->apc_queued && t->target && ws_apc_cancel(t->target, &t->apc)) {
        t->apc_queued = false;
        atomic_fetch_sub(&t->obj.refs, 1); /* a handle holds another */
    }
}

static void timer_destroy(ws_obj *o)
{
    struct ws_timer *t = (struct ws_timer *)o;
    if (t->target) {
        ws_apc_source_remove(t->target, o);
        ws_obj_unref(t->target);
    }
    if (o->extfd >= 0)
        close(o->extfd);
}

static HANDLE create_timer(struct ws_call *c, const WS_SECURITY_ATTRIBUTES *sa, bool manual, const char *name)
{
    struct ws_timer *t = (struct ws_timer *)ws_obj_alloc(WS_OBJ_TIMER, sizeof *t, manual, false);
    if (!t) {
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    t->apc = (struct ws_apc){NULL, apc_run, apc_discard};
    t->obj.destroy = timer_destroy;
    t->obj.refresh = timer_refresh;
    if ((t->obj.extfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC)) < 0) {
        ws_fail_errno32(c, "timerfd_create", errno);
        ws_obj_unref(&t->obj);
        return NULL;
    }
    return ws_k32_create(c, &t->obj, name, sa);
}

WS2P_EXPORT HANDLE CreateWaitableTimerA(WS_SECURITY_ATTRIBUTES *sa, BOOL manual, const char *name)
{
    struct ws_call c = WS_CALL32("CreateWaitableTimerA");
    HANDLE h = create_timer(&c, sa, manual != 0, name);
    return WS_EXIT32(&c, h, "manual=%d, name=%s", manual, name ? name : "NULL");
}

WS2P_EXPORT HANDLE CreateWaitableTimerW(WS_SECURITY_ATTRIBUTES *sa, BOOL manual, const WCHAR *name)
{
    struct ws_call c = WS_CALL32("CreateWaitableTimerW");
    char *n = ws_name_from_wide(name);
    bool bad = name && !n; /* out of memory */
    HANDLE h = NULL;
    if (bad)
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    else
        h = create_timer(&c, sa, manual != 0, n);
    HANDLE r = WS_EXIT32(&c, h, "manual=%d, name=%s", manual, n ? n : "NULL");
    free(n);
    return r;
}

/* CREATE_WAITABLE_TIMER_HIGH_RESOLUTION is accepted: timerfds are. */
static bool timer_flags_ok(DWORD flags)
{
    return !(flags & ~(CREATE_WAITABLE_TIMER_MANUAL_RESET_ | CREATE_WAITABLE_TIMER_HIGH_RESOLUTION_));
}

WS2P_EXPORT HANDLE CreateWaitableTimerExA(WS_SECURITY_ATTRIBUTES *sa, const char *name, DWORD flags, DWORD access)
{
    struct ws_call c = WS_CALL32("CreateWaitableTimerExA");
    (void)access;
    HANDLE h = NULL;
    if (!timer_flags_ok(flags))
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else
        h = create_timer(&c, sa, flags & CREATE_WAITABLE_TIMER_MANUAL_RESET_, name);
    return WS_EXIT32(&c, h, "name=%s, flags=%#x", name ? name : "NULL", (unsigned)flags);
}

WS2P_EXPORT HANDLE CreateWaitableTimerExW(WS_SECURITY_ATTRIBUTES *sa, const WCHAR *name, DWORD flags, DWORD access)
{
    struct ws_call c = WS_CALL32("CreateWaitableTimerExW");
    (void)access;
    char *n = ws_name_from_wide(name);
    bool bad = name && !n; /* out of memory */
    HANDLE h = NULL;
    if (bad)
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    else if (!timer_flags_ok(flags))
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else
        h = create_timer(&c, sa, flags & CREATE_WAITABLE_TIMER_MANUAL_RESET_, n);
    HANDLE r = WS_EXIT32(&c, h, "name=%s, flags=%#x", n ? n : "NULL", (unsigned)flags);
    free(n);
    return r;
}

WS2P_EXPORT HANDLE OpenWaitableTimerA(DWORD access, BOOL inherit, const char *name)
{
    struct ws_call c = WS_CALL32("OpenWaitableTimerA");
    HANDLE h = ws_k32_open(&c, WS_OBJ_TIMER, access, inherit, name);
    return WS_EXIT32(&c, h, "access=%#x, name=%s", (unsigned)access, name ? name : "NULL");
}

WS2P_EXPORT HANDLE OpenWaitableTimerW(DWORD access, BOOL inherit, const WCHAR *name)
{
    struct ws_call c = WS_CALL32("OpenWaitableTimerW");
    HANDLE h = ws_k32_open_w(&c, WS_OBJ_TIMER, access, inherit, name);
    return WS_EXIT32(&c, h, "access=%#x, name=%p", (unsigned)access, (const void *)name);
}

/* Arm (ns > 0, period in ms) or disarm (ns == 0) the timerfd, and make the
 * routine's thread the one given (referenced by the caller, or NULL).
 * Lock held except for the APC-source bookkeeping, done after. */
static int arm(struct ws_timer *t, uint64_t ns, LONG period, ws_timer_routine fn, void *arg, ws_obj *thread)
{
    struct itimerspec its = {{period / 1000, (long)(period % 1000) * 1000000L},
                             {(time_t)(ns / 1000000000u), (long)(ns % 1000000000u)}};
    pthread_mutex_lock(&t->obj.lock);
    drop_queued_apc(t);
    int r = timerfd_settime(t->obj.extfd, 0, &its, NULL);
    int e = errno;
    if (ns)
        t->obj.signalled = false; /* setting a timer makes it non-signalled; cancelling leaves it */
    ws_obj *old = t->target;
    t->period = period;
    t->fn = fn;
    t->arg = arg;
    t->target = thread;
    pthread_mutex_unlock(&t->obj.lock);
    if (old && old != thread)
        ws_apc_source_remove(old, &t->obj);
    if (thread && !ws_apc_source_add(thread, &t->obj)) {
        r = -1;
        e = ENOMEM;
    }
    if (old)
        ws_obj_unref(old);
    return r < 0 ? e : 0;
}

/* The due time: negative is relative, in 100 ns units; positive is an
 * absolute FILETIME (UTC).  One already past fires at once. */
static BOOL set_timer(struct ws_call *c, HANDLE h, const LARGE_INTEGER *due, LONG period, ws_timer_routine fn,
                      void *arg)
{
    ws_obj *o = ws_handle_get(h, WS_OBJ_TIMER);
    BOOL ret = 0;
    if (!o)
        ws_fail(c, ERROR_INVALID_HANDLE);
    else if (ws_bad_ptr(due))
        ws_fail(c, ERROR_NOACCESS);
    else if (period < 0)
        ws_fail(c, ERROR_INVALID_PARAMETER);
    else {
        int64_t d = due->QuadPart;
        int64_t rel = d < 0 ? -d : d - (int64_t)filetime_now();
        uint64_t ns = rel > 0 ? (uint64_t)rel * 100u : 1; /* 0 would disarm the timerfd */
        struct ws_thread *self = fn ? ws_thread_self() : NULL;
        ws_obj *thread = NULL;
        if (self) {
            thread = self->obj;
            ws_obj_ref(thread);
        }
        int e = fn && !self ? ENOMEM : arm((struct ws_timer *)o, ns, period, fn, arg, thread);
        if (e)
            ws_fail_errno32(c, "timerfd_settime", e);
        ret = !e;
    }
    if (o)
        ws_obj_unref(o);
    return ret;
}

/* Resuming a suspended system is not supported: the timer is set and the
 * last error says so (SetWaitableTimer docs). */
WS2P_EXPORT BOOL SetWaitableTimer(HANDLE h, const LARGE_INTEGER *due, LONG period, ws_timer_routine fn, void *arg,
                                  BOOL resume)
{
    struct ws_call c = WS_CALL32("SetWaitableTimer");
    BOOL ret = set_timer(&c, h, due, period, fn, arg);
    if (ret && resume)
        ws_fail(&c, ERROR_NOT_SUPPORTED);
    return WS_EXIT32(&c, ret, "h=%p, due=%lld, period=%d, fn=%p", h, due && !ws_bad_ptr(due) ? (long long)due->QuadPart : 0,
                     (int)period, (void *)(uintptr_t)fn);
}

/* The wake context and tolerable delay are power-management hints. */
WS2P_EXPORT BOOL SetWaitableTimerEx(HANDLE h, const LARGE_INTEGER *due, LONG period, ws_timer_routine fn, void *arg,
                                    void *wake_context, ULONG tolerable_delay)
{
    struct ws_call c = WS_CALL32("SetWaitableTimerEx");
    (void)wake_context, (void)tolerable_delay;
    BOOL ret = set_timer(&c, h, due, period, fn, arg);
    return WS_EXIT32(&c, ret, "h=%p, due=%lld, period=%d, fn=%p", h, due && !ws_bad_ptr(due) ? (long long)due->QuadPart : 0,
                     (int)period, (void *)(uintptr_t)fn);
}

/* The timer stops; its signalled state stays as it is (docs). */
WS2P_EXPORT BOOL CancelWaitableTimer(HANDLE h)
{
    struct ws_call c = WS_CALL32("CancelWaitableTimer");
    ws_obj *o = ws_handle_get(h, WS_OBJ_TIMER);
    BOOL ret = 0;
    if (!o)
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else {
        int e = arm((struct ws_timer *)o, 0, 0, NULL, NULL, NULL);
        if (e)
            ws_fail_errno32(&c, "timerfd_settime", e);
        ret = !e;
        ws_obj_unref(o);
    }
    return WS_EXIT32(&c, ret, "h=%p", h);
}
