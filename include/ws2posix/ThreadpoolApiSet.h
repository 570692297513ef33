#include "threadpoolapiset.h"
