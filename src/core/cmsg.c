/* Control data (ancillary data) between Linux's cmsghdr and Windows'
 * WSACMSGHDR, for WSARecvMsg and WSASendMsg.  The headers have the same
 * layout on 64-bit systems (a size_t length, two ints, data aligned to 8);
 * the levels agree, the option numbers and some payloads do not:
 * IN_PKTINFO is {address, interface} where Linux has {interface, local,
 * destination}, and Linux's IP_TOS is one byte where Windows passes an INT
 * (sock.c test_ipv4_cmsg).  One row per option both sides know. */
#include "engine.h"
#include <netinet/in.h>
#include <string.h>

enum { P_INT, P_BYTE_INT, P_PKTINFO4, P_SAME };

static const struct {
    int level, lx, win; /* level is the same number on both */
    unsigned char kind, wsize;
} rows[] = {
    {IPPROTO_IP, IP_PKTINFO, WS_IP_PKTINFO, P_PKTINFO4, 8},
    {IPPROTO_IP, IP_TTL, WS_IP_TTL, P_INT, 4},
    {IPPROTO_IP, IP_TOS, WS_IP_TOS, P_BYTE_INT, 4},
    {IPPROTO_IPV6, IPV6_PKTINFO, WS_IPV6_PKTINFO, P_SAME, 20},
    {IPPROTO_IPV6, IPV6_HOPLIMIT, WS_IPV6_HOPLIMIT, P_INT, 4},
    {IPPROTO_IPV6, IPV6_TCLASS, WS_IPV6_TCLASS, P_INT, 4},
};
#define NROWS (sizeof rows / sizeof rows[0])

/* Linux -> Windows payload (wsize bytes into out). */
static bool to_win(unsigned kind, const unsigned char *in, size_t inlen, unsigned char *out, size_t wsize)
{
    int v;
    switch (kind) {
    case P_INT:
        if (inlen < sizeof v)
            return false;
        memcpy(out, in, sizeof v);
        return true;
    case P_BYTE_INT:
        if (inlen < 1)
            return false;
        v = inlen >= sizeof v ? *(const int *)(const void *)in : in[0];
        memcpy(out, &v, sizeof v);
        return true;
    case P_PKTINFO4: {
        struct in_pktinfo pi;
        if (inlen < sizeof pi)
            return false;
        memcpy(&pi, in, sizeof pi);
        uint32_t ifindex = (uint32_t)pi.ipi_ifindex;
        memcpy(out, &pi.ipi_addr, 4);
        memcpy(out + 4, &ifindex, 4);
        return true;
    }
    default:
        if (inlen < wsize)
            return false;
        memcpy(out, in, wsize);
        return true;
    }
}

size_t ws_cmsg_to_win(const struct msghdr *m, void *out, size_t room, bool *trunc)
{
    size_t used = 0;
    *trunc = (m->msg_flags & MSG_CTRUNC) != 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR((struct msghdr *)m); c; c = CMSG_NXTHDR((struct msghdr *)m, c)) {
        size_t i = 0;
        while (i < NROWS && !(rows[i].level == c->cmsg_level && rows[i].lx == c->cmsg_type))
            i++;
        if (i == NROWS)
            continue; /* nothing Windows would have delivered */
        size_t len = sizeof(WS_WSACMSGHDR) + rows[i].wsize;
        if (used + len > room) {
            *trunc = true;
            break;
        }
        WS_WSACMSGHDR h = {len, rows[i].level, rows[i].win};
        unsigned char *p = (unsigned char *)out + used;
        if (!to_win(rows[i].kind, CMSG_DATA(c), c->cmsg_len - CMSG_LEN(0), p + sizeof h, rows[i].wsize))
            continue;
        memcpy(p, &h, sizeof h);
        used += WS_CMSG_ALIGN(len);
        if (used > room)
            used = room;
    }
    return used;
}

int ws_cmsg_from_win(const void *in, size_t len, void *out, size_t room, size_t *outlen)
{
    const unsigned char *p = in;
    size_t at = 0, used = 0;
    while (at + sizeof(WS_WSACMSGHDR) <= len) {
        WS_WSACMSGHDR h;
        memcpy(&h, p + at, sizeof h);
        if (h.cmsg_len < sizeof h || h.cmsg_len > len - at)
            return WSAEINVAL;
        size_t dlen = h.cmsg_len - sizeof h, i = 0;
        while (i < NROWS && !(rows[i].level == h.cmsg_level && rows[i].win == h.cmsg_type))
            i++;
        if (i == NROWS || dlen < rows[i].wsize)
            return WSAEINVAL;
        size_t lxlen = rows[i].kind == P_PKTINFO4 ? sizeof(struct in_pktinfo) : rows[i].wsize;
        if (used + CMSG_SPACE(lxlen) > room)
            return WSAENOBUFS;
        struct cmsghdr *c = (struct cmsghdr *)(void *)((char *)out + used);
        memset(c, 0, CMSG_SPACE(lxlen));
        c->cmsg_len = CMSG_LEN(lxlen);
        c->cmsg_level = h.cmsg_level;
        c->cmsg_type = rows[i].lx;
        const unsigned char *d = p + at + sizeof h;
        if (rows[i].kind == P_PKTINFO4) {
            /* Windows' ipi_addr is the source address to send from. */
            struct in_pktinfo pi = {0};
            uint32_t ifindex;
            memcpy(&pi.ipi_spec_dst, d, 4);
            memcpy(&ifindex, d + 4, 4);
            pi.ipi_ifindex = (int)ifindex;
            memcpy(CMSG_DATA(c), &pi, sizeof pi);
        } else
            memcpy(CMSG_DATA(c), d, lxlen);
        used += CMSG_SPACE(lxlen);
        at += WS_CMSG_ALIGN(h.cmsg_len);
    }
    *outlen = used;
    return 0;
}

/* WSARecvMsg's completion (src/ws2_32/recv.c): the control data, the
 * Control length and the flags go into the program's WSAMSG; a control
 * buffer too small is WSAEMSGSIZE with MSG_CTRUNC, a cut datagram
 * MSG_TRUNC; the OVERLAPPED's Offset and the routine's flags stay 0
 * (sock.c test_ip_pktinfo). */
void ws_recvmsg_finish(ws_ioreq *r)
{
    WS_WSAMSG *w = r->api_data;
    bool cut = r->status == WS_STATUS_BUFFER_OVERFLOW;
    r->out_flags = 0;
    if (r->status != WS_STATUS_SUCCESS && !cut)
        return;
    bool trunc;
    size_t n = ws_cmsg_to_win(&r->msg, w->Control.buf, w->Control.buf ? w->Control.len : 0, &trunc);
    w->Control.len = (ULONG)n;
    w->dwFlags = (cut ? WS_MSG_TRUNC : 0) | (trunc ? WS_MSG_CTRUNC : 0);
    if (trunc)
        r->status = WS_STATUS_BUFFER_OVERFLOW;
}
