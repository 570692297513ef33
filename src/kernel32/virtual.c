/* Virtual memory: VirtualAlloc (MEM_RESERVE, MEM_COMMIT, MEM_RESET),
 * VirtualFree (MEM_DECOMMIT, MEM_RELEASE), VirtualProtect, VirtualQuery.
 *
 * A reservation is an mmap of PROT_NONE pages on a 64 KiB boundary (the
 * allocation granularity); committing is mprotect to the protection asked
 * for, and decommitting gives the pages back (MADV_DONTNEED) so a later
 * commit reads zeros, as on Windows.  Each region keeps a byte per page:
 * 0 while reserved, else the PAGE_* protection it is committed with, which
 * is what VirtualQuery reports.  Other memory (the program's images, its
 * heap and stacks) is described from /proc/self/maps.  The region list has
 * its own lock; none of this is on a socket path. */
#include "core.h"
#include "ws2p/k32_memory.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define GRANULARITY 0x10000u

struct region {
    struct region *next;
    uintptr_t base;
    size_t size;
    DWORD protect; /* as first asked (AllocationProtect) */
    unsigned char pages[];
};

static pthread_mutex_t regions_lock = PTHREAD_MUTEX_INITIALIZER;
static struct region *regions;

static size_t page_size(void)
{
    static size_t ps;
    if (!ps)
        ps = (size_t)sysconf(_SC_PAGESIZE);
    return ps;
}

/* The region holding [a, a + n), or NULL (lock held). */
static struct region *find_region(uintptr_t a, size_t n)
{
    for (struct region *r = regions; r; r = r->next)
        if (a >= r->base && a - r->base < r->size)
            return n <= r->size - (a - r->base) ? r : NULL;
    return NULL;
}

/* PAGE_* -> PROT_*, or -1 if Windows rejects the value for VirtualAlloc
 * (exactly one base protection; copy-on-write is for mapped files only). */
static int prot_of(DWORD protect)
{
    DWORD base = protect & 0xff;
    if (protect & ~(DWORD)(0xff | PAGE_NOCACHE | PAGE_WRITECOMBINE))
        return -1;
    switch (base) {
    case PAGE_NOACCESS:
        return PROT_NONE;
    case PAGE_READONLY:
        return PROT_READ;
    case PAGE_READWRITE:
        return PROT_READ | PROT_WRITE;
    case PAGE_EXECUTE:
        return PROT_EXEC;
    case PAGE_EXECUTE_READ:
        return PROT_READ | PROT_EXEC;
    case PAGE_EXECUTE_READWRITE:
        return PROT_READ | PROT_WRITE | PROT_EXEC;
    }
    return -1;
}

/* Reserve size bytes at addr (0: anywhere) on a 64 KiB boundary. */
static struct region *reserve(uintptr_t addr, size_t size, DWORD protect, int *err)
{
    size_t ps = page_size(), npages = size / ps;
    struct region *r = calloc(1, sizeof *r + npages);
    if (!r) {
        *err = ERROR_NOT_ENOUGH_MEMORY;
        return NULL;
    }
    void *p;
    if (addr) {
        p = mmap((void *)addr, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE,
                 -1, 0);
        if (p != MAP_FAILED && (uintptr_t)p != addr) { /* a kernel that took the address as a hint */
            munmap(p, size);
            p = MAP_FAILED, errno = EEXIST;
        }
    } else {
        /* over-allocate, then trim to the granularity */
        size_t span = size + GRANULARITY - ps;
        p = mmap(NULL, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p != MAP_FAILED) {
            uintptr_t start = ((uintptr_t)p + GRANULARITY - 1) & ~(uintptr_t)(GRANULARITY - 1);
            if (start > (uintptr_t)p)
                munmap(p, start - (uintptr_t)p);
            if ((uintptr_t)p + span > start + size)
                munmap((void *)(start + size), (uintptr_t)p + span - (start + size));
            p = (void *)start;
        }
    }
    if (p == MAP_FAILED) {
        *err = errno == EEXIST ? ERROR_INVALID_ADDRESS : ERROR_NOT_ENOUGH_MEMORY;
        free(r);
        return NULL;
    }
    r->base = (uintptr_t)p;
    r->size = size;
    r->protect = protect;
    r->next = regions;
    regions = r;
    return r;
}

/* Undo a reservation (lock held). */
static void release(struct region *r)
{
    for (struct region **pp = &regions; *pp; pp = &(*pp)->next)
        if (*pp == r) {
            *pp = r->next;
            break;
        }
    munmap((void *)r->base, r->size);
    free(r);
}

/* Commit [a, a + n) of r with protect: 0 or the error (lock held). */
static int commit(struct region *r, uintptr_t a, size_t n, DWORD protect)
{
    if (mprotect((void *)a, n, prot_of(protect)) < 0)
        return ws_errno_to_w32(errno) == ERROR_NOT_ENOUGH_MEMORY ? ERROR_COMMITMENT_LIMIT : ERROR_INVALID_ADDRESS;
    memset(r->pages + (a - r->base) / page_size(), (int)protect, n / page_size());
    return 0;
}

WS2P_EXPORT void *VirtualAlloc(void *addr, SIZE_T size, DWORD type, DWORD protect)
{
    struct ws_call c = WS_CALL32("VirtualAlloc");
    void *ret = NULL;
    int err = 0;
    size_t ps = page_size();
    uintptr_t a = (uintptr_t)addr;
    DWORD kind = type & (MEM_COMMIT | MEM_RESERVE | MEM_RESET | MEM_RESET_UNDO);
    if (size == 0 || (type & ~(DWORD)(MEM_COMMIT | MEM_RESERVE | MEM_RESET | MEM_RESET_UNDO | MEM_TOP_DOWN)) ||
        !kind || ((type & MEM_RESET) && kind != MEM_RESET))
        err = (type & (MEM_WRITE_WATCH | MEM_PHYSICAL | MEM_LARGE_PAGES)) && size ? ERROR_NOT_SUPPORTED
                                                                                     : ERROR_INVALID_PARAMETER;
    else if (kind == MEM_RESET_UNDO)
        err = ERROR_NOT_SUPPORTED;
    else if (kind != MEM_RESET && prot_of(protect) < 0)
        err = protect & PAGE_GUARD ? ERROR_NOT_SUPPORTED : ERROR_INVALID_PARAMETER;
    else if (size > (SIZE_T)PTRDIFF_MAX - GRANULARITY || a > UINTPTR_MAX - size)
        err = ERROR_NOT_ENOUGH_MEMORY;
    else {
        pthread_mutex_lock(&regions_lock);
        if (kind == MEM_RESET) {
            /* the contents are no longer needed; the pages stay committed */
            uintptr_t lo = a & ~(ps - 1), hi = (a + size + ps - 1) & ~(ps - 1);
            struct region *r = find_region(lo, hi - lo);
            if (!r || memchr(r->pages + (lo - r->base) / ps, 0, (hi - lo) / ps))
                err = ERROR_INVALID_ADDRESS;
            else {
                madvise((void *)lo, hi - lo, MADV_FREE);
                ret = addr;
            }
        } else if (kind & MEM_RESERVE) {
            /* the address rounds down to the granularity, the size up to pages */
            uintptr_t lo = a & ~(uintptr_t)(GRANULARITY - 1), hi = (a + size + ps - 1) & ~(ps - 1);
            struct region *r = reserve(lo, hi - lo, protect, &err);
            if (r && (kind & MEM_COMMIT) && (err = commit(r, r->base, r->size, protect)))
                release(r), r = NULL;
            ret = r ? (void *)r->base : NULL;
        } else {
            /* commit pages of an existing reservation: [a, a+size) rounded out to pages */
            uintptr_t lo = a & ~(ps - 1), hi = (a + size + ps - 1) & ~(ps - 1);
            struct region *r = a ? find_region(lo, hi - lo) : NULL;
            if (!a) {
                r = reserve(0, hi - lo, protect, &err);
                if (r && (err = commit(r, r->base, r->size, protect)))
                    release(r), r = NULL;
                lo = r ? r->base : 0;
            } else if (!r)
                err = ERROR_INVALID_ADDRESS;
            else
                err = commit(r, lo, hi - lo, protect);
            ret = err ? NULL : (void *)lo;
        }
        pthread_mutex_unlock(&regions_lock);
    }
    if (err)
        ws_fail(&c, err);
    return WS_EXIT32(&c, ret, "addr=%p, size=%zu, type=%#x, protect=%#x", addr, (size_t)size, (unsigned)type,
                     (unsigned)protect);
}

WS2P_EXPORT BOOL VirtualFree(void *addr, SIZE_T size, DWORD type)
{
    struct ws_call c = WS_CALL32("VirtualFree");
    int err = 0;
    size_t ps = page_size();
    uintptr_t a = (uintptr_t)addr;
    if (type != MEM_RELEASE && type != MEM_DECOMMIT)
        err = ERROR_INVALID_PARAMETER;
    else if (type == MEM_RELEASE && size != 0)
        err = ERROR_INVALID_PARAMETER; /* the whole reservation, given by its base */
    else {
        pthread_mutex_lock(&regions_lock);
        struct region **pp = &regions, *r;
        for (; (r = *pp); pp = &r->next)
            if (a >= r->base && a - r->base < r->size)
                break;
        if (!r)
            err = ERROR_INVALID_ADDRESS;
        else if (type == MEM_RELEASE) {
            if (a != r->base)
                err = ERROR_INVALID_ADDRESS;
            else
                release(r);
        } else {
            uintptr_t lo = a & ~(ps - 1), hi = size ? (a + size + ps - 1) & ~(ps - 1) : r->base + r->size;
            if (size == 0 && a != r->base)
                err = ERROR_INVALID_ADDRESS;
            else if (hi > r->base + r->size || hi < lo)
                err = ERROR_INVALID_ADDRESS;
            else {
                madvise((void *)lo, hi - lo, MADV_DONTNEED);
                mprotect((void *)lo, hi - lo, PROT_NONE);
                memset(r->pages + (lo - r->base) / ps, 0, (hi - lo) / ps);
            }
        }
        pthread_mutex_unlock(&regions_lock);
    }
    if (err)
        ws_fail(&c, err);
    return WS_EXIT32(&c, !err, "addr=%p, size=%zu, type=%#x", addr, (size_t)size, (unsigned)type);
}

/* /proc/self/maps: the mapping holding a, or the gap before the next one. */
struct mapping {
    uintptr_t lo, hi;
    DWORD protect, type;
    bool found;
};
static void read_maps(uintptr_t a, struct mapping *m)
{
    FILE *f = fopen("/proc/self/maps", "re");
    char line[512];
    uintptr_t gap_lo = 0;
    memset(m, 0, sizeof *m);
    m->hi = (uintptr_t)0x7ffffffff000;
    while (f && fgets(line, sizeof line, f)) {
        unsigned long lo, hi, off;
        char perms[8], path[256] = "";
        unsigned devmaj, devmin;
        unsigned long inode;
        if (sscanf(line, "%lx-%lx %7s %lx %x:%x %lu %255s", &lo, &hi, perms, &off, &devmaj, &devmin, &inode,
                   path) < 7)
            continue;
        if (a < lo) {
            m->lo = gap_lo, m->hi = lo;
            break;
        }
        if (a < hi) {
            bool r = perms[0] == 'r', w = perms[1] == 'w', x = perms[2] == 'x';
            m->lo = lo, m->hi = hi, m->found = true;
            m->protect = x ? (w ? PAGE_EXECUTE_READWRITE : r ? PAGE_EXECUTE_READ : PAGE_EXECUTE)
                           : w ? PAGE_READWRITE : r ? PAGE_READONLY : PAGE_NOACCESS;
            m->type = inode == 0 ? MEM_PRIVATE : (strstr(path, ".so") || x || off == 0) ? MEM_IMAGE : MEM_MAPPED;
            break;
        }
        gap_lo = hi;
    }
    if (f)
        fclose(f);
}

static DWORD query_protect(uintptr_t a)
{
    struct mapping m;
    read_maps(a, &m);
    return m.found ? m.protect : 0;
}

WS2P_EXPORT BOOL VirtualProtect(void *addr, SIZE_T size, DWORD protect, DWORD *old)
{
    struct ws_call c = WS_CALL32("VirtualProtect");
    int err = 0;
    size_t ps = page_size();
    uintptr_t a = (uintptr_t)addr, lo = a & ~(ps - 1), hi = (a + size + ps - 1) & ~(ps - 1);
    if (prot_of(protect) < 0)
        err = protect & PAGE_GUARD ? ERROR_NOT_SUPPORTED : ERROR_INVALID_PARAMETER;
    else if (ws_bad_ptr(old))
        err = ERROR_NOACCESS;
    else if (size == 0 || hi < lo)
        err = ERROR_INVALID_PARAMETER;
    else {
        pthread_mutex_lock(&regions_lock);
        struct region *r = find_region(lo, hi - lo);
        bool ours = false;
        for (struct region *q = regions; q; q = q->next)
            ours |= lo >= q->base && lo - q->base < q->size;
        if (ours && (!r || memchr(r->pages + (lo - r->base) / ps, 0, (hi - lo) / ps)))
            err = ERROR_INVALID_ADDRESS; /* not all of it is committed (virtual.c) */
        else {
            DWORD before = r ? r->pages[(lo - r->base) / ps] : query_protect(lo);
            if (mprotect((void *)lo, hi - lo, prot_of(protect)) < 0)
                err = ERROR_INVALID_ADDRESS;
            else {
                if (r)
                    memset(r->pages + (lo - r->base) / ps, (int)protect, (hi - lo) / ps);
                *old = before;
            }
        }
        pthread_mutex_unlock(&regions_lock);
    }
    if (err)
        ws_fail(&c, err);
    return WS_EXIT32(&c, !err, "addr=%p, size=%zu, protect=%#x", addr, (size_t)size, (unsigned)protect);
}

WS2P_EXPORT SIZE_T VirtualQuery(const void *addr, MEMORY_BASIC_INFORMATION *mbi, SIZE_T len)
{
    struct ws_call c = WS_CALL32("VirtualQuery");
    SIZE_T ret = 0;
    size_t ps = page_size();
    uintptr_t a = (uintptr_t)addr & ~(ps - 1);
    if (ws_bad_ptr(mbi) || len < sizeof *mbi)
        ws_fail(&c, ERROR_BAD_LENGTH);
    else if (a >= (uintptr_t)0x7ffffffff000)
        ws_fail(&c, ERROR_INVALID_PARAMETER); /* above the user address space */
    else {
        memset(mbi, 0, sizeof *mbi);
        mbi->BaseAddress = (void *)a;
        pthread_mutex_lock(&regions_lock);
        struct region *r = find_region(a, 1);
        if (r) {
            /* the run of pages alike from a onward */
            size_t i = (a - r->base) / ps, j = i, n = r->size / ps;
            while (j < n && r->pages[j] == r->pages[i])
                j++;
            mbi->AllocationBase = (void *)r->base;
            mbi->AllocationProtect = r->protect;
            mbi->RegionSize = (j - i) * ps;
            mbi->State = r->pages[i] ? MEM_COMMIT : MEM_RESERVE;
            mbi->Protect = r->pages[i];
            mbi->Type = MEM_PRIVATE;
        }
        pthread_mutex_unlock(&regions_lock);
        if (!r) {
            struct mapping m;
            read_maps(a, &m);
            if (m.found) {
                mbi->AllocationBase = (void *)m.lo;
                mbi->AllocationProtect = m.protect;
                mbi->State = MEM_COMMIT;
                mbi->Protect = m.protect;
                mbi->Type = m.type;
            } else {
                mbi->State = MEM_FREE;
                mbi->Protect = PAGE_NOACCESS;
            }
            mbi->RegionSize = m.hi - a;
        }
        ret = sizeof *mbi;
    }
    return WS_EXIT32(&c, ret, "addr=%p", addr);
}
