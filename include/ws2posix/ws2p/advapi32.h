/* ws2posix: the advapi32 names winbase.h declares (src/advapi32/user.c). */
#ifndef WS2P_ADVAPI32_H
#define WS2P_ADVAPI32_H
#include "decl.h"
WS2P_BEGIN_DECLS
#ifndef WINADVAPI
#define WINADVAPI
#endif
/* The user the process runs as: *pcbBuffer counts characters with the
 * terminator (ERROR_INSUFFICIENT_BUFFER and the size needed when short). */
WINADVAPI BOOL WINAPI GetUserNameA(LPSTR lpBuffer, LPDWORD pcbBuffer);
WINADVAPI BOOL WINAPI GetUserNameW(LPWSTR lpBuffer, LPDWORD pcbBuffer);
#ifdef UNICODE
#define GetUserName GetUserNameW
#else
#define GetUserName GetUserNameA
#endif
WS2P_END_DECLS
#endif
