/* The thread pool: work items (CreateThreadpoolWork, SubmitThreadpoolWork,
 * WaitForThreadpoolWorkCallbacks, CloseThreadpoolWork,
 * TrySubmitThreadpoolCallback) and I/O objects on sockets
 * (CreateThreadpoolIo, StartThreadpoolIo, CancelThreadpoolIo,
 * WaitForThreadpoolIoCallbacks, CloseThreadpoolIo).  Facts from the
 * functions' pages and Wine's ntdll threadpool.c test_kernel32_tp_io. */
#include "wtext.h"

static WSABUF wbuf(char *p, ULONG n)
{
    WSABUF b;
    b.buf = p;
    b.len = n;
    return b;
}

/* ---- work items ------------------------------------------------------------ */

struct work_ctx {
    volatile LONG calls;
    DWORD tid;
    PTP_WORK work;
    PTP_CALLBACK_INSTANCE instance;
    HANDLE entered, gate, done; /* optional: the callback says it runs, waits, says it returns */
};

static VOID CALLBACK work_cb(PTP_CALLBACK_INSTANCE instance, PVOID context, PTP_WORK work)
{
    struct work_ctx *w = context;
    /* calls of one work item may run at once: the first one records */
    if (InterlockedIncrement(&w->calls) == 1) {
        w->tid = GetCurrentThreadId();
        w->work = work;
        w->instance = instance;
    }
    if (w->entered)
        SetEvent(w->entered);
    if (w->gate)
        WaitForSingleObject(w->gate, 5000);
    if (w->done)
        SetEvent(w->done);
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
    PTP_IO io;
};

static DWORD WINAPI wait_thread(LPVOID arg)
{
    struct waiter *wt = arg;
    if (wt->work)
        WaitForThreadpoolWorkCallbacks(wt->work, FALSE);
    else
        WaitForThreadpoolIoCallbacks(wt->io, FALSE);
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
    wt.io = NULL;
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

/* Closed while its callback runs: the callback goes on and returns, the
 * object goes after it (CloseThreadpoolWork docs). */
WT_CASE(work_closed_while_running)
{
    struct work_ctx w;
    memset(&w, 0, sizeof w);
    w.entered = CreateEventA(NULL, FALSE, FALSE, NULL);
    w.gate = CreateEventA(NULL, TRUE, FALSE, NULL);
    w.done = CreateEventA(NULL, FALSE, FALSE, NULL);
    PTP_WORK work = CreateThreadpoolWork(work_cb, &w, NULL);
    SubmitThreadpoolWork(work);
    ok(WaitForSingleObject(w.entered, 5000) == WAIT_OBJECT_0, "the callback runs");
    CloseThreadpoolWork(work);
    SetEvent(w.gate);
    ok(WaitForSingleObject(w.done, 5000) == WAIT_OBJECT_0, "and returns after the close");
    ok(w.work == work, "with its work object");
    Sleep(20); /* the worker drops the object after the callback: ASan sees that happen */
    CloseHandle(w.entered);
    CloseHandle(w.gate);
    CloseHandle(w.done);
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

/* ---- I/O objects ------------------------------------------------------------ */

struct io_ctx {
    volatile LONG calls;
    PVOID ov;
    ULONG result;
    ULONG_PTR bytes;
    PTP_IO io;
    DWORD tid;
    HANDLE entered, gate;
};

static VOID CALLBACK io_cb(PTP_CALLBACK_INSTANCE instance, PVOID context, PVOID ov, ULONG result, ULONG_PTR bytes,
                           PTP_IO io)
{
    struct io_ctx *x = context;
    (void)instance;
    x->ov = ov;
    x->result = result;
    x->bytes = bytes;
    x->io = io;
    x->tid = GetCurrentThreadId();
    InterlockedIncrement(&x->calls);
    if (x->entered)
        SetEvent(x->entered);
    if (x->gate)
        WaitForSingleObject(x->gate, 5000);
}

/* A connected pair whose server side s is bound to a fresh I/O object
 * calling io_cb with x; x and ov start zeroed. */
static PTP_IO io_pair(SOCKET *c, SOCKET *s, struct io_ctx *x, OVERLAPPED *ov)
{
    memset(x, 0, sizeof *x);
    memset(ov, 0, sizeof *ov);
    wt_tcp_pair(c, s);
    PTP_IO io = CreateThreadpoolIo((HANDLE)*s, io_cb, x, NULL);
    ok(io != NULL, "io made (%lu)", (unsigned long)GetLastError());
    return io;
}

/* An overlapped receive completes into the callback: its OVERLAPPED,
 * ERROR_SUCCESS, the byte count, the I/O object and its context. */
WT_CASE(io_receive_completes_into_the_callback)
{
    SOCKET c, s, plain;
    struct io_ctx x;
    char buf[16];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0;
    OVERLAPPED ov;
    PTP_IO io = io_pair(&c, &s, &x, &ov);
    /* a handle goes to one port once: a second binding fails as a second
     * association does */
    SetLastError(W32_SENTINEL);
    ok(CreateThreadpoolIo((HANDLE)s, io_cb, &x, NULL) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
       "bound twice: %lu", (unsigned long)GetLastError());
    SetLastError(W32_SENTINEL);
    ok(CreateThreadpoolIo(NULL, io_cb, &x, NULL) == NULL && GetLastError() == ERROR_INVALID_HANDLE,
       "no handle: %lu", (unsigned long)GetLastError());
    /* a socket made without WSA_FLAG_OVERLAPPED, as for BindIoCompletionCallback */
    plain = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, 0);
    SetLastError(W32_SENTINEL);
    ok(CreateThreadpoolIo((HANDLE)plain, io_cb, &x, NULL) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
       "not overlapped: %lu", (unsigned long)GetLastError());
    closesocket(plain);

    StartThreadpoolIo(io);
    expect_fail(WSARecv(s, &b, 1, NULL, &flags, &ov, NULL), WSA_IO_PENDING);
    ok(send(c, "hello", 5, 0) == 5, "sent");
    WaitForThreadpoolIoCallbacks(io, FALSE);
    ok(x.calls == 1, "one call, got %ld", (long)x.calls);
    ok(x.ov == &ov && x.result == ERROR_SUCCESS && x.bytes == 5 && x.io == io, "ov %p result %lu bytes %lu io %p",
       x.ov, (unsigned long)x.result, (unsigned long)x.bytes, (void *)x.io);
    ok(x.tid != GetCurrentThreadId(), "on a pool thread");
    ok(!memcmp(buf, "hello", 5), "the bytes arrived");
    CloseThreadpoolIo(io);
    closesocket(c);
    closesocket(s);
}

/* The wait waits for a started operation to complete, and for a callback
 * that is running (test_kernel32_tp_io). */
WT_CASE(io_wait_waits_for_started_and_running)
{
    SOCKET c, s;
    struct io_ctx x;
    struct waiter wt;
    char buf[16];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0;
    OVERLAPPED ov;
    PTP_IO io = io_pair(&c, &s, &x, &ov);
    x.entered = CreateEventA(NULL, FALSE, FALSE, NULL);
    x.gate = CreateEventA(NULL, TRUE, FALSE, NULL);
    StartThreadpoolIo(io);
    wt.work = NULL;
    wt.io = io;
    HANDLE t = CreateThread(NULL, 0, wait_thread, &wt, 0, NULL);
    ok(WaitForSingleObject(t, 100) == WAIT_TIMEOUT, "a started operation is waited for");
    expect_fail(WSARecv(s, &b, 1, NULL, &flags, &ov, NULL), WSA_IO_PENDING);
    ok(send(c, "x", 1, 0) == 1, "sent");
    ok(WaitForSingleObject(x.entered, 5000) == WAIT_OBJECT_0, "the callback runs");
    ok(WaitForSingleObject(t, 100) == WAIT_TIMEOUT, "the running callback is waited for");
    SetEvent(x.gate);
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "the wait returns after it");
    ok(x.calls == 1 && x.bytes == 1, "calls %ld bytes %lu", (long)x.calls, (unsigned long)x.bytes);
    CloseHandle(t);
    CloseThreadpoolIo(io);
    CloseHandle(x.entered);
    CloseHandle(x.gate);
    closesocket(c);
    closesocket(s);
}

/* An operation that fails at once queues nothing: CancelThreadpoolIo
 * takes its start back, no callback runs, and the next operation's
 * completion is its own. */
WT_CASE(io_failed_at_once_and_cancel)
{
    SOCKET c, s;
    struct io_ctx x;
    char buf[8];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0;
    OVERLAPPED ov, ov2;
    memset(&x, 0, sizeof x);
    memset(&ov, 0, sizeof ov);
    memset(&ov2, 0, sizeof ov2);
    SOCKET u = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    PTP_IO io = CreateThreadpoolIo((HANDLE)u, io_cb, &x, NULL);
    ok(io != NULL, "io made (%lu)", (unsigned long)GetLastError());
    StartThreadpoolIo(io);
    expect_fail(WSARecv(u, &b, 1, NULL, &flags, &ov, NULL), WSAENOTCONN);
    CancelThreadpoolIo(io);
    WaitForThreadpoolIoCallbacks(io, FALSE);
    Sleep(50);
    ok(x.calls == 0, "no callback, got %ld", (long)x.calls);
    CloseThreadpoolIo(io);
    closesocket(u);

    /* started and cancelled before a real operation: its completion is
     * dropped (test_kernel32_tp_io) */
    wt_tcp_pair(&c, &s);
    io = CreateThreadpoolIo((HANDLE)s, io_cb, &x, NULL);
    StartThreadpoolIo(io);
    CancelThreadpoolIo(io);
    expect_fail(WSARecv(s, &b, 1, NULL, &flags, &ov, NULL), WSA_IO_PENDING);
    ok(send(c, "a", 1, 0) == 1, "sent");
    WaitForThreadpoolIoCallbacks(io, FALSE);
    Sleep(50);
    ok(x.calls == 0, "the unannounced completion calls nothing, got %ld", (long)x.calls);
    /* WaitFor...(TRUE) drops a start whose completion has not come; a
     * later start gets the next completion */
    StartThreadpoolIo(io);
    WaitForThreadpoolIoCallbacks(io, TRUE);
    ok(x.calls == 0, "cancelled, got %ld", (long)x.calls);
    StartThreadpoolIo(io);
    expect_fail(WSARecv(s, &b, 1, NULL, &flags, &ov2, NULL), WSA_IO_PENDING);
    ok(send(c, "bc", 2, 0) == 2, "sent");
    WaitForThreadpoolIoCallbacks(io, FALSE);
    ok(x.calls == 1 && x.ov == &ov2 && x.bytes == 2 && x.result == ERROR_SUCCESS,
       "calls %ld ov %p (want %p) bytes %lu result %lu", (long)x.calls, x.ov, (void *)&ov2, (unsigned long)x.bytes,
       (unsigned long)x.result);
    CloseThreadpoolIo(io);
    closesocket(c);
    closesocket(s);
}

/* Completed at once under FILE_SKIP_COMPLETION_PORT_ON_SUCCESS: no packet
 * comes, CancelThreadpoolIo takes the start back (CancelThreadpoolIo docs),
 * and a later pending operation is called back with its own OVERLAPPED. */
WT_CASE(io_skip_completion_port_on_success)
{
    SOCKET c, s;
    struct io_ctx x;
    char buf[8];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0, got = 0;
    OVERLAPPED ov, ov2;
    memset(&ov2, 0, sizeof ov2);
    PTP_IO io = io_pair(&c, &s, &x, &ov);
    expect_w32(SetFileCompletionNotificationModes((HANDLE)s, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS), TRUE,
               W32_SENTINEL);
    ok(send(c, "y", 1, 0) == 1, "sent");
    ok(wt_wait_readable(s) == 1, "readable");
    StartThreadpoolIo(io);
    expect_ok(WSARecv(s, &b, 1, &got, &flags, &ov, NULL));
    ok(got == 1, "one byte at once, got %lu", (unsigned long)got);
    CancelThreadpoolIo(io);
    WaitForThreadpoolIoCallbacks(io, FALSE);
    StartThreadpoolIo(io);
    expect_fail(WSARecv(s, &b, 1, NULL, &flags, &ov2, NULL), WSA_IO_PENDING);
    ok(send(c, "zz", 2, 0) == 2, "sent");
    WaitForThreadpoolIoCallbacks(io, FALSE);
    ok(x.calls == 1 && x.ov == &ov2 && x.bytes == 2, "calls %ld ov %p (want %p) bytes %lu", (long)x.calls, x.ov,
       (void *)&ov2, (unsigned long)x.bytes);
    CloseThreadpoolIo(io);
    closesocket(c);
    closesocket(s);
}

/* closesocket with a receive pending: the callback gets
 * ERROR_OPERATION_ABORTED and no bytes. */
WT_CASE(io_closesocket_aborts_pending_receive)
{
    SOCKET c, s;
    struct io_ctx x;
    char buf[8];
    WSABUF b = wbuf(buf, sizeof buf);
    DWORD flags = 0;
    OVERLAPPED ov;
    PTP_IO io = io_pair(&c, &s, &x, &ov);
    StartThreadpoolIo(io);
    expect_fail(WSARecv(s, &b, 1, NULL, &flags, &ov, NULL), WSA_IO_PENDING);
    expect_ok(closesocket(s));
    WaitForThreadpoolIoCallbacks(io, FALSE);
    ok(x.calls == 1 && x.ov == &ov && x.result == ERROR_OPERATION_ABORTED && x.bytes == 0,
       "calls %ld ov %p result %lu bytes %lu", (long)x.calls, x.ov, (unsigned long)x.result,
       (unsigned long)x.bytes);
    CloseThreadpoolIo(io);
    closesocket(c);
}

WT_MAIN(work_runs_on_a_pool_thread, work_wait_waits_for_a_running_callback, work_closed_while_running,
        try_submit_callback, many_submissions_all_run, io_receive_completes_into_the_callback,
        io_wait_waits_for_started_and_running, io_failed_at_once_and_cancel, io_skip_completion_port_on_success,
        io_closesocket_aborts_pending_receive)
