#include "windef.h"
