/* File mappings: CreateFileMappingA/W, OpenFileMappingA/W, MapViewOfFile(Ex),
 * UnmapViewOfFile, FlushViewOfFile.
 *
 * A mapping object holds its own descriptor: a duplicate of the file's
 * (so the file handle may be closed, as on Windows), or, for
 * INVALID_HANDLE_VALUE, a memfd ("backed by the paging file").  A named
 * pagefile mapping is POSIX shared memory /ws2posix-map.NAME, so other
 * processes open the same memory by name; its creator removes the name
 * when its last handle goes.  Views are mmap()s: offsets are multiples of
 * Windows' 64 KiB allocation granularity. */
#include "k32file.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#define GRANULARITY 65536u

struct mapping {
    ws_obj obj; /* WS_OBJ_MAPPING; first */
    int fd;
    uint64_t size;
    DWORD protect;  /* PAGE_* */
    char *shm_name; /* the name this process created, removed with the object */
};

static void mapping_destroy(ws_obj *o)
{
    struct mapping *m = (struct mapping *)o;
    close(m->fd);
    if (m->shm_name)
        shm_unlink(m->shm_name);
    free(m->shm_name);
}

static bool writable(DWORD protect)
{
    return protect == PAGE_READWRITE || protect == PAGE_EXECUTE_READWRITE;
}

/* "Local\x" and "Global\x" are x; the rest names a shared memory object. */
static char *shm_name(const char *name)
{
    if (!strncasecmp(name, "Local\\", 6))
        name += 6;
    else if (!strncasecmp(name, "Global\\", 7))
        name += 7;
    char *s;
    if (asprintf(&s, "/ws2posix-map.%s", name) < 0)
        return NULL;
    for (char *p = s + 1; *p; p++)
        if (*p == '/')
            *p = '\\';
    return s;
}

static HANDLE new_handle(struct ws_call *c, struct mapping *m)
{
    HANDLE h = ws_handle_new(&m->obj);
    if (!h)
        ws_fail(c, (int)ws_last_error);
    ws_obj_unref(&m->obj);
    return h;
}

static struct mapping *new_mapping(int fd, uint64_t size, DWORD protect)
{
    struct mapping *m = (struct mapping *)ws_obj_alloc(WS_OBJ_MAPPING, sizeof *m, true, true);
    if (m) {
        m->fd = fd;
        m->size = size;
        m->protect = protect;
        m->obj.destroy = mapping_destroy;
    }
    return m;
}

static HANDLE create_mapping(struct ws_call *c, HANDLE file, DWORD flprotect, DWORD hi, DWORD lo, const void *name,
                             bool wide)
{
    DWORD protect = flprotect & 0xff, sec = flprotect & ~0xffu;
    uint64_t size = (uint64_t)hi << 32 | lo;
    if (protect != PAGE_READONLY && protect != PAGE_READWRITE && protect != PAGE_WRITECOPY &&
        protect != PAGE_EXECUTE_READ && protect != PAGE_EXECUTE_READWRITE && protect != PAGE_EXECUTE_WRITECOPY) {
        ws_fail(c, ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (sec & SEC_IMAGE) {
        ws_fail(c, ERROR_BAD_EXE_FORMAT); /* not a Windows executable image */
        return NULL;
    }
    char *uname = NULL;
    if (name && (wide ? *(const WCHAR *)name : *(const char *)name) &&
        !(uname = wide ? ws_name_from_wide(name) : strdup(name))) {
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    HANDLE ret = NULL;
    int fd = -1;
    struct mapping *m = NULL;
    if (file == (HANDLE)(intptr_t)-1) {
        /* Backed by the paging file: memory, shared by name if named. */
        char *sn = uname ? shm_name(uname) : NULL;
        bool existed = false;
        if (uname && !sn)
            ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
        else if (sn && (fd = shm_open(sn, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0 && errno == EEXIST) {
            fd = shm_open(sn, O_RDWR | O_CLOEXEC, 0600);
            existed = fd >= 0;
        } else if (!sn && c->err == WS_ERR_KEEP && size)
            fd = memfd_create("ws2posix-mapping", MFD_CLOEXEC);
        struct stat st;
        if (c->err != WS_ERR_KEEP)
            ;
        else if (!existed && size == 0)
            ws_fail(c, ERROR_INVALID_PARAMETER); /* a pagefile section needs a size */
        else if (fd < 0)
            ws_fail_errno32(c, sn ? "shm_open" : "memfd_create", errno);
        else if (existed && fstat(fd, &st) != 0)
            ws_fail_errno32(c, "fstat", errno);
        else if (!existed && ftruncate(fd, (off_t)size) != 0)
            ws_fail_errno32(c, "ftruncate", errno);
        else if (!(m = new_mapping(fd, existed ? (uint64_t)st.st_size : size, protect)))
            ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
        else {
            fd = -1;
            if (sn && !existed) {
                m->shm_name = sn;
                sn = NULL;
            }
            /* Creating sets the last error: 0, or ERROR_ALREADY_EXISTS for
             * a name already in use (CreateFileMapping docs). */
            if ((ret = new_handle(c, m)) != NULL)
                ws_fail(c, existed ? ERROR_ALREADY_EXISTS : 0);
        }
        if (fd >= 0) {
            close(fd);
            if (sn && !existed)
                shm_unlink(sn);
        }
        free(sn);
    } else {
        struct ws_file *f = k32_file(file);
        struct stat st;
        if (!f || f->fd < 0)
            ws_fail(c, ERROR_INVALID_HANDLE);
        else if (!(f->access & WS_FILE_READ) || (writable(protect) && !(f->access & WS_FILE_WRITE)))
            ws_fail(c, ERROR_ACCESS_DENIED); /* the file must be open for what the mapping allows */
        else if (fstat(f->fd, &st) != 0)
            ws_fail_errno32(c, "fstat", errno);
        else if (size == 0 && st.st_size == 0)
            ws_fail(c, ERROR_FILE_INVALID); /* a zero-length file cannot be mapped whole */
        else if (size > (uint64_t)st.st_size && !writable(protect))
            ws_fail(c, ERROR_NOT_ENOUGH_MEMORY); /* larger than the file and not allowed to grow it */
        else if (size > (uint64_t)st.st_size && ftruncate(f->fd, (off_t)size) != 0)
            ws_fail_errno32(c, "ftruncate", errno); /* a writable mapping grows the file */
        else if ((fd = fcntl(f->fd, F_DUPFD_CLOEXEC, 3)) < 0)
            ws_fail_errno32(c, "fcntl", errno);
        else if (!(m = new_mapping(fd, size ? size : (uint64_t)st.st_size, protect))) {
            ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
            close(fd);
        } else if ((ret = new_handle(c, m)) != NULL)
            ws_fail(c, 0);
        if (f)
            ws_file_put(f);
    }
    free(uname);
    return ret;
}

WS2P_EXPORT HANDLE CreateFileMappingA(HANDLE file, WS_SECURITY_ATTRIBUTES *sa, DWORD protect, DWORD hi, DWORD lo,
                                      const char *name)
{
    struct ws_call c = WS_CALL32("CreateFileMappingA");
    (void)sa;
    HANDLE h = create_mapping(&c, file, protect, hi, lo, name, false);
    return WS_EXIT32(&c, h, "file=%p, protect=%#x, size=%llu, name=%s", file, (unsigned)protect,
                     (unsigned long long)hi << 32 | lo, name ? name : "NULL");
}

WS2P_EXPORT HANDLE CreateFileMappingW(HANDLE file, WS_SECURITY_ATTRIBUTES *sa, DWORD protect, DWORD hi, DWORD lo,
                                      const WCHAR *name)
{
    struct ws_call c = WS_CALL32("CreateFileMappingW");
    (void)sa;
    HANDLE h = create_mapping(&c, file, protect, hi, lo, name, true);
    return WS_EXIT32(&c, h, "file=%p, protect=%#x, size=%llu, name=%ls", file, (unsigned)protect,
                     (unsigned long long)hi << 32 | lo, name ? name : L"NULL");
}

/* A named pagefile mapping another handle (or process) created. */
static HANDLE open_mapping(struct ws_call *c, DWORD access, const void *name, bool wide)
{
    char *u = name ? (wide ? ws_name_from_wide(name) : strdup(name)) : NULL;
    char *sn = u ? shm_name(u) : NULL;
    HANDLE ret = NULL;
    bool w = access & FILE_MAP_WRITE; /* FILE_MAP_ALL_ACCESS has it too */
    int fd = -1;
    struct stat st;
    struct mapping *m;
    if (!name)
        ws_fail(c, ERROR_INVALID_PARAMETER);
    else if (!sn)
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
    else if ((fd = shm_open(sn, O_RDWR | O_CLOEXEC, 0)) < 0)
        ws_fail_sys(c, "shm_open", errno, errno == ENOENT ? ERROR_FILE_NOT_FOUND : ws_errno_to_w32(errno));
    else if (fstat(fd, &st) != 0)
        ws_fail_errno32(c, "fstat", errno);
    else if (!(m = new_mapping(fd, (uint64_t)st.st_size, w ? PAGE_READWRITE : PAGE_READONLY)))
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
    else {
        fd = -1;
        ret = new_handle(c, m);
    }
    if (fd >= 0)
        close(fd);
    free(u);
    free(sn);
    return ret;
}

WS2P_EXPORT HANDLE OpenFileMappingA(DWORD access, BOOL inherit, const char *name)
{
    struct ws_call c = WS_CALL32("OpenFileMappingA");
    (void)inherit;
    HANDLE h = open_mapping(&c, access, name, false);
    return WS_EXIT32(&c, h, "access=%#x, name=%s", (unsigned)access, name ? name : "NULL");
}

WS2P_EXPORT HANDLE OpenFileMappingW(DWORD access, BOOL inherit, const WCHAR *name)
{
    struct ws_call c = WS_CALL32("OpenFileMappingW");
    (void)inherit;
    HANDLE h = open_mapping(&c, access, name, true);
    return WS_EXIT32(&c, h, "access=%#x, name=%ls", (unsigned)access, name ? name : L"NULL");
}

/* ---- views ---------------------------------------------------------------- */

/* The views this process has (UnmapViewOfFile has only the address). */
struct view {
    uintptr_t base;
    size_t len;
};
static struct view *views;
static size_t nviews, cviews;
static pthread_mutex_t views_lock = PTHREAD_MUTEX_INITIALIZER;

/* The view holding addr (views_lock held), or -1. */
static ptrdiff_t view_at(const void *addr)
{
    uintptr_t a = (uintptr_t)addr;
    for (size_t i = 0; i < nviews; i++)
        if (a >= views[i].base && a < views[i].base + views[i].len)
            return (ptrdiff_t)i;
    return -1;
}

/* mmap at an address that is a multiple of 64 KiB, as Windows places
 * every view: reserve room, map inside it, give the slack back. */
static void *map_aligned(size_t len, int prot, int flags, int fd, off_t off)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE), plen = (len + page - 1) & ~(page - 1);
    char *r = mmap(NULL, plen + GRANULARITY, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (r == MAP_FAILED)
        return MAP_FAILED;
    char *a = (char *)(((uintptr_t)r + GRANULARITY - 1) & ~(uintptr_t)(GRANULARITY - 1));
    void *p = mmap(a, len, prot, flags | MAP_FIXED, fd, off);
    if (p == MAP_FAILED) {
        int e = errno;
        munmap(r, plen + GRANULARITY);
        errno = e;
        return MAP_FAILED;
    }
    if (a > r)
        munmap(r, (size_t)(a - r));
    if (r + plen + GRANULARITY > a + plen)
        munmap(a + plen, (size_t)(r + plen + GRANULARITY - (a + plen)));
    return p;
}

static void *map_view(struct ws_call *c, HANDLE hmap, DWORD access, DWORD hi, DWORD lo, SIZE_T bytes, void *base)
{
    struct mapping *m = (struct mapping *)ws_handle_get(hmap, WS_OBJ_MAPPING);
    uint64_t off = (uint64_t)hi << 32 | lo;
    void *ret = NULL;
    if (!m) {
        ws_fail(c, ERROR_INVALID_HANDLE);
        return NULL;
    }
    bool copy = (access & FILE_MAP_COPY) || m->protect == PAGE_WRITECOPY || m->protect == PAGE_EXECUTE_WRITECOPY;
    bool write = (access & FILE_MAP_WRITE) || (access & FILE_MAP_COPY);
    bool exec = access & FILE_MAP_EXECUTE;
    int prot = PROT_READ | (write ? PROT_WRITE : 0) | (exec ? PROT_EXEC : 0);
    if (!(access & (FILE_MAP_READ | FILE_MAP_WRITE | FILE_MAP_COPY | FILE_MAP_EXECUTE)))
        ws_fail(c, ERROR_INVALID_PARAMETER);
    else if ((access & FILE_MAP_WRITE) && !copy && !writable(m->protect))
        ws_fail(c, ERROR_ACCESS_DENIED); /* a write view of a read-only section */
    else if (exec && m->protect < PAGE_EXECUTE)
        ws_fail(c, ERROR_ACCESS_DENIED);
    else if (off % GRANULARITY || (uintptr_t)base % GRANULARITY)
        ws_fail(c, ERROR_MAPPED_ALIGNMENT);
    else if (off >= m->size || (bytes && bytes > m->size - off))
        ws_fail(c, ERROR_ACCESS_DENIED); /* past the end of the section */
    else {
        size_t len = bytes ? bytes : (size_t)(m->size - off);
        int flags = copy ? MAP_PRIVATE : MAP_SHARED;
        void *p = base ? mmap(base, len, prot, flags | MAP_FIXED_NOREPLACE, m->fd, (off_t)off)
                       : map_aligned(len, prot, flags, m->fd, (off_t)off);
        if (p == MAP_FAILED)
            ws_fail_sys(c, "mmap", errno, errno == EEXIST || errno == EINVAL ? ERROR_INVALID_ADDRESS
                                         : errno == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY
                                                           : ws_errno_to_w32(errno));
        else if (base && p != base) { /* a kernel without MAP_FIXED_NOREPLACE */
            munmap(p, len);
            ws_fail(c, ERROR_INVALID_ADDRESS);
        } else {
            pthread_mutex_lock(&views_lock);
            if (nviews == cviews) {
                size_t nc = cviews ? cviews * 2 : 16;
                struct view *v = realloc(views, nc * sizeof *v);
                if (v) {
                    views = v;
                    cviews = nc;
                }
            }
            if (nviews < cviews) {
                views[nviews++] = (struct view){(uintptr_t)p, len};
                ret = p;
            }
            pthread_mutex_unlock(&views_lock);
            if (!ret) {
                munmap(p, len);
                ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
            }
        }
    }
    ws_obj_unref(&m->obj);
    return ret;
}

WS2P_EXPORT void *MapViewOfFile(HANDLE hmap, DWORD access, DWORD hi, DWORD lo, SIZE_T bytes)
{
    struct ws_call c = WS_CALL32("MapViewOfFile");
    void *p = map_view(&c, hmap, access, hi, lo, bytes, NULL);
    return WS_EXIT32(&c, p, "map=%p, access=%#x, offset=%llu, bytes=%zu", hmap, (unsigned)access,
                     (unsigned long long)hi << 32 | lo, (size_t)bytes);
}

WS2P_EXPORT void *MapViewOfFileEx(HANDLE hmap, DWORD access, DWORD hi, DWORD lo, SIZE_T bytes, void *base)
{
    struct ws_call c = WS_CALL32("MapViewOfFileEx");
    void *p = map_view(&c, hmap, access, hi, lo, bytes, base);
    return WS_EXIT32(&c, p, "map=%p, access=%#x, offset=%llu, bytes=%zu, base=%p", hmap, (unsigned)access,
                     (unsigned long long)hi << 32 | lo, (size_t)bytes, base);
}

/* Any address inside a view names it. */
WS2P_EXPORT BOOL UnmapViewOfFile(const void *addr)
{
    struct ws_call c = WS_CALL32("UnmapViewOfFile");
    BOOL ret = 0;
    pthread_mutex_lock(&views_lock);
    ptrdiff_t i = view_at(addr);
    struct view v = {0, 0};
    if (i >= 0) {
        v = views[i];
        views[i] = views[--nviews];
    }
    pthread_mutex_unlock(&views_lock);
    if (i < 0)
        ws_fail(&c, ERROR_INVALID_ADDRESS);
    else if (munmap((void *)v.base, v.len) != 0)
        ws_fail_errno32(&c, "munmap", errno);
    else
        ret = 1;
    return WS_EXIT32(&c, ret, "addr=%p", addr);
}

/* From addr (rounded down to its page) for n bytes, 0 meaning to the end
 * of the view. */
WS2P_EXPORT BOOL FlushViewOfFile(const void *addr, SIZE_T n)
{
    struct ws_call c = WS_CALL32("FlushViewOfFile");
    BOOL ret = 0;
    pthread_mutex_lock(&views_lock);
    ptrdiff_t i = view_at(addr);
    struct view v = i >= 0 ? views[i] : (struct view){0, 0};
    pthread_mutex_unlock(&views_lock);
    if (i < 0)
        ws_fail(&c, ERROR_INVALID_ADDRESS);
    else {
        uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), a = (uintptr_t)addr;
        uintptr_t start = a & ~(page - 1), end = n && n < v.base + v.len - a ? a + n : v.base + v.len;
        if (msync((void *)start, end - start, MS_SYNC) != 0)
            ws_fail_errno32(&c, "msync", errno);
        else
            ret = 1;
    }
    return WS_EXIT32(&c, ret, "addr=%p, n=%zu", addr, (size_t)n);
}
