/* GetLastError / SetLastError (the same per-thread value as WSAGetLastError,
 * as on Windows), FormatMessageA for system and Winsock codes, LocalFree. */
#include "core.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

WS2P_EXPORT DWORD GetLastError(void)
{
    return ws_last_error;
}

WS2P_EXPORT void SetLastError(DWORD e)
{
    ws_last_error = e;
}

#define FM_ALLOCATE_BUFFER 0x100
#define FM_IGNORE_INSERTS 0x200
#define FM_FROM_STRING 0x400
#define FM_FROM_SYSTEM 0x1000
#define FM_MAX_WIDTH_MASK 0xff

static const char *system_text(DWORD id)
{
    if (id == 0)
        return "The call succeeded.";
    return ws_wsa_text((int)id);
}

/* Real programs print Winsock errors with FormatMessageA(FROM_SYSTEM); the
 * texts are ours (src/core/wsaerrors.def).  Inserts are not expanded. */
WS2P_EXPORT DWORD FormatMessageA(DWORD flags, const void *source, DWORD id, DWORD lang, char *buffer, DWORD size,
                                 va_list *args)
{
    (void)lang, (void)args;
    const char *text = NULL;
    if (flags & FM_FROM_STRING)
        text = source;
    else if (flags & FM_FROM_SYSTEM)
        text = system_text(id);
    if (!text) {
        ws_last_error = ERROR_MR_MID_NOT_FOUND;
        return 0;
    }
    if (!buffer) {
        ws_last_error = ERROR_INVALID_PARAMETER;
        return 0;
    }
    /* System messages end with CR LF on Windows, and programs trim it. */
    size_t len = strlen(text);
    bool crlf = !(flags & FM_FROM_STRING) && !(flags & FM_MAX_WIDTH_MASK);
    size_t need = len + (crlf ? 2 : 0);
    char *out;
    if (flags & FM_ALLOCATE_BUFFER) {
        size_t alloc = need + 1 > size ? need + 1 : size;
        out = malloc(alloc);
        if (!out) {
            ws_last_error = ERROR_NOT_ENOUGH_MEMORY;
            return 0;
        }
        *(char **)buffer = out;
    } else {
        if (need + 1 > size) {
            ws_last_error = ERROR_INSUFFICIENT_BUFFER;
            return 0;
        }
        out = buffer;
    }
    memcpy(out, text, len);
    if (crlf)
        memcpy(out + len, "\r\n", 2);
    out[need] = 0;
    return (DWORD)need;
}

WS2P_EXPORT HANDLE LocalFree(HANDLE mem)
{
    free(mem);
    return NULL;
}
