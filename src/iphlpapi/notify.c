/* Change notifications: NotifyIpInterfaceChange, NotifyUnicastIpAddressChange,
 * CancelMibChangeNotify2.
 *
 * One thread ("ws2p-ipnotify"), started by the first registration and
 * ended when the last one is cancelled, listens on a netlink socket joined
 * to the link and address groups and calls the callbacks, one at a time,
 * as Windows calls them from its own thread: MibAddInstance for a new
 * interface or address, MibParameterNotification when a known one changes
 * (state, MTU, lifetimes, DAD), MibDeleteInstance when it goes.  The
 * initial notification (row NULL) has run when the registering call
 * returns (Wine's tests).  CancelMibChangeNotify2 waits for a callback of
 * that registration still running, except from the callback itself (where
 * Windows would deadlock). */
#include "iphlp.h"
#include <linux/if.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

typedef void (*if_callback)(void *ctx, MIB_IPINTERFACE_ROW *row, MIB_NOTIFICATION_TYPE type);
typedef void (*ua_callback)(void *ctx, WS_MIB_UNICASTIPADDRESS_ROW *row, MIB_NOTIFICATION_TYPE type);

struct reg {
    struct reg *next;
    bool unicast;   /* NotifyUnicastIpAddressChange, else NotifyIpInterfaceChange */
    bool linked;    /* in the list (until cancelled) */
    bool initial;   /* the initial notification is still to be made */
    int family;     /* Linux AF_UNSPEC / AF_INET / AF_INET6 */
    int refs;       /* the list's + a registering call waiting for the initial notification */
    void (*cb)(void);
    void *ctx;
    uint64_t seen;  /* the last event it was offered */
};

static struct {
    pthread_mutex_t lock;
    pthread_cond_t cond;  /* ready, a callback finished */
    struct reg *regs;
    bool running, ready;
    int failed;           /* errno of a thread that could not listen */
    pthread_t thread;
    int wake;             /* eventfd: "look at the list again" */
    struct reg *busy;     /* whose callback is running */
    uint64_t serial;
} N = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, .wake = -1};

static bool on_notifier(void)
{
    return N.running && pthread_equal(pthread_self(), N.thread);
}

static void unref(struct reg *r)
{
    if (--r->refs == 0)
        free(r);
}

static void kick(void)
{
    uint64_t one = 1;
    ssize_t n = write(N.wake, &one, sizeof one);
    (void)n;
}

static void call(struct reg *r, void *row, MIB_NOTIFICATION_TYPE type)
{
    if (r->unicast)
        ((ua_callback)r->cb)(r->ctx, row, type);
    else
        ((if_callback)r->cb)(r->ctx, row, type);
}

/* Offer one event to every matching registration, lock released around
 * each callback; the list may change meanwhile, so each pass starts again
 * from the head and skips the ones already offered this event. */
static void dispatch(bool unicast, int family, void *row, MIB_NOTIFICATION_TYPE type)
{
    pthread_mutex_lock(&N.lock);
    uint64_t serial = ++N.serial;
    for (;;) {
        struct reg *r = N.regs;
        while (r && (r->seen == serial || r->unicast != unicast || !iph_family_match(r->family, family)))
            r = r->next;
        if (!r)
            break;
        r->seen = serial;
        N.busy = r;
        pthread_mutex_unlock(&N.lock);
        call(r, row, type);
        pthread_mutex_lock(&N.lock);
        N.busy = NULL;
        pthread_cond_broadcast(&N.cond);
    }
    pthread_mutex_unlock(&N.lock);
}

/* The initial notifications asked for (lock held). */
static void initial_notifications(void)
{
    for (;;) {
        struct reg *r = N.regs;
        while (r && !r->initial)
            r = r->next;
        if (!r)
            return;
        r->initial = false;
        N.busy = r;
        pthread_mutex_unlock(&N.lock);
        call(r, NULL, MibInitialNotification);
        pthread_mutex_lock(&N.lock);
        N.busy = NULL;
        pthread_cond_broadcast(&N.cond);
    }
}

/* ---- what the thread knows, to tell additions from changes -------------- */
struct known {
    struct iph_link *links; /* index and LUID of each interface seen */
    size_t nlinks, clinks;
    struct iph_addr *addrs;
    size_t naddrs, caddrs;
};

static struct iph_link *known_link(struct known *k, int index)
{
    for (size_t i = 0; i < k->nlinks; i++)
        if (k->links[i].index == index)
            return &k->links[i];
    return NULL;
}

static struct iph_addr *known_addr(struct known *k, const struct iph_addr *a)
{
    for (size_t i = 0; i < k->naddrs; i++) {
        struct iph_addr *o = &k->addrs[i];
        if (o->index == a->index && o->family == a->family && !memcmp(o->addr, a->addr, 16))
            return o;
    }
    return NULL;
}

static bool push(void **arr, size_t *n, size_t *cap, size_t elem, const void *item)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        void *p = realloc(*arr, nc * elem);
        if (!p)
            return false;
        *arr = p;
        *cap = nc;
    }
    memcpy((char *)*arr + *n * elem, item, elem);
    (*n)++;
    return true;
}

static void seed(struct known *k)
{
    struct iph_snap s;
    k->nlinks = k->naddrs = 0;
    if (iph_snap_take(&s, IPH_ADDRS) != 0)
        return;
    for (size_t i = 0; i < s.nlinks; i++)
        push((void **)&k->links, &k->nlinks, &k->clinks, sizeof *k->links, &s.links[i]);
    for (size_t i = 0; i < s.naddrs; i++)
        push((void **)&k->addrs, &k->naddrs, &k->caddrs, sizeof *k->addrs, &s.addrs[i]);
    iph_snap_free(&s);
}

static void ipif_row(const struct iph_link *l, int family, MIB_IPINTERFACE_ROW *r)
{
    memset(r, 0, sizeof *r);
    r->Family = (USHORT)ws_af_from_linux(family);
    r->InterfaceLuid.Value = iph_luid(l);
    r->InterfaceIndex = (NET_IFINDEX)l->index;
    r->UseAutomaticMetric = 1;
    r->SupportsNeighborDiscovery = !(l->flags & IFF_NOARP);
    r->ZoneIndices[IPH_SCOPE_INTERFACE] = r->ZoneIndices[IPH_SCOPE_LINK] = (ULONG)l->index;
    r->NlMtu = l->mtu;
    r->Connected = iph_oper_status(l) == IfOperStatusUp;
}

static void link_event(struct known *k, const struct nlmsghdr *h)
{
    struct iph_link l;
    if (((const struct ifinfomsg *)NLMSG_DATA(h))->ifi_family != AF_UNSPEC || !iph_parse_link(h, &l))
        return; /* bridge and per-family link messages are not interfaces */
    struct iph_link *old = known_link(k, l.index);
    MIB_NOTIFICATION_TYPE type;
    if (h->nlmsg_type == RTM_DELLINK) {
        if (!old)
            return;
        l = *old;
        *old = k->links[--k->nlinks];
        type = MibDeleteInstance;
    } else if (old) {
        /* Linux repeats RTM_NEWLINK for things an IP interface does not
         * have (wireless events, statistics): only what the row or the
         * interface's state shows is a change. */
        bool same = old->flags == l.flags && old->operstate == l.operstate && old->mtu == l.mtu &&
                    old->ipv6 == l.ipv6 && !strcmp(old->name, l.name);
        l.iftype = old->iftype; /* the LUID stays what it was */
        *old = l;
        if (same)
            return;
        type = MibParameterNotification;
    } else {
        push((void **)&k->links, &k->nlinks, &k->clinks, sizeof *k->links, &l);
        type = MibAddInstance;
    }
    MIB_IPINTERFACE_ROW row;
    ipif_row(&l, AF_INET, &row);
    dispatch(false, AF_INET, &row, type);
    if (l.ipv6 || type == MibDeleteInstance) {
        ipif_row(&l, AF_INET6, &row);
        dispatch(false, AF_INET6, &row, type);
    }
}

static void addr_event(struct known *k, const struct nlmsghdr *h)
{
    struct iph_addr a;
    if (!iph_parse_addr(h, &a))
        return;
    struct iph_addr *old = known_addr(k, &a);
    MIB_NOTIFICATION_TYPE type;
    if (h->nlmsg_type == RTM_DELADDR) {
        if (!old)
            return;
        *old = k->addrs[--k->naddrs];
        type = MibDeleteInstance;
    } else if (old) {
        *old = a;
        type = MibParameterNotification;
    } else {
        push((void **)&k->addrs, &k->naddrs, &k->caddrs, sizeof *k->addrs, &a);
        type = MibAddInstance;
    }
    const struct iph_link *l = known_link(k, a.index);
    WS_MIB_UNICASTIPADDRESS_ROW row;
    iph_unicast_row(&a, l ? iph_luid(l) : 0, &row);
    dispatch(true, a.family, &row, type);
}

static void *notifier(void *arg)
{
    (void)arg;
    pthread_setname_np(pthread_self(), "ws2p-ipnotify");
    /* Join the groups first, then learn the present state: nothing that
     * changes after a registration returns is missed. */
    int nl = iph_nl_open(RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR);
    struct known k = {0};
    if (nl >= 0)
        seed(&k);
    pthread_mutex_lock(&N.lock);
    N.failed = nl < 0 ? errno : 0;
    N.ready = true;
    pthread_cond_broadcast(&N.cond);
    char *buf = nl >= 0 ? malloc(64 * 1024) : NULL;
    for (;;) {
        initial_notifications();
        if (!N.regs || !buf)
            break;
        pthread_mutex_unlock(&N.lock);
        struct pollfd p[2] = {{nl, POLLIN, 0}, {N.wake, POLLIN, 0}};
        if (poll(p, 2, -1) > 0) {
            uint64_t v;
            if (p[1].revents & POLLIN) {
                ssize_t n = read(N.wake, &v, sizeof v);
                (void)n;
            }
            if (p[0].revents & POLLIN) {
                ssize_t n = recv(nl, buf, 64 * 1024, MSG_DONTWAIT);
                if (n < 0 && errno == ENOBUFS) /* events were lost: start again from the present */
                    seed(&k);
                for (struct nlmsghdr *h = (struct nlmsghdr *)buf; n > 0 && NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
                    if (h->nlmsg_type == RTM_NEWLINK || h->nlmsg_type == RTM_DELLINK)
                        link_event(&k, h);
                    else if (h->nlmsg_type == RTM_NEWADDR || h->nlmsg_type == RTM_DELADDR)
                        addr_event(&k, h);
                }
            }
        }
        pthread_mutex_lock(&N.lock);
    }
    N.running = N.ready = false;
    pthread_cond_broadcast(&N.cond);
    pthread_mutex_unlock(&N.lock);
    free(buf);
    free(k.links);
    free(k.addrs);
    if (nl >= 0)
        close(nl);
    return NULL;
}

/* Start the thread if it is not running (lock held): 0 or an errno. */
static int start(void)
{
    if (N.running)
        return 0;
    if (N.wake < 0 && (N.wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) < 0)
        return errno;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    int e = pthread_create(&N.thread, &attr, notifier, NULL);
    pthread_attr_destroy(&attr);
    if (e)
        return e;
    N.running = true;
    N.ready = false;
    return 0;
}

static DWORD reg_add(struct ws_call *c, USHORT family, bool unicast, void (*cb)(void), void *ctx, BOOLEAN initial,
                     HANDLE *handle)
{
    int fam = iph_family(family);
    if (ws_bad_ptr(handle))
        return ERROR_INVALID_PARAMETER;
    *handle = NULL;
    if (fam < 0 || !cb)
        return ERROR_INVALID_PARAMETER;
    struct reg *r = calloc(1, sizeof *r);
    if (!r)
        return ERROR_NOT_ENOUGH_MEMORY;
    r->unicast = unicast;
    r->family = fam;
    r->cb = cb;
    r->ctx = ctx;
    r->refs = 2; /* the list and this call */
    r->linked = true;
    pthread_mutex_lock(&N.lock);
    struct reg **tail = &N.regs;
    while (*tail)
        tail = &(*tail)->next;
    *tail = r;
    int e = start();
    while (!e && !N.ready)
        pthread_cond_wait(&N.cond, &N.lock);
    if (!e)
        e = N.failed;
    DWORD rc = NO_ERROR;
    if (e) {
        for (struct reg **p = &N.regs; *p; p = &(*p)->next)
            if (*p == r) {
                *p = r->next;
                break;
            }
        free(r);
        pthread_mutex_unlock(&N.lock);
        ws_fail_errno32(c, "netlink", e);
        return (DWORD)c->err;
    }
    *handle = r;
    if (initial && on_notifier()) { /* registering from a callback: make it here */
        pthread_mutex_unlock(&N.lock);
        call(r, NULL, MibInitialNotification);
        pthread_mutex_lock(&N.lock);
    } else if (initial) {
        r->initial = true;
        kick();
        while (r->linked && (r->initial || N.busy == r))
            pthread_cond_wait(&N.cond, &N.lock);
    }
    unref(r);
    pthread_mutex_unlock(&N.lock);
    return rc;
}

WS2P_EXPORT DWORD NotifyIpInterfaceChange(USHORT family, if_callback cb, void *ctx, BOOLEAN initial, HANDLE *handle)
{
    struct ws_call c = WS_CALL32("NotifyIpInterfaceChange");
    DWORD rc = reg_add(&c, family, false, (void (*)(void))cb, ctx, initial, handle);
    return WS_EXIT_RC(&c, rc, "family=%u initial=%d handle=%p", family, initial,
                      ws_bad_ptr(handle) ? NULL : *handle);
}

WS2P_EXPORT DWORD NotifyUnicastIpAddressChange(USHORT family, ua_callback cb, void *ctx, BOOLEAN initial,
                                               HANDLE *handle)
{
    struct ws_call c = WS_CALL32("NotifyUnicastIpAddressChange");
    DWORD rc = reg_add(&c, family, true, (void (*)(void))cb, ctx, initial, handle);
    return WS_EXIT_RC(&c, rc, "family=%u initial=%d handle=%p", family, initial,
                      ws_bad_ptr(handle) ? NULL : *handle);
}

WS2P_EXPORT DWORD CancelMibChangeNotify2(HANDLE handle)
{
    struct ws_call c = WS_CALL32("CancelMibChangeNotify2");
    DWORD rc = ERROR_INVALID_HANDLE;
    if (!handle) {
        rc = ERROR_INVALID_PARAMETER;
    } else {
        pthread_mutex_lock(&N.lock);
        for (struct reg **p = &N.regs; *p; p = &(*p)->next) {
            struct reg *r = *p;
            if ((HANDLE)r != handle)
                continue;
            *p = r->next;
            r->linked = false;
            while (N.busy == r && !on_notifier())
                pthread_cond_wait(&N.cond, &N.lock);
            pthread_cond_broadcast(&N.cond);
            unref(r);
            if (!N.regs && N.running)
                kick(); /* the thread ends */
            rc = NO_ERROR;
            break;
        }
        pthread_mutex_unlock(&N.lock);
    }
    return WS_EXIT_RC(&c, rc, "handle=%p", handle);
}
