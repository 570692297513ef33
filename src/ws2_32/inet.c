/* Text <-> binary address conversion: inet_addr, inet_ntoa, inet_pton,
 * inet_ntop, InetPtonW, InetNtopW, WSAAddressToStringA/W, WSAStringToAddressA/W.
 * Windows' parsers differ from glibc's (inet_addr stops at whitespace,
 * WSAStringToAddress takes ":port" and "[v6%scope]:port"), so the text side
 * is parsed here; the facts come from Wine's protocol.c tests. */
#include "core.h"
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

/* Modern Windows (8+) reports a short inet_ntop buffer with this NTSTATUS
 * as the last error; Windows 7 said WSAEINVAL (protocol.c test_addr_to_print). */
#define WS_STATUS_INVALID_PARAMETER 0xC000000Du

/* Exit for the functions that must leave the last error alone unless they
 * fail with one (inet_addr, inet_pton: protocol.c expects 0xdeadbeef kept). */
#define WS_EXIT_KEEP(c, ret, ...)                                                               \
    ((c)->err ? (void)(ws_last_error = (DWORD)(c)->err) : (void)0,                               \
     ws_unlikely(ws_trace_on) ? ws_trace((c), (long long)(ret), __VA_ARGS__) : (void)0, (ret))

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The C locale's isspace(): the set protocol.c test_inet_addr iterates. */
static bool is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* One number of the permissive IPv4 syntax: decimal, octal after a leading
 * 0, hex after 0x/0X.  *wrapped is the value modulo 2^32, *big says it did
 * not fit in 32 bits. */
static const char *v4_number(const char *p, uint32_t *wrapped, bool *big)
{
    uint64_t v = 0;
    unsigned base = 10;
    *big = false;
    if (!is_digit(*p))
        return NULL;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        base = 16;
        p += 2;
        if (hex_value(*p) < 0) /* "1.1.1.0x" */
            return NULL;
    } else if (p[0] == '0') {
        base = 8;
    }
    const char *start = p;
    for (int d; (d = hex_value(*p)) >= 0 && (base == 16 || is_digit(*p)); p++) {
        /* An 8 or 9 right after the leading 0 is no number ("1.1.1.08");
         * after more octal digits it ends the number ("1.1.1.008" stores
         * 1.1.1.0 and fails on the 8: test_WSAStringToAddress). */
        if ((unsigned)d >= base) {
            if (base == 8 && p - start >= 2)
                break;
            return NULL;
        }
        v = v * base + (unsigned)d;
        if (v > 0xffffffffu) {
            *big = true;
            v &= 0xffffffffu;
        }
    }
    *wrapped = (uint32_t)v;
    return p;
}

/* 1-4 dot-separated numbers, the last filling the remaining bytes
 * ("1.2" is 1.0.0.2).  Stops at the first character that cannot continue
 * the address and returns it, or NULL if the text is malformed.  A single
 * number wraps at 32 bits: WSAStringToAddress("0x123456789") gives
 * 0x23456789 (protocol.c test_WSAStringToAddress). */
static const char *v4_loose(const char *p, uint32_t *addr)
{
    uint32_t part[4];
    int n = 0;
    for (;;) {
        bool big;
        p = v4_number(p, &part[n], &big);
        if (!p || (big && n > 0))
            return NULL;
        n++;
        if (*p != '.')
            break;
        if (n == 4) /* a fifth part: nothing is stored ("3.4.5.6.7") */
            return NULL;
        p++;
    }
    uint32_t v = 0;
    for (int i = 0; i < n - 1; i++) {
        if (part[i] > 255)
            return NULL;
        v |= part[i] << (24 - 8 * i);
    }
    if (n > 1 && part[n - 1] > (0xffffffffu >> (8 * (n - 1))))
        return NULL;
    *addr = htonl(v | part[n - 1]);
    return p;
}

/* Exactly four decimal numbers 0-255 without leading zeros (inet_pton).
 * Returns where parsing stopped, or NULL if the four numbers are not there. */
static const char *v4_strict(const char *p, uint32_t *addr)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        if (i && *p++ != '.')
            return NULL;
        if (!is_digit(*p) || (p[0] == '0' && is_digit(p[1])))
            return NULL;
        unsigned n = 0;
        for (int k = 0; is_digit(*p); p++, k++)
            if (k == 3 || (n = n * 10 + (unsigned)(*p - '0')) > 255)
                return NULL;
        v = v << 8 | n;
    }
    /* A hex prefix or a fifth part fails before anything is stored, other
     * trailing text after it (test_inet_pton: "1.1.1.0xaA", "3.4.5.6.7"
     * leave the buffer, "1.1.1.0a" and "3.4.5.6 " fill it). */
    if (*p == '.' || ((p[0] == 'x' || p[0] == 'X') && p[-1] == '0'))
        return NULL;
    *addr = htonl(v);
    return p;
}

/* Dotted quad inside IPv6 text: decimal numbers of at most 3 digits
 * ("1::001.2.3.4" is accepted, "1::0001.2.3.4" is not). */
/* The value of one group: hex digits read like strtol(base 16), which also
 * takes a "0x" prefix and stops at LONG_MAX; the group keeps the low 16
 * bits (protocol.c: "::0x80000000" gives ffff, "::0x012345678" 5678). */
static unsigned v6_group_value(const char *p)
{
    uint64_t v = 0;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && hex_value(p[2]) >= 0)
        p += 2;
    for (int d; (d = hex_value(*p)) >= 0; p++)
        if ((v = v << 4 | (unsigned)d) > 0x7fffffff)
            v = 0x7fffffff;
    return (unsigned)v & 0xffff;
}

/* A dotted quad at byte offset 2n: each of the first three numbers is stored
 * once its '.' is seen, the last only if the quad ends the address (a "::"
 * before it, or six groups).  NULL on failure, the parts already stored stay. */
static const char *v4_in_v6(const char *p, unsigned char *out, int n, bool gap)
{
    for (int i = 0; i < 4; i++) {
        unsigned v = 0;
        int k = 0;
        for (; is_digit(*p); p++, k++)
            if (k == 3 || (v = v * 10 + (unsigned)(*p - '0')) > 255)
                return NULL;
        if (!k)
            return NULL;
        if (i < 3) {
            if (*p++ != '.')
                return NULL;
        } else if (!gap && n != 6) {
            return NULL;
        }
        out[2 * n + i] = (unsigned char)v;
    }
    return p;
}

/* RFC 4291 text the way Windows reads it (protocol.c's inet_pton table):
 * groups of 1-4 hex digits are stored into out as they are read, one "::"
 * (then at most 7 explicit groups), a dotted quad as the last 32 bits.
 * Two ways to end: a hard error returns NULL and leaves out as far as it
 * was written; otherwise parsing stops at the first character that cannot
 * continue the address, the groups after "::" move to the end, and that
 * character is returned (inet_pton accepts the text only if it is the NUL). */
static const char *v6_parse(const char *p, unsigned char *out)
{
    int n = 0, gap = -1; /* n counts groups */
    if (p[0] == ':') {
        if (p[1] != ':')
            return NULL;
        gap = 0;
        out[0] = out[1] = 0; /* "::01234" fails with group 0 already zeroed */
        p += 2;
        if (hex_value(*p) < 0)
            goto done;
    }
    for (;;) {
        int max = gap >= 0 ? 7 : 8;
        const char *q = p;
        bool decimal = true;
        if (n == max)
            break;
        for (; hex_value(*q) >= 0; q++)
            decimal = decimal && is_digit(*q);
        if (q == p || q - p > 4)
            return NULL;
        if (*q == '.' && decimal && n + 2 <= max) {
            if (!(p = v4_in_v6(p, out, n, gap >= 0)))
                return NULL;
            n += 2;
            break;
        }
        bool last = n == max - 1;
        if (!last && *q != ':' && gap < 0)
            return NULL; /* "1111:2222:3333": a group that cannot end the address */
        unsigned v = v6_group_value(p);
        out[2 * n] = (unsigned char)(v >> 8);
        out[2 * n + 1] = (unsigned char)v;
        n++;
        p = q;
        if (last || *p != ':')
            break;
        if (p[1] == ':') {
            if (gap >= 0)
                break; /* a second "::" ends the address */
            gap = n;
            p += 2;
            if (hex_value(*p) < 0)
                break;
        } else {
            p++; /* one ':' promises another group */
        }
    }
done:
    if (gap >= 0) {
        int tail = n - gap;
        memmove(out + 16 - 2 * tail, out + 2 * gap, (size_t)(2 * tail));
        memset(out + 2 * gap, 0, (size_t)(16 - 2 * n));
    }
    return p;
}

/* ---- inet_addr / inet_ntoa -------------------------------------------- */

WS2P_EXPORT uint32_t ws2p_inet_addr(const char *cp)
{
    struct ws_call c = WS_CALL("inet_addr");
    uint32_t addr = 0xffffffffu;
    const char *end;
    if (ws_bad_ptr(cp))
        ws_fail(&c, WSAEFAULT);
    else if (!strcmp(cp, " "))
        addr = 0; /* test_inet_addr: " " is 0.0.0.0 while "  " and "\t" are INADDR_NONE */
    else if (!(end = v4_loose(cp, &addr)) || (*end && !is_space(*end)))
        addr = 0xffffffffu; /* parsing stops at the first whitespace; anything else is an error */
    return WS_EXIT_KEEP(&c, addr, "cp=\"%s\"", ws_trace_str(cp));
}

struct ws_in_addr {
    uint32_t s_addr;
};

WS2P_EXPORT char *ws2p_inet_ntoa(struct ws_in_addr in)
{
    static __thread char buf[16]; /* per thread, as on Windows (test_inet_ntoa) */
    const unsigned char *b = (const unsigned char *)&in.s_addr;
    snprintf(buf, sizeof buf, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
    return buf;
}

/* ---- inet_pton / InetPtonW --------------------------------------------- */

/* Returns 1, 0 (not an address) or -1 with *err set. */
static int pton(int family, const char *src, void *dst, int *err)
{
    if (ws_bad_ptr(src) || ws_bad_ptr(dst)) {
        *err = WSAEFAULT; /* (inet_pton docs) */
        return -1;
    }
    if (family == WS_AF_INET) {
        uint32_t a;
        const char *end = v4_strict(src, &a);
        if (!end)
            return 0;
        /* Windows stores the four numbers before it looks at what follows
         * ("3.4.5.6 " returns 0 but fills the buffer). */
        memcpy(dst, &a, 4);
        return *end == 0;
    }
    if (family == WS_AF_INET6) {
        /* Windows writes the groups as it reads them, also when the text is
         * then rejected (protocol.c test_inet_pton). */
        const char *end = v6_parse(src, dst);
        return end && !*end;
    }
    *err = WSAEAFNOSUPPORT;
    return -1;
}

WS2P_EXPORT int ws2p_inet_pton(int family, const char *src, void *dst)
{
    struct ws_call c = WS_CALL("inet_pton");
    int ret = pton(family, src, dst, &c.err); /* a 0 return leaves the last error alone */
    return WS_EXIT_KEEP(&c, ret, "family=%d, src=\"%s\", dst=%p", family, ws_trace_str(src), dst);
}

/* Address text is ASCII; anything wider cannot be part of an address. */
static bool narrow(const WCHAR *w, char *out, size_t size)
{
    size_t i = 0;
    for (; w[i]; i++) {
        if (i + 1 >= size || (uint32_t)w[i] > 0x7f)
            return false;
        out[i] = (char)w[i];
    }
    out[i] = 0;
    return true;
}

WS2P_EXPORT int InetPtonW(int family, const WCHAR *src, void *dst)
{
    struct ws_call c = WS_CALL("InetPtonW");
    char a[128];
    int ret;
    if (ws_bad_ptr(src))
        ret = pton(family, NULL, dst, &c.err);
    else if (!narrow(src, a, sizeof a))
        ret = pton(family, "", dst, &c.err);
    else
        ret = pton(family, a, dst, &c.err);
    if (ret == 0)
        ws_fail(&c, WSAEINVAL); /* unlike inet_pton, the W form reports bad text */
    return WS_EXIT_KEEP(&c, ret, "family=%d, src=%p, dst=%p", family, (const void *)src, dst);
}

/* ---- inet_ntop / InetNtopW --------------------------------------------- */

/* Formats into buf (at least INET6_ADDRSTRLEN bytes); 0 or a WSA error. */
static int ntop(int family, const void *src, char *buf)
{
    if (family != WS_AF_INET && family != WS_AF_INET6)
        return WSAEAFNOSUPPORT;
    if (ws_bad_ptr(src))
        return WSAEFAULT;
    ws_libc_ntop(family == WS_AF_INET ? AF_INET : AF_INET6, src, buf, INET6_ADDRSTRLEN);
    return 0;
}

WS2P_EXPORT const char *ws2p_inet_ntop(int family, const void *src, char *dst, size_t size)
{
    struct ws_call c = WS_CALL("inet_ntop");
    char buf[INET6_ADDRSTRLEN];
    const char *ret = NULL;
    int err = ntop(family, src, buf);
    if (err)
        ws_fail(&c, err);
    else if (ws_bad_ptr(dst) || size <= strlen(buf))
        ws_fail(&c, (int)WS_STATUS_INVALID_PARAMETER);
    else
        ret = strcpy(dst, buf);
    return WS_EXIT_KEEP(&c, ret, "family=%d, src=%p, dst=%p, size=%zu", family, src, (void *)dst, size);
}

WS2P_EXPORT const WCHAR *InetNtopW(int family, const void *src, WCHAR *dst, size_t size)
{
    struct ws_call c = WS_CALL("InetNtopW");
    char buf[INET6_ADDRSTRLEN];
    const WCHAR *ret = NULL;
    int err = ntop(family, src, buf);
    size_t len = err ? 0 : strlen(buf);
    if (err)
        ws_fail(&c, err);
    else if (ws_bad_ptr(dst) || size <= len)
        ws_fail(&c, (int)WS_STATUS_INVALID_PARAMETER);
    else {
        for (size_t i = 0; i <= len; i++)
            dst[i] = (WCHAR)(unsigned char)buf[i];
        ret = dst;
    }
    return WS_EXIT_KEEP(&c, ret, "family=%d, src=%p, dst=%p, size=%zu", family, src, (void *)dst, size);
}

/* ---- WSAAddressToStringA ---------------------------------------------- */

/* "a.b.c.d[:port]" and "v6[%scope]" or "[v6[%scope]]:port"; the port and
 * scope appear only when non-zero (protocol.c test_WSAAddressToString). */
static int addr_to_string(const void *sa, DWORD len, char *out)
{
    USHORT fam;
    char ip[INET6_ADDRSTRLEN];
    if (ws_bad_ptr(sa))
        return WSAEFAULT;
    if (len < sizeof fam)
        return WSAEINVAL;
    memcpy(&fam, sa, sizeof fam);
    if (fam == WS_AF_INET) {
        struct WS_sockaddr_in a;
        if (len < sizeof a)
            return WSAEINVAL;
        memcpy(&a, sa, sizeof a);
        ws_libc_ntop(AF_INET, &a.sin_addr, ip, sizeof ip);
        if (a.sin_port)
            sprintf(out, "%s:%u", ip, ntohs(a.sin_port));
        else
            strcpy(out, ip);
        return 0;
    }
    if (fam == WS_AF_INET6) {
        struct WS_sockaddr_in6 a;
        char scope[16] = "";
        if (len < sizeof a)
            return WSAEINVAL;
        memcpy(&a, sa, sizeof a);
        ws_libc_ntop(AF_INET6, a.sin6_addr, ip, sizeof ip);
        if (a.sin6_scope_id)
            snprintf(scope, sizeof scope, "%%%u", (unsigned)a.sin6_scope_id);
        if (a.sin6_port)
            sprintf(out, "[%s%s]:%u", ip, scope, ntohs(a.sin6_port));
        else
            sprintf(out, "%s%s", ip, scope);
        return 0;
    }
    return WSAEINVAL; /* documented: not a valid address / no provider for the family */
}

/* The shared body: the text in buf, or -1 with c set.  Lengths count
 * characters (of char or WCHAR), the NUL included. */
static int address_to_string(struct ws_call *c, void *sa, DWORD salen, const void *info, const void *str,
                             DWORD *strlen_, char *buf)
{
    if (!ws_started(c))
        return -1;
    /* The protocol structure is not needed, but must be readable (docs). */
    int err = ws_bad_opt(info) ? WSAEFAULT : addr_to_string(sa, salen, buf);
    DWORD need = err ? 0 : (DWORD)strlen(buf) + 1;
    if (err)
        ws_fail(c, err);
    else if (ws_bad_ptr(strlen_))
        ws_fail(c, WSAEFAULT);
    else if (ws_bad_ptr(str) || *strlen_ < need) {
        /* The required length, NUL included, comes back with WSAEFAULT. */
        *strlen_ = need;
        ws_fail(c, WSAEFAULT);
    } else {
        *strlen_ = need;
        return (int)need;
    }
    return -1;
}

WS2P_EXPORT int WSAAddressToStringA(void *sa, DWORD salen, WS_WSAPROTOCOL_INFOA *info, char *str, DWORD *strlen_)
{
    struct ws_call c = WS_CALL("WSAAddressToStringA");
    char buf[96], a[80];
    int n = address_to_string(&c, sa, salen, info, str, strlen_, buf);
    if (n > 0)
        memcpy(str, buf, (size_t)n);
    return WS_EXIT(&c, n > 0 ? 0 : WS_SOCKET_ERROR, "sa=%s, len=%u, str=%p", ws_trace_addr(a, sa, salen),
                   (unsigned)salen, (void *)str);
}

/* WCHAR is wchar_t here (32 bits); the text is ASCII either way. */
WS2P_EXPORT int WSAAddressToStringW(void *sa, DWORD salen, WS_WSAPROTOCOL_INFOW *info, WCHAR *str, DWORD *strlen_)
{
    struct ws_call c = WS_CALL("WSAAddressToStringW");
    char buf[96], a[80];
    int n = address_to_string(&c, sa, salen, info, str, strlen_, buf);
    for (int i = 0; i < n; i++)
        str[i] = (WCHAR)(unsigned char)buf[i];
    return WS_EXIT(&c, n > 0 ? 0 : WS_SOCKET_ERROR, "sa=%s, len=%u, str=%p", ws_trace_addr(a, sa, salen),
                   (unsigned)salen, (void *)str);
}

/* ---- WSAStringToAddressA ---------------------------------------------- */

/* ":port" after an address: decimal, octal or hex, 1-65535. */
static bool parse_port(const char *p, USHORT *port)
{
    uint32_t v;
    bool big;
    if (*p++ != ':' || !(p = v4_number(p, &v, &big)) || *p || big || v == 0 || v > 65535)
        return false;
    *port = htons((uint16_t)v);
    return true;
}

/* Parses into *sa, which the caller has zeroed.  Like Windows it stores the
 * address as soon as that part parses, and the family only on success
 * (test_WSAStringToAddress: "3.4.5.6 " fails with the bytes written). */
static int string_to_v4(const char *s, struct WS_sockaddr_in *sa)
{
    uint32_t a;
    const char *end = v4_loose(s, &a);
    if (!end)
        return WSAEINVAL;
    sa->sin_addr = a;
    if (*end && !parse_port(end, &sa->sin_port)) {
        sa->sin_port = 0;
        return WSAEINVAL;
    }
    sa->sin_family = WS_AF_INET;
    return 0;
}

static int string_to_v6(const char *s, struct WS_sockaddr_in6 *sa)
{
    bool bracket = *s == '[';
    const char *p = v6_parse(s + bracket, sa->sin6_addr); /* partly written on failure, as on Windows */
    if (!p)
        return WSAEINVAL;
    if (*p == '%') {
        /* A scope id: decimal interface index. */
        uint64_t v = 0;
        if (!is_digit(*++p))
            return WSAEINVAL;
        for (; is_digit(*p); p++)
            if ((v = v * 10 + (unsigned)(*p - '0')) > 0xffffffffu)
                return WSAEINVAL;
        sa->sin6_scope_id = (ULONG)v;
    }
    if (bracket) {
        if (*p++ != ']')
            return WSAEINVAL;
        if (*p && !parse_port(p, &sa->sin6_port))
            return WSAEINVAL;
    } else if (*p) {
        return WSAEINVAL;
    }
    sa->sin6_family = WS_AF_INET6;
    return 0;
}

static int string_to_address(struct ws_call *c, const char *str, int family, const void *info, void *sa, int *salen)
{
    int ret = WS_SOCKET_ERROR;
    if (ws_started(c) && ws_bad_opt(info)) {
        ws_fail(c, WSAEFAULT); /* (WSAStringToAddress docs: lpProtocolInfo) */
    } else if (!c->err) {
        int need = family == WS_AF_INET    ? (int)sizeof(struct WS_sockaddr_in)
                   : family == WS_AF_INET6 ? (int)sizeof(struct WS_sockaddr_in6)
                                           : 0;
        if (!need)
            ws_fail(c, WSAEINVAL); /* documented: family not supported */
        else if (ws_bad_ptr(salen) || ws_bad_ptr(sa))
            ws_fail(c, WSAEFAULT);
        else if (*salen < need) {
            *salen = need; /* test_WSAStringToAddress: length 0 comes back >= sizeof(SOCKADDR_IN) */
            ws_fail(c, WSAEFAULT);
        } else if (!str) {
            ws_fail(c, WSAEINVAL);
        } else if (ws_bad_ptr(str)) {
            ws_fail(c, WSAEFAULT); /* (WSAStringToAddress docs) */
        } else {
            /* Failure leaves the family 0 (test_WSAStringToAddress). */
            memset(sa, 0, (size_t)need);
            int err = family == WS_AF_INET ? string_to_v4(str, sa) : string_to_v6(str, sa);
            if (err) {
                USHORT zero = 0;
                memcpy(sa, &zero, sizeof zero);
                if (family == WS_AF_INET6)
                    ((struct WS_sockaddr_in6 *)sa)->sin6_port = 0;
                ws_fail(c, err);
            } else {
                *salen = need;
                ret = 0;
            }
        }
    }
    return ret;
}

WS2P_EXPORT int WSAStringToAddressA(char *str, int family, WS_WSAPROTOCOL_INFOA *info, void *sa, int *salen)
{
    struct ws_call c = WS_CALL("WSAStringToAddressA");
    int ret = string_to_address(&c, str, family, info, sa, salen);
    return WS_EXIT(&c, ret, "str=\"%s\", family=%d, sa=%p, len=%d", ws_trace_str(str), family, sa,
                   ws_peek_int(salen));
}

/* The same parser on the narrowed text; a character past ASCII can be
 * part of no address (it stops the parse as any bad character would). */
WS2P_EXPORT int WSAStringToAddressW(WCHAR *str, int family, WS_WSAPROTOCOL_INFOW *info, void *sa, int *salen)
{
    struct ws_call c = WS_CALL("WSAStringToAddressW");
    char narrow[128];
    size_t i = 0;
    bool readable = !ws_bad_ptr(str);
    for (; readable && str[i] && i < sizeof narrow - 1; i++)
        narrow[i] = (uint32_t)str[i] < 0x80 ? (char)str[i] : '\x7f';
    narrow[i] = 0;
    if (readable && str[i])
        narrow[0] = '\x7f'; /* longer than any address */
    int ret = string_to_address(&c, readable ? narrow : (const char *)str, family, info, sa, salen);
    return WS_EXIT(&c, ret, "str=%p, family=%d, sa=%p, len=%d", (void *)str, family, sa, ws_peek_int(salen));
}
