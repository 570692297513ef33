/* ws2posix: <strsafe.h>, the bounded string functions with HRESULTs.  As in
 * the SDK they are inline functions; nothing here is in the library.
 *
 *   S_OK                           done
 *   STRSAFE_E_INSUFFICIENT_BUFFER  the result was cut short: the buffer holds
 *                                  as much as fits, NUL-terminated
 *   STRSAFE_E_INVALID_PARAMETER    a count of 0 or above STRSAFE_MAX_CCH, or a
 *                                  destination (Cat) or string (Length) with
 *                                  no NUL inside its count; the destination,
 *                                  if it has room, is set to ""
 *
 * Cch counts are in characters, Cb counts in bytes (a WCHAR is 4 bytes here:
 * StringCbCopyW(buf, sizeof buf, ...) works as on Windows).  The printf
 * forms call vsnprintf/vswprintf, which in a Windows file are the C
 * runtime's with MSVC's format rules (ws2p/crt_printf.h: %s is wide in the
 * W forms, %I64d works).  The SDK's deprecation of strcpy and
 * friends (unless STRSAFE_NO_DEPRECATE) is not reproduced. */
#ifndef _STRSAFE_H_INCLUDED_
#define _STRSAFE_H_INCLUDED_
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include "windef.h"
#include "winerror.h"

#ifndef S_OK
#define S_OK ((HRESULT)0)
#endif
#ifndef SUCCEEDED
#define SUCCEEDED(hr) (((HRESULT)(hr)) >= 0)
#endif
#ifndef FAILED
#define FAILED(hr) (((HRESULT)(hr)) < 0)
#endif
#define STRSAFE_E_INSUFFICIENT_BUFFER ((HRESULT)0x8007007AL)
#define STRSAFE_E_INVALID_PARAMETER ((HRESULT)0x80070057L)
#define STRSAFE_E_END_OF_FILE ((HRESULT)0x80070026L)
#define STRSAFE_MAX_CCH 2147483647
#define STRSAFE_MAX_LENGTH (STRSAFE_MAX_CCH - 1)

typedef char *STRSAFE_LPSTR;
typedef const char *STRSAFE_LPCSTR;
typedef WCHAR *STRSAFE_LPWSTR;
typedef const WCHAR *STRSAFE_LPCWSTR;
typedef const WCHAR *STRSAFE_LPCUWSTR;
typedef char *STRSAFE_PCNZCH;
typedef WCHAR *STRSAFE_PCNZWCH;

/* The flags of the Ex forms (which are not provided yet). */
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
#ifndef STRSAFEAPI
#define STRSAFEAPI static __inline HRESULT
#endif

/* One body for both widths: T is the character type. */
#define WS2P_STRSAFE_BODIES(S, T, VPRINTF)                                                                    \
    static __inline HRESULT ws2p_strsafe_copy##S(T *d, size_t cch, const T *s, size_t max)                    \
    {                                                                                                         \
        size_t i = 0;                                                                                         \
        if (cch == 0 || cch > STRSAFE_MAX_CCH || max > STRSAFE_MAX_CCH) {                                     \
            if (cch && cch <= STRSAFE_MAX_CCH)                                                                \
                *d = 0;                                                                                       \
            return STRSAFE_E_INVALID_PARAMETER;                                                               \
        }                                                                                                     \
        while (i < cch - 1 && i < max && s[i]) {                                                              \
            d[i] = s[i];                                                                                      \
            i++;                                                                                              \
        }                                                                                                     \
        d[i] = 0;                                                                                             \
        return (i < max && s[i]) ? STRSAFE_E_INSUFFICIENT_BUFFER : S_OK;                                      \
    }                                                                                                         \
    static __inline HRESULT ws2p_strsafe_cat##S(T *d, size_t cch, const T *s, size_t max)                     \
    {                                                                                                         \
        size_t n = 0;                                                                                         \
        if (cch == 0 || cch > STRSAFE_MAX_CCH || max > STRSAFE_MAX_CCH)                                       \
            return STRSAFE_E_INVALID_PARAMETER;                                                               \
        while (n < cch && d[n])                                                                               \
            n++;                                                                                              \
        if (n == cch)                                                                                         \
            return STRSAFE_E_INVALID_PARAMETER; /* the destination is not terminated */                       \
        return ws2p_strsafe_copy##S(d + n, cch - n, s, max);                                                  \
    }                                                                                                         \
    static __inline HRESULT ws2p_strsafe_vprintf##S(T *d, size_t cch, const T *fmt, va_list ap)               \
    {                                                                                                         \
        int r;                                                                                                \
        if (cch == 0 || cch > STRSAFE_MAX_CCH) {                                                              \
            if (cch)                                                                                          \
                *d = 0;                                                                                       \
            return STRSAFE_E_INVALID_PARAMETER;                                                               \
        }                                                                                                     \
        r = VPRINTF(d, cch, fmt, ap);                                                                         \
        if (r < 0 || (size_t)r >= cch) {                                                                      \
            d[cch - 1] = 0;                                                                                   \
            return STRSAFE_E_INSUFFICIENT_BUFFER;                                                             \
        }                                                                                                     \
        return S_OK;                                                                                          \
    }                                                                                                         \
    static __inline HRESULT ws2p_strsafe_length##S(const T *s, size_t max, size_t *len)                       \
    {                                                                                                         \
        size_t n = 0;                                                                                         \
        if (s && max <= STRSAFE_MAX_CCH)                                                                      \
            while (n < max && s[n])                                                                           \
                n++;                                                                                          \
        if (!s || max > STRSAFE_MAX_CCH || n == max) {                                                        \
            if (len)                                                                                          \
                *len = 0;                                                                                     \
            return STRSAFE_E_INVALID_PARAMETER;                                                               \
        }                                                                                                     \
        if (len)                                                                                              \
            *len = n;                                                                                         \
        return S_OK;                                                                                          \
    }

WS2P_STRSAFE_BODIES(A, char, vsnprintf)
WS2P_STRSAFE_BODIES(W, WCHAR, vswprintf)
#undef WS2P_STRSAFE_BODIES

/* The byte counts of the Cb forms, as characters; an odd or oversized byte
 * count is refused as the SDK refuses it. */
#define WS2P_CB_OK(cb, T) ((cb) % sizeof(T) == 0 && (cb) / sizeof(T) <= STRSAFE_MAX_CCH)
#define WS2P_CB_CCH(cb, T) (WS2P_CB_OK(cb, T) ? (cb) / sizeof(T) : (size_t)STRSAFE_MAX_CCH + 1)

STRSAFEAPI StringCchCopyA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc)
{
    return ws2p_strsafe_copyA(pszDest, cchDest, pszSrc, STRSAFE_MAX_CCH);
}
STRSAFEAPI StringCchCopyW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc)
{
    return ws2p_strsafe_copyW(pszDest, cchDest, pszSrc, STRSAFE_MAX_CCH);
}
STRSAFEAPI StringCchCopyNA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc, size_t cchToCopy)
{
    return ws2p_strsafe_copyA(pszDest, cchDest, pszSrc, cchToCopy);
}
STRSAFEAPI StringCchCopyNW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc, size_t cchToCopy)
{
    return ws2p_strsafe_copyW(pszDest, cchDest, pszSrc, cchToCopy);
}
STRSAFEAPI StringCchCatA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc)
{
    return ws2p_strsafe_catA(pszDest, cchDest, pszSrc, STRSAFE_MAX_CCH);
}
STRSAFEAPI StringCchCatW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc)
{
    return ws2p_strsafe_catW(pszDest, cchDest, pszSrc, STRSAFE_MAX_CCH);
}
STRSAFEAPI StringCchCatNA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc, size_t cchToAppend)
{
    return ws2p_strsafe_catA(pszDest, cchDest, pszSrc, cchToAppend);
}
STRSAFEAPI StringCchCatNW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc, size_t cchToAppend)
{
    return ws2p_strsafe_catW(pszDest, cchDest, pszSrc, cchToAppend);
}
STRSAFEAPI StringCchVPrintfA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszFormat, va_list argList)
{
    return ws2p_strsafe_vprintfA(pszDest, cchDest, pszFormat, argList);
}
STRSAFEAPI StringCchVPrintfW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszFormat, va_list argList)
{
    return ws2p_strsafe_vprintfW(pszDest, cchDest, pszFormat, argList);
}
STRSAFEAPI StringCchPrintfA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszFormat, ...)
{
    HRESULT hr;
    va_list ap;
    va_start(ap, pszFormat);
    hr = ws2p_strsafe_vprintfA(pszDest, cchDest, pszFormat, ap);
    va_end(ap);
    return hr;
}
STRSAFEAPI StringCchPrintfW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszFormat, ...)
{
    HRESULT hr;
    va_list ap;
    va_start(ap, pszFormat);
    hr = ws2p_strsafe_vprintfW(pszDest, cchDest, pszFormat, ap);
    va_end(ap);
    return hr;
}
STRSAFEAPI StringCchLengthA(STRSAFE_LPCSTR psz, size_t cchMax, size_t *pcchLength)
{
    return ws2p_strsafe_lengthA(psz, cchMax, pcchLength);
}
STRSAFEAPI StringCchLengthW(STRSAFE_LPCWSTR psz, size_t cchMax, size_t *pcchLength)
{
    return ws2p_strsafe_lengthW(psz, cchMax, pcchLength);
}

STRSAFEAPI StringCbCopyA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc)
{
    return ws2p_strsafe_copyA(pszDest, WS2P_CB_CCH(cbDest, char), pszSrc, STRSAFE_MAX_CCH);
}
STRSAFEAPI StringCbCopyW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc)
{
    return ws2p_strsafe_copyW(pszDest, WS2P_CB_CCH(cbDest, WCHAR), pszSrc, STRSAFE_MAX_CCH);
}
STRSAFEAPI StringCbCopyNA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc, size_t cbToCopy)
{
    return ws2p_strsafe_copyA(pszDest, WS2P_CB_CCH(cbDest, char), pszSrc, cbToCopy);
}
STRSAFEAPI StringCbCopyNW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc, size_t cbToCopy)
{
    return ws2p_strsafe_copyW(pszDest, WS2P_CB_CCH(cbDest, WCHAR), pszSrc, WS2P_CB_CCH(cbToCopy, WCHAR));
}
STRSAFEAPI StringCbCatA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc)
{
    return ws2p_strsafe_catA(pszDest, WS2P_CB_CCH(cbDest, char), pszSrc, STRSAFE_MAX_CCH);
}
STRSAFEAPI StringCbCatW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc)
{
    return ws2p_strsafe_catW(pszDest, WS2P_CB_CCH(cbDest, WCHAR), pszSrc, STRSAFE_MAX_CCH);
}
STRSAFEAPI StringCbVPrintfA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszFormat, va_list argList)
{
    return ws2p_strsafe_vprintfA(pszDest, WS2P_CB_CCH(cbDest, char), pszFormat, argList);
}
STRSAFEAPI StringCbVPrintfW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszFormat, va_list argList)
{
    return ws2p_strsafe_vprintfW(pszDest, WS2P_CB_CCH(cbDest, WCHAR), pszFormat, argList);
}
STRSAFEAPI StringCbPrintfA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszFormat, ...)
{
    HRESULT hr;
    va_list ap;
    va_start(ap, pszFormat);
    hr = ws2p_strsafe_vprintfA(pszDest, WS2P_CB_CCH(cbDest, char), pszFormat, ap);
    va_end(ap);
    return hr;
}
STRSAFEAPI StringCbPrintfW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszFormat, ...)
{
    HRESULT hr;
    va_list ap;
    va_start(ap, pszFormat);
    hr = ws2p_strsafe_vprintfW(pszDest, WS2P_CB_CCH(cbDest, WCHAR), pszFormat, ap);
    va_end(ap);
    return hr;
}
STRSAFEAPI StringCbLengthA(STRSAFE_LPCSTR psz, size_t cbMax, size_t *pcbLength)
{
    HRESULT hr = ws2p_strsafe_lengthA(psz, WS2P_CB_CCH(cbMax, char), pcbLength);
    return hr;
}
STRSAFEAPI StringCbLengthW(STRSAFE_LPCWSTR psz, size_t cbMax, size_t *pcbLength)
{
    HRESULT hr = ws2p_strsafe_lengthW(psz, cbMax / sizeof(WCHAR), pcbLength);
    if (SUCCEEDED(hr) && pcbLength)
        *pcbLength *= sizeof(WCHAR);
    return hr;
}
#undef WS2P_CB_OK
#undef WS2P_CB_CCH

#ifdef UNICODE
#define StringCchCopy StringCchCopyW
#define StringCchCopyN StringCchCopyNW
#define StringCchCat StringCchCatW
#define StringCchCatN StringCchCatNW
#define StringCchPrintf StringCchPrintfW
#define StringCchVPrintf StringCchVPrintfW
#define StringCchLength StringCchLengthW
#define StringCbCopy StringCbCopyW
#define StringCbCopyN StringCbCopyNW
#define StringCbCat StringCbCatW
#define StringCbPrintf StringCbPrintfW
#define StringCbVPrintf StringCbVPrintfW
#define StringCbLength StringCbLengthW
#else
#define StringCchCopy StringCchCopyA
#define StringCchCopyN StringCchCopyNA
#define StringCchCat StringCchCatA
#define StringCchCatN StringCchCatNA
#define StringCchPrintf StringCchPrintfA
#define StringCchVPrintf StringCchVPrintfA
#define StringCchLength StringCchLengthA
#define StringCbCopy StringCbCopyA
#define StringCbCopyN StringCbCopyNA
#define StringCbCat StringCbCatA
#define StringCbPrintf StringCbPrintfA
#define StringCbVPrintf StringCbVPrintfA
#define StringCbLength StringCbLengthA
#endif
#endif
