/* Files by name and path names: GetFileAttributes(Ex), DeleteFile,
 * MoveFile(Ex), CopyFile, CreateDirectory, RemoveDirectory, GetTempPath,
 * GetTempFileName, GetFullPathName, GetLongPathName, Get/SetCurrentDirectory.
 * Facts from Wine's dlls/kernel32/tests/file.c and path.c (notes in
 * /work/ref/notes-files.md). */
#include "wtfile.h"

static ULONGLONG ft(FILETIME t)
{
    return (ULONGLONG)t.dwHighDateTime << 32 | t.dwLowDateTime;
}

WT_CASE(attributes)
{
    wt_scratch("attr");
    char p[MAX_PATH];
    wt_join(p, wt_dir, "f.txt");
    ok(wt_put_file(p, "hello"), "put");
    DWORD a = GetFileAttributesA(p);
    ok(a != INVALID_FILE_ATTRIBUTES && !(a & FILE_ATTRIBUTE_DIRECTORY), "file attributes %#lx", (unsigned long)a);
    ok(GetFileAttributesA(wt_dir) & FILE_ATTRIBUTE_DIRECTORY, "a directory");
    expect_w32(GetFileAttributesA(wt_path("none")), INVALID_FILE_ATTRIBUTES, ERROR_FILE_NOT_FOUND);
    expect_w32(GetFileAttributesA(wt_path("none\\x")), INVALID_FILE_ATTRIBUTES, ERROR_PATH_NOT_FOUND);
    WIN32_FILE_ATTRIBUTE_DATA d;
    memset(&d, 0xcc, sizeof d);
    expect_w32(GetFileAttributesExA(p, GetFileExInfoStandard, &d), TRUE, W32_SENTINEL);
    ok(d.nFileSizeLow == 5 && d.nFileSizeHigh == 0 && d.dwFileAttributes == a, "size %lu attributes %#lx",
       (unsigned long)d.nFileSizeLow, (unsigned long)d.dwFileAttributes);
    ok(ft(d.ftLastWriteTime) > 132223104000000000ull, "last write after 2020: %llu", ft(d.ftLastWriteTime));
    expect_w32(GetFileAttributesExA(p, GetFileExMaxInfoLevel, &d), FALSE, ERROR_INVALID_PARAMETER);
    expect_w32(GetFileAttributesExA(wt_path("none"), GetFileExInfoStandard, &d), FALSE, ERROR_FILE_NOT_FOUND);
    WCHAR w[MAX_PATH];
    wt_wide(p, w);
    expect_w32(GetFileAttributesW(w), a, W32_SENTINEL);
    expect_w32(GetFileAttributesExW(w, GetFileExInfoStandard, &d), TRUE, W32_SENTINEL);
    /* "nul" is a device in any directory. */
    ok(GetFileAttributesA("nul") != INVALID_FILE_ATTRIBUTES, "nul");
    wt_scratch_done();
}

WT_CASE(delete_file)
{
    wt_scratch("del");
    char p[MAX_PATH];
    wt_join(p, wt_dir, "f.txt");
    ok(wt_put_file(p, "x"), "put");
    expect_w32(DeleteFileA(p), TRUE, W32_SENTINEL);
    expect_w32(DeleteFileA(p), FALSE, ERROR_FILE_NOT_FOUND);
    expect_w32(DeleteFileA(wt_path("none\\f.txt")), FALSE, ERROR_PATH_NOT_FOUND);
    expect_w32(DeleteFileA(""), FALSE, ERROR_PATH_NOT_FOUND);
    ok(CreateDirectoryA(wt_path("sub"), NULL), "mkdir");
    expect_w32(DeleteFileA(wt_path("sub")), FALSE, ERROR_ACCESS_DENIED); /* directories go with RemoveDirectory */
    /* An open file can be deleted (FILE_SHARE_DELETE). */
    ok(wt_put_file(p, "x"), "put");
    HANDLE h = CreateFileA(p, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, OPEN_EXISTING, 0, NULL);
    expect_w32(DeleteFileA(p), TRUE, W32_SENTINEL);
    CloseHandle(h);
    wt_scratch_done();
}

WT_CASE(move_file)
{
    wt_scratch("move");
    char a[MAX_PATH], b[MAX_PATH];
    wt_join(a, wt_dir, "a.txt");
    wt_join(b, wt_dir, "b.txt");
    ok(wt_put_file(a, "aaa") && wt_put_file(b, "b"), "put");
    expect_w32(MoveFileA(a, b), FALSE, ERROR_ALREADY_EXISTS);
    expect_w32(MoveFileExA(a, b, 0), FALSE, ERROR_ALREADY_EXISTS);
    expect_w32(MoveFileExA(a, b, MOVEFILE_REPLACE_EXISTING), TRUE, W32_SENTINEL);
    expect_w32(GetFileAttributesA(a), INVALID_FILE_ATTRIBUTES, ERROR_FILE_NOT_FOUND);
    HANDLE h = CreateFileA(b, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(GetFileSize(h, NULL) == 3, "the moved file replaced the target");
    CloseHandle(h);
    expect_w32(MoveFileA(b, a), TRUE, W32_SENTINEL);
    expect_w32(MoveFileA(b, a), FALSE, ERROR_FILE_NOT_FOUND);
    expect_w32(MoveFileA(a, wt_path("wild?.*")), FALSE, ERROR_INVALID_NAME);
    expect_w32(MoveFileA(a, wt_path("none\\x")), FALSE, ERROR_PATH_NOT_FOUND);
    expect_w32(MoveFileExA(a, b, 0x100), FALSE, ERROR_INVALID_PARAMETER);
    /* A directory moves too; a file cannot replace a directory. */
    ok(CreateDirectoryA(wt_path("d1"), NULL), "mkdir");
    expect_w32(MoveFileA(wt_path("d1"), wt_path("d2")), TRUE, W32_SENTINEL);
    expect_w32(MoveFileExA(a, wt_path("d2"), MOVEFILE_REPLACE_EXISTING), FALSE, ERROR_ACCESS_DENIED);
    WCHAR wa[MAX_PATH], wb[MAX_PATH];
    wt_wide(a, wa);
    wt_wide(b, wb);
    expect_w32(MoveFileW(wa, wb), TRUE, W32_SENTINEL);
    expect_w32(MoveFileExW(wb, wa, MOVEFILE_REPLACE_EXISTING | MOVEFILE_COPY_ALLOWED), TRUE, W32_SENTINEL);
    wt_scratch_done();
}

WT_CASE(copy_file)
{
    wt_scratch("copy");
    char a[MAX_PATH], b[MAX_PATH];
    wt_join(a, wt_dir, "a.txt");
    wt_join(b, wt_dir, "b.txt");
    ok(wt_put_file(a, "source data") && wt_put_file(b, "x"), "put");
    expect_w32(CopyFileA(a, b, TRUE), FALSE, ERROR_FILE_EXISTS);
    expect_w32(CopyFileA(a, b, FALSE), TRUE, W32_SENTINEL);
    WIN32_FILE_ATTRIBUTE_DATA da, db;
    GetFileAttributesExA(a, GetFileExInfoStandard, &da);
    GetFileAttributesExA(b, GetFileExInfoStandard, &db);
    ok(db.nFileSizeLow == 11, "copied %lu bytes", (unsigned long)db.nFileSizeLow);
    ok(ft(da.ftLastWriteTime) == ft(db.ftLastWriteTime), "the copy keeps the last write time");
    expect_w32(CopyFileA(a, a, FALSE), FALSE, ERROR_SHARING_VIOLATION);
    expect_w32(CopyFileA(wt_path("none"), b, FALSE), FALSE, ERROR_FILE_NOT_FOUND);
    expect_w32(CopyFileA(wt_path("none"), wt_path("c.txt"), TRUE), FALSE, ERROR_FILE_NOT_FOUND);
    ok(GetFileAttributesA(wt_path("c.txt")) == INVALID_FILE_ATTRIBUTES, "nothing made for a missing source");
    expect_w32(CopyFileA(a, wt_path("none\\c.txt"), FALSE), FALSE, ERROR_PATH_NOT_FOUND);
    /* A read-only source gives a read-only copy; a read-only target is refused. */
    ok(SetFileAttributesA(a, FILE_ATTRIBUTE_READONLY), "readonly");
    expect_w32(CopyFileA(a, wt_path("ro.txt"), TRUE), TRUE, W32_SENTINEL);
    ok(GetFileAttributesA(wt_path("ro.txt")) & FILE_ATTRIBUTE_READONLY, "the attribute is copied");
    expect_w32(CopyFileA(b, wt_path("ro.txt"), FALSE), FALSE, ERROR_ACCESS_DENIED);
    WCHAR wa[MAX_PATH], wc[MAX_PATH];
    wt_wide(b, wa);
    wt_wide(wt_path("w.txt"), wc);
    expect_w32(CopyFileW(wa, wc, TRUE), TRUE, W32_SENTINEL);
    expect_w32(CopyFileW(wa, wc, TRUE), FALSE, ERROR_FILE_EXISTS);
    wt_scratch_done();
}

WT_CASE(directories)
{
    wt_scratch("dirs");
    char d[MAX_PATH], f[MAX_PATH];
    wt_join(d, wt_dir, "d");
    wt_join(f, wt_dir, "d\\f.txt");
    expect_w32(CreateDirectoryA(d, NULL), TRUE, W32_SENTINEL);
    expect_w32(CreateDirectoryA(d, NULL), FALSE, ERROR_ALREADY_EXISTS);
    expect_w32(CreateDirectoryA(wt_path("none\\d"), NULL), FALSE, ERROR_PATH_NOT_FOUND);
    ok(wt_put_file(f, "x"), "put");
    expect_w32(CreateDirectoryA(f, NULL), FALSE, ERROR_ALREADY_EXISTS);
    expect_w32(RemoveDirectoryA(d), FALSE, ERROR_DIR_NOT_EMPTY);
    expect_w32(RemoveDirectoryA(f), FALSE, ERROR_DIRECTORY);
    expect_w32(RemoveDirectoryA(wt_path("none")), FALSE, ERROR_FILE_NOT_FOUND);
    expect_w32(RemoveDirectoryA(""), FALSE, ERROR_PATH_NOT_FOUND);
    DeleteFileA(f);
    expect_w32(RemoveDirectoryA(d), TRUE, W32_SENTINEL);
    WCHAR w[MAX_PATH];
    wt_wide(d, w);
    expect_w32(CreateDirectoryW(w, NULL), TRUE, W32_SENTINEL);
    expect_w32(RemoveDirectoryW(w), TRUE, W32_SENTINEL);
    wt_scratch_done();
}

WT_CASE(temp_path)
{
    char buf[MAX_PATH];
    memset(buf, 'a', sizeof buf);
    DWORD n = GetTempPathA(sizeof buf, buf);
    ok(n > 0 && n == strlen(buf), "length %lu of %s", (unsigned long)n, buf);
    ok(buf[n - 1] == '\\' || buf[n - 1] == '/', "ends with a separator: %s", buf);
    ok(buf[n + 1] == 'a', "the rest of the buffer is left alone");
    ok(GetFileAttributesA(buf) & FILE_ATTRIBUTE_DIRECTORY, "is a directory");
    /* Too small: the size needed with the terminator, the A buffer untouched. */
    char small[4];
    memset(small, 'a', sizeof small);
    expect_w32(GetTempPathA(1, small), n + 1, W32_SENTINEL);
    expect_w32(GetTempPathA(0, NULL), n + 1, W32_SENTINEL);
    ok(small[0] == 'a', "A: a short buffer is untouched");
    expect_w32(GetTempPathA(n + 1, buf), n, W32_SENTINEL);
    /* W: a short buffer is emptied; a long one zeroed past the path. */
    WCHAR w[MAX_PATH];
    for (int i = 0; i < MAX_PATH; i++)
        w[i] = 'a';
    expect_w32(GetTempPathW(2, w), n + 1, W32_SENTINEL);
    ok(w[0] == 0 && w[1] == 0 && w[2] == 'a', "W: the short buffer is zeroed, nothing past it");
    for (int i = 0; i < MAX_PATH; i++)
        w[i] = 'a';
    expect_w32(GetTempPathW(MAX_PATH, w), n, W32_SENTINEL);
    ok(w[n] == 0 && w[n + 1] == 0 && w[MAX_PATH - 1] == 0, "W: zeroed after the path");
}

WT_CASE(temp_file_name)
{
    wt_scratch("tmpname");
    char name[MAX_PATH], want[MAX_PATH];
    /* A number given: the name only, nothing made. */
    expect_w32(GetTempFileNameA(wt_dir, "abc", 0x2a, name), 0x2a, W32_SENTINEL);
    ok(!strcmp(name, wt_join(want, wt_dir, "abc2a.tmp")), "name %s", name);
    ok(GetFileAttributesA(name) == INVALID_FILE_ATTRIBUTES, "not created");
    /* Only the first three characters of the prefix count. */
    expect_w32(GetTempFileNameA(wt_dir, "prefix", 1, name), 1, W32_SENTINEL);
    ok(!strcmp(name, wt_join(want, wt_dir, "pre1.tmp")), "name %s", name);
    /* 0: a number chosen and the file created, a new one each time. */
    UINT u1 = GetTempFileNameA(wt_dir, "tst", 0, name), u2;
    ok(u1 != 0 && GetFileAttributesA(name) != INVALID_FILE_ATTRIBUTES, "created %s (%u)", name, u1);
    char name2[MAX_PATH];
    u2 = GetTempFileNameA(wt_dir, "tst", 0, name2);
    ok(u2 != 0 && u2 != u1 && strcmp(name, name2), "a second one: %s", name2);
    HANDLE h = CreateFileA(name, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE && GetFileSize(h, NULL) == 0, "empty");
    CloseHandle(h);
    expect_w32(GetTempFileNameA(wt_path("none"), "tst", 0, name), 0, ERROR_DIRECTORY);
    WCHAR wd[MAX_PATH], wn[MAX_PATH];
    wt_wide(wt_dir, wd);
    UINT u3 = GetTempFileNameW(wd, L"w", 0, wn);
    ok(u3 != 0 && GetFileAttributesW(wn) != INVALID_FILE_ATTRIBUTES, "W created (%u)", u3);
    wt_scratch_done();
}

WT_CASE(full_path_name)
{
    char cwd[MAX_PATH], buf[MAX_PATH], want[MAX_PATH], *part = NULL;
    DWORD n = GetCurrentDirectoryA(sizeof cwd, cwd);
    ok(n > 0 && n == strlen(cwd), "GetCurrentDirectoryA %lu", (unsigned long)n);
    wt_join(want, cwd, "x.txt");
    DWORD len = (DWORD)strlen(want);
    expect_w32(GetFullPathNameA("x.txt", sizeof buf, buf, &part), len, W32_SENTINEL);
    ok(!strcmp(buf, want) && part && !strcmp(part, "x.txt"), "full %s part %s", buf, part ? part : "NULL");
    /* "." and ".." go by name; the file need not exist. */
    char sub[64];
    snprintf(sub, sizeof sub, "sub%c..%c.%cy.txt", wt_sep(cwd), wt_sep(cwd), wt_sep(cwd));
    wt_join(want, cwd, "y.txt");
    expect_w32(GetFullPathNameA(sub, sizeof buf, buf, &part), (DWORD)strlen(want), W32_SENTINEL);
    ok(!strcmp(buf, want), "full %s, want %s", buf, want);
    /* Too small: the size needed with the terminator. */
    expect_w32(GetFullPathNameA("x.txt", 3, buf, &part), len + 1, W32_SENTINEL);
    expect_w32(GetFullPathNameA("x.txt", 0, NULL, NULL), len + 1, W32_SENTINEL);
    /* A trailing separator stays and there is no file part. */
    snprintf(sub, sizeof sub, "dir%c", wt_sep(cwd));
    part = buf;
    ok(GetFullPathNameA(sub, sizeof buf, buf, &part) > 0 && part == NULL, "no file part: %s", buf);
    WCHAR w[MAX_PATH], *wpart = NULL;
    ok(GetFullPathNameW(L"x.txt", MAX_PATH, w, &wpart) == len && wpart && wpart[0] == 'x', "W");
}

WT_CASE(long_path_name)
{
    wt_scratch("long");
    char p[MAX_PATH];
    wt_join(p, wt_dir, "longfilename.longext");
    char buf[MAX_PATH];
    ok(wt_put_file(p, "x"), "put");
    DWORD len = (DWORD)strlen(p);
    expect_w32(GetLongPathNameA(p, buf, sizeof buf), len, W32_SENTINEL);
    ok(!strcmp(buf, p), "long name %s", buf);
    memset(buf, 0, sizeof buf);
    expect_w32(GetLongPathNameA(p, buf, 4), len + 1, W32_SENTINEL);
    ok(buf[0] == 0, "a short buffer is untouched");
    expect_w32(GetLongPathNameA(p, NULL, 0), len + 1, W32_SENTINEL);
    expect_w32(GetLongPathNameA(wt_path("*"), buf, sizeof buf), 0, ERROR_INVALID_NAME);
    expect_w32(GetLongPathNameA(wt_path("none"), buf, sizeof buf), 0, ERROR_FILE_NOT_FOUND);
    expect_w32(GetLongPathNameW(NULL, NULL, 0), 0, ERROR_INVALID_PARAMETER);
    expect_w32(GetLongPathNameW(L"", NULL, 0), 0, ERROR_PATH_NOT_FOUND);
    wt_scratch_done();
}

WT_CASE(current_directory)
{
    wt_scratch("cwd");
    char old[MAX_PATH], now[MAX_PATH];
    DWORD n = GetCurrentDirectoryA(sizeof old, old);
    expect_w32(GetCurrentDirectoryA(0, NULL), n + 1, W32_SENTINEL);
    expect_w32(GetCurrentDirectoryA(2, now), n + 1, W32_SENTINEL);
    expect_w32(SetCurrentDirectoryA(wt_dir), TRUE, W32_SENTINEL);
    ok(GetCurrentDirectoryA(sizeof now, now) == strlen(wt_dir) && !strcmp(now, wt_dir), "now %s", now);
    /* Relative names now start here. */
    ok(wt_put_file("rel.txt", "x") && GetFileAttributesA(wt_path("rel.txt")) != INVALID_FILE_ATTRIBUTES, "relative");
    expect_w32(SetCurrentDirectoryA("none"), FALSE, ERROR_FILE_NOT_FOUND);
    expect_w32(SetCurrentDirectoryA("rel.txt"), FALSE, ERROR_DIRECTORY);
    WCHAR w[MAX_PATH];
    ok(GetCurrentDirectoryW(MAX_PATH, w) == strlen(wt_dir), "W length");
    expect_w32(SetCurrentDirectoryA(old), TRUE, W32_SENTINEL);
    wt_scratch_done();
}

WT_MAIN(attributes, delete_file, move_file, copy_file, directories, temp_path, temp_file_name, full_path_name,
        long_path_name, current_directory)
