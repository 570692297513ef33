/* Files through HANDLEs: CreateFile's dispositions and their last errors,
 * ReadFile/WriteFile (end of file, NULL buffers, access, OVERLAPPED
 * offsets, on a SOCKET), the file pointer and size, SetEndOfFile,
 * FlushFileBuffers, GetFileType, GetFileInformationByHandle,
 * FILE_FLAG_DELETE_ON_CLOSE, FILE_ATTRIBUTE_READONLY, DuplicateHandle and
 * the handle flags on files, the standard handles.  Facts from Wine's
 * dlls/kernel32/tests/file.c (notes in /work/ref/notes-files.md). */
#include "wtfile.h"
#include <io.h>

static HANDLE open_rw(const char *path, DWORD disp)
{
    return CreateFileA(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, disp,
                       FILE_ATTRIBUTE_NORMAL, NULL);
}

WT_CASE(create_dispositions)
{
    wt_scratch("file");
    char p[MAX_PATH];
    wt_join(p, wt_dir, "a.txt");
    HANDLE h;
    /* A new file: CreateFile sets the last error to 0 on success. */
    expect_w32((h = CreateFileA(p, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL)) != INVALID_HANDLE_VALUE,
               TRUE, 0);
    DWORD n = 0;
    ok(WriteFile(h, "hello", 5, &n, NULL) && n == 5, "WriteFile: %lu", (unsigned long)n);
    CloseHandle(h);
    expect_w32(CreateFileA(p, GENERIC_READ, 0, NULL, CREATE_NEW, 0, NULL), INVALID_HANDLE_VALUE, ERROR_FILE_EXISTS);
    /* OPEN_ALWAYS of an existing file: ERROR_ALREADY_EXISTS, contents kept. */
    expect_w32((h = open_rw(p, OPEN_ALWAYS)) != INVALID_HANDLE_VALUE, TRUE, ERROR_ALREADY_EXISTS);
    ok(GetFileSize(h, NULL) == 5, "OPEN_ALWAYS kept the contents");
    CloseHandle(h);
    /* CREATE_ALWAYS of an existing file: ERROR_ALREADY_EXISTS, truncated. */
    expect_w32((h = open_rw(p, CREATE_ALWAYS)) != INVALID_HANDLE_VALUE, TRUE, ERROR_ALREADY_EXISTS);
    ok(GetFileSize(h, NULL) == 0, "CREATE_ALWAYS truncated");
    WriteFile(h, "abc", 3, &n, NULL);
    CloseHandle(h);
    expect_w32((h = open_rw(p, TRUNCATE_EXISTING)) != INVALID_HANDLE_VALUE, TRUE, 0);
    ok(GetFileSize(h, NULL) == 0, "TRUNCATE_EXISTING truncated");
    CloseHandle(h);
    expect_w32(DeleteFileA(p), TRUE, W32_SENTINEL);
    expect_w32((h = open_rw(p, OPEN_ALWAYS)) != INVALID_HANDLE_VALUE, TRUE, 0);
    CloseHandle(h);
    expect_w32((h = open_rw(p, CREATE_ALWAYS)) != INVALID_HANDLE_VALUE, TRUE, ERROR_ALREADY_EXISTS);
    CloseHandle(h);
    DeleteFileA(p);
    expect_w32((h = open_rw(p, CREATE_ALWAYS)) != INVALID_HANDLE_VALUE, TRUE, 0);
    CloseHandle(h);
    DeleteFileA(p);

    /* What cannot be opened. */
    expect_w32(open_rw(p, OPEN_EXISTING), INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND);
    expect_w32(open_rw(p, TRUNCATE_EXISTING), INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND);
    expect_w32(open_rw(wt_path("nodir\\a.txt"), OPEN_EXISTING), INVALID_HANDLE_VALUE, ERROR_PATH_NOT_FOUND);
    expect_w32(open_rw(wt_path("nodir\\a.txt"), CREATE_NEW), INVALID_HANDLE_VALUE, ERROR_PATH_NOT_FOUND);
    expect_w32(open_rw("", OPEN_EXISTING), INVALID_HANDLE_VALUE, ERROR_PATH_NOT_FOUND);
    expect_w32(open_rw(wt_path("*.*"), OPEN_EXISTING), INVALID_HANDLE_VALUE, ERROR_INVALID_NAME);
    expect_w32(open_rw(p, 0), INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
    expect_w32(open_rw(p, 6), INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
    ok(GetFileAttributesA(p) == INVALID_FILE_ATTRIBUTES, "a failed CreateFile created nothing");
    wt_scratch_done();
}

WT_CASE(create_wide_name)
{
    wt_scratch("filew");
    WCHAR wname[MAX_PATH];
    /* A name that is not ASCII: e acute, then a CJK character. */
    static const WCHAR leaf[] = L"\x00e9t\x00e9-\x4e2d.txt";
    size_t i = 0;
    for (; wt_dir[i]; i++)
        wname[i] = (WCHAR)(unsigned char)wt_dir[i];
    wname[i++] = (WCHAR)wt_sep(wt_dir);
    memcpy(wname + i, leaf, sizeof leaf);
    HANDLE h;
    expect_w32((h = CreateFileW(wname, GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL)) != INVALID_HANDLE_VALUE, TRUE, 0);
    CloseHandle(h);
    expect_w32(GetFileAttributesW(wname) != INVALID_FILE_ATTRIBUTES, TRUE, W32_SENTINEL);
    expect_w32(CreateFileW(wname, GENERIC_READ, 0, NULL, CREATE_NEW, 0, NULL), INVALID_HANDLE_VALUE, ERROR_FILE_EXISTS);
    expect_w32(CreateFileW(L"", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL), INVALID_HANDLE_VALUE,
               ERROR_PATH_NOT_FOUND);
    expect_w32(DeleteFileW(wname), TRUE, W32_SENTINEL);
    expect_w32(DeleteFileW(wname), FALSE, ERROR_FILE_NOT_FOUND);
    expect_w32(DeleteFileW(NULL), FALSE, ERROR_PATH_NOT_FOUND);
    expect_w32(DeleteFileW(L""), FALSE, ERROR_PATH_NOT_FOUND);
    wt_scratch_done();
}

/* A directory needs FILE_FLAG_BACKUP_SEMANTICS, whatever the access. */
WT_CASE(create_directory_handle)
{
    wt_scratch("filedir");
    expect_w32(CreateFileA(wt_dir, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL),
               INVALID_HANDLE_VALUE, ERROR_ACCESS_DENIED);
    HANDLE h;
    expect_w32((h = CreateFileA(wt_dir, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_ALWAYS,
                                FILE_FLAG_BACKUP_SEMANTICS, NULL)) != INVALID_HANDLE_VALUE,
               TRUE, ERROR_ALREADY_EXISTS);
    BY_HANDLE_FILE_INFORMATION info;
    expect_w32(GetFileInformationByHandle(h, &info), TRUE, W32_SENTINEL);
    ok(info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY, "attributes %#lx", (unsigned long)info.dwFileAttributes);
    expect_w32(GetFileType(h), FILE_TYPE_DISK, W32_SENTINEL);
    CloseHandle(h);
    wt_scratch_done();
}

WT_CASE(read_write)
{
    wt_scratch("filerw");
    char p[MAX_PATH];
    wt_join(p, wt_dir, "rw.bin");
    HANDLE h = open_rw(p, CREATE_NEW);
    DWORD n = 12345;
    char buf[64];
    /* Zero bytes and no buffer: TRUE, the last error untouched, n = 0. */
    expect_w32(WriteFile(h, NULL, 0, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 0, "n %lu", (unsigned long)n);
    n = 12345;
    expect_w32(WriteFile(h, NULL, 10, &n, NULL), FALSE, ERROR_INVALID_USER_BUFFER);
    ok(n == 0, "n %lu", (unsigned long)n);
    expect_w32(WriteFile(h, "0123456789", 10, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 10, "wrote %lu", (unsigned long)n);
    expect_w32(SetFilePointer(h, 0, NULL, FILE_BEGIN), 0, W32_SENTINEL);
    n = 12345;
    expect_w32(ReadFile(h, NULL, 0, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 0, "n %lu", (unsigned long)n);
    n = 12345;
    expect_w32(ReadFile(h, NULL, 10, &n, NULL), FALSE, ERROR_NOACCESS);
    ok(n == 0, "n %lu", (unsigned long)n);
    expect_w32(ReadFile(h, buf, sizeof buf, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 10 && !memcmp(buf, "0123456789", 10), "read %lu", (unsigned long)n);
    /* At the end: TRUE with 0 bytes (a file, unlike a pipe, is not broken). */
    n = 12345;
    expect_w32(ReadFile(h, buf, sizeof buf, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 0, "at the end: %lu", (unsigned long)n);
    CloseHandle(h);
    /* A closed handle: the count is zeroed first. */
    n = 12345;
    expect_w32(ReadFile(h, buf, sizeof buf, &n, NULL), FALSE, ERROR_INVALID_HANDLE);
    ok(n == 0, "n %lu", (unsigned long)n);
    expect_w32(WriteFile((HANDLE)(ULONG_PTR)0xdead0, buf, 1, &n, NULL), FALSE, ERROR_INVALID_HANDLE);

    /* Access: a read-only handle cannot write, a write-only one cannot read. */
    h = CreateFileA(p, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    expect_w32(WriteFile(h, "x", 1, &n, NULL), FALSE, ERROR_ACCESS_DENIED);
    expect_w32(SetEndOfFile(h), FALSE, ERROR_ACCESS_DENIED);
    expect_w32(FlushFileBuffers(h), FALSE, ERROR_ACCESS_DENIED);
    CloseHandle(h);
    h = CreateFileA(p, GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    expect_w32(ReadFile(h, buf, 1, &n, NULL), FALSE, ERROR_ACCESS_DENIED);
    expect_w32(FlushFileBuffers(h), TRUE, W32_SENTINEL);
    CloseHandle(h);
    /* FILE_APPEND_DATA alone: every write lands at the end. */
    h = CreateFileA(p, FILE_APPEND_DATA, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE, "append open");
    SetFilePointer(h, 0, NULL, FILE_BEGIN);
    expect_w32(WriteFile(h, "AB", 2, &n, NULL), TRUE, W32_SENTINEL);
    CloseHandle(h);
    h = CreateFileA(p, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    ok(ReadFile(h, buf, sizeof buf, &n, NULL) && n == 12 && !memcmp(buf, "0123456789AB", 12), "appended: %lu",
       (unsigned long)n);
    CloseHandle(h);
    wt_scratch_done();
}

WT_CASE(pointer_and_size)
{
    wt_scratch("fileptr");
    HANDLE h = open_rw(wt_path("p.bin"), CREATE_NEW);
    DWORD n, high = 99;
    LARGE_INTEGER li, pos;
    WriteFile(h, "0123456789", 10, &n, NULL);
    expect_w32(GetFileSize(h, &high), 10, W32_SENTINEL);
    ok(high == 0, "high %lu", (unsigned long)high);
    expect_w32(GetFileSizeEx(h, &li), TRUE, W32_SENTINEL);
    ok(li.QuadPart == 10, "size %lld", (long long)li.QuadPart);
    expect_w32(SetFilePointer(h, 0, NULL, FILE_CURRENT), 10, W32_SENTINEL);
    expect_w32(SetFilePointer(h, -4, NULL, FILE_END), 6, W32_SENTINEL);
    expect_w32(SetFilePointer(h, 2, NULL, FILE_CURRENT), 8, W32_SENTINEL);
    expect_w32(SetFilePointer(h, -9, NULL, FILE_CURRENT), INVALID_SET_FILE_POINTER, ERROR_NEGATIVE_SEEK);
    expect_w32(SetFilePointer(h, 0, NULL, 3), INVALID_SET_FILE_POINTER, ERROR_INVALID_PARAMETER);
    expect_w32(SetFilePointer(h, 0, NULL, FILE_CURRENT), 8, W32_SENTINEL); /* unmoved by the failures */
    /* Past the end is allowed; SetEndOfFile makes it the size. */
    expect_w32(SetFilePointer(h, 100, NULL, FILE_BEGIN), 100, W32_SENTINEL);
    expect_w32(GetFileSize(h, NULL), 10, W32_SENTINEL);
    expect_w32(SetEndOfFile(h), TRUE, W32_SENTINEL);
    expect_w32(GetFileSize(h, NULL), 100, W32_SENTINEL);
    expect_w32(SetFilePointer(h, 4, NULL, FILE_BEGIN), 4, W32_SENTINEL);
    expect_w32(SetEndOfFile(h), TRUE, W32_SENTINEL);
    expect_w32(GetFileSize(h, NULL), 4, W32_SENTINEL);
    /* A position whose low part is 0xFFFFFFFF: a success says so with NO_ERROR
     * (SetFilePointer docs). */
    LONG hi = 0;
    expect_w32(SetFilePointer(h, (LONG)0xFFFFFFFF, &hi, FILE_BEGIN), INVALID_SET_FILE_POINTER, NO_ERROR);
    ok(hi == 0, "high part %ld", (long)hi);
    hi = 1;
    expect_w32(SetFilePointer(h, 16, &hi, FILE_BEGIN), 16, W32_SENTINEL);
    ok(hi == 1, "high part %ld", (long)hi);
    li.QuadPart = 12;
    expect_w32(SetFilePointerEx(h, li, &pos, FILE_BEGIN), TRUE, W32_SENTINEL);
    ok(pos.QuadPart == 12, "pos %lld", (long long)pos.QuadPart);
    li.QuadPart = -13;
    expect_w32(SetFilePointerEx(h, li, &pos, FILE_CURRENT), FALSE, ERROR_NEGATIVE_SEEK);
    expect_w32(SetFilePointerEx(h, li, NULL, FILE_END), FALSE, ERROR_NEGATIVE_SEEK);
    li.QuadPart = 0;
    expect_w32(SetFilePointerEx(h, li, NULL, FILE_END), TRUE, W32_SENTINEL);
    CloseHandle(h);
    expect_w32(GetFileSize(h, NULL), INVALID_FILE_SIZE, ERROR_INVALID_HANDLE);
    expect_w32(SetFilePointer(h, 0, NULL, FILE_BEGIN), INVALID_SET_FILE_POINTER, ERROR_INVALID_HANDLE);
    wt_scratch_done();
}

/* An OVERLAPPED on a synchronous handle gives the position; the file
 * pointer ends after the transfer, the event is signalled. */
WT_CASE(overlapped_offset)
{
    wt_scratch("fileov");
    HANDLE h = open_rw(wt_path("o.bin"), CREATE_NEW), ev = CreateEventA(NULL, TRUE, FALSE, NULL);
    char buf[256];
    DWORD n;
    for (int i = 0; i < 256; i++)
        buf[i] = (char)i;
    WriteFile(h, buf, sizeof buf, &n, NULL);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.Offset = 16;
    ov.hEvent = ev;
    expect_w32(WriteFile(h, "TeSt", 4, &n, &ov), TRUE, W32_SENTINEL);
    ok(n == 4 && ov.InternalHigh == 4 && ov.Internal == 0, "n %lu InternalHigh %lu", (unsigned long)n,
       (unsigned long)ov.InternalHigh);
    ok(WaitForSingleObject(ev, 0) == WAIT_OBJECT_0, "event signalled");
    expect_w32(SetFilePointer(h, 0, NULL, FILE_CURRENT), 20, W32_SENTINEL);
    memset(&ov, 0, sizeof ov);
    ov.Offset = 14;
    memset(buf, 0, sizeof buf);
    expect_w32(ReadFile(h, buf, 8, &n, &ov), TRUE, W32_SENTINEL);
    ok(n == 8 && !memcmp(buf, "\x0e\x0fTeSt\x14\x15", 8), "read at the offset: %lu", (unsigned long)n);
    expect_w32(SetFilePointer(h, 0, NULL, FILE_CURRENT), 22, W32_SENTINEL);
    CloseHandle(h);
    CloseHandle(ev);
    wt_scratch_done();
}

WT_CASE(file_types)
{
    wt_scratch("filetype");
    HANDLE h = open_rw(wt_path("t.bin"), CREATE_NEW);
    expect_w32(GetFileType(h), FILE_TYPE_DISK, W32_SENTINEL);
    CloseHandle(h);
    expect_w32(GetFileType(h), FILE_TYPE_UNKNOWN, ERROR_INVALID_HANDLE);
    h = CreateFileA("nul", GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE, "open nul: %lu", (unsigned long)GetLastError());
    expect_w32(GetFileType(h), FILE_TYPE_CHAR, W32_SENTINEL);
    DWORD n;
    char c;
    expect_w32(WriteFile(h, "x", 1, &n, NULL), TRUE, W32_SENTINEL);
    expect_w32(ReadFile(h, &c, 1, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 0, "nul reads nothing");
    expect_w32(FlushFileBuffers(h), FALSE, ERROR_INVALID_HANDLE);
    CloseHandle(h);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    expect_w32(GetFileType((HANDLE)s), FILE_TYPE_PIPE, W32_SENTINEL);
    closesocket(s);
    /* The STD_* values work as handles. */
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    ok(out != INVALID_HANDLE_VALUE && out != NULL, "GetStdHandle");
    ok(GetFileType((HANDLE)(ULONG_PTR)STD_OUTPUT_HANDLE) == GetFileType(out), "STD_OUTPUT_HANDLE as a handle");
    wt_scratch_done();
}

WT_CASE(information_by_handle)
{
    wt_scratch("fileinfo");
    char p[MAX_PATH];
    wt_join(p, wt_dir, "i.bin");
    ok(wt_put_file(p, "12345"), "put");
    HANDLE h = CreateFileA(p, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    BY_HANDLE_FILE_INFORMATION info;
    memset(&info, 0xcc, sizeof info);
    expect_w32(GetFileInformationByHandle(h, &info), TRUE, W32_SENTINEL);
    ok(info.nFileSizeLow == 5 && info.nFileSizeHigh == 0, "size %lu", (unsigned long)info.nFileSizeLow);
    ok(info.nNumberOfLinks == 1, "links %lu", (unsigned long)info.nNumberOfLinks);
    ok(!(info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY), "attributes %#lx", (unsigned long)info.dwFileAttributes);
    /* FILETIMEs count 100 ns from 1601: a file made now is past 2020
     * (132223104000000000). */
    ULONGLONG t = (ULONGLONG)info.ftLastWriteTime.dwHighDateTime << 32 | info.ftLastWriteTime.dwLowDateTime;
    ok(t > 132223104000000000ull && t < 200000000000000000ull, "last write time %llu", t);
    expect_w32(GetFileInformationByHandle(h, NULL), FALSE, ERROR_NOACCESS);
    CloseHandle(h);
    expect_w32(GetFileInformationByHandle(h, &info), FALSE, ERROR_INVALID_HANDLE);
    wt_scratch_done();
}

WT_CASE(delete_on_close)
{
    wt_scratch("filedoc");
    char p[MAX_PATH];
    wt_join(p, wt_dir, "doc.tmp");
    HANDLE h = CreateFileA(p, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_DELETE, NULL, CREATE_NEW,
                           FILE_FLAG_DELETE_ON_CLOSE, NULL), d;
    ok(h != INVALID_HANDLE_VALUE, "create");
    ok(GetFileAttributesA(p) != INVALID_FILE_ATTRIBUTES, "there while open");
    /* A duplicate keeps it: the name goes with the last handle. */
    ok(DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &d, 0, FALSE, DUPLICATE_SAME_ACCESS), "dup");
    CloseHandle(h);
    ok(GetFileAttributesA(p) != INVALID_FILE_ATTRIBUTES, "there while a duplicate is open");
    CloseHandle(d);
    expect_w32(GetFileAttributesA(p), INVALID_FILE_ATTRIBUTES, ERROR_FILE_NOT_FOUND);
    wt_scratch_done();
}

/* FILE_ATTRIBUTE_READONLY holds (for root too): no writing, no deleting,
 * until SetFileAttributes clears it. */
WT_CASE(readonly_attribute)
{
    wt_scratch("filero");
    char p[MAX_PATH];
    wt_join(p, wt_dir, "ro.txt");
    HANDLE h = CreateFileA(p, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_READONLY, NULL);
    DWORD n;
    ok(h != INVALID_HANDLE_VALUE, "create");
    expect_w32(WriteFile(h, "x", 1, &n, NULL), TRUE, W32_SENTINEL); /* the creating handle may */
    CloseHandle(h);
    ok(GetFileAttributesA(p) & FILE_ATTRIBUTE_READONLY, "READONLY: %#lx", (unsigned long)GetFileAttributesA(p));
    expect_w32(CreateFileA(p, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL), INVALID_HANDLE_VALUE,
               ERROR_ACCESS_DENIED);
    expect_w32(CreateFileA(p, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL), INVALID_HANDLE_VALUE,
               ERROR_ACCESS_DENIED);
    h = CreateFileA(p, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE && GetFileSize(h, NULL) == 1, "readable, not truncated");
    CloseHandle(h);
    expect_w32(DeleteFileA(p), FALSE, ERROR_ACCESS_DENIED);
    expect_w32(SetFileAttributesA(p, FILE_ATTRIBUTE_NORMAL), TRUE, W32_SENTINEL);
    ok(!(GetFileAttributesA(p) & FILE_ATTRIBUTE_READONLY), "cleared");
    expect_w32(SetFileAttributesA(p, FILE_ATTRIBUTE_READONLY), TRUE, W32_SENTINEL);
    expect_w32(DeleteFileA(p), FALSE, ERROR_ACCESS_DENIED);
    expect_w32(SetFileAttributesA(p, FILE_ATTRIBUTE_NORMAL), TRUE, W32_SENTINEL);
    expect_w32(DeleteFileA(p), TRUE, W32_SENTINEL);
    expect_w32(SetFileAttributesA(p, FILE_ATTRIBUTE_NORMAL), FALSE, ERROR_FILE_NOT_FOUND);
    wt_scratch_done();
}

/* A duplicated file handle shares the file position and closes on its own;
 * HANDLE_FLAG_INHERIT and PROTECT_FROM_CLOSE are per handle. */
WT_CASE(duplicate_and_flags)
{
    wt_scratch("filedup");
    HANDLE h = open_rw(wt_path("d.bin"), CREATE_NEW), d = NULL;
    DWORD n, flags = 99;
    WriteFile(h, "abcdef", 6, &n, NULL);
    expect_w32(DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &d, 0, FALSE, DUPLICATE_SAME_ACCESS), TRUE,
               W32_SENTINEL);
    ok(d && d != h, "a new handle");
    expect_w32(SetFilePointer(d, 0, NULL, FILE_CURRENT), 6, W32_SENTINEL);
    SetFilePointer(d, 2, NULL, FILE_BEGIN);
    expect_w32(SetFilePointer(h, 0, NULL, FILE_CURRENT), 2, W32_SENTINEL);
    expect_w32(GetHandleInformation(d, &flags), TRUE, W32_SENTINEL);
    ok(flags == 0, "flags %#lx", (unsigned long)flags);
    expect_w32(SetHandleInformation(d, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT), TRUE, W32_SENTINEL);
    expect_w32(GetHandleInformation(d, &flags), TRUE, W32_SENTINEL);
    ok(flags == HANDLE_FLAG_INHERIT, "flags %#lx", (unsigned long)flags);
    expect_w32(GetHandleInformation(h, &flags), TRUE, W32_SENTINEL);
    ok(flags == 0, "the original's flags %#lx", (unsigned long)flags);
    expect_w32(SetHandleInformation(d, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE), TRUE,
               W32_SENTINEL);
    expect_w32(CloseHandle(d), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(SetHandleInformation(d, HANDLE_FLAG_PROTECT_FROM_CLOSE, 0), TRUE, W32_SENTINEL);
    expect_w32(CloseHandle(d), TRUE, W32_SENTINEL);
    char c;
    expect_w32(ReadFile(h, &c, 1, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 1 && c == 'c', "the original still reads: %c", c);
    /* A narrower access when DUPLICATE_SAME_ACCESS is not asked for. */
    expect_w32(DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &d, GENERIC_READ, FALSE, 0), TRUE,
               W32_SENTINEL);
    expect_w32(WriteFile(d, "x", 1, &n, NULL), FALSE, ERROR_ACCESS_DENIED);
    CloseHandle(d);
    /* DUPLICATE_CLOSE_SOURCE. */
    expect_w32(DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &d, 0, FALSE,
                               DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE),
               TRUE, W32_SENTINEL);
    expect_w32(CloseHandle(h), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(CloseHandle(d), TRUE, W32_SENTINEL);
    wt_scratch_done();
}

WT_CASE(std_handles)
{
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE), err = GetStdHandle(STD_ERROR_HANDLE);
    ok(out && out != INVALID_HANDLE_VALUE && err && err != INVALID_HANDLE_VALUE && out != err, "std handles %p %p", out,
       err);
    ok(GetStdHandle(STD_OUTPUT_HANDLE) == out, "the same handle each time");
    DWORD n;
    expect_w32(WriteFile(out, "", 0, &n, NULL), TRUE, W32_SENTINEL);
    expect_w32(GetStdHandle(5), INVALID_HANDLE_VALUE, ERROR_INVALID_HANDLE);
    expect_w32(SetStdHandle(5, out), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(SetStdHandle(STD_OUTPUT_HANDLE, err), TRUE, W32_SENTINEL);
    ok(GetStdHandle(STD_OUTPUT_HANDLE) == err, "SetStdHandle changes what GetStdHandle gives");
    expect_w32(SetStdHandle(STD_OUTPUT_HANDLE, out), TRUE, W32_SENTINEL);
}

/* ReadFile and WriteFile on a SOCKET are recv and send. */
WT_CASE(socket_read_write)
{
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), a;
    struct sockaddr_in sa = wt_loopback(0);
    int len = sizeof sa;
    ok(!bind(l, (struct sockaddr *)&sa, sizeof sa) && !listen(l, 1) && !getsockname(l, (struct sockaddr *)&sa, &len),
       "listen");
    ok(!connect(c, (struct sockaddr *)&sa, sizeof sa), "connect");
    a = accept(l, NULL, NULL);
    DWORD n = 0;
    char buf[16];
    expect_w32(WriteFile((HANDLE)c, "ping", 4, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 4, "wrote %lu", (unsigned long)n);
    expect_w32(ReadFile((HANDLE)a, buf, sizeof buf, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 4 && !memcmp(buf, "ping", 4), "read %lu", (unsigned long)n);
    /* With an OVERLAPPED: pending until data comes (the I/O engine). */
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    expect_w32(ReadFile((HANDLE)a, buf, sizeof buf, NULL, &ov), FALSE, ERROR_IO_PENDING);
    expect_w32(WriteFile((HANDLE)c, "pong", 4, &n, NULL), TRUE, W32_SENTINEL);
    ok(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "completed");
    expect_w32(GetOverlappedResult((HANDLE)a, &ov, &n, TRUE), TRUE, W32_SENTINEL);
    ok(n == 4 && !memcmp(buf, "pong", 4), "overlapped read %lu", (unsigned long)n);
    CloseHandle(ov.hEvent);
    shutdown(c, SD_SEND);
    expect_w32(ReadFile((HANDLE)a, buf, sizeof buf, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 0, "a graceful close reads as 0 bytes: %lu", (unsigned long)n);
    closesocket(a);
    closesocket(c);
    closesocket(l);
}

/* The MSVC runtime's descriptors and HANDLEs. */
WT_CASE(crt_osfhandle)
{
    wt_scratch("fileosf");
    char p[MAX_PATH];
    HANDLE h = open_rw(wt_join(p, wt_dir, "o.bin"), CREATE_NEW);
    int fd = _open_osfhandle((intptr_t)h, 0);
    ok(fd >= 0, "_open_osfhandle: %d", fd);
    ok(_get_osfhandle(fd) == (intptr_t)h, "the same handle back");
    ok(_get_osfhandle(1) == (intptr_t)GetStdHandle(STD_OUTPUT_HANDLE), "1 is the standard output handle");
    ok(_get_osfhandle(2) == (intptr_t)GetStdHandle(STD_ERROR_HANDLE), "2 is the standard error handle");
    /* One file behind both: what the descriptor writes the handle reads. */
    ok(_write(fd, "abc", 3) == 3, "_write");
    char buf[8];
    DWORD n = 0;
    SetFilePointer(h, 0, NULL, FILE_BEGIN);
    ok(ReadFile(h, buf, sizeof buf, &n, NULL) && n == 3 && !memcmp(buf, "abc", 3), "ReadFile sees it: %lu",
       (unsigned long)n);
    /* _close closes the handle it was given. */
    ok(_close(fd) == 0, "_close");
    expect_w32(CloseHandle(h), FALSE, ERROR_INVALID_HANDLE);
    wt_scratch_done();
}

WT_MAIN(create_dispositions, create_wide_name, create_directory_handle, read_write, pointer_and_size, overlapped_offset,
        file_types, information_by_handle, delete_on_close, readonly_attribute, duplicate_and_flags, std_handles,
        socket_read_write, crt_osfhandle)
