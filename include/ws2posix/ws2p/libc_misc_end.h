/* ws2posix: see libc_misc_begin.h. */
#ifdef WS2P_MISC_HIDDEN
#pragma pop_macro("__USE_MISC")
#undef WS2P_MISC_HIDDEN
#endif
#ifdef WS2P_XOPEN2K8_HIDDEN
#pragma pop_macro("__USE_XOPEN2K8")
#undef WS2P_XOPEN2K8_HIDDEN
#endif
