#include "direct.h"
