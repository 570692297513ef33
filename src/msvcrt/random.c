/* stdlib.h: rand_s, cryptographically secure numbers from the kernel
 * (Windows: RtlGenRandom), independent of rand/srand. */
#include "msvcrt.h"
#include <sys/random.h>

WS2P_EXPORT int rand_s(unsigned int *value)
{
    struct ws_call c = WS_CRT_CALL("rand_s");
    int ret = 0;
    if (!value) {
        ws_crt_invalid(&c, EINVAL);
        ret = EINVAL;
    } else {
        ssize_t n;
        while ((n = getrandom(value, sizeof *value, 0)) < 0 && errno == EINTR)
            ;
        if (n != (ssize_t)sizeof *value) {
            ret = n < 0 ? errno : EIO;
            ws_crt_fail(&c, "getrandom", ret);
            *value = 0; /* "If the function fails for any other reason" */
        }
    }
    return CRT_EXIT(&c, ret, "value=%p", (void *)value);
}
