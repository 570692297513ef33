#include "tchar.h"
