/* What the file tests share: a scratch directory of their own under
 * GetTempPath (removed with what is left in it), and path joining with the
 * separator the system's own paths use ('\' on Windows, '/' here). */
#ifndef WTFILE_H
#define WTFILE_H
#include "wstest.h"

static char wt_dir[MAX_PATH];

static __inline char wt_sep(const char *path)
{
    return strchr(path, '\\') ? '\\' : '/';
}

/* dir + separator + name into out (MAX_PATH). */
static __inline char *wt_join(char *out, const char *dir, const char *name)
{
    size_t n = strlen(dir), o = 0;
    for (size_t i = 0; i < n && o < MAX_PATH - 1; i++)
        out[o++] = dir[i];
    if (n && dir[n - 1] != '\\' && dir[n - 1] != '/' && o < MAX_PATH - 1)
        out[o++] = wt_sep(dir);
    for (; *name && o < MAX_PATH - 1; name++)
        out[o++] = *name;
    out[o] = 0;
    return out;
}

/* An ASCII string as WCHARs (MAX_PATH). */
static __inline WCHAR *wt_wide(const char *s, WCHAR *out)
{
    int i = 0;
    for (; s[i] && i < MAX_PATH - 1; i++)
        out[i] = (WCHAR)(unsigned char)s[i];
    out[i] = 0;
    return out;
}

/* A path in the scratch directory (rotating static buffers). */
static __inline const char *wt_path(const char *name)
{
    static char bufs[8][MAX_PATH];
    static int turn;
    return wt_join(bufs[turn++ & 7], wt_dir, name);
}

/* Empty dir of everything, then remove it. */
static __inline void wt_rmtree(const char *dir)
{
    char pat[MAX_PATH], sub[MAX_PATH];
    WIN32_FIND_DATAA d;
    HANDLE h = FindFirstFileA(wt_join(pat, dir, "*"), &d);
    if (h != INVALID_HANDLE_VALUE) {
        do {
            if (!strcmp(d.cFileName, ".") || !strcmp(d.cFileName, ".."))
                continue;
            wt_join(sub, dir, d.cFileName);
            if (d.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
                wt_rmtree(sub);
            else {
                SetFileAttributesA(sub, FILE_ATTRIBUTE_NORMAL);
                DeleteFileA(sub);
            }
        } while (FindNextFileA(h, &d));
        FindClose(h);
    }
    RemoveDirectoryA(dir);
}

/* A fresh scratch directory for the case: <temp>/ws2p-<tag>-<pid>. */
static __inline void wt_scratch(const char *tag)
{
    char tmp[MAX_PATH], name[64];
    DWORD n = GetTempPathA(sizeof tmp, tmp);
    ok(n > 0 && n < sizeof tmp, "GetTempPathA: %lu", (unsigned long)n);
    snprintf(name, sizeof name, "ws2p-%s-%lu", tag, (unsigned long)GetCurrentProcessId());
    wt_join(wt_dir, tmp, name);
    wt_rmtree(wt_dir);
    ok(CreateDirectoryA(wt_dir, NULL), "CreateDirectoryA(%s): %lu", wt_dir, (unsigned long)GetLastError());
}

static __inline void wt_scratch_done(void)
{
    wt_rmtree(wt_dir);
    ok(GetFileAttributesA(wt_dir) == INVALID_FILE_ATTRIBUTES, "scratch directory %s left behind", wt_dir);
}

/* Write a whole small file. */
static __inline BOOL wt_put_file(const char *path, const char *text)
{
    HANDLE h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    DWORD n = 0;
    BOOL ok_ = h != INVALID_HANDLE_VALUE && WriteFile(h, text, (DWORD)strlen(text), &n, NULL) && n == strlen(text);
    if (h != INVALID_HANDLE_VALUE)
        CloseHandle(h);
    return ok_;
}
#endif
