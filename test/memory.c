/* Memory: the process heap and private heaps (HEAP_ZERO_MEMORY, HeapSize
 * of the requested size, HEAP_REALLOC_IN_PLACE_ONLY, fixed-size heaps,
 * HeapValidate), Local and Global memory (fixed and moveable, lock counts,
 * in-place LocalReAlloc without LMEM_MOVEABLE, bad handles), and virtual
 * memory (reserve on 64 KiB boundaries, commit, protect, query, decommit,
 * release, and their documented errors).  Facts: Wine's heap.c and
 * virtual.c (notes in /work/ref/notes-strmem.md). */
#define WT_NO_STARTUP
#include "wstest.h"

static int all_zero(const unsigned char *p, SIZE_T n)
{
    for (SIZE_T i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

WT_CASE(process_heap)
{
    HANDLE heap = GetProcessHeap();
    ok(heap != NULL, "a process heap");
    expect_w32(GetProcessHeap(), heap, W32_SENTINEL);
    unsigned char *p = HeapAlloc(heap, HEAP_ZERO_MEMORY, 100);
    ok(p && ((ULONG_PTR)p & 15) == 0, "16-byte aligned");
    ok(all_zero(p, 100), "zeroed");
    expect_w32(HeapSize(heap, 0, p), 100, W32_SENTINEL);
    memset(p, 0xab, 100);
    /* growing with HEAP_ZERO_MEMORY zeroes the new part only */
    unsigned char *q = HeapReAlloc(heap, HEAP_ZERO_MEMORY, p, 5000);
    ok(q && q[0] == 0xab && q[99] == 0xab && all_zero(q + 100, 4900), "grown");
    expect_w32(HeapSize(heap, 0, q), 5000, W32_SENTINEL);
    /* shrinking in place works, and growing back within what it had */
    expect_w32(HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, q, 1000), q, W32_SENTINEL);
    expect_w32(HeapSize(heap, 0, q), 1000, W32_SENTINEL);
    expect_w32(HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, q, 2000), q, W32_SENTINEL);
    /* a move it may not make */
    expect_w32(HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, q, 64 << 20), NULL, ERROR_NOT_ENOUGH_MEMORY);
    expect_w32(HeapSize(heap, 0, q), 2000, W32_SENTINEL);
    expect_w32(HeapFree(heap, 0, q), TRUE, W32_SENTINEL);
    expect_w32(HeapFree(heap, 0, NULL), TRUE, W32_SENTINEL);
    /* impossible sizes */
    expect_w32(HeapAlloc(heap, 0, ~(SIZE_T)0), NULL, ERROR_NOT_ENOUGH_MEMORY);
    p = HeapAlloc(heap, 0, 0);
    ok(p != NULL, "a zero-size block is a block");
    expect_w32(HeapSize(heap, 0, p), 0, W32_SENTINEL);
    expect_w32(HeapReAlloc(heap, 0, p, ~(SIZE_T)0 - 7), NULL, ERROR_NOT_ENOUGH_MEMORY);
    expect_w32(HeapValidate(heap, 0, p), TRUE, W32_SENTINEL);
    expect_w32(HeapValidate(heap, 0, NULL), TRUE, W32_SENTINEL);
    HeapFree(heap, 0, p);
    /* HeapReAlloc does not take NULL for malloc's realloc */
    expect_w32(HeapReAlloc(heap, 0, NULL, 10), NULL, 0);
    expect_w32(HeapSetInformation(NULL, HeapEnableTerminationOnCorruption, NULL, 0), TRUE, W32_SENTINEL);
}

WT_CASE(private_heaps)
{
    HANDLE heap = HeapCreate(0, 0, 0);
    ok(heap && ((ULONG_PTR)heap & 0xffff) == 0, "a heap on a 64 KiB boundary");
    void *blocks[64];
    for (int i = 0; i < 64; i++)
        blocks[i] = HeapAlloc(heap, 0, 100 + i);
    expect_w32(HeapSize(heap, 0, blocks[10]), 110, W32_SENTINEL);
    expect_w32(HeapFree(heap, 0, blocks[0]), TRUE, W32_SENTINEL);
    /* a block of another heap is not this heap's */
    void *other = HeapAlloc(GetProcessHeap(), 0, 10);
    expect_w32(HeapSize(heap, 0, other), (SIZE_T)-1, W32_SENTINEL);
    expect_w32(HeapValidate(heap, 0, other), FALSE, W32_SENTINEL);
    HeapFree(GetProcessHeap(), 0, other);
    /* HeapDestroy frees every block still there */
    expect_w32(HeapDestroy(heap), TRUE, W32_SENTINEL);

    /* a fixed-size heap refuses what would take it past its maximum */
    heap = HeapCreate(0, 0x10000, 0x10000);
    ok(heap != NULL, "a fixed-size heap");
    void *p = HeapAlloc(heap, 0, 0x8000);
    ok(p != NULL, "within the maximum");
    expect_w32(HeapAlloc(heap, 0, 0x20000), NULL, ERROR_NOT_ENOUGH_MEMORY);
    expect_w32(HeapReAlloc(heap, 0, p, 0x20000), NULL, ERROR_NOT_ENOUGH_MEMORY);
    expect_w32(HeapFree(heap, 0, p), TRUE, W32_SENTINEL);
    expect_w32(HeapDestroy(heap), TRUE, W32_SENTINEL);
    expect_w32(HeapCreate(0, 0x20000, 0x10000), NULL, ERROR_INVALID_PARAMETER);
}

WT_CASE(local_memory)
{
    unsigned char *p = LocalAlloc(LPTR, 64);
    ok(p && all_zero(p, 64), "LPTR: fixed and zeroed");
    expect_w32(LocalSize(p), 64, W32_SENTINEL);
    expect_w32(LocalLock(p), p, W32_SENTINEL);
    /* fixed memory is never locked */
    expect_w32(LocalUnlock(p), FALSE, ERROR_NOT_LOCKED);
    expect_w32(LocalFlags(p), 0, W32_SENTINEL);
    expect_w32(LocalHandle(p), p, W32_SENTINEL);
    /* without LMEM_MOVEABLE fixed memory is resized in place only */
    expect_w32(LocalReAlloc(p, 32, 0), p, W32_SENTINEL);
    expect_w32(LocalSize(p), 32, W32_SENTINEL);
    expect_w32(LocalReAlloc(p, 64 << 20, 0), NULL, ERROR_NOT_ENOUGH_MEMORY);
    unsigned char *q = LocalReAlloc(p, 64 << 20, LMEM_MOVEABLE | LMEM_ZEROINIT);
    ok(q != NULL, "LMEM_MOVEABLE lets it move");
    ok(all_zero(q + 32, 4096), "and LMEM_ZEROINIT zeroes the new part");
    expect_w32(LocalFree(q), NULL, W32_SENTINEL);
    expect_w32(LocalFree(NULL), NULL, W32_SENTINEL);
    /* not a block: the handle comes back */
    static char not_a_block[64];
    void *bad = not_a_block + 48;
    expect_w32(LocalFree(bad), bad, ERROR_INVALID_HANDLE);
    expect_w32(LocalSize(bad), 0, ERROR_INVALID_HANDLE);
    expect_w32(LocalAlloc(0x10000, 10), NULL, ERROR_INVALID_PARAMETER);
    /* LocalFree frees the process heap's blocks: they are the same memory */
    void *h = HeapAlloc(GetProcessHeap(), 0, 10);
    expect_w32(LocalFree(h), NULL, W32_SENTINEL);
}

WT_CASE(global_memory)
{
    HGLOBAL g = GlobalAlloc(GHND, 100);
    ok(g != NULL, "moveable memory");
    unsigned char *p = GlobalLock(g);
    ok(p && all_zero(p, 100), "locked, zeroed");
    expect_w32(GlobalFlags(g) & GMEM_LOCKCOUNT, 1, W32_SENTINEL);
    expect_w32(GlobalLock(g), p, W32_SENTINEL);
    expect_w32(GlobalUnlock(g), TRUE, W32_SENTINEL); /* still locked once */
    /* the unlock that releases it: FALSE with NO_ERROR */
    expect_w32(GlobalUnlock(g), FALSE, NO_ERROR);
    expect_w32(GlobalUnlock(g), FALSE, ERROR_NOT_LOCKED);
    expect_w32(GlobalSize(g), 100, W32_SENTINEL);
    g = GlobalReAlloc(g, 200, GMEM_MOVEABLE);
    ok(g != NULL, "resized");
    expect_w32(GlobalSize(g), 200, W32_SENTINEL);
    expect_w32(GlobalFree(g), NULL, W32_SENTINEL);
    HGLOBAL f = GlobalAlloc(GMEM_FIXED, 10);
    expect_w32(GlobalLock(f), f, W32_SENTINEL);
    expect_w32(GlobalUnlock(f), TRUE, W32_SENTINEL); /* GlobalUnlock: fixed memory, TRUE */
    expect_w32(GlobalHandle(f), f, W32_SENTINEL);
    expect_w32(GlobalFree(f), NULL, W32_SENTINEL);
}

WT_CASE(virtual_reserve_commit)
{
    MEMORY_BASIC_INFORMATION info;
    DWORD old = 0;
    expect_w32(VirtualAlloc(NULL, 0, MEM_RESERVE, PAGE_NOACCESS), NULL, ERROR_INVALID_PARAMETER);
    char *a = VirtualAlloc(NULL, 0xFFFC, MEM_RESERVE, PAGE_NOACCESS);
    ok(a && ((ULONG_PTR)a & 0xffff) == 0, "reserved on the allocation granularity");
    expect_w32(VirtualQuery(a, &info, sizeof info), sizeof info, W32_SENTINEL);
    ok(info.BaseAddress == a && info.AllocationBase == a && info.AllocationProtect == PAGE_NOACCESS &&
           info.RegionSize == 0x10000 && info.State == MEM_RESERVE && info.Protect == 0 && info.Type == MEM_PRIVATE,
       "a reservation: size %#lx state %#lx protect %#lx", (unsigned long)info.RegionSize, (unsigned long)info.State,
       (unsigned long)info.Protect);
    expect_w32(VirtualProtect(a, 0xFFFC, PAGE_READONLY, &old), FALSE, ERROR_INVALID_ADDRESS);
    expect_w32(VirtualAlloc(a, 0x1000, MEM_COMMIT, PAGE_NOACCESS), a, W32_SENTINEL);
    expect_w32(VirtualQuery(a, &info, sizeof info), sizeof info, W32_SENTINEL);
    ok(info.RegionSize == 0x1000 && info.State == MEM_COMMIT && info.Protect == PAGE_NOACCESS,
       "one committed page");
    expect_w32(VirtualQuery(a + 0x1000, &info, sizeof info), sizeof info, W32_SENTINEL);
    ok(info.BaseAddress == a + 0x1000 && info.RegionSize == 0xF000 && info.State == MEM_RESERVE,
       "then the rest, reserved");
    expect_w32(VirtualProtect(a, 0xFFFC, PAGE_READONLY, &old), FALSE, ERROR_INVALID_ADDRESS);
    expect_w32(VirtualProtect(a, 0x1000, PAGE_READONLY, &old), TRUE, W32_SENTINEL);
    ok(old == PAGE_NOACCESS, "old protection %#lx", (unsigned long)old);
    expect_w32(VirtualProtect(a, 0x1000, PAGE_READWRITE, &old), TRUE, W32_SENTINEL);
    ok(old == PAGE_READONLY, "old protection %#lx", (unsigned long)old);
    a[0] = 42, a[0xfff] = 43;
    expect_w32(VirtualFree(a, 0x10000, 0), FALSE, ERROR_INVALID_PARAMETER);
    expect_w32(VirtualFree(a, 0x10000, MEM_DECOMMIT), TRUE, W32_SENTINEL);
    /* committed again, decommitted pages read as zeros */
    expect_w32(VirtualAlloc(a, 0x2000, MEM_COMMIT, PAGE_READWRITE), a, W32_SENTINEL);
    ok(a[0] == 0 && a[0xfff] == 0, "fresh pages");
    expect_w32(VirtualFree(a, 1, MEM_RELEASE), FALSE, ERROR_INVALID_PARAMETER);
    expect_w32(VirtualFree(a + 0x1000, 0, MEM_RELEASE), FALSE, ERROR_INVALID_ADDRESS);
    expect_w32(VirtualFree(a, 0, MEM_RELEASE), TRUE, W32_SENTINEL);
    expect_w32(VirtualQuery(a, &info, sizeof info), sizeof info, W32_SENTINEL);
    ok(info.State == MEM_FREE, "released: free (state %#lx)", (unsigned long)info.State);
    expect_w32(VirtualFree(a, 0, MEM_RELEASE), FALSE, ERROR_INVALID_ADDRESS);
    expect_w32(VirtualAlloc(a, 0x1000, MEM_COMMIT, PAGE_READWRITE), NULL, ERROR_INVALID_ADDRESS);
}

WT_CASE(virtual_other)
{
    MEMORY_BASIC_INFORMATION info;
    DWORD old;
    /* reserve and commit at once; the pages are zero and writable */
    unsigned char *a = VirtualAlloc(NULL, 3 << 16, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    ok(a && ((ULONG_PTR)a & 0xffff) == 0 && all_zero(a, 3 << 16), "reserve + commit");
    a[(3 << 16) - 1] = 1;
    /* a reservation at an address already in use */
    expect_w32(VirtualAlloc(a + 0x10000, 0x10000, MEM_RESERVE, PAGE_READWRITE), NULL, ERROR_INVALID_ADDRESS);
    /* commit alone, nothing reserved: both at once */
    unsigned char *b = VirtualAlloc(NULL, 100, MEM_COMMIT, PAGE_READWRITE);
    ok(b && ((ULONG_PTR)b & 0xffff) == 0, "MEM_COMMIT without an address reserves too");
    expect_w32(VirtualAlloc(b, 100, MEM_RESET, PAGE_NOACCESS), b, W32_SENTINEL);
    expect_w32(VirtualAlloc(NULL, 0x1000, MEM_RESERVE, 0), NULL, ERROR_INVALID_PARAMETER);
    expect_w32(VirtualAlloc(NULL, 0x1000, MEM_RESERVE, PAGE_READONLY | PAGE_READWRITE), NULL,
               ERROR_INVALID_PARAMETER);
    expect_w32(VirtualAlloc(NULL, 0x1000, 0, PAGE_READWRITE), NULL, ERROR_INVALID_PARAMETER);
    expect_w32(VirtualAlloc(NULL, 0x1000, MEM_RESET | MEM_COMMIT, PAGE_READWRITE), NULL, ERROR_INVALID_PARAMETER);
    expect_w32(VirtualProtect(b, 100, PAGE_READONLY, NULL), FALSE, ERROR_NOACCESS);
    expect_w32(VirtualFree(b, 0, MEM_RELEASE), TRUE, W32_SENTINEL);
    expect_w32(VirtualFree(a, 0, MEM_RELEASE), TRUE, W32_SENTINEL);

    /* memory the program did not get from VirtualAlloc */
    int on_stack = 1;
    expect_w32(VirtualQuery(&on_stack, &info, sizeof info), sizeof info, W32_SENTINEL);
    ok(info.State == MEM_COMMIT && info.Protect == PAGE_READWRITE && info.Type == MEM_PRIVATE,
       "the stack: state %#lx protect %#lx type %#lx", (unsigned long)info.State, (unsigned long)info.Protect,
       (unsigned long)info.Type);
    expect_w32(VirtualQuery((void *)(ULONG_PTR)all_zero, &info, sizeof info), sizeof info, W32_SENTINEL);
    ok(info.State == MEM_COMMIT && info.Protect == PAGE_EXECUTE_READ && info.Type == MEM_IMAGE,
       "code: protect %#lx type %#lx", (unsigned long)info.Protect, (unsigned long)info.Type);
    expect_w32(VirtualQuery(&on_stack, &info, sizeof info - 1), 0, ERROR_BAD_LENGTH);
    /* VirtualProtect works on other memory too */
    unsigned char *h = HeapAlloc(GetProcessHeap(), 0, 3 * 0x10000);
    unsigned char *page = (unsigned char *)(((ULONG_PTR)h + 0xffff) & ~(ULONG_PTR)0xffff);
    expect_w32(VirtualProtect(page, 0x1000, PAGE_READONLY, &old), TRUE, W32_SENTINEL);
    ok(old == PAGE_READWRITE, "heap memory was read-write (%#lx)", (unsigned long)old);
    expect_w32(VirtualProtect(page, 0x1000, PAGE_READWRITE, &old), TRUE, W32_SENTINEL);
    ok(old == PAGE_READONLY, "now read-only (%#lx)", (unsigned long)old);
    HeapFree(GetProcessHeap(), 0, h);
}

WT_MAIN(process_heap, private_heaps, local_memory, global_memory, virtual_reserve_commit, virtual_other)
