/* A classic WSAAsyncSelect program, as written for Windows: a hidden window
 * whose procedure handles WM_SOCKET, and a GetMessage loop.  It runs an echo
 * server and a client in one thread: the client connects, sends a line, reads
 * the echo back and closes; the server then sees FD_CLOSE and ends the loop.
 *
 *   cc async_client_server.c -I<ws2posix include dir> -lws2_32       (Linux)
 *   x86_64-w64-mingw32-gcc async_client_server.c -lws2_32 -luser32 (Windows)
 */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>

#define WM_SOCKET (WM_USER + 1)

static SOCKET listener = INVALID_SOCKET, server = INVALID_SOCKET, client = INVALID_SOCKET;
static const char line[] = "hello through the message loop";

static void fail(const char *what)
{
    fprintf(stderr, "%s failed: %d\n", what, WSAGetLastError());
    PostQuitMessage(1);
}

static LRESULT CALLBACK WndProc(HWND hwnd, UINT msg, WPARAM wParam, LPARAM lParam)
{
    char buf[128];
    int n;
    SOCKET s = (SOCKET)wParam;

    if (msg != WM_SOCKET)
        return DefWindowProc(hwnd, msg, wParam, lParam);
    if (WSAGETSELECTERROR(lParam)) {
        fprintf(stderr, "socket %lu: event %#x failed with %d\n", (unsigned long)s, WSAGETSELECTEVENT(lParam),
                WSAGETSELECTERROR(lParam));
        PostQuitMessage(1);
        return 0;
    }
    switch (WSAGETSELECTEVENT(lParam)) {
    case FD_ACCEPT:
        server = accept(listener, NULL, NULL);
        if (server == INVALID_SOCKET)
            fail("accept");
        else if (WSAAsyncSelect(server, hwnd, WM_SOCKET, FD_READ | FD_CLOSE) == SOCKET_ERROR)
            fail("WSAAsyncSelect");
        else
            printf("server: accepted a connection\n");
        break;
    case FD_CONNECT:
        printf("client: connected, sending \"%s\"\n", line);
        if (send(client, line, (int)strlen(line), 0) == SOCKET_ERROR)
            fail("send");
        break;
    case FD_READ:
        n = recv(s, buf, sizeof buf - 1, 0);
        if (n <= 0)
            break; /* WSAEWOULDBLOCK: the data was already read */
        buf[n] = 0;
        if (s == server) {
            printf("server: echoing \"%s\"\n", buf);
            send(server, buf, n, 0);
        } else {
            printf("client: got \"%s\" back, closing\n", buf);
            closesocket(client);
            client = INVALID_SOCKET;
        }
        break;
    case FD_CLOSE:
        printf("server: the client closed the connection\n");
        closesocket(s);
        server = INVALID_SOCKET;
        PostQuitMessage(0);
        break;
    }
    return 0;
}

int main(void)
{
    WSADATA wsa;
    WNDCLASS wc;
    MSG msg;
    HWND hwnd;
    struct sockaddr_in addr;
    int len = sizeof addr;

    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        return 1;

    memset(&wc, 0, sizeof wc);
    wc.lpfnWndProc = WndProc;
    wc.hInstance = GetModuleHandle(NULL);
    wc.hCursor = LoadCursor(NULL, IDC_ARROW);
    wc.lpszClassName = TEXT("AsyncEcho");
    if (!RegisterClass(&wc))
        return 1;
    hwnd = CreateWindow(TEXT("AsyncEcho"), TEXT("async echo"), WS_OVERLAPPEDWINDOW, CW_USEDEFAULT, CW_USEDEFAULT,
                        100, 100, NULL, NULL, wc.hInstance, NULL);
    if (!hwnd)
        return 1;

    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) == SOCKET_ERROR ||
        listen(listener, SOMAXCONN) == SOCKET_ERROR ||
        getsockname(listener, (struct sockaddr *)&addr, &len) == SOCKET_ERROR ||
        WSAAsyncSelect(listener, hwnd, WM_SOCKET, FD_ACCEPT) == SOCKET_ERROR) {
        fprintf(stderr, "listener: %d\n", WSAGetLastError());
        return 1;
    }
    printf("server: listening on 127.0.0.1:%u\n", ntohs(addr.sin_port));

    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (WSAAsyncSelect(client, hwnd, WM_SOCKET, FD_CONNECT | FD_READ | FD_CLOSE) == SOCKET_ERROR)
        return 1;
    if (connect(client, (struct sockaddr *)&addr, sizeof addr) == SOCKET_ERROR &&
        WSAGetLastError() != WSAEWOULDBLOCK) {
        fprintf(stderr, "connect: %d\n", WSAGetLastError());
        return 1;
    }

    while (GetMessage(&msg, NULL, 0, 0) > 0) {
        TranslateMessage(&msg);
        DispatchMessage(&msg);
    }

    closesocket(listener);
    DestroyWindow(hwnd);
    WSACleanup();
    return (int)msg.wParam;
}
