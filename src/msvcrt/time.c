/* time.h: _mkgmtime (_mkgmtime64), _time64, _gmtime64_s, _localtime64_s.
 * time_t is 64 bits on both systems; the 64-bit MSVC forms cover
 * 1970-01-01 to 3000-12-31 23:59:59 UTC. */
#include "msvcrt.h"
#include <time.h>

#define MAX_TIME64 32535215999LL /* 3000-12-31 23:59:59 UTC */

/* UTC broken-down time -> seconds, normalising tm and setting tm_wday and
 * tm_yday as mktime does; -1 outside the range. */
WS2P_EXPORT time_t _mkgmtime64(struct tm *tm)
{
    struct ws_call c = WS_CRT_CALL("_mkgmtime64");
    time_t ret = -1;
    if (!tm)
        ws_crt_invalid(&c, EINVAL);
    else {
        time_t t = timegm(tm);
        ret = t < 0 || t > MAX_TIME64 ? -1 : t;
    }
    return CRT_EXIT(&c, ret, "tm=%p", (void *)tm);
}
WS2P_EXPORT time_t _mkgmtime(struct tm *tm) __attribute__((alias("_mkgmtime64")));

WS2P_EXPORT time_t _time64(time_t *t)
{
    struct ws_call c = WS_CRT_CALL("_time64");
    time_t ret = time(t);
    return CRT_EXIT(&c, ret, "t=%p", (void *)t);
}

/* The "_gmtime_s" error table: a NULL tm is EINVAL with nothing written; a
 * NULL time (invalid parameter too) or one out of range sets every field
 * to -1 and returns EINVAL. */
static int broken_down(struct ws_call *c, struct tm *tm, const time_t *t, bool local)
{
    if (!tm) {
        ws_crt_invalid(c, EINVAL);
        return EINVAL;
    }
    if (!t || *t < 0 || *t > MAX_TIME64) {
        tm->tm_sec = tm->tm_min = tm->tm_hour = tm->tm_mday = tm->tm_mon = tm->tm_year = -1;
        tm->tm_wday = tm->tm_yday = tm->tm_isdst = -1;
        if (!t)
            ws_crt_invalid(c, EINVAL);
        else
            ws_crt_fail(c, "time out of range", EINVAL);
        return EINVAL;
    }
    if (!(local ? localtime_r(t, tm) : gmtime_r(t, tm))) {
        ws_crt_fail(c, local ? "localtime_r" : "gmtime_r", EINVAL);
        return EINVAL;
    }
    return 0;
}

WS2P_EXPORT int _gmtime64_s(struct tm *tm, const time_t *t)
{
    struct ws_call c = WS_CRT_CALL("_gmtime64_s");
    int ret = broken_down(&c, tm, t, false);
    return CRT_EXIT(&c, ret, "tm=%p, time=%lld", (void *)tm, t ? (long long)*t : -1LL);
}

WS2P_EXPORT int _localtime64_s(struct tm *tm, const time_t *t)
{
    struct ws_call c = WS_CRT_CALL("_localtime64_s");
    int ret = broken_down(&c, tm, t, true);
    return CRT_EXIT(&c, ret, "tm=%p, time=%lld", (void *)tm, t ? (long long)*t : -1LL);
}
