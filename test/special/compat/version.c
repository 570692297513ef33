/* Item 2: the target version.  Default: Windows 10, everything declared.
 * VERSION_OLD: a program for Windows XP (_WIN32_WINNT 0x0501) brings its
 * own inet_pton/inet_ntop and poll stand-ins, as such programs do; the
 * headers leave the Vista ones out, so they do not clash.
 * VERSION_NTDDI: only NTDDI_VERSION is given; the others follow. 
 * COMPAT_VARIANTS: | -DVERSION_OLD | -DVERSION_NTDDI */
#if defined(VERSION_OLD)
#define _WIN32_WINNT 0x0501
#elif defined(VERSION_NTDDI)
#define NTDDI_VERSION 0x06010000
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#if _WIN32_WINNT < 0x0501
#include <wspiapi.h>
#endif
#include <windows.h>
#include <string.h>

#if defined(VERSION_OLD)
#if WINVER != 0x0501 || NTDDI_VERSION != NTDDI_WINXP
#error "WINVER and NTDDI_VERSION follow _WIN32_WINNT"
#endif
#ifdef POLLRDNORM
#error "WSAPoll and its POLL* values are Vista's"
#endif
/* The fallbacks an XP-era program defines (their own types, not the SDK's). */
static int inet_pton(int af, const char *src, void *dst)
{
    unsigned long a = inet_addr(src);
    if (af != AF_INET || a == INADDR_NONE)
        return 0;
    memcpy(dst, &a, 4);
    return 1;
}
static const char *inet_ntop(int af, const void *src, char *dst, size_t size)
{
    struct in_addr a;
    if (af != AF_INET || size < 16)
        return NULL;
    memcpy(&a, src, 4);
    strcpy(dst, inet_ntoa(a));
    return dst;
}
struct pollfd {
    SOCKET fd;
    short events, revents;
};
#define POLLIN 1
#elif defined(VERSION_NTDDI)
#if _WIN32_WINNT != 0x0601 || WINVER != 0x0601
#error "_WIN32_WINNT and WINVER follow NTDDI_VERSION"
#endif
#else
#if _WIN32_WINNT != _WIN32_WINNT_WIN10 || WINVER != 0x0A00 || NTDDI_VERSION < NTDDI_WIN10
#error "the default target is Windows 10"
#endif
#endif

int main(void)
{
    char text[64];
    struct in_addr a;
#if defined(VERSION_OLD)
    struct pollfd p;
    p.fd = INVALID_SOCKET;
    p.events = POLLIN;
    p.revents = 0;
    if (p.revents)
        return 1;
#else
    WSAPOLLFD p;
    p.fd = INVALID_SOCKET;
    p.events = POLLRDNORM;
    p.revents = 0;
    if (p.events != 0x100)
        return 1;
#endif
    if (inet_pton(AF_INET, "192.0.2.1", &a) != 1 || !inet_ntop(AF_INET, &a, text, sizeof text))
        return 1;
    return strcmp(text, "192.0.2.1") != 0;
}
