/* ws2posix: ipexport.h - the IPv4 address types of the IP Helper API.
 * Clash-free (only the base types). */
#ifndef IP_EXPORT_INCLUDED
#define IP_EXPORT_INCLUDED 1
#include "ws2p/basetypes.h"

typedef ULONG IPAddr; /* network order */
typedef ULONG IPMask;
typedef ULONG IP_STATUS;
#endif
