/* Shared by the two halves of the coexistence test; plain C types only, so
 * both a POSIX and a Winsock translation unit can include it. */
#ifndef COEXIST_H
#define COEXIST_H
typedef void (*coexist_fn)(void);
coexist_fn coexist_libc_socket(void);
coexist_fn coexist_libc_connect(void);
int coexist_listen(unsigned short *port);
int coexist_accept_echo(int lfd);
void coexist_close(int fd);
int coexist_libc_roundtrip(void);
#endif
