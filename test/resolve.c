/* Name resolution: getaddrinfo/GetAddrInfoW/freeaddrinfo, getnameinfo,
 * gai_strerror, gethostbyname/gethostbyaddr/gethostname, getservby*,
 * getprotoby*.  Only "localhost", numeric addresses and the machine's own
 * name are resolved (no network).  getservby* read the services database
 * (on Linux /etc/services, Debian package netbase). */
#include "wstest.h"

static int count_nodes(const ADDRINFOA *ai)
{
    int n = 0;
    for (; ai; ai = ai->ai_next)
        n++;
    return n;
}

/* ---- getaddrinfo ---------------------------------------------------------- */

/* Neither node nor service: WSAHOST_NOT_FOUND, returned and as last error,
 * and *res is cleared even if it held garbage. */
WT_CASE(test_getaddrinfo_null_null)
{
    ADDRINFOA *res = (ADDRINFOA *)0xdeadbeef;
    expect_wsa(getaddrinfo(NULL, NULL, NULL, &res), WSAHOST_NOT_FOUND, WSAHOST_NOT_FOUND);
    ok(res == NULL, "res %p", (void *)res);
}

/* Success sets the last error to 0; entries are AF_INET or AF_INET6. */
WT_CASE(test_getaddrinfo_localhost)
{
    ADDRINFOA *res = NULL;
    expect_wsa(getaddrinfo("localhost", "80", NULL, &res), 0, 0);
    ok(res != NULL, "no result");
    for (ADDRINFOA *p = res; p; p = p->ai_next) {
        ok(p->ai_family == AF_INET || p->ai_family == AF_INET6, "family %d", p->ai_family);
        ok(p->ai_addr && p->ai_addr->sa_family == p->ai_family, "sockaddr family %d",
           p->ai_addr ? p->ai_addr->sa_family : -1);
        ok(p->ai_addrlen == (p->ai_family == AF_INET ? sizeof(SOCKADDR_IN) : sizeof(SOCKADDR_IN6)), "addrlen %u",
           (unsigned)p->ai_addrlen);
        ok(((SOCKADDR_IN *)p->ai_addr)->sin_port == htons(80), "port %u", ntohs(((SOCKADDR_IN *)p->ai_addr)->sin_port));
        ok(p->ai_flags == 0 && p->ai_canonname == NULL, "flags %#x canonname %p", p->ai_flags, (void *)p->ai_canonname);
    }
    freeaddrinfo(res);
}

/* "localhost" in any case, with a final dot too, is answered without the
 * hosts file: ::1 then 127.0.0.1 for AF_UNSPEC, one of them otherwise. */
static void localhost_is(const char *name, int family, int want6, int want4)
{
    ADDRINFOA h, *res = NULL, *p;
    int n6 = 0, n4 = 0, i = 0;
    memset(&h, 0, sizeof h);
    h.ai_family = family;
    h.ai_socktype = SOCK_STREAM;
    expect_wsa(getaddrinfo(name, "7", &h, &res), 0, 0);
    for (p = res; p; p = p->ai_next, i++) {
        if (p->ai_family == AF_INET6) {
            SOCKADDR_IN6 *a6 = (SOCKADDR_IN6 *)p->ai_addr;
            ok(IN6_IS_ADDR_LOOPBACK(&a6->sin6_addr) && a6->sin6_port == htons(7), "%s: not [::1]:7", name);
            ok(i == 0, "%s: ::1 at position %d", name, i);
            n6++;
        } else {
            SOCKADDR_IN *a4 = (SOCKADDR_IN *)p->ai_addr;
            ok(a4->sin_addr.s_addr == htonl(INADDR_LOOPBACK) && a4->sin_port == htons(7), "%s: not 127.0.0.1:7",
               name);
            n4++;
        }
    }
    ok(n6 == want6 && n4 == want4, "%s family %d: %d IPv6 and %d IPv4 entries", name, family, n6, n4);
    freeaddrinfo(res);
}

WT_CASE(test_localhost_answered_internally)
{
    struct hostent *he;
    ADDRINFOA h, *res = NULL;
    SOCKADDR_IN6 any6;
    SOCKET l, c, s;
    int len;
    localhost_is("localhost", AF_UNSPEC, 1, 1);
    localhost_is("LocalHost", AF_UNSPEC, 1, 1);
    localhost_is("localhost.", AF_UNSPEC, 1, 1);
    localhost_is("LOCALHOST", AF_INET, 0, 1);
    localhost_is("localhost", AF_INET6, 1, 0);
    he = gethostbyname("LOCALHOST.");
    ok(he && he->h_addrtype == AF_INET && !memcmp(he->h_addr_list[0], "\x7f\x00\x00\x01", 4) && !he->h_addr_list[1],
       "gethostbyname(LOCALHOST.): %s", wt_name(WSAGetLastError()));
    /* A server on [::] meets a client that connects to localhost. */
    l = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    memset(&any6, 0, sizeof any6);
    any6.sin6_family = AF_INET6;
    expect_ok(bind(l, (struct sockaddr *)&any6, sizeof any6));
    expect_ok(listen(l, 1));
    len = sizeof any6;
    expect_ok(getsockname(l, (struct sockaddr *)&any6, &len));
    memset(&h, 0, sizeof h);
    h.ai_socktype = SOCK_STREAM;
    expect_wsa(getaddrinfo("localhost", NULL, &h, &res), 0, 0);
    ok(res && res->ai_family == AF_INET6, "first entry is not IPv6");
    if (res && res->ai_family == AF_INET6) {
        ((SOCKADDR_IN6 *)res->ai_addr)->sin6_port = any6.sin6_port;
        c = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
        expect_ok(connect(c, res->ai_addr, (int)res->ai_addrlen));
        s = accept(l, NULL, NULL);
        ok(s != INVALID_SOCKET, "accept: %s", wt_name(WSAGetLastError()));
        closesocket(s);
        closesocket(c);
    }
    freeaddrinfo(res);
    closesocket(l);
}

/* The whole hint table of protocol.c (family, socktype, protocol -> error),
 * through getaddrinfo and GetAddrInfoW: a socket type Windows does not know
 * is WSAESOCKTNOSUPPORT (returned and as last error, result NULL); any
 * protocol number, even 999 or one that does not fit the type, is echoed. */
static const struct {
    int family, socktype, protocol, error;
} hint_rows[] = {
    {AF_UNSPEC, SOCK_STREAM, IPPROTO_TCP, 0}, {AF_UNSPEC, SOCK_STREAM, IPPROTO_UDP, 0},
    {AF_UNSPEC, SOCK_STREAM, IPPROTO_IPV6, 0}, {AF_UNSPEC, SOCK_DGRAM, IPPROTO_TCP, 0},
    {AF_UNSPEC, SOCK_DGRAM, IPPROTO_UDP, 0}, {AF_UNSPEC, SOCK_DGRAM, IPPROTO_IPV6, 0},
    {AF_INET, SOCK_STREAM, IPPROTO_TCP, 0}, {AF_INET, SOCK_STREAM, IPPROTO_UDP, 0},
    {AF_INET, SOCK_STREAM, IPPROTO_IPV6, 0}, {AF_INET, SOCK_DGRAM, IPPROTO_TCP, 0},
    {AF_INET, SOCK_DGRAM, IPPROTO_UDP, 0}, {AF_INET, SOCK_DGRAM, IPPROTO_IPV6, 0},
    {AF_UNSPEC, 0, IPPROTO_TCP, 0}, {AF_UNSPEC, 0, IPPROTO_UDP, 0},
    {AF_UNSPEC, 0, IPPROTO_IPV6, 0}, {AF_UNSPEC, SOCK_STREAM, 0, 0},
    {AF_UNSPEC, SOCK_DGRAM, 0, 0}, {AF_INET, 0, IPPROTO_TCP, 0},
    {AF_INET, 0, IPPROTO_UDP, 0}, {AF_INET, 0, IPPROTO_IPV6, 0},
    {AF_INET, SOCK_STREAM, 0, 0}, {AF_INET, SOCK_DGRAM, 0, 0},
    {AF_UNSPEC, 999, IPPROTO_TCP, WSAESOCKTNOSUPPORT}, {AF_UNSPEC, 999, IPPROTO_UDP, WSAESOCKTNOSUPPORT},
    {AF_UNSPEC, 999, IPPROTO_IPV6, WSAESOCKTNOSUPPORT}, {AF_INET, 999, IPPROTO_TCP, WSAESOCKTNOSUPPORT},
    {AF_INET, 999, IPPROTO_UDP, WSAESOCKTNOSUPPORT}, {AF_INET, 999, IPPROTO_IPV6, WSAESOCKTNOSUPPORT},
    {AF_UNSPEC, SOCK_STREAM, 999, 0}, {AF_INET, SOCK_DGRAM, 999, 0},
};

WT_CASE(test_getaddrinfo_hints_echo)
{
    for (size_t i = 0; i < sizeof hint_rows / sizeof hint_rows[0]; i++) {
        ADDRINFOA h, *res = (ADDRINFOA *)0xdeadbeef;
        memset(&h, 0, sizeof h);
        h.ai_family = hint_rows[i].family;
        h.ai_socktype = hint_rows[i].socktype;
        h.ai_protocol = hint_rows[i].protocol;
        expect_wsa(getaddrinfo("localhost", NULL, &h, &res), hint_rows[i].error, hint_rows[i].error);
        if (hint_rows[i].error) {
            ok(res == NULL, "row %u: res %p", (unsigned)i, (void *)res);
            continue;
        }
        ok(res != NULL, "row %u: no result", (unsigned)i);
        for (ADDRINFOA *p = res; p; p = p->ai_next) {
            ok(hint_rows[i].family == AF_UNSPEC ? p->ai_family == AF_INET || p->ai_family == AF_INET6
                                                : p->ai_family == hint_rows[i].family,
               "row %u: family %d", (unsigned)i, p->ai_family);
            ok(p->ai_socktype == hint_rows[i].socktype && p->ai_protocol == hint_rows[i].protocol,
               "row %u: socktype %d protocol %d", (unsigned)i, p->ai_socktype, p->ai_protocol);
        }
        freeaddrinfo(res);
    }
}

WT_CASE(test_GetAddrInfoW_hints_echo)
{
    for (size_t i = 0; i < sizeof hint_rows / sizeof hint_rows[0]; i++) {
        ADDRINFOW h, *res = (ADDRINFOW *)0xdeadbeef;
        memset(&h, 0, sizeof h);
        h.ai_family = hint_rows[i].family;
        h.ai_socktype = hint_rows[i].socktype;
        h.ai_protocol = hint_rows[i].protocol;
        expect_wsa(GetAddrInfoW(L"localhost", NULL, &h, &res), hint_rows[i].error, hint_rows[i].error);
        if (hint_rows[i].error) {
            ok(res == NULL, "row %u: res %p", (unsigned)i, (void *)res);
            continue;
        }
        ok(res != NULL, "row %u: no result", (unsigned)i);
        for (ADDRINFOW *p = res; p; p = p->ai_next) {
            ok(hint_rows[i].family == AF_UNSPEC ? p->ai_family == AF_INET || p->ai_family == AF_INET6
                                                : p->ai_family == hint_rows[i].family,
               "row %u: family %d", (unsigned)i, p->ai_family);
            ok(p->ai_socktype == hint_rows[i].socktype && p->ai_protocol == hint_rows[i].protocol,
               "row %u: socktype %d protocol %d", (unsigned)i, p->ai_socktype, p->ai_protocol);
        }
        FreeAddrInfoW(res);
    }
}

WT_CASE(test_getaddrinfo_bad_socktype)
{
    ADDRINFOA h, *res = (ADDRINFOA *)0xdeadbeef;
    memset(&h, 0, sizeof h);
    h.ai_socktype = 999;
    h.ai_protocol = IPPROTO_TCP;
    expect_wsa(getaddrinfo("localhost", NULL, &h, &res), WSAESOCKTNOSUPPORT, WSAESOCKTNOSUPPORT);
    ok(res == NULL, "res %p", (void *)res);
}

/* EAI_FAMILY (WSAEAFNOSUPPORT): a family getaddrinfo does not support. */
WT_CASE(test_getaddrinfo_bad_family)
{
    ADDRINFOA h, *res = NULL;
    memset(&h, 0, sizeof h);
    h.ai_family = 1234;
    expect_wsa(getaddrinfo("localhost", NULL, &h, &res), WSAEAFNOSUPPORT, WSAEAFNOSUPPORT);
    ok(res == NULL, "res %p", (void *)res);
}

WT_CASE(test_getaddrinfo_numeric_ipv4)
{
    ADDRINFOA *res = NULL;
    expect_wsa(getaddrinfo("192.168.1.253", NULL, NULL, &res), 0, 0);
    ok(res && count_nodes(res) == 1, "%d results", count_nodes(res));
    if (res) {
        SOCKADDR_IN *sa = (SOCKADDR_IN *)res->ai_addr;
        ok(res->ai_family == AF_INET && res->ai_addrlen == sizeof(SOCKADDR_IN), "family %d addrlen %u",
           res->ai_family, (unsigned)res->ai_addrlen);
        ok(sa->sin_family == AF_INET && sa->sin_port == 0 && !strcmp(inet_ntoa(sa->sin_addr), "192.168.1.253"),
           "got %s port %u", inet_ntoa(sa->sin_addr), sa->sin_port);
    }
    freeaddrinfo(res);
}

/* Family 23, not Linux's 10, in both the node and the sockaddr. */
WT_CASE(test_getaddrinfo_numeric_ipv6)
{
    ADDRINFOA *res = NULL;
    char text[64];
    expect_wsa(getaddrinfo("2a00:2039:dead:beef:cafe::6666", NULL, NULL, &res), 0, 0);
    ok(res && count_nodes(res) == 1, "%d results", count_nodes(res));
    if (res) {
        SOCKADDR_IN6 *sa = (SOCKADDR_IN6 *)res->ai_addr;
        ok(res->ai_family == AF_INET6 && res->ai_addrlen == sizeof(SOCKADDR_IN6), "family %d addrlen %u",
           res->ai_family, (unsigned)res->ai_addrlen);
        ok(sa->sin6_family == AF_INET6 && sa->sin6_port == 0, "sockaddr family %d port %u", sa->sin6_family,
           sa->sin6_port);
        inet_ntop(AF_INET6, &sa->sin6_addr, text, sizeof text);
        ok(!strcmp(text, "2a00:2039:dead:beef:cafe::6666"), "got %s", text);
    }
    freeaddrinfo(res);
}

/* "[v6]" and "[v6]:port" are accepted; the port in the node is ignored. */
WT_CASE(test_getaddrinfo_ipv6_brackets)
{
    ADDRINFOA h, *res = NULL;
    char text[64];
    expect_wsa(getaddrinfo("[beef::cafe]", NULL, NULL, &res), 0, 0);
    ok(res && res->ai_family == AF_INET6, "no AF_INET6 result");
    freeaddrinfo(res);
    res = NULL;
    expect_wsa(getaddrinfo("[beef::cafe]:10239", NULL, NULL, &res), 0, 0);
    if (res) {
        SOCKADDR_IN6 *sa = (SOCKADDR_IN6 *)res->ai_addr;
        inet_ntop(AF_INET6, &sa->sin6_addr, text, sizeof text);
        ok(!strcmp(text, "beef::cafe") && sa->sin6_port == 0, "got %s port %u", text, sa->sin6_port);
    }
    freeaddrinfo(res);
    memset(&h, 0, sizeof h);
    h.ai_flags = AI_NUMERICHOST;
    h.ai_family = AF_INET6;
    res = NULL;
    expect_wsa(getaddrinfo("[beef::cafe]", NULL, &h, &res), 0, 0);
    freeaddrinfo(res);
}

/* AI_NUMERICHOST refuses names, port syntax, brackets with AF_INET and
 * unmatched brackets: WSAHOST_NOT_FOUND. */
WT_CASE(test_getaddrinfo_numerichost)
{
    static const char *const bad[] = {"localhost", "192.168.1.253:1024", "[beef::cafe", "beef::cafe]"};
    ADDRINFOA h, *res;
    memset(&h, 0, sizeof h);
    h.ai_flags = AI_NUMERICHOST;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        res = (ADDRINFOA *)0xdeadbeef;
        expect_wsa(getaddrinfo(bad[i], "80", &h, &res), WSAHOST_NOT_FOUND, WSAHOST_NOT_FOUND);
        ok(res == NULL, "%s: res %p", bad[i], (void *)res);
    }
    h.ai_family = AF_INET;
    expect_wsa(getaddrinfo("[beef::cafe]", NULL, &h, &res), WSAHOST_NOT_FOUND, WSAHOST_NOT_FOUND);
}

/* No node: the service alone; "" and "0" give the same result. */
WT_CASE(test_getaddrinfo_null_node)
{
    ADDRINFOA *a = NULL, *b = NULL;
    expect_wsa(getaddrinfo(NULL, "0", NULL, &a), 0, 0);
    expect_wsa(getaddrinfo(NULL, "", NULL, &b), 0, 0);
    ok(a && b && count_nodes(a) == count_nodes(b), "%d vs %d results", count_nodes(a), count_nodes(b));
    for (ADDRINFOA *p = a, *q = b; p && q; p = p->ai_next, q = q->ai_next)
        ok(p->ai_family == q->ai_family && p->ai_addrlen == q->ai_addrlen &&
               !memcmp(p->ai_addr, q->ai_addr, p->ai_addrlen),
           "results differ");
    freeaddrinfo(a);
    freeaddrinfo(b);
}

/* AI_PASSIVE with no node is the wildcard address, without it loopback. */
WT_CASE(test_getaddrinfo_passive)
{
    ADDRINFOA h, *res = NULL;
    memset(&h, 0, sizeof h);
    h.ai_family = AF_INET;
    h.ai_flags = AI_PASSIVE;
    expect_wsa(getaddrinfo(NULL, "8080", &h, &res), 0, 0);
    if (res) {
        SOCKADDR_IN *sa = (SOCKADDR_IN *)res->ai_addr;
        ok(sa->sin_addr.s_addr == htonl(INADDR_ANY) && sa->sin_port == htons(8080), "got %s:%u",
           inet_ntoa(sa->sin_addr), ntohs(sa->sin_port));
    }
    freeaddrinfo(res);
    h.ai_flags = 0;
    res = NULL;
    expect_wsa(getaddrinfo(NULL, "8080", &h, &res), 0, 0);
    if (res)
        ok(((SOCKADDR_IN *)res->ai_addr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK), "got %s",
           inet_ntoa(((SOCKADDR_IN *)res->ai_addr)->sin_addr));
    freeaddrinfo(res);
}

/* An unknown service name: WSATYPE_NOT_FOUND (EAI_SERVICE). */
WT_CASE(test_getaddrinfo_unknown_service)
{
    ADDRINFOA h, *res = NULL;
    memset(&h, 0, sizeof h);
    expect_wsa(getaddrinfo(NULL, "nonexistentservice", &h, &res), WSATYPE_NOT_FOUND, WSATYPE_NOT_FOUND);
    ok(res == NULL, "res %p", (void *)res);
}

/* "" is the local machine, like its own name. */
WT_CASE(test_getaddrinfo_local_machine)
{
    ADDRINFOA *res = NULL;
    char name[256];
    expect_wsa(getaddrinfo("", NULL, NULL, &res), 0, 0);
    ok(res != NULL, "no result for \"\"");
    freeaddrinfo(res);
    ok(gethostname(name, sizeof name) == 0, "gethostname: %s", wt_name(WSAGetLastError()));
    res = NULL;
    expect_wsa(getaddrinfo(name, NULL, NULL, &res), 0, 0);
    ok(res != NULL, "no result for %s", name);
    freeaddrinfo(res);
}

/* AI_CANONNAME puts the canonical name on the first entry only. */
WT_CASE(test_getaddrinfo_canonname)
{
    ADDRINFOA h, *res = NULL;
    memset(&h, 0, sizeof h);
    h.ai_flags = AI_CANONNAME;
    expect_wsa(getaddrinfo("localhost", NULL, &h, &res), 0, 0);
    ok(res && res->ai_canonname && res->ai_canonname[0], "no canonical name");
    for (ADDRINFOA *p = res ? res->ai_next : NULL; p; p = p->ai_next)
        ok(p->ai_canonname == NULL, "canonical name on a later entry");
    freeaddrinfo(res);
}

WT_CASE(test_getaddrinfo_not_initialised)
{
    WSADATA wsa;
    ADDRINFOA *res = (ADDRINFOA *)0xdeadbeef;
    WSACleanup();
    expect_wsa(getaddrinfo("localhost", NULL, NULL, &res), WSANOTINITIALISED, WSANOTINITIALISED);
    ok(res == NULL, "res %p", (void *)res);
    WSAStartup(MAKEWORD(2, 2), &wsa);
}

WT_CASE(test_freeaddrinfo_null)
{
    freeaddrinfo(NULL);
    FreeAddrInfoW(NULL);
}

/* ---- GetAddrInfoW ------------------------------------------------------- */

WT_CASE(test_GetAddrInfoW)
{
    ADDRINFOW *res = (ADDRINFOW *)0xdeadbeef, h;
    expect_wsa(GetAddrInfoW(NULL, NULL, NULL, &res), WSAHOST_NOT_FOUND, WSAHOST_NOT_FOUND);
    ok(res == NULL, "res %p", (void *)res);
    expect_wsa(GetAddrInfoW(L"localhost", L"80", NULL, &res), 0, 0);
    ok(res != NULL, "no result");
    for (ADDRINFOW *p = res; p; p = p->ai_next)
        ok((p->ai_family == AF_INET || p->ai_family == AF_INET6) &&
               ((SOCKADDR_IN *)p->ai_addr)->sin_port == htons(80),
           "family %d", p->ai_family);
    FreeAddrInfoW(res);
    memset(&h, 0, sizeof h);
    h.ai_flags = AI_CANONNAME;
    h.ai_family = AF_INET;
    res = NULL;
    expect_wsa(GetAddrInfoW(L"127.0.0.1", NULL, &h, &res), 0, 0);
    ok(res && res->ai_family == AF_INET && res->ai_canonname && res->ai_canonname[0], "no AF_INET result with a name");
    FreeAddrInfoW(res);
    expect_wsa(GetAddrInfoW(NULL, L"nonexistentservice", NULL, &res), WSATYPE_NOT_FOUND, WSATYPE_NOT_FOUND);
}

/* ---- getnameinfo ----------------------------------------------------------- */

WT_CASE(test_getnameinfo_numeric)
{
    SOCKADDR_IN sa = wt_loopback(80);
    SOCKADDR_IN6 sa6;
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    expect_ok(getnameinfo((SOCKADDR *)&sa, sizeof sa, host, sizeof host, serv, sizeof serv,
                          NI_NUMERICHOST | NI_NUMERICSERV));
    ok(!strcmp(host, "127.0.0.1") && !strcmp(serv, "80"), "got %s %s", host, serv);
    memset(&sa6, 0, sizeof sa6);
    sa6.sin6_family = AF_INET6;
    sa6.sin6_port = htons(443);
    sa6.sin6_addr.s6_addr[15] = 1;
    expect_ok(getnameinfo((SOCKADDR *)&sa6, sizeof sa6, host, sizeof host, serv, sizeof serv,
                          NI_NUMERICHOST | NI_NUMERICSERV));
    ok(!strcmp(host, "::1") && !strcmp(serv, "443"), "got %s %s", host, serv);
}

/* Either buffer may be left out. */
WT_CASE(test_getnameinfo_one_buffer)
{
    SOCKADDR_IN sa = wt_loopback(80);
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    expect_ok(getnameinfo((SOCKADDR *)&sa, sizeof sa, host, sizeof host, NULL, 0, NI_NUMERICHOST));
    ok(!strcmp(host, "127.0.0.1"), "got %s", host);
    expect_ok(getnameinfo((SOCKADDR *)&sa, sizeof sa, NULL, 0, serv, sizeof serv, NI_NUMERICSERV));
    ok(!strcmp(serv, "80"), "got %s", serv);
}

WT_CASE(test_getnameinfo_reverse_loopback)
{
    SOCKADDR_IN sa = wt_loopback(0);
    char host[NI_MAXHOST];
    expect_ok(getnameinfo((SOCKADDR *)&sa, sizeof sa, host, sizeof host, NULL, 0, 0));
    ok(host[0] != 0, "empty host name");
}

/* WSAEFAULT: no address, or one shorter than SOCKADDR_IN / SOCKADDR_IN6. */
WT_CASE(test_getnameinfo_bad_address)
{
    SOCKADDR_IN sa = wt_loopback(80);
    SOCKADDR_IN6 sa6;
    char host[NI_MAXHOST];
    memset(&sa6, 0, sizeof sa6);
    sa6.sin6_family = AF_INET6;
    expect_wsa(getnameinfo(NULL, sizeof sa, host, sizeof host, NULL, 0, NI_NUMERICHOST), WSAEFAULT, WSAEFAULT);
    expect_wsa(getnameinfo((SOCKADDR *)&sa, sizeof sa - 1, host, sizeof host, NULL, 0, NI_NUMERICHOST), WSAEFAULT,
               WSAEFAULT);
    expect_wsa(getnameinfo((SOCKADDR *)&sa6, sizeof sa6 - 1, host, sizeof host, NULL, 0, NI_NUMERICHOST), WSAEFAULT,
               WSAEFAULT);
}

/* EAI_FAMILY (WSAEAFNOSUPPORT) for a family it cannot translate. */
WT_CASE(test_getnameinfo_bad_family)
{
    SOCKADDR_IN sa = wt_loopback(80);
    char host[NI_MAXHOST];
    sa.sin_family = AF_IPX;
    expect_wsa(getnameinfo((SOCKADDR *)&sa, sizeof sa, host, sizeof host, NULL, 0, NI_NUMERICHOST), WSAEAFNOSUPPORT,
               WSAEAFNOSUPPORT);
}

/* EAI_NONAME (WSAHOST_NOT_FOUND) when neither a host nor a service is asked for. */
WT_CASE(test_getnameinfo_nothing_asked)
{
    SOCKADDR_IN sa = wt_loopback(80);
    expect_wsa(getnameinfo((SOCKADDR *)&sa, sizeof sa, NULL, 0, NULL, 0, 0), WSAHOST_NOT_FOUND, WSAHOST_NOT_FOUND);
}

/* A host buffer too small for the answer (assumed WSAEFAULT, Windows' code
 * for a short buffer; not pinned by a Wine test). */
WT_CASE(test_getnameinfo_small_buffer)
{
    SOCKADDR_IN sa = wt_loopback(80);
    char host[4];
    expect_wsa(getnameinfo((SOCKADDR *)&sa, sizeof sa, host, sizeof host, NULL, 0, NI_NUMERICHOST), WSAEFAULT,
               WSAEFAULT);
}

WT_CASE(test_getnameinfo_not_initialised)
{
    WSADATA wsa;
    SOCKADDR_IN sa = wt_loopback(80);
    char host[NI_MAXHOST];
    WSACleanup();
    expect_wsa(getnameinfo((SOCKADDR *)&sa, sizeof sa, host, sizeof host, NULL, 0, NI_NUMERICHOST), WSANOTINITIALISED,
               WSANOTINITIALISED);
    WSAStartup(MAKEWORD(2, 2), &wsa);
}

/* ---- gai_strerror ------------------------------------------------------- */

WT_CASE(test_gai_strerror)
{
    const char *a = gai_strerrorA(EAI_NONAME);
    const WCHAR *w = gai_strerrorW(EAI_SERVICE);
    ok(a && a[0], "no text for EAI_NONAME");
    ok(w && w[0], "no text for EAI_SERVICE");
    ok(gai_strerrorA(WSAEAFNOSUPPORT) != NULL, "no text for EAI_FAMILY");
}

/* ---- gethostbyname / gethostbyaddr / gethostname -------------------------- */

WT_CASE(test_gethostbyname_localhost)
{
    struct hostent *he = gethostbyname("localhost");
    ok(he != NULL, "gethostbyname(localhost): %s", wt_name(WSAGetLastError()));
    if (!he)
        return;
    ok(he->h_addrtype == AF_INET && he->h_length == 4, "type %d length %d", he->h_addrtype, he->h_length);
    ok(!memcmp(he->h_addr_list[0], "\x7f\x00\x00\x01", 4), "first address %s",
       inet_ntoa(*(struct in_addr *)he->h_addr_list[0]));
    ok(he->h_name && he->h_name[0], "no h_name");
}

/* The struct is followed by h_aliases[], then h_addr_list[], then the
 * addresses (protocol.c test_dns). */
WT_CASE(test_gethostbyname_layout)
{
    struct hostent *he = gethostbyname("localhost");
    char **p;
    ok(he != NULL, "gethostbyname: %s", wt_name(WSAGetLastError()));
    if (!he)
        return;
    ok((char *)he->h_aliases == (char *)(he + 1), "h_aliases at %p, struct ends at %p", (void *)he->h_aliases,
       (void *)(he + 1));
    for (p = he->h_aliases; *p; p++)
        ;
    ok(he->h_addr_list == p + 1, "h_addr_list not right after h_aliases");
    for (p = he->h_addr_list; *p; p++)
        ;
    ok(he->h_addr_list[0] == (char *)(p + 1), "first address not right after h_addr_list");
}

WT_CASE(test_gethostbyname_numeric)
{
    struct hostent *he = gethostbyname("127.0.0.2");
    ok(he != NULL, "gethostbyname(127.0.0.2): %s", wt_name(WSAGetLastError()));
    if (he)
        ok(he->h_addrtype == AF_INET && !memcmp(he->h_addr_list[0], "\x7f\x00\x00\x02", 4), "wrong address");
}

/* NULL, "" and the machine's own name all name the local machine. */
WT_CASE(test_gethostbyname_local)
{
    char name[256];
    ok(gethostbyname("") != NULL, "gethostbyname(\"\"): %s", wt_name(WSAGetLastError()));
    ok(gethostbyname(NULL) != NULL, "gethostbyname(NULL): %s", wt_name(WSAGetLastError()));
    expect_ok(gethostname(name, sizeof name));
    ok(gethostbyname(name) != NULL, "gethostbyname(%s): %s", name, wt_name(WSAGetLastError()));
}

/* sock.c test_WithoutWSAStartup */
WT_CASE(test_gethostbyname_not_initialised)
{
    WSADATA wsa;
    char name[64];
    WSACleanup();
    expect_wsa(gethostbyname("localhost"), 0, WSANOTINITIALISED);
    expect_wsa(gethostbyaddr("\x7f\0\0\x01", 4, AF_INET), 0, WSANOTINITIALISED);
    expect_fail(gethostname(name, sizeof name), WSANOTINITIALISED);
    WSAStartup(MAKEWORD(2, 2), &wsa);
}

WT_CASE(test_gethostbyaddr)
{
    struct hostent *he = gethostbyaddr("\x7f\0\0\x01", 4, AF_INET);
    ok(he != NULL, "gethostbyaddr(127.0.0.1): %s", wt_name(WSAGetLastError()));
    if (he)
        ok(he->h_addrtype == AF_INET && he->h_length == 4 && he->h_name[0], "type %d length %d", he->h_addrtype,
           he->h_length);
}

WT_CASE(test_gethostbyaddr_errors)
{
    expect_wsa(gethostbyaddr(NULL, 4, AF_INET), 0, WSAEFAULT);
    expect_wsa(gethostbyaddr("\x7f\0\0\x01", 3, AF_INET), 0, WSAEFAULT);
    expect_wsa(gethostbyaddr("\x7f\0\0\x01", 4, AF_IPX), 0, WSAEAFNOSUPPORT);
}

/* gethostname: WSAEFAULT for NULL or a buffer without room for the NUL,
 * which is then left untouched (protocol.c test_gethostname). */
WT_CASE(test_gethostname)
{
    char name[256], buf[256];
    expect_fail(gethostname(NULL, 256), WSAEFAULT);
    expect_ok(gethostname(name, sizeof name));
    int len = (int)strlen(name);
    ok(len > 0, "empty host name");
    strcpy(buf, "deadbeef");
    expect_fail(gethostname(buf, len), WSAEFAULT);
    ok(!strcmp(buf, "deadbeef"), "buffer changed to %s", buf);
    expect_ok(gethostname(buf, len + 1));
    ok(!strcmp(buf, name), "got %s, want %s", buf, name);
}

/* GetHostNameW: the same rules in WCHARs (protocol.c test_GetHostNameW). */
WT_CASE(test_GetHostNameW)
{
    WCHAR name[256], buf[256];
    char narrow[256];
    expect_fail(GetHostNameW(NULL, 256), WSAEFAULT);
    expect_ok(GetHostNameW(name, 256));
    int len = (int)wcslen(name);
    ok(len > 0, "empty host name");
    wcscpy(buf, L"deadbeef");
    expect_fail(GetHostNameW(buf, len), WSAEFAULT);
    ok(!wcscmp(buf, L"deadbeef"), "buffer changed");
    expect_ok(GetHostNameW(buf, len + 1));
    expect_ok(gethostname(narrow, sizeof narrow));
    ok((int)strlen(narrow) == len && (WCHAR)narrow[0] == buf[0], "the same name as gethostname");
}

/* ---- services -------------------------------------------------------------- */

WT_CASE(test_getservbyname)
{
    struct servent *se = getservbyname("domain", "udp");
    ok(se != NULL, "domain/udp: %s", wt_name(WSAGetLastError()));
    if (se)
        ok(se->s_port == htons(53) && !strcmp(se->s_proto, "udp") && !strcmp(se->s_name, "domain"),
           "got %s %d/%s", se->s_name, ntohs(se->s_port), se->s_proto);
    se = getservbyname("telnet", "tcp");
    ok(se != NULL, "telnet/tcp: %s", wt_name(WSAGetLastError()));
    if (se)
        ok(se->s_port == htons(23) && !strcmp(se->s_proto, "tcp"), "got %d/%s", ntohs(se->s_port), se->s_proto);
}

/* The protocol may be NULL: any protocol matches. */
WT_CASE(test_getservbyname_any_proto)
{
    struct servent *se = getservbyname("http", NULL);
    ok(se != NULL && se->s_port == htons(80), "http: %s", wt_name(WSAGetLastError()));
}

/* The result is per-thread and not reallocated between calls
 * (protocol.c do_getservbyname). */
WT_CASE(test_getservbyname_same_buffer)
{
    struct servent *a = getservbyname("domain", "udp");
    struct servent *b = getservbyname("telnet", "tcp");
    ok(a != NULL && a == b, "buffers %p %p", (void *)a, (void *)b);
}

WT_CASE(test_getservbyname_unknown)
{
    expect_wsa(getservbyname("nonexistentservice", "tcp"), 0, WSANO_DATA);
}

WT_CASE(test_getservbyport)
{
    struct servent *se = getservbyport(htons(80), "tcp");
    ok(se != NULL && se->s_port == htons(80) && !strcmp(se->s_proto, "tcp"), "port 80: %s",
       wt_name(WSAGetLastError()));
    se = getservbyport(htons(53), NULL);
    ok(se != NULL && !strcmp(se->s_name, "domain"), "port 53: %s", wt_name(WSAGetLastError()));
}

/* ---- protocols ------------------------------------------------------------- */

/* Windows' protocol table, not the host's (protocol.c test_getprotobyname). */
static const struct {
    int number;
    const char *name, *alias;
} protocols[] = {
    {0, "ip", "IP"},          {1, "icmp", "ICMP"},
    {3, "ggp", "GGP"},        {6, "tcp", "TCP"},
    {8, "egp", "EGP"},        {12, "pup", "PUP"},
    {17, "udp", "UDP"},       {20, "hmp", "HMP"},
    {22, "xns-idp", "XNS-IDP"}, {27, "rdp", "RDP"},
    {41, "ipv6", "IPv6"},     {43, "ipv6-route", "IPv6-Route"},
    {44, "ipv6-frag", "IPv6-Frag"}, {50, "esp", "ESP"},
    {51, "ah", "AH"},         {58, "ipv6-icmp", "IPv6-ICMP"},
    {59, "ipv6-nonxt", "IPv6-NoNxt"}, {60, "ipv6-opts", "IPv6-Opts"},
    {66, "rvd", "RVD"},
};

/* Names match case-insensitively, the alias as well. */
WT_CASE(test_getprotobyname)
{
    for (size_t i = 0; i < sizeof protocols / sizeof protocols[0]; i++) {
        char upper[16];
        size_t j;
        struct protoent *pe = getprotobyname(protocols[i].name);
        ok(pe && pe->p_proto == protocols[i].number, "%s: %s", protocols[i].name, wt_name(WSAGetLastError()));
        pe = getprotobyname(protocols[i].alias);
        ok(pe && pe->p_proto == protocols[i].number, "%s: %s", protocols[i].alias, wt_name(WSAGetLastError()));
        for (j = 0; protocols[i].name[j]; j++)
            upper[j] = (char)(protocols[i].name[j] >= 'a' && protocols[i].name[j] <= 'z' ? protocols[i].name[j] - 32
                                                                                        : protocols[i].name[j]);
        upper[j] = 0;
        pe = getprotobyname(upper);
        ok(pe && pe->p_proto == protocols[i].number, "%s: %s", upper, wt_name(WSAGetLastError()));
    }
}

/* Exactly the table's numbers exist; p_name is lowercase and
 * p_aliases[0] the capitalised name. */
WT_CASE(test_getprotobynumber)
{
    for (int n = -1; n <= 256; n++) {
        const char *name = NULL, *alias = NULL;
        for (size_t i = 0; i < sizeof protocols / sizeof protocols[0]; i++)
            if (protocols[i].number == n) {
                name = protocols[i].name;
                alias = protocols[i].alias;
            }
        struct protoent *pe = getprotobynumber(n);
        if (!name)
            ok(pe == NULL, "%d: got %s", n, pe ? pe->p_name : "");
        else
            ok(pe && !strcmp(pe->p_name, name) && pe->p_aliases && pe->p_aliases[0] &&
                   !strcmp(pe->p_aliases[0], alias) && !pe->p_aliases[1],
               "%d: wrong entry", n);
    }
}

WT_CASE(test_getprotobyname_unknown)
{
    expect_wsa(getprotobyname("nonexistentprotocol"), 0, WSANO_DATA);
    expect_wsa(getprotobynumber(2), 0, WSANO_DATA);
}

WT_CASE(test_getservbyname_not_initialised)
{
    WSADATA wsa;
    WSACleanup();
    expect_wsa(getservbyname("http", "tcp"), 0, WSANOTINITIALISED);
    expect_wsa(getservbyport(htons(80), "tcp"), 0, WSANOTINITIALISED);
    expect_wsa(getprotobyname("tcp"), 0, WSANOTINITIALISED);
    expect_wsa(getprotobynumber(6), 0, WSANOTINITIALISED);
    WSAStartup(MAKEWORD(2, 2), &wsa);
}

WT_MAIN(test_getaddrinfo_null_null, test_getaddrinfo_localhost, test_localhost_answered_internally, test_getaddrinfo_hints_echo, test_GetAddrInfoW_hints_echo,
        test_getaddrinfo_bad_socktype, test_getaddrinfo_bad_family, test_getaddrinfo_numeric_ipv4,
        test_getaddrinfo_numeric_ipv6, test_getaddrinfo_ipv6_brackets, test_getaddrinfo_numerichost,
        test_getaddrinfo_null_node, test_getaddrinfo_passive, test_getaddrinfo_unknown_service,
        test_getaddrinfo_local_machine, test_getaddrinfo_canonname, test_getaddrinfo_not_initialised,
        test_freeaddrinfo_null, test_GetAddrInfoW, test_getnameinfo_numeric, test_getnameinfo_one_buffer,
        test_getnameinfo_reverse_loopback, test_getnameinfo_bad_address, test_getnameinfo_bad_family,
        test_getnameinfo_nothing_asked, test_getnameinfo_small_buffer, test_getnameinfo_not_initialised,
        test_gai_strerror, test_gethostbyname_localhost, test_gethostbyname_layout, test_gethostbyname_numeric,
        test_gethostbyname_local, test_gethostbyname_not_initialised, test_gethostbyaddr, test_gethostbyaddr_errors,
        test_gethostname, test_GetHostNameW, test_getservbyname, test_getservbyname_any_proto, test_getservbyname_same_buffer,
        test_getservbyname_unknown, test_getservbyport, test_getprotobyname, test_getprotobynumber,
        test_getprotobyname_unknown, test_getservbyname_not_initialised)
