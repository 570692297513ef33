/* Windows paths -> POSIX paths, and the path errors Windows tells apart.
 * The rules (docs/windows-vs-linux.md, "Paths"): '\' and '/' both
 * separate; a drive letter names the root (this system has one tree); the
 * \\?\ and \\.\ prefixes are dropped; the device names NUL, CON, CONIN$ and
 * CONOUT$ are devices in any directory. */
#include "fileobj.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_sep(char c)
{
    return c == '\\' || c == '/';
}

static const struct {
    const char *name, *dev;
} devices[] = {
    {"nul", "/dev/null"},
    {"con", "/dev/tty"},
    {"conin$", "/dev/tty"},
    {"conout$", "/dev/tty"},
};

char *ws_path_from_win(const char *p)
{
    if (is_sep(p[0]) && is_sep(p[1]) && (p[2] == '?' || p[2] == '.') && is_sep(p[3]))
        p += 4;
    const char *last = p;
    for (const char *q = p; *q; q++)
        if (is_sep(*q))
            last = q + 1;
    for (size_t i = 0; i < sizeof devices / sizeof devices[0]; i++)
        if (!strcasecmp(last, devices[i].name))
            return strdup(devices[i].dev);
    if (((p[0] | 0x20) >= 'a' && (p[0] | 0x20) <= 'z') && p[1] == ':') {
        p += 2;
        if (!*p)
            p = ".";
    }
    char *out = strdup(p);
    if (out)
        for (char *q = out; *q; q++)
            if (*q == '\\')
                *q = '/';
    return out;
}

char *ws_path_from_wide(const WCHAR *w)
{
    char *u = ws_name_from_wide(w);
    if (!u)
        return NULL;
    char *p = ws_path_from_win(u);
    free(u);
    return p;
}

int ws_path_enoent(const char *path, int e)
{
    if (e == ENOTDIR)
        return ERROR_PATH_NOT_FOUND;
    if (e != ENOENT)
        return ws_errno_to_w32(e);
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    while (n > 0 && path[n - 1] != '/')
        n--;
    if (n == 0)
        return ERROR_FILE_NOT_FOUND; /* in the current directory, which exists */
    char *dir = strndup(path, n);
    struct stat st;
    bool there = dir && stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
    free(dir);
    return there ? ERROR_FILE_NOT_FOUND : ERROR_PATH_NOT_FOUND;
}

/* An absolute path for p (malloc'd, NULL when out of memory): relative
 * to the current directory, "." and ".." taken by name as Windows does
 * (not through symbolic links), a trailing separator kept. */
char *ws_path_full(const char *p)
{
    char *cwd = p[0] == '/' ? strdup("") : getcwd(NULL, 0);
    if (!cwd)
        return NULL;
    size_t lc = strlen(cwd), lp = strlen(p);
    char *in = malloc(lc + lp + 2), *out = malloc(lc + lp + 3);
    if (!in || !out) {
        free(cwd), free(in), free(out);
        return NULL;
    }
    memcpy(in, cwd, lc);
    in[lc] = '/';
    memcpy(in + lc + 1, p, lp + 1);
    free(cwd);
    size_t o = 0;
    for (char *s = in; *s;) {
        while (*s == '/')
            s++;
        char *e = s;
        while (*e && *e != '/')
            e++;
        size_t n = (size_t)(e - s);
        if (n == 0 || (n == 1 && s[0] == '.'))
            ;
        else if (n == 2 && s[0] == '.' && s[1] == '.') {
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--; /* the separator before it; never above the root */
        } else {
            out[o++] = '/';
            memcpy(out + o, s, n);
            o += n;
        }
        s = e;
    }
    if (o == 0 || (lp && p[lp - 1] == '/'))
        out[o++] = '/';
    out[o] = 0;
    free(in);
    return out;
}
