#include "winbase.h"
