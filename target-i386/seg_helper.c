/*
 * target-i386/seg_helper.c: segment registers at CPL 3 in user mode.
 *
 * Selectors are looked up in the GDT or LDT that linux-user keeps in
 * guest memory (TLS slots from set_thread_area, modify_ldt entries);
 * the checks are those a protected-mode CPU makes for a CPL 3 load:
 * a null selector is fine for DS/ES/FS/GS but #GP(0) for CS/SS, the
 * index must be inside the table (#GP(sel)), the descriptor must be a
 * code/data one of the right kind with DPL 3 (#GP(sel)) and present
 * (#NP(sel), or #SS(sel) for SS).  Far jumps/calls/returns and IRET
 * that stay at CPL 3 reload CS here; a change of CS.D or CS.L changes
 * hflags, and the translator ends the TB after them.
 */
#include <stdbool.h>
#include <string.h>

#include "user/guest-mem.h"
#include "cpu.h"
#include "tcg/helper-info.h"

#define P   TCG_CALL_PTR
#define I64 TCG_CALL_I64

static void seg_raise(CPUX86State *env, int excp, uint32_t err, uintptr_t ra)
{
    env->error_code = err;
    env->exception_is_int = 0;
    cpu_raise_exception(env_cpu(env), excp, ra);
}

/* The two words of the descriptor for a non-null selector. */
static void seg_read_desc(CPUX86State *env, uint32_t sel, uint32_t *e1,
                          uint32_t *e2, uintptr_t ra)
{
    const DescTable *dt = (sel & 4) ? &env->ldt : &env->gdt;
    uint32_t index = sel & ~7u;
    uint64_t addr = dt->base + index;

    if ((dt->base == 0 && dt->limit == 0) || index + 7 > dt->limit ||
        !page_check_range(addr, 8, PAGE_READ)) {
        seg_raise(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
    memcpy(e1, g2h(addr), 4);
    memcpy(e2, g2h(addr + 4), 4);
}

static void seg_fill_cache(SegmentCache *sc, uint32_t sel, uint32_t e1,
                           uint32_t e2)
{
    uint32_t limit = (e1 & 0xffff) | (e2 & 0x000f0000);

    if (e2 & DESC_G_MASK) {
        limit = (limit << 12) | 0xfff;
    }
    sc->selector = sel;
    sc->base = (e1 >> 16) | ((e2 & 0xff) << 16) | (e2 & 0xff000000);
    sc->limit = limit;
    sc->flags = e2 & 0x00ffff00;
}

static bool seg_is_code(uint32_t e2)
{
    return (e2 & DESC_S_MASK) && (e2 & DESC_CS_MASK);
}

static unsigned seg_dpl(uint32_t e2)
{
    return (e2 >> DESC_DPL_SHIFT) & 3;
}

/*
 * Check a code segment for CS at CPL 3 and return its descriptor:
 * conforming code may have any DPL, other code needs DPL 3.
 */
static void seg_check_code(CPUX86State *env, uint32_t sel, uint32_t *e1,
                           uint32_t *e2, uintptr_t ra)
{
    if ((sel & 0xfffc) == 0) {
        seg_raise(env, EXCP0D_GPF, 0, ra);
    }
    seg_read_desc(env, sel, e1, e2, ra);
    if (!seg_is_code(*e2)) {
        seg_raise(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
    if (!(*e2 & (1u << 10)) && (seg_dpl(*e2) != 3 || (sel & 3) != 3)) {
        seg_raise(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
    if (!(*e2 & DESC_P_MASK)) {
        seg_raise(env, EXCP0B_NOSEG, sel & 0xfffc, ra);
    }
}

static void seg_load_ra(CPUX86State *env, int seg, uint32_t sel, uintptr_t ra)
{
    SegmentCache *sc = &env->segs[seg];
    uint32_t e1, e2;

    sel &= 0xffff;
    if (env->eflags & VM_MASK) {
        /* vm86: real-mode style segments */
        sc->selector = sel;
        sc->base = (uint64_t)sel << 4;
        sc->limit = 0xffff;
        sc->flags = DESC_P_MASK | DESC_S_MASK | DESC_W_MASK | (3u << 13);
        return;
    }
    if (seg == R_CS) {
        seg_check_code(env, sel, &e1, &e2, ra);
        seg_fill_cache(sc, sel, e1, e2);
        cpu_x86_update_hflags(env);
        return;
    }
    if ((sel & 0xfffc) == 0) {
        if (seg == R_SS) {
            seg_raise(env, EXCP0D_GPF, 0, ra);
        }
        sc->selector = sel;
        if (!(env->hflags & HF_LMA_MASK) || seg < R_FS) {
            sc->base = 0;
        }
        sc->limit = 0;
        sc->flags = 0;
        cpu_x86_update_hflags(env);
        return;
    }
    seg_read_desc(env, sel, &e1, &e2, ra);
    if (!(e2 & DESC_S_MASK)) {
        seg_raise(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
    if (seg == R_SS) {
        /* a writable data segment with RPL = DPL = CPL */
        if ((e2 & DESC_CS_MASK) || !(e2 & DESC_W_MASK) ||
            (sel & 3) != 3 || seg_dpl(e2) != 3) {
            seg_raise(env, EXCP0D_GPF, sel & 0xfffc, ra);
        }
        if (!(e2 & DESC_P_MASK)) {
            seg_raise(env, EXCP0C_STACK, sel & 0xfffc, ra);
        }
    } else {
        /* data, or readable code; DPL >= max(CPL, RPL) unless conforming */
        if ((e2 & DESC_CS_MASK) && !(e2 & DESC_R_MASK)) {
            seg_raise(env, EXCP0D_GPF, sel & 0xfffc, ra);
        }
        if (!((e2 & DESC_CS_MASK) && (e2 & (1u << 10))) &&
            seg_dpl(e2) < 3) {
            seg_raise(env, EXCP0D_GPF, sel & 0xfffc, ra);
        }
        if (!(e2 & DESC_P_MASK)) {
            seg_raise(env, EXCP0B_NOSEG, sel & 0xfffc, ra);
        }
    }
    seg_fill_cache(sc, sel, e1, e2);
    cpu_x86_update_hflags(env);
}

void cpu_x86_load_seg(CPUX86State *env, int seg, uint32_t selector)
{
    seg_load_ra(env, seg, selector, 0);
}

/* MOV Sreg, POP Sreg, LDS..LGS: the translator ends the TB after it
 * when hflags may have changed (SS, DS, ES). */
static void helper_int_load_seg(CPUX86State *env, uint64_t seg, uint64_t sel)
{
    seg_load_ra(env, seg, sel, GETPC());
}
DEF_HELPER_INFO(int_load_seg, 0, TCG_CALL_VOID, 3, P, I64, I64);

/* ------------------------------------------------- stack from helpers */

static uint64_t seg_sp_mask(CPUX86State *env)
{
    if (env->hflags & HF_CS64_MASK) {
        return ~0ull;
    }
    return (env->segs[R_SS].flags & DESC_B_MASK) ? 0xffffffffu : 0xffff;
}

static uint64_t seg_stack_addr(CPUX86State *env, uint64_t sp)
{
    uint64_t a = env->segs[R_SS].base + (sp & seg_sp_mask(env));

    if (!(env->hflags & HF_CS64_MASK)) {
        a = (uint32_t)a;
    }
    return a;
}

static void seg_set_sp(CPUX86State *env, uint64_t sp)
{
    uint64_t mask = seg_sp_mask(env);

    env->regs[R_ESP] = (env->regs[R_ESP] & ~mask) | (sp & mask);
}

static void *seg_stack_access(CPUX86State *env, uint64_t sp, unsigned size,
                              int prot, uintptr_t ra)
{
    uint64_t a = seg_stack_addr(env, sp);

    if (!page_check_range(a, size, prot)) {
        env->cr2 = a;
        env->error_code = ((prot & PAGE_WRITE) ? 2 : 0) | 4;
        env->exception_is_int = 0;
        cpu_raise_exception(env_cpu(env), EXCP0E_PAGE, ra);
    }
    return g2h(a);
}

static uint64_t seg_pop(CPUX86State *env, uint64_t *sp, unsigned size,
                        uintptr_t ra)
{
    uint64_t v = 0;

    memcpy(&v, seg_stack_access(env, *sp, size, PAGE_READ, ra), size);
    *sp += size;
    return v;
}

/* ---------------------------------------------- far transfers at CPL 3 */

/*
 * vm86 mode: CS:IP is real-mode style (base = selector << 4, no
 * descriptor); an offset past the 64 KiB limit is #GP(0).
 */
static void seg_vm86_commit_cs(CPUX86State *env, uint32_t sel, uint64_t eip,
                               uintptr_t ra)
{
    if (eip > 0xffff) {
        seg_raise(env, EXCP0D_GPF, 0, ra);
    }
    seg_load_ra(env, R_CS, sel, ra);
    env->eip = eip;
}

static void seg_commit_cs(CPUX86State *env, uint32_t sel, uint32_t e1,
                          uint32_t e2, uint64_t eip)
{
    seg_fill_cache(&env->segs[R_CS], (sel & 0xfffc) | 3, e1, e2);
    cpu_x86_update_hflags(env);
    if (!(env->hflags & HF_CS64_MASK)) {
        eip = (env->segs[R_CS].flags & DESC_B_MASK) ? (uint32_t)eip
                                                    : (uint16_t)eip;
    }
    env->eip = eip;
}

/* JMP ptr16:16/32, JMP m16:16/32/64. */
static void helper_int_ljmp(CPUX86State *env, uint64_t sel, uint64_t eip)
{
    uint32_t e1, e2;

    if (env->eflags & VM_MASK) {
        seg_vm86_commit_cs(env, sel & 0xffff, eip, GETPC());
        return;
    }
    seg_check_code(env, sel, &e1, &e2, GETPC());
    seg_commit_cs(env, sel, e1, e2, eip);
}
DEF_HELPER_INFO(int_ljmp, 0, TCG_CALL_VOID, 3, P, I64, I64);

/* CALL far: desc = operand size (1 = 16, 2 = 32, 3 = 64 bits);
 * pushes CS then the return eip with that size. */
static void helper_int_lcall(CPUX86State *env, uint64_t sel, uint64_t eip,
                             uint64_t next_eip, uint64_t ot)
{
    unsigned size = 1u << ot;
    uint64_t sp = env->regs[R_ESP];
    uint64_t cs = env->segs[R_CS].selector;
    uint32_t e1, e2;
    void *p1, *p2;

    if (env->eflags & VM_MASK) {
        if (eip > 0xffff) {
            seg_raise(env, EXCP0D_GPF, 0, GETPC());
        }
    } else {
        seg_check_code(env, sel, &e1, &e2, GETPC());
    }
    p1 = seg_stack_access(env, sp - size, size, PAGE_WRITE, GETPC());
    p2 = seg_stack_access(env, sp - 2 * size, size, PAGE_WRITE, GETPC());
    memcpy(p1, &cs, size);
    memcpy(p2, &next_eip, size);
    seg_set_sp(env, sp - 2 * size);
    if (env->eflags & VM_MASK) {
        seg_vm86_commit_cs(env, sel & 0xffff, eip, GETPC());
        return;
    }
    seg_commit_cs(env, sel, e1, e2, eip);
}
DEF_HELPER_INFO(int_lcall, 0, TCG_CALL_VOID, 5, P, I64, I64, I64, I64);

/*
 * RETF imm16 (iret = 0) and IRET (iret = 1): desc = ot | iret << 2 |
 * imm16 << 8.  Only returns to CPL 3 are possible; in 64-bit mode IRET
 * also pops RSP and SS.
 */
static void helper_int_lret(CPUX86State *env, uint64_t desc)
{
    unsigned ot = desc & 3, size = 1u << ot;
    bool iret = (desc >> 2) & 1;
    uint64_t sp = env->regs[R_ESP];
    uint64_t eip, sel, fl = 0, new_sp = 0, new_ss = 0;
    uint32_t e1, e2;
    uintptr_t ra = GETPC();

    eip = seg_pop(env, &sp, size, ra);
    sel = seg_pop(env, &sp, size, ra) & 0xffff;
    if (iret) {
        fl = seg_pop(env, &sp, size, ra);
        if (env->hflags & HF_CS64_MASK) {
            new_sp = seg_pop(env, &sp, size, ra);
            new_ss = seg_pop(env, &sp, size, ra) & 0xffff;
        }
    } else {
        sp += desc >> 8;
    }
    if (env->eflags & VM_MASK) {
        /* RETF (IRET only with IOPL 3, which leaves IOPL alone) */
        if (iret) {
            uint32_t mask = CC_MASK | TF_MASK | IF_MASK | DF_MASK |
                            NT_MASK | RF_MASK | AC_MASK | ID_MASK;
            cpu_load_eflags(env, fl, ot == 1 ? mask & 0xffff : mask);
        }
        eip = ot == 1 ? (uint16_t)eip : (uint32_t)eip;
        if (eip > 0xffff) {
            seg_raise(env, EXCP0D_GPF, 0, ra);
        }
        seg_set_sp(env, sp);
        seg_vm86_commit_cs(env, sel, eip, ra);
        return;
    }
    if ((sel & 3) != 3) {
        /* a return to an inner privilege level cannot be at CPL 3 */
        seg_raise(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
    seg_check_code(env, sel, &e1, &e2, ra);
    if (iret && (env->hflags & HF_CS64_MASK)) {
        seg_load_ra(env, R_SS, new_ss, ra);
        sp = new_sp;
    }
    if (iret) {
        uint32_t mask = CC_MASK | TF_MASK | DF_MASK | NT_MASK | RF_MASK |
                        AC_MASK | ID_MASK;
        if (ot == 1) {
            mask &= 0xffff;
        }
        cpu_load_eflags(env, fl, mask);
    }
    if (iret && (env->hflags & HF_CS64_MASK)) {
        env->regs[R_ESP] = sp;
    } else {
        seg_set_sp(env, sp);
    }
    seg_commit_cs(env, sel, e1, e2, eip);
}
DEF_HELPER_INFO(int_lret, 0, TCG_CALL_VOID, 2, P, I64);

/* ------------------------------------------- LAR LSL VERR VERW at CPL 3 */

enum { SEG_LAR, SEG_LSL, SEG_VERR, SEG_VERW };

/*
 * kind: SEG_*.  Returns 1 << 32 | value when the selector passes the
 * checks (ZF = 1: value is the access rights for LAR, the byte-granular
 * limit for LSL), 0 otherwise (ZF = 0, destination unchanged).  These
 * never fault on a bad selector.
 */
static uint64_t helper_int_lar_lsl(CPUX86State *env, uint64_t sel,
                                   uint64_t kind)
{
    const DescTable *dt = (sel & 4) ? &env->ldt : &env->gdt;
    uint32_t index = sel & 0xfff8, e1, e2, type;
    unsigned rpl = sel & 3, dpl;
    bool conforming_code;

    if ((sel & 0xfffc) == 0 || (dt->base == 0 && dt->limit == 0) ||
        index + 7 > dt->limit ||
        !page_check_range(dt->base + index, 8, PAGE_READ)) {
        return 0;
    }
    memcpy(&e1, g2h(dt->base + index), 4);
    memcpy(&e2, g2h(dt->base + index + 4), 4);
    type = (e2 >> DESC_TYPE_SHIFT) & 15;
    dpl = (e2 >> DESC_DPL_SHIFT) & 3;
    conforming_code = (e2 & DESC_S_MASK) && (type & 0xc) == 0xc;
    if (!(e2 & DESC_S_MASK)) {
        /* system descriptors: LDT and TSSs; gates too for LAR */
        static const uint16_t lsl_types = (1 << 1) | (1 << 2) | (1 << 3) |
                                          (1 << 9) | (1 << 11);
        static const uint16_t lar_types = lsl_types | (1 << 4) | (1 << 5) |
                                          (1 << 12);
        if (kind >= SEG_VERR ||
            !(((kind == SEG_LAR) ? lar_types : lsl_types) >> type & 1)) {
            return 0;
        }
    } else if (kind == SEG_VERR) {
        if ((type & 8) && !(type & 2)) {
            return 0;                      /* execute-only code */
        }
    } else if (kind == SEG_VERW) {
        if ((type & 8) || !(type & 2)) {
            return 0;                      /* code, or read-only data */
        }
    }
    if (!conforming_code && (dpl < 3 || dpl < rpl)) {
        return 0;
    }
    if (kind == SEG_LAR) {
        return (1ull << 32) | (e2 & 0x00ffff00);
    }
    if (kind == SEG_LSL) {
        uint32_t limit = (e1 & 0xffff) | (e2 & 0x000f0000);
        if (e2 & DESC_G_MASK) {
            limit = (limit << 12) | 0xfff;
        }
        return (1ull << 32) | limit;
    }
    return 1ull << 32;
}
DEF_HELPER_INFO(int_lar_lsl, TCG_CALL_NO_WG, I64, 3, P, I64, I64);
