/* conio.h: _kbhit (kbhit), _getch, _getche.  Windows' conio reads the
 * console's keyboard, not a redirected stdin; the console here is the
 * controlling terminal, /dev/tty, read a key at a time (no line editing,
 * no echo but _getche's).  Enter is '\r', as on Windows.  A process
 * without a terminal has no keystrokes: _kbhit says 0 and _getch EOF. */
#include "msvcrt.h"
#include <fcntl.h>
#include <pthread.h>
#include <termios.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int tty = -2;     /* -2: not opened yet, -1: none */
static int pending = -1; /* a key _kbhit saw, for the next _getch */

/* Read one key with the terminal in key-at-a-time mode; wait: block for
 * it, else return -1 at once if none is there.  Called with lock held. */
static int read_key(bool wait, bool echo)
{
    int saved = errno; /* no console is not an error */
    if (tty == -2)
        tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    struct termios old, raw;
    if (tty < 0 || tcgetattr(tty, &old) < 0) {
        errno = saved;
        return -1;
    }
    raw = old;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    raw.c_iflag &= ~(tcflag_t)ICRNL;
    raw.c_cc[VMIN] = wait ? 1 : 0;
    raw.c_cc[VTIME] = 0;
    tcsetattr(tty, TCSANOW, &raw);
    unsigned char ch;
    ssize_t n;
    while ((n = read(tty, &ch, 1)) < 0 && errno == EINTR)
        ;
    if (n == 1 && echo) {
        ssize_t w = write(tty, &ch, 1);
        (void)w;
    }
    tcsetattr(tty, TCSANOW, &old);
    errno = saved;
    return n == 1 ? ch : -1;
}

WS2P_EXPORT int _kbhit(void)
{
    struct ws_call c = WS_CRT_CALL("_kbhit");
    pthread_mutex_lock(&lock);
    if (pending < 0)
        pending = read_key(false, false);
    int ret = pending >= 0;
    pthread_mutex_unlock(&lock);
    return CRT_EXIT(&c, ret, "%s", "");
}
WS2P_EXPORT int kbhit(void) __attribute__((alias("_kbhit")));

static int getch(const char *fn, bool echo)
{
    struct ws_call c = WS_CRT_CALL(fn);
    pthread_mutex_lock(&lock);
    int ret = pending;
    pending = -1;
    if (ret < 0)
        ret = read_key(true, echo);
    else if (echo) {
        unsigned char ch = (unsigned char)ret;
        ssize_t w = write(tty, &ch, 1);
        (void)w;
    }
    pthread_mutex_unlock(&lock);
    return CRT_EXIT(&c, ret < 0 ? EOF : ret, "%s", "");
}

WS2P_EXPORT int _getch(void)
{
    return getch("_getch", false);
}

WS2P_EXPORT int _getche(void)
{
    return getch("_getche", true);
}
