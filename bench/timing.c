/* bench.h for both sides, with POSIX headers (see bench.h for why this file
 * stands alone). */
#define _GNU_SOURCE
#include "bench.h"
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <string.h>
#include <sys/wait.h>
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

long bench_env(const char *name, long def)
{
    const char *s = getenv(name);
    return s && *s ? strtol(s, NULL, 0) : def;
}

static struct {
    pid_t pid;
    int out;
} loads[4];

int bench_load_start(int port, int conns, long long requests, int size)
{
    char exe[4096], args[4][32];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 32);
    if (n <= 0) {
        perror("readlink");
        exit(1);
    }
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    strcpy(slash ? slash + 1 : exe, "bench_echo_load");
    snprintf(args[0], sizeof args[0], "%d", port);
    snprintf(args[1], sizeof args[1], "%d", conns);
    snprintf(args[2], sizeof args[2], "%lld", requests);
    snprintf(args[3], sizeof args[3], "%d", size);
    int fd[2];
    int h = 0;
    while (h < 4 && loads[h].pid)
        h++;
    if (h == 4 || pipe(fd) < 0) {
        perror("pipe");
        exit(1);
    }
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fd[1], 1);
        close(fd[0]);
        execl(exe, exe, args[0], args[1], args[2], args[3], (char *)NULL);
        perror(exe);
        _exit(127);
    }
    close(fd[1]);
    loads[h].pid = pid;
    loads[h].out = fd[0];
    return h;
}

double bench_load_finish(int h)
{
    char line[128] = {0};
    size_t got = 0;
    ssize_t n;
    while (got < sizeof line - 1 && (n = read(loads[h].out, line + got, sizeof line - 1 - got)) > 0)
        got += (size_t)n;
    close(loads[h].out);
    int st = 0;
    waitpid(loads[h].pid, &st, 0);
    loads[h].pid = 0;
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        fprintf(stderr, "load generator failed (status %d)\n", st);
        exit(1);
    }
    return strtod(line, NULL);
}
