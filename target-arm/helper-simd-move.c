/*
 * target-arm/helper-simd-move.c: the AdvSIMD data movement run by
 * helper_fpsimd() (helper-simd.c): DUP/INS/UMOV/SMOV, the modified
 * immediates, ZIP/UZP/TRN, EXT, TBL/TBX; and the structure loads and
 * stores (LD1-LD4, ST1-ST4, LD1R-LD4R) of helper_simd_ldst(), which
 * checks the whole access range before touching memory.
 */
#include <string.h>

#ifdef CONFIG_SOFTMMU
#include "exec/cputlb.h"
#include "cpu-sys.h"
#else
#include "user/guest-mem.h"
#endif
#include "internals.h"
#include "fpsimd.h"
#include "simd-elem.h"

#define F(pos, len) ((insn >> (pos)) & ((1u << (len)) - 1))

/* ------------------------------------------------------------- copy */

bool simd_copy(CPUARMState *env, uint32_t insn, bool scalar)
{
    bool q = F(30, 1), op = F(29, 1);
    int imm5 = F(16, 5), imm4 = F(11, 4), rn = F(5, 5), rd = F(0, 5);
    int size = __builtin_ctz(imm5 | 0x20), idx, i;
    V r = { { 0, 0 } };
    uint64_t x;

    if (size > 3) {
        return false;
    }
    idx = imm5 >> (size + 1);
    if (scalar) {                             /* DUP (element), scalar */
        if (op || imm4) {
            return false;
        }
        eset(&r, 0, size, eget(&env->vregs[rn], idx, size));
        put(env, rd, &r, false);
        return true;
    }
    if (op) {                                 /* INS (element) */
        if (!q) {
            return false;
        }
        r = env->vregs[rd];
        eset(&r, idx, size, eget(&env->vregs[rn], imm4 >> size, size));
        put(env, rd, &r, true);
        return true;
    }
    switch (imm4) {
    case 0:                                   /* DUP (element) */
    case 1:                                   /* DUP (general) */
        if (size == 3 && !q) {
            return false;
        }
        x = imm4 ? (rn == 31 ? 0 : env->xregs[rn]) : eget(&env->vregs[rn], idx, size);
        for (i = 0; i < (q ? 16 : 8) >> size; i++) {
            eset(&r, i, size, x);
        }
        put(env, rd, &r, q);
        return true;
    case 3:                                   /* INS (general) */
        if (!q) {
            return false;
        }
        r = env->vregs[rd];
        eset(&r, idx, size, rn == 31 ? 0 : env->xregs[rn]);
        put(env, rd, &r, true);
        return true;
    case 5:                                   /* SMOV */
        if (size >= 2 + q) {
            return false;
        }
        x = sx(eget(&env->vregs[rn], idx, size), size);
        if (rd != 31) {
            env->xregs[rd] = q ? x : (uint32_t)x;
        }
        return true;
    case 7:                                   /* UMOV */
        if (q != (size == 3)) {
            return false;
        }
        if (rd != 31) {
            env->xregs[rd] = eget(&env->vregs[rn], idx, size);
        }
        return true;
    default:
        return false;
    }
}

/* -------------------------------------------------- modified immediate */

/*
 * AdvSIMDExpandImm for MOVI/MVNI/ORR/BIC/FMOV (vector, immediate): the
 * 64-bit pattern and what to do with it (*kind: 0 move, 1 ORR, 2 BIC).
 * false for the unallocated encodings (FMOV half, double with Q=0).
 */
bool simd_expand_imm(bool q, bool op, int cmode, bool o2, uint32_t imm8,
                     uint64_t *out, int *kind)
{
    uint64_t imm;
    int i;

    if (o2) {
        return false;                         /* FMOV half (FP16) */
    }
    *kind = 0;
    switch (cmode >> 1) {
    case 0: case 1: case 2: case 3:
        imm = (uint64_t)imm8 << (8 * (cmode >> 1));
        imm |= imm << 32;
        break;
    case 4: case 5:
        imm = (uint64_t)imm8 << (8 * ((cmode >> 1) & 1));
        imm |= imm << 16;
        imm |= imm << 32;
        break;
    case 6:
        imm = (cmode & 1) ? ((uint64_t)imm8 << 16) | 0xffff
                          : ((uint64_t)imm8 << 8) | 0xff;
        imm |= imm << 32;
        break;
    default:
        if (!(cmode & 1)) {
            if (op) {                         /* MOVI 64-bit bytemask */
                imm = 0;
                for (i = 0; i < 8; i++) {
                    if ((imm8 >> i) & 1) {
                        imm |= 0xffull << (8 * i);
                    }
                }
            } else {                          /* MOVI 8-bit */
                imm = imm8 * 0x0101010101010101ull;
            }
        } else if (!op) {                     /* FMOV single */
            imm = fp_expand_imm(2, imm8);
            imm |= imm << 32;
        } else {                              /* FMOV double */
            if (!q) {
                return false;
            }
            imm = fp_expand_imm(3, imm8);
        }
        *out = imm;
        return true;
    }
    /* cmode 0xxx, 10xx, 110x: MOVI/MVNI, or ORR/BIC when cmode<0> = 1 */
    if ((cmode & 1) && cmode < 12) {
        *kind = op ? 2 : 1;
        *out = imm;
    } else {
        *out = op ? ~imm : imm;
    }
    return true;
}

bool simd_mod_imm(CPUARMState *env, uint32_t insn)
{
    bool q = F(30, 1);
    int rd = F(0, 5), kind, i;
    uint64_t imm;
    V r = env->vregs[rd];

    if (!simd_expand_imm(q, F(29, 1), F(12, 4), F(11, 1),
                         (F(16, 3) << 5) | F(5, 5), &imm, &kind)) {
        return false;
    }
    for (i = 0; i < 2; i++) {
        r.d[i] = kind == 1 ? r.d[i] | imm : kind == 2 ? r.d[i] & ~imm : imm;
    }
    put(env, rd, &r, q);
    return true;
}

/* ------------------------------------------- permute, extract, table */

bool simd_permute(CPUARMState *env, uint32_t insn)
{
    bool q = F(30, 1);
    int size = F(22, 2), op = F(12, 3), rm = F(16, 5), rn = F(5, 5), rd = F(0, 5);
    V a = env->vregs[rn], b = env->vregs[rm], r = { { 0, 0 } };
    int i, n = (q ? 16 : 8) >> size, part = op >> 2;

    if ((size == 3 && !q) || (op & 3) == 0) {
        return false;
    }
    for (i = 0; i < n; i++) {
        uint64_t x;
        switch (op & 3) {
        case 1: {                             /* UZP1, UZP2 */
            int j = 2 * i + part;
            x = j < n ? eget(&a, j, size) : eget(&b, j - n, size);
            break;
        }
        case 2: {                             /* TRN1, TRN2 */
            int j = (i & ~1) + part;
            x = (i & 1) ? eget(&b, j, size) : eget(&a, j, size);
            break;
        }
        default: {                            /* ZIP1, ZIP2 */
            int j = part * (n / 2) + i / 2;
            x = (i & 1) ? eget(&b, j, size) : eget(&a, j, size);
            break;
        }
        }
        eset(&r, i, size, x);
    }
    put(env, rd, &r, q);
    return true;
}

bool simd_ext(CPUARMState *env, uint32_t insn)
{
    bool q = F(30, 1);
    int imm4 = F(11, 4), rm = F(16, 5), rn = F(5, 5), rd = F(0, 5);
    V a = env->vregs[rn], b = env->vregs[rm], r = { { 0, 0 } };
    int i, n = q ? 16 : 8;

    if (F(22, 2) || (!q && imm4 >= 8)) {
        return false;
    }
    for (i = 0; i < n; i++) {
        int j = i + imm4;
        eset(&r, i, 0, j < n ? eget(&a, j, 0) : eget(&b, j - n, 0));
    }
    put(env, rd, &r, q);
    return true;
}

bool simd_tbl(CPUARMState *env, uint32_t insn)
{
    bool q = F(30, 1), tbx = F(12, 1);
    int len = F(13, 2) + 1, rm = F(16, 5), rn = F(5, 5), rd = F(0, 5);
    V idx = env->vregs[rm], r = env->vregs[rd];
    int i;

    if (F(22, 2)) {
        return false;
    }
    for (i = 0; i < (q ? 16 : 8); i++) {
        int k = eget(&idx, i, 0);
        if (k < 16 * len) {
            eset(&r, i, 0, eget(&env->vregs[(rn + k / 16) % 32], k % 16, 0));
        } else if (!tbx) {
            eset(&r, i, 0, 0);
        }
    }
    put(env, rd, &r, q);
    return true;
}

/* ---------------------------------------------- structure loads/stores */

#ifdef CONFIG_SOFTMMU
/*
 * System mode: the structure is assembled in (or taken from) a bounce
 * buffer of at most 64 bytes.  Loads read it all before any register
 * changes; stores probe every page for write first, so a fault leaves
 * memory untouched, then copy it out (per byte where not RAM).
 */
typedef struct SimdBounce {
    uint8_t buf[64];
    uint64_t addr, len;
    int idx;
} SimdBounce;

static void simd_mem(CPUARMState *env, SimdBounce *b, bool store,
                     bool probe_only, uintptr_t ra)
{
    uint64_t done = 0;

    while (done < b->len) {
        uint64_t a = b->addr + done;
        uint64_t n = TLB_PAGE_SIZE - (a & ~TLB_PAGE_MASK);
        uint8_t *p;
        uint64_t i;

        if (n > b->len - done) {
            n = b->len - done;
        }
        p = probe_access(env, a, n, store ? MMU_DATA_STORE : MMU_DATA_LOAD,
                         b->idx, ra);
        if (!probe_only) {
            MemOpIdx oi = make_memop_idx(MO_8, b->idx);

            for (i = 0; i < n; i++) {
                if (p) {
                    if (store) {
                        p[i] = b->buf[done + i];
                    } else {
                        b->buf[done + i] = p[i];
                    }
                } else if (store) {
                    cpu_stb_mmu(env, a + i, b->buf[done + i], oi, ra);
                } else {
                    b->buf[done + i] = cpu_ldb_mmu(env, a + i, oi, ra);
                }
            }
        }
        done += n;
    }
}

static void *ldst_check(CPUARMState *env, SimdBounce *b, uint64_t addr,
                        uint64_t len, bool store, uintptr_t ra)
{
    b->addr = addr;
    b->len = len;
    b->idx = arm_mmu_idx(env);
    simd_mem(env, b, store, store, ra);
    return b->buf;
}
#else
static void *ldst_check(CPUARMState *env, uint64_t addr, uint64_t len,
                        bool store, uintptr_t ra)
{
    if (!page_check_range(addr, len, store ? PAGE_WRITE : PAGE_READ)) {
        env->exception.vaddress = addr;
        env->exception.syndrome = (0x24u << 26) | (store ? 1u << 6 : 0) | 7;
        cpu_raise_exception(env_cpu(env), EXCP_DATA_ABORT, ra);
    }
    return g2h(addr);
}
#endif

/* One element of 1 << size bytes: constant sizes, so no memcpy call. */
static inline void copy_elem(uint8_t *d, const uint8_t *s, int size)
{
    switch (size) {
    case 0: *d = *s; break;
    case 1: memcpy(d, s, 2); break;
    case 2: memcpy(d, s, 4); break;
    default: memcpy(d, s, 8); break;
    }
}

static bool simd_ldst(CPUARMState *env, uint32_t insn, uintptr_t ra)
{
    bool q = F(30, 1), load = F(22, 1), post = F(23, 1), single = F(24, 1);
    int rm = F(16, 5), rn = F(5, 5), rt = F(0, 5), size = F(10, 2);
    uint64_t addr = env->xregs[rn], total;
    uint8_t *p;
    int selem, rpt = 1, i, r, s, idx = 0;
    bool replicate = false;
#ifdef CONFIG_SOFTMMU
    SimdBounce bounce;
#endif

    if (!single) {
        static const int8_t sel[16] = { 4, -1, 1, -1, 3, -1, 1, 1,
                                        2, -1, 1, -1, -1, -1, -1, -1 };
        static const int8_t rp[16] = { 1, 0, 4, 0, 1, 0, 3, 1,
                                       1, 0, 2, 0, 0, 0, 0, 0 };
        int opc = F(12, 4);
        if (F(21, 1) || sel[opc] < 0 || (size == 3 && !q && sel[opc] > 1)) {
            return false;
        }
        selem = sel[opc];
        rpt = rp[opc];
        total = (uint64_t)rpt * selem * (q ? 16 : 8);
    } else {
        int opc = F(13, 3), sbit = F(12, 1);
        selem = (((opc & 1) << 1) | F(21, 1)) + 1;
        switch (opc >> 1) {
        case 0:
            idx = (q << 3) | (sbit << 2) | size;
            size = 0;
            break;
        case 1:
            if (size & 1) {
                return false;
            }
            idx = (q << 2) | (sbit << 1) | (size >> 1);
            size = 1;
            break;
        case 2:
            if (size & 2 || (size == 1 && sbit)) {
                return false;
            }
            if (size == 0) {
                idx = (q << 1) | sbit;
                size = 2;
            } else {
                idx = q;
                size = 3;
            }
            break;
        default:
            if (!load || sbit) {
                return false;
            }
            replicate = true;
            break;
        }
        total = (uint64_t)selem << size;
    }
#ifdef CONFIG_SOFTMMU
    p = ldst_check(env, &bounce, addr, total, !load, ra);
#else
    p = ldst_check(env, addr, total, !load, ra);
#endif
    if (!single) {
        int n = (q ? 16 : 8) >> size, esz = 1 << size;
        for (r = 0; r < rpt; r++) {
            for (i = 0; i < n; i++) {
                for (s = 0; s < selem; s++) {
                    uint8_t *e = (uint8_t *)env->vregs[(rt + r + s) % 32].d +
                                 i * esz;
                    if (load) {
                        copy_elem(e, p, size);
                    } else {
                        copy_elem(p, e, size);
                    }
                    p += esz;
                }
            }
        }
        if (load && !q) {
            for (r = 0; r < rpt * selem; r++) {
                env->vregs[(rt + r) % 32].d[1] = 0;
            }
        }
    } else if (replicate) {
        int n = (q ? 16 : 8) >> size, esz = 1 << size;
        for (s = 0; s < selem; s++) {
            V *v = &env->vregs[(rt + s) % 32];
            for (i = 0; i < n; i++) {
                copy_elem((uint8_t *)v->d + i * esz, p + s * esz, size);
            }
            if (!q) {
                v->d[1] = 0;
            }
        }
    } else {
        int esz = 1 << size;
        for (s = 0; s < selem; s++) {
            uint8_t *e = (uint8_t *)env->vregs[(rt + s) % 32].d + idx * esz;
            if (load) {
                copy_elem(e, p + s * esz, size);
            } else {
                copy_elem(p + s * esz, e, size);
            }
        }
    }
#ifdef CONFIG_SOFTMMU
    if (!load) {
        simd_mem(env, &bounce, true, false, ra);
    }
#endif
    if (post) {
        env->xregs[rn] = addr + (rm == 31 ? total : env->xregs[rm]);
    }
    return true;
}

static void helper_simd_ldst(CPUARMState *env, uint64_t insn)
{
    if (!simd_ldst(env, insn, GETPC())) {
        env->exception.syndrome = 1u << 25;
        cpu_raise_exception(env_cpu(env), EXCP_UDEF, GETPC());
    }
}

const TCGHelperInfo helper_info_simd_ldst = {
    .func = (void *)helper_simd_ldst, .name = "simd_ldst", .flags = 0,
    .ret = TCG_CALL_VOID, .nargs = 2, .args = { TCG_CALL_PTR, TCG_CALL_I64 },
};
