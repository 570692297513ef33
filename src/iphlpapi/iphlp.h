/*
 * IP Helper, inside the library: the kernel's tables read once per call
 * (kernel.c: netlink for links, addresses and routes; procfs for multicast
 * and anycast groups; /etc/resolv.conf for DNS), the Windows view of them
 * (winview.c: LUIDs, GUIDs, interface types, address origins, sockaddrs),
 * and the mirrors of the public structures that hold socket addresses.
 *
 * Identities, stable for the life of an interface:
 *   IfIndex       the Linux ifindex;
 *   NET_LUID      IfType (IANA, from the ARPHRD type) << 48 | ifindex << 24;
 *   GUID          the interface name's bytes, in the order the braced
 *                 string prints them ("lo" is {6C6F0000-0000-0000-0000-
 *                 000000000000}), so AdapterName survives reboots and
 *                 ConvertInterfaceGuidToLuid needs no table;
 *   names         ConvertInterfaceLuidToName, if_indextoname and the
 *                 friendly name are the Linux name ("eth0"), which is what
 *                 a program passes back to if_nametoindex.
 */
#ifndef WS2P_IPHLP_H
#define WS2P_IPHLP_H
#include "core.h"
#include <net/if.h>
#include <linux/if_link.h>
#include "ws2p/iphlp_base.h"
#include "ipmib.h"
#include "ipexport.h"

/* ---- the kernel's view (kernel.c) ---------------------------------------- */
struct iph_link {
    int index;
    char name[IFNAMSIZ];
    unsigned short arphrd; /* ARPHRD_* */
    unsigned flags;        /* IFF_* */
    unsigned char operstate; /* IF_OPER_* (RFC 2863) */
    unsigned mtu;
    unsigned char hwlen, permlen;
    unsigned char hw[32], perm[32];
    char kind[16];         /* IFLA_INFO_KIND: "veth", "bridge", ... or "" */
    bool ipv6;             /* IPv6 runs on it (not disabled) */
    bool have_stats;
    struct rtnl_link_stats64 stats;
    /* derived (kernel.c: link_finish) */
    ULONG iftype;          /* IF_TYPE_* */
    bool hardware;         /* backed by a device (/sys/class/net/<name>/device) */
};

struct iph_addr {
    int index;
    unsigned char family;  /* Linux AF_INET / AF_INET6 */
    unsigned char prefixlen;
    unsigned char scope;   /* RT_SCOPE_* */
    unsigned char addr[16];
    uint32_t flags;        /* IFA_F_* */
    uint32_t valid, preferred; /* seconds; UINT32_MAX is forever (as on Windows) */
    uint32_t cstamp, tstamp;   /* created / updated, 1/100 s since boot */
};

struct iph_route {
    unsigned char family, dst_len, type, protocol, scope;
    uint32_t table;
    unsigned char dst[16], gw[16], prefsrc[16];
    bool has_gw, has_prefsrc;
    int oif;
    uint32_t priority;
};

struct iph_group { /* a multicast or anycast address joined on an interface */
    int index;
    unsigned char family;
    unsigned char addr[16];
};

struct iph_dns {
    unsigned char family;
    unsigned char addr[16];
    uint32_t scope;
};

struct iph_snap {
    struct iph_link *links;
    size_t nlinks;
    struct iph_addr *addrs;
    size_t naddrs;
    struct iph_route *routes; /* main and local tables, unicast/local/broadcast */
    size_t nroutes;
    struct iph_group *mcast, *anycast;
    size_t nmcast, nanycast;
    struct iph_dns *dns;
    size_t ndns;
    char (*search)[256]; /* resolv.conf search list (domain first if given) */
    size_t nsearch;
};

/* IPH_GATEWAYS: only the routes adapters show (default routes and the
 * kernel's on-link ones), so a full Internet table costs no memory. */
enum { IPH_LINKS = 1, IPH_ADDRS = 2, IPH_ROUTES = 4, IPH_GROUPS = 8, IPH_RESOLVER = 16, IPH_GATEWAYS = 32 };
/* Read what `what` asks for (links always): 0, or an errno. */
int iph_snap_take(struct iph_snap *s, unsigned what);
void iph_snap_free(struct iph_snap *s);
const struct iph_link *iph_snap_link(const struct iph_snap *s, int index);
/* One link by index (name NULL) or by name: 0, ENODEV, or an errno. */
int iph_link_get(int index, const char *name, struct iph_link *out);

/* Netlink messages, for kernel.c's dumps and the notification thread. */
struct nlmsghdr;
int iph_nl_open(unsigned groups); /* a NETLINK_ROUTE socket, or -1 (errno) */
bool iph_parse_link(const struct nlmsghdr *h, struct iph_link *l);
bool iph_parse_addr(const struct nlmsghdr *h, struct iph_addr *a);
/* A route lookup (RTM_GETROUTE for dst, optionally from src / out of oif):
 * the matching table entry in *match (prefix, metric, protocol) and the
 * resolved route in *r (oif, gateway, preferred source).  0 or errno. */
int iph_route_get(int family, const unsigned char *dst, const unsigned char *src, int oif, struct iph_route *match,
                  struct iph_route *r);

/* ---- the Windows view (winview.c) ---------------------------------------- */
static inline ULONG64 iph_luid(const struct iph_link *l)
{
    return (ULONG64)l->iftype << 48 | (ULONG64)((unsigned)l->index & 0xffffffu) << 24;
}
/* The NET_LUID Windows fields of a value. */
#define IPH_LUID_IFTYPE(v) ((ULONG)((v) >> 48))
#define IPH_LUID_INDEX(v) ((unsigned)((v) >> 24) & 0xffffffu)
#define IPH_LUID_RESERVED(v) ((unsigned)(v) & 0xffffffu)
/* The link a LUID names, read from the kernel: 0, ENODEV or an errno. */
int iph_link_by_luid(ULONG64 luid, struct iph_link *out);
void iph_guid(const char *name, GUID *g);
bool iph_guid_name(const GUID *g, char name[IFNAMSIZ]); /* false: not one of ours */
void iph_guid_string(const GUID *g, char out[39]);     /* "{XXXXXXXX-...}" */
IF_OPER_STATUS iph_oper_status(const struct iph_link *l);
ULONG64 iph_link_speed(const struct iph_link *l);      /* bits/s, ULONG64 max if unknown */
/* Description: the driver, the link kind or the type ("loopback"). */
void iph_description(const struct iph_link *l, char *out, size_t size);
NDIS_MEDIUM iph_medium(const struct iph_link *l);
NDIS_PHYSICAL_MEDIUM iph_physical_medium(const struct iph_link *l);
TUNNEL_TYPE iph_tunnel_type(const struct iph_link *l);
/* Lowest metric of the default and on-link routes out of the interface,
 * for a Linux family (0 if none). */
ULONG iph_metric(const struct iph_snap *s, int index, int family);

void iph_addr_origin(const struct iph_addr *a, NL_PREFIX_ORIGIN *prefix, NL_SUFFIX_ORIGIN *suffix);
NL_DAD_STATE iph_addr_dad(const struct iph_addr *a);
bool iph_addr_dns_eligible(const struct iph_addr *a);
uint32_t iph_scope_id(int family, const unsigned char *addr, int index); /* link-local: the index */
/* Creation time as FILETIME (100 ns since 1601) and as time_t. */
LONGLONG iph_filetime(uint32_t centisec_since_boot);
time_t iph_time(uint32_t centisec_since_boot);

/* A Linux family + address as a Windows sockaddr (AF_INET6 = 23) at out
 * (room for a sockaddr_in6): its length. */
int iph_sockaddr(int family, const unsigned char *addr, uint32_t scope, void *out);
/* A Windows sockaddr (SOCKADDR_INET or sockaddr) -> Linux family + address;
 * false if it is not AF_INET / AF_INET6. */
bool iph_from_sockaddr(const void *ws, int *family, unsigned char addr[16], uint32_t *scope);
/* Windows AF_UNSPEC / AF_INET / AF_INET6 -> Linux; -1 for anything else. */
int iph_family(ULONG waf);
/* ZoneIndices slots (ws2def.h's SCOPE_LEVEL). */
enum { IPH_SCOPE_INTERFACE = 1, IPH_SCOPE_LINK = 2 };
static inline bool iph_family_match(int want, int have)
{
    return want == AF_UNSPEC || want == have;
}

/* UTF-8 <-> WCHAR (UTF-32 here).  iph_to_w writes n + 1 units if out is
 * set and returns n; iph_from_w returns false if it does not fit. */
size_t iph_to_w(const char *s, WCHAR *out);
bool iph_from_w(const WCHAR *w, char *out, size_t size);

/* ---- layouts with socket addresses: mirrors of the public structures ---- */
/* (the numbers are Windows' x64 ones; test/abi.c checks the public
 * headers against the same numbers and MinGW's headers) */
typedef struct {
    struct WS_sockaddr *lpSockaddr;
    INT iSockaddrLength;
} WS_SOCKET_ADDRESS;
typedef union {
    struct WS_sockaddr_in Ipv4;
    struct WS_sockaddr_in6 Ipv6;
    USHORT si_family;
} WS_SOCKADDR_INET;

#define WS_IPH_HEAD(flags)    \
    union {                   \
        ULONGLONG Alignment;  \
        struct {              \
            ULONG Length;     \
            DWORD flags;      \
        };                    \
    }

typedef struct WS_IP_ADAPTER_UNICAST_ADDRESS {
    WS_IPH_HEAD(Flags);
    struct WS_IP_ADAPTER_UNICAST_ADDRESS *Next;
    WS_SOCKET_ADDRESS Address;
    NL_PREFIX_ORIGIN PrefixOrigin;
    NL_SUFFIX_ORIGIN SuffixOrigin;
    NL_DAD_STATE DadState;
    ULONG ValidLifetime, PreferredLifetime, LeaseLifetime;
    UINT8 OnLinkPrefixLength;
} WS_IP_ADAPTER_UNICAST_ADDRESS;

/* Anycast, multicast, DNS server, WINS server and gateway entries share
 * one layout. */
typedef struct WS_IP_ADAPTER_ENTRY {
    WS_IPH_HEAD(Flags);
    struct WS_IP_ADAPTER_ENTRY *Next;
    WS_SOCKET_ADDRESS Address;
} WS_IP_ADAPTER_ENTRY;

typedef struct WS_IP_ADAPTER_PREFIX {
    WS_IPH_HEAD(Flags);
    struct WS_IP_ADAPTER_PREFIX *Next;
    WS_SOCKET_ADDRESS Address;
    ULONG PrefixLength;
} WS_IP_ADAPTER_PREFIX;

typedef struct WS_IP_ADAPTER_ADDRESSES {
    union {
        ULONGLONG Alignment;
        struct {
            ULONG Length;
            IF_INDEX IfIndex;
        };
    };
    struct WS_IP_ADAPTER_ADDRESSES *Next;
    char *AdapterName;
    WS_IP_ADAPTER_UNICAST_ADDRESS *FirstUnicastAddress;
    WS_IP_ADAPTER_ENTRY *FirstAnycastAddress;
    WS_IP_ADAPTER_ENTRY *FirstMulticastAddress;
    WS_IP_ADAPTER_ENTRY *FirstDnsServerAddress;
    WCHAR *DnsSuffix;
    WCHAR *Description;
    WCHAR *FriendlyName;
    BYTE PhysicalAddress[MAX_ADAPTER_ADDRESS_LENGTH];
    ULONG PhysicalAddressLength;
    ULONG Flags; /* IP_ADAPTER_* */
    ULONG Mtu;
    IFTYPE IfType;
    IF_OPER_STATUS OperStatus;
    IF_INDEX Ipv6IfIndex;
    ULONG ZoneIndices[16];
    WS_IP_ADAPTER_PREFIX *FirstPrefix;
    ULONG64 TransmitLinkSpeed;
    ULONG64 ReceiveLinkSpeed;
    WS_IP_ADAPTER_ENTRY *FirstWinsServerAddress;
    WS_IP_ADAPTER_ENTRY *FirstGatewayAddress;
    ULONG Ipv4Metric;
    ULONG Ipv6Metric;
    NET_LUID Luid;
    WS_SOCKET_ADDRESS Dhcpv4Server;
    NET_IF_COMPARTMENT_ID CompartmentId;
    NET_IF_NETWORK_GUID NetworkGuid;
    NET_IF_CONNECTION_TYPE ConnectionType;
    TUNNEL_TYPE TunnelType;
    WS_SOCKET_ADDRESS Dhcpv6Server;
    BYTE Dhcpv6ClientDuid[MAX_DHCPV6_DUID_LENGTH];
    ULONG Dhcpv6ClientDuidLength;
    ULONG Dhcpv6Iaid;
    IP_ADAPTER_DNS_SUFFIX *FirstDnsSuffix;
} WS_IP_ADAPTER_ADDRESSES;

typedef struct {
    WS_SOCKADDR_INET Address;
    NET_LUID InterfaceLuid;
    NET_IFINDEX InterfaceIndex;
    NL_PREFIX_ORIGIN PrefixOrigin;
    NL_SUFFIX_ORIGIN SuffixOrigin;
    ULONG ValidLifetime;
    ULONG PreferredLifetime;
    UINT8 OnLinkPrefixLength;
    BOOLEAN SkipAsSource;
    NL_DAD_STATE DadState;
    ULONG ScopeId; /* SCOPE_ID */
    LARGE_INTEGER CreationTimeStamp;
} WS_MIB_UNICASTIPADDRESS_ROW;
typedef struct {
    ULONG NumEntries;
    WS_MIB_UNICASTIPADDRESS_ROW Table[];
} WS_MIB_UNICASTIPADDRESS_TABLE;

typedef struct {
    WS_SOCKADDR_INET Prefix;
    UINT8 PrefixLength;
} WS_IP_ADDRESS_PREFIX;
typedef struct {
    NET_LUID InterfaceLuid;
    NET_IFINDEX InterfaceIndex;
    WS_IP_ADDRESS_PREFIX DestinationPrefix;
    WS_SOCKADDR_INET NextHop;
    UCHAR SitePrefixLength;
    ULONG ValidLifetime;
    ULONG PreferredLifetime;
    ULONG Metric;
    NL_ROUTE_PROTOCOL Protocol;
    BOOLEAN Loopback;
    BOOLEAN AutoconfigureAddress;
    BOOLEAN Publish;
    BOOLEAN Immortal;
    ULONG Age;
    NL_ROUTE_ORIGIN Origin;
} WS_MIB_IPFORWARD_ROW2;
typedef struct {
    ULONG NumEntries;
    WS_MIB_IPFORWARD_ROW2 Table[];
} WS_MIB_IPFORWARD_TABLE2;

#define IPH_LAYOUT(type, size) _Static_assert(sizeof(type) == (size), "sizeof " #type)
#define IPH_AT(type, member, off) _Static_assert(offsetof(type, member) == (off), #type "." #member)
IPH_LAYOUT(WS_SOCKET_ADDRESS, 16);
IPH_LAYOUT(WS_SOCKADDR_INET, 28);
IPH_LAYOUT(WS_IP_ADAPTER_UNICAST_ADDRESS, 64);
IPH_AT(WS_IP_ADAPTER_UNICAST_ADDRESS, Address, 16);
IPH_AT(WS_IP_ADAPTER_UNICAST_ADDRESS, PrefixOrigin, 32);
IPH_AT(WS_IP_ADAPTER_UNICAST_ADDRESS, LeaseLifetime, 52);
IPH_AT(WS_IP_ADAPTER_UNICAST_ADDRESS, OnLinkPrefixLength, 56);
IPH_LAYOUT(WS_IP_ADAPTER_ENTRY, 32);
IPH_LAYOUT(WS_IP_ADAPTER_PREFIX, 40);
IPH_AT(WS_IP_ADAPTER_PREFIX, PrefixLength, 32);
IPH_LAYOUT(WS_IP_ADAPTER_ADDRESSES, 448);
IPH_AT(WS_IP_ADAPTER_ADDRESSES, AdapterName, 16);
IPH_AT(WS_IP_ADAPTER_ADDRESSES, DnsSuffix, 56);
IPH_AT(WS_IP_ADAPTER_ADDRESSES, PhysicalAddress, 80);
IPH_AT(WS_IP_ADAPTER_ADDRESSES, Flags, 92);
IPH_AT(WS_IP_ADAPTER_ADDRESSES, ZoneIndices, 112);
IPH_AT(WS_IP_ADAPTER_ADDRESSES, FirstPrefix, 176);
IPH_AT(WS_IP_ADAPTER_ADDRESSES, TransmitLinkSpeed, 184);
IPH_AT(WS_IP_ADAPTER_ADDRESSES, FirstGatewayAddress, 208);
IPH_AT(WS_IP_ADAPTER_ADDRESSES, Luid, 224);
IPH_AT(WS_IP_ADAPTER_ADDRESSES, Dhcpv4Server, 232);
IPH_AT(WS_IP_ADAPTER_ADDRESSES, CompartmentId, 248);
IPH_AT(WS_IP_ADAPTER_ADDRESSES, TunnelType, 272);
IPH_AT(WS_IP_ADAPTER_ADDRESSES, Dhcpv6Server, 280);
IPH_AT(WS_IP_ADAPTER_ADDRESSES, Dhcpv6ClientDuidLength, 428);
IPH_AT(WS_IP_ADAPTER_ADDRESSES, FirstDnsSuffix, 440);
IPH_LAYOUT(WS_MIB_UNICASTIPADDRESS_ROW, 80);
IPH_AT(WS_MIB_UNICASTIPADDRESS_ROW, InterfaceLuid, 32);
IPH_AT(WS_MIB_UNICASTIPADDRESS_ROW, OnLinkPrefixLength, 60);
IPH_AT(WS_MIB_UNICASTIPADDRESS_ROW, DadState, 64);
IPH_AT(WS_MIB_UNICASTIPADDRESS_ROW, ScopeId, 68);
IPH_AT(WS_MIB_UNICASTIPADDRESS_ROW, CreationTimeStamp, 72);
IPH_AT(WS_MIB_UNICASTIPADDRESS_TABLE, Table, 8);
IPH_LAYOUT(WS_MIB_IPFORWARD_ROW2, 104);
IPH_AT(WS_MIB_IPFORWARD_ROW2, DestinationPrefix, 12);
IPH_AT(WS_MIB_IPFORWARD_ROW2, NextHop, 44);
IPH_AT(WS_MIB_IPFORWARD_ROW2, Metric, 84);
IPH_AT(WS_MIB_IPFORWARD_ROW2, Loopback, 92);
IPH_AT(WS_MIB_IPFORWARD_ROW2, Origin, 100);
IPH_AT(WS_MIB_IPFORWARD_TABLE2, Table, 8);

/* The size protocol of GetAdaptersAddresses / GetAdaptersInfo /
 * GetNetworkParams: the same fill code runs twice, first measuring (base
 * NULL: every piece lands in a scratch area and only the size counts),
 * then writing into the caller's buffer. */
struct iph_buf {
    char *base;
    size_t used;
};
void *iph_bump(struct iph_buf *b, size_t size, size_t align);
static inline bool iph_measuring(const struct iph_buf *b)
{
    return !b->base;
}
/* A WCHAR copy of s in the buffer. */
WCHAR *iph_bump_w(struct iph_buf *b, const char *s);

/* Rows shared by the tables (mib.c) and the notifications (notify.c). */
void iph_unicast_row(const struct iph_addr *a, ULONG64 luid, WS_MIB_UNICASTIPADDRESS_ROW *row);
void iph_forward_row(const struct iph_route *r, ULONG64 luid, WS_MIB_IPFORWARD_ROW2 *row);
#endif
