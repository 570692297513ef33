/* Creating and opening named objects: the shared part of CreateEvent,
 * CreateMutex, CreateSemaphore, CreateWaitableTimer and their Open*
 * functions.  The names live in the core (src/core/names.c), private to the
 * process. */
#include "kernel32.h"
#include <stdlib.h>
#include <string.h>

static HANDLE handle_for(struct ws_call *c, ws_obj *o, bool inherit)
{
    HANDLE h = ws_handle_new(o);
    if (!h)
        ws_fail(c, (int)ws_last_error);
    else if (inherit)
        ws_handle_set_flags(h, WS_HANDLE_FLAG_INHERIT, WS_HANDLE_FLAG_INHERIT);
    return h;
}

HANDLE ws_k32_create(struct ws_call *c, ws_obj *o, const char *name, const WS_SECURITY_ATTRIBUTES *sa)
{
    bool inherit = sa && sa->bInheritHandle;
    HANDLE h = NULL;
    ws_obj *old = NULL;
    bool ok = true;
    if (name && *name)
        old = ws_name_create(o, name, &ok);
    if (!ok)
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
    else if (old && old->type != o->type)
        ws_fail(c, ERROR_INVALID_HANDLE);
    else if ((h = handle_for(c, old ? old : o, inherit)) != NULL)
        ws_fail(c, old ? ERROR_ALREADY_EXISTS : 0);
    if (old)
        ws_obj_unref(old);
    ws_obj_unref(o);
    return h;
}

HANDLE ws_k32_open(struct ws_call *c, int type, DWORD access, BOOL inherit, const char *name)
{
    HANDLE h = NULL;
    ws_obj *o = NULL;
    if (!name)
        ws_fail(c, ERROR_INVALID_PARAMETER);
    else if (!(o = ws_name_open(name)))
        ws_fail(c, ERROR_FILE_NOT_FOUND);
    else if ((int)o->type != type)
        ws_fail(c, ERROR_INVALID_HANDLE);
    else if (!access) /* no right asked for is no right granted (Wine's OpenMutex tests) */
        ws_fail(c, ERROR_ACCESS_DENIED);
    else
        h = handle_for(c, o, inherit != 0);
    if (o)
        ws_obj_unref(o);
    return h;
}

/* The Open*W functions: the name as UTF-8, then ws_k32_open. */
HANDLE ws_k32_open_w(struct ws_call *c, int type, DWORD access, BOOL inherit, const WCHAR *name)
{
    char *n = ws_name_from_wide(name);
    HANDLE h = NULL;
    if (name && !n)
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
    else
        h = ws_k32_open(c, type, access, inherit, n);
    free(n);
    return h;
}
