/* ws2posix: iphlpapi.h - the IP Helper API: adapters and their addresses,
 * interface identifiers, address and route tables, route lookup and change
 * notifications, answered from the kernel's own tables (netlink, procfs,
 * the resolver configuration) by src/iphlpapi/.  Link with -liphlpapi (an
 * alias of this library).  Functions return their Win32 code and leave
 * the last error alone. */
#ifndef __IPHLPAPI_H__
#define __IPHLPAPI_H__
#include "winsock2.h"
#include "iprtrmib.h"
#include "ipexport.h"
#include "iptypes.h"
#include "netioapi.h"

WS2P_BEGIN_DECLS

/* Adapters (src/iphlpapi/adapters.c). */
IPHLPAPI_DLL_LINKAGE ULONG WINAPI GetAdaptersAddresses(ULONG Family, ULONG Flags, PVOID Reserved,
                                                       PIP_ADAPTER_ADDRESSES AdapterAddresses, PULONG SizePointer);
IPHLPAPI_DLL_LINKAGE ULONG WINAPI GetAdaptersInfo(PIP_ADAPTER_INFO AdapterInfo, PULONG SizePointer);
IPHLPAPI_DLL_LINKAGE DWORD WINAPI GetNetworkParams(PFIXED_INFO pFixedInfo, PULONG pOutBufLen);
IPHLPAPI_DLL_LINKAGE DWORD WINAPI GetNumberOfInterfaces(PDWORD pdwNumIf);

/* Tables (src/iphlpapi/mib.c). */
IPHLPAPI_DLL_LINKAGE DWORD WINAPI GetIpAddrTable(PMIB_IPADDRTABLE pIpAddrTable, PULONG pdwSize, BOOL bOrder);

/* Route lookup (src/iphlpapi/route.c). */
IPHLPAPI_DLL_LINKAGE DWORD WINAPI GetBestInterface(IPAddr dwDestAddr, PDWORD pdwBestIfIndex);
IPHLPAPI_DLL_LINKAGE DWORD WINAPI GetBestInterfaceEx(struct sockaddr *pDestAddr, PDWORD pdwBestIfIndex);

WS2P_END_DECLS
#endif
