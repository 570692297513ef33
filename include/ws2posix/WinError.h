#include "winerror.h"
