/* The extension functions (mswsock.dll on Windows), for the table
 * SIO_GET_EXTENSION_FUNCTION_POINTER reads (extensions.c). */
#ifndef WS2P_MSWSOCK_EXT_H
#define WS2P_MSWSOCK_EXT_H
#include "engine.h"

BOOL AcceptEx(SOCKET ls, SOCKET as, void *buf, DWORD recvlen, DWORD loclen, DWORD remlen, DWORD *bytes,
              WS_OVERLAPPED *ov);
void GetAcceptExSockaddrs(void *buf, DWORD recvlen, DWORD loclen, DWORD remlen, struct WS_sockaddr **local,
                          int *local_len, struct WS_sockaddr **remote, int *remote_len);
BOOL ws2p_ConnectEx(SOCKET s, const struct WS_sockaddr *name, int namelen, void *buf, DWORD len, DWORD *sent,
                    WS_OVERLAPPED *ov);
BOOL ws2p_DisconnectEx(SOCKET s, WS_OVERLAPPED *ov, DWORD flags, DWORD reserved);
BOOL TransmitFile(SOCKET s, HANDLE file, DWORD nbytes, DWORD per_send, WS_OVERLAPPED *ov,
                  WS_TRANSMIT_FILE_BUFFERS *buffers, DWORD flags);
BOOL ws2p_TransmitPackets(SOCKET s, WS_TRANSMIT_PACKETS_ELEMENT *elements, DWORD count, DWORD send_size,
                          WS_OVERLAPPED *ov, DWORD flags);
/* src/ws2_32/recv.c, send.c, poll.c */
int ws2p_WSARecvMsg(SOCKET s, WS_WSAMSG *msg, DWORD *got, WS_OVERLAPPED *ov, WS_COMPLETION_ROUTINE cr);
int WSASendMsg(SOCKET s, WS_WSAMSG *msg, DWORD flags, DWORD *sent, WS_OVERLAPPED *ov, WS_COMPLETION_ROUTINE cr);
struct ws_pollfd;
int WSAPoll(struct ws_pollfd *fds, ULONG count, INT timeout);
#endif
