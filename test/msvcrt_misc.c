/* process.h, time.h and conio.h names: _getpid, _beginthread, _endthread,
 * _mkgmtime, _gmtime64_s, _localtime64_s (and MSVC's gmtime_s and
 * localtime_s), _time64, _tzset and its globals, _kbhit. */
#include "crtest.h"

static HANDLE started, finished;
static volatile LONG after_endthread;

static void __cdecl worker(void *arg)
{
    *(int *)arg += 1;
    SetEvent(started);
}

static void __cdecl ends_early(void *arg)
{
    (void)arg;
    SetEvent(finished);
    _endthread();
    InterlockedIncrement(&after_endthread); /* never reached */
}

WT_CASE(getpid_and_beginthread)
{
    int counter = 41;
    ok(_getpid() == (int)GetCurrentProcessId(), "_getpid");
    started = CreateEventA(NULL, FALSE, FALSE, NULL);
    finished = CreateEventA(NULL, FALSE, FALSE, NULL);
    uintptr_t h = _beginthread(worker, 0, &counter);
    ok(h != (uintptr_t)-1 && h != 0, "_beginthread");
    ok(WaitForSingleObject(started, 5000) == WAIT_OBJECT_0 && counter == 42, "the thread ran with its argument");
    h = _beginthread(ends_early, 64 * 1024, NULL);
    ok(h != (uintptr_t)-1, "_beginthread with a stack size");
    ok(WaitForSingleObject(finished, 5000) == WAIT_OBJECT_0, "second thread ran");
    Sleep(100);
    ok(after_endthread == 0, "_endthread ends the thread");
    expect_crt(_beginthread(NULL, 0, NULL), (uintptr_t)-1, EINVAL, 1);
    CloseHandle(started);
    CloseHandle(finished);
}

WT_CASE(mkgmtime)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = 100; /* 2000-01-01 00:00:00 UTC, a Saturday */
    tm.tm_mday = 1;
    tm.tm_isdst = 1; /* ignored: the time is UTC */
    expect_crt_ok(_mkgmtime(&tm), 946684800);
    ok(tm.tm_wday == 6 && tm.tm_yday == 0, "wday %d yday %d", tm.tm_wday, tm.tm_yday);
    tm.tm_mday = 32; /* normalised like mktime: February 1st */
    expect_crt_ok(_mkgmtime(&tm), 946684800 + 31 * 86400);
    ok(tm.tm_mon == 1 && tm.tm_mday == 1 && tm.tm_yday == 31, "normalised to %d-%d", tm.tm_mon + 1, tm.tm_mday);
    memset(&tm, 0, sizeof tm);
    tm.tm_year = 69;
    tm.tm_mday = 1;
    expect_crt_ok(_mkgmtime64(&tm), -1); /* before 1970 */
    tm.tm_year = 1101; /* 3001 */
    expect_crt_ok(_mkgmtime64(&tm), -1);
    expect_crt(_mkgmtime(NULL), -1, EINVAL, 1);
}

/* The "_gmtime_s" error table. */
WT_CASE(gmtime64_s_rules)
{
    struct tm tm;
    __time64_t t = 946684800 + 3661, neg = -1, late = 32535216000LL;
    time_t now = time(NULL);
    expect_crt_ok(_gmtime64_s(&tm, &t), 0);
    ok(tm.tm_year == 100 && tm.tm_mon == 0 && tm.tm_mday == 1 && tm.tm_hour == 1 && tm.tm_min == 1 &&
           tm.tm_sec == 1 && tm.tm_wday == 6 && tm.tm_isdst == 0,
       "2000-01-01 01:01:01: %d-%d-%d %d:%d:%d", tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    expect_crt(_gmtime64_s(NULL, &t), EINVAL, EINVAL, 1);
    memset(&tm, 0, sizeof tm);
    expect_crt(_gmtime64_s(&tm, NULL), EINVAL, EINVAL, 1);
    ok(tm.tm_year == -1 && tm.tm_mday == -1 && tm.tm_isdst == -1, "NULL time: every field -1");
    memset(&tm, 0, sizeof tm);
    expect_crt(_gmtime64_s(&tm, &neg), EINVAL, EINVAL, 0);
    ok(tm.tm_sec == -1 && tm.tm_wday == -1, "negative time: every field -1");
    expect_crt(_gmtime64_s(&tm, &late), EINVAL, EINVAL, 0); /* after 3000 */
    t = 32535215999LL;
    expect_crt_ok(_gmtime64_s(&tm, &t), 0);
    ok(tm.tm_year == 1100 && tm.tm_mon == 11 && tm.tm_mday == 31 && tm.tm_hour == 23, "the last second of 3000");
    expect_crt_ok(gmtime_s(&tm, &now), 0);
    expect_crt_ok(localtime_s(&tm, &now), 0);
    ok(tm.tm_isdst == 0 || tm.tm_isdst == 1, "local time");
    expect_crt(_localtime64_s(&tm, &neg), EINVAL, EINVAL, 0);
    __time64_t t64 = 0;
    ok(_time64(&t64) == t64 && t64 >= now && t64 <= now + 5, "_time64");
}

WT_CASE(time_zone_globals)
{
    _tzset();
    ok(_timezone >= -14 * 3600 && _timezone <= 12 * 3600, "_timezone %ld", (long)_timezone);
    ok(_daylight == 0 || _daylight == 1, "_daylight %d", _daylight);
    ok(_tzname[0] != NULL && _tzname[1] != NULL, "_tzname");
}

/* Nothing was typed on the console (a redirected stdin is not looked at). */
WT_CASE(kbhit_without_keys)
{
    expect_crt_ok(_kbhit(), 0);
    expect_crt_ok(kbhit(), 0);
}

WT_MAIN(getpid_and_beginthread, mkgmtime, gmtime64_s_rules, time_zone_globals, kbhit_without_keys)
