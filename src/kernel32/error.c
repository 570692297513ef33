/* GetLastError / SetLastError (the same per-thread value as WSAGetLastError,
 * as on Windows) and FormatMessageA/W: system and Winsock texts
 * (src/core/w32errors.def, wsaerrors.def) and message strings with
 * inserts, escapes and line-width rules as Windows formats them. */
#include "k32.h"
#include "utf.h"
#include "ws2p/k32_string.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

WS2P_EXPORT DWORD GetLastError(void)
{
    return ws_last_error;
}

WS2P_EXPORT void SetLastError(DWORD e)
{
    ws_last_error = e;
}

#define FM_ALLOCATE_BUFFER 0x100
#define FM_IGNORE_INSERTS 0x200
#define FM_FROM_STRING 0x400
#define FM_FROM_HMODULE 0x800
#define FM_FROM_SYSTEM 0x1000
#define FM_ARGUMENT_ARRAY 0x2000
#define FM_MAX_WIDTH_MASK 0xff
#define FM_VALID 0x3fff

/* The system message for an id: a Win32 or Winsock code, also as an
 * HRESULT of FACILITY_WIN32.  Windows' texts end with CR LF. */
static const char *system_text(DWORD id)
{
    if ((id & 0xffff0000u) == 0x80070000u)
        id &= 0xffff;
    return ws_wsa_text((int)id);
}

/* A growing UTF-8 output. */
struct out {
    char *s;
    size_t len, cap;
    bool oom;
};
static void put(struct out *o, const char *s, size_t n)
{
    if (o->oom)
        return;
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 256;
        while (cap < o->len + n + 1)
            cap *= 2;
        char *t = realloc(o->s, cap);
        if (!t) {
            o->oom = true;
            return;
        }
        o->s = t, o->cap = cap;
    }
    memcpy(o->s + o->len, s, n);
    o->len += n;
    o->s[o->len] = 0;
}
static void putc1(struct out *o, char ch)
{
    put(o, &ch, 1);
}

/* The insert arguments: an array of pointer-sized values, or a va_list
 * read in order as far as the highest index asked for (every argument
 * occupies one pointer-sized slot, as on Windows x64; integer arguments
 * narrower than that are read whole and cut down by their format). */
#define FM_MAX_ARGS 128
struct args {
    const uintptr_t *array;
    va_list *va;
    uintptr_t cache[FM_MAX_ARGS];
    int fetched, last;
};
static bool get_arg(struct args *a, int i, uintptr_t *v)
{
    if (i < 1 || i > FM_MAX_ARGS || (!a->array && !a->va))
        return false;
    if (a->array)
        *v = a->array[i - 1];
    else {
        while (a->fetched < i)
            a->cache[a->fetched++] = va_arg(*a->va, uintptr_t);
        *v = a->cache[i - 1];
    }
    if (i > a->last)
        a->last = i;
    return true;
}

/* One %n!fmt! insert.  fmt is printf's, with Windows' meanings: s and c
 * are the function's own width (wide for FormatMessageW), S and C the
 * other one, h narrow, l and w wide; I64/ll 64-bit and I pointer-sized
 * integers, l and h as on Windows (32 and 16 bits); no floating point. */
static bool insert(struct out *o, struct args *a, int n, const char *fmt, size_t flen, bool wide_fn)
{
    char spec[64], buf[128];
    size_t k = 0, i = 0;
    uintptr_t v;
    int vals[2], nvals = 0, idx = n;
    spec[k++] = '%';
    while (i < flen && strchr("-+ #0", fmt[i]) && k < 40)
        spec[k++] = fmt[i++];
    for (int part = 0; part < 2; part++) {
        if (part == 1) {
            if (i >= flen || fmt[i] != '.')
                break;
            spec[k++] = fmt[i++];
        }
        if (i < flen && fmt[i] == '*') {
            /* The first value is the insert's own argument, the next ones
             * follow the highest argument used so far (format_msg.c). */
            if (!get_arg(a, idx, &v))
                return false;
            idx = a->last + 1;
            vals[nvals++] = (int)v;
            spec[k++] = '*';
            i++;
        } else
            while (i < flen && fmt[i] >= '0' && fmt[i] <= '9' && k < 50)
                spec[k++] = fmt[i++];
    }
    int size = 0; /* 0 default, 'h', 'l' (wide/32-bit), 'L' (64-bit) */
    if (i + 3 <= flen && !memcmp(fmt + i, "I64", 3))
        size = 'L', i += 3;
    else if (i + 3 <= flen && !memcmp(fmt + i, "I32", 3))
        size = 'l', i += 3;
    else if (i + 2 <= flen && !memcmp(fmt + i, "ll", 2))
        size = 'L', i += 2;
    else if (i < flen && fmt[i] == 'I')
        size = 'L', i++;
    else if (i < flen && (fmt[i] == 'h' || fmt[i] == 'l' || fmt[i] == 'w'))
        size = fmt[i] == 'h' ? 'h' : 'l', i++;
    char type = i < flen ? fmt[i] : 's';
    if (!get_arg(a, idx, &v))
        return false;
    int len;
    switch (type) {
    case 's':
    case 'S': {
        bool wide = size == 'h' ? false : size == 'l' ? true : (type == 's') == wide_fn;
        char *s8 = NULL;
        const char *s = (const char *)v;
        if (!v)
            s = "(null)";
        else if (wide && !(s = s8 = ws_wide_to_utf8_dup((const WCHAR *)v)))
            return o->oom = true, false;
        spec[k++] = 's';
        spec[k] = 0;
        char *t = NULL;
        len = nvals == 2 ? asprintf(&t, spec, vals[0], vals[1], s)
              : nvals == 1 ? asprintf(&t, spec, vals[0], s) : asprintf(&t, spec, s);
        free(s8);
        if (len < 0)
            return o->oom = true, false;
        put(o, t, (size_t)len);
        free(t);
        return true;
    }
    case 'c':
    case 'C': {
        bool wide = size == 'h' ? false : size == 'l' ? true : (type == 'c') == wide_fn;
        WCHAR w[2] = {(WCHAR)(wide ? (v & 0xffff) : (v & 0xff)), 0};
        char c8[8];
        bool bad;
        size_t m = wide ? ws_wide_to_utf8(w, 1, c8, sizeof c8 - 1, &bad) : 1;
        if (!wide)
            c8[0] = (char)v;
        c8[m] = 0;
        spec[k++] = 's';
        spec[k] = 0;
        len = nvals == 2 ? snprintf(buf, sizeof buf, spec, vals[0], vals[1], c8)
              : nvals == 1 ? snprintf(buf, sizeof buf, spec, vals[0], c8) : snprintf(buf, sizeof buf, spec, c8);
        break;
    }
    case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
        long long sv;
        unsigned long long uv;
        if (size == 'L')
            sv = (long long)v, uv = (unsigned long long)v;
        else if (size == 'h')
            sv = (short)v, uv = (unsigned short)v;
        else
            sv = (int)v, uv = (unsigned)v;
        spec[k++] = 'l', spec[k++] = 'l', spec[k++] = type, spec[k] = 0;
        bool s = type == 'd' || type == 'i';
        len = nvals == 2   ? (s ? snprintf(buf, sizeof buf, spec, vals[0], vals[1], sv)
                                : snprintf(buf, sizeof buf, spec, vals[0], vals[1], uv))
              : nvals == 1 ? (s ? snprintf(buf, sizeof buf, spec, vals[0], sv) : snprintf(buf, sizeof buf, spec, vals[0], uv))
                           : (s ? snprintf(buf, sizeof buf, spec, sv) : snprintf(buf, sizeof buf, spec, uv));
        break;
    }
    case 'p':
        len = snprintf(buf, sizeof buf, "%016llX", (unsigned long long)v);
        break;
    default: /* e, f, g: not supported by FormatMessage */
        return true;
    }
    if (len < 0)
        return false;
    put(o, buf, (size_t)len < sizeof buf ? (size_t)len : sizeof buf - 1);
    return true;
}

/* Format a message text (UTF-8) into o: 0 or the Win32 error. */
static int format(struct out *o, const char *p, DWORD flags, struct args *a, bool wide_fn)
{
    unsigned width = flags & FM_MAX_WIDTH_MASK;
    while (*p) {
        if (*p == '\r' || *p == '\n') {
            /* A line break of the text: CR LF, or a space under a width. */
            if (*p == '\r' && p[1] == '\n')
                p++;
            p++;
            if (width)
                putc1(o, ' ');
            else
                put(o, "\r\n", 2);
            continue;
        }
        if (*p != '%') {
            const char *q = p;
            while (*q && *q != '%' && *q != '\r' && *q != '\n')
                q++;
            put(o, p, (size_t)(q - p));
            p = q;
            continue;
        }
        p++;
        if (*p >= '1' && *p <= '9') {
            const char *start = p - 1;
            int n = *p++ - '0';
            if (*p >= '0' && *p <= '9')
                n = n * 10 + (*p++ - '0');
            const char *fmt = "s";
            size_t flen = 1;
            if (*p == '!') {
                const char *e = strchr(p + 1, '!');
                if (!e)
                    return ERROR_INVALID_PARAMETER;
                fmt = p + 1, flen = (size_t)(e - fmt), p = e + 1;
            }
            if (flags & FM_IGNORE_INSERTS)
                put(o, start, (size_t)(p - start));
            else if (!insert(o, a, n, fmt, flen, wide_fn))
                return o->oom ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER;
            continue;
        }
        switch (*p) {
        case 0:
            return ERROR_INVALID_PARAMETER; /* a trailing % */
        case '0':
            return 0;
        case 'n':
            put(o, "\r\n", 2);
            break;
        case 'r':
            putc1(o, '\r');
            break;
        case 't':
            putc1(o, '\t');
            break;
        default: /* %% %. %! %space and the rest: the character itself */
            putc1(o, *p);
            break;
        }
        p++;
    }
    return 0;
}

/* A width of 1..254: break lines at spaces so that none is longer than
 * width where a break is possible ("short long!line" at 11 becomes
 * "short\r\nlong!line"); the CR LFs already there stay. */
static void wrap(struct out *o, unsigned width)
{
    if (!width || width == FM_MAX_WIDTH_MASK || o->oom || !o->len)
        return;
    struct out w = {0};
    size_t col = 0, i = 0;
    while (i < o->len) {
        if (o->s[i] == '\r' && i + 1 < o->len && o->s[i + 1] == '\n') {
            put(&w, "\r\n", 2), i += 2, col = 0;
            continue;
        }
        size_t j = i;
        while (j < o->len && o->s[j] != ' ' && o->s[j] != '\r')
            j++;
        size_t word = j - i;
        if (col && col + word > width) {
            /* the space before this word becomes the break */
            if (w.len && w.s[w.len - 1] == ' ')
                w.len--;
            put(&w, "\r\n", 2);
            col = 0;
        }
        put(&w, o->s + i, word);
        col += word;
        i = j;
        if (i < o->len && o->s[i] == ' ')
            putc1(&w, ' '), col++, i++;
    }
    if (!w.oom) {
        free(o->s);
        *o = w;
    } else
        free(w.s);
}

/* The shared body: the text, formatted into UTF-8, then delivered as
 * char (ANSI = UTF-8 here) or WCHAR. */
static DWORD format_message(struct ws_call *c, DWORD flags, const void *source, DWORD id, void *buffer, DWORD size,
                            va_list *args, bool wide)
{
    const char *text = NULL;
    char *text8 = NULL;
    DWORD ret = 0;
    int e = 0;
    struct out o = {0};
    struct args a = {0};
    if (flags & ~(DWORD)FM_VALID)
        e = ERROR_INVALID_FLAGS;
    else if (wide && !buffer)
        e = ERROR_INVALID_PARAMETER; /* format_msg.c: W checks the buffer first */
    else if (flags & FM_FROM_STRING) {
        if (!source)
            e = ERROR_INVALID_PARAMETER;
        else if (!wide)
            text = source;
        else if (!(text = text8 = ws_wide_to_utf8_dup(source)))
            e = ERROR_NOT_ENOUGH_MEMORY;
    } else if (flags & FM_FROM_SYSTEM) {
        text = system_text(id);
        if (!text)
            e = ERROR_MR_MID_NOT_FOUND;
        else if (asprintf(&text8, "%s\r\n", text) < 0)
            e = ERROR_NOT_ENOUGH_MEMORY;
        else
            text = text8;
    } else if (flags & FM_FROM_HMODULE)
        e = ERROR_RESOURCE_TYPE_NOT_FOUND; /* no module has a message table here */
    else
        e = ERROR_INVALID_PARAMETER;
    if (!e) {
        if (flags & FM_ARGUMENT_ARRAY)
            a.array = (const uintptr_t *)args;
        else
            a.va = args;
        e = format(&o, text, flags, &a, wide);
        wrap(&o, flags & FM_MAX_WIDTH_MASK);
        if (!e && o.oom)
            e = ERROR_NOT_ENOUGH_MEMORY;
    }
    if (!e) {
        bool bad;
        size_t n = wide ? ws_utf8_to_wide(o.s ? o.s : "", o.len, NULL, 0, &bad) : o.len;
        if (n == 0) {
            e = ERROR_NO_WORK_DONE;
            if (flags & FM_ALLOCATE_BUFFER) {
                if (buffer)
                    *(void **)buffer = NULL;
            } else if (wide && size)
                *(WCHAR *)buffer = 0;
        } else if (!wide && n + 1 > 32767)
            e = ERROR_INVALID_PARAMETER; /* the ANSI form's limit (format_msg.c) */
        else if (flags & FM_ALLOCATE_BUFFER) {
            size_t unit = wide ? sizeof(WCHAR) : 1, alloc = n + 1 > size ? n + 1 : size;
            void *p = buffer ? ws_local_alloc(alloc * unit) : NULL;
            if (!p)
                e = ERROR_NOT_ENOUGH_MEMORY;
            else {
                if (wide)
                    ws_utf8_to_wide(o.s, o.len + 1, p, n + 1, &bad);
                else
                    memcpy(p, o.s, n + 1);
                *(void **)buffer = p;
                ret = (DWORD)n;
            }
        } else if (n + 1 > size) {
            e = ERROR_INSUFFICIENT_BUFFER;
            if (wide && size) { /* W leaves the text cut short, A the buffer untouched */
                WCHAR *w = malloc((n + 1) * sizeof *w);
                if (w) {
                    ws_utf8_to_wide(o.s, o.len + 1, w, n + 1, &bad);
                    wmemcpy(buffer, w, size - 1);
                    ((WCHAR *)buffer)[size - 1] = 0;
                    free(w);
                }
            }
        } else if (!buffer)
            e = ERROR_INVALID_PARAMETER;
        else {
            if (wide)
                ws_utf8_to_wide(o.s, o.len + 1, buffer, n + 1, &bad);
            else
                memcpy(buffer, o.s, n + 1);
            ret = (DWORD)n;
        }
    }
    free(o.s);
    free(text8);
    if (e)
        ws_fail(c, e);
    return ret;
}

WS2P_EXPORT DWORD FormatMessageA(DWORD flags, const void *source, DWORD id, DWORD lang, char *buffer, DWORD size,
                                 va_list *args)
{
    struct ws_call c = WS_CALL32("FormatMessageA");
    (void)lang;
    DWORD ret = format_message(&c, flags, source, id, buffer, size, args, false);
    return WS_EXIT32(&c, ret, "flags=%#x, id=%u, size=%u", (unsigned)flags, (unsigned)id, (unsigned)size);
}

WS2P_EXPORT DWORD FormatMessageW(DWORD flags, const void *source, DWORD id, DWORD lang, WCHAR *buffer, DWORD size,
                                 va_list *args)
{
    struct ws_call c = WS_CALL32("FormatMessageW");
    (void)lang;
    DWORD ret = format_message(&c, flags, source, id, buffer, size, args, true);
    return WS_EXIT32(&c, ret, "flags=%#x, id=%u, size=%u", (unsigned)flags, (unsigned)id, (unsigned)size);
}
