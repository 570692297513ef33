#include "ws2ipdef.h"
