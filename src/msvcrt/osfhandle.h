/* The runtime's descriptors and Win32 file HANDLEs (osfhandle.c). */
#ifndef WS2P_MSVCRT_OSFHANDLE_H
#define WS2P_MSVCRT_OSFHANDLE_H
#include "fileobj.h"
/* The HANDLE for a descriptor that is not a SOCKET: the one
 * _open_osfhandle paired with it, else one made for it (GetStdHandle's for
 * 0-2); NULL if none can be had. */
HANDLE ws_crt_osf_handle(int fd);
/* A new descriptor for a file HANDLE, paired with it; -1 with errno set. */
int ws_crt_osf_open(HANDLE h);
/* _close: the HANDLE _open_osfhandle paired with fd, for _close to close
 * with the descriptor, or NULL. */
HANDLE ws_crt_osf_forget(int fd);
#endif
