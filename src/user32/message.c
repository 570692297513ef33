/* The per-thread message queue and the message functions: GetMessage,
 * PeekMessage, PostMessage, PostThreadMessage, SendMessage,
 * PostQuitMessage, TranslateMessage, DispatchMessage, WaitMessage and
 * MsgWaitForMultipleObjects(Ex).
 *
 * A thread's queue is a waitable object (WS_OBJ_QUEUE) created on the
 * thread's first use, signalled while it holds messages the thread has not
 * looked at yet (what MsgWaitForMultipleObjects calls new input).  Sockets
 * registered with WSAAsyncSelect to the thread's windows are members of it,
 * so a GetMessage with nothing to do is one poll() over the queue's eventfd
 * and those sockets: the notification engine (src/core/notify.c) posts the
 * messages when poll() wakes, and messages from other threads wake it
 * through the eventfd.  No helper thread, no busy polling. */
#include "user.h"
#include <stdlib.h>
#include <string.h>

struct MSG_ {
    HWND hwnd;
    UINT message;
    WPARAM wParam;
    LPARAM lParam;
    DWORD time;
    LONG ptx, pty;
};

/* Run the SendMessage calls other threads queued for this thread. */
static void run_sent(ws_obj *q)
{
    for (;;) {
        struct ws_qmsg m = {0};
        pthread_mutex_lock(&q->lock);
        struct ws_msgq *mq = q->msgq;
        for (unsigned i = 0; i < mq->n; i++)
            if (mq->items[mq->head + i].sent) {
                m = mq->items[mq->head + i];
                ws_msgq_take(mq, i);
                break;
            }
        pthread_mutex_unlock(&q->lock);
        if (!m.sent)
            return;
        struct ws_window *w = ws_window_get(m.hwnd);
        m.sent->result = w ? ws_window_call(w, m.message, m.wParam, m.lParam) : 0;
        if (w)
            ws_window_unref(w);
        ws_obj_signal(m.sent->done);
    }
}

/* Poll the sockets registered to this thread's windows once, without
 * waiting, so a PeekMessage loop sees their messages. */
static void poll_members(ws_obj *q)
{
    struct pollfd pfd[64];
    ws_sock *sks[64];
    pthread_mutex_lock(&q->lock);
    size_t n = q->nmembers ? ws_evsel_collect(q, pfd, sks, 64, NULL, 0) : 0;
    pthread_mutex_unlock(&q->lock);
    int r = n ? poll(pfd, n, 0) : 0;
    for (size_t i = 0; i < n; i++) {
        if (r > 0 && pfd[i].revents)
            ws_evsel_polled(sks[i], pfd[i].revents);
        ws_sock_put(sks[i]);
    }
}

static bool matches(const struct ws_qmsg *m, HWND hwnd, UINT min, UINT max)
{
    if (hwnd == (HWND)(intptr_t)-1 ? m->hwnd != NULL : hwnd && m->hwnd != hwnd)
        return false;
    return (!min && !max) || (m->message >= min && m->message <= max);
}

static void to_msg(struct MSG_ *out, const struct ws_qmsg *m)
{
    *out = (struct MSG_){m->hwnd, m->message, m->wParam, m->lParam, m->time, 0, 0};
}

/* The core of GetMessage (wait) and PeekMessage: 1 with a message (0 for
 * GetMessage's WM_QUIT), 0 with none, -1 on error.  Posted messages come
 * before WM_QUIT from PostQuitMessage, which ignores the filters (GetMessage
 * docs). */
static int get_message(struct MSG_ *out, HWND hwnd, UINT min, UINT max, UINT flags, bool wait)
{
    if (ws_bad_ptr(out)) {
        ws_last_error = ERROR_NOACCESS;
        return -1;
    }
    if (hwnd && hwnd != (HWND)(intptr_t)-1) {
        struct ws_window *w = ws_window_get(hwnd);
        if (!w) {
            ws_last_error = WS_ERROR_INVALID_WINDOW_HANDLE;
            return -1;
        }
        ws_window_unref(w);
    }
    ws_obj *q = ws_queue_self();
    if (!q)
        return -1;
    bool polled = false;
    for (;;) {
        /* Everything queued from here on has been looked at: only newer
         * messages signal the queue again. */
        ws_obj_reset(q);
        run_sent(q);
        int got = 0;
        pthread_mutex_lock(&q->lock);
        struct ws_msgq *mq = q->msgq;
        for (unsigned i = 0; i < mq->n && !got; i++) {
            struct ws_qmsg *m = &mq->items[mq->head + i];
            if (!m->sent && matches(m, hwnd, min, max)) {
                to_msg(out, m);
                if (flags & 1) /* PM_REMOVE */
                    ws_msgq_take(mq, i);
                got = 1;
            }
        }
        if (!got && mq->quit) {
            struct ws_qmsg m = {NULL, WS_WM_QUIT, (WPARAM)mq->quit_code, 0, GetTickCount(), NULL};
            to_msg(out, &m);
            if (flags & 1)
                mq->quit = false;
            got = 1;
        }
        pthread_mutex_unlock(&q->lock);
        if (got)
            return wait && out->message == WS_WM_QUIT ? 0 : 1;
        if (!wait) {
            if (polled || !q->nmembers)
                return 0;
            poll_members(q);
            polled = true;
            continue;
        }
        if (ws_wait(&q, 1, false, (DWORD)WS_INFINITE) == (DWORD)WS_WAIT_FAILED)
            return -1;
    }
}

WS2P_EXPORT BOOL GetMessageA(struct MSG_ *msg, HWND hwnd, UINT min, UINT max)
{
    return get_message(msg, hwnd, min, max, 1, true);
}

WS2P_EXPORT BOOL GetMessageW(struct MSG_ *msg, HWND hwnd, UINT min, UINT max)
{
    return get_message(msg, hwnd, min, max, 1, true);
}

WS2P_EXPORT BOOL PeekMessageA(struct MSG_ *msg, HWND hwnd, UINT min, UINT max, UINT flags)
{
    return get_message(msg, hwnd, min, max, flags, false) > 0;
}

WS2P_EXPORT BOOL PeekMessageW(struct MSG_ *msg, HWND hwnd, UINT min, UINT max, UINT flags)
{
    return get_message(msg, hwnd, min, max, flags, false) > 0;
}

WS2P_EXPORT BOOL WaitMessage(void)
{
    ws_obj *q = ws_queue_self();
    return q && ws_wait(&q, 1, false, (DWORD)WS_INFINITE) != (DWORD)WS_WAIT_FAILED;
}

static BOOL post_thread(DWORD tid, UINT msg, WPARAM wp, LPARAM lp)
{
    ws_obj *q = ws_queue_of_thread(tid);
    if (!q) {
        /* A thread gets its queue with its first message call (PostThreadMessage docs). */
        ws_last_error = WS_ERROR_INVALID_THREAD_ID;
        return 0;
    }
    struct ws_qmsg m = {NULL, msg, wp, lp, GetTickCount(), NULL};
    bool ok = ws_queue_post(q, &m);
    ws_obj_unref(q);
    return ok;
}

WS2P_EXPORT BOOL PostThreadMessageA(DWORD tid, UINT msg, WPARAM wp, LPARAM lp)
{
    return post_thread(tid, msg, wp, lp);
}

WS2P_EXPORT BOOL PostThreadMessageW(DWORD tid, UINT msg, WPARAM wp, LPARAM lp)
{
    return post_thread(tid, msg, wp, lp);
}

#define WS_HWND_BROADCAST ((HWND)(uintptr_t)0xffff)

/* hWnd NULL posts a thread message to the calling thread (PostMessage docs). */
static BOOL post_message(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp)
{
    if (!hwnd) {
        ws_obj *q = ws_queue_self();
        struct ws_qmsg m = {NULL, msg, wp, lp, GetTickCount(), NULL};
        return q && ws_queue_post(q, &m);
    }
    if (hwnd == WS_HWND_BROADCAST)
        return ws_window_broadcast(msg, wp, lp);
    struct ws_window *w = ws_window_get(hwnd);
    if (!w) {
        ws_last_error = WS_ERROR_INVALID_WINDOW_HANDLE;
        return 0;
    }
    bool ok = ws_window_post(w, msg, wp, lp);
    ws_window_unref(w);
    return ok;
}

WS2P_EXPORT BOOL PostMessageA(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp)
{
    return post_message(hwnd, msg, wp, lp);
}

WS2P_EXPORT BOOL PostMessageW(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp)
{
    return post_message(hwnd, msg, wp, lp);
}

/* Same thread: a direct call.  Another thread: queued for it and run by
 * its next GetMessage/PeekMessage, this thread waiting for the result. */
static LRESULT send_message(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp)
{
    struct ws_window *w = ws_window_get(hwnd);
    if (!w) {
        ws_last_error = WS_ERROR_INVALID_WINDOW_HANDLE;
        return 0;
    }
    LRESULT r = 0;
    if (w->tid == GetCurrentThreadId())
        r = ws_window_call(w, msg, wp, lp);
    else {
        struct ws_sent s = {0, ws_obj_new(WS_OBJ_EVENT, false, false)};
        struct ws_qmsg m = {hwnd, msg, wp, lp, GetTickCount(), &s};
        if (!s.done)
            ws_last_error = ERROR_NOT_ENOUGH_MEMORY;
        else {
            if (ws_queue_post(w->core.queue, &m))
                ws_wait(&s.done, 1, false, (DWORD)WS_INFINITE);
            r = s.result;
            ws_obj_unref(s.done);
        }
    }
    ws_window_unref(w);
    return r;
}

WS2P_EXPORT LRESULT SendMessageA(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp)
{
    return send_message(hwnd, msg, wp, lp);
}

WS2P_EXPORT LRESULT SendMessageW(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp)
{
    return send_message(hwnd, msg, wp, lp);
}

WS2P_EXPORT void PostQuitMessage(int code)
{
    ws_obj *q = ws_queue_self();
    if (!q)
        return;
    pthread_mutex_lock(&q->lock);
    q->msgq->quit = true;
    q->msgq->quit_code = code;
    pthread_mutex_unlock(&q->lock);
    ws_obj_signal(q);
}

/* No keyboard: there is never a character message to make. */
WS2P_EXPORT BOOL TranslateMessage(const struct MSG_ *msg)
{
    (void)msg;
    return 0;
}

static LRESULT dispatch(const struct MSG_ *msg)
{
    if (ws_bad_ptr(msg)) {
        ws_last_error = ERROR_NOACCESS;
        return 0;
    }
    if (!msg->hwnd)
        return 0; /* a thread message has no window procedure */
    struct ws_window *w = ws_window_get(msg->hwnd);
    if (!w) {
        ws_last_error = WS_ERROR_INVALID_WINDOW_HANDLE;
        return 0;
    }
    LRESULT r = ws_window_call(w, msg->message, msg->wParam, msg->lParam);
    ws_window_unref(w);
    return r;
}

WS2P_EXPORT LRESULT DispatchMessageA(const struct MSG_ *msg)
{
    return dispatch(msg);
}

WS2P_EXPORT LRESULT DispatchMessageW(const struct MSG_ *msg)
{
    return dispatch(msg);
}

/* ---- MsgWaitForMultipleObjects --------------------------------------------- */

enum { QS_POSTMESSAGE_ = 0x0008, QS_SENDMESSAGE_ = 0x0040, QS_ALLPOSTMESSAGE_ = 0x0100 };
enum { MWMO_WAITALL_ = 1, MWMO_ALERTABLE_ = 2, MWMO_INPUTAVAILABLE_ = 4 };

/* The queue is the object after the handles: WAIT_OBJECT_0 + n when new
 * messages arrived (posted ones, socket notifications included).  Only
 * posted and sent messages exist here, so a wake mask without them waits
 * for the handles alone. */
WS2P_EXPORT DWORD MsgWaitForMultipleObjectsEx(DWORD n, const HANDLE *h, DWORD ms, DWORD mask, DWORD flags)
{
    ws_obj *objs[64];
    DWORD got = 0, ret;
    if (n > 63 || (n && !h)) {
        ws_last_error = ERROR_INVALID_PARAMETER;
        return (DWORD)WS_WAIT_FAILED;
    }
    for (; got < n; got++)
        if (!(objs[got] = ws_handle_obj(h[got], 0)))
            break;
    DWORD count = n;
    if (got < n)
        ret = (DWORD)WS_WAIT_FAILED;
    else if (mask & (QS_POSTMESSAGE_ | QS_SENDMESSAGE_ | QS_ALLPOSTMESSAGE_)) {
        ws_obj *q = ws_queue_self();
        bool any = false;
        if (q && (flags & MWMO_INPUTAVAILABLE_)) {
            pthread_mutex_lock(&q->lock);
            any = q->msgq->n || q->msgq->quit;
            pthread_mutex_unlock(&q->lock);
        }
        if (!q)
            ret = (DWORD)WS_WAIT_FAILED;
        else if (any && !(flags & MWMO_WAITALL_))
            ret = WS_WAIT_OBJECT_0 + n;
        else {
            objs[count++] = q;
            ret = ws_wait_ex(objs, count, (flags & MWMO_WAITALL_) != 0, ms, (flags & MWMO_ALERTABLE_) != 0);
        }
    } else
        ret = ws_wait_ex(objs, count, (flags & MWMO_WAITALL_) != 0, ms, (flags & MWMO_ALERTABLE_) != 0);
    DWORD saved = ws_last_error;
    for (DWORD i = 0; i < got; i++)
        ws_obj_unref(objs[i]);
    ws_last_error = saved;
    return ret;
}

WS2P_EXPORT DWORD MsgWaitForMultipleObjects(DWORD n, const HANDLE *h, BOOL all, DWORD ms, DWORD mask)
{
    return MsgWaitForMultipleObjectsEx(n, h, ms, mask, all ? MWMO_WAITALL_ : 0);
}
