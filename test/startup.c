/* WSAStartup / WSACleanup: version negotiation, WSADATA, reference counting,
 * WSANOTINITIALISED before startup and after the last cleanup, and sockets
 * closed by the last cleanup (protocol.c test_startup, sock.c
 * test_WithWSAStartup / test_WithoutWSAStartup). */
#define WT_NO_STARTUP
#include "wstest.h"

static const struct {
    WORD requested;
    int ret;
    WORD version;
} versions[] = {
    {MAKEWORD(0, 0), WSAVERNOTSUPPORTED, MAKEWORD(2, 2)}, {MAKEWORD(0, 1), WSAVERNOTSUPPORTED, MAKEWORD(2, 2)},
    {MAKEWORD(1, 0), 0, MAKEWORD(1, 0)},                  {MAKEWORD(1, 1), 0, MAKEWORD(1, 1)},
    {MAKEWORD(1, 2), 0, MAKEWORD(1, 1)},                  {MAKEWORD(1, 255), 0, MAKEWORD(1, 1)},
    {MAKEWORD(2, 0), 0, MAKEWORD(2, 0)},                  {MAKEWORD(2, 1), 0, MAKEWORD(2, 1)},
    {MAKEWORD(2, 2), 0, MAKEWORD(2, 2)},                  {MAKEWORD(2, 3), 0, MAKEWORD(2, 2)},
    {MAKEWORD(2, 255), 0, MAKEWORD(2, 2)},                {MAKEWORD(3, 0), 0, MAKEWORD(2, 2)},
    {MAKEWORD(255, 0), 0, MAKEWORD(2, 2)},
};

WT_CASE(version_negotiation)
{
    for (size_t i = 0; i < sizeof versions / sizeof versions[0]; i++) {
        WSADATA d;
        memset(&d, 0x55, sizeof d);
        int ret = WSAStartup(versions[i].requested, &d);
        ok(ret == versions[i].ret, "request %#x: ret %d want %d", versions[i].requested, ret, versions[i].ret);
        ok(d.wVersion == versions[i].version, "request %#x: wVersion %#x want %#x", versions[i].requested,
           d.wVersion, versions[i].version);
        ok(d.wHighVersion == MAKEWORD(2, 2), "wHighVersion %#x", d.wHighVersion);
        ok(!strcmp(d.szDescription, "WinSock 2.0"), "szDescription %s", d.szDescription);
        ok(!strcmp(d.szSystemStatus, "Running"), "szSystemStatus %s", d.szSystemStatus);
        int v1 = LOBYTE(versions[i].requested) == 1;
        ok(d.iMaxSockets == (v1 ? 32767 : 0), "iMaxSockets %u", d.iMaxSockets);
        ok(d.iMaxUdpDg == (v1 ? 65467 : 0), "iMaxUdpDg %u", d.iMaxUdpDg);
        if (ret == 0)
            expect_ok(WSACleanup());
    }
}

WT_CASE(null_wsadata)
{
    ok(WSAStartup(MAKEWORD(2, 2), NULL) == WSAEFAULT, "NULL data");
    ok(WSAStartup(MAKEWORD(0, 2), NULL) == WSAVERNOTSUPPORTED, "version is checked first");
    /* A failed startup does not count. */
    expect_fail(WSACleanup(), WSANOTINITIALISED);
}

WT_CASE(not_initialised)
{
    struct sockaddr_in a = wt_loopback(9);
    char buf[4];
    expect_wsa(socket(AF_INET, SOCK_STREAM, 0), INVALID_SOCKET, WSANOTINITIALISED);
    expect_wsa(WSASocketA(0, 0, 0, NULL, 0, 0), INVALID_SOCKET, WSANOTINITIALISED);
    /* Checked before the handle: even a bogus handle says WSANOTINITIALISED. */
    expect_fail(connect((SOCKET)12345, (struct sockaddr *)&a, sizeof a), WSANOTINITIALISED);
    expect_fail(closesocket((SOCKET)12345), WSANOTINITIALISED);
    expect_fail(send((SOCKET)12345, buf, 1, 0), WSANOTINITIALISED);
    expect_fail(recv((SOCKET)12345, buf, 1, 0), WSANOTINITIALISED);
    expect_wsa(gethostbyname("localhost"), NULL, WSANOTINITIALISED);
    expect_fail(WSACleanup(), WSANOTINITIALISED);
}

WT_CASE(reference_counted)
{
    WSADATA d;
    ok(WSAStartup(MAKEWORD(2, 2), &d) == 0, "first");
    ok(WSAStartup(MAKEWORD(2, 2), &d) == 0, "second");
    expect_ok(WSACleanup());
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    ok(s != INVALID_SOCKET, "still initialised after one of two cleanups");
    expect_ok(closesocket(s));
    expect_ok(WSACleanup());
    expect_fail(WSACleanup(), WSANOTINITIALISED);
    expect_wsa(socket(AF_INET, SOCK_STREAM, 0), INVALID_SOCKET, WSANOTINITIALISED);
}

WT_CASE(last_cleanup_closes_sockets)
{
    WSADATA d;
    struct sockaddr_in a;
    char buf[1] = {0};
    ok(WSAStartup(MAKEWORD(2, 2), &d) == 0, "startup");
    SOCKET l = wt_listener(&a);
    SOCKET u = socket(AF_INET, SOCK_DGRAM, 0);
    expect_ok(WSACleanup());
    ok(WSAStartup(MAKEWORD(2, 2), &d) == 0, "startup again");
    int len = sizeof a;
    /* The handles are gone, even under the new startup. */
    expect_fail(getsockname(l, (struct sockaddr *)&a, &len), WSAENOTSOCK);
    expect_fail(send(u, buf, 1, 0), WSAENOTSOCK);
    expect_fail(closesocket(l), WSAENOTSOCK);
    /* And the listening port was really released: the address can be bound. */
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    expect_ok(bind(s, (struct sockaddr *)&a, sizeof a));
    closesocket(s);
    expect_ok(WSACleanup());
}

WT_CASE(last_error_is_per_thread_and_shared)
{
    WSASetLastError(WSAEWOULDBLOCK);
    ok(GetLastError() == WSAEWOULDBLOCK, "GetLastError %lu", (unsigned long)GetLastError());
    SetLastError(ERROR_INVALID_HANDLE);
    ok(WSAGetLastError() == ERROR_INVALID_HANDLE, "WSAGetLastError %d", WSAGetLastError());
}

WT_CASE(blocking_hooks_v2)
{
    WSADATA d;
    ok(WSAStartup(MAKEWORD(2, 2), &d) == 0, "startup");
    expect_fail(WSACancelBlockingCall(), WSAEOPNOTSUPP);
    expect_fail(WSAUnhookBlockingHook(), WSAEOPNOTSUPP);
    ok(WSAIsBlocking() == FALSE, "WSAIsBlocking");
    expect_ok(WSACleanup());
}

WT_MAIN(version_negotiation, null_wsadata, not_initialised, reference_counted, last_cleanup_closes_sockets,
        last_error_is_per_thread_and_shared, blocking_hooks_v2)
