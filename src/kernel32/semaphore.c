/* Semaphore objects: CreateSemaphoreA/W, CreateSemaphoreExA/W,
 * OpenSemaphoreA/W, ReleaseSemaphore.  A wait takes one count
 * (src/core/object.c). */
#include "kernel32.h"
#include <stdlib.h>

/* The counts are checked first: a negative initial count, a maximum below
 * one or an initial count above it is ERROR_INVALID_PARAMETER
 * (CreateSemaphore docs). */
static HANDLE create_semaphore(struct ws_call *c, const WS_SECURITY_ATTRIBUTES *sa, LONG initial, LONG max,
                               const char *name)
{
    if (max <= 0 || initial < 0 || initial > max) {
        ws_fail(c, ERROR_INVALID_PARAMETER);
        return NULL;
    }
    ws_obj *o = ws_obj_new(WS_OBJ_SEMAPHORE, false, false);
    if (!o) {
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    o->count = initial;
    o->max_count = max;
    return ws_k32_create(c, o, name, sa);
}

WS2P_EXPORT HANDLE CreateSemaphoreA(WS_SECURITY_ATTRIBUTES *sa, LONG initial, LONG max, const char *name)
{
    struct ws_call c = WS_CALL32("CreateSemaphoreA");
    HANDLE h = create_semaphore(&c, sa, initial, max, name);
    return WS_EXIT32(&c, h, "initial=%d, max=%d, name=%s", (int)initial, (int)max, name ? name : "NULL");
}

WS2P_EXPORT HANDLE CreateSemaphoreW(WS_SECURITY_ATTRIBUTES *sa, LONG initial, LONG max, const WCHAR *name)
{
    struct ws_call c = WS_CALL32("CreateSemaphoreW");
    char *n = ws_name_from_wide(name);
    bool bad = name && !n; /* out of memory */
    HANDLE h = NULL;
    if (bad)
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    else
        h = create_semaphore(&c, sa, initial, max, n);
    HANDLE r = WS_EXIT32(&c, h, "initial=%d, max=%d, name=%s", (int)initial, (int)max, n ? n : "NULL");
    free(n);
    return r;
}

/* flags is reserved and must be 0. */
WS2P_EXPORT HANDLE CreateSemaphoreExA(WS_SECURITY_ATTRIBUTES *sa, LONG initial, LONG max, const char *name,
                                      DWORD flags, DWORD access)
{
    struct ws_call c = WS_CALL32("CreateSemaphoreExA");
    (void)access;
    HANDLE h = NULL;
    if (flags)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else
        h = create_semaphore(&c, sa, initial, max, name);
    return WS_EXIT32(&c, h, "initial=%d, max=%d, name=%s", (int)initial, (int)max, name ? name : "NULL");
}

WS2P_EXPORT HANDLE CreateSemaphoreExW(WS_SECURITY_ATTRIBUTES *sa, LONG initial, LONG max, const WCHAR *name,
                                      DWORD flags, DWORD access)
{
    struct ws_call c = WS_CALL32("CreateSemaphoreExW");
    (void)access;
    char *n = ws_name_from_wide(name);
    bool bad = name && !n; /* out of memory */
    HANDLE h = NULL;
    if (bad)
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    else if (flags)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else
        h = create_semaphore(&c, sa, initial, max, n);
    HANDLE r = WS_EXIT32(&c, h, "initial=%d, max=%d, name=%s", (int)initial, (int)max, n ? n : "NULL");
    free(n);
    return r;
}

WS2P_EXPORT HANDLE OpenSemaphoreA(DWORD access, BOOL inherit, const char *name)
{
    struct ws_call c = WS_CALL32("OpenSemaphoreA");
    HANDLE h = ws_k32_open(&c, WS_OBJ_SEMAPHORE, access, inherit, name);
    return WS_EXIT32(&c, h, "access=%#x, name=%s", (unsigned)access, name ? name : "NULL");
}

WS2P_EXPORT HANDLE OpenSemaphoreW(DWORD access, BOOL inherit, const WCHAR *name)
{
    struct ws_call c = WS_CALL32("OpenSemaphoreW");
    HANDLE h = ws_k32_open_w(&c, WS_OBJ_SEMAPHORE, access, inherit, name);
    return WS_EXIT32(&c, h, "access=%#x, name=%p", (unsigned)access, (const void *)name);
}

/* A count of zero or less is ERROR_INVALID_PARAMETER; one that would pass
 * the maximum is ERROR_TOO_MANY_POSTS and changes nothing. */
WS2P_EXPORT BOOL ReleaseSemaphore(HANDLE h, LONG n, LONG *prev)
{
    struct ws_call c = WS_CALL32("ReleaseSemaphore");
    BOOL ret = 0;
    ws_obj *o = ws_handle_get(h, WS_OBJ_SEMAPHORE);
    if (!o)
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else {
        int err = ws_semaphore_release(o, n, prev);
        if (err)
            ws_fail(&c, err);
        ret = !err;
        ws_obj_unref(o);
    }
    return WS_EXIT32(&c, ret, "h=%p, n=%d, prev=%d", h, (int)n, ret && prev ? (int)*prev : -1);
}
