/* The kernel's network tables, read fresh for each IP Helper call: links,
 * addresses and routes from rtnetlink dumps, multicast and anycast groups
 * from /proc/net (the network namespace of the caller), DNS servers and the
 * search list from /etc/resolv.conf.  Nothing is cached, so an answer is
 * never older than the call. */
#include "iphlp.h"
#include <arpa/inet.h>
#include <ctype.h>
#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/ipv6.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NL_BUF (64 * 1024)

int iph_nl_open(unsigned groups)
{
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0)
        return -1;
    struct sockaddr_nl sa = {.nl_family = AF_NETLINK, .nl_groups = groups};
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

struct nl_req {
    struct nlmsghdr h;
    union {
        struct ifinfomsg ifi;
        struct ifaddrmsg ifa;
        struct rtmsg rtm;
    };
    char attrs[64];
};

static void nl_attr(struct nl_req *r, unsigned short type, const void *data, size_t len)
{
    struct rtattr *a = (struct rtattr *)((char *)r + NLMSG_ALIGN(r->h.nlmsg_len));
    a->rta_type = type;
    a->rta_len = (unsigned short)RTA_LENGTH(len);
    memcpy(RTA_DATA(a), data, len);
    r->h.nlmsg_len = NLMSG_ALIGN(r->h.nlmsg_len) + RTA_ALIGN(a->rta_len);
}

/* Send r and hand every reply message to cb until the dump ends (or, for
 * a single request, until its answer): 0 or an errno. */
static int nl_talk(int fd, struct nl_req *r, int (*cb)(const struct nlmsghdr *, void *), void *arg)
{
    static _Atomic uint32_t seqs;
    r->h.nlmsg_seq = atomic_fetch_add_explicit(&seqs, 1, memory_order_relaxed) + 1;
    struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
    if (sendto(fd, r, r->h.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof kernel) < 0)
        return errno;
    char *buf = malloc(NL_BUF);
    if (!buf)
        return ENOMEM;
    bool dump = r->h.nlmsg_flags & NLM_F_DUMP;
    int err = 0;
    for (bool done = false; !done;) {
        ssize_t n = recv(fd, buf, NL_BUF, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            err = errno;
            break;
        }
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
            if (h->nlmsg_seq != r->h.nlmsg_seq)
                continue;
            if (h->nlmsg_type == NLMSG_DONE) {
                done = true;
                break;
            }
            if (h->nlmsg_type == NLMSG_ERROR) {
                const struct nlmsgerr *e = NLMSG_DATA(h);
                err = e->error < 0 ? -e->error : 0;
                done = true;
                break;
            }
            if (!err && cb(h, arg) != 0)
                err = ENOMEM; /* keep reading to the end of the dump */
            if (!dump)
                done = true;
        }
    }
    free(buf);
    return err;
}

static int nl_dump(int fd, unsigned short type, int family, int (*cb)(const struct nlmsghdr *, void *), void *arg)
{
    struct nl_req r;
    memset(&r, 0, sizeof r);
    r.h.nlmsg_type = type;
    r.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    if (type == RTM_GETLINK) {
        r.h.nlmsg_len = NLMSG_LENGTH(sizeof r.ifi);
        r.ifi.ifi_family = (unsigned char)family;
    } else if (type == RTM_GETADDR) {
        r.h.nlmsg_len = NLMSG_LENGTH(sizeof r.ifa);
        r.ifa.ifa_family = (unsigned char)family;
    } else {
        r.h.nlmsg_len = NLMSG_LENGTH(sizeof r.rtm);
        r.rtm.rtm_family = (unsigned char)family;
    }
    return nl_talk(fd, &r, cb, arg);
}

/* ---- parsing ------------------------------------------------------------- */
static void copy_str(char *dst, size_t size, const struct rtattr *a)
{
    size_t n = RTA_PAYLOAD(a);
    const char *s = RTA_DATA(a);
    n = strnlen(s, n);
    if (n >= size)
        n = size - 1;
    memcpy(dst, s, n);
    dst[n] = 0;
}

static bool sys_exists(const char *name, const char *leaf)
{
    char path[96];
    snprintf(path, sizeof path, "/sys/class/net/%s/%s", name, leaf);
    return access(path, F_OK) == 0;
}

/* IANA ifType for an ARPHRD type (ethernet-framed wireless devices are
 * told apart by their wireless directory). */
static const struct { unsigned short arphrd; ULONG iftype; } arphrd_map[] = {
    {ARPHRD_ETHER, IF_TYPE_ETHERNET_CSMACD},     {ARPHRD_LOOPBACK, IF_TYPE_SOFTWARE_LOOPBACK},
    {ARPHRD_PPP, IF_TYPE_PPP},                   {ARPHRD_TUNNEL, IF_TYPE_TUNNEL},
    {ARPHRD_TUNNEL6, IF_TYPE_TUNNEL},            {ARPHRD_SIT, IF_TYPE_TUNNEL},
    {ARPHRD_IPGRE, IF_TYPE_TUNNEL},              {ARPHRD_IP6GRE, IF_TYPE_TUNNEL},
    {ARPHRD_NONE, IF_TYPE_TUNNEL}, /* tun, wireguard: IP without a link layer */
    {ARPHRD_IEEE80211, IF_TYPE_IEEE80211},       {ARPHRD_IEEE80211_PRISM, IF_TYPE_IEEE80211},
    {ARPHRD_IEEE80211_RADIOTAP, IF_TYPE_IEEE80211}, {ARPHRD_INFINIBAND, IF_TYPE_IB},
    {ARPHRD_IEEE1394, IF_TYPE_IEEE1394},         {ARPHRD_ATM, IF_TYPE_ATM},
    {ARPHRD_SLIP, IF_TYPE_SLIP},                 {ARPHRD_FDDI, IF_TYPE_FDDI},
};

static void link_finish(struct iph_link *l)
{
    l->iftype = IF_TYPE_OTHER;
    for (size_t i = 0; i < sizeof arphrd_map / sizeof arphrd_map[0]; i++)
        if (arphrd_map[i].arphrd == l->arphrd)
            l->iftype = arphrd_map[i].iftype;
    l->hardware = l->arphrd != ARPHRD_LOOPBACK && sys_exists(l->name, "device");
    if (l->iftype == IF_TYPE_ETHERNET_CSMACD && (sys_exists(l->name, "wireless") || sys_exists(l->name, "phy80211")))
        l->iftype = IF_TYPE_IEEE80211;
}

/* IPv6 runs on the link unless its devconf says disable_ipv6. */
static bool inet6_enabled(const struct rtattr *spec)
{
    int len = (int)RTA_PAYLOAD(spec);
    for (const struct rtattr *af = RTA_DATA(spec); RTA_OK(af, len); af = RTA_NEXT(af, len)) {
        if (af->rta_type != AF_INET6)
            continue;
        int l2 = (int)RTA_PAYLOAD(af);
        for (const struct rtattr *a = RTA_DATA(af); RTA_OK(a, l2); a = RTA_NEXT(a, l2))
            if (a->rta_type == IFLA_INET6_CONF && RTA_PAYLOAD(a) >= (DEVCONF_DISABLE_IPV6 + 1) * sizeof(int32_t))
                return ((const int32_t *)RTA_DATA(a))[DEVCONF_DISABLE_IPV6] == 0;
        return true;
    }
    return false;
}

bool iph_parse_link(const struct nlmsghdr *h, struct iph_link *l)
{
    if ((h->nlmsg_type != RTM_NEWLINK && h->nlmsg_type != RTM_DELLINK) || h->nlmsg_len < NLMSG_LENGTH(sizeof(struct ifinfomsg)))
        return false;
    const struct ifinfomsg *ifi = NLMSG_DATA(h);
    memset(l, 0, sizeof *l);
    l->index = ifi->ifi_index;
    l->arphrd = ifi->ifi_type;
    l->flags = ifi->ifi_flags;
    int len = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof *ifi));
    for (const struct rtattr *a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
        size_t n = RTA_PAYLOAD(a);
        switch (a->rta_type) {
        case IFLA_IFNAME:
            copy_str(l->name, sizeof l->name, a);
            break;
        case IFLA_MTU:
            if (n >= 4)
                memcpy(&l->mtu, RTA_DATA(a), 4);
            break;
        case IFLA_OPERSTATE:
            if (n >= 1)
                l->operstate = *(const unsigned char *)RTA_DATA(a);
            break;
        case IFLA_ADDRESS:
            l->hwlen = (unsigned char)(n < sizeof l->hw ? n : sizeof l->hw);
            memcpy(l->hw, RTA_DATA(a), l->hwlen);
            break;
        case IFLA_PERM_ADDRESS:
            l->permlen = (unsigned char)(n < sizeof l->perm ? n : sizeof l->perm);
            memcpy(l->perm, RTA_DATA(a), l->permlen);
            break;
        case IFLA_STATS64:
            memcpy(&l->stats, RTA_DATA(a), n < sizeof l->stats ? n : sizeof l->stats);
            l->have_stats = true;
            break;
        case IFLA_LINKINFO: {
            int l2 = (int)n;
            for (const struct rtattr *b = RTA_DATA(a); RTA_OK(b, l2); b = RTA_NEXT(b, l2))
                if (b->rta_type == IFLA_INFO_KIND)
                    copy_str(l->kind, sizeof l->kind, b);
            break;
        }
        case IFLA_AF_SPEC:
            l->ipv6 = inet6_enabled(a);
            break;
        }
    }
    if (!l->permlen) {
        l->permlen = l->hwlen;
        memcpy(l->perm, l->hw, l->hwlen);
    }
    link_finish(l);
    return true;
}

bool iph_parse_addr(const struct nlmsghdr *h, struct iph_addr *a)
{
    if ((h->nlmsg_type != RTM_NEWADDR && h->nlmsg_type != RTM_DELADDR) || h->nlmsg_len < NLMSG_LENGTH(sizeof(struct ifaddrmsg)))
        return false;
    const struct ifaddrmsg *ifa = NLMSG_DATA(h);
    if (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6)
        return false;
    memset(a, 0, sizeof *a);
    a->index = (int)ifa->ifa_index;
    a->family = ifa->ifa_family;
    a->prefixlen = ifa->ifa_prefixlen;
    a->scope = ifa->ifa_scope;
    a->flags = ifa->ifa_flags;
    a->valid = a->preferred = UINT32_MAX;
    size_t alen = ifa->ifa_family == AF_INET ? 4 : 16;
    bool have_local = false, have = false;
    int len = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof *ifa));
    for (const struct rtattr *r = IFA_RTA(ifa); RTA_OK(r, len); r = RTA_NEXT(r, len)) {
        size_t n = RTA_PAYLOAD(r);
        switch (r->rta_type) {
        case IFA_LOCAL: /* the address itself; IFA_ADDRESS is the peer on point-to-point links */
            if (n >= alen) {
                memcpy(a->addr, RTA_DATA(r), alen);
                have = have_local = true;
            }
            break;
        case IFA_ADDRESS:
            if (n >= alen && !have_local) {
                memcpy(a->addr, RTA_DATA(r), alen);
                have = true;
            }
            break;
        case IFA_FLAGS:
            if (n >= 4)
                memcpy(&a->flags, RTA_DATA(r), 4);
            break;
        case IFA_CACHEINFO:
            if (n >= sizeof(struct ifa_cacheinfo)) {
                const struct ifa_cacheinfo *ci = RTA_DATA(r);
                a->valid = ci->ifa_valid;
                a->preferred = ci->ifa_prefered;
                a->cstamp = ci->cstamp;
                a->tstamp = ci->tstamp;
            }
            break;
        }
    }
    return have;
}

/* One route per next hop (a multipath route has several); route lookup
 * answers are clones (RTM_F_CLONED) and are taken as they are. */
static int parse_route(const struct nlmsghdr *h, struct iph_route *out, int room)
{
    if (h->nlmsg_type != RTM_NEWROUTE || h->nlmsg_len < NLMSG_LENGTH(sizeof(struct rtmsg)))
        return 0;
    const struct rtmsg *rtm = NLMSG_DATA(h);
    if (rtm->rtm_family != AF_INET && rtm->rtm_family != AF_INET6)
        return 0;
    struct iph_route r;
    memset(&r, 0, sizeof r);
    r.family = rtm->rtm_family;
    r.dst_len = rtm->rtm_dst_len;
    r.type = rtm->rtm_type;
    r.protocol = rtm->rtm_protocol;
    r.scope = rtm->rtm_scope;
    r.table = rtm->rtm_table;
    size_t alen = r.family == AF_INET ? 4 : 16;
    const struct rtattr *mp = NULL;
    int len = (int)RTM_PAYLOAD(h);
    for (const struct rtattr *a = RTM_RTA(rtm); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
        size_t n = RTA_PAYLOAD(a);
        switch (a->rta_type) {
        case RTA_TABLE:
            if (n >= 4)
                memcpy(&r.table, RTA_DATA(a), 4);
            break;
        case RTA_DST:
            if (n >= alen)
                memcpy(r.dst, RTA_DATA(a), alen);
            break;
        case RTA_GATEWAY:
            if (n >= alen) {
                memcpy(r.gw, RTA_DATA(a), alen);
                r.has_gw = true;
            }
            break;
        case RTA_PREFSRC:
            if (n >= alen) {
                memcpy(r.prefsrc, RTA_DATA(a), alen);
                r.has_prefsrc = true;
            }
            break;
        case RTA_OIF:
            if (n >= 4)
                memcpy(&r.oif, RTA_DATA(a), 4);
            break;
        case RTA_PRIORITY:
            if (n >= 4)
                memcpy(&r.priority, RTA_DATA(a), 4);
            break;
        case RTA_MULTIPATH:
            mp = a;
            break;
        }
    }
    if (!mp) {
        if (room > 0)
            out[0] = r;
        return 1;
    }
    int count = 0, mlen = (int)RTA_PAYLOAD(mp);
    for (const struct rtnexthop *nh = RTA_DATA(mp); mlen >= (int)sizeof *nh && nh->rtnh_len >= sizeof *nh;) {
        struct iph_route one = r;
        one.oif = nh->rtnh_ifindex;
        one.has_gw = false;
        int alen2 = nh->rtnh_len - (int)sizeof *nh;
        for (const struct rtattr *a = RTNH_DATA(nh); RTA_OK(a, alen2); a = RTA_NEXT(a, alen2))
            if (a->rta_type == RTA_GATEWAY && RTA_PAYLOAD(a) >= alen) {
                memcpy(one.gw, RTA_DATA(a), alen);
                one.has_gw = true;
            }
        if (count < room)
            out[count] = one;
        count++;
        mlen -= RTNH_ALIGN(nh->rtnh_len);
        nh = RTNH_NEXT(nh);
    }
    return count;
}

/* ---- dumps into a snapshot ----------------------------------------------- */
#define GROW(arr, n, cap)                                                       \
    ((n) < (cap) ? true : grow((void **)&(arr), &(cap), sizeof *(arr)))
static bool grow(void **arr, size_t *cap, size_t elem)
{
    size_t nc = *cap ? *cap * 2 : 8;
    void *p = realloc(*arr, nc * elem);
    if (!p)
        return false;
    *arr = p;
    *cap = nc;
    return true;
}

struct collect {
    struct iph_snap *s;
    size_t cap;
    bool gateways_only;
};

static int on_link(const struct nlmsghdr *h, void *arg)
{
    struct collect *c = arg;
    struct iph_link l;
    if (!iph_parse_link(h, &l))
        return 0;
    if (!GROW(c->s->links, c->s->nlinks, c->cap))
        return -1;
    c->s->links[c->s->nlinks++] = l;
    return 0;
}

static int on_addr(const struct nlmsghdr *h, void *arg)
{
    struct collect *c = arg;
    struct iph_addr a;
    if (!iph_parse_addr(h, &a))
        return 0;
    if (!GROW(c->s->addrs, c->s->naddrs, c->cap))
        return -1;
    c->s->addrs[c->s->naddrs++] = a;
    return 0;
}

static int on_route(const struct nlmsghdr *h, void *arg)
{
    struct collect *c = arg;
    if (h->nlmsg_type == RTM_NEWROUTE && h->nlmsg_len >= NLMSG_LENGTH(sizeof(struct rtmsg)) &&
        (((const struct rtmsg *)NLMSG_DATA(h))->rtm_flags & RTM_F_CLONED))
        return 0; /* a cached clone (IPv6 PMTU exceptions), not a table entry */
    struct iph_route tmp[8];
    int n = parse_route(h, tmp, 8);
    for (int i = 0; i < n && i < 8; i++) {
        const struct iph_route *r = &tmp[i];
        if ((r->table != RT_TABLE_MAIN && r->table != RT_TABLE_LOCAL) ||
            (r->type != RTN_UNICAST && r->type != RTN_LOCAL && r->type != RTN_BROADCAST))
            continue;
        if (c->gateways_only && (r->table != RT_TABLE_MAIN || (r->dst_len && r->protocol != RTPROT_KERNEL)))
            continue;
        if (!GROW(c->s->routes, c->s->nroutes, c->cap))
            return -1;
        c->s->routes[c->s->nroutes++] = *r;
    }
    return 0;
}

static int hexval(int ch)
{
    return isdigit(ch) ? ch - '0' : tolower(ch) - 'a' + 10;
}

static bool parse_hex(const char *s, unsigned char *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!isxdigit((unsigned char)s[2 * i]) || !isxdigit((unsigned char)s[2 * i + 1]))
            return false;
        out[i] = (unsigned char)(hexval(s[2 * i]) << 4 | hexval(s[2 * i + 1]));
    }
    return true;
}

static bool add_group(struct iph_group **arr, size_t *n, size_t *cap, int index, int family, const unsigned char *addr)
{
    if (!GROW(*arr, *n, *cap))
        return false;
    struct iph_group *g = &(*arr)[(*n)++];
    memset(g, 0, sizeof *g);
    g->index = index;
    g->family = (unsigned char)family;
    memcpy(g->addr, addr, family == AF_INET ? 4 : 16);
    return true;
}

/* /proc/net/igmp6 and /proc/net/anycast6: "index name hex-address ...". */
static bool read_groups6(const char *path, struct iph_group **arr, size_t *n)
{
    FILE *f = fopen(path, "re");
    if (!f)
        return true; /* no IPv6 */
    size_t cap = 0;
    char line[256], hex[64];
    int index;
    bool ok = true;
    while (ok && fgets(line, sizeof line, f)) {
        unsigned char a[16];
        if (sscanf(line, "%d %*s %63s", &index, hex) == 2 && strlen(hex) == 32 && parse_hex(hex, a, 16))
            ok = add_group(arr, n, &cap, index, AF_INET6, a);
    }
    fclose(f);
    return ok;
}

/* /proc/net/igmp: an "index name : ..." line per interface, then one
 * "\t\t\t\tGROUP ..." line per group, the group in hex as the kernel
 * holds the address (network order bytes read as a host integer). */
static bool read_groups4(struct iph_group **arr, size_t *n, size_t *cap)
{
    FILE *f = fopen("/proc/net/igmp", "re");
    if (!f)
        return true;
    char line[256];
    int index = 0;
    bool ok = true;
    while (ok && fgets(line, sizeof line, f)) {
        unsigned v;
        if (line[0] != '\t' && line[0] != ' ') {
            if (sscanf(line, "%d", &index) != 1)
                index = 0;
        } else if (index > 0 && sscanf(line, " %8x", &v) == 1) {
            uint32_t raw = v;
            ok = add_group(arr, n, cap, index, AF_INET, (const unsigned char *)&raw);
        }
    }
    fclose(f);
    return ok;
}

static bool read_resolver(struct iph_snap *s)
{
    FILE *f = fopen("/etc/resolv.conf", "re");
    if (!f)
        return true; /* no resolver configuration: no servers */
    size_t dcap = 0, scap = 0;
    char line[1024];
    bool ok = true;
    while (ok && fgets(line, sizeof line, f)) {
        char *save, *key = strtok_r(line, " \t\r\n", &save);
        if (!key || *key == '#' || *key == ';')
            continue;
        if (!strcmp(key, "nameserver")) {
            char *v = strtok_r(NULL, " \t\r\n", &save);
            if (!v)
                continue;
            struct iph_dns d;
            memset(&d, 0, sizeof d);
            char *pct = strchr(v, '%');
            if (pct) {
                *pct++ = 0;
                d.scope = if_nametoindex(pct);
                if (!d.scope)
                    d.scope = (uint32_t)strtoul(pct, NULL, 10);
            }
            if (ws_libc_pton(AF_INET, v, d.addr) == 1)
                d.family = AF_INET;
            else if (ws_libc_pton(AF_INET6, v, d.addr) == 1)
                d.family = AF_INET6;
            else
                continue;
            if (!(ok = GROW(s->dns, s->ndns, dcap)))
                break;
            s->dns[s->ndns++] = d;
        } else if (!strcmp(key, "domain") || !strcmp(key, "search")) {
            /* The last of these lines wins (resolv.conf(5)); "domain" is a
             * one-name search list. */
            s->nsearch = 0;
            for (char *v; (v = strtok_r(NULL, " \t\r\n", &save)) != NULL;) {
                if (!(ok = GROW(s->search, s->nsearch, scap)))
                    break;
                snprintf(s->search[s->nsearch++], sizeof s->search[0], "%s", v);
                if (!strcmp(key, "domain"))
                    break;
            }
        }
    }
    fclose(f);
    return ok;
}

void iph_snap_free(struct iph_snap *s)
{
    free(s->links);
    free(s->addrs);
    free(s->routes);
    free(s->mcast);
    free(s->anycast);
    free(s->dns);
    free(s->search);
    memset(s, 0, sizeof *s);
}

int iph_snap_take(struct iph_snap *s, unsigned what)
{
    memset(s, 0, sizeof *s);
    int fd = iph_nl_open(0);
    if (fd < 0)
        return errno;
    struct collect c = {s, 0, !(what & IPH_ROUTES)};
    int err = nl_dump(fd, RTM_GETLINK, AF_UNSPEC, on_link, &c);
    if (!err && (what & IPH_ADDRS)) {
        c.cap = 0;
        err = nl_dump(fd, RTM_GETADDR, AF_UNSPEC, on_addr, &c);
    }
    if (!err && (what & (IPH_ROUTES | IPH_GATEWAYS))) {
        c.cap = 0;
        err = nl_dump(fd, RTM_GETROUTE, AF_INET, on_route, &c);
        if (!err)
            err = nl_dump(fd, RTM_GETROUTE, AF_INET6, on_route, &c);
        if (err == EAFNOSUPPORT) /* no IPv6 */
            err = 0;
    }
    close(fd);
    if (!err && (what & IPH_GROUPS)) {
        size_t cap = 0;
        if (!read_groups4(&s->mcast, &s->nmcast, &cap) || !read_groups6("/proc/net/igmp6", &s->mcast, &s->nmcast) ||
            !read_groups6("/proc/net/anycast6", &s->anycast, &s->nanycast))
            err = ENOMEM;
    }
    if (!err && (what & IPH_RESOLVER) && !read_resolver(s))
        err = ENOMEM;
    if (err)
        iph_snap_free(s);
    return err;
}

const struct iph_link *iph_snap_link(const struct iph_snap *s, int index)
{
    for (size_t i = 0; i < s->nlinks; i++)
        if (s->links[i].index == index)
            return &s->links[i];
    return NULL;
}

static int on_one_link(const struct nlmsghdr *h, void *arg)
{
    iph_parse_link(h, arg);
    return 0;
}

int iph_link_get(int index, const char *name, struct iph_link *out)
{
    if (!name && index <= 0)
        return ENODEV;
    if (name && (!*name || strlen(name) >= IFNAMSIZ))
        return ENODEV;
    int fd = iph_nl_open(0);
    if (fd < 0)
        return errno;
    struct nl_req r;
    memset(&r, 0, sizeof r);
    r.h.nlmsg_len = NLMSG_LENGTH(sizeof r.ifi);
    r.h.nlmsg_type = RTM_GETLINK;
    r.h.nlmsg_flags = NLM_F_REQUEST;
    r.ifi.ifi_family = AF_UNSPEC;
    r.ifi.ifi_index = name ? 0 : index;
    if (name)
        nl_attr(&r, IFLA_IFNAME, name, strlen(name) + 1);
    out->index = 0;
    int err = nl_talk(fd, &r, on_one_link, out);
    close(fd);
    if (!err && out->index <= 0)
        err = ENODEV;
    return err;
}

struct route_answer {
    struct iph_route *r;
    bool got;
};

static int on_route_answer(const struct nlmsghdr *h, void *arg)
{
    struct route_answer *a = arg;
    if (parse_route(h, a->r, 1) > 0)
        a->got = true;
    return 0;
}

int iph_route_get(int family, const unsigned char *dst, const unsigned char *src, int oif, struct iph_route *match,
                  struct iph_route *r)
{
    int fd = iph_nl_open(0);
    if (fd < 0)
        return errno;
    size_t alen = family == AF_INET ? 4 : 16;
    int err = 0;
    /* First the route the kernel would use (its source and next hop), then
     * the table entry it came from (RTM_F_FIB_MATCH: prefix, metric,
     * protocol; kernels before 4.13 answer the host route again). */
    for (int pass = 0; pass < 2 && !err; pass++) {
        struct nl_req q;
        memset(&q, 0, sizeof q);
        q.h.nlmsg_len = NLMSG_LENGTH(sizeof q.rtm);
        q.h.nlmsg_type = RTM_GETROUTE;
        q.h.nlmsg_flags = NLM_F_REQUEST;
        q.rtm.rtm_family = (unsigned char)family;
        q.rtm.rtm_dst_len = (unsigned char)(alen * 8);
        if (pass == 1)
            q.rtm.rtm_flags = RTM_F_FIB_MATCH;
        nl_attr(&q, RTA_DST, dst, alen);
        if (src) {
            q.rtm.rtm_src_len = (unsigned char)(alen * 8);
            nl_attr(&q, RTA_SRC, src, alen);
        }
        if (oif > 0)
            nl_attr(&q, RTA_OIF, &oif, sizeof oif);
        struct route_answer a = {pass ? match : r, false};
        err = nl_talk(fd, &q, on_route_answer, &a);
        if (!err && !a.got)
            err = pass ? 0 : ENETUNREACH;
        if (pass == 1 && (err || !a.got)) { /* no table entry answer: use the route itself */
            *match = *r;
            err = 0;
        }
    }
    close(fd);
    return err;
}
