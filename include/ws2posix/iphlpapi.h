/* ws2posix: iphlpapi.h - the IP helper API: its structures and constants
 * (iptypes.h, iprtrmib.h, netioapi.h).  The functions (GetAdaptersInfo,
 * GetAdaptersAddresses, GetIfTable, ...) arrive with their implementation;
 * until then a program that calls one stops at compile time with the name
 * (link with -liphlpapi then). */
#ifndef __IPHLPAPI_H__
#define __IPHLPAPI_H__
#include "iprtrmib.h"
#include "iptypes.h"
#if _WIN32_WINNT >= 0x0600
#include "netioapi.h"
#endif

#define MAX_ADAPTER_NAME 128

typedef struct _IP_ADAPTER_INDEX_MAP {
    ULONG Index;
    WCHAR Name[MAX_ADAPTER_NAME];
} IP_ADAPTER_INDEX_MAP, *PIP_ADAPTER_INDEX_MAP;

typedef struct _IP_INTERFACE_INFO {
    LONG NumAdapters;
    IP_ADAPTER_INDEX_MAP Adapter[1];
} IP_INTERFACE_INFO, *PIP_INTERFACE_INFO;

#endif
