/* <strsafe.h>: StringCch/StringCb Copy, CopyN, Cat, CatN, Printf, VPrintf
 * and Length, A and W: S_OK, STRSAFE_E_INSUFFICIENT_BUFFER with the result
 * cut short and NUL-terminated, STRSAFE_E_INVALID_PARAMETER for zero and
 * oversized counts and for unterminated strings (strsafe reference pages). */
#define WT_NO_STARTUP
#include "wstest.h"
#include <strsafe.h>

#define expect_hr(call, want)                                                                           \
    do {                                                                                                \
        HRESULT hr_ = (call);                                                                           \
        ok(hr_ == (HRESULT)(want), "%s: %#lx (want %#lx)", #call, (unsigned long)hr_, (unsigned long)(want)); \
    } while (0)

WT_CASE(cch_copy)
{
    char a[8];
    WCHAR w[8];
    expect_hr(StringCchCopyA(a, ARRAYSIZE(a), "hello"), S_OK);
    ok(!strcmp(a, "hello"), "copied");
    expect_hr(StringCchCopyA(a, ARRAYSIZE(a), "hello world"), STRSAFE_E_INSUFFICIENT_BUFFER);
    ok(!strcmp(a, "hello w"), "cut short and terminated: %s", a);
    expect_hr(StringCchCopyA(a, 8, "1234567"), S_OK);
    expect_hr(StringCchCopyA(a, 8, "12345678"), STRSAFE_E_INSUFFICIENT_BUFFER);
    memcpy(a, "keep", 5);
    expect_hr(StringCchCopyA(a, 0, "x"), STRSAFE_E_INVALID_PARAMETER);
    ok(!strcmp(a, "keep"), "a zero count writes nothing");
    expect_hr(StringCchCopyA(a, (size_t)STRSAFE_MAX_CCH + 1, "x"), STRSAFE_E_INVALID_PARAMETER);
    expect_hr(StringCchCopyW(w, ARRAYSIZE(w), L"wide"), S_OK);
    ok(!wcscmp(w, L"wide"), "copied (W)");
    expect_hr(StringCchCopyW(w, 3, L"wide"), STRSAFE_E_INSUFFICIENT_BUFFER);
    ok(!wcscmp(w, L"wi"), "cut short (W)");
    expect_hr(StringCchCopyNA(a, ARRAYSIZE(a), "abcdef", 3), S_OK);
    ok(!strcmp(a, "abc"), "CopyN takes at most n: %s", a);
    expect_hr(StringCchCopyNA(a, 3, "abcdef", 5), STRSAFE_E_INSUFFICIENT_BUFFER);
    ok(!strcmp(a, "ab"), "CopyN cut short");
    expect_hr(StringCchCopyNW(w, ARRAYSIZE(w), L"abcdef", 2), S_OK);
    ok(!wcscmp(w, L"ab"), "CopyN (W)");
}

WT_CASE(cch_cat)
{
    char a[8] = "abc";
    WCHAR w[6] = L"ab";
    expect_hr(StringCchCatA(a, ARRAYSIZE(a), "de"), S_OK);
    ok(!strcmp(a, "abcde"), "appended");
    expect_hr(StringCchCatA(a, ARRAYSIZE(a), "fghij"), STRSAFE_E_INSUFFICIENT_BUFFER);
    ok(!strcmp(a, "abcdefg"), "cut short: %s", a);
    /* a destination with no NUL inside the count */
    memset(a, 'x', sizeof a);
    expect_hr(StringCchCatA(a, ARRAYSIZE(a), "y"), STRSAFE_E_INVALID_PARAMETER);
    expect_hr(StringCchCatA(a, 0, "y"), STRSAFE_E_INVALID_PARAMETER);
    expect_hr(StringCchCatW(w, ARRAYSIZE(w), L"cd"), S_OK);
    expect_hr(StringCchCatW(w, ARRAYSIZE(w), L"ef"), STRSAFE_E_INSUFFICIENT_BUFFER);
    ok(!wcscmp(w, L"abcde"), "cut short (W)");
    memcpy(a, "ab", 3);
    expect_hr(StringCchCatNA(a, ARRAYSIZE(a), "cdef", 2), S_OK);
    ok(!strcmp(a, "abcd"), "CatN");
}

static HRESULT vprint(char *d, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    HRESULT hr = StringCchVPrintfA(d, n, fmt, ap);
    va_end(ap);
    return hr;
}

WT_CASE(cch_printf)
{
    char a[8];
    WCHAR w[8];
    expect_hr(StringCchPrintfA(a, ARRAYSIZE(a), "%d-%s", 42, "ab"), S_OK);
    ok(!strcmp(a, "42-ab"), "formatted");
    expect_hr(StringCchPrintfA(a, ARRAYSIZE(a), "%d-%s", 12345, "abcdef"), STRSAFE_E_INSUFFICIENT_BUFFER);
    ok(!strcmp(a, "12345-a"), "cut short: %s", a);
    expect_hr(StringCchPrintfA(a, ARRAYSIZE(a), "1234567"), S_OK);
    expect_hr(vprint(a, ARRAYSIZE(a), "%c%c", 'o', 'k'), S_OK);
    ok(!strcmp(a, "ok"), "VPrintf");
    memcpy(a, "keep", 5);
    expect_hr(StringCchPrintfA(a, 0, "x"), STRSAFE_E_INVALID_PARAMETER);
    ok(!strcmp(a, "keep"), "a zero count writes nothing");
    expect_hr(StringCchPrintfW(w, ARRAYSIZE(w), L"%d-%ls", 7, L"wide"), S_OK);
    ok(!wcscmp(w, L"7-wide"), "formatted (W)");
    expect_hr(StringCchPrintfW(w, 4, L"%d", 123456), STRSAFE_E_INSUFFICIENT_BUFFER);
    ok(w[3] == 0, "cut short and terminated (W)");
    /* the printf rules are the C runtime's: MSVC's, %s wide in the W form, %I64d */
    expect_hr(StringCchPrintfW(w, ARRAYSIZE(w), L"%s!", L"abc"), S_OK);
    ok(!wcscmp(w, L"abc!"), "%%s in the wide form is a wide string");
    char big[32];
    expect_hr(StringCchPrintfA(big, ARRAYSIZE(big), "%I64d", (long long)1 << 33), S_OK);
    ok(!strcmp(big, "8589934592"), "%%I64d: %s", big);
}

WT_CASE(cch_length)
{
    size_t n = 99;
    char unterminated[4] = {'a', 'b', 'c', 'd'};
    expect_hr(StringCchLengthA("hello", STRSAFE_MAX_CCH, &n), S_OK);
    ok(n == 5, "length %u", (unsigned)n);
    expect_hr(StringCchLengthA("hello", 6, &n), S_OK);
    n = 99;
    expect_hr(StringCchLengthA("hello", 5, &n), STRSAFE_E_INVALID_PARAMETER);
    ok(n == 0, "the length is 0 on failure");
    expect_hr(StringCchLengthA(unterminated, sizeof unterminated, &n), STRSAFE_E_INVALID_PARAMETER);
    expect_hr(StringCchLengthA(NULL, 10, &n), STRSAFE_E_INVALID_PARAMETER);
    expect_hr(StringCchLengthA("x", (size_t)STRSAFE_MAX_CCH + 1, &n), STRSAFE_E_INVALID_PARAMETER);
    expect_hr(StringCchLengthA("hello", 10, NULL), S_OK);
    expect_hr(StringCchLengthW(L"wide", 10, &n), S_OK);
    ok(n == 4, "length (W)");
}

WT_CASE(cb_forms)
{
    char a[8];
    WCHAR w[8];
    size_t n = 0;
    expect_hr(StringCbCopyA(a, sizeof a, "hello world"), STRSAFE_E_INSUFFICIENT_BUFFER);
    ok(!strcmp(a, "hello w"), "Cb copy");
    expect_hr(StringCbCopyW(w, sizeof w, L"0123456789"), STRSAFE_E_INSUFFICIENT_BUFFER);
    ok(!wcscmp(w, L"0123456"), "Cb copy counts bytes of WCHARs");
    expect_hr(StringCbCopyW(w, sizeof w, L"wide"), S_OK);
    expect_hr(StringCbCatW(w, sizeof w, L"!!"), S_OK);
    ok(!wcscmp(w, L"wide!!"), "Cb cat");
    expect_hr(StringCbLengthW(w, sizeof w, &n), S_OK);
    ok(n == 6 * sizeof(WCHAR), "Cb length in bytes: %u", (unsigned)n);
    expect_hr(StringCbPrintfA(a, sizeof a, "%s", "abc"), S_OK);
    expect_hr(StringCbCatA(a, sizeof a, "defgh"), STRSAFE_E_INSUFFICIENT_BUFFER);
    ok(!strcmp(a, "abcdefg"), "Cb cat cut short");
    expect_hr(StringCbLengthA(a, sizeof a, &n), S_OK);
    ok(n == 7, "Cb length (A)");
    expect_hr(StringCbCopyA(a, 0, "x"), STRSAFE_E_INVALID_PARAMETER);
    expect_hr(StringCbPrintfW(w, sizeof w, L"%d", 5), S_OK);
    ok(!wcscmp(w, L"5"), "Cb printf (W)");
    /* the TCHAR names */
    TCHAR t[8];
    expect_hr(StringCchCopy(t, ARRAYSIZE(t), TEXT("tchar")), S_OK);
    expect_hr(StringCbCat(t, sizeof t, TEXT("!")), S_OK);
    expect_hr(StringCchLength(t, ARRAYSIZE(t), &n), S_OK);
    ok(n == 6, "TCHAR forms");
}

WT_MAIN(cch_copy, cch_cat, cch_printf, cch_length, cb_forms)
