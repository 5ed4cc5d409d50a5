/* tests/tcg/i386/test-x86_64.c: the x86-64 test program (sections in
 * the order they run; `test-x86_64 --list` names them). */
#include "test.h"

static const struct section sections[] = {
    { "alu", test_alu }, { "alu_random", test_alu_random }, { "forms", test_forms },
    { "mul_div", test_mul_div }, { "shift", test_shift }, { "bitops", test_bitops },
    { "bmi", test_bmi }, { "atomic", test_atomic }, { "misc", test_misc },
    { "lea", test_lea }, { "stack", test_stack }, { "string", test_string },
    { "jcc", test_jcc }, { "cc_after", test_cc_after },
    { "rot_flags", test_rot_flags }, { "x87", test_x87 },
    { "x87_random", test_x87_random }, { "x87_trans", test_x87_trans },
    { "x87_env", test_x87_env }, { "mmx", test_mmx }, { "sse_fp", test_sse_fp },
    { "sse_int", test_sse_int }, { "sse_random", test_sse_random }, { "sse4", test_sse4 },
    { "sse42_aes", test_sse42_aes }, { "avx", test_avx }, { "gdt64", test_gdt64 }, { "exc", test_exc },
    { "smc", test_smc },
};

int main(int argc, char **argv)
{
    return run_sections(sections, N_ELEM(sections), argc, argv);
}
