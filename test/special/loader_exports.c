/* Every function and variable libws2_32.so exports is reachable through
 * LoadLibraryA + GetProcAddress by its Windows name (the symbol without its
 * ws2p_ prefix) from one of the DLLs, at the very address a direct call
 * reaches (dlsym of the symbol).  The list comes from nm -D on the library
 * (loader_exports.sh), not from the build's own export table, so a name
 * the generated table misses fails here.
 *
 *   special_loader_exports <file with one exported symbol per line> */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

void *LoadLibraryA(const char *name);
void *GetProcAddress(void *module, const char *name);
unsigned GetLastError(void);

static const char *const dlls[] = {"ws2_32.dll", "wsock32.dll", "mswsock.dll", "kernel32.dll", "user32.dll",
                                   "winmm.dll", "iphlpapi.dll", "advapi32.dll", "bcrypt.dll", "ntdll.dll",
                                   "shell32.dll", "msvcrt.dll", "ucrtbase.dll", "kernelbase.dll"};

int main(int argc, char **argv)
{
    FILE *f = argc > 1 ? fopen(argv[1], "r") : NULL;
    char sym[256];
    int checked = 0, bad = 0;
    if (!f) {
        fprintf(stderr, "usage: %s <symbol list>\n", argv[0]);
        return 2;
    }
    while (fscanf(f, "%255s", sym) == 1) {
        /* internal helpers of inline header code are not Windows names */
        if (!strncmp(sym, "ws2p__", 6) || !strncmp(sym, "_init", 5) || !strncmp(sym, "_fini", 5))
            continue;
        const char *name = strncmp(sym, "ws2p_", 5) ? sym : sym + 5;
        void *direct = dlsym(RTLD_DEFAULT, sym);
        int found = 0;
        for (size_t i = 0; i < sizeof dlls / sizeof dlls[0] && !found; i++) {
            void *m = LoadLibraryA(dlls[i]);
            void *p = m ? GetProcAddress(m, name) : NULL;
            if (p && p != direct) {
                printf("FAIL: GetProcAddress(%s, \"%s\") = %p, but %s is at %p\n", dlls[i], name, p, sym, direct);
                bad++;
            }
            found = p == direct;
        }
        if (!found) {
            printf("FAIL: %s (exported as %s) is in no DLL's export table\n", name, sym);
            bad++;
        }
        checked++;
    }
    fclose(f);
    printf("loader_exports: %d exported names checked, %d wrong\n", checked, bad);
    return bad || checked < 100 ? 1 : 0;
}
