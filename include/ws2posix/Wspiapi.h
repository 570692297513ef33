#include "wspiapi.h"
