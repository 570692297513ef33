/* The protocol catalog: WSAEnumProtocolsA/W, and the WSAPROTOCOL_INFO of a
 * socket (SO_PROTOCOL_INFOA/W, SO_MAX_MSG_SIZE, WSADuplicateSocket).
 *
 * One row per protocol Windows' TCP/IP provider ("MSAFD Tcpip") offers:
 * TCP, UDP and raw IP over IPv4, then over IPv6.  The service flags are the
 * ones Wine's protocol.c test_service_flags pins for TCP and UDP and its
 * sock.c test_WSASocket for raw IP; PFL_MATCHES_PROTOCOL_ZERO marks the row
 * WSASocket(af, 0, 0) picks (TCP for IPv4, test_WSASocket). */
#include "core.h"
#include <string.h>

#define XP1_CONNECTIONLESS 0x00000001
#define XP1_GUARANTEED_DELIVERY 0x00000002
#define XP1_GUARANTEED_ORDER 0x00000004
#define XP1_MESSAGE_ORIENTED 0x00000008
#define XP1_GRACEFUL_CLOSE 0x00000020
#define XP1_EXPEDITED_DATA 0x00000040
#define XP1_SUPPORT_BROADCAST 0x00000200
#define XP1_SUPPORT_MULTIPOINT 0x00000400
#define XP1_IFS_HANDLES 0x00020000
#define PFL_HIDDEN 0x00000004
#define PFL_MATCHES_PROTOCOL_ZERO 0x00000008

#define STREAM_FLAGS \
    (XP1_GUARANTEED_DELIVERY | XP1_GUARANTEED_ORDER | XP1_GRACEFUL_CLOSE | XP1_EXPEDITED_DATA | XP1_IFS_HANDLES)
#define DGRAM_FLAGS \
    (XP1_CONNECTIONLESS | XP1_MESSAGE_ORIENTED | XP1_SUPPORT_BROADCAST | XP1_SUPPORT_MULTIPOINT | XP1_IFS_HANDLES)

/* Windows' TCP/IP provider, {E70F1AA0-AB8B-11CF-8CA3-00805F48A192}. */
const GUID ws_tcpip_provider = {0xe70f1aa0, 0xab8b, 0x11cf, {0x8c, 0xa3, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92}};

static const struct entry {
    DWORD service, provider, catalog, msgsize;
    int af, type, protocol, addrlen, max_offset;
    const char *name;
} catalog[] = {
    {STREAM_FLAGS, PFL_MATCHES_PROTOCOL_ZERO, 1001, 0, WS_AF_INET, WS_SOCK_STREAM, WS_IPPROTO_TCP, 16, 0,
     "MSAFD Tcpip [TCP/IP]"},
    {DGRAM_FLAGS, PFL_MATCHES_PROTOCOL_ZERO, 1002, 65527, WS_AF_INET, WS_SOCK_DGRAM, WS_IPPROTO_UDP, 16, 0,
     "MSAFD Tcpip [UDP/IP]"},
    {DGRAM_FLAGS, PFL_MATCHES_PROTOCOL_ZERO | PFL_HIDDEN, 1003, 32768, WS_AF_INET, WS_SOCK_RAW, 0, 16, 255,
     "MSAFD Tcpip [RAW/IP]"},
    {STREAM_FLAGS, PFL_MATCHES_PROTOCOL_ZERO, 1004, 0, WS_AF_INET6, WS_SOCK_STREAM, WS_IPPROTO_TCP, 28, 0,
     "MSAFD Tcpip [TCP/IPv6]"},
    {DGRAM_FLAGS, PFL_MATCHES_PROTOCOL_ZERO, 1005, 65527, WS_AF_INET6, WS_SOCK_DGRAM, WS_IPPROTO_UDP, 28, 0,
     "MSAFD Tcpip [UDP/IPv6]"},
    {DGRAM_FLAGS, PFL_MATCHES_PROTOCOL_ZERO | PFL_HIDDEN, 1006, 32768, WS_AF_INET6, WS_SOCK_RAW, 0, 28, 255,
     "MSAFD Tcpip [RAW/IPv6]"},
};
#define NENTRIES (sizeof catalog / sizeof catalog[0])

/* Fill info (A or W: the fields before szProtocol are the same). */
static void fill(const struct entry *e, void *info, bool wide)
{
    WS_WSAPROTOCOL_INFOA *a = info;
    memset(info, 0, wide ? sizeof(WS_WSAPROTOCOL_INFOW) : sizeof(WS_WSAPROTOCOL_INFOA));
    a->dwServiceFlags1 = e->service;
    a->dwProviderFlags = e->provider;
    a->ProviderId = ws_tcpip_provider;
    a->dwCatalogEntryId = e->catalog;
    a->ProtocolChain.ChainLen = 1; /* BASE_PROTOCOL */
    a->iVersion = 2;
    a->iAddressFamily = e->af;
    a->iMaxSockAddr = a->iMinSockAddr = e->addrlen;
    a->iSocketType = e->type;
    a->iProtocol = e->protocol;
    a->iProtocolMaxOffset = e->max_offset;
    a->iNetworkByteOrder = 0;  /* BIGENDIAN */
    a->iSecurityScheme = 0;    /* SECURITY_PROTOCOL_NONE */
    a->dwMessageSize = e->msgsize;
    if (wide) {
        WS_WSAPROTOCOL_INFOW *w = info;
        for (size_t i = 0; e->name[i]; i++)
            w->szProtocol[i] = (WCHAR)(unsigned char)e->name[i];
    } else {
        strcpy(a->szProtocol, e->name);
    }
}

/* The catalog row a socket belongs to; NULL for families Windows' TCP/IP
 * provider does not serve (AF_UNIX). */
static const struct entry *entry_of(const ws_sock *sk)
{
    int af = ws_af_from_linux(sk->family);
    for (size_t i = 0; i < NENTRIES; i++)
        if (catalog[i].af == af && catalog[i].type == sk->type)
            return &catalog[i];
    return NULL;
}

int ws_protocol_info(const ws_sock *sk, void *info, bool wide)
{
    const struct entry *e = entry_of(sk);
    if (!e)
        return WSAENOPROTOOPT;
    fill(e, info, wide);
    if (sk->type != SOCK_RAW)
        ((WS_WSAPROTOCOL_INFOA *)info)->iProtocol = sk->protocol;
    return 0;
}

uint32_t ws_max_msg_size(const ws_sock *sk)
{
    const struct entry *e = entry_of(sk);
    return e ? e->msgsize : 0;
}

/* lpiProtocols is a 0-terminated list (NULL: all); numbers no row has are
 * skipped (protocol.c test_WSAEnumProtocolsA).  A buffer too small for the
 * rows is WSAENOBUFS with the size needed in *len. */
static int enum_protocols(const char *fn, const int *protocols, void *buf, DWORD *len, bool wide)
{
    struct ws_call c = WS_CALL(fn);
    int ret = WS_SOCKET_ERROR;
    size_t size = wide ? sizeof(WS_WSAPROTOCOL_INFOW) : sizeof(WS_WSAPROTOCOL_INFOA);
    if (ws_started(&c)) {
        const struct entry *match[NENTRIES];
        size_t n = 0;
        for (size_t i = 0; i < NENTRIES; i++) {
            bool want = !protocols;
            for (const int *p = protocols; p && *p && !want; p++)
                want = *p == catalog[i].protocol;
            if (want)
                match[n++] = &catalog[i];
        }
        if (ws_bad_ptr(len))
            ws_fail(&c, WSAEFAULT);
        else if (!buf || *len < n * size) {
            *len = (DWORD)(n * size);
            ws_fail(&c, WSAENOBUFS);
        } else {
            for (size_t i = 0; i < n; i++)
                fill(match[i], (char *)buf + i * size, wide);
            ret = (int)n;
        }
    }
    return WS_EXIT(&c, ret, "protocols=%p, buffer=%p, len=%u", (const void *)protocols, buf,
                   len && !ws_bad_ptr(len) ? (unsigned)*len : 0u);
}

WS2P_EXPORT int WSAEnumProtocolsA(int *protocols, WS_WSAPROTOCOL_INFOA *buf, DWORD *len)
{
    return enum_protocols("WSAEnumProtocolsA", protocols, buf, len, false);
}

WS2P_EXPORT int WSAEnumProtocolsW(int *protocols, WS_WSAPROTOCOL_INFOW *buf, DWORD *len)
{
    return enum_protocols("WSAEnumProtocolsW", protocols, buf, len, true);
}
