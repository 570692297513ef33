// The WSAID_* GUIDs of mswsock.h, checked at compile time (C++11
// constexpr): built here against ws2posix and cross-compiled by .ci/run
// against MinGW's headers, so our literals are checked against Windows'.
#include <winsock2.h>
#include <mswsock.h>

#define GUID_IS(name, d1, d2, d3, b0, b1, b2, b3, b4, b5, b6, b7)                                              \
    static_assert(name##_g.Data1 == (d1) && name##_g.Data2 == (d2) && name##_g.Data3 == (d3) &&             \
                      name##_g.Data4[0] == (b0) && name##_g.Data4[1] == (b1) && name##_g.Data4[2] == (b2) && \
                      name##_g.Data4[3] == (b3) && name##_g.Data4[4] == (b4) && name##_g.Data4[5] == (b5) && \
                      name##_g.Data4[6] == (b6) && name##_g.Data4[7] == (b7),                               \
                  #name)

constexpr GUID acceptex_g = WSAID_ACCEPTEX;
constexpr GUID sockaddrs_g = WSAID_GETACCEPTEXSOCKADDRS;
constexpr GUID transmitfile_g = WSAID_TRANSMITFILE;
constexpr GUID packets_g = WSAID_TRANSMITPACKETS;
constexpr GUID connectex_g = WSAID_CONNECTEX;
constexpr GUID disconnectex_g = WSAID_DISCONNECTEX;
constexpr GUID recvmsg_g = WSAID_WSARECVMSG;
constexpr GUID sendmsg_g = WSAID_WSASENDMSG;
constexpr GUID poll_g = WSAID_WSAPOLL;
GUID_IS(acceptex, 0xb5367df1, 0xcbac, 0x11cf, 0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92);
GUID_IS(sockaddrs, 0xb5367df2, 0xcbac, 0x11cf, 0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92);
GUID_IS(transmitfile, 0xb5367df0, 0xcbac, 0x11cf, 0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92);
GUID_IS(packets, 0xd9689da0, 0x1f90, 0x11d3, 0x99, 0x71, 0x00, 0xc0, 0x4f, 0x68, 0xc8, 0x76);
GUID_IS(connectex, 0x25a207b9, 0xddf3, 0x4660, 0x8e, 0xe9, 0x76, 0xe5, 0x8c, 0x74, 0x06, 0x3e);
GUID_IS(disconnectex, 0x7fda2e11, 0x8630, 0x436f, 0xa0, 0x31, 0xf5, 0x36, 0xa6, 0xee, 0xc1, 0x57);
GUID_IS(recvmsg, 0xf689d7c8, 0x6f1f, 0x436b, 0x8a, 0x53, 0xe5, 0x4f, 0xe3, 0x51, 0xc3, 0x22);
GUID_IS(sendmsg, 0xa441e712, 0x754f, 0x43ca, 0x84, 0xa7, 0x0d, 0xee, 0x44, 0xcf, 0x60, 0x6d);
GUID_IS(poll, 0x18c76f85, 0xdc66, 0x4964, 0x97, 0x2e, 0x23, 0xc2, 0x72, 0x38, 0x31, 0x2b);
#ifdef WSAID_MULTIPLE_RIO /* mswsockdef.h in the SDK; MinGW-w64 10 lacks it */
constexpr GUID rio_g = WSAID_MULTIPLE_RIO;
GUID_IS(rio, 0x8509e081, 0x96dd, 0x4005, 0xb1, 0x65, 0x9e, 0x2e, 0xe8, 0xc7, 0x9e, 0x3f);
#endif

// The extension-function pointer types take the documented parameters.
static BOOL PASCAL fake_acceptex(SOCKET, SOCKET, PVOID, DWORD, DWORD, DWORD, LPDWORD, LPOVERLAPPED)
{
    return FALSE;
}
static BOOL PASCAL fake_connectex(SOCKET, const struct sockaddr *, int, PVOID, DWORD, LPDWORD, LPOVERLAPPED)
{
    return FALSE;
}
static VOID PASCAL fake_sockaddrs(PVOID, DWORD, DWORD, DWORD, struct sockaddr **, LPINT, struct sockaddr **, LPINT)
{
}

int main()
{
    LPFN_ACCEPTEX a = fake_acceptex;
    LPFN_CONNECTEX c = fake_connectex;
    LPFN_GETACCEPTEXSOCKADDRS g = fake_sockaddrs;
    g(NULL, 0, 0, 0, NULL, NULL, NULL, NULL);
    return a(0, 0, NULL, 0, 0, 0, NULL, NULL) + c(0, NULL, 0, NULL, 0, NULL, NULL);
}
