/*
 * tcg-dump.c: the text form of the op list, for -d op and -d op_opt.
 *
 *   ---- 0000000000001000 0000000000000000     insn_start (pc, extra)
 *   add_i32 tmp3,r1,$0x4                       outputs, inputs, constants
 *   brcond_i64 r2,$0x0,ne,$L1                  conditions and labels by name
 *
 * Liveness data follows as "dead: 1 2 sync: 0" when it is known.
 */
#include <inttypes.h>

#include "tcg/tcg.h"
#include "qemu/log.h"
#include "tcg-internal.h"

static const char *const cond_names[TCG_COND_COUNT] = {
    [TCG_COND_NEVER] = "never", [TCG_COND_ALWAYS] = "always",
    [TCG_COND_EQ] = "eq", [TCG_COND_NE] = "ne",
    [TCG_COND_LT] = "lt", [TCG_COND_GE] = "ge",
    [TCG_COND_LE] = "le", [TCG_COND_GT] = "gt",
    [TCG_COND_LTU] = "ltu", [TCG_COND_GEU] = "geu",
    [TCG_COND_LEU] = "leu", [TCG_COND_GTU] = "gtu",
};

static int temp_name(TCGContext *s, TCGTemp *ts, char *buf, size_t size)
{
    switch (ts->kind) {
    case TEMP_FIXED:
    case TEMP_GLOBAL:
        return snprintf(buf, size, "%s", ts->name);
    case TEMP_TB:
        return snprintf(buf, size, "loc%d", (int)(ts - s->temps - s->nb_globals));
    case TEMP_EBB:
        return snprintf(buf, size, "tmp%d", (int)(ts - s->temps - s->nb_globals));
    case TEMP_CONST:
        if (ts->type == TCG_TYPE_I32) {
            return snprintf(buf, size, "$0x%x", (uint32_t)ts->val);
        }
        return snprintf(buf, size, "$0x%" PRIx64, (uint64_t)ts->val);
    }
    return snprintf(buf, size, "?");
}

static bool op_has_cond(TCGOpcode opc, int carg)
{
    switch (opc) {
    case INDEX_op_brcond:
    case INDEX_op_setcond:
    case INDEX_op_negsetcond:
    case INDEX_op_movcond:
        return carg == 0;
    default:
        return false;
    }
}

static void dump_op(TCGContext *s, FILE *f, const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int nb_o = tcg_op_nb_oargs(op), nb_i = tcg_op_nb_iargs(op), i, k = 0;
    char buf[64];

    if (op->opc == INDEX_op_insn_start) {
        fprintf(f, " ----");
        for (i = 0; i < s->insn_start_words; i++) {
            fprintf(f, " %016" PRIx64, (uint64_t)op->args[i]);
        }
        fputc('\n', f);
        return;
    }
    if (op->opc == INDEX_op_call) {
        fprintf(f, " call %s", tcg_call_info(op)->name);
    } else if (def->flags & TCG_OPF_INT) {
        fprintf(f, " %s_%s", def->name, op->type == TCG_TYPE_I32 ? "i32" : "i64");
    } else {
        fprintf(f, " %s", def->name);
    }
    fputc(' ', f);
    for (i = 0; i < nb_o + nb_i; i++) {
        temp_name(s, arg_temp(op->args[i]), buf, sizeof(buf));
        fprintf(f, "%s%s", k++ ? "," : "", buf);
    }
    if (op->opc != INDEX_op_call) {
        for (i = 0; i < def->nb_cargs; i++) {
            TCGArg a = op->args[nb_o + nb_i + i];

            if (op_has_cond(op->opc, i) && a < TCG_COND_COUNT) {
                fprintf(f, "%s%s", k++ ? "," : "", cond_names[a]);
            } else if ((op->opc == INDEX_op_br && i == 0) ||
                       (op->opc == INDEX_op_brcond && i == 1) ||
                       op->opc == INDEX_op_set_label) {
                fprintf(f, "%s$L%u", k++ ? "," : "", arg_label(a)->id);
            } else {
                fprintf(f, "%s$0x%" PRIx64, k++ ? "," : "", (uint64_t)a);
            }
        }
    }
    if (op->life) {
        fprintf(f, "  ");
        if (op->life & (SYNC_ARG(0) | SYNC_ARG(1))) {
            fprintf(f, " sync:");
            for (i = 0; i < 2; i++) {
                if (op->life & SYNC_ARG(i)) {
                    fprintf(f, " %d", i);
                }
            }
        }
        if (op->life >> 2) {
            fprintf(f, " dead:");
            for (i = 0; i < TCG_MAX_OP_ARGS; i++) {
                if (op->life & DEAD_ARG(i)) {
                    fprintf(f, " %d", i);
                }
            }
        }
    }
    fputc('\n', f);
}

void tcg_dump_ops(TCGContext *s, FILE *f, bool have_prefs)
{
    const TCGOp *op;

    for (op = s->ops_first; op; op = op->next) {
        dump_op(s, f, op);
    }
}

void tcg_log_ops(TCGContext *s, const char *heading)
{
    FILE *f = qemu_log_trylock();

    fprintf(f, "%s:\n", heading);
    tcg_dump_ops(s, f, false);
    fputc('\n', f);
    qemu_log_unlock(f);
}
