#include "mswsock.h"
