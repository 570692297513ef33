/* inet_pton / InetPtonW / inet_addr: an address that parses prints and
 * parses back to the same bytes. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char s[256];
    WCHAR w[256];
    fuzz_startup();
    if (!size)
        return 0;
    INT af = data[0] & 1 ? AF_INET6 : AF_INET;
    fuzz_str(data + 1, size - 1, s, sizeof s);
    fuzz_wstr(data + 1, size - 1, w, sizeof w / sizeof w[0]);

    unsigned char a[16] = {0}, b[16];
    if (inet_pton(af, s, a) == 1) {
        char text[INET6_ADDRSTRLEN];
        fuzz_check(inet_ntop(af, a, text, sizeof text) != NULL);
        fuzz_check(inet_pton(af, text, b) == 1);
        fuzz_check(!memcmp(a, b, af == AF_INET6 ? 16 : 4));
    }
    if (InetPtonW(af, w, a) == 1) {
        WCHAR text[INET6_ADDRSTRLEN];
        fuzz_check(InetNtopW(af, a, text, sizeof text / sizeof text[0]) != NULL);
        fuzz_check(InetPtonW(af, text, b) == 1);
        fuzz_check(!memcmp(a, b, af == AF_INET6 ? 16 : 4));
    }
    /* A short output buffer fails, never overruns. */
    char small[8];
    inet_ntop(af, a, small, (size_t)(data[0] >> 5));
    (void)inet_addr(s);
    return 0;
}
