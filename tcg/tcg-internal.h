/*
 * tcg-internal.h: what the files of tcg/ share and frontends don't see.
 */
#ifndef TCG_INTERNAL_H
#define TCG_INTERNAL_H

#include "tcg/tcg.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* Print the op list to the log with a heading (-d op, -d op_opt). */
void tcg_log_ops(TCGContext *s, const char *heading);

#endif
