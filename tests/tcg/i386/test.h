/*
 * tests/tcg/i386/test.h: shared by test-i386 and test-x86_64.
 *
 * Every test case prints one line (instruction, inputs, result, flags);
 * the output of the real CPU is the oracle, so nothing printed may
 * depend on addresses, time or cpuid.  Flags that are architecturally
 * undefined are printed as the host computes them, except where Intel
 * and AMD disagree (masked at the case, with a comment).
 */
#ifndef TESTS_TCG_I386_TEST_H
#define TESTS_TCG_I386_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <setjmp.h>

typedef unsigned long reg_t;            /* a general register */
#define REG_BITS ((int)sizeof(reg_t) * 8)
#define N_ELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* EFLAGS bits. */
#define F_CF 0x0001
#define F_PF 0x0004
#define F_AF 0x0010
#define F_ZF 0x0040
#define F_SF 0x0080
#define F_DF 0x0400
#define F_OF 0x0800
#define F_ALL (F_CF | F_PF | F_AF | F_ZF | F_SF | F_OF)

/* "push fl; popf; INSN; pushf; pop fl": runs INSN with the arithmetic
 * flags set from fl and reads them back.  Needs -mno-red-zone on x86-64. */
#define FL_IN  "push %[fl]\n\tpopf\n\t"
#define FL_OUT "\n\tpushf\n\tpop %[fl]"

struct section {
    const char *name;
    void (*run)(void);
};

/* Runs the sections named on the command line, or all of them; "--list"
 * prints their names.  Each section starts with a "== name" line. */
int run_sections(const struct section *s, int n, int argc, char **argv);

/* Fault catching: CATCH() returns 0 first, then non-zero after the
 * handler has printed "sig=N code=C addr=A ip=+OFF" (ip relative to
 * fault_base) for a SIGSEGV/SIGBUS/SIGFPE/SIGILL/SIGTRAP raised before
 * END_CATCH().  fault_addr_ok says whether si_addr is worth printing. */
extern sigjmp_buf fault_jmp;
extern volatile int fault_armed;
extern volatile uintptr_t fault_base;
extern volatile int fault_print_addr;
extern volatile int fault_print_regs;   /* also print eax..edi, eflags */
extern volatile int fault_resume_len;   /* handler skips this many bytes,
                                         * sets eax=0x5a5a and returns */
void fault_install(void);
#define CATCH() (fault_armed = 1, sigsetjmp(fault_jmp, 1))
#define END_CATCH() (fault_armed = 0)
/* In an asm, before the instruction expected to fault: makes fault_base
 * its address (local label 1). */
#ifdef __x86_64__
#define SET_FAULT_BASE "movq $1f, fault_base(%%rip)\n1:\t"
#else
#define SET_FAULT_BASE "movl $1f, fault_base\n1:\t"
#endif

/* A fixed pseudo-random sequence (same natively and emulated): raw,
 * integers biased to boundaries, and float/double bit patterns biased to
 * denormals, specials and integer-conversion limits. */
uint64_t test_rand(void);
void test_rand_seed(uint64_t seed);
uint64_t test_rand_value(void);
uint32_t test_rand_float_bits(void);
uint64_t test_rand_double_bits(void);

/* Prints an 80-bit long double as 20 hex digits (sign/exp, mantissa). */
void print_f80(const char *label, long double x);

/* Section entry points (each file defines some). */
void test_alu(void);
void test_forms(void);
void test_alu_random(void);
void test_sse_random(void);
void test_mul_div(void);
void test_shift(void);
void test_bitops(void);
void test_atomic(void);
void test_bmi(void);
void test_misc(void);
void test_lea(void);
void test_stack(void);
void test_string(void);
void test_jcc(void);
void test_cc_after(void);
void test_rot_flags(void);
void test_gdt64(void);
void test_bcd(void);
void test_x87(void);
void test_x87_trans(void);
void test_x87_random(void);
void test_x87_env(void);
void test_mmx(void);
void test_sse_fp(void);
void test_sse_int(void);
void test_sse4(void);
void test_sse42_aes(void);
void test_avx(void);
void test_seg(void);
void test_exc(void);
void test_smc(void);

#endif
