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

/* errno -> Win32 (kernel32 and the other Win32 families), indexed by
 * errno; callers refine what depends on context (ENOENT is
 * ERROR_PATH_NOT_FOUND when a directory on the way is missing, EEXIST is
 * ERROR_FILE_EXISTS for CreateFile, ...). */
static const unsigned short errno_w32_map[] = {
    [EPERM] = ERROR_ACCESS_DENIED,
    [ENOENT] = ERROR_FILE_NOT_FOUND,
    [EINTR] = ERROR_OPERATION_ABORTED,
    [EIO] = ERROR_GEN_FAILURE,
    [ENXIO] = ERROR_FILE_NOT_FOUND,
    [EBADF] = ERROR_INVALID_HANDLE,
    [ENOMEM] = ERROR_NOT_ENOUGH_MEMORY,
    [EACCES] = ERROR_ACCESS_DENIED,
    [EFAULT] = ERROR_NOACCESS,
    [EBUSY] = ERROR_BUSY,
    [EEXIST] = ERROR_ALREADY_EXISTS,
    [EXDEV] = ERROR_NOT_SAME_DEVICE,
    [ENODEV] = ERROR_FILE_NOT_FOUND,
    [ENOTDIR] = ERROR_PATH_NOT_FOUND,
    [EISDIR] = ERROR_ACCESS_DENIED,
    [EINVAL] = ERROR_INVALID_PARAMETER,
    [ENFILE] = ERROR_TOO_MANY_OPEN_FILES,
    [EMFILE] = ERROR_TOO_MANY_OPEN_FILES,
    [ETXTBSY] = ERROR_SHARING_VIOLATION,
    [ENOSPC] = ERROR_DISK_FULL,
    [EROFS] = ERROR_WRITE_PROTECT,
    [ESPIPE] = ERROR_SEEK_ON_DEVICE,
    [EPIPE] = ERROR_BROKEN_PIPE,
    [ENAMETOOLONG] = ERROR_FILENAME_EXCED_RANGE,
    [ENOSYS] = ERROR_CALL_NOT_IMPLEMENTED,
    [ENOTEMPTY] = ERROR_DIR_NOT_EMPTY,
    [ELOOP] = ERROR_CANT_RESOLVE_FILENAME,
    [EOVERFLOW] = ERROR_ARITHMETIC_OVERFLOW,
    [ENOTSUP] = ERROR_NOT_SUPPORTED,
    [ETIMEDOUT] = ERROR_TIMEOUT,
    [EDQUOT] = ERROR_DISK_FULL,
    [ENETUNREACH] = ERROR_NETWORK_UNREACHABLE,
    [EHOSTUNREACH] = ERROR_HOST_UNREACHABLE,
    [EAFNOSUPPORT] = ERROR_NOT_SUPPORTED,
};

int ws_errno_to_w32(int e)
{
    if (e > 0 && (size_t)e < sizeof errno_w32_map / sizeof errno_w32_map[0] && errno_w32_map[e])
        return errno_w32_map[e];
    return ERROR_GEN_FAILURE; /* traced with the errno it came from */
}

/* Names and texts: the Winsock list first, then the Win32 one (the few
 * codes in both, 6, 8, 87 and 995-997, have the same value and meaning). */
static const struct ws_errinfo {
    int code;
    const char *name;
    const char *text;
} errinfo[] = {
#define WS2P_ERR(name, value, text) {value, #name, text},
#include "wsaerrors.def"
#undef WS2P_ERR
}, w32info[] = {
#define WS2P_W32ERR(name, value, text) {(int)(value), #name, text},
#include "w32errors.def"
#undef WS2P_W32ERR
};

static const struct ws_errinfo *find(int code)
{
    for (size_t i = 0; i < sizeof errinfo / sizeof errinfo[0]; i++)
        if (errinfo[i].code == code)
            return &errinfo[i];
    for (size_t i = 0; i < sizeof w32info / sizeof w32info[0]; i++)
        if (w32info[i].code == code)
            return &w32info[i];
    return NULL;
}

const char *ws_wsa_name(int code)
{
    const struct ws_errinfo *i = find(code);
    return i ? i->name : code == 0 ? "0" : "?";
}

const char *ws_w32_name(int code)
{
    for (size_t i = 0; i < sizeof w32info / sizeof w32info[0]; i++)
        if (w32info[i].code == code)
            return w32info[i].name;
    return ws_wsa_name(code);
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
