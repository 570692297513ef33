/* io.h: _access, _isatty, _setmode, _open, _read, _write, _close, _lseek,
 * _lseeki64, _dup, _dup2, _unlink, _get_osfhandle, _open_osfhandle.  A CRT
 * descriptor is the kernel's.
 *
 * Files have no text mode here (lines end as the program writes them);
 * the translation mode is remembered per descriptor so _setmode returns the
 * previous one as on Windows, where every descriptor starts in text mode. */
#include "msvcrt.h"
#include "osfhandle.h"
#include "winobj.h"
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

/* The public values (ws2p/crt.h): Linux's for what Linux has, free bits
 * for the rest. */
#define CRT_O_TEXT 0x00800000
#define CRT_O_BINARY 0x01000000
#define CRT_O_WTEXT 0x02000000
#define CRT_O_U16TEXT 0x04000000
#define CRT_O_U8TEXT 0x08000000
#define CRT_O_TEMPORARY 0x0008
#define CRT_O_SHORT_LIVED 0x0004
#define CRT_O_RANDOM 0x0010
#define CRT_O_SEQUENTIAL 0x0020
#define CRT_O_MODES (CRT_O_TEXT | CRT_O_BINARY | CRT_O_WTEXT | CRT_O_U16TEXT | CRT_O_U8TEXT)
#define CRT_O_WINDOWS (CRT_O_MODES | CRT_O_SEQUENTIAL | CRT_O_RANDOM | CRT_O_TEMPORARY | CRT_O_SHORT_LIVED)
#define CRT_S_IWRITE 0x0080

/* Translation modes, one byte per descriptor (0: never set, i.e. text). */
static const int mode_value[] = {CRT_O_TEXT, CRT_O_TEXT, CRT_O_BINARY, CRT_O_WTEXT, CRT_O_U16TEXT, CRT_O_U8TEXT};
#define NMODES (sizeof mode_value / sizeof mode_value[0])
#define MODE_FDS 65536
static _Atomic unsigned char fd_mode[MODE_FDS];

static int mode_index(int mode)
{
    for (unsigned i = 1; i < NMODES; i++)
        if (mode_value[i] == mode)
            return (int)i;
    return -1;
}
static int get_mode(int fd)
{
    return fd < MODE_FDS ? mode_value[atomic_load_explicit(&fd_mode[fd], memory_order_relaxed)] : CRT_O_TEXT;
}
static void set_mode(int fd, int index)
{
    if (fd >= 0 && fd < MODE_FDS)
        atomic_store_explicit(&fd_mode[fd], (unsigned char)index, memory_order_relaxed);
}

bool ws_crt_fd_ok(int fd)
{
    return fd >= 0 && fcntl(fd, F_GETFD) != -1;
}

/* Windows' answers where Linux's differ: a missing directory on the way is
 * "not found", a directory where a file was wanted is "access denied". */
static int path_errno(int e)
{
    return e == ENOTDIR ? ENOENT : e == EISDIR ? EACCES : e == EROFS ? EACCES : e;
}

/* Only the read-only attribute counts, not the file system's permissions
 * ("_access" docs); every directory is readable and writable. */
WS2P_EXPORT int _access(const char *path, int mode)
{
    struct ws_call c = WS_CRT_CALL("_access");
    struct stat st;
    int ret = -1;
    if (!path || (mode & ~6))
        ws_crt_invalid(&c, EINVAL);
    else if (stat(path, &st) < 0)
        ws_crt_fail(&c, "stat", path_errno(errno));
    else if ((mode & 2) && !S_ISDIR(st.st_mode) && !(st.st_mode & S_IWUSR))
        ws_crt_fail(&c, "read-only file", EACCES);
    else
        ret = 0;
    return CRT_EXIT(&c, ret, "path=%s, mode=%d", path ? path : "(null)", mode);
}

/* Any character device counts (a console, NUL, a serial port: "_isatty"
 * docs); isatty() would say no for /dev/null. */
WS2P_EXPORT int _isatty(int fd)
{
    struct ws_call c = WS_CRT_CALL("_isatty");
    struct stat st;
    int ret = 0;
    if (fstat(fd, &st) < 0)
        ws_crt_invalid(&c, EBADF);
    else
        ret = S_ISCHR(st.st_mode) ? 1 : 0;
    return CRT_EXIT(&c, ret, "fd=%d", fd);
}

WS2P_EXPORT int _setmode(int fd, int mode)
{
    struct ws_call c = WS_CRT_CALL("_setmode");
    int ret = -1, index = mode_index(mode);
    if (index < 0)
        ws_crt_invalid(&c, EINVAL);
    else if (!ws_crt_fd_ok(fd))
        ws_crt_invalid(&c, EBADF);
    else {
        ret = get_mode(fd);
        set_mode(fd, index);
    }
    return CRT_EXIT(&c, ret, "fd=%d, mode=%#x", fd, (unsigned)mode);
}

WS2P_EXPORT int _open(const char *path, int oflag, ...)
{
    struct ws_call c = WS_CRT_CALL("_open");
    int ret = -1, pmode = 0, textmodes = oflag & CRT_O_MODES;
    if (oflag & O_CREAT) {
        va_list ap;
        va_start(ap, oflag);
        pmode = va_arg(ap, int);
        va_end(ap);
    }
    if (!path || (oflag & O_ACCMODE) == O_ACCMODE || (textmodes & (textmodes - 1)))
        ws_crt_invalid(&c, EINVAL);
    else {
        /* pmode only decides whether the new file is read-only. */
        mode_t perm = (pmode & CRT_S_IWRITE) ? 0666 : 0444;
        int fd = open(path, (oflag & ~CRT_O_WINDOWS) | O_NOCTTY, perm);
        struct stat st;
        if (fd < 0) {
            ws_crt_fail(&c, "open", path_errno(errno));
        } else if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
            close(fd); /* Windows opens no directory with _open */
            ws_crt_fail(&c, "open of a directory", EACCES);
        } else {
            if (oflag & CRT_O_TEMPORARY)
                unlink(path); /* gone when the last descriptor closes */
            if (oflag & (CRT_O_SEQUENTIAL | CRT_O_RANDOM))
                posix_fadvise(fd, 0, 0, (oflag & CRT_O_RANDOM) ? POSIX_FADV_RANDOM : POSIX_FADV_SEQUENTIAL);
            set_mode(fd, textmodes ? mode_index(textmodes) : 0); /* default: text, as _fmode is */
            ret = fd;
        }
    }
    return CRT_EXIT(&c, ret, "path=%s, oflag=%#x, pmode=%#o", path ? path : "(null)", (unsigned)oflag,
                    (unsigned)pmode);
}

/* _read and _write check in the UCRT's order: the descriptor, the size,
 * then the buffer (zero bytes need none).  true if there is I/O to do. */
static bool io_args(struct ws_call *c, int fd, const void *buf, unsigned int n, int *ret)
{
    if (!ws_crt_fd_ok(fd))
        ws_crt_invalid(c, EBADF);
    else if (n > INT_MAX)
        ws_crt_invalid(c, EINVAL);
    else if (n == 0)
        *ret = 0;
    else if (!buf)
        ws_crt_invalid(c, EINVAL);
    else
        return true;
    return false;
}

WS2P_EXPORT int _read(int fd, void *buf, unsigned int n)
{
    struct ws_call c = WS_CRT_CALL("_read");
    int ret = -1;
    if (io_args(&c, fd, buf, n, &ret)) {
        ssize_t r;
        while ((r = read(fd, buf, n)) < 0 && errno == EINTR)
            ;
        if (r < 0)
            ws_crt_fail(&c, "read", errno == EISDIR ? EBADF : errno);
        else
            ret = (int)r;
    }
    return CRT_EXIT(&c, ret, "fd=%d, buf=%p, n=%u", fd, buf, n);
}

/* Windows writes all of it or fails; Linux may take part (pipes). */
WS2P_EXPORT int _write(int fd, const void *buf, unsigned int n)
{
    struct ws_call c = WS_CRT_CALL("_write");
    int ret = -1;
    if (io_args(&c, fd, buf, n, &ret)) {
        size_t done = 0;
        while (done < n) {
            ssize_t w = write(fd, (const char *)buf + done, n - done);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                break;
            done += (size_t)w;
        }
        if (done == n)
            ret = (int)n;
        else if (done)
            ret = (int)done;
        else
            ws_crt_fail(&c, "write", errno);
    }
    return CRT_EXIT(&c, ret, "fd=%d, buf=%p, n=%u", fd, buf, n);
}

int closesocket(SOCKET s);
BOOL CloseHandle(HANDLE h);

WS2P_EXPORT int _close(int fd)
{
    struct ws_call c = WS_CRT_CALL("_close");
    ws_sock *sk;
    int ret = -1;
    if (!ws_crt_fd_ok(fd))
        ws_crt_invalid(&c, EBADF);
    else if ((sk = ws_sock_get((SOCKET)fd))) {
        /* A socket made a CRT descriptor by _open_osfhandle: closing the
         * descriptor closes the socket ("_open_osfhandle" docs). */
        ws_sock_put(sk);
        set_mode(fd, 0);
        ret = closesocket((SOCKET)fd) == 0 ? 0 : -1;
        if (ret)
            ws_crt_fail(&c, "closesocket", EBADF);
    } else {
        /* A file HANDLE given to _open_osfhandle goes with its descriptor. */
        HANDLE paired = ws_crt_osf_forget(fd);
        set_mode(fd, 0);
        if (close(fd) < 0 && errno != EINTR)
            ws_crt_fail(&c, "close", errno);
        else
            ret = 0;
        if (paired)
            CloseHandle(paired);
    }
    return CRT_EXIT(&c, ret, "fd=%d", fd);
}

static long long seek(struct ws_call *c, int fd, long long off, int origin)
{
    long long ret = -1;
    if (!ws_crt_fd_ok(fd))
        ws_crt_invalid(c, EBADF);
    else if (origin != SEEK_SET && origin != SEEK_CUR && origin != SEEK_END)
        ws_crt_invalid(c, EINVAL);
    else if ((ret = lseek(fd, off, origin)) < 0)
        ws_crt_fail(c, "lseek", errno);
    return ret;
}

WS2P_EXPORT long _lseek(int fd, long off, int origin)
{
    struct ws_call c = WS_CRT_CALL("_lseek");
    long ret = (long)seek(&c, fd, off, origin);
    return CRT_EXIT(&c, ret, "fd=%d, off=%ld, origin=%d", fd, off, origin);
}

WS2P_EXPORT long long _lseeki64(int fd, long long off, int origin)
{
    struct ws_call c = WS_CRT_CALL("_lseeki64");
    long long ret = seek(&c, fd, off, origin);
    return CRT_EXIT(&c, ret, "fd=%d, off=%lld, origin=%d", fd, off, origin);
}

WS2P_EXPORT int _dup(int fd)
{
    struct ws_call c = WS_CRT_CALL("_dup");
    int ret = -1;
    if (!ws_crt_fd_ok(fd))
        ws_crt_invalid(&c, EBADF);
    else if ((ret = dup(fd)) < 0)
        ws_crt_fail(&c, "dup", errno);
    else if (fd < MODE_FDS)
        set_mode(ret, fd_mode[fd]);
    return CRT_EXIT(&c, ret, "fd=%d", fd);
}

/* 0 on success, not the new descriptor ("_dup, _dup2" docs). */
WS2P_EXPORT int _dup2(int fd1, int fd2)
{
    struct ws_call c = WS_CRT_CALL("_dup2");
    int ret = -1;
    if (!ws_crt_fd_ok(fd1) || fd2 < 0)
        ws_crt_invalid(&c, EBADF);
    else if (dup2(fd1, fd2) < 0)
        ws_crt_fail(&c, "dup2", errno);
    else {
        if (fd1 < MODE_FDS)
            set_mode(fd2, fd_mode[fd1]);
        ret = 0;
    }
    return CRT_EXIT(&c, ret, "fd1=%d, fd2=%d", fd1, fd2);
}

/* A read-only file or a directory is EACCES ("_unlink" docs); Linux would
 * delete the first and say EISDIR for the second. */
WS2P_EXPORT int _unlink(const char *path)
{
    struct ws_call c = WS_CRT_CALL("_unlink");
    struct stat st;
    int ret = -1;
    if (!path)
        ws_crt_invalid(&c, EINVAL);
    else if (lstat(path, &st) < 0)
        ws_crt_fail(&c, "lstat", path_errno(errno));
    else if (S_ISDIR(st.st_mode) || (S_ISREG(st.st_mode) && !(st.st_mode & S_IWUSR)))
        ws_crt_fail(&c, S_ISDIR(st.st_mode) ? "a directory" : "read-only file", EACCES);
    else if (unlink(path) < 0)
        ws_crt_fail(&c, "unlink", path_errno(errno));
    else
        ret = 0;
    return CRT_EXIT(&c, ret, "path=%s", path ? path : "(null)");
}

/* A SOCKET's HANDLE is its descriptor's number (src/core/winobj.h); any
 * other descriptor's is a file HANDLE (osfhandle.c), the one
 * _open_osfhandle was given for it if it was. */
WS2P_EXPORT intptr_t _get_osfhandle(int fd)
{
    struct ws_call c = WS_CRT_CALL("_get_osfhandle");
    intptr_t ret = -1; /* INVALID_HANDLE_VALUE */
    ws_sock *sk;
    HANDLE h;
    if (!ws_crt_fd_ok(fd))
        ws_crt_invalid(&c, EBADF);
    else if ((sk = ws_sock_get((SOCKET)fd)) != NULL) {
        ws_sock_put(sk);
        ret = fd;
    } else if ((h = ws_crt_osf_handle(fd)) != NULL)
        ret = (intptr_t)h;
    else
        ws_crt_fail(&c, "no handle", EBADF);
    return CRT_EXIT(&c, ret, "fd=%d", fd);
}

/* The descriptor takes the handle over: _close closes it (a socket through
 * closesocket, a file HANDLE with CloseHandle).  flags may carry _O_APPEND,
 * _O_RDONLY, _O_TEXT, _O_WTEXT. */
WS2P_EXPORT int _open_osfhandle(intptr_t h, int flags)
{
    struct ws_call c = WS_CRT_CALL("_open_osfhandle");
    int ret = -1, textmodes = flags & CRT_O_MODES;
    bool fd_handle = h >= 0 && (uintptr_t)h < WS_SOCKET_LIMIT && ws_crt_fd_ok((int)h);
    if (textmodes & (textmodes - 1))
        ws_crt_invalid(&c, EINVAL);
    else if (!fd_handle && (ret = ws_crt_osf_open((HANDLE)h)) < 0)
        ws_crt_fail(&c, "not a file or socket handle", EBADF);
    else {
        if (fd_handle)
            ret = (int)h;
        if (flags & O_APPEND)
            fcntl(ret, F_SETFL, fcntl(ret, F_GETFL) | O_APPEND);
        set_mode(ret, textmodes ? mode_index(textmodes) : 0);
    }
    return CRT_EXIT(&c, ret, "handle=%#lx, flags=%#x", (unsigned long)h, (unsigned)flags);
}
