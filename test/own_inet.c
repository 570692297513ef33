/* A program written for Windows XP defines its own inet_ntop and inet_pton
 * (the SDK declares them only from _WIN32_WINNT 0x0600; dyad, among
 * others, does this).  On Windows a program's functions never replace the
 * ones a DLL calls inside itself: WSAAddressToStringA, getnameinfo and the
 * rest give their usual answers and never reach the program's copies.
 * (dyad's own inet_ntop calls WSAAddressToStringA, so a library that called
 * back into it recursed until the stack ran out.) */
#define _WIN32_WINNT 0x0501
#include "wstest.h"

static volatile LONG own_calls;

/* Deliberately wrong answers: any use of them shows in the results. */
const char *inet_ntop(int af, const void *src, char *dst, size_t size);
const char *inet_ntop(int af, const void *src, char *dst, size_t size)
{
    (void)af;
    (void)src;
    InterlockedIncrement(&own_calls);
    if (dst && size > 5)
        strcpy(dst, "bogus");
    return dst;
}

int inet_pton(int af, const char *src, void *dst);
int inet_pton(int af, const char *src, void *dst)
{
    (void)af;
    (void)src;
    (void)dst;
    InterlockedIncrement(&own_calls);
    return 0;
}

WT_CASE(test_address_to_string_v4)
{
    struct sockaddr_in a = wt_loopback(80);
    char out[64];
    DWORD len = sizeof out;
    own_calls = 0;
    expect_ok(WSAAddressToStringA((SOCKADDR *)&a, sizeof a, NULL, out, &len));
    ok(!strcmp(out, "127.0.0.1:80"), "got %s\n", out);
    ok(len == sizeof "127.0.0.1:80", "got len %lu\n", (unsigned long)len);
    a.sin_port = 0;
    len = sizeof out;
    expect_ok(WSAAddressToStringA((SOCKADDR *)&a, sizeof a, NULL, out, &len));
    ok(!strcmp(out, "127.0.0.1"), "got %s\n", out);
    ok(own_calls == 0, "the program's inet_ntop/inet_pton ran %ld times\n", (long)own_calls);
}

WT_CASE(test_address_to_string_v6)
{
    struct sockaddr_in6 a;
    char out[80];
    DWORD len = sizeof out;
    memset(&a, 0, sizeof a);
    a.sin6_family = AF_INET6;
    a.sin6_addr.s6_addr[15] = 1;
    a.sin6_port = htons(443);
    own_calls = 0;
    expect_ok(WSAAddressToStringA((SOCKADDR *)&a, sizeof a, NULL, out, &len));
    ok(!strcmp(out, "[::1]:443"), "got %s\n", out);
    ok(own_calls == 0, "the program's inet_ntop/inet_pton ran %ld times\n", (long)own_calls);
}

/* getnameinfo with NI_NUMERICHOST formats the address inside the library. */
WT_CASE(test_getnameinfo_numeric)
{
    struct sockaddr_in a = wt_loopback(7);
    char host[64], serv[16];
    own_calls = 0;
    int ret = getnameinfo((SOCKADDR *)&a, sizeof a, host, sizeof host, serv, sizeof serv,
                          NI_NUMERICHOST | NI_NUMERICSERV);
    ok(ret == 0, "got %d, error %d\n", ret, WSAGetLastError());
    ok(!strcmp(host, "127.0.0.1"), "got %s\n", host);
    ok(!strcmp(serv, "7"), "got %s\n", serv);
    ok(own_calls == 0, "the program's inet_ntop/inet_pton ran %ld times\n", (long)own_calls);
}

WT_MAIN(test_address_to_string_v4, test_address_to_string_v6, test_getnameinfo_numeric)
