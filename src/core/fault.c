/* Deterministic fault injection: WS2POSIX_FAULTS is a list of rules
 *
 *     site:when=ERROR[;site:when=ERROR...]     (',' separates rules too)
 *
 * site   one of WS_FAULT_SITES (core.h): socket accept connect bind listen
 *        send recv alloc getaddrinfo
 * when   N        the Nth call at that site (counted from 1, per site, over
 *                 the whole process)
 *        N-M      the Nth to the Mth
 *        every=N  every Nth (N, 2N, 3N, ...)
 *        after=N  every call after the Nth
 *        after=SIZE  (send, recv: N with B, K/KiB, M/MiB, G/GiB) every call
 *                 once SIZE bytes have passed through the site; the stream
 *                 transfer that would go past it is cut at SIZE
 *        *        every call
 * ERROR  an errno name (ENOBUFS), or a Winsock name (WSAECONNRESET) for the
 *        errno our table turns into it (a non-blocking connect's ECONNREFUSED
 *        arrives later, ws_fault_connect); for getaddrinfo a WSA code's name
 *        (WSAHOST_NOT_FOUND, WSATRY_AGAIN, ...) or an EAI_ / WSAEAI_ name,
 *        which is the WSA code Windows' ws2tcpip.h gives it
 *
 * The schedule is read once, before main; the first rule that matches a
 * call decides.  A rule that does not parse is reported on stderr and
 * ignored.  Off, ws_fault_on stays false and no site looks further. */
#include "core.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_RULES 32

enum when { AT, EVERY, AFTER, BYTES };

static struct rule {
    unsigned char site;
    unsigned char when;
    int err;
    unsigned long n, m; /* AT: n..m; EVERY, AFTER: n; BYTES: n bytes */
} rules[MAX_RULES];
static int nrules;
static unsigned site_mask, bytes_mask;
static _Atomic unsigned long calls[WS_FAULT_NSITES];
static _Atomic unsigned long bytes[WS_FAULT_NSITES]; /* moved through the site */

static const char *const site_names[] = {
#define WS_FAULT_NAME_(n) #n,
    WS_FAULT_SITES(WS_FAULT_NAME_)
#undef WS_FAULT_NAME_
};

static int site_of(const char *s, size_t len)
{
    for (int i = 0; i < WS_FAULT_NSITES; i++)
        if (strlen(site_names[i]) == len && !memcmp(site_names[i], s, len))
            return i;
    return -1;
}

/* An errno by its name, or the errno the table maps to a Winsock name:
 * the one of the same name (WSAECONNREFUSED is ECONNREFUSED, not the
 * ENOENT of a missing AF_UNIX path) where that maps to it. */
static int errno_of(const char *name)
{
    for (int e = 1; e < 4096; e++) {
        const char *n = strerrorname_np(e);
        if (n && !strcmp(n, name))
            return e;
    }
    for (int e = 1; !strncmp(name, "WSA", 3) && e < 4096; e++) {
        const char *n = strerrorname_np(e);
        if (n && !strcmp(n, name + 3) && ws_errno_is_mapped(e) && !strcmp(ws_wsa_name(ws_errno_to_wsa(e)), name))
            return e;
    }
    for (int e = 1; e < 4096; e++)
        if (ws_errno_is_mapped(e) && !strcmp(ws_wsa_name(ws_errno_to_wsa(e)), name))
            return e;
    return 0;
}

/* The resolver's codes by name: the WSA names, and the EAI_ names
 * (WSAEAI_ too) that ws2tcpip.h defines as WSA codes. */
static int lookup_code_of(const char *name)
{
    static const struct { const char *name; int code; } eai[] = {
        {"EAI_AGAIN", WS_EAI_AGAIN},   {"EAI_BADFLAGS", WS_EAI_BADFLAGS}, {"EAI_FAIL", WS_EAI_FAIL},
        {"EAI_FAMILY", WS_EAI_FAMILY}, {"EAI_MEMORY", WS_EAI_MEMORY},     {"EAI_NONAME", WS_EAI_NONAME},
        {"EAI_SERVICE", WS_EAI_SERVICE}, {"EAI_SOCKTYPE", WS_EAI_SOCKTYPE}, {"EAI_NODATA", WSANO_DATA},
    };
    const char *bare = strncmp(name, "WSAEAI_", 7) ? name : name + 3;
    for (size_t i = 0; i < sizeof eai / sizeof eai[0]; i++)
        if (!strcmp(eai[i].name, bare))
            return eai[i].code;
    for (int code = 1; code < 12000; code++) {
        const char *n = ws_wsa_name(code);
        if (n && !strcmp(n, name) && strncmp(n, "WSA", 3) == 0)
            return code;
    }
    return 0;
}

/* A byte count's unit: B, K/KiB, M/MiB, G/GiB (powers of 1024). */
static bool size_unit(const char **p, unsigned long *n)
{
    static const struct { const char *unit; unsigned shift; } units[] = {
        {"KiB", 10}, {"MiB", 20}, {"GiB", 30}, {"K", 10}, {"M", 20}, {"G", 30}, {"B", 0},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        size_t len = strlen(units[i].unit);
        if (!strncmp(*p, units[i].unit, len)) {
            if (*n > (~0ul >> units[i].shift))
                return false;
            *n <<= units[i].shift;
            *p += len;
            return true;
        }
    }
    return false;
}

static bool number(const char **p, unsigned long *out)
{
    char *end;
    if (**p < '0' || **p > '9')
        return false;
    *out = strtoul(*p, &end, 10);
    *p = end;
    return true;
}

/* One rule, text[0..len). */
static bool parse_rule(const char *text, size_t len)
{
    char buf[128];
    if (len >= sizeof buf || nrules == MAX_RULES)
        return false;
    memcpy(buf, text, len);
    buf[len] = 0;
    char *colon = strchr(buf, ':');
    if (!colon)
        return false;
    struct rule r = {0};
    int site = site_of(buf, (size_t)(colon - buf));
    if (site < 0)
        return false;
    r.site = (unsigned char)site;
    const char *p = colon + 1;
    if (*p == '*') {
        r.when = AFTER;
        p++;
    } else if (!strncmp(p, "every=", 6) || !strncmp(p, "after=", 6)) {
        r.when = *p == 'e' ? EVERY : AFTER;
        p += 6;
        if (!number(&p, &r.n) || (r.when == EVERY && r.n == 0))
            return false;
        if (r.when == AFTER && *p != '=') {
            if (!size_unit(&p, &r.n) || (site != WS_FAULT_send && site != WS_FAULT_recv))
                return false;
            r.when = BYTES;
        }
    } else {
        r.when = AT;
        if (!number(&p, &r.n) || r.n == 0)
            return false;
        r.m = r.n;
        if (*p == '-') {
            p++;
            if (!number(&p, &r.m) || r.m < r.n)
                return false;
        }
    }
    if (*p != '=' || !(r.err = site == WS_FAULT_getaddrinfo ? lookup_code_of(p + 1) : errno_of(p + 1)))
        return false;
    rules[nrules++] = r;
    site_mask |= 1u << site;
    if (r.when == BYTES)
        bytes_mask |= 1u << site;
    return true;
}

__attribute__((constructor)) static void fault_init(void)
{
    const char *v = getenv("WS2POSIX_FAULTS");
    if (!v)
        return;
    while (*v) {
        size_t len = strcspn(v, ";,");
        if (len && !parse_rule(v, len))
            fprintf(stderr, "ws2posix: WS2POSIX_FAULTS: ignoring \"%.*s\"\n", (int)len, v);
        v += len;
        v += *v != 0;
    }
    ws_fault_on = nrules > 0;
}

static bool matches(const struct rule *r, unsigned long n)
{
    switch (r->when) {
    case AT:
        return n >= r->n && n <= r->m;
    case EVERY:
        return n % r->n == 0;
    case BYTES:
        return atomic_load_explicit(&bytes[r->site], memory_order_relaxed) >= r->n;
    default:
        return n > r->n;
    }
}

/* A reset is one for real: the peer sees it too, and the socket is left
 * in the state a reset leaves (Linux's connect(AF_UNSPEC) aborts a TCP
 * connection with a RST). */
static void reset_connection(int fd)
{
    int type = 0;
    socklen_t len = sizeof type;
    if (fd < 0 || getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) < 0 || type != SOCK_STREAM)
        return;
    struct sockaddr unspec = {.sa_family = AF_UNSPEC};
    (void)!connect(fd, &unspec, sizeof unspec);
}

bool ws_fault_hit(enum ws_fault_site site, int fd)
{
    if (!(site_mask & 1u << site))
        return false;
    unsigned long n = atomic_fetch_add_explicit(&calls[site], 1, memory_order_relaxed) + 1;
    for (int i = 0; i < nrules; i++) {
        const struct rule *r = &rules[i];
        if (r->site != site || !matches(r, n))
            continue;
        if (r->err == ECONNRESET && site != WS_FAULT_getaddrinfo)
            reset_connection(fd);
        if (ws_unlikely(ws_trace_on)) {
            struct ws_call c = WS_CALL("WS2POSIX_FAULTS");
            if (site == WS_FAULT_getaddrinfo)
                c.err = r->err;
            else {
                c.sys = site_names[site];
                c.sys_errno = r->err;
            }
            ws_trace(&c, -1, "%s #%lu", site_names[site], n);
        }
        errno = r->err;
        return true;
    }
    return false;
}

int ws_fault_lookup(void)
{
    return ws_fault_hit(WS_FAULT_getaddrinfo, -1) ? errno : 0;
}

void ws_fault_bytes(enum ws_fault_site site, long n)
{
    if (n > 0 && (bytes_mask & 1u << site))
        atomic_fetch_add_explicit(&bytes[site], (unsigned long)n, memory_order_relaxed);
}

/* What site's byte rules still let through: the least room below their
 * limits (each rule past its limit has failed the call already). */
static size_t byte_room(enum ws_fault_site site)
{
    size_t room = SIZE_MAX;
    unsigned long done = atomic_load_explicit(&bytes[site], memory_order_relaxed);
    for (int i = 0; i < nrules; i++)
        if (rules[i].site == site && rules[i].when == BYTES && rules[i].n > done && rules[i].n - done < room)
            room = rules[i].n - done;
    return room;
}

long ws_fault_xfer(enum ws_fault_site site, int fd, bool stream, struct msghdr *m, int lx)
{
    if (ws_fault_hit(site, fd))
        return -1;
    /* A stream transfer that would carry the count past a limit is cut
     * there (the iovec shortened for the call, then put back): exactly
     * the limit passes, the next call at the site fails.  A datagram is
     * not cut: one that starts below the limit goes whole. */
    size_t room = stream && (bytes_mask & 1u << site) ? byte_room(site) : SIZE_MAX;
    size_t k = 0, keep_len = 0, keep_count = m->msg_iovlen;
    if (room != SIZE_MAX) {
        size_t sum = 0;
        for (k = 0; k < m->msg_iovlen && sum + m->msg_iov[k].iov_len <= room; k++)
            sum += m->msg_iov[k].iov_len;
        if (k < m->msg_iovlen) {
            keep_len = m->msg_iov[k].iov_len;
            m->msg_iov[k].iov_len = room - sum;
            m->msg_iovlen = k + 1;
        } else
            room = SIZE_MAX; /* fits */
    }
    long n = site == WS_FAULT_send ? sendmsg(fd, m, lx) : recvmsg(fd, m, lx);
    int e = errno;
    if (room != SIZE_MAX) {
        m->msg_iov[k].iov_len = keep_len;
        m->msg_iovlen = keep_count;
    }
    ws_fault_bytes(site, n);
    errno = e;
    return n;
}

int ws_fault_connect(int fd, bool async, const struct sockaddr *sa, socklen_t len)
{
    if (!ws_fault_hit(WS_FAULT_connect, fd))
        return connect(fd, sa, len);
    int e = errno;
    if (!async || e != ECONNREFUSED || (sa->sa_family != AF_INET && sa->sa_family != AF_INET6)) {
        errno = e;
        return -1;
    }
    /* A port of the loopback address that is bound for a moment and never
     * listened on: the kernel refuses the connection for real. */
    struct sockaddr_storage ss = {0};
    socklen_t sslen = sa->sa_family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
    if (sa->sa_family == AF_INET) {
        struct sockaddr_in *a = (struct sockaddr_in *)&ss;
        a->sin_family = AF_INET;
        a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    } else {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
        a->sin6_family = AF_INET6;
        a->sin6_addr = in6addr_loopback;
    }
    int t = socket(sa->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int r = -1;
    if (t >= 0 && bind(t, (struct sockaddr *)&ss, sslen) == 0 && getsockname(t, (struct sockaddr *)&ss, &sslen) == 0)
        r = connect(fd, (struct sockaddr *)&ss, sslen);
    else
        errno = e; /* no port to be refused by: fail at once */
    e = errno;
    if (t >= 0)
        close(t);
    errno = e;
    return r;
}
