/* The environment: GetEnvironmentVariableA/W, SetEnvironmentVariableA/W,
 * ExpandEnvironmentStringsA/W.
 *
 * It is the process's POSIX environment (what getenv and child processes
 * see), with Windows' rules on top: names are case-insensitive (an exact
 * match wins when Linux holds several spellings), an empty value is a value,
 * and the size protocol counts the terminating zero when the buffer is too
 * small.  The library's own accesses are serialised; libc's getenv from
 * other code is not (as for any setenv). */
#include "kernel32.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

extern char **environ;
static pthread_rwlock_t env_lock = PTHREAD_RWLOCK_INITIALIZER;

/* The environ entry ("NAME=value") for name, or NULL (lock held). */
static char *find(const char *name)
{
    size_t n = strlen(name);
    char *fold = NULL;
    if (!n || strchr(name, '='))
        return NULL;
    for (char **e = environ; e && *e; e++)
        if ((*e)[n] == '=') {
            if (strncmp(*e, name, n) == 0)
                return *e;
            if (!fold && strncasecmp(*e, name, n) == 0)
                fold = *e;
        }
    return fold;
}

/* A copy of the value, or NULL if unset (or out of memory: *oom). */
static char *get(const char *name, bool *oom)
{
    *oom = false;
    if (!name)
        return NULL;
    pthread_rwlock_rdlock(&env_lock);
    char *e = find(name), *v = e ? strdup(strchr(e, '=') + 1) : NULL;
    pthread_rwlock_unlock(&env_lock);
    *oom = e && !v;
    return v;
}

/* Set, or (value NULL) remove every spelling of the name; a variable that
 * exists under another case keeps its spelling.  0 or a Win32 error. */
static int set(const char *name, const char *value)
{
    if (!name || !*name || strchr(name, '='))
        return ERROR_INVALID_PARAMETER;
    int err = 0;
    pthread_rwlock_wrlock(&env_lock);
    char *e;
    if (!value)
        while ((e = find(name)) != NULL) {
            char *n = strndup(e, (size_t)(strchr(e, '=') - e));
            if (!n || unsetenv(n) != 0) {
                err = ERROR_NOT_ENOUGH_MEMORY;
                free(n);
                break;
            }
            free(n);
        }
    else {
        e = find(name);
        char *n = e ? strndup(e, (size_t)(strchr(e, '=') - e)) : NULL;
        if ((e && !n) || setenv(n ? n : name, value, 1) != 0)
            err = ERROR_NOT_ENOUGH_MEMORY;
        free(n);
    }
    pthread_rwlock_unlock(&env_lock);
    return err;
}

/* Copy a value of len units if it fits with its zero: returns len; else the
 * units needed with the zero, buffer untouched. */
static DWORD put_a(const char *v, char *buf, DWORD size)
{
    DWORD len = (DWORD)strlen(v);
    if (!buf || ws_bad_ptr(buf) || size <= len)
        return len + 1;
    memcpy(buf, v, len + 1);
    return len;
}

static DWORD put_w(const char *v, WCHAR *buf, DWORD size)
{
    DWORD len = (DWORD)ws_name_to_wide(v, NULL, 0);
    if (!buf || ws_bad_ptr(buf) || size <= len)
        return len + 1;
    ws_name_to_wide(v, buf, size);
    return len;
}

/* 0 with ERROR_ENVVAR_NOT_FOUND for an unset name; an empty value returns 0
 * too, with the last error untouched and "" in the buffer. */
WS2P_EXPORT DWORD GetEnvironmentVariableA(const char *name, char *buf, DWORD size)
{
    struct ws_call c = WS_CALL32("GetEnvironmentVariableA");
    bool oom;
    char *v = get(name, &oom);
    DWORD ret = 0;
    if (!v)
        ws_fail(&c, oom ? ERROR_NOT_ENOUGH_MEMORY : ERROR_ENVVAR_NOT_FOUND);
    else
        ret = put_a(v, buf, size);
    free(v);
    return WS_EXIT32(&c, ret, "name=%s, size=%u", name ? name : "NULL", (unsigned)size);
}

WS2P_EXPORT DWORD GetEnvironmentVariableW(const WCHAR *name, WCHAR *buf, DWORD size)
{
    struct ws_call c = WS_CALL32("GetEnvironmentVariableW");
    char *n = ws_name_from_wide(name);
    bool oom;
    char *v = get(n, &oom);
    DWORD ret = 0;
    if (!v)
        ws_fail(&c, oom || (name && !n) ? ERROR_NOT_ENOUGH_MEMORY : ERROR_ENVVAR_NOT_FOUND);
    else
        ret = put_w(v, buf, size);
    (void)WS_EXIT32(&c, ret, "name=%s, size=%u", n ? n : "NULL", (unsigned)size);
    free(v);
    free(n);
    return ret;
}

/* value NULL removes the variable. */
WS2P_EXPORT BOOL SetEnvironmentVariableA(const char *name, const char *value)
{
    struct ws_call c = WS_CALL32("SetEnvironmentVariableA");
    int err = set(name, value);
    if (err)
        ws_fail(&c, err);
    return WS_EXIT32(&c, !err, "name=%s, value=%s", name ? name : "NULL", value ? value : "NULL");
}

WS2P_EXPORT BOOL SetEnvironmentVariableW(const WCHAR *name, const WCHAR *value)
{
    struct ws_call c = WS_CALL32("SetEnvironmentVariableW");
    char *n = ws_name_from_wide(name), *v = ws_name_from_wide(value);
    int err = (name && !n) || (value && !v) ? ERROR_NOT_ENOUGH_MEMORY : set(n, v);
    if (err)
        ws_fail(&c, err);
    (void)WS_EXIT32(&c, !err, "name=%s, value=%s", n ? n : "NULL", v ? v : "NULL");
    free(n);
    free(v);
    return !err;
}

/* %NAME% becomes the variable's value; an unset name, or a % without its
 * closing one, stays as written.  Returns a malloc'd string (NULL: out of
 * memory). */
static char *expand(const char *src)
{
    size_t cap = strlen(src) + 64, n = 0;
    char *out = malloc(cap);
    if (!out)
        return NULL;
#define EMIT(p, len)                                                      \
    do {                                                                  \
        size_t l_ = (len);                                                \
        if (n + l_ + 1 > cap) {                                           \
            char *m_ = realloc(out, cap = (n + l_ + 1) * 2);              \
            if (!m_) {                                                    \
                free(out);                                                \
                return NULL;                                              \
            }                                                             \
            out = m_;                                                     \
        }                                                                 \
        memcpy(out + n, (p), l_);                                         \
        n += l_;                                                          \
    } while (0)
    const char *p = src;
    while (*p) {
        const char *pct = strchr(p, '%');
        if (!pct) {
            EMIT(p, strlen(p));
            break;
        }
        EMIT(p, (size_t)(pct - p));
        const char *end = strchr(pct + 1, '%');
        if (!end) {
            EMIT(pct, strlen(pct));
            break;
        }
        char *name = strndup(pct + 1, (size_t)(end - pct - 1));
        bool oom;
        char *v = name && *name ? get(name, &oom) : NULL;
        free(name);
        if (v) {
            EMIT(v, strlen(v));
            free(v);
            p = end + 1;
        } else {
            EMIT(pct, (size_t)(end - pct)); /* the closing % may open the next name */
            p = end;
        }
    }
#undef EMIT
    out[n] = 0;
    return out;
}

/* The size needed, terminating zero included; the string is written only
 * when that fits.  NULL src is the empty string. */
WS2P_EXPORT DWORD ExpandEnvironmentStringsA(const char *src, char *dst, DWORD size)
{
    struct ws_call c = WS_CALL32("ExpandEnvironmentStringsA");
    char *s = expand(src && !ws_bad_ptr(src) ? src : "");
    DWORD ret = 0;
    if (!s)
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    else {
        ret = (DWORD)strlen(s) + 1;
        if (dst && !ws_bad_ptr(dst) && size >= ret)
            memcpy(dst, s, ret);
    }
    free(s);
    return WS_EXIT32(&c, ret, "src=%s, size=%u", src ? src : "NULL", (unsigned)size);
}

WS2P_EXPORT DWORD ExpandEnvironmentStringsW(const WCHAR *src, WCHAR *dst, DWORD size)
{
    struct ws_call c = WS_CALL32("ExpandEnvironmentStringsW");
    char *u = src && !ws_bad_ptr(src) ? ws_name_from_wide(src) : NULL;
    char *s = src && !ws_bad_ptr(src) && !u ? NULL : expand(u ? u : "");
    DWORD ret = 0;
    if (!s)
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    else {
        ret = (DWORD)ws_name_to_wide(s, NULL, 0) + 1;
        if (dst && !ws_bad_ptr(dst) && size >= ret)
            ws_name_to_wide(s, dst, size);
    }
    free(s);
    free(u);
    return WS_EXIT32(&c, ret, "size=%u", (unsigned)size);
}
