/* Event objects: CreateEventA/W, SetEvent, ResetEvent. */
#include "winobj.h"

static HANDLE create_event(BOOL manual, BOOL initial)
{
    ws_obj *o = ws_obj_new(WS_OBJ_EVENT, manual != 0, initial != 0);
    if (!o) {
        ws_last_error = ERROR_NOT_ENOUGH_MEMORY;
        return NULL;
    }
    /* Named events would be shared between processes; here a name is
     * accepted and the event is private to the process. */
    ws_last_error = 0;
    return o;
}

WS2P_EXPORT HANDLE CreateEventA(WS_SECURITY_ATTRIBUTES *sa, BOOL manual, BOOL initial, const char *name)
{
    (void)sa, (void)name;
    return create_event(manual, initial);
}

WS2P_EXPORT HANDLE CreateEventW(WS_SECURITY_ATTRIBUTES *sa, BOOL manual, BOOL initial, const WCHAR *name)
{
    (void)sa, (void)name;
    return create_event(manual, initial);
}

WS2P_EXPORT BOOL SetEvent(HANDLE h)
{
    ws_obj *o = ws_obj_from(h, WS_OBJ_EVENT);
    if (!o)
        return 0;
    ws_obj_signal(o);
    return 1;
}

WS2P_EXPORT BOOL ResetEvent(HANDLE h)
{
    ws_obj *o = ws_obj_from(h, WS_OBJ_EVENT);
    if (!o)
        return 0;
    ws_obj_reset(o);
    return 1;
}
