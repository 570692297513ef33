/* Waitable kernel objects (threads, events).  Each object's signalled state
 * is mirrored by an eventfd (readable iff signalled), so a wait is a poll():
 * it costs no CPU while nothing happens, and later waits can put event
 * objects and sockets in one poll set.  State changes happen under the
 * object's own mutex; there is no global lock. */
#ifndef WS2P_WINOBJ_H
#define WS2P_WINOBJ_H
#include "core.h"
#include <pthread.h>

enum ws_objtype { WS_OBJ_EVENT = 1, WS_OBJ_THREAD };
#define WS_OBJ_MAGIC 0x57534f42u

typedef struct ws_obj {
    uint32_t magic;
    enum ws_objtype type;
    _Atomic int refs;
    int efd;
    bool manual_reset;
    bool signalled;
    pthread_mutex_t lock;
    /* threads */
    DWORD exit_code;
    DWORD tid;
} ws_obj;

ws_obj *ws_obj_new(enum ws_objtype type, bool manual_reset, bool initial);
ws_obj *ws_obj_from(HANDLE h, int type); /* NULL (ERROR_INVALID_HANDLE set) if not one; type 0 = any */
void ws_obj_unref(ws_obj *o);
void ws_obj_signal(ws_obj *o);
void ws_obj_reset(ws_obj *o);
/* Wait until signalled (consuming an auto-reset signal) or timeout:
 * WAIT_OBJECT_0, WAIT_TIMEOUT or WAIT_FAILED. */
DWORD ws_obj_wait(ws_obj *o, DWORD ms);
#endif
