/* The per-thread last error, the errno -> WSA table, and the code names and
 * texts (from wsaerrors.def, the one list). */
#include "core.h"
#include <string.h>


/* errno -> WSA, indexed by errno.  EPIPE and EAGAIN depend on the socket's
 * state and are refined by ws_fail_io(); EINPROGRESS is Windows'
 * WSAEWOULDBLOCK (connect.txt: "connect will return SOCKET_ERROR, and
 * WSAGetLastError will return WSAEWOULDBLOCK"). */
static const unsigned short errno_map[] = {
    [EINTR] = WSAEINTR,
    [EBADF] = WSAENOTSOCK,
    [EPERM] = WSAEACCES,
    [EACCES] = WSAEACCES,
    [EFAULT] = WSAEFAULT,
    [EINVAL] = WSAEINVAL,
    [EMFILE] = WSAEMFILE,
    [ENFILE] = WSAEMFILE,
    [EAGAIN] = WSAEWOULDBLOCK,
    [EINPROGRESS] = WSAEWOULDBLOCK,
    [EALREADY] = WSAEALREADY,
    [ENOTSOCK] = WSAENOTSOCK,
    [EDESTADDRREQ] = WSAEDESTADDRREQ,
    [EMSGSIZE] = WSAEMSGSIZE,
    [EPROTOTYPE] = WSAEPROTOTYPE,
    [ENOPROTOOPT] = WSAENOPROTOOPT,
    [EPROTONOSUPPORT] = WSAEPROTONOSUPPORT,
    [ESOCKTNOSUPPORT] = WSAESOCKTNOSUPPORT,
    [EOPNOTSUPP] = WSAEOPNOTSUPP,
    [EPFNOSUPPORT] = WSAEPFNOSUPPORT,
    [EAFNOSUPPORT] = WSAEAFNOSUPPORT,
    [EADDRINUSE] = WSAEADDRINUSE,
    [EADDRNOTAVAIL] = WSAEADDRNOTAVAIL,
    [ENETDOWN] = WSAENETDOWN,
    [ENETUNREACH] = WSAENETUNREACH,
    [ENETRESET] = WSAENETRESET,
    [ECONNABORTED] = WSAECONNABORTED,
    [ECONNRESET] = WSAECONNRESET,
    [ENOBUFS] = WSAENOBUFS,
    [ENOMEM] = WSAENOBUFS,
    [EISCONN] = WSAEISCONN,
    [ENOTCONN] = WSAENOTCONN,
    [ESHUTDOWN] = WSAESHUTDOWN,
    [EPIPE] = WSAESHUTDOWN,
    [ETOOMANYREFS] = WSAETOOMANYREFS,
    [ETIMEDOUT] = WSAETIMEDOUT,
    [ECONNREFUSED] = WSAECONNREFUSED,
    [ELOOP] = WSAELOOP,
    [ENAMETOOLONG] = WSAENAMETOOLONG,
    [EHOSTDOWN] = WSAEHOSTDOWN,
    [EHOSTUNREACH] = WSAEHOSTUNREACH,
    [ENOTEMPTY] = WSAENOTEMPTY,
    [EUSERS] = WSAEUSERS,
    [EDQUOT] = WSAEDQUOT,
    [ESTALE] = WSAESTALE,
    [EREMOTE] = WSAEREMOTE,
    [EPROTO] = WSAECONNABORTED,
    [ENODEV] = WSAENETDOWN,
    [ENXIO] = WSAENETDOWN,
    [ENOENT] = WSAECONNREFUSED, /* AF_UNIX: no socket at that path */
};

int ws_errno_to_wsa(int e)
{
    if (e > 0 && (size_t)e < sizeof errno_map / sizeof errno_map[0] && errno_map[e])
        return errno_map[e];
    return WSASYSCALLFAILURE; /* traced as unmapped by ws_trace() */
}

bool ws_errno_is_mapped(int e)
{
    return e > 0 && (size_t)e < sizeof errno_map / sizeof errno_map[0] && errno_map[e];
}

static const struct ws_errinfo {
    int code;
    const char *name;
    const char *text;
} errinfo[] = {
#define WS2P_ERR(name, value, text) {value, #name, text},
#include "wsaerrors.def"
#undef WS2P_ERR
};

static const struct ws_errinfo *find(int code)
{
    for (size_t i = 0; i < sizeof errinfo / sizeof errinfo[0]; i++)
        if (errinfo[i].code == code)
            return &errinfo[i];
    return NULL;
}

const char *ws_wsa_name(int code)
{
    const struct ws_errinfo *i = find(code);
    return i ? i->name : code == 0 ? "0" : "?";
}

const char *ws_wsa_text(int code)
{
    const struct ws_errinfo *i = find(code);
    return i ? i->text : NULL;
}

const char *ws_errno_name(int e)
{
    const char *n = strerrorname_np(e);
    return n ? n : "E?";
}
