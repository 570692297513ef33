/* Tables: interfaces (GetIfEntry2, GetIfTable2(Ex)), unicast addresses
 * (GetUnicastIpAddressEntry/Table), routes (GetIpForwardTable2), the IPv4
 * address table (GetIpAddrTable), FreeMibTable.  The "2" tables are
 * malloc'd here and freed by FreeMibTable. */
#include "iphlp.h"
#include <linux/if.h>
#include <arpa/inet.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>

static DWORD snap_fail(struct ws_call *c, int e)
{
    ws_fail_errno32(c, "netlink", e);
    return (DWORD)c->err;
}

/* ---- interfaces ---------------------------------------------------------- */
static void fill_if_row(const struct iph_link *l, MIB_IF_ROW2 *r, bool stats)
{
    memset(r, 0, sizeof *r);
    r->InterfaceLuid.Value = iph_luid(l);
    r->InterfaceIndex = (NET_IFINDEX)l->index;
    iph_guid(l->name, &r->InterfaceGuid);
    char desc[IF_MAX_STRING_SIZE + 1];
    iph_description(l, desc, sizeof desc);
    iph_to_w(l->name, r->Alias);
    iph_to_w(desc, r->Description);
    r->PhysicalAddressLength = l->hwlen;
    memcpy(r->PhysicalAddress, l->hw, l->hwlen);
    memcpy(r->PermanentPhysicalAddress, l->perm, l->permlen);
    r->Mtu = l->mtu;
    r->Type = l->iftype;
    r->TunnelType = iph_tunnel_type(l);
    r->MediaType = iph_medium(l);
    r->PhysicalMediumType = iph_physical_medium(l);
    r->AccessType = l->iftype == IF_TYPE_SOFTWARE_LOOPBACK ? NET_IF_ACCESS_LOOPBACK
                    : l->flags & IFF_POINTOPOINT          ? NET_IF_ACCESS_POINT_TO_POINT
                                                          : NET_IF_ACCESS_BROADCAST;
    r->DirectionType = NET_IF_DIRECTION_SENDRECEIVE;
    r->InterfaceAndOperStatusFlags.HardwareInterface = l->hardware;
    r->InterfaceAndOperStatusFlags.ConnectorPresent = l->hardware;
    r->InterfaceAndOperStatusFlags.NotMediaConnected = !(l->flags & IFF_LOWER_UP);
    r->OperStatus = iph_oper_status(l);
    r->AdminStatus = l->flags & IFF_UP ? NET_IF_ADMIN_STATUS_UP : NET_IF_ADMIN_STATUS_DOWN;
    r->MediaConnectState = l->flags & IFF_LOWER_UP ? MediaConnectStateConnected : MediaConnectStateDisconnected;
    r->ConnectionType = NET_IF_CONNECTION_DEDICATED;
    r->TransmitLinkSpeed = r->ReceiveLinkSpeed = iph_link_speed(l);
    if (stats && l->have_stats) {
        const struct rtnl_link_stats64 *st = &l->stats;
        r->InOctets = st->rx_bytes;
        r->InNUcastPkts = st->multicast;
        r->InUcastPkts = st->rx_packets > st->multicast ? st->rx_packets - st->multicast : 0;
        r->InDiscards = st->rx_dropped;
        r->InErrors = st->rx_errors;
        r->InUnknownProtos = st->rx_nohandler;
        r->OutOctets = st->tx_bytes;
        r->OutUcastPkts = st->tx_packets;
        r->OutDiscards = st->tx_dropped;
        r->OutErrors = st->tx_errors;
    }
}

WS2P_EXPORT DWORD GetIfEntry2(MIB_IF_ROW2 *row)
{
    struct ws_call c = WS_CALL32("GetIfEntry2");
    DWORD rc = NO_ERROR;
    struct iph_link l;
    int e = 0;
    /* The LUID if it is set, else the index (netioapi.h's rule). */
    if (ws_bad_ptr(row) || (!row->InterfaceLuid.Value && !row->InterfaceIndex))
        rc = ERROR_INVALID_PARAMETER;
    else if ((e = row->InterfaceLuid.Value ? iph_link_by_luid(row->InterfaceLuid.Value, &l)
                                           : iph_link_get((int)row->InterfaceIndex, NULL, &l)) != 0)
        rc = e == ENODEV ? ERROR_FILE_NOT_FOUND : snap_fail(&c, e);
    else
        fill_if_row(&l, row, true);
    return WS_EXIT_RC(&c, rc, "row=%p index=%lu", (void *)row, ws_bad_ptr(row) ? 0ul : (unsigned long)row->InterfaceIndex);
}

static DWORD if_table(struct ws_call *c, MIB_IF_TABLE_LEVEL level, MIB_IF_TABLE2 **table)
{
    struct iph_snap s;
    int e;
    if (ws_bad_ptr(table) || (unsigned)level > MibIfTableNormalWithoutStatistics)
        return ERROR_INVALID_PARAMETER;
    if ((e = iph_snap_take(&s, IPH_LINKS)) != 0)
        return snap_fail(c, e);
    DWORD rc = NO_ERROR;
    /* Linux has no filter interfaces: the raw table is the normal one. */
    MIB_IF_TABLE2 *t = calloc(1, offsetof(MIB_IF_TABLE2, Table) + (s.nlinks ? s.nlinks : 1) * sizeof(MIB_IF_ROW2));
    if (!t) {
        rc = ERROR_NOT_ENOUGH_MEMORY;
    } else {
        for (size_t i = 0; i < s.nlinks; i++)
            fill_if_row(&s.links[i], &t->Table[i], level != MibIfTableNormalWithoutStatistics);
        t->NumEntries = (ULONG)s.nlinks;
        *table = t;
    }
    iph_snap_free(&s);
    return rc;
}

WS2P_EXPORT DWORD GetIfTable2Ex(MIB_IF_TABLE_LEVEL level, MIB_IF_TABLE2 **table)
{
    struct ws_call c = WS_CALL32("GetIfTable2Ex");
    DWORD rc = if_table(&c, level, table);
    return WS_EXIT_RC(&c, rc, "level=%d entries=%lu", (int)level,
                      rc == NO_ERROR ? (unsigned long)(*table)->NumEntries : 0ul);
}

WS2P_EXPORT DWORD GetIfTable2(MIB_IF_TABLE2 **table)
{
    struct ws_call c = WS_CALL32("GetIfTable2");
    DWORD rc = if_table(&c, MibIfTableNormal, table);
    return WS_EXIT_RC(&c, rc, "entries=%lu", rc == NO_ERROR ? (unsigned long)(*table)->NumEntries : 0ul);
}

/* ---- unicast addresses --------------------------------------------------- */
void iph_unicast_row(const struct iph_addr *a, ULONG64 luid, WS_MIB_UNICASTIPADDRESS_ROW *r)
{
    memset(r, 0, sizeof *r);
    uint32_t scope = iph_scope_id(a->family, a->addr, a->index);
    iph_sockaddr(a->family, a->addr, scope, &r->Address);
    r->InterfaceLuid.Value = luid;
    r->InterfaceIndex = (NET_IFINDEX)a->index;
    iph_addr_origin(a, &r->PrefixOrigin, &r->SuffixOrigin);
    r->ValidLifetime = a->valid;
    r->PreferredLifetime = a->preferred;
    r->OnLinkPrefixLength = a->prefixlen;
    r->DadState = iph_addr_dad(a);
    r->ScopeId = scope; /* Windows: ScopeId.Value == sin6_scope_id (Wine's tests) */
    r->CreationTimeStamp.QuadPart = iph_filetime(a->cstamp);
}

WS2P_EXPORT DWORD GetUnicastIpAddressTable(USHORT family, WS_MIB_UNICASTIPADDRESS_TABLE **table)
{
    struct ws_call c = WS_CALL32("GetUnicastIpAddressTable");
    DWORD rc = NO_ERROR;
    int fam = iph_family(family), e;
    struct iph_snap s;
    if (ws_bad_ptr(table) || fam < 0) {
        rc = ERROR_INVALID_PARAMETER;
    } else if ((e = iph_snap_take(&s, IPH_ADDRS)) != 0) {
        rc = snap_fail(&c, e);
    } else {
        size_t n = 0;
        for (size_t i = 0; i < s.naddrs; i++)
            n += iph_family_match(fam, s.addrs[i].family);
        WS_MIB_UNICASTIPADDRESS_TABLE *t = n ? calloc(1, sizeof *t + n * sizeof t->Table[0]) : NULL;
        if (!n) {
            rc = ERROR_NOT_FOUND;
        } else if (!t) {
            rc = ERROR_NOT_ENOUGH_MEMORY;
        } else {
            for (size_t i = 0; i < s.naddrs; i++) {
                const struct iph_addr *a = &s.addrs[i];
                const struct iph_link *l = iph_snap_link(&s, a->index);
                if (iph_family_match(fam, a->family))
                    iph_unicast_row(a, l ? iph_luid(l) : 0, &t->Table[t->NumEntries++]);
            }
            *table = t;
        }
        iph_snap_free(&s);
    }
    return WS_EXIT_RC(&c, rc, "family=%u entries=%lu", family,
                      rc == NO_ERROR ? (unsigned long)(*table)->NumEntries : 0ul);
}

WS2P_EXPORT DWORD GetUnicastIpAddressEntry(WS_MIB_UNICASTIPADDRESS_ROW *row)
{
    struct ws_call c = WS_CALL32("GetUnicastIpAddressEntry");
    DWORD rc = NO_ERROR;
    int fam, e;
    unsigned char want[16];
    uint32_t scope;
    struct iph_link l;
    struct iph_snap s;
    if (ws_bad_ptr(row) || !iph_from_sockaddr(&row->Address, &fam, want, &scope)) {
        rc = ERROR_INVALID_PARAMETER;
    } else if ((e = row->InterfaceLuid.Value ? iph_link_by_luid(row->InterfaceLuid.Value, &l)
                                             : iph_link_get((int)row->InterfaceIndex, NULL, &l)) != 0) {
        rc = e == ENODEV ? ERROR_FILE_NOT_FOUND : snap_fail(&c, e);
    } else if ((e = iph_snap_take(&s, IPH_ADDRS)) != 0) {
        rc = snap_fail(&c, e);
    } else {
        rc = ERROR_NOT_FOUND; /* the interface exists, the address is not on it */
        for (size_t i = 0; i < s.naddrs; i++) {
            const struct iph_addr *a = &s.addrs[i];
            if (a->index == l.index && a->family == fam && !memcmp(a->addr, want, fam == AF_INET ? 4 : 16)) {
                iph_unicast_row(a, iph_luid(&l), row);
                rc = NO_ERROR;
                break;
            }
        }
        iph_snap_free(&s);
    }
    return WS_EXIT_RC(&c, rc, "row=%p", (void *)row);
}

/* ---- routes -------------------------------------------------------------- */
#ifndef RTPROT_BGP
#define RTPROT_BGP 186
#define RTPROT_ISIS 187
#define RTPROT_OSPF 188
#define RTPROT_RIP 189
#endif
static const struct { unsigned char linux_proto; NL_ROUTE_PROTOCOL proto; NL_ROUTE_ORIGIN origin; } protocols[] = {
    {RTPROT_KERNEL, RouteProtocolLocal, NlroWellKnown}, {RTPROT_BOOT, RouteProtocolNetMgmt, NlroManual},
    {RTPROT_STATIC, RouteProtocolNetMgmt, NlroManual},  {RTPROT_DHCP, RouteProtocolNetMgmt, NlroDHCP},
    {RTPROT_RA, RouteProtocolOther, NlroRouterAdvertisement},
    {RTPROT_BGP, RouteProtocolBgp, NlroManual},         {RTPROT_OSPF, RouteProtocolOspf, NlroManual},
    {RTPROT_RIP, RouteProtocolRip, NlroManual},         {RTPROT_ISIS, RouteProtocolIsIs, NlroManual},
};

void iph_forward_row(const struct iph_route *r, ULONG64 luid, WS_MIB_IPFORWARD_ROW2 *row)
{
    memset(row, 0, sizeof *row);
    row->InterfaceLuid.Value = luid;
    row->InterfaceIndex = (NET_IFINDEX)r->oif;
    iph_sockaddr(r->family, r->dst, 0, &row->DestinationPrefix.Prefix);
    row->DestinationPrefix.PrefixLength = r->dst_len;
    static const unsigned char zero[16];
    iph_sockaddr(r->family, r->has_gw ? r->gw : zero, r->has_gw ? iph_scope_id(r->family, r->gw, r->oif) : 0,
                 &row->NextHop);
    row->ValidLifetime = row->PreferredLifetime = UINT32_MAX;
    row->Metric = r->priority;
    row->Protocol = RouteProtocolOther;
    row->Origin = NlroManual;
    for (size_t i = 0; i < sizeof protocols / sizeof protocols[0]; i++)
        if (protocols[i].linux_proto == r->protocol) {
            row->Protocol = protocols[i].proto;
            row->Origin = protocols[i].origin;
        }
    row->Loopback = r->type == RTN_LOCAL;
    row->Immortal = r->protocol != RTPROT_RA && r->protocol != RTPROT_DHCP;
}

WS2P_EXPORT DWORD GetIpForwardTable2(USHORT family, WS_MIB_IPFORWARD_TABLE2 **table)
{
    struct ws_call c = WS_CALL32("GetIpForwardTable2");
    DWORD rc = NO_ERROR;
    int fam = iph_family(family), e;
    struct iph_snap s;
    if (ws_bad_ptr(table) || fam < 0) {
        rc = ERROR_INVALID_PARAMETER;
    } else if ((e = iph_snap_take(&s, IPH_ROUTES)) != 0) {
        rc = snap_fail(&c, e);
    } else {
        size_t n = 0;
        for (size_t i = 0; i < s.nroutes; i++)
            n += iph_family_match(fam, s.routes[i].family);
        WS_MIB_IPFORWARD_TABLE2 *t = n ? calloc(1, sizeof *t + n * sizeof t->Table[0]) : NULL;
        if (!n) {
            rc = ERROR_NOT_FOUND;
        } else if (!t) {
            rc = ERROR_NOT_ENOUGH_MEMORY;
        } else {
            for (size_t i = 0; i < s.nroutes; i++) {
                const struct iph_route *r = &s.routes[i];
                const struct iph_link *l = iph_snap_link(&s, r->oif);
                if (iph_family_match(fam, r->family))
                    iph_forward_row(r, l ? iph_luid(l) : 0, &t->Table[t->NumEntries++]);
            }
            *table = t;
        }
        iph_snap_free(&s);
    }
    return WS_EXIT_RC(&c, rc, "family=%u entries=%lu", family,
                      rc == NO_ERROR ? (unsigned long)(*table)->NumEntries : 0ul);
}

WS2P_EXPORT void FreeMibTable(void *memory)
{
    struct ws_call c = WS_CALL32("FreeMibTable");
    (void)WS_EXIT32(&c, 0, "%p", memory); /* traced while the pointer is still valid */
    free(memory);
}

/* ---- GetIpAddrTable ------------------------------------------------------ */
static int by_address(const void *a, const void *b)
{
    uint32_t x = ntohl(((const MIB_IPADDRROW *)a)->dwAddr), y = ntohl(((const MIB_IPADDRROW *)b)->dwAddr);
    return x < y ? -1 : x > y;
}

WS2P_EXPORT DWORD GetIpAddrTable(MIB_IPADDRTABLE *table, ULONG *size, BOOL order)
{
    struct ws_call c = WS_CALL32("GetIpAddrTable");
    DWORD rc = NO_ERROR;
    struct iph_snap s;
    int e;
    if (ws_bad_ptr(size)) {
        rc = ERROR_INVALID_PARAMETER;
    } else if ((e = iph_snap_take(&s, IPH_ADDRS)) != 0) {
        rc = snap_fail(&c, e);
    } else {
        size_t n = 0;
        for (size_t i = 0; i < s.naddrs; i++)
            n += s.addrs[i].family == AF_INET;
        size_t need = offsetof(MIB_IPADDRTABLE, table) + n * sizeof(MIB_IPADDRROW);
        if (need < sizeof(MIB_IPADDRTABLE))
            need = sizeof(MIB_IPADDRTABLE);
        if (!table || *size < need) {
            *size = (ULONG)need;
            rc = ERROR_INSUFFICIENT_BUFFER;
        } else {
            table->dwNumEntries = 0;
            for (size_t i = 0; i < s.naddrs; i++) {
                const struct iph_addr *a = &s.addrs[i];
                if (a->family != AF_INET)
                    continue;
                MIB_IPADDRROW *r = &table->table[table->dwNumEntries++];
                memset(r, 0, sizeof *r);
                memcpy(&r->dwAddr, a->addr, 4);
                r->dwIndex = (IF_INDEX)a->index;
                r->dwMask = a->prefixlen ? htonl(~0u << (32 - a->prefixlen)) : 0;
                r->dwBCastAddr = 1;    /* Windows' value (Wine's tests) */
                r->dwReasmSize = 0xffff;
                NL_PREFIX_ORIGIN po;
                NL_SUFFIX_ORIGIN so;
                iph_addr_origin(a, &po, &so);
                const struct iph_link *l = iph_snap_link(&s, a->index);
                r->wType = MIB_IPADDR_PRIMARY | (po == IpPrefixOriginDhcp ? MIB_IPADDR_DYNAMIC : 0) |
                           (l && iph_oper_status(l) != IfOperStatusUp ? MIB_IPADDR_DISCONNECTED : 0);
            }
            if (order)
                qsort(table->table, table->dwNumEntries, sizeof table->table[0], by_address);
        }
        iph_snap_free(&s);
    }
    return WS_EXIT_RC(&c, rc, "table=%p size=%lu order=%d", (void *)table, ws_bad_ptr(size) ? 0ul : (unsigned long)*size,
                      order);
}
