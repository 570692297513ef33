/* _get_osfhandle and _open_osfhandle: runtime descriptors (the kernel's)
 * and Win32 HANDLEs (struct ws_file, src/core/fileobj.h).
 *
 * _open_osfhandle gives a duplicate of the handle's descriptor and
 * remembers the pair, so _get_osfhandle returns the same handle, as on
 * Windows.  Any other descriptor gets a handle of its own on first asking
 * (one that never closes the descriptor); 0, 1 and 2 get GetStdHandle's.
 * A pair is recognised by the file it names (device and inode), so a
 * descriptor number reused for another file is not mistaken for the old
 * one.  Closing: the runtime's _close should close the paired handle
 * (ws_crt_osf_forget returns it); until then the handle outlives the
 * descriptor. */
#include "osfhandle.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

HANDLE GetStdHandle(DWORD n);

struct pair {
    HANDLE h;
    dev_t dev;
    ino_t ino;
    bool own; /* made here for a plain descriptor (not _open_osfhandle's) */
};
static struct pair *pairs;
static size_t npairs;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static bool same_file(int fd, const struct pair *p)
{
    struct stat st;
    return p->h && fstat(fd, &st) == 0 && st.st_dev == p->dev && st.st_ino == p->ino;
}

/* Remember h for fd (lock held). */
static bool remember(int fd, HANDLE h, bool own)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return false;
    if ((size_t)fd >= npairs) {
        size_t n = npairs ? npairs : 64;
        while (n <= (size_t)fd)
            n *= 2;
        struct pair *p = realloc(pairs, n * sizeof *p);
        if (!p)
            return false;
        for (size_t i = npairs; i < n; i++)
            p[i] = (struct pair){NULL, 0, 0, false};
        pairs = p;
        npairs = n;
    }
    pairs[fd] = (struct pair){h, st.st_dev, st.st_ino, own};
    return true;
}

/* The runtime closed fd: the handle it was paired with by _open_osfhandle
 * (for the caller to close), or NULL. */
HANDLE ws_crt_osf_forget(int fd)
{
    HANDLE h = NULL;
    pthread_mutex_lock(&lock);
    if (fd >= 0 && (size_t)fd < npairs) {
        if (!pairs[fd].own)
            h = pairs[fd].h;
        pairs[fd] = (struct pair){NULL, 0, 0, false};
    }
    pthread_mutex_unlock(&lock);
    return h;
}

WS2P_EXPORT intptr_t _get_osfhandle(int fd)
{
    struct ws_call c = WS_CALL32("_get_osfhandle");
    intptr_t ret = -1;
    ws_sock *sk;
    if (fd < 0 || fcntl(fd, F_GETFD) < 0)
        errno = EBADF;
    else if ((sk = ws_sock_get((SOCKET)fd)) != NULL) {
        ws_sock_put(sk);
        ret = fd; /* a SOCKET is its own handle */
    } else {
        pthread_mutex_lock(&lock);
        if ((size_t)fd < npairs && same_file(fd, &pairs[fd]))
            ret = (intptr_t)pairs[fd].h;
        else {
            HANDLE h = fd <= 2 ? GetStdHandle((DWORD)(-10 - fd)) : ws_file_wrap(fd, false);
            if (h && h != (HANDLE)(intptr_t)-1 && remember(fd, h, true))
                ret = (intptr_t)h;
            else
                errno = EBADF;
        }
        pthread_mutex_unlock(&lock);
    }
    return WS_EXIT32(&c, ret, "fd=%d", fd);
}

WS2P_EXPORT int _open_osfhandle(intptr_t osfhandle, int flags)
{
    struct ws_call c = WS_CALL32("_open_osfhandle");
    (void)flags; /* _O_TEXT, _O_APPEND, ...: no text mode here, the handle's own access stays */
    HANDLE h = (HANDLE)osfhandle;
    ws_obj *ref = NULL;
    int src = -1, fd = -1;
    ws_sock *sk;
    if (ws_handle_is_socket(h) && (sk = ws_sock_get((SOCKET)osfhandle)) != NULL) {
        src = sk->fd;
        ws_sock_put(sk);
    } else
        src = ws_file_fd(h, &ref);
    if (src < 0 || (fd = fcntl(src, F_DUPFD_CLOEXEC, 3)) < 0)
        errno = EBADF;
    else {
        pthread_mutex_lock(&lock);
        bool ok = remember(fd, h, false);
        pthread_mutex_unlock(&lock);
        if (!ok) {
            close(fd);
            fd = -1;
            errno = ENOMEM;
        }
    }
    if (ref)
        ws_obj_unref(ref);
    return WS_EXIT32(&c, fd, "handle=%p, flags=%#x", h, (unsigned)flags);
}
