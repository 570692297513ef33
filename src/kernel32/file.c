/* Files: CreateFileA/W, ReadFile, WriteFile, GetFileSize(Ex),
 * SetFilePointer(Ex), SetEndOfFile, FlushFileBuffers, GetFileType,
 * GetFileInformationByHandle, GetStdHandle, SetStdHandle.
 *
 * A file HANDLE is a struct ws_file (src/core/fileobj.h) around a
 * descriptor.  Paths are POSIX paths with Windows' spellings accepted
 * (src/core/path.c).  Linux has no mandatory sharing: FILE_SHARE_* are
 * accepted and not enforced (docs/windows-vs-linux.md).  I/O is
 * synchronous; an OVERLAPPED request completes before the call returns
 * (the I/O engine brings real overlapped file I/O). */
#include "k32file.h"
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

int ws2p_recv(SOCKET s, char *buf, int len, int flags);
int ws2p_send(SOCKET s, const char *buf, int len, int flags);
int WSARecv(SOCKET s, WS_WSABUF *bufs, DWORD count, DWORD *got, DWORD *flags, WS_OVERLAPPED *ov,
            WS_COMPLETION_ROUTINE cr);
int WSASend(SOCKET s, WS_WSABUF *bufs, DWORD count, DWORD *sent, DWORD flags, WS_OVERLAPPED *ov,
            WS_COMPLETION_ROUTINE cr);

/* ---- helpers shared by the file families -------------------------------- */

WS_FILETIME k32_filetime(const struct timespec *ts)
{
    uint64_t t = ((uint64_t)ts->tv_sec + 11644473600ull) * 10000000ull + (uint64_t)ts->tv_nsec / 100;
    return (WS_FILETIME){(DWORD)t, (DWORD)(t >> 32)};
}

bool k32_readonly(const struct stat *st)
{
    return !S_ISDIR(st->st_mode) && !(st->st_mode & (S_IWUSR | S_IWGRP | S_IWOTH));
}

DWORD k32_attributes(const struct stat *st)
{
    if (S_ISDIR(st->st_mode))
        return FILE_ATTRIBUTE_DIRECTORY;
    return FILE_ATTRIBUTE_ARCHIVE | (k32_readonly(st) ? FILE_ATTRIBUTE_READONLY : 0);
}

char *k32_utf8_arg(struct ws_call *c, const void *name, bool wide)
{
    if (!name || (wide ? !*(const WCHAR *)name : !*(const char *)name)) {
        ws_fail(c, ERROR_PATH_NOT_FOUND);
        return NULL;
    }
    char *s = wide ? ws_name_from_wide(name) : strdup(name);
    if (!s)
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
    return s;
}

char *k32_path_arg(struct ws_call *c, const void *name, bool wide, bool no_wild)
{
    char *u = k32_utf8_arg(c, name, wide);
    if (!u)
        return NULL;
    char *p = NULL;
    if (no_wild && strpbrk(u, "*?<>|\""))
        ws_fail(c, ERROR_INVALID_NAME);
    else if (!(p = ws_path_from_win(u)))
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
    free(u);
    return p;
}

DWORD k32_put_str(const char *s, void *buf, DWORD n, bool wide)
{
    if (wide) {
        size_t len = ws_name_to_wide(s, NULL, 0);
        if (buf && n > len) {
            ws_name_to_wide(s, buf, n);
            return (DWORD)len;
        }
        return (DWORD)len + 1;
    }
    size_t len = strlen(s);
    if (buf && n > len) {
        memcpy(buf, s, len + 1);
        return (DWORD)len;
    }
    return (DWORD)len + 1;
}

void k32_overlapped_done(WS_OVERLAPPED *ov, DWORD bytes)
{
    ov->Internal = 0; /* STATUS_SUCCESS */
    ov->InternalHigh = bytes;
    HANDLE ev = (HANDLE)((ULONG_PTR)ov->hEvent & ~(ULONG_PTR)1); /* the low bit is for ports */
    ws_obj *e = ev ? ws_handle_get(ev, WS_OBJ_EVENT) : NULL;
    if (e) {
        ws_obj_signal(e);
        ws_obj_unref(e);
    }
}

/* ---- standard handles ----------------------------------------------------- */

/* GetStdHandle hands out one file handle per standard descriptor, made on
 * first use; it never closes descriptors 0-2 (the C runtime's stdio still
 * uses them), even when the program closes the handle. */
static HANDLE std_handles[3];
static bool std_made[3];
static pthread_mutex_t std_lock = PTHREAD_MUTEX_INITIALIZER;

HANDLE k32_std_handle(int which)
{
    pthread_mutex_lock(&std_lock);
    if (!std_made[which]) {
        std_made[which] = true;
        int fl = fcntl(which, F_GETFD);
        if (fl >= 0) { /* else no standard handle: NULL, as Windows gives */
            std_handles[which] = ws_file_wrap(which, false);
            if (std_handles[which] && !(fl & FD_CLOEXEC))
                ws_handle_set_flags(std_handles[which], 1, 1); /* HANDLE_FLAG_INHERIT */
        }
    }
    HANDLE h = std_handles[which];
    pthread_mutex_unlock(&std_lock);
    return h;
}

static int std_index(DWORD n)
{
    return n == STD_INPUT_HANDLE ? 0 : n == STD_OUTPUT_HANDLE ? 1 : n == STD_ERROR_HANDLE ? 2 : -1;
}

WS2P_EXPORT HANDLE GetStdHandle(DWORD n)
{
    struct ws_call c = WS_CALL32("GetStdHandle");
    int i = std_index(n);
    HANDLE h = (HANDLE)(intptr_t)-1;
    if (i < 0)
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else
        h = k32_std_handle(i);
    return WS_EXIT32(&c, h, "n=%d", (int)n);
}

WS2P_EXPORT BOOL SetStdHandle(DWORD n, HANDLE h)
{
    struct ws_call c = WS_CALL32("SetStdHandle");
    int i = std_index(n);
    BOOL ret = 0;
    if (i < 0)
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else {
        pthread_mutex_lock(&std_lock);
        std_handles[i] = h;
        std_made[i] = true;
        pthread_mutex_unlock(&std_lock);
        ret = 1;
    }
    return WS_EXIT32(&c, ret, "n=%d, h=%p", (int)n, h);
}

struct ws_file *k32_file(HANDLE h)
{
    uintptr_t v = (uintptr_t)h;
    if (v == (DWORD)STD_INPUT_HANDLE || v == (DWORD)STD_OUTPUT_HANDLE || v == (DWORD)STD_ERROR_HANDLE)
        h = k32_std_handle(std_index((DWORD)v));
    return h ? ws_file_get(h) : NULL;
}

/* ---- CreateFile ----------------------------------------------------------- */

/* The descriptor for a path CreateFile was asked for, following the
 * disposition; *existed says whether the file was there already. */
static int open_disposition(const char *path, int oflags, DWORD disp, mode_t mode, bool *existed)
{
    for (int tries = 0; tries < 8; tries++) {
        int fd;
        switch (disp) {
        case CREATE_NEW:
            return open(path, oflags | O_CREAT | O_EXCL, mode);
        case OPEN_EXISTING:
            *existed = true;
            return open(path, oflags);
        case TRUNCATE_EXISTING:
            *existed = true;
            return open(path, oflags | O_TRUNC);
        case CREATE_ALWAYS:
        case OPEN_ALWAYS:
            /* Create it, or open what is there: which one happened is
             * the last error Windows reports (ERROR_ALREADY_EXISTS). */
            if ((fd = open(path, oflags | O_CREAT | O_EXCL, mode)) >= 0 || errno != EEXIST)
                return *existed = false, fd;
            if ((fd = open(path, oflags | (disp == CREATE_ALWAYS ? O_TRUNC : 0))) >= 0 || errno != ENOENT)
                return *existed = true, fd;
            break; /* removed in between: again */
        }
    }
    errno = EAGAIN;
    return -1;
}

static HANDLE create_file(struct ws_call *c, const void *name, bool wide, DWORD access, DWORD disp, DWORD flags,
                          const WS_SECURITY_ATTRIBUTES *sa)
{
    HANDLE ret = (HANDLE)(intptr_t)-1;
    char *u = k32_utf8_arg(c, name, wide), *path = NULL;
    if (!u)
        return ret;
    if (ws_pipe_name(u)) {
        ret = ws_pipe_client_open(c, u, access, flags);
        free(u);
        return ret;
    }
    bool rd = access & (GENERIC_READ | GENERIC_ALL | FILE_READ_DATA);
    bool wr = access & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA);
    bool app = !wr && (access & FILE_APPEND_DATA);
    if (strpbrk(u, "*?<>|\""))
        ws_fail(c, ERROR_INVALID_NAME);
    else if (disp < CREATE_NEW || disp > TRUNCATE_EXISTING || (disp == TRUNCATE_EXISTING && !wr))
        ws_fail(c, ERROR_INVALID_PARAMETER);
    else if (!(path = ws_path_from_win(u)))
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
    free(u);
    if (!path)
        return ret;

    int oflags = O_NOCTTY | (sa && sa->bInheritHandle ? 0 : O_CLOEXEC);
    if (rd && (wr || app))
        oflags |= O_RDWR;
    else if (wr || app)
        oflags |= O_WRONLY;
    else if (!rd && disp == OPEN_EXISTING)
        oflags |= O_PATH; /* access 0: attributes only */
    if (app)
        oflags |= O_APPEND;
    if (flags & FILE_FLAG_WRITE_THROUGH)
        oflags |= O_DSYNC;
    mode_t mode = (flags & FILE_ATTRIBUTE_READONLY) ? 0444 : 0666;
    bool existed = false;
    struct stat st;
    int fd = -1;
    /* FILE_ATTRIBUTE_READONLY holds even for root: checked before O_TRUNC
     * could change the file. */
    if (disp != CREATE_NEW && (wr || app || disp == CREATE_ALWAYS) && stat(path, &st) == 0 && k32_readonly(&st)) {
        ws_fail(c, ERROR_ACCESS_DENIED);
        free(path);
        return ret;
    }
    fd = open_disposition(path, oflags, disp, mode, &existed);
    if (fd < 0 && errno == EISDIR) {
        /* A directory opened for writing: Windows opens directories with
         * FILE_FLAG_BACKUP_SEMANTICS whatever the access asked for. */
        fd = open(path, O_RDONLY | O_DIRECTORY | (oflags & O_CLOEXEC));
        existed = true;
    }
    if (fd < 0) {
        int e = errno;
        ws_fail_sys(c, "open", e, e == EEXIST ? ERROR_FILE_EXISTS : ws_path_enoent(path, e));
    } else if (fstat(fd, &st) != 0) {
        ws_fail_errno32(c, "fstat", errno);
    } else if (S_ISDIR(st.st_mode) && !(flags & FILE_FLAG_BACKUP_SEMANTICS)) {
        ws_fail(c, ERROR_ACCESS_DENIED); /* directories need FILE_FLAG_BACKUP_SEMANTICS */
    } else {
        struct ws_file *f = ws_file_new(fd, true, 0);
        if (!f)
            ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
        else {
            f->access = (rd ? WS_FILE_READ : 0) | (wr ? WS_FILE_WRITE : 0) | (app ? WS_FILE_APPEND : 0);
            f->flags = flags;
            if (flags & FILE_FLAG_DELETE_ON_CLOSE) {
                /* Keep an absolute name: the program may change directory. */
                char *cwd = path[0] == '/' ? NULL : getcwd(NULL, 0);
                if (cwd && asprintf(&f->path, "%s/%s", cwd, path) < 0)
                    f->path = NULL;
                else if (!cwd)
                    f->path = strdup(path);
                free(cwd);
                f->delete_on_close = f->path != NULL;
            }
            HANDLE h = ws_file_handle(f);
            if (h) {
                fd = -1; /* the object owns it now */
                ret = h;
                if (sa && sa->bInheritHandle)
                    ws_handle_set_flags(h, 1, 1); /* HANDLE_FLAG_INHERIT */
                /* CreateFile sets the last error on success too. */
                ws_fail(c, existed && (disp == CREATE_ALWAYS || disp == OPEN_ALWAYS) ? ERROR_ALREADY_EXISTS : 0);
            } else {
                f->own_fd = false;
                ws_fail(c, (int)ws_last_error);
            }
            ws_file_put(f);
        }
    }
    if (fd >= 0) {
        close(fd);
        if (!existed)
            unlink(path); /* failed after creating it */
    }
    free(path);
    return ret;
}

WS2P_EXPORT HANDLE CreateFileA(const char *name, DWORD access, DWORD share, WS_SECURITY_ATTRIBUTES *sa, DWORD disp,
                               DWORD flags, HANDLE tmpl)
{
    struct ws_call c = WS_CALL32("CreateFileA");
    (void)share, (void)tmpl;
    HANDLE h = create_file(&c, name, false, access, disp, flags, sa);
    return WS_EXIT32(&c, h, "name=%s, access=%#x, share=%#x, disp=%u, flags=%#x", name ? name : "NULL",
                     (unsigned)access, (unsigned)share, (unsigned)disp, (unsigned)flags);
}

WS2P_EXPORT HANDLE CreateFileW(const WCHAR *name, DWORD access, DWORD share, WS_SECURITY_ATTRIBUTES *sa, DWORD disp,
                               DWORD flags, HANDLE tmpl)
{
    struct ws_call c = WS_CALL32("CreateFileW");
    (void)share, (void)tmpl;
    HANDLE h = create_file(&c, name, true, access, disp, flags, sa);
    return WS_EXIT32(&c, h, "name=%ls, access=%#x, share=%#x, disp=%u, flags=%#x", name ? name : L"NULL",
                     (unsigned)access, (unsigned)share, (unsigned)disp, (unsigned)flags);
}

/* ---- ReadFile / WriteFile ------------------------------------------------- */

/* An OVERLAPPED on a synchronous handle names the position: the I/O
 * happens there and leaves the file pointer after it (Wine's
 * test_offset_in_overlapped_structure); all-ones means the end. */
static bool seek_overlapped(struct ws_call *c, struct ws_file *f, const WS_OVERLAPPED *ov)
{
    if (!ov || f->ftype != WS_FTYPE_DISK)
        return true;
    off_t r;
    if (ov->Offset == 0xffffffffu && ov->OffsetHigh == 0xffffffffu)
        r = lseek(f->fd, 0, SEEK_END);
    else
        r = lseek(f->fd, (off_t)((uint64_t)ov->OffsetHigh << 32 | ov->Offset), SEEK_SET);
    if (r < 0)
        ws_fail_errno32(c, "lseek", errno);
    return r >= 0;
}

/* Read n bytes (all of them from a disk file, what is there from a pipe or
 * device): the count, or -1 with c->err set. */
static ssize_t file_read(struct ws_call *c, struct ws_file *f, char *buf, DWORD n)
{
    size_t done = 0;
    while (done < n) {
        ssize_t r = read(f->fd, buf + done, n - done);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            ws_fail_sys(c, "read", e, e == EFAULT ? ERROR_NOACCESS : e == EISDIR ? ERROR_INVALID_FUNCTION
                                                  : e == EAGAIN ? ERROR_NO_DATA : ws_errno_to_w32(e));
            return -1;
        }
        if (r == 0 && f->ftype == WS_FTYPE_PIPE && done == 0) {
            /* The write end is gone: a pipe reports it, unlike a file at its end. */
            ws_fail(c, ERROR_BROKEN_PIPE);
            return -1;
        }
        done += (size_t)r;
        if (r == 0 || f->ftype != WS_FTYPE_DISK)
            break;
    }
    return (ssize_t)done;
}

static ssize_t file_write(struct ws_call *c, struct ws_file *f, const char *buf, DWORD n)
{
    size_t done = 0;
    while (done < n) {
        ssize_t r = f->sock ? send(f->fd, buf + done, n - done, MSG_NOSIGNAL) : write(f->fd, buf + done, n - done);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            /* EPIPE: the read end is closed, "the pipe is being closed". */
            ws_fail_sys(c, f->sock ? "send" : "write", e, e == EFAULT ? ERROR_INVALID_USER_BUFFER
                                                           : e == EPIPE || e == ECONNRESET ? ERROR_NO_DATA
                                                           : ws_errno_to_w32(e));
            return -1;
        }
        done += (size_t)r;
    }
    return (ssize_t)done;
}

/* ReadFile and WriteFile on a SOCKET are recv and send, as on Windows;
 * with an OVERLAPPED they are WSARecv and WSASend on the I/O engine (FALSE
 * with ERROR_IO_PENDING while the operation is under way). */
static BOOL socket_io(struct ws_call *c, HANDLE h, void *buf, DWORD n, DWORD *count, WS_OVERLAPPED *ov, bool rd)
{
    SOCKET s = (SOCKET)(uintptr_t)h;
    DWORD saved = ws_last_error; /* a successful recv/send clears it; ReadFile does not */
    int r;
    if (ov) {
        WS_WSABUF b = {n, buf};
        DWORD done = 0, flags = 0;
        r = rd ? WSARecv(s, &b, 1, &done, &flags, ov, NULL) : WSASend(s, &b, 1, &done, 0, ov, NULL);
        if (r == 0)
            r = (int)done;
    } else {
        int len = n > INT_MAX ? INT_MAX : (int)n;
        r = rd ? ws2p_recv(s, buf, len, 0) : ws2p_send(s, buf, len, 0);
    }
    if (r < 0) {
        ws_fail(c, (int)ws_last_error);
        return 0;
    }
    ws_last_error = saved;
    if (count)
        *count = (DWORD)r;
    return 1;
}

WS2P_EXPORT BOOL ReadFile(HANDLE h, void *buf, DWORD n, DWORD *got, WS_OVERLAPPED *ov)
{
    struct ws_call c = WS_CALL32("ReadFile");
    BOOL ret = 0;
    struct ws_file *f = NULL;
    ws_sock *sk;
    if (got)
        *got = 0;
    if (ws_handle_is_socket(h) && (sk = ws_sock_get((SOCKET)(uintptr_t)h)) != NULL) {
        ws_sock_put(sk);
        ret = socket_io(&c, h, buf, n, got, ov, true);
    } else if (!(f = k32_file(h)))
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else if (!(f->access & WS_FILE_READ))
        ws_fail(&c, ERROR_ACCESS_DENIED);
    else if (f->pipe && !ws_pipe_claim(f))
        ws_fail(&c, ws_pipe_unconnected(f)); /* a server end with no client */
    else if (n == 0 && f->ftype == WS_FTYPE_PIPE && f->fd >= 0 && ws_pipe_broken(f->fd))
        ws_fail(&c, ERROR_BROKEN_PIPE); /* even a zero-byte read says so (Wine's test_CloseHandle) */
    else if (n == 0)
        ret = 1;
    else if (ws_bad_ptr(buf))
        ws_fail(&c, ERROR_NOACCESS);
    else if (seek_overlapped(&c, f, ov)) {
        bool more = false;
        ssize_t r = ws_pipe_message(f) ? ws_pipe_read(&c, f, buf, n, &more) : file_read(&c, f, buf, n);
        if (r >= 0) {
            ret = !more;
            if (more)
                ws_fail(&c, ERROR_MORE_DATA); /* the message goes on: the next read has the rest */
            if (got)
                *got = (DWORD)r;
            if (ov)
                k32_overlapped_done(ov, (DWORD)r);
        }
    }
    if (f)
        ws_file_put(f);
    return WS_EXIT32(&c, ret, "h=%p, n=%u, got=%u", h, (unsigned)n, got ? (unsigned)*got : 0u);
}

WS2P_EXPORT BOOL WriteFile(HANDLE h, const void *buf, DWORD n, DWORD *put, WS_OVERLAPPED *ov)
{
    struct ws_call c = WS_CALL32("WriteFile");
    BOOL ret = 0;
    struct ws_file *f = NULL;
    ws_sock *sk;
    if (put)
        *put = 0;
    if (ws_handle_is_socket(h) && (sk = ws_sock_get((SOCKET)(uintptr_t)h)) != NULL) {
        ws_sock_put(sk);
        ret = socket_io(&c, h, (void *)buf, n, put, ov, false);
    } else if (!(f = k32_file(h)))
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else if (!(f->access & (WS_FILE_WRITE | WS_FILE_APPEND)))
        ws_fail(&c, ERROR_ACCESS_DENIED);
    else if (f->pipe && !ws_pipe_claim(f))
        ws_fail(&c, ws_pipe_unconnected(f)); /* a server end with no client */
    else if (n == 0 && ws_pipe_message(f) && f->fd >= 0) {
        /* A message pipe carries empty messages too. */
        if (send(f->fd, "", 0, MSG_NOSIGNAL) < 0)
            ws_fail_sys(&c, "send", errno, errno == EPIPE || errno == ECONNRESET ? ERROR_NO_DATA : ws_errno_to_w32(errno));
        else
            ret = 1;
    } else if (n == 0)
        ret = 1;
    else if (ws_bad_ptr(buf))
        ws_fail(&c, ERROR_INVALID_USER_BUFFER);
    else if (seek_overlapped(&c, f, ov)) {
        ssize_t r = file_write(&c, f, buf, n);
        if (r >= 0) {
            ret = 1;
            if (put)
                *put = (DWORD)r;
            if (ov)
                k32_overlapped_done(ov, (DWORD)r);
        }
    }
    if (f)
        ws_file_put(f);
    return WS_EXIT32(&c, ret, "h=%p, n=%u, put=%u", h, (unsigned)n, put ? (unsigned)*put : 0u);
}

/* ---- size, position, end, flush, type, information ----------------------- */

/* The file behind h with a descriptor, or NULL with ERROR_INVALID_HANDLE. */
static struct ws_file *file_arg(struct ws_call *c, HANDLE h)
{
    struct ws_file *f = k32_file(h);
    if (f && f->fd < 0) {
        ws_file_put(f);
        f = NULL;
    }
    if (!f)
        ws_fail(c, ERROR_INVALID_HANDLE);
    return f;
}

static bool file_size(struct ws_call *c, HANDLE h, LONGLONG *size)
{
    struct ws_file *f = file_arg(c, h);
    struct stat st;
    bool ok = false;
    if (f) {
        if (fstat(f->fd, &st) != 0)
            ws_fail_errno32(c, "fstat", errno);
        else {
            *size = S_ISREG(st.st_mode) ? st.st_size : 0;
            ok = true;
        }
        ws_file_put(f);
    }
    return ok;
}

WS2P_EXPORT DWORD GetFileSize(HANDLE h, DWORD *high)
{
    struct ws_call c = WS_CALL32("GetFileSize");
    LONGLONG size = 0;
    DWORD ret = INVALID_FILE_SIZE;
    if (file_size(&c, h, &size)) {
        ret = (DWORD)size;
        if (high)
            *high = (DWORD)((uint64_t)size >> 32);
        /* A size whose low part looks like the failure value: the last
         * error tells them apart (GetFileSize docs). */
        if (ret == INVALID_FILE_SIZE)
            ws_fail(&c, 0);
    }
    return WS_EXIT32(&c, ret, "h=%p, size=%lld", h, (long long)size);
}

WS2P_EXPORT BOOL GetFileSizeEx(HANDLE h, LARGE_INTEGER *size)
{
    struct ws_call c = WS_CALL32("GetFileSizeEx");
    LONGLONG s = 0;
    BOOL ret = 0;
    if (ws_bad_ptr(size))
        ws_fail(&c, ERROR_NOACCESS);
    else if (file_size(&c, h, &s)) {
        size->QuadPart = s;
        ret = 1;
    }
    return WS_EXIT32(&c, ret, "h=%p, size=%lld", h, (long long)s);
}

/* Move the file pointer: the new position, or -1 with c->err set.  Before
 * the start is ERROR_NEGATIVE_SEEK; past the end is allowed. */
static LONGLONG set_pointer(struct ws_call *c, HANDLE h, LONGLONG dist, DWORD method)
{
    LONGLONG pos = -1;
    struct ws_file *f = file_arg(c, h);
    if (!f)
        return -1;
    LONGLONG base = 0;
    struct stat st;
    if (method > FILE_END)
        ws_fail(c, ERROR_INVALID_PARAMETER);
    else if (method == FILE_CURRENT && (base = lseek(f->fd, 0, SEEK_CUR)) < 0)
        ws_fail_errno32(c, "lseek", errno);
    else if (method == FILE_END && fstat(f->fd, &st) != 0)
        ws_fail_errno32(c, "fstat", errno);
    else {
        if (method == FILE_END)
            base = st.st_size;
        if (dist < 0 && base + dist < 0)
            ws_fail(c, ERROR_NEGATIVE_SEEK);
        else if ((pos = lseek(f->fd, base + dist, SEEK_SET)) < 0)
            ws_fail_errno32(c, "lseek", errno);
    }
    ws_file_put(f);
    return pos;
}

WS2P_EXPORT DWORD SetFilePointer(HANDLE h, LONG lo, LONG *hi, DWORD method)
{
    struct ws_call c = WS_CALL32("SetFilePointer");
    LONGLONG dist = hi ? (LONGLONG)((uint64_t)(uint32_t)*hi << 32 | (uint32_t)lo) : (LONGLONG)lo;
    LONGLONG pos = set_pointer(&c, h, dist, method);
    DWORD ret = INVALID_SET_FILE_POINTER;
    if (pos >= 0) {
        ret = (DWORD)pos;
        if (hi)
            *hi = (LONG)((uint64_t)pos >> 32);
        /* The low part equals the failure value: NO_ERROR says it is not one. */
        if (ret == INVALID_SET_FILE_POINTER)
            ws_fail(&c, 0);
    }
    return WS_EXIT32(&c, ret, "h=%p, dist=%lld, method=%u", h, (long long)dist, (unsigned)method);
}

WS2P_EXPORT BOOL SetFilePointerEx(HANDLE h, LARGE_INTEGER dist, LARGE_INTEGER *newpos, DWORD method)
{
    struct ws_call c = WS_CALL32("SetFilePointerEx");
    LONGLONG pos = set_pointer(&c, h, dist.QuadPart, method);
    if (pos >= 0 && newpos)
        newpos->QuadPart = pos;
    return WS_EXIT32(&c, pos >= 0, "h=%p, dist=%lld, method=%u, pos=%lld", h, (long long)dist.QuadPart,
                     (unsigned)method, (long long)pos);
}

WS2P_EXPORT BOOL SetEndOfFile(HANDLE h)
{
    struct ws_call c = WS_CALL32("SetEndOfFile");
    BOOL ret = 0;
    struct ws_file *f = file_arg(&c, h);
    if (f) {
        off_t pos;
        if (!(f->access & WS_FILE_WRITE))
            ws_fail(&c, ERROR_ACCESS_DENIED);
        else if ((pos = lseek(f->fd, 0, SEEK_CUR)) < 0)
            ws_fail_errno32(&c, "lseek", errno);
        else if (ftruncate(f->fd, pos) != 0)
            ws_fail_errno32(&c, "ftruncate", errno);
        else
            ret = 1;
        ws_file_put(f);
    }
    return WS_EXIT32(&c, ret, "h=%p", h);
}

WS2P_EXPORT BOOL FlushFileBuffers(HANDLE h)
{
    struct ws_call c = WS_CALL32("FlushFileBuffers");
    BOOL ret = 0;
    struct ws_file *f = file_arg(&c, h);
    if (f) {
        if (f->ftype == WS_FTYPE_CHAR)
            ws_fail(&c, ERROR_INVALID_HANDLE); /* a console or device: FlushFileBuffers docs */
        else if (!(f->access & (WS_FILE_WRITE | WS_FILE_APPEND)))
            ws_fail(&c, ERROR_ACCESS_DENIED); /* needs GENERIC_WRITE */
        else if (f->ftype == WS_FTYPE_DISK && fsync(f->fd) != 0 && errno != EINVAL)
            ws_fail_errno32(&c, "fsync", errno);
        else
            ret = 1; /* a pipe: what was written is already the reader's */
        ws_file_put(f);
    }
    return WS_EXIT32(&c, ret, "h=%p", h);
}

WS2P_EXPORT DWORD GetFileType(HANDLE h)
{
    struct ws_call c = WS_CALL32("GetFileType");
    DWORD ret = FILE_TYPE_UNKNOWN;
    ws_sock *sk;
    struct ws_file *f;
    if (ws_handle_is_socket(h) && (sk = ws_sock_get((SOCKET)(uintptr_t)h)) != NULL) {
        ws_sock_put(sk);
        ret = FILE_TYPE_PIPE; /* sockets are pipes to GetFileType */
    } else if ((f = k32_file(h)) != NULL) {
        ret = f->ftype;
        ws_file_put(f);
        if (ret == FILE_TYPE_UNKNOWN)
            ws_fail(&c, 0); /* valid handle, unknown type: NO_ERROR (GetFileType docs) */
    } else
        ws_fail(&c, ERROR_INVALID_HANDLE);
    return WS_EXIT32(&c, ret, "h=%p", h);
}

WS2P_EXPORT BOOL GetFileInformationByHandle(HANDLE h, WS_BY_HANDLE_FILE_INFORMATION *info)
{
    struct ws_call c = WS_CALL32("GetFileInformationByHandle");
    BOOL ret = 0;
    struct ws_file *f = file_arg(&c, h);
    struct stat st;
    if (!f)
        ;
    else if (ws_bad_ptr(info))
        ws_fail(&c, ERROR_NOACCESS);
    else if (fstat(f->fd, &st) != 0)
        ws_fail_errno32(&c, "fstat", errno);
    else {
        uint64_t size = S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0;
        *info = (WS_BY_HANDLE_FILE_INFORMATION){
            k32_attributes(&st), k32_filetime(&st.st_ctim), k32_filetime(&st.st_atim), k32_filetime(&st.st_mtim),
            (DWORD)st.st_dev, (DWORD)(size >> 32), (DWORD)size, (DWORD)st.st_nlink,
            (DWORD)((uint64_t)st.st_ino >> 32), (DWORD)st.st_ino};
        ret = 1;
    }
    if (f)
        ws_file_put(f);
    return WS_EXIT32(&c, ret, "h=%p", h);
}
