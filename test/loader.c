/* The loader: LoadLibrary(Ex)A/W by any spelling of a DLL's name,
 * GetProcAddress returning what a direct call reaches (connect is Winsock's,
 * never libc's) in the DLL Windows has it in, Winsock's ordinals, the
 * documented errors (ERROR_MOD_NOT_FOUND, ERROR_PROC_NOT_FOUND,
 * ERROR_INVALID_PARAMETER), GetModuleHandle(Ex)A/W and GetModuleFileNameA/W
 * (length, truncation, last error reset).  Facts: Wine's module.c. */
#define WT_NO_STARTUP
#include "wstest.h"

typedef int(WSAAPI *connect_fn)(SOCKET, const struct sockaddr *, int);

/* As void *: the Windows prototypes differ from FARPROC's, and comparing
 * through void * is what Wine's tests do. */
static void *proc(HMODULE m, const char *name)
{
    return (void *)GetProcAddress(m, name);
}

WT_CASE(load_by_name)
{
    HMODULE k32, ws2;
    SetLastError(W32_SENTINEL);
    k32 = LoadLibraryA("kernel32.dll");
    ok(k32 != NULL && GetLastError() == W32_SENTINEL, "kernel32.dll loads, last error untouched");
    expect_w32(LoadLibraryA("KERNEL32.DLL"), k32, W32_SENTINEL);
    expect_w32(LoadLibraryA("kernel32"), k32, W32_SENTINEL);
    expect_w32(LoadLibraryA("kernel32   "), k32, W32_SENTINEL);
    expect_w32(LoadLibraryA("C:\\Windows\\System32\\kernel32.dll"), k32, W32_SENTINEL);
    expect_w32(LoadLibraryExA("kernel32.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32), k32, W32_SENTINEL);
    ws2 = LoadLibraryW(L"Ws2_32.dll");
    ok(ws2 != NULL && ws2 != k32, "ws2_32.dll is another module");
    expect_w32(LoadLibraryExW(L"ws2_32", NULL, 0), ws2, W32_SENTINEL);
    expect_w32(GetModuleHandleA("ws2_32.dll"), ws2, W32_SENTINEL);
    expect_w32(GetModuleHandleW(L"WS2_32"), ws2, W32_SENTINEL);
    ok(LoadLibraryA("wsock32.dll") != NULL && LoadLibraryA("user32.dll") != NULL && LoadLibraryA("ntdll.dll") != NULL,
       "the other DLLs load");
    expect_w32(FreeLibrary(ws2), TRUE, W32_SENTINEL);
    expect_w32(FreeLibrary(k32), TRUE, W32_SENTINEL);
    /* the DLL stays: FreeLibrary never unloads what the program imports */
    expect_w32(GetModuleHandleA("kernel32.dll"), k32, W32_SENTINEL);
}

WT_CASE(load_errors)
{
    expect_w32(LoadLibraryA("non_ex_pv.dll"), NULL, ERROR_MOD_NOT_FOUND);
    expect_w32(LoadLibraryW(L"no_such_module"), NULL, ERROR_MOD_NOT_FOUND);
    expect_w32(GetModuleHandleA("non_ex_pv.dll"), NULL, ERROR_MOD_NOT_FOUND);
    SetLastError(W32_SENTINEL);
    ok(LoadLibraryExA(NULL, NULL, 0) == NULL &&
           (GetLastError() == ERROR_MOD_NOT_FOUND || GetLastError() == ERROR_INVALID_PARAMETER),
       "a NULL name (error %lu)", (unsigned long)GetLastError());
    SetLastError(W32_SENTINEL);
    ok(LoadLibraryExA("", NULL, 0) == NULL &&
           (GetLastError() == ERROR_MOD_NOT_FOUND || GetLastError() == ERROR_INVALID_PARAMETER),
       "an empty name (error %lu)", (unsigned long)GetLastError());
    expect_w32(LoadLibraryExA("kernel32.dll", (HANDLE)(ULONG_PTR)0xdeadbeef, 0), NULL, ERROR_INVALID_PARAMETER);
    expect_w32(LoadLibraryExA("kernel32.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32 | LOAD_WITH_ALTERED_SEARCH_PATH),
               NULL, ERROR_INVALID_PARAMETER);
}

WT_CASE(get_proc_address)
{
    HMODULE k32 = GetModuleHandleA("kernel32.dll"), ws2 = LoadLibraryA("ws2_32.dll");
    HMODULE wsock = LoadLibraryA("wsock32.dll"), user = LoadLibraryA("user32.dll");
    /* the same functions a direct call reaches */
    expect_w32(proc(k32, "GetLastError"), (void *)GetLastError, W32_SENTINEL);
    expect_w32(proc(k32, "MultiByteToWideChar"), (void *)MultiByteToWideChar, W32_SENTINEL);
    expect_w32(proc(k32, "GetProcAddress"), (void *)GetProcAddress, W32_SENTINEL);
    expect_w32(proc(ws2, "connect"), (void *)connect, W32_SENTINEL);
    expect_w32(proc(ws2, "htons"), (void *)htons, W32_SENTINEL);
    expect_w32(proc(ws2, "select"), (void *)select, W32_SENTINEL);
    expect_w32(proc(ws2, "gethostname"), (void *)gethostname, W32_SENTINEL);
    expect_w32(proc(ws2, "WSAStartup"), (void *)WSAStartup, W32_SENTINEL);
    expect_w32(proc(wsock, "recv"), (void *)recv, W32_SENTINEL);
    expect_w32(proc(user, "CharLowerA"), (void *)CharLowerA, W32_SENTINEL);
    expect_w32(proc(user, "CreateWindowExA"), (void *)CreateWindowExA, W32_SENTINEL);
    /* and only in the DLL Windows has them in */
    expect_w32(proc(ws2, "GetLastError"), NULL, ERROR_PROC_NOT_FOUND);
    expect_w32(proc(k32, "connect"), NULL, ERROR_PROC_NOT_FOUND);
    expect_w32(proc(user, "lstrlenA"), NULL, ERROR_PROC_NOT_FOUND);
    expect_w32(proc(k32, "NoSuchFunctionAnywhere"), NULL, ERROR_PROC_NOT_FOUND);
    expect_w32(proc(NULL, "non_ex_call"), NULL, ERROR_PROC_NOT_FOUND);
    expect_w32(proc((HMODULE)(ULONG_PTR)0xdeadbeef, "non_ex_call"), NULL, ERROR_MOD_NOT_FOUND);
    /* a function pointer typed like the prototype calls it */
    connect_fn fn = (connect_fn)proc(ws2, "connect");
    expect_wsa(fn(INVALID_SOCKET, NULL, 0), SOCKET_ERROR, WSANOTINITIALISED);
    /* Winsock 1.1's ordinals */
    expect_w32((void *)GetProcAddress(ws2, (LPCSTR)(ULONG_PTR)4), (void *)connect, W32_SENTINEL);
    expect_w32((void *)GetProcAddress(wsock, (LPCSTR)(ULONG_PTR)115), (void *)WSAStartup, W32_SENTINEL);
    expect_w32((void *)GetProcAddress(ws2, (LPCSTR)(ULONG_PTR)151), (void *)__WSAFDIsSet, W32_SENTINEL);
#ifdef __WS2POSIX__
    /* the entry points programs probe for and must fall back from */
    HMODULE nt = LoadLibraryA("ntdll.dll");
    expect_w32(proc(nt, "NtCreateFile"), NULL, ERROR_PROC_NOT_FOUND);
    expect_w32(proc(nt, "NtDeviceIoControlFile"), NULL, ERROR_PROC_NOT_FOUND);
    expect_w32((void *)GetProcAddress(k32, (LPCSTR)(ULONG_PTR)1), NULL, ERROR_PROC_NOT_FOUND);
    expect_w32((void *)GetProcAddress(ws2, (LPCSTR)(ULONG_PTR)999), NULL, ERROR_PROC_NOT_FOUND);
    expect_w32(FreeLibrary((HMODULE)(ULONG_PTR)0xdeadbeef), FALSE, ERROR_MOD_NOT_FOUND);
    /* an API set resolves to its host */
    HMODULE set = LoadLibraryA("api-ms-win-core-synch-l1-2-0.dll");
    ok(set != NULL && proc(set, "Sleep") == (void *)Sleep, "an API set");
#endif
}

static int in_this_program;

WT_CASE(module_handle_ex)
{
    HMODULE h = (HMODULE)(ULONG_PTR)1, k32 = GetModuleHandleA("kernel32.dll");
    HMODULE exe = GetModuleHandleA(NULL);
    ok(exe != NULL && exe != k32, "the program's own module");
    expect_w32(GetModuleHandleW(NULL), exe, W32_SENTINEL);
    expect_w32(GetModuleHandleExA(0, "kernel32.dll", &h), TRUE, W32_SENTINEL);
    ok(h == k32, "by name");
    expect_w32(GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT, NULL, &h), TRUE, W32_SENTINEL);
    ok(h == exe, "NULL: the program");
    expect_w32(GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS, (LPCSTR)(void *)connect, &h), TRUE,
               W32_SENTINEL);
    ok(h == GetModuleHandleA("ws2_32.dll"), "from a Winsock function: ws2_32.dll");
    expect_w32(GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS, (LPCSTR)(void *)&in_this_program, &h),
               TRUE, W32_SENTINEL);
    ok(h == exe, "from the program's own data: the program");
    expect_w32(GetModuleHandleExA(0, "kernel32.dll", NULL), FALSE, ERROR_INVALID_PARAMETER);
    h = (HMODULE)(ULONG_PTR)1;
    expect_w32(GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                                  "kernel32.dll", &h),
               FALSE, ERROR_INVALID_PARAMETER);
    ok(h == NULL, "the handle is cleared on failure");
    h = (HMODULE)(ULONG_PTR)1;
    expect_w32(GetModuleHandleExA(0, "non_ex_pv.dll", &h), FALSE, ERROR_MOD_NOT_FOUND);
    ok(h == NULL, "the handle is cleared on failure");
}

WT_CASE(module_file_name)
{
    char a[MAX_PATH], small[8];
    WCHAR w[MAX_PATH];
    DWORD n = 0, m;
    SetLastError(W32_SENTINEL);
    n = GetModuleFileNameA(NULL, a, sizeof a);
    ok(n > 0 && n == strlen(a) && GetLastError() == ERROR_SUCCESS, "the program's path (%s), last error reset", a);
    ok(strstr(a, "loader") != NULL, "names this program: %s", a);
    SetLastError(W32_SENTINEL);
    m = GetModuleFileNameW(NULL, w, ARRAYSIZE(w));
    ok(m == n && GetLastError() == ERROR_SUCCESS, "the wide form: %lu units", (unsigned long)m);
    /* a short buffer: cut to size - 1 and terminated, size returned */
    memset(small, 'x', sizeof small);
    expect_w32(GetModuleFileNameA(NULL, small, sizeof small), sizeof small, ERROR_INSUFFICIENT_BUFFER);
    ok(!memcmp(small, a, sizeof small - 1) && small[sizeof small - 1] == 0, "truncated");
    expect_w32(GetModuleFileNameW(NULL, w, 4), 4, ERROR_INSUFFICIENT_BUFFER);
    ok(w[3] == 0 && w[0] == (WCHAR)(unsigned char)a[0], "truncated (W)");
    /* a bad module: 0, buffer untouched */
    a[0] = '*';
    ok(GetModuleFileNameA((HMODULE)(ULONG_PTR)0xffffffff, a, sizeof a) == 0 && a[0] == '*', "a bad module");
    SetLastError(W32_SENTINEL);
    n = GetModuleFileNameA(GetModuleHandleA("ws2_32.dll"), a, sizeof a);
    ok(n > 0 && GetLastError() == ERROR_SUCCESS, "the Winsock DLL's file: %s", a);
}

WT_MAIN(load_by_name, load_errors, get_proc_address, module_handle_ex, module_file_name)
