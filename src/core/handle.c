/* The handle table: HANDLE -> object, the model of the socket table.
 *
 * A handle is WS_HANDLE_TAG | generation << 22 | index << 2 (winobj.h).
 * Slots live in pages that are never freed, so a lookup may touch any slot
 * safely: it takes a slot reference (refused once the slot is closing or
 * empty), checks the generation, references the object and lets the slot
 * go.  No lock on lookup; creating and finally releasing a handle take the
 * free-list lock.  A garbage, closed or stale handle (or a SOCKET passed as
 * one) is simply not found, never followed. */
#include "engine.h"
#include <stdlib.h>

#define IDX_BITS 20
#define GEN_SHIFT (2 + IDX_BITS)
#define GEN_MASK 0xffu
#define HPAGE_SHIFT 10
#define HPAGE_SIZE (1u << HPAGE_SHIFT)
#define HMAX_PAGES ((1u << IDX_BITS) / HPAGE_SIZE)
#define SLOT_CLOSING 0x80000000u

struct hslot {
    _Atomic uint32_t refs; /* 1 for the handle itself + lookups in flight; 0 = free */
    _Atomic uint32_t gen;
    ws_obj *obj;           /* valid while refs != 0 */
    _Atomic uint32_t flags; /* HANDLE_FLAG_INHERIT, HANDLE_FLAG_PROTECT_FROM_CLOSE */
    uint32_t next_free;    /* free list, under lock (index + 1; 0 = end) */
    uint32_t idx;          /* this slot's own index */
};

static struct hslot *_Atomic hpages[HMAX_PAGES];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint32_t free_head; /* index + 1 */
static uint32_t next_unused;

static struct hslot *slot_at(uint32_t idx)
{
    struct hslot *page = atomic_load_explicit(&hpages[idx >> HPAGE_SHIFT], memory_order_acquire);
    return page ? &page[idx & (HPAGE_SIZE - 1)] : NULL;
}

/* Decode h to its slot if the value has the form of a live handle.  The
 * low two bits are tag bits Windows ignores (OBJ_HANDLE_TAGBITS): an
 * OVERLAPPED's hEvent with its low bit set, which keeps a completion off
 * the port, is still waited on (sock.c test_connect_completion_port). */
static struct hslot *decode(HANDLE h, uint32_t *gen)
{
    uintptr_t v = (uintptr_t)h;
    if ((v & ~(uintptr_t)0x7fffffffu) || !(v & WS_HANDLE_TAG))
        return NULL;
    *gen = (uint32_t)(v >> GEN_SHIFT) & GEN_MASK;
    return slot_at((uint32_t)(v >> 2) & ((1u << IDX_BITS) - 1));
}

HANDLE ws_handle_new(ws_obj *o)
{
    pthread_mutex_lock(&lock);
    uint32_t idx;
    struct hslot *s = NULL;
    if (free_head) {
        idx = free_head - 1;
        s = slot_at(idx);
        free_head = s->next_free;
    } else if (next_unused < (1u << IDX_BITS)) {
        idx = next_unused;
        unsigned p = idx >> HPAGE_SHIFT;
        if (!atomic_load_explicit(&hpages[p], memory_order_relaxed)) {
            struct hslot *page = calloc(HPAGE_SIZE, sizeof *page);
            if (page)
                atomic_store_explicit(&hpages[p], page, memory_order_release);
        }
        if ((s = slot_at(idx)) != NULL)
            next_unused++;
    }
    if (!s) {
        pthread_mutex_unlock(&lock);
        ws_last_error = next_unused < (1u << IDX_BITS) ? ERROR_NOT_ENOUGH_MEMORY : ERROR_NO_SYSTEM_RESOURCES;
        return NULL;
    }
    uint32_t gen = (atomic_load_explicit(&s->gen, memory_order_relaxed) + 1) & GEN_MASK;
    atomic_store_explicit(&s->gen, gen, memory_order_relaxed);
    ws_obj_ref(o);
    atomic_fetch_add_explicit(&o->handles, 1, memory_order_relaxed);
    s->obj = o;
    s->idx = idx;
    atomic_store_explicit(&s->flags, 0, memory_order_relaxed);
    atomic_store_explicit(&s->refs, 1, memory_order_release);
    pthread_mutex_unlock(&lock);
    return (HANDLE)(uintptr_t)(WS_HANDLE_TAG | (gen << GEN_SHIFT) | (idx << 2));
}

/* Take a slot reference if h names the live handle in s. */
static bool slot_get(struct hslot *s)
{
    uint32_t r = atomic_load_explicit(&s->refs, memory_order_relaxed);
    do {
        if (r == 0 || (r & SLOT_CLOSING))
            return false;
    } while (!atomic_compare_exchange_weak_explicit(&s->refs, &r, r + 1, memory_order_acquire,
                                                    memory_order_relaxed));
    return true;
}

static void slot_put(struct hslot *s);

/* slot_get, then the generation: a slot reused since h was closed makes h
 * stale. */
static bool slot_get_gen(struct hslot *s, uint32_t gen)
{
    if (!slot_get(s))
        return false;
    if (atomic_load_explicit(&s->gen, memory_order_relaxed) == gen)
        return true;
    slot_put(s);
    return false;
}

/* The last reference to a closed slot: the object loses the handle's
 * reference and the slot goes back to the free list. */
static void slot_put(struct hslot *s)
{
    if (atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) != (SLOT_CLOSING | 1))
        return;
    ws_obj *o = s->obj;
    pthread_mutex_lock(&lock);
    s->obj = NULL;
    atomic_store_explicit(&s->refs, 0, memory_order_release);
    s->next_free = free_head;
    free_head = s->idx + 1;
    pthread_mutex_unlock(&lock);
    if (atomic_fetch_sub_explicit(&o->handles, 1, memory_order_acq_rel) == 1 && o->last_handle)
        o->last_handle(o); /* e.g. a port whose last handle closed wakes its waiters */
    ws_obj_unref(o);
}

ws_obj *ws_handle_get(HANDLE h, int type)
{
    uint32_t gen;
    struct hslot *s = decode(h, &gen);
    if (!s || !slot_get_gen(s, gen))
        return NULL;
    ws_obj *o = s->obj;
    bool match = !type || (int)o->type == type;
    if (match)
        ws_obj_ref(o);
    slot_put(s);
    return match ? o : NULL;
}

/* The process pseudo-handle's object: never signalled while we run. */
static ws_obj *process_obj(void)
{
    static ws_obj *_Atomic proc;
    ws_obj *o = atomic_load_explicit(&proc, memory_order_acquire);
    if (!o) {
        ws_obj *n = ws_obj_new(WS_OBJ_PROCESS, true, false);
        if (!n)
            return NULL;
        n->exit_code = WS_STILL_ACTIVE;
        if (atomic_compare_exchange_strong(&proc, &o, n))
            o = n;
        else
            ws_obj_unref(n);
    }
    ws_obj_ref(o);
    return o;
}

ws_obj *ws_handle_obj(HANDLE h, int type)
{
    ws_obj *o = NULL;
    if (h == WS_PSEUDO_THREAD && (!type || type == WS_OBJ_THREAD)) {
        struct ws_thread *t = ws_thread_self();
        if (t) {
            o = t->obj;
            ws_obj_ref(o);
        }
    } else if (h == WS_PSEUDO_PROCESS && (!type || type == WS_OBJ_PROCESS))
        o = process_obj();
    else if (ws_handle_is_socket(h)) {
        /* A socket's handle names its file object: what waiting on it waits
         * for (signalled when an operation without an event completes). */
        ws_sock *sk = (!type || type == WS_OBJ_FILE) ? ws_sock_get((SOCKET)(uintptr_t)h) : NULL;
        if (sk) {
            if ((o = ws_io_fileobj(sk)) != NULL)
                ws_obj_ref(o);
            ws_sock_put(sk);
        }
    } else
        o = ws_handle_get(h, type);
    if (!o)
        ws_last_error = ERROR_INVALID_HANDLE;
    return o;
}

int ws_handle_close(HANDLE h)
{
    uint32_t gen;
    struct hslot *s = decode(h, &gen);
    if (!s || !slot_get_gen(s, gen))
        return ERROR_INVALID_HANDLE;
    if (atomic_load_explicit(&s->flags, memory_order_relaxed) & 2) { /* HANDLE_FLAG_PROTECT_FROM_CLOSE */
        slot_put(s);
        return ERROR_INVALID_HANDLE;
    }
    uint32_t old = atomic_fetch_or_explicit(&s->refs, SLOT_CLOSING, memory_order_acq_rel);
    if (old & SLOT_CLOSING) { /* another thread closed it first */
        slot_put(s);
        return ERROR_INVALID_HANDLE;
    }
    atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel); /* the handle's own */
    slot_put(s);
    return 0;
}

int ws_handle_flags(HANDLE h, DWORD *flags)
{
    uint32_t gen;
    struct hslot *s = decode(h, &gen);
    if (!s || !slot_get_gen(s, gen))
        return ERROR_INVALID_HANDLE;
    *flags = atomic_load_explicit(&s->flags, memory_order_relaxed);
    slot_put(s);
    return 0;
}

int ws_handle_set_flags(HANDLE h, DWORD mask, DWORD flags)
{
    uint32_t gen;
    struct hslot *s = decode(h, &gen);
    if (!s || !slot_get_gen(s, gen))
        return ERROR_INVALID_HANDLE;
    mask &= 3;
    uint32_t f = atomic_load_explicit(&s->flags, memory_order_relaxed);
    while (!atomic_compare_exchange_weak_explicit(&s->flags, &f, (f & ~mask) | (flags & mask),
                                                  memory_order_relaxed, memory_order_relaxed))
        ;
    slot_put(s);
    return 0;
}
