/* ws2posix: the Microsoft C runtime names Windows network code calls beside
 * the standard C library, grouped by the MSVC header that declares them
 * (stdio.h, string.h, stdlib.h, io.h, direct.h, process.h, conio.h, time.h,
 * sys/stat.h).  The implementations are in src/msvcrt/.
 *
 * Conventions, as in the UCRT: errors are reported in errno (glibc's errno,
 * so compare with the names from <errno.h>); the Win32 last error is left
 * alone.  Where MSVC "invokes the invalid parameter handler" the handler set
 * with _set_invalid_parameter_handler runs, and then the function returns
 * its documented error (Windows' default handler ends the process instead;
 * docs/windows-vs-linux.md).
 *
 * It also makes the plain printf family of a Windows file follow MSVC's
 * format rules (%I64d, %Iu, %ws, %ld as 32 bits, ...): ws2p/crt_printf.h. */
#ifndef WS2P_CRT_H
#define WS2P_CRT_H
/* The libc headers these declarations need, included with ws2p/base.h's
 * renames of Windows types (timeval, fd_set, ...) out of their way, so
 * glibc's own declarations keep glibc's types. */
#pragma push_macro("timeval")
#pragma push_macro("fd_set")
#pragma push_macro("u_long")
#undef timeval
#undef fd_set
#undef u_long
#include <features.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <wchar.h>
/* time_t alone, not <time.h>: that would give every Windows file glibc's
 * struct timespec, which Windows programs may define themselves (MSVC's
 * <time.h> is not part of <windows.h>); struct tm is only pointed to. */
#include <bits/types/time_t.h>
struct tm;
#pragma pop_macro("u_long")
#pragma pop_macro("fd_set")
#pragma pop_macro("timeval")

#ifndef __cdecl
#define __cdecl
#endif
#ifndef __int64
#define __int64 long long
#endif
#ifndef _ERRNO_T_DEFINED
#define _ERRNO_T_DEFINED
typedef int errno_t;
#endif
/* MSVC's time_t is __time64_t; glibc's 64-bit time_t is the same thing. */
#ifndef _TIME64_T_DEFINED
#define _TIME64_T_DEFINED
typedef time_t __time64_t;
typedef int __time32_t;
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- limits.h ---------------------------------------------------------- */
#define _I64_MIN (-9223372036854775807LL - 1)
#define _I64_MAX 9223372036854775807LL
#define _UI64_MAX 0xffffffffffffffffULL
#define _I32_MIN (-2147483647 - 1)
#define _I32_MAX 2147483647
#define _UI32_MAX 0xffffffffu

/* ---- stdio.h ----------------------------------------------------------- */
/* The legacy MSVC forms: no terminator when the output fills the buffer,
 * -1 when it is truncated; (NULL, 0) measures. */
int __cdecl _snprintf(char *buffer, size_t count, const char *format, ...);
int __cdecl _vsnprintf(char *buffer, size_t count, const char *format, va_list argptr);
int __cdecl _scprintf(const char *format, ...);
int __cdecl _vscprintf(const char *format, va_list argptr);
int __cdecl _snwprintf(wchar_t *buffer, size_t count, const wchar_t *format, ...);
int __cdecl _vsnwprintf(wchar_t *buffer, size_t count, const wchar_t *format, va_list argptr);
int __cdecl _scwprintf(const wchar_t *format, ...);
int __cdecl _vscwprintf(const wchar_t *format, va_list argptr);
int __cdecl _fileno(FILE *stream);
FILE *__cdecl _fdopen(int fd, const char *mode);
FILE *__cdecl _wfopen(const wchar_t *filename, const wchar_t *mode);
/* The command runs under /bin/sh (Windows: cmd.exe); _pclose returns its
 * exit code, as on Windows. */
FILE *__cdecl _popen(const char *command, const char *mode);
int __cdecl _pclose(FILE *stream);

/* ---- string.h ---------------------------------------------------------- */
#define _NLSCMPERROR 2147483647
int __cdecl _stricmp(const char *string1, const char *string2);
int __cdecl _strcmpi(const char *string1, const char *string2);
int __cdecl stricmp(const char *string1, const char *string2);
int __cdecl strcmpi(const char *string1, const char *string2);
int __cdecl _strnicmp(const char *string1, const char *string2, size_t count);
int __cdecl strnicmp(const char *string1, const char *string2, size_t count);
int __cdecl _wcsicmp(const wchar_t *string1, const wchar_t *string2);
int __cdecl _wcsnicmp(const wchar_t *string1, const wchar_t *string2, size_t count);
char *__cdecl _strdup(const char *strSource);
wchar_t *__cdecl _wcsdup(const wchar_t *strSource);
char *__cdecl _strlwr(char *str);
char *__cdecl _strupr(char *str);
char *__cdecl strlwr(char *str);
char *__cdecl strupr(char *str);
wchar_t *__cdecl _wcslwr(wchar_t *str);
wchar_t *__cdecl _wcsupr(wchar_t *str);

/* ---- stdlib.h ---------------------------------------------------------- */
#define _MAX_PATH 260
#define _MAX_DRIVE 3
#define _MAX_DIR 256
#define _MAX_FNAME 256
#define _MAX_EXT 256
#define _MAX_ITOSTR_BASE2_COUNT 33
#define _MAX_ITOSTR_BASE8_COUNT 12
#define _MAX_ITOSTR_BASE10_COUNT 12
#define _MAX_ITOSTR_BASE16_COUNT 9
#define _MAX_I64TOSTR_BASE2_COUNT 65
#define _MAX_I64TOSTR_BASE8_COUNT 23
#define _MAX_I64TOSTR_BASE10_COUNT 21
#define _MAX_I64TOSTR_BASE16_COUNT 17
#define _MAX_U64TOSTR_BASE2_COUNT 65
#define _MAX_U64TOSTR_BASE10_COUNT 21
#define _MAX_U64TOSTR_BASE16_COUNT 17
/* radix 2..36; for radix 10 a negative value gets a '-', other radixes
 * show the two's complement.  A long is Windows' 32 bits when it fits. */
char *__cdecl _itoa(int value, char *buffer, int radix);
/* The absolute path of relPath ("." and ".." by name); a NULL absPath gets
 * a malloc'd buffer. */
char *__cdecl _fullpath(char *absPath, const char *relPath, size_t maxLength);
char *__cdecl _ltoa(long value, char *buffer, int radix);
char *__cdecl _ultoa(unsigned long value, char *buffer, int radix);
char *__cdecl _i64toa(long long value, char *buffer, int radix);
char *__cdecl _ui64toa(unsigned long long value, char *buffer, int radix);
char *__cdecl itoa(int value, char *buffer, int radix);
char *__cdecl ltoa(long value, char *buffer, int radix);
char *__cdecl ultoa(unsigned long value, char *buffer, int radix);
errno_t __cdecl _itoa_s(int value, char *buffer, size_t size, int radix);
errno_t __cdecl _i64toa_s(long long value, char *buffer, size_t size, int radix);
errno_t __cdecl _ui64toa_s(unsigned long long value, char *buffer, size_t size, int radix);
long long __cdecl _atoi64(const char *str);
long long __cdecl _strtoi64(const char *strSource, char **endptr, int base);
unsigned long long __cdecl _strtoui64(const char *strSource, char **endptr, int base);
/* Cryptographically secure (getrandom); MSVC wants _CRT_RAND_S defined. */
errno_t __cdecl rand_s(unsigned int *randomValue);
typedef void(__cdecl *_invalid_parameter_handler)(const wchar_t *expression, const wchar_t *function,
                                                  const wchar_t *file, unsigned int line, uintptr_t reserved);
_invalid_parameter_handler __cdecl _set_invalid_parameter_handler(_invalid_parameter_handler pNew);
_invalid_parameter_handler __cdecl _get_invalid_parameter_handler(void);
int *__cdecl _errno(void);
errno_t __cdecl _get_errno(int *pValue);
errno_t __cdecl _set_errno(int value);

/* ---- io.h -------------------------------------------------------------- */
/* The access-mode and creation flags have Linux's values, so a program may
 * mix them with <fcntl.h>'s O_*; the Windows-only ones use bits Linux
 * leaves free (its open() ignores them, so O_BINARY may reach it too).
 * Files have no text mode here: _O_TEXT and _O_BINARY are remembered for
 * _setmode and change nothing (docs/windows-vs-linux.md). */
#define _O_RDONLY 0x0000
#define _O_WRONLY 0x0001
#define _O_RDWR 0x0002
#define _O_CREAT 0x0040
#define _O_EXCL 0x0080
#define _O_TRUNC 0x0200
#define _O_APPEND 0x0400
#define _O_NOINHERIT 0x80000 /* O_CLOEXEC */
#define _O_TEXT 0x00800000
#define _O_BINARY 0x01000000
#define _O_RAW _O_BINARY
#define _O_WTEXT 0x02000000
#define _O_U16TEXT 0x04000000
#define _O_U8TEXT 0x08000000
#define _O_TEMPORARY 0x0008
#define _O_SHORT_LIVED 0x0004
#define _O_RANDOM 0x0010
#define _O_SEQUENTIAL 0x0020
#ifndef O_BINARY
#define O_BINARY _O_BINARY
#endif
#ifndef O_TEXT
#define O_TEXT _O_TEXT
#endif
#ifndef O_RAW
#define O_RAW _O_BINARY
#endif
int __cdecl _access(const char *path, int mode);
int __cdecl _isatty(int fd);
int __cdecl _setmode(int fd, int mode);
int __cdecl _open(const char *filename, int oflag, ...);
int __cdecl _read(int fd, void *buffer, unsigned int buffer_size);
int __cdecl _write(int fd, const void *buffer, unsigned int count);
int __cdecl _close(int fd);
long __cdecl _lseek(int fd, long offset, int origin);
long long __cdecl _lseeki64(int fd, long long offset, int origin);
int __cdecl _dup(int fd);
int __cdecl _dup2(int fd1, int fd2);
int __cdecl _unlink(const char *filename);
/* A SOCKET's HANDLE is its number; another descriptor's is a file HANDLE
 * (the one _open_osfhandle was given); _close closes what _open_osfhandle
 * was given. */
intptr_t __cdecl _get_osfhandle(int fd);
int __cdecl _open_osfhandle(intptr_t osfhandle, int flags);

/* ---- direct.h ---------------------------------------------------------- */
int __cdecl _mkdir(const char *dirname);
int __cdecl _rmdir(const char *dirname);
int __cdecl _chdir(const char *dirname);
char *__cdecl _getcwd(char *buffer, int maxlen);

/* ---- process.h --------------------------------------------------------- */
/* The thread closes its own handle when it ends (_beginthreadex's does not);
 * -1 on error with errno EINVAL or EAGAIN. */
uintptr_t __cdecl _beginthread(void(__cdecl *start_address)(void *), unsigned stack_size, void *arglist);
void __cdecl _endthread(void) __attribute__((__noreturn__));
int __cdecl _getpid(void);

/* ---- conio.h ----------------------------------------------------------- */
/* The console is the controlling terminal (/dev/tty), as Windows' conio
 * reads the console and not a redirected stdin; without one, no key. */
int __cdecl _kbhit(void);
int __cdecl kbhit(void);
int __cdecl _getch(void);
int __cdecl _getche(void);

/* ---- time.h ------------------------------------------------------------ */
/* Dates from 1970 to the end of 3000, as the 64-bit MSVC forms. */
time_t __cdecl _mkgmtime(struct tm *timeptr);
__time64_t __cdecl _mkgmtime64(struct tm *timeptr);
__time64_t __cdecl _time64(__time64_t *destTime);
errno_t __cdecl _gmtime64_s(struct tm *tmDest, const __time64_t *sourceTime);
errno_t __cdecl _localtime64_s(struct tm *tmDest, const __time64_t *sourceTime);
/* MSVC's gmtime_s/localtime_s (not C11 Annex K's argument order). */
static __inline errno_t __cdecl gmtime_s(struct tm *tmDest, const time_t *sourceTime)
{
    return _gmtime64_s(tmDest, sourceTime);
}
static __inline errno_t __cdecl localtime_s(struct tm *tmDest, const time_t *sourceTime)
{
    return _localtime64_s(tmDest, sourceTime);
}
/* The time-zone globals are glibc's own (tzset, timezone, daylight, tzname). */
void __cdecl _tzset(void) __asm__("tzset");
extern long _timezone __asm__("timezone");
extern int _daylight __asm__("daylight");
extern char *_tzname[2] __asm__("tzname");

/* ---- sys/stat.h -------------------------------------------------------- */
/* File types and permission bits have the same values on both systems. */
#define _S_IFMT 0xF000
#define _S_IFDIR 0x4000
#define _S_IFCHR 0x2000
#define _S_IFIFO 0x1000
#define _S_IFREG 0x8000
#define _S_IREAD 0x0100
#define _S_IWRITE 0x0080
#define _S_IEXEC 0x0040
typedef unsigned int _dev_t;
typedef unsigned short _ino_t;
typedef long _off_t;
/* Windows' fields.  glibc's <sys/stat.h> makes st_atime a macro for
 * st_atim.tv_sec; the st_atim/st_mtim/st_ctim members let that spelling
 * work on these structures too, whichever header came first. */
#pragma push_macro("st_atime")
#pragma push_macro("st_mtime")
#pragma push_macro("st_ctime")
#undef st_atime
#undef st_mtime
#undef st_ctime
struct ws2p_stat_time {
    time_t tv_sec;
};
#define WS2P_STAT_TIME(name, alias) \
    __extension__ union {           \
        time_t name;                \
        struct ws2p_stat_time alias; \
    };
#define WS2P_STAT_FIELDS(size_type)                                            \
    _dev_t st_dev;                                                             \
    _ino_t st_ino;                                                             \
    unsigned short st_mode;                                                    \
    short st_nlink;                                                            \
    short st_uid;                                                              \
    short st_gid;                                                              \
    _dev_t st_rdev;                                                            \
    size_type st_size;                                                         \
    WS2P_STAT_TIME(st_atime, st_atim)                                          \
    WS2P_STAT_TIME(st_mtime, st_mtim)                                          \
    WS2P_STAT_TIME(st_ctime, st_ctim) /* creation time, as on Windows */
struct _stat {
    WS2P_STAT_FIELDS(_off_t)
};
struct _stat64 {
    WS2P_STAT_FIELDS(long long)
};
struct _stati64 {
    WS2P_STAT_FIELDS(long long)
};
#undef WS2P_STAT_FIELDS
#undef WS2P_STAT_TIME
#pragma pop_macro("st_ctime")
#pragma pop_macro("st_mtime")
#pragma pop_macro("st_atime")
int __cdecl _stat(const char *path, struct _stat *buffer);
int __cdecl _stat64(const char *path, struct _stat64 *buffer);
int __cdecl _stati64(const char *path, struct _stati64 *buffer);
int __cdecl _wstat(const wchar_t *path, struct _stat *buffer);
int __cdecl _wstat64(const wchar_t *path, struct _stat64 *buffer);
int __cdecl _wstati64(const wchar_t *path, struct _stati64 *buffer);
int __cdecl _fstat(int fd, struct _stat *buffer);
int __cdecl _fstat64(int fd, struct _stat64 *buffer);
int __cdecl _fstati64(int fd, struct _stati64 *buffer);

#ifdef __cplusplus
}
#endif

#include "crt_printf.h"
#endif
