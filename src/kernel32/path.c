/* Path names: GetTempPathA/W, GetTempFileNameA/W, GetFullPathNameA/W,
 * GetLongPathNameA/W, GetCurrentDirectoryA/W, SetCurrentDirectoryA/W.
 *
 * The paths these return are POSIX paths ('/' separated, no drive): what
 * the program gives back to any file function works, and so does joining
 * with '\' (docs/windows-vs-linux.md).  There are no 8.3 short names, so
 * a long path name is the name itself once it is known to exist. */
#include "k32file.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The W functions count WCHARs; *part points at the last component. */
static DWORD put_path(const char *s, void *buf, DWORD n, bool wide, void **part)
{
    DWORD r = k32_put_str(s, buf, n, wide);
    if (part) {
        const char *slash = strrchr(s, '/');
        bool fits = buf && r < n;
        if (!fits || !slash || !slash[1])
            *part = NULL;
        else if (wide) {
            char *head = strndup(s, (size_t)(slash + 1 - s));
            *part = head ? (WCHAR *)buf + ws_name_to_wide(head, NULL, 0) : NULL;
            free(head);
        } else
            *part = (char *)buf + (slash + 1 - s);
    }
    return r;
}

/* ---- GetFullPathName ------------------------------------------------------- */

static DWORD full_path_name(struct ws_call *c, const void *name, bool wide, DWORD n, void *buf, void **part)
{
    if (!name) {
        ws_fail(c, ERROR_INVALID_PARAMETER);
        return 0;
    }
    char *p = k32_path_arg(c, name, wide, false), *full = p ? ws_path_full(p) : NULL;
    DWORD ret = 0;
    if (p && !full)
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
    else if (full)
        ret = put_path(full, buf, n, wide, part);
    free(p);
    free(full);
    return ret;
}

WS2P_EXPORT DWORD GetFullPathNameA(const char *name, DWORD n, char *buf, char **part)
{
    struct ws_call c = WS_CALL32("GetFullPathNameA");
    DWORD ret = full_path_name(&c, name, false, n, buf, (void **)part);
    return WS_EXIT32(&c, ret, "name=%s, n=%u, full=%s", name ? name : "NULL", (unsigned)n,
                     ret && ret < n ? buf : "-");
}

WS2P_EXPORT DWORD GetFullPathNameW(const WCHAR *name, DWORD n, WCHAR *buf, WCHAR **part)
{
    struct ws_call c = WS_CALL32("GetFullPathNameW");
    DWORD ret = full_path_name(&c, name, true, n, buf, (void **)part);
    return WS_EXIT32(&c, ret, "name=%ls, n=%u, full=%ls", name ? name : L"NULL", (unsigned)n,
                     ret && ret < n ? buf : L"-");
}

/* ---- GetLongPathName ------------------------------------------------------- */

/* The name as given, once it is known to exist (there are no short names). */
static DWORD long_path_name(struct ws_call *c, const void *name, bool wide, void *buf, DWORD n)
{
    if (!name) {
        ws_fail(c, ERROR_INVALID_PARAMETER);
        return 0;
    }
    char *u = k32_utf8_arg(c, name, wide), *p = NULL;
    DWORD ret = 0;
    struct stat st;
    if (!u)
        return 0;
    if (strpbrk(u, "*?"))
        ws_fail(c, ERROR_INVALID_NAME);
    else if (!(p = ws_path_from_win(u)))
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
    else if (stat(p, &st) != 0)
        ws_fail_sys(c, "stat", errno, ws_path_enoent(p, errno));
    else
        ret = k32_put_str(u, buf, n, wide); /* buf may be the name itself: u is a copy */
    free(u);
    free(p);
    return ret;
}

WS2P_EXPORT DWORD GetLongPathNameA(const char *name, char *buf, DWORD n)
{
    struct ws_call c = WS_CALL32("GetLongPathNameA");
    DWORD ret = long_path_name(&c, name, false, buf, n);
    return WS_EXIT32(&c, ret, "name=%s, n=%u", name ? name : "NULL", (unsigned)n);
}

WS2P_EXPORT DWORD GetLongPathNameW(const WCHAR *name, WCHAR *buf, DWORD n)
{
    struct ws_call c = WS_CALL32("GetLongPathNameW");
    DWORD ret = long_path_name(&c, name, true, buf, n);
    return WS_EXIT32(&c, ret, "name=%ls, n=%u", name ? name : L"NULL", (unsigned)n);
}

/* ---- current directory ------------------------------------------------------ */

static DWORD current_directory(struct ws_call *c, DWORD n, void *buf, bool wide)
{
    char *cwd = getcwd(NULL, 0);
    if (!cwd) {
        ws_fail_errno32(c, "getcwd", errno);
        return 0;
    }
    DWORD ret = k32_put_str(cwd, buf, n, wide);
    free(cwd);
    return ret;
}

WS2P_EXPORT DWORD GetCurrentDirectoryA(DWORD n, char *buf)
{
    struct ws_call c = WS_CALL32("GetCurrentDirectoryA");
    DWORD ret = current_directory(&c, n, buf, false);
    return WS_EXIT32(&c, ret, "n=%u, dir=%s", (unsigned)n, ret && ret < n ? buf : "-");
}

WS2P_EXPORT DWORD GetCurrentDirectoryW(DWORD n, WCHAR *buf)
{
    struct ws_call c = WS_CALL32("GetCurrentDirectoryW");
    DWORD ret = current_directory(&c, n, buf, true);
    return WS_EXIT32(&c, ret, "n=%u, dir=%ls", (unsigned)n, ret && ret < n ? buf : L"-");
}

static BOOL set_current_directory(struct ws_call *c, const void *name, bool wide)
{
    char *p = k32_path_arg(c, name, wide, false);
    BOOL ret = 0;
    if (!p)
        return 0;
    if (chdir(p) == 0)
        ret = 1;
    else {
        int e = errno;
        struct stat st;
        bool file = e == ENOTDIR && stat(p, &st) == 0; /* a file, not a directory */
        ws_fail_sys(c, "chdir", e, file ? ERROR_DIRECTORY : ws_path_enoent(p, e));
    }
    free(p);
    return ret;
}

WS2P_EXPORT BOOL SetCurrentDirectoryA(const char *name)
{
    struct ws_call c = WS_CALL32("SetCurrentDirectoryA");
    BOOL ret = set_current_directory(&c, name, false);
    return WS_EXIT32(&c, ret, "name=%s", name ? name : "NULL");
}

WS2P_EXPORT BOOL SetCurrentDirectoryW(const WCHAR *name)
{
    struct ws_call c = WS_CALL32("SetCurrentDirectoryW");
    BOOL ret = set_current_directory(&c, name, true);
    return WS_EXIT32(&c, ret, "name=%ls", name ? name : L"NULL");
}

/* ---- temporary files ---------------------------------------------------------- */

/* TMP, then TEMP (Windows' order), then TMPDIR, then /tmp; absolute, with
 * the trailing separator Windows' answer has.  Malloc'd or NULL. */
static char *temp_dir(void)
{
    static const char *const vars[] = {"TMP", "TEMP", "TMPDIR"};
    const char *e = NULL;
    for (size_t i = 0; i < sizeof vars / sizeof vars[0] && (!e || !*e); i++)
        e = getenv(vars[i]);
    char *p = ws_path_from_win(e && *e ? e : "/tmp"), *full = p ? ws_path_full(p) : NULL;
    free(p);
    if (full && full[strlen(full) - 1] != '/') {
        char *t = realloc(full, strlen(full) + 2);
        if (!t) {
            free(full);
            return NULL;
        }
        full = strcat(t, "/");
    }
    return full;
}

/* The A function leaves a short buffer alone; the W one zeroes what it
 * was given, and zeroes the rest after the path when it fits (Wine's
 * test_GetTempPathW). */
static DWORD temp_path(struct ws_call *c, DWORD n, void *buf, bool wide)
{
    char *dir = temp_dir();
    if (!dir) {
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    DWORD ret = k32_put_str(dir, buf, n, wide);
    free(dir);
    if (wide && buf) {
        DWORD cap = n < 32767 ? n : 32767;
        DWORD from = ret < n ? ret : 0;
        for (DWORD i = from; i < cap; i++)
            ((WCHAR *)buf)[i] = 0;
    }
    return ret;
}

WS2P_EXPORT DWORD GetTempPathA(DWORD n, char *buf)
{
    struct ws_call c = WS_CALL32("GetTempPathA");
    DWORD ret = temp_path(&c, n, buf, false);
    return WS_EXIT32(&c, ret, "n=%u, path=%s", (unsigned)n, ret && ret < n ? buf : "-");
}

WS2P_EXPORT DWORD GetTempPathW(DWORD n, WCHAR *buf)
{
    struct ws_call c = WS_CALL32("GetTempPathW");
    DWORD ret = temp_path(&c, n, buf, true);
    return WS_EXIT32(&c, ret, "n=%u, path=%ls", (unsigned)n, ret && ret < n ? buf : L"-");
}

/* dir + prefix (3 characters at most) + the number in hex + ".tmp".  With
 * unique 0 the number is chosen and the file created (empty, CREATE_NEW),
 * else the name is only made.  The result is MAX_PATH characters at most
 * (the buffer the documentation asks for). */
static UINT temp_file_name(struct ws_call *c, const void *dir, const void *prefix, UINT unique, void *buf, bool wide)
{
    if (!dir || !buf) {
        ws_fail(c, ERROR_INVALID_PARAMETER);
        return 0;
    }
    char *d = wide ? ws_name_from_wide(dir) : strdup(dir), *pre = NULL;
    if (d && prefix) {
        if (wide) {
            WCHAR p3[4] = {0};
            for (int i = 0; i < 3 && ((const WCHAR *)prefix)[i]; i++)
                p3[i] = ((const WCHAR *)prefix)[i];
            pre = ws_name_from_wide(p3);
        } else
            pre = strndup(prefix, 3);
    } else if (d)
        pre = strdup("");
    UINT ret = 0;
    if (!d || !pre) {
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
        goto out;
    }
    if (strlen(d) > MAX_PATH - 14) {
        ws_fail(c, ERROR_BUFFER_OVERFLOW);
        goto out;
    }
    size_t dl = strlen(d);
    /* Join with the separator the caller writes. */
    const char *sep = dl && (d[dl - 1] == '\\' || d[dl - 1] == '/') ? "" : strchr(d, '\\') && !strchr(d, '/') ? "\\" : "/";
    UINT u = unique & 0xffff, first = u;
    if (!unique)
        u = first = (UINT)(time(NULL) ^ getpid()) % 0xffff + 1;
    for (;;) {
        char name[MAX_PATH + 32];
        snprintf(name, sizeof name, "%s%s%s%x.tmp", d, sep, pre, u);
        if (unique) {
            k32_put_str(name, buf, MAX_PATH, wide);
            ret = u;
            break;
        }
        char *p = ws_path_from_win(name);
        int fd = p ? open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600) : -1;
        int e = p ? errno : ENOMEM;
        free(p);
        if (fd >= 0) {
            close(fd);
            k32_put_str(name, buf, MAX_PATH, wide);
            ret = u;
            break;
        }
        if (e != EEXIST) {
            ws_fail_sys(c, "open", e, e == ENOENT || e == ENOTDIR ? ERROR_DIRECTORY : ws_errno_to_w32(e));
            break;
        }
        u = u % 0xffff + 1; /* 1..0xffff: 0 means "choose" */
        if (u == first) {
            ws_fail(c, ERROR_FILE_EXISTS);
            break;
        }
    }
out:
    free(d);
    free(pre);
    return ret;
}

WS2P_EXPORT UINT GetTempFileNameA(const char *dir, const char *prefix, UINT unique, char *buf)
{
    struct ws_call c = WS_CALL32("GetTempFileNameA");
    UINT ret = temp_file_name(&c, dir, prefix, unique, buf, false);
    return WS_EXIT32(&c, ret, "dir=%s, prefix=%s, unique=%u, name=%s", dir ? dir : "NULL", prefix ? prefix : "NULL",
                     unique, ret ? buf : "-");
}

WS2P_EXPORT UINT GetTempFileNameW(const WCHAR *dir, const WCHAR *prefix, UINT unique, WCHAR *buf)
{
    struct ws_call c = WS_CALL32("GetTempFileNameW");
    UINT ret = temp_file_name(&c, dir, prefix, unique, buf, true);
    return WS_EXIT32(&c, ret, "dir=%ls, prefix=%ls, unique=%u, name=%ls", dir ? dir : L"NULL",
                     prefix ? prefix : L"NULL", unique, ret ? buf : L"-");
}
