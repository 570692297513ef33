/* The system and its version: GetSystemInfo, GetNativeSystemInfo,
 * GetVersion, GetVersionExA/W, GetComputerNameA/W, GetComputerNameExA/W,
 * GetSystemDirectoryA/W, GetWindowsDirectoryA/W.
 *
 * Version: what a program without a compatibility manifest sees on
 * Windows 10, which is what a MinGW- or plain MSVC-built program gets:
 * GetVersion(Ex) report 6.2 build 9200 (Windows 8; the version lie of
 * Windows 8.1 and later), RtlGetVersion (src/ntdll/version.c) the real one,
 * 10.0 build 19045 (Windows 10 22H2). */
#include "kernel32.h"
#include "k32file.h"
#include <ctype.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

/* ---- GetSystemInfo ---------------------------------------------------------- */
struct WS_SYSTEM_INFO {
    WORD wProcessorArchitecture;
    WORD wReserved;
    DWORD dwPageSize;
    void *lpMinimumApplicationAddress;
    void *lpMaximumApplicationAddress;
    DWORD_PTR dwActiveProcessorMask;
    DWORD dwNumberOfProcessors;
    DWORD dwProcessorType;
    DWORD dwAllocationGranularity;
    WORD wProcessorLevel;
    WORD wProcessorRevision;
};

_Static_assert(sizeof(void *) != 8 || sizeof(struct WS_SYSTEM_INFO) == 48, "SYSTEM_INFO is 48 bytes on x64");

#define ARCH_INTEL_ 0
#define ARCH_ARM_ 5
#define ARCH_AMD64_ 9
#define ARCH_ARM64_ 12
#define ARCH_UNKNOWN_ 0xffff

/* The processors this process may run on (nproc's answer), which is what
 * programs size their thread pools by; Windows counts the processor group,
 * and a Linux process is usually allowed all of it. */
static DWORD cpu_count(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return (DWORD)CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (DWORD)n : 1;
}

static void system_info(struct WS_SYSTEM_INFO *si)
{
    memset(si, 0, sizeof *si);
    long page = sysconf(_SC_PAGESIZE);
    si->dwPageSize = page > 0 ? (DWORD)page : 4096;
    si->dwAllocationGranularity = 65536; /* Windows' reservation granularity */
    si->lpMinimumApplicationAddress = (void *)(uintptr_t)0x10000;
    si->dwNumberOfProcessors = cpu_count();
    DWORD n = si->dwNumberOfProcessors < 64 ? si->dwNumberOfProcessors : 64;
    si->dwActiveProcessorMask = n == 64 ? ~(DWORD_PTR)0 : ((DWORD_PTR)1 << n) - 1;
#if defined(__x86_64__)
    si->wProcessorArchitecture = ARCH_AMD64_;
    si->dwProcessorType = 8664; /* PROCESSOR_AMD_X8664 */
    si->lpMaximumApplicationAddress = (void *)(uintptr_t)0x7ffffffeffffULL;
#elif defined(__aarch64__)
    si->wProcessorArchitecture = ARCH_ARM64_;
    si->lpMaximumApplicationAddress = (void *)(uintptr_t)0x7ffffffeffffULL;
#elif defined(__i386__)
    si->wProcessorArchitecture = ARCH_INTEL_;
    si->dwProcessorType = 586; /* PROCESSOR_INTEL_PENTIUM */
    si->lpMaximumApplicationAddress = (void *)(uintptr_t)0x7ffeffffu;
#elif defined(__arm__)
    si->wProcessorArchitecture = ARCH_ARM_;
    si->lpMaximumApplicationAddress = (void *)(uintptr_t)0x7ffeffffu;
#else
    si->wProcessorArchitecture = ARCH_UNKNOWN_;
    si->lpMaximumApplicationAddress = (void *)(uintptr_t)0x7ffeffffu;
#endif
#if defined(__x86_64__) || defined(__i386__)
    /* Level: the display family; revision: model << 8 | stepping. */
    unsigned a, b, c, d;
    if (__get_cpuid(1, &a, &b, &c, &d)) {
        unsigned family = (a >> 8) & 0xf, model = (a >> 4) & 0xf;
        if (family == 0xf)
            family += (a >> 20) & 0xff;
        if (family >= 6)
            model |= ((a >> 16) & 0xf) << 4;
        si->wProcessorLevel = (WORD)family;
        si->wProcessorRevision = (WORD)(model << 8 | (a & 0xf));
    }
#endif
}

WS2P_EXPORT void GetSystemInfo(struct WS_SYSTEM_INFO *si)
{
    struct ws_call c = WS_CALL32("GetSystemInfo");
    if (!ws_bad_ptr(si))
        system_info(si);
    (void)WS_EXIT32(&c, 0, "cpus=%u, page=%u", si && !ws_bad_ptr(si) ? (unsigned)si->dwNumberOfProcessors : 0,
                    si && !ws_bad_ptr(si) ? (unsigned)si->dwPageSize : 0);
}

/* A native 64-bit process: the same answer. */
WS2P_EXPORT void GetNativeSystemInfo(struct WS_SYSTEM_INFO *si)
{
    struct ws_call c = WS_CALL32("GetNativeSystemInfo");
    if (!ws_bad_ptr(si))
        system_info(si);
    (void)WS_EXIT32(&c, 0, "");
}

/* ---- GetVersion(Ex) ------------------------------------------------------------ */
#define VER_MAJOR 6
#define VER_MINOR 2
#define VER_BUILD 9200
#define VER_PLATFORM_WIN32_NT_ 2
#define VER_NT_WORKSTATION_ 1
#define VER_SUITE_SINGLEUSERTS_ 0x100

struct WS_OSVERSIONINFOEXA {
    DWORD dwOSVersionInfoSize, dwMajorVersion, dwMinorVersion, dwBuildNumber, dwPlatformId;
    CHAR szCSDVersion[128];
    WORD wServicePackMajor, wServicePackMinor, wSuiteMask;
    BYTE wProductType, wReserved;
};
struct WS_OSVERSIONINFOEXW {
    DWORD dwOSVersionInfoSize, dwMajorVersion, dwMinorVersion, dwBuildNumber, dwPlatformId;
    WCHAR szCSDVersion[128];
    WORD wServicePackMajor, wServicePackMinor, wSuiteMask;
    BYTE wProductType, wReserved;
};
_Static_assert(sizeof(struct WS_OSVERSIONINFOEXA) == 156, "OSVERSIONINFOEXA is 156 bytes");
#define BASE_A offsetof(struct WS_OSVERSIONINFOEXA, wServicePackMajor)
#define BASE_W offsetof(struct WS_OSVERSIONINFOEXW, wServicePackMajor)

/* Low byte major, next byte minor, high word the build; bit 31 clear: NT. */
WS2P_EXPORT DWORD GetVersion(void)
{
    struct ws_call c = WS_CALL32("GetVersion");
    DWORD v = (DWORD)VER_BUILD << 16 | VER_MINOR << 8 | VER_MAJOR;
    return WS_EXIT32(&c, v, "");
}

/* dwOSVersionInfoSize must be the size of OSVERSIONINFO or OSVERSIONINFOEX
 * (ERROR_INSUFFICIENT_BUFFER otherwise); the Ex fields are filled for the
 * latter. */
#define FILL_VERSION(v, ex)                                                   \
    do {                                                                      \
        (v)->dwMajorVersion = VER_MAJOR;                                      \
        (v)->dwMinorVersion = VER_MINOR;                                      \
        (v)->dwBuildNumber = VER_BUILD;                                       \
        (v)->dwPlatformId = VER_PLATFORM_WIN32_NT_;                           \
        memset((v)->szCSDVersion, 0, sizeof (v)->szCSDVersion);               \
        if (ex) {                                                             \
            (v)->wServicePackMajor = (v)->wServicePackMinor = 0;              \
            (v)->wSuiteMask = VER_SUITE_SINGLEUSERTS_;                        \
            (v)->wProductType = VER_NT_WORKSTATION_;                          \
            (v)->wReserved = 0;                                               \
        }                                                                     \
    } while (0)

WS2P_EXPORT BOOL GetVersionExA(struct WS_OSVERSIONINFOEXA *v)
{
    struct ws_call c = WS_CALL32("GetVersionExA");
    BOOL ret = 0;
    if (ws_bad_ptr(v))
        ws_fail(&c, ERROR_NOACCESS);
    else if (v->dwOSVersionInfoSize != BASE_A && v->dwOSVersionInfoSize != sizeof *v)
        ws_fail(&c, ERROR_INSUFFICIENT_BUFFER);
    else {
        FILL_VERSION(v, v->dwOSVersionInfoSize == sizeof *v);
        ret = 1;
    }
    return WS_EXIT32(&c, ret, "size=%u", v && !ws_bad_ptr(v) ? (unsigned)v->dwOSVersionInfoSize : 0);
}

WS2P_EXPORT BOOL GetVersionExW(struct WS_OSVERSIONINFOEXW *v)
{
    struct ws_call c = WS_CALL32("GetVersionExW");
    BOOL ret = 0;
    if (ws_bad_ptr(v))
        ws_fail(&c, ERROR_NOACCESS);
    else if (v->dwOSVersionInfoSize != BASE_W && v->dwOSVersionInfoSize != sizeof *v)
        ws_fail(&c, ERROR_INSUFFICIENT_BUFFER);
    else {
        FILL_VERSION(v, v->dwOSVersionInfoSize == sizeof *v);
        ret = 1;
    }
    return WS_EXIT32(&c, ret, "size=%u", v && !ws_bad_ptr(v) ? (unsigned)v->dwOSVersionInfoSize : 0);
}

/* ---- computer names ---------------------------------------------------------------- */
#define NETBIOS_MAX 15 /* MAX_COMPUTERNAME_LENGTH */
enum { NAME_NETBIOS, NAME_DNS_HOST, NAME_DNS_DOMAIN, NAME_DNS_FULL, NAME_PHYS_NETBIOS, NAME_PHYS_DNS_HOST,
       NAME_PHYS_DNS_DOMAIN, NAME_PHYS_DNS_FULL, NAME_FORMATS };

/* The name in one of Windows' formats, from the host name: NetBIOS is its
 * first label in capitals, cut to 15 characters; the DNS domain is what
 * follows the first dot (empty when the host name has none: no primary DNS
 * suffix).  No network look-up.  false for an unknown format. */
static bool computer_name(int format, char *out, size_t size)
{
    char host[256];
    if (gethostname(host, sizeof host) != 0)
        strcpy(host, "localhost");
    host[sizeof host - 1] = 0;
    char *dot = strchr(host, '.');
    switch (format) {
    case NAME_NETBIOS:
    case NAME_PHYS_NETBIOS: {
        size_t n = dot ? (size_t)(dot - host) : strlen(host);
        if (n > NETBIOS_MAX)
            n = NETBIOS_MAX;
        for (size_t i = 0; i < n; i++)
            out[i] = (char)toupper((unsigned char)host[i]);
        out[n] = 0;
        return true;
    }
    case NAME_DNS_HOST:
    case NAME_PHYS_DNS_HOST:
        if (dot)
            *dot = 0;
        snprintf(out, size, "%s", host);
        return true;
    case NAME_DNS_DOMAIN:
    case NAME_PHYS_DNS_DOMAIN:
        snprintf(out, size, "%s", dot ? dot + 1 : "");
        return true;
    case NAME_DNS_FULL:
    case NAME_PHYS_DNS_FULL:
        snprintf(out, size, "%s", host);
        return true;
    }
    return false;
}

/* The size protocol: *size is the buffer's length in characters; too small
 * fails with `small` (ERROR_BUFFER_OVERFLOW for GetComputerName,
 * ERROR_MORE_DATA for the Ex functions) and *size set to the length needed,
 * terminating zero included; success sets it to the length without it. */
static BOOL name_a(struct ws_call *c, int format, char *buf, DWORD *size, int small)
{
    char name[256];
    if (ws_bad_ptr(size) || !computer_name(format, name, sizeof name)) {
        ws_fail(c, ERROR_INVALID_PARAMETER);
        return 0;
    }
    DWORD len = (DWORD)strlen(name);
    if (*size <= len || ws_bad_ptr(buf)) {
        *size = len + 1;
        ws_fail(c, small);
        return 0;
    }
    memcpy(buf, name, len + 1);
    *size = len;
    return 1;
}

static BOOL name_w(struct ws_call *c, int format, WCHAR *buf, DWORD *size, int small)
{
    char name[256];
    if (ws_bad_ptr(size) || !computer_name(format, name, sizeof name)) {
        ws_fail(c, ERROR_INVALID_PARAMETER);
        return 0;
    }
    DWORD len = (DWORD)ws_name_to_wide(name, NULL, 0);
    if (*size <= len || ws_bad_ptr(buf)) {
        *size = len + 1;
        ws_fail(c, small);
        return 0;
    }
    ws_name_to_wide(name, buf, *size);
    *size = len;
    return 1;
}

WS2P_EXPORT BOOL GetComputerNameA(char *buf, DWORD *size)
{
    struct ws_call c = WS_CALL32("GetComputerNameA");
    BOOL ret = name_a(&c, NAME_NETBIOS, buf, size, ERROR_BUFFER_OVERFLOW);
    return WS_EXIT32(&c, ret, "name=%s", ret ? buf : "");
}

WS2P_EXPORT BOOL GetComputerNameW(WCHAR *buf, DWORD *size)
{
    struct ws_call c = WS_CALL32("GetComputerNameW");
    BOOL ret = name_w(&c, NAME_NETBIOS, buf, size, ERROR_BUFFER_OVERFLOW);
    return WS_EXIT32(&c, ret, "size=%u", size && !ws_bad_ptr(size) ? (unsigned)*size : 0);
}

WS2P_EXPORT BOOL GetComputerNameExA(int format, char *buf, DWORD *size)
{
    struct ws_call c = WS_CALL32("GetComputerNameExA");
    BOOL ret = name_a(&c, format, buf, size, ERROR_MORE_DATA);
    return WS_EXIT32(&c, ret, "format=%d, name=%s", format, ret ? buf : "");
}

WS2P_EXPORT BOOL GetComputerNameExW(int format, WCHAR *buf, DWORD *size)
{
    struct ws_call c = WS_CALL32("GetComputerNameExW");
    BOOL ret = name_w(&c, format, buf, size, ERROR_MORE_DATA);
    return WS_EXIT32(&c, ret, "format=%d", format);
}

/* The Windows directories, as Windows spells them.  A program builds DLL
 * paths from them (the loader takes any directory) or files under them;
 * the path layer makes "C:\" the root, so those name /Windows/... here.
 * The size protocol: the length copied, or the size needed with the zero. */
#define SYSTEM_DIR "C:\\Windows\\system32"
#define WINDOWS_DIR "C:\\Windows"

static UINT put_dir(const char *dir, void *buf, UINT size, bool wide)
{
    return k32_put_str(dir, ws_bad_ptr(buf) ? NULL : buf, size, wide);
}

WS2P_EXPORT UINT GetSystemDirectoryA(char *buf, UINT size)
{
    struct ws_call c = WS_CALL32("GetSystemDirectoryA");
    return WS_EXIT32(&c, put_dir(SYSTEM_DIR, buf, size, false), "size=%u", size);
}

WS2P_EXPORT UINT GetSystemDirectoryW(WCHAR *buf, UINT size)
{
    struct ws_call c = WS_CALL32("GetSystemDirectoryW");
    return WS_EXIT32(&c, put_dir(SYSTEM_DIR, buf, size, true), "size=%u", size);
}

WS2P_EXPORT UINT GetWindowsDirectoryA(char *buf, UINT size)
{
    struct ws_call c = WS_CALL32("GetWindowsDirectoryA");
    return WS_EXIT32(&c, put_dir(WINDOWS_DIR, buf, size, false), "size=%u", size);
}

WS2P_EXPORT UINT GetWindowsDirectoryW(WCHAR *buf, UINT size)
{
    struct ws_call c = WS_CALL32("GetWindowsDirectoryW");
    return WS_EXIT32(&c, put_dir(WINDOWS_DIR, buf, size, true), "size=%u", size);
}
