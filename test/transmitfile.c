/* TransmitFile and TransmitPackets: head and tail buffers, file ranges from
 * the current position or OVERLAPPED.Offset, TF_DISCONNECT and
 * TF_REUSE_SOCKET, overlapped completion (event, port).  Facts from Wine's
 * sock.c test_TransmitFile and the TransmitFile / TransmitPackets pages. */
#include "wtext.h"
#include "wtfile.h"

#define FILE_NAME "transmitfile.tmp"
#define FILE_SIZE 3000

static LPFN_TRANSMITFILE pTransmitFile;
static LPFN_TRANSMITPACKETS pTransmitPackets;
static char content[FILE_SIZE];

/* The file, in a scratch directory of this process's own (the test runs
 * under both backends at once). */
static HANDLE make_file(DWORD size)
{
    wt_scratch("transmitfile");
    HANDLE f = CreateFileA(wt_path(FILE_NAME), GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_ALWAYS, 0, NULL);
    ok(f != INVALID_HANDLE_VALUE, "CreateFile: %lu", (unsigned long)GetLastError());
    for (DWORD i = 0; i < sizeof content; i++)
        content[i] = (char)(i * 7 + 3);
    for (DWORD done = 0; done < size;) {
        DWORD n = size - done > sizeof content ? sizeof content : size - done, w = 0;
        ok(WriteFile(f, content, n, &w, NULL) && w == n, "WriteFile");
        done += n;
    }
    SetFilePointer(f, 0, NULL, FILE_BEGIN);
    return f;
}

static void drop_file(HANDLE f)
{
    CloseHandle(f);
    wt_scratch_done();
}

/* A connected pair; loads the functions once. */
static void pair(SOCKET *c, SOCKET *d)
{
    wt_tcp_pair(c, d);
    if (!pTransmitFile) {
        GUID t = WSAID_TRANSMITFILE, p = WSAID_TRANSMITPACKETS;
        pTransmitFile = (LPFN_TRANSMITFILE)wt_ext(*c, t);
        pTransmitPackets = (LPFN_TRANSMITPACKETS)wt_ext(*c, p);
    }
}

/* Receive exactly n bytes (at most 4096) and compare them. */
static void expect_bytes(SOCKET s, const char *want, int n, const char *what)
{
    char buf[4096];
    int got = 0, r = 1;
    while (got < n && r > 0)
        if ((r = recv(s, buf + got, n - got, 0)) > 0)
            got += r;
    ok(got == n && !memcmp(buf, want, (size_t)n), "%s: %d of %d bytes", what, got, n);
}

static void expect_nothing(SOCKET s)
{
    char b;
    wt_nonblocking(s, 1);
    expect_fail(recv(s, &b, 1, 0), WSAEWOULDBLOCK);
    wt_nonblocking(s, 0);
}

WT_CASE(transmitfile_errors)
{
    SOCKET c, d;
    pair(&c, &d);
    HANDLE f = make_file(FILE_SIZE);
    expect_wsa(pTransmitFile(INVALID_SOCKET, f, 0, 0, NULL, NULL, 0), FALSE, WSAENOTSOCK);
    SOCKET u = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    expect_wsa(pTransmitFile(u, NULL, 0, 0, NULL, NULL, TF_REUSE_SOCKET), FALSE, WSAENOTCONN);
    closesocket(u);
    u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    expect_wsa(pTransmitFile(u, NULL, 0, 0, NULL, NULL, 0), FALSE, WSAENOTCONN);
    closesocket(u);
    /* TF_REUSE_SOCKET needs TF_DISCONNECT (TransmitFile docs). */
    expect_wsa(pTransmitFile(c, f, 0, 0, NULL, NULL, TF_REUSE_SOCKET), FALSE, WSAEINVAL);
    /* More than 2,147,483,646 bytes in one call (TransmitFile docs). */
    expect_wsa(pTransmitFile(c, f, 0x7fffffff, 0, NULL, NULL, 0), FALSE, WSAEINVAL);
    /* A handle that is not a file. */
    HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL);
    expect_wsa(pTransmitFile(c, ev, 0, 0, NULL, NULL, 0), FALSE, WSAEINVAL);
    CloseHandle(ev);
    expect_nothing(d);
    drop_file(f);
    closesocket(c);
    closesocket(d);
}

WT_CASE(transmitfile_synchronous)
{
    char head[] = "hello world", tail[] = "goodbye!!!";
    TRANSMIT_FILE_BUFFERS b;
    SOCKET c, d;
    pair(&c, &d);
    HANDLE f = make_file(FILE_SIZE);
    b.Head = head;
    b.HeadLength = sizeof head;
    b.Tail = tail;
    b.TailLength = sizeof tail;
    /* Nothing to send. */
    ok(pTransmitFile(c, NULL, 0, 0, NULL, NULL, 0), "succeeds: %s", wt_name(WSAGetLastError()));
    expect_nothing(d);
    /* Buffers only. */
    ok(pTransmitFile(c, NULL, 0, 0, NULL, &b, 0), "succeeds: %s", wt_name(WSAGetLastError()));
    expect_bytes(d, head, sizeof head, "head");
    expect_bytes(d, tail, sizeof tail, "tail");
    /* The file from its current position, then with the buffers. */
    ok(pTransmitFile(c, f, 0, 0, NULL, NULL, 0), "succeeds: %s", wt_name(WSAGetLastError()));
    expect_bytes(d, content, FILE_SIZE, "file");
    SetFilePointer(f, 100, NULL, FILE_BEGIN);
    ok(pTransmitFile(c, f, 50, 0, NULL, &b, 0), "succeeds: %s", wt_name(WSAGetLastError()));
    expect_bytes(d, head, sizeof head, "head");
    expect_bytes(d, content + 100, 50, "50 bytes from position 100");
    expect_bytes(d, tail, sizeof tail, "tail");
    drop_file(f);
    closesocket(c);
    closesocket(d);
}

WT_CASE(transmitfile_overlapped)
{
    char head[] = "hello world", tail[] = "goodbye!!!";
    TRANSMIT_FILE_BUFFERS b;
    OVERLAPPED ov;
    DWORD sent, flags;
    SOCKET c, d;
    pair(&c, &d);
    HANDLE f = make_file(FILE_SIZE);
    b.Head = head;
    b.HeadLength = sizeof head;
    b.Tail = tail;
    b.TailLength = sizeof tail;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, FALSE, FALSE, NULL);
    expect_wsa(pTransmitFile(c, f, 0, 0, &ov, NULL, 0), FALSE, ERROR_IO_PENDING);
    ok(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0, "completed");
    ok(WSAGetOverlappedResult(c, &ov, &sent, FALSE, &flags) && sent == FILE_SIZE, "sent %lu", (unsigned long)sent);
    expect_bytes(d, content, FILE_SIZE, "file");
    /* From OVERLAPPED.Offset, whatever the file position. */
    ov.Offset = 10;
    expect_wsa(pTransmitFile(c, f, 0, 0, &ov, NULL, 0), FALSE, ERROR_IO_PENDING);
    ok(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0, "completed");
    ok(WSAGetOverlappedResult(c, &ov, &sent, FALSE, &flags) && sent == FILE_SIZE - 10, "sent %lu",
       (unsigned long)sent);
    expect_bytes(d, content + 10, FILE_SIZE - 10, "file from 10");
    ov.Offset = 0;
    expect_wsa(pTransmitFile(c, f, 0, 0, &ov, &b, 0), FALSE, ERROR_IO_PENDING);
    ok(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0, "completed");
    ok(WSAGetOverlappedResult(c, &ov, &sent, FALSE, &flags) && sent == FILE_SIZE + sizeof head + sizeof tail,
       "sent %lu", (unsigned long)sent);
    expect_bytes(d, head, sizeof head, "head");
    expect_bytes(d, content, FILE_SIZE, "file");
    expect_bytes(d, tail, sizeof tail, "tail");
    CloseHandle(ov.hEvent);
    drop_file(f);
    closesocket(c);
    closesocket(d);
}

/* A file bigger than the socket buffers: the request waits for room while
 * the peer reads, and its packet reports every byte. */
WT_CASE(transmitfile_large_through_port)
{
    const DWORD size = 8 << 20;
    OVERLAPPED ov;
    SOCKET c, d;
    pair(&c, &d);
    HANDLE f = make_file(size), port = CreateIoCompletionPort((HANDLE)c, NULL, 77, 0);
    memset(&ov, 0, sizeof ov);
    expect_wsa(pTransmitFile(c, f, 0, 0, &ov, NULL, TF_DISCONNECT), FALSE, ERROR_IO_PENDING);
    char *buf = (char *)malloc(65536);
    DWORD got = 0;
    int r;
    while ((r = recv(d, buf, 65536, 0)) > 0) {
        for (int i = 0; i < r; i++)
            if (buf[i] != content[(got + (DWORD)i) % FILE_SIZE]) {
                ok(0, "byte %lu differs", (unsigned long)(got + (DWORD)i));
                break;
            }
        got += (DWORD)r;
    }
    ok(r == 0 && got == size, "the whole file, then the end of stream (TF_DISCONNECT): %lu", (unsigned long)got);
    struct deq q = dequeue(port, 2000);
    ok(q.ret && q.key == 77 && q.bytes == size && q.ov == &ov, "packet: ret %d bytes %lu", q.ret,
       (unsigned long)q.bytes);
    free(buf);
    CloseHandle(port);
    drop_file(f);
    closesocket(c);
    closesocket(d);
}

/* TF_DISCONNECT | TF_REUSE_SOCKET: afterwards the handle connects again. */
WT_CASE(transmitfile_reuse)
{
    struct sockaddr_in addr, any = wt_loopback(0);
    OVERLAPPED ov;
    DWORD n;
    char b;
    SOCKET l = wt_listener(&addr), c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), d;
    ok(connect(c, (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    d = accept(l, NULL, NULL);
    GUID g = WSAID_CONNECTEX, t = WSAID_TRANSMITFILE;
    LPFN_CONNECTEX pConnectEx = (LPFN_CONNECTEX)wt_ext(c, g);
    pTransmitFile = (LPFN_TRANSMITFILE)wt_ext(c, t);
    HANDLE f = make_file(FILE_SIZE);
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, FALSE, FALSE, NULL);
    expect_wsa(pTransmitFile(c, f, 0, 0, &ov, NULL, TF_DISCONNECT | TF_REUSE_SOCKET), FALSE, ERROR_IO_PENDING);
    ok(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0 && ov.Internal == 0, "completed");
    expect_bytes(d, content, FILE_SIZE, "file");
    ok(recv(d, &b, 1, 0) == 0, "then the end of stream");
    closesocket(d);
    expect_ok(bind(c, (struct sockaddr *)&any, sizeof any));
    expect_wsa(pConnectEx(c, (struct sockaddr *)&addr, sizeof addr, NULL, 0, &n, &ov), FALSE, ERROR_IO_PENDING);
    ok(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0 && ov.Internal == 0, "the handle connects again");
    d = accept(l, NULL, NULL);
    expect_wsa(send(c, "x", 1, 0), 1, 0);
    ok(recv(d, &b, 1, 0) == 1, "on the new connection");
    CloseHandle(ov.hEvent);
    drop_file(f);
    closesocket(c);
    closesocket(d);
    closesocket(l);
}

WT_CASE(transmitpackets)
{
    TRANSMIT_PACKETS_ELEMENT el[3];
    OVERLAPPED ov;
    DWORD sent, flags;
    SOCKET c, d;
    pair(&c, &d);
    HANDLE f = make_file(FILE_SIZE);
    memset(el, 0, sizeof el);
    el[0].dwElFlags = TP_ELEMENT_MEMORY;
    el[0].pBuffer = (void *)"head";
    el[0].cLength = 4;
    el[1].dwElFlags = TP_ELEMENT_FILE;
    el[1].hFile = f;
    el[1].nFileOffset.QuadPart = 5;
    el[1].cLength = 100;
    el[2].dwElFlags = TP_ELEMENT_MEMORY | TP_ELEMENT_EOP;
    el[2].pBuffer = (void *)"tail";
    el[2].cLength = 4;
    ok(pTransmitPackets(c, el, 3, 0, NULL, 0), "succeeds: %s", wt_name(WSAGetLastError()));
    expect_bytes(d, "head", 4, "memory");
    expect_bytes(d, content + 5, 100, "file range");
    expect_bytes(d, "tail", 4, "memory");
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, FALSE, FALSE, NULL);
    el[1].cLength = 0; /* to the end of the file */
    expect_wsa(pTransmitPackets(c, el, 3, 0, &ov, 0), FALSE, ERROR_IO_PENDING);
    ok(WaitForSingleObject(ov.hEvent, 2000) == WAIT_OBJECT_0, "completed");
    ok(WSAGetOverlappedResult(c, &ov, &sent, FALSE, &flags) && sent == 8 + FILE_SIZE - 5, "sent %lu",
       (unsigned long)sent);
    expect_bytes(d, "head", 4, "memory");
    expect_bytes(d, content + 5, FILE_SIZE - 5, "file to the end");
    expect_bytes(d, "tail", 4, "memory");
    /* An element must be memory or a file. */
    el[0].dwElFlags = TP_ELEMENT_MEMORY | TP_ELEMENT_FILE;
    expect_wsa(pTransmitPackets(c, el, 1, 0, NULL, 0), FALSE, WSAEINVAL);
    expect_wsa(pTransmitPackets(c, (TRANSMIT_PACKETS_ELEMENT *)NULL, 1, 0, NULL, 0), FALSE, WSAEFAULT);
    CloseHandle(ov.hEvent);
    closesocket(c);
    closesocket(d);

    /* A connected datagram socket: one datagram per element. */
    struct sockaddr_in a;
    SOCKET r = wt_udp(&a), u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    char buf[256];
    ok(connect(u, (struct sockaddr *)&a, sizeof a) == 0, "connect");
    el[0].dwElFlags = TP_ELEMENT_MEMORY;
    el[1].cLength = 10;
    ok(pTransmitPackets(u, el, 3, 0, NULL, 0), "succeeds: %s", wt_name(WSAGetLastError()));
    ok(recv(r, buf, sizeof buf, 0) == 4, "first datagram");
    ok(recv(r, buf, sizeof buf, 0) == 10 && !memcmp(buf, content + 5, 10), "the file's datagram");
    ok(recv(r, buf, sizeof buf, 0) == 4, "last datagram");
    closesocket(u);
    closesocket(r);
    drop_file(f);
}

WT_MAIN(transmitfile_errors, transmitfile_synchronous, transmitfile_overlapped, transmitfile_large_through_port,
        transmitfile_reuse, transmitpackets)
