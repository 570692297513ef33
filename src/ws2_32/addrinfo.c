/* Protocol-independent name resolution: getaddrinfo, GetAddrInfoW,
 * freeaddrinfo, FreeAddrInfoW, getnameinfo, gai_strerrorA/W.
 *
 * glibc does the lookup; this file translates Windows hints (AI_* and
 * family numbers differ), Windows' special inputs (empty node, "[v6]"),
 * the results (Windows field order, family 23, one entry per address with
 * the hinted socket type and protocol echoed) and the errors (EAI_* are
 * WSA codes on Windows, and the last error is set too). */
#include "core.h"
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WS_AI_DISABLE_IDN_ENCODING 0x00080000 /* Windows-only, GetAddrInfoW */

static const struct { int win, lx; } ai_flags[] = {
    {WS_AI_PASSIVE, AI_PASSIVE},         {WS_AI_CANONNAME, AI_CANONNAME}, {WS_AI_NUMERICHOST, AI_NUMERICHOST},
    {WS_AI_NUMERICSERV, AI_NUMERICSERV}, {WS_AI_ALL, AI_ALL},             {WS_AI_ADDRCONFIG, AI_ADDRCONFIG},
    {WS_AI_V4MAPPED, AI_V4MAPPED},
};

static const struct { int win, lx; } ni_flags[] = {
    {WS_NI_NOFQDN, NI_NOFQDN},           {WS_NI_NUMERICHOST, NI_NUMERICHOST}, {WS_NI_NAMEREQD, NI_NAMEREQD},
    {WS_NI_NUMERICSERV, NI_NUMERICSERV}, {WS_NI_DGRAM, NI_DGRAM},
};

/* glibc EAI_* -> the WSA code Windows returns (ws2tcpip.h: EAI_x == WSA...). */
static const struct { int eai, wsa; } eai_map[] = {
    {EAI_NONAME, WSAHOST_NOT_FOUND},   {EAI_AGAIN, WSATRY_AGAIN},        {EAI_FAIL, WSANO_RECOVERY},
    {EAI_FAMILY, WSAEAFNOSUPPORT},     {EAI_MEMORY, WSA_NOT_ENOUGH_MEMORY}, {EAI_SERVICE, WSATYPE_NOT_FOUND},
    {EAI_SOCKTYPE, WSAESOCKTNOSUPPORT}, {EAI_BADFLAGS, WSAEINVAL},       {EAI_NODATA, WSANO_DATA},
    {EAI_ADDRFAMILY, WSANO_DATA},      {EAI_OVERFLOW, WSAEFAULT},
};

static int eai_to_wsa(int eai, int saved_errno)
{
    if (eai == EAI_SYSTEM)
        return ws_errno_to_wsa(saved_errno);
    for (size_t i = 0; i < sizeof eai_map / sizeof eai_map[0]; i++)
        if (eai_map[i].eai == eai)
            return eai_map[i].wsa;
    return WSANO_RECOVERY;
}

/* Translates Windows flags through a table; -1 if a bit is unknown. */
#define MAP_FLAGS(table, wflags, known_extra, out)                         \
    do {                                                                   \
        int w_ = (wflags) & ~(known_extra), l_ = 0;                        \
        for (size_t i_ = 0; i_ < sizeof table / sizeof table[0]; i_++)    \
            if (w_ & table[i_].win) {                                      \
                l_ |= table[i_].lx;                                        \
                w_ &= ~table[i_].win;                                      \
            }                                                              \
        (out) = w_ ? -1 : l_;                                              \
    } while (0)

/* AI_* bits with no Linux meaning (AI_DNS_ONLY, AI_NON_AUTHORITATIVE,
 * AI_SECURE, AI_RETURN_PREFERRED_NAMES, AI_FQDN, AI_FILESERVER,
 * AI_DISABLE_IDN_ENCODING, ...) are accepted and ignored. */
#define WS_AI_WINDOWS_ONLY                                                                                  \
    (~(WS_AI_PASSIVE | WS_AI_CANONNAME | WS_AI_NUMERICHOST | WS_AI_NUMERICSERV | WS_AI_ALL | WS_AI_ADDRCONFIG | \
       WS_AI_V4MAPPED))

struct ws_hints {
    int flags, family, socktype, protocol;
};

/* Linux result -> one Windows node (node, sockaddr and canonical name in one
 * allocation, so freeaddrinfo frees node by node). */
static struct WS_addrinfo *make_node(const struct addrinfo *ai, const struct ws_hints *h, const char *canon)
{
    size_t clen = canon ? strlen(canon) + 1 : 0;
    struct WS_addrinfo *n = calloc(1, sizeof *n + sizeof(struct WS_sockaddr_in6) + clen);
    if (!n)
        return NULL;
    int len = (int)sizeof(struct WS_sockaddr_in6);
    n->ai_addr = (struct WS_sockaddr *)(n + 1);
    ws_addr_out(ai->ai_addr, ai->ai_addrlen, n->ai_addr, &len);
    n->ai_addrlen = (size_t)len;
    n->ai_family = ws_af_from_linux(ai->ai_family);
    /* Windows echoes the hinted type and protocol exactly, even odd pairs
     * such as SOCK_STREAM + IPPROTO_UDP (protocol.c hinttests), and returns
     * ai_flags 0 (test_getaddrinfo). */
    n->ai_socktype = h->socktype;
    n->ai_protocol = h->protocol;
    if (canon)
        n->ai_canonname = memcpy((char *)(n->ai_addr) + sizeof(struct WS_sockaddr_in6), canon, clen);
    return n;
}

static void free_list(struct WS_addrinfo *ai)
{
    while (ai) {
        struct WS_addrinfo *next = ai->ai_next;
        free(ai);
        ai = next;
    }
}

static int lookup(const char *node, const char *service, const struct addrinfo *lh, struct addrinfo **out)
{
    int r = getaddrinfo(node, service, lh, out);
    /* With no socket type hinted Windows finds services of either
     * protocol; a name only /etc/services lists for UDP needs a second try. */
    if (r == EAI_SERVICE && lh->ai_socktype == SOCK_STREAM && !(lh->ai_flags & AI_NUMERICSERV)) {
        struct addrinfo dg = *lh;
        dg.ai_socktype = SOCK_DGRAM;
        r = getaddrinfo(node, service, &dg, out);
    }
    return r;
}

/* "localhost": the loopback address of each family asked for, IPv6 first,
 * whatever the hosts file says (ws_is_localhost). */
static int lookup_localhost(const char *service, const struct addrinfo *lh, struct addrinfo **out)
{
    struct addrinfo h = *lh, *v6 = NULL, *v4 = NULL;
    h.ai_flags = (h.ai_flags & ~(AI_CANONNAME | AI_ADDRCONFIG | AI_PASSIVE)) | AI_NUMERICHOST;
    int r6 = EAI_FAMILY, r4 = EAI_FAMILY;
    if (lh->ai_family != AF_INET) {
        h.ai_family = AF_INET6;
        r6 = lookup("::1", service, &h, &v6);
    }
    if (lh->ai_family != AF_INET6) {
        h.ai_family = AF_INET;
        r4 = lookup("127.0.0.1", service, &h, &v4);
    }
    if (r6 && r4)
        return lh->ai_family == AF_INET ? r4 : r6;
    if (v6) {
        /* glibc's nodes are separate allocations: one list frees as one. */
        struct addrinfo *t = v6;
        while (t->ai_next)
            t = t->ai_next;
        t->ai_next = v4;
        *out = v6;
    } else {
        *out = v4;
    }
    return 0;
}

/* The shared body of getaddrinfo and GetAddrInfoW.  Returns 0 or a WSA code. */
static int resolve(const char *node, const char *service, const struct ws_hints *h, int lx_extra,
                   struct WS_addrinfo **res, int *sys_errno)
{
    struct addrinfo lh, *lres = NULL;
    char host[256], v6[INET6_ADDRSTRLEN + 16];
    int lflags;

    if (!node && !service)
        return WSAHOST_NOT_FOUND; /* test_getaddrinfo: NULL, NULL */
    if (h->socktype < 0 || h->socktype > WS_SOCK_SEQPACKET)
        return WSAESOCKTNOSUPPORT; /* hinttests: socktype 999 */
    int family = ws_af_to_linux(h->family);
    if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6)
        return WSAEAFNOSUPPORT;
    MAP_FLAGS(ai_flags, h->flags, WS_AI_WINDOWS_ONLY, lflags);
    int injected = WS_FAULT_LOOKUP(); /* WS2POSIX_FAULTS' getaddrinfo site */
    if (ws_unlikely(injected))
        return injected;

    memset(&lh, 0, sizeof lh);
    lh.ai_flags = lflags | lx_extra;
    lh.ai_family = family;
    /* Windows returns one entry per address, not one per socket type. */
    lh.ai_socktype = h->socktype == WS_SOCK_DGRAM || (!h->socktype && h->protocol == WS_IPPROTO_UDP) ? SOCK_DGRAM
                                                                                                    : SOCK_STREAM;
    if (service && !*service)
        service = "0"; /* test_getaddrinfo: service "" behaves as "0" */

    bool local = false;
    if (node && !*node) {
        /* "" is the local machine, as its own name is (test_getaddrinfo). */
        if (gethostname(host, sizeof host) != 0)
            return ws_errno_to_wsa(errno);
        host[sizeof host - 1] = 0;
        node = host;
        local = true;
    } else if (node && node[0] == '[' && family != AF_INET) {
        /* "[v6]" and "[v6]:port" are accepted; what follows ']' is ignored
         * (test_getaddrinfo: "[beef::cafe]:10239" gives port 0). */
        const char *close = strchr(node + 1, ']');
        if (close && (size_t)(close - node) <= sizeof v6) {
            memcpy(v6, node + 1, (size_t)(close - node - 1));
            v6[close - node - 1] = 0;
            node = v6;
        }
    }

    bool lo = !(lflags & AI_NUMERICHOST) && ws_is_localhost(node);
    int r = lo ? lookup_localhost(service, &lh, &lres) : lookup(node, service, &lh, &lres);
    *sys_errno = r == EAI_SYSTEM ? errno : 0;
    if (r && node && !(lflags & AI_NUMERICHOST) && (r == EAI_NONAME || r == EAI_NODATA || r == EAI_AGAIN)) {
        /* The machine's own name must resolve even when no hosts entry or
         * DNS record says so (Windows always knows itself): fall back to
         * the local (loopback) addresses. */
        if (!local && gethostname(host, sizeof host) == 0) {
            host[sizeof host - 1] = 0;
            local = !strcasecmp(node, host);
        }
        if (local) {
            lh.ai_flags &= ~(AI_PASSIVE | AI_CANONNAME);
            r = lookup(NULL, service ? service : "0", &lh, &lres);
            *sys_errno = r == EAI_SYSTEM ? errno : 0;
        }
    }
    if (r)
        return eai_to_wsa(r, *sys_errno);

    struct WS_addrinfo *head = NULL, **tail = &head;
    const char *canon = lo ? node : lres->ai_canonname;
    for (struct addrinfo *ai = lres; ai; ai = ai->ai_next) {
        if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6)
            continue;
        struct WS_addrinfo *n = make_node(ai, h, (h->flags & WS_AI_CANONNAME) ? canon : NULL);
        if (!n) {
            free_list(head);
            freeaddrinfo(lres);
            return WSA_NOT_ENOUGH_MEMORY;
        }
        canon = NULL; /* only the first entry carries it */
        *tail = n;
        tail = &n->ai_next;
    }
    freeaddrinfo(lres);
    if (!head)
        return WSANO_DATA;
    *res = head;
    return 0;
}

WS2P_EXPORT int ws2p_getaddrinfo(const char *node, const char *service, const struct WS_addrinfo *hints,
                                 struct WS_addrinfo **res)
{
    struct ws_call c = WS_CALL("getaddrinfo");
    struct ws_hints h = {0, 0, 0, 0};
    if (!ws_bad_ptr(hints))
        h = (struct ws_hints){hints->ai_flags, hints->ai_family, hints->ai_socktype, hints->ai_protocol};
    if (ws_bad_ptr(res))
        ws_fail(&c, WSAEFAULT);
    else if (ws_bad_opt(node) || ws_bad_opt(service) || ws_bad_opt(hints))
    {
        *res = NULL;
        ws_fail(&c, WSAEFAULT); /* pointers not in the address space, as for the result */
    }
    else {
        *res = NULL; /* even on failure (test_getaddrinfo) */
        if (ws_started(&c)) {
            int e = 0, err = resolve(node, service, &h, 0, res, &e);
            if (err)
                ws_fail_sys(&c, e ? "getaddrinfo" : NULL, e, err);
        }
    }
    /* The error is both returned and made the last error. */
    int ret = c.err;
    return WS_EXIT(&c, ret, "node=\"%s\", service=\"%s\", flags=%#x, family=%d, socktype=%d, protocol=%d",
                   ws_trace_str(node), ws_trace_str(service), h.flags, h.family, h.socktype, h.protocol);
}

WS2P_EXPORT void ws2p_freeaddrinfo(struct WS_addrinfo *ai)
{
    free_list(ai);
}

/* ---- wide forms --------------------------------------------------------- */

static struct WS_addrinfoW *widen_list(const struct WS_addrinfo *a)
{
    struct WS_addrinfoW *head = NULL, **tail = &head;
    for (; a; a = a->ai_next) {
        size_t clen = a->ai_canonname ? strlen(a->ai_canonname) + 1 : 0;
        struct WS_addrinfoW *n = calloc(1, sizeof *n + sizeof(struct WS_sockaddr_in6) + clen * sizeof(WCHAR));
        if (!n) {
            while (head) {
                struct WS_addrinfoW *next = head->ai_next;
                free(head);
                head = next;
            }
            return NULL;
        }
        n->ai_flags = a->ai_flags;
        n->ai_family = a->ai_family;
        n->ai_socktype = a->ai_socktype;
        n->ai_protocol = a->ai_protocol;
        n->ai_addrlen = a->ai_addrlen;
        n->ai_addr = (struct WS_sockaddr *)(n + 1);
        memcpy(n->ai_addr, a->ai_addr, a->ai_addrlen);
        if (clen) {
            /* Canonical names come from DNS/hosts: ASCII (or punycode). */
            n->ai_canonname = (WCHAR *)((char *)n->ai_addr + sizeof(struct WS_sockaddr_in6));
            for (size_t i = 0; i < clen; i++)
                n->ai_canonname[i] = (WCHAR)(unsigned char)a->ai_canonname[i];
        }
        *tail = n;
        tail = &n->ai_next;
    }
    return head;
}

WS2P_EXPORT int GetAddrInfoW(const WCHAR *node, const WCHAR *service, const struct WS_addrinfoW *hints,
                             struct WS_addrinfoW **res)
{
    struct ws_call c = WS_CALL("GetAddrInfoW");
    struct ws_hints h = {0, 0, 0, 0};
    char *n8 = NULL, *s8 = NULL;
    bool ascii = true, s_ascii;
    if (!ws_bad_ptr(hints))
        h = (struct ws_hints){hints->ai_flags, hints->ai_family, hints->ai_socktype, hints->ai_protocol};
    if (ws_bad_ptr(res))
        ws_fail(&c, WSAEFAULT);
    else if (ws_bad_opt(node) || ws_bad_opt(service) || ws_bad_opt(hints))
    {
        *res = NULL;
        ws_fail(&c, WSAEFAULT); /* as getaddrinfo */
    }
    else {
        *res = NULL;
        if (ws_started(&c)) {
            if ((node && !(n8 = ws_utf8_dup(node, &ascii))) || (service && !(s8 = ws_utf8_dup(service, &s_ascii))))
                ws_fail(&c, WSA_NOT_ENOUGH_MEMORY);
            else if (!ascii && (h.flags & WS_AI_DISABLE_IDN_ENCODING))
                ws_fail(&c, WSAHOST_NOT_FOUND); /* test_GetAddrInfoW: IDN name with encoding disabled */
            else {
                struct WS_addrinfo *a = NULL;
                /* Unicode names are looked up IDN-encoded (Windows 8+). */
                int e = 0, err = resolve(n8, s8, &h, ascii ? 0 : AI_IDN, &a, &e);
                if (err)
                    ws_fail_sys(&c, e ? "getaddrinfo" : NULL, e, err);
                else if (!(*res = widen_list(a)))
                    ws_fail(&c, WSA_NOT_ENOUGH_MEMORY);
                free_list(a);
            }
        }
    }
    free(n8);
    free(s8);
    int ret = c.err;
    return WS_EXIT(&c, ret, "node=%p, service=%p, flags=%#x, family=%d, socktype=%d, protocol=%d", (const void *)node,
                   (const void *)service, h.flags, h.family, h.socktype, h.protocol);
}

WS2P_EXPORT void FreeAddrInfoW(struct WS_addrinfoW *ai)
{
    while (ai) {
        struct WS_addrinfoW *next = ai->ai_next;
        free(ai);
        ai = next;
    }
}

/* ---- getnameinfo -------------------------------------------------------- */

WS2P_EXPORT int ws2p_getnameinfo(const void *sa, int salen, char *host, DWORD hostlen, char *serv, DWORD servlen,
                                 int flags)
{
    struct ws_call c = WS_CALL("getnameinfo");
    char a[80];
    if (ws_started(&c)) {
        struct sockaddr_storage ss;
        socklen_t sslen;
        USHORT fam = 0;
        int lflags;
        if (!ws_bad_ptr(sa) && salen >= (int)sizeof fam)
            memcpy(&fam, sa, sizeof fam);
        MAP_FLAGS(ni_flags, flags, 0, lflags);
        if (!host)
            hostlen = 0;
        if (!serv)
            servlen = 0;
        if (ws_bad_ptr(sa) || (hostlen && ws_bad_ptr(host)) || (servlen && ws_bad_ptr(serv)))
            ws_fail(&c, WSAEFAULT);
        else if (fam != WS_AF_INET && fam != WS_AF_INET6)
            ws_fail(&c, WSAEAFNOSUPPORT); /* EAI_FAMILY */
        else if (salen < ws_addr_minlen(fam))
            ws_fail(&c, WSAEFAULT); /* documented: shorter than SOCKADDR_IN / SOCKADDR_IN6 */
        else if (lflags < 0)
            ws_fail(&c, WSAEINVAL); /* EAI_BADFLAGS */
        else if (!hostlen && !servlen)
            ws_fail(&c, WSAHOST_NOT_FOUND); /* EAI_NONAME: nothing asked for */
        else if (ws_addr_in(sa, salen, &ss, &sslen) != 0)
            ws_fail(&c, WSAEFAULT);
        else {
            int r = getnameinfo((struct sockaddr *)&ss, sslen, hostlen ? host : NULL, hostlen,
                                servlen ? serv : NULL, servlen, lflags);
            int e = errno;
            if (r)
                ws_fail_sys(&c, r == EAI_SYSTEM ? "getnameinfo" : NULL, r == EAI_SYSTEM ? e : 0, eai_to_wsa(r, e));
        }
    }
    int ret = c.err;
    return WS_EXIT(&c, ret, "sa=%s, salen=%d, hostlen=%u, servlen=%u, flags=%#x", ws_trace_addr(a, sa, salen), salen,
                   (unsigned)hostlen, (unsigned)servlen, flags);
}

/* ---- gai_strerror ------------------------------------------------------- */

/* EAI_* are WSA codes on Windows, so their texts are the WSA texts of
 * wsaerrors.def (written for this project). */
static const char *gai_text(int code)
{
    if (code == 0)
        return "The operation completed successfully.";
    const char *t = ws_wsa_text(code);
    return t ? t : "Unknown name resolution error.";
}

WS2P_EXPORT char *gai_strerrorA(int code)
{
    return (char *)gai_text(code);
}

WS2P_EXPORT WCHAR *gai_strerrorW(int code)
{
    static __thread WCHAR buf[128];
    const char *t = gai_text(code);
    size_t i = 0;
    for (; t[i] && i < sizeof buf / sizeof buf[0] - 1; i++)
        buf[i] = (WCHAR)(unsigned char)t[i];
    buf[i] = 0;
    return buf;
}
