/* Critical sections.  The program allocates Windows' CRITICAL_SECTION (40
 * bytes on x64: DebugInfo, LockCount, RecursionCount, OwningThread,
 * LockSemaphore, SpinCount); we keep a recursive pthread mutex in that
 * storage, so the uncontended path is the mutex's (no system call) and a
 * section needs no allocation.  The Windows fields are not maintained. */
#include "core.h"
#include <pthread.h>

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
}

WS2P_EXPORT BOOL TryEnterCriticalSection(void *cs)
{
    return pthread_mutex_trylock(mutex(cs)) == 0;
}

WS2P_EXPORT void LeaveCriticalSection(void *cs)
{
    pthread_mutex_unlock(mutex(cs));
}

WS2P_EXPORT void DeleteCriticalSection(void *cs)
{
    pthread_mutex_destroy(mutex(cs));
}
