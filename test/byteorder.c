/* Byte order: htons/htonl/ntohs/ntohl, the WSA forms that take a socket,
 * and in6addr_any / in6addr_loopback. */
#include "wstest.h"

/* htonl swaps 32 bits: u_long is unsigned long, 32 bits on Windows (64
 * here, where the result is zero-extended, as a 32-bit u_long holds it). */
WT_CASE(test_htonl_32bit)
{
    u_long v = htonl(0x12345678);
    const unsigned char *b = (const unsigned char *)&v;
    ok(sizeof(u_long) == sizeof(unsigned long), "sizeof(u_long) = %u", (unsigned)sizeof(u_long));
    ok((v & ~(u_long)0xffffffffu) == 0, "htonl set bits above 32: %#lx", (unsigned long)v);
    ok(b[0] == 0x12 && b[1] == 0x34 && b[2] == 0x56 && b[3] == 0x78, "htonl bytes %02x %02x %02x %02x", b[0], b[1],
       b[2], b[3]);
    ok(ntohl(v) == 0x12345678, "ntohl round trip %#x", (unsigned)ntohl(v));
}

WT_CASE(test_htons)
{
    u_short v = htons(0x1234);
    const unsigned char *b = (const unsigned char *)&v;
    ok(b[0] == 0x12 && b[1] == 0x34, "htons bytes %02x %02x", b[0], b[1]);
    ok(ntohs(v) == 0x1234, "ntohs round trip %#x", ntohs(v));
}

/* Plain byte-order functions never touch the last error. */
WT_CASE(test_htons_keeps_last_error)
{
    WSASetLastError(SENTINEL);
    htons(1);
    htonl(1);
    ntohs(1);
    ntohl(1);
    ok(WSAGetLastError() == SENTINEL, "last error %s", wt_name(WSAGetLastError()));
}

WT_CASE(test_WSAHtonl)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    u_long l = 0;
    u_short h = 0;
    expect_ok(WSAHtonl(s, 0x01020304, &l));
    ok(l == htonl(0x01020304), "WSAHtonl gave %#x", (unsigned)l);
    expect_ok(WSANtohl(s, l, &l));
    ok(l == 0x01020304, "WSANtohl gave %#x", (unsigned)l);
    expect_ok(WSAHtons(s, 0x0102, &h));
    ok(h == htons(0x0102), "WSAHtons gave %#x", h);
    expect_ok(WSANtohs(s, h, &h));
    ok(h == 0x0102, "WSANtohs gave %#x", h);
    closesocket(s);
}

/* WSAHtonl: WSAEFAULT when the out pointer is not valid. */
WT_CASE(test_WSAHtonl_null_out)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    expect_fail(WSAHtonl(s, 1, NULL), WSAEFAULT);
    expect_fail(WSAHtons(s, 1, NULL), WSAEFAULT);
    expect_fail(WSANtohl(s, 1, NULL), WSAEFAULT);
    expect_fail(WSANtohs(s, 1, NULL), WSAEFAULT);
    closesocket(s);
}

/* WSAHtonl: WSAENOTSOCK for a handle that is not a socket, checked before
 * the out pointer. */
WT_CASE(test_WSAHtonl_not_socket)
{
    u_long l;
    u_short h;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    closesocket(s);
    expect_fail(WSAHtonl(s, 1, &l), WSAENOTSOCK);
    expect_fail(WSAHtons(s, 1, &h), WSAENOTSOCK);
    expect_fail(WSANtohl((SOCKET)0xdead, 1, &l), WSAENOTSOCK);
    expect_fail(WSANtohs((SOCKET)0xdead, 1, NULL), WSAENOTSOCK);
}

/* WSAHtonl: WSANOTINITIALISED before WSAStartup. */
WT_CASE(test_WSAHtonl_not_initialised)
{
    WSADATA wsa;
    u_long l;
    u_short h;
    WSACleanup();
    expect_fail(WSAHtonl(0, 1, &l), WSANOTINITIALISED);
    expect_fail(WSANtohs(0, 1, &h), WSANOTINITIALISED);
    WSAStartup(MAKEWORD(2, 2), &wsa);
}

WT_CASE(test_in6addr_constants)
{
    static const unsigned char any[16] = {0};
    static const unsigned char lo[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    ok(sizeof(in6addr_any) == 16, "sizeof(in6addr_any) = %u", (unsigned)sizeof(in6addr_any));
    ok(!memcmp(&in6addr_any, any, 16), "in6addr_any is not ::");
    ok(!memcmp(&in6addr_loopback, lo, 16), "in6addr_loopback is not ::1");
    ok(IN6_IS_ADDR_LOOPBACK(&in6addr_loopback), "IN6_IS_ADDR_LOOPBACK(in6addr_loopback) false");
    ok(IN6_IS_ADDR_UNSPECIFIED(&in6addr_any), "IN6_IS_ADDR_UNSPECIFIED(in6addr_any) false");
}

WT_MAIN(test_htonl_32bit, test_htons, test_htons_keeps_last_error, test_WSAHtonl, test_WSAHtonl_null_out,
        test_WSAHtonl_not_socket, test_WSAHtonl_not_initialised, test_in6addr_constants)
