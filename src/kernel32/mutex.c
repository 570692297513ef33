/* Mutex objects: CreateMutexA/W, CreateMutexExA/W, OpenMutexA/W,
 * ReleaseMutex.  Ownership, recursion and abandonment are the core wait's
 * rules (src/core/object.c): a wait takes an unowned mutex or counts one
 * more recursion for its owner; an owner that ends leaves it abandoned, and
 * the next wait that takes it returns WAIT_ABANDONED. */
#include "kernel32.h"
#include <stdlib.h>

#define CREATE_MUTEX_INITIAL_OWNER_ 0x1u

/* A name already in use opens that mutex: the initial ownership asked for
 * is not granted (CreateMutex docs). */
static HANDLE create_mutex(struct ws_call *c, const WS_SECURITY_ATTRIBUTES *sa, bool owner, const char *name)
{
    ws_obj *o = ws_obj_new(WS_OBJ_MUTEX, false, false);
    if (!o) {
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    HANDLE h = ws_k32_create(c, o, name, sa);
    if (h && owner && c->err == 0) {
        ws_obj *m = ws_handle_get(h, WS_OBJ_MUTEX);
        int err = ws_mutex_take(m);
        ws_obj_unref(m);
        if (err) {
            ws_handle_close(h);
            ws_fail(c, err);
            h = NULL;
        }
    }
    return h;
}

WS2P_EXPORT HANDLE CreateMutexA(WS_SECURITY_ATTRIBUTES *sa, BOOL owner, const char *name)
{
    struct ws_call c = WS_CALL32("CreateMutexA");
    HANDLE h = create_mutex(&c, sa, owner != 0, name);
    return WS_EXIT32(&c, h, "owner=%d, name=%s", owner, name ? name : "NULL");
}

WS2P_EXPORT HANDLE CreateMutexW(WS_SECURITY_ATTRIBUTES *sa, BOOL owner, const WCHAR *name)
{
    struct ws_call c = WS_CALL32("CreateMutexW");
    char *n = ws_name_from_wide(name);
    bool bad = name && !n; /* out of memory */
    HANDLE h = NULL;
    if (bad)
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    else
        h = create_mutex(&c, sa, owner != 0, n);
    HANDLE r = WS_EXIT32(&c, h, "owner=%d, name=%s", owner, n ? n : "NULL");
    free(n);
    return r;
}

WS2P_EXPORT HANDLE CreateMutexExA(WS_SECURITY_ATTRIBUTES *sa, const char *name, DWORD flags, DWORD access)
{
    struct ws_call c = WS_CALL32("CreateMutexExA");
    (void)access;
    HANDLE h = NULL;
    if (flags & ~CREATE_MUTEX_INITIAL_OWNER_)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else
        h = create_mutex(&c, sa, flags & CREATE_MUTEX_INITIAL_OWNER_, name);
    return WS_EXIT32(&c, h, "name=%s, flags=%#x", name ? name : "NULL", (unsigned)flags);
}

WS2P_EXPORT HANDLE CreateMutexExW(WS_SECURITY_ATTRIBUTES *sa, const WCHAR *name, DWORD flags, DWORD access)
{
    struct ws_call c = WS_CALL32("CreateMutexExW");
    (void)access;
    char *n = ws_name_from_wide(name);
    bool bad = name && !n; /* out of memory */
    HANDLE h = NULL;
    if (bad)
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    else if (flags & ~CREATE_MUTEX_INITIAL_OWNER_)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else
        h = create_mutex(&c, sa, flags & CREATE_MUTEX_INITIAL_OWNER_, n);
    HANDLE r = WS_EXIT32(&c, h, "name=%s, flags=%#x", n ? n : "NULL", (unsigned)flags);
    free(n);
    return r;
}

WS2P_EXPORT HANDLE OpenMutexA(DWORD access, BOOL inherit, const char *name)
{
    struct ws_call c = WS_CALL32("OpenMutexA");
    HANDLE h = ws_k32_open(&c, WS_OBJ_MUTEX, access, inherit, name);
    return WS_EXIT32(&c, h, "access=%#x, name=%s", (unsigned)access, name ? name : "NULL");
}

WS2P_EXPORT HANDLE OpenMutexW(DWORD access, BOOL inherit, const WCHAR *name)
{
    struct ws_call c = WS_CALL32("OpenMutexW");
    HANDLE h = ws_k32_open_w(&c, WS_OBJ_MUTEX, access, inherit, name);
    return WS_EXIT32(&c, h, "access=%#x, name=%p", (unsigned)access, (const void *)name);
}

/* ERROR_NOT_OWNER unless the calling thread owns it; each successful wait
 * by the owner needs one release. */
WS2P_EXPORT BOOL ReleaseMutex(HANDLE h)
{
    struct ws_call c = WS_CALL32("ReleaseMutex");
    BOOL ret = 0;
    ws_obj *o = ws_handle_get(h, WS_OBJ_MUTEX);
    if (!o)
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else {
        int err = ws_mutex_release(o);
        if (err)
            ws_fail(&c, err);
        ret = !err;
        ws_obj_unref(o);
    }
    return WS_EXIT32(&c, ret, "h=%p", h);
}
