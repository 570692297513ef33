/* Byte order: htons/htonl/ntohs/ntohl (u_long is 32 bits on Windows),
 * the WSA variants that take a socket, and the IPv6 wildcard and loopback
 * constants. */
#include "core.h"
#include <arpa/inet.h>

WS2P_EXPORT uint32_t ws2p_htonl(uint32_t v)
{
    return htonl(v);
}

WS2P_EXPORT uint16_t ws2p_htons(uint16_t v)
{
    return htons(v);
}

WS2P_EXPORT uint32_t ws2p_ntohl(uint32_t v)
{
    return ntohl(v);
}

WS2P_EXPORT uint16_t ws2p_ntohs(uint16_t v)
{
    return ntohs(v);
}

/* The WSA forms check startup and the handle before the pointer
 * (WSAHtonl documents WSANOTINITIALISED, WSAENOTSOCK, WSAEFAULT). */
#define WSA_SWAP(name, type, swap)                                               \
    WS2P_EXPORT int name(SOCKET s, type in, type *out)                           \
    {                                                                            \
        struct ws_call c = WS_CALL(#name);                                       \
        int ret = WS_SOCKET_ERROR;                                               \
        ws_sock *sk = ws_enter(&c, s);                                           \
        if (sk) {                                                                \
            if (!out)                                                            \
                ws_fail(&c, WSAEFAULT);                                          \
            else {                                                               \
                *out = swap(in);                                                 \
                ret = 0;                                                         \
            }                                                                    \
            ws_sock_put(sk);                                                     \
        }                                                                        \
        return WS_EXIT(&c, ret, "s=%lu, in=%#x, out=%p", (unsigned long)s, (unsigned)in, (void *)out); \
    }

WSA_SWAP(WSAHtonl, uint32_t, htonl)
WSA_SWAP(WSAHtons, uint16_t, htons)
WSA_SWAP(WSANtohl, uint32_t, ntohl)
WSA_SWAP(WSANtohs, uint16_t, ntohs)

/* struct in6_addr on Windows is 16 bytes with 2-byte alignment (a union of
 * UCHAR[16] and USHORT[8]). */
WS2P_EXPORT const unsigned char ws2p_in6addr_any[16] __attribute__((aligned(4))) = {0};
WS2P_EXPORT const unsigned char ws2p_in6addr_loopback[16] __attribute__((aligned(4))) = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
