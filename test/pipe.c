/* Pipes: CreatePipe (a closed writer is ERROR_BROKEN_PIPE for the reader,
 * a closed reader ERROR_NO_DATA for the writer), PeekNamedPipe, named
 * pipes (CreateNamedPipe, ConnectNamedPipe, DisconnectNamedPipe,
 * WaitNamedPipe, instances and ERROR_PIPE_BUSY, byte and message mode,
 * the process ids).  Facts from Wine's dlls/kernel32/tests/pipe.c
 * (test_CreateNamedPipe, test_CreatePipe, test_CloseHandle; notes in
 * /work/ref/notes-files.md). */
#include "wstest.h"

static char pipename[64];

static void name_pipe(const char *tag)
{
    snprintf(pipename, sizeof pipename, "\\\\.\\PiPe\\ws2p-%s-%lu", tag, (unsigned long)GetCurrentProcessId());
}

static HANDLE client(void)
{
    return CreateFileA(pipename, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
}

WT_CASE(anonymous)
{
    HANDLE r, w;
    DWORD n, avail, left, got;
    char buf[64];
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    expect_w32(CreatePipe(&r, &w, &sa, 0), TRUE, W32_SENTINEL);
    expect_w32(GetFileType(r), FILE_TYPE_PIPE, W32_SENTINEL);
    DWORD flags = 0;
    ok(GetHandleInformation(r, &flags) && (flags & HANDLE_FLAG_INHERIT), "inheritable as asked");
    expect_w32(PeekNamedPipe(r, NULL, 0, NULL, &avail, NULL), TRUE, W32_SENTINEL);
    ok(avail == 0, "empty: %lu", (unsigned long)avail);
    expect_w32(WriteFile(w, "hello pipe", 10, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 10, "wrote %lu", (unsigned long)n);
    memset(buf, 0, sizeof buf);
    expect_w32(PeekNamedPipe(r, buf, 4, &got, &avail, &left), TRUE, W32_SENTINEL);
    ok(got == 4 && avail == 10 && left == (DWORD)-4 && !memcmp(buf, "hell", 4), "peek: %lu %lu %ld", (unsigned long)got,
       (unsigned long)avail, (long)left);
    expect_w32(ReadFile(r, buf, sizeof buf, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 10 && !memcmp(buf, "hello pipe", 10), "read %lu", (unsigned long)n);
    expect_w32(WriteFile(r, "x", 1, &n, NULL), FALSE, ERROR_ACCESS_DENIED);
    expect_w32(ReadFile(w, buf, 1, &n, NULL), FALSE, ERROR_ACCESS_DENIED);
    /* The writer goes: what it wrote is still read, then the pipe is broken. */
    WriteFile(w, "tail", 4, &n, NULL);
    CloseHandle(w);
    expect_w32(ReadFile(r, buf, sizeof buf, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 4, "read the rest: %lu", (unsigned long)n);
    n = 99;
    expect_w32(ReadFile(r, buf, sizeof buf, &n, NULL), FALSE, ERROR_BROKEN_PIPE);
    ok(n == 0, "n %lu", (unsigned long)n);
    expect_w32(ReadFile(r, buf, 0, &n, NULL), FALSE, ERROR_BROKEN_PIPE);
    avail = 99;
    expect_w32(PeekNamedPipe(r, NULL, 0, NULL, &avail, NULL), FALSE, ERROR_BROKEN_PIPE);
    ok(avail == 99, "untouched on failure");
    CloseHandle(r);

    /* The reader goes: writing is "the pipe is being closed", and no SIGPIPE. */
    expect_w32(CreatePipe(&r, &w, NULL, 0), TRUE, W32_SENTINEL);
    ok(GetHandleInformation(w, &flags) && !(flags & HANDLE_FLAG_INHERIT), "not inheritable by default");
    CloseHandle(r);
    expect_w32(WriteFile(w, "x", 1, &n, NULL), FALSE, ERROR_NO_DATA);
    CloseHandle(w);

    /* Bigger than the pipe's buffer when asked for one that size. */
    enum { SIZE = 32768 };
    static unsigned char big[SIZE];
    for (int i = 0; i < SIZE; i++)
        big[i] = (unsigned char)i;
    expect_w32(CreatePipe(&r, &w, NULL, SIZE + 24), TRUE, W32_SENTINEL);
    expect_w32(WriteFile(w, big, SIZE, &n, NULL), TRUE, W32_SENTINEL);
    CloseHandle(w);
    memset(big, 0, SIZE);
    DWORD total = 0;
    while (total < SIZE && ReadFile(r, big + total, SIZE - total, &n, NULL) && n)
        total += n;
    int same = total == SIZE;
    for (int i = 0; same && i < SIZE; i++)
        same = big[i] == (unsigned char)i;
    ok(same, "32 KiB through the pipe: %lu", (unsigned long)total);
    expect_w32(ReadFile(r, buf, sizeof buf, &n, NULL), FALSE, ERROR_BROKEN_PIPE);
    CloseHandle(r);
    expect_w32(PeekNamedPipe(r, NULL, 0, NULL, &avail, NULL), FALSE, ERROR_INVALID_HANDLE);
}

WT_CASE(named_errors)
{
    name_pipe("err");
    expect_w32(WaitNamedPipeA(pipename, 100), FALSE, ERROR_FILE_NOT_FOUND);
    expect_w32(client(), INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND);
    expect_w32(CreateNamedPipeA("not a named pipe", PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_WAIT, 1, 1024, 1024,
                                NMPWAIT_USE_DEFAULT_WAIT, NULL),
               INVALID_HANDLE_VALUE, ERROR_INVALID_NAME);
    expect_w32(CreateNamedPipeA(NULL, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_WAIT, 1, 1024, 1024,
                                NMPWAIT_USE_DEFAULT_WAIT, NULL),
               INVALID_HANDLE_VALUE, ERROR_PATH_NOT_FOUND);
    expect_w32(CreateNamedPipeA(pipename, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_READMODE_MESSAGE, 1, 1024, 1024,
                                NMPWAIT_USE_DEFAULT_WAIT, NULL),
               INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
    expect_w32(CreateNamedPipeA(pipename, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 0, 1024, 1024, 0, NULL),
               INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
    /* FILE_FLAG_FIRST_PIPE_INSTANCE when an instance exists. */
    HANDLE s = CreateNamedPipeA(pipename, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 2, 1024, 1024, 0, NULL);
    ok(s != INVALID_HANDLE_VALUE, "server");
    expect_w32(CreateNamedPipeA(pipename, PIPE_ACCESS_DUPLEX | FILE_FLAG_FIRST_PIPE_INSTANCE, PIPE_TYPE_BYTE, 2, 1024,
                                1024, 0, NULL),
               INVALID_HANDLE_VALUE, ERROR_ACCESS_DENIED);
    HANDLE s2 = CreateNamedPipeA(pipename, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 2, 1024, 1024, 0, NULL);
    ok(s2 != INVALID_HANDLE_VALUE, "a second instance");
    expect_w32(CreateNamedPipeA(pipename, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 2, 1024, 1024, 0, NULL),
               INVALID_HANDLE_VALUE, ERROR_PIPE_BUSY); /* a third of two */
    CloseHandle(s2);
    CloseHandle(s);
    expect_w32(client(), INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND); /* gone with its last instance */
    /* The server end's direction. */
    DWORD n;
    char c;
    s = CreateNamedPipeA(pipename, PIPE_ACCESS_INBOUND, PIPE_TYPE_BYTE, 1, 1024, 1024, 0, NULL);
    expect_w32(WriteFile(s, "x", 1, &n, NULL), FALSE, ERROR_ACCESS_DENIED);
    expect_w32(ReadFile(s, &c, 1, &n, NULL), FALSE, ERROR_PIPE_LISTENING);
    CloseHandle(s);
    s = CreateNamedPipeA(pipename, PIPE_ACCESS_OUTBOUND, PIPE_TYPE_BYTE, 1, 1024, 1024, 0, NULL);
    expect_w32(ReadFile(s, &c, 1, &n, NULL), FALSE, ERROR_ACCESS_DENIED);
    CloseHandle(s);
}

struct connect_arg {
    HANDLE pipe;
    BOOL ret;
    DWORD err;
};

static DWORD WINAPI connect_thread(void *p)
{
    struct connect_arg *a = p;
    SetLastError(W32_SENTINEL);
    a->ret = ConnectNamedPipe(a->pipe, NULL);
    a->err = GetLastError();
    return 0;
}

WT_CASE(named_byte_mode)
{
    name_pipe("byte");
    HANDLE s = CreateNamedPipeA(pipename, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_WAIT, 1, 1024, 1024,
                                NMPWAIT_USE_DEFAULT_WAIT, NULL),
           c;
    DWORD n, avail, left, got;
    char buf[64];
    ok(s != INVALID_HANDLE_VALUE, "CreateNamedPipe: %lu", (unsigned long)GetLastError());
    ok(WaitForSingleObject(s, 0) == WAIT_OBJECT_0, "a server end is signalled");
    expect_w32(PeekNamedPipe(s, NULL, 0, NULL, &avail, NULL), FALSE, ERROR_BAD_PIPE);
    expect_w32(WaitNamedPipeA(pipename, 2000), TRUE, W32_SENTINEL);
    expect_w32((c = client()) != INVALID_HANDLE_VALUE, TRUE, 0);
    /* The only instance is taken. */
    expect_w32(WaitNamedPipeA(pipename, 100), FALSE, ERROR_SEM_TIMEOUT);
    /* The client came before ConnectNamedPipe. */
    expect_w32(ConnectNamedPipe(s, NULL), FALSE, ERROR_PIPE_CONNECTED);
    expect_w32(ConnectNamedPipe(c, NULL), FALSE, ERROR_INVALID_FUNCTION);
    expect_w32(ConnectNamedPipe(s, NULL), FALSE, ERROR_PIPE_CONNECTED);
    expect_w32(WriteFile(s, "Bit Bucket", 11, &n, NULL), TRUE, W32_SENTINEL);
    expect_w32(ReadFile(c, buf, sizeof buf, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 11 && !strcmp(buf, "Bit Bucket"), "server to client: %lu", (unsigned long)n);
    expect_w32(WriteFile(c, "More bits", 10, &n, NULL), TRUE, W32_SENTINEL);
    expect_w32(PeekNamedPipe(s, NULL, 0, NULL, &avail, &left), TRUE, W32_SENTINEL);
    ok(avail == 10 && left == 0, "peek: avail %lu left %lu", (unsigned long)avail, (unsigned long)left);
    expect_w32(PeekNamedPipe(s, buf, 4, &got, &avail, &left), TRUE, W32_SENTINEL);
    ok(got == 4 && avail == 10 && left == (DWORD)-4, "peek 4: %lu %lu %ld", (unsigned long)got, (unsigned long)avail,
       (long)left);
    /* Byte mode: a short read takes part of it, and succeeds. */
    expect_w32(ReadFile(s, buf, 4, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 4 && !memcmp(buf, "More", 4), "part: %lu", (unsigned long)n);
    expect_w32(ReadFile(s, buf, sizeof buf, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 6 && !strcmp(buf, " bits"), "rest: %lu", (unsigned long)n);
    /* The process ids: both ends are this process. */
    ULONG pid = 0;
    expect_w32(GetNamedPipeClientProcessId(s, &pid), TRUE, W32_SENTINEL);
    ok(pid == GetCurrentProcessId(), "client pid %lu", (unsigned long)pid);
    expect_w32(GetNamedPipeServerProcessId(c, &pid), TRUE, W32_SENTINEL);
    ok(pid == GetCurrentProcessId(), "server pid %lu", (unsigned long)pid);
    expect_w32(GetNamedPipeClientProcessId(c, &pid), TRUE, W32_SENTINEL);
    ok(pid == GetCurrentProcessId(), "a client's own pid %lu", (unsigned long)pid);
    /* Only one client per instance, before and after it closes, until
     * DisconnectNamedPipe + ConnectNamedPipe. */
    expect_w32(client(), INVALID_HANDLE_VALUE, ERROR_PIPE_BUSY);
    CloseHandle(c);
    expect_w32(client(), INVALID_HANDLE_VALUE, ERROR_PIPE_BUSY);
    expect_w32(DisconnectNamedPipe(s), TRUE, W32_SENTINEL);
    expect_w32(client(), INVALID_HANDLE_VALUE, ERROR_PIPE_BUSY);
    expect_w32(DisconnectNamedPipe(c), FALSE, ERROR_INVALID_HANDLE); /* closed */
    /* ConnectNamedPipe waits for the next client. */
    struct connect_arg a = {s, 99, 0};
    HANDLE t = CreateThread(NULL, 0, connect_thread, &a, 0, NULL);
    c = INVALID_HANDLE_VALUE;
    for (int i = 0; i < 200 && c == INVALID_HANDLE_VALUE; i++) {
        c = client();
        if (c == INVALID_HANDLE_VALUE)
            Sleep(10);
    }
    ok(c != INVALID_HANDLE_VALUE, "a new client once ConnectNamedPipe waits");
    ok(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "ConnectNamedPipe returned");
    ok(a.ret == TRUE || (a.ret == FALSE && a.err == ERROR_PIPE_CONNECTED), "ConnectNamedPipe: %d %lu", a.ret,
       (unsigned long)a.err);
    CloseHandle(t);
    expect_w32(WriteFile(c, "again", 5, &n, NULL), TRUE, W32_SENTINEL);
    expect_w32(ReadFile(s, buf, sizeof buf, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 5, "the new client talks: %lu", (unsigned long)n);
    /* DisconnectNamedPipe cuts the client off. */
    expect_w32(DisconnectNamedPipe(s), TRUE, W32_SENTINEL);
    expect_w32(ReadFile(s, buf, 1, &n, NULL), FALSE, ERROR_PIPE_NOT_CONNECTED);
    expect_w32(WriteFile(s, "x", 1, &n, NULL), FALSE, ERROR_PIPE_NOT_CONNECTED);
    ok(!ReadFile(c, buf, 1, &n, NULL), "the client's pipe is broken");
    CloseHandle(c);
    CloseHandle(s);
}

WT_CASE(named_message_mode)
{
    name_pipe("msg");
    HANDLE s = CreateNamedPipeA(pipename, PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE | PIPE_WAIT, 1,
                                1024, 1024, NMPWAIT_USE_DEFAULT_WAIT, NULL),
           c = client();
    DWORD n, avail, left, mode;
    char buf[64];
    ok(s != INVALID_HANDLE_VALUE && c != INVALID_HANDLE_VALUE, "pipe and client");
    /* The client starts in byte read mode: a short read succeeds. */
    WriteFile(s, "More bits", 10, &n, NULL);
    expect_w32(PeekNamedPipe(c, NULL, 0, NULL, &avail, &left), TRUE, W32_SENTINEL);
    ok(avail == 10 && left == 10, "message peek: %lu %lu", (unsigned long)avail, (unsigned long)left);
    expect_w32(ReadFile(c, buf, 4, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 4, "part %lu", (unsigned long)n);
    expect_w32(ReadFile(c, buf + 4, sizeof buf - 4, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 6 && !strcmp(buf, "More bits"), "the rest of the message %lu", (unsigned long)n);
    /* The server reads in message mode: a short read is ERROR_MORE_DATA. */
    WriteFile(c, "Bit Bucket", 11, &n, NULL);
    expect_w32(ReadFile(s, buf, 4, &n, NULL), FALSE, ERROR_MORE_DATA);
    ok(n == 4, "read %lu", (unsigned long)n);
    expect_w32(ReadFile(s, buf + 4, 4, &n, NULL), FALSE, ERROR_MORE_DATA);
    expect_w32(ReadFile(s, buf + 8, sizeof buf - 8, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 3 && !strcmp(buf, "Bit Bucket"), "all of it: %s", buf);
    /* Two messages stay two. */
    WriteFile(c, "one", 4, &n, NULL);
    WriteFile(c, "two", 4, &n, NULL);
    expect_w32(ReadFile(s, buf, sizeof buf, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 4 && !strcmp(buf, "one"), "first message");
    expect_w32(ReadFile(s, buf, sizeof buf, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 4 && !strcmp(buf, "two"), "second message");
    mode = PIPE_READMODE_MESSAGE;
    expect_w32(SetNamedPipeHandleState(c, &mode, NULL, NULL), TRUE, W32_SENTINEL);
    WriteFile(s, "Bit Bucket", 11, &n, NULL);
    expect_w32(ReadFile(c, buf, 4, &n, NULL), FALSE, ERROR_MORE_DATA);
    expect_w32(ReadFile(c, buf, sizeof buf, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 7, "the rest: %lu", (unsigned long)n);
    /* The server goes: the client reads what was left, then the pipe is broken. */
    WriteFile(s, "Hello World", 12, &n, NULL);
    CloseHandle(s);
    expect_w32(ReadFile(c, buf, 0, &n, NULL), TRUE, W32_SENTINEL);
    expect_w32(ReadFile(c, buf, sizeof buf, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 12, "what was left: %lu", (unsigned long)n);
    expect_w32(ReadFile(c, buf, 0, &n, NULL), FALSE, ERROR_BROKEN_PIPE);
    avail = 99;
    expect_w32(PeekNamedPipe(c, NULL, 0, NULL, &avail, NULL), FALSE, ERROR_BROKEN_PIPE);
    ok(avail == 99, "untouched");
    expect_w32(WriteFile(c, "x", 1, &n, NULL), FALSE, ERROR_NO_DATA);
    CloseHandle(c);

    /* A byte pipe has no message read mode. */
    name_pipe("msg2");
    s = CreateNamedPipeA(pipename, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1, 1024, 1024, 0, NULL);
    c = client();
    mode = PIPE_READMODE_MESSAGE;
    expect_w32(SetNamedPipeHandleState(c, &mode, NULL, NULL), FALSE, ERROR_INVALID_PARAMETER);
    CloseHandle(c);
    CloseHandle(s);
}

/* FILE_FLAG_OVERLAPPED: ConnectNamedPipe is pending until a client comes. */
WT_CASE(named_overlapped_connect)
{
    name_pipe("ovl");
    HANDLE s = CreateNamedPipeA(pipename, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE, 1, 1024, 1024, 0,
                                NULL),
           c;
    OVERLAPPED ov;
    DWORD n = 99;
    char buf[16];
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, TRUE, TRUE, NULL);
    expect_w32(ConnectNamedPipe(s, &ov), FALSE, ERROR_IO_PENDING);
    ok(WaitForSingleObject(ov.hEvent, 0) == WAIT_TIMEOUT, "the event was reset, nothing yet");
    expect_w32(GetOverlappedResult(s, &ov, &n, FALSE), FALSE, ERROR_IO_INCOMPLETE);
    expect_w32((c = client()) != INVALID_HANDLE_VALUE, TRUE, 0);
    ok(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "connected");
    expect_w32(GetOverlappedResult(s, &ov, &n, TRUE), TRUE, W32_SENTINEL);
    ok(n == 0, "no bytes: %lu", (unsigned long)n);
    expect_w32(WriteFile(c, "hi", 2, &n, NULL), TRUE, W32_SENTINEL);
    expect_w32(ReadFile(s, buf, sizeof buf, &n, NULL), TRUE, W32_SENTINEL);
    ok(n == 2 && !memcmp(buf, "hi", 2), "read %lu", (unsigned long)n);
    CloseHandle(c);
    CloseHandle(s);
    CloseHandle(ov.hEvent);
}

WT_MAIN(anonymous, named_errors, named_byte_mode, named_message_mode, named_overlapped_connect)
