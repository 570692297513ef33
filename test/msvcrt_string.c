/* The MSVC string and number names: _stricmp and its old names,
 * _strnicmp, _wcsicmp, _wcsnicmp, _strdup, _wcsdup, _strlwr, _strupr,
 * _itoa/_ltoa/_ultoa/_i64toa/_ui64toa and the _s forms, _atoi64,
 * _strtoi64, _strtoui64, rand_s, _get_errno/_set_errno.  Expectations
 * from the reference pages and Wine's msvcrt string.c tests. */
#include "crtest.h"

/* Comparisons fold to lower case, so '_' sorts before the letters. */
WT_CASE(stricmp_family)
{
    const char *volatile none = NULL;
    expect_crt_ok(_stricmp("Hello", "hELLO"), 0);
    ok(_stricmp("JOHN_HENRY", "JOHNSTON") < 0 && strcmp("JOHN_HENRY", "JOHNSTON") > 0, "'_' before letters");
    ok(_stricmp("abc", "ABD") < 0 && _stricmp("abd", "ABC") > 0 && _stricmp("ab", "ABC") < 0, "order");
    ok(stricmp("aB", "Ab") == 0 && strcmpi("aB", "Ab") == 0 && _strcmpi("aB", "Ab") == 0, "old names");
    expect_crt(_stricmp(none, "a"), _NLSCMPERROR, EINVAL, 1);
    expect_crt(_stricmp("a", none), _NLSCMPERROR, EINVAL, 1);
    expect_crt_ok(_strnicmp("abcX", "ABCy", 3), 0);
    ok(_strnicmp("abcX", "ABCy", 4) < 0 && strnicmp("ab", "AB", 10) == 0, "strnicmp counts");
    expect_crt_ok(_strnicmp("a", "b", 0), 0);
    expect_crt(_strnicmp(none, "a", 1), _NLSCMPERROR, EINVAL, 1);
    expect_crt_ok(_wcsicmp(L"Wide", L"wIDE"), 0);
    ok(_wcsicmp(L"a", L"B") < 0 && _wcsnicmp(L"abX", L"ABy", 2) == 0 && _wcsnicmp(L"abX", L"ABy", 3) < 0, "wide");
    expect_crt(_wcsicmp(NULL, L"a"), _NLSCMPERROR, EINVAL, 1);
}

WT_CASE(strdup_and_case)
{
    char *d = _strdup("copy me");
    wchar_t *w = _wcsdup(L"wide copy");
    ok(d && !strcmp(d, "copy me"), "_strdup");
    ok(w && !wcscmp(w, L"wide copy"), "_wcsdup");
    free(d);
    free(w);
    expect_crt_ok(_strdup(NULL), 0); /* NULL in, NULL out: no invalid parameter */
    expect_crt_ok(_wcsdup(NULL), 0);
    char s[] = "MiXeD 123";
    wchar_t ws[] = L"MiXeD";
    ok(_strlwr(s) == s && !strcmp(s, "mixed 123"), "_strlwr: %s", s);
    ok(_strupr(s) == s && !strcmp(s, "MIXED 123"), "_strupr: %s", s);
    ok(strlwr(s) == s && !strcmp(s, "mixed 123") && strupr(s) == s, "old names");
    ok(_wcslwr(ws) == ws && !wcscmp(ws, L"mixed"), "_wcslwr");
    ok(_wcsupr(ws) == ws && !wcscmp(ws, L"MIXED"), "_wcsupr");
    expect_crt(_strlwr(NULL), 0, EINVAL, 1);
    expect_crt(_wcsupr(NULL), 0, EINVAL, 1);
}

/* Only radix 10 writes a sign; other radixes show the two's complement of
 * the type's width (a long is 32 bits). */
WT_CASE(itoa_radix_rules)
{
    char buf[80];
    ok(!strcmp(_itoa(-123, buf, 10), "-123"), "_itoa -123: %s", buf);
    ok(!strcmp(_itoa(-1, buf, 16), "ffffffff"), "_itoa -1 radix 16: %s", buf);
    ok(!strcmp(_itoa(5, buf, 2), "101") && !strcmp(_itoa(35, buf, 36), "z"), "radix 2 and 36");
    ok(!strcmp(_itoa(0, buf, 10), "0") && !strcmp(itoa(42, buf, 8), "52"), "zero, old name");
    ok(!strcmp(_ltoa(-1L, buf, 16), "ffffffff") && !strcmp(_ltoa(-99L, buf, 10), "-99"), "_ltoa: %s", buf);
    ok(!strcmp(_ultoa(4294967295UL, buf, 10), "4294967295") && !strcmp(_ultoa(255UL, buf, 16), "ff"), "_ultoa");
    ok(!strcmp(_i64toa(-1LL, buf, 16), "ffffffffffffffff"), "_i64toa -1 radix 16: %s", buf);
    ok(!strcmp(_i64toa(_I64_MIN, buf, 10), "-9223372036854775808"), "_i64toa min: %s", buf);
    ok(!strcmp(_ui64toa(_UI64_MAX, buf, 10), "18446744073709551615"), "_ui64toa max: %s", buf);
    ok(strlen(_ui64toa(_UI64_MAX, buf, 2)) == 64 && strspn(buf, "1") == 64, "_ui64toa radix 2");
    memset(buf, 'X', sizeof buf);
    expect_crt(_itoa(7, buf, 1), (intptr_t)buf, EINVAL, 1);
    ok(buf[0] == 0, "bad radix empties the buffer");
    expect_crt(_i64toa(7, buf, 37), (intptr_t)buf, EINVAL, 1);
}

/* Wine's msvcrt string.c test__itoa_s. */
WT_CASE(itoa_s_rules)
{
    char buf[33];
    memset(buf, 'X', sizeof buf);
    expect_crt(_itoa_s(0, NULL, sizeof buf, 10), EINVAL, EINVAL, 1);
    expect_crt(_itoa_s(0, buf, 0, 0), EINVAL, EINVAL, 1);
    ok(buf[0] == 'X', "size 0 leaves the buffer alone");
    expect_crt(_itoa_s(0, buf, sizeof buf, 0), EINVAL, EINVAL, 1);
    ok(buf[0] == 0, "bad radix: empty string");
    expect_crt(_itoa_s(0, buf, sizeof buf, 64), EINVAL, EINVAL, 1);
    memset(buf, 'X', sizeof buf);
    expect_crt(_itoa_s(12345678, buf, 4, 10), ERANGE, ERANGE, 1);
    ok(!memcmp(buf, "\000765", 4), "too small: the digits written so far behind an empty string");
    memset(buf, 'X', sizeof buf);
    expect_crt(_itoa_s(12345678, buf, 8, 10), ERANGE, ERANGE, 1);
    ok(!memcmp(buf, "\0007654321", 8), "one short");
    memset(buf, 'X', sizeof buf);
    expect_crt(_itoa_s(-12345678, buf, 9, 10), ERANGE, ERANGE, 1);
    ok(!memcmp(buf, "\00087654321", 9), "one short, negative");
    expect_crt_ok(_itoa_s(-12345678, buf, 10, 10), 0);
    ok(!strcmp(buf, "-12345678"), "fits: %s", buf);
    expect_crt_ok(_i64toa_s(-1LL, buf, sizeof buf, 16), 0);
    ok(!strcmp(buf, "ffffffffffffffff"), "_i64toa_s: %s", buf);
    expect_crt(_ui64toa_s(_UI64_MAX, buf, 20, 10), ERANGE, ERANGE, 1);
    expect_crt_ok(_ui64toa_s(_UI64_MAX, buf, 21, 10), 0);
}

WT_CASE(atoi64_and_strtoi64)
{
    char *end;
    const char *s;
    expect_crt_ok(_atoi64("  -123xyz"), -123);
    expect_crt_ok(_atoi64("+9223372036854775807"), _I64_MAX);
    expect_crt(_atoi64("9223372036854775808"), _I64_MAX, ERANGE, 0);
    expect_crt(_atoi64("-9223372036854775809"), _I64_MIN, ERANGE, 0);
    expect_crt_ok(_atoi64("x1"), 0);
    expect_crt(_atoi64(NULL), 0, EINVAL, 1);
    s = "0x1Fg";
    expect_crt_ok(_strtoi64(s, &end, 16), 31);
    ok(end == s + 4, "end after the hex digits");
    expect_crt_ok(_strtoi64("010", NULL, 0), 8);
    expect_crt_ok(_strtoi64("0x10", NULL, 0), 16);
    expect_crt_ok(_strtoi64("z", NULL, 36), 35);
    s = "  +42abc";
    expect_crt_ok(_strtoi64(s, &end, 10), 42);
    ok(end == s + 5, "end at the first non-digit");
    s = "xyz";
    expect_crt_ok(_strtoi64(s, &end, 10), 0);
    ok(end == s, "no digits: end is the string");
    s = "12";
    expect_crt(_strtoi64(s, &end, 37), 0, EINVAL, 1);
    ok(end == s, "bad base: end is the string");
    expect_crt(_strtoi64(s, NULL, 1), 0, EINVAL, 1);
    expect_crt(_strtoi64(NULL, NULL, 10), 0, EINVAL, 1);
    s = "99999999999999999999 ";
    expect_crt(_strtoi64(s, &end, 10), _I64_MAX, ERANGE, 0);
    ok(end == s + 20, "overflow: end after all the digits");
    expect_crt_ok(_strtoui64("18446744073709551615", NULL, 10), _UI64_MAX);
    expect_crt(_strtoui64("18446744073709551616", NULL, 10), _UI64_MAX, ERANGE, 0);
    expect_crt_ok(_strtoui64("-1", NULL, 10), _UI64_MAX);
    expect_crt_ok(_strtoui64("ff", NULL, 16), 255);
}

WT_CASE(rand_s_values)
{
    unsigned int v[32];
    int distinct = 0;
    for (int i = 0; i < 32; i++) {
        v[i] = 0;
        expect_crt_ok(rand_s(&v[i]), 0);
    }
    for (int i = 1; i < 32; i++)
        distinct += v[i] != v[0];
    ok(distinct > 0, "32 random values are not all the same");
    expect_crt(rand_s(NULL), EINVAL, EINVAL, 1);
}

WT_CASE(errno_accessors)
{
    int e = 0;
    expect_crt(_set_errno(ERANGE), 0, ERANGE, 0);
    ok(_get_errno(&e) == 0 && e == ERANGE, "_get_errno: %d", e);
    ok(_errno() == &errno, "_errno is errno");
    expect_crt(_get_errno(NULL), EINVAL, EINVAL, 1);
}

WT_MAIN(stricmp_family, strdup_and_case, itoa_radix_rules, itoa_s_rules, atoi64_and_strtoi64, rand_s_values,
        errno_accessors)
