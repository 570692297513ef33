/* Address conversion: inet_addr, inet_ntoa, inet_pton/InetPtonW,
 * inet_ntop/InetNtopW, WSAAddressToStringA, WSAStringToAddressA.
 * Expected values are Windows' (Wine protocol.c tests, not todo_wine). */
#include "wstest.h"

/* Windows 8+ reports a short inet_ntop buffer as STATUS_INVALID_PARAMETER
 * in the last error (Windows 7: WSAEINVAL). */
#define WT_STATUS_INVALID_PARAMETER ((int)0xC000000D)

static u_long addr_of(int a, int b, int c, int d)
{
    return htonl((u_long)a << 24 | (u_long)b << 16 | (u_long)c << 8 | (u_long)d);
}

/* ---- inet_addr ---------------------------------------------------------- */

WT_CASE(test_inet_addr_null)
{
    expect_wsa(inet_addr(NULL), INADDR_NONE, WSAEFAULT);
}

/* One to four parts; the last fills the remaining bytes. */
WT_CASE(test_inet_addr_parts)
{
    expect_wsa(inet_addr("1.2.3.4"), addr_of(1, 2, 3, 4), SENTINEL);
    expect_wsa(inet_addr("1.2.3"), addr_of(1, 2, 0, 3), SENTINEL);
    expect_wsa(inet_addr("1.2"), addr_of(1, 0, 0, 2), SENTINEL);
    expect_wsa(inet_addr("1"), addr_of(0, 0, 0, 1), SENTINEL);
    expect_wsa(inet_addr("203569230"), addr_of(12, 34, 56, 78), SENTINEL);
    expect_wsa(inet_addr("0.0.0.0"), 0, SENTINEL);
    expect_wsa(inet_addr("127.127.127.255"), addr_of(127, 127, 127, 255), SENTINEL);
}

/* Parts may be octal (leading 0) or hex (0x). */
WT_CASE(test_inet_addr_octal_hex)
{
    expect_wsa(inet_addr("0x00010203"), addr_of(0, 1, 2, 3), SENTINEL);
    expect_wsa(inet_addr("0x2134"), addr_of(0, 0, 33, 52), SENTINEL);
    expect_wsa(inet_addr("017700000001"), addr_of(127, 0, 0, 1), SENTINEL);
    expect_wsa(inet_addr("0777"), addr_of(0, 0, 1, 255), SENTINEL);
    expect_wsa(inet_addr("1.2.3.010"), addr_of(1, 2, 3, 8), SENTINEL);
    expect_wsa(inet_addr("1.2.3.00"), addr_of(1, 2, 3, 0), SENTINEL);
    expect_wsa(inet_addr("1.2.3.0xaA"), addr_of(1, 2, 3, 170), SENTINEL);
}

/* Parsing stops at the first whitespace; what follows is ignored. */
WT_CASE(test_inet_addr_stops_at_space)
{
    char str[8];
    expect_wsa(inet_addr("1 2 3 4"), addr_of(0, 0, 0, 1), SENTINEL);
    expect_wsa(inet_addr("1.2.3 .4"), addr_of(1, 2, 0, 3), SENTINEL);
    expect_wsa(inet_addr("1.2.3 \xfe\xff"), addr_of(1, 2, 0, 3), SENTINEL);
    expect_wsa(inet_addr("3.4.5.6  7"), addr_of(3, 4, 5, 6), SENTINEL);
    expect_wsa(inet_addr("3 .4.5.6"), addr_of(0, 0, 0, 3), SENTINEL);
    expect_wsa(inet_addr("0xa1a2b3b4 "), addr_of(161, 162, 179, 180), SENTINEL);
    /* "1.2.3" + one byte: whitespace ends the address, anything else that
     * is not a digit makes it invalid. */
    strcpy(str, "1.2.3");
    str[6] = 0;
    for (int i = 1; i < 256; i++) {
        if (i >= '0' && i <= '9')
            continue;
        str[5] = (char)i;
        int space = i == ' ' || (i >= '\t' && i <= '\r');
        u_long want = space ? addr_of(1, 2, 0, 3) : INADDR_NONE;
        ok(inet_addr(str) == want, "byte %d: got %#lx", i, (unsigned long)inet_addr(str));
    }
}

/* Malformed text is INADDR_NONE and leaves the last error alone. */
WT_CASE(test_inet_addr_invalid)
{
    static const char *const bad[] = {
        "",         "\t",         "  ",          " 0",         " 3.4.5.6",   "\t3.4.5.6", ".",
        ".1.2.3",   "1.2.3. 4",   "3. 4.5.6",    "3.4.5.6.7",  "3.4.5.6. 7", "127.127.127.255:123",
        "127.127.127.256", "a",   "1.1.1.0x",    "1.2.3.0a",   "1.1.1.0o10", "1.1.1.0b10", "1.1.1.-2",
        "[0.1.2.3]", "1234BEEF",  "::1",         ":1",         "::1/128",    "2607:f0d0:1002:51::4",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        expect_wsa(inet_addr(bad[i]), INADDR_NONE, SENTINEL);
}

/* A single space is 0.0.0.0 (and not INADDR_NONE like two spaces). */
WT_CASE(test_inet_addr_single_space)
{
    expect_wsa(inet_addr(" "), 0, SENTINEL);
}

/* ---- inet_ntoa ----------------------------------------------------------- */

WT_CASE(test_inet_ntoa)
{
    struct in_addr a;
    a.s_addr = 0;
    ok(!strcmp(inet_ntoa(a), "0.0.0.0"), "got %s", inet_ntoa(a));
    a.s_addr = 0x20201015;
    ok(!strcmp(inet_ntoa(a), "21.16.32.32"), "got %s", inet_ntoa(a));
}

static DWORD WINAPI ntoa_thread(LPVOID arg)
{
    struct in_addr a;
    a.s_addr = htonl(0x04030201);
    strcpy((char *)arg, inet_ntoa(a));
    return 0;
}

/* The result buffer is per thread: another thread's call leaves ours. */
WT_CASE(test_inet_ntoa_per_thread)
{
    char other[16] = "";
    struct in_addr a;
    a.s_addr = htonl(0x01020304);
    const char *mine = inet_ntoa(a);
    HANDLE t = CreateThread(NULL, 0, ntoa_thread, other, 0, NULL);
    ok(t != NULL, "CreateThread failed");
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    ok(!strcmp(other, "4.3.2.1"), "other thread got %s", other);
    ok(!strcmp(mine, "1.2.3.4"), "this thread's result became %s", mine);
}

/* protocol.c's whole inet_addr table: the value (as stored, so byte 0 is
 * the first number) and the last error left alone. */
WT_CASE(test_inet_addr_table)
{
    static const struct {
        const char *text;
        u_long addr;
    } tests[] = {
        {"1.2.3.4", 0x04030201},
        {"1 2 3 4", 0x01000000},
        {"1.2.3. 4", 0xffffffff},
        {"1.2.3 .4", 0x03000201},
        {"1.2.3 \xfe\xff", 0x03000201},
        {"3.4.5.6.7", 0xffffffff},
        {"3.4.5.6. 7", 0xffffffff},
        {"3.4.5.6  7", 0x06050403},
        {" 3.4.5.6", 0xffffffff},
        {"\t3.4.5.6", 0xffffffff},
        {"3.4.5.6 ", 0x06050403},
        {"3.4.5.6  ", 0x06050403},
        {"3. 4.5.6", 0xffffffff},
        {"3 .4.5.6", 0x03000000},
        {"1.2.3", 0x03000201},
        {".1.2.3", 0xffffffff},
        {"0.0.0.0", 0x00000000},
        {"", 0xffffffff},
        {" 0", 0xffffffff},
        {"0xa1a2b3b4 ", 0xb4b3a2a1},
        {".", 0xffffffff},
        {" ", 0x00000000},
        {"\t", 0xffffffff},
        {"  ", 0xffffffff},
        {"127.127.127.255", 0xff7f7f7f},
        {"127.127.127.255:123", 0xffffffff},
        {"127.127.127.256", 0xffffffff},
        {"a", 0xffffffff},
        {"1.2.3.0xaA", 0xaa030201},
        {"1.1.1.0x", 0xffffffff},
        {"1.2.3.010", 0x08030201},
        {"1.2.3.00", 0x00030201},
        {"1.2.3.0a", 0xffffffff},
        {"1.1.1.0o10", 0xffffffff},
        {"1.1.1.0b10", 0xffffffff},
        {"1.1.1.-2", 0xffffffff},
        {"1", 0x01000000},
        {"1.2", 0x02000001},
        {"203569230", 0x4e38220c},
        {"[0.1.2.3]", 0xffffffff},
        {"0x00010203", 0x03020100},
        {"0x2134", 0x34210000},
        {"1234BEEF", 0xffffffff},
        {"017700000001", 0x0100007f},
        {"0777", 0xff010000},
        {"2607:f0d0:1002:51::4", 0xffffffff},
        {"::177.32.45.20", 0xffffffff},
        {"::1/128", 0xffffffff},
        {"::1", 0xffffffff},
        {":1", 0xffffffff},
    };
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        const BYTE *b = (const BYTE *)&tests[i].addr;
        u_long want = htonl((u_long)b[0] << 24 | (u_long)b[1] << 16 | (u_long)b[2] << 8 | b[3]);
        if (*(const BYTE *)&(u_long){1} == 0) /* big-endian: the value is already in memory order */
            want = tests[i].addr;
        expect_wsa(inet_addr(tests[i].text), want, SENTINEL);
    }
}

/* ---- inet_pton ----------------------------------------------------------- */

WT_CASE(test_inet_pton_null)
{
    BYTE buf[16];
    expect_wsa(inet_pton(AF_UNSPEC, NULL, buf), -1, WSAEFAULT);
    expect_wsa(inet_pton(AF_INET, NULL, buf), -1, WSAEFAULT);
    expect_wsa(InetPtonW(AF_UNSPEC, NULL, buf), -1, WSAEFAULT);
    expect_wsa(InetPtonW(AF_INET, NULL, buf), -1, WSAEFAULT);
}

WT_CASE(test_inet_pton_family)
{
    BYTE buf[16];
    expect_wsa(inet_pton(AF_UNSPEC, "127.0.0.1", buf), -1, WSAEAFNOSUPPORT);
    expect_wsa(inet_pton(AF_UNSPEC, "2607:f0d0:1002:51::4", buf), -1, WSAEAFNOSUPPORT);
    expect_wsa(InetPtonW(AF_UNSPEC, L"127.0.0.1", buf), -1, WSAEAFNOSUPPORT);
}

/* IPv4 is strict: four decimal parts, no leading zeros, nothing around. */
WT_CASE(test_inet_pton_ipv4)
{
    static const char *const bad[] = {"",         " ",         "127.127.127.256", "a",        "1.1.1.0xaA",
                                      "1.1.1.010", "1.1.1.00", "1.1.1.-2",        "1",        "1.2",
                                      "1.2.3",     "203569230", "3.4.5.6.7",      " 3.4.5.6", "[0.1.2.3]",
                                      "0x00010203", "::1"};
    DWORD a = 0xdeadbeef;
    expect_wsa(inet_pton(AF_INET, "1.1.1.1", &a), 1, SENTINEL);
    ok(a == 0x01010101, "got %#lx", (unsigned long)a);
    expect_wsa(inet_pton(AF_INET, "127.127.127.255", &a), 1, SENTINEL);
    ok(a == addr_of(127, 127, 127, 255), "got %#lx", (unsigned long)a);
    expect_wsa(inet_pton(AF_INET, "0.0.0.0", &a), 1, SENTINEL);
    ok(a == 0, "got %#lx", (unsigned long)a);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        a = 0xdeadbeef;
        expect_wsa(inet_pton(AF_INET, bad[i], &a), 0, SENTINEL);
        ok(a == 0xdeadbeef, "\"%s\": buffer changed to %#lx", bad[i], (unsigned long)a);
    }
}

/* protocol.c's inet_pton IPv4 table through both forms: result, last error
 * (untouched by inet_pton, WSAEINVAL from InetPtonW when 0) and the DWORD
 * left in a buffer holding 0xdeadbeef. */
static const struct {
    const char *text;
    int ret;
    DWORD addr;
} pton_v4[] = {
    {"", 0, 0xdeadbeef},
    {" ", 0, 0xdeadbeef},
    {"1.1.1.1", 1, 0x01010101},
    {"0.0.0.0", 1, 0x00000000},
    {"127.127.127.255", 1, 0xff7f7f7f},
    {"127.127.127.255:123", 0, 0xff7f7f7f},
    {"127.127.127.256", 0, 0xdeadbeef},
    {"a", 0, 0xdeadbeef},
    {"1.1.1.0xaA", 0, 0xdeadbeef},
    {"1.1.1.0x", 0, 0xdeadbeef},
    {"1.1.1.010", 0, 0xdeadbeef},
    {"1.1.1.00", 0, 0xdeadbeef},
    {"1.1.1.0a", 0, 0x00010101},
    {"1.1.1.0o10", 0, 0x00010101},
    {"1.1.1.0b10", 0, 0x00010101},
    {"1.1.1.-2", 0, 0xdeadbeef},
    {"1", 0, 0xdeadbeef},
    {"1.2", 0, 0xdeadbeef},
    {"1.2.3", 0, 0xdeadbeef},
    {"203569230", 0, 0xdeadbeef},
    {"3.4.5.6.7", 0, 0xdeadbeef},
    {" 3.4.5.6", 0, 0xdeadbeef},
    {"\t3.4.5.6", 0, 0xdeadbeef},
    {"3.4.5.6 ", 0, 0x06050403},
    {"3. 4.5.6", 0, 0xdeadbeef},
    {"[0.1.2.3]", 0, 0xdeadbeef},
    {"0x00010203", 0, 0xdeadbeef},
    {"0x2134", 0, 0xdeadbeef},
    {"1234BEEF", 0, 0xdeadbeef},
    {"017700000001", 0, 0xdeadbeef},
    {"0777", 0, 0xdeadbeef},
    {"2607:f0d0:1002:51::4", 0, 0xdeadbeef},
    {"::177.32.45.20", 0, 0xdeadbeef},
    {"::1/128", 0, 0xdeadbeef},
    {"::1", 0, 0xdeadbeef},
    {":1", 0, 0xdeadbeef},
};

WT_CASE(test_inet_pton_ipv4_table)
{
    for (size_t i = 0; i < sizeof pton_v4 / sizeof pton_v4[0]; i++) {
        DWORD a = 0xdeadbeef;
        WCHAR w[32];
        size_t k = 0;
        expect_wsa(inet_pton(AF_INET, pton_v4[i].text, &a), pton_v4[i].ret, SENTINEL);
        ok(a == pton_v4[i].addr, "\"%s\": got %#lx", pton_v4[i].text, (unsigned long)a);
        for (; pton_v4[i].text[k]; k++)
            w[k] = (WCHAR)(unsigned char)pton_v4[i].text[k];
        w[k] = 0;
        a = 0xdeadbeef;
        expect_wsa(InetPtonW(AF_INET, w, &a), pton_v4[i].ret, pton_v4[i].ret ? SENTINEL : WSAEINVAL);
        ok(a == pton_v4[i].addr, "W \"%s\": got %#lx", pton_v4[i].text, (unsigned long)a);
    }
}

/* Four good numbers are stored even when junk follows them. */
WT_CASE(test_inet_pton_ipv4_partial)
{
    DWORD a = 0xdeadbeef;
    expect_wsa(inet_pton(AF_INET, "127.127.127.255:123", &a), 0, SENTINEL);
    ok(a == addr_of(127, 127, 127, 255), "got %#lx", (unsigned long)a);
    a = 0xdeadbeef;
    expect_wsa(inet_pton(AF_INET, "3.4.5.6 ", &a), 0, SENTINEL);
    ok(a == addr_of(3, 4, 5, 6), "got %#lx", (unsigned long)a);
    /* A last part "0" followed by a letter: stored, then rejected. */
    static const char *const tail[] = {"1.1.1.0a", "1.1.1.0o10", "1.1.1.0b10"};
    for (size_t i = 0; i < sizeof tail / sizeof tail[0]; i++) {
        WCHAR w[16];
        size_t k = 0;
        a = 0xdeadbeef;
        expect_wsa(inet_pton(AF_INET, tail[i], &a), 0, SENTINEL);
        ok(a == addr_of(1, 1, 1, 0), "%s: got %#lx", tail[i], (unsigned long)a);
        for (; tail[i][k]; k++)
            w[k] = (WCHAR)(unsigned char)tail[i][k];
        w[k] = 0;
        a = 0xdeadbeef;
        expect_wsa(InetPtonW(AF_INET, w, &a), 0, WSAEINVAL);
        ok(a == addr_of(1, 1, 1, 0), "W %s: got %#lx", tail[i], (unsigned long)a);
    }
}

WT_CASE(test_inet_pton_ipv6)
{
    static const struct {
        const char *text;
        int ret;
        BYTE addr[16];
    } tests[] = {
        {"::", 1, {0}},
        {"::1", 1, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}},
        {"0:0:0:0:0:0:0::", 1, {0}},
        {"1111:2222:3333:4444:5555:6666:7777::", 1, {0x11, 0x11, 0x22, 0x22, 0x33, 0x33, 0x44, 0x44, 0x55, 0x55, 0x66, 0x66, 0x77, 0x77, 0, 0}},
        {"1080:0:0:0:8:800:200c:417a", 1, {0x10, 0x80, 0, 0, 0, 0, 0, 0, 0, 8, 8, 0, 0x20, 0x0c, 0x41, 0x7a}},
        {"::123.123.123.123", 1, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 123, 123, 123, 123}},
        {"0:0:0:0:0:FFFF:129.144.52.38", 1, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 129, 144, 52, 38}},
        {"1::001.2.3.4", 1, {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4}},
        {"1::0001.2.3.4", 0, {0}},
        {"1111:2222:3333:4444:0x5555:6666:7777:8888", 0, {0}},
        {"02001:0000:1234:0000:0000:C1C0:ABCD:0876", 0, {0}},
        {"::%16", 0, {0}},
        {"::/16", 0, {0}},
        {"[::]", 0, {0}},
        {"1.2.3.4", 0, {0}},
        {"1::2::3", 0, {0}},
        {":1111::", 0, {0}},
        {"1111:2222:", 0, {0}},
        {"1111:2222:3333:4444:5555:6666:7777:8888:9999", 0, {0}},
        {"1111:2222:3333:4444:5555:6666::1.2.3.4", 0, {0}},
        {"1::1.2.3.256", 0, {0}},
        {"2001:0000:1234: 0000:0000:C1C0:ABCD:0876", 0, {0}},
    };
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        BYTE a[16];
        memset(a, 0xab, sizeof a);
        expect_wsa(inet_pton(AF_INET6, tests[i].text, a), tests[i].ret, SENTINEL);
        if (tests[i].ret)
            ok(!memcmp(a, tests[i].addr, 16), "\"%s\": wrong address", tests[i].text);
    }
}

/* protocol.c's whole inet_pton IPv6 table: the result of every row through
 * inet_pton (last error untouched) and InetPtonW (WSAEINVAL when 0), and the
 * address of every accepted row.  Groups are given as the USHORTs Windows
 * stores (so 0x100 is the group 1); for a rejected row they are what
 * Windows leaves in a buffer of 0xab bytes: the groups it had read. */
static const struct {
    const char *text;
    int ret;
    USHORT words[8];
} pton_v6[] = {
    {"0000:0000:0000:0000:0000:0000:0000:0000", 1, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"0000:0000:0000:0000:0000:0000:0000:0001", 1, {0, 0, 0, 0, 0, 0, 0, 0x100}},
    {"0:0:0:0:0:0:0:0", 1, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"0:0:0:0:0:0:0:1", 1, {0, 0, 0, 0, 0, 0, 0, 0x100}},
    {"0:0:0:0:0:0:0::", 1, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"0:0:0:0:0:0:13.1.68.3", 1, {0, 0, 0, 0, 0, 0, 0x10d, 0x344}},
    {"0:0:0:0:0:0::", 1, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"0:0:0:0:0::", 1, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"0:0:0:0:0:FFFF:129.144.52.38", 1, {0, 0, 0, 0, 0, 0xffff, 0x9081, 0x2634}},
    {"0::", 1, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"0:1:2:3:4:5:6:7", 1, {0, 0x100, 0x200, 0x300, 0x400, 0x500, 0x600, 0x700}},
    {"1080:0:0:0:8:800:200c:417a", 1, {0x8010, 0, 0, 0, 0x800, 0x8, 0x0c20, 0x7a41}},
    {"0:a:b:c:d:e:f::", 1, {0, 0xa00, 0xb00, 0xc00, 0xd00, 0xe00, 0xf00, 0}},
    {"1111:2222:3333:4444:5555:6666:123.123.123.123", 1, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7b7b, 0x7b7b}},
    {"1111:2222:3333:4444:5555:6666:7777:8888", 1, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0x8888}},
    {"1111:2222:3333:4444:0x5555:6666:7777:8888", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1111:2222:3333:4444:x555:6666:7777:8888", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1111:2222:3333:4444:0r5555:6666:7777:8888", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1111:2222:3333:4444:r5555:6666:7777:8888", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1111:2222:3333:4444:5555:6666:7777::", 1, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0}},
    {"1111:2222:3333:4444:5555:6666::", 1, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0, 0}},
    {"1111:2222:3333:4444:5555:6666::8888", 1, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0, 0x8888}},
    {"1111:2222:3333:4444:5555:6666::7777:8888", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0, 0x7777}},
    {"1111:2222:3333:4444:5555:6666:7777::8888", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0}},
    {"1111:2222:3333:4444:5555::", 1, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0, 0, 0}},
    {"1111:2222:3333:4444:5555::123.123.123.123", 1, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0, 0x7b7b, 0x7b7b}},
    {"1111:2222:3333:4444:5555::0x1.123.123.123", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0, 0, 0x100}},
    {"1111:2222:3333:4444:5555::0x88", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0, 0, 0x8800}},
    {"1111:2222:3333:4444:5555::0X88", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0, 0, 0x8800}},
    {"1111:2222:3333:4444:5555::0X", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0, 0, 0}},
    {"1111:2222:3333:4444:5555::0X88:7777", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0, 0, 0x8800}},
    {"1111:2222:3333:4444:5555::0x8888", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0, 0, 0x8888}},
    {"1111:2222:3333:4444:5555::0x80000000", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0, 0, 0xffff}},
    {"1111:2222:3333:4444::5555:0x012345678", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0, 0, 0x5555, 0x7856}},
    {"1111:2222:3333:4444::5555:0x123456789", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0, 0, 0x5555, 0xffff}},
    {"1111:2222:3333:4444:5555:6666:0x12345678", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0xabab, 0xabab}},
    {"1111:2222:3333:4444:5555:6666:7777:0x80000000", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0xffff}},
    {"1111:2222:3333:4444:5555:6666:7777:0x012345678", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0x7856}},
    {"1111:2222:3333:4444:5555:6666:7777:0x123456789", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0xffff}},
    {"111:222:333:444:555:666:777:0x123456789abcdef0", 0, {0x1101, 0x2202, 0x3303, 0x4404, 0x5505, 0x6606, 0x7707, 0xffff}},
    {"1111:2222:3333:4444:5555::08888", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0xabab, 0xabab, 0xabab}},
    {"1111:2222:3333:4444:5555::08888::", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0xabab, 0xabab, 0xabab}},
    {"1111:2222:3333:4444:5555:6666:7777:fffff:", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0xabab}},
    {"1111:2222:3333:4444:5555:6666::fffff:", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0xabab, 0xabab}},
    {"1111:2222:3333:4444:5555::fffff", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0xabab, 0xabab, 0xabab}},
    {"1111:2222:3333:4444::fffff", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1111:2222:3333::fffff", 0, {0x1111, 0x2222, 0x3333, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1111:2222:3333:4444:5555::7777:8888", 1, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0, 0x7777, 0x8888}},
    {"1111:2222:3333:4444:5555::8888", 1, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0, 0, 0x8888}},
    {"1111::", 1, {0x1111, 0, 0, 0, 0, 0, 0, 0}},
    {"1111::123.123.123.123", 1, {0x1111, 0, 0, 0, 0, 0, 0x7b7b, 0x7b7b}},
    {"1111::3333:4444:5555:6666:123.123.123.123", 1, {0x1111, 0, 0x3333, 0x4444, 0x5555, 0x6666, 0x7b7b, 0x7b7b}},
    {"1111::3333:4444:5555:6666:7777:8888", 1, {0x1111, 0, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0x8888}},
    {"1111::4444:5555:6666:123.123.123.123", 1, {0x1111, 0, 0, 0x4444, 0x5555, 0x6666, 0x7b7b, 0x7b7b}},
    {"1111::4444:5555:6666:7777:8888", 1, {0x1111, 0, 0, 0x4444, 0x5555, 0x6666, 0x7777, 0x8888}},
    {"1111::5555:6666:123.123.123.123", 1, {0x1111, 0, 0, 0, 0x5555, 0x6666, 0x7b7b, 0x7b7b}},
    {"1111::5555:6666:7777:8888", 1, {0x1111, 0, 0, 0, 0x5555, 0x6666, 0x7777, 0x8888}},
    {"1111::6666:123.123.123.123", 1, {0x1111, 0, 0, 0, 0, 0x6666, 0x7b7b, 0x7b7b}},
    {"1111::6666:7777:8888", 1, {0x1111, 0, 0, 0, 0, 0x6666, 0x7777, 0x8888}},
    {"1111::7777:8888", 1, {0x1111, 0, 0, 0, 0, 0, 0x7777, 0x8888}},
    {"1111::8888", 1, {0x1111, 0, 0, 0, 0, 0, 0, 0x8888}},
    {"1:2:3:4:5:6:1.2.3.4", 1, {0x100, 0x200, 0x300, 0x400, 0x500, 0x600, 0x201, 0x403}},
    {"1:2:3:4:5:6:7:8", 1, {0x100, 0x200, 0x300, 0x400, 0x500, 0x600, 0x700, 0x800}},
    {"1:2:3:4:5:6::", 1, {0x100, 0x200, 0x300, 0x400, 0x500, 0x600, 0, 0}},
    {"1:2:3:4:5:6::8", 1, {0x100, 0x200, 0x300, 0x400, 0x500, 0x600, 0, 0x800}},
    {"2001:0000:1234:0000:0000:C1C0:ABCD:0876", 1, {0x120, 0, 0x3412, 0, 0, 0xc0c1, 0xcdab, 0x7608}},
    {"2001:0000:4136:e378:8000:63bf:3fff:fdd2", 1, {0x120, 0, 0x3641, 0x78e3, 0x80, 0xbf63, 0xff3f, 0xd2fd}},
    {"2001:0db8:0:0:0:0:1428:57ab", 1, {0x120, 0xb80d, 0, 0, 0, 0, 0x2814, 0xab57}},
    {"2001:0db8:1234:ffff:ffff:ffff:ffff:ffff", 1, {0x120, 0xb80d, 0x3412, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff}},
    {"2001::CE49:7601:2CAD:DFFF:7C94:FFFE", 1, {0x120, 0, 0x49ce, 0x176, 0xad2c, 0xffdf, 0x947c, 0xfeff}},
    {"2001:db8:85a3::8a2e:370:7334", 1, {0x120, 0xb80d, 0xa385, 0, 0, 0x2e8a, 0x7003, 0x3473}},
    {"3ffe:0b00:0000:0000:0001:0000:0000:000a", 1, {0xfe3f, 0xb, 0, 0, 0x100, 0, 0, 0xa00}},
    {"::", 1, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"::%16", 0, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"::/16", 0, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"::01234", 0, {0, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"::0", 1, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"::0:0", 1, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"::0:0:0", 1, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"::0:0:0:0", 1, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"::0:0:0:0:0", 1, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"::0:0:0:0:0:0", 1, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"::0:0:0:0:0:0:0", 1, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"::0:a:b:c:d:e:f", 1, {0, 0, 0xa00, 0xb00, 0xc00, 0xd00, 0xe00, 0xf00}},
    {"::123.123.123.123", 1, {0, 0, 0, 0, 0, 0, 0x7b7b, 0x7b7b}},
    {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 1, {0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff}},
    {"':10.0.0.1", 0, {0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"-1", 0, {0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"02001:0000:1234:0000:0000:C1C0:ABCD:0876", 0, {0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"2001:00000:1234:0000:0000:C1C0:ABCD:0876", 0, {0x120, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"2001:0000:01234:0000:0000:C1C0:ABCD:0876", 0, {0x120, 0, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"2001:0000::01234.0", 0, {0x120, 0, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"2001:0::b.0", 0, {0x120, 0, 0, 0, 0, 0, 0, 0xb00}},
    {"2001::0:b.0", 0, {0x120, 0, 0, 0, 0, 0, 0, 0xb00}},
    {"1.2.3.4", 0, {0x201, 0xab03, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1.2.3.4:1111::5555", 0, {0x201, 0xab03, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1.2.3.4::5555", 0, {0x201, 0xab03, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"11112222:3333:4444:5555:6666:1.2.3.4", 0, {0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"11112222:3333:4444:5555:6666:7777:8888", 0, {0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1111", 0, {0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"0x1111", 0, {0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1111:22223333:4444:5555:6666:1.2.3.4", 0, {0x1111, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1111:22223333:4444:5555:6666:7777:8888", 0, {0x1111, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1111:123456789:4444:5555:6666:7777:8888", 0, {0x1111, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1111:1234567890abcdef0:4444:5555:6666:7777:888", 0, {0x1111, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1111:2222:", 0, {0x1111, 0x2222, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1111:2222:1.2.3.4", 0, {0x1111, 0x2222, 0x201, 0xab03, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1111:2222:3333", 0, {0x1111, 0x2222, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1111:2222:3333:4444:5555:6666::1.2.3.4", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0, 0x100}},
    {"1111:2222:3333:4444:5555:6666:7777:1.2.3.4", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0x100}},
    {"1111:2222:3333:4444:5555:6666:7777:8888:", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0x8888}},
    {"1111:2222:3333:4444:5555:6666:7777:8888:1.2.3.4", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0x8888}},
    {"1111:2222:3333:4444:5555:6666:7777:8888:9999", 0, {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0x8888}},
    {"1111:2222:::", 0, {0x1111, 0x2222, 0, 0, 0, 0, 0, 0}},
    {"1111::5555:", 0, {0x1111, 0x5555, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1111::3333:4444:5555:6666:7777::", 0, {0x1111, 0, 0, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777}},
    {"1111:2222:::4444:5555:6666:1.2.3.4", 0, {0x1111, 0x2222, 0, 0, 0, 0, 0, 0}},
    {"1111::3333::5555:6666:1.2.3.4", 0, {0x1111, 0, 0, 0, 0, 0, 0, 0x3333}},
    {"12345::6:7:8", 0, {0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::001.2.3.4", 1, {0x100, 0, 0, 0, 0, 0, 0x201, 0x403}},
    {"1::1.002.3.4", 1, {0x100, 0, 0, 0, 0, 0, 0x201, 0x403}},
    {"1::0001.2.3.4", 0, {0x100, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::1.0002.3.4", 0, {0x100, 0xab01, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::1.2.256.4", 0, {0x100, 0x201, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::1.2.4294967296.4", 0, {0x100, 0x201, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::1.2.18446744073709551616.4", 0, {0x100, 0x201, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::1.2.3.256", 0, {0x100, 0x201, 0xab03, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::1.2.3.4294967296", 0, {0x100, 0x201, 0xab03, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::1.2.3.18446744073709551616", 0, {0x100, 0x201, 0xab03, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::1.2.3.300", 0, {0x100, 0x201, 0xab03, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::1.2.3.300.", 0, {0x100, 0x201, 0xab03, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::1.2::1", 0, {0x100, 0xab01, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::1.2.3.4::1", 0, {0x100, 0, 0, 0, 0, 0, 0x201, 0x403}},
    {"1::1.", 0, {0x100, 0xab01, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::1.2", 0, {0x100, 0xab01, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::1.2.", 0, {0x100, 0x201, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::1.2.3", 0, {0x100, 0x201, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::1.2.3.", 0, {0x100, 0x201, 0xab03, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::1.2.3.4", 1, {0x100, 0, 0, 0, 0, 0, 0x201, 0x403}},
    {"1::1.2.3.900", 0, {0x100, 0x201, 0xab03, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::1.2.300.4", 0, {0x100, 0x201, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::1.256.3.4", 0, {0x100, 0xab01, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::1.256:3.4", 0, {0x100, 0xab01, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::1.2a.3.4", 0, {0x100, 0xab01, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::256.2.3.4", 0, {0x100, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"1::1a.2.3.4", 0, {0x100, 0, 0, 0, 0, 0, 0, 0x1a00}},
    {"1::2::3", 0, {0x100, 0, 0, 0, 0, 0, 0, 0x200}},
    {"2001:0000:1234: 0000:0000:C1C0:ABCD:0876", 0, {0x120, 0, 0x3412, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"2001:0000:1234:0000:0000:C1C0:ABCD:0876  0", 0, {0x120, 0, 0x3412, 0, 0, 0xc0c1, 0xcdab, 0x7608}},
    {"2001:1:1:1:1:1:255Z255X255Y255", 0, {0x120, 0x100, 0x100, 0x100, 0x100, 0x100, 0xabab, 0xabab}},
    {"2001::FFD3::57ab", 0, {0x120, 0, 0, 0, 0, 0, 0, 0xd3ff}},
    {":", 0, {0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {":1111:2222:3333:4444:5555:6666:1.2.3.4", 0, {0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {":1111:2222:3333:4444:5555:6666:7777:8888", 0, {0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {":1111::", 0, {0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"::-1", 0, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"::12345678", 0, {0, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"::123456789", 0, {0, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"::1234567890abcdef0", 0, {0, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"::0x80000000", 0, {0, 0, 0, 0, 0, 0, 0, 0xffff}},
    {"::0x012345678", 0, {0, 0, 0, 0, 0, 0, 0, 0x7856}},
    {"::0x123456789", 0, {0, 0, 0, 0, 0, 0, 0, 0xffff}},
    {"::0x1234567890abcdef0", 0, {0, 0, 0, 0, 0, 0, 0, 0xffff}},
    {"::.", 0, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"::..", 0, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"::...", 0, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"XXXX:XXXX:XXXX:XXXX:XXXX:XXXX:1.2.3.4", 0, {0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
    {"[::]", 0, {0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}},
};

WT_CASE(test_inet_pton_ipv6_table)
{
    for (size_t i = 0; i < sizeof pton_v6 / sizeof pton_v6[0]; i++) {
        USHORT a[8];
        WCHAR w[64];
        size_t k = 0;
        memset(a, 0xab, sizeof a);
        expect_wsa(inet_pton(AF_INET6, pton_v6[i].text, a), pton_v6[i].ret, SENTINEL);
        ok(!memcmp(a, pton_v6[i].words, sizeof a), "\"%s\": wrong address", pton_v6[i].text);
        for (; pton_v6[i].text[k]; k++)
            w[k] = (WCHAR)(unsigned char)pton_v6[i].text[k];
        w[k] = 0;
        memset(a, 0xab, sizeof a);
        expect_wsa(InetPtonW(AF_INET6, w, a), pton_v6[i].ret, pton_v6[i].ret ? SENTINEL : WSAEINVAL);
        ok(!memcmp(a, pton_v6[i].words, sizeof a), "W \"%s\": wrong address", pton_v6[i].text);
    }
}

/* InetPtonW reports bad text with WSAEINVAL; success keeps the last error. */
WT_CASE(test_InetPtonW)
{
    BYTE a[16];
    expect_wsa(InetPtonW(AF_INET, L"1.2.3.4", a), 1, SENTINEL);
    ok(!memcmp(a, "\x01\x02\x03\x04", 4), "wrong address");
    expect_wsa(InetPtonW(AF_INET6, L"::1", a), 1, SENTINEL);
    ok(a[15] == 1, "wrong address");
    expect_wsa(InetPtonW(AF_INET, L"1.2.3", a), 0, WSAEINVAL);
    expect_wsa(InetPtonW(AF_INET6, L"1:2", a), 0, WSAEINVAL);
}

/* ---- inet_ntop ----------------------------------------------------------- */

WT_CASE(test_inet_ntop_ipv4)
{
    char buf[16];
    u_long a = 0x20201015;
    expect_wsa(inet_ntop(AF_INET, &a, buf, sizeof buf) == buf, 1, SENTINEL);
    ok(!strcmp(buf, "21.16.32.32"), "got %s", buf);
    expect_wsa(inet_ntop(AF_INET, &a, buf, sizeof buf + 1) == buf, 1, SENTINEL);
}

WT_CASE(test_inet_ntop_ipv6)
{
    static const BYTE a2[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xfe, 0xcc, 0x98, 0xbd, 0x74};
    static const BYTE a3[16] = {0x20, 0x30, 0xa4, 0xb1};
    static const BYTE a4[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xcc, 0x98, 0xbd, 0x74};
    char buf[64];
    ok(inet_ntop(AF_INET6, a2, buf, sizeof buf) && !strcmp(buf, "::fffe:cc98:bd74"), "got %s", buf);
    ok(inet_ntop(AF_INET6, a3, buf, sizeof buf) && !strcmp(buf, "2030:a4b1::"), "got %s", buf);
    ok(inet_ntop(AF_INET6, a4, buf, sizeof buf) && !strcmp(buf, "::204.152.189.116"), "got %s", buf);
}

WT_CASE(test_inet_ntop_family)
{
    char buf[16];
    u_long a = 0;
    expect_wsa(inet_ntop(1, &a, buf, sizeof buf), 0, WSAEAFNOSUPPORT);
}

/* NULL, empty or short output buffers (the NUL counts). */
WT_CASE(test_inet_ntop_small_buffer)
{
    static const BYTE a6[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xfe, 0xcc, 0x98, 0xbd, 0x74};
    char buf[64];
    u_long a = 0x20201015; /* "21.16.32.32": 12 bytes with the NUL */
    expect_wsa(inet_ntop(AF_INET, &a, NULL, sizeof buf), 0, WT_STATUS_INVALID_PARAMETER);
    expect_wsa(inet_ntop(AF_INET, &a, buf, 0), 0, WT_STATUS_INVALID_PARAMETER);
    expect_wsa(inet_ntop(AF_INET, &a, buf, 11), 0, WT_STATUS_INVALID_PARAMETER);
    expect_wsa(inet_ntop(AF_INET, &a, buf, 12) == buf, 1, SENTINEL);
    /* "::fffe:cc98:bd74": 17 bytes with the NUL */
    expect_wsa(inet_ntop(AF_INET, &a, buf, 6), 0, WT_STATUS_INVALID_PARAMETER);
    expect_wsa(inet_ntop(AF_INET6, a6, NULL, sizeof buf), 0, WT_STATUS_INVALID_PARAMETER);
    expect_wsa(inet_ntop(AF_INET6, a6, buf, 0), 0, WT_STATUS_INVALID_PARAMETER);
    expect_wsa(inet_ntop(AF_INET6, a6, buf, 16), 0, WT_STATUS_INVALID_PARAMETER);
    expect_wsa(inet_ntop(AF_INET6, a6, buf, 17) == buf, 1, SENTINEL);
    expect_wsa(inet_ntop(AF_INET6, a6, buf, 18) == buf, 1, SENTINEL);
}

WT_CASE(test_InetNtopW)
{
    WCHAR buf[64];
    u_long a = 0x20201015;
    expect_wsa(InetNtopW(AF_INET, &a, buf, 64) == buf, 1, SENTINEL);
    ok(!wcscmp(buf, L"21.16.32.32"), "wrong text");
    expect_wsa(InetNtopW(AF_INET, &a, buf, 11), 0, WT_STATUS_INVALID_PARAMETER);
    expect_wsa(InetNtopW(1, &a, buf, 64), 0, WSAEAFNOSUPPORT);
}

/* ---- WSAAddressToStringA ------------------------------------------------ */

static SOCKADDR_IN sin4(u_long addr, u_short port)
{
    SOCKADDR_IN s;
    memset(&s, 0, sizeof s);
    s.sin_family = AF_INET;
    s.sin_addr.s_addr = addr;
    s.sin_port = port;
    return s;
}

static SOCKADDR_IN6 sin6(const char *text, u_long scope, u_short port)
{
    SOCKADDR_IN6 s;
    memset(&s, 0, sizeof s);
    s.sin6_family = AF_INET6;
    inet_pton(AF_INET6, text, &s.sin6_addr);
    s.sin6_scope_id = scope;
    s.sin6_port = port;
    return s;
}

/* The port appears only when it is not 0; lengths include the NUL. */
WT_CASE(test_WSAAddressToString_ipv4)
{
    SOCKADDR_IN s = sin4(0, 0);
    char out[64];
    DWORD len = sizeof out;
    expect_ok(WSAAddressToStringA((SOCKADDR *)&s, sizeof s, NULL, out, &len));
    ok(!strcmp(out, "0.0.0.0") && len == 8, "got %s len %lu", out, (unsigned long)len);
    s = sin4(0xffffffff, 0xffff);
    len = sizeof out;
    expect_ok(WSAAddressToStringA((SOCKADDR *)&s, sizeof s, NULL, out, &len));
    ok(!strcmp(out, "255.255.255.255:65535") && len == 22, "got %s len %lu", out, (unsigned long)len);
}

WT_CASE(test_WSAAddressToString_ipv6)
{
    static const struct {
        const char *addr;
        u_long scope;
        u_short port;
        const char *out;
    } tests[] = {
        {"::1", 0, 0, "::1"},
        {"20ab::1", 0, 0, "20ab::1"},
        {"20ab::2001", 0, 0xfa81, "[20ab::2001]:33274"},
        {"20ab::2001", 0x1234, 0xfa81, "[20ab::2001%4660]:33274"},
        {"20ab::2001", 0x1234, 0, "20ab::2001%4660"},
    };
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        SOCKADDR_IN6 s = sin6(tests[i].addr, tests[i].scope, tests[i].port);
        char out[64];
        DWORD len = sizeof out;
        expect_ok(WSAAddressToStringA((SOCKADDR *)&s, sizeof s, NULL, out, &len));
        ok(!strcmp(out, tests[i].out) && len == strlen(tests[i].out) + 1, "got %s len %lu, want %s", out,
           (unsigned long)len, tests[i].out);
    }
}

/* Too small: WSAEFAULT, and the length needed (NUL included) comes back. */
WT_CASE(test_WSAAddressToString_small)
{
    SOCKADDR_IN s = sin4(0, 0);
    char out[8];
    DWORD len = 0;
    expect_fail(WSAAddressToStringA((SOCKADDR *)&s, sizeof s, NULL, out, &len), WSAEFAULT);
    ok(len == 8, "len %lu", (unsigned long)len);
    len = 0;
    expect_fail(WSAAddressToStringA((SOCKADDR *)&s, sizeof s, NULL, NULL, &len), WSAEFAULT);
    ok(len == 8, "len %lu", (unsigned long)len);
    len = 7;
    expect_fail(WSAAddressToStringA((SOCKADDR *)&s, sizeof s, NULL, out, &len), WSAEFAULT);
    ok(len == 8, "len %lu", (unsigned long)len);
}

/* Both forms over the same rows: the text, and the length in characters
 * with the NUL. */
WT_CASE(test_WSAAddressToString_table)
{
    static const struct {
        u_long addr;
        u_short port; /* as stored */
        const char *out;
    } v4[] = {
        {0, 0, "0.0.0.0"},
        {0xffffffff, 0, "255.255.255.255"},
        {0, 0xffff, "0.0.0.0:65535"},
        {0xffffffff, 0xffff, "255.255.255.255:65535"},
    };
    static const struct {
        const char *addr;
        u_long scope;
        u_short port;
        const char *out;
    } v6[] = {
        {"::1", 0, 0, "::1"},
        {"20ab::1", 0, 0, "20ab::1"},
        {"20ab::2001", 0, 0xfa81, "[20ab::2001]:33274"},
        {"20ab::2001", 0x1234, 0xfa81, "[20ab::2001%4660]:33274"},
        {"20ab::2001", 0x1234, 0, "20ab::2001%4660"},
    };
    char out[64];
    WCHAR outw[64], want[64];
    DWORD len;
    for (size_t i = 0; i < sizeof v4 / sizeof v4[0] + sizeof v6 / sizeof v6[0]; i++) {
        SOCKADDR_IN s4;
        SOCKADDR_IN6 s6;
        SOCKADDR *sa;
        int salen;
        const char *text;
        if (i < sizeof v4 / sizeof v4[0]) {
            s4 = sin4(v4[i].addr, v4[i].port);
            sa = (SOCKADDR *)&s4;
            salen = sizeof s4;
            text = v4[i].out;
        } else {
            size_t j = i - sizeof v4 / sizeof v4[0];
            s6 = sin6(v6[j].addr, v6[j].scope, v6[j].port);
            sa = (SOCKADDR *)&s6;
            salen = sizeof s6;
            text = v6[j].out;
        }
        len = sizeof out;
        memset(out, 0, sizeof out);
        expect_ok(WSAAddressToStringA(sa, salen, NULL, out, &len));
        ok(!strcmp(out, text) && len == strlen(text) + 1, "A: got %s len %lu, want %s", out, (unsigned long)len,
           text);
        len = sizeof outw / sizeof outw[0];
        memset(outw, 0, sizeof outw);
        expect_ok(WSAAddressToStringW(sa, salen, NULL, outw, &len));
        for (size_t k = 0; k <= strlen(text); k++)
            want[k] = (WCHAR)(unsigned char)text[k];
        ok(!wcscmp(outw, want) && len == strlen(text) + 1, "W: wrong text for %s, len %lu", text, (unsigned long)len);
    }
    /* The wide form with no buffer and length 0: WSAEFAULT and the length. */
    {
        SOCKADDR_IN s = sin4(0, 0);
        len = 0;
        expect_fail(WSAAddressToStringW((SOCKADDR *)&s, sizeof s, NULL, NULL, &len), WSAEFAULT);
        ok(len == 8, "len %lu", (unsigned long)len);
        len = sizeof outw / sizeof outw[0];
        expect_ok(WSAAddressToStringW((SOCKADDR *)&s, sizeof s, NULL, outw, &len));
        ok(len == 8 && !wcscmp(outw, L"0.0.0.0"), "len %lu", (unsigned long)len);
    }
}

/* Not a valid socket address: WSAEINVAL (documented). */
WT_CASE(test_WSAAddressToString_invalid)
{
    SOCKADDR_IN s = sin4(0, 0);
    char out[64];
    DWORD len = sizeof out;
    s.sin_family = AF_IPX;
    expect_fail(WSAAddressToStringA((SOCKADDR *)&s, sizeof s, NULL, out, &len), WSAEINVAL);
    s.sin_family = AF_INET;
    expect_fail(WSAAddressToStringA((SOCKADDR *)&s, sizeof s - 1, NULL, out, &len), WSAEINVAL);
}

/* ---- WSAStringToAddressA ------------------------------------------------ */

static int to_v4(const char *text, SOCKADDR_IN *s)
{
    int len = sizeof *s + 10;
    memset(s, 0xab, sizeof *s);
    int ret = WSAStringToAddressA((char *)text, AF_INET, NULL, (SOCKADDR *)s, &len);
    ok(len == (ret ? (int)sizeof *s + 10 : (int)sizeof *s), "\"%s\": len %d", text, len);
    return ret;
}

/* inet_aton-like forms plus an optional ":port" in decimal, octal or hex. */
WT_CASE(test_WSAStringToAddress_ipv4)
{
    static const struct {
        const char *text;
        u_long addr;
        u_short port;
    } tests[] = {
        {"1.1.1.1", 0x01010101, 0},          {"127.127.127.127:123", 0x7f7f7f7f, 123},
        {"127.127.127.127:65535", 0x7f7f7f7f, 65535}, {"127.127.127.127:0xAbCd", 0x7f7f7f7f, 43981},
        {"127.127.127.127:010", 0x7f7f7f7f, 8}, {"1", 1, 0},
        {"1:1", 1, 1},                       {"1.2", 0x01000002, 0},
        {"1.2.3", 0x01020003, 0},            {"1.223756", 0x01036a0c, 0},
        {"3.4.756", 0x030402f4, 0},          {"0x00010203:10", 0x00010203, 10},
        {"0x123456789", 0x23456789, 0},      {"017700000001", 0x7f000001, 0},
        {"1.1.1.0xaA", 0x010101aa, 0},       {"1.1.1.007", 0x01010107, 0},
    };
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        SOCKADDR_IN s;
        WSASetLastError(SENTINEL);
        int ret = to_v4(tests[i].text, &s);
        ok(ret == 0 && WSAGetLastError() == 0, "\"%s\": ret %d error %s", tests[i].text, ret,
           wt_name(WSAGetLastError()));
        ok(s.sin_family == AF_INET && s.sin_addr.s_addr == htonl(tests[i].addr) &&
               s.sin_port == htons(tests[i].port),
           "\"%s\": family %d addr %#lx port %u", tests[i].text, s.sin_family, (unsigned long)ntohl(s.sin_addr.s_addr),
           ntohs(s.sin_port));
    }
}

/* Bad text: WSAEINVAL, family 0, length unchanged. */
WT_CASE(test_WSAStringToAddress_ipv4_invalid)
{
    static const char *const bad[] = {
        "",           " ",          "127.127.127.127:", "127.127.127.127:0", "127.127.127.127:65537",
        "127.127.127.127::1", "127.127.127.127:0x", "127.127.127.127:08", "255.255.255.256", "a",
        "1.1.1.0x",   "1.1.1.0x100", "1.1.1.08",        "-1",                "1000.2000",
        "1.2.",       "1..2",       "1.2.3.",           "756.3.4",           "3.4.65536",
        "3.4.5.6.7",  "3.4.5.+6",   " 3.4.5.6",         "3.4.5.6 ",          "3.4.5.6: 7",
        ".",          "[0.1.2.3]",  "x00010203",        "1234BEEF",          "::1",
        "2001::1",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        SOCKADDR_IN s;
        WSASetLastError(SENTINEL);
        int ret = to_v4(bad[i], &s);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "\"%s\": ret %d error %s", bad[i], ret,
           wt_name(WSAGetLastError()));
        ok(s.sin_family == 0 && s.sin_port == 0, "\"%s\": family %d port %u", bad[i], s.sin_family, s.sin_port);
    }
}

/* The address bytes are stored before the trailing junk is rejected. */
WT_CASE(test_WSAStringToAddress_ipv4_partial)
{
    SOCKADDR_IN s;
    expect_wsa(to_v4("3.4.5.6 ", &s), SOCKET_ERROR, WSAEINVAL);
    ok(s.sin_family == 0 && s.sin_addr.s_addr == htonl(0x03040506), "family %d addr %#lx", s.sin_family,
       (unsigned long)ntohl(s.sin_addr.s_addr));
    expect_wsa(to_v4("1234BEEF", &s), SOCKET_ERROR, WSAEINVAL);
    ok(s.sin_addr.s_addr == htonl(1234), "addr %#lx", (unsigned long)ntohl(s.sin_addr.s_addr));
    /* Octal: an 8 after more octal digits ends the number (stored), one
     * right after the leading 0 is no number at all. */
    expect_wsa(to_v4("1.1.1.008", &s), SOCKET_ERROR, WSAEINVAL);
    ok(s.sin_addr.s_addr == htonl(0x01010100), "addr %#lx", (unsigned long)ntohl(s.sin_addr.s_addr));
    expect_wsa(to_v4("1.1.1.08", &s), SOCKET_ERROR, WSAEINVAL);
    ok(s.sin_addr.s_addr == 0, "addr %#lx", (unsigned long)ntohl(s.sin_addr.s_addr));
}

WT_CASE(test_WSAStringToAddress_ipv6)
{
    static const struct {
        const char *text;
        BYTE last;
        u_short port;
        int error;
    } tests[] = {
        {"::1", 1, 0, 0},           {"[::1]", 1, 0, 0},          {"[::1]:65535", 1, 0xffff, 0},
        {"::1]:65535", 1, 0, WSAEINVAL}, {"1.2.3.4", 0, 0, WSAEINVAL}, {"1:2:3:", 0, 0, WSAEINVAL},
        {"", 0, 0, WSAEINVAL},
    };
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        SOCKADDR_IN6 s;
        int len = sizeof s + 10;
        memset(&s, 0xab, sizeof s);
        WSASetLastError(SENTINEL);
        int ret = WSAStringToAddressA((char *)tests[i].text, AF_INET6, NULL, (SOCKADDR *)&s, &len);
        int err = WSAGetLastError();
        ok(ret == (tests[i].error ? SOCKET_ERROR : 0) && err == tests[i].error, "\"%s\": ret %d error %s",
           tests[i].text, ret, wt_name(err));
        ok(s.sin6_family == (tests[i].error ? 0 : AF_INET6), "\"%s\": family %d", tests[i].text, s.sin6_family);
        ok(len == (tests[i].error ? (int)sizeof s + 10 : (int)sizeof s), "\"%s\": len %d", tests[i].text, len);
        if (!tests[i].error)
            ok(s.sin6_addr.s6_addr[15] == tests[i].last && s.sin6_port == tests[i].port && !s.sin6_scope_id &&
                   !s.sin6_flowinfo,
               "\"%s\": wrong address", tests[i].text);
    }
}

WT_CASE(test_WSAStringToAddress_ipv6_full)
{
    static const BYTE want[16] = {0x20, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    SOCKADDR_IN6 s;
    int len = sizeof s;
    expect_ok(WSAStringToAddressA((char *)"2001::1", AF_INET6, NULL, (SOCKADDR *)&s, &len));
    ok(!memcmp(&s.sin6_addr, want, 16), "wrong address");
    len = sizeof s;
    expect_ok(WSAStringToAddressA((char *)"001::1", AF_INET6, NULL, (SOCKADDR *)&s, &len));
    ok(s.sin6_addr.s6_addr[1] == 1 && s.sin6_addr.s6_addr[15] == 1, "wrong address");
}

/* Every row in both forms (A, and W with the same text widened): the result,
 * the last error (0 on success), the family (0 on failure), the address bytes
 * parsed before a failure, the port (0 on failure) and the length (the
 * structure's size on success, untouched on failure). */
static const struct {
    const char *text;
    u_long addr; /* host order */
    u_short port;
    int error;
} s2a_v4[] = {
    {"", 0, 0, WSAEINVAL},
    {" ", 0, 0, WSAEINVAL},
    {"1.1.1.1", 0x01010101, 0, 0},
    {"0.0.0.0", 0, 0, 0},
    {"127.127.127.127", 0x7f7f7f7f, 0, 0},
    {"127.127.127.127:", 0x7f7f7f7f, 0, WSAEINVAL},
    {"127.127.127.127:0", 0x7f7f7f7f, 0, WSAEINVAL},
    {"127.127.127.127:123", 0x7f7f7f7f, 123, 0},
    {"127.127.127.127:65535", 0x7f7f7f7f, 65535, 0},
    {"127.127.127.127:65537", 0x7f7f7f7f, 0, WSAEINVAL},
    {"127.127.127.127::1", 0x7f7f7f7f, 0, WSAEINVAL},
    {"127.127.127.127:0xAbCd", 0x7f7f7f7f, 0xabcd, 0},
    {"127.127.127.127:0XaBcD", 0x7f7f7f7f, 0xabcd, 0},
    {"127.127.127.127:0x", 0x7f7f7f7f, 0, WSAEINVAL},
    {"127.127.127.127:0x10000", 0x7f7f7f7f, 0, WSAEINVAL},
    {"127.127.127.127:010", 0x7f7f7f7f, 8, 0},
    {"127.127.127.127:007", 0x7f7f7f7f, 7, 0},
    {"127.127.127.127:08", 0x7f7f7f7f, 0, WSAEINVAL},
    {"127.127.127.127:008", 0x7f7f7f7f, 0, WSAEINVAL},
    {"127.127.127.127:0a", 0x7f7f7f7f, 0, WSAEINVAL},
    {"127.127.127.127:0o10", 0x7f7f7f7f, 0, WSAEINVAL},
    {"127.127.127.127:0b10", 0x7f7f7f7f, 0, WSAEINVAL},
    {"255.255.255.255", 0xffffffff, 0, 0},
    {"255.255.255.255:123", 0xffffffff, 123, 0},
    {"255.255.255.255:65535", 0xffffffff, 65535, 0},
    {"255.255.255.256", 0, 0, WSAEINVAL},
    {"a", 0, 0, WSAEINVAL},
    {"1.1.1.0xaA", 0x010101aa, 0, 0},
    {"1.1.1.0XaA", 0x010101aa, 0, 0},
    {"1.1.1.0x", 0, 0, WSAEINVAL},
    {"1.1.1.0xff", 0x010101ff, 0, 0},
    {"1.1.1.0x100", 0, 0, WSAEINVAL},
    {"1.1.1.010", 0x01010108, 0, 0},
    {"1.1.1.00", 0x01010100, 0, 0},
    {"1.1.1.007", 0x01010107, 0, 0},
    {"1.1.1.08", 0, 0, WSAEINVAL},
    {"1.1.1.008", 0x01010100, 0, WSAEINVAL},
    {"1.1.1.0a", 0x01010100, 0, WSAEINVAL},
    {"1.1.1.0o10", 0x01010100, 0, WSAEINVAL},
    {"1.1.1.0b10", 0x01010100, 0, WSAEINVAL},
    {"1.1.1.-2", 0, 0, WSAEINVAL},
    {"1", 1, 0, 0},
    {"-1", 0, 0, WSAEINVAL},
    {"1:1", 1, 1, 0},
    {"1.2", 0x01000002, 0, 0},
    {"1.2:1", 0x01000002, 1, 0},
    {"1000.2000", 0, 0, WSAEINVAL},
    {"1.2.", 0, 0, WSAEINVAL},
    {"1..2", 0, 0, WSAEINVAL},
    {"1...2", 0, 0, WSAEINVAL},
    {"1.2.3", 0x01020003, 0, 0},
    {"1.2.3.", 0, 0, WSAEINVAL},
    {"1.2.3:1", 0x01020003, 1, 0},
    {"203569230", 0x0c22384e, 0, 0},
    {"203569230:123", 0x0c22384e, 123, 0},
    {"2001::1", 0x7d1, 0, WSAEINVAL},
    {"1.223756", 0x01036a0c, 0, 0},
    {"3.4.756", 0x030402f4, 0, 0},
    {"756.3.4", 0, 0, WSAEINVAL},
    {"3.756.4", 0, 0, WSAEINVAL},
    {"3.4.756.1", 0, 0, WSAEINVAL},
    {"3.4.65536", 0, 0, WSAEINVAL},
    {"3.4.5.6.7", 0, 0, WSAEINVAL},
    {"3.4.5.+6", 0, 0, WSAEINVAL},
    {" 3.4.5.6", 0, 0, WSAEINVAL},
    {"\t3.4.5.6", 0, 0, WSAEINVAL},
    {"3.4.5.6 ", 0x03040506, 0, WSAEINVAL},
    {"3.4.5.6:7 ", 0x03040506, 0, WSAEINVAL},
    {"3.4.5.6: 7", 0x03040506, 0, WSAEINVAL},
    {"3. 4.5.6", 0, 0, WSAEINVAL},
    {".", 0, 0, WSAEINVAL},
    {"[0.1.2.3]", 0, 0, WSAEINVAL},
    {"0x00010203", 0x00010203, 0, 0},
    {"0X00010203", 0x00010203, 0, 0},
    {"0x00010203:10", 0x00010203, 10, 0},
    {"0x1234", 0x1234, 0, 0},
    {"0x123456789", 0x23456789, 0, 0},
    {"0x00010Q03", 0x10, 0, WSAEINVAL},
    {"x00010203", 0, 0, WSAEINVAL},
    {"1234BEEF", 0x4d2, 0, WSAEINVAL},
    {"017700000001", 0x7f000001, 0, 0},
    {"0777", 0x1ff, 0, 0},
    {"0777:10", 0x1ff, 10, 0},
    {"::1", 0, 0, WSAEINVAL},
    {":1", 0, 0, WSAEINVAL},
};

static void widen(const char *a, WCHAR *w, size_t n)
{
    size_t i = 0;
    for (; a[i] && i + 1 < n; i++)
        w[i] = (WCHAR)(unsigned char)a[i];
    w[i] = 0;
}

WT_CASE(test_WSAStringToAddress_ipv4_table)
{
    for (int wide = 0; wide < 2; wide++) {
        for (size_t i = 0; i < sizeof s2a_v4 / sizeof s2a_v4[0]; i++) {
            SOCKADDR_IN s;
            WCHAR w[64];
            int len = sizeof s + 10, ret, err;
            memset(&s, 0xab, sizeof s);
            WSASetLastError(0);
            if (wide) {
                widen(s2a_v4[i].text, w, 64);
                ret = WSAStringToAddressW(w, AF_INET, NULL, (SOCKADDR *)&s, &len);
            } else {
                ret = WSAStringToAddressA((char *)s2a_v4[i].text, AF_INET, NULL, (SOCKADDR *)&s, &len);
            }
            err = WSAGetLastError();
            ok(ret == (s2a_v4[i].error ? SOCKET_ERROR : 0) && err == s2a_v4[i].error, "%c \"%s\": ret %d error %s",
               wide ? 'W' : 'A', s2a_v4[i].text, ret, wt_name(err));
            ok(s.sin_family == (s2a_v4[i].error ? 0 : AF_INET), "%c \"%s\": family %#x", wide ? 'W' : 'A',
               s2a_v4[i].text, s.sin_family);
            ok(s.sin_addr.s_addr == htonl(s2a_v4[i].addr), "%c \"%s\": addr %#lx", wide ? 'W' : 'A', s2a_v4[i].text,
               (unsigned long)ntohl(s.sin_addr.s_addr));
            ok(s.sin_port == htons(s2a_v4[i].port), "%c \"%s\": port %u", wide ? 'W' : 'A', s2a_v4[i].text,
               ntohs(s.sin_port));
            ok(len == (s2a_v4[i].error ? (int)sizeof s + 10 : (int)sizeof s), "%c \"%s\": len %d", wide ? 'W' : 'A',
               s2a_v4[i].text, len);
        }
    }
}

/* IPv6: the groups parsed before a failure are stored; scope id, port and
 * flow info are 0 unless given. USHORTs as stored in memory. */
static const struct {
    const char *text;
    BYTE addr[16];
    u_short port; /* network order as stored */
    int error;
} s2a_v6[] = {
    {"::1", {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 0, 0},
    {"[::1]", {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 0, 0},
    {"[::1]:65535", {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 0xffff, 0},
    {"2001::1", {0x20, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 0, 0},
    {"::1]:65535", {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 0, WSAEINVAL},
    {"001::1", {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 0, 0},
    {"::1:2:3:4:5:6:7", {0, 0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7}, 0, 0}, /* (WSAEINVAL before Windows 10) */
    {"1.2.3.4", {1, 2, 3, 0}, 0, WSAEINVAL},
    {"1:2:3:", {0, 1, 0, 2, 0, 3}, 0, WSAEINVAL},
    {"", {0}, 0, WSAEINVAL},
};

WT_CASE(test_WSAStringToAddress_ipv6_table)
{
    for (int wide = 0; wide < 2; wide++) {
        for (size_t i = 0; i < sizeof s2a_v6 / sizeof s2a_v6[0]; i++) {
            SOCKADDR_IN6 s;
            WCHAR w[64];
            int len = sizeof s + 10, ret, err;
            memset(&s, 0xab, sizeof s);
            WSASetLastError(0);
            if (wide) {
                widen(s2a_v6[i].text, w, 64);
                ret = WSAStringToAddressW(w, AF_INET6, NULL, (SOCKADDR *)&s, &len);
            } else {
                ret = WSAStringToAddressA((char *)s2a_v6[i].text, AF_INET6, NULL, (SOCKADDR *)&s, &len);
            }
            err = WSAGetLastError();
            ok(ret == (s2a_v6[i].error ? SOCKET_ERROR : 0) && err == s2a_v6[i].error, "%c \"%s\": ret %d error %s",
               wide ? 'W' : 'A', s2a_v6[i].text, ret, wt_name(err));
            ok(!memcmp(&s.sin6_addr, s2a_v6[i].addr, 16), "%c \"%s\": wrong address bytes", wide ? 'W' : 'A',
               s2a_v6[i].text);
            ok(s.sin6_family == (s2a_v6[i].error ? 0 : AF_INET6), "%c \"%s\": family %#x", wide ? 'W' : 'A',
               s2a_v6[i].text, s.sin6_family);
            ok(len == (s2a_v6[i].error ? (int)sizeof s + 10 : (int)sizeof s), "%c \"%s\": len %d", wide ? 'W' : 'A',
               s2a_v6[i].text, len);
            ok(!s.sin6_scope_id && s.sin6_port == s2a_v6[i].port && !s.sin6_flowinfo,
               "%c \"%s\": scope %lu port %#x flowinfo %lu", wide ? 'W' : 'A', s2a_v6[i].text,
               (unsigned long)s.sin6_scope_id, s.sin6_port, (unsigned long)s.sin6_flowinfo);
        }
    }
}

/* Length too small: WSAEFAULT, and the size needed comes back. */
WT_CASE(test_WSAStringToAddress_small)
{
    SOCKADDR_IN s;
    int len = 0;
    expect_fail(WSAStringToAddressA((char *)"1.2.3.4", AF_INET, NULL, (SOCKADDR *)&s, &len), WSAEFAULT);
    ok(len >= (int)sizeof(SOCKADDR_IN), "len %d", len);
}

/* Address conversion with a socket library that is not started. */
WT_CASE(test_WSAStringToAddress_not_initialised)
{
    WSADATA wsa;
    SOCKADDR_IN s = sin4(0, 0);
    char out[64];
    DWORD len = sizeof out;
    int slen = sizeof s;
    WSACleanup();
    expect_fail(WSAStringToAddressA((char *)"1.2.3.4", AF_INET, NULL, (SOCKADDR *)&s, &slen), WSANOTINITIALISED);
    expect_fail(WSAAddressToStringA((SOCKADDR *)&s, sizeof s, NULL, out, &len), WSANOTINITIALISED);
    WSAStartup(MAKEWORD(2, 2), &wsa);
}

/* The wide forms: the same text as WCHARs, lengths in characters. */
WT_CASE(test_WSAAddressToStringW_and_back)
{
    SOCKADDR_IN a, b;
    SOCKADDR_IN6 a6;
    WCHAR out[64];
    DWORD len = 0;
    int blen = sizeof b;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(0x7f000001);
    a.sin_port = htons(4660);
    expect_fail(WSAAddressToStringW((SOCKADDR *)&a, sizeof a, NULL, out, &len), WSAEFAULT);
    ok(len == 15, "needed %lu characters", (unsigned long)len);
    len = sizeof out / sizeof out[0];
    expect_ok(WSAAddressToStringW((SOCKADDR *)&a, sizeof a, NULL, out, &len));
    ok(len == 15 && !wcscmp(out, L"127.0.0.1:4660"), "got %lu characters", (unsigned long)len);
    memset(&b, 0xcc, sizeof b);
    expect_ok(WSAStringToAddressW(out, AF_INET, NULL, (SOCKADDR *)&b, &blen));
    ok(blen == sizeof b && b.sin_family == AF_INET && b.sin_port == a.sin_port && b.sin_addr.s_addr == a.sin_addr.s_addr,
       "round trip");
    blen = sizeof a6;
    expect_ok(WSAStringToAddressW((WCHAR *)L"[::1]:80", AF_INET6, NULL, (SOCKADDR *)&a6, &blen));
    ok(a6.sin6_family == AF_INET6 && a6.sin6_port == htons(80) && a6.sin6_addr.s6_addr[15] == 1, "v6 parse");
    len = sizeof out / sizeof out[0];
    expect_ok(WSAAddressToStringW((SOCKADDR *)&a6, sizeof a6, NULL, out, &len));
    ok(!wcscmp(out, L"[::1]:80") && len == 9, "v6 text, %lu characters", (unsigned long)len);
    blen = sizeof b;
    expect_fail(WSAStringToAddressW((WCHAR *)L"127.0.0.\x0661", AF_INET, NULL, (SOCKADDR *)&b, &blen), WSAEINVAL);
    expect_fail(WSAStringToAddressW((WCHAR *)L"1.2.3.4", AF_UNIX, NULL, (SOCKADDR *)&b, &blen), WSAEINVAL);
}

WT_MAIN(test_inet_addr_null, test_inet_addr_table, test_inet_addr_parts, test_inet_addr_octal_hex, test_inet_addr_stops_at_space,
        test_inet_addr_invalid, test_inet_addr_single_space, test_inet_ntoa, test_inet_ntoa_per_thread,
        test_inet_pton_null, test_inet_pton_family, test_inet_pton_ipv4, test_inet_pton_ipv4_table, test_inet_pton_ipv4_partial,
        test_inet_pton_ipv6, test_inet_pton_ipv6_table, test_InetPtonW, test_inet_ntop_ipv4, test_inet_ntop_ipv6, test_inet_ntop_family,
        test_inet_ntop_small_buffer, test_InetNtopW, test_WSAAddressToString_ipv4, test_WSAAddressToString_ipv6,
        test_WSAAddressToString_small, test_WSAAddressToString_table,
        test_WSAAddressToString_invalid, test_WSAStringToAddress_ipv4,
        test_WSAStringToAddress_ipv4_invalid, test_WSAStringToAddress_ipv4_partial, test_WSAStringToAddress_ipv6,
        test_WSAStringToAddress_ipv6_full, test_WSAStringToAddress_ipv4_table, test_WSAStringToAddress_ipv6_table,
        test_WSAStringToAddress_small, test_WSAStringToAddress_not_initialised,
        test_WSAAddressToStringW_and_back)
