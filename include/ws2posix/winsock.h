/* ws2posix: winsock.h (Winsock 1.1).  The 2.x header is a superset and one
 * library serves both, so 1.1 programs get it whole. */
#include "winsock2.h"
