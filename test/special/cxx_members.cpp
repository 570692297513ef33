// A C++ Winsock program whose class has member functions named like the
// Winsock API (connect, send, recv, select, closesocket).  Our headers bind
// the global functions with asm labels, not macros, so the members keep their
// names and the qualified ::connect/::send reach Winsock.  Loopback only.
#include <winsock2.h>
#include <ws2tcpip.h>
#include <cstdio>
#include <cstring>
#include <string>

static int failures;
#define CHECK(cond)                                                                              \
    do {                                                                                         \
        if (!(cond)) {                                                                           \
            std::fprintf(stderr, "%s:%d: FAIL: %s (WSAGetLastError %d)\n", __FILE__, __LINE__, #cond, \
                         WSAGetLastError());                                                     \
            failures++;                                                                          \
        }                                                                                        \
    } while (0)

class Peer {
public:
    Peer() : s_(::socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)) {}
    explicit Peer(SOCKET s) : s_(s) {}
    ~Peer() { closesocket(); }
    Peer(const Peer &) = delete;
    Peer &operator=(const Peer &) = delete;

    bool valid() const { return s_ != INVALID_SOCKET; }
    int connect(const sockaddr_in &to) { return ::connect(s_, reinterpret_cast<const sockaddr *>(&to), sizeof to); }
    int send(const std::string &msg) { return ::send(s_, msg.data(), static_cast<int>(msg.size()), 0); }
    std::string recv(int max)
    {
        std::string buf(static_cast<size_t>(max), '\0');
        int n = ::recv(s_, &buf[0], max, 0);
        buf.resize(n > 0 ? static_cast<size_t>(n) : 0);
        return buf;
    }
    // Readable within ms milliseconds?
    int select(long ms)
    {
        fd_set readable;
        timeval tv;
        FD_ZERO(&readable);
        FD_SET(s_, &readable);
        tv.tv_sec = ms / 1000;
        tv.tv_usec = (ms % 1000) * 1000;
        int n = ::select(0, &readable, nullptr, nullptr, &tv);
        return n > 0 && FD_ISSET(s_, &readable);
    }
    void closesocket()
    {
        if (s_ != INVALID_SOCKET)
            ::closesocket(s_);
        s_ = INVALID_SOCKET;
    }
    SOCKET handle() const { return s_; }

private:
    SOCKET s_;
};

int main()
{
    WSADATA wsa;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) {
        std::fprintf(stderr, "WSAStartup failed\n");
        return 1;
    }
    {
        SOCKET l = ::socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        sockaddr_in addr;
        int len = sizeof addr;
        std::memset(&addr, 0, sizeof addr);
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        CHECK(l != INVALID_SOCKET);
        CHECK(::bind(l, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0);
        CHECK(::listen(l, SOMAXCONN) == 0);
        CHECK(::getsockname(l, reinterpret_cast<sockaddr *>(&addr), &len) == 0);

        Peer client;
        CHECK(client.valid());
        CHECK(client.connect(addr) == 0);
        Peer server(::accept(l, nullptr, nullptr));
        CHECK(server.valid());
        ::closesocket(l);

        CHECK(server.select(0) == 0);
        CHECK(client.send("hello") == 5);
        CHECK(server.select(2000) == 1);
        CHECK(server.recv(16) == "hello");
        CHECK(server.send("world") == 5);
        CHECK(client.select(2000) == 1);
        CHECK(client.recv(16) == "world");
        client.closesocket();
        CHECK(server.select(2000) == 1);
        CHECK(server.recv(16).empty());
    }
    WSACleanup();
    std::printf("cxx_members: %s\n", failures ? "FAILED" : "passed");
    return failures ? 1 : 0;
}
