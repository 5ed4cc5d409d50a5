/* x86_64/target_cpu.h: an x86_64 process (long mode). */
#ifndef X86_64_TARGET_CPU_H
#define X86_64_TARGET_CPU_H
#define TARGET_X86_LM 1
/* clone(flags, newsp, parent_tid, child_tid, tls) on x86_64. */
#define TARGET_CLONE_TLS_LAST 1
#include "x86-common/target_cpu.h"
#endif
