/* MSVC printf formats -> glibc's.
 *
 * A conversion is %[flags][width][.precision][size]type in both; they
 * differ in the size prefixes and in what s/c/S/C mean ("Format
 * specification syntax: printf and wprintf functions"):
 *
 *   MSVC           meaning                         glibc
 *   %I64d %I64x    64-bit integer                  %lld %llx
 *   %I32d          32-bit integer                  %d
 *   %Id %Iu        ptrdiff_t / size_t              %zd %zu
 *   %ld %lu %lx    long: 32 bits on Windows        %d %u %x
 *   %hs %hc        narrow string / char            %s %c
 *   %ls %ws %lc    wide string / char              %ls %lc
 *   %s %c          the function's own width        %s (printf) / %ls (wprintf)
 *   %S %C          the other width                 %ls (printf) / %s (wprintf)
 *   %p             16 upper-case hex digits        %016lX
 *
 * glibc would read %I64d as its 'I' flag (locale digits), width 64 and an
 * int.  Reading a 32-bit %ld from a 64-bit vararg slot is exact on x86-64
 * for every value a Windows long can hold, whichever type the caller passed.
 * Formats that need nothing changed are used as they are; the rest are
 * rewritten into a stack buffer (the heap only for long formats). */
#include "msvcrt.h"
#include <stdlib.h>
#include <string.h>

enum size { S_NONE, S_HH, S_H, S_L, S_LL, S_W, S_I, S_I32, S_I64, S_J, S_Z, S_T, S_BIGL };

/* The size prefixes as MSVC spells them, and what an integer conversion
 * becomes in glibc. */
static const struct {
    const char *ms;
    enum size size;
    const char *integer;
} sizes[] = {
    {"I64", S_I64, "ll"}, {"I32", S_I32, ""}, {"I", S_I, "z"}, {"hh", S_HH, "hh"}, {"h", S_H, "h"},
    {"ll", S_LL, "ll"},   {"l", S_L, ""},     {"w", S_W, ""},  {"j", S_J, "j"},    {"z", S_Z, "z"},
    {"t", S_T, "t"},      {"L", S_BIGL, "L"},
};

static inline uint32_t get(const void *s, bool wide, size_t i)
{
    return wide ? (uint32_t)((const wchar_t *)s)[i] : ((const unsigned char *)s)[i];
}
static inline void put(void *d, bool wide, size_t i, uint32_t c)
{
    if (!d)
        return;
    if (wide)
        ((wchar_t *)d)[i] = (wchar_t)c;
    else
        ((char *)d)[i] = (char)c;
}

static bool match(const void *s, bool wide, size_t i, const char *lit)
{
    for (; *lit; lit++, i++)
        if (get(s, wide, i) != (unsigned char)*lit)
            return false;
    return true;
}

/* A width or precision: '*' or digits. */
static size_t skip_number(const void *s, bool wide, size_t i)
{
    uint32_t ch;
    if (get(s, wide, i) == '*')
        return i + 1;
    while ((ch = get(s, wide, i)) >= '0' && ch <= '9')
        i++;
    return i;
}

/* The glibc size and type for one MSVC conversion; fn_wide: in the wprintf
 * family.  *size_text is NULL to keep the prefix as written. */
static uint32_t convert(int sz, uint32_t type, bool fn_wide, bool bare, const char **size_text)
{
    enum size size = sz >= 0 ? sizes[sz].size : S_NONE;
    *size_text = NULL;
    switch (type) {
    case 'd': case 'i': case 'o': case 'u': case 'x': case 'X': case 'n':
        if (sz >= 0)
            *size_text = sizes[sz].integer;
        return type;
    case 's': case 'c': case 'S': case 'C': {
        bool wide = size == S_H ? false
                    : size == S_L || size == S_W ? true
                    : (type == 's' || type == 'c') ? fn_wide : !fn_wide;
        *size_text = wide ? "l" : "";
        return type == 'S' ? 's' : type == 'C' ? 'c' : type;
    }
    case 'p':
        if (bare) {
            *size_text = "016l";
            return 'X';
        }
        return type;
    default:
        return type;
    }
}

/* Walk fmt; with out == NULL only say whether anything changes, else write
 * the glibc format (NUL-terminated) into out. */
static bool walk(const void *fmt, bool wide, void *out)
{
    size_t i = 0, o = 0;
    bool changed = false;
    for (uint32_t ch; (ch = get(fmt, wide, i));) {
        if (ch != '%') {
            put(out, wide, o++, ch);
            i++;
            continue;
        }
        size_t start = i++;
        while ((ch = get(fmt, wide, i)) && (ch == '-' || ch == '+' || ch == ' ' || ch == '#' || ch == '0'))
            i++;
        i = skip_number(fmt, wide, i); /* width */
        if (get(fmt, wide, i) == '.')
            i = skip_number(fmt, wide, i + 1); /* precision */
        size_t size_at = i;
        int sz = -1;
        for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
            if (match(fmt, wide, i, sizes[k].ms)) {
                sz = (int)k;
                i += strlen(sizes[k].ms);
                break;
            }
        uint32_t type = get(fmt, wide, i);
        if (!type) { /* a format ending inside a conversion: leave it to glibc */
            for (size_t k = start; k < i; k++)
                put(out, wide, o++, get(fmt, wide, k));
            break;
        }
        i++;
        const char *size_text;
        uint32_t gtype = convert(sz, type, wide, size_at == start + 1 && sz < 0, &size_text);
        for (size_t k = start; k < size_at; k++)
            put(out, wide, o++, get(fmt, wide, k));
        if (size_text) {
            size_t n = strlen(size_text);
            if (n != i - 1 - size_at || !match(fmt, wide, size_at, size_text))
                changed = true;
            for (size_t k = 0; k < n; k++)
                put(out, wide, o++, (unsigned char)size_text[k]);
        } else {
            for (size_t k = size_at; k < i - 1; k++)
                put(out, wide, o++, get(fmt, wide, k));
        }
        changed |= gtype != type;
        put(out, wide, o++, gtype);
    }
    put(out, wide, o, 0);
    return changed;
}

static bool translate(struct ws_fmt *f, const void *fmt, bool wide)
{
    f->out = fmt;
    f->heap = NULL;
    if (!walk(fmt, wide, NULL))
        return true;
    /* Each conversion grows by at most 5 units (%p -> %016lX). */
    size_t len = 0, pct = 0;
    for (uint32_t ch; (ch = get(fmt, wide, len)); len++)
        pct += ch == '%';
    size_t need = (len + 5 * pct + 1) * (wide ? sizeof(wchar_t) : 1);
    void *dst = f->buf;
    if (need > sizeof f->buf && !(dst = f->heap = malloc(need))) {
        errno = ENOMEM;
        return false;
    }
    walk(fmt, wide, dst);
    f->out = dst;
    return true;
}

bool ws_fmt_narrow(struct ws_fmt *f, const char *fmt)
{
    return translate(f, fmt, false);
}

bool ws_fmt_wide(struct ws_fmt *f, const wchar_t *fmt)
{
    return translate(f, fmt, true);
}

void ws_fmt_done(struct ws_fmt *f)
{
    free(f->heap);
}
