#include "timeapi.h"
