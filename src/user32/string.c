/* user32's character functions: CharLower/CharUpper (string or single
 * character, A and W, and the Buff forms), CharNext/CharPrev.  The ANSI
 * code page is UTF-8 here, so the A forms step over whole UTF-8 sequences. */
#include "core.h"
#include "utf.h"
#include "ws2p/u32_string.h"
#include <string.h>
#include <wchar.h>

/* The single-character form: the high word of the pointer is zero. */
static bool is_char(const void *p)
{
    return ((uintptr_t)p >> 16) == 0;
}

/* Map n bytes of UTF-8 in place; a character whose mapping has another
 * encoded length is left alone.  Returns n. */
static DWORD map_utf8(char *s, size_t n, uint32_t (*map)(uint32_t))
{
    size_t len;
    for (size_t i = 0; i < n; i += len) {
        int32_t ch = ws_utf8_next((unsigned char *)s + i, n - i, &len);
        if (ch < 0)
            continue;
        uint32_t m = map((uint32_t)ch);
        if (m == (uint32_t)ch)
            continue;
        WCHAR w[2] = {(WCHAR)m, 0};
        char b[4];
        bool bad;
        if (ws_wide_to_utf8(w, 1, b, sizeof b, &bad) == len)
            memcpy(s + i, b, len);
    }
    return (DWORD)n;
}

static DWORD map_wide(WCHAR *s, size_t n, uint32_t (*map)(uint32_t))
{
    size_t len;
    for (size_t i = 0; i < n; i += len) {
        int32_t ch = ws_wide_next(s + i, n - i, &len);
        if (ch < 0)
            continue;
        uint32_t m = map((uint32_t)ch);
        if (len == 1 && m < 0x10000)
            s[i] = (WCHAR)m;
        else if (len == 2 && m >= 0x10000) {
            s[i] = (WCHAR)(0xD800 + ((m - 0x10000) >> 10));
            s[i + 1] = (WCHAR)(0xDC00 + ((m - 0x10000) & 0x3FF));
        }
    }
    return (DWORD)n;
}

static char *case_a(char *s, uint32_t (*map)(uint32_t))
{
    if (is_char(s)) {
        unsigned b = (unsigned)(uintptr_t)s & 0xff;
        return (char *)(uintptr_t)(b < 0x80 ? map(b) : b);
    }
    map_utf8(s, strlen(s), map);
    return s;
}

static WCHAR *case_w(WCHAR *s, uint32_t (*map)(uint32_t))
{
    if (is_char(s)) {
        uint32_t u = (uint32_t)(uintptr_t)s & 0xffff, m = map(u);
        return (WCHAR *)(uintptr_t)(m < 0x10000 ? m : u);
    }
    map_wide(s, ws_wcslen(s), map);
    return s;
}

WS2P_EXPORT char *CharLowerA(char *s)
{
    struct ws_call c = WS_CALL32("CharLowerA");
    char *ret = case_a(s, ws_char_lower);
    return WS_EXIT32(&c, ret, "s=%p", (void *)s);
}

WS2P_EXPORT char *CharUpperA(char *s)
{
    struct ws_call c = WS_CALL32("CharUpperA");
    char *ret = case_a(s, ws_char_upper);
    return WS_EXIT32(&c, ret, "s=%p", (void *)s);
}

WS2P_EXPORT WCHAR *CharLowerW(WCHAR *s)
{
    struct ws_call c = WS_CALL32("CharLowerW");
    WCHAR *ret = case_w(s, ws_char_lower);
    return WS_EXIT32(&c, ret, "s=%p", (void *)s);
}

WS2P_EXPORT WCHAR *CharUpperW(WCHAR *s)
{
    struct ws_call c = WS_CALL32("CharUpperW");
    WCHAR *ret = case_w(s, ws_char_upper);
    return WS_EXIT32(&c, ret, "s=%p", (void *)s);
}

/* The Buff forms: exactly n characters, NULs included; 0 for a NULL buffer. */
WS2P_EXPORT DWORD CharLowerBuffA(char *s, DWORD n)
{
    struct ws_call c = WS_CALL32("CharLowerBuffA");
    DWORD ret = ws_bad_ptr(s) ? 0 : map_utf8(s, n, ws_char_lower);
    return WS_EXIT32(&c, ret, "s=%p, n=%u", (void *)s, (unsigned)n);
}

WS2P_EXPORT DWORD CharUpperBuffA(char *s, DWORD n)
{
    struct ws_call c = WS_CALL32("CharUpperBuffA");
    DWORD ret = ws_bad_ptr(s) ? 0 : map_utf8(s, n, ws_char_upper);
    return WS_EXIT32(&c, ret, "s=%p, n=%u", (void *)s, (unsigned)n);
}

WS2P_EXPORT DWORD CharLowerBuffW(WCHAR *s, DWORD n)
{
    struct ws_call c = WS_CALL32("CharLowerBuffW");
    DWORD ret = ws_bad_ptr(s) ? 0 : map_wide(s, n, ws_char_lower);
    return WS_EXIT32(&c, ret, "s=%p, n=%u", (void *)s, (unsigned)n);
}

WS2P_EXPORT DWORD CharUpperBuffW(WCHAR *s, DWORD n)
{
    struct ws_call c = WS_CALL32("CharUpperBuffW");
    DWORD ret = ws_bad_ptr(s) ? 0 : map_wide(s, n, ws_char_upper);
    return WS_EXIT32(&c, ret, "s=%p, n=%u", (void *)s, (unsigned)n);
}

/* The next character: a whole UTF-8 sequence (or surrogate pair); at the
 * terminating NUL, the NUL itself. */
WS2P_EXPORT char *CharNextA(const char *s)
{
    struct ws_call c = WS_CALL32("CharNextA");
    char *ret = (char *)s;
    if (s && *s) {
        size_t len;
        ws_utf8_next((const unsigned char *)s, strnlen(s, 4), &len);
        ret += len;
    }
    return WS_EXIT32(&c, ret, "s=%p", (const void *)s);
}

WS2P_EXPORT WCHAR *CharNextW(const WCHAR *s)
{
    struct ws_call c = WS_CALL32("CharNextW");
    WCHAR *ret = (WCHAR *)s;
    if (s && *s) {
        size_t len;
        ws_wide_next(s, s[1] ? 2 : 1, &len);
        ret += len;
    }
    return WS_EXIT32(&c, ret, "s=%p", (const void *)s);
}

/* The previous character, never before start. */
WS2P_EXPORT char *CharPrevA(const char *start, const char *cur)
{
    struct ws_call c = WS_CALL32("CharPrevA");
    const char *p = cur;
    if (start && cur && cur > start) {
        /* Back over continuation bytes to a lead that reaches cur. */
        p = cur - 1;
        for (const char *q = cur - 1; q >= start && cur - q <= 4; q--) {
            size_t len;
            if (((unsigned char)*q & 0xC0) != 0x80) {
                if (ws_utf8_next((const unsigned char *)q, (size_t)(cur - q), &len) >= 0 && q + len == cur)
                    p = q;
                break;
            }
        }
    }
    return WS_EXIT32(&c, (char *)p, "start=%p, cur=%p", (const void *)start, (const void *)cur);
}

WS2P_EXPORT WCHAR *CharPrevW(const WCHAR *start, const WCHAR *cur)
{
    struct ws_call c = WS_CALL32("CharPrevW");
    const WCHAR *p = cur;
    if (start && cur && cur > start) {
        p = cur - 1;
        if (p > start && (uint32_t)*p >= 0xDC00 && (uint32_t)*p <= 0xDFFF && (uint32_t)p[-1] >= 0xD800 &&
            (uint32_t)p[-1] <= 0xDBFF)
            p--;
    }
    return WS_EXIT32(&c, (WCHAR *)p, "start=%p, cur=%p", (const void *)start, (const void *)cur);
}
