/*
 * The internal core every API goes through: startup state, the socket table,
 * the per-thread last error, errno -> WSA mapping, address translation and
 * tracing.  Every API has one shape:
 *
 *     struct ws_call c = WS_CALL("recv");
 *     ws_sock *sk = ws_enter(&c, s);          startup check, then the handle
 *     if (sk) { argument checks; POSIX call; map errno; ws_sock_put(sk); }
 *     return WS_EXIT(&c, ret, "s=%d len=%d", ...);   last error + trace
 */
#ifndef WS2P_CORE_H
#define WS2P_CORE_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include "wsdefs.h"
#include "libc.h"

#define WS2P_EXPORT __attribute__((visibility("default")))
/* The library's own variables read on every call (the socket table, the
 * startup count, the trace switch): declared hidden, so each access is one
 * RIP-relative load instead of a GOT load first. */
#define WS_HIDDEN __attribute__((visibility("hidden")))
#define ws_likely(x) __builtin_expect(!!(x), 1)
#define ws_unlikely(x) __builtin_expect(!!(x), 0)

/* ---- per-thread last error (shared by WSAGetLastError and GetLastError) -- */
/* (All per-thread variables are defined in src/core/thread.c.) */
extern __thread DWORD ws_last_error __attribute__((tls_model("initial-exec")));

/* The calling thread's kernel id (GetCurrentThreadId), cached per thread. */
DWORD ws_tid(void);
void ws_tid_atfork(void);

/* ---- startup ------------------------------------------------------------ */
extern _Atomic int ws_startup_count WS_HIDDEN;
extern WORD ws_app_version WS_HIDDEN; /* version the application negotiated */
static inline bool ws_is_started(void)
{
    return atomic_load_explicit(&ws_startup_count, memory_order_relaxed) > 0;
}
static inline bool ws_is_v1(void)
{
    return (ws_app_version & 0xff) < 2;
}

/* ---- errors ------------------------------------------------------------- */
int ws_errno_to_wsa(int e);   /* one table; unknown errno -> WSASYSCALLFAILURE */
int ws_errno_to_w32(int e);   /* the Win32 table (w32errors.def codes); unknown -> ERROR_GEN_FAILURE */
bool ws_errno_is_mapped(int e); /* the tracer flags the others */
const char *ws_wsa_name(int code);
const char *ws_w32_name(int code); /* as ws_wsa_name, Win32 names first */
const char *ws_wsa_text(int code);
const char *ws_errno_name(int e);

/* ---- deterministic fault injection (src/core/fault.c) ------------------ */
/* WS2POSIX_FAULTS (README, "Fault injection") names the system-call sites
 * that fail, at which of their calls, with which errno; the error then
 * takes the path a real one would (the errno -> WSA table, WSF_RESET, the
 * FD_WRITE re-enabling).  Read once at startup; unset, a site costs one
 * predictable branch on ws_fault_on, which sits beside ws_trace_on.  The
 * send and recv fast paths test it with their other conditions instead
 * (one compare in a chain, nothing around the system call): set, calls
 * take the general path, where the sites are. */
#define WS_FAULT_SITES(X) \
    X(socket) X(accept) X(connect) X(bind) X(listen) X(send) X(recv) X(alloc) X(getaddrinfo)
enum ws_fault_site {
#define WS_FAULT_ENUM_(n) WS_FAULT_##n,
    WS_FAULT_SITES(WS_FAULT_ENUM_)
#undef WS_FAULT_ENUM_
    WS_FAULT_NSITES
};
extern bool ws_fault_on __attribute__((visibility("hidden"))); /* one RIP-relative compare, no GOT load */
/* Count a call at site; true (errno set, traced) if this one is to fail.
 * fd is the socket the call is on (-1 if none): an injected ECONNRESET
 * resets its connection for real. */
bool ws_fault_hit(enum ws_fault_site site, int fd) __attribute__((cold));
/* The one macro a site goes through: `failed` instead of `call` when the
 * schedule says so.  WS_SYS for system calls (-1 and errno), WS_ALLOC for
 * the engine's allocations (NULL and ENOMEM). */
#define WS_FAULT(site, fd, failed, call) \
    (ws_unlikely(ws_fault_on) && ws_fault_hit(WS_FAULT_##site, (fd)) ? (failed) : (call))
#define WS_SYS(site, fd, call) WS_FAULT(site, fd, -1, call)
#define WS_ALLOC(call) WS_FAULT(alloc, -1, NULL, call)
/* A send or receive site (send, recv) over msghdr m with Linux flags lx:
 * `call` when no schedule is set; with one, ws_fault_xfer counts the call
 * and its bytes (a byte-counted rule cuts a stream transfer at its limit)
 * and makes the system call itself, sendmsg or recvmsg on m. */
#define WS_XFER(site, fd, stream, m, lx, call) \
    (ws_unlikely(ws_fault_on) ? ws_fault_xfer(WS_FAULT_##site, (fd), (stream), (m), (lx)) : (call))
struct msghdr;
long ws_fault_xfer(enum ws_fault_site site, int fd, bool stream, struct msghdr *m, int lx) __attribute__((cold));
/* Bytes an operation made without a site (an overlapped one's completion)
 * moved through site: counted against the byte rules. */
void ws_fault_bytes(enum ws_fault_site site, long n) __attribute__((cold));
/* The connect site of a non-blocking stream connect: an injected
 * ECONNREFUSED becomes a real refusal that arrives later (the connect goes
 * to a loopback port nobody listens on), so select, WSAPoll, FD_CONNECT
 * and SO_ERROR report it as Windows reports a refused non-blocking connect;
 * other errors fail the call at once, as WS_SYS does. */
#define WS_FAULT_CONNECT(fd, async, sa, len) \
    (ws_unlikely(ws_fault_on) ? ws_fault_connect((fd), (async), (sa), (len)) : connect((fd), (sa), (len)))
int ws_fault_connect(int fd, bool async, const struct sockaddr *sa, socklen_t len) __attribute__((cold));
/* The resolver site (getaddrinfo, GetAddrInfoW, gethostbyname,
 * gethostbyaddr): 0, or the WSA code the schedule makes this lookup fail
 * with (its rules name WSA/EAI codes, not errnos). */
#define WS_FAULT_LOOKUP() (ws_unlikely(ws_fault_on) ? ws_fault_lookup() : 0)
int ws_fault_lookup(void) __attribute__((cold));

/* ---- the call context --------------------------------------------------- */
struct ws_call {
    const char *fn;
    int err;          /* WSA error to report, 0 on success */
    int sys_errno;    /* errno it came from, 0 if none */
    const char *sys;  /* the system call that failed */
    unsigned char api; /* whose codes err holds: enum ws_api (the tracer names them) */
};
/* Winsock and Win32 share the values below 10000 (WSA_INVALID_HANDLE is
 * ERROR_INVALID_HANDLE, ...); a trace line names a code the way the caller's
 * documentation does. A C runtime call's errno is its own error channel. */
enum ws_api { WS_API_WSA, WS_API_W32, WS_API_CRT };
#define WS_CALL(name) {name, 0, 0, NULL, WS_API_WSA}

static inline void ws_fail(struct ws_call *c, int wsaerr)
{
    c->err = wsaerr;
}
static inline void ws_fail_errno(struct ws_call *c, const char *sys, int e)
{
    c->sys = sys;
    c->sys_errno = e;
    c->err = ws_errno_to_wsa(e);
}
/* A Win32 function's system call failed: the Win32 code for errno. */
static inline void ws_fail_errno32(struct ws_call *c, const char *sys, int e)
{
    c->sys = sys;
    c->sys_errno = e;
    c->err = ws_errno_to_w32(e);
}
static inline void ws_fail_sys(struct ws_call *c, const char *sys, int e, int wsaerr)
{
    c->sys = sys;
    c->sys_errno = e;
    c->err = wsaerr;
}

/* ---- tracing ------------------------------------------------------------ */
extern bool ws_trace_on WS_HIDDEN;
void ws_trace(const struct ws_call *c, long long ret, const char *fmt, ...)
    __attribute__((format(printf, 3, 4), cold));
/* Render a Windows sockaddr for a trace line (buf >= 80 bytes). */
const char *ws_trace_addr(char *buf, const void *wsaddr, long len);

/* One exit per API: set the last error, trace, return. */
#define WS_EXIT(c, ret, ...)                                             \
    (ws_last_error = (DWORD)(c)->err,                                    \
     ws_unlikely(ws_trace_on) ? ws_trace((c), (long long)(ret), __VA_ARGS__) : (void)0, (ret))

/* Win32 functions (kernel32, user32, ...) have the same shape, but most
 * leave the last error alone when they succeed (only failures, and the
 * functions documented to, set it): their call starts with WS_ERR_KEEP. */
#define WS_ERR_KEEP (-1)
#define WS_CALL32(name) {name, WS_ERR_KEEP, 0, NULL, WS_API_W32}
#define WS_EXIT32(c, ret, ...)                                                          \
    ((c)->err != WS_ERR_KEEP ? (void)(ws_last_error = (DWORD)(c)->err) : (void)0,       \
     ws_unlikely(ws_trace_on) ? ws_trace((c), (long long)(ret), __VA_ARGS__) : (void)0, (ret))

/* Functions that can neither fail nor touch the last error (the lock fast
 * paths: AcquireSRWLockExclusive, WakeConditionVariable, ...) only trace.
 * The call context is built inside the trace branch: stores to it ahead of
 * the lock's atomic instruction would have to drain first, which doubled the
 * cost of an uncontended acquire. */
#define WS_TRACE_ONLY(name, ret, ...)                                           \
    do {                                                                        \
        if (ws_unlikely(ws_trace_on)) {                                         \
            struct ws_call c_ = WS_CALL32(name);                                \
            ws_trace(&c_, (long long)(ret), __VA_ARGS__);                       \
        }                                                                       \
    } while (0)

/* IP Helper functions return their Win32 code (GetAdaptersAddresses,
 * ConvertInterfaceLuidToIndex, ...) and leave the last error alone: the
 * code is traced by name and returned. */
#define WS_EXIT_RC(c, rc, ...)                                                                      \
    ((c)->err = (int)(rc),                                                                          \
     ws_unlikely(ws_trace_on) ? ws_trace((c), (long long)(c)->err, __VA_ARGS__) : (void)0, (DWORD)(c)->err)

/* ---- the socket table --------------------------------------------------- */
/* Per-socket state the kernel does not keep for us.  SOCKET == fd; the
 * table is an fd-indexed array of lazily allocated pages (O(1), no lock on
 * lookup).  refs counts the table's own reference plus calls in flight;
 * WS_CLOSING marks a socket closesocket() has taken away. */
enum {
    WSF_NONBLOCK = 1u << 0,
    WSF_BOUND = 1u << 1,
    WSF_LISTENING = 1u << 2,
    WSF_CONNECTED = 1u << 3,
    WSF_CONNECTING = 1u << 4,
    WSF_SHUT_RD = 1u << 5,
    WSF_SHUT_WR = 1u << 6,
    WSF_RESET = 1u << 7,       /* peer reset: every later send/recv says so */
    WSF_REUSEADDR = 1u << 8,
    WSF_EXCLUSIVE = 1u << 9,   /* SO_EXCLUSIVEADDRUSE */
    WSF_NO_CONNRESET = 1u << 10, /* SIO_UDP_CONNRESET off */
    WSF_BROADCAST = 1u << 11,
    WSF_OOBINLINE = 1u << 12,
    WSF_ABORTED = 1u << 13,    /* local abort: WSAECONNABORTED */
    WSF_DEBUG = 1u << 14,      /* SO_DEBUG (Linux wants CAP_NET_ADMIN; kept here) */
    WSF_RCVBUF_SET = 1u << 15, /* rcvbuf holds the SO_RCVBUF value as set */
    WSF_SNDBUF_SET = 1u << 16, /* sndbuf holds the SO_SNDBUF value as set */
    WSF_SO_ERROR = 1u << 17,   /* so_error holds a WSA error SO_ERROR keeps reporting */
    WSF_CONN_FAILED = 1u << 18, /* the last connect attempt failed: select's exceptfds */
    WSF_ICMP_PENDING = 1u << 19, /* an ICMP error the next datagram receive reports */
    WSF_EVSEL = 1u << 20,        /* registered with WSAEventSelect (src/core/notify.c) */
    WSF_MAXRT = 1u << 21,        /* the application set TCP_MAXRT(MS) */
    WSF_PENDING = 1u << 22,      /* the rest of a non-blocking send is still going out (src/core/sendq.c) */
    WSF_SHARED = 1u << 23,       /* shares its port (Linux SO_REUSEPORT) under Windows' SO_REUSEADDR rules */
    WSF_ACCEPTED = 1u << 24,     /* came from accept (no FD_CONNECT when registered: sock.c test_connect_events) */
    WSF_SYNC = 1u << 25,         /* made without WSA_FLAG_OVERLAPPED: an OVERLAPPED makes calls block */
    WSF_DEFERRED = 1u << 26,     /* a listener holds a connection WSAAccept deferred (src/ws2_32/accept.c) */
    WSF_COND_ACCEPT = 1u << 27,  /* SO_CONDITIONAL_ACCEPT */
    WSF_NOCTX = 1u << 28,        /* accepted by AcceptEx, SO_UPDATE_ACCEPT_CONTEXT not set yet */
    WSF_KNONBLOCK = 1u << 29,    /* the descriptor stays non-blocking whatever FIONBIO says (a listener
                                    AcceptEx uses); blocking calls wait in poll */
    WSF_NOINHERIT = 1u << 30,    /* the descriptor is close-on-exec (WSA_FLAG_NO_HANDLE_INHERIT, or
                                    SetHandleInformation): AcceptEx's dup keeps it so */
    WSF_BCAST_KERNEL = 1u << 31, /* datagram connected to a broadcast address without SO_BROADCAST: the
                                    kernel's SO_BROADCAST is on for it, WSF_BROADCAST is the program's */
};
/* The word above is full.  State no fast path tests together with the
 * others lives in a second word, ws_sock.xflags. */
enum {
    WSX_SYNCNT = 1u << 0,   /* the SYN retry count is set (only for a connect still pending after
                               about a second: src/core/synwatch.c) */
    WSX_OOB_READ = 1u << 1, /* an urgent byte was taken with MSG_OOB (ws_oob_stale) */
    WSX_SENT = 1u << 2,     /* a stream socket has sent (or tried to): only then can a reset hide
                               behind the peer's end of stream (recv_zero asks SO_ERROR) */
    WSX_NETCHANGE = 1u << 3, /* waits for an address or route change (src/core/netchange.c) */
    WSX_CONNECTEX = 1u << 4, /* connected by ConnectEx: a later connect() is WSAEINVAL (sock.c test_connect) */
    WSX_SYN_SERIES = 1u << 5, /* a connect was refused and Windows would send its SYN again: the
                                 retries left are counted (src/core/synretry.c) */
    WSX_SYN_WAIT = 1u << 6,   /* with WSF_CONNECTING: waiting for the next SYN; the kernel socket is
                                 unconnected and waits watch the retry timer instead */
    WSX_V4_V6ONLY_OFF = 1u << 7, /* an IPv4 socket's IPV6_V6ONLY was set to 0: Windows stores it and reads it
                                    back (sock.c test_ipv6only); nothing in the kernel to change */
};
#define WS_CLOSING 0x80000000u
/* One socket object may have several handles (WSADuplicateSocket: the
 * duplicate is the same object, as on Windows).  The object lives in its
 * home slot (the slot of its own descriptor, sk->fd); each further handle is
 * an alias slot on a dup() of that descriptor: the kernel sees the same
 * socket under the handle's number (inheritance, plain descriptor calls),
 * and the table forwards the handle to the object.  Both states keep
 * WS_CLOSING set, so ws_sock_get's one test (refs 0 or negative) refuses
 * them and ordinary sockets pay nothing; its cold branch looks further:
 *   WS_ALIAS            an alias slot: refs counts lookups in flight plus
 *                       the handle; alias_of names the object, which the
 *                       alias holds a reference on until the slot is freed.
 *   WS_GONE             this handle is closed: in a home slot, the object
 *                       lives on for its other handles (calls through this
 *                       one are WSAENOTSOCK; ws_sock_closing is false); in
 *                       an alias slot, the slot is freed when the last
 *                       lookup through it is done.
 * WS_CLOSING alone is the object's own close (its last handle went). */
#define WS_GONE 0x40000000u
#define WS_ALIAS 0x20000000u
#define WS_REFS 0x1fffffffu /* the count */

typedef struct ws_sock {
    _Atomic uint32_t refs;
    _Atomic uint32_t flags;
    _Atomic uint32_t xflags;  /* WSX_* (beside flags: the send path reads both) */
    int fd;
    int family;   /* Linux AF_* */
    int type;     /* SOCK_* (same numbers on both systems) */
    int protocol; /* IPPROTO_* (same numbers on both systems) */
    DWORD rcvtimeo, sndtimeo; /* milliseconds, as set */
    int rcvbuf, sndbuf;       /* as set (Linux doubles them); valid under WSF_*BUF_SET */
    int so_error;             /* valid under WSF_SO_ERROR (src/ws2_32/sockopt.c) */
    _Atomic uint32_t send_lock; /* stream sends, one at a time (ws_send_lock) */
    _Atomic bool in_connect;  /* a thread is in (or about to enter) a blocking connect() (the flag bits ran out) */
    uint32_t connected_at;    /* CLOCK_MONOTONIC_COARSE seconds when it connected (SO_CONNECT_TIME) */
    /* The handles naming the object: 1 for an ordinary socket; more while
     * WSADuplicateSocket duplicates (taken or not yet) share it.  Only the
     * last one's closesocket closes it (ws_sock_close_handle). */
    _Atomic uint32_t handles;
    long long connect_t0;     /* CLOCK_MONOTONIC_COARSE ms when a pending connect sent its first SYN:
                                 a refusal seen late keeps the retry schedule (src/core/synretry.c) */
    /* A stream socket's peer as connect/accept saw it: Windows' getpeername
     * answers while the connect is in progress and after both directions
     * are shut down; Linux says ENOTCONN in SYN_SENT and CLOSE. */
    union {
        sa_family_t family; /* 0 until known */
        struct sockaddr_in v4;
        struct sockaddr_in6 v6;
    } peer;
    struct ws_evsel *evsel;   /* WSAEventSelect state, allocated on first use */
    struct ws_sockio *io;     /* overlapped I/O state (src/core/io.c), allocated on first use */
    /* Which life of the slot this is (one more at each registration, never
     * 0): with the descriptor it names the socket to what may outlive it,
     * such as the epoll backend's events (ws_sock_key). */
    _Atomic uint32_t gen;
    int alias_of; /* an alias slot (WS_ALIAS): the object's descriptor, its home slot */
    struct ws_binding *binding; /* its row in the port registry (src/core/bindtab.c) */
} ws_sock;

#define WS_PAGE_SHIFT 8
#define WS_PAGE_SIZE (1u << WS_PAGE_SHIFT)
#define WS_MAX_PAGES (1u << 14) /* 4M descriptors */
extern ws_sock *_Atomic ws_pages[WS_MAX_PAGES] WS_HIDDEN;

/* The socket's engine state, or NULL: another thread may be creating it
 * (ws_sockio publishes it with a compare-exchange), so it is read with
 * acquire wherever no request of the socket orders the read. */
static inline struct ws_sockio *ws_sock_io(ws_sock *sk)
{
    return __atomic_load_n(&sk->io, __ATOMIC_ACQUIRE);
}

/* An object's refs word: a live socket (some handle may be gone). */
static inline bool ws_refs_open(uint32_t r)
{
    return r != 0 && !(r & WS_ALIAS) && (r & (WS_CLOSING | WS_GONE)) != WS_CLOSING;
}
/* A handle's slot is an alias (WS_ALIAS): a reference on its object, or
 * NULL if the handle is closed or the object closing. */
struct ws_sock *ws_sock_get_alias(struct ws_sock *alias) __attribute__((cold));

/* Take a reference on a live socket, or NULL if s is not one. */
static inline ws_sock *ws_sock_get(SOCKET s)
{
    if (ws_unlikely(s >= (SOCKET)WS_MAX_PAGES * WS_PAGE_SIZE))
        return NULL;
    ws_sock *page = atomic_load_explicit(&ws_pages[s >> WS_PAGE_SHIFT], memory_order_acquire);
    if (ws_unlikely(!page))
        return NULL;
    ws_sock *sk = &page[s & (WS_PAGE_SIZE - 1)];
    uint32_t r = atomic_load_explicit(&sk->refs, memory_order_relaxed);
    do {
        if (ws_unlikely(r == 0 || (r & WS_CLOSING)))
            return ws_unlikely(r & WS_ALIAS) ? ws_sock_get_alias(sk) : NULL;
    } while (!atomic_compare_exchange_weak_explicit(&sk->refs, &r, r + 1, memory_order_acquire,
                                                    memory_order_relaxed));
    return sk;
}
void ws_sock_final(ws_sock *sk);
/* A reference on an object the caller knows of (a list's entry, its home
 * descriptor), whatever its handles: NULL once it is closing (or the slot
 * is not an object). */
static inline ws_sock *ws_sock_hold(ws_sock *sk)
{
    uint32_t r = atomic_load_explicit(&sk->refs, memory_order_relaxed);
    do {
        if (ws_unlikely(!ws_refs_open(r)))
            return NULL;
    } while (!atomic_compare_exchange_weak_explicit(&sk->refs, &r, r + 1, memory_order_acquire,
                                                    memory_order_relaxed));
    return sk;
}
/* ws_sock_hold for the object whose home descriptor is fd (a list that
 * names sockets by descriptor: an event's members), or NULL. */
static inline ws_sock *ws_sock_object(int fd)
{
    if (ws_unlikely((unsigned)fd >= WS_MAX_PAGES * WS_PAGE_SIZE))
        return NULL;
    ws_sock *page = atomic_load_explicit(&ws_pages[(unsigned)fd >> WS_PAGE_SHIFT], memory_order_acquire);
    return ws_likely(page != NULL) ? ws_sock_hold(&page[(unsigned)fd & (WS_PAGE_SIZE - 1)]) : NULL;
}
/* sk's descriptor and generation: a name that stays unambiguous after
 * the socket is gone and its descriptor reused (the caller holds sk). */
static inline uint64_t ws_sock_key(const ws_sock *sk)
{
    return (uint64_t)atomic_load_explicit(&sk->gen, memory_order_relaxed) << 32 | (uint32_t)sk->fd;
}
static inline void ws_sock_put(ws_sock *sk)
{
    if (ws_unlikely(atomic_fetch_sub_explicit(&sk->refs, 1, memory_order_acq_rel) == (WS_CLOSING | 1)))
        ws_sock_final(sk);
}
static inline uint32_t ws_flags(const ws_sock *sk)
{
    return atomic_load_explicit(&sk->flags, memory_order_relaxed);
}
static inline void ws_set_flags(ws_sock *sk, uint32_t f)
{
    atomic_fetch_or_explicit(&sk->flags, f, memory_order_relaxed);
}
static inline void ws_clear_flags(ws_sock *sk, uint32_t f)
{
    atomic_fetch_and_explicit(&sk->flags, ~f, memory_order_relaxed);
}

static inline uint32_t ws_xflags(const ws_sock *sk)
{
    return atomic_load_explicit(&sk->xflags, memory_order_relaxed);
}
static inline void ws_set_xflags(ws_sock *sk, uint32_t f)
{
    atomic_fetch_or_explicit(&sk->xflags, f, memory_order_relaxed);
}
static inline void ws_clear_xflags(ws_sock *sk, uint32_t f)
{
    atomic_fetch_and_explicit(&sk->xflags, ~f, memory_order_relaxed);
}

/* Sends on a stream socket go one at a time, as Windows queues them: two
 * threads' sends never interleave on the wire, even when the kernel takes
 * one in parts (Linux drops the socket lock while a blocking send waits
 * for room), and a send that leaves a rest to the engine has set
 * WSF_PENDING before the next one looks.  A futex word: 0 free, 1 held,
 * 2 held with waiters; uncontended, a compare-exchange and an exchange. */
void ws_send_lock_wait(ws_sock *sk);
void ws_send_lock_wake(ws_sock *sk);
static inline void ws_send_lock(ws_sock *sk)
{
    uint32_t free_ = 0;
    if (ws_unlikely(!atomic_compare_exchange_strong_explicit(&sk->send_lock, &free_, 1, memory_order_acquire,
                                                             memory_order_relaxed)))
        ws_send_lock_wait(sk);
}
static inline void ws_send_unlock(ws_sock *sk)
{
    if (ws_unlikely(atomic_exchange_explicit(&sk->send_lock, 0, memory_order_release) == 2))
        ws_send_lock_wake(sk);
}

/* Before a stream send: one load, and one store the first time. */
static inline void ws_mark_sent(ws_sock *sk)
{
    if (ws_unlikely(!(ws_xflags(sk) & WSX_SENT)))
        ws_set_xflags(sk, WSX_SENT);
}

/* Has closesocket() taken the socket away while this call was inside it?
 * Windows fails the interrupted blocking call with WSAEINTR. */
static inline bool ws_sock_closing(ws_sock *sk)
{
    return (atomic_load_explicit(&sk->refs, memory_order_relaxed) & (WS_CLOSING | WS_GONE)) == WS_CLOSING;
}

/* Register a new kernel socket; returns it with the table's reference only
 * (no call reference), or NULL (errno ENOMEM/EMFILE). */
ws_sock *ws_sock_register(int fd, int family, int type, int protocol, uint32_t flags);
/* The object's own close (its last handle went): 0, or a WSA error.
 * Wakes other threads blocked on it.  The caller holds a call reference. */
int ws_sock_close(ws_sock *sk);
/* closesocket of handle s, which names sk (the caller's reference, from
 * ws_sock_get(s)): the handle goes; the last one closes the object. */
int ws_sock_close_handle(ws_sock *sk, SOCKET s);
/* One more handle for sk, for a WSADuplicateSocket structure not yet
 * taken (the caller holds a reference): false if sk is closing. */
bool ws_sock_add_handle(ws_sock *sk);
/* Give such a handle a number: an alias slot on a dup() of sk's
 * descriptor (close-on-exec unless inherit).  The new SOCKET, or
 * INVALID_SOCKET with errno; the handle is given up then. */
SOCKET ws_sock_alias(ws_sock *sk, bool inherit);
/* Give up a handle ws_sock_add_handle added, never numbered. */
void ws_sock_drop_handle(ws_sock *sk);
/* sk's descriptor was given a new kernel socket (dup3): its aliases are
 * pointed at it too.  One load for a socket with one handle. */
void ws_sock_realias_all(ws_sock *sk) __attribute__((cold));
static inline void ws_sock_realias(ws_sock *sk)
{
    if (ws_unlikely(atomic_load_explicit(&sk->handles, memory_order_relaxed) > 1))
        ws_sock_realias_all(sk);
}
/* WSACleanup: close every handle still open. */
void ws_sock_close_all(void);
/* fn(sk) with a reference for every socket object pick (which reads the
 * slot without one: atomics only) chooses; NULL picks all.  The count. */
unsigned ws_sock_scan(bool (*pick)(const ws_sock *), void (*fn)(ws_sock *));

/* The Winsock 1.1 blocking model (src/ws2_32/blocking.c).  The hook is set only
 * for 1.1 applications that installed one; while a call waits in it, other
 * Winsock calls on the thread fail with WSAEINPROGRESS. */
typedef intptr_t (*ws_hook)(void);
extern __thread ws_hook ws_blocking_hook __attribute__((tls_model("initial-exec")));
extern __thread bool ws_in_blocking_call __attribute__((tls_model("initial-exec")));
/* SO_OPENTYPE, set per thread (src/ws2_32/sockopt.c): non-zero makes
 * socket() create sockets without WSA_FLAG_OVERLAPPED. */
extern __thread DWORD ws_opentype __attribute__((tls_model("initial-exec")));
static inline bool ws_hooked(const ws_sock *sk)
{
    return ws_unlikely(ws_blocking_hook != NULL) && !(ws_flags(sk) & WSF_NONBLOCK);
}
/* Wait for events on sk, running the hook: 0 when ready, WSAEINTR when
 * WSACancelBlockingCall cancelled the call. */
int ws_block_with_hook(ws_sock *sk, short events);
/* The same for a time: until the deadline (ws_now_coarse_ms) has come, 0,
 * or WSAEINTR. */
int ws_hook_sleep(long long until);

/* Startup check, then the handle.  On failure sets c->err and returns NULL. */
static inline bool ws_started(struct ws_call *c)
{
    if (ws_unlikely(!ws_is_started())) {
        c->err = WSANOTINITIALISED;
        return false;
    }
    if (ws_unlikely(ws_in_blocking_call)) {
        c->err = WSAEINPROGRESS;
        return false;
    }
    return true;
}
static inline ws_sock *ws_enter(struct ws_call *c, SOCKET s)
{
    if (!ws_started(c))
        return NULL;
    ws_sock *sk = ws_sock_get(s);
    if (ws_unlikely(!sk))
        c->err = WSAENOTSOCK;
    return sk;
}

/* Map a failed I/O errno on this socket the way Windows reports it:
 * EAGAIN is WSAEWOULDBLOCK on a non-blocking socket and WSAETIMEDOUT on a
 * blocking one (SO_RCVTIMEO/SO_SNDTIMEO expired); EPIPE is WSAENOTCONN,
 * WSAESHUTDOWN or WSAECONNRESET depending on how the stream got there;
 * a reset is remembered so later calls keep reporting it. */
void ws_fail_io(struct ws_call *c, ws_sock *sk, const char *sys, int e);

/* An overlapped call on a socket made without WSA_FLAG_OVERLAPPED: the
 * call blocks (even in non-blocking mode: sock.c test_nonblocking_async_recv)
 * and then fills the OVERLAPPED and signals its event as a completion
 * would (src/ws2_32/overlapped.c).  ret/err are the blocking call's. */
void ws_overlapped_sync_done(WS_OVERLAPPED *ov, int ret, int err, DWORD bytes, DWORD flags);

/* Socket-state helpers shared by the API families (src/ws2_32/socket.c). */
/* When a stream socket became connected, for SO_CONNECT_TIME: the coarse
 * clock is read in the vDSO, no system call. */
uint32_t ws_now_seconds(void);
/* CLOCK_MONOTONIC_COARSE milliseconds (vDSO, no system call). */
long long ws_now_coarse_ms(void);
static inline void ws_stamp_connected(ws_sock *sk)
{
    sk->connected_at = ws_now_seconds();
}
/* Keep a stream socket's peer address (getpeername's answer when the
 * kernel has none). */
static inline void ws_remember_peer(ws_sock *sk, const struct sockaddr_storage *ss, socklen_t len)
{
    if ((ss->ss_family == AF_INET || ss->ss_family == AF_INET6) && len <= sizeof sk->peer)
        memcpy(&sk->peer, ss, len);
}
/* A stream socket whose non-blocking connect is still going (not yet
 * writable): one zero-timeout poll, asked only on failure paths. */
bool ws_still_connecting(ws_sock *sk);
/* A non-blocking connect was seen to finish: the socket is connected. */
static inline void ws_connect_established(ws_sock *sk)
{
    ws_stamp_connected(sk);
    ws_set_flags(sk, WSF_CONNECTED);
    ws_clear_flags(sk, WSF_CONNECTING);
}
/* SYN retries before an unanswered connect fails: 1+2+4+8 s = 15 s on Linux's
 * backoff, the nearest to Windows' 21 s (src/core/synwatch.c). */
#define WS_CONNECT_SYN_RETRIES 3
#define WS_CONNECT_GIVE_UP_S 15
/* An AcceptEx is to accept into sk (src/core/io.c ws_io_claim). */
bool ws_sock_claimed(ws_sock *sk);
/* A stream connect has been marked (WSF_CONNECTING, or in_connect for a
 * blocking one): if it is still connecting about a second from now, its
 * SYN retry count is set then (src/core/synwatch.c); one load when the
 * watcher runs.  ws_connect_syncnt_now sets it at once (rare paths that
 * mark neither). */
void ws_connect_prepare(ws_sock *sk);
void ws_connect_syncnt_now(ws_sock *sk);

/* A refused connect, the Windows way (KB 175523, src/core/synretry.c): a
 * pending connection whose SYN is answered by a reset waits the base
 * time-out (not doubled) and sends the SYN again, up to the maximum SYN
 * retransmissions (2 unless SIO_TCP_INITIAL_RTO says otherwise); only the
 * last refusal fails the connect.  Nothing here runs unless a connect was
 * refused. */
#define WS_SYN_RETRIES 2
#define WS_SYN_INTERVAL_MS 1000
/* SIO_TCP_INITIAL_RTO: the base time-out (ms, 0 = default) and the
 * retransmissions after a refusal (< 0 = default).  0, or an errno. */
int ws_syn_configure(ws_sock *sk, unsigned rtt_ms, int retries);
/* The attempt was refused (ECONNREFUSED, the error already taken from the
 * kernel socket).  True when Windows would send the SYN again: one retry is
 * counted and the next SYN is due one interval after the previous one (the
 * first: after sk->connect_t0 with wait, else after now);
 * with wait, the socket waits for it (WSX_SYN_WAIT: the caller keeps it
 * WSF_CONNECTING, its kernel socket unconnected).  False: this refusal is
 * the last. */
bool ws_syn_refused(ws_sock *sk, bool wait);
/* A socket in WSX_SYN_WAIT: the descriptor to poll (POLLIN) until the next
 * SYN is due (the retry timer; closesocket fires it), or -1 when the wait
 * is over: the SYN went again (*err 0: the socket is connecting as after a
 * connect that returned EINPROGRESS) or the connect failed for good (*err,
 * an errno). */
int ws_syn_poll(ws_sock *sk, int *err);
/* A blocking connect was refused: wait until the next SYN is due, or at
 * most until deadline (CLOCK_MONOTONIC ms; < 0: no limit).  0 (send it
 * now), ECONNREFUSED (no retry left), ETIMEDOUT (the deadline comes first)
 * or EINTR (closesocket took the socket meanwhile). */
int ws_syn_sleep(ws_sock *sk, long long deadline);
/* The same for a caller that waits itself (a Winsock 1.1 blocking hook
 * runs meanwhile): when the next SYN is due (CLOCK_MONOTONIC ms), or -1
 * when no retry is left. */
long long ws_syn_next_due(ws_sock *sk);
/* A new connect begins: the retry count starts afresh at its first
 * refusal. */
static inline void ws_syn_new_attempt(ws_sock *sk)
{
    if (ws_unlikely(ws_xflags(sk) & WSX_SYN_SERIES))
        ws_clear_xflags(sk, WSX_SYN_SERIES | WSX_SYN_WAIT);
}
bool ws_is_bound(ws_sock *sk);
/* Flags an accepted socket inherits from its listener (sock.c
 * test_accept_inheritance); the kernel copies the socket options itself. */
#define WSF_INHERITED \
    (WSF_NONBLOCK | WSF_REUSEADDR | WSF_EXCLUSIVE | WSF_OOBINLINE | WSF_BROADCAST | WSF_RCVBUF_SET | WSF_SNDBUF_SET | \
     WSF_SYNC)
/* accept's copy of the listener's state onto a new socket (flags as given). */
void ws_accept_inherit(ws_sock *listener, ws_sock *sk, uint32_t flags);
/* A fresh kernel socket of sk's kind in place of its descriptor (dup2: the
 * SOCKET value stays), with the options socket() sets, its state reset to
 * a new socket's: DisconnectEx / TransmitFile with TF_REUSE_SOCKET.  0 or
 * an errno. */
int ws_sock_renew(ws_sock *sk);
/* A new kernel socket on sk's descriptor number that keeps what the program
 * set (options, buffer sizes, the bound address) and forgets a failed
 * connect: listen after a refused connect.  0 or an errno. */
int ws_sock_respawn(ws_sock *sk);
/* Make sk's descriptor non-blocking for a system call that has no
 * MSG_DONTWAIT (connect, sendfile, splice); returns what to pass to
 * ws_nonblock_end. */
bool ws_nonblock_begin(ws_sock *sk);
void ws_nonblock_end(ws_sock *sk, bool was);
int ws_connect(struct ws_call *c, ws_sock *sk, const void *name, int namelen);
int ws2p_shutdown(SOCKET s, int how); /* WSASendDisconnect / WSARecvDisconnect reuse it */
/* accept: the connection WSAAccept deferred on this listener (WSF_DEFERRED
 * set), as accept4() would give it; -1 with errno if it is gone. */
int ws_take_deferred(ws_sock *listener, struct sockaddr_storage *ss, socklen_t *len);
/* Record a connection error for SO_ERROR (src/ws2_32/sockopt.c semantics). */
static inline void ws_set_so_error(ws_sock *sk, int wsaerr)
{
    sk->so_error = wsaerr;
    ws_set_flags(sk, WSF_SO_ERROR);
}
/* Windows' SO_REUSEADDR / SO_EXCLUSIVEADDRUSE binding rules, checked before
 * bind() reaches the kernel (src/core/bindtab.c): 0 (the socket's row is
 * registered) or a WSA error.  ws_bind_done tells how the kernel's bind
 * went; ws_bind_forget (the descriptor closes) drops the row. */
int ws_bind_check(ws_sock *sk, const struct sockaddr_storage *ss, socklen_t len);
void ws_bind_done(ws_sock *sk, bool bound);
void ws_bind_forget(ws_sock *sk);
/* listen on a WSF_SHARED socket: connections go to the first listener. */
void ws_reuse_listen(ws_sock *sk);

/* SIO_GET_EXTENSION_FUNCTION_POINTER: the function for a WSAID_* GUID, or
 * NULL (src/mswsock/extensions.c). */
void *ws_extension_fn(const GUID *g);
/* SO_UPDATE_ACCEPT_CONTEXT / SO_UPDATE_CONNECT_CONTEXT (src/mswsock/):
 * 0 or a WSA error. */
int ws_update_accept_context(ws_sock *sk, const char *optval, int optlen);
int ws_update_connect_context(ws_sock *sk, const char *optval, int optlen);
/* The protocol catalog (src/ws2_32/protocol.c): the WSAPROTOCOL_INFOA/W of
 * a socket (0, or WSAENOPROTOOPT for a family the catalog lacks) and its
 * dwMessageSize. */
extern const GUID ws_tcpip_provider;
int ws_protocol_info(const ws_sock *sk, void *info, bool wide);
uint32_t ws_max_msg_size(const ws_sock *sk);
/* WSASocket with a WSADuplicateSocket structure (src/ws2_32/duplicate.c):
 * true if it named a pending duplicate, then *s is its socket (or
 * INVALID_SOCKET with c->err set). */
bool ws_dup_socket(struct ws_call *c, const WS_WSAPROTOCOL_INFOA *info, SOCKET *s);
/* WSACleanup: the structures never taken give up their handles. */
void ws_dup_forget_all(void);

/* A pointer Windows would reject with WSAEFAULT: NULL or inside the
 * never-mapped first 64 KiB (Wine's tests pass (char *)1). */
static inline bool ws_bad_ptr(const void *p)
{
    return (uintptr_t)p < 0x10000;
}
/* An optional pointer (NULL allowed) that is not NULL yet ws_bad_ptr. */
static inline bool ws_bad_opt(const void *p)
{
    return (uintptr_t)p - 1 < 0xffff;
}
/* A string for a trace line: "(null)", "(bad)" for a pointer ws_bad_ptr
 * refuses, or s. */
static inline const char *ws_trace_str(const char *s)
{
    return !s ? "(null)" : ws_bad_ptr(s) ? "(bad)" : s;
}
/* *p for a trace line, or -1 where p is a pointer ws_bad_ptr refuses. */
static inline int ws_peek_int(const int *p)
{
    return ws_bad_ptr(p) ? -1 : *p;
}

/* A datagram socket met ECONNREFUSED (an ICMP port unreachable for an
 * earlier datagram).  Windows reports each one on the next receive only
 * (SIO_UDP_CONNRESET docs); this pops it from Linux's error queue and, unless
 * SIO_UDP_CONNRESET is off, leaves WSF_ICMP_PENDING for the receive. */
void ws_icmp_error(ws_sock *sk);
/* A send met one: pop every queued ICMP error (each pop re-arms the next),
 * leaving one report for the next receive. */
void ws_icmp_drain(ws_sock *sk);

/* An urgent byte taken with MSG_OOB is gone from the stream on Windows.
 * Linux leaves it in place, skipped only while SO_OOBINLINE is off and a
 * read goes past it: switched inline it comes out again, and left there it
 * is unread data, so closesocket resets instead of finishing gracefully
 * (sock.c test_select).  True if the read position is at such a byte (only
 * asked of sockets that took one: WSX_OOB_READ); the caller reads it out. */
bool ws_oob_stale(ws_sock *sk);

/* ---- the notification engine (src/core/notify.c) ---------------------- */
/* A re-enabling call happened (recv for FD_READ, send failing with
 * WSAEWOULDBLOCK for FD_WRITE, accept for FD_ACCEPT, connect for
 * FD_CONNECT): the event may be recorded again.  Callers test WSF_EVSEL
 * first, so sockets without a registration pay nothing. */
void ws_evsel_reenable(ws_sock *sk, long fd_bits);
/* Waiters blocked on the socket's event look at it again (its conditions
 * changed in a way poll() does not report, e.g. the rest of a send went). */
void ws_evsel_kick(ws_sock *sk);
/* Message mode only: a call that re-enables there but not in event mode
 * (a recv failing WSAEFAULT: sock.c test_read_events). */
void ws_evsel_reenable_msg(ws_sock *sk, long fd_bits);
/* A datagram socket was connected (so bound): event mode records
 * FD_CONNECT, and FD_WRITE holds again (sock.c test_connect_events). */
void ws_evsel_dgram_connected(ws_sock *sk);
/* An event poll() does not show happened (FD_ADDRESS_LIST_CHANGE,
 * FD_ROUTING_INTERFACE_CHANGE: src/core/netchange.c): record it with no
 * error, signalling the event or posting the message if the registration
 * asks for it. */
void ws_evsel_record(ws_sock *sk, long fd_bit);
/* accept: the new socket inherits the listener's registration. */
void ws_evsel_inherit(ws_sock *listener, ws_sock *sk);
/* closesocket / WSACleanup: cancel the registration. */
void ws_evsel_detach(ws_sock *sk);

/* ---- the rest of partial non-blocking sends (src/core/sendq.c) -------- */
struct iovec;
/* Accept the first `remaining` bytes of iov as the unsent rest of a send
 * (sent with lxflags): 0, WSAEWOULDBLOCK if a rest is already pending or
 * without memory, WSAEFAULT if those bytes are not readable. */
int ws_send_defer(ws_sock *sk, const struct iovec *iov, size_t iovcnt, size_t remaining, int lxflags);
/* The engine's tick: reset closed sockets whose rest is overdue. */
void ws_send_expire(void);
/* shutdown(SD_SEND): true if the FIN must wait for the rest. */
bool ws_send_pending_shutdown(ws_sock *sk);
/* closesocket with a rest pending: deliver it (graceful) or discard it. */
void ws_send_pending_close(ws_sock *sk, bool abortive);

/* ---- random bytes (src/core/random.c) ----------------------------------- */
/* Fill buf from the kernel's generator: 0, or the errno. */
int ws_random(void *buf, size_t n);

/* ---- wide strings (src/core/utf.c; utf.h has the rest) ------------- */
/* A WCHAR string (UTF-16 units; see utf.h) as malloc'd UTF-8, NULL if out
 * of memory; *ascii says whether all of it was ASCII. */
char *ws_utf8_dup(const WCHAR *w, bool *ascii);

/* ---- address and constant translation ---------------------------------- */
int ws_af_to_linux(int waf);   /* -1 if unknown */
int ws_af_from_linux(int laf); /* -1 if unknown */
/* glibc's inet_ntop and inet_pton, looked up in libc itself: Windows code
 * written for XP defines its own inet_ntop/inet_pton (the SDK declares them
 * only from 0x0600), and the dynamic linker would bind the library's own
 * calls to the program's; a program's functions never replace a DLL's. */
const char *ws_libc_ntop(int lx_af, const void *src, char *dst, unsigned size);
int ws_libc_pton(int lx_af, const char *src, void *dst);
/* Windows name -> Linux sockaddr.  Returns 0 or a WSA error (WSAEFAULT for
 * NULL/short, WSAEAFNOSUPPORT for a family we cannot translate). */
int ws_addr_in(const void *name, int namelen, struct sockaddr_storage *out, socklen_t *outlen);
/* Linux sockaddr -> Windows name.  *namelen is in/out as Windows defines it.
 * Returns 0 or WSAEFAULT (NULL or too short; nothing written). */
int ws_addr_out(const struct sockaddr *lx, socklen_t lxlen, void *name, int *namelen);
bool ws_addr_is_any(const struct sockaddr_storage *ss);
bool ws_is_localhost(const char *name);
/* Minimum Windows sockaddr length for a Windows family (0 if unknown). */
int ws_addr_minlen(int waf);
/* MSG_* flags: Windows -> Linux; returns -1 if a flag is not supported. */
int ws_msgflags_to_linux(int wflags);

/* WSABUF array -> iovec for one sendmsg/recvmsg (src/ws2_32/send.c).  Uses
 * stack (WS_IOV_STACK entries) when count fits, else malloc (caller frees
 * *out when it is not stack).  0, WSAENOBUFS (out of memory, count >
 * IOV_MAX) or WSAEFAULT (a buffer ws_bad_ptr refuses); *out NULL then. */
#define WS_IOV_STACK 16
int ws_iov_from_wsabuf(struct iovec *stack, const WS_WSABUF *bufs, DWORD count, size_t *total, struct iovec **out);

#endif
