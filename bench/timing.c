/* bench.h for both sides, with POSIX headers (see bench.h for why this file
 * stands alone). */
#define _GNU_SOURCE
#include "bench.h"
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

long long bench_rss(void)
{
    long long size = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return -1;
    if (fscanf(f, "%lld %lld", &size, &resident) != 2)
        resident = -1;
    fclose(f);
    return resident < 0 ? -1 : resident * sysconf(_SC_PAGESIZE);
}

long bench_nofile(long n)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
        return 0;
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < (rlim_t)n) {
        struct rlimit want = {(rlim_t)n, rl.rlim_max};
        if (want.rlim_max != RLIM_INFINITY && want.rlim_max < want.rlim_cur)
            want.rlim_max = want.rlim_cur;
        if (setrlimit(RLIMIT_NOFILE, &want) < 0) {
            /* Not allowed past the hard limit: take what there is. */
            want.rlim_cur = want.rlim_max = rl.rlim_max;
            if (setrlimit(RLIMIT_NOFILE, &want) == 0)
                rl.rlim_cur = rl.rlim_max;
        } else
            rl = want;
    }
    return rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > (rlim_t)0x7fffffff ? 0x7fffffff : (long)rl.rlim_cur;
}

long long bench_count(int argc, char **argv, const char *env, long long def)
{
    const char *s = argc > 1 ? argv[1] : env ? getenv(env) : NULL;
    if (!s || !*s)
        return def;
    char *end;
    long long v = strtoll(s, &end, 0);
    if (*end || v <= 0) {
        fprintf(stderr, "bad work size '%s'\n", s);
        exit(2);
    }
    return v;
}

void bench_result(const char *workload, const char *side, double ops, double seconds, const char *unit,
                  const char *extra)
{
    printf("%s %s %.1f %s%s%s\n", workload, side, seconds > 0 ? ops / seconds : 0.0, unit, extra ? " " : "",
           extra ? extra : "");
    fflush(stdout);
}
