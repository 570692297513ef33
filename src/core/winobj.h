/* Waitable kernel objects (threads, events) and the waits on them.
 *
 * A wait is one poll(): each object contributes an eventfd, and each socket
 * registered with an event object through WSAEventSelect joins the same poll
 * (src/api/eventselect.c), so waiting costs no CPU and needs no helper
 * thread.  The eventfd mirrors the signalled state only while some thread is
 * blocked on the object: a program that signals and consumes its own events
 * (the usual WSAEventSelect loop) makes no eventfd system call at all.
 * State changes happen under the object's own mutex; no global lock. */
#ifndef WS2P_WINOBJ_H
#define WS2P_WINOBJ_H
#include "core.h"
#include <poll.h>
#include <pthread.h>

enum ws_objtype { WS_OBJ_EVENT = 1, WS_OBJ_THREAD, WS_OBJ_QUEUE };
#define WS_OBJ_MAGIC 0x57534f42u

typedef struct ws_obj {
    uint32_t magic;
    enum ws_objtype type;
    _Atomic int refs;
    int efd;
    bool manual_reset;
    bool signalled;
    bool efd_set; /* the eventfd counter is non-zero (a signal or a kick) */
    int waiters;  /* threads blocked in poll() on efd */
    pthread_mutex_t lock;
    /* threads */
    DWORD exit_code;
    DWORD tid;
    /* events: sockets registered with WSAEventSelect (under lock); message
     * queues: sockets registered with WSAAsyncSelect to the thread's windows */
    SOCKET *members;
    unsigned nmembers, cmembers;
    /* message queues: the posted messages (src/win/message.c), under lock */
    struct ws_msgq *msgq;
} ws_obj;

ws_obj *ws_obj_new(enum ws_objtype type, bool manual_reset, bool initial);
ws_obj *ws_obj_from(HANDLE h, int type); /* NULL (last error ERROR_INVALID_HANDLE) if not one; type 0 = any */
void ws_obj_unref(ws_obj *o);
void ws_obj_signal(ws_obj *o);
void ws_obj_reset(ws_obj *o);
/* Wake the object's blocked waiters without signalling it, so they look
 * again at what they wait for (a socket joined or left the event). */
void ws_obj_kick(ws_obj *o);

/* Wait for one (any) or all of n objects: WAIT_OBJECT_0 + index,
 * WAIT_TIMEOUT, or WAIT_FAILED with the last error set. */
DWORD ws_wait(ws_obj *const *objs, DWORD n, bool all, DWORD ms);

/* Windows and message queues (src/win/window.c, message.c).  A thread's
 * queue is a manual-reset object, signalled while it holds messages the
 * thread has not looked at yet, so GetMessage and MsgWaitForMultipleObjects
 * are one ws_wait that also polls the sockets registered to its windows. */
struct ws_window;
struct ws_window *ws_window_get(HWND h); /* referenced, or NULL if not a window */
void ws_window_ref(struct ws_window *w);
void ws_window_unref(struct ws_window *w);
ws_obj *ws_window_queue(struct ws_window *w); /* the owning thread's queue (not referenced) */
/* Post to the window's queue; false if the window is gone. */
bool ws_window_post(struct ws_window *w, UINT msg, WPARAM wp, LPARAM lp);

/* Event-select's part in a wait (src/api/eventselect.c): add the event's
 * member sockets to the poll set (taking a reference on each; at most room
 * entries; called with the event locked), and hand back what poll said. */
size_t ws_evsel_collect(ws_obj *ev, struct pollfd *pfd, ws_sock **sks, size_t room, const int *skip, size_t nskip);
/* true if something new was recorded.  A socket that polls ready yet
 * records nothing (end of stream after FD_CLOSE, an ICMP error while FD_READ
 * waits for its recv) is skipped for the rest of that wait, which would
 * otherwise spin: poll() always reports POLLHUP and POLLERR. */
bool ws_evsel_polled(ws_sock *sk, short revents);
/* Registration and enumeration (src/core/notify.c), for WSAEventSelect,
 * WSAEnumNetworkEvents (src/api/event.c) and WSAAsyncSelect
 * (src/api/asyncselect.c). */
struct ws_window;
int ws_evsel_register(ws_sock *sk, ws_obj *ev, long mask);
int ws_evsel_register_window(ws_sock *sk, struct ws_window *win, UINT wmsg, long mask);
long ws_evsel_take(ws_sock *sk, int errors[]);
/* WaitForMultipleObjects and WSAWaitForMultipleEvents (src/win/handle.c). */
DWORD ws_wait_handles(DWORD n, const HANDLE *h, BOOL all, DWORD ms, int type);
#endif
