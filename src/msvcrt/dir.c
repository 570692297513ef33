/* direct.h: _mkdir, _rmdir, _chdir, _getcwd; stdlib.h's _fullpath.  Paths are passed as they
 * are: '\' is a file-name character on Linux, not a separator. */
#include "msvcrt.h"
#include "fileobj.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

WS2P_EXPORT int _mkdir(const char *path)
{
    struct ws_call c = WS_CRT_CALL("_mkdir");
    int ret = -1;
    if (!path)
        ws_crt_invalid(&c, EINVAL);
    else if (mkdir(path, 0777) < 0)
        ws_crt_fail(&c, "mkdir", errno == ENOTDIR ? ENOENT : errno);
    else
        ret = 0;
    return CRT_EXIT(&c, ret, "path=%s", path ? path : "(null)");
}

/* ENOTEMPTY also for a path that is not a directory and for the current
 * directory ("_rmdir" docs); Linux says ENOTDIR and removes the latter. */
WS2P_EXPORT int _rmdir(const char *path)
{
    struct ws_call c = WS_CRT_CALL("_rmdir");
    struct stat st, cwd;
    int ret = -1;
    if (!path)
        ws_crt_invalid(&c, EINVAL);
    else if (stat(path, &st) == 0 && stat(".", &cwd) == 0 && st.st_dev == cwd.st_dev && st.st_ino == cwd.st_ino)
        ws_crt_fail(&c, "the current directory", ENOTEMPTY);
    else if (rmdir(path) < 0)
        ws_crt_fail(&c, "rmdir", errno == ENOTDIR || errno == EEXIST || errno == EBUSY ? ENOTEMPTY : errno);
    else
        ret = 0;
    return CRT_EXIT(&c, ret, "path=%s", path ? path : "(null)");
}

WS2P_EXPORT int _chdir(const char *path)
{
    struct ws_call c = WS_CRT_CALL("_chdir");
    int ret = -1;
    if (!path)
        ws_crt_invalid(&c, EINVAL);
    else if (chdir(path) < 0)
        ws_crt_fail(&c, "chdir", errno == ENOTDIR ? ENOENT : errno);
    else
        ret = 0;
    return CRT_EXIT(&c, ret, "path=%s", path ? path : "(null)");
}

/* A NULL buffer gets one of at least maxlen bytes from malloc; a path that
 * does not fit maxlen is ERANGE ("_getcwd" docs). */
WS2P_EXPORT char *_getcwd(char *buf, int maxlen)
{
    struct ws_call c = WS_CRT_CALL("_getcwd");
    char *ret = NULL;
    if (maxlen <= 0) {
        ws_crt_invalid(&c, EINVAL);
    } else if (buf) {
        if (!(ret = getcwd(buf, (size_t)maxlen)))
            ws_crt_fail(&c, "getcwd", errno);
    } else {
        char *cwd = getcwd(NULL, 0);
        size_t len = cwd ? strlen(cwd) + 1 : 0;
        if (!cwd)
            ws_crt_fail(&c, "getcwd", errno);
        else if (len > (size_t)maxlen)
            ws_crt_fail(&c, "path longer than maxlen", ERANGE);
        else if (!(ret = realloc(cwd, (size_t)maxlen)))
            ws_crt_fail(&c, "malloc", ENOMEM);
        if (!ret)
            free(cwd);
    }
    return CRT_EXIT(&c, ret, "buf=%p, maxlen=%d", (void *)buf, maxlen);
}

/* The absolute form of rel, "." and ".." taken by name (GetFullPathName's
 * rule).  A NULL buf gets a malloc'd one and maxlen is ignored; a result
 * longer than maxlen is NULL; maxlen 0 with a buffer is the invalid
 * parameter ("_fullpath" docs).  A NULL or empty rel is the current
 * directory. */
WS2P_EXPORT char *_fullpath(char *buf, const char *rel, size_t maxlen)
{
    struct ws_call c = WS_CRT_CALL("_fullpath");
    char *ret = NULL, *full = NULL;
    if (buf && maxlen == 0)
        ws_crt_invalid(&c, EINVAL);
    else if (!(full = ws_path_full(rel && *rel ? rel : ".")))
        ws_crt_fail(&c, "malloc", ENOMEM);
    else if (!buf)
        ret = full, full = NULL;
    else if (strlen(full) + 1 > maxlen)
        ws_crt_fail(&c, "path longer than maxlen", ERANGE);
    else
        ret = memcpy(buf, full, strlen(full) + 1);
    free(full);
    return CRT_EXIT(&c, ret, "rel=%s, maxlen=%zu, full=%s", rel ? rel : "(null)", maxlen, ret ? ret : "-");
}
