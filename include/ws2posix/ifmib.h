/* ws2posix: ifmib.h - MIB_IFROW / MIB_IFTABLE (GetIfTable, GetIfEntry):
 * types only, the functions arrive with their implementation. */
#ifndef _IFMIB_
#define _IFMIB_
#include "ifdef.h"
#include "ipifcons.h"

/* The IF_OPER_STATUS_* values are ipifcons.h's. */
typedef int INTERNAL_IF_OPER_STATUS;

WS2P_BEGIN_DECLS

#ifndef ANY_SIZE
#define ANY_SIZE 1
#endif
#define MAX_INTERFACE_NAME_LEN 256
#ifndef MAXLEN_PHYSADDR
#define MAXLEN_PHYSADDR 8
#endif
#define MAXLEN_IFDESCR 256

typedef struct _MIB_IFNUMBER {
    DWORD dwValue;
} MIB_IFNUMBER, *PMIB_IFNUMBER;

typedef struct _MIB_IFROW {
    WCHAR wszName[MAX_INTERFACE_NAME_LEN];
    IF_INDEX dwIndex;
    IFTYPE dwType;
    DWORD dwMtu;
    DWORD dwSpeed;
    DWORD dwPhysAddrLen;
    UCHAR bPhysAddr[MAXLEN_PHYSADDR];
    DWORD dwAdminStatus;
    INTERNAL_IF_OPER_STATUS dwOperStatus;
    DWORD dwLastChange;
    DWORD dwInOctets;
    DWORD dwInUcastPkts;
    DWORD dwInNUcastPkts;
    DWORD dwInDiscards;
    DWORD dwInErrors;
    DWORD dwInUnknownProtos;
    DWORD dwOutOctets;
    DWORD dwOutUcastPkts;
    DWORD dwOutNUcastPkts;
    DWORD dwOutDiscards;
    DWORD dwOutErrors;
    DWORD dwOutQLen;
    DWORD dwDescrLen;
    UCHAR bDescr[MAXLEN_IFDESCR];
} MIB_IFROW, *PMIB_IFROW;

typedef struct _MIB_IFTABLE {
    DWORD dwNumEntries;
    MIB_IFROW table[ANY_SIZE];
} MIB_IFTABLE, *PMIB_IFTABLE;

WS2P_END_DECLS
#endif
