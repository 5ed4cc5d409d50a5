/*
 * tci.c: the TCG interpreter, which runs the bytecode that the TCI backend
 * (tcg/tci/tcg-target.c.inc) emits.  The format is described in
 * tcg/tci/tci-insn.h.
 *
 * Machine state of one execution: 16 64-bit registers (a local array),
 * R14 = env, R15 = a local scratch area for call arguments and spills,
 * and pc, the address of the current instruction word.  Dispatch is a
 * computed goto through a table indexed by the opcode byte when the
 * compiler supports it, a switch otherwise.
 *
 * Operations the IR leaves undefined never reach undefined C behaviour:
 * shift counts are masked to the operand width, and division by zero or
 * an overflowing quotient gives a fixed result (see docs/tci.md).
 */
#include <string.h>

#include "tcg/tcg.h"
#include "tci/tci-insn.h"

/*
 * For GETPC() in helpers and for fault handlers: the address just past
 * the bytecode instruction (a call or a guest memory access) being run,
 * like a host return address (include/exec/cpu.h declares it too).
 */
__thread uintptr_t tci_tb_ptr;

/* -------------------------------------------------------------- access */

static inline uint32_t tci_read32(const uint8_t *p)
{
    uint32_t v;

    memcpy(&v, p, 4);
    return v;
}

static inline uint64_t tci_read64(const uint8_t *p)
{
    uint64_t v;

    memcpy(&v, p, 8);
    return v;
}

static inline bool tci_cond(TCGCond c, uint64_t a, uint64_t b)
{
    switch (c) {
    case TCG_COND_NEVER:
        return false;
    case TCG_COND_ALWAYS:
        return true;
    case TCG_COND_EQ:
        return a == b;
    case TCG_COND_NE:
        return a != b;
    case TCG_COND_LT:
        return (int64_t)a < (int64_t)b;
    case TCG_COND_GE:
        return (int64_t)a >= (int64_t)b;
    case TCG_COND_LE:
        return (int64_t)a <= (int64_t)b;
    case TCG_COND_GT:
        return (int64_t)a > (int64_t)b;
    case TCG_COND_LTU:
        return a < b;
    case TCG_COND_GEU:
        return a >= b;
    case TCG_COND_LEU:
        return a <= b;
    case TCG_COND_GTU:
        return a > b;
    default:
        return false;
    }
}

/* An i32 comparison: widen both sides the way the condition reads them. */
static inline bool tci_cond32(TCGCond c, uint64_t a, uint64_t b)
{
    if (c >= TCG_COND_LT && c <= TCG_COND_GT) {
        return tci_cond(c, (int64_t)(int32_t)a, (int64_t)(int32_t)b);
    }
    return tci_cond(c, (uint32_t)a, (uint32_t)b);
}

/* ----------------------------------------------------------- arithmetic */

static inline uint64_t tci_rotl64(uint64_t x, unsigned n)
{
    n &= 63;
    return n ? (x << n) | (x >> (64 - n)) : x;
}

static inline uint32_t tci_rotl32(uint32_t x, unsigned n)
{
    n &= 31;
    return n ? (x << n) | (x >> (32 - n)) : x;
}

static inline uint64_t tci_div64(uint64_t a, uint64_t b)
{
    if (b == 0) {
        return 0;
    }
    if (b == (uint64_t)-1) {
        return -a;                  /* INT64_MIN / -1 wraps */
    }
    return (int64_t)a / (int64_t)b;
}

static inline uint64_t tci_rem64(uint64_t a, uint64_t b)
{
    if (b == 0 || b == (uint64_t)-1) {
        return 0;
    }
    return (int64_t)a % (int64_t)b;
}

static inline uint32_t tci_div32(uint32_t a, uint32_t b)
{
    if (b == 0) {
        return 0;
    }
    if (b == (uint32_t)-1) {
        return -a;
    }
    return (int32_t)a / (int32_t)b;
}

static inline uint32_t tci_rem32(uint32_t a, uint32_t b)
{
    if (b == 0 || b == (uint32_t)-1) {
        return 0;
    }
    return (int32_t)a % (int32_t)b;
}

/*
 * (hi:lo) / d for the double-width divisions.  Divisor zero gives 0 and
 * 0; otherwise the quotient is truncated to the width (the IR only uses
 * these when it fits) and the remainder is exact.
 */
static void tci_divu2_64(uint64_t *q, uint64_t *r, uint64_t lo, uint64_t hi,
                         uint64_t d)
{
    unsigned __int128 n = (unsigned __int128)hi << 64 | lo;

    if (d == 0) {
        *q = *r = 0;
        return;
    }
    *q = (uint64_t)(n / d);
    *r = (uint64_t)(n % d);
}

static void tci_div2_64(uint64_t *q, uint64_t *r, uint64_t lo, uint64_t hi,
                        uint64_t d)
{
    __int128 n = (__int128)((unsigned __int128)hi << 64 | lo);

    if (d == 0) {
        *q = *r = 0;
        return;
    }
    if ((int64_t)d == -1) {
        *q = -lo;
        *r = 0;
        return;
    }
    *q = (uint64_t)(n / (int64_t)d);
    *r = (uint64_t)(n % (int64_t)d);
}

static void tci_divu2_32(uint64_t *q, uint64_t *r, uint64_t lo, uint64_t hi,
                         uint64_t d)
{
    uint64_t n = (uint64_t)(uint32_t)hi << 32 | (uint32_t)lo;

    if ((uint32_t)d == 0) {
        *q = *r = 0;
        return;
    }
    *q = (uint32_t)(n / (uint32_t)d);
    *r = (uint32_t)(n % (uint32_t)d);
}

static void tci_div2_32(uint64_t *q, uint64_t *r, uint64_t lo, uint64_t hi,
                        uint64_t d)
{
    int64_t n = (int64_t)((uint64_t)(uint32_t)hi << 32 | (uint32_t)lo);
    int32_t dv = (int32_t)d;

    if (dv == 0) {
        *q = *r = 0;
        return;
    }
    if (dv == -1) {
        *q = (uint32_t)-(uint32_t)lo;
        *r = 0;
        return;
    }
    *q = (uint32_t)(n / dv);
    *r = (uint32_t)(n % dv);
}

static inline uint64_t tci_mask(unsigned len)
{
    return len >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << len) - 1;
}

static inline uint64_t tci_deposit(uint64_t base, uint64_t val, unsigned pos,
                                   unsigned len)
{
    uint64_t m = tci_mask(len) << pos;

    return (base & ~m) | ((val << pos) & m);
}

static inline uint64_t tci_extract2(uint64_t lo, uint64_t hi, unsigned pos,
                                    unsigned width)
{
    if (pos == 0) {
        return lo;
    }
    if (pos >= width) {
        return hi;
    }
    return (lo >> pos) | (hi << (width - pos));
}

/* ------------------------------------------------------ guest memory */

static inline bool tci_misaligned(uint64_t addr, MemOp mop)
{
    return (addr & (memop_alignment(mop) - 1)) != 0;
}

static uint64_t tci_qemu_ld(void *env, uint64_t addr, MemOpIdx oi,
                            uintptr_t ra, uintptr_t guest_base)
{
    MemOp mop = get_memop(oi);
    const void *host;
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;

    tci_tb_ptr = ra;
    if (tcg_ctx->system_mode) {
        /* Through the soft TLB's slow path: correct, not fast. */
        uint64_t v = tcg_softmmu_helpers.ld[mop & MO_SIZE & 3](env, addr, oi,
                                                               ra);

        if (mop & MO_SIGN) {
            unsigned sh = 64 - 8 * memop_size(mop);

            v = sh ? (uint64_t)((int64_t)(v << sh) >> sh) : v;
        }
        return v;
    }
    if (__builtin_expect(tci_misaligned(addr, mop), 0) &&
        tcg_ctx->unaligned_helper) {
        tcg_ctx->unaligned_helper(env, addr, oi, ra);
    }
    host = (const void *)(uintptr_t)(guest_base + addr);
    switch (mop & (MO_SIZE | MO_SIGN | MO_BSWAP)) {
    case MO_UB:
        memcpy(&u8, host, 1);
        return u8;
    case MO_SB:
        memcpy(&u8, host, 1);
        return (int64_t)(int8_t)u8;
    case MO_UW:
        memcpy(&u16, host, 2);
        return u16;
    case MO_SW:
        memcpy(&u16, host, 2);
        return (int64_t)(int16_t)u16;
    case MO_UW | MO_BSWAP:
        memcpy(&u16, host, 2);
        return __builtin_bswap16(u16);
    case MO_SW | MO_BSWAP:
        memcpy(&u16, host, 2);
        return (int64_t)(int16_t)__builtin_bswap16(u16);
    case MO_UL:
        memcpy(&u32, host, 4);
        return u32;
    case MO_SL:
        memcpy(&u32, host, 4);
        return (int64_t)(int32_t)u32;
    case MO_UL | MO_BSWAP:
        memcpy(&u32, host, 4);
        return __builtin_bswap32(u32);
    case MO_SL | MO_BSWAP:
        memcpy(&u32, host, 4);
        return (int64_t)(int32_t)__builtin_bswap32(u32);
    case MO_UQ:
    case MO_SQ:
        memcpy(&u64, host, 8);
        return u64;
    case MO_UQ | MO_BSWAP:
    case MO_SQ | MO_BSWAP:
        memcpy(&u64, host, 8);
        return __builtin_bswap64(u64);
    default:
        /* MO_8 with MO_BSWAP: a byte has no order. */
        memcpy(&u8, host, 1);
        return (mop & MO_SIGN) ? (uint64_t)(int64_t)(int8_t)u8 : u8;
    }
}

static void tci_qemu_st(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                        uintptr_t ra, uintptr_t guest_base)
{
    MemOp mop = get_memop(oi);
    void *host;
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;

    tci_tb_ptr = ra;
    if (tcg_ctx->system_mode) {
        tcg_softmmu_helpers.st[mop & MO_SIZE & 3](env, addr, val, oi, ra);
        return;
    }
    if (__builtin_expect(tci_misaligned(addr, mop), 0) &&
        tcg_ctx->unaligned_helper) {
        tcg_ctx->unaligned_helper(env, addr, oi, ra);
    }
    host = (void *)(uintptr_t)(guest_base + addr);
    switch (mop & (MO_SIZE | MO_BSWAP)) {
    case MO_16:
        u16 = val;
        memcpy(host, &u16, 2);
        break;
    case MO_16 | MO_BSWAP:
        u16 = __builtin_bswap16(val);
        memcpy(host, &u16, 2);
        break;
    case MO_32:
        u32 = val;
        memcpy(host, &u32, 4);
        break;
    case MO_32 | MO_BSWAP:
        u32 = __builtin_bswap32(val);
        memcpy(host, &u32, 4);
        break;
    case MO_64:
        memcpy(host, &val, 8);
        break;
    case MO_64 | MO_BSWAP:
        val = __builtin_bswap64(val);
        memcpy(host, &val, 8);
        break;
    default:
        u8 = val;
        memcpy(host, &u8, 1);
        break;
    }
}

/* ---------------------------------------------------------- helpers */

typedef uint64_t (*tci_helper0)(void);
typedef uint64_t (*tci_helper1)(uint64_t);
typedef uint64_t (*tci_helper2)(uint64_t, uint64_t);
typedef uint64_t (*tci_helper3)(uint64_t, uint64_t, uint64_t);
typedef uint64_t (*tci_helper4)(uint64_t, uint64_t, uint64_t, uint64_t);
typedef uint64_t (*tci_helper5)(uint64_t, uint64_t, uint64_t, uint64_t,
                                uint64_t);
typedef uint64_t (*tci_helper6)(uint64_t, uint64_t, uint64_t, uint64_t,
                                uint64_t, uint64_t);
typedef uint64_t (*tci_helper7)(uint64_t, uint64_t, uint64_t, uint64_t,
                                uint64_t, uint64_t, uint64_t);
typedef uint64_t (*tci_helper8)(uint64_t, uint64_t, uint64_t, uint64_t,
                                uint64_t, uint64_t, uint64_t, uint64_t);

/*
 * Call a helper with its arguments from R0..R(nargs-1).  Every argument
 * and the result travel as 64-bit integers: on x86-64 and AArch64 hosts
 * this matches any helper whose parameters are integers or pointers of
 * up to 64 bits (see docs/tci.md).
 */
static uint64_t tci_call(const void *fn, unsigned nargs, const uint64_t *r)
{
    switch (nargs) {
    case 0:
        return ((tci_helper0)fn)();
    case 1:
        return ((tci_helper1)fn)(r[0]);
    case 2:
        return ((tci_helper2)fn)(r[0], r[1]);
    case 3:
        return ((tci_helper3)fn)(r[0], r[1], r[2]);
    case 4:
        return ((tci_helper4)fn)(r[0], r[1], r[2], r[3]);
    case 5:
        return ((tci_helper5)fn)(r[0], r[1], r[2], r[3], r[4]);
    case 6:
        return ((tci_helper6)fn)(r[0], r[1], r[2], r[3], r[4], r[5]);
    case 7:
        return ((tci_helper7)fn)(r[0], r[1], r[2], r[3], r[4], r[5], r[6]);
    default:
        return ((tci_helper8)fn)(r[0], r[1], r[2], r[3], r[4], r[5], r[6],
                                 r[7]);
    }
}

/* -------------------------------------------------------- interpreter */

#if defined(__GNUC__) && !defined(TCI_NO_COMPUTED_GOTO)
#define TCI_COMPUTED_GOTO 1
#endif

uintptr_t tcg_qemu_tb_exec_tci(void *env, const void *tc_ptr)
{
    uint64_t regs[TCG_TARGET_NB_REGS];
    uint64_t stack[(TCG_STATIC_CALL_ARGS_SIZE + TCG_STATIC_FRAME_SIZE) / 8];
    const uintptr_t guest_base = tcg_ctx->guest_base;
    const uint8_t *pc = tc_ptr;
    uint32_t w;

    memset(regs, 0, sizeof(regs));
    regs[TCG_AREG0] = (uintptr_t)env;
    regs[TCG_REG_CALL_STACK] = (uintptr_t)stack;

/* Operand shorthands for the current instruction word w. */
#define RA regs[TCI_FA(w)]
#define RB regs[TCI_FB(w)]
#define RC regs[TCI_FC(w)]
#define RD regs[TCI_FD(w)]
#define RE regs[TCI_FE(w)]
#define RF regs[TCI_FF(w)]
/* A 16-bit signed offset in bits 16..31, as host pointer arithmetic. */
#define LDST_PTR ((uint8_t *)(uintptr_t)RB + (int16_t)(w >> 16))

#ifdef TCI_COMPUTED_GOTO
    static const void *const dispatch[TCI_NB_OPS] = {
#define TCI_LABEL_UNTYPED(n) [TCI_##n] = &&op_##n,
#define TCI_LABEL_TYPED(n) [TCI_##n##_i32] = &&op_##n##_i32, \
                           [TCI_##n##_i64] = &&op_##n##_i64,
        TCI_UNTYPED_OPS(TCI_LABEL_UNTYPED)
        TCI_TYPED_OPS(TCI_LABEL_TYPED)
#undef TCI_LABEL_UNTYPED
#undef TCI_LABEL_TYPED
    };
#define CASE(n) op_##n:
#define DEFAULT op_bad: __attribute__((unused));
/* Fetch the word at pc (already advanced past the previous instruction). */
#ifdef CONFIG_DEBUG_TCG
#define DISPATCH() \
    goto *(TCI_OPC(w) < TCI_NB_OPS ? dispatch[TCI_OPC(w)] : &&op_bad)
#else
#define DISPATCH() goto *dispatch[TCI_OPC(w)]
#endif
#define NEXT(len) \
    do { pc += (len); w = tci_read32(pc); DISPATCH(); } while (0)
#define JUMP(to) \
    do { pc = (to); w = tci_read32(pc); DISPATCH(); } while (0)

    NEXT(0);
    {
#else
#define CASE(n) case TCI_##n:
#define DEFAULT default:
#define NEXT(len) do { pc += (len); goto next; } while (0)
#define JUMP(to) do { pc = (to); goto next; } while (0)

    for (;;) {
    next:
        w = tci_read32(pc);
        switch (TCI_OPC(w)) {
#endif

        /* ------------------------------------------------ control */
        CASE(nop)
            NEXT(4);
        CASE(exit)
            return (uintptr_t)tci_read64(pc + 4);
        CASE(goto_tb) {
            const uint8_t *slot =
                (const uint8_t *)(((uintptr_t)pc + 4 + 7) & ~(uintptr_t)7);
            JUMP((const uint8_t *)(uintptr_t)
                 __atomic_load_n((const uint64_t *)slot, __ATOMIC_ACQUIRE));
        }
        CASE(goto_ptr)
            JUMP((const uint8_t *)(uintptr_t)RA);
        CASE(br)
            JUMP(pc + 4 + (int32_t)tci_read32(pc + 4));
        CASE(brcond_i32)
            if (tci_cond32(TCI_FC(w), RA, RB)) {
                JUMP(pc + 4 + (int32_t)tci_read32(pc + 4));
            }
            NEXT(8);
        CASE(brcond_i64)
            if (tci_cond(TCI_FC(w), RA, RB)) {
                JUMP(pc + 4 + (int32_t)tci_read32(pc + 4));
            }
            NEXT(8);
        CASE(brcondi_i32)
            if (tci_cond32(TCI_FC(w), RA, TCI_IMM12(w))) {
                JUMP(pc + 4 + (int32_t)tci_read32(pc + 4));
            }
            NEXT(8);
        CASE(brcondi_i64)
            if (tci_cond(TCI_FC(w), RA, TCI_IMM12(w))) {
                JUMP(pc + 4 + (int32_t)tci_read32(pc + 4));
            }
            NEXT(8);
        CASE(mb)
            __atomic_thread_fence(__ATOMIC_SEQ_CST);
            NEXT(4);
        CASE(call) {
            const void *fn = (const void *)(uintptr_t)tci_read64(pc + 4);
            uint64_t ret;

            tci_tb_ptr = (uintptr_t)pc + 12;
            ret = tci_call(fn, TCI_FB(w), regs);
            switch (TCI_FA(w) & 3) {
            case TCI_CALL_RET_I32:
                regs[TCG_REG_R0] = (uint32_t)ret;
                break;
            case TCI_CALL_RET_I64:
                regs[TCG_REG_R0] = ret;
                break;
            default:
                break;
            }
            NEXT(12);
        }

        /* ------------------------------------------------ moves */
        CASE(mov_i32)
            RA = (uint32_t)RB;
            NEXT(4);
        CASE(mov_i64)
            RA = RB;
            NEXT(4);
        CASE(movi)
            RA = (int64_t)(int32_t)w >> 12;
            NEXT(4);
        CASE(movi_u32)
            RA = tci_read32(pc + 4);
            NEXT(8);
        CASE(movi_s32)
            RA = (int64_t)(int32_t)tci_read32(pc + 4);
            NEXT(8);
        CASE(movi64)
            RA = tci_read64(pc + 4);
            NEXT(12);

        /* ------------------------------------------------ host memory */
        CASE(ld8u) {
            uint8_t v;
            memcpy(&v, LDST_PTR, 1);
            RA = v;
            NEXT(4);
        }
        CASE(ld8s_i32) {
            int8_t v;
            memcpy(&v, LDST_PTR, 1);
            RA = (uint32_t)(int32_t)v;
            NEXT(4);
        }
        CASE(ld8s) {
            int8_t v;
            memcpy(&v, LDST_PTR, 1);
            RA = (int64_t)v;
            NEXT(4);
        }
        CASE(ld16u) {
            uint16_t v;
            memcpy(&v, LDST_PTR, 2);
            RA = v;
            NEXT(4);
        }
        CASE(ld16s_i32) {
            int16_t v;
            memcpy(&v, LDST_PTR, 2);
            RA = (uint32_t)(int32_t)v;
            NEXT(4);
        }
        CASE(ld16s) {
            int16_t v;
            memcpy(&v, LDST_PTR, 2);
            RA = (int64_t)v;
            NEXT(4);
        }
        CASE(ld32u) {
            uint32_t v;
            memcpy(&v, LDST_PTR, 4);
            RA = v;
            NEXT(4);
        }
        CASE(ld32s) {
            int32_t v;
            memcpy(&v, LDST_PTR, 4);
            RA = (int64_t)v;
            NEXT(4);
        }
        CASE(ld64) {
            uint64_t v;
            memcpy(&v, LDST_PTR, 8);
            RA = v;
            NEXT(4);
        }
        CASE(st8) {
            uint8_t v = RA;
            memcpy(LDST_PTR, &v, 1);
            NEXT(4);
        }
        CASE(st16) {
            uint16_t v = RA;
            memcpy(LDST_PTR, &v, 2);
            NEXT(4);
        }
        CASE(st32) {
            uint32_t v = RA;
            memcpy(LDST_PTR, &v, 4);
            NEXT(4);
        }
        CASE(st64) {
            uint64_t v = RA;
            memcpy(LDST_PTR, &v, 8);
            NEXT(4);
        }
        CASE(sti32) {
            uint32_t v = tci_read32(pc + 4);
            memcpy(LDST_PTR, &v, 4);
            NEXT(8);
        }
        CASE(sti64_s32) {
            uint64_t v = (int64_t)(int32_t)tci_read32(pc + 4);
            memcpy(LDST_PTR, &v, 8);
            NEXT(8);
        }
        CASE(sti64) {
            uint64_t v = tci_read64(pc + 4);
            memcpy(LDST_PTR, &v, 8);
            NEXT(12);
        }

        /* ------------------------------------------------ conditions */
        CASE(setcond_i32)
            RA = tci_cond32(TCI_FD(w), RB, RC);
            NEXT(4);
        CASE(setcond_i64)
            RA = tci_cond(TCI_FD(w), RB, RC);
            NEXT(4);
        CASE(negsetcond_i32)
            RA = tci_cond32(TCI_FD(w), RB, RC) ? 0xffffffffu : 0;
            NEXT(4);
        CASE(negsetcond_i64)
            RA = tci_cond(TCI_FD(w), RB, RC) ? ~(uint64_t)0 : 0;
            NEXT(4);
        CASE(setcondi_i32)
            RA = tci_cond32(TCI_FC(w), RB, TCI_IMM12(w));
            NEXT(4);
        CASE(setcondi_i64)
            RA = tci_cond(TCI_FC(w), RB, TCI_IMM12(w));
            NEXT(4);
        CASE(negsetcondi_i32)
            RA = tci_cond32(TCI_FC(w), RB, TCI_IMM12(w)) ? 0xffffffffu : 0;
            NEXT(4);
        CASE(negsetcondi_i64)
            RA = tci_cond(TCI_FC(w), RB, TCI_IMM12(w)) ? ~(uint64_t)0 : 0;
            NEXT(4);
        CASE(movcond_i32)
            RA = (uint32_t)(tci_cond32(TCI_FF(w), RB, RC) ? RD : RE);
            NEXT(4);
        CASE(movcond_i64)
            RA = tci_cond(TCI_FF(w), RB, RC) ? RD : RE;
            NEXT(4);

        /* ------------------------------------------------ simple ALU */
/*
 * Binary and unary operations whose low 32 bits depend only on the low
 * 32 bits of the inputs: the i32 form is the i64 one truncated.
 * TCI_BINOP_I also makes the forms with an immediate second operand.
 */
#define TCI_BINOP(name, expr) \
        CASE(name##_i32) { \
            uint64_t a = RB, b = RC; \
            RA = (uint32_t)(expr); \
            NEXT(4); \
        } \
        CASE(name##_i64) { \
            uint64_t a = RB, b = RC; \
            RA = (expr); \
            NEXT(4); \
        }
#define TCI_BINOP_I(name, expr) \
        TCI_BINOP(name, expr) \
        CASE(name##i_i32) { \
            uint64_t a = RB, b = TCI_IMM12(w); \
            RA = (uint32_t)(expr); \
            NEXT(4); \
        } \
        CASE(name##i_i64) { \
            uint64_t a = RB, b = TCI_IMM12(w); \
            RA = (expr); \
            NEXT(4); \
        }
#define TCI_UNOP(name, expr) \
        CASE(name##_i32) { \
            uint64_t a = RB; \
            RA = (uint32_t)(expr); \
            NEXT(4); \
        } \
        CASE(name##_i64) { \
            uint64_t a = RB; \
            RA = (expr); \
            NEXT(4); \
        }
        TCI_BINOP_I(add, a + b)
        TCI_BINOP_I(sub, a - b)
        TCI_BINOP_I(mul, a * b)
        TCI_BINOP_I(and, a & b)
        TCI_BINOP_I(or, a | b)
        TCI_BINOP_I(xor, a ^ b)
        TCI_BINOP(andc, a & ~b)
        TCI_BINOP(orc, a | ~b)
        TCI_BINOP(eqv, ~(a ^ b))
        TCI_BINOP(nand, ~(a & b))
        TCI_BINOP(nor, ~(a | b))
        TCI_UNOP(neg, -a)
        TCI_UNOP(not, ~a)
        TCI_UNOP(ext8s, (uint64_t)(int64_t)(int8_t)a)
        TCI_UNOP(ext16s, (uint64_t)(int64_t)(int16_t)a)
#undef TCI_BINOP
#undef TCI_BINOP_I
#undef TCI_UNOP

        /* ------------------------------------------------ shifts */
/* Shifts and rotates by a register (name) or an immediate (name##i). */
#define TCI_SHIFT(name, expr32, expr64) \
        CASE(name##_i32) { \
            uint64_t a = RB; \
            unsigned n = RC; \
            RA = (uint32_t)(expr32); \
            NEXT(4); \
        } \
        CASE(name##_i64) { \
            uint64_t a = RB; \
            unsigned n = RC; \
            RA = (expr64); \
            NEXT(4); \
        } \
        CASE(name##i_i32) { \
            uint64_t a = RB; \
            unsigned n = TCI_IMM12(w); \
            RA = (uint32_t)(expr32); \
            NEXT(4); \
        } \
        CASE(name##i_i64) { \
            uint64_t a = RB; \
            unsigned n = TCI_IMM12(w); \
            RA = (expr64); \
            NEXT(4); \
        }
        TCI_SHIFT(shl, a << (n & 31), a << (n & 63))
        TCI_SHIFT(shr, (uint32_t)a >> (n & 31), a >> (n & 63))
        TCI_SHIFT(sar, (int32_t)a >> (n & 31),
                  (uint64_t)((int64_t)a >> (n & 63)))
        TCI_SHIFT(rotl, tci_rotl32(a, n), tci_rotl64(a, n))
        TCI_SHIFT(rotr, tci_rotl32(a, -n), tci_rotl64(a, -n))
#undef TCI_SHIFT

        /* ------------------------------------------------ division */
        CASE(div_i32)
            RA = tci_div32(RB, RC);
            NEXT(4);
        CASE(div_i64)
            RA = tci_div64(RB, RC);
            NEXT(4);
        CASE(divu_i32) {
            uint32_t a = RB, b = RC;
            RA = b ? a / b : 0;
            NEXT(4);
        }
        CASE(divu_i64) {
            uint64_t a = RB, b = RC;
            RA = b ? a / b : 0;
            NEXT(4);
        }
        CASE(rem_i32)
            RA = tci_rem32(RB, RC);
            NEXT(4);
        CASE(rem_i64)
            RA = tci_rem64(RB, RC);
            NEXT(4);
        CASE(remu_i32) {
            uint32_t a = RB, b = RC;
            RA = b ? a % b : 0;
            NEXT(4);
        }
        CASE(remu_i64) {
            uint64_t a = RB, b = RC;
            RA = b ? a % b : 0;
            NEXT(4);
        }
        CASE(div2_i32) {
            uint64_t q, r;
            tci_div2_32(&q, &r, RC, RD, RE);
            RA = q;
            RB = r;
            NEXT(4);
        }
        CASE(div2_i64) {
            uint64_t q, r;
            tci_div2_64(&q, &r, RC, RD, RE);
            RA = q;
            RB = r;
            NEXT(4);
        }
        CASE(divu2_i32) {
            uint64_t q, r;
            tci_divu2_32(&q, &r, RC, RD, RE);
            RA = q;
            RB = r;
            NEXT(4);
        }
        CASE(divu2_i64) {
            uint64_t q, r;
            tci_divu2_64(&q, &r, RC, RD, RE);
            RA = q;
            RB = r;
            NEXT(4);
        }

        /* ------------------------------------------------ double width */
        CASE(mulu2_i32) {
            uint64_t p = (uint64_t)(uint32_t)RC * (uint32_t)RD;
            RA = (uint32_t)p;
            RB = p >> 32;
            NEXT(4);
        }
        CASE(mulu2_i64) {
            unsigned __int128 p = (unsigned __int128)RC * RD;
            RA = (uint64_t)p;
            RB = (uint64_t)(p >> 64);
            NEXT(4);
        }
        CASE(muls2_i32) {
            int64_t p = (int64_t)(int32_t)RC * (int32_t)RD;
            RA = (uint32_t)p;
            RB = (uint32_t)((uint64_t)p >> 32);
            NEXT(4);
        }
        CASE(muls2_i64) {
            __int128 p = (__int128)(int64_t)RC * (int64_t)RD;
            RA = (uint64_t)p;
            RB = (uint64_t)((unsigned __int128)p >> 64);
            NEXT(4);
        }
        CASE(muluh_i32)
            RA = ((uint64_t)(uint32_t)RB * (uint32_t)RC) >> 32;
            NEXT(4);
        CASE(muluh_i64)
            RA = (uint64_t)(((unsigned __int128)RB * RC) >> 64);
            NEXT(4);
        CASE(mulsh_i32)
            RA = (uint32_t)((uint64_t)((int64_t)(int32_t)RB *
                                       (int32_t)RC) >> 32);
            NEXT(4);
        CASE(mulsh_i64)
            RA = (uint64_t)((unsigned __int128)((__int128)(int64_t)RB *
                                                (int64_t)RC) >> 64);
            NEXT(4);
        CASE(add2_i32) {
            uint64_t a = (uint64_t)(uint32_t)RD << 32 | (uint32_t)RC;
            uint64_t b = (uint64_t)(uint32_t)RF << 32 | (uint32_t)RE;
            uint64_t sum = a + b;
            RA = (uint32_t)sum;
            RB = sum >> 32;
            NEXT(4);
        }
        CASE(add2_i64) {
            uint64_t al = RC, ah = RD, bl = RE, bh = RF;
            uint64_t lo = al + bl;
            RA = lo;
            RB = ah + bh + (lo < al);
            NEXT(4);
        }
        CASE(sub2_i32) {
            uint64_t a = (uint64_t)(uint32_t)RD << 32 | (uint32_t)RC;
            uint64_t b = (uint64_t)(uint32_t)RF << 32 | (uint32_t)RE;
            uint64_t diff = a - b;
            RA = (uint32_t)diff;
            RB = diff >> 32;
            NEXT(4);
        }
        CASE(sub2_i64) {
            uint64_t al = RC, ah = RD, bl = RE, bh = RF;
            RA = al - bl;
            RB = ah - bh - (al < bl);
            NEXT(4);
        }

        /* ------------------------------------------------ bit fields */
        CASE(deposit_i32)
            RA = (uint32_t)tci_deposit(RB, RC, (w >> 20) & 63,
                                       ((w >> 26) & 63) + 1);
            NEXT(4);
        CASE(deposit_i64)
            RA = tci_deposit(RB, RC, (w >> 20) & 63, ((w >> 26) & 63) + 1);
            NEXT(4);
        CASE(extract_i32)
        CASE(extract_i64)
            RA = (RB >> ((w >> 16) & 63)) & tci_mask(((w >> 22) & 63) + 1);
            NEXT(4);
        CASE(sextract_i32) {
            unsigned pos = (w >> 16) & 63, len = ((w >> 22) & 63) + 1;
            uint32_t x = (uint32_t)RB << ((32 - pos - len) & 31);
            RA = (uint32_t)((int32_t)x >> ((32 - len) & 31));
            NEXT(4);
        }
        CASE(sextract_i64) {
            unsigned pos = (w >> 16) & 63, len = ((w >> 22) & 63) + 1;
            uint64_t x = RB << ((64 - pos - len) & 63);
            RA = (uint64_t)((int64_t)x >> ((64 - len) & 63));
            NEXT(4);
        }
        CASE(extract2_i32)
            RA = (uint32_t)tci_extract2((uint32_t)RB, (uint32_t)RC,
                                        (w >> 20) & 127, 32);
            NEXT(4);
        CASE(extract2_i64)
            RA = tci_extract2(RB, RC, (w >> 20) & 127, 64);
            NEXT(4);

        /* ------------------------------------------------ counts */
        CASE(clz_i32) {
            uint32_t a = RB;
            RA = a ? (uint64_t)__builtin_clz(a) : (uint32_t)RC;
            NEXT(4);
        }
        CASE(clz_i64) {
            uint64_t a = RB;
            RA = a ? (uint64_t)__builtin_clzll(a) : RC;
            NEXT(4);
        }
        CASE(ctz_i32) {
            uint32_t a = RB;
            RA = a ? (uint64_t)__builtin_ctz(a) : (uint32_t)RC;
            NEXT(4);
        }
        CASE(ctz_i64) {
            uint64_t a = RB;
            RA = a ? (uint64_t)__builtin_ctzll(a) : RC;
            NEXT(4);
        }
        CASE(ctpop_i32)
            RA = __builtin_popcount((uint32_t)RB);
            NEXT(4);
        CASE(ctpop_i64)
            RA = __builtin_popcountll(RB);
            NEXT(4);

        /* ------------------------------------------------ extensions */
        CASE(ext8u)
            RA = (uint8_t)RB;
            NEXT(4);
        CASE(ext16u)
            RA = (uint16_t)RB;
            NEXT(4);
        CASE(ext32s)
            RA = (uint64_t)(int64_t)(int32_t)RB;
            NEXT(4);
        CASE(ext32u)
            RA = (uint32_t)RB;
            NEXT(4);
        CASE(extrh)
            RA = RB >> 32;
            NEXT(4);
        CASE(bswap16)
            RA = __builtin_bswap16((uint16_t)RB);
            NEXT(4);
        CASE(bswap32)
            RA = __builtin_bswap32((uint32_t)RB);
            NEXT(4);
        CASE(bswap64)
            RA = __builtin_bswap64(RB);
            NEXT(4);

        /* ------------------------------------------------ guest memory */
        CASE(qemu_ld) {
            uint64_t addr = RB, v;

            if (w & TCI_QEMU_ADDR32) {
                addr = (uint32_t)addr;
            }
            v = tci_qemu_ld(env, addr, (w >> 16) & 0xfff, (uintptr_t)pc + 4,
                            guest_base);
            RA = (w & TCI_QEMU_I64) ? v : (uint32_t)v;
            NEXT(4);
        }
        CASE(qemu_st) {
            uint64_t addr = RB;

            if (w & TCI_QEMU_ADDR32) {
                addr = (uint32_t)addr;
            }
            tci_qemu_st(env, addr, RA, (w >> 16) & 0xfff, (uintptr_t)pc + 4,
                        guest_base);
            NEXT(4);
        }

        DEFAULT
            tcg_abort_msg("tci: bad opcode %#x at %p", TCI_OPC(w),
                          (const void *)pc);
    }
#ifndef TCI_COMPUTED_GOTO
    }
#endif
}

/* --------------------------------------------------------- disassembly */

/* Operand layouts, for the disassembler. */
typedef enum TCIFormat {
    TCI_F_NONE,         /* no operands */
    TCI_F_R,            /* A */
    TCI_F_RR,           /* A, B */
    TCI_F_RRR,          /* A, B, C */
    TCI_F_RRRR,         /* A, B, C, D */
    TCI_F_RRRRR,        /* A..E */
    TCI_F_RRRRRR,       /* A..F */
    TCI_F_RRI,          /* A, B, imm12 */
    TCI_F_SETCOND,      /* A, B, C, cond D */
    TCI_F_SETCONDI,     /* A, B, imm12, cond C */
    TCI_F_MOVCOND,      /* A, B, C, D, E, cond F */
    TCI_F_BRCOND,       /* A, B, cond C; disp32 */
    TCI_F_BRCONDI,      /* A, imm12, cond C; disp32 */
    TCI_F_BR,           /* disp32 */
    TCI_F_LDST,         /* A, [B + off16] */
    TCI_F_STI32,        /* [B + off16]; u32 */
    TCI_F_STI64_S32,    /* [B + off16]; s32 */
    TCI_F_STI64,        /* [B + off16]; u64 */
    TCI_F_MOVI,         /* A, imm20 */
    TCI_F_MOVI_U32,     /* A; u32 */
    TCI_F_MOVI_S32,     /* A; s32 */
    TCI_F_MOVI64,       /* A; u64 */
    TCI_F_DEPOSIT,      /* A, B, C, pos, len */
    TCI_F_EXTRACT,      /* A, B, pos, len */
    TCI_F_EXTRACT2,     /* A, B, C, pos */
    TCI_F_QEMU,         /* A, B, MemOpIdx */
    TCI_F_CALL,         /* nargs, kind; u64 */
    TCI_F_EXIT,         /* u64 */
    TCI_F_GOTO_TB,      /* padding, slot */
} TCIFormat;

#define TCI_FMT_T(name, f) [TCI_##name##_i32] = f, [TCI_##name##_i64] = f,

static const uint8_t tci_formats[TCI_NB_OPS] = {
    [TCI_nop] = TCI_F_NONE, [TCI_mb] = TCI_F_NONE,
    [TCI_exit] = TCI_F_EXIT, [TCI_goto_tb] = TCI_F_GOTO_TB,
    [TCI_goto_ptr] = TCI_F_R, [TCI_br] = TCI_F_BR, [TCI_call] = TCI_F_CALL,
    [TCI_movi] = TCI_F_MOVI, [TCI_movi_u32] = TCI_F_MOVI_U32,
    [TCI_movi_s32] = TCI_F_MOVI_S32, [TCI_movi64] = TCI_F_MOVI64,
    [TCI_ld8u] = TCI_F_LDST, [TCI_ld8s_i32] = TCI_F_LDST,
    [TCI_ld8s] = TCI_F_LDST, [TCI_ld16u] = TCI_F_LDST,
    [TCI_ld16s_i32] = TCI_F_LDST, [TCI_ld16s] = TCI_F_LDST,
    [TCI_ld32u] = TCI_F_LDST, [TCI_ld32s] = TCI_F_LDST,
    [TCI_ld64] = TCI_F_LDST, [TCI_st8] = TCI_F_LDST, [TCI_st16] = TCI_F_LDST,
    [TCI_st32] = TCI_F_LDST, [TCI_st64] = TCI_F_LDST,
    [TCI_sti32] = TCI_F_STI32, [TCI_sti64_s32] = TCI_F_STI64_S32,
    [TCI_sti64] = TCI_F_STI64,
    [TCI_ext8u] = TCI_F_RR, [TCI_ext16u] = TCI_F_RR, [TCI_ext32s] = TCI_F_RR,
    [TCI_ext32u] = TCI_F_RR, [TCI_extrh] = TCI_F_RR,
    [TCI_bswap16] = TCI_F_RR, [TCI_bswap32] = TCI_F_RR,
    [TCI_bswap64] = TCI_F_RR,
    [TCI_qemu_ld] = TCI_F_QEMU, [TCI_qemu_st] = TCI_F_QEMU,
    TCI_FMT_T(mov, TCI_F_RR)
    TCI_FMT_T(brcond, TCI_F_BRCOND)
    TCI_FMT_T(setcond, TCI_F_SETCOND)
    TCI_FMT_T(negsetcond, TCI_F_SETCOND)
    TCI_FMT_T(movcond, TCI_F_MOVCOND)
    TCI_FMT_T(add, TCI_F_RRR) TCI_FMT_T(sub, TCI_F_RRR)
    TCI_FMT_T(mul, TCI_F_RRR) TCI_FMT_T(neg, TCI_F_RR)
    TCI_FMT_T(div, TCI_F_RRR) TCI_FMT_T(divu, TCI_F_RRR)
    TCI_FMT_T(rem, TCI_F_RRR) TCI_FMT_T(remu, TCI_F_RRR)
    TCI_FMT_T(div2, TCI_F_RRRRR) TCI_FMT_T(divu2, TCI_F_RRRRR)
    TCI_FMT_T(mulu2, TCI_F_RRRR) TCI_FMT_T(muls2, TCI_F_RRRR)
    TCI_FMT_T(muluh, TCI_F_RRR) TCI_FMT_T(mulsh, TCI_F_RRR)
    TCI_FMT_T(add2, TCI_F_RRRRRR) TCI_FMT_T(sub2, TCI_F_RRRRRR)
    TCI_FMT_T(and, TCI_F_RRR) TCI_FMT_T(or, TCI_F_RRR)
    TCI_FMT_T(xor, TCI_F_RRR) TCI_FMT_T(not, TCI_F_RR)
    TCI_FMT_T(andc, TCI_F_RRR) TCI_FMT_T(orc, TCI_F_RRR)
    TCI_FMT_T(eqv, TCI_F_RRR) TCI_FMT_T(nand, TCI_F_RRR)
    TCI_FMT_T(nor, TCI_F_RRR)
    TCI_FMT_T(shl, TCI_F_RRR) TCI_FMT_T(shr, TCI_F_RRR)
    TCI_FMT_T(sar, TCI_F_RRR) TCI_FMT_T(rotl, TCI_F_RRR)
    TCI_FMT_T(rotr, TCI_F_RRR)
    TCI_FMT_T(deposit, TCI_F_DEPOSIT) TCI_FMT_T(extract, TCI_F_EXTRACT)
    TCI_FMT_T(sextract, TCI_F_EXTRACT) TCI_FMT_T(extract2, TCI_F_EXTRACT2)
    TCI_FMT_T(clz, TCI_F_RRR) TCI_FMT_T(ctz, TCI_F_RRR)
    TCI_FMT_T(ctpop, TCI_F_RR) TCI_FMT_T(ext8s, TCI_F_RR)
    TCI_FMT_T(ext16s, TCI_F_RR)
    TCI_FMT_T(addi, TCI_F_RRI) TCI_FMT_T(subi, TCI_F_RRI)
    TCI_FMT_T(muli, TCI_F_RRI) TCI_FMT_T(andi, TCI_F_RRI)
    TCI_FMT_T(ori, TCI_F_RRI) TCI_FMT_T(xori, TCI_F_RRI)
    TCI_FMT_T(shli, TCI_F_RRI) TCI_FMT_T(shri, TCI_F_RRI)
    TCI_FMT_T(sari, TCI_F_RRI) TCI_FMT_T(rotli, TCI_F_RRI)
    TCI_FMT_T(rotri, TCI_F_RRI)
    TCI_FMT_T(brcondi, TCI_F_BRCONDI)
    TCI_FMT_T(setcondi, TCI_F_SETCONDI)
    TCI_FMT_T(negsetcondi, TCI_F_SETCONDI)
};

#undef TCI_FMT_T

static const char *const tci_names[TCI_NB_OPS] = {
#define TCI_NAME_UNTYPED(n) [TCI_##n] = #n,
#define TCI_NAME_TYPED(n) [TCI_##n##_i32] = #n "_i32", \
                          [TCI_##n##_i64] = #n "_i64",
    TCI_UNTYPED_OPS(TCI_NAME_UNTYPED)
    TCI_TYPED_OPS(TCI_NAME_TYPED)
#undef TCI_NAME_UNTYPED
#undef TCI_NAME_TYPED
};

static const char *const tci_cond_names[16] = {
    "never", "always", "eq", "ne", "lt", "ge", "le", "gt",
    "ltu", "geu", "leu", "gtu", "?", "?", "?", "?",
};

/* Print one instruction at p; returns its length in bytes. */
static size_t tci_disas_one(FILE *f, const uint8_t *p)
{
    uint32_t w = tci_read32(p);
    unsigned op = TCI_OPC(w);
    size_t len = 4;

    fprintf(f, "  %p: %08x  ", (const void *)p, w);
    if (op >= TCI_NB_OPS) {
        fprintf(f, "<bad opcode %#x>\n", op);
        return 4;
    }
    fprintf(f, "%-16s", tci_names[op]);
    switch (tci_formats[op]) {
    case TCI_F_NONE:
        break;
    case TCI_F_R:
        fprintf(f, "r%u", TCI_FA(w));
        break;
    case TCI_F_RR:
        fprintf(f, "r%u, r%u", TCI_FA(w), TCI_FB(w));
        break;
    case TCI_F_RRR:
        fprintf(f, "r%u, r%u, r%u", TCI_FA(w), TCI_FB(w), TCI_FC(w));
        break;
    case TCI_F_RRRR:
        fprintf(f, "r%u, r%u, r%u, r%u", TCI_FA(w), TCI_FB(w), TCI_FC(w),
                TCI_FD(w));
        break;
    case TCI_F_RRRRR:
        fprintf(f, "r%u, r%u, r%u, r%u, r%u", TCI_FA(w), TCI_FB(w),
                TCI_FC(w), TCI_FD(w), TCI_FE(w));
        break;
    case TCI_F_RRRRRR:
        fprintf(f, "r%u, r%u, r%u, r%u, r%u, r%u", TCI_FA(w), TCI_FB(w),
                TCI_FC(w), TCI_FD(w), TCI_FE(w), TCI_FF(w));
        break;
    case TCI_F_RRI:
        fprintf(f, "r%u, r%u, %lld", TCI_FA(w), TCI_FB(w),
                (long long)TCI_IMM12(w));
        break;
    case TCI_F_SETCOND:
        fprintf(f, "r%u, r%u, r%u, %s", TCI_FA(w), TCI_FB(w), TCI_FC(w),
                tci_cond_names[TCI_FD(w)]);
        break;
    case TCI_F_SETCONDI:
        fprintf(f, "r%u, r%u, %lld, %s", TCI_FA(w), TCI_FB(w),
                (long long)TCI_IMM12(w), tci_cond_names[TCI_FC(w)]);
        break;
    case TCI_F_MOVCOND:
        fprintf(f, "r%u, r%u, r%u, r%u, r%u, %s", TCI_FA(w), TCI_FB(w),
                TCI_FC(w), TCI_FD(w), TCI_FE(w), tci_cond_names[TCI_FF(w)]);
        break;
    case TCI_F_BRCOND:
        fprintf(f, "r%u, r%u, %s, %p", TCI_FA(w), TCI_FB(w),
                tci_cond_names[TCI_FC(w)],
                (const void *)(p + 4 + (int32_t)tci_read32(p + 4)));
        len = 8;
        break;
    case TCI_F_BRCONDI:
        fprintf(f, "r%u, %lld, %s, %p", TCI_FA(w), (long long)TCI_IMM12(w),
                tci_cond_names[TCI_FC(w)],
                (const void *)(p + 4 + (int32_t)tci_read32(p + 4)));
        len = 8;
        break;
    case TCI_F_BR:
        fprintf(f, "%p", (const void *)(p + 4 + (int32_t)tci_read32(p + 4)));
        len = 8;
        break;
    case TCI_F_LDST:
        fprintf(f, "r%u, [r%u %+d]", TCI_FA(w), TCI_FB(w), (int16_t)(w >> 16));
        break;
    case TCI_F_STI32:
        fprintf(f, "[r%u %+d], %#x", TCI_FB(w), (int16_t)(w >> 16),
                tci_read32(p + 4));
        len = 8;
        break;
    case TCI_F_STI64_S32:
        fprintf(f, "[r%u %+d], %#llx", TCI_FB(w), (int16_t)(w >> 16),
                (unsigned long long)(int64_t)(int32_t)tci_read32(p + 4));
        len = 8;
        break;
    case TCI_F_STI64:
        fprintf(f, "[r%u %+d], %#llx", TCI_FB(w), (int16_t)(w >> 16),
                (unsigned long long)tci_read64(p + 4));
        len = 12;
        break;
    case TCI_F_MOVI:
        fprintf(f, "r%u, %#llx", TCI_FA(w),
                (unsigned long long)((int64_t)(int32_t)w >> 12));
        break;
    case TCI_F_MOVI_U32:
        fprintf(f, "r%u, %#x", TCI_FA(w), tci_read32(p + 4));
        len = 8;
        break;
    case TCI_F_MOVI_S32:
        fprintf(f, "r%u, %#llx", TCI_FA(w),
                (unsigned long long)(int64_t)(int32_t)tci_read32(p + 4));
        len = 8;
        break;
    case TCI_F_MOVI64:
        fprintf(f, "r%u, %#llx", TCI_FA(w),
                (unsigned long long)tci_read64(p + 4));
        len = 12;
        break;
    case TCI_F_DEPOSIT:
        fprintf(f, "r%u, r%u, r%u, pos %u, len %u", TCI_FA(w), TCI_FB(w),
                TCI_FC(w), (w >> 20) & 63, ((w >> 26) & 63) + 1);
        break;
    case TCI_F_EXTRACT:
        fprintf(f, "r%u, r%u, pos %u, len %u", TCI_FA(w), TCI_FB(w),
                (w >> 16) & 63, ((w >> 22) & 63) + 1);
        break;
    case TCI_F_EXTRACT2:
        fprintf(f, "r%u, r%u, r%u, pos %u", TCI_FA(w), TCI_FB(w), TCI_FC(w),
                (w >> 20) & 127);
        break;
    case TCI_F_QEMU:
        fprintf(f, "r%u, [r%u%s], memop %#x, mmu %u%s", TCI_FA(w), TCI_FB(w),
                (w & TCI_QEMU_ADDR32) ? " (32-bit)" : "",
                get_memop((w >> 16) & 0xfff), get_mmuidx((w >> 16) & 0xfff),
                (w & TCI_QEMU_I64) ? ", i64" : ", i32");
        break;
    case TCI_F_CALL:
        fprintf(f, "%p, %u args, %s",
                (const void *)(uintptr_t)tci_read64(p + 4),
                TCI_FB(w), (TCI_FA(w) & 3) == TCI_CALL_RET_VOID ? "void" :
                (TCI_FA(w) & 3) == TCI_CALL_RET_I32 ? "i32" : "i64");
        len = 12;
        break;
    case TCI_F_EXIT:
        fprintf(f, "%#llx", (unsigned long long)tci_read64(p + 4));
        len = 12;
        break;
    case TCI_F_GOTO_TB: {
        const uint8_t *slot =
            (const uint8_t *)(((uintptr_t)p + 4 + 7) & ~(uintptr_t)7);

        fprintf(f, "slot %p -> %p", (const void *)slot,
                (const void *)(uintptr_t)tci_read64(slot));
        len = slot + 8 - p;
        break;
    }
    }
    fputc('\n', f);
    return len;
}

void tci_disas(FILE *f, const void *code, size_t size)
{
    const uint8_t *p = code, *end = p + size;

    while (p < end) {
        p += tci_disas_one(f, p);
    }
}
