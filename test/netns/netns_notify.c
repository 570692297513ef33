/* IP Helper change notifications for real changes: inside the namespace
 * notify.sh makes (only loopback, up), the program adds and removes an
 * address and a veth pair with ip(8) and checks what the callbacks get:
 * MibAddInstance / MibParameterNotification / MibDeleteInstance with the
 * rows of what changed, for the registered family only, on another thread,
 * and nothing once cancelled.  A Winsock program like the others. */
#include "wstest.h"
#include <iphlpapi.h>

#define EVENTS 256
struct event {
    BOOL unicast;
    MIB_NOTIFICATION_TYPE type;
    NET_IFINDEX index;
    NET_LUID luid;
    ADDRESS_FAMILY family;
    ULONG addr4;       /* unicast IPv4 rows */
    UINT8 prefix;
    DWORD thread;
};
struct log {
    CRITICAL_SECTION lock;
    HANDLE changed;
    struct event ev[EVENTS];
    int n;
};

static void record(struct log *l, const struct event *e)
{
    EnterCriticalSection(&l->lock);
    if (l->n < EVENTS)
        l->ev[l->n++] = *e;
    LeaveCriticalSection(&l->lock);
    SetEvent(l->changed);
}

static void WINAPI on_unicast(PVOID ctx, PMIB_UNICASTIPADDRESS_ROW row, MIB_NOTIFICATION_TYPE type)
{
    struct event e;
    memset(&e, 0, sizeof e);
    e.unicast = TRUE;
    e.type = type;
    e.thread = GetCurrentThreadId();
    if (row) {
        e.index = row->InterfaceIndex;
        e.luid = row->InterfaceLuid;
        e.family = row->Address.si_family;
        e.addr4 = row->Address.si_family == AF_INET ? row->Address.Ipv4.sin_addr.s_addr : 0;
        e.prefix = row->OnLinkPrefixLength;
    }
    record(ctx, &e);
}

static void WINAPI on_interface(PVOID ctx, PMIB_IPINTERFACE_ROW row, MIB_NOTIFICATION_TYPE type)
{
    struct event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    e.thread = GetCurrentThreadId();
    if (row) {
        e.index = row->InterfaceIndex;
        e.luid = row->InterfaceLuid;
        e.family = row->Family;
    }
    record(ctx, &e);
}

static void log_init(struct log *l)
{
    memset(l, 0, sizeof *l);
    InitializeCriticalSection(&l->lock);
    l->changed = CreateEventA(NULL, FALSE, FALSE, NULL);
}

static void log_free(struct log *l)
{
    CloseHandle(l->changed);
    DeleteCriticalSection(&l->lock);
}

/* Wait (at most 5 s) for an event of this type on this interface (0: any)
 * and, for unicast rows, this IPv4 address (0: any). */
static BOOL wait_for(struct log *l, MIB_NOTIFICATION_TYPE type, NET_IFINDEX index, ULONG addr4, struct event *out)
{
    DWORD start = GetTickCount();
    for (;;) {
        EnterCriticalSection(&l->lock);
        for (int i = 0; i < l->n; i++) {
            const struct event *e = &l->ev[i];
            if (e->type == type && (!index || e->index == index) && (!addr4 || e->addr4 == addr4)) {
                if (out)
                    *out = *e;
                LeaveCriticalSection(&l->lock);
                return TRUE;
            }
        }
        LeaveCriticalSection(&l->lock);
        DWORD spent = GetTickCount() - start;
        if (spent >= 5000)
            return FALSE;
        WaitForSingleObject(l->changed, 5000 - spent);
    }
}

static int count(struct log *l)
{
    EnterCriticalSection(&l->lock);
    int n = l->n;
    LeaveCriticalSection(&l->lock);
    return n;
}

static void run(const char *cmd)
{
    ok(system(cmd) == 0, "%s failed", cmd);
}

static NET_IFINDEX loopback(NET_LUID *luid)
{
    luid->Value = 0;
    NET_IFINDEX i = if_nametoindex("lo");
    ok(i && ConvertInterfaceIndexToLuid(i, luid) == NO_ERROR, "no lo");
    return i;
}

WT_CASE(address_added_and_removed)
{
    struct log v4, v6;
    HANDLE h4 = NULL, h6 = NULL;
    NET_LUID lo_luid;
    NET_IFINDEX lo = loopback(&lo_luid);
    ULONG addr = inet_addr("198.51.100.7");
    log_init(&v4);
    log_init(&v6);
    ok(NotifyUnicastIpAddressChange(AF_INET, on_unicast, &v4, FALSE, &h4) == NO_ERROR, "register AF_INET");
    ok(NotifyUnicastIpAddressChange(AF_INET6, on_unicast, &v6, FALSE, &h6) == NO_ERROR, "register AF_INET6");
    run("ip addr add 198.51.100.7/24 dev lo");
    struct event e;
    memset(&e, 0, sizeof e);
    ok(wait_for(&v4, MibAddInstance, lo, addr, &e), "no MibAddInstance for 198.51.100.7");
    ok(e.family == AF_INET && e.prefix == 24 && e.luid.Value == lo_luid.Value, "row: family %u /%u luid %#llx",
       e.family, e.prefix, (unsigned long long)e.luid.Value);
    ok(e.thread && e.thread != GetCurrentThreadId(), "callback on the caller's thread");
    run("ip addr del 198.51.100.7/24 dev lo");
    ok(wait_for(&v4, MibDeleteInstance, lo, addr, NULL), "no MibDeleteInstance for 198.51.100.7");
    ok(count(&v6) == 0, "the AF_INET6 registration saw %d IPv4 changes", count(&v6));
    ok(CancelMibChangeNotify2(h4) == NO_ERROR && CancelMibChangeNotify2(h6) == NO_ERROR, "cancel");
    /* Cancelled: nothing more arrives. */
    int before = count(&v4);
    run("ip addr add 198.51.100.8/24 dev lo");
    Sleep(300);
    ok(count(&v4) == before, "%d events after cancelling", count(&v4) - before);
    run("ip addr del 198.51.100.8/24 dev lo");
    log_free(&v4);
    log_free(&v6);
}

WT_CASE(interface_added_changed_removed)
{
    struct log l;
    HANDLE h = NULL;
    log_init(&l);
    ok(NotifyIpInterfaceChange(AF_INET, on_interface, &l, TRUE, &h) == NO_ERROR, "register");
    ok(wait_for(&l, MibInitialNotification, 0, 0, NULL), "no initial notification");
    run("ip link add ws2pv0 type veth peer name ws2pv1");
    NET_IFINDEX v0 = if_nametoindex("ws2pv0");
    struct event e;
    memset(&e, 0, sizeof e);
    ok(v0 && wait_for(&l, MibAddInstance, v0, 0, &e), "no MibAddInstance for ws2pv0 (%lu)", (unsigned long)v0);
    NET_LUID luid;
    ok(ConvertInterfaceIndexToLuid(v0, &luid) == NO_ERROR && e.luid.Value == luid.Value && e.family == AF_INET,
       "row: luid %#llx family %u", (unsigned long long)e.luid.Value, e.family);
    ok(luid.Info.IfType == IF_TYPE_ETHERNET_CSMACD, "veth IfType %u", (unsigned)luid.Info.IfType);
    run("ip link set ws2pv0 mtu 1280");
    ok(wait_for(&l, MibParameterNotification, v0, 0, NULL), "no MibParameterNotification for an MTU change");
    run("ip link del ws2pv0");
    ok(wait_for(&l, MibDeleteInstance, v0, 0, NULL), "no MibDeleteInstance for ws2pv0");
    ok(CancelMibChangeNotify2(h) == NO_ERROR, "cancel");
    log_free(&l);
}

/* A callback may cancel its own registration (Windows would deadlock; the
 * pages say not to): it returns and nothing more is delivered. */
static HANDLE self_handle;
static volatile LONG self_calls;
static void WINAPI cancel_self(PVOID ctx, PMIB_UNICASTIPADDRESS_ROW row, MIB_NOTIFICATION_TYPE type)
{
    (void)row;
    if (type == MibAddInstance) {
        InterlockedIncrement(&self_calls);
        CancelMibChangeNotify2(self_handle);
        SetEvent(ctx);
    }
}

WT_CASE(cancel_from_callback)
{
    HANDLE done = CreateEventA(NULL, FALSE, FALSE, NULL);
    ok(NotifyUnicastIpAddressChange(AF_INET, cancel_self, done, FALSE, &self_handle) == NO_ERROR, "register");
    run("ip addr add 198.51.100.9/32 dev lo");
    ok(WaitForSingleObject(done, 5000) == WAIT_OBJECT_0, "the callback did not run");
    run("ip addr add 198.51.100.10/32 dev lo");
    Sleep(300);
    ok(self_calls == 1, "%ld calls after cancelling from the callback", (long)self_calls);
    run("ip addr del 198.51.100.9/32 dev lo");
    run("ip addr del 198.51.100.10/32 dev lo");
    CloseHandle(done);
}

WT_MAIN(address_added_and_removed, interface_added_changed_removed, cancel_from_callback)
