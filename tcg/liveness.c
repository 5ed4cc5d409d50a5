/*
 * liveness.c: backward liveness over the op list, and dead code removal.
 *
 * For each op it fills op->life: DEAD_ARG(i) when argument i is not read
 * again after this op, SYNC_ARG(o) when output o must also be written to
 * its memory home (a later reader looks there: a helper that reads
 * globals, a fault, the end of the block).  Ops without side effects
 * whose outputs are all dead are removed.
 *
 * State per temp, walking backward (0: dead, and not needed in memory):
 *   TS_LIVE  something after this point reads the value from a register
 *   TS_MEM   something after this point reads it from memory
 */
#include <string.h>

#include "tcg/tcg.h"
#include "tcg-internal.h"

enum {
    TS_LIVE = 1,
    TS_MEM = 2,
};

/*
 * touched: temps whose state may differ from what the last reset (the
 * end of the TB or of a block) gave them, that is, every temp an op
 * read or wrote since.  The resets and the syncs only visit those, and
 * the TB temps (s->tb_temps), which are few.
 */
static uint64_t touched[TCG_MAX_TEMPS / 64];

static inline void la_touch(TCGContext *s, TCGTemp *ts)
{
    size_t i = temp_idx(ts);

    (void)s;
    touched[i / 64] |= 1ull << (i % 64);
}

/* Globals to TS_MEM, other touched temps to 0; untouch them all. */
static void la_reset_touched(TCGContext *s)
{
    int i, g = s->nb_globals;

    TEMP_BITS_FOREACH(i, touched, 0, s->nb_temps) {
        s->temps[i].state = i < g ? TS_MEM : 0;
    }
    temp_bits_clear(touched, 0, s->nb_temps);
}

/* Every TB temp: state = (state & keep) | set. */
static void la_tb_temps(TCGContext *s, uintptr_t keep, uintptr_t set)
{
    int i;

    TEMP_BITS_FOREACH(i, s->tb_temps, 0, s->tb_temps_words * 64) {
        s->temps[i].state = (s->temps[i].state & keep) | set;
    }
}

/* End of the TB: globals must be in memory, everything else is dead. */
static void la_func_end(TCGContext *s)
{
    la_reset_touched(s);
    la_tb_temps(s, 0, 0);
}

/* End of a basic block: TB temps also live on in memory. */
static void la_bb_end(TCGContext *s)
{
    la_reset_touched(s);
    la_tb_temps(s, 0, TS_MEM);
}

/* Globals (kill: also dead in registers) are needed in memory. */
static void la_globals(TCGContext *s, bool kill)
{
    int i;

    TEMP_BITS_FOREACH(i, touched, 0, s->nb_globals) {
        s->temps[i].state = kill ? TS_MEM : s->temps[i].state | TS_MEM;
    }
    if (kill) {
        temp_bits_clear(touched, 0, s->nb_globals);
    }
}

/* A conditional branch: the taken path needs globals and TB temps in
 * memory; the fall-through path keeps using registers. */
static void la_bb_sync(TCGContext *s)
{
    la_globals(s, false);
    la_tb_temps(s, ~(uintptr_t)0, TS_MEM);
}

static void la_global_sync(TCGContext *s)
{
    la_globals(s, false);
}

/* A call that may write globals: reload them after it, store them before. */
static void la_global_kill(TCGContext *s)
{
    la_globals(s, true);
}

void tcg_liveness_analysis(TCGContext *s)
{
    TCGOp *op, *prev;
    int t;

    /*
     * Every temp starts in the end-of-TB state, none touched.  Temps made
     * since tcg_func_start() are zeroed, which is that state already;
     * globals were put back in it at the end of the previous run.
     */
    for (t = s->la_globals_ready; t < s->nb_globals; t++) {
        s->temps[t].state = TS_MEM;
    }
    s->la_globals_ready = s->nb_globals;
    if (s->passes_run & TCG_PASS_LIVENESS) {
        for (t = s->nb_globals; t < s->nb_temps; t++) {
            s->temps[t].state = 0;
        }
    }
    s->passes_run |= TCG_PASS_LIVENESS;
    memset(touched, 0, sizeof(touched));

    for (op = s->ops_last; op; op = prev) {
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        int nb_oargs = tcg_op_nb_oargs(op);
        int nb_iargs = tcg_op_nb_iargs(op);
        uint32_t life = 0;
        int i;

        prev = op->prev;
        switch (op->opc) {
        case INDEX_op_insn_start:
            continue;
        case INDEX_op_discard:
            arg_temp(op->args[0])->state = 0;
            la_touch(s, arg_temp(op->args[0]));
            continue;
        case INDEX_op_set_label:
            la_bb_end(s);
            continue;
        default:
            break;
        }

        /* Remove pure ops whose results nobody reads. */
        if (nb_oargs > 0) {
            bool side_effects;

            if (op->opc == INDEX_op_call) {
                side_effects = !(tcg_call_info(op)->flags &
                                 TCG_CALL_NO_SIDE_EFFECTS);
            } else {
                side_effects = def->flags & TCG_OPF_SIDE_EFFECTS;
            }
            if (!side_effects) {
                bool all_dead = true;
                for (i = 0; i < nb_oargs; i++) {
                    if (arg_temp(op->args[i])->state != 0) {
                        all_dead = false;
                        break;
                    }
                }
                if (all_dead) {
                    tcg_op_remove(s, op);
                    continue;
                }
            }
        }

        /* Outputs: defined here, so not live before. */
        for (i = 0; i < nb_oargs; i++) {
            TCGTemp *ts = arg_temp(op->args[i]);

            if (!(ts->state & TS_LIVE)) {
                life |= DEAD_ARG(i);
            }
            if (ts->state & TS_MEM) {
                life |= SYNC_ARG(i);
            }
            ts->state = 0;
            la_touch(s, ts);
        }

        /* What the op needs of the rest of the state. */
        if (op->opc == INDEX_op_call) {
            unsigned flags = tcg_call_info(op)->flags;

            if (!(flags & TCG_CALL_NO_WRITE_GLOBALS)) {
                la_global_kill(s);
            } else if (!(flags & TCG_CALL_NO_READ_GLOBALS)) {
                la_global_sync(s);
            }
        } else if (def->flags & TCG_OPF_BB_EXIT) {
            la_func_end(s);
        } else if (def->flags & TCG_OPF_COND_BRANCH) {
            la_bb_sync(s);
        } else if (def->flags & TCG_OPF_BB_END) {
            la_bb_end(s);
        } else if (def->flags & TCG_OPF_MAY_FAULT) {
            la_global_sync(s);
        }

        /* Inputs: live before this op. */
        for (i = nb_oargs; i < nb_oargs + nb_iargs; i++) {
            TCGTemp *ts = arg_temp(op->args[i]);

            if (!(ts->state & TS_LIVE)) {
                life |= DEAD_ARG(i);
            }
        }
        for (i = nb_oargs; i < nb_oargs + nb_iargs; i++) {
            TCGTemp *ts = arg_temp(op->args[i]);

            ts->state |= TS_LIVE;
            la_touch(s, ts);
        }
        op->life = life;
    }

    /* Globals back to the end-of-TB state, for the next run. */
    la_globals(s, true);
}
