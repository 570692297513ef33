/* I/O completion ports (src/core/iocp.c): a port is a waitable object
 * holding a queue of completion packets and the I/O context its sockets'
 * requests wait in, so the threads in GetQueuedCompletionStatus are the
 * ones that reap them.  kernel32's CreateIoCompletionPort and friends
 * (src/kernel32/iocp.c) stand on this. */
#ifndef WS2P_IOCP_H
#define WS2P_IOCP_H
#include "engine.h"

struct ws_packet {
    ULONG_PTR key;
    DWORD bytes;
    WS_OVERLAPPED *ov;
    uint32_t status; /* NTSTATUS: GetQueuedCompletionStatus fails for an error */
};

struct ws_port {
    ws_obj obj;              /* WS_OBJ_PORT: signalled while packets wait */
    struct ws_ioctx *ctx;    /* where associated sockets' requests wait */
    struct ws_packet *q;     /* ring of packets, under obj.lock */
    unsigned head, n, cap;
    DWORD concurrency;       /* NumberOfConcurrentThreads (0: the CPU count) */
    bool closed;             /* the last handle closed: waiters fail */
    /* The wait (iocp.c): one leader blocks in the context's backend and
     * reaps; the others wait in a LIFO stack, the most recent first, as
     * Windows releases them.  Under obj.lock. */
    bool leader;
    bool leader_in_kernel;
    const void *leader_token;        /* the leader's &ws_io_serving: which thread leads */
    struct ws_port_waiter *followers;
};

struct ws_port *ws_port_new(DWORD concurrency);
static inline void ws_port_ref(struct ws_port *p)
{
    ws_obj_ref(&p->obj);
}
static inline void ws_port_unref(struct ws_port *p)
{
    ws_obj_unref(&p->obj);
}
static inline struct ws_ioctx *ws_port_ctx(struct ws_port *p)
{
    return p->ctx;
}
/* Queue a packet; false without memory. */
bool ws_port_post(struct ws_port *p, ULONG_PTR key, DWORD bytes, WS_OVERLAPPED *ov, uint32_t status);
/* An operation was started on the port's context by a thread that is not
 * one of its workers: if no worker leads (reaps), release one to. */
void ws_port_kick(struct ws_port *p);
/* Take up to max packets, waiting up to ms (alertable: APCs may end the
 * wait).  Returns the number taken, 0 on timeout, or -1 with *wait_ret
 * WAIT_IO_COMPLETION / WAIT_FAILED. */
int ws_port_get(struct ws_port *p, struct ws_packet *out, int max, DWORD ms, bool alertable, DWORD *wait_ret);
#endif
