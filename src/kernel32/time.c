/* Sleep and the tick counters; system time, file times and time zones. */
#include "core.h"
#include "winobj.h"
#include "utf.h"
#include "ws2p/k32_time.h"
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

WS2P_EXPORT void Sleep(DWORD ms)
{
    if (ms == 0) {
        sched_yield();
        return;
    }
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    if (ms == (DWORD)WS_INFINITE)
        for (;;)
            ws_cancel_nanosleep(&ts, NULL);
    while (ws_cancel_nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

WS2P_EXPORT ULONGLONG GetTickCount64(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (ULONGLONG)ts.tv_sec * 1000 + (ULONGLONG)ts.tv_nsec / 1000000;
}

WS2P_EXPORT DWORD GetTickCount(void)
{
    return (DWORD)GetTickCount64();
}

/* 10 MHz, the frequency modern Windows reports: programs compute
 * count * 1000000 / frequency, which a 1 GHz counter would overflow after
 * about 2.5 hours of uptime (10 MHz: about 10 days, as on Windows). */
#define QPC_FREQUENCY 10000000LL

WS2P_EXPORT BOOL QueryPerformanceCounter(LARGE_INTEGER *count)
{
    struct timespec ts;
    if (!count) {
        ws_last_error = ERROR_NOACCESS;
        return 0;
    }
    clock_gettime(CLOCK_MONOTONIC, &ts);
    count->QuadPart = (LONGLONG)ts.tv_sec * QPC_FREQUENCY + ts.tv_nsec / (1000000000 / QPC_FREQUENCY);
    return 1;
}

WS2P_EXPORT BOOL QueryPerformanceFrequency(LARGE_INTEGER *freq)
{
    if (!freq) {
        ws_last_error = ERROR_NOACCESS;
        return 0;
    }
    freq->QuadPart = QPC_FREQUENCY;
    return 1;
}

/* ---- system time and file times ----------------------------------------- */

#define TICKS_PER_SEC 10000000LL
#define EPOCH_1601 11644473600LL /* seconds from 1601-01-01 to 1970-01-01 */
#define DAYS_1601_TO_1970 134774LL

static uint64_t ft_get(const FILETIME *ft)
{
    return (uint64_t)ft->dwHighDateTime << 32 | ft->dwLowDateTime;
}
static void ft_set(FILETIME *ft, uint64_t v)
{
    ft->dwLowDateTime = (DWORD)v;
    ft->dwHighDateTime = (DWORD)(v >> 32);
}
static uint64_t ft_from_timespec(const struct timespec *ts)
{
    return (uint64_t)(ts->tv_sec + EPOCH_1601) * TICKS_PER_SEC + (uint64_t)ts->tv_nsec / 100;
}

/* Days since 1970-01-01 <-> proleptic Gregorian dates (Howard Hinnant's
 * civil calendar algorithms). */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}
static void civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long long)yoe + era * 400 + (*m <= 2);
}
static bool leap(unsigned y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
static unsigned days_in_month(unsigned y, unsigned m)
{
    static const unsigned char dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : dim[m - 1];
}

/* FILETIME ticks -> SYSTEMTIME (1601-01-01 was a Monday). */
static void ticks_to_st(uint64_t t, SYSTEMTIME *st)
{
    uint64_t secs = t / TICKS_PER_SEC;
    long long days = (long long)(secs / 86400), y;
    unsigned sod = (unsigned)(secs % 86400), m, d;
    civil_from_days(days - DAYS_1601_TO_1970, &y, &m, &d);
    st->wYear = (WORD)y;
    st->wMonth = (WORD)m;
    st->wDay = (WORD)d;
    st->wDayOfWeek = (WORD)((days + 1) % 7);
    st->wHour = (WORD)(sod / 3600);
    st->wMinute = (WORD)(sod / 60 % 60);
    st->wSecond = (WORD)(sod % 60);
    st->wMilliseconds = (WORD)(t % TICKS_PER_SEC / 10000);
}

/* SYSTEMTIME -> ticks, or false if a field is out of range (the day of
 * the week is ignored, as on Windows). */
static bool st_to_ticks(const SYSTEMTIME *st, uint64_t *t)
{
    if (st->wYear < 1601 || st->wYear > 30827 || st->wMonth < 1 || st->wMonth > 12 || st->wDay < 1 ||
        st->wDay > days_in_month(st->wYear, st->wMonth) || st->wHour > 23 || st->wMinute > 59 || st->wSecond > 59 ||
        st->wMilliseconds > 999)
        return false;
    long long days = days_from_civil(st->wYear, st->wMonth, st->wDay) + DAYS_1601_TO_1970;
    *t = ((uint64_t)days * 86400 + st->wHour * 3600u + st->wMinute * 60u + st->wSecond) * TICKS_PER_SEC +
         st->wMilliseconds * 10000ull;
    return true;
}

/* The coarse clock is the time at the last tick, as Windows' is. */
WS2P_EXPORT void GetSystemTimeAsFileTime(FILETIME *ft)
{
    struct ws_call c = WS_CALL32("GetSystemTimeAsFileTime");
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME_COARSE, &ts);
    ft_set(ft, ft_from_timespec(&ts));
    (void)WS_EXIT32(&c, 0, "ft=%p", (void *)ft);
}

WS2P_EXPORT void GetSystemTimePreciseAsFileTime(FILETIME *ft)
{
    struct ws_call c = WS_CALL32("GetSystemTimePreciseAsFileTime");
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ft_set(ft, ft_from_timespec(&ts));
    (void)WS_EXIT32(&c, 0, "ft=%p", (void *)ft);
}

WS2P_EXPORT void GetSystemTime(SYSTEMTIME *st)
{
    struct ws_call c = WS_CALL32("GetSystemTime");
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ticks_to_st(ft_from_timespec(&ts), st);
    (void)WS_EXIT32(&c, 0, "st=%p", (void *)st);
}

/* The offset of local time from UTC at t, in seconds. */
static long utc_offset(time_t t)
{
    struct tm tm;
    return localtime_r(&t, &tm) ? tm.tm_gmtoff : 0;
}

WS2P_EXPORT void GetLocalTime(SYSTEMTIME *st)
{
    struct ws_call c = WS_CALL32("GetLocalTime");
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += utc_offset(ts.tv_sec);
    ticks_to_st(ft_from_timespec(&ts), st);
    (void)WS_EXIT32(&c, 0, "st=%p", (void *)st);
}

WS2P_EXPORT BOOL FileTimeToSystemTime(const FILETIME *ft, SYSTEMTIME *st)
{
    struct ws_call c = WS_CALL32("FileTimeToSystemTime");
    BOOL ret = 0;
    if (ws_bad_ptr(ft) || ws_bad_ptr(st))
        ws_fail(&c, ERROR_NOACCESS);
    else if (ft_get(ft) > 0x7fffffffffffffffull)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else {
        ticks_to_st(ft_get(ft), st);
        ret = 1;
    }
    return WS_EXIT32(&c, ret, "ft=%p", (const void *)ft);
}

WS2P_EXPORT BOOL SystemTimeToFileTime(const SYSTEMTIME *st, FILETIME *ft)
{
    struct ws_call c = WS_CALL32("SystemTimeToFileTime");
    BOOL ret = 0;
    uint64_t t;
    if (ws_bad_ptr(ft) || ws_bad_ptr(st))
        ws_fail(&c, ERROR_NOACCESS);
    else if (!st_to_ticks(st, &t))
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else {
        ft_set(ft, t);
        ret = 1;
    }
    return WS_EXIT32(&c, ret, "st=%p", (const void *)st);
}

/* Both directions use the offset in force now, even for a time of the
 * other season (FileTimeToLocalFileTime reference page). */
static BOOL shift_file_time(struct ws_call *c, const FILETIME *in, FILETIME *out, int sign)
{
    if (ws_bad_ptr(in) || ws_bad_ptr(out)) {
        ws_fail(c, ERROR_NOACCESS);
        return 0;
    }
    long long off = (long long)utc_offset(time(NULL)) * TICKS_PER_SEC * sign;
    ft_set(out, ft_get(in) + (uint64_t)off);
    return 1;
}

WS2P_EXPORT BOOL FileTimeToLocalFileTime(const FILETIME *utc, FILETIME *local)
{
    struct ws_call c = WS_CALL32("FileTimeToLocalFileTime");
    BOOL ret = shift_file_time(&c, utc, local, 1);
    return WS_EXIT32(&c, ret, "ft=%p", (const void *)utc);
}

WS2P_EXPORT BOOL LocalFileTimeToFileTime(const FILETIME *local, FILETIME *utc)
{
    struct ws_call c = WS_CALL32("LocalFileTimeToFileTime");
    BOOL ret = shift_file_time(&c, local, utc, -1);
    return WS_EXIT32(&c, ret, "ft=%p", (const void *)local);
}

WS2P_EXPORT LONG CompareFileTime(const FILETIME *a, const FILETIME *b)
{
    struct ws_call c = WS_CALL32("CompareFileTime");
    LONG ret = 0;
    if (!ws_bad_ptr(a) && !ws_bad_ptr(b)) {
        uint64_t x = ft_get(a), y = ft_get(b);
        ret = x < y ? -1 : x > y;
    }
    return WS_EXIT32(&c, ret, "a=%p, b=%p", (const void *)a, (const void *)b);
}

/* ---- time zones --------------------------------------------------------- */

/* A transition instant as Windows' rule for the current year: month, day
 * of the week, which one in the month (5: the last) and the wall time in
 * force just before it (offset: that wall time's offset from UTC). */
static void rule_from_instant(time_t t, long offset, SYSTEMTIME *st)
{
    struct timespec ts = {t + offset, 0};
    ticks_to_st(ft_from_timespec(&ts), st);
    unsigned nth = (st->wDay - 1u) / 7u + 1u;
    if (st->wDay + 7u > days_in_month(st->wYear, st->wMonth))
        nth = 5;
    st->wDay = (WORD)nth;
    st->wYear = 0; /* the day-in-month form */
}

/* The first second in (lo, hi] whose isdst differs from lo's. */
static time_t find_change(time_t lo, time_t hi)
{
    struct tm a, b;
    localtime_r(&lo, &a);
    while (hi - lo > 1) {
        time_t mid = lo + (hi - lo) / 2;
        localtime_r(&mid, &b);
        if ((b.tm_isdst > 0) == (a.tm_isdst > 0))
            lo = mid;
        else
            hi = mid;
    }
    return hi;
}

static void put_name(WCHAR *dst, const char *name)
{
    WCHAR *w = ws_utf8_to_wide_dup(name ? name : "");
    size_t i = 0;
    for (; w && w[i] && i < 31; i++)
        dst[i] = w[i];
    dst[i] = 0;
    free(w);
}

/* The zone for the current year: scan it a day at a time for the changes
 * of daylight saving time, then find each to the second. */
static DWORD zone_info(TIME_ZONE_INFORMATION *tz)
{
    time_t now = time(NULL);
    struct tm tm, d;
    tzset();
    localtime_r(&now, &tm);
    memset(tz, 0, sizeof *tz);
    struct tm jan = {.tm_year = tm.tm_year, .tm_mon = 0, .tm_mday = 1, .tm_isdst = -1};
    time_t start = mktime(&jan), prev = start, to_dst = 0, to_std = 0;
    long std_off = tm.tm_isdst > 0 ? 0 : tm.tm_gmtoff, dst_off = 0;
    bool have_std = tm.tm_isdst <= 0;
    localtime_r(&start, &d);
    int prev_dst = d.tm_isdst > 0;
    for (int day = 1; day <= 366; day++) {
        time_t t = start + (time_t)day * 86400;
        localtime_r(&t, &d);
        if (d.tm_isdst > 0)
            dst_off = d.tm_gmtoff;
        else if (!have_std)
            std_off = d.tm_gmtoff, have_std = true;
        if ((d.tm_isdst > 0) != prev_dst) {
            time_t when = find_change(prev, t);
            if (d.tm_isdst > 0)
                to_dst = when;
            else
                to_std = when;
            prev_dst = d.tm_isdst > 0;
        }
        prev = t;
    }
    tz->Bias = (LONG)(-std_off / 60);
    put_name(tz->StandardName, tzname[0]);
    put_name(tz->DaylightName, tzname[1] ? tzname[1] : tzname[0]);
    if (!to_dst || !to_std)
        return TIME_ZONE_ID_UNKNOWN; /* no daylight saving time */
    tz->DaylightBias = (LONG)(-(dst_off - std_off) / 60);
    rule_from_instant(to_dst, std_off, &tz->DaylightDate);
    rule_from_instant(to_std, dst_off, &tz->StandardDate);
    return tm.tm_isdst > 0 ? TIME_ZONE_ID_DAYLIGHT : TIME_ZONE_ID_STANDARD;
}

WS2P_EXPORT DWORD GetTimeZoneInformation(TIME_ZONE_INFORMATION *tz)
{
    struct ws_call c = WS_CALL32("GetTimeZoneInformation");
    DWORD ret = TIME_ZONE_ID_INVALID;
    if (ws_bad_ptr(tz))
        ws_fail(&c, ERROR_NOACCESS);
    else
        ret = zone_info(tz);
    return WS_EXIT32(&c, ret, "tz=%p", (void *)tz);
}

/* The instant (as ticks of local wall time in the rule's own offset) a
 * rule gives for a year. */
static bool rule_ticks(const SYSTEMTIME *r, unsigned year, uint64_t *t)
{
    SYSTEMTIME st = *r;
    if (r->wYear == 0) {
        /* the wDay-th wDayOfWeek of the month, 5 meaning the last */
        if (r->wMonth < 1 || r->wMonth > 12 || r->wDay < 1 || r->wDay > 5 || r->wDayOfWeek > 6)
            return false;
        long long first = days_from_civil(year, r->wMonth, 1);
        unsigned dow1 = (unsigned)((first % 7 + 11) % 7); /* 1970-01-01 was a Thursday */
        unsigned day = 1 + (r->wDayOfWeek + 7u - dow1) % 7 + (r->wDay - 1u) * 7;
        while (day > days_in_month(year, r->wMonth))
            day -= 7;
        st.wYear = (WORD)year;
        st.wDay = (WORD)day;
    } else if (r->wYear != year)
        return false;
    return st_to_ticks(&st, t);
}

/* Is t (ticks; UTC, or local wall time if local) in daylight time? */
static bool in_daylight(const TIME_ZONE_INFORMATION *tz, uint64_t t, unsigned year, bool local)
{
    uint64_t on, off;
    if (!tz->DaylightDate.wMonth || !tz->StandardDate.wMonth || !rule_ticks(&tz->DaylightDate, year, &on) ||
        !rule_ticks(&tz->StandardDate, year, &off))
        return false;
    if (!local) {
        /* rule times are local: standard time before the change to
         * daylight time, daylight time before the change back */
        on += (uint64_t)((long long)(tz->Bias + tz->StandardBias) * 60 * TICKS_PER_SEC);
        off += (uint64_t)((long long)(tz->Bias + tz->DaylightBias) * 60 * TICKS_PER_SEC);
    }
    return on < off ? t >= on && t < off : t >= on || t < off; /* southern zones wrap */
}

static BOOL tz_convert(struct ws_call *c, const TIME_ZONE_INFORMATION *tz, const SYSTEMTIME *in, SYSTEMTIME *out,
                       bool to_local)
{
    TIME_ZONE_INFORMATION cur;
    uint64_t t;
    if (ws_bad_ptr(in) || ws_bad_ptr(out)) {
        ws_fail(c, ERROR_NOACCESS);
        return 0;
    }
    if (!tz) {
        zone_info(&cur);
        tz = &cur;
    }
    if (!st_to_ticks(in, &t)) {
        ws_fail(c, ERROR_INVALID_PARAMETER);
        return 0;
    }
    bool dst = in_daylight(tz, t, in->wYear, !to_local);
    long long bias = (long long)tz->Bias + (dst ? tz->DaylightBias : tz->StandardBias);
    long long shift = bias * 60 * TICKS_PER_SEC * (to_local ? -1 : 1);
    ticks_to_st(t + (uint64_t)shift, out);
    return 1;
}

WS2P_EXPORT BOOL SystemTimeToTzSpecificLocalTime(const TIME_ZONE_INFORMATION *tz, const SYSTEMTIME *utc,
                                                 SYSTEMTIME *local)
{
    struct ws_call c = WS_CALL32("SystemTimeToTzSpecificLocalTime");
    BOOL ret = tz_convert(&c, tz, utc, local, true);
    return WS_EXIT32(&c, ret, "tz=%p", (const void *)tz);
}

WS2P_EXPORT BOOL TzSpecificLocalTimeToSystemTime(const TIME_ZONE_INFORMATION *tz, const SYSTEMTIME *local,
                                                 SYSTEMTIME *utc)
{
    struct ws_call c = WS_CALL32("TzSpecificLocalTimeToSystemTime");
    BOOL ret = tz_convert(&c, tz, local, utc, false);
    return WS_EXIT32(&c, ret, "tz=%p", (const void *)tz);
}
