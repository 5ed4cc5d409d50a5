/*
 * tcg.h: the Tiny Code Generator's IR and context.
 *
 * Frontends build a list of ops (include/tcg/tcg-op.h) between
 * tcg_func_start() and tcg_gen_code(); tcg_gen_code() optimises the list
 * (tcg/optimize.c), computes liveness, allocates host registers and asks
 * the host backend (tcg/<host>/tcg-target.c.inc) to emit code.
 *
 * Values live in temps:
 *   TEMP_FIXED   a host register for the whole run (the CPU-state pointer)
 *   TEMP_GLOBAL  a guest register, backed by a field of the CPU state; kept
 *                in a host register inside a TB and written back lazily
 *   TEMP_TB      a translation-time variable that lives across branches
 *   TEMP_EBB     a variable that dies at the end of its extended basic block
 *   TEMP_CONST   an interned constant of one type
 *
 * One TCGContext exists per process; translation runs under the
 * translation lock (exec/translate-all.c), so passes use it freely.
 */
#ifndef TCG_TCG_H
#define TCG_TCG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tcg/memop.h"
#include "tcg-target.h"

#define TCG_MAX_TEMPS 1024
#define TCG_MAX_INSNS 512
#define TCG_MAX_OP_ARGS 16
#define TCG_INSN_START_WORDS_MAX 3
#define TCG_MAX_HELPER_ARGS 8

/* Size of the spill area in the host frame (bytes). */
#define TCG_STATIC_FRAME_SIZE (256 * 8)

typedef enum TCGType {
    TCG_TYPE_I32,
    TCG_TYPE_I64,
    TCG_TYPE_COUNT,
    TCG_TYPE_PTR = TCG_TYPE_I64,   /* 64-bit hosts only, for now */
    TCG_TYPE_REG = TCG_TYPE_I64,
} TCGType;

typedef uintptr_t TCGArg;
typedef uint64_t TCGRegSet;

typedef enum TCGOpcode {
#define DEF(name, oargs, iargs, cargs, flags) INDEX_op_##name,
#include "tcg/tcg-opc.h"
    NB_OPS,
} TCGOpcode;

/* Op flags, in the op table. */
enum {
    TCG_OPF_BB_EXIT = 0x01,        /* leaves the TB */
    TCG_OPF_BB_END = 0x02,         /* ends a basic block */
    TCG_OPF_CALL_CLOBBER = 0x04,   /* clobbers call-clobbered registers */
    TCG_OPF_SIDE_EFFECTS = 0x08,   /* never removed as dead */
    TCG_OPF_COND_BRANCH = 0x10,
    TCG_OPF_NOT_PRESENT = 0x20,    /* handled by tcg.c, not the backend */
    TCG_OPF_INT = 0x40,            /* type-generic on i32/i64 */
    TCG_OPF_MAY_FAULT = 0x80,      /* may leave the TB: globals synced */
};

typedef struct TCGOpDef {
    const char *name;
    uint8_t nb_oargs, nb_iargs, nb_cargs, nb_args;
    uint8_t flags;
} TCGOpDef;

extern const TCGOpDef tcg_op_defs[NB_OPS];

/*
 * Conditions.  Each pair (c, c ^ 1) are inverses of each other.
 */
typedef enum TCGCond {
    TCG_COND_NEVER = 0,
    TCG_COND_ALWAYS = 1,
    TCG_COND_EQ = 2,
    TCG_COND_NE = 3,
    TCG_COND_LT = 4,
    TCG_COND_GE = 5,
    TCG_COND_LE = 6,
    TCG_COND_GT = 7,
    TCG_COND_LTU = 8,
    TCG_COND_GEU = 9,
    TCG_COND_LEU = 10,
    TCG_COND_GTU = 11,
    TCG_COND_COUNT = 12,
} TCGCond;

static inline TCGCond tcg_invert_cond(TCGCond c)
{
    return (TCGCond)(c ^ 1);
}

/* The condition that holds for (b, a) when c holds for (a, b). */
static inline TCGCond tcg_swap_cond(TCGCond c)
{
    static const uint8_t swapped[TCG_COND_COUNT] = {
        [TCG_COND_NEVER] = TCG_COND_NEVER, [TCG_COND_ALWAYS] = TCG_COND_ALWAYS,
        [TCG_COND_EQ] = TCG_COND_EQ, [TCG_COND_NE] = TCG_COND_NE,
        [TCG_COND_LT] = TCG_COND_GT, [TCG_COND_GT] = TCG_COND_LT,
        [TCG_COND_LE] = TCG_COND_GE, [TCG_COND_GE] = TCG_COND_LE,
        [TCG_COND_LTU] = TCG_COND_GTU, [TCG_COND_GTU] = TCG_COND_LTU,
        [TCG_COND_LEU] = TCG_COND_GEU, [TCG_COND_GEU] = TCG_COND_LEU,
    };
    return (TCGCond)swapped[c];
}

static inline bool tcg_cond_is_unsigned(TCGCond c)
{
    return c >= TCG_COND_LTU;
}

/* Evaluate a condition on two values of a type (used by folds and tci). */
bool tcg_cond_eval(TCGCond c, TCGType type, uint64_t a, uint64_t b);

/* Memory barrier kinds (the constant argument of mb). */
enum {
    TCG_MO_LD_LD = 1,
    TCG_MO_ST_LD = 2,
    TCG_MO_LD_ST = 4,
    TCG_MO_ST_ST = 8,
    TCG_MO_ALL = 15,
};

/* ---------------------------------------------------------------- temps */

typedef enum TCGTempKind {
    TEMP_EBB,
    TEMP_TB,
    TEMP_GLOBAL,
    TEMP_FIXED,
    TEMP_CONST,
} TCGTempKind;

typedef enum TCGTempVal {
    TEMP_VAL_DEAD,
    TEMP_VAL_REG,
    TEMP_VAL_MEM,
    TEMP_VAL_CONST,
} TCGTempVal;

typedef struct TCGTemp {
    uint8_t kind;              /* TCGTempKind */
    uint8_t type;              /* TCGType */
    uint8_t val_type;          /* TCGTempVal (register allocator) */
    int8_t reg;                /* valid when val_type == TEMP_VAL_REG */
    bool mem_coherent;         /* memory slot holds the current value */
    bool mem_allocated;        /* a spill slot was given (EBB/TB temps) */
    bool temp_allocated;       /* in use (EBB/TB temps) */
    int64_t val;               /* the constant (TEMP_CONST) */
    struct TCGTemp *mem_base;  /* memory home: base temp + offset */
    intptr_t mem_offset;
    const char *name;          /* globals only */
    uintptr_t state;           /* scratch for the current pass */
    void *state_ptr;
    uintptr_t spare;           /* unused: keeps sizeof(TCGTemp) == 64 */
} TCGTemp;

/* A power of two, so that temp_idx() is a shift. */
_Static_assert(sizeof(TCGTemp) == 64, "TCGTemp is 64 bytes");

/* Opaque typed handles for frontends: they point at a TCGTemp. */
typedef struct TCGv_i32_d *TCGv_i32;
typedef struct TCGv_i64_d *TCGv_i64;
typedef struct TCGv_ptr_d *TCGv_ptr;

static inline TCGTemp *tcgv_i32_temp(TCGv_i32 v) { return (TCGTemp *)v; }
static inline TCGTemp *tcgv_i64_temp(TCGv_i64 v) { return (TCGTemp *)v; }
static inline TCGTemp *tcgv_ptr_temp(TCGv_ptr v) { return (TCGTemp *)v; }
static inline TCGv_i32 temp_tcgv_i32(TCGTemp *t) { return (TCGv_i32)t; }
static inline TCGv_i64 temp_tcgv_i64(TCGTemp *t) { return (TCGv_i64)t; }
static inline TCGv_ptr temp_tcgv_ptr(TCGTemp *t) { return (TCGv_ptr)t; }
static inline TCGArg temp_arg(TCGTemp *t) { return (TCGArg)t; }
static inline TCGTemp *arg_temp(TCGArg a) { return (TCGTemp *)a; }

/* --------------------------------------------------------------- labels */

typedef struct TCGRelocation {
    struct TCGRelocation *next;
    tcg_insn_unit *ptr;        /* where to patch */
    int type;                  /* backend-specific relocation kind */
    intptr_t addend;
} TCGRelocation;

typedef struct TCGLabel {
    unsigned id;
    unsigned refs;             /* branches to it still in the op list */
    bool has_value;
    tcg_insn_unit *value;      /* the code address once emitted */
    TCGRelocation *relocs;
} TCGLabel;

static inline TCGArg label_arg(TCGLabel *l) { return (TCGArg)l; }
static inline TCGLabel *arg_label(TCGArg a) { return (TCGLabel *)a; }

/* -------------------------------------------------------------- helpers */

/* Helper call flags: what a helper does NOT do.  Default: everything. */
enum {
    TCG_CALL_NO_READ_GLOBALS = 1,  /* reads no guest register from env */
    TCG_CALL_NO_WRITE_GLOBALS = 2, /* writes no guest register in env */
    TCG_CALL_NO_SIDE_EFFECTS = 4,  /* pure: may be removed if unused */
    TCG_CALL_NO_RWG = TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS,
    TCG_CALL_NO_WG = TCG_CALL_NO_WRITE_GLOBALS,
    TCG_CALL_NO_RWG_SE = TCG_CALL_NO_RWG | TCG_CALL_NO_SIDE_EFFECTS,
};
/*
 * A helper that may raise a guest exception (leave through
 * cpu_loop_exit) must not be TCG_CALL_NO_READ_GLOBALS: the exception
 * reads the guest state, so globals must be in memory at the call.
 */

/* Argument/return kinds of a helper signature. */
typedef enum TCGCallType {
    TCG_CALL_VOID,
    TCG_CALL_I32,
    TCG_CALL_I64,
    TCG_CALL_PTR,
} TCGCallType;

typedef struct TCGHelperInfo {
    void *func;
    const char *name;
    unsigned flags;
    uint8_t ret;                            /* TCGCallType */
    uint8_t nargs;
    uint8_t args[TCG_MAX_HELPER_ARGS];      /* TCGCallType each */
} TCGHelperInfo;

/* ------------------------------------------------------------------ ops */

/* Life data of an op: which arguments die here, which outputs must be
 * written back to memory after it. */
#define SYNC_ARG(n) (1u << (n))
#define DEAD_ARG(n) (1u << ((n) + 2))

typedef struct TCGOp {
    uint8_t opc;               /* TCGOpcode */
    uint8_t type;              /* TCGType, for TCG_OPF_INT ops */
    uint8_t call_oargs;        /* calls: outputs */
    uint8_t call_iargs;        /* calls: inputs; then func, info */
    uint32_t life;
    struct TCGOp *next, *prev;
    TCGRegSet output_pref[2];  /* preferred output registers */
    TCGArg args[TCG_MAX_OP_ARGS];
} TCGOp;

static inline int tcg_op_nb_oargs(const TCGOp *op)
{
    return op->opc == INDEX_op_call ? op->call_oargs
                                    : tcg_op_defs[op->opc].nb_oargs;
}

static inline int tcg_op_nb_iargs(const TCGOp *op)
{
    return op->opc == INDEX_op_call ? op->call_iargs
                                    : tcg_op_defs[op->opc].nb_iargs;
}

static inline const TCGHelperInfo *tcg_call_info(const TCGOp *op)
{
    return (const TCGHelperInfo *)op->args[op->call_oargs + op->call_iargs + 1];
}

static inline void *tcg_call_func(const TCGOp *op)
{
    return (void *)op->args[op->call_oargs + op->call_iargs];
}

#define QTAILQ_FOREACH_OP(op, s) for ((op) = (s)->ops_first; (op); (op) = (op)->next)
#define TCG_FOREACH_OP_SAFE(op, next_op, s) \
    for ((op) = (s)->ops_first; (op) && ((next_op) = (op)->next, 1); (op) = (next_op))

/* ------------------------------------------------------ operand constraints */

typedef struct TCGArgConstraint {
    TCGRegSet regs;            /* acceptable registers */
    int ct;                    /* acceptable constants (backend TCG_CT_*) */
    int8_t alias_index;        /* output: the input it shares a register with */
    bool oalias;               /* this input is aliased to output alias_index */
    bool ialias;               /* this output is aliased to input alias_index */
    bool newreg;               /* output must not overlap any input */
} TCGArgConstraint;

#define TCG_CT_CONST 1         /* any constant */

/* ---------------------------------------------------------------- context */

#define TCG_PASS_LIVENESS 1
#define TCG_PASS_REGALLOC 2

typedef struct TCGPool TCGPool;
struct TranslationBlock;

typedef struct TCGContext {
    /* code buffer */
    tcg_insn_unit *code_gen_buffer;
    size_t code_gen_buffer_size;
    tcg_insn_unit *code_gen_ptr;        /* first free byte */
    tcg_insn_unit *code_gen_highwater;  /* beyond this: flush before use */
    tcg_insn_unit *code_gen_prologue;
    const void *code_gen_epilogue;      /* return to the exec loop with 0 */
    tcg_insn_unit *code_buf;            /* the TB being emitted */
    tcg_insn_unit *code_ptr;

    /* temps */
    int nb_globals;
    int nb_temps;
    TCGTemp temps[TCG_MAX_TEMPS];
    TCGTemp *env;                       /* TEMP_FIXED: the CPU state */
    TCGTemp *frame_temp;                /* TEMP_FIXED: the spill area base */
    intptr_t frame_start, frame_end, current_frame_offset;

    /* ops of the TB being translated */
    TCGOp *ops_first, *ops_last;
    TCGOp *free_ops;
    int nb_ops;
    unsigned nb_labels;
    TCGPool *pool_first, *pool_current;
    uint8_t *pool_cur, *pool_end;

    /* register allocation */
    TCGRegSet reserved_regs;
    TCGTemp *reg_to_temp[TCG_TARGET_NB_REGS];

    /*
     * Per-temp bit sets (bit i is s->temps[i]), so that the walks at
     * memory ops and block ends visit only the temps that can need work.
     *   tb_temps: the TEMP_TB temps of the TB being translated;
     *   ra_dirty: temps the register allocator may have moved away from
     *             their state at the start of a block (in a register, or
     *             a known constant that memory may not hold).
     */
    uint64_t tb_temps[TCG_MAX_TEMPS / 64];
    int tb_temps_words;                 /* words of tb_temps in use */
    uint64_t ra_dirty[TCG_MAX_TEMPS / 64];
    /*
     * Passes run since tcg_func_start() (TCG_PASS_*).  The temps made
     * since then are zeroed (constants: TEMP_VAL_CONST), which is the
     * start state of liveness and register allocation, so their first
     * run skips resetting them.
     */
    uint8_t passes_run;
    /* liveness.c: globals [0, la_globals_ready) hold their state at the
     * end of a TB between runs (0 after tcg_context_init). */
    int la_globals_ready;
    /* Register allocation: the same for globals [0, ra_globals_ready),
     * except those left marked in ra_dirty. */
    int ra_globals_ready;

    /* per-instruction restore data */
    int insn_start_words;               /* words per insn_start (pc + extra) */
    int nb_insns;
    uint64_t gen_insn_data[TCG_MAX_INSNS][TCG_INSN_START_WORDS_MAX];
    uint16_t gen_insn_end_off[TCG_MAX_INSNS];

    /* the TB being generated */
    struct TranslationBlock *gen_tb;
    uint16_t goto_tb_offset[2];         /* the patchable jump of each goto_tb */
    uint16_t goto_tb_reset[2];          /* where an unchained jump goes */

    /* guest memory in user mode: host address = guest_base + guest addr */
    uintptr_t guest_base;
    TCGType addr_type;                  /* guest address width */
    void (*unaligned_helper)(void *env, uint64_t addr, MemOpIdx oi,
                             uintptr_t retaddr);

    /*
     * System mode (tcg_exec_init(size, true)): qemu_ld/qemu_st go
     * through the soft TLB (exec/cputlb.h) instead of guest_base.
     * tlb_fast_ofs is the offset of CPUState.tlb.f[0] from env
     * (negative: env follows CPUState), set before each translation.
     */
    bool system_mode;
    intptr_t tlb_fast_ofs;

    /* slow paths queued by the backend while emitting a TB */
    struct TCGLdstLabel *ldst_labels;

    /* -d logging */
    bool log_op, log_op_opt, log_out_asm;
    bool no_optimize;                   /* skip tcg/optimize.c (tests) */

    /* statistics for -d and make bench */
    uint64_t stat_tbs, stat_insns, stat_ops, stat_ops_opt, stat_code_bytes;
} TCGContext;

extern TCGContext *tcg_ctx;

/*
 * System mode: the soft TLB's slow paths (helper_ld*_mmu and
 * helper_st*_mmu of exec/cputlb.h, by log2 of the size), which generated
 * code calls on a TLB miss.  softmmu/cputlb.c fills this in tlb_init, so
 * libtcg does not depend on the soft MMU.
 */
typedef struct TCGSoftmmuHelpers {
    uint64_t (*ld[4])(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra);
    void (*st[4])(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                  uintptr_t ra);
} TCGSoftmmuHelpers;
extern TCGSoftmmuHelpers tcg_softmmu_helpers;

/* ------------------------------------------------------------ life cycle */

/* Create the context and emit the prologue into buffer (size bytes). */
void tcg_context_init(void *buffer, size_t size);
/* Start a new op list for a TB. */
void tcg_func_start(TCGContext *s);
/*
 * Optimise, allocate and emit the op list at s->code_gen_ptr.  Returns
 * the number of bytes emitted, -1 when the code buffer's high-water mark
 * was passed (flush and retry), -2 when the TB needs more spill slots
 * than the frame has (retry with fewer guest instructions).
 */
int tcg_gen_code(TCGContext *s, struct TranslationBlock *tb);

/* Arena for per-TB data, released by tcg_func_start(). */
void *tcg_malloc(size_t size);

/* --------------------------------------------------------------- temps */

TCGTemp *tcg_global_mem_new_internal(TCGType type, TCGTemp *base,
                                     intptr_t offset, const char *name);
TCGTemp *tcg_temp_new_internal(TCGType type, TCGTempKind kind);
TCGTemp *tcg_constant_internal(TCGType type, int64_t val);
void tcg_temp_free_internal(TCGTemp *ts);

static inline TCGv_i32 tcg_global_mem_new_i32(TCGv_ptr base, intptr_t ofs,
                                              const char *name)
{
    return temp_tcgv_i32(tcg_global_mem_new_internal(TCG_TYPE_I32,
                                                     tcgv_ptr_temp(base),
                                                     ofs, name));
}

static inline TCGv_i64 tcg_global_mem_new_i64(TCGv_ptr base, intptr_t ofs,
                                              const char *name)
{
    return temp_tcgv_i64(tcg_global_mem_new_internal(TCG_TYPE_I64,
                                                     tcgv_ptr_temp(base),
                                                     ofs, name));
}

/* EBB temps die at the end of an extended basic block (a label). */
static inline TCGv_i32 tcg_temp_new_i32(void)
{
    return temp_tcgv_i32(tcg_temp_new_internal(TCG_TYPE_I32, TEMP_EBB));
}

static inline TCGv_i64 tcg_temp_new_i64(void)
{
    return temp_tcgv_i64(tcg_temp_new_internal(TCG_TYPE_I64, TEMP_EBB));
}

static inline TCGv_ptr tcg_temp_new_ptr(void)
{
    return temp_tcgv_ptr(tcg_temp_new_internal(TCG_TYPE_PTR, TEMP_EBB));
}

/* TB temps keep their value across labels until the end of the TB. */
static inline TCGv_i32 tcg_temp_new_tb_i32(void)
{
    return temp_tcgv_i32(tcg_temp_new_internal(TCG_TYPE_I32, TEMP_TB));
}

static inline TCGv_i64 tcg_temp_new_tb_i64(void)
{
    return temp_tcgv_i64(tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB));
}

static inline void tcg_temp_free_i32(TCGv_i32 v) { tcg_temp_free_internal(tcgv_i32_temp(v)); }
static inline void tcg_temp_free_i64(TCGv_i64 v) { tcg_temp_free_internal(tcgv_i64_temp(v)); }
static inline void tcg_temp_free_ptr(TCGv_ptr v) { tcg_temp_free_internal(tcgv_ptr_temp(v)); }

/* Constants are interned read-only temps: never write to them. */
static inline TCGv_i32 tcg_constant_i32(int32_t val)
{
    return temp_tcgv_i32(tcg_constant_internal(TCG_TYPE_I32, (uint32_t)val));
}

static inline TCGv_i64 tcg_constant_i64(int64_t val)
{
    return temp_tcgv_i64(tcg_constant_internal(TCG_TYPE_I64, val));
}

static inline TCGv_ptr tcg_constant_ptr(intptr_t val)
{
    return temp_tcgv_ptr(tcg_constant_internal(TCG_TYPE_PTR, val));
}

/* The CPU-state pointer, valid after tcg_context_init(). */
static inline TCGv_ptr tcg_env(void)
{
    return temp_tcgv_ptr(tcg_ctx->env);
}

static inline size_t temp_idx(TCGTemp *ts)
{
    return ts - tcg_ctx->temps;
}

/* ----------------------------------------------------------------- ops */

TCGOp *tcg_emit_op(TCGOpcode opc, TCGType type, int nargs);
TCGOp *tcg_op_insert_before(TCGContext *s, TCGOp *op, TCGOpcode opc,
                            TCGType type, int nargs);
TCGOp *tcg_op_insert_after(TCGContext *s, TCGOp *op, TCGOpcode opc,
                           TCGType type, int nargs);
void tcg_op_remove(TCGContext *s, TCGOp *op);

TCGLabel *gen_new_label(void);

/* Backend capability: does the host backend implement opc on type? */
bool tcg_op_supported(TCGOpcode opc, TCGType type);

/* Passes */
void tcg_optimize(TCGContext *s);
void tcg_liveness_analysis(TCGContext *s);

/* Dump the op list (for -d op and -d op_opt). */
void tcg_dump_ops(TCGContext *s, FILE *f, bool have_prefs);

/* Mask an i32 value / sign-extend for a type. */
static inline uint64_t tcg_type_mask(TCGType type, uint64_t v)
{
    return type == TCG_TYPE_I32 ? (uint32_t)v : v;
}

/* The TB exit values returned by tcg_qemu_tb_exec: TB pointer | index. */
#define TB_EXIT_MASK 3
#define TB_EXIT_IDX0 0
#define TB_EXIT_IDX1 1
#define TB_EXIT_IDXMAX 1
#define TB_EXIT_REQUESTED 3

/* Enter generated code; returns the value of the exit_tb that left it. */
#ifdef TCG_TARGET_INTERPRETER
static inline uintptr_t tcg_qemu_tb_exec(void *env, const void *tc_ptr)
{
    return tcg_qemu_tb_exec_tci(env, tc_ptr);
}
#else
typedef uintptr_t (*TCGQemuTBExec)(void *env, const void *tc_ptr);
static inline uintptr_t tcg_qemu_tb_exec(void *env, const void *tc_ptr)
{
    return ((TCGQemuTBExec)tcg_ctx->code_gen_prologue)(env, tc_ptr);
}
#endif

/* Is the frontend close to running out of temps?  (end the TB early) */
bool tcg_temps_nearly_full(void);

/* Fatal internal error: IR built by our own frontends was invalid. */
void tcg_abort_msg(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
#define tcg_debug_assert(x) do { if (!(x)) { tcg_abort_msg("%s:%d: assertion failed: %s", __FILE__, __LINE__, #x); } } while (0)

#endif
