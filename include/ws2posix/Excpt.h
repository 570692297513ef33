#include "excpt.h"
