/* Item 5: what a Windows program gets from <windows.h> or <winsock2.h>
 * alone (TRANSITIVE_HEADER 1 = windows.h, 2 = winsock2.h, 3 = windows.h
 * with WIN32_LEAN_AND_MEAN, then winsock2.h): the C headers the SDK brings, min/max,
 * MAX_PATH, TRUE/FALSE, the calling-convention keywords, FD_SET as a type
 * beside the macro, the basetsd.h types. 
 * COMPAT_VARIANTS: -DTRANSITIVE_HEADER=1 | -DTRANSITIVE_HEADER=2 | -DTRANSITIVE_HEADER=3 | -D_WIN32 */
#if !defined(TRANSITIVE_HEADER) || TRANSITIVE_HEADER == 1
#include <windows.h>
#elif TRANSITIVE_HEADER == 2
#include <winsock2.h>
#else
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#ifdef _WINSOCKAPI_
#error "WIN32_LEAN_AND_MEAN leaves Winsock out of windows.h"
#endif
#include <winsock2.h>
#endif

/* excpt.h */
static int filter(int code)
{
    return code == 0 ? EXCEPTION_EXECUTE_HANDLER : EXCEPTION_CONTINUE_SEARCH;
}

static int __cdecl by_cdecl(int a)
{
    return a;
}
static int _cdecl by_cdecl2(int a)
{
    return a;
}
static int __stdcall by_stdcall(int a)
{
    return a;
}
static DWORD WINAPI thread_proc(LPVOID p)
{
    return p != NULL;
}
static LRESULT CALLBACK wnd_proc(HWND h, UINT m, WPARAM w, LPARAM l)
{
    return (LRESULT)(h != NULL) + m + (LRESULT)w + l;
}

static int sum(int n, ...) /* stdarg.h */
{
    va_list ap;
    int i, t = 0;
    va_start(ap, n);
    for (i = 0; i < n; i++)
        t += va_arg(ap, int);
    va_end(ap);
    return t;
}

int main(void)
{
    char path[MAX_PATH];
    char *copy = (char *)malloc(16);             /* stdlib.h */
    char *stack = (char *)_alloca(8);            /* ... with <malloc.h>'s alloca, as MinGW's */
    LONG32 l32 = -1;
    ULONG32 u32 = 1;
    INT_PTR ip = 0;
    SSIZE_T ss = -1;
    UINT_PTR up = 0;
    DWORD_PTR dp = 0;
    LONG64 l64 = 0;
    FD_SET set;                                  /* typedef struct fd_set FD_SET */
    PFD_SET pset = &set;
    BOOL ok = TRUE;
    int r;
    FD_ZERO(pset);
    FD_SET(0, pset);                             /* ... and still the macro */
    strcpy(path, "C:\\");                        /* string.h */
    stack[0] = 'x';
    if (!copy)
        return 1;
    memcpy(copy, path, strlen(path) + 1);
    ok = ok && isalpha((unsigned char)copy[0]);  /* ctype.h */
    ok = ok && INT_MAX > 0 && CHAR_BIT == 8;     /* limits.h */
    ok = ok && min(3, 4) == 3 && max(3, 4) == 4;
    ok = ok && FALSE == 0 && TRUE == 1;
    ok = ok && sizeof l32 == 4 && sizeof u32 == 4 && sizeof ip == sizeof(void *) && sizeof ss == sizeof(void *);
    ok = ok && sizeof up == sizeof(void *) && sizeof dp == sizeof(void *) && sizeof l64 == 8;
    ok = ok && set.fd_count == 1 && filter(0) == 1;
    ok = ok && by_cdecl(1) + by_cdecl2(1) + by_stdcall(1) == 3 && thread_proc(NULL) == 0 && wnd_proc(NULL, 1, 0, 0) == 1;
    ok = ok && sum(3, 1, 2, 3) == 6 && atoi("42") == 42 && stack[0] == 'x';
#ifdef _WIN32 /* compiled once with -D_WIN32: a 64-bit build is _WIN64 */
#if __SIZEOF_POINTER__ == 8 && !defined(_WIN64)
#error "a 64-bit build with _WIN32 is _WIN64"
#endif
#endif
    free(copy);
    r = ok ? 0 : 1;
    return r;
}
