/*
 * tcg.c: the TCG context, temps, the op list, and code generation.
 *
 * tcg_gen_code() runs the passes over the op list the frontend built:
 * tcg_optimize() (optimize.c), tcg_liveness_analysis() (liveness.c),
 * then a single forward pass that allocates host registers and calls the
 * backend's emitters (tcg-target.c.inc, included below).
 *
 * Register allocation is local to each basic block.  Each temp is in one
 * of four places: dead, a host register, its memory home (globals: the
 * CPU-state field; other temps: a slot in the host frame), or a known
 * constant.  Liveness tells the allocator, per op, which inputs die there
 * and which outputs must also be written to memory.  So a guest register
 * stays in a host register through a TB and is stored once, after its
 * last definition, when something later needs it in memory (a helper
 * that reads globals, a guest memory access that may fault, the TB end).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/tcg.h"
#include "tcg-internal.h"

TCGContext *tcg_ctx;
static TCGContext tcg_init_ctx;

const TCGOpDef tcg_op_defs[NB_OPS] = {
#define DEF(n, o, i, c, f) [INDEX_op_##n] = { #n, o, i, c, o + i + c, f },
#include "tcg/tcg-opc.h"
};

/* Registers each type may use, and those a call clobbers (set by the backend). */
static TCGRegSet tcg_target_available_regs[TCG_TYPE_COUNT];
static TCGRegSet tcg_target_call_clobber_regs;

/* Where gen_code longjmps when the frame or the code buffer overflows. */
static jmp_buf gen_code_jmp;

static inline void tcg_regset_set(TCGRegSet *set, int reg) { *set |= (TCGRegSet)1 << reg; }
static inline __attribute__((unused)) void tcg_regset_reset(TCGRegSet *set, int reg) { *set &= ~((TCGRegSet)1 << reg); }
static inline bool tcg_regset_test(TCGRegSet set, int reg) { return (set >> reg) & 1; }

/* ------------------------------------------------------------- emitters */

static inline void tcg_out8(TCGContext *s, uint8_t v)
{
    *s->code_ptr++ = v;
}

static inline __attribute__((unused)) void tcg_out16(TCGContext *s, uint16_t v)
{
    memcpy(s->code_ptr, &v, 2);
    s->code_ptr += 2;
}

static inline void tcg_out32(TCGContext *s, uint32_t v)
{
    memcpy(s->code_ptr, &v, 4);
    s->code_ptr += 4;
}

static inline void tcg_out64(TCGContext *s, uint64_t v)
{
    memcpy(s->code_ptr, &v, 8);
    s->code_ptr += 8;
}

static inline void tcg_patch32(tcg_insn_unit *p, uint32_t v)
{
    memcpy(p, &v, 4);
}

static inline __attribute__((unused)) void tcg_patch64(tcg_insn_unit *p, uint64_t v)
{
    memcpy(p, &v, 8);
}

/* Record that the code at ptr refers to label l, patched when l is placed. */
static void tcg_out_reloc(TCGContext *s, tcg_insn_unit *ptr, int type,
                          TCGLabel *l, intptr_t addend)
{
    TCGRelocation *r = tcg_malloc(sizeof(*r));

    r->ptr = ptr;
    r->type = type;
    r->addend = addend;
    r->next = l->relocs;
    l->relocs = r;
}

static bool patch_reloc(tcg_insn_unit *code_ptr, int type, intptr_t value,
                        intptr_t addend);

static void tcg_out_label(TCGContext *s, TCGLabel *l)
{
    TCGRelocation *r;

    l->has_value = true;
    l->value = s->code_ptr;
    for (r = l->relocs; r; r = r->next) {
        if (!patch_reloc(r->ptr, r->type, (intptr_t)l->value, r->addend)) {
            tcg_abort_msg("relocation out of range");
        }
    }
}

/* Slow paths of guest memory accesses, emitted after the TB's code. */
typedef struct TCGLdstLabel {
    struct TCGLdstLabel *next;
    bool is_ld;
    MemOpIdx oi;
    TCGType type;
    int addr_reg;
    int data_reg;
    tcg_insn_unit *label_ptr;    /* the branch to the slow path */
    tcg_insn_unit *raddr;        /* return address in the fast path */
    bool tlb;                    /* system mode: a soft-TLB miss (else an
                                    alignment fault in user mode) */
    bool pair;                   /* qemu_ld2/st2: data2_reg is the hi half */
    int data2_reg;
} TCGLdstLabel;

TCGSoftmmuHelpers tcg_softmmu_helpers;

static __attribute__((unused)) TCGLdstLabel *new_ldst_label(TCGContext *s)
{
    TCGLdstLabel *l = tcg_malloc(sizeof(*l));

    memset(l, 0, sizeof(*l));
    l->next = s->ldst_labels;
    s->ldst_labels = l;
    return l;
}

#include "tcg-target.c.inc"

/* ---------------------------------------------------------------- pool */

struct TCGPool {
    struct TCGPool *next;
    size_t size;
    uint8_t data[];
};

#define TCG_POOL_CHUNK (64 * 1024)

void *tcg_malloc(size_t size)
{
    TCGContext *s = tcg_ctx;
    TCGPool *p;
    uint8_t *r;

    size = (size + 15) & ~(size_t)15;
    if (s->pool_cur + size <= s->pool_end) {
        r = s->pool_cur;
        s->pool_cur += size;
        return r;
    }
    /* Next chunk: reuse the following one if large enough. */
    p = s->pool_current ? s->pool_current->next : s->pool_first;
    if (!p || p->size < size) {
        size_t chunk = size > TCG_POOL_CHUNK ? size : TCG_POOL_CHUNK;
        TCGPool *n = malloc(sizeof(TCGPool) + chunk);

        if (!n) {
            tcg_abort_msg("out of memory");
        }
        n->size = chunk;
        if (s->pool_current) {
            n->next = s->pool_current->next;
            s->pool_current->next = n;
        } else {
            n->next = s->pool_first;
            s->pool_first = n;
        }
        p = n;
    }
    s->pool_current = p;
    s->pool_cur = p->data + size;
    s->pool_end = p->data + p->size;
    return p->data;
}

static void tcg_pool_reset(TCGContext *s)
{
    s->pool_current = NULL;
    s->pool_cur = s->pool_end = NULL;
}

/* ------------------------------------------------------------ errors */

void tcg_abort_msg(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "tcg fatal error: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

bool tcg_cond_eval(TCGCond c, TCGType type, uint64_t a, uint64_t b)
{
    int64_t sa, sb;

    if (type == TCG_TYPE_I32) {
        a = (uint32_t)a;
        b = (uint32_t)b;
        sa = (int32_t)a;
        sb = (int32_t)b;
    } else {
        sa = a;
        sb = b;
    }
    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    default: tcg_abort_msg("bad condition %d", c);
    }
}

/* ------------------------------------------------------- constraints */

/*
 * Read for every op, often with the cache cold from running guest code:
 * what an op of up to three arguments needs is in the first two lines.
 */
typedef struct TCGOpConstraints {
    bool parsed;
    uint8_t sort_index[TCG_MAX_OP_ARGS];    /* inputs, most constrained first */
    TCGArgConstraint args[TCG_MAX_OP_ARGS];
} __attribute__((aligned(64))) TCGOpConstraints;

static TCGOpConstraints op_constraints[NB_OPS][TCG_TYPE_COUNT];

static int regset_count(TCGRegSet s)
{
    return __builtin_popcountll(s);
}

static const TCGOpConstraints *get_constraints(TCGOpcode opc, TCGType type)
{
    TCGOpConstraints *c = &op_constraints[opc][type];
    const TCGOpDef *def = &tcg_op_defs[opc];
    const char *p;
    int i, j, n;

    if (c->parsed) {
        return c;
    }
    p = tcg_target_op_constraint(opc, type);
    if (!p) {
        tcg_abort_msg("backend has no constraints for %s", def->name);
    }
    n = def->nb_oargs + def->nb_iargs;
    for (i = 0; i < n; i++) {
        TCGArgConstraint *ct = &c->args[i];

        ct->alias_index = -1;
        for (; *p && *p != ','; p++) {
            switch (*p) {
            case 'r':
                ct->regs |= tcg_target_available_regs[type];
                break;
            case 'i':
                ct->ct |= TCG_CT_CONST;
                break;
            case '&':
                ct->newreg = true;
                break;
            case '0' ... '9':
                j = *p - '0';
                ct->oalias = true;
                ct->alias_index = j;
                c->args[j].ialias = true;
                c->args[j].alias_index = i;
                ct->regs = c->args[j].regs;
                break;
            default:
                if (!tcg_target_parse_constraint(ct, *p, type)) {
                    tcg_abort_msg("bad constraint '%c' for %s", *p, def->name);
                }
            }
        }
        if (*p == ',') {
            p++;
        }
    }
    /* Inputs: aliased ones first, then those with the fewest registers. */
    for (i = 0; i < def->nb_iargs; i++) {
        c->sort_index[i] = def->nb_oargs + i;
    }
    for (i = 0; i < def->nb_iargs; i++) {
        for (j = i + 1; j < def->nb_iargs; j++) {
            TCGArgConstraint *a = &c->args[c->sort_index[i]];
            TCGArgConstraint *b = &c->args[c->sort_index[j]];
            int ka = a->oalias ? 0 : 1 + regset_count(a->regs);
            int kb = b->oalias ? 0 : 1 + regset_count(b->regs);

            if (kb < ka) {
                uint8_t t = c->sort_index[i];
                c->sort_index[i] = c->sort_index[j];
                c->sort_index[j] = t;
            }
        }
    }
    c->parsed = true;
    return c;
}

bool tcg_op_supported(TCGOpcode opc, TCGType type)
{
    if (tcg_op_defs[opc].flags & TCG_OPF_NOT_PRESENT) {
        return true;
    }
    return tcg_target_op_supported(opc, type);
}

/* --------------------------------------------------------------- init */

static TCGTemp *tcg_temp_alloc(TCGContext *s)
{
    TCGTemp *ts;

    if (s->nb_temps >= TCG_MAX_TEMPS) {
        tcg_abort_msg("too many temps");
    }
    ts = &s->temps[s->nb_temps++];
    /* A structure copy: inline stores, where memset was a libc call. */
    *ts = (TCGTemp){ 0 };
    return ts;
}

static TCGTemp *tcg_global_reg_new(TCGContext *s, TCGType type, int reg,
                                   const char *name)
{
    TCGTemp *ts = tcg_temp_alloc(s);

    s->nb_globals++;
    ts->kind = TEMP_FIXED;
    ts->type = type;
    ts->reg = reg;
    ts->val_type = TEMP_VAL_REG;
    ts->name = name;
    tcg_regset_set(&s->reserved_regs, reg);
    return ts;
}

void tcg_context_init(void *buffer, size_t size)
{
    TCGContext *s = &tcg_init_ctx;

    memset(s, 0, sizeof(*s));
    tcg_ctx = s;
    s->code_gen_buffer = buffer;
    s->code_gen_buffer_size = size;
    s->addr_type = TCG_TYPE_I64;
    s->insn_start_words = 1;

    tcg_target_init(s);
    s->env = tcg_global_reg_new(s, TCG_TYPE_PTR, TCG_AREG0, "env");
    s->frame_temp = tcg_global_reg_new(s, TCG_TYPE_PTR, TCG_REG_CALL_STACK,
                                       "_frame");
    s->frame_start = TCG_STATIC_CALL_ARGS_SIZE;
    s->frame_end = TCG_STATIC_CALL_ARGS_SIZE + TCG_STATIC_FRAME_SIZE;

    /* The prologue goes at the start of the buffer. */
    s->code_ptr = s->code_buf = s->code_gen_prologue = buffer;
    tcg_target_qemu_prologue(s);
    s->code_ptr = (tcg_insn_unit *)(((uintptr_t)s->code_ptr + 63) & ~(uintptr_t)63);
    tcg_flush_icache(s->code_gen_prologue, s->code_ptr);
    s->code_gen_ptr = s->code_ptr;
    /* Room for the largest TB (TCG_MAX_INSNS guest insns) beyond the mark. */
    s->code_gen_highwater = (tcg_insn_unit *)buffer + size - TCG_HIGHWATER;
}

TCGTemp *tcg_global_mem_new_internal(TCGType type, TCGTemp *base,
                                     intptr_t offset, const char *name)
{
    TCGContext *s = tcg_ctx;
    TCGTemp *ts;

    if (s->nb_temps != s->nb_globals) {
        tcg_abort_msg("globals must be created before any temp");
    }
    ts = tcg_temp_alloc(s);
    s->nb_globals++;
    ts->kind = TEMP_GLOBAL;
    ts->type = type;
    ts->mem_base = base;
    ts->mem_offset = offset;
    ts->mem_allocated = true;
    ts->name = name;
    return ts;
}

/* ---------------------------------------------------------- per TB temps */

/*
 * Constants are interned per TB in a small open-addressing table; each
 * entry is valid only for the generation (TB) it was made in.
 */
#define CONST_HASH_SIZE 512

static struct {
    uint32_t gen;
    uint16_t idx;
} const_hash[TCG_TYPE_COUNT][CONST_HASH_SIZE];
static uint32_t const_gen;
static TCGTemp *free_temps[TCG_TYPE_COUNT][2];   /* by type, EBB/TB */

TCGTemp *tcg_constant_internal(TCGType type, int64_t val)
{
    TCGContext *s = tcg_ctx;
    uint64_t h;
    unsigned i, n;
    TCGTemp *ts;

    if (type == TCG_TYPE_I32) {
        val = (uint32_t)val;
    }
    h = (uint64_t)val * 0x9e3779b97f4a7c15ull;
    i = h >> 55;
    for (n = 0; n < CONST_HASH_SIZE; n++, i = (i + 1) % CONST_HASH_SIZE) {
        if (const_hash[type][i].gen != const_gen) {
            break;
        }
        ts = &s->temps[const_hash[type][i].idx];
        if (ts->val == val) {
            return ts;
        }
    }
    ts = tcg_temp_alloc(s);
    ts->kind = TEMP_CONST;
    ts->type = type;
    ts->val = val;
    ts->val_type = TEMP_VAL_CONST;
    ts->temp_allocated = true;
    if (n < CONST_HASH_SIZE) {
        const_hash[type][i].gen = const_gen;
        const_hash[type][i].idx = temp_idx(ts);
    }
    return ts;
}

TCGTemp *tcg_temp_new_internal(TCGType type, TCGTempKind kind)
{
    TCGTemp **list = &free_temps[type][kind == TEMP_TB];
    TCGTemp *ts = *list;

    if (ts) {
        *list = ts->state_ptr;
        ts->state_ptr = NULL;
    } else {
        ts = tcg_temp_alloc(tcg_ctx);
        ts->type = type;
        ts->kind = kind;
        if (kind == TEMP_TB) {
            size_t i = temp_idx(ts);

            tcg_ctx->tb_temps[i / 64] |= 1ull << (i % 64);
            tcg_ctx->tb_temps_words = i / 64 + 1;
        }
    }
    ts->temp_allocated = true;
    return ts;
}

void tcg_temp_free_internal(TCGTemp *ts)
{
    TCGTemp **list;

    if (ts->kind != TEMP_EBB && ts->kind != TEMP_TB) {
        return;     /* constants and globals are not freed */
    }
    if (!ts->temp_allocated) {
        tcg_abort_msg("temp freed twice");
    }
    ts->temp_allocated = false;
    list = &free_temps[ts->type][ts->kind == TEMP_TB];
    ts->state_ptr = *list;
    *list = ts;
}

bool tcg_temps_nearly_full(void)
{
    return tcg_ctx->nb_temps > TCG_MAX_TEMPS - 96;
}

void tcg_func_start(TCGContext *s)
{
    tcg_pool_reset(s);
    s->nb_temps = s->nb_globals;
    const_gen++;
    memset(free_temps, 0, sizeof(free_temps));
    memset(s->tb_temps, 0, sizeof(s->tb_temps));
    s->tb_temps_words = 0;
    s->passes_run = 0;
    s->ops_first = s->ops_last = NULL;
    s->free_ops = NULL;
    s->nb_ops = 0;
    s->nb_labels = 0;
    s->nb_insns = 0;
    s->ldst_labels = NULL;
}

/* ----------------------------------------------------------------- ops */

static inline TCGOp *tcg_op_alloc(TCGContext *s, TCGOpcode opc,
                                  TCGType type, int nargs)
{
    TCGOp *op = s->free_ops;
    size_t size = (sizeof(*op) + 15) & ~(size_t)15;

    if (op) {
        s->free_ops = op->next;
    } else if (__builtin_expect(s->pool_cur + size <= s->pool_end, 1)) {
        /* tcg_malloc's fast path, inline: one op per frontend call. */
        op = (TCGOp *)s->pool_cur;
        s->pool_cur += size;
    } else {
        op = tcg_malloc(sizeof(*op));
    }
    memset(op, 0, offsetof(TCGOp, args));
    op->opc = opc;
    op->type = type;
    s->nb_ops++;
    return op;
}

/* Link op between prev and next (NULL at either end of the list). */
static TCGOp *tcg_op_link(TCGContext *s, TCGOp *op, TCGOp *prev, TCGOp *next)
{
    op->prev = prev;
    op->next = next;
    if (prev) {
        prev->next = op;
    } else {
        s->ops_first = op;
    }
    if (next) {
        next->prev = op;
    } else {
        s->ops_last = op;
    }
    return op;
}

static __attribute__((noinline)) TCGOp *tcg_emit_op_slow(TCGContext *s,
                                                         TCGOpcode opc,
                                                         TCGType type,
                                                         int nargs)
{
    return tcg_op_link(s, tcg_op_alloc(s, opc, type, nargs), s->ops_last, NULL);
}

TCGOp *tcg_emit_op(TCGOpcode opc, TCGType type, int nargs)
{
    TCGContext *s = tcg_ctx;

    /* No free op and a full pool chunk: a tail call, so that the common
     * path here saves no registers. */
    if (!s->free_ops && s->pool_cur + ((sizeof(TCGOp) + 15) & ~(size_t)15)
                        > s->pool_end) {
        return tcg_emit_op_slow(s, opc, type, nargs);
    }
    return tcg_op_link(s, tcg_op_alloc(s, opc, type, nargs), s->ops_last, NULL);
}

TCGOp *tcg_op_insert_before(TCGContext *s, TCGOp *old, TCGOpcode opc,
                            TCGType type, int nargs)
{
    return tcg_op_link(s, tcg_op_alloc(s, opc, type, nargs), old->prev, old);
}

TCGOp *tcg_op_insert_after(TCGContext *s, TCGOp *old, TCGOpcode opc,
                           TCGType type, int nargs)
{
    return tcg_op_link(s, tcg_op_alloc(s, opc, type, nargs), old, old->next);
}

/* Remove an op; branches release their hold on the target label. */
void tcg_op_remove(TCGContext *s, TCGOp *op)
{
    switch (op->opc) {
    case INDEX_op_br:
        arg_label(op->args[0])->refs--;
        break;
    case INDEX_op_brcond:
        arg_label(op->args[3])->refs--;
        break;
    default:
        break;
    }
    if (op->prev) {
        op->prev->next = op->next;
    } else {
        s->ops_first = op->next;
    }
    if (op->next) {
        op->next->prev = op->prev;
    } else {
        s->ops_last = op->prev;
    }
    op->next = s->free_ops;
    s->free_ops = op;
    s->nb_ops--;
}

TCGLabel *gen_new_label(void)
{
    TCGLabel *l = tcg_malloc(sizeof(*l));

    memset(l, 0, sizeof(*l));
    l->id = tcg_ctx->nb_labels++;
    return l;
}

/* ------------------------------------------------- register allocation */

static int tcg_reg_alloc(TCGContext *s, TCGRegSet required,
                         TCGRegSet allocated, TCGRegSet preferred);

static void temp_allocate_frame(TCGContext *s, TCGTemp *ts)
{
    if (s->current_frame_offset + 8 > s->frame_end) {
        longjmp(gen_code_jmp, -2);
    }
    ts->mem_offset = s->current_frame_offset;
    ts->mem_base = s->frame_temp;
    ts->mem_allocated = true;
    s->current_frame_offset += 8;
}

/*
 * ra_dirty: a temp is marked whenever it goes into a register or becomes
 * a known constant (temp_load, and the outputs of mov, ops and calls).
 * An unmarked temp is as the start of a block leaves it (globals in
 * memory, EBB temps dead, TB temps dead or in memory, constants
 * constant), so the block-end and sync walks skip it.
 */
static inline void ra_mark(TCGContext *s, TCGTemp *ts)
{
    size_t i = temp_idx(ts);

    s->ra_dirty[i / 64] |= 1ull << (i % 64);
}

/* Make the memory home of ts hold its current value. */
static void temp_sync(TCGContext *s, TCGTemp *ts, TCGRegSet allocated)
{
    if (ts->kind == TEMP_CONST || ts->kind == TEMP_FIXED || ts->mem_coherent) {
        return;
    }
    if (!ts->mem_allocated) {
        temp_allocate_frame(s, ts);
    }
    switch (ts->val_type) {
    case TEMP_VAL_CONST:
        if (!tcg_out_sti(s, ts->type, ts->val, ts->mem_base->reg,
                         ts->mem_offset)) {
            int reg = tcg_reg_alloc(s, tcg_target_available_regs[ts->type],
                                    allocated, 0);
            tcg_out_movi(s, ts->type, reg, ts->val);
            tcg_out_st(s, ts->type, reg, ts->mem_base->reg, ts->mem_offset);
        }
        break;
    case TEMP_VAL_REG:
        tcg_out_st(s, ts->type, ts->reg, ts->mem_base->reg, ts->mem_offset);
        break;
    case TEMP_VAL_MEM:
    case TEMP_VAL_DEAD:
        return;
    }
    ts->mem_coherent = true;
}

static void temp_free_reg(TCGContext *s, TCGTemp *ts)
{
    if (ts->val_type == TEMP_VAL_REG) {
        s->reg_to_temp[ts->reg] = NULL;
    }
}

/* The value of ts is no longer needed in a register. */
static void temp_dead(TCGContext *s, TCGTemp *ts)
{
    switch (ts->kind) {
    case TEMP_FIXED:
        return;
    case TEMP_CONST:
        temp_free_reg(s, ts);
        ts->val_type = TEMP_VAL_CONST;
        return;
    case TEMP_GLOBAL:
        temp_free_reg(s, ts);
        ts->val_type = TEMP_VAL_MEM;
        return;
    case TEMP_TB:
        /* Dead in registers; liveness made sure memory holds the value
         * if a later block reads it. */
        temp_free_reg(s, ts);
        ts->val_type = ts->mem_allocated && ts->mem_coherent ? TEMP_VAL_MEM
                                                             : TEMP_VAL_DEAD;
        return;
    default:
        temp_free_reg(s, ts);
        ts->val_type = TEMP_VAL_DEAD;
        ts->mem_coherent = false;
        return;
    }
}

/* Write ts to memory and forget any register copy. */
static void temp_save(TCGContext *s, TCGTemp *ts, TCGRegSet allocated)
{
    if (ts->kind == TEMP_FIXED || ts->kind == TEMP_CONST) {
        temp_dead(s, ts);
        return;
    }
    if (ts->val_type == TEMP_VAL_DEAD) {
        return;
    }
    temp_sync(s, ts, allocated);
    temp_free_reg(s, ts);
    ts->val_type = TEMP_VAL_MEM;
}

/* Spill whatever lives in reg. */
static void tcg_reg_free(TCGContext *s, int reg, TCGRegSet allocated)
{
    TCGTemp *ts = s->reg_to_temp[reg];

    if (ts) {
        temp_sync(s, ts, allocated | ((TCGRegSet)1 << reg));
        temp_dead(s, ts);
        if (ts->kind == TEMP_EBB || ts->kind == TEMP_TB) {
            ts->val_type = TEMP_VAL_MEM;
        }
    }
}

/* Find a register in required, not in allocated; spill one if needed. */
static int tcg_reg_alloc(TCGContext *s, TCGRegSet required,
                         TCGRegSet allocated, TCGRegSet preferred)
{
    TCGRegSet ok = required & ~allocated & ~s->reserved_regs;
    TCGRegSet pref = ok & preferred;
    size_t i;

    if (!ok) {
        tcg_abort_msg("no register can satisfy a constraint");
    }
    if (pref) {
        for (i = 0; i < ARRAY_SIZE(tcg_target_reg_alloc_order); i++) {
            int r = tcg_target_reg_alloc_order[i];
            if (tcg_regset_test(pref, r) && !s->reg_to_temp[r]) {
                return r;
            }
        }
    }
    for (i = 0; i < ARRAY_SIZE(tcg_target_reg_alloc_order); i++) {
        int r = tcg_target_reg_alloc_order[i];
        if (tcg_regset_test(ok, r) && !s->reg_to_temp[r]) {
            return r;
        }
    }
    for (i = 0; i < ARRAY_SIZE(tcg_target_reg_alloc_order); i++) {
        int r = tcg_target_reg_alloc_order[i];
        if (tcg_regset_test(ok, r)) {
            tcg_reg_free(s, r, allocated);
            return r;
        }
    }
    tcg_abort_msg("register allocation failed");
}

/* Bring ts into a register in required. */
static void temp_load(TCGContext *s, TCGTemp *ts, TCGRegSet required,
                      TCGRegSet allocated, TCGRegSet preferred)
{
    int reg;

    if (ts->val_type == TEMP_VAL_REG && tcg_regset_test(required, ts->reg)) {
        return;
    }
    reg = tcg_reg_alloc(s, required, allocated, preferred);
    switch (ts->val_type) {
    case TEMP_VAL_REG:
        tcg_out_mov(s, ts->type, reg, ts->reg);
        s->reg_to_temp[ts->reg] = NULL;
        break;
    case TEMP_VAL_CONST:
        /* Memory is unchanged: mem_coherent stays what it was. */
        tcg_out_movi(s, ts->type, reg, ts->val);
        break;
    case TEMP_VAL_MEM:
        tcg_out_ld(s, ts->type, reg, ts->mem_base->reg, ts->mem_offset);
        ts->mem_coherent = true;
        break;
    case TEMP_VAL_DEAD:
        /* Read of a never-written temp: a frontend bug; give it zero. */
        tcg_out_movi(s, ts->type, reg, 0);
        ts->mem_coherent = false;
        break;
    }
    ts->reg = reg;
    ts->val_type = TEMP_VAL_REG;
    s->reg_to_temp[reg] = ts;
    ra_mark(s, ts);
}

/*
 * Write the marked globals that are in registers or known constants to
 * memory, in index order (the order of the stores is part of the code).
 * A marked global found in memory is unmarked.
 */
static void sync_globals(TCGContext *s, TCGRegSet allocated)
{
    int i;

    TEMP_BITS_FOREACH(i, s->ra_dirty, 0, s->nb_globals) {
        TCGTemp *ts = &s->temps[i];

        temp_sync(s, ts, allocated);
        if (ts->val_type == TEMP_VAL_MEM) {
            s->ra_dirty[i / 64] &= ~(1ull << (i % 64));
        }
    }
}

static void save_globals(TCGContext *s, TCGRegSet allocated)
{
    int i;

    TEMP_BITS_FOREACH(i, s->ra_dirty, 0, s->nb_globals) {
        temp_save(s, &s->temps[i], allocated);
    }
    temp_bits_clear(s->ra_dirty, 0, s->nb_globals);
}

/* At a basic block boundary: everything live goes to memory. */
static void tcg_reg_alloc_bb_end(TCGContext *s, TCGRegSet allocated)
{
    int i;

    save_globals(s, allocated);
    TEMP_BITS_FOREACH(i, s->ra_dirty, s->nb_globals, s->nb_temps) {
        TCGTemp *ts = &s->temps[i];

        if (ts->kind == TEMP_TB) {
            temp_save(s, ts, allocated);
        } else {
            temp_dead(s, ts);
        }
    }
    temp_bits_clear(s->ra_dirty, s->nb_globals, s->nb_temps);
}

/*
 * At a label, the state must be what every branch to it left: TB temps
 * in their memory homes.  The fall-through path may have discarded one
 * (it was dead there) that a branch still carries, so its memory home is
 * where it lives from here on.  A slot made here for a temp no path has
 * written yet holds garbage, which is all an undefined read may see.
 */
static void tcg_reg_alloc_label_entry(TCGContext *s)
{
    int i;

    TEMP_BITS_FOREACH(i, s->tb_temps, 0, s->tb_temps_words * 64) {
        TCGTemp *ts = &s->temps[i];

        if (ts->val_type == TEMP_VAL_DEAD) {
            if (!ts->mem_allocated) {
                temp_allocate_frame(s, ts);
            }
            ts->val_type = TEMP_VAL_MEM;
            ts->mem_coherent = true;
        }
    }
}

/*
 * Before a conditional branch: globals and TB temps synced, not dropped.
 * The target label assumes nothing is in registers, so the fall-through
 * keeps everything it has (constants included).
 */
static void tcg_reg_alloc_cbranch(TCGContext *s, TCGRegSet allocated)
{
    int i;

    sync_globals(s, allocated);
    /* Every TB temp: syncing a dead one still gives it its frame slot. */
    TEMP_BITS_FOREACH(i, s->tb_temps, 0, s->tb_temps_words * 64) {
        temp_sync(s, &s->temps[i], allocated);
    }
}

/* The state of ts at the start of a TB. */
static void temp_reset_start(TCGContext *s, TCGTemp *ts)
{
    switch (ts->kind) {
    case TEMP_FIXED:
        ts->val_type = TEMP_VAL_REG;
        s->reg_to_temp[ts->reg] = ts;
        break;
    case TEMP_GLOBAL:
        ts->val_type = TEMP_VAL_MEM;
        ts->mem_coherent = true;
        break;
    case TEMP_CONST:
        ts->val_type = TEMP_VAL_CONST;
        break;
    default:
        ts->val_type = TEMP_VAL_DEAD;
        ts->mem_allocated = false;
        ts->mem_coherent = false;
        break;
    }
}

static void tcg_reg_alloc_start(TCGContext *s)
{
    int i, g = s->nb_globals, ready = s->ra_globals_ready;

    memset(s->reg_to_temp, 0, sizeof(s->reg_to_temp));
    if (s->passes_run & TCG_PASS_REGALLOC) {
        /* A second run over the same ops: reset every temp. */
        for (i = 0; i < s->nb_temps; i++) {
            temp_reset_start(s, &s->temps[i]);
        }
    } else {
        /*
         * The temps made since tcg_func_start() are zeroed: dead, no
         * frame slot (constants: TEMP_VAL_CONST).  The globals the last
         * run left unmarked in ra_dirty are in memory already; only the
         * marked ones, and globals made since, need resetting.
         */
        TEMP_BITS_FOREACH(i, s->ra_dirty, 0, ready) {
            temp_reset_start(s, &s->temps[i]);
        }
        for (i = ready; i < g; i++) {
            temp_reset_start(s, &s->temps[i]);
        }
        /* The fixed temps (made by tcg_context_init) own their registers. */
        temp_reset_start(s, s->env);
        temp_reset_start(s, s->frame_temp);
    }
    s->passes_run |= TCG_PASS_REGALLOC;
    s->ra_globals_ready = g;
    memset(s->ra_dirty, 0, sizeof(s->ra_dirty));
    s->current_frame_offset = s->frame_start;
}

static void tcg_reg_alloc_mov(TCGContext *s, const TCGOp *op)
{
    TCGTemp *ots = arg_temp(op->args[0]);
    TCGTemp *ts = arg_temp(op->args[1]);
    TCGRegSet allocated = s->reserved_regs;
    TCGType type = op->type;

    if (ots == ts) {
        goto done;
    }
    if (ts->val_type == TEMP_VAL_CONST) {
        /* The output simply becomes a known constant. */
        int64_t val = ts->val;
        if (op->life & DEAD_ARG(1)) {
            temp_dead(s, ts);
        }
        temp_free_reg(s, ots);
        ots->val_type = TEMP_VAL_CONST;
        ots->val = val;
        ots->mem_coherent = false;
        ra_mark(s, ots);
        goto done;
    }
    if (ts->val_type != TEMP_VAL_REG) {
        temp_load(s, ts, tcg_target_available_regs[type], allocated,
                  op->output_pref[0]);
    }
    if ((op->life & DEAD_ARG(1)) && ts->kind != TEMP_FIXED) {
        /* Take over the input's register. */
        int reg = ts->reg;

        temp_dead(s, ts);
        temp_free_reg(s, ots);
        ots->reg = reg;
        s->reg_to_temp[reg] = ots;
    } else {
        int reg;

        if (ots->val_type == TEMP_VAL_REG && ots->kind != TEMP_FIXED) {
            reg = ots->reg;
        } else {
            tcg_regset_set(&allocated, ts->reg);
            reg = tcg_reg_alloc(s, tcg_target_available_regs[type], allocated,
                                op->output_pref[0]);
        }
        tcg_out_mov(s, type, reg, ts->reg);
        temp_free_reg(s, ots);
        ots->reg = reg;
        s->reg_to_temp[reg] = ots;
    }
    ots->val_type = TEMP_VAL_REG;
    ots->mem_coherent = false;
    ra_mark(s, ots);
done:
    if (op->life & SYNC_ARG(0)) {
        temp_sync(s, ots, s->reserved_regs);
    }
    if (op->life & DEAD_ARG(0)) {
        temp_dead(s, ots);
    }
}

/* Does ts feed more than one input of op?  (then an aliased output
 * must not overwrite it in place) */
static bool temp_used_twice(const TCGOp *op, int nb_oargs, int nb_iargs,
                            TCGTemp *ts)
{
    int i, n = 0;

    for (i = nb_oargs; i < nb_oargs + nb_iargs; i++) {
        n += arg_temp(op->args[i]) == ts;
    }
    return n > 1;
}

static void tcg_reg_alloc_op(TCGContext *s, const TCGOp *op)
{
    TCGOpcode opc = op->opc;
    TCGType type = op->type;
    const TCGOpDef *def = &tcg_op_defs[opc];
    const TCGOpConstraints *cts = get_constraints(opc, type);
    int nb_oargs = def->nb_oargs, nb_iargs = def->nb_iargs;
    TCGArg new_args[TCG_MAX_OP_ARGS];
    int const_args[TCG_MAX_OP_ARGS];
    TCGRegSet i_allocated = s->reserved_regs, i_live = 0, o_allocated;
    int i, k;

    memcpy(new_args + nb_oargs + nb_iargs, op->args + nb_oargs + nb_iargs,
           def->nb_cargs * sizeof(TCGArg));
    memset(const_args, 0, sizeof(const_args));

    for (k = 0; k < nb_iargs; k++) {
        const TCGArgConstraint *ct;
        TCGTemp *ts;

        i = cts->sort_index[k];
        ct = &cts->args[i];
        ts = arg_temp(op->args[i]);
        if (ts->val_type == TEMP_VAL_CONST &&
            tcg_target_const_match(ts->val, ct->ct, type)) {
            const_args[i] = 1;
            new_args[i] = ts->val;
            continue;
        }
        if (ct->oalias && (!(op->life & DEAD_ARG(i)) ||
                           ts->kind == TEMP_FIXED ||
                           temp_used_twice(op, nb_oargs, nb_iargs, ts))) {
            /*
             * The output overwrites this input, which lives on: build a
             * copy straight in a register the output may use.  The
             * source's own register is not reserved, so a later input
             * fixed to it can still evict it.
             */
            TCGRegSet excl = i_allocated;
            int reg;

            if (ts->val_type == TEMP_VAL_REG) {
                tcg_regset_set(&excl, ts->reg);
                if (!(ct->regs & ~excl & ~s->reserved_regs)) {
                    /* The source holds the only usable register (rax of
                     * a product): spill it, then its register is the copy. */
                    reg = ts->reg;
                    tcg_reg_free(s, reg, i_allocated);
                    new_args[i] = reg;
                    tcg_regset_set(&i_allocated, reg);
                    continue;
                }
            }
            reg = tcg_reg_alloc(s, ct->regs, excl,
                                op->output_pref[ct->alias_index]);
            switch (ts->val_type) {
            case TEMP_VAL_REG:
                tcg_out_mov(s, type, reg, ts->reg);
                break;
            case TEMP_VAL_CONST:
                tcg_out_movi(s, type, reg, ts->val);
                break;
            case TEMP_VAL_MEM:
                tcg_out_ld(s, type, reg, ts->mem_base->reg, ts->mem_offset);
                break;
            default:
                tcg_out_movi(s, type, reg, 0);
                break;
            }
            new_args[i] = reg;
            tcg_regset_set(&i_allocated, reg);
            continue;
        }
        temp_load(s, ts, ct->regs, i_allocated,
                  ct->oalias ? op->output_pref[ct->alias_index] : 0);
        new_args[i] = ts->reg;
        tcg_regset_set(&i_allocated, ts->reg);
        if (!(op->life & DEAD_ARG(i)) || ts->kind == TEMP_FIXED) {
            tcg_regset_set(&i_live, ts->reg);
        }
    }

    /* Liveness put SYNC_ARG on the def of any value memory needs, so a
     * dying input is simply dropped. */
    for (i = nb_oargs; i < nb_oargs + nb_iargs; i++) {
        if (op->life & DEAD_ARG(i)) {
            temp_dead(s, arg_temp(op->args[i]));
        }
    }

    if (def->flags & TCG_OPF_BB_END) {
        if (def->flags & TCG_OPF_COND_BRANCH) {
            tcg_reg_alloc_cbranch(s, i_allocated);
        } else {
            tcg_reg_alloc_bb_end(s, i_allocated);
        }
    } else if (def->flags & TCG_OPF_MAY_FAULT) {
        sync_globals(s, i_allocated);
    }

    o_allocated = s->reserved_regs;
    for (k = 0; k < nb_oargs; k++) {
        const TCGArgConstraint *ct = &cts->args[k];
        TCGTemp *ts = arg_temp(op->args[k]);
        int reg;

        if (ct->ialias && !const_args[ct->alias_index]) {
            reg = new_args[ct->alias_index];
        } else if (ct->newreg) {
            reg = tcg_reg_alloc(s, ct->regs, i_allocated | o_allocated,
                                op->output_pref[k]);
        } else {
            reg = tcg_reg_alloc(s, ct->regs, i_live | o_allocated,
                                op->output_pref[k]);
        }
        tcg_regset_set(&o_allocated, reg);
        if (s->reg_to_temp[reg] && s->reg_to_temp[reg] != ts) {
            /* An aliased, dead input's register: already released. */
            tcg_reg_free(s, reg, i_allocated | o_allocated);
        }
        temp_free_reg(s, ts);
        ts->val_type = TEMP_VAL_REG;
        ts->reg = reg;
        ts->mem_coherent = false;
        s->reg_to_temp[reg] = ts;
        ra_mark(s, ts);
        new_args[k] = reg;
    }

    tcg_out_op(s, opc, type, new_args, const_args);

    for (k = 0; k < nb_oargs; k++) {
        TCGTemp *ts = arg_temp(op->args[k]);

        if (op->life & SYNC_ARG(k)) {
            temp_sync(s, ts, o_allocated);
        }
        if (op->life & DEAD_ARG(k)) {
            temp_dead(s, ts);
        }
    }
}

static void tcg_reg_alloc_call(TCGContext *s, const TCGOp *op)
{
    const TCGHelperInfo *info = tcg_call_info(op);
    int nb_oargs = op->call_oargs, nb_iargs = op->call_iargs;
    TCGRegSet allocated = s->reserved_regs;
    int i;

    /* Stack arguments first: they need scratch registers. */
    for (i = TCG_TARGET_CALL_IARG_REGS; i < nb_iargs; i++) {
        TCGTemp *ts = arg_temp(op->args[nb_oargs + i]);

        temp_load(s, ts, tcg_target_available_regs[ts->type], allocated, 0);
        tcg_out_st(s, TCG_TYPE_REG, ts->reg, TCG_REG_CALL_STACK,
                   (i - TCG_TARGET_CALL_IARG_REGS) * 8);
    }
    for (i = 0; i < nb_iargs && i < TCG_TARGET_CALL_IARG_REGS; i++) {
        TCGTemp *ts = arg_temp(op->args[nb_oargs + i]);
        int reg = tcg_target_call_iarg_regs[i];

        if (ts->val_type == TEMP_VAL_REG && ts->reg == reg) {
            tcg_regset_set(&allocated, reg);
            continue;
        }
        tcg_reg_free(s, reg, allocated);
        switch (ts->val_type) {
        case TEMP_VAL_REG:
            tcg_out_mov(s, ts->type, reg, ts->reg);
            break;
        case TEMP_VAL_CONST:
            tcg_out_movi(s, ts->type, reg, ts->val);
            break;
        case TEMP_VAL_MEM:
            tcg_out_ld(s, ts->type, reg, ts->mem_base->reg, ts->mem_offset);
            break;
        default:
            tcg_out_movi(s, ts->type, reg, 0);
            break;
        }
        tcg_regset_set(&allocated, reg);
    }

    /* Liveness put SYNC_ARG on the def of any value memory needs, so a
     * dying input is simply dropped. */
    for (i = nb_oargs; i < nb_oargs + nb_iargs; i++) {
        if (op->life & DEAD_ARG(i)) {
            temp_dead(s, arg_temp(op->args[i]));
        }
    }

    /* Whatever lives in a call-clobbered register goes to memory. */
    for (i = 0; i < TCG_TARGET_NB_REGS; i++) {
        if (tcg_regset_test(tcg_target_call_clobber_regs, i) &&
            s->reg_to_temp[i]) {
            tcg_reg_free(s, i, allocated);
        }
    }
    if (!(info->flags & TCG_CALL_NO_WRITE_GLOBALS)) {
        save_globals(s, allocated);
    } else if (!(info->flags & TCG_CALL_NO_READ_GLOBALS)) {
        sync_globals(s, allocated);
    }

    tcg_out_call(s, tcg_call_func(op), info);

    for (i = 0; i < nb_oargs; i++) {
        TCGTemp *ts = arg_temp(op->args[i]);
        int reg = tcg_target_call_oarg_reg(i);

        temp_free_reg(s, ts);
        ts->val_type = TEMP_VAL_REG;
        ts->reg = reg;
        ts->mem_coherent = false;
        s->reg_to_temp[reg] = ts;
        ra_mark(s, ts);
        if (ts->type == TCG_TYPE_I32) {
            tcg_out_zext_i32(s, reg);
        }
        if (op->life & SYNC_ARG(i)) {
            temp_sync(s, ts, s->reserved_regs);
        }
        if (op->life & DEAD_ARG(i)) {
            temp_dead(s, ts);
        }
    }
}

static void tcg_reg_alloc_insn_start(TCGContext *s, const TCGOp *op)
{
    int n = s->nb_insns, i;

    if (n > 0) {
        s->gen_insn_end_off[n - 1] = s->code_ptr - s->code_buf;
    }
    for (i = 0; i < s->insn_start_words; i++) {
        s->gen_insn_data[n][i] = op->args[i];
    }
    s->nb_insns = n + 1;
}

/* ----------------------------------------------------------- driver */

int tcg_gen_code(TCGContext *s, struct TranslationBlock *tb)
{
    volatile int nb_ops_in = s->nb_ops;
    TCGOp *op;
    int ret;

    s->gen_tb = tb;
    s->stat_ops += nb_ops_in;
    if (s->log_op) {
        tcg_log_ops(s, "OP");
    }
    if (!s->no_optimize) {
        tcg_optimize(s);
    }
    tcg_liveness_analysis(s);
    s->stat_ops_opt += s->nb_ops;
    if (s->log_op_opt) {
        tcg_log_ops(s, "OP after optimization and liveness analysis");
    }

    tcg_reg_alloc_start(s);
    s->code_buf = s->code_ptr = s->code_gen_ptr;
    s->nb_insns = 0;
    s->ldst_labels = NULL;

    ret = setjmp(gen_code_jmp);
    if (ret != 0) {
        return ret;
    }

    for (op = s->ops_first; op; op = op->next) {
        switch (op->opc) {
        case INDEX_op_mov:
            tcg_reg_alloc_mov(s, op);
            break;
        case INDEX_op_call:
            tcg_reg_alloc_call(s, op);
            break;
        case INDEX_op_insn_start:
            tcg_reg_alloc_insn_start(s, op);
            break;
        case INDEX_op_discard:
            temp_dead(s, arg_temp(op->args[0]));
            break;
        case INDEX_op_set_label:
            tcg_reg_alloc_bb_end(s, s->reserved_regs);
            tcg_reg_alloc_label_entry(s);
            tcg_out_label(s, arg_label(op->args[0]));
            break;
        default:
            tcg_reg_alloc_op(s, op);
            break;
        }
        if (s->code_ptr > s->code_gen_highwater) {
            return -1;
        }
        /* Per-insn offsets are 16-bit: a longer TB retries smaller. */
        if (s->code_ptr - s->code_buf > 0xff00) {
            return -2;
        }
    }
    if (s->nb_insns > 0) {
        s->gen_insn_end_off[s->nb_insns - 1] = s->code_ptr - s->code_buf;
    }
    if (!tcg_out_ldst_finalize(s)) {
        return -1;
    }
    if (s->code_ptr > s->code_gen_highwater) {
        return -1;
    }
    tcg_flush_icache(s->code_buf, s->code_ptr);
    s->stat_code_bytes += s->code_ptr - s->code_buf;
    return s->code_ptr - s->code_buf;
}
