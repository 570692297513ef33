#include "malloc.h"
