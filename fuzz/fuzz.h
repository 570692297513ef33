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
static void fuzz_startup(void)
{
    static int done;
    WSADATA wsa;
    if (!done && WSAStartup(MAKEWORD(2, 2), &wsa) == 0)
        done = 1;
}

/* The input as a NUL-terminated string (at most cap-1 bytes). */
static char *fuzz_str(const uint8_t *data, size_t size, char *buf, size_t cap)
{
    size_t n = size < cap - 1 ? size : cap - 1;
    memcpy(buf, data, n);
    buf[n] = 0;
    return buf;
}

/* The input as a NUL-terminated wide string: each byte a WCHAR, except
 * that a 0xff byte takes the next two as one UTF-16 unit (surrogates,
 * non-ASCII digits). */
static WCHAR *fuzz_wstr(const uint8_t *data, size_t size, WCHAR *buf, size_t cap)
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
#endif
