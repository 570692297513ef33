/* ws2posix: what a declaration fragment needs besides the base types: the
 * calling-convention and linkage words (empty here) and C linkage for C++.
 * Clash-free, like basetypes.h, so the library's sources see it too. */
#ifndef WS2P_DECL_H
#define WS2P_DECL_H
#include "basetypes.h"
#ifndef WINAPI
#define WINAPI
#endif
#ifndef WINBASEAPI
#define WINBASEAPI
#endif
#ifndef WINUSERAPI
#define WINUSERAPI
#endif
#ifndef WS2P_BEGIN_DECLS
#ifdef __cplusplus
#define WS2P_BEGIN_DECLS extern "C" {
#define WS2P_END_DECLS }
#else
#define WS2P_BEGIN_DECLS
#define WS2P_END_DECLS
#endif
#endif
#endif
