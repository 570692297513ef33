/* SIO_GET_EXTENSION_FUNCTION_POINTER, overlapped WSAIoctl, AcceptEx,
 * GetAcceptExSockaddrs and SO_UPDATE_ACCEPT_CONTEXT.  Facts from Wine's
 * sock.c test_get_extension_func, test_unsupported_ioctls,
 * test_keepalive_vals, test_base_handle, test_AcceptEx and
 * test_completion_port, and the AcceptEx / GetAcceptExSockaddrs pages. */
#include "wtext.h"
#include <mstcpip.h>

#define ADDR_AREA ((DWORD)sizeof(struct sockaddr_in) + 16)

static LPFN_ACCEPTEX pAcceptEx;
static LPFN_GETACCEPTEXSOCKADDRS pGetAcceptExSockaddrs;

static void load(SOCKET s)
{
    GUID a = WSAID_ACCEPTEX, g = WSAID_GETACCEPTEXSOCKADDRS;
    pAcceptEx = (LPFN_ACCEPTEX)wt_ext(s, a);
    pGetAcceptExSockaddrs = (LPFN_GETACCEPTEXSOCKADDRS)wt_ext(s, g);
}

static SOCKET tcp(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ok(s != INVALID_SOCKET, "socket: %s", wt_name(WSAGetLastError()));
    return s;
}

/* AcceptEx's failure: FALSE, the error, and Internal left STATUS_PENDING. */
#define expect_accept_fail(call, ov, want)                                                                  \
    do {                                                                                                    \
        (ov)->Internal = 0xdeadbeef;                                                                        \
        expect_wsa(call, FALSE, want);                                                                      \
        ok(wt_internal(ov) == STATUS_PENDING_, "Internal %#lx, want STATUS_PENDING", (unsigned long)wt_internal(ov)); \
    } while (0)

WT_CASE(extension_pointers)
{
    static const GUID ids[] = {WSAID_ACCEPTEX,       WSAID_CONNECTEX,       WSAID_DISCONNECTEX,
                               WSAID_GETACCEPTEXSOCKADDRS, WSAID_TRANSMITFILE, WSAID_TRANSMITPACKETS,
                               WSAID_WSARECVMSG,     WSAID_WSASENDMSG};
    GUID bogus = {0xdeadbeef, 0, 0, {0}};
    SOCKET s = tcp();
    void *fn;
    DWORD n;
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        GUID g = ids[i];
        fn = NULL;
        n = 0xdeadbeef;
        expect_ok(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &g, sizeof g, &fn, sizeof fn, &n, NULL, NULL));
        ok(fn != NULL && n == sizeof fn, "GUID %u: %p, size %lu", (unsigned)i, fn, (unsigned long)n);
    }
    GUID a = ids[0];
    n = 0xdeadbeef;
    expect_fail(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &bogus, sizeof bogus, &fn, sizeof fn, &n, NULL, NULL),
                WSAEINVAL);
    ok(n == 0xdeadbeef, "size untouched: %lu", (unsigned long)n);
    expect_fail(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &a, sizeof a - 1, &fn, sizeof fn, &n, NULL, NULL),
                WSAEFAULT);
    expect_fail(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, NULL, sizeof a, &fn, sizeof fn, &n, NULL, NULL),
                WSAEFAULT);
    expect_fail(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &a, sizeof a, &fn, sizeof fn - 1, &n, NULL, NULL),
                WSAEFAULT);
    expect_fail(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &a, sizeof a, &fn, sizeof fn, NULL, NULL, NULL),
                WSAEFAULT);
    expect_fail(WSAIoctl((SOCKET)0xdead, SIO_GET_EXTENSION_FUNCTION_POINTER, &a, sizeof a, &fn, sizeof fn, &n, NULL,
                         NULL),
                WSAENOTSOCK);
    closesocket(s);
}

/* With an OVERLAPPED, the pointer comes back at once and the completion
 * goes to the port (bytes 0) or the routine (sock.c test_get_extension_func). */
WT_CASE(extension_pointer_overlapped)
{
    GUID a = WSAID_ACCEPTEX, bogus = {0xdeadbeef, 0, 0, {0}};
    OVERLAPPED ov;
    void *fn = NULL;
    DWORD n;
    SOCKET s = tcp();
    HANDLE port = CreateIoCompletionPort((HANDLE)s, NULL, 123, 0);
    memset(&ov, 0, sizeof ov);
    expect_fail(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &a, sizeof a, &fn, sizeof fn, NULL, &ov, NULL),
                WSAEFAULT);
    n = 0xdeadbeef;
    ov.Internal = ov.InternalHigh = 0xdeadbeef;
    expect_ok(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &a, sizeof a, &fn, sizeof fn, &n, &ov, NULL));
    ok(n == sizeof fn && fn != NULL, "size %lu", (unsigned long)n);
    struct deq d = dequeue(port, 0);
    ok(d.ret && d.bytes == 0 && d.key == 123 && d.ov == &ov && ov.Internal == 0 && ov.InternalHigh == 0,
       "packet: ret %d bytes %lu key %lu Internal %#lx", d.ret, (unsigned long)d.bytes, (unsigned long)d.key,
       (unsigned long)ov.Internal);
    n = 0xdeadbeef;
    ov.Internal = ov.InternalHigh = 0xdeadbeef;
    expect_fail(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &bogus, sizeof bogus, &fn, sizeof fn, &n, &ov, NULL),
                WSAEINVAL);
    ok(n == 0xdeadbeef && ov.Internal == 0xdeadbeef && ov.InternalHigh == 0xdeadbeef, "nothing touched");
    expect_timeout(port, 0);
    CloseHandle(port);
    closesocket(s);

    s = tcp();
    memset(wt_apc(), 0, sizeof *wt_apc());
    n = 0xdeadbeef;
    expect_ok(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &a, sizeof a, &fn, sizeof fn, &n, &ov, wt_apc_routine));
    ok(n == sizeof fn, "size %lu", (unsigned long)n);
    ok(wt_apc()->count == 0, "not before an alertable wait");
    ok(SleepEx(0, TRUE) == WAIT_IO_COMPLETION, "the routine ran in an alertable wait");
    ok(wt_apc()->count == 1 && wt_apc()->error == 0 && wt_apc()->bytes == 0 && wt_apc()->ov == &ov,
       "routine: %d calls, error %lu, bytes %lu", wt_apc()->count, (unsigned long)wt_apc()->error,
       (unsigned long)wt_apc()->bytes);
    closesocket(s);
}

/* Unknown codes with an OVERLAPPED report pending, then fail through the
 * completion (sock.c test_unsupported_ioctls, test_base_handle). */
WT_CASE(ioctl_overlapped_completions)
{
    OVERLAPPED ov;
    DWORD n;
    struct tcp_keepalive ka = {1, 1000, 1000};
    SOCKET s = tcp(), base;
    HANDLE port = CreateIoCompletionPort((HANDLE)s, NULL, 123, 0);
    memset(&ov, 0, sizeof ov);
    expect_fail(WSAIoctl(s, 0xdeadbeef, NULL, 0, NULL, 0, NULL, &ov, NULL), WSAEFAULT);
    n = 0xdeadbeef;
    expect_fail(WSAIoctl(s, 0xdeadbeef, NULL, 0, NULL, 0, &n, NULL, NULL), WSAEOPNOTSUPP);
    ok(n == 0, "size %lu", (unsigned long)n);
    n = 0xdeadbeef;
    expect_fail(WSAIoctl(s, 0xdeadbeef, NULL, 0, NULL, 0, &n, &ov, NULL), WSA_IO_PENDING);
    ok(n == 0xdeadbeef, "size untouched");
    struct deq d = dequeue(port, 0);
    ok(!d.ret && d.err == ERROR_NOT_SUPPORTED && d.bytes == 0 && d.key == 123 && d.ov == &ov &&
           ov.Internal == STATUS_NOT_SUPPORTED_,
       "failed packet: ret %d err %lu Internal %#lx", d.ret, (unsigned long)d.err, (unsigned long)ov.Internal);
    /* SIO_BASE_HANDLE: the socket itself, but not overlapped. */
    base = 0xdeadbeef;
    expect_ok(WSAIoctl(s, SIO_BASE_HANDLE, NULL, 0, &base, sizeof base, &n, NULL, NULL));
    ok(base == s && n == sizeof base, "base %#lx", (unsigned long)base);
    base = 0xdeadbeef;
    expect_fail(WSAIoctl(s, SIO_BASE_HANDLE, NULL, 0, &base, sizeof base, &n, &ov, NULL), WSA_IO_PENDING);
    d = dequeue(port, 0);
    ok(!d.ret && d.err == ERROR_NOT_SUPPORTED && base == 0xdeadbeef, "base handle overlapped: %lu",
       (unsigned long)d.err);
    /* A code that works completes through the port too (test_keepalive_vals). */
    ov.Internal = ov.InternalHigh = 0xdeadbeef;
    expect_ok(WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, sizeof ka, NULL, 0, &n, &ov, NULL));
    d = dequeue(port, 0);
    ok(d.ret && d.bytes == 0 && d.ov == &ov && ov.Internal == 0 && ov.InternalHigh == 0, "keepalive packet");
    /* A failure within the call leaves it pending, and queues nothing. */
    ov.Internal = 0xdeadbeef;
    expect_fail(WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, sizeof ka - 1, NULL, 0, &n, &ov, NULL), WSAEFAULT);
    ok(wt_internal(&ov) == STATUS_PENDING_, "Internal %#lx", (unsigned long)wt_internal(&ov));
    expect_timeout(port, 0);
    CloseHandle(port);
    closesocket(s);

    s = tcp();
    memset(wt_apc(), 0, sizeof *wt_apc());
    expect_fail(WSAIoctl(s, 0xdeadbeef, NULL, 0, NULL, 0, &n, &ov, wt_apc_routine), WSA_IO_PENDING);
    ok(SleepEx(0, TRUE) == WAIT_IO_COMPLETION, "the routine ran in an alertable wait");
    ok(wt_apc()->count == 1 && wt_apc()->error == WSAEOPNOTSUPP && wt_apc()->bytes == 0 && wt_apc()->ov == &ov,
       "routine: %d calls, error %lu", wt_apc()->count, (unsigned long)wt_apc()->error);
    closesocket(s);
}

/* The change notifications pend until a change (test/netns/netns_addrchange.c)
 * or until cancelled. */
WT_CASE(address_list_change_pends)
{
    OVERLAPPED ov;
    DWORD n;
    SOCKET s = tcp();
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    expect_fail(WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &n, &ov, NULL), WSA_IO_PENDING);
    ok(wt_internal(&ov) == STATUS_PENDING_, "pending");
    ok(WaitForSingleObject(ov.hEvent, 50) == WAIT_TIMEOUT, "no change reported");
    expect_wsa(CancelIoEx((HANDLE)s, &ov), TRUE, W32_SENTINEL);
    ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0 && ov.Internal == STATUS_CANCELLED_,
       "cancelled: %#lx", (unsigned long)ov.Internal);
    wt_nonblocking(s, 1);
    expect_fail(WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &n, NULL, NULL), WSAEWOULDBLOCK);
    ResetEvent(ov.hEvent);
    expect_fail(WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &n, &ov, NULL), WSA_IO_PENDING);
    closesocket(s); /* closing cancels it too */
    ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0 && ov.Internal == STATUS_CANCELLED_,
       "aborted by closesocket: %#lx", (unsigned long)ov.Internal);
    CloseHandle(ov.hEvent);
}

WT_CASE(acceptex_argument_errors)
{
    struct sockaddr_in addr = wt_loopback(0);
    char buf[256];
    OVERLAPPED ov;
    DWORD n;
    SOCKET l = tcp(), a = tcp(), c, d;
    int len = sizeof addr;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, FALSE, FALSE, NULL);
    load(l);
    ok(bind(l, (struct sockaddr *)&addr, sizeof addr) == 0, "bind");
    getsockname(l, (struct sockaddr *)&addr, &len);
    expect_accept_fail(pAcceptEx(INVALID_SOCKET, a, buf, 0, ADDR_AREA, ADDR_AREA, &n, &ov), &ov, WSAENOTSOCK);
    expect_accept_fail(pAcceptEx(l, a, buf, 0, ADDR_AREA, ADDR_AREA, &n, &ov), &ov, WSAEINVAL); /* not listening */
    ok(listen(l, 5) == 0, "listen");
    expect_accept_fail(pAcceptEx(l, INVALID_SOCKET, buf, 0, ADDR_AREA, ADDR_AREA, &n, &ov), &ov, WSAENOTSOCK);
    expect_accept_fail(pAcceptEx(l, a, NULL, 0, ADDR_AREA, ADDR_AREA, &n, &ov), &ov, WSAEFAULT);
    expect_accept_fail(pAcceptEx(l, a, buf, 0, ADDR_AREA, 0, &n, &ov), &ov, WSAEFAULT);
    expect_wsa(pAcceptEx(l, a, buf, 0, ADDR_AREA, ADDR_AREA, &n, NULL), FALSE, ERROR_INVALID_PARAMETER);
    /* The accept socket must be a fresh stream socket. */
    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    expect_accept_fail(pAcceptEx(l, u, buf, 0, ADDR_AREA, ADDR_AREA, &n, &ov), &ov, WSAEINVAL);
    closesocket(u);
    SOCKET b = tcp();
    struct sockaddr_in any = wt_loopback(0);
    ok(bind(b, (struct sockaddr *)&any, sizeof any) == 0, "bind");
    expect_accept_fail(pAcceptEx(l, b, buf, 0, ADDR_AREA, ADDR_AREA, &n, &ov), &ov, WSAEINVAL);
    closesocket(b);
    wt_tcp_pair(&c, &d);
    expect_accept_fail(pAcceptEx(l, c, buf, 0, ADDR_AREA, ADDR_AREA, &n, &ov), &ov, WSAEINVAL);
    expect_accept_fail(pAcceptEx(l, d, buf, 0, ADDR_AREA, ADDR_AREA, &n, &ov), &ov, WSAEINVAL);
    closesocket(c);
    closesocket(d);
    /* Pending; a second AcceptEx into the same socket, and connect on it,
     * are WSAEINVAL. */
    expect_wsa(pAcceptEx(l, a, buf, 0, ADDR_AREA, ADDR_AREA, &n, &ov), FALSE, ERROR_IO_PENDING);
    OVERLAPPED ov2;
    memset(&ov2, 0, sizeof ov2);
    expect_accept_fail(pAcceptEx(l, a, buf, 0, ADDR_AREA, ADDR_AREA, &n, &ov2), &ov2, WSAEINVAL);
    expect_fail(connect(a, (struct sockaddr *)&addr, sizeof addr), WSAEINVAL);
    /* It belongs to the listener: CancelIo on the accept socket leaves it. */
    CancelIo((HANDLE)a);
    ok(WaitForSingleObject(ov.hEvent, 100) == WAIT_TIMEOUT, "still pending");
    expect_wsa(CancelIo((HANDLE)l), TRUE, W32_SENTINEL);
    ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0, "cancelled");
    struct ovres r = wt_result(l, &ov);
    ok(!r.ret && r.err == ERROR_OPERATION_ABORTED, "result %d %lu", r.ret, (unsigned long)r.err);
    CloseHandle(ov.hEvent);
    closesocket(a);
    closesocket(l);
}

static SOCKET listening(struct sockaddr_in *addr)
{
    SOCKET l = wt_listener(addr);
    load(l);
    return l;
}

WT_CASE(acceptex_without_data)
{
    struct sockaddr_in addr, peer, got;
    struct sockaddr_in *local = (struct sockaddr_in *)(ULONG_PTR)0xdeadbeef, *remote = local;
    int llen = 0xdead, rlen = 0xdead, len = sizeof peer;
    char buf[256];
    OVERLAPPED ov;
    DWORD n = 0xdeadbeef;
    SOCKET l = listening(&addr), a = tcp(), c = tcp();
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, FALSE, FALSE, NULL);
    expect_wsa(pAcceptEx(l, a, buf, 0, ADDR_AREA, ADDR_AREA, &n, &ov), FALSE, ERROR_IO_PENDING);
    ok(wt_internal(&ov) == STATUS_PENDING_, "pending");
    ok(connect(c, (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    getsockname(c, (struct sockaddr *)&peer, &len);
    ok(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0, "completed");
    struct ovres r = wt_result(l, &ov);
    ok(r.ret && r.bytes == 0 && ov.Internal == 0, "result %d %lu bytes %lu", r.ret, (unsigned long)r.err,
       (unsigned long)r.bytes);
    pGetAcceptExSockaddrs(buf, 0, ADDR_AREA, ADDR_AREA, (struct sockaddr **)&local, &llen, (struct sockaddr **)&remote,
                          &rlen);
    ok(llen == sizeof(struct sockaddr_in) && local->sin_family == AF_INET && local->sin_port == addr.sin_port &&
           local->sin_addr.s_addr == addr.sin_addr.s_addr,
       "local address: len %d port %u", llen, ntohs(local->sin_port));
    ok(rlen == sizeof(struct sockaddr_in) && remote->sin_port == peer.sin_port &&
           remote->sin_addr.s_addr == peer.sin_addr.s_addr,
       "remote address: len %d port %u", rlen, ntohs(remote->sin_port));
    /* Before SO_UPDATE_ACCEPT_CONTEXT the accepted socket does not know its
     * addresses yet; it sends and receives already. */
    len = sizeof got;
    expect_fail(getpeername(a, (struct sockaddr *)&got, &len), WSAENOTCONN);
    expect_wsa(send(a, "hi", 2, 0), 2, 0);
    ok(recv(c, buf, sizeof buf, 0) == 2, "the client receives");
    expect_fail(setsockopt(a, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&l, sizeof l - 1), WSAEFAULT);
    expect_ok(setsockopt(a, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&l, sizeof l));
    len = sizeof got;
    expect_ok(getsockname(a, (struct sockaddr *)&got, &len));
    ok(len == sizeof got && got.sin_port == addr.sin_port, "getsockname after the update");
    len = sizeof got;
    expect_ok(getpeername(a, (struct sockaddr *)&got, &len));
    ok(got.sin_port == peer.sin_port, "getpeername after the update");
    expect_wsa(send(c, "abc", 3, 0), 3, 0);
    ok(recv(a, buf, sizeof buf, 0) == 3, "the accepted socket receives");
    expect_ok(shutdown(a, SD_SEND));
    ok(recv(c, buf, sizeof buf, 0) == 0, "end of stream");
    CloseHandle(ov.hEvent);
    closesocket(a);
    closesocket(c);
    closesocket(l);
}

/* dwLocalAddressLength 0: no local address, GetAcceptExSockaddrs leaves its
 * outputs; too small a local area fails the completion with
 * STATUS_BUFFER_TOO_SMALL and leaves the connection queued (sock.c
 * test_AcceptEx). */
WT_CASE(acceptex_address_areas)
{
    struct sockaddr_in addr, peer;
    struct sockaddr_in *local = (struct sockaddr_in *)(ULONG_PTR)0xdeadbeef, *remote = local;
    int llen = 0xdead, rlen = 0xdead, len = sizeof peer;
    char buf[256];
    OVERLAPPED ov;
    DWORD n;
    SOCKET l = listening(&addr), a = tcp(), c = tcp();
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, FALSE, FALSE, NULL);
    expect_wsa(pAcceptEx(l, a, buf, 0, 0, ADDR_AREA, &n, &ov), FALSE, ERROR_IO_PENDING);
    ok(connect(c, (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    getsockname(c, (struct sockaddr *)&peer, &len);
    ok(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0, "completed");
    struct ovres r0 = wt_result(l, &ov);
    ok(r0.ret && r0.bytes == 0 && ov.Internal == STATUS_SUCCESS_, "no local area: result %d %lu bytes %lu", r0.ret,
       (unsigned long)r0.err, (unsigned long)r0.bytes);
    pGetAcceptExSockaddrs(buf, 0, 0, ADDR_AREA, (struct sockaddr **)&local, &llen, (struct sockaddr **)&remote, &rlen);
    ok(local == (struct sockaddr_in *)(ULONG_PTR)0xdeadbeef && llen == 0xdead, "local outputs untouched");
    ok(rlen == sizeof(struct sockaddr_in) && !memcmp(remote, &peer, sizeof peer), "remote address");
    closesocket(a);
    closesocket(c);

    a = tcp();
    c = tcp();
    expect_wsa(pAcceptEx(l, a, buf, 0, 3, ADDR_AREA, &n, &ov), FALSE, ERROR_IO_PENDING);
    ok(connect(c, (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    ok(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0, "completed");
    struct ovres r = wt_result(l, &ov);
    ok(!r.ret && r.err == ERROR_INSUFFICIENT_BUFFER && r.bytes == 0 && ov.Internal == STATUS_BUFFER_TOO_SMALL_,
       "too small: %d %lu %#lx", r.ret, (unsigned long)r.err, (unsigned long)ov.Internal);
    closesocket(a);
    SOCKET acc = accept(l, NULL, NULL);
    ok(acc != INVALID_SOCKET, "the connection is still queued: %s", wt_name(WSAGetLastError()));
    closesocket(acc);
    closesocket(c);
    CloseHandle(ov.hEvent);
    closesocket(l);
}

/* With receive data the completion waits for the first data; a client that
 * connects and closes completes it with 0 bytes (sock.c test_AcceptEx). */
WT_CASE(acceptex_with_data)
{
    struct sockaddr_in addr, peer;
    struct sockaddr_in *local, *remote;
    int llen, rlen, len = sizeof peer;
    char buf[256];
    OVERLAPPED ov;
    DWORD n;
    SOCKET l = listening(&addr), a = tcp(), c = tcp();
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, FALSE, FALSE, NULL);
    expect_wsa(pAcceptEx(l, a, buf, 2, ADDR_AREA, ADDR_AREA, &n, &ov), FALSE, ERROR_IO_PENDING);
    ok(connect(c, (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    getsockname(c, (struct sockaddr *)&peer, &len);
    ok(WaitForSingleObject(ov.hEvent, 200) == WAIT_TIMEOUT && wt_internal(&ov) == STATUS_PENDING_,
       "no data yet: still pending");
    /* Meanwhile the listener's next AcceptEx is served. */
    SOCKET a2 = tcp(), c2 = tcp();
    OVERLAPPED ov2;
    char buf2[256];
    memset(&ov2, 0, sizeof ov2);
    ov2.hEvent = CreateEventA(NULL, FALSE, FALSE, NULL);
    expect_wsa(pAcceptEx(l, a2, buf2, 0, ADDR_AREA, ADDR_AREA, &n, &ov2), FALSE, ERROR_IO_PENDING);
    ok(connect(c2, (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    ok(WaitForSingleObject(ov2.hEvent, 2000) == WAIT_OBJECT_0, "the second AcceptEx completed first");
    expect_wsa(send(c, "x", 1, 0), 1, 0);
    ok(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0, "the data completed it");
    struct ovres r = wt_result(l, &ov);
    ok(r.ret && r.bytes == 1 && buf[0] == 'x', "one byte: %d %lu", r.ret, (unsigned long)r.bytes);
    pGetAcceptExSockaddrs(buf, 2, ADDR_AREA, ADDR_AREA, (struct sockaddr **)&local, &llen, (struct sockaddr **)&remote,
                          &rlen);
    ok(local->sin_addr.s_addr == addr.sin_addr.s_addr && local->sin_port == addr.sin_port, "local address");
    ok(remote->sin_addr.s_addr == peer.sin_addr.s_addr && remote->sin_port == peer.sin_port, "remote address");
    closesocket(a);
    closesocket(c);
    closesocket(a2);
    closesocket(c2);

    a = tcp();
    c = tcp();
    expect_wsa(pAcceptEx(l, a, buf, 100, ADDR_AREA, ADDR_AREA, &n, &ov), FALSE, ERROR_IO_PENDING);
    ok(connect(c, (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    closesocket(c);
    ok(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0, "completed by the close");
    r = wt_result(l, &ov);
    ok(r.ret && r.bytes == 0, "0 bytes: %d %lu %lu", r.ret, (unsigned long)r.err, (unsigned long)r.bytes);
    closesocket(a);
    CloseHandle(ov.hEvent);
    CloseHandle(ov2.hEvent);
    closesocket(l);
}

WT_CASE(acceptex_aborted_by_close)
{
    struct sockaddr_in addr;
    char buf[256];
    OVERLAPPED ov;
    DWORD n;
    SOCKET l = listening(&addr), a = tcp();
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, FALSE, FALSE, NULL);
    expect_wsa(pAcceptEx(l, a, buf, 100, ADDR_AREA, ADDR_AREA, &n, &ov), FALSE, ERROR_IO_PENDING);
    closesocket(a);
    ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0, "closing the accept socket");
    struct ovres r = wt_result(l, &ov);
    ok(!r.ret && r.err == ERROR_OPERATION_ABORTED, "aborted: %d %lu", r.ret, (unsigned long)r.err);
    a = tcp();
    expect_wsa(pAcceptEx(l, a, buf, 100, ADDR_AREA, ADDR_AREA, &n, &ov), FALSE, ERROR_IO_PENDING);
    closesocket(l);
    ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0, "closing the listener");
    ok(ov.Internal == STATUS_CANCELLED_, "Internal %#lx", (unsigned long)ov.Internal);
    closesocket(a);
    CloseHandle(ov.hEvent);
}

/* The packet goes to the listener's port with the listener's key, even
 * when the listener is associated after the call (sock.c
 * test_completion_port). */
WT_CASE(acceptex_completion_port)
{
    struct sockaddr_in addr;
    char buf[256];
    OVERLAPPED ov;
    DWORD n;
    SOCKET l = listening(&addr), a = tcp(), c = tcp();
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    memset(&ov, 0, sizeof ov);
    CreateIoCompletionPort((HANDLE)a, port, 236, 0);
    expect_wsa(pAcceptEx(l, a, buf, 10, ADDR_AREA, ADDR_AREA, &n, &ov), FALSE, ERROR_IO_PENDING);
    CreateIoCompletionPort((HANDLE)l, port, 125, 0);
    ok(connect(c, (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    expect_wsa(send(c, "q", 1, 0), 1, 0);
    struct deq d = dequeue(port, 2000);
    ok(d.ret && d.key == 125 && d.bytes == 1 && d.ov == &ov, "packet: ret %d key %lu bytes %lu", d.ret,
       (unsigned long)d.key, (unsigned long)d.bytes);
    expect_timeout(port, 50);
    closesocket(a);
    closesocket(c);
    /* Pending when the listener closes: an aborted packet with its key. */
    a = tcp();
    expect_wsa(pAcceptEx(l, a, buf, 0, ADDR_AREA, ADDR_AREA, &n, &ov), FALSE, ERROR_IO_PENDING);
    closesocket(l);
    d = dequeue(port, 2000);
    ok(!d.ret && d.err == ERROR_OPERATION_ABORTED && d.key == 125 && d.bytes == 0 && d.ov == &ov &&
           ov.Internal == STATUS_CANCELLED_,
       "aborted packet: ret %d err %lu key %lu", d.ret, (unsigned long)d.err, (unsigned long)d.key);
    closesocket(a);
    CloseHandle(port);
}

/* A connection already queued still completes through the completion
 * (sock.c test_AcceptEx, the CF_DEFER case); AcceptEx is also exported from
 * mswsock by name. */
WT_CASE(acceptex_queued_connection_and_export)
{
    struct sockaddr_in addr;
    char buf[256];
    OVERLAPPED ov;
    DWORD n;
    SOCKET l = listening(&addr), a = tcp(), c = tcp();
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, FALSE, FALSE, NULL);
    ok(connect(c, (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    expect_wsa(send(c, "1", 1, 0), 1, 0);
    Sleep(50);
    expect_wsa(AcceptEx(l, a, buf, 0, ADDR_AREA, ADDR_AREA, &n, &ov), FALSE, ERROR_IO_PENDING);
    ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0, "completed");
    expect_ok(setsockopt(a, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&l, sizeof l));
    ok(recv(a, buf, sizeof buf, 0) == 1 && buf[0] == '1', "the queued connection's data");
    CloseHandle(ov.hEvent);
    closesocket(a);
    closesocket(c);
    closesocket(l);
}

static int CALLBACK defer_condition(WSABUF *caller, WSABUF *caller_data, QOS *sqos, QOS *gqos, WSABUF *callee,
                                    WSABUF *callee_data, GROUP *g, DWORD_PTR data)
{
    (void)caller, (void)caller_data, (void)sqos, (void)gqos, (void)callee, (void)callee_data, (void)g, (void)data;
    return CF_DEFER;
}

/* A connection WSAAccept's condition deferred goes to the next AcceptEx
 * (sock.c test_AcceptEx). */
WT_CASE(acceptex_takes_deferred_connection)
{
    struct sockaddr_in addr;
    char buf[256];
    OVERLAPPED ov;
    DWORD n;
    SOCKET l = listening(&addr), a = tcp(), c1 = tcp(), c2 = tcp();
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, FALSE, FALSE, NULL);
    ok(connect(c1, (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    ok(wt_wait_readable(l) == 1, "pending connection");
    expect_wsa(WSAAccept(l, NULL, NULL, defer_condition, 0), INVALID_SOCKET, WSATRY_AGAIN);
    expect_wsa(pAcceptEx(l, a, buf, 0, ADDR_AREA, ADDR_AREA, &n, &ov), FALSE, ERROR_IO_PENDING);
    expect_wsa(send(c1, "1", 1, 0), 1, 0);
    ok(connect(c2, (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    expect_wsa(send(c2, "2", 1, 0), 1, 0);
    ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0, "completed");
    struct ovres r = wt_result(l, &ov);
    ok(r.ret && r.bytes == 0, "result %d %lu bytes %lu", r.ret, (unsigned long)r.err, (unsigned long)r.bytes);
    ok(recv(a, buf, 2, 0) == 1 && buf[0] == '1', "the deferred connection: %c", buf[0]);
    ok(wt_wait_readable(l) == 1, "the second connection waits for accept");
    SOCKET b = accept(l, NULL, NULL);
    ok(b != INVALID_SOCKET && recv(b, buf, 2, 0) == 1 && buf[0] == '2', "the second one for accept");
    closesocket(b);
    CloseHandle(ov.hEvent);
    closesocket(a);
    closesocket(c1);
    closesocket(c2);
    closesocket(l);
}

/* A connection a pending AcceptEx takes records no FD_ACCEPT on the
 * listener (sock.c test_accept_events). */
WT_CASE(acceptex_takes_connection_without_fd_accept)
{
    struct sockaddr_in addr;
    char buf[256];
    OVERLAPPED ov;
    DWORD n = 0;
    WSANETWORKEVENTS ne;
    SOCKET l = listening(&addr), a = tcp(), c = tcp();
    WSAEVENT ev = WSACreateEvent();
    load(l);
    expect_ok(WSAEventSelect(l, ev, FD_ACCEPT));
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, FALSE, FALSE, NULL);
    expect_wsa(pAcceptEx(l, a, buf, 0, ADDR_AREA, ADDR_AREA, &n, &ov), FALSE, ERROR_IO_PENDING);
    ok(connect(c, (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    ok(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0, "AcceptEx completed");
    ok(WaitForSingleObject(ev, 200) == WAIT_TIMEOUT, "FD_ACCEPT signalled");
    expect_ok(WSAEnumNetworkEvents(l, ev, &ne));
    ok(ne.lNetworkEvents == 0, "events %#lx", (unsigned long)ne.lNetworkEvents);
    CloseHandle(ov.hEvent);
    WSACloseEvent(ev);
    closesocket(c);
    closesocket(a);
    closesocket(l);
}

/* An AcceptEx into a fresh socket, receiving up to 10 bytes, on l. */
static void accept_pending(SOCKET l, SOCKET a, char *buf, OVERLAPPED *ov)
{
    DWORD n = 0xdeadbeef;
    memset(ov, 0, sizeof *ov);
    expect_wsa(pAcceptEx(l, a, buf, 10, ADDR_AREA, ADDR_AREA, &n, ov), FALSE, ERROR_IO_PENDING);
}

static void expect_aborted_packet(HANDLE port, OVERLAPPED *ov, const char *what)
{
    struct deq d = dequeue(port, 1000);
    ok(!d.ret && d.err == ERROR_OPERATION_ABORTED && d.key == 125 && d.bytes == 0 && d.ov == ov &&
           ov->Internal == STATUS_CANCELLED_,
       "%s: ret %d err %lu key %lu bytes %lu Internal %#lx", what, d.ret, (unsigned long)d.err, (unsigned long)d.key,
       (unsigned long)d.bytes, (unsigned long)ov->Internal);
    expect_timeout(port, 50);
}

/* Closing the listener under a pending AcceptEx: one aborted packet with
 * the listener's key, whether the port was associated before or after the
 * call; a listener closed with no AcceptEx queues nothing (sock.c
 * test_completion_port). */
WT_CASE(acceptex_port_listener_closed)
{
    struct sockaddr_in addr;
    char buf[256];
    OVERLAPPED ov;
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    SOCKET a = tcp();
    for (int before = 0; before < 2; before++) {
        SOCKET l = listening(&addr);
        wt_nonblocking(l, 1);
        if (before)
            ok(CreateIoCompletionPort((HANDLE)l, port, 125, 0) == port, "associate");
        accept_pending(l, a, buf, &ov);
        if (!before)
            ok(CreateIoCompletionPort((HANDLE)l, port, 125, 0) == port, "associate");
        closesocket(l);
        expect_aborted_packet(port, &ov, before ? "associated before" : "associated after");
    }
    SOCKET l = listening(&addr);
    ok(CreateIoCompletionPort((HANDLE)l, port, 125, 0) == port, "associate");
    closesocket(l);
    expect_timeout(port, 100);
    closesocket(a);
    CloseHandle(port);
}

/* A WSADuplicateSocket duplicate of an associated listener is the same
 * socket object: an AcceptEx issued on the duplicate queues nothing while
 * both handles live, and is aborted (with the key of the source's
 * association) only when the last of the two closes, in either order
 * (sock.c test_completion_port). */
WT_CASE(acceptex_on_duplicate_listener)
{
    static const char *const orders[] = {"the source, then the duplicate", "the duplicate alone, then the source",
                                         "the source alone, then the duplicate"};
    struct sockaddr_in addr;
    char buf[256];
    OVERLAPPED ov;
    WSAPROTOCOL_INFOA info;
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    SOCKET a = tcp();
    for (int order = 0; order < 3; order++) {
        SOCKET l = listening(&addr);
        wt_nonblocking(l, 1);
        ok(CreateIoCompletionPort((HANDLE)l, port, 125, 0) == port, "associate");
        expect_ok(WSADuplicateSocketA(l, GetCurrentProcessId(), &info));
        SOCKET d = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, WSA_FLAG_OVERLAPPED);
        ok(d != INVALID_SOCKET && d != l, "duplicate: %s", wt_name(WSAGetLastError()));
        accept_pending(d, a, buf, &ov);
        expect_timeout(port, 100);
        SOCKET first = order == 1 ? d : l, second = order == 1 ? l : d;
        expect_ok(closesocket(first));
        if (order) {
            expect_timeout(port, 100);
            expect_timeout(port, 100);
            ok(wt_internal(&ov) == STATUS_PENDING_, "%s: still pending", orders[order]);
            expect_wsa(closesocket(first), SOCKET_ERROR, WSAENOTSOCK);
        }
        expect_ok(closesocket(second));
        expect_aborted_packet(port, &ov, orders[order]);
    }
    closesocket(a);
    CloseHandle(port);
}

/* The packet of an AcceptEx with receive space goes to the listener's port
 * with the listener's key, though the accept socket has its own: 0 bytes
 * when the client connects and closes, 1 when it sends a byte (closing the
 * accept socket afterwards changes nothing); closing the accept socket
 * while it waits for data aborts it (sock.c test_completion_port). */
WT_CASE(acceptex_port_listener_key)
{
    struct sockaddr_in addr;
    char buf[256];
    OVERLAPPED ov;
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    for (int round = 0; round < 3; round++) {
        SOCKET l = listening(&addr), a = tcp(), c = tcp();
        wt_nonblocking(l, 1);
        ok(CreateIoCompletionPort((HANDLE)l, port, 125, 0) == port, "associate the listener");
        ok(CreateIoCompletionPort((HANDLE)a, port, 236, 0) == port, "associate the accept socket");
        accept_pending(l, a, buf, &ov);
        ok(connect(c, (struct sockaddr *)&addr, sizeof addr) == 0, "connect: %s", wt_name(WSAGetLastError()));
        if (round == 0) {
            closesocket(c);
        } else if (round == 1) {
            expect_wsa(send(c, "x", 1, 0), 1, 0); /* not buf: the pending AcceptEx receives into it */
            Sleep(100);
            closesocket(a);
        } else {
            Sleep(50);
            closesocket(a);
        }
        struct deq d = dequeue(port, 1000);
        if (round < 2) {
            ok(d.ret && d.err == W32_SENTINEL && d.key == 125 && d.bytes == (DWORD)round && d.ov == &ov &&
                   ov.Internal == STATUS_SUCCESS_,
               "round %d: ret %d err %lu key %lu bytes %lu Internal %#lx", round, d.ret, (unsigned long)d.err,
               (unsigned long)d.key, (unsigned long)d.bytes, (unsigned long)ov.Internal);
        } else {
            ok(!d.ret && (d.err == ERROR_OPERATION_ABORTED || d.err == ERROR_CONNECTION_ABORTED) && d.key == 125 &&
                   d.bytes == 0 && d.ov == &ov &&
                   (ov.Internal == STATUS_CANCELLED_ || ov.Internal == 0xC0000241u /* STATUS_CONNECTION_ABORTED */),
               "accept socket closed: ret %d err %lu key %lu bytes %lu Internal %#lx", d.ret, (unsigned long)d.err,
               (unsigned long)d.key, (unsigned long)d.bytes, (unsigned long)ov.Internal);
        }
        expect_timeout(port, 50);
        if (round == 0)
            closesocket(a);
        else
            closesocket(c);
        closesocket(l);
    }
    CloseHandle(port);
}

/* The address-area lengths of sock.c test_AcceptEx that pend: sizeof + 4
 * (too small: completes with STATUS_BUFFER_TOO_SMALL when the connection
 * comes, which stays queued), sizeof + 15
 * (local or remote), each cancelled by CancelIo on the listener; a NULL
 * OVERLAPPED with every length 0 is ERROR_INVALID_PARAMETER; ConnectEx on
 * an accept socket that is pending is WSAEINVAL. */
WT_CASE(acceptex_area_lengths_that_pend)
{
    struct sockaddr_in addr;
    char buf[256];
    OVERLAPPED ov;
    DWORD n = 0xdeadbeef;
    SOCKET l = listening(&addr), a = tcp(), c = tcp();
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, FALSE, FALSE, NULL);
    wt_nonblocking(l, 1);
    ov.Internal = 0xdeadbeef;
    expect_wsa(pAcceptEx(l, a, buf, 0, sizeof(struct sockaddr_in) + 4, ADDR_AREA, &n, &ov), FALSE, ERROR_IO_PENDING);
    ok(wt_internal(&ov) == STATUS_PENDING_, "Internal %#lx", (unsigned long)wt_internal(&ov));
    ok(connect(c, (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0, "completed");
    struct ovres r = wt_result(l, &ov);
    ok(!r.ret && r.err == ERROR_INSUFFICIENT_BUFFER && r.bytes == 0 && ov.Internal == STATUS_BUFFER_TOO_SMALL_,
       "sizeof + 4 is too small: %d %lu bytes %lu Internal %#lx", r.ret, (unsigned long)r.err,
       (unsigned long)r.bytes, (unsigned long)ov.Internal);
    closesocket(a);
    SOCKET queued = accept(l, NULL, NULL);
    ok(queued != INVALID_SOCKET, "the connection is still queued: %s", wt_name(WSAGetLastError()));
    closesocket(queued);
    closesocket(c);

    a = tcp();
    ov.Internal = 0xdeadbeef;
    expect_wsa(pAcceptEx(l, a, buf, 0, sizeof(struct sockaddr_in) + 15, ADDR_AREA, &n, &ov), FALSE, ERROR_IO_PENDING);
    ok(wt_internal(&ov) == STATUS_PENDING_, "Internal %#lx", (unsigned long)wt_internal(&ov));
    expect_wsa(CancelIo((HANDLE)l), TRUE, W32_SENTINEL);
    ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0, "cancelled");
    ov.Internal = 0xdeadbeef;
    expect_wsa(pAcceptEx(l, a, buf, 0, ADDR_AREA, sizeof(struct sockaddr_in) + 15, &n, &ov), FALSE, ERROR_IO_PENDING);
    ok(wt_internal(&ov) == STATUS_PENDING_, "Internal %#lx", (unsigned long)wt_internal(&ov));
    expect_wsa(CancelIo((HANDLE)l), TRUE, W32_SENTINEL);
    ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0, "cancelled");
    expect_wsa(pAcceptEx(l, a, buf, 0, 0, 0, &n, NULL), FALSE, ERROR_INVALID_PARAMETER);

    GUID cg = WSAID_CONNECTEX;
    LPFN_CONNECTEX pConnectEx = (LPFN_CONNECTEX)wt_ext(l, cg);
    OVERLAPPED ov2;
    memset(&ov2, 0, sizeof ov2);
    expect_wsa(pAcceptEx(l, a, buf, 0, ADDR_AREA, ADDR_AREA, &n, &ov), FALSE, ERROR_IO_PENDING);
    expect_wsa(pConnectEx(a, (struct sockaddr *)&addr, sizeof addr, NULL, 0, &n, &ov2), FALSE, WSAEINVAL);
    /* Still pending for the listener: a connection completes it. */
    c = tcp();
    ok(connect(c, (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0 && ov.Internal == STATUS_SUCCESS_, "completed: %#lx",
       (unsigned long)ov.Internal);
    r = wt_result(l, &ov);
    ok(r.ret && r.bytes == 0, "result %d %lu bytes %lu", r.ret, (unsigned long)r.err, (unsigned long)r.bytes);
    closesocket(c);
    closesocket(a);

    /* After the listener is closed, its aborted AcceptEx still reads back
     * through GetOverlappedResult on the (closed) listener handle. */
    a = tcp();
    expect_wsa(pAcceptEx(l, a, buf, 100, ADDR_AREA, ADDR_AREA, &n, &ov), FALSE, ERROR_IO_PENDING);
    closesocket(l);
    ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0, "closing the listener");
    r = wt_result(l, &ov);
    ok(!r.ret && r.err == ERROR_OPERATION_ABORTED, "result on the closed listener: %d %lu", r.ret,
       (unsigned long)r.err);
    closesocket(a);
    CloseHandle(ov.hEvent);
}

WT_MAIN(extension_pointers, extension_pointer_overlapped, ioctl_overlapped_completions, address_list_change_pends,
        acceptex_argument_errors, acceptex_without_data, acceptex_address_areas, acceptex_with_data,
        acceptex_aborted_by_close, acceptex_completion_port, acceptex_queued_connection_and_export,
        acceptex_takes_deferred_connection, acceptex_takes_connection_without_fd_accept, acceptex_port_listener_closed,
        acceptex_on_duplicate_listener, acceptex_port_listener_key, acceptex_area_lengths_that_pend)
