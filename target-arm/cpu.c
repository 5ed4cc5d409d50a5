/*
 * target-arm/cpu.c: the AArch64 CPU models and the CPUClass hooks the
 * execution engine calls (TB state, pc restore, logging), plus the
 * FPCR/FPSR accessors of cpu.h.
 *
 * linux-user calls tcg_exec_init() and then arm_cpu_create(model); the
 * first creation also registers the translator's TCG globals.  A model
 * is a set of ID register values and the AT_HWCAP bits that go with
 * them: only features the translator implements are advertised, so
 * glibc's ifuncs never pick code we cannot run.  In system mode the
 * full ID register set of each model comes from arm_sysreg_model_ids()
 * (sysreg-a64.c, the TRM values) and is copied into cpu->ids before
 * arm_cpu_sys_init() builds the system register table.
 */
#include <stdlib.h>
#include <string.h>

#include "config-host.h"
#ifdef CONFIG_CAPSTONE
#include <capstone/capstone.h>
#endif

#ifndef CONFIG_SOFTMMU
#include "user/guest-mem.h"
#endif
#include "internals.h"
#ifdef CONFIG_SOFTMMU
#include "cpu-sys.h"
#endif

#ifndef TARGET_ARM
/*
 * AArch64 only (qemu-aarch64, and tests/tcg/aarch64, which compiles this
 * file without config-target.h); qemu-arm's models are in cpu-a32.c.
 */
typedef struct ARMCPUModel {
    const char *name;
    uint64_t midr;
    uint64_t isar0, isar1, pfr0, mmfr0;
    uint32_t hwcap, hwcap2;
} ARMCPUModel;

#define HWCAP_CRYPTO (HWCAP_AES | HWCAP_PMULL | HWCAP_SHA1 | HWCAP_SHA2)

/*
 * ID_AA64ISAR0: AES [7:4] = 2 (AES and PMULL), SHA1 [11:8] = 1,
 * SHA2 [15:12] = 1, CRC32 [19:16] = 1, Atomic [23:20] = 2 (LSE).
 * ID_AA64PFR0: EL0 and EL1 AArch64 only, FP and AdvSIMD implemented (0).
 */
static const ARMCPUModel arm_models[] = {
    { "max", 0x000f0510, 0x0000000000211120ull, 0, 0x11, 0x1122,
      HWCAP_FP | HWCAP_ASIMD | HWCAP_CRYPTO | HWCAP_CRC32 | HWCAP_ATOMICS |
      HWCAP_CPUID, 0 },
    { "cortex-a72", 0x410fd083, 0x0000000000011120ull, 0, 0x11, 0x1124,
      HWCAP_FP | HWCAP_ASIMD | HWCAP_CRYPTO | HWCAP_CRC32 | HWCAP_CPUID, 0 },
    { "cortex-a57", 0x411fd070, 0x0000000000011120ull, 0, 0x11, 0x1124,
      HWCAP_FP | HWCAP_ASIMD | HWCAP_CRYPTO | HWCAP_CRC32 | HWCAP_CPUID, 0 },
    { "cortex-a53", 0x410fd034, 0x0000000000011120ull, 0, 0x11, 0x1122,
      HWCAP_FP | HWCAP_ASIMD | HWCAP_CRYPTO | HWCAP_CRC32 | HWCAP_CPUID, 0 },
};

#endif /* !TARGET_ARM */

/* ----------------------------------------------------------- FPCR/FPSR */

static const struct {
    uint8_t flag;
    uint8_t bit;
} fpsr_flag_map[] = {
    { float_flag_invalid, 0 }, { float_flag_divbyzero, 1 },
    { float_flag_overflow, 2 }, { float_flag_underflow, 3 },
    { float_flag_inexact, 4 }, { float_flag_input_flushed, 7 },
};

uint32_t vfp_get_fpsr(CPUARMState *env)
{
    uint32_t v = env->fpsr;
    int flags = env->fp_status.flags | env->fp_status_f16.flags |
                env->standard_fp_status.flags;
    size_t i;

    for (i = 0; i < sizeof(fpsr_flag_map) / sizeof(fpsr_flag_map[0]); i++) {
        if (flags & fpsr_flag_map[i].flag) {
            v |= 1u << fpsr_flag_map[i].bit;
        }
    }
    return v;
}

void vfp_set_fpsr(CPUARMState *env, uint32_t val)
{
    env->fpsr = val & FPSR_MASK;
    env->fp_status.flags = 0;
    env->fp_status_f16.flags = 0;
    env->standard_fp_status.flags = 0;
}

uint32_t vfp_get_fpcr(CPUARMState *env)
{
    return env->fpcr;
}

static void fp_status_from_fpcr(FloatStatus *s, uint32_t fpcr, bool fz)
{
    static const uint8_t rmode[4] = {
        float_round_nearest_even, float_round_up, float_round_down,
        float_round_to_zero,
    };

    s->rounding_mode = rmode[(fpcr >> 22) & 3];
    s->flush_to_zero = fz;
    s->flush_inputs_to_zero = fz;
    s->default_nan_mode = (fpcr >> 25) & 1;
}

void vfp_set_fpcr(CPUARMState *env, uint32_t val)
{
    env->fpcr = val & FPCR_MASK;
    fp_status_from_fpcr(&env->fp_status, env->fpcr, (env->fpcr >> 24) & 1);
    fp_status_from_fpcr(&env->fp_status_f16, env->fpcr,
                        (env->fpcr >> 19) & 1);
}

#ifndef TARGET_ARM
/* ----------------------------------------------------- system registers */

uint64_t a64_sysreg_value(CPUARMState *env, uint32_t key, bool *ok)
{
    ARMCPU *cpu = env_archcpu(env);
    int op0 = key >> 14, op1 = (key >> 11) & 7, crn = (key >> 7) & 15;
    int crm = (key >> 3) & 15, op2 = key & 7;

    *ok = true;
    if (key == SYSREG_KEY(3, 3, 0, 0, 1)) {
        return cpu->ctr;
    }
    if (key == SYSREG_KEY(3, 3, 0, 0, 7)) {
        return cpu->dczid;
    }
    if (key == SYSREG_KEY(3, 3, 14, 0, 0)) {
        return 62500000;                      /* CNTFRQ_EL0 */
    }
    /* Linux emulates MRS of the ID space (op0=3 op1=0 CRn=0) for EL0. */
    if (op0 == 3 && op1 == 0 && crn == 0 && (cpu->hwcap & HWCAP_CPUID)) {
        if (crm == 0) {
            switch (op2) {
            case 0: return cpu->midr;
            case 5: return 0x80000000ull;     /* MPIDR_EL1 */
            case 6: return 0;                 /* REVIDR_EL1 */
            default: break;
            }
            *ok = false;
            return 0;
        }
        if (crm >= 4) {
            switch ((crm << 3) | op2) {
            case (4 << 3) | 0: return cpu->id_aa64pfr0;
            case (6 << 3) | 0: return cpu->id_aa64isar0;
            case (6 << 3) | 1: return cpu->id_aa64isar1;
            case (7 << 3) | 0: return cpu->id_aa64mmfr0;
            default: return 0;                /* reserved: RAZ */
            }
        }
        return 0;                             /* AArch32 ID registers: RAZ */
    }
    *ok = false;
    return 0;
}

/* ------------------------------------------------------------ CPU hooks */

#ifndef CONFIG_SOFTMMU
/* User mode only: cpu-sys.c has the system versions (EL, PAN... flags). */
static void arm_get_tb_cpu_state(CPUState *cs, uint64_t *pc, uint64_t *cs_base,
                                 uint32_t *flags)
{
    ARMCPU *cpu = (ARMCPU *)cs;

    *pc = cpu->env.pc;
    *cs_base = 0;
    *flags = 0;
}

static void arm_restore_state(CPUState *cs, const TranslationBlock *tb,
                              const uint64_t *data)
{
    ((ARMCPU *)cs)->env.pc = data[0];
}

static void arm_synchronize_from_tb(CPUState *cs, const TranslationBlock *tb)
{
    ((ARMCPU *)cs)->env.pc = tb->pc;
}

static const void *arm_code_ptr(CPUState *cs, uint64_t pc, size_t len)
{
    return page_check_range(pc, len, PAGE_EXEC) ? g2h(pc) : NULL;
}
#endif

/* -d cpu and `info registers`: PC, SP and X0..X30 (ends mid-line). */
void arm_dump_xregs(CPUARMState *env, FILE *f)
{
    int i;

    fprintf(f, " PC=%016llx  SP=%016llx\n", (unsigned long long)env->pc,
            (unsigned long long)env->xregs[31]);
    for (i = 0; i < 31; i++) {
        fprintf(f, "X%02d=%016llx%s", i, (unsigned long long)env->xregs[i],
                (i % 4 == 3) ? "\n" : " ");
    }
}

/* ... and the Q registers, two per line. */
void arm_dump_vregs(CPUARMState *env, FILE *f)
{
    int i;

    for (i = 0; i < 32; i++) {
        fprintf(f, "Q%02d=%016llx:%016llx%s", i,
                (unsigned long long)env->vregs[i].d[1],
                (unsigned long long)env->vregs[i].d[0],
                (i & 1) ? "\n" : " ");
    }
}

#ifndef CONFIG_SOFTMMU
static void arm_dump_state(CPUState *cs, FILE *f)
{
    CPUARMState *env = &((ARMCPU *)cs)->env;
    uint32_t nzcv = pstate_read_nzcv(env);

    arm_dump_xregs(env, f);
    fprintf(f, "\nPSTATE=%08x %c%c%c%c EL0t  FPCR=%08x FPSR=%08x\n", nzcv,
            nzcv & (1u << 31) ? 'N' : '-', nzcv & (1u << 30) ? 'Z' : '-',
            nzcv & (1u << 29) ? 'C' : '-', nzcv & (1u << 28) ? 'V' : '-',
            vfp_get_fpcr(env), vfp_get_fpsr(env));
    arm_dump_vregs(env, f);
}
#endif

#ifndef CONFIG_SOFTMMU
static const CPUClass arm_cpu_class = {
    .name = "aarch64",
    .addr_type = TCG_TYPE_I64,
    .insn_start_words = 1,
    .page_bits = 12,
    .get_tb_cpu_state = arm_get_tb_cpu_state,
    .translate = a64_translate,
    .restore_state = arm_restore_state,
    .synchronize_from_tb = arm_synchronize_from_tb,
#ifdef CONFIG_CAPSTONE
    .disas_arch = CS_ARCH_ARM64,
    .disas_mode = CS_MODE_ARM,
#else
    .disas_arch = -1,
#endif
    .code_ptr = arm_code_ptr,
    .dump_state = arm_dump_state,
};
#else
/* System mode: cpu-sys.c's class. */
extern const CPUClass arm_sys_cpu_class;
#define arm_cpu_class arm_sys_cpu_class
#endif

/* Misaligned access that the MemOp forbids (exclusives): SIGBUS. */
static void arm_unaligned(void *opaque, uint64_t addr, MemOpIdx oi,
                          uintptr_t retaddr)
{
    CPUARMState *env = opaque;

    env->exception.vaddress = addr;
    env->exception.syndrome = (0x24u << 26) | 0x21;
    cpu_raise_exception(env_cpu(env), EXCP_UNALIGNED, retaddr);
}

static void arm_env_reset(ARMCPU *cpu)
{
    CPUARMState *env = &cpu->env;

    env->exclusive_addr = -1;
    float_status_init_arm(&env->fp_status);
    float_status_init_arm(&env->fp_status_f16);
    float_status_init_arm(&env->standard_fp_status);
    env->standard_fp_status.flush_to_zero = true;
    env->standard_fp_status.flush_inputs_to_zero = true;
    env->standard_fp_status.default_nan_mode = true;
    vfp_set_fpcr(env, 0);
    vfp_set_fpsr(env, 0);
    pstate_write_nzcv(env, 0);
}

ARMCPU *arm_cpu_create(const char *model)
{
    static bool globals_done;
    const ARMCPUModel *m = NULL;
    ARMCPU *cpu;
    size_t i;

    if (!model || !strcmp(model, "any")) {
        model = "max";
    }
    for (i = 0; i < sizeof(arm_models) / sizeof(arm_models[0]); i++) {
        if (!strcmp(arm_models[i].name, model)) {
            m = &arm_models[i];
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
    cpu_common_init(&cpu->parent, &arm_cpu_class, &cpu->env);
    cpu->midr = m->midr;
    cpu->id_aa64isar0 = m->isar0;
    cpu->id_aa64isar1 = m->isar1;
    cpu->id_aa64pfr0 = m->pfr0;
    cpu->id_aa64mmfr0 = m->mmfr0;
    cpu->ctr = 0x8444c004;          /* 64-byte lines, VIPT I-cache */
    cpu->dczid = 4;                 /* DC ZVA zeroes 64 bytes */
    cpu->hwcap = m->hwcap;
    cpu->hwcap2 = m->hwcap2;
#ifdef CONFIG_SOFTMMU
    /*
     * System mode: every ID register of the model (sysreg-a64.c has the
     * TRM values); the user-mode view above follows them.
     */
    cpu->ids = *arm_sysreg_model_ids(m->name);
    cpu->midr = cpu->ids.midr;
    cpu->ctr = cpu->ids.ctr;
    cpu->dczid = cpu->ids.dczid;
    cpu->id_aa64isar0 = cpu->ids.id_aa64isar0;
    cpu->id_aa64isar1 = cpu->ids.id_aa64isar1;
    cpu->id_aa64pfr0 = cpu->ids.id_aa64pfr0;
    cpu->id_aa64mmfr0 = cpu->ids.id_aa64mmfr0;
#endif
    arm_env_reset(cpu);
#ifdef CONFIG_SOFTMMU
    arm_cpu_sys_init(cpu);
#endif
    if (!globals_done) {
        a64_translate_init();
        globals_done = true;
    }
    if (!tcg_ctx->unaligned_helper) {
        tcg_ctx->unaligned_helper = arm_unaligned;
    }
    return cpu;
}

void arm_cpu_list(FILE *f)
{
    size_t i;

    for (i = 0; i < sizeof(arm_models) / sizeof(arm_models[0]); i++) {
        fprintf(f, "  %s\n", arm_models[i].name);
    }
}

#endif /* !TARGET_ARM */
