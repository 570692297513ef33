/* Strings: MultiByteToWideChar / WideCharToMultiByte (UTF-8 with Windows
 * 10's replacement rules, the -1 length, size queries, short buffers, the
 * documented flag and parameter errors, UTF-16 counts with surrogate
 * pairs, code page 1252), GetACP/GetCPInfo/IsDBCSLeadByteEx, the lstr*
 * functions, CompareString(Ordinal), CharLower/CharUpper/CharNext and
 * FormatMessageA/W (inserts, escapes, line breaks, widths, buffers).
 * Facts: codepage.c, format_msg.c (Wine's tests), ReactOS' Win10-checked
 * MultiByteToWideChar table (notes in /work/ref/notes-strmem.md). */
#define WT_NO_STARTUP
#include "wstest.h"

static const WCHAR foobarW[] = {'f', 'o', 'o', 'b', 'a', 'r', 0};

/* n WCHARs of w equal the UTF-16 units want[0..n). */
static int units_eq(const WCHAR *w, const unsigned *want, int n)
{
    for (int i = 0; i < n; i++)
        if ((unsigned)w[i] != want[i])
            return 0;
    return 1;
}

static void fill_w(WCHAR *w, int n)
{
    for (int i = 0; i < n; i++)
        w[i] = 0x7F7F;
}

WT_CASE(mb2wc_basics)
{
    WCHAR buf[16];
    expect_w32(MultiByteToWideChar(CP_UTF8, 0, "foobar", -1, NULL, 0), 7, W32_SENTINEL);
    expect_w32(MultiByteToWideChar(CP_UTF8, 0, "foobar", 6, NULL, 0), 6, W32_SENTINEL);
    /* any negative length is -1 */
    expect_w32(MultiByteToWideChar(CP_UTF8, 0, "foobar", -2002, buf, 10), 7, W32_SENTINEL);
    ok(!memcmp(buf, foobarW, sizeof foobarW), "converted text");
    /* short buffer: 0, ERROR_INSUFFICIENT_BUFFER, and what fitted is written */
    fill_w(buf, 16);
    expect_w32(MultiByteToWideChar(CP_UTF8, 0, "foobar", -1, buf, 6), 0, ERROR_INSUFFICIENT_BUFFER);
    ok(buf[0] == 'f' && buf[5] == 'r' && buf[6] == 0x7F7F, "the part that fits is written");
    expect_w32(MultiByteToWideChar(CP_ACP, 0, "foobar", -1, NULL, 0), 7, W32_SENTINEL);
    expect_w32(MultiByteToWideChar(CP_ACP, MB_PRECOMPOSED, "foobar", -1, NULL, 0), 7, W32_SENTINEL);
}

WT_CASE(mb2wc_invalid_parameters)
{
    WCHAR buf[16];
    char same[8] = "abc";
    expect_w32(MultiByteToWideChar(CP_UTF8, 0, "abc", 0, buf, 16), 0, ERROR_INVALID_PARAMETER);
    expect_w32(MultiByteToWideChar(CP_UTF8, 0, NULL, 3, buf, 16), 0, ERROR_INVALID_PARAMETER);
    expect_w32(MultiByteToWideChar(CP_UTF8, 0, NULL, -1, NULL, 0), 0, ERROR_INVALID_PARAMETER);
    expect_w32(MultiByteToWideChar(CP_UTF8, 0, "abc", 3, NULL, 16), 0, ERROR_INVALID_PARAMETER);
    expect_w32(MultiByteToWideChar(CP_UTF8, 0, "abc", 3, buf, -1), 0, ERROR_INVALID_PARAMETER);
    expect_w32(MultiByteToWideChar(CP_UTF8, 0, same, 1, (WCHAR *)(void *)same, 1), 0, ERROR_INVALID_PARAMETER);
    /* CP_UTF8 takes 0 or MB_ERR_INVALID_CHARS only (reference page) */
    expect_w32(MultiByteToWideChar(CP_UTF8, MB_PRECOMPOSED, "abc", 3, buf, 16), 0, ERROR_INVALID_FLAGS);
    expect_w32(MultiByteToWideChar(CP_UTF8, MB_USEGLYPHCHARS, "abc", 3, buf, 16), 0, ERROR_INVALID_FLAGS);
    expect_w32(MultiByteToWideChar(12345, 0, "abc", 3, buf, 16), 0, ERROR_INVALID_PARAMETER);
}

/* Windows 10's replacement of ill-formed UTF-8: one U+FFFD per maximal
 * ill-formed subsequence. */
static void check_invalid(const char *src, int srclen, const unsigned *want, int nwant)
{
    WCHAR buf[16];
    fill_w(buf, 16);
    expect_w32(MultiByteToWideChar(CP_UTF8, 0, src, srclen, buf, 16), nwant, W32_SENTINEL);
    ok(units_eq(buf, want, nwant), "replacement of %d bytes", srclen);
    /* MB_ERR_INVALID_CHARS: the same conversion, then the error */
    fill_w(buf, 16);
    expect_w32(MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, src, srclen, buf, 16), 0,
               ERROR_NO_UNICODE_TRANSLATION);
    expect_w32(MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, src, srclen, NULL, 0), 0,
               ERROR_NO_UNICODE_TRANSLATION);
    /* a short buffer wins over invalid input */
    if (nwant > 1)
        expect_w32(MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, src, srclen, buf, 1), 0,
                   ERROR_INSUFFICIENT_BUFFER);
}

WT_CASE(mb2wc_invalid_utf8)
{
    static const unsigned c0[] = {0xFFFD, 0};
    static const unsigned c0c080[] = {0xFFFD, 0xFFFD, 0xFFFD, 0};
    static const unsigned e0c0[] = {0xFFFD, 0xFFFD, 0};
    static const unsigned e020c0[] = {0xFFFD, 0x20, 0xFFFD, 0};
    static const unsigned lone[] = {0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0};
    static const unsigned five[] = {0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD};
    static const unsigned trunc[] = {0xFFFD};
    check_invalid("\xC0", 2, c0, 2);
    check_invalid("\xC0\xC0\x80", 4, c0c080, 4);
    check_invalid("\xE0\xC0", 3, e0c0, 3);
    check_invalid("\xE0\x20\xC0", 4, e020c0, 4);
    check_invalid("\x82\xA0\x82\xA2\x82", -1, lone, 6);
    check_invalid("\xF8\xA3\xA3\xA3\xA3", 5, five, 5);
    /* a sequence cut short by the length: one replacement */
    check_invalid("\xE6\x97\xA5", 2, trunc, 1);
    check_invalid("\xE6\x97\xA5", 1, trunc, 1);
}

WT_CASE(mb2wc_utf16_units)
{
    /* U+65E5 U+672C U+8A9E, then U+1F600 as a surrogate pair: five units */
    static const char src[] = "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xF0\x9F\x98\x80";
    static const unsigned want[] = {0x65E5, 0x672C, 0x8A9E, 0xD83D, 0xDE00, 0};
    WCHAR buf[8];
    expect_w32(MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, src, -1, NULL, 0), 6, W32_SENTINEL);
    fill_w(buf, 8);
    expect_w32(MultiByteToWideChar(CP_UTF8, 0, src, -1, buf, 8), 6, W32_SENTINEL);
    ok(units_eq(buf, want, 6), "surrogate pair");
    /* a pair that does not fit is not split */
    fill_w(buf, 8);
    expect_w32(MultiByteToWideChar(CP_UTF8, 0, src, -1, buf, 4), 0, ERROR_INSUFFICIENT_BUFFER);
    ok(units_eq(buf, want, 3) && buf[3] == 0x7F7F, "half a pair is not written");
    /* and back: the pair is one character of four bytes */
    char out[16];
    expect_w32(WideCharToMultiByte(CP_UTF8, 0, buf, 3, NULL, 0, NULL, NULL), 9, W32_SENTINEL);
    WCHAR pair[3] = {0xD83D, 0xDE00, 0};
    expect_w32(WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, pair, -1, out, sizeof out, NULL, NULL), 5,
               W32_SENTINEL);
    ok(!strcmp(out, "\xF0\x9F\x98\x80"), "pair to UTF-8");
}

WT_CASE(wc2mb_basics)
{
    char buf[16];
    expect_w32(WideCharToMultiByte(CP_UTF8, 0, foobarW, -1, NULL, 0, NULL, NULL), 7, W32_SENTINEL);
    expect_w32(WideCharToMultiByte(CP_UTF8, 0, foobarW, -2002, buf, 10, NULL, NULL), 7, W32_SENTINEL);
    ok(!strcmp(buf, "foobar"), "converted text");
    /* no NUL is added when the length leaves it out */
    memset(buf, 'x', sizeof buf);
    expect_w32(WideCharToMultiByte(CP_UTF8, 0, foobarW, 3, buf, sizeof buf, NULL, NULL), 3, W32_SENTINEL);
    ok(!memcmp(buf, "foox", 4), "no terminator added");
    expect_w32(WideCharToMultiByte(CP_UTF8, 0, foobarW, -1, buf, 6, NULL, NULL), 0, ERROR_INSUFFICIENT_BUFFER);
    expect_w32(WideCharToMultiByte(CP_UTF8, 0, foobarW, -1, buf, 1, NULL, NULL), 0, ERROR_INSUFFICIENT_BUFFER);
    expect_w32(WideCharToMultiByte(CP_UTF8, 0, foobarW, -1, NULL, 7, NULL, NULL), 0, ERROR_INVALID_PARAMETER);
    expect_w32(WideCharToMultiByte(CP_UTF8, 0, NULL, -1, NULL, 0, NULL, NULL), 0, ERROR_INVALID_PARAMETER);
    expect_w32(WideCharToMultiByte(CP_UTF8, 0, foobarW, 0, buf, 16, NULL, NULL), 0, ERROR_INVALID_PARAMETER);
    /* overlapping buffers (codepage.c): the wide text at buf + 1 */
    static const WCHAR strW[] = {'j', 'u', 's', 't', ' ', 'a', ' ', 't', 'e', 's', 't', 0};
    char big[256];
    memcpy(big + 1, strW, sizeof strW);
    expect_w32(WideCharToMultiByte(CP_ACP, 0, (WCHAR *)(void *)(big + 1), -1, big, sizeof big, NULL, NULL), 12,
               W32_SENTINEL);
    ok(!strcmp(big, "just a test"), "overlapping conversion");
}

WT_CASE(wc2mb_utf8_rules)
{
    char buf[16];
    BOOL used = 7;
    /* the default character arguments are refused for UTF-8, before the flags */
    expect_w32(WideCharToMultiByte(CP_UTF8, 0, foobarW, -1, buf, 16, "?", NULL), 0, ERROR_INVALID_PARAMETER);
    expect_w32(WideCharToMultiByte(CP_UTF8, 0, foobarW, -1, buf, 16, NULL, &used), 0, ERROR_INVALID_PARAMETER);
    expect_w32(WideCharToMultiByte(CP_UTF8, 1, foobarW, -1, buf, 16, NULL, &used), 0, ERROR_INVALID_PARAMETER);
    expect_w32(WideCharToMultiByte(CP_UTF8, WC_NO_BEST_FIT_CHARS, foobarW, -1, buf, 16, NULL, NULL), 0,
               ERROR_INVALID_FLAGS);
    expect_w32(WideCharToMultiByte(CP_UTF8, WC_COMPOSITECHECK, foobarW, -1, buf, 16, NULL, NULL), 0,
               ERROR_INVALID_FLAGS);
    /* lone and reversed surrogates become U+FFFD (EF BF BD) */
    WCHAR lead[3] = {0xD800, '-', 0}, rev[3] = {0xDFFF, 0xDBFF, 0};
    expect_w32(WideCharToMultiByte(CP_UTF8, 0, lead, -1, buf, sizeof buf, NULL, NULL), 5, W32_SENTINEL);
    ok(!strcmp(buf, "\xEF\xBF\xBD-"), "lone lead surrogate");
    expect_w32(WideCharToMultiByte(CP_UTF8, 0, rev, -1, buf, sizeof buf, NULL, NULL), 7, W32_SENTINEL);
    ok(!strcmp(buf, "\xEF\xBF\xBD\xEF\xBF\xBD"), "reversed pair");
    memset(buf, 0x55, sizeof buf);
    expect_w32(WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, rev, -1, buf, sizeof buf, NULL, NULL), 0,
               ERROR_NO_UNICODE_TRANSLATION);
    ok(!strcmp(buf, "\xEF\xBF\xBD\xEF\xBF\xBD"), "converted all the same");
    expect_w32(WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, lead, -1, NULL, 0, NULL, NULL), 0,
               ERROR_NO_UNICODE_TRANSLATION);
    WCHAR bmp[4] = {0x7FF, 0x800, 0xFFFF, 0};
    expect_w32(WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, bmp, -1, buf, sizeof buf, NULL, NULL), 9,
               W32_SENTINEL);
    ok(!strcmp(buf, "\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF"), "BMP edges");
}

WT_CASE(codepage_1252)
{
    WCHAR w[4] = {0x20AC, 0xE4, 1088, 0};
    char buf[8];
    BOOL used = 7;
    expect_w32(WideCharToMultiByte(1252, 0, w, 2, buf, sizeof buf, NULL, &used), 2, W32_SENTINEL);
    ok((unsigned char)buf[0] == 0x80 && (unsigned char)buf[1] == 0xE4 && used == FALSE, "euro and a-umlaut");
    expect_w32(WideCharToMultiByte(1252, 0, w, -1, buf, sizeof buf, NULL, &used), 4, W32_SENTINEL);
    ok(buf[2] == '?' && used == TRUE, "a Cyrillic letter has no byte: the default character");
    expect_w32(WideCharToMultiByte(1252, 0, w + 2, 1, buf, sizeof buf, "#", NULL), 1, W32_SENTINEL);
    ok(buf[0] == '#', "the caller's default character");
    expect_w32(WideCharToMultiByte(1252, 0, w, -1, buf, 1, NULL, NULL), 0, ERROR_INSUFFICIENT_BUFFER);
    WCHAR out[4];
    /* 0x90 is undefined in 1252 and still no error */
    expect_w32(MultiByteToWideChar(1252, MB_ERR_INVALID_CHARS, "\x80\x90", 2, out, 4), 2, W32_SENTINEL);
    ok((unsigned)out[0] == 0x20AC && (unsigned)out[1] == 0x90, "1252 to Unicode");
    expect_w32(WideCharToMultiByte(1252, WC_ERR_INVALID_CHARS, w, -1, buf, 8, NULL, NULL), 0, ERROR_INVALID_FLAGS);
}

WT_CASE(code_page_info)
{
    CPINFO info;
#ifdef __WS2POSIX__
    expect_w32(GetACP(), CP_UTF8, W32_SENTINEL);
    expect_w32(GetOEMCP(), CP_UTF8, W32_SENTINEL);
#endif
    memset(&info, 0xcc, sizeof info);
    expect_w32(GetCPInfo(CP_UTF8, &info), TRUE, W32_SENTINEL);
    ok(info.MaxCharSize == 4 && info.DefaultChar[0] == '?' && info.LeadByte[0] == 0, "UTF-8 code page info");
    expect_w32(GetCPInfo(1252, &info), TRUE, W32_SENTINEL);
    ok(info.MaxCharSize == 1, "1252 is single-byte");
    expect_w32(GetCPInfo(12345, &info), FALSE, ERROR_INVALID_PARAMETER);
    /* UTF-8 has no lead bytes in the DBCS sense */
    for (unsigned b = 0x80; b < 0x100; b += 0x21)
        expect_w32(IsDBCSLeadByteEx(CP_UTF8, (BYTE)b), FALSE, W32_SENTINEL);
    if (GetACP() == CP_UTF8)
        expect_w32(IsDBCSLeadByte(0xE3), FALSE, W32_SENTINEL);
    expect_w32(IsDBCSLeadByteEx(12345, 0x81), FALSE, ERROR_INVALID_PARAMETER);
}

WT_CASE(lstr_functions)
{
    char a[16];
    WCHAR w[16];
    expect_w32(lstrlenA("hello"), 5, W32_SENTINEL);
    expect_w32(lstrlenA(NULL), 0, W32_SENTINEL);
    expect_w32(lstrlenW(foobarW), 6, W32_SENTINEL);
    expect_w32(lstrlenW(NULL), 0, W32_SENTINEL);
    expect_w32(lstrcpyA(a, "abc"), a, W32_SENTINEL);
    expect_w32(lstrcatA(a, "def"), a, W32_SENTINEL);
    ok(!strcmp(a, "abcdef"), "lstrcpyA + lstrcatA");
    expect_w32(lstrcpyA(NULL, "abc"), NULL, W32_SENTINEL);
    /* lstrcpyn: n - 1 characters and the NUL */
    memset(a, 'x', sizeof a);
    expect_w32(lstrcpynA(a, "abcdef", 4), a, W32_SENTINEL);
    ok(!memcmp(a, "abc\0x", 5), "lstrcpynA truncates with a NUL");
    memset(a, 'x', sizeof a);
    expect_w32(lstrcpynA(a, "abcdef", 1), a, W32_SENTINEL);
    ok(a[0] == 0 && a[1] == 'x', "lstrcpynA(1) writes the NUL only");
    expect_w32(lstrcpyW(w, foobarW), w, W32_SENTINEL);
    expect_w32(lstrcatW(w, foobarW), w, W32_SENTINEL);
    expect_w32(lstrlenW(w), 12, W32_SENTINEL);
    expect_w32(lstrcpynW(w, foobarW, 4), w, W32_SENTINEL);
    expect_w32(lstrlenW(w), 3, W32_SENTINEL);
}

WT_CASE(comparisons)
{
    expect_w32(lstrcmpA("abc", "abc"), 0, W32_SENTINEL);
    expect_w32(lstrcmpA("abc", "abd"), -1, W32_SENTINEL);
    expect_w32(lstrcmpA("abd", "abc"), 1, W32_SENTINEL);
    /* a linguistic order: case is a tie-break only, lower case first */
    expect_w32(lstrcmpA("a", "B"), -1, W32_SENTINEL);
    expect_w32(lstrcmpA("a", "A"), -1, W32_SENTINEL);
    expect_w32(lstrcmpA("A", "a"), 1, W32_SENTINEL);
    /* a word sort: the hyphen does not count at first ("co-op" stays by "coop") */
    expect_w32(lstrcmpA("co-op", "cob"), 1, W32_SENTINEL);
    expect_w32(lstrcmpA(NULL, "a"), -1, W32_SENTINEL);
    expect_w32(lstrcmpA(NULL, NULL), 0, W32_SENTINEL);
    expect_w32(lstrcmpiA("HeLLo", "hello"), 0, W32_SENTINEL);
    expect_w32(lstrcmpiA("abc", "ABD"), -1, W32_SENTINEL);
    static const WCHAR upW[] = {'F', 'O', 'O', 'B', 'A', 'R', 0};
    expect_w32(lstrcmpiW(foobarW, upW), 0, W32_SENTINEL);
    expect_w32(lstrcmpW(foobarW, upW), -1, W32_SENTINEL);
    expect_w32(CompareStringA(LOCALE_USER_DEFAULT, NORM_IGNORECASE, "abc", -1, "ABC", -1), CSTR_EQUAL, W32_SENTINEL);
    expect_w32(CompareStringA(LOCALE_USER_DEFAULT, 0, "abc", 2, "abd", 2), CSTR_EQUAL, W32_SENTINEL);
    expect_w32(CompareStringA(LOCALE_USER_DEFAULT, 0, "abc", -1, "abcd", -1), CSTR_LESS_THAN, W32_SENTINEL);
    expect_w32(CompareStringW(LOCALE_USER_DEFAULT, 0, upW, -1, foobarW, -1), CSTR_GREATER_THAN, W32_SENTINEL);
    expect_w32(CompareStringA(LOCALE_USER_DEFAULT, 0, NULL, -1, "a", -1), 0, ERROR_INVALID_PARAMETER);
    expect_w32(CompareStringA(LOCALE_USER_DEFAULT, 0x40000000, "a", -1, "a", -1), 0, ERROR_INVALID_FLAGS);
    expect_w32(CompareStringOrdinal(foobarW, -1, upW, -1, TRUE), CSTR_EQUAL, W32_SENTINEL);
    expect_w32(CompareStringOrdinal(foobarW, -1, upW, -1, FALSE), CSTR_GREATER_THAN, W32_SENTINEL);
    expect_w32(CompareStringOrdinal(foobarW, 3, foobarW, -1, FALSE), CSTR_LESS_THAN, W32_SENTINEL);
}

WT_CASE(char_case)
{
    char a[16] = "Hello World";
    expect_w32(CharLowerA(a), a, W32_SENTINEL);
    ok(!strcmp(a, "hello world"), "CharLowerA in place: %s", a);
    expect_w32(CharUpperA(a), a, W32_SENTINEL);
    ok(!strcmp(a, "HELLO WORLD"), "CharUpperA in place: %s", a);
    /* a single character in the low word */
    expect_w32(CharLowerA((LPSTR)(ULONG_PTR)'Q'), (ULONG_PTR)'q', W32_SENTINEL);
    expect_w32(CharUpperW((LPWSTR)(ULONG_PTR)0xE4), (ULONG_PTR)0xC4, W32_SENTINEL);
    WCHAR w[4] = {0xC4, 0x3A3, 'Z', 0};
    expect_w32(CharLowerW(w), w, W32_SENTINEL);
    ok((unsigned)w[0] == 0xE4 && (unsigned)w[1] == 0x3C3 && w[2] == 'z', "CharLowerW beyond ASCII");
    expect_w32(CharUpperBuffW(w, 2), 2, W32_SENTINEL);
    ok((unsigned)w[0] == 0xC4 && (unsigned)w[1] == 0x3A3 && w[2] == 'z', "CharUpperBuffW: two characters only");
    char b[8] = "aBc";
    expect_w32(CharUpperBuffA(b, 2), 2, W32_SENTINEL);
    ok(!strcmp(b, "ABc"), "CharUpperBuffA");
    if (GetACP() == CP_UTF8) {
        char u[16] = "\xC3\x84x\xE2\x82\xAC"; /* A-umlaut, x, euro */
        expect_w32(CharLowerA(u), u, W32_SENTINEL);
        ok(!strcmp(u, "\xC3\xA4x\xE2\x82\xAC"), "CharLowerA on UTF-8");
        expect_w32(CharNextA(u), u + 2, W32_SENTINEL);
        expect_w32(CharNextA(u + 3), u + 6, W32_SENTINEL);
        expect_w32(CharNextA(u + 6), u + 6, W32_SENTINEL);
        expect_w32(CharPrevA(u, u + 6), u + 3, W32_SENTINEL);
        expect_w32(CharPrevA(u, u + 2), u, W32_SENTINEL);
        expect_w32(CharPrevA(u, u), u, W32_SENTINEL);
    }
    WCHAR p[4] = {'a', 0xD83D, 0xDE00, 0};
    expect_w32(CharNextW(p), p + 1, W32_SENTINEL);
    expect_w32(CharNextW(p + 3), p + 3, W32_SENTINEL);
    expect_w32(CharPrevW(p, p + 3), p + 1, W32_SENTINEL);
}

static DWORD WINAPIV fmt_a(DWORD flags, const char *src, char *out, DWORD size, ...)
{
    va_list list;
    va_start(list, size);
    DWORD r = FormatMessageA(flags, src, 0, 0, out, size, &list);
    va_end(list);
    return r;
}

static DWORD WINAPIV fmt_w(DWORD flags, const WCHAR *src, WCHAR *out, DWORD size, ...)
{
    va_list list;
    va_start(list, size);
    DWORD r = FormatMessageW(flags, src, 0, 0, out, size, &list);
    va_end(list);
    return r;
}

#define FS FORMAT_MESSAGE_FROM_STRING

WT_CASE(format_message_inserts)
{
    char out[256];
    expect_w32(fmt_a(FS, "%1!s! and %2", out, sizeof out, "one", "two"), 11, W32_SENTINEL);
    ok(!strcmp(out, "one and two"), "string inserts: %s", out);
    expect_w32(fmt_a(FS, "%1%3%2%1", out, sizeof out, "t", "s", "e"), 4, W32_SENTINEL);
    ok(!strcmp(out, "test"), "inserts in any order");
    expect_w32(fmt_a(FS, "%1!4d!|%2!-4X!|%3!x!", out, sizeof out, 1, 11, 0x1ab), 13, W32_SENTINEL);
    ok(!strcmp(out, "   1|B   |1ab"), "numbers: [%s]", out);
    expect_w32(fmt_a(FS, "%1!*.*u!,%1!*.*u!", out, sizeof out, 5, 3, 1, 4, 2), 11, W32_SENTINEL);
    ok(!strcmp(out, "  001, 0002"), "starred width and precision: [%s]", out);
    ULONG_PTR args[] = {6, 4, 2, 5, 3, 1};
    expect_w32(FormatMessageA(FS | FORMAT_MESSAGE_ARGUMENT_ARRAY, "%1!*.*u!,%4!*.*u!", 0, 0, out, sizeof out,
                              (va_list *)args),
               12, W32_SENTINEL);
    ok(!strcmp(out, "  0002,  001"), "argument array: [%s]", out);
    expect_w32(fmt_a(FS, "%1!S!", out, sizeof out, L"wide"), 4, W32_SENTINEL);
    ok(!strcmp(out, "wide"), "S is the other width in the ANSI form");
    expect_w32(fmt_a(FS, "%1", out, sizeof out, NULL), 6, W32_SENTINEL);
    ok(!strcmp(out, "(null)"), "a NULL string");
    /* no arguments for an insert */
    strcpy(out, "xxxxxx");
    expect_w32(FormatMessageA(FS, "%1", 0, 0, out, sizeof out, NULL), 0, ERROR_INVALID_PARAMETER);
    ok(!strcmp(out, "xxxxxx"), "buffer untouched");
    /* IGNORE_INSERTS passes them through */
    expect_w32(FormatMessageA(FS | FORMAT_MESSAGE_IGNORE_INSERTS, "a %1!d! b%%", 0, 0, out, sizeof out, NULL), 10,
               W32_SENTINEL);
    ok(!strcmp(out, "a %1!d! b%"), "ignored inserts: %s", out);
}

WT_CASE(format_message_escapes)
{
    char out[256];
    static const struct {
        const char *src, *want;
    } t[] = {
        {" %%%% ", " %% "}, {" %.%.  x", " ..  x"}, {"test%0test", "test"}, {"yah%!%0   ", "yah!"},
        {"% %   ", "    "}, {"%n%r%t", "\r\n\r\t"}, {"hi\n", "hi\r\n"}, {"hi\r\n", "hi\r\n"},
        {"\r", "\r\n"},     {"\r\r\n", "\r\n\r\n"},
    };
    for (size_t i = 0; i < ARRAYSIZE(t); i++) {
        expect_w32(FormatMessageA(FS, t[i].src, 0, 0, out, sizeof out, NULL), strlen(t[i].want), W32_SENTINEL);
        ok(!strcmp(out, t[i].want), "escape %u: [%s]", (unsigned)i, out);
    }
    /* a width: regular line breaks become spaces, %n stays */
    expect_w32(FormatMessageA(FS | FORMAT_MESSAGE_MAX_WIDTH_MASK, "hi\r\nthere%n", 0, 0, out, sizeof out, NULL), 10,
               W32_SENTINEL);
    ok(!strcmp(out, "hi there\r\n"), "max width mask: [%s]", out);
    expect_w32(FormatMessageA(FS | 11, "short long!line", 0, 0, out, sizeof out, NULL), 16, W32_SENTINEL);
    ok(!strcmp(out, "short\r\nlong!line"), "width 11: [%s]", out);
    strcpy(out, "xxxxxx");
    expect_w32(FormatMessageA(FS, "%", 0, 0, out, sizeof out, NULL), 0, ERROR_INVALID_PARAMETER);
    expect_w32(FormatMessageA(FS, "", 0, 0, out, sizeof out, NULL), 0, ERROR_NO_WORK_DONE);
    ok(!strcmp(out, "xxxxxx"), "buffer untouched");
}

WT_CASE(format_message_buffers)
{
    char out[8], *p = (char *)1;
    strcpy(out, "xxxxx");
    expect_w32(FormatMessageA(FS, "test", 0, 0, out, 4, NULL), 0, ERROR_INSUFFICIENT_BUFFER);
    ok(!strcmp(out, "xxxxx"), "ANSI: buffer untouched");
    expect_w32(FormatMessageA(FS | FORMAT_MESSAGE_ALLOCATE_BUFFER, "test", 0, 0, (LPSTR)&p, 0, NULL), 4,
               W32_SENTINEL);
    ok(p && !strcmp(p, "test"), "allocated");
    expect_w32(LocalFree(p), NULL, W32_SENTINEL);
    p = (char *)1;
    expect_w32(FormatMessageA(FS | FORMAT_MESSAGE_ALLOCATE_BUFFER, "", 0, 0, (LPSTR)&p, 0, NULL), 0,
               ERROR_NO_WORK_DONE);
    ok(p == NULL, "empty result: NULL buffer");
    /* allocated buffers are process-heap blocks */
    expect_w32(FormatMessageA(FS | FORMAT_MESSAGE_ALLOCATE_BUFFER, "heap", 0, 0, (LPSTR)&p, 0, NULL), 4,
               W32_SENTINEL);
    expect_w32(HeapFree(GetProcessHeap(), 0, p), TRUE, W32_SENTINEL);
    expect_w32(FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, 0, 0, NULL, 0, NULL), 0, ERROR_INSUFFICIENT_BUFFER);
    expect_w32(FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER, NULL, 0, 0, NULL, 0, NULL),
               0, ERROR_NOT_ENOUGH_MEMORY);
    WCHAR w[8];
    lstrcpyW(w, L"xxxxxx");
    expect_w32(FormatMessageW(FS, L"test", 0, 0, w, 4, NULL), 0, ERROR_INSUFFICIENT_BUFFER);
    ok(w[0] == 't' && w[2] == 's' && w[3] == 0 && w[4] == 'x', "wide: cut short with a NUL");
    expect_w32(FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM, NULL, 0, 0, NULL, 256, NULL), 0, ERROR_INVALID_PARAMETER);
}

WT_CASE(format_message_system)
{
    char out[256];
    WCHAR w[256];
    DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, ERROR_FILE_NOT_FOUND, 0, out, sizeof out, NULL);
    ok(n > 2 && out[n - 2] == '\r' && out[n - 1] == '\n', "system texts end with CR LF");
    DWORD m = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_MAX_WIDTH_MASK, NULL, ERROR_FILE_NOT_FOUND,
                             0, out, sizeof out, NULL);
    ok(m == n - 1 && out[m - 1] == ' ', "with the width mask the break is a space");
    SetLastError(W32_SENTINEL);
    DWORD k = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, WSAECONNREFUSED,
                             MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT), w, ARRAYSIZE(w), NULL);
    ok(k > 2 && w[k - 1] == '\n' && GetLastError() == W32_SENTINEL, "Winsock codes have texts (W)");
    expect_w32(FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, 0x7fff0000, 0, out, sizeof out, NULL), 0,
               ERROR_MR_MID_NOT_FOUND);
    expect_w32(fmt_w(FS, L"%1!s!-%2!S!-%3!c!", w, ARRAYSIZE(w), L"wide", "narrow", 'c'), 13, W32_SENTINEL);
    ok(!lstrcmpW(w, L"wide-narrow-c"), "wide inserts");
}

WT_MAIN(mb2wc_basics, mb2wc_invalid_parameters, mb2wc_invalid_utf8, mb2wc_utf16_units, wc2mb_basics,
        wc2mb_utf8_rules, codepage_1252, code_page_info, lstr_functions, comparisons, char_case,
        format_message_inserts, format_message_escapes, format_message_buffers, format_message_system)
