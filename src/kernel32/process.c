/* The process: GetExitCodeProcess, IsWow64Process(2), GetCommandLineA/W,
 * ExitProcess, TerminateProcess.  GetCurrentProcess and GetCurrentProcessId
 * are in thread.c with the thread ids.  Only the calling process exists
 * here: any other process handle is ERROR_INVALID_HANDLE. */
#include "kernel32.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MACHINE_UNKNOWN_ 0
#if defined(__aarch64__)
#define MACHINE_NATIVE_ 0xaa64
#elif defined(__i386__)
#define MACHINE_NATIVE_ 0x014c
#else
#define MACHINE_NATIVE_ 0x8664
#endif

/* The process's own handle (the pseudo-handle or a duplicate of it). */
static bool own_process(struct ws_call *c, HANDLE h)
{
    ws_obj *o = ws_handle_obj(h, WS_OBJ_PROCESS);
    if (!o) {
        ws_fail(c, ERROR_INVALID_HANDLE);
        return false;
    }
    ws_obj_unref(o);
    return true;
}

/* A running process: STILL_ACTIVE. */
WS2P_EXPORT BOOL GetExitCodeProcess(HANDLE h, DWORD *code)
{
    struct ws_call c = WS_CALL32("GetExitCodeProcess");
    BOOL ret = 0;
    if (own_process(&c, h)) {
        if (ws_bad_ptr(code))
            ws_fail(&c, ERROR_NOACCESS);
        else {
            *code = WS_STILL_ACTIVE;
            ret = 1;
        }
    }
    return WS_EXIT32(&c, ret, "h=%p", h);
}

/* A native process is not under WOW64. */
WS2P_EXPORT BOOL IsWow64Process(HANDLE h, BOOL *wow64)
{
    struct ws_call c = WS_CALL32("IsWow64Process");
    BOOL ret = 0;
    if (own_process(&c, h)) {
        if (ws_bad_ptr(wow64))
            ws_fail(&c, ERROR_NOACCESS);
        else {
            *wow64 = 0;
            ret = 1;
        }
    }
    return WS_EXIT32(&c, ret, "h=%p", h);
}

WS2P_EXPORT BOOL IsWow64Process2(HANDLE h, USHORT *process_machine, USHORT *native_machine)
{
    struct ws_call c = WS_CALL32("IsWow64Process2");
    BOOL ret = 0;
    if (own_process(&c, h)) {
        if (ws_bad_ptr(process_machine))
            ws_fail(&c, ERROR_NOACCESS);
        else {
            *process_machine = MACHINE_UNKNOWN_;
            if (native_machine && !ws_bad_ptr(native_machine))
                *native_machine = MACHINE_NATIVE_;
            ret = 1;
        }
    }
    return WS_EXIT32(&c, ret, "h=%p", h);
}

/* ---- the command line ------------------------------------------------------ */
/* Windows keeps one string; here it is rebuilt once from /proc/self/cmdline,
 * each argument quoted the way CommandLineToArgvW and the C runtime split
 * it again (quotes around one with a blank, or an empty one; backslashes
 * doubled before a quote). */
static char *cmdline_a;
static WCHAR *cmdline_w;
static pthread_once_t cmdline_once = PTHREAD_ONCE_INIT;

static void quote_arg(FILE *f, const char *a)
{
    bool q = !*a || strpbrk(a, " \t\n\v\"") != NULL;
    if (!q) {
        fputs(a, f);
        return;
    }
    fputc('"', f);
    for (const char *p = a;; p++) {
        size_t bs = 0;
        while (*p == '\\') {
            bs++;
            p++;
        }
        if (!*p) {
            for (size_t i = 0; i < bs * 2; i++)
                fputc('\\', f);
            break;
        }
        for (size_t i = 0; i < (*p == '"' ? bs * 2 + 1 : bs); i++)
            fputc('\\', f);
        fputc(*p, f);
    }
    fputc('"', f);
}

static void build_cmdline(void)
{
    char buf[65536];
    size_t n = 0;
    int fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ssize_t r;
        while (n < sizeof buf - 1 && (r = read(fd, buf + n, sizeof buf - 1 - n)) > 0)
            n += (size_t)r;
        close(fd);
    }
    buf[n] = 0;
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f)
        return;
    for (size_t i = 0; i < n; i += strlen(buf + i) + 1) {
        if (i)
            fputc(' ', f);
        quote_arg(f, buf + i);
    }
    fclose(f);
    cmdline_a = out;
    size_t wn = out ? ws_name_to_wide(out, NULL, 0) + 1 : 0;
    if (out && (cmdline_w = malloc(wn * sizeof(WCHAR))) != NULL)
        ws_name_to_wide(out, cmdline_w, wn);
}

WS2P_EXPORT char *GetCommandLineA(void)
{
    struct ws_call c = WS_CALL32("GetCommandLineA");
    pthread_once(&cmdline_once, build_cmdline);
    char *ret = cmdline_a ? cmdline_a : (char *)"";
    return WS_EXIT32(&c, ret, "");
}

WS2P_EXPORT WCHAR *GetCommandLineW(void)
{
    struct ws_call c = WS_CALL32("GetCommandLineW");
    pthread_once(&cmdline_once, build_cmdline);
    WCHAR *ret = cmdline_w ? cmdline_w : (WCHAR *)L"";
    return WS_EXIT32(&c, ret, "");
}

/* ---- ending the process ------------------------------------------------------ */
/* exit(): the C runtime's atexit handlers and stdio flushing run, as they do
 * when ExitProcess detaches the CRT on Windows. */
WS2P_EXPORT __attribute__((noreturn)) void ExitProcess(UINT code)
{
    struct ws_call c = WS_CALL32("ExitProcess");
    (void)WS_EXIT32(&c, 0, "code=%u", code);
    exit((int)code);
}

/* The calling process ends at once, nothing else runs (TerminateProcess
 * docs); no other process can be named here. */
WS2P_EXPORT BOOL TerminateProcess(HANDLE h, UINT code)
{
    struct ws_call c = WS_CALL32("TerminateProcess");
    if (own_process(&c, h)) {
        (void)WS_EXIT32(&c, 1, "h=%p, code=%u", h, code);
        _exit((int)code);
    }
    return WS_EXIT32(&c, 0, "h=%p, code=%u", h, code);
}
