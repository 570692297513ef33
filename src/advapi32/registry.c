/* The registry: RegOpenKey(Ex)A/W, RegCloseKey, RegQueryValueExA/W,
 * RegGetValueA/W, RegEnumKeyExA/W, RegEnumValueA/W, RegQueryInfoKeyA/W,
 * RegCreateKeyExA/W, RegSetValueExA/W, RegDeleteKeyA/W, RegDeleteValueA/W.
 *
 * A read-only registry of the keys network programs read, made from the
 * system when a key is read (nothing is stored):
 *   HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters    host name,
 *       domain, DNS servers and search list (/etc/resolv.conf), and
 *       ...\Interfaces\{GUID} for each interface (its addresses, masks,
 *       gateway, the DNS servers); the GUID is IP Helper's AdapterName;
 *   HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion     Windows 10 22H2,
 *       as RtlGetVersion reports it;
 *   HKLM\SOFTWARE\Microsoft\Cryptography    MachineGuid (/etc/machine-id);
 *   HKLM\SYSTEM\CurrentControlSet\Control\ComputerName\(Active)ComputerName;
 * and the predefined roots.  Everything else is ERROR_FILE_NOT_FOUND.
 * Writes are ERROR_ACCESS_DENIED, what HKEY_LOCAL_MACHINE gives a program
 * without administrator rights (docs/windows-vs-linux.md).  Names of keys
 * and values are case-insensitive.  The functions return their Win32 code
 * and leave the last error alone, as Windows' do. */
#include "fileobj.h"
#include "ws2p/regconst.h"
#include <arpa/inet.h>
#include <ctype.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* ---- the tree -------------------------------------------------------------- */

struct val {
    char name[64];
    DWORD type;
    char *data; /* strings as UTF-8 with their terminators; REG_MULTI_SZ double-terminated */
    DWORD size; /* bytes of data (the A size) */
};

/* A key as read now: its subkeys and values. */
struct node {
    char **sub;
    size_t nsub;
    struct val *val;
    size_t nval;
};

static void node_free(struct node *n)
{
    for (size_t i = 0; i < n->nsub; i++)
        free(n->sub[i]);
    for (size_t i = 0; i < n->nval; i++)
        free(n->val[i].data);
    free(n->sub);
    free(n->val);
    memset(n, 0, sizeof *n);
}

static void add_sub(struct node *n, const char *name)
{
    char **s = realloc(n->sub, (n->nsub + 1) * sizeof *s);
    if (s && (s[n->nsub] = strdup(name)) != NULL)
        n->nsub++;
    if (s)
        n->sub = s;
}

static void add_val(struct node *n, const char *name, DWORD type, const void *data, DWORD size)
{
    struct val *v = realloc(n->val, (n->nval + 1) * sizeof *v);
    if (!v)
        return;
    n->val = v;
    v += n->nval;
    snprintf(v->name, sizeof v->name, "%s", name);
    v->type = type;
    v->size = size;
    if ((v->data = malloc(size ? size : 1)) != NULL) {
        memcpy(v->data, data, size);
        n->nval++;
    }
}

static void add_sz(struct node *n, const char *name, const char *s)
{
    add_val(n, name, REG_SZ, s, (DWORD)strlen(s) + 1);
}

static void add_dword(struct node *n, const char *name, DWORD d)
{
    add_val(n, name, REG_DWORD, &d, sizeof d);
}

/* REG_MULTI_SZ from a list of strings separated by '\n'. */
static void add_multi(struct node *n, const char *name, const char *lines)
{
    size_t len = strlen(lines);
    char *m = malloc(len + 2);
    if (!m)
        return;
    memcpy(m, lines, len + 1);
    for (char *p = m; *p; p++)
        if (*p == '\n')
            *p = 0;
    m[len + 1] = 0;
    /* "a\nb\n" is "a\0b\0\0"; an empty list is "\0\0" as Windows stores one. */
    DWORD size = len && lines[len - 1] == '\n' ? (DWORD)len + 1 : (DWORD)len + 2;
    if (!len)
        size = 2;
    add_val(n, name, REG_MULTI_SZ, m, size);
    free(m);
}

/* ---- what the system says ------------------------------------------------- */

/* The resolver's configuration: servers, search domains, domain. */
struct resolv {
    char servers[512];      /* "a,b" */
    char servers_sp[512];   /* "a b" */
    char search[512];       /* "x,y" */
    char domain[256];
};

static void append(char *buf, size_t size, const char *sep, const char *s)
{
    size_t n = strlen(buf);
    snprintf(buf + n, size - n, "%s%s", n ? sep : "", s);
}

static void read_resolv(struct resolv *r)
{
    memset(r, 0, sizeof *r);
    FILE *f = fopen("/etc/resolv.conf", "re");
    char line[512];
    while (f && fgets(line, sizeof line, f)) {
        char *save = NULL, *kw = strtok_r(line, " \t\r\n", &save);
        if (!kw || kw[0] == '#' || kw[0] == ';')
            continue;
        if (!strcmp(kw, "nameserver")) {
            char *a = strtok_r(NULL, " \t\r\n", &save);
            if (a) {
                append(r->servers, sizeof r->servers, ",", a);
                append(r->servers_sp, sizeof r->servers_sp, " ", a);
            }
        } else if (!strcmp(kw, "search")) {
            r->search[0] = 0; /* the last search line counts */
            for (char *d; (d = strtok_r(NULL, " \t\r\n", &save)) != NULL;)
                append(r->search, sizeof r->search, ",", d);
        } else if (!strcmp(kw, "domain")) {
            char *d = strtok_r(NULL, " \t\r\n", &save);
            if (d)
                snprintf(r->domain, sizeof r->domain, "%s", d);
        }
    }
    if (f)
        fclose(f);
}

/* The host name's first label, and what follows the first dot (the
 * primary DNS suffix), as GetComputerNameEx gives them. */
static void host_names(char host[256], char domain[256])
{
    char h[256];
    if (gethostname(h, sizeof h) != 0)
        strcpy(h, "localhost");
    h[sizeof h - 1] = 0;
    char *dot = strchr(h, '.');
    snprintf(domain, 256, "%s", dot ? dot + 1 : "");
    if (dot)
        *dot = 0;
    snprintf(host, 256, "%s", h);
}

static void fill_tcpip(struct node *n, const char *arg)
{
    (void)arg;
    char host[256], domain[256];
    struct resolv r;
    host_names(host, domain);
    read_resolv(&r);
    add_sz(n, "Hostname", host);
    add_sz(n, "NV Hostname", host);
    add_sz(n, "Domain", domain);
    add_sz(n, "NV Domain", domain);
    add_sz(n, "DhcpDomain", r.domain[0] ? r.domain : domain);
    add_sz(n, "NameServer", r.servers);
    add_sz(n, "DhcpNameServer", r.servers_sp);
    add_sz(n, "SearchList", r.search);
    add_dword(n, "EnableDHCP", 0);
}

/* An interface's GUID is its name's bytes in the order the braced string
 * shows them ("eth0" is {65746830-0000-0000-0000-000000000000}), as IP
 * Helper names adapters (AdapterName), so both give the same GUID. */
static void if_guid(const char *name, char out[39])
{
    unsigned char b[16] = {0};
    memcpy(b, name, strnlen(name, 15));
    snprintf(out, 39, "{%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X}", b[0], b[1], b[2], b[3],
             b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

static void fill_interfaces(struct node *n, const char *arg)
{
    (void)arg;
    struct ifaddrs *ifs = NULL;
    if (getifaddrs(&ifs) != 0)
        return;
    for (struct ifaddrs *i = ifs; i; i = i->ifa_next) {
        if (i->ifa_flags & IFF_LOOPBACK)
            continue;
        char g[39];
        if_guid(i->ifa_name, g);
        bool seen = false;
        for (size_t k = 0; k < n->nsub && !seen; k++)
            seen = !strcmp(n->sub[k], g);
        if (!seen)
            add_sub(n, g);
    }
    freeifaddrs(ifs);
}

/* The IPv4 default gateway of an interface (/proc/net/route), or "". */
static void gateway(const char *ifname, char out[INET_ADDRSTRLEN])
{
    out[0] = 0;
    FILE *f = fopen("/proc/net/route", "re");
    char line[256], name[IFNAMSIZ + 1];
    unsigned dest, gw, flags;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "%16s %x %x %x", name, &dest, &gw, &flags) == 4 && !strcmp(name, ifname) && dest == 0 &&
            gw != 0) {
            struct in_addr a = {gw};
            ws_libc_ntop(AF_INET, &a, out, INET_ADDRSTRLEN);
            break;
        }
    if (f)
        fclose(f);
}

static void fill_interface(struct node *n, const char *guid)
{
    struct ifaddrs *ifs = NULL;
    char addrs[1024] = "", masks[1024] = "", name[IFNAMSIZ] = "";
    if (getifaddrs(&ifs) != 0)
        return;
    for (struct ifaddrs *i = ifs; i; i = i->ifa_next) {
        char g[39];
        if_guid(i->ifa_name, g);
        if (strcasecmp(g, guid))
            continue;
        snprintf(name, sizeof name, "%s", i->ifa_name);
        if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET && i->ifa_netmask) {
            char a[INET_ADDRSTRLEN], m[INET_ADDRSTRLEN];
            ws_libc_ntop(AF_INET, &((struct sockaddr_in *)i->ifa_addr)->sin_addr, a, sizeof a);
            ws_libc_ntop(AF_INET, &((struct sockaddr_in *)i->ifa_netmask)->sin_addr, m, sizeof m);
            append(addrs, sizeof addrs, "", a);
            append(addrs, sizeof addrs, "", "\n");
            append(masks, sizeof masks, "", m);
            append(masks, sizeof masks, "", "\n");
        }
    }
    freeifaddrs(ifs);
    char gw[INET_ADDRSTRLEN + 1];
    gateway(name, gw);
    if (gw[0])
        strcat(gw, "\n");
    struct resolv r;
    read_resolv(&r);
    add_dword(n, "EnableDHCP", 0);
    add_multi(n, "IPAddress", addrs[0] ? addrs : "0.0.0.0\n");
    add_multi(n, "SubnetMask", masks[0] ? masks : "0.0.0.0\n");
    add_multi(n, "DefaultGateway", gw);
    add_sz(n, "NameServer", r.servers);
    add_sz(n, "DhcpNameServer", r.servers_sp);
    add_sz(n, "Domain", r.domain);
    add_sz(n, "DhcpDomain", r.domain);
}

/* The version RtlGetVersion reports: Windows 10 22H2, build 19045. */
static void fill_version(struct node *n, const char *arg)
{
    (void)arg;
    add_sz(n, "ProductName", "Windows 10 Pro");
    add_sz(n, "EditionID", "Professional");
    add_sz(n, "InstallationType", "Client");
    add_sz(n, "CurrentVersion", "6.3");
    add_dword(n, "CurrentMajorVersionNumber", 10);
    add_dword(n, "CurrentMinorVersionNumber", 0);
    add_sz(n, "CurrentBuild", "19045");
    add_sz(n, "CurrentBuildNumber", "19045");
    add_sz(n, "DisplayVersion", "22H2");
    add_sz(n, "ReleaseId", "2009");
    add_sz(n, "CurrentType", "Multiprocessor Free");
    add_dword(n, "UBR", 0);
}

/* MachineGuid: the machine id as a GUID string (lower case, no braces, the
 * form Windows stores). */
static void fill_crypto(struct node *n, const char *arg)
{
    (void)arg;
    char id[64] = "", guid[40];
    FILE *f = fopen("/etc/machine-id", "re");
    if (!f)
        f = fopen("/var/lib/dbus/machine-id", "re");
    if (f) {
        if (!fgets(id, sizeof id, f))
            id[0] = 0;
        fclose(f);
    }
    size_t len = strspn(id, "0123456789abcdefABCDEF");
    if (len < 32) /* no machine id: one from the host name, stable on this host */
        snprintf(id, sizeof id, "%032llx", (unsigned long long)gethostid());
    for (char *p = id; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    snprintf(guid, sizeof guid, "%.8s-%.4s-%.4s-%.4s-%.12s", id, id + 8, id + 12, id + 16, id + 20);
    add_sz(n, "MachineGuid", guid);
}

static void fill_computer(struct node *n, const char *arg)
{
    (void)arg;
    char host[256], domain[256];
    host_names(host, domain);
    host[15] = 0; /* NetBIOS: 15 characters, capitals */
    for (char *p = host; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    add_sz(n, "ComputerName", host);
}

#define HKLM "HKEY_LOCAL_MACHINE"
#define TCPIP HKLM "\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters"
#define COMPUTER HKLM "\\SYSTEM\\CurrentControlSet\\Control\\ComputerName"
/* Every key there is; "*" is a subkey its parent's fill lists. */
static const struct keydef {
    const char *path;
    void (*fill)(struct node *n, const char *last);
} keys[] = {
    {"HKEY_CLASSES_ROOT", NULL},
    {"HKEY_CURRENT_USER", NULL},
    {"HKEY_CURRENT_USER\\Software", NULL},
    {HKLM, NULL},
    {HKLM "\\SOFTWARE", NULL},
    {HKLM "\\SOFTWARE\\Microsoft", NULL},
    {HKLM "\\SOFTWARE\\Microsoft\\Cryptography", fill_crypto},
    {HKLM "\\SOFTWARE\\Microsoft\\Windows NT", NULL},
    {HKLM "\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", fill_version},
    {HKLM "\\SYSTEM", NULL},
    {HKLM "\\SYSTEM\\CurrentControlSet", NULL},
    {HKLM "\\SYSTEM\\CurrentControlSet\\Control", NULL},
    {COMPUTER, NULL},
    {COMPUTER "\\ActiveComputerName", fill_computer},
    {COMPUTER "\\ComputerName", fill_computer},
    {HKLM "\\SYSTEM\\CurrentControlSet\\Services", NULL},
    {HKLM "\\SYSTEM\\CurrentControlSet\\Services\\Tcpip", NULL},
    {TCPIP, fill_tcpip},
    {TCPIP "\\Interfaces", fill_interfaces},
    {TCPIP "\\Interfaces\\*", fill_interface},
    {"HKEY_USERS", NULL},
    {"HKEY_CURRENT_CONFIG", NULL},
};
#define NKEYS (sizeof keys / sizeof keys[0])

/* The definition for a canonical path ("*" stands for a listed subkey). */
static const struct keydef *keydef_of(const char *path)
{
    const char *last = strrchr(path, '\\');
    for (size_t i = 0; i < NKEYS; i++) {
        size_t n = strlen(keys[i].path);
        if (!strcmp(keys[i].path, path))
            return &keys[i];
        if (last && n >= 2 && !strcmp(keys[i].path + n - 2, "\\*") && (size_t)(last - path) == n - 2 &&
            !strncmp(keys[i].path, path, n - 2))
            return &keys[i];
    }
    return NULL;
}

/* Read the key at a canonical path now: its subkeys (the defined ones
 * first, then what its fill lists) and values. */
static void node_read(const char *path, struct node *n)
{
    memset(n, 0, sizeof *n);
    size_t pl = strlen(path);
    for (size_t i = 0; i < NKEYS; i++) {
        const char *p = keys[i].path;
        if (!strncmp(p, path, pl) && p[pl] == '\\' && !strchr(p + pl + 1, '\\') && strcmp(p + pl + 1, "*"))
            add_sub(n, p + pl + 1);
    }
    const struct keydef *d = keydef_of(path);
    if (d && d->fill) {
        const char *last = strrchr(path, '\\');
        d->fill(n, last ? last + 1 : path);
    }
}

static const char *const roots[] = {"HKEY_CLASSES_ROOT", "HKEY_CURRENT_USER", "HKEY_LOCAL_MACHINE",
                                    "HKEY_USERS",        "HKEY_PERFORMANCE_DATA", "HKEY_CURRENT_CONFIG"};

/* ---- key handles ---------------------------------------------------------- */

/* An open key: a handle table object (WS_OBJ_OTHER, known by its destroy). */
struct key {
    ws_obj obj;
    char *path; /* canonical */
};

static void key_destroy(ws_obj *o)
{
    free(((struct key *)o)->path);
}

/* A predefined key's root (only the low 32 bits count, as on 64-bit
 * Windows), or NULL. */
static const char *predefined(HKEY h)
{
    uint32_t v = (uint32_t)(uintptr_t)h;
    return v >= 0x80000000u && v < 0x80000000u + sizeof roots / sizeof roots[0] ? roots[v - 0x80000000u] : NULL;
}

/* The canonical path of an open key (malloc'd), or NULL (not a key). */
static char *key_path(HKEY h)
{
    const char *root = predefined(h);
    if (root)
        return strdup(root);
    ws_obj *o = ws_handle_get((HANDLE)h, WS_OBJ_OTHER);
    char *p = NULL;
    if (o && o->destroy == key_destroy)
        p = strdup(((struct key *)o)->path);
    if (o)
        ws_obj_unref(o);
    return p;
}

/* Walk sub (backslash separated, empty parts skipped) from base: the
 * canonical path (malloc'd), or NULL with *err ERROR_FILE_NOT_FOUND. */
static char *resolve(const char *base, const char *sub, LONG *err)
{
    char *path = strdup(base);
    *err = ERROR_SUCCESS;
    while (path && sub && *sub) {
        while (*sub == '\\')
            sub++;
        const char *e = strchr(sub, '\\');
        size_t n = e ? (size_t)(e - sub) : strlen(sub);
        if (!n)
            break;
        struct node nd;
        node_read(path, &nd);
        const char *found = NULL;
        for (size_t i = 0; i < nd.nsub && !found; i++)
            if (strlen(nd.sub[i]) == n && !strncasecmp(nd.sub[i], sub, n))
                found = nd.sub[i];
        char *next = NULL;
        if (found && asprintf(&next, "%s\\%s", path, found) < 0)
            next = NULL;
        node_free(&nd);
        free(path);
        path = next;
        if (!found) {
            *err = ERROR_FILE_NOT_FOUND;
            return NULL;
        }
        sub += n;
    }
    if (!path && !*err)
        *err = ERROR_NOT_ENOUGH_MEMORY;
    return path;
}

static LONG new_key(const char *path, HKEY *out)
{
    struct key *k = (struct key *)ws_obj_alloc(WS_OBJ_OTHER, sizeof *k, true, false);
    if (!k)
        return ERROR_NOT_ENOUGH_MEMORY;
    k->obj.destroy = key_destroy;
    if (!(k->path = strdup(path))) {
        ws_obj_unref(&k->obj);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    HANDLE h = ws_handle_new(&k->obj);
    ws_obj_unref(&k->obj);
    if (!h)
        return (LONG)ws_last_error;
    *out = (HKEY)h;
    return ERROR_SUCCESS;
}

/* A name argument as UTF-8 (malloc'd; "" for NULL). */
static char *name_arg(const void *s, bool wide)
{
    if (!s)
        return strdup("");
    return wide ? ws_name_from_wide(s) : strdup(s);
}

/* ---- open, close, create -------------------------------------------------- */

/* A NULL or empty subkey of a predefined key is that key itself (Wine's
 * test_reg_open_key); of an open key, a new handle to it.  A subkey that
 * starts with '\' is ERROR_BAD_PATHNAME except under HKEY_CLASSES_ROOT. */
static LONG open_key(HKEY h, const void *subkey, bool wide, HKEY *out)
{
    if (ws_bad_ptr(out))
        return ERROR_INVALID_PARAMETER;
    char *base = key_path(h), *sub = name_arg(subkey, wide);
    LONG rc = ERROR_SUCCESS;
    if (!base) {
        rc = ERROR_INVALID_HANDLE;
        if (wide)
            *out = NULL; /* RegOpenKeyExW clears it, RegOpenKeyExA does not */
    } else if (!sub)
        rc = ERROR_NOT_ENOUGH_MEMORY;
    else if (!*sub && predefined(h))
        *out = h;
    else if (sub[0] == '\\' && strcmp(base, "HKEY_CLASSES_ROOT"))
        rc = ERROR_BAD_PATHNAME;
    else {
        char *path = resolve(base, sub, &rc);
        if (path)
            rc = new_key(path, out);
        else
            *out = NULL;
        free(path);
    }
    free(base);
    free(sub);
    return rc;
}

WS2P_EXPORT LONG RegOpenKeyExA(HKEY h, const char *sub, DWORD options, REGSAM sam, HKEY *out)
{
    struct ws_call c = WS_CALL32("RegOpenKeyExA");
    (void)options, (void)sam;
    LONG rc = open_key(h, sub, false, out);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p, sub=%s, out=%p", (void *)h, sub ? sub : "NULL",
                            rc == ERROR_SUCCESS ? (void *)*out : NULL);
}

WS2P_EXPORT LONG RegOpenKeyExW(HKEY h, const WCHAR *sub, DWORD options, REGSAM sam, HKEY *out)
{
    struct ws_call c = WS_CALL32("RegOpenKeyExW");
    (void)options, (void)sam;
    LONG rc = open_key(h, sub, true, out);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p, sub=%ls, out=%p", (void *)h, sub ? sub : L"NULL",
                            rc == ERROR_SUCCESS ? (void *)*out : NULL);
}

WS2P_EXPORT LONG RegOpenKeyA(HKEY h, const char *sub, HKEY *out)
{
    struct ws_call c = WS_CALL32("RegOpenKeyA");
    LONG rc = !h && (!sub || !*sub) && !ws_bad_ptr(out) ? (*out = NULL, ERROR_SUCCESS) : open_key(h, sub, false, out);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p, sub=%s", (void *)h, sub ? sub : "NULL");
}

WS2P_EXPORT LONG RegOpenKeyW(HKEY h, const WCHAR *sub, HKEY *out)
{
    struct ws_call c = WS_CALL32("RegOpenKeyW");
    LONG rc = !h && (!sub || !*sub) && !ws_bad_ptr(out) ? (*out = NULL, ERROR_SUCCESS) : open_key(h, sub, true, out);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p, sub=%ls", (void *)h, sub ? sub : L"NULL");
}

WS2P_EXPORT LONG RegCloseKey(HKEY h)
{
    struct ws_call c = WS_CALL32("RegCloseKey");
    LONG rc = ERROR_SUCCESS;
    if (!predefined(h)) {
        ws_obj *o = ws_handle_get((HANDLE)h, WS_OBJ_OTHER);
        bool key = o && o->destroy == key_destroy;
        if (o)
            ws_obj_unref(o);
        rc = key ? ws_handle_close((HANDLE)h) : ERROR_INVALID_HANDLE;
    }
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p", (void *)h);
}

/* An existing key opens (REG_OPENED_EXISTING_KEY); a new one would need
 * a writable registry. */
static LONG create_key(HKEY h, const void *subkey, bool wide, HKEY *out, DWORD *disp)
{
    if (ws_bad_ptr(out))
        return ERROR_BADKEY;
    char *sub = name_arg(subkey, wide);
    LONG rc = !sub ? ERROR_NOT_ENOUGH_MEMORY : sub[0] == '\\' ? ERROR_BAD_PATHNAME : ERROR_SUCCESS;
    free(sub);
    if (rc == ERROR_SUCCESS && (rc = open_key(h, subkey, wide, out)) == ERROR_FILE_NOT_FOUND)
        rc = ERROR_ACCESS_DENIED;
    if (rc == ERROR_SUCCESS && disp)
        *disp = REG_OPENED_EXISTING_KEY;
    return rc;
}

WS2P_EXPORT LONG RegCreateKeyExA(HKEY h, const char *sub, DWORD reserved, char *cls, DWORD options, REGSAM sam,
                                 WS_SECURITY_ATTRIBUTES *sa, HKEY *out, DWORD *disp)
{
    struct ws_call c = WS_CALL32("RegCreateKeyExA");
    (void)reserved, (void)cls, (void)options, (void)sam, (void)sa;
    LONG rc = create_key(h, sub, false, out, disp);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p, sub=%s", (void *)h, sub ? sub : "NULL");
}

WS2P_EXPORT LONG RegCreateKeyExW(HKEY h, const WCHAR *sub, DWORD reserved, WCHAR *cls, DWORD options, REGSAM sam,
                                 WS_SECURITY_ATTRIBUTES *sa, HKEY *out, DWORD *disp)
{
    struct ws_call c = WS_CALL32("RegCreateKeyExW");
    (void)reserved, (void)cls, (void)options, (void)sam, (void)sa;
    LONG rc = create_key(h, sub, true, out, disp);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p, sub=%ls", (void *)h, sub ? sub : L"NULL");
}

/* ---- values ---------------------------------------------------------------- */

/* A value's bytes as the A or W function hands them out (malloc'd). */
static char *value_bytes(const struct val *v, bool wide, DWORD *size)
{
    if (!wide || (v->type != REG_SZ && v->type != REG_EXPAND_SZ && v->type != REG_MULTI_SZ)) {
        char *d = malloc(v->size ? v->size : 1);
        if (d)
            memcpy(d, v->data, v->size);
        *size = v->size;
        return d;
    }
    /* Each UTF-8 string (and the terminators) as WCHARs. */
    size_t units = 0;
    for (DWORD off = 0; off < v->size;) {
        units += ws_name_to_wide(v->data + off, NULL, 0) + 1;
        off += (DWORD)strlen(v->data + off) + 1;
    }
    WCHAR *w = malloc((units ? units : 1) * sizeof *w);
    if (!w)
        return NULL;
    size_t u = 0;
    for (DWORD off = 0; off < v->size;) {
        u += ws_name_to_wide(v->data + off, w + u, units - u) + 1;
        off += (DWORD)strlen(v->data + off) + 1;
    }
    *size = (DWORD)(units * sizeof *w);
    return (char *)w;
}

/* The value of a key by name (case-insensitive; NULL or "" is the default
 * value, which no key here has). */
static LONG find_value(HKEY h, const void *name, bool wide, struct node *n, const struct val **v)
{
    char *path = key_path(h), *nm = name_arg(name, wide);
    LONG rc = !path ? ERROR_INVALID_HANDLE : !nm ? ERROR_NOT_ENOUGH_MEMORY : ERROR_FILE_NOT_FOUND;
    memset(n, 0, sizeof *n);
    *v = NULL;
    if (path && nm) {
        node_read(path, n);
        for (size_t i = 0; i < n->nval && !*v; i++)
            if (*nm && !strcasecmp(n->val[i].name, nm))
                *v = &n->val[i];
        if (*v)
            rc = ERROR_SUCCESS;
    }
    free(path);
    free(nm);
    return rc;
}

/* The size protocol: NULL data asks for the size; too small a buffer is
 * ERROR_MORE_DATA with the size needed; a missing value with NULL data
 * sets the size to 0 (Wine's test_query_value_ex). */
static LONG query_value(HKEY h, const void *name, bool wide, DWORD *reserved, DWORD *type, BYTE *data, DWORD *cb)
{
    if (reserved || (data && ws_bad_ptr(cb)))
        return ERROR_INVALID_PARAMETER;
    struct node n;
    const struct val *v;
    LONG rc = find_value(h, name, wide, &n, &v);
    if (rc == ERROR_FILE_NOT_FOUND && cb && !data)
        *cb = 0;
    if (rc == ERROR_SUCCESS) {
        DWORD size;
        char *b = value_bytes(v, wide, &size);
        if (!b)
            rc = ERROR_NOT_ENOUGH_MEMORY;
        else {
            if (type)
                *type = v->type;
            if (data && *cb < size)
                rc = ERROR_MORE_DATA;
            else if (data)
                memcpy(data, b, size);
            if (cb)
                *cb = size;
        }
        free(b);
    }
    node_free(&n);
    return rc;
}

WS2P_EXPORT LONG RegQueryValueExA(HKEY h, const char *name, DWORD *reserved, DWORD *type, BYTE *data, DWORD *cb)
{
    struct ws_call c = WS_CALL32("RegQueryValueExA");
    LONG rc = query_value(h, name, false, reserved, type, data, cb);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p, name=%s, size=%u", (void *)h, name ? name : "NULL",
                            cb && !ws_bad_ptr(cb) ? (unsigned)*cb : 0u);
}

WS2P_EXPORT LONG RegQueryValueExW(HKEY h, const WCHAR *name, DWORD *reserved, DWORD *type, BYTE *data, DWORD *cb)
{
    struct ws_call c = WS_CALL32("RegQueryValueExW");
    LONG rc = query_value(h, name, true, reserved, type, data, cb);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p, name=%ls, size=%u", (void *)h, name ? name : L"NULL",
                            cb && !ws_bad_ptr(cb) ? (unsigned)*cb : 0u);
}

/* The RRF_RT_* flag that lets a type through. */
static DWORD rrf_bit(DWORD t)
{
    static const DWORD bits[] = {[REG_NONE] = RRF_RT_REG_NONE,       [REG_SZ] = RRF_RT_REG_SZ,
                                 [REG_EXPAND_SZ] = RRF_RT_REG_EXPAND_SZ, [REG_BINARY] = RRF_RT_REG_BINARY,
                                 [REG_DWORD] = RRF_RT_REG_DWORD,     [REG_MULTI_SZ] = RRF_RT_REG_MULTI_SZ,
                                 [REG_QWORD] = RRF_RT_REG_QWORD};
    return t < sizeof bits / sizeof bits[0] ? bits[t] : 0;
}

/* RegGetValue: the type must be one the RRF_RT_* flags allow; a type it
 * does not allow still fills type, size and data, then says
 * ERROR_UNSUPPORTED_TYPE; RRF_RT_DWORD/QWORD take a REG_BINARY of exactly
 * 4/8 bytes, else ERROR_DATATYPE_MISMATCH (Wine's test_get_value). */
static LONG get_value(HKEY h, const void *sub, const void *name, bool wide, DWORD flags, DWORD *type, void *data,
                      DWORD *cb)
{
    DWORD rt = flags & RRF_RT_ANY;
    if (!rt || (data && ws_bad_ptr(cb)) || (flags & RRF_WOW64_MASK) == RRF_WOW64_MASK ||
        (rt == RRF_RT_REG_EXPAND_SZ && !(flags & RRF_NOEXPAND)))
        return ERROR_INVALID_PARAMETER;
    HKEY k = h;
    bool opened = false;
    LONG rc = ERROR_SUCCESS;
    if (sub && (wide ? *(const WCHAR *)sub : *(const char *)sub)) {
        rc = open_key(h, sub, wide, &k);
        opened = rc == ERROR_SUCCESS && k != h;
    }
    DWORD t = 0, in = cb ? *cb : 0, size = in;
    if (rc == ERROR_SUCCESS)
        rc = query_value(k, name, wide, NULL, &t, data, &size);
    if (cb && (rc == ERROR_SUCCESS || rc == ERROR_MORE_DATA || rc == ERROR_FILE_NOT_FOUND))
        *cb = size;
    if (rc == ERROR_SUCCESS || rc == ERROR_MORE_DATA) {
        if (type)
            *type = t;
        if (!(rt & rrf_bit(t)))
            rc = ERROR_UNSUPPORTED_TYPE;
        else if (t == REG_BINARY && ((rt == RRF_RT_DWORD && size != 4) || (rt == RRF_RT_QWORD && size != 8)))
            rc = ERROR_DATATYPE_MISMATCH;
    }
    if (rc != ERROR_SUCCESS && (flags & RRF_ZEROONFAILURE) && data && in)
        memset(data, 0, in);
    if (opened)
        RegCloseKey(k);
    return rc;
}

WS2P_EXPORT LONG RegGetValueA(HKEY h, const char *sub, const char *name, DWORD flags, DWORD *type, void *data,
                              DWORD *cb)
{
    struct ws_call c = WS_CALL32("RegGetValueA");
    LONG rc = get_value(h, sub, name, false, flags, type, data, cb);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p, sub=%s, name=%s, flags=%#x", (void *)h, sub ? sub : "NULL",
                            name ? name : "NULL", (unsigned)flags);
}

WS2P_EXPORT LONG RegGetValueW(HKEY h, const WCHAR *sub, const WCHAR *name, DWORD flags, DWORD *type, void *data,
                              DWORD *cb)
{
    struct ws_call c = WS_CALL32("RegGetValueW");
    LONG rc = get_value(h, sub, name, true, flags, type, data, cb);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p, sub=%ls, name=%ls, flags=%#x", (void *)h, sub ? sub : L"NULL",
                            name ? name : L"NULL", (unsigned)flags);
}

/* ---- enumeration ----------------------------------------------------------- */

/* A name into an A or W buffer of *cch characters: ERROR_MORE_DATA (and
 * *cch left alone) when it does not fit with its terminator; else *cch =
 * its length. */
static LONG put_name(const char *s, void *buf, DWORD *cch, bool wide)
{
    size_t len = wide ? ws_name_to_wide(s, NULL, 0) : strlen(s);
    if (*cch <= len)
        return ERROR_MORE_DATA;
    if (wide)
        ws_name_to_wide(s, buf, *cch);
    else
        memcpy(buf, s, len + 1);
    *cch = (DWORD)len;
    return ERROR_SUCCESS;
}

/* No key here has a class: an empty one where the caller asked for it. */
static void no_class(void *cls, DWORD *ccls, bool wide)
{
    if (cls && ccls && *ccls) {
        if (wide)
            *(WCHAR *)cls = 0;
        else
            *(char *)cls = 0;
    }
    if (ccls)
        *ccls = 0;
}

static LONG enum_key(HKEY h, DWORD index, void *name, DWORD *cch, DWORD *reserved, void *cls, DWORD *ccls,
                     void *lastwrite, bool wide)
{
    if (ws_bad_ptr(name) || ws_bad_ptr(cch) || reserved)
        return ERROR_INVALID_PARAMETER;
    char *path = key_path(h);
    if (!path)
        return ERROR_INVALID_HANDLE;
    struct node n;
    node_read(path, &n);
    free(path);
    LONG rc = ERROR_NO_MORE_ITEMS;
    if (index < n.nsub && (rc = put_name(n.sub[index], name, cch, wide)) == ERROR_SUCCESS) {
        no_class(cls, ccls, wide);
        if (lastwrite)
            memset(lastwrite, 0, 8); /* FILETIME: the registry has no history here */
    }
    node_free(&n);
    return rc;
}

WS2P_EXPORT LONG RegEnumKeyExA(HKEY h, DWORD index, char *name, DWORD *cch, DWORD *reserved, char *cls, DWORD *ccls,
                               void *lastwrite)
{
    struct ws_call c = WS_CALL32("RegEnumKeyExA");
    LONG rc = enum_key(h, index, name, cch, reserved, cls, ccls, lastwrite, false);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p, index=%u, name=%s", (void *)h, (unsigned)index,
                            rc == ERROR_SUCCESS ? name : "-");
}

WS2P_EXPORT LONG RegEnumKeyExW(HKEY h, DWORD index, WCHAR *name, DWORD *cch, DWORD *reserved, WCHAR *cls,
                               DWORD *ccls, void *lastwrite)
{
    struct ws_call c = WS_CALL32("RegEnumKeyExW");
    LONG rc = enum_key(h, index, name, cch, reserved, cls, ccls, lastwrite, true);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p, index=%u, name=%ls", (void *)h, (unsigned)index,
                            rc == ERROR_SUCCESS ? name : L"-");
}

/* Wine's test_enum_value: a name too small is ERROR_MORE_DATA with its
 * count left alone and nothing written, the data size still reported; data
 * too small is ERROR_MORE_DATA with the size needed, the name written by
 * the W function only. */
static LONG enum_value(HKEY h, DWORD index, void *name, DWORD *cch, DWORD *reserved, DWORD *type, BYTE *data,
                       DWORD *cb, bool wide)
{
    if (ws_bad_ptr(name) || ws_bad_ptr(cch) || reserved || (data && ws_bad_ptr(cb)))
        return ERROR_INVALID_PARAMETER;
    char *path = key_path(h);
    if (!path)
        return ERROR_INVALID_HANDLE;
    struct node n;
    node_read(path, &n);
    free(path);
    LONG rc = ERROR_NO_MORE_ITEMS;
    if (index < n.nval) {
        const struct val *v = &n.val[index];
        DWORD size;
        char *b = value_bytes(v, wide, &size);
        size_t len = wide ? ws_name_to_wide(v->name, NULL, 0) : strlen(v->name);
        bool name_fits = *cch > len, data_fits = !data || (cb && *cb >= size);
        if (!b)
            rc = ERROR_NOT_ENOUGH_MEMORY;
        else {
            rc = name_fits && data_fits ? ERROR_SUCCESS : ERROR_MORE_DATA;
            if (type)
                *type = v->type;
            if (name_fits && (data_fits || wide))
                put_name(v->name, name, cch, wide);
            if (rc == ERROR_SUCCESS && data)
                memcpy(data, b, size);
            if (cb)
                *cb = size;
        }
        free(b);
    }
    node_free(&n);
    return rc;
}

WS2P_EXPORT LONG RegEnumValueA(HKEY h, DWORD index, char *name, DWORD *cch, DWORD *reserved, DWORD *type, BYTE *data,
                               DWORD *cb)
{
    struct ws_call c = WS_CALL32("RegEnumValueA");
    LONG rc = enum_value(h, index, name, cch, reserved, type, data, cb, false);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p, index=%u, name=%s", (void *)h, (unsigned)index,
                            rc == ERROR_SUCCESS ? name : "-");
}

WS2P_EXPORT LONG RegEnumValueW(HKEY h, DWORD index, WCHAR *name, DWORD *cch, DWORD *reserved, DWORD *type,
                               BYTE *data, DWORD *cb)
{
    struct ws_call c = WS_CALL32("RegEnumValueW");
    LONG rc = enum_value(h, index, name, cch, reserved, type, data, cb, true);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p, index=%u, name=%ls", (void *)h, (unsigned)index,
                            rc == ERROR_SUCCESS ? name : L"-");
}

/* Counts and the longest name (characters, no terminator) and data (bytes). */
static LONG query_info(HKEY h, void *cls, DWORD *ccls, DWORD *reserved, DWORD *nsub, DWORD *maxsub, DWORD *maxcls,
                       DWORD *nval, DWORD *maxname, DWORD *maxdata, DWORD *secdesc, void *lastwrite, bool wide)
{
    if (reserved)
        return ERROR_INVALID_PARAMETER;
    char *path = key_path(h);
    if (!path)
        return ERROR_INVALID_HANDLE;
    struct node n;
    node_read(path, &n);
    free(path);
    DWORD ms = 0, mn = 0, md = 0;
    for (size_t i = 0; i < n.nsub; i++) {
        DWORD l = (DWORD)(wide ? ws_name_to_wide(n.sub[i], NULL, 0) : strlen(n.sub[i]));
        ms = l > ms ? l : ms;
    }
    for (size_t i = 0; i < n.nval; i++) {
        DWORD l = (DWORD)(wide ? ws_name_to_wide(n.val[i].name, NULL, 0) : strlen(n.val[i].name)), size;
        char *b = value_bytes(&n.val[i], wide, &size);
        free(b);
        mn = l > mn ? l : mn;
        md = size > md ? size : md;
    }
    no_class(cls, ccls, wide);
    if (nsub)
        *nsub = (DWORD)n.nsub;
    if (maxsub)
        *maxsub = ms;
    if (maxcls)
        *maxcls = 0;
    if (nval)
        *nval = (DWORD)n.nval;
    if (maxname)
        *maxname = mn;
    if (maxdata)
        *maxdata = md;
    if (secdesc)
        *secdesc = 0;
    if (lastwrite)
        memset(lastwrite, 0, 8);
    node_free(&n);
    return ERROR_SUCCESS;
}

WS2P_EXPORT LONG RegQueryInfoKeyA(HKEY h, char *cls, DWORD *ccls, DWORD *reserved, DWORD *nsub, DWORD *maxsub,
                                  DWORD *maxcls, DWORD *nval, DWORD *maxname, DWORD *maxdata, DWORD *secdesc,
                                  void *lastwrite)
{
    struct ws_call c = WS_CALL32("RegQueryInfoKeyA");
    LONG rc = query_info(h, cls, ccls, reserved, nsub, maxsub, maxcls, nval, maxname, maxdata, secdesc, lastwrite,
                         false);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p", (void *)h);
}

WS2P_EXPORT LONG RegQueryInfoKeyW(HKEY h, WCHAR *cls, DWORD *ccls, DWORD *reserved, DWORD *nsub, DWORD *maxsub,
                                  DWORD *maxcls, DWORD *nval, DWORD *maxname, DWORD *maxdata, DWORD *secdesc,
                                  void *lastwrite)
{
    struct ws_call c = WS_CALL32("RegQueryInfoKeyW");
    LONG rc = query_info(h, cls, ccls, reserved, nsub, maxsub, maxcls, nval, maxname, maxdata, secdesc, lastwrite,
                         true);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p", (void *)h);
}

/* ---- writes ------------------------------------------------------------------ */

/* A key that exists refuses the change; one that does not is not found. */
static LONG refuse(HKEY h, const void *sub, bool wide, bool value)
{
    char *path = key_path(h);
    LONG rc = ERROR_INVALID_HANDLE;
    if (path && !value && sub) {
        char *s = name_arg(sub, wide), *p = s ? resolve(path, s, &rc) : NULL;
        rc = p ? ERROR_ACCESS_DENIED : s ? rc : ERROR_NOT_ENOUGH_MEMORY;
        free(s);
        free(p);
    } else if (path)
        rc = ERROR_ACCESS_DENIED;
    free(path);
    return rc;
}

WS2P_EXPORT LONG RegSetValueExA(HKEY h, const char *name, DWORD reserved, DWORD type, const BYTE *data, DWORD cb)
{
    struct ws_call c = WS_CALL32("RegSetValueExA");
    (void)reserved, (void)data, (void)cb;
    LONG rc = refuse(h, NULL, false, true);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p, name=%s, type=%u", (void *)h, name ? name : "NULL", (unsigned)type);
}

WS2P_EXPORT LONG RegSetValueExW(HKEY h, const WCHAR *name, DWORD reserved, DWORD type, const BYTE *data, DWORD cb)
{
    struct ws_call c = WS_CALL32("RegSetValueExW");
    (void)reserved, (void)data, (void)cb;
    LONG rc = refuse(h, NULL, true, true);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p, name=%ls, type=%u", (void *)h, name ? name : L"NULL", (unsigned)type);
}

WS2P_EXPORT LONG RegDeleteKeyA(HKEY h, const char *sub)
{
    struct ws_call c = WS_CALL32("RegDeleteKeyA");
    LONG rc = refuse(h, sub ? sub : "", false, false);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p, sub=%s", (void *)h, sub ? sub : "NULL");
}

WS2P_EXPORT LONG RegDeleteKeyW(HKEY h, const WCHAR *sub)
{
    struct ws_call c = WS_CALL32("RegDeleteKeyW");
    LONG rc = refuse(h, sub ? (const void *)sub : (const void *)L"", true, false);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p, sub=%ls", (void *)h, sub ? sub : L"NULL");
}

static LONG delete_value(HKEY h, const void *name, bool wide)
{
    struct node n;
    const struct val *v;
    LONG rc = find_value(h, name, wide, &n, &v);
    node_free(&n);
    return rc == ERROR_SUCCESS ? ERROR_ACCESS_DENIED : rc;
}

WS2P_EXPORT LONG RegDeleteValueA(HKEY h, const char *name)
{
    struct ws_call c = WS_CALL32("RegDeleteValueA");
    LONG rc = delete_value(h, name, false);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p, name=%s", (void *)h, name ? name : "NULL");
}

WS2P_EXPORT LONG RegDeleteValueW(HKEY h, const WCHAR *name)
{
    struct ws_call c = WS_CALL32("RegDeleteValueW");
    LONG rc = delete_value(h, name, true);
    return (LONG)WS_EXIT_RC(&c, rc, "key=%p, name=%ls", (void *)h, name ? name : L"NULL");
}
