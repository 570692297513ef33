/* Handles that cannot be misused, and APCs: closed, stale, garbage and
 * wrong-type handles get ERROR_INVALID_HANDLE (WSA_INVALID_HANDLE for the
 * WSA event functions), never a crash; a SOCKET is a HANDLE; the
 * pseudo-handles; DuplicateHandle; a wait holds its object, so closing the
 * handle it was given does not end it; QueueUserAPC runs only inside an
 * alertable wait, on the thread it was queued to, in order. */
#include "wstest.h"

WT_CASE(handle_values)
{
    HANDLE a = CreateEventA(NULL, TRUE, FALSE, NULL), b = CreateEventA(NULL, TRUE, FALSE, NULL);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ok(a && b && a != b, "two events, two handles: %p %p", a, b);
    /* Windows handles are multiples of 4 and fit in 32 bits (handles are
     * shared with 32-bit processes). */
    ok(((ULONG_PTR)a & 3) == 0 && (ULONG_PTR)a < 0x80000000u, "event handle %p has Windows' form", a);
    ok((HANDLE)s != a && (HANDLE)s != b, "a socket is never an event's handle value");
    expect_w32(CloseHandle(a), TRUE, W32_SENTINEL);
    expect_w32(CloseHandle(b), TRUE, W32_SENTINEL);
    closesocket(s);
}

WT_CASE(closed_handle)
{
    HANDLE h = CreateEventA(NULL, FALSE, FALSE, NULL);
    expect_w32(CloseHandle(h), TRUE, W32_SENTINEL);
    expect_w32(SetEvent(h), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(ResetEvent(h), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(WaitForSingleObject(h, 0), WAIT_FAILED, ERROR_INVALID_HANDLE);
    expect_w32(CloseHandle(h), FALSE, ERROR_INVALID_HANDLE);
    /* The slot is reused by a new handle, but the old value stays stale. */
    HANDLE n = CreateEventA(NULL, FALSE, FALSE, NULL);
    ok(n != h, "a closed handle's value is not handed out again at once");
    expect_w32(SetEvent(h), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(SetEvent(n), TRUE, W32_SENTINEL);
    CloseHandle(n);
}

WT_CASE(double_wsacloseevent)
{
    WSAEVENT ev = WSACreateEvent();
    expect_wsa(WSACloseEvent(ev), TRUE, 0);
    expect_wsa(WSACloseEvent(ev), FALSE, WSA_INVALID_HANDLE);
    expect_wsa(WSASetEvent(ev), FALSE, WSA_INVALID_HANDLE);
    expect_wsa(WSACloseEvent(NULL), FALSE, WSA_INVALID_HANDLE);
    expect_wsa(WSAWaitForMultipleEvents(1, &ev, FALSE, 0, FALSE), WSA_WAIT_FAILED, WSA_INVALID_HANDLE);
}

WT_CASE(garbage_handles)
{
    static const ULONG_PTR bad[] = {0, 1, 0x12345, 0x40000004u, 0x7ffffffcu, 0x80000000u, 0xdeadbeefu};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        HANDLE h = (HANDLE)bad[i];
        expect_w32(SetEvent(h), FALSE, ERROR_INVALID_HANDLE);
        expect_w32(WaitForSingleObject(h, 0), WAIT_FAILED, ERROR_INVALID_HANDLE);
        expect_w32(CloseHandle(h), FALSE, ERROR_INVALID_HANDLE);
    }
    HANDLE two[2];
    two[0] = CreateEventA(NULL, TRUE, TRUE, NULL);
    two[1] = (HANDLE)0x12345;
    expect_w32(WaitForMultipleObjects(2, two, FALSE, 0), WAIT_FAILED, ERROR_INVALID_HANDLE);
    expect_w32(WaitForMultipleObjects(0, two, FALSE, 0), WAIT_FAILED, ERROR_INVALID_PARAMETER);
    expect_w32(WaitForMultipleObjects(65, two, FALSE, 0), WAIT_FAILED, ERROR_INVALID_PARAMETER);
    CloseHandle(two[0]);
}

static DWORD WINAPI returns_7(LPVOID arg)
{
    (void)arg;
    return 7;
}

WT_CASE(wrong_type)
{
    HANDLE t = CreateThread(NULL, 0, returns_7, NULL, 0, NULL);
    expect_w32(WaitForSingleObject(t, 5000), WAIT_OBJECT_0, W32_SENTINEL);
    /* A thread is not an event. */
    expect_w32(SetEvent(t), FALSE, ERROR_INVALID_HANDLE);
    HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL);
    DWORD code = 0;
    expect_w32(GetExitCodeThread(ev, &code), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(GetExitCodeThread(t, &code), TRUE, W32_SENTINEL);
    ok(code == 7, "exit code %lu", (unsigned long)code);
    CloseHandle(ev);
    CloseHandle(t);
}

WT_CASE(socket_is_a_handle)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    expect_w32(SetEvent((HANDLE)s), FALSE, ERROR_INVALID_HANDLE);
    DWORD flags = 0xdead;
    expect_w32(SetHandleInformation((HANDLE)s, HANDLE_FLAG_INHERIT, 0), TRUE, W32_SENTINEL);
    expect_w32(GetHandleInformation((HANDLE)s, &flags), TRUE, W32_SENTINEL);
    ok(!(flags & HANDLE_FLAG_INHERIT), "flags %#lx", (unsigned long)flags);
    expect_w32(CloseHandle((HANDLE)s), TRUE, W32_SENTINEL);
    expect_fail(closesocket(s), WSAENOTSOCK);
}

WT_CASE(pseudo_handles)
{
    expect_w32(CloseHandle(GetCurrentThread()), TRUE, W32_SENTINEL);
    expect_w32(CloseHandle(GetCurrentProcess()), TRUE, W32_SENTINEL);
    /* A thread waiting for itself, or for its process, times out. */
    expect_w32(WaitForSingleObject(GetCurrentThread(), 10), WAIT_TIMEOUT, W32_SENTINEL);
    expect_w32(WaitForSingleObject(GetCurrentProcess(), 10), WAIT_TIMEOUT, W32_SENTINEL);
    HANDLE real = NULL;
    expect_w32(DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &real, 0, FALSE,
                               DUPLICATE_SAME_ACCESS),
               TRUE, W32_SENTINEL);
    ok(real && real != GetCurrentThread(), "a real handle: %p", real);
    ok(GetThreadId(real) == GetCurrentThreadId(), "it names this thread");
    DWORD code = 0;
    expect_w32(GetExitCodeThread(real, &code), TRUE, W32_SENTINEL);
    ok(code == STILL_ACTIVE, "still active: %lu", (unsigned long)code);
    expect_w32(CloseHandle(real), TRUE, W32_SENTINEL);
    expect_w32(DuplicateHandle((HANDLE)0x12345, GetCurrentThread(), GetCurrentProcess(), &real, 0, FALSE,
                               DUPLICATE_SAME_ACCESS),
               FALSE, ERROR_INVALID_HANDLE);
}

WT_CASE(duplicate_and_close_source)
{
    HANDLE a = CreateEventA(NULL, TRUE, FALSE, NULL), b = NULL;
    expect_w32(DuplicateHandle(GetCurrentProcess(), a, GetCurrentProcess(), &b, 0, FALSE,
                               DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE),
               TRUE, W32_SENTINEL);
    expect_w32(SetEvent(a), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(SetEvent(b), TRUE, W32_SENTINEL);
    expect_w32(WaitForSingleObject(b, 0), WAIT_OBJECT_0, W32_SENTINEL);
    DWORD flags = 0xdead;
    expect_w32(SetHandleInformation(b, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT), TRUE, W32_SENTINEL);
    expect_w32(GetHandleInformation(b, &flags), TRUE, W32_SENTINEL);
    ok(flags == HANDLE_FLAG_INHERIT, "flags %#lx", (unsigned long)flags);
    expect_w32(GetHandleInformation(a, &flags), FALSE, ERROR_INVALID_HANDLE);
    CloseHandle(b);
}

struct waiter {
    HANDLE h;
    DWORD ms;
    DWORD result;
};

static DWORD WINAPI wait_on(LPVOID arg)
{
    struct waiter *w = (struct waiter *)arg;
    w->result = WaitForSingleObject(w->h, w->ms);
    return 0;
}

/* The wait references the event, not the handle: closing the handle it was
 * given leaves the event alive, and signalling it through another handle
 * ends the wait. */
WT_CASE(close_while_waiting)
{
    HANDLE h1 = CreateEventA(NULL, FALSE, FALSE, NULL), h2 = NULL;
    DuplicateHandle(GetCurrentProcess(), h1, GetCurrentProcess(), &h2, 0, FALSE, DUPLICATE_SAME_ACCESS);
    struct waiter w = {h1, 5000, 0xdead};
    HANDLE t = CreateThread(NULL, 0, wait_on, &w, 0, NULL);
    Sleep(50);
    expect_w32(CloseHandle(h1), TRUE, W32_SENTINEL);
    Sleep(20);
    expect_w32(SetEvent(h2), TRUE, W32_SENTINEL);
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "the waiter ended");
    ok(w.result == WAIT_OBJECT_0, "its wait was satisfied: %#lx", (unsigned long)w.result);
    CloseHandle(t);
    CloseHandle(h2);
}

static DWORD apc_order[8], apc_thread[8];
static int napc;

static void WINAPI record_apc(ULONG_PTR v)
{
    if (napc < 8) {
        apc_thread[napc] = GetCurrentThreadId();
        apc_order[napc++] = (DWORD)v;
    }
}

WT_CASE(apc_runs_in_alertable_wait_only)
{
    napc = 0;
    expect_w32(QueueUserAPC(record_apc, GetCurrentThread(), 1), TRUE, W32_SENTINEL);
    expect_w32(QueueUserAPC(record_apc, GetCurrentThread(), 2), TRUE, W32_SENTINEL);
    ok(SleepEx(0, FALSE) == 0 && napc == 0, "a non-alertable sleep runs none (%d ran)", napc);
    HANDLE ev = CreateEventA(NULL, TRUE, TRUE, NULL);
    ok(WaitForSingleObject(ev, 0) == WAIT_OBJECT_0 && napc == 0, "nor does a non-alertable wait");
    /* Queued APCs run before the objects are looked at, all of them, in
     * order; the wait then returns WAIT_IO_COMPLETION. */
    expect_w32(WaitForSingleObjectEx(ev, 0, TRUE), WAIT_IO_COMPLETION, W32_SENTINEL);
    ok(napc == 2 && apc_order[0] == 1 && apc_order[1] == 2, "both ran in order (%d)", napc);
    ok(apc_thread[0] == GetCurrentThreadId(), "on this thread");
    expect_w32(WaitForSingleObjectEx(ev, 0, TRUE), WAIT_OBJECT_0, W32_SENTINEL);
    expect_w32(SleepEx(0, TRUE), 0, W32_SENTINEL);
    expect_w32(QueueUserAPC(record_apc, GetCurrentThread(), 3), TRUE, W32_SENTINEL);
    expect_w32(SleepEx(INFINITE, TRUE), WAIT_IO_COMPLETION, W32_SENTINEL);
    ok(napc == 3 && apc_order[2] == 3, "SleepEx ran it");
    expect_w32(QueueUserAPC(record_apc, GetCurrentThread(), 4), TRUE, W32_SENTINEL);
    expect_wsa(WSAWaitForMultipleEvents(1, &ev, FALSE, 1000, TRUE), WSA_WAIT_IO_COMPLETION, W32_SENTINEL);
    ok(napc == 4, "WSAWaitForMultipleEvents ran it");
    CloseHandle(ev);
}

struct queuer {
    HANDLE target;
    DWORD delay;
};

static DWORD WINAPI queue_later(LPVOID arg)
{
    struct queuer *q = (struct queuer *)arg;
    Sleep(q->delay);
    return QueueUserAPC(record_apc, q->target, 9);
}

/* An APC queued from another thread wakes an alertable wait at once and
 * runs on the waiting thread. */
WT_CASE(apc_from_another_thread)
{
    HANDLE self = NULL, ev = CreateEventA(NULL, FALSE, FALSE, NULL);
    DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &self, 0, FALSE,
                    DUPLICATE_SAME_ACCESS);
    napc = 0;
    struct queuer q = {self, 50};
    HANDLE t = CreateThread(NULL, 0, queue_later, &q, 0, NULL);
    DWORD t0 = GetTickCount();
    expect_w32(WaitForSingleObjectEx(ev, 10000, TRUE), WAIT_IO_COMPLETION, W32_SENTINEL);
    ok(GetTickCount() - t0 < 5000, "woken by the APC, not the timeout");
    ok(napc == 1 && apc_order[0] == 9 && apc_thread[0] == GetCurrentThreadId(), "ran here (%d)", napc);
    WaitForSingleObject(t, 5000);
    DWORD code = 0;
    GetExitCodeThread(t, &code);
    ok(code != 0, "QueueUserAPC succeeded from the other thread");
    CloseHandle(t);
    CloseHandle(self);
    CloseHandle(ev);
}

WT_CASE(apc_bad_handle)
{
    expect_w32(QueueUserAPC(record_apc, (HANDLE)0x12345, 0), 0, ERROR_INVALID_HANDLE);
    HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL);
    expect_w32(QueueUserAPC(record_apc, ev, 0), 0, ERROR_INVALID_HANDLE); /* not a thread */
    CloseHandle(ev);
}

WT_MAIN(handle_values, closed_handle, double_wsacloseevent, garbage_handles, wrong_type, socket_is_a_handle,
        pseudo_handles, duplicate_and_close_source, close_while_waiting, apc_runs_in_alertable_wait_only,
        apc_from_another_thread, apc_bad_handle)
