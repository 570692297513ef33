/* ws2posix: the thread part of the Microsoft C runtime's process.h.
 * _beginthreadex returns a thread HANDLE (as uintptr_t) that works with
 * WaitForSingleObject, GetExitCodeThread, ResumeThread and CloseHandle. */
#ifndef _INC_PROCESS
#define _INC_PROCESS
#include "ws2p/base.h"
#include <stdint.h>

WS2P_BEGIN_DECLS

/* 0 on error with errno set (EINVAL for a NULL start address, EAGAIN when
 * no thread can be created); the Win32 last error is set as well. */
uintptr_t _beginthreadex(void *security, unsigned stack_size, unsigned(__stdcall *start_address)(void *),
                         void *arglist, unsigned initflag, unsigned *thrdaddr);
/* Ends the calling thread with retval; unlike _endthread it leaves the
 * handle open (the creator closes it). */
void _endthreadex(unsigned retval) __attribute__((__noreturn__));

/* libc's getpid under the MSVC name, without <unistd.h> (which would bring
 * POSIX names into a Windows file). */
int ws2p_libc_getpid_(void) WS2P_ASM(getpid);
WS2P_INLINE int _getpid(void)
{
    return ws2p_libc_getpid_();
}

WS2P_END_DECLS
#endif
