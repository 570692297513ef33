/* File HANDLEs: a descriptor in the handle table.  kernel32's files, pipes,
 * named pipes and standard handles, and the MSVC runtime's
 * _open_osfhandle / _get_osfhandle all stand on this one object
 * (/work/ref/notes-handles.md describes it for the families sharing it).
 *
 * A file object is never waited on for I/O: it is created signalled
 * (manual reset), so a wait on it returns at once, as a wait on a Windows
 * file handle does once its synchronous I/O is over.  A subclass that wants
 * another wait (console input) sets extfd and refresh. */
#ifndef WS2P_FILEOBJ_H
#define WS2P_FILEOBJ_H
#include "winobj.h"

/* What a handle was opened for (CreateFile's dwDesiredAccess, reduced). */
enum {
    WS_FILE_READ = 1u << 0,
    WS_FILE_WRITE = 1u << 1,
    WS_FILE_APPEND = 1u << 2, /* FILE_APPEND_DATA without FILE_WRITE_DATA: every write at the end */
};

/* GetFileType's answer (FILE_TYPE_* values). */
enum { WS_FTYPE_UNKNOWN = 0, WS_FTYPE_DISK = 1, WS_FTYPE_CHAR = 2, WS_FTYPE_PIPE = 3 };

struct ws_pipe_inst; /* a named pipe's server end (src/kernel32/pipe.c) */

struct ws_file {
    ws_obj obj;            /* type WS_OBJ_FILE; first */
    int fd;                /* -1 for a named pipe server end with no client */
    unsigned access;       /* WS_FILE_* */
    unsigned ftype;        /* WS_FTYPE_* */
    DWORD flags;           /* CreateFile's dwFlagsAndAttributes as given (FILE_FLAG_OVERLAPPED, ...) */
    bool own_fd;           /* closed with the object (false for the standard descriptors 0-2) */
    bool sock;             /* fd is an AF_UNIX socket (pipes): writes use MSG_NOSIGNAL */
    bool delete_on_close;  /* FILE_FLAG_DELETE_ON_CLOSE: path goes with the last handle */
    char *path;            /* the POSIX path it was opened by (malloc'd), or NULL */
    struct ws_file *origin; /* DuplicateHandle's copy: the object it was copied from (referenced) */
    struct ws_pipe_inst *pipe; /* named pipe server end, else NULL */
    void (*fini)(struct ws_file *f); /* a subclass's own parts, freed before the object goes */
};

/* A file object for fd (one reference), or NULL when out of memory (fd is
 * then left alone).  size >= sizeof(struct ws_file) for a subclass (a
 * console handle); access and GetFileType's kind come from the descriptor
 * (fcntl, fstat), for the caller to narrow. */
struct ws_file *ws_file_new(int fd, bool own_fd, size_t size);
/* A HANDLE to f (which keeps its own reference: the caller still owns its
 * own), or NULL with the last error set. */
static inline HANDLE ws_file_handle(struct ws_file *f)
{
    return ws_handle_new(&f->obj);
}
/* ws_file_new + ws_file_handle in one: NULL with the last error set (fd is
 * then left open: the caller closes it). */
HANDLE ws_file_wrap(int fd, bool own_fd);
/* The file behind h, referenced (release with ws_file_put), or NULL if h is
 * not a file handle (sockets are not: callers test ws_handle_is_socket). */
static inline struct ws_file *ws_file_get(HANDLE h)
{
    return (struct ws_file *)ws_handle_get(h, WS_OBJ_FILE);
}
static inline void ws_file_put(struct ws_file *f)
{
    ws_obj_unref(&f->obj);
}
/* The descriptor behind a file handle, with the object referenced in *ref
 * (unref it after), or -1 (not a file handle). */
int ws_file_fd(HANDLE h, ws_obj **ref);
/* DuplicateHandle: a new object for a duplicate of f's descriptor
 * (close-on-exec unless inherit), sharing its file position as Windows'
 * duplicates share the file object's; NULL with errno set. */
struct ws_file *ws_file_dup(struct ws_file *f, bool inherit, unsigned access);
/* The GetFileType kind of a descriptor. */
unsigned ws_fd_ftype(int fd);

/* ---- paths (src/core/path.c) ------------------------------------------- */
/* A path as a Windows program writes it -> the POSIX path (malloc'd), or
 * NULL when out of memory.  '\' is '/'; a drive prefix ("C:\x", "C:/x") is
 * the root ("/x"), a drive-relative "C:x" is relative ("x"); the \\?\ and
 * \\.\ prefixes go; NUL is /dev/null and CONIN$ / CONOUT$ are /dev/tty, in
 * any directory and any case, as Windows' device names are. */
char *ws_path_from_win(const char *p);
/* An absolute path for POSIX path p (malloc'd, NULL when out of memory):
 * relative to the current directory, "." and ".." taken by name as Windows
 * does (not through symbolic links), a trailing separator kept.
 * GetFullPathName and _fullpath. */
char *ws_path_full(const char *p);
char *ws_path_from_wide(const WCHAR *p);
/* ENOENT / ENOTDIR for path: ERROR_PATH_NOT_FOUND when a directory on the
 * way is missing or not a directory, else ERROR_FILE_NOT_FOUND (Windows
 * tells the two apart; Linux says ENOENT for both). */
int ws_path_enoent(const char *path, int e);

/* Names in wide strings: ws_name_from_wide / ws_name_to_wide (utf.h). */
#include "utf.h"
#endif
