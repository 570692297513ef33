/* libc's own functions where a Windows program may define the same names
 * (libc.h says why).  Each pointer starts at a stub that looks them all up
 * in libc itself, once, then calls through; a constructor does the lookup
 * at load, so the stubs only run for calls made before it. */
#define WS2P_LIBC_SELF
#include "core.h"
#include <arpa/inet.h>
#include <dlfcn.h>
#include <gnu/lib-names.h>
#include <pthread.h>

static int clock_stub(clockid_t id, struct timespec *ts);
static int socketpair_stub(int d, int t, int p, int sv[2]);
int (*ws_libc_clock_gettime)(clockid_t, struct timespec *) = clock_stub;
int (*ws_libc_socketpair)(int, int, int, int[2]) = socketpair_stub;
static const char *(*libc_ntop)(int, const void *, char *, socklen_t);
static int (*libc_pton)(int, const char *, void *);
static pthread_once_t libc_once = PTHREAD_ONCE_INIT;

/* Looked up in libc's own handle (RTLD_NOLOAD: the library already links
 * it); a name not found keeps the plain binding. */
static void libc_find(void)
{
    void *h = dlopen(LIBC_SO, RTLD_LAZY | RTLD_NOLOAD);
    void *clk = h ? dlsym(h, "clock_gettime") : NULL, *sp = h ? dlsym(h, "socketpair") : NULL;
    *(void **)&libc_ntop = h ? dlsym(h, "inet_ntop") : NULL;
    *(void **)&libc_pton = h ? dlsym(h, "inet_pton") : NULL;
    if (h)
        dlclose(h); /* libc stays: the library itself needs it */
    if (!libc_ntop)
        libc_ntop = inet_ntop;
    if (!libc_pton)
        libc_pton = inet_pton;
    __atomic_store_n(&ws_libc_clock_gettime, clk ? (int (*)(clockid_t, struct timespec *))clk : clock_gettime,
                     __ATOMIC_RELEASE);
    __atomic_store_n(&ws_libc_socketpair, sp ? (int (*)(int, int, int, int[2]))sp : socketpair, __ATOMIC_RELEASE);
}

__attribute__((constructor)) static void libc_bind(void)
{
    pthread_once(&libc_once, libc_find);
}

static int clock_stub(clockid_t id, struct timespec *ts)
{
    libc_bind();
    return ws_libc_clock_gettime(id, ts);
}

static int socketpair_stub(int d, int t, int p, int sv[2])
{
    libc_bind();
    return ws_libc_socketpair(d, t, p, sv);
}

const char *ws_libc_ntop(int lx_af, const void *src, char *dst, unsigned size)
{
    libc_bind();
    return libc_ntop(lx_af, src, dst, size);
}

int ws_libc_pton(int lx_af, const char *src, void *dst)
{
    libc_bind();
    return libc_pton(lx_af, src, dst);
}
