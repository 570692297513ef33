/* ioctlsocket / WSAIoctl (Wine sock.c test_fionbio, test_fionread_siocatmark,
 * test_keepalive_vals, test_unsupported_ioctls; ioctlsocket documentation). */
#include "wstest.h"
#include <mstcpip.h>
#include <mswsock.h>

#ifndef SIO_UDP_CONNRESET /* older MinGW headers */
#define SIO_UDP_CONNRESET _WSAIOW(IOC_VENDOR, 12)
#endif

#define BYTES_SENTINEL 0xdeadbeef

WT_CASE(fionbio_bad_pointer)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    expect_fail(ioctlsocket(s, FIONBIO, (u_long *)1), WSAEFAULT);
    expect_fail(ioctlsocket(s, FIONBIO, NULL), WSAEFAULT);
    closesocket(s);
}

WT_CASE(fionbio_makes_recv_nonblocking)
{
    SOCKET c, s;
    u_long one = 1, zero = 0;
    char b;
    wt_tcp_pair(&c, &s);
    expect_ok(ioctlsocket(s, FIONBIO, &one));
    expect_fail(recv(s, &b, 1, 0), WSAEWOULDBLOCK);
    expect_ok(ioctlsocket(s, FIONBIO, &zero));
    send(c, "x", 1, 0);
    expect_wsa(recv(s, &b, 1, 0), 1, 0);
    closesocket(c);
    closesocket(s);
}

WT_CASE(wsaioctl_fionbio_lengths)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ULONG one = 1; /* WSAIoctl's FIONBIO input is 4 bytes (a Windows u_long) */
    DWORD bytes = BYTES_SENTINEL;
    expect_fail(WSAIoctl(s, FIONBIO, &one, sizeof one, NULL, 0, NULL, NULL, NULL), WSAEFAULT);
    expect_fail(WSAIoctl(s, FIONBIO, &one, sizeof one - 1, NULL, 0, &bytes, NULL, NULL), WSAEFAULT);
    char in[5] = {1};
    bytes = BYTES_SENTINEL;
    expect_ok(WSAIoctl(s, FIONBIO, in, sizeof in, NULL, 0, &bytes, NULL, NULL));
    ok(bytes == 0, "bytes %#x", (unsigned)bytes);
    /* The output buffer is ignored, even when it is not memory at all. */
    bytes = BYTES_SENTINEL;
    expect_ok(WSAIoctl(s, FIONBIO, &one, sizeof one, (void *)1, 64, &bytes, NULL, NULL));
    ok(bytes == 0, "bytes %#x", (unsigned)bytes);
    closesocket(s);
}

WT_CASE(fionread_siocatmark_bad_pointers)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    u_long v;
    DWORD bytes = BYTES_SENTINEL;
    expect_fail(ioctlsocket(s, FIONREAD, (u_long *)1), WSAEFAULT);
    expect_fail(ioctlsocket(s, SIOCATMARK, (u_long *)1), WSAEFAULT);
    expect_fail(WSAIoctl(s, FIONREAD, NULL, 0, &v, sizeof v, NULL, NULL, NULL), WSAEFAULT);
    expect_fail(WSAIoctl(s, SIOCATMARK, NULL, 0, &v, sizeof v, NULL, NULL, NULL), WSAEFAULT);
    expect_fail(WSAIoctl(s, FIONREAD, NULL, 0, &v, sizeof(int) - 1, &bytes, NULL, NULL), WSAEFAULT);
    ok(bytes == BYTES_SENTINEL, "bytes touched: %#x", (unsigned)bytes);
    expect_fail(WSAIoctl(s, SIOCATMARK, NULL, 0, &v, sizeof(int) - 1, &bytes, NULL, NULL), WSAEFAULT);
    ok(bytes == BYTES_SENTINEL, "bytes touched: %#x", (unsigned)bytes);
    closesocket(s);
}

WT_CASE(fresh_socket_has_nothing_to_read)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    u_long v = 0xdead;
    DWORD bytes = BYTES_SENTINEL;
    expect_ok(ioctlsocket(s, FIONREAD, &v));
    ok(v == 0, "FIONREAD %lu", (unsigned long)v);
    expect_ok(ioctlsocket(s, SIOCATMARK, &v));
    ok(v == TRUE, "SIOCATMARK %lu", (unsigned long)v);
    v = 0xdead;
    expect_ok(WSAIoctl(s, FIONREAD, NULL, 0, &v, sizeof v, &bytes, NULL, NULL));
    ok(v == 0 && bytes == sizeof(int), "FIONREAD %lu, bytes %u", (unsigned long)v, (unsigned)bytes);
    bytes = BYTES_SENTINEL;
    expect_ok(WSAIoctl(s, SIOCATMARK, NULL, 0, &v, sizeof v, &bytes, NULL, NULL));
    ok(v == TRUE && bytes == sizeof(int), "SIOCATMARK %lu, bytes %u", (unsigned long)v, (unsigned)bytes);
    closesocket(s);
}

static u_long wait_fionread(SOCKET s, u_long want)
{
    u_long v = 0;
    for (int i = 0; i < 200; i++) {
        ioctlsocket(s, FIONREAD, &v);
        if (v >= want)
            break;
        Sleep(5);
    }
    return v;
}

WT_CASE(oob_byte_is_not_counted_and_clears_atmark)
{
    SOCKET c, s;
    u_long v;
    char buf[16];
    wt_tcp_pair(&c, &s);
    send(c, "hello", 5, 0);
    send(c, "!", 1, MSG_OOB);
    Sleep(50);
    ok(wait_fionread(s, 5) == 5, "FIONREAD with OOB pending");
    v = 0xdead;
    expect_ok(ioctlsocket(s, FIONREAD, &v));
    ok(v == 5, "FIONREAD %lu", (unsigned long)v);
    expect_ok(ioctlsocket(s, SIOCATMARK, &v));
    ok(v == FALSE, "SIOCATMARK %lu with OOB pending", (unsigned long)v);
    expect_wsa(recv(s, buf, sizeof buf, 0), 5, 0);
    expect_wsa(recv(s, buf, sizeof buf, MSG_OOB), 1, 0);
    ok(buf[0] == '!', "OOB byte %c", buf[0]);
    expect_ok(ioctlsocket(s, FIONREAD, &v));
    ok(v == 0, "FIONREAD %lu after reading", (unsigned long)v);
    expect_ok(ioctlsocket(s, SIOCATMARK, &v));
    ok(v == TRUE, "SIOCATMARK %lu after reading", (unsigned long)v);
    closesocket(c);
    closesocket(s);
}

WT_CASE(fionread_counts_stream_bytes)
{
    SOCKET c, s;
    wt_tcp_pair(&c, &s);
    send(c, "0123456789", 10, 0);
    ok(wait_fionread(s, 10) == 10, "FIONREAD");
    closesocket(c);
    closesocket(s);
}

WT_CASE(keepalive_vals)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct tcp_keepalive kv = {1, 1500, 250};
    DWORD bytes = BYTES_SENTINEL;
    expect_fail(WSAIoctl(s, SIO_KEEPALIVE_VALS, &kv, 0, NULL, 0, &bytes, NULL, NULL), WSAEFAULT);
    ok(bytes == 0, "bytes %#x", (unsigned)bytes);
    bytes = BYTES_SENTINEL;
    expect_fail(WSAIoctl(s, SIO_KEEPALIVE_VALS, NULL, sizeof kv, NULL, 0, &bytes, NULL, NULL), WSAEFAULT);
    ok(bytes == 0, "bytes %#x", (unsigned)bytes);
    expect_fail(WSAIoctl(s, SIO_KEEPALIVE_VALS, &kv, sizeof kv, NULL, 0, NULL, NULL, NULL), WSAEFAULT);
    bytes = BYTES_SENTINEL;
    expect_ok(WSAIoctl(s, SIO_KEEPALIVE_VALS, &kv, sizeof kv, NULL, 0, &bytes, NULL, NULL));
    ok(bytes == 0, "bytes %#x", (unsigned)bytes);
    int v = 0, len = sizeof v;
    expect_ok(getsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)&v, &len));
    ok((v & 0xff) == 1, "SO_KEEPALIVE %d", v);
    kv.onoff = 0;
    kv.keepalivetime = kv.keepaliveinterval = 0;
    expect_ok(WSAIoctl(s, SIO_KEEPALIVE_VALS, &kv, sizeof kv, NULL, 0, &bytes, NULL, NULL));
    kv.onoff = 1;
    expect_ok(WSAIoctl(s, SIO_KEEPALIVE_VALS, &kv, sizeof kv, NULL, 0, &bytes, NULL, NULL));
    closesocket(s);
}

WT_CASE(unsupported_codes)
{
    static const DWORD codes[] = {0xdeadbeef, FIOASYNC, 0x667e, SIO_FLUSH};
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSAOVERLAPPED ov;
    for (unsigned i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        DWORD bytes = BYTES_SENTINEL;
        expect_fail(WSAIoctl(s, codes[i], NULL, 0, NULL, 0, &bytes, NULL, NULL), WSAEOPNOTSUPP);
        ok(bytes == 0, "code %#x: bytes %#x", (unsigned)codes[i], (unsigned)bytes);
        memset(&ov, 0, sizeof ov);
        expect_fail(WSAIoctl(s, codes[i], NULL, 0, NULL, 0, NULL, &ov, NULL), WSAEFAULT);
    }
    closesocket(s);
}

WT_CASE(udp_connreset)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    BOOL f = FALSE, t = TRUE;
    DWORD bytes = BYTES_SENTINEL;
    expect_ok(WSAIoctl(s, SIO_UDP_CONNRESET, &f, sizeof f, NULL, 0, &bytes, NULL, NULL));
    ok(bytes == 0, "bytes %#x", (unsigned)bytes);
    expect_ok(WSAIoctl(s, SIO_UDP_CONNRESET, &t, sizeof t, NULL, 0, &bytes, NULL, NULL));
    expect_fail(WSAIoctl(s, SIO_UDP_CONNRESET, &t, 1, NULL, 0, &bytes, NULL, NULL), WSAEFAULT);
    closesocket(s);
}

WT_CASE(ioctlsocket_unknown_command)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    u_long v = 0;
    /* "The cmd parameter is not a valid command" (ioctlsocket docs). */
    expect_fail(ioctlsocket(s, (LONG)0x8004ffffu, &v), WSAEINVAL);
    closesocket(s);
}

WT_CASE(closed_socket)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    u_long v = 1;
    DWORD bytes;
    closesocket(s);
    expect_fail(ioctlsocket(s, FIONBIO, &v), WSAENOTSOCK);
    expect_fail(WSAIoctl(s, FIONBIO, &v, sizeof v, NULL, 0, &bytes, NULL, NULL), WSAENOTSOCK);
}

WT_MAIN(fionbio_bad_pointer, fionbio_makes_recv_nonblocking, wsaioctl_fionbio_lengths, fionread_siocatmark_bad_pointers,
        fresh_socket_has_nothing_to_read, oob_byte_is_not_counted_and_clears_atmark, fionread_counts_stream_bytes,
        keepalive_vals, unsupported_codes, udp_connreset, ioctlsocket_unknown_command, closed_socket)
