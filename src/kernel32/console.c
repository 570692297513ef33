/* The console: GetConsoleMode, SetConsoleMode,
 * WriteConsoleA/W, SetConsoleTextAttribute, GetConsoleScreenBufferInfo,
 * SetConsoleTitleA/W, GetConsoleTitleA/W, GetConsoleCP/OutputCP and their
 * Set*, GetConsoleWindow, AllocConsole, FreeConsole.  (SetConsoleCtrlHandler
 * and GenerateConsoleCtrlEvent are in consolectrl.c.)
 *
 * The standard handles (GetStdHandle, src/kernel32/file.c) are file
 * handles (struct ws_file, src/core/fileobj.h) over descriptors 0, 1 and 2;
 * ReadFile, WriteFile, GetFileType and CloseHandle treat them as any file
 * handle, and closing one leaves the descriptor to the C runtime.  A handle
 * is a console handle when its descriptor is a terminal: everything else
 * (files, pipes, sockets) gets ERROR_INVALID_HANDLE from the console
 * functions, which is how Windows programs tell a console from a
 * redirection.  Colours and titles are the terminal's escape sequences; the
 * modes map onto termios where Linux has the same switch. */
#include "kernel32.h"
#include "k32file.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

/* Input modes. */
#define IN_PROCESSED 0x0001u
#define IN_LINE 0x0002u
#define IN_ECHO 0x0004u
#define IN_ALL 0x03ffu /* through ENABLE_VIRTUAL_TERMINAL_INPUT */
#define IN_DEFAULT 0x01f7u /* a new Windows 10 console's */
/* Output modes. */
#define OUT_ALL 0x001fu /* through ENABLE_LVB_GRID_WORLDWIDE */
#define OUT_DEFAULT 0x0003u /* PROCESSED | WRAP_AT_EOL */
#define ATTR_DEFAULT 0x0007u
#define CP_UTF8_ 65001u

static pthread_mutex_t con_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    DWORD in_extra;  /* the input mode bits termios does not hold */
    DWORD out_mode;
    WORD attr;
    bool freed;      /* FreeConsole called, no AllocConsole since */
    char *title;
} con = {IN_DEFAULT & ~(IN_PROCESSED | IN_LINE | IN_ECHO), OUT_DEFAULT, ATTR_DEFAULT, false, NULL};

/* The terminal behind a console handle (a file handle, or a STD_*_HANDLE
 * value standing for one), or -1 with ERROR_INVALID_HANDLE; *input says
 * whether it is the input side: standard input, or a handle opened for
 * reading only (CONIN$). */
static int console_fd(struct ws_call *c, HANDLE h, bool *input)
{
    struct ws_file *f = k32_file(h);
    int fd = f ? f->fd : -1;
    if (fd >= 0)
        *input = fd == 0 || !(f->access & (WS_FILE_WRITE | WS_FILE_APPEND));
    if (f)
        ws_file_put(f); /* the descriptor stays: the handle holds the object */
    if (fd < 0 || !isatty(fd)) {
        ws_fail(c, ERROR_INVALID_HANDLE);
        return -1;
    }
    return fd;
}

static int output_fd(struct ws_call *c, HANDLE h)
{
    bool input;
    int fd = console_fd(c, h, &input);
    if (fd >= 0 && input) {
        ws_fail(c, ERROR_INVALID_HANDLE);
        fd = -1;
    }
    return fd;
}

/* Input: line input, echo and Ctrl+C processing are the terminal's ICANON,
 * ECHO and ISIG; the other bits are kept as set. */
WS2P_EXPORT BOOL GetConsoleMode(HANDLE h, DWORD *mode)
{
    struct ws_call c = WS_CALL32("GetConsoleMode");
    bool input;
    BOOL ret = 0;
    int fd = console_fd(&c, h, &input);
    if (fd < 0)
        ;
    else if (ws_bad_ptr(mode))
        ws_fail(&c, ERROR_NOACCESS);
    else {
        pthread_mutex_lock(&con_lock);
        if (input) {
            struct termios t;
            DWORD m = con.in_extra;
            if (tcgetattr(fd, &t) == 0)
                m |= (t.c_lflag & ISIG ? IN_PROCESSED : 0) | (t.c_lflag & ICANON ? IN_LINE : 0) |
                     (t.c_lflag & ECHO ? IN_ECHO : 0);
            *mode = m;
        } else
            *mode = con.out_mode;
        pthread_mutex_unlock(&con_lock);
        ret = 1;
    }
    return WS_EXIT32(&c, ret, "h=%p, mode=%#x", h, ret ? (unsigned)*mode : 0u);
}

WS2P_EXPORT BOOL SetConsoleMode(HANDLE h, DWORD mode)
{
    struct ws_call c = WS_CALL32("SetConsoleMode");
    bool input;
    BOOL ret = 0;
    int fd = console_fd(&c, h, &input);
    if (fd < 0)
        ;
    else if (mode & ~(input ? IN_ALL : OUT_ALL))
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else {
        pthread_mutex_lock(&con_lock);
        if (input) {
            struct termios t;
            if (tcgetattr(fd, &t) == 0) {
                tcflag_t want = (mode & IN_PROCESSED ? ISIG : 0) | (mode & IN_LINE ? ICANON : 0) |
                                (mode & IN_ECHO ? ECHO : 0);
                t.c_lflag = (t.c_lflag & ~(tcflag_t)(ISIG | ICANON | ECHO)) | want;
                if (tcsetattr(fd, TCSANOW, &t) != 0)
                    ws_fail_errno32(&c, "tcsetattr", errno);
            }
            con.in_extra = mode & ~(IN_PROCESSED | IN_LINE | IN_ECHO);
        } else
            con.out_mode = mode;
        pthread_mutex_unlock(&con_lock);
        ret = c.err == WS_ERR_KEEP;
    }
    return WS_EXIT32(&c, ret, "h=%p, mode=%#x", h, (unsigned)mode);
}

static bool write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* Only to a console: a redirected handle is ERROR_INVALID_HANDLE
 * (WriteConsole docs; programs then use WriteFile). */
WS2P_EXPORT BOOL WriteConsoleA(HANDLE h, const void *buf, DWORD n, DWORD *written, void *reserved)
{
    struct ws_call c = WS_CALL32("WriteConsoleA");
    (void)reserved;
    BOOL ret = 0;
    int fd = output_fd(&c, h);
    if (fd < 0)
        ;
    else if (n && ws_bad_ptr(buf))
        ws_fail(&c, ERROR_NOACCESS);
    else if (!write_all(fd, buf, n))
        ws_fail_errno32(&c, "write", errno);
    else {
        if (written && !ws_bad_ptr(written))
            *written = n;
        ret = 1;
    }
    return WS_EXIT32(&c, ret, "h=%p, n=%u", h, (unsigned)n);
}

/* n WCHARs, written as UTF-8; *written counts WCHARs. */
WS2P_EXPORT BOOL WriteConsoleW(HANDLE h, const WCHAR *buf, DWORD n, DWORD *written, void *reserved)
{
    struct ws_call c = WS_CALL32("WriteConsoleW");
    (void)reserved;
    BOOL ret = 0;
    int fd = output_fd(&c, h);
    WCHAR *copy = NULL;
    char *u = NULL;
    if (fd < 0)
        ;
    else if (n && ws_bad_ptr(buf))
        ws_fail(&c, ERROR_NOACCESS);
    else if (!(copy = malloc(((size_t)n + 1) * sizeof *copy)))
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    else {
        memcpy(copy, buf, (size_t)n * sizeof *copy);
        copy[n] = 0; /* an embedded zero ends the text early: rare, and harmless */
        if (!(u = ws_name_from_wide(copy)))
            ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
        else if (!write_all(fd, u, strlen(u)))
            ws_fail_errno32(&c, "write", errno);
        else {
            if (written && !ws_bad_ptr(written))
                *written = n;
            ret = 1;
        }
    }
    free(copy);
    free(u);
    return WS_EXIT32(&c, ret, "h=%p, n=%u", h, (unsigned)n);
}

/* The attribute as an SGR sequence.  Windows' colour bits are blue 1,
 * green 2, red 4, intensity 8 (background: the same, shifted by 4); ANSI's
 * colour numbers put red first.  The console's defaults, grey on black,
 * are the terminal's own defaults here (39/49), so that restoring the
 * attributes a program saved does not paint a light terminal black. */
static int sgr(WORD attr, char *out, size_t size)
{
    static const int ansi[8] = {0, 4, 2, 6, 1, 5, 3, 7};
    unsigned fg = attr & 0xf, bg = (attr >> 4) & 0xf;
    if (attr == ATTR_DEFAULT)
        return snprintf(out, size, "\x1b[0m");
    int fgc = fg == 7 ? 39 : (fg & 8 ? 90 : 30) + ansi[fg & 7];
    int bgc = bg == 0 ? 49 : (bg & 8 ? 100 : 40) + ansi[bg & 7];
    return snprintf(out, size, "\x1b[0;%d;%d%s%sm", fgc, bgc, attr & 0x8000 ? ";4" : "", attr & 0x4000 ? ";7" : "");
}

WS2P_EXPORT BOOL SetConsoleTextAttribute(HANDLE h, WORD attr)
{
    struct ws_call c = WS_CALL32("SetConsoleTextAttribute");
    BOOL ret = 0;
    int fd = output_fd(&c, h);
    if (fd >= 0) {
        char seq[48];
        int n = sgr(attr, seq, sizeof seq);
        pthread_mutex_lock(&con_lock);
        con.attr = attr;
        pthread_mutex_unlock(&con_lock);
        if (!write_all(fd, seq, (size_t)n))
            ws_fail_errno32(&c, "write", errno);
        else
            ret = 1;
    }
    return WS_EXIT32(&c, ret, "h=%p, attr=%#x", h, (unsigned)attr);
}

struct WS_COORD {
    SHORT X, Y;
};
struct WS_SMALL_RECT {
    SHORT Left, Top, Right, Bottom;
};
struct WS_CONSOLE_SCREEN_BUFFER_INFO {
    struct WS_COORD dwSize, dwCursorPosition;
    WORD wAttributes;
    struct WS_SMALL_RECT srWindow;
    struct WS_COORD dwMaximumWindowSize;
};

_Static_assert(sizeof(struct WS_CONSOLE_SCREEN_BUFFER_INFO) == 22, "CONSOLE_SCREEN_BUFFER_INFO is 22 bytes");

/* The terminal's size is the buffer and the window (no scroll-back here);
 * the cursor position is not known without asking the terminal, which
 * would mean reading its input: reported as the top-left corner. */
WS2P_EXPORT BOOL GetConsoleScreenBufferInfo(HANDLE h, struct WS_CONSOLE_SCREEN_BUFFER_INFO *info)
{
    struct ws_call c = WS_CALL32("GetConsoleScreenBufferInfo");
    BOOL ret = 0;
    int fd = output_fd(&c, h);
    if (fd < 0)
        ;
    else if (ws_bad_ptr(info))
        ws_fail(&c, ERROR_NOACCESS);
    else {
        struct winsize ws;
        SHORT cols = 80, rows = 25;
        if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col && ws.ws_row) {
            cols = (SHORT)(ws.ws_col > 32767 ? 32767 : ws.ws_col);
            rows = (SHORT)(ws.ws_row > 32767 ? 32767 : ws.ws_row);
        }
        memset(info, 0, sizeof *info);
        info->dwSize = (struct WS_COORD){cols, rows};
        info->srWindow = (struct WS_SMALL_RECT){0, 0, (SHORT)(cols - 1), (SHORT)(rows - 1)};
        info->dwMaximumWindowSize = info->dwSize;
        pthread_mutex_lock(&con_lock);
        info->wAttributes = con.attr;
        pthread_mutex_unlock(&con_lock);
        ret = 1;
    }
    return WS_EXIT32(&c, ret, "h=%p", h);
}

/* The terminal the console output goes to: standard output if it is one,
 * else standard error; -1 when neither is. */
static int terminal_out(void)
{
    return isatty(1) ? 1 : isatty(2) ? 2 : -1;
}

static BOOL set_title(struct ws_call *c, const char *title)
{
    int fd = terminal_out();
    char *copy = NULL;
    if (fd < 0) {
        ws_fail(c, ERROR_INVALID_HANDLE);
        return 0;
    }
    if (!title || ws_bad_ptr(title) || !(copy = strdup(title))) {
        ws_fail(c, title && !ws_bad_ptr(title) ? ERROR_NOT_ENOUGH_MEMORY : ERROR_NOACCESS);
        return 0;
    }
    pthread_mutex_lock(&con_lock);
    free(con.title);
    con.title = copy;
    pthread_mutex_unlock(&con_lock);
    char seq[600];
    int n = snprintf(seq, sizeof seq, "\x1b]0;%.512s\x07", title);
    write_all(fd, seq, (size_t)(n < (int)sizeof seq ? n : (int)sizeof seq - 1));
    return 1;
}

WS2P_EXPORT BOOL SetConsoleTitleA(const char *title)
{
    struct ws_call c = WS_CALL32("SetConsoleTitleA");
    BOOL ret = set_title(&c, title);
    return WS_EXIT32(&c, ret, "title=%s", ret ? title : "");
}

WS2P_EXPORT BOOL SetConsoleTitleW(const WCHAR *title)
{
    struct ws_call c = WS_CALL32("SetConsoleTitleW");
    char *u = title && !ws_bad_ptr(title) ? ws_name_from_wide(title) : NULL;
    BOOL ret = 0;
    if (title && !ws_bad_ptr(title) && !u)
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    else
        ret = set_title(&c, u);
    (void)WS_EXIT32(&c, ret, "title=%s", u ? u : "");
    free(u);
    return ret;
}

/* The title set here ("" before any): its length copied, at most size - 1
 * characters and a zero. */
WS2P_EXPORT DWORD GetConsoleTitleA(char *buf, DWORD size)
{
    struct ws_call c = WS_CALL32("GetConsoleTitleA");
    DWORD n = 0;
    if (!size || ws_bad_ptr(buf))
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else {
        pthread_mutex_lock(&con_lock);
        const char *t = con.title ? con.title : "";
        n = (DWORD)strlen(t);
        if (n >= size)
            n = size - 1;
        memcpy(buf, t, n);
        buf[n] = 0;
        pthread_mutex_unlock(&con_lock);
    }
    return WS_EXIT32(&c, n, "size=%u", (unsigned)size);
}

WS2P_EXPORT DWORD GetConsoleTitleW(WCHAR *buf, DWORD size)
{
    struct ws_call c = WS_CALL32("GetConsoleTitleW");
    DWORD n = 0;
    if (!size || ws_bad_ptr(buf))
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else {
        pthread_mutex_lock(&con_lock);
        n = (DWORD)ws_name_to_wide(con.title ? con.title : "", buf, size);
        pthread_mutex_unlock(&con_lock);
        if (n >= size)
            n = size - 1;
        buf[n] = 0;
    }
    return WS_EXIT32(&c, n, "size=%u", (unsigned)size);
}

/* Linux terminals speak UTF-8; no other code page can be honoured. */
WS2P_EXPORT UINT GetConsoleCP(void)
{
    struct ws_call c = WS_CALL32("GetConsoleCP");
    return WS_EXIT32(&c, CP_UTF8_, "");
}

WS2P_EXPORT UINT GetConsoleOutputCP(void)
{
    struct ws_call c = WS_CALL32("GetConsoleOutputCP");
    return WS_EXIT32(&c, CP_UTF8_, "");
}

static BOOL set_cp(struct ws_call *c, UINT cp)
{
    if (cp == CP_UTF8_)
        return 1;
    ws_fail(c, ERROR_INVALID_PARAMETER);
    return 0;
}

WS2P_EXPORT BOOL SetConsoleCP(UINT cp)
{
    struct ws_call c = WS_CALL32("SetConsoleCP");
    BOOL ret = set_cp(&c, cp);
    return WS_EXIT32(&c, ret, "cp=%u", cp);
}

WS2P_EXPORT BOOL SetConsoleOutputCP(UINT cp)
{
    struct ws_call c = WS_CALL32("SetConsoleOutputCP");
    BOOL ret = set_cp(&c, cp);
    return WS_EXIT32(&c, ret, "cp=%u", cp);
}

/* A terminal has no window handle. */
WS2P_EXPORT HWND GetConsoleWindow(void)
{
    struct ws_call c = WS_CALL32("GetConsoleWindow");
    return WS_EXIT32(&c, (HWND)NULL, "");
}

/* Detaching changes nothing a process here could notice but AllocConsole,
 * which then succeeds (the terminal is attached again); with a terminal
 * attached it fails with ERROR_ACCESS_DENIED, as on Windows.  Without any
 * terminal no console can be made: ERROR_NOT_SUPPORTED. */
WS2P_EXPORT BOOL FreeConsole(void)
{
    struct ws_call c = WS_CALL32("FreeConsole");
    pthread_mutex_lock(&con_lock);
    con.freed = true;
    pthread_mutex_unlock(&con_lock);
    return WS_EXIT32(&c, 1, "");
}

WS2P_EXPORT BOOL AllocConsole(void)
{
    struct ws_call c = WS_CALL32("AllocConsole");
    BOOL ret = 0;
    bool tty = isatty(0) || isatty(1) || isatty(2);
    pthread_mutex_lock(&con_lock);
    if (tty && !con.freed)
        ws_fail(&c, ERROR_ACCESS_DENIED);
    else if (!tty)
        ws_fail(&c, ERROR_NOT_SUPPORTED);
    else {
        con.freed = false;
        ret = 1;
    }
    pthread_mutex_unlock(&con_lock);
    return WS_EXIT32(&c, ret, "");
}
