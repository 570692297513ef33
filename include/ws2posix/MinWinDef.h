#include "minwindef.h"
