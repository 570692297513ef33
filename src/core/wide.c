/* Wide strings: WCHAR is the platform wchar_t (UTF-32 here, see
 * docs/windows-vs-linux.md); the kernel, the resolver and the environment
 * want UTF-8.  Written for either width, so a 2-byte WCHAR gets surrogate
 * pairs; invalid input becomes U+FFFD.  (winobj.h, core.h) */
#include "winobj.h"
#include <stdlib.h>

/* One code point from UTF-8 at *s (advanced). */
static uint32_t utf8_next(const unsigned char **s)
{
    const unsigned char *p = *s;
    uint32_t c = *p++;
    int more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
    if (c >= 0x80 && c < 0xc0) {
        *s = p;
        return 0xfffd;
    }
    c &= 0x7f >> more;
    for (int i = 0; i < more; i++, p++) {
        if ((*p & 0xc0) != 0x80) {
            *s = p;
            return 0xfffd;
        }
        c = c << 6 | (*p & 0x3f);
    }
    *s = p;
    return c > 0x10ffff || (c >= 0xd800 && c < 0xe000) ? 0xfffd : c;
}

/* One code point from a WCHAR string at *w (advanced). */
static uint32_t wide_next(const WCHAR **w)
{
    uint32_t c = (uint32_t)*(*w)++;
    if (sizeof(WCHAR) == 2 && c >= 0xd800 && c < 0xdc00 && (uint32_t)**w >= 0xdc00 && (uint32_t)**w < 0xe000)
        c = 0x10000 + ((c - 0xd800) << 10) + ((uint32_t)*(*w)++ - 0xdc00);
    return c > 0x10ffff ? 0xfffd : c;
}

static size_t utf8_put(uint32_t c, char *out)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xc0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xe0 | c >> 12);
        out[1] = (char)(0x80 | (c >> 6 & 0x3f));
        out[2] = (char)(0x80 | (c & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | c >> 18);
    out[1] = (char)(0x80 | (c >> 12 & 0x3f));
    out[2] = (char)(0x80 | (c >> 6 & 0x3f));
    out[3] = (char)(0x80 | (c & 0x3f));
    return 4;
}

char *ws_wide_to_utf8(const WCHAR *w)
{
    if (!w)
        return NULL;
    size_t n = 0;
    for (const WCHAR *p = w; *p; p++)
        n++;
    char *out = malloc(n * 4 + 1), *q = out; /* a unit is at most 4 bytes (a pair: 4 for 2) */
    if (!out)
        return NULL;
    while (*w)
        q += utf8_put(wide_next(&w), q);
    *q = 0;
    return out;
}

size_t ws_utf8_to_wide(const char *s, WCHAR *out, size_t cap)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    while (*p) {
        uint32_t c = utf8_next(&p);
        if (sizeof(WCHAR) == 2 && c >= 0x10000) {
            if (n + 1 < cap) {
                out[n] = (WCHAR)(0xd800 + ((c - 0x10000) >> 10));
                out[n + 1] = (WCHAR)(0xdc00 + ((c - 0x10000) & 0x3ff));
            }
            n += 2;
        } else {
            if (n < cap)
                out[n] = (WCHAR)c;
            n++;
        }
    }
    if (n < cap)
        out[n] = 0;
    return n;
}

char *ws_utf8_dup(const WCHAR *w, bool *ascii)
{
    *ascii = true;
    for (const WCHAR *p = w; *p; p++)
        if ((uint32_t)*p >= 0x80) {
            *ascii = false;
            break;
        }
    return ws_wide_to_utf8(w);
}
