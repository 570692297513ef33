#include "strsafe.h"
