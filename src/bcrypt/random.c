/* bcrypt.dll's random numbers: BCryptGenRandom, and BCryptOpenAlgorithmProvider
 * / BCryptCloseAlgorithmProvider for the RNG algorithm (the only one here:
 * any other is STATUS_NOT_FOUND).  The kernel's generator.  These return
 * NTSTATUS and leave the last error alone.  Facts from Wine's
 * bcrypt/tests/bcrypt.c (test_BCryptGenRandom). */
#include "fileobj.h"
#include "engine.h"
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define USE_ENTROPY_IN_BUFFER_ 0x1u
#define USE_SYSTEM_PREFERRED_RNG_ 0x2u
#define RNG_ALG_HANDLE_ ((void *)(uintptr_t)0x81) /* BCRYPT_RNG_ALG_HANDLE, a pseudo-handle */

static void alg_destroy(ws_obj *o)
{
    (void)o;
}

/* An algorithm handle BCryptOpenAlgorithmProvider made (referenced), or NULL. */
static ws_obj *alg_get(void *h)
{
    ws_obj *o = h ? ws_handle_get(h, WS_OBJ_OTHER) : NULL;
    if (o && o->destroy != alg_destroy) {
        ws_obj_unref(o);
        o = NULL;
    }
    return o;
}

WS2P_EXPORT LONG BCryptOpenAlgorithmProvider(void **ph, const WCHAR *alg, const WCHAR *impl, ULONG flags)
{
    struct ws_call c = WS_CALL32("BCryptOpenAlgorithmProvider");
    (void)impl;
    uint32_t st = WS_STATUS_SUCCESS;
    if (ws_bad_ptr(ph) || ws_bad_ptr(alg))
        st = WS_STATUS_INVALID_PARAMETER;
    else if (wcscmp(alg, L"RNG"))
        st = WS_STATUS_NOT_FOUND;
    else if (flags & ~0x8u) /* BCRYPT_ALG_HANDLE_HMAC_FLAG: none other means anything for an RNG */
        st = WS_STATUS_INVALID_PARAMETER;
    else {
        ws_obj *o = ws_obj_new(WS_OBJ_OTHER, true, false);
        HANDLE h = NULL;
        if (o) {
            o->destroy = alg_destroy;
            h = ws_handle_new(o);
            ws_obj_unref(o);
        }
        if (h)
            *ph = h;
        else
            st = WS_STATUS_NO_MEMORY;
    }
    return (LONG)WS_EXIT_RC(&c, st, "alg=%ls, handle=%p", alg && !ws_bad_ptr(alg) ? alg : L"NULL",
                            st == WS_STATUS_SUCCESS ? *ph : NULL);
}

WS2P_EXPORT LONG BCryptCloseAlgorithmProvider(void *h, ULONG flags)
{
    struct ws_call c = WS_CALL32("BCryptCloseAlgorithmProvider");
    ws_obj *o = alg_get(h);
    uint32_t st = WS_STATUS_SUCCESS;
    if (!o)
        st = WS_STATUS_INVALID_HANDLE;
    else {
        ws_obj_unref(o);
        ws_handle_close(h);
        if (flags)
            st = WS_STATUS_INVALID_PARAMETER;
    }
    return (LONG)WS_EXIT_RC(&c, st, "handle=%p", h);
}

/* No algorithm handle needs BCRYPT_USE_SYSTEM_PREFERRED_RNG (else
 * STATUS_INVALID_HANDLE, checked first); with it a handle is
 * STATUS_INVALID_PARAMETER; no buffer for a non-zero size is
 * STATUS_INVALID_PARAMETER.  BCRYPT_RNG_USE_ENTROPY_IN_BUFFER is accepted
 * (the kernel's generator needs no help). */
WS2P_EXPORT LONG BCryptGenRandom(void *h, UCHAR *buf, ULONG n, ULONG flags)
{
    struct ws_call c = WS_CALL32("BCryptGenRandom");
    ws_obj *o = h && h != RNG_ALG_HANDLE_ ? alg_get(h) : NULL;
    uint32_t st = WS_STATUS_SUCCESS;
    int e;
    if (flags & ~(USE_ENTROPY_IN_BUFFER_ | USE_SYSTEM_PREFERRED_RNG_))
        st = WS_STATUS_INVALID_PARAMETER;
    else if (flags & USE_SYSTEM_PREFERRED_RNG_ ? h != NULL : !o && h != RNG_ALG_HANDLE_)
        st = (flags & USE_SYSTEM_PREFERRED_RNG_) ? WS_STATUS_INVALID_PARAMETER : WS_STATUS_INVALID_HANDLE;
    else if (n && ws_bad_ptr(buf))
        st = WS_STATUS_INVALID_PARAMETER;
    else if ((e = n ? ws_random(buf, n) : 0) != 0) {
        c.sys = "getrandom", c.sys_errno = e;
        st = WS_STATUS_NO_MEMORY;
    }
    if (o)
        ws_obj_unref(o);
    return (LONG)WS_EXIT_RC(&c, st, "handle=%p, n=%u, flags=%#x", h, (unsigned)n, (unsigned)flags);
}
