#ifndef _INC_MMSYSTEM
#define _INC_MMSYSTEM
#include "windef.h"
#endif
