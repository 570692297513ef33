/* Operations on files by name: GetFileAttributes(Ex)A/W, SetFileAttributesA/W,
 * DeleteFileA/W, MoveFileA/W, MoveFileExA/W, CopyFileA/W,
 * CreateDirectoryA/W, RemoveDirectoryA/W.
 *
 * FILE_ATTRIBUTE_READONLY is a file with no write permission bit; it is
 * enforced as Windows enforces it (no delete, no open for writing, no
 * replace), even for root, who Linux would let through. */
#include "k32file.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <unistd.h>

/* ---- attributes ----------------------------------------------------------- */

static DWORD get_attributes(struct ws_call *c, const void *name, bool wide, WS_WIN32_FILE_ATTRIBUTE_DATA *data)
{
    DWORD ret = INVALID_FILE_ATTRIBUTES;
    char *path = k32_path_arg(c, name, wide, false);
    struct stat st;
    if (!path)
        return ret;
    if (stat(path, &st) != 0)
        ws_fail_sys(c, "stat", errno, ws_path_enoent(path, errno));
    else {
        ret = k32_attributes(&st);
        if (data) {
            uint64_t size = S_ISDIR(st.st_mode) ? 0 : (uint64_t)st.st_size;
            *data = (WS_WIN32_FILE_ATTRIBUTE_DATA){ret, k32_filetime(&st.st_ctim), k32_filetime(&st.st_atim),
                                                   k32_filetime(&st.st_mtim), (DWORD)(size >> 32), (DWORD)size};
        }
    }
    free(path);
    return ret;
}

WS2P_EXPORT DWORD GetFileAttributesA(const char *name)
{
    struct ws_call c = WS_CALL32("GetFileAttributesA");
    DWORD ret = get_attributes(&c, name, false, NULL);
    return WS_EXIT32(&c, ret, "name=%s", name ? name : "NULL");
}

WS2P_EXPORT DWORD GetFileAttributesW(const WCHAR *name)
{
    struct ws_call c = WS_CALL32("GetFileAttributesW");
    DWORD ret = get_attributes(&c, name, true, NULL);
    return WS_EXIT32(&c, ret, "name=%ls", name ? name : L"NULL");
}

/* Level 0 is GetFileExInfoStandard, the only level there is. */
static BOOL get_attributes_ex(struct ws_call *c, const void *name, bool wide, int level, void *data)
{
    if (level != 0) {
        ws_fail(c, ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (ws_bad_ptr(data)) {
        ws_fail(c, ERROR_NOACCESS);
        return 0;
    }
    return get_attributes(c, name, wide, data) != INVALID_FILE_ATTRIBUTES;
}

WS2P_EXPORT BOOL GetFileAttributesExA(const char *name, int level, void *data)
{
    struct ws_call c = WS_CALL32("GetFileAttributesExA");
    BOOL ret = get_attributes_ex(&c, name, false, level, data);
    return WS_EXIT32(&c, ret, "name=%s, level=%d", name ? name : "NULL", level);
}

WS2P_EXPORT BOOL GetFileAttributesExW(const WCHAR *name, int level, void *data)
{
    struct ws_call c = WS_CALL32("GetFileAttributesExW");
    BOOL ret = get_attributes_ex(&c, name, true, level, data);
    return WS_EXIT32(&c, ret, "name=%ls, level=%d", name ? name : L"NULL", level);
}

/* Only READONLY has a meaning here (the write permission bits); the other
 * attributes are accepted and not kept. */
static BOOL set_attributes(struct ws_call *c, const void *name, bool wide, DWORD attrs)
{
    BOOL ret = 0;
    char *path = k32_path_arg(c, name, wide, false);
    struct stat st;
    if (!path)
        return 0;
    if (stat(path, &st) != 0)
        ws_fail_sys(c, "stat", errno, ws_path_enoent(path, errno));
    else if (S_ISDIR(st.st_mode))
        ret = 1; /* a directory's READONLY does not stop writing into it on Windows either */
    else {
        mode_t m = st.st_mode & 07777;
        m = (attrs & FILE_ATTRIBUTE_READONLY) ? m & ~(mode_t)(S_IWUSR | S_IWGRP | S_IWOTH)
            : k32_readonly(&st)                ? m | S_IWUSR
                                               : m;
        if (m != (st.st_mode & 07777) && chmod(path, m) != 0)
            ws_fail_errno32(c, "chmod", errno);
        else
            ret = 1;
    }
    free(path);
    return ret;
}

WS2P_EXPORT BOOL SetFileAttributesA(const char *name, DWORD attrs)
{
    struct ws_call c = WS_CALL32("SetFileAttributesA");
    BOOL ret = set_attributes(&c, name, false, attrs);
    return WS_EXIT32(&c, ret, "name=%s, attrs=%#x", name ? name : "NULL", (unsigned)attrs);
}

WS2P_EXPORT BOOL SetFileAttributesW(const WCHAR *name, DWORD attrs)
{
    struct ws_call c = WS_CALL32("SetFileAttributesW");
    BOOL ret = set_attributes(&c, name, true, attrs);
    return WS_EXIT32(&c, ret, "name=%ls, attrs=%#x", name ? name : L"NULL", (unsigned)attrs);
}

/* ---- delete --------------------------------------------------------------- */

static BOOL delete_file(struct ws_call *c, const void *name, bool wide)
{
    BOOL ret = 0;
    char *path = k32_path_arg(c, name, wide, false);
    struct stat st;
    if (!path)
        return 0;
    if (lstat(path, &st) != 0)
        ws_fail_sys(c, "lstat", errno, ws_path_enoent(path, errno));
    else if (S_ISDIR(st.st_mode) || k32_readonly(&st))
        ws_fail(c, ERROR_ACCESS_DENIED); /* directories go with RemoveDirectory */
    else if (unlink(path) != 0)
        ws_fail_sys(c, "unlink", errno, ws_path_enoent(path, errno));
    else
        ret = 1;
    free(path);
    return ret;
}

WS2P_EXPORT BOOL DeleteFileA(const char *name)
{
    struct ws_call c = WS_CALL32("DeleteFileA");
    BOOL ret = delete_file(&c, name, false);
    return WS_EXIT32(&c, ret, "name=%s", name ? name : "NULL");
}

WS2P_EXPORT BOOL DeleteFileW(const WCHAR *name)
{
    struct ws_call c = WS_CALL32("DeleteFileW");
    BOOL ret = delete_file(&c, name, true);
    return WS_EXIT32(&c, ret, "name=%ls", name ? name : L"NULL");
}

/* ---- copy ----------------------------------------------------------------- */

/* Copy the open file src to dst (opened for writing): 0 or errno. */
static int copy_data(int src, int dst, off_t size)
{
    off_t done = 0;
    while (done < size) {
        ssize_t n = copy_file_range(src, NULL, dst, NULL, (size_t)(size - done), 0);
        if (n < 0 && (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP))
            n = sendfile(dst, src, NULL, (size_t)(size - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno;
        if (n == 0)
            break; /* the source shrank */
        done += n;
    }
    return 0;
}

/* The source is opened first (a missing one is reported before anything
 * about the destination); the copy keeps the source's permissions
 * (READONLY included) and last-write time, as CopyFile does. */
static int copy_file(struct ws_call *c, const char *from, const char *to, bool fail_if_exists)
{
    struct stat st, dst;
    bool target = stat(to, &dst) == 0;
    int src = open(from, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (src < 0) {
        ws_fail_sys(c, "open", errno, ws_path_enoent(from, errno));
        return 0;
    }
    int out = -1, ok = 0;
    if (fstat(src, &st) != 0)
        ws_fail_errno32(c, "fstat", errno);
    else if (S_ISDIR(st.st_mode))
        ws_fail(c, ERROR_ACCESS_DENIED);
    else if (target && dst.st_dev == st.st_dev && dst.st_ino == st.st_ino)
        ws_fail(c, ERROR_SHARING_VIOLATION); /* onto itself: the source is open */
    else if (target && !fail_if_exists && (S_ISDIR(dst.st_mode) || k32_readonly(&dst)))
        ws_fail(c, ERROR_ACCESS_DENIED);
    else if ((out = open(to, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY | (fail_if_exists ? O_EXCL : O_TRUNC),
                         0600)) < 0)
        ws_fail_sys(c, "open", errno, errno == EEXIST ? ERROR_FILE_EXISTS : ws_path_enoent(to, errno));
    else {
        int e = copy_data(src, out, st.st_size);
        struct timespec times[2] = {st.st_atim, st.st_mtim};
        if (!e && (fchmod(out, st.st_mode & 07777) != 0 || futimens(out, times) != 0))
            e = errno;
        if (close(out) != 0 && !e)
            e = errno;
        if (e) {
            ws_fail_sys(c, "copy_file_range", e, ws_errno_to_w32(e));
            unlink(to); /* no half copy left behind */
        } else
            ok = 1;
    }
    close(src);
    return ok;
}

static BOOL copy_file_names(struct ws_call *c, const void *from, const void *to, bool wide, BOOL fail_if_exists)
{
    char *f = k32_path_arg(c, from, wide, false), *t = f ? k32_path_arg(c, to, wide, true) : NULL;
    BOOL ret = t ? copy_file(c, f, t, fail_if_exists != 0) : 0;
    free(f);
    free(t);
    return ret;
}

WS2P_EXPORT BOOL CopyFileA(const char *from, const char *to, BOOL fail_if_exists)
{
    struct ws_call c = WS_CALL32("CopyFileA");
    BOOL ret = copy_file_names(&c, from, to, false, fail_if_exists);
    return WS_EXIT32(&c, ret, "from=%s, to=%s, fail_if_exists=%d", from ? from : "NULL", to ? to : "NULL",
                     fail_if_exists);
}

WS2P_EXPORT BOOL CopyFileW(const WCHAR *from, const WCHAR *to, BOOL fail_if_exists)
{
    struct ws_call c = WS_CALL32("CopyFileW");
    BOOL ret = copy_file_names(&c, from, to, true, fail_if_exists);
    return WS_EXIT32(&c, ret, "from=%ls, to=%ls, fail_if_exists=%d", from ? from : L"NULL", to ? to : L"NULL",
                     fail_if_exists);
}

/* ---- move ----------------------------------------------------------------- */

#define MOVEFILE_KNOWN                                                                                 \
    (MOVEFILE_REPLACE_EXISTING | MOVEFILE_COPY_ALLOWED | MOVEFILE_DELAY_UNTIL_REBOOT | MOVEFILE_WRITE_THROUGH | \
     MOVEFILE_CREATE_HARDLINK | MOVEFILE_FAIL_IF_NOT_TRACKABLE)

/* Without MOVEFILE_REPLACE_EXISTING an existing target is
 * ERROR_ALREADY_EXISTS (renameat2 RENAME_NOREPLACE, so no other process
 * slips in between); with it, a directory or read-only target is
 * ERROR_ACCESS_DENIED.  Across file systems a file is copied then
 * deleted when MOVEFILE_COPY_ALLOWED says so (MoveFile always does). */
static BOOL move_file(struct ws_call *c, const char *from, const char *to, DWORD flags)
{
    struct stat sst, dst;
    if (lstat(from, &sst) != 0) {
        ws_fail_sys(c, "lstat", errno, ws_path_enoent(from, errno));
        return 0;
    }
    bool target = lstat(to, &dst) == 0;
    if (target && sst.st_dev == dst.st_dev && sst.st_ino == dst.st_ino)
        return 1; /* the same file under the same (or another) name: nothing to move */
    if (target && !(flags & MOVEFILE_REPLACE_EXISTING)) {
        ws_fail(c, ERROR_ALREADY_EXISTS);
        return 0;
    }
    if (target && (S_ISDIR(dst.st_mode) || k32_readonly(&dst))) {
        ws_fail(c, ERROR_ACCESS_DENIED);
        return 0;
    }
    int r = (flags & MOVEFILE_REPLACE_EXISTING) ? rename(from, to)
                                                : renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE);
    if (r != 0 && errno == EINVAL && !(flags & MOVEFILE_REPLACE_EXISTING) && lstat(to, &dst) != 0)
        r = rename(from, to); /* a file system without RENAME_NOREPLACE */
    if (r == 0)
        return 1;
    int e = errno;
    if (e == EXDEV && (flags & MOVEFILE_COPY_ALLOWED) && !S_ISDIR(sst.st_mode)) {
        if (!copy_file(c, from, to, !(flags & MOVEFILE_REPLACE_EXISTING)))
            return 0;
        if (unlink(from) != 0) {
            ws_fail_errno32(c, "unlink", errno);
            return 0;
        }
        return 1;
    }
    ws_fail_sys(c, "rename", e, e == EEXIST ? ERROR_ALREADY_EXISTS : e == EISDIR || e == ENOTEMPTY ? ERROR_ACCESS_DENIED
                                                                   : ws_path_enoent(to, e));
    return 0;
}

static BOOL move_file_names(struct ws_call *c, const void *from, const void *to, bool wide, DWORD flags)
{
    if (flags & ~(DWORD)MOVEFILE_KNOWN) {
        ws_fail(c, ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (flags & (MOVEFILE_DELAY_UNTIL_REBOOT | MOVEFILE_CREATE_HARDLINK)) {
        ws_fail(c, ERROR_NOT_SUPPORTED); /* no reboot-time rename list here (README) */
        return 0;
    }
    if (!to) {
        ws_fail(c, ERROR_INVALID_PARAMETER); /* NULL is for DELAY_UNTIL_REBOOT only */
        return 0;
    }
    char *f = k32_path_arg(c, from, wide, false), *t = f ? k32_path_arg(c, to, wide, true) : NULL;
    BOOL ret = t ? move_file(c, f, t, flags) : 0;
    if (ret && (flags & MOVEFILE_WRITE_THROUGH))
        sync();
    free(f);
    free(t);
    return ret;
}

WS2P_EXPORT BOOL MoveFileExA(const char *from, const char *to, DWORD flags)
{
    struct ws_call c = WS_CALL32("MoveFileExA");
    BOOL ret = move_file_names(&c, from, to, false, flags);
    return WS_EXIT32(&c, ret, "from=%s, to=%s, flags=%#x", from ? from : "NULL", to ? to : "NULL", (unsigned)flags);
}

WS2P_EXPORT BOOL MoveFileExW(const WCHAR *from, const WCHAR *to, DWORD flags)
{
    struct ws_call c = WS_CALL32("MoveFileExW");
    BOOL ret = move_file_names(&c, from, to, true, flags);
    return WS_EXIT32(&c, ret, "from=%ls, to=%ls, flags=%#x", from ? from : L"NULL", to ? to : L"NULL",
                     (unsigned)flags);
}

WS2P_EXPORT BOOL MoveFileA(const char *from, const char *to)
{
    struct ws_call c = WS_CALL32("MoveFileA");
    BOOL ret = move_file_names(&c, from, to, false, MOVEFILE_COPY_ALLOWED);
    return WS_EXIT32(&c, ret, "from=%s, to=%s", from ? from : "NULL", to ? to : "NULL");
}

WS2P_EXPORT BOOL MoveFileW(const WCHAR *from, const WCHAR *to)
{
    struct ws_call c = WS_CALL32("MoveFileW");
    BOOL ret = move_file_names(&c, from, to, true, MOVEFILE_COPY_ALLOWED);
    return WS_EXIT32(&c, ret, "from=%ls, to=%ls", from ? from : L"NULL", to ? to : L"NULL");
}

/* ---- directories ---------------------------------------------------------- */

static BOOL create_directory(struct ws_call *c, const void *name, bool wide)
{
    char *path = k32_path_arg(c, name, wide, true);
    BOOL ret = 0;
    if (!path)
        return 0;
    if (mkdir(path, 0777) == 0)
        ret = 1;
    else {
        int e = errno;
        /* A missing parent is ERROR_PATH_NOT_FOUND whatever the last part. */
        ws_fail_sys(c, "mkdir", e, e == EEXIST ? ERROR_ALREADY_EXISTS : e == ENOENT ? ERROR_PATH_NOT_FOUND
                                                                       : ws_errno_to_w32(e));
    }
    free(path);
    return ret;
}

WS2P_EXPORT BOOL CreateDirectoryA(const char *name, WS_SECURITY_ATTRIBUTES *sa)
{
    struct ws_call c = WS_CALL32("CreateDirectoryA");
    (void)sa;
    BOOL ret = create_directory(&c, name, false);
    return WS_EXIT32(&c, ret, "name=%s", name ? name : "NULL");
}

WS2P_EXPORT BOOL CreateDirectoryW(const WCHAR *name, WS_SECURITY_ATTRIBUTES *sa)
{
    struct ws_call c = WS_CALL32("CreateDirectoryW");
    (void)sa;
    BOOL ret = create_directory(&c, name, true);
    return WS_EXIT32(&c, ret, "name=%ls", name ? name : L"NULL");
}

static BOOL remove_directory(struct ws_call *c, const void *name, bool wide)
{
    char *path = k32_path_arg(c, name, wide, false);
    BOOL ret = 0;
    if (!path)
        return 0;
    if (rmdir(path) == 0)
        ret = 1;
    else {
        int e = errno;
        struct stat st;
        /* A file named where a directory was meant: "the directory name is
         * not valid". */
        bool file = e == ENOTDIR && stat(path, &st) == 0 && !S_ISDIR(st.st_mode);
        ws_fail_sys(c, "rmdir", e, file ? ERROR_DIRECTORY : e == EINVAL || e == EBUSY ? ERROR_SHARING_VIOLATION
                                                          : ws_path_enoent(path, e));
    }
    free(path);
    return ret;
}

WS2P_EXPORT BOOL RemoveDirectoryA(const char *name)
{
    struct ws_call c = WS_CALL32("RemoveDirectoryA");
    BOOL ret = remove_directory(&c, name, false);
    return WS_EXIT32(&c, ret, "name=%s", name ? name : "NULL");
}

WS2P_EXPORT BOOL RemoveDirectoryW(const WCHAR *name)
{
    struct ws_call c = WS_CALL32("RemoveDirectoryW");
    BOOL ret = remove_directory(&c, name, true);
    return WS_EXIT32(&c, ret, "name=%ls", name ? name : L"NULL");
}
