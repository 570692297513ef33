/*
 * The body of every program headers.sh compiles: included after a prelude
 * that includes our headers and libc's in one particular order.  Whatever
 * the order, the Windows meanings must win, and a Winsock program must
 * compile warning-free in C and C++.  HB_SETSIZE is the FD_SETSIZE the
 * prelude defined before any include (default: Windows' 64).  It survives a
 * libc header in between: glibc's <sys/select.h> (pulled in by <stdlib.h>,
 * <sys/types.h>, C++ headers...) redefines FD_SETSIZE unconditionally, and
 * the pass-through wrappers keep the program's value aside for winsock2.h
 * (as Windows, where nothing redefines it).
 */
#include <stddef.h>
#ifdef __cplusplus
#define HB_ASSERT(cond, msg) static_assert(cond, msg)
#else
#define HB_ASSERT(cond, msg) _Static_assert(cond, msg)
#endif
#ifndef HB_SETSIZE
#define HB_SETSIZE 64
#endif

HB_ASSERT(sizeof(u_char) == 1 && sizeof(u_short) == 2 && sizeof(u_int) == 4, "Windows u_ types");
HB_ASSERT(sizeof(u_long) == sizeof(unsigned long), "u_long is unsigned long, as on Windows and in glibc");
HB_ASSERT(sizeof(SOCKET) == sizeof(void *), "SOCKET is UINT_PTR");
HB_ASSERT(FD_SETSIZE == HB_SETSIZE, "FD_SETSIZE is Windows' 64 or the program's own");
HB_ASSERT(sizeof(fd_set) == 8 + FD_SETSIZE * sizeof(SOCKET), "fd_set is Windows' count + array");
HB_ASSERT(offsetof(fd_set, fd_array) == 8, "fd_set.fd_array");
HB_ASSERT(sizeof(struct timeval) == 8, "timeval has Windows' 32-bit fields");
HB_ASSERT(AF_INET6 == 23, "AF_INET6 is Windows' 23, not Linux's 10");
HB_ASSERT(SOL_SOCKET == 0xffff, "SOL_SOCKET is Windows' 0xffff, not Linux's 1");
HB_ASSERT(SO_REUSEADDR == 4 && SO_ERROR == 0x1007, "SO_ options are Windows'");
HB_ASSERT(FIONBIO == 0x8004667Eu && FIONREAD == 0x4004667Fu, "ioctlsocket commands are Windows'");
HB_ASSERT(MSG_WAITALL == 8 && MSG_TRUNC == 0x100, "MSG_ flags are Windows'");
HB_ASSERT(sizeof(struct sockaddr_in6) == 28 && sizeof(SOCKADDR_STORAGE) == 128, "Windows sockaddrs");
HB_ASSERT(offsetof(struct addrinfo, ai_canonname) == 24, "addrinfo in Windows' field order");
HB_ASSERT(EAI_NONAME == WSAHOST_NOT_FOUND, "EAI_ codes are WSA codes");
HB_ASSERT(sizeof(DWORD) == 4 && sizeof(LONG) == 4, "LLP64 Windows types");

#ifdef __cplusplus
/* Members named like the Winsock functions: no macro may rename them. */
class hb_conn {
public:
    explicit hb_conn(SOCKET s) : s_(s) {}
    int connect(const struct sockaddr_in &a) { return ::connect(s_, (const struct sockaddr *)&a, sizeof a); }
    int send(const char *p, int n) { return ::send(s_, p, n, 0); }
    int recv(char *p, int n) { return ::recv(s_, p, n, 0); }
    int select(long ms)
    {
        fd_set r;
        struct timeval tv;
        FD_ZERO(&r);
        FD_SET(s_, &r);
        tv.tv_sec = ms / 1000;
        tv.tv_usec = (ms % 1000) * 1000;
        return ::select(0, &r, NULL, NULL, &tv);
    }
    int gethostname(char *p, int n) { return ::gethostname(p, n); }

private:
    SOCKET s_;
};
#endif

static int hb_use(SOCKET s)
{
    fd_set r;
    struct timeval tv;
    u_long nonblocking = 1;
    char name[64];
    /* These initialisations fail to compile if the names reached glibc's
     * select() (long-based fd_set, timeval) or gethostname() (size_t). */
    int (*sel)(int, fd_set *, fd_set *, fd_set *, const struct timeval *) = select;
    int (*host)(char *, int) = gethostname;

    tv.tv_sec = 0;
    tv.tv_usec = 1000;
    FD_ZERO(&r);
    FD_SET(s, &r);
    if (ioctlsocket(s, FIONBIO, &nonblocking) == SOCKET_ERROR)
        return WSAGetLastError();
    if (host(name, (int)sizeof name) != 0)
        return 1;
#ifdef __cplusplus
    hb_conn c(s);
    if (c.select(1) < 0)
        return 1;
#endif
    return sel(0, &r, NULL, NULL, &tv) + FD_ISSET(s, &r);
}

int main(void)
{
    WSADATA wsa;
    SOCKET s;
    int ret;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        return 1;
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ret = hb_use(s);
    closesocket(s);
    WSACleanup();
    return ret;
}
