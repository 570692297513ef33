/* ws2posix: strsafe.h - the types, limits, flags and HRESULTs of the safe
 * string functions.  The StringCch / StringCb functions themselves are
 * inline functions of this header in the SDK; they are not here yet, so a
 * program that calls one stops at compile time with the name, rather than
 * at link time. */
#ifndef _STRSAFE_H_INCLUDED_
#define _STRSAFE_H_INCLUDED_
#include "ws2p/base.h"
#include "winerror.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef char *STRSAFE_LPSTR;
typedef const char *STRSAFE_LPCSTR;
typedef wchar_t *STRSAFE_LPWSTR;
typedef const wchar_t *STRSAFE_LPCWSTR;
typedef const wchar_t *STRSAFE_LPCUWSTR;
typedef char *STRSAFE_PCNZCH;
typedef wchar_t *STRSAFE_PCNZWCH;

#define STRSAFE_MAX_CCH 2147483647
#define STRSAFE_MAX_LENGTH (STRSAFE_MAX_CCH - 1)

#define STRSAFE_IGNORE_NULLS 0x00000100
#define STRSAFE_FILL_BEHIND_NULL 0x00000200
#define STRSAFE_FILL_ON_FAILURE 0x00000400
#define STRSAFE_NULL_ON_FAILURE 0x00000800
#define STRSAFE_NO_TRUNCATION 0x00001000
#define STRSAFE_IGNORE_NULL_UNICODE_STRINGS 0x00010000
#define STRSAFE_UNICODE_STRING_DEST_NULL_TERMINATED 0x00020000
#define STRSAFE_VALID_FLAGS (0x000000FF | STRSAFE_IGNORE_NULLS | STRSAFE_FILL_BEHIND_NULL | \
                             STRSAFE_FILL_ON_FAILURE | STRSAFE_NULL_ON_FAILURE | STRSAFE_NO_TRUNCATION)
#define STRSAFE_FILL_BYTE(x) ((unsigned long)(((x) & 0x000000FF) | STRSAFE_FILL_BEHIND_NULL))
#define STRSAFE_FAILURE_BYTE(x) ((unsigned long)(((x) & 0x000000FF) | STRSAFE_FILL_ON_FAILURE))
#define STRSAFE_GET_FILL_PATTERN(dwFlags) ((int)((dwFlags) & 0x000000FF))

#define STRSAFE_E_INSUFFICIENT_BUFFER ((HRESULT)0x8007007AL) /* HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER) */
#define STRSAFE_E_INVALID_PARAMETER ((HRESULT)0x80070057L)   /* HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER) */
#define STRSAFE_E_END_OF_FILE ((HRESULT)0x80070026L)         /* HRESULT_FROM_WIN32(ERROR_HANDLE_EOF) */

#endif
