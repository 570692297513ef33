/* stdlib.h number conversions: _itoa, _ltoa, _ultoa, _i64toa, _ui64toa
 * (and the old names itoa, ltoa, ultoa), _itoa_s, _i64toa_s, _ui64toa_s,
 * _atoi64, _strtoi64, _strtoui64.
 *
 * Radix 2..36, lower-case digits; only radix 10 writes a '-', other radixes
 * show the two's complement ("_itoa, _itow functions").  The unsized forms
 * are the _s ones with an unbounded buffer, as in the UCRT. */
#include "msvcrt.h"
#include <ctype.h>
#include <limits.h>
#include <string.h>

/* The _itoa_s rules, pinned by Wine's msvcrt string.c test__itoa_s: a NULL
 * buffer or a zero size is EINVAL with the buffer untouched; otherwise the
 * buffer is emptied first, a bad radix is EINVAL, and output that does not
 * fit is ERANGE with the buffer holding an empty string followed by the
 * digits that were written (least significant first, as they come). */
/* v is the magnitude when neg (a '-' is written), else the bits to show. */
static int to_text(struct ws_call *c, unsigned long long v, bool neg, char *buf, size_t size, int radix)
{
    if (!buf || !size) {
        ws_crt_invalid(c, EINVAL);
        return EINVAL;
    }
    buf[0] = 0;
    if (radix < 2 || radix > 36) {
        ws_crt_invalid(c, EINVAL);
        return EINVAL;
    }
    size_t n = 0;
    if (neg)
        buf[n++] = '-';
    size_t first = n;
    do {
        if (n >= size) {
            buf[0] = 0;
            ws_crt_invalid(c, ERANGE);
            return ERANGE;
        }
        unsigned d = (unsigned)(v % (unsigned)radix);
        buf[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= (unsigned)radix;
    } while (v);
    if (n >= size) {
        buf[0] = 0;
        ws_crt_invalid(c, ERANGE);
        return ERANGE;
    }
    buf[n] = 0;
    for (size_t i = first, j = n - 1; i < j; i++, j--) {
        char t = buf[i];
        buf[i] = buf[j];
        buf[j] = t;
    }
    return 0;
}

#define UNBOUNDED ((size_t)-1)
/* What a signed value shows in radix: its magnitude after a '-' in radix
 * 10, its two's complement in width bits elsewhere. */
#define SIGNED(value, radix, ubits) \
    ((radix) == 10 && (value) < 0 ? 0 - (unsigned long long)(value) : (unsigned long long)(ubits)(value))

WS2P_EXPORT char *_itoa(int value, char *buf, int radix)
{
    struct ws_call c = WS_CRT_CALL("_itoa");
    to_text(&c, SIGNED(value, radix, unsigned), radix == 10 && value < 0, buf, UNBOUNDED, radix);
    return CRT_EXIT(&c, buf, "value=%d, radix=%d", value, radix);
}
WS2P_EXPORT char *itoa(int value, char *buf, int radix) __attribute__((alias("_itoa")));

/* A Windows long is 32 bits: a negative one in radix 16 is 8 digits.  A
 * value only a 64-bit long can hold is converted as it is. */
WS2P_EXPORT char *_ltoa(long value, char *buf, int radix)
{
    struct ws_call c = WS_CRT_CALL("_ltoa");
    unsigned long long v =
        value >= INT_MIN && value <= INT_MAX ? SIGNED(value, radix, unsigned) : SIGNED(value, radix, unsigned long);
    to_text(&c, v, radix == 10 && value < 0, buf, UNBOUNDED, radix);
    return CRT_EXIT(&c, buf, "value=%ld, radix=%d", value, radix);
}
WS2P_EXPORT char *ltoa(long value, char *buf, int radix) __attribute__((alias("_ltoa")));

WS2P_EXPORT char *_ultoa(unsigned long value, char *buf, int radix)
{
    struct ws_call c = WS_CRT_CALL("_ultoa");
    to_text(&c, value, false, buf, UNBOUNDED, radix);
    return CRT_EXIT(&c, buf, "value=%lu, radix=%d", value, radix);
}
WS2P_EXPORT char *ultoa(unsigned long value, char *buf, int radix) __attribute__((alias("_ultoa")));

WS2P_EXPORT char *_i64toa(long long value, char *buf, int radix)
{
    struct ws_call c = WS_CRT_CALL("_i64toa");
    to_text(&c, SIGNED(value, radix, unsigned long long), radix == 10 && value < 0, buf, UNBOUNDED, radix);
    return CRT_EXIT(&c, buf, "value=%lld, radix=%d", value, radix);
}

WS2P_EXPORT char *_ui64toa(unsigned long long value, char *buf, int radix)
{
    struct ws_call c = WS_CRT_CALL("_ui64toa");
    to_text(&c, value, false, buf, UNBOUNDED, radix);
    return CRT_EXIT(&c, buf, "value=%llu, radix=%d", value, radix);
}

WS2P_EXPORT int _itoa_s(int value, char *buf, size_t size, int radix)
{
    struct ws_call c = WS_CRT_CALL("_itoa_s");
    int ret = to_text(&c, SIGNED(value, radix, unsigned), radix == 10 && value < 0, buf, size, radix);
    return CRT_EXIT(&c, ret, "value=%d, buf=%p, size=%zu, radix=%d", value, (void *)buf, size, radix);
}

WS2P_EXPORT int _i64toa_s(long long value, char *buf, size_t size, int radix)
{
    struct ws_call c = WS_CRT_CALL("_i64toa_s");
    int ret = to_text(&c, SIGNED(value, radix, unsigned long long), radix == 10 && value < 0, buf, size, radix);
    return CRT_EXIT(&c, ret, "value=%lld, buf=%p, size=%zu, radix=%d", value, (void *)buf, size, radix);
}

WS2P_EXPORT int _ui64toa_s(unsigned long long value, char *buf, size_t size, int radix)
{
    struct ws_call c = WS_CRT_CALL("_ui64toa_s");
    int ret = to_text(&c, value, false, buf, size, radix);
    return CRT_EXIT(&c, ret, "value=%llu, buf=%p, size=%zu, radix=%d", value, (void *)buf, size, radix);
}

/* [whitespace][+|-][0x|0X]digits ("_strtoi64" docs).  Our own loop rather
 * than glibc's strtoll, which newer glibc builds also let read C23's "0b"
 * prefix.  *overflow set past the range; the magnitude is returned. */
static unsigned long long parse(const char *s, char **end, int base, bool *neg, bool *overflow, bool *any)
{
    const char *p = s;
    unsigned long long v = 0;
    *neg = *overflow = *any = false;
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        *neg = *p++ == '-';
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && isxdigit((unsigned char)p[2]))
        p += 2, base = 16;
    else if (base == 0)
        base = p[0] == '0' ? 8 : 10;
    for (;; p++) {
        int ch = (unsigned char)*p, d;
        if (ch >= '0' && ch <= '9')
            d = ch - '0';
        else if (ch >= 'a' && ch <= 'z')
            d = ch - 'a' + 10;
        else if (ch >= 'A' && ch <= 'Z')
            d = ch - 'A' + 10;
        else
            break;
        if (d >= base)
            break;
        *any = true;
        if (v > (ULLONG_MAX - (unsigned)d) / (unsigned)base)
            *overflow = true;
        else
            v = v * (unsigned)base + (unsigned)d;
    }
    if (end)
        *end = (char *)(*any ? p : s);
    return v;
}

static long long to_signed(struct ws_call *c, const char *s, char **end, int base)
{
    if (end)
        *end = (char *)s;
    if (!s || (base != 0 && (base < 2 || base > 36))) {
        ws_crt_invalid(c, EINVAL);
        return 0;
    }
    bool neg, overflow, any;
    unsigned long long v = parse(s, end, base, &neg, &overflow, &any);
    if (!overflow && v <= (neg ? (unsigned long long)LLONG_MAX + 1 : (unsigned long long)LLONG_MAX))
        return neg ? (long long)(0 - v) : (long long)v;
    ws_crt_fail(c, "out of range", ERANGE);
    return neg ? LLONG_MIN : LLONG_MAX;
}

WS2P_EXPORT long long _strtoi64(const char *s, char **end, int base)
{
    struct ws_call c = WS_CRT_CALL("_strtoi64");
    long long ret = to_signed(&c, s, end, base);
    return CRT_EXIT(&c, ret, "s=%s, base=%d", s ? s : "(null)", base);
}

WS2P_EXPORT long long _atoi64(const char *s)
{
    struct ws_call c = WS_CRT_CALL("_atoi64");
    long long ret = to_signed(&c, s, NULL, 10);
    return CRT_EXIT(&c, ret, "s=%s", s ? s : "(null)");
}

/* A '-' negates the value, as strtoull does. */
WS2P_EXPORT unsigned long long _strtoui64(const char *s, char **end, int base)
{
    struct ws_call c = WS_CRT_CALL("_strtoui64");
    unsigned long long ret = 0;
    if (end)
        *end = (char *)s;
    if (!s || (base != 0 && (base < 2 || base > 36))) {
        ws_crt_invalid(&c, EINVAL);
    } else {
        bool neg, overflow, any;
        ret = parse(s, end, base, &neg, &overflow, &any);
        if (overflow) {
            ws_crt_fail(&c, "out of range", ERANGE);
            ret = ULLONG_MAX;
        } else if (neg) {
            ret = 0 - ret;
        }
    }
    return CRT_EXIT(&c, ret, "s=%s, base=%d", s ? s : "(null)", base);
}
