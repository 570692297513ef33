/* A program ported to Windows often defines functions that carry POSIX
 * names, written over the Windows calls: poll() over WSAPoll, close() over
 * closesocket, sched_yield() over SwitchToThread, getpid() over _getpid,
 * clock_gettime() over QueryPerformanceCounter.  On Windows they are the
 * program's own: the DLLs never call them.  Each copy here counts its calls
 * and then does what such a port would; the Windows calls below must give
 * their usual results without ever reaching them (on Linux the library's
 * own libc calls used to bind to these, and poll -> WSAPoll -> poll
 * recursed until the stack ran out).  test/own_inet.c does the same for
 * inet_ntop/inet_pton. */
#include "wstest.h"
#include <process.h>

static volatile LONG own_calls;

typedef struct {
    LONG tv_sec_lo, tv_sec_hi;
    long tv_nsec;
} own_timespec;

int poll(WSAPOLLFD *fds, ULONG n, INT timeout);
int poll(WSAPOLLFD *fds, ULONG n, INT timeout)
{
    InterlockedIncrement(&own_calls);
    return WSAPoll(fds, n, timeout);
}

int close(int fd);
int close(int fd)
{
    InterlockedIncrement(&own_calls);
    return closesocket((SOCKET)fd);
}

int sched_yield(void);
int sched_yield(void)
{
    InterlockedIncrement(&own_calls);
    return SwitchToThread() ? 0 : 0;
}

int getpid(void);
int getpid(void)
{
    InterlockedIncrement(&own_calls);
    return _getpid();
}

int clock_gettime(int clock, own_timespec *ts);
int clock_gettime(int clock, own_timespec *ts)
{
    LARGE_INTEGER c;
    (void)clock;
    InterlockedIncrement(&own_calls);
    QueryPerformanceCounter(&c);
    memset(ts, 0, sizeof *ts);
    ts->tv_sec_lo = (LONG)(c.QuadPart / 10000000);
    return 0;
}

static LONG calls(void)
{
    return InterlockedCompareExchange(&own_calls, 0, 0);
}

/* select, WSAPoll, closesocket and the clocks, over a loopback pair. */
WT_CASE(test_sockets_and_waits)
{
    SOCKET c, s;
    char buf[8];
    LARGE_INTEGER q;
    WSAPOLLFD p;
    fd_set rd;
    struct timeval tv = {0, 100000};
    InterlockedExchange(&own_calls, 0);
    wt_tcp_pair(&c, &s);
    ok(send(c, "ping", 4, 0) == 4, "sent\n");
    p.fd = s;
    p.events = POLLRDNORM;
    p.revents = 0;
    ok(WSAPoll(&p, 1, 1000) == 1 && (p.revents & POLLRDNORM), "WSAPoll: readable (revents %#x)\n", p.revents);
    FD_ZERO(&rd);
    FD_SET(s, &rd);
    ok(select(0, &rd, NULL, NULL, &tv) == 1, "select: readable\n");
    ok(recv(s, buf, sizeof buf, 0) == 4, "received\n");
    p.revents = 0;
    ok(WSAPoll(&p, 1, 20) == 0, "WSAPoll: nothing more, after its time-out\n");
    ok(QueryPerformanceCounter(&q) && q.QuadPart > 0, "QueryPerformanceCounter\n");
    ok(GetTickCount64() > 0, "GetTickCount64\n");
    ok(closesocket(c) == 0 && closesocket(s) == 0, "closed\n");
    ok(calls() == 0, "the program's own poll/close/clock_gettime ran %ld times\n", (long)calls());
}

/* Sleep, SwitchToThread, _getpid and a wait with a time-out. */
WT_CASE(test_threads_and_time)
{
    HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);
    DWORD t0;
    InterlockedExchange(&own_calls, 0);
    t0 = GetTickCount();
    Sleep(0);
    Sleep(5);
    SwitchToThread();
    ok(_getpid() > 0, "_getpid\n");
    ok(GetCurrentProcessId() == (DWORD)_getpid(), "GetCurrentProcessId is _getpid\n");
    ok(WaitForSingleObject(e, 20) == WAIT_TIMEOUT, "the wait timed out\n");
    ok(GetTickCount() - t0 >= 20, "the time passed\n");
    CloseHandle(e);
    ok(calls() == 0, "the program's own sched_yield/getpid/clock_gettime ran %ld times\n", (long)calls());
}

WT_MAIN(test_sockets_and_waits, test_threads_and_time)
