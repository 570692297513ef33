/* ws2posix: winsock2.h - Windows Sockets 2 for Linux.
 * Values and layouts are Windows'; see ws2p/base.h for how they coexist
 * with glibc's own definitions in the same translation unit. */
#ifndef _WINSOCK2API_
#define _WINSOCK2API_
#define _WINSOCKAPI_
#include "windows.h"
#include "ws2def.h"
#include "inaddr.h"

WS2P_BEGIN_DECLS

/* The same four types as glibc's <sys/types.h>, which guards them with
 * __u_char_defined: u_long is unsigned long, as on Windows (where that is 32
 * bits; here 64).  Structures that Windows lays out with a 32-bit u_long
 * use ULONG instead (struct netent). */
#ifndef __u_char_defined
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
#endif

typedef UINT_PTR SOCKET;
#define INVALID_SOCKET ((SOCKET)(~0))
#define SOCKET_ERROR (-1)

/* fd_set is Windows': a count and an array of handles, FD_SETSIZE long.
 * A program may raise FD_SETSIZE before including this header.  glibc's
 * <sys/select.h> replaces FD_SETSIZE with its own 1024 (expanding to
 * __FD_SETSIZE): then the program's value saved by ws2p/libc_begin.h, or
 * Windows' 64, applies. */
#if defined(FD_SETSIZE) && defined(__FD_SETSIZE)
#pragma push_macro("__FD_SETSIZE")
#undef __FD_SETSIZE
#define __FD_SETSIZE (-1)
#if FD_SETSIZE == -1
#define WS2P_FD_SETSIZE_GLIBC
#endif
#pragma pop_macro("__FD_SETSIZE")
#endif
#ifdef WS2P_FD_SETSIZE_GLIBC
#undef WS2P_FD_SETSIZE_GLIBC
#undef FD_SETSIZE
#ifdef WS2P_FD_SETSIZE_SAVED
#pragma pop_macro("FD_SETSIZE")
#endif
#endif
#ifndef FD_SETSIZE
#define FD_SETSIZE 64
#endif
/* glibc's FD_* macros (from <sys/select.h> through <stdlib.h>) give way. */
#undef FD_SET
#undef FD_CLR
#undef FD_ISSET
#undef FD_ZERO

/* The renaming macros (ws2p/base.h): the program's fd_set and struct
 * timeval are these, glibc's keep their own names inside glibc. */
#define fd_set ws2p_fd_set
#define timeval ws2p_timeval

typedef struct fd_set {
    u_int fd_count;
    SOCKET fd_array[FD_SETSIZE];
} fd_set, FD_SET, *PFD_SET, FAR *LPFD_SET;

WINSOCK_API_LINKAGE int WSAAPI __WSAFDIsSet(SOCKET fd, fd_set FAR *set);

static __inline void ws2p_fd_clr(SOCKET fd, fd_set *set)
{
    u_int i;
    for (i = 0; i < set->fd_count; i++) {
        if (set->fd_array[i] == fd) {
            for (; i + 1 < set->fd_count; i++)
                set->fd_array[i] = set->fd_array[i + 1];
            set->fd_count--;
            break;
        }
    }
}
static __inline void ws2p_fd_set_add(SOCKET fd, fd_set *set, u_int setsize)
{
    u_int i;
    for (i = 0; i < set->fd_count; i++)
        if (set->fd_array[i] == fd)
            return;
    if (set->fd_count < setsize)
        set->fd_array[set->fd_count++] = fd;
}
#define FD_CLR(fd, set) ws2p_fd_clr((SOCKET)(fd), (fd_set FAR *)(set))
#define FD_SET(fd, set) ws2p_fd_set_add((SOCKET)(fd), (fd_set FAR *)(set), FD_SETSIZE)
#define FD_ZERO(set) (((fd_set FAR *)(set))->fd_count = 0)
#define FD_ISSET(fd, set) __WSAFDIsSet((SOCKET)(fd), (fd_set FAR *)(set))

/* 32-bit fields, as on Windows (a C long is 64 bits here). */
struct timeval {
    LONG tv_sec;
    LONG tv_usec;
};
typedef struct timeval TIMEVAL, *PTIMEVAL, FAR *LPTIMEVAL;
#undef timerisset
#undef timercmp
#undef timerclear
#define timerisset(tvp) ((tvp)->tv_sec || (tvp)->tv_usec)
#define timercmp(tvp, uvp, cmp) \
    ((tvp)->tv_sec cmp (uvp)->tv_sec || ((tvp)->tv_sec == (uvp)->tv_sec && (tvp)->tv_usec cmp (uvp)->tv_usec))
#define timerclear(tvp) ((tvp)->tv_sec = (tvp)->tv_usec = 0)

/* ioctlsocket commands: 32-bit unsigned values, as on Windows.  The SDK
 * spells them with sizeof(u_long), which is 4 there; here that is ULONG. */
#define IOCPARM_MASK 0x7fu
#define IOC_VOID 0x20000000u
#define IOC_OUT 0x40000000u
#define IOC_IN 0x80000000u
#define IOC_INOUT (IOC_IN | IOC_OUT)
#define _IO(x, y) ((ULONG)(IOC_VOID | ((ULONG)(x) << 8) | (ULONG)(y)))
#define _IOR(x, y, t) ((ULONG)(IOC_OUT | (((ULONG)sizeof(t) & IOCPARM_MASK) << 16) | ((ULONG)(x) << 8) | (ULONG)(y)))
#define _IOW(x, y, t) ((ULONG)(IOC_IN | (((ULONG)sizeof(t) & IOCPARM_MASK) << 16) | ((ULONG)(x) << 8) | (ULONG)(y)))
#define FIONREAD _IOR('f', 127, ULONG)
#define FIONBIO _IOW('f', 126, ULONG)
#define FIOASYNC _IOW('f', 125, ULONG)
#define SIOCSHIWAT _IOW('s', 0, ULONG)
#define SIOCGHIWAT _IOR('s', 1, ULONG)
#define SIOCSLOWAT _IOW('s', 2, ULONG)
#define SIOCGLOWAT _IOR('s', 3, ULONG)
#define SIOCATMARK _IOR('s', 7, ULONG)

/* WSAIoctl codes. */
#define IOC_UNIX 0x00000000u
#define IOC_WS2 0x08000000u
#define IOC_PROTOCOL 0x10000000u
#define IOC_VENDOR 0x18000000u
#define _WSAIO(x, y) (IOC_VOID | (x) | (y))
#define _WSAIOR(x, y) (IOC_OUT | (x) | (y))
#define _WSAIOW(x, y) (IOC_IN | (x) | (y))
#define _WSAIORW(x, y) (IOC_INOUT | (x) | (y))
#define SIO_ASSOCIATE_HANDLE _WSAIOW(IOC_WS2, 1)
#define SIO_ENABLE_CIRCULAR_QUEUEING _WSAIO(IOC_WS2, 2)
#define SIO_FIND_ROUTE _WSAIOR(IOC_WS2, 3)
#define SIO_FLUSH _WSAIO(IOC_WS2, 4)
#define SIO_GET_BROADCAST_ADDRESS _WSAIOR(IOC_WS2, 5)
#define SIO_GET_EXTENSION_FUNCTION_POINTER _WSAIORW(IOC_WS2, 6)
#define SIO_GET_QOS _WSAIORW(IOC_WS2, 7)
#define SIO_GET_GROUP_QOS _WSAIORW(IOC_WS2, 8)
#define SIO_MULTIPOINT_LOOPBACK _WSAIOW(IOC_WS2, 9)
#define SIO_MULTICAST_SCOPE _WSAIOW(IOC_WS2, 10)
#define SIO_SET_QOS _WSAIOW(IOC_WS2, 11)
#define SIO_SET_GROUP_QOS _WSAIOW(IOC_WS2, 12)
#define SIO_TRANSLATE_HANDLE _WSAIORW(IOC_WS2, 13)
#define SIO_ROUTING_INTERFACE_QUERY _WSAIORW(IOC_WS2, 20)
#define SIO_ROUTING_INTERFACE_CHANGE _WSAIOW(IOC_WS2, 21)
#define SIO_ADDRESS_LIST_QUERY _WSAIOR(IOC_WS2, 22)
#define SIO_ADDRESS_LIST_CHANGE _WSAIO(IOC_WS2, 23)
#define SIO_QUERY_TARGET_PNP_HANDLE _WSAIOR(IOC_WS2, 24)
#define SIO_ADDRESS_LIST_SORT _WSAIORW(IOC_WS2, 25)

/* Database structures, in Windows' 64-bit field order. */
struct hostent {
    char FAR *h_name;
    char FAR *FAR *h_aliases;
    short h_addrtype;
    short h_length;
    char FAR *FAR *h_addr_list;
#define h_addr h_addr_list[0]
};
typedef struct hostent HOSTENT, *PHOSTENT, FAR *LPHOSTENT;

struct netent {
    char FAR *n_name;
    char FAR *FAR *n_aliases;
    short n_addrtype;
    ULONG n_net; /* u_long in the SDK: 32 bits there */
};

struct servent {
    char FAR *s_name;
    char FAR *FAR *s_aliases;
#if __SIZEOF_POINTER__ > 4
    char FAR *s_proto;
    short s_port;
#else
    short s_port;
    char FAR *s_proto;
#endif
};
typedef struct servent SERVENT, *PSERVENT, FAR *LPSERVENT;

struct protoent {
    char FAR *p_name;
    char FAR *FAR *p_aliases;
    short p_proto;
};
typedef struct protoent PROTOENT, *PPROTOENT, FAR *LPPROTOENT;

#define IMPLINK_IP 155
#define IMPLINK_LOWEXPER 156
#define IMPLINK_HIGHEXPER 158

#define WSADESCRIPTION_LEN 256
#define WSASYS_STATUS_LEN 128
typedef struct WSAData {
    WORD wVersion;
    WORD wHighVersion;
#if __SIZEOF_POINTER__ > 4
    unsigned short iMaxSockets;
    unsigned short iMaxUdpDg;
    char FAR *lpVendorInfo;
    char szDescription[WSADESCRIPTION_LEN + 1];
    char szSystemStatus[WSASYS_STATUS_LEN + 1];
#else
    char szDescription[WSADESCRIPTION_LEN + 1];
    char szSystemStatus[WSASYS_STATUS_LEN + 1];
    unsigned short iMaxSockets;
    unsigned short iMaxUdpDg;
    char FAR *lpVendorInfo;
#endif
} WSADATA, FAR *LPWSADATA;

struct linger {
    u_short l_onoff;
    u_short l_linger;
};
typedef struct linger LINGER, *PLINGER, FAR *LPLINGER;

#define SD_RECEIVE 0x00
#define SD_SEND 0x01
#define SD_BOTH 0x02

#define MAXGETHOSTSTRUCT 1024

#define FD_READ_BIT 0
#define FD_READ (1 << FD_READ_BIT)
#define FD_WRITE_BIT 1
#define FD_WRITE (1 << FD_WRITE_BIT)
#define FD_OOB_BIT 2
#define FD_OOB (1 << FD_OOB_BIT)
#define FD_ACCEPT_BIT 3
#define FD_ACCEPT (1 << FD_ACCEPT_BIT)
#define FD_CONNECT_BIT 4
#define FD_CONNECT (1 << FD_CONNECT_BIT)
#define FD_CLOSE_BIT 5
#define FD_CLOSE (1 << FD_CLOSE_BIT)
#define FD_QOS_BIT 6
#define FD_QOS (1 << FD_QOS_BIT)
#define FD_GROUP_QOS_BIT 7
#define FD_GROUP_QOS (1 << FD_GROUP_QOS_BIT)
#define FD_ROUTING_INTERFACE_CHANGE_BIT 8
#define FD_ROUTING_INTERFACE_CHANGE (1 << FD_ROUTING_INTERFACE_CHANGE_BIT)
#define FD_ADDRESS_LIST_CHANGE_BIT 9
#define FD_ADDRESS_LIST_CHANGE (1 << FD_ADDRESS_LIST_CHANGE_BIT)
#define FD_MAX_EVENTS 10
#define FD_ALL_EVENTS ((1 << FD_MAX_EVENTS) - 1)

#define WSAMAKEASYNCREPLY(buflen, error) MAKELONG(buflen, error)
#define WSAMAKESELECTREPLY(event, error) MAKELONG(event, error)
#define WSAGETASYNCBUFLEN(lParam) LOWORD(lParam)
#define WSAGETASYNCERROR(lParam) HIWORD(lParam)
#define WSAGETSELECTEVENT(lParam) LOWORD(lParam)
#define WSAGETSELECTERROR(lParam) HIWORD(lParam)

#define h_errno WSAGetLastError()
#define HOST_NOT_FOUND WSAHOST_NOT_FOUND
#define TRY_AGAIN WSATRY_AGAIN
#define NO_RECOVERY WSANO_RECOVERY
#define NO_DATA WSANO_DATA
#define WSANO_ADDRESS WSANO_DATA
#define NO_ADDRESS WSANO_ADDRESS

#define WSA_FLAG_OVERLAPPED 0x01
#define WSA_FLAG_MULTIPOINT_C_ROOT 0x02
#define WSA_FLAG_MULTIPOINT_C_LEAF 0x04
#define WSA_FLAG_MULTIPOINT_D_ROOT 0x08
#define WSA_FLAG_MULTIPOINT_D_LEAF 0x10
#define WSA_FLAG_ACCESS_SYSTEM_SECURITY 0x40
#define WSA_FLAG_NO_HANDLE_INHERIT 0x80
#define WSA_FLAG_REGISTERED_IO 0x100

#define FROM_PROTOCOL_INFO (-1)

#define MAX_PROTOCOL_CHAIN 7
#define BASE_PROTOCOL 1
#define LAYERED_PROTOCOL 0
typedef struct _WSAPROTOCOLCHAIN {
    int ChainLen;
    DWORD ChainEntries[MAX_PROTOCOL_CHAIN];
} WSAPROTOCOLCHAIN, FAR *LPWSAPROTOCOLCHAIN;

#define WSAPROTOCOL_LEN 255
typedef struct _WSAPROTOCOL_INFOA {
    DWORD dwServiceFlags1;
    DWORD dwServiceFlags2;
    DWORD dwServiceFlags3;
    DWORD dwServiceFlags4;
    DWORD dwProviderFlags;
    GUID ProviderId;
    DWORD dwCatalogEntryId;
    WSAPROTOCOLCHAIN ProtocolChain;
    int iVersion;
    int iAddressFamily;
    int iMaxSockAddr;
    int iMinSockAddr;
    int iSocketType;
    int iProtocol;
    int iProtocolMaxOffset;
    int iNetworkByteOrder;
    int iSecurityScheme;
    DWORD dwMessageSize;
    DWORD dwProviderReserved;
    CHAR szProtocol[WSAPROTOCOL_LEN + 1];
} WSAPROTOCOL_INFOA, FAR *LPWSAPROTOCOL_INFOA;
typedef struct _WSAPROTOCOL_INFOW {
    DWORD dwServiceFlags1;
    DWORD dwServiceFlags2;
    DWORD dwServiceFlags3;
    DWORD dwServiceFlags4;
    DWORD dwProviderFlags;
    GUID ProviderId;
    DWORD dwCatalogEntryId;
    WSAPROTOCOLCHAIN ProtocolChain;
    int iVersion;
    int iAddressFamily;
    int iMaxSockAddr;
    int iMinSockAddr;
    int iSocketType;
    int iProtocol;
    int iProtocolMaxOffset;
    int iNetworkByteOrder;
    int iSecurityScheme;
    DWORD dwMessageSize;
    DWORD dwProviderReserved;
    WCHAR szProtocol[WSAPROTOCOL_LEN + 1];
} WSAPROTOCOL_INFOW, FAR *LPWSAPROTOCOL_INFOW;
#ifdef UNICODE
typedef WSAPROTOCOL_INFOW WSAPROTOCOL_INFO;
typedef LPWSAPROTOCOL_INFOW LPWSAPROTOCOL_INFO;
#else
typedef WSAPROTOCOL_INFOA WSAPROTOCOL_INFO;
typedef LPWSAPROTOCOL_INFOA LPWSAPROTOCOL_INFO;
#endif

typedef unsigned int GROUP;
#define SG_UNCONSTRAINED_GROUP 0x01
#define SG_CONSTRAINED_GROUP 0x02

typedef HANDLE WSAEVENT, FAR *LPWSAEVENT;
#define WSA_INVALID_EVENT ((WSAEVENT)NULL)
#define WSA_MAXIMUM_WAIT_EVENTS 64
#define WSA_WAIT_FAILED ((DWORD)0xFFFFFFFF)
#define WSA_WAIT_EVENT_0 ((DWORD)0)
#define WSA_WAIT_IO_COMPLETION ((DWORD)0xC0)
#define WSA_WAIT_TIMEOUT ((DWORD)258)
#define WSA_INFINITE ((DWORD)0xFFFFFFFF)

typedef struct _OVERLAPPED WSAOVERLAPPED, FAR *LPWSAOVERLAPPED;
typedef void(CALLBACK *LPWSAOVERLAPPED_COMPLETION_ROUTINE)(DWORD dwError, DWORD cbTransferred,
                                                           LPWSAOVERLAPPED lpOverlapped, DWORD dwFlags);

typedef struct _WSANETWORKEVENTS {
    LONG lNetworkEvents;
    int iErrorCode[FD_MAX_EVENTS];
} WSANETWORKEVENTS, FAR *LPWSANETWORKEVENTS;

/* Quality of service: Windows' TCP/IP supports none of it (WSAConnect). */
typedef ULONG SERVICETYPE;
typedef struct _flowspec {
    ULONG TokenRate;
    ULONG TokenBucketSize;
    ULONG PeakBandwidth;
    ULONG Latency;
    ULONG DelayVariation;
    SERVICETYPE ServiceType;
    ULONG MaxSduSize;
    ULONG MinimumPolicedSize;
} FLOWSPEC, *PFLOWSPEC, *LPFLOWSPEC;
typedef struct _QualityOfService {
    FLOWSPEC SendingFlowspec;
    FLOWSPEC ReceivingFlowspec;
    WSABUF ProviderSpecific;
} QOS, *LPQOS;

#if _WIN32_WINNT >= 0x0600
/* WSAPoll's bits are Windows' own (Linux's POLLIN is 0x001). */
#define POLLRDNORM 0x0100
#define POLLRDBAND 0x0200
#define POLLIN (POLLRDNORM | POLLRDBAND)
#define POLLPRI 0x0400
#define POLLWRNORM 0x0010
#define POLLOUT (POLLWRNORM)
#define POLLWRBAND 0x0020
#define POLLERR 0x0001
#define POLLHUP 0x0002
#define POLLNVAL 0x0004

typedef struct pollfd {
    SOCKET fd;
    SHORT events;
    SHORT revents;
} WSAPOLLFD, *PWSAPOLLFD, FAR *LPWSAPOLLFD;
#endif

/* Functions whose names libc also uses are bound to ws2p_ symbols. */
WINSOCK_API_LINKAGE SOCKET WSAAPI accept(SOCKET s, struct sockaddr FAR *addr, int FAR *addrlen) WS2P_SYM(accept);
WINSOCK_API_LINKAGE int WSAAPI bind(SOCKET s, const struct sockaddr FAR *name, int namelen) WS2P_SYM(bind);
WINSOCK_API_LINKAGE int WSAAPI closesocket(SOCKET s);
WINSOCK_API_LINKAGE int WSAAPI connect(SOCKET s, const struct sockaddr FAR *name, int namelen) WS2P_SYM(connect);
WINSOCK_API_LINKAGE int WSAAPI ioctlsocket(SOCKET s, long cmd, u_long FAR *argp);
WINSOCK_API_LINKAGE int WSAAPI getpeername(SOCKET s, struct sockaddr FAR *name, int FAR *namelen) WS2P_SYM(getpeername);
WINSOCK_API_LINKAGE int WSAAPI getsockname(SOCKET s, struct sockaddr FAR *name, int FAR *namelen) WS2P_SYM(getsockname);
WINSOCK_API_LINKAGE int WSAAPI getsockopt(SOCKET s, int level, int optname, char FAR *optval, int FAR *optlen) WS2P_SYM(getsockopt);
WINSOCK_API_LINKAGE u_long WSAAPI htonl(u_long hostlong) WS2P_SYM(htonl);
WINSOCK_API_LINKAGE u_short WSAAPI htons(u_short hostshort) WS2P_SYM(htons);
WINSOCK_API_LINKAGE unsigned long WSAAPI inet_addr(const char FAR *cp) WS2P_SYM(inet_addr);
WINSOCK_API_LINKAGE char FAR *WSAAPI inet_ntoa(struct in_addr in) WS2P_SYM(inet_ntoa);
WINSOCK_API_LINKAGE int WSAAPI listen(SOCKET s, int backlog) WS2P_SYM(listen);
WINSOCK_API_LINKAGE u_long WSAAPI ntohl(u_long netlong) WS2P_SYM(ntohl);
WINSOCK_API_LINKAGE u_short WSAAPI ntohs(u_short netshort) WS2P_SYM(ntohs);
WINSOCK_API_LINKAGE int WSAAPI recv(SOCKET s, char FAR *buf, int len, int flags) WS2P_SYM(recv);
WINSOCK_API_LINKAGE int WSAAPI recvfrom(SOCKET s, char FAR *buf, int len, int flags, struct sockaddr FAR *from,
                                        int FAR *fromlen) WS2P_SYM(recvfrom);
WINSOCK_API_LINKAGE int WSAAPI send(SOCKET s, const char FAR *buf, int len, int flags) WS2P_SYM(send);
WINSOCK_API_LINKAGE int WSAAPI sendto(SOCKET s, const char FAR *buf, int len, int flags, const struct sockaddr FAR *to,
                                      int tolen) WS2P_SYM(sendto);
WINSOCK_API_LINKAGE int WSAAPI setsockopt(SOCKET s, int level, int optname, const char FAR *optval, int optlen)
    WS2P_SYM(setsockopt);
WINSOCK_API_LINKAGE int WSAAPI shutdown(SOCKET s, int how) WS2P_SYM(shutdown);
WINSOCK_API_LINKAGE SOCKET WSAAPI socket(int af, int type, int protocol) WS2P_SYM(socket);
WINSOCK_API_LINKAGE struct hostent FAR *WSAAPI gethostbyaddr(const char FAR *addr, int len, int type)
    WS2P_SYM(gethostbyaddr);
WINSOCK_API_LINKAGE struct hostent FAR *WSAAPI gethostbyname(const char FAR *name) WS2P_SYM(gethostbyname);
WINSOCK_API_LINKAGE struct servent FAR *WSAAPI getservbyport(int port, const char FAR *proto) WS2P_SYM(getservbyport);
WINSOCK_API_LINKAGE struct servent FAR *WSAAPI getservbyname(const char FAR *name, const char FAR *proto)
    WS2P_SYM(getservbyname);
WINSOCK_API_LINKAGE struct protoent FAR *WSAAPI getprotobynumber(int number) WS2P_SYM(getprotobynumber);
WINSOCK_API_LINKAGE struct protoent FAR *WSAAPI getprotobyname(const char FAR *name) WS2P_SYM(getprotobyname);

WINSOCK_API_LINKAGE int WSAAPI WSAStartup(WORD wVersionRequested, LPWSADATA lpWSAData);
WINSOCK_API_LINKAGE int WSAAPI WSACleanup(void);
WINSOCK_API_LINKAGE void WSAAPI WSASetLastError(int iError);
WINSOCK_API_LINKAGE int WSAAPI WSAGetLastError(void);

WINSOCK_API_LINKAGE SOCKET WSAAPI WSASocketA(int af, int type, int protocol, LPWSAPROTOCOL_INFOA lpProtocolInfo,
                                             GROUP g, DWORD dwFlags);
WINSOCK_API_LINKAGE SOCKET WSAAPI WSASocketW(int af, int type, int protocol, LPWSAPROTOCOL_INFOW lpProtocolInfo,
                                             GROUP g, DWORD dwFlags);
#ifdef UNICODE
#define WSASocket WSASocketW
#else
#define WSASocket WSASocketA
#endif

WINSOCK_API_LINKAGE WSAEVENT WSAAPI WSACreateEvent(void);
WINSOCK_API_LINKAGE BOOL WSAAPI WSACloseEvent(WSAEVENT hEvent);
WINSOCK_API_LINKAGE BOOL WSAAPI WSASetEvent(WSAEVENT hEvent);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAResetEvent(WSAEVENT hEvent);
WINSOCK_API_LINKAGE DWORD WSAAPI WSAWaitForMultipleEvents(DWORD cEvents, const WSAEVENT FAR *lphEvents, BOOL fWaitAll,
                                                        DWORD dwTimeout, BOOL fAlertable);
WINSOCK_API_LINKAGE int WSAAPI WSAEventSelect(SOCKET s, WSAEVENT hEventObject, LONG lNetworkEvents);
WINSOCK_API_LINKAGE int WSAAPI WSAEnumNetworkEvents(SOCKET s, WSAEVENT hEventObject,
                                                    LPWSANETWORKEVENTS lpNetworkEvents);
/* Network events as window messages: wParam is the socket, lParam
 * WSAMAKESELECTREPLY(event, error) (src/ws2_32/asyncselect.c). */
WINSOCK_API_LINKAGE int WSAAPI WSAAsyncSelect(SOCKET s, HWND hWnd, u_int wMsg, LONG lEvent);
WINSOCK_API_LINKAGE int WSAAPI WSAConnect(SOCKET s, const struct sockaddr FAR *name, int namelen,
                                          LPWSABUF lpCallerData, LPWSABUF lpCalleeData, LPQOS lpSQOS, LPQOS lpGQOS);
WINSOCK_API_LINKAGE int WSAAPI WSAHtonl(SOCKET s, u_long hostlong, u_long FAR *lpnetlong);
WINSOCK_API_LINKAGE int WSAAPI WSAHtons(SOCKET s, u_short hostshort, u_short FAR *lpnetshort);
WINSOCK_API_LINKAGE int WSAAPI WSANtohl(SOCKET s, u_long netlong, u_long FAR *lphostlong);
WINSOCK_API_LINKAGE int WSAAPI WSANtohs(SOCKET s, u_short netshort, u_short FAR *lphostshort);

WINSOCK_API_LINKAGE int WSAAPI WSAIoctl(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer,
                                        LPVOID lpvOutBuffer, DWORD cbOutBuffer, LPDWORD lpcbBytesReturned,
                                        LPWSAOVERLAPPED lpOverlapped,
                                        LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
#if _WIN32_WINNT >= 0x0600
WINSOCK_API_LINKAGE int WSAAPI WSAPoll(LPWSAPOLLFD fdArray, ULONG fds, INT timeout);
#endif
WINSOCK_API_LINKAGE int WSAAPI WSARecv(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                                       LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags, LPWSAOVERLAPPED lpOverlapped,
                                       LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE int WSAAPI WSARecvDisconnect(SOCKET s, LPWSABUF lpInboundDisconnectData);
WINSOCK_API_LINKAGE int WSAAPI WSARecvFrom(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                                           LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags, struct sockaddr FAR *lpFrom,
                                           LPINT lpFromlen, LPWSAOVERLAPPED lpOverlapped,
                                           LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE int WSAAPI WSASend(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent,
                                       DWORD dwFlags, LPWSAOVERLAPPED lpOverlapped,
                                       LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE int WSAAPI WSASendDisconnect(SOCKET s, LPWSABUF lpOutboundDisconnectData);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAGetOverlappedResult(SOCKET s, LPWSAOVERLAPPED lpOverlapped, LPDWORD lpcbTransfer,
                                                      BOOL fWait, LPDWORD lpdwFlags);
WINSOCK_API_LINKAGE int WSAAPI WSASendTo(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                                         LPDWORD lpNumberOfBytesSent, DWORD dwFlags, const struct sockaddr FAR *lpTo,
                                         int iTolen, LPWSAOVERLAPPED lpOverlapped,
                                         LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);

WINSOCK_API_LINKAGE INT WSAAPI WSAAddressToStringA(LPSOCKADDR lpsaAddress, DWORD dwAddressLength,
                                                   LPWSAPROTOCOL_INFOA lpProtocolInfo, LPSTR lpszAddressString,
                                                   LPDWORD lpdwAddressStringLength);
WINSOCK_API_LINKAGE INT WSAAPI WSAStringToAddressA(LPSTR AddressString, INT AddressFamily,
                                                   LPWSAPROTOCOL_INFOA lpProtocolInfo, LPSOCKADDR lpAddress,
                                                   LPINT lpAddressLength);
WINSOCK_API_LINKAGE INT WSAAPI WSAAddressToStringW(LPSOCKADDR lpsaAddress, DWORD dwAddressLength,
                                                   LPWSAPROTOCOL_INFOW lpProtocolInfo, LPWSTR lpszAddressString,
                                                   LPDWORD lpdwAddressStringLength);
WINSOCK_API_LINKAGE INT WSAAPI WSAStringToAddressW(LPWSTR AddressString, INT AddressFamily,
                                                   LPWSAPROTOCOL_INFOW lpProtocolInfo, LPSOCKADDR lpAddress,
                                                   LPINT lpAddressLength);
/* The local host name in WCHARs (Windows 8 and later). */
WINSOCK_API_LINKAGE int WSAAPI GetHostNameW(LPWSTR name, int namelen);
#ifdef UNICODE
#define WSAAddressToString WSAAddressToStringW
#define WSAStringToAddress WSAStringToAddressW
#else
#define WSAAddressToString WSAAddressToStringA
#define WSAStringToAddress WSAStringToAddressA
#endif

/* Blocking-hook API of Winsock 1.1 (FARPROC: ws2p/basetypes.h). */
WINSOCK_API_LINKAGE BOOL WSAAPI WSAIsBlocking(void);
WINSOCK_API_LINKAGE int WSAAPI WSAUnhookBlockingHook(void);
WINSOCK_API_LINKAGE FARPROC WSAAPI WSASetBlockingHook(FARPROC lpBlockFunc);
WINSOCK_API_LINKAGE int WSAAPI WSACancelBlockingCall(void);

/* The protocol catalog (src/ws2_32/protocol.c): TCP, UDP and raw IP over
 * IPv4 and IPv6, with Windows' field values. */
#define XP1_CONNECTIONLESS 0x00000001
#define XP1_GUARANTEED_DELIVERY 0x00000002
#define XP1_GUARANTEED_ORDER 0x00000004
#define XP1_MESSAGE_ORIENTED 0x00000008
#define XP1_PSEUDO_STREAM 0x00000010
#define XP1_GRACEFUL_CLOSE 0x00000020
#define XP1_EXPEDITED_DATA 0x00000040
#define XP1_CONNECT_DATA 0x00000080
#define XP1_DISCONNECT_DATA 0x00000100
#define XP1_SUPPORT_BROADCAST 0x00000200
#define XP1_SUPPORT_MULTIPOINT 0x00000400
#define XP1_MULTIPOINT_CONTROL_PLANE 0x00000800
#define XP1_MULTIPOINT_DATA_PLANE 0x00001000
#define XP1_QOS_SUPPORTED 0x00002000
#define XP1_INTERRUPT 0x00004000
#define XP1_UNI_SEND 0x00008000
#define XP1_UNI_RECV 0x00010000
#define XP1_IFS_HANDLES 0x00020000
#define XP1_PARTIAL_MESSAGE 0x00040000
#define XP1_SAN_SUPPORT_SDP 0x00080000
#define PFL_MULTIPLE_PROTO_ENTRIES 0x00000001
#define PFL_RECOMMENDED_PROTO_ENTRY 0x00000002
#define PFL_HIDDEN 0x00000004
#define PFL_MATCHES_PROTOCOL_ZERO 0x00000008
#define PFL_NETWORKDIRECT_PROVIDER 0x00000010
#define BIGENDIAN 0x0000
#define LITTLEENDIAN 0x0001
#define SECURITY_PROTOCOL_NONE 0x0000
WINSOCK_API_LINKAGE int WSAAPI WSAEnumProtocolsA(LPINT lpiProtocols, LPWSAPROTOCOL_INFOA lpProtocolBuffer,
                                                 LPDWORD lpdwBufferLength);
WINSOCK_API_LINKAGE int WSAAPI WSAEnumProtocolsW(LPINT lpiProtocols, LPWSAPROTOCOL_INFOW lpProtocolBuffer,
                                                 LPDWORD lpdwBufferLength);
/* In-process only: the structure names a duplicate WSASocket(...,
 * FROM_PROTOCOL_INFO ...) hands out once (src/ws2_32/duplicate.c). */
WINSOCK_API_LINKAGE int WSAAPI WSADuplicateSocketA(SOCKET s, DWORD dwProcessId, LPWSAPROTOCOL_INFOA lpProtocolInfo);
WINSOCK_API_LINKAGE int WSAAPI WSADuplicateSocketW(SOCKET s, DWORD dwProcessId, LPWSAPROTOCOL_INFOW lpProtocolInfo);
#ifdef UNICODE
#define WSAEnumProtocols WSAEnumProtocolsW
#define WSADuplicateSocket WSADuplicateSocketW
#else
#define WSAEnumProtocols WSAEnumProtocolsA
#define WSADuplicateSocket WSADuplicateSocketA
#endif

/* Conditional acceptance (src/ws2_32/accept.c). */
#define CF_ACCEPT 0x0000
#define CF_REJECT 0x0001
#define CF_DEFER 0x0002
typedef int(CALLBACK *LPCONDITIONPROC)(LPWSABUF lpCallerId, LPWSABUF lpCallerData, LPQOS lpSQOS, LPQOS lpGQOS,
                                       LPWSABUF lpCalleeId, LPWSABUF lpCalleeData, GROUP FAR *g,
                                       DWORD_PTR dwCallbackData);
WINSOCK_API_LINKAGE SOCKET WSAAPI WSAAccept(SOCKET s, struct sockaddr FAR *addr, LPINT addrlen,
                                           LPCONDITIONPROC lpfnCondition, DWORD_PTR dwCallbackData);

/* Connecting by name or by a list of addresses (SOCKET_ADDRESS_LIST is in
 * ws2def.h), and joining a multicast group (src/ws2_32/connectby.c). */
WINSOCK_API_LINKAGE BOOL WSAAPI WSAConnectByNameA(SOCKET s, LPCSTR nodename, LPCSTR servicename,
                                                 LPDWORD LocalAddressLength, LPSOCKADDR LocalAddress,
                                                 LPDWORD RemoteAddressLength, LPSOCKADDR RemoteAddress,
                                                 const struct timeval *timeout, LPWSAOVERLAPPED Reserved);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAConnectByNameW(SOCKET s, LPWSTR nodename, LPWSTR servicename,
                                                 LPDWORD LocalAddressLength, LPSOCKADDR LocalAddress,
                                                 LPDWORD RemoteAddressLength, LPSOCKADDR RemoteAddress,
                                                 const struct timeval *timeout, LPWSAOVERLAPPED Reserved);
#ifdef UNICODE
#define WSAConnectByName WSAConnectByNameW
#else
#define WSAConnectByName WSAConnectByNameA
#endif
WINSOCK_API_LINKAGE BOOL WSAAPI WSAConnectByList(SOCKET s, PSOCKET_ADDRESS_LIST SocketAddress,
                                                LPDWORD LocalAddressLength, LPSOCKADDR LocalAddress,
                                                LPDWORD RemoteAddressLength, LPSOCKADDR RemoteAddress,
                                                const struct timeval *timeout, LPWSAOVERLAPPED Reserved);
#define JL_SENDER_ONLY 0x01
#define JL_RECEIVER_ONLY 0x02
#define JL_BOTH 0x04
WINSOCK_API_LINKAGE SOCKET WSAAPI WSAJoinLeaf(SOCKET s, const struct sockaddr FAR *name, int namelen,
                                             LPWSABUF lpCallerData, LPWSABUF lpCalleeData, LPQOS lpSQOS,
                                             LPQOS lpGQOS, DWORD dwFlags);

/* u_long is 64 bits here, 32 on Windows, where DWORD and ULONG are the
 * same type as u_long: callers pass any of them to ioctlsocket and
 * WSAHtonl/WSANtohl.  A 32-bit variable (DWORD, ULONG, UINT, u_int) reaches
 * an entry point that reads and writes 32 bits (C11 _Generic in C, an
 * overload in C++); unsigned long / u_long the one that writes 64.  A cast
 * such as (u_long *)&dword hides the type and gets the 64-bit write. */
WINSOCK_API_LINKAGE int WSAAPI ws2p_ioctlsocket32(SOCKET s, long cmd, ULONG FAR *argp);
WINSOCK_API_LINKAGE int WSAAPI ws2p_WSAHtonl32(SOCKET s, u_long hostlong, ULONG FAR *lpnetlong);
WINSOCK_API_LINKAGE int WSAAPI ws2p_WSANtohl32(SOCKET s, u_long netlong, ULONG FAR *lphostlong);

WS2P_END_DECLS

#ifdef __cplusplus
WS2P_BEGIN_CXX
/* A template, so that a NULL argument still picks the u_long * function. */
template <class T> struct ws2p_if_ulong32 {};
template <> struct ws2p_if_ulong32<ULONG> { typedef int type; };
template <class T> inline typename ws2p_if_ulong32<T>::type ioctlsocket(SOCKET s, long cmd, T *argp)
{
    return ws2p_ioctlsocket32(s, cmd, argp);
}
template <class T> inline typename ws2p_if_ulong32<T>::type WSAHtonl(SOCKET s, u_long hostlong, T *lpnetlong)
{
    return ws2p_WSAHtonl32(s, hostlong, lpnetlong);
}
template <class T> inline typename ws2p_if_ulong32<T>::type WSANtohl(SOCKET s, u_long netlong, T *lphostlong)
{
    return ws2p_WSANtohl32(s, netlong, lphostlong);
}
/* glibc declares select() and gethostname() with its own types when one of
 * its headers is in the file; ours are overloads (C++ linkage, so also
 * inside a program's extern "C" { }) bound to our symbols. */
WINSOCK_API_LINKAGE int WSAAPI select(int nfds, fd_set FAR *readfds, fd_set FAR *writefds, fd_set FAR *exceptfds,
                                      const struct timeval FAR *timeout) WS2P_SYM(select);
WINSOCK_API_LINKAGE int WSAAPI gethostname(char FAR *name, int namelen) WS2P_SYM(gethostname);
WS2P_END_CXX
/* glibc's gethostname takes a size_t, an exact match for sizeof: a
 * <unistd.h> read after this header declares it under another name (the
 * program's calls then all reach ours).  One read before wins such calls;
 * it behaves alike but for the Winsock error codes. */
#ifndef _UNISTD_H
#define WS2P_GETHOSTNAME_IS_OURS
#endif
#else
#define ioctlsocket(s, cmd, argp) \
    __extension__ _Generic((argp), ULONG *: ws2p_ioctlsocket32, default: ioctlsocket)(s, cmd, argp)
#define WSAHtonl(s, hostlong, lpnetlong) \
    __extension__ _Generic((lpnetlong), ULONG *: ws2p_WSAHtonl32, default: WSAHtonl)(s, hostlong, lpnetlong)
#define WSANtohl(s, netlong, lphostlong) \
    __extension__ _Generic((lphostlong), ULONG *: ws2p_WSANtohl32, default: WSANtohl)(s, netlong, lphostlong)
/* C has no overloading.  When glibc has not declared select() or
 * gethostname() yet, ours are declared under those names (bound to our
 * symbols), so a program may wrap them in macros of its own - Windows code
 * does: #define select(n, r, w, e, t) select((int)(n), r, w, e, t) - and a
 * glibc header read later declares its own under another name
 * (ws2p/libc_begin.h).  When glibc's came first, ours are reached through
 * renaming macros, which libc_begin.h suspends inside glibc's headers. */
#ifdef _SYS_SELECT_H
WINSOCK_API_LINKAGE int WSAAPI ws2p_select(int nfds, fd_set FAR *readfds, fd_set FAR *writefds, fd_set FAR *exceptfds,
                                           const struct timeval FAR *timeout);
#define select ws2p_select
#else
WINSOCK_API_LINKAGE int WSAAPI select(int nfds, fd_set FAR *readfds, fd_set FAR *writefds, fd_set FAR *exceptfds,
                                      const struct timeval FAR *timeout) WS2P_SYM(select);
#define WS2P_SELECT_IS_OURS
#endif
#ifdef _UNISTD_H
WINSOCK_API_LINKAGE int WSAAPI ws2p_gethostname(char FAR *name, int namelen);
#define gethostname ws2p_gethostname
#else
WINSOCK_API_LINKAGE int WSAAPI gethostname(char FAR *name, int namelen) WS2P_SYM(gethostname);
#define WS2P_GETHOSTNAME_IS_OURS
#endif
#endif

/* Declarations that need a glibc header as well: for those included
 * before this one now, for later ones at their end (ws2p/libc_end.h). */
#define WS2P_WINSOCK2_DONE
#include "ws2p/libc_win.h"

#endif
