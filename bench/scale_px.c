/* scale (POSIX): socket/bind/connect/close at the descriptor limit,
 * memory per socket (bench/scale.h). */
#include "px_common.h"
#define INVALID_SOCKET (-1)
#define SERVER_FN static void *server(void *arg)
#define SERVER_RETURN (void)arg; return NULL
#define SERVER_THREAD pthread_t
#include "scale.h"
