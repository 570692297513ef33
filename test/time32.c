/* System time, file times and time zones: GetSystemTime(AsFileTime/Precise),
 * GetLocalTime, FileTimeToSystemTime / SystemTimeToFileTime (range and
 * field checks), FileTimeToLocalFileTime and back, CompareFileTime,
 * GetTimeZoneInformation (its return value and Bias agree with the local
 * time), SystemTimeToTzSpecificLocalTime / TzSpecificLocalTimeToSystemTime
 * with given rules (northern and southern zones).  ctest also runs it as
 * time32_dst under TZ=CET-1CEST,M3.5.0,M10.5.0/3 to check the rules read
 * from the system's zone. */
#define WT_NO_STARTUP
#include "wstest.h"

static ULONGLONG ft64(const FILETIME *ft)
{
    return (ULONGLONG)ft->dwHighDateTime << 32 | ft->dwLowDateTime;
}
static FILETIME ft_of(ULONGLONG v)
{
    FILETIME ft;
    ft.dwLowDateTime = (DWORD)v;
    ft.dwHighDateTime = (DWORD)(v >> 32);
    return ft;
}
static SYSTEMTIME st_of(WORD y, WORD mo, WORD d, WORD h, WORD mi, WORD s, WORD ms)
{
    SYSTEMTIME st;
    memset(&st, 0, sizeof st);
    st.wYear = y, st.wMonth = mo, st.wDay = d, st.wHour = h, st.wMinute = mi, st.wSecond = s, st.wMilliseconds = ms;
    return st;
}
#define MINUTE 600000000ULL

WT_CASE(clocks)
{
    FILETIME a, b, c;
    SYSTEMTIME st;
    GetSystemTimeAsFileTime(&a);
    GetSystemTimePreciseAsFileTime(&b);
    GetSystemTime(&st);
    expect_w32(SystemTimeToFileTime(&st, &c), TRUE, W32_SENTINEL);
    /* the coarse clock is the time at the last tick: never ahead */
    ok(ft64(&a) <= ft64(&b) + 10000, "coarse %llu <= precise %llu", ft64(&a), ft64(&b));
    ok(ft64(&b) - ft64(&a) < 10000000ULL, "the clocks agree to a second");
    long long d = (long long)(ft64(&c) - ft64(&b)); /* GetSystemTime has milliseconds only */
    ok(d > -10000 && d < 10000000, "GetSystemTime agrees (%lld)", d);
    /* after 2020 and before 2100 */
    ok(st.wYear >= 2020 && st.wYear < 2100 && st.wMonth >= 1 && st.wMonth <= 12, "a plausible date");
}

WT_CASE(file_time_conversions)
{
    SYSTEMTIME st;
    FILETIME ft = ft_of(0), out;
    expect_w32(FileTimeToSystemTime(&ft, &st), TRUE, W32_SENTINEL);
    ok(st.wYear == 1601 && st.wMonth == 1 && st.wDay == 1 && st.wDayOfWeek == 1 && st.wHour == 0, "the epoch");
    ft = ft_of(116444736000000000ULL + 12345678); /* 1970-01-01 00:00:01.234 */
    expect_w32(FileTimeToSystemTime(&ft, &st), TRUE, W32_SENTINEL);
    ok(st.wYear == 1970 && st.wMonth == 1 && st.wDay == 1 && st.wDayOfWeek == 4 && st.wSecond == 1 &&
           st.wMilliseconds == 234,
       "the Unix epoch, a Thursday: %u-%u-%u %u.%03u", st.wYear, st.wMonth, st.wDay, st.wSecond, st.wMilliseconds);
    ft = ft_of(0x8000000000000000ULL);
    expect_w32(FileTimeToSystemTime(&ft, &st), FALSE, ERROR_INVALID_PARAMETER);
    ft = ft_of(0x7fffffffffffffffULL);
    expect_w32(FileTimeToSystemTime(&ft, &st), TRUE, W32_SENTINEL);
    ok(st.wYear == 30828 && st.wMonth == 9 && st.wDay == 14, "the largest time: %u-%u-%u", st.wYear, st.wMonth,
       st.wDay);

    st = st_of(2000, 2, 29, 23, 59, 59, 999);
    expect_w32(SystemTimeToFileTime(&st, &ft), TRUE, W32_SENTINEL);
    SYSTEMTIME back;
    expect_w32(FileTimeToSystemTime(&ft, &back), TRUE, W32_SENTINEL);
    ok(back.wYear == 2000 && back.wMonth == 2 && back.wDay == 29 && back.wDayOfWeek == 2 && back.wHour == 23 &&
           back.wMilliseconds == 999,
       "round trip (a Tuesday)");
    static const WORD bad[][7] = {
        {1900, 2, 29, 0, 0, 0, 0}, {2001, 2, 29, 0, 0, 0, 0}, {2000, 13, 1, 0, 0, 0, 0}, {2000, 0, 1, 0, 0, 0, 0},
        {2000, 4, 31, 0, 0, 0, 0}, {2000, 1, 0, 0, 0, 0, 0},  {2000, 1, 1, 24, 0, 0, 0}, {2000, 1, 1, 0, 60, 0, 0},
        {2000, 1, 1, 0, 0, 60, 0}, {2000, 1, 1, 0, 0, 0, 1000}, {1600, 12, 31, 0, 0, 0, 0},
    };
    for (size_t i = 0; i < ARRAYSIZE(bad); i++) {
        st = st_of(bad[i][0], bad[i][1], bad[i][2], bad[i][3], bad[i][4], bad[i][5], bad[i][6]);
        expect_w32(SystemTimeToFileTime(&st, &ft), FALSE, ERROR_INVALID_PARAMETER);
    }
    /* the day of the week is not checked */
    st = st_of(2024, 5, 17, 12, 0, 0, 0);
    st.wDayOfWeek = 6;
    expect_w32(SystemTimeToFileTime(&st, &out), TRUE, W32_SENTINEL);
}

WT_CASE(compare_file_time)
{
    FILETIME a = ft_of(100), b = ft_of(0x100000000ULL), c = ft_of(100);
    expect_w32(CompareFileTime(&a, &b), -1, W32_SENTINEL);
    expect_w32(CompareFileTime(&b, &a), 1, W32_SENTINEL);
    expect_w32(CompareFileTime(&a, &c), 0, W32_SENTINEL);
}

WT_CASE(local_time_and_zone)
{
    TIME_ZONE_INFORMATION tz;
    SYSTEMTIME utc, local;
    FILETIME fu, fl, back;
    memset(&tz, 0xcc, sizeof tz);
    SetLastError(W32_SENTINEL);
    DWORD id = GetTimeZoneInformation(&tz);
    ok(id == TIME_ZONE_ID_UNKNOWN || id == TIME_ZONE_ID_STANDARD || id == TIME_ZONE_ID_DAYLIGHT, "zone id %lu",
       (unsigned long)id);
    ok(GetLastError() == W32_SENTINEL, "last error left alone");
    if (id == TIME_ZONE_ID_UNKNOWN)
        ok(tz.DaylightDate.wMonth == 0 && tz.StandardDate.wMonth == 0, "no rules without daylight time");
    else
        ok(tz.DaylightDate.wMonth >= 1 && tz.DaylightDate.wMonth <= 12 && tz.StandardDate.wMonth >= 1 &&
               tz.StandardDate.wMonth <= 12,
           "rules for a zone with daylight time");
    LONG bias = tz.Bias + (id == TIME_ZONE_ID_DAYLIGHT ? tz.DaylightBias : tz.StandardBias);

    /* the local time is UTC minus the bias in force */
    GetSystemTime(&utc);
    GetLocalTime(&local);
    expect_w32(SystemTimeToFileTime(&utc, &fu), TRUE, W32_SENTINEL);
    expect_w32(SystemTimeToFileTime(&local, &fl), TRUE, W32_SENTINEL);
    long long diff = (long long)(ft64(&fl) - ft64(&fu)) + (long long)bias * (long long)MINUTE;
    ok(diff > -(long long)MINUTE && diff < (long long)MINUTE, "local = UTC - bias (off by %lld ticks)", diff);

    expect_w32(FileTimeToLocalFileTime(&fu, &fl), TRUE, W32_SENTINEL);
    ok(ft64(&fl) == ft64(&fu) - (ULONGLONG)((long long)bias * (long long)MINUTE), "FileTimeToLocalFileTime");
    expect_w32(LocalFileTimeToFileTime(&fl, &back), TRUE, W32_SENTINEL);
    ok(ft64(&back) == ft64(&fu), "and back");

    /* the current zone's own conversion agrees */
    SYSTEMTIME conv;
    expect_w32(SystemTimeToTzSpecificLocalTime(NULL, &utc, &conv), TRUE, W32_SENTINEL);
    ok(conv.wHour == local.wHour || conv.wMinute != local.wMinute, "SystemTimeToTzSpecificLocalTime(NULL)");
}

/* Western Europe's rules, written out: the last Sunday of March at 2:00
 * standard time to daylight time, the last Sunday of October at 3:00
 * daylight time back. */
static TIME_ZONE_INFORMATION europe(void)
{
    TIME_ZONE_INFORMATION tz;
    memset(&tz, 0, sizeof tz);
    tz.Bias = -60;
    tz.DaylightBias = -60;
    tz.DaylightDate.wMonth = 3, tz.DaylightDate.wDayOfWeek = 0, tz.DaylightDate.wDay = 5, tz.DaylightDate.wHour = 2;
    tz.StandardDate.wMonth = 10, tz.StandardDate.wDayOfWeek = 0, tz.StandardDate.wDay = 5, tz.StandardDate.wHour = 3;
    return tz;
}

WT_CASE(tz_specific)
{
    TIME_ZONE_INFORMATION tz = europe();
    SYSTEMTIME utc = st_of(2023, 7, 1, 12, 0, 0, 0), local, back;
    expect_w32(SystemTimeToTzSpecificLocalTime(&tz, &utc, &local), TRUE, W32_SENTINEL);
    ok(local.wHour == 14 && local.wDay == 1, "summer: UTC+2 (%u:%02u)", local.wHour, local.wMinute);
    expect_w32(TzSpecificLocalTimeToSystemTime(&tz, &local, &back), TRUE, W32_SENTINEL);
    ok(back.wHour == 12 && back.wDay == 1, "and back");
    utc = st_of(2023, 1, 15, 23, 30, 0, 0);
    expect_w32(SystemTimeToTzSpecificLocalTime(&tz, &utc, &local), TRUE, W32_SENTINEL);
    ok(local.wDay == 16 && local.wHour == 0 && local.wMinute == 30, "winter: UTC+1, into the next day");
    /* 2023-03-26 is the last Sunday of March: the change is at 01:00 UTC */
    utc = st_of(2023, 3, 26, 0, 59, 0, 0);
    expect_w32(SystemTimeToTzSpecificLocalTime(&tz, &utc, &local), TRUE, W32_SENTINEL);
    ok(local.wHour == 1 && local.wMinute == 59, "just before the change");
    utc.wHour = 1, utc.wMinute = 0;
    expect_w32(SystemTimeToTzSpecificLocalTime(&tz, &utc, &local), TRUE, W32_SENTINEL);
    ok(local.wHour == 3 && local.wMinute == 0, "just after it");
    /* a southern zone (daylight time across the new year): -03:00, +1 h
     * from the first Sunday of October to the first Sunday of April */
    memset(&tz, 0, sizeof tz);
    tz.Bias = 180, tz.DaylightBias = -60;
    tz.DaylightDate.wMonth = 10, tz.DaylightDate.wDay = 1, tz.DaylightDate.wHour = 0;
    tz.StandardDate.wMonth = 4, tz.StandardDate.wDay = 1, tz.StandardDate.wHour = 0;
    utc = st_of(2023, 1, 10, 12, 0, 0, 0);
    expect_w32(SystemTimeToTzSpecificLocalTime(&tz, &utc, &local), TRUE, W32_SENTINEL);
    ok(local.wHour == 10, "southern summer: UTC-2 (%u)", local.wHour);
    utc.wMonth = 7;
    expect_w32(SystemTimeToTzSpecificLocalTime(&tz, &utc, &local), TRUE, W32_SENTINEL);
    ok(local.wHour == 9, "southern winter: UTC-3 (%u)", local.wHour);
    /* no daylight rules: the bias only */
    memset(&tz, 0, sizeof tz);
    tz.Bias = -330;
    expect_w32(SystemTimeToTzSpecificLocalTime(&tz, &utc, &local), TRUE, W32_SENTINEL);
    ok(local.wHour == 17 && local.wMinute == 30, "UTC+5:30");
    utc.wMonth = 13;
    expect_w32(SystemTimeToTzSpecificLocalTime(&tz, &utc, &local), FALSE, ERROR_INVALID_PARAMETER);
}

/* Under time32_dst (TZ=CET-1CEST,M3.5.0,M10.5.0/3) the system zone is
 * Western Europe's, and its rules come out in Windows' form. */
WT_CASE(system_zone_rules)
{
    TIME_ZONE_INFORMATION tz;
    DWORD id = GetTimeZoneInformation(&tz);
    if (lstrcmpW(tz.StandardName, L"CET"))
        return; /* another zone */
    ok(id == TIME_ZONE_ID_STANDARD || id == TIME_ZONE_ID_DAYLIGHT, "a zone with daylight time");
    ok(tz.Bias == -60 && tz.StandardBias == 0 && tz.DaylightBias == -60, "biases %ld %ld %ld", (long)tz.Bias,
       (long)tz.StandardBias, (long)tz.DaylightBias);
    ok(tz.DaylightDate.wMonth == 3 && tz.DaylightDate.wDayOfWeek == 0 && tz.DaylightDate.wDay == 5 &&
           tz.DaylightDate.wHour == 2 && tz.DaylightDate.wYear == 0,
       "to daylight: %u/%u/%u %u:00", tz.DaylightDate.wMonth, tz.DaylightDate.wDay, tz.DaylightDate.wDayOfWeek,
       tz.DaylightDate.wHour);
    ok(tz.StandardDate.wMonth == 10 && tz.StandardDate.wDayOfWeek == 0 && tz.StandardDate.wDay == 5 &&
           tz.StandardDate.wHour == 3,
       "to standard: %u/%u/%u %u:00", tz.StandardDate.wMonth, tz.StandardDate.wDay, tz.StandardDate.wDayOfWeek,
       tz.StandardDate.wHour);
    ok(!lstrcmpW(tz.DaylightName, L"CEST"), "daylight name");
    SYSTEMTIME utc = st_of(2023, 7, 1, 12, 0, 0, 0), local;
    expect_w32(SystemTimeToTzSpecificLocalTime(NULL, &utc, &local), TRUE, W32_SENTINEL);
    ok(local.wHour == 14, "the system zone in summer");
}

WT_MAIN(clocks, file_time_conversions, compare_file_time, local_time_and_zone, tz_specific, system_zone_rules)
