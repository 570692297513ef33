/* transmitfile (Winsock): a file sent over one TCP connection with
 * TransmitFile (no OVERLAPPED: the call returns when all has gone), MB/s
 * (10^6 bytes).  Size in MiB: argv[1] or BENCH_FILE_MB (default 1024).
 * The file is made sparse (SetEndOfFile) and sent once before the timed
 * run, so both sides read it from the page cache. */
#include "ws_common.h"
#include <mswsock.h>

#define CHUNK 262144
#define FILE_NAME "bench-transmitfile.tmp"
static SOCKET listener;
static long long total;
static char rbuf[CHUNK];

static DWORD WINAPI server(LPVOID arg)
{
    (void)arg;
    SOCKET s = accept_one(listener);
    long long got = 0;
    while (got < total) {
        int n = recv(s, rbuf, CHUNK, 0);
        if (n == SOCKET_ERROR)
            die("recv");
        if (n == 0)
            break;
        got += n;
    }
    closesocket(s);
    return 0;
}

int main(int argc, char **argv)
{
    long long n = bench_count(argc, argv, "BENCH_FILE_MB", 1024) * 1048576;
    struct sockaddr_in a;
    start();
    HANDLE f = CreateFileA(FILE_NAME, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                           FILE_FLAG_DELETE_ON_CLOSE, NULL);
    LARGE_INTEGER size;
    size.QuadPart = n;
    LARGE_INTEGER zero;
    zero.QuadPart = 0;
    /* TransmitFile without an OVERLAPPED sends from the file position. */
    if (f == INVALID_HANDLE_VALUE || !SetFilePointerEx(f, size, NULL, FILE_BEGIN) || !SetEndOfFile(f) ||
        !SetFilePointerEx(f, zero, NULL, FILE_BEGIN))
        die("CreateFile");
    listener = bound_socket(SOCK_STREAM, &a);
    total = 2 * n;
    HANDLE t = thread_start(server, NULL);
    SOCKET c = connect_to(&a);
    if (!TransmitFile(c, f, 0, 0, NULL, NULL, 0)) /* warm-up: the page cache */
        die("TransmitFile");
    double t0 = bench_now();
    if (!TransmitFile(c, f, 0, 0, NULL, NULL, 0))
        die("TransmitFile");
    thread_join(t);
    double t1 = bench_now();
    bench_result("transmitfile", SIDE, (double)n / 1e6, t1 - t0, "MB/s", NULL);
    closesocket(c);
    closesocket(listener);
    CloseHandle(f);
    WSACleanup();
    return 0;
}
