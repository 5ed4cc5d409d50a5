/* i386/target_cpu.h: a 32-bit x86 process. */
#ifndef I386_TARGET_CPU_H
#define I386_TARGET_CPU_H
#define TARGET_X86_LM 0
#include "x86-common/target_cpu.h"
#endif
