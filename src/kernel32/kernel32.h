/* What the kernel32 families share among themselves (the core's is in
 * src/core/winobj.h). */
#ifndef WS2P_KERNEL32_H
#define WS2P_KERNEL32_H
#include "winobj.h"
#include "utf.h"

#define WS_HANDLE_FLAG_INHERIT 1u

/* Named objects (src/kernel32/named.c).  Create: a handle to o (the
 * creation reference is consumed) with the last error set to 0, or, when
 * the name is taken by an object of o's type, a handle to that one with
 * ERROR_ALREADY_EXISTS; NULL with the error set otherwise (another type
 * holds the name: ERROR_INVALID_HANDLE).  name is UTF-8, NULL or "" for an
 * unnamed object. */
HANDLE ws_k32_create(struct ws_call *c, ws_obj *o, const char *name, const WS_SECURITY_ATTRIBUTES *sa);
/* Open*: ERROR_INVALID_PARAMETER for no name, ERROR_FILE_NOT_FOUND when
 * no object has it, ERROR_INVALID_HANDLE when another type does. */
HANDLE ws_k32_open(struct ws_call *c, int type, DWORD access, BOOL inherit, const char *name);
HANDLE ws_k32_open_w(struct ws_call *c, int type, DWORD access, BOOL inherit, const WCHAR *name);
/* W functions convert with the core's name codec (utf.h):
 * ws_name_from_wide and ws_name_to_wide. */

/* The calling thread ends (src/kernel32/tls.c): its FLS callbacks run and
 * its storage goes, before its thread object is signalled, as on Windows.
 * Threads the library did not start get the same from a key destructor. */
void ws_k32_tls_thread_exit(void);
#endif
