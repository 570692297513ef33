/* The user32 subset: window classes, windows and their procedures, the
 * thread's message queue (GetMessage, PeekMessage, PostMessage,
 * SendMessage, PostThreadMessage, PostQuitMessage, DispatchMessage) and
 * MsgWaitForMultipleObjects.  Return values and last errors as the
 * Microsoft documentation gives them. */
#include "wstest.h"

#define CLASS_A "ws2p test class"
#define WM_TEST (WM_USER + 7)

static UINT seen[64];
static int nseen;
static LPVOID create_param;

static LRESULT CALLBACK recorder(HWND h, UINT msg, WPARAM wp, LPARAM lp)
{
    if (nseen < 64)
        seen[nseen++] = msg;
    if (msg == WM_NCCREATE) {
        CREATESTRUCTA *cs = (CREATESTRUCTA *)lp;
        create_param = cs->lpCreateParams;
        SetWindowLongPtrA(h, GWLP_USERDATA, (LONG_PTR)cs->lpCreateParams); /* the usual "this" idiom */
    }
    if (msg == WM_CREATE && create_param == (LPVOID)-1)
        return -1;
    if (msg == WM_TEST)
        return (LRESULT)(wp + (WPARAM)lp);
    return DefWindowProcA(h, msg, wp, lp);
}

static int position(UINT msg)
{
    for (int i = 0; i < nseen; i++)
        if (seen[i] == msg)
            return i;
    return -1;
}

static void register_recorder(void)
{
    WNDCLASSA wc;
    memset(&wc, 0, sizeof wc);
    wc.lpfnWndProc = recorder;
    wc.hInstance = GetModuleHandleA(NULL);
    wc.cbWndExtra = 2 * sizeof(LONG_PTR);
    wc.lpszClassName = CLASS_A;
    RegisterClassA(&wc); /* may exist from an earlier case */
}

static HWND message_window(void)
{
    register_recorder();
    create_param = NULL;
    return CreateWindowExA(0, CLASS_A, "", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
}

WT_CASE(class_registration)
{
    WNDCLASSA wc;
    WNDCLASSEXW wcx;
    memset(&wc, 0, sizeof wc);
    wc.lpfnWndProc = DefWindowProcA;
    wc.lpszClassName = "ws2p once";
    ok(RegisterClassA(&wc) != 0, "RegisterClassA: %lu", (unsigned long)GetLastError());
    SetLastError(0xdeadbeef);
    ok(RegisterClassA(&wc) == 0 && GetLastError() == ERROR_CLASS_ALREADY_EXISTS, "again: %lu",
       (unsigned long)GetLastError());
    ok(UnregisterClassA("WS2P ONCE", NULL), "class names ignore case");
    SetLastError(0xdeadbeef);
    ok(!UnregisterClassA("ws2p once", NULL) && GetLastError() == ERROR_CLASS_DOES_NOT_EXIST, "gone: %lu",
       (unsigned long)GetLastError());
    memset(&wcx, 0, sizeof wcx);
    wcx.cbSize = sizeof wcx - 1;
    wcx.lpfnWndProc = DefWindowProcW;
    wcx.lpszClassName = L"ws2p wide";
    SetLastError(0xdeadbeef);
    ok(RegisterClassExW(&wcx) == 0 && GetLastError() == ERROR_INVALID_PARAMETER, "bad cbSize: %lu",
       (unsigned long)GetLastError());
    wcx.cbSize = sizeof wcx;
    ATOM atom = RegisterClassExW(&wcx);
    ok(atom != 0, "RegisterClassExW");
    HWND h = CreateWindowW((LPCWSTR)(ULONG_PTR)atom, L"", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    ok(h != NULL, "a window of a class named by its atom");
    SetLastError(0xdeadbeef);
    ok(!UnregisterClassW(L"ws2p wide", NULL) && GetLastError() == ERROR_CLASS_HAS_WINDOWS,
       "a class with windows stays: %lu", (unsigned long)GetLastError());
    ok(DestroyWindow(h), "DestroyWindow");
    ok(UnregisterClassW(L"ws2p wide", NULL), "UnregisterClassW");
}

WT_CASE(create_sends_nccreate_then_create)
{
    register_recorder();
    nseen = 0;
    HWND h = CreateWindowExA(0, CLASS_A, "title", WS_OVERLAPPEDWINDOW, CW_USEDEFAULT, CW_USEDEFAULT, 100, 100,
                             NULL, NULL, GetModuleHandleA(NULL), (LPVOID)0x1234);
    ok(h != NULL, "top-level window");
    ok(position(WM_NCCREATE) >= 0 && position(WM_NCCREATE) < position(WM_CREATE), "WM_NCCREATE, then WM_CREATE");
    ok(create_param == (LPVOID)0x1234, "lpCreateParams reaches WM_NCCREATE");
    ok(GetWindowLongPtrA(h, GWLP_USERDATA) == 0x1234, "GWLP_USERDATA set during WM_NCCREATE");
    ok(GetWindowThreadProcessId(h, NULL) == GetCurrentThreadId(), "owned by the creating thread");
    ShowWindow(h, SW_HIDE);
    ok(DestroyWindow(h), "DestroyWindow");
    HWND m = CreateWindowA("Message", NULL, 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    ok(m != NULL, "a window of the system class \"Message\"");
    DestroyWindow(m);
}

WT_CASE(create_errors)
{
    register_recorder();
    SetLastError(0xdeadbeef);
    ok(!CreateWindowA("no such class", "", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL) &&
           GetLastError() == ERROR_CANNOT_FIND_WND_CLASS,
       "unknown class: %lu", (unsigned long)GetLastError());
    SetLastError(0xdeadbeef);
    ok(!CreateWindowA(CLASS_A, "", WS_CHILD, 0, 0, 0, 0, (HWND)(ULONG_PTR)0x7777777, NULL, NULL, NULL) &&
           GetLastError() == ERROR_INVALID_WINDOW_HANDLE,
       "bad parent: %lu", (unsigned long)GetLastError());
    /* WM_CREATE returning -1 fails the creation; the window is destroyed. */
    nseen = 0;
    ok(!CreateWindowExA(0, CLASS_A, "", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, (LPVOID)-1), "WM_CREATE -1");
    ok(position(WM_DESTROY) > position(WM_CREATE) && position(WM_NCDESTROY) > position(WM_DESTROY),
       "WM_DESTROY and WM_NCDESTROY after the failed WM_CREATE");
}

WT_CASE(destroy_window)
{
    MSG msg;
    HWND h = message_window();
    ok(PostMessageA(h, WM_TEST, 1, 2), "PostMessage");
    nseen = 0;
    ok(DestroyWindow(h), "DestroyWindow");
    ok(position(WM_DESTROY) == 0 && position(WM_NCDESTROY) == 1, "WM_DESTROY then WM_NCDESTROY");
    ok(!IsWindow(h), "IsWindow after destroy");
    ok(!PeekMessageA(&msg, NULL, 0, 0, PM_REMOVE), "messages for it are gone");
    SetLastError(0xdeadbeef);
    ok(!DestroyWindow(h) && GetLastError() == ERROR_INVALID_WINDOW_HANDLE, "twice: %lu",
       (unsigned long)GetLastError());
    SetLastError(0xdeadbeef);
    ok(!PostMessageA(h, WM_TEST, 0, 0) && GetLastError() == ERROR_INVALID_WINDOW_HANDLE, "post to it: %lu",
       (unsigned long)GetLastError());
}

WT_CASE(post_get_dispatch)
{
    MSG msg;
    HWND h = message_window();
    for (int i = 0; i < 3; i++)
        ok(PostMessageA(h, WM_TEST, (WPARAM)i, 10), "PostMessage %d", i);
    for (int i = 0; i < 3; i++) {
        ok(GetMessageA(&msg, NULL, 0, 0) == 1, "GetMessage %d", i);
        ok(msg.hwnd == h && msg.message == WM_TEST && msg.wParam == (WPARAM)i && msg.lParam == 10,
           "in posting order: %u %lu", msg.message, (unsigned long)msg.wParam);
        TranslateMessage(&msg);
        ok(DispatchMessageA(&msg) == (LRESULT)(i + 10), "DispatchMessage returns the window procedure's result");
    }
    ok(!PeekMessageA(&msg, NULL, 0, 0, PM_REMOVE), "queue empty");
    DestroyWindow(h);
}

WT_CASE(peek_filters)
{
    MSG msg;
    HWND a = message_window(), b = message_window();
    PostMessageA(a, WM_USER + 1, 0, 0);
    PostMessageA(b, WM_USER + 2, 0, 0);
    PostMessageA(NULL, WM_USER + 3, 0, 0); /* a thread message */
    ok(PeekMessageA(&msg, NULL, 0, 0, PM_NOREMOVE) && msg.message == WM_USER + 1, "PM_NOREMOVE sees the first");
    ok(PeekMessageA(&msg, NULL, 0, 0, PM_NOREMOVE) && msg.message == WM_USER + 1, "and leaves it");
    ok(PeekMessageA(&msg, b, 0, 0, PM_REMOVE) && msg.message == WM_USER + 2 && msg.hwnd == b, "hWnd filter");
    ok(PeekMessageA(&msg, (HWND)-1, 0, 0, PM_REMOVE) && msg.message == WM_USER + 3 && msg.hwnd == NULL,
       "hWnd -1: thread messages only");
    ok(!PeekMessageA(&msg, NULL, WM_USER + 2, WM_USER + 9, PM_REMOVE), "range filter excludes WM_USER+1");
    ok(PeekMessageA(&msg, NULL, WM_USER + 1, WM_USER + 1, PM_REMOVE) && msg.message == WM_USER + 1, "range");
    ok(!PeekMessageA(&msg, NULL, 0, 0, PM_REMOVE), "empty");
    DestroyWindow(a);
    DestroyWindow(b);
}

WT_CASE(quit_message)
{
    MSG msg;
    HWND h = message_window();
    PostQuitMessage(7);
    PostMessageA(h, WM_TEST, 0, 0);
    ok(GetMessageA(&msg, NULL, 0, 0) == 1 && msg.message == WM_TEST, "posted messages come before WM_QUIT");
    ok(GetMessageA(&msg, NULL, WM_USER, WM_USER) == 0 && msg.message == WM_QUIT && msg.wParam == 7,
       "GetMessage returns 0 with WM_QUIT whatever the filter");
    ok(!PeekMessageA(&msg, NULL, 0, 0, PM_REMOVE), "WM_QUIT retrieved once");
    ok(PostThreadMessageA(GetCurrentThreadId(), WM_QUIT, 3, 0), "a posted WM_QUIT");
    ok(GetMessageA(&msg, NULL, 0, 0) == 0 && msg.wParam == 3, "ends GetMessage too");
    DestroyWindow(h);
}

struct peer {
    HWND target;       /* a window of the main thread */
    DWORD tid;
    HANDLE ready;
    LRESULT sent_result;
    int got;
};

static DWORD WINAPI queue_thread(LPVOID arg)
{
    struct peer *p = (struct peer *)arg;
    MSG msg;
    PeekMessageA(&msg, NULL, 0, 0, PM_NOREMOVE); /* the classic way to get a queue */
    SetEvent(p->ready);
    while (GetMessageA(&msg, NULL, 0, 0) > 0)
        if (msg.message == WM_TEST && msg.hwnd == NULL)
            p->got++;
    return (DWORD)msg.wParam;
}

static DWORD WINAPI sender_thread(LPVOID arg)
{
    struct peer *p = (struct peer *)arg;
    p->sent_result = SendMessageA(p->target, WM_TEST, 40, 2);
    return 0;
}

static DWORD WINAPI idle_thread(LPVOID arg)
{
    Sleep(300);
    (void)arg;
    return 0;
}

WT_CASE(thread_messages)
{
    struct peer p;
    DWORD code = 0, tid = 0;
    memset(&p, 0, sizeof p);
    HANDLE idle = CreateThread(NULL, 0, idle_thread, NULL, 0, &tid);
    SetLastError(0xdeadbeef);
    ok(!PostThreadMessageA(tid, WM_TEST, 0, 0) && GetLastError() == ERROR_INVALID_THREAD_ID,
       "a thread without a queue: %lu", (unsigned long)GetLastError());
    p.ready = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE t = CreateThread(NULL, 0, queue_thread, &p, 0, &p.tid);
    ok(WaitForSingleObject(p.ready, 5000) == WAIT_OBJECT_0, "queue thread ready");
    Sleep(50); /* let it block in GetMessage: the posts below must wake it */
    ok(PostThreadMessageA(p.tid, WM_TEST, 0, 0), "PostThreadMessage");
    ok(PostThreadMessageA(p.tid, WM_TEST, 0, 0), "PostThreadMessage");
    ok(PostThreadMessageA(p.tid, WM_QUIT, 9, 0), "WM_QUIT");
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "the blocked GetMessage woke");
    ok(GetExitCodeThread(t, &code) && code == 9 && p.got == 2, "exit %lu, got %d", (unsigned long)code, p.got);
    CloseHandle(t);
    CloseHandle(p.ready);
    WaitForSingleObject(idle, 5000);
    CloseHandle(idle);
}

WT_CASE(send_message)
{
    MSG msg;
    struct peer p;
    memset(&p, 0, sizeof p);
    HWND h = message_window();
    ok(SendMessageA(h, WM_TEST, 3, 4) == 7, "same thread: a direct call");
    ok(!PeekMessageA(&msg, NULL, 0, 0, PM_NOREMOVE), "nothing queued by it");
    p.target = h;
    HANDLE t = CreateThread(NULL, 0, sender_thread, &p, 0, NULL);
    /* Another thread's SendMessage runs inside this thread's message calls. */
    DWORD start = GetTickCount();
    while (WaitForSingleObject(t, 0) == WAIT_TIMEOUT && GetTickCount() - start < 5000)
        MsgWaitForMultipleObjects(1, &t, FALSE, 100, QS_SENDMESSAGE) == WAIT_OBJECT_0 + 1
            ? (void)PeekMessageA(&msg, NULL, 0, 0, PM_NOREMOVE)
            : (void)0;
    ok(WaitForSingleObject(t, 0) == WAIT_OBJECT_0 && p.sent_result == 42, "cross-thread SendMessage: %ld",
       (long)p.sent_result);
    CloseHandle(t);
    SetLastError(0xdeadbeef);
    ok(SendMessageA((HWND)(ULONG_PTR)0x5555, WM_TEST, 0, 0) == 0 && GetLastError() == ERROR_INVALID_WINDOW_HANDLE,
       "bad hWnd: %lu", (unsigned long)GetLastError());
    DestroyWindow(h);
}

static LRESULT CALLBACK subclass(HWND h, UINT msg, WPARAM wp, LPARAM lp)
{
    WNDPROC old = (WNDPROC)GetWindowLongPtrA(h, 0);
    if (msg == WM_TEST)
        return 100 + CallWindowProcA(old, h, msg, wp, lp);
    return CallWindowProcA(old, h, msg, wp, lp);
}

WT_CASE(window_longs)
{
    HWND h = message_window();
    ok(GetWindowLongPtrA(h, 0) == 0 && GetWindowLongPtrA(h, sizeof(LONG_PTR)) == 0, "extra bytes start zeroed");
    SetLastError(0xdeadbeef);
    ok(SetWindowLongPtrA(h, GWLP_USERDATA, 5) == 0x0 && GetLastError() == 0xdeadbeef,
       "success with a previous 0 leaves the last error");
    ok(SetWindowLongPtrA(h, GWLP_USERDATA, 6) == 5, "returns the previous value");
    ok(GetWindowLongPtrA(h, GWLP_USERDATA) == 6, "GWLP_USERDATA");
    SetLastError(0xdeadbeef);
    ok(GetWindowLongPtrA(h, 2 * sizeof(LONG_PTR)) == 0 && GetLastError() == ERROR_INVALID_INDEX,
       "past cbWndExtra: %lu", (unsigned long)GetLastError());
    SetLastError(0xdeadbeef);
    ok(GetWindowLongPtrA((HWND)(ULONG_PTR)0x1234, GWLP_USERDATA) == 0 &&
           GetLastError() == ERROR_INVALID_WINDOW_HANDLE,
       "bad hWnd: %lu", (unsigned long)GetLastError());
    /* Subclassing through GWLP_WNDPROC. */
    LONG_PTR old = SetWindowLongPtrA(h, GWLP_WNDPROC, (LONG_PTR)subclass);
    ok(old == (LONG_PTR)recorder, "the class procedure");
    SetWindowLongPtrA(h, 0, old);
    ok(SendMessageA(h, WM_TEST, 1, 1) == 102, "the new procedure runs first");
    DestroyWindow(h);
}

WT_CASE(bad_handles)
{
    MSG msg;
    memset(&msg, 0, sizeof msg);
    SetLastError(0xdeadbeef);
    ok(GetMessageA(&msg, (HWND)(ULONG_PTR)0x4321, 0, 0) == -1 && GetLastError() == ERROR_INVALID_WINDOW_HANDLE,
       "GetMessage, bad hWnd: %lu", (unsigned long)GetLastError());
    msg.hwnd = (HWND)(ULONG_PTR)0x98765432;
    msg.message = WM_TEST;
    ok(DispatchMessageA(&msg) == 0, "DispatchMessage, bad hWnd");
    msg.hwnd = NULL;
    ok(DispatchMessageA(&msg) == 0, "DispatchMessage of a thread message: no procedure");
    ok(!IsWindow(NULL) && !IsWindow(HWND_MESSAGE) && !IsWindow((HWND)(ULONG_PTR)0xdeadbeef), "IsWindow");
}

WT_CASE(msgwait)
{
    MSG msg;
    HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL), none = NULL;
    HWND h = message_window();
    ok(MsgWaitForMultipleObjects(0, NULL, FALSE, 0, QS_ALLINPUT) == WAIT_TIMEOUT, "nothing");
    PostMessageA(h, WM_TEST, 0, 0);
    ok(MsgWaitForMultipleObjects(0, NULL, FALSE, 0, QS_ALLINPUT) == WAIT_OBJECT_0, "a posted message: index 0");
    ok(MsgWaitForMultipleObjects(1, &e, FALSE, 0, QS_ALLINPUT) == WAIT_OBJECT_0 + 1, "index nCount");
    SetEvent(e);
    ok(MsgWaitForMultipleObjects(1, &e, FALSE, 0, QS_ALLINPUT) == WAIT_OBJECT_0, "the handle comes first");
    ResetEvent(e);
    ok(PeekMessageA(&msg, NULL, 0, 0, PM_NOREMOVE), "looked at, not removed");
    ok(MsgWaitForMultipleObjects(1, &e, FALSE, 0, QS_ALLINPUT) == WAIT_TIMEOUT,
       "only input new since the last look wakes it");
    ok(MsgWaitForMultipleObjectsEx(1, &e, 0, QS_ALLINPUT, MWMO_INPUTAVAILABLE) == WAIT_OBJECT_0 + 1,
       "MWMO_INPUTAVAILABLE: any input");
    ok(GetMessageA(&msg, NULL, 0, 0) == 1, "GetMessage does not block on it");
    SetLastError(0xdeadbeef);
    ok(MsgWaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, &e, FALSE, 0, QS_ALLINPUT) == WAIT_FAILED &&
           GetLastError() == ERROR_INVALID_PARAMETER,
       "at most 63 handles: %lu", (unsigned long)GetLastError());
    SetLastError(0xdeadbeef);
    ok(MsgWaitForMultipleObjects(1, &none, FALSE, 0, QS_ALLINPUT) == WAIT_FAILED &&
           GetLastError() == ERROR_INVALID_HANDLE,
       "bad handle: %lu", (unsigned long)GetLastError());
    CloseHandle(e);
    DestroyWindow(h);
}

WT_MAIN(class_registration, create_sends_nccreate_then_create, create_errors, destroy_window, post_get_dispatch,
        peek_filters, quit_message, thread_messages, send_message, window_longs, bad_handles, msgwait)
