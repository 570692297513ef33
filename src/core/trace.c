/* Tracing: WS2POSIX_TRACE=1 (stderr) or WS2POSIX_TRACE=<file> prints one line
 * per call: function, decoded arguments, result, WSA error name, and the
 * errno and system call it came from.  Off, each API pays one predictable
 * branch on ws_trace_on. */
#include "core.h"
#include <arpa/inet.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

bool ws_trace_on;
bool ws_fault_on; /* src/core/fault.c; here to share ws_trace_on's cache line */
static int trace_fd = 2;

__attribute__((constructor)) static void trace_init(void)
{
    const char *v = getenv("WS2POSIX_TRACE");
    if (!v || !*v || !strcmp(v, "0"))
        return;
    if (strcmp(v, "1") != 0) {
        int fd = open(v, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (fd < 0)
            return;
        trace_fd = fd;
    }
    ws_trace_on = true;
}

void ws_trace(const struct ws_call *c, long long ret, const char *fmt, ...)
{
    int saved = errno;
    char line[1024];
    int n = snprintf(line, sizeof line, "ws2posix[%ld] %s(", (long)ws_tid(), c->fn);
    va_list ap;
    va_start(ap, fmt);
    n += vsnprintf(line + n, n < (int)sizeof line ? sizeof line - (size_t)n : 0, fmt, ap);
    va_end(ap);
    if (n < (int)sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, ") = %lld", ret);
    if (n < (int)sizeof line && c->err && c->err != WS_ERR_KEEP) {
        const char *name = c->api == WS_API_W32 ? ws_w32_name(c->err) : ws_wsa_name(c->err);
        n += *name == '?' ? snprintf(line + n, sizeof line - (size_t)n, " error %d", c->err)
                          : snprintf(line + n, sizeof line - (size_t)n, " %s", name);
    }
    if (n < (int)sizeof line && c->sys && c->api == WS_API_CRT) /* errno is the C runtime's own answer */
        n += snprintf(line + n, sizeof line - (size_t)n, " errno %s [%s]", ws_errno_name(c->sys_errno), c->sys);
    else if (n < (int)sizeof line && c->sys)
        n += snprintf(line + n, sizeof line - (size_t)n, " [%s: %s%s]", c->sys, ws_errno_name(c->sys_errno),
                      ws_errno_is_mapped(c->sys_errno) ? "" : ", UNMAPPED errno");
    if (n >= (int)sizeof line - 1)
        n = (int)sizeof line - 2;
    line[n++] = '\n';
    ssize_t w = write(trace_fd, line, (size_t)n);
    (void)w;
    errno = saved;
}

const char *ws_trace_addr(char *buf, const void *wsaddr, long len)
{
    if (!wsaddr)
        return "NULL";
    if (len < 2 || ws_bad_ptr(wsaddr)) {
        snprintf(buf, 80, "%p(len %ld)", wsaddr, len);
        return buf;
    }
    USHORT fam;
    memcpy(&fam, wsaddr, sizeof fam);
    if (fam == WS_AF_INET && len >= (long)sizeof(struct WS_sockaddr_in)) {
        const struct WS_sockaddr_in *a = wsaddr;
        char ip[INET_ADDRSTRLEN];
        ws_libc_ntop(AF_INET, &a->sin_addr, ip, sizeof ip);
        snprintf(buf, 80, "%s:%u", ip, ntohs(a->sin_port));
    } else if (fam == WS_AF_INET6 && len >= (long)sizeof(struct WS_sockaddr_in6)) {
        const struct WS_sockaddr_in6 *a = wsaddr;
        char ip[INET6_ADDRSTRLEN];
        ws_libc_ntop(AF_INET6, a->sin6_addr, ip, sizeof ip);
        snprintf(buf, 80, "[%s%%%u]:%u", ip, (unsigned)a->sin6_scope_id, ntohs(a->sin6_port));
    } else {
        snprintf(buf, 80, "{family %u, len %ld}", fam, len);
    }
    return buf;
}
