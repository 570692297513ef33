/* Item 7: the SDK headers real programs include, in the spellings they
 * use, each with something programs take from it. 
 * COMPAT_VARIANTS: | -DUNICODE -D_UNICODE */
#include <WinSock2.h>
#include <WS2tcpip.h>
#include <Windows.h>
#include <WinDef.h>
#include <WinBase.h>
#include <WinNT.h>
#include <BaseTsd.h>
#include <MinWinDef.h>
#include <SDKDDKVer.h>
#include <wspiapi.h>
#include <MMSystem.h>
#include <timeapi.h>
#include <threadpoolapiset.h>
#include <strsafe.h>
#include <tchar.h>
#include <IPHlpApi.h>
#include <IPTypes.h>
#include <netioapi.h>
#include <WinSvc.h>
#include <MSWSock.h>
#include <MSTcpIP.h>
#include <process.h>
#include <excpt.h>
#include <io.h>
#include <direct.h>
#include <conio.h>
#include <malloc.h>
#include <sys/locking.h>
#include <WinNls.h>
#include <WinReg.h>
#include <wincrypt.h>
#include <bcrypt.h>
#include <ntsecapi.h>
#include <lmcons.h>

static SERVICE_STATUS status;
static VOID WINAPI service_main(DWORD argc, LPTSTR *argv)
{
    (void)argc;
    (void)argv;
    status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
    status.dwCurrentState = SERVICE_RUNNING;
    status.dwControlsAccepted = SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN;
}

static void CALLBACK on_timer(UINT id, UINT msg, DWORD_PTR user, DWORD_PTR a, DWORD_PTR b)
{
    (void)id, (void)msg, (void)user, (void)a, (void)b;
}

/* main, not _tmain: with _UNICODE _tmain is wmain, which needs an entry
 * point the C runtime provides (as MinGW's -municode does). */
int main(int argc, char **argv)
{
    TCHAR buf[32];
    _TCHAR tbuf[8] = _T("x");
    SERVICE_TABLE_ENTRY table[2];
    IP_ADAPTER_INFO info;
    PIP_ADAPTER_ADDRESSES aa = NULL;
    MIB_IFROW ifrow;
    MIB_TCPTABLE_OWNER_PID *tcp = NULL;
    MIB_IF_ROW2 row2;
    NET_LUID luid;
    FIXED_INFO fixed;
    TIMECAPS caps;
    MMRESULT mr = TIMERR_NOERROR;
    LPTIMECALLBACK cb = on_timer;
    HRESULT hr = S_OK;
    OSVERSIONINFOEX osv;
    ULONG flags = GAA_FLAG_INCLUDE_PREFIX | GAA_FLAG_SKIP_ANYCAST;
    char *scratch = (char *)_alloca(16);             /* malloc.h */
    int (*mk)(const char *) = _mkdir;                /* direct.h */
    int (*opn)(const char *, int, ...) = _open;      /* io.h */
    int (*kb)(void) = _kbhit;                        /* conio.h */
    int lock_mode = LK_NBLCK, oflags = _O_BINARY | _O_RDONLY;
    UINT cp = CP_UTF8;
    HKEY key = HKEY_LOCAL_MACHINE;                   /* WinReg.h */
    HCRYPTPROV prov = 0;                             /* wincrypt.h */
    BCRYPT_ALG_HANDLE alg = BCRYPT_RNG_ALG_HANDLE;   /* bcrypt.h */
    BOOLEAN (WINAPI *gen)(PVOID, ULONG) = RtlGenRandom; /* ntsecapi.h */
    char user[UNLEN + 1];                            /* lmcons.h */
    (void)argc;
    (void)argv;
    table[0].lpServiceName = (LPTSTR)TEXT("svc");
    table[0].lpServiceProc = service_main;
    table[1].lpServiceName = NULL;
    table[1].lpServiceProc = NULL;
    memset(&info, 0, sizeof info);
    memset(&ifrow, 0, sizeof ifrow);
    memset(&row2, 0, sizeof row2);
    memset(&fixed, 0, sizeof fixed);
    memset(&osv, 0, sizeof osv);
    luid.Value = 0;
    caps.wPeriodMin = 1;
    caps.wPeriodMax = 1000;
    _tcscpy(buf, _T("ok"));
    service_main(0, NULL);
    if (FAILED(hr) || !SUCCEEDED(STRSAFE_E_INSUFFICIENT_BUFFER) == 0 || mr != MMSYSERR_NOERROR || !cb)
        return 1;
    if (sizeof info.AdapterName != MAX_ADAPTER_NAME_LENGTH + 4 || aa || tcp || flags == 0)
        return 1;
    scratch[0] = 0;
    if (!key || prov || !alg || !gen || sizeof user != 257)
        return 1;
    if (!mk || !opn || !kb || lock_mode != 2 || (oflags & _O_BINARY) == 0 || cp != 65001 || scratch[0])
        return 1;
    if (table[0].lpServiceProc != service_main || caps.wPeriodMax != 1000)
        return 1;
    if (_tcslen(buf) != 2 || tbuf[0] != 'x' || status.dwCurrentState != SERVICE_RUNNING || luid.Value)
        return 1;
    return ifrow.dwType == IF_TYPE_ETHERNET_CSMACD || row2.OperStatus == IfOperStatusUp ? 1 : 0;
}
