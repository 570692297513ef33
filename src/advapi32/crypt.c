/* Random numbers: SystemFunction036 (RtlGenRandom), CryptAcquireContextA/W,
 * CryptGenRandom, CryptReleaseContext.  Every provider type and name
 * Windows installs is accepted; a provider context here only makes random
 * bytes (the kernel's generator), so key containers are not kept: any
 * container opens, CRYPT_NEWKEYSET and CRYPT_DELETEKEYSET succeed
 * (docs/windows-vs-linux.md).  Facts from Wine's advapi32/tests/crypt.c. */
#include "fileobj.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PROV_RSA_FULL_ 1
#define PROV_DSS_ 3
#define PROV_RSA_SCHANNEL_ 12
#define PROV_DSS_DH_ 13
#define PROV_DH_SCHANNEL_ 18
#define PROV_RSA_AES_ 24
#define CRYPT_FLAGS_ (0xF0000000u | 0x08 | 0x10 | 0x20 | 0x40 | 0x80) /* VERIFYCONTEXT ... DEFAULT_CONTAINER_OPTIONAL */
#define CRYPT_DELETEKEYSET_ 0x10u

/* The providers Windows installs, with their types (wincrypt.h MS_*_PROV). */
static const struct {
    const char *name;
    DWORD type;
} providers[] = {
    {"Microsoft Base Cryptographic Provider v1.0", PROV_RSA_FULL_},
    {"Microsoft Enhanced Cryptographic Provider v1.0", PROV_RSA_FULL_},
    {"Microsoft Strong Cryptographic Provider", PROV_RSA_FULL_},
    {"Microsoft Base DSS Cryptographic Provider", PROV_DSS_},
    {"Microsoft RSA SChannel Cryptographic Provider", PROV_RSA_SCHANNEL_},
    {"Microsoft Base DSS and Diffie-Hellman Cryptographic Provider", PROV_DSS_DH_},
    {"Microsoft Enhanced DSS and Diffie-Hellman Cryptographic Provider", PROV_DSS_DH_},
    {"Microsoft DH SChannel Cryptographic Provider", PROV_DH_SCHANNEL_},
    {"Microsoft Enhanced RSA and AES Cryptographic Provider", PROV_RSA_AES_},
};

WS2P_EXPORT BOOLEAN SystemFunction036(void *buf, ULONG n)
{
    struct ws_call c = WS_CALL32("SystemFunction036");
    int e = n ? ws_random(buf, n) : 0;
    if (e)
        ws_fail_errno32(&c, "getrandom", e);
    return WS_EXIT32(&c, (BOOLEAN)(e == 0), "buf=%p, n=%u", buf, (unsigned)n);
}

/* A provider context: a handle table object (WS_OBJ_OTHER), known by its
 * destroy function. */
static void prov_destroy(ws_obj *o)
{
    (void)o;
}

static ws_obj *prov_get(ULONG_PTR h)
{
    ws_obj *o = ws_handle_get((HANDLE)h, WS_OBJ_OTHER);
    if (o && o->destroy != prov_destroy) {
        ws_obj_unref(o);
        o = NULL;
    }
    return o;
}

/* Windows' order: the type, the provider, the flags (test_acquire_context). */
static BOOL acquire(struct ws_call *c, ULONG_PTR *ph, const char *provider, DWORD type, DWORD flags)
{
    if (ws_bad_ptr(ph)) {
        ws_fail(c, ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (type == 0 || type >= 1000) {
        ws_fail(c, NTE_BAD_PROV_TYPE);
        return 0;
    }
    bool type_known = false, name_known = !provider || !*provider;
    for (size_t i = 0; i < sizeof providers / sizeof providers[0]; i++) {
        type_known |= providers[i].type == type;
        if (provider && *provider && !strcasecmp(provider, providers[i].name)) {
            name_known = true;
            if (providers[i].type != type) {
                ws_fail(c, NTE_PROV_TYPE_NO_MATCH);
                return 0;
            }
        }
    }
    if (!name_known) {
        ws_fail(c, NTE_KEYSET_NOT_DEF);
        return 0;
    }
    if (!type_known) {
        ws_fail(c, NTE_PROV_TYPE_NOT_DEF);
        return 0;
    }
    if (flags & ~CRYPT_FLAGS_) {
        ws_fail(c, NTE_BAD_FLAGS);
        return 0;
    }
    if (flags & CRYPT_DELETEKEYSET_) { /* nothing kept, nothing to delete; no context comes back */
        *ph = 0;
        return 1;
    }
    ws_obj *o = ws_obj_new(WS_OBJ_OTHER, true, false);
    HANDLE h = NULL;
    if (o) {
        o->destroy = prov_destroy;
        h = ws_handle_new(o);
        ws_obj_unref(o);
    }
    if (!h) {
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    *ph = (ULONG_PTR)h;
    return 1;
}

WS2P_EXPORT BOOL CryptAcquireContextA(ULONG_PTR *ph, const char *container, const char *provider, DWORD type,
                                      DWORD flags)
{
    struct ws_call c = WS_CALL32("CryptAcquireContextA");
    BOOL ret = acquire(&c, ph, provider, type, flags);
    return WS_EXIT32(&c, ret, "container=%s, provider=%s, type=%u, flags=%#x", container ? container : "NULL",
                     provider ? provider : "NULL", (unsigned)type, (unsigned)flags);
}

WS2P_EXPORT BOOL CryptAcquireContextW(ULONG_PTR *ph, const WCHAR *container, const WCHAR *provider, DWORD type,
                                      DWORD flags)
{
    struct ws_call c = WS_CALL32("CryptAcquireContextW");
    char *p = provider ? ws_name_from_wide(provider) : NULL;
    BOOL ret = 0;
    if (provider && !p)
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    else
        ret = acquire(&c, ph, p, type, flags);
    free(p);
    return WS_EXIT32(&c, ret, "container=%ls, provider=%ls, type=%u, flags=%#x", container ? container : L"NULL",
                     provider ? provider : L"NULL", (unsigned)type, (unsigned)flags);
}

/* A context released (or never made) is ERROR_INVALID_PARAMETER; non-zero
 * flags fail with NTE_BAD_FLAGS after releasing it (CryptReleaseContext
 * docs). */
WS2P_EXPORT BOOL CryptReleaseContext(ULONG_PTR h, DWORD flags)
{
    struct ws_call c = WS_CALL32("CryptReleaseContext");
    ws_obj *o = prov_get(h);
    BOOL ret = 0;
    if (!o)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else {
        ws_obj_unref(o);
        ws_handle_close((HANDLE)h);
        if (flags)
            ws_fail(&c, NTE_BAD_FLAGS);
        else
            ret = 1;
    }
    return WS_EXIT32(&c, ret, "prov=%#lx, flags=%#x", (unsigned long)h, (unsigned)flags);
}

WS2P_EXPORT BOOL CryptGenRandom(ULONG_PTR h, DWORD n, BYTE *buf)
{
    struct ws_call c = WS_CALL32("CryptGenRandom");
    ws_obj *o = prov_get(h);
    BOOL ret = 0;
    int e;
    if (!o)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else if (n && ws_bad_ptr(buf))
        ws_fail(&c, ERROR_NOACCESS);
    else if ((e = n ? ws_random(buf, n) : 0) != 0)
        ws_fail_errno32(&c, "getrandom", e);
    else
        ret = 1;
    if (o)
        ws_obj_unref(o);
    return WS_EXIT32(&c, ret, "prov=%#lx, n=%u", (unsigned long)h, (unsigned)n);
}
