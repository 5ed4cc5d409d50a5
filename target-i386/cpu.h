/*
 * target-i386/cpu.h: the x86 CPU state (IA-32 and x86-64 at CPL 3).
 *
 * Shared by the translator (target-i386/) and the user-mode ABI code
 * (linux-user/i386/, linux-user/x86_64/).  The same sources build
 * qemu-i386 and qemu-x86_64; 64-bit mode is a run-time property
 * (HF_CS64 in the TB flags), so one translator serves both.
 *
 * Arithmetic flags are lazy: an instruction that sets them records its
 * operation in cc_op and its operands/result in cc_dst, cc_src and
 * cc_src2; the six flags (CF PF AF ZF SF OF) are computed only when
 * something reads them.  See CCOp below for what each op keeps.  The
 * other EFLAGS bits live in eflags, except DF which is kept as df = +1
 * or -1 (the string-instruction step).
 */
#ifndef TARGET_I386_CPU_H
#define TARGET_I386_CPU_H

#include <stdint.h>
#include <stdio.h>

#include "exec/cpu.h"
#include "fpu/softfloat.h"

/* ------------------------------------------------------------ registers */

enum { R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI, R_EDI };
enum { R_ES, R_CS, R_SS, R_DS, R_FS, R_GS };

/* EFLAGS bits. */
#define CC_C    0x0001
#define CC_P    0x0004
#define CC_A    0x0010
#define CC_Z    0x0040
#define CC_S    0x0080
#define CC_O    0x0800
#define CC_MASK (CC_C | CC_P | CC_A | CC_Z | CC_S | CC_O)
#define TF_MASK   0x00000100
#define IF_MASK   0x00000200
#define DF_MASK   0x00000400
#define IOPL_MASK 0x00003000
#define NT_MASK   0x00004000
#define RF_MASK   0x00010000
#define VM_MASK   0x00020000
#define AC_MASK   0x00040000
#define VIF_MASK  0x00080000
#define VIP_MASK  0x00100000
#define ID_MASK   0x00200000

/*
 * Exceptions returned by cpu_exec(): the x86 vector numbers, plus the
 * two ways user code enters the kernel.  error_code, cr2 and
 * exception_is_int/exception_next_eip below say more.
 */
#define EXCP00_DIVZ   0
#define EXCP01_DB     1
#define EXCP03_INT3   3
#define EXCP04_INTO   4
#define EXCP05_BOUND  5
#define EXCP06_ILLOP  6
#define EXCP07_PREX   7
#define EXCP0B_NOSEG  11
#define EXCP0C_STACK  12
#define EXCP0D_GPF    13
#define EXCP0E_PAGE   14
#define EXCP10_COPR   16
#define EXCP11_ALGN   17
#define EXCP13_XMM    19
#define EXCP_SYSCALL  0x100  /* syscall or sysenter: eip is after it */
#define EXCP_INT      0x101  /* int n (n != 3, 4): n in error_code, eip
                              * after it; linux-user makes int 0x80 a
                              * system call and the rest SIGSEGV */

/* Hidden flags: the TB flags (tb->flags) and env->hflags. */
#define HF_CPL_MASK    0x0003      /* always 3 in user mode */
#define HF_CS32_MASK   (1u << 4)   /* 32-bit code segment (CS.D) */
#define HF_SS32_MASK   (1u << 5)   /* 32-bit stack segment (SS.B) */
#define HF_ADDSEG_MASK (1u << 6)   /* DS/ES/SS may have a non-zero base */
#define HF_CS64_MASK   (1u << 7)   /* 64-bit mode (EFER.LMA and CS.L) */
#define HF_LMA_MASK    (1u << 8)   /* long mode active (x86_64 process) */
#define HF_VM_MASK     (1u << 9)   /* vm86 mode */
#define HF_TF_MASK     (1u << 10)  /* single step: end TB after each insn */
#define HF_IOPL_SHIFT  12          /* EFLAGS.IOPL copied here (2 bits) */
/* Added by core: bit HF_SEGCHK_SHIFT + seg is set when data segment seg
 * (ES SS DS FS GS) is null, or has a limit below 4G, outside 64-bit mode;
 * the translator then checks each access through it (#GP / #SS). */
#define HF_SEGCHK_SHIFT 16

/*
 * Lazy flags.  For each op, what cc_dst (D), cc_src (S), cc_src2 (S2)
 * hold; the suffix B/W/L/Q is the operand size (the flags are computed
 * from that many low bits).
 *   EFLAGS        S = the flags themselves (CC_* bits), already computed
 *   ADD           D = result, S = second operand
 *   ADC           D = result, S = second operand, S2 = carry in
 *   SUB           D = result, S = second operand (first = D + S)
 *   SBB           D = result, S = second operand, S2 = borrow in
 *   LOGIC         D = result (CF = OF = 0)
 *   INC / DEC     D = result, S = CF before the insn (preserved)
 *   SHL           D = result, S = value shifted by count - 1
 *   SAR           D = result, S = value shifted by count - 1 (SHR too)
 *   MUL           D = low result, S = high part (CF = OF = S != 0; for
 *                 IMUL, S = high part minus the sign extension of low)
 *   BMILG         D = result, S = source (CF = S == 0; andn, blsi...)
 *   ADCX / ADOX   D = result, S = the carry out (CF resp. OF); the other
 *                 flags come from S2 (their EFLAGS value before)
 *   ADCOX         D = result, S = CF out, S2 = OF out (both in one ...)
 *   CLR           all zero except ZF and PF (xor r, r): nothing stored
 *   POPCNT        D = result (ZF = D == 0, others 0)
 * DYNAMIC exists only in the translator: cc_op is whatever env holds.
 */
typedef enum CCOp {
    CC_OP_DYNAMIC,
    CC_OP_EFLAGS,
    CC_OP_MULB, CC_OP_MULW, CC_OP_MULL, CC_OP_MULQ,
    CC_OP_ADDB, CC_OP_ADDW, CC_OP_ADDL, CC_OP_ADDQ,
    CC_OP_ADCB, CC_OP_ADCW, CC_OP_ADCL, CC_OP_ADCQ,
    CC_OP_SUBB, CC_OP_SUBW, CC_OP_SUBL, CC_OP_SUBQ,
    CC_OP_SBBB, CC_OP_SBBW, CC_OP_SBBL, CC_OP_SBBQ,
    CC_OP_LOGICB, CC_OP_LOGICW, CC_OP_LOGICL, CC_OP_LOGICQ,
    CC_OP_INCB, CC_OP_INCW, CC_OP_INCL, CC_OP_INCQ,
    CC_OP_DECB, CC_OP_DECW, CC_OP_DECL, CC_OP_DECQ,
    CC_OP_SHLB, CC_OP_SHLW, CC_OP_SHLL, CC_OP_SHLQ,
    CC_OP_SARB, CC_OP_SARW, CC_OP_SARL, CC_OP_SARQ,
    CC_OP_BMILGB, CC_OP_BMILGW, CC_OP_BMILGL, CC_OP_BMILGQ,
    CC_OP_ADCX, CC_OP_ADOX, CC_OP_ADCOX,
    CC_OP_CLR,
    CC_OP_POPCNT,
    CC_OP_NB,
} CCOp;

/*
 * A rotate on top of another op's flags, so rotates (which change only
 * CF and OF) need not materialise the flags before them: cc_op = base |
 * CC_OP_ROT | (ror ? CC_OP_ROT_RIGHT : 0) | ot << CC_OP_ROT_SIZE_SHIFT,
 * cc_src2 = the rotated result (CF and OF come from it), the other flags
 * from base and cc_dst/cc_src.  base never keeps anything in cc_src2.
 */
#define CC_OP_ROT             0x100
#define CC_OP_ROT_RIGHT       0x200
#define CC_OP_ROT_SIZE_SHIFT  10
#define CC_OP_BASE_MASK       0xff

/* The op of a sized family for an operand size (MO_8..MO_64). */
#define CC_OP_SIZED(base, ot) ((CCOp)((base) + (ot)))

/* --------------------------------------------------------------- state */

typedef struct SegmentCache {
    uint32_t selector;
    uint64_t base;
    uint32_t limit;
    uint32_t flags;      /* descriptor bits 8..23 of the high word, as
                          * DESC_* below */
} SegmentCache;

#define DESC_TYPE_SHIFT 8
#define DESC_S_MASK     (1u << 12)   /* code/data (not system) */
#define DESC_DPL_SHIFT  13
#define DESC_P_MASK     (1u << 15)
#define DESC_L_MASK     (1u << 21)   /* 64-bit code segment */
#define DESC_B_MASK     (1u << 22)   /* 32-bit segment */
#define DESC_G_MASK     (1u << 23)
#define DESC_CS_MASK    (1u << 11)   /* type bit 3: code */
#define DESC_W_MASK     (1u << 9)    /* data: writable */
#define DESC_R_MASK     (1u << 9)    /* code: readable */

/* A descriptor table (GDT or LDT) in guest memory. */
typedef struct DescTable {
    uint64_t base;       /* guest address of descriptor 0 */
    uint32_t limit;      /* size in bytes - 1; 0 with base 0 = empty */
} DescTable;

/* One XMM/YMM register: the low 16 bytes are the XMM register. */
typedef union X86YMMReg {
    uint8_t b[32];
    uint16_t w[16];
    uint32_t l[8];
    uint64_t q[4];
    int8_t sb[32];
    int16_t sw[16];
    int32_t sl[8];
    int64_t sq[4];
    float32 s[8];
    float64 d[4];
} __attribute__((aligned(32))) X86YMMReg;

typedef union MMXReg {
    uint8_t b[8];
    uint16_t w[4];
    uint32_t l[2];
    uint64_t q;
    int8_t sb[8];
    int16_t sw[4];
    int32_t sl[2];
    int64_t sq;
} MMXReg;

/*
 * An x87 register; MMX register i is the significand of physical
 * register i (not relative to TOP), and writing it sets the exponent
 * field to all ones, as the hardware does.
 */
typedef union FPReg {
    floatx80 d;
    MMXReg mmx;
} FPReg;

typedef struct CPUX86State {
    /* Integer state, in the order generated code uses most. */
    uint64_t regs[16];         /* RAX RCX RDX RBX RSP RBP RSI RDI R8..R15 */
    uint64_t eip;              /* offset in CS (= linear address in user
                                * mode, where CS base is 0) */
    uint64_t cc_dst, cc_src, cc_src2;
    uint32_t cc_op;            /* CCOp */
    int32_t df;                /* +1, or -1 when EFLAGS.DF is set */
    uint64_t eflags;           /* all bits except the six arithmetic
                                * flags and DF (kept lazily / in df) */
    uint32_t hflags;           /* HF_* (the TB flags) */

    SegmentCache segs[6];      /* ES CS SS DS FS GS; FS/GS bases are
                                * arch_prctl / TLS bases */
    DescTable gdt;             /* linux-user provides these in guest */
    DescTable ldt;             /* memory (TLS slots; modify_ldt) */

    /* x87 */
    unsigned fpstt;            /* TOP, 0..7 */
    uint16_t fpus;             /* status word without TOP (bits 11-13) */
    uint16_t fpuc;             /* control word */
    uint8_t fptags[8];         /* 1 = empty, by physical register */
    FPReg fpregs[8];           /* physical registers: ST(i) is
                                * fpregs[(fpstt + i) & 7] */
    uint64_t fpip, fpdp;       /* last instruction / operand pointers */
    uint16_t fpop;             /* last opcode (11 bits) */
    FloatStatus fp_status;     /* from fpuc: rounding and precision */
    floatx80 ft0;              /* scratch operand of x87 helpers */

    /* SSE / AVX */
    uint32_t mxcsr;
    FloatStatus sse_status;    /* from mxcsr: rounding, FTZ, DAZ */
    X86YMMReg xmm_regs[16];    /* 8 in 32-bit mode */
    X86YMMReg xmm_t0;          /* a memory operand, loaded by the
                                * translator for a vector helper */
    MMXReg mmx_t0;
    uint64_t xcr0;             /* XCR0 as xgetbv shows it */

    /* What the last exception needs to say (signal frames, si_code). */
    int error_code;            /* #PF/#GP error code; EXCP_INT: vector */
    uint64_t cr2;              /* #PF: faulting linear address */
    int exception_is_int;      /* raised by int n / int3 / into */
    uint64_t exception_next_eip;  /* eip after the faulting insn */

    /* vm86 (qemu-i386 only): the guest's vm86plus_struct address. */
    uint64_t vm86_struct;

    /* Random numbers for rdrand/rdseed come from the host. */
} CPUX86State;

/* cpuid feature words a model carries (leaf, register). */
enum {
    FEAT_1_EDX,        /* leaf 1 EDX: fpu tsc cx8 cmov mmx fxsr sse sse2 */
    FEAT_1_ECX,        /* leaf 1 ECX: sse3 pclmul ssse3 fma cx16 sse4.1
                        * sse4.2 movbe popcnt aes xsave osxsave avx f16c
                        * rdrand */
    FEAT_7_0_EBX,      /* leaf 7 EBX: bmi1 avx2 bmi2 erms adx rdseed */
    FEAT_7_0_ECX,
    FEAT_7_0_EDX,
    FEAT_8000_0001_EDX,  /* syscall nx lm rdtscp */
    FEAT_8000_0001_ECX,  /* lahf_lm abm (lzcnt) */
    FEAT_XSAVE,        /* leaf 0xd sub 1 EAX: xsaveopt xsavec */
    FEAT_WORDS,
};

/* The feature bits the translator checks (bit positions in the words). */
#define CPUID_FP87    (1u << 0)
#define CPUID_TSC     (1u << 4)
#define CPUID_CX8     (1u << 8)
#define CPUID_SEP     (1u << 11)
#define CPUID_CMOV    (1u << 15)
#define CPUID_CLFLUSH (1u << 19)
#define CPUID_MMX     (1u << 23)
#define CPUID_FXSR    (1u << 24)
#define CPUID_SSE     (1u << 25)
#define CPUID_SSE2    (1u << 26)

#define CPUID_EXT_SSE3    (1u << 0)
#define CPUID_EXT_PCLMULQDQ (1u << 1)
#define CPUID_EXT_SSSE3   (1u << 9)
#define CPUID_EXT_FMA     (1u << 12)
#define CPUID_EXT_CX16    (1u << 13)
#define CPUID_EXT_SSE41   (1u << 19)
#define CPUID_EXT_SSE42   (1u << 20)
#define CPUID_EXT_MOVBE   (1u << 22)
#define CPUID_EXT_POPCNT  (1u << 23)
#define CPUID_EXT_AES     (1u << 25)
#define CPUID_EXT_XSAVE   (1u << 26)
#define CPUID_EXT_OSXSAVE (1u << 27)
#define CPUID_EXT_AVX     (1u << 28)
#define CPUID_EXT_F16C    (1u << 29)
#define CPUID_EXT_RDRAND  (1u << 30)

#define CPUID_7_0_EBX_BMI1   (1u << 3)
#define CPUID_7_0_EBX_AVX2   (1u << 5)
#define CPUID_7_0_EBX_BMI2   (1u << 8)
#define CPUID_7_0_EBX_ERMS   (1u << 9)
#define CPUID_7_0_EBX_ADX    (1u << 19)
#define CPUID_7_0_EBX_RDSEED (1u << 18)
#define CPUID_7_0_EBX_SHA_NI (1u << 29)

#define CPUID_EXT2_SYSCALL (1u << 11)
#define CPUID_EXT2_NX      (1u << 20)
#define CPUID_EXT2_RDTSCP  (1u << 27)
#define CPUID_EXT2_LM      (1u << 29)

#define CPUID_EXT3_LAHF_LM (1u << 0)
#define CPUID_EXT3_ABM     (1u << 5)    /* lzcnt */

typedef struct X86CPU {
    CPUState parent;
    CPUX86State env;
    const struct X86CPUModel *model;
    uint32_t features[FEAT_WORDS];   /* what cpuid reports = implemented */
} X86CPU;

static inline X86CPU *env_archcpu(CPUX86State *env)
{
    return (X86CPU *)env_cpu(env);
}

/* ---------------------------------------------------- cpu.c interface */

/*
 * Create a CPU of the named model ("max", "qemu64", "qemu32", "pentium",
 * "core2duo", "Haswell"...): NULL if the name is unknown.  lm = the
 * process is x86_64 (hflags get LMA/CS64 and 64-bit segments).  The
 * first call also sets up the translator's TCG globals.
 */
X86CPU *x86_cpu_create(const char *model, bool lm);
/* For -cpu help: one model per line. */
void x86_cpu_list(FILE *f);

/* The cpuid instruction: leaf eax, sub-leaf ecx, for the CPU's model. */
void cpu_x86_cpuid(CPUX86State *env, uint32_t leaf, uint32_t sub,
                   uint32_t *eax, uint32_t *ebx, uint32_t *ecx, uint32_t *edx);

/* EFLAGS as the guest reads it (materialises the lazy flags). */
uint32_t cpu_compute_eflags(CPUX86State *env);
/* Set EFLAGS bits in update_mask from v (lazy flags, DF, the rest). */
void cpu_load_eflags(CPUX86State *env, uint32_t v, uint32_t update_mask);
/* The six arithmetic flags from cc_op/cc_dst/cc_src/cc_src2. */
uint32_t cc_compute_all(uint64_t dst, uint64_t src, uint64_t src2, int op);
uint32_t cc_compute_c(uint64_t dst, uint64_t src, uint64_t src2, int op);

/* Load a segment register in user mode (selector checked against the
 * GDT/LDT in guest memory); raises #GP/#NP through cpu_loop_exit. */
void cpu_x86_load_seg(CPUX86State *env, int seg, uint32_t selector);
/* Recompute hflags from segs/eflags after linux-user changes them. */
void cpu_x86_update_hflags(CPUX86State *env);

/* x87 control word and MXCSR: keep fp_status / sse_status in step. */
void cpu_set_fpuc(CPUX86State *env, uint16_t fpuc);
void cpu_set_mxcsr(CPUX86State *env, uint32_t mxcsr);
/* The status word with TOP (and the flags accumulated in fp_status). */
uint16_t cpu_get_fpus(CPUX86State *env);
/* The tag word in the abridged form (fxsave) and the full form (fsave). */
uint16_t cpu_get_fptag_full(CPUX86State *env);

/*
 * Signal frames (fpstate_helper.c): save/restore the x87+SSE+AVX state
 * in the layouts Linux puts in a signal frame.  fxsave: the 512-byte
 * FXSAVE area at guest addr; xsave adds the XSAVE header and the AVX
 * upper halves (component 2 at offset 576); fsave: the 108-byte (32-bit
 * protected mode) FSAVE area.  Return false if addr is not accessible.
 */
bool cpu_x86_fxsave(CPUX86State *env, uint64_t addr);
bool cpu_x86_fxrstor(CPUX86State *env, uint64_t addr);
bool cpu_x86_xsave(CPUX86State *env, uint64_t addr, uint64_t rfbm);
bool cpu_x86_xrstor(CPUX86State *env, uint64_t addr, uint64_t rfbm);
bool cpu_x86_fsave(CPUX86State *env, uint64_t addr);
bool cpu_x86_frstor(CPUX86State *env, uint64_t addr);

#endif
