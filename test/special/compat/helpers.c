/* Item 8: the address helpers of ws2ipdef.h and mstcpip.h (IN6_*, IN4_*,
 * IN6ADDR_*, IN4ADDR_*, INETADDR_*), SS_PORT, the WSA_CMSG_* macros and
 * HasOverlappedIoCompleted, as programs use them. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#include <mswsock.h>
#include <stdio.h>
#include <string.h>

static int failures;
#define CHECK(cond) ((cond) ? (void)0 : (void)(failures++, fprintf(stderr, "%d: CHECK failed: %s\n", __LINE__, #cond)))

static IN6_ADDR v6(const char *text)
{
    IN6_ADDR a;
    memset(&a, 0, sizeof a);
    if (inet_pton(AF_INET6, text, &a) != 1)
        failures++;
    return a;
}

int main(void)
{
    SOCKADDR_STORAGE ss;
    SOCKADDR *sa = (SOCKADDR *)&ss;
    SOCKADDR_IN6 s6, t6;
    SOCKADDR_IN s4;
    IN6_ADDR a;
    IN_ADDR four;
    WSAMSG msg;
    char control[64];
    WSACMSGHDR *cm;
    OVERLAPPED ov;
    static const IN6_ADDR lo6 = IN6ADDR_LOOPBACK_INIT, any6 = IN6ADDR_ANY_INIT,
                          allnodes = IN6ADDR_ALLNODESONLINK_INIT;

    /* ws2ipdef.h */
    CHECK(IN6_IS_ADDR_LOOPBACK(&lo6) && !IN6_IS_ADDR_LOOPBACK(&any6));
    CHECK(IN6_IS_ADDR_UNSPECIFIED(&any6) && IN6_IS_ADDR_UNSPECIFIED(&in6addr_any));
    CHECK(IN6_ADDR_EQUAL(&in6addr_loopback, &lo6));
    CHECK(IN6_IS_ADDR_MULTICAST(&allnodes) && IN6_IS_ADDR_MC_LINKLOCAL(&allnodes) && !IN6_IS_ADDR_MC_GLOBAL(&allnodes));
    a = v6("fe80::1");
    CHECK(IN6_IS_ADDR_LINKLOCAL(&a) && !IN6_IS_ADDR_SITELOCAL(&a) && !IN6_IS_ADDR_GLOBAL(&a));
    a = v6("fec0::1");
    CHECK(IN6_IS_ADDR_SITELOCAL(&a));
    a = v6("2001:db8::1");
    CHECK(IN6_IS_ADDR_GLOBAL(&a) && IN6_IS_ADDR_EUI64(&a) && !IN6_IS_ADDR_ANYCAST(&a));
    a = v6("2001:db8::");
    CHECK(IN6_IS_ADDR_SUBNET_ROUTER_ANYCAST(&a) && IN6_IS_ADDR_ANYCAST(&a));
    a = v6("2001:db8::fdff:ffff:ffff:ff80");
    CHECK(IN6_IS_ADDR_SUBNET_RESERVED_ANYCAST(&a));
    a = v6("::ffff:10.1.2.3");
    CHECK(IN6_IS_ADDR_V4MAPPED(&a) && !IN6_IS_ADDR_V4COMPAT(&a));
    CHECK(IN6_EXTRACT_V4ADDR_FROM_MAPPED(&a)->s_addr == inet_addr("10.1.2.3"));
    a = v6("::10.1.2.3");
    CHECK(IN6_IS_ADDR_V4COMPAT(&a) && !IN6_IS_ADDR_V4MAPPED(&a));
    CHECK(!IN6_IS_ADDR_V4COMPAT(&lo6) && !IN6_IS_ADDR_V4COMPAT(&any6));
    a = v6("::ffff:0:10.1.2.3");
    CHECK(IN6_IS_ADDR_V4TRANSLATED(&a));
    a = v6("ff0e::1");
    CHECK(IN6_IS_ADDR_MC_GLOBAL(&a));
    a = v6("ff05::2");
    CHECK(IN6_IS_ADDR_MC_SITELOCAL(&a));
    a = v6("2002:c000:0201::1");
    CHECK(IN6_IS_ADDR_6TO4(&a) && IN6_EXTRACT_V4ADDR_FROM_6TO4(&a)->s_addr == inet_addr("192.0.2.1"));
    a = v6("2001:0:4136:e378::1");
    CHECK(IN6_IS_ADDR_TEREDO(&a));
    IN6_SET_ADDR_LOOPBACK(&a);
    CHECK(IN6_IS_ADDR_LOOPBACK(&a));
    IN6_SET_ADDR_UNSPECIFIED(&a);
    CHECK(IN6_IS_ADDR_UNSPECIFIED(&a));
    four.s_addr = inet_addr("192.0.2.7");
    IN6_SET_ADDR_V4MAPPED(&a, &four);
    CHECK(IN6_IS_ADDR_V4MAPPED(&a));

    IN6ADDR_SETLOOPBACK(&s6);
    CHECK(s6.sin6_family == AF_INET6 && IN6ADDR_ISLOOPBACK(&s6) && s6.sin6_port == 0);
    IN6ADDR_SETANY(&t6);
    CHECK(IN6ADDR_ISANY(&t6) && IN6ADDR_ISUNSPECIFIED(&t6) && !IN6ADDR_ISEQUAL(&s6, &t6));

    /* mstcpip.h, IPv4 */
    IN4ADDR_SETLOOPBACK(&s4);
    CHECK(s4.sin_family == AF_INET && s4.sin_addr.s_addr == htonl(INADDR_LOOPBACK) && IN4ADDR_ISLOOPBACK(&s4));
    four.s_addr = inet_addr("169.254.3.4");
    CHECK(IN4_IS_ADDR_LINKLOCAL(&four) && !IN4_IS_ADDR_LOOPBACK(&four) && !IN4_IS_ADDR_RFC1918(&four));
    four.s_addr = inet_addr("172.20.0.1");
    CHECK(IN4_IS_ADDR_RFC1918(&four));
    four.s_addr = inet_addr("224.0.0.251");
    CHECK(IN4_IS_ADDR_MULTICAST(&four) && IN4_IS_ADDR_MC_LINKLOCAL(&four));
    four.s_addr = INADDR_BROADCAST;
    CHECK(IN4_IS_ADDR_BROADCAST(&four));

    /* family-independent forms on a SOCKADDR_STORAGE */
    memset(&ss, 0, sizeof ss);
    ss.ss_family = AF_INET;
    INETADDR_SETLOOPBACK(sa);
    INETADDR_SET_PORT(sa, htons(8080));
    CHECK(INETADDR_ISLOOPBACK(sa) && !INETADDR_ISANY(sa) && INETADDR_PORT(sa) == htons(8080));
    CHECK(SS_PORT(&ss) == htons(8080) && INETADDR_ADDRESS(sa)[0] == 127);
    ss.ss_family = AF_INET6;
    INETADDR_SETANY(sa);
    CHECK(ss.ss_family == AF_INET6 && INETADDR_ISANY(sa) && INETADDR_PORT(sa) == 0 && SS_PORT(&ss) == 0);
    INETADDR_SET_ADDRESS(sa, lo6.u.Byte);
    CHECK(INETADDR_ISLOOPBACK(sa) && INETADDR_SCOPE_ID(sa).Value == 0);
    CHECK(INETADDR_ISEQUAL(sa, (SOCKADDR *)&s6));
    CHECK(INET_SOCKADDR_LENGTH(AF_INET6) == sizeof(SOCKADDR_IN6) && INET_ADDR_LENGTH(AF_INET) == 4);

    /* ws2def.h control-message macros */
    memset(&msg, 0, sizeof msg);
    memset(control, 0, sizeof control);
    msg.Control.buf = control;
    msg.Control.len = (ULONG)sizeof control;
    cm = WSA_CMSG_FIRSTHDR(&msg);
    CHECK(cm == (WSACMSGHDR *)control);
    cm->cmsg_len = WSA_CMSG_LEN(sizeof(IN_PKTINFO));
    CHECK(WSA_CMSG_DATA(cm) == (PUCHAR)control + sizeof(WSACMSGHDR));
    CHECK(WSA_CMSG_SPACE(sizeof(IN_PKTINFO)) >= WSA_CMSG_LEN(sizeof(IN_PKTINFO)));
    CHECK(WSA_CMSG_NXTHDR(&msg, cm) == NULL || (char *)WSA_CMSG_NXTHDR(&msg, cm) > (char *)cm);

    /* winbase.h */
    memset(&ov, 0, sizeof ov);
    ov.Internal = STATUS_PENDING;
    CHECK(!HasOverlappedIoCompleted(&ov));
    ov.Internal = 0;
    CHECK(HasOverlappedIoCompleted(&ov));
    return failures != 0;
}
