/*
 * exec/translator.h: the loop every frontend's translate hook runs.
 *
 * translator_loop() emits the TB-entry exit check, then calls the
 * target's hooks once per guest instruction until the target ends the
 * TB, the instruction budget is spent, the code crosses into a new page,
 * or TCG runs short of temps.
 */
#ifndef EXEC_TRANSLATOR_H
#define EXEC_TRANSLATOR_H

#include "exec/tb.h"
#include "tcg/tcg-op.h"

typedef enum DisasJumpType {
    DISAS_NEXT,          /* keep translating */
    DISAS_TOO_MANY,      /* stopped by the loop: the target chains to pc_next */
    DISAS_NORETURN,      /* the TB already ended (exception, exit) */
    DISAS_TARGET_0,      /* first target-specific value */
} DisasJumpType;

typedef struct DisasContextBase {
    TranslationBlock *tb;
    uint64_t pc_first;
    uint64_t pc_next;
    DisasJumpType is_jmp;
    int num_insns;
    int max_insns;
    /*
     * Instruction fetch (translator_ld*): the virtual page of pc_first
     * and its host address (NULL: not RAM), then the second page once
     * an instruction reaches into it (system mode; page_vaddr[1] is -1
     * until then).
     */
    uint64_t page_vaddr[2];
    void *page_host[2];
} DisasContextBase;

typedef struct TranslatorOps {
    void (*init_disas_context)(DisasContextBase *db, CPUState *cs);
    void (*tb_start)(DisasContextBase *db, CPUState *cs);
    void (*insn_start)(DisasContextBase *db, CPUState *cs);
    void (*translate_insn)(DisasContextBase *db, CPUState *cs);
    void (*tb_stop)(DisasContextBase *db, CPUState *cs);
} TranslatorOps;

void translator_loop(CPUState *cs, TranslationBlock *tb, int max_insns,
                     const TranslatorOps *ops, DisasContextBase *db);

/*
 * ---- instruction fetch, for every frontend in both modes ----
 *
 * translator_ld copies len guest code bytes at pc (pc within the TB
 * being translated by db) to dest.  User mode reads guest memory at
 * g2h(pc) (the frontend has checked the page is PAGE_EXEC, as before).
 * System mode reads through the code TLB: the host copy of the page
 * when it is RAM, else slow fetches through the memory API; bytes in a
 * page after the first one are fetched through the TLB too (a fault
 * there raises the target's prefetch abort with the guest pc at the
 * TB's start, so a frontend should only let the FIRST instruction of a
 * TB cross a page) and the TB records that second physical page, so a
 * store to either page invalidates it.
 *
 * The fixed-size forms assemble the bytes little-endian (A64, A32/T32
 * code, x86); the _be forms big-endian.
 */
void translator_ld(CPUState *cs, DisasContextBase *db, uint64_t pc,
                   void *dest, size_t len);
uint8_t translator_ldub(CPUState *cs, DisasContextBase *db, uint64_t pc);
uint16_t translator_lduw(CPUState *cs, DisasContextBase *db, uint64_t pc);
uint32_t translator_ldl(CPUState *cs, DisasContextBase *db, uint64_t pc);
uint64_t translator_ldq(CPUState *cs, DisasContextBase *db, uint64_t pc);
uint16_t translator_lduw_be(CPUState *cs, DisasContextBase *db, uint64_t pc);
uint32_t translator_ldl_be(CPUState *cs, DisasContextBase *db, uint64_t pc);

/*
 * May the TB end with goto_tb to dest?  (chaining allowed; in system
 * mode only to the virtual page of the TB's start, whose mapping the
 * TB already depends on)
 */
bool translator_use_goto_tb(DisasContextBase *db, uint64_t dest);

/*
 * End the TB by jumping to the TB for the current guest state: the
 * frontend has stored the new pc, which is also in pc (address type).
 * The jump cache is probed inline; misses call helper_lookup_tb_ptr.
 */
void tcg_gen_lookup_and_goto_ptr(TCGTemp *pc);

/* The slow path of that lookup (also usable by frontends directly). */
const void *helper_lookup_tb_ptr(void *env);

#endif
