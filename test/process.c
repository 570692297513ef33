/* Threads and the process: TLS (the last error cleared on success, slots
 * per thread, a freed slot reads NULL everywhere, the index range), FLS
 * (callbacks at thread exit and FlsFree), thread priorities (the documented
 * values only), descriptions (HRESULTs, "" by default), TerminateThread (a
 * blocked thread ends with the code and abandons its mutex; a suspended one
 * never runs), SwitchToThread, GetSystemInfo, GetVersion(Ex) and
 * RtlGetVersion (a manifest-less Windows 10 program's view),
 * GetComputerName(Ex) (the size protocol), the environment (Wine's
 * dlls/kernel32/tests/environ.c sequences, case-insensitive names,
 * ExpandEnvironmentStrings), GetCommandLine, GetExitCodeProcess,
 * IsWow64Process. */
#define WT_NO_STARTUP
#include "wstest.h"
#include <ctype.h>
#include <wchar.h>

#ifndef __WS2POSIX__
/* Older MinGW headers lack them; the import libraries have them. */
HRESULT WINAPI SetThreadDescription(HANDLE, PCWSTR);
HRESULT WINAPI GetThreadDescription(HANDLE, PWSTR *);
#endif
/* ntdll's; Windows SDK headers declare it for drivers only. */
LONG WINAPI RtlGetVersion(PRTL_OSVERSIONINFOW);

static HANDLE start_thread(LPTHREAD_START_ROUTINE fn, void *arg)
{
    return CreateThread(NULL, 0, fn, arg, 0, NULL);
}

static DWORD join(HANDLE t)
{
    DWORD code = 0xffffffff;
    ok(WaitForSingleObject(t, 10000) == WAIT_OBJECT_0, "the thread ended");
    GetExitCodeThread(t, &code);
    CloseHandle(t);
    return code;
}

/* ---- TLS and FLS ------------------------------------------------------------ */

static DWORD tls_index;

static DWORD WINAPI tls_other(LPVOID arg)
{
    DWORD bad = 0;
    SetLastError(W32_SENTINEL);
    if (TlsGetValue(tls_index) != NULL || GetLastError() != 0)
        bad |= 1; /* a new thread's slot is NULL, and success clears the error */
    TlsSetValue(tls_index, arg);
    if (TlsGetValue(tls_index) != arg)
        bad |= 2;
    return bad;
}

WT_CASE(tls_slots)
{
    expect_w32(tls_index = TlsAlloc(), tls_index, W32_SENTINEL);
    ok(tls_index != TLS_OUT_OF_INDEXES, "allocated");
    expect_w32(TlsGetValue(tls_index), NULL, 0);
    expect_w32(TlsSetValue(tls_index, (void *)0x1234), TRUE, W32_SENTINEL);
    ok(join(start_thread(tls_other, (void *)0x5678)) == 0, "the other thread has its own slot");
    expect_w32(TlsGetValue(tls_index), 0x1234, 0); /* ours unchanged */
    expect_w32(TlsFree(tls_index), TRUE, W32_SENTINEL);
    expect_w32(TlsFree(tls_index), FALSE, ERROR_INVALID_PARAMETER);
    expect_w32(TlsGetValue(1088), NULL, ERROR_INVALID_PARAMETER);
    expect_w32(TlsSetValue(1088, NULL), FALSE, ERROR_INVALID_PARAMETER);
    expect_w32(TlsFree(1088), FALSE, ERROR_INVALID_PARAMETER);
    /* A freed slot handed out again reads NULL. */
    DWORD a = TlsAlloc();
    TlsSetValue(a, (void *)0x99);
    TlsFree(a);
    DWORD b = TlsAlloc();
    ok(b == a, "the lowest free slot comes back (%lu, %lu)", (unsigned long)a, (unsigned long)b);
    expect_w32(TlsGetValue(b), NULL, 0);
    TlsFree(b);
}

WT_CASE(tls_exhaustion)
{
    static DWORD idx[1100];
    int n = 0;
    while (n < 1100 && (idx[n] = TlsAlloc()) != TLS_OUT_OF_INDEXES)
        n++;
    ok(n >= TLS_MINIMUM_AVAILABLE && n < 1100, "%d slots before TLS_OUT_OF_INDEXES (at most 1088)", n);
    /* The expansion slots work like the first 64. */
    expect_w32(TlsSetValue(idx[n - 1], (void *)0x77), TRUE, W32_SENTINEL);
    expect_w32(TlsGetValue(idx[n - 1]), 0x77, 0);
    TlsSetValue(idx[n - 1], NULL);
    for (int i = 0; i < n; i++)
        TlsFree(idx[i]);
}

static volatile LONG fls_calls;
static void *volatile fls_last;

static void WINAPI fls_cb(PVOID v)
{
    InterlockedIncrement(&fls_calls);
    fls_last = v;
}

static DWORD fls_index;

static DWORD WINAPI fls_thread(LPVOID arg)
{
    FlsSetValue(fls_index, arg);
    return 0; /* the callback runs as the thread ends */
}

WT_CASE(fls_slots)
{
    fls_calls = 0;
    expect_w32(fls_index = FlsAlloc(fls_cb), fls_index, W32_SENTINEL);
    ok(fls_index != FLS_OUT_OF_INDEXES, "allocated");
    expect_w32(FlsGetValue(fls_index), NULL, W32_SENTINEL);
    expect_w32(FlsSetValue(fls_index, (void *)0x42), TRUE, W32_SENTINEL);
    expect_w32(FlsGetValue(fls_index), 0x42, W32_SENTINEL);
    join(start_thread(fls_thread, (void *)0x43));
    ok(fls_calls == 1 && fls_last == (void *)0x43, "thread exit called back with its value (%ld)", (long)fls_calls);
    join(start_thread(fls_thread, NULL));
    ok(fls_calls == 1, "no call for a NULL value");
    expect_w32(FlsFree(fls_index), TRUE, W32_SENTINEL);
    ok(fls_calls == 2 && fls_last == (void *)0x42, "FlsFree called back with our value (%ld)", (long)fls_calls);
    expect_w32(FlsFree(fls_index), FALSE, ERROR_INVALID_PARAMETER);
    expect_w32(FlsGetValue(fls_index), NULL, ERROR_INVALID_PARAMETER);
    expect_w32(FlsSetValue(fls_index, NULL), FALSE, ERROR_INVALID_PARAMETER);
    expect_w32(FlsGetValue(FLS_MAXIMUM_AVAILABLE), NULL, ERROR_INVALID_PARAMETER);
}

/* ---- priorities, descriptions ------------------------------------------------- */

static DWORD WINAPI wait_event(LPVOID arg)
{
    return WaitForSingleObject((HANDLE)arg, 10000);
}

WT_CASE(thread_priority)
{
    HANDLE me = GetCurrentThread();
    expect_w32(GetThreadPriority(me), THREAD_PRIORITY_NORMAL, W32_SENTINEL);
    expect_w32(SetThreadPriority(me, THREAD_PRIORITY_LOWEST - 1), FALSE, ERROR_INVALID_PARAMETER);
    expect_w32(SetThreadPriority(me, THREAD_PRIORITY_HIGHEST + 1), FALSE, ERROR_INVALID_PARAMETER);
    static const int valid[] = {THREAD_PRIORITY_IDLE, THREAD_PRIORITY_LOWEST, THREAD_PRIORITY_BELOW_NORMAL,
                                THREAD_PRIORITY_ABOVE_NORMAL, THREAD_PRIORITY_HIGHEST, THREAD_PRIORITY_TIME_CRITICAL};
    for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) {
        expect_w32(SetThreadPriority(me, valid[i]), TRUE, W32_SENTINEL);
        expect_w32(GetThreadPriority(me), valid[i], W32_SENTINEL);
    }
    expect_w32(SetThreadPriority(me, THREAD_PRIORITY_NORMAL), TRUE, W32_SENTINEL);
    expect_w32(SetThreadPriority(me, THREAD_MODE_BACKGROUND_BEGIN), TRUE, W32_SENTINEL);
    expect_w32(SetThreadPriority(me, THREAD_MODE_BACKGROUND_END), TRUE, W32_SENTINEL);
    HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL), t = start_thread(wait_event, ev);
    expect_w32(GetThreadPriority(t), THREAD_PRIORITY_NORMAL, W32_SENTINEL);
    expect_w32(SetThreadPriority(t, THREAD_PRIORITY_ABOVE_NORMAL), TRUE, W32_SENTINEL);
    expect_w32(GetThreadPriority(t), THREAD_PRIORITY_ABOVE_NORMAL, W32_SENTINEL);
    SetEvent(ev);
    join(t);
    CloseHandle(ev);
    expect_w32(GetThreadPriority(NULL), THREAD_PRIORITY_ERROR_RETURN, ERROR_INVALID_HANDLE);
    expect_w32(SetThreadPriority(NULL, 0), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(SetThreadPriority(ev, 0), FALSE, ERROR_INVALID_HANDLE); /* closed */
}

/* Wine's test_thread_description. */
WT_CASE(thread_description)
{
    PWSTR d = NULL;
    HANDLE me = GetCurrentThread();
    expect_w32(GetThreadDescription(me, &d), S_OK, W32_SENTINEL);
    ok(d && d[0] == 0, "no description: \"\"");
    LocalFree(d);
    expect_w32(SetThreadDescription(me, NULL), S_OK, W32_SENTINEL);
    expect_w32(SetThreadDescription(me, L"thread_desc"), S_OK, W32_SENTINEL);
    d = NULL;
    expect_w32(GetThreadDescription(me, &d), S_OK, W32_SENTINEL);
    ok(d && !wcscmp(d, L"thread_desc"), "the description back");
    LocalFree(d);
    /* Kept whole, beyond what Linux keeps as the thread's name. */
    SetThreadDescription(me, L"a thread description longer than fifteen");
    GetThreadDescription(me, &d);
    ok(d && !wcscmp(d, L"a thread description longer than fifteen"), "a long description is kept whole");
    LocalFree(d);
    SetThreadDescription(me, NULL);
    GetThreadDescription(me, &d);
    ok(d && !d[0], "NULL clears it");
    LocalFree(d);
    ok(FAILED(SetThreadDescription(NULL, L"x")), "an invalid handle fails");
    ok(FAILED(GetThreadDescription(NULL, &d)), "an invalid handle fails");
}

/* ---- TerminateThread ------------------------------------------------------------- */

static HANDLE term_mutex;
static volatile LONG term_ran;

static DWORD WINAPI own_and_block(LPVOID arg)
{
    WaitForSingleObject(term_mutex, INFINITE);
    SetEvent((HANDLE)arg);
    Sleep(INFINITE);
    return 0;
}

static DWORD WINAPI mark_ran(LPVOID arg)
{
    (void)arg;
    InterlockedIncrement(&term_ran);
    return 7;
}

static void CALLBACK nop_apc(ULONG_PTR a)
{
    (void)a;
}

WT_CASE(terminate_thread)
{
    /* Blocked in a wait: it ends with the code. */
    HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL), t = start_thread(wait_event, ev);
    Sleep(50);
    expect_w32(TerminateThread(t, 0x1234), TRUE, W32_SENTINEL);
    ok(join(t) == 0x1234, "exit code is the one given");
    /* Owning a mutex: the next waiter finds it abandoned (Wine's test_mutex). */
    term_mutex = CreateMutexA(NULL, FALSE, NULL);
    ResetEvent(ev);
    t = start_thread(own_and_block, ev);
    ok(WaitForSingleObject(ev, 5000) == WAIT_OBJECT_0, "the thread owns the mutex");
    expect_w32(TerminateThread(t, 0), TRUE, W32_SENTINEL);
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "terminated");
    expect_w32(WaitForSingleObject(term_mutex, 1000), WAIT_ABANDONED, W32_SENTINEL);
    ReleaseMutex(term_mutex);
    CloseHandle(term_mutex);
    CloseHandle(t);
    /* Created suspended: it never runs (Wine's test_QueueUserAPC). */
    term_ran = 0;
    t = CreateThread(NULL, 0, mark_ran, NULL, CREATE_SUSPENDED, NULL);
    expect_w32(TerminateThread(t, 0xdead), TRUE, W32_SENTINEL);
    expect_w32(WaitForSingleObject(t, 1000), WAIT_OBJECT_0, W32_SENTINEL);
    expect_w32(QueueUserAPC(nop_apc, t, 0), 0, ERROR_GEN_FAILURE);
    ok(join(t) == 0xdead && term_ran == 0, "ended without running");
    expect_w32(TerminateThread(NULL, 0), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(TerminateThread(ev, 0), FALSE, ERROR_INVALID_HANDLE);
    CloseHandle(ev);
    expect_w32(SwitchToThread() >= 0, TRUE, W32_SENTINEL); /* leaves the last error alone */
}

/* ---- system information and version ----------------------------------------------- */

WT_CASE(system_info)
{
    SYSTEM_INFO si, nsi;
    memset(&si, 0xcc, sizeof si);
    GetSystemInfo(&si);
    ok(si.dwNumberOfProcessors >= 1 && si.dwNumberOfProcessors <= 4096, "%lu processors",
       (unsigned long)si.dwNumberOfProcessors);
    ok(si.dwPageSize >= 4096 && (si.dwPageSize & (si.dwPageSize - 1)) == 0, "page size %lu",
       (unsigned long)si.dwPageSize);
    ok(si.dwAllocationGranularity == 65536, "allocation granularity 64 KiB (%lu)",
       (unsigned long)si.dwAllocationGranularity);
    ok(si.lpMinimumApplicationAddress == (void *)0x10000, "lowest address %p", si.lpMinimumApplicationAddress);
    ok((ULONG_PTR)si.lpMaximumApplicationAddress > 0x7fff0000u, "highest address %p",
       si.lpMaximumApplicationAddress);
    ok(si.dwActiveProcessorMask != 0, "a processor mask");
#if defined(__x86_64__)
    ok(si.wProcessorArchitecture == PROCESSOR_ARCHITECTURE_AMD64 && si.dwProcessorType == PROCESSOR_AMD_X8664,
       "x64: PROCESSOR_ARCHITECTURE_AMD64 (%u, %lu)", si.wProcessorArchitecture, (unsigned long)si.dwProcessorType);
    ok(si.wProcessorLevel >= 6, "processor level (family) %u", si.wProcessorLevel);
#endif
    GetNativeSystemInfo(&nsi);
    ok(nsi.wProcessorArchitecture == si.wProcessorArchitecture && nsi.dwNumberOfProcessors == si.dwNumberOfProcessors,
       "native: the same for a 64-bit process");
}

WT_CASE(version)
{
    DWORD v = GetVersion();
    /* A program without a manifest sees Windows 8 (6.2.9200) on Windows 10. */
    ok(LOBYTE(LOWORD(v)) == 6 && HIBYTE(LOWORD(v)) == 2 && HIWORD(v) == 9200, "GetVersion %#lx", (unsigned long)v);
    OSVERSIONINFOA a;
    OSVERSIONINFOEXW w;
    a.dwOSVersionInfoSize = 0;
    expect_w32(GetVersionExA(&a), FALSE, ERROR_INSUFFICIENT_BUFFER);
    a.dwOSVersionInfoSize = sizeof a + 1;
    expect_w32(GetVersionExA(&a), FALSE, ERROR_INSUFFICIENT_BUFFER);
    a.dwOSVersionInfoSize = sizeof a;
    expect_w32(GetVersionExA(&a), TRUE, W32_SENTINEL);
    ok(a.dwMajorVersion == 6 && a.dwMinorVersion == 2 && a.dwBuildNumber == 9200 &&
           a.dwPlatformId == VER_PLATFORM_WIN32_NT && a.szCSDVersion[0] == 0,
       "GetVersionExA %lu.%lu.%lu", (unsigned long)a.dwMajorVersion, (unsigned long)a.dwMinorVersion,
       (unsigned long)a.dwBuildNumber);
    memset(&w, 0xcc, sizeof w);
    w.dwOSVersionInfoSize = sizeof w;
    expect_w32(GetVersionExW((OSVERSIONINFOW *)&w), TRUE, W32_SENTINEL);
    ok(w.dwMajorVersion == 6 && w.wServicePackMajor == 0 && w.wProductType >= VER_NT_WORKSTATION &&
           w.wProductType <= VER_NT_SERVER,
       "GetVersionExW (Ex) %lu, product type %u", (unsigned long)w.dwMajorVersion, w.wProductType);
    /* The real version, whatever the manifest. */
    RTL_OSVERSIONINFOW r;
    r.dwOSVersionInfoSize = sizeof r;
    ok(RtlGetVersion(&r) == 0 && r.dwMajorVersion == 10 && r.dwBuildNumber >= 10240, "RtlGetVersion %lu.%lu.%lu",
       (unsigned long)r.dwMajorVersion, (unsigned long)r.dwMinorVersion, (unsigned long)r.dwBuildNumber);
}

/* ---- computer names ---------------------------------------------------------------- */

WT_CASE(computer_name)
{
    char name[MAX_COMPUTERNAME_LENGTH + 1];
    DWORD size = 0;
    expect_w32(GetComputerNameA(name, &size), FALSE, ERROR_BUFFER_OVERFLOW);
    ok(size >= 2 && size <= MAX_COMPUTERNAME_LENGTH + 1, "the size needed, with the zero: %lu",
       (unsigned long)size);
    DWORD need = size;
    size = sizeof name;
    expect_w32(GetComputerNameA(name, &size), TRUE, W32_SENTINEL);
    ok(size == strlen(name) && size == need - 1, "the length without the zero: %lu (%s)", (unsigned long)size, name);
    for (const char *p = name; *p; p++)
        if (*p >= 'a' && *p <= 'z') {
            ok(0, "NetBIOS names are in capitals: %s", name);
            break;
        }
    WCHAR wname[MAX_COMPUTERNAME_LENGTH + 1];
    size = 1;
    expect_w32(GetComputerNameW(wname, &size), FALSE, ERROR_BUFFER_OVERFLOW);
    ok(size == need, "W: the same size needed (%lu)", (unsigned long)size);
    expect_w32(GetComputerNameW(wname, &size), TRUE, W32_SENTINEL);
    ok(size == need - 1 && wname[0] == (WCHAR)name[0], "W: the same name");
    /* The Ex formats: too small is ERROR_MORE_DATA with the size needed. */
    static const COMPUTER_NAME_FORMAT fmts[] = {ComputerNameNetBIOS, ComputerNameDnsHostname, ComputerNameDnsDomain,
                                                ComputerNameDnsFullyQualified, ComputerNamePhysicalDnsHostname};
    char host[256] = "", full[256] = "";
    for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
        char buf[256];
        size = 0;
        expect_w32(GetComputerNameExA(fmts[i], buf, &size), FALSE, ERROR_MORE_DATA);
        DWORD want = size;
        expect_w32(GetComputerNameExA(fmts[i], buf, &size), TRUE, W32_SENTINEL);
        ok(size == want - 1 && size == strlen(buf), "format %d: length %lu", (int)fmts[i], (unsigned long)size);
        if (fmts[i] == ComputerNameDnsHostname)
            strcpy(host, buf);
        if (fmts[i] == ComputerNameDnsFullyQualified)
            strcpy(full, buf);
        WCHAR wbuf[256];
        size = 0;
        expect_w32(GetComputerNameExW(fmts[i], wbuf, &size), FALSE, ERROR_MORE_DATA);
        ok(size == want, "W format %d: the same size", (int)fmts[i]);
    }
    size_t hl = strlen(host), k = 0;
    while (k < hl && tolower((unsigned char)full[k]) == tolower((unsigned char)host[k]))
        k++;
    ok(hl && k == hl, "the full name starts with the host name (%s, %s)", full, host);
    size = sizeof name;
    expect_w32(GetComputerNameExA(ComputerNameMax, name, &size), FALSE, ERROR_INVALID_PARAMETER);
}

/* ---- the environment ----------------------------------------------------------------- */

/* Wine's test_GetSetEnvironmentVariableA. */
WT_CASE(environment_a)
{
    char buf[256];
    static const char value[] = "SomeWildValue";
    expect_w32(SetEnvironmentVariableA("SomeWildName", value), TRUE, W32_SENTINEL);
    expect_w32(GetEnvironmentVariableA("SomeWildName", NULL, 0), sizeof value, W32_SENTINEL);
    strcpy(buf, "foo");
    expect_w32(GetEnvironmentVariableA("SomeWildName", buf, sizeof value - 1), sizeof value, W32_SENTINEL);
    ok(!strcmp(buf, "foo"), "too small: the buffer is not touched");
    expect_w32(GetEnvironmentVariableA("SomeWildName", buf, sizeof value), sizeof value - 1, W32_SENTINEL);
    ok(!strcmp(buf, value), "the value");
    strcpy(buf, "foo");
    expect_w32(GetEnvironmentVariableA("sOMEwILDnAME", buf, sizeof buf), sizeof value - 1, W32_SENTINEL);
    ok(!strcmp(buf, value), "names are case-insensitive");
    expect_w32(SetEnvironmentVariableA("SOMEWILDNAME", "other"), TRUE, W32_SENTINEL);
    expect_w32(GetEnvironmentVariableA("SomeWildName", buf, sizeof buf), 5, W32_SENTINEL);
    ok(!strcmp(buf, "other"), "setting another spelling changes the one variable");
    expect_w32(SetEnvironmentVariableA("sOMEwILDnAME", NULL), TRUE, W32_SENTINEL);
    strcpy(buf, "foo");
    expect_w32(GetEnvironmentVariableA("SomeWildName", buf, sizeof buf), 0, ERROR_ENVVAR_NOT_FOUND);
    ok(!strcmp(buf, "foo"), "not found: the buffer is not touched");
    /* An empty value is a value: 0, the last error untouched, "" copied. */
    expect_w32(SetEnvironmentVariableA("SomeWildName", ""), TRUE, W32_SENTINEL);
    expect_w32(GetEnvironmentVariableA("SomeWildName", buf, sizeof buf), 0, W32_SENTINEL);
    ok(buf[0] == 0, "the empty value was copied");
    SetEnvironmentVariableA("SomeWildName", NULL);
    expect_w32(GetEnvironmentVariableA("", buf, sizeof buf), 0, ERROR_ENVVAR_NOT_FOUND);
    SetLastError(W32_SENTINEL);
    ok(GetEnvironmentVariableA(NULL, buf, sizeof buf) == 0 &&
           (GetLastError() == ERROR_ENVVAR_NOT_FOUND || GetLastError() == ERROR_INVALID_PARAMETER),
       "a NULL name is not found");
    expect_w32(SetEnvironmentVariableA("", "x"), FALSE, ERROR_INVALID_PARAMETER);
    expect_w32(SetEnvironmentVariableA("A=B", "x"), FALSE, ERROR_INVALID_PARAMETER);
}

WT_CASE(environment_w)
{
    WCHAR buf[256];
    static const WCHAR value[] = L"SomeWildValue \x00e9t\x00e9";
    DWORD len = (DWORD)wcslen(value);
    expect_w32(SetEnvironmentVariableW(L"SomeWildName", value), TRUE, W32_SENTINEL);
    expect_w32(GetEnvironmentVariableW(L"SomeWildName", NULL, 0), len + 1, W32_SENTINEL);
    wcscpy(buf, L"foo");
    expect_w32(GetEnvironmentVariableW(L"SomeWildName", buf, len), len + 1, W32_SENTINEL);
    ok(!wcscmp(buf, L"foo"), "too small: the buffer is not touched");
    expect_w32(GetEnvironmentVariableW(L"sOMEwILDnAME", buf, len + 1), len, W32_SENTINEL);
    ok(!wcscmp(buf, value), "the value, non-ASCII included");
    char abuf[64];
    expect_w32(GetEnvironmentVariableA("SomeWildName", abuf, sizeof abuf), strlen(abuf), W32_SENTINEL);
    expect_w32(SetEnvironmentVariableW(L"sOMEwILDnAME", NULL), TRUE, W32_SENTINEL);
    expect_w32(GetEnvironmentVariableW(L"SomeWildName", buf, 256), 0, ERROR_ENVVAR_NOT_FOUND);
    expect_w32(GetEnvironmentVariableW(NULL, NULL, 0), 0, ERROR_ENVVAR_NOT_FOUND);
}

/* Wine's test_ExpandEnvironmentStringsA. */
WT_CASE(expand_environment)
{
    char buf[256];
    static const char value[] = "Long long value";
    SetEnvironmentVariableA("EnvVar", value);
    expect_w32(ExpandEnvironmentStringsA(NULL, buf, sizeof buf), 1, W32_SENTINEL);
    expect_w32(ExpandEnvironmentStringsA("%EnvVar%", NULL, 0), sizeof value, W32_SENTINEL);
    expect_w32(ExpandEnvironmentStringsA("%EnvVar%", buf, 12), sizeof value, W32_SENTINEL);
    expect_w32(ExpandEnvironmentStringsA("%EnvVar%", buf, sizeof value), sizeof value, W32_SENTINEL);
    ok(!strcmp(buf, value), "expanded: %s", buf);
    expect_w32(ExpandEnvironmentStringsA("%NotAnEnvVar%", buf, sizeof buf), sizeof "%NotAnEnvVar%", W32_SENTINEL);
    ok(!strcmp(buf, "%NotAnEnvVar%"), "an unknown name stays as written: %s", buf);
    ExpandEnvironmentStringsA("x%ENVVAR%y %NotAnEnvVar% z 100%", buf, sizeof buf);
    ok(!strcmp(buf, "xLong long valuey %NotAnEnvVar% z 100%"), "mixed: %s", buf);
    WCHAR w[64];
    expect_w32(ExpandEnvironmentStringsW(L"<%envvar%>", w, 64), sizeof value + 2, W32_SENTINEL);
    ok(!wcscmp(w, L"<Long long value>"), "W expanded");
    SetEnvironmentVariableA("EnvVar", NULL);
}

/* ---- the process ------------------------------------------------------------------------ */

WT_CASE(process)
{
    DWORD code = 0;
    expect_w32(GetExitCodeProcess(GetCurrentProcess(), &code), TRUE, W32_SENTINEL);
    ok(code == STILL_ACTIVE, "running: STILL_ACTIVE (%lu)", (unsigned long)code);
    expect_w32(GetExitCodeProcess(NULL, &code), FALSE, ERROR_INVALID_HANDLE);
    HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL);
    expect_w32(GetExitCodeProcess(ev, &code), FALSE, ERROR_INVALID_HANDLE);
    HANDLE dup = NULL;
    DuplicateHandle(GetCurrentProcess(), GetCurrentProcess(), GetCurrentProcess(), &dup, 0, FALSE,
                    DUPLICATE_SAME_ACCESS);
    expect_w32(GetExitCodeProcess(dup, &code), TRUE, W32_SENTINEL);
    CloseHandle(dup);
    BOOL wow = TRUE;
    expect_w32(IsWow64Process(GetCurrentProcess(), &wow), TRUE, W32_SENTINEL);
    ok(!wow, "a 64-bit process is not under WOW64");
    expect_w32(IsWow64Process(ev, &wow), FALSE, ERROR_INVALID_HANDLE);
    USHORT pm = 1, nm = 0;
    expect_w32(IsWow64Process2(GetCurrentProcess(), &pm, &nm), TRUE, W32_SENTINEL);
    ok(pm == IMAGE_FILE_MACHINE_UNKNOWN && nm != 0, "IsWow64Process2: %#x, %#x", pm, nm);
    CloseHandle(ev);
    expect_w32(GetCurrentProcessId() != 0, TRUE, W32_SENTINEL);
    const char *cmd = GetCommandLineA();
    ok(cmd && strstr(cmd, "process"), "the command line names the program: %s", cmd ? cmd : "NULL");
    const WCHAR *wcmd = GetCommandLineW();
    ok(wcmd && wcsstr(wcmd, L"process"), "and its W form");
    ok(GetCommandLineA() == cmd, "the same string each time");
}

/* The Windows directories: the usual size protocol (the length copied, or
 * the size needed with the zero), a path ending in the directory's name. */
WT_CASE(system_directories)
{
    char a[MAX_PATH];
    WCHAR w[MAX_PATH];
    UINT n, need;
    expect_w32(need = GetSystemDirectoryA(NULL, 0), need, W32_SENTINEL);
    ok(need > 9, "the size needed: %u", need);
    expect_w32(GetSystemDirectoryA(a, need - 1), need, W32_SENTINEL); /* one short: the size again */
    expect_w32(n = GetSystemDirectoryA(a, sizeof a), need - 1, W32_SENTINEL);
    ok(n == strlen(a) && n > 9 && !_stricmp(a + n - 9, "\\system32"), "the system directory: %s", a);
    expect_w32(GetSystemDirectoryW(w, MAX_PATH), n, W32_SENTINEL);
    ok(w[0] == (WCHAR)a[0] && w[n] == 0, "the same in WCHARs");
    expect_w32(GetSystemDirectoryW(NULL, 0), need, W32_SENTINEL);
    char win[MAX_PATH];
    expect_w32(n = GetWindowsDirectoryA(win, sizeof win), n, W32_SENTINEL);
    ok(n > 0 && n == strlen(win) && !_strnicmp(a, win, n) && a[n] == '\\',
       "the system directory is under the Windows directory: %s, %s", win, a);
    expect_w32(GetWindowsDirectoryA(win, 1), n + 1, W32_SENTINEL);
    expect_w32(GetWindowsDirectoryW(w, MAX_PATH), n, W32_SENTINEL);
    /* A DLL by its full path there is the loaded one. */
    strcat(a, "\\ws2_32.dll");
    HMODULE m = LoadLibraryA(a);
    ok(m != NULL && m == GetModuleHandleA("ws2_32.dll"), "LoadLibraryA(%s)", a);
    if (m)
        FreeLibrary(m);
}

WT_MAIN(tls_slots, tls_exhaustion, fls_slots, thread_priority, thread_description, terminate_thread, system_info,
        version, computer_name, system_directories, environment_a, environment_w, expand_environment, process)
