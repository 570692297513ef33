/* sys/stat.h: _stat, _stat64, _stati64, their wide forms and _fstat,
 * _fstat64, _fstati64, filling Windows' structures: st_ino, st_uid and
 * st_gid are 0 ("always zero on Windows systems"), st_ctime is the
 * creation time (the inode change time where the file system keeps no
 * birth time), st_dev/st_rdev name the device. */
#include "msvcrt.h"
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

/* The three structures share their layout up to st_size's width. */
struct crt_stat_head {
    unsigned int st_dev;
    unsigned short st_ino, st_mode;
    short st_nlink, st_uid, st_gid;
    unsigned int st_rdev;
};
struct crt_stat64 {
    struct crt_stat_head h;
    long long st_size;
    time_t atime, mtime, ctime; /* st_atime... (glibc makes those names macros) */
};
struct crt_stat {
    struct crt_stat_head h;
    long st_size;
    time_t atime, mtime, ctime; /* st_atime... (glibc makes those names macros) */
};

static int fill(const struct statx *sx, void *out, bool narrow_size)
{
    struct crt_stat_head h = {0};
    unsigned type = sx->stx_mode & S_IFMT;
    /* Windows knows directories, character devices, pipes and files. */
    if (type != S_IFDIR && type != S_IFCHR && type != S_IFIFO)
        type = S_IFREG;
    h.st_mode = (unsigned short)(type | (sx->stx_mode & 07777));
    h.st_nlink = (short)sx->stx_nlink;
    h.st_dev = h.st_rdev = (unsigned int)makedev(sx->stx_dev_major, sx->stx_dev_minor);
    time_t created = (sx->stx_mask & STATX_BTIME) ? sx->stx_btime.tv_sec : sx->stx_ctime.tv_sec;
    if (narrow_size) {
        struct crt_stat *s = out;
        s->h = h;
        s->st_size = (long)sx->stx_size;
        s->atime = sx->stx_atime.tv_sec;
        s->mtime = sx->stx_mtime.tv_sec;
        s->ctime = created;
    } else {
        struct crt_stat64 *s = out;
        s->h = h;
        s->st_size = (long long)sx->stx_size;
        s->atime = sx->stx_atime.tv_sec;
        s->mtime = sx->stx_mtime.tv_sec;
        s->ctime = created;
    }
    return 0;
}

#define STATX_WANT (STATX_BASIC_STATS | STATX_BTIME)

/* path (UTF-8) or fd (path NULL). */
static int do_stat(struct ws_call *c, const char *path, int fd, void *out, bool narrow_size)
{
    struct statx sx;
    int r = path ? statx(AT_FDCWD, path, 0, STATX_WANT, &sx) : statx(fd, "", AT_EMPTY_PATH, STATX_WANT, &sx);
    if (r < 0) {
        ws_crt_fail(c, "statx", path ? (errno == ENOTDIR ? ENOENT : errno) : errno);
        return -1;
    }
    return fill(&sx, out, narrow_size);
}

static int path_stat(const char *fn, const char *path, void *out, bool narrow_size)
{
    struct ws_call c = WS_CRT_CALL(fn);
    int ret = -1;
    if (!path || !out)
        ws_crt_invalid(&c, EINVAL);
    else
        ret = do_stat(&c, path, -1, out, narrow_size);
    return CRT_EXIT(&c, ret, "path=%s, buffer=%p", path ? path : "(null)", out);
}

static int wpath_stat(const char *fn, const wchar_t *wpath, void *out, bool narrow_size)
{
    struct ws_call c = WS_CRT_CALL(fn);
    int ret = -1;
    char *path = NULL;
    if (!wpath || !out)
        ws_crt_invalid(&c, EINVAL);
    else if (!(path = ws_crt_path(wpath)))
        ws_crt_fail(&c, "wide to UTF-8", errno == EILSEQ ? ENOENT : errno);
    else
        ret = do_stat(&c, path, -1, out, narrow_size);
    free(path);
    return CRT_EXIT(&c, ret, "path=%ls, buffer=%p", wpath ? wpath : L"(null)", out);
}

static int fd_stat(const char *fn, int fd, void *out, bool narrow_size)
{
    struct ws_call c = WS_CRT_CALL(fn);
    int ret = -1;
    if (!ws_crt_fd_ok(fd))
        ws_crt_invalid(&c, EBADF);
    else if (!out)
        ws_crt_invalid(&c, EINVAL);
    else
        ret = do_stat(&c, NULL, fd, out, narrow_size);
    return CRT_EXIT(&c, ret, "fd=%d, buffer=%p", fd, out);
}

WS2P_EXPORT int _stat(const char *path, struct crt_stat *buf)
{
    return path_stat("_stat", path, buf, true);
}
WS2P_EXPORT int _stat64(const char *path, struct crt_stat64 *buf)
{
    return path_stat("_stat64", path, buf, false);
}
WS2P_EXPORT int _stati64(const char *path, struct crt_stat64 *buf)
{
    return path_stat("_stati64", path, buf, false);
}
WS2P_EXPORT int _wstat(const wchar_t *path, struct crt_stat *buf)
{
    return wpath_stat("_wstat", path, buf, true);
}
WS2P_EXPORT int _wstat64(const wchar_t *path, struct crt_stat64 *buf)
{
    return wpath_stat("_wstat64", path, buf, false);
}
WS2P_EXPORT int _wstati64(const wchar_t *path, struct crt_stat64 *buf)
{
    return wpath_stat("_wstati64", path, buf, false);
}
WS2P_EXPORT int _fstat(int fd, struct crt_stat *buf)
{
    return fd_stat("_fstat", fd, buf, true);
}
WS2P_EXPORT int _fstat64(int fd, struct crt_stat64 *buf)
{
    return fd_stat("_fstat64", fd, buf, false);
}
WS2P_EXPORT int _fstati64(int fd, struct crt_stat64 *buf)
{
    return fd_stat("_fstati64", fd, buf, false);
}
