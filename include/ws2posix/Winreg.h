#include "winreg.h"
