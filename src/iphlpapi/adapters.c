/* Adapters: GetAdaptersAddresses, GetAdaptersInfo, GetNetworkParams,
 * GetNumberOfInterfaces.  Every Linux interface is an adapter (Windows
 * lists disconnected adapters too); its addresses, groups, gateways and DNS
 * servers come from one snapshot of the kernel's tables taken by the call.
 *
 * The buffer protocol (Wine's tests): a NULL buffer's size is ignored and
 * overwritten with the size needed, a short buffer gets the size needed
 * and ERROR_BUFFER_OVERFLOW, a large enough buffer's size is left as it
 * was.  Everything the structures point at lives inside the buffer. */
#include "iphlp.h"
#include <linux/if.h>
#include <arpa/inet.h>
#include <linux/if_addr.h>
#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define SA_ROOM sizeof(struct WS_sockaddr_in6)

static WS_SOCKET_ADDRESS bump_sockaddr(struct iph_buf *b, int family, const unsigned char *addr, uint32_t scope)
{
    WS_SOCKET_ADDRESS sa;
    size_t len = family == AF_INET ? sizeof(struct WS_sockaddr_in) : sizeof(struct WS_sockaddr_in6);
    sa.lpSockaddr = iph_bump(b, len, 8);
    unsigned char tmp[SA_ROOM];
    sa.iSockaddrLength = iph_sockaddr(family, addr, scope, tmp);
    memcpy(sa.lpSockaddr, tmp, len);
    return sa;
}

/* Append an anycast/multicast/DNS/gateway entry after *tail. */
static void entry(struct iph_buf *b, WS_IP_ADAPTER_ENTRY ***tail, int family, const unsigned char *addr, uint32_t scope)
{
    WS_IP_ADAPTER_ENTRY *e = iph_bump(b, sizeof *e, 8);
    e->Length = sizeof *e;
    e->Address = bump_sockaddr(b, family, addr, scope);
    **tail = e;
    *tail = &e->Next;
}

static void masked(const struct iph_addr *a, unsigned char out[16])
{
    size_t n = a->family == AF_INET ? 4 : 16;
    memset(out, 0, 16);
    for (size_t i = 0; i < n; i++) {
        int bits = a->prefixlen - (int)i * 8;
        out[i] = (unsigned char)(a->addr[i] & (bits >= 8 ? 0xff : bits <= 0 ? 0 : 0xff << (8 - bits)));
    }
}

/* DNS servers belong to the adapters that carry traffic: every non-loopback
 * adapter that is up, or the loopback adapter when there is none (a
 * namespace with only lo still has a resolver). */
static bool gets_dns(const struct iph_snap *s, const struct iph_link *l)
{
    bool loop = l->iftype == IF_TYPE_SOFTWARE_LOOPBACK;
    if (!loop)
        return iph_oper_status(l) == IfOperStatusUp;
    for (size_t i = 0; i < s->nlinks; i++)
        if (s->links[i].iftype != IF_TYPE_SOFTWARE_LOOPBACK && iph_oper_status(&s->links[i]) == IfOperStatusUp)
            return false;
    return true;
}

static bool is_default_gw(const struct iph_route *r, int index)
{
    return r->table == RT_TABLE_MAIN && r->type == RTN_UNICAST && r->dst_len == 0 && r->has_gw && r->oif == index;
}

static void fill_adapter(const struct iph_snap *s, const struct iph_link *l, int fam, ULONG flags, struct iph_buf *b,
                         WS_IP_ADAPTER_ADDRESSES *aa)
{
    aa->Length = sizeof *aa;
    aa->IfIndex = (IF_INDEX)l->index;
    GUID g;
    iph_guid(l->name, &g);
    aa->AdapterName = iph_bump(b, 39, 1);
    iph_guid_string(&g, aa->AdapterName);
    char desc[256];
    iph_description(l, desc, sizeof desc);
    /* GAA_FLAG_SKIP_FRIENDLY_NAME changes nothing on Windows (Wine's tests:
     * the same size either way). */
    aa->FriendlyName = iph_bump_w(b, l->name);
    aa->Description = iph_bump_w(b, desc);
    bool dns_info = !(flags & GAA_FLAG_SKIP_DNS_INFO);
    aa->DnsSuffix = iph_bump_w(b, dns_info && s->nsearch ? s->search[0] : "");
    if (l->arphrd != ARPHRD_LOOPBACK) {
        aa->PhysicalAddressLength = l->hwlen < MAX_ADAPTER_ADDRESS_LENGTH ? l->hwlen : MAX_ADAPTER_ADDRESS_LENGTH;
        memcpy(aa->PhysicalAddress, l->hw, aa->PhysicalAddressLength);
    }
    aa->Flags = IP_ADAPTER_IPV4_ENABLED | (l->ipv6 ? IP_ADAPTER_IPV6_ENABLED : 0) |
                (l->flags & IFF_MULTICAST ? 0 : IP_ADAPTER_NO_MULTICAST);
    aa->Mtu = l->mtu;
    aa->IfType = l->iftype;
    aa->OperStatus = iph_oper_status(l);
    aa->Ipv6IfIndex = l->ipv6 ? (IF_INDEX)l->index : 0;
    aa->ZoneIndices[IPH_SCOPE_INTERFACE] = aa->ZoneIndices[IPH_SCOPE_LINK] = (ULONG)l->index;
    aa->TransmitLinkSpeed = aa->ReceiveLinkSpeed = iph_measuring(b) ? 0 : iph_link_speed(l);
    aa->Ipv4Metric = iph_metric(s, l->index, AF_INET);
    aa->Ipv6Metric = iph_metric(s, l->index, AF_INET6);
    aa->Luid.Value = iph_luid(l);
    aa->CompartmentId = NET_IF_COMPARTMENT_ID_PRIMARY;
    aa->ConnectionType = NET_IF_CONNECTION_DEDICATED;
    aa->TunnelType = iph_tunnel_type(l);

    WS_IP_ADAPTER_UNICAST_ADDRESS **ut = &aa->FirstUnicastAddress;
    WS_IP_ADAPTER_PREFIX **pt = &aa->FirstPrefix;
    for (size_t i = 0; i < s->naddrs; i++) {
        const struct iph_addr *a = &s->addrs[i];
        if (a->index != l->index || !iph_family_match(fam, a->family))
            continue;
        NL_PREFIX_ORIGIN po;
        NL_SUFFIX_ORIGIN so;
        iph_addr_origin(a, &po, &so);
        if (a->family == AF_INET && po == IpPrefixOriginDhcp)
            aa->Flags |= IP_ADAPTER_DHCP_ENABLED;
        if (!(flags & GAA_FLAG_SKIP_UNICAST)) {
            WS_IP_ADAPTER_UNICAST_ADDRESS *u = iph_bump(b, sizeof *u, 8);
            u->Length = sizeof *u;
            u->Flags = iph_addr_dns_eligible(a) ? IP_ADAPTER_ADDRESS_DNS_ELIGIBLE : 0;
            u->Address = bump_sockaddr(b, a->family, a->addr, iph_scope_id(a->family, a->addr, l->index));
            u->PrefixOrigin = po;
            u->SuffixOrigin = so;
            u->DadState = iph_addr_dad(a);
            u->ValidLifetime = u->LeaseLifetime = a->valid;
            u->PreferredLifetime = a->preferred;
            u->OnLinkPrefixLength = a->prefixlen;
            *ut = u;
            ut = &u->Next;
        }
        if (flags & GAA_FLAG_INCLUDE_PREFIX) { /* the on-link prefix of each address, once */
            unsigned char p[16], q[16];
            masked(a, p);
            bool seen = false;
            for (size_t j = 0; j < i && !seen; j++) {
                const struct iph_addr *o = &s->addrs[j];
                if (o->index == l->index && o->family == a->family && o->prefixlen == a->prefixlen &&
                    iph_family_match(fam, o->family)) {
                    masked(o, q);
                    seen = !memcmp(p, q, 16);
                }
            }
            if (!seen) {
                WS_IP_ADAPTER_PREFIX *x = iph_bump(b, sizeof *x, 8);
                x->Length = sizeof *x;
                x->Address = bump_sockaddr(b, a->family, p, 0);
                x->PrefixLength = a->prefixlen;
                *pt = x;
                pt = &x->Next;
            }
        }
    }
    WS_IP_ADAPTER_ENTRY **t = &aa->FirstAnycastAddress;
    for (size_t i = 0; !(flags & GAA_FLAG_SKIP_ANYCAST) && i < s->nanycast; i++) {
        const struct iph_group *g2 = &s->anycast[i];
        if (g2->index == l->index && iph_family_match(fam, g2->family))
            entry(b, &t, g2->family, g2->addr, iph_scope_id(g2->family, g2->addr, l->index));
    }
    t = &aa->FirstMulticastAddress;
    for (size_t i = 0; !(flags & GAA_FLAG_SKIP_MULTICAST) && i < s->nmcast; i++) {
        const struct iph_group *g2 = &s->mcast[i];
        if (g2->index == l->index && iph_family_match(fam, g2->family))
            entry(b, &t, g2->family, g2->addr, iph_scope_id(g2->family, g2->addr, l->index));
    }
    t = &aa->FirstDnsServerAddress;
    if (!(flags & GAA_FLAG_SKIP_DNS_SERVER) && dns_info && gets_dns(s, l))
        for (size_t i = 0; i < s->ndns; i++)
            if (iph_family_match(fam, s->dns[i].family))
                entry(b, &t, s->dns[i].family, s->dns[i].addr, s->dns[i].scope);
    t = &aa->FirstGatewayAddress;
    for (size_t i = 0; (flags & GAA_FLAG_INCLUDE_GATEWAYS) && i < s->nroutes; i++) {
        const struct iph_route *r = &s->routes[i];
        if (is_default_gw(r, l->index) && iph_family_match(fam, r->family))
            entry(b, &t, r->family, r->gw, iph_scope_id(r->family, r->gw, l->index));
    }
    IP_ADAPTER_DNS_SUFFIX **st = &aa->FirstDnsSuffix;
    for (size_t i = 0; dns_info && i < s->nsearch; i++) {
        IP_ADAPTER_DNS_SUFFIX *x = iph_bump(b, sizeof *x, 8);
        char cut[MAX_DNS_SUFFIX_STRING_LENGTH];
        snprintf(cut, sizeof cut, "%s", s->search[i]);
        iph_to_w(cut, x->String);
        *st = x;
        st = &x->Next;
    }
}

static size_t fill_adapters(const struct iph_snap *s, int fam, ULONG flags, struct iph_buf *b)
{
    size_t n = 0;
    WS_IP_ADAPTER_ADDRESSES **tail = NULL;
    for (size_t i = 0; i < s->nlinks; i++) {
        const struct iph_link *l = &s->links[i];
        if (fam == AF_INET6 && !l->ipv6) /* only adapters with the family enabled */
            continue;
        WS_IP_ADAPTER_ADDRESSES *aa = iph_bump(b, sizeof *aa, 8);
        if (tail)
            *tail = aa;
        tail = &aa->Next;
        fill_adapter(s, l, fam, flags, b, aa);
        n++;
    }
    return n;
}

/* Run fill twice (measure, then write) under the buffer protocol. */
static DWORD buffer_protocol(struct ws_call *c, const struct iph_snap *s, void *buf, ULONG *size, DWORD empty,
                             size_t (*fill)(const struct iph_snap *, int, ULONG, struct iph_buf *), int fam,
                             ULONG flags)
{
    (void)c;
    struct iph_buf b = {NULL, 0};
    if (!fill(s, fam, flags, &b))
        return empty;
    if (b.used > UINT32_MAX)
        return ERROR_INVALID_PARAMETER;
    if (!buf || *size < b.used) {
        *size = (ULONG)b.used;
        return ERROR_BUFFER_OVERFLOW;
    }
    b.base = buf;
    b.used = 0;
    fill(s, fam, flags, &b);
    return NO_ERROR;
}

static DWORD take(struct ws_call *c, struct iph_snap *s, unsigned what)
{
    int e = iph_snap_take(s, what);
    if (!e)
        return NO_ERROR;
    ws_fail_errno32(c, "netlink", e);
    return (DWORD)c->err;
}

WS2P_EXPORT ULONG GetAdaptersAddresses(ULONG Family, ULONG Flags, PVOID Reserved, WS_IP_ADAPTER_ADDRESSES *buf,
                                       ULONG *size)
{
    struct ws_call c = WS_CALL32("GetAdaptersAddresses");
    (void)Reserved;
    int fam = iph_family(Family);
    struct iph_snap s;
    DWORD rc;
    if (ws_bad_ptr(size) || fam < 0)
        rc = ERROR_INVALID_PARAMETER;
    else if ((rc = take(&c, &s, IPH_ADDRS | IPH_GATEWAYS | IPH_GROUPS | IPH_RESOLVER)) == NO_ERROR) {
        rc = buffer_protocol(&c, &s, buf, size, ERROR_NO_DATA, fill_adapters, fam, Flags);
        iph_snap_free(&s);
    }
    return WS_EXIT_RC(&c, rc, "family=%lu flags=%#lx buf=%p size=%lu", (unsigned long)Family, (unsigned long)Flags,
                      (void *)buf, ws_bad_ptr(size) ? 0ul : (unsigned long)*size);
}

/* ---- GetAdaptersInfo: IPv4 adapters as text ------------------------------ */
static void ip_string(char out[16], const unsigned char *a)
{
    snprintf(out, 16, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

static void mask_string(char out[16], unsigned prefixlen)
{
    uint32_t m = prefixlen ? htonl(~0u << (32 - (prefixlen > 32 ? 32 : prefixlen))) : 0;
    ip_string(out, (const unsigned char *)&m);
}

/* Windows leaves loopback out (Wine's tests); Linux links that carry IPv4
 * or are network cards (ethernet, wireless: listed even while unplugged,
 * with 0.0.0.0) are the adapters. */
static bool info_adapter(const struct iph_snap *s, const struct iph_link *l)
{
    if (l->iftype == IF_TYPE_SOFTWARE_LOOPBACK)
        return false;
    if (l->iftype == IF_TYPE_ETHERNET_CSMACD || l->iftype == IF_TYPE_IEEE80211)
        return true;
    for (size_t i = 0; i < s->naddrs; i++)
        if (s->addrs[i].index == l->index && s->addrs[i].family == AF_INET)
            return true;
    return false;
}

static size_t fill_info(const struct iph_snap *s, int fam, ULONG flags, struct iph_buf *b)
{
    (void)fam;
    (void)flags;
    size_t n = 0;
    IP_ADAPTER_INFO **tail = NULL;
    time_t now = time(NULL);
    for (size_t i = 0; i < s->nlinks; i++) {
        const struct iph_link *l = &s->links[i];
        if (!info_adapter(s, l))
            continue;
        IP_ADAPTER_INFO *ai = iph_bump(b, sizeof *ai, 8);
        if (tail)
            *tail = ai;
        tail = &ai->Next;
        n++;
        GUID g;
        iph_guid(l->name, &g);
        iph_guid_string(&g, ai->AdapterName);
        iph_description(l, ai->Description, sizeof ai->Description);
        ai->ComboIndex = ai->Index = (DWORD)l->index;
        ai->AddressLength = l->hwlen < MAX_ADAPTER_ADDRESS_LENGTH ? l->hwlen : MAX_ADAPTER_ADDRESS_LENGTH;
        memcpy(ai->Address, l->hw, ai->AddressLength);
        ai->Type = l->iftype;
        ai->CurrentIpAddress = &ai->IpAddressList;
        IP_ADDR_STRING *cur = NULL;
        DWORD ctx = 0;
        bool dhcp = false;
        for (size_t j = 0; j < s->naddrs; j++) {
            const struct iph_addr *a = &s->addrs[j];
            if (a->index != l->index || a->family != AF_INET)
                continue;
            IP_ADDR_STRING *x = cur ? iph_bump(b, sizeof *x, 8) : &ai->IpAddressList;
            if (cur)
                cur->Next = x;
            cur = x;
            ip_string(x->IpAddress.String, a->addr);
            mask_string(x->IpMask.String, a->prefixlen);
            x->Context = ++ctx;
            NL_PREFIX_ORIGIN po;
            NL_SUFFIX_ORIGIN so;
            iph_addr_origin(a, &po, &so);
            if (po == IpPrefixOriginDhcp && !dhcp) {
                dhcp = true;
                ai->DhcpEnabled = 1;
                ai->LeaseObtained = iph_time(a->tstamp);
                ai->LeaseExpires = now + (time_t)a->valid;
            }
        }
        if (!cur) {
            strcpy(ai->IpAddressList.IpAddress.String, "0.0.0.0");
            strcpy(ai->IpAddressList.IpMask.String, "0.0.0.0");
        }
        cur = NULL;
        for (size_t j = 0; j < s->nroutes; j++) {
            const struct iph_route *r = &s->routes[j];
            if (r->family != AF_INET || !is_default_gw(r, l->index))
                continue;
            IP_ADDR_STRING *x = cur ? iph_bump(b, sizeof *x, 8) : &ai->GatewayList;
            if (cur)
                cur->Next = x;
            cur = x;
            ip_string(x->IpAddress.String, r->gw);
            strcpy(x->IpMask.String, "255.255.255.255");
        }
        if (!cur) {
            strcpy(ai->GatewayList.IpAddress.String, "0.0.0.0");
            strcpy(ai->GatewayList.IpMask.String, "0.0.0.0");
        }
    }
    return n;
}

WS2P_EXPORT ULONG GetAdaptersInfo(IP_ADAPTER_INFO *buf, ULONG *size)
{
    struct ws_call c = WS_CALL32("GetAdaptersInfo");
    struct iph_snap s;
    DWORD rc;
    if (ws_bad_ptr(size))
        rc = ERROR_INVALID_PARAMETER;
    else if ((rc = take(&c, &s, IPH_ADDRS | IPH_GATEWAYS)) == NO_ERROR) {
        rc = buffer_protocol(&c, &s, buf, size, ERROR_NO_DATA, fill_info, AF_INET, 0);
        iph_snap_free(&s);
    }
    return WS_EXIT_RC(&c, rc, "buf=%p size=%lu", (void *)buf, ws_bad_ptr(size) ? 0ul : (unsigned long)*size);
}

/* ---- GetNetworkParams ---------------------------------------------------- */
static unsigned read_flag(const char *path)
{
    FILE *f = fopen(path, "re");
    unsigned v = 0;
    if (f) {
        if (fscanf(f, "%u", &v) != 1)
            v = 0;
        fclose(f);
    }
    return v;
}

static size_t fill_params(const struct iph_snap *s, int fam, ULONG flags, struct iph_buf *b)
{
    (void)fam;
    (void)flags;
    FIXED_INFO *fi = iph_bump(b, sizeof *fi, 8);
    char host[256] = "";
    gethostname(host, sizeof host - 1);
    char *dot = strchr(host, '.');
    if (dot)
        *dot++ = 0;
    size_t hl = strnlen(host, sizeof fi->HostName - 1); /* cut to the field, as before (no format: */
    memcpy(fi->HostName, host, hl);                      /* GCC's -O0 truncation check stops a Debug build) */
    fi->HostName[hl] = 0;
    snprintf(fi->DomainName, sizeof fi->DomainName, "%s", s->nsearch ? s->search[0] : dot ? dot : "");
    fi->CurrentDnsServer = &fi->DnsServerList;
    IP_ADDR_STRING *cur = NULL;
    for (size_t i = 0; i < s->ndns; i++) { /* IP_ADDRESS_STRING holds IPv4 text only */
        if (s->dns[i].family != AF_INET)
            continue;
        IP_ADDR_STRING *x = cur ? iph_bump(b, sizeof *x, 8) : &fi->DnsServerList;
        if (cur)
            cur->Next = x;
        cur = x;
        ip_string(x->IpAddress.String, s->dns[i].addr);
    }
    /* NetBIOS over TCP/IP's default node type without WINS servers. */
    fi->NodeType = BROADCAST_NODETYPE;
    fi->EnableRouting = b->base ? read_flag("/proc/sys/net/ipv4/ip_forward") != 0 : 0;
    return 1;
}

WS2P_EXPORT DWORD GetNetworkParams(FIXED_INFO *buf, ULONG *size)
{
    struct ws_call c = WS_CALL32("GetNetworkParams");
    struct iph_snap s;
    DWORD rc;
    if (ws_bad_ptr(size))
        rc = ERROR_INVALID_PARAMETER;
    else if ((rc = take(&c, &s, IPH_RESOLVER)) == NO_ERROR) {
        rc = buffer_protocol(&c, &s, buf, size, ERROR_NO_DATA, fill_params, 0, 0);
        iph_snap_free(&s);
    }
    return WS_EXIT_RC(&c, rc, "buf=%p size=%lu", (void *)buf, ws_bad_ptr(size) ? 0ul : (unsigned long)*size);
}

WS2P_EXPORT DWORD GetNumberOfInterfaces(DWORD *count)
{
    struct ws_call c = WS_CALL32("GetNumberOfInterfaces");
    struct iph_snap s;
    DWORD rc;
    if (ws_bad_ptr(count))
        rc = ERROR_INVALID_PARAMETER;
    else if ((rc = take(&c, &s, IPH_LINKS)) == NO_ERROR) {
        *count = (DWORD)s.nlinks;
        iph_snap_free(&s);
    }
    return WS_EXIT_RC(&c, rc, "count=%lu", rc == NO_ERROR ? (unsigned long)*count : 0ul);
}
