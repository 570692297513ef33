/* The runtime's descriptors and Win32 file HANDLEs (struct ws_file,
 * src/core/fileobj.h), for _get_osfhandle, _open_osfhandle and _close
 * (io.c).  A SOCKET is its descriptor's number on both sides and needs
 * none of this.
 *
 * _open_osfhandle of a file HANDLE gives a duplicate of its descriptor and
 * remembers the pair, so _get_osfhandle gives the same handle back and
 * _close closes it, as on Windows.  Any other descriptor gets a handle of
 * its own on first asking (one that never closes the descriptor); 0, 1 and
 * 2 get GetStdHandle's.  A pair is known by the file it names (device and
 * inode), so a descriptor number reused for another file is not taken for
 * the old one. */
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

HANDLE ws_crt_osf_handle(int fd)
{
    HANDLE ret = NULL;
    pthread_mutex_lock(&lock);
    if ((size_t)fd < npairs && same_file(fd, &pairs[fd]))
        ret = pairs[fd].h;
    else {
        HANDLE h = fd <= 2 ? GetStdHandle((DWORD)(-10 - fd)) : ws_file_wrap(fd, false);
        if (h && h != (HANDLE)(intptr_t)-1 && remember(fd, h, true))
            ret = h;
    }
    pthread_mutex_unlock(&lock);
    return ret;
}

int ws_crt_osf_open(HANDLE h)
{
    ws_obj *ref = NULL;
    int src = ws_file_fd(h, &ref), fd = -1;
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
    return fd;
}

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
