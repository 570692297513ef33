/* Heaps (GetProcessHeap, HeapCreate/Destroy, HeapAlloc/ReAlloc/Free/Size/
 * Validate, HeapSetInformation) and Local/Global memory.
 *
 * A block is malloc'd with a 48-byte header in front (16-byte alignment
 * kept): its heap, its size as requested (HeapSize returns it), a magic
 * number that lets HeapFree and LocalFree refuse what is not a live block,
 * the Local/Global flags and lock count, and list links.  Blocks of a
 * private heap are linked so HeapDestroy frees them; the process heap's
 * are not (it is never destroyed), so allocating from it takes no lock.
 * Fixed Local/Global blocks are process-heap blocks, as on Windows (Wine's
 * tests free FormatMessage buffers with HeapFree). */
#include "k32.h"
#include "ws2p/k32_memory.h"
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define HEAP_MAGIC 0x48703257u  /* a heap */
#define BLOCK_MAGIC 0x42703257u /* a live block */
#define DEAD_MAGIC 0x44703257u  /* a freed one */

struct heap;
struct block {
    struct heap *heap;
    struct block *prev, *next; /* private heaps only */
    SIZE_T size;
    uint32_t magic;
    uint16_t lflags; /* LMEM_MOVEABLE for moveable Local/Global memory */
    uint16_t locks;  /* their lock count */
    uint64_t pad;
};
_Static_assert(sizeof(struct block) % 16 == 0, "blocks stay 16-byte aligned");

struct heap {
    uint32_t magic;
    DWORD flags;
    bool process;
    pthread_mutex_t lock;
    struct block list; /* circular, private heaps */
    SIZE_T max, used;  /* max 0: growable */
};

static struct heap process_heap = {HEAP_MAGIC, 0, true, PTHREAD_MUTEX_INITIALIZER, {0}, 0, 0};

/* Blocks can exceed what malloc can give; refuse before adding the header. */
#define MAX_BLOCK ((SIZE_T)PTRDIFF_MAX - sizeof(struct block) - 4096)

static struct heap *heap_of(HANDLE h)
{
    struct heap *hp = h;
    if (ws_bad_ptr(h) || ((uintptr_t)h & 0xffff) || hp->magic != HEAP_MAGIC)
        return (uintptr_t)h == (uintptr_t)&process_heap ? &process_heap : NULL;
    return hp;
}

/* The live block a user pointer belongs to, or NULL. */
static struct block *block_of(const void *p)
{
    if (ws_bad_ptr(p) || ((uintptr_t)p & 15))
        return NULL;
    struct block *b = (struct block *)p - 1;
    return b->magic == BLOCK_MAGIC ? b : NULL;
}

static void link_block(struct heap *hp, struct block *b)
{
    b->next = hp->list.next;
    b->prev = &hp->list;
    hp->list.next->prev = b;
    hp->list.next = b;
}

static void unlink_block(struct block *b)
{
    b->prev->next = b->next;
    b->next->prev = b->prev;
}

/* 0 or the Win32 error. */
static int heap_alloc(struct heap *hp, DWORD flags, SIZE_T n, void **out)
{
    if (n > MAX_BLOCK)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (!hp->process) {
        pthread_mutex_lock(&hp->lock);
        bool full = hp->max && (n > hp->max || hp->used > hp->max - n);
        if (!full)
            hp->used += n;
        pthread_mutex_unlock(&hp->lock);
        if (full)
            return ERROR_NOT_ENOUGH_MEMORY;
    }
    struct block *b = (flags & HEAP_ZERO_MEMORY) ? calloc(1, sizeof *b + n) : malloc(sizeof *b + n);
    if (!b) {
        if (!hp->process) {
            pthread_mutex_lock(&hp->lock);
            hp->used -= n;
            pthread_mutex_unlock(&hp->lock);
        }
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    b->heap = hp;
    b->size = n;
    b->magic = BLOCK_MAGIC;
    b->lflags = 0;
    b->locks = 0;
    if (!hp->process) {
        pthread_mutex_lock(&hp->lock);
        link_block(hp, b);
        pthread_mutex_unlock(&hp->lock);
    }
    *out = b + 1;
    return 0;
}

static void heap_free(struct block *b)
{
    struct heap *hp = b->heap;
    b->magic = DEAD_MAGIC;
    if (!hp->process) {
        pthread_mutex_lock(&hp->lock);
        unlink_block(b);
        hp->used -= b->size;
        pthread_mutex_unlock(&hp->lock);
    }
    free(b);
}

/* Resize; in_place: only if the block need not move.  0 or the error. */
static int heap_realloc(struct block *b, DWORD flags, SIZE_T n, bool in_place, void **out)
{
    struct heap *hp = b->heap;
    SIZE_T old = b->size;
    if (n > MAX_BLOCK)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (!hp->process) {
        pthread_mutex_lock(&hp->lock);
        bool full = n > old && hp->max && (n - old > hp->max || hp->used > hp->max - (n - old));
        if (!full)
            hp->used = hp->used - old + n;
        pthread_mutex_unlock(&hp->lock);
        if (full)
            return ERROR_NOT_ENOUGH_MEMORY;
    }
    struct block *nb = b;
    if (n + sizeof *b > malloc_usable_size(b)) {
        if (in_place)
            nb = NULL;
        else {
            if (!hp->process)
                pthread_mutex_lock(&hp->lock);
            nb = realloc(b, sizeof *b + n);
            if (nb && !hp->process) {
                nb->prev->next = nb; /* the links moved with the header */
                nb->next->prev = nb;
            }
            if (!hp->process)
                pthread_mutex_unlock(&hp->lock);
        }
        if (!nb) {
            if (!hp->process) {
                pthread_mutex_lock(&hp->lock);
                hp->used = hp->used - n + old;
                pthread_mutex_unlock(&hp->lock);
            }
            return ERROR_NOT_ENOUGH_MEMORY;
        }
    }
    nb->size = n;
    if ((flags & HEAP_ZERO_MEMORY) && n > old)
        memset((char *)(nb + 1) + old, 0, n - old);
    *out = nb + 1;
    return 0;
}

WS2P_EXPORT HANDLE GetProcessHeap(void)
{
    struct ws_call c = WS_CALL32("GetProcessHeap");
    return WS_EXIT32(&c, (HANDLE)&process_heap, "");
}

/* The handle is the heap's address, 64 KiB aligned as Windows' are. */
WS2P_EXPORT HANDLE HeapCreate(DWORD options, SIZE_T initial, SIZE_T max)
{
    struct ws_call c = WS_CALL32("HeapCreate");
    struct heap *hp = NULL;
    if (max && initial > max)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else if (posix_memalign((void **)&hp, 0x10000, sizeof *hp) != 0) {
        hp = NULL;
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    } else {
        memset(hp, 0, sizeof *hp);
        hp->magic = HEAP_MAGIC;
        hp->flags = options;
        pthread_mutex_init(&hp->lock, NULL);
        hp->list.next = hp->list.prev = &hp->list;
        hp->max = max;
    }
    return WS_EXIT32(&c, (HANDLE)hp, "options=%#x, initial=%zu, max=%zu", (unsigned)options, (size_t)initial,
                     (size_t)max);
}

WS2P_EXPORT BOOL HeapDestroy(HANDLE h)
{
    struct ws_call c = WS_CALL32("HeapDestroy");
    struct heap *hp = heap_of(h);
    BOOL ret = 0;
    if (!hp || hp->process)
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else {
        for (struct block *b = hp->list.next, *n; b != &hp->list; b = n) {
            n = b->next;
            b->magic = DEAD_MAGIC;
            free(b);
        }
        hp->magic = 0;
        pthread_mutex_destroy(&hp->lock);
        free(hp);
        ret = 1;
    }
    return WS_EXIT32(&c, ret, "heap=%p", h);
}

WS2P_EXPORT void *HeapAlloc(HANDLE h, DWORD flags, SIZE_T n)
{
    struct ws_call c = WS_CALL32("HeapAlloc");
    struct heap *hp = heap_of(h);
    void *p = NULL;
    if (!hp)
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else {
        int e = heap_alloc(hp, flags, n, &p);
        if (e)
            ws_fail(&c, e);
    }
    return WS_EXIT32(&c, p, "heap=%p, flags=%#x, n=%zu", h, (unsigned)flags, (size_t)n);
}

WS2P_EXPORT void *HeapReAlloc(HANDLE h, DWORD flags, void *mem, SIZE_T n)
{
    struct ws_call c = WS_CALL32("HeapReAlloc");
    struct heap *hp = heap_of(h);
    struct block *b = block_of(mem);
    void *p = NULL;
    if (!hp)
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else if (!mem)
        ws_fail(&c, 0); /* heap.c: NULL, and Windows reports NO_ERROR */
    else if (!b || b->heap != hp)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else {
        int e = heap_realloc(b, flags, n, flags & HEAP_REALLOC_IN_PLACE_ONLY, &p);
        if (e)
            ws_fail(&c, e);
    }
    return WS_EXIT32(&c, p, "heap=%p, flags=%#x, mem=%p, n=%zu", h, (unsigned)flags, mem, (size_t)n);
}

WS2P_EXPORT BOOL HeapFree(HANDLE h, DWORD flags, void *mem)
{
    struct ws_call c = WS_CALL32("HeapFree");
    struct heap *hp = heap_of(h);
    struct block *b = block_of(mem);
    BOOL ret = 0;
    if (!hp)
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else if (!mem)
        ret = 1;
    else if (!b || b->heap != hp)
        ws_fail(&c, ERROR_INVALID_PARAMETER); /* Windows would corrupt or crash */
    else {
        heap_free(b);
        ret = 1;
    }
    return WS_EXIT32(&c, ret, "heap=%p, flags=%#x, mem=%p", h, (unsigned)flags, mem);
}

/* (SIZE_T)-1 on failure; HeapSize sets no last error (reference page). */
WS2P_EXPORT SIZE_T HeapSize(HANDLE h, DWORD flags, const void *mem)
{
    struct ws_call c = WS_CALL32("HeapSize");
    struct heap *hp = heap_of(h);
    struct block *b = block_of(mem);
    SIZE_T ret = hp && b && b->heap == hp ? b->size : (SIZE_T)-1;
    return WS_EXIT32(&c, ret, "heap=%p, flags=%#x, mem=%p", h, (unsigned)flags, mem);
}

/* The whole heap (mem NULL) is always consistent; a block is valid while
 * it is live.  Leaves the last error alone (heap.c). */
WS2P_EXPORT BOOL HeapValidate(HANDLE h, DWORD flags, const void *mem)
{
    struct ws_call c = WS_CALL32("HeapValidate");
    struct heap *hp = heap_of(h);
    struct block *b = block_of(mem);
    BOOL ret = hp && (!mem || (b && b->heap == hp));
    return WS_EXIT32(&c, ret, "heap=%p, flags=%#x, mem=%p", h, (unsigned)flags, mem);
}

/* Startup code calls this with HeapEnableTerminationOnCorruption; glibc's
 * malloc already aborts on the corruption it detects. */
WS2P_EXPORT BOOL HeapSetInformation(HANDLE h, HEAP_INFORMATION_CLASS cls, void *info, SIZE_T len)
{
    struct ws_call c = WS_CALL32("HeapSetInformation");
    BOOL ret = 0;
    if (cls == HeapEnableTerminationOnCorruption || cls == HeapOptimizeResources)
        ret = 1;
    else if (cls == HeapCompatibilityInformation) {
        if (!heap_of(h))
            ws_fail(&c, ERROR_INVALID_HANDLE);
        else if (!info || len < sizeof(ULONG))
            ws_fail(&c, ERROR_INSUFFICIENT_BUFFER);
        else
            ret = *(ULONG *)info == 0 || *(ULONG *)info == 2; /* standard or low-fragmentation */
        if (!ret && c.err == WS_ERR_KEEP)
            ws_fail(&c, ERROR_INVALID_PARAMETER);
    } else
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    return WS_EXIT32(&c, ret, "heap=%p, class=%d", h, (int)cls);
}

/* ---- Local and Global memory ------------------------------------------- */
/* The two families are one: GMEM_* and LMEM_* share their values for
 * everything used here (FIXED, MOVEABLE, ZEROINIT, MODIFY). */

void *ws_local_alloc(size_t n)
{
    void *p = NULL;
    return heap_alloc(&process_heap, 0, n, &p) ? NULL : p;
}

static HLOCAL mem_alloc(struct ws_call *c, UINT flags, SIZE_T n, UINT valid)
{
    void *p = NULL;
    if (flags & ~valid) {
        ws_fail(c, ERROR_INVALID_PARAMETER);
        return NULL;
    }
    int e = heap_alloc(&process_heap, flags & LMEM_ZEROINIT ? HEAP_ZERO_MEMORY : 0, n, &p);
    if (e)
        ws_fail(c, e);
    else if (flags & LMEM_MOVEABLE)
        block_of(p)->lflags = LMEM_MOVEABLE;
    return p;
}

static struct block *mem_block(struct ws_call *c, HLOCAL h)
{
    struct block *b = block_of(h);
    if (!b || b->heap != &process_heap)
        ws_fail(c, ERROR_INVALID_HANDLE);
    return b && b->heap == &process_heap ? b : NULL;
}

/* Fixed memory is resized in place unless LMEM_MOVEABLE allows a move
 * (LocalReAlloc reference page); LMEM_MODIFY changes the flags only. */
static HLOCAL mem_realloc(struct ws_call *c, HLOCAL h, SIZE_T n, UINT flags)
{
    struct block *b = mem_block(c, h);
    void *p = NULL;
    if (!b)
        return NULL;
    if (flags & LMEM_MODIFY) {
        if (flags & LMEM_MOVEABLE)
            b->lflags = LMEM_MOVEABLE;
        return h;
    }
    bool may_move = (flags & LMEM_MOVEABLE) || (b->lflags & LMEM_MOVEABLE && !b->locks);
    int e = heap_realloc(b, flags & LMEM_ZEROINIT ? HEAP_ZERO_MEMORY : 0, n, !may_move, &p);
    if (e)
        ws_fail(c, e);
    return p;
}

static HLOCAL mem_free(struct ws_call *c, HLOCAL h)
{
    if (!h)
        return NULL;
    struct block *b = mem_block(c, h);
    if (!b)
        return h; /* the handle back, as on failure on Windows */
    heap_free(b);
    return NULL;
}

static void *mem_lock(struct ws_call *c, HLOCAL h)
{
    struct block *b = mem_block(c, h);
    if (b && (b->lflags & LMEM_MOVEABLE) && b->locks < LMEM_LOCKCOUNT)
        b->locks++;
    return b ? (void *)h : NULL;
}

/* TRUE while still locked; FALSE with NO_ERROR when this unlock released
 * it; ERROR_NOT_LOCKED when it was not locked.  Fixed memory is never
 * locked: GlobalUnlock reports TRUE for it, LocalUnlock ERROR_NOT_LOCKED. */
static BOOL mem_unlock(struct ws_call *c, HLOCAL h, bool global)
{
    struct block *b = mem_block(c, h);
    if (!b)
        return 0;
    if (!(b->lflags & LMEM_MOVEABLE)) {
        if (global)
            return 1;
        ws_fail(c, ERROR_NOT_LOCKED);
        return 0;
    }
    if (!b->locks) {
        ws_fail(c, ERROR_NOT_LOCKED);
        return 0;
    }
    if (--b->locks)
        return 1;
    ws_fail(c, 0);
    return 0;
}

static SIZE_T mem_size(struct ws_call *c, HLOCAL h)
{
    struct block *b = mem_block(c, h);
    return b ? b->size : 0;
}

static UINT mem_flags(struct ws_call *c, HLOCAL h)
{
    struct block *b = mem_block(c, h);
    return b ? b->locks : LMEM_INVALID_HANDLE;
}

static HLOCAL mem_handle(struct ws_call *c, const void *p)
{
    return mem_block(c, (HLOCAL)p) ? (HLOCAL)p : NULL;
}

WS2P_EXPORT HLOCAL LocalAlloc(UINT flags, SIZE_T n)
{
    struct ws_call c = WS_CALL32("LocalAlloc");
    HLOCAL h = mem_alloc(&c, flags, n, LMEM_VALID_FLAGS);
    return WS_EXIT32(&c, h, "flags=%#x, n=%zu", flags, (size_t)n);
}

WS2P_EXPORT HLOCAL LocalReAlloc(HLOCAL h, SIZE_T n, UINT flags)
{
    struct ws_call c = WS_CALL32("LocalReAlloc");
    HLOCAL r = mem_realloc(&c, h, n, flags);
    return WS_EXIT32(&c, r, "h=%p, n=%zu, flags=%#x", h, (size_t)n, flags);
}

WS2P_EXPORT HLOCAL LocalFree(HLOCAL h)
{
    struct ws_call c = WS_CALL32("LocalFree");
    HLOCAL r = mem_free(&c, h);
    return WS_EXIT32(&c, r, "h=%p", h);
}

WS2P_EXPORT SIZE_T LocalSize(HLOCAL h)
{
    struct ws_call c = WS_CALL32("LocalSize");
    SIZE_T r = mem_size(&c, h);
    return WS_EXIT32(&c, r, "h=%p", h);
}

WS2P_EXPORT void *LocalLock(HLOCAL h)
{
    struct ws_call c = WS_CALL32("LocalLock");
    void *r = mem_lock(&c, h);
    return WS_EXIT32(&c, r, "h=%p", h);
}

WS2P_EXPORT BOOL LocalUnlock(HLOCAL h)
{
    struct ws_call c = WS_CALL32("LocalUnlock");
    BOOL r = mem_unlock(&c, h, false);
    return WS_EXIT32(&c, r, "h=%p", h);
}

WS2P_EXPORT UINT LocalFlags(HLOCAL h)
{
    struct ws_call c = WS_CALL32("LocalFlags");
    UINT r = mem_flags(&c, h);
    return WS_EXIT32(&c, r, "h=%p", h);
}

WS2P_EXPORT HLOCAL LocalHandle(const void *p)
{
    struct ws_call c = WS_CALL32("LocalHandle");
    HLOCAL r = mem_handle(&c, p);
    return WS_EXIT32(&c, r, "p=%p", p);
}

WS2P_EXPORT HGLOBAL GlobalAlloc(UINT flags, SIZE_T n)
{
    struct ws_call c = WS_CALL32("GlobalAlloc");
    HGLOBAL h = mem_alloc(&c, flags, n, GMEM_VALID_FLAGS);
    return WS_EXIT32(&c, h, "flags=%#x, n=%zu", flags, (size_t)n);
}

WS2P_EXPORT HGLOBAL GlobalReAlloc(HGLOBAL h, SIZE_T n, UINT flags)
{
    struct ws_call c = WS_CALL32("GlobalReAlloc");
    HGLOBAL r = mem_realloc(&c, h, n, flags);
    return WS_EXIT32(&c, r, "h=%p, n=%zu, flags=%#x", h, (size_t)n, flags);
}

WS2P_EXPORT HGLOBAL GlobalFree(HGLOBAL h)
{
    struct ws_call c = WS_CALL32("GlobalFree");
    HGLOBAL r = mem_free(&c, h);
    return WS_EXIT32(&c, r, "h=%p", h);
}

WS2P_EXPORT SIZE_T GlobalSize(HGLOBAL h)
{
    struct ws_call c = WS_CALL32("GlobalSize");
    SIZE_T r = mem_size(&c, h);
    return WS_EXIT32(&c, r, "h=%p", h);
}

WS2P_EXPORT void *GlobalLock(HGLOBAL h)
{
    struct ws_call c = WS_CALL32("GlobalLock");
    void *r = mem_lock(&c, h);
    return WS_EXIT32(&c, r, "h=%p", h);
}

WS2P_EXPORT BOOL GlobalUnlock(HGLOBAL h)
{
    struct ws_call c = WS_CALL32("GlobalUnlock");
    BOOL r = mem_unlock(&c, h, true);
    return WS_EXIT32(&c, r, "h=%p", h);
}

WS2P_EXPORT UINT GlobalFlags(HGLOBAL h)
{
    struct ws_call c = WS_CALL32("GlobalFlags");
    UINT r = mem_flags(&c, h);
    return WS_EXIT32(&c, r, "h=%p", h);
}

WS2P_EXPORT HGLOBAL GlobalHandle(const void *p)
{
    struct ws_call c = WS_CALL32("GlobalHandle");
    HGLOBAL r = mem_handle(&c, p);
    return WS_EXIT32(&c, r, "p=%p", p);
}
