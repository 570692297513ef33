/* The Winsock 1 database functions: gethostbyname, gethostbyaddr,
 * gethostname, getservbyname, getservbyport, getprotobyname,
 * getprotobynumber.  Results live in per-thread buffers laid out the way
 * Windows lays them out (struct, then the pointer arrays, then the data:
 * protocol.c test_dns), with Windows field types (short h_addrtype,
 * s_proto before s_port on 64-bit).  glibc's reentrant calls do the
 * lookups, except for protocols: Windows has its own fixed table. */
#include "core.h"
#include <netdb.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- per-thread result buffers ---------------------------------------- */

enum { BUF_HOST, BUF_SERV, BUF_PROTO, BUF_COUNT };
static __thread struct {
    void *p;
    size_t size;
} tls_buf[BUF_COUNT];
static pthread_key_t tls_key;
static pthread_once_t tls_once = PTHREAD_ONCE_INIT;

static void tls_free(void *unused)
{
    (void)unused;
    for (int i = 0; i < BUF_COUNT; i++) {
        free(tls_buf[i].p);
        tls_buf[i].p = NULL;
        tls_buf[i].size = 0;
    }
}

static void tls_init(void)
{
    pthread_key_create(&tls_key, tls_free);
}

/* A buffer is reused while it is large enough, so repeated calls return
 * the same pointer (protocol.c do_getservbyname). */
static void *tls_get(int which, size_t size)
{
    if (tls_buf[which].size >= size)
        return tls_buf[which].p;
    pthread_once(&tls_once, tls_init);
    void *p = malloc(size);
    if (!p)
        return NULL;
    free(tls_buf[which].p);
    tls_buf[which].p = p;
    tls_buf[which].size = size;
    pthread_setspecific(tls_key, (void *)1); /* so that tls_free runs at thread exit */
    return p;
}

static size_t list_count(char **list)
{
    size_t n = 0;
    while (list && list[n])
        n++;
    return n;
}

static size_t strings_size(char **list)
{
    size_t n = 0;
    for (size_t i = 0; list && list[i]; i++)
        n += strlen(list[i]) + 1;
    return n;
}

/* Copies a NULL-terminated string list into dst (pointers) and *data. */
static void copy_strings(char **dst, char **src, char **data)
{
    size_t i = 0;
    for (; src && src[i]; i++) {
        size_t len = strlen(src[i]) + 1;
        dst[i] = memcpy(*data, src[i], len);
        *data += len;
    }
    dst[i] = NULL;
}

/* h_errno -> WSA */
static const struct { int h, wsa; } herr_map[] = {
    {HOST_NOT_FOUND, WSAHOST_NOT_FOUND},
    {TRY_AGAIN, WSATRY_AGAIN},
    {NO_RECOVERY, WSANO_RECOVERY},
    {NO_DATA, WSANO_DATA},
};

static int herr_to_wsa(int herr, int e)
{
    for (size_t i = 0; i < sizeof herr_map / sizeof herr_map[0]; i++)
        if (herr_map[i].h == herr)
            return herr_map[i].wsa;
    return herr == NETDB_INTERNAL && e ? ws_errno_to_wsa(e) : WSANO_RECOVERY;
}

/* ---- hosts ---------------------------------------------------------------- */

/* Windows layout: struct, h_aliases[], h_addr_list[], addresses, strings. */
static struct WS_hostent *host_out(const struct hostent *he)
{
    size_t na = list_count(he->h_aliases), nd = list_count(he->h_addr_list);
    size_t alen = (size_t)he->h_length;
    size_t size = sizeof(struct WS_hostent) + (na + 1 + nd + 1) * sizeof(char *) + nd * alen +
                  strings_size(he->h_aliases) + strlen(he->h_name) + 1;
    struct WS_hostent *h = tls_get(BUF_HOST, size);
    if (!h)
        return NULL;
    char **aliases = (char **)(h + 1), **addrs = aliases + na + 1;
    char *data = (char *)(addrs + nd + 1);
    for (size_t i = 0; i < nd; i++) {
        addrs[i] = memcpy(data, he->h_addr_list[i], alen);
        data += alen;
    }
    addrs[nd] = NULL;
    copy_strings(aliases, he->h_aliases, &data);
    h->h_name = strcpy(data, he->h_name);
    h->h_aliases = aliases;
    h->h_addr_list = addrs;
    h->h_addrtype = (short)ws_af_from_linux(he->h_addrtype);
    h->h_length = (short)he->h_length;
    return h;
}

/* Runs a reentrant glibc lookup `call` (which names buf_ and len_),
 * growing the scratch buffer on ERANGE, then the statements that follow
 * while the buffer is still alive (r_ holds the call's return value). */
#define WITH_LOOKUP(call, ...)                                \
    do {                                                      \
        size_t len_ = 4096;                                   \
        char *buf_ = NULL;                                    \
        int r_;                                               \
        for (;;) {                                            \
            char *nb_ = realloc(buf_, len_);                  \
            if (!nb_) {                                       \
                r_ = ENOMEM;                                  \
                break;                                        \
            }                                                 \
            buf_ = nb_;                                       \
            r_ = (call);                                      \
            if (r_ != ERANGE || len_ >= 1u << 20)             \
                break;                                        \
            len_ *= 2;                                        \
        }                                                     \
        __VA_ARGS__;                                          \
        free(buf_);                                           \
    } while (0)

static bool own_name(const char *name)
{
    char host[256];
    if (gethostname(host, sizeof host) != 0)
        return false;
    host[sizeof host - 1] = 0;
    return !strcasecmp(name, host);
}

/* name with the one address 127.0.0.1. */
static struct WS_hostent *loopback_host(const char *name)
{
    static const unsigned char lo[4] = {127, 0, 0, 1};
    char *addrs[2] = {(char *)lo, NULL}, *aliases[1] = {NULL};
    struct hostent self = {(char *)name, aliases, AF_INET, 4, addrs};
    return host_out(&self);
}

WS2P_EXPORT struct WS_hostent *ws2p_gethostbyname(const char *name)
{
    struct ws_call c = WS_CALL("gethostbyname");
    struct WS_hostent *ret = NULL;
    char host[256];
    if (ws_started(&c)) { /* sock.c test_WithoutWSAStartup */
        if (ws_bad_opt(name))
            ws_fail(&c, WSAEFAULT); /* (gethostbyname docs) */
        else if (!name || !*name) {
            /* NULL and "" name the local machine (protocol.c test_dns). */
            if (gethostname(host, sizeof host) != 0)
                ws_fail_errno(&c, "gethostname", errno);
            host[sizeof host - 1] = 0;
            name = host;
        }
        int injected = c.err ? 0 : WS_FAULT_LOOKUP(); /* WS2POSIX_FAULTS' getaddrinfo site */
        if (ws_unlikely(injected))
            ws_fail(&c, injected);
        else if (!c.err && ws_is_localhost(name)) {
            /* Answered without the hosts file, as Windows does. */
            if (!(ret = loopback_host(name)))
                ws_fail(&c, WSA_NOT_ENOUGH_MEMORY);
        } else if (!c.err) {
            struct hostent he, *found_ = NULL;
            int herr = 0, err = 0;
            WITH_LOOKUP(gethostbyname2_r(name, AF_INET, &he, buf_, len_, &found_, &herr),
                        err = !found_ ? (r_ == ENOMEM ? WSA_NOT_ENOUGH_MEMORY : herr_to_wsa(herr, r_))
                              : (ret = host_out(found_)) ? 0 : WSA_NOT_ENOUGH_MEMORY);
            if (!ret && err != WSA_NOT_ENOUGH_MEMORY && own_name(name)) {
                /* Windows always resolves its own name; without a hosts entry
                 * or DNS record for it, answer with the loopback address. */
                if ((ret = loopback_host(name)))
                    err = 0;
            }
            if (!ret)
                ws_fail(&c, err);
        }
    }
    return WS_EXIT(&c, ret, "name=\"%s\"", ws_trace_str(name));
}

WS2P_EXPORT struct WS_hostent *ws2p_gethostbyaddr(const char *addr, int len, int type)
{
    struct ws_call c = WS_CALL("gethostbyaddr");
    struct WS_hostent *ret = NULL;
    if (ws_started(&c)) {
        int lx = type == WS_AF_INET ? AF_INET : type == WS_AF_INET6 ? AF_INET6 : -1;
        int need = lx == AF_INET ? 4 : 16, injected;
        if (lx < 0)
            ws_fail(&c, WSAEAFNOSUPPORT);
        else if (ws_bad_ptr(addr) || len < need)
            ws_fail(&c, WSAEFAULT);
        else if ((injected = WS_FAULT_LOOKUP()) != 0)
            ws_fail(&c, injected); /* WS2POSIX_FAULTS' getaddrinfo site */
        else {
            struct hostent he, *found_ = NULL;
            int herr = 0, err = 0;
            WITH_LOOKUP(gethostbyaddr_r(addr, (socklen_t)need, lx, &he, buf_, len_, &found_, &herr),
                        err = !found_ ? (r_ == ENOMEM ? WSA_NOT_ENOUGH_MEMORY : herr_to_wsa(herr, r_))
                              : (ret = host_out(found_)) ? 0 : WSA_NOT_ENOUGH_MEMORY);
            if (!ret)
                ws_fail(&c, err);
        }
    }
    return WS_EXIT(&c, ret, "addr=%p, len=%d, type=%d", (const void *)addr, len, type);
}

/* A buffer without room for the name and its NUL is WSAEFAULT and stays
 * untouched (protocol.c test_gethostname). */
WS2P_EXPORT int ws2p_gethostname(char *name, int namelen)
{
    struct ws_call c = WS_CALL("gethostname");
    int ret = WS_SOCKET_ERROR;
    char host[256];
    if (ws_started(&c)) {
        if (ws_bad_ptr(name))
            ws_fail(&c, WSAEFAULT);
        else if (gethostname(host, sizeof host) != 0)
            ws_fail_errno(&c, "gethostname", errno);
        else {
            host[sizeof host - 1] = 0;
            size_t len = strlen(host);
            if (namelen < 0 || (size_t)namelen <= len)
                ws_fail(&c, WSAEFAULT);
            else {
                memcpy(name, host, len + 1);
                ret = 0;
            }
        }
    }
    return WS_EXIT(&c, ret, "name=%p, namelen=%d", (void *)name, namelen);
}

/* gethostname in WCHARs, namelen counting them; the same rules
 * (protocol.c test_GetHostNameW). */
WS2P_EXPORT int GetHostNameW(WCHAR *name, int namelen)
{
    struct ws_call c = WS_CALL("GetHostNameW");
    int ret = WS_SOCKET_ERROR;
    char host[256];
    if (ws_started(&c)) {
        if (!name)
            ws_fail(&c, WSAEFAULT);
        else if (gethostname(host, sizeof host) != 0)
            ws_fail_errno(&c, "gethostname", errno);
        else {
            host[sizeof host - 1] = 0;
            size_t len = strlen(host);
            if (namelen < 0 || (size_t)namelen <= len)
                ws_fail(&c, WSAEFAULT);
            else {
                for (size_t i = 0; i <= len; i++)
                    name[i] = (WCHAR)(unsigned char)host[i]; /* host names are ASCII */
                ret = 0;
            }
        }
    }
    return WS_EXIT(&c, ret, "name=%p, namelen=%d", (void *)name, namelen);
}

/* ---- services ------------------------------------------------------------ */

static struct WS_servent *serv_out(const struct servent *se)
{
    size_t na = list_count(se->s_aliases);
    size_t size = sizeof(struct WS_servent) + (na + 1) * sizeof(char *) + strings_size(se->s_aliases) +
                  strlen(se->s_name) + 1 + strlen(se->s_proto) + 1;
    struct WS_servent *s = tls_get(BUF_SERV, size);
    if (!s)
        return NULL;
    char **aliases = (char **)(s + 1), *data = (char *)(aliases + na + 1);
    copy_strings(aliases, se->s_aliases, &data);
    s->s_aliases = aliases;
    s->s_name = strcpy(data, se->s_name);
    data += strlen(data) + 1;
    s->s_proto = strcpy(data, se->s_proto);
    s->s_port = (short)se->s_port; /* network order on both systems */
    return s;
}

/* A lookup that finds nothing is WSANO_DATA, as on Windows. */
WS2P_EXPORT struct WS_servent *ws2p_getservbyname(const char *name, const char *proto)
{
    struct ws_call c = WS_CALL("getservbyname");
    struct WS_servent *ret = NULL;
    if (ws_started(&c)) {
        if (ws_bad_ptr(name) || ws_bad_opt(proto))
            ws_fail(&c, WSAEFAULT);
        else {
            struct servent se, *found_ = NULL;
            int err = 0;
            WITH_LOOKUP(getservbyname_r(name, proto, &se, buf_, len_, &found_),
                        err = !found_ ? (r_ == ENOMEM ? WSA_NOT_ENOUGH_MEMORY : WSANO_DATA)
                              : (ret = serv_out(found_)) ? 0 : WSA_NOT_ENOUGH_MEMORY);
            if (!ret)
                ws_fail(&c, err);
        }
    }
    return WS_EXIT(&c, ret, "name=\"%s\", proto=\"%s\"", ws_trace_str(name), ws_trace_str(proto));
}

WS2P_EXPORT struct WS_servent *ws2p_getservbyport(int port, const char *proto)
{
    struct ws_call c = WS_CALL("getservbyport");
    struct WS_servent *ret = NULL;
    if (!ws_started(&c))
        ;
    else if (ws_bad_opt(proto))
        ws_fail(&c, WSAEFAULT);
    else {
        struct servent se, *found_ = NULL;
        int err = 0;
        /* The port is a u_short in network order passed as an int. */
        WITH_LOOKUP(getservbyport_r((int)(uint16_t)port, proto, &se, buf_, len_, &found_),
                    err = !found_ ? (r_ == ENOMEM ? WSA_NOT_ENOUGH_MEMORY : WSANO_DATA)
                          : (ret = serv_out(found_)) ? 0 : WSA_NOT_ENOUGH_MEMORY);
        if (!ret)
            ws_fail(&c, err);
    }
    return WS_EXIT(&c, ret, "port=%d, proto=\"%s\"", (int)ntohs((uint16_t)port), ws_trace_str(proto));
}

/* ---- protocols ------------------------------------------------------------ */

/* Windows' own protocol database (%SystemRoot%\system32\drivers\etc\protocol),
 * not /etc/protocols: protocol.c test_getprotobyname/test_getprotobynumber
 * pin exactly these entries, matched case-insensitively, with the
 * capitalised spelling as the one alias. */
static const struct {
    short number;
    const char *name, *alias;
} protocols[] = {
    {0, "ip", "IP"},
    {1, "icmp", "ICMP"},
    {3, "ggp", "GGP"},
    {6, "tcp", "TCP"},
    {8, "egp", "EGP"},
    {12, "pup", "PUP"},
    {17, "udp", "UDP"},
    {20, "hmp", "HMP"},
    {22, "xns-idp", "XNS-IDP"},
    {27, "rdp", "RDP"},
    {41, "ipv6", "IPv6"},
    {43, "ipv6-route", "IPv6-Route"},
    {44, "ipv6-frag", "IPv6-Frag"},
    {50, "esp", "ESP"},
    {51, "ah", "AH"},
    {58, "ipv6-icmp", "IPv6-ICMP"},
    {59, "ipv6-nonxt", "IPv6-NoNxt"},
    {60, "ipv6-opts", "IPv6-Opts"},
    {66, "rvd", "RVD"},
};

static struct WS_protoent *proto_out(size_t i)
{
    size_t nlen = strlen(protocols[i].name) + 1, alen = strlen(protocols[i].alias) + 1;
    struct WS_protoent *p = tls_get(BUF_PROTO, sizeof *p + 2 * sizeof(char *) + nlen + alen);
    if (!p)
        return NULL;
    char **aliases = (char **)(p + 1), *data = (char *)(aliases + 2);
    p->p_name = memcpy(data, protocols[i].name, nlen);
    aliases[0] = memcpy(data + nlen, protocols[i].alias, alen);
    aliases[1] = NULL;
    p->p_aliases = aliases;
    p->p_proto = protocols[i].number;
    return p;
}

static struct WS_protoent *proto_find(struct ws_call *c, const char *name, int number)
{
    for (size_t i = 0; i < sizeof protocols / sizeof protocols[0]; i++) {
        if (name ? !strcasecmp(name, protocols[i].name) || !strcasecmp(name, protocols[i].alias)
                 : number == protocols[i].number) {
            struct WS_protoent *p = proto_out(i);
            if (!p)
                ws_fail(c, WSA_NOT_ENOUGH_MEMORY);
            return p;
        }
    }
    ws_fail(c, WSANO_DATA);
    return NULL;
}

WS2P_EXPORT struct WS_protoent *ws2p_getprotobyname(const char *name)
{
    struct ws_call c = WS_CALL("getprotobyname");
    struct WS_protoent *ret = NULL;
    if (ws_started(&c)) {
        if (ws_bad_ptr(name))
            ws_fail(&c, WSAEFAULT);
        else
            ret = proto_find(&c, name, 0);
    }
    return WS_EXIT(&c, ret, "name=\"%s\"", ws_trace_str(name));
}

WS2P_EXPORT struct WS_protoent *ws2p_getprotobynumber(int number)
{
    struct ws_call c = WS_CALL("getprotobynumber");
    struct WS_protoent *ret = NULL;
    if (ws_started(&c))
        ret = proto_find(&c, NULL, number);
    return WS_EXIT(&c, ret, "number=%d", number);
}
