/* ws2posix: threadpoolapiset.h - the Vista thread pool's work items and I/O
 * objects (src/kernel32/threadpool.c), run by the process's one small pool:
 * as many workers as CPUs, shared with BindIoCompletionCallback.  The
 * types are winnt.h's. */
#ifndef _THREADPOOLAPISET_H_
#define _THREADPOOLAPISET_H_
#include "winnt.h"

typedef VOID(WINAPI *PTP_WIN32_IO_CALLBACK)(PTP_CALLBACK_INSTANCE Instance, PVOID Context, PVOID Overlapped,
                                            ULONG IoResult, ULONG_PTR NumberOfBytesTransferred, PTP_IO Io);

WINBASEAPI BOOL WINAPI TrySubmitThreadpoolCallback(PTP_SIMPLE_CALLBACK pfns, PVOID pv, PTP_CALLBACK_ENVIRON pcbe);
WINBASEAPI PTP_WORK WINAPI CreateThreadpoolWork(PTP_WORK_CALLBACK pfnwk, PVOID pv, PTP_CALLBACK_ENVIRON pcbe);
WINBASEAPI VOID WINAPI SubmitThreadpoolWork(PTP_WORK pwk);
WINBASEAPI VOID WINAPI WaitForThreadpoolWorkCallbacks(PTP_WORK pwk, BOOL fCancelPendingCallbacks);
WINBASEAPI VOID WINAPI CloseThreadpoolWork(PTP_WORK pwk);
WINBASEAPI PTP_IO WINAPI CreateThreadpoolIo(HANDLE fl, PTP_WIN32_IO_CALLBACK pfnio, PVOID pv,
                                            PTP_CALLBACK_ENVIRON pcbe);
WINBASEAPI VOID WINAPI StartThreadpoolIo(PTP_IO pio);
WINBASEAPI VOID WINAPI CancelThreadpoolIo(PTP_IO pio);
WINBASEAPI VOID WINAPI WaitForThreadpoolIoCallbacks(PTP_IO pio, BOOL fCancelPendingCallbacks);
WINBASEAPI VOID WINAPI CloseThreadpoolIo(PTP_IO pio);
#endif
