/* ConnectEx, DisconnectEx, SO_UPDATE_CONNECT_CONTEXT and their completion
 * port packets.  Facts from Wine's sock.c test_connect (the ConnectEx
 * part), test_DisconnectEx, test_connect_completion_port and
 * test_shutdown_completion_port, and the ConnectEx / DisconnectEx pages.
 * The timed-out ConnectEx needs a black hole: test/netns/netns_connect.c. */
#include "wtext.h"

static LPFN_CONNECTEX pConnectEx;
static LPFN_DISCONNECTEX pDisconnectEx;
static LPFN_ACCEPTEX pAcceptEx;

static SOCKET tcp(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    GUID c = WSAID_CONNECTEX, d = WSAID_DISCONNECTEX, a = WSAID_ACCEPTEX;
    ok(s != INVALID_SOCKET, "socket: %s", wt_name(WSAGetLastError()));
    if (!pConnectEx) {
        pConnectEx = (LPFN_CONNECTEX)wt_ext(s, c);
        pDisconnectEx = (LPFN_DISCONNECTEX)wt_ext(s, d);
        pAcceptEx = (LPFN_ACCEPTEX)wt_ext(s, a);
    }
    return s;
}

/* A socket bound to 127.0.0.1, as ConnectEx wants. */
static SOCKET bound_tcp(void)
{
    struct sockaddr_in any = wt_loopback(0);
    SOCKET s = tcp();
    ok(bind(s, (struct sockaddr *)&any, sizeof any) == 0, "bind: %s", wt_name(WSAGetLastError()));
    return s;
}

/* A bound socket on a port of its own that skips the port on success,
 * whose ConnectEx to addr (where nothing listens: refused at once) pends. */
static HANDLE refused_connectex(SOCKET *s, const struct sockaddr_in *addr, OVERLAPPED *ov)
{
    DWORD n;
    HANDLE port;
    *s = bound_tcp();
    wt_refuse_at_once(*s);
    port = CreateIoCompletionPort((HANDLE)*s, NULL, 0, 0);
    expect_wsa(SetFileCompletionNotificationModes((HANDLE)*s, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS), TRUE,
               W32_SENTINEL);
    expect_wsa(pConnectEx(*s, (const struct sockaddr *)addr, sizeof *addr, NULL, 0, &n, ov), FALSE, ERROR_IO_PENDING);
    return port;
}

static OVERLAPPED with_event(void)
{
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, FALSE, FALSE, NULL);
    return ov;
}

#define expect_connectex_fail(call, ov, want)                                                               \
    do {                                                                                                    \
        (ov)->Internal = 0xdeadbeef;                                                                        \
        expect_wsa(call, FALSE, want);                                                                      \
        ok(wt_internal(ov) == STATUS_PENDING_, "Internal %#lx, want STATUS_PENDING", (unsigned long)wt_internal(ov)); \
    } while (0)

WT_CASE(connectex_argument_errors)
{
    struct sockaddr_in addr;
    DWORD n;
    OVERLAPPED ov = with_event();
    SOCKET l = wt_listener(&addr), s = tcp(), c, d;
    expect_connectex_fail(pConnectEx(l, (struct sockaddr *)&addr, sizeof addr, NULL, 0, &n, &ov), &ov, WSAEINVAL);
    expect_wsa(pConnectEx(INVALID_SOCKET, (struct sockaddr *)&addr, sizeof addr, NULL, 0, &n, &ov), FALSE,
               WSAENOTSOCK);
    expect_connectex_fail(pConnectEx(s, (struct sockaddr *)&addr, sizeof addr, NULL, 0, &n, &ov), &ov, WSAEINVAL);
    closesocket(s);
    s = bound_tcp();
    expect_wsa(pConnectEx(s, (struct sockaddr *)&addr, sizeof addr, NULL, 0, &n, NULL), FALSE,
               ERROR_INVALID_PARAMETER);
    expect_connectex_fail(pConnectEx(s, NULL, sizeof addr, NULL, 0, &n, &ov), &ov, WSAEFAULT);
    expect_connectex_fail(pConnectEx(s, (struct sockaddr *)&addr, 4, NULL, 0, &n, &ov), &ov, WSAEFAULT);
    closesocket(s);
    wt_tcp_pair(&c, &d);
    expect_connectex_fail(pConnectEx(c, (struct sockaddr *)&addr, sizeof addr, NULL, 0, &n, &ov), &ov, WSAEISCONN);
    expect_connectex_fail(pConnectEx(d, (struct sockaddr *)&addr, sizeof addr, NULL, 0, &n, &ov), &ov, WSAEISCONN);
    closesocket(c);
    closesocket(d);
    /* A socket an AcceptEx will accept into (sock.c test_AcceptEx). */
    char buf[64];
    OVERLAPPED aov = with_event();
    SOCKET a = tcp();
    expect_wsa(pAcceptEx(l, a, buf, 0, 32, 32, &n, &aov), FALSE, ERROR_IO_PENDING);
    expect_wsa(pConnectEx(a, (struct sockaddr *)&addr, sizeof addr, NULL, 0, &n, &ov), FALSE, WSAEINVAL);
    closesocket(a);
    ok(WaitForSingleObject(aov.hEvent, 1000) == WAIT_OBJECT_0 && aov.Internal == STATUS_CANCELLED_,
       "closing the accept socket aborted the AcceptEx");
    CloseHandle(aov.hEvent);
    CloseHandle(ov.hEvent);
    closesocket(l);
}

WT_CASE(connectex_connects)
{
    struct sockaddr_in addr;
    char buf[8];
    DWORD n = 0xdeadbeef;
    OVERLAPPED ov = with_event();
    SOCKET l = wt_listener(&addr), s = bound_tcp();
    expect_wsa(pConnectEx(s, (struct sockaddr *)&addr, sizeof addr, NULL, 0, &n, &ov), FALSE, ERROR_IO_PENDING);
    ok(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "connected");
    struct ovres r = wt_result(s, &ov);
    ok(r.ret && r.bytes == 0, "result %d %lu %lu", r.ret, (unsigned long)r.err, (unsigned long)r.bytes);
    expect_ok(setsockopt(s, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0));
    SOCKET a = accept(l, NULL, NULL);
    ok(a != INVALID_SOCKET, "accept");
    struct sockaddr_in peer;
    int len = sizeof peer;
    expect_ok(getpeername(s, (struct sockaddr *)&peer, &len));
    ok(peer.sin_port == addr.sin_port, "peer");
    expect_wsa(send(s, "ab", 2, 0), 2, 0);
    ok(recv(a, buf, sizeof buf, 0) == 2, "the server receives");
    expect_wsa(send(a, "xyz", 3, 0), 3, 0);
    ok(recv(s, buf, sizeof buf, 0) == 3, "the client receives");
    /* A second ConnectEx: the socket is connected. */
    expect_connectex_fail(pConnectEx(s, (struct sockaddr *)&addr, sizeof addr, NULL, 0, &n, &ov), &ov, WSAEISCONN);
    /* connect on a socket ConnectEx connected: WSAEINVAL (sock.c test_connect). */
    expect_fail(connect(s, (struct sockaddr *)&addr, sizeof addr), WSAEINVAL);
    closesocket(a);
    closesocket(s);

    /* Send data goes out once connected; the buffer may change after the
     * call returns (sock.c test_connect). */
    char data[3] = {'1', '2', '3'};
    s = bound_tcp();
    expect_wsa(pConnectEx(s, (struct sockaddr *)&addr, sizeof addr, data, 3, &n, &ov), FALSE, ERROR_IO_PENDING);
    ok(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "connected");
    r = wt_result(s, &ov);
    ok(r.ret && r.bytes == 3, "3 bytes sent: %d %lu", r.ret, (unsigned long)r.bytes);
    a = accept(l, NULL, NULL);
    memset(buf, 0, sizeof buf);
    ok(recv(a, buf, 3, 0) == 3 && !memcmp(buf, "123", 3), "the data arrived: %.3s", buf);
    closesocket(a);
    closesocket(s);
    CloseHandle(ov.hEvent);
    closesocket(l);
}

WT_CASE(connectex_refused)
{
    struct sockaddr_in addr;
    DWORD n, flags;
    OVERLAPPED ov = with_event();
    SOCKET l = wt_listener(&addr), s = bound_tcp();
    closesocket(l); /* nobody listens there now */
    wt_refuse_at_once(s);
    expect_wsa(pConnectEx(s, (struct sockaddr *)&addr, sizeof addr, NULL, 0, &n, &ov), FALSE, ERROR_IO_PENDING);
    ok(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "completed");
    struct ovres r = wt_result(s, &ov);
    ok(!r.ret && r.err == ERROR_CONNECTION_REFUSED && r.bytes == 0, "refused: %d %lu", r.ret, (unsigned long)r.err);
    expect_wsa(WSAGetOverlappedResult(s, &ov, &n, FALSE, &flags), FALSE, WSAECONNREFUSED);
    /* As after a refused connect, the socket may try again. */
    CloseHandle(ov.hEvent);
    closesocket(s);
}

/* Always pending, so always a packet, even with
 * FILE_SKIP_COMPLETION_PORT_ON_SUCCESS; none with hEvent's low bit (sock.c
 * test_connect_completion_port). */
WT_CASE(connectex_completion_port)
{
    struct sockaddr_in addr;
    DWORD n;
    OVERLAPPED ov = with_event();
    SOCKET l = wt_listener(&addr), s = bound_tcp();
    HANDLE port = CreateIoCompletionPort((HANDLE)s, NULL, 0, 0);
    expect_ok(connect(tcp(), (struct sockaddr *)&addr, sizeof addr)); /* connect() queues nothing */
    closesocket(accept(l, NULL, NULL));
    expect_wsa(SetFileCompletionNotificationModes((HANDLE)s, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS), TRUE,
               W32_SENTINEL);
    expect_wsa(pConnectEx(s, (struct sockaddr *)&addr, sizeof addr, (void *)"one", 3, &n, &ov), FALSE,
               ERROR_IO_PENDING);
    struct deq d = dequeue(port, 5000);
    ok(d.ret && d.key == 0 && d.bytes == 3 && d.ov == &ov, "packet: ret %d bytes %lu", d.ret, (unsigned long)d.bytes);
    expect_timeout(port, 0);
    closesocket(accept(l, NULL, NULL));
    closesocket(s);
    CloseHandle(port);

    s = bound_tcp();
    port = CreateIoCompletionPort((HANDLE)s, NULL, 0, 0);
    ov.hEvent = (HANDLE)((ULONG_PTR)ov.hEvent | 1);
    expect_wsa(pConnectEx(s, (struct sockaddr *)&addr, sizeof addr, NULL, 0, &n, &ov), FALSE, ERROR_IO_PENDING);
    ok(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "connected");
    struct ovres r = wt_result(s, &ov);
    ok(r.ret && r.bytes == 0, "low bit: result %d %lu bytes %lu", r.ret, (unsigned long)r.err, (unsigned long)r.bytes);
    expect_timeout(port, 50);
    ov.hEvent = (HANDLE)((ULONG_PTR)ov.hEvent & ~(ULONG_PTR)1);
    closesocket(accept(l, NULL, NULL));
    closesocket(s);
    CloseHandle(port);
    closesocket(l);

    port = refused_connectex(&s, &addr, &ov);
    d = dequeue(port, 5000);
    ok(!d.ret && d.err == ERROR_CONNECTION_REFUSED && d.key == 0 && d.bytes == 0 && d.ov == &ov,
       "refused packet: ret %d err %lu", d.ret, (unsigned long)d.err);
    closesocket(s);
    CloseHandle(port);
    CloseHandle(ov.hEvent);
}

/* Cancelling a ConnectEx that has not connected aborts the attempt. */
WT_CASE(connectex_cancelled)
{
    struct sockaddr_in addr;
    DWORD n;
    OVERLAPPED ov = with_event();
    SOCKET l = wt_listener(&addr), s = bound_tcp();
    expect_wsa(pConnectEx(s, (struct sockaddr *)&addr, sizeof addr, NULL, 0, &n, &ov), FALSE, ERROR_IO_PENDING);
    CancelIoEx((HANDLE)s, &ov);
    ok(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "completed");
    ok(ov.Internal == STATUS_CANCELLED_ || ov.Internal == STATUS_SUCCESS_, "cancelled (or connected first): %#lx",
       (unsigned long)ov.Internal);
    closesocket(s);
    CloseHandle(ov.hEvent);
    closesocket(l);
}

WT_CASE(disconnectex_errors)
{
    OVERLAPPED ov = with_event();
    SOCKET s = tcp(), c, d;
    expect_wsa(pDisconnectEx(INVALID_SOCKET, &ov, 0, 0), FALSE, WSAENOTSOCK);
    expect_wsa(pDisconnectEx(s, &ov, 0, 0), FALSE, WSAENOTCONN);
    wt_tcp_pair(&c, &d);
    expect_wsa(pDisconnectEx(c, &ov, 0, 1), FALSE, WSAEINVAL);
    expect_wsa(pDisconnectEx(c, &ov, TF_DISCONNECT, 0), FALSE, WSAEINVAL);
    closesocket(c);
    closesocket(d);
    closesocket(s);
    CloseHandle(ov.hEvent);
}

/* Without TF_REUSE_SOCKET only the sending side goes: the peer sees the
 * end of the stream and can still send (sock.c test_DisconnectEx). */
static void after_disconnect(SOCKET c, SOCKET d, const struct sockaddr_in *addr)
{
    char buf[8];
    expect_fail(connect(c, (const struct sockaddr *)addr, sizeof *addr), WSAEISCONN);
    expect_fail(send(c, "test", 5, 0), WSAESHUTDOWN);
    ok(recv(d, buf, sizeof buf, 0) == 0, "the peer sees the end");
    expect_wsa(send(d, "test", 5, 0), 5, 0);
    ok(recv(c, buf, sizeof buf, 0) == 5 && !strcmp(buf, "test"), "and can still send");
    struct sockaddr_in peer;
    int len = sizeof peer;
    expect_ok(getpeername(c, (struct sockaddr *)&peer, &len));
}

WT_CASE(disconnectex_shuts_sending)
{
    struct sockaddr_in addr;
    OVERLAPPED ov = with_event();
    SOCKET l = wt_listener(&addr), c = tcp(), d;
    HANDLE port = CreateIoCompletionPort((HANDLE)c, NULL, 9, 0);
    SetFileCompletionNotificationModes((HANDLE)c, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS);
    ok(connect(c, (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    d = accept(l, NULL, NULL);
    expect_wsa(pDisconnectEx(c, &ov, 0, 0), FALSE, ERROR_IO_PENDING);
    ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0, "completed");
    struct ovres r = wt_result(c, &ov);
    ok(r.ret && r.bytes == 0, "result %d %lu", r.ret, (unsigned long)r.err);
    struct deq q = dequeue(port, 1000); /* pending, so a packet despite the skip mode */
    ok(q.ret && q.key == 9 && q.bytes == 0 && q.ov == &ov, "packet: ret %d key %lu", q.ret, (unsigned long)q.key);
    after_disconnect(c, d, &addr);
    closesocket(c);
    closesocket(d);
    CloseHandle(port);

    /* Synchronous without an OVERLAPPED, and again: both succeed, no packet. */
    c = tcp();
    port = CreateIoCompletionPort((HANDLE)c, NULL, 9, 0);
    ok(connect(c, (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    d = accept(l, NULL, NULL);
    SetLastError(W32_SENTINEL);
    ok(pDisconnectEx(c, NULL, 0, 0), "synchronous: %lu", (unsigned long)GetLastError());
    ok(pDisconnectEx(c, NULL, 0, 0), "twice");
    expect_timeout(port, 0);
    after_disconnect(c, d, &addr);
    closesocket(c);
    closesocket(d);
    CloseHandle(port);
    CloseHandle(ov.hEvent);
    closesocket(l);
}

/* TF_REUSE_SOCKET: the same handle connects again, with ConnectEx, or
 * takes a connection with AcceptEx. */
WT_CASE(disconnectex_reuse)
{
    struct sockaddr_in addr;
    char buf[64];
    DWORD n;
    OVERLAPPED ov = with_event();
    SOCKET l = wt_listener(&addr), c = bound_tcp(), d;
    expect_wsa(pConnectEx(c, (struct sockaddr *)&addr, sizeof addr, NULL, 0, &n, &ov), FALSE, ERROR_IO_PENDING);
    ok(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "connected");
    d = accept(l, NULL, NULL);
    expect_wsa(pDisconnectEx(c, &ov, TF_REUSE_SOCKET, 0), FALSE, ERROR_IO_PENDING);
    ok(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "disconnected");
    ok(ov.Internal == 0, "Internal %#lx", (unsigned long)ov.Internal);
    ok(recv(d, buf, sizeof buf, 0) == 0, "the peer sees the end");
    closesocket(d);
    /* Fresh: bind again, then ConnectEx. */
    struct sockaddr_in any = wt_loopback(0);
    expect_ok(bind(c, (struct sockaddr *)&any, sizeof any));
    expect_wsa(pConnectEx(c, (struct sockaddr *)&addr, sizeof addr, (void *)"re", 2, &n, &ov), FALSE,
               ERROR_IO_PENDING);
    ok(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "connected again");
    d = accept(l, NULL, NULL);
    ok(recv(d, buf, sizeof buf, 0) == 2, "data on the new connection");
    closesocket(d);
    /* Synchronous reuse, then AcceptEx into the same handle. */
    SetLastError(W32_SENTINEL);
    ok(pDisconnectEx(c, NULL, TF_REUSE_SOCKET, 0), "synchronous reuse: %lu", (unsigned long)GetLastError());
    SOCKET x = tcp();
    expect_wsa(pAcceptEx(l, c, buf, 0, 32, 32, &n, &ov), FALSE, ERROR_IO_PENDING);
    ok(connect(x, (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    ok(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "accepted into the reused socket");
    expect_wsa(send(x, "z", 1, 0), 1, 0);
    ok(recv(c, buf, sizeof buf, 0) == 1 && buf[0] == 'z', "the reused socket receives");
    closesocket(x);
    closesocket(c);
    CloseHandle(ov.hEvent);
    closesocket(l);
}

/* sock.c test_connect_completion_port, each form: a non-blocking connect
 * queues nothing; ConnectEx (with or without data, in either notification
 * mode) pends, its event and GetOverlappedResult tell the count, and the
 * port gets a packet with it; a refused one in skip mode reads back
 * ERROR_CONNECTION_REFUSED both ways. */
WT_CASE(connectex_port_each_form)
{
    struct sockaddr_in addr;
    DWORD n;
    OVERLAPPED ov = with_event();
    SOCKET l = wt_listener(&addr), s = tcp();
    HANDLE port = CreateIoCompletionPort((HANDLE)s, NULL, 0, 0);
    wt_nonblocking(s, 1);
    expect_fail(connect(s, (struct sockaddr *)&addr, sizeof addr), WSAEWOULDBLOCK);
    SOCKET a = accept(l, NULL, NULL);
    ok(a != INVALID_SOCKET, "accept: %s", wt_name(WSAGetLastError()));
    closesocket(a);
    expect_timeout(port, 0);
    closesocket(s);
    CloseHandle(port);
    for (int form = 0; form < 3; form++) { /* no data; 3 bytes; no data, skip mode */
        DWORD want = form == 1 ? 3 : 0;
        s = bound_tcp();
        port = CreateIoCompletionPort((HANDLE)s, NULL, 0, 0);
        if (form == 2)
            expect_wsa(SetFileCompletionNotificationModes((HANDLE)s, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS), TRUE,
                       W32_SENTINEL);
        expect_wsa(pConnectEx(s, (struct sockaddr *)&addr, sizeof addr, form == 1 ? (void *)"one" : NULL, want, &n,
                              &ov),
                   FALSE, ERROR_IO_PENDING);
        ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0, "form %d: connected", form);
        struct ovres r = wt_result(s, &ov);
        ok(r.ret && r.bytes == want, "form %d: result %d %lu bytes %lu", form, r.ret, (unsigned long)r.err,
           (unsigned long)r.bytes);
        a = accept(l, NULL, NULL);
        ok(a != INVALID_SOCKET, "accept: %s", wt_name(WSAGetLastError()));
        closesocket(a);
        struct deq d = dequeue(port, 0);
        ok(d.ret && d.key == 0 && d.bytes == want && d.ov == &ov, "form %d: packet ret %d key %lu bytes %lu", form,
           d.ret, (unsigned long)d.key, (unsigned long)d.bytes);
        closesocket(s);
        CloseHandle(port);
    }
    closesocket(l);
    port = refused_connectex(&s, &addr, &ov);
    ok(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "refused");
    struct ovres r = wt_result(s, &ov);
    ok(!r.ret && r.err == ERROR_CONNECTION_REFUSED && r.bytes == 0, "refused result: %d %lu %lu", r.ret,
       (unsigned long)r.err, (unsigned long)r.bytes);
    struct deq d = dequeue(port, 0);
    ok(!d.ret && d.err == ERROR_CONNECTION_REFUSED && d.key == 0 && d.bytes == 0 && d.ov == &ov,
       "refused packet: ret %d err %lu", d.ret, (unsigned long)d.err);
    closesocket(s);
    CloseHandle(port);
    CloseHandle(ov.hEvent);
}

/* sock.c test_shutdown_completion_port: shutdown, WSASendDisconnect and
 * WSARecvDisconnect queue nothing; DisconnectEx pends and posts its packet
 * even in skip mode; with no OVERLAPPED it is synchronous (TRUE) and posts
 * nothing; hEvent's low bit keeps its packet off the port. */
WT_CASE(disconnect_port_packets)
{
    struct sockaddr_in addr;
    SOCKET l = wt_listener(&addr);
    for (int form = 0; form < 5; form++) {
        SOCKET c = tcp(), d;
        OVERLAPPED ov = with_event();
        DWORD size;
        HANDLE port = CreateIoCompletionPort((HANDLE)c, NULL, 0, 0);
        if (form == 2)
            expect_wsa(SetFileCompletionNotificationModes((HANDLE)c, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS), TRUE,
                       W32_SENTINEL);
        ok(connect(c, (struct sockaddr *)&addr, sizeof addr) == 0, "connect: %s", wt_name(WSAGetLastError()));
        d = accept(l, NULL, NULL);
        ok(d != INVALID_SOCKET, "accept: %s", wt_name(WSAGetLastError()));
        if (form == 0) {
            expect_ok(shutdown(c, SD_BOTH));
        } else if (form == 1) {
            expect_ok(WSASendDisconnect(c, NULL));
            expect_ok(WSARecvDisconnect(c, NULL));
        } else if (form == 3) {
            SetLastError(W32_SENTINEL);
            BOOL r = pDisconnectEx(c, NULL, 0, 0);
            DWORD e = GetLastError();
            ok(r && (e == 0 || e == W32_SENTINEL), "DisconnectEx without OVERLAPPED: %d %lu", r, (unsigned long)e);
        } else {
            if (form == 4)
                ov.hEvent = (HANDLE)((ULONG_PTR)ov.hEvent | 1);
            expect_wsa(pDisconnectEx(c, &ov, 0, 0), FALSE, ERROR_IO_PENDING);
            ok(WaitForSingleObject(ov.hEvent, 1000) == WAIT_OBJECT_0, "form %d: disconnected", form);
            size = 0xdeadbeef;
            SetLastError(W32_SENTINEL);
            ok(GetOverlappedResult((HANDLE)c, &ov, &size, TRUE) && size == 0, "form %d: result %lu size %lu", form,
               (unsigned long)GetLastError(), (unsigned long)size);
        }
        if (form == 2) {
            struct deq q = dequeue(port, 0);
            ok(q.ret && q.key == 0 && q.bytes == 0 && q.ov == &ov, "DisconnectEx packet: ret %d err %lu bytes %lu",
               q.ret, (unsigned long)q.err, (unsigned long)q.bytes);
        } else
            expect_timeout(port, 0);
        ov.hEvent = (HANDLE)((ULONG_PTR)ov.hEvent & ~(ULONG_PTR)1);
        CloseHandle(ov.hEvent);
        closesocket(d);
        closesocket(c);
        CloseHandle(port);
    }
    closesocket(l);
}

/* TF_REUSE_SOCKET on a socket with a WSADuplicateSocket duplicate: the
 * handles are one socket object, so the duplicate names the reused socket
 * too: bound and connected again through it, the source's handle receives
 * on the new connection. */
WT_CASE(disconnectex_reuse_duplicated)
{
    struct sockaddr_in addr, any = wt_loopback(0);
    char buf[8];
    DWORD n;
    WSAPROTOCOL_INFOA info;
    OVERLAPPED ov = with_event();
    SOCKET l = wt_listener(&addr), c = tcp(), d;
    ok(connect(c, (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    d = accept(l, NULL, NULL);
    expect_ok(WSADuplicateSocketA(c, GetCurrentProcessId(), &info));
    SOCKET dup = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, WSA_FLAG_OVERLAPPED);
    ok(dup != INVALID_SOCKET, "duplicate: %s", wt_name(WSAGetLastError()));
    SetLastError(W32_SENTINEL);
    ok(pDisconnectEx(c, NULL, TF_REUSE_SOCKET, 0), "reuse: %lu", (unsigned long)GetLastError());
    ok(wt_wait_readable(d) == 1 && recv(d, buf, sizeof buf, 0) == 0, "the peer sees the end");
    closesocket(d);
    expect_ok(bind(dup, (struct sockaddr *)&any, sizeof any));
    expect_wsa(pConnectEx(dup, (struct sockaddr *)&addr, sizeof addr, (void *)"re", 2, &n, &ov), FALSE,
               ERROR_IO_PENDING);
    ok(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "connected again through the duplicate");
    d = accept(l, NULL, NULL);
    ok(wt_wait_readable(d) == 1 && recv(d, buf, sizeof buf, 0) == 2, "data on the new connection");
    expect_wsa(send(d, "ok", 2, 0), 2, 0);
    ok(wt_wait_readable(c) == 1, "the source's handle is readable");
    expect_wsa(recv(c, buf, sizeof buf, 0), 2, 0);
    expect_ok(closesocket(dup));
    expect_ok(closesocket(c));
    ok(wt_wait_readable(d) == 1 && recv(d, buf, sizeof buf, 0) == 0, "the last handle ends the new connection");
    closesocket(d);
    CloseHandle(ov.hEvent);
    closesocket(l);
}

WT_MAIN(connectex_argument_errors, connectex_connects, connectex_refused, connectex_completion_port,
        connectex_cancelled, disconnectex_errors, disconnectex_shuts_sending, disconnectex_reuse,
        disconnectex_reuse_duplicated, connectex_port_each_form, disconnect_port_packets)
