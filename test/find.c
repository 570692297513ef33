/* Directory searches: FindFirstFile/FindNextFile/FindClose, the wildcard
 * rules ('*', '?', "*.*", "*."), "." and "..", the errors
 * (ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND, ERROR_NO_MORE_FILES), the
 * find data.  Facts from Wine's test_FindFirstFileA and
 * test_FindFirstFileExA (notes in /work/ref/notes-files.md). */
#include "wtfile.h"

/* The names a pattern finds, "|"-joined in the order given (after "."
 * and ".."), or "ERR <code>". */
static const char *find_all(const char *mask)
{
    static char out[1024];
    char pat[MAX_PATH];
    WIN32_FIND_DATAA d;
    SetLastError(W32_SENTINEL);
    HANDLE h = FindFirstFileA(wt_join(pat, wt_dir, mask), &d);
    if (h == INVALID_HANDLE_VALUE) {
        snprintf(out, sizeof out, "ERR %lu", (unsigned long)GetLastError());
        return out;
    }
    out[0] = 0;
    do {
        if (out[0])
            strcat(out, "|");
        strcat(out, d.cFileName);
    } while (FindNextFileA(h, &d));
    ok(GetLastError() == ERROR_NO_MORE_FILES, "the end is ERROR_NO_MORE_FILES: %lu", (unsigned long)GetLastError());
    FindClose(h);
    return out;
}

static void make(const char *name)
{
    char p[MAX_PATH];
    ok(wt_put_file(wt_join(p, wt_dir, name), "12345"), "put %s", name);
}

/* Windows lists names in its own order; compare as sets. */
static int same_set(const char *got, const char *want)
{
    char g[1024], w[1024];
    snprintf(g, sizeof g, "|%s|", got);
    snprintf(w, sizeof w, "|%s|", want);
    int ng = 0, nw = 0;
    for (const char *q = g; *q; q++)
        ng += *q == '|';
    for (const char *q = w; *q; q++)
        nw += *q == '|';
    if (ng != nw)
        return 0;
    for (char *tok = strtok(w + 1, "|"); tok; tok = strtok(NULL, "|")) {
        char key[128];
        snprintf(key, sizeof key, "|%s|", tok);
        if (!strstr(g, key))
            return 0;
    }
    return 1;
}
#define expect_names(mask, want)                                                                                \
    do {                                                                                                        \
        const char *got_ = find_all(mask);                                                                      \
        ok(same_set(got_, want), "FindFirstFile(%s): got %s, want %s", mask, got_, want);                         \
    } while (0)

WT_CASE(dots_first)
{
    wt_scratch("find");
    make("file1");
    make("file2");
    char sub[MAX_PATH];
    ok(CreateDirectoryA(wt_join(sub, wt_dir, "dir1"), NULL), "mkdir");
    const char *all = find_all("*");
    ok(!strncmp(all, ".|..|", 5), "'.' then '..' first: %s", all);
    ok(same_set(all + 5, "file1|file2|dir1"), "then the rest: %s", all);
    /* The find data: sizes and attributes. */
    WIN32_FIND_DATAA d;
    char pat[MAX_PATH];
    HANDLE h = FindFirstFileA(wt_join(pat, wt_dir, "file1"), &d);
    ok(h != INVALID_HANDLE_VALUE && !strcmp(d.cFileName, "file1"), "found file1");
    ok(d.nFileSizeLow == 5 && d.nFileSizeHigh == 0 && !(d.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY), "data");
    ok(d.ftLastWriteTime.dwHighDateTime != 0, "times set");
    expect_w32(FindNextFileA(h, &d), FALSE, ERROR_NO_MORE_FILES);
    expect_w32(FindNextFileA(h, &d), FALSE, ERROR_NO_MORE_FILES);
    expect_w32(FindClose(h), TRUE, W32_SENTINEL);
    expect_w32(FindClose(h), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(FindNextFileA(h, &d), FALSE, ERROR_INVALID_HANDLE);
    h = FindFirstFileA(wt_join(pat, wt_dir, "dir1"), &d);
    ok(h != INVALID_HANDLE_VALUE && (d.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY), "a directory by name");
    FindClose(h);
    wt_scratch_done();
}

WT_CASE(wildcards)
{
    wt_scratch("wild");
    make("a.txt");
    make("b.TXT");
    make("ab.txt");
    make("noext");
    make("two.dots.txt");
    make("a.txt.bak");
    make("abc.tx");
    expect_names("*.txt", "a.txt|b.TXT|ab.txt|two.dots.txt"); /* case-insensitive */
    expect_names("?.txt", "a.txt|b.TXT");
    expect_names("a?.txt", "a.txt|ab.txt"); /* '?' before the dot may match nothing */
    expect_names("*.", ".|..|noext");       /* names without a dot (and the dot entries) */
    expect_names("*.*", ".|..|a.txt|b.TXT|ab.txt|noext|two.dots.txt|a.txt.bak|abc.tx");
    expect_names("*.tx?", "a.txt|b.TXT|ab.txt|two.dots.txt|abc.tx");
    expect_names("A*", "a.txt|ab.txt|a.txt.bak|abc.tx");
    expect_names("*bak", "a.txt.bak");
    expect_names("NOEXT", "noext");
    expect_names("zz*", "ERR 2"); /* ERROR_FILE_NOT_FOUND */
    expect_names("none.txt", "ERR 2");
    wt_scratch_done();
}

WT_CASE(errors)
{
    wt_scratch("finderr");
    WIN32_FIND_DATAA d;
    char pat[MAX_PATH + 2]; /* wt_dir plus a separator */
    expect_w32(FindFirstFileA(wt_join(pat, wt_dir, "none\\*.*"), &d), INVALID_HANDLE_VALUE, ERROR_PATH_NOT_FOUND);
    expect_w32(FindFirstFileA(wt_join(pat, wt_dir, "none\\bar.txt"), &d), INVALID_HANDLE_VALUE, ERROR_PATH_NOT_FOUND);
    expect_w32(FindFirstFileA(wt_join(pat, wt_dir, "none"), &d), INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND);
    /* A pattern that ends with a separator names no file. */
    snprintf(pat, sizeof pat, "%s%c", wt_dir, wt_sep(wt_dir));
    expect_w32(FindFirstFileA(pat, &d), INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND);
    expect_w32(FindFirstFileA("", &d), INVALID_HANDLE_VALUE, ERROR_PATH_NOT_FOUND);
    /* Device names are found in any directory that exists. */
    HANDLE h = FindFirstFileA(wt_join(pat, wt_dir, "nul"), &d);
    ok(h != INVALID_HANDLE_VALUE && !strcmp(d.cFileName, "nul") && d.dwFileAttributes == FILE_ATTRIBUTE_ARCHIVE &&
           d.nFileSizeLow == 0,
       "nul: %s %#lx", d.cFileName, (unsigned long)d.dwFileAttributes);
    expect_w32(FindNextFileA(h, &d), FALSE, ERROR_NO_MORE_FILES);
    FindClose(h);
    expect_w32(FindFirstFileA(wt_join(pat, wt_dir, "nul*"), &d), INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND);
    expect_w32(FindFirstFileA(wt_join(pat, wt_dir, "nul\\*"), &d), INVALID_HANDLE_VALUE, ERROR_PATH_NOT_FOUND);
    expect_w32(FindFirstFileA(wt_join(pat, wt_dir, "none\\nul"), &d), INVALID_HANDLE_VALUE, ERROR_PATH_NOT_FOUND);
    expect_w32(FindClose(INVALID_HANDLE_VALUE), FALSE, ERROR_INVALID_HANDLE);
    wt_scratch_done();
}

WT_CASE(wide_and_ex)
{
    wt_scratch("findw");
    make("one.txt");
    WCHAR pat[MAX_PATH];
    char apat[MAX_PATH];
    WIN32_FIND_DATAW w;
    HANDLE h = FindFirstFileW(wt_wide(wt_join(apat, wt_dir, "*.txt"), pat), &w);
    ok(h != INVALID_HANDLE_VALUE && !wcscmp(w.cFileName, L"one.txt"), "FindFirstFileW");
    expect_w32(FindNextFileW(h, &w), FALSE, ERROR_NO_MORE_FILES);
    FindClose(h);
    /* A name the W functions found opens again through them, whatever its
     * bytes (here one that is not UTF-8). */
    make("\xff.bin");
    h = FindFirstFileW(wt_wide(wt_join(apat, wt_dir, "*.bin"), pat), &w);
    ok(h != INVALID_HANDLE_VALUE, "found the .bin file");
    FindClose(h);
    WCHAR full[MAX_PATH];
    wt_wide(wt_dir, full);
    size_t fl = wcslen(full);
    full[fl++] = (WCHAR)wt_sep(wt_dir);
    memcpy(full + fl, w.cFileName, (wcslen(w.cFileName) + 1) * sizeof(WCHAR));
    HANDLE f = CreateFileW(full, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(f != INVALID_HANDLE_VALUE && GetFileSize(f, NULL) == 5, "opened by the name found");
    CloseHandle(f);
    WIN32_FIND_DATAA d;
    h = FindFirstFileExA(wt_join(apat, wt_dir, "*"), FindExInfoBasic, &d, FindExSearchNameMatch, NULL, 0);
    ok(h != INVALID_HANDLE_VALUE && !strcmp(d.cFileName, ".") && !d.cAlternateFileName[0], "FindFirstFileExA");
    FindClose(h);
    expect_w32(FindFirstFileExA(apat, FindExInfoMaxInfoLevel, &d, FindExSearchNameMatch, NULL, 0), INVALID_HANDLE_VALUE,
               ERROR_INVALID_PARAMETER);
    wt_scratch_done();
}

WT_MAIN(dots_first, wildcards, errors, wide_and_ex)
