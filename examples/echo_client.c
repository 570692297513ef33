/*
 * echo_client: a TCP echo client written as a Windows program.
 *
 *   echo_client <host> <port> <message>...
 *
 * Connects to host:port (trying each address getaddrinfo returns), sends
 * each message, reads the same number of bytes back and prints both; then
 * shuts down its side and waits for the server to close.  Exits non-zero if
 * anything fails or an echo differs from what was sent.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>

#pragma comment(lib, "Ws2_32.lib")

static void print_error(const char *what, int err)
{
    char text[256];
    DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, (DWORD)err,
                             MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT), text, sizeof text, NULL);
    while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r' || text[n - 1] == ' '))
        text[--n] = '\0';
    fprintf(stderr, "echo_client: %s failed with error %d%s%s\n", what, err, n ? ": " : "", n ? text : "");
}

static SOCKET connect_to(const char *host, const char *port)
{
    struct addrinfo hints, *result = NULL, *ai;
    SOCKET s = INVALID_SOCKET;
    int err, last = 0;

    ZeroMemory(&hints, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    err = getaddrinfo(host, port, &hints, &result);
    if (err != 0) {
        print_error("getaddrinfo", err);
        return INVALID_SOCKET;
    }
    for (ai = result; ai != NULL; ai = ai->ai_next) {
        s = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (s == INVALID_SOCKET) {
            last = WSAGetLastError();
            continue;
        }
        if (connect(s, ai->ai_addr, (int)ai->ai_addrlen) == 0)
            break;
        last = WSAGetLastError();
        closesocket(s);
        s = INVALID_SOCKET;
    }
    freeaddrinfo(result);
    if (s == INVALID_SOCKET)
        print_error("connect", last);
    return s;
}

/* Send one message and read exactly as many bytes back. */
static int exchange(SOCKET s, const char *msg)
{
    char reply[4096];
    int len = (int)strlen(msg), got = 0;

    if (len > (int)sizeof reply - 1)
        len = (int)sizeof reply - 1;
    for (int off = 0; off < len;) {
        int sent = send(s, msg + off, len - off, 0);
        if (sent == SOCKET_ERROR) {
            print_error("send", WSAGetLastError());
            return -1;
        }
        off += sent;
    }
    printf("sent:     %.*s\n", len, msg);
    while (got < len) {
        int n = recv(s, reply + got, len - got, 0);
        if (n == SOCKET_ERROR) {
            print_error("recv", WSAGetLastError());
            return -1;
        }
        if (n == 0) {
            fprintf(stderr, "echo_client: server closed the connection after %d of %d byte(s)\n", got, len);
            return -1;
        }
        got += n;
    }
    reply[got] = '\0';
    printf("received: %s\n", reply);
    if (memcmp(reply, msg, (size_t)len) != 0) {
        fprintf(stderr, "echo_client: echo differs from what was sent\n");
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    WSADATA wsaData;
    SOCKET s;
    int err, status = 0;

    if (argc < 4) {
        fprintf(stderr, "usage: %s <host> <port> <message>...\n", argv[0]);
        return 2;
    }
    err = WSAStartup(MAKEWORD(2, 2), &wsaData);
    if (err != 0) {
        print_error("WSAStartup", err);
        return 1;
    }

    s = connect_to(argv[1], argv[2]);
    if (s == INVALID_SOCKET) {
        WSACleanup();
        return 1;
    }
    for (int i = 3; i < argc && status == 0; i++)
        if (exchange(s, argv[i]) != 0)
            status = 1;

    /* Tell the server we are done, then drain until it closes too. */
    if (shutdown(s, SD_SEND) == SOCKET_ERROR) {
        print_error("shutdown", WSAGetLastError());
        status = 1;
    } else {
        char rest[256];
        int n;
        while ((n = recv(s, rest, (int)sizeof rest, 0)) > 0)
            ;
        if (n == SOCKET_ERROR) {
            print_error("recv", WSAGetLastError());
            status = 1;
        }
    }
    closesocket(s);
    WSACleanup();
    return status;
}
