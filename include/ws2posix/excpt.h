/* ws2posix: excpt.h - the structured-exception constants and types.
 * There is no __try/__except here (no Linux compiler has it); a program
 * that uses them needs a stand-in of its own (test/programs/seh/ shows one
 * for Microsoft's samples). */
#ifndef _INC_EXCPT
#define _INC_EXCPT

typedef enum _EXCEPTION_DISPOSITION {
    ExceptionContinueExecution,
    ExceptionContinueSearch,
    ExceptionNestedException,
    ExceptionCollidedUnwind
} EXCEPTION_DISPOSITION;

#define EXCEPTION_EXECUTE_HANDLER 1
#define EXCEPTION_CONTINUE_SEARCH 0
#define EXCEPTION_CONTINUE_EXECUTION (-1)

#endif
