/* Critical sections, slim reader/writer locks, condition variables,
 * one-time initialisation and WaitOnAddress: the synchronisation that lives
 * in the program's own memory (the handle-based objects are in event.c,
 * mutex.c, semaphore.c and timer.c).
 *
 * Critical sections.  The program allocates Windows' CRITICAL_SECTION (40
 * bytes on x64: DebugInfo, LockCount, RecursionCount, OwningThread,
 * LockSemaphore, SpinCount); we keep a recursive pthread mutex in that
 * storage, so the uncontended path is the mutex's (no system call) and a
 * section needs no allocation.  The Windows fields are not maintained. */
#include "core.h"
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define WS_CRITICAL_SECTION_SIZE 40
_Static_assert(sizeof(pthread_mutex_t) <= WS_CRITICAL_SECTION_SIZE,
               "a pthread mutex must fit in a Windows CRITICAL_SECTION");
_Static_assert(_Alignof(pthread_mutex_t) <= _Alignof(void *),
               "CRITICAL_SECTION is pointer-aligned");

static pthread_mutex_t *mutex(void *cs)
{
    return cs;
}

/* Windows sections are always recursive: the owner may enter again and must
 * leave as many times. */
static void init(void *cs)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(mutex(cs), &a);
    pthread_mutexattr_destroy(&a);
}

WS2P_EXPORT void InitializeCriticalSection(void *cs)
{
    init(cs);
    WS_TRACE_ONLY("InitializeCriticalSection", 0, "cs=%p", cs);
}

/* The spin count is a tuning hint; glibc's mutex has its own policy. */
WS2P_EXPORT BOOL InitializeCriticalSectionAndSpinCount(void *cs, DWORD spin)
{
    (void)spin;
    init(cs);
    return 1;
}

WS2P_EXPORT BOOL InitializeCriticalSectionEx(void *cs, DWORD spin, DWORD flags)
{
    (void)spin, (void)flags;
    init(cs);
    return 1;
}

/* Returns the previous spin count; none is kept, so 0. */
WS2P_EXPORT DWORD SetCriticalSectionSpinCount(void *cs, DWORD spin)
{
    (void)cs, (void)spin;
    return 0;
}

WS2P_EXPORT void EnterCriticalSection(void *cs)
{
    pthread_mutex_lock(mutex(cs));
    WS_TRACE_ONLY("EnterCriticalSection", 0, "cs=%p", cs);
}

WS2P_EXPORT BOOL TryEnterCriticalSection(void *cs)
{
    BOOL ret = pthread_mutex_trylock(mutex(cs)) == 0;
    WS_TRACE_ONLY("TryEnterCriticalSection", ret, "cs=%p", cs);
    return ret;
}

WS2P_EXPORT void LeaveCriticalSection(void *cs)
{
    pthread_mutex_unlock(mutex(cs));
    WS_TRACE_ONLY("LeaveCriticalSection", 0, "cs=%p", cs);
}

WS2P_EXPORT void DeleteCriticalSection(void *cs)
{
    pthread_mutex_destroy(mutex(cs));
    WS_TRACE_ONLY("DeleteCriticalSection", 0, "cs=%p", cs);
}

/* ---- futex words ---------------------------------------------------------
 * SRW locks, condition variables and one-time initialisation keep their
 * whole state in the program's pointer-sized structure (Windows' size), as
 * one or two 32-bit futex words: no allocation, and the uncontended paths are
 * one or two atomic operations with no system call.  A structure the
 * program packed off its natural alignment cannot be a futex: the waits
 * then yield and look again (correct, but they spin). */

typedef _Atomic uint32_t word_t;

/* The half of a pointer-sized structure that holds its low-order bits. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LOW_HALF 0
#else
#define LOW_HALF 1
#endif

static word_t *words(void *p)
{
    return (word_t *)p;
}

/* Sleep while *w == val, until woken or the absolute CLOCK_MONOTONIC
 * deadline (NULL: none).  0 when woken or the value differed, else
 * ETIMEDOUT / EINTR. */
static int futex_wait(word_t *w, uint32_t val, const struct timespec *deadline, uint32_t bits)
{
    if (ws_unlikely((uintptr_t)w & 3)) {
        sched_yield();
        return 0;
    }
    long r = syscall(SYS_futex, w, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, val, deadline, NULL, bits);
    return r < 0 && (errno == ETIMEDOUT || errno == EINTR) ? errno : 0;
}

static void futex_wake(word_t *w, int n, uint32_t bits)
{
    if (!((uintptr_t)w & 3))
        syscall(SYS_futex, w, FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG, n, NULL, NULL, bits);
}

#define ANY FUTEX_BITSET_MATCH_ANY

/* INFINITE -> NULL, else now + ms. */
static const struct timespec *deadline_in(DWORD ms, struct timespec *ts)
{
    if (ms == (DWORD)WS_INFINITE)
        return NULL;
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
    return ts;
}

/* ---- slim reader/writer locks --------------------------------------------
 * Word 0 is the state: the shared holders, the writer bit, how many writers
 * wait and whether readers wait.  Writers sleep on word 1, a wake sequence,
 * so a release can wake exactly one of them; readers sleep on word 0.
 * Waiting writers are preferred: no new shared owner while one waits (Wine's
 * tests: a pending exclusive acquire makes TryAcquireSRWLockShared fail). */
#define SRW_READERS 0x0000ffffu /* shared holders */
#define SRW_WW_ONE 0x00010000u  /* one waiting writer (bits 16..29) */
#define SRW_WW_MASK 0x3fff0000u
#define SRW_RWAIT 0x40000000u   /* readers sleep on word 0 */
#define SRW_WRITER 0x80000000u

/* After a release left state v: wake one waiting writer if any, else the
 * readers. */
static void srw_wake(word_t *w, uint32_t v)
{
    if (v & (SRW_WRITER | SRW_READERS))
        return;
    if (v & SRW_WW_MASK) {
        atomic_fetch_add(&w[1], 1);
        futex_wake(&w[1], 1, ANY);
    } else if (v & SRW_RWAIT) {
        atomic_fetch_and(&w[0], ~SRW_RWAIT);
        futex_wake(&w[0], INT_MAX, ANY);
    }
}

static void srw_lock_exclusive(word_t *w)
{
    uint32_t v = 0;
    if (ws_likely(atomic_compare_exchange_strong(&w[0], &v, SRW_WRITER)))
        return;
    bool counted = false;
    for (;;) {
        v = atomic_load(&w[0]);
        if (!(v & (SRW_WRITER | SRW_READERS))) {
            if (atomic_compare_exchange_weak(&w[0], &v, (v | SRW_WRITER) - (counted ? SRW_WW_ONE : 0)))
                return;
            continue;
        }
        if (!counted) {
            if ((v & SRW_WW_MASK) == SRW_WW_MASK)
                sched_yield(); /* the waiting-writer count is full */
            else if (atomic_compare_exchange_weak(&w[0], &v, v + SRW_WW_ONE))
                counted = true;
            continue;
        }
        /* The sequence first, then the state: a release between the two is
         * seen as a changed state, one after them as a changed sequence. */
        uint32_t seq = atomic_load(&w[1]);
        if (atomic_load(&w[0]) == v)
            futex_wait(&w[1], seq, NULL, ANY);
    }
}

static void srw_unlock_exclusive(word_t *w)
{
    uint32_t v = SRW_WRITER;
    if (ws_likely(atomic_compare_exchange_strong(&w[0], &v, 0)))
        return;
    v = atomic_fetch_and(&w[0], ~SRW_WRITER) & ~SRW_WRITER;
    srw_wake(w, v);
}

static void srw_lock_shared(word_t *w)
{
    uint32_t v = atomic_load_explicit(&w[0], memory_order_relaxed);
    if (ws_likely(!(v & (SRW_WRITER | SRW_WW_MASK)) && (v & SRW_READERS) != SRW_READERS &&
                  atomic_compare_exchange_weak(&w[0], &v, v + 1)))
        return;
    for (;;) {
        v = atomic_load(&w[0]);
        if (!(v & (SRW_WRITER | SRW_WW_MASK))) {
            if ((v & SRW_READERS) == SRW_READERS)
                sched_yield(); /* 65535 shared owners */
            else if (atomic_compare_exchange_weak(&w[0], &v, v + 1))
                return;
            continue;
        }
        if (!(v & SRW_RWAIT)) {
            if (!atomic_compare_exchange_weak(&w[0], &v, v | SRW_RWAIT))
                continue;
            v |= SRW_RWAIT;
        }
        futex_wait(&w[0], v, NULL, ANY);
    }
}

static void srw_unlock_shared(word_t *w)
{
    uint32_t v = atomic_fetch_sub(&w[0], 1) - 1;
    if (ws_unlikely(!(v & SRW_READERS) && (v & (SRW_WW_MASK | SRW_RWAIT))))
        srw_wake(w, v);
}

WS2P_EXPORT void InitializeSRWLock(void *lock)
{
    *(void **)lock = NULL;
    WS_TRACE_ONLY("InitializeSRWLock", 0, "lock=%p", lock);
}

WS2P_EXPORT void AcquireSRWLockExclusive(void *lock)
{
    srw_lock_exclusive(words(lock));
    WS_TRACE_ONLY("AcquireSRWLockExclusive", 0, "lock=%p", lock);
}

WS2P_EXPORT void ReleaseSRWLockExclusive(void *lock)
{
    srw_unlock_exclusive(words(lock));
    WS_TRACE_ONLY("ReleaseSRWLockExclusive", 0, "lock=%p", lock);
}

WS2P_EXPORT void AcquireSRWLockShared(void *lock)
{
    srw_lock_shared(words(lock));
    WS_TRACE_ONLY("AcquireSRWLockShared", 0, "lock=%p", lock);
}

WS2P_EXPORT void ReleaseSRWLockShared(void *lock)
{
    srw_unlock_shared(words(lock));
    WS_TRACE_ONLY("ReleaseSRWLockShared", 0, "lock=%p", lock);
}

/* Exclusive: only a free lock (not recursive: the owner fails too). */
WS2P_EXPORT BOOLEAN TryAcquireSRWLockExclusive(void *lock)
{
    word_t *w = words(lock);
    uint32_t v = atomic_load_explicit(&w[0], memory_order_relaxed);
    BOOLEAN ret = 0;
    while (!(v & (SRW_WRITER | SRW_READERS)))
        if (atomic_compare_exchange_weak(&w[0], &v, v | SRW_WRITER)) {
            ret = 1;
            break;
        }
    WS_TRACE_ONLY("TryAcquireSRWLockExclusive", ret, "lock=%p", lock);
    return ret;
}

/* Shared: unless a writer holds it or waits for it. */
WS2P_EXPORT BOOLEAN TryAcquireSRWLockShared(void *lock)
{
    word_t *w = words(lock);
    uint32_t v = atomic_load_explicit(&w[0], memory_order_relaxed);
    BOOLEAN ret = 0;
    while (!(v & (SRW_WRITER | SRW_WW_MASK)) && (v & SRW_READERS) != SRW_READERS)
        if (atomic_compare_exchange_weak(&w[0], &v, v + 1)) {
            ret = 1;
            break;
        }
    WS_TRACE_ONLY("TryAcquireSRWLockShared", ret, "lock=%p", lock);
    return ret;
}

/* ---- condition variables ---------------------------------------------------
 * Word 0 is a wake sequence the sleepers wait on, word 1 counts them, so a
 * wake with nobody asleep is one load.  A sleeper counts itself and reads
 * the sequence before it releases the lock: a wake by a thread that then
 * takes the lock changes the sequence it waits on.  Spurious wake-ups are
 * allowed (SleepConditionVariableCS docs). */
#define CONDITION_VARIABLE_LOCKMODE_SHARED_ 0x1u

/* Sleep on cv with the lock released by unlock(arg) and taken again by
 * lock(arg): TRUE when woken, FALSE with ERROR_TIMEOUT. */
static BOOL cv_sleep(struct ws_call *c, void *cv, DWORD ms, void (*unlock)(void *), void (*lock)(void *), void *arg)
{
    word_t *w = words(cv);
    struct timespec ts;
    const struct timespec *deadline = deadline_in(ms, &ts);
    atomic_fetch_add(&w[1], 1);
    uint32_t seq = atomic_load(&w[0]);
    unlock(arg);
    int r;
    while ((r = futex_wait(&w[0], seq, deadline, ANY)) == EINTR && atomic_load(&w[0]) == seq)
        ;
    atomic_fetch_sub(&w[1], 1);
    lock(arg);
    if (r == ETIMEDOUT) {
        ws_fail(c, ERROR_TIMEOUT);
        return 0;
    }
    return 1;
}

static void cv_wake(void *cv, int n)
{
    word_t *w = words(cv);
    if (ws_likely(atomic_load(&w[1]) == 0))
        return;
    atomic_fetch_add(&w[0], 1);
    futex_wake(&w[0], n, ANY);
}

static void cs_leave(void *cs)
{
    pthread_mutex_unlock(mutex(cs));
}
static void cs_enter(void *cs)
{
    pthread_mutex_lock(mutex(cs));
}
static void srw_x_leave(void *l)
{
    srw_unlock_exclusive(words(l));
}
static void srw_x_enter(void *l)
{
    srw_lock_exclusive(words(l));
}
static void srw_s_leave(void *l)
{
    srw_unlock_shared(words(l));
}
static void srw_s_enter(void *l)
{
    srw_lock_shared(words(l));
}

WS2P_EXPORT void InitializeConditionVariable(void *cv)
{
    *(void **)cv = NULL;
    WS_TRACE_ONLY("InitializeConditionVariable", 0, "cv=%p", cv);
}

/* The section must be entered exactly once by the caller (the docs'
 * condition): it is left once and entered again. */
WS2P_EXPORT BOOL SleepConditionVariableCS(void *cv, void *cs, DWORD ms)
{
    struct ws_call c = WS_CALL32("SleepConditionVariableCS");
    BOOL ret = cv_sleep(&c, cv, ms, cs_leave, cs_enter, cs);
    return WS_EXIT32(&c, ret, "cv=%p, cs=%p, ms=%u", cv, cs, (unsigned)ms);
}

WS2P_EXPORT BOOL SleepConditionVariableSRW(void *cv, void *lock, DWORD ms, ULONG flags)
{
    struct ws_call c = WS_CALL32("SleepConditionVariableSRW");
    BOOL ret = 0;
    if (flags & ~CONDITION_VARIABLE_LOCKMODE_SHARED_)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else if (flags)
        ret = cv_sleep(&c, cv, ms, srw_s_leave, srw_s_enter, lock);
    else
        ret = cv_sleep(&c, cv, ms, srw_x_leave, srw_x_enter, lock);
    return WS_EXIT32(&c, ret, "cv=%p, lock=%p, ms=%u, flags=%#x", cv, lock, (unsigned)ms, (unsigned)flags);
}

WS2P_EXPORT void WakeConditionVariable(void *cv)
{
    cv_wake(cv, 1);
    WS_TRACE_ONLY("WakeConditionVariable", 0, "cv=%p", cv);
}

WS2P_EXPORT void WakeAllConditionVariable(void *cv)
{
    cv_wake(cv, INT_MAX);
    WS_TRACE_ONLY("WakeAllConditionVariable", 0, "cv=%p", cv);
}

/* ---- one-time initialisation -----------------------------------------------
 * The structure's pointer holds the state in its two low bits, as Windows'
 * does (Wine's tests read it): 0 not started, 1 synchronous initialisation
 * running, 3 asynchronous attempts running, context | 2 done.  Threads
 * blocked behind a synchronous initialisation sleep on the low half. */
#define INIT_ONCE_CHECK_ONLY_ 0x1u
#define INIT_ONCE_ASYNC_ 0x2u
#define INIT_ONCE_INIT_FAILED_ 0x4u
#define ONCE_SYNC 1u
#define ONCE_ASYNC 3u
#define ONCE_DONE 2u

typedef _Atomic uintptr_t once_t;

static void once_wake(void *once)
{
    futex_wake(&words(once)[LOW_HALF], INT_MAX, ANY);
}

/* 0 (with *pending / *ctx set) or the Win32 error. */
static int once_begin(void *once, DWORD flags, BOOL *pending, void **ctx)
{
    once_t *p = once;
    if ((flags & ~(INIT_ONCE_CHECK_ONLY_ | INIT_ONCE_ASYNC_)) ||
        flags == (INIT_ONCE_CHECK_ONLY_ | INIT_ONCE_ASYNC_))
        return ERROR_INVALID_PARAMETER;
    for (;;) {
        uintptr_t v = atomic_load_explicit(p, memory_order_acquire);
        if ((v & 3) == ONCE_DONE) {
            *pending = 0;
            if (ctx)
                *ctx = (void *)(v & ~(uintptr_t)3);
            return 0;
        }
        if (flags & INIT_ONCE_CHECK_ONLY_)
            return ERROR_GEN_FAILURE;
        if (v == 0) {
            if (atomic_compare_exchange_weak(p, &v, (flags & INIT_ONCE_ASYNC_) ? ONCE_ASYNC : ONCE_SYNC)) {
                *pending = 1;
                return 0;
            }
            continue;
        }
        /* Synchronous and asynchronous attempts do not mix (docs). */
        if ((v == ONCE_ASYNC) != ((flags & INIT_ONCE_ASYNC_) != 0))
            return ERROR_INVALID_PARAMETER;
        if (v == ONCE_ASYNC) {
            *pending = 1;
            return 0;
        }
        futex_wait(&words(once)[LOW_HALF], (uint32_t)v, NULL, ANY); /* behind the running one */
    }
}

static int once_complete(void *once, DWORD flags, void *ctx)
{
    once_t *p = once;
    bool failed = flags & INIT_ONCE_INIT_FAILED_;
    if ((flags & ~(INIT_ONCE_ASYNC_ | INIT_ONCE_INIT_FAILED_)) ||
        flags == (INIT_ONCE_ASYNC_ | INIT_ONCE_INIT_FAILED_) || (failed && ctx) || ((uintptr_t)ctx & 3))
        return ERROR_INVALID_PARAMETER;
    uintptr_t v = atomic_load_explicit(p, memory_order_acquire);
    uintptr_t want = (flags & INIT_ONCE_ASYNC_) ? ONCE_ASYNC : ONCE_SYNC;
    if (v != want)
        /* Not begun, or finished by another asynchronous attempt: no
         * initialisation of the caller's is running; the other kind is. */
        return v == 0 || (v & 3) == ONCE_DONE ? ERROR_GEN_FAILURE : ERROR_INVALID_PARAMETER;
    uintptr_t done = failed ? 0 : (uintptr_t)ctx | ONCE_DONE;
    if (!atomic_compare_exchange_strong_explicit(p, &v, done, memory_order_release, memory_order_acquire))
        return ERROR_GEN_FAILURE; /* another asynchronous attempt completed first */
    if (want == ONCE_SYNC)
        once_wake(once);
    return 0;
}

WS2P_EXPORT void InitOnceInitialize(void *once)
{
    *(void **)once = NULL;
    WS_TRACE_ONLY("InitOnceInitialize", 0, "once=%p", once);
}

WS2P_EXPORT BOOL InitOnceBeginInitialize(void *once, DWORD flags, BOOL *pending, void **ctx)
{
    struct ws_call c = WS_CALL32("InitOnceBeginInitialize");
    int err = once_begin(once, flags, pending, ctx);
    if (err)
        ws_fail(&c, err);
    return WS_EXIT32(&c, !err, "once=%p, flags=%#x", once, (unsigned)flags);
}

WS2P_EXPORT BOOL InitOnceComplete(void *once, DWORD flags, void *ctx)
{
    struct ws_call c = WS_CALL32("InitOnceComplete");
    int err = once_complete(once, flags, ctx);
    if (err)
        ws_fail(&c, err);
    return WS_EXIT32(&c, !err, "once=%p, flags=%#x, ctx=%p", once, (unsigned)flags, ctx);
}

/* The callback's failure leaves the structure as it was before (the next
 * caller tries again) and the last error as the callback left it. */
WS2P_EXPORT BOOL InitOnceExecuteOnce(void *once, BOOL (*fn)(void *, void *, void **), void *param, void **ctx)
{
    struct ws_call c = WS_CALL32("InitOnceExecuteOnce");
    BOOL pending = 0, ret = 0;
    void *local = NULL, **out = ctx ? ctx : &local;
    int err = once_begin(once, 0, &pending, out);
    if (err)
        ws_fail(&c, err);
    else if (!pending)
        ret = 1;
    else if (!fn(once, param, out))
        once_complete(once, INIT_ONCE_INIT_FAILED_, NULL);
    else if ((err = once_complete(once, 0, *out)) != 0) {
        once_complete(once, INIT_ONCE_INIT_FAILED_, NULL); /* a context with its low bits used */
        ws_fail(&c, err);
    } else
        ret = 1;
    return WS_EXIT32(&c, ret, "once=%p, fn=%p", once, (void *)(uintptr_t)fn);
}

/* ---- WaitOnAddress ----------------------------------------------------------
 * A futex on the aligned 32-bit word holding the address, with the byte
 * offset as the futex bit set: wakes reach the waiters of that address only.
 * The value check that closes the sleep race covers the word; for an 8-byte
 * value the other half is compared just before sleeping. */
static uint64_t load_sized(const volatile void *a, SIZE_T size)
{
    /* Atomic (relaxed) reads: the program changes the value from other
     * threads, often with Interlocked operations on the same memory. */
    switch (size) {
    case 1:
        return __atomic_load_n((const volatile uint8_t *)a, __ATOMIC_RELAXED);
    case 2:
        return __atomic_load_n((const volatile uint16_t *)a, __ATOMIC_RELAXED);
    case 4:
        return __atomic_load_n((const volatile uint32_t *)a, __ATOMIC_RELAXED);
    default:
        return __atomic_load_n((const volatile uint64_t *)a, __ATOMIC_RELAXED);
    }
}

WS2P_EXPORT BOOL WaitOnAddress(volatile void *addr, void *cmp, SIZE_T size, DWORD ms)
{
    struct ws_call c = WS_CALL32("WaitOnAddress");
    BOOL ret = 1;
    if ((size != 1 && size != 2 && size != 4 && size != 8) || ws_bad_ptr((const void *)addr) || ws_bad_ptr(cmp)) {
        ws_fail(&c, ERROR_INVALID_PARAMETER);
        ret = 0;
    } else {
        uintptr_t a = (uintptr_t)addr;
        word_t *w = (word_t *)(a & ~(uintptr_t)3);
        uint32_t bit = 1u << (a & 3);
        struct timespec ts;
        const struct timespec *deadline = deadline_in(ms, &ts);
        uint64_t want = load_sized(cmp, size);
        for (;;) {
            uint32_t v = atomic_load(w);
            if (load_sized(addr, size) != want)
                break; /* not (or no longer) the value waited on */
            int r = futex_wait(w, v, deadline, bit);
            if (r == ETIMEDOUT) {
                ws_fail(&c, ERROR_TIMEOUT);
                ret = 0;
                break;
            }
            if (r != EINTR)
                break; /* woken, or the word changed: the caller compares again */
        }
    }
    return WS_EXIT32(&c, ret, "addr=%p, size=%zu, ms=%u", (const void *)addr, (size_t)size, (unsigned)ms);
}

static void wake_address(const void *addr, int n)
{
    uintptr_t a = (uintptr_t)addr;
    futex_wake((word_t *)(a & ~(uintptr_t)3), n, 1u << (a & 3));
}

WS2P_EXPORT void WakeByAddressSingle(void *addr)
{
    wake_address(addr, 1);
    WS_TRACE_ONLY("WakeByAddressSingle", 0, "addr=%p", addr);
}

WS2P_EXPORT void WakeByAddressAll(void *addr)
{
    wake_address(addr, INT_MAX);
    WS_TRACE_ONLY("WakeByAddressAll", 0, "addr=%p", addr);
}
