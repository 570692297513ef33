/* string.h: _stricmp (and its old names _strcmpi, stricmp, strcmpi),
 * _strnicmp/strnicmp, _wcsicmp, _wcsnicmp, _strdup, _wcsdup, _strlwr,
 * _strupr (strlwr, strupr), _wcslwr, _wcsupr.
 *
 * The comparisons fold to lower case before comparing, so '_' (0x5f)
 * sorts before every letter (_stricmp docs: JOHN_HENRY < JOHNSTON), and
 * return the difference of the folded characters.  Folding follows the C
 * library's LC_CTYPE, the C locale until the program calls setlocale, as
 * on Windows.  NULL strings are invalid parameters: _NLSCMPERROR, EINVAL. */
#include "msvcrt.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#define NLSCMPERROR 2147483647

static int fold_cmp(struct ws_call *c, const char *a, const char *b, size_t n)
{
    if (!a || !b) {
        ws_crt_invalid(c, EINVAL);
        return NLSCMPERROR;
    }
    for (size_t i = 0; i < n; i++) {
        int x = tolower((unsigned char)a[i]), y = tolower((unsigned char)b[i]);
        if (x != y || !x)
            return x - y;
    }
    return 0;
}

static int wfold_cmp(struct ws_call *c, const wchar_t *a, const wchar_t *b, size_t n)
{
    if (!a || !b) {
        ws_crt_invalid(c, EINVAL);
        return NLSCMPERROR;
    }
    for (size_t i = 0; i < n; i++) {
        wint_t x = towlower((wint_t)a[i]), y = towlower((wint_t)b[i]);
        if (x != y || !x)
            return (int)x - (int)y;
    }
    return 0;
}

WS2P_EXPORT int _stricmp(const char *a, const char *b)
{
    struct ws_call c = WS_CRT_CALL("_stricmp");
    int ret = fold_cmp(&c, a, b, SIZE_MAX);
    return CRT_EXIT(&c, ret, "a=%s, b=%s", a ? a : "(null)", b ? b : "(null)");
}
/* The names MSVC keeps for old code ("_stricmp is equivalent to _strcmpi"). */
WS2P_EXPORT int _strcmpi(const char *a, const char *b) __attribute__((alias("_stricmp")));
WS2P_EXPORT int stricmp(const char *a, const char *b) __attribute__((alias("_stricmp")));
WS2P_EXPORT int strcmpi(const char *a, const char *b) __attribute__((alias("_stricmp")));

WS2P_EXPORT int _strnicmp(const char *a, const char *b, size_t n)
{
    struct ws_call c = WS_CRT_CALL("_strnicmp");
    int ret = fold_cmp(&c, a, b, n);
    return CRT_EXIT(&c, ret, "a=%s, b=%s, count=%zu", a ? a : "(null)", b ? b : "(null)", n);
}
WS2P_EXPORT int strnicmp(const char *a, const char *b, size_t n) __attribute__((alias("_strnicmp")));

WS2P_EXPORT int _wcsicmp(const wchar_t *a, const wchar_t *b)
{
    struct ws_call c = WS_CRT_CALL("_wcsicmp");
    int ret = wfold_cmp(&c, a, b, SIZE_MAX);
    return CRT_EXIT(&c, ret, "a=%ls, b=%ls", a ? a : L"(null)", b ? b : L"(null)");
}

WS2P_EXPORT int _wcsnicmp(const wchar_t *a, const wchar_t *b, size_t n)
{
    struct ws_call c = WS_CRT_CALL("_wcsnicmp");
    int ret = wfold_cmp(&c, a, b, n);
    return CRT_EXIT(&c, ret, "a=%ls, b=%ls, count=%zu", a ? a : L"(null)", b ? b : L"(null)", n);
}

/* NULL in, NULL out (no invalid parameter). */
WS2P_EXPORT char *_strdup(const char *s)
{
    struct ws_call c = WS_CRT_CALL("_strdup");
    char *ret = NULL;
    if (s && !(ret = strdup(s)))
        ws_crt_fail(&c, "malloc", ENOMEM);
    return CRT_EXIT(&c, ret, "s=%p", (const void *)s);
}

WS2P_EXPORT wchar_t *_wcsdup(const wchar_t *s)
{
    struct ws_call c = WS_CRT_CALL("_wcsdup");
    wchar_t *ret = NULL;
    if (s && !(ret = wcsdup(s)))
        ws_crt_fail(&c, "malloc", ENOMEM);
    return CRT_EXIT(&c, ret, "s=%p", (const void *)s);
}

/* In place; NULL is an invalid parameter and is returned. */
static char *fold(const char *fn, char *s, int (*f)(int))
{
    struct ws_call c = WS_CRT_CALL(fn);
    if (!s)
        ws_crt_invalid(&c, EINVAL);
    else
        for (char *p = s; *p; p++)
            *p = (char)f((unsigned char)*p);
    return CRT_EXIT(&c, s, "s=%p", (void *)s);
}

static wchar_t *wfold(const char *fn, wchar_t *s, wint_t (*f)(wint_t))
{
    struct ws_call c = WS_CRT_CALL(fn);
    if (!s)
        ws_crt_invalid(&c, EINVAL);
    else
        for (wchar_t *p = s; *p; p++)
            *p = (wchar_t)f((wint_t)*p);
    return CRT_EXIT(&c, s, "s=%p", (void *)s);
}

WS2P_EXPORT char *_strlwr(char *s)
{
    return fold("_strlwr", s, tolower);
}
WS2P_EXPORT char *strlwr(char *s) __attribute__((alias("_strlwr")));

WS2P_EXPORT char *_strupr(char *s)
{
    return fold("_strupr", s, toupper);
}
WS2P_EXPORT char *strupr(char *s) __attribute__((alias("_strupr")));

WS2P_EXPORT wchar_t *_wcslwr(wchar_t *s)
{
    return wfold("_wcslwr", s, towlower);
}

WS2P_EXPORT wchar_t *_wcsupr(wchar_t *s)
{
    return wfold("_wcsupr", s, towupper);
}
