/* Directory searches: FindFirstFileA/W, FindFirstFileExA/W, FindNextFileA/W,
 * FindClose.
 *
 * The pattern's last part is matched against the directory's names the
 * way Windows matches it (case-insensitively, with the DOS meanings of
 * '*', '?' and '.': "*.*" is everything, "*." names without a dot, a '?'
 * before a dot or at the end may match nothing).  The search reads the
 * directory once, at FindFirstFile, and hands the names out in Windows'
 * order: "." and ".." first (never at the root), then the rest sorted
 * without regard to case. */
#include "k32file.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct entry {
    char *name;
    struct stat st;
};

struct find {
    ws_obj obj; /* WS_OBJ_FIND; first */
    struct entry *e;
    size_t n, next;
};

static void find_destroy(ws_obj *o)
{
    struct find *f = (struct find *)o;
    for (size_t i = 0; i < f->n; i++)
        free(f->e[i].name);
    free(f->e);
}

/* ---- matching ------------------------------------------------------------- */

/* The DOS wildcards a pattern turns into (FsRtlIsNameInExpression's). */
enum { DOS_STAR = 1, DOS_QM = 2, DOS_DOT = 3 };

/* '?' is DOS_QM; '*' before a '.' is DOS_STAR; '.' before '?', '*' or the
 * end is DOS_DOT.  "*.*" and "*" match everything. */
static char *dos_pattern(const char *mask)
{
    if (!strcmp(mask, "*.*"))
        mask = "*";
    char *p = strdup(mask);
    if (!p)
        return NULL;
    for (char *q = p; *q; q++) {
        if (*q == '?')
            *q = DOS_QM;
        else if (*q == '*' && q[1] == '.')
            *q = DOS_STAR;
        else if (*q == '.' && (q[1] == '?' || q[1] == '*' || q[1] == 0))
            *q = DOS_DOT;
    }
    return p;
}

static bool match(const char *p, const char *n)
{
    for (;; p++, n++) {
        switch (*p) {
        case 0:
            return *n == 0;
        case '*':
            for (const char *s = n;; s++) {
                if (match(p + 1, s))
                    return true;
                if (!*s)
                    return false;
            }
        case DOS_STAR: {
            /* Anything up to (not past) the name's last dot. */
            const char *last = strrchr(n, '.'), *end = last ? last : n + strlen(n);
            for (const char *s = n; s <= end; s++)
                if (match(p + 1, s))
                    return true;
            return false;
        }
        case DOS_QM:
            if (*n == 0 || *n == '.') /* nothing, at a dot or the end */
                return match(p + 1, n);
            break;
        case DOS_DOT:
            if (*n == 0)
                return match(p + 1, n);
            if (*n != '.')
                return false;
            break;
        default:
            if (*p != *n && !((unsigned char)*p < 0x80 && (unsigned char)*n < 0x80 &&
                              (*p | 0x20) == (*n | 0x20) && (*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
                return false;
        }
    }
}

static int entry_order(const void *a, const void *b)
{
    const char *x = ((const struct entry *)a)->name, *y = ((const struct entry *)b)->name;
    int dx = !strcmp(x, ".") ? 0 : !strcmp(x, "..") ? 1 : 2, dy = !strcmp(y, ".") ? 0 : !strcmp(y, "..") ? 1 : 2;
    if (dx != dy)
        return dx - dy;
    int r = strcasecmp(x, y);
    return r ? r : strcmp(x, y);
}

/* The DOS device names, found in any directory (Wine's test_FindFirstFileA). */
static bool is_device(const char *s)
{
    static const char *const dev[] = {"con", "prn", "aux", "nul"};
    for (size_t i = 0; i < sizeof dev / sizeof dev[0]; i++)
        if (!strcasecmp(s, dev[i]))
            return true;
    return (!strncasecmp(s, "com", 3) || !strncasecmp(s, "lpt", 3)) && s[3] >= '1' && s[3] <= '9' && !s[4];
}

static bool add(struct find *f, size_t *cap, const char *name, const struct stat *st)
{
    if (f->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        struct entry *e = realloc(f->e, nc * sizeof *e);
        if (!e)
            return false;
        f->e = e;
        *cap = nc;
    }
    if (!(f->e[f->n].name = strdup(name)))
        return false;
    f->e[f->n++].st = *st;
    return true;
}

/* Read the matching names of the directory the pattern names. */
static int search(struct find *f, const char *pattern)
{
    const char *sep = NULL;
    for (const char *q = pattern; *q; q++)
        if (*q == '\\' || *q == '/')
            sep = q;
    const char *mask = sep ? sep + 1 : pattern;
    char *dirw = sep ? strndup(pattern, (size_t)(mask - pattern)) : strdup("");
    char *dir = dirw ? ws_path_from_win(dirw[0] ? dirw : ".") : NULL;
    free(dirw);
    if (!dir)
        return ERROR_NOT_ENOUGH_MEMORY;
    int err = 0;
    size_t cap = 0;
    struct stat st;
    DIR *d = NULL;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        err = ERROR_PATH_NOT_FOUND;
    else if (!*mask)
        err = ERROR_FILE_NOT_FOUND; /* "dir\": no name to look for */
    else if (!strpbrk(mask, "*?") && is_device(mask)) {
        struct stat dev = {0};
        err = add(f, &cap, mask, &dev) ? 0 : ERROR_NOT_ENOUGH_MEMORY; /* ARCHIVE, size 0 */
    } else if (!(d = opendir(dir)))
        err = errno == ENOENT || errno == ENOTDIR ? ERROR_PATH_NOT_FOUND : ws_errno_to_w32(errno);
    else {
        char *pat = dos_pattern(mask);
        struct stat root;
        bool at_root = stat("/", &root) == 0 && root.st_dev == st.st_dev && root.st_ino == st.st_ino;
        struct dirent *de;
        size_t dl = strlen(dir);
        while (pat && !err && (de = readdir(d)) != NULL) {
            const char *nm = de->d_name;
            bool dots = !strcmp(nm, ".") || !strcmp(nm, "..");
            if ((dots && at_root) || !match(pat, nm))
                continue;
            char *full = malloc(dl + strlen(nm) + 2);
            if (!full) {
                err = ERROR_NOT_ENOUGH_MEMORY;
                break;
            }
            sprintf(full, "%s/%s", dir, nm);
            struct stat es;
            if (stat(full, &es) != 0 && lstat(full, &es) != 0) {
                free(full);
                continue; /* gone since readdir */
            }
            free(full);
            if (!add(f, &cap, nm, &es))
                err = ERROR_NOT_ENOUGH_MEMORY;
        }
        if (!pat)
            err = ERROR_NOT_ENOUGH_MEMORY;
        free(pat);
        closedir(d);
        if (!err && f->n == 0)
            err = ERROR_FILE_NOT_FOUND;
        if (!err)
            qsort(f->e, f->n, sizeof *f->e, entry_order);
    }
    free(dir);
    return err;
}

/* ---- the find data ------------------------------------------------------- */

static void fill(const struct entry *e, void *data, bool wide)
{
    const struct stat *st = &e->st;
    uint64_t size = S_ISREG(st->st_mode) ? (uint64_t)st->st_size : 0;
    DWORD attrs = k32_attributes(st);
    WS_FILETIME ct = k32_filetime(&st->st_ctim), at = k32_filetime(&st->st_atim), wt = k32_filetime(&st->st_mtim);
    if (st->st_mode == 0) { /* a device name */
        ct = at = wt = (WS_FILETIME){0, 0};
        attrs = FILE_ATTRIBUTE_ARCHIVE;
    }
    if (wide) {
        WS_WIN32_FIND_DATAW *w = data;
        memset(w, 0, sizeof *w);
        *w = (WS_WIN32_FIND_DATAW){attrs, ct, at, wt, (DWORD)(size >> 32), (DWORD)size, 0, 0, {0}, {0}};
        if (ws_name_to_wide(e->name, NULL, 0) < MAX_PATH)
            ws_name_to_wide(e->name, w->cFileName, MAX_PATH);
    } else {
        WS_WIN32_FIND_DATAA *a = data;
        memset(a, 0, sizeof *a);
        *a = (WS_WIN32_FIND_DATAA){attrs, ct, at, wt, (DWORD)(size >> 32), (DWORD)size, 0, 0, {0}, {0}};
        strncpy(a->cFileName, e->name, MAX_PATH - 1);
    }
}

static HANDLE find_first(struct ws_call *c, const void *pattern, bool wide, void *data)
{
    HANDLE ret = (HANDLE)(intptr_t)-1;
    if (ws_bad_ptr(data)) {
        ws_fail(c, ERROR_NOACCESS);
        return ret;
    }
    char *u = k32_utf8_arg(c, pattern, wide);
    if (!u)
        return ret;
    struct find *f = (struct find *)ws_obj_alloc(WS_OBJ_FIND, sizeof *f, true, true);
    int err = f ? search(f, u) : ERROR_NOT_ENOUGH_MEMORY;
    free(u);
    if (f)
        f->obj.destroy = find_destroy;
    if (err)
        ws_fail(c, err);
    else {
        HANDLE h = ws_handle_new(&f->obj);
        if (!h)
            ws_fail(c, (int)ws_last_error);
        else {
            fill(&f->e[0], data, wide);
            f->next = 1;
            ret = h;
        }
    }
    if (f)
        ws_obj_unref(&f->obj);
    return ret;
}

WS2P_EXPORT HANDLE FindFirstFileA(const char *pattern, WS_WIN32_FIND_DATAA *data)
{
    struct ws_call c = WS_CALL32("FindFirstFileA");
    HANDLE h = find_first(&c, pattern, false, data);
    return WS_EXIT32(&c, h, "pattern=%s, first=%s", pattern ? pattern : "NULL",
                     h != (HANDLE)(intptr_t)-1 ? data->cFileName : "-");
}

WS2P_EXPORT HANDLE FindFirstFileW(const WCHAR *pattern, WS_WIN32_FIND_DATAW *data)
{
    struct ws_call c = WS_CALL32("FindFirstFileW");
    HANDLE h = find_first(&c, pattern, true, data);
    return WS_EXIT32(&c, h, "pattern=%ls, first=%ls", pattern ? pattern : L"NULL",
                     h != (HANDLE)(intptr_t)-1 ? data->cFileName : L"-");
}

/* FindExInfoStandard (0) and FindExInfoBasic (1, no short names: the same
 * here); FindExSearchLimitToDirectories is a hint Windows may ignore, and
 * so is it here; FIND_FIRST_EX_CASE_SENSITIVE is ignored as most Windows
 * systems ignore it; FIND_FIRST_EX_LARGE_FETCH changes nothing. */
static HANDLE find_first_ex(struct ws_call *c, const void *pattern, bool wide, int level, void *data, int op,
                            void *filter, DWORD flags)
{
    if (level < 0 || level > 1 || op < 0 || op > 2 || filter || (flags & ~(DWORD)7)) {
        ws_fail(c, ERROR_INVALID_PARAMETER);
        return (HANDLE)(intptr_t)-1;
    }
    if (op == 2) { /* FindExSearchLimitToDevices */
        ws_fail(c, ERROR_NOT_SUPPORTED);
        return (HANDLE)(intptr_t)-1;
    }
    return find_first(c, pattern, wide, data);
}

WS2P_EXPORT HANDLE FindFirstFileExA(const char *pattern, int level, void *data, int op, void *filter, DWORD flags)
{
    struct ws_call c = WS_CALL32("FindFirstFileExA");
    HANDLE h = find_first_ex(&c, pattern, false, level, data, op, filter, flags);
    return WS_EXIT32(&c, h, "pattern=%s, level=%d, op=%d, flags=%#x", pattern ? pattern : "NULL", level, op,
                     (unsigned)flags);
}

WS2P_EXPORT HANDLE FindFirstFileExW(const WCHAR *pattern, int level, void *data, int op, void *filter, DWORD flags)
{
    struct ws_call c = WS_CALL32("FindFirstFileExW");
    HANDLE h = find_first_ex(&c, pattern, true, level, data, op, filter, flags);
    return WS_EXIT32(&c, h, "pattern=%ls, level=%d, op=%d, flags=%#x", pattern ? pattern : L"NULL", level, op,
                     (unsigned)flags);
}

static BOOL find_next(struct ws_call *c, HANDLE h, void *data, bool wide)
{
    struct find *f = (struct find *)ws_handle_get(h, WS_OBJ_FIND);
    BOOL ret = 0;
    if (!f)
        ws_fail(c, ERROR_INVALID_HANDLE);
    else if (ws_bad_ptr(data))
        ws_fail(c, ERROR_NOACCESS);
    else {
        pthread_mutex_lock(&f->obj.lock);
        size_t i = f->next < f->n ? f->next++ : f->n;
        pthread_mutex_unlock(&f->obj.lock);
        if (i == f->n)
            ws_fail(c, ERROR_NO_MORE_FILES);
        else {
            fill(&f->e[i], data, wide);
            ret = 1;
        }
    }
    if (f)
        ws_obj_unref(&f->obj);
    return ret;
}

WS2P_EXPORT BOOL FindNextFileA(HANDLE h, WS_WIN32_FIND_DATAA *data)
{
    struct ws_call c = WS_CALL32("FindNextFileA");
    BOOL ret = find_next(&c, h, data, false);
    return WS_EXIT32(&c, ret, "h=%p, name=%s", h, ret ? data->cFileName : "-");
}

WS2P_EXPORT BOOL FindNextFileW(HANDLE h, WS_WIN32_FIND_DATAW *data)
{
    struct ws_call c = WS_CALL32("FindNextFileW");
    BOOL ret = find_next(&c, h, data, true);
    return WS_EXIT32(&c, ret, "h=%p, name=%ls", h, ret ? data->cFileName : L"-");
}

WS2P_EXPORT BOOL FindClose(HANDLE h)
{
    struct ws_call c = WS_CALL32("FindClose");
    ws_obj *o = ws_handle_get(h, WS_OBJ_FIND);
    BOOL ret = 0;
    if (!o)
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else {
        ws_obj_unref(o);
        int err = ws_handle_close(h);
        if (err)
            ws_fail(&c, err);
        ret = !err;
    }
    return WS_EXIT32(&c, ret, "h=%p", h);
}
