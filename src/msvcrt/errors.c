/* Parameter validation and errno: _set_invalid_parameter_handler,
 * _get_invalid_parameter_handler, _errno, _get_errno, _set_errno; the
 * helpers the other CRT files share. */
#include "msvcrt.h"
#include "utf.h"
#include <stdlib.h>

typedef void (*ws_invalid_handler)(const wchar_t *, const wchar_t *, const wchar_t *, unsigned int, uintptr_t);
static _Atomic(ws_invalid_handler) handler;

/* Release builds of the UCRT pass no expression, function, file or line
 * (Wine's msvcrt tests check all are NULL/0).  Windows' own default ends
 * the process; here, without a handler, the call just fails as documented
 * for "if execution is allowed to continue". */
void ws_crt_invalid(struct ws_call *c, int e)
{
    ws_invalid_handler h = atomic_load_explicit(&handler, memory_order_acquire);
    if (h)
        h(NULL, NULL, NULL, 0, 0);
    ws_crt_fail(c, "invalid parameter", e);
}

WS2P_EXPORT ws_invalid_handler _set_invalid_parameter_handler(ws_invalid_handler h)
{
    struct ws_call c = WS_CRT_CALL("_set_invalid_parameter_handler");
    ws_invalid_handler old = atomic_exchange_explicit(&handler, h, memory_order_acq_rel);
    return CRT_EXIT(&c, old, "handler=%p", (void *)h);
}

WS2P_EXPORT ws_invalid_handler _get_invalid_parameter_handler(void)
{
    struct ws_call c = WS_CRT_CALL("_get_invalid_parameter_handler");
    ws_invalid_handler h = atomic_load_explicit(&handler, memory_order_acquire);
    return CRT_EXIT(&c, h, "%s", "");
}

/* MSVC's errno is (*_errno()); here it is glibc's. */
WS2P_EXPORT int *_errno(void)
{
    struct ws_call c = WS_CRT_CALL("_errno");
    return CRT_EXIT(&c, &errno, "%s", "");
}

WS2P_EXPORT int _get_errno(int *value)
{
    struct ws_call c = WS_CRT_CALL("_get_errno");
    int ret = 0;
    if (!value) {
        ws_crt_invalid(&c, EINVAL);
        ret = EINVAL;
    } else {
        *value = errno;
    }
    return CRT_EXIT(&c, ret, "value=%p", (void *)value);
}

WS2P_EXPORT int _set_errno(int value)
{
    struct ws_call c = WS_CRT_CALL("_set_errno");
    errno = value;
    return CRT_EXIT(&c, 0, "value=%d", value);
}

char *ws_crt_path(const wchar_t *w)
{
    /* WCHARs are UTF-16 units (src/core/utf.h): a surrogate pair is one
     * character; a lone surrogate or a value past U+10FFFF has no UTF-8. */
    bool bad;
    ws_wide_to_utf8(w, ws_wcslen(w) + 1, NULL, 0, &bad);
    if (bad) {
        errno = EILSEQ;
        return NULL;
    }
    bool ascii;
    char *s = ws_utf8_dup(w, &ascii);
    if (!s)
        errno = ENOMEM;
    return s;
}
