#include "winnls.h"
