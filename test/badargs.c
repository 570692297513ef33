/* Bad arguments get the documented error, never a crash: every exported
 * Winsock function that takes a pointer is called with pointers into the
 * never-mapped first 64 KiB (Wine's tests pass (char *)1) where its page
 * documents WSAEFAULT ("not a valid part of the user address space"); the
 * handle functions with a closed handle, garbage and a SOCKET where an
 * event belongs (WSA_INVALID_HANDLE / ERROR_INVALID_HANDLE); the socket
 * functions with an event handle and a closed socket where a SOCKET
 * belongs (WSAENOTSOCK).  One table row per argument. */
#include "wstest.h"

/* Sockets and handles the rows use. */
struct fixture {
    SOCKET tcp, peer, listener, udp, closed;
    struct sockaddr_in to, udp_addr;
    HANDLE ev, freed;
    char buf[256];
    int len;
    DWORD n, flags;
    WSABUF wb;
    fd_set set;
    struct timeval tv;
    WSAOVERLAPPED ov;
    WSANETWORKEVENTS ne;
};

static void fixture_open(struct fixture *f)
{
    memset(f, 0, sizeof *f);
    SOCKET l = wt_listener(&f->to);
    f->tcp = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ok(connect(f->tcp, (struct sockaddr *)&f->to, sizeof f->to) == 0, "connect: %s", wt_name(WSAGetLastError()));
    f->peer = accept(l, NULL, NULL);
    f->listener = l;
    /* A second connection waits in the listener's queue, so the accept
     * rows would not block if the check were missing. */
    f->closed = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ok(connect(f->closed, (struct sockaddr *)&f->to, sizeof f->to) == 0, "connect: %s", wt_name(WSAGetLastError()));
    f->udp = wt_udp(&f->udp_addr);
    closesocket(f->closed); /* now a SOCKET value that names nothing (no socket is made after it) */
    f->ev = WSACreateEvent();
    f->freed = WSACreateEvent(); /* made last, closed at once: no later handle can take its value */
    WSACloseEvent(f->freed);
    f->wb.buf = f->buf;
    f->wb.len = sizeof f->buf;
    FD_ZERO(&f->set);
    FD_SET(f->udp, &f->set);
}

static fd_set *one_set(fd_set *set, SOCKET s)
{
    FD_ZERO(set);
    FD_SET(s, set);
    return set;
}

static void fixture_close(struct fixture *f)
{
    closesocket(f->tcp);
    closesocket(f->peer);
    closesocket(f->listener);
    closesocket(f->udp);
    WSACloseEvent(f->ev);
}

#define ROW(call, ret, err) expect_wsa(call, ret, err);
#define ROW_NULL(call, err) expect_wsa((call) == NULL, 1, err);

/* Pointer arguments documented WSAEFAULT when not in the address space;
 * BAD is the pointer under test.  Lengths and counts are otherwise valid,
 * so the pointer is the only thing wrong. */
#define POINTER_ROWS(X, XN)                                                                                   \
    X(accept(f.listener, BAD, &f.len), INVALID_SOCKET, WSAEFAULT)                                              \
    X(accept(f.listener, (struct sockaddr *)f.buf, BAD), INVALID_SOCKET, WSAEFAULT)                            \
    X(WSAAccept(f.listener, BAD, &f.len, NULL, 0), INVALID_SOCKET, WSAEFAULT)                                  \
    X(WSAAccept(f.listener, (struct sockaddr *)f.buf, BAD, NULL, 0), INVALID_SOCKET, WSAEFAULT)                \
    X(bind(f.udp, BAD, sizeof f.to), SOCKET_ERROR, WSAEFAULT)                                                  \
    X(connect(f.udp, BAD, sizeof f.to), SOCKET_ERROR, WSAEFAULT)                                               \
    X(WSAConnect(f.udp, BAD, sizeof f.to, NULL, NULL, NULL, NULL), SOCKET_ERROR, WSAEFAULT)                    \
    X(WSAConnect(f.udp, (struct sockaddr *)&f.to, sizeof f.to, BAD, NULL, NULL, NULL), SOCKET_ERROR, WSAEFAULT) \
    X(WSAConnect(f.udp, (struct sockaddr *)&f.to, sizeof f.to, NULL, BAD, NULL, NULL), SOCKET_ERROR, WSAEFAULT) \
    X(WSAConnect(f.udp, (struct sockaddr *)&f.to, sizeof f.to, NULL, NULL, BAD, NULL), SOCKET_ERROR, WSAEFAULT) \
    X(WSAJoinLeaf(f.udp, BAD, sizeof f.to, NULL, NULL, NULL, NULL, JL_BOTH), INVALID_SOCKET, WSAEFAULT)        \
    X(getpeername(f.tcp, BAD, &f.len), SOCKET_ERROR, WSAEFAULT)                                                \
    X(getpeername(f.tcp, (struct sockaddr *)f.buf, BAD), SOCKET_ERROR, WSAEFAULT)                              \
    X(getsockname(f.tcp, BAD, &f.len), SOCKET_ERROR, WSAEFAULT)                                                \
    X(getsockname(f.tcp, (struct sockaddr *)f.buf, BAD), SOCKET_ERROR, WSAEFAULT)                              \
    X(getsockopt(f.tcp, SOL_SOCKET, SO_TYPE, BAD, &f.len), SOCKET_ERROR, WSAEFAULT)                            \
    X(getsockopt(f.tcp, SOL_SOCKET, SO_TYPE, f.buf, BAD), SOCKET_ERROR, WSAEFAULT)                             \
    X(setsockopt(f.tcp, SOL_SOCKET, SO_KEEPALIVE, BAD, sizeof(int)), SOCKET_ERROR, WSAEFAULT)                  \
    X(ioctlsocket(f.tcp, FIONBIO, BAD), SOCKET_ERROR, WSAEFAULT)                                               \
    X(ioctlsocket(f.tcp, FIONREAD, BAD), SOCKET_ERROR, WSAEFAULT)                                              \
    X(WSAIoctl(f.tcp, FIONBIO, BAD, sizeof(u_long), NULL, 0, &f.n, NULL, NULL), SOCKET_ERROR, WSAEFAULT)       \
    X(WSAIoctl(f.tcp, FIONREAD, NULL, 0, BAD, sizeof(u_long), &f.n, NULL, NULL), SOCKET_ERROR, WSAEFAULT)      \
    X(WSAIoctl(f.tcp, FIONREAD, NULL, 0, f.buf, sizeof(u_long), BAD, NULL, NULL), SOCKET_ERROR, WSAEFAULT)     \
    X(WSAIoctl(f.tcp, FIONREAD, NULL, 0, f.buf, sizeof(u_long), &f.n, BAD, NULL), SOCKET_ERROR, WSAEFAULT)     \
    X(recv(f.tcp, BAD, 10, 0), SOCKET_ERROR, WSAEFAULT)                                                        \
    X(recvfrom(f.udp, f.buf, 10, 0, BAD, &f.len), SOCKET_ERROR, WSAEFAULT)                                     \
    X(recvfrom(f.udp, f.buf, 10, 0, (struct sockaddr *)f.buf, BAD), SOCKET_ERROR, WSAEFAULT)                   \
    X(send(f.tcp, BAD, 10, 0), SOCKET_ERROR, WSAEFAULT)                                                        \
    X(sendto(f.udp, BAD, 10, 0, (struct sockaddr *)&f.udp_addr, sizeof f.udp_addr), SOCKET_ERROR, WSAEFAULT)   \
    X(sendto(f.udp, f.buf, 10, 0, BAD, sizeof f.to), SOCKET_ERROR, WSAEFAULT)                                  \
    X(WSARecv(f.tcp, BAD, 1, &f.n, &f.flags, NULL, NULL), SOCKET_ERROR, WSAEFAULT)                             \
    X(WSARecv(f.tcp, &f.wb, 1, BAD, &f.flags, NULL, NULL), SOCKET_ERROR, WSAEFAULT)                            \
    X(WSARecv(f.tcp, &f.wb, 1, &f.n, BAD, NULL, NULL), SOCKET_ERROR, WSAEFAULT)                                \
    X(WSARecv(f.tcp, &f.wb, 1, &f.n, &f.flags, BAD, NULL), SOCKET_ERROR, WSAEFAULT)                            \
    X(WSARecvFrom(f.udp, &f.wb, 1, &f.n, &f.flags, BAD, &f.len, NULL, NULL), SOCKET_ERROR, WSAEFAULT)          \
    X(WSARecvFrom(f.udp, &f.wb, 1, &f.n, &f.flags, (struct sockaddr *)f.buf, BAD, NULL, NULL), SOCKET_ERROR,   \
      WSAEFAULT)                                                                                               \
    X(WSASend(f.tcp, BAD, 1, &f.n, 0, NULL, NULL), SOCKET_ERROR, WSAEFAULT)                                    \
    X(WSASend(f.tcp, &f.wb, 1, BAD, 0, NULL, NULL), SOCKET_ERROR, WSAEFAULT)                                   \
    X(WSASend(f.tcp, &f.wb, 1, &f.n, 0, BAD, NULL), SOCKET_ERROR, WSAEFAULT)                                   \
    X(WSASendTo(f.udp, &f.wb, 1, &f.n, 0, BAD, sizeof f.to, NULL, NULL), SOCKET_ERROR, WSAEFAULT)              \
    X(WSARecvDisconnect(f.tcp, BAD), SOCKET_ERROR, WSAEFAULT)                                                  \
    X(WSASendDisconnect(f.tcp, BAD), SOCKET_ERROR, WSAEFAULT)                                                  \
    X(WSAGetOverlappedResult(f.tcp, BAD, &f.n, FALSE, &f.flags), FALSE, WSAEFAULT)                             \
    X(select(0, BAD, NULL, NULL, &f.tv), SOCKET_ERROR, WSAEFAULT)                                              \
    X(select(0, NULL, BAD, NULL, &f.tv), SOCKET_ERROR, WSAEFAULT)                                              \
    X(select(0, NULL, NULL, BAD, &f.tv), SOCKET_ERROR, WSAEFAULT)                                              \
    X(select(0, &f.set, NULL, NULL, BAD), SOCKET_ERROR, WSAEFAULT)                                             \
    X(WSAPoll(BAD, 1, 0), SOCKET_ERROR, WSAEFAULT)                                                             \
    X(WSAEnumNetworkEvents(f.tcp, f.ev, BAD), SOCKET_ERROR, WSAEFAULT)                                         \
    X(WSADuplicateSocketA(f.tcp, GetCurrentProcessId(), BAD), SOCKET_ERROR, WSAEFAULT)                         \
    X(WSADuplicateSocketW(f.tcp, GetCurrentProcessId(), BAD), SOCKET_ERROR, WSAEFAULT)                         \
    X(WSAEnumProtocolsA(BAD, NULL, &f.n), SOCKET_ERROR, WSAEFAULT)                                             \
    X(WSAEnumProtocolsA(NULL, NULL, BAD), SOCKET_ERROR, WSAEFAULT)                                             \
    X(WSAEnumProtocolsW(BAD, NULL, &f.n), SOCKET_ERROR, WSAEFAULT)                                             \
    X(WSASocketA(AF_INET, SOCK_STREAM, 0, BAD, 0, 0), INVALID_SOCKET, WSAEFAULT)                               \
    X(WSASocketW(AF_INET, SOCK_STREAM, 0, BAD, 0, 0), INVALID_SOCKET, WSAEFAULT)                               \
    X((f.n = 64, WSAAddressToStringA(BAD, sizeof f.to, NULL, f.buf, &f.n)), SOCKET_ERROR, WSAEFAULT)           \
    X((f.n = 64, WSAAddressToStringA((struct sockaddr *)&f.to, sizeof f.to, BAD, f.buf, &f.n)), SOCKET_ERROR,  \
      WSAEFAULT)                                                                                               \
    X((f.n = 64, WSAAddressToStringA((struct sockaddr *)&f.to, sizeof f.to, NULL, BAD, &f.n)), SOCKET_ERROR,   \
      WSAEFAULT)                                                                                               \
    X(WSAAddressToStringA((struct sockaddr *)&f.to, sizeof f.to, NULL, f.buf, BAD), SOCKET_ERROR, WSAEFAULT)   \
    X((f.n = 64, WSAAddressToStringW(BAD, sizeof f.to, NULL, (LPWSTR)f.buf, &f.n)), SOCKET_ERROR, WSAEFAULT)   \
    X((f.n = 64, WSAAddressToStringW((struct sockaddr *)&f.to, sizeof f.to, NULL, BAD, &f.n)), SOCKET_ERROR,   \
      WSAEFAULT)                                                                                               \
    X((f.len = 64, WSAStringToAddressA(BAD, AF_INET, NULL, (struct sockaddr *)f.buf, &f.len)), SOCKET_ERROR,   \
      WSAEFAULT)                                                                                               \
    X((f.len = 64, WSAStringToAddressA((char *)"1.2.3.4", AF_INET, BAD, (struct sockaddr *)f.buf, &f.len)),    \
      SOCKET_ERROR, WSAEFAULT)                                                                                 \
    X((f.len = 64, WSAStringToAddressA((char *)"1.2.3.4", AF_INET, NULL, BAD, &f.len)), SOCKET_ERROR,          \
      WSAEFAULT)                                                                                               \
    X(WSAStringToAddressA((char *)"1.2.3.4", AF_INET, NULL, (struct sockaddr *)f.buf, BAD), SOCKET_ERROR,      \
      WSAEFAULT)                                                                                               \
    X((f.len = 64, WSAStringToAddressW(BAD, AF_INET, NULL, (struct sockaddr *)f.buf, &f.len)), SOCKET_ERROR,   \
      WSAEFAULT)                                                                                               \
    X((f.len = 64, WSAStringToAddressW((WCHAR *)L"1.2.3.4", AF_INET, NULL, BAD, &f.len)), SOCKET_ERROR,        \
      WSAEFAULT)                                                                                               \
    XN(gethostbyname(BAD), WSAEFAULT)                                                                          \
    XN(gethostbyaddr(BAD, 4, AF_INET), WSAEFAULT)                                                              \
    X(gethostname(BAD, 64), SOCKET_ERROR, WSAEFAULT)                                                           \
    X(inet_pton(AF_INET, BAD, f.buf), -1, WSAEFAULT)                                                           \
    X(inet_pton(AF_INET, "1.2.3.4", BAD), -1, WSAEFAULT)                                                       \
    X(InetPtonW(AF_INET, BAD, f.buf), -1, WSAEFAULT)                                                           \
    X(InetPtonW(AF_INET, L"1.2.3.4", BAD), -1, WSAEFAULT)

WT_CASE(pointers_outside_the_address_space)
{
    /* The first, a middle and the last byte of the never-mapped 64 KiB. */
    static void *const bad[] = {(void *)1, (void *)0x8000, (void *)0xffff};
    struct fixture f;
    fixture_open(&f);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        void *BAD = bad[i];
        f.len = sizeof f.buf;
        POINTER_ROWS(ROW, ROW_NULL)
        /* WSAStartup returns its error (its page: WSAGetLastError is not
         * to be used). */
        ok(WSAStartup(MAKEWORD(2, 2), BAD) == WSAEFAULT, "WSAStartup(%p): not WSAEFAULT", BAD);
    }
    fixture_close(&f);
}

/* An event's place: a closed event, garbage, a SOCKET (a HANDLE, which
 * can be waited for and closed, but no event). */
#define EVENT_ROWS(X)                                                                           \
    X(WSASetEvent(H), FALSE, WSA_INVALID_HANDLE)                                                \
    X(WSAResetEvent(H), FALSE, WSA_INVALID_HANDLE)                                              \
    X(SetEvent(H), FALSE, ERROR_INVALID_HANDLE)                                                 \
    X(ResetEvent(H), FALSE, ERROR_INVALID_HANDLE)

/* Any object's place: a closed handle and garbage. */
#define HANDLE_ROWS(X)                                                                          \
    X(WSACloseEvent(H), FALSE, WSA_INVALID_HANDLE)                                              \
    X(WSAWaitForMultipleEvents(1, &H, FALSE, 0, FALSE), WSA_WAIT_FAILED, WSA_INVALID_HANDLE)    \
    X(CloseHandle(H), FALSE, ERROR_INVALID_HANDLE)                                              \
    X(WaitForSingleObject(H, 0), WAIT_FAILED, ERROR_INVALID_HANDLE)                             \
    X(WaitForMultipleObjects(1, &H, FALSE, 0), WAIT_FAILED, ERROR_INVALID_HANDLE)               \
    X(GetHandleInformation(H, &f.n), FALSE, ERROR_INVALID_HANDLE)                               \
    X(SetHandleInformation(H, HANDLE_FLAG_INHERIT, 0), FALSE, ERROR_INVALID_HANDLE)             \
    X(DuplicateHandle(GetCurrentProcess(), H, GetCurrentProcess(), (HANDLE *)f.buf, 0, FALSE,   \
                      DUPLICATE_SAME_ACCESS),                                                   \
      FALSE, ERROR_INVALID_HANDLE)                                                              \
    X(GetExitCodeThread(H, &f.n), FALSE, ERROR_INVALID_HANDLE)                                  \
    X(ReadFile(H, f.buf, 1, &f.n, NULL), FALSE, ERROR_INVALID_HANDLE)                           \
    X(WriteFile(H, f.buf, 1, &f.n, NULL), FALSE, ERROR_INVALID_HANDLE)                          \
    X(GetFileType(H), FILE_TYPE_UNKNOWN, ERROR_INVALID_HANDLE)                                  \
    X(GetQueuedCompletionStatus(H, &f.n, (ULONG_PTR *)f.buf, (OVERLAPPED **)f.buf, 0), FALSE,   \
      ERROR_INVALID_HANDLE)                                                                     \
    X(PostQueuedCompletionStatus(H, 0, 0, NULL), FALSE, ERROR_INVALID_HANDLE)

WT_CASE(handles_that_are_not_objects)
{
    struct fixture f;
    fixture_open(&f);
    HANDLE hs[] = {f.freed, (HANDLE)(ULONG_PTR)0x12344, (HANDLE)(ULONG_PTR)0x7ffffff0u, (HANDLE)f.udp};
    for (size_t i = 0; i < sizeof hs / sizeof hs[0]; i++) {
        HANDLE H = hs[i];
        EVENT_ROWS(ROW)
        if (H != (HANDLE)f.udp) { /* a SOCKET is a live HANDLE to these */
            HANDLE_ROWS(ROW)
        }
    }
    fixture_close(&f);
}

/* A SOCKET's place: an event handle, a closed socket, garbage. */
#define SOCKET_ROWS(X)                                                                          \
    X(closesocket(S), SOCKET_ERROR, WSAENOTSOCK)                                                \
    X(shutdown(S, SD_BOTH), SOCKET_ERROR, WSAENOTSOCK)                                          \
    X(bind(S, (struct sockaddr *)&f.to, sizeof f.to), SOCKET_ERROR, WSAENOTSOCK)                \
    X(listen(S, 1), SOCKET_ERROR, WSAENOTSOCK)                                                  \
    X(accept(S, NULL, NULL), INVALID_SOCKET, WSAENOTSOCK)                                       \
    X(connect(S, (struct sockaddr *)&f.to, sizeof f.to), SOCKET_ERROR, WSAENOTSOCK)             \
    X(recv(S, f.buf, 1, 0), SOCKET_ERROR, WSAENOTSOCK)                                          \
    X(send(S, f.buf, 1, 0), SOCKET_ERROR, WSAENOTSOCK)                                          \
    X(sendto(S, f.buf, 1, 0, (struct sockaddr *)&f.to, sizeof f.to), SOCKET_ERROR, WSAENOTSOCK) \
    X(WSARecv(S, &f.wb, 1, &f.n, &f.flags, NULL, NULL), SOCKET_ERROR, WSAENOTSOCK)              \
    X(WSASend(S, &f.wb, 1, &f.n, 0, NULL, NULL), SOCKET_ERROR, WSAENOTSOCK)                     \
    X(getsockname(S, (struct sockaddr *)f.buf, &f.len), SOCKET_ERROR, WSAENOTSOCK)              \
    X(getpeername(S, (struct sockaddr *)f.buf, &f.len), SOCKET_ERROR, WSAENOTSOCK)              \
    X(getsockopt(S, SOL_SOCKET, SO_TYPE, f.buf, &f.len), SOCKET_ERROR, WSAENOTSOCK)             \
    X(setsockopt(S, SOL_SOCKET, SO_KEEPALIVE, f.buf, sizeof(int)), SOCKET_ERROR, WSAENOTSOCK)   \
    X(ioctlsocket(S, FIONREAD, (u_long *)f.buf), SOCKET_ERROR, WSAENOTSOCK)                     \
    X(WSAIoctl(S, FIONREAD, NULL, 0, f.buf, sizeof(u_long), &f.n, NULL, NULL), SOCKET_ERROR,    \
      WSAENOTSOCK)                                                                              \
    X(WSAEventSelect(S, f.ev, FD_READ), SOCKET_ERROR, WSAENOTSOCK)                              \
    X(WSAEnumNetworkEvents(S, NULL, &f.ne), SOCKET_ERROR, WSAENOTSOCK)                          \
    X(select(0, one_set(&f.set, S), NULL, NULL, &f.tv), SOCKET_ERROR, WSAENOTSOCK)

WT_CASE(sockets_that_are_not_sockets)
{
    struct fixture f;
    fixture_open(&f);
    SOCKET ss[] = {(SOCKET)f.ev, (SOCKET)f.freed, f.closed, (SOCKET)0x12344};
    for (size_t i = 0; i < sizeof ss / sizeof ss[0]; i++) {
        SOCKET S = ss[i];
        f.len = sizeof f.buf;
        SOCKET_ROWS(ROW)
    }
    fixture_close(&f);
}

WT_MAIN(pointers_outside_the_address_space, handles_that_are_not_objects, sockets_that_are_not_sockets)
