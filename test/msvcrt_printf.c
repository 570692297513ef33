/* The MSVC printf forms (_snprintf, _vsnprintf, _scprintf, _vscprintf,
 * _snwprintf, _vsnwprintf, _scwprintf) and MSVC's format rules, which the
 * plain printf family of a Windows file follows too (ws2p/crt_printf.h).
 * Termination cases from Wine's msvcrt and ucrtbase printf.c
 * test_snprintf; formats from the "Format specification syntax" page and
 * Wine's test_swprintf. */
#include "crtest.h"
/* MinGW checks formats by the old msvcrt.dll's rules, which lack the UCRT's
 * %zu and %wc. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"

static int vsn(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = _vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

static int vsc(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = _vscprintf(fmt, ap);
    va_end(ap);
    return r;
}

static int vsnw(wchar_t *buf, size_t n, const wchar_t *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = _vsnwprintf(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

static int plain_vsnprintf(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

/* Output that fits is terminated; output of exactly count characters fills
 * the buffer and is not; longer output fills it and returns -1. */
WT_CASE(snprintf_legacy_termination)
{
    static const char *const tests[] = {"short", "justfit", "justfits", "muchlonger", "", "1"};
    static const int sizes[] = {0, 1, 8};
    for (size_t j = 0; j < ARRAYSIZE(sizes); j++)
        for (size_t i = 0; i < ARRAYSIZE(tests); i++) {
            char buf[16];
            int size = sizes[j], len = (int)strlen(tests[i]);
            int want = len > size ? -1 : len;
            int valid = want < 0 ? size : want == size ? want : want + 1;
            memset(buf, '#', sizeof buf);
            expect_crt_ok(_snprintf(buf, (size_t)size, "%s", tests[i]), want);
            ok(!memcmp(buf, tests[i], (size_t)valid) && buf[valid] == '#', "\"%s\" in %d: %.16s", tests[i], size, buf);
            memset(buf, '#', sizeof buf);
            expect_crt_ok(vsn(buf, (size_t)size, "%s", tests[i]), want);
            ok(!memcmp(buf, tests[i], (size_t)valid) && buf[valid] == '#', "\"%s\" in %d: %.16s", tests[i], size, buf);
        }
}

WT_CASE(snprintf_measures_and_validates)
{
    char buf[8];
    const char *volatile no_format = NULL;
    expect_crt_ok(_snprintf(NULL, 0, "%d-%s", 12345, "abc"), 9);
    expect_crt_ok(vsn(NULL, 0, "%d", 12345), 5);
    expect_crt(_snprintf(NULL, 5, "x"), -1, EINVAL, 1);
    expect_crt(_snprintf(buf, sizeof buf, no_format), -1, EINVAL, 1);
    expect_crt_ok(_scprintf("%s-%d", "ab", 123), 6);
    expect_crt_ok(vsc("%I64d", (long long)-1), 2);
    expect_crt(_scprintf(no_format), -1, EINVAL, 1);
}

/* %I64, %I32 and %I: glibc alone would read a locale flag, a width of 64
 * and an int. */
WT_CASE(size_prefixes)
{
    char buf[64];
    long long big = (long long)(0xffffffffULL * 0xffffffffULL);
    size_t z = (size_t)0x100000007ULL;
    expect_crt_ok(_snprintf(buf, sizeof buf, "%I64d", big), 11);
    ok(!strcmp(buf, "-8589934591"), "%%I64d: %s", buf);
    expect_crt_ok(_snprintf(buf, sizeof buf, "%I64u|%I64x|%08I64X", (unsigned long long)big, 0xfffffffe00000001ULL,
                            0xabcULL),
                  46);
    ok(!strcmp(buf, "18446744065119617025|fffffffe00000001|00000ABC"), "%%I64u|x|X: %s", buf);
    expect_crt_ok(_snprintf(buf, sizeof buf, "[%I32d|%-4I32u|%I32x]", -5, 7u, 255u), 12);
    ok(!strcmp(buf, "[-5|7   |ff]"), "%%I32: %s", buf);
    expect_crt_ok(_snprintf(buf, sizeof buf, "%Iu %Id %Ix", z, (ptrdiff_t)-3, z), 23);
    ok(!strcmp(buf, "4294967303 -3 100000007"), "%%I: %s", buf);
    expect_crt_ok(_snprintf(buf, sizeof buf, "%lld %llu %zu %%I64d", -1LL, 1ULL, z), 21);
    ok(!strcmp(buf, "-1 1 4294967303 %I64d"), "standard sizes and %%%%: %s", buf);
}

/* A long is 32 bits on Windows: %ld, %lu and %lx read 32 bits. */
WT_CASE(long_is_32_bits)
{
    char buf[64];
    DWORD dw = 0xffffffffu;
    expect_crt_ok(_snprintf(buf, sizeof buf, "%ld %lu %lx %lX", (long)-1, (unsigned long)dw, (long)-1, (long)0xbeef),
                  27);
    ok(!strcmp(buf, "-1 4294967295 ffffffff BEEF"), "%%l: %s", buf);
}

/* %s/%c are the function's own width, %S/%C the other one; h and l/w
 * force narrow and wide. */
WT_CASE(string_widths)
{
    char buf[64];
    wchar_t wbuf[64];
    expect_crt_ok(_snprintf(buf, sizeof buf, "%s|%S|%ws|%hs|%ls|%c|%C|%wc", "n", L"w", L"w", "n", L"w", 'c', L'C', L'W'),
                  15);
    ok(!strcmp(buf, "n|w|w|n|w|c|C|W"), "narrow: %s", buf);
    expect_crt_ok(_snwprintf(wbuf, ARRAYSIZE(wbuf), L"%s|%S|%hs|%ls|%ws|%c|%C|%hc", L"wide", "narrow", "narrow", L"wide",
                             L"wide", L'x', 'y', 'z'),
                  34);
    ok(!wcscmp(wbuf, L"wide|narrow|narrow|wide|wide|x|y|z"), "wide: %ls", wbuf);
    expect_crt_ok(_snwprintf(wbuf, ARRAYSIZE(wbuf), L"%I64d", (long long)(0xffffffffULL * 0xffffffffULL)), 11);
    ok(!wcscmp(wbuf, L"-8589934591"), "wide %%I64d: %ls", wbuf);
}

WT_CASE(pointer_is_sixteen_hex_digits)
{
    char buf[32];
    expect_crt_ok(_snprintf(buf, sizeof buf, "%p", (void *)(uintptr_t)0x1234abcd), 16);
    ok(!strcmp(buf, "000000001234ABCD"), "%%p: %s", buf);
}

WT_CASE(snwprintf_legacy_termination)
{
    static const wchar_t *const tests[] = {L"short", L"justfit", L"justfits", L"muchlonger", L"", L"1"};
    static const int sizes[] = {0, 1, 8};
    for (size_t j = 0; j < ARRAYSIZE(sizes); j++)
        for (size_t i = 0; i < ARRAYSIZE(tests); i++) {
            wchar_t buf[16];
            int size = sizes[j], len = (int)wcslen(tests[i]);
            int want = len > size ? -1 : len;
            int valid = want < 0 ? size : want == size ? want : want + 1;
            wmemset(buf, L'#', ARRAYSIZE(buf));
            expect_crt_ok(_snwprintf(buf, (size_t)size, L"%s", tests[i]), want);
            ok(!wmemcmp(buf, tests[i], (size_t)valid) && buf[valid] == L'#', "L\"%ls\" in %d", tests[i], size);
            wmemset(buf, L'#', ARRAYSIZE(buf));
            expect_crt_ok(vsnw(buf, (size_t)size, L"%s", tests[i]), want);
            ok(!wmemcmp(buf, tests[i], (size_t)valid) && buf[valid] == L'#', "L\"%ls\" in %d", tests[i], size);
        }
    const wchar_t *volatile no_format = NULL;
    expect_crt_ok(_snwprintf(NULL, 0, L"%d-%s", 12345, L"abc"), 9);
    expect_crt_ok(_scwprintf(L"%s%S", L"ab", "cd"), 4);
    expect_crt(_snwprintf(NULL, 3, L"x"), -1, EINVAL, 1);
    expect_crt(_scwprintf(no_format), -1, EINVAL, 1);
}

/* A format longer than any stack buffer the translation keeps. */
WT_CASE(long_format)
{
    char fmt[700], buf[800];
    memset(fmt, 'a', 600);
    strcpy(fmt + 600, "%I64d|%Iu");
    expect_crt_ok(_snprintf(buf, sizeof buf, fmt, -5000000000LL, (size_t)7), 613);
    ok(!memcmp(buf + 600, "-5000000000|7", 14), "long format: %s", buf + 600);
}

/* The plain family of this (Windows) file follows the same rules. */
WT_CASE(plain_printf_family_follows_msvc)
{
    char buf[64];
    wchar_t wbuf[32];
    long long big = -5000000000LL;
    ok(sprintf(buf, "%I64d|%Iu|%ld", big, (size_t)0x100000000ULL, (long)-1) == 25, "sprintf returns");
    ok(!strcmp(buf, "-5000000000|4294967296|-1"), "sprintf: %s", buf);
    ok(snprintf(buf, sizeof buf, "Content-Length: %I64u\r\n", (unsigned long long)1234) == 22, "snprintf returns");
    ok(!strcmp(buf, "Content-Length: 1234\r\n"), "snprintf: %s", buf);
    ok(plain_vsnprintf(buf, sizeof buf, "%I64x", 0x123456789aULL) == 10 && !strcmp(buf, "123456789a"),
       "vsnprintf: %s", buf);
    ok(swprintf(wbuf, ARRAYSIZE(wbuf), L"%s/%S/%I64d", L"w", "n", big) == 15, "swprintf returns");
    ok(!wcscmp(wbuf, L"w/n/-5000000000"), "swprintf: %ls", wbuf);
}

/* printf and wprintf share a stream, as on Windows. */
WT_CASE(narrow_and_wide_share_a_stream)
{
    char name[64], line[64];
    _snprintf(name, sizeof name, "ws2p_printf_%d.txt", _getpid());
    FILE *f = fopen(name, "w+");
    ok(f != NULL, "fopen");
    if (!f)
        return;
    ok(fprintf(f, "a%I64d ", 1LL) == 3, "fprintf");
    ok(fwprintf(f, L"%s %S", L"wide", "narrow") == 11, "fwprintf");
    ok(fprintf(f, " z\n") == 3, "fprintf after fwprintf");
    rewind(f);
    ok(fgets(line, sizeof line, f) && !strcmp(line, "a1 wide narrow z\n"), "stream holds \"%s\"", line);
    fclose(f);
    remove(name);
}

WT_MAIN(snprintf_legacy_termination, snprintf_measures_and_validates, size_prefixes, long_is_32_bits, string_widths,
        pointer_is_sixteen_hex_digits, snwprintf_legacy_termination, long_format, plain_printf_family_follows_msvc,
        narrow_and_wide_share_a_stream)
