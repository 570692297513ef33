/* Close while blocked, many times over (issue 14, "Checks"): a thread
 * blocks in recv, send, accept, select or WSAPoll; another closes the
 * socket a little later each round.  Every call must end (closesocket docs:
 * pending blocking calls are cancelled) with the documented result:
 * WSAEINTR for a call the close interrupted, WSAENOTSOCK for one that came
 * after it; select reports the closed socket (readable), WSAPoll POLLNVAL
 * (and WSAENOTSOCK when no socket it was given is one: test/wsapoll.c)
 * (sock.c test_select, test_WSAPoll).  No descriptor may be left behind.
 * WT_STRESS_ROUNDS sets the rounds per call (default 40; the long run in
 * docs is 10000). */
#include "wstest.h"

enum op { OP_RECV, OP_SEND, OP_ACCEPT, OP_SELECT, OP_POLL, OP_COUNT };
static const char *const op_names[] = {"recv", "send", "accept", "select", "WSAPoll"};

struct blocked {
    enum op op;
    SOCKET s;
    LONG entered;
    int ret, err;
    short revents;
};

static DWORD WINAPI block(LPVOID p)
{
    struct blocked *b = (struct blocked *)p;
    static char big[65536];
    InterlockedExchange(&b->entered, 1);
    WSASetLastError(0);
    switch (b->op) {
    case OP_RECV:
        b->ret = recv(b->s, big, sizeof big, 0);
        break;
    case OP_SEND:
        do /* until the peer's window and our buffer are full, then blocked */
            b->ret = send(b->s, big, sizeof big, 0);
        while (b->ret > 0);
        break;
    case OP_ACCEPT:
        b->ret = accept(b->s, NULL, NULL) == INVALID_SOCKET ? SOCKET_ERROR : 0;
        break;
    case OP_SELECT: {
        fd_set r;
        FD_ZERO(&r);
        FD_SET(b->s, &r);
        b->ret = select(0, &r, NULL, NULL, NULL);
        break;
    }
    default: {
        WSAPOLLFD f;
        f.fd = b->s;
        f.events = POLLRDNORM;
        f.revents = 0;
        b->ret = WSAPoll(&f, 1, -1);
        b->revents = f.revents;
        break;
    }
    }
    b->err = WSAGetLastError();
    return 0;
}

static int rounds(void)
{
    const char *v = getenv("WT_STRESS_ROUNDS");
    int n = v ? atoi(v) : 0;
    return n > 0 ? n : 40;
}

static void one_round(enum op op, int round)
{
    SOCKET a = INVALID_SOCKET, b = INVALID_SOCKET;
    struct sockaddr_in addr;
    struct blocked w;
    memset(&w, 0, sizeof w);
    w.op = op;
    if (op == OP_ACCEPT)
        w.s = wt_listener(&addr);
    else {
        wt_tcp_pair(&a, &b);
        w.s = a;
    }
    HANDLE t = CreateThread(NULL, 0, block, &w, 0, NULL);
    while (!InterlockedCompareExchange(&w.entered, 0, 0))
        Sleep(0);
    Sleep((DWORD)(round % 4)); /* before, at and after the call's way into the kernel */
    closesocket(w.s);
    DWORD waited = WaitForSingleObject(t, 5000);
    ok(waited == WAIT_OBJECT_0, "%s, round %d: still blocked 5 s after closesocket", op_names[op], round);
    if (waited != WAIT_OBJECT_0) {
        fflush(stdout);
        exit(1); /* the thread holds the socket: nothing after this is meaningful */
    }
    CloseHandle(t);
    if (op == OP_SELECT)
        ok(w.ret == 1 || (w.ret == SOCKET_ERROR && w.err == WSAENOTSOCK), "select, round %d: %d %s", round, w.ret,
           wt_name(w.err));
    else if (op == OP_POLL)
        ok(w.revents == POLLNVAL && (w.ret == 1 || (w.ret == SOCKET_ERROR && w.err == WSAENOTSOCK)), "WSAPoll, round %d: %d %s revents %#x", round, w.ret,
           wt_name(w.err), w.revents);
    else
        ok(w.ret == SOCKET_ERROR && (w.err == WSAEINTR || w.err == WSAENOTSOCK), "%s, round %d: %d %s",
           op_names[op], round, w.ret, wt_name(w.err));
    if (b != INVALID_SOCKET)
        closesocket(b);
}

WT_CASE(every_blocked_call_ends_with_its_error)
{
    int n = rounds();
    for (int op = 0; op < OP_COUNT; op++) /* what the library opens once (its engine) is opened here */
        one_round((enum op)op, 1);
    Sleep(50);
    int before = wt_open_descriptors();
    for (int op = 0; op < OP_COUNT; op++)
        for (int i = 0; i < n; i++)
            one_round((enum op)op, i);
    Sleep(50);
    int after = wt_open_descriptors();
    ok(before == after, "descriptors: %d before, %d after", before, after);
}

WT_MAIN(every_blocked_call_ends_with_its_error)
