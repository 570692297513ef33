/* The thread and synchronisation part of the windows.h subset: _beginthreadex
 * and ExitThread/_endthreadex exit codes, CREATE_SUSPENDED + ResumeThread,
 * the GetCurrentThread pseudo-handle, critical sections (recursive, mutual
 * exclusion), the Interlocked family's return values and atomicity,
 * QueryPerformanceCounter/Frequency and SleepEx. */
#include "wstest.h"
#include <process.h>

#define RACE_THREADS 4
#define RACE_ROUNDS 100000

static unsigned __stdcall return_arg(void *arg)
{
    return (unsigned)(size_t)arg;
}

WT_CASE(beginthreadex_exit_code)
{
    unsigned tid = 0;
    DWORD code = 0;
    HANDLE t = (HANDLE)_beginthreadex(NULL, 0, return_arg, (void *)1234, 0, &tid);
    ok(t != NULL, "_beginthreadex");
    ok(tid != 0 && tid != GetCurrentThreadId(), "thread id %u", tid);
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "wait for thread");
    ok(GetExitCodeThread(t, &code) && code == 1234, "exit code %lu", (unsigned long)code);
    ok(WaitForSingleObject(t, 0) == WAIT_OBJECT_0, "an ended thread stays signalled");
    ok(CloseHandle(t), "CloseHandle");

    t = (HANDLE)_beginthreadex(NULL, 65536, return_arg, (void *)0, 0, NULL);
    ok(t != NULL, "_beginthreadex with a stack size and no id");
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "wait");
    ok(GetExitCodeThread(t, &code) && code == 0, "exit code %lu", (unsigned long)code);
    CloseHandle(t);
}

static volatile LONG after_exit;

static void leave_from_nested_call(DWORD code)
{
    ExitThread(code);
}

static DWORD WINAPI exit_thread_proc(LPVOID arg)
{
    leave_from_nested_call((DWORD)(size_t)arg);
    InterlockedIncrement(&after_exit); /* never reached */
    return 1;
}

static unsigned __stdcall endthreadex_proc(void *arg)
{
    _endthreadex((unsigned)(size_t)arg);
    InterlockedIncrement(&after_exit); /* never reached */
    return 1;
}

WT_CASE(exit_thread_sets_exit_code)
{
    DWORD code = 0;
    after_exit = 0;
    HANDLE t = CreateThread(NULL, 0, exit_thread_proc, (LPVOID)77, 0, NULL);
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "ExitThread signals the thread");
    ok(GetExitCodeThread(t, &code) && code == 77, "ExitThread code %lu", (unsigned long)code);
    CloseHandle(t);

    t = (HANDLE)_beginthreadex(NULL, 0, endthreadex_proc, (void *)55, 0, NULL);
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "_endthreadex signals the thread");
    ok(GetExitCodeThread(t, &code) && code == 55, "_endthreadex code %lu", (unsigned long)code);
    CloseHandle(t);
    ok(after_exit == 0, "code after ExitThread ran %ld times", (long)after_exit);
}

static volatile LONG started;

static DWORD WINAPI mark_started(LPVOID arg)
{
    InterlockedIncrement(&started);
    return (DWORD)(size_t)arg;
}

static unsigned __stdcall mark_started_ex(void *arg)
{
    InterlockedIncrement(&started);
    return (unsigned)(size_t)arg;
}

WT_CASE(create_suspended_and_resume)
{
    DWORD tid = 0, code = 0;
    started = 0;
    HANDLE t = CreateThread(NULL, 0, mark_started, (LPVOID)9, CREATE_SUSPENDED, &tid);
    ok(t != NULL && tid != 0, "CreateThread(CREATE_SUSPENDED) tid %lu", (unsigned long)tid);
    ok(GetThreadId(t) == tid, "GetThreadId %lu, want %lu", (unsigned long)GetThreadId(t), (unsigned long)tid);
    Sleep(50);
    ok(started == 0, "a suspended thread does not run");
    ok(WaitForSingleObject(t, 0) == WAIT_TIMEOUT, "nor is it signalled");
    ok(GetExitCodeThread(t, &code) && code == STILL_ACTIVE, "code %lu", (unsigned long)code);
    DWORD prev = ResumeThread(t);
    ok(prev == 1, "ResumeThread returns the previous suspend count: %lu", (unsigned long)prev);
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "resumed thread runs and ends");
    ok(GetExitCodeThread(t, &code) && code == 9, "code %lu", (unsigned long)code);
    ok(started == 1, "started %ld", (long)started);
    CloseHandle(t);

    t = (HANDLE)_beginthreadex(NULL, 0, mark_started_ex, (void *)3, CREATE_SUSPENDED, NULL);
    ok(WaitForSingleObject(t, 20) == WAIT_TIMEOUT, "_beginthreadex(CREATE_SUSPENDED) waits");
    ok(ResumeThread(t) == 1, "ResumeThread");
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "resumed thread ends");
    ok(started == 2, "started %ld", (long)started);
    CloseHandle(t);
}

static DWORD WINAPI wait_on_event(LPVOID arg)
{
    return WaitForSingleObject((HANDLE)arg, 5000);
}

WT_CASE(resume_running_thread)
{
    HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE t = CreateThread(NULL, 0, wait_on_event, e, 0, NULL);
    ok(ResumeThread(t) == 0, "a running thread's suspend count is 0");
    SetEvent(e);
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "thread ends");
    CloseHandle(t);
    CloseHandle(e);
    SetLastError(0);
    ok(ResumeThread(NULL) == (DWORD)-1 && GetLastError() == ERROR_INVALID_HANDLE, "ResumeThread(NULL): error %lu",
       (unsigned long)GetLastError());
}

WT_CASE(current_thread_pseudo_handle)
{
    DWORD code = 0;
    ok(GetCurrentThread() == (HANDLE)(LONG_PTR)-2, "GetCurrentThread is the pseudo-handle -2");
    ok(GetCurrentProcess() == (HANDLE)(LONG_PTR)-1, "GetCurrentProcess is the pseudo-handle -1");
    ok(GetExitCodeThread(GetCurrentThread(), &code) && code == STILL_ACTIVE, "own exit code %lu",
       (unsigned long)code);
    ok(GetThreadId(GetCurrentThread()) == GetCurrentThreadId(), "GetThreadId(GetCurrentThread())");
}

static CRITICAL_SECTION cs;

static DWORD WINAPI try_enter(LPVOID arg)
{
    (void)arg;
    if (!TryEnterCriticalSection(&cs))
        return 0;
    LeaveCriticalSection(&cs);
    return 1;
}

static DWORD other_thread_can_enter(void)
{
    DWORD code = 2;
    HANDLE t = CreateThread(NULL, 0, try_enter, NULL, 0, NULL);
    WaitForSingleObject(t, 5000);
    GetExitCodeThread(t, &code);
    CloseHandle(t);
    return code;
}

WT_CASE(critical_section_is_recursive)
{
    /* Programs embed it in their own structures: Windows' size (40 on x64). */
    ok(sizeof(CRITICAL_SECTION) == 4 * sizeof(void *) + 8, "sizeof(CRITICAL_SECTION) %u",
       (unsigned)sizeof(CRITICAL_SECTION));
    InitializeCriticalSection(&cs);
    EnterCriticalSection(&cs);
    EnterCriticalSection(&cs);
    ok(TryEnterCriticalSection(&cs), "the owner enters again");
    ok(other_thread_can_enter() == 0, "another thread cannot enter");
    LeaveCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    ok(other_thread_can_enter() == 0, "still held after two of three leaves");
    LeaveCriticalSection(&cs);
    ok(other_thread_can_enter() == 1, "free after as many leaves as enters");
    DeleteCriticalSection(&cs);

    ok(InitializeCriticalSectionAndSpinCount(&cs, 4000), "InitializeCriticalSectionAndSpinCount");
    ok(TryEnterCriticalSection(&cs), "TryEnter a free section");
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);
}

static LONG guarded_total;

static DWORD WINAPI locked_increments(LPVOID arg)
{
    (void)arg;
    for (int i = 0; i < RACE_ROUNDS; i++) {
        EnterCriticalSection(&cs);
        guarded_total++;
        LeaveCriticalSection(&cs);
    }
    return 0;
}

static volatile LONG atomic_total;

static DWORD WINAPI interlocked_increments(LPVOID arg)
{
    (void)arg;
    for (int i = 0; i < RACE_ROUNDS; i++)
        InterlockedIncrement(&atomic_total);
    return 0;
}

static void run_race(LPTHREAD_START_ROUTINE fn)
{
    HANDLE t[RACE_THREADS];
    for (int i = 0; i < RACE_THREADS; i++)
        t[i] = CreateThread(NULL, 0, fn, NULL, 0, NULL);
    for (int i = 0; i < RACE_THREADS; i++) {
        ok(WaitForSingleObject(t[i], 30000) == WAIT_OBJECT_0, "racer %d ends", i);
        CloseHandle(t[i]);
    }
}

WT_CASE(critical_section_mutual_exclusion)
{
    InitializeCriticalSection(&cs);
    guarded_total = 0;
    run_race(locked_increments);
    ok(guarded_total == RACE_THREADS * RACE_ROUNDS, "total %ld, want %d", (long)guarded_total,
       RACE_THREADS * RACE_ROUNDS);
    DeleteCriticalSection(&cs);
}

WT_CASE(interlocked_return_values)
{
    volatile LONG v = 5;
    ok(InterlockedIncrement(&v) == 6 && v == 6, "Increment returns the new value");
    ok(InterlockedDecrement(&v) == 5 && v == 5, "Decrement returns the new value");
    v = 1;
    ok(InterlockedDecrement(&v) == 0 && InterlockedDecrement(&v) == -1 && v == -1, "Decrement through zero");
    v = 5;
    ok(InterlockedExchange(&v, 10) == 5 && v == 10, "Exchange returns the old value");
    ok(InterlockedCompareExchange(&v, 20, 10) == 10 && v == 20, "CompareExchange, equal: old value, swapped");
    ok(InterlockedCompareExchange(&v, 30, 10) == 20 && v == 20, "CompareExchange, different: current, kept");
    ok(InterlockedExchangeAdd(&v, 7) == 20 && v == 27, "ExchangeAdd returns the old value");
    ok(InterlockedExchangeAdd(&v, -27) == 27 && v == 0, "ExchangeAdd of a negative value");

    volatile LONG64 w = 0xFFFFFFFFLL;
    ok(InterlockedIncrement64(&w) == 0x100000000LL && w == 0x100000000LL, "Increment64 carries past 32 bits");
    ok(InterlockedDecrement64(&w) == 0xFFFFFFFFLL, "Decrement64");
    ok(InterlockedCompareExchange64(&w, 1, 0xFFFFFFFFLL) == 0xFFFFFFFFLL && w == 1, "CompareExchange64");
    ok(InterlockedExchange64(&w, 2) == 1 && w == 2, "Exchange64");

    int a = 0, b = 0;
    PVOID volatile p = &a;
    ok(InterlockedExchangePointer(&p, &b) == &a && p == &b, "ExchangePointer returns the old pointer");
    ok(InterlockedCompareExchangePointer(&p, NULL, &a) == &b && p == &b, "CompareExchangePointer, different");
    ok(InterlockedCompareExchangePointer(&p, NULL, &b) == &b && p == NULL, "CompareExchangePointer, equal");
    MemoryBarrier();
}

WT_CASE(interlocked_increment_race)
{
    atomic_total = 0;
    run_race(interlocked_increments);
    ok(atomic_total == RACE_THREADS * RACE_ROUNDS, "total %ld, want %d", (long)atomic_total,
       RACE_THREADS * RACE_ROUNDS);
}

WT_CASE(performance_counter)
{
    LARGE_INTEGER freq, c0, c1, prev, now;
    freq.QuadPart = c0.QuadPart = c1.QuadPart = prev.QuadPart = 0;
    ok(QueryPerformanceFrequency(&freq) && freq.QuadPart > 0, "frequency %lld", (long long)freq.QuadPart);
    ok(QueryPerformanceCounter(&prev), "QueryPerformanceCounter");
    int backwards = 0;
    for (int i = 0; i < 10000; i++) {
        QueryPerformanceCounter(&now);
        backwards += now.QuadPart < prev.QuadPart;
        prev = now;
    }
    ok(backwards == 0, "went backwards %d times", backwards);

    ULONGLONG t0 = GetTickCount64();
    QueryPerformanceCounter(&c0);
    Sleep(50);
    QueryPerformanceCounter(&c1);
    ULONGLONG ticks = GetTickCount64() - t0;
    long long ms = (c1.QuadPart - c0.QuadPart) * 1000 / freq.QuadPart;
    ok(ms >= 45 && ms < 2000, "Sleep(50) measured %lld ms", ms);
    ok(ms <= (long long)ticks + 40 && (long long)ticks <= ms + 40, "counter %lld ms, ticks %llu ms", ms,
       (unsigned long long)ticks);
}

WT_CASE(sleep_ex)
{
    ULONGLONG t0 = GetTickCount64();
    ok(SleepEx(50, FALSE) == 0, "SleepEx returns 0 when the time elapses");
    ULONGLONG took = GetTickCount64() - t0;
    ok(took >= 45 && took < 2000, "slept %llu ms", (unsigned long long)took);
    /* Nothing queued for this thread, so an alertable sleep also runs out. */
    ok(SleepEx(20, TRUE) == 0, "alertable SleepEx with no APC returns 0");
    ok(SleepEx(0, FALSE) == 0, "SleepEx(0)");
}

WT_MAIN(beginthreadex_exit_code, exit_thread_sets_exit_code, create_suspended_and_resume, resume_running_thread,
        current_thread_pseudo_handle, critical_section_is_recursive, critical_section_mutual_exclusion,
        interlocked_return_values, interlocked_increment_race, performance_counter, sleep_ex)
