/* ws2posix: bcrypt.h - BCryptGenRandom and the RNG algorithm provider
 * (src/bcrypt/random.c: the kernel's generator).  Other algorithms are not
 * provided (BCryptOpenAlgorithmProvider says STATUS_NOT_FOUND). */
#ifndef __BCRYPT_H__
#define __BCRYPT_H__
#include "windef.h"

WS2P_BEGIN_DECLS

#if !defined(_NTDEF_) && !defined(WS2P_NTSTATUS_DEFINED)
#define WS2P_NTSTATUS_DEFINED
typedef LONG NTSTATUS, *PNTSTATUS;
#endif
#ifndef NT_SUCCESS
#define NT_SUCCESS(Status) (((NTSTATUS)(Status)) >= 0)
#endif
typedef PVOID BCRYPT_HANDLE;
typedef PVOID BCRYPT_ALG_HANDLE;

#define BCRYPT_RNG_ALGORITHM L"RNG"
#define BCRYPT_RNG_USE_ENTROPY_IN_BUFFER 0x00000001
#define BCRYPT_USE_SYSTEM_PREFERRED_RNG 0x00000002
#define BCRYPT_RNG_ALG_HANDLE ((BCRYPT_ALG_HANDLE)0x00000081)

NTSTATUS WINAPI BCryptOpenAlgorithmProvider(BCRYPT_ALG_HANDLE *phAlgorithm, LPCWSTR pszAlgId,
                                            LPCWSTR pszImplementation, ULONG dwFlags);
NTSTATUS WINAPI BCryptCloseAlgorithmProvider(BCRYPT_ALG_HANDLE hAlgorithm, ULONG dwFlags);
NTSTATUS WINAPI BCryptGenRandom(BCRYPT_ALG_HANDLE hAlgorithm, PUCHAR pbBuffer, ULONG cbBuffer, ULONG dwFlags);

WS2P_END_DECLS
#endif
