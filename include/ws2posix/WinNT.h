#include "winnt.h"
