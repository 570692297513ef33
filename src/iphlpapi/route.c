/* Route lookup: GetBestRoute2, GetBestInterface, GetBestInterfaceEx.  The
 * kernel answers (RTM_GETROUTE), so policy routing, source selection and
 * multipath choices are the ones real traffic would get. */
#include "iphlp.h"
#include <string.h>

static DWORD route_error(struct ws_call *c, int e)
{
    ws_fail_errno32(c, "RTM_GETROUTE", e);
    return (DWORD)c->err;
}

/* The route to family/dst (from src, out of oif if set): 0 or a Win32 code. */
static DWORD lookup(struct ws_call *c, int family, const unsigned char *dst, uint32_t scope, const unsigned char *src,
                    int oif, struct iph_route *match, struct iph_route *r)
{
    if (!oif && scope) /* a scoped IPv6 destination names its interface */
        oif = (int)scope;
    int e = iph_route_get(family, dst, src, oif, match, r);
    return e ? route_error(c, e) : NO_ERROR;
}

WS2P_EXPORT DWORD GetBestRoute2(NET_LUID *luid, NET_IFINDEX index, const WS_SOCKADDR_INET *source,
                                const WS_SOCKADDR_INET *dest, ULONG sort_options, WS_MIB_IPFORWARD_ROW2 *best,
                                WS_SOCKADDR_INET *best_source)
{
    struct ws_call c = WS_CALL32("GetBestRoute2");
    (void)sort_options; /* "not currently used" */
    DWORD rc = NO_ERROR;
    int fam = 0, sfam = 0, oif = 0;
    unsigned char dst[16], src[16];
    uint32_t scope, sscope;
    struct iph_link l;
    struct iph_route match, r;
    if (ws_bad_ptr(dest) || ws_bad_ptr(best) || ws_bad_ptr(best_source) || !iph_from_sockaddr(dest, &fam, dst, &scope)) {
        rc = ERROR_INVALID_PARAMETER;
    } else if (!ws_bad_ptr(luid) && luid->Value) {
        int e = iph_link_by_luid(luid->Value, &l);
        rc = e == ENODEV ? ERROR_FILE_NOT_FOUND : e ? route_error(&c, e) : NO_ERROR;
        oif = l.index;
    } else if (index) {
        int e = iph_link_get((int)index, NULL, &l);
        rc = e == ENODEV ? ERROR_FILE_NOT_FOUND : e ? route_error(&c, e) : NO_ERROR;
        oif = l.index;
    }
    static const unsigned char zero[16];
    bool use_src = rc == NO_ERROR && !ws_bad_ptr(source) && iph_from_sockaddr(source, &sfam, src, &sscope) &&
                   sfam == fam && memcmp(src, zero, fam == AF_INET ? 4 : 16);
    if (rc == NO_ERROR)
        rc = lookup(&c, fam, dst, scope, use_src ? src : NULL, oif, &match, &r);
    if (rc == NO_ERROR) {
        /* The table entry's prefix, metric and protocol; the next hop and
         * interface the lookup chose. */
        match.oif = r.oif;
        match.has_gw = r.has_gw;
        memcpy(match.gw, r.gw, sizeof r.gw);
        ULONG64 l_luid = iph_link_get(r.oif, NULL, &l) == 0 ? iph_luid(&l) : 0;
        iph_forward_row(&match, l_luid, best);
        memset(best_source, 0, sizeof *best_source);
        iph_sockaddr(fam, r.has_prefsrc ? r.prefsrc : zero,
                     r.has_prefsrc ? iph_scope_id(fam, r.prefsrc, r.oif) : 0, best_source);
    }
    char a[80];
    return WS_EXIT_RC(&c, rc, "luid=%#llx index=%lu dest=%s", ws_bad_ptr(luid) ? 0ull : (unsigned long long)luid->Value,
                      (unsigned long)index, ws_trace_on && !ws_bad_ptr(dest) ? ws_trace_addr(a, dest, sizeof *dest) : "");
}

WS2P_EXPORT DWORD GetBestInterface(IPAddr dest, DWORD *best)
{
    struct ws_call c = WS_CALL32("GetBestInterface");
    DWORD rc;
    struct iph_route match, r;
    if (ws_bad_ptr(best))
        rc = ERROR_INVALID_PARAMETER;
    else if ((rc = lookup(&c, AF_INET, (const unsigned char *)&dest, 0, NULL, 0, &match, &r)) == NO_ERROR)
        *best = (DWORD)r.oif;
    return WS_EXIT_RC(&c, rc, "dest=%#lx index=%lu", (unsigned long)dest, rc == NO_ERROR ? (unsigned long)*best : 0ul);
}

WS2P_EXPORT DWORD GetBestInterfaceEx(struct WS_sockaddr *dest, DWORD *best)
{
    struct ws_call c = WS_CALL32("GetBestInterfaceEx");
    DWORD rc;
    int fam = 0;
    unsigned char dst[16];
    uint32_t scope;
    struct iph_route match, r;
    if (ws_bad_ptr(dest) || ws_bad_ptr(best) || !iph_from_sockaddr(dest, &fam, dst, &scope))
        rc = ERROR_INVALID_PARAMETER;
    else if ((rc = lookup(&c, fam, dst, scope, NULL, 0, &match, &r)) == NO_ERROR)
        *best = (DWORD)r.oif;
    char a[80];
    long alen = rc == ERROR_INVALID_PARAMETER ? 0 : fam == AF_INET ? (long)sizeof(struct WS_sockaddr_in) : (long)sizeof(struct WS_sockaddr_in6);
    return WS_EXIT_RC(&c, rc, "dest=%s index=%lu", ws_trace_on && !ws_bad_ptr(dest) ? ws_trace_addr(a, dest, alen) : "",
                      rc == NO_ERROR ? (unsigned long)*best : 0ul);
}
