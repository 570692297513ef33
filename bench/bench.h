/*
 * What every benchmark program shares, Winsock and POSIX alike: the clock,
 * resident memory, descriptor limits, the work size and the one-line result.
 * timing.c implements it with POSIX headers and is compiled on its own, so
 * the Winsock programs include nothing but Windows headers and this file
 * (plain C types only); both sides pay exactly the same for timing.
 */
#ifndef WS2P_BENCH_H
#define WS2P_BENCH_H

/* Monotonic clock, seconds. */
double bench_now(void);
/* Resident set size of the process, bytes. */
long long bench_rss(void);
/* Raise RLIMIT_NOFILE (soft, and hard when needed and allowed) towards n;
 * returns the limit now in effect, which may be lower than n (a container
 * without CAP_SYS_RESOURCE keeps its hard limit).  The 'many' workload holds
 * two descriptors per connection. */
long bench_nofile(long n);
/* Work size: argv[1] if given, else the environment variable env, else def. */
long long bench_count(int argc, char **argv, const char *env, long long def);
/* The one result line run.sh parses:
 *     <workload> <side> <rate> <unit> [extra]
 * rate = ops / seconds. */
void bench_result(const char *workload, const char *side, double ops, double seconds, const char *unit,
                  const char *extra);

/* The echo load generator (echo_load.c, a POSIX program run as a child):
 * conns connections to 127.0.0.1:port, each sending a size-byte request
 * and waiting for its echo before the next, until requests have been
 * answered.  bench_load_start returns a handle; bench_load_finish waits
 * for it and returns the requests/s it measured (after a warm-up). */
int bench_load_start(int port, int conns, long long requests, int size);
double bench_load_finish(int handle);
/* Environment integer with a default (BENCH_CONNS, BENCH_WORKERS). */
long bench_env(const char *name, long def);

#endif
