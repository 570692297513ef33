/*
 * Address and route change notifications (SIO_ADDRESS_LIST_CHANGE,
 * SIO_ROUTING_INTERFACE_CHANGE): who waits for the next change of which
 * kind, and the one listener that sees the changes.
 *
 * The listener is a NETLINK_ROUTE socket joined to the IPv4/IPv6 address
 * and route groups, opened by the first request and kept; the engine
 * thread watches it (ws_io_engine_watch), so there is no thread of its own
 * and nothing on any other path.  Each batch of messages it reads is
 * summed up as "which kinds changed for which families", then every waiter
 * of a matching kind and socket family is told once:
 *   - a parked overlapped request completes (success, 0 bytes);
 *   - an armed socket (the non-blocking call that failed WSAEWOULDBLOCK)
 *     records FD_ADDRESS_LIST_CHANGE / FD_ROUTING_INTERFACE_CHANGE;
 *   - a blocking call returns 0.
 * Each waiter is one-shot, as Windows' request is: the program asks again
 * (SIO_ADDRESS_LIST_CHANGE docs: re-issue, then query).  The route
 * request's destination is not looked at: any route change of the family
 * completes it, which the winsock-ioctls page allows a provider to do.
 *
 * Waiters are a list under one lock, touched only by these calls, by the
 * listener and by closesocket of a socket that waited (WSX_NETCHANGE).
 */
#include "engine.h"
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

enum { NC_PARKED, NC_ARMED, NC_BLOCKING };

struct nc_waiter {
    struct nc_waiter *next;
    ws_sock *sk;          /* referenced, except for NC_BLOCKING (the caller's call holds it) */
    uint8_t kind;         /* WS_NC_* */
    uint8_t how;          /* NC_* */
    /* NC_BLOCKING: an eventfd the caller reads, and why it was written. */
    int efd;
    bool changed;
};

static pthread_mutex_t nc_lock = PTHREAD_MUTEX_INITIALIZER;
static struct nc_waiter *waiters;
static struct ws_io_watch listener = {-1, NULL};
static bool listening; /* under nc_lock */

/* The change bits of one batch: kind (WS_NC_*) per family. */
#define NC_BIT(kind, family) (1u << (((kind) == WS_NC_ROUTE ? 2 : 0) + ((family) == AF_INET6)))

static unsigned nc_message(const struct nlmsghdr *h)
{
    switch (h->nlmsg_type) {
    case RTM_NEWADDR:
    case RTM_DELADDR:
        if (h->nlmsg_len >= NLMSG_LENGTH(sizeof(struct ifaddrmsg))) {
            int f = ((const struct ifaddrmsg *)NLMSG_DATA(h))->ifa_family;
            return f == AF_INET || f == AF_INET6 ? NC_BIT(WS_NC_ADDR, f) : 0;
        }
        return 0;
    case RTM_NEWROUTE:
    case RTM_DELROUTE:
        if (h->nlmsg_len >= NLMSG_LENGTH(sizeof(struct rtmsg))) {
            int f = ((const struct rtmsg *)NLMSG_DATA(h))->rtm_family;
            return f == AF_INET || f == AF_INET6 ? NC_BIT(WS_NC_ROUTE, f) : 0;
        }
        return 0;
    default:
        return 0;
    }
}

/* Tell the waiters of what changed (no lock held). */
static void nc_dispatch(unsigned changed)
{
    struct nc_waiter *told = NULL;
    pthread_mutex_lock(&nc_lock);
    for (struct nc_waiter **pp = &waiters, *w; (w = *pp) != NULL;) {
        if (!(changed & NC_BIT(w->kind, w->sk->family))) {
            pp = &w->next;
            continue;
        }
        *pp = w->next;
        if (w->how == NC_BLOCKING) {
            __atomic_store_n(&w->changed, true, __ATOMIC_RELEASE);
            ws_efd_post(w->efd); /* the caller owns w from here */
            continue;
        }
        w->next = told;
        told = w;
    }
    pthread_mutex_unlock(&nc_lock);
    while (told) {
        struct nc_waiter *w = told;
        told = w->next;
        if (w->how == NC_PARKED)
            ws_io_unpark(w->sk, w->kind);
        else
            ws_evsel_record(w->sk, w->kind == WS_NC_ADDR ? WS_FD_ADDRESS_LIST_CHANGE : WS_FD_ROUTING_INTERFACE_CHANGE);
        ws_sock_put(w->sk);
        free(w);
    }
}

/* The change bits of every message queued on the listener now. */
static unsigned nc_drain(int fd)
{
    enum { NC_BUF = 32 * 1024 }; /* on the heap: a program's threads call this too */
    char *buf = malloc(NC_BUF);  /* malloc's alignment is NLMSG_ALIGNTO's and more */
    unsigned changed = 0;
    if (!buf)
        return 0; /* left queued for the engine */
    for (;;) {
        ssize_t n = recv(fd, buf, NC_BUF, MSG_DONTWAIT);
        if (n < 0 && errno == ENOBUFS) {
            changed = ~0u; /* messages were lost: anything may have changed */
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n))
            changed |= nc_message(h);
    }
    free(buf);
    return changed;
}

/* The engine thread: the listener is readable. */
static void nc_readable(struct ws_io_watch *watch)
{
    unsigned changed = nc_drain(watch->fd);
    if (changed)
        nc_dispatch(changed);
}

/* Before a new request waits: the messages of changes made before it that
 * the engine has not read yet go to the requests already waiting, not to
 * the new one.  One address change is several messages (the address, its
 * local and prefix routes, the removal) that can reach the engine after an
 * earlier request has already been told; without this, the program's next
 * request would complete at once for a change older than itself. */
static void nc_catch_up(void)
{
    pthread_mutex_lock(&nc_lock);
    int fd = listening ? listener.fd : -1;
    pthread_mutex_unlock(&nc_lock);
    unsigned changed = fd >= 0 ? nc_drain(fd) : 0;
    if (changed)
        nc_dispatch(changed);
}

/* Open the listener once (nc_lock held).  Without it (no netlink: a
 * sandbox) requests still pend until cancelled or closed. */
static void nc_listen(void)
{
    if (listening)
        return;
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
    struct sockaddr_nl sa = {.nl_family = AF_NETLINK,
                             .nl_groups = RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR | RTMGRP_IPV4_ROUTE |
                                          RTMGRP_IPV6_ROUTE};
    if (fd < 0)
        return;
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
        close(fd);
        return;
    }
    listener.fd = fd;
    listener.fn = nc_readable;
    if (!ws_io_engine_watch(&listener)) {
        close(fd);
        listener.fd = -1;
        return;
    }
    listening = true;
}

/* Add a waiter for sk (nc_lock held); false if closesocket has taken sk,
 * whose close would then not see it. */
static bool nc_add(struct nc_waiter *w)
{
    w->next = waiters;
    waiters = w;
    ws_set_xflags(w->sk, WSX_NETCHANGE);
    if (!ws_sock_closing(w->sk))
        return true;
    waiters = w->next;
    return false;
}

/* A parked request or an armed socket: one waiter per socket, kind and
 * way (repeated calls reuse it). */
static void nc_keep(ws_sock *sk, unsigned kind, uint8_t how)
{
    pthread_mutex_lock(&nc_lock);
    nc_listen();
    struct nc_waiter *w = waiters;
    while (w && !(w->sk == sk && w->kind == kind && w->how == how))
        w = w->next;
    if (!w && (w = WS_ALLOC(calloc(1, sizeof *w))) != NULL) {
        w->sk = sk;
        w->kind = (uint8_t)kind;
        w->how = how;
        w->efd = -1;
        atomic_fetch_add_explicit(&sk->refs, 1, memory_order_relaxed);
        if (!nc_add(w)) {
            pthread_mutex_unlock(&nc_lock);
            ws_sock_put(sk);
            free(w);
            return;
        }
    }
    pthread_mutex_unlock(&nc_lock);
}

void ws_netchange_park(ws_ioreq *r, unsigned kind)
{
    nc_catch_up();
    /* Parked first: a change the listener reads from now on finds it. */
    ws_io_park(r, kind);
    nc_keep(r->sk, kind, NC_PARKED);
}

void ws_netchange_arm(ws_sock *sk, unsigned kind)
{
    nc_catch_up();
    nc_keep(sk, kind, NC_ARMED);
}

int ws_netchange_wait(ws_sock *sk, unsigned kind)
{
    struct nc_waiter w = {.sk = sk, .kind = (uint8_t)kind, .how = NC_BLOCKING};
    w.efd = eventfd(0, EFD_CLOEXEC);
    if (w.efd < 0)
        return WSAENOBUFS;
    nc_catch_up();
    pthread_mutex_lock(&nc_lock);
    nc_listen();
    bool added = nc_add(&w);
    pthread_mutex_unlock(&nc_lock);
    if (added) {
        uint64_t v;
        while (read(w.efd, &v, sizeof v) < 0 && errno == EINTR)
            ;
    }
    close(w.efd); /* whoever wrote it has unlinked w */
    return __atomic_load_n(&w.changed, __ATOMIC_ACQUIRE) ? 0 : WSAEINTR;
}

unsigned ws_netchange_forget(ws_sock *sk)
{
    struct nc_waiter *gone = NULL;
    unsigned dropped = 0;
    pthread_mutex_lock(&nc_lock);
    for (struct nc_waiter **pp = &waiters, *w; (w = *pp) != NULL;) {
        if (w->sk != sk) {
            pp = &w->next;
            continue;
        }
        *pp = w->next;
        if (w->how == NC_BLOCKING) {
            ws_efd_post(w->efd); /* closesocket ends the wait: WSAEINTR */
            continue;
        }
        w->next = gone;
        gone = w;
    }
    pthread_mutex_unlock(&nc_lock);
    while (gone) {
        struct nc_waiter *w = gone;
        gone = w->next;
        ws_sock_put(w->sk);
        free(w);
        dropped++;
    }
    return dropped;
}
