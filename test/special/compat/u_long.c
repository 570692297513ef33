/* Item 1: u_long is unsigned long, and ioctlsocket / WSAHtonl / WSANtohl
 * take unsigned long *, u_long * and 32-bit DWORD * / ULONG * variables
 * without a warning, writing each at its own width (the neighbour after a
 * 32-bit variable stays untouched). */
#include "compat.h"

struct dword_slot {
    DWORD v;
    DWORD canary;
};
struct ulong_slot {
    u_long v;
    DWORD canary;
};

int main(void)
{
    WSADATA wsa;
    SOCKET c, s;
    unsigned long ul;
    u_long u;
    ULONG ulong32;
    struct dword_slot d;
    struct ulong_slot w;
    char b;

    CHECK(sizeof(u_long) == sizeof(unsigned long));
    CHECK(WSAStartup(MAKEWORD(2, 2), &wsa) == 0);
    CHECK(compat_pair(&c, &s) == 0);

    /* FIONBIO from each kind of variable: on, then off again. */
    ul = 1;
    CHECK(ioctlsocket(s, FIONBIO, &ul) == 0);
    CHECK(recv(s, &b, 1, 0) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK);
    ul = 0;
    CHECK(ioctlsocket(s, FIONBIO, &ul) == 0);
    d.v = 1;
    CHECK(ioctlsocket(s, FIONBIO, &d.v) == 0);
    CHECK(recv(s, &b, 1, 0) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK);
    d.v = 0;
    CHECK(ioctlsocket(s, FIONBIO, &d.v) == 0);
    u = 1;
    CHECK(ioctlsocket(s, FIONBIO, &u) == 0);
    u = 0;
    CHECK(ioctlsocket(s, FIONBIO, &u) == 0);

    /* FIONREAD into each kind of variable. */
    CHECK(send(c, "hello", 5, 0) == 5);
    CHECK(compat_readable(s));
    ul = ~0ul;
    CHECK(ioctlsocket(s, FIONREAD, &ul) == 0 && ul == 5);
    w.v = ~(u_long)0;
    w.canary = 0xC0FFEE;
    CHECK(ioctlsocket(s, FIONREAD, &w.v) == 0 && w.v == 5 && w.canary == 0xC0FFEE);
    d.v = 0xdead;
    d.canary = 0xC0FFEE;
    CHECK(ioctlsocket(s, FIONREAD, &d.v) == 0 && d.v == 5);
    CHECK(d.canary == 0xC0FFEE);
    ulong32 = 0;
    CHECK(ioctlsocket(s, FIONREAD, &ulong32) == 0 && ulong32 == 5);

    /* Byte order: htonl swaps 32 bits of a u_long; the WSA forms write at
     * the caller's width. */
    u = htonl(0x01020304);
    CHECK(ntohl(u) == 0x01020304 && (u & ~(u_long)0xffffffffu) == 0);
    ul = 0;
    CHECK(WSAHtonl(s, 0x01020304, &ul) == 0 && ul == htonl(0x01020304));
    d.v = 0;
    d.canary = 0xC0FFEE;
    CHECK(WSAHtonl(s, 0x01020304, &d.v) == 0 && d.v == (DWORD)htonl(0x01020304) && d.canary == 0xC0FFEE);
    CHECK(WSANtohl(s, d.v, &d.v) == 0 && d.v == 0x01020304 && d.canary == 0xC0FFEE);
    CHECK(WSANtohl(s, ul, &u) == 0 && u == 0x01020304);

    closesocket(c);
    closesocket(s);
    WSACleanup();
    return compat_failures != 0;
}
