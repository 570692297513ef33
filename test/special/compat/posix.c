/* A POSIX file compiled with the same -I flags as the Windows ones: the
 * pass-through wrappers change nothing - glibc's fd_set, struct timeval,
 * socklen_t, select, FD_SETSIZE, POLLIN and u_long - and none of the MSVC
 * runtime's non-reserved names (stricmp, kbhit, ...) is declared.
 * COMPAT_C_ONLY COMPAT_POSIX */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <poll.h>
#include <sys/types.h>
#include <sys/time.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/ioctl.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <netdb.h>

/* Names the MSVC runtime has and POSIX does not: free here. */
static int stricmp, strcmpi, strnicmp, kbhit, getch, itoa, ltoa, ultoa;

_Static_assert(sizeof(struct timeval) == 16, "glibc's timeval");
_Static_assert(sizeof(fd_set) == 128 && FD_SETSIZE == 1024, "glibc's fd_set");
_Static_assert((socklen_t)-1 > 0, "glibc's unsigned socklen_t");
_Static_assert(AF_INET6 == 10 && SOL_SOCKET == 1 && POLLIN == 1, "Linux's values");
_Static_assert(sizeof(u_long) == sizeof(unsigned long), "glibc's u_long");

int main(void)
{
    struct timeval tv;
    struct { struct timeval t; unsigned canary; } slot;
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    fd_set r;
    int fds[2], nb = 1;
    char name[64];
    slot.canary = 0xC0FFEE;
    if (gettimeofday(&slot.t, NULL) != 0 || slot.canary != 0xC0FFEE)
        return 1;
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0 || ioctl(fds[0], FIONBIO, &nb) != 0)
        return 1;
    if (write(fds[1], "x", 1) != 1)
        return 1;
    FD_ZERO(&r);
    FD_SET(fds[0], &r);
    tv.tv_sec = 2;
    tv.tv_usec = 0;
    if (select(fds[0] + 1, &r, NULL, NULL, &tv) != 1 || !FD_ISSET(fds[0], &r))
        return 1;
    memset(&a, 0, sizeof a);
    if (getsockname(fds[0], (struct sockaddr *)&a, &len) != 0 || gethostname(name, sizeof name) != 0)
        return 1;
    if (strcasecmp("A", "a") != 0 || index("abc", 'b') == NULL || random() < 0)
        return 1;
    close(fds[0]);
    close(fds[1]);
    return stricmp + strcmpi + strnicmp + kbhit + getch + itoa + ltoa + ultoa;
}
