/*
 * The library's view of the Windows definitions.  Library sources also see
 * POSIX, where AF_INET6, SOL_SOCKET, struct sockaddr, ... mean Linux's, so
 * every Windows name that POSIX shares is seen here as WS_<name> (Wine's
 * USE_WS_PREFIX idea).  Only the clash-free fragments of the public headers
 * (base types, error codes) are included directly.  test/internal_abi.c
 * checks these layouts against the public headers.
 */
#ifndef WS2P_WSDEFS_H
#define WS2P_WSDEFS_H
#include "ws2p/basetypes.h"
#include "winerror.h"

enum {
#define WS2P_CONST(name, value) WS_##name = (value),
#include "wsconsts.def"
#undef WS2P_CONST
};

typedef UINT_PTR SOCKET;
#define WS_INVALID_SOCKET ((SOCKET)~(SOCKET)0)
#define WS_SOCKET_ERROR (-1)
/* u_long is unsigned long, as on Windows (64 bits here, 32 there); the
 * ioctlsocket/WSAHtonl variants for 32-bit callers take a ULONG *. */
typedef unsigned long WS_u_long;

struct WS_sockaddr {
    USHORT sa_family;
    char sa_data[14];
};
struct WS_sockaddr_in {
    USHORT sin_family;
    USHORT sin_port;
    uint32_t sin_addr;
    char sin_zero[8];
};
struct WS_sockaddr_in6 {
    USHORT sin6_family;
    USHORT sin6_port;
    ULONG sin6_flowinfo;
    unsigned char sin6_addr[16];
    ULONG sin6_scope_id;
};
struct WS_sockaddr_storage {
    USHORT ss_family;
    char ss_pad1[6];
    int64_t ss_align;
    char ss_pad2[112];
};
struct WS_linger {
    USHORT l_onoff;
    USHORT l_linger;
};
struct WS_timeval {
    LONG tv_sec;
    LONG tv_usec;
};
struct WS_fd_set {
    unsigned int fd_count;
    SOCKET fd_array[];
};
struct WS_hostent {
    char *h_name;
    char **h_aliases;
    short h_addrtype;
    short h_length;
    char **h_addr_list;
};
struct WS_servent {
    char *s_name;
    char **s_aliases;
#if UINTPTR_MAX > 0xffffffffu
    char *s_proto;
    short s_port;
#else
    short s_port;
    char *s_proto;
#endif
};
struct WS_protoent {
    char *p_name;
    char **p_aliases;
    short p_proto;
};
struct WS_addrinfo {
    int ai_flags;
    int ai_family;
    int ai_socktype;
    int ai_protocol;
    size_t ai_addrlen;
    char *ai_canonname;
    struct WS_sockaddr *ai_addr;
    struct WS_addrinfo *ai_next;
};
struct WS_addrinfoW {
    int ai_flags;
    int ai_family;
    int ai_socktype;
    int ai_protocol;
    size_t ai_addrlen;
    WCHAR *ai_canonname;
    struct WS_sockaddr *ai_addr;
    struct WS_addrinfoW *ai_next;
};
struct WS_ip_mreq {
    uint32_t imr_multiaddr;
    uint32_t imr_interface;
};
struct WS_ipv6_mreq {
    unsigned char ipv6mr_multiaddr[16];
    ULONG ipv6mr_interface;
};
struct WS_SOCKET_ADDRESS {
    struct WS_sockaddr *lpSockaddr;
    int iSockaddrLength;
};
struct WS_SOCKET_ADDRESS_LIST {
    int iAddressCount;
    struct WS_SOCKET_ADDRESS Address[];
};
struct WS_CSADDR_INFO {
    struct WS_SOCKET_ADDRESS LocalAddr, RemoteAddr;
    int iSocketType, iProtocol;
};
/* INTERFACE_INFO: addresses in 24-byte unions (sockaddr_in, or the
 * scope-less sockaddr_in6_old); 76 bytes. */
struct WS_INTERFACE_INFO {
    ULONG iiFlags;
    unsigned char iiAddress[24], iiBroadcastAddress[24], iiNetmask[24];
};
struct WS_tcp_keepalive {
    ULONG onoff;
    ULONG keepalivetime;
    ULONG keepaliveinterval;
};
struct WS_TCP_INITIAL_RTO_PARAMETERS {
    USHORT Rtt;
    UCHAR MaxSynRetransmissions;
};
typedef struct WS_WSADATA {
    WORD wVersion;
    WORD wHighVersion;
#if UINTPTR_MAX > 0xffffffffu
    unsigned short iMaxSockets;
    unsigned short iMaxUdpDg;
    char *lpVendorInfo;
    char szDescription[WS_WSADESCRIPTION_LEN + 1];
    char szSystemStatus[WS_WSASYS_STATUS_LEN + 1];
#else
    char szDescription[WS_WSADESCRIPTION_LEN + 1];
    char szSystemStatus[WS_WSASYS_STATUS_LEN + 1];
    unsigned short iMaxSockets;
    unsigned short iMaxUdpDg;
    char *lpVendorInfo;
#endif
} WS_WSADATA;
typedef struct WS_WSABUF {
    ULONG len;
    char *buf;
} WS_WSABUF;
typedef struct WS_WSAPROTOCOLCHAIN {
    int ChainLen;
    DWORD ChainEntries[7];
} WS_WSAPROTOCOLCHAIN;
#define WS_PROTOCOL_INFO_FIELDS \
    DWORD dwServiceFlags1, dwServiceFlags2, dwServiceFlags3, dwServiceFlags4, dwProviderFlags; \
    GUID ProviderId; \
    DWORD dwCatalogEntryId; \
    WS_WSAPROTOCOLCHAIN ProtocolChain; \
    int iVersion, iAddressFamily, iMaxSockAddr, iMinSockAddr, iSocketType, iProtocol, iProtocolMaxOffset, \
        iNetworkByteOrder, iSecurityScheme; \
    DWORD dwMessageSize, dwProviderReserved;
typedef struct WS_WSAPROTOCOL_INFOA {
    WS_PROTOCOL_INFO_FIELDS
    char szProtocol[256];
} WS_WSAPROTOCOL_INFOA;
typedef struct WS_WSAPROTOCOL_INFOW {
    WS_PROTOCOL_INFO_FIELDS
    WCHAR szProtocol[256];
} WS_WSAPROTOCOL_INFOW;
typedef struct WS_OVERLAPPED {
    ULONG_PTR Internal;
    ULONG_PTR InternalHigh;
    DWORD Offset;
    DWORD OffsetHigh;
    HANDLE hEvent;
} WS_OVERLAPPED;
typedef void (*WS_COMPLETION_ROUTINE)(DWORD, DWORD, WS_OVERLAPPED *, DWORD);
/* WSARecvMsg / WSASendMsg (ws2def.h, mswsock.h). */
typedef struct WS_WSAMSG {
    struct WS_sockaddr *name;
    INT namelen;
    WS_WSABUF *lpBuffers;
    ULONG dwBufferCount;
    WS_WSABUF Control;
    ULONG dwFlags;
} WS_WSAMSG;
typedef struct WS_WSACMSGHDR {
    SIZE_T cmsg_len;
    INT cmsg_level;
    INT cmsg_type;
} WS_WSACMSGHDR;
#define WS_CMSG_ALIGN(n) (((n) + sizeof(SIZE_T) - 1) & ~(sizeof(SIZE_T) - 1))
/* TransmitFile / TransmitPackets (mswsock.h). */
typedef struct WS_TRANSMIT_FILE_BUFFERS {
    void *Head;
    DWORD HeadLength;
    void *Tail;
    DWORD TailLength;
} WS_TRANSMIT_FILE_BUFFERS;
typedef struct WS_TRANSMIT_PACKETS_ELEMENT {
    ULONG dwElFlags;
    ULONG cLength;
    union {
        struct {
            int64_t nFileOffset;
            HANDLE hFile;
        };
        void *pBuffer;
    };
} WS_TRANSMIT_PACKETS_ELEMENT;
typedef struct WS_SECURITY_ATTRIBUTES {
    DWORD nLength;
    void *lpSecurityDescriptor;
    BOOL bInheritHandle;
} WS_SECURITY_ATTRIBUTES;

#endif
