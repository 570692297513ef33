/* ws2posix: winnls.h - code pages and the conversion flags of
 * MultiByteToWideChar / WideCharToMultiByte, CompareString (declared with
 * the lstr* functions in ws2p/k32_string.h, src/kernel32/string.c).
 * windows.h includes it unless NONLS, as the SDK's does. */
#ifndef _WINNLS_
#define _WINNLS_
#include "windef.h"

#include "ws2p/k32_string.h"

#endif
