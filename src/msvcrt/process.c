/* process.h: _beginthread, _endthread, _getpid.  (_beginthreadex and
 * _endthreadex are the kernel32 thread objects, src/kernel32/thread.c.) */
#include "msvcrt.h"
#include <stdlib.h>
#include <unistd.h>

/* kernel32 (src/kernel32/thread.c, handle.c). */
uintptr_t _beginthreadex(void *sa, unsigned stack, unsigned (*fn)(void *), void *arg, unsigned flags, unsigned *tid);
DWORD ResumeThread(HANDLE h);
BOOL CloseHandle(HANDLE h);
void ExitThread(DWORD code) __attribute__((noreturn));
#define CREATE_SUSPENDED_FLAG 0x4

struct start {
    void (*fn)(void *);
    void *arg;
    HANDLE self;
};

/* The handle of a thread _beginthread started, which it closes when it
 * ends ("_endthread automatically closes the thread handle"). */
static __thread HANDLE own_handle;

static unsigned trampoline(void *p)
{
    struct start st = *(struct start *)p;
    free(p);
    own_handle = st.self;
    st.fn(st.arg);
    own_handle = NULL;
    CloseHandle(st.self);
    return 0;
}

/* -1 on error: EINVAL for a NULL start address, EAGAIN for too many
 * threads, EACCES when memory runs out ("_beginthread" docs).  The thread
 * starts only once it knows its handle. */
WS2P_EXPORT uintptr_t _beginthread(void (*fn)(void *), unsigned stack, void *arg)
{
    struct ws_call c = WS_CRT_CALL("_beginthread");
    uintptr_t ret = (uintptr_t)-1;
    struct start *st = NULL;
    if (!fn)
        ws_crt_invalid(&c, EINVAL);
    else if (!(st = malloc(sizeof *st)))
        ws_crt_fail(&c, "malloc", EACCES);
    else {
        *st = (struct start){fn, arg, NULL};
        uintptr_t h = _beginthreadex(NULL, stack, trampoline, st, CREATE_SUSPENDED_FLAG, NULL);
        if (!h) {
            ws_crt_fail(&c, "_beginthreadex", errno == ENOMEM ? EACCES : errno);
            free(st);
        } else {
            st->self = (HANDLE)h;
            ResumeThread((HANDLE)h);
            ret = h;
        }
    }
    return CRT_EXIT(&c, ret, "start=%p, stack=%u, arg=%p", (void *)(uintptr_t)fn, stack, arg);
}

WS2P_EXPORT __attribute__((noreturn)) void _endthread(void)
{
    struct ws_call c = WS_CRT_CALL("_endthread");
    HANDLE h = own_handle;
    own_handle = NULL;
    if (h)
        CloseHandle(h);
    (void)CRT_EXIT(&c, 0, "%s", "");
    ExitThread(0);
}

WS2P_EXPORT int _getpid(void)
{
    struct ws_call c = WS_CRT_CALL("_getpid");
    int ret = (int)getpid();
    return CRT_EXIT(&c, ret, "%s", "");
}
