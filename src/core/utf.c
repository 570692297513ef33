/* UTF-8 <-> UTF-16 units in WCHAR (see utf.h). */
#include "core.h"
#include "utf.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

/* Wide strings from Windows programs may sit at odd addresses (a WCHAR
 * is 2-byte aligned there, 4 here): units are read and written with
 * memcpy, which compiles to a plain move. */
static inline uint32_t wload(const WCHAR *w, size_t i)
{
    WCHAR v;
    memcpy(&v, (const char *)w + i * sizeof v, sizeof v);
    return (uint32_t)v;
}
static inline void wstore(WCHAR *w, size_t i, uint32_t u)
{
    WCHAR v = (WCHAR)u;
    memcpy((char *)w + i * sizeof v, &v, sizeof v);
}

int32_t ws_utf8_next(const unsigned char *s, size_t n, size_t *len)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *len = 1;
        return (int32_t)c;
    }
    /* The second byte's range depends on the lead (Unicode table 3-7):
     * that is what rules out overlong forms, surrogates and values past
     * U+10FFFF, each at the first byte that cannot belong. */
    unsigned need, lo = 0x80, hi = 0xBF;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF)
        need = 1, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 2, cp = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3, cp = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        *len = 1;
        return -1;
    }
    size_t i = 1;
    for (; i <= need; i++) {
        if (i >= n || s[i] < lo || s[i] > hi) {
            *len = i; /* the maximal subpart: one replacement for all of it */
            return -1;
        }
        lo = 0x80, hi = 0xBF;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    *len = i;
    return (int32_t)cp;
}

int32_t ws_wide_next(const WCHAR *w, size_t n, size_t *len)
{
    uint32_t u = wload(w, 0);
    *len = 1;
    if (u >= 0xD800 && u <= 0xDBFF) {
        uint32_t t = n > 1 ? wload(w, 1) : 0;
        if (t < 0xDC00 || t > 0xDFFF)
            return -1;
        *len = 2;
        return (int32_t)(0x10000 + ((u - 0xD800) << 10) + (t - 0xDC00));
    }
    if ((u >= 0xDC00 && u <= 0xDFFF) || u > 0x10FFFF)
        return -1;
    return (int32_t)u;
}

size_t ws_utf8_to_wide(const char *s, size_t n, WCHAR *out, size_t cap, bool *invalid)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t o = 0, len;
    *invalid = false;
    for (size_t i = 0; i < n; i += len) {
        int32_t cp = ws_utf8_next(p + i, n - i, &len);
        if (cp < 0) {
            *invalid = true;
            cp = WS_REPLACEMENT_CHAR;
        }
        if (cp < 0x10000) {
            if (o < cap)
                wstore(out, o, (uint32_t)cp);
            o++;
        } else {
            if (o + 1 < cap) { /* a pair is written whole or not at all */
                wstore(out, o, 0xD800 + (((uint32_t)cp - 0x10000) >> 10));
                wstore(out, o + 1, 0xDC00 + (((uint32_t)cp - 0x10000) & 0x3FF));
            }
            o += 2;
        }
    }
    return o;
}

size_t ws_wide_to_utf8(const WCHAR *w, size_t n, char *out, size_t cap, bool *invalid)
{
    size_t o = 0, len;
    *invalid = false;
    for (size_t i = 0; i < n; i += len) {
        int32_t v = ws_wide_next(w + i, n - i, &len);
        if (v < 0) {
            *invalid = true;
            v = WS_REPLACEMENT_CHAR;
        }
        uint32_t cp = (uint32_t)v;
        unsigned char b[4];
        size_t k;
        if (cp < 0x80)
            b[0] = (unsigned char)cp, k = 1;
        else if (cp < 0x800)
            b[0] = (unsigned char)(0xC0 | cp >> 6), b[1] = (unsigned char)(0x80 | (cp & 0x3F)), k = 2;
        else if (cp < 0x10000)
            b[0] = (unsigned char)(0xE0 | cp >> 12), b[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F)),
            b[2] = (unsigned char)(0x80 | (cp & 0x3F)), k = 3;
        else
            b[0] = (unsigned char)(0xF0 | cp >> 18), b[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F)),
            b[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F)), b[3] = (unsigned char)(0x80 | (cp & 0x3F)), k = 4;
        /* A character is written whole or not at all. */
        if (o + k <= cap)
            memcpy(out + o, b, k);
        o += k;
    }
    return o;
}

size_t ws_wcslen(const WCHAR *w)
{
    size_t n = 0;
    while (wload(w, n))
        n++;
    return n;
}

char *ws_wide_to_utf8_dup(const WCHAR *w)
{
    bool bad;
    size_t n = ws_wcslen(w) + 1;
    size_t need = ws_wide_to_utf8(w, n, NULL, 0, &bad);
    char *s = malloc(need);
    if (s)
        ws_wide_to_utf8(w, n, s, need, &bad);
    return s;
}

/* (declared in core.h: the resolver paths call it) */
char *ws_utf8_dup(const WCHAR *w, bool *ascii)
{
    char *s = ws_wide_to_utf8_dup(w);
    *ascii = true;
    for (const char *p = s; p && *p; p++)
        if ((unsigned char)*p >= 0x80) {
            *ascii = false;
            break;
        }
    return s;
}

WCHAR *ws_utf8_to_wide_dup(const char *s)
{
    bool bad;
    size_t n = strlen(s) + 1;
    size_t need = ws_utf8_to_wide(s, n, NULL, 0, &bad);
    WCHAR *w = malloc(need * sizeof(WCHAR));
    if (w)
        ws_utf8_to_wide(s, n, w, need, &bad);
    return w;
}

/* Names (files, registry keys, users): as above, except that a byte that
 * is not part of valid UTF-8 becomes the lone surrogate U+DC80 + byte and
 * goes back to that byte, so any name the kernel hands out survives the
 * trip through a W function and opens again. */
static size_t name_char(uint32_t cp, unsigned char *b)
{
    if (cp >= 0xDC80 && cp <= 0xDCFF) {
        b[0] = (unsigned char)(cp & 0xFF); /* an escaped raw byte */
        return 1;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        cp = WS_REPLACEMENT_CHAR; /* any other lone surrogate */
    if (cp < 0x80)
        return b[0] = (unsigned char)cp, 1;
    if (cp < 0x800)
        return b[0] = (unsigned char)(0xC0 | cp >> 6), b[1] = (unsigned char)(0x80 | (cp & 0x3F)), 2;
    if (cp < 0x10000)
        return b[0] = (unsigned char)(0xE0 | cp >> 12), b[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F)),
               b[2] = (unsigned char)(0x80 | (cp & 0x3F)), 3;
    return b[0] = (unsigned char)(0xF0 | cp >> 18), b[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F)),
           b[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F)), b[3] = (unsigned char)(0x80 | (cp & 0x3F)), 4;
}

char *ws_name_from_wide(const WCHAR *w)
{
    if (!w)
        return NULL;
    size_t n = ws_wcslen(w), need = 0, len;
    unsigned char b[4];
    for (size_t i = 0; i < n; i += len) {
        uint32_t u = wload(w, i);
        int32_t cp = ws_wide_next(w + i, n - i, &len);
        need += name_char(cp < 0 ? u : (uint32_t)cp, b);
    }
    char *s = malloc(need + 1), *o = s;
    if (!s)
        return NULL;
    for (size_t i = 0; i < n; i += len) {
        uint32_t u = wload(w, i);
        int32_t cp = ws_wide_next(w + i, n - i, &len);
        size_t k = name_char(cp < 0 ? (u > 0x10FFFF ? WS_REPLACEMENT_CHAR : u) : (uint32_t)cp, b);
        memcpy(o, b, k);
        o += k;
    }
    *o = 0;
    return s;
}

size_t ws_name_to_wide(const char *str, WCHAR *out, size_t cap)
{
    const unsigned char *p = (const unsigned char *)str;
    size_t n = strlen(str), o = 0, len;
    for (size_t i = 0; i < n; i += len) {
        int32_t cp = ws_utf8_next(p + i, n - i, &len);
        if (cp < 0) {
            len = 1; /* each byte of an ill-formed sequence on its own */
            cp = 0xDC00 + p[i];
        }
        if (cp < 0x10000) {
            if (o < cap)
                wstore(out, o, (uint32_t)cp);
            o++;
        } else {
            if (o + 1 < cap) {
                wstore(out, o, 0xD800 + (((uint32_t)cp - 0x10000) >> 10));
                wstore(out, o + 1, 0xDC00 + (((uint32_t)cp - 0x10000) & 0x3FF));
            }
            o += 2;
        }
    }
    if (o < cap)
        wstore(out, o, 0);
    return o;
}

/* Unicode simple case mapping: towlower/towupper in the C.UTF-8 locale
 * (the C locale maps ASCII only). */
static locale_t utf8_locale;
static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;
static void utf8_init(void)
{
    utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}
locale_t ws_utf8_locale(void)
{
    pthread_once(&utf8_once, utf8_init);
    return utf8_locale;
}

uint32_t ws_char_lower(uint32_t ch)
{
    if (ch < 0x80)
        return ch >= 'A' && ch <= 'Z' ? ch + 32 : ch;
    locale_t l = ws_utf8_locale();
    return l && ch <= 0x10FFFF ? (uint32_t)towlower_l((wint_t)ch, l) : ch;
}

uint32_t ws_char_upper(uint32_t ch)
{
    if (ch < 0x80)
        return ch >= 'a' && ch <= 'z' ? ch - 32 : ch;
    locale_t l = ws_utf8_locale();
    return l && ch <= 0x10FFFF ? (uint32_t)towupper_l((wint_t)ch, l) : ch;
}
