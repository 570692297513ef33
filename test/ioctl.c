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

/* A completion routine for the overlapped forms: how often, with what. */
static unsigned apc_count;
static DWORD apc_error, apc_size;
static WSAOVERLAPPED *apc_ov;
static void CALLBACK ioctl_apc(DWORD error, DWORD size, WSAOVERLAPPED *ov, DWORD flags)
{
    (void)flags;
    apc_count++;
    apc_error = error;
    apc_size = size;
    apc_ov = ov;
}
static void apc_reset(void)
{
    apc_count = 0;
    apc_error = apc_size = BYTES_SENTINEL;
    apc_ov = NULL;
}
static void expect_one_apc(DWORD sleep_ms, DWORD error, DWORD size, WSAOVERLAPPED *ov)
{
    DWORD r = SleepEx(sleep_ms, TRUE);
    ok(r == WAIT_IO_COMPLETION, "SleepEx returned %lu", (unsigned long)r);
    ok(apc_count == 1 && apc_error == error && apc_size == size && apc_ov == ov,
       "routine ran %u times, error %s (want %s), size %lu (want %lu)", apc_count, wt_name((int)apc_error),
       wt_name((int)error), (unsigned long)apc_size, (unsigned long)size);
}

/* The codes Windows answers at once also complete an OVERLAPPED given to
 * them: 0 bytes, status 0, the event signalled or the routine queued
 * (sock.c test_fionread_siocatmark, test_fionbio, test_keepalive_vals). */
WT_CASE(at_once_codes_complete_overlapped)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSAOVERLAPPED ov;
    DWORD bytes, value;
    u_long one = 1;
    struct tcp_keepalive ka = {0, 0, 0};
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    bytes = BYTES_SENTINEL;
    value = BYTES_SENTINEL;
    ov.Internal = ov.InternalHigh = 0xdeadbeef;
    expect_ok(WSAIoctl(s, FIONREAD, NULL, 0, &value, sizeof value, &bytes, &ov, NULL));
    ok(value == 0 && bytes == sizeof value, "value %lu bytes %lu", (unsigned long)value, (unsigned long)bytes);
    ok(ov.Internal == 0 && ov.InternalHigh == 0, "Internal %#lx InternalHigh %lu", (unsigned long)ov.Internal,
       (unsigned long)ov.InternalHigh);
    ok(WaitForSingleObject(ov.hEvent, 0) == WAIT_OBJECT_0, "event signalled");
    ResetEvent(ov.hEvent);
    bytes = BYTES_SENTINEL;
    expect_ok(WSAIoctl(s, SIOCATMARK, NULL, 0, &value, sizeof value, &bytes, &ov, NULL));
    ok(value == TRUE && bytes == sizeof value, "value %lu bytes %lu", (unsigned long)value, (unsigned long)bytes);
    ok(WaitForSingleObject(ov.hEvent, 0) == WAIT_OBJECT_0, "event signalled");

    /* With a completion routine: queued, run by the next alertable wait. */
    apc_reset();
    bytes = BYTES_SENTINEL;
    expect_ok(WSAIoctl(s, FIONREAD, NULL, 0, &value, sizeof value, &bytes, &ov, ioctl_apc));
    ok(bytes == sizeof value && apc_count == 0, "bytes %lu, routine ran early", (unsigned long)bytes);
    expect_one_apc(0, 0, 0, &ov);
    apc_reset();
    bytes = BYTES_SENTINEL;
    expect_ok(WSAIoctl(s, FIONBIO, &one, sizeof one, NULL, 0, &bytes, &ov, ioctl_apc));
    ok(bytes == 0, "bytes %lu", (unsigned long)bytes);
    expect_one_apc(0, 0, 0, &ov);
    apc_reset();
    bytes = BYTES_SENTINEL;
    expect_ok(WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, sizeof ka, NULL, 0, &bytes, &ov, ioctl_apc));
    ok(bytes == 0, "bytes %lu", (unsigned long)bytes);
    expect_one_apc(0, 0, 0, &ov);

    /* A failure is the caller's only: OVERLAPPED untouched, nothing queued. */
    apc_reset();
    bytes = BYTES_SENTINEL;
    ov.Internal = ov.InternalHigh = 0xdeadbeef;
    expect_fail(WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, sizeof ka - 1, NULL, 0, &bytes, &ov, ioctl_apc), WSAEFAULT);
    ok(bytes == BYTES_SENTINEL && ov.InternalHigh == 0xdeadbeef, "bytes %#lx InternalHigh %#lx",
       (unsigned long)bytes, (unsigned long)ov.InternalHigh);
    ok(SleepEx(0, TRUE) == 0 && apc_count == 0, "no routine after a failure");
    expect_fail(WSAIoctl(s, FIONREAD, NULL, 0, &value, sizeof value, NULL, &ov, ioctl_apc), WSAEFAULT);
    CloseHandle(ov.hEvent);
    closesocket(s);
}

/* Codes Windows does not know pend with an OVERLAPPED, then complete with
 * STATUS_NOT_SUPPORTED (routine: WSAEOPNOTSUPP); *bytes is left alone
 * (sock.c test_unsupported_ioctls). */
WT_CASE(unsupported_codes_pend_with_overlapped)
{
    static const DWORD codes[] = {0xdeadbeef, FIOASYNC, 0x667e, SIO_FLUSH};
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    for (unsigned i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        DWORD bytes = BYTES_SENTINEL, got = 0, flags = 0;
        ResetEvent(ov.hEvent);
        ov.Internal = ov.InternalHigh = 0xdeadbeef;
        expect_fail(WSAIoctl(s, codes[i], NULL, 0, NULL, 0, &bytes, &ov, NULL), WSA_IO_PENDING);
        ok(bytes == BYTES_SENTINEL, "code %#lx: bytes %#lx", (unsigned long)codes[i], (unsigned long)bytes);
        ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0, "code %#lx: completed", (unsigned long)codes[i]);
        ok(ov.Internal == 0xC00000BB /* STATUS_NOT_SUPPORTED */ && ov.InternalHigh == 0, "Internal %#lx InternalHigh %lu",
           (unsigned long)ov.Internal, (unsigned long)ov.InternalHigh);
        SetLastError(0xdeadbeef);
        ok(!GetOverlappedResult((HANDLE)s, &ov, &got, FALSE) && GetLastError() == ERROR_NOT_SUPPORTED,
           "GetOverlappedResult error %lu", (unsigned long)GetLastError());
        expect_wsa(WSAGetOverlappedResult(s, &ov, &got, FALSE, &flags), FALSE, WSAEOPNOTSUPP);
        apc_reset();
        bytes = BYTES_SENTINEL;
        expect_fail(WSAIoctl(s, codes[i], NULL, 0, NULL, 0, &bytes, &ov, ioctl_apc), WSA_IO_PENDING);
        ok(bytes == BYTES_SENTINEL, "bytes %#lx", (unsigned long)bytes);
        expect_one_apc(0, WSAEOPNOTSUPP, 0, &ov);
    }
    CloseHandle(ov.hEvent);
    closesocket(s);
}

/* SIO_ADDRESS_LIST_QUERY: the machine's addresses of the socket's family,
 * as a SOCKET_ADDRESS_LIST whose entries point at Windows sockaddrs in the
 * same buffer; the loopback interface's are left out (SIO_ADDRESS_LIST_QUERY
 * docs); each can be bound.  The size protocol of sock.c
 * test_address_list_query. */
static void address_list_for(int family)
{
    char buffer[4096];
    SOCKET_ADDRESS_LIST *list = (SOCKET_ADDRESS_LIST *)buffer;
    SOCKET s = socket(family, SOCK_STREAM, IPPROTO_TCP);
    DWORD need = 0, bytes;
    const DWORD head = (DWORD)offsetof(SOCKET_ADDRESS_LIST, Address);
    expect_fail(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, NULL, 0, &need, NULL, NULL), WSAEFAULT);
    ok(need >= head && need <= sizeof buffer, "needed %lu", (unsigned long)need);
    bytes = 0;
    expect_ok(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, sizeof buffer, &bytes, NULL, NULL));
    ok(bytes == need, "bytes %lu, needed %lu", (unsigned long)bytes, (unsigned long)need);
    DWORD sum = (DWORD)offsetof(SOCKET_ADDRESS_LIST, Address[list->iAddressCount]);
    for (int i = 0; i < list->iAddressCount; i++) {
        SOCKET_ADDRESS *a = &list->Address[i];
        const char *p = (const char *)a->lpSockaddr;
        sum += (DWORD)a->iSockaddrLength;
        ok(p >= buffer + sum - a->iSockaddrLength && p + a->iSockaddrLength <= buffer + bytes,
           "entry %d points outside the answer", i);
        ok(a->lpSockaddr->sa_family == family, "entry %d family %u", i, a->lpSockaddr->sa_family);
        if (family == AF_INET) {
            const struct sockaddr_in *in = (const struct sockaddr_in *)a->lpSockaddr;
            ok(a->iSockaddrLength == sizeof(struct sockaddr_in), "length %d", a->iSockaddrLength);
            ok(in->sin_addr.S_un.S_un_b.s_b1 != 127 && in->sin_port == 0, "entry %d: %s", i, inet_ntoa(in->sin_addr));
        } else {
            const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)a->lpSockaddr;
            ok(a->iSockaddrLength == sizeof(struct sockaddr_in6), "length %d", a->iSockaddrLength);
            ok(!IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr), "entry %d is ::1", i);
        }
        SOCKET b = socket(family, SOCK_STREAM, IPPROTO_TCP);
        expect_ok(bind(b, a->lpSockaddr, a->iSockaddrLength));
        closesocket(b);
    }
    ok(sum == bytes, "size %lu, the entries add up to %lu", (unsigned long)bytes, (unsigned long)sum);

    expect_fail(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, sizeof buffer, NULL, NULL, NULL), WSAEFAULT);
    bytes = BYTES_SENTINEL;
    expect_fail(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, NULL, sizeof buffer, &bytes, NULL, NULL), WSAEFAULT);
    ok(bytes == need, "NULL buffer: bytes %lu", (unsigned long)bytes);
    bytes = BYTES_SENTINEL;
    expect_fail(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, 0, &bytes, NULL, NULL), WSAEFAULT);
    ok(bytes == need, "no room: bytes %lu", (unsigned long)bytes);
    bytes = BYTES_SENTINEL;
    expect_fail(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, 1, &bytes, NULL, NULL), WSAEINVAL);
    ok(bytes == 0, "one byte: bytes %lu", (unsigned long)bytes);
    memset(buffer, 0xcc, sizeof buffer);
    bytes = BYTES_SENTINEL;
    if (need > head) {
        expect_fail(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, head, &bytes, NULL, NULL), WSAEFAULT);
        ok(bytes == need && list->iAddressCount == (INT)0xcccccccc, "the count alone: bytes %lu, count %#x",
           (unsigned long)bytes, (unsigned)list->iAddressCount);
    } else {
        expect_ok(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, head, &bytes, NULL, NULL));
        ok(bytes == head && list->iAddressCount == 0, "empty list: bytes %lu", (unsigned long)bytes);
    }
    closesocket(s);
}

WT_CASE(address_list_query)
{
    address_list_for(AF_INET);
    address_list_for(AF_INET6);
}

/* SIO_ADDRESS_LIST_SORT: SOCKADDR_IN6 destinations (IPv4 ones mapped),
 * best first by the default prefix policy (Using SIO_ADDRESS_LIST_SORT,
 * RFC 3484): ::1 (precedence 50) before ::ffff:127.0.0.1 (35) before a
 * 6to4 address (30); sorted in the buffer it was given, the entries still
 * pointing at the caller's sockaddrs. */
WT_CASE(address_list_sort)
{
    SOCKADDR_IN6 addr[3];
    memset(addr, 0, sizeof addr);
    for (int i = 0; i < 3; i++)
        addr[i].sin6_family = AF_INET6;
    addr[0].sin6_addr.s6_addr[0] = 0x20; /* 2002:7f00:1::1 */
    addr[0].sin6_addr.s6_addr[1] = 0x02;
    addr[0].sin6_addr.s6_addr[2] = 0x7f;
    addr[0].sin6_addr.s6_addr[5] = 1;
    addr[0].sin6_addr.s6_addr[15] = 1;
    addr[1].sin6_addr.s6_addr[10] = addr[1].sin6_addr.s6_addr[11] = 0xff; /* ::ffff:127.0.0.1 */
    addr[1].sin6_addr.s6_addr[12] = 127;
    addr[1].sin6_addr.s6_addr[15] = 1;
    addr[2].sin6_addr.s6_addr[15] = 1; /* ::1 */
    char buffer[offsetof(SOCKET_ADDRESS_LIST, Address) + 3 * sizeof(SOCKET_ADDRESS)];
    SOCKET_ADDRESS_LIST *list = (SOCKET_ADDRESS_LIST *)buffer;
    list->iAddressCount = 3;
    for (int i = 0; i < 3; i++) {
        list->Address[i].lpSockaddr = (LPSOCKADDR)&addr[i];
        list->Address[i].iSockaddrLength = sizeof addr[i];
    }
    SOCKET s = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    ok(s != INVALID_SOCKET, "socket: %d", WSAGetLastError());
    DWORD bytes = BYTES_SENTINEL;
    expect_ok(WSAIoctl(s, SIO_ADDRESS_LIST_SORT, buffer, sizeof buffer, buffer, sizeof buffer, &bytes, NULL, NULL));
    ok(list->iAddressCount == 3, "count %d", list->iAddressCount);
    ok(list->Address[0].lpSockaddr == (LPSOCKADDR)&addr[2] && list->Address[1].lpSockaddr == (LPSOCKADDR)&addr[1] &&
           list->Address[2].lpSockaddr == (LPSOCKADDR)&addr[0],
       "order %d %d %d", (int)((SOCKADDR_IN6 *)list->Address[0].lpSockaddr - addr),
       (int)((SOCKADDR_IN6 *)list->Address[1].lpSockaddr - addr), (int)((SOCKADDR_IN6 *)list->Address[2].lpSockaddr - addr));
    ok(list->Address[0].iSockaddrLength == sizeof addr[0], "length %d", list->Address[0].iSockaddrLength);
    expect_fail(WSAIoctl(s, SIO_ADDRESS_LIST_SORT, NULL, 0, buffer, sizeof buffer, &bytes, NULL, NULL), WSAEFAULT);
    /* An input too short for the count and the entries' start. */
    expect_fail(WSAIoctl(s, SIO_ADDRESS_LIST_SORT, buffer, sizeof(INT), buffer, sizeof buffer, &bytes, NULL, NULL),
                WSAEFAULT);
    closesocket(s);
}

/* With an OVERLAPPED it still answers at once: errors leave the OVERLAPPED
 * alone; success completes it with 0 bytes (sock.c test_address_list_query). */
WT_CASE(address_list_query_overlapped)
{
    char buffer[4096];
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSAOVERLAPPED ov;
    DWORD need = 0, bytes;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    expect_fail(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, NULL, 0, &need, NULL, NULL), WSAEFAULT);
    ov.Internal = ov.InternalHigh = 0xdeadbeef;
    bytes = BYTES_SENTINEL;
    expect_fail(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, 0, &bytes, &ov, NULL), WSAEFAULT);
    ok(bytes == need && ov.Internal == 0xdeadbeef && ov.InternalHigh == 0xdeadbeef, "no room: bytes %lu",
       (unsigned long)bytes);
    bytes = BYTES_SENTINEL;
    expect_fail(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, 1, &bytes, &ov, NULL), WSAEINVAL);
    ok(bytes == 0 && ov.Internal == 0xdeadbeef && ov.InternalHigh == 0xdeadbeef, "one byte: bytes %lu",
       (unsigned long)bytes);
    ok(WaitForSingleObject(ov.hEvent, 0) == WAIT_TIMEOUT, "a failure signals nothing");
    bytes = BYTES_SENTINEL;
    expect_ok(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, sizeof buffer, &bytes, &ov, NULL));
    ok(bytes == need && ov.Internal == 0 && ov.InternalHigh == 0, "bytes %lu Internal %#lx InternalHigh %lu",
       (unsigned long)bytes, (unsigned long)ov.Internal, (unsigned long)ov.InternalHigh);
    ok(WaitForSingleObject(ov.hEvent, 0) == WAIT_OBJECT_0, "event signalled");
    expect_fail(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, sizeof buffer, NULL, &ov, ioctl_apc), WSAEFAULT);
    apc_reset();
    bytes = BYTES_SENTINEL;
    expect_ok(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, sizeof buffer, &bytes, &ov, ioctl_apc));
    ok(bytes == need, "bytes %lu", (unsigned long)bytes);
    expect_one_apc(0, 0, 0, &ov);
    CloseHandle(ov.hEvent);
    closesocket(s);
}

/* SIO_GET_INTERFACE_LIST: an INTERFACE_INFO per IPv4 address, loopback
 * included; broadcast address only with IFF_BROADCAST (sock.c
 * test_get_interface_list).  Only IPv4 sockets ask it (winsock-ioctls). */
WT_CASE(get_interface_list)
{
    char buffer[8192];
    INTERFACE_INFO *info = (INTERFACE_INFO *)buffer;
    SOCKET s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    DWORD size = BYTES_SENTINEL, bytes;
    int loopback = 0;
    ok(sizeof(INTERFACE_INFO) == 76, "sizeof INTERFACE_INFO %u", (unsigned)sizeof(INTERFACE_INFO));
    expect_ok(WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, buffer, sizeof buffer, &size, NULL, NULL));
    ok(size && size != BYTES_SENTINEL && !(size % sizeof(INTERFACE_INFO)), "size %lu", (unsigned long)size);
    for (DWORD i = 0; size != BYTES_SENTINEL && i < size / sizeof(INTERFACE_INFO); i++) {
        const INTERFACE_INFO *e = &info[i];
        ULONG bcast = e->iiFlags & IFF_BROADCAST;
        if (e->iiFlags & IFF_LOOPBACK) {
            loopback++;
            ok(e->iiAddress.AddressIn.sin_addr.S_un.S_un_b.s_b1 == 127, "loopback entry %s",
               inet_ntoa(e->iiAddress.AddressIn.sin_addr));
        }
        ok(e->iiAddress.AddressIn.sin_family == AF_INET && e->iiAddress.AddressIn.sin_addr.s_addr,
           "entry %lu address", (unsigned long)i);
        ok(e->iiNetmask.AddressIn.sin_family == AF_INET && e->iiNetmask.AddressIn.sin_addr.s_addr,
           "entry %lu netmask", (unsigned long)i);
        ok(e->iiBroadcastAddress.AddressIn.sin_family == (bcast ? AF_INET : 0) &&
               !e->iiBroadcastAddress.AddressIn.sin_addr.s_addr == !bcast,
           "entry %lu broadcast (flags %#lx)", (unsigned long)i, (unsigned long)e->iiFlags);
    }
    ok(loopback >= 1, "no loopback entry");
    bytes = BYTES_SENTINEL;
    expect_fail(WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, buffer, sizeof(INTERFACE_INFO) - 1, &bytes, NULL, NULL),
                WSAEFAULT);
    ok(bytes == 0, "short buffer: bytes %lu", (unsigned long)bytes);
    expect_fail(WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, buffer, sizeof buffer, NULL, NULL, NULL), WSAEFAULT);
    closesocket(s);
    s = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    expect_fail(WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, buffer, sizeof buffer, &bytes, NULL, NULL), WSAEINVAL);
    closesocket(s);
}

/* With an OVERLAPPED it pends and completes with the size (or with
 * STATUS_BUFFER_TOO_SMALL: ERROR_INSUFFICIENT_BUFFER, routine WSAEFAULT). */
WT_CASE(get_interface_list_overlapped)
{
    char buffer[8192];
    SOCKET s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    WSAOVERLAPPED ov;
    DWORD size = 0, bytes, got;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    expect_ok(WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, buffer, sizeof buffer, &size, NULL, NULL));
    bytes = BYTES_SENTINEL;
    ov.Internal = ov.InternalHigh = 0xdeadbeef;
    expect_fail(WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, buffer, sizeof buffer, &bytes, &ov, NULL), WSA_IO_PENDING);
    ok(bytes == BYTES_SENTINEL, "bytes %#lx", (unsigned long)bytes);
    ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0, "completed");
    ok(ov.Internal == 0 && ov.InternalHigh == size, "Internal %#lx InternalHigh %lu (size %lu)",
       (unsigned long)ov.Internal, (unsigned long)ov.InternalHigh, (unsigned long)size);
    got = 0;
    ok(GetOverlappedResult((HANDLE)s, &ov, &got, FALSE) && got == size, "GetOverlappedResult: %lu bytes",
       (unsigned long)got);

    ResetEvent(ov.hEvent);
    bytes = BYTES_SENTINEL;
    ov.Internal = ov.InternalHigh = 0xdeadbeef;
    expect_fail(WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, buffer, sizeof(INTERFACE_INFO) - 1, &bytes, &ov, NULL),
                WSA_IO_PENDING);
    ok(bytes == BYTES_SENTINEL, "bytes %#lx", (unsigned long)bytes);
    ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0, "completed");
    ok(ov.Internal == 0xC0000023 /* STATUS_BUFFER_TOO_SMALL */ && ov.InternalHigh == 0, "Internal %#lx InternalHigh %lu",
       (unsigned long)ov.Internal, (unsigned long)ov.InternalHigh);
    SetLastError(0xdeadbeef);
    ok(!GetOverlappedResult((HANDLE)s, &ov, &got, FALSE) && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
       "GetOverlappedResult error %lu", (unsigned long)GetLastError());

    apc_reset();
    bytes = BYTES_SENTINEL;
    expect_fail(WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, buffer, sizeof(INTERFACE_INFO) - 1, &bytes, &ov, ioctl_apc),
                WSA_IO_PENDING);
    ok(bytes == BYTES_SENTINEL, "bytes %#lx", (unsigned long)bytes);
    expect_one_apc(100, WSAEFAULT, 0, &ov);
    CloseHandle(ov.hEvent);
    closesocket(s);
}

/* The completions reach the socket's port: a packet of 0 bytes for the
 * at-once codes, the result for the pending ones, none for a failure the
 * caller was told of (sock.c test_fionread_siocatmark, test_fionbio,
 * test_keepalive_vals, test_unsupported_ioctls, test_address_list_query,
 * test_get_interface_list). */
static void expect_packet(HANDLE port, BOOL want_ok, DWORD want_err, DWORD want_size, WSAOVERLAPPED *want_ov)
{
    DWORD size = BYTES_SENTINEL;
    ULONG_PTR key = 0;
    OVERLAPPED *got = NULL;
    SetLastError(0xdeadbeef);
    BOOL r = GetQueuedCompletionStatus(port, &size, &key, &got, 1000);
    DWORD e = GetLastError();
    ok(r == want_ok && (want_ok || e == want_err) && size == want_size && key == 123 && got == want_ov,
       "packet: ret %d error %lu size %lu key %lu", r, (unsigned long)e, (unsigned long)size, (unsigned long)key);
}
static void expect_no_packet(HANDLE port)
{
    DWORD size;
    ULONG_PTR key;
    OVERLAPPED *got;
    SetLastError(0xdeadbeef);
    ok(!GetQueuedCompletionStatus(port, &size, &key, &got, 0) && GetLastError() == WAIT_TIMEOUT, "no packet (%lu)",
       (unsigned long)GetLastError());
}
WT_CASE(ioctl_completions_reach_the_port)
{
    char buffer[8192];
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    HANDLE port = CreateIoCompletionPort((HANDLE)s, NULL, 123, 0);
    WSAOVERLAPPED ov;
    DWORD bytes, value, size = 0;
    struct tcp_keepalive ka = {0, 0, 0};
    memset(&ov, 0, sizeof ov);
    ok(port != NULL, "CreateIoCompletionPort");
    expect_ok(WSAIoctl(s, FIONREAD, NULL, 0, &value, sizeof value, &bytes, &ov, NULL));
    expect_packet(port, TRUE, 0, 0, &ov);
    expect_ok(WSAIoctl(s, SIOCATMARK, NULL, 0, &value, sizeof value, &bytes, &ov, NULL));
    expect_packet(port, TRUE, 0, 0, &ov);
    expect_ok(WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, sizeof ka, NULL, 0, &bytes, &ov, NULL));
    expect_packet(port, TRUE, 0, 0, &ov);
    expect_ok(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, sizeof buffer, &bytes, &ov, NULL));
    expect_packet(port, TRUE, 0, 0, &ov);
    expect_no_packet(port);
    expect_fail(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, 0, &bytes, &ov, NULL), WSAEFAULT);
    expect_fail(WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, sizeof ka - 1, NULL, 0, &bytes, &ov, NULL), WSAEFAULT);
    expect_no_packet(port);
    expect_fail(WSAIoctl(s, 0xdeadbeef, NULL, 0, NULL, 0, &bytes, &ov, NULL), WSA_IO_PENDING);
    expect_packet(port, FALSE, ERROR_NOT_SUPPORTED, 0, &ov);
    expect_ok(WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, buffer, sizeof buffer, &size, NULL, NULL));
    expect_fail(WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, buffer, sizeof buffer, &bytes, &ov, NULL), WSA_IO_PENDING);
    expect_packet(port, TRUE, 0, size, &ov);
    expect_fail(WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, buffer, sizeof(INTERFACE_INFO) - 1, &bytes, &ov, NULL),
                WSA_IO_PENDING);
    expect_packet(port, FALSE, ERROR_INSUFFICIENT_BUFFER, 0, &ov);
    expect_no_packet(port);
    closesocket(s);
    CloseHandle(port);
}

/* SIO_BASE_HANDLE answers the socket itself, sizeof(SOCKET) bytes; with an
 * OVERLAPPED Windows treats it as an unknown code: WSA_IO_PENDING, then
 * ERROR_NOT_SUPPORTED in the completion, the output untouched (sock.c
 * test_base_handle, both families, stream and datagram). */
WT_CASE(base_handle)
{
    static const int kinds[][3] = {{AF_INET, SOCK_STREAM, IPPROTO_TCP},
                                   {AF_INET, SOCK_DGRAM, IPPROTO_UDP},
                                   {AF_INET6, SOCK_STREAM, IPPROTO_TCP},
                                   {AF_INET6, SOCK_DGRAM, IPPROTO_UDP}};
    for (unsigned i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        SOCKET s = socket(kinds[i][0], kinds[i][1], kinds[i][2]), base;
        HANDLE port = CreateIoCompletionPort((HANDLE)s, NULL, 123, 0);
        WSAOVERLAPPED ov;
        DWORD bytes = BYTES_SENTINEL;
        memset(&ov, 0, sizeof ov);
        expect_fail(WSAIoctl(s, SIO_BASE_HANDLE, NULL, 0, &base, sizeof base, NULL, &ov, NULL), WSAEFAULT);
        base = (SOCKET)0xdeadbeef;
        expect_ok(WSAIoctl(s, SIO_BASE_HANDLE, NULL, 0, &base, sizeof base, &bytes, NULL, NULL));
        ok(bytes == sizeof base && base == s, "kind %u: bytes %lu, base %#lx", i, (unsigned long)bytes,
           (unsigned long)base);
        bytes = BYTES_SENTINEL;
        base = (SOCKET)0xdeadbeef;
        ov.Internal = ov.InternalHigh = 0xdeadbeef;
        expect_fail(WSAIoctl(s, SIO_BASE_HANDLE, NULL, 0, &base, sizeof base, &bytes, &ov, NULL), WSA_IO_PENDING);
        ok(bytes == BYTES_SENTINEL, "bytes %#lx", (unsigned long)bytes);
        expect_packet(port, FALSE, ERROR_NOT_SUPPORTED, 0, &ov);
        ok(ov.Internal == 0xC00000BBu && ov.InternalHigh == 0, "Internal %#lx, InternalHigh %lu",
           (unsigned long)ov.Internal, (unsigned long)ov.InternalHigh);
        ok(base == (SOCKET)0xdeadbeef, "base written: %#lx", (unsigned long)base);
        closesocket(s);
        CloseHandle(port);

        s = socket(kinds[i][0], kinds[i][1], kinds[i][2]);
        expect_fail(WSAIoctl(s, SIO_BASE_HANDLE, NULL, 0, &base, sizeof base, NULL, &ov, ioctl_apc), WSAEFAULT);
        apc_reset();
        bytes = BYTES_SENTINEL;
        expect_fail(WSAIoctl(s, SIO_BASE_HANDLE, NULL, 0, &base, sizeof base, &bytes, &ov, ioctl_apc),
                    WSA_IO_PENDING);
        ok(bytes == BYTES_SENTINEL, "bytes %#lx", (unsigned long)bytes);
        expect_one_apc(0, WSAEOPNOTSUPP, 0, &ov);
        closesocket(s);
    }
}

/* The SIO_BSP_HANDLE codes answer the socket too; no buffer, too small a
 * buffer, and SIO_BSP_HANDLE_POLL with an OVERLAPPED are WSAEFAULT
 * (winsock-ioctls). */
WT_CASE(bsp_handles)
{
    static const DWORD codes[] = {SIO_BSP_HANDLE, SIO_BSP_HANDLE_SELECT, SIO_BSP_HANDLE_POLL, SIO_BASE_HANDLE};
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), base;
    WSAOVERLAPPED ov;
    DWORD bytes;
    memset(&ov, 0, sizeof ov);
    for (unsigned i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        base = 0;
        expect_ok(WSAIoctl(s, codes[i], NULL, 0, &base, sizeof base, &bytes, NULL, NULL));
        ok(base == s && bytes == sizeof base, "code %#lx: base %#lx bytes %lu", (unsigned long)codes[i],
           (unsigned long)base, (unsigned long)bytes);
        expect_fail(WSAIoctl(s, codes[i], NULL, 0, NULL, sizeof base, &bytes, NULL, NULL), WSAEFAULT);
        expect_fail(WSAIoctl(s, codes[i], NULL, 0, &base, sizeof base - 1, &bytes, NULL, NULL), WSAEFAULT);
    }
    expect_fail(WSAIoctl(s, SIO_BSP_HANDLE_POLL, NULL, 0, &base, sizeof base, &bytes, &ov, NULL), WSAEFAULT);
    closesocket(s);
}

/* SIO_ENABLE_CIRCULAR_QUEUEING needs no buffers and succeeds on a UDP
 * socket (sock.c test_circular_queueing). */
WT_CASE(circular_queueing)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    DWORD bytes = BYTES_SENTINEL;
    expect_ok(WSAIoctl(s, SIO_ENABLE_CIRCULAR_QUEUEING, NULL, 0, NULL, 0, &bytes, NULL, NULL));
    closesocket(s);
}

/* SIO_IDEAL_SEND_BACKLOG_QUERY: WSAENOTCONN before connect, 0x10000 on a new
 * loopback connection, WSAEOPNOTSUPP on UDP (sock.c test_backlog_query);
 * too small a buffer is
 * WSAEINVAL with 0 bytes (the control code's page). */
WT_CASE(ideal_send_backlog_query)
{
    struct sockaddr_in addr;
    SOCKET l = wt_listener(&addr), s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ULONG backlog = 0;
    DWORD bytes = BYTES_SENTINEL;
    expect_fail(WSAIoctl(s, SIO_IDEAL_SEND_BACKLOG_QUERY, NULL, 0, &backlog, sizeof backlog, &bytes, NULL, NULL),
                WSAENOTCONN);
    expect_ok(connect(s, (struct sockaddr *)&addr, sizeof addr));
    expect_ok(WSAIoctl(s, SIO_IDEAL_SEND_BACKLOG_QUERY, NULL, 0, &backlog, sizeof backlog, &bytes, NULL, NULL));
    ok(backlog == 0x10000 && bytes == sizeof backlog, "backlog %#lx, bytes %lu", (unsigned long)backlog,
       (unsigned long)bytes);
    bytes = BYTES_SENTINEL;
    expect_fail(WSAIoctl(s, SIO_IDEAL_SEND_BACKLOG_QUERY, NULL, 0, &backlog, sizeof backlog - 1, &bytes, NULL, NULL),
                WSAEINVAL);
    ok(bytes == 0, "bytes %#lx", (unsigned long)bytes);
    closesocket(l);
    closesocket(s);
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    expect_fail(WSAIoctl(s, SIO_IDEAL_SEND_BACKLOG_QUERY, NULL, 0, &backlog, sizeof backlog, &bytes, NULL, NULL),
                WSAEOPNOTSUPP);
    closesocket(s);
}

/* SIO_ROUTING_INTERFACE_QUERY (sock.c test_sioRoutingInterfaceQuery): the
 * argument errors in Windows' order, the local address toward 127.0.0.1
 * (sizeof(sockaddr_in) bytes), at once even with an OVERLAPPED (a 0-byte
 * packet, or the routine with 0 bytes). */
WT_CASE(routing_interface_query)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    HANDLE port = CreateIoCompletionPort((HANDLE)s, NULL, 123, 0);
    struct sockaddr_in in, out;
    WSAOVERLAPPED ov;
    DWORD bytes;
    memset(&in, 0, sizeof in);
    memset(&ov, 0, sizeof ov);
    expect_fail(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof in, &out, sizeof out, NULL, NULL, NULL),
                WSAEFAULT);
    bytes = BYTES_SENTINEL;
    expect_fail(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof in - 1, &out, sizeof out, &bytes, NULL, NULL),
                WSAEINVAL);
    expect_fail(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, NULL, sizeof in, &out, sizeof out, &bytes, NULL, NULL),
                WSAEINVAL);
    expect_fail(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof in, &out, sizeof out, &bytes, NULL, NULL),
                WSAEAFNOSUPPORT);
    in.sin_family = AF_INET;
    expect_fail(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof in, &out, sizeof out, &bytes, NULL, NULL),
                WSAEINVAL);
    ok(bytes == BYTES_SENTINEL, "bytes %#lx", (unsigned long)bytes);
    in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    memset(&out, 0xcc, sizeof out);
    expect_ok(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof in, &out, sizeof out, &bytes, NULL, NULL));
    ok(bytes == sizeof out && out.sin_family == AF_INET && out.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
       "bytes %lu family %d address %#lx", (unsigned long)bytes, out.sin_family, (unsigned long)ntohl(out.sin_addr.s_addr));
    bytes = BYTES_SENTINEL;
    expect_fail(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof in, &out, sizeof out - 1, &bytes, NULL, NULL),
                WSAEFAULT);
    ok(bytes == sizeof out, "bytes %#lx", (unsigned long)bytes);
    bytes = BYTES_SENTINEL;
    expect_fail(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof in, NULL, sizeof out, &bytes, NULL, NULL),
                WSAEFAULT);
    ok(bytes == BYTES_SENTINEL, "bytes %#lx", (unsigned long)bytes);
    expect_fail(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof in, &out, sizeof out, NULL, &ov, NULL),
                WSAEFAULT);
    ov.Internal = ov.InternalHigh = 0xdeadbeef;
    expect_ok(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof in, &out, sizeof out, &bytes, &ov, NULL));
    ok(bytes == sizeof out, "bytes %lu", (unsigned long)bytes);
    expect_packet(port, TRUE, 0, 0, &ov);
    ok(ov.Internal == 0 && ov.InternalHigh == 0, "Internal %#lx", (unsigned long)ov.Internal);
    closesocket(s);
    CloseHandle(port);

    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    expect_fail(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof in, &out, sizeof out, NULL, &ov, ioctl_apc),
                WSAEFAULT);
    apc_reset();
    bytes = BYTES_SENTINEL;
    expect_ok(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof in, &out, sizeof out, &bytes, &ov, ioctl_apc));
    ok(bytes == sizeof out, "bytes %lu", (unsigned long)bytes);
    expect_one_apc(0, 0, 0, &ov);
    closesocket(s);

    /* IPv6: ::1 from ::1, sizeof(sockaddr_in6) bytes. */
    struct sockaddr_in6 in6, out6;
    s = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    memset(&in6, 0, sizeof in6);
    in6.sin6_family = AF_INET6;
    in6.sin6_addr.s6_addr[15] = 1;
    expect_ok(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in6, sizeof in6, &out6, sizeof out6, &bytes, NULL, NULL));
    ok(bytes == sizeof out6 && out6.sin6_family == AF_INET6 && !memcmp(&out6.sin6_addr, &in6.sin6_addr, 16),
       "IPv6: bytes %lu family %d", (unsigned long)bytes, out6.sin6_family);
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

/* The change notifications without a change (sock.c
 * test_sioAddressListChange; the completions for real changes are in
 * test/netns/netns_addrchange.c): a non-blocking socket without an
 * OVERLAPPED fails WSAEWOULDBLOCK; with one the request pends, blocking or
 * not, and nothing reaches the port until closesocket aborts it. */
static void change_code_without_change(DWORD code)
{
    struct sockaddr_in any = wt_loopback(0);
    any.sin_addr.s_addr = htonl(INADDR_ANY);
    void *in = code == SIO_ROUTING_INTERFACE_CHANGE ? &any : NULL;
    DWORD inlen = in ? sizeof any : 0, n = BYTES_SENTINEL;
    OVERLAPPED ov, *olp;
    ULONG_PTR key;
    for (u_long nb = 0; nb < 2; nb++) {
        SOCKET s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
        memset(&ov, 0, sizeof ov);
        ov.hEvent = CreateEventA(NULL, FALSE, FALSE, NULL);
        wt_nonblocking(s, nb);
        expect_fail(WSAIoctl(s, code, in, inlen, NULL, 0, &n, &ov, NULL), WSA_IO_PENDING);
        ok(WaitForSingleObject(ov.hEvent, 50) == WAIT_TIMEOUT, "%#lx completed without a change", (unsigned long)code);
        closesocket(s);
        ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0 && ov.Internal == 0xC0000120u,
           "closesocket aborts it: %#lx", (unsigned long)ov.Internal);
        CloseHandle(ov.hEvent);
    }
    SOCKET s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    wt_nonblocking(s, 1);
    expect_fail(WSAIoctl(s, code, in, inlen, NULL, 0, &n, NULL, NULL), WSAEWOULDBLOCK);
    HANDLE port = CreateIoCompletionPort((HANDLE)s, NULL, 0, 0);
    ok(port != NULL, "port");
    memset(&ov, 0, sizeof ov);
    expect_fail(WSAIoctl(s, code, in, inlen, NULL, 0, &n, &ov, NULL), WSA_IO_PENDING);
    olp = (OVERLAPPED *)(ULONG_PTR)0xdeadbeef;
    SetLastError(W32_SENTINEL);
    ok(!GetQueuedCompletionStatus(port, &n, &key, &olp, 0) && GetLastError() == WAIT_TIMEOUT && !olp,
       "a packet before closesocket: %lu", (unsigned long)GetLastError());
    closesocket(s);
    olp = NULL;
    SetLastError(W32_SENTINEL);
    ok(!GetQueuedCompletionStatus(port, &n, &key, &olp, 1000) && GetLastError() == ERROR_OPERATION_ABORTED &&
           olp == &ov,
       "closesocket's packet: %lu %p", (unsigned long)GetLastError(), (void *)olp);
    CloseHandle(port);
}

WT_CASE(address_list_change_without_change)
{
    change_code_without_change(SIO_ADDRESS_LIST_CHANGE);
}

WT_CASE(routing_interface_change_without_change)
{
    change_code_without_change(SIO_ROUTING_INTERFACE_CHANGE);
}

/* A blocking call without an OVERLAPPED waits for a change; closesocket
 * from another thread ends it with WSAEINTR, as it ends other blocking
 * calls. */
WT_CASE(address_list_change_blocking_closed)
{
    SOCKET s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    struct wt_later later = {s, 200, 1};
    DWORD n = BYTES_SENTINEL, start = GetTickCount();
    HANDLE t = CreateThread(NULL, 0, wt_later_thread, &later, 0, NULL);
    expect_fail(WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &n, NULL, NULL), WSAEINTR);
    DWORD spent = GetTickCount() - start;
    ok(spent >= 150 && spent < 5000, "returned after %lu ms", (unsigned long)spent);
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
}

WT_MAIN(fionbio_bad_pointer, fionbio_makes_recv_nonblocking, wsaioctl_fionbio_lengths, fionread_siocatmark_bad_pointers,
        fresh_socket_has_nothing_to_read, oob_byte_is_not_counted_and_clears_atmark, fionread_counts_stream_bytes,
        keepalive_vals, unsupported_codes, udp_connreset, ioctlsocket_unknown_command, closed_socket,
        at_once_codes_complete_overlapped, unsupported_codes_pend_with_overlapped, address_list_query,
        address_list_query_overlapped, address_list_sort, get_interface_list, get_interface_list_overlapped,
        ioctl_completions_reach_the_port, base_handle, bsp_handles, circular_queueing, ideal_send_backlog_query,
        routing_interface_query, address_list_change_without_change, routing_interface_change_without_change,
        address_list_change_blocking_closed)
