/* The printf fragment test/special/printf.sh compiles in every mode: a
 * Windows file whose plain printf family follows MSVC's format rules
 * (ws2p/crt_printf.h).  Exits 0 if every line came out as on Windows; with
 * WS2P_GLIBC_PRINTF it shows what glibc itself makes of the same formats. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static int check(const char *what, const char *got, const char *want)
{
    if (!strcmp(got, want))
        return 0;
    printf("%s: got \"%s\", want \"%s\"\n", what, got, want);
    return 1;
}

/* C++ under _FORTIFY_SOURCE keeps glibc's buffer forms (ws2p/crt_printf.h);
 * the MSVC-named ones stand in for them there. */
#if defined(__cplusplus) && __USE_FORTIFY_LEVEL > 0 && (defined(__clang__) || defined(__STRICT_ANSI__))
#define sprintf(b, ...) _snprintf(b, sizeof b, __VA_ARGS__)
#define snprintf _snprintf
#define vsnprintf _vsnprintf
#endif

static int via_vsnprintf(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

int main(void)
{
    char buf[128];
    wchar_t w[64];
    long long v = -5000000000LL;
    DWORD dw = 4000000000u;
    int bad = 0;
    sprintf(buf, "%I64d", v);
    bad |= check("sprintf %I64d", buf, "-5000000000");
    snprintf(buf, sizeof buf, "Content-Length: %I64u", (unsigned long long)1234);
    bad |= check("snprintf %I64u", buf, "Content-Length: 1234");
    via_vsnprintf(buf, sizeof buf, "%Iu|%ld|%lu", (size_t)1 << 33, (long)-1, dw);
    bad |= check("vsnprintf %Iu %ld %lu", buf, "8589934592|-1|4000000000");
    swprintf(w, 64, L"%s|%S|%I64d", L"wide", "narrow", v);
    wcstombs(buf, w, sizeof buf);
    bad |= check("swprintf %s %S", buf, "wide|narrow|-5000000000");
    /* Through the stream functions too (read back by the script). */
    printf("printf:%I64d\n", v);
    fprintf(stdout, "fprintf:%I32d\n", 7);
    wprintf(L"wprintf:%s\n", L"wide");
    fflush(stdout);
    return bad;
}
