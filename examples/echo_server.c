/*
 * echo_server: a TCP echo server written as a Windows program.
 *
 *   echo_server <port> [clients] [address]
 *
 * Listens on address (default 127.0.0.1) and port (0 picks a free one; the
 * port is printed), echoes everything each client sends until the client
 * shuts down its side, and exits after serving `clients` clients (default 1).
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#pragma comment(lib, "Ws2_32.lib")

static void print_error(const char *what, int err)
{
    char text[256];
    DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, (DWORD)err,
                             MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT), text, sizeof text, NULL);
    while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r' || text[n - 1] == ' '))
        text[--n] = '\0';
    fprintf(stderr, "echo_server: %s failed with error %d%s%s\n", what, err, n ? ": " : "", n ? text : "");
}

/* Echo until the client closes its side; returns the number of bytes echoed,
 * or -1 on a socket error. */
static long serve_client(SOCKET client)
{
    char buf[4096];
    long total = 0;
    for (;;) {
        int got = recv(client, buf, (int)sizeof buf, 0);
        if (got == 0)
            return total;
        if (got == SOCKET_ERROR) {
            print_error("recv", WSAGetLastError());
            return -1;
        }
        for (int off = 0; off < got;) {
            int sent = send(client, buf + off, got - off, 0);
            if (sent == SOCKET_ERROR) {
                print_error("send", WSAGetLastError());
                return -1;
            }
            off += sent;
        }
        total += got;
    }
}

int main(int argc, char **argv)
{
    WSADATA wsaData;
    struct addrinfo hints, *result = NULL;
    SOCKET listener = INVALID_SOCKET;
    int clients = 1, status = 1, err;

    if (argc < 2 || argc > 4) {
        fprintf(stderr, "usage: %s <port> [clients] [address]\n", argv[0]);
        return 2;
    }
    if (argc >= 3)
        clients = atoi(argv[2]);
    if (clients < 1) {
        fprintf(stderr, "echo_server: clients must be at least 1\n");
        return 2;
    }

    err = WSAStartup(MAKEWORD(2, 2), &wsaData);
    if (err != 0) {
        print_error("WSAStartup", err);
        return 1;
    }

    ZeroMemory(&hints, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST;
    err = getaddrinfo(argc >= 4 ? argv[3] : "127.0.0.1", argv[1], &hints, &result);
    if (err != 0) {
        print_error("getaddrinfo", err);
        goto done;
    }

    listener = socket(result->ai_family, result->ai_socktype, result->ai_protocol);
    if (listener == INVALID_SOCKET) {
        print_error("socket", WSAGetLastError());
        goto done;
    }
    if (bind(listener, result->ai_addr, (int)result->ai_addrlen) == SOCKET_ERROR) {
        print_error("bind", WSAGetLastError());
        goto done;
    }
    if (listen(listener, SOMAXCONN) == SOCKET_ERROR) {
        print_error("listen", WSAGetLastError());
        goto done;
    }

    {
        struct sockaddr_storage local;
        int locallen = sizeof local;
        char host[NI_MAXHOST], port[NI_MAXSERV];
        if (getsockname(listener, (struct sockaddr *)&local, &locallen) == SOCKET_ERROR) {
            print_error("getsockname", WSAGetLastError());
            goto done;
        }
        err = getnameinfo((struct sockaddr *)&local, locallen, host, sizeof host, port, sizeof port,
                          NI_NUMERICHOST | NI_NUMERICSERV);
        if (err != 0) {
            print_error("getnameinfo", err);
            goto done;
        }
        printf("echo_server: listening on %s port %s, serving %d client(s)\n", host, port, clients);
        fflush(stdout);
    }

    for (int served = 0; served < clients; served++) {
        struct sockaddr_storage peer;
        int peerlen = sizeof peer;
        char host[NI_MAXHOST], port[NI_MAXSERV];
        SOCKET client = accept(listener, (struct sockaddr *)&peer, &peerlen);
        if (client == INVALID_SOCKET) {
            print_error("accept", WSAGetLastError());
            goto done;
        }
        if (getnameinfo((struct sockaddr *)&peer, peerlen, host, sizeof host, port, sizeof port,
                        NI_NUMERICHOST | NI_NUMERICSERV) != 0)
            strcpy(host, "?"), strcpy(port, "?");
        printf("echo_server: client %d connected from %s port %s\n", served + 1, host, port);
        fflush(stdout);

        long echoed = serve_client(client);
        if (shutdown(client, SD_SEND) == SOCKET_ERROR && echoed >= 0)
            print_error("shutdown", WSAGetLastError());
        closesocket(client);
        if (echoed < 0)
            goto done;
        printf("echo_server: client %d done, %ld byte(s) echoed\n", served + 1, echoed);
        fflush(stdout);
    }
    status = 0;

done:
    if (listener != INVALID_SOCKET)
        closesocket(listener);
    if (result)
        freeaddrinfo(result);
    WSACleanup();
    return status;
}
