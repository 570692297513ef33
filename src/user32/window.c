/* Window classes, windows and window procedures: the part of user32 that
 * WSAAsyncSelect programs use.  Nothing is ever shown; a window is a target
 * for messages that belongs to the thread that created it.
 *
 * HWND values are handles, not pointers: (generation << 16) | (slot + 1)
 * in a table, so a destroyed or made-up HWND is rejected, never followed.
 * One lock guards the class list and the table; it is taken by window
 * calls, never by socket calls (WSAAsyncSelect keeps a reference to the
 * window, and posting through it takes only the queue's lock). */
#include "user.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wctype.h>

#define NAME_MAX_LEN 256

struct ws_class {
    struct ws_class *next;
    wchar_t name[NAME_MAX_LEN];
    ATOM atom;
    UINT style;
    ws_wndproc proc;
    int cls_extra, wnd_extra;
    HINSTANCE inst;
    int nwindows;
};

static pthread_mutex_t ulock = PTHREAD_MUTEX_INITIALIZER;
static struct ws_class *classes;
static ATOM next_atom = 0xC000; /* registered class atoms start here on Windows */

struct slot {
    struct ws_window *w;
    uint16_t gen;
};
#define MAX_WINDOWS 0xfffe
static struct slot *slots;
static unsigned nslots, cslots;

LRESULT DefWindowProcW(HWND h, UINT msg, WPARAM wp, LPARAM lp);
BOOL DestroyWindow(HWND h);

/* ---- the window table ----------------------------------------------------- */

static struct ws_window *lookup_locked(HWND h)
{
    uintptr_t v = (uintptr_t)h;
    unsigned idx = (unsigned)(v & 0xffff) - 1;
    if ((v >> 32) || !(v & 0xffff) || idx >= nslots || !slots[idx].w || slots[idx].gen != (uint16_t)(v >> 16))
        return NULL;
    return slots[idx].w;
}

struct ws_window *ws_window_get(HWND h)
{
    pthread_mutex_lock(&ulock);
    struct ws_window *w = lookup_locked(h);
    if (w)
        atomic_fetch_add(&w->core.refs, 1);
    pthread_mutex_unlock(&ulock);
    return w;
}

static void window_release(struct ws_wincore *c)
{
    free((struct ws_window *)c); /* core is the first member */
}

void ws_window_unref(struct ws_window *w)
{
    ws_wincore_unref(&w->core);
}

struct ws_wincore *ws_window_core_get(HWND h)
{
    struct ws_window *w = ws_window_get(h);
    return w ? &w->core : NULL;
}

bool ws_window_post(struct ws_window *w, UINT msg, WPARAM wp, LPARAM lp)
{
    return ws_wincore_post(&w->core, msg, wp, lp);
}

LRESULT ws_window_call(struct ws_window *w, UINT msg, WPARAM wp, LPARAM lp)
{
    ws_wndproc proc = __atomic_load_n(&w->proc, __ATOMIC_ACQUIRE);
    return proc ? proc(w->core.h, msg, wp, lp) : DefWindowProcW(w->core.h, msg, wp, lp);
}

/* Take w out of the table (lock held); the table's reference goes to the caller. */
static void unlist_locked(struct ws_window *w)
{
    uintptr_t v = (uintptr_t)w->core.h;
    slots[(v & 0xffff) - 1].w = NULL;
    w->cls->nwindows--;
    atomic_store(&w->core.destroyed, true);
}

bool ws_window_broadcast(UINT msg, WPARAM wp, LPARAM lp)
{
    bool any = false;
    pthread_mutex_lock(&ulock);
    for (unsigned i = 0; i < nslots; i++) {
        struct ws_window *w = slots[i].w;
        if (w && !w->parent && !w->message_only) {
            struct ws_qmsg m = {w->core.h, msg, wp, lp, GetTickCount(), NULL};
            any |= ws_queue_post(w->core.queue, &m);
        }
    }
    pthread_mutex_unlock(&ulock);
    return any;
}

static void windows_thread_exit(DWORD tid)
{
    pthread_mutex_lock(&ulock);
    for (unsigned i = 0; i < nslots; i++) {
        struct ws_window *w = slots[i].w;
        if (w && w->tid == tid) {
            unlist_locked(w);
            ws_window_unref(w);
        }
    }
    pthread_mutex_unlock(&ulock);
}

/* ---- classes ---------------------------------------------------------------- */

/* Class names: lpszClassName is a string or MAKEINTATOM(atom); compared
 * without regard to case, as on Windows.  A names are widened byte by byte. */
struct cname {
    ATOM atom;
    wchar_t s[NAME_MAX_LEN];
};

static bool name_from(struct cname *n, const void *p, bool wide)
{
    n->atom = 0;
    n->s[0] = 0;
    if ((uintptr_t)p < 0x10000) {
        n->atom = (ATOM)(uintptr_t)p;
        return n->atom != 0;
    }
    size_t i = 0;
    for (;; i++) {
        if (i == NAME_MAX_LEN)
            return false;
        wchar_t c = wide ? ((const wchar_t *)p)[i] : (wchar_t)((const unsigned char *)p)[i];
        n->s[i] = c;
        if (!c)
            break;
    }
    return true;
}

static bool name_eq(const wchar_t *a, const wchar_t *b)
{
    for (; *a && *b; a++, b++)
        if (towlower((wint_t)*a) != towlower((wint_t)*b))
            return false;
    return *a == *b;
}

static struct ws_class *find_class_locked(const struct cname *n)
{
    for (struct ws_class *c = classes; c; c = c->next)
        if (n->atom ? c->atom == n->atom : name_eq(c->name, n->s))
            return c;
    return NULL;
}

static ATOM add_class(const struct cname *n, UINT style, ws_wndproc proc, int cls_extra, int wnd_extra,
                      HINSTANCE inst)
{
    ATOM atom = 0;
    if (n->atom || cls_extra < 0 || wnd_extra < 0) {
        ws_last_error = ERROR_INVALID_PARAMETER;
        return 0;
    }
    pthread_mutex_lock(&ulock);
    if (find_class_locked(n))
        ws_last_error = WS_ERROR_CLASS_ALREADY_EXISTS;
    else {
        struct ws_class *c = calloc(1, sizeof *c);
        if (!c)
            ws_last_error = ERROR_NOT_ENOUGH_MEMORY;
        else {
            memcpy(c->name, n->s, sizeof c->name);
            c->atom = atom = next_atom++;
            c->style = style;
            c->proc = proc;
            c->cls_extra = cls_extra;
            c->wnd_extra = wnd_extra;
            c->inst = inst;
            c->next = classes;
            classes = c;
        }
    }
    pthread_mutex_unlock(&ulock);
    return atom;
}

/* The system classes programs create hidden windows of: "Message" (what
 * Wine's tests use for HWND_MESSAGE windows) and "Static". */
static void system_classes(void)
{
    static const wchar_t *const names[] = {L"Message", L"Static"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        struct cname n;
        name_from(&n, names[i], true);
        add_class(&n, 0, DefWindowProcW, 0, 0, NULL);
    }
}
static pthread_once_t system_once = PTHREAD_ONCE_INIT;

/* WNDCLASSA/W and WNDCLASSEXA/W share everything after cbSize. */
struct wndclass {
    UINT style;
    ws_wndproc lpfnWndProc;
    int cbClsExtra;
    int cbWndExtra;
    HINSTANCE hInstance;
    HANDLE hIcon, hCursor, hbrBackground;
    const void *lpszMenuName;
    const void *lpszClassName;
};

static ATOM register_class(const struct wndclass *wc, bool wide)
{
    struct cname n;
    pthread_once(&system_once, system_classes);
    if (ws_bad_ptr(wc)) {
        ws_last_error = ERROR_NOACCESS;
        return 0;
    }
    if (!wc->lpszClassName || !name_from(&n, wc->lpszClassName, wide)) {
        ws_last_error = ERROR_INVALID_PARAMETER;
        return 0;
    }
    return add_class(&n, wc->style, wc->lpfnWndProc, wc->cbClsExtra, wc->cbWndExtra, wc->hInstance);
}

WS2P_EXPORT ATOM RegisterClassA(const void *wc)
{
    return register_class(wc, false);
}

WS2P_EXPORT ATOM RegisterClassW(const void *wc)
{
    return register_class(wc, true);
}

struct wndclassex {
    UINT cbSize;
    UINT style;
    ws_wndproc lpfnWndProc;
    int cbClsExtra;
    int cbWndExtra;
    HINSTANCE hInstance;
    HANDLE hIcon, hCursor, hbrBackground;
    const void *lpszMenuName;
    const void *lpszClassName;
    HANDLE hIconSm;
};

/* cbSize must be sizeof(WNDCLASSEX) (RegisterClassEx docs). */
static ATOM register_class_ex(const struct wndclassex *wcx, bool wide)
{
    if (ws_bad_ptr(wcx)) {
        ws_last_error = ERROR_NOACCESS;
        return 0;
    }
    if (wcx->cbSize != sizeof *wcx) {
        ws_last_error = ERROR_INVALID_PARAMETER;
        return 0;
    }
    struct wndclass wc = {wcx->style,         wcx->lpfnWndProc, wcx->cbClsExtra,   wcx->cbWndExtra,
                          wcx->hInstance,     wcx->hIcon,       wcx->hCursor,      wcx->hbrBackground,
                          wcx->lpszMenuName, wcx->lpszClassName};
    return register_class(&wc, wide);
}

WS2P_EXPORT ATOM RegisterClassExA(const void *wcx)
{
    return register_class_ex(wcx, false);
}

WS2P_EXPORT ATOM RegisterClassExW(const void *wcx)
{
    return register_class_ex(wcx, true);
}

static BOOL unregister_class(const void *name, bool wide)
{
    struct cname n;
    BOOL ok = 0;
    if (!name || !name_from(&n, name, wide)) {
        ws_last_error = WS_ERROR_CLASS_DOES_NOT_EXIST;
        return 0;
    }
    pthread_mutex_lock(&ulock);
    struct ws_class **pp = &classes;
    while (*pp && !(n.atom ? (*pp)->atom == n.atom : name_eq((*pp)->name, n.s)))
        pp = &(*pp)->next;
    if (!*pp)
        ws_last_error = WS_ERROR_CLASS_DOES_NOT_EXIST;
    else if ((*pp)->nwindows)
        ws_last_error = WS_ERROR_CLASS_HAS_WINDOWS;
    else {
        struct ws_class *c = *pp;
        *pp = c->next;
        free(c);
        ok = 1;
    }
    pthread_mutex_unlock(&ulock);
    return ok;
}

WS2P_EXPORT BOOL UnregisterClassA(const char *name, HINSTANCE inst)
{
    (void)inst;
    return unregister_class(name, false);
}

WS2P_EXPORT BOOL UnregisterClassW(const wchar_t *name, HINSTANCE inst)
{
    (void)inst;
    return unregister_class(name, true);
}

/* ---- windows ---------------------------------------------------------------- */

#define WS_HWND_MESSAGE ((HWND)(intptr_t)-3)

/* CREATESTRUCTA/W: the same layout (the strings are the caller's). */
struct createstruct {
    LPVOID lpCreateParams;
    HINSTANCE hInstance;
    HANDLE hMenu;
    HWND hwndParent;
    int cy, cx, y, x;
    LONG style;
    const void *lpszName;
    const void *lpszClass;
    DWORD dwExStyle;
};

static HWND create_window(DWORD exstyle, const void *cls_name, const void *title, DWORD style, int x, int y,
                          int cx, int cy, HWND parent, HANDLE menu, HINSTANCE inst, LPVOID param, bool wide)
{
    struct cname n;
    pthread_once(&system_once, system_classes);
    if (!cls_name || !name_from(&n, cls_name, wide)) {
        ws_last_error = WS_ERROR_CANNOT_FIND_WND_CLASS;
        return NULL;
    }
    bool message_only = parent == WS_HWND_MESSAGE;
    if (parent && !message_only) {
        struct ws_window *p = ws_window_get(parent);
        if (!p) {
            ws_last_error = WS_ERROR_INVALID_WINDOW_HANDLE;
            return NULL;
        }
        message_only = p->message_only;
        ws_window_unref(p);
    }
    ws_obj *q = ws_queue_self();
    if (!q)
        return NULL;
    pthread_mutex_lock(&ulock);
    struct ws_class *c = find_class_locked(&n);
    struct ws_window *w = NULL;
    unsigned idx = 0;
    if (!c)
        ws_last_error = WS_ERROR_CANNOT_FIND_WND_CLASS;
    else {
        while (idx < nslots && slots[idx].w)
            idx++;
        if (idx == nslots && nslots == cslots) {
            unsigned nc = cslots ? cslots * 2 : 64;
            struct slot *ns = nc <= MAX_WINDOWS ? realloc(slots, nc * sizeof *ns) : NULL;
            if (ns) {
                memset(ns + cslots, 0, (nc - cslots) * sizeof *ns);
                slots = ns;
                cslots = nc;
            }
        }
        if (idx < cslots)
            w = calloc(1, sizeof *w + (size_t)c->wnd_extra);
        if (!w)
            ws_last_error = ERROR_NOT_ENOUGH_MEMORY;
    }
    if (w) {
        if (idx == nslots)
            nslots++;
        if (++slots[idx].gen == 0)
            slots[idx].gen = 1;
        slots[idx].w = w;
        atomic_init(&w->core.refs, 1);
        w->core.release = window_release;
        /* Read by exiting threads without the window lock. */
        __atomic_store_n(&ws_queue_exit_hook, windows_thread_exit, __ATOMIC_RELEASE);
        w->core.h = (HWND)(uintptr_t)(((uintptr_t)slots[idx].gen << 16) | (idx + 1));
        atomic_fetch_add(&q->refs, 1);
        w->core.queue = q;
        w->tid = GetCurrentThreadId();
        w->cls = c;
        c->nwindows++;
        w->proc = c->proc;
        w->style = (LONG)style;
        w->exstyle = (LONG)exstyle;
        w->parent = message_only && parent == WS_HWND_MESSAGE ? NULL : parent;
        w->message_only = message_only;
        w->inst = inst;
        w->nextra = (size_t)c->wnd_extra;
        if (style & 0x40000000L) /* WS_CHILD: hMenu is the child id */
            w->id = (LONG_PTR)menu;
    }
    pthread_mutex_unlock(&ulock);
    if (!w)
        return NULL;
    HWND h = w->core.h;
    /* WM_NCCREATE, then WM_CREATE, both with the CREATESTRUCT: FALSE from
     * the first or -1 from the second fails the creation (CreateWindowEx docs). */
    struct createstruct cs = {param, inst, menu, parent, cy, cx, y, x, (LONG)style, title, cls_name, exstyle};
    if (!ws_window_call(w, WS_WM_NCCREATE, 0, (LPARAM)&cs)) {
        pthread_mutex_lock(&ulock);
        if (lookup_locked(h) == w) {
            unlist_locked(w);
            pthread_mutex_unlock(&ulock);
            ws_window_unref(w);
        } else
            pthread_mutex_unlock(&ulock);
        return NULL;
    }
    if (ws_window_call(w, WS_WM_CREATE, 0, (LPARAM)&cs) == -1) {
        DestroyWindow(h);
        return NULL;
    }
    return h;
}

WS2P_EXPORT HWND CreateWindowExA(DWORD exstyle, const char *cls, const char *title, DWORD style, int x, int y,
                                 int cx, int cy, HWND parent, HANDLE menu, HINSTANCE inst, LPVOID param)
{
    return create_window(exstyle, cls, title, style, x, y, cx, cy, parent, menu, inst, param, false);
}

WS2P_EXPORT HWND CreateWindowExW(DWORD exstyle, const wchar_t *cls, const wchar_t *title, DWORD style, int x,
                                 int y, int cx, int cy, HWND parent, HANDLE menu, HINSTANCE inst, LPVOID param)
{
    return create_window(exstyle, cls, title, style, x, y, cx, cy, parent, menu, inst, param, true);
}

/* Only the owner may destroy a window (ERROR_ACCESS_DENIED otherwise).
 * WM_DESTROY goes to the window, then to its children as they go, then
 * WM_NCDESTROY; what was queued for it is dropped. */
WS2P_EXPORT BOOL DestroyWindow(HWND h)
{
    struct ws_window *w = ws_window_get(h);
    if (!w) {
        ws_last_error = WS_ERROR_INVALID_WINDOW_HANDLE;
        return 0;
    }
    if (w->tid != GetCurrentThreadId()) {
        ws_window_unref(w);
        ws_last_error = ERROR_ACCESS_DENIED;
        return 0;
    }
    if (!w->destroying) {
        w->destroying = true;
        ws_window_call(w, WS_WM_DESTROY, 0, 0);
        for (;;) {
            HWND child = NULL;
            pthread_mutex_lock(&ulock);
            for (unsigned i = 0; i < nslots && !child; i++)
                if (slots[i].w && slots[i].w->parent == h && !slots[i].w->destroying)
                    child = slots[i].w->core.h;
            pthread_mutex_unlock(&ulock);
            if (!child || !DestroyWindow(child))
                break;
        }
        ws_window_call(w, WS_WM_NCDESTROY, 0, 0);
        pthread_mutex_lock(&ulock);
        bool listed = lookup_locked(h) == w;
        if (listed)
            unlist_locked(w);
        pthread_mutex_unlock(&ulock);
        ws_queue_purge(w->core.queue, h);
        if (listed)
            ws_window_unref(w); /* the table's reference */
    }
    ws_window_unref(w);
    return 1;
}

WS2P_EXPORT BOOL IsWindow(HWND h)
{
    struct ws_window *w = ws_window_get(h);
    if (w)
        ws_window_unref(w);
    return w != NULL;
}

WS2P_EXPORT DWORD GetWindowThreadProcessId(HWND h, DWORD *pid)
{
    struct ws_window *w = ws_window_get(h);
    if (!w) {
        ws_last_error = WS_ERROR_INVALID_WINDOW_HANDLE;
        return 0;
    }
    DWORD tid = w->tid;
    ws_window_unref(w);
    if (pid)
        *pid = (DWORD)getpid();
    return tid;
}

/* Nothing is ever visible: ShowWindow reports "was hidden", UpdateWindow succeeds. */
WS2P_EXPORT BOOL ShowWindow(HWND h, int cmd)
{
    (void)cmd;
    if (!IsWindow(h))
        ws_last_error = WS_ERROR_INVALID_WINDOW_HANDLE;
    return 0;
}

WS2P_EXPORT BOOL UpdateWindow(HWND h)
{
    if (!IsWindow(h)) {
        ws_last_error = WS_ERROR_INVALID_WINDOW_HANDLE;
        return 0;
    }
    return 1;
}

static LRESULT def_window_proc(HWND h, UINT msg, WPARAM wp, LPARAM lp)
{
    (void)wp;
    (void)lp;
    switch (msg) {
    case WS_WM_NCCREATE:
    case WS_WM_QUERYENDSESSION:
        return 1;
    case WS_WM_CLOSE:
        DestroyWindow(h);
        return 0;
    default:
        return 0;
    }
}

WS2P_EXPORT LRESULT DefWindowProcA(HWND h, UINT msg, WPARAM wp, LPARAM lp)
{
    return def_window_proc(h, msg, wp, lp);
}

WS2P_EXPORT LRESULT DefWindowProcW(HWND h, UINT msg, WPARAM wp, LPARAM lp)
{
    return def_window_proc(h, msg, wp, lp);
}

WS2P_EXPORT LRESULT CallWindowProcA(ws_wndproc proc, HWND h, UINT msg, WPARAM wp, LPARAM lp)
{
    return proc ? proc(h, msg, wp, lp) : 0;
}

WS2P_EXPORT LRESULT CallWindowProcW(ws_wndproc proc, HWND h, UINT msg, WPARAM wp, LPARAM lp)
{
    return proc ? proc(h, msg, wp, lp) : 0;
}

/* ---- window data (GWLP_*; non-negative offsets index cbWndExtra) ----------- */

enum { GWLP_WNDPROC_ = -4, GWLP_HINSTANCE_ = -6, GWLP_HWNDPARENT_ = -8, GWLP_ID_ = -12, GWL_STYLE_ = -16,
       GWL_EXSTYLE_ = -20, GWLP_USERDATA_ = -21 };

static LONG_PTR *field(struct ws_window *w, int index, size_t size)
{
    switch (index) {
    case GWLP_WNDPROC_:
        return (LONG_PTR *)&w->proc;
    case GWLP_HINSTANCE_:
        return (LONG_PTR *)&w->inst;
    case GWLP_HWNDPARENT_:
        return (LONG_PTR *)&w->parent;
    case GWLP_ID_:
        return &w->id;
    case GWL_STYLE_:
        return &w->style;
    case GWL_EXSTYLE_:
        return &w->exstyle;
    case GWLP_USERDATA_:
        return &w->userdata;
    default:
        if (index >= 0 && (size_t)index + size <= w->nextra)
            return (LONG_PTR *)(w->extra + index);
        return NULL;
    }
}

/* Set (set true) or get a value of `size` bytes (4 for the LONG
 * functions); the previous value is returned, and on success the last
 * error is left alone (SetWindowLongPtr docs: callers clear it to tell a
 * previous 0 from a failure). */
static LONG_PTR window_long(HWND h, int index, LONG_PTR v, size_t size, bool set)
{
    struct ws_window *w = ws_window_get(h);
    if (!w) {
        ws_last_error = WS_ERROR_INVALID_WINDOW_HANDLE;
        return 0;
    }
    LONG_PTR old = 0;
    LONG_PTR *p = field(w, index, size);
    if (!p)
        ws_last_error = WS_ERROR_INVALID_INDEX;
    else if (index >= 0) {
        memcpy(&old, p, size);
        if (set)
            memcpy(p, &v, size);
        if (size == 4)
            old = (LONG)old;
    } else {
        old = set ? __atomic_exchange_n(p, v, __ATOMIC_ACQ_REL) : __atomic_load_n(p, __ATOMIC_ACQUIRE);
        if (size == 4)
            old = (LONG)old;
    }
    ws_window_unref(w);
    return old;
}

WS2P_EXPORT LONG_PTR GetWindowLongPtrA(HWND h, int index)
{
    return window_long(h, index, 0, sizeof(LONG_PTR), false);
}

WS2P_EXPORT LONG_PTR GetWindowLongPtrW(HWND h, int index)
{
    return window_long(h, index, 0, sizeof(LONG_PTR), false);
}

WS2P_EXPORT LONG_PTR SetWindowLongPtrA(HWND h, int index, LONG_PTR v)
{
    return window_long(h, index, v, sizeof(LONG_PTR), true);
}

WS2P_EXPORT LONG_PTR SetWindowLongPtrW(HWND h, int index, LONG_PTR v)
{
    return window_long(h, index, v, sizeof(LONG_PTR), true);
}

WS2P_EXPORT LONG GetWindowLongA(HWND h, int index)
{
    return (LONG)window_long(h, index, 0, 4, false);
}

WS2P_EXPORT LONG GetWindowLongW(HWND h, int index)
{
    return (LONG)window_long(h, index, 0, 4, false);
}

WS2P_EXPORT LONG SetWindowLongA(HWND h, int index, LONG v)
{
    return (LONG)window_long(h, index, v, 4, true);
}

WS2P_EXPORT LONG SetWindowLongW(HWND h, int index, LONG v)
{
    return (LONG)window_long(h, index, v, 4, true);
}

/* ---- resources window programs fill WNDCLASS with (GetModuleHandle: src/kernel32/loader.c) --- */

/* Icons and cursors are never drawn; a non-NULL token keeps programs that
 * check the result going. */
static const char resource_marker = 0;

static HANDLE resource(HINSTANCE inst, const void *name)
{
    (void)inst;
    (void)name;
    return (HANDLE)&resource_marker;
}

WS2P_EXPORT HANDLE LoadIconA(HINSTANCE inst, const char *name) { return resource(inst, name); }
WS2P_EXPORT HANDLE LoadIconW(HINSTANCE inst, const wchar_t *name) { return resource(inst, name); }
WS2P_EXPORT HANDLE LoadCursorA(HINSTANCE inst, const char *name) { return resource(inst, name); }
WS2P_EXPORT HANDLE LoadCursorW(HINSTANCE inst, const wchar_t *name) { return resource(inst, name); }
