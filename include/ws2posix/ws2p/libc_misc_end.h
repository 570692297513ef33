/* ws2posix: see libc_misc_begin.h. */
#ifdef WS2P_MISC_HIDDEN
#pragma pop_macro("__USE_MISC")
#undef WS2P_MISC_HIDDEN
#endif
