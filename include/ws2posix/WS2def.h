#include "ws2def.h"
