/* GetUserNameA/W: the name of the user the process runs as (its effective
 * user id), as the password database has it. */
#include "fileobj.h"
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool user_name(char *out, size_t size)
{
    struct passwd pw, *res = NULL;
    char buf[1024];
    if (getpwuid_r(geteuid(), &pw, buf, sizeof buf, &res) == 0 && res && res->pw_name[0]) {
        snprintf(out, size, "%s", res->pw_name);
        return true;
    }
    const char *e = getenv("USER");
    if (!e || !*e)
        e = getenv("LOGNAME");
    if (e && *e) {
        snprintf(out, size, "%s", e);
        return true;
    }
    return false;
}

/* *size counts characters with the terminator: too small is
 * ERROR_INSUFFICIENT_BUFFER with the size needed; success leaves the
 * count copied, terminator included (GetUserName docs). */
static BOOL get_user_name(struct ws_call *c, void *buf, DWORD *size, bool wide)
{
    char name[256];
    if (ws_bad_ptr(size)) {
        ws_fail(c, ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!user_name(name, sizeof name)) {
        ws_fail(c, ERROR_NOT_FOUND);
        return 0;
    }
    DWORD need = (DWORD)(wide ? ws_name_to_wide(name, NULL, 0) : strlen(name)) + 1;
    if (*size < need || ws_bad_ptr(buf)) {
        *size = need;
        ws_fail(c, ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    if (wide)
        ws_name_to_wide(name, buf, need);
    else
        memcpy(buf, name, need);
    *size = need;
    return 1;
}

WS2P_EXPORT BOOL GetUserNameA(char *buf, DWORD *size)
{
    struct ws_call c = WS_CALL32("GetUserNameA");
    BOOL ret = get_user_name(&c, buf, size, false);
    return WS_EXIT32(&c, ret, "name=%s", ret ? buf : "-");
}

WS2P_EXPORT BOOL GetUserNameW(WCHAR *buf, DWORD *size)
{
    struct ws_call c = WS_CALL32("GetUserNameW");
    BOOL ret = get_user_name(&c, buf, size, true);
    return WS_EXIT32(&c, ret, "name=%ls", ret ? buf : L"-");
}
