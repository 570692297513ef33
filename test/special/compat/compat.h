/* Shared by the header-compatibility fragments (compat.sh): a failure
 * counter and a loopback TCP pair.  Plain Winsock, valid C and C++. */
#ifndef COMPAT_H
#define COMPAT_H
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>

static int compat_failures;
#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            compat_failures++;                                                       \
        }                                                                            \
    } while (0)

/* A connected pair over 127.0.0.1; returns 0 on success. */
static int compat_pair(SOCKET *client, SOCKET *server)
{
    struct sockaddr_in a;
    int len = (int)sizeof a;
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (l == INVALID_SOCKET || bind(l, (struct sockaddr *)&a, (int)sizeof a) != 0 || listen(l, 1) != 0 ||
        getsockname(l, (struct sockaddr *)&a, &len) != 0)
        return -1;
    *client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (connect(*client, (struct sockaddr *)&a, (int)sizeof a) != 0)
        return -1;
    *server = accept(l, NULL, NULL);
    closesocket(l);
    return *server == INVALID_SOCKET ? -1 : 0;
}

/* Wait until s is readable (at most 2 s). */
static int compat_readable(SOCKET s)
{
    fd_set r;
    struct timeval tv;
    FD_ZERO(&r);
    FD_SET(s, &r);
    tv.tv_sec = 2;
    tv.tv_usec = 0;
    return select(0, &r, NULL, NULL, &tv) == 1;
}
#endif
