/* ws2posix: windows.h - the Win32 headers Windows network programs use.
 *
 * As with the SDK's windows.h: the base types and kernel32 (windef.h,
 * winbase.h, winnt.h), error codes, the C headers the SDK brings along
 * (ctype.h, stdlib.h, string.h, limits.h, stdarg.h, excpt.h), winnls.h
 * unless NONLS, winreg.h, winuser.h unless NOUSER, and unless
 * WIN32_LEAN_AND_MEAN wincrypt.h, Winsock 1.1 (here the whole of
 * winsock2.h), mmsystem.h and winsvc.h. */
#ifndef _WINDOWS_
#define _WINDOWS_
#include "ws2p/base.h"
#include "excpt.h"
#include <stdarg.h>
#include "windef.h"
#include "winbase.h"
#include "winerror.h"
#ifndef NONLS
#include "winnls.h"
#endif
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* The registry (advapi32) always; CryptoAPI's random numbers unless
 * WIN32_LEAN_AND_MEAN. */
#include "winreg.h"
#ifndef WIN32_LEAN_AND_MEAN
#include "wincrypt.h"
#endif
#ifndef NOUSER
#include "winuser.h"
#endif

#ifndef WIN32_LEAN_AND_MEAN
#include "winsock.h"
#include "mmsystem.h"
#ifndef NOSERVICE
#include "winsvc.h"
#endif
#endif

/* The MSVC runtime names of the C headers included so far (ws2p/crt.h). */
#include "ws2p/crt.h"
#endif
