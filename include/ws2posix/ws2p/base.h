/*
 * ws2posix: the fragment every public header includes first.
 *
 * It makes the Windows meanings of names that glibc also defines win in
 * every include order.  glibc's <stdlib.h> (through <sys/types.h> and
 * <sys/select.h>) already declares fd_set, FD_SET, select, struct timeval
 * and a 64-bit u_long.  We include those glibc headers ourselves, first, so
 * their declarations are always made under the real names, then rename the
 * Windows types with object-like macros (fd_set -> ws2p_fd_set, ...).  A libc
 * header included later finds its include guard set and adds nothing that
 * could collide.
 */
#ifndef WS2P_BASE_H
#define WS2P_BASE_H

/* Detection macro: major * 10000 + minor * 100 + patch.  We never define
 * _WIN32: code that tests it would take paths (MSVC intrinsics, SEH,
 * __declspec) that do not exist here. */
#define __WS2POSIX__ 100

#if defined(_SYS_SOCKET_H) || defined(_NETINET_IN_H) || defined(_ARPA_INET_H) || defined(_NETDB_H)
#error "ws2posix: a POSIX socket header (<sys/socket.h>, <netinet/in.h>, <arpa/inet.h> or <netdb.h>) was included before the Windows socket headers. Both define AF_INET6, SOL_SOCKET, struct sockaddr, socket() and friends with different values and types; a file must use one API or the other. Move POSIX socket code into its own source file."
#endif

/* A libc header included earlier may have pulled in glibc's <sys/select.h>,
 * whose FD_SETSIZE (1024) is not the program's choice: it expands to
 * __FD_SETSIZE, a program's own definition does not.  Drop glibc's so
 * winsock2.h uses Windows' 64. */
#if defined(FD_SETSIZE) && defined(__FD_SETSIZE)
#pragma push_macro("__FD_SETSIZE")
#undef __FD_SETSIZE
#define __FD_SETSIZE (-1)
#if FD_SETSIZE == -1
#undef FD_SETSIZE
#endif
#pragma pop_macro("__FD_SETSIZE")
#endif
/* Keep a caller's FD_SETSIZE (Windows lets it be raised before inclusion)
 * away from glibc's <sys/select.h>, which defines its own unconditionally. */
#pragma push_macro("FD_SETSIZE")
#undef FD_SETSIZE
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/time.h>
#include <sys/select.h>
#include <unistd.h>
#undef FD_SETSIZE
#pragma pop_macro("FD_SETSIZE")
#undef FD_SET
#undef FD_CLR
#undef FD_ISSET
#undef FD_ZERO

#define fd_set  ws2p_fd_set
#define timeval ws2p_timeval
#define u_char  ws2p_u_char
#define u_short ws2p_u_short
#define u_int   ws2p_u_int
#define u_long  ws2p_u_long
#define socklen_t ws2p_socklen_t

#ifndef WS2P_BEGIN_DECLS /* also in ws2p/decl.h */
#ifdef __cplusplus
#define WS2P_BEGIN_DECLS extern "C" {
#define WS2P_END_DECLS }
#else
#define WS2P_BEGIN_DECLS
#define WS2P_END_DECLS
#endif
#endif

/* Functions whose names libc also exports (connect, send, htons, ...) are
 * bound to ws2p_-prefixed symbols, so that linking us never replaces libc's
 * for OpenSSL, the resolver or sanitizers in the same process. */
#define WS2P_SYM(name) __asm__("ws2p_" #name)

#ifndef FAR
#define FAR
#endif
#ifndef NEAR
#define NEAR
#endif
#ifndef PASCAL
#define PASCAL
#endif
#ifndef WINAPI
#define WINAPI
#endif
#ifndef WSAAPI
#define WSAAPI
#endif
#ifndef CALLBACK
#define CALLBACK
#endif
#ifndef APIENTRY
#define APIENTRY
#endif
#ifndef WINAPIV
#define WINAPIV
#endif
#ifndef WINSOCK_API_LINKAGE
#define WINSOCK_API_LINKAGE
#endif
#ifndef WINBASEAPI
#define WINBASEAPI
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
#ifndef UNREFERENCED_PARAMETER
#define UNREFERENCED_PARAMETER(p) ((void)(p))
#endif
/* Anonymous unions are C11/C++ but Windows structures use them everywhere. */
#define WS2P_EXT __extension__

#endif
