// Item 6: libraries that wrap their OS headers in extern "C" { } - the
// Windows headers must compile inside, and the overloads (select,
// gethostname, gettimeofday, ioctlsocket for DWORD) still work, also next
// to glibc's own declarations (<unistd.h>, <sys/time.h>).
#include <string>
#include <sys/time.h>
extern "C" {
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <mswsock.h>
#include <mstcpip.h>
#include <iphlpapi.h>
}
#include <unistd.h>
#include <cstdio>

int main()
{
    WSADATA wsa;
    struct timeval tv = {0, 0};
    fd_set r;
    char name[256];
    DWORD nb = 1;
    u_long n = 0;
    struct {
        struct timeval t;
        unsigned canary;
    } slot;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        return 1;
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    int bad = s == INVALID_SOCKET;
    bad |= ioctlsocket(s, FIONBIO, &nb) != 0;
    bad |= ioctlsocket(s, FIONREAD, &n) != 0 || n != 0;
    FD_ZERO(&r);
    FD_SET(s, &r);
    bad |= select(0, &r, NULL, NULL, &tv) != 0; // Windows' select: nothing to read
    bad |= gethostname(name, (int)sizeof name) != 0 || name[0] == 0;
    slot.canary = 0xC0FFEE;
    bad |= gettimeofday(&slot.t, NULL) != 0 || slot.canary != 0xC0FFEE || sizeof slot.t != 8;
    closesocket(s);
    WSACleanup();
    if (bad)
        std::fprintf(stderr, "extern \"C\" wrapped Winsock misbehaved\n");
    return bad;
}
