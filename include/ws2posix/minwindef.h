/* ws2posix: minwindef.h - the basic Windows types (ws2p/basetypes.h) and
 * macros: TRUE/FALSE, MAX_PATH, MAKEWORD/LOWORD/..., min/max, FILETIME. */
#ifndef _MINWINDEF_
#define _MINWINDEF_
#include "ws2p/base.h"
#include "ws2p/basetypes.h"

#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif
#ifndef MAX_PATH
#define MAX_PATH 260
#endif
#define HFILE_ERROR ((HFILE)-1)

#define MAKEWORD(lo, hi) ((WORD)(((BYTE)((DWORD_PTR)(lo) & 0xff)) | ((WORD)((BYTE)((DWORD_PTR)(hi) & 0xff))) << 8))
#define MAKELONG(lo, hi) ((LONG)(((WORD)((DWORD_PTR)(lo) & 0xffff)) | ((DWORD)((WORD)((DWORD_PTR)(hi) & 0xffff))) << 16))
#define LOWORD(l) ((WORD)((DWORD_PTR)(l) & 0xffff))
#define HIWORD(l) ((WORD)(((DWORD_PTR)(l) >> 16) & 0xffff))
#define LOBYTE(w) ((BYTE)((DWORD_PTR)(w) & 0xff))
#define HIBYTE(w) ((BYTE)(((DWORD_PTR)(w) >> 8) & 0xff))

/* min and max are macros unless NOMINMAX, in C and C++ as in the SDK.
 * The C++ standard headers are shielded from them (ws2p/libc_begin.h), as
 * MSVC's library is; code of a program's own that calls std::min or
 * numeric_limits<T>::max() after windows.h needs NOMINMAX or (std::min)(a,
 * b), as it does on Windows. */
#ifndef NOMINMAX
#ifndef max
#define max(a, b) (((a) > (b)) ? (a) : (b))
#endif
#ifndef min
#define min(a, b) (((a) < (b)) ? (a) : (b))
#endif
#endif

#ifndef _FILETIME_ /* also in ws2p/k32_time.h */
#define _FILETIME_
typedef struct _FILETIME {
    DWORD dwLowDateTime;
    DWORD dwHighDateTime;
} FILETIME, *PFILETIME, *LPFILETIME;
#endif

#include "winnt.h"
#endif
