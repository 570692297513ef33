/* File handles (winobj.h): a descriptor behind a HANDLE, as a WS_OBJ_FILE
 * object.  The console's standard handles are made here first; the file,
 * pipe and mapping families extend struct ws_file. */
#include "winobj.h"
#include <unistd.h>

static void file_destroy(ws_obj *o)
{
    struct ws_file *f = (struct ws_file *)o;
    if (f->own_fd && f->fd >= 0)
        close(f->fd);
}

struct ws_file *ws_file_new(int fd, bool own_fd, size_t size)
{
    struct ws_file *f = (struct ws_file *)ws_obj_alloc(WS_OBJ_FILE, size < sizeof *f ? sizeof *f : size, true,
                                                       true);
    if (!f)
        return NULL;
    f->fd = fd;
    f->own_fd = own_fd;
    f->obj.destroy = file_destroy;
    return f;
}

int ws_file_fd(HANDLE h, ws_obj **ref)
{
    ws_obj *o = ws_handle_get(h, WS_OBJ_FILE);
    *ref = o;
    return o ? ((struct ws_file *)o)->fd : -1;
}
