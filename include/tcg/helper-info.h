/*
 * tcg/helper-info.h: declaring a run-time helper's call descriptor next to
 * the helper.  DEF_HELPER_INFO(name, flags, ret, nargs, args...) defines
 * helper_info_<name> for the function helper_<name>, with the TCG_CALL_*
 * flags and the TCGCallType of the result and of each argument.
 */
#ifndef TCG_HELPER_INFO_H
#define TCG_HELPER_INFO_H

#include "tcg/tcg.h"

#define DEF_HELPER_INFO(NM, fl, rt, n, ...)                                \
    const TCGHelperInfo helper_info_##NM = {                               \
        .func = (void *)helper_##NM, .name = #NM, .flags = (fl),           \
        .ret = (rt), .nargs = (n), .args = { __VA_ARGS__ },                \
    }

#endif
