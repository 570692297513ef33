/*
 * ABI: sizes, offsets and values of the Windows structures and constants,
 * written as literals (x64 Windows, LLP64).  A Winsock program like every
 * test: built here against ws2posix, and cross-compiled by .ci/run against
 * MinGW's headers, so each literal is checked against Windows' own headers
 * too.  wsconsts.def and wsaerrors.def (the lists the library translates
 * with) are checked name == value in both builds.
 *
 * Most checks are static assertions; the cases re-check the tables at run
 * time (to count and print them) and the byte layout a program relies on.
 */
#include "wstest.h"
#include <mswsock.h>
#include <mstcpip.h>
#include <wincrypt.h>
#include <bcrypt.h>
#include <lmcons.h>
#include <iphlpapi.h>
#include <stddef.h>

/* MinGW-w64 10's headers lack these Windows SDK (ws2ipdef.h) names, so for
 * the cross-compile they come from here and are not cross-checked. */
#ifdef __MINGW32__
#ifndef TCP_KEEPALIVE
#define TCP_KEEPALIVE 3
#define TCP_MAXSEG 4
#define TCP_MAXRT 5
#endif
#ifndef TCP_MAXRTMS
#define TCP_MAXRTMS 14
#endif
#ifndef TCP_KEEPCNT
#define TCP_KEEPCNT 16
#endif
#ifndef SO_BSP_STATE /* older MinGW headers */
#define SO_BSP_STATE 0x1009
#endif
#ifndef SIZEOF_SOCKET_ADDRESS_LIST /* Windows SDK ws2def.h */
#define SIZEOF_SOCKET_ADDRESS_LIST(AddressCount) \
    (FIELD_OFFSET(SOCKET_ADDRESS_LIST, Address) + (AddressCount) * sizeof(SOCKET_ADDRESS))
#endif
#ifndef TCP_KEEPINTVL
#define TCP_KEEPINTVL 17
#endif
#endif

#define ABI_SIZE(type, n) _Static_assert(sizeof(type) == (n), "sizeof(" #type ") != " #n)
#define ABI_OFF(type, member, n) \
    _Static_assert(offsetof(type, member) == (n), "offsetof(" #type ", " #member ") != " #n)
#define ABI_VAL(name, n) _Static_assert((DWORD)(name) == (DWORD)(n), #name " != " #n)

/* ---- base types: LLP64 --------------------------------------------------- */
ABI_SIZE(u_char, 1);
ABI_SIZE(u_short, 2);
ABI_SIZE(u_int, 4);
/* u_long is unsigned long on Windows and here: 4 bytes there (and with
 * MinGW), 8 here; the layouts that need 32 bits use ULONG. */
_Static_assert(sizeof(u_long) == sizeof(unsigned long), "u_long is unsigned long");
ABI_SIZE(BYTE, 1);
ABI_SIZE(WORD, 2);
ABI_SIZE(DWORD, 4);
ABI_SIZE(LONG, 4);
ABI_SIZE(ULONG, 4);
ABI_SIZE(BOOL, 4);
ABI_SIZE(INT, 4);
ABI_SIZE(ULONGLONG, 8);
ABI_SIZE(HANDLE, 8);
ABI_SIZE(SOCKET, 8);
ABI_SIZE(UINT_PTR, 8);
ABI_SIZE(SIZE_T, 8);
ABI_SIZE(GUID, 16);
ABI_SIZE(socklen_t, 4);

/* ---- WSADATA: 64-bit order puts iMaxSockets/lpVendorInfo first ----------- */
ABI_SIZE(WSADATA, 408);
ABI_OFF(WSADATA, wVersion, 0);
ABI_OFF(WSADATA, wHighVersion, 2);
ABI_OFF(WSADATA, iMaxSockets, 4);
ABI_OFF(WSADATA, iMaxUdpDg, 6);
ABI_OFF(WSADATA, lpVendorInfo, 8);
ABI_OFF(WSADATA, szDescription, 16);
ABI_OFF(WSADATA, szSystemStatus, 273);

/* ---- addresses ----------------------------------------------------------- */
ABI_SIZE(struct in_addr, 4);
ABI_OFF(struct in_addr, S_un.S_un_b.s_b1, 0);
ABI_OFF(struct in_addr, S_un.S_un_b.s_b2, 1);
ABI_OFF(struct in_addr, S_un.S_un_b.s_b3, 2);
ABI_OFF(struct in_addr, S_un.S_un_b.s_b4, 3);
ABI_OFF(struct in_addr, S_un.S_un_w.s_w1, 0);
ABI_OFF(struct in_addr, S_un.S_un_w.s_w2, 2);
ABI_OFF(struct in_addr, S_un.S_addr, 0);
ABI_SIZE(struct in6_addr, 16);
ABI_SIZE(struct sockaddr, 16);
ABI_OFF(struct sockaddr, sa_family, 0);
ABI_OFF(struct sockaddr, sa_data, 2);
ABI_SIZE(struct sockaddr_in, 16);
ABI_OFF(struct sockaddr_in, sin_family, 0);
ABI_OFF(struct sockaddr_in, sin_port, 2);
ABI_OFF(struct sockaddr_in, sin_addr, 4);
ABI_OFF(struct sockaddr_in, sin_zero, 8);
ABI_SIZE(struct sockaddr_in6, 28);
ABI_OFF(struct sockaddr_in6, sin6_family, 0);
ABI_OFF(struct sockaddr_in6, sin6_port, 2);
ABI_OFF(struct sockaddr_in6, sin6_flowinfo, 4);
ABI_OFF(struct sockaddr_in6, sin6_addr, 8);
ABI_OFF(struct sockaddr_in6, sin6_scope_id, 24);
/* SIO_ADDRESS_LIST_QUERY, SIO_GET_INTERFACE_LIST, SO_BSP_STATE (x64). */
ABI_SIZE(struct sockaddr_in6_old, 24);
ABI_SIZE(sockaddr_gen, 24);
ABI_SIZE(INTERFACE_INFO, 76);
ABI_OFF(INTERFACE_INFO, iiAddress, 4);
ABI_OFF(INTERFACE_INFO, iiBroadcastAddress, 28);
ABI_OFF(INTERFACE_INFO, iiNetmask, 52);
ABI_OFF(SOCKET_ADDRESS_LIST, Address, 2 * sizeof(void *) == 16 ? 8 : 4);
ABI_SIZE(SOCKET_ADDRESS, 2 * sizeof(void *));
ABI_SIZE(CSADDR_INFO, 4 * sizeof(void *) + 8);
ABI_SIZE(SOCKADDR_STORAGE, 128);
ABI_OFF(SOCKADDR_STORAGE, ss_family, 0);
ABI_SIZE(SOCKADDR_INET, 28);
ABI_SIZE(SOCKET_ADDRESS, 16);
ABI_OFF(SOCKET_ADDRESS, iSockaddrLength, 8);

/* ---- getaddrinfo: ai_canonname before ai_addr (glibc has the reverse) ---- */
ABI_SIZE(struct addrinfo, 48);
ABI_OFF(struct addrinfo, ai_flags, 0);
ABI_OFF(struct addrinfo, ai_family, 4);
ABI_OFF(struct addrinfo, ai_socktype, 8);
ABI_OFF(struct addrinfo, ai_protocol, 12);
ABI_OFF(struct addrinfo, ai_addrlen, 16);
ABI_OFF(struct addrinfo, ai_canonname, 24);
ABI_OFF(struct addrinfo, ai_addr, 32);
ABI_OFF(struct addrinfo, ai_next, 40);
ABI_SIZE(ADDRINFOW, 48);
ABI_OFF(ADDRINFOW, ai_canonname, 24);
ABI_OFF(ADDRINFOW, ai_addr, 32);

/* ---- select / timeouts / linger ------------------------------------------ */
ABI_VAL(FD_SETSIZE, 64);
ABI_SIZE(fd_set, 520);
ABI_OFF(fd_set, fd_count, 0);
ABI_OFF(fd_set, fd_array, 8);
ABI_SIZE(struct timeval, 8);
ABI_OFF(struct timeval, tv_usec, 4);
ABI_SIZE(struct linger, 4);
ABI_OFF(struct linger, l_linger, 2);

/* ---- database entries (64-bit field order) ------------------------------- */
ABI_SIZE(struct hostent, 32);
ABI_OFF(struct hostent, h_name, 0);
ABI_OFF(struct hostent, h_aliases, 8);
ABI_OFF(struct hostent, h_addrtype, 16);
ABI_OFF(struct hostent, h_length, 18);
ABI_OFF(struct hostent, h_addr_list, 24);
ABI_SIZE(struct servent, 32);
ABI_OFF(struct servent, s_name, 0);
ABI_OFF(struct servent, s_aliases, 8);
ABI_OFF(struct servent, s_proto, 16);
ABI_OFF(struct servent, s_port, 24);
ABI_SIZE(struct protoent, 24);
ABI_OFF(struct protoent, p_name, 0);
ABI_OFF(struct protoent, p_aliases, 8);
ABI_OFF(struct protoent, p_proto, 16);

/* ---- buffers, messages, polling, events ---------------------------------- */
ABI_SIZE(WSABUF, 16);
ABI_OFF(WSABUF, len, 0);
ABI_OFF(WSABUF, buf, 8);
ABI_SIZE(WSAMSG, 56);
ABI_OFF(WSAMSG, namelen, 8);
ABI_OFF(WSAMSG, lpBuffers, 16);
ABI_OFF(WSAMSG, dwBufferCount, 24);
ABI_OFF(WSAMSG, Control, 32);
ABI_OFF(WSAMSG, dwFlags, 48);
ABI_SIZE(WSACMSGHDR, 16);
ABI_OFF(WSACMSGHDR, cmsg_level, 8);
ABI_OFF(WSACMSGHDR, cmsg_type, 12);
ABI_VAL(WSA_CMSG_LEN(4), 20);
ABI_VAL(WSA_CMSG_SPACE(sizeof(IN_PKTINFO)), 24);
ABI_SIZE(IN_PKTINFO, 8);
ABI_OFF(IN_PKTINFO, ipi_ifindex, 4);
ABI_SIZE(IN6_PKTINFO, 20);
ABI_OFF(IN6_PKTINFO, ipi6_ifindex, 16);
ABI_SIZE(TRANSMIT_FILE_BUFFERS, 32);
ABI_OFF(TRANSMIT_FILE_BUFFERS, HeadLength, 8);
ABI_OFF(TRANSMIT_FILE_BUFFERS, Tail, 16);
ABI_OFF(TRANSMIT_FILE_BUFFERS, TailLength, 24);
ABI_SIZE(TRANSMIT_PACKETS_ELEMENT, 24);
ABI_OFF(TRANSMIT_PACKETS_ELEMENT, cLength, 4);
ABI_OFF(TRANSMIT_PACKETS_ELEMENT, nFileOffset, 8);
ABI_OFF(TRANSMIT_PACKETS_ELEMENT, hFile, 16);
ABI_OFF(TRANSMIT_PACKETS_ELEMENT, pBuffer, 8);
ABI_SIZE(WSAPOLLFD, 16);
ABI_OFF(WSAPOLLFD, fd, 0);
ABI_OFF(WSAPOLLFD, events, 8);
ABI_OFF(WSAPOLLFD, revents, 10);
ABI_SIZE(WSANETWORKEVENTS, 44);
ABI_OFF(WSANETWORKEVENTS, iErrorCode, 4);
ABI_SIZE(WSAOVERLAPPED, 32);
ABI_OFF(WSAOVERLAPPED, InternalHigh, 8);
ABI_OFF(WSAOVERLAPPED, Offset, 16);
ABI_OFF(WSAOVERLAPPED, OffsetHigh, 20);
ABI_OFF(WSAOVERLAPPED, hEvent, 24);

/* ---- protocol information ------------------------------------------------ */
ABI_SIZE(WSAPROTOCOLCHAIN, 32);
ABI_SIZE(WSAPROTOCOL_INFOA, 372);
ABI_OFF(WSAPROTOCOL_INFOA, ProviderId, 20);
ABI_OFF(WSAPROTOCOL_INFOA, dwCatalogEntryId, 36);
ABI_OFF(WSAPROTOCOL_INFOA, ProtocolChain, 40);
ABI_OFF(WSAPROTOCOL_INFOA, iVersion, 72);
ABI_OFF(WSAPROTOCOL_INFOA, iAddressFamily, 76);
ABI_OFF(WSAPROTOCOL_INFOA, iSocketType, 88);
ABI_OFF(WSAPROTOCOL_INFOA, dwMessageSize, 108);
ABI_OFF(WSAPROTOCOL_INFOA, szProtocol, 116);
/* WCHAR is wchar_t (4 bytes on Linux, 2 on Windows): see
 * docs/windows-vs-linux.md.  Everything before the name is shared. */
ABI_OFF(WSAPROTOCOL_INFOW, szProtocol, 116);
ABI_SIZE(WSAPROTOCOL_INFOW, 116 + 256 * sizeof(WCHAR));

/* ---- IP options ---------------------------------------------------------- */
ABI_SIZE(struct ip_mreq, 8);
ABI_OFF(struct ip_mreq, imr_interface, 4);
ABI_SIZE(struct ip_mreq_source, 12);
ABI_SIZE(struct ipv6_mreq, 20);
ABI_OFF(struct ipv6_mreq, ipv6mr_interface, 16);
ABI_SIZE(IN_PKTINFO, 8);
ABI_SIZE(IN6_PKTINFO, 20);
ABI_SIZE(struct tcp_keepalive, 12);
ABI_OFF(struct tcp_keepalive, keepalivetime, 4);
ABI_OFF(struct tcp_keepalive, keepaliveinterval, 8);

/* ---- IP Helper (iptypes.h, netioapi.h, ifdef.h, ipmib.h) ------------------ */
ABI_SIZE(NET_LUID, 8);
ABI_SIZE(IF_OPER_STATUS, 4);
ABI_SIZE(NL_DAD_STATE, 4);
ABI_SIZE(MIB_NOTIFICATION_TYPE, 4);
ABI_SIZE(IP_ADAPTER_ADDRESSES_LH, 448);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, IfIndex, 4);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, Next, 8);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, AdapterName, 16);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, FirstUnicastAddress, 24);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, FirstAnycastAddress, 32);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, FirstMulticastAddress, 40);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, FirstDnsServerAddress, 48);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, DnsSuffix, 56);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, Description, 64);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, FriendlyName, 72);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, PhysicalAddress, 80);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, PhysicalAddressLength, 88);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, Flags, 92);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, Mtu, 96);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, IfType, 100);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, OperStatus, 104);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, Ipv6IfIndex, 108);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, ZoneIndices, 112);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, FirstPrefix, 176);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, TransmitLinkSpeed, 184);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, ReceiveLinkSpeed, 192);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, FirstWinsServerAddress, 200);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, FirstGatewayAddress, 208);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, Ipv4Metric, 216);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, Ipv6Metric, 220);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, Luid, 224);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, Dhcpv4Server, 232);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, CompartmentId, 248);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, NetworkGuid, 252);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, ConnectionType, 268);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, TunnelType, 272);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, Dhcpv6Server, 280);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, Dhcpv6ClientDuid, 296);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, Dhcpv6ClientDuidLength, 428);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, Dhcpv6Iaid, 432);
ABI_OFF(IP_ADAPTER_ADDRESSES_LH, FirstDnsSuffix, 440);
ABI_SIZE(IP_ADAPTER_ADDRESSES_XP, 184);
ABI_SIZE(IP_ADAPTER_UNICAST_ADDRESS_LH, 64);
ABI_OFF(IP_ADAPTER_UNICAST_ADDRESS_LH, Flags, 4);
ABI_OFF(IP_ADAPTER_UNICAST_ADDRESS_LH, Next, 8);
ABI_OFF(IP_ADAPTER_UNICAST_ADDRESS_LH, Address, 16);
ABI_OFF(IP_ADAPTER_UNICAST_ADDRESS_LH, PrefixOrigin, 32);
ABI_OFF(IP_ADAPTER_UNICAST_ADDRESS_LH, SuffixOrigin, 36);
ABI_OFF(IP_ADAPTER_UNICAST_ADDRESS_LH, DadState, 40);
ABI_OFF(IP_ADAPTER_UNICAST_ADDRESS_LH, ValidLifetime, 44);
ABI_OFF(IP_ADAPTER_UNICAST_ADDRESS_LH, PreferredLifetime, 48);
ABI_OFF(IP_ADAPTER_UNICAST_ADDRESS_LH, LeaseLifetime, 52);
ABI_OFF(IP_ADAPTER_UNICAST_ADDRESS_LH, OnLinkPrefixLength, 56);
ABI_SIZE(IP_ADAPTER_UNICAST_ADDRESS_XP, 56);
ABI_SIZE(IP_ADAPTER_ANYCAST_ADDRESS_XP, 32);
ABI_OFF(IP_ADAPTER_ANYCAST_ADDRESS_XP, Address, 16);
ABI_SIZE(IP_ADAPTER_MULTICAST_ADDRESS_XP, 32);
ABI_SIZE(IP_ADAPTER_DNS_SERVER_ADDRESS_XP, 32);
ABI_SIZE(IP_ADAPTER_WINS_SERVER_ADDRESS_LH, 32);
ABI_SIZE(IP_ADAPTER_GATEWAY_ADDRESS_LH, 32);
ABI_OFF(IP_ADAPTER_GATEWAY_ADDRESS_LH, Address, 16);
ABI_SIZE(IP_ADAPTER_PREFIX_XP, 40);
ABI_OFF(IP_ADAPTER_PREFIX_XP, PrefixLength, 32);
ABI_OFF(IP_ADAPTER_DNS_SUFFIX, String, 8);
ABI_SIZE(IP_ADAPTER_DNS_SUFFIX, 8 + 256 * sizeof(WCHAR)); /* WCHAR: see WSAPROTOCOL_INFOW */
ABI_SIZE(IP_ADDR_STRING, 48);
ABI_OFF(IP_ADDR_STRING, IpAddress, 8);
ABI_OFF(IP_ADDR_STRING, IpMask, 24);
ABI_OFF(IP_ADDR_STRING, Context, 40);
ABI_SIZE(IP_ADAPTER_INFO, 704);
ABI_OFF(IP_ADAPTER_INFO, ComboIndex, 8);
ABI_OFF(IP_ADAPTER_INFO, AdapterName, 12);
ABI_OFF(IP_ADAPTER_INFO, Description, 272);
ABI_OFF(IP_ADAPTER_INFO, AddressLength, 404);
ABI_OFF(IP_ADAPTER_INFO, Address, 408);
ABI_OFF(IP_ADAPTER_INFO, Index, 416);
ABI_OFF(IP_ADAPTER_INFO, Type, 420);
ABI_OFF(IP_ADAPTER_INFO, DhcpEnabled, 424);
ABI_OFF(IP_ADAPTER_INFO, CurrentIpAddress, 432);
ABI_OFF(IP_ADAPTER_INFO, IpAddressList, 440);
ABI_OFF(IP_ADAPTER_INFO, GatewayList, 488);
ABI_OFF(IP_ADAPTER_INFO, DhcpServer, 536);
ABI_OFF(IP_ADAPTER_INFO, HaveWins, 584);
ABI_OFF(IP_ADAPTER_INFO, PrimaryWinsServer, 592);
ABI_OFF(IP_ADAPTER_INFO, SecondaryWinsServer, 640);
ABI_OFF(IP_ADAPTER_INFO, LeaseObtained, 688);
ABI_OFF(IP_ADAPTER_INFO, LeaseExpires, 696);
ABI_SIZE(FIXED_INFO, 600);
ABI_OFF(FIXED_INFO, DomainName, 132);
ABI_OFF(FIXED_INFO, CurrentDnsServer, 264);
ABI_OFF(FIXED_INFO, DnsServerList, 272);
ABI_OFF(FIXED_INFO, NodeType, 320);
ABI_OFF(FIXED_INFO, ScopeId, 324);
ABI_OFF(FIXED_INFO, EnableRouting, 584);
ABI_OFF(FIXED_INFO, EnableProxy, 588);
ABI_OFF(FIXED_INFO, EnableDns, 592);
/* MIB_IF_ROW2: two WCHAR arrays of 257; the fields around them keep
 * Windows' relative layout. */
ABI_OFF(MIB_IF_ROW2, InterfaceIndex, 8);
ABI_OFF(MIB_IF_ROW2, InterfaceGuid, 12);
ABI_OFF(MIB_IF_ROW2, Alias, 28);
ABI_OFF(MIB_IF_ROW2, Description, 28 + 257 * sizeof(WCHAR));
ABI_OFF(MIB_IF_ROW2, PhysicalAddressLength, 28 + 514 * sizeof(WCHAR));
#define IFROW_REL(m, n) \
    _Static_assert(offsetof(MIB_IF_ROW2, m) - offsetof(MIB_IF_ROW2, PhysicalAddressLength) == (n), #m)
IFROW_REL(PhysicalAddress, 4);
IFROW_REL(PermanentPhysicalAddress, 36);
IFROW_REL(Mtu, 68);
IFROW_REL(Type, 72);
IFROW_REL(TunnelType, 76);
IFROW_REL(MediaType, 80);
IFROW_REL(PhysicalMediumType, 84);
IFROW_REL(AccessType, 88);
IFROW_REL(DirectionType, 92);
IFROW_REL(InterfaceAndOperStatusFlags, 96);
IFROW_REL(OperStatus, 100);
IFROW_REL(AdminStatus, 104);
IFROW_REL(MediaConnectState, 108);
IFROW_REL(NetworkGuid, 112);
IFROW_REL(ConnectionType, 128);
#define IFROW_REL64(m, n) \
    _Static_assert(offsetof(MIB_IF_ROW2, m) - offsetof(MIB_IF_ROW2, TransmitLinkSpeed) == (n), #m)
IFROW_REL64(ReceiveLinkSpeed, 8);
IFROW_REL64(InOctets, 16);
IFROW_REL64(OutOctets, 88);
IFROW_REL64(OutQLen, 152);
_Static_assert(sizeof(MIB_IF_ROW2) - offsetof(MIB_IF_ROW2, TransmitLinkSpeed) == 160, "MIB_IF_ROW2 counters");
_Static_assert(sizeof(WCHAR) != 2 || sizeof(MIB_IF_ROW2) == 1352, "MIB_IF_ROW2 with 2-byte WCHARs");
ABI_OFF(MIB_IF_TABLE2, Table, 8);
ABI_SIZE(MIB_IPINTERFACE_ROW, 168);
ABI_OFF(MIB_IPINTERFACE_ROW, InterfaceLuid, 8);
ABI_OFF(MIB_IPINTERFACE_ROW, InterfaceIndex, 16);
ABI_OFF(MIB_IPINTERFACE_ROW, MaxReassemblySize, 20);
ABI_OFF(MIB_IPINTERFACE_ROW, InterfaceIdentifier, 24);
ABI_OFF(MIB_IPINTERFACE_ROW, MinRouterAdvertisementInterval, 32);
ABI_OFF(MIB_IPINTERFACE_ROW, AdvertisingEnabled, 40);
ABI_OFF(MIB_IPINTERFACE_ROW, RouterDiscoveryBehavior, 52);
ABI_OFF(MIB_IPINTERFACE_ROW, DadTransmits, 56);
ABI_OFF(MIB_IPINTERFACE_ROW, LinkLocalAddressBehavior, 72);
ABI_OFF(MIB_IPINTERFACE_ROW, ZoneIndices, 80);
ABI_OFF(MIB_IPINTERFACE_ROW, SitePrefixLength, 144);
ABI_OFF(MIB_IPINTERFACE_ROW, Metric, 148);
ABI_OFF(MIB_IPINTERFACE_ROW, NlMtu, 152);
ABI_OFF(MIB_IPINTERFACE_ROW, Connected, 156);
ABI_OFF(MIB_IPINTERFACE_ROW, ReachableTime, 160);
ABI_OFF(MIB_IPINTERFACE_ROW, TransmitOffload, 164);
ABI_OFF(MIB_IPINTERFACE_ROW, DisableDefaultRoutes, 166);
ABI_SIZE(MIB_UNICASTIPADDRESS_ROW, 80);
ABI_OFF(MIB_UNICASTIPADDRESS_ROW, InterfaceLuid, 32);
ABI_OFF(MIB_UNICASTIPADDRESS_ROW, InterfaceIndex, 40);
ABI_OFF(MIB_UNICASTIPADDRESS_ROW, PrefixOrigin, 44);
ABI_OFF(MIB_UNICASTIPADDRESS_ROW, SuffixOrigin, 48);
ABI_OFF(MIB_UNICASTIPADDRESS_ROW, ValidLifetime, 52);
ABI_OFF(MIB_UNICASTIPADDRESS_ROW, PreferredLifetime, 56);
ABI_OFF(MIB_UNICASTIPADDRESS_ROW, OnLinkPrefixLength, 60);
ABI_OFF(MIB_UNICASTIPADDRESS_ROW, SkipAsSource, 61);
ABI_OFF(MIB_UNICASTIPADDRESS_ROW, DadState, 64);
ABI_OFF(MIB_UNICASTIPADDRESS_ROW, ScopeId, 68);
ABI_OFF(MIB_UNICASTIPADDRESS_ROW, CreationTimeStamp, 72);
ABI_SIZE(MIB_UNICASTIPADDRESS_TABLE, 88);
ABI_OFF(MIB_UNICASTIPADDRESS_TABLE, Table, 8);
ABI_SIZE(IP_ADDRESS_PREFIX, 32);
ABI_OFF(IP_ADDRESS_PREFIX, PrefixLength, 28);
ABI_SIZE(MIB_IPFORWARD_ROW2, 104);
ABI_OFF(MIB_IPFORWARD_ROW2, InterfaceIndex, 8);
ABI_OFF(MIB_IPFORWARD_ROW2, DestinationPrefix, 12);
ABI_OFF(MIB_IPFORWARD_ROW2, NextHop, 44);
ABI_OFF(MIB_IPFORWARD_ROW2, SitePrefixLength, 72);
ABI_OFF(MIB_IPFORWARD_ROW2, ValidLifetime, 76);
ABI_OFF(MIB_IPFORWARD_ROW2, PreferredLifetime, 80);
ABI_OFF(MIB_IPFORWARD_ROW2, Metric, 84);
ABI_OFF(MIB_IPFORWARD_ROW2, Protocol, 88);
ABI_OFF(MIB_IPFORWARD_ROW2, Loopback, 92);
ABI_OFF(MIB_IPFORWARD_ROW2, AutoconfigureAddress, 93);
ABI_OFF(MIB_IPFORWARD_ROW2, Publish, 94);
ABI_OFF(MIB_IPFORWARD_ROW2, Immortal, 95);
ABI_OFF(MIB_IPFORWARD_ROW2, Age, 96);
ABI_OFF(MIB_IPFORWARD_ROW2, Origin, 100);
ABI_SIZE(MIB_IPFORWARD_TABLE2, 112);
ABI_OFF(MIB_IPFORWARD_TABLE2, Table, 8);
ABI_SIZE(MIB_IPADDRROW, 24);
ABI_OFF(MIB_IPADDRROW, dwIndex, 4);
ABI_OFF(MIB_IPADDRROW, dwMask, 8);
ABI_OFF(MIB_IPADDRROW, dwBCastAddr, 12);
ABI_OFF(MIB_IPADDRROW, dwReasmSize, 16);
ABI_OFF(MIB_IPADDRROW, wType, 22);
ABI_SIZE(MIB_IPADDRTABLE, 28);
ABI_OFF(MIB_IPADDRTABLE, table, 4);
ABI_VAL(AF_INET6, 23);
ABI_VAL(GAA_FLAG_SKIP_UNICAST, 0x0001);
ABI_VAL(GAA_FLAG_SKIP_ANYCAST, 0x0002);
ABI_VAL(GAA_FLAG_SKIP_MULTICAST, 0x0004);
ABI_VAL(GAA_FLAG_SKIP_DNS_SERVER, 0x0008);
ABI_VAL(GAA_FLAG_INCLUDE_PREFIX, 0x0010);
ABI_VAL(GAA_FLAG_SKIP_FRIENDLY_NAME, 0x0020);
ABI_VAL(GAA_FLAG_INCLUDE_WINS_INFO, 0x0040);
ABI_VAL(GAA_FLAG_INCLUDE_GATEWAYS, 0x0080);
ABI_VAL(GAA_FLAG_INCLUDE_ALL_INTERFACES, 0x0100);
ABI_VAL(GAA_FLAG_INCLUDE_ALL_COMPARTMENTS, 0x0200);
ABI_VAL(GAA_FLAG_INCLUDE_TUNNEL_BINDINGORDER, 0x0400);
ABI_VAL(IP_ADAPTER_ADDRESS_DNS_ELIGIBLE, 0x01);
ABI_VAL(IP_ADAPTER_ADDRESS_TRANSIENT, 0x02);
ABI_VAL(IP_ADAPTER_DHCP_ENABLED, 0x04);
ABI_VAL(IP_ADAPTER_NO_MULTICAST, 0x10);
ABI_VAL(IP_ADAPTER_IPV4_ENABLED, 0x80);
ABI_VAL(IP_ADAPTER_IPV6_ENABLED, 0x100);
ABI_VAL(MAX_ADAPTER_ADDRESS_LENGTH, 8);
ABI_VAL(MAX_ADAPTER_NAME_LENGTH, 256);
ABI_VAL(MAX_ADAPTER_DESCRIPTION_LENGTH, 128);
ABI_VAL(MAX_DHCPV6_DUID_LENGTH, 130);
ABI_VAL(MAX_DNS_SUFFIX_STRING_LENGTH, 256);
ABI_VAL(IF_MAX_STRING_SIZE, 256);
ABI_VAL(IF_MAX_PHYS_ADDRESS_LENGTH, 32);
ABI_VAL(IF_NAMESIZE, 256);
ABI_VAL(IF_TYPE_OTHER, 1);
ABI_VAL(IF_TYPE_ETHERNET_CSMACD, 6);
ABI_VAL(IF_TYPE_PPP, 23);
ABI_VAL(IF_TYPE_SOFTWARE_LOOPBACK, 24);
ABI_VAL(IF_TYPE_ATM, 37);
ABI_VAL(IF_TYPE_IEEE80211, 71);
ABI_VAL(IF_TYPE_TUNNEL, 131);
ABI_VAL(IF_TYPE_IEEE1394, 144);
ABI_VAL(MIB_IF_TYPE_ETHERNET, 6);
ABI_VAL(MIB_IF_TYPE_LOOPBACK, 24);
ABI_VAL(IfOperStatusUp, 1);
ABI_VAL(IfOperStatusDown, 2);
ABI_VAL(IfOperStatusLowerLayerDown, 7);
ABI_VAL(IpPrefixOriginManual, 1);
ABI_VAL(IpPrefixOriginWellKnown, 2);
ABI_VAL(IpPrefixOriginDhcp, 3);
ABI_VAL(IpPrefixOriginRouterAdvertisement, 4);
ABI_VAL(IpSuffixOriginLinkLayerAddress, 4);
ABI_VAL(IpSuffixOriginRandom, 5);
ABI_VAL(IpDadStatePreferred, 4);
ABI_VAL(MibParameterNotification, 0);
ABI_VAL(MibAddInstance, 1);
ABI_VAL(MibDeleteInstance, 2);
ABI_VAL(MibInitialNotification, 3);
ABI_VAL(MibIfTableRaw, 1);
ABI_VAL(NET_IF_CONNECTION_DEDICATED, 1);
ABI_VAL(NET_IF_ACCESS_LOOPBACK, 1);
ABI_VAL(NET_IF_ADMIN_STATUS_DOWN, 2);
ABI_VAL(MediaConnectStateDisconnected, 2);
ABI_VAL(TUNNEL_TYPE_OTHER, 1);
ABI_VAL(NdisMedium802_3, 0);
ABI_VAL(NdisMediumLoopback, 17);
ABI_VAL(NdisPhysicalMedium802_3, 14);
ABI_VAL(RouteProtocolLocal, 2);
ABI_VAL(RouteProtocolNetMgmt, 3);
ABI_VAL(NlroRouterAdvertisement, 3);
ABI_VAL(MIB_IPADDR_PRIMARY, 0x0001);
ABI_VAL(MIB_IPADDR_DYNAMIC, 0x0004);
ABI_VAL(MIB_IPADDR_DISCONNECTED, 0x0008);
ABI_VAL(BROADCAST_NODETYPE, 1);
ABI_VAL(HYBRID_NODETYPE, 8);
ABI_VAL(ScopeLevelLink, 2);
ABI_VAL(ScopeLevelCount, 16);

/* ---- constants not in wsconsts.def --------------------------------------- */
ABI_VAL(INVALID_SOCKET, 0xffffffffu);
_Static_assert(INVALID_SOCKET == (SOCKET)~(SOCKET)0, "INVALID_SOCKET is all ones");
_Static_assert(SOCKET_ERROR == -1, "SOCKET_ERROR");
ABI_VAL(FD_READ, 0x01);
ABI_VAL(FD_WRITE, 0x02);
ABI_VAL(FD_OOB, 0x04);
ABI_VAL(FD_ACCEPT, 0x08);
ABI_VAL(FD_CONNECT, 0x10);
ABI_VAL(FD_CLOSE, 0x20);
ABI_VAL(FD_MAX_EVENTS, 10);
ABI_VAL(FD_ALL_EVENTS, 0x3ff);
ABI_VAL(WSA_INFINITE, 0xffffffffu);
ABI_VAL(WSA_WAIT_TIMEOUT, 258);
ABI_VAL(WSA_WAIT_IO_COMPLETION, 0xc0);
ABI_VAL(WSA_MAXIMUM_WAIT_EVENTS, 64);
ABI_VAL(INADDR_ANY, 0);
ABI_VAL(INADDR_BROADCAST, 0xffffffffu);
ABI_VAL(MAKEWORD(2, 2), 0x0202);
ABI_VAL(SIOCSHIWAT, 0x80047300u);
ABI_VAL(SIO_ADDRESS_LIST_QUERY, 0x48000016u);
ABI_VAL(SIO_ROUTING_INTERFACE_QUERY, 0xc8000014u);
ABI_VAL(SO_DONTLINGER, 0xffffff7fu);
ABI_VAL(SO_EXCLUSIVEADDRUSE, 0xfffffffbu);
ABI_VAL(WAIT_OBJECT_0, 0);
ABI_VAL(WAIT_TIMEOUT, 258);
ABI_VAL(WAIT_FAILED, 0xffffffffu);
ABI_VAL(INFINITE, 0xffffffffu);
ABI_VAL(ERROR_IO_PENDING, 997);
ABI_VAL(NO_ERROR, 0);
/* The protocol catalog, conditional accept, multipoint joins. */
ABI_VAL(XP1_CONNECTIONLESS, 0x1);
ABI_VAL(XP1_GUARANTEED_DELIVERY, 0x2);
ABI_VAL(XP1_GUARANTEED_ORDER, 0x4);
ABI_VAL(XP1_MESSAGE_ORIENTED, 0x8);
ABI_VAL(XP1_GRACEFUL_CLOSE, 0x20);
ABI_VAL(XP1_EXPEDITED_DATA, 0x40);
ABI_VAL(XP1_SUPPORT_BROADCAST, 0x200);
ABI_VAL(XP1_SUPPORT_MULTIPOINT, 0x400);
ABI_VAL(XP1_QOS_SUPPORTED, 0x2000);
ABI_VAL(XP1_IFS_HANDLES, 0x20000);
ABI_VAL(PFL_HIDDEN, 0x4);
ABI_VAL(PFL_MATCHES_PROTOCOL_ZERO, 0x8);
ABI_VAL(BIGENDIAN, 0);
ABI_VAL(SECURITY_PROTOCOL_NONE, 0);
ABI_VAL(CF_ACCEPT, 0);
ABI_VAL(CF_REJECT, 1);
ABI_VAL(CF_DEFER, 2);
ABI_VAL(JL_SENDER_ONLY, 1);
ABI_VAL(JL_RECEIVER_ONLY, 2);
ABI_VAL(JL_BOTH, 4);
ABI_SIZE(SOCKET_ADDRESS_LIST, 24);
ABI_OFF(SOCKET_ADDRESS_LIST, Address, 8);
ABI_VAL(SIZEOF_SOCKET_ADDRESS_LIST(0), 8);
ABI_VAL(SIZEOF_SOCKET_ADDRESS_LIST(3), 56);

/* ---- files, find data, mappings, pipes (kernel32) ----------------------- */
ABI_SIZE(FILETIME, 8);
ABI_SIZE(WIN32_FILE_ATTRIBUTE_DATA, 36);
ABI_OFF(WIN32_FILE_ATTRIBUTE_DATA, nFileSizeHigh, 28);
ABI_SIZE(BY_HANDLE_FILE_INFORMATION, 52);
ABI_OFF(BY_HANDLE_FILE_INFORMATION, dwVolumeSerialNumber, 28);
ABI_OFF(BY_HANDLE_FILE_INFORMATION, nFileIndexLow, 48);
ABI_SIZE(WIN32_FIND_DATAA, 320);
ABI_OFF(WIN32_FIND_DATAA, nFileSizeHigh, 28);
ABI_OFF(WIN32_FIND_DATAA, dwReserved1, 40);
ABI_OFF(WIN32_FIND_DATAA, cFileName, 44);
ABI_OFF(WIN32_FIND_DATAA, cAlternateFileName, 304);
/* The W names are WCHAR arrays: the same fields before them. */
ABI_OFF(WIN32_FIND_DATAW, cFileName, 44);
ABI_OFF(WIN32_FIND_DATAW, cAlternateFileName, 44 + 260 * sizeof(WCHAR));
ABI_SIZE(WIN32_FIND_DATAW, (44 + 274 * sizeof(WCHAR) + 3) / 4 * 4);
ABI_VAL(GENERIC_READ, 0x80000000);
ABI_VAL(GENERIC_WRITE, 0x40000000);
ABI_VAL(GENERIC_EXECUTE, 0x20000000);
ABI_VAL(GENERIC_ALL, 0x10000000);
ABI_VAL(FILE_ALL_ACCESS, 0x1F01FF);
ABI_VAL(FILE_GENERIC_READ, 0x120089);
ABI_VAL(FILE_GENERIC_WRITE, 0x120116);
ABI_VAL(FILE_APPEND_DATA, 4);
ABI_VAL(FILE_SHARE_DELETE, 4);
ABI_VAL(CREATE_NEW, 1);
ABI_VAL(TRUNCATE_EXISTING, 5);
ABI_VAL(FILE_FLAG_OVERLAPPED, 0x40000000);
ABI_VAL(FILE_FLAG_DELETE_ON_CLOSE, 0x04000000);
ABI_VAL(FILE_FLAG_BACKUP_SEMANTICS, 0x02000000);
ABI_VAL(FILE_FLAG_FIRST_PIPE_INSTANCE, 0x00080000);
ABI_VAL(FILE_ATTRIBUTE_READONLY, 1);
ABI_VAL(FILE_ATTRIBUTE_DIRECTORY, 0x10);
ABI_VAL(FILE_ATTRIBUTE_ARCHIVE, 0x20);
ABI_VAL(FILE_ATTRIBUTE_NORMAL, 0x80);
ABI_VAL(INVALID_FILE_ATTRIBUTES, 0xFFFFFFFF);
ABI_VAL(INVALID_SET_FILE_POINTER, 0xFFFFFFFF);
ABI_VAL(FILE_END, 2);
ABI_VAL(FILE_TYPE_PIPE, 3);
ABI_VAL(MAX_PATH, 260);
ABI_VAL(STD_INPUT_HANDLE, 0xFFFFFFF6);
ABI_VAL(STD_ERROR_HANDLE, 0xFFFFFFF4);
ABI_VAL(MOVEFILE_REPLACE_EXISTING, 1);
ABI_VAL(MOVEFILE_COPY_ALLOWED, 2);
ABI_VAL(PAGE_READONLY, 2);
ABI_VAL(PAGE_READWRITE, 4);
ABI_VAL(PAGE_WRITECOPY, 8);
ABI_VAL(SEC_COMMIT, 0x08000000);
ABI_VAL(FILE_MAP_READ, 4);
ABI_VAL(FILE_MAP_WRITE, 2);
ABI_VAL(FILE_MAP_COPY, 1);
ABI_VAL(FILE_MAP_ALL_ACCESS, 0xF001F);
ABI_VAL(PIPE_ACCESS_DUPLEX, 3);
ABI_VAL(PIPE_TYPE_MESSAGE, 4);
ABI_VAL(PIPE_READMODE_MESSAGE, 2);
ABI_VAL(PIPE_NOWAIT, 1);
ABI_VAL(PIPE_UNLIMITED_INSTANCES, 255);
ABI_VAL(NMPWAIT_WAIT_FOREVER, 0xFFFFFFFF);
ABI_VAL(GetFileExInfoStandard, 0);
ABI_VAL(FindExInfoBasic, 1);
ABI_VAL(FindExSearchLimitToDirectories, 1);

/* ---- registry, CryptoAPI, bcrypt (advapi32) ------------------------------ */
ABI_SIZE(HKEY, 8);
ABI_SIZE(HCRYPTPROV, 8);
ABI_VAL((ULONG_PTR)HKEY_CLASSES_ROOT, 0x80000000);
ABI_VAL((ULONG_PTR)HKEY_LOCAL_MACHINE, 0x80000002);
ABI_VAL((ULONG_PTR)HKEY_CURRENT_CONFIG, 0x80000005);
_Static_assert((ULONG_PTR)HKEY_LOCAL_MACHINE >> 32 == 0xFFFFFFFFu, "predefined keys are sign-extended");
ABI_VAL(REG_SZ, 1);
ABI_VAL(REG_EXPAND_SZ, 2);
ABI_VAL(REG_BINARY, 3);
ABI_VAL(REG_DWORD, 4);
ABI_VAL(REG_MULTI_SZ, 7);
ABI_VAL(REG_QWORD, 11);
ABI_VAL(KEY_QUERY_VALUE, 1);
ABI_VAL(KEY_READ, 0x20019);
ABI_VAL(KEY_WRITE, 0x20006);
ABI_VAL(KEY_ALL_ACCESS, 0xF003F);
ABI_VAL(KEY_WOW64_64KEY, 0x100);
ABI_VAL(REG_OPENED_EXISTING_KEY, 2);
ABI_VAL(RRF_RT_REG_SZ, 2);
ABI_VAL(RRF_RT_DWORD, 0x18);
ABI_VAL(RRF_RT_QWORD, 0x48);
ABI_VAL(RRF_RT_ANY, 0xFFFF);
ABI_VAL(RRF_NOEXPAND, 0x10000000);
ABI_VAL(RRF_ZEROONFAILURE, 0x20000000);
ABI_VAL(PROV_RSA_FULL, 1);
ABI_VAL(PROV_RSA_AES, 24);
ABI_VAL(CRYPT_VERIFYCONTEXT, 0xF0000000);
ABI_VAL(CRYPT_NEWKEYSET, 8);
ABI_VAL(CRYPT_MACHINE_KEYSET, 0x20);
ABI_VAL(BCRYPT_USE_SYSTEM_PREFERRED_RNG, 2);
ABI_VAL(BCRYPT_RNG_USE_ENTROPY_IN_BUFFER, 1);
ABI_VAL(UNLEN, 256);

/* ---- the library's own lists, name == value ------------------------------ */
#define WS2P_CONST(name, value) ABI_VAL(name, value);
#include "wsconsts.def"
#undef WS2P_CONST
#define WS2P_ERR(name, value, text) _Static_assert((name) == (value), #name " != " #value);
#include "wsaerrors.def"
#undef WS2P_ERR
/* Codes the Windows SDK has and MinGW's winerror.h lacks. */
#ifndef ERROR_NO_WORK_DONE
#define ERROR_NO_WORK_DONE 235
#endif
#define WS2P_W32ERR(name, value, text) _Static_assert((DWORD)(name) == (DWORD)(value), #name " != " #value);
#include "w32errors.def"
#undef WS2P_W32ERR

/* ---- run time ------------------------------------------------------------ */
struct abi_entry {
    const char *name;
    DWORD got, want;
};

static const struct abi_entry abi_consts[] = {
#define WS2P_CONST(name, value) {#name, (DWORD)(name), (DWORD)(value)},
#include "wsconsts.def"
#undef WS2P_CONST
};
static const struct abi_entry abi_errors[] = {
#define WS2P_ERR(name, value, text) {#name, (DWORD)(name), (DWORD)(value)},
#include "wsaerrors.def"
#undef WS2P_ERR
};

static void check_table(const struct abi_entry *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ok(t[i].got == t[i].want, "%s = 0x%lx, want 0x%lx", t[i].name, (unsigned long)t[i].got,
           (unsigned long)t[i].want);
}

WT_CASE(consts_match_windows)
{
    check_table(abi_consts, sizeof abi_consts / sizeof abi_consts[0]);
}

WT_CASE(wsa_errors_match_windows)
{
    check_table(abi_errors, sizeof abi_errors / sizeof abi_errors[0]);
}

/* The bytes a program sees: network order fields at Windows' offsets. */
WT_CASE(sockaddr_in_bytes)
{
    struct sockaddr_in a;
    const unsigned char *b = (const unsigned char *)&a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(0x1234);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok(b[0] == 2 && b[1] == 0, "sin_family bytes %02x %02x", b[0], b[1]);
    ok(b[2] == 0x12 && b[3] == 0x34, "sin_port bytes %02x %02x", b[2], b[3]);
    ok(b[4] == 127 && b[7] == 1, "sin_addr bytes %u..%u", b[4], b[7]);
    ok(a.sin_addr.S_un.S_un_b.s_b1 == 127 && a.sin_addr.S_un.S_un_b.s_b4 == 1, "S_un_b %u.%u",
       a.sin_addr.S_un.S_un_b.s_b1, a.sin_addr.S_un.S_un_b.s_b4);
    ok(a.sin_addr.s_net == 127 && a.sin_addr.s_impno == 1, "s_net %u s_impno %u", a.sin_addr.s_net,
       a.sin_addr.s_impno);
}

WT_CASE(sockaddr_in6_bytes)
{
    struct sockaddr_in6 a;
    const unsigned char *b = (const unsigned char *)&a;
    memset(&a, 0, sizeof a);
    a.sin6_family = AF_INET6;
    a.sin6_port = htons(0xabcd);
    a.sin6_addr.s6_addr[15] = 1;
    a.sin6_scope_id = 7;
    ok(b[0] == 23 && b[1] == 0, "sin6_family bytes %02x %02x", b[0], b[1]);
    ok(b[2] == 0xab && b[3] == 0xcd, "sin6_port bytes %02x %02x", b[2], b[3]);
    ok(b[23] == 1, "sin6_addr last byte %u", b[23]);
    ok(b[24] == 7, "sin6_scope_id byte %u", b[24]);
    ok(IN6_IS_ADDR_LOOPBACK(&a.sin6_addr), "IN6_IS_ADDR_LOOPBACK");
}

/* fd_set is a count and an array of handles, not a bitmap. */
WT_CASE(fd_set_is_an_array)
{
    fd_set set;
    FD_ZERO(&set);
    ok(set.fd_count == 0, "fd_count %u after FD_ZERO", set.fd_count);
    FD_SET((SOCKET)1000, &set);
    FD_SET((SOCKET)7, &set);
    FD_SET((SOCKET)1000, &set);
    ok(set.fd_count == 2, "fd_count %u, want 2 (no duplicates)", set.fd_count);
    ok(set.fd_array[0] == 1000 && set.fd_array[1] == 7, "fd_array %lu %lu", (unsigned long)set.fd_array[0],
       (unsigned long)set.fd_array[1]);
    FD_CLR((SOCKET)1000, &set);
    ok(set.fd_count == 1 && set.fd_array[0] == 7, "after FD_CLR: count %u first %lu", set.fd_count,
       (unsigned long)set.fd_array[0]);
}

/* WSAStartup writes WSADATA at Windows' offsets: fill it with a pattern and
 * see which bytes it wrote. */
WT_CASE(wsadata_layout)
{
    WSADATA d;
    memset(&d, 0xcc, sizeof d);
    ok(WSAStartup(MAKEWORD(2, 2), &d) == 0, "nested WSAStartup failed");
    ok(d.wVersion == 0x0202, "wVersion 0x%04x", d.wVersion);
    ok(d.wHighVersion == 0x0202, "wHighVersion 0x%04x", d.wHighVersion);
    ok(memchr(d.szDescription, 0, sizeof d.szDescription) != NULL, "szDescription not terminated");
    ok(memchr(d.szSystemStatus, 0, sizeof d.szSystemStatus) != NULL, "szSystemStatus not terminated");
    ok(d.szDescription[0] != (char)0xcc, "szDescription not written");
    WSACleanup();
}

/* NET_LUID's bit fields: IfType in the top 16 bits, NetLuidIndex in the 24
 * below, 24 reserved bits at the bottom. */
WT_CASE(net_luid_bits)
{
    NET_LUID l;
    l.Value = 0;
    l.Info.IfType = IF_TYPE_SOFTWARE_LOOPBACK;
    l.Info.NetLuidIndex = 5;
    ok(l.Value == ((ULONG64)24 << 48 | (ULONG64)5 << 24), "NET_LUID value %#llx", (unsigned long long)l.Value);
    l.Value = 0xffffffULL;
    ok(l.Info.Reserved == 0xffffff && !l.Info.NetLuidIndex && !l.Info.IfType, "Reserved is the low 24 bits");
}

WT_MAIN(consts_match_windows, wsa_errors_match_windows, sockaddr_in_bytes, sockaddr_in6_bytes, fd_set_is_an_array,
        wsadata_layout, net_luid_bits)
