/* ws2posix: the Windows integer, pointer, string, handle and GUID types,
 * grouped by the SDK header that defines them (basetsd.h, minwindef.h,
 * winnt.h, guiddef.h; those headers include this fragment).
 *
 * Clash-free: none of these names exists in a POSIX header, so the
 * library's own sources (which see POSIX) include this fragment too.
 * Sizes are Windows' (LLP64): DWORD, LONG and ULONG are 32 bits although a
 * C `long` is 64 bits here; the pointer-sized types are the platform's
 * (SIZE_T is size_t, SSIZE_T is ssize_t's type). */
#ifndef WS2P_BASETYPES_H
#define WS2P_BASETYPES_H
#include <stddef.h>
#include <stdint.h>

#ifndef __int64
#define __int64 long long
#endif
#ifndef __int32
#define __int32 int
#endif
#ifndef __int16
#define __int16 short
#endif
#ifndef __int8
#define __int8 char
#endif

/* ---- basetsd.h ----------------------------------------------------------- */
typedef signed char INT8, *PINT8;
typedef short INT16, *PINT16;
typedef int INT32, *PINT32;
typedef long long INT64, *PINT64;
typedef unsigned char UINT8, *PUINT8;
typedef unsigned short UINT16, *PUINT16;
typedef unsigned int UINT32, *PUINT32;
typedef unsigned long long UINT64, *PUINT64;
typedef int LONG32, *PLONG32;
typedef unsigned int ULONG32, *PULONG32;
typedef unsigned int DWORD32, *PDWORD32;
typedef long long LONG64, *PLONG64;
typedef unsigned long long ULONG64, *PULONG64;
typedef unsigned long long DWORD64, *PDWORD64;
typedef __INTPTR_TYPE__ INT_PTR, *PINT_PTR;
typedef __UINTPTR_TYPE__ UINT_PTR, *PUINT_PTR;
typedef __INTPTR_TYPE__ LONG_PTR, *PLONG_PTR;
typedef __UINTPTR_TYPE__ ULONG_PTR, *PULONG_PTR;
typedef ULONG_PTR DWORD_PTR, *PDWORD_PTR;
typedef ULONG_PTR SIZE_T, *PSIZE_T;
typedef LONG_PTR SSIZE_T, *PSSIZE_T;
typedef int HALF_PTR, *PHALF_PTR;
typedef unsigned int UHALF_PTR, *PUHALF_PTR;
typedef ULONG_PTR KAFFINITY, *PKAFFINITY;
typedef unsigned long long POINTER_64_INT;

/* ---- winnt.h: the fixed-size and character types --------------------- */
typedef char CHAR, *PCHAR, *LPCH, *PCH, *NPSTR, *LPSTR, *PSTR;
typedef const char *LPCCH, *PCCH, *LPCSTR, *PCSTR;
typedef unsigned char UCHAR, *PUCHAR;
typedef short SHORT, *PSHORT;
typedef unsigned short USHORT, *PUSHORT;
typedef int LONG, *PLONG;
typedef unsigned int ULONG, *PULONG;
typedef long long LONGLONG, *PLONGLONG;
typedef unsigned long long ULONGLONG, *PULONGLONG;
typedef LONGLONG USN;
typedef unsigned char BOOLEAN, *PBOOLEAN;
typedef void *PVOID, *PVOID64;
typedef void *HANDLE, **PHANDLE;
typedef LONG HRESULT;
/* WCHAR is the platform wchar_t (32 bits here) so that L"..." literals work;
 * see docs/windows-vs-linux.md. */
typedef wchar_t WCHAR, *PWCHAR, *LPWCH, *PWCH, *NWPSTR, *LPWSTR, *PWSTR;
typedef const WCHAR *LPCWCH, *PCWCH, *LPCWSTR, *PCWSTR;
#ifdef UNICODE
typedef WCHAR TCHAR, *PTCHAR, TBYTE, *PTBYTE;
typedef LPWSTR LPTSTR, PTSTR, LPTCH, PTCH;
typedef LPCWSTR LPCTSTR, PCTSTR;
#define __TEXT(s) L##s
#else
typedef char TCHAR, *PTCHAR;
typedef unsigned char TBYTE, *PTBYTE;
typedef LPSTR LPTSTR, PTSTR, LPTCH, PTCH;
typedef LPCSTR LPCTSTR, PCTSTR;
#define __TEXT(s) s
#endif
#define TEXT(s) __TEXT(s)
typedef unsigned int LCID, *PLCID;
typedef unsigned short LANGID;
typedef unsigned int EXECUTION_STATE;

typedef union _LARGE_INTEGER {
    __extension__ struct { unsigned int LowPart; LONG HighPart; };
    struct { unsigned int LowPart; LONG HighPart; } u;
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;
typedef union _ULARGE_INTEGER {
    __extension__ struct { unsigned int LowPart; unsigned int HighPart; };
    struct { unsigned int LowPart; unsigned int HighPart; } u;
    ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;
typedef struct _LUID {
    unsigned int LowPart;
    LONG HighPart;
} LUID, *PLUID;
typedef struct _LIST_ENTRY {
    struct _LIST_ENTRY *Flink;
    struct _LIST_ENTRY *Blink;
} LIST_ENTRY, *PLIST_ENTRY;
typedef struct _SINGLE_LIST_ENTRY {
    struct _SINGLE_LIST_ENTRY *Next;
} SINGLE_LIST_ENTRY, *PSINGLE_LIST_ENTRY;

/* ---- minwindef.h ---------------------------------------------------- */
typedef unsigned int DWORD, *PDWORD, *LPDWORD;
typedef int BOOL, *PBOOL, *LPBOOL;
typedef unsigned char BYTE, *PBYTE, *LPBYTE;
typedef unsigned short WORD, *PWORD, *LPWORD;
typedef int INT, *PINT, *LPINT;
typedef unsigned int UINT, *PUINT;
typedef LONG *LPLONG;
typedef float FLOAT, *PFLOAT;
typedef void *LPVOID;
typedef const void *LPCVOID, *PCVOID;
typedef UINT_PTR WPARAM;
typedef LONG_PTR LPARAM;
typedef LONG_PTR LRESULT;
typedef WORD ATOM;
typedef HANDLE *LPHANDLE;
typedef HANDLE HGLOBAL, HLOCAL, GLOBALHANDLE, LOCALHANDLE;
typedef HANDLE HWND, HINSTANCE, HMODULE, HRSRC, HSTR, HTASK, HWINSTA, HKL, HRGN, HGDIOBJ;
/* HKEY is a distinct pointer type, as with the SDK's STRICT (the library's
 * registry tells its keys apart from other handles). */
#ifndef WS2P_HKEY_DEFINED /* also in ws2p/regconst.h */
#define WS2P_HKEY_DEFINED
struct HKEY__ {
    int unused;
};
typedef struct HKEY__ *HKEY, **PHKEY;
#endif
typedef int HFILE;
typedef DWORD COLORREF, *LPCOLORREF;
/* No prototype, as in the SDK: a GetProcAddress result is cast to the
 * real type.  (C++ has no unprototyped functions: there it takes none.) */
#ifndef _FARPROC_DEFINED /* also in ws2p/k32_loader.h */
#define _FARPROC_DEFINED
typedef INT_PTR (*FARPROC)();
typedef INT_PTR (*NEARPROC)();
typedef INT_PTR (*PROC)();
#endif

/* ---- guiddef.h ------------------------------------------------------ */
#ifndef GUID_DEFINED
#define GUID_DEFINED
typedef struct _GUID {
    unsigned int Data1;
    unsigned short Data2;
    unsigned short Data3;
    unsigned char Data4[8];
} GUID, *LPGUID;
#endif
#ifndef _LPCGUID_DEFINED
#define _LPCGUID_DEFINED
typedef const GUID *LPCGUID;
#endif
typedef GUID IID, CLSID, FMTID;
typedef IID *LPIID;
typedef CLSID *LPCLSID;
typedef FMTID *LPFMTID;
#ifdef __cplusplus
#define REFGUID const GUID &
#define REFIID const IID &
#define REFCLSID const IID &
#else
#define REFGUID const GUID *
#define REFIID const IID *
#define REFCLSID const IID *
#endif

#endif
