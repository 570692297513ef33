/* The per-thread message queue (winobj.h): created on a thread's first
 * message call, a manual-reset waitable object signalled while it holds
 * messages the thread has not looked at yet.  user32 (src/user32/) builds
 * GetMessage, PostMessage and SendMessage on it; the notification engine
 * posts WSAAsyncSelect's messages to it through the window's core part
 * (struct ws_wincore), so the core needs nothing from user32. */
#include "winobj.h"
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

void (*ws_queue_exit_hook)(DWORD tid);

static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static ws_obj **registry; /* queues by thread, for PostThreadMessage */
static size_t nregistry, cregistry;
static pthread_key_t queue_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static __thread ws_obj *self_queue;

static void release_sent(struct ws_qmsg *m)
{
    if (m->sent) {
        m->sent->result = 0;
        ws_obj_signal(m->sent->done);
    }
}

/* Thread exit: the queue and the thread's windows go; a SendMessage still
 * waiting gets 0; posting to the queue from now on fails. */
static void queue_exit(void *p)
{
    ws_obj *q = p;
    void (*hook)(DWORD) = __atomic_load_n(&ws_queue_exit_hook, __ATOMIC_ACQUIRE);
    if (hook)
        hook(q->tid); /* user32: the thread's windows go with it */
    pthread_mutex_lock(&reg_lock);
    for (size_t i = 0; i < nregistry; i++)
        if (registry[i] == q) {
            registry[i] = registry[--nregistry];
            break;
        }
    pthread_mutex_unlock(&reg_lock);
    pthread_mutex_lock(&q->lock);
    struct ws_msgq *mq = q->msgq;
    q->msgq = NULL;
    pthread_mutex_unlock(&q->lock);
    for (unsigned i = 0; i < mq->n; i++)
        release_sent(&mq->items[mq->head + i]);
    free(mq->items);
    free(mq);
    self_queue = NULL;
    ws_obj_unref(q);
}

static void make_key(void)
{
    pthread_key_create(&queue_key, queue_exit);
}

ws_obj *ws_queue_self(void)
{
    if (ws_likely(self_queue != NULL))
        return self_queue;
    pthread_once(&key_once, make_key);
    ws_obj *q = ws_obj_new(WS_OBJ_QUEUE, true, false);
    struct ws_msgq *mq = calloc(1, sizeof *mq);
    if (!q || !mq) {
        free(mq);
        if (q)
            ws_obj_unref(q);
        ws_last_error = ERROR_NOT_ENOUGH_MEMORY;
        return NULL;
    }
    q->msgq = mq;
    q->tid = ws_tid();
    pthread_mutex_lock(&reg_lock);
    if (nregistry == cregistry) {
        size_t c = cregistry ? cregistry * 2 : 16;
        ws_obj **r = realloc(registry, c * sizeof *r);
        if (r) {
            registry = r;
            cregistry = c;
        }
    }
    if (nregistry < cregistry)
        registry[nregistry++] = q;
    pthread_mutex_unlock(&reg_lock);
    pthread_setspecific(queue_key, q);
    return self_queue = q;
}

bool ws_queue_post(ws_obj *q, const struct ws_qmsg *m)
{
    int err = 0;
    pthread_mutex_lock(&q->lock);
    struct ws_msgq *mq = q->msgq;
    if (!mq)
        err = 1444 /* ERROR_INVALID_THREAD_ID */;
    else if (mq->n >= WS_QUEUE_LIMIT)
        err = 1816 /* ERROR_NOT_ENOUGH_QUOTA */;
    else {
        if (mq->head + mq->n == mq->cap) {
            if (mq->head) {
                memmove(mq->items, mq->items + mq->head, mq->n * sizeof *mq->items);
                mq->head = 0;
            } else {
                unsigned c = mq->cap ? mq->cap * 2 : 32;
                struct ws_qmsg *it = realloc(mq->items, c * sizeof *it);
                if (it) {
                    mq->items = it;
                    mq->cap = c;
                }
            }
        }
        if (mq->head + mq->n < mq->cap)
            mq->items[mq->head + mq->n++] = *m;
        else
            err = ERROR_NOT_ENOUGH_MEMORY;
    }
    pthread_mutex_unlock(&q->lock);
    if (err) {
        ws_last_error = (DWORD)err;
        return false;
    }
    ws_obj_signal(q);
    return true;
}

/* Remove entry i (lock held). */
void ws_msgq_take(struct ws_msgq *mq, unsigned i)
{
    if (i == 0) {
        mq->head++;
    } else {
        struct ws_qmsg *base = mq->items + mq->head;
        memmove(base + i, base + i + 1, (mq->n - i - 1) * sizeof *base);
    }
    if (--mq->n == 0)
        mq->head = 0;
}

void ws_queue_purge(ws_obj *q, HWND h)
{
    pthread_mutex_lock(&q->lock);
    struct ws_msgq *mq = q->msgq;
    for (unsigned i = 0; mq && i < mq->n;) {
        struct ws_qmsg *m = &mq->items[mq->head + i];
        if (m->hwnd == h) {
            release_sent(m);
            ws_msgq_take(mq, i);
        } else
            i++;
    }
    pthread_mutex_unlock(&q->lock);
}


ws_obj *ws_queue_of_thread(DWORD tid)
{
    ws_obj *q = NULL;
    pthread_mutex_lock(&reg_lock);
    for (size_t i = 0; i < nregistry && !q; i++)
        if (registry[i]->tid == tid) {
            q = registry[i];
            atomic_fetch_add(&q->refs, 1);
        }
    pthread_mutex_unlock(&reg_lock);
    return q;
}

/* ---- the window's core part ------------------------------------------------- */

void ws_wincore_ref(struct ws_wincore *w)
{
    atomic_fetch_add(&w->refs, 1);
}

void ws_wincore_unref(struct ws_wincore *w)
{
    if (atomic_fetch_sub(&w->refs, 1) == 1) {
        ws_obj_unref(w->queue);
        w->release(w);
    }
}

static DWORD tick_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (DWORD)((uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000);
}

bool ws_wincore_post(struct ws_wincore *w, UINT msg, WPARAM wp, LPARAM lp)
{
    if (atomic_load(&w->destroyed)) {
        ws_last_error = 1400; /* ERROR_INVALID_WINDOW_HANDLE */
        return false;
    }
    struct ws_qmsg m = {w->h, msg, wp, lp, tick_ms(), NULL};
    return ws_queue_post(w->queue, &m);
}
