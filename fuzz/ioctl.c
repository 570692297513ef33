/* ioctlsocket and WSAIoctl with arbitrary codes, lengths and bytes on a
 * fresh socket each run, with and without an OVERLAPPED.  Buffers are
 * allocated at exactly the lengths passed (ASan sees any access past
 * them); an operation left pending is cancelled by closing the socket and
 * must then complete within 2 s. */
#include "fuzz.h"
#include <mswsock.h>
#include <mstcpip.h>

static const DWORD codes[] = {FIONBIO, FIONREAD, SIOCATMARK, SIO_KEEPALIVE_VALS, SIO_UDP_CONNRESET,
                              SIO_ADDRESS_LIST_QUERY, SIO_GET_INTERFACE_LIST, SIO_ROUTING_INTERFACE_QUERY,
                              SIO_ADDRESS_LIST_CHANGE, SIO_ROUTING_INTERFACE_CHANGE, SIO_IDEAL_SEND_BACKLOG_QUERY,
                              SIO_IDEAL_SEND_BACKLOG_CHANGE, SIO_BASE_HANDLE, SIO_BSP_HANDLE, SIO_BSP_HANDLE_SELECT,
                              SIO_BSP_HANDLE_POLL, SIO_ENABLE_CIRCULAR_QUEUEING, SIO_GET_EXTENSION_FUNCTION_POINTER,
                              SIO_GET_BROADCAST_ADDRESS, SIO_RCVALL, SIO_FLUSH, SIO_MULTICAST_SCOPE,
                              SIO_MULTIPOINT_LOOPBACK, SIO_ASSOCIATE_HANDLE, SIO_TRANSLATE_HANDLE,
                              SIO_LOOPBACK_FAST_PATH, SIO_UDP_NETRESET, SIO_GET_QOS, SIO_SET_QOS, FIOASYNC,
                              SIOCSHIWAT, SIOCGHIWAT, 0, 0xffffffff};

/* Wait for a change: on a blocking socket without an OVERLAPPED these wait
 * for the network to change, which a fuzzer cannot make happen. */
static int waits_for_change(DWORD code)
{
    return code == SIO_ADDRESS_LIST_CHANGE || code == SIO_ROUTING_INTERFACE_CHANGE ||
           code == SIO_IDEAL_SEND_BACKLOG_CHANGE;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static WSAOVERLAPPED ov[4];
    static char *keep[4][2];
    struct fuzz_in in = {data, data + size};
    fuzz_startup();
    if (!ov[0].hEvent)
        for (int i = 0; i < 4; i++)
            ov[i].hEvent = WSACreateEvent();
    uint8_t kind = fuzz_u8(&in);
    static const int fam[] = {AF_INET, AF_INET6}, type[] = {SOCK_STREAM, SOCK_DGRAM};
    SOCKET s = socket(fam[kind & 1], type[(kind >> 1) & 1], 0);
    if (s == INVALID_SOCKET)
        return 0;
    u_long on = 1;
    ioctlsocket(s, FIONBIO, &on);
    int pending = 0;
    for (int round = 0; round < 4 && in.p < in.end; round++) {
        uint8_t b = fuzz_u8(&in);
        DWORD code = b & 0x80 ? fuzz_u32(&in) : codes[b % (sizeof codes / sizeof codes[0])];
        if (b & 0x40) {
            u_long arg = fuzz_u32(&in);
            if (waits_for_change(code))
                continue;
            ioctlsocket(s, (long)code, b & 0x20 ? NULL : &arg);
            continue;
        }
        DWORD inlen = fuzz_u8(&in), outlen = fuzz_u8(&in), bytes = 0;
        char *ib = malloc(inlen ? inlen : 1), *ob = malloc(outlen ? outlen : 1);
        for (DWORD i = 0; i < inlen; i++)
            ib[i] = (char)fuzz_u8(&in);
        uint8_t how = fuzz_u8(&in);
        char *ip = how & 1 ? NULL : ib, *op = how & 2 ? NULL : ob;
        if (how & 4) {
            WSAOVERLAPPED *o = &ov[pending];
            WSAEVENT ev = o->hEvent;
            memset(o, 0, sizeof *o);
            o->hEvent = ev;
            WSAResetEvent(ev);
            if (WSAIoctl(s, code, ip, inlen, op, outlen, &bytes, o, NULL) == SOCKET_ERROR &&
                WSAGetLastError() == WSA_IO_PENDING) {
                keep[pending][0] = ib; /* the operation owns them until it completes */
                keep[pending][1] = ob;
                pending++;
                continue;
            }
        } else if (!waits_for_change(code))
            WSAIoctl(s, code, ip, inlen, op, outlen, how & 8 ? NULL : &bytes, NULL, NULL);
        free(ib);
        free(ob);
    }
    closesocket(s);
    for (int i = 0; i < pending; i++) {
        fuzz_check(WaitForSingleObject(ov[i].hEvent, 2000) == WAIT_OBJECT_0);
        free(keep[i][0]);
        free(keep[i][1]);
    }
    return 0;
}
