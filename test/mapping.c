/* File mappings: CreateFileMapping over a file and over the paging file
 * (INVALID_HANDLE_VALUE), named ones shared by name, MapViewOfFile(Ex)
 * with the access rules and 64 KiB offsets, copy-on-write views,
 * FlushViewOfFile, UnmapViewOfFile, the documented failures. */
#include "wtfile.h"

#define KB64 65536u

static HANDLE make_file(const char *name, DWORD size, DWORD access)
{
    char p[MAX_PATH];
    HANDLE h = CreateFileA(wt_join(p, wt_dir, name), access, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, CREATE_ALWAYS,
                           0, NULL);
    static char buf[4096];
    DWORD n;
    for (DWORD done = 0; done < size; done += n) {
        for (unsigned i = 0; i < sizeof buf; i++)
            buf[i] = (char)('a' + (done + i) / 4096 % 26);
        if (!WriteFile(h, buf, size - done < sizeof buf ? size - done : (DWORD)sizeof buf, &n, NULL))
            break;
    }
    SetFilePointer(h, 0, NULL, FILE_BEGIN);
    return h;
}

WT_CASE(file_views)
{
    wt_scratch("map");
    HANDLE f = make_file("m.bin", 2 * KB64 + 100, GENERIC_READ | GENERIC_WRITE), m;
    /* A mapping sets the last error on success. */
    expect_w32((m = CreateFileMappingA(f, NULL, PAGE_READONLY, 0, 0, NULL)) != NULL, TRUE, 0);
    char *v = MapViewOfFile(m, FILE_MAP_READ, 0, 0, 0);
    ok(v && v[0] == 'a' && v[4096] == 'b' && v[2 * KB64 + 99] == (char)('a' + (2 * KB64 + 99) / 4096 % 26), "the file");
    /* An offset that is a multiple of 64 KiB maps that part. */
    char *t = MapViewOfFile(m, FILE_MAP_READ, 0, KB64, 100);
    ok(t && t[0] == (char)('a' + KB64 / 4096 % 26), "the view at 64 KiB");
    expect_w32(MapViewOfFile(m, FILE_MAP_READ, 0, 4096, 100), NULL, ERROR_MAPPED_ALIGNMENT);
    expect_w32(MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, 0), NULL, ERROR_ACCESS_DENIED);
    expect_w32(MapViewOfFile(m, FILE_MAP_READ, 0, 0, 3 * KB64), NULL, ERROR_ACCESS_DENIED);
    expect_w32(MapViewOfFile(m, FILE_MAP_READ, 0, 3 * KB64, 0), NULL, ERROR_ACCESS_DENIED);
    /* A view at an address already in use. */
    expect_w32(MapViewOfFileEx(m, FILE_MAP_READ, 0, KB64, 0, t), NULL, ERROR_INVALID_ADDRESS);
    /* Copy-on-write: writable, private. */
    char *c = MapViewOfFile(m, FILE_MAP_COPY, 0, 0, 0);
    ok(c != NULL, "copy view");
    if (c && v) {
        c[10] = 'Z';
        ok(v[10] == 'a' && c[10] == 'Z', "a copy-on-write view keeps its writes");
    }
    expect_w32(UnmapViewOfFile(c), TRUE, W32_SENTINEL);
    expect_w32(UnmapViewOfFile(t), TRUE, W32_SENTINEL);
    expect_w32(UnmapViewOfFile(t), FALSE, ERROR_INVALID_ADDRESS);
    expect_w32(UnmapViewOfFile((void *)&c), FALSE, ERROR_INVALID_ADDRESS);
    /* The view outlives both handles. */
    CloseHandle(m);
    CloseHandle(f);
    ok(v && v[4096] == 'b', "still mapped after CloseHandle");
    expect_w32(UnmapViewOfFile(v), TRUE, W32_SENTINEL);
    expect_w32(MapViewOfFile(m, FILE_MAP_READ, 0, 0, 0), NULL, ERROR_INVALID_HANDLE);
    wt_scratch_done();
}

WT_CASE(writable_file_mapping)
{
    wt_scratch("mapw");
    HANDLE f = make_file("w.bin", 100, GENERIC_READ | GENERIC_WRITE), m;
    /* A writable mapping larger than the file grows it. */
    expect_w32((m = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 3 * KB64, NULL)) != NULL, TRUE, 0);
    ok(GetFileSize(f, NULL) == 3 * KB64, "grown to %lu", (unsigned long)GetFileSize(f, NULL));
    char *v = MapViewOfFile(m, FILE_MAP_WRITE, 0, 2 * KB64, 0);
    ok(v != NULL, "write view");
    if (v) {
        memcpy(v + 1, "mapped", 6);
        expect_w32(FlushViewOfFile(v, 0), TRUE, W32_SENTINEL);
        expect_w32(FlushViewOfFile(v + 100, 10), TRUE, W32_SENTINEL);
    }
    char buf[8] = {0};
    DWORD n;
    SetFilePointer(f, 2 * KB64 + 1, NULL, FILE_BEGIN);
    ok(ReadFile(f, buf, 6, &n, NULL) && !memcmp(buf, "mapped", 6), "the file sees the view's writes: %s", buf);
    /* ... and the view the file's. */
    SetFilePointer(f, 2 * KB64 + 20, NULL, FILE_BEGIN);
    WriteFile(f, "written", 7, &n, NULL);
    ok(v && !memcmp(v + 20, "written", 7), "the view sees WriteFile");
    expect_w32(FlushViewOfFile((void *)&n, 0), FALSE, ERROR_INVALID_ADDRESS);
    UnmapViewOfFile(v);
    CloseHandle(m);
    CloseHandle(f);

    /* A read-only handle cannot back a writable mapping. */
    char p[MAX_PATH];
    f = CreateFileA(wt_join(p, wt_dir, "w.bin"), GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    expect_w32(CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL), NULL, ERROR_ACCESS_DENIED);
    expect_w32((m = CreateFileMappingA(f, NULL, PAGE_READONLY, 0, 0, NULL)) != NULL, TRUE, 0);
    CloseHandle(m);
    CloseHandle(f);
    /* A zero-length file cannot be mapped whole. */
    f = make_file("empty.bin", 0, GENERIC_READ | GENERIC_WRITE);
    expect_w32(CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL), NULL, ERROR_FILE_INVALID);
    expect_w32(CreateFileMappingA(f, NULL, PAGE_NOACCESS, 0, 100, NULL), NULL, ERROR_INVALID_PARAMETER);
    CloseHandle(f);
    expect_w32(CreateFileMappingA(f, NULL, PAGE_READONLY, 0, 100, NULL), NULL, ERROR_INVALID_HANDLE);
    wt_scratch_done();
}

/* INVALID_HANDLE_VALUE: memory "backed by the paging file"; a name shares it. */
WT_CASE(pagefile_mappings)
{
    HANDLE m, m2, o;
    expect_w32(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0, NULL), NULL,
               ERROR_INVALID_PARAMETER);
    expect_w32((m = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, KB64, NULL)) != NULL, TRUE, 0);
    char *v = MapViewOfFile(m, FILE_MAP_ALL_ACCESS, 0, 0, 0);
    ok(v && v[0] == 0 && v[KB64 - 1] == 0, "zero-filled");
    if (v)
        strcpy(v, "anonymous");
    UnmapViewOfFile(v);
    CloseHandle(m);

    char name[64];
    snprintf(name, sizeof name, "ws2p-test-map-%lu", (unsigned long)GetCurrentProcessId());
    expect_w32((m = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, name)) != NULL, TRUE, 0);
    expect_w32((m2 = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, name)) != NULL, TRUE,
               ERROR_ALREADY_EXISTS);
    expect_w32((o = OpenFileMappingA(FILE_MAP_READ, FALSE, name)) != NULL, TRUE, W32_SENTINEL);
    char *a = MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, 0), *b = MapViewOfFile(m2, FILE_MAP_READ, 0, 0, 0),
         *r = MapViewOfFile(o, FILE_MAP_READ, 0, 0, 0);
    ok(a && b && r && a != b, "three views");
    if (a && b && r) {
        strcpy(a, "shared by name");
        ok(!strcmp(b, "shared by name") && !strcmp(r, "shared by name"), "one memory");
    }
    expect_w32(MapViewOfFile(o, FILE_MAP_WRITE, 0, 0, 0), NULL, ERROR_ACCESS_DENIED);
    UnmapViewOfFile(a);
    UnmapViewOfFile(b);
    UnmapViewOfFile(r);
    CloseHandle(o);
    CloseHandle(m2);
    CloseHandle(m);
    expect_w32(OpenFileMappingA(FILE_MAP_READ, FALSE, name), NULL, ERROR_FILE_NOT_FOUND);
}

WT_MAIN(file_views, writable_file_mapping, pagefile_mappings)
