/* The runtime's descriptors and Win32 HANDLEs (osfhandle.c). */
#ifndef WS2P_MSVCRT_OSFHANDLE_H
#define WS2P_MSVCRT_OSFHANDLE_H
#include "fileobj.h"
/* _close: the HANDLE _open_osfhandle paired with fd, for _close to close
 * with the descriptor (CloseHandle), or NULL. */
HANDLE ws_crt_osf_forget(int fd);
#endif
