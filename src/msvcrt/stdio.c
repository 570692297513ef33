/* stdio.h: the MSVC printf forms (_snprintf, _vsnprintf, _scprintf,
 * _vscprintf and their wide forms), the plain printf family of Windows
 * files (bound here by ws2p/crt_printf.h), _fileno, _fdopen, _wfopen,
 * _popen, _pclose.  Formats go through the MSVC -> glibc translation of
 * format.c. */
#include "msvcrt.h"
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

/* glibc's _FORTIFY_SOURCE entry points (<bits/stdio2-decl.h>), which the
 * library itself is not built with. */
int __vfprintf_chk(FILE *fp, int flag, const char *fmt, va_list ap);
int __vsprintf_chk(char *s, int flag, size_t slen, const char *fmt, va_list ap);
int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, va_list ap);
int __vswprintf_chk(wchar_t *s, size_t n, int flag, size_t slen, const wchar_t *fmt, va_list ap);

/* ---- the MSVC forms ---------------------------------------------------- */

/* _vsnprintf: len < count is written and terminated; len == count fills
 * the buffer without a terminator and returns count; longer output fills
 * it and returns -1 (Wine's msvcrt printf.c test_snprintf).  (NULL, 0)
 * returns the length. */
int ws_crt_vsnprintf(struct ws_call *c, char *buf, size_t count, const char *fmt, va_list ap)
{
    struct ws_fmt f;
    if (!fmt || (!buf && count)) {
        ws_crt_invalid(c, EINVAL);
        return -1;
    }
    if (!ws_fmt_narrow(&f, fmt)) {
        ws_crt_fail(c, "malloc", ENOMEM);
        return -1;
    }
    va_list again;
    va_copy(again, ap);
    int len = vsnprintf(buf, count, f.out, ap), ret = len;
    if (len < 0) {
        ws_crt_fail(c, "vsnprintf", errno);
    } else if (buf && (size_t)len >= count) {
        /* glibc kept the last byte for its terminator: format again into
         * count + 1 bytes and take count of them. */
        char stack[WS_FMT_STACK], *t = count < sizeof stack ? stack : malloc(count + 1);
        if (!t) {
            ws_crt_fail(c, "malloc", ENOMEM);
            ret = -1;
        } else {
            if (count)
                vsnprintf(t, count + 1, f.out, again);
            memcpy(buf, t, count);
            if (t != stack)
                free(t);
            ret = (size_t)len == count ? len : -1;
        }
    }
    va_end(again);
    ws_fmt_done(&f);
    return ret;
}

/* glibc's vswprintf says only -1 when the output does not fit (errno
 * untouched) or a character cannot be converted (EILSEQ).  The length of
 * the output, or -1 with errno set. */
static int wide_length(const wchar_t *fmt, va_list ap)
{
    wchar_t stack[WS_FMT_STACK], *buf = stack;
    size_t size = sizeof stack / sizeof stack[0];
    int saved = errno, len;
    for (;;) {
        va_list again;
        va_copy(again, ap);
        errno = 0;
        len = vswprintf(buf, size, fmt, again);
        va_end(again);
        if (len >= 0 || errno || size > 0x40000000u)
            break;
        size *= 2;
        wchar_t *bigger = realloc(buf == stack ? NULL : buf, size * sizeof *buf);
        if (!bigger) {
            errno = ENOMEM;
            break;
        }
        buf = bigger;
    }
    if (buf != stack)
        free(buf);
    if (len >= 0)
        errno = saved;
    else if (!errno)
        errno = EOVERFLOW;
    return len;
}

/* _vsnwprintf: the _vsnprintf rules in wide characters. */
int ws_crt_vsnwprintf(struct ws_call *c, wchar_t *buf, size_t count, const wchar_t *fmt, va_list ap)
{
    struct ws_fmt f;
    if (!fmt || (!buf && count)) {
        ws_crt_invalid(c, EINVAL);
        return -1;
    }
    if (!ws_fmt_wide(&f, fmt)) {
        ws_crt_fail(c, "malloc", ENOMEM);
        return -1;
    }
    va_list again;
    va_copy(again, ap);
    int saved = errno, ret;
    errno = 0;
    if (!buf || !count) {
        /* (NULL, 0) measures; a real buffer of 0 holds only empty output. */
        ret = wide_length(f.out, ap);
        if (ret > 0 && buf)
            ret = -1, errno = 0;
    } else if ((ret = vswprintf(buf, count, f.out, ap)) < 0 && !errno) {
        /* It did not fit: count + 1 tells an exact fit from a longer one. */
        wchar_t stack[WS_FMT_STACK / sizeof(wchar_t)];
        wchar_t *t = count < sizeof stack / sizeof stack[0] ? stack : malloc((count + 1) * sizeof *t);
        if (!t) {
            errno = ENOMEM;
        } else {
            int r = vswprintf(t, count + 1, f.out, again);
            if (r >= 0 || !errno) {
                wmemcpy(buf, t, count);
                ret = r >= 0 ? (int)count : -1;
            }
            if (t != stack)
                free(t);
        }
    }
    if (ret < 0 && errno)
        ws_crt_fail(c, "vswprintf", errno);
    else
        errno = saved;
    va_end(again);
    ws_fmt_done(&f);
    return ret;
}

#define FMT_TRACE(fmt) "fmt=\"%.60s\"", (fmt) ? (fmt) : "(null)"
#define WFMT_TRACE(fmt) "fmt=L\"%.60ls\"", (fmt) ? (fmt) : L"(null)"
#define BUF_FMT_TRACE(buf, count, fmt) "buf=%p, count=%zu, fmt=\"%.60s\"", (void *)(buf), (count), (fmt) ? (fmt) : "(null)"
#define BUF_WFMT_TRACE(buf, count, fmt) \
    "buf=%p, count=%zu, fmt=L\"%.60ls\"", (void *)(buf), (count), (fmt) ? (fmt) : L"(null)"

WS2P_EXPORT int _vsnprintf(char *buf, size_t count, const char *fmt, va_list ap)
{
    struct ws_call c = WS_CRT_CALL("_vsnprintf");
    int ret = ws_crt_vsnprintf(&c, buf, count, fmt, ap);
    return CRT_EXIT(&c, ret, BUF_FMT_TRACE(buf, count, fmt));
}

WS2P_EXPORT int _snprintf(char *buf, size_t count, const char *fmt, ...)
{
    struct ws_call c = WS_CRT_CALL("_snprintf");
    va_list ap;
    va_start(ap, fmt);
    int ret = ws_crt_vsnprintf(&c, buf, count, fmt, ap);
    va_end(ap);
    return CRT_EXIT(&c, ret, BUF_FMT_TRACE(buf, count, fmt));
}

WS2P_EXPORT int _vscprintf(const char *fmt, va_list ap)
{
    struct ws_call c = WS_CRT_CALL("_vscprintf");
    int ret = ws_crt_vsnprintf(&c, NULL, 0, fmt, ap);
    return CRT_EXIT(&c, ret, FMT_TRACE(fmt));
}

WS2P_EXPORT int _scprintf(const char *fmt, ...)
{
    struct ws_call c = WS_CRT_CALL("_scprintf");
    va_list ap;
    va_start(ap, fmt);
    int ret = ws_crt_vsnprintf(&c, NULL, 0, fmt, ap);
    va_end(ap);
    return CRT_EXIT(&c, ret, FMT_TRACE(fmt));
}

WS2P_EXPORT int _vsnwprintf(wchar_t *buf, size_t count, const wchar_t *fmt, va_list ap)
{
    struct ws_call c = WS_CRT_CALL("_vsnwprintf");
    int ret = ws_crt_vsnwprintf(&c, buf, count, fmt, ap);
    return CRT_EXIT(&c, ret, BUF_WFMT_TRACE(buf, count, fmt));
}

WS2P_EXPORT int _snwprintf(wchar_t *buf, size_t count, const wchar_t *fmt, ...)
{
    struct ws_call c = WS_CRT_CALL("_snwprintf");
    va_list ap;
    va_start(ap, fmt);
    int ret = ws_crt_vsnwprintf(&c, buf, count, fmt, ap);
    va_end(ap);
    return CRT_EXIT(&c, ret, BUF_WFMT_TRACE(buf, count, fmt));
}

WS2P_EXPORT int _vscwprintf(const wchar_t *fmt, va_list ap)
{
    struct ws_call c = WS_CRT_CALL("_vscwprintf");
    int ret = ws_crt_vsnwprintf(&c, NULL, 0, fmt, ap);
    return CRT_EXIT(&c, ret, WFMT_TRACE(fmt));
}

WS2P_EXPORT int _scwprintf(const wchar_t *fmt, ...)
{
    struct ws_call c = WS_CRT_CALL("_scwprintf");
    va_list ap;
    va_start(ap, fmt);
    int ret = ws_crt_vsnwprintf(&c, NULL, 0, fmt, ap);
    va_end(ap);
    return CRT_EXIT(&c, ret, WFMT_TRACE(fmt));
}

/* ---- the plain family of Windows files (ws2p/crt_printf.h) ------------- */

/* One shape for all of them: translate, hand to glibc's function (a
 * statement using `f.out` and `ap`), trace.  A NULL format is MSVC's
 * invalid parameter (glibc would crash). */
#define PLAIN(name, wide, call, ...)                                                  \
    struct ws_call c = WS_CRT_CALL(name);                                             \
    struct ws_fmt f;                                                                  \
    int ret = -1;                                                                     \
    if (!fmt)                                                                         \
        ws_crt_invalid(&c, EINVAL);                                                   \
    else if (!((wide) ? ws_fmt_wide(&f, (const void *)fmt) : ws_fmt_narrow(&f, (const void *)fmt))) \
        ws_crt_fail(&c, "malloc", ENOMEM);                                            \
    else {                                                                            \
        ret = (call);                                                                 \
        if (ret < 0)                                                                  \
            ws_crt_fail(&c, name, errno);                                             \
        ws_fmt_done(&f);                                                              \
    }                                                                                 \
    return CRT_EXIT(&c, ret, __VA_ARGS__)
#define NARROW(name, call) PLAIN(name, false, call, FMT_TRACE(fmt))
#define WIDE(name, call) PLAIN(name, true, call, WFMT_TRACE(fmt))

WS2P_EXPORT int ws2p_vfprintf(FILE *fp, const char *fmt, va_list ap)
{
    NARROW("vfprintf", vfprintf(fp, f.out, ap));
}

WS2P_EXPORT int ws2p_vprintf(const char *fmt, va_list ap)
{
    NARROW("vprintf", vfprintf(stdout, f.out, ap));
}

WS2P_EXPORT int ws2p_vsprintf(char *s, const char *fmt, va_list ap)
{
    NARROW("vsprintf", vsprintf(s, f.out, ap));
}

WS2P_EXPORT int ws2p_vsnprintf(char *s, size_t n, const char *fmt, va_list ap)
{
    NARROW("vsnprintf", vsnprintf(s, n, f.out, ap));
}

#define VARARGS(last, call) \
    va_list ap;             \
    va_start(ap, last);     \
    int r = call;           \
    va_end(ap);             \
    return r

WS2P_EXPORT int ws2p_printf(const char *fmt, ...)
{
    VARARGS(fmt, ws2p_vfprintf(stdout, fmt, ap));
}

WS2P_EXPORT int ws2p_fprintf(FILE *fp, const char *fmt, ...)
{
    VARARGS(fmt, ws2p_vfprintf(fp, fmt, ap));
}

WS2P_EXPORT int ws2p_sprintf(char *s, const char *fmt, ...)
{
    VARARGS(fmt, ws2p_vsprintf(s, fmt, ap));
}

WS2P_EXPORT int ws2p_snprintf(char *s, size_t n, const char *fmt, ...)
{
    VARARGS(fmt, ws2p_vsnprintf(s, n, fmt, ap));
}

/* Wide output to a stream: Windows' streams take narrow and wide output
 * in any mix, glibc's fix their orientation at the first one.  Unless the
 * program made the stream wide itself, format into memory and write UTF-8
 * bytes, so printf and wprintf can share stdout as on Windows. */
static int wide_to_stream(FILE *fp, const wchar_t *fmt, va_list ap)
{
    if (fwide(fp, 0) > 0)
        return vfwprintf(fp, fmt, ap);
    va_list again;
    va_copy(again, ap);
    int len = wide_length(fmt, again);
    va_end(again);
    if (len < 0)
        return -1;
    wchar_t stack[WS_FMT_STACK], *w = (size_t)len < sizeof stack / sizeof stack[0] ? stack : malloc((len + 1u) * sizeof *w);
    if (!w) {
        errno = ENOMEM;
        return -1;
    }
    vswprintf(w, (size_t)len + 1, fmt, ap);
    char out[1024];
    size_t o = 0;
    int ret = len;
    for (int i = 0; i <= len && ret >= 0; i++) {
        if (o > sizeof out - 4 || i == len) {
            if (fwrite(out, 1, o, fp) != o)
                ret = -1;
            o = 0;
            if (i == len)
                break;
        }
        uint32_t ch = (uint32_t)w[i];
        if (ch < 0x80) {
            out[o++] = (char)ch;
        } else if (ch < 0x800) {
            out[o++] = (char)(0xc0 | ch >> 6);
            out[o++] = (char)(0x80 | (ch & 0x3f));
        } else if (ch < 0x10000) {
            out[o++] = (char)(0xe0 | ch >> 12);
            out[o++] = (char)(0x80 | (ch >> 6 & 0x3f));
            out[o++] = (char)(0x80 | (ch & 0x3f));
        } else {
            out[o++] = (char)(0xf0 | (ch >> 18 & 0x07));
            out[o++] = (char)(0x80 | (ch >> 12 & 0x3f));
            out[o++] = (char)(0x80 | (ch >> 6 & 0x3f));
            out[o++] = (char)(0x80 | (ch & 0x3f));
        }
    }
    if (w != stack)
        free(w);
    return ret;
}

WS2P_EXPORT int ws2p_vfwprintf(FILE *fp, const wchar_t *fmt, va_list ap)
{
    WIDE("vfwprintf", wide_to_stream(fp, f.out, ap));
}

WS2P_EXPORT int ws2p_vwprintf(const wchar_t *fmt, va_list ap)
{
    WIDE("vwprintf", wide_to_stream(stdout, f.out, ap));
}

WS2P_EXPORT int ws2p_vswprintf(wchar_t *s, size_t n, const wchar_t *fmt, va_list ap)
{
    WIDE("vswprintf", vswprintf(s, n, f.out, ap));
}

WS2P_EXPORT int ws2p_wprintf(const wchar_t *fmt, ...)
{
    VARARGS(fmt, ws2p_vfwprintf(stdout, fmt, ap));
}

WS2P_EXPORT int ws2p_fwprintf(FILE *fp, const wchar_t *fmt, ...)
{
    VARARGS(fmt, ws2p_vfwprintf(fp, fmt, ap));
}

WS2P_EXPORT int ws2p_swprintf(wchar_t *s, size_t n, const wchar_t *fmt, ...)
{
    VARARGS(fmt, ws2p_vswprintf(s, n, fmt, ap));
}

/* _FORTIFY_SOURCE builds call these; glibc's checks still apply to the
 * buffers, and wide stream output takes the byte path above. */
WS2P_EXPORT int ws2p___vfprintf_chk(FILE *fp, int flag, const char *fmt, va_list ap)
{
    NARROW("vfprintf", __vfprintf_chk(fp, flag, f.out, ap));
}

WS2P_EXPORT int ws2p___vprintf_chk(int flag, const char *fmt, va_list ap)
{
    return ws2p___vfprintf_chk(stdout, flag, fmt, ap);
}

WS2P_EXPORT int ws2p___vsprintf_chk(char *s, int flag, size_t slen, const char *fmt, va_list ap)
{
    NARROW("vsprintf", __vsprintf_chk(s, flag, slen, f.out, ap));
}

WS2P_EXPORT int ws2p___vsnprintf_chk(char *s, size_t n, int flag, size_t slen, const char *fmt, va_list ap)
{
    NARROW("vsnprintf", __vsnprintf_chk(s, n, flag, slen, f.out, ap));
}

WS2P_EXPORT int ws2p___printf_chk(int flag, const char *fmt, ...)
{
    VARARGS(fmt, ws2p___vfprintf_chk(stdout, flag, fmt, ap));
}

WS2P_EXPORT int ws2p___fprintf_chk(FILE *fp, int flag, const char *fmt, ...)
{
    VARARGS(fmt, ws2p___vfprintf_chk(fp, flag, fmt, ap));
}

WS2P_EXPORT int ws2p___sprintf_chk(char *s, int flag, size_t slen, const char *fmt, ...)
{
    VARARGS(fmt, ws2p___vsprintf_chk(s, flag, slen, fmt, ap));
}

WS2P_EXPORT int ws2p___snprintf_chk(char *s, size_t n, int flag, size_t slen, const char *fmt, ...)
{
    VARARGS(fmt, ws2p___vsnprintf_chk(s, n, flag, slen, fmt, ap));
}

WS2P_EXPORT int ws2p___vswprintf_chk(wchar_t *s, size_t n, int flag, size_t slen, const wchar_t *fmt, va_list ap)
{
    WIDE("vswprintf", __vswprintf_chk(s, n, flag, slen, f.out, ap));
}

WS2P_EXPORT int ws2p___vfwprintf_chk(FILE *fp, int flag, const wchar_t *fmt, va_list ap)
{
    (void)flag;
    return ws2p_vfwprintf(fp, fmt, ap);
}

WS2P_EXPORT int ws2p___vwprintf_chk(int flag, const wchar_t *fmt, va_list ap)
{
    (void)flag;
    return ws2p_vfwprintf(stdout, fmt, ap);
}

WS2P_EXPORT int ws2p___wprintf_chk(int flag, const wchar_t *fmt, ...)
{
    VARARGS(fmt, ws2p___vwprintf_chk(flag, fmt, ap));
}

WS2P_EXPORT int ws2p___fwprintf_chk(FILE *fp, int flag, const wchar_t *fmt, ...)
{
    VARARGS(fmt, ws2p___vfwprintf_chk(fp, flag, fmt, ap));
}

WS2P_EXPORT int ws2p___swprintf_chk(wchar_t *s, size_t n, int flag, size_t slen, const wchar_t *fmt, ...)
{
    VARARGS(fmt, ws2p___vswprintf_chk(s, n, flag, slen, fmt, ap));
}

/* ---- streams ----------------------------------------------------------- */

WS2P_EXPORT int _fileno(FILE *fp)
{
    struct ws_call c = WS_CRT_CALL("_fileno");
    int ret = -1;
    if (!fp)
        ws_crt_invalid(&c, EINVAL);
    else if ((ret = fileno(fp)) < 0)
        ws_crt_fail(&c, "fileno", errno);
    return CRT_EXIT(&c, ret, "stream=%p", (void *)fp);
}

/* An MSVC fopen mode as glibc's: r/w/a, '+', 'b' and 'x' kept, 't' and the
 * caching hints (S R T D c n) dropped, 'N' (not inherited) is 'e', and a
 * ",ccs=" encoding is not supported (files are bytes here).  false if the
 * mode is not one. */
static bool stream_mode(const char *m, char out[8])
{
    size_t o = 0;
    if (!m || (*m != 'r' && *m != 'w' && *m != 'a'))
        return false;
    out[o++] = *m++;
    for (; *m && *m != ','; m++) {
        if (o >= 7)
            return false;
        if (*m == '+' || *m == 'b' || *m == 'x')
            out[o++] = *m;
        else if (*m == 'N')
            out[o++] = 'e';
        else if (!strchr("tSRTDcn ", *m))
            return false;
    }
    out[o] = 0;
    return true;
}

WS2P_EXPORT FILE *_fdopen(int fd, const char *mode)
{
    struct ws_call c = WS_CRT_CALL("_fdopen");
    FILE *ret = NULL;
    char m[8];
    if (!stream_mode(mode, m))
        ws_crt_invalid(&c, EINVAL);
    else if (!(ret = fdopen(fd, m)))
        ws_crt_fail(&c, "fdopen", errno);
    return CRT_EXIT(&c, ret, "fd=%d, mode=%s", fd, mode ? mode : "(null)");
}

WS2P_EXPORT FILE *_wfopen(const wchar_t *name, const wchar_t *mode)
{
    struct ws_call c = WS_CRT_CALL("_wfopen");
    FILE *ret = NULL;
    char *path = NULL, *mode8 = NULL, m[8];
    if (!name || !mode || !*name || !*mode)
        ws_crt_invalid(&c, EINVAL);
    else if (!(path = ws_crt_path(name)) || !(mode8 = ws_crt_path(mode)))
        ws_crt_fail(&c, "wide to UTF-8", errno);
    else if (!stream_mode(mode8, m))
        ws_crt_invalid(&c, EINVAL);
    else if (!(ret = fopen(path, m)))
        ws_crt_fail(&c, "fopen", errno);
    free(path);
    free(mode8);
    return CRT_EXIT(&c, ret, "name=%ls, mode=%ls", name ? name : L"(null)", mode ? mode : L"(null)");
}

WS2P_EXPORT FILE *_popen(const char *command, const char *mode)
{
    struct ws_call c = WS_CRT_CALL("_popen");
    FILE *ret = NULL;
    /* "r" or "w", optionally with 'b' or 't' (_popen docs). */
    bool valid = mode && (mode[0] == 'r' || mode[0] == 'w') &&
                 (!mode[1] || ((mode[1] == 'b' || mode[1] == 't') && !mode[2]));
    if (!command || !valid)
        ws_crt_invalid(&c, EINVAL);
    else if (!(ret = popen(command, mode[0] == 'r' ? "r" : "w")))
        ws_crt_fail(&c, "popen", errno);
    return CRT_EXIT(&c, ret, "command=%s, mode=%s", command ? command : "(null)", mode ? mode : "(null)");
}

/* Windows returns the command's exit code; glibc, a wait status. */
WS2P_EXPORT int _pclose(FILE *fp)
{
    struct ws_call c = WS_CRT_CALL("_pclose");
    int ret = -1;
    if (!fp)
        ws_crt_invalid(&c, EINVAL);
    else if ((ret = pclose(fp)) < 0)
        ws_crt_fail(&c, "pclose", errno);
    else if (WIFEXITED(ret))
        ret = WEXITSTATUS(ret);
    return CRT_EXIT(&c, ret, "stream=%p", (void *)fp);
}
