/* ws2posix: lmcons.h - the name lengths GetUserName's callers size their
 * buffers with. */
#ifndef _LMCONS_
#define _LMCONS_
#define UNLEN 256 /* a user name, without its terminator */
#endif
