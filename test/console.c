/* The console: standard handles (real handles, stable, SetStdHandle),
 * console functions on redirected handles (ERROR_INVALID_HANDLE, as
 * Windows programs test to tell a console from a file), and on a terminal
 * (modes, WriteConsoleA/W, colours, the screen buffer, titles, code pages,
 * AllocConsole/FreeConsole); control handlers (a new thread, the latest
 * first until one returns TRUE, removal, ignoring Ctrl+C).  ctest runs it
 * redirected; test/special/console.sh runs it again on a pseudo-terminal
 * with WS2P_EXPECT_CONSOLE=1, and in WS2P_CTRL_CHILD mode to see the process
 * end after CTRL_CLOSE_EVENT and through the default handler. */
#define WT_NO_STARTUP
#include "wstest.h"

#ifndef CP_UTF8
#define CP_UTF8 65001
#endif

static BOOL env_set(const char *name)
{
    char v[8];
    return GetEnvironmentVariableA(name, v, sizeof v) > 0;
}

WT_CASE(std_handles)
{
    HANDLE out, err, in, h;
    expect_w32(out = GetStdHandle(STD_OUTPUT_HANDLE), out, W32_SENTINEL);
    ok(out && out != INVALID_HANDLE_VALUE, "a standard output handle: %p", out);
    expect_w32(GetStdHandle(STD_OUTPUT_HANDLE), out, W32_SENTINEL); /* the same one each time */
    err = GetStdHandle(STD_ERROR_HANDLE);
    in = GetStdHandle(STD_INPUT_HANDLE);
    ok(err && err != out && err != INVALID_HANDLE_VALUE, "standard error: another handle");
    ok(in != INVALID_HANDLE_VALUE, "standard input");
    DWORD flags;
    expect_w32(GetHandleInformation(out, &flags), TRUE, W32_SENTINEL); /* a real handle */
    expect_w32(GetStdHandle(0), INVALID_HANDLE_VALUE, ERROR_INVALID_HANDLE);
    expect_w32(GetStdHandle((DWORD)-13), INVALID_HANDLE_VALUE, ERROR_INVALID_HANDLE);
    h = CreateEventA(NULL, FALSE, FALSE, NULL);
    expect_w32(SetStdHandle(STD_OUTPUT_HANDLE, h), TRUE, W32_SENTINEL);
    expect_w32(GetStdHandle(STD_OUTPUT_HANDLE), h, W32_SENTINEL);
    expect_w32(SetStdHandle(STD_OUTPUT_HANDLE, out), TRUE, W32_SENTINEL);
    expect_w32(GetStdHandle(STD_OUTPUT_HANDLE), out, W32_SENTINEL);
    expect_w32(SetStdHandle(5, out), FALSE, ERROR_INVALID_HANDLE);
    /* Not console handles, whatever the standard ones are. */
    DWORD mode;
    expect_w32(GetConsoleMode(h, &mode), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(SetConsoleMode(h, 0), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(SetConsoleTextAttribute(h, FOREGROUND_RED), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(GetConsoleMode(NULL, &mode), FALSE, ERROR_INVALID_HANDLE);
    CloseHandle(h);
    expect_w32(GetConsoleMode(h, &mode), FALSE, ERROR_INVALID_HANDLE);
#ifdef __WS2POSIX__
    expect_w32(GetConsoleWindow(), NULL, W32_SENTINEL); /* a terminal has no window handle */
#endif
}

/* The standard handles are file handles: WriteFile, GetFileType,
 * DuplicateHandle and CloseHandle work on them whatever they are (a pipe
 * or file under ctest, a terminal in console.sh). */
WT_CASE(std_file_io)
{
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE), in = GetStdHandle(STD_INPUT_HANDLE), dup = NULL;
    DWORD n = 0, type;
    expect_w32(type = GetFileType(out), type, W32_SENTINEL);
    ok(type == FILE_TYPE_DISK || type == FILE_TYPE_CHAR || type == FILE_TYPE_PIPE, "standard output's type: %lu",
       (unsigned long)type);
    if (in) {
        expect_w32(type = GetFileType(in), type, W32_SENTINEL);
        ok(type != FILE_TYPE_UNKNOWN, "standard input's type: %lu", (unsigned long)type);
    }
    expect_w32(WriteFile(out, "std: writefile\n", 15, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 15, "WriteFile wrote %lu", (unsigned long)n);
    expect_w32(DuplicateHandle(GetCurrentProcess(), out, GetCurrentProcess(), &dup, 0, FALSE, DUPLICATE_SAME_ACCESS),
               TRUE, W32_SENTINEL);
    ok(dup && dup != out, "a new handle: %p", dup);
    expect_w32(WriteFile(dup, "std: duplicate\n", 15, &n, NULL), TRUE, W32_SENTINEL);
    expect_w32(GetFileType(dup), GetFileType(out), W32_SENTINEL);
    expect_w32(CloseHandle(dup), TRUE, W32_SENTINEL);
    expect_w32(WriteFile(dup, "x", 1, &n, NULL), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(WriteFile(out, "std: still open\n", 16, &n, NULL), TRUE, W32_SENTINEL);
}

/* WS2P_STDIO_CHILD=1 (console.sh): standard input is a file holding
 * "stdio text\n", standard output a file.  ReadFile reads it, then sees
 * its end; a read-only handle refuses writes; closing standard output
 * makes its handle invalid, and GetStdHandle still answers the value. */
WT_CASE(stdio_child)
{
    char mode[8] = "", buf[64];
    DWORD n = 0xdead;
    if (!GetEnvironmentVariableA("WS2P_STDIO_CHILD", mode, sizeof mode))
        return;
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE), out = GetStdHandle(STD_OUTPUT_HANDLE);
    expect_w32(GetFileType(in), FILE_TYPE_DISK, W32_SENTINEL);
    expect_w32(GetFileType(out), FILE_TYPE_DISK, W32_SENTINEL);
    expect_w32(ReadFile(in, buf, sizeof buf, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 11 && !memcmp(buf, "stdio text\n", 11), "ReadFile read %lu", (unsigned long)n);
    expect_w32(ReadFile(in, buf, sizeof buf, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 0, "then the end of the file: %lu", (unsigned long)n);
    expect_w32(WriteFile(in, "x", 1, &n, NULL), FALSE, ERROR_ACCESS_DENIED);
    expect_w32(WriteFile((HANDLE)(ULONG_PTR)STD_OUTPUT_HANDLE, "stdio: copied\n", 14, &n, NULL), TRUE, W32_SENTINEL);
    expect_w32(WriteFile(out, buf, 0, &n, NULL), TRUE, W32_SENTINEL);
    expect_w32(CloseHandle(out), TRUE, W32_SENTINEL);
    expect_w32(CloseHandle(out), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(WriteFile(out, "x", 1, &n, NULL), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(GetStdHandle(STD_OUTPUT_HANDLE), out, W32_SENTINEL);
    exit(wt_failed ? 1 : 0); /* standard output is gone: the other cases are not for this run */
}

/* Standard output redirected (ctest): the console functions refuse it. */
WT_CASE(redirected)
{
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    DWORD mode = 0xdead, written = 0xdead;
    CONSOLE_SCREEN_BUFFER_INFO info;
    if (GetConsoleMode(out, &mode)) {
        ok(env_set("WS2P_EXPECT_CONSOLE"), "standard output is a console only when asked for");
        return;
    }
    ok(!env_set("WS2P_EXPECT_CONSOLE"), "standard output should be a console here");
    expect_w32(GetConsoleMode(out, &mode), FALSE, ERROR_INVALID_HANDLE);
    ok(mode == 0xdead, "nothing stored");
    expect_w32(WriteConsoleA(out, "x", 1, &written, NULL), FALSE, ERROR_INVALID_HANDLE);
    ok(written == 0xdead, "nothing written");
    expect_w32(WriteConsoleW(out, L"x", 1, &written, NULL), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(SetConsoleTextAttribute(out, FOREGROUND_GREEN), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(GetConsoleScreenBufferInfo(out, &info), FALSE, ERROR_INVALID_HANDLE);
    expect_w32(SetConsoleMode(out, ENABLE_PROCESSED_OUTPUT), FALSE, ERROR_INVALID_HANDLE);
}

/* Standard output is a terminal (test/special/console.sh). */
WT_CASE(terminal)
{
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE), in = GetStdHandle(STD_INPUT_HANDLE);
    DWORD mode = 0, written = 0;
    if (!GetConsoleMode(out, &mode)) {
        ok(!env_set("WS2P_EXPECT_CONSOLE"), "standard output should be a console here");
        return;
    }
    ok(mode == (ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT), "a new console's output mode: %#lx",
       (unsigned long)mode);
    expect_w32(SetConsoleMode(out, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING), TRUE, W32_SENTINEL);
    expect_w32(GetConsoleMode(out, &mode), TRUE, W32_SENTINEL);
    ok(mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING, "the mode set is reported");
    expect_w32(SetConsoleMode(out, 0x100), FALSE, ERROR_INVALID_PARAMETER);
    SetConsoleMode(out, ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT);
    /* The input side: line input and echo are the terminal's. */
    expect_w32(GetConsoleMode(in, &mode), TRUE, W32_SENTINEL);
    ok((mode & (ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT | ENABLE_PROCESSED_INPUT)) ==
           (ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT | ENABLE_PROCESSED_INPUT),
       "cooked input: %#lx", (unsigned long)mode);
    DWORD saved = mode;
    expect_w32(SetConsoleMode(in, mode & ~ENABLE_ECHO_INPUT), TRUE, W32_SENTINEL);
    GetConsoleMode(in, &mode);
    ok(!(mode & ENABLE_ECHO_INPUT) && (mode & ENABLE_LINE_INPUT), "echo off, line input kept: %#lx",
       (unsigned long)mode);
    SetConsoleMode(in, saved);
    GetConsoleMode(in, &mode);
    ok(mode == saved, "restored");

    expect_w32(WriteConsoleA(out, "console: hello\r\n", 16, &written, NULL), TRUE, W32_SENTINEL);
    ok(written == 16, "WriteConsoleA wrote %lu", (unsigned long)written);
    static const WCHAR w[] = L"console: h\x00e9llo \x263a\r\n";
    expect_w32(WriteConsoleW(out, w, (DWORD)(sizeof w / sizeof w[0] - 1), &written, NULL), TRUE, W32_SENTINEL);
    ok(written == sizeof w / sizeof w[0] - 1, "WriteConsoleW counts characters: %lu", (unsigned long)written);

    CONSOLE_SCREEN_BUFFER_INFO info;
    expect_w32(GetConsoleScreenBufferInfo(out, &info), TRUE, W32_SENTINEL);
    WORD original = info.wAttributes;
    ok(info.dwSize.X > 0 && info.dwSize.Y > 0 && info.srWindow.Right == info.dwSize.X - 1 &&
           info.srWindow.Bottom - info.srWindow.Top + 1 <= info.dwSize.Y,
       "a %dx%d buffer, window %d..%d", info.dwSize.X, info.dwSize.Y, info.srWindow.Left, info.srWindow.Right);
    expect_w32(SetConsoleTextAttribute(out, FOREGROUND_RED | FOREGROUND_INTENSITY | BACKGROUND_BLUE), TRUE,
               W32_SENTINEL);
    WriteConsoleA(out, "console: red on blue", 20, &written, NULL);
    GetConsoleScreenBufferInfo(out, &info);
    ok(info.wAttributes == (FOREGROUND_RED | FOREGROUND_INTENSITY | BACKGROUND_BLUE), "the attributes set: %#x",
       info.wAttributes);
    expect_w32(SetConsoleTextAttribute(out, original), TRUE, W32_SENTINEL);
    WriteConsoleA(out, "\r\n", 2, &written, NULL);

    char title[64];
    expect_w32(SetConsoleTitleA("ws2posix console test"), TRUE, W32_SENTINEL);
    expect_w32(GetConsoleTitleA(title, sizeof title), 21, W32_SENTINEL);
    ok(!strcmp(title, "ws2posix console test"), "the title back: %s", title);
    expect_w32(SetConsoleOutputCP(CP_UTF8), TRUE, W32_SENTINEL);
    expect_w32(GetConsoleOutputCP(), CP_UTF8, W32_SENTINEL);

    expect_w32(AllocConsole(), FALSE, ERROR_ACCESS_DENIED); /* one console per process */
    expect_w32(FreeConsole(), TRUE, W32_SENTINEL);
    expect_w32(AllocConsole(), TRUE, W32_SENTINEL);
}

/* ---- control handlers ----------------------------------------------------- */

static HANDLE ctrl_done;
static volatile LONG ctrl_order[8], ctrl_n;
static volatile DWORD ctrl_thread, ctrl_type;

static BOOL WINAPI first_handler(DWORD type)
{
    ctrl_order[InterlockedIncrement(&ctrl_n) & 7] = 1;
    ctrl_type = type;
    ctrl_thread = GetCurrentThreadId();
    SetEvent(ctrl_done);
    return TRUE; /* handled */
}

static BOOL WINAPI second_handler(DWORD type)
{
    (void)type;
    ctrl_order[InterlockedIncrement(&ctrl_n) & 7] = 2;
    return FALSE; /* on to the next one */
}

WT_CASE(ctrl_handlers)
{
    ctrl_done = CreateEventA(NULL, FALSE, FALSE, NULL);
    ctrl_n = 0;
    expect_w32(SetConsoleCtrlHandler(first_handler, TRUE), TRUE, W32_SENTINEL);
    expect_w32(SetConsoleCtrlHandler(second_handler, TRUE), TRUE, W32_SENTINEL);
    expect_w32(GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0), TRUE, W32_SENTINEL);
    ok(WaitForSingleObject(ctrl_done, 5000) == WAIT_OBJECT_0, "the handlers ran");
    ok(ctrl_n == 2 && ctrl_order[1] == 2 && ctrl_order[2] == 1, "the latest first, until one returned TRUE");
    ok(ctrl_type == CTRL_C_EVENT, "CTRL_C_EVENT (%lu)", (unsigned long)ctrl_type);
    ok(ctrl_thread != 0 && ctrl_thread != GetCurrentThreadId(), "on another thread");
    DWORD first_thread = ctrl_thread;
    expect_w32(SetConsoleCtrlHandler(second_handler, FALSE), TRUE, W32_SENTINEL);
    expect_w32(SetConsoleCtrlHandler(second_handler, FALSE), FALSE, ERROR_INVALID_PARAMETER);
    ctrl_n = 0;
    expect_w32(GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, 0), TRUE, W32_SENTINEL);
    ok(WaitForSingleObject(ctrl_done, 5000) == WAIT_OBJECT_0, "CTRL_BREAK_EVENT handled");
    ok(ctrl_n == 1 && ctrl_type == CTRL_BREAK_EVENT, "only the remaining handler, with CTRL_BREAK_EVENT");
    ok(ctrl_thread != first_thread, "a new thread for each event");
    /* Ignoring Ctrl+C: no handler runs for it. */
    expect_w32(SetConsoleCtrlHandler(NULL, TRUE), TRUE, W32_SENTINEL);
    ctrl_n = 0;
    GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0);
    ok(WaitForSingleObject(ctrl_done, 300) == WAIT_TIMEOUT && ctrl_n == 0, "Ctrl+C ignored");
    expect_w32(SetConsoleCtrlHandler(NULL, FALSE), TRUE, W32_SENTINEL);
    GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0);
    ok(WaitForSingleObject(ctrl_done, 5000) == WAIT_OBJECT_0 && ctrl_n == 1, "Ctrl+C handled again");
    expect_w32(GenerateConsoleCtrlEvent(CTRL_CLOSE_EVENT, 0), FALSE, ERROR_INVALID_PARAMETER);
    expect_w32(SetConsoleCtrlHandler(first_handler, FALSE), TRUE, W32_SENTINEL);
    CloseHandle(ctrl_done);
}

/* The child side of test/special/console.sh: with WS2P_CTRL_CHILD=close a
 * handler that returns TRUE still ends the process after CTRL_CLOSE_EVENT
 * (SIGTERM); with =default no handler handles Ctrl+C (SIGINT) and the
 * default handler ends it.  Either way the process never gets back here. */
static BOOL WINAPI child_handler(DWORD type)
{
    printf("handler %lu\n", (unsigned long)type);
    fflush(stdout);
    return type == CTRL_CLOSE_EVENT;
}

WT_CASE(ctrl_child)
{
    char mode[16] = "";
    SetLastError(W32_SENTINEL);
    if (!GetEnvironmentVariableA("WS2P_CTRL_CHILD", mode, sizeof mode)) {
        ok(GetLastError() == ERROR_ENVVAR_NOT_FOUND, "not a child: the variable is unset");
        return;
    }
    SetConsoleCtrlHandler(child_handler, TRUE);
    printf("ready\n");
    fflush(stdout);
    Sleep(20000);
    printf("not ended\n");
    exit(4);
}

WT_MAIN(ctrl_child, stdio_child, std_handles, std_file_io, redirected, terminal, ctrl_handlers)
