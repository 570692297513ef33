/* Synchronisation: slim reader/writer locks (exclusive, shared, try, a
 * waiting writer keeps new readers out), condition variables with critical
 * sections and SRW locks (timeouts are FALSE + ERROR_TIMEOUT, a wake with
 * nobody asleep is lost), one-time initialisation (Windows' state values,
 * synchronous and asynchronous rules), WaitOnAddress, mutexes (recursion,
 * ERROR_NOT_OWNER, abandonment, initial owner), semaphores (count checks,
 * ERROR_TOO_MANY_POSTS), named objects (ERROR_ALREADY_EXISTS, case, wrong
 * type, Open*), waitable timers (one-shot, periodic, manual/auto reset,
 * cancel, completion routines as APCs of the setting thread),
 * SignalObjectAndWait and PulseEvent; every object in the wait functions;
 * registered waits (RegisterWaitForSingleObject, UnregisterWait(Ex)).
 * The checks follow Wine's dlls/kernel32/tests/sync.c where it has them. */
#define WT_NO_STARTUP
#include "wstest.h"

#ifndef CREATE_WAITABLE_TIMER_HIGH_RESOLUTION
#define CREATE_WAITABLE_TIMER_HIGH_RESOLUTION 0x00000002 /* older MinGW headers lack it */
#endif

static DWORD elapsed(DWORD start)
{
    return GetTickCount() - start;
}

/* ---- SRW locks ------------------------------------------------------------ */

static SRWLOCK static_lock = SRWLOCK_INIT;

WT_CASE(srw_single_thread)
{
    SRWLOCK l;
    ok(sizeof(SRWLOCK) == sizeof(void *), "an SRWLOCK is one pointer (%u)", (unsigned)sizeof(SRWLOCK));
    l.Ptr = (void *)0x1234;
    InitializeSRWLock(&l);
    ok(l.Ptr == NULL, "InitializeSRWLock zeroes the lock");
    AcquireSRWLockExclusive(&static_lock);
    /* Not recursive: the owner's own try fails (Wine's seq 19). */
    expect_w32(TryAcquireSRWLockExclusive(&static_lock), FALSE, W32_SENTINEL);
    expect_w32(TryAcquireSRWLockShared(&static_lock), FALSE, W32_SENTINEL);
    ReleaseSRWLockExclusive(&static_lock);
    ok(static_lock.Ptr == NULL, "released: back to the initial value");
    expect_w32(TryAcquireSRWLockShared(&l), TRUE, W32_SENTINEL);
    expect_w32(TryAcquireSRWLockShared(&l), TRUE, W32_SENTINEL); /* shared nests */
    expect_w32(TryAcquireSRWLockExclusive(&l), FALSE, W32_SENTINEL);
    ReleaseSRWLockShared(&l);
    expect_w32(TryAcquireSRWLockExclusive(&l), FALSE, W32_SENTINEL);
    ReleaseSRWLockShared(&l);
    expect_w32(TryAcquireSRWLockExclusive(&l), TRUE, W32_SENTINEL);
    ReleaseSRWLockExclusive(&l);
    AcquireSRWLockShared(&l);
    AcquireSRWLockShared(&l);
    ReleaseSRWLockShared(&l);
    ReleaseSRWLockShared(&l);
    ok(l.Ptr == NULL, "all shared owners gone: free");
}

static SRWLOCK count_lock = SRWLOCK_INIT;
static volatile LONG counter, readers_seen_odd;

static DWORD WINAPI srw_writer(LPVOID arg)
{
    (void)arg;
    for (int i = 0; i < 50000; i++) {
        AcquireSRWLockExclusive(&count_lock);
        counter++; /* odd while the writer is inside */
        counter++;
        ReleaseSRWLockExclusive(&count_lock);
    }
    return 0;
}

static DWORD WINAPI srw_reader(LPVOID arg)
{
    (void)arg;
    for (int i = 0; i < 50000; i++) {
        AcquireSRWLockShared(&count_lock);
        if (counter & 1)
            InterlockedIncrement(&readers_seen_odd);
        ReleaseSRWLockShared(&count_lock);
    }
    return 0;
}

WT_CASE(srw_contention)
{
    HANDLE t[6];
    counter = readers_seen_odd = 0;
    for (int i = 0; i < 6; i++)
        t[i] = CreateThread(NULL, 0, i < 3 ? srw_writer : srw_reader, NULL, 0, NULL);
    ok(WaitForMultipleObjects(6, t, TRUE, 30000) == WAIT_OBJECT_0, "the threads finished");
    ok(counter == 3 * 50000 * 2, "exclusive sections never overlapped: %ld", (long)counter);
    ok(readers_seen_odd == 0, "a reader never saw a writer's half-done update (%ld)", (long)readers_seen_odd);
    for (int i = 0; i < 6; i++)
        CloseHandle(t[i]);
}

static SRWLOCK pref_lock = SRWLOCK_INIT;
static volatile LONG pref_state, pref_started;
/* Read what another thread sets with InterlockedExchange (a plain read is a
 * data race to ThreadSanitizer). */
static LONG pref_get(volatile LONG *v)
{
    return InterlockedCompareExchange(v, 0, 0);
}

static DWORD WINAPI pref_writer(LPVOID arg)
{
    (void)arg;
    InterlockedExchange(&pref_started, 1);
    AcquireSRWLockExclusive(&pref_lock); /* blocks behind the main thread's shared hold */
    InterlockedExchange(&pref_state, 1);
    ReleaseSRWLockExclusive(&pref_lock);
    return 0;
}

/* Wine's seq 24 and 13..18: a waiting writer keeps new shared owners out. */
WT_CASE(srw_waiting_writer_preferred)
{
    pref_state = pref_started = 0;
    AcquireSRWLockShared(&pref_lock);
    HANDLE t = CreateThread(NULL, 0, pref_writer, NULL, 0, NULL);
    for (int i = 0; i < 500 && !pref_get(&pref_started); i++)
        Sleep(10); /* a loaded machine may take a while to start it */
    Sleep(100);    /* and it then blocks in its acquire */
    ok(pref_get(&pref_state) == 0, "the writer waits for the shared owner");
    BOOLEAN got = TryAcquireSRWLockShared(&pref_lock);
    ok(!got, "a waiting writer keeps new shared owners out");
    if (got)
        ReleaseSRWLockShared(&pref_lock);
    expect_w32(TryAcquireSRWLockExclusive(&pref_lock), FALSE, W32_SENTINEL);
    ReleaseSRWLockShared(&pref_lock);
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0 && pref_get(&pref_state) == 1, "the writer got the lock");
    expect_w32(TryAcquireSRWLockShared(&pref_lock), TRUE, W32_SENTINEL);
    ReleaseSRWLockShared(&pref_lock);
    CloseHandle(t);
}

/* ---- condition variables ---------------------------------------------------- */

static CONDITION_VARIABLE cv_static = CONDITION_VARIABLE_INIT;

WT_CASE(cv_timeouts)
{
    CRITICAL_SECTION cs;
    SRWLOCK l = SRWLOCK_INIT;
    InitializeCriticalSection(&cs);
    EnterCriticalSection(&cs);
    DWORD t0 = GetTickCount();
    expect_w32(SleepConditionVariableCS(&cv_static, &cs, 50), FALSE, ERROR_TIMEOUT);
    ok(elapsed(t0) >= 40 && elapsed(t0) < 2000, "the timeout was waited (%lu ms)", (unsigned long)elapsed(t0));
    ok(TryEnterCriticalSection(&cs), "the section is held again after the sleep");
    LeaveCriticalSection(&cs);
    expect_w32(SleepConditionVariableCS(&cv_static, &cs, 0), FALSE, ERROR_TIMEOUT);
    LeaveCriticalSection(&cs);
    /* A wake with nobody asleep is not remembered (Wine's seq 1..4). */
    WakeConditionVariable(&cv_static);
    WakeAllConditionVariable(&cv_static);
    AcquireSRWLockExclusive(&l);
    expect_w32(SleepConditionVariableSRW(&cv_static, &l, 10, 0), FALSE, ERROR_TIMEOUT);
    expect_w32(TryAcquireSRWLockShared(&l), FALSE, W32_SENTINEL); /* held exclusive again */
    ReleaseSRWLockExclusive(&l);
    AcquireSRWLockShared(&l);
    expect_w32(SleepConditionVariableSRW(&cv_static, &l, 10, CONDITION_VARIABLE_LOCKMODE_SHARED), FALSE,
               ERROR_TIMEOUT);
    expect_w32(TryAcquireSRWLockExclusive(&l), FALSE, W32_SENTINEL); /* held shared again */
    expect_w32(SleepConditionVariableSRW(&cv_static, &l, 10, 2), FALSE, ERROR_INVALID_PARAMETER);
    ReleaseSRWLockShared(&l);
    DeleteCriticalSection(&cs);
}

#define QUEUE_MAX 5
static CRITICAL_SECTION q_cs;
static CONDITION_VARIABLE q_notempty, q_notfull;
static SRWLOCK q_srw = SRWLOCK_INIT;
static volatile LONG q_len, q_produced, q_consumed, q_stop, q_sleep_errors;
static BOOL q_use_srw;

static BOOL q_sleep(CONDITION_VARIABLE *cv)
{
    BOOL r = q_use_srw ? SleepConditionVariableSRW(cv, &q_srw, 5, 0) : SleepConditionVariableCS(cv, &q_cs, 5);
    if (!r && GetLastError() != ERROR_TIMEOUT)
        InterlockedIncrement(&q_sleep_errors);
    return r;
}
static void q_lock(void)
{
    if (q_use_srw)
        AcquireSRWLockExclusive(&q_srw);
    else
        EnterCriticalSection(&q_cs);
}
static void q_unlock(void)
{
    if (q_use_srw)
        ReleaseSRWLockExclusive(&q_srw);
    else
        LeaveCriticalSection(&q_cs);
}

static DWORD WINAPI producer(LPVOID arg)
{
    (void)arg;
    for (;;) {
        q_lock();
        while (q_len == QUEUE_MAX && !q_stop)
            q_sleep(&q_notfull);
        if (q_stop) {
            q_unlock();
            return 0;
        }
        q_len++;
        q_produced++;
        q_unlock();
        WakeConditionVariable(&q_notempty);
    }
}

static DWORD WINAPI consumer(LPVOID arg)
{
    (void)arg;
    for (;;) {
        q_lock();
        while (q_len == 0 && !q_stop)
            q_sleep(&q_notempty);
        if (q_len == 0 && q_stop) {
            q_unlock();
            return 0;
        }
        q_len--;
        q_consumed++;
        q_unlock();
        WakeConditionVariable(&q_notfull);
    }
}

static void producer_consumer(BOOL srw)
{
    HANDLE t[6];
    q_use_srw = srw;
    q_len = q_produced = q_consumed = q_stop = q_sleep_errors = 0;
    InitializeConditionVariable(&q_notempty);
    InitializeConditionVariable(&q_notfull);
    InitializeCriticalSection(&q_cs);
    for (int i = 0; i < 6; i++)
        t[i] = CreateThread(NULL, 0, i & 1 ? consumer : producer, NULL, 0, NULL);
    Sleep(300);
    q_lock();
    q_stop = 1;
    q_unlock();
    WakeAllConditionVariable(&q_notfull);
    WakeAllConditionVariable(&q_notempty);
    ok(WaitForMultipleObjects(6, t, TRUE, 10000) == WAIT_OBJECT_0, "producers and consumers ended");
    ok(q_produced > 100 && q_produced == q_consumed, "produced %ld, consumed %ld", (long)q_produced,
       (long)q_consumed);
    ok(q_sleep_errors == 0, "every failed sleep was a timeout (%ld others)", (long)q_sleep_errors);
    for (int i = 0; i < 6; i++)
        CloseHandle(t[i]);
    DeleteCriticalSection(&q_cs);
}

WT_CASE(cv_producer_consumer_cs)
{
    producer_consumer(FALSE);
}

WT_CASE(cv_producer_consumer_srw)
{
    producer_consumer(TRUE);
}

static CRITICAL_SECTION wake_cs;
static CONDITION_VARIABLE wake_cv = CONDITION_VARIABLE_INIT;
static volatile LONG wake_flag;

static DWORD WINAPI late_waker(LPVOID arg)
{
    (void)arg;
    Sleep(50);
    EnterCriticalSection(&wake_cs);
    wake_flag = 1;
    WakeConditionVariable(&wake_cv);
    Sleep(30); /* the sleeper wakes only once the section is free */
    LeaveCriticalSection(&wake_cs);
    return 0;
}

WT_CASE(cv_wake_inside_section)
{
    InitializeCriticalSection(&wake_cs);
    wake_flag = 0;
    EnterCriticalSection(&wake_cs);
    HANDLE t = CreateThread(NULL, 0, late_waker, NULL, 0, NULL);
    BOOL r = TRUE;
    while (!wake_flag && r)
        r = SleepConditionVariableCS(&wake_cv, &wake_cs, 5000);
    ok(r && wake_flag, "woken by the other thread's wake");
    LeaveCriticalSection(&wake_cs);
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    DeleteCriticalSection(&wake_cs);
}

/* ---- one-time initialisation ------------------------------------------------- */

static int once_calls;
static void *once_ctx_in;
static BOOL once_ret;

static BOOL CALLBACK once_fn(PINIT_ONCE once, PVOID param, PVOID *ctx)
{
    once_calls++;
    ok(once->Ptr == (void *)1, "running: the structure says so (%p)", once->Ptr);
    ok(param == (void *)0xdeadbeef, "the parameter is passed through");
    if (ctx)
        *ctx = once_ctx_in;
    return once_ret;
}

WT_CASE(initonce_execute)
{
    INIT_ONCE once = INIT_ONCE_STATIC_INIT;
    void *ctx = NULL;
    once.Ptr = (void *)0xdeadbeef;
    InitOnceInitialize(&once);
    ok(once.Ptr == NULL, "InitOnceInitialize zeroes it");
    once_calls = 0;
    once_ret = TRUE;
    once_ctx_in = (void *)0xfffffff0;
    expect_w32(InitOnceExecuteOnce(&once, once_fn, (void *)0xdeadbeef, &ctx), TRUE, W32_SENTINEL);
    ok(once_calls == 1 && ctx == (void *)0xfffffff0, "ran once, context %p", ctx);
    ok(once.Ptr == (void *)0xfffffff2, "done: context | 2 (%p)", once.Ptr);
    ctx = NULL;
    expect_w32(InitOnceExecuteOnce(&once, once_fn, (void *)0xdeadbeef, &ctx), TRUE, W32_SENTINEL);
    ok(once_calls == 1 && ctx == (void *)0xfffffff0, "not again; the context is returned");
    /* A failing callback leaves it to the next caller, the last error as the callback left it. */
    InitOnceInitialize(&once);
    once_ret = FALSE;
    once_ctx_in = NULL;
    expect_w32(InitOnceExecuteOnce(&once, once_fn, (void *)0xdeadbeef, &ctx), FALSE, W32_SENTINEL);
    ok(once.Ptr == NULL, "failed: not started again (%p)", once.Ptr);
    once_ret = TRUE;
    expect_w32(InitOnceExecuteOnce(&once, once_fn, (void *)0xdeadbeef, NULL), TRUE, W32_SENTINEL);
    ok(once_calls == 3 && once.Ptr == (void *)2, "the next caller ran it (%d, %p)", once_calls, once.Ptr);
}

/* The sequences of Wine's test_initonce. */
WT_CASE(initonce_begin_complete)
{
    INIT_ONCE once;
    BOOL pending;
    void *ctx = NULL;
    InitOnceInitialize(&once);
    expect_w32(InitOnceBeginInitialize(&once, 0, &pending, &ctx), TRUE, W32_SENTINEL);
    ok(pending && once.Ptr == (void *)1, "sync begun: pending, state 1");
    pending = 0xf;
    expect_w32(InitOnceBeginInitialize(&once, INIT_ONCE_CHECK_ONLY, &pending, &ctx), FALSE, ERROR_GEN_FAILURE);
    ok(pending == 0xf, "a failed check leaves pending alone");
    expect_w32(InitOnceBeginInitialize(&once, INIT_ONCE_ASYNC, &pending, &ctx), FALSE, ERROR_INVALID_PARAMETER);
    expect_w32(InitOnceComplete(&once, INIT_ONCE_INIT_FAILED, (void *)0xdeadbee0), FALSE, ERROR_INVALID_PARAMETER);
    expect_w32(InitOnceComplete(&once, INIT_ONCE_INIT_FAILED | INIT_ONCE_ASYNC, NULL), FALSE,
               ERROR_INVALID_PARAMETER);
    expect_w32(InitOnceComplete(&once, 0, (void *)0xdeadbeef), FALSE, ERROR_INVALID_PARAMETER);
    ok(once.Ptr == (void *)1, "the failures changed nothing");
    expect_w32(InitOnceComplete(&once, 0, (void *)0xdeadbee0), TRUE, W32_SENTINEL);
    ok(once.Ptr == (void *)0xdeadbee2, "completed: %p", once.Ptr);
    ctx = NULL;
    expect_w32(InitOnceBeginInitialize(&once, INIT_ONCE_CHECK_ONLY, &pending, &ctx), TRUE, W32_SENTINEL);
    ok(!pending && ctx == (void *)0xdeadbee0, "checked: done, context back");
    expect_w32(InitOnceBeginInitialize(&once, INIT_ONCE_CHECK_ONLY | INIT_ONCE_ASYNC, &pending, &ctx), FALSE,
               ERROR_INVALID_PARAMETER);
    /* Failed synchronous initialisation: back to the start. */
    InitOnceInitialize(&once);
    expect_w32(InitOnceComplete(&once, INIT_ONCE_INIT_FAILED, NULL), FALSE, ERROR_GEN_FAILURE);
    expect_w32(InitOnceBeginInitialize(&once, INIT_ONCE_CHECK_ONLY, &pending, &ctx), FALSE, ERROR_GEN_FAILURE);
    expect_w32(InitOnceBeginInitialize(&once, 0, &pending, &ctx), TRUE, W32_SENTINEL);
    expect_w32(InitOnceComplete(&once, INIT_ONCE_INIT_FAILED, NULL), TRUE, W32_SENTINEL);
    ok(once.Ptr == NULL, "failed: state 0 again");
    /* Asynchronous: every caller is pending; the first to complete wins. */
    expect_w32(InitOnceBeginInitialize(&once, INIT_ONCE_ASYNC, &pending, &ctx), TRUE, W32_SENTINEL);
    ok(pending && once.Ptr == (void *)3, "async begun: state 3");
    expect_w32(InitOnceBeginInitialize(&once, INIT_ONCE_ASYNC, &pending, &ctx), TRUE, W32_SENTINEL);
    expect_w32(InitOnceBeginInitialize(&once, 0, &pending, &ctx), FALSE, ERROR_INVALID_PARAMETER);
    expect_w32(InitOnceBeginInitialize(&once, INIT_ONCE_CHECK_ONLY, &pending, &ctx), FALSE, ERROR_GEN_FAILURE);
    expect_w32(InitOnceComplete(&once, INIT_ONCE_INIT_FAILED, NULL), FALSE, ERROR_INVALID_PARAMETER);
    expect_w32(InitOnceComplete(&once, INIT_ONCE_ASYNC, (void *)0xdeadbeef), FALSE, ERROR_INVALID_PARAMETER);
    expect_w32(InitOnceComplete(&once, INIT_ONCE_ASYNC, (void *)0xdeadbee0), TRUE, W32_SENTINEL);
    ok(once.Ptr == (void *)0xdeadbee2, "async completed: %p", once.Ptr);
    ok(!InitOnceComplete(&once, INIT_ONCE_ASYNC, (void *)0xbee0), "a second completion loses");
    expect_w32(InitOnceBeginInitialize(&once, INIT_ONCE_ASYNC, &pending, &ctx), TRUE, W32_SENTINEL);
    ok(!pending && ctx == (void *)0xdeadbee0, "done: not pending, the winner's context");
}

static INIT_ONCE race_once = INIT_ONCE_STATIC_INIT;
static volatile LONG race_calls, race_bad;

static BOOL CALLBACK race_fn(PINIT_ONCE once, PVOID param, PVOID *ctx)
{
    (void)once, (void)param;
    InterlockedIncrement(&race_calls);
    Sleep(50); /* the others block meanwhile */
    *ctx = (void *)0x40;
    return TRUE;
}

static DWORD WINAPI race_thread(LPVOID arg)
{
    (void)arg;
    void *ctx = NULL;
    if (!InitOnceExecuteOnce(&race_once, race_fn, NULL, &ctx) || ctx != (void *)0x40)
        InterlockedIncrement(&race_bad);
    return 0;
}

WT_CASE(initonce_threads)
{
    HANDLE t[4];
    for (int i = 0; i < 4; i++)
        t[i] = CreateThread(NULL, 0, race_thread, NULL, 0, NULL);
    ok(WaitForMultipleObjects(4, t, TRUE, 5000) == WAIT_OBJECT_0, "all returned");
    ok(race_calls == 1 && race_bad == 0, "one call (%ld), everyone saw its context (%ld bad)", (long)race_calls,
       (long)race_bad);
    for (int i = 0; i < 4; i++)
        CloseHandle(t[i]);
}

/* ---- WaitOnAddress ------------------------------------------------------------ */

static volatile LONG address_value;
/* Four bytes in one word: the neighbour is changed with an interlocked
 * operation on the word, as a program sharing it between threads would. */
static volatile union {
    LONG word;
    char bytes[4];
} address_bytes;

static DWORD WINAPI address_setter(LPVOID arg)
{
    (void)arg;
    Sleep(50);
    InterlockedOr(&address_bytes.word, 1L << 16); /* byte 2: a neighbour's change and wake do not end the wait on byte 1 */
    WakeByAddressAll((void *)&address_bytes.bytes[2]);
    Sleep(200);
    InterlockedExchange(&address_value, 1);
    WakeByAddressSingle((void *)&address_value);
    return 0;
}

WT_CASE(wait_on_address)
{
    LONG cmp = 0;
    char c0 = 0;
    address_value = 5;
    expect_w32(WaitOnAddress(&address_value, &cmp, sizeof cmp, 1000), TRUE, W32_SENTINEL); /* differs already */
    address_value = 0;
    DWORD t0 = GetTickCount();
    expect_w32(WaitOnAddress(&address_value, &cmp, sizeof cmp, 30), FALSE, ERROR_TIMEOUT);
    ok(elapsed(t0) >= 20, "the timeout was waited");
    expect_w32(WaitOnAddress(&address_value, &cmp, 3, 0), FALSE, ERROR_INVALID_PARAMETER);
    HANDLE t = CreateThread(NULL, 0, address_setter, NULL, 0, NULL);
    t0 = GetTickCount();
    expect_w32(WaitOnAddress(&address_bytes.bytes[1], &c0, 1, 150), FALSE, ERROR_TIMEOUT);
    /* InterlockedCompareExchange(v, 0, 0): an interlocked read, since the
     * setter changes the value from its thread. */
    ok(InterlockedCompareExchange(&address_value, 0, 0) == 0, "the value is still the old one");
    while (InterlockedCompareExchange(&address_value, 0, 0) == 0 && elapsed(t0) < 5000)
        WaitOnAddress(&address_value, &cmp, sizeof cmp, 5000);
    ok(InterlockedCompareExchange(&address_value, 0, 0) == 1 && elapsed(t0) < 5000, "woken by WakeByAddressSingle");
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    WakeByAddressSingle(&cmp); /* no waiter: nothing happens */
}

/* ---- mutexes ------------------------------------------------------------------- */

static HANDLE mtx;

static DWORD WINAPI try_mutex(LPVOID arg)
{
    DWORD r = WaitForSingleObject(mtx, (DWORD)(ULONG_PTR)arg);
    if (r == WAIT_OBJECT_0 || r == WAIT_ABANDONED)
        ReleaseMutex(mtx);
    return r;
}

static DWORD WINAPI release_foreign(LPVOID arg)
{
    (void)arg;
    SetLastError(W32_SENTINEL);
    return ReleaseMutex(mtx) ? 0 : GetLastError();
}

static DWORD run_thread(LPTHREAD_START_ROUTINE fn, void *arg)
{
    DWORD code = 0xffffffff;
    HANDLE t = CreateThread(NULL, 0, fn, arg, 0, NULL);
    WaitForSingleObject(t, 10000);
    GetExitCodeThread(t, &code);
    CloseHandle(t);
    return code;
}

WT_CASE(mutex_ownership)
{
    expect_w32(mtx = CreateMutexA(NULL, FALSE, NULL), mtx, 0);
    ok(mtx != NULL, "created");
    expect_w32(ReleaseMutex(mtx), FALSE, ERROR_NOT_OWNER);
    for (int i = 0; i < 3; i++)
        expect_w32(WaitForSingleObject(mtx, 0), WAIT_OBJECT_0, W32_SENTINEL); /* recursion */
    ok(run_thread(try_mutex, (void *)50) == WAIT_TIMEOUT, "another thread cannot take it");
    ok(run_thread(release_foreign, NULL) == ERROR_NOT_OWNER, "nor release it");
    for (int i = 0; i < 3; i++)
        expect_w32(ReleaseMutex(mtx), TRUE, W32_SENTINEL);
    expect_w32(ReleaseMutex(mtx), FALSE, ERROR_NOT_OWNER);
    ok(run_thread(try_mutex, (void *)50) == WAIT_OBJECT_0, "released as often as taken: free");
    CloseHandle(mtx);
    /* The creator owns an initial-owner mutex. */
    expect_w32(mtx = CreateMutexW(NULL, TRUE, NULL), mtx, 0);
    ok(run_thread(try_mutex, (void *)50) == WAIT_TIMEOUT, "owned by its creator");
    expect_w32(ReleaseMutex(mtx), TRUE, W32_SENTINEL);
    expect_w32(ReleaseMutex(mtx), FALSE, ERROR_NOT_OWNER);
    CloseHandle(mtx);
    expect_w32(mtx = CreateMutexExA(NULL, NULL, CREATE_MUTEX_INITIAL_OWNER, MUTEX_ALL_ACCESS), mtx, 0);
    expect_w32(ReleaseMutex(mtx), TRUE, W32_SENTINEL);
    CloseHandle(mtx);
    expect_w32(CreateMutexExA(NULL, NULL, 2, MUTEX_ALL_ACCESS), NULL, ERROR_INVALID_PARAMETER);
    expect_w32(ReleaseMutex(NULL), FALSE, ERROR_INVALID_HANDLE);
    HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL);
    expect_w32(ReleaseMutex(ev), FALSE, ERROR_INVALID_HANDLE);
    CloseHandle(ev);
}

static DWORD WINAPI take_and_exit(LPVOID arg)
{
    (void)arg;
    WaitForSingleObject(mtx, 0);
    WaitForSingleObject(mtx, 0);
    return 0; /* ends owning it twice */
}

WT_CASE(mutex_abandoned)
{
    mtx = CreateMutexA(NULL, FALSE, NULL);
    run_thread(take_and_exit, NULL);
    expect_w32(WaitForSingleObject(mtx, 1000), WAIT_ABANDONED, W32_SENTINEL);
    expect_w32(ReleaseMutex(mtx), TRUE, W32_SENTINEL); /* owned once, by the waiter */
    expect_w32(ReleaseMutex(mtx), FALSE, ERROR_NOT_OWNER);
    expect_w32(WaitForSingleObject(mtx, 0), WAIT_OBJECT_0, W32_SENTINEL); /* no longer abandoned */
    ReleaseMutex(mtx);
    /* In a wait-any, the abandoned mutex's index is reported. */
    HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL), hs[2] = {ev, mtx};
    run_thread(take_and_exit, NULL);
    expect_w32(WaitForMultipleObjects(2, hs, FALSE, 1000), WAIT_ABANDONED_0 + 1, W32_SENTINEL);
    ReleaseMutex(mtx);
    CloseHandle(ev);
    CloseHandle(mtx);
}

/* ---- named objects ----------------------------------------------------------------- */

WT_CASE(named_objects)
{
    HANDLE m, m2;
    expect_w32(OpenMutexA(SYNCHRONIZE, FALSE, "ws2p test mutex"), NULL, ERROR_FILE_NOT_FOUND);
    expect_w32(m = CreateMutexA(NULL, FALSE, "ws2p test mutex"), m, 0);
    mtx = m;
    expect_w32(m2 = CreateMutexA(NULL, TRUE, "ws2p test mutex"), m2, ERROR_ALREADY_EXISTS);
    ok(m2 && m2 != m, "a second handle to the same mutex");
    ok(run_thread(try_mutex, (void *)0) == WAIT_OBJECT_0, "the existing mutex's ownership was not taken");
    expect_w32(WaitForSingleObject(m2, 0), WAIT_OBJECT_0, W32_SENTINEL);
    expect_w32(ReleaseMutex(m), TRUE, W32_SENTINEL); /* one object behind both handles */
    CloseHandle(m2);
    expect_w32(m2 = CreateMutexA(NULL, FALSE, "WS2P TEST MUTEX"), m2, 0); /* names are case sensitive */
    CloseHandle(m2);
    expect_w32(OpenMutexA(SYNCHRONIZE, FALSE, "WS2P TEST MUTEX"), NULL, ERROR_FILE_NOT_FOUND); /* closed: gone */
    expect_w32(m2 = OpenMutexA(SYNCHRONIZE, FALSE, "ws2p test mutex"), m2, W32_SENTINEL);
    ok(m2 != NULL, "opened");
    CloseHandle(m2);
    expect_w32(m2 = OpenMutexW(SYNCHRONIZE, TRUE, L"ws2p test mutex"), m2, W32_SENTINEL);
    ok(m2 != NULL, "opened by its W name");
    DWORD flags = 0;
    ok(GetHandleInformation(m2, &flags) && (flags & HANDLE_FLAG_INHERIT), "an inheritable handle");
    CloseHandle(m2);
    expect_w32(OpenMutexA(0, FALSE, "ws2p test mutex"), NULL, ERROR_ACCESS_DENIED);
    expect_w32(OpenMutexA(SYNCHRONIZE, FALSE, NULL), NULL, ERROR_INVALID_PARAMETER);
    expect_w32(OpenMutexW(SYNCHRONIZE, FALSE, NULL), NULL, ERROR_INVALID_PARAMETER);
    /* A name belongs to one type. */
    expect_w32(CreateEventA(NULL, FALSE, FALSE, "ws2p test mutex"), NULL, ERROR_INVALID_HANDLE);
    expect_w32(CreateSemaphoreA(NULL, 0, 1, "ws2p test mutex"), NULL, ERROR_INVALID_HANDLE);
    expect_w32(CreateWaitableTimerA(NULL, FALSE, "ws2p test mutex"), NULL, ERROR_INVALID_HANDLE);
    expect_w32(OpenEventA(EVENT_ALL_ACCESS, FALSE, "ws2p test mutex"), NULL, ERROR_INVALID_HANDLE);
    CloseHandle(m);
    expect_w32(OpenMutexA(SYNCHRONIZE, FALSE, "ws2p test mutex"), NULL, ERROR_FILE_NOT_FOUND);

    HANDLE e, e2;
    expect_w32(e = CreateEventW(NULL, TRUE, FALSE, L"ws2p event"), e, 0);
    expect_w32(e2 = CreateEventA(NULL, FALSE, TRUE, "ws2p event"), e2, ERROR_ALREADY_EXISTS);
    expect_w32(WaitForSingleObject(e2, 0), WAIT_TIMEOUT, W32_SENTINEL); /* the first event, not signalled */
    SetEvent(e);
    expect_w32(WaitForSingleObject(e2, 0), WAIT_OBJECT_0, W32_SENTINEL);
    expect_w32(WaitForSingleObject(e2, 0), WAIT_OBJECT_0, W32_SENTINEL); /* manual reset, as created */
    CloseHandle(e2);
    expect_w32(e2 = OpenEventA(EVENT_MODIFY_STATE | SYNCHRONIZE, FALSE, "ws2p event"), e2, W32_SENTINEL);
    CloseHandle(e2);
    expect_w32(OpenEventW(EVENT_ALL_ACCESS, FALSE, NULL), NULL, ERROR_INVALID_PARAMETER);
    expect_w32(OpenSemaphoreA(SEMAPHORE_ALL_ACCESS, FALSE, "ws2p event"), NULL, ERROR_INVALID_HANDLE);
    CloseHandle(e);
    expect_w32(e = CreateEventA(NULL, FALSE, FALSE, ""), e, 0); /* an empty name is no name */
    expect_w32(e2 = CreateEventA(NULL, FALSE, FALSE, ""), e2, 0);
    CloseHandle(e);
    CloseHandle(e2);
}

/* ---- semaphores ----------------------------------------------------------------------- */

WT_CASE(semaphores)
{
    HANDLE s;
    LONG prev = -1;
    expect_w32(CreateSemaphoreA(NULL, -1, 1, NULL), NULL, ERROR_INVALID_PARAMETER);
    expect_w32(CreateSemaphoreA(NULL, 0, 0, NULL), NULL, ERROR_INVALID_PARAMETER);
    expect_w32(CreateSemaphoreA(NULL, 2, 1, NULL), NULL, ERROR_INVALID_PARAMETER);
    expect_w32(CreateSemaphoreExA(NULL, 0, 1, NULL, 1, SEMAPHORE_ALL_ACCESS), NULL, ERROR_INVALID_PARAMETER);
    expect_w32(s = CreateSemaphoreW(NULL, 1, 3, NULL), s, 0);
    expect_w32(ReleaseSemaphore(s, 1, &prev), TRUE, W32_SENTINEL);
    ok(prev == 1, "previous count %ld", (long)prev);
    prev = -1;
    expect_w32(ReleaseSemaphore(s, 2, &prev), FALSE, ERROR_TOO_MANY_POSTS);
    ok(prev == -1, "a failed release reports nothing");
    expect_w32(ReleaseSemaphore(s, 0, NULL), FALSE, ERROR_INVALID_PARAMETER);
    expect_w32(ReleaseSemaphore(s, -1, NULL), FALSE, ERROR_INVALID_PARAMETER);
    expect_w32(ReleaseSemaphore(s, 1, &prev), TRUE, W32_SENTINEL);
    ok(prev == 2, "the failures changed nothing: %ld", (long)prev);
    for (int i = 0; i < 3; i++)
        expect_w32(WaitForSingleObject(s, 0), WAIT_OBJECT_0, W32_SENTINEL);
    expect_w32(WaitForSingleObject(s, 10), WAIT_TIMEOUT, W32_SENTINEL);
    /* Wait-all takes from every object at once. */
    HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL), hs[2] = {s, ev};
    ReleaseSemaphore(s, 1, NULL);
    expect_w32(WaitForMultipleObjects(2, hs, TRUE, 10), WAIT_TIMEOUT, W32_SENTINEL);
    expect_w32(ReleaseSemaphore(s, 1, &prev), TRUE, W32_SENTINEL);
    ok(prev == 1, "a wait-all that timed out took nothing (%ld)", (long)prev);
    SetEvent(ev);
    expect_w32(WaitForMultipleObjects(2, hs, TRUE, 10), WAIT_OBJECT_0, W32_SENTINEL);
    expect_w32(ReleaseSemaphore(s, 1, &prev), TRUE, W32_SENTINEL);
    ok(prev == 1, "took one count (%ld)", (long)prev);
    expect_w32(ReleaseSemaphore(ev, 1, NULL), FALSE, ERROR_INVALID_HANDLE);
    CloseHandle(ev);
    CloseHandle(s);
    expect_w32(s = CreateSemaphoreA(NULL, 0, 1, "ws2p sem"), s, 0);
    HANDLE s2;
    expect_w32(s2 = CreateSemaphoreExW(NULL, 1, 5, L"ws2p sem", 0, SEMAPHORE_ALL_ACCESS), s2, ERROR_ALREADY_EXISTS);
    expect_w32(WaitForSingleObject(s2, 0), WAIT_TIMEOUT, W32_SENTINEL); /* the first one's count */
    CloseHandle(s2);
    expect_w32(s2 = OpenSemaphoreW(SEMAPHORE_MODIFY_STATE, FALSE, L"ws2p sem"), s2, W32_SENTINEL);
    expect_w32(ReleaseSemaphore(s2, 1, NULL), TRUE, W32_SENTINEL);
    expect_w32(WaitForSingleObject(s, 0), WAIT_OBJECT_0, W32_SENTINEL);
    CloseHandle(s2);
    CloseHandle(s);
}

/* ---- waitable timers -------------------------------------------------------------------- */

static LARGE_INTEGER rel_ms(LONG ms)
{
    LARGE_INTEGER li;
    li.QuadPart = -(LONGLONG)ms * 10000;
    return li;
}

WT_CASE(timer_one_shot)
{
    HANDLE t;
    LARGE_INTEGER due = rel_ms(50);
    expect_w32(t = CreateWaitableTimerA(NULL, FALSE, NULL), t, 0);
    expect_w32(WaitForSingleObject(t, 0), WAIT_TIMEOUT, W32_SENTINEL); /* never set: not signalled */
    DWORD t0 = GetTickCount();
    expect_w32(SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE), TRUE, W32_SENTINEL);
    expect_w32(WaitForSingleObject(t, 0), WAIT_TIMEOUT, W32_SENTINEL);
    expect_w32(WaitForSingleObject(t, 2000), WAIT_OBJECT_0, W32_SENTINEL);
    ok(elapsed(t0) >= 40 && elapsed(t0) < 1000, "fired after about 50 ms (%lu)", (unsigned long)elapsed(t0));
    expect_w32(WaitForSingleObject(t, 100), WAIT_TIMEOUT, W32_SENTINEL); /* auto reset, and not periodic */
    /* An absolute due time already past fires at once. */
    due.QuadPart = 1;
    expect_w32(SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE), TRUE, W32_SENTINEL);
    expect_w32(WaitForSingleObject(t, 1000), WAIT_OBJECT_0, W32_SENTINEL);
    /* Failures. */
    expect_w32(SetWaitableTimer(t, &due, -1, NULL, NULL, FALSE), FALSE, ERROR_INVALID_PARAMETER);
    expect_w32(SetWaitableTimer(NULL, &due, 0, NULL, NULL, FALSE), FALSE, ERROR_INVALID_HANDLE);
    HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL);
    expect_w32(SetWaitableTimer(ev, &due, 0, NULL, NULL, FALSE), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(CancelWaitableTimer(ev), FALSE, ERROR_INVALID_HANDLE);
    CloseHandle(ev);
    /* fResume is not supported: set anyway, and said so. */
    due = rel_ms(10);
    expect_w32(SetWaitableTimer(t, &due, 0, NULL, NULL, TRUE), TRUE, ERROR_NOT_SUPPORTED);
    expect_w32(WaitForSingleObject(t, 1000), WAIT_OBJECT_0, W32_SENTINEL);
    CloseHandle(t);
    expect_w32(CreateWaitableTimerExA(NULL, NULL, 4, TIMER_ALL_ACCESS), NULL, ERROR_INVALID_PARAMETER);
}

WT_CASE(timer_manual_periodic_cancel)
{
    HANDLE t = CreateWaitableTimerExW(
        NULL, NULL, CREATE_WAITABLE_TIMER_MANUAL_RESET | CREATE_WAITABLE_TIMER_HIGH_RESOLUTION, TIMER_ALL_ACCESS);
    LARGE_INTEGER due = rel_ms(20);
    ok(t != NULL, "created");
    SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE);
    expect_w32(WaitForSingleObject(t, 1000), WAIT_OBJECT_0, W32_SENTINEL);
    expect_w32(WaitForSingleObject(t, 0), WAIT_OBJECT_0, W32_SENTINEL); /* manual reset: stays signalled */
    expect_w32(CancelWaitableTimer(t), TRUE, W32_SENTINEL);
    expect_w32(WaitForSingleObject(t, 0), WAIT_OBJECT_0, W32_SENTINEL); /* cancel leaves the state */
    due = rel_ms(200);
    SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE);
    expect_w32(WaitForSingleObject(t, 0), WAIT_TIMEOUT, W32_SENTINEL); /* setting it resets it */
    CancelWaitableTimer(t);
    expect_w32(WaitForSingleObject(t, 300), WAIT_TIMEOUT, W32_SENTINEL); /* cancelled: never fires */
    CloseHandle(t);

    /* Periodic, auto reset: each period signals it again. */
    t = CreateWaitableTimerW(NULL, FALSE, NULL);
    due = rel_ms(10);
    SetWaitableTimer(t, &due, 20, NULL, NULL, FALSE);
    int fired = 0;
    DWORD t0 = GetTickCount();
    while (fired < 5 && elapsed(t0) < 3000)
        if (WaitForSingleObject(t, 1000) == WAIT_OBJECT_0)
            fired++;
    ok(fired == 5 && elapsed(t0) >= 70, "5 periods in %lu ms", (unsigned long)elapsed(t0));
    CancelWaitableTimer(t);
    WaitForSingleObject(t, 0);
    expect_w32(WaitForSingleObject(t, 100), WAIT_TIMEOUT, W32_SENTINEL);
    CloseHandle(t);
}

static int apc_calls;
static void *apc_arg;
static DWORD apc_high;

static void CALLBACK timer_routine(LPVOID arg, DWORD low, DWORD high)
{
    (void)low;
    apc_calls++;
    apc_arg = arg;
    apc_high = high;
}

static DWORD WINAPI alertable_elsewhere(LPVOID arg)
{
    (void)arg;
    return SleepEx(150, TRUE);
}

WT_CASE(timer_completion_routine)
{
    HANDLE t = CreateWaitableTimerA(NULL, TRUE, NULL);
    LARGE_INTEGER due = rel_ms(30);
    apc_calls = 0;
    expect_w32(SetWaitableTimer(t, &due, 0, timer_routine, (void *)0x1234, FALSE), TRUE, W32_SENTINEL);
    /* Another thread's alertable wait does not run it: it belongs to the setter. */
    ok(run_thread(alertable_elsewhere, NULL) == 0, "another thread's SleepEx ran nothing");
    ok(apc_calls == 0, "not run outside an alertable wait");
    expect_w32(WaitForSingleObject(t, 0), WAIT_OBJECT_0, W32_SENTINEL); /* the timer itself fired */
    ok(apc_calls == 0, "a non-alertable wait runs no APC");
    expect_w32(SleepEx(1000, TRUE), WAIT_IO_COMPLETION, W32_SENTINEL);
    ok(apc_calls == 1 && apc_arg == (void *)0x1234, "the routine ran once with its argument (%d)", apc_calls);
    ok(apc_high > 0x01000000, "it was given the time it fired (FILETIME high %#lx)", (unsigned long)apc_high);
    expect_w32(SleepEx(50, TRUE), 0, W32_SENTINEL); /* one-shot: nothing more */

    /* Periodic: an alertable wait in a loop gets one call per period. */
    due = rel_ms(10);
    apc_calls = 0;
    SetWaitableTimer(t, &due, 20, timer_routine, NULL, FALSE);
    DWORD t0 = GetTickCount();
    while (apc_calls < 4 && elapsed(t0) < 3000)
        SleepEx(1000, TRUE);
    ok(apc_calls == 4, "4 periodic calls (%d) in %lu ms", apc_calls, (unsigned long)elapsed(t0));
    /* Cancelling removes the call a fired period left queued. */
    Sleep(50);
    WaitForSingleObject(t, 0);
    expect_w32(CancelWaitableTimer(t), TRUE, W32_SENTINEL);
    apc_calls = 0;
    expect_w32(SleepEx(60, TRUE), 0, W32_SENTINEL);
    ok(apc_calls == 0, "no call after the cancel (%d)", apc_calls);
    /* Closing the last handle ends the timer and its routine. */
    due = rel_ms(20);
    SetWaitableTimer(t, &due, 10, timer_routine, NULL, FALSE);
    CloseHandle(t);
    expect_w32(SleepEx(80, TRUE), 0, W32_SENTINEL);
    ok(apc_calls == 0, "no call from a closed timer (%d)", apc_calls);
}

/* ---- SignalObjectAndWait and PulseEvent ------------------------------------------------------ */

static void CALLBACK nop_apc(ULONG_PTR arg)
{
    (void)arg;
}

WT_CASE(signal_and_wait)
{
    HANDLE e0 = CreateEventW(NULL, FALSE, FALSE, NULL), e1 = CreateEventW(NULL, TRUE, TRUE, NULL);
    expect_w32(SignalObjectAndWait(NULL, NULL, 0, FALSE), WAIT_FAILED, ERROR_INVALID_HANDLE);
    expect_w32(SignalObjectAndWait(e0, NULL, 0, FALSE), WAIT_FAILED, ERROR_INVALID_HANDLE);
    expect_w32(SignalObjectAndWait(NULL, e0, 0, FALSE), WAIT_FAILED, ERROR_INVALID_HANDLE);
    expect_w32(WaitForSingleObject(e0, 0), WAIT_TIMEOUT, W32_SENTINEL); /* nothing was signalled */
    expect_w32(SignalObjectAndWait(e0, e1, 0, FALSE), WAIT_OBJECT_0, W32_SENTINEL);
    for (int i = 0; i < 1000; i++)
        if (SignalObjectAndWait(e0, e0, 0, FALSE) != WAIT_OBJECT_0) {
            ok(0, "signal and take the same auto-reset event (round %d)", i);
            break;
        }
    expect_w32(WaitForSingleObject(e0, 0), WAIT_TIMEOUT, W32_SENTINEL); /* the last wait reset it */
    ResetEvent(e1);
    expect_w32(SignalObjectAndWait(e0, e1, 0, FALSE), WAIT_TIMEOUT, W32_SENTINEL);
    HANDLE s0 = CreateSemaphoreW(NULL, 0, 1, NULL), s1 = CreateSemaphoreW(NULL, 1, 1, NULL);
    expect_w32(SignalObjectAndWait(s0, s1, 0, FALSE), WAIT_OBJECT_0, W32_SENTINEL);
    expect_w32(SignalObjectAndWait(s0, s1, 0, FALSE), WAIT_FAILED, ERROR_TOO_MANY_POSTS);
    expect_w32(ReleaseSemaphore(s0, 1, NULL), FALSE, ERROR_TOO_MANY_POSTS);
    expect_w32(ReleaseSemaphore(s1, 1, NULL), TRUE, W32_SENTINEL);
    HANDLE m = CreateMutexA(NULL, FALSE, NULL);
    expect_w32(SignalObjectAndWait(m, e1, 0, FALSE), WAIT_FAILED, ERROR_NOT_OWNER);
    WaitForSingleObject(m, 0);
    expect_w32(SignalObjectAndWait(m, m, 0, FALSE), WAIT_OBJECT_0, W32_SENTINEL); /* released, taken again */
    expect_w32(ReleaseMutex(m), TRUE, W32_SENTINEL);
    HANDLE t = CreateWaitableTimerA(NULL, FALSE, NULL);
    expect_w32(SignalObjectAndWait(t, e1, 0, FALSE), WAIT_FAILED, ERROR_INVALID_HANDLE); /* not signalable */
    QueueUserAPC(nop_apc, GetCurrentThread(), 0);
    expect_w32(SignalObjectAndWait(e0, e1, 1000, TRUE), WAIT_IO_COMPLETION, W32_SENTINEL);
    CloseHandle(t);
    CloseHandle(m);
    CloseHandle(s0);
    CloseHandle(s1);
    CloseHandle(e0);
    CloseHandle(e1);
}

static HANDLE pulse_ev;
static volatile LONG pulse_released;

static DWORD WINAPI pulse_waiter(LPVOID arg)
{
    DWORD r = WaitForSingleObject(pulse_ev, (DWORD)(ULONG_PTR)arg);
    if (r == WAIT_OBJECT_0)
        InterlockedIncrement(&pulse_released);
    return r;
}

static int pulse_with_waiters(BOOL manual, int n)
{
    HANDLE t[4];
    pulse_released = 0;
    pulse_ev = CreateEventA(NULL, manual, FALSE, NULL);
    for (int i = 0; i < n; i++)
        t[i] = CreateThread(NULL, 0, pulse_waiter, (void *)500, 0, NULL);
    Sleep(100); /* they are blocked */
    expect_w32(PulseEvent(pulse_ev), TRUE, W32_SENTINEL);
    HANDLE late = CreateThread(NULL, 0, pulse_waiter, (void *)100, 0, NULL);
    WaitForMultipleObjects(n, t, TRUE, 5000);
    ok(WaitForSingleObject(late, 5000) == WAIT_OBJECT_0, "the late waiter ended");
    DWORD code = 0;
    GetExitCodeThread(late, &code);
    ok(code == WAIT_TIMEOUT, "a wait begun after the pulse is not released");
    expect_w32(WaitForSingleObject(pulse_ev, 0), WAIT_TIMEOUT, W32_SENTINEL); /* left reset */
    for (int i = 0; i < n; i++)
        CloseHandle(t[i]);
    CloseHandle(late);
    CloseHandle(pulse_ev);
    return (int)pulse_released;
}

WT_CASE(pulse_event)
{
    HANDLE e = CreateEventA(NULL, TRUE, TRUE, NULL);
    expect_w32(PulseEvent(e), TRUE, W32_SENTINEL);
    expect_w32(WaitForSingleObject(e, 0), WAIT_TIMEOUT, W32_SENTINEL); /* no waiter: just reset */
    CloseHandle(e);
    expect_w32(PulseEvent(NULL), FALSE, ERROR_INVALID_HANDLE);
    int n = pulse_with_waiters(TRUE, 3);
    ok(n == 3, "manual reset: every blocked waiter released (%d)", n);
    n = pulse_with_waiters(FALSE, 3);
    ok(n == 1, "auto reset: one blocked waiter released (%d)", n);
}

/* ---- every object in the waits ------------------------------------------------------------------ */

WT_CASE(objects_in_waits)
{
    HANDLE m = CreateMutexA(NULL, FALSE, NULL), s = CreateSemaphoreA(NULL, 1, 1, NULL),
           t = CreateWaitableTimerA(NULL, TRUE, NULL), e = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE hs[4] = {e, t, s, m};
    LARGE_INTEGER due = rel_ms(20);
    SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE);
    expect_w32(WaitForMultipleObjects(4, hs, TRUE, 2000), WAIT_TIMEOUT, W32_SENTINEL); /* the event is not set */
    SetEvent(e);
    expect_w32(WaitForMultipleObjectsEx(4, hs, TRUE, 2000, TRUE), WAIT_OBJECT_0, W32_SENTINEL);
    ReleaseMutex(m);
    expect_w32(WaitForMultipleObjects(3, hs + 1, FALSE, 0), WAIT_OBJECT_0, W32_SENTINEL); /* the timer, still set */
    ResetEvent(e);
    expect_w32(WSAWaitForMultipleEvents(2, hs + 2, FALSE, 0, FALSE), WSA_WAIT_EVENT_0 + 1, W32_SENTINEL);
    expect_w32(MsgWaitForMultipleObjects(1, &m, FALSE, 0, QS_ALLINPUT), WAIT_OBJECT_0, W32_SENTINEL);
    ReleaseMutex(m);
    ReleaseMutex(m);
    CancelWaitableTimer(t);
    CloseHandle(m);
    CloseHandle(s);
    CloseHandle(t);
    CloseHandle(e);
}

/* ---- registered waits (Wine's thread.c test_RegisterWaitForSingleObject) -- */

static volatile LONG rw_calls, rw_fired, rw_wrong_flag;

/* An interlocked read: the callbacks change these on the pool's threads. */
static LONG rw_read(volatile LONG *v)
{
    return InterlockedCompareExchange(v, 0, 0);
}
static HANDLE rw_gate, rw_entered;

static void CALLBACK rw_signalled(PVOID p, BOOLEAN fired)
{
    InterlockedIncrement(&rw_calls);
    if (fired)
        InterlockedIncrement(&rw_wrong_flag);
    SetEvent((HANDLE)p);
}

static void CALLBACK rw_timeout(PVOID p, BOOLEAN fired)
{
    InterlockedIncrement(&rw_calls);
    if (!fired)
        InterlockedIncrement(&rw_wrong_flag);
    SetEvent((HANDLE)p);
}

static void CALLBACK rw_slow(PVOID p, BOOLEAN fired)
{
    (void)p;
    (void)fired;
    SetEvent(rw_entered);
    WaitForSingleObject(rw_gate, 5000);
    InterlockedIncrement(&rw_calls);
}

WT_CASE(registered_waits)
{
    HANDLE ev = CreateEventA(NULL, TRUE, TRUE, NULL), wh = NULL, done = CreateEventA(NULL, FALSE, FALSE, NULL);
    /* Signalled: the callback runs once with TimerOrWaitFired FALSE. */
    InterlockedExchange(&rw_calls, 0);
    InterlockedExchange(&rw_wrong_flag, 0);
    expect_w32(RegisterWaitForSingleObject(&wh, ev, rw_signalled, done, INFINITE, WT_EXECUTEONLYONCE), TRUE,
               W32_SENTINEL);
    ok(wh != NULL, "a wait handle");
    expect_w32(WaitForSingleObject(done, 2000), WAIT_OBJECT_0, W32_SENTINEL);
    Sleep(50);
    ok(rw_read(&rw_calls) == 1 && !rw_read(&rw_wrong_flag), "one call, not a timeout: %ld", (long)rw_read(&rw_calls));
    expect_w32(UnregisterWait(wh), TRUE, W32_SENTINEL);
    expect_w32(UnregisterWait(wh), FALSE, ERROR_INVALID_HANDLE); /* gone */
    /* Cancelled before the object is signalled: no call. */
    ResetEvent(ev);
    InterlockedExchange(&rw_calls, 0);
    expect_w32(RegisterWaitForSingleObject(&wh, ev, rw_signalled, done, INFINITE, WT_EXECUTEONLYONCE), TRUE,
               W32_SENTINEL);
    expect_w32(UnregisterWaitEx(wh, INVALID_HANDLE_VALUE), TRUE, W32_SENTINEL);
    SetEvent(ev);
    Sleep(50);
    ok(rw_read(&rw_calls) == 0, "no call after the unregister: %ld", (long)rw_read(&rw_calls));
    ResetEvent(ev);
    /* A timeout of 0: TimerOrWaitFired TRUE. */
    InterlockedExchange(&rw_calls, 0);
    InterlockedExchange(&rw_wrong_flag, 0);
    expect_w32(RegisterWaitForSingleObject(&wh, ev, rw_timeout, done, 0, WT_EXECUTEONLYONCE), TRUE, W32_SENTINEL);
    expect_w32(WaitForSingleObject(done, 2000), WAIT_OBJECT_0, W32_SENTINEL);
    Sleep(50);
    ok(rw_read(&rw_calls) == 1 && !rw_read(&rw_wrong_flag), "one timeout call: %ld", (long)rw_read(&rw_calls));
    expect_w32(UnregisterWait(wh), TRUE, W32_SENTINEL);
    /* Without WT_EXECUTEONLYONCE an auto-reset event calls again at each signal. */
    HANDLE are = CreateEventA(NULL, FALSE, FALSE, NULL);
    InterlockedExchange(&rw_calls, 0);
    InterlockedExchange(&rw_wrong_flag, 0);
    expect_w32(RegisterWaitForSingleObject(&wh, are, rw_signalled, done, INFINITE, WT_EXECUTEDEFAULT), TRUE,
               W32_SENTINEL);
    for (int i = 0; i < 3; i++) {
        SetEvent(are);
        ok(WaitForSingleObject(done, 2000) == WAIT_OBJECT_0, "call %d", i);
    }
    expect_w32(UnregisterWaitEx(wh, INVALID_HANDLE_VALUE), TRUE, W32_SENTINEL);
    ok(rw_read(&rw_calls) == 3 && !rw_read(&rw_wrong_flag), "three calls: %ld", (long)rw_read(&rw_calls));
    /* A callback still running: the non-blocking unregister says
     * ERROR_IO_PENDING; a completion event is signalled once it returns. */
    rw_gate = CreateEventA(NULL, TRUE, FALSE, NULL);
    rw_entered = CreateEventA(NULL, FALSE, FALSE, NULL);
    HANDLE fin = CreateEventA(NULL, TRUE, FALSE, NULL);
    InterlockedExchange(&rw_calls, 0);
    SetEvent(ev);
    expect_w32(RegisterWaitForSingleObject(&wh, ev, rw_slow, NULL, INFINITE, WT_EXECUTEONLYONCE), TRUE, W32_SENTINEL);
    ok(WaitForSingleObject(rw_entered, 2000) == WAIT_OBJECT_0, "the callback started");
    expect_w32(UnregisterWait(wh), FALSE, ERROR_IO_PENDING);
    SetEvent(rw_gate);
    for (int i = 0; i < 200 && rw_read(&rw_calls) != 1; i++)
        Sleep(10);
    ok(rw_read(&rw_calls) == 1, "the callback finished: %ld", (long)rw_read(&rw_calls));
    ResetEvent(rw_gate);
    expect_w32(RegisterWaitForSingleObject(&wh, ev, rw_slow, NULL, INFINITE, WT_EXECUTEONLYONCE), TRUE, W32_SENTINEL);
    ok(WaitForSingleObject(rw_entered, 2000) == WAIT_OBJECT_0, "the callback started again");
    SetLastError(W32_SENTINEL);
    BOOL r = UnregisterWaitEx(wh, fin);
    ok(r || GetLastError() == ERROR_IO_PENDING, "UnregisterWaitEx with an event: %d, %lu", r,
       (unsigned long)GetLastError());
    ok(WaitForSingleObject(fin, 50) == WAIT_TIMEOUT, "not signalled while the callback runs");
    SetEvent(rw_gate);
    expect_w32(WaitForSingleObject(fin, 2000), WAIT_OBJECT_0, W32_SENTINEL);
    /* Bad handles. */
    expect_w32(UnregisterWait(NULL), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(UnregisterWaitEx(ev, NULL), FALSE, ERROR_INVALID_HANDLE); /* not a wait handle */
    CloseHandle(fin);
    CloseHandle(rw_entered);
    CloseHandle(rw_gate);
    CloseHandle(are);
    CloseHandle(done);
    CloseHandle(ev);
}


WT_MAIN(srw_single_thread, srw_contention, srw_waiting_writer_preferred, cv_timeouts, cv_producer_consumer_cs,
        cv_producer_consumer_srw, cv_wake_inside_section, initonce_execute, initonce_begin_complete,
        initonce_threads, wait_on_address, mutex_ownership, mutex_abandoned, named_objects, semaphores,
        timer_one_shot, timer_manual_periodic_cancel, timer_completion_routine, signal_and_wait, pulse_event,
        objects_in_waits, registered_waits)
