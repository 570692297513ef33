/* Code pages and conversions (MultiByteToWideChar, WideCharToMultiByte,
 * GetACP, GetCPInfo, IsDBCSLeadByte(Ex)), the lstr* functions and
 * CompareString.
 *
 * The ANSI and OEM code pages are UTF-8 (65001), as on a Windows set to
 * "Use Unicode UTF-8 for worldwide language support"; 1252 and 28591 are
 * there for programs that name them.  CP_UTF8 follows the reference page
 * to the letter (flags 0 or MB_ERR_INVALID_CHARS / WC_ERR_INVALID_CHARS,
 * no default character); CP_ACP also takes the flags and the default
 * character arguments programs pass for an ANSI code page, since Windows
 * programs are written against one (docs/windows-vs-linux.md). */
#include "core.h"
#include "utf.h"
#include "ws2p/k32_string.h"
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

/* ---- code pages --------------------------------------------------------- */

enum cpkind { CPK_BAD, CPK_UTF8, CPK_ACP, CPK_1252, CPK_LATIN1 };

static enum cpkind cp_kind(UINT cp)
{
    switch (cp) {
    case CP_UTF8:
        return CPK_UTF8;
    case CP_ACP:
    case CP_OEMCP:
    case CP_THREAD_ACP:
        return CPK_ACP;
    case 1252:
        return CPK_1252;
    case 28591:
        return CPK_LATIN1;
    }
    return CPK_BAD;
}

/* Windows-1252 bytes 0x80-0x9F (the rest is Latin-1); the five undefined
 * ones map to the C1 control of the same value, as on Windows. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static uint32_t sbcs_to_unicode(enum cpkind k, unsigned char b)
{
    return k == CPK_1252 && b >= 0x80 && b < 0xA0 ? cp1252_high[b - 0x80] : b;
}

/* -1 if the character has no byte (no best-fit mapping is made). */
static int unicode_to_sbcs(enum cpkind k, uint32_t c)
{
    if (k == CPK_1252) {
        if (c >= 0x80 && c < 0xA0 && cp1252_high[c - 0x80] != c)
            return -1;
        for (int i = 0; i < 32; i++)
            if (cp1252_high[i] == c)
                return 0x80 + i;
    }
    return c < 0x100 ? (int)c : -1;
}

WS2P_EXPORT UINT GetACP(void)
{
    struct ws_call c = WS_CALL32("GetACP");
    return WS_EXIT32(&c, (UINT)CP_UTF8, "");
}

WS2P_EXPORT UINT GetOEMCP(void)
{
    struct ws_call c = WS_CALL32("GetOEMCP");
    return WS_EXIT32(&c, (UINT)CP_UTF8, "");
}

WS2P_EXPORT BOOL GetCPInfo(UINT cp, CPINFO *info)
{
    struct ws_call c = WS_CALL32("GetCPInfo");
    BOOL ret = 0;
    enum cpkind k = cp_kind(cp);
    if (k == CPK_BAD || !info)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else {
        memset(info, 0, sizeof *info);
        info->MaxCharSize = k == CPK_UTF8 || k == CPK_ACP ? 4 : 1;
        info->DefaultChar[0] = '?';
        ret = 1;
    }
    return WS_EXIT32(&c, ret, "cp=%u", cp);
}

/* UTF-8 and the single-byte code pages have no lead bytes. */
static BOOL lead_byte(struct ws_call *c, UINT cp)
{
    if (cp_kind(cp) == CPK_BAD)
        ws_fail(c, ERROR_INVALID_PARAMETER);
    return 0;
}

WS2P_EXPORT BOOL IsDBCSLeadByteEx(UINT cp, BYTE b)
{
    struct ws_call c = WS_CALL32("IsDBCSLeadByteEx");
    BOOL ret = lead_byte(&c, cp);
    return WS_EXIT32(&c, ret, "cp=%u, byte=%#x", cp, b);
}

WS2P_EXPORT BOOL IsDBCSLeadByte(BYTE b)
{
    struct ws_call c = WS_CALL32("IsDBCSLeadByte");
    BOOL ret = lead_byte(&c, CP_ACP);
    return WS_EXIT32(&c, ret, "byte=%#x", b);
}

/* ---- MultiByteToWideChar / WideCharToMultiByte -------------------------- */

#define MB_VALID (MB_PRECOMPOSED | MB_COMPOSITE | MB_USEGLYPHCHARS | MB_ERR_INVALID_CHARS)
#define WC_VALID_ANSI (WC_DISCARDNS | WC_SEPCHARS | WC_DEFAULTCHAR | WC_COMPOSITECHECK | WC_NO_BEST_FIT_CHARS)

/* The checks both directions make first, in Windows' order (codepage.c in
 * Wine's tests: NULL or empty source, a destination length without a
 * buffer, then the code page). */
static bool conv_args(struct ws_call *c, const void *src, int srclen, const void *dst, int dstlen, UINT cp)
{
    if (!src || srclen == 0 || dstlen < 0 || (dstlen && !dst) || cp_kind(cp) == CPK_BAD) {
        ws_fail(c, ERROR_INVALID_PARAMETER);
        return false;
    }
    return true;
}

/* The result of a conversion that needs `need` units: the count, or 0 with
 * the documented error (a short buffer wins over invalid input: the
 * conversion runs into the end of the buffer first). */
static int conv_result(struct ws_call *c, size_t need, int dstlen, bool invalid, bool strict)
{
    if (need > (size_t)0x7fffffff) {
        ws_fail(c, ERROR_ARITHMETIC_OVERFLOW);
        return 0;
    }
    if (dstlen && need > (size_t)dstlen) {
        ws_fail(c, ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    if (invalid && strict) {
        ws_fail(c, ERROR_NO_UNICODE_TRANSLATION);
        return 0;
    }
    return (int)need;
}

WS2P_EXPORT int MultiByteToWideChar(UINT cp, DWORD flags, const char *src, int srclen, WCHAR *dst, int dstlen)
{
    struct ws_call c = WS_CALL32("MultiByteToWideChar");
    int ret = 0;
    enum cpkind k = cp_kind(cp);
    if (!conv_args(&c, src, srclen, dst, dstlen, cp))
        ;
    else if ((const void *)src == (const void *)dst)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else if ((k == CPK_UTF8 && (flags & ~(DWORD)MB_ERR_INVALID_CHARS)) || (flags & ~(DWORD)MB_VALID) ||
             (flags & (MB_PRECOMPOSED | MB_COMPOSITE)) == (MB_PRECOMPOSED | MB_COMPOSITE))
        ws_fail(&c, ERROR_INVALID_FLAGS);
    else {
        size_t n = srclen < 0 ? strlen(src) + 1 : (size_t)srclen, need;
        bool invalid = false;
        if (k == CPK_UTF8 || k == CPK_ACP)
            need = ws_utf8_to_wide(src, n, dst, (size_t)dstlen, &invalid);
        else {
            for (size_t i = 0; i < n && i < (size_t)dstlen; i++)
                dst[i] = (WCHAR)sbcs_to_unicode(k, (unsigned char)src[i]);
            need = n;
        }
        ret = conv_result(&c, need, dstlen, invalid, flags & MB_ERR_INVALID_CHARS);
    }
    return WS_EXIT32(&c, ret, "cp=%u, flags=%#x, srclen=%d, dstlen=%d", cp, (unsigned)flags, srclen, dstlen);
}

WS2P_EXPORT int WideCharToMultiByte(UINT cp, DWORD flags, const WCHAR *src, int srclen, char *dst, int dstlen,
                                    const char *defchar, BOOL *used)
{
    struct ws_call c = WS_CALL32("WideCharToMultiByte");
    int ret = 0;
    enum cpkind k = cp_kind(cp);
    if (!conv_args(&c, src, srclen, dst, dstlen, cp))
        ;
    else if (k == CPK_UTF8 && (defchar || used))
        ws_fail(&c, ERROR_INVALID_PARAMETER); /* before the flags (codepage.c) */
    else if (flags & ~(DWORD)(k == CPK_UTF8 ? WC_ERR_INVALID_CHARS
                                            : k == CPK_ACP ? WC_VALID_ANSI | WC_ERR_INVALID_CHARS : WC_VALID_ANSI))
        ws_fail(&c, ERROR_INVALID_FLAGS);
    else {
        size_t n = srclen < 0 ? ws_wcslen(src) + 1 : (size_t)srclen, need;
        bool invalid = false;
        if (k == CPK_UTF8 || k == CPK_ACP)
            need = ws_wide_to_utf8(src, n, dst, (size_t)dstlen, &invalid);
        else {
            size_t len;
            need = 0;
            for (size_t i = 0; i < n; i += len) {
                int32_t ch = ws_wide_next(src + i, n - i, &len);
                int b = ch < 0 ? -1 : unicode_to_sbcs(k, (uint32_t)ch);
                if (b < 0) {
                    invalid = true;
                    b = defchar ? (unsigned char)*defchar : '?';
                }
                if (need < (size_t)dstlen)
                    dst[need] = (char)b;
                need++;
            }
        }
        if (used)
            *used = invalid;
        ret = conv_result(&c, need, dstlen, invalid, flags & WC_ERR_INVALID_CHARS);
    }
    return WS_EXIT32(&c, ret, "cp=%u, flags=%#x, srclen=%d, dstlen=%d", cp, (unsigned)flags, srclen, dstlen);
}

/* ---- lstr* -------------------------------------------------------------- */
/* Windows catches the access violation a bad pointer causes and returns 0
 * (or NULL); here NULL and the never-mapped first 64 KiB are caught. */

WS2P_EXPORT int lstrlenA(const char *s)
{
    struct ws_call c = WS_CALL32("lstrlenA");
    int ret = ws_bad_ptr(s) ? 0 : (int)strlen(s);
    return WS_EXIT32(&c, ret, "s=%p", (const void *)s);
}

WS2P_EXPORT int lstrlenW(const WCHAR *s)
{
    struct ws_call c = WS_CALL32("lstrlenW");
    int ret = ws_bad_ptr(s) ? 0 : (int)ws_wcslen(s);
    return WS_EXIT32(&c, ret, "s=%p", (const void *)s);
}

WS2P_EXPORT char *lstrcpyA(char *d, const char *s)
{
    struct ws_call c = WS_CALL32("lstrcpyA");
    char *ret = ws_bad_ptr(d) || ws_bad_ptr(s) ? NULL : memmove(d, s, strlen(s) + 1);
    return WS_EXIT32(&c, ret, "d=%p, s=%p", (void *)d, (const void *)s);
}

WS2P_EXPORT WCHAR *lstrcpyW(WCHAR *d, const WCHAR *s)
{
    struct ws_call c = WS_CALL32("lstrcpyW");
    WCHAR *ret = ws_bad_ptr(d) || ws_bad_ptr(s) ? NULL : wmemmove(d, s, ws_wcslen(s) + 1);
    return WS_EXIT32(&c, ret, "d=%p, s=%p", (void *)d, (const void *)s);
}

/* At most n - 1 characters and always the NUL (n <= 0 writes nothing). */
WS2P_EXPORT char *lstrcpynA(char *d, const char *s, int n)
{
    struct ws_call c = WS_CALL32("lstrcpynA");
    char *ret = NULL;
    if (!ws_bad_ptr(d) && !ws_bad_ptr(s)) {
        ret = d;
        if (n > 0) {
            size_t len = strnlen(s, (size_t)n - 1);
            memmove(d, s, len);
            d[len] = 0;
        }
    }
    return WS_EXIT32(&c, ret, "d=%p, s=%p, n=%d", (void *)d, (const void *)s, n);
}

WS2P_EXPORT WCHAR *lstrcpynW(WCHAR *d, const WCHAR *s, int n)
{
    struct ws_call c = WS_CALL32("lstrcpynW");
    WCHAR *ret = NULL;
    if (!ws_bad_ptr(d) && !ws_bad_ptr(s)) {
        ret = d;
        if (n > 0) {
            size_t len = wcsnlen(s, (size_t)n - 1);
            wmemmove(d, s, len);
            d[len] = 0;
        }
    }
    return WS_EXIT32(&c, ret, "d=%p, s=%p, n=%d", (void *)d, (const void *)s, n);
}

WS2P_EXPORT char *lstrcatA(char *d, const char *s)
{
    struct ws_call c = WS_CALL32("lstrcatA");
    char *ret = ws_bad_ptr(d) || ws_bad_ptr(s) ? NULL : strcat(d, s);
    return WS_EXIT32(&c, ret, "d=%p, s=%p", (void *)d, (const void *)s);
}

WS2P_EXPORT WCHAR *lstrcatW(WCHAR *d, const WCHAR *s)
{
    struct ws_call c = WS_CALL32("lstrcatW");
    WCHAR *ret = ws_bad_ptr(d) || ws_bad_ptr(s) ? NULL : wcscat(d, s);
    return WS_EXIT32(&c, ret, "d=%p, s=%p", (void *)d, (const void *)s);
}

/* ---- comparison --------------------------------------------------------- */

static int char_class(uint32_t ch)
{
    if (ch < 0x80)
        return ch >= '0' && ch <= '9' ? 1 : (ch | 32) >= 'a' && (ch | 32) <= 'z' ? 2 : 0;
    locale_t l = ws_utf8_locale();
    if (!l)
        return 2;
    return iswdigit_l((wint_t)ch, l) ? 1 : iswalnum_l((wint_t)ch, l) ? 2 : 0;
}

/* A string as a sequence of code points: UTF-8 or wide, a length or -1. */
struct cpseq {
    const void *s;
    size_t n;
    bool wide;
};
static size_t seq_len(const void *s, int n, bool wide)
{
    if (n >= 0)
        return (size_t)n;
    return wide ? ws_wcslen(s) : strlen(s);
}
static size_t seq_decode(const struct cpseq *q, uint32_t *out)
{
    size_t o = 0, len;
    for (size_t i = 0; i < q->n; i += len) {
        int32_t ch = q->wide ? ws_wide_next((const WCHAR *)q->s + i, q->n - i, &len)
                             : ws_utf8_next((const unsigned char *)q->s + i, q->n - i, &len);
        out[o++] = ch < 0 ? WS_REPLACEMENT_CHAR : (uint32_t)ch;
    }
    return o;
}

static int sign(long long v)
{
    return v < 0 ? -1 : v > 0;
}

/* -1, 0 or 1: the word sort approximation described in k32_string.h.
 * Level 1: characters by (class, lower case), hyphen and apostrophe left
 * out (SORT_STRINGSORT keeps them as punctuation); level 2: case, lower
 * first; level 3: the left-out characters, then code points. */
static int collate(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, DWORD flags)
{
    bool word = !(flags & SORT_STRINGSORT);
    bool nocase = flags & (NORM_IGNORECASE | LINGUISTIC_IGNORECASE);
    bool nosym = flags & NORM_IGNORESYMBOLS;
#define SKIP(ch) ((word && ((ch) == '-' || (ch) == '\'')) || (nosym && char_class(ch) == 0))
    size_t i = 0, j = 0;
    int casediff = 0;
    for (;;) {
        while (i < na && SKIP(a[i]))
            i++;
        while (j < nb && SKIP(b[j]))
            j++;
        if (i == na || j == nb)
            break;
        uint32_t x = ws_char_lower(a[i]), y = ws_char_lower(b[j]);
        int cx = char_class(x), cy = char_class(y);
        if (cx != cy)
            return cx < cy ? -1 : 1;
        if (x != y)
            return x < y ? -1 : 1;
        if (!casediff && a[i] != b[j])
            casediff = a[i] == x ? -1 : 1; /* the lower-case one first */
        i++, j++;
    }
    if (i < na || j < nb)
        return i < na ? 1 : -1;
    if (casediff && !nocase)
        return casediff;
    if (nosym)
        return 0;
    /* Equal but for the left-out characters: fewer of them first. */
    size_t sa = 0, sb = 0;
    for (size_t k = 0; k < na; k++)
        sa += SKIP(a[k]);
    for (size_t k = 0; k < nb; k++)
        sb += SKIP(b[k]);
#undef SKIP
    if (sa != sb)
        return sa < sb ? -1 : 1;
    for (size_t k = 0; k < na && k < nb; k++)
        if ((nocase ? ws_char_lower(a[k]) : a[k]) != (nocase ? ws_char_lower(b[k]) : b[k]))
            return sign((long long)(nocase ? ws_char_lower(a[k]) : a[k]) -
                        (long long)(nocase ? ws_char_lower(b[k]) : b[k]));
    return 0;
}

/* 1, 2, 3 (CSTR_*), or 0 when out of memory. */
static int compare_seq(const struct cpseq *x, const struct cpseq *y, DWORD flags)
{
    uint32_t sa[128], sb[128], *a = sa, *b = sb;
    if (x->n > 128 && !(a = malloc(x->n * sizeof *a)))
        return 0;
    if (y->n > 128 && !(b = malloc(y->n * sizeof *b))) {
        if (a != sa)
            free(a);
        return 0;
    }
    int r = collate(a, seq_decode(x, a), b, seq_decode(y, b), flags) + 2;
    if (a != sa)
        free(a);
    if (b != sb)
        free(b);
    return r;
}

#define CMP_FLAGS                                                                                              \
    (NORM_IGNORECASE | NORM_IGNORENONSPACE | NORM_IGNORESYMBOLS | LINGUISTIC_IGNORECASE |                      \
     LINGUISTIC_IGNOREDIACRITIC | SORT_STRINGSORT | NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH |                    \
     NORM_LINGUISTIC_CASING | SORT_DIGITSASNUMBERS)

static int compare_string(struct ws_call *c, DWORD flags, const void *s1, int n1, const void *s2, int n2, bool wide)
{
    if (!s1 || !s2) {
        ws_fail(c, ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (flags & ~(DWORD)CMP_FLAGS) {
        ws_fail(c, ERROR_INVALID_FLAGS);
        return 0;
    }
    struct cpseq x = {s1, seq_len(s1, n1, wide), wide}, y = {s2, seq_len(s2, n2, wide), wide};
    int r = compare_seq(&x, &y, flags);
    if (!r)
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
    return r;
}

WS2P_EXPORT int CompareStringA(LCID lcid, DWORD flags, const char *s1, int n1, const char *s2, int n2)
{
    struct ws_call c = WS_CALL32("CompareStringA");
    int ret = compare_string(&c, flags, s1, n1, s2, n2, false);
    return WS_EXIT32(&c, ret, "lcid=%#x, flags=%#x, n1=%d, n2=%d", (unsigned)lcid, (unsigned)flags, n1, n2);
}

WS2P_EXPORT int CompareStringW(LCID lcid, DWORD flags, const WCHAR *s1, int n1, const WCHAR *s2, int n2)
{
    struct ws_call c = WS_CALL32("CompareStringW");
    int ret = compare_string(&c, flags, s1, n1, s2, n2, true);
    return WS_EXIT32(&c, ret, "lcid=%#x, flags=%#x, n1=%d, n2=%d", (unsigned)lcid, (unsigned)flags, n1, n2);
}

/* Code unit by code unit; ignoring case compares upper-case forms. */
WS2P_EXPORT int CompareStringOrdinal(const WCHAR *s1, int n1, const WCHAR *s2, int n2, BOOL nocase)
{
    struct ws_call c = WS_CALL32("CompareStringOrdinal");
    int ret = 0;
    if (!s1 || !s2)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else {
        size_t a = seq_len(s1, n1, true), b = seq_len(s2, n2, true), i = 0;
        ret = CSTR_EQUAL;
        for (; i < a && i < b; i++) {
            uint32_t x = (uint32_t)s1[i], y = (uint32_t)s2[i];
            if (nocase)
                x = ws_char_upper(x), y = ws_char_upper(y);
            if (x != y) {
                ret = x < y ? CSTR_LESS_THAN : CSTR_GREATER_THAN;
                break;
            }
        }
        if (i == a || i == b)
            ret = a == b ? CSTR_EQUAL : a < b ? CSTR_LESS_THAN : CSTR_GREATER_THAN;
    }
    return WS_EXIT32(&c, ret, "n1=%d, n2=%d, nocase=%d", n1, n2, nocase);
}

/* lstrcmp(i): CompareString in the user locale, minus 2. */
static int lstr_compare(const void *s1, const void *s2, bool wide, DWORD flags)
{
    /* Windows treats a NULL string as the smallest one. */
    if (!s1 || !s2)
        return s1 ? 1 : s2 ? -1 : 0;
    struct cpseq x = {s1, seq_len(s1, -1, wide), wide}, y = {s2, seq_len(s2, -1, wide), wide};
    int r = compare_seq(&x, &y, flags);
    return r ? r - 2 : 0;
}

WS2P_EXPORT int lstrcmpA(const char *s1, const char *s2)
{
    struct ws_call c = WS_CALL32("lstrcmpA");
    int ret = lstr_compare(s1, s2, false, 0);
    return WS_EXIT32(&c, ret, "s1=%p, s2=%p", (const void *)s1, (const void *)s2);
}

WS2P_EXPORT int lstrcmpW(const WCHAR *s1, const WCHAR *s2)
{
    struct ws_call c = WS_CALL32("lstrcmpW");
    int ret = lstr_compare(s1, s2, true, 0);
    return WS_EXIT32(&c, ret, "s1=%p, s2=%p", (const void *)s1, (const void *)s2);
}

WS2P_EXPORT int lstrcmpiA(const char *s1, const char *s2)
{
    struct ws_call c = WS_CALL32("lstrcmpiA");
    int ret = lstr_compare(s1, s2, false, NORM_IGNORECASE);
    return WS_EXIT32(&c, ret, "s1=%p, s2=%p", (const void *)s1, (const void *)s2);
}

WS2P_EXPORT int lstrcmpiW(const WCHAR *s1, const WCHAR *s2)
{
    struct ws_call c = WS_CALL32("lstrcmpiW");
    int ret = lstr_compare(s1, s2, true, NORM_IGNORECASE);
    return WS_EXIT32(&c, ret, "s1=%p, s2=%p", (const void *)s1, (const void *)s2);
}
