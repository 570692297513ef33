/* ws2posix: netioapi.h - the IP Helper "version 2" API: interface
 * identifier conversions, the interface, unicast address and route tables,
 * route lookup and change notifications (src/iphlpapi/).  Layouts are
 * Windows' x64 ones (test/abi.c), with Windows sockaddrs inside; WCHAR
 * arrays are 4-byte WCHARs (docs/windows-vs-linux.md). */
#ifndef _NETIOAPI_H_
#define _NETIOAPI_H_
#include "winsock2.h" /* first: its struct timeval before iphlp_base.h's <time.h> */
#include "ws2def.h"
#include "ws2ipdef.h"
#include "ws2p/iphlp_base.h"
#include "winerror.h"

WS2P_BEGIN_DECLS

typedef DWORD NETIO_STATUS;
#define NETIO_SUCCESS(x) ((x) == NO_ERROR)
#define NETIOAPI_API_ WINAPI
#define NETIOAPI_API NETIO_STATUS NETIOAPI_API_
#define _NETIOAPI_SUCCESS_
#ifndef IPHLPAPI_DLL_LINKAGE
#define IPHLPAPI_DLL_LINKAGE
#endif

/* Windows' interface names are NDIS strings; if_indextoname writes at most
 * this many bytes (here the Linux name, at most 16). */
#define IF_NAMESIZE NDIS_IF_MAX_STRING_SIZE

/* ---- unicast addresses --------------------------------------------------- */
typedef struct _MIB_UNICASTIPADDRESS_ROW {
    SOCKADDR_INET Address;
    NET_LUID InterfaceLuid;
    NET_IFINDEX InterfaceIndex;
    NL_PREFIX_ORIGIN PrefixOrigin;
    NL_SUFFIX_ORIGIN SuffixOrigin;
    ULONG ValidLifetime;
    ULONG PreferredLifetime;
    UINT8 OnLinkPrefixLength;
    BOOLEAN SkipAsSource;
    NL_DAD_STATE DadState;
    SCOPE_ID ScopeId;
    LARGE_INTEGER CreationTimeStamp; /* FILETIME units */
} MIB_UNICASTIPADDRESS_ROW, *PMIB_UNICASTIPADDRESS_ROW;

typedef struct _MIB_UNICASTIPADDRESS_TABLE {
    ULONG NumEntries;
    MIB_UNICASTIPADDRESS_ROW Table[ANY_SIZE];
} MIB_UNICASTIPADDRESS_TABLE, *PMIB_UNICASTIPADDRESS_TABLE;

/* ---- routes -------------------------------------------------------------- */
typedef struct _IP_ADDRESS_PREFIX {
    SOCKADDR_INET Prefix;
    UINT8 PrefixLength;
} IP_ADDRESS_PREFIX, *PIP_ADDRESS_PREFIX;

typedef struct _MIB_IPFORWARD_ROW2 {
    NET_LUID InterfaceLuid;
    NET_IFINDEX InterfaceIndex;
    IP_ADDRESS_PREFIX DestinationPrefix;
    SOCKADDR_INET NextHop;
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
} MIB_IPFORWARD_ROW2, *PMIB_IPFORWARD_ROW2;

typedef struct _MIB_IPFORWARD_TABLE2 {
    ULONG NumEntries;
    MIB_IPFORWARD_ROW2 Table[ANY_SIZE];
} MIB_IPFORWARD_TABLE2, *PMIB_IPFORWARD_TABLE2;

/* ---- change notifications ------------------------------------------------ */
/* Callbacks run on one library thread, one at a time; the row is valid
 * during the call only (NULL for MibInitialNotification). */
typedef VOID(NETIOAPI_API_ *PIPINTERFACE_CHANGE_CALLBACK)(PVOID CallerContext, PMIB_IPINTERFACE_ROW Row,
                                                          MIB_NOTIFICATION_TYPE NotificationType);
typedef VOID(NETIOAPI_API_ *PUNICAST_IPADDRESS_CHANGE_CALLBACK)(PVOID CallerContext, PMIB_UNICASTIPADDRESS_ROW Row,
                                                                MIB_NOTIFICATION_TYPE NotificationType);

/* ---- functions (src/iphlpapi/) ------------------------------------------- */
/* Identifier conversions (ifconv.c).  Names are the Linux interface names. */
IPHLPAPI_DLL_LINKAGE NETIOAPI_API ConvertInterfaceIndexToLuid(NET_IFINDEX InterfaceIndex, PNET_LUID InterfaceLuid);
IPHLPAPI_DLL_LINKAGE NETIOAPI_API ConvertInterfaceLuidToIndex(CONST NET_LUID *InterfaceLuid, PNET_IFINDEX InterfaceIndex);
IPHLPAPI_DLL_LINKAGE NETIOAPI_API ConvertInterfaceLuidToNameA(CONST NET_LUID *InterfaceLuid, PSTR InterfaceName,
                                                              SIZE_T Length);
IPHLPAPI_DLL_LINKAGE NETIOAPI_API ConvertInterfaceLuidToNameW(CONST NET_LUID *InterfaceLuid, PWSTR InterfaceName,
                                                              SIZE_T Length);
IPHLPAPI_DLL_LINKAGE NETIOAPI_API ConvertInterfaceNameToLuidA(CONST CHAR *InterfaceName, NET_LUID *InterfaceLuid);
IPHLPAPI_DLL_LINKAGE NETIOAPI_API ConvertInterfaceNameToLuidW(CONST WCHAR *InterfaceName, NET_LUID *InterfaceLuid);
IPHLPAPI_DLL_LINKAGE NETIOAPI_API ConvertInterfaceLuidToGuid(CONST NET_LUID *InterfaceLuid, GUID *InterfaceGuid);
IPHLPAPI_DLL_LINKAGE NETIOAPI_API ConvertInterfaceGuidToLuid(CONST GUID *InterfaceGuid, PNET_LUID InterfaceLuid);
/* libc has these names too: ours are ws2p_if_nametoindex / ws2p_if_indextoname. */
IPHLPAPI_DLL_LINKAGE NET_IFINDEX NETIOAPI_API_ if_nametoindex(PCSTR InterfaceName) WS2P_SYM(if_nametoindex);
IPHLPAPI_DLL_LINKAGE PCHAR NETIOAPI_API_ if_indextoname(NET_IFINDEX InterfaceIndex, PCHAR InterfaceName)
    WS2P_SYM(if_indextoname);

/* Tables (mib.c); free them with FreeMibTable. */
IPHLPAPI_DLL_LINKAGE NETIOAPI_API GetIfEntry2(PMIB_IF_ROW2 Row);
IPHLPAPI_DLL_LINKAGE NETIOAPI_API GetIfTable2(PMIB_IF_TABLE2 *Table);
IPHLPAPI_DLL_LINKAGE NETIOAPI_API GetIfTable2Ex(MIB_IF_TABLE_LEVEL Level, PMIB_IF_TABLE2 *Table);
IPHLPAPI_DLL_LINKAGE NETIOAPI_API GetUnicastIpAddressEntry(PMIB_UNICASTIPADDRESS_ROW Row);
IPHLPAPI_DLL_LINKAGE NETIOAPI_API GetUnicastIpAddressTable(ADDRESS_FAMILY Family, PMIB_UNICASTIPADDRESS_TABLE *Table);
IPHLPAPI_DLL_LINKAGE NETIOAPI_API GetIpForwardTable2(ADDRESS_FAMILY Family, PMIB_IPFORWARD_TABLE2 *Table);
IPHLPAPI_DLL_LINKAGE VOID NETIOAPI_API_ FreeMibTable(PVOID Memory);

/* Route lookup (route.c). */
IPHLPAPI_DLL_LINKAGE NETIOAPI_API GetBestRoute2(NET_LUID *InterfaceLuid, NET_IFINDEX InterfaceIndex,
                                                CONST SOCKADDR_INET *SourceAddress,
                                                CONST SOCKADDR_INET *DestinationAddress, ULONG AddressSortOptions,
                                                PMIB_IPFORWARD_ROW2 BestRoute, SOCKADDR_INET *BestSourceAddress);

/* Change notifications (notify.c). */
IPHLPAPI_DLL_LINKAGE NETIOAPI_API NotifyIpInterfaceChange(ADDRESS_FAMILY Family, PIPINTERFACE_CHANGE_CALLBACK Callback,
                                                          PVOID CallerContext, BOOLEAN InitialNotification,
                                                          HANDLE *NotificationHandle);
IPHLPAPI_DLL_LINKAGE NETIOAPI_API NotifyUnicastIpAddressChange(ADDRESS_FAMILY Family,
                                                               PUNICAST_IPADDRESS_CHANGE_CALLBACK Callback,
                                                               PVOID CallerContext, BOOLEAN InitialNotification,
                                                               HANDLE *NotificationHandle);
IPHLPAPI_DLL_LINKAGE NETIOAPI_API CancelMibChangeNotify2(HANDLE NotificationHandle);

WS2P_END_DECLS
#endif
