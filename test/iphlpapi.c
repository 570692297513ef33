/*
 * IP Helper: adapters (GetAdaptersAddresses, GetAdaptersInfo,
 * GetNetworkParams), identifier conversions (ConvertInterface*,
 * if_nametoindex/if_indextoname), tables (GetIfTable2, GetIfEntry2,
 * GetUnicastIpAddressTable/Entry, GetIpAddrTable, GetIpForwardTable2),
 * route lookup (GetBestRoute2, GetBestInterface(Ex)) and change
 * notifications, checked against the machine's real loopback interface.
 * The expected codes are Windows' (Wine's dlls/iphlpapi/tests/iphlpapi.c,
 * Microsoft's pages; /work/ref/notes-iphlpapi.md).  These functions return
 * their error and leave the last error alone: every call is made with the
 * last error set to a sentinel that must survive.
 */
#include "wstest.h"
#include <iphlpapi.h>
#include <wchar.h>

#define W32_SENTINEL 0xdeadbeefu
#define expect_rc(call, want)                                                                              \
    do {                                                                                                   \
        SetLastError(W32_SENTINEL);                                                                        \
        DWORD r_ = (DWORD)(call);                                                                          \
        DWORD e_ = GetLastError();                                                                         \
        ok(r_ == (DWORD)(want) && e_ == W32_SENTINEL, "%s: returned %lu (want %lu), last error %#lx", #call, \
           (unsigned long)r_, (unsigned long)(DWORD)(want), (unsigned long)e_);                            \
    } while (0)

static IP_ADAPTER_ADDRESSES *gaa(ULONG family, ULONG flags)
{
    ULONG size = 0;
    expect_rc(GetAdaptersAddresses(family, flags, NULL, NULL, &size), ERROR_BUFFER_OVERFLOW);
    IP_ADAPTER_ADDRESSES *list = malloc(size);
    expect_rc(GetAdaptersAddresses(family, flags, NULL, list, &size), NO_ERROR);
    return list;
}

static IP_ADAPTER_ADDRESSES *find_loopback(IP_ADAPTER_ADDRESSES *list)
{
    for (IP_ADAPTER_ADDRESSES *a = list; a; a = a->Next)
        if (a->IfType == IF_TYPE_SOFTWARE_LOOPBACK)
            return a;
    return NULL;
}

/* The loopback interface's index and LUID (from GetAdaptersAddresses). */
static NET_IFINDEX loopback_index(NET_LUID *luid)
{
    IP_ADAPTER_ADDRESSES *list = gaa(AF_UNSPEC, 0), *lo = find_loopback(list);
    NET_IFINDEX index = lo ? lo->IfIndex : 0;
    if (luid)
        luid->Value = lo ? lo->Luid.Value : 0;
    ok(lo != NULL, "no loopback adapter");
    free(list);
    return index;
}

static BOOL is_v4_loopback(const SOCKADDR *sa)
{
    return sa->sa_family == AF_INET && ((const SOCKADDR_IN *)sa)->sin_addr.s_addr == htonl(INADDR_LOOPBACK);
}
static BOOL is_v6_loopback(const SOCKADDR *sa)
{
    return sa->sa_family == AF_INET6 && IN6_IS_ADDR_LOOPBACK(&((const SOCKADDR_IN6 *)sa)->sin6_addr);
}

static BOOL same_text(const char *a, const char *b) /* case-insensitive */
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'a' && *a <= 'z' ? (char)(*a - 32) : *a, y = *b >= 'a' && *b <= 'z' ? (char)(*b - 32) : *b;
        if (x != y)
            return FALSE;
    }
    return *a == *b;
}

static void guid_text(const GUID *g, char out[39])
{
    snprintf(out, 39, "{%08lX-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}", (unsigned long)g->Data1, g->Data2,
             g->Data3, g->Data4[0], g->Data4[1], g->Data4[2], g->Data4[3], g->Data4[4], g->Data4[5], g->Data4[6],
             g->Data4[7]);
}

/* ---- GetAdaptersAddresses ------------------------------------------------ */
WT_CASE(gaa_size_protocol)
{
    ULONG size, osize;
    expect_rc(GetAdaptersAddresses(AF_UNSPEC, 0, NULL, NULL, NULL), ERROR_INVALID_PARAMETER);
    size = 100;
    expect_rc(GetAdaptersAddresses(AF_IPX, 0, NULL, NULL, &size), ERROR_INVALID_PARAMETER);
    ok(size == 100, "size changed to %lu by a bad family", (unsigned long)size);
    /* A NULL buffer's size is ignored and overwritten. */
    size = 0x7fffffff;
    expect_rc(GetAdaptersAddresses(AF_UNSPEC, 0, NULL, NULL, &size), ERROR_BUFFER_OVERFLOW);
    ok(size != 0x7fffffff && size >= sizeof(IP_ADAPTER_ADDRESSES_LH), "needed size %lu", (unsigned long)size);
    /* GAA_FLAG_SKIP_FRIENDLY_NAME does not change it. */
    osize = 0x7fffffff;
    expect_rc(GetAdaptersAddresses(AF_UNSPEC, GAA_FLAG_SKIP_FRIENDLY_NAME, NULL, NULL, &osize), ERROR_BUFFER_OVERFLOW);
    ok(osize == size, "size %lu with SKIP_FRIENDLY_NAME, %lu without", (unsigned long)osize, (unsigned long)size);
    /* One byte short: the size needed again. */
    char *buf = malloc(size * 2);
    osize = size - 1;
    expect_rc(GetAdaptersAddresses(AF_UNSPEC, 0, NULL, (IP_ADAPTER_ADDRESSES *)buf, &osize), ERROR_BUFFER_OVERFLOW);
    ok(osize == size, "short buffer: size %lu, want %lu", (unsigned long)osize, (unsigned long)size);
    osize = size;
    expect_rc(GetAdaptersAddresses(AF_UNSPEC, 0, NULL, (IP_ADAPTER_ADDRESSES *)buf, &osize), NO_ERROR);
    /* A larger size is not lowered; everything lies inside the buffer. */
    osize = size * 2;
    expect_rc(GetAdaptersAddresses(AF_UNSPEC, 0, NULL, (IP_ADAPTER_ADDRESSES *)buf, &osize), NO_ERROR);
    ok(osize == size * 2, "size %lu after success, want it unchanged (%lu)", (unsigned long)osize,
       (unsigned long)size * 2);
    for (IP_ADAPTER_ADDRESSES *a = (IP_ADAPTER_ADDRESSES *)buf; a; a = a->Next) {
        ok((char *)a >= buf && (char *)a < buf + size, "adapter outside the buffer");
        ok(a->AdapterName >= buf && a->AdapterName < buf + size, "AdapterName outside the buffer");
        for (IP_ADAPTER_UNICAST_ADDRESS *u = a->FirstUnicastAddress; u; u = u->Next)
            ok((char *)u->Address.lpSockaddr >= buf && (char *)u->Address.lpSockaddr < buf + size,
               "sockaddr outside the buffer");
    }
    free(buf);
}

WT_CASE(gaa_loopback_adapter)
{
    IP_ADAPTER_ADDRESSES *list = gaa(AF_UNSPEC, 0), *lo = find_loopback(list);
    ok(lo != NULL, "no adapter of type IF_TYPE_SOFTWARE_LOOPBACK");
    if (!lo) {
        free(list);
        return;
    }
    ok(lo->Length == sizeof(IP_ADAPTER_ADDRESSES_LH), "Length %lu", (unsigned long)lo->Length);
    ok(lo->OperStatus == IfOperStatusUp, "OperStatus %d", lo->OperStatus);
    ok(lo->Luid.Info.IfType == IF_TYPE_SOFTWARE_LOOPBACK && !lo->Luid.Info.Reserved, "Luid %#llx",
       (unsigned long long)lo->Luid.Value);
    ok(lo->Ipv4Enabled && lo->Ipv6Enabled, "Flags %#lx", (unsigned long)lo->Flags);
    ok(lo->Ipv6IfIndex == lo->IfIndex, "Ipv6IfIndex %lu, IfIndex %lu", (unsigned long)lo->Ipv6IfIndex,
       (unsigned long)lo->IfIndex);
    ok(lo->DnsSuffix && lo->Description && lo->FriendlyName, "NULL strings");
    ok(lo->Mtu > 0, "Mtu %lu", (unsigned long)lo->Mtu);
    /* AdapterName is the braced GUID of the LUID. */
    GUID g;
    char text[39];
    expect_rc(ConvertInterfaceLuidToGuid(&lo->Luid, &g), NO_ERROR);
    guid_text(&g, text);
    ok(same_text(lo->AdapterName, text), "AdapterName %s, GUID %s", lo->AdapterName, text);
    /* The index is the one if_nametoindex gives for its name. */
    char name[IF_MAX_STRING_SIZE + 1];
    expect_rc(ConvertInterfaceLuidToNameA(&lo->Luid, name, sizeof name), NO_ERROR);
    ok(if_nametoindex(name) == lo->IfIndex, "if_nametoindex(%s) %lu, IfIndex %lu", name,
       (unsigned long)if_nametoindex(name), (unsigned long)lo->IfIndex);
#ifdef __WS2POSIX__
    ok(!strcmp(name, "lo") && !wcscmp(lo->FriendlyName, L"lo"), "loopback named %s / %ls (want lo)", name,
       lo->FriendlyName);
#endif
    BOOL v4 = FALSE, v6 = FALSE;
    for (IP_ADAPTER_UNICAST_ADDRESS *u = lo->FirstUnicastAddress; u; u = u->Next) {
        ok(u->Length == sizeof(IP_ADAPTER_UNICAST_ADDRESS_LH), "unicast Length %lu", (unsigned long)u->Length);
        ok(u->PrefixOrigin != IpPrefixOriginOther && u->SuffixOrigin != IpSuffixOriginOther, "origins %d/%d",
           u->PrefixOrigin, u->SuffixOrigin);
        ok(u->DadState == IpDadStatePreferred, "DadState %d", u->DadState);
        ok(u->ValidLifetime && u->PreferredLifetime, "lifetimes %lu/%lu", (unsigned long)u->ValidLifetime,
           (unsigned long)u->PreferredLifetime);
        if (is_v4_loopback(u->Address.lpSockaddr)) {
            v4 = TRUE;
            ok(u->OnLinkPrefixLength == 8, "127.0.0.1/%u", u->OnLinkPrefixLength);
            ok(u->Address.iSockaddrLength == sizeof(SOCKADDR_IN), "IPv4 sockaddr length %d", u->Address.iSockaddrLength);
        }
        if (is_v6_loopback(u->Address.lpSockaddr)) {
            v6 = TRUE;
            ok(u->OnLinkPrefixLength == 128, "::1/%u", u->OnLinkPrefixLength);
            ok(u->Address.iSockaddrLength == sizeof(SOCKADDR_IN6), "IPv6 sockaddr length %d", u->Address.iSockaddrLength);
        }
    }
    ok(v4 && v6, "loopback addresses: 127.0.0.1 %d, ::1 %d", v4, v6);
    free(list);
}

/* Family picks the addresses (AF_INET6 is 23 in the sockaddrs too). */
WT_CASE(gaa_family_filter)
{
    static const ULONG fams[] = {AF_INET, AF_INET6};
    for (int i = 0; i < 2; i++) {
        IP_ADAPTER_ADDRESSES *list = gaa(fams[i], GAA_FLAG_INCLUDE_PREFIX), *lo = find_loopback(list);
        BOOL found = FALSE;
        for (IP_ADAPTER_ADDRESSES *a = list; a; a = a->Next) {
            for (IP_ADAPTER_UNICAST_ADDRESS *u = a->FirstUnicastAddress; u; u = u->Next)
                ok(u->Address.lpSockaddr->sa_family == fams[i], "family %lu: a unicast of family %u",
                   (unsigned long)fams[i], u->Address.lpSockaddr->sa_family);
            for (IP_ADAPTER_PREFIX *p = a->FirstPrefix; p; p = p->Next)
                ok(p->Address.lpSockaddr->sa_family == fams[i], "family %lu: a prefix of family %u",
                   (unsigned long)fams[i], p->Address.lpSockaddr->sa_family);
        }
        for (IP_ADAPTER_UNICAST_ADDRESS *u = lo ? lo->FirstUnicastAddress : NULL; u; u = u->Next)
            found |= fams[i] == AF_INET ? is_v4_loopback(u->Address.lpSockaddr) : is_v6_loopback(u->Address.lpSockaddr);
        ok(found, "family %lu: the loopback address is missing", (unsigned long)fams[i]);
        free(list);
    }
}

WT_CASE(gaa_flags)
{
    IP_ADAPTER_ADDRESSES *list = gaa(AF_UNSPEC, GAA_FLAG_SKIP_UNICAST | GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST |
                                                    GAA_FLAG_SKIP_DNS_SERVER);
    for (IP_ADAPTER_ADDRESSES *a = list; a; a = a->Next)
        ok(!a->FirstUnicastAddress && !a->FirstAnycastAddress && !a->FirstMulticastAddress &&
               !a->FirstDnsServerAddress && !a->FirstPrefix && !a->FirstGatewayAddress,
           "adapter %lu still has lists", (unsigned long)a->IfIndex);
    free(list);
    /* The prefix list: 127.0.0.0/8 on loopback; loopback has no gateway. */
    list = gaa(AF_INET, GAA_FLAG_INCLUDE_PREFIX | GAA_FLAG_INCLUDE_GATEWAYS);
    IP_ADAPTER_ADDRESSES *lo = find_loopback(list);
    BOOL net = FALSE;
    for (IP_ADAPTER_PREFIX *p = lo ? lo->FirstPrefix : NULL; p; p = p->Next) {
        const SOCKADDR_IN *sin = (const SOCKADDR_IN *)p->Address.lpSockaddr;
        ok(p->Length == sizeof(IP_ADAPTER_PREFIX_XP), "prefix Length %lu", (unsigned long)p->Length);
        net |= p->PrefixLength == 8 && sin->sin_addr.s_addr == htonl(0x7f000000);
    }
    ok(net, "no 127.0.0.0/8 prefix on loopback");
    ok(lo && !lo->FirstGatewayAddress, "loopback has a gateway");
    free(list);
}

/* What GetAdaptersAddresses says of an address, GetUnicastIpAddressEntry
 * says too (Wine's test_GetUnicastIpAddressEntry). */
WT_CASE(gaa_matches_unicast_entry)
{
    IP_ADAPTER_ADDRESSES *list = gaa(AF_UNSPEC, 0);
    int n = 0;
    for (IP_ADAPTER_ADDRESSES *a = list; a; a = a->Next)
        for (IP_ADAPTER_UNICAST_ADDRESS *u = a->FirstUnicastAddress; u; u = u->Next) {
            MIB_UNICASTIPADDRESS_ROW row;
            memset(&row, 0, sizeof row);
            row.InterfaceLuid = a->Luid;
            memcpy(&row.Address, u->Address.lpSockaddr, u->Address.iSockaddrLength);
            expect_rc(GetUnicastIpAddressEntry(&row), NO_ERROR);
            memset(&row, 0, sizeof row);
            row.InterfaceIndex = a->IfIndex;
            memcpy(&row.Address, u->Address.lpSockaddr, u->Address.iSockaddrLength);
            expect_rc(GetUnicastIpAddressEntry(&row), NO_ERROR);
            ok(row.InterfaceLuid.Value == a->Luid.Value && row.InterfaceIndex == a->IfIndex, "interface");
            ok(row.PrefixOrigin == u->PrefixOrigin && row.SuffixOrigin == u->SuffixOrigin, "origins");
            ok(row.ValidLifetime == u->ValidLifetime && row.PreferredLifetime == u->PreferredLifetime, "lifetimes");
            ok(row.OnLinkPrefixLength == u->OnLinkPrefixLength, "prefix length %u / %u", row.OnLinkPrefixLength,
               u->OnLinkPrefixLength);
            ok(!row.SkipAsSource && row.DadState == u->DadState, "SkipAsSource %d DadState %d", row.SkipAsSource,
               row.DadState);
            if (row.Address.si_family == AF_INET6)
                ok(row.ScopeId.Value == row.Address.Ipv6.sin6_scope_id, "ScopeId %lu, sin6_scope_id %lu",
                   (unsigned long)row.ScopeId.Value, (unsigned long)row.Address.Ipv6.sin6_scope_id);
            ok(row.CreationTimeStamp.QuadPart != 0, "CreationTimeStamp is 0");
            n++;
        }
    ok(n >= 2, "%d unicast addresses", n);
    free(list);
}

WT_CASE(unicast_entry_errors)
{
    NET_LUID lo_luid;
    NET_IFINDEX lo = loopback_index(&lo_luid);
    MIB_UNICASTIPADDRESS_ROW row;
    expect_rc(GetUnicastIpAddressEntry(NULL), ERROR_INVALID_PARAMETER);
    memset(&row, 0, sizeof row);
    expect_rc(GetUnicastIpAddressEntry(&row), ERROR_INVALID_PARAMETER);
    memset(&row, 0, sizeof row);
    row.Address.Ipv4.sin_family = AF_INET;
    row.Address.Ipv4.sin_addr.s_addr = htonl(0x01020304);
    expect_rc(GetUnicastIpAddressEntry(&row), ERROR_FILE_NOT_FOUND); /* no interface */
    memset(&row, 0, sizeof row);
    row.InterfaceIndex = lo;
    expect_rc(GetUnicastIpAddressEntry(&row), ERROR_INVALID_PARAMETER); /* no address */
    row.Address.Ipv4.sin_family = AF_INET;
    row.Address.Ipv4.sin_addr.s_addr = htonl(0x01020304);
    expect_rc(GetUnicastIpAddressEntry(&row), ERROR_NOT_FOUND); /* not on that interface */
    row.InterfaceIndex = 0x7ffff0;
    expect_rc(GetUnicastIpAddressEntry(&row), ERROR_FILE_NOT_FOUND);
    row.InterfaceIndex = lo;
    row.Address.Ipv4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    expect_rc(GetUnicastIpAddressEntry(&row), NO_ERROR);
    ok(row.InterfaceLuid.Value == lo_luid.Value && row.OnLinkPrefixLength == 8, "127.0.0.1: luid %#llx /%u",
       (unsigned long long)row.InterfaceLuid.Value, row.OnLinkPrefixLength);
}

/* ---- GetAdaptersInfo, GetNetworkParams, GetNumberOfInterfaces ------------ */
WT_CASE(adapters_info)
{
    ULONG len = 0;
    expect_rc(GetAdaptersInfo(NULL, NULL), ERROR_INVALID_PARAMETER);
    SetLastError(W32_SENTINEL);
    DWORD err = GetAdaptersInfo(NULL, &len);
    ok((err == ERROR_BUFFER_OVERFLOW || err == ERROR_NO_DATA) && GetLastError() == W32_SENTINEL,
       "GetAdaptersInfo(NULL, &len) %lu", (unsigned long)err);
    if (err != ERROR_BUFFER_OVERFLOW)
        return;
    IP_ADAPTER_INFO *buf = malloc(len);
    ULONG small = sizeof(IP_ADAPTER_INFO) - 1;
    expect_rc(GetAdaptersInfo(buf, &small), ERROR_BUFFER_OVERFLOW);
    ok(small == len, "short buffer: size %lu, want %lu", (unsigned long)small, (unsigned long)len);
    expect_rc(GetAdaptersInfo(buf, &len), NO_ERROR);
    for (IP_ADAPTER_INFO *p = buf; p; p = p->Next) {
        NET_LUID luid;
        GUID g;
        char text[39];
        ok(p->Type != MIB_IF_TYPE_LOOPBACK, "GetAdaptersInfo lists loopback (%s)", p->AdapterName);
        expect_rc(ConvertInterfaceIndexToLuid(p->Index, &luid), NO_ERROR);
        expect_rc(ConvertInterfaceLuidToGuid(&luid, &g), NO_ERROR);
        guid_text(&g, text);
        ok(!strcmp(p->AdapterName, text), "AdapterName %s, want %s", p->AdapterName, text);
        ok(p->Type == luid.Info.IfType, "Type %u, LUID type %u", p->Type, (unsigned)luid.Info.IfType);
        ok(p->IpAddressList.IpAddress.String[0] && p->IpAddressList.IpMask.String[0], "empty address");
        ok(p->GatewayList.IpAddress.String[0] && p->GatewayList.IpMask.String[0], "empty gateway");
    }
    free(buf);
}

WT_CASE(network_params)
{
    ULONG len = 0;
    expect_rc(GetNetworkParams(NULL, NULL), ERROR_INVALID_PARAMETER);
    expect_rc(GetNetworkParams(NULL, &len), ERROR_BUFFER_OVERFLOW);
    ok(len >= sizeof(FIXED_INFO), "size %lu", (unsigned long)len);
    FIXED_INFO *fi = malloc(len);
    expect_rc(GetNetworkParams(fi, &len), NO_ERROR);
    char host[256];
    ok(gethostname(host, sizeof host) == 0, "gethostname");
    char *dot = strchr(host, '.');
    if (dot)
        *dot = 0;
    ok(!strcmp(fi->HostName, host), "HostName %s, gethostname %s", fi->HostName, host);
    free(fi);
}

WT_CASE(number_of_interfaces)
{
    DWORD n = 0;
    expect_rc(GetNumberOfInterfaces(&n), NO_ERROR);
    MIB_IF_TABLE2 *t = NULL;
    expect_rc(GetIfTable2(&t), NO_ERROR);
    ok(n >= 1 && t && n == t->NumEntries, "%lu interfaces, %lu in GetIfTable2", (unsigned long)n,
       t ? (unsigned long)t->NumEntries : 0ul);
    FreeMibTable(t);
}

/* ---- identifiers (Wine's test_interface_identifier_conversion) ----------- */
WT_CASE(identifier_conversions)
{
    MIB_IF_TABLE2 *table = NULL;
    expect_rc(GetIfTable2(&table), NO_ERROR);
    for (ULONG i = 0; table && i < table->NumEntries; i++) {
        MIB_IF_ROW2 *row = &table->Table[i];
        NET_LUID luid;
        NET_IFINDEX index;
        GUID guid;
        WCHAR nameW[IF_MAX_STRING_SIZE + 1];
        char nameA[IF_MAX_STRING_SIZE + 1], got[IF_MAX_STRING_SIZE + 1];

        memset(&luid, 0xff, sizeof luid);
        expect_rc(ConvertInterfaceIndexToLuid(0, &luid), ERROR_FILE_NOT_FOUND);
        ok(luid.Value == 0, "LUID %#llx after a failed conversion", (unsigned long long)luid.Value);
        expect_rc(ConvertInterfaceIndexToLuid(row->InterfaceIndex, &luid), NO_ERROR);
        ok(luid.Value == row->InterfaceLuid.Value, "index %lu: LUID %#llx, row %#llx", (unsigned long)row->InterfaceIndex,
           (unsigned long long)luid.Value, (unsigned long long)row->InterfaceLuid.Value);

        expect_rc(ConvertInterfaceLuidToIndex(&luid, NULL), ERROR_INVALID_PARAMETER);
        expect_rc(ConvertInterfaceLuidToIndex(&luid, &index), NO_ERROR);
        ok(index == row->InterfaceIndex, "index %lu, want %lu", (unsigned long)index, (unsigned long)row->InterfaceIndex);

        memset(&guid, 0xff, sizeof guid);
        expect_rc(ConvertInterfaceLuidToGuid(NULL, &guid), ERROR_INVALID_PARAMETER);
        ok(guid.Data1 == 0xffffffff, "guid written");
        expect_rc(ConvertInterfaceLuidToGuid(&luid, NULL), ERROR_INVALID_PARAMETER);
        expect_rc(ConvertInterfaceLuidToGuid(&luid, &guid), NO_ERROR);
        ok(!memcmp(&guid, &row->InterfaceGuid, sizeof guid), "GUID differs from the row's");

        luid.Info.NetLuidIndex = 1;
        expect_rc(ConvertInterfaceGuidToLuid(NULL, &luid), ERROR_INVALID_PARAMETER);
        ok(luid.Info.NetLuidIndex == 1, "LUID written");
        expect_rc(ConvertInterfaceGuidToLuid(&guid, NULL), ERROR_INVALID_PARAMETER);
        luid.Value = 0;
        expect_rc(ConvertInterfaceGuidToLuid(&guid, &luid), NO_ERROR);
        ok(luid.Value == row->InterfaceLuid.Value, "GUID -> LUID %#llx", (unsigned long long)luid.Value);

        expect_rc(ConvertInterfaceLuidToNameW(&luid, NULL, 0), ERROR_INVALID_PARAMETER);
        expect_rc(ConvertInterfaceLuidToNameW(&luid, nameW, 0), ERROR_NOT_ENOUGH_MEMORY);
        expect_rc(ConvertInterfaceLuidToNameW(&luid, nameW, 1), ERROR_NOT_ENOUGH_MEMORY);
        expect_rc(ConvertInterfaceLuidToNameW(&luid, nameW, ARRAYSIZE(nameW)), NO_ERROR);
        expect_rc(ConvertInterfaceLuidToNameA(&luid, NULL, 0), ERROR_NOT_ENOUGH_MEMORY);
        expect_rc(ConvertInterfaceLuidToNameA(&luid, nameA, 0), ERROR_NOT_ENOUGH_MEMORY);
        nameA[0] = 0;
        expect_rc(ConvertInterfaceLuidToNameA(&luid, nameA, sizeof nameA), NO_ERROR);
        ok(nameA[0] != 0, "name not set");

        memset(&luid, 0xff, sizeof luid);
        expect_rc(ConvertInterfaceNameToLuidW(NULL, &luid), ERROR_INVALID_NAME);
        ok(!luid.Info.Reserved && !luid.Info.IfType, "LUID %#llx after a NULL name", (unsigned long long)luid.Value);
        expect_rc(ConvertInterfaceNameToLuidW(nameW, NULL), ERROR_INVALID_PARAMETER);
        expect_rc(ConvertInterfaceNameToLuidW(nameW, &luid), NO_ERROR);
        ok(luid.Value == row->InterfaceLuid.Value, "W name -> LUID %#llx", (unsigned long long)luid.Value);
        luid.Value = 0x1234;
        expect_rc(ConvertInterfaceNameToLuidA(NULL, &luid), ERROR_INVALID_NAME);
        ok(luid.Value == 0x1234, "LUID written after a NULL name");
        expect_rc(ConvertInterfaceNameToLuidA(nameA, NULL), ERROR_INVALID_PARAMETER);
        expect_rc(ConvertInterfaceNameToLuidA(nameA, &luid), NO_ERROR);
        ok(luid.Value == row->InterfaceLuid.Value, "A name -> LUID %#llx", (unsigned long long)luid.Value);

        ok(if_nametoindex(nameA) == row->InterfaceIndex, "if_nametoindex(%s) %lu, want %lu", nameA,
           (unsigned long)if_nametoindex(nameA), (unsigned long)row->InterfaceIndex);
        ok(!if_nametoindex("{00000001-0000-0000-0000-000000000000}"), "a GUID string has an index");
        guid_text(&guid, got);
        ok(!if_nametoindex(got), "the interface's GUID string %s has an index", got);
        got[0] = 0;
        ok(if_indextoname(row->InterfaceIndex, got) == got && !strcmp(got, nameA), "if_indextoname %s, want %s", got,
           nameA);
    }
    FreeMibTable(table);
}

WT_CASE(identifier_failures)
{
    NET_LUID luid;
    NET_IFINDEX index;
    GUID guid;
    WCHAR nameW[IF_MAX_STRING_SIZE + 1];
    char nameA[IF_MAX_STRING_SIZE + 1], longname[IF_MAX_STRING_SIZE + 10];
    static const GUID zero;
    expect_rc(ConvertInterfaceIndexToLuid(0, NULL), ERROR_INVALID_PARAMETER);
    expect_rc(ConvertInterfaceIndexToLuid((NET_IFINDEX)-1, &luid), ERROR_FILE_NOT_FOUND);
    expect_rc(ConvertInterfaceLuidToIndex(NULL, NULL), ERROR_INVALID_PARAMETER);
    expect_rc(ConvertInterfaceLuidToIndex(NULL, &index), ERROR_INVALID_PARAMETER);
    luid.Value = (ULONG64)-1;
    index = (NET_IFINDEX)-1;
    expect_rc(ConvertInterfaceLuidToIndex(&luid, &index), ERROR_FILE_NOT_FOUND);
    ok(index == 0, "index %lu after a failed conversion", (unsigned long)index);
    expect_rc(ConvertInterfaceLuidToGuid(NULL, NULL), ERROR_INVALID_PARAMETER);
    memset(&guid, 0xff, sizeof guid);
    expect_rc(ConvertInterfaceLuidToGuid(&luid, &guid), ERROR_FILE_NOT_FOUND);
    ok(!memcmp(&guid, &zero, sizeof guid), "GUID not cleared");
    expect_rc(ConvertInterfaceGuidToLuid(NULL, NULL), ERROR_INVALID_PARAMETER);
    expect_rc(ConvertInterfaceLuidToNameW(NULL, NULL, 0), ERROR_INVALID_PARAMETER);
    memset(nameW, 0, sizeof nameW);
    expect_rc(ConvertInterfaceLuidToNameW(NULL, nameW, 0), ERROR_INVALID_PARAMETER);
    ok(!nameW[0], "nameW written");
    expect_rc(ConvertInterfaceLuidToNameA(NULL, NULL, 0), ERROR_INVALID_PARAMETER);
    memset(nameA, 0, sizeof nameA);
    expect_rc(ConvertInterfaceLuidToNameA(NULL, nameA, 0), ERROR_INVALID_PARAMETER);
    ok(!nameA[0], "nameA written");
    expect_rc(ConvertInterfaceNameToLuidW(NULL, NULL), ERROR_INVALID_PARAMETER);
    expect_rc(ConvertInterfaceNameToLuidA(NULL, NULL), ERROR_INVALID_NAME);
    expect_rc(ConvertInterfaceNameToLuidA("ws2p-no-such", &luid), ERROR_INVALID_NAME);
    expect_rc(ConvertInterfaceNameToLuidW(L"ws2p-no-such", &luid), ERROR_INVALID_NAME);
    memset(longname, 'x', sizeof longname - 1);
    longname[sizeof longname - 1] = 0;
    expect_rc(ConvertInterfaceNameToLuidA(longname, &luid), ERROR_BUFFER_OVERFLOW);
    ok(!if_nametoindex(NULL), "if_nametoindex(NULL)");
    ok(!if_nametoindex("ws2p-no-such"), "if_nametoindex of an unknown name");
    ok(if_indextoname(0, NULL) == NULL, "if_indextoname(0, NULL)");
    ok(if_indextoname(0, nameA) == NULL, "if_indextoname(0, buf)");
    ok(if_indextoname(~0u, nameA) == NULL, "if_indextoname(~0u, buf)");
}

/* ---- tables -------------------------------------------------------------- */
WT_CASE(if_entry_and_table)
{
    NET_LUID lo_luid;
    NET_IFINDEX lo = loopback_index(&lo_luid);
    MIB_IF_ROW2 row;
    expect_rc(GetIfEntry2(NULL), ERROR_INVALID_PARAMETER);
    memset(&row, 0, sizeof row);
    expect_rc(GetIfEntry2(&row), ERROR_INVALID_PARAMETER);
    memset(&row, 0, sizeof row);
    row.InterfaceIndex = 0x7ffff0;
    expect_rc(GetIfEntry2(&row), ERROR_FILE_NOT_FOUND);
    memset(&row, 0, sizeof row);
    row.InterfaceIndex = lo;
    expect_rc(GetIfEntry2(&row), NO_ERROR);
    ok(row.InterfaceIndex == lo && row.InterfaceLuid.Value == lo_luid.Value, "index %lu luid %#llx",
       (unsigned long)row.InterfaceIndex, (unsigned long long)row.InterfaceLuid.Value);
    ok(row.Type == IF_TYPE_SOFTWARE_LOOPBACK && row.OperStatus == IfOperStatusUp, "Type %lu OperStatus %d",
       (unsigned long)row.Type, row.OperStatus);
    ok(row.AdminStatus == NET_IF_ADMIN_STATUS_UP && row.MediaConnectState == MediaConnectStateConnected,
       "AdminStatus %d MediaConnectState %d", row.AdminStatus, row.MediaConnectState);
    ok(row.Alias[0] && row.Mtu > 0, "Alias / Mtu");
    /* By LUID alone. */
    MIB_IF_ROW2 byluid;
    memset(&byluid, 0, sizeof byluid);
    byluid.InterfaceLuid = lo_luid;
    expect_rc(GetIfEntry2(&byluid), NO_ERROR);
    ok(byluid.InterfaceIndex == lo && !wcscmp(byluid.Alias, row.Alias), "by LUID: index %lu",
       (unsigned long)byluid.InterfaceIndex);

    MIB_IF_TABLE2 *t = (MIB_IF_TABLE2 *)0x1234;
    expect_rc(GetIfTable2Ex((MIB_IF_TABLE_LEVEL)3, &t), ERROR_INVALID_PARAMETER);
    ok(t == (MIB_IF_TABLE2 *)0x1234, "table written on failure");
    t = NULL;
    expect_rc(GetIfTable2Ex(MibIfTableRaw, &t), NO_ERROR);
    BOOL found = FALSE;
    for (ULONG i = 0; t && i < t->NumEntries; i++)
        found |= t->Table[i].InterfaceIndex == lo && t->Table[i].Type == IF_TYPE_SOFTWARE_LOOPBACK;
    ok(found, "loopback not in the raw table");
    FreeMibTable(t);
    FreeMibTable(NULL); /* Wine's tests free a NULL table */
}

WT_CASE(unicast_table)
{
    MIB_UNICASTIPADDRESS_TABLE *t = NULL, *t4 = NULL, *t6 = NULL;
    expect_rc(GetUnicastIpAddressTable(AF_UNSPEC, NULL), ERROR_INVALID_PARAMETER);
    expect_rc(GetUnicastIpAddressTable(AF_IPX, &t), ERROR_INVALID_PARAMETER);
    expect_rc(GetUnicastIpAddressTable(AF_INET, &t4), NO_ERROR);
    expect_rc(GetUnicastIpAddressTable(AF_INET6, &t6), NO_ERROR);
    expect_rc(GetUnicastIpAddressTable(AF_UNSPEC, &t), NO_ERROR);
    if (!t || !t4 || !t6)
        return;
    ok(t->NumEntries == t4->NumEntries + t6->NumEntries, "%lu entries, %lu IPv4 + %lu IPv6",
       (unsigned long)t->NumEntries, (unsigned long)t4->NumEntries, (unsigned long)t6->NumEntries);
    NET_LUID lo_luid;
    NET_IFINDEX lo = loopback_index(&lo_luid);
    BOOL v4 = FALSE, v6 = FALSE;
    for (ULONG i = 0; i < t4->NumEntries; i++) {
        ok(t4->Table[i].Address.si_family == AF_INET, "AF_INET table: family %u", t4->Table[i].Address.si_family);
        v4 |= is_v4_loopback((const SOCKADDR *)&t4->Table[i].Address) && t4->Table[i].InterfaceIndex == lo &&
              t4->Table[i].InterfaceLuid.Value == lo_luid.Value;
    }
    for (ULONG i = 0; i < t6->NumEntries; i++) {
        ok(t6->Table[i].Address.si_family == AF_INET6, "AF_INET6 table: family %u", t6->Table[i].Address.si_family);
        v6 |= is_v6_loopback((const SOCKADDR *)&t6->Table[i].Address) && t6->Table[i].InterfaceIndex == lo;
    }
    ok(v4 && v6, "loopback rows: 127.0.0.1 %d, ::1 %d", v4, v6);
    FreeMibTable(t);
    FreeMibTable(t4);
    FreeMibTable(t6);
}

WT_CASE(ip_addr_table)
{
    ULONG size = 0;
    expect_rc(GetIpAddrTable(NULL, NULL, FALSE), ERROR_INVALID_PARAMETER);
    expect_rc(GetIpAddrTable(NULL, &size, FALSE), ERROR_INSUFFICIENT_BUFFER);
    MIB_IPADDRTABLE *t = malloc(size);
    expect_rc(GetIpAddrTable(t, &size, TRUE), NO_ERROR);
    NET_IFINDEX lo = loopback_index(NULL);
    BOOL found = FALSE;
    for (DWORD i = 0; i < t->dwNumEntries; i++) {
        const MIB_IPADDRROW *r = &t->table[i];
        ok(r->wType != 0 && r->dwBCastAddr == 1 && r->dwReasmSize == 0xffff, "row %lu: wType %#x bcast %lu reasm %lu",
           (unsigned long)i, r->wType, (unsigned long)r->dwBCastAddr, (unsigned long)r->dwReasmSize);
        if (i)
            ok(ntohl(t->table[i - 1].dwAddr) <= ntohl(r->dwAddr), "not sorted at %lu", (unsigned long)i);
        found |= r->dwAddr == htonl(INADDR_LOOPBACK) && r->dwIndex == lo && r->dwMask == htonl(0xff000000);
    }
    ok(found, "127.0.0.1/255.0.0.0 on loopback is missing");
    free(t);
}

WT_CASE(forward_table)
{
    MIB_IPFORWARD_TABLE2 *t = NULL;
    expect_rc(GetIpForwardTable2(AF_INET, NULL), ERROR_INVALID_PARAMETER);
    expect_rc(GetIpForwardTable2(AF_IPX, &t), ERROR_INVALID_PARAMETER);
    expect_rc(GetIpForwardTable2(AF_INET, &t), NO_ERROR);
    NET_IFINDEX lo = loopback_index(NULL);
    BOOL found = FALSE;
    for (ULONG i = 0; t && i < t->NumEntries; i++) {
        const MIB_IPFORWARD_ROW2 *r = &t->Table[i];
        ok(r->DestinationPrefix.Prefix.si_family == AF_INET && r->NextHop.si_family == AF_INET, "row %lu families",
           (unsigned long)i);
        found |= r->InterfaceIndex == lo && r->DestinationPrefix.PrefixLength == 8 &&
                 r->DestinationPrefix.Prefix.Ipv4.sin_addr.s_addr == htonl(0x7f000000);
    }
    ok(found, "no 127.0.0.0/8 route on loopback");
    FreeMibTable(t);
}

/* ---- route lookup -------------------------------------------------------- */
WT_CASE(best_route)
{
    NET_LUID lo_luid, bad;
    NET_IFINDEX lo = loopback_index(&lo_luid);
    SOCKADDR_INET dst, src;
    MIB_IPFORWARD_ROW2 row;
    memset(&dst, 0, sizeof dst);
    dst.Ipv4.sin_family = AF_INET;
    dst.Ipv4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    expect_rc(GetBestRoute2(NULL, 0, NULL, NULL, 0, &row, &src), ERROR_INVALID_PARAMETER);
    expect_rc(GetBestRoute2(NULL, 0, NULL, &dst, 0, NULL, &src), ERROR_INVALID_PARAMETER);
    expect_rc(GetBestRoute2(NULL, 0, NULL, &dst, 0, &row, NULL), ERROR_INVALID_PARAMETER);
    expect_rc(GetBestRoute2(NULL, 0x7ffff0, NULL, &dst, 0, &row, &src), ERROR_FILE_NOT_FOUND);
    bad.Value = (ULONG64)-1;
    expect_rc(GetBestRoute2(&bad, 0, NULL, &dst, 0, &row, &src), ERROR_FILE_NOT_FOUND);
    SOCKADDR_INET unspec;
    memset(&unspec, 0, sizeof unspec);
    expect_rc(GetBestRoute2(NULL, 0, NULL, &unspec, 0, &row, &src), ERROR_INVALID_PARAMETER);

    memset(&row, 0xcc, sizeof row);
    memset(&src, 0xcc, sizeof src);
    expect_rc(GetBestRoute2(NULL, 0, NULL, &dst, 0, &row, &src), NO_ERROR);
    ok(row.InterfaceIndex == lo && row.InterfaceLuid.Value == lo_luid.Value, "127.0.0.1 via %lu (%#llx), loopback %lu",
       (unsigned long)row.InterfaceIndex, (unsigned long long)row.InterfaceLuid.Value, (unsigned long)lo);
    ok(row.DestinationPrefix.Prefix.si_family == AF_INET && row.DestinationPrefix.PrefixLength <= 32,
       "prefix family %u length %u", row.DestinationPrefix.Prefix.si_family, row.DestinationPrefix.PrefixLength);
    ok(is_v4_loopback((const SOCKADDR *)&src), "source family %u address %#lx", src.si_family,
       (unsigned long)ntohl(src.Ipv4.sin_addr.s_addr));
    /* Out of a named interface. */
    expect_rc(GetBestRoute2(&lo_luid, 0, NULL, &dst, 0, &row, &src), NO_ERROR);
    ok(row.InterfaceIndex == lo, "with the loopback LUID: via %lu", (unsigned long)row.InterfaceIndex);
    expect_rc(GetBestRoute2(NULL, lo, NULL, &dst, 0, &row, &src), NO_ERROR);

    memset(&dst, 0, sizeof dst);
    dst.Ipv6.sin6_family = AF_INET6;
    dst.Ipv6.sin6_addr.s6_addr[15] = 1;
    expect_rc(GetBestRoute2(NULL, 0, NULL, &dst, 0, &row, &src), NO_ERROR);
    ok(row.InterfaceIndex == lo && row.DestinationPrefix.Prefix.si_family == AF_INET6, "::1 via %lu family %u",
       (unsigned long)row.InterfaceIndex, row.DestinationPrefix.Prefix.si_family);
    ok(is_v6_loopback((const SOCKADDR *)&src), "IPv6 source family %u", src.si_family);
}

WT_CASE(best_interface)
{
    NET_IFINDEX lo = loopback_index(NULL);
    DWORD idx = 0;
    expect_rc(GetBestInterface(htonl(INADDR_LOOPBACK), NULL), ERROR_INVALID_PARAMETER);
    expect_rc(GetBestInterface(htonl(INADDR_LOOPBACK), &idx), NO_ERROR);
    ok(idx == lo, "GetBestInterface(127.0.0.1) %lu, loopback %lu", (unsigned long)idx, (unsigned long)lo);

    struct sockaddr_in a;
    expect_rc(GetBestInterfaceEx(NULL, NULL), ERROR_INVALID_PARAMETER);
    expect_rc(GetBestInterfaceEx(NULL, &idx), ERROR_INVALID_PARAMETER);
    memset(&a, 0, sizeof a);
    expect_rc(GetBestInterfaceEx((struct sockaddr *)&a, NULL), ERROR_INVALID_PARAMETER);
    expect_rc(GetBestInterfaceEx((struct sockaddr *)&a, &idx), ERROR_INVALID_PARAMETER); /* AF_UNSPEC */
    memset(&a, -1, sizeof a);
    expect_rc(GetBestInterfaceEx((struct sockaddr *)&a, NULL), ERROR_INVALID_PARAMETER);
    a = wt_loopback(0);
    expect_rc(GetBestInterfaceEx((struct sockaddr *)&a, NULL), ERROR_INVALID_PARAMETER);
    idx = 0;
    expect_rc(GetBestInterfaceEx((struct sockaddr *)&a, &idx), NO_ERROR);
    ok(idx == lo, "GetBestInterfaceEx(127.0.0.1) %lu", (unsigned long)idx);
    SOCKADDR_IN6 a6;
    memset(&a6, 0, sizeof a6);
    a6.sin6_family = AF_INET6;
    a6.sin6_addr.s6_addr[15] = 1;
    idx = 0;
    expect_rc(GetBestInterfaceEx((struct sockaddr *)&a6, &idx), NO_ERROR);
    ok(idx == lo, "GetBestInterfaceEx(::1) %lu", (unsigned long)idx);
}

/* ---- notifications ------------------------------------------------------- */
struct seen {
    int calls;
    MIB_NOTIFICATION_TYPE type;
    BOOL row_null;
    DWORD thread;
};

static void WINAPI on_unicast(PVOID ctx, PMIB_UNICASTIPADDRESS_ROW row, MIB_NOTIFICATION_TYPE type)
{
    struct seen *s = ctx;
    s->calls++;
    s->type = type;
    s->row_null = row == NULL;
    s->thread = GetCurrentThreadId();
}

static void WINAPI on_interface(PVOID ctx, PMIB_IPINTERFACE_ROW row, MIB_NOTIFICATION_TYPE type)
{
    struct seen *s = ctx;
    s->calls++;
    s->type = type;
    s->row_null = row == NULL;
}

WT_CASE(notify_initial)
{
    struct seen s = {0, MibAddInstance, FALSE, 0};
    HANDLE h = (HANDLE)0x1234;
    /* The initial notification has run when the call returns (Wine). */
    expect_rc(NotifyUnicastIpAddressChange(AF_INET, on_unicast, &s, TRUE, &h), NO_ERROR);
    ok(s.calls == 1 && s.type == MibInitialNotification && s.row_null, "calls %d type %d row NULL %d", s.calls, s.type,
       s.row_null);
    ok(s.thread && s.thread != GetCurrentThreadId(), "the callback ran on the caller's thread");
    ok(h != NULL && h != (HANDLE)0x1234, "handle %p", h);
    expect_rc(CancelMibChangeNotify2(h), NO_ERROR);
    SetLastError(W32_SENTINEL);
    ok(!CloseHandle(h), "CloseHandle on a cancelled notification handle succeeded");
#ifdef __WS2POSIX__
    expect_rc(CancelMibChangeNotify2(h), ERROR_INVALID_HANDLE); /* ours: a stale handle is refused */
#endif

    /* Without the initial notification, nothing is called. */
    struct seen i = {0, MibAddInstance, FALSE, 0};
    h = NULL;
    expect_rc(NotifyIpInterfaceChange(AF_UNSPEC, on_interface, &i, FALSE, &h), NO_ERROR);
    ok(i.calls == 0, "%d calls without InitialNotification", i.calls);
    expect_rc(CancelMibChangeNotify2(h), NO_ERROR);
    expect_rc(NotifyIpInterfaceChange(AF_INET6, on_interface, &i, TRUE, &h), NO_ERROR);
    ok(i.calls == 1 && i.type == MibInitialNotification && i.row_null, "calls %d type %d", i.calls, i.type);
    expect_rc(CancelMibChangeNotify2(h), NO_ERROR);

    h = (HANDLE)0x1234;
    expect_rc(NotifyIpInterfaceChange(AF_IPX, on_interface, &i, TRUE, &h), ERROR_INVALID_PARAMETER);
    ok(h == NULL, "handle %p after a failure", h);
    expect_rc(CancelMibChangeNotify2(NULL), ERROR_INVALID_PARAMETER);
}

WT_MAIN(gaa_size_protocol, gaa_loopback_adapter, gaa_family_filter, gaa_flags, gaa_matches_unicast_entry,
        unicast_entry_errors, adapters_info, network_params, number_of_interfaces, identifier_conversions,
        identifier_failures, if_entry_and_table, unicast_table, ip_addr_table, forward_table, best_route,
        best_interface, notify_initial)
