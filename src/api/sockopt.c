/* setsockopt / getsockopt (placeholder until the options family lands). */
#include "core.h"

int ws_bind_check(ws_sock *sk, const struct sockaddr_storage *ss, socklen_t len)
{
    (void)sk, (void)ss, (void)len;
    return 0;
}
