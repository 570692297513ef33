/* The loader's export table, generated at build time from the library's
 * objects (cmake/gen-exports.sh): sorted by DLL folder, then name. */
#ifndef WS2P_EXPORTS_H
#define WS2P_EXPORTS_H
struct ws_export {
    const char *dll;  /* the source folder: "ws2_32", "kernel32", ... */
    const char *name; /* the Windows name */
    void *addr;       /* what a direct call reaches */
};
extern const struct ws_export ws_exports[];
extern const unsigned ws_nexports;
#endif
