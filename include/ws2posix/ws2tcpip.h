/* ws2posix: ws2tcpip.h - protocol-independent name resolution and the
 * text/binary address conversions, with Windows' structures and codes. */
#ifndef _WS2TCPIP_H_
#define _WS2TCPIP_H_
#include "winsock2.h"
#include "ws2ipdef.h"

WS2P_BEGIN_DECLS

/* int, as on Windows (glibc's is unsigned); renamed like timeval
 * (ws2p/base.h) so that glibc's own declarations keep theirs. */
#define socklen_t ws2p_socklen_t
typedef int socklen_t;

/* getaddrinfo error codes are Winsock error codes on Windows. */
#define EAI_AGAIN WSATRY_AGAIN
#define EAI_BADFLAGS WSAEINVAL
#define EAI_FAIL WSANO_RECOVERY
#define EAI_FAMILY WSAEAFNOSUPPORT
#define EAI_MEMORY WSA_NOT_ENOUGH_MEMORY
#define EAI_NONAME WSAHOST_NOT_FOUND
#define EAI_SERVICE WSATYPE_NOT_FOUND
#define EAI_SOCKTYPE WSAESOCKTNOSUPPORT
#define EAI_NODATA EAI_NONAME

#define NI_MAXHOST 1025
#define NI_MAXSERV 32
#define NI_NOFQDN 0x01
#define NI_NUMERICHOST 0x02
#define NI_NAMEREQD 0x04
#define NI_NUMERICSERV 0x08
#define NI_DGRAM 0x10

typedef ADDRINFOA ADDRINFO, FAR *LPADDRINFO;

WINSOCK_API_LINKAGE INT WSAAPI getaddrinfo(PCSTR pNodeName, PCSTR pServiceName, const ADDRINFOA *pHints,
                                           PADDRINFOA *ppResult) WS2P_SYM(getaddrinfo);
WINSOCK_API_LINKAGE VOID WSAAPI freeaddrinfo(PADDRINFOA pAddrInfo) WS2P_SYM(freeaddrinfo);
WINSOCK_API_LINKAGE INT WSAAPI getnameinfo(const SOCKADDR *pSockaddr, socklen_t SockaddrLength, PCHAR pNodeBuffer,
                                           DWORD NodeBufferSize, PCHAR pServiceBuffer, DWORD ServiceBufferSize,
                                           INT Flags) WS2P_SYM(getnameinfo);
WINSOCK_API_LINKAGE char *WSAAPI gai_strerrorA(int ecode);
WINSOCK_API_LINKAGE WCHAR *WSAAPI gai_strerrorW(int ecode);
#ifdef UNICODE
#define gai_strerror gai_strerrorW
#else
#define gai_strerror gai_strerrorA
#endif

WINSOCK_API_LINKAGE INT WSAAPI GetAddrInfoW(PCWSTR pNodeName, PCWSTR pServiceName, const ADDRINFOW *pHints,
                                            PADDRINFOW *ppResult);
WINSOCK_API_LINKAGE VOID WSAAPI FreeAddrInfoW(PADDRINFOW pAddrInfo);
#define GetAddrInfoA getaddrinfo
#define FreeAddrInfoA freeaddrinfo
#define GetNameInfoA getnameinfo
#ifdef UNICODE
#define GetAddrInfo GetAddrInfoW
#define FreeAddrInfo FreeAddrInfoW
#else
#define GetAddrInfo GetAddrInfoA
#define FreeAddrInfo FreeAddrInfoA
#define GetNameInfo GetNameInfoA
#endif

/* Windows Vista and later (sdkddkver.h): a program that targets older
 * versions declares its own. */
#if _WIN32_WINNT >= 0x0600
WINSOCK_API_LINKAGE INT WSAAPI inet_pton(INT Family, PCSTR pszAddrString, PVOID pAddrBuf) WS2P_SYM(inet_pton);
WINSOCK_API_LINKAGE PCSTR WSAAPI inet_ntop(INT Family, const VOID *pAddr, PSTR pStringBuf, size_t StringBufSize)
    WS2P_SYM(inet_ntop);
WINSOCK_API_LINKAGE INT WSAAPI InetPtonW(INT Family, PCWSTR pszAddrString, PVOID pAddrBuf);
WINSOCK_API_LINKAGE PCWSTR WSAAPI InetNtopW(INT Family, const VOID *pAddr, PWSTR pStringBuf, size_t StringBufSize);
#define InetPtonA inet_pton
#define InetNtopA inet_ntop
#ifdef UNICODE
#define InetPton InetPtonW
#define InetNtop InetNtopW
#else
#define InetPton InetPtonA
#define InetNtop InetNtopA
#endif
#endif

/* The SDK's inline wrapper of SIO_IDEAL_SEND_BACKLOG_QUERY. */
static __inline int idealsendbacklogquery(SOCKET s, ULONG *pISB)
{
    DWORD bytes;
    return WSAIoctl(s, SIO_IDEAL_SEND_BACKLOG_QUERY, NULL, 0, pISB, sizeof(*pISB), &bytes, NULL, NULL);
}

WS2P_END_DECLS
#endif
