/*
 * test-cputlb.c: the soft TLB (softmmu/cputlb.c), the backend's inline
 * fast path and slow paths, and the physical TB index of system mode,
 * driven by a small system-mode CPU.
 *
 * The CPU ("tsys") runs 32-bit little-endian instructions
 *   op[31:24] rd[23:20] rs[19:16] imm[15:0] (signed)
 * with its own software page map for tlb_fill: toy_map[vpn] =
 * physical page | TS_V | TS_R | TS_W | TS_X.  Physical memory: RAM at
 * 0 (1 MiB), an MMIO region at 0x100000 whose callbacks record each
 * access.  Faults are delivered by cpu_exec through do_interrupt, which
 * records them and jumps to a vector holding HALT; HALT halts the CPU
 * and cpu_exec returns EXCP_HLT.
 *
 * Built against the native backend and against the interpreter.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "exec/cputlb.h"
#include "exec/memory.h"
#include "exec/tb.h"
#include "exec/translator.h"
#include "tap.h"

enum {
    TS_LI = 0x01,     /* rd = imm */
    TS_ADDI = 0x03,   /* rd += imm */
    TS_LD = 0x05,     /* rd = mem64[rs + imm] */
    TS_ST = 0x06,     /* mem64[rs + imm] = rd */
    TS_BNE = 0x07,    /* if rd != rs: pc += 4 + imm * 4 */
    TS_JR = 0x09,     /* pc = rs */
    TS_HALT = 0x0a,
    TS_LDA = 0x0c,    /* rd = mem64[rs + imm], aligned */
    TS_LUI = 0x0e,    /* rd = rd << 16 | imm */
    TS_ST32 = 0x0f,   /* mem32[rs + imm] = rd */
    TS_LD32 = 0x10,   /* rd = mem32[rs + imm] (zero-extended) */
    TS_LD8S = 0x11,   /* rd = (int8) mem8[rs + imm] */
    TS_ST16BE = 0x12, /* mem16be[rs + imm] = rd */
    TS_LD16BE = 0x13, /* rd = mem16be[rs + imm] */
    TS_ST8 = 0x14,    /* mem8[rs + imm] = rd */
    TS_LD32S = 0x15,  /* rd = (int32) mem32[rs + imm] */
};

enum {
    EXCP_TS_PAGEFAULT = 1,
    EXCP_TS_UNALIGNED = 2,
    EXCP_TS_UDEF = 3,
};

#define TS_V 1
#define TS_R 2
#define TS_W 4
#define TS_X 8
#define TS_RWX (TS_V | TS_R | TS_W | TS_X)
#define TS_NPAGES 256
#define RAM_SIZE (1u << 20)
#define MMIO_BASE 0x100000u

typedef struct TsEnv {
    uint64_t r[16];
    uint64_t pc;
    uint32_t mmu_idx;
    uint64_t vector;
    int last_excp;
    uint64_t excp_pc;
    uint64_t fault_addr;
    int n_excp;
} TsEnv;

typedef struct TsCPU {
    CPUState parent;
    TsEnv env;
} TsCPU;

static uint64_t toy_map[TS_NPAGES];
static TsCPU *cpu;
static CPUState *cs;
static TsEnv *env;
static MemoryRegion sysmem, ram, mmio;
static AddressSpace as;
static uint8_t *ram_ptr;

static TCGv_i64 cpu_r[16];
static TCGv_i64 cpu_pc;

/* MMIO log */
static struct {
    int n;
    bool is_write;
    uint64_t addr, val;
    unsigned size;
} mlog;

static uint64_t mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    mlog.n++;
    mlog.is_write = false;
    mlog.addr = addr;
    mlog.size = size;
    return 0xabc00000u | addr;
}

static void mmio_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    mlog.n++;
    mlog.is_write = true;
    mlog.addr = addr;
    mlog.val = val;
    mlog.size = size;
}

static const MemoryRegionOps mmio_ops = {
    .read = mmio_read, .write = mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
};

static uint32_t insn(int op, int rd, int rs, int imm)
{
    return (uint32_t)op << 24 | (rd & 15) << 20 | (rs & 15) << 16 |
           (imm & 0xffff);
}

/* ------------------------------------------------------------ the CPU */

static void ts_get_tb_cpu_state(CPUState *c, uint64_t *pc, uint64_t *cs_base,
                                uint32_t *flags)
{
    TsCPU *t = (TsCPU *)c;

    *pc = t->env.pc;
    *cs_base = 0;
    *flags = t->env.mmu_idx;
}

static void ts_restore_state(CPUState *c, const TranslationBlock *tb,
                             const uint64_t *data)
{
    ((TsCPU *)c)->env.pc = data[0];
}

static void ts_synchronize_from_tb(CPUState *c, const TranslationBlock *tb)
{
    ((TsCPU *)c)->env.pc = tb->pc;
}

static uint32_t ts_fill_attrs;     /* attrs ts_tlb_fill gives tlb_set_page */

static bool ts_tlb_fill(CPUState *c, uint64_t addr, int size, int type,
                        int mmu_idx, bool probe, uintptr_t ra)
{
    TsCPU *t = (TsCPU *)c;
    uint64_t vpn = addr >> 12, e;
    int need = type == MMU_DATA_STORE ? TS_W :
               type == MMU_INST_FETCH ? TS_X : TS_R;
    int prot;

    e = vpn < TS_NPAGES ? toy_map[vpn] : 0;
    if (!(e & TS_V) || !(e & need)) {
        if (probe) {
            return false;
        }
        t->env.fault_addr = addr;
        cpu_raise_exception(c, EXCP_TS_PAGEFAULT, ra);
    }
    prot = ((e & TS_R) ? PAGE_READ : 0) | ((e & TS_W) ? PAGE_WRITE : 0) |
           ((e & TS_X) ? PAGE_EXEC : 0);
    tlb_set_page(c, addr & ~0xfffull, e & ~0xfffull, prot, mmu_idx, 12,
                 ts_fill_attrs);
    return true;
}

static int ts_mmu_index_code(CPUState *c)
{
    return ((TsCPU *)c)->env.mmu_idx;
}

static void ts_do_interrupt(CPUState *c)
{
    TsCPU *t = (TsCPU *)c;

    t->env.last_excp = c->exception_index;
    t->env.excp_pc = t->env.pc;
    t->env.n_excp++;
    t->env.pc = t->env.vector;
}

static bool ts_has_work(CPUState *c)
{
    return false;
}

static void ts_unaligned(void *e, uint64_t addr, MemOpIdx oi, uintptr_t ra)
{
    ((TsEnv *)e)->fault_addr = addr;
    cpu_raise_exception(env_cpu(e), EXCP_TS_UNALIGNED, ra);
}

static void helper_halt(void *e)
{
    env_cpu(e)->halted = true;
    cpu_raise_exception(env_cpu(e), EXCP_HLT, 0);
}

static const TCGHelperInfo halt_info = {
    .func = (void *)helper_halt, .name = "halt", .flags = 0,
    .ret = TCG_CALL_VOID, .nargs = 1, .args = { TCG_CALL_PTR },
};

static void helper_udef(void *e)
{
    cpu_raise_exception(env_cpu(e), EXCP_TS_UDEF, 0);
}

static const TCGHelperInfo udef_info = {
    .func = (void *)helper_udef, .name = "udef", .flags = 0,
    .ret = TCG_CALL_VOID, .nargs = 1, .args = { TCG_CALL_PTR },
};

static void gen_goto_tb(DisasContextBase *db, int n, uint64_t dest)
{
    if (translator_use_goto_tb(db, dest)) {
        tcg_gen_goto_tb(n);
        tcg_gen_movi_i64(cpu_pc, dest);
        tcg_gen_exit_tb(db->tb, n);
    } else {
        tcg_gen_movi_i64(cpu_pc, dest);
        tcg_gen_lookup_and_goto_ptr(tcgv_i64_temp(cpu_pc));
    }
}

static void ts_nop(DisasContextBase *db, CPUState *c)
{
}

static void ts_insn_start(DisasContextBase *db, CPUState *c)
{
    uint64_t words[1] = { db->pc_next };

    tcg_gen_insn_start(words);
}

static void ts_translate_insn(DisasContextBase *db, CPUState *c)
{
    uint64_t pc = db->pc_next;
    uint32_t w = translator_ldl(c, db, pc);
    int op = w >> 24, rd = (w >> 20) & 15, rs = (w >> 16) & 15;
    int64_t imm = (int16_t)w;
    unsigned idx = ((TsCPU *)c)->env.mmu_idx;
    TCGTemp *args[1] = { tcgv_ptr_temp(tcg_env()) };
    TCGv_i64 t;
    MemOp mop = 0;
    bool st = false;

    db->pc_next = pc + 4;
    switch (op) {
    case TS_LI:
        tcg_gen_movi_i64(cpu_r[rd], imm);
        return;
    case TS_ADDI:
        tcg_gen_addi_i64(cpu_r[rd], cpu_r[rd], imm);
        return;
    case TS_LUI:
        tcg_gen_shli_i64(cpu_r[rd], cpu_r[rd], 16);
        tcg_gen_ori_i64(cpu_r[rd], cpu_r[rd], imm & 0xffff);
        return;
    case TS_BNE: {
        TCGLabel *fall = gen_new_label();

        tcg_gen_brcond_i64(TCG_COND_EQ, cpu_r[rd], cpu_r[rs], fall);
        gen_goto_tb(db, 0, pc + 4 + imm * 4);
        gen_set_label(fall);
        gen_goto_tb(db, 1, pc + 4);
        db->is_jmp = DISAS_NORETURN;
        return;
    }
    case TS_JR:
        tcg_gen_mov_i64(cpu_pc, cpu_r[rs]);
        tcg_gen_lookup_and_goto_ptr(tcgv_i64_temp(cpu_pc));
        db->is_jmp = DISAS_NORETURN;
        return;
    case TS_HALT:
        tcg_gen_movi_i64(cpu_pc, pc + 4);
        tcg_gen_call(&halt_info, NULL, args);
        db->is_jmp = DISAS_NORETURN;
        return;
    case TS_LD:
        mop = MO_LE | MO_64;
        break;
    case TS_LDA:
        mop = MO_LE | MO_64 | MO_ALIGN;
        break;
    case TS_LD32:
        mop = MO_LE | MO_32;
        break;
    case TS_LD32S:
        mop = MO_LE | MO_SL;
        break;
    case TS_LD8S:
        mop = MO_SB;
        break;
    case TS_LD16BE:
        mop = MO_BE | MO_16;
        break;
    case TS_ST:
        mop = MO_LE | MO_64;
        st = true;
        break;
    case TS_ST32:
        mop = MO_LE | MO_32;
        st = true;
        break;
    case TS_ST16BE:
        mop = MO_BE | MO_16;
        st = true;
        break;
    case TS_ST8:
        mop = MO_8;
        st = true;
        break;
    default:
        tcg_gen_movi_i64(cpu_pc, pc);
        tcg_gen_call(&udef_info, NULL, args);
        db->is_jmp = DISAS_NORETURN;
        return;
    }
    t = tcg_temp_new_i64();
    tcg_gen_addi_i64(t, cpu_r[rs], imm);
    if (st) {
        tcg_gen_qemu_st_i64(cpu_r[rd], tcgv_i64_temp(t), idx, mop);
    } else {
        tcg_gen_qemu_ld_i64(cpu_r[rd], tcgv_i64_temp(t), idx, mop);
    }
    tcg_temp_free_i64(t);
}

static void ts_tb_stop(DisasContextBase *db, CPUState *c)
{
    if (db->is_jmp == DISAS_TOO_MANY) {
        gen_goto_tb(db, 0, db->pc_next);
    }
}

static const TranslatorOps ts_ops = {
    .init_disas_context = ts_nop,
    .tb_start = ts_nop,
    .insn_start = ts_insn_start,
    .translate_insn = ts_translate_insn,
    .tb_stop = ts_tb_stop,
};

static void ts_translate(CPUState *c, TranslationBlock *tb, int max_insns)
{
    DisasContextBase db;

    translator_loop(c, tb, max_insns, &ts_ops, &db);
}

static const CPUClass ts_class = {
    .name = "tsys",
    .addr_type = TCG_TYPE_I64,
    .insn_start_words = 1,
    .page_bits = 12,
    .get_tb_cpu_state = ts_get_tb_cpu_state,
    .translate = ts_translate,
    .restore_state = ts_restore_state,
    .synchronize_from_tb = ts_synchronize_from_tb,
    .tlb_fill = ts_tlb_fill,
    .mmu_index_code = ts_mmu_index_code,
    .do_interrupt = ts_do_interrupt,
    .has_work = ts_has_work,
};

static void setup(void)
{
    static const char names[16][4] = {
        "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
    };
    int i;

    tcg_exec_init(64 << 20, true);
    memory_region_init_container(&sysmem, "system", UINT64_MAX);
    memory_region_init_ram(&ram, "ram", RAM_SIZE);
    memory_region_init_io(&mmio, &mmio_ops, NULL, "mmio", 0x1000);
    memory_region_add_subregion(&sysmem, 0, &ram);
    memory_region_add_subregion(&sysmem, MMIO_BASE, &mmio);
    address_space_init(&as, &sysmem, "cpu");
    ram_ptr = memory_region_get_ram_ptr(&ram);

    cpu = calloc(1, sizeof(*cpu));
    cs = &cpu->parent;
    env = &cpu->env;
    cpu_common_init(cs, &ts_class, env);
    tlb_init(cs, &as);
    tcg_ctx->unaligned_helper = ts_unaligned;
    for (i = 0; i < 16; i++) {
        cpu_r[i] = tcg_global_mem_new_i64(tcg_env(), offsetof(TsEnv, r[i]),
                                          names[i]);
    }
    cpu_pc = tcg_global_mem_new_i64(tcg_env(), offsetof(TsEnv, pc), "pc");
}

static void map(uint64_t vaddr, uint64_t paddr, int flags)
{
    toy_map[vaddr >> 12] = (paddr & ~0xfffull) | flags;
}

/* Write code at a physical address (as a loader would: through the API). */
static void put_code(uint64_t paddr, const uint32_t *code, size_t n)
{
    address_space_write(&as, paddr, code, n * 4);
}

static void put64(uint64_t paddr, uint64_t v)
{
    memcpy(ram_ptr + paddr, &v, 8);
}

static uint64_t get64(uint64_t paddr)
{
    uint64_t v;

    memcpy(&v, ram_ptr + paddr, 8);
    return v;
}

/* Run from pc until HALT; returns cpu_exec's value. */
static int run(uint64_t pc)
{
    env->pc = pc;
    cs->halted = false;
    return cpu_exec(cs);
}

/* r[rd] = a 32-bit constant, in two instructions. */
static int li32(uint32_t *p, int rd, uint32_t v)
{
    p[0] = insn(TS_LI, rd, 0, v >> 16);
    p[1] = insn(TS_LUI, rd, 0, v & 0xffff);
    return 2;
}

/* The entry cached for addr in mmu_idx, as the fast path sees it. */
static bool tlb_cached(unsigned idx, uint64_t addr)
{
    CPUTLBDescFast *f = &cs->tlb.f[idx];
    CPUTLBEntry *e = &f->table[(addr >> 12) & (f->mask >> CPU_TLB_ENTRY_BITS)];

    return (e->addr_read & ~0xfffull) == (addr & ~0xfffull) &&
           e->addr_read != (uint64_t)-1;
}

#define CODE_V 0x1000u       /* code, virtual */
#define CODE_P 0x3000u       /* ... and physical */
#define DATA_V 0x5000u
#define DATA_P 0x8000u
#define VEC_V 0x2000u
#define VEC_P 0x4000u

/* ------------------------------------------------------------ tests */

static void test_basic_and_fast_path(void)
{
    uint32_t code[64];
    int n = 0;
    TLBStats before;
    int ret;

    /* r1 = DATA_V; r2 = 100; loop: st r3,[r1]; ld r4,[r1+8]; r3++; r2-- */
    n += li32(code + n, 1, DATA_V);
    code[n++] = insn(TS_LI, 2, 0, 100);
    code[n++] = insn(TS_LI, 3, 0, 0);
    code[n++] = insn(TS_LI, 5, 0, 0);
    code[n++] = insn(TS_ST, 3, 1, 0);           /* loop */
    code[n++] = insn(TS_LD, 4, 1, 8);
    code[n++] = insn(TS_ADDI, 3, 0, 1);
    code[n++] = insn(TS_ADDI, 2, 0, -1);
    code[n++] = insn(TS_BNE, 2, 5, -5);
    code[n++] = insn(TS_LD8S, 6, 1, 15);        /* 0x11: positive */
    code[n++] = insn(TS_LD8S, 7, 1, 8);         /* 0x88: negative */
    code[n++] = insn(TS_LD32S, 8, 1, 8);        /* 0x55667788 */
    code[n++] = insn(TS_LD32S, 9, 1, 12);       /* 0x11223344 */
    code[n++] = insn(TS_ST8, 7, 1, 16);
    code[n++] = insn(TS_ST16BE, 8, 1, 18);
    code[n++] = insn(TS_HALT, 0, 0, 0);
    put_code(CODE_P, code, n);
    put64(DATA_P + 8, 0x1122334455667788ull);

    before = tlb_stats;
    ret = run(CODE_V);
    tap_report(ret == EXCP_HLT, "HALT ends cpu_exec with EXCP_HLT (%d)", ret);
    tap_report(env->r[4] == 0x1122334455667788ull && env->r[3] == 100,
               "loads and stores through the TLB (r4=%" PRIx64 " r3=%"
               PRIu64 ")", env->r[4], env->r[3]);
    tap_report(get64(DATA_P) == 99, "the store reached physical RAM (%"
               PRIu64 ")", get64(DATA_P));
    tap_report(env->r[6] == 0x11 && env->r[7] == 0xffffffffffffff88ull &&
               env->r[8] == 0x55667788 && env->r[9] == 0x11223344,
               "sign-extending loads on the fast path (%" PRIx64 " %" PRIx64
               ")", env->r[6], env->r[7]);
    tap_report(memcmp(ram_ptr + DATA_P + 16, "\x88\x00\x77\x88", 4) == 0,
               "byte and big-endian 16-bit stores on the fast path");
    tap_report(tlb_stats.fills - before.fills >= 2,
               "tlb_fill called for code and data (%" PRIu64 ")",
               tlb_stats.fills - before.fills);
#ifdef TCG_TARGET_INTERPRETER
    tap_report(tlb_stats.slow_loads - before.slow_loads == 104,
               "interpreter: every load takes the slow path (%" PRIu64 ")",
               tlb_stats.slow_loads - before.slow_loads);
#else
    tap_report(tlb_stats.slow_loads - before.slow_loads <= 1 &&
               tlb_stats.slow_stores - before.slow_stores <= 1,
               "after the first fill the 100 iterations hit the fast path"
               " (slow loads %" PRIu64 ", stores %" PRIu64 ")",
               tlb_stats.slow_loads - before.slow_loads,
               tlb_stats.slow_stores - before.slow_stores);
#endif
    tap_report(get_page_addr_code_hostp(env, CODE_V + 8, NULL) == CODE_P + 8,
               "get_page_addr_code_hostp gives the physical pc");
}

static void test_mmio(void)
{
    uint32_t code[64];
    int n = 0;
    int ret;

    map(0x6000, MMIO_BASE, TS_RWX);
    n += li32(code + n, 1, 0x6000);
    n += li32(code + n, 2, 0x12345678);
    code[n++] = insn(TS_ST32, 2, 1, 0x10);
    code[n++] = insn(TS_HALT, 0, 0, 0);
    put_code(CODE_P, code, n);
    memset(&mlog, 0, sizeof(mlog));
    ret = run(CODE_V);
    tap_report(ret == EXCP_HLT && mlog.n == 1 && mlog.is_write &&
               mlog.addr == 0x10 && mlog.size == 4 && mlog.val == 0x12345678,
               "MMIO store: one 4-byte write at offset 0x10 of 0x12345678"
               " (n=%d off=%" PRIx64 " size=%u val=%" PRIx64 ")", mlog.n,
               mlog.addr, mlog.size, mlog.val);

    n = 0;
    n += li32(code + n, 1, 0x6000);
    code[n++] = insn(TS_LD32, 3, 1, 0x24);
    code[n++] = insn(TS_LD8S, 4, 1, 0x7);
    code[n++] = insn(TS_LD16BE, 5, 1, 0x22);
    code[n++] = insn(TS_LD8S, 6, 1, 0x80);
    code[n++] = insn(TS_LD32S, 7, 1, 0x90);
    code[n++] = insn(TS_HALT, 0, 0, 0);
    put_code(CODE_P, code, n);
    memset(&mlog, 0, sizeof(mlog));
    run(CODE_V);
    tap_report(env->r[3] == 0xabc00024u, "MMIO 32-bit load gets the device's"
               " value (%" PRIx64 ")", env->r[3]);
    tap_report(env->r[4] == 0x7, "MMIO byte load: offset 7 reads 0x07 (%"
               PRIx64 ")", env->r[4]);
    /* device value 0xabc00022, LE bytes 22 00: big-endian view 0x2200 */
    tap_report(env->r[6] == 0xffffffffffffff80ull &&
               env->r[7] == 0xffffffffabc00090ull,
               "the slow path sign-extends (%" PRIx64 ", %" PRIx64 ")",
               env->r[6], env->r[7]);
    tap_report(env->r[5] == 0x2200 && mlog.n == 5 && mlog.addr == 0x90,
               "MMIO big-endian 16-bit load (%" PRIx64 ")", env->r[5]);
}

static void test_cross_and_unaligned(void)
{
    uint32_t code[40];
    int n = 0;

    /* Two virtual pages on non-adjacent physical pages. */
    map(0x7000, 0x20000, TS_RWX);
    map(0x8000, 0x10000, TS_RWX);
    memset(ram_ptr + 0x20ff0, 0, 16);
    memset(ram_ptr + 0x10000, 0, 16);
    n += li32(code + n, 1, 0x7ffc);
    n += li32(code + n, 2, 0x55667788);
    code[n++] = insn(TS_LI, 3, 0, 0x1122);
    code[n++] = insn(TS_LUI, 3, 0, 0x3344);
    code[n++] = insn(TS_ADDI, 4, 0, 0);
    /* r2 = 0x1122334455667788 */
    code[n++] = insn(TS_LI, 2, 0, 0x1122);
    code[n++] = insn(TS_LUI, 2, 0, 0x3344);
    code[n++] = insn(TS_LUI, 2, 0, 0x5566);
    code[n++] = insn(TS_LUI, 2, 0, 0x7788);
    code[n++] = insn(TS_ST, 2, 1, 0);           /* crosses 0x8000 */
    code[n++] = insn(TS_LD, 5, 1, -2);          /* 0x7ffa, crosses */
    code[n++] = insn(TS_LD, 6, 1, 1);           /* 0x7ffd, crosses */
    code[n++] = insn(TS_ST16BE, 2, 1, 3);       /* 0x7fff, crosses */
    code[n++] = insn(TS_LD16BE, 7, 1, 3);
    code[n++] = insn(TS_LD32S, 8, 1, 1);
    code[n++] = insn(TS_HALT, 0, 0, 0);
    put_code(CODE_P, code, n);
    run(CODE_V);
    /* (the 16-bit store below rewrote 0x7fff and 0x8000) */
    tap_report(memcmp(ram_ptr + 0x20ffc, "\x88\x77\x66", 3) == 0 &&
               memcmp(ram_ptr + 0x10001, "\x33\x22\x11\x00", 4) == 0,
               "a store crossing pages splits over both physical pages");
    tap_report(env->r[5] == 0x3344556677880000ull,
               "a load crossing pages reads both (%" PRIx64 ")", env->r[5]);
    tap_report(env->r[6] == 0x0011223344556677ull,
               "unaligned crossing load (%" PRIx64 ")", env->r[6]);
    tap_report(env->r[7] == 0x7788 && ram_ptr[0x20fff] == 0x77 &&
               ram_ptr[0x10000] == 0x88,
               "big-endian 16-bit store and load across pages (%" PRIx64 ")",
               env->r[7]);
    tap_report(env->r[8] == 0xffffffff88776677ull,
               "sign-extending 32-bit load across pages (%" PRIx64 ")",
               env->r[8]);
}

static void test_faults(void)
{
    uint32_t code[64];
    uint32_t vec[1] = { insn(TS_HALT, 0, 0, 0) };
    int n = 0, ret;

    map(VEC_V, VEC_P, TS_RWX);
    put_code(VEC_P, vec, 1);
    env->vector = VEC_V;

    /* A fault in the middle of a TB: r1 updated before it must stick. */
    n += li32(code + n, 2, DATA_V);
    code[n++] = insn(TS_LI, 1, 0, 7);
    code[n++] = insn(TS_ADDI, 1, 0, 5);
    code[n++] = insn(TS_LD, 3, 2, 0x4000);      /* 0x9000: unmapped */
    code[n++] = insn(TS_LI, 1, 0, 99);
    code[n++] = insn(TS_HALT, 0, 0, 0);
    put_code(CODE_P, code, n);
    env->n_excp = 0;
    ret = run(CODE_V);
    tap_report(ret == EXCP_HLT && env->n_excp == 1 &&
               env->last_excp == EXCP_TS_PAGEFAULT,
               "a tlb_fill fault reaches do_interrupt (n=%d excp=%d)",
               env->n_excp, env->last_excp);
    tap_report(env->excp_pc == CODE_V + 4 * 4 && env->fault_addr == 0x9000,
               "the fault restores the pc of the load (%" PRIx64 ", addr %"
               PRIx64 ")", env->excp_pc, env->fault_addr);
    tap_report(env->r[1] == 12, "registers written before the fault are"
               " in env (r1=%" PRIu64 ")", env->r[1]);

    /* Store to a read-only page. */
    map(0xa000, 0x30000, TS_V | TS_R);
    n = 0;
    n += li32(code + n, 2, 0xa000);
    code[n++] = insn(TS_LD, 3, 2, 0);
    code[n++] = insn(TS_ST, 3, 2, 0);
    code[n++] = insn(TS_HALT, 0, 0, 0);
    put_code(CODE_P, code, n);
    env->n_excp = 0;
    run(CODE_V);
    tap_report(env->n_excp == 1 && env->excp_pc == CODE_V + 3 * 4 &&
               env->fault_addr == 0xa000,
               "a store to a read-only page faults at the store (pc %"
               PRIx64 ")", env->excp_pc);

    /* Alignment: MO_ALIGN on a misaligned address, fast path compare. */
    n = 0;
    n += li32(code + n, 2, DATA_V);
    code[n++] = insn(TS_LDA, 3, 2, 8);
    code[n++] = insn(TS_LDA, 3, 2, 12);
    code[n++] = insn(TS_HALT, 0, 0, 0);
    put_code(CODE_P, code, n);
    env->n_excp = 0;
    run(CODE_V);
    tap_report(env->n_excp == 1 && env->last_excp == EXCP_TS_UNALIGNED &&
               env->excp_pc == CODE_V + 3 * 4 &&
               env->fault_addr == DATA_V + 12,
               "a misaligned MO_ALIGN load raises the alignment fault at"
               " its pc (excp %d pc %" PRIx64 ")", env->last_excp,
               env->excp_pc);

    /* Instruction fetch from an unmapped page. */
    n = 0;
    n += li32(code + n, 2, 0xb000);
    code[n++] = insn(TS_JR, 0, 2, 0);
    put_code(CODE_P, code, n);
    env->n_excp = 0;
    run(CODE_V);
    tap_report(env->n_excp == 1 && env->last_excp == EXCP_TS_PAGEFAULT &&
               env->excp_pc == 0xb000 && env->fault_addr == 0xb000,
               "a jump to an unmapped page faults with pc there (%" PRIx64
               ")", env->excp_pc);
}

static void test_smc(void)
{
    uint32_t code[64];
    uint32_t sub[2] = { insn(TS_LI, 5, 0, 1), insn(TS_JR, 0, 14, 0) };
    uint64_t inv;
    int n = 0;

    /* A subroutine at CODE_V + 0x800; the caller patches it and calls. */
    put_code(CODE_P + 0x800, sub, 2);
    n += li32(code + n, 10, CODE_V + 0x800);
    n += li32(code + n, 14, CODE_V + 0x40);
    code[n++] = insn(TS_JR, 0, 10, 0);
    while (n < 0x40 / 4) {
        code[n++] = insn(TS_LI, 0, 0, 0);
    }
    code[n++] = insn(TS_HALT, 0, 0, 0);
    put_code(CODE_P, code, n);
    run(CODE_V);
    tap_report(env->r[5] == 1, "the subroutine runs (r5=%" PRIu64 ")",
               env->r[5]);

    /* Now: store "li r5, 2" over it from guest code, then call it. */
    n = 0;
    n += li32(code + n, 10, CODE_V + 0x800);
    n += li32(code + n, 14, CODE_V + 0x80);
    n += li32(code + n, 11, insn(TS_LI, 5, 0, 2));
    code[n++] = insn(TS_ST32, 11, 10, 0);
    code[n++] = insn(TS_JR, 0, 10, 0);
    while (n < 0x80 / 4) {
        code[n++] = insn(TS_LI, 0, 0, 0);
    }
    code[n++] = insn(TS_HALT, 0, 0, 0);
    put_code(CODE_P + 0x100, code, n);
    inv = tlb_stats.code_invalidations;
    /* (the code of this test sits at +0x100; its return is at +0x80) */
    code[0] = insn(TS_HALT, 0, 0, 0);
    put_code(CODE_P + 0x80, code, 1);
    run(CODE_V + 0x100);
    tap_report(env->r[5] == 2 && tlb_stats.code_invalidations > inv,
               "a guest store into translated code invalidates it: the new"
               " code runs (r5=%" PRIu64 ")", env->r[5]);

    /* DMA-like write through the memory API. */
    sub[0] = insn(TS_LI, 5, 0, 3);
    put_code(CODE_P + 0x800, sub, 1);
    env->r[14] = CODE_V + 0x80;
    run(CODE_V + 0x800);
    tap_report(env->r[5] == 3, "a memory-API write into code invalidates it"
               " (r5=%" PRIu64 ")", env->r[5]);
}

/*
 * A page of code overwritten word by word: after 64 slow stores the
 * next one drops all of the page's TBs, so the rest run fast.
 */
static void test_code_page_overwrite(void)
{
    MemOpIdx oi = make_memop_idx(MO_LE | MO_64, 0);
    uint32_t code[2] = { insn(TS_LI, 5, 0, 9), insn(TS_HALT, 0, 0, 0) };
    uint64_t inv;
    unsigned i;

    map(0x50000, 0x50000, TS_RWX);
    put_code(0x50000, code, 2);
    env->mmu_idx = 0;
    tlb_flush(cs);
    run(0x50000);
    tap_report(env->r[5] == 9 && tb_page_has_code(0x50000),
               "code page: translated");
    inv = tlb_stats.code_invalidations;
    for (i = 0; i < 64; i++) {
        cpu_stq_mmu(env, 0x50800 + i * 8, i, oi, 0);
    }
    tap_report(tlb_stats.code_invalidations - inv == 64 &&
               tb_page_has_code(0x50000),
               "64 stores beside the code: each checked, the TB stays");
    cpu_stq_mmu(env, 0x50a00, 1, oi, 0);
    tap_report(!tb_page_has_code(0x50000) && get64(0x50a00) == 1,
               "the 65th drops every TB of the page");
    inv = tlb_stats.code_invalidations;
    for (i = 0; i < 16; i++) {
        cpu_stq_mmu(env, 0x50c00 + i * 8, i, oi, 0);
    }
    tap_report(tlb_stats.code_invalidations == inv && get64(0x50c78) == 15,
               "later stores to the page need no code check");
    run(0x50000);
    tap_report(env->r[5] == 9 && tb_page_has_code(0x50000),
               "the code runs again (retranslated)");
}

static void test_flush(void)
{
    uint32_t code[16];
    int n = 0;

    put64(DATA_P, 111);
    put64(0x9000, 222);
    n += li32(code + n, 1, DATA_V);
    code[n++] = insn(TS_LD, 2, 1, 0);
    code[n++] = insn(TS_HALT, 0, 0, 0);
    put_code(CODE_P, code, n);
    env->mmu_idx = 0;
    run(CODE_V);
    tap_report(env->r[2] == 111, "mapping A read (%" PRIu64 ")", env->r[2]);
    map(DATA_V, 0x9000, TS_RWX);
    run(CODE_V);
    tap_report(env->r[2] == 111, "a remap without a flush still uses the"
               " cached entry (%" PRIu64 ")", env->r[2]);
    tlb_flush_page_by_mmuidx(cs, DATA_V, 1u << 1);
    run(CODE_V);
    tap_report(env->r[2] == 111, "a page flush of another MMU index keeps"
               " it (%" PRIu64 ")", env->r[2]);
    tlb_flush_page(cs, DATA_V + 0x123);
    run(CODE_V);
    tap_report(env->r[2] == 222, "tlb_flush_page: the new mapping is used"
               " (%" PRIu64 ")", env->r[2]);

    /* MMU index 1 has its own entries. */
    env->mmu_idx = 1;
    map(DATA_V, DATA_P, TS_RWX);
    run(CODE_V);
    tap_report(env->r[2] == 111, "mmu_idx 1 fills its own entry (%" PRIu64
               ")", env->r[2]);
    env->mmu_idx = 0;
    run(CODE_V);
    tap_report(env->r[2] == 222, "mmu_idx 0 keeps its entry (%" PRIu64 ")",
               env->r[2]);
    tlb_flush_by_mmuidx(cs, 1u << 0);
    tap_report(!tlb_cached(0, DATA_V) && tlb_cached(1, DATA_V),
               "tlb_flush_by_mmuidx empties only the indexes asked");
    run(CODE_V);
    tap_report(env->r[2] == 111, "after it, mmu_idx 0 refills (%" PRIu64 ")",
               env->r[2]);

    /* The top bits ignored: flush by page in a 48-bit space. */
    tlb_flush_page_bits_by_mmuidx(cs, DATA_V | 0xff00000000000000ull, 1, 48);
    tap_report(!tlb_cached(0, DATA_V) && tlb_cached(1, DATA_V),
               "tlb_flush_page_bits_by_mmuidx ignores the top byte");

    /* Code remapped: the physical TB index and the jump cache follow. */
    {
        uint32_t other[2] = { insn(TS_LI, 2, 0, 77), insn(TS_HALT, 0, 0, 0) };

        put_code(0x40000, other, 2);
        map(CODE_V, 0x40000, TS_RWX);
        tlb_flush(cs);
        run(CODE_V);
        tap_report(env->r[2] == 77, "after a remap and tlb_flush the code"
                   " of the new physical page runs (r2=%" PRIu64 ")",
                   env->r[2]);
        map(CODE_V, CODE_P, TS_RWX);
        tlb_flush_all_cpus_synced(cs);
        run(CODE_V);
        tap_report(env->r[2] == 111, "and back, after a broadcast flush"
                   " (r2=%" PRIu64 ")", env->r[2]);
        map(CODE_V, 0x40000, TS_RWX);
        tlb_flush_page(cs, CODE_V);
        run(CODE_V);
        tap_report(env->r[2] == 77, "a page flush drops the jump-cache"
                   " entries of that page (r2=%" PRIu64 ")", env->r[2]);
        map(CODE_V, CODE_P, TS_RWX);
        tlb_flush_page(cs, 0x3f000);
        run(CODE_V);
        tap_report(env->r[2] == 77, "a flush of another page keeps them"
                   " (r2=%" PRIu64 ")", env->r[2]);
        tlb_flush_page_by_mmuidx_all_cpus_synced(cs, CODE_V, 1);
        run(CODE_V);
        tap_report(env->r[2] == 111, "a broadcast page flush (r2=%" PRIu64
                   ")", env->r[2]);
    }
}

/* tlb_flush_masked_by_mmuidx: by VA half and by TLB_ATTR_NG. */
#define HI_BIT  (1ull << 55)
#define HI(a)   (0xff80000000000000ull | (a))

static void test_masked_flush(void)
{
    unsigned i;
    bool all_gone = true;

    tlb_flush(cs);
    tlb_set_page(cs, 0x7000, 0x7000, PAGE_READ, 3, 12, 0);
    tlb_set_page(cs, 0x8000, 0x8000, PAGE_READ, 3, 12, TLB_ATTR_NG);
    tlb_set_page(cs, HI(0x9000), 0x9000, PAGE_READ, 3, 12, 0);
    tlb_set_page(cs, HI(0xa000), 0xa000, PAGE_READ, 3, 12, TLB_ATTR_NG);
    tlb_set_page(cs, 0x8000, 0x8000, PAGE_READ, 4, 12, TLB_ATTR_NG);
    tlb_flush_masked_by_mmuidx(cs, 1u << 3, 0, 0, true);
    tap_report(tlb_cached(3, 0x7000) && !tlb_cached(3, 0x8000) &&
               tlb_cached(3, HI(0x9000)) && !tlb_cached(3, HI(0xa000)) &&
               tlb_cached(4, 0x8000),
               "masked flush, ng: non-global entries of the index go, global"
               " ones and other indexes stay");
    tlb_set_page(cs, 0x8000, 0x8000, PAGE_READ, 3, 12, TLB_ATTR_NG);
    tlb_set_page(cs, HI(0xa000), 0xa000, PAGE_READ, 3, 12, TLB_ATTR_NG);
    tlb_flush_masked_by_mmuidx(cs, 1u << 3, HI_BIT, 0, false);
    tap_report(!tlb_cached(3, 0x7000) && !tlb_cached(3, 0x8000) &&
               tlb_cached(3, HI(0x9000)) && tlb_cached(3, HI(0xa000)),
               "masked flush, low half: global and non-global entries with"
               " VA[55] = 0 go, the high half stays");
    tlb_set_page(cs, 0x7000, 0x7000, PAGE_READ, 3, 12, 0);
    tlb_flush_masked_by_mmuidx(cs, (1u << 3) | (1u << 4), HI_BIT, HI_BIT,
                               false);
    tap_report(tlb_cached(3, 0x7000) && !tlb_cached(3, HI(0x9000)) &&
               !tlb_cached(3, HI(0xa000)) && tlb_cached(4, 0x8000),
               "masked flush, high half: only VA[55] = 1 entries go");
    /* Entries older than the last masked flush are still found. */
    tlb_flush(cs);
    tlb_set_page(cs, HI(0x9000), 0x9000, PAGE_READ, 3, 12, 0);
    tlb_set_page(cs, 0x7000, 0x7000, PAGE_READ, 3, 12, 0);
    tlb_flush_masked_by_mmuidx(cs, 1u << 3, 0, 0, true);
    tlb_set_page(cs, 0x8000, 0x8000, PAGE_READ, 3, 12, TLB_ATTR_NG);
    tlb_flush_masked_by_mmuidx(cs, 1u << 3, HI_BIT, 0, true);
    tap_report(!tlb_cached(3, 0x7000) && !tlb_cached(3, 0x8000) &&
               tlb_cached(3, HI(0x9000)),
               "masked flush after another: old and new low entries go");
    /* More fills than the log holds: the table is scanned. */
    tlb_flush(cs);
    for (i = 0; i < 700; i++) {
        tlb_set_page(cs, 0x100000 + i * 0x1000ull, 0x1000, PAGE_READ, 5, 12,
                     TLB_ATTR_NG);
    }
    tlb_flush_masked_by_mmuidx(cs, 1u << 5, 0, 0, true);
    for (i = 0; i < 700; i++) {
        all_gone &= !tlb_cached(5, 0x100000 + i * 0x1000ull);
    }
    tap_report(all_gone, "masked flush after 700 fills drops every ng entry");

    /* The jump cache follows (code at CODE_V loads DATA_V into r2). */
    {
        uint32_t other[2] = { insn(TS_LI, 2, 0, 77), insn(TS_HALT, 0, 0, 0) };

        put_code(0x40000, other, 2);
        env->mmu_idx = 0;
        map(CODE_V, CODE_P, TS_RWX);
        map(DATA_V, DATA_P, TS_RWX);
        put64(DATA_P, 111);
        tlb_flush(cs);
        run(CODE_V);
        map(CODE_V, 0x40000, TS_RWX);
        tlb_flush_masked_by_mmuidx(cs, 1, HI_BIT, HI_BIT, true);
        run(CODE_V);
        tap_report(env->r[2] == 111, "a high-half or ng flush keeps global"
                   " low code (r2=%" PRIu64 ")", env->r[2]);
        tlb_flush_masked_by_mmuidx(cs, 1, HI_BIT, 0, false);
        run(CODE_V);
        tap_report(env->r[2] == 77, "a low-half flush drops its jump-cache"
                   " entries (r2=%" PRIu64 ")", env->r[2]);
        ts_fill_attrs = TLB_ATTR_NG;
        map(CODE_V, CODE_P, TS_RWX);
        tlb_flush(cs);
        run(CODE_V);
        map(CODE_V, 0x40000, TS_RWX);
        tlb_flush_masked_by_mmuidx(cs, 1, 0, 0, true);
        run(CODE_V);
        tap_report(env->r[2] == 77, "an ng flush drops the jump-cache"
                   " entries of ng code (r2=%" PRIu64 ")", env->r[2]);
        map(CODE_V, CODE_P, TS_RWX);
        tlb_flush_masked_by_mmuidx_all_cpus_synced(cs, 1, 0, 0, true);
        run(CODE_V);
        tap_report(env->r[2] == 111, "the broadcast form too (r2=%" PRIu64
                   ")", env->r[2]);
        ts_fill_attrs = 0;
        tlb_flush(cs);
    }
}

/*
 * The victim TLB: an entry pushed out of its slot by a fill of another
 * page is found again by the slow path without a tlb_fill, and flushes
 * reach it there.
 */
static void test_victim(void)
{
    const unsigned idx = 6;
    uint64_t a = 0x20000, b, fills, hits;
    size_t n;
    void *p;
    CPUTLBEntry *e;

    tlb_flush(cs);
    n = (cs->tlb.f[idx].mask >> CPU_TLB_ENTRY_BITS) + 1;
    b = a + n * 0x1000;         /* the slot of a */
    if ((b >> 12) < TS_NPAGES) {
        toy_map[b >> 12] = 0;   /* b is never filled by tlb_fill */
    }
    map(a, 0x7000, TS_RWX);
    tlb_set_page(cs, a, 0x7000, PAGE_READ | PAGE_WRITE, idx, 12, 0);
    tlb_set_page(cs, b, 0x8000, PAGE_READ | PAGE_WRITE, idx, 12, 0);
    tap_report(!tlb_cached(idx, a) && tlb_cached(idx, b),
               "victim: a fill of another page of the slot pushes a out");
    fills = tlb_stats.fills;
    hits = tlb_stats.victim_hits;
    p = probe_access_nofault(env, a + 8, 8, MMU_DATA_LOAD, idx);
    tap_report(p == ram_ptr + 0x7008 && tlb_stats.fills == fills &&
               tlb_stats.victim_hits == hits + 1 && tlb_cached(idx, a) &&
               !tlb_cached(idx, b),
               "victim: the slow path finds a there, no fill, and swaps it"
               " back (fills +%" PRIu64 ")", tlb_stats.fills - fills);
    p = probe_access_nofault(env, b, 1, MMU_DATA_LOAD, idx);
    tap_report(p == ram_ptr + 0x8000 && tlb_stats.fills == fills &&
               tlb_stats.victim_hits == hits + 2,
               "victim: the entry it displaced is a victim in turn");

    /* a is a victim again; remap it and flush the page. */
    map(a, 0x9000, TS_RWX);
    tlb_flush_page_by_mmuidx(cs, a, 1u << idx);
    p = probe_access_nofault(env, a, 1, MMU_DATA_LOAD, idx);
    tap_report(p == ram_ptr + 0x9000 && tlb_stats.fills == fills + 1 &&
               tlb_stats.victim_hits == hits + 2,
               "victim: a page flush drops the victim entry, the new mapping"
               " is filled (host 0x%" PRIx64 ")",
               (uint64_t)((uint8_t *)p - ram_ptr));

    /* b is the victim now: a low-half masked flush drops it. */
    tlb_flush_masked_by_mmuidx(cs, 1u << idx, HI_BIT, 0, false);
    p = probe_access_nofault(env, b, 1, MMU_DATA_LOAD, idx);
    tap_report(p == NULL && tlb_stats.victim_hits == hits + 2,
               "victim: a masked flush drops matching victim entries");

    /* A victim entry of a page that gets code takes NOTDIRTY too. */
    tlb_set_page(cs, a, 0x9000, PAGE_READ | PAGE_WRITE, idx, 12, 0);
    tlb_set_page(cs, b, 0x8000, PAGE_READ | PAGE_WRITE, idx, 12, 0);
    tlb_protect_code(0x9000);
    p = probe_access_nofault(env, a, 1, MMU_DATA_LOAD, idx);
    e = &cs->tlb.f[idx].table[(a >> 12) &
                              (cs->tlb.f[idx].mask >> CPU_TLB_ENTRY_BITS)];
    tap_report(p == ram_ptr + 0x9000 && (e->addr_write & TLB_NOTDIRTY) &&
               tlb_stats.victim_hits == hits + 3,
               "victim: tlb_protect_code marks victim entries NOTDIRTY");
    tlb_unprotect_code(0x9000);

    /* A full flush empties it. */
    tlb_set_page(cs, b, 0x8000, PAGE_READ | PAGE_WRITE, idx, 12, 0);
    tlb_flush(cs);
    fills = tlb_stats.fills;
    p = probe_access_nofault(env, a, 1, MMU_DATA_LOAD, idx);
    tap_report(p == ram_ptr + 0x9000 && tlb_stats.fills == fills + 1 &&
               tlb_stats.victim_hits == hits + 3,
               "victim: tlb_flush empties the victim TLB");
    toy_map[a >> 12] = 0;
    tlb_flush(cs);
}

/* Is pc's TB in the jump cache? */
static bool jc_has(uint64_t pc)
{
    CPUJumpCacheEntry *e = &cs->tb_jmp_cache[tb_jmp_cache_hash(pc)];

    return e->tc_ptr && e->pc == pc;
}

/* The jump cache: layout by page, page flushes, the inline probe. */
static void test_jump_cache(void)
{
    uint32_t t[2] = { 0, insn(TS_HALT, 0, 0, 0) };
    uint32_t code[8];
    unsigned h = tb_jmp_cache_hash(0x40000), k, w;
    bool distinct = true, empty = true;
    uint64_t helper;
    int n = 0;

    /* (0x40000 >> 2 ^ 0x40000 >> 12) mod 16384 = 0x10000 ^ 0x40 -> 0x40 */
    tap_report(h == 0x40 && tb_jmp_cache_hash(0x40004) == (h ^ 1) &&
               tb_jmp_cache_hash(0x40ffc) == (h ^ 1023) &&
               tb_jmp_cache_hash(0x40003) == h &&
               tb_jmp_cache_group(0x40ffc) == (h & ~1023u) &&
               tb_jmp_cache_group(0x40000) == (h & ~1023u),
               "jump cache: a page's pcs share its group, 4 bytes apart is"
               " the next slot, bits 0..1 do not count (h=0x%x)", h);
    for (k = 1; k < 1024; k++) {
        distinct &= tb_jmp_cache_hash(0x40000 + 4 * k) != h;
    }
    tap_report(distinct, "jump cache: the 1024 aligned pcs of a page have"
               " their own slots");

    /* Four TBs: two on page 0x60000, one on 0x61000, one on 0x70000. */
    map(0x60000, 0x60000, TS_RWX);
    map(0x61000, 0x61000, TS_RWX);
    map(0x70000, 0x70000, TS_RWX);
    t[0] = insn(TS_LI, 2, 0, 1);
    put_code(0x60000, t, 2);
    t[0] = insn(TS_LI, 2, 0, 2);
    put_code(0x60ff8, t, 2);
    t[0] = insn(TS_LI, 2, 0, 5);
    put_code(0x61100, t, 2);
    t[0] = insn(TS_LI, 2, 0, 6);
    put_code(0x70000, t, 2);
    env->mmu_idx = 0;
    tlb_flush(cs);
    run(0x60000);
    run(0x60ff8);
    run(0x61100);
    run(0x70000);
    tap_report(jc_has(0x60000) && jc_has(0x60ff8) && jc_has(0x61100) &&
               jc_has(0x70000) && env->r[2] == 6,
               "jump cache: the loop fills the entries of new TBs");
    /* Pretend the TB at 0x60ff8 ends with an insn crossing the page. */
    cs->tb_jmp_cache[tb_jmp_cache_hash(0x60ff8)].span = 1;
    tlb_flush_page(cs, 0x61000);
    tap_report(!jc_has(0x61100) && !jc_has(0x60ff8) && jc_has(0x60000) &&
               jc_has(0x70000),
               "jump cache: a page flush drops that page's entries and of"
               " TBs running into it; other pages keep theirs");
    tlb_flush_page(cs, 0x71000);
    tap_report(jc_has(0x70000) && jc_has(0x60000),
               "jump cache: a flush of the page after keeps TBs that do not"
               " run into it");
    /*
     * Pages 0x1fff000 and 0x2000000 share group 0x2000 ((pc >> 2 ^
     * pc >> 12) & 0x3c00 is 0x3c00 ^ 0x1c00 and 0x0000 ^ 0x2000): an entry
     * (never run) running from the first into the second goes too.
     */
    tb_jmp_cache_set(cs->tb_jmp_cache, 0x1fffff8, 0, 0,
                     tcg_ctx->code_gen_epilogue, true, true);
    tlb_flush_page(cs, 0x2000000);
    tap_report(tb_jmp_cache_group(0x1fff000) == 0x2000 &&
               tb_jmp_cache_group(0x2000000) == 0x2000 &&
               !jc_has(0x1fffff8) && jc_has(0x70000),
               "jump cache: a page flush drops a TB running into it from"
               " the page before in the same group");
    tlb_flush_masked_by_mmuidx(cs, 1, HI_BIT, HI_BIT, false);
    tap_report(jc_has(0x70000) && jc_has(0x60000),
               "jump cache: a high-half masked flush keeps low entries");
    tlb_flush_masked_by_mmuidx(cs, 1, HI_BIT, 0, false);
    for (w = 0; w < TB_JMP_BLOCKMAP_WORDS; w++) {
        empty &= tb_jmp_cache_blockmap(cs->tb_jmp_cache)[w] == 0;
    }
    tap_report(!jc_has(0x60000) && !jc_has(0x70000) && empty,
               "jump cache: a masked flush that empties it clears the block"
               " map");

    /* The inline probe computes the same index (no helper call). */
    n += li32(code + n, 10, 0x70200);
    code[n++] = insn(TS_JR, 0, 10, 0);
    put_code(0x70100, code, n);
    n = 0;
    n += li32(code + n, 10, 0x61ffc);
    code[n++] = insn(TS_JR, 0, 10, 0);
    put_code(0x70200, code, n);
    t[0] = insn(TS_LI, 2, 0, 8);
    t[1] = insn(TS_HALT, 0, 0, 0);
    put_code(0x61ffc, t, 1);
    put_code(0x62000, t + 1, 1);
    map(0x62000, 0x62000, TS_RWX);
    run(0x70100);
    helper = tb_stats.lookups_helper;
    env->r[2] = 0;
    run(0x70100);
    tap_report(env->r[2] == 8 && tb_stats.lookups_helper == helper,
               "jump cache: the second run's indirect jumps hit inline"
               " (helper calls +%" PRIu64 ")",
               tb_stats.lookups_helper - helper);
    tlb_flush(cs);
    for (w = 0; w < TB_JMP_BLOCKMAP_WORDS; w++) {
        empty &= tb_jmp_cache_blockmap(cs->tb_jmp_cache)[w] == 0;
    }
    tap_report(!jc_has(0x70100) && !jc_has(0x70200) && !jc_has(0x61ffc) &&
               empty, "jump cache: tlb_flush empties it and its maps");
}

static void test_large_page_and_resize(void)
{
    unsigned i, n0;
    uint64_t resizes;

    /* A 2 MiB page: two pieces cached, a flush inside drops both. */
    tlb_flush(cs);
    tlb_set_page(cs, 0x40000000, 0x0, PAGE_READ, 3, 21, 0);
    tlb_set_page(cs, 0x40005000, 0x5000, PAGE_READ, 3, 21, 0);
    tlb_set_page(cs, 0x7000, 0x7000, PAGE_READ, 3, 12, 0);
    tap_report(tlb_cached(3, 0x40000000) && tlb_cached(3, 0x40005000),
               "large-page pieces are cached");
    tlb_flush_page(cs, 0x401ff000);
    tap_report(!tlb_cached(3, 0x40000000) && !tlb_cached(3, 0x40005000) &&
               !tlb_cached(3, 0x7000),
               "a page flush inside a large page flushes the index");

    /* Growth: 250 pages used of 256 doubles the table at the flush. */
    n0 = (cs->tlb.f[4].mask >> CPU_TLB_ENTRY_BITS) + 1;
    resizes = tlb_stats.resizes;
    for (i = 0; i < 250; i++) {
        tlb_set_page(cs, 0x100000 + i * 0x1000ull, 0, PAGE_READ, 4, 12, 0);
    }
    tlb_flush(cs);
    tap_report(n0 == 256 && (cs->tlb.f[4].mask >> CPU_TLB_ENTRY_BITS) + 1 ==
               512 && tlb_stats.resizes > resizes,
               "a busy table grows at the flush (%u -> %u)", n0,
               (unsigned)(cs->tlb.f[4].mask >> CPU_TLB_ENTRY_BITS) + 1);
    for (i = 0; i < 40; i++) {
        tlb_set_page(cs, 0x100000 + i * 0x1000ull, 0, PAGE_READ, 4, 12, 0);
        tlb_flush(cs);
    }
    tap_report((cs->tlb.f[4].mask >> CPU_TLB_ENTRY_BITS) + 1 == 256,
               "an idle table shrinks after a window of flushes (%u)",
               (unsigned)(cs->tlb.f[4].mask >> CPU_TLB_ENTRY_BITS) + 1);
    for (i = 0; i < 400; i++) {
        tlb_flush(cs);
    }
    tap_report((cs->tlb.f[4].mask >> CPU_TLB_ENTRY_BITS) + 1 ==
               (1u << CPU_TLB_DYN_MIN_BITS),
               "... down to the minimum (%u)",
               (unsigned)(cs->tlb.f[4].mask >> CPU_TLB_ENTRY_BITS) + 1);
}

static void test_helpers(void)
{
    MemOpIdx oi = make_memop_idx(MO_LE | MO_64, 0);
    void *p;

    map(DATA_V, DATA_P, TS_RWX);
    map(0x6000, MMIO_BASE, TS_RWX);
    tlb_flush(cs);
    put64(DATA_P + 0x10, 0x0102030405060708ull);
    tap_report(cpu_ldq_mmu(env, DATA_V + 0x10, oi, 0) == 0x0102030405060708ull
               && cpu_ldl_mmu(env, DATA_V + 0x14, oi, 0) == 0x01020304u &&
               cpu_ldw_mmu(env, DATA_V + 0x10,
                           make_memop_idx(MO_BE | MO_16, 0), 0) == 0x0807,
               "cpu_ld*_mmu read RAM in the MemOp's byte order");
    cpu_stl_mmu(env, DATA_V + 0x20, 0xdeadbeef, oi, 0);
    tap_report(memcmp(ram_ptr + DATA_P + 0x20, "\xef\xbe\xad\xde", 4) == 0,
               "cpu_stl_mmu writes RAM");
    p = probe_access(env, DATA_V + 0x30, 8, MMU_DATA_STORE, 0, 0);
    tap_report(p == ram_ptr + DATA_P + 0x30, "probe_access gives the host"
               " address of RAM");
    tap_report(probe_access(env, 0x6000, 4, MMU_DATA_LOAD, 0, 0) == NULL,
               "probe_access of MMIO gives NULL");
    env->n_excp = 0;
    tap_report(probe_access_nofault(env, 0xc000, 4, MMU_DATA_LOAD, 0) == NULL
               && env->n_excp == 0,
               "probe_access_nofault of an unmapped page: NULL, no fault");
    memset(&mlog, 0, sizeof(mlog));
    cpu_stw_mmu(env, 0x6006, 0xbeef, make_memop_idx(MO_LE | MO_16, 0), 0);
    tap_report(mlog.n == 1 && mlog.size == 2 && mlog.addr == 6 &&
               mlog.val == 0xbeef, "cpu_stw_mmu to MMIO");
    tap_report(cpu_ldl_code(env, CODE_V) == insn(TS_LI, 1, 0, DATA_V >> 16),
               "cpu_ldl_code reads code through the code TLB");
    tap_report(tlb_fast_offset(2) == (intptr_t)offsetof(CPUState, tlb.f[2]) -
               cpu_env_offset, "tlb_fast_offset");
}

static void test_map_change(void)
{
    static MemoryRegion overlay;
    uint64_t v;

    map(DATA_V, DATA_P, TS_RWX);
    tlb_flush(cs);
    put64(DATA_P, 0x5555);
    v = cpu_ldq_mmu(env, DATA_V, make_memop_idx(MO_LE | MO_64, 0), 0);
    memory_region_init_io(&overlay, &mmio_ops, NULL, "overlay", 0x1000);
    memory_region_add_subregion_overlap(&sysmem, DATA_P, &overlay, 1);
    memset(&mlog, 0, sizeof(mlog));
    tap_report(v == 0x5555 &&
               cpu_ldl_mmu(env, DATA_V + 8, make_memop_idx(MO_LE | MO_32, 0),
                           0) == 0xabc00008u && mlog.n == 1,
               "a memory map change flushes the TLB: an overlay now answers");
    memory_region_del_subregion(&sysmem, &overlay);
    tap_report(cpu_ldq_mmu(env, DATA_V, make_memop_idx(MO_LE | MO_64, 0), 0)
               == 0x5555, "and RAM again once it is removed");
}

static int kicks;

static void kick(CPUState *c)
{
    kicks++;
}

static void test_exec_loop(void)
{
    cpu_kick_hook = kick;
    cpu_interrupt(cs, CPU_INTERRUPT_HARD);
    cpu_reset_interrupt(cs, CPU_INTERRUPT_HARD);
    cpu_exit(cs);
    tap_report(kicks == 2, "cpu_interrupt and cpu_exit call cpu_kick_hook");
    cpu_kick_hook = NULL;
    cs->halted = true;
    cs->exit_request = false;
    cs->tb_exit_flag = 0;
    env->pc = 0xdead000;
    tap_report(cpu_exec(cs) == EXCP_HLT && cs->halted,
               "a halted CPU without work returns EXCP_HLT at once");
    cs->halted = false;
}

int main(void)
{
    setup();
    map(CODE_V, CODE_P, TS_RWX);
    map(DATA_V, DATA_P, TS_RWX);
    test_basic_and_fast_path();
    test_mmio();
    test_cross_and_unaligned();
    test_faults();
    test_smc();
    test_code_page_overwrite();
    test_flush();
    test_masked_flush();
    test_victim();
    test_jump_cache();
    test_large_page_and_resize();
    test_helpers();
    test_map_change();
    test_exec_loop();
    return tap_exit_status();
}
