/* getaddrinfo / GetAddrInfoW / getnameinfo on their numeric paths (no
 * resolver query leaves the machine): node and service are the input's two
 * halves, the hints its first byte. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char node[128], serv[64];
    WCHAR wnode[128], wserv[64];
    fuzz_startup();
    if (size < 1)
        return 0;
    const uint8_t *p = data + 1, *end = data + size;
    const uint8_t *cut = memchr(p, 0, (size_t)(end - p));
    size_t nlen = cut ? (size_t)(cut - p) : (size_t)(end - p);
    fuzz_str(p, nlen, node, sizeof node);
    fuzz_wstr(p, nlen, wnode, sizeof wnode / sizeof wnode[0]);
    const uint8_t *sp = cut ? cut + 1 : end;
    fuzz_str(sp, (size_t)(end - sp), serv, sizeof serv);
    fuzz_wstr(sp, (size_t)(end - sp), wserv, sizeof wserv / sizeof wserv[0]);

    static const int families[] = {AF_UNSPEC, AF_INET, AF_INET6, AF_UNSPEC};
    ADDRINFOA hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | (data[0] & 0x10 ? AI_PASSIVE : 0) |
                     (data[0] & 0x20 ? AI_CANONNAME : 0);
    hints.ai_family = families[data[0] & 3];
    hints.ai_socktype = data[0] & 4 ? SOCK_DGRAM : data[0] & 8 ? SOCK_STREAM : 0;
    const char *n = data[0] & 0x40 ? NULL : node, *s = data[0] & 0x80 ? NULL : serv;
    if (getaddrinfo(n, s, &hints, &res) == 0) {
        for (ADDRINFOA *i = res; i; i = i->ai_next) {
            char h[NI_MAXHOST], sv[NI_MAXSERV];
            fuzz_check(getnameinfo(i->ai_addr, (socklen_t)i->ai_addrlen, h, sizeof h, sv, sizeof sv,
                                   NI_NUMERICHOST | NI_NUMERICSERV) == 0);
        }
        freeaddrinfo(res);
    }
    ADDRINFOW whints, *wres = NULL;
    memset(&whints, 0, sizeof whints);
    whints.ai_flags = hints.ai_flags;
    whints.ai_family = hints.ai_family;
    whints.ai_socktype = hints.ai_socktype;
    if (GetAddrInfoW(n ? wnode : NULL, s ? wserv : NULL, &whints, &wres) == 0)
        FreeAddrInfoW(wres);
    return 0;
}
