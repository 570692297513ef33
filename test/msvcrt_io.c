/* io.h, direct.h, sys/stat.h and the stream names of stdio.h: _open,
 * _read, _write, _lseeki64, _close, _setmode, _access, _isatty, _dup,
 * _dup2, _unlink, _get_osfhandle, _open_osfhandle, _mkdir, _rmdir, _chdir,
 * _getcwd, the _stat family,
 * _wfopen, _fdopen, _fileno, _popen, _pclose.  Everything happens in a
 * scratch directory of the current one; expectations from the reference
 * pages' error lists. */
#include "crtest.h"

static char dir[64];

static void scratch(void)
{
    _snprintf(dir, sizeof dir, "ws2p_crt_%d", _getpid());
    ok(_mkdir(dir) == 0, "_mkdir %s: errno %d", dir, errno);
}
/* A path in the scratch directory, in one of a few rotating buffers. */
static const char *in_dir(const char *name)
{
    static char path[8][128];
    static int i;
    i = (i + 1) % 8;
    _snprintf(path[i], sizeof path[i], "%s/%s", dir, name);
    return path[i];
}

WT_CASE(open_read_write_seek_close)
{
    char buf[16];
    scratch();
    const char *f = in_dir("data");
    expect_crt(_open(NULL, _O_RDONLY), -1, EINVAL, 1);
    expect_crt(_open(f, _O_RDONLY), -1, ENOENT, 0);
    expect_crt(_open(in_dir("missing/data"), _O_CREAT | _O_WRONLY, _S_IREAD | _S_IWRITE), -1, ENOENT, 0);
    int fd = _open(f, _O_CREAT | _O_RDWR | _O_BINARY, _S_IREAD | _S_IWRITE);
    ok(fd >= 0, "_open creates");
    expect_crt(_open(f, _O_CREAT | _O_EXCL | _O_WRONLY, _S_IREAD | _S_IWRITE), -1, EEXIST, 0);
    expect_crt(_open(dir, _O_RDONLY), -1, EACCES, 0); /* a directory */
    expect_crt_ok(_write(fd, "hello world", 11), 11);
    expect_crt_ok(_write(fd, NULL, 0), 0);
    expect_crt(_write(fd, NULL, 3), -1, EINVAL, 1);
    expect_crt_ok(_lseeki64(fd, 0, SEEK_END), 11);
    expect_crt_ok(_lseek(fd, 6, SEEK_SET), 6);
    expect_crt(_lseeki64(fd, 0, 7), -1, EINVAL, 1);
    expect_crt(_lseeki64(fd, -100, SEEK_SET), -1, EINVAL, 0);
    memset(buf, 0, sizeof buf);
    expect_crt_ok(_read(fd, buf, sizeof buf), 5);
    ok(!strcmp(buf, "world"), "read back %s", buf);
    expect_crt_ok(_read(fd, buf, sizeof buf), 0); /* end of file */
    expect_crt_ok(_read(fd, NULL, 0), 0);
    expect_crt(_read(fd, NULL, 4), -1, EINVAL, 1);
    expect_crt_ok(_close(fd), 0);
    expect_crt(_close(fd), -1, EBADF, 1);
    expect_crt(_read(fd, buf, 1), -1, EBADF, 1);
    expect_crt(_write(fd, "x", 1), -1, EBADF, 1);
    expect_crt(_lseeki64(fd, 0, SEEK_SET), -1, EBADF, 1);
    fd = _open(f, _O_RDONLY);
    expect_crt(_write(fd, "x", 1), -1, EBADF, 0); /* not open for writing */
    _close(fd);
    ok(_unlink(f) == 0 && _rmdir(dir) == 0, "clean up");
}

/* Every descriptor starts in text mode; _setmode returns the previous one. */
WT_CASE(setmode_returns_previous_mode)
{
    scratch();
    const char *f = in_dir("modes");
    int fd = _open(f, _O_CREAT | _O_RDWR, _S_IREAD | _S_IWRITE);
    expect_crt_ok(_setmode(fd, _O_BINARY), _O_TEXT);
    expect_crt_ok(_setmode(fd, _O_TEXT), _O_BINARY);
    expect_crt_ok(_setmode(fd, _O_U8TEXT), _O_TEXT);
    expect_crt_ok(_setmode(fd, _O_BINARY), _O_U8TEXT);
    expect_crt(_setmode(fd, 0x12345), -1, EINVAL, 1);
    int copy = _dup(fd);
    expect_crt_ok(_setmode(copy, _O_TEXT), _O_BINARY); /* a duplicate keeps the mode */
    _close(copy);
    _close(fd);
    expect_crt(_setmode(fd, _O_BINARY), -1, EBADF, 1);
    fd = _open(f, _O_RDONLY | _O_BINARY);
    expect_crt_ok(_setmode(fd, _O_TEXT), _O_BINARY);
    expect_crt_ok(_dup2(fd, 100), 0); /* 0, not the descriptor */
    expect_crt_ok(_setmode(100, _O_TEXT), _O_TEXT);
    expect_crt(_dup2(-1, 101), -1, EBADF, 1);
    _close(100);
    _close(fd);
    ok(_unlink(f) == 0 && _rmdir(dir) == 0, "clean up");
}

/* _access looks only at the read-only attribute; every directory is
 * writable; _unlink refuses read-only files and directories. */
WT_CASE(access_and_unlink)
{
    scratch();
    const char *rw = in_dir("rw"), *ro = in_dir("ro");
    _close(_open(rw, _O_CREAT | _O_WRONLY, _S_IREAD | _S_IWRITE));
    _close(_open(ro, _O_CREAT | _O_WRONLY, _S_IREAD));
    expect_crt_ok(_access(rw, 0), 0);
    expect_crt_ok(_access(rw, 6), 0);
    expect_crt_ok(_access(ro, 4), 0);
    expect_crt(_access(ro, 2), -1, EACCES, 0);
    expect_crt_ok(_access(dir, 6), 0);
    expect_crt(_access(in_dir("none"), 0), -1, ENOENT, 0);
    expect_crt(_access(rw, 1), -1, EINVAL, 1);
    expect_crt(_access(NULL, 0), -1, EINVAL, 1);
    expect_crt(_unlink(ro), -1, EACCES, 0);
    expect_crt(_unlink(dir), -1, EACCES, 0);
    expect_crt(_unlink(in_dir("none")), -1, ENOENT, 0);
    expect_crt_ok(_unlink(rw), 0);
    ok(chmod(ro, _S_IREAD | _S_IWRITE) == 0, "make writable");
    expect_crt_ok(_unlink(ro), 0);
    /* _O_TEMPORARY: gone once closed. */
    int fd = _open(in_dir("tmp"), _O_CREAT | _O_RDWR | _O_TEMPORARY, _S_IREAD | _S_IWRITE);
    ok(fd >= 0 && _write(fd, "x", 1) == 1, "temporary file usable");
    _close(fd);
    expect_crt(_access(in_dir("tmp"), 0), -1, ENOENT, 0);
    ok(_rmdir(dir) == 0, "clean up");
}

/* Any character device is a tty for the CRT: NUL as much as a console. */
WT_CASE(isatty_means_character_device)
{
#ifdef __WS2POSIX__
    const char *nul = "/dev/null";
#else
    const char *nul = "NUL";
#endif
    scratch();
    int fd = _open(in_dir("f"), _O_CREAT | _O_RDWR, _S_IREAD | _S_IWRITE), dev = _open(nul, _O_RDWR);
    expect_crt_ok(_isatty(fd), 0);
    ok(_isatty(dev) != 0, "the null device is a character device");
    _close(fd);
    _close(dev);
    expect_crt(_isatty(fd), 0, EBADF, 1);
    ok(_unlink(in_dir("f")) == 0 && _rmdir(dir) == 0, "clean up");
}

WT_CASE(directories)
{
    char cwd[512], here[512], *p;
    scratch();
    _close(_open(in_dir("file"), _O_CREAT | _O_WRONLY, _S_IREAD | _S_IWRITE));
    expect_crt(_mkdir(dir), -1, EEXIST, 0);
    expect_crt(_mkdir(in_dir("no/such")), -1, ENOENT, 0);
    expect_crt(_mkdir(NULL), -1, EINVAL, 1);
    expect_crt(_rmdir(dir), -1, ENOTEMPTY, 0);
    expect_crt(_rmdir(in_dir("file")), -1, ENOTEMPTY, 0); /* not a directory */
    expect_crt(_rmdir(in_dir("none")), -1, ENOENT, 0);
    expect_crt(_chdir(in_dir("none")), -1, ENOENT, 0);
    expect_crt(_chdir(NULL), -1, EINVAL, 1);
    expect_crt(_getcwd(here, 0), 0, EINVAL, 1);
    expect_crt(_getcwd(here, 2), 0, ERANGE, 0);
    ok(_getcwd(here, sizeof here) == here, "_getcwd");
    p = _getcwd(NULL, 1000);
    ok(p && !strcmp(p, here), "_getcwd allocates");
    free(p);
    expect_crt(_getcwd(NULL, 2), 0, ERANGE, 0);
    expect_crt_ok(_chdir(dir), 0);
    ok(_getcwd(cwd, sizeof cwd) && strlen(cwd) > strlen(dir) && !strcmp(cwd + strlen(cwd) - strlen(dir), dir),
       "_getcwd ends with the directory: %s", cwd);
    _mkdir("sub");
    expect_crt_ok(_chdir("sub"), 0);
    expect_crt(_rmdir("../sub"), -1, ENOTEMPTY, 0); /* the current directory */
    expect_crt_ok(_chdir(here), 0);
    expect_crt_ok(_rmdir(in_dir("sub")), 0);
    ok(_unlink(in_dir("file")) == 0 && _rmdir(dir) == 0, "clean up");
}

/* full is here, one separator ('\\' on Windows, '/' here), then tail. */
static int is_under(const char *full, const char *here, const char *tail)
{
    size_t n = strlen(here);
    return !strncmp(full, here, n) && (full[n] == '/' || full[n] == '\\') && !strcmp(full + n + 1, tail);
}

/* _fullpath: "." and ".." by name, a NULL buffer allocated, a short one
 * NULL, maxLength 0 the invalid parameter ("_fullpath" docs). */
WT_CASE(fullpath)
{
    char here[512], full[600], *p;
    ok(_getcwd(here, sizeof here) == here, "_getcwd");
    ok(_fullpath(full, "x", sizeof full) == full && is_under(full, here, "x"), "_fullpath x: %s", full);
    ok(_fullpath(full, "./y/../x", sizeof full) == full && is_under(full, here, "x"), "_fullpath ./y/../x: %s", full);
    p = _fullpath(NULL, "x", 0);
    ok(p && is_under(p, here, "x"), "_fullpath allocates: %s", p ? p : "NULL");
    free(p);
    ok(_fullpath(full, "x", 2) == NULL, "_fullpath into a short buffer");
    expect_crt(_fullpath(full, "x", 0), 0, EINVAL, 1);
}

WT_CASE(stat_family)
{
    struct _stati64 st;
    struct _stat64 st64;
    struct _stat st32;
    scratch();
    const char *f = in_dir("sized");
    int fd = _open(f, _O_CREAT | _O_WRONLY, _S_IREAD | _S_IWRITE);
    _write(fd, "12345", 5);
    __time64_t now = _time64(NULL);
    memset(&st, 0xcc, sizeof st);
    expect_crt_ok(_stati64(f, &st), 0);
    ok(st.st_size == 5 && (st.st_mode & _S_IFMT) == _S_IFREG && (st.st_mode & _S_IWRITE), "file: size %lld mode %#o",
       (long long)st.st_size, (unsigned)st.st_mode);
    /* The members <sys/stat.h> programs use, whatever it made of them. */
    ok(st.st_mtime >= now - 86400 && st.st_mtime <= now + 86400 && st.st_ctime <= st.st_mtime + 1, "times");
    ok(st.st_ino == 0 && st.st_uid == 0 && st.st_gid == 0 && st.st_dev == st.st_rdev, "Windows' zero fields");
    expect_crt_ok(_stat64(dir, &st64), 0);
    ok((st64.st_mode & _S_IFMT) == _S_IFDIR, "directory: mode %#o", (unsigned)st64.st_mode);
    expect_crt_ok(_stat(f, &st32), 0);
    ok(st32.st_size == 5, "_stat size");
    expect_crt_ok(_fstati64(fd, &st), 0);
    ok(st.st_size == 5, "_fstati64 size");
    expect_crt_ok(_fstat64(fd, &st64), 0);
    _close(fd);
    expect_crt(_fstat(fd, &st32), -1, EBADF, 1);
    expect_crt(_stati64(in_dir("none"), &st), -1, ENOENT, 0);
    expect_crt(_stati64(in_dir("sized/below"), &st), -1, ENOENT, 0);
    expect_crt(_stati64(NULL, &st), -1, EINVAL, 1);
    expect_crt(_stati64(f, NULL), -1, EINVAL, 1);
    wchar_t wf[128];
    _snwprintf(wf, ARRAYSIZE(wf), L"%S", f);
    expect_crt_ok(_wstati64(wf, &st), 0);
    ok(st.st_size == 5, "_wstati64 size");
    expect_crt_ok(_wstat64(wf, &st64), 0);
    expect_crt_ok(_wstat(wf, &st32), 0);
    expect_crt(_wstati64(NULL, &st), -1, EINVAL, 1);
    ok(_unlink(f) == 0 && _rmdir(dir) == 0, "clean up");
}

WT_CASE(streams)
{
    char line[64];
    wchar_t wf[128];
    scratch();
    const char *f = in_dir("stream");
    _snwprintf(wf, ARRAYSIZE(wf), L"%S", f);
    FILE *fp = _wfopen(wf, L"wt");
    ok(fp != NULL, "_wfopen");
    if (fp) {
        fputs("line one\n", fp);
        ok(_fileno(fp) > 2, "_fileno %d", _fileno(fp));
        fclose(fp);
    }
    fp = _wfopen(wf, L"rb");
    ok(fp && fgets(line, sizeof line, fp) && !strcmp(line, "line one\n"), "read back");
    if (fp)
        fclose(fp);
    expect_crt(_wfopen(NULL, L"r"), 0, EINVAL, 1);
    expect_crt(_wfopen(L"", L"r"), 0, EINVAL, 1);
    expect_crt(_wfopen(wf, L""), 0, EINVAL, 1);
    expect_crt(_wfopen(wf, L"z"), 0, EINVAL, 1);
    ok(_fileno(stdin) == 0 && _fileno(stdout) == 1 && _fileno(stderr) == 2, "standard streams");
    expect_crt(_fileno(NULL), -1, EINVAL, 1);
    int fd = _open(f, _O_RDONLY);
    fp = _fdopen(fd, "rb");
    ok(fp && fgets(line, sizeof line, fp) && !strcmp(line, "line one\n"), "_fdopen");
    if (fp)
        fclose(fp);
    expect_crt(_fdopen(0, "q"), 0, EINVAL, 1);
    ok(_unlink(f) == 0 && _rmdir(dir) == 0, "clean up");
}

/* _pclose returns the command's exit code. */
WT_CASE(popen_pclose)
{
    char line[64] = "";
    FILE *p = _popen("echo hello", "rt");
    ok(p != NULL, "_popen");
    if (p) {
        ok(fgets(line, sizeof line, p) && !strncmp(line, "hello", 5), "output: %s", line);
        expect_crt_ok(_pclose(p), 0);
    }
    p = _popen("exit 3", "r");
    ok(p != NULL, "_popen exit 3");
    if (p)
        expect_crt_ok(_pclose(p), 3);
    expect_crt(_popen(NULL, "r"), 0, EINVAL, 1);
    expect_crt(_popen("echo", "x"), 0, EINVAL, 1);
    expect_crt(_popen("echo", "rw"), 0, EINVAL, 1);
    expect_crt(_pclose(NULL), -1, EINVAL, 1);
}

/* A SOCKET made a CRT descriptor: _read and _write work on it, and _close
 * closes the socket ("_open_osfhandle" docs: the descriptor owns the handle). */
WT_CASE(osfhandle_wraps_a_socket)
{
    WSADATA wsa;
    SOCKET client, server;
    char b[4];
    ok(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    wt_tcp_pair(&client, &server);
    int fd = _open_osfhandle((intptr_t)server, 0);
    ok(fd >= 0, "_open_osfhandle: errno %d", errno);
    expect_crt_ok(_get_osfhandle(fd), (intptr_t)server);
    expect_crt_ok(_write(fd, "hi", 2), 2);
    ok(recv(client, b, sizeof b, 0) == 2 && !memcmp(b, "hi", 2), "written through the descriptor");
    ok(send(client, "yo", 2, 0) == 2, "send");
    expect_crt_ok(_read(fd, b, 2), 2);
    ok(!memcmp(b, "yo", 2), "read through the descriptor");
    expect_crt_ok(_close(fd), 0);
    ok(recv(client, b, sizeof b, 0) == 0, "closing the descriptor closed the socket");
    expect_crt(_get_osfhandle(-1), -1, EBADF, 1);
    closesocket(client);
    WSACleanup();
}

WT_MAIN(open_read_write_seek_close, setmode_returns_previous_mode, access_and_unlink, isatty_means_character_device, fullpath,
        directories, stat_family, streams, popen_pclose, osfhandle_wraps_a_socket)
