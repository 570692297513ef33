/* A graceful closesocket leaves the rest of a non-blocking send to go out
 * after it; a peer that never reads must not keep it (and the descriptor)
 * for ever.  ws2posix gives the rest WS2POSIX_CLOSE_LINGER_MS (60 s by
 * default; this test runs with 300 ms) and then resets the connection, so
 * the peer learns that data was lost rather than seeing a clean end.  This
 * pins ws2posix's own bound (Windows hands the rest to its stack, which
 * gives up after its retransmission limits), so it is meant for ws2posix
 * only. */
#include "wstest.h"

#define BIG (8 << 20)
static char big[BIG], got[65536];

WT_CASE(unread_rest_is_given_up_with_a_reset)
{
    SOCKET c, s;
    wt_tcp_pair(&c, &s);
    wt_nonblocking(c, 1);
    expect_wsa(send(c, big, BIG, 0), BIG, 0);
    expect_ok(closesocket(c));
    Sleep(1500); /* past the bound: the engine has reset the connection */
    int total = 0, r = 0, err = 0;
    while (wt_wait_readable(s) == 1 && (r = recv(s, got, sizeof got, 0)) > 0)
        total += r;
    err = r < 0 ? WSAGetLastError() : 0;
    ok(r == SOCKET_ERROR && err == WSAECONNRESET, "the peer was reset: %d %s", r, wt_name(err));
    ok(total < BIG, "%d of %d arrived", total, BIG);
    closesocket(s);
}

WT_MAIN(unread_rest_is_given_up_with_a_reset)
