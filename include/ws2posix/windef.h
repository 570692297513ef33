/* ws2posix: windef.h - minwindef.h plus the window-system handles and the
 * point/rectangle/size structures. */
#ifndef _WINDEF_
#define _WINDEF_
#include "minwindef.h"

typedef HANDLE HDC, HICON, HCURSOR, HBRUSH, HMENU, HFONT, HPEN, HBITMAP, HPALETTE, HMONITOR, HDESK, HHOOK,
    HACCEL, HENHMETAFILE, HMETAFILE, HCOLORSPACE, HGLRC, HWINEVENTHOOK, HUMPD;

typedef struct tagPOINT {
    LONG x;
    LONG y;
} POINT, *PPOINT, *NPPOINT, *LPPOINT;
typedef struct _POINTL {
    LONG x;
    LONG y;
} POINTL, *PPOINTL;
typedef struct tagPOINTS {
    SHORT x;
    SHORT y;
} POINTS, *PPOINTS, *LPPOINTS;
typedef struct tagRECT {
    LONG left;
    LONG top;
    LONG right;
    LONG bottom;
} RECT, *PRECT, *NPRECT, *LPRECT;
typedef const RECT *LPCRECT;
typedef struct _RECTL {
    LONG left;
    LONG top;
    LONG right;
    LONG bottom;
} RECTL, *PRECTL, *LPRECTL;
typedef const RECTL *LPCRECTL;
typedef struct tagSIZE {
    LONG cx;
    LONG cy;
} SIZE, *PSIZE, *LPSIZE;
typedef SIZE SIZEL, *PSIZEL, *LPSIZEL;

#endif
