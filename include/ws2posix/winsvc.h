#ifndef _WINSVC_
#define _WINSVC_
#include "windef.h"
#endif
