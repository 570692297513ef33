/* What kernel32's file families share (file.c, path.c, find.c, mapping.c,
 * pipe.c): the structures they write, the argument and string helpers. */
#ifndef WS2P_K32FILE_H
#define WS2P_K32FILE_H
#include "fileobj.h"
#include "ws2p/fileconst.h"
#include <sys/stat.h>

/* The Windows layouts (test/abi.c checks the public ones against MinGW's). */
typedef struct WS_FILETIME {
    DWORD dwLowDateTime, dwHighDateTime;
} WS_FILETIME;
#define WS_FILE_TIMES \
    DWORD dwFileAttributes; \
    WS_FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
typedef struct WS_WIN32_FILE_ATTRIBUTE_DATA {
    WS_FILE_TIMES
    DWORD nFileSizeHigh, nFileSizeLow;
} WS_WIN32_FILE_ATTRIBUTE_DATA;
typedef struct WS_BY_HANDLE_FILE_INFORMATION {
    WS_FILE_TIMES
    DWORD dwVolumeSerialNumber, nFileSizeHigh, nFileSizeLow, nNumberOfLinks, nFileIndexHigh, nFileIndexLow;
} WS_BY_HANDLE_FILE_INFORMATION;
typedef struct WS_WIN32_FIND_DATAA {
    WS_FILE_TIMES
    DWORD nFileSizeHigh, nFileSizeLow, dwReserved0, dwReserved1;
    char cFileName[MAX_PATH];
    char cAlternateFileName[14];
} WS_WIN32_FIND_DATAA;
typedef struct WS_WIN32_FIND_DATAW {
    WS_FILE_TIMES
    DWORD nFileSizeHigh, nFileSizeLow, dwReserved0, dwReserved1;
    WCHAR cFileName[MAX_PATH];
    WCHAR cAlternateFileName[14];
} WS_WIN32_FIND_DATAW;
_Static_assert(sizeof(WS_WIN32_FIND_DATAA) == 320, "WIN32_FIND_DATAA is 320 bytes on x64 Windows");
_Static_assert(sizeof(WS_BY_HANDLE_FILE_INFORMATION) == 52, "BY_HANDLE_FILE_INFORMATION is 52 bytes");
_Static_assert(sizeof(WS_WIN32_FILE_ATTRIBUTE_DATA) == 36, "WIN32_FILE_ATTRIBUTE_DATA is 36 bytes");

/* 100 ns since 1601-01-01 (FILETIME) from a POSIX time. */
WS_FILETIME k32_filetime(const struct timespec *ts);
/* The FILE_ATTRIBUTE_* of what stat found: directories are DIRECTORY,
 * everything else ARCHIVE (what Windows gives a file it creates); no
 * write permission at all is READONLY (SetFileAttributes sets it so). */
DWORD k32_attributes(const struct stat *st);
bool k32_readonly(const struct stat *st);
/* A name argument as UTF-8 (A: as given, the code page is UTF-8; W:
 * converted), malloc'd, or NULL with c->err set: NULL and "" are
 * ERROR_PATH_NOT_FOUND, as CreateFile/DeleteFile report them. */
char *k32_utf8_arg(struct ws_call *c, const void *name, bool wide);
/* The same, then as a POSIX path (ws_path_from_win).  no_wild: a name
 * with wildcards or characters Windows refuses in names (* ? < > | ") is
 * ERROR_INVALID_NAME, as CreateFile and MoveFile say. */
char *k32_path_arg(struct ws_call *c, const void *name, bool wide, bool no_wild);
/* Copy s (UTF-8) to buf of n chars (WCHARs when wide): the length without
 * the terminator when it fits, else the size needed with it and nothing
 * written (the usual Win32 size protocol). */
DWORD k32_put_str(const char *s, void *buf, DWORD n, bool wide);
/* The file behind a handle, referenced; STD_INPUT/OUTPUT/ERROR_HANDLE used
 * as handles stand for the standard handles (GetFileType test).  NULL if
 * it is none (sockets are not: callers test ws_handle_is_socket first). */
struct ws_file *k32_file(HANDLE h);
/* The standard handles (file.c): GetStdHandle's answer for 0, 1, 2. */
HANDLE k32_std_handle(int which);
/* An OVERLAPPED request on a synchronous descriptor finished: its result
 * in Internal/InternalHigh and its event signalled (file.c). */
void k32_overlapped_done(WS_OVERLAPPED *ov, DWORD bytes);

/* Named pipes (pipe.c): "\\.\pipe\NAME" (either separator, any case)
 * gives NAME, anything else NULL; CreateFile's client side (name: the whole
 * pipe name); ReadFile on a message pipe (*more: the message goes on,
 * ERROR_MORE_DATA). */
const char *ws_pipe_name(const char *s);
HANDLE ws_pipe_client_open(struct ws_call *c, const char *name, DWORD access, DWORD flags);
ssize_t ws_pipe_read(struct ws_call *c, struct ws_file *f, char *buf, DWORD n, bool *more);
bool ws_pipe_message(const struct ws_file *f);
int ws_pipe_unconnected(const struct ws_file *f);
bool ws_pipe_claim(struct ws_file *f);
/* The other end of a pipe has gone (ws_pipe_gone), and nothing is left to
 * read either (ws_pipe_broken: ERROR_BROKEN_PIPE). */
bool ws_pipe_gone(int fd);
bool ws_pipe_broken(int fd);
#endif
