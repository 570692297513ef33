/* The loader: LoadLibrary(Ex)A/W, GetModuleHandle(Ex)A/W, GetProcAddress,
 * FreeLibrary, GetModuleFileNameA/W and the DLL directory calls.
 *
 * The DLLs are the ones this library implements.  They are always loaded
 * (they are this library), so LoadLibrary finds one by name and FreeLibrary
 * never unloads it, as for a DLL a program imports statically.  A module
 * handle is the address of the DLL's entry below (Windows' is the image
 * base); GetProcAddress looks the name up in the export table generated at
 * build time from the library's objects (exports.h, cmake/gen-exports.sh),
 * in each source folder the DLL draws on, and returns exactly what a
 * direct call reaches (for connect, ws2p_connect: never libc's).  Any
 * other name is ERROR_PROC_NOT_FOUND, which is what programs probing ntdll
 * for NtCreateFile or AFD entry points expect from a system without them. */
#define _GNU_SOURCE
#include "core.h"
#include "exports.h"
#include "utf.h"
#include "ws2p/k32_loader.h"
#include <dlfcn.h>
#include <limits.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MODULE_MAGIC 0x4d503257u

struct module {
    uint32_t magic;
    const char *name;          /* lower case, with its extension */
    const char *sources[3];    /* export table folders it exports from */
    bool winsock_ordinals;     /* answers Winsock 1.1's ordinals */
};

/* wsock32 is Winsock 1.1 plus the Microsoft extensions; kernelbase holds
 * most of kernel32; the C runtimes are one here. */
static const struct module modules[] = {
    {MODULE_MAGIC, "ws2_32.dll", {"ws2_32"}, true},
    {MODULE_MAGIC, "wsock32.dll", {"ws2_32", "mswsock"}, true},
    {MODULE_MAGIC, "mswsock.dll", {"mswsock"}, false},
    {MODULE_MAGIC, "kernel32.dll", {"kernel32"}, false},
    {MODULE_MAGIC, "kernelbase.dll", {"kernel32"}, false},
    {MODULE_MAGIC, "user32.dll", {"user32"}, false},
    {MODULE_MAGIC, "winmm.dll", {"winmm"}, false},
    {MODULE_MAGIC, "iphlpapi.dll", {"iphlpapi"}, false},
    {MODULE_MAGIC, "advapi32.dll", {"advapi32"}, false},
    {MODULE_MAGIC, "bcrypt.dll", {"bcrypt"}, false},
    {MODULE_MAGIC, "ntdll.dll", {"ntdll"}, false},
    {MODULE_MAGIC, "shell32.dll", {"shell32"}, false},
    {MODULE_MAGIC, "msvcrt.dll", {"msvcrt"}, false},
    {MODULE_MAGIC, "ucrtbase.dll", {"msvcrt"}, false},
    {MODULE_MAGIC, "vcruntime140.dll", {"msvcrt"}, false},
};
#define NMODULES (sizeof modules / sizeof modules[0])
#define KERNELBASE (&modules[4])
#define UCRTBASE (&modules[13])

/* The program itself: GetModuleHandle(NULL), what a NULL module means. */
static const struct module exe_module = {MODULE_MAGIC, "", {NULL}, false};

static const struct module *module_of(HMODULE h)
{
    const struct module *m = (const struct module *)h;
    if (m == &exe_module)
        return m;
    if (m < modules || m >= modules + NMODULES || ((uintptr_t)m - (uintptr_t)modules) % sizeof *m)
        return NULL;
    return m;
}

/* A DLL name as LoadLibrary and GetModuleHandle take it: any directory is
 * dropped, trailing spaces too ("kernel32   " is kernel32), case does not
 * matter, no extension means ".dll" and a trailing dot means none. */
static const struct module *find_module(const char *name)
{
    const char *base = name;
    for (const char *p = name; *p; p++)
        if (*p == '\\' || *p == '/')
            base = p + 1;
    size_t n = strlen(base);
    while (n && base[n - 1] == ' ')
        n--;
    if (!n || n > 64)
        return NULL;
    char lower[72];
    bool dot = false;
    for (size_t i = 0; i < n; i++) {
        lower[i] = (char)(base[i] >= 'A' && base[i] <= 'Z' ? base[i] + 32 : base[i]);
        dot |= base[i] == '.';
    }
    lower[n] = 0;
    if (lower[n - 1] == '.')
        lower[--n] = 0;
    else if (!dot)
        memcpy(lower + n, ".dll", 5);
    for (size_t i = 0; i < NMODULES; i++)
        if (!strcmp(lower, modules[i].name))
            return &modules[i];
    /* API sets resolve to their host DLLs */
    if (!strncmp(lower, "api-ms-win-crt-", 15))
        return UCRTBASE;
    if (!strncmp(lower, "api-ms-win-", 11) || !strncmp(lower, "ext-ms-win-", 11))
        return KERNELBASE;
    return NULL;
}

/* The export of one source folder, by binary search (the table is sorted
 * by folder, then name, in strcmp order). */
static const struct ws_export *find_export(const char *dll, const char *name)
{
    unsigned lo = 0, hi = ws_nexports;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        int c = strcmp(ws_exports[mid].dll, dll);
        if (!c)
            c = strcmp(ws_exports[mid].name, name);
        if (!c)
            return &ws_exports[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Winsock 1.1's ordinals, the same in wsock32.dll and ws2_32.dll. */
static const char *winsock_ordinal(unsigned ord)
{
    static const char *const low[] = {
        NULL,          "accept",      "bind",       "closesocket", "connect",    "getpeername", "getsockname",
        "getsockopt",  "htonl",       "htons",      "ioctlsocket", "inet_addr",  "inet_ntoa",   "listen",
        "ntohl",       "ntohs",       "recv",       "recvfrom",    "select",     "send",        "sendto",
        "setsockopt",  "shutdown",    "socket",
    };
    static const char *const db[] = {"gethostbyaddr", "gethostbyname", "getprotobyname", "getprotobynumber",
                                     "getservbyname", "getservbyport", "gethostname"};
    static const char *const wsa[] = {"WSAAsyncSelect",
                                      "WSAAsyncGetHostByAddr",
                                      "WSAAsyncGetHostByName",
                                      "WSAAsyncGetProtoByNumber",
                                      "WSAAsyncGetProtoByName",
                                      "WSAAsyncGetServByPort",
                                      "WSAAsyncGetServByName",
                                      "WSACancelAsyncRequest",
                                      "WSASetBlockingHook",
                                      "WSAUnhookBlockingHook",
                                      "WSAGetLastError",
                                      "WSASetLastError",
                                      "WSACancelBlockingCall",
                                      "WSAIsBlocking",
                                      "WSAStartup",
                                      "WSACleanup"};
    if (ord < sizeof low / sizeof low[0])
        return low[ord];
    if (ord >= 51 && ord < 51 + sizeof db / sizeof db[0])
        return db[ord - 51];
    if (ord >= 101 && ord < 101 + sizeof wsa / sizeof wsa[0])
        return wsa[ord - 101];
    return ord == 151 ? "__WSAFDIsSet" : NULL;
}

/* The main program's ELF header address, which dladdr reports as the
 * base of anything inside it. */
static int first_object(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    for (int i = 0; i < info->dlpi_phnum; i++)
        if (info->dlpi_phdr[i].p_type == PT_LOAD) {
            *(uintptr_t *)data =
                (info->dlpi_addr + info->dlpi_phdr[i].p_vaddr) & ~((uintptr_t)sysconf(_SC_PAGESIZE) - 1);
            break;
        }
    return 1; /* the main program comes first */
}
static uintptr_t exe_base(void)
{
    uintptr_t base = 0;
    dl_iterate_phdr(first_object, &base);
    return base;
}

/* ---- LoadLibrary / FreeLibrary ----------------------------------------- */

#define LOAD_FLAGS_SEARCH                                                                                      \
    (LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR | LOAD_LIBRARY_SEARCH_APPLICATION_DIR | LOAD_LIBRARY_SEARCH_USER_DIRS |  \
     LOAD_LIBRARY_SEARCH_SYSTEM32 | LOAD_LIBRARY_SEARCH_DEFAULT_DIRS | LOAD_LIBRARY_SEARCH_SYSTEM32_NO_FORWARDER)
#define LOAD_FLAGS_VALID                                                                                       \
    (DONT_RESOLVE_DLL_REFERENCES | LOAD_LIBRARY_AS_DATAFILE | LOAD_WITH_ALTERED_SEARCH_PATH |                  \
     LOAD_IGNORE_CODE_AUTHZ_LEVEL | LOAD_LIBRARY_AS_IMAGE_RESOURCE | LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE |      \
     LOAD_LIBRARY_REQUIRE_SIGNED_TARGET | LOAD_LIBRARY_SAFE_CURRENT_DIRS | LOAD_FLAGS_SEARCH)

/* Windows checks the arguments first (module.c: NULL or "" file names and
 * a file handle are ERROR_INVALID_PARAMETER, as is LOAD_WITH_ALTERED_-
 * SEARCH_PATH with a LOAD_LIBRARY_SEARCH_ flag). */
static HMODULE load(struct ws_call *c, const char *name, HANDLE file, DWORD flags)
{
    const struct module *m;
    if (!name || !*name || file || (flags & ~(DWORD)LOAD_FLAGS_VALID) ||
        ((flags & LOAD_WITH_ALTERED_SEARCH_PATH) && (flags & LOAD_FLAGS_SEARCH))) {
        ws_fail(c, ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (!(m = find_module(name)))
        ws_fail(c, ERROR_MOD_NOT_FOUND);
    return (HMODULE)m;
}

static char *narrow(struct ws_call *c, const WCHAR *w)
{
    char *s = ws_bad_ptr(w) ? NULL : ws_wide_to_utf8_dup(w);
    if (!s && !ws_bad_ptr(w))
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
    return s;
}

WS2P_EXPORT HMODULE LoadLibraryExA(const char *name, HANDLE file, DWORD flags)
{
    struct ws_call c = WS_CALL32("LoadLibraryExA");
    HMODULE h = load(&c, name, file, flags);
    return WS_EXIT32(&c, h, "name=%s, flags=%#x", name ? name : "NULL", (unsigned)flags);
}

WS2P_EXPORT HMODULE LoadLibraryA(const char *name)
{
    struct ws_call c = WS_CALL32("LoadLibraryA");
    HMODULE h = load(&c, name, NULL, 0);
    return WS_EXIT32(&c, h, "name=%s", name ? name : "NULL");
}

WS2P_EXPORT HMODULE LoadLibraryExW(const WCHAR *name, HANDLE file, DWORD flags)
{
    struct ws_call c = WS_CALL32("LoadLibraryExW");
    char *s = narrow(&c, name);
    HMODULE h = c.err == WS_ERR_KEEP ? load(&c, s, file, flags) : NULL;
    (void)WS_EXIT32(&c, h, "name=%s, flags=%#x", s ? s : "NULL", (unsigned)flags);
    free(s);
    return h;
}

WS2P_EXPORT HMODULE LoadLibraryW(const WCHAR *name)
{
    struct ws_call c = WS_CALL32("LoadLibraryW");
    char *s = narrow(&c, name);
    HMODULE h = c.err == WS_ERR_KEEP ? load(&c, s, NULL, 0) : NULL;
    (void)WS_EXIT32(&c, h, "name=%s", s ? s : "NULL");
    free(s);
    return h;
}

/* Nothing is unloaded: the DLLs are this library. */
WS2P_EXPORT BOOL FreeLibrary(HMODULE h)
{
    struct ws_call c = WS_CALL32("FreeLibrary");
    const struct module *m = module_of(h);
    if (!m)
        ws_fail(&c, ERROR_MOD_NOT_FOUND);
    return WS_EXIT32(&c, m != NULL, "h=%p", (void *)h);
}

/* ---- GetProcAddress ----------------------------------------------------- */

WS2P_EXPORT FARPROC GetProcAddress(HMODULE h, const char *name)
{
    struct ws_call c = WS_CALL32("GetProcAddress");
    const struct module *m = h ? module_of(h) : &exe_module;
    void *addr = NULL;
    uintptr_t ord = (uintptr_t)name;
    const char *want = ord >> 16 ? name : NULL;
    if (!m)
        ws_fail(&c, ERROR_MOD_NOT_FOUND);
    else {
        if (!want && m->winsock_ordinals)
            want = winsock_ordinal((unsigned)ord);
        if (want && m == &exe_module) {
            /* the program's own exports (if it was linked to have any) */
            Dl_info info;
            void *p = dlsym(RTLD_DEFAULT, want);
            if (p && dladdr(p, &info) && (uintptr_t)info.dli_fbase == exe_base())
                addr = p;
        } else if (want)
            for (int i = 0; i < 3 && m->sources[i] && !addr; i++) {
                const struct ws_export *e = find_export(m->sources[i], want);
                if (e)
                    addr = e->addr;
            }
        if (!addr)
            ws_fail(&c, ERROR_PROC_NOT_FOUND);
    }
    FARPROC ret;
    memcpy(&ret, &addr, sizeof ret);
    return WS_EXIT32(&c, ret, "h=%p (%s), name=%s%s", (void *)h, m ? (m->name[0] ? m->name : "exe") : "?",
                     ord >> 16 ? name : "#", ord >> 16 ? "" : want ? want : "ordinal");
}

/* ---- GetModuleHandle(Ex) ------------------------------------------------ */

static HMODULE module_handle(struct ws_call *c, const char *name)
{
    if (!name)
        return (HMODULE)&exe_module;
    const struct module *m = find_module(name);
    if (!m)
        ws_fail(c, ERROR_MOD_NOT_FOUND);
    return (HMODULE)m;
}

WS2P_EXPORT HMODULE GetModuleHandleA(const char *name)
{
    struct ws_call c = WS_CALL32("GetModuleHandleA");
    HMODULE h = module_handle(&c, name);
    return WS_EXIT32(&c, h, "name=%s", name ? name : "NULL");
}

WS2P_EXPORT HMODULE GetModuleHandleW(const WCHAR *name)
{
    struct ws_call c = WS_CALL32("GetModuleHandleW");
    char *s = name ? narrow(&c, name) : NULL;
    HMODULE h = c.err == WS_ERR_KEEP ? module_handle(&c, s) : NULL;
    (void)WS_EXIT32(&c, h, "name=%s", s ? s : "NULL");
    free(s);
    return h;
}

/* The module an address lies in: a function of the export table belongs
 * to its DLL; other code of this library to ws2_32.dll (its file is
 * libws2_32); the program's own code to the program. */
static HMODULE module_from_address(const void *p)
{
    Dl_info info, self;
    for (unsigned i = 0; i < ws_nexports; i++)
        if (ws_exports[i].addr == p)
            for (size_t k = 0; k < NMODULES; k++)
                if (!strcmp(modules[k].sources[0], ws_exports[i].dll))
                    return (HMODULE)&modules[k];
    if (!dladdr(p, &info))
        return NULL;
    if (dladdr((void *)module_from_address, &self) && info.dli_fbase == self.dli_fbase &&
        (uintptr_t)self.dli_fbase != exe_base())
        return (HMODULE)&modules[0];
    if ((uintptr_t)info.dli_fbase == exe_base())
        return (HMODULE)&exe_module;
    return NULL;
}

#define GMH_FLAGS                                                                                             \
    (GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT |                            \
     GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS)

static BOOL module_handle_ex(struct ws_call *c, DWORD flags, const void *name, bool wide, HMODULE *out)
{
    if (ws_bad_ptr(out) || (flags & ~(DWORD)GMH_FLAGS) ||
        (flags & (GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT)) ==
            (GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT)) {
        if (!ws_bad_ptr(out))
            *out = NULL;
        ws_fail(c, ERROR_INVALID_PARAMETER);
        return 0;
    }
    HMODULE h;
    if (flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS) {
        if (!(h = module_from_address(name)))
            ws_fail(c, ERROR_MOD_NOT_FOUND);
    } else if (wide && name) {
        char *s = narrow(c, name);
        h = s ? module_handle(c, s) : NULL;
        free(s);
    } else
        h = module_handle(c, name);
    *out = h;
    return h != NULL;
}

WS2P_EXPORT BOOL GetModuleHandleExA(DWORD flags, const char *name, HMODULE *out)
{
    struct ws_call c = WS_CALL32("GetModuleHandleExA");
    BOOL ret = module_handle_ex(&c, flags, name, false, out);
    return WS_EXIT32(&c, ret, "flags=%#x, name=%p", (unsigned)flags, (const void *)name);
}

WS2P_EXPORT BOOL GetModuleHandleExW(DWORD flags, const WCHAR *name, HMODULE *out)
{
    struct ws_call c = WS_CALL32("GetModuleHandleExW");
    BOOL ret = module_handle_ex(&c, flags, name, true, out);
    return WS_EXIT32(&c, ret, "flags=%#x, name=%p", (unsigned)flags, (const void *)name);
}

/* ---- GetModuleFileName -------------------------------------------------- */

/* The file behind a module: the program's, or this library's (the DLLs are
 * all this one file).  malloc'd, or NULL. */
static char *module_path(const struct module *m)
{
    char buf[PATH_MAX];
    Dl_info info;
    if (m != &exe_module && dladdr((void *)module_path, &info) && info.dli_fname && *info.dli_fname &&
        (uintptr_t)info.dli_fbase != exe_base())
        return realpath(info.dli_fname, NULL);
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return NULL;
    buf[n] = 0;
    return strdup(buf);
}

/* Windows' rules: the length without the NUL and the last error reset to
 * ERROR_SUCCESS (module.c); a short buffer gets the path cut to size - 1
 * characters and a NUL, returns size and ERROR_INSUFFICIENT_BUFFER; a bad
 * module leaves the buffer alone. */
static DWORD module_file_name(struct ws_call *c, HMODULE h, void *buf, DWORD size, bool wide)
{
    const struct module *m = h ? module_of(h) : &exe_module;
    if (!m) {
        ws_fail(c, ERROR_MOD_NOT_FOUND);
        return 0;
    }
    char *path = module_path(m);
    if (!path) {
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    WCHAR *w = wide ? ws_utf8_to_wide_dup(path) : NULL;
    size_t len = wide ? (w ? ws_wcslen(w) : 0) : strlen(path);
    DWORD ret;
    if (wide && !w) {
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
        ret = 0;
    } else if (size == 0) {
        ws_fail(c, ERROR_INSUFFICIENT_BUFFER);
        ret = 0;
    } else if (len + 1 > size) {
        if (wide) {
            memcpy(buf, w, (size - 1) * sizeof(WCHAR));
            ((WCHAR *)buf)[size - 1] = 0;
        } else {
            memcpy(buf, path, size - 1);
            ((char *)buf)[size - 1] = 0;
        }
        ws_fail(c, ERROR_INSUFFICIENT_BUFFER);
        ret = size;
    } else {
        if (wide)
            memcpy(buf, w, (len + 1) * sizeof(WCHAR));
        else
            memcpy(buf, path, len + 1);
        ws_fail(c, 0);
        ret = (DWORD)len;
    }
    free(w);
    free(path);
    return ret;
}

WS2P_EXPORT DWORD GetModuleFileNameA(HMODULE h, char *buf, DWORD size)
{
    struct ws_call c = WS_CALL32("GetModuleFileNameA");
    DWORD ret = module_file_name(&c, h, buf, size, false);
    return WS_EXIT32(&c, ret, "h=%p, size=%u", (void *)h, (unsigned)size);
}

WS2P_EXPORT DWORD GetModuleFileNameW(HMODULE h, WCHAR *buf, DWORD size)
{
    struct ws_call c = WS_CALL32("GetModuleFileNameW");
    DWORD ret = module_file_name(&c, h, buf, size, true);
    return WS_EXIT32(&c, ret, "h=%p, size=%u", (void *)h, (unsigned)size);
}

/* ---- DLL search directories: nothing is searched, so they are noted and
 * have no effect. -------------------------------------------------------- */

WS2P_EXPORT BOOL DisableThreadLibraryCalls(HMODULE h)
{
    struct ws_call c = WS_CALL32("DisableThreadLibraryCalls");
    BOOL ret = module_of(h) != NULL;
    if (!ret)
        ws_fail(&c, ERROR_INVALID_HANDLE);
    return WS_EXIT32(&c, ret, "h=%p", (void *)h);
}

WS2P_EXPORT BOOL SetDllDirectoryA(const char *path)
{
    struct ws_call c = WS_CALL32("SetDllDirectoryA");
    return WS_EXIT32(&c, (BOOL)1, "path=%s", path ? path : "NULL");
}

WS2P_EXPORT BOOL SetDllDirectoryW(const WCHAR *path)
{
    struct ws_call c = WS_CALL32("SetDllDirectoryW");
    return WS_EXIT32(&c, (BOOL)1, "path=%p", (const void *)path);
}

/* A cookie for each directory added; RemoveDllDirectory takes it back. */
WS2P_EXPORT DLL_DIRECTORY_COOKIE AddDllDirectory(const WCHAR *dir)
{
    struct ws_call c = WS_CALL32("AddDllDirectory");
    DLL_DIRECTORY_COOKIE cookie = NULL;
    if (ws_bad_ptr(dir) || (dir[0] != '/' && dir[0] != '\\' && !(dir[0] && dir[1] == ':')))
        ws_fail(&c, ERROR_INVALID_PARAMETER); /* an absolute path only */
    else if (!(cookie = malloc(1)))
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    return WS_EXIT32(&c, cookie, "dir=%p", (const void *)dir);
}

WS2P_EXPORT BOOL RemoveDllDirectory(DLL_DIRECTORY_COOKIE cookie)
{
    struct ws_call c = WS_CALL32("RemoveDllDirectory");
    BOOL ret = cookie != NULL;
    if (ret)
        free(cookie);
    else
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    return WS_EXIT32(&c, ret, "cookie=%p", cookie);
}

WS2P_EXPORT BOOL SetDefaultDllDirectories(DWORD flags)
{
    struct ws_call c = WS_CALL32("SetDefaultDllDirectories");
    BOOL ret = flags && !(flags & ~(DWORD)LOAD_FLAGS_SEARCH);
    if (!ret)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    return WS_EXIT32(&c, ret, "flags=%#x", (unsigned)flags);
}
