/*
 * The POSIX half of the coexistence test: plain libc sockets on int file
 * descriptors, in a translation unit that sees only POSIX headers, linked
 * into the same process as libws2_32 (see coexist_winsock.c).
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#include "coexist.h"

_Static_assert(AF_INET6 == 10 && SOL_SOCKET == 1, "this file sees Linux's values");

coexist_fn coexist_libc_socket(void)
{
    return (coexist_fn)socket;
}

coexist_fn coexist_libc_connect(void)
{
    return (coexist_fn)connect;
}

int coexist_listen(unsigned short *port)
{
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 8) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
        close(fd);
        return -1;
    }
    *port = ntohs(a.sin_port);
    return fd;
}

void coexist_close(int fd)
{
    close(fd);
}

/* Accept one connection, read what arrives and send it back with a prefix. */
int coexist_accept_echo(int lfd)
{
    char buf[64] = "libc:";
    int fd = accept(lfd, NULL, NULL);
    if (fd < 0)
        return -1;
    ssize_t n = recv(fd, buf + 5, sizeof buf - 6, 0);
    int ret = -1;
    if (n > 0 && send(fd, buf, (size_t)n + 5, 0) == n + 5)
        ret = (int)n;
    close(fd);
    return ret;
}

/* A full client/server exchange using only libc, while libws2_32 is loaded
 * and initialised. */
int coexist_libc_roundtrip(void)
{
    unsigned short port;
    int lfd = coexist_listen(&port), cfd = -1, sfd = -1, ret = -1;
    struct sockaddr_in a;
    char buf[16];
    fd_set r;
    struct timeval tv = {2, 0};
    if (lfd < 0)
        return -1;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cfd = socket(AF_INET, SOCK_STREAM, 0);
    if (cfd < 0 || connect(cfd, (struct sockaddr *)&a, sizeof a) != 0)
        goto out;
    sfd = accept(lfd, NULL, NULL);
    if (sfd < 0 || send(cfd, "posix", 5, 0) != 5)
        goto out;
    FD_ZERO(&r);
    FD_SET(sfd, &r);
    if (select(sfd + 1, &r, NULL, NULL, &tv) != 1 || !FD_ISSET(sfd, &r))
        goto out;
    if (recv(sfd, buf, sizeof buf, 0) == 5 && memcmp(buf, "posix", 5) == 0)
        ret = 0;
out:
    if (sfd >= 0)
        close(sfd);
    if (cfd >= 0)
        close(cfd);
    close(lfd);
    return ret;
}
