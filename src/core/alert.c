/* The alertable system call: how a thread blocked in the kernel in a
 * blocking receive runs the APCs queued to it meanwhile, as Windows' wait
 * there is alertable (sock.c test_WSARecv), without a system call more than
 * the receive itself.
 *
 * The receive goes through ws_asys, a stub of our own around the one
 * `syscall` instruction, with the thread's in_sys set around it.  Whoever
 * queues an APC to the thread (ws_apc_queue) or ends it (TerminateThread)
 * sets its alert word and, only if in_sys is set, sends the thread one
 * real-time signal.  Its handler looks at where the thread was:
 *   - between the stub's look at the alert word and the `syscall`
 *     instruction, or in the kernel (SA_RESTART rewinds the interrupted
 *     call to the instruction): it moves the thread to the stub's exit that
 *     returns -EINTR, so a wake-up that came after the look is never lost;
 *   - anywhere else (the call had returned): nothing, and SA_RESTART makes
 *     any other call the signal interrupted carry on.
 * Both sides store first and then load the other's word (sequentially
 * consistent), so either the stub sees the alert or the sender sees in_sys.
 * The caller then runs the APCs and receives again (src/ws2_32/recv.c).
 * One window is left: a handler of the program's own signal that
 * interrupts the two instructions between the look and `syscall`, while our
 * signal comes and is handled inside that handler (nothing to move there):
 * that receive then waits for its data, or for the next APC queued.
 *
 * The signal is installed once, when the first thread gets its state, and
 * only if the program has no handler of its own for it (otherwise blocking
 * receives stay un-alertable, reported in the trace).  Each thread unblocks
 * it when it gets its state; a program that blocks it later in a thread
 * makes that thread's blocking receives wait on un-alertably (the pending
 * signal is then handled harmlessly when it is unblocked).  Other
 * architectures have no stub: their receives block in libc as before. */
#include "winobj.h"
#include <signal.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

int ws_alert_sig;

#if WS_HAVE_ASYS
/* long ws_asys(const volatile int *alert, long nr, a1, a2, a3, a4, a5, a6):
 * the raw result (-errno on failure), or -EINTR without entering the
 * kernel when *alert is set. */
__asm__(".text\n"
        ".globl ws_asys\n"
        ".hidden ws_asys\n"
        ".type ws_asys,@function\n"
        "ws_asys:\n"
        "    mov %rdi, %r11\n"
        "    mov %rsi, %rax\n"
        "    mov %rdx, %rdi\n"
        "    mov %rcx, %rsi\n"
        "    mov %r8, %rdx\n"
        "    mov %r9, %r10\n"
        "    mov 8(%rsp), %r8\n"
        "    mov 16(%rsp), %r9\n"
        ".globl ws_asys_begin\n"
        ".hidden ws_asys_begin\n"
        "ws_asys_begin:\n"
        "    cmpl $0, (%r11)\n"
        "    jne ws_asys_cancel\n"
        "    syscall\n"
        ".globl ws_asys_end\n"
        ".hidden ws_asys_end\n"
        "ws_asys_end:\n"
        "    ret\n"
        ".globl ws_asys_cancel\n"
        ".hidden ws_asys_cancel\n"
        "ws_asys_cancel:\n"
        "    mov $-4, %rax\n"
        "    ret\n"
        ".size ws_asys, .-ws_asys\n"
#if defined(__SANITIZE_THREAD__)
        /* The return from our handler, installed without libc (below). */
        ".globl ws_asys_restorer\n"
        ".hidden ws_asys_restorer\n"
        "ws_asys_restorer:\n"
        "    mov $15, %rax\n" /* rt_sigreturn */
        "    syscall\n"
#endif
);
extern const char ws_asys_begin[], ws_asys_end[], ws_asys_cancel[];

/* Async-signal-safe: it reads and moves the interrupted program counter
 * only.  Not instrumented: ThreadSanitizer does not see this handler. */
__attribute__((no_sanitize_thread)) static void alert_handler(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    (void)si;
    ucontext_t *uc = ctx;
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    if (pc - (uintptr_t)ws_asys_begin < (uintptr_t)(ws_asys_end - ws_asys_begin))
        uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)ws_asys_cancel;
}

#if defined(__SANITIZE_THREAD__)
/* ThreadSanitizer's sigaction defers a handler to its next interceptor and
 * hands it a copy of the context, which would defeat the handler: the
 * signal is installed with the kernel directly. */
struct k_sigaction {
    void (*handler)(int, siginfo_t *, void *);
    unsigned long flags;
    void (*restorer)(void);
    unsigned long mask;
};
extern void ws_asys_restorer(void);
static bool alert_install_sig(int sig)
{
    struct k_sigaction old, sa = {alert_handler, SA_SIGINFO | SA_RESTART | 0x04000000 /* SA_RESTORER */,
                                  ws_asys_restorer, 0};
    if (syscall(SYS_rt_sigaction, sig, NULL, &old, 8) != 0 || (void *)old.handler != (void *)SIG_DFL)
        return false;
    return syscall(SYS_rt_sigaction, sig, &sa, NULL, 8) == 0;
}
#else
static bool alert_install_sig(int sig)
{
    struct sigaction old, sa;
    if (sigaction(sig, NULL, &old) != 0 || old.sa_handler != SIG_DFL) /* (a union with sa_sigaction) */
        return false;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = alert_handler;
    sa.sa_flags = SA_SIGINFO | SA_RESTART; /* what else it interrupts carries on */
    sigemptyset(&sa.sa_mask);
    return sigaction(sig, &sa, NULL) == 0;
}
#endif

static void alert_install(void)
{
    /* A real-time signal above those glibc keeps for itself, near the top
     * where programs' own (SIGRTMIN + n) are least likely. */
    int sig = SIGRTMAX - 1;
    if (sig > SIGRTMIN && alert_install_sig(sig))
        __atomic_store_n(&ws_alert_sig, sig, __ATOMIC_RELEASE);
    else if (ws_unlikely(ws_trace_on)) {
        struct ws_call c = WS_CALL("(alertable receives)");
        c.err = WSASYSCALLFAILURE;
        (void)WS_EXIT(&c, -1, "signal %d has a handler of the program's: blocking receives are not alertable", sig);
    }
}
#endif

void ws_alert_thread_init(void)
{
#if WS_HAVE_ASYS
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, alert_install);
    int sig = __atomic_load_n(&ws_alert_sig, __ATOMIC_ACQUIRE);
    if (sig) {
        sigset_t s;
        sigemptyset(&s);
        sigaddset(&s, sig);
        pthread_sigmask(SIG_UNBLOCK, &s, NULL);
    }
#endif
}

void ws_alert_kick_locked(struct ws_thread *t, int why)
{
    if (why < __atomic_load_n(&t->alert, __ATOMIC_RELAXED))
        why = WS_ALERT_END; /* an APC does not hide an end asked for */
    if (t == ws_cur_thread) {
        /* Queued by the thread itself (a completion it reaped): it is in no
         * system call to interrupt, and its own next look sees the word. */
        __atomic_store_n(&t->alert, why, __ATOMIC_RELAXED);
        return;
    }
    __atomic_store_n(&t->alert, why, __ATOMIC_SEQ_CST);
    int sig = __atomic_load_n(&ws_alert_sig, __ATOMIC_RELAXED);
    if (sig && __atomic_load_n(&t->in_sys, __ATOMIC_SEQ_CST))
        syscall(SYS_tgkill, getpid(), (pid_t)__atomic_load_n(&t->obj->tid, __ATOMIC_ACQUIRE), sig);
}

bool ws_alert_pending(void)
{
    struct ws_thread *t = ws_cur_thread;
    if (!t)
        return false;
    bool ending = __atomic_load_n(&t->alert, __ATOMIC_ACQUIRE) == WS_ALERT_END;
    if (ending)
        pthread_testcancel(); /* TerminateThread: the thread ends here */
    /* Still here: the word becomes what the queue holds now, so an APC
     * taken back (ws_apc_cancel) or cancellation disabled cannot make every
     * later receive return at once; an end asked for since the look above
     * stays for the next one. */
    pthread_mutex_lock(&t->obj->lock);
    bool pending = t->apc_head != NULL;
    if (ending || __atomic_load_n(&t->alert, __ATOMIC_RELAXED) != WS_ALERT_END)
        __atomic_store_n(&t->alert, pending ? WS_ALERT_APC : 0, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&t->obj->lock);
    return pending;
}
