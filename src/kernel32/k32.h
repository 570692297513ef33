/* What the kernel32 families share among themselves (not the core's). */
#ifndef WS2P_K32_H
#define WS2P_K32_H
#include "core.h"

/* A fixed block of the process heap, as LocalAlloc(LMEM_FIXED) makes
 * (FormatMessage's FORMAT_MESSAGE_ALLOCATE_BUFFER); NULL without memory. */
void *ws_local_alloc(size_t n);
#endif
