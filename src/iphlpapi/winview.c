/* The kernel's tables as Windows reports them: identities (LUID, GUID),
 * interface types and states, address origins and lifetimes, sockaddrs in
 * Windows layout, and the buffer protocol of the adapter functions. */
#include "iphlp.h"
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- identities ---------------------------------------------------------- */
int iph_link_by_luid(ULONG64 luid, struct iph_link *out)
{
    if (IPH_LUID_RESERVED(luid) || !IPH_LUID_INDEX(luid))
        return ENODEV;
    int err = iph_link_get((int)IPH_LUID_INDEX(luid), NULL, out);
    if (!err && iph_luid(out) != luid)
        err = ENODEV; /* another type: not the interface this LUID named */
    return err;
}

/* The name's bytes, printed in order by the braced string: Data1 and the
 * 16-bit fields hold them most significant byte first. */
void iph_guid(const char *name, GUID *g)
{
    unsigned char b[16] = {0};
    size_t n = strnlen(name, 15);
    memcpy(b, name, n);
    g->Data1 = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
    g->Data2 = (unsigned short)(b[4] << 8 | b[5]);
    g->Data3 = (unsigned short)(b[6] << 8 | b[7]);
    memcpy(g->Data4, b + 8, 8);
}

bool iph_guid_name(const GUID *g, char name[IFNAMSIZ])
{
    unsigned char b[16] = {(unsigned char)(g->Data1 >> 24), (unsigned char)(g->Data1 >> 16),
                           (unsigned char)(g->Data1 >> 8),  (unsigned char)g->Data1,
                           (unsigned char)(g->Data2 >> 8),  (unsigned char)g->Data2,
                           (unsigned char)(g->Data3 >> 8),  (unsigned char)g->Data3};
    memcpy(b + 8, g->Data4, 8);
    size_t n = strnlen((const char *)b, 16);
    if (!n || n > 15)
        return false;
    for (size_t i = n; i < 16; i++) /* nothing after the name */
        if (b[i])
            return false;
    memcpy(name, b, n + 1);
    return true;
}

void iph_guid_string(const GUID *g, char out[39])
{
    snprintf(out, 39, "{%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}", (unsigned)g->Data1, g->Data2, g->Data3,
             g->Data4[0], g->Data4[1], g->Data4[2], g->Data4[3], g->Data4[4], g->Data4[5], g->Data4[6], g->Data4[7]);
}

/* ---- interface properties ------------------------------------------------ */
/* RFC 2863 states map one to one; "unknown" (loopback, many virtual links)
 * is read from the flags: up and carrier present is up. */
IF_OPER_STATUS iph_oper_status(const struct iph_link *l)
{
    switch (l->operstate) {
    case IF_OPER_UP:
        return IfOperStatusUp;
    case IF_OPER_DOWN:
        return IfOperStatusDown;
    case IF_OPER_TESTING:
        return IfOperStatusTesting;
    case IF_OPER_DORMANT:
        return IfOperStatusDormant;
    case IF_OPER_NOTPRESENT:
        return IfOperStatusNotPresent;
    case IF_OPER_LOWERLAYERDOWN:
        return IfOperStatusLowerLayerDown;
    default:
        return (l->flags & IFF_UP) && (l->flags & IFF_LOWER_UP) ? IfOperStatusUp : IfOperStatusDown;
    }
}

ULONG64 iph_link_speed(const struct iph_link *l)
{
    char path[96], buf[32];
    snprintf(path, sizeof path, "/sys/class/net/%s/speed", l->name);
    FILE *f = fopen(path, "re");
    long long mbps = -1;
    if (f) {
        if (fgets(buf, sizeof buf, f))
            mbps = strtoll(buf, NULL, 10);
        fclose(f);
    }
    return mbps > 0 ? (ULONG64)mbps * 1000000u : UINT64_MAX;
}

void iph_description(const struct iph_link *l, char *out, size_t size)
{
    char path[96], target[256];
    snprintf(path, sizeof path, "/sys/class/net/%s/device/driver", l->name);
    ssize_t n = readlink(path, target, sizeof target - 1);
    if (n > 0) {
        target[n] = 0;
        const char *base = strrchr(target, '/');
        snprintf(out, size, "%s", base ? base + 1 : target);
        return;
    }
    if (l->kind[0]) {
        snprintf(out, size, "%s", l->kind);
        return;
    }
    static const struct { ULONG type; const char *word; } words[] = {
        {IF_TYPE_SOFTWARE_LOOPBACK, "loopback"}, {IF_TYPE_ETHERNET_CSMACD, "ethernet"}, {IF_TYPE_IEEE80211, "wireless"},
        {IF_TYPE_TUNNEL, "tunnel"},              {IF_TYPE_PPP, "ppp"},
    };
    const char *w = "interface";
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (words[i].type == l->iftype)
            w = words[i].word;
    snprintf(out, size, "%s", w);
}

static const struct { ULONG iftype; NDIS_MEDIUM medium; NDIS_PHYSICAL_MEDIUM physical; } media[] = {
    {IF_TYPE_ETHERNET_CSMACD, NdisMedium802_3, NdisPhysicalMedium802_3},
    {IF_TYPE_IEEE80211, NdisMediumNative802_11, NdisPhysicalMediumNative802_11},
    {IF_TYPE_SOFTWARE_LOOPBACK, NdisMediumLoopback, NdisPhysicalMediumUnspecified},
    {IF_TYPE_TUNNEL, NdisMediumTunnel, NdisPhysicalMediumUnspecified},
    {IF_TYPE_PPP, NdisMediumWan, NdisPhysicalMediumUnspecified},
    {IF_TYPE_IB, NdisMediumInfiniBand, NdisPhysicalMediumInfiniband},
    {IF_TYPE_IEEE1394, NdisMedium1394, NdisPhysicalMedium1394},
};

NDIS_MEDIUM iph_medium(const struct iph_link *l)
{
    for (size_t i = 0; i < sizeof media / sizeof media[0]; i++)
        if (media[i].iftype == l->iftype)
            return media[i].medium;
    return NdisMediumIP;
}

/* Only a link backed by a device has a physical medium. */
NDIS_PHYSICAL_MEDIUM iph_physical_medium(const struct iph_link *l)
{
    if (!l->hardware)
        return NdisPhysicalMediumUnspecified;
    for (size_t i = 0; i < sizeof media / sizeof media[0]; i++)
        if (media[i].iftype == l->iftype)
            return media[i].physical;
    return NdisPhysicalMediumOther;
}

TUNNEL_TYPE iph_tunnel_type(const struct iph_link *l)
{
    return l->iftype == IF_TYPE_TUNNEL ? TUNNEL_TYPE_OTHER : TUNNEL_TYPE_NONE;
}

ULONG iph_metric(const struct iph_snap *s, int index, int family)
{
    ULONG best = 0;
    bool any = false;
    for (size_t i = 0; i < s->nroutes; i++) {
        const struct iph_route *r = &s->routes[i];
        if (r->oif == index && r->family == family && r->table == RT_TABLE_MAIN &&
            (!r->dst_len || r->protocol == RTPROT_KERNEL) && (!any || r->priority < best)) {
            best = r->priority;
            any = true;
        }
    }
    return best;
}

/* ---- addresses ----------------------------------------------------------- */
static bool is_loopback(const struct iph_addr *a)
{
    static const unsigned char v6[16] = {[15] = 1};
    return a->family == AF_INET ? a->addr[0] == 127 : !memcmp(a->addr, v6, 16);
}
static bool is_link_local(int family, const unsigned char *addr)
{
    return family == AF_INET ? addr[0] == 169 && addr[1] == 254 : addr[0] == 0xfe && (addr[1] & 0xc0) == 0x80;
}
/* An interface identifier made from a MAC address (modified EUI-64). */
static bool is_eui64(const struct iph_addr *a)
{
    return a->addr[11] == 0xff && a->addr[12] == 0xfe;
}

/* Linux keeps no origin; it follows from how the address came: loopback
 * addresses are well known; a finite lifetime means a lease (DHCP, IPv4)
 * or a router advertisement (IPv6 SLAAC); IPv6 link-local addresses are
 * well-known prefixes with a MAC-derived or random suffix; the rest was
 * configured by hand. */
void iph_addr_origin(const struct iph_addr *a, NL_PREFIX_ORIGIN *prefix, NL_SUFFIX_ORIGIN *suffix)
{
    bool permanent = (a->flags & IFA_F_PERMANENT) || a->valid == UINT32_MAX;
    if (is_loopback(a)) {
        *prefix = IpPrefixOriginWellKnown;
        *suffix = IpSuffixOriginWellKnown;
    } else if (a->family == AF_INET6 && is_link_local(AF_INET6, a->addr)) {
        *prefix = IpPrefixOriginWellKnown;
        *suffix = is_eui64(a) ? IpSuffixOriginLinkLayerAddress : IpSuffixOriginRandom;
    } else if (a->family == AF_INET6 && (!permanent || (a->flags & (IFA_F_TEMPORARY | IFA_F_MANAGETEMPADDR)))) {
        *prefix = IpPrefixOriginRouterAdvertisement;
        *suffix = (a->flags & IFA_F_TEMPORARY) || !is_eui64(a) ? IpSuffixOriginRandom : IpSuffixOriginLinkLayerAddress;
    } else if (a->family == AF_INET && !permanent) {
        *prefix = IpPrefixOriginDhcp;
        *suffix = IpSuffixOriginDhcp;
    } else {
        *prefix = IpPrefixOriginManual;
        *suffix = IpSuffixOriginManual;
    }
}

NL_DAD_STATE iph_addr_dad(const struct iph_addr *a)
{
    if (a->flags & IFA_F_DADFAILED)
        return IpDadStateDuplicate;
    if (a->flags & IFA_F_TENTATIVE)
        return IpDadStateTentative;
    if ((a->flags & IFA_F_DEPRECATED) || a->preferred == 0)
        return IpDadStateDeprecated;
    return IpDadStatePreferred;
}

/* Addresses a name may point at: not loopback, link-local or temporary. */
bool iph_addr_dns_eligible(const struct iph_addr *a)
{
    return !is_loopback(a) && !is_link_local(a->family, a->addr) && !(a->flags & IFA_F_TEMPORARY);
}

uint32_t iph_scope_id(int family, const unsigned char *addr, int index)
{
    return family == AF_INET6 && (is_link_local(AF_INET6, addr) || (addr[0] == 0xff && (addr[1] & 0x0f) <= 2))
               ? (uint32_t)index
               : 0;
}

/* The kernel's time stamps count hundredths of a second since boot. */
static double boot_time(void)
{
    struct timespec now, up;
    clock_gettime(CLOCK_REALTIME, &now);
    clock_gettime(CLOCK_BOOTTIME, &up);
    return (double)(now.tv_sec - up.tv_sec) + (double)(now.tv_nsec - up.tv_nsec) / 1e9;
}

time_t iph_time(uint32_t cs)
{
    return (time_t)(boot_time() + cs / 100.0);
}

LONGLONG iph_filetime(uint32_t cs)
{
    /* 100 ns units since 1601-01-01; 11644473600 s separate it from 1970. */
    double unix_s = boot_time() + cs / 100.0;
    return (LONGLONG)((unix_s + 11644473600.0) * 1e7);
}

/* ---- sockaddrs ----------------------------------------------------------- */
int iph_sockaddr(int family, const unsigned char *addr, uint32_t scope, void *out)
{
    struct sockaddr_in6 s6;
    struct sockaddr_in s4;
    const struct sockaddr *lx;
    socklen_t lxlen;
    if (family == AF_INET) {
        memset(&s4, 0, sizeof s4);
        s4.sin_family = AF_INET;
        memcpy(&s4.sin_addr, addr, 4);
        lx = (const struct sockaddr *)&s4;
        lxlen = sizeof s4;
    } else {
        memset(&s6, 0, sizeof s6);
        s6.sin6_family = AF_INET6;
        memcpy(&s6.sin6_addr, addr, 16);
        s6.sin6_scope_id = scope;
        lx = (const struct sockaddr *)&s6;
        lxlen = sizeof s6;
    }
    int len = (int)sizeof(struct WS_sockaddr_in6);
    ws_addr_out(lx, lxlen, out, &len);
    return len;
}

bool iph_from_sockaddr(const void *ws, int *family, unsigned char addr[16], uint32_t *scope)
{
    USHORT fam;
    memcpy(&fam, ws, sizeof fam);
    memset(addr, 0, 16);
    *scope = 0;
    if (fam == WS_AF_INET) {
        const struct WS_sockaddr_in *a = ws;
        memcpy(addr, &a->sin_addr, 4);
        *family = AF_INET;
        return true;
    }
    if (fam == WS_AF_INET6) {
        const struct WS_sockaddr_in6 *a = ws;
        memcpy(addr, a->sin6_addr, 16);
        *scope = a->sin6_scope_id;
        *family = AF_INET6;
        return true;
    }
    return false;
}

int iph_family(ULONG waf)
{
    return waf == WS_AF_UNSPEC ? AF_UNSPEC : waf == WS_AF_INET ? AF_INET : waf == WS_AF_INET6 ? AF_INET6 : -1;
}

/* ---- strings ------------------------------------------------------------- */
/* UTF-8 decoding; a byte that starts no valid sequence stands for itself
 * (interface names are bytes, and the friendly name must show them). */
size_t iph_to_w(const char *s, WCHAR *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    while (*p) {
        uint32_t c = *p;
        int extra = c >= 0xf0 && c < 0xf8 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
        if (c >= 0x80 && c < 0xc0)
            extra = 0;
        uint32_t v = extra ? c & (0x3f >> extra) : c;
        int i = 1;
        for (; i <= extra && (p[i] & 0xc0) == 0x80; i++)
            v = v << 6 | (p[i] & 0x3f);
        if (i <= extra) { /* truncated sequence */
            v = c;
            i = 1;
        }
        if (out)
            out[n] = (WCHAR)v;
        n++;
        p += i;
    }
    if (out)
        out[n] = 0;
    return n;
}

bool iph_from_w(const WCHAR *w, char *out, size_t size)
{
    size_t n = 0;
    for (; *w; w++) {
        uint32_t c = (uint32_t)*w;
        char tmp[4];
        size_t k;
        if (c < 0x80) {
            tmp[0] = (char)c;
            k = 1;
        } else if (c < 0x800) {
            tmp[0] = (char)(0xc0 | c >> 6);
            tmp[1] = (char)(0x80 | (c & 0x3f));
            k = 2;
        } else if (c < 0x10000) {
            tmp[0] = (char)(0xe0 | c >> 12);
            tmp[1] = (char)(0x80 | ((c >> 6) & 0x3f));
            tmp[2] = (char)(0x80 | (c & 0x3f));
            k = 3;
        } else if (c < 0x110000) {
            tmp[0] = (char)(0xf0 | c >> 18);
            tmp[1] = (char)(0x80 | ((c >> 12) & 0x3f));
            tmp[2] = (char)(0x80 | ((c >> 6) & 0x3f));
            tmp[3] = (char)(0x80 | (c & 0x3f));
            k = 4;
        } else {
            return false;
        }
        if (n + k >= size)
            return false;
        memcpy(out + n, tmp, k);
        n += k;
    }
    if (n >= size)
        return false;
    out[n] = 0;
    return true;
}

/* ---- the two-pass buffer ------------------------------------------------- */
void *iph_bump(struct iph_buf *b, size_t size, size_t align)
{
    /* Every piece is at most an adapter (448 bytes) or a DNS suffix entry
     * (1032) or a 256-unit string: the measuring pass writes them here. */
    static __thread union {
        char bytes[2048];
        ULONGLONG align;
    } scratch;
    size_t off = (b->used + align - 1) & ~(align - 1);
    b->used = off + size;
    char *p = b->base ? b->base + off : scratch.bytes;
    memset(p, 0, size);
    return p;
}

WCHAR *iph_bump_w(struct iph_buf *b, const char *s)
{
    char cut[256]; /* strings here are names, descriptions and DNS names */
    snprintf(cut, sizeof cut, "%s", s);
    size_t n = iph_to_w(cut, NULL);
    WCHAR *w = iph_bump(b, (n + 1) * sizeof(WCHAR), sizeof(WCHAR));
    iph_to_w(cut, w);
    return w;
}
