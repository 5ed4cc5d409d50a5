/*
 * target-arm/cpu-a32.c: the AArch32 CPU models of qemu-arm and the
 * CPUClass hooks the execution engine calls (TB state, state restore,
 * logging), plus the CPSR accessors of cpu.h.
 *
 * linux-user calls tcg_exec_init() and then arm_cpu_create(model); the
 * first creation also registers the translator's TCG globals.  A model
 * is a set of A32_FEAT_* bits, the VFP ID registers VMRS shows, and the
 * AT_HWCAP/AT_HWCAP2 bits Linux reports for them, so that glibc and
 * programs probing the hwcaps never pick code the translator lacks.
 *
 * TB flags: bit 0 = CPSR.T, bits 15:8 = ITSTATE (see translate-a32.c).
 * Restore words: pc and ITSTATE.
 */
#include <stdlib.h>
#include <string.h>

#include "config-host.h"
#ifdef CONFIG_CAPSTONE
#include <capstone/capstone.h>
#endif

#include "user/guest-mem.h"
#include "internals.h"

/* Linux's AT_HWCAP bits for 32-bit ARM (arch/arm/include/uapi/asm/hwcap.h) */
#define HWCAP_ARM_SWP       (1u << 0)
#define HWCAP_ARM_HALF      (1u << 1)
#define HWCAP_ARM_THUMB     (1u << 2)
#define HWCAP_ARM_FAST_MULT (1u << 4)
#define HWCAP_ARM_VFP       (1u << 6)
#define HWCAP_ARM_EDSP      (1u << 7)
#define HWCAP_ARM_NEON      (1u << 12)
#define HWCAP_ARM_VFPv3     (1u << 13)
#define HWCAP_ARM_TLS       (1u << 15)
#define HWCAP_ARM_VFPv4     (1u << 16)
#define HWCAP_ARM_IDIVA     (1u << 17)
#define HWCAP_ARM_IDIVT     (1u << 18)
#define HWCAP_ARM_VFPD32    (1u << 19)
#define HWCAP_ARM_LPAE      (1u << 20)

#define HWCAP2_ARM_AES      (1u << 0)
#define HWCAP2_ARM_PMULL    (1u << 1)
#define HWCAP2_ARM_SHA1     (1u << 2)
#define HWCAP2_ARM_SHA2     (1u << 3)
#define HWCAP2_ARM_CRC32    (1u << 4)

#define A32_FEAT_V7_BASE (A32_FEAT_V6K | A32_FEAT_V7 | A32_FEAT_VFP3 | \
                          A32_FEAT_D32 | A32_FEAT_NEON)
#define A32_FEAT_A15 (A32_FEAT_V7_BASE | A32_FEAT_IDIV | A32_FEAT_VFP4 | \
                      A32_FEAT_FP16)
#define A32_FEAT_MAX (A32_FEAT_A15 | A32_FEAT_V8 | A32_FEAT_V8_FP | \
                      A32_FEAT_CRC | A32_FEAT_AES | A32_FEAT_SHA1 | \
                      A32_FEAT_SHA2)

typedef struct A32CPUModel {
    const char *name;
    uint32_t midr;
    uint64_t features;
    uint32_t fpsid, mvfr0, mvfr1, mvfr2;
    bool lpae;
} A32CPUModel;

/*
 * MVFR0: SIMD registers 2 (32 x 64-bit), single 2, double 2, trap 0,
 * divide 1, sqrt 1, short vectors 0 (FPSCR.Len/Stride not implemented),
 * rounding modes 1.  MVFR1: FTZ, D_NaN, Neon ld/st, integer, SP, HP
 * (FP16 conversions: bits 27:24 and 23:20), FMA (31:28, VFPv4).
 */
static const A32CPUModel a32_models[] = {
    { "max", 0x411fd070, A32_FEAT_MAX,
      0x41034070, 0x10110222, 0x12111111, 0x00000043, true },
    { "cortex-a15", 0x412fc0f1, A32_FEAT_A15,
      0x410430f0, 0x10110222, 0x11111111, 0, true },
    { "cortex-a9", 0x410fc090, A32_FEAT_V7_BASE | A32_FEAT_FP16,
      0x41033090, 0x10110222, 0x01111111, 0, false },
    { "cortex-a8", 0x410fc080, A32_FEAT_V7_BASE,
      0x410330c0, 0x10110222, 0x00011111, 0, false },
    { "cortex-a7", 0x410fc075, A32_FEAT_A15,
      0x41023075, 0x10110222, 0x11111111, 0, true },
};

static void a32_hwcaps(const A32CPUModel *m, uint32_t *hwcap,
                       uint32_t *hwcap2)
{
    uint64_t f = m->features;
    uint32_t h = HWCAP_ARM_SWP | HWCAP_ARM_HALF | HWCAP_ARM_THUMB |
                 HWCAP_ARM_FAST_MULT | HWCAP_ARM_VFP | HWCAP_ARM_EDSP |
                 HWCAP_ARM_TLS;
    uint32_t h2 = 0;

    if (f & A32_FEAT_NEON) {
        h |= HWCAP_ARM_NEON;
    }
    if (f & A32_FEAT_VFP3) {
        h |= HWCAP_ARM_VFPv3;
    }
    if (f & A32_FEAT_VFP4) {
        h |= HWCAP_ARM_VFPv4;
    }
    if (f & A32_FEAT_IDIV) {
        h |= HWCAP_ARM_IDIVA | HWCAP_ARM_IDIVT;
    }
    if (f & A32_FEAT_D32) {
        h |= HWCAP_ARM_VFPD32;
    }
    if (m->lpae) {
        h |= HWCAP_ARM_LPAE;
    }
    if (f & A32_FEAT_AES) {
        h2 |= HWCAP2_ARM_AES | HWCAP2_ARM_PMULL;
    }
    if (f & A32_FEAT_SHA1) {
        h2 |= HWCAP2_ARM_SHA1;
    }
    if (f & A32_FEAT_SHA2) {
        h2 |= HWCAP2_ARM_SHA2;
    }
    if (f & A32_FEAT_CRC) {
        h2 |= HWCAP2_ARM_CRC32;
    }
    *hwcap = h;
    *hwcap2 = h2;
}

/* --------------------------------------------------------------- CPSR */

uint32_t cpsr_read(CPUARMState *env)
{
    uint32_t it = env->condexec_bits & 0xff;

    return pstate_read_nzcv(env) | (env->QF ? 1u << 27 : 0) |
           ((it & 3) << 25) | ((env->GE & 0xf) << 16) | ((it >> 2) << 10) |
           (env->thumb ? 1u << 5 : 0) | 0x10;          /* mode USR */
}

void cpsr_write_user(CPUARMState *env, uint32_t val)
{
    pstate_write_nzcv(env, val & 0xf0000000u);
    env->QF = (val >> 27) & 1;
    env->GE = (val >> 16) & 0xf;
}

/* ------------------------------------------------------------ CPU hooks */

static void a32_get_tb_cpu_state(CPUState *cs, uint64_t *pc,
                                 uint64_t *cs_base, uint32_t *flags)
{
    CPUARMState *env = &((ARMCPU *)cs)->env;

    *pc = env->regs[15];
    *cs_base = 0;
    *flags = (env->thumb ? 1 : 0) | ((env->condexec_bits & 0xff) << 8);
}

static void a32_restore_state(CPUState *cs, const TranslationBlock *tb,
                              const uint64_t *data)
{
    CPUARMState *env = &((ARMCPU *)cs)->env;

    env->regs[15] = data[0];
    env->condexec_bits = data[1];
}

static void a32_synchronize_from_tb(CPUState *cs, const TranslationBlock *tb)
{
    CPUARMState *env = &((ARMCPU *)cs)->env;

    env->regs[15] = tb->pc;
    env->condexec_bits = (tb->flags >> 8) & 0xff;
}

static CPUClass a32_cpu_class;

/*
 * -d in_asm asks for the code of the TB just translated, which was
 * translated for the current state: pick capstone's A32 or T32 mode
 * from CPSR.T (translation runs under the translation lock).
 */
static const void *a32_code_ptr(CPUState *cs, uint64_t pc, size_t len)
{
#ifdef CONFIG_CAPSTONE
    a32_cpu_class.disas_mode = CS_MODE_V8 |
        (((ARMCPU *)cs)->env.thumb ? CS_MODE_THUMB : CS_MODE_ARM);
#endif
    return page_check_range(pc, len, PAGE_EXEC) ? g2h(pc) : NULL;
}

static void a32_dump_state(CPUState *cs, FILE *f)
{
    CPUARMState *env = &((ARMCPU *)cs)->env;
    uint32_t psr = cpsr_read(env);
    int i;

    for (i = 0; i < 16; i++) {
        fprintf(f, "R%02d=%08x%s", i, env->regs[i], (i % 4 == 3) ? "\n" : " ");
    }
    fprintf(f, "PSR=%08x %c%c%c%c%c %c usr32  GE=%x IT=%02x\n", psr,
            psr & (1u << 31) ? 'N' : '-', psr & (1u << 30) ? 'Z' : '-',
            psr & (1u << 29) ? 'C' : '-', psr & (1u << 28) ? 'V' : '-',
            psr & (1u << 27) ? 'Q' : '-', env->thumb ? 'T' : 'A',
            env->GE & 0xf, env->condexec_bits & 0xff);
    for (i = 0; i < 32; i++) {
        fprintf(f, "D%02d=%016llx%s", i,
                (unsigned long long)env->vregs[i >> 1].d[i & 1],
                (i % 4 == 3) ? "\n" : " ");
    }
    fprintf(f, "FPSCR: %08x  FPEXC: %08x\n", vfp_get_fpscr(env), env->fpexc);
}

static CPUClass a32_cpu_class = {
    .name = "arm",
    .addr_type = TCG_TYPE_I32,
    .insn_start_words = 2,
    .page_bits = 12,
    .get_tb_cpu_state = a32_get_tb_cpu_state,
    .translate = a32_translate,
    .restore_state = a32_restore_state,
    .synchronize_from_tb = a32_synchronize_from_tb,
#ifdef CONFIG_CAPSTONE
    .disas_arch = CS_ARCH_ARM,
    .disas_mode = CS_MODE_ARM | CS_MODE_V8,
#else
    .disas_arch = -1,
#endif
    .code_ptr = a32_code_ptr,
    .dump_state = a32_dump_state,
};

/* Misaligned access that the MemOp forbids (exclusives...): SIGBUS. */
static void a32_unaligned(void *opaque, uint64_t addr, MemOpIdx oi,
                          uintptr_t retaddr)
{
    CPUARMState *env = opaque;

    env->exception.vaddress = addr;
    env->exception.syndrome = (0x24u << 26) | 0x21;   /* alignment fault */
    cpu_raise_exception(env_cpu(env), EXCP_UNALIGNED, retaddr);
}

static void a32_env_reset(ARMCPU *cpu)
{
    CPUARMState *env = &cpu->env;

    env->exclusive_addr = -1;
    float_status_init_arm(&env->fp_status);
    float_status_init_arm(&env->fp_status_f16);
    float_status_init_arm(&env->standard_fp_status);
    env->standard_fp_status.flush_to_zero = true;
    env->standard_fp_status.flush_inputs_to_zero = true;
    env->standard_fp_status.default_nan_mode = true;
    vfp_set_fpscr(env, 0);
    env->fpexc = 1u << 30;                            /* EN */
    pstate_write_nzcv(env, 0);
    env->QF = 0;
    env->GE = 0;
    env->thumb = 0;
    env->condexec_bits = 0;
}

ARMCPU *arm_cpu_create(const char *model)
{
    static bool globals_done;
    const A32CPUModel *m = NULL;
    ARMCPU *cpu;
    size_t i;

    if (!model || !strcmp(model, "any")) {
        model = "max";
    }
    for (i = 0; i < sizeof(a32_models) / sizeof(a32_models[0]); i++) {
        if (!strcmp(a32_models[i].name, model)) {
            m = &a32_models[i];
        }
    }
    if (!m) {
        return NULL;
    }
    cpu = aligned_alloc(64, (sizeof(ARMCPU) + 63) & ~(size_t)63);
    if (!cpu) {
        return NULL;
    }
    memset(cpu, 0, sizeof(*cpu));
    cpu_common_init(&cpu->parent, &a32_cpu_class, &cpu->env);
    cpu->midr = m->midr;
    cpu->ctr = 0x8444c004;          /* 64-byte lines */
    cpu->a32_features = m->features;
    cpu->fpsid = m->fpsid;
    cpu->mvfr0 = m->mvfr0;
    cpu->mvfr1 = m->mvfr1;
    cpu->mvfr2 = m->mvfr2;
    a32_hwcaps(m, &cpu->hwcap, &cpu->hwcap2);
    a32_env_reset(cpu);
    if (!globals_done) {
        a32_translate_init();
        globals_done = true;
    }
    if (!tcg_ctx->unaligned_helper) {
        tcg_ctx->unaligned_helper = a32_unaligned;
    }
    return cpu;
}

void arm_cpu_list(FILE *f)
{
    size_t i;

    for (i = 0; i < sizeof(a32_models) / sizeof(a32_models[0]); i++) {
        fprintf(f, "  %s\n", a32_models[i].name);
    }
}
