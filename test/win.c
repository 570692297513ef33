/* The windows.h subset: last error per thread, threads and their exit codes,
 * event objects (manual and auto reset), waits with timeouts, Sleep, ticks,
 * FormatMessageA for Winsock codes. */
#include "wstest.h"

static DWORD WINAPI set_error_thread(LPVOID arg)
{
    SetLastError(1234);
    return (DWORD)(size_t)arg + (GetLastError() == 1234 ? 0 : 1000);
}

WT_CASE(threads_exit_code_and_own_last_error)
{
    DWORD code = 0, tid = 0;
    SetLastError(42);
    HANDLE t = CreateThread(NULL, 0, set_error_thread, (LPVOID)7, 0, &tid);
    ok(t != NULL && tid != 0 && tid != GetCurrentThreadId(), "CreateThread tid %lu", (unsigned long)tid);
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "wait for thread");
    ok(GetExitCodeThread(t, &code) && code == 7, "exit code %lu", (unsigned long)code);
    ok(GetLastError() == 42, "last error is per thread: %lu", (unsigned long)GetLastError());
    ok(WaitForSingleObject(t, 0) == WAIT_OBJECT_0, "a finished thread stays signalled");
    ok(CloseHandle(t), "CloseHandle");
}

static DWORD WINAPI slow_thread(LPVOID arg)
{
    Sleep(200);
    SetEvent((HANDLE)arg);
    return 0;
}

WT_CASE(thread_still_active)
{
    HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE t = CreateThread(NULL, 0, slow_thread, e, 0, NULL);
    DWORD code = 0;
    ok(GetExitCodeThread(t, &code) && code == STILL_ACTIVE, "code %lu", (unsigned long)code);
    ok(WaitForSingleObject(t, 10) == WAIT_TIMEOUT, "running thread is not signalled");
    ok(WaitForSingleObject(e, 5000) == WAIT_OBJECT_0, "event from thread");
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "thread ends");
    CloseHandle(t);
    CloseHandle(e);
}

WT_CASE(manual_reset_event)
{
    HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);
    ok(e != NULL, "CreateEventA");
    ok(WaitForSingleObject(e, 0) == WAIT_TIMEOUT, "initially reset");
    ok(SetEvent(e), "SetEvent");
    ok(WaitForSingleObject(e, 0) == WAIT_OBJECT_0, "signalled");
    ok(WaitForSingleObject(e, 0) == WAIT_OBJECT_0, "stays signalled");
    ok(ResetEvent(e), "ResetEvent");
    ok(WaitForSingleObject(e, 0) == WAIT_TIMEOUT, "reset");
    CloseHandle(e);
    e = CreateEventW(NULL, TRUE, TRUE, NULL);
    ok(WaitForSingleObject(e, 0) == WAIT_OBJECT_0, "initial state signalled");
    CloseHandle(e);
}

WT_CASE(auto_reset_event)
{
    HANDLE e = CreateEventA(NULL, FALSE, TRUE, NULL);
    ok(WaitForSingleObject(e, 0) == WAIT_OBJECT_0, "signalled");
    ok(WaitForSingleObject(e, 0) == WAIT_TIMEOUT, "a wait consumed it");
    SetEvent(e);
    SetEvent(e); /* setting a signalled event does not count twice */
    ok(WaitForSingleObject(e, 0) == WAIT_OBJECT_0, "signalled again");
    ok(WaitForSingleObject(e, 0) == WAIT_TIMEOUT, "once");
    CloseHandle(e);
}

WT_CASE(wait_timeout_is_honoured)
{
    HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);
    DWORD start = GetTickCount();
    ok(WaitForSingleObject(e, 100) == WAIT_TIMEOUT, "timeout");
    DWORD took = GetTickCount() - start;
    ok(took >= 90 && took < 2000, "waited %lu ms", (unsigned long)took);
    CloseHandle(e);
}

WT_CASE(invalid_handles)
{
    SetLastError(0);
    ok(WaitForSingleObject(NULL, 0) == WAIT_FAILED, "wait NULL");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "error %lu", (unsigned long)GetLastError());
    SetLastError(0);
    ok(!CloseHandle(NULL) && GetLastError() == ERROR_INVALID_HANDLE, "CloseHandle(NULL)");
    SetLastError(0);
    ok(!SetEvent(NULL) && GetLastError() == ERROR_INVALID_HANDLE, "SetEvent(NULL)");
}

WT_CASE(sleep_and_ticks)
{
    ULONGLONG t0 = GetTickCount64();
    Sleep(50);
    ULONGLONG t1 = GetTickCount64();
    ok(t1 - t0 >= 45 && t1 - t0 < 2000, "slept %llu ms", (unsigned long long)(t1 - t0));
    Sleep(0);
}

WT_CASE(format_message_for_wsa_codes)
{
    char buf[256];
    DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, WSAECONNRESET,
                             MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT), buf, sizeof buf, NULL);
    ok(n > 2 && n == strlen(buf) && buf[n - 2] == '\r' && buf[n - 1] == '\n', "n %lu text '%s'", (unsigned long)n,
       buf);
    char *p = NULL;
    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_IGNORE_INSERTS,
                       NULL, WSAEWOULDBLOCK, 0, (LPSTR)&p, 0, NULL);
    ok(n > 0 && p != NULL && strlen(p) == n, "allocated: n %lu", (unsigned long)n);
    LocalFree(p);
    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, WSAEINTR, 0, buf, 4, NULL);
    ok(n == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "small buffer: n %lu error %lu", (unsigned long)n,
       (unsigned long)GetLastError());
}

WT_MAIN(threads_exit_code_and_own_last_error, thread_still_active, manual_reset_event, auto_reset_event,
        wait_timeout_is_honoured, invalid_handles, sleep_and_ticks, format_message_for_wsa_codes)
