/* A program may raise FD_SETSIZE before including winsock2.h (winsock2.h
 * docs: "FD_SETSIZE ... may be modified by defining it before including
 * Winsock2.h"); select then takes sets of that size. */
#define FD_SETSIZE 300
#include "wstest.h"

WT_CASE(fd_setsize_raised)
{
    fd_set set;
    SOCKET v;
    ok(sizeof set.fd_array / sizeof set.fd_array[0] == 300, "fd_array holds %u",
       (unsigned)(sizeof set.fd_array / sizeof set.fd_array[0]));
    FD_ZERO(&set);
    for (v = 1000; v < 1400; v++)
        FD_SET(v, &set);
    ok(set.fd_count == 300, "FD_SET stopped at %u", set.fd_count);
}

/* 220 sockets (110 connected pairs) in one set: all writable, in order. */
WT_CASE(select_220_sockets)
{
    enum { PAIRS = 110 };
    static SOCKET socks[2 * PAIRS];
    fd_set w, r;
    struct timeval tv = {2, 0};
    int i;
    FD_ZERO(&w);
    for (i = 0; i < 2 * PAIRS; i += 2) {
        wt_tcp_pair(&socks[i], &socks[i + 1]);
        FD_SET(socks[i], &w);
        FD_SET(socks[i + 1], &w);
    }
    ok(w.fd_count == 2 * PAIRS, "fd_count %u", w.fd_count);
    expect_wsa(select(0, NULL, &w, NULL, &tv), 2 * PAIRS, 0);
    for (i = 0; i < 2 * PAIRS; i++)
        ok(w.fd_array[i] == socks[i], "index %d", i);
    /* The same sockets in readfds: only the one with data is reported. */
    send(socks[2 * PAIRS - 2], "x", 1, 0);
    FD_ZERO(&r);
    for (i = 0; i < 2 * PAIRS; i++)
        FD_SET(socks[i], &r);
    expect_wsa(select(0, &r, NULL, NULL, &tv), 1, 0);
    ok(r.fd_count == 1 && r.fd_array[0] == socks[2 * PAIRS - 1], "readable %u", r.fd_count);
    for (i = 0; i < 2 * PAIRS; i++)
        closesocket(socks[i]);
}

WT_MAIN(fd_setsize_raised, select_220_sockets)
