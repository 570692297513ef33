/* Threads: CreateThread, GetExitCodeThread, GetCurrentThreadId.  A thread
 * object is a manual-reset waitable that becomes signalled when the thread
 * returns; the handle and the running thread each hold a reference. */
#include "winobj.h"
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

typedef DWORD (*ws_thread_fn)(void *);
struct start {
    ws_obj *o;
    ws_thread_fn fn;
    void *arg;
};

static void *trampoline(void *p)
{
    struct start st = *(struct start *)p;
    free(p);
    st.o->tid = (DWORD)syscall(SYS_gettid);
    DWORD code = st.fn(st.arg);
    st.o->exit_code = code;
    ws_obj_signal(st.o);
    ws_obj_unref(st.o);
    return NULL;
}

WS2P_EXPORT HANDLE CreateThread(WS_SECURITY_ATTRIBUTES *sa, SIZE_T stack, ws_thread_fn fn, void *arg, DWORD flags,
                                DWORD *tid)
{
    (void)sa, (void)flags;
    ws_obj *o = ws_obj_new(WS_OBJ_THREAD, true, false);
    struct start *st = malloc(sizeof *st);
    pthread_attr_t attr;
    pthread_t t;
    if (!o || !st || !fn) {
        free(st);
        if (o)
            ws_obj_unref(o);
        ws_last_error = fn ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER;
        return NULL;
    }
    o->exit_code = WS_STILL_ACTIVE;
    atomic_fetch_add(&o->refs, 1); /* the running thread's */
    *st = (struct start){o, fn, arg};
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (stack)
        pthread_attr_setstacksize(&attr, stack < 65536 ? 65536 : stack);
    int e = pthread_create(&t, &attr, trampoline, st);
    pthread_attr_destroy(&attr);
    if (e) {
        free(st);
        ws_obj_unref(o);
        ws_obj_unref(o);
        ws_last_error = ERROR_NOT_ENOUGH_MEMORY;
        return NULL;
    }
    if (tid) {
        /* The kernel id is known once the thread runs; wait for it briefly
         * rather than return a value that changes later. */
        while (!__atomic_load_n(&o->tid, __ATOMIC_ACQUIRE) && !o->signalled)
            sched_yield();
        *tid = o->tid;
    }
    return o;
}

WS2P_EXPORT BOOL GetExitCodeThread(HANDLE h, DWORD *code)
{
    ws_obj *o = ws_obj_from(h, WS_OBJ_THREAD);
    if (!o)
        return 0;
    if (!code) {
        ws_last_error = ERROR_NOACCESS;
        return 0;
    }
    pthread_mutex_lock(&o->lock);
    *code = o->signalled ? o->exit_code : WS_STILL_ACTIVE;
    pthread_mutex_unlock(&o->lock);
    return 1;
}

WS2P_EXPORT DWORD GetCurrentThreadId(void)
{
    return (DWORD)syscall(SYS_gettid);
}

WS2P_EXPORT DWORD GetCurrentProcessId(void)
{
    return (DWORD)getpid();
}
