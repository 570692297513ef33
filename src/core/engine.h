/*
 * The I/O engine: overlapped operations on sockets (and, through the same
 * requests, the rest of a non-blocking send the kernel took only part of).
 *
 * A request (struct ws_ioreq) belongs to its socket, in one FIFO per
 * direction (receive side, send side): only the head of each FIFO is at the
 * backend, so data arrives in and leaves in the order the operations were
 * issued (sock.c test_simultaneous_async_recv).  A request is started in
 * the calling thread; when it finishes at once it costs what the plain
 * call costs.  Otherwise it waits at the backend of a completion context:
 *
 *   - the issuing thread's context (created on its first pending request),
 *   - the completion port's context, for a socket associated with a port,
 *   - the engine's own context, for the engine's own requests.
 *
 * A context is a backend instance (io_uring ring, or an epoll set) with one
 * pollable descriptor that is readable when it has completions to reap.
 * Whoever waits reaps: a wait on an event a pending request will signal
 * polls that request's context too, an alertable wait polls the thread's
 * context, GetQueuedCompletionStatus polls the port's.  With io_uring the
 * kernel moves the data itself, so reaping is only bookkeeping; with epoll
 * the reaper makes the non-blocking system calls.  The engine thread
 * (started lazily, named "ws2p-io") reaps what nobody else does: a context
 * with requests pending that no thread has reaped for WS_IO_ADOPT_MS is
 * adopted (its descriptor joins the engine's epoll set) until it is idle
 * again.  No global lock is held across a system call; there is no thread
 * per socket.
 *
 * Completion (ws_io_complete) writes the OVERLAPPED (InternalHigh, then
 * Internal: the NTSTATUS of src/core/ntstatus.def), then, as Windows does:
 * the completion routine is queued as an APC to the issuing thread, or else
 * the event is signalled (or, with no event, the socket's own object, which
 * is what waiting on the socket handle waits for); a socket associated with
 * a port gets its completion packet.
 */
#ifndef WS2P_ENGINE_H
#define WS2P_ENGINE_H
#include "winobj.h"
#include <sys/socket.h>
#include <sys/uio.h>

#define WS2P_NTSTATUS(name, value, w32, wsa) static const uint32_t WS_##name = value##u;
#include "ntstatus.def"
#undef WS2P_NTSTATUS
/* NTSTATUS -> Win32 (GetOverlappedResult) and -> Winsock
 * (WSAGetOverlappedResult, completion routines), from ntstatus.def. */
DWORD ws_ntstatus_to_w32(uint32_t status);
DWORD ws_ntstatus_to_wsa(uint32_t status);
/* errno from a failed socket operation -> NTSTATUS. */
uint32_t ws_errno_to_ntstatus(int e);

/* Milliseconds without a reaper after which the engine thread adopts a
 * context.  Only programs that start an overlapped operation and then wait
 * for something else entirely meet it. */
#define WS_IO_ADOPT_MS 10

/* RECV and SEND are recvmsg/sendmsg on the request's buffers.  CUSTOM is
 * whatever the API layer needs beyond them (accept into a given socket,
 * connect, sendfile, ...): the backend waits until the socket is ready for
 * r->events, then calls r->perform(r), which returns bytes (>= 0), -errno,
 * or -EAGAIN to wait again; dir says which FIFO it queues in.  DONE never
 * reaches the engine: a completion ws_io_complete_now delivers. */
enum ws_io_op { WS_IO_RECV, WS_IO_SEND, WS_IO_CUSTOM, WS_IO_DONE };
enum ws_io_dir { WS_IO_DIR_RECV = 0, WS_IO_DIR_SEND = 1 };
#define WS_IOREQ_FREED 0x80
enum ws_ioreq_state {
    WS_IOREQ_QUEUED = 0, /* in its socket's FIFO, behind the head */
    WS_IOREQ_ACTIVE,     /* the head, at the backend */
    WS_IOREQ_DONE,       /* completed, delivered */
};

struct ws_ioctx;
struct ws_port;

struct ws_io_now {
    uint32_t status;
    DWORD bytes, flags;
};

typedef struct ws_ioreq {
    struct ws_ioreq *next;          /* the socket's FIFO (under the socket's io lock) */
    struct ws_ioreq *cnext, *cprev; /* the context's in-flight list (under its lock) */
    uint8_t op, dir;
    uint8_t park;                   /* parked: the WS_NC_* change it waits for (ws_io_park) */
    _Atomic uint8_t state;
    /* Cancellers looking at it without the socket's lock (ws_io_cancel);
     * WS_IOREQ_FREED once it is done with: the last to let go frees it. */
    _Atomic uint8_t pins;
    _Atomic bool cancelled;         /* CancelIo(Ex) / closesocket: complete with STATUS_CANCELLED (set
                                       under the socket's lock, read by whoever finishes it) */
    bool internal;                  /* the engine's own (no OVERLAPPED) */
    bool at_once;                   /* finished while being started (port skip mode) */
    bool pend;                      /* the call reports it pending whatever happens (ConnectEx,
                                       DisconnectEx, a step after a pending one): never "at once" */
    bool no_offset;                 /* flags go elsewhere (WSARecvMsg's WSAMSG): Offset untouched */
    /* Finished at once: the result is copied here before it is published, for
     * the submitting call to report.  Once a packet, event or routine tells the
     * program, the OVERLAPPED is the program's: a worker may already have
     * reused it for the next operation, so the caller must not read it back. */
    struct ws_io_now *now;
    bool backend_busy;              /* the backend holds it (io_uring: an SQE in flight) */
    ws_sock *sk;                    /* referenced */
    ws_sock *origin;                /* referenced, or NULL: the socket the call was made on when r runs
                                       on another (AcceptEx's receive on the accept socket); its port,
                                       notification modes and handle get the completion */
    struct ws_ioctx *ctx;           /* where it waits (referenced) */
    WS_OVERLAPPED *ov;              /* the program's; NULL for internal requests */
    /* Where the completion goes. */
    ws_obj *event;                  /* referenced: hEvent (low bit cleared) */
    ws_obj *thread;                 /* referenced: the issuing thread (completion routine) */
    WS_COMPLETION_ROUTINE routine;
    struct ws_port *port;           /* the socket's port at issue time (referenced) */
    ULONG_PTR key;
    bool no_packet;                 /* hEvent had its low bit set */
    bool reset_event;               /* event still to be reset, as NT does when an operation starts:
                                       done where the request starts waiting on it (ws_io_submit, one
                                       lock for both) or is otherwise given up or completed */
    DWORD issuer_tid;               /* CancelIo cancels the calling thread's own */
    struct ws_apc apc;              /* the completion routine's APC */
    /* The operation. */
    struct msghdr msg;
    struct iovec iov_inline[4];
    struct iovec *iov;              /* msg.msg_iov: iov_inline or allocated */
    size_t total, done;             /* bytes asked and moved so far (sends complete whole) */
    int lxflags;                    /* MSG_* for the system call */
    DWORD *flags_out;               /* WSARecv lpFlags (written at completion) */
    void *from;                     /* WSARecvFrom lpFrom / lpFromlen (written at completion) */
    int *fromlen;
    char *owned_buf;                /* internal send: the copy of the unsent rest */
    /* Result. */
    uint32_t status;
    DWORD bytes;
    DWORD out_flags;
    void (*done_cb)(struct ws_ioreq *r); /* internal requests: called instead of delivery */
    /* CUSTOM requests. */
    short events;                   /* POLLIN / POLLOUT to wait for */
    bool wait_alt;                  /* wait for alt_fd (POLLIN) instead of the socket: a refused
                                       ConnectEx's retry timer (src/core/synretry.c) */
    int alt_fd;
    long (*perform)(struct ws_ioreq *r);
    void (*finish_cb)(struct ws_ioreq *r); /* after the result is known (also when cancelled before it
                                              started), before delivery; may change status/bytes */
    void (*free_cb)(struct ws_ioreq *r);   /* frees what the API layer hung on api_data */
    /* Called at delivery, before anything is told: true if the operation goes
     * on as another request that took over r's completion (ws_io_handoff);
     * r then goes silently. */
    bool (*chain_cb)(struct ws_ioreq *r);
    void *api_data;
    /* Not cleared by ws_ioreq_new (everything above is): written before
     * it is read. */
    struct sockaddr_storage addr;   /* sendto destination / recvfrom source */
} ws_ioreq;

/* Per-socket engine state, allocated on the socket's first request. */
struct ws_sockio {
    pthread_mutex_t lock;
    ws_ioreq *head[2], *tail[2];    /* FIFO per direction */
    ws_obj *fileobj;                /* what WaitForSingleObject((HANDLE)s) waits for */
    struct ws_port *port;           /* CreateIoCompletionPort association (referenced) */
    ULONG_PTR key;
    DWORD notify_modes;             /* SetFileCompletionNotificationModes */
    unsigned npending;              /* requests holding a socket reference */
    struct ws_ioctx *ctx;           /* where the socket's requests wait while it has any */
    /* The epoll backend's registrations: the socket may be armed in two
     * contexts (its own and the engine's); each slot under its ctx's lock.
     * ep_reg: the contexts it was ever armed in (the engine's second), whose
     * events may name it after its last request (sock_gone). */
    ws_ioreq *ep_active[2];
    struct ws_ioctx *ep_ctx[2];
    struct ws_ioctx *ep_reg[2];
    /* A request on another socket that will use this one (AcceptEx's accept
     * socket): closing this socket cancels it (ws_io_claim). */
    ws_ioreq *user;
    /* Requests waiting for an address or route change (ws_io_park): the
     * change (src/core/netchange.c) or cancellation ends them. */
    ws_ioreq *parked;
    /* The extension functions' own state for the socket (src/mswsock/:
     * AcceptEx's cached listener address), malloc'd, freed with this. */
    void *_Atomic ext;
    /* An eventfd for what poll() on the socket cannot show: written when
     * the rest of a partial send has gone (src/core/sendq.c) and when
     * closesocket() takes the socket (waits on an idle stream socket, which
     * poll() is not asked about, watch it: ready.h).  -1 until needed. */
    int wake_fd;
    /* A refused connect's SYN retries (src/core/synretry.c): the timer a
     * non-blocking wait polls until the next SYN (-1 until needed), when
     * that SYN is due (CLOCK_MONOTONIC ms) and what the timer is armed for,
     * how many retries are left; SIO_TCP_INITIAL_RTO's settings. */
    int syn_timer;
    long long syn_due, syn_armed;
    uint8_t syn_left;
    bool syn_set;        /* SIO_TCP_INITIAL_RTO gave syn_max / syn_ms */
    uint8_t syn_max;
    uint16_t syn_ms;
    bool shut_after_drain;
    struct ws_rest *rest;           /* the pending rest of a send (src/core/sendq.c) */
};
#define WS_FILE_SKIP_COMPLETION_PORT_ON_SUCCESS 0x1
#define WS_FILE_SKIP_SET_EVENT_ON_HANDLE 0x2

/* ---- the backend interface ------------------------------------------------ */
struct ws_backend {
    const char *name;
    int (*ctx_init)(struct ws_ioctx *c);    /* 0 or -errno */
    void (*ctx_fini)(struct ws_ioctx *c);
    /* All three are called with the context locked, and never call back
     * into the engine: what finished is handed back, and the engine
     * delivers it once the lock is released. */
    /* Hand r (the head of its FIFO) to the backend: true if it finished
     * there and then, with *res the system call's result (bytes or
     * -errno). */
    bool (*start)(struct ws_ioctx *c, ws_ioreq *r, long *res);
    /* What has finished, without waiting: up to max requests and their
     * results. */
    int (*reap)(struct ws_ioctx *c, ws_ioreq **done, long *res, int max);
    /* Ask the backend to give r back: true if it did so at once (*res set);
     * otherwise it finishes later, through reap. */
    bool (*cancel)(struct ws_ioctx *c, ws_ioreq *r, long *res);
    /* Called WITHOUT the lock: block until completions may be reaped, ms
     * pass (-1: forever) or wake() is called; submits what start()
     * deferred.  0 on time-out, 1 otherwise. */
    int (*wait)(struct ws_ioctx *c, int ms);
    /* End a wait() in another thread (lock not held). */
    void (*wake)(struct ws_ioctx *c);
    /* Submit what start() deferred (lock held). */
    void (*flush)(struct ws_ioctx *c);
    /* The socket's last reference went and sk->io no longer names io, which
     * is freed on return: a backend whose events can outlive the requests
     * (epoll's name sockets) makes sure no reap still looks at it.  No lock
     * held; may be NULL. */
    void (*sock_gone)(struct ws_sockio *io);
};
extern const struct ws_backend ws_backend_uring, ws_backend_epoll;

/* A completion context. */
struct ws_ioctx {
    _Atomic int refs;
    uint64_t id;                    /* never reused (ws_io_serving names contexts by it) */
    pthread_mutex_t lock;           /* the backend's state and the in-flight list */
    const struct ws_backend *be;
    int fd;                         /* pollable: readable when reap has work */
    _Atomic unsigned inflight;      /* requests at the backend */
    _Atomic uint64_t last_reap_ms;
    bool adopted;                   /* in the engine's epoll set (engine lock) */
    _Atomic bool adopted_hint;      /* adopted, readable without the lock */
    bool pinned;                    /* the engine's own: adopted for good */
    _Atomic bool stashed;           /* the backend holds finished requests its descriptor
                                       does not show (reap soon) */
    /* Submissions start() deferred: the thread that made them is about to
     * wait in this context (a completion port's worker), and its wait will
     * submit them with the same system call (io_uring). */
    _Atomic unsigned deferred;
    /* Threads blocked in wait() on it right now: they reap what comes, so
     * the engine need not (and must not compete with them). */
    _Atomic int in_wait;
    bool dead;                      /* owner gone: free once idle */
    ws_ioreq *list;                 /* in flight (under lock) */
    struct ws_ioctx *gnext;         /* the registry of contexts (engine lock) */
    void *be_state;                 /* backend's own (struct io_uring, epoll bookkeeping) */
};

/* The chosen backend: io_uring unless missing or forbidden, or
 * WS2POSIX_IO=epoll|uring forces one. */
const struct ws_backend *ws_io_backend(void);

/* The context the calling thread is serving: a completion port's, after
 * GetQueuedCompletionStatus gave it packets from there.  Submissions to it
 * are deferred to the thread's next wait (one system call for both). */
extern __thread uint64_t ws_io_serving __attribute__((tls_model("initial-exec"))); /* the context's id */

/* The calling thread's context (created on first use), or NULL; the
 * engine thread's own (always adopted: for internal requests nobody waits
 * for). */
struct ws_ioctx *ws_io_engine_ctx(void);
struct ws_ioctx *ws_io_thread_ctx(void);
struct ws_ioctx *ws_io_ctx_new(void);
void ws_io_ctx_ref(struct ws_ioctx *c);
void ws_io_ctx_unref(struct ws_ioctx *c);
/* Reap c now (a waiter saw its descriptor readable, or is about to look). */
void ws_io_reap(struct ws_ioctx *c);

/* ---- requests --------------------------------------------------------------- */
struct ws_sockio *ws_sockio(ws_sock *sk); /* allocated on first use; NULL if out of memory */
/* The socket's wake descriptor (created on first use; -1 without memory or
 * descriptors).  A caller that then sees the socket not closing may block
 * on it: closesocket() writes it (ws_sock_wake). */
int ws_sock_wake_fd(ws_sock *sk);
void ws_sock_wake(ws_sock *sk);
/* closesocket: a wait for a refused connect's next SYN ends now (src/core/synretry.c). */
void ws_syn_wake(struct ws_sockio *io);
/* The object WaitForSingleObject((HANDLE)s) and GetOverlappedResult with no
 * event wait for (not referenced; lives as long as the socket). */
ws_obj *ws_io_fileobj(ws_sock *sk);
ws_ioreq *ws_ioreq_new(ws_sock *sk, enum ws_io_op op);
/* A CUSTOM request in the given direction's FIFO. */
ws_ioreq *ws_ioreq_custom(ws_sock *sk, enum ws_io_dir dir, short events, long (*perform)(ws_ioreq *r));
/* Start r: queue it in its socket's FIFO and start it if it is the head.
 * Returns true if it has completed by the time this returns. */
bool ws_io_submit(ws_ioreq *r);
/* The backend finished r with errno-style res (bytes >= 0, or -errno). */
void ws_io_finished(ws_ioreq *r, long res);
/* Cancel the socket's requests: all (issuer 0, ov NULL), the calling
 * thread's (CancelIo), or the one for ov (CancelIoEx).  Returns how many
 * were found. */
unsigned ws_io_cancel(ws_sock *sk, DWORD issuer_tid, const WS_OVERLAPPED *ov);
/* Cancel the engine's own requests on sk (an abortive close). */
void ws_io_cancel_internal(ws_sock *sk);
/* closesocket: cancel everything; the socket's engine state goes with it. */
void ws_io_sock_close(ws_sock *sk);
void ws_io_sock_free(ws_sock *sk);
/* The thread owning c ends (src/core/thread.c). */
void ws_io_thread_exit(struct ws_ioctx *c);

/* A request made but never submitted (an argument check failed). */
void ws_ioreq_discard(ws_ioreq *r);
/* Where r's completion goes, from the call's OVERLAPPED and completion
 * routine (WSASend, WSARecv, WSAIoctl, the extension functions): the
 * socket's port and key, hEvent (its low bit keeps the packet off the
 * port) or the routine's thread.  0, or the WSA error the call fails with
 * (WSAEINVAL for a routine on a socket with a port: sock.c test_WSARecv;
 * WSAENOBUFS without memory). */
int ws_ioreq_targets(ws_ioreq *r, WS_OVERLAPPED *ov, WS_COMPLETION_ROUTINE routine);
/* Complete r (made, targets set, never submitted) at once with status and
 * bytes: the OVERLAPPED, then the routine, event or handle, then the port,
 * exactly as a finished operation (WSAIoctl's codes, which all complete
 * within the call).  Frees r. */
void ws_io_complete_now(ws_ioreq *r, uint32_t status, DWORD bytes);
/* From a chain_cb: to (made, not submitted) takes over from's completion
 * (OVERLAPPED, event, routine, port) and reports to from's socket; it is
 * never "at once" unless from was.  Submit to afterwards. */
void ws_io_handoff(ws_ioreq *from, ws_ioreq *to);
/* Park r (made, targets set): it stays pending, holding its socket, until
 * the change it waits for (kind, WS_NC_*: ws_io_unpark) or until
 * CancelIo(Ex) or closesocket cancels it (SIO_ADDRESS_LIST_CHANGE,
 * SIO_ROUTING_INTERFACE_CHANGE). */
void ws_io_park(ws_ioreq *r, unsigned kind);
/* Complete sk's requests parked for kind: success, 0 bytes. */
void ws_io_unpark(ws_sock *sk, unsigned kind);
/* r will use target (AcceptEx's accept socket): false if another request
 * already does.  Closing target cancels r; ws_io_unclaim ends it. */
bool ws_io_claim(ws_sock *target, ws_ioreq *r);
void ws_io_unclaim(ws_sock *target, ws_ioreq *r);
/* Copy the caller's iovec array into r (the WSABUF array may go once the
 * call returns; the buffers must stay, as on Windows). */
bool ws_ioreq_set_buffers(ws_ioreq *r, const struct iovec *iov, size_t count);
/* Has the socket overlapped receives pending? */
bool ws_io_recv_pending(ws_sock *sk);
/* Reap the socket's context now (a program polling instead of waiting). */
void ws_io_poll_sock(ws_sock *sk);

/* What the Winsock send/receive functions hand the overlapped path
 * (src/ws2_32/overlapped.c). */
struct ws_overlapped_args {
    enum ws_io_op op;
    const struct iovec *iov;
    size_t count, total;
    int lxflags;
    const void *to;                 /* sendto destination, to_len bytes (copied); by pointer, so that
                                       building the arguments clears no sockaddr_storage */
    socklen_t to_len;
    void *from;                     /* recvfrom: written at completion */
    int *fromlen;
    WS_OVERLAPPED *ov;
    WS_COMPLETION_ROUTINE routine;
    DWORD *bytes_out, *flags_out;   /* written only if it finishes at once */
    const void *control;            /* WSASendMsg: Linux control data (copied) */
    size_t controllen;
    WS_WSAMSG *wmsg;                /* WSARecvMsg: where the results go at completion */
};
int ws_overlapped_io(struct ws_call *c, ws_sock *sk, const struct ws_overlapped_args *a);

/* Control data (src/core/cmsg.c).  A receive's Linux control buffer is
 * WS_CMSG_ROOM bytes, room for everything the receive options produce. */
#define WS_CMSG_ROOM 256
/* Linux control data of m -> Windows WSACMSGHDRs in out (room bytes):
 * the bytes used; *trunc when some did not fit (or the kernel cut them). */
size_t ws_cmsg_to_win(const struct msghdr *m, void *out, size_t room, bool *trunc);
/* Windows control data -> Linux (room bytes): 0 or WSAEINVAL (an option
 * or a length Windows would refuse), *outlen the bytes written. */
int ws_cmsg_from_win(const void *in, size_t len, void *out, size_t room, size_t *outlen);
/* finish_cb of an overlapped WSARecvMsg (api_data: its WSAMSG). */
void ws_recvmsg_finish(ws_ioreq *r);

/* A descriptor the engine thread watches besides its contexts: fn(w) runs
 * on the engine thread whenever fd is readable (level-triggered: fn reads
 * what is there).  w lives as long as the process.  false if the engine
 * could not add it. */
struct ws_io_watch {
    int fd;
    void (*fn)(struct ws_io_watch *w);
};
bool ws_io_engine_watch(struct ws_io_watch *w);

/* ---- address and route changes (src/core/netchange.c) ------------------- */
/* One NETLINK_ROUTE socket, opened by the first request and watched by the
 * engine thread, tells the requests waiting for a change of the socket's
 * family's addresses (WS_NC_ADDR) or routes (WS_NC_ROUTE). */
enum { WS_NC_ADDR = 1, WS_NC_ROUTE = 2 };
/* SIO_*_CHANGE with an OVERLAPPED: park r (made, targets set) until the
 * next change of kind, CancelIo(Ex) or closesocket. */
void ws_netchange_park(ws_ioreq *r, unsigned kind);
/* Non-blocking, no OVERLAPPED (WSAEWOULDBLOCK): the next change of kind
 * records FD_ADDRESS_LIST_CHANGE / FD_ROUTING_INTERFACE_CHANGE once. */
void ws_netchange_arm(ws_sock *sk, unsigned kind);
/* Blocking, no OVERLAPPED: wait for the next change of kind.  0, WSAEINTR
 * when closesocket ends the wait, WSAENOBUFS without descriptors. */
int ws_netchange_wait(ws_sock *sk, unsigned kind);
/* closesocket: sk waits for no change any more (WSX_NETCHANGE set).
 * Returns how many socket references that dropped. */
unsigned ws_netchange_forget(ws_sock *sk);

/* For waits (src/core/object.c): the contexts whose completions may
 * satisfy a wait on o (requests pending with o as their event, or the
 * thread's own for an alertable wait). */
size_t ws_io_wait_ctxs(ws_obj *o, struct ws_ioctx **out, size_t room);

#endif
