/* The process's thread pool, shared by BindIoCompletionCallback
 * (src/kernel32/iocp.c) and the Vista thread pool's work items and I/O
 * objects (src/kernel32/threadpool.c): one completion port, as many
 * workers as CPUs.  Every key on that port names an object that starts
 * with a struct ws_tp, whose kind tells the worker what to call. */
#ifndef WS2P_POOL_H
#define WS2P_POOL_H
#include "iocp.h"

enum ws_tp_kind { WS_TP_BIND = 1, WS_TP_WORK, WS_TP_SIMPLE, WS_TP_IO };
struct ws_tp {
    int kind;
};

/* The pool's port, started at the first call; NULL when neither memory
 * nor a thread could be had. */
struct ws_port *ws_pool(void);
/* Whether handle h can be bound to the pool: 0, ERROR_INVALID_HANDLE (not
 * a socket), or ERROR_INVALID_PARAMETER (not opened for overlapped I/O). */
int ws_pool_bindable(HANDLE h);
/* Associate h with port p under key (CreateIoCompletionPort's): 0 or
 * ERROR_INVALID_HANDLE / ERROR_INVALID_PARAMETER (associated already) /
 * ERROR_NOT_ENOUGH_MEMORY. */
int ws_pool_associate(HANDLE h, struct ws_port *p, ULONG_PTR key);
/* A worker took a packet for a work item, a simple callback or an I/O
 * object (src/kernel32/threadpool.c). */
void ws_tp_run(struct ws_tp *t, const struct ws_packet *pk);
#endif
