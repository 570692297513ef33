/* Winsock reached only through the loader: every Winsock function this
 * program calls is looked up with LoadLibraryA("ws2_32.dll") +
 * GetProcAddress and called through a pointer typed like the Windows
 * prototype, then it runs the exchange of examples/echo_server.c and
 * echo_client.c on 127.0.0.1 (a server thread echoing each message until
 * the client shuts down its side).  The program makes no direct Winsock
 * call. */
#define WT_NO_STARTUP
#include "wstest.h"

static struct {
    int(WSAAPI *WSAStartup)(WORD, LPWSADATA);
    int(WSAAPI *WSACleanup)(void);
    int(WSAAPI *WSAGetLastError)(void);
    int(WSAAPI *getaddrinfo)(PCSTR, PCSTR, const ADDRINFOA *, PADDRINFOA *);
    void(WSAAPI *freeaddrinfo)(PADDRINFOA);
    SOCKET(WSAAPI *socket)(int, int, int);
    int(WSAAPI *bind)(SOCKET, const struct sockaddr *, int);
    int(WSAAPI *listen)(SOCKET, int);
    int(WSAAPI *getsockname)(SOCKET, struct sockaddr *, int *);
    SOCKET(WSAAPI *accept)(SOCKET, struct sockaddr *, int *);
    int(WSAAPI *connect)(SOCKET, const struct sockaddr *, int);
    int(WSAAPI *send)(SOCKET, const char *, int, int);
    int(WSAAPI *recv)(SOCKET, char *, int, int);
    int(WSAAPI *shutdown)(SOCKET, int);
    int(WSAAPI *closesocket)(SOCKET);
    u_short(WSAAPI *ntohs)(u_short);
} ws;

/* Look one name up; a missing one fails the test. */
static void *need(HMODULE m, const char *name)
{
    void *p = (void *)GetProcAddress(m, name);
    ok(p != NULL, "GetProcAddress(ws2_32, %s): error %lu", name, (unsigned long)GetLastError());
    return p;
}

static int load_winsock(void)
{
    HMODULE m = LoadLibraryA("ws2_32.dll");
    ok(m != NULL, "LoadLibraryA(ws2_32.dll): error %lu", (unsigned long)GetLastError());
    if (!m)
        return 0;
#define LOAD(f) (*(void **)&ws.f = need(m, #f))
    LOAD(WSAStartup), LOAD(WSACleanup), LOAD(WSAGetLastError), LOAD(getaddrinfo), LOAD(freeaddrinfo);
    LOAD(socket), LOAD(bind), LOAD(listen), LOAD(getsockname), LOAD(accept), LOAD(connect), LOAD(send);
    LOAD(recv), LOAD(shutdown), LOAD(closesocket), LOAD(ntohs);
#undef LOAD
    void **p = (void **)&ws;
    for (size_t i = 0; i < sizeof ws / sizeof(void *); i++)
        if (!p[i])
            return 0;
    return 1;
}

/* examples/echo_server.c's loop: echo until the client shuts down. */
static DWORD WINAPI serve(LPVOID arg)
{
    SOCKET listener = (SOCKET)(ULONG_PTR)arg, c = ws.accept(listener, NULL, NULL);
    char buf[4096];
    long total = 0;
    int got;
    if (c == INVALID_SOCKET)
        return 1;
    while ((got = ws.recv(c, buf, (int)sizeof buf, 0)) > 0) {
        for (int off = 0; off < got;) {
            int sent = ws.send(c, buf + off, got - off, 0);
            if (sent == SOCKET_ERROR) {
                ws.closesocket(c);
                return 1;
            }
            off += sent;
        }
        total += got;
    }
    ws.shutdown(c, SD_SEND);
    ws.closesocket(c);
    return got == 0 && total > 0 ? 0 : 1;
}

/* examples/echo_client.c's exchange: send, read the same bytes back. */
static int exchange(SOCKET s, const char *msg)
{
    char reply[256];
    int len = (int)strlen(msg), got = 0;
    if (ws.send(s, msg, len, 0) != len)
        return -1;
    while (got < len) {
        int n = ws.recv(s, reply + got, len - got, 0);
        if (n <= 0)
            return -1;
        got += n;
    }
    return memcmp(reply, msg, (size_t)len) ? -1 : 0;
}

WT_CASE(echo_through_getprocaddress)
{
    WSADATA wsa;
    ADDRINFOA hints, *ai = NULL;
    struct sockaddr_in addr;
    int len = sizeof addr;
    static const char *const msgs[] = {"hello", "through", "GetProcAddress"};
    if (!load_winsock())
        return;
    ok(ws.WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICHOST | AI_PASSIVE;
    ok(ws.getaddrinfo("127.0.0.1", "0", &hints, &ai) == 0 && ai, "getaddrinfo: %d", ws.WSAGetLastError());
    if (!ai)
        return;
    SOCKET listener = ws.socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    ok(listener != INVALID_SOCKET && ws.bind(listener, ai->ai_addr, (int)ai->ai_addrlen) == 0 &&
           ws.listen(listener, SOMAXCONN) == 0 && ws.getsockname(listener, (struct sockaddr *)&addr, &len) == 0,
       "listening: %d", ws.WSAGetLastError());
    ws.freeaddrinfo(ai);
    HANDLE server = CreateThread(NULL, 0, serve, (LPVOID)(ULONG_PTR)listener, 0, NULL);

    SOCKET s = ws.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ok(ws.connect(s, (struct sockaddr *)&addr, sizeof addr) == 0, "connect to port %u: %d", ws.ntohs(addr.sin_port),
       ws.WSAGetLastError());
    for (size_t i = 0; i < ARRAYSIZE(msgs); i++)
        ok(exchange(s, msgs[i]) == 0, "echo of '%s'", msgs[i]);
    /* done: shut down our side, drain until the server closes */
    ok(ws.shutdown(s, SD_SEND) == 0, "shutdown");
    char rest[64];
    int n;
    while ((n = ws.recv(s, rest, (int)sizeof rest, 0)) > 0)
        ;
    ok(n == 0, "the server closed after the echo");
    DWORD code = 1;
    ok(WaitForSingleObject(server, 10000) == WAIT_OBJECT_0 && GetExitCodeThread(server, &code) && code == 0,
       "the server echoed everything");
    CloseHandle(server);
    ws.closesocket(s);
    ws.closesocket(listener);
    ok(ws.WSACleanup() == 0, "WSACleanup");
}

WT_MAIN(echo_through_getprocaddress)
