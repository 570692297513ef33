/* Deterministic fault injection: WS2POSIX_FAULTS is a list of rules
 *
 *     site:when=ERROR[;site:when=ERROR...]     (',' separates rules too)
 *
 * site   one of WS_FAULT_SITES (core.h): socket accept connect bind listen
 *        send recv alloc
 * when   N        the Nth call at that site (counted from 1, per site, over
 *                 the whole process)
 *        N-M      the Nth to the Mth
 *        every=N  every Nth (N, 2N, 3N, ...)
 *        after=N  every call after the Nth
 *        *        every call
 * ERROR  an errno name (ENOBUFS), or a Winsock name (WSAECONNRESET) for the
 *        errno our table turns into it
 *
 * The schedule is read once, before main; the first rule that matches a
 * call decides.  A rule that does not parse is reported on stderr and
 * ignored.  Off, ws_fault_on stays false and no site looks further. */
#include "core.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RULES 32

enum when { AT, EVERY, AFTER };

static struct rule {
    unsigned char site;
    unsigned char when;
    int err;
    unsigned long n, m; /* AT: n..m; EVERY, AFTER: n */
} rules[MAX_RULES];
static int nrules;
static unsigned site_mask;
static _Atomic unsigned long calls[WS_FAULT_NSITES];

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

/* An errno by its name, or the errno the table maps to a Winsock name. */
static int errno_of(const char *name)
{
    for (int e = 1; e < 4096; e++) {
        const char *n = strerrorname_np(e);
        if (n && !strcmp(n, name))
            return e;
    }
    for (int e = 1; e < 4096; e++)
        if (ws_errno_is_mapped(e) && !strcmp(ws_wsa_name(ws_errno_to_wsa(e)), name))
            return e;
    return 0;
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
    if (*p != '=' || !(r.err = errno_of(p + 1)))
        return false;
    rules[nrules++] = r;
    site_mask |= 1u << site;
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
        if (r->err == ECONNRESET)
            reset_connection(fd);
        if (ws_unlikely(ws_trace_on)) {
            struct ws_call c = WS_CALL("WS2POSIX_FAULTS");
            c.sys = site_names[site];
            c.sys_errno = r->err;
            ws_trace(&c, -1, "%s #%lu", site_names[site], n);
        }
        errno = r->err;
        return true;
    }
    return false;
}
