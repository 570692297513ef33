/* The thread pool: work items (CreateThreadpoolWork, SubmitThreadpoolWork,
 * WaitForThreadpoolWorkCallbacks, CloseThreadpoolWork,
 * TrySubmitThreadpoolCallback) and I/O objects on sockets
 * (CreateThreadpoolIo, StartThreadpoolIo, CancelThreadpoolIo,
 * WaitForThreadpoolIoCallbacks, CloseThreadpoolIo).  Facts from the
 * functions' pages and Wine's ntdll threadpool.c test_kernel32_tp_io. */
#include "wtext.h"

/* ---- work items ------------------------------------------------------------ */

struct work_ctx {
    volatile LONG calls;
    DWORD tid;
    PTP_WORK work;
    PTP_CALLBACK_INSTANCE instance;
    HANDLE entered, gate; /* optional: the callback says it runs, then waits */
};

static VOID CALLBACK work_cb(PTP_CALLBACK_INSTANCE instance, PVOID context, PTP_WORK work)
{
    struct work_ctx *w = context;
    w->tid = GetCurrentThreadId();
    w->work = work;
    w->instance = instance;
    InterlockedIncrement(&w->calls);
    if (w->entered)
        SetEvent(w->entered);
    if (w->gate)
        WaitForSingleObject(w->gate, 5000);
}

/* Each submission is one call, on a pool thread, with the work object and
 * the context given at creation. */
WT_CASE(work_runs_on_a_pool_thread)
{
    struct work_ctx w;
    TP_CALLBACK_ENVIRON env;
    memset(&w, 0, sizeof w);
    InitializeThreadpoolEnvironment(&env);
    ok(env.Version == 3 && env.Pool == NULL && env.CallbackPriority == TP_CALLBACK_PRIORITY_NORMAL &&
           env.Size == sizeof env,
       "environment: version %lu, size %lu", (unsigned long)env.Version, (unsigned long)env.Size);
    PTP_WORK work = CreateThreadpoolWork(work_cb, &w, &env);
    ok(work != NULL, "work made (%lu)", (unsigned long)GetLastError());
    DestroyThreadpoolEnvironment(&env);
    SubmitThreadpoolWork(work);
    SubmitThreadpoolWork(work);
    SubmitThreadpoolWork(work);
    WaitForThreadpoolWorkCallbacks(work, FALSE);
    ok(w.calls == 3, "three calls, got %ld", (long)w.calls);
    ok(w.tid != 0 && w.tid != GetCurrentThreadId(), "on a pool thread (%lu)", (unsigned long)w.tid);
    ok(w.work == work && w.instance != NULL, "work %p instance %p", (void *)w.work, (void *)w.instance);
    /* nothing outstanding: the wait returns at once */
    WaitForThreadpoolWorkCallbacks(work, TRUE);
    CloseThreadpoolWork(work);
}

struct waiter {
    PTP_WORK work;
};

static DWORD WINAPI wait_thread(LPVOID arg)
{
    struct waiter *wt = arg;
    WaitForThreadpoolWorkCallbacks(wt->work, FALSE);
    return 0;
}

/* The wait covers a callback already running (and TRUE cancels only what
 * has not started). */
WT_CASE(work_wait_waits_for_a_running_callback)
{
    struct work_ctx w;
    struct waiter wt;
    memset(&w, 0, sizeof w);
    w.entered = CreateEventA(NULL, FALSE, FALSE, NULL);
    w.gate = CreateEventA(NULL, TRUE, FALSE, NULL);
    PTP_WORK work = CreateThreadpoolWork(work_cb, &w, NULL);
    SubmitThreadpoolWork(work);
    ok(WaitForSingleObject(w.entered, 5000) == WAIT_OBJECT_0, "the callback runs");
    wt.work = work;
    HANDLE t = CreateThread(NULL, 0, wait_thread, &wt, 0, NULL);
    ok(WaitForSingleObject(t, 100) == WAIT_TIMEOUT, "the wait waits for the running callback");
    SetEvent(w.gate);
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "and returns once it has returned");
    ok(w.calls == 1, "one call, got %ld", (long)w.calls);
    CloseHandle(t);
    CloseThreadpoolWork(work);
    CloseHandle(w.entered);
    CloseHandle(w.gate);
}

static HANDLE simple_done;
static PVOID simple_ctx;
static DWORD simple_tid;

static VOID CALLBACK simple_cb(PTP_CALLBACK_INSTANCE instance, PVOID context)
{
    (void)instance;
    simple_ctx = context;
    simple_tid = GetCurrentThreadId();
    SetEvent(simple_done);
}

WT_CASE(try_submit_callback)
{
    static int token;
    simple_done = CreateEventA(NULL, FALSE, FALSE, NULL);
    expect_w32(TrySubmitThreadpoolCallback(simple_cb, &token, NULL), TRUE, W32_SENTINEL);
    ok(WaitForSingleObject(simple_done, 5000) == WAIT_OBJECT_0, "the callback ran");
    ok(simple_ctx == &token && simple_tid != GetCurrentThreadId(), "context %p, thread %lu", simple_ctx,
       (unsigned long)simple_tid);
    CloseHandle(simple_done);
}

/* Every submission is a call of its own, however many are queued. */
WT_CASE(many_submissions_all_run)
{
    struct work_ctx w;
    memset(&w, 0, sizeof w);
    PTP_WORK work = CreateThreadpoolWork(work_cb, &w, NULL);
    for (int i = 0; i < 200; i++)
        SubmitThreadpoolWork(work);
    WaitForThreadpoolWorkCallbacks(work, FALSE);
    ok(w.calls == 200, "200 calls, got %ld", (long)w.calls);
    CloseThreadpoolWork(work);
}

WT_MAIN(work_runs_on_a_pool_thread, work_wait_waits_for_a_running_callback, try_submit_callback,
        many_submissions_all_run)
