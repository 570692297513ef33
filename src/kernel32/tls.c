/* Thread-local and fiber-local storage: TlsAlloc, TlsGetValue, TlsSetValue,
 * TlsFree, FlsAlloc, FlsGetValue, FlsSetValue, FlsFree.
 *
 * Windows' slot counts: 64 + 1024 TLS slots (TLS_MINIMUM_AVAILABLE and the
 * expansion slots), 4080 FLS slots.  Without fibers, a fiber's storage is
 * its thread's.  Each thread that stores a value gets a block (the 64 first
 * slots inline, the others allocated on first use) on a process-wide list,
 * so that TlsFree and FlsFree can clear a freed slot in every thread (a slot
 * handed out again reads as NULL everywhere) and FlsFree can give each
 * thread's value to the slot's callback.  Get and Set touch only the
 * calling thread's block: no lock. */
#include "kernel32.h"
#include <stdlib.h>
#include <string.h>

#define TLS_INLINE 64
#define TLS_SLOTS (64 + 1024)
#define FLS_SLOTS 4080
#define OUT_OF_INDEXES 0xffffffffu

typedef void (*fls_callback)(void *);

struct block {
    struct block *prev, *next;
    void *tls[TLS_INLINE];
    void **tls_more;  /* TLS_SLOTS - TLS_INLINE, on first use */
    void **fls;       /* FLS_SLOTS, on first use */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct block *blocks;                   /* every thread's, under lock */
static uint64_t tls_used[(TLS_SLOTS + 63) / 64]; /* under lock */
static uint64_t fls_used[(FLS_SLOTS + 63) / 64];
static fls_callback fls_cb[FLS_SLOTS];
static pthread_key_t key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static __thread struct block *self;

static bool used(const uint64_t *bits, DWORD i)
{
    return bits[i / 64] >> (i % 64) & 1;
}

/* Thread exit: the FLS callbacks for its non-NULL values (FlsCallback docs),
 * then the block goes. */
static void thread_gone(void *p)
{
    struct block *b = p;
    pthread_mutex_lock(&lock);
    if (b->prev)
        b->prev->next = b->next;
    else
        blocks = b->next;
    if (b->next)
        b->next->prev = b->prev;
    pthread_mutex_unlock(&lock);
    for (DWORD i = 0; b->fls && i < FLS_SLOTS; i++) {
        void *v = b->fls[i];
        if (!v)
            continue;
        pthread_mutex_lock(&lock);
        fls_callback cb = used(fls_used, i) ? fls_cb[i] : NULL;
        pthread_mutex_unlock(&lock);
        if (cb)
            cb(v);
    }
    free(b->tls_more);
    free(b->fls);
    free(b);
    self = NULL;
}

void ws_k32_tls_thread_exit(void)
{
    struct block *b = self;
    if (b) {
        pthread_setspecific(key, NULL);
        thread_gone(b);
    }
}

static void make_key(void)
{
    pthread_key_create(&key, thread_gone);
}

static struct block *block_self(void)
{
    if (ws_likely(self != NULL))
        return self;
    pthread_once(&key_once, make_key);
    struct block *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    pthread_mutex_lock(&lock);
    b->next = blocks;
    if (blocks)
        blocks->prev = b;
    blocks = b;
    pthread_mutex_unlock(&lock);
    pthread_setspecific(key, b);
    return self = b;
}

/* The calling thread's cell for slot i (allocating its storage if make),
 * or NULL. */
static void **tls_cell(DWORD i, bool make)
{
    struct block *b = make ? block_self() : self;
    if (!b)
        return NULL;
    if (i < TLS_INLINE)
        return &b->tls[i];
    if (!b->tls_more && (!make || !(b->tls_more = calloc(TLS_SLOTS - TLS_INLINE, sizeof(void *)))))
        return NULL;
    return &b->tls_more[i - TLS_INLINE];
}

static void **fls_cell(DWORD i, bool make)
{
    struct block *b = make ? block_self() : self;
    if (!b)
        return NULL;
    if (!b->fls && (!make || !(b->fls = calloc(FLS_SLOTS, sizeof(void *)))))
        return NULL;
    return &b->fls[i];
}

/* The lowest free slot of n, marked used (lock held), or OUT_OF_INDEXES. */
static DWORD take_slot(uint64_t *bits, DWORD first, DWORD n)
{
    for (DWORD i = first; i < n; i++)
        if (!used(bits, i)) {
            bits[i / 64] |= (uint64_t)1 << (i % 64);
            return i;
        }
    return OUT_OF_INDEXES;
}

WS2P_EXPORT DWORD TlsAlloc(void)
{
    struct ws_call c = WS_CALL32("TlsAlloc");
    pthread_mutex_lock(&lock);
    DWORD i = take_slot(tls_used, 0, TLS_SLOTS);
    pthread_mutex_unlock(&lock);
    if (i == OUT_OF_INDEXES)
        ws_fail(&c, ERROR_NO_MORE_ITEMS);
    return WS_EXIT32(&c, i, "");
}

/* Success clears the last error, so that a NULL value can be told from a
 * failure (TlsGetValue docs).  Only the range is checked. */
WS2P_EXPORT void *TlsGetValue(DWORD i)
{
    struct ws_call c = WS_CALL32("TlsGetValue");
    void *v = NULL;
    if (i >= TLS_SLOTS)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else {
        void **cell = tls_cell(i, false);
        v = cell ? *cell : NULL;
        ws_fail(&c, 0);
    }
    return WS_EXIT32(&c, v, "index=%u", (unsigned)i);
}

WS2P_EXPORT BOOL TlsSetValue(DWORD i, void *v)
{
    struct ws_call c = WS_CALL32("TlsSetValue");
    BOOL ret = 0;
    void **cell;
    if (i >= TLS_SLOTS)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else if (!(cell = tls_cell(i, v != NULL)))
        ret = v == NULL ? 1 : (ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY), 0); /* NULL: already reads as NULL */
    else {
        *cell = v;
        ret = 1;
    }
    return WS_EXIT32(&c, ret, "index=%u, value=%p", (unsigned)i, v);
}

WS2P_EXPORT BOOL TlsFree(DWORD i)
{
    struct ws_call c = WS_CALL32("TlsFree");
    BOOL ret = 0;
    pthread_mutex_lock(&lock);
    if (i < TLS_SLOTS && used(tls_used, i)) {
        tls_used[i / 64] &= ~((uint64_t)1 << (i % 64));
        for (struct block *b = blocks; b; b = b->next)
            if (i < TLS_INLINE)
                b->tls[i] = NULL;
            else if (b->tls_more)
                b->tls_more[i - TLS_INLINE] = NULL;
        ret = 1;
    }
    pthread_mutex_unlock(&lock);
    if (!ret)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    return WS_EXIT32(&c, ret, "index=%u", (unsigned)i);
}

/* Index 0 is never handed out: Windows keeps it for itself. */
WS2P_EXPORT DWORD FlsAlloc(fls_callback cb)
{
    struct ws_call c = WS_CALL32("FlsAlloc");
    pthread_mutex_lock(&lock);
    DWORD i = take_slot(fls_used, 1, FLS_SLOTS);
    if (i != OUT_OF_INDEXES)
        fls_cb[i] = cb;
    pthread_mutex_unlock(&lock);
    if (i == OUT_OF_INDEXES)
        ws_fail(&c, ERROR_NO_MORE_ITEMS);
    return WS_EXIT32(&c, i, "callback=%p", (void *)(uintptr_t)cb);
}

static bool fls_valid(DWORD i)
{
    if (i >= FLS_SLOTS)
        return false;
    pthread_mutex_lock(&lock);
    bool ok = used(fls_used, i);
    pthread_mutex_unlock(&lock);
    return ok;
}

WS2P_EXPORT void *FlsGetValue(DWORD i)
{
    struct ws_call c = WS_CALL32("FlsGetValue");
    void *v = NULL;
    if (!fls_valid(i))
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else {
        void **cell = fls_cell(i, false);
        v = cell ? *cell : NULL;
    }
    return WS_EXIT32(&c, v, "index=%u", (unsigned)i);
}

WS2P_EXPORT BOOL FlsSetValue(DWORD i, void *v)
{
    struct ws_call c = WS_CALL32("FlsSetValue");
    BOOL ret = 0;
    void **cell;
    if (!fls_valid(i))
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else if (!(cell = fls_cell(i, v != NULL)))
        ret = v == NULL ? 1 : (ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY), 0);
    else {
        *cell = v;
        ret = 1;
    }
    return WS_EXIT32(&c, ret, "index=%u, value=%p", (unsigned)i, v);
}

/* Every thread's non-NULL value goes to the slot's callback, called here,
 * after the slot is free (FlsFree docs). */
WS2P_EXPORT BOOL FlsFree(DWORD i)
{
    struct ws_call c = WS_CALL32("FlsFree");
    BOOL ret = 0;
    size_t n = 0, cap = 0;
    void **vals = NULL;
    fls_callback cb = NULL;
    pthread_mutex_lock(&lock);
    if (i < FLS_SLOTS && used(fls_used, i)) {
        fls_used[i / 64] &= ~((uint64_t)1 << (i % 64));
        cb = fls_cb[i];
        fls_cb[i] = NULL;
        for (struct block *b = blocks; b; b = b->next)
            if (b->fls && b->fls[i]) {
                if (cb && n == cap) {
                    void **more = realloc(vals, (cap = cap ? cap * 2 : 8) * sizeof *vals);
                    if (more)
                        vals = more;
                }
                if (cb && n < cap)
                    vals[n++] = b->fls[i];
                b->fls[i] = NULL;
            }
        ret = 1;
    }
    pthread_mutex_unlock(&lock);
    for (size_t k = 0; k < n; k++)
        cb(vals[k]);
    free(vals);
    if (!ret)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    return WS_EXIT32(&c, ret, "index=%u", (unsigned)i);
}
