/*
 * liveness.c: backward liveness over the op list, and dead code removal.
 *
 * For each op it fills op->life: DEAD_ARG(i) when argument i is not read
 * again after this op, SYNC_ARG(o) when output o must also be written to
 * its memory home (a later reader looks there: a helper that reads
 * globals, a fault, the end of the block).  Ops without side effects
 * whose outputs are all dead are removed.
 *
 * State per temp, walking backward:
 *   TS_DEAD  nothing after this point reads the value from a register
 *   TS_MEM   something after this point reads it from memory
 */
#include <string.h>

#include "tcg/tcg.h"
#include "tcg-internal.h"

enum {
    TS_DEAD = 1,
    TS_MEM = 2,
};

/* End of the TB: globals must be in memory, everything else is dead. */
static void la_func_end(TCGContext *s)
{
    int i;

    for (i = 0; i < s->nb_globals; i++) {
        s->temps[i].state = TS_DEAD | TS_MEM;
    }
    for (i = s->nb_globals; i < s->nb_temps; i++) {
        s->temps[i].state = TS_DEAD;
    }
}

/* End of a basic block: TB temps also live on in memory. */
static void la_bb_end(TCGContext *s)
{
    int i;

    for (i = 0; i < s->nb_globals; i++) {
        s->temps[i].state = TS_DEAD | TS_MEM;
    }
    for (i = s->nb_globals; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        ts->state = ts->kind == TEMP_TB ? TS_DEAD | TS_MEM : TS_DEAD;
    }
}

/* A conditional branch: the taken path needs globals and TB temps in
 * memory; the fall-through path keeps using registers. */
static void la_bb_sync(TCGContext *s)
{
    int i;

    for (i = 0; i < s->nb_globals; i++) {
        s->temps[i].state |= TS_MEM;
    }
    for (i = s->nb_globals; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        if (ts->kind == TEMP_TB) {
            ts->state |= TS_MEM;
        }
    }
}

static void la_global_sync(TCGContext *s)
{
    int i;

    for (i = 0; i < s->nb_globals; i++) {
        s->temps[i].state |= TS_MEM;
    }
}

/* A call that may write globals: reload them after it, store them before. */
static void la_global_kill(TCGContext *s)
{
    int i;

    for (i = 0; i < s->nb_globals; i++) {
        s->temps[i].state = TS_DEAD | TS_MEM;
    }
}

void tcg_liveness_analysis(TCGContext *s)
{
    TCGOp *op, *prev;

    la_func_end(s);
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
            arg_temp(op->args[0])->state = TS_DEAD;
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
                    if (!(arg_temp(op->args[i])->state & TS_DEAD)) {
                        all_dead = false;
                        break;
                    }
                    if (arg_temp(op->args[i])->state & TS_MEM) {
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

            if (ts->state & TS_DEAD) {
                life |= DEAD_ARG(i);
            }
            if (ts->state & TS_MEM) {
                life |= SYNC_ARG(i);
            }
            ts->state = TS_DEAD;
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

            if (ts->state & TS_DEAD) {
                life |= DEAD_ARG(i);
            }
        }
        for (i = nb_oargs; i < nb_oargs + nb_iargs; i++) {
            arg_temp(op->args[i])->state &= ~TS_DEAD;
        }
        op->life = life;
    }
}
