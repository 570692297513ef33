/* Handles and waits: CloseHandle, DuplicateHandle, GetHandleInformation,
 * SetHandleInformation, WaitForSingleObject(Ex), WaitForMultipleObjects(Ex),
 * SleepEx, QueueUserAPC.  The handle table and the wait are the core's
 * (src/core/handle.c, object.c); a SOCKET is a HANDLE too, as on Windows. */
#include "fileobj.h"
#include "ws2p/fileconst.h"
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int closesocket(SOCKET s);

#define HANDLE_FLAG_INHERIT_ 1u
#define HANDLE_FLAG_PROTECT_FROM_CLOSE_ 2u
#define DUPLICATE_CLOSE_SOURCE_ 1u
#define DUPLICATE_SAME_ACCESS_ 2u

static bool is_pseudo(HANDLE h)
{
    return h == WS_PSEUDO_PROCESS || h == WS_PSEUDO_THREAD;
}

/* A live socket named by a HANDLE value (referenced), or NULL. */
static ws_sock *socket_of(HANDLE h)
{
    return ws_handle_is_socket(h) ? ws_sock_get((SOCKET)(uintptr_t)h) : NULL;
}

/* Closing a pseudo-handle does nothing and succeeds (CloseHandle docs); a
 * socket handle closes the socket. */
WS2P_EXPORT BOOL CloseHandle(HANDLE h)
{
    struct ws_call c = WS_CALL32("CloseHandle");
    BOOL ret = 1;
    ws_sock *sk;
    if (is_pseudo(h))
        ;
    else if ((sk = socket_of(h)) != NULL) {
        ws_sock_put(sk);
        DWORD saved = ws_last_error; /* closesocket's success would clear it */
        if (closesocket((SOCKET)(uintptr_t)h) != 0) {
            ws_fail(&c, ERROR_INVALID_HANDLE);
            ret = 0;
        } else
            ws_last_error = saved;
    } else {
        int err = ws_handle_close(h);
        if (err) {
            ws_fail(&c, err);
            ret = 0;
        }
    }
    return WS_EXIT32(&c, ret, "h=%p", h);
}

WS2P_EXPORT BOOL GetHandleInformation(HANDLE h, DWORD *flags)
{
    struct ws_call c = WS_CALL32("GetHandleInformation");
    BOOL ret = 0;
    ws_sock *sk = NULL;
    if (ws_bad_ptr(flags))
        ws_fail(&c, ERROR_NOACCESS);
    else if (is_pseudo(h)) {
        *flags = 0;
        ret = 1;
    } else if ((sk = socket_of(h)) != NULL) {
        /* A socket's inheritability is its descriptor's close-on-exec flag. */
        int fl = fcntl(sk->fd, F_GETFD);
        *flags = fl >= 0 && !(fl & FD_CLOEXEC) ? HANDLE_FLAG_INHERIT_ : 0;
        ret = 1;
        ws_sock_put(sk);
    } else {
        int err = ws_handle_flags(h, flags);
        if (err)
            ws_fail(&c, err);
        ret = !err;
    }
    return WS_EXIT32(&c, ret, "h=%p, flags=%#x", h, ret ? (unsigned)*flags : 0u);
}

WS2P_EXPORT BOOL SetHandleInformation(HANDLE h, DWORD mask, DWORD flags)
{
    struct ws_call c = WS_CALL32("SetHandleInformation");
    BOOL ret = 0;
    ws_sock *sk = NULL;
    if (is_pseudo(h))
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else if ((sk = socket_of(h)) != NULL) {
        int fl = fcntl(sk->fd, F_GETFD);
        if (fl >= 0 && (mask & HANDLE_FLAG_INHERIT_))
            fl = (flags & HANDLE_FLAG_INHERIT_) ? fl & ~FD_CLOEXEC : fl | FD_CLOEXEC;
        if (fl < 0 || fcntl(sk->fd, F_SETFD, fl) < 0)
            ws_fail_sys(&c, "fcntl", errno, ERROR_INVALID_HANDLE);
        else {
            if (fl & FD_CLOEXEC)
                ws_set_flags(sk, WSF_NOINHERIT);
            else
                ws_clear_flags(sk, WSF_NOINHERIT);
            ret = 1;
        }
        ws_sock_put(sk);
    } else {
        int err = ws_handle_set_flags(h, mask, flags);
        struct ws_file *f;
        if (err)
            ws_fail(&c, err);
        else if ((mask & HANDLE_FLAG_INHERIT_) && (f = ws_file_get(h)) != NULL) {
            /* A file handle's inheritability is also its descriptor's. */
            int fl = f->fd >= 0 ? fcntl(f->fd, F_GETFD) : -1;
            if (fl >= 0)
                fcntl(f->fd, F_SETFD, (flags & HANDLE_FLAG_INHERIT_) ? fl & ~FD_CLOEXEC : fl | FD_CLOEXEC);
            ws_file_put(f);
        }
        ret = !err;
    }
    return WS_EXIT32(&c, ret, "h=%p, mask=%#x, flags=%#x", h, (unsigned)mask, (unsigned)flags);
}

/* Within this process only: a source or target process other than the
 * current one is ERROR_INVALID_HANDLE.  The pseudo-handles duplicate to
 * real handles of the current thread and process (the documented way to
 * get one); a socket duplicates to another handle on the same socket. */
WS2P_EXPORT BOOL DuplicateHandle(HANDLE src_proc, HANDLE src, HANDLE dst_proc, HANDLE *dst, DWORD access,
                                 BOOL inherit, DWORD options)
{
    struct ws_call c = WS_CALL32("DuplicateHandle");
    BOOL ret = 0;
    ws_obj *sp = ws_handle_obj(src_proc, WS_OBJ_PROCESS), *dp = ws_handle_obj(dst_proc, WS_OBJ_PROCESS);
    ws_sock *sk = NULL;
    ws_obj *o = NULL;
    if (!sp || !dp)
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else if (ws_bad_ptr(dst))
        ws_fail(&c, ERROR_NOACCESS);
    else if ((sk = socket_of(src)) != NULL) {
        /* A second handle on the same socket object, as WSADuplicateSocket's
         * (one state, one port association; the last handle closed closes
         * the socket), since on Windows both name one file object. */
        SOCKET d = WS_INVALID_SOCKET;
        if (!ws_sock_add_handle(sk))
            ws_fail(&c, ERROR_INVALID_HANDLE); /* being closed by another thread */
        else if ((d = ws_sock_alias(sk, inherit != 0)) == WS_INVALID_SOCKET)
            ws_fail_sys(&c, "fcntl", errno, ERROR_NOT_ENOUGH_MEMORY);
        else {
            *dst = (HANDLE)(uintptr_t)d;
            ret = 1;
        }
        ws_sock_put(sk);
    } else if ((o = ws_handle_obj(src, 0)) == NULL)
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else if (o->type == WS_OBJ_FILE && ((struct ws_file *)o)->fd >= 0 && !((struct ws_file *)o)->pipe) {
        /* A file duplicates to a new descriptor (its own inheritability,
         * the same file position), with the same or a narrower access. */
        struct ws_file *f = (struct ws_file *)o;
        unsigned acc = f->access;
        if (!(options & DUPLICATE_SAME_ACCESS_))
            acc &= (access & (GENERIC_READ | GENERIC_ALL | FILE_READ_DATA) ? WS_FILE_READ : 0) |
                   (access & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA) ? WS_FILE_WRITE : 0) |
                   (access & (GENERIC_WRITE | GENERIC_ALL | FILE_APPEND_DATA) ? WS_FILE_APPEND : 0);
        struct ws_file *n = ws_file_dup(f, inherit != 0, acc);
        HANDLE h = n ? ws_file_handle(n) : NULL;
        if (!n)
            ws_fail_errno32(&c, "fcntl", errno);
        else if (!h)
            ws_fail(&c, (int)ws_last_error);
        else {
            if (inherit)
                ws_handle_set_flags(h, HANDLE_FLAG_INHERIT_, HANDLE_FLAG_INHERIT_);
            *dst = h;
            ret = 1;
        }
        if (n)
            ws_file_put(n);
        ws_obj_unref(o);
    } else {
        HANDLE h = ws_handle_new(o);
        if (!h)
            ws_fail(&c, (int)ws_last_error);
        else {
            if (inherit)
                ws_handle_set_flags(h, HANDLE_FLAG_INHERIT_, HANDLE_FLAG_INHERIT_);
            *dst = h;
            ret = 1;
        }
        ws_obj_unref(o);
    }
    if (ret && (options & DUPLICATE_CLOSE_SOURCE_) && !is_pseudo(src)) {
        if (ws_handle_is_socket(src)) {
            DWORD saved = ws_last_error; /* closesocket's success would clear it */
            closesocket((SOCKET)(uintptr_t)src);
            ws_last_error = saved;
        } else
            ws_handle_close(src);
    }
    if (sp)
        ws_obj_unref(sp);
    if (dp)
        ws_obj_unref(dp);
    return WS_EXIT32(&c, ret, "src=%p, options=%#x, dst=%p", src, (unsigned)options, ret ? *dst : NULL);
}

/* The common body of the handle waits. */
static DWORD wait_handles(struct ws_call *c, DWORD n, const HANDLE *h, BOOL all, DWORD ms, BOOL alertable)
{
    DWORD ret = ws_wait_handles(n, h, all, ms, alertable != 0);
    if (ret == (DWORD)WS_WAIT_FAILED)
        ws_fail(c, (int)ws_last_error);
    return ret;
}

WS2P_EXPORT DWORD WaitForSingleObjectEx(HANDLE h, DWORD ms, BOOL alertable)
{
    struct ws_call c = WS_CALL32("WaitForSingleObjectEx");
    DWORD ret = wait_handles(&c, 1, &h, 0, ms, alertable);
    return WS_EXIT32(&c, ret, "h=%p, ms=%u, alertable=%d", h, (unsigned)ms, alertable);
}

WS2P_EXPORT DWORD WaitForSingleObject(HANDLE h, DWORD ms)
{
    struct ws_call c = WS_CALL32("WaitForSingleObject");
    DWORD ret = wait_handles(&c, 1, &h, 0, ms, 0);
    return WS_EXIT32(&c, ret, "h=%p, ms=%u", h, (unsigned)ms);
}

WS2P_EXPORT DWORD WaitForMultipleObjectsEx(DWORD n, const HANDLE *h, BOOL all, DWORD ms, BOOL alertable)
{
    struct ws_call c = WS_CALL32("WaitForMultipleObjectsEx");
    DWORD ret = wait_handles(&c, n, h, all, ms, alertable);
    return WS_EXIT32(&c, ret, "n=%u, all=%d, ms=%u, alertable=%d", (unsigned)n, all, (unsigned)ms, alertable);
}

WS2P_EXPORT DWORD WaitForMultipleObjects(DWORD n, const HANDLE *h, BOOL all, DWORD ms)
{
    struct ws_call c = WS_CALL32("WaitForMultipleObjects");
    DWORD ret = wait_handles(&c, n, h, all, ms, 0);
    return WS_EXIT32(&c, ret, "n=%u, all=%d, ms=%u", (unsigned)n, all, (unsigned)ms);
}

void Sleep(DWORD ms);

/* 0 when the time ran out; WAIT_IO_COMPLETION when an alertable sleep ran
 * APCs (SleepEx docs). */
WS2P_EXPORT DWORD SleepEx(DWORD ms, BOOL alertable)
{
    if (!alertable) {
        Sleep(ms);
        return 0;
    }
    struct ws_call c = WS_CALL32("SleepEx");
    DWORD ret = ws_wait_ex(NULL, 0, false, ms, true);
    if (ret == (DWORD)WS_WAIT_FAILED)
        ws_fail(&c, (int)ws_last_error);
    else if (ret != WS_WAIT_IO_COMPLETION)
        ret = 0;
    return WS_EXIT32(&c, ret, "ms=%u, alertable=1", (unsigned)ms);
}

/* A user APC: the function and its argument, freed once run. */
struct user_apc {
    struct ws_apc apc;
    void (*fn)(ULONG_PTR);
    ULONG_PTR data;
};

static void user_apc_run(struct ws_apc *a)
{
    struct user_apc *u = (struct user_apc *)a;
    void (*fn)(ULONG_PTR) = u->fn;
    ULONG_PTR data = u->data;
    free(u);
    fn(data);
}

static void user_apc_discard(struct ws_apc *a)
{
    free(a);
}

WS2P_EXPORT DWORD QueueUserAPC(void (*fn)(ULONG_PTR), HANDLE thread, ULONG_PTR data)
{
    struct ws_call c = WS_CALL32("QueueUserAPC");
    DWORD ret = 0;
    ws_obj *t = ws_handle_obj(thread, WS_OBJ_THREAD);
    struct user_apc *u = NULL;
    if (!t)
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else if (!fn)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else if (!(u = malloc(sizeof *u)))
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    else {
        *u = (struct user_apc){{NULL, user_apc_run, user_apc_discard}, fn, data};
        if (ws_apc_queue(t, &u->apc))
            ret = 1;
        else {
            free(u);
            ws_fail(&c, ERROR_GEN_FAILURE); /* the thread has ended */
        }
    }
    if (t)
        ws_obj_unref(t);
    return WS_EXIT32(&c, ret, "fn=%p, thread=%p, data=%#lx", (void *)(uintptr_t)fn, thread, (unsigned long)data);
}

/* Signal one object and wait for another.  Both handles are checked first;
 * the signal is what SetEvent, ReleaseMutex or ReleaseSemaphore(1) would do,
 * and its failure (ERROR_NOT_OWNER, ERROR_TOO_MANY_POSTS) is WAIT_FAILED
 * without waiting.  Other object types are ERROR_INVALID_HANDLE.  Windows
 * makes the signal and the start of the wait one step; here the wait starts
 * right after the signal, so a thread released by the signal may run before
 * the caller waits (docs/windows-vs-linux.md). */
WS2P_EXPORT DWORD SignalObjectAndWait(HANDLE sig, HANDLE wait, DWORD ms, BOOL alertable)
{
    struct ws_call c = WS_CALL32("SignalObjectAndWait");
    DWORD ret = (DWORD)WS_WAIT_FAILED;
    ws_obj *s = ws_handle_obj(sig, 0), *w = s ? ws_handle_obj(wait, 0) : NULL;
    int err = 0;
    if (!s || !w)
        err = ERROR_INVALID_HANDLE;
    else if (s->type == WS_OBJ_EVENT)
        ws_obj_signal(s);
    else if (s->type == WS_OBJ_MUTEX)
        err = ws_mutex_release(s);
    else if (s->type == WS_OBJ_SEMAPHORE)
        err = ws_semaphore_release(s, 1, NULL);
    else
        err = ERROR_INVALID_HANDLE;
    if (err)
        ws_fail(&c, err);
    else if ((ret = ws_wait_ex(&w, 1, false, ms, alertable != 0)) == (DWORD)WS_WAIT_FAILED)
        ws_fail(&c, (int)ws_last_error);
    if (s)
        ws_obj_unref(s);
    if (w)
        ws_obj_unref(w);
    return WS_EXIT32(&c, ret, "sig=%p, wait=%p, ms=%u, alertable=%d", sig, wait, (unsigned)ms, alertable);
}
