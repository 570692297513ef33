/* Console control events: SetConsoleCtrlHandler, GenerateConsoleCtrlEvent.
 *
 * Linux delivers them as signals: SIGINT is CTRL_C_EVENT (the terminal's
 * Ctrl+C, as on Windows), SIGQUIT is CTRL_BREAK_EVENT (Ctrl+\, the key
 * nearest Ctrl+Break), SIGHUP (the terminal went away) and SIGTERM (asked
 * to end) are CTRL_CLOSE_EVENT.  Nothing changes until the program first
 * calls SetConsoleCtrlHandler: then those four signals are caught.  As on
 * Windows, each event is handled on a new thread, which calls the handlers
 * most recently registered first until one returns TRUE; if none does, the
 * default handler ends the process.  After a CTRL_CLOSE_EVENT the process
 * ends whatever the handlers return, once they have (at most 5 s later, the
 * time Windows gives them).  The process ends by the signal itself, with
 * its default action, so the parent sees what a Linux parent expects (a
 * shell: 130 for Ctrl+C); Windows' exit code would be STATUS_CONTROL_C_EXIT.
 *
 * The signal handler only writes the signal number to a pipe (async-signal
 * safe); a dispatcher thread, started with the first registration, reads it
 * and starts the handler thread. */
#include "kernel32.h"
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CTRL_C_ 0
#define CTRL_BREAK_ 1
#define CTRL_CLOSE_ 2
#define CLOSE_GRACE_S 5

typedef BOOL (*ws_ctrl_handler)(DWORD);

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t handled = PTHREAD_COND_INITIALIZER;
static ws_ctrl_handler *handlers; /* registration order; called from the end */
static size_t nhandlers, chandlers;
static bool ignore_ctrl_c;        /* SetConsoleCtrlHandler(NULL, TRUE), or SIGINT ignored at start */
static bool installed;
static int pipe_fd[2] = {-1, -1};
static unsigned running;          /* handler threads under way (under lock) */

static const int signals[] = {SIGINT, SIGQUIT, SIGHUP, SIGTERM};

static DWORD event_of(int sig)
{
    return sig == SIGINT ? CTRL_C_ : sig == SIGQUIT ? CTRL_BREAK_ : CTRL_CLOSE_;
}

static void on_signal(int sig)
{
    int saved = errno;
    unsigned char b = (unsigned char)sig;
    ssize_t n = write(pipe_fd[1], &b, 1);
    (void)n;
    errno = saved;
}

/* End the process by the signal's default action. */
static __attribute__((noreturn)) void die_by(int sig)
{
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig); /* a signal whose default is to be ignored: still end */
}

struct event {
    int sig;
};

static void *handler_thread(void *p)
{
    int sig = ((struct event *)p)->sig;
    free(p);
    DWORD ev = event_of(sig);
    bool done = false;
    pthread_mutex_lock(&lock);
    size_t n = nhandlers;
    ws_ctrl_handler *snap = n ? malloc(n * sizeof *snap) : NULL;
    if (snap)
        memcpy(snap, handlers, n * sizeof *snap);
    pthread_mutex_unlock(&lock);
    for (size_t i = snap ? n : 0; i-- > 0 && !done;)
        done = snap[i](ev) != 0;
    free(snap);
    if (!done || ev == CTRL_CLOSE_)
        die_by(sig); /* the default handler, or the end after a close */
    pthread_mutex_lock(&lock);
    running--;
    pthread_cond_broadcast(&handled);
    pthread_mutex_unlock(&lock);
    return NULL;
}

static void *dispatcher(void *arg)
{
    (void)arg;
    for (;;) {
        unsigned char b;
        ssize_t r = read(pipe_fd[0], &b, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return NULL;
        int sig = b;
        pthread_mutex_lock(&lock);
        bool skip = sig == SIGINT && ignore_ctrl_c;
        pthread_mutex_unlock(&lock);
        if (skip)
            continue;
        struct event *e = malloc(sizeof *e);
        pthread_t t;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        if (e) {
            e->sig = sig;
            pthread_mutex_lock(&lock);
            running++;
            pthread_mutex_unlock(&lock);
        }
        if (!e || pthread_create(&t, &attr, handler_thread, e) != 0)
            die_by(sig); /* no thread for the handlers: the default action */
        pthread_attr_destroy(&attr);
        if (event_of(sig) == CTRL_CLOSE_) {
            /* The handlers' grace period; the handler thread ends the
             * process when they return. */
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_sec += CLOSE_GRACE_S;
            pthread_mutex_lock(&lock);
            int rc = 0;
            while (running && rc == 0)
                rc = pthread_cond_timedwait(&handled, &lock, &ts);
            pthread_mutex_unlock(&lock);
            die_by(sig);
        }
    }
}

/* Lock held.  A SIGINT the process was started ignoring stays ignored:
 * that is Windows' inherited ignore-Ctrl+C attribute. */
static int install(void)
{
    if (installed)
        return 0;
    if (pipe2(pipe_fd, O_CLOEXEC) != 0)
        return ws_errno_to_w32(errno);
    fcntl(pipe_fd[1], F_SETFL, O_NONBLOCK);
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old); /* the dispatcher takes no signal itself */
    int e = pthread_create(&t, &attr, dispatcher, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    if (e) {
        close(pipe_fd[0]);
        close(pipe_fd[1]);
        pipe_fd[0] = pipe_fd[1] = -1;
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    struct sigaction sa, cur;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        if (signals[i] == SIGINT && sigaction(SIGINT, NULL, &cur) == 0 && cur.sa_handler == SIG_IGN) {
            ignore_ctrl_c = true;
            continue;
        }
        sigaction(signals[i], &sa, NULL);
    }
    installed = true;
    return 0;
}

/* Ctrl+C ignored (NULL, TRUE) is SIGINT ignored, so children inherit it as
 * Windows' children inherit the attribute. */
static void set_ignore(bool on)
{
    ignore_ctrl_c = on;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on ? SIG_IGN : on_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

WS2P_EXPORT BOOL SetConsoleCtrlHandler(ws_ctrl_handler fn, BOOL add)
{
    struct ws_call c = WS_CALL32("SetConsoleCtrlHandler");
    BOOL ret = 0;
    pthread_mutex_lock(&lock);
    int err = install();
    if (err)
        ;
    else if (!fn)
        set_ignore(add != 0);
    else if (add) {
        if (nhandlers == chandlers) {
            size_t cap = chandlers ? chandlers * 2 : 4;
            ws_ctrl_handler *h = realloc(handlers, cap * sizeof *h);
            if (!h)
                err = ERROR_NOT_ENOUGH_MEMORY;
            else {
                handlers = h;
                chandlers = cap;
            }
        }
        if (!err)
            handlers[nhandlers++] = fn;
    } else {
        size_t i = nhandlers;
        while (i-- > 0 && handlers[i] != fn)
            ;
        if (i == (size_t)-1)
            err = ERROR_INVALID_PARAMETER; /* not registered */
        else {
            memmove(handlers + i, handlers + i + 1, (nhandlers - i - 1) * sizeof *handlers);
            nhandlers--;
        }
    }
    pthread_mutex_unlock(&lock);
    if (err)
        ws_fail(&c, err);
    else
        ret = 1;
    return WS_EXIT32(&c, ret, "fn=%p, add=%d", (void *)(uintptr_t)fn, add);
}

/* Group 0 is every process on the console on Windows; here it is the
 * calling process only (its Linux process group may hold the shell that
 * started it).  Another group gets CTRL_BREAK_EVENT as SIGQUIT; CTRL_C_EVENT
 * cannot be limited to a group (the docs: such a call succeeds and the
 * group's processes do not receive it). */
WS2P_EXPORT BOOL GenerateConsoleCtrlEvent(DWORD ev, DWORD group)
{
    struct ws_call c = WS_CALL32("GenerateConsoleCtrlEvent");
    BOOL ret = 0;
    if (ev != CTRL_C_ && ev != CTRL_BREAK_)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else if (group == 0) {
        kill(getpid(), ev == CTRL_C_ ? SIGINT : SIGQUIT);
        ret = 1;
    } else if (ev == CTRL_C_)
        ret = 1;
    else if (kill(-(pid_t)group, SIGQUIT) != 0)
        ws_fail_errno32(&c, "kill", errno);
    else
        ret = 1;
    return WS_EXIT32(&c, ret, "event=%u, group=%u", (unsigned)ev, (unsigned)group);
}
