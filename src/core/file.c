/* File objects: a descriptor behind a HANDLE (fileobj.h). */
#include "fileobj.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

unsigned ws_fd_ftype(int fd)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return WS_FTYPE_UNKNOWN;
    if (S_ISCHR(st.st_mode))
        return WS_FTYPE_CHAR;
    if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))
        return WS_FTYPE_PIPE;
    return WS_FTYPE_DISK; /* regular files, directories, block devices */
}

static void file_destroy(ws_obj *o)
{
    struct ws_file *f = (struct ws_file *)o;
    if (f->fini)
        f->fini(f);
    if (f->own_fd && f->fd >= 0)
        close(f->fd);
    /* The last handle to the file went: FILE_FLAG_DELETE_ON_CLOSE takes
     * the name (duplicates hold their origin, so it goes only after them). */
    if (f->delete_on_close && f->path)
        unlink(f->path);
    free(f->path);
    if (f->origin)
        ws_file_put(f->origin);
}

/* What fd was opened for, as WS_FILE_* bits. */
static unsigned fd_access(int fd)
{
    int fl = fd >= 0 ? fcntl(fd, F_GETFL) : -1;
    if (fl < 0 || (fl & O_PATH))
        return 0;
    switch (fl & O_ACCMODE) {
    case O_RDONLY:
        return WS_FILE_READ;
    case O_WRONLY:
        return WS_FILE_WRITE | ((fl & O_APPEND) ? WS_FILE_APPEND : 0);
    default:
        return WS_FILE_READ | WS_FILE_WRITE | ((fl & O_APPEND) ? WS_FILE_APPEND : 0);
    }
}

struct ws_file *ws_file_new(int fd, bool own_fd, size_t size)
{
    struct ws_file *f = (struct ws_file *)ws_obj_alloc(WS_OBJ_FILE, size < sizeof *f ? sizeof *f : size, true, true);
    if (!f)
        return NULL;
    f->fd = fd;
    f->access = fd_access(fd);
    f->own_fd = own_fd;
    f->ftype = fd >= 0 ? ws_fd_ftype(fd) : WS_FTYPE_PIPE;
    f->obj.destroy = file_destroy;
    return f;
}

HANDLE ws_file_wrap(int fd, bool own_fd)
{
    struct ws_file *f = ws_file_new(fd, false, 0);
    if (!f) {
        ws_last_error = ERROR_NOT_ENOUGH_MEMORY;
        return NULL;
    }
    HANDLE h = ws_file_handle(f);
    f->own_fd = h && own_fd; /* on failure the caller keeps the descriptor */
    ws_file_put(f);
    return h;
}

struct ws_file *ws_file_dup(struct ws_file *f, bool inherit, unsigned access)
{
    int fd = fcntl(f->fd, inherit ? F_DUPFD : F_DUPFD_CLOEXEC, 3);
    if (fd < 0)
        return NULL;
    struct ws_file *n = ws_file_new(fd, true, 0);
    if (!n) {
        close(fd);
        errno = ENOMEM;
        return NULL;
    }
    n->access = access;
    n->ftype = f->ftype;
    n->flags = f->flags;
    n->sock = f->sock;
    /* FILE_FLAG_DELETE_ON_CLOSE waits for the copies too: they hold the
     * object they came from. */
    n->origin = f->origin ? f->origin : f;
    ws_obj_ref(&n->origin->obj);
    return n;
}

int ws_file_fd(HANDLE h, ws_obj **ref)
{
    ws_obj *o = ws_handle_get(h, WS_OBJ_FILE);
    *ref = o;
    return o ? ((struct ws_file *)o)->fd : -1;
}
