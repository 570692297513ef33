/* ws2posix: tchar.h - the generic-text mappings of the MSVC runtime.
 *
 * With _UNICODE the _t names map to the wide functions (wchar_t, 32 bits
 * here), otherwise to the narrow ones; _MBCS maps like the single-byte set
 * (the _mbs* functions are not provided).  Where the MSVC runtime has its
 * own name (_stricmp, _snprintf, _tcsdup -> _strdup, ...) the mapping is to
 * that name, declared by ws2p/crt.h once it is implemented: until then a
 * call stops at compile time, naming it. */
#ifndef _INC_TCHAR
#define _INC_TCHAR
#include "ws2p/base.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <ctype.h>
#include <wctype.h>
#include <time.h>

#define __T(x) _T_HELPER_(x)
#ifdef _UNICODE
#define _T_HELPER_(x) L##x
#else
#define _T_HELPER_(x) x
#endif
#ifndef _T
#define _T(x) __T(x)
#endif
#define _TEXT(x) __T(x)

#ifdef _UNICODE
typedef wchar_t _TCHAR;
typedef wchar_t _TSCHAR;
typedef wchar_t _TUCHAR;
typedef wchar_t _TXCHAR;
typedef wint_t _TINT;
#define _TEOF WEOF

#define _tmain wmain
#define _tWinMain wWinMain
#define _tenviron _wenviron
#define __targv __wargv

#define _tprintf wprintf
#define _ftprintf fwprintf
#define _stprintf swprintf
#define _sntprintf _snwprintf
#define _vtprintf vwprintf
#define _vftprintf vfwprintf
#define _vstprintf vswprintf
#define _vsntprintf _vsnwprintf
#define _tscanf wscanf
#define _ftscanf fwscanf
#define _stscanf swscanf
#define _fgettc fgetwc
#define _fgetts fgetws
#define _fputtc fputwc
#define _fputts fputws
#define _gettc getwc
#define _gettchar getwchar
#define _puttc putwc
#define _puttchar putwchar
#define _ungettc ungetwc
#define _tfopen _wfopen
#define _tfreopen _wfreopen
#define _tremove _wremove
#define _trename _wrename
#define _tgetenv _wgetenv
#define _tsystem _wsystem
#define _tcstod wcstod
#define _tcstol wcstol
#define _tcstoul wcstoul
#define _tcstoi64 _wcstoi64
#define _tcstoui64 _wcstoui64
#define _ttoi _wtoi
#define _ttol _wtol
#define _ttoi64 _wtoi64
#define _tstoi _wtoi
#define _tstol _wtol
#define _itot _itow
#define _ltot _ltow
#define _ultot _ultow
#define _tcscat wcscat
#define _tcschr wcschr
#define _tcscmp wcscmp
#define _tcscpy wcscpy
#define _tcscspn wcscspn
#define _tcslen wcslen
#define _tcsnlen wcsnlen
#define _tcsncat wcsncat
#define _tcsncmp wcsncmp
#define _tcsncpy wcsncpy
#define _tcspbrk wcspbrk
#define _tcsrchr wcsrchr
#define _tcsspn wcsspn
#define _tcsstr wcsstr
#define _tcstok wcstok
#define _tcsdup _wcsdup
#define _tcsicmp _wcsicmp
#define _tcsnicmp _wcsnicmp
#define _tcslwr _wcslwr
#define _tcsupr _wcsupr
#define _tcsftime wcsftime
#define _tcscoll wcscoll
#define _tcsxfrm wcsxfrm
#define _istalnum iswalnum
#define _istalpha iswalpha
#define _istcntrl iswcntrl
#define _istdigit iswdigit
#define _istgraph iswgraph
#define _istlower iswlower
#define _istprint iswprint
#define _istpunct iswpunct
#define _istspace iswspace
#define _istupper iswupper
#define _istxdigit iswxdigit
#define _totupper towupper
#define _totlower towlower
#else
typedef char _TCHAR;
typedef signed char _TSCHAR;
typedef unsigned char _TUCHAR;
typedef char _TXCHAR;
typedef int _TINT;
#define _TEOF EOF

#define _tmain main
#define _tWinMain WinMain
#define _tenviron environ
#define __targv __argv

#define _tprintf printf
#define _ftprintf fprintf
#define _stprintf sprintf
#define _sntprintf _snprintf
#define _vtprintf vprintf
#define _vftprintf vfprintf
#define _vstprintf vsprintf
#define _vsntprintf _vsnprintf
#define _tscanf scanf
#define _ftscanf fscanf
#define _stscanf sscanf
#define _fgettc fgetc
#define _fgetts fgets
#define _fputtc fputc
#define _fputts fputs
#define _gettc getc
#define _gettchar getchar
#define _puttc putc
#define _puttchar putchar
#define _ungettc ungetc
#define _tfopen fopen
#define _tfreopen freopen
#define _tremove remove
#define _trename rename
#define _tgetenv getenv
#define _tsystem system
#define _tcstod strtod
#define _tcstol strtol
#define _tcstoul strtoul
#define _tcstoi64 _strtoi64
#define _tcstoui64 _strtoui64
#define _ttoi atoi
#define _ttol atol
#define _ttoi64 _atoi64
#define _tstoi atoi
#define _tstol atol
#define _itot _itoa
#define _ltot _ltoa
#define _ultot _ultoa
#define _tcscat strcat
#define _tcschr strchr
#define _tcscmp strcmp
#define _tcscpy strcpy
#define _tcscspn strcspn
#define _tcslen strlen
#define _tcsnlen strnlen
#define _tcsncat strncat
#define _tcsncmp strncmp
#define _tcsncpy strncpy
#define _tcspbrk strpbrk
#define _tcsrchr strrchr
#define _tcsspn strspn
#define _tcsstr strstr
#define _tcstok strtok
#define _tcsdup _strdup
#define _tcsicmp _stricmp
#define _tcsnicmp _strnicmp
#define _tcslwr _strlwr
#define _tcsupr _strupr
#define _tcsftime strftime
#define _tcscoll strcoll
#define _tcsxfrm strxfrm
#define _tcsclen strlen
#define _tcsnccmp strncmp
#define _tcsnccpy strncpy
#define _tcsinc(p) ((p) + 1)
#define _tcsnextc(p) ((unsigned int)*(const unsigned char *)(p))
#define _istalnum isalnum
#define _istalpha isalpha
#define _istcntrl iscntrl
#define _istdigit isdigit
#define _istgraph isgraph
#define _istlower islower
#define _istprint isprint
#define _istpunct ispunct
#define _istspace isspace
#define _istupper isupper
#define _istxdigit isxdigit
#define _totupper toupper
#define _totlower tolower
#endif

#endif
