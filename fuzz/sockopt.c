/* setsockopt/getsockopt with arbitrary levels, names, lengths and bytes on
 * a fresh socket of each kind (closed again every run: no socket outlives
 * its input).  The option buffer is allocated at exactly the length passed,
 * so a read or write past it is an ASan finding; a getsockopt that
 * succeeds must report a length within the buffer. */
#include "fuzz.h"
#include <mswsock.h>

static const int levels[] = {SOL_SOCKET, IPPROTO_TCP, IPPROTO_IP, IPPROTO_IPV6, IPPROTO_UDP, 0xffff, -1, 41};
static const int names[] = {SO_REUSEADDR, SO_EXCLUSIVEADDRUSE, SO_KEEPALIVE, SO_LINGER, SO_DONTLINGER, SO_SNDBUF,
                            SO_RCVBUF, SO_RCVTIMEO, SO_SNDTIMEO, SO_BROADCAST, SO_OOBINLINE, SO_ERROR, SO_TYPE,
                            SO_ACCEPTCONN, SO_CONDITIONAL_ACCEPT, SO_PROTOCOL_INFOA, SO_PROTOCOL_INFOW,
                            SO_MAX_MSG_SIZE, SO_UPDATE_ACCEPT_CONTEXT, SO_UPDATE_CONNECT_CONTEXT, SO_CONNECT_TIME,
                            TCP_NODELAY, IP_TTL, IP_TOS, IP_MULTICAST_TTL, IP_MULTICAST_LOOP, IP_ADD_MEMBERSHIP,
                            IP_DROP_MEMBERSHIP, IP_HDRINCL, IP_PKTINFO, IP_DONTFRAGMENT, IPV6_V6ONLY,
                            IPV6_UNICAST_HOPS, IPV6_JOIN_GROUP, IPV6_PKTINFO, 0, -1};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_in in = {data, data + size};
    fuzz_startup();
    uint8_t kind = fuzz_u8(&in);
    static const int fam[] = {AF_INET, AF_INET6}, type[] = {SOCK_STREAM, SOCK_DGRAM};
    SOCKET s = socket(fam[kind & 1], type[(kind >> 1) & 1], 0);
    if (s == INVALID_SOCKET)
        return 0;
    for (int round = 0; round < 4 && in.p < in.end; round++) {
        uint8_t b = fuzz_u8(&in);
        int level = b & 0x80 ? (int)fuzz_u32(&in) : levels[b % (sizeof levels / sizeof levels[0])];
        uint8_t nb = fuzz_u8(&in);
        int name = nb & 0x80 ? (int)fuzz_u32(&in) : names[nb % (sizeof names / sizeof names[0])];
        int len = (int8_t)fuzz_u8(&in); /* -128..127 */
        /* A negative length makes Windows take a BOOL's or int's four bytes
         * anyway (sock.c test_optsize: set with -1 succeeds), so the caller
         * has those behind the pointer. */
        size_t room = len > 0 ? (size_t)len : len < 0 ? 8 : 0;
        char *buf = malloc(room ? room : 1);
        for (size_t i = 0; i < room; i++)
            buf[i] = (char)fuzz_u8(&in);
        if (b & 0x40) {
            int got = len;
            char *where = b & 0x20 ? NULL : buf;
            if (getsockopt(s, level, name, where, &got) == 0 && where)
                fuzz_check(got >= 0 && got <= len);
        } else
            setsockopt(s, level, name, b & 0x20 ? NULL : buf, len);
        free(buf);
    }
    closesocket(s);
    return 0;
}
