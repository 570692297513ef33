#include "winsvc.h"
