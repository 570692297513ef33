/* select with hostile Windows fd_sets on real sockets: counts up to 4x
 * FD_SETSIZE (the sets are allocated that large, as a program defining a
 * bigger FD_SETSIZE does), handles that are live sockets, closed ones,
 * garbage and duplicates, in any of the three sets, with a zero time-out.
 * What select reports must be a subset of what was asked. */
#include "fuzz.h"

#define MAX_ENTRIES (4 * FD_SETSIZE)
struct big_set {
    u_int fd_count;
    SOCKET fd_array[MAX_ENTRIES];
};

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
    live[3] = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    closed_one = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    closesocket(closed_one);
}

static SOCKET pick(struct fuzz_in *in)
{
    uint8_t b = fuzz_u8(in);
    switch (b & 7) {
    case 0: case 1: case 2: case 3:
        return live[b & 3];
    case 4:
        return closed_one;
    case 5:
        return (SOCKET)(b >> 3); /* small values: descriptors the library never handed out */
    case 6:
        return INVALID_SOCKET;
    default:
        return (SOCKET)fuzz_u32(in);
    }
}

static int in_set(const struct big_set *asked, u_int n, SOCKET s)
{
    for (u_int i = 0; i < n; i++)
        if (asked->fd_array[i] == s)
            return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct big_set sets[3], copy[3];
    struct fuzz_in in = {data, data + size};
    setup();
    uint8_t how = fuzz_u8(&in);
    if (how & 0x80)
        send(live[0], "x", 1, 0); /* something to read on live[1] */
    fd_set *arg[3];
    for (int k = 0; k < 3; k++) {
        u_int n = fuzz_u16(&in) % (MAX_ENTRIES + 1);
        sets[k].fd_count = n;
        for (u_int i = 0; i < n; i++)
            sets[k].fd_array[i] = pick(&in);
        copy[k] = sets[k];
        arg[k] = how & (1 << k) ? (fd_set *)&sets[k] : NULL;
    }
    struct timeval zero = {0, 0};
    int r = select(0, arg[0], arg[1], arg[2], &zero);
    if (r != SOCKET_ERROR) {
        int total = 0;
        for (int k = 0; k < 3; k++)
            if (arg[k]) {
                fuzz_check(sets[k].fd_count <= copy[k].fd_count);
                for (u_int i = 0; i < sets[k].fd_count; i++)
                    fuzz_check(in_set(&copy[k], copy[k].fd_count, sets[k].fd_array[i]));
                total += (int)sets[k].fd_count;
            }
        fuzz_check(r == total);
    }
    fuzz_drain(live[1]);
    return 0;
}
