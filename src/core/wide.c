/* Wide strings: WCHAR is the platform wchar_t (UTF-32 here, see
 * docs/windows-vs-linux.md); the kernel and the resolver want UTF-8.
 * A byte that is not part of valid UTF-8 becomes U+DC80 + byte and goes
 * back to the same byte, so any name the kernel hands out survives the trip
 * through a W function. */
#include "fileobj.h"
#include <stdlib.h>

static size_t enc_len(uint32_t c)
{
    if (c >= 0xdc80 && c <= 0xdcff)
        return 1; /* an escaped raw byte */
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

char *ws_wide_to_utf8(const WCHAR *w)
{
    if (!w)
        return NULL;
    size_t n = 0;
    for (const WCHAR *p = w; *p; p++)
        n += enc_len((uint32_t)*p);
    char *s = malloc(n + 1), *o = s;
    if (!s)
        return NULL;
    for (const WCHAR *p = w; *p; p++) {
        uint32_t c = (uint32_t)*p;
        if (c < 0x80)
            *o++ = (char)c;
        else if (c >= 0xdc80 && c <= 0xdcff)
            *o++ = (char)(c & 0xff);
        else if (c < 0x800) {
            *o++ = (char)(0xc0 | c >> 6);
            *o++ = (char)(0x80 | (c & 0x3f));
        } else if (c < 0x10000) {
            *o++ = (char)(0xe0 | c >> 12);
            *o++ = (char)(0x80 | (c >> 6 & 0x3f));
            *o++ = (char)(0x80 | (c & 0x3f));
        } else {
            *o++ = (char)(0xf0 | (c >> 18 & 0x07));
            *o++ = (char)(0x80 | (c >> 12 & 0x3f));
            *o++ = (char)(0x80 | (c >> 6 & 0x3f));
            *o++ = (char)(0x80 | (c & 0x3f));
        }
    }
    *o = 0;
    return s;
}

char *ws_utf8_dup(const WCHAR *w, bool *ascii)
{
    char *s = ws_wide_to_utf8(w);
    if (s && ascii) {
        const unsigned char *p = (const unsigned char *)s;
        while (*p && *p < 0x80)
            p++;
        *ascii = !*p;
    }
    return s;
}

/* One code point from s (advancing it); an invalid sequence yields its
 * first byte escaped. */
static uint32_t dec(const unsigned char **sp)
{
    const unsigned char *s = *sp;
    uint32_t c = s[0];
    int n = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3 : -1;
    if (n == 0) {
        *sp = s + 1;
        return c;
    }
    if (n > 0) {
        uint32_t v = c & (0x3f >> n);
        int i;
        for (i = 1; i <= n && (s[i] & 0xc0) == 0x80; i++)
            v = v << 6 | (s[i] & 0x3f);
        static const uint32_t min[] = {0, 0x80, 0x800, 0x10000};
        if (i > n && v >= min[n] && v <= 0x10ffff && !(v >= 0xd800 && v <= 0xdfff)) {
            *sp = s + n + 1;
            return v;
        }
    }
    *sp = s + 1;
    return 0xdc00 + c;
}

size_t ws_utf8_to_wide(const char *str, WCHAR *out, size_t cap)
{
    size_t n = 0;
    for (const unsigned char *s = (const unsigned char *)str; *s; n++) {
        uint32_t c = dec(&s);
        if (n < cap)
            out[n] = (WCHAR)c;
    }
    if (n < cap)
        out[n] = 0;
    return n;
}
