/*
 * target-i386/int_helper.c: run-time helpers of the integer instructions
 * that trans-int.c.inc does not inline: division, BCD adjustments,
 * rotates through carry, software interrupts, locked read-modify-write
 * (cmpxchg, xadd, bts/btr/btc, cmpxchg8b/16b), cpuid, the time-stamp
 * counter, rdrand, pdep/pext, crc32c and the REP MOVS/STOS bulk path.
 *
 * Most helpers leave the flags to the translator; BCD reads and writes
 * them in env->cc_src after they were materialised (CC_OP_EFLAGS).
 * Helpers that raise a fault pass GETPC(), so eip and the registers are
 * those of the faulting instruction; guest memory touched from a helper
 * is checked against the page flags first and a bad access becomes #PF
 * (SIGSEGV) with cr2, never a host fault.  Locked operations use host
 * atomics on g2h(addr): other guest threads are host threads.
 */
#include <stdbool.h>
#include <string.h>
#include <time.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "user/guest-mem.h"
#include "cpu.h"
#include "qemu/atomic-sized.h"
#include "tcg/helper-info.h"

#define P   TCG_CALL_PTR
#define I64 TCG_CALL_I64

static const uint64_t int_size_mask[4] = {
    0xff, 0xffff, 0xffffffffu, ~0ull
};

static int64_t int_sext(uint64_t v, unsigned ot)
{
    unsigned sh = 64 - (8u << ot);

    return (int64_t)(v << sh) >> sh;
}

static unsigned int_parity(uint64_t v)
{
    return __builtin_parity((uint8_t)v) ? 0 : CC_P;
}

/* ZF, SF, PF of a result of size ot. */
static uint32_t int_szp(uint64_t v, unsigned ot)
{
    uint32_t f = int_parity(v);

    v &= int_size_mask[ot];
    if (v == 0) {
        f |= CC_Z;
    }
    if (v >> ((8u << ot) - 1)) {
        f |= CC_S;
    }
    return f;
}

/* ------------------------------------------------------------ faults */

/*
 * A software interrupt (int3, int n, into): eip is already the next
 * instruction; linux-user turns it into a signal or a system call.
 */
static void helper_int_swint(CPUX86State *env, uint64_t excp, uint64_t intno,
                             uint64_t next_eip)
{
    env->error_code = intno;
    env->exception_is_int = 1;
    env->exception_next_eip = next_eip;
    env->eip = next_eip;
    cpu_raise_exception(env_cpu(env), excp, 0);
}
DEF_HELPER_INFO(int_swint, 0, TCG_CALL_VOID, 4, P, I64, I64, I64);

/* A fault at the current instruction (eip from the TB's insn data). */
static void helper_int_fault(CPUX86State *env, uint64_t excp, uint64_t err)
{
    env->error_code = err;
    env->exception_is_int = 0;
    cpu_raise_exception(env_cpu(env), excp, GETPC());
}
DEF_HELPER_INFO(int_fault, 0, TCG_CALL_VOID, 3, P, I64, I64);

static void int_page_fault(CPUX86State *env, uint64_t addr, bool write,
                           uintptr_t ra)
{
    env->cr2 = addr;
    env->error_code = (write ? 2 : 0) | 4 |
                      ((page_get_flags(addr) & PAGE_VALID) ? 1 : 0);
    env->exception_is_int = 0;
    cpu_raise_exception(env_cpu(env), EXCP0E_PAGE, ra);
}

/* Check a helper's guest access; #PF at the guest insn if it is bad. */
static void *int_access(CPUX86State *env, uint64_t addr, unsigned size,
                        int prot, uintptr_t ra)
{
    if (!page_check_range(addr, size, prot)) {
        uint64_t a = addr;
        /* report the first bad byte, as the hardware does */
        while (a < addr + size - 1 && page_check_range(a, 1, prot)) {
            a++;
        }
        int_page_fault(env, a, (prot & PAGE_WRITE) != 0, ra);
    }
    return g2h(addr);
}

/* -------------------------------------------------------------- BOUND */

/* desc = ot; idx is the register, bounds as loaded (zero-extended). */
static void helper_int_bound(CPUX86State *env, uint64_t idx, uint64_t bounds,
                             uint64_t ot)
{
    int64_t v = int_sext(idx, ot);
    int64_t lo = int_sext(bounds, ot);
    int64_t hi = int_sext(bounds >> (8u << ot), ot);

    if (v < lo || v > hi) {
        env->error_code = 0;
        env->exception_is_int = 0;
        cpu_raise_exception(env_cpu(env), EXCP05_BOUND, GETPC());
    }
}
DEF_HELPER_INFO(int_bound, 0, TCG_CALL_VOID, 4, P, I64, I64, I64);

/* ----------------------------------------------------------- division */

static void int_divide_error(CPUX86State *env, uintptr_t ra)
{
    env->error_code = 0;
    env->exception_is_int = 0;
    cpu_raise_exception(env_cpu(env), EXCP00_DIVZ, ra);
}

/*
 * DIV/IDIV: desc = ot | signed << 2.  The dividend is AX, DX:AX,
 * EDX:EAX or RDX:RAX; #DE on a zero divisor or a quotient that does
 * not fit.  The (undefined) flags are set by the translator afterwards.
 */
static void helper_int_div(CPUX86State *env, uint64_t src, uint64_t desc)
{
    unsigned ot = desc & 3;
    bool sign = desc & 4;
    unsigned bits = 8u << ot;
    uint64_t mask = int_size_mask[ot];
    uint64_t *rax = &env->regs[R_EAX], *rdx = &env->regs[R_EDX];
    unsigned __int128 n;
    uint64_t q, r;

    src &= mask;
    if (src == 0) {
        int_divide_error(env, GETPC());
    }
    /*
     * The usual case, a dividend that fits in 64 bits (always below 64-bit
     * operands; after cqo / xor rdx for them), divides in 64 bits: the
     * 128-bit library division is several times slower.
     */
    if (ot == 3 && (sign ? *rdx == (uint64_t)((int64_t)*rax >> 63)
                         : *rdx == 0)) {
        if (!sign) {
            q = *rax / src;
            r = *rax % src;
        } else if ((int64_t)src == -1) {
            if (*rax == 1ull << 63) {
                int_divide_error(env, GETPC());
            }
            q = -*rax;
            r = 0;
        } else {
            q = (uint64_t)((int64_t)*rax / (int64_t)src);
            r = (uint64_t)((int64_t)*rax % (int64_t)src);
        }
        *rax = q;
        *rdx = r;
        return;
    }
    if (ot < 3) {
        /* the dividend has at most 64 bits: 64-bit arithmetic suffices */
        uint64_t n64 = ot == 0 ? *rax & 0xffff
                     : ((*rdx & mask) << bits) | (*rax & mask);

        if (!sign) {
            q = n64 / src;
            r = n64 % src;
            if (q > mask) {
                int_divide_error(env, GETPC());
            }
        } else {
            unsigned sh = 64 - 2 * bits;
            int64_t sn = (int64_t)(n64 << sh) >> sh;
            int64_t d = (int64_t)(src << (64 - bits)) >> (64 - bits);
            int64_t sq, lim = (int64_t)(mask >> 1);

            if (d == -1 && sn == INT64_MIN) {
                int_divide_error(env, GETPC());
            }
            sq = sn / d;
            if (sq > lim || sq < -lim - 1) {
                int_divide_error(env, GETPC());
            }
            q = (uint64_t)sq & mask;
            r = (uint64_t)(sn % d) & mask;
        }
        goto store;
    }
    if (ot == 0) {
        n = *rax & 0xffff;
    } else if (ot == 3) {
        n = ((unsigned __int128)*rdx << 64) | *rax;
    } else {
        n = ((uint64_t)(*rdx & mask) << bits) | (*rax & mask);
    }
    if (!sign) {
        unsigned __int128 uq = n / src;
        if (uq > mask) {
            int_divide_error(env, GETPC());
        }
        q = (uint64_t)uq;
        r = (uint64_t)(n % src);
    } else {
        __int128 sn, sq, sr;
        __int128 d = int_sext(src, ot);
        if (ot == 3) {
            sn = (__int128)n;
        } else {
            /* sign-extend the 2*bits dividend */
            unsigned sh = 128 - 2 * bits;
            sn = (__int128)(n << sh) >> sh;
        }
        if (ot == 3 && d == -1 && (unsigned __int128)sn == (unsigned __int128)1 << 127) {
            int_divide_error(env, GETPC());
        }
        sq = sn / d;
        sr = sn % d;
        if (sq > (__int128)(mask >> 1) || sq < -(__int128)(mask >> 1) - 1) {
            int_divide_error(env, GETPC());
        }
        q = (uint64_t)sq & mask;
        r = (uint64_t)sr & mask;
    }
store:
    switch (ot) {
    case 0:
        *rax = (*rax & ~0xffffull) | (r << 8) | q;
        break;
    case 1:
        *rax = (*rax & ~0xffffull) | q;
        *rdx = (*rdx & ~0xffffull) | r;
        break;
    default:
        *rax = q;
        *rdx = r;
        break;
    }
}
DEF_HELPER_INFO(int_div, 0, TCG_CALL_VOID, 3, P, I64, I64);

/* ---------------------------------------------------------------- BCD */

enum { INT_DAA, INT_DAS, INT_AAA, INT_AAS, INT_AAM, INT_AAD };

/*
 * desc = op | imm8 << 8 (the base of AAM/AAD).  Flags in and out in
 * env->cc_src.  The flags the manuals leave undefined follow x86-64
 * hardware (checked against every AL/AH/CF/AF input on the host):
 * DAA/DAS set OF from the sign change of the adjustment and CF also
 * from a carry/borrow of the +-6 step; AAA/AAS set only CF=AF and PF
 * of AL+-6 (or of AL when no adjustment); AAD gives the flags of the
 * 8-bit addition AL + AH*base; AAM those of the new AL (logic).
 */
static void helper_int_bcd(CPUX86State *env, uint64_t desc)
{
    unsigned op = desc & 0xff, base = (desc >> 8) & 0xff;
    uint64_t *rax = &env->regs[R_EAX];
    uint32_t fl = env->cc_src;
    unsigned al = *rax & 0xff, ah = (*rax >> 8) & 0xff;
    bool cf = fl & CC_C, af = fl & CC_A;
    uint32_t out = 0;

    switch (op) {
    case INT_DAA:
    case INT_DAS: {
        bool new_cf = false, new_af = false;
        int t = al;
        if ((al & 0xf) > 9 || af) {
            t = op == INT_DAA ? t + 6 : t - 6;
            new_af = true;
            new_cf = t < 0 || t > 0xff;
        }
        if (al > 0x99 || cf) {
            t = op == INT_DAA ? t + 0x60 : t - 0x60;
            new_cf = true;
        }
        t &= 0xff;
        out = int_szp(t, 0) | (new_cf ? CC_C : 0) | (new_af ? CC_A : 0);
        if (op == INT_DAA ? (!(al & 0x80) && (t & 0x80))
                          : ((al & 0x80) && !(t & 0x80))) {
            out |= CC_O;
        }
        *rax = (*rax & ~0xffull) | (unsigned)t;
        break;
    }
    case INT_AAA:
    case INT_AAS: {
        unsigned ax = al | (ah << 8);
        if ((al & 0xf) > 9 || af) {
            out = CC_A | CC_C |
                  int_parity(op == INT_AAA ? al + 6 : al - 6);
            ax = op == INT_AAA ? ax + 0x106 : ax - 0x106;
        } else {
            out = int_parity(al);
        }
        ax &= 0xff0f;
        *rax = (*rax & ~0xffffull) | ax;
        break;
    }
    case INT_AAM:
        if (base == 0) {
            int_divide_error(env, GETPC());
        }
        ah = al / base;
        al = al % base;
        out = int_szp(al, 0);
        *rax = (*rax & ~0xffffull) | (ah << 8) | al;
        break;
    default: { /* AAD: the flags of al + (ah * base) as a byte add */
        unsigned m = (ah * base) & 0xff, r = (al + m) & 0xff;
        out = int_szp(r, 0) | (al + m > 0xff ? CC_C : 0) |
              ((al ^ m ^ r) & CC_A);
        if (~(al ^ m) & (al ^ r) & 0x80) {
            out |= CC_O;
        }
        *rax = (*rax & ~0xffffull) | r;
        break;
    }
    }
    env->cc_src = out;
}
DEF_HELPER_INFO(int_bcd, 0, TCG_CALL_VOID, 2, P, I64);

/* ------------------------------------------------ rotates through CF */

/*
 * RCL/RCR: desc = ot | right << 2 | CF in << 3.  The count is masked to
 * 5 bits (6 for 64-bit) and taken modulo size + 1 for 8/16 bits.
 * Returns the result; *flags gets CF | OF (CC_* bits), or -1 when the
 * masked count is 0 and the flags stay as they are.
 */
static uint64_t int_rcx(uint64_t val, uint64_t count, uint64_t desc,
                        uint64_t *flags)
{
    unsigned ot = desc & 3;
    bool right = desc & 4;
    unsigned bits = 8u << ot;
    uint64_t mask = int_size_mask[ot];
    uint64_t cf = (desc >> 3) & 1;
    unsigned n = count & (ot == 3 ? 63 : 31);
    unsigned i;
    uint64_t msb;

    if (n == 0) {
        *flags = -1;
        return val;
    }
    if (ot < 2) {
        n %= bits + 1;
    }
    val &= mask;
    for (i = 0; i < n; i++) {
        if (right) {
            uint64_t out = val & 1;
            val = (val >> 1) | (cf << (bits - 1));
            cf = out;
        } else {
            uint64_t out = (val >> (bits - 1)) & 1;
            val = ((val << 1) & mask) | cf;
            cf = out;
        }
    }
    msb = (val >> (bits - 1)) & 1;
    *flags = cf ? CC_C : 0;
    if (right) {
        *flags |= (msb ^ ((val >> (bits - 2)) & 1)) ? CC_O : 0;
    } else {
        *flags |= (msb ^ cf) ? CC_O : 0;
    }
    return val;
}

static uint64_t helper_int_rcx(uint64_t val, uint64_t count, uint64_t desc)
{
    uint64_t f;

    return int_rcx(val, count, desc, &f);
}
DEF_HELPER_INFO(int_rcx, TCG_CALL_NO_RWG_SE, I64, 3, I64, I64, I64);

static uint64_t helper_int_rcx_flags(uint64_t val, uint64_t count,
                                     uint64_t desc)
{
    uint64_t f;

    int_rcx(val, count, desc, &f);
    return f;
}
DEF_HELPER_INFO(int_rcx_flags, TCG_CALL_NO_RWG_SE, I64, 3, I64, I64, I64);

/* ------------------------------------------------------------ atomics */


static uint64_t int_atomic_load(void *p, unsigned ot)
{
    switch (ot) {
    case 0: return __atomic_load_n((uint8_t *)p, __ATOMIC_RELAXED);
    case 1: return __atomic_load_n((uint16_t *)p, __ATOMIC_RELAXED);
    case 2: return __atomic_load_n((uint32_t *)p, __ATOMIC_RELAXED);
    default: return __atomic_load_n((uint64_t *)p, __ATOMIC_RELAXED);
    }
}

/* CMPXCHG: returns the old value; memory is written in any case (as the
 * hardware does: the old value is stored back on failure). */
static uint64_t helper_int_cmpxchg(CPUX86State *env, uint64_t addr,
                                   uint64_t cmp, uint64_t new, uint64_t ot)
{
    uint64_t mask = int_size_mask[ot & 3];
    void *p = int_access(env, addr, 1u << (ot & 3), PAGE_READ | PAGE_WRITE,
                         GETPC());
    uint64_t expected = cmp & mask;

    atomic_cmpxchg_sized(p, ot & 3, &expected, new & mask);
    return expected & mask;
}
DEF_HELPER_INFO(int_cmpxchg, 0, I64, 5, P, I64, I64, I64, I64);

enum { INT_RMW_ADD, INT_RMW_OR, INT_RMW_AND, INT_RMW_XOR };

/* XADD and LOCK BTS/BTR/BTC: desc = ot | kind << 2; returns the old value. */
static uint64_t helper_int_rmw(CPUX86State *env, uint64_t addr, uint64_t val,
                               uint64_t desc)
{
    unsigned ot = desc & 3, kind = desc >> 2;
    uint64_t mask = int_size_mask[ot];
    void *p = int_access(env, addr, 1u << ot, PAGE_READ | PAGE_WRITE, GETPC());
    uint64_t old = int_atomic_load(p, ot), new;

    do {
        switch (kind) {
        case INT_RMW_ADD: new = old + val; break;
        case INT_RMW_OR: new = old | val; break;
        case INT_RMW_AND: new = old & val; break;
        default: new = old ^ val; break;
        }
    } while (!atomic_cmpxchg_sized(p, ot, &old, new & mask));
    return old & mask;
}
DEF_HELPER_INFO(int_rmw, 0, I64, 4, P, I64, I64, I64);

/*
 * CMPXCHG8B (wide = 0) / CMPXCHG16B (wide = 1): EDX:EAX against memory,
 * ECX:EBX stored on success; returns ZF (1 = stored).
 */
static uint64_t helper_int_cmpxchg_wide(CPUX86State *env, uint64_t addr,
                                    uint64_t wide)
{
    uint64_t *r = env->regs;
    bool ok;

    if (wide) {
        uint64_t lo = r[R_EAX], hi = r[R_EDX];
        void *p;
        if (addr & 15) {
            env->error_code = 0;
            env->exception_is_int = 0;
            cpu_raise_exception(env_cpu(env), EXCP0D_GPF, GETPC());
        }
        p = int_access(env, addr, 16, PAGE_READ | PAGE_WRITE, GETPC());
        ok = atomic_cmpxchg16(p, &lo, &hi, r[R_EBX], r[R_ECX]);
        if (!ok) {
            r[R_EAX] = lo;
            r[R_EDX] = hi;
        }
    } else {
        uint64_t e = (uint32_t)r[R_EAX] | (r[R_EDX] << 32);
        void *p = int_access(env, addr, 8, PAGE_READ | PAGE_WRITE, GETPC());
        ok = atomic_cmpxchg_sized(p, 3, &e,
                                  (uint32_t)r[R_EBX] | (r[R_ECX] << 32));
        if (!ok) {
            /* a 32-bit write zero-extends in 64-bit mode; harmless in
             * 32-bit mode, where the upper halves are always zero */
            r[R_EAX] = (uint32_t)e;
            r[R_EDX] = e >> 32;
        }
    }
    return ok;
}
DEF_HELPER_INFO(int_cmpxchg_wide, 0, I64, 3, P, I64, I64);

/* ------------------------------------------------------ cpuid, counters */

static void helper_int_cpuid(CPUX86State *env)
{
    uint32_t a, b, c, d;

    cpu_x86_cpuid(env, env->regs[R_EAX], env->regs[R_ECX], &a, &b, &c, &d);
    env->regs[R_EAX] = a;
    env->regs[R_EBX] = b;
    env->regs[R_ECX] = c;
    env->regs[R_EDX] = d;
}
DEF_HELPER_INFO(int_cpuid, 0, TCG_CALL_VOID, 1, P);

/* The time-stamp counter: the host's (or nanoseconds on other hosts). */
static uint64_t helper_int_rdtsc(void)
{
#if defined(__x86_64__) || defined(__i386__)
    return __builtin_ia32_rdtsc();
#else
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
#endif
}
DEF_HELPER_INFO(int_rdtsc, TCG_CALL_NO_RWG, I64, 0, 0);

/* RDRAND / RDSEED: host randomness (never fails, so CF = 1). */
static uint64_t helper_int_rdrand(void)
{
    uint64_t v = 0;

    while (getrandom(&v, sizeof(v), 0) != (ssize_t)sizeof(v)) {
        /* interrupted: try again */
    }
    return v;
}
DEF_HELPER_INFO(int_rdrand, TCG_CALL_NO_RWG, I64, 0, 0);

/* TSC_AUX (rdtscp, rdpid): Linux keeps node << 12 | cpu there. */
static uint64_t helper_int_tsc_aux(void)
{
    unsigned cpu = 0, node = 0;

    if (syscall(SYS_getcpu, &cpu, &node, NULL) != 0) {
        return 0;
    }
    return ((uint64_t)(node & 0xfffff) << 12) | (cpu & 0xfff);
}
DEF_HELPER_INFO(int_tsc_aux, TCG_CALL_NO_RWG, I64, 0, 0);

/* XGETBV: ECX selects the register; only XCR0 exists. */
static void helper_int_xgetbv(CPUX86State *env)
{
    if ((uint32_t)env->regs[R_ECX] != 0) {
        env->error_code = 0;
        env->exception_is_int = 0;
        cpu_raise_exception(env_cpu(env), EXCP0D_GPF, GETPC());
    }
    env->regs[R_EAX] = (uint32_t)env->xcr0;
    env->regs[R_EDX] = env->xcr0 >> 32;
}
DEF_HELPER_INFO(int_xgetbv, 0, TCG_CALL_VOID, 1, P);

/* ------------------------------------------------------ BMI2, CRC32C */

static uint64_t helper_int_pdep(uint64_t src, uint64_t mask)
{
    uint64_t r = 0, bit;

    for (bit = 1; mask; bit <<= 1) {
        uint64_t low = mask & -mask;
        if (src & bit) {
            r |= low;
        }
        mask &= mask - 1;
    }
    return r;
}
DEF_HELPER_INFO(int_pdep, TCG_CALL_NO_RWG_SE, I64, 2, I64, I64);

static uint64_t helper_int_pext(uint64_t src, uint64_t mask)
{
    uint64_t r = 0, bit;

    for (bit = 1; mask; bit <<= 1) {
        uint64_t low = mask & -mask;
        if (src & low) {
            r |= bit;
        }
        mask &= mask - 1;
    }
    return r;
}
DEF_HELPER_INFO(int_pext, TCG_CALL_NO_RWG_SE, I64, 2, I64, I64);

/* CRC32 (SSE4.2): the Castagnoli polynomial, bit-reflected. */
static uint64_t helper_int_crc32c(uint64_t acc, uint64_t val, uint64_t bytes)
{
    uint32_t crc = acc;
    unsigned i, b;

    for (i = 0; i < bytes; i++) {
        crc ^= (uint8_t)(val >> (i * 8));
        for (b = 0; b < 8; b++) {
            crc = (crc >> 1) ^ ((crc & 1) ? 0x82f63b78u : 0);
        }
    }
    return crc;
}
DEF_HELPER_INFO(int_crc32c, TCG_CALL_NO_RWG_SE, I64, 3, I64, I64, I64);

/* -------------------------------------------------- REP MOVS / STOS */

/* At most this many elements per call: the loop comes back through the
 * TB entry (and its exit check) between calls. */
#define INT_REP_CHUNK 4096

static uint64_t int_guest_page_left(uint64_t addr, unsigned step_log,
                                    int dir)
{
    uint64_t page = 4096;   /* checked per 4 KiB, whatever the host page */
    uint64_t in_page = dir > 0 ? page - (addr & (page - 1))
                               : (addr & (page - 1)) + 1;

    return in_page >> step_log;
}

/*
 * REP MOVS (movs = 1) or REP STOS (movs = 0), flat segments only (the
 * translator uses this path when no segment base applies except FS/GS
 * through an override, given as src_base).  desc = ot | aflag << 2 |
 * movs << 4.  Copies element by element in the direction of DF (so
 * overlapping moves replicate like the hardware), updating rCX/rSI/rDI
 * as it goes; stops at INT_REP_CHUNK elements or rCX = 0.  Returns the
 * remaining count (0 = done).  Faults are precise: the registers show
 * the completed elements.
 */
static uint64_t helper_int_rep_movs(CPUX86State *env, uint64_t src_base,
                                    uint64_t desc)
{
    unsigned ot = desc & 3, af = (desc >> 2) & 3;
    bool movs = (desc >> 4) & 1;
    uint64_t amask = int_size_mask[af];
    unsigned size = 1u << ot;
    int dir = env->df;
    int64_t step = dir * (int64_t)size;
    uint64_t *r = env->regs;
    uint64_t cnt = r[R_ECX] & amask;
    uint64_t budget = INT_REP_CHUNK;
    uint64_t val = r[R_EAX];

    while (cnt && budget) {
        uint64_t di = r[R_EDI] & amask, si = r[R_ESI] & amask;
        uint64_t n = cnt < budget ? cnt : budget;
        uint64_t room = int_guest_page_left(di, ot, dir), i;
        uint8_t *d, *sp = NULL;

        /* Whole elements on the first element's page (which int_access
         * checks below, straddling bytes included); at least one. */
        if (room == 0) {
            room = 1;
        }
        if (movs) {
            uint64_t sroom = int_guest_page_left(src_base + si, ot, dir);
            if (sroom == 0) {
                sroom = 1;
            }
            room = room < sroom ? room : sroom;
        }
        n = n < room ? n : room;
        /* a 16/32-bit index must not wrap inside one batch */
        if (af < 3) {
            uint64_t lim = dir > 0 ? (amask - di) / size + 1 : di / size + 1;
            if (movs) {
                uint64_t l2 = dir > 0 ? (amask - si) / size + 1
                                      : si / size + 1;
                lim = lim < l2 ? lim : l2;
            }
            n = n < lim ? n : lim;
        }
        if (movs) {
            int_access(env, src_base + si, size, PAGE_READ, GETPC());
        }
        d = int_access(env, di, size, PAGE_WRITE, GETPC());
        if (movs) {
            sp = g2h(src_base + si);
        }
        /*
         * Non-overlapping ranges, or overlap in the direction memmove
         * copies, give the same bytes as the element-by-element copy;
         * only a forward copy into the source's tail (which replicates a
         * pattern) needs the loop.
         */
        if (movs) {
            uint64_t len = n * size;
            uint8_t *dlo = dir > 0 ? d : d - (len - size);
            uint8_t *slo = dir > 0 ? sp : sp - (len - size);

            if (dlo + len <= slo || slo + len <= dlo ||
                (dir > 0 ? dlo < slo : dlo > slo)) {
                memmove(dlo, slo, len);
                i = n;
            } else {
                i = 0;
            }
        } else if (size == 1) {
            memset(dir > 0 ? d : d - (n - 1), (uint8_t)val, n);
            i = n;
        } else {
            i = 0;
        }
        if (i == n) {
            d += n * step;
        }
        for (; i < n; i++) {
            if (movs) {
                switch (ot) {
                case 0: *d = *sp; break;
                case 1: memcpy(d, sp, 2); break;
                case 2: memcpy(d, sp, 4); break;
                default: memcpy(d, sp, 8); break;
                }
                sp += step;
            } else {
                unsigned k;
                for (k = 0; k < size; k++) {
                    d[k] = val >> (8 * k);   /* little-endian guest */
                }
            }
            d += step;
        }
        cnt -= n;
        budget -= n;
        /* write back with the address size (16-bit keeps the rest) */
        if (af == 1) {
            r[R_EDI] = (r[R_EDI] & ~0xffffull) | ((di + n * step) & 0xffff);
            r[R_ECX] = (r[R_ECX] & ~0xffffull) | cnt;
            if (movs) {
                r[R_ESI] = (r[R_ESI] & ~0xffffull) |
                           ((si + n * step) & 0xffff);
            }
        } else {
            r[R_EDI] = (di + n * step) & amask;
            r[R_ECX] = cnt;
            if (movs) {
                r[R_ESI] = (si + n * step) & amask;
            }
        }
    }
    return cnt;
}
DEF_HELPER_INFO(int_rep_movs, 0, I64, 3, P, I64, I64);
