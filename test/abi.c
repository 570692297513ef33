/*
 * ABI: sizes, offsets and values of the Windows structures and constants,
 * written as literals (x64 Windows, LLP64).  A Winsock program like every
 * test: built here against ws2posix, and cross-compiled by .ci/run against
 * MinGW's headers, so each literal is checked against Windows' own headers
 * too.  wsconsts.def and wsaerrors.def (the lists the library translates
 * with) are checked name == value in both builds.
 *
 * Most checks are static assertions; the cases re-check the tables at run
 * time (to count and print them) and the byte layout a program relies on.
 */
#include "wstest.h"
#include <mswsock.h>
#include <mstcpip.h>
#include <stddef.h>

/* MinGW-w64 10's headers lack these Windows SDK (ws2ipdef.h) names, so for
 * the cross-compile they come from here and are not cross-checked. */
#ifdef __MINGW32__
#ifndef TCP_KEEPALIVE
#define TCP_KEEPALIVE 3
#define TCP_MAXSEG 4
#define TCP_MAXRT 5
#endif
#ifndef TCP_MAXRTMS
#define TCP_MAXRTMS 14
#endif
#ifndef TCP_KEEPCNT
#define TCP_KEEPCNT 16
#endif
#ifndef TCP_KEEPINTVL
#define TCP_KEEPINTVL 17
#endif
#endif

#define ABI_SIZE(type, n) _Static_assert(sizeof(type) == (n), "sizeof(" #type ") != " #n)
#define ABI_OFF(type, member, n) \
    _Static_assert(offsetof(type, member) == (n), "offsetof(" #type ", " #member ") != " #n)
#define ABI_VAL(name, n) _Static_assert((DWORD)(name) == (DWORD)(n), #name " != " #n)

/* ---- base types: LLP64 --------------------------------------------------- */
ABI_SIZE(u_char, 1);
ABI_SIZE(u_short, 2);
ABI_SIZE(u_int, 4);
/* u_long is unsigned long on Windows and here: 4 bytes there (and with
 * MinGW), 8 here; the layouts that need 32 bits use ULONG. */
_Static_assert(sizeof(u_long) == sizeof(unsigned long), "u_long is unsigned long");
ABI_SIZE(BYTE, 1);
ABI_SIZE(WORD, 2);
ABI_SIZE(DWORD, 4);
ABI_SIZE(LONG, 4);
ABI_SIZE(ULONG, 4);
ABI_SIZE(BOOL, 4);
ABI_SIZE(INT, 4);
ABI_SIZE(ULONGLONG, 8);
ABI_SIZE(HANDLE, 8);
ABI_SIZE(SOCKET, 8);
ABI_SIZE(UINT_PTR, 8);
ABI_SIZE(SIZE_T, 8);
ABI_SIZE(GUID, 16);
ABI_SIZE(socklen_t, 4);

/* ---- WSADATA: 64-bit order puts iMaxSockets/lpVendorInfo first ----------- */
ABI_SIZE(WSADATA, 408);
ABI_OFF(WSADATA, wVersion, 0);
ABI_OFF(WSADATA, wHighVersion, 2);
ABI_OFF(WSADATA, iMaxSockets, 4);
ABI_OFF(WSADATA, iMaxUdpDg, 6);
ABI_OFF(WSADATA, lpVendorInfo, 8);
ABI_OFF(WSADATA, szDescription, 16);
ABI_OFF(WSADATA, szSystemStatus, 273);

/* ---- addresses ----------------------------------------------------------- */
ABI_SIZE(struct in_addr, 4);
ABI_OFF(struct in_addr, S_un.S_un_b.s_b1, 0);
ABI_OFF(struct in_addr, S_un.S_un_b.s_b2, 1);
ABI_OFF(struct in_addr, S_un.S_un_b.s_b3, 2);
ABI_OFF(struct in_addr, S_un.S_un_b.s_b4, 3);
ABI_OFF(struct in_addr, S_un.S_un_w.s_w1, 0);
ABI_OFF(struct in_addr, S_un.S_un_w.s_w2, 2);
ABI_OFF(struct in_addr, S_un.S_addr, 0);
ABI_SIZE(struct in6_addr, 16);
ABI_SIZE(struct sockaddr, 16);
ABI_OFF(struct sockaddr, sa_family, 0);
ABI_OFF(struct sockaddr, sa_data, 2);
ABI_SIZE(struct sockaddr_in, 16);
ABI_OFF(struct sockaddr_in, sin_family, 0);
ABI_OFF(struct sockaddr_in, sin_port, 2);
ABI_OFF(struct sockaddr_in, sin_addr, 4);
ABI_OFF(struct sockaddr_in, sin_zero, 8);
ABI_SIZE(struct sockaddr_in6, 28);
ABI_OFF(struct sockaddr_in6, sin6_family, 0);
ABI_OFF(struct sockaddr_in6, sin6_port, 2);
ABI_OFF(struct sockaddr_in6, sin6_flowinfo, 4);
ABI_OFF(struct sockaddr_in6, sin6_addr, 8);
ABI_OFF(struct sockaddr_in6, sin6_scope_id, 24);
ABI_SIZE(SOCKADDR_STORAGE, 128);
ABI_OFF(SOCKADDR_STORAGE, ss_family, 0);
ABI_SIZE(SOCKADDR_INET, 28);
ABI_SIZE(SOCKET_ADDRESS, 16);
ABI_OFF(SOCKET_ADDRESS, iSockaddrLength, 8);

/* ---- getaddrinfo: ai_canonname before ai_addr (glibc has the reverse) ---- */
ABI_SIZE(struct addrinfo, 48);
ABI_OFF(struct addrinfo, ai_flags, 0);
ABI_OFF(struct addrinfo, ai_family, 4);
ABI_OFF(struct addrinfo, ai_socktype, 8);
ABI_OFF(struct addrinfo, ai_protocol, 12);
ABI_OFF(struct addrinfo, ai_addrlen, 16);
ABI_OFF(struct addrinfo, ai_canonname, 24);
ABI_OFF(struct addrinfo, ai_addr, 32);
ABI_OFF(struct addrinfo, ai_next, 40);
ABI_SIZE(ADDRINFOW, 48);
ABI_OFF(ADDRINFOW, ai_canonname, 24);
ABI_OFF(ADDRINFOW, ai_addr, 32);

/* ---- select / timeouts / linger ------------------------------------------ */
ABI_VAL(FD_SETSIZE, 64);
ABI_SIZE(fd_set, 520);
ABI_OFF(fd_set, fd_count, 0);
ABI_OFF(fd_set, fd_array, 8);
ABI_SIZE(struct timeval, 8);
ABI_OFF(struct timeval, tv_usec, 4);
ABI_SIZE(struct linger, 4);
ABI_OFF(struct linger, l_linger, 2);

/* ---- database entries (64-bit field order) ------------------------------- */
ABI_SIZE(struct hostent, 32);
ABI_OFF(struct hostent, h_name, 0);
ABI_OFF(struct hostent, h_aliases, 8);
ABI_OFF(struct hostent, h_addrtype, 16);
ABI_OFF(struct hostent, h_length, 18);
ABI_OFF(struct hostent, h_addr_list, 24);
ABI_SIZE(struct servent, 32);
ABI_OFF(struct servent, s_name, 0);
ABI_OFF(struct servent, s_aliases, 8);
ABI_OFF(struct servent, s_proto, 16);
ABI_OFF(struct servent, s_port, 24);
ABI_SIZE(struct protoent, 24);
ABI_OFF(struct protoent, p_name, 0);
ABI_OFF(struct protoent, p_aliases, 8);
ABI_OFF(struct protoent, p_proto, 16);

/* ---- buffers, messages, polling, events ---------------------------------- */
ABI_SIZE(WSABUF, 16);
ABI_OFF(WSABUF, len, 0);
ABI_OFF(WSABUF, buf, 8);
ABI_SIZE(WSAMSG, 56);
ABI_OFF(WSAMSG, namelen, 8);
ABI_OFF(WSAMSG, lpBuffers, 16);
ABI_OFF(WSAMSG, dwBufferCount, 24);
ABI_OFF(WSAMSG, Control, 32);
ABI_OFF(WSAMSG, dwFlags, 48);
ABI_SIZE(WSAPOLLFD, 16);
ABI_OFF(WSAPOLLFD, fd, 0);
ABI_OFF(WSAPOLLFD, events, 8);
ABI_OFF(WSAPOLLFD, revents, 10);
ABI_SIZE(WSANETWORKEVENTS, 44);
ABI_OFF(WSANETWORKEVENTS, iErrorCode, 4);
ABI_SIZE(WSAOVERLAPPED, 32);
ABI_OFF(WSAOVERLAPPED, InternalHigh, 8);
ABI_OFF(WSAOVERLAPPED, Offset, 16);
ABI_OFF(WSAOVERLAPPED, OffsetHigh, 20);
ABI_OFF(WSAOVERLAPPED, hEvent, 24);

/* ---- protocol information ------------------------------------------------ */
ABI_SIZE(WSAPROTOCOLCHAIN, 32);
ABI_SIZE(WSAPROTOCOL_INFOA, 372);
ABI_OFF(WSAPROTOCOL_INFOA, ProviderId, 20);
ABI_OFF(WSAPROTOCOL_INFOA, dwCatalogEntryId, 36);
ABI_OFF(WSAPROTOCOL_INFOA, ProtocolChain, 40);
ABI_OFF(WSAPROTOCOL_INFOA, iVersion, 72);
ABI_OFF(WSAPROTOCOL_INFOA, iAddressFamily, 76);
ABI_OFF(WSAPROTOCOL_INFOA, iSocketType, 88);
ABI_OFF(WSAPROTOCOL_INFOA, dwMessageSize, 108);
ABI_OFF(WSAPROTOCOL_INFOA, szProtocol, 116);
/* WCHAR is wchar_t (4 bytes on Linux, 2 on Windows): see
 * docs/windows-vs-linux.md.  Everything before the name is shared. */
ABI_OFF(WSAPROTOCOL_INFOW, szProtocol, 116);
ABI_SIZE(WSAPROTOCOL_INFOW, 116 + 256 * sizeof(WCHAR));

/* ---- IP options ---------------------------------------------------------- */
ABI_SIZE(struct ip_mreq, 8);
ABI_OFF(struct ip_mreq, imr_interface, 4);
ABI_SIZE(struct ip_mreq_source, 12);
ABI_SIZE(struct ipv6_mreq, 20);
ABI_OFF(struct ipv6_mreq, ipv6mr_interface, 16);
ABI_SIZE(IN_PKTINFO, 8);
ABI_SIZE(IN6_PKTINFO, 20);
ABI_SIZE(struct tcp_keepalive, 12);
ABI_OFF(struct tcp_keepalive, keepalivetime, 4);
ABI_OFF(struct tcp_keepalive, keepaliveinterval, 8);

/* ---- constants not in wsconsts.def --------------------------------------- */
ABI_VAL(INVALID_SOCKET, 0xffffffffu);
_Static_assert(INVALID_SOCKET == (SOCKET)~(SOCKET)0, "INVALID_SOCKET is all ones");
_Static_assert(SOCKET_ERROR == -1, "SOCKET_ERROR");
ABI_VAL(FD_READ, 0x01);
ABI_VAL(FD_WRITE, 0x02);
ABI_VAL(FD_OOB, 0x04);
ABI_VAL(FD_ACCEPT, 0x08);
ABI_VAL(FD_CONNECT, 0x10);
ABI_VAL(FD_CLOSE, 0x20);
ABI_VAL(FD_MAX_EVENTS, 10);
ABI_VAL(FD_ALL_EVENTS, 0x3ff);
ABI_VAL(WSA_INFINITE, 0xffffffffu);
ABI_VAL(WSA_WAIT_TIMEOUT, 258);
ABI_VAL(WSA_WAIT_IO_COMPLETION, 0xc0);
ABI_VAL(WSA_MAXIMUM_WAIT_EVENTS, 64);
ABI_VAL(INADDR_ANY, 0);
ABI_VAL(INADDR_BROADCAST, 0xffffffffu);
ABI_VAL(MAKEWORD(2, 2), 0x0202);
ABI_VAL(SIOCSHIWAT, 0x80047300u);
ABI_VAL(SIO_ADDRESS_LIST_QUERY, 0x48000016u);
ABI_VAL(SIO_ROUTING_INTERFACE_QUERY, 0xc8000014u);
ABI_VAL(SO_DONTLINGER, 0xffffff7fu);
ABI_VAL(SO_EXCLUSIVEADDRUSE, 0xfffffffbu);
ABI_VAL(WAIT_OBJECT_0, 0);
ABI_VAL(WAIT_TIMEOUT, 258);
ABI_VAL(WAIT_FAILED, 0xffffffffu);
ABI_VAL(INFINITE, 0xffffffffu);
ABI_VAL(ERROR_IO_PENDING, 997);
ABI_VAL(NO_ERROR, 0);

/* ---- the library's own lists, name == value ------------------------------ */
#define WS2P_CONST(name, value) ABI_VAL(name, value);
#include "wsconsts.def"
#undef WS2P_CONST
#define WS2P_ERR(name, value, text) _Static_assert((name) == (value), #name " != " #value);
#include "wsaerrors.def"
#undef WS2P_ERR

/* ---- run time ------------------------------------------------------------ */
struct abi_entry {
    const char *name;
    DWORD got, want;
};

static const struct abi_entry abi_consts[] = {
#define WS2P_CONST(name, value) {#name, (DWORD)(name), (DWORD)(value)},
#include "wsconsts.def"
#undef WS2P_CONST
};
static const struct abi_entry abi_errors[] = {
#define WS2P_ERR(name, value, text) {#name, (DWORD)(name), (DWORD)(value)},
#include "wsaerrors.def"
#undef WS2P_ERR
};

static void check_table(const struct abi_entry *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ok(t[i].got == t[i].want, "%s = 0x%lx, want 0x%lx", t[i].name, (unsigned long)t[i].got,
           (unsigned long)t[i].want);
}

WT_CASE(consts_match_windows)
{
    check_table(abi_consts, sizeof abi_consts / sizeof abi_consts[0]);
}

WT_CASE(wsa_errors_match_windows)
{
    check_table(abi_errors, sizeof abi_errors / sizeof abi_errors[0]);
}

/* The bytes a program sees: network order fields at Windows' offsets. */
WT_CASE(sockaddr_in_bytes)
{
    struct sockaddr_in a;
    const unsigned char *b = (const unsigned char *)&a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(0x1234);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok(b[0] == 2 && b[1] == 0, "sin_family bytes %02x %02x", b[0], b[1]);
    ok(b[2] == 0x12 && b[3] == 0x34, "sin_port bytes %02x %02x", b[2], b[3]);
    ok(b[4] == 127 && b[7] == 1, "sin_addr bytes %u..%u", b[4], b[7]);
    ok(a.sin_addr.S_un.S_un_b.s_b1 == 127 && a.sin_addr.S_un.S_un_b.s_b4 == 1, "S_un_b %u.%u",
       a.sin_addr.S_un.S_un_b.s_b1, a.sin_addr.S_un.S_un_b.s_b4);
    ok(a.sin_addr.s_net == 127 && a.sin_addr.s_impno == 1, "s_net %u s_impno %u", a.sin_addr.s_net,
       a.sin_addr.s_impno);
}

WT_CASE(sockaddr_in6_bytes)
{
    struct sockaddr_in6 a;
    const unsigned char *b = (const unsigned char *)&a;
    memset(&a, 0, sizeof a);
    a.sin6_family = AF_INET6;
    a.sin6_port = htons(0xabcd);
    a.sin6_addr.s6_addr[15] = 1;
    a.sin6_scope_id = 7;
    ok(b[0] == 23 && b[1] == 0, "sin6_family bytes %02x %02x", b[0], b[1]);
    ok(b[2] == 0xab && b[3] == 0xcd, "sin6_port bytes %02x %02x", b[2], b[3]);
    ok(b[23] == 1, "sin6_addr last byte %u", b[23]);
    ok(b[24] == 7, "sin6_scope_id byte %u", b[24]);
    ok(IN6_IS_ADDR_LOOPBACK(&a.sin6_addr), "IN6_IS_ADDR_LOOPBACK");
}

/* fd_set is a count and an array of handles, not a bitmap. */
WT_CASE(fd_set_is_an_array)
{
    fd_set set;
    FD_ZERO(&set);
    ok(set.fd_count == 0, "fd_count %u after FD_ZERO", set.fd_count);
    FD_SET((SOCKET)1000, &set);
    FD_SET((SOCKET)7, &set);
    FD_SET((SOCKET)1000, &set);
    ok(set.fd_count == 2, "fd_count %u, want 2 (no duplicates)", set.fd_count);
    ok(set.fd_array[0] == 1000 && set.fd_array[1] == 7, "fd_array %lu %lu", (unsigned long)set.fd_array[0],
       (unsigned long)set.fd_array[1]);
    FD_CLR((SOCKET)1000, &set);
    ok(set.fd_count == 1 && set.fd_array[0] == 7, "after FD_CLR: count %u first %lu", set.fd_count,
       (unsigned long)set.fd_array[0]);
}

/* WSAStartup writes WSADATA at Windows' offsets: fill it with a pattern and
 * see which bytes it wrote. */
WT_CASE(wsadata_layout)
{
    WSADATA d;
    memset(&d, 0xcc, sizeof d);
    ok(WSAStartup(MAKEWORD(2, 2), &d) == 0, "nested WSAStartup failed");
    ok(d.wVersion == 0x0202, "wVersion 0x%04x", d.wVersion);
    ok(d.wHighVersion == 0x0202, "wHighVersion 0x%04x", d.wHighVersion);
    ok(memchr(d.szDescription, 0, sizeof d.szDescription) != NULL, "szDescription not terminated");
    ok(memchr(d.szSystemStatus, 0, sizeof d.szSystemStatus) != NULL, "szSystemStatus not terminated");
    ok(d.szDescription[0] != (char)0xcc, "szDescription not written");
    WSACleanup();
}

WT_MAIN(consts_match_windows, wsa_errors_match_windows, sockaddr_in_bytes, sockaddr_in6_bytes, fd_set_is_an_array,
        wsadata_layout)
