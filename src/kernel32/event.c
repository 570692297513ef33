/* Event objects: CreateEventA/W, CreateEventExA/W, SetEvent, ResetEvent
 * (PulseEvent comes with the synchronisation family). */
#include "winobj.h"

#define CREATE_EVENT_MANUAL_RESET_ 1u
#define CREATE_EVENT_INITIAL_SET_ 2u

/* Named events would be shared between processes; here a name is accepted
 * and the event is private to the process (docs/windows-vs-linux.md).
 * Creating one sets the last error: 0, or ERROR_ALREADY_EXISTS for a name
 * already in use (CreateEvent docs). */
static HANDLE create_event(struct ws_call *c, bool manual, bool initial)
{
    HANDLE h = NULL;
    ws_obj *o = ws_obj_new(WS_OBJ_EVENT, manual, initial);
    if (!o)
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
    else {
        h = ws_handle_new(o);
        ws_fail(c, h ? 0 : (int)ws_last_error);
        ws_obj_unref(o);
    }
    return h;
}

WS2P_EXPORT HANDLE CreateEventA(WS_SECURITY_ATTRIBUTES *sa, BOOL manual, BOOL initial, const char *name)
{
    struct ws_call c = WS_CALL32("CreateEventA");
    (void)sa;
    HANDLE h = create_event(&c, manual != 0, initial != 0);
    return WS_EXIT32(&c, h, "manual=%d, initial=%d, name=%s", manual, initial, name ? name : "NULL");
}

WS2P_EXPORT HANDLE CreateEventW(WS_SECURITY_ATTRIBUTES *sa, BOOL manual, BOOL initial, const WCHAR *name)
{
    struct ws_call c = WS_CALL32("CreateEventW");
    (void)sa;
    HANDLE h = create_event(&c, manual != 0, initial != 0);
    return WS_EXIT32(&c, h, "manual=%d, initial=%d, name=%p", manual, initial, (const void *)name);
}

WS2P_EXPORT HANDLE CreateEventExA(WS_SECURITY_ATTRIBUTES *sa, const char *name, DWORD flags, DWORD access)
{
    struct ws_call c = WS_CALL32("CreateEventExA");
    (void)sa, (void)access, (void)name;
    HANDLE h = create_event(&c, flags & CREATE_EVENT_MANUAL_RESET_, flags & CREATE_EVENT_INITIAL_SET_);
    return WS_EXIT32(&c, h, "flags=%#x", (unsigned)flags);
}

WS2P_EXPORT HANDLE CreateEventExW(WS_SECURITY_ATTRIBUTES *sa, const WCHAR *name, DWORD flags, DWORD access)
{
    struct ws_call c = WS_CALL32("CreateEventExW");
    (void)sa, (void)access, (void)name;
    HANDLE h = create_event(&c, flags & CREATE_EVENT_MANUAL_RESET_, flags & CREATE_EVENT_INITIAL_SET_);
    return WS_EXIT32(&c, h, "flags=%#x", (unsigned)flags);
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
