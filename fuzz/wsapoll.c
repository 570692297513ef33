/* WSAPoll with hostile WSAPOLLFD arrays: live, closed, garbage and
 * duplicate handles, any events and revents bits, counts up to the array's
 * size, a zero time-out.  revents must only ever hold POLL* bits, and the
 * result count the entries with any but POLLNVAL alone. */
#include "fuzz.h"

#define MAX_FDS 128
static SOCKET live[4], closed_one;

static void setup(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    fuzz_startup();
    fuzz_pair(&live[0], &live[1]);
    live[2] = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(l, (struct sockaddr *)&a, sizeof a);
    listen(l, 1);
    live[3] = l;
    closed_one = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    closesocket(closed_one);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_in in = {data, data + size};
    setup();
    uint8_t how = fuzz_u8(&in);
    if (how & 0x80)
        send(live[0], "x", 1, 0);
    ULONG n = fuzz_u8(&in) % (MAX_FDS + 1);
    WSAPOLLFD *fds = n ? malloc(n * sizeof *fds) : NULL; /* exactly n: ASan sees a read past them */
    for (ULONG i = 0; i < n; i++) {
        uint8_t b = fuzz_u8(&in);
        fds[i].fd = (b & 7) < 4 ? live[b & 3] : (b & 7) == 4 ? closed_one : (b & 7) == 5 ? INVALID_SOCKET
                                                                                        : (SOCKET)fuzz_u32(&in);
        fds[i].events = (SHORT)fuzz_u16(&in);
        fds[i].revents = (SHORT)fuzz_u16(&in);
    }
    int r = WSAPoll(how & 0x40 ? NULL : fds, n, 0);
    if (r != SOCKET_ERROR && !(how & 0x40)) {
        int set = 0;
        const SHORT all = POLLRDNORM | POLLRDBAND | POLLPRI | POLLWRNORM | POLLWRBAND | POLLERR | POLLHUP | POLLNVAL;
        for (ULONG i = 0; i < n; i++) {
            fuzz_check(!(fds[i].revents & ~all));
            set += fds[i].revents != 0 && fds[i].revents != POLLNVAL; /* not counted (sock.c test_WSAPoll) */
        }
        fuzz_check(r == set);
    }
    free(fds);
    fuzz_drain(live[1]);
    return 0;
}
