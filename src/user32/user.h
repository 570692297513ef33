/* The user32 subset's internals shared by src/user32/window.c (classes,
 * windows, window procedures) and src/user32/message.c (the per-thread
 * queue and the message functions). */
#ifndef WS2P_USER_H
#define WS2P_USER_H
#include "winobj.h"

/* Windows' values (winuser.h / winerror.h), for library sources that
 * cannot include the public headers. */
enum {
    WS_WM_NULL = 0x0000, WS_WM_CREATE = 0x0001, WS_WM_DESTROY = 0x0002, WS_WM_CLOSE = 0x0010,
    WS_WM_QUIT = 0x0012, WS_WM_QUERYENDSESSION = 0x0011, WS_WM_NCCREATE = 0x0081, WS_WM_NCDESTROY = 0x0082,
    WS_ERROR_INVALID_WINDOW_HANDLE = 1400, WS_ERROR_CANNOT_FIND_WND_CLASS = 1407,
    WS_ERROR_CLASS_ALREADY_EXISTS = 1410, WS_ERROR_CLASS_DOES_NOT_EXIST = 1411, WS_ERROR_CLASS_HAS_WINDOWS = 1412,
    WS_ERROR_INVALID_INDEX = 1413, WS_ERROR_INVALID_THREAD_ID = 1444, WS_ERROR_NOT_ENOUGH_QUOTA = 1816,
};

typedef LRESULT (*ws_wndproc)(HWND, UINT, WPARAM, LPARAM);

struct ws_class;
struct ws_window {
    struct ws_wincore core; /* refs, HWND, destroyed, the owner's queue (core/winobj.h) */
    bool destroying;      /* DestroyWindow under way (owner thread only) */
    DWORD tid;            /* the owning thread */
    struct ws_class *cls;
    ws_wndproc proc;      /* __atomic access: SetWindowLongPtr from any thread */
    LONG_PTR userdata, id;
    LONG_PTR style, exstyle;
    HWND parent;          /* NULL for top-level and message-only windows */
    HINSTANCE inst;
    bool message_only;
    size_t nextra;        /* cbWndExtra */
    unsigned char extra[];
};

struct ws_window *ws_window_get(HWND h); /* referenced, or NULL if not a window */
void ws_window_unref(struct ws_window *w);
bool ws_window_post(struct ws_window *w, UINT msg, WPARAM wp, LPARAM lp);
LRESULT ws_window_call(struct ws_window *w, UINT msg, WPARAM wp, LPARAM lp);
/* HWND_BROADCAST: post to every top-level window; false if none took it. */
bool ws_window_broadcast(UINT msg, WPARAM wp, LPARAM lp);

DWORD GetCurrentThreadId(void);
DWORD GetTickCount(void);
#endif
