/*
 * tests/tcg/aarch64/test-udef.c: unallocated and unimplemented encodings
 * raise EXCP_UDEF at the instruction (mini-run counts and skips them
 * after the private call 0x1001) instead of executing something else or
 * crashing the host; the instructions around them still run normally.
 */
#include "a64-test.h"


static void test_main(void)
{
    uint64_t n, r, expect;

    sys3(0x1001, 0, 0, 0);
    __asm__ volatile(
        ".inst 0x00000000\n"     /* UDF */
        ".inst 0xb2800000\n"     /* move wide opc 01 */
        ".inst 0x13400000\n"     /* 32-bit SBFM N=1 */
        ".inst 0x93000000\n"     /* 64-bit SBFM N=0 */
        ".inst 0xd50342df\n"     /* MSR DAIFSet */
        ".inst 0xd5381000\n"     /* MRS SCTLR_EL1 */
        ".inst 0xd508751f\n"     /* IC IALLU */
        ".inst 0xd65f0bff\n"     /* RETAA */
        ".inst 0xf8200400\n"     /* LDRAA */
        ".inst 0xd4400000\n"     /* HLT */
        ".inst 0xd4000002\n"     /* HVC */
        ".inst 0x69800000\n"     /* STGP */
        ".inst 0xe9400000\n"     /* LDP opc 11 */
        ".inst 0x1ee02800\n"     /* FADD h */
        ".inst 0x4e684800\n"     /* AESE with size 01 */
        ".inst 0x04a0e3e0\n"     /* SVE */
        ".inst 0x0ee08400\n"     /* ADD .1d */
        ".inst 0x5e200400\n"     /* scalar ADD b */
        ".inst 0x38a00c00\n"     /* atomic opc with bits 11:10 = 11 (LDRAA space) */
        ".inst 0x0d40e000 | (1 << 12)\n" /* LD1R with S = 1 */
        ".inst 0x9ac03000\n"     /* DP1 opcode 001100 */
        ".inst 0x1a800800\n"     /* CSEL with op2 = 10 */
        ".inst 0x3a400800 | (1 << 4)\n" /* CCMN with o3 = 1 */
        ::: "memory");
    expect = 23;
    n = sys3(0x1000, 0, 0, 0);
    CHECK(n, expect);
    /* the state around them is intact */
    __asm__ volatile("mov %0, #5\n .inst 0x00000000\n add %0, %0, #1" : "=r"(r));
    CHECK(r, 6);
    CHECK(sys3(0x1000, 0, 0, 0), expect + 1);
}
