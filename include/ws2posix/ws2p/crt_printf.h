/* ws2posix: the plain printf family of a Windows file follows MSVC's format
 * rules, as the MSVC-named ones (_snprintf, ...) always do.
 *
 * glibc reads "%I64d" as its 'I' flag (locale digits), a field width of 64
 * and an int: the value is cut to 32 bits and padded with 60 spaces
 * (docs/windows-vs-linux.md).  In a file that includes our Windows headers,
 * printf, fprintf, sprintf, snprintf, their v- forms, the wide family and
 * the _FORTIFY_SOURCE entry points (__printf_chk, ...) are bound to
 * ws2p_-prefixed versions that translate the format and call glibc: %I64d
 * %I32d %Id %ws %S %hs and MSVC's 32-bit %ld/%lu/%lx work, %p prints
 * Windows' 16 hex digits, and in the wide family %s is a wide string.  The
 * rest of the process (and POSIX files of the same program) keep glibc's.
 *
 * GCC and clang rename with #pragma redefine_extname, which works in any
 * include order; g++ ignores that pragma, so it gets asm labels on
 * redeclarations, which it accepts after earlier declarations too.
 *
 * GCC's -Wformat checks these calls by glibc's rules, which call correct
 * Windows code wrong (%I64d, %lu with a DWORD), so it is off in Windows
 * files.  Define WS2P_GLIBC_PRINTF before the first include to keep glibc's
 * printf and the warnings (test/special/printf.sh pins every mode). */
#ifndef WS2P_CRT_PRINTF_H
#define WS2P_CRT_PRINTF_H
#ifndef WS2P_GLIBC_PRINTF

#if defined(__cplusplus) && !defined(__clang__)
extern "C" {
#define WS2P_PRINTF(ret, name, args, spec) ret name args spec __asm__("ws2p_" #name);
#else
#define WS2P_PRINTF(ret, name, args, spec) _Pragma(WS2P_PRINTF_STR(redefine_extname name ws2p_##name))
#define WS2P_PRINTF_STR(x) #x
#endif
WS2P_PRINTF(int, printf, (const char *__restrict, ...), )
WS2P_PRINTF(int, fprintf, (FILE *__restrict, const char *__restrict, ...), )
WS2P_PRINTF(int, sprintf, (char *__restrict, const char *__restrict, ...), __THROWNL)
WS2P_PRINTF(int, snprintf, (char *__restrict, size_t, const char *__restrict, ...), __THROWNL)
WS2P_PRINTF(int, vprintf, (const char *__restrict, __gnuc_va_list), )
WS2P_PRINTF(int, vfprintf, (FILE *__restrict, const char *__restrict, __gnuc_va_list), )
WS2P_PRINTF(int, vsprintf, (char *__restrict, const char *__restrict, __gnuc_va_list), __THROWNL)
WS2P_PRINTF(int, vsnprintf, (char *__restrict, size_t, const char *__restrict, __gnuc_va_list), __THROWNL)
WS2P_PRINTF(int, wprintf, (const wchar_t *__restrict, ...), )
WS2P_PRINTF(int, fwprintf, (__FILE *__restrict, const wchar_t *__restrict, ...), )
WS2P_PRINTF(int, swprintf, (wchar_t *__restrict, size_t, const wchar_t *__restrict, ...), __THROW)
WS2P_PRINTF(int, vwprintf, (const wchar_t *__restrict, __gnuc_va_list), )
WS2P_PRINTF(int, vfwprintf, (__FILE *__restrict, const wchar_t *__restrict, __gnuc_va_list), )
WS2P_PRINTF(int, vswprintf, (wchar_t *__restrict, size_t, const wchar_t *__restrict, __gnuc_va_list), __THROW)
/* What glibc's <bits/stdio2.h> and <bits/wchar2.h> call under _FORTIFY_SOURCE. */
WS2P_PRINTF(int, __printf_chk, (int, const char *__restrict, ...), )
WS2P_PRINTF(int, __fprintf_chk, (FILE *__restrict, int, const char *__restrict, ...), )
WS2P_PRINTF(int, __sprintf_chk, (char *__restrict, int, size_t, const char *__restrict, ...), __THROW)
WS2P_PRINTF(int, __snprintf_chk, (char *__restrict, size_t, int, size_t, const char *__restrict, ...), __THROW)
WS2P_PRINTF(int, __vprintf_chk, (int, const char *__restrict, __gnuc_va_list), )
WS2P_PRINTF(int, __vfprintf_chk, (FILE *__restrict, int, const char *__restrict, __gnuc_va_list), )
WS2P_PRINTF(int, __vsprintf_chk, (char *__restrict, int, size_t, const char *__restrict, __gnuc_va_list), __THROW)
WS2P_PRINTF(int, __vsnprintf_chk, (char *__restrict, size_t, int, size_t, const char *__restrict, __gnuc_va_list),
            __THROW)
WS2P_PRINTF(int, __wprintf_chk, (int, const wchar_t *__restrict, ...), )
WS2P_PRINTF(int, __fwprintf_chk, (__FILE *__restrict, int, const wchar_t *__restrict, ...), )
WS2P_PRINTF(int, __swprintf_chk, (wchar_t *__restrict, size_t, int, size_t, const wchar_t *__restrict, ...), __THROW)
WS2P_PRINTF(int, __vwprintf_chk, (int, const wchar_t *__restrict, __gnuc_va_list), )
WS2P_PRINTF(int, __vfwprintf_chk, (__FILE *__restrict, int, const wchar_t *__restrict, __gnuc_va_list), )
WS2P_PRINTF(int, __vswprintf_chk,
            (wchar_t *__restrict, size_t, int, size_t, const wchar_t *__restrict, __gnuc_va_list), __THROW)
#undef WS2P_PRINTF
#if defined(__cplusplus) && !defined(__clang__)
}
#endif

/* Under _FORTIFY_SOURCE the compilers expand these four as object-size
 * builtins (__builtin___sprintf_chk, ...), which no renaming reaches in
 * strict modes or with clang; in C a function-like macro does (glibc's
 * buffer checks are then not applied to them).  C++ keeps glibc's for
 * them (a macro would break std::snprintf and members): there, g++'s
 * -std=gnu++ modes still get ours, strict modes and clang++ do not. */
#if defined(__USE_FORTIFY_LEVEL) && __USE_FORTIFY_LEVEL > 0 && !defined(__cplusplus)
int ws2p_sprintf(char *__restrict, const char *__restrict, ...);
int ws2p_snprintf(char *__restrict, size_t, const char *__restrict, ...);
int ws2p_vsprintf(char *__restrict, const char *__restrict, __gnuc_va_list);
int ws2p_vsnprintf(char *__restrict, size_t, const char *__restrict, __gnuc_va_list);
#undef sprintf /* clang's glibc headers make some of them macros already */
#undef snprintf
#undef vsprintf
#undef vsnprintf
#define sprintf(...) ws2p_sprintf(__VA_ARGS__)
#define snprintf(...) ws2p_snprintf(__VA_ARGS__)
#define vsprintf(...) ws2p_vsprintf(__VA_ARGS__)
#define vsnprintf(...) ws2p_vsnprintf(__VA_ARGS__)
#endif

#pragma GCC diagnostic ignored "-Wformat"
#endif
#endif
