/* scale (Winsock): socket/bind/connect/closesocket at the descriptor
 * limit, memory per socket (bench/scale.h). */
#include "ws_common.h"
#define SERVER_FN static DWORD WINAPI server(LPVOID arg)
#define SERVER_RETURN (void)arg; return 0
#define SERVER_THREAD HANDLE
#include "scale.h"
