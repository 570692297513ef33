/* Item 3: struct timeval is Windows' (two 32-bit longs) in every include
 * order, and gettimeofday fills it without touching its neighbour (MinGW's
 * <sys/time.h> provides gettimeofday for Windows' timeval).
 * TIMEVAL_ORDER: 1 = <sys/time.h> first, 2 = after the Windows headers,
 * 3 = between them, 4 = through <sys/resource.h> / <sys/select.h>. 
 * COMPAT_VARIANTS: -DTIMEVAL_ORDER=1 | -DTIMEVAL_ORDER=2 | -DTIMEVAL_ORDER=3 | -DTIMEVAL_ORDER=4 */
#ifndef TIMEVAL_ORDER
#define TIMEVAL_ORDER 1
#endif
#if TIMEVAL_ORDER == 1
#include <sys/time.h>
#include <winsock2.h>
#include <windows.h>
#elif TIMEVAL_ORDER == 2
#include <winsock2.h>
#include <windows.h>
#include <sys/time.h>
#elif TIMEVAL_ORDER == 3
#include <windows.h>
#include <sys/time.h>
#include <winsock2.h>
#else
#include <sys/select.h>
#include <sys/resource.h>
#include <winsock2.h>
#include <sys/time.h>
#endif
#include <stdio.h>

struct slot {
    struct timeval tv;
    unsigned int canary[2];
};

int main(void)
{
    struct slot s;
    struct timeval before, after;
    int failures = 0;
    s.canary[0] = s.canary[1] = 0xC0FFEE;
    if (sizeof(struct timeval) != 8 || sizeof s.tv.tv_sec != 4) {
        fprintf(stderr, "struct timeval is %u bytes, not Windows' 8\n", (unsigned)sizeof(struct timeval));
        failures++;
    }
    if (gettimeofday(&s.tv, NULL) != 0 || s.canary[0] != 0xC0FFEE || s.canary[1] != 0xC0FFEE) {
        fprintf(stderr, "gettimeofday overran Windows' timeval: canary %#x %#x\n", s.canary[0], s.canary[1]);
        failures++;
    }
    if (s.tv.tv_sec < 1600000000 || s.tv.tv_usec < 0 || s.tv.tv_usec >= 1000000) {
        fprintf(stderr, "gettimeofday gave %ld.%06ld\n", (long)s.tv.tv_sec, (long)s.tv.tv_usec);
        failures++;
    }
    gettimeofday(&before, NULL);
    Sleep(20);
    gettimeofday(&after, NULL);
    if (!timercmp(&after, &before, >)) {
        fprintf(stderr, "time did not advance\n");
        failures++;
    }
    return failures != 0;
}
