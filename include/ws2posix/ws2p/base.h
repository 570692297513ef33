/*
 * ws2posix: the fragment every public header includes first.
 *
 * How the Windows headers and glibc's share one translation unit:
 *
 *  - Our headers include no POSIX header beyond the ISO C ones Windows'
 *    own headers bring (ctype.h, stdlib.h, string.h, limits.h, stdarg.h,
 *    stddef.h, stdint.h).  What glibc's would add (pthread_t, ssize_t,
 *    struct timespec, close(), ...) stays out of a Windows file.
 *  - The few names both define differently - struct timeval, fd_set,
 *    socklen_t, select, gethostname, gettimeofday - are renamed by
 *    object-like macros (timeval -> ws2p_timeval, ...) where the Windows
 *    definition is made (winsock2.h, ws2tcpip.h).  A program's `struct
 *    timeval` is then Windows' in every include order.
 *  - Every glibc header that mentions one of those names has a pass-through
 *    wrapper in this directory (sys/select.h, sys/time.h, unistd.h, ...),
 *    found first because the directory comes in with -I, even from inside
 *    glibc.  The wrapper suspends the renaming macros around #include_next
 *    (ws2p/libc_begin.h, ws2p/libc_end.h), so every glibc prototype is
 *    parsed with glibc's own types.  Without a Windows header in the file
 *    the wrappers change nothing: POSIX files compile as before.
 *
 * "Windows mode" below means: a header of ours was included (WS2P_BASE_H)
 * or the file is compiled with -D_WIN32, the platform selector of a
 * project's Windows-path files.
 */
#ifndef WS2P_BASE_H
#define WS2P_BASE_H

/* Detection macro: major * 10000 + minor * 100 + patch. */
#define __WS2POSIX__ 100

/* _WIN32 is the program's to define (its build does so for Windows-path
 * files); the headers behave the same with or without it.  Given _WIN32, a
 * 64-bit build is a Win64 program as MinGW-w64 defines it: pointers,
 * SOCKET, HANDLE and INT_PTR are 64 bits and the structures have Windows'
 * x64 layouts.  _M_X64/_M_AMD64 are not defined: they select MSVC's
 * intrinsics (<intrin.h>) and its compiler model.  See README, "Porting". */
#if defined(_WIN32) && !defined(_WIN64) && __SIZEOF_POINTER__ == 8
#define _WIN64 1
#endif

/* The opposite order stops in the wrappers of those headers. */
#if defined(_SYS_SOCKET_H) || defined(_NETINET_IN_H) || defined(_ARPA_INET_H) || defined(_NETDB_H) || \
    defined(_SYS_POLL_H) || defined(_SYS_IOCTL_H)
#error "ws2posix: a POSIX socket header (<sys/socket.h>, <netinet/in.h>, <arpa/inet.h>, <netdb.h>, <poll.h> or <sys/ioctl.h>) was included before the Windows socket headers. Both define AF_INET6, SOL_SOCKET, POLLIN, FIONBIO, struct sockaddr, socket() and friends with different values and types; a file must use one API or the other. Move POSIX socket code into its own source file."
#endif

/* Target version: Windows 10 unless the program asks for less (sdkddkver.h). */
#include "../sdkddkver.h"

#ifndef WS2P_BEGIN_DECLS /* also in ws2p/decl.h */
#ifdef __cplusplus
#define WS2P_BEGIN_DECLS extern "C" {
#define WS2P_END_DECLS }
#else
#define WS2P_BEGIN_DECLS
#define WS2P_END_DECLS
#endif
#endif
/* C++ overloads (ioctlsocket with a DWORD *, select with Windows' fd_set
 * next to glibc's, ...) need C++ linkage even when a program wraps the
 * Windows headers in extern "C" { }. */
#ifdef __cplusplus
#define WS2P_BEGIN_CXX extern "C++" {
#define WS2P_END_CXX }
#endif

/* Functions whose names libc also exports (connect, send, htons, ...) are
 * bound to ws2p_-prefixed symbols, so that linking us never replaces libc's
 * for OpenSSL, the resolver or sanitizers in the same process. */
#define WS2P_SYM(name) __asm__("ws2p_" #name)
/* The same for a second C name reaching an existing entry point. */
#define WS2P_ASM(sym) __asm__(#sym)

/* Anonymous unions are C11/C++ but Windows structures use them everywhere. */
#define WS2P_EXT __extension__
#define WS2P_INLINE static __inline __attribute__((__unused__))

/* Calling conventions and annotations: none exist on x86-64 Linux. */
#ifndef __cdecl
#define __cdecl
#endif
#ifndef _cdecl
#define _cdecl
#endif
#ifndef __stdcall
#define __stdcall
#endif
#ifndef _stdcall
#define _stdcall
#endif
#ifndef __fastcall
#define __fastcall
#endif
#ifndef _fastcall
#define _fastcall
#endif
#ifndef FAR
#define FAR
#endif
#ifndef NEAR
#define NEAR
#endif
#ifndef far
#define far
#endif
#ifndef near
#define near
#endif
#ifndef PASCAL
#define PASCAL
#endif
#ifndef pascal
#define pascal
#endif
#ifndef WINAPI
#define WINAPI
#endif
#ifndef WINAPIV
#define WINAPIV
#endif
#ifndef APIENTRY
#define APIENTRY WINAPI
#endif
#ifndef APIPRIVATE
#define APIPRIVATE
#endif
#ifndef CALLBACK
#define CALLBACK
#endif
#ifndef WSAAPI
#define WSAAPI
#endif
#ifndef NTAPI
#define NTAPI
#endif
#ifndef WINSOCK_API_LINKAGE
#define WINSOCK_API_LINKAGE
#endif
#ifndef WINBASEAPI
#define WINBASEAPI
#endif
#ifndef WINADVAPI
#define WINADVAPI
#endif
#ifndef WINUSERAPI
#define WINUSERAPI
#endif
#ifndef WINMMAPI
#define WINMMAPI
#endif
#ifndef NTSYSAPI
#define NTSYSAPI
#endif
#ifndef CONST
#define CONST const
#endif
#ifndef VOID
#define VOID void
#endif
#ifndef IN
#define IN
#endif
#ifndef OUT
#define OUT
#endif
#ifndef OPTIONAL
#define OPTIONAL
#endif
#ifndef UNALIGNED
#define UNALIGNED
#endif
#ifndef UNALIGNED64
#define UNALIGNED64
#endif
#ifndef RESTRICTED_POINTER
#define RESTRICTED_POINTER
#endif
#ifndef FORCEINLINE
#define FORCEINLINE static __inline __attribute__((__always_inline__, __unused__))
#endif
#ifndef DECLSPEC_NORETURN
#define DECLSPEC_NORETURN __attribute__((__noreturn__))
#endif
#ifndef DECLSPEC_ALIGN
#define DECLSPEC_ALIGN(x) __attribute__((__aligned__(x)))
#endif
#ifndef DECLSPEC_NOINLINE
#define DECLSPEC_NOINLINE __attribute__((__noinline__))
#endif
#ifndef DECLSPEC_SELECTANY
#define DECLSPEC_SELECTANY __attribute__((__weak__))
#endif
#ifndef DECLSPEC_IMPORT
#define DECLSPEC_IMPORT
#endif
#ifndef DECLSPEC_EXPORT
#define DECLSPEC_EXPORT __attribute__((__visibility__("default")))
#endif
#ifndef DECLSPEC_DEPRECATED
#define DECLSPEC_DEPRECATED
#endif
#ifndef DECLSPEC_NOTHROW
#define DECLSPEC_NOTHROW
#endif
#ifndef EXTERN_C
#ifdef __cplusplus
#define EXTERN_C extern "C"
#define EXTERN_C_START extern "C" {
#define EXTERN_C_END }
#else
#define EXTERN_C extern
#define EXTERN_C_START
#define EXTERN_C_END
#endif
#endif

#endif
