#include "winuser.h"
