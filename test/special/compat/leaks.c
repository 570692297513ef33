/* Item 4: the Windows headers bring no POSIX names into a Windows file, so
 * a program may define what its Windows code path lacks - as real programs
 * do for MSVC - in C, gnu and strict modes alike.  (C++ is different:
 * libstdc++ itself brings glibc's POSIX view, as MinGW's does.)
 * COMPAT_C_ONLY */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <process.h>
#include <strsafe.h>
#include <winreg.h>
#include <wincrypt.h>
#include <bcrypt.h>
#include <ntsecapi.h>
#include <ntstatus.h>
#include <lmcons.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int ssize_t;            /* glibc: long, from <sys/types.h>, <stdio.h>, <unistd.h> */
typedef HANDLE pthread_t;       /* glibc: unsigned long */
typedef unsigned int pid_t;     /* glibc: int */
typedef unsigned short mode_t;  /* glibc: unsigned int */
typedef long long off64_t;
struct timespec {               /* glibc: from <sys/select.h> through <stdlib.h> */
    long tv_sec;
    long tv_nsec;
};
#define close(s) closesocket(s) /* glibc's close() must not be declared after this */
#define sleep(s) Sleep((s) * 1000)
static int bzero, rindex_, random_, getline_; /* <strings.h>, <stdlib.h>, <stdio.h> extras */
static int getline(void)        /* POSIX 2008's getline is not Windows' */
{
    return 1;
}
static int random(void)         /* glibc's is __USE_MISC */
{
    return 4;
}

int main(void)
{
    ssize_t n = 0;
    pthread_t t = NULL;
    pid_t p = (pid_t)_getpid();
    mode_t m = 0;
    off64_t o = 0;
    struct timespec ts = {0, 0};
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    close(s);
    (void)t;
    (void)p;
    return (int)(n + m + o + ts.tv_sec) + bzero + rindex_ + random_ + getline_ + getline() + random() - 5;
}
