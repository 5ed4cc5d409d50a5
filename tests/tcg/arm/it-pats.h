/*
 * tests/tcg/arm/it-pats.h: the IT block shapes test-it.c runs (in this
 * order, first with firstcond EQ, then with NE), for ref-it.c: the
 * then/else letters after the first instruction.
 */
static const char *const it_pats[] = {
    "", "t", "e", "tt", "te", "et", "ee", "ttt", "tte", "tet", "tee",
    "ett", "ete", "eet", "eee",
};
#define N_IT_PATS ((int)(sizeof(it_pats) / sizeof(it_pats[0])))
