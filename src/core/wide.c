/* Wide strings: WCHAR is the platform wchar_t (UTF-32 here, see
 * docs/windows-vs-linux.md); the kernel and the resolver want UTF-8. */
#include "core.h"
#include <stdlib.h>

char *ws_utf8_dup(const WCHAR *w, bool *ascii)
{
    size_t n = 0;
    *ascii = true;
    for (const WCHAR *p = w; *p; p++)
        n += (uint32_t)*p < 0x80 ? 1 : (uint32_t)*p < 0x800 ? 2 : (uint32_t)*p < 0x10000 ? 3 : 4;
    char *s = malloc(n + 1), *o = s;
    if (!s)
        return NULL;
    for (const WCHAR *p = w; *p; p++) {
        uint32_t c = (uint32_t)*p;
        if (c < 0x80) {
            *o++ = (char)c;
            continue;
        }
        *ascii = false;
        if (c < 0x800) {
            *o++ = (char)(0xc0 | c >> 6);
        } else {
            if (c < 0x10000) {
                *o++ = (char)(0xe0 | c >> 12);
            } else {
                *o++ = (char)(0xf0 | (c >> 18 & 0x07));
                *o++ = (char)(0x80 | (c >> 12 & 0x3f));
            }
            *o++ = (char)(0x80 | (c >> 6 & 0x3f));
        }
        *o++ = (char)(0x80 | (c & 0x3f));
    }
    *o = 0;
    return s;
}
