/* The registry: opening keys (predefined roots, NULL and empty subkeys,
 * missing keys, bad handles, leading backslashes), the value size protocol
 * (NULL data, ERROR_MORE_DATA), RegGetValue's type restrictions,
 * enumeration, and the keys network programs read (TCP/IP parameters, the
 * Windows version).  Facts from Wine's advapi32/tests/registry.c (notes in
 * /work/ref/notes-files.md).  On Windows these keys exist too, so the
 * checks hold there. */
#include "wstest.h"

static int ieq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] + 32) : a[i], y = b[i] >= 'A' && b[i] <= 'Z' ? (char)(b[i] + 32) : b[i];
        if (x != y)
            return 0;
        if (!x)
            return 1;
    }
    return 1;
}

#define TCPIP "SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters"
#define VERSION "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"

WT_CASE(open_keys)
{
    HKEY k = NULL, k2 = NULL, keep;
    expect_w32(RegOpenKeyExA(HKEY_LOCAL_MACHINE, TCPIP, 0, KEY_READ, &k), ERROR_SUCCESS, W32_SENTINEL);
    ok(k != NULL, "opened");
    /* The same key twice: two handles. */
    expect_w32(RegOpenKeyExA(HKEY_LOCAL_MACHINE, "system\\currentcontrolset\\SERVICES\\tcpip\\parameters", 0,
                             KEY_READ, &k2),
               ERROR_SUCCESS, W32_SENTINEL);
    ok(k2 && k2 != k, "names are case-insensitive, a second handle");
    RegCloseKey(k2);
    expect_w32(RegOpenKeyExA(HKEY_LOCAL_MACHINE, TCPIP "\\\\", 0, KEY_READ, &k2), ERROR_SUCCESS, W32_SENTINEL);
    RegCloseKey(k2);
    /* Missing: ERROR_FILE_NOT_FOUND, and the result NULL. */
    k2 = k;
    expect_w32(RegOpenKeyExA(HKEY_LOCAL_MACHINE, "SOFTWARE\\ws2posix-nonexistent", 0, KEY_READ, &k2),
               ERROR_FILE_NOT_FOUND, W32_SENTINEL);
    ok(k2 == NULL, "result cleared");
    /* A subkey of an open key. */
    expect_w32(RegOpenKeyExA(k, "Interfaces", 0, KEY_READ, &k2), ERROR_SUCCESS, W32_SENTINEL);
    RegCloseKey(k2);
    /* NULL or "" under a predefined key is that key; under an open key, a new handle. */
    expect_w32(RegOpenKeyExA(HKEY_LOCAL_MACHINE, NULL, 0, KEY_READ, &k2), ERROR_SUCCESS, W32_SENTINEL);
    ok(k2 == HKEY_LOCAL_MACHINE, "the root itself");
    expect_w32(RegOpenKeyExA(HKEY_CURRENT_USER, "", 0, KEY_READ, &k2), ERROR_SUCCESS, W32_SENTINEL);
    ok(k2 == HKEY_CURRENT_USER, "the root itself");
    expect_w32(RegOpenKeyExA(k, "", 0, KEY_READ, &k2), ERROR_SUCCESS, W32_SENTINEL);
    ok(k2 != k && k2 != NULL, "a new handle");
    expect_w32(RegCloseKey(k2), ERROR_SUCCESS, W32_SENTINEL);
    expect_w32(RegCloseKey(k2), ERROR_INVALID_HANDLE, W32_SENTINEL);
    /* Bad handles and arguments. */
    keep = k2 = (HKEY)(ULONG_PTR)0x12345678;
    expect_w32(RegOpenKeyExA(NULL, "", 0, KEY_READ, &k2), ERROR_INVALID_HANDLE, W32_SENTINEL);
    ok(k2 == keep, "A: left alone");
    expect_w32(RegOpenKeyExW(NULL, L"", 0, KEY_READ, &k2), ERROR_INVALID_HANDLE, W32_SENTINEL);
    ok(k2 == NULL, "W: cleared");
    expect_w32(RegOpenKeyExA(HKEY_LOCAL_MACHINE, TCPIP, 0, KEY_READ, NULL), ERROR_INVALID_PARAMETER, W32_SENTINEL);
    expect_w32(RegOpenKeyExA(HKEY_CURRENT_USER, "\\Software", 0, KEY_READ, &k2), ERROR_BAD_PATHNAME, W32_SENTINEL);
    expect_w32(RegCloseKey(HKEY_LOCAL_MACHINE), ERROR_SUCCESS, W32_SENTINEL);
    /* Only the low 32 bits of a predefined key count on 64-bit Windows. */
    expect_w32(RegOpenKeyExA((HKEY)((ULONG_PTR)(DWORD)(ULONG_PTR)HKEY_LOCAL_MACHINE | (ULONG_PTR)1 << 32), "SOFTWARE",
                             0, KEY_READ, &k2),
               ERROR_SUCCESS, W32_SENTINEL);
    RegCloseKey(k2);
    expect_w32(RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Microsoft", 0, KEY_READ, &k2), ERROR_SUCCESS,
               W32_SENTINEL);
    RegCloseKey(k2);
    RegCloseKey(k);
}

WT_CASE(query_values)
{
    HKEY k;
    char buf[256];
    DWORD type, size;
    ok(RegOpenKeyExA(HKEY_LOCAL_MACHINE, VERSION, 0, KEY_READ, &k) == ERROR_SUCCESS, "open CurrentVersion");
    /* NULL data asks for the size. */
    size = 0;
    expect_w32(RegQueryValueExA(k, "CurrentBuild", NULL, &type, NULL, &size), ERROR_SUCCESS, W32_SENTINEL);
    ok(type == REG_SZ && size > 1, "REG_SZ, %lu bytes", (unsigned long)size);
    DWORD need = size;
    size = 2;
    memset(buf, 'x', sizeof buf);
    expect_w32(RegQueryValueExA(k, "CurrentBuild", NULL, &type, (BYTE *)buf, &size), ERROR_MORE_DATA, W32_SENTINEL);
    ok(size == need, "the size needed: %lu", (unsigned long)size);
    size = sizeof buf;
    expect_w32(RegQueryValueExA(k, "currentbuild", NULL, &type, (BYTE *)buf, &size), ERROR_SUCCESS, W32_SENTINEL);
    ok(size == strlen(buf) + 1 && atoi(buf) >= 10240, "CurrentBuild %s (%lu bytes)", buf, (unsigned long)size);
    DWORD major = 0;
    size = sizeof major;
    expect_w32(RegQueryValueExA(k, "CurrentMajorVersionNumber", NULL, &type, (BYTE *)&major, &size), ERROR_SUCCESS,
               W32_SENTINEL);
    ok(type == REG_DWORD && size == 4 && major == 10, "Windows 10 or later: %lu", (unsigned long)major);
    /* A missing value: FILE_NOT_FOUND; with NULL data the size is zeroed. */
    size = 0xdeadbeef;
    expect_w32(RegQueryValueExA(k, "ws2posix nonexistent", NULL, &type, NULL, &size), ERROR_FILE_NOT_FOUND,
               W32_SENTINEL);
    ok(size == 0, "size zeroed: %lu", (unsigned long)size);
    size = sizeof buf;
    expect_w32(RegQueryValueExA(k, "ws2posix nonexistent", NULL, &type, (BYTE *)buf, &size), ERROR_FILE_NOT_FOUND,
               W32_SENTINEL);
    ok(size == sizeof buf, "size kept");
    DWORD reserved = 0;
    expect_w32(RegQueryValueExA(k, "CurrentBuild", &reserved, &type, NULL, &size), ERROR_INVALID_PARAMETER,
               W32_SENTINEL);
    expect_w32(RegQueryValueExA(k, "CurrentBuild", NULL, &type, (BYTE *)buf, NULL), ERROR_INVALID_PARAMETER,
               W32_SENTINEL);
    /* The W sizes are bytes of WCHARs. */
    WCHAR w[64];
    size = sizeof w;
    expect_w32(RegQueryValueExW(k, L"CurrentBuild", NULL, &type, (BYTE *)w, &size), ERROR_SUCCESS, W32_SENTINEL);
    ok(type == REG_SZ && size == (wcslen(w) + 1) * sizeof(WCHAR), "W: %lu bytes", (unsigned long)size);
    RegCloseKey(k);
    expect_w32(RegQueryValueExA(k, "CurrentBuild", NULL, &type, NULL, &size), ERROR_INVALID_HANDLE, W32_SENTINEL);
}

WT_CASE(get_value)
{
    DWORD d = 0, size = sizeof d, type = 0;
    char buf[64];
    expect_w32(RegGetValueA(HKEY_LOCAL_MACHINE, VERSION, "CurrentMajorVersionNumber", RRF_RT_REG_DWORD, &type, &d,
                            &size),
               ERROR_SUCCESS, W32_SENTINEL);
    ok(type == REG_DWORD && size == 4 && d == 10, "DWORD %lu", (unsigned long)d);
    size = sizeof d;
    expect_w32(RegGetValueA(HKEY_LOCAL_MACHINE, VERSION, "CurrentMajorVersionNumber", RRF_RT_DWORD, &type, &d, &size),
               ERROR_SUCCESS, W32_SENTINEL);
    /* A type the flags do not allow: ERROR_UNSUPPORTED_TYPE, type and size still given. */
    size = sizeof d;
    type = 0;
    expect_w32(RegGetValueA(HKEY_LOCAL_MACHINE, VERSION, "CurrentMajorVersionNumber", RRF_RT_REG_SZ, &type, &d, &size),
               ERROR_UNSUPPORTED_TYPE, W32_SENTINEL);
    ok(type == REG_DWORD && size == 4, "still reported");
    d = 0xdeadbeef;
    size = sizeof d;
    expect_w32(RegGetValueA(HKEY_LOCAL_MACHINE, VERSION, "CurrentMajorVersionNumber", RRF_RT_REG_SZ | RRF_ZEROONFAILURE,
                            &type, &d, &size),
               ERROR_UNSUPPORTED_TYPE, W32_SENTINEL);
    ok(d == 0, "RRF_ZEROONFAILURE zeroes the buffer");
    size = sizeof buf;
    expect_w32(RegGetValueA(HKEY_LOCAL_MACHINE, VERSION, "ProductName", RRF_RT_REG_SZ, &type, buf, &size),
               ERROR_SUCCESS, W32_SENTINEL);
    ok(!strncmp(buf, "Windows", 7) && size == strlen(buf) + 1, "ProductName %s", buf);
    size = 0;
    expect_w32(RegGetValueA(HKEY_LOCAL_MACHINE, VERSION, "ProductName", RRF_RT_ANY, NULL, NULL, &size), ERROR_SUCCESS,
               W32_SENTINEL);
    ok(size == strlen(buf) + 1, "size query %lu", (unsigned long)size);
    expect_w32(RegGetValueA(HKEY_LOCAL_MACHINE, VERSION, "ProductName", RRF_RT_REG_SZ, NULL, buf, NULL),
               ERROR_INVALID_PARAMETER, W32_SENTINEL);
    expect_w32(RegGetValueA(HKEY_LOCAL_MACHINE, VERSION, "ProductName", 0, NULL, NULL, NULL), ERROR_INVALID_PARAMETER,
               W32_SENTINEL);
    expect_w32(RegGetValueA(HKEY_LOCAL_MACHINE, VERSION, "ws2posix nonexistent", RRF_RT_ANY, NULL, NULL, NULL),
               ERROR_FILE_NOT_FOUND, W32_SENTINEL);
    expect_w32(RegGetValueA(HKEY_LOCAL_MACHINE, "SOFTWARE\\ws2posix-nonexistent", "x", RRF_RT_ANY, NULL, NULL, NULL),
               ERROR_FILE_NOT_FOUND, W32_SENTINEL);
    WCHAR w[64];
    size = sizeof w;
    expect_w32(RegGetValueW(HKEY_LOCAL_MACHINE, L"" VERSION, L"ProductName", RRF_RT_REG_SZ, &type, w, &size),
               ERROR_SUCCESS, W32_SENTINEL);
    ok(size == (wcslen(w) + 1) * sizeof(WCHAR), "W size");
}

/* The TCP/IP parameters: the host name and the DNS configuration. */
WT_CASE(tcpip_parameters)
{
    HKEY k;
    char host[256], name[256];
    DWORD size = sizeof host, type;
    ok(RegOpenKeyExA(HKEY_LOCAL_MACHINE, TCPIP, 0, KEY_READ, &k) == ERROR_SUCCESS, "open");
    expect_w32(RegQueryValueExA(k, "Hostname", NULL, &type, (BYTE *)host, &size), ERROR_SUCCESS, W32_SENTINEL);
    ok(type == REG_SZ && host[0], "Hostname %s", host);
    char full[256];
    ok(gethostname(full, sizeof full) == 0 && ieq(full, host, strlen(host)), "gethostname %s starts with %s",
       full, host);
    size = 0;
    expect_w32(RegQueryValueExA(k, "Domain", NULL, &type, NULL, &size), ERROR_SUCCESS, W32_SENTINEL);
    ok(type == REG_SZ && size >= 1, "Domain");
    size = 0;
    ok(RegQueryValueExA(k, "NameServer", NULL, &type, NULL, &size) == ERROR_SUCCESS && type == REG_SZ, "NameServer");
    ok(RegQueryValueExA(k, "DhcpNameServer", NULL, &type, NULL, &size) == ERROR_SUCCESS && type == REG_SZ,
       "DhcpNameServer");
    /* Enumerate the subkeys: Interfaces is one. */
    int found = 0;
    for (DWORD i = 0;; i++) {
        DWORD n = sizeof name;
        LONG rc = RegEnumKeyExA(k, i, name, &n, NULL, NULL, NULL, NULL);
        if (rc == ERROR_NO_MORE_ITEMS)
            break;
        ok(rc == ERROR_SUCCESS && n == strlen(name), "RegEnumKeyExA %lu: %ld", (unsigned long)i, (long)rc);
        found |= ieq(name, "Interfaces", sizeof "Interfaces");
        if (rc != ERROR_SUCCESS)
            break;
    }
    ok(found, "Interfaces listed");
    DWORD n = 2;
    expect_w32(RegEnumKeyExA(k, 0, name, &n, NULL, NULL, NULL, NULL), ERROR_MORE_DATA, W32_SENTINEL);
    ok(n == 2, "count left alone");
    n = sizeof name;
    expect_w32(RegEnumKeyExA(k, 100000, name, &n, NULL, NULL, NULL, NULL), ERROR_NO_MORE_ITEMS, W32_SENTINEL);
    DWORD nsub = 0, nval = 0, maxname = 0;
    expect_w32(RegQueryInfoKeyA(k, NULL, NULL, NULL, &nsub, NULL, NULL, &nval, &maxname, NULL, NULL, NULL),
               ERROR_SUCCESS, W32_SENTINEL);
    ok(nsub >= 1 && nval >= 3 && maxname >= 8, "info: %lu subkeys, %lu values", (unsigned long)nsub,
       (unsigned long)nval);
    /* Interfaces: each subkey opens. */
    HKEY ifs, one;
    ok(RegOpenKeyExA(k, "Interfaces", 0, KEY_READ, &ifs) == ERROR_SUCCESS, "Interfaces");
    n = sizeof name;
    if (RegEnumKeyExA(ifs, 0, name, &n, NULL, NULL, NULL, NULL) == ERROR_SUCCESS) {
        ok(name[0] == '{' && strlen(name) == 38, "a GUID: %s", name);
        expect_w32(RegOpenKeyExA(ifs, name, 0, KEY_READ, &one), ERROR_SUCCESS, W32_SENTINEL);
        size = 0;
        ok(RegQueryValueExA(one, "NameServer", NULL, &type, NULL, &size) == ERROR_SUCCESS, "interface NameServer");
        RegCloseKey(one);
    }
    RegCloseKey(ifs);
    RegCloseKey(k);
}

WT_CASE(enum_values)
{
    HKEY k;
    char name[64], data[256];
    DWORD n, cb, type;
    ok(RegOpenKeyExA(HKEY_LOCAL_MACHINE, VERSION, 0, KEY_READ, &k) == ERROR_SUCCESS, "open");
    n = sizeof name;
    cb = sizeof data;
    expect_w32(RegEnumValueA(k, 0, name, &n, NULL, &type, (BYTE *)data, &cb), ERROR_SUCCESS, W32_SENTINEL);
    ok(n == strlen(name) && n > 0, "name %s (%lu)", name, (unsigned long)n);
    char first[64];
    strcpy(first, name);
    DWORD full = cb;
    /* Name too small: ERROR_MORE_DATA, count and buffers left alone, the data size given. */
    n = 2;
    cb = sizeof data;
    strcpy(name, "xxxxxxxx");
    expect_w32(RegEnumValueA(k, 0, name, &n, NULL, &type, (BYTE *)data, &cb), ERROR_MORE_DATA, W32_SENTINEL);
    ok(n == 2 && !strcmp(name, "xxxxxxxx") && cb == full, "n %lu cb %lu", (unsigned long)n, (unsigned long)cb);
    /* Data too small: ERROR_MORE_DATA with the size needed. */
    n = sizeof name;
    cb = 1;
    strcpy(data, "xxxx");
    expect_w32(RegEnumValueA(k, 0, name, &n, NULL, &type, (BYTE *)data, &cb), ERROR_MORE_DATA, W32_SENTINEL);
    ok(cb == full && !strcmp(data, "xxxx"), "cb %lu", (unsigned long)cb);
    expect_w32(RegEnumValueA(k, 0, NULL, &n, NULL, &type, (BYTE *)data, &cb), ERROR_INVALID_PARAMETER, W32_SENTINEL);
    expect_w32(RegEnumValueA(k, 0, name, NULL, NULL, &type, (BYTE *)data, &cb), ERROR_INVALID_PARAMETER, W32_SENTINEL);
    n = sizeof name;
    expect_w32(RegEnumValueA(k, 100000, name, &n, NULL, &type, NULL, NULL), ERROR_NO_MORE_ITEMS, W32_SENTINEL);
    WCHAR wname[64];
    n = 64;
    expect_w32(RegEnumValueW(k, 0, wname, &n, NULL, &type, NULL, &cb), ERROR_SUCCESS, W32_SENTINEL);
    ok(n == strlen(first) && (DWORD)wname[0] == (unsigned char)first[0], "W name");
    RegCloseKey(k);
}

/* A registry the program may not write: creating what exists opens it, the
 * rest is ERROR_ACCESS_DENIED (what a program without administrator rights
 * meets under HKEY_LOCAL_MACHINE on Windows). */
WT_CASE(writes_refused)
{
    HKEY k = NULL;
    DWORD disp = 0;
    expect_w32(RegCreateKeyExA(HKEY_LOCAL_MACHINE, VERSION, 0, NULL, 0, KEY_READ, NULL, &k, &disp), ERROR_SUCCESS,
               W32_SENTINEL);
    ok(k && disp == REG_OPENED_EXISTING_KEY, "opened the existing key");
    expect_w32(RegCreateKeyExA(HKEY_LOCAL_MACHINE, VERSION, 0, NULL, 0, KEY_READ, NULL, NULL, NULL), ERROR_BADKEY,
               W32_SENTINEL);
    /* A key opened for reading refuses changes on Windows too. */
    DWORD v = 1;
    expect_w32(RegSetValueExA(k, "ws2posix test", 0, REG_DWORD, (const BYTE *)&v, sizeof v), ERROR_ACCESS_DENIED,
               W32_SENTINEL);
    expect_w32(RegDeleteValueA(k, "ProductName"), ERROR_ACCESS_DENIED, W32_SENTINEL);
    expect_w32(RegCreateKeyExA(HKEY_LOCAL_MACHINE, "\\SOFTWARE", 0, NULL, 0, KEY_READ, NULL, &k, NULL),
               ERROR_BAD_PATHNAME, W32_SENTINEL);
    RegCloseKey(k);
    expect_w32(RegSetValueExA(k, "x", 0, REG_DWORD, (const BYTE *)&v, sizeof v), ERROR_INVALID_HANDLE, W32_SENTINEL);
}

WT_MAIN(open_keys, query_values, get_value, tcpip_parameters, enum_values, writes_refused)
