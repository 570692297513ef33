/* Random numbers and the user name: RtlGenRandom (SystemFunction036),
 * CryptAcquireContext/CryptGenRandom/CryptReleaseContext,
 * BCryptGenRandom and the RNG algorithm provider, GetUserName.  Facts from
 * Wine's advapi32/tests/crypt.c and bcrypt/tests/bcrypt.c (notes in
 * /work/ref/notes-files.md). */
#define WIN32_NO_STATUS
#include "wstest.h"
#undef WIN32_NO_STATUS
#include <ntstatus.h>
#include <wincrypt.h>
#include <ntsecapi.h>
#include <bcrypt.h>
#include <lmcons.h>

/* Not all zero, and two draws differ: a buffer the generator filled. */
static int filled(const unsigned char *a, const unsigned char *b, size_t n)
{
    int nz = 0;
    for (size_t i = 0; i < n; i++)
        nz |= a[i];
    return nz && memcmp(a, b, n) != 0;
}

WT_CASE(rtl_gen_random)
{
    unsigned char a[64] = {0}, b[64] = {0};
    ok(RtlGenRandom(a, sizeof a) && SystemFunction036(b, sizeof b), "RtlGenRandom");
    ok(filled(a, b, sizeof a), "random bytes");
    SetLastError(W32_SENTINEL);
    ok(RtlGenRandom(a, 0) && GetLastError() == W32_SENTINEL, "zero bytes, last error untouched");
}

WT_CASE(crypt_gen_random)
{
    HCRYPTPROV p = 0;
    unsigned char a[32] = {0}, b[32] = {0};
    expect_w32(CryptAcquireContextA(&p, NULL, NULL, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT), TRUE, W32_SENTINEL);
    expect_w32(CryptGenRandom(p, sizeof a, a), TRUE, W32_SENTINEL);
    expect_w32(CryptGenRandom(p, sizeof b, b), TRUE, W32_SENTINEL);
    ok(filled(a, b, sizeof a), "random bytes");
    expect_w32(CryptReleaseContext(p, 0), TRUE, W32_SENTINEL);
    /* A released context. */
    expect_w32(CryptReleaseContext(p, 0), FALSE, ERROR_INVALID_PARAMETER);
    expect_w32(CryptGenRandom(p, sizeof a, a), FALSE, ERROR_INVALID_PARAMETER);
    /* The errors Windows' provider gives, in its order. */
    expect_w32(CryptAcquireContextA(&p, NULL, NULL, 0, 0), FALSE, NTE_BAD_PROV_TYPE);
    expect_w32(CryptAcquireContextA(&p, NULL, NULL, 1000, 0), FALSE, NTE_BAD_PROV_TYPE);
    expect_w32(CryptAcquireContextA(&p, NULL, NULL, 999, 0), FALSE, NTE_PROV_TYPE_NOT_DEF);
    expect_w32(CryptAcquireContextA(&p, "c", "ws2posix nonexistent provider", PROV_RSA_FULL, 0), FALSE,
               NTE_KEYSET_NOT_DEF);
    expect_w32(CryptAcquireContextA(&p, "c", MS_DEF_PROV_A, 999, 0), FALSE, NTE_PROV_TYPE_NO_MATCH);
    /* Named providers, and the AES provider. */
    expect_w32(CryptAcquireContextA(&p, NULL, MS_ENHANCED_PROV_A, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT), TRUE,
               W32_SENTINEL);
    CryptReleaseContext(p, 0);
    expect_w32(CryptAcquireContextW(&p, NULL, MS_ENH_RSA_AES_PROV_W, PROV_RSA_AES, CRYPT_VERIFYCONTEXT), TRUE,
               W32_SENTINEL);
    expect_w32(CryptGenRandom(p, 0, NULL), TRUE, W32_SENTINEL);
    CryptReleaseContext(p, 0);
}

WT_CASE(bcrypt_gen_random)
{
    unsigned char a[256] = {0}, b[256] = {0};
    SetLastError(W32_SENTINEL);
    ok(BCryptGenRandom(NULL, NULL, 0, 0) == STATUS_INVALID_HANDLE, "no handle, no flag");
    ok(BCryptGenRandom(NULL, a, 0, 0) == STATUS_INVALID_HANDLE, "no handle, no flag, empty");
    ok(BCryptGenRandom(NULL, a, sizeof a, 0) == STATUS_INVALID_HANDLE, "no handle, no flag");
    ok(BCryptGenRandom(NULL, a, sizeof a, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == STATUS_SUCCESS, "system RNG");
    ok(BCryptGenRandom(NULL, b, sizeof b, BCRYPT_USE_SYSTEM_PREFERRED_RNG | BCRYPT_RNG_USE_ENTROPY_IN_BUFFER) ==
           STATUS_SUCCESS,
       "with entropy in the buffer");
    ok(filled(a, b, sizeof a), "random bytes");
    ok(BCryptGenRandom(NULL, NULL, sizeof a, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == STATUS_INVALID_PARAMETER,
       "no buffer");
    ok(BCryptGenRandom(NULL, a, 0, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == STATUS_SUCCESS, "zero bytes");
    ok(GetLastError() == W32_SENTINEL, "NTSTATUS functions leave the last error alone");
    /* The RNG algorithm provider. */
    BCRYPT_ALG_HANDLE alg = NULL;
    ok(BCryptOpenAlgorithmProvider(&alg, BCRYPT_RNG_ALGORITHM, NULL, 0) == STATUS_SUCCESS && alg, "open RNG");
    ok(BCryptGenRandom(alg, a, sizeof a, 0) == STATUS_SUCCESS, "through the provider");
    ok(BCryptCloseAlgorithmProvider(alg, 0) == STATUS_SUCCESS, "close");
    ok(BCryptOpenAlgorithmProvider(&alg, L"ws2posix nonexistent", NULL, 0) == STATUS_NOT_FOUND, "unknown algorithm");
}

WT_CASE(user_name)
{
    char name[UNLEN + 1];
    DWORD size = sizeof name;
    expect_w32(GetUserNameA(name, &size), TRUE, W32_SENTINEL);
    ok(size == strlen(name) + 1 && name[0], "%s: %lu counts the terminator", name, (unsigned long)size);
    DWORD need = size;
    size = 1;
    expect_w32(GetUserNameA(name, &size), FALSE, ERROR_INSUFFICIENT_BUFFER);
    ok(size == need, "the size needed: %lu", (unsigned long)size);
    size = 0;
    expect_w32(GetUserNameA(NULL, &size), FALSE, ERROR_INSUFFICIENT_BUFFER);
    ok(size == need, "the size needed: %lu", (unsigned long)size);
    WCHAR w[UNLEN + 1];
    size = UNLEN + 1;
    expect_w32(GetUserNameW(w, &size), TRUE, W32_SENTINEL);
    ok(size == wcslen(w) + 1, "W counts WCHARs");
}

WT_MAIN(rtl_gen_random, crypt_gen_random, bcrypt_gen_random, user_name)
