/* Byte order: htons/htonl/ntohs/ntohl, the WSA variants that take a
 * socket, and the IPv6 wildcard and loopback constants.  u_long is unsigned
 * long here (64 bits; Windows' is 32): the long forms swap the low 32 bits
 * and return them zero-extended, as a 32-bit u_long would hold them. */
#include "core.h"
#include <arpa/inet.h>

WS2P_EXPORT WS_u_long ws2p_htonl(WS_u_long v)
{
    return htonl((uint32_t)v);
}

WS2P_EXPORT uint16_t ws2p_htons(uint16_t v)
{
    return htons(v);
}

WS2P_EXPORT WS_u_long ws2p_ntohl(WS_u_long v)
{
    return ntohl((uint32_t)v);
}

WS2P_EXPORT uint16_t ws2p_ntohs(uint16_t v)
{
    return ntohs(v);
}

/* The WSA forms check startup and the handle before the pointer
 * (WSAHtonl documents WSANOTINITIALISED, WSAENOTSOCK, WSAEFAULT).  The
 * 32-bit ones serve callers whose variable is a DWORD or ULONG
 * (winsock2.h picks them by the pointer's type); they trace under the
 * Windows name. */
#define WSA_SWAP(name, fn, type, outtype, swap)                                  \
    WS2P_EXPORT int fn(SOCKET s, type in, outtype *out)                          \
    {                                                                            \
        struct ws_call c = WS_CALL(#name);                                       \
        int ret = WS_SOCKET_ERROR;                                               \
        ws_sock *sk = ws_enter(&c, s);                                           \
        if (sk) {                                                                \
            if (!out)                                                            \
                ws_fail(&c, WSAEFAULT);                                          \
            else {                                                               \
                *out = swap((uint32_t)in);                                       \
                ret = 0;                                                         \
            }                                                                    \
            ws_sock_put(sk);                                                     \
        }                                                                        \
        return WS_EXIT(&c, ret, "s=%lu, in=%#x, out=%p", (unsigned long)s, (unsigned)in, (void *)out); \
    }

WSA_SWAP(WSAHtonl, WSAHtonl, WS_u_long, WS_u_long, htonl)
WSA_SWAP(WSANtohl, WSANtohl, WS_u_long, WS_u_long, ntohl)
WSA_SWAP(WSAHtonl, ws2p_WSAHtonl32, WS_u_long, ULONG, htonl)
WSA_SWAP(WSANtohl, ws2p_WSANtohl32, WS_u_long, ULONG, ntohl)
WSA_SWAP(WSAHtons, WSAHtons, uint16_t, uint16_t, htons)
WSA_SWAP(WSANtohs, WSANtohs, uint16_t, uint16_t, ntohs)

/* struct in6_addr on Windows is 16 bytes with 2-byte alignment (a union of
 * UCHAR[16] and USHORT[8]). */
WS2P_EXPORT const unsigned char ws2p_in6addr_any[16] __attribute__((aligned(4))) = {0};
WS2P_EXPORT const unsigned char ws2p_in6addr_loopback[16] __attribute__((aligned(4))) = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
