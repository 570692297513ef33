/* UTF-8 <-> the library's wide strings.
 *
 * WCHAR is the platform wchar_t (32 bits) so that L"..." literals work, but
 * it holds UTF-16 code units, as on Windows: MultiByteToWideChar writes a
 * character outside the BMP as a surrogate pair in two WCHARs, so the counts
 * Windows programs compute buffers from are Windows' exactly
 * (docs/windows-vs-linux.md).  Reading wide strings, a well-formed surrogate
 * pair is one character, and so is a value above 0xFFFF (a UTF-32 literal
 * such as L"\U0001F600"); lone surrogates and values past U+10FFFF are
 * invalid.  Invalid input becomes U+FFFD, one per maximal ill-formed
 * subsequence (the Unicode recommendation, which Windows 10 follows). */
#ifndef WS2P_UTF_H
#define WS2P_UTF_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <locale.h>
#include "ws2p/basetypes.h"

#define WS_REPLACEMENT_CHAR 0xFFFDu

/* One character from s[0..n) (n >= 1): the code point, or -1 if the bytes
 * are ill-formed; *len is what was consumed (>= 1). */
int32_t ws_utf8_next(const unsigned char *s, size_t n, size_t *len);
/* One character from w[0..n) (n >= 1), as above, *len in units (1 or 2). */
int32_t ws_wide_next(const WCHAR *w, size_t n, size_t *len);

/* Convert n units; write at most cap (out may be NULL when cap is 0).
 * Return the length the whole conversion needs; *invalid tells whether any
 * input was ill-formed (replaced by U+FFFD). */
size_t ws_utf8_to_wide(const char *s, size_t n, WCHAR *out, size_t cap, bool *invalid);
size_t ws_wide_to_utf8(const WCHAR *w, size_t n, char *out, size_t cap, bool *invalid);

/* The length of a wide string, which may be unaligned (Windows programs
 * hand WCHAR strings at odd addresses; glibc's wcslen assumes alignment). */
size_t ws_wcslen(const WCHAR *w);

/* A NUL-terminated wide string as malloc'd UTF-8 (NULL: out of memory). */
char *ws_wide_to_utf8_dup(const WCHAR *w);
/* A NUL-terminated UTF-8 string as a malloc'd wide one. */
WCHAR *ws_utf8_to_wide_dup(const char *s);

/* Names the kernel stores (files, registry keys, users) are bytes: these
 * conversions are lossless, a byte that is not UTF-8 being the lone
 * surrogate U+DC80 + byte in the wide form.  ws_name_from_wide: malloc'd
 * UTF-8, NULL if w is NULL or out of memory.  ws_name_to_wide: the units
 * needed without the terminating zero; writes at most cap units (cap
 * counts the zero, written when it fits). */
char *ws_name_from_wide(const WCHAR *w);
size_t ws_name_to_wide(const char *s, WCHAR *out, size_t cap);

/* Unicode simple case mapping of one code point (any other value is
 * returned as it is), and the C.UTF-8 locale it uses (NULL if missing:
 * then only ASCII is mapped). */
uint32_t ws_char_lower(uint32_t ch);
uint32_t ws_char_upper(uint32_t ch);
locale_t ws_utf8_locale(void);
#endif
