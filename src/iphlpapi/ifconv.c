/* Interface identifiers: index <-> LUID <-> name <-> GUID (ConvertInterface*),
 * if_nametoindex / if_indextoname.  See iphlp.h for what each identity is.
 * The codes for bad arguments are Windows' (Wine's tests): the A and W
 * forms differ for a NULL name, and a zero length is ERROR_NOT_ENOUGH_MEMORY
 * whatever the LUID. */
#include "iphlp.h"
#include <string.h>
#include <wchar.h>

/* The link behind a LUID, or the Win32 code for why not (an unknown LUID is
 * ERROR_FILE_NOT_FOUND, as for ConvertInterfaceLuidToIndex on Windows). */
static DWORD luid_link(struct ws_call *c, const NET_LUID *luid, struct iph_link *l)
{
    int e = iph_link_by_luid(luid->Value, l);
    if (!e)
        return NO_ERROR;
    if (e == ENODEV)
        return ERROR_FILE_NOT_FOUND;
    ws_fail_errno32(c, "netlink", e);
    return (DWORD)c->err;
}

WS2P_EXPORT DWORD ConvertInterfaceIndexToLuid(NET_IFINDEX index, NET_LUID *luid)
{
    struct ws_call c = WS_CALL32("ConvertInterfaceIndexToLuid");
    DWORD rc = NO_ERROR;
    struct iph_link l;
    if (ws_bad_ptr(luid)) {
        rc = ERROR_INVALID_PARAMETER;
    } else {
        luid->Value = 0;
        int e = iph_link_get((int)index, NULL, &l);
        if (!e)
            luid->Value = iph_luid(&l);
        else if (e == ENODEV)
            rc = ERROR_FILE_NOT_FOUND;
        else
            ws_fail_errno32(&c, "netlink", e), rc = (DWORD)c.err;
    }
    return WS_EXIT_RC(&c, rc, "index=%lu luid=%#llx", (unsigned long)index,
                      rc == NO_ERROR ? (unsigned long long)luid->Value : 0ull);
}

WS2P_EXPORT DWORD ConvertInterfaceLuidToIndex(const NET_LUID *luid, NET_IFINDEX *index)
{
    struct ws_call c = WS_CALL32("ConvertInterfaceLuidToIndex");
    DWORD rc;
    struct iph_link l;
    if (ws_bad_ptr(luid) || ws_bad_ptr(index)) {
        rc = ERROR_INVALID_PARAMETER;
    } else {
        rc = luid_link(&c, luid, &l);
        *index = rc == NO_ERROR ? (NET_IFINDEX)l.index : 0;
    }
    return WS_EXIT_RC(&c, rc, "luid=%#llx index=%lu", ws_bad_ptr(luid) ? 0ull : (unsigned long long)luid->Value,
                      rc == NO_ERROR ? (unsigned long)*index : 0ul);
}

WS2P_EXPORT DWORD ConvertInterfaceLuidToGuid(const NET_LUID *luid, GUID *guid)
{
    struct ws_call c = WS_CALL32("ConvertInterfaceLuidToGuid");
    DWORD rc;
    struct iph_link l;
    if (ws_bad_ptr(luid) || ws_bad_ptr(guid)) {
        rc = ERROR_INVALID_PARAMETER;
    } else if ((rc = luid_link(&c, luid, &l)) == NO_ERROR) {
        iph_guid(l.name, guid);
    } else {
        memset(guid, 0, sizeof *guid);
    }
    return WS_EXIT_RC(&c, rc, "luid=%#llx", ws_bad_ptr(luid) ? 0ull : (unsigned long long)luid->Value);
}

WS2P_EXPORT DWORD ConvertInterfaceGuidToLuid(const GUID *guid, NET_LUID *luid)
{
    struct ws_call c = WS_CALL32("ConvertInterfaceGuidToLuid");
    DWORD rc = NO_ERROR;
    struct iph_link l;
    char name[IFNAMSIZ];
    if (ws_bad_ptr(guid) || ws_bad_ptr(luid)) {
        rc = ERROR_INVALID_PARAMETER;
    } else if (!iph_guid_name(guid, name)) {
        rc = ERROR_FILE_NOT_FOUND;
    } else {
        int e = iph_link_get(0, name, &l);
        if (!e)
            luid->Value = iph_luid(&l);
        else if (e == ENODEV)
            rc = ERROR_FILE_NOT_FOUND;
        else
            ws_fail_errno32(&c, "netlink", e), rc = (DWORD)c.err;
    }
    return WS_EXIT_RC(&c, rc, "guid=%p luid=%#llx", (const void *)guid,
                      rc == NO_ERROR ? (unsigned long long)luid->Value : 0ull);
}

WS2P_EXPORT DWORD ConvertInterfaceLuidToNameA(const NET_LUID *luid, char *name, SIZE_T len)
{
    struct ws_call c = WS_CALL32("ConvertInterfaceLuidToNameA");
    DWORD rc;
    struct iph_link l;
    if (ws_bad_ptr(luid))
        rc = ERROR_INVALID_PARAMETER;
    else if (ws_bad_ptr(name) || !len) /* Windows: a NULL name is a zero-length one here */
        rc = ERROR_NOT_ENOUGH_MEMORY;
    else if ((rc = luid_link(&c, luid, &l)) == NO_ERROR && strlen(l.name) + 1 > len)
        rc = ERROR_NOT_ENOUGH_MEMORY;
    else if (rc == NO_ERROR)
        memcpy(name, l.name, strlen(l.name) + 1);
    return WS_EXIT_RC(&c, rc, "luid=%#llx name=\"%s\" len=%zu", ws_bad_ptr(luid) ? 0ull : (unsigned long long)luid->Value,
                      rc == NO_ERROR ? name : "", (size_t)len);
}

WS2P_EXPORT DWORD ConvertInterfaceLuidToNameW(const NET_LUID *luid, WCHAR *name, SIZE_T len)
{
    struct ws_call c = WS_CALL32("ConvertInterfaceLuidToNameW");
    DWORD rc;
    struct iph_link l;
    if (ws_bad_ptr(luid) || ws_bad_ptr(name))
        rc = ERROR_INVALID_PARAMETER;
    else if (!len)
        rc = ERROR_NOT_ENOUGH_MEMORY;
    else if ((rc = luid_link(&c, luid, &l)) == NO_ERROR && iph_to_w(l.name, NULL) + 1 > len)
        rc = ERROR_NOT_ENOUGH_MEMORY;
    else if (rc == NO_ERROR)
        iph_to_w(l.name, name);
    return WS_EXIT_RC(&c, rc, "luid=%#llx len=%zu", ws_bad_ptr(luid) ? 0ull : (unsigned long long)luid->Value,
                      (size_t)len);
}

static DWORD name_to_luid(struct ws_call *c, const char *name, NET_LUID *luid)
{
    struct iph_link l;
    int e = iph_link_get(0, name, &l);
    if (!e) {
        luid->Value = iph_luid(&l);
        return NO_ERROR;
    }
    if (e == ENODEV)
        return ERROR_INVALID_NAME;
    ws_fail_errno32(c, "netlink", e);
    return (DWORD)c->err;
}

WS2P_EXPORT DWORD ConvertInterfaceNameToLuidA(const char *name, NET_LUID *luid)
{
    struct ws_call c = WS_CALL32("ConvertInterfaceNameToLuidA");
    DWORD rc;
    if (ws_bad_ptr(name))
        rc = ERROR_INVALID_NAME; /* before the LUID is looked at (Wine's tests) */
    else if (ws_bad_ptr(luid))
        rc = ERROR_INVALID_PARAMETER;
    else if (strnlen(name, IF_MAX_STRING_SIZE + 1) > IF_MAX_STRING_SIZE)
        rc = ERROR_BUFFER_OVERFLOW;
    else
        rc = name_to_luid(&c, name, luid);
    return WS_EXIT_RC(&c, rc, "name=\"%.64s\"", ws_bad_ptr(name) ? "(null)" : name);
}

WS2P_EXPORT DWORD ConvertInterfaceNameToLuidW(const WCHAR *name, NET_LUID *luid)
{
    struct ws_call c = WS_CALL32("ConvertInterfaceNameToLuidW");
    DWORD rc;
    char u8[IF_MAX_STRING_SIZE * 4 + 1];
    if (ws_bad_ptr(luid)) {
        rc = ERROR_INVALID_PARAMETER;
    } else if (ws_bad_ptr(name)) {
        luid->Value = 0; /* Windows clears it (Wine's tests) */
        rc = ERROR_INVALID_NAME;
    } else if (wcsnlen(name, IF_MAX_STRING_SIZE + 1) > IF_MAX_STRING_SIZE || !iph_from_w(name, u8, sizeof u8)) {
        rc = ERROR_INVALID_NAME;
    } else {
        rc = name_to_luid(&c, u8, luid);
    }
    return WS_EXIT_RC(&c, rc, "name=%p", (const void *)name);
}

/* libc has these two: ours are ws2p_if_nametoindex / ws2p_if_indextoname
 * (netioapi.h binds the Windows names to them), and they call libc's. */
WS2P_EXPORT NET_IFINDEX ws2p_if_nametoindex(const char *name)
{
    struct ws_call c = WS_CALL32("if_nametoindex");
    NET_IFINDEX index = ws_bad_ptr(name) ? 0 : if_nametoindex(name);
    return WS_EXIT32(&c, index, "name=\"%.64s\"", ws_bad_ptr(name) ? "(null)" : name);
}

WS2P_EXPORT char *ws2p_if_indextoname(NET_IFINDEX index, char *name)
{
    struct ws_call c = WS_CALL32("if_indextoname");
    char tmp[IF_NAMESIZE];
    char *ret = NULL;
    if (!ws_bad_ptr(name) && index && if_indextoname(index, tmp)) {
        memcpy(name, tmp, strlen(tmp) + 1);
        ret = name;
    }
    (void)WS_EXIT32(&c, ret != NULL, "index=%lu name=\"%s\"", (unsigned long)index, ret ? ret : "");
    return ret;
}
