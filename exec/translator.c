/*
 * translator.c: the generic translation loop and the inline jump-cache
 * lookup that ends a TB on an indirect branch.
 */
#include <stddef.h>
#include <string.h>

#include "exec/translator.h"
#include "tcg-internal.h"

#define TRANSLATOR_SYS_PAGE_BITS 12     /* the soft TLB's page (cputlb.h) */
#define TLB_PAGE_SIZE_FOR_FETCH ((uint64_t)1 << TRANSLATOR_SYS_PAGE_BITS)

void translator_loop(CPUState *cs, TranslationBlock *tb, int max_insns,
                     const TranslatorOps *ops, DisasContextBase *db)
{
    intptr_t exit_ofs = offsetof(CPUState, tb_exit_flag) - cpu_env_offset;
    unsigned page_bits = cs->cc->page_bits ? cs->cc->page_bits : 12;
    TCGLabel *exit_label = gen_new_label();
    TCGv_i32 flag;

    db->tb = tb;
    db->pc_first = tb->pc;
    db->pc_next = tb->pc;
    db->is_jmp = DISAS_NEXT;
    db->num_insns = 0;
    db->max_insns = max_insns;
    db->page_vaddr[0] = db->page_vaddr[1] = (uint64_t)-1;
    db->page_host[0] = db->page_host[1] = NULL;
    if (tcg_ctx->system_mode) {
        /*
         * The loop ends TBs at TLB-page boundaries, whatever the guest
         * page size: TBs are indexed by physical page.
         */
        void *host;

        page_bits = TRANSLATOR_SYS_PAGE_BITS;
        if (tb_sys_ops) {
            tb_sys_ops->code_phys(cs, tb->pc, &host, false);
            db->page_vaddr[0] = tb->pc >> page_bits << page_bits;
            db->page_host[0] = host ? (char *)host - (tb->pc & ((1u << page_bits) - 1))
                                    : NULL;
        }
    }
    ops->init_disas_context(db, cs);

    /* The exit check: one load and a branch at every TB entry. */
    flag = tcg_temp_new_i32();
    tcg_gen_ld_i32(flag, tcg_env(), exit_ofs);
    tcg_gen_brcondi_i32(TCG_COND_NE, flag, 0, exit_label);
    tcg_temp_free_i32(flag);

    ops->tb_start(db, cs);
    for (;;) {
        db->num_insns++;
        ops->insn_start(db, cs);
        ops->translate_insn(db, cs);
        if (db->is_jmp != DISAS_NEXT) {
            break;
        }
        if (db->num_insns >= db->max_insns || tcg_temps_nearly_full() ||
            (db->pc_next >> page_bits) != (db->pc_first >> page_bits)) {
            db->is_jmp = DISAS_TOO_MANY;
            break;
        }
    }
    ops->tb_stop(db, cs);

    gen_set_label(exit_label);
    tcg_gen_exit_tb(tb, TB_EXIT_REQUESTED);

    tb->size = db->pc_next - db->pc_first;
    tb->icount = db->num_insns;
}

bool translator_use_goto_tb(DisasContextBase *db, uint64_t dest)
{
    if (db->tb->cflags & CF_NO_GOTO_TB) {
        return false;
    }
    /*
     * System mode: a chained jump bypasses the TLB, so it must stay in
     * the virtual page whose mapping this TB was found through.
     */
    if (tcg_ctx->system_mode &&
        (dest >> TRANSLATOR_SYS_PAGE_BITS) !=
        (db->pc_first >> TRANSLATOR_SYS_PAGE_BITS)) {
        return false;
    }
    return true;
}

/* ------------------------------------------------- instruction fetch */

/* System mode: the bytes of one page. */
static void translator_ld_page(CPUState *cs, DisasContextBase *db,
                               uint64_t pc, uint8_t *dest, size_t len)
{
    uint64_t page = pc >> TRANSLATOR_SYS_PAGE_BITS << TRANSLATOR_SYS_PAGE_BITS;
    uint64_t off = pc - page;
    int n;

    if (page == db->page_vaddr[0]) {
        n = 0;
    } else if (page == db->page_vaddr[1]) {
        n = 1;
    } else {
        /* The code reaches into another page: record it (may fault). */
        void *host;
        uint64_t phys = tb_sys_ops->code_phys(cs, pc, &host, false);

        n = 1;
        db->page_vaddr[1] = page;
        db->page_host[1] = host ? (char *)host - off : NULL;
        db->tb->page_addr[1] = phys >> TRANSLATOR_SYS_PAGE_BITS;
    }
    if (db->page_host[n]) {
        memcpy(dest, (char *)db->page_host[n] + off, len);
    } else {
        tb_sys_ops->code_read(cs, pc, dest, len);
    }
}

void translator_ld(CPUState *cs, DisasContextBase *db, uint64_t pc,
                   void *dest, size_t len)
{
    uint8_t *d = dest;

    if (!tcg_ctx->system_mode || !tb_sys_ops) {
        memcpy(dest, (void *)(tcg_ctx->guest_base + (uintptr_t)pc), len);
        return;
    }
    while (len > 0) {
        uint64_t room = TLB_PAGE_SIZE_FOR_FETCH - (pc & (TLB_PAGE_SIZE_FOR_FETCH - 1));
        size_t n = len < room ? len : room;

        translator_ld_page(cs, db, pc, d, n);
        pc += n;
        d += n;
        len -= n;
    }
}

static uint64_t translator_ld_le(CPUState *cs, DisasContextBase *db,
                                 uint64_t pc, size_t len)
{
    uint8_t b[8];
    uint64_t v = 0;

    translator_ld(cs, db, pc, b, len);
    while (len-- > 0) {
        v = v << 8 | b[len];
    }
    return v;
}

static uint64_t translator_ld_be(CPUState *cs, DisasContextBase *db,
                                 uint64_t pc, size_t len)
{
    uint8_t b[8];
    uint64_t v = 0;
    size_t i;

    translator_ld(cs, db, pc, b, len);
    for (i = 0; i < len; i++) {
        v = v << 8 | b[i];
    }
    return v;
}

uint8_t translator_ldub(CPUState *cs, DisasContextBase *db, uint64_t pc)
{
    return translator_ld_le(cs, db, pc, 1);
}

uint16_t translator_lduw(CPUState *cs, DisasContextBase *db, uint64_t pc)
{
    return translator_ld_le(cs, db, pc, 2);
}

uint32_t translator_ldl(CPUState *cs, DisasContextBase *db, uint64_t pc)
{
    return translator_ld_le(cs, db, pc, 4);
}

uint64_t translator_ldq(CPUState *cs, DisasContextBase *db, uint64_t pc)
{
    return translator_ld_le(cs, db, pc, 8);
}

uint16_t translator_lduw_be(CPUState *cs, DisasContextBase *db, uint64_t pc)
{
    return translator_ld_be(cs, db, pc, 2);
}

uint32_t translator_ldl_be(CPUState *cs, DisasContextBase *db, uint64_t pc)
{
    return translator_ld_be(cs, db, pc, 4);
}

void tcg_gen_lookup_and_goto_ptr(TCGTemp *pc_in)
{
    const TranslationBlock *tb = tcg_ctx->gen_tb;
    intptr_t cache_ofs = offsetof(CPUState, tb_jmp_cache) - cpu_env_offset;
    TCGLabel *miss;
    TCGv_i64 pc, idx, v;
    TCGv_ptr ent;
    TCGTemp *args[1];
    static const TCGHelperInfo lookup_info = {
        .func = (void *)helper_lookup_tb_ptr, .name = "lookup_tb_ptr",
        .flags = TCG_CALL_NO_WRITE_GLOBALS, .ret = TCG_CALL_PTR,
        .nargs = 1, .args = { TCG_CALL_PTR },
    };

    if (tb->cflags & CF_NO_GOTO_TB) {
        /* -d nochain: every TB returns to the loop, so traces are whole. */
        tcg_gen_exit_tb(NULL, 0);
        return;
    }
    miss = gen_new_label();
    pc = tcg_temp_new_i64();
    idx = tcg_temp_new_i64();
    v = tcg_temp_new_i64();
    ent = tcg_temp_new_ptr();
    if (pc_in->type == TCG_TYPE_I32) {
        tcg_gen_extu_i32_i64(pc, temp_tcgv_i32(pc_in));
    } else {
        tcg_gen_mov_i64(pc, temp_tcgv_i64(pc_in));
    }
    /* idx = tb_jmp_cache_hash(pc) * sizeof(entry) */
    _Static_assert(sizeof(CPUJumpCacheEntry) == 32, "entry is 32 bytes");
    tcg_gen_shri_i64(idx, pc, 12 - 2);
    tcg_gen_xor_i64(idx, idx, pc);
    tcg_gen_shli_i64(idx, idx, 5 - 2);
    tcg_gen_andi_i64(idx, idx, (TB_JMP_CACHE_SIZE - 1) << 5);
    tcg_gen_ld_ptr(ent, tcg_env(), cache_ofs);
    tcg_gen_add_i64((TCGv_i64)ent, (TCGv_i64)ent, idx);

    tcg_gen_ld_i64(v, ent, offsetof(CPUJumpCacheEntry, pc));
    tcg_gen_brcond_i64(TCG_COND_NE, v, pc, miss);
    tcg_gen_ld32u_i64(v, ent, offsetof(CPUJumpCacheEntry, flags));
    tcg_gen_brcondi_i64(TCG_COND_NE, v, tb->flags, miss);
    tcg_gen_ld_i64(v, ent, offsetof(CPUJumpCacheEntry, cs_base));
    tcg_gen_brcondi_i64(TCG_COND_NE, v, tb->cs_base, miss);
    tcg_gen_ld_i64(v, ent, offsetof(CPUJumpCacheEntry, tc_ptr));
    tcg_gen_brcondi_i64(TCG_COND_EQ, v, 0, miss);
    tcg_gen_op1(INDEX_op_goto_ptr, TCG_TYPE_PTR, temp_arg(tcgv_i64_temp(v)));

    gen_set_label(miss);
    args[0] = tcgv_ptr_temp(tcg_env());
    tcg_gen_call(&lookup_info, tcgv_i64_temp(v), args);
    tcg_gen_op1(INDEX_op_goto_ptr, TCG_TYPE_PTR, temp_arg(tcgv_i64_temp(v)));
    tcg_temp_free_i64(pc);
    tcg_temp_free_i64(idx);
    tcg_temp_free_i64(v);
    tcg_temp_free_ptr(ent);
}
