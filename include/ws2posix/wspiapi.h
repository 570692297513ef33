/* ws2posix: wspiapi.h - the SDK's getaddrinfo/getnameinfo stand-ins for
 * Windows 2000 and older.  The library has the real functions, so this
 * only brings in ws2tcpip.h. */
#ifndef _WSPIAPI_H_
#define _WSPIAPI_H_
#include "ws2tcpip.h"
#endif
