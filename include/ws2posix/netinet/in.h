/* ws2posix: pass-through wrapper for <netinet/in.h> (see ws2p/libc_begin.h). */
#pragma GCC system_header
#include "../ws2p/libc_begin.h"
#ifdef WS2P_BASE_H
#error "ws2posix: a POSIX socket header (<sys/socket.h>, <netinet/in.h>, <arpa/inet.h>, <netdb.h>, <poll.h> or <sys/ioctl.h>) was included after the Windows socket headers. Both define AF_INET6, SOL_SOCKET, POLLIN, FIONBIO, struct sockaddr, socket() and friends with different values and types; a file must use one API or the other. Move POSIX socket code into its own source file."
#endif
#include_next <netinet/in.h>
#include "../ws2p/libc_end.h"
