/*
 * libc coexistence: a Winsock program linked with libws2_32 and with an
 * object that uses POSIX sockets (coexist_posix.c).  Our same-named
 * functions are bound to ws2p_ symbols, so libc's socket()/connect()/send()
 * keep working on int descriptors in the same process, and a Winsock client
 * can talk to a libc server over loopback.
 */
#include "wstest.h"
#include "coexist.h"

WT_CASE(symbols_are_distinct)
{
    ok(coexist_libc_socket() != (coexist_fn)socket, "socket() here is libc's");
    ok(coexist_libc_connect() != (coexist_fn)connect, "connect() here is libc's");
}

WT_CASE(libc_sockets_still_work)
{
    SOCKET mine = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ok(mine != INVALID_SOCKET, "Winsock socket: %s", wt_name(WSAGetLastError()));
    ok(coexist_libc_roundtrip() == 0, "libc round trip failed");
    /* libc closing its descriptors leaves our socket alone. */
    expect_ok(closesocket(mine));
}

WT_CASE(winsock_client_libc_server)
{
    unsigned short port = 0;
    int lfd = coexist_listen(&port);
    struct sockaddr_in addr = wt_loopback(port);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    char buf[32];
    ok(lfd >= 0, "libc listen failed");
    expect_ok(connect(s, (struct sockaddr *)&addr, sizeof addr));
    expect_wsa(send(s, "winsock", 7, 0), 7, 0);
    ok(coexist_accept_echo(lfd) == 7, "libc server did not echo");
    coexist_close(lfd);
    memset(buf, 0, sizeof buf);
    expect_wsa(recv(s, buf, sizeof buf, MSG_WAITALL), 12, 0);
    ok(!memcmp(buf, "libc:winsock", 12), "got '%s'", buf);
    expect_ok(closesocket(s));
}

WT_MAIN(symbols_are_distinct, libc_sockets_still_work, winsock_client_libc_server)
