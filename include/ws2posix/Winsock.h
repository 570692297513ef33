#include "winsock.h"
