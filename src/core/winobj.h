/* Waitable kernel objects (threads, events) and the waits on them.
 *
 * A wait is one poll(): each object contributes an eventfd, and each socket
 * registered with an event object through WSAEventSelect joins the same poll
 * (src/core/notify.c), so waiting costs no CPU and needs no helper
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
    /* message queues: the posted messages (src/user32/message.c), under lock */
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

/* Message queues (src/core/msgq.c).  A thread's queue is a manual-reset
 * object, signalled while it holds messages the thread has not looked at
 * yet, so GetMessage and MsgWaitForMultipleObjects are one ws_wait that also
 * polls the sockets registered to its windows. */
struct ws_sent;
struct ws_qmsg {
    HWND hwnd;
    UINT message;
    WPARAM wParam;
    LPARAM lParam;
    DWORD time;
    struct ws_sent *sent; /* a SendMessage from another thread, run (not returned) by the owner */
};
#define WS_QUEUE_LIMIT 10000 /* posted messages per queue, as on Windows (PostMessage docs) */
struct ws_msgq {
    struct ws_qmsg *items; /* items[head .. head + n) */
    unsigned head, n, cap;
    bool quit;             /* PostQuitMessage called, WM_QUIT not yet retrieved */
    int quit_code;
};
/* A SendMessage waiting for another thread's window procedure. */
struct ws_sent {
    LRESULT result;
    ws_obj *done;
};
ws_obj *ws_queue_self(void); /* the calling thread's queue, created on first use; NULL if out of memory */
ws_obj *ws_queue_of_thread(DWORD tid); /* referenced, or NULL if the thread has none */
bool ws_queue_post(ws_obj *q, const struct ws_qmsg *m); /* false (last error set) if the queue is gone or full */
void ws_queue_purge(ws_obj *q, HWND h); /* DestroyWindow: drop what is queued for h */
void ws_msgq_take(struct ws_msgq *mq, unsigned i); /* remove entry i (queue locked) */
/* Called with a thread's id when its queue goes (user32 sets it: the
 * thread's windows go with it). */
extern void (*ws_queue_exit_hook)(DWORD tid);

/* What the core knows of a window: user32's struct ws_window starts with
 * it.  WSAAsyncSelect registrations hold a reference and post through it. */
struct ws_wincore {
    _Atomic int refs;   /* the table's reference + registrations + calls */
    HWND h;
    _Atomic bool destroyed;
    ws_obj *queue;      /* the owning thread's queue, referenced */
    void (*release)(struct ws_wincore *w); /* user32 frees the window */
};
void ws_wincore_ref(struct ws_wincore *w);
void ws_wincore_unref(struct ws_wincore *w);
/* Post to the window's queue; false if the window is gone. */
bool ws_wincore_post(struct ws_wincore *w, UINT msg, WPARAM wp, LPARAM lp);
/* user32 (src/user32/window.c): the window behind h, referenced, or NULL. */
struct ws_wincore *ws_window_core_get(HWND h);

/* Event-select's part in a wait (src/core/notify.c): add the event's
 * member sockets to the poll set (taking a reference on each; at most room
 * entries; called with the event locked), and hand back what poll said. */
size_t ws_evsel_collect(ws_obj *ev, struct pollfd *pfd, ws_sock **sks, size_t room, const int *skip, size_t nskip);
/* true if something new was recorded.  A socket that polls ready yet
 * records nothing (end of stream after FD_CLOSE, an ICMP error while FD_READ
 * waits for its recv) is skipped for the rest of that wait, which would
 * otherwise spin: poll() always reports POLLHUP and POLLERR. */
bool ws_evsel_polled(ws_sock *sk, short revents);
/* Registration and enumeration (src/core/notify.c), for WSAEventSelect,
 * WSAEnumNetworkEvents (src/ws2_32/event.c) and WSAAsyncSelect
 * (src/ws2_32/asyncselect.c). */
int ws_evsel_register(ws_sock *sk, ws_obj *ev, long mask);
int ws_evsel_register_window(ws_sock *sk, struct ws_wincore *win, UINT wmsg, long mask);
long ws_evsel_take(ws_sock *sk, int errors[]);
/* WaitForMultipleObjects and WSAWaitForMultipleEvents (src/kernel32/handle.c). */
DWORD ws_wait_handles(DWORD n, const HANDLE *h, BOOL all, DWORD ms, int type);
#endif
