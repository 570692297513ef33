/* Shared by the libFuzzer targets (fuzz/README.md): each is a Winsock
 * program (Windows headers only) whose LLVMFuzzerTestOneInput feeds the
 * untrusted bytes to one family of parsers.  A round trip that does not
 * come back is a finding too: fuzz_check aborts, and libFuzzer keeps the
 * input. */
#ifndef WS2P_FUZZ_H
#define WS2P_FUZZ_H
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define fuzz_check(cond)                                                                  \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            fprintf(stderr, "%s:%d: round trip failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                      \
        }                                                                                 \
    } while (0)

/* WSAStartup once (the parsers want it, as on Windows). */
static inline void fuzz_startup(void)
{
    static int done;
    WSADATA wsa;
    if (!done && WSAStartup(MAKEWORD(2, 2), &wsa) == 0)
        done = 1;
}

/* The input as a NUL-terminated string (at most cap-1 bytes). */
static inline char *fuzz_str(const uint8_t *data, size_t size, char *buf, size_t cap)
{
    size_t n = size < cap - 1 ? size : cap - 1;
    memcpy(buf, data, n);
    buf[n] = 0;
    return buf;
}

/* The input as a NUL-terminated wide string: each byte a WCHAR, except
 * that a 0xff byte takes the next two as one UTF-16 unit (surrogates,
 * non-ASCII digits). */
static inline WCHAR *fuzz_wstr(const uint8_t *data, size_t size, WCHAR *buf, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < size && n < cap - 1; i++)
        if (data[i] == 0xff && i + 2 < size) {
            buf[n++] = (WCHAR)(data[i + 1] | data[i + 2] << 8);
            i += 2;
        } else
            buf[n++] = data[i];
    buf[n] = 0;
    return buf;
}

/* The input read as a stream of bytes and little-endian numbers (0 past
 * its end). */
struct fuzz_in {
    const uint8_t *p, *end;
};
static inline uint8_t fuzz_u8(struct fuzz_in *in)
{
    return in->p < in->end ? *in->p++ : 0;
}
static inline uint16_t fuzz_u16(struct fuzz_in *in)
{
    uint16_t lo = fuzz_u8(in);
    return (uint16_t)(lo | fuzz_u8(in) << 8);
}
static inline uint32_t fuzz_u32(struct fuzz_in *in)
{
    uint32_t lo = fuzz_u16(in);
    return lo | (uint32_t)fuzz_u16(in) << 16;
}

/* A connected loopback TCP pair (c, s), both non-blocking; 0 on success. */
static inline int fuzz_pair(SOCKET *c, SOCKET *s)
{
    struct sockaddr_in a;
    int len = sizeof a;
    u_long on = 1;
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    *c = *s = INVALID_SOCKET;
    if (l == INVALID_SOCKET || bind(l, (struct sockaddr *)&a, sizeof a) || listen(l, 1) ||
        getsockname(l, (struct sockaddr *)&a, &len) ||
        (*c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)) == INVALID_SOCKET ||
        connect(*c, (struct sockaddr *)&a, sizeof a) || (*s = accept(l, NULL, NULL)) == INVALID_SOCKET) {
        closesocket(l);
        closesocket(*c);
        return -1;
    }
    closesocket(l);
    ioctlsocket(*c, FIONBIO, &on);
    ioctlsocket(*s, FIONBIO, &on);
    return 0;
}

/* Everything readable on s read and dropped (non-blocking s). */
static inline void fuzz_drain(SOCKET s)
{
    char buf[4096];
    for (int i = 0; i < 256 && recv(s, buf, sizeof buf, 0) > 0; i++)
        ;
}
#endif
