/* ws2posix: user32's character functions (src/user32/string.c).
 * Clash-free, so the library's own sources include it too.
 *
 * CharLower/CharUpper take a string, converted in place, or a single
 * character in the low word of the pointer (the high word zero), returned
 * the same way.  The ANSI forms read UTF-8 (the ANSI code page here); a
 * character whose other case has a different UTF-8 length is left as it is. */
#ifndef WS2P_U32_STRING_H
#define WS2P_U32_STRING_H
#include "decl.h"
WS2P_BEGIN_DECLS

WINUSERAPI LPSTR WINAPI CharLowerA(LPSTR lpsz);
WINUSERAPI LPWSTR WINAPI CharLowerW(LPWSTR lpsz);
WINUSERAPI LPSTR WINAPI CharUpperA(LPSTR lpsz);
WINUSERAPI LPWSTR WINAPI CharUpperW(LPWSTR lpsz);
WINUSERAPI DWORD WINAPI CharLowerBuffA(LPSTR lpsz, DWORD cchLength);
WINUSERAPI DWORD WINAPI CharLowerBuffW(LPWSTR lpsz, DWORD cchLength);
WINUSERAPI DWORD WINAPI CharUpperBuffA(LPSTR lpsz, DWORD cchLength);
WINUSERAPI DWORD WINAPI CharUpperBuffW(LPWSTR lpsz, DWORD cchLength);
WINUSERAPI LPSTR WINAPI CharNextA(LPCSTR lpsz);
WINUSERAPI LPWSTR WINAPI CharNextW(LPCWSTR lpsz);
WINUSERAPI LPSTR WINAPI CharPrevA(LPCSTR lpszStart, LPCSTR lpszCurrent);
WINUSERAPI LPWSTR WINAPI CharPrevW(LPCWSTR lpszStart, LPCWSTR lpszCurrent);

#ifdef UNICODE
#define CharLower CharLowerW
#define CharUpper CharUpperW
#define CharLowerBuff CharLowerBuffW
#define CharUpperBuff CharUpperBuffW
#define CharNext CharNextW
#define CharPrev CharPrevW
#else
#define CharLower CharLowerA
#define CharUpper CharUpperA
#define CharLowerBuff CharLowerBuffA
#define CharUpperBuff CharUpperBuffA
#define CharNext CharNextA
#define CharPrev CharPrevA
#endif

WS2P_END_DECLS
#endif
