/* Random bytes for RtlGenRandom, CryptGenRandom and BCryptGenRandom: the
 * kernel's generator (getrandom(2)), which blocks only until it is first
 * seeded at boot. */
#include "core.h"
#include <sys/random.h>

int ws_random(void *buf, size_t n)
{
    unsigned char *p = buf;
    while (n) {
        ssize_t r = getrandom(p, n, 0);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        p += r;
        n -= (size_t)r;
    }
    return 0;
}
