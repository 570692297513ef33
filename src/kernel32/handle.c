/* The waitable-object model behind HANDLE: CloseHandle, WaitForSingleObject,
 * WaitForMultipleObjects, and the wait core they share with
 * WSAWaitForMultipleEvents. */
#include "winobj.h"

WS2P_EXPORT BOOL CloseHandle(HANDLE h)
{
    ws_obj *o = ws_obj_from(h, 0);
    if (!o)
        return 0;
    ws_obj_unref(o);
    return 1;
}

WS2P_EXPORT DWORD WaitForSingleObject(HANDLE h, DWORD ms)
{
    ws_obj *o = ws_obj_from(h, 0);
    if (!o)
        return (DWORD)WS_WAIT_FAILED;
    return ws_wait(&o, 1, false, ms);
}

WS2P_EXPORT DWORD WaitForMultipleObjects(DWORD n, const HANDLE *h, BOOL all, DWORD ms)
{
    return ws_wait_handles(n, h, all, ms, 0);
}
