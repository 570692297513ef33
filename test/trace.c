/* Tracing: with WS2POSIX_TRACE=<file> every call leaves one line with the
 * function, decoded arguments, result, WSA error name and the errno and
 * system call behind it.  ctest sets the variable for this test; on Windows
 * (no __WS2POSIX__) only the calls themselves are checked. */
#include "wstest.h"

static long trace_size(void)
{
    const char *path = getenv("WS2POSIX_TRACE");
    FILE *f = path ? fopen(path, "rb") : NULL;
    long n = 0;
    if (f) {
        fseek(f, 0, SEEK_END);
        n = ftell(f);
        fclose(f);
    }
    return n;
}

/* The trace text written since offset `from`. */
static char *trace_since(long from)
{
    static char buf[16384];
    const char *path = getenv("WS2POSIX_TRACE");
    FILE *f = path ? fopen(path, "rb") : NULL;
    size_t n = 0;
    buf[0] = 0;
    if (f) {
        fseek(f, from, SEEK_SET);
        n = fread(buf, 1, sizeof buf - 1, f);
        buf[n] = 0;
        fclose(f);
    }
    return buf;
}

WT_CASE(failed_and_successful_calls_are_traced)
{
    long start = trace_size();
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a), c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    closesocket(l);
    wt_refuse_at_once(c);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAECONNREFUSED);
    expect_fail(bind(c, NULL, 0), WSAEFAULT);
    closesocket(c);
#ifdef __WS2POSIX__
    const char *t = trace_since(start);
    ok(getenv("WS2POSIX_TRACE") != NULL, "ctest sets WS2POSIX_TRACE");
    ok(strstr(t, "socket(af=2, type=1, protocol=6) = ") != NULL, "socket line missing:\n%s", t);
    ok(strstr(t, "connect(s=") && strstr(t, "name=127.0.0.1:") &&
           strstr(t, "= -1 WSAECONNREFUSED [connect: ECONNREFUSED]"),
       "connect line missing:\n%s", t);
    ok(strstr(t, "bind(s=") && strstr(t, "name=NULL, namelen=0) = -1 WSAEFAULT\n"), "bind line missing:\n%s", t);
    ok(strstr(t, "closesocket(s=") && strstr(t, ") = 0\n"), "closesocket line missing:\n%s", t);
#else
    (void)start;
    (void)trace_since;
#endif
}

/* Winsock and Win32 share the codes below 10000: a line names the code the
 * way the function's own documentation does. */
WT_CASE(codes_are_named_by_their_api)
{
    long start = trace_size();
    SetLastError(0);
    ok(!CloseHandle(NULL), "CloseHandle(NULL) fails");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "CloseHandle(NULL): %lu", (unsigned long)GetLastError());
    WSASetLastError(0);
    ok(!WSACloseEvent(NULL), "WSACloseEvent(NULL) fails");
    ok(WSAGetLastError() == WSA_INVALID_HANDLE, "WSACloseEvent(NULL): %d", WSAGetLastError());
#ifdef __WS2POSIX__
    const char *t = trace_since(start);
    ok(strstr(t, "CloseHandle(") && strstr(t, "= 0 ERROR_INVALID_HANDLE\n"), "CloseHandle line:\n%s", t);
    ok(strstr(t, "WSACloseEvent(") && strstr(t, "= 0 WSA_INVALID_HANDLE\n"), "WSACloseEvent line:\n%s", t);
#else
    (void)start;
#endif
}

WT_MAIN(failed_and_successful_calls_are_traced, codes_are_named_by_their_api)
