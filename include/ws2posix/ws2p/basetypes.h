/* ws2posix: the Windows integer, pointer and GUID types.
 * Clash-free: none of these names exists in a POSIX header, so the library's
 * own sources (which see POSIX) include this fragment too. */
#ifndef WS2P_BASETYPES_H
#define WS2P_BASETYPES_H
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

typedef int BOOL, *PBOOL, *LPBOOL;
typedef unsigned char BYTE, *PBYTE, *LPBYTE;
typedef unsigned char UCHAR, *PUCHAR;
typedef unsigned char BOOLEAN, *PBOOLEAN;
typedef char CHAR, *PCHAR;
typedef signed char INT8;
typedef unsigned char UINT8;
typedef short SHORT, *PSHORT;
typedef unsigned short USHORT, *PUSHORT;
typedef unsigned short WORD, *PWORD, *LPWORD;
typedef short INT16;
typedef unsigned short UINT16;
typedef int INT, *PINT, *LPINT;
typedef unsigned int UINT, *PUINT;
typedef int32_t LONG, *PLONG, *LPLONG;
typedef uint32_t ULONG, *PULONG;
typedef uint32_t DWORD, *PDWORD, *LPDWORD;
typedef int32_t INT32;
typedef uint32_t UINT32;
typedef int64_t LONGLONG, INT64, LONG64;
#ifndef __int64
#define __int64 long long
#endif
typedef uint64_t ULONGLONG, UINT64, ULONG64, DWORD64, DWORDLONG;
typedef intptr_t INT_PTR, LONG_PTR, SSIZE_T;
typedef uintptr_t UINT_PTR, ULONG_PTR, DWORD_PTR, SIZE_T;
typedef INT_PTR *PINT_PTR;
typedef UINT_PTR *PUINT_PTR;
typedef LONG_PTR *PLONG_PTR;
typedef ULONG_PTR *PULONG_PTR;
typedef SIZE_T *PSIZE_T;
typedef float FLOAT;
typedef void *PVOID, *LPVOID, *HANDLE, **PHANDLE, **LPHANDLE;
typedef const void *LPCVOID, *PCVOID;
/* WCHAR is the platform wchar_t (32 bits here) so that L"..." literals work;
 * see docs/windows-vs-linux.md. */
typedef wchar_t WCHAR, *PWCHAR, *LPWCH, *PWCH;
typedef char *LPSTR, *PSTR, *PCH, *LPCH;
typedef const char *LPCSTR, *PCSTR;
typedef WCHAR *LPWSTR, *PWSTR;
typedef const WCHAR *LPCWSTR, *PCWSTR;
#ifdef UNICODE
typedef WCHAR TCHAR;
typedef LPWSTR LPTSTR;
typedef LPCWSTR LPCTSTR;
#define TEXT(s) L##s
#else
typedef char TCHAR;
typedef LPSTR LPTSTR;
typedef LPCSTR LPCTSTR;
#define TEXT(s) s
#endif
#define _T(s) TEXT(s)
typedef UINT_PTR WPARAM;
typedef LONG_PTR LPARAM;
typedef LONG_PTR LRESULT;
typedef LONG HRESULT;
typedef WORD ATOM;
typedef HANDLE HWND, HINSTANCE, HMODULE, HLOCAL, HGLOBAL;
typedef DWORD LCID;
typedef WORD LANGID;

#ifndef GUID_DEFINED
#define GUID_DEFINED
typedef struct _GUID {
    uint32_t Data1;
    unsigned short Data2;
    unsigned short Data3;
    unsigned char Data4[8];
} GUID, *LPGUID;
typedef const GUID *LPCGUID;
#endif

typedef union _LARGE_INTEGER {
    __extension__ struct { DWORD LowPart; LONG HighPart; };
    struct { DWORD LowPart; LONG HighPart; } u;
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

#endif
