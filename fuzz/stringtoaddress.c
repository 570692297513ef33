/* WSAStringToAddressA/W and WSAAddressToStringA/W: whatever parses comes
 * back the same through its text form. */
#include "fuzz.h"

static const INT families[] = {AF_INET, AF_INET6, AF_UNSPEC};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char s[256];
    WCHAR w[256];
    fuzz_startup();
    if (!size)
        return 0;
    INT af = families[data[0] % 3];
    fuzz_str(data + 1, size - 1, s, sizeof s);
    fuzz_wstr(data + 1, size - 1, w, sizeof w / sizeof w[0]);

    SOCKADDR_STORAGE a, b;
    INT alen = sizeof a, blen = sizeof b;
    memset(&a, 0, sizeof a);
    if (WSAStringToAddressA(s, af, NULL, (LPSOCKADDR)&a, &alen) == 0) {
        char text[128];
        DWORD tlen = sizeof text;
        fuzz_check(WSAAddressToStringA((LPSOCKADDR)&a, (DWORD)alen, NULL, text, &tlen) == 0);
        memset(&b, 0, sizeof b);
        fuzz_check(WSAStringToAddressA(text, a.ss_family, NULL, (LPSOCKADDR)&b, &blen) == 0);
        fuzz_check(alen == blen && !memcmp(&a, &b, (size_t)alen));
    }
    alen = sizeof a;
    memset(&a, 0, sizeof a);
    if (WSAStringToAddressW(w, af, NULL, (LPSOCKADDR)&a, &alen) == 0) {
        WCHAR text[128];
        DWORD tlen = sizeof text / sizeof text[0];
        fuzz_check(WSAAddressToStringW((LPSOCKADDR)&a, (DWORD)alen, NULL, text, &tlen) == 0);
    }
    /* Short lengths and odd buffers must fail cleanly, never overrun. */
    alen = (INT)(data[0] >> 2);
    WSAStringToAddressA(s, af, NULL, (LPSOCKADDR)&a, &alen);
    return 0;
}
