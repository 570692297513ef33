/* ws2posix: the Microsoft C runtime's process.h.  _beginthreadex returns a
 * thread HANDLE (as uintptr_t) that works with WaitForSingleObject,
 * GetExitCodeThread, ResumeThread and CloseHandle; _beginthread, _endthread
 * and _getpid are in ws2p/crt.h.  No <unistd.h>: it would bring POSIX
 * names into a Windows file. */
#ifndef _INC_PROCESS
#define _INC_PROCESS
#include "ws2p/base.h"
#include <stdint.h>
#include "ws2p/crt.h"

WS2P_BEGIN_DECLS

/* 0 on error with errno set (EINVAL for a NULL start address, EAGAIN when
 * no thread can be created); the Win32 last error is set as well. */
uintptr_t _beginthreadex(void *security, unsigned stack_size, unsigned(__stdcall *start_address)(void *),
                         void *arglist, unsigned initflag, unsigned *thrdaddr);
/* Ends the calling thread with retval; unlike _endthread it leaves the
 * handle open (the creator closes it). */
void _endthreadex(unsigned retval) __attribute__((__noreturn__));

WS2P_END_DECLS
#endif
