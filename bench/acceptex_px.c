/* acceptex (POSIX twin): conn's blocking accept loop against the
 * completion-port AcceptEx server of acceptex_ws.c, the same client. */
#define WORKLOAD "acceptex"
#include "conn_px.c"
