/*
 * A stand-in for MSVC's structured exception handling, for building
 * Windows samples that use __try/__leave/__finally/__except (no Linux
 * compiler has them).  Force-included (-include) by run.sh for those
 * samples only; it is test scaffolding, not part of the installed headers.
 *
 * __try opens a block that __leave exits; the __finally block always runs
 * after it, as it does when no exception is raised.  An __except handler
 * never runs: nothing here raises a structured exception.  __leave is a
 * break, so it must not sit inside a loop or switch of the __try block
 * (true of the samples this builds).
 */
#ifndef WS2P_TEST_SEH_H
#define WS2P_TEST_SEH_H
#define __try do
#define __leave break
#define __finally while (0);
#define __except(filter) while (0); if (0)
#define GetExceptionCode() 0u
#define GetExceptionInformation() ((void *)0)
#define AbnormalTermination() 0
#endif
