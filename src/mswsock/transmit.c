/* TransmitFile and TransmitPackets (placeholder until file handles land). */
#include "ext.h"

WS2P_EXPORT BOOL TransmitFile(SOCKET s, HANDLE file, DWORD nbytes, DWORD per_send, WS_OVERLAPPED *ov,
                              WS_TRANSMIT_FILE_BUFFERS *buffers, DWORD flags)
{
    struct ws_call c = WS_CALL("TransmitFile");
    (void)file; (void)nbytes; (void)per_send; (void)ov; (void)buffers; (void)flags;
    ws_fail(&c, WSAEOPNOTSUPP);
    return WS_EXIT(&c, 0, "s=%lu", (unsigned long)s);
}

WS2P_EXPORT BOOL ws2p_TransmitPackets(SOCKET s, WS_TRANSMIT_PACKETS_ELEMENT *el, DWORD count, DWORD send_size,
                                      WS_OVERLAPPED *ov, DWORD flags)
{
    struct ws_call c = WS_CALL("TransmitPackets");
    (void)el; (void)count; (void)send_size; (void)ov; (void)flags;
    ws_fail(&c, WSAEOPNOTSUPP);
    return WS_EXIT(&c, 0, "s=%lu", (unsigned long)s);
}
