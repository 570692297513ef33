/* ws2posix: ipexport.h - the IPv4 address types of the IP Helper API.
 * Clash-free (only the base types). */
#ifndef IP_EXPORT_INCLUDED
#define IP_EXPORT_INCLUDED 1
#include "ws2p/basetypes.h"

typedef ULONG IPAddr; /* network order */
typedef ULONG IPMask;
typedef ULONG IP_STATUS;

/* GetInterfaceInfo's table (types only so far). */
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
