/* ntdll's RtlGetVersion: the version Windows really is, which no
 * compatibility manifest changes (GetVersionEx in src/kernel32/sysinfo.c
 * reports what a program without one sees).  Windows 10 22H2. */
#include "core.h"
#include <string.h>

struct WS_RTL_OSVERSIONINFOEXW {
    DWORD dwOSVersionInfoSize, dwMajorVersion, dwMinorVersion, dwBuildNumber, dwPlatformId;
    WCHAR szCSDVersion[128];
    WORD wServicePackMajor, wServicePackMinor, wSuiteMask;
    BYTE wProductType, wReserved;
};

#define STATUS_SUCCESS_ 0
#define STATUS_INVALID_PARAMETER_ ((LONG)0xC000000D)

/* An NTSTATUS: the structure must be OSVERSIONINFOW or OSVERSIONINFOEXW
 * sized, as for GetVersionExW.  The last error is not touched (ntdll). */
WS2P_EXPORT LONG RtlGetVersion(struct WS_RTL_OSVERSIONINFOEXW *v)
{
    struct ws_call c = WS_CALL32("RtlGetVersion");
    LONG st = STATUS_INVALID_PARAMETER_;
    if (!ws_bad_ptr(v) && (v->dwOSVersionInfoSize == offsetof(struct WS_RTL_OSVERSIONINFOEXW, wServicePackMajor) ||
                           v->dwOSVersionInfoSize == sizeof *v)) {
        v->dwMajorVersion = 10;
        v->dwMinorVersion = 0;
        v->dwBuildNumber = 19045;
        v->dwPlatformId = 2; /* VER_PLATFORM_WIN32_NT */
        memset(v->szCSDVersion, 0, sizeof v->szCSDVersion);
        if (v->dwOSVersionInfoSize == sizeof *v) {
            v->wServicePackMajor = v->wServicePackMinor = 0;
            v->wSuiteMask = 0x100; /* VER_SUITE_SINGLEUSERTS */
            v->wProductType = 1;   /* VER_NT_WORKSTATION */
            v->wReserved = 0;
        }
        st = STATUS_SUCCESS_;
    }
    return WS_EXIT32(&c, st, "");
}
