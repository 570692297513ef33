/* Event objects: CreateEventA/W, CreateEventExA/W, OpenEventA/W, SetEvent,
 * ResetEvent, PulseEvent. */
#include "kernel32.h"
#include <stdlib.h>

#define CREATE_EVENT_MANUAL_RESET_ 1u
#define CREATE_EVENT_INITIAL_SET_ 2u

/* Creating one sets the last error: 0, or ERROR_ALREADY_EXISTS for a name
 * already in use, whose event is opened as it is (CreateEvent docs).  Names
 * are private to the process (docs/windows-vs-linux.md). */
static HANDLE create_event(struct ws_call *c, const WS_SECURITY_ATTRIBUTES *sa, bool manual, bool initial,
                           const char *name)
{
    ws_obj *o = ws_obj_new(WS_OBJ_EVENT, manual, initial);
    if (!o) {
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    return ws_k32_create(c, o, name, sa);
}

/* The W variants: the name as UTF-8, then the A shape. */
static HANDLE create_event_w(struct ws_call *c, const WS_SECURITY_ATTRIBUTES *sa, bool manual, bool initial,
                             const WCHAR *name)
{
    char *n = ws_name_from_wide(name);
    bool bad = name && !n; /* out of memory */
    HANDLE h = NULL;
    if (bad)
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
    else
        h = create_event(c, sa, manual, initial, n);
    free(n);
    return h;
}

WS2P_EXPORT HANDLE CreateEventA(WS_SECURITY_ATTRIBUTES *sa, BOOL manual, BOOL initial, const char *name)
{
    struct ws_call c = WS_CALL32("CreateEventA");
    HANDLE h = create_event(&c, sa, manual != 0, initial != 0, name);
    return WS_EXIT32(&c, h, "manual=%d, initial=%d, name=%s", manual, initial, name ? name : "NULL");
}

WS2P_EXPORT HANDLE CreateEventW(WS_SECURITY_ATTRIBUTES *sa, BOOL manual, BOOL initial, const WCHAR *name)
{
    struct ws_call c = WS_CALL32("CreateEventW");
    HANDLE h = create_event_w(&c, sa, manual != 0, initial != 0, name);
    return WS_EXIT32(&c, h, "manual=%d, initial=%d, name=%p", manual, initial, (const void *)name);
}

WS2P_EXPORT HANDLE CreateEventExA(WS_SECURITY_ATTRIBUTES *sa, const char *name, DWORD flags, DWORD access)
{
    struct ws_call c = WS_CALL32("CreateEventExA");
    (void)access;
    HANDLE h = create_event(&c, sa, flags & CREATE_EVENT_MANUAL_RESET_, flags & CREATE_EVENT_INITIAL_SET_, name);
    return WS_EXIT32(&c, h, "flags=%#x, name=%s", (unsigned)flags, name ? name : "NULL");
}

WS2P_EXPORT HANDLE CreateEventExW(WS_SECURITY_ATTRIBUTES *sa, const WCHAR *name, DWORD flags, DWORD access)
{
    struct ws_call c = WS_CALL32("CreateEventExW");
    (void)access;
    HANDLE h = create_event_w(&c, sa, flags & CREATE_EVENT_MANUAL_RESET_, flags & CREATE_EVENT_INITIAL_SET_, name);
    return WS_EXIT32(&c, h, "flags=%#x", (unsigned)flags);
}

WS2P_EXPORT HANDLE OpenEventA(DWORD access, BOOL inherit, const char *name)
{
    struct ws_call c = WS_CALL32("OpenEventA");
    HANDLE h = ws_k32_open(&c, WS_OBJ_EVENT, access, inherit, name);
    return WS_EXIT32(&c, h, "access=%#x, name=%s", (unsigned)access, name ? name : "NULL");
}

WS2P_EXPORT HANDLE OpenEventW(DWORD access, BOOL inherit, const WCHAR *name)
{
    struct ws_call c = WS_CALL32("OpenEventW");
    HANDLE h = ws_k32_open_w(&c, WS_OBJ_EVENT, access, inherit, name);
    return WS_EXIT32(&c, h, "access=%#x, name=%p", (unsigned)access, (const void *)name);
}

/* The shape of SetEvent and ResetEvent. */
static BOOL event_op(struct ws_call *c, HANDLE h, void (*op)(ws_obj *))
{
    ws_obj *o = ws_handle_get(h, WS_OBJ_EVENT);
    if (!o) {
        ws_fail(c, ERROR_INVALID_HANDLE);
        return 0;
    }
    op(o);
    ws_obj_unref(o);
    return 1;
}

WS2P_EXPORT BOOL SetEvent(HANDLE h)
{
    struct ws_call c = WS_CALL32("SetEvent");
    BOOL ret = event_op(&c, h, ws_obj_signal);
    return WS_EXIT32(&c, ret, "h=%p", h);
}

WS2P_EXPORT BOOL ResetEvent(HANDLE h)
{
    struct ws_call c = WS_CALL32("ResetEvent");
    BOOL ret = event_op(&c, h, ws_obj_reset);
    return WS_EXIT32(&c, ret, "h=%p", h);
}

/* The threads blocked on the event now are released (all of them for a
 * manual-reset event, one for an auto-reset one) and the event is left
 * reset, whatever its state was (PulseEvent docs).  A thread that starts
 * waiting after the call is not released. */
WS2P_EXPORT BOOL PulseEvent(HANDLE h)
{
    struct ws_call c = WS_CALL32("PulseEvent");
    BOOL ret = event_op(&c, h, ws_obj_pulse);
    return WS_EXIT32(&c, ret, "h=%p", h);
}
