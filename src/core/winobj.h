/* Waitable kernel objects (events, threads, mutexes, semaphores, timers,
 * message queues), the handle table, per-thread state and the waits.
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
#include <sys/syscall.h>
#include <time.h>

/* The blocking calls TerminateThread can cancel a thread in (the waits,
 * Sleep).  Under ThreadSanitizer a cancellation that unwinds through its
 * interceptor of the call leaves the thread's interceptors switched off, so
 * what the thread then does on its way out (releasing its objects, under
 * locks) is reported as races: those builds make the raw system call under
 * asynchronous cancellation instead, the same cancellation point without
 * the interceptor (src/core/thread.c). */
#if defined(__SANITIZE_THREAD__)
int ws_tsan_poll(struct pollfd *p, nfds_t n, int ms);
int ws_tsan_nanosleep(const struct timespec *ts, struct timespec *rem);
#define ws_cancel_poll ws_tsan_poll
#define ws_cancel_nanosleep ws_tsan_nanosleep
#else
#define ws_cancel_poll poll
#define ws_cancel_nanosleep nanosleep
#endif

/* Object types.  Waitable ones are satisfied by the rules of ws_wait
 * (object.c): events and timers when signalled (auto-reset ones are reset
 * by the wait they satisfy), threads and processes once they end, mutexes
 * when unowned or owned by the waiter, semaphores while their count is
 * above zero.  The others (files, ports, modules, ...) live in the handle
 * table only. */
enum ws_objtype {
    WS_OBJ_EVENT = 1, WS_OBJ_THREAD, WS_OBJ_QUEUE, WS_OBJ_MUTEX, WS_OBJ_SEMAPHORE, WS_OBJ_TIMER,
    WS_OBJ_PROCESS, WS_OBJ_FILE, WS_OBJ_PORT, WS_OBJ_MODULE, WS_OBJ_MAPPING, WS_OBJ_FIND,
    WS_OBJ_OTHER, WS_OBJ_NTYPES
};

struct ws_apc;
typedef struct ws_obj ws_obj;
struct ws_obj {
    enum ws_objtype type;
    _Atomic int refs;
    pthread_mutex_t lock; /* every field below */
    int efd;              /* eventfd, created when a first waiter blocks; -1 until then */
    bool manual_reset;
    bool signalled;
    bool efd_set;         /* the eventfd counter is non-zero (a signal or a kick) */
    bool abandoned;       /* mutex: its owner ended while holding it */
    int waiters;          /* threads blocked in poll() on efd */
    /* PulseEvent: the waiters blocked at the pulse (those that joined under
     * an older generation) may still take pulse_left releases. */
    unsigned pulse_gen;
    int pulse_left;
    /* mutexes: owner thread id (0 = free) and recursion count; semaphores:
     * count and maximum */
    DWORD owner;
    LONG count, max_count;
    ws_obj *next_owned;   /* mutex: in its owner's list (struct ws_thread) */
    /* An object whose state changes outside any thread's call (a timer):
     * its own descriptor, polled by waits, and refresh() (lock held) to
     * bring signalled up to date when it is readable or before a test. */
    int extfd;
    void (*refresh)(ws_obj *o);
    /* A subclass (files, ports, ...) allocates a larger object with this one
     * first and frees its own parts here, before the object goes. */
    void (*destroy)(ws_obj *o);
    /* The object's last handle was closed (references may remain). */
    void (*last_handle)(ws_obj *o);
    _Atomic int handles;
    /* threads */
    DWORD exit_code;
    DWORD tid;
    struct ws_thread *thread; /* the thread's state while it runs (under lock) */
    int priority;             /* as SetThreadPriority set it (under lock) */
    WCHAR *description;       /* SetThreadDescription's copy, NULL = "" (under lock) */
    /* named objects (src/core/names.c): the name, NULL for none */
    char *name;
    /* events: sockets registered with WSAEventSelect (under lock); message
     * queues: sockets registered with WSAAsyncSelect to the thread's windows */
    SOCKET *members;
    unsigned nmembers, cmembers;
    /* message queues: the posted messages (src/core/msgq.c), under lock */
    struct ws_msgq *msgq;
    /* I/O contexts holding requests that will signal this object: a wait
     * on it polls them too (src/core/io.c), under lock. */
#define WS_OBJ_IOCTX 4
    struct ws_ioctx *ioctx[WS_OBJ_IOCTX];
    uint16_t ioctx_n[WS_OBJ_IOCTX];
};

/* A new object with one reference (size >= sizeof(ws_obj) for a subclass),
 * or NULL (out of memory). */
ws_obj *ws_obj_alloc(enum ws_objtype type, size_t size, bool manual_reset, bool initial);
static inline ws_obj *ws_obj_new(enum ws_objtype type, bool manual_reset, bool initial)
{
    return ws_obj_alloc(type, sizeof(ws_obj), manual_reset, initial);
}
static inline void ws_obj_ref(ws_obj *o)
{
    atomic_fetch_add_explicit(&o->refs, 1, memory_order_relaxed);
}
void ws_obj_unref(ws_obj *o);
/* A reference unless the object is already going (refs at 0): for lookups
 * through weak links (names, a thread's APC sources). */
bool ws_obj_tryref(ws_obj *o);
void ws_obj_signal(ws_obj *o);
void ws_obj_reset(ws_obj *o);
/* The same with o->lock held, for a caller that changes more of the
 * object in the same locked section (src/core/io.c: a completion's context
 * leaves the event it signals). */
void ws_obj_signal_locked(ws_obj *o);
void ws_obj_reset_locked(ws_obj *o);
/* PulseEvent: release the threads blocked on the event now (all of them
 * for a manual-reset event, one for an auto-reset one) and leave it reset. */
void ws_obj_pulse(ws_obj *o);
/* Wake the object's blocked waiters without signalling it, so they look
 * again at what they wait for (a socket joined or left the event). */
void ws_obj_kick(ws_obj *o);
/* The state changed in a way that may satisfy a waiter (lock held): wake
 * blocked waiters so they look again. */
void ws_obj_wake_locked(ws_obj *o);
/* ReleaseMutex / ReleaseSemaphore: 0 or the Win32 error
 * (ERROR_NOT_OWNER, ERROR_TOO_MANY_POSTS). */
int ws_mutex_release(ws_obj *o);
int ws_semaphore_release(ws_obj *o, LONG n, LONG *prev);
/* Make a new mutex owned by the calling thread (CreateMutex's initial
 * owner): 0 or ERROR_NOT_ENOUGH_MEMORY. */
int ws_mutex_take(ws_obj *o);

/* Eventfd signalling.  These run inside object locks, so they are raw
 * system calls: glibc's read() and write() are thread-cancellation points,
 * and TerminateThread cancels a thread at its next one (src/kernel32/thread.c). */
void ws_efd_post(int fd);
void ws_efd_clear(int fd);

/* Wait for one (any) or all of n objects: WAIT_OBJECT_0 + index,
 * WAIT_ABANDONED_0 + index (a mutex whose owner ended), WAIT_TIMEOUT,
 * WAIT_IO_COMPLETION (alertable, APCs ran), or WAIT_FAILED with the last
 * error set.  n may be 0 (an alertable sleep). */
DWORD ws_wait_ex(ws_obj *const *objs, DWORD n, bool all, DWORD ms, bool alertable);
static inline DWORD ws_wait(ws_obj *const *objs, DWORD n, bool all, DWORD ms)
{
    return ws_wait_ex(objs, n, all, ms, false);
}

/* ---- the handle table (src/core/handle.c) ------------------------------- */
/* HANDLE values.  A SOCKET is its descriptor number (below WS_SOCKET_LIMIT)
 * and is a HANDLE too, as on Windows (CloseHandle, ReadFile, ...).  An
 * object handle is WS_HANDLE_TAG | generation << 22 | index << 2: a
 * multiple of 4 below 2^31 as Windows' are, never a descriptor number, and a
 * closed handle's value is not handed out again until its slot has been
 * reused 256 times.  (HANDLE)-1 .. -6 are Windows' pseudo-handles. */
#define WS_SOCKET_LIMIT ((uintptr_t)WS_MAX_PAGES * WS_PAGE_SIZE)
#define WS_HANDLE_TAG 0x40000000u
#define WS_PSEUDO_PROCESS ((HANDLE)(intptr_t)-1)
#define WS_PSEUDO_THREAD ((HANDLE)(intptr_t)-2)
static inline bool ws_handle_is_socket(HANDLE h)
{
    return (uintptr_t)h < WS_SOCKET_LIMIT;
}
/* A new handle to o (which gains a reference), or NULL with the last error
 * set (ERROR_NOT_ENOUGH_MEMORY / ERROR_NO_SYSTEM_RESOURCES). */
HANDLE ws_handle_new(ws_obj *o);
/* The object behind h, referenced, or NULL if h is not a live handle of
 * that type (type 0: any).  Sets no error: callers report their own. */
ws_obj *ws_handle_get(HANDLE h, int type);
/* ws_handle_get that also resolves the current thread and process
 * pseudo-handles, or NULL with ERROR_INVALID_HANDLE as the last error. */
ws_obj *ws_handle_obj(HANDLE h, int type);
/* CloseHandle of an object handle: 0, or ERROR_INVALID_HANDLE. */
int ws_handle_close(HANDLE h);
/* HANDLE_FLAG_INHERIT (1) / HANDLE_FLAG_PROTECT_FROM_CLOSE (2). */
int ws_handle_flags(HANDLE h, DWORD *flags);
int ws_handle_set_flags(HANDLE h, DWORD mask, DWORD flags);

/* ---- per-thread state (src/core/thread.c) ------------------------------- */
/* One struct ws_thread per thread that needed more than the last error: the
 * thread's object (what WaitForSingleObject on its handle waits for; created
 * on first need for threads the library did not start), its APC queue, the
 * mutexes it owns.  It lives until the thread ends, and other threads reach
 * it through the object (under the object's lock) to queue APCs. */
struct ws_apc {
    struct ws_apc *next;
    void (*run)(struct ws_apc *a);     /* in the thread, inside an alertable wait */
    void (*discard)(struct ws_apc *a); /* the thread ended first (may be NULL) */
};
struct ws_thread {
    ws_obj *obj;                       /* the thread object (referenced) */
    pthread_t pthread;                 /* for TerminateThread */
    struct ws_apc *apc_head, *apc_tail; /* under obj->lock */
    int alert_efd;                     /* eventfd that wakes an alertable wait; -1 until needed */
    bool alertable;                    /* in an alertable wait (under obj->lock) */
    bool alert_set;                    /* alert_efd holds a count */
    ws_obj *owned;                     /* mutexes owned, through next_owned (owner only) */
    /* TerminateThread asked the thread to end with this code (under obj->lock). */
    bool terminated;
    DWORD term_code;
    /* APC sources: objects whose refresh() may queue APCs to this thread (a
     * waitable timer with a completion routine).  Its alertable waits poll
     * their descriptors and refresh them.  Weak links (the object unlinks
     * itself before it goes), under obj->lock. */
    ws_obj **apc_src;
    unsigned napc_src, capc_src;
    struct ws_ioctx *ioctx;            /* the thread's I/O context (src/core/io.c), or NULL */
    void *spare_ioreq;                 /* one request the thread freed, for its next (src/core/io.c) */
    /* The alertable system call (src/core/alert.c): in_sys while the thread
     * is inside one; alert set (under obj->lock) while APCs are queued
     * (WS_ALERT_APC) or TerminateThread asked it to end (WS_ALERT_END). */
    int in_sys; /* __atomic_* builtins only, as alert */
    int alert;  /* __atomic_* builtins only: the stub reads it as a plain int */
};
enum { WS_ALERT_APC = 1, WS_ALERT_END = 2 };
/* The calling thread's state, created on first use; NULL if out of memory. */
struct ws_thread *ws_thread_self(void);
/* The calling thread's state if it has one (no allocation). */
struct ws_thread *ws_thread_current(void);
/* A thread the library starts adopts its prepared object (kernel32's
 * CreateThread), so handles made before it ran refer to it. */
struct ws_thread *ws_thread_adopt(ws_obj *o);
/* The thread ends: abandoned mutexes, dropped APCs, the object signalled
 * with code as its exit code. */
void ws_thread_exit(DWORD code);
/* Queue an APC to the thread behind o; false if it has ended. */
bool ws_apc_queue(ws_obj *thread_obj, struct ws_apc *a);
/* Take a queued APC back off the queue of the thread behind thread_obj;
 * false if it is not queued there (already taken to run, or never queued). */
bool ws_apc_cancel(ws_obj *thread_obj, struct ws_apc *a);
/* Run the calling thread's queued APCs; true if any ran. */
bool ws_apc_run(struct ws_thread *t);
/* Windows' blocking Winsock calls wait alertably: APCs queued for the
 * thread run when the call has to wait, and the call then waits on (sock.c
 * test_select, test_accept).  ws_apc_queued is the check on the way in (a
 * TLS load; the queue pointer read without the lock, as a hint); when it
 * says yes, ws_apc_run_if_waiting runs them unless the descriptors are
 * ready now (one zero-timeout poll).  APCs queued by another thread while
 * the call is already blocked in the kernel wait for the next alertable
 * wait. */
extern __thread struct ws_thread *ws_cur_thread __attribute__((tls_model("initial-exec")));
static inline bool ws_apc_queued(void)
{
    struct ws_thread *t = ws_cur_thread;
    return ws_unlikely(t != NULL) && __atomic_load_n(&t->apc_head, __ATOMIC_RELAXED) != NULL;
}
void ws_apc_run_if_waiting(struct pollfd *p, size_t n);

/* ---- the alertable system call (src/core/alert.c) ----------------------- */
/* A blocking receive that has to wait runs the APCs queued to its thread
 * meanwhile (sock.c test_WSARecv) at the cost of the receive alone: it is
 * one system call through ws_asys, which a signal sent by whoever queues an
 * APC (only while the thread is inside it) makes return -EINTR, before the
 * kernel or inside it, never losing a wake-up.  Other architectures: the
 * libc call, un-alertable, as before. */
#if defined(__x86_64__)
#define WS_HAVE_ASYS 1
long ws_asys(const volatile int *alert, long nr, long a1, long a2, long a3, long a4, long a5, long a6);
#else
#define WS_HAVE_ASYS 0
#endif
extern int ws_alert_sig; /* the signal, 0 if not installed */
/* A thread gets its state: the signal installed once, unblocked here. */
void ws_alert_thread_init(void);
/* Under t->obj->lock: set t's alert word to why and interrupt its
 * alertable system call if it is in one. */
void ws_alert_kick_locked(struct ws_thread *t, int why);
#if WS_HAVE_ASYS
/* One system call through the stub, marked in_sys around it; libc's
 * convention for the result. */
static inline long ws_asys_call(struct ws_thread *t, long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
    __atomic_store_n(&t->in_sys, 1, __ATOMIC_SEQ_CST);
    long r = ws_asys((const volatile int *)&t->alert, nr, a1, a2, a3, a4, a5, a6);
    __atomic_store_n(&t->in_sys, 0, __ATOMIC_RELEASE);
    if (ws_unlikely((unsigned long)r > -4096UL)) {
        errno = (int)-r;
        return -1;
    }
    return r;
}
#endif
/* The receive, alertable on a thread with state (the last error on
 * failure, -1 and errno as libc's: EINTR when alerted). */
static inline long ws_recvfrom_alertable(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
                                         socklen_t *fromlen)
{
#if WS_HAVE_ASYS
    struct ws_thread *t = ws_cur_thread;
    if (ws_likely(t != NULL))
        return ws_asys_call(t, SYS_recvfrom, fd, (long)buf, (long)len, flags, (long)from, (long)fromlen);
#endif
    return recvfrom(fd, buf, len, flags, from, fromlen);
}
static inline long ws_recvmsg_alertable(int fd, struct msghdr *m, int flags)
{
#if WS_HAVE_ASYS
    struct ws_thread *t = ws_cur_thread;
    if (ws_likely(t != NULL))
        return ws_asys_call(t, SYS_recvmsg, fd, (long)m, flags, 0, 0, 0);
#endif
    return recvmsg(fd, m, flags);
}
#if WS_HAVE_ASYS
/* poll, alertable the same way (a receive interrupted with SO_RCVTIMEO
 * set waits out the rest of its time here). */
static inline int ws_poll_alertable(struct pollfd *p, nfds_t n, int ms)
{
    struct ws_thread *t = ws_cur_thread;
    if (!t)
        return poll(p, n, ms);
    return (int)ws_asys_call(t, SYS_poll, (long)p, (long)n, ms, 0, 0, 0);
}
#endif
/* accept4, alertable the same way (a blocking accept: sock.c test_accept). */
static inline int ws_accept4_alertable(int fd, struct sockaddr *sa, socklen_t *len, int flags)
{
#if WS_HAVE_ASYS
    struct ws_thread *t = ws_cur_thread;
    if (ws_likely(t != NULL))
        return (int)ws_asys_call(t, SYS_accept4, fd, (long)sa, (long)len, flags, 0, 0);
#endif
    return accept4(fd, sa, len, flags);
}
/* After an alertable receive returned EINTR: a TerminateThread pending ends
 * the thread here; true if APCs are queued (the caller looks for data
 * first, and runs them with ws_apc_run if there is none). */
bool ws_alert_pending(void);

/* APC sources of the thread behind thread_obj: add (false if the thread
 * ended or out of memory) and remove.  ws_apc_sources takes a referenced
 * snapshot (at most max; returns how many). */
bool ws_apc_source_add(ws_obj *thread_obj, ws_obj *src);
void ws_apc_source_remove(ws_obj *thread_obj, ws_obj *src);
size_t ws_apc_sources(struct ws_thread *t, ws_obj **out, size_t max);

/* ---- named objects (src/core/names.c) ---------------------------------- */
/* Names are private to the process (no other process can open them), case
 * sensitive as on Windows.  ws_name_open: the live object of that name,
 * referenced, or NULL.  ws_name_create: register o under name (UTF-8), or
 * hand back the object already registered under it (referenced; o is then
 * not registered); NULL when registered or out of memory (false in *ok). */
ws_obj *ws_name_open(const char *name);
ws_obj *ws_name_create(ws_obj *o, const char *name, bool *ok);
void ws_name_drop(ws_obj *o); /* ws_obj_unref, as the object goes */

/* ---- file handles: struct ws_file in fileobj.h (src/core/file.c) -------- */

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
 * entries; called with the event locked), but not those in skip (sorted),
 * and hand back what poll said. */
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
/* Handle validation in Windows' order (the count 1..64, then each handle),
 * then ws_wait_ex: WaitForMultipleObjects(Ex), WSAWaitForMultipleEvents. */
DWORD ws_wait_handles(DWORD n, const HANDLE *h, BOOL all, DWORD ms, bool alertable);
#endif
