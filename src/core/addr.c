/* Address and constant translation between Windows and Linux.  The sockaddr
 * layouts are the same on both systems for the families we carry (IPv4,
 * IPv6, AF_UNIX); only the family numbers differ (AF_INET6 is 23 on Windows,
 * 10 on Linux), so translation is a copy and a family rewrite. */
#include "core.h"
#include <arpa/inet.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>
#include <netinet/in.h>
#include <sys/un.h>

static const struct { int win, lx; } af_map[] = {
    {WS_AF_UNSPEC, AF_UNSPEC}, {WS_AF_UNIX, AF_UNIX},           {WS_AF_INET, AF_INET},
    {WS_AF_INET6, AF_INET6},   {WS_AF_IPX, AF_IPX},             {WS_AF_APPLETALK, AF_APPLETALK},
    {WS_AF_IRDA, AF_IRDA},
};

int ws_af_to_linux(int waf)
{
    for (size_t i = 0; i < sizeof af_map / sizeof af_map[0]; i++)
        if (af_map[i].win == waf)
            return af_map[i].lx;
    return -1;
}

int ws_af_from_linux(int laf)
{
    for (size_t i = 0; i < sizeof af_map / sizeof af_map[0]; i++)
        if (af_map[i].lx == laf)
            return af_map[i].win;
    return -1;
}

int ws_addr_minlen(int waf)
{
    switch (waf) {
    case WS_AF_INET:
        return sizeof(struct WS_sockaddr_in);
    case WS_AF_INET6:
        /* Windows rejects the 24-byte pre-scope-id form (sock.c test_bind). */
        return sizeof(struct WS_sockaddr_in6);
    case WS_AF_UNIX:
        return (int)offsetof(struct sockaddr_un, sun_path);
    default:
        return 0;
    }
}

int ws_addr_in(const void *name, int namelen, struct sockaddr_storage *out, socklen_t *outlen)
{
    USHORT fam;
    if (ws_bad_ptr(name) || namelen < (int)sizeof fam)
        return WSAEFAULT;
    memcpy(&fam, name, sizeof fam);
    int lx = ws_af_to_linux(fam);
    int min = ws_addr_minlen(fam);
    if (lx < 0 || !min)
        return WSAEAFNOSUPPORT;
    if (namelen < min)
        return WSAEFAULT;
    size_t len = (size_t)namelen;
    if (fam == WS_AF_INET)
        len = sizeof(struct sockaddr_in);
    else if (fam == WS_AF_INET6)
        len = sizeof(struct sockaddr_in6);
    else if (len > sizeof(struct sockaddr_un))
        len = sizeof(struct sockaddr_un);
    memset(out, 0, sizeof(struct sockaddr_in6));
    memcpy(out, name, len);
    out->ss_family = (sa_family_t)lx;
    *outlen = (socklen_t)len;
    return 0;
}

int ws_addr_out(const struct sockaddr *lx, socklen_t lxlen, void *name, int *namelen)
{
    if (ws_bad_ptr(name) || ws_bad_ptr(namelen))
        return WSAEFAULT;
    int waf = ws_af_from_linux(lx->sa_family);
    size_t len = lxlen;
    if (lx->sa_family == AF_INET)
        len = sizeof(struct WS_sockaddr_in);
    else if (lx->sa_family == AF_INET6)
        len = sizeof(struct WS_sockaddr_in6);
    if (*namelen < 0 || (size_t)*namelen < len)
        return WSAEFAULT;
    memcpy(name, lx, len);
    USHORT wf = (USHORT)(waf < 0 ? lx->sa_family : waf);
    memcpy(name, &wf, sizeof wf);
    *namelen = (int)len;
    return 0;
}

int ws_msgflags_to_linux(int wflags)
{
    static const struct { int win, lx; } map[] = {
        {WS_MSG_OOB, MSG_OOB},       {WS_MSG_PEEK, MSG_PEEK},   {WS_MSG_DONTROUTE, MSG_DONTROUTE},
        {WS_MSG_WAITALL, MSG_WAITALL}, {WS_MSG_PUSH_IMMEDIATE, 0},
    };
    int lx = 0;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        if (wflags & map[i].win) {
            lx |= map[i].lx;
            wflags &= ~map[i].win;
        }
    }
    return wflags ? -1 : lx;
}

/* 0.0.0.0 or ::.  Linux treats it as this host; for Windows it is no
 * destination (connect.txt: WSAEADDRNOTAVAIL). */
bool ws_addr_is_any(const struct sockaddr_storage *ss)
{
    static const unsigned char zero[16];
    if (ss->ss_family == AF_INET)
        return ((const struct sockaddr_in *)ss)->sin_addr.s_addr == 0;
    if (ss->ss_family == AF_INET6)
        return !memcmp(&((const struct sockaddr_in6 *)ss)->sin6_addr, zero, 16);
    return false;
}

/* Windows resolves "localhost" itself (any case, with or without the final
 * dot), never asking the hosts file or DNS. */
bool ws_is_localhost(const char *name)
{
    return name && (!strcasecmp(name, "localhost") || !strcasecmp(name, "localhost."));
}

