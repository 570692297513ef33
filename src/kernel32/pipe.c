/* Pipes: CreatePipe, PeekNamedPipe, CreateNamedPipeA/W, ConnectNamedPipe,
 * DisconnectNamedPipe, WaitNamedPipeA/W, SetNamedPipeHandleState,
 * GetNamedPipeClientProcessId, GetNamedPipeServerProcessId, and the
 * client side of CreateFile("\\.\pipe\NAME") (file.c).
 *
 * Every pipe is a pair of AF_UNIX sockets, so a write to a pipe whose
 * reader has gone is ERROR_NO_DATA (send with MSG_NOSIGNAL), never
 * SIGPIPE.  An anonymous pipe is a socketpair with one direction shut.
 * A named pipe \\.\pipe\NAME lives in the abstract socket namespace, so
 * other processes reach it and nothing is left on disk:
 *   - "ws2posix-pipe:NAME", a datagram socket bound while the server
 *     process has any instance: the pipe exists;
 *   - "ws2posix-pipe-listen:NAME", a listening socket bound while some
 *     instance waits for a client, its backlog the number waiting (minus
 *     one, Linux counts one more): a client that finds no room is
 *     ERROR_PIPE_BUSY, as when every instance is taken on Windows.
 * NAME is case-folded, as Windows' pipe names are case-insensitive.
 * Message pipes (PIPE_TYPE_MESSAGE) are SOCK_SEQPACKET; the part of a
 * message a short ReadFile left is kept for the next one (ERROR_MORE_DATA
 * in message read mode). */
#include "k32file.h"
#include <ctype.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* A pipe name this process serves. */
struct pipe_name {
    struct pipe_name *next;
    char *name;               /* case-folded */
    int presence;             /* the datagram socket saying the pipe exists */
    int listener;             /* the listening socket while instances wait, else -1 */
    int type;                 /* SOCK_STREAM or SOCK_SEQPACKET */
    unsigned instances, max_instances, listening;
};

/* A named pipe end (struct ws_file's pipe). */
struct ws_pipe_inst {
    struct pipe_name *pn; /* the server end's name; NULL for a client end */
    bool message_type;    /* PIPE_TYPE_MESSAGE */
    bool message_read;    /* PIPE_READMODE_MESSAGE */
    bool nowait;          /* PIPE_NOWAIT */
    bool listening;       /* a server end counted in pn->listening */
    bool connecting;      /* an OVERLAPPED ConnectNamedPipe waits for a client */
    char *rest;           /* what a short read left of a message */
    size_t rest_off, rest_len;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct pipe_name *names;

/* The abstract address for a pipe name; long names keep a hash of the
 * whole (sun_path has 107 bytes). */
static socklen_t pipe_addr(struct sockaddr_un *a, const char *kind, const char *name)
{
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    size_t n = strlen(name);
    int len;
    if (n <= 64)
        len = snprintf(a->sun_path + 1, sizeof a->sun_path - 1, "ws2posix-pipe%s:%s", kind, name);
    else {
        uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a */
        for (const char *p = name; *p; p++)
            h = (h ^ (unsigned char)*p) * 0x100000001b3ull;
        len = snprintf(a->sun_path + 1, sizeof a->sun_path - 1, "ws2posix-pipe%s:%.48s#%016llx", kind, name,
                       (unsigned long long)h);
    }
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)len);
}

const char *ws_pipe_name(const char *s)
{
    if ((s[0] == '\\' || s[0] == '/') && (s[1] == '\\' || s[1] == '/') && s[2] == '.' &&
        (s[3] == '\\' || s[3] == '/') && !strncasecmp(s + 4, "pipe", 4) && (s[8] == '\\' || s[8] == '/') && s[9])
        return s + 9;
    return NULL;
}

/* A pipe name argument -> NAME case-folded (malloc'd), or NULL with c->err
 * set (ERROR_PATH_NOT_FOUND for NULL or "", ERROR_INVALID_NAME for what
 * is not a pipe name). */
static char *pipe_key_arg(struct ws_call *c, const void *name, bool wide)
{
    char *u = k32_utf8_arg(c, name, wide), *k = NULL;
    const char *n = u ? ws_pipe_name(u) : NULL;
    if (u && !n)
        ws_fail(c, ERROR_INVALID_NAME);
    else if (n && !(k = strdup(n)))
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
    if (k)
        for (char *p = k; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    free(u);
    return k;
}

static struct ws_pipe_inst *pipe_of(struct ws_file *f)
{
    return f ? f->pipe : NULL;
}


/* The listening socket follows the number of waiting instances (lock held). */
static void update_listener(struct pipe_name *pn)
{
    if (pn->listening == 0) {
        if (pn->listener >= 0)
            close(pn->listener);
        pn->listener = -1;
        return;
    }
    if (pn->listener < 0) {
        struct sockaddr_un a;
        socklen_t len = pipe_addr(&a, "-listen", pn->name);
        int s = socket(AF_UNIX, pn->type | SOCK_CLOEXEC, 0);
        if (s < 0 || bind(s, (struct sockaddr *)&a, len) != 0) {
            if (s >= 0)
                close(s);
            return; /* clients find the pipe busy */
        }
        pn->listener = s;
    }
    listen(pn->listener, (int)pn->listening - 1);
}

static void set_listening(struct ws_pipe_inst *p, bool on)
{
    if (p->listening == on)
        return;
    p->listening = on;
    if (on)
        p->pn->listening++;
    else
        p->pn->listening--;
    update_listener(p->pn);
}

/* A client that connected to a waiting instance is that instance's, even
 * before ConnectNamedPipe (Wine's test_CloseHandle writes at once): I/O
 * on a server end takes a queued client first.  True if now connected. */
bool ws_pipe_claim(struct ws_file *f)
{
    struct ws_pipe_inst *p = f->pipe;
    if (!p || !p->pn || f->fd >= 0)
        return f->fd >= 0;
    pthread_mutex_lock(&lock);
    if (f->fd < 0 && p->listening && !p->connecting && p->pn->listener >= 0) {
        struct pollfd pf = {p->pn->listener, POLLIN, 0};
        int fd = poll(&pf, 1, 0) > 0 ? accept4(p->pn->listener, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK) : -1;
        if (fd >= 0) {
            if (!p->nowait)
                fcntl(fd, F_SETFL, 0);
            f->fd = fd;
            set_listening(p, false);
        }
    }
    pthread_mutex_unlock(&lock);
    return f->fd >= 0;
}

/* I/O on a server end without a client: waiting for one, or cut off by
 * DisconnectNamedPipe. */
int ws_pipe_unconnected(const struct ws_file *f)
{
    return f->pipe && f->pipe->listening ? ERROR_PIPE_LISTENING : ERROR_PIPE_NOT_CONNECTED;
}

bool ws_pipe_message(const struct ws_file *f)
{
    return f->pipe && f->pipe->message_type;
}

/* The last handle to a named pipe end went. */
static void pipe_fini(struct ws_file *f)
{
    struct ws_pipe_inst *p = f->pipe;
    if (!p)
        return;
    struct pipe_name *pn = p->pn;
    if (pn) {
        pthread_mutex_lock(&lock);
        set_listening(p, false);
        if (--pn->instances == 0) {
            for (struct pipe_name **pp = &names; *pp; pp = &(*pp)->next)
                if (*pp == pn) {
                    *pp = pn->next;
                    break;
                }
            close(pn->presence);
            free(pn->name);
            free(pn);
        }
        pthread_mutex_unlock(&lock);
    }
    free(p->rest);
    free(p);
}

static struct ws_file *new_end(int fd, unsigned access, struct ws_pipe_inst *p, DWORD flags)
{
    struct ws_file *f = ws_file_new(fd, true, 0);
    if (!f)
        return NULL;
    f->access = access;
    f->ftype = WS_FTYPE_PIPE;
    f->sock = true;
    f->flags = flags;
    f->pipe = p;
    f->fini = pipe_fini;
    return f;
}

/* ---- anonymous pipes ------------------------------------------------------ */

WS2P_EXPORT BOOL CreatePipe(HANDLE *rd, HANDLE *wr, WS_SECURITY_ATTRIBUTES *sa, DWORD size)
{
    struct ws_call c = WS_CALL32("CreatePipe");
    BOOL ret = 0;
    int sv[2] = {-1, -1};
    bool inherit = sa && sa->bInheritHandle;
    struct ws_file *r = NULL, *w = NULL;
    if (ws_bad_ptr(rd) || ws_bad_ptr(wr))
        ws_fail(&c, ERROR_NOACCESS);
    else if (socketpair(AF_UNIX, SOCK_STREAM | (inherit ? 0 : SOCK_CLOEXEC), 0, sv) != 0)
        ws_fail_errno32(&c, "socketpair", errno);
    else if (!(r = ws_file_new(sv[0], true, 0)) || !(w = ws_file_new(sv[1], true, 0)))
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    else {
        r->access = WS_FILE_READ;
        w->access = WS_FILE_WRITE;
        shutdown(sv[0], SHUT_WR);
        shutdown(sv[1], SHUT_RD);
        if (size) {
            int sz = size > (1u << 30) ? 1 << 30 : (int)size;
            setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz);
        }
        r->sock = w->sock = true;
        sv[0] = sv[1] = -1; /* the objects own them */
        HANDLE hr = ws_file_handle(r), hw = hr ? ws_file_handle(w) : NULL;
        if (!hw) {
            ws_fail(&c, (int)ws_last_error);
            if (hr)
                ws_handle_close(hr);
        } else {
            if (inherit) {
                ws_handle_set_flags(hr, 1, 1);
                ws_handle_set_flags(hw, 1, 1);
            }
            *rd = hr;
            *wr = hw;
            ret = 1;
        }
    }
    if (r)
        ws_file_put(r);
    else if (sv[0] >= 0)
        close(sv[0]);
    if (w)
        ws_file_put(w);
    else if (sv[1] >= 0)
        close(sv[1]);
    return WS_EXIT32(&c, ret, "rd=%p, wr=%p, size=%u", ret ? *rd : NULL, ret ? *wr : NULL, (unsigned)size);
}

bool ws_pipe_broken(int fd)
{
    int q = 0;
    return ioctl(fd, FIONREAD, &q) == 0 && q == 0 && ws_pipe_gone(fd);
}

bool ws_pipe_gone(int fd)
{
    struct pollfd p = {fd, POLLIN | POLLRDHUP, 0};
    if (poll(&p, 1, 0) <= 0)
        return false;
    char b;
    return (p.revents & (POLLHUP | POLLERR)) || recv(fd, &b, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

/* In byte mode "left in this message" comes back as minus what was read
 * (Wine's test_CreateNamedPipe); in message mode it is what the current
 * message still has past what was read. */
WS2P_EXPORT BOOL PeekNamedPipe(HANDLE h, void *buf, DWORD size, DWORD *read_, DWORD *avail, DWORD *left)
{
    struct ws_call c = WS_CALL32("PeekNamedPipe");
    BOOL ret = 0;
    struct ws_file *f = k32_file(h);
    struct ws_pipe_inst *p = pipe_of(f);
    DWORD got = 0, total = 0, msg = 0;
    int q = 0;
    if (f)
        ws_pipe_claim(f);
    if (!f)
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else if (f->ftype != WS_FTYPE_PIPE)
        ws_fail(&c, ERROR_INVALID_FUNCTION);
    else if (f->fd < 0)
        ws_fail(&c, ERROR_BAD_PIPE); /* a server end with no client */
    else if (ioctl(f->fd, FIONREAD, &q) != 0)
        ws_fail_errno32(&c, "ioctl", errno);
    else {
        size_t kept = p && p->rest ? p->rest_len - p->rest_off : 0;
        total = (DWORD)kept + (DWORD)q;
        msg = kept ? (DWORD)kept : (DWORD)q; /* SEQPACKET's FIONREAD is the next message */
        if (total == 0 && ws_pipe_gone(f->fd))
            ws_fail(&c, ERROR_BROKEN_PIPE);
        else {
            if (buf && size) {
                if (kept) {
                    got = size < kept ? size : (DWORD)kept;
                    memcpy(buf, p->rest + p->rest_off, got);
                } else if (q) {
                    ssize_t n = recv(f->fd, buf, size, MSG_PEEK | MSG_DONTWAIT);
                    got = n > 0 ? (DWORD)n : 0;
                }
            }
            ret = 1;
        }
    }
    if (ret) {
        if (read_)
            *read_ = got;
        if (avail)
            *avail = total;
        if (left)
            *left = p && p->message_type ? msg - got : (DWORD)0 - got;
    }
    if (f)
        ws_file_put(f);
    return WS_EXIT32(&c, ret, "h=%p, size=%u, read=%u, avail=%u", h, (unsigned)size, (unsigned)got, (unsigned)total);
}

/* ReadFile on a message pipe end (file.c): a message at a time, the rest
 * of one a short buffer could not take kept for the next read.  The count,
 * or -1 with c->err set; *more: the message goes on (ERROR_MORE_DATA in
 * message read mode). */
ssize_t ws_pipe_read(struct ws_call *c, struct ws_file *f, char *buf, DWORD n, bool *more)
{
    struct ws_pipe_inst *p = f->pipe;
    *more = false;
    if (p->rest) {
        size_t k = p->rest_len - p->rest_off;
        size_t take = n < k ? n : k;
        memcpy(buf, p->rest + p->rest_off, take);
        p->rest_off += take;
        if (p->rest_off == p->rest_len) {
            free(p->rest);
            p->rest = NULL;
        } else
            *more = p->message_read;
        return (ssize_t)take;
    }
    ssize_t len;
    while ((len = recv(f->fd, NULL, 0, MSG_PEEK | MSG_TRUNC)) < 0 && errno == EINTR)
        ;
    if (len < 0) {
        ws_fail_errno32(c, "recv", errno);
        return -1;
    }
    if (len == 0 && ws_pipe_gone(f->fd)) {
        ws_fail(c, ERROR_BROKEN_PIPE);
        return -1;
    }
    if ((size_t)len <= n) {
        ssize_t r = recv(f->fd, buf, n, 0);
        if (r < 0)
            ws_fail_errno32(c, "recv", errno);
        return r;
    }
    char *m = malloc((size_t)len);
    if (!m) {
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
        return -1;
    }
    ssize_t r = recv(f->fd, m, (size_t)len, 0);
    if (r < 0) {
        ws_fail_errno32(c, "recv", errno);
        free(m);
        return -1;
    }
    memcpy(buf, m, n);
    p->rest = m;
    p->rest_off = n;
    p->rest_len = (size_t)r;
    *more = p->message_read;
    return n;
}

/* ---- named pipes: server -------------------------------------------------- */

static HANDLE create_named_pipe(struct ws_call *c, const void *name, bool wide, DWORD open_mode, DWORD pipe_mode,
                                DWORD max_instances, DWORD out_size, const WS_SECURITY_ATTRIBUTES *sa)
{
    HANDLE ret = (HANDLE)(intptr_t)-1;
    char *key = pipe_key_arg(c, name, wide);
    DWORD access = open_mode & PIPE_ACCESS_DUPLEX;
    if (!key)
        return ret;
    bool message = pipe_mode & PIPE_TYPE_MESSAGE;
    if (!access || max_instances == 0 || max_instances > PIPE_UNLIMITED_INSTANCES ||
        ((pipe_mode & PIPE_READMODE_MESSAGE) && !message) ||
        (pipe_mode & ~(DWORD)(PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE | PIPE_NOWAIT | PIPE_REJECT_REMOTE_CLIENTS))) {
        ws_fail(c, ERROR_INVALID_PARAMETER);
        free(key);
        return ret;
    }
    int type = message ? SOCK_SEQPACKET : SOCK_STREAM;
    pthread_mutex_lock(&lock);
    struct pipe_name *pn = names;
    while (pn && strcmp(pn->name, key))
        pn = pn->next;
    if (pn && ((open_mode & FILE_FLAG_FIRST_PIPE_INSTANCE) || pn->type != type))
        ws_fail(c, ERROR_ACCESS_DENIED);
    else if (pn && pn->instances >= pn->max_instances)
        ws_fail(c, ERROR_PIPE_BUSY);
    else if (!pn) {
        /* The first instance: claim the name, or find another process has it. */
        struct sockaddr_un a;
        socklen_t len = pipe_addr(&a, "", key);
        int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (s < 0)
            ws_fail_errno32(c, "socket", errno);
        else if (bind(s, (struct sockaddr *)&a, len) != 0) {
            ws_fail_sys(c, "bind", errno, errno == EADDRINUSE ? ERROR_ACCESS_DENIED : ws_errno_to_w32(errno));
            close(s);
        } else if (!(pn = calloc(1, sizeof *pn))) {
            ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
            close(s);
        } else {
            *pn = (struct pipe_name){names, key, s, -1, type, 0,
                                     max_instances == PIPE_UNLIMITED_INSTANCES ? ~0u : max_instances, 0};
            names = pn;
            key = NULL;
        }
    }
    struct ws_pipe_inst *p = NULL;
    struct ws_file *f = NULL;
    if (pn && c->err == WS_ERR_KEEP) {
        if (!(p = calloc(1, sizeof *p)) ||
            !(f = new_end(-1, (access & PIPE_ACCESS_INBOUND ? WS_FILE_READ : 0) |
                                  (access & PIPE_ACCESS_OUTBOUND ? WS_FILE_WRITE : 0),
                          NULL, open_mode))) {
            ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
            free(p);
        } else {
            *p = (struct ws_pipe_inst){pn, message, (pipe_mode & PIPE_READMODE_MESSAGE) != 0,
                                       (pipe_mode & PIPE_NOWAIT) != 0, false, false, NULL, 0, 0};
            f->pipe = p;
            pn->instances++;
            set_listening(p, true); /* clients may connect before ConnectNamedPipe */
        }
    }
    if (pn && pn->instances == 0) { /* made for this call, which failed */
        names = pn->next;
        close(pn->presence);
        free(pn->name);
        free(pn);
    }
    pthread_mutex_unlock(&lock);
    if (f) {
        (void)out_size; /* the socket's own buffers */
        HANDLE h = ws_file_handle(f);
        if (h) {
            ret = h;
            if (sa && sa->bInheritHandle)
                ws_handle_set_flags(h, 1, 1);
        } else
            ws_fail(c, (int)ws_last_error);
        ws_file_put(f);
    }
    free(key);
    return ret;
}

WS2P_EXPORT HANDLE CreateNamedPipeA(const char *name, DWORD open_mode, DWORD pipe_mode, DWORD max_instances,
                                    DWORD out_size, DWORD in_size, DWORD timeout, WS_SECURITY_ATTRIBUTES *sa)
{
    struct ws_call c = WS_CALL32("CreateNamedPipeA");
    (void)in_size, (void)timeout;
    HANDLE h = create_named_pipe(&c, name, false, open_mode, pipe_mode, max_instances, out_size, sa);
    return WS_EXIT32(&c, h, "name=%s, open_mode=%#x, pipe_mode=%#x, max=%u", name ? name : "NULL",
                     (unsigned)open_mode, (unsigned)pipe_mode, (unsigned)max_instances);
}

WS2P_EXPORT HANDLE CreateNamedPipeW(const WCHAR *name, DWORD open_mode, DWORD pipe_mode, DWORD max_instances,
                                    DWORD out_size, DWORD in_size, DWORD timeout, WS_SECURITY_ATTRIBUTES *sa)
{
    struct ws_call c = WS_CALL32("CreateNamedPipeW");
    (void)in_size, (void)timeout;
    HANDLE h = create_named_pipe(&c, name, true, open_mode, pipe_mode, max_instances, out_size, sa);
    return WS_EXIT32(&c, h, "name=%ls, open_mode=%#x, pipe_mode=%#x, max=%u", name ? name : L"NULL",
                     (unsigned)open_mode, (unsigned)pipe_mode, (unsigned)max_instances);
}

/* The server end of a named pipe behind h (referenced), or NULL with the
 * error: a client end is ERROR_INVALID_FUNCTION, anything else
 * ERROR_INVALID_HANDLE. */
static struct ws_file *server_end(struct ws_call *c, HANDLE h)
{
    struct ws_file *f = k32_file(h);
    if (f && f->pipe && f->pipe->pn)
        return f;
    ws_fail(c, f && f->pipe ? ERROR_INVALID_FUNCTION : ERROR_INVALID_HANDLE);
    if (f)
        ws_file_put(f);
    return NULL;
}

/* An OVERLAPPED ConnectNamedPipe on a FILE_FLAG_OVERLAPPED pipe: a thread
 * waits for the client and completes the OVERLAPPED (Internal, then the
 * event, or the pipe's own object when there is none). */
struct connect_op {
    struct ws_file *f; /* referenced */
    WS_OVERLAPPED *ov;
    int lfd;
};

static void *connect_wait(void *arg)
{
    struct connect_op *op = arg;
    struct ws_file *f = op->f;
    int fd;
    while ((fd = accept4(op->lfd, NULL, NULL, SOCK_CLOEXEC)) < 0 && errno == EINTR)
        ;
    uint32_t st = fd >= 0 ? 0 : 0xC00000B0u; /* STATUS_PIPE_DISCONNECTED */
    pthread_mutex_lock(&lock);
    f->pipe->connecting = false;
    if (fd >= 0 && f->fd < 0) {
        if (f->pipe->nowait)
            fcntl(fd, F_SETFL, O_NONBLOCK);
        f->fd = fd;
        set_listening(f->pipe, false);
    } else if (fd >= 0)
        close(fd);
    pthread_mutex_unlock(&lock);
    __atomic_store_n(&op->ov->InternalHigh, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&op->ov->Internal, (ULONG_PTR)st, __ATOMIC_RELEASE);
    HANDLE ev = (HANDLE)((ULONG_PTR)op->ov->hEvent & ~(ULONG_PTR)1);
    ws_obj *e = ev ? ws_handle_get(ev, WS_OBJ_EVENT) : NULL;
    if (e) {
        ws_obj_signal(e);
        ws_obj_unref(e);
    } else
        ws_obj_signal(&f->obj);
    ws_file_put(f);
    free(op);
    return NULL;
}

/* FALSE with ERROR_IO_PENDING once the wait is under way. */
static bool connect_async(struct ws_call *c, struct ws_file *f, WS_OVERLAPPED *ov, int lfd)
{
    struct connect_op *op = malloc(sizeof *op);
    pthread_attr_t at;
    pthread_t t;
    if (!op) {
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
        return false;
    }
    *op = (struct connect_op){f, ov, lfd};
    ws_obj_ref(&f->obj);
    __atomic_store_n(&ov->Internal, (ULONG_PTR)0x103, __ATOMIC_RELAXED); /* STATUS_PENDING */
    ov->InternalHigh = 0;
    HANDLE ev = (HANDLE)((ULONG_PTR)ov->hEvent & ~(ULONG_PTR)1);
    ws_obj *e = ev ? ws_handle_get(ev, WS_OBJ_EVENT) : NULL;
    if (e) {
        ws_obj_reset(e); /* an operation starting resets its event */
        ws_obj_unref(e);
    } else
        ws_obj_reset(&f->obj);
    pthread_mutex_lock(&lock);
    f->pipe->connecting = true;
    pthread_mutex_unlock(&lock);
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&at, 64 * 1024);
    int e2 = pthread_create(&t, &at, connect_wait, op);
    pthread_attr_destroy(&at);
    if (e2) {
        pthread_mutex_lock(&lock);
        f->pipe->connecting = false;
        pthread_mutex_unlock(&lock);
        ws_obj_signal(&f->obj);
        ws_file_put(f);
        free(op);
        ws_fail_errno32(c, "pthread_create", e2);
        return false;
    }
    ws_fail(c, ERROR_IO_PENDING);
    return true;
}

/* A client that connected before ConnectNamedPipe is taken at once and
 * reported as ERROR_PIPE_CONNECTED, as Windows does.  The wait is a
 * blocking accept, or with an OVERLAPPED on a FILE_FLAG_OVERLAPPED pipe,
 * pending (connect_async). */
WS2P_EXPORT BOOL ConnectNamedPipe(HANDLE h, WS_OVERLAPPED *ov)
{
    struct ws_call c = WS_CALL32("ConnectNamedPipe");
    BOOL ret = 0;
    struct ws_file *f = server_end(&c, h);
    if (f) {
        struct ws_pipe_inst *p = f->pipe;
        pthread_mutex_lock(&lock);
        int lfd = -1;
        if (f->fd >= 0)
            ws_fail(&c, ERROR_PIPE_CONNECTED);
        else if (p->connecting)
            ws_fail(&c, ERROR_PIPE_LISTENING); /* one wait at a time */
        else {
            set_listening(p, true);
            if ((lfd = p->pn->listener) < 0)
                ws_fail(&c, ERROR_PIPE_BUSY); /* the name could not be bound */
        }
        pthread_mutex_unlock(&lock);
        if (lfd >= 0) {
            struct pollfd pf = {lfd, POLLIN, 0};
            bool waiting = poll(&pf, 1, 0) > 0;
            int fd = -1;
            if (!waiting && p->nowait)
                ws_fail(&c, ERROR_PIPE_LISTENING);
            else if (!waiting && ov && (f->flags & FILE_FLAG_OVERLAPPED))
                connect_async(&c, f, ov, lfd);
            else {
                while ((fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC)) < 0 && errno == EINTR)
                    ;
                if (fd < 0)
                    ws_fail_errno32(&c, "accept4", errno);
            }
            if (fd >= 0) {
                if (p->nowait)
                    fcntl(fd, F_SETFL, O_NONBLOCK);
                pthread_mutex_lock(&lock);
                f->fd = fd;
                set_listening(p, false);
                pthread_mutex_unlock(&lock);
                if (waiting)
                    ws_fail(&c, ERROR_PIPE_CONNECTED);
                else {
                    ret = 1;
                    if (ov)
                        k32_overlapped_done(ov, 0);
                }
            }
        }
        ws_file_put(f);
    }
    return WS_EXIT32(&c, ret, "h=%p", h);
}

/* The client is cut off (it sees the pipe broken) and the instance waits
 * for ConnectNamedPipe before it takes another. */
WS2P_EXPORT BOOL DisconnectNamedPipe(HANDLE h)
{
    struct ws_call c = WS_CALL32("DisconnectNamedPipe");
    BOOL ret = 0;
    struct ws_file *f = server_end(&c, h);
    if (f) {
        struct ws_pipe_inst *p = f->pipe;
        pthread_mutex_lock(&lock);
        int fd = f->fd;
        f->fd = -1;
        set_listening(p, false);
        free(p->rest);
        p->rest = NULL;
        pthread_mutex_unlock(&lock);
        if (fd >= 0) {
            shutdown(fd, SHUT_RDWR);
            close(fd);
        }
        ret = 1;
        ws_file_put(f);
    }
    return WS_EXIT32(&c, ret, "h=%p", h);
}

static bool wait_named_pipe(struct ws_call *c, const void *name, bool wide, DWORD ms)
{
    char *key = pipe_key_arg(c, name, wide);
    if (!key)
        return false;
    struct sockaddr_un a, l;
    socklen_t alen = pipe_addr(&a, "", key), llen = pipe_addr(&l, "-listen", key);
    (void)llen;
    if (ms == NMPWAIT_USE_DEFAULT_WAIT)
        ms = 50;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    bool ok = false;
    for (;;) {
        int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        bool exists = s >= 0 && connect(s, (struct sockaddr *)&a, alen) == 0;
        if (s >= 0)
            close(s);
        if (!exists) {
            ws_fail(c, ERROR_FILE_NOT_FOUND);
            break;
        }
        /* An instance waits when the listening name is bound (from
         * /proc/net/unix, without connecting); one of ours also needs no
         * client already queued for it. */
        bool free_inst = false;
        pthread_mutex_lock(&lock);
        struct pipe_name *pn = names;
        while (pn && strcmp(pn->name, key))
            pn = pn->next;
        if (pn) {
            struct pollfd pf = {pn->listener, POLLIN, 0};
            free_inst = pn->listener >= 0 && !(pn->listening == 1 && poll(&pf, 1, 0) > 0);
        }
        pthread_mutex_unlock(&lock);
        if (!pn) {
            FILE *fp = fopen("/proc/net/unix", "re");
            char line[512];
            while (fp && !free_inst && fgets(line, sizeof line, fp)) {
                char *at = strchr(line, '@');
                if (at && !strncmp(at + 1, l.sun_path + 1, strlen(l.sun_path + 1)) &&
                    (at[1 + strlen(l.sun_path + 1)] == '\n' || at[1 + strlen(l.sun_path + 1)] == 0))
                    free_inst = true;
            }
            if (fp)
                fclose(fp);
        }
        if (free_inst) {
            ok = true;
            break;
        }
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long long el = (now.tv_sec - t0.tv_sec) * 1000LL + (now.tv_nsec - t0.tv_nsec) / 1000000;
        if (ms != NMPWAIT_WAIT_FOREVER && el >= ms) {
            ws_fail(c, ERROR_SEM_TIMEOUT);
            break;
        }
        struct timespec nap = {0, 5 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    free(key);
    return ok;
}

WS2P_EXPORT BOOL WaitNamedPipeA(const char *name, DWORD ms)
{
    struct ws_call c = WS_CALL32("WaitNamedPipeA");
    BOOL ret = wait_named_pipe(&c, name, false, ms);
    return WS_EXIT32(&c, ret, "name=%s, ms=%u", name ? name : "NULL", (unsigned)ms);
}

WS2P_EXPORT BOOL WaitNamedPipeW(const WCHAR *name, DWORD ms)
{
    struct ws_call c = WS_CALL32("WaitNamedPipeW");
    BOOL ret = wait_named_pipe(&c, name, true, ms);
    return WS_EXIT32(&c, ret, "name=%ls, ms=%u", name ? name : L"NULL", (unsigned)ms);
}

/* ---- named pipes: client -------------------------------------------------- */

HANDLE ws_pipe_client_open(struct ws_call *c, const char *name, DWORD access, DWORD flags)
{
    HANDLE ret = (HANDLE)(intptr_t)-1;
    char *key = pipe_key_arg(c, name, false);
    if (!key)
        return ret;
    struct sockaddr_un a;
    socklen_t alen = pipe_addr(&a, "", key);
    int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    bool exists = s >= 0 && connect(s, (struct sockaddr *)&a, alen) == 0;
    if (s >= 0)
        close(s);
    if (!exists) {
        ws_fail(c, ERROR_FILE_NOT_FOUND);
        free(key);
        return ret;
    }
    alen = pipe_addr(&a, "-listen", key);
    free(key);
    int fd = -1, type = SOCK_STREAM;
    for (int i = 0; i < 2; i++, type = SOCK_SEQPACKET) {
        fd = socket(AF_UNIX, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0)
            break;
        if (connect(fd, (struct sockaddr *)&a, alen) == 0)
            break;
        /* The abstract name is looked up with the socket type, so a
         * message pipe is not found by a stream socket: try the other.
         * Found by neither: no instance waits, or none has room, which is
         * every instance taken. */
        int e = errno;
        close(fd);
        fd = -1;
        errno = e;
    }
    if (fd < 0) {
        ws_fail_sys(c, "connect", errno, ERROR_PIPE_BUSY);
        return ret;
    }
    fcntl(fd, F_SETFL, 0);
    bool rd = access & (GENERIC_READ | GENERIC_ALL | FILE_READ_DATA);
    bool wr = access & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA | FILE_APPEND_DATA);
    struct ws_pipe_inst *p = calloc(1, sizeof *p);
    struct ws_file *f = p ? new_end(fd, (rd ? WS_FILE_READ : 0) | (wr ? WS_FILE_WRITE : 0), p, flags) : NULL;
    if (!f) {
        free(p);
        close(fd);
        ws_fail(c, ERROR_NOT_ENOUGH_MEMORY);
        return ret;
    }
    p->message_type = type == SOCK_SEQPACKET; /* a client starts in byte read mode */
    HANDLE h = ws_file_handle(f);
    if (h) {
        ret = h;
        ws_fail(c, 0);
    } else
        ws_fail(c, (int)ws_last_error);
    ws_file_put(f);
    return ret;
}

/* PIPE_READMODE_MESSAGE needs a message pipe; PIPE_NOWAIT makes reads
 * return at once (ERROR_NO_DATA when empty).  The collection settings are
 * accepted and have no meaning here. */
WS2P_EXPORT BOOL SetNamedPipeHandleState(HANDLE h, DWORD *mode, DWORD *max_collect, DWORD *timeout)
{
    struct ws_call c = WS_CALL32("SetNamedPipeHandleState");
    (void)max_collect, (void)timeout;
    BOOL ret = 0;
    struct ws_file *f = k32_file(h);
    struct ws_pipe_inst *p = pipe_of(f);
    if (!p)
        ws_fail(&c, f ? ERROR_INVALID_FUNCTION : ERROR_INVALID_HANDLE);
    else if (mode && ((*mode & ~(DWORD)(PIPE_READMODE_MESSAGE | PIPE_NOWAIT)) ||
                      ((*mode & PIPE_READMODE_MESSAGE) && !p->message_type)))
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else {
        if (mode) {
            p->message_read = *mode & PIPE_READMODE_MESSAGE;
            p->nowait = *mode & PIPE_NOWAIT;
            if (f->fd >= 0)
                fcntl(f->fd, F_SETFL, p->nowait ? O_NONBLOCK : 0);
        }
        ret = 1;
    }
    if (f)
        ws_file_put(f);
    return WS_EXIT32(&c, ret, "h=%p, mode=%#x", h, mode ? (unsigned)*mode : 0u);
}

/* The process at the other end (SO_PEERCRED), or this one for the end
 * that asks about itself. */
static BOOL pipe_pid(struct ws_call *c, HANDLE h, ULONG *pid, bool client)
{
    struct ws_file *f = k32_file(h);
    struct ws_pipe_inst *p = pipe_of(f);
    BOOL ret = 0;
    if (p)
        ws_pipe_claim(f);
    if (!p)
        ws_fail(c, f ? ERROR_INVALID_FUNCTION : ERROR_INVALID_HANDLE);
    else if (ws_bad_ptr(pid))
        ws_fail(c, ERROR_NOACCESS);
    else if (client == !p->pn) { /* a client asking for the client: itself */
        *pid = (ULONG)getpid();
        ret = 1;
    } else if (f->fd < 0)
        ws_fail(c, ERROR_PIPE_NOT_CONNECTED);
    else {
        struct ucred cr;
        socklen_t len = sizeof cr;
        if (getsockopt(f->fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) != 0)
            ws_fail_errno32(c, "getsockopt", errno);
        else {
            *pid = (ULONG)cr.pid;
            ret = 1;
        }
    }
    if (f)
        ws_file_put(f);
    return ret;
}

WS2P_EXPORT BOOL GetNamedPipeClientProcessId(HANDLE h, ULONG *pid)
{
    struct ws_call c = WS_CALL32("GetNamedPipeClientProcessId");
    BOOL ret = pipe_pid(&c, h, pid, true);
    return WS_EXIT32(&c, ret, "h=%p, pid=%u", h, ret ? (unsigned)*pid : 0u);
}

WS2P_EXPORT BOOL GetNamedPipeServerProcessId(HANDLE h, ULONG *pid)
{
    struct ws_call c = WS_CALL32("GetNamedPipeServerProcessId");
    BOOL ret = pipe_pid(&c, h, pid, false);
    return WS_EXIT32(&c, ret, "h=%p, pid=%u", h, ret ? (unsigned)*pid : 0u);
}
