/*
 * target-i386/translate.c: the x86 translator core (IA-32 and x86-64 at
 * CPL 3): the TB loop, instruction fetch, prefix/REX/VEX and ModRM
 * decoding, the lazy flags, and the common integer instructions.
 *
 * One-byte and 0F-map opcodes are dispatched through 256-entry tables of
 * handlers; whatever has no handler here goes to the other parts
 * (trans-int, trans-x87, trans-sse-*), #included at the bottom so they
 * share this file's statics.  See translate.h for the contract.
 *
 * Lazy flags: cc_op is tracked at translation time (s->cc_op) and only
 * written to env at TB ends, before helpers and (through the second
 * insn_start word) recovered on faults.  A compare followed by a
 * conditional becomes one host compare on the saved operands.
 */
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "exec/translator.h"
#include "user/guest-mem.h"
#include "translate.h"

/* ------------------------------------------------------------- globals */

TCGv_i64 cpu_regs[16];
TCGv_i64 cpu_eip;
TCGv_i64 cpu_cc_dst, cpu_cc_src, cpu_cc_src2;
TCGv_i32 cpu_cc_op;
TCGv_i32 cpu_df;
TCGv_i64 cpu_seg_base[6];

/* Helpers of cc_helper.c and misc_helper.c. */
extern const TCGHelperInfo helper_info_cc_compute_all;
extern const TCGHelperInfo helper_info_cc_compute_c;
extern const TCGHelperInfo helper_info_cc_read_eflags;
extern const TCGHelperInfo helper_info_cc_write_eflags;
extern const TCGHelperInfo helper_info_misc_raise_exception;
extern const TCGHelperInfo helper_info_misc_atomic_rmw;
extern const TCGHelperInfo helper_info_misc_check_seg;

/* The atomic read-modify-write operations of misc_helper.c (desc bits 3+). */
enum { X86_RMW_ADD, X86_RMW_SUB, X86_RMW_AND, X86_RMW_OR, X86_RMW_XOR,
       X86_RMW_XCHG, X86_RMW_NEG };

/* TB ends of this file: eip stored in cpu_eip, look the next TB up. */
#define DISAS_JUMP (DISAS_TARGET_0 + 1)

void x86_translate_init(void)
{
    static const char reg_names[16][4] = {
        "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
    };
    static const char seg_names[6][8] = {
        "es_base", "cs_base", "ss_base", "ds_base", "fs_base", "gs_base",
    };
    int i;

    for (i = 0; i < 16; i++) {
        cpu_regs[i] = tcg_global_mem_new_i64(
            tcg_env(), offsetof(CPUX86State, regs[i]), reg_names[i]);
    }
    for (i = 0; i < 6; i++) {
        cpu_seg_base[i] = tcg_global_mem_new_i64(
            tcg_env(), offsetof(CPUX86State, segs[i].base), seg_names[i]);
    }
    cpu_eip = tcg_global_mem_new_i64(tcg_env(), offsetof(CPUX86State, eip),
                                     "eip");
    cpu_cc_dst = tcg_global_mem_new_i64(tcg_env(),
                                        offsetof(CPUX86State, cc_dst), "cc_dst");
    cpu_cc_src = tcg_global_mem_new_i64(tcg_env(),
                                        offsetof(CPUX86State, cc_src), "cc_src");
    cpu_cc_src2 = tcg_global_mem_new_i64(tcg_env(),
                                         offsetof(CPUX86State, cc_src2),
                                         "cc_src2");
    cpu_cc_op = tcg_global_mem_new_i32(tcg_env(),
                                       offsetof(CPUX86State, cc_op), "cc_op");
    cpu_df = tcg_global_mem_new_i32(tcg_env(), offsetof(CPUX86State, df),
                                    "df");
}

/* ---------------------------------------------------------- helpers */

void gen_helper_call(const TCGHelperInfo *info, TCGTemp *ret, int n, ...)
{
    TCGTemp *args[TCG_MAX_HELPER_ARGS];
    va_list ap;
    int i;

    va_start(ap, n);
    for (i = 0; i < n; i++) {
        args[i] = va_arg(ap, TCGTemp *);
    }
    va_end(ap);
    tcg_gen_call(info, ret, args);
}

/* ----------------------------------------------------------- fetching */

/* Why a fetch failed, for the exception translate_insn raises. */
static uint64_t x86_fetch_fault_addr;
static uint64_t x86_fetch_end;          /* one past the last byte touched */

enum { X86_FETCH_PF = 1, X86_FETCH_TOO_LONG = 2 };

/*
 * Fetch len bytes at s->pc, byte by byte so that every page touched is
 * checked for PAGE_EXEC, even when the address wraps (4G in 32-bit mode,
 * 2^64 otherwise).
 */
static uint64_t x86_fetch(DisasContext *s, int len)
{
    uint64_t v = 0, checked_page = -1;
    int i;

    if (s->pc + len - s->pc_start > 15) {
        x86_fetch_end = s->pc_start + 15;
        siglongjmp(s->fetch_fail, X86_FETCH_TOO_LONG);
    }
    for (i = 0; i < len; i++) {
        uint64_t a = s->pc + i;

        if (!s->code64) {
            a = (uint32_t)a;
        }
        if ((a & ~(uint64_t)0xfff) != checked_page) {
            if (!(page_get_flags(a) & PAGE_EXEC)) {
                x86_fetch_fault_addr = a;
                x86_fetch_end = s->pc + i + 1;
                siglongjmp(s->fetch_fail, X86_FETCH_PF);
            }
            checked_page = a & ~(uint64_t)0xfff;
        }
        v |= (uint64_t)*(const uint8_t *)g2h(a) << (8 * i);
    }
    s->pc += len;
    if (s->pc > x86_fetch_end) {
        x86_fetch_end = s->pc;
    }
    return v;
}

uint8_t x86_ldub_code(DisasContext *s)
{
    return x86_fetch(s, 1);
}

uint16_t x86_lduw_code(DisasContext *s)
{
    return x86_fetch(s, 2);
}

uint32_t x86_ldl_code(DisasContext *s)
{
    return x86_fetch(s, 4);
}

uint64_t x86_ldq_code(DisasContext *s)
{
    return x86_fetch(s, 8);
}

/* The next byte without consuming it (ModRM of delegated groups). */
static int x86_peek_byte(DisasContext *s)
{
    int b = x86_ldub_code(s);

    s->pc--;
    return b;
}

/* The code byte at linear address a, or -1 when it cannot be read
 * without a fault (peeking past the instruction must never fault). */
static int x86_code_byte_at(uint64_t a)
{
    if (!(page_get_flags(a) & PAGE_EXEC)) {
        return -1;
    }
    return *(const uint8_t *)g2h(a);
}

/*
 * One step of the look-ahead below: the instruction at *a is a flags
 * "killer" (writes all six without reading any), "neutral" (register
 * only: touches no flag, or only CF/OF like a rotate, and cannot fault),
 * or neither.  On neutral, *a moves past it.
 */
enum { X86_LA_OTHER, X86_LA_NEUTRAL, X86_LA_KILL, X86_LA_ROT };

static int x86_lookahead_step(DisasContext *s, uint64_t *a)
{
    uint64_t p = *a;
    bool rexw = false;
    int b, modrm, i, grp;

    for (i = 0; i < 3; i++) {
        b = x86_code_byte_at(p);
        if (b == 0x66) {
            /* operand size does not change which flags are written */
        } else if (s->code64 && (b & 0xf0) == 0x40) {
            rexw = (b & 8) != 0;
        } else {
            break;
        }
        p++;
    }
    b = x86_code_byte_at(p);
    modrm = x86_code_byte_at(p + 1);
    if (b < 0) {
        return X86_LA_OTHER;
    }
    /* add/or/and/sub/xor/cmp (not adc/sbb): accumulator forms, or ModRM
     * forms on registers */
    if (b < 0x40 && (b & 7) < 6 && ((b >> 3) & 7) != 2 &&
        ((b >> 3) & 7) != 3) {
        return (b & 7) >= 4 || (modrm >= 0 && modrm_is_reg(modrm))
               ? X86_LA_KILL : X86_LA_OTHER;
    }
    if (modrm < 0 || !modrm_is_reg(modrm)) {
        return b == 0xa8 || b == 0xa9 ? X86_LA_KILL : X86_LA_OTHER;
    }
    grp = (modrm >> 3) & 7;
    switch (b) {
    case 0x80: case 0x81: case 0x83:
        return grp != 2 && grp != 3 ? X86_LA_KILL : X86_LA_OTHER;
    case 0x84: case 0x85:
        return X86_LA_KILL;
    case 0x89: case 0x8b:                     /* mov r, r */
        *a = p + 2;
        return X86_LA_NEUTRAL;
    case 0xc1: case 0xd1: {                   /* shift group, by imm / 1 */
        int cnt = b == 0xd1 ? 1 : x86_code_byte_at(p + 2);
        if (cnt < 0) {
            return X86_LA_OTHER;
        }
        cnt &= rexw ? 63 : 31;
        if (grp == 0 || grp == 1) {           /* rol/ror: CF and OF only */
            *a = p + (b == 0xd1 ? 2 : 3);
            return cnt ? X86_LA_ROT : X86_LA_NEUTRAL;
        }
        return (grp == 4 || grp == 5 || grp == 7) && cnt ? X86_LA_KILL
                                                         : X86_LA_OTHER;
    }
    default:
        break;
    }
    return X86_LA_OTHER;
}

/*
 * Are this instruction's flag results dead?  True when, in this TB and
 * without an instruction that could fault (and so show the flags to a
 * signal handler) in between, a later instruction overwrites all six
 * arithmetic flags before any is read (with rot_kills, a register rotate
 * by a non-zero constant counts too).  Rotates use it: hashing code
 * rotates a lot and almost never reads their CF/OF.
 */
static bool x86_lookahead_kills(DisasContext *s, bool rot_kills)
{
    uint64_t a = s->pc;
    unsigned page_bits = 12;
    int n;

    if (s->base.num_insns >= s->base.max_insns || tcg_temps_nearly_full()) {
        return false;
    }
    for (n = 0; n < 8; n++) {
        /* stay on the TB's page: the loop translates these next */
        if ((a >> page_bits) != (s->base.pc_first >> page_bits) ||
            s->base.num_insns + n >= s->base.max_insns) {
            return false;
        }
        switch (x86_lookahead_step(s, &a)) {
        case X86_LA_KILL:
            return true;
        case X86_LA_ROT:
            if (rot_kills) {
                return true;
            }
            break;
        case X86_LA_NEUTRAL:
            break;
        default:
            return false;
        }
    }
    return false;
}

bool x86_next_insn_sets_flags(DisasContext *s)
{
    return x86_lookahead_kills(s, false);
}

/*
 * Are this rotate's CF/OF dead?  Like x86_next_insn_sets_flags, but a
 * later register rotate by a non-zero constant also overwrites them (a
 * rotate changes only CF and OF, so the other four still come from the
 * op before either rotate).  SHA-256's "ror; ror; xor" records nothing
 * for the first rotate.
 */
static bool x86_next_insn_sets_cf_of(DisasContext *s)
{
    return x86_lookahead_kills(s, true);
}

int64_t insn_get_signed(DisasContext *s, MemOp ot)
{
    switch (ot & MO_SIZE) {
    case MO_8:
        return (int8_t)x86_ldub_code(s);
    case MO_16:
        return (int16_t)x86_lduw_code(s);
    default:
        return (int32_t)x86_ldl_code(s);
    }
}

/* MO_64 is an Iz operand too: 4 bytes (mov r64, imm64 reads 8 itself). */
uint64_t insn_get(DisasContext *s, MemOp ot)
{
    switch (ot & MO_SIZE) {
    case MO_8:
        return x86_ldub_code(s);
    case MO_16:
        return x86_lduw_code(s);
    default:
        return x86_ldl_code(s);
    }
}

/* Bytes of an immediate of size ot (for rip_offset). */
static int x86_imm_size(MemOp ot)
{
    return ot == MO_8 ? 1 : ot == MO_16 ? 2 : 4;
}

/* ---------------------------------------------------------- registers */

static bool x86_byte_reg_is_high(DisasContext *s, int reg)
{
    return reg >= 4 && reg < 8 && !(s->prefix & PREFIX_REX);
}

void gen_op_mov_v_reg(DisasContext *s, MemOp ot, TCGv_i64 t, int reg)
{
    switch (ot & MO_SIZE) {
    case MO_8:
        if (x86_byte_reg_is_high(s, reg)) {
            tcg_gen_extract_i64(t, cpu_regs[reg - 4], 8, 8);
        } else {
            tcg_gen_ext8u_i64(t, cpu_regs[reg]);
        }
        break;
    case MO_16:
        tcg_gen_ext16u_i64(t, cpu_regs[reg]);
        break;
    case MO_32:
        tcg_gen_ext32u_i64(t, cpu_regs[reg]);
        break;
    default:
        tcg_gen_mov_i64(t, cpu_regs[reg]);
        break;
    }
}

void gen_op_mov_reg_v(DisasContext *s, MemOp ot, int reg, TCGv_i64 t)
{
    switch (ot & MO_SIZE) {
    case MO_8:
        if (x86_byte_reg_is_high(s, reg)) {
            tcg_gen_deposit_i64(cpu_regs[reg - 4], cpu_regs[reg - 4], t, 8, 8);
        } else {
            tcg_gen_deposit_i64(cpu_regs[reg], cpu_regs[reg], t, 0, 8);
        }
        break;
    case MO_16:
        tcg_gen_deposit_i64(cpu_regs[reg], cpu_regs[reg], t, 0, 16);
        break;
    case MO_32:
        tcg_gen_ext32u_i64(cpu_regs[reg], t);
        break;
    default:
        tcg_gen_mov_i64(cpu_regs[reg], t);
        break;
    }
}

/*
 * t = register operand of size ot, with whatever is above it: for
 * operations whose low ot bits depend only on the operands' low bits
 * (add, logic, inc, neg...), whose results are truncated when written
 * and whose flags are computed from the low bits.
 */
static void x86_reg_operand(DisasContext *s, MemOp ot, TCGv_i64 t, int reg)
{
    if (ot == MO_8 && x86_byte_reg_is_high(s, reg)) {
        tcg_gen_shri_i64(t, cpu_regs[reg - 4], 8);
    } else {
        tcg_gen_mov_i64(t, cpu_regs[reg]);
    }
}

/* dst = src extended from size ot (sign or zero). */
static void x86_ext(TCGv_i64 dst, TCGv_i64 src, MemOp ot, bool sign)
{
    switch (ot & MO_SIZE) {
    case MO_8:
        sign ? tcg_gen_ext8s_i64(dst, src) : tcg_gen_ext8u_i64(dst, src);
        break;
    case MO_16:
        sign ? tcg_gen_ext16s_i64(dst, src) : tcg_gen_ext16u_i64(dst, src);
        break;
    case MO_32:
        sign ? tcg_gen_ext32s_i64(dst, src) : tcg_gen_ext32u_i64(dst, src);
        break;
    default:
        tcg_gen_mov_i64(dst, src);
        break;
    }
}

/* A fresh temp holding src extended from ot. */
static TCGv_i64 x86_ext_new(TCGv_i64 src, MemOp ot, bool sign)
{
    TCGv_i64 t = tcg_temp_new_i64();

    x86_ext(t, src, ot, sign);
    return t;
}

/* ------------------------------------------------------------ memory */

void gen_op_ld_v(DisasContext *s, MemOp ot, TCGv_i64 t, TCGv_i64 a0)
{
    tcg_gen_qemu_ld_i64(t, T64(a0), MMU_USER_IDX, ot | MO_LE);
}

void gen_op_st_v(DisasContext *s, MemOp ot, TCGv_i64 t, TCGv_i64 a0)
{
    tcg_gen_qemu_st_i64(t, T64(a0), MMU_USER_IDX, ot | MO_LE);
}

/* Truncate an offset to the address size. */
static void x86_trunc_addr(DisasContext *s, TCGv_i64 dst, TCGv_i64 src,
                           MemOp aflag)
{
    if (aflag == MO_16) {
        tcg_gen_ext16u_i64(dst, src);
    } else if (aflag == MO_32) {
        tcg_gen_ext32u_i64(dst, src);
    } else if (dst != src) {
        tcg_gen_mov_i64(dst, src);
    }
}

void gen_lea_seg(DisasContext *s, TCGv_i64 dst, TCGv_i64 offset,
                 int def_seg, int ovr_seg)
{
    int seg = ovr_seg >= 0 ? ovr_seg : def_seg;

    x86_trunc_addr(s, dst, offset, s->aflag);
    if (s->flags & (1u << (HF_SEGCHK_SHIFT + seg))) {
        /* a null or short segment: check the offset at run time */
        gen_helper_call(&helper_info_misc_check_seg, NULL, 3, TENV,
                        CONST64(seg), T64(dst));
    }
    if (s->code64) {
        if (seg == R_FS || seg == R_GS) {
            tcg_gen_add_i64(dst, dst, cpu_seg_base[seg]);
        }
    } else if (seg == R_FS || seg == R_GS || s->addseg) {
        tcg_gen_add_i64(dst, dst, cpu_seg_base[seg]);
        tcg_gen_ext32u_i64(dst, dst);
    }
}

/* 16-bit addressing: base/index pairs of rm, and SS-based ones. */
static const int8_t x86_ea16_base[8] = { R_EBX, R_EBX, R_EBP, R_EBP,
                                         R_ESI, R_EDI, R_EBP, R_EBX };
static const int8_t x86_ea16_index[8] = { R_ESI, R_EDI, R_ESI, R_EDI,
                                          -1, -1, -1, -1 };

/* The offset of a memory ModRM operand into dst; returns the default
 * segment.  Consumes SIB and displacement bytes. */
static int x86_ea_offset(DisasContext *s, int modrm, TCGv_i64 dst)
{
    int mod = modrm >> 6, rm = modrm & 7;
    int base, index = -1, scale = 0, def_seg = R_DS;
    int64_t disp = 0;

    if (s->aflag == MO_16) {
        base = x86_ea16_base[rm];
        index = x86_ea16_index[rm];
        if (mod == 0 && rm == 6) {
            base = -1;
            disp = x86_lduw_code(s);
        } else if (mod == 1) {
            disp = (int8_t)x86_ldub_code(s);
        } else if (mod == 2) {
            disp = (int16_t)x86_lduw_code(s);
        }
        if (base == R_EBP) {
            def_seg = R_SS;
        }
        tcg_gen_movi_i64(dst, disp);
        if (base >= 0) {
            tcg_gen_add_i64(dst, dst, cpu_regs[base]);
        }
        if (index >= 0) {
            tcg_gen_add_i64(dst, dst, cpu_regs[index]);
        }
        tcg_gen_ext16u_i64(dst, dst);
        return def_seg;
    }

    base = rm;
    if (rm == 4) {
        int sib = x86_ldub_code(s);

        scale = sib >> 6;
        index = ((sib >> 3) & 7) | s->rex_x;
        base = sib & 7;
        if (index == 4) {
            index = -1;
        }
    }
    if (mod == 0 && base == 5) {
        disp = (int32_t)x86_ldl_code(s);
        if (rm == 5 && s->code64) {
            /* RIP-relative: from the end of the instruction */
            tcg_gen_movi_i64(dst, s->pc + s->rip_offset + disp - s->cs_base);
            x86_trunc_addr(s, dst, dst, s->aflag);
            return R_DS;
        }
        base = -1;
    } else {
        base |= s->rex_b;
        if (mod == 1) {
            disp = (int8_t)x86_ldub_code(s);
        } else if (mod == 2) {
            disp = (int32_t)x86_ldl_code(s);
        }
        if (base == R_ESP || base == R_EBP) {
            def_seg = R_SS;
        }
    }

    if (base >= 0 && index < 0 && disp == 0) {
        tcg_gen_mov_i64(dst, cpu_regs[base]);
    } else {
        tcg_gen_movi_i64(dst, disp);
        if (base >= 0) {
            tcg_gen_add_i64(dst, dst, cpu_regs[base]);
        }
        if (index >= 0) {
            TCGv_i64 t = tcg_temp_new_i64();

            tcg_gen_shli_i64(t, cpu_regs[index], scale);
            tcg_gen_add_i64(dst, dst, t);
            tcg_temp_free_i64(t);
        }
    }
    x86_trunc_addr(s, dst, dst, s->aflag);
    return def_seg;
}

void gen_lea_modrm_offset(DisasContext *s, int modrm, TCGv_i64 dst)
{
    x86_ea_offset(s, modrm, dst);
}

void gen_lea_modrm(DisasContext *s, int modrm)
{
    int def_seg = x86_ea_offset(s, modrm, s->A0);

    gen_lea_seg(s, s->A0, s->A0, def_seg, s->override);
}

void gen_ld_modrm(DisasContext *s, int modrm, MemOp ot, TCGv_i64 t)
{
    if (modrm_is_reg(modrm)) {
        gen_op_mov_v_reg(s, ot, t, modrm_rm(s, modrm));
    } else {
        gen_lea_modrm(s, modrm);
        gen_op_ld_v(s, ot, t, s->A0);
    }
}

void gen_st_modrm(DisasContext *s, int modrm, MemOp ot, TCGv_i64 t)
{
    if (modrm_is_reg(modrm)) {
        gen_op_mov_reg_v(s, ot, modrm_rm(s, modrm), t);
    } else {
        gen_op_st_v(s, ot, t, s->A0);
    }
}

/* Consume a ModRM memory operand without using it (hint nops). */
static void x86_skip_modrm(DisasContext *s, int modrm)
{
    if (!modrm_is_reg(modrm)) {
        TCGv_i64 t = tcg_temp_new_i64();

        x86_ea_offset(s, modrm, t);
        tcg_temp_free_i64(t);
    }
}

/* ---------------------------------------------------- vector memory */

void gen_ldq_env_A0(DisasContext *s, intptr_t offset)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_qemu_ld_i64(t, T64(s->A0), MMU_USER_IDX, MO_64 | MO_LE);
    tcg_gen_st_i64(t, tcg_env(), offset);
    tcg_temp_free_i64(t);
}

void gen_stq_env_A0(DisasContext *s, intptr_t offset)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_ld_i64(t, tcg_env(), offset);
    tcg_gen_qemu_st_i64(t, T64(s->A0), MMU_USER_IDX, MO_64 | MO_LE);
    tcg_temp_free_i64(t);
}

/* n 64-bit words between env+offset and memory at A0; the first access
 * checks the alignment of the whole operand. */
static void x86_ldst_env_words(DisasContext *s, intptr_t offset, int n,
                               MemOp align, bool store)
{
    TCGv_i64 t = tcg_temp_new_i64();
    TCGv_i64 a = tcg_temp_new_i64();
    TCGv_i64 v[4];      /* loads: all first, so a fault leaves env intact */
    int i;

    for (i = 0; i < n; i++) {
        MemOp mop = MO_64 | MO_LE | (i == 0 ? align : 0);

        tcg_gen_addi_i64(a, s->A0, i * 8);
        if (!s->code64) {
            tcg_gen_ext32u_i64(a, a);
        }
        if (store) {
            tcg_gen_ld_i64(t, tcg_env(), offset + i * 8);
            tcg_gen_qemu_st_i64(t, T64(a), MMU_USER_IDX, mop);
        } else {
            v[i] = tcg_temp_new_i64();
            tcg_gen_qemu_ld_i64(v[i], T64(a), MMU_USER_IDX, mop);
        }
    }
    if (!store) {
        for (i = 0; i < n; i++) {
            tcg_gen_st_i64(v[i], tcg_env(), offset + i * 8);
            tcg_temp_free_i64(v[i]);
        }
    }
    tcg_temp_free_i64(t);
    tcg_temp_free_i64(a);
}

void gen_ldo_env_A0(DisasContext *s, intptr_t offset, bool align)
{
    x86_ldst_env_words(s, offset, 2, align ? MO_ALIGN_16 : 0, false);
}

void gen_sto_env_A0(DisasContext *s, intptr_t offset, bool align)
{
    x86_ldst_env_words(s, offset, 2, align ? MO_ALIGN_16 : 0, true);
}

void gen_ldy_env_A0(DisasContext *s, intptr_t offset, bool align)
{
    x86_ldst_env_words(s, offset, 4, align ? MO_ALIGN_32 : 0, false);
}

void gen_sty_env_A0(DisasContext *s, intptr_t offset, bool align)
{
    x86_ldst_env_words(s, offset, 4, align ? MO_ALIGN_32 : 0, true);
}

/* --------------------------------------------------------------- stack */

MemOp mo_pushpop(DisasContext *s, MemOp ot)
{
    if (s->code64) {
        return ot == MO_16 ? MO_16 : MO_64;
    }
    return ot;
}

/* The stack pointer's size. */
static MemOp x86_stack_size(DisasContext *s)
{
    return s->code64 ? MO_64 : s->ss32 ? MO_32 : MO_16;
}

/* Linear address of the stack offset sp (already ESP +/- something). */
static void x86_stack_lin(DisasContext *s, TCGv_i64 dst, TCGv_i64 sp)
{
    MemOp saved = s->aflag;

    s->aflag = x86_stack_size(s);
    gen_lea_seg(s, dst, sp, R_SS, -1);
    s->aflag = saved;
}

/* Linear address of ESP + ofs into dst. */
static void x86_stack_addr(DisasContext *s, TCGv_i64 dst, int ofs)
{
    tcg_gen_addi_i64(dst, cpu_regs[R_ESP], ofs);
    x86_stack_lin(s, dst, dst);
}

static void x86_write_esp(DisasContext *s, TCGv_i64 v)
{
    gen_op_mov_reg_v(s, x86_stack_size(s), R_ESP, v);
}

/* Push val of size ot; ESP changes only after the store succeeded. */
static void x86_push_sized(DisasContext *s, MemOp ot, TCGv_i64 val)
{
    TCGv_i64 a = tcg_temp_new_i64();
    TCGv_i64 sp = tcg_temp_new_i64();

    tcg_gen_subi_i64(sp, cpu_regs[R_ESP], 1 << ot);
    x86_stack_lin(s, a, sp);
    gen_op_st_v(s, ot, val, a);
    x86_write_esp(s, sp);
    tcg_temp_free_i64(a);
    tcg_temp_free_i64(sp);
}

void gen_push_v(DisasContext *s, TCGv_i64 val)
{
    x86_push_sized(s, mo_pushpop(s, s->dflag), val);
}

void gen_pop_T0(DisasContext *s)
{
    TCGv_i64 a = tcg_temp_new_i64();

    x86_stack_addr(s, a, 0);
    gen_op_ld_v(s, mo_pushpop(s, s->dflag), s->T0, a);
    tcg_temp_free_i64(a);
}

void gen_pop_update(DisasContext *s, MemOp ot)
{
    TCGv_i64 sp = tcg_temp_new_i64();

    tcg_gen_addi_i64(sp, cpu_regs[R_ESP], 1 << (ot & MO_SIZE));
    x86_write_esp(s, sp);
    tcg_temp_free_i64(sp);
}

/* --------------------------------------------------------------- flags */

/* Which of cc_src / cc_src2 an op reads (for discarding dead values). */
enum { X86_USES_DST = 1, X86_USES_SRC = 2, X86_USES_SRC2 = 4 };

static uint8_t x86_cc_uses(CCOp op)
{
    if (op & CC_OP_ROT) {
        return x86_cc_uses((CCOp)(op & CC_OP_BASE_MASK)) | X86_USES_SRC2;
    }
    if (op == CC_OP_DYNAMIC) {
        return X86_USES_DST | X86_USES_SRC | X86_USES_SRC2;
    }
    if (op == CC_OP_EFLAGS) {
        return X86_USES_SRC;
    }
    if (op == CC_OP_CLR) {
        return 0;
    }
    if (op == CC_OP_POPCNT || (op >= CC_OP_LOGICB && op <= CC_OP_LOGICQ)) {
        return X86_USES_DST;
    }
    if ((op >= CC_OP_ADCB && op <= CC_OP_ADCQ) ||
        (op >= CC_OP_SBBB && op <= CC_OP_SBBQ) ||
        op == CC_OP_ADCX || op == CC_OP_ADOX || op == CC_OP_ADCOX) {
        return X86_USES_DST | X86_USES_SRC | X86_USES_SRC2;
    }
    return X86_USES_DST | X86_USES_SRC;
}

void set_cc_op(DisasContext *s, CCOp op)
{
    uint8_t dead;

    if (s->cc_op == op) {
        return;
    }
    dead = x86_cc_uses(s->cc_op) & ~x86_cc_uses(op);
    if (dead & X86_USES_DST) {
        tcg_gen_discard_i64(cpu_cc_dst);
    }
    if (dead & X86_USES_SRC) {
        tcg_gen_discard_i64(cpu_cc_src);
    }
    if (dead & X86_USES_SRC2) {
        tcg_gen_discard_i64(cpu_cc_src2);
    }
    s->cc_op = op;
    /* DYNAMIC: the value is already in env (a helper stored it). */
    s->cc_op_dirty = op != CC_OP_DYNAMIC;
}

void gen_update_cc_op(DisasContext *s)
{
    if (s->cc_op_dirty) {
        tcg_gen_movi_i32(cpu_cc_op, s->cc_op);
        s->cc_op_dirty = false;
    }
}

/* The current cc_op as an i64 value for a helper. */
static TCGv_i64 x86_cc_op_value(DisasContext *s)
{
    TCGv_i64 t;

    if (s->cc_op != CC_OP_DYNAMIC) {
        return tcg_constant_i64(s->cc_op);
    }
    t = tcg_temp_new_i64();
    tcg_gen_extu_i32_i64(t, cpu_cc_op);
    return t;
}

/* reg = the six flags as CC_* bits, leaving the lazy state alone. */
static void x86_flags_to_reg(DisasContext *s, TCGv_i64 reg)
{
    switch (s->cc_op) {
    case CC_OP_EFLAGS:
        tcg_gen_mov_i64(reg, cpu_cc_src);
        return;
    case CC_OP_CLR:
        tcg_gen_movi_i64(reg, CC_Z | CC_P);
        return;
    default:
        gen_helper_call(&helper_info_cc_compute_all, T64(reg), 4,
                        T64(cpu_cc_dst), T64(cpu_cc_src), T64(cpu_cc_src2),
                        T64(x86_cc_op_value(s)));
        return;
    }
}

void gen_compute_eflags(DisasContext *s)
{
    if (s->cc_op == CC_OP_EFLAGS) {
        return;
    }
    x86_flags_to_reg(s, cpu_cc_src);
    set_cc_op(s, CC_OP_EFLAGS);
}

/*
 * A condition as one comparison: holds when (reg cond reg2), or
 * (reg cond imm) when reg2 is NULL.
 */
typedef struct X86CC {
    TCGCond cond;
    TCGv_i64 reg, reg2;
    int64_t imm;
} X86CC;

static X86CC x86_cc_imm(TCGCond cond, TCGv_i64 reg, int64_t imm)
{
    X86CC c = { cond, reg, NULL, imm };
    return c;
}

static X86CC x86_cc_regs(TCGCond cond, TCGv_i64 a, TCGv_i64 b)
{
    X86CC c = { cond, a, b, 0 };
    return c;
}

/* Test of bits of a flags value. */
static X86CC x86_cc_bits(TCGv_i64 flags, uint64_t mask)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_andi_i64(t, flags, mask);
    return x86_cc_imm(TCG_COND_NE, t, 0);
}

/* Condition b (even: the positive form) from materialised flags. */
static X86CC x86_cc_from_flags(TCGv_i64 f, int cc)
{
    TCGv_i64 t;

    switch (cc) {
    case 0:  return x86_cc_bits(f, CC_O);
    case 1:  return x86_cc_bits(f, CC_C);
    case 2:  return x86_cc_bits(f, CC_Z);
    case 3:  return x86_cc_bits(f, CC_C | CC_Z);
    case 4:  return x86_cc_bits(f, CC_S);
    case 5:  return x86_cc_bits(f, CC_P);
    case 6:                                  /* L: SF != OF */
        t = tcg_temp_new_i64();
        tcg_gen_shli_i64(t, f, 4);           /* SF (bit 7) to bit 11 */
        tcg_gen_xor_i64(t, t, f);
        return x86_cc_bits(t, CC_O);
    default:                                 /* LE: ZF or SF != OF */
        t = tcg_temp_new_i64();
        tcg_gen_shli_i64(t, f, 4);
        tcg_gen_xor_i64(t, t, f);
        tcg_gen_andi_i64(t, t, CC_O);
        {
            TCGv_i64 z = tcg_temp_new_i64();

            tcg_gen_andi_i64(z, f, CC_Z);
            tcg_gen_or_i64(t, t, z);
        }
        return x86_cc_imm(TCG_COND_NE, t, 0);
    }
}

static X86CC x86_cc_never(void)
{
    return x86_cc_imm(TCG_COND_NEVER, cpu_cc_dst, 0);
}

static X86CC x86_cc_always(void)
{
    return x86_cc_imm(TCG_COND_ALWAYS, cpu_cc_dst, 0);
}

/*
 * The positive condition cc = b >> 1 (0 O, 1 B, 2 Z, 3 BE, 4 S, 5 P,
 * 6 L, 7 LE) straight from the lazy operands when the op allows it.
 */
static X86CC x86_prepare_cc_pos(DisasContext *s, int cc)
{
    CCOp op = s->cc_op;
    MemOp ot;
    TCGv_i64 t, u;

    if ((op & CC_OP_ROT) && (cc == 2 || cc == 4 || cc == 5)) {
        /* ZF, SF, PF: the rotate kept the base op's */
        X86CC c;

        s->cc_op = (CCOp)(op & CC_OP_BASE_MASK);
        c = x86_prepare_cc_pos(s, cc);
        s->cc_op = op;
        return c;
    }
    if (op == CC_OP_EFLAGS) {
        return x86_cc_from_flags(cpu_cc_src, cc);
    }
    if (op == CC_OP_CLR) {
        return (cc == 2 || cc == 3 || cc == 5 || cc == 7) ? x86_cc_always()
                                                          : x86_cc_never();
    }
    if (op == CC_OP_POPCNT && cc == 2) {
        return x86_cc_imm(TCG_COND_EQ, cpu_cc_dst, 0);
    }
    if (op >= CC_OP_MULB && op <= CC_OP_BMILGQ) {
        ot = (op - CC_OP_MULB) & 3;
        if (op - ot == CC_OP_MULB && cc != 0 && cc != 1) {
            /* this host's (and recent Intel's) mul leaves SF=ZF=PF=0 */
            TCGv_i64 t2 = tcg_temp_new_i64();

            tcg_gen_setcondi_i64(TCG_COND_NE, t2, cpu_cc_src, 0);
            tcg_gen_muli_i64(t2, t2, CC_C | CC_O);
            return x86_cc_from_flags(t2, cc);
        }
        /* ZF and SF: from the result for every other sized op */
        if (cc == 2) {
            return x86_cc_imm(TCG_COND_EQ, x86_ext_new(cpu_cc_dst, ot, false),
                              0);
        }
        if (cc == 4) {
            return x86_cc_imm(TCG_COND_LT, x86_ext_new(cpu_cc_dst, ot, true),
                              0);
        }
        switch (op - ot) {
        case CC_OP_SUBB:
            t = tcg_temp_new_i64();
            tcg_gen_add_i64(t, cpu_cc_dst, cpu_cc_src);   /* first operand */
            switch (cc) {
            case 1:
                return x86_cc_regs(TCG_COND_LTU, x86_ext_new(t, ot, false),
                                   x86_ext_new(cpu_cc_src, ot, false));
            case 3:
                return x86_cc_regs(TCG_COND_LEU, x86_ext_new(t, ot, false),
                                   x86_ext_new(cpu_cc_src, ot, false));
            case 6:
                return x86_cc_regs(TCG_COND_LT, x86_ext_new(t, ot, true),
                                   x86_ext_new(cpu_cc_src, ot, true));
            case 7:
                return x86_cc_regs(TCG_COND_LE, x86_ext_new(t, ot, true),
                                   x86_ext_new(cpu_cc_src, ot, true));
            }
            break;
        case CC_OP_ADDB:
            if (cc == 1) {
                return x86_cc_regs(TCG_COND_LTU,
                                   x86_ext_new(cpu_cc_dst, ot, false),
                                   x86_ext_new(cpu_cc_src, ot, false));
            }
            break;
        case CC_OP_LOGICB:
            switch (cc) {
            case 0:
            case 1:
                return x86_cc_never();
            case 3:
                return x86_cc_imm(TCG_COND_EQ,
                                  x86_ext_new(cpu_cc_dst, ot, false), 0);
            case 6:
                return x86_cc_imm(TCG_COND_LT,
                                  x86_ext_new(cpu_cc_dst, ot, true), 0);
            case 7:
                return x86_cc_imm(TCG_COND_LE,
                                  x86_ext_new(cpu_cc_dst, ot, true), 0);
            }
            break;
        case CC_OP_INCB:
        case CC_OP_DECB:
            if (cc == 1) {
                return x86_cc_imm(TCG_COND_NE, cpu_cc_src, 0);
            }
            break;
        case CC_OP_SHLB:
            if (cc == 1) {
                u = tcg_temp_new_i64();
                tcg_gen_extract_i64(u, cpu_cc_src, (8 << ot) - 1, 1);
                return x86_cc_imm(TCG_COND_NE, u, 0);
            }
            break;
        case CC_OP_SARB:
            if (cc == 1) {
                u = tcg_temp_new_i64();
                tcg_gen_andi_i64(u, cpu_cc_src, 1);
                return x86_cc_imm(TCG_COND_NE, u, 0);
            }
            break;
        case CC_OP_MULB:
            if (cc == 0 || cc == 1) {
                return x86_cc_imm(TCG_COND_NE, cpu_cc_src, 0);
            }
            break;
        case CC_OP_BMILGB:
            if (cc == 1) {
                return x86_cc_imm(TCG_COND_EQ,
                                  x86_ext_new(cpu_cc_src, ot, false), 0);
            }
            break;
        default:
            break;
        }
    }
    t = tcg_temp_new_i64();
    x86_flags_to_reg(s, t);
    return x86_cc_from_flags(t, cc);
}

/* reg = condition c, as 0 or 1. */
static void x86_cc_to_reg(X86CC c, TCGv_i64 reg)
{
    if (c.cond == TCG_COND_ALWAYS || c.cond == TCG_COND_NEVER) {
        tcg_gen_movi_i64(reg, c.cond == TCG_COND_ALWAYS);
    } else if (c.reg2) {
        tcg_gen_setcond_i64(c.cond, reg, c.reg, c.reg2);
    } else {
        tcg_gen_setcondi_i64(c.cond, reg, c.reg, c.imm);
    }
}

static X86CC x86_prepare_cc(DisasContext *s, int b)
{
    X86CC c = x86_prepare_cc_pos(s, (b >> 1) & 7);

    if (b & 1) {
        c.cond = tcg_invert_cond(c.cond);
    }
    return c;
}

/* Branch to l if c holds. */
static void x86_brcond(X86CC c, TCGLabel *l)
{
    if (c.cond == TCG_COND_ALWAYS) {
        tcg_gen_br(l);
    } else if (c.cond == TCG_COND_NEVER) {
        return;
    } else if (c.reg2) {
        tcg_gen_brcond_i64(c.cond, c.reg, c.reg2, l);
    } else {
        tcg_gen_brcondi_i64(c.cond, c.reg, c.imm, l);
    }
}

/*
 * A jcc while cc_op is unknown (before any flag write of the TB: the
 * second jcc of "cmp; je; jg" after the TB split at je) first tests
 * whether cc_op is still what it was when the TB was translated, and if
 * so branches on the lazy operands as if it were known; else it computes
 * EFLAGS with the helper.  Only here: the callers hold no EBB temps
 * across the labels this adds.
 */
void gen_jcc1(DisasContext *s, int b, TCGLabel *l)
{
    CCOp entry = s->cc_op_entry;
    CCOp base = (CCOp)(entry & CC_OP_BASE_MASK);

    if (s->cc_op == CC_OP_DYNAMIC && base >= CC_OP_EFLAGS &&
        base <= CC_OP_BMILGQ) {
        TCGLabel *slow = gen_new_label(), *done = gen_new_label();

        tcg_gen_brcondi_i32(TCG_COND_NE, cpu_cc_op, entry, slow);
        s->cc_op = entry;
        x86_brcond(x86_prepare_cc(s, b), l);
        s->cc_op = CC_OP_DYNAMIC;
        tcg_gen_br(done);
        gen_set_label(slow);
        x86_brcond(x86_prepare_cc(s, b), l);
        gen_set_label(done);
        return;
    }
    x86_brcond(x86_prepare_cc(s, b), l);
}

void gen_setcc1(DisasContext *s, int b, TCGv_i64 reg)
{
    x86_cc_to_reg(x86_prepare_cc(s, b), reg);
}

void gen_compute_eflags_c(DisasContext *s, TCGv_i64 reg)
{
    gen_setcc1(s, 2, reg);
}

/* --------------------------------------------------- control, faults */

static uint64_t x86_eip_of(DisasContext *s, uint64_t linear)
{
    uint64_t eip = linear - s->cs_base;

    return s->code64 ? eip : (uint32_t)eip;
}

void gen_update_eip_cur(DisasContext *s)
{
    tcg_gen_movi_i64(cpu_eip, x86_eip_of(s, s->pc_start));
}

void gen_update_eip_next(DisasContext *s)
{
    tcg_gen_movi_i64(cpu_eip, x86_eip_of(s, s->pc));
}

static void x86_raise(int trapno)
{
    gen_helper_call(&helper_info_misc_raise_exception, NULL, 2, TENV,
                    CONST64(trapno));
}

void gen_exception(DisasContext *s, int trapno)
{
    gen_update_cc_op(s);
    gen_update_eip_cur(s);
    x86_raise(trapno);
    s->base.is_jmp = DISAS_NORETURN;
}

void gen_illegal_opcode(DisasContext *s)
{
    gen_exception(s, EXCP06_ILLOP);
}

void gen_exception_gpf(DisasContext *s)
{
    tcg_gen_st_i32(tcg_constant_i32(0), tcg_env(),
                   offsetof(CPUX86State, error_code));
    gen_exception(s, EXCP0D_GPF);
}

void gen_eob(DisasContext *s)
{
    gen_update_eip_next(s);
    s->base.is_jmp = DISAS_EOB_NEXT;
}

/* Leave the TB through an indirect jump to cpu_eip (cc_op written). */
static void x86_jump_to_eip(DisasContext *s)
{
    if (s->flags & HF_TF_MASK) {
        x86_raise(EXCP01_DB);
        return;
    }
    if (s->cs_base) {
        TCGv_i64 pc = tcg_temp_new_i64();

        tcg_gen_addi_i64(pc, cpu_eip, s->cs_base);
        tcg_gen_lookup_and_goto_ptr(T64(pc));
    } else {
        tcg_gen_lookup_and_goto_ptr(T64(cpu_eip));
    }
}

static void x86_goto_tb(DisasContext *s, int n, uint64_t eip)
{
    gen_update_cc_op(s);
    if (!(s->flags & HF_TF_MASK) &&
        translator_use_goto_tb(&s->base, eip + s->cs_base)) {
        tcg_gen_goto_tb(n);
        tcg_gen_movi_i64(cpu_eip, eip);
        tcg_gen_exit_tb(s->base.tb, n);
    } else {
        tcg_gen_movi_i64(cpu_eip, eip);
        x86_jump_to_eip(s);
    }
    s->base.is_jmp = DISAS_NORETURN;
}

void gen_jmp_rel(DisasContext *s, MemOp ot, int64_t diff, int tb_num)
{
    uint64_t eip = x86_eip_of(s, s->pc) + diff;

    if (ot == MO_16) {
        eip &= 0xffff;
    } else if (!s->code64) {
        eip &= 0xffffffffu;
    }
    x86_goto_tb(s, tb_num, eip);
}

/* An indirect jump to the value in v (already truncated). */
static void x86_jmp_indirect(DisasContext *s, TCGv_i64 v)
{
    tcg_gen_mov_i64(cpu_eip, v);
    s->base.is_jmp = DISAS_JUMP;
}

/* -------------------------------------------------- integer operations */

enum { OP_ADD, OP_OR, OP_ADC, OP_SBB, OP_AND, OP_SUB, OP_XOR, OP_CMP };

static bool x86_has_lock(DisasContext *s)
{
    return (s->prefix & PREFIX_LOCK) != 0;
}

/* Atomic RMW at A0: returns the old value in a new temp. */
static TCGv_i64 x86_atomic(DisasContext *s, int aop, MemOp ot, TCGv_i64 val)
{
    TCGv_i64 old = tcg_temp_new_i64();

    gen_helper_call(&helper_info_misc_atomic_rmw, T64(old), 4, TENV,
                    T64(s->A0), T64(val), CONST64((aop << 3) | ot));
    return old;
}

/*
 * dest op= T1 for ALU op (OP_*), size ot.  The destination is register
 * d_reg, or memory at A0 when d_reg < 0 (LOCK makes it atomic).
 */
static void gen_alu(DisasContext *s, int op, MemOp ot, int d_reg)
{
    TCGv_i64 res = tcg_temp_new_i64();
    TCGv_i64 carry = NULL;
    TCGv_i64 a = s->T0;

    if (op == OP_ADC || op == OP_SBB) {
        carry = tcg_temp_new_i64();
        gen_compute_eflags_c(s, carry);
    }
    if (d_reg < 0 && x86_has_lock(s)) {
        static const int8_t aop[8] = {
            X86_RMW_ADD, X86_RMW_OR, X86_RMW_ADD, X86_RMW_SUB,
            X86_RMW_AND, X86_RMW_SUB, X86_RMW_XOR, -1,
        };
        TCGv_i64 v = s->T1;

        if (carry) {
            v = tcg_temp_new_i64();
            tcg_gen_add_i64(v, s->T1, carry);
        }
        a = x86_atomic(s, aop[op], ot, v);
    } else if (d_reg >= 0) {
        x86_reg_operand(s, ot, a, d_reg);
    } else {
        gen_op_ld_v(s, ot, a, s->A0);
    }

    switch (op) {
    case OP_ADD:
        tcg_gen_add_i64(res, a, s->T1);
        break;
    case OP_ADC:
        tcg_gen_add_i64(res, a, s->T1);
        tcg_gen_add_i64(res, res, carry);
        break;
    case OP_SBB:
        tcg_gen_sub_i64(res, a, s->T1);
        tcg_gen_sub_i64(res, res, carry);
        break;
    case OP_SUB:
    case OP_CMP:
        tcg_gen_sub_i64(res, a, s->T1);
        break;
    case OP_AND:
        tcg_gen_and_i64(res, a, s->T1);
        break;
    case OP_OR:
        tcg_gen_or_i64(res, a, s->T1);
        break;
    default:
        tcg_gen_xor_i64(res, a, s->T1);
        break;
    }

    /* Store before touching the flags: a fault leaves them intact. */
    if (op != OP_CMP && !(d_reg < 0 && x86_has_lock(s))) {
        if (d_reg >= 0) {
            gen_op_mov_reg_v(s, ot, d_reg, res);
        } else {
            gen_op_st_v(s, ot, res, s->A0);
        }
    }

    switch (op) {
    case OP_ADD:
        set_cc_op(s, CC_OP_SIZED(CC_OP_ADDB, ot));
        tcg_gen_mov_i64(cpu_cc_src, s->T1);
        break;
    case OP_ADC:
    case OP_SBB:
        set_cc_op(s, CC_OP_SIZED(op == OP_ADC ? CC_OP_ADCB : CC_OP_SBBB, ot));
        tcg_gen_mov_i64(cpu_cc_src, s->T1);
        tcg_gen_mov_i64(cpu_cc_src2, carry);
        break;
    case OP_SUB:
    case OP_CMP:
        set_cc_op(s, CC_OP_SIZED(CC_OP_SUBB, ot));
        tcg_gen_mov_i64(cpu_cc_src, s->T1);
        break;
    default:
        set_cc_op(s, CC_OP_SIZED(CC_OP_LOGICB, ot));
        break;
    }
    tcg_gen_mov_i64(cpu_cc_dst, res);
    tcg_temp_free_i64(res);
}

/* inc (dir 1) / dec (dir -1) of register d_reg or memory at A0. */
static void gen_incdec(DisasContext *s, MemOp ot, int d_reg, int dir)
{
    TCGv_i64 carry = tcg_temp_new_i64();
    TCGv_i64 res = tcg_temp_new_i64();

    gen_compute_eflags_c(s, carry);
    if (d_reg < 0 && x86_has_lock(s)) {
        TCGv_i64 old = x86_atomic(s, X86_RMW_ADD, ot, tcg_constant_i64(dir));

        tcg_gen_addi_i64(res, old, dir);
    } else {
        if (d_reg >= 0) {
            x86_reg_operand(s, ot, s->T0, d_reg);
        } else {
            gen_op_ld_v(s, ot, s->T0, s->A0);
        }
        tcg_gen_addi_i64(res, s->T0, dir);
        if (d_reg >= 0) {
            gen_op_mov_reg_v(s, ot, d_reg, res);
        } else {
            gen_op_st_v(s, ot, res, s->A0);
        }
    }
    set_cc_op(s, CC_OP_SIZED(dir > 0 ? CC_OP_INCB : CC_OP_DECB, ot));
    tcg_gen_mov_i64(cpu_cc_src, carry);
    tcg_gen_mov_i64(cpu_cc_dst, res);
}

/* xor r, r / sub r, r: zero without reading r. */
static void gen_clr(DisasContext *s, MemOp ot, int reg)
{
    gen_op_mov_reg_v(s, ot, reg, tcg_constant_i64(0));
    set_cc_op(s, CC_OP_CLR);
}

/* -------------------------------------------------- one-byte handlers */

typedef bool (*X86OpFn)(DisasContext *s, int b);

static MemOp x86_ot_b(DisasContext *s, int b)
{
    return (b & 1) ? s->dflag : MO_8;
}

/* 00-3D: ALU op, forms Eb,Gb / Ev,Gv / Gb,Eb / Gv,Ev / AL,Ib / eAX,Iz. */
static bool op_alu(DisasContext *s, int b)
{
    int op = (b >> 3) & 7;
    MemOp ot = x86_ot_b(s, b);
    int modrm, reg;

    if ((b & 7) >= 4) {
        if (x86_has_lock(s)) {
            return false;
        }
        tcg_gen_movi_i64(s->T1, insn_get_signed(s, ot));
        gen_alu(s, op, ot, R_EAX);
        return true;
    }
    modrm = x86_ldub_code(s);
    reg = modrm_reg(s, modrm);
    if (modrm_is_reg(modrm)) {
        int rm = modrm_rm(s, modrm);

        if (x86_has_lock(s)) {
            return false;
        }
        if (rm == reg && (op == OP_XOR || op == OP_SUB)) {
            gen_clr(s, ot, reg);
            return true;
        }
        if (b & 2) {
            x86_reg_operand(s, ot, s->T1, rm);
            gen_alu(s, op, ot, reg);
        } else {
            x86_reg_operand(s, ot, s->T1, reg);
            gen_alu(s, op, ot, rm);
        }
        return true;
    }
    if (b & 2) {
        if (x86_has_lock(s)) {
            return false;
        }
        gen_lea_modrm(s, modrm);
        gen_op_ld_v(s, ot, s->T1, s->A0);
        gen_alu(s, op, ot, reg);
        return true;
    }
    if (x86_has_lock(s) && op == OP_CMP) {
        return false;
    }
    gen_lea_modrm(s, modrm);
    x86_reg_operand(s, ot, s->T1, reg);
    gen_alu(s, op, ot, -1);
    return true;
}

/* 80-83: ALU op Eb,Ib / Ev,Iz / Eb,Ib (82, 32-bit only) / Ev,Ib. */
static bool op_grp1(DisasContext *s, int b)
{
    MemOp ot = x86_ot_b(s, b);
    MemOp imm_ot = (b == 0x81) ? ot : MO_8;
    int modrm, op;

    if (b == 0x82 && s->code64) {
        return false;
    }
    modrm = x86_ldub_code(s);
    op = (modrm >> 3) & 7;
    if (modrm_is_reg(modrm)) {
        if (x86_has_lock(s)) {
            return false;
        }
        tcg_gen_movi_i64(s->T1, insn_get_signed(s, imm_ot));
        gen_alu(s, op, ot, modrm_rm(s, modrm));
        return true;
    }
    if (x86_has_lock(s) && op == OP_CMP) {
        return false;
    }
    s->rip_offset = x86_imm_size(imm_ot);
    gen_lea_modrm(s, modrm);
    tcg_gen_movi_i64(s->T1, insn_get_signed(s, imm_ot));
    gen_alu(s, op, ot, -1);
    return true;
}

/* 40-4F (32-bit mode): inc/dec r. */
static bool op_incdec_reg(DisasContext *s, int b)
{
    if (x86_has_lock(s)) {
        return false;
    }
    gen_incdec(s, s->dflag, b & 7, (b & 8) ? -1 : 1);
    return true;
}

/* 50-57 push r, 58-5F pop r. */
static bool op_pushpop_reg(DisasContext *s, int b)
{
    int reg = (b & 7) | s->rex_b;
    MemOp ot = mo_pushpop(s, s->dflag);

    if (x86_has_lock(s)) {
        return false;
    }
    if (b < 0x58) {
        gen_op_mov_v_reg(s, ot, s->T0, reg);
        gen_push_v(s, s->T0);
    } else {
        gen_pop_T0(s);
        gen_pop_update(s, ot);
        gen_op_mov_reg_v(s, ot, reg, s->T0);
    }
    return true;
}

/* 60 pusha, 61 popa (not in 64-bit mode). */
static bool op_pusha_popa(DisasContext *s, int b)
{
    MemOp ot = s->dflag;
    int size = 1 << ot;
    TCGv_i64 a = tcg_temp_new_i64();
    int i;

    if (s->code64 || x86_has_lock(s)) {
        return false;
    }
    if (b == 0x60) {
        /* stores from the lowest address up: EDI first */
        for (i = 0; i < 8; i++) {
            x86_stack_addr(s, a, -(i + 1) * size);
            gen_op_mov_v_reg(s, ot, s->T0, i);
            gen_op_st_v(s, ot, s->T0, a);
        }
        tcg_gen_subi_i64(s->T1, cpu_regs[R_ESP], 8 * size);
        x86_write_esp(s, s->T1);
    } else {
        TCGv_i64 v[8];

        for (i = 0; i < 8; i++) {
            v[i] = tcg_temp_new_i64();
            x86_stack_addr(s, a, (7 - i) * size);
            if (i != R_ESP) {
                gen_op_ld_v(s, ot, v[i], a);
            }
        }
        for (i = 0; i < 8; i++) {
            if (i != R_ESP) {
                gen_op_mov_reg_v(s, ot, i, v[i]);
            }
            tcg_temp_free_i64(v[i]);
        }
        tcg_gen_addi_i64(s->T1, cpu_regs[R_ESP], 8 * size);
        x86_write_esp(s, s->T1);
    }
    tcg_temp_free_i64(a);
    return true;
}

/* 63 in 64-bit mode: movsxd Gv, Ed. */
static bool op_movsxd(DisasContext *s, int b)
{
    int modrm, reg;

    if (!s->code64) {
        return trans_int_ext(s, b);        /* arpl */
    }
    if (x86_has_lock(s)) {
        return false;
    }
    modrm = x86_ldub_code(s);
    reg = modrm_reg(s, modrm);
    gen_ld_modrm(s, modrm, MO_32, s->T0);
    if (s->dflag == MO_64) {
        tcg_gen_ext32s_i64(s->T0, s->T0);
    }
    gen_op_mov_reg_v(s, s->dflag, reg, s->T0);
    return true;
}

/* 68 push Iz, 6A push Ib. */
static bool op_push_imm(DisasContext *s, int b)
{
    if (x86_has_lock(s)) {
        return false;
    }
    tcg_gen_movi_i64(s->T0, insn_get_signed(s, b == 0x68 ? s->dflag : MO_8));
    gen_push_v(s, s->T0);
    return true;
}

/* Signed multiply of T0 by T1 into Gv with MUL flags. */
static void gen_imul_reg(DisasContext *s, MemOp ot, int reg)
{
    TCGv_i64 lo = tcg_temp_new_i64();
    TCGv_i64 hi = tcg_temp_new_i64();

    if (ot == MO_64) {
        tcg_gen_muls2_i64(lo, hi, s->T0, s->T1);
        tcg_gen_sari_i64(s->T0, lo, 63);
        tcg_gen_sub_i64(hi, hi, s->T0);
    } else {
        x86_ext(s->T0, s->T0, ot, true);
        x86_ext(s->T1, s->T1, ot, true);
        tcg_gen_mul_i64(lo, s->T0, s->T1);
        x86_ext(hi, lo, ot, true);
        tcg_gen_sub_i64(hi, lo, hi);
    }
    gen_op_mov_reg_v(s, ot, reg, lo);
    set_cc_op(s, CC_OP_SIZED(CC_OP_MULB, ot));
    tcg_gen_mov_i64(cpu_cc_dst, lo);
    tcg_gen_mov_i64(cpu_cc_src, hi);
}

/* 69 imul Gv,Ev,Iz; 6B imul Gv,Ev,Ib. */
static bool op_imul_imm(DisasContext *s, int b)
{
    MemOp imm_ot = b == 0x69 ? s->dflag : MO_8;
    int modrm;

    if (x86_has_lock(s)) {
        return false;
    }
    modrm = x86_ldub_code(s);
    s->rip_offset = x86_imm_size(imm_ot);
    gen_ld_modrm(s, modrm, s->dflag, s->T0);
    tcg_gen_movi_i64(s->T1, insn_get_signed(s, imm_ot));
    gen_imul_reg(s, s->dflag, modrm_reg(s, modrm));
    return true;
}

/* Conditional jump by diff from the next instruction. */
static void gen_jcc(DisasContext *s, int b, int64_t diff)
{
    TCGLabel *taken = gen_new_label();
    MemOp ot = s->code64 ? MO_64 : s->dflag;

    gen_update_cc_op(s);
    gen_jcc1(s, b, taken);
    gen_jmp_rel(s, ot, 0, 1);
    gen_set_label(taken);
    gen_jmp_rel(s, ot, diff, 0);
}

/* 70-7F jcc rel8. */
static bool op_jcc8(DisasContext *s, int b)
{
    int64_t diff;

    if (x86_has_lock(s)) {
        return false;
    }
    diff = (int8_t)x86_ldub_code(s);
    gen_jcc(s, b & 15, diff);
    return true;
}

/* 84/85 test Ev,Gv; A8/A9 test eAX,Iz. */
static bool op_test(DisasContext *s, int b)
{
    MemOp ot = x86_ot_b(s, b);

    if (x86_has_lock(s)) {
        return false;
    }
    if (b >= 0xa8) {
        x86_reg_operand(s, ot, s->T0, R_EAX);
        tcg_gen_movi_i64(s->T1, insn_get_signed(s, ot));
    } else {
        int modrm = x86_ldub_code(s);

        if (modrm_is_reg(modrm)) {
            x86_reg_operand(s, ot, s->T0, modrm_rm(s, modrm));
        } else {
            gen_ld_modrm(s, modrm, ot, s->T0);
        }
        x86_reg_operand(s, ot, s->T1, modrm_reg(s, modrm));
    }
    set_cc_op(s, CC_OP_SIZED(CC_OP_LOGICB, ot));
    tcg_gen_and_i64(cpu_cc_dst, s->T0, s->T1);
    return true;
}

/* 86/87 xchg Ev,Gv (memory: always atomic). */
static bool op_xchg(DisasContext *s, int b)
{
    MemOp ot = x86_ot_b(s, b);
    int modrm = x86_ldub_code(s);
    int reg = modrm_reg(s, modrm);

    if (modrm_is_reg(modrm)) {
        int rm = modrm_rm(s, modrm);

        if (x86_has_lock(s)) {
            return false;
        }
        gen_op_mov_v_reg(s, ot, s->T0, reg);
        gen_op_mov_v_reg(s, ot, s->T1, rm);
        gen_op_mov_reg_v(s, ot, rm, s->T0);
        gen_op_mov_reg_v(s, ot, reg, s->T1);
        return true;
    }
    gen_lea_modrm(s, modrm);
    gen_op_mov_v_reg(s, ot, s->T0, reg);
    gen_op_mov_reg_v(s, ot, reg, x86_atomic(s, X86_RMW_XCHG, ot, s->T0));
    return true;
}

/* 88-8B mov. */
static bool op_mov_rm(DisasContext *s, int b)
{
    MemOp ot = x86_ot_b(s, b);
    int modrm, reg;

    if (x86_has_lock(s)) {
        return false;
    }
    modrm = x86_ldub_code(s);
    reg = modrm_reg(s, modrm);
    if (b & 2) {
        gen_ld_modrm(s, modrm, ot, s->T0);
        gen_op_mov_reg_v(s, ot, reg, s->T0);
    } else {
        gen_op_mov_v_reg(s, ot, s->T0, reg);
        if (!modrm_is_reg(modrm)) {
            gen_lea_modrm(s, modrm);
        }
        gen_st_modrm(s, modrm, ot, s->T0);
    }
    return true;
}

/* 8D lea. */
static bool op_lea(DisasContext *s, int b)
{
    int modrm;

    if (x86_has_lock(s)) {
        return false;
    }
    modrm = x86_ldub_code(s);
    if (modrm_is_reg(modrm)) {
        return false;
    }
    gen_lea_modrm_offset(s, modrm, s->T0);
    gen_op_mov_reg_v(s, s->dflag, modrm_reg(s, modrm), s->T0);
    return true;
}

/* 8F /0: pop Ev. */
static bool op_pop_rm(DisasContext *s, int b)
{
    MemOp ot = mo_pushpop(s, s->dflag);
    int modrm;

    if (x86_has_lock(s)) {
        return false;
    }
    modrm = x86_peek_byte(s);
    if ((modrm >> 3) & 7) {
        return trans_int_ext(s, b);        /* XOP prefix space, not ours */
    }
    s->pc++;
    gen_pop_T0(s);
    if (modrm_is_reg(modrm)) {
        gen_pop_update(s, ot);
        gen_op_mov_reg_v(s, ot, modrm_rm(s, modrm), s->T0);
    } else {
        /* the address sees ESP after the pop */
        gen_pop_update(s, ot);
        gen_lea_modrm(s, modrm);
        gen_op_st_v(s, ot, s->T0, s->A0);
    }
    return true;
}

/* 90-97: xchg eAX, r; 90 is nop/pause unless REX.B. */
static bool op_xchg_ax(DisasContext *s, int b)
{
    int reg = (b & 7) | s->rex_b;
    MemOp ot = s->dflag;

    if (x86_has_lock(s)) {
        return false;
    }
    if (reg == R_EAX) {
        return true;
    }
    gen_op_mov_v_reg(s, ot, s->T0, R_EAX);
    gen_op_mov_v_reg(s, ot, s->T1, reg);
    gen_op_mov_reg_v(s, ot, R_EAX, s->T1);
    gen_op_mov_reg_v(s, ot, reg, s->T0);
    return true;
}

/* 98 cbw/cwde/cdqe, 99 cwd/cdq/cqo. */
static bool op_cbw_cwd(DisasContext *s, int b)
{
    MemOp ot = s->dflag;

    if (x86_has_lock(s)) {
        return false;
    }
    if (b == 0x98) {
        gen_op_mov_v_reg(s, ot - 1, s->T0, R_EAX);
        x86_ext(s->T0, s->T0, ot - 1, true);
        gen_op_mov_reg_v(s, ot, R_EAX, s->T0);
    } else {
        gen_op_mov_v_reg(s, ot, s->T0, R_EAX);
        x86_ext(s->T0, s->T0, ot, true);
        tcg_gen_sari_i64(s->T0, s->T0, 63);
        gen_op_mov_reg_v(s, ot, R_EDX, s->T0);
    }
    return true;
}

/* The EFLAGS bits popf may change at CPL 3 (IOPL 0: not IF, not IOPL). */
#define X86_POPF_MASK (CC_MASK | TF_MASK | DF_MASK | NT_MASK | AC_MASK | \
                       ID_MASK)

/* 9C pushf, 9D popf. */
static bool op_pushf_popf(DisasContext *s, int b)
{
    MemOp ot = mo_pushpop(s, s->dflag);

    if (x86_has_lock(s)) {
        return false;
    }
    if (s->vm86 && ((s->flags >> HF_IOPL_SHIFT) & 3) != 3) {
        /* IOPL-sensitive in vm86 mode: the vm86 monitor emulates it */
        gen_exception_gpf(s);
        return true;
    }
    gen_update_cc_op(s);
    if (b == 0x9c) {
        gen_helper_call(&helper_info_cc_read_eflags, T64(s->T0), 1, TENV);
        tcg_gen_andi_i64(s->T0, s->T0, ~(uint64_t)(VM_MASK | RF_MASK));
        gen_push_v(s, s->T0);
        return true;
    }
    gen_pop_T0(s);
    gen_pop_update(s, ot);
    gen_helper_call(&helper_info_cc_write_eflags, NULL, 3, TENV, T64(s->T0),
                    CONST64(ot == MO_16 ? X86_POPF_MASK & 0xffff
                                        : X86_POPF_MASK));
    /* the helper left the flags in env as CC_OP_EFLAGS */
    s->cc_op = CC_OP_EFLAGS;
    s->cc_op_dirty = false;
    gen_eob(s);                 /* TF/AC may have changed the TB flags */
    return true;
}

/* 9E sahf, 9F lahf. */
static bool op_sahf_lahf(DisasContext *s, int b)
{
    if (x86_has_lock(s)) {
        return false;
    }
    if (s->code64 && !HAS_FEATURE(s, FEAT_8000_0001_ECX, CPUID_EXT3_LAHF_LM)) {
        return false;
    }
    gen_compute_eflags(s);
    if (b == 0x9e) {
        tcg_gen_extract_i64(s->T0, cpu_regs[R_EAX], 8, 8);
        tcg_gen_andi_i64(s->T0, s->T0, CC_S | CC_Z | CC_A | CC_P | CC_C);
        tcg_gen_andi_i64(cpu_cc_src, cpu_cc_src, CC_O);
        tcg_gen_or_i64(cpu_cc_src, cpu_cc_src, s->T0);
    } else {
        tcg_gen_andi_i64(s->T0, cpu_cc_src, CC_S | CC_Z | CC_A | CC_P | CC_C);
        tcg_gen_ori_i64(s->T0, s->T0, 2);
        tcg_gen_deposit_i64(cpu_regs[R_EAX], cpu_regs[R_EAX], s->T0, 8, 8);
    }
    return true;
}

/* A0-A3: mov AL/eAX <-> moffs. */
static bool op_mov_moffs(DisasContext *s, int b)
{
    MemOp ot = x86_ot_b(s, b);
    uint64_t off;

    if (x86_has_lock(s)) {
        return false;
    }
    if (s->aflag == MO_64) {
        off = x86_ldq_code(s);
    } else if (s->aflag == MO_32) {
        off = x86_ldl_code(s);
    } else {
        off = x86_lduw_code(s);
    }
    tcg_gen_movi_i64(s->A0, off);
    gen_lea_seg(s, s->A0, s->A0, R_DS, s->override);
    if (b & 2) {
        gen_op_mov_v_reg(s, ot, s->T0, R_EAX);
        gen_op_st_v(s, ot, s->T0, s->A0);
    } else {
        gen_op_ld_v(s, ot, s->T0, s->A0);
        gen_op_mov_reg_v(s, ot, R_EAX, s->T0);
    }
    return true;
}

/* B0-BF: mov r, imm (B8+ with REX.W: imm64). */
static bool op_mov_imm_reg(DisasContext *s, int b)
{
    MemOp ot = b >= 0xb8 ? s->dflag : MO_8;
    int reg = (b & 7) | s->rex_b;

    if (x86_has_lock(s)) {
        return false;
    }
    if (ot == MO_64) {
        tcg_gen_movi_i64(s->T0, x86_ldq_code(s));
    } else {
        tcg_gen_movi_i64(s->T0, insn_get(s, ot));
    }
    gen_op_mov_reg_v(s, ot, reg, s->T0);
    return true;
}

/* C2 ret Iw, C3 ret. */
static bool op_ret(DisasContext *s, int b)
{
    MemOp ot = mo_pushpop(s, s->dflag);
    int extra = 0;

    if (x86_has_lock(s)) {
        return false;
    }
    if (b == 0xc2) {
        extra = x86_lduw_code(s);
    }
    gen_pop_T0(s);
    tcg_gen_addi_i64(s->T1, cpu_regs[R_ESP], (1 << ot) + extra);
    x86_write_esp(s, s->T1);
    if (ot == MO_16) {
        tcg_gen_ext16u_i64(s->T0, s->T0);
    }
    x86_jmp_indirect(s, s->T0);
    return true;
}

/* C6 /0 mov Eb,Ib; C7 /0 mov Ev,Iz. */
static bool op_mov_imm_rm(DisasContext *s, int b)
{
    MemOp ot = x86_ot_b(s, b);
    int modrm;

    if (x86_has_lock(s)) {
        return false;
    }
    modrm = x86_peek_byte(s);
    if ((modrm >> 3) & 7) {
        return trans_int_ext(s, b);        /* xabort/xbegin */
    }
    s->pc++;
    if (!modrm_is_reg(modrm)) {
        s->rip_offset = x86_imm_size(ot);
        gen_lea_modrm(s, modrm);
    }
    tcg_gen_movi_i64(s->T0, insn_get_signed(s, ot));
    gen_st_modrm(s, modrm, ot, s->T0);
    return true;
}

/* D8-DF: x87 with the ModRM byte; 9B fwait. */
static bool op_x87(DisasContext *s, int b)
{
    if (b == 0x9b) {
        return trans_x87(s, b, -1);
    }
    return trans_x87(s, b, x86_ldub_code(s));
}

/* E0 loopne, E1 loope, E2 loop, E3 jcxz. */
static bool op_loop(DisasContext *s, int b)
{
    int64_t diff;
    TCGLabel *taken = gen_new_label();
    TCGLabel *not_taken = gen_new_label();
    MemOp ot = s->code64 ? MO_64 : s->dflag;
    TCGv_i64 cx = tcg_temp_new_i64();

    if (x86_has_lock(s)) {
        return false;
    }
    diff = (int8_t)x86_ldub_code(s);
    gen_update_cc_op(s);
    if (b == 0xe3) {
        x86_ext(cx, cpu_regs[R_ECX], s->aflag, false);
        tcg_gen_brcondi_i64(TCG_COND_EQ, cx, 0, taken);
    } else {
        tcg_gen_subi_i64(cx, cpu_regs[R_ECX], 1);
        gen_op_mov_reg_v(s, s->aflag, R_ECX, cx);
        x86_ext(cx, cx, s->aflag, false);
        if (b == 0xe2) {
            tcg_gen_brcondi_i64(TCG_COND_NE, cx, 0, taken);
        } else {
            tcg_gen_brcondi_i64(TCG_COND_EQ, cx, 0, not_taken);
            /* E1 loope: ZF set (jz = 4); E0 loopne: ZF clear (5) */
            gen_jcc1(s, b == 0xe1 ? 4 : 5, taken);
        }
    }
    gen_set_label(not_taken);
    gen_jmp_rel(s, ot, 0, 1);
    gen_set_label(taken);
    gen_jmp_rel(s, ot, diff, 0);
    return true;
}

/* E8 call rel, E9 jmp rel, EB jmp rel8. */
static bool op_call_jmp_rel(DisasContext *s, int b)
{
    MemOp ot = s->code64 ? MO_64 : s->dflag;
    int64_t diff;

    if (x86_has_lock(s)) {
        return false;
    }
    if (b == 0xeb) {
        diff = (int8_t)x86_ldub_code(s);
    } else {
        diff = insn_get_signed(s, ot == MO_16 ? MO_16 : MO_32);
    }
    if (b == 0xe8) {
        tcg_gen_movi_i64(s->T0, x86_eip_of(s, s->pc));
        x86_push_sized(s, ot, s->T0);
    }
    gen_jmp_rel(s, ot, diff, 0);
    return true;
}

/* F5 cmc, F8 clc, F9 stc, FC cld, FD std (FA/FB: cli/sti elsewhere). */
static bool op_flag_bits(DisasContext *s, int b)
{
    if (x86_has_lock(s)) {
        return false;
    }
    switch (b) {
    case 0xf5:
        gen_compute_eflags(s);
        tcg_gen_xori_i64(cpu_cc_src, cpu_cc_src, CC_C);
        break;
    case 0xf8:
        gen_compute_eflags(s);
        tcg_gen_andi_i64(cpu_cc_src, cpu_cc_src, ~(uint64_t)CC_C);
        break;
    case 0xf9:
        gen_compute_eflags(s);
        tcg_gen_ori_i64(cpu_cc_src, cpu_cc_src, CC_C);
        break;
    case 0xfc:
        tcg_gen_movi_i32(cpu_df, 1);
        break;
    case 0xfd:
        tcg_gen_movi_i32(cpu_df, -1);
        break;
    default:
        return trans_int_ext(s, b);
    }
    return true;
}

/* F6/F7: /0 /1 test, /2 not, /3 neg; the rest (mul/div) elsewhere. */
static bool op_grp3(DisasContext *s, int b)
{
    MemOp ot = x86_ot_b(s, b);
    int modrm = x86_peek_byte(s);
    int op = (modrm >> 3) & 7;
    bool mem = !modrm_is_reg(modrm);
    int rm = modrm_rm(s, modrm);

    if (op >= 4) {
        return trans_int_ext(s, b);
    }
    s->pc++;
    if (x86_has_lock(s) && (op < 2 || !mem)) {
        return false;
    }
    if (op < 2) {
        s->rip_offset = x86_imm_size(ot);
        gen_ld_modrm(s, modrm, ot, s->T0);
        tcg_gen_movi_i64(s->T1, insn_get_signed(s, ot));
        set_cc_op(s, CC_OP_SIZED(CC_OP_LOGICB, ot));
        tcg_gen_and_i64(cpu_cc_dst, s->T0, s->T1);
        return true;
    }
    if (mem) {
        gen_lea_modrm(s, modrm);
    }
    if (mem && x86_has_lock(s)) {
        if (op == 2) {
            x86_atomic(s, X86_RMW_XOR, ot, tcg_constant_i64(-1));
            return true;
        }
        tcg_gen_mov_i64(s->T0, x86_atomic(s, X86_RMW_NEG, ot,
                                           tcg_constant_i64(0)));
    } else {
        if (mem) {
            gen_op_ld_v(s, ot, s->T0, s->A0);
        } else {
            x86_reg_operand(s, ot, s->T0, rm);
        }
        tcg_gen_xori_i64(s->T1, s->T0, -1);
        if (op == 3) {
            tcg_gen_neg_i64(s->T1, s->T0);
        }
        gen_st_modrm(s, modrm, ot, s->T1);
        if (op == 2) {
            return true;
        }
    }
    /* neg: flags of 0 - x */
    set_cc_op(s, CC_OP_SIZED(CC_OP_SUBB, ot));
    tcg_gen_mov_i64(cpu_cc_src, s->T0);
    tcg_gen_neg_i64(cpu_cc_dst, s->T0);
    return true;
}

/* FE /0 /1: inc/dec Eb; FF: inc dec call callf jmp jmpf push. */
static bool op_grp45(DisasContext *s, int b)
{
    MemOp ot = x86_ot_b(s, b);
    int modrm = x86_peek_byte(s);
    int op = (modrm >> 3) & 7;
    bool mem = !modrm_is_reg(modrm);

    if (b == 0xfe && op >= 2) {
        return false;
    }
    if (op == 3 || op == 5 || op == 7) {
        return trans_int_ext(s, b);        /* far call/jmp */
    }
    s->pc++;
    if (x86_has_lock(s) && (op >= 2 || !mem)) {
        return false;
    }
    if (op < 2) {
        if (mem) {
            gen_lea_modrm(s, modrm);
        }
        gen_incdec(s, ot, mem ? -1 : modrm_rm(s, modrm), op ? -1 : 1);
        return true;
    }
    if (op == 6) {
        ot = mo_pushpop(s, s->dflag);
        gen_ld_modrm(s, modrm, ot, s->T0);
        gen_push_v(s, s->T0);
        return true;
    }
    /* near call / jmp: 64 bits in 64-bit mode */
    ot = s->code64 ? MO_64 : s->dflag;
    gen_ld_modrm(s, modrm, ot, s->T0);
    if (op == 2) {
        tcg_gen_movi_i64(s->T1, x86_eip_of(s, s->pc));
        x86_push_sized(s, ot, s->T1);
    }
    x86_jmp_indirect(s, s->T0);
    return true;
}

/* Map 0: the one-byte opcodes this file translates. */
static const X86OpFn x86_op1_table[256] = {
    [0x00 ... 0x05] = op_alu, [0x08 ... 0x0d] = op_alu,
    [0x10 ... 0x15] = op_alu, [0x18 ... 0x1d] = op_alu,
    [0x20 ... 0x25] = op_alu, [0x28 ... 0x2d] = op_alu,
    [0x30 ... 0x35] = op_alu, [0x38 ... 0x3d] = op_alu,
    [0x40 ... 0x4f] = op_incdec_reg,
    [0x50 ... 0x5f] = op_pushpop_reg,
    [0x60 ... 0x61] = op_pusha_popa,
    [0x63] = op_movsxd,
    [0x68] = op_push_imm, [0x6a] = op_push_imm,
    [0x69] = op_imul_imm, [0x6b] = op_imul_imm,
    [0x70 ... 0x7f] = op_jcc8,
    [0x80 ... 0x83] = op_grp1,
    [0x84 ... 0x85] = op_test, [0xa8 ... 0xa9] = op_test,
    [0x86 ... 0x87] = op_xchg,
    [0x88 ... 0x8b] = op_mov_rm,
    [0x8d] = op_lea,
    [0x8f] = op_pop_rm,
    [0x90 ... 0x97] = op_xchg_ax,
    [0x98 ... 0x99] = op_cbw_cwd,
    [0x9b] = op_x87,
    [0x9c ... 0x9d] = op_pushf_popf,
    [0x9e ... 0x9f] = op_sahf_lahf,
    [0xa0 ... 0xa3] = op_mov_moffs,
    [0xb0 ... 0xbf] = op_mov_imm_reg,
    [0xc2 ... 0xc3] = op_ret,
    [0xc6 ... 0xc7] = op_mov_imm_rm,
    [0xd8 ... 0xdf] = op_x87,
    [0xe0 ... 0xe3] = op_loop,
    [0xe8 ... 0xe9] = op_call_jmp_rel, [0xeb] = op_call_jmp_rel,
    [0xf5] = op_flag_bits, [0xf8 ... 0xf9] = op_flag_bits,
    [0xfc ... 0xfd] = op_flag_bits,
    [0xf6 ... 0xf7] = op_grp3,
    [0xfe ... 0xff] = op_grp45,
};

/* ----------------------------------------------------- 0F-map handlers */

/* 0F 05 syscall, 0F 34 sysenter: to the kernel, eip after the insn
 * (in vm86 mode #GP, which the vm86 monitor reports as unknown). */
static bool op0f_syscall(DisasContext *s, int b)
{
    if (x86_has_lock(s) || (b == 0x34 && s->code64)) {
        return false;
    }
    if (s->vm86) {
        gen_exception_gpf(s);
        return true;
    }
    gen_update_cc_op(s);
    gen_update_eip_next(s);
    tcg_gen_st_i64(cpu_eip, tcg_env(),
                   offsetof(CPUX86State, exception_next_eip));
    x86_raise(EXCP_SYSCALL);
    s->base.is_jmp = DISAS_NORETURN;
    return true;
}

/* 0F 0B ud2. */
static bool op0f_ud2(DisasContext *s, int b)
{
    return false;
}

/* 0F 0D prefetch, 0F 18-1F hint nops (memory form for 0D and 18). */
static bool op0f_hint_nop(DisasContext *s, int b)
{
    int modrm;

    if (x86_has_lock(s)) {
        return false;
    }
    modrm = x86_ldub_code(s);
    if ((b == 0x0d || b == 0x18) && modrm_is_reg(modrm)) {
        return b == 0x18;      /* 0F 18 with mod 3 is a reserved nop */
    }
    x86_skip_modrm(s, modrm);
    return true;
}

/* 0F 40-4F cmovcc Gv, Ev (the load happens whatever the condition). */
static bool op0f_cmov(DisasContext *s, int b)
{
    int modrm, reg;
    MemOp ot = s->dflag;
    X86CC c;

    if (x86_has_lock(s)) {
        return false;
    }
    modrm = x86_ldub_code(s);
    reg = modrm_reg(s, modrm);
    gen_ld_modrm(s, modrm, ot, s->T0);
    gen_op_mov_v_reg(s, ot, s->T1, reg);
    c = x86_prepare_cc(s, b & 15);
    if (c.cond == TCG_COND_ALWAYS) {
        tcg_gen_mov_i64(s->T1, s->T0);
    } else if (c.cond != TCG_COND_NEVER) {
        if (!c.reg2) {
            c.reg2 = tcg_constant_i64(c.imm);
        }
        tcg_gen_movcond_i64(c.cond, s->T1, c.reg, c.reg2, s->T0, s->T1);
    }
    gen_op_mov_reg_v(s, ot, reg, s->T1);
    return true;
}

/* 0F 80-8F jcc rel16/32. */
static bool op0f_jcc(DisasContext *s, int b)
{
    int64_t diff;

    if (x86_has_lock(s)) {
        return false;
    }
    diff = insn_get_signed(s, (!s->code64 && s->dflag == MO_16) ? MO_16
                                                                 : MO_32);
    gen_jcc(s, b & 15, diff);
    return true;
}

/* 0F 90-9F setcc Eb. */
static bool op0f_setcc(DisasContext *s, int b)
{
    int modrm;

    if (x86_has_lock(s)) {
        return false;
    }
    modrm = x86_ldub_code(s);
    if (!modrm_is_reg(modrm)) {
        gen_lea_modrm(s, modrm);
    }
    gen_setcc1(s, b & 15, s->T0);
    gen_st_modrm(s, modrm, MO_8, s->T0);
    return true;
}

/* 0F AF imul Gv, Ev. */
static bool op0f_imul(DisasContext *s, int b)
{
    int modrm;

    if (x86_has_lock(s)) {
        return false;
    }
    modrm = x86_ldub_code(s);
    gen_ld_modrm(s, modrm, s->dflag, s->T0);
    gen_op_mov_v_reg(s, s->dflag, s->T1, modrm_reg(s, modrm));
    gen_imul_reg(s, s->dflag, modrm_reg(s, modrm));
    return true;
}

/* 0F B6/B7 movzx, 0F BE/BF movsx. */
static bool op0f_movx(DisasContext *s, int b)
{
    MemOp src_ot = (b & 1) ? MO_16 : MO_8;
    int modrm;

    if (x86_has_lock(s)) {
        return false;
    }
    modrm = x86_ldub_code(s);
    gen_ld_modrm(s, modrm, src_ot, s->T0);
    x86_ext(s->T0, s->T0, src_ot, b >= 0xbe);
    gen_op_mov_reg_v(s, s->dflag, modrm_reg(s, modrm), s->T0);
    return true;
}

/* 0F AE and 0F C7: the memory forms of the save-state family. */
static bool op0f_fpstate(DisasContext *s, int b)
{
    int modrm = x86_peek_byte(s);
    int op = (modrm >> 3) & 7;
    bool ours;

    if (b == 0xae) {
        ours = op == 0 || op == 1 || op == 4 || op == 5 || op == 6;
    } else {
        ours = op == 4;
    }
    if (modrm_is_reg(modrm) || !ours ||
        (s->prefix & (PREFIX_DATA | PREFIX_REPZ | PREFIX_REPNZ))) {
        return trans_int_ext(s, 0x100 | b) || trans_sse_fp(s, 1, b) ||
               trans_sse_int(s, 1, b);
    }
    s->pc++;
    return trans_fpstate(s, 0x100 | b, modrm);
}

static const X86OpFn x86_op2_table[256] = {
    [0x05] = op0f_syscall, [0x34] = op0f_syscall,
    [0x0b] = op0f_ud2,
    [0x0d] = op0f_hint_nop, [0x18 ... 0x1f] = op0f_hint_nop,
    [0x40 ... 0x4f] = op0f_cmov,
    [0x80 ... 0x8f] = op0f_jcc,
    [0x90 ... 0x9f] = op0f_setcc,
    [0xaf] = op0f_imul,
    [0xb6 ... 0xb7] = op0f_movx, [0xbe ... 0xbf] = op0f_movx,
    [0xae] = op0f_fpstate, [0xc7] = op0f_fpstate,
};

/* ------------------------------------------------------------ decoder */

/* VEX C5 (2 bytes) or C4 (3 bytes): fills s; returns the map. */
static int x86_decode_vex(DisasContext *s, int b)
{
    int b1 = x86_ldub_code(s), b2, map;

    if (b == 0xc5) {
        map = 1;
        b2 = b1;
        s->rex_w = false;
    } else {
        b2 = x86_ldub_code(s);
        map = b1 & 0x1f;
        s->rex_w = (b2 >> 7) & 1;
        if (s->code64) {
            s->rex_x = (~b1 >> 3) & 8;
            s->rex_b = (~b1 >> 2) & 8;
        }
    }
    if (s->code64) {
        s->rex_r = (~b1 >> 4) & 8;
    }
    s->vex_v = (~b2 >> 3) & (s->code64 ? 15 : 7);
    s->vex_l = (b2 >> 2) & 1;
    switch (b2 & 3) {
    case 1:
        s->prefix |= PREFIX_DATA;
        break;
    case 2:
        s->prefix |= PREFIX_REPZ;
        break;
    case 3:
        s->prefix |= PREFIX_REPNZ;
        break;
    }
    s->prefix |= PREFIX_VEX;
    return map;
}

/*
 * 0F-map system instructions: at CPL 3 they raise #GP (SIGSEGV), not
 * #UD, when no part translates them (mov cr/dr, msr, descriptor table
 * loads, invlpg, clts, invd, wbinvd, sysexit, sysret, lldt, ltr).
 */
static bool x86_privileged_0f(DisasContext *s, int b)
{
    int modrm, op;

    switch (b) {
    case 0x06: case 0x07: case 0x08: case 0x09:
    case 0x20: case 0x21: case 0x22: case 0x23:
    case 0x30: case 0x32: case 0x33: case 0x35:
        return true;
    case 0x00:
    case 0x01:
        modrm = x86_peek_byte(s);
        op = (modrm >> 3) & 7;
        if (b == 0x00) {
            return op == 2 || op == 3;
        }
        return !modrm_is_reg(modrm) && (op == 2 || op == 3 || op == 6 ||
                                         op == 7);
    default:
        return false;
    }
}

/* The other parts, for an opcode this file does not translate. */
static bool x86_delegate(DisasContext *s, int map, int b)
{
    if (s->prefix & PREFIX_VEX) {
        if ((map == 2 && b >= 0xf0 && b <= 0xf7) || (map == 3 && b == 0xf0)) {
            return trans_int_ext(s, (map << 8) | b);
        }
        return trans_sse_fp(s, map, b) || trans_sse_int(s, map, b);
    }
    if (map == 0) {
        return trans_int_ext(s, b);
    }
    if (trans_int_ext(s, (map << 8) | b) || trans_sse_fp(s, map, b) ||
        trans_sse_int(s, map, b)) {
        return true;
    }
    if (map == 1 && !(s->prefix & PREFIX_VEX) && x86_privileged_0f(s, b)) {
        gen_exception_gpf(s);
        return true;
    }
    return false;
}

/* Decode and translate one instruction; false = #UD. */
static bool disas_insn(DisasContext *s)
{
    int b, map = 0;
    int prefix = 0;
    X86OpFn fn;

    s->override = -1;
    s->rex_r = s->rex_x = s->rex_b = 0;
    s->rex_w = false;
    s->vex_l = 0;
    s->vex_v = 0;
    s->rip_offset = 0;

    for (;;) {
        b = x86_ldub_code(s);
        switch (b) {
        case 0xf3:
            prefix = (prefix & ~PREFIX_REPNZ) | PREFIX_REPZ;
            break;
        case 0xf2:
            prefix = (prefix & ~PREFIX_REPZ) | PREFIX_REPNZ;
            break;
        case 0xf0:
            prefix |= PREFIX_LOCK;
            break;
        case 0x66:
            prefix |= PREFIX_DATA;
            break;
        case 0x67:
            prefix |= PREFIX_ADR;
            break;
        case 0x26: case 0x2e: case 0x36: case 0x3e:
            if (!s->code64) {
                s->override = (b >> 3) & 3;     /* ES CS SS DS */
            }
            break;
        case 0x64: case 0x65:
            s->override = R_FS + (b & 1);
            break;
        default:
            if (s->code64 && b >= 0x40 && b <= 0x4f) {
                prefix |= PREFIX_REX;
                s->rex_w = (b >> 3) & 1;
                s->rex_r = (b & 4) << 1;
                s->rex_x = (b & 2) << 2;
                s->rex_b = (b & 1) << 3;
                continue;
            }
            goto opcode;
        }
        /* a legacy prefix after REX: that REX is ignored */
        prefix &= ~PREFIX_REX;
        s->rex_w = false;
        s->rex_r = s->rex_x = s->rex_b = 0;
    }
opcode:
    s->prefix = prefix;

    if (s->code64) {
        s->dflag = s->rex_w ? MO_64 : (prefix & PREFIX_DATA) ? MO_16 : MO_32;
        s->aflag = (prefix & PREFIX_ADR) ? MO_32 : MO_64;
    } else {
        s->dflag = (s->code32 ^ !!(prefix & PREFIX_DATA)) ? MO_32 : MO_16;
        s->aflag = (s->code32 ^ !!(prefix & PREFIX_ADR)) ? MO_32 : MO_16;
    }

    if (b == 0xc4 || b == 0xc5) {
        /* outside 64-bit mode, ModRM.mod != 3 makes these LES/LDS */
        if (s->code64 || (x86_peek_byte(s) >> 6) == 3) {
            if (prefix & (PREFIX_REX | PREFIX_LOCK | PREFIX_DATA |
                          PREFIX_REPZ | PREFIX_REPNZ)) {
                return false;
            }
            map = x86_decode_vex(s, b);
            if (map < 1 || map > 3) {
                return false;
            }
            b = x86_ldub_code(s);
            return x86_delegate(s, map, b);
        }
        return trans_int_ext(s, b);
    }

    if (b == 0x0f) {
        b = x86_ldub_code(s);
        map = 1;
        if (b == 0x38 || b == 0x3a) {
            map = b == 0x38 ? 2 : 3;
            b = x86_ldub_code(s);
        }
    }
    fn = map == 0 ? x86_op1_table[b] : map == 1 ? x86_op2_table[b] : NULL;
    if (fn) {
        return fn(s, b);
    }
    return x86_delegate(s, map, b);
}

/* ------------------------------------------------------ translator hooks */

static void x86_init_disas_context(DisasContextBase *db, CPUState *cs)
{
    DisasContext *s = (DisasContext *)db;
    uint32_t flags = db->tb->flags;

    s->cpu = (X86CPU *)cs;
    s->features = s->cpu->features;
    s->cs_base = db->tb->cs_base;
    s->flags = flags;
    s->code64 = (flags & HF_CS64_MASK) != 0;
    s->code32 = (flags & (HF_CS32_MASK | HF_CS64_MASK)) != 0;
    s->ss32 = (flags & HF_SS32_MASK) != 0;
    s->addseg = (flags & HF_ADDSEG_MASK) != 0;
    s->vm86 = (flags & HF_VM_MASK) != 0;
    s->cc_op = CC_OP_DYNAMIC;
    s->cc_op_dirty = false;
    s->cc_op_entry = (CCOp)s->cpu->env.cc_op;
    if (flags & HF_TF_MASK) {
        db->max_insns = 1;
    }
}

static void x86_tb_start(DisasContextBase *db, CPUState *cs)
{
}

static void x86_insn_start(DisasContextBase *db, CPUState *cs)
{
    DisasContext *s = (DisasContext *)db;
    uint64_t words[2] = { db->pc_next, s->cc_op };

    tcg_gen_insn_start(words);
}

/*
 * Self-modifying code on a guest-writable code page: a store into this
 * TB's code invalidates the TB (the page is write-protected; the fault
 * handler drops its TBs and lets the store run) but the host code goes
 * on.  x86 makes the next instruction see the new bytes, so after each
 * instruction of such a TB test its CF_INVALID and leave for the loop,
 * which translates the new code.  Costs a load and a branch per insn,
 * only for code on writable pages (RWX buffers, JITs without W^X).
 */
static void x86_gen_smc_check(DisasContext *s)
{
    TranslationBlock *tb = s->base.tb;
    TCGv_i32 t = tcg_temp_new_i32();
    TCGLabel *same = gen_new_label();

    tcg_gen_ld_i32(t, tcg_constant_ptr((intptr_t)&tb->cflags), 0);
    tcg_gen_andi_i32(t, t, CF_INVALID);
    tcg_gen_brcondi_i32(TCG_COND_EQ, t, 0, same);
    if (s->cc_op_dirty) {
        /* only on this path: the fall-through keeps it pending */
        tcg_gen_movi_i32(cpu_cc_op, s->cc_op);
    }
    gen_update_eip_next(s);
    tcg_gen_exit_tb(NULL, 0);
    gen_set_label(same);
    tcg_temp_free_i32(t);
}

/* Drop the ops emitted after mark (a failed instruction). */
static void x86_drop_ops_after(TCGOp *mark)
{
    while (tcg_ctx->ops_last != mark) {
        tcg_op_remove(tcg_ctx, tcg_ctx->ops_last);
    }
}

static void x86_translate_insn(DisasContextBase *db, CPUState *cs)
{
    DisasContext *s = (DisasContext *)db;
    TCGOp *mark = tcg_ctx->ops_last;
    CCOp saved_cc_op = s->cc_op;
    bool saved_dirty = s->cc_op_dirty;
    volatile int failure;

    s->pc_start = s->pc = db->pc_next;
    x86_fetch_end = s->pc_start;
    s->T0 = tcg_temp_new_i64();
    s->T1 = tcg_temp_new_i64();
    s->A0 = tcg_temp_new_i64();

    failure = sigsetjmp(s->fetch_fail, 0);
    if (failure == 0) {
        if (!disas_insn(s)) {
            x86_drop_ops_after(mark);
            s->cc_op = saved_cc_op;
            s->cc_op_dirty = saved_dirty;
            s->base.is_jmp = DISAS_NEXT;
            gen_illegal_opcode(s);
        }
    } else {
        x86_drop_ops_after(mark);
        s->cc_op = saved_cc_op;
        s->cc_op_dirty = saved_dirty;
        s->base.is_jmp = DISAS_NEXT;
        if (failure == X86_FETCH_PF) {
            /* user-mode instruction fetch; P when the page is mapped */
            int ec = 0x14 | ((page_get_flags(x86_fetch_fault_addr) &
                              PAGE_VALID) ? 1 : 0);

            tcg_gen_st_i64(tcg_constant_i64(x86_fetch_fault_addr), tcg_env(),
                           offsetof(CPUX86State, cr2));
            tcg_gen_st_i32(tcg_constant_i32(ec), tcg_env(),
                           offsetof(CPUX86State, error_code));
            gen_exception(s, EXCP0E_PAGE);
        } else {
            gen_exception_gpf(s);
        }
        /* cover the bytes looked at, so the TB sits on both pages */
        s->pc = x86_fetch_end;
    }
    if (s->base.is_jmp == DISAS_NEXT &&
        ((page_get_flags(s->pc_start) | page_get_flags(s->pc - 1)) &
         PAGE_WRITE)) {
        x86_gen_smc_check(s);
    }
    db->pc_next = s->pc;
    tcg_temp_free_i64(s->T0);
    tcg_temp_free_i64(s->T1);
    tcg_temp_free_i64(s->A0);
}

static void x86_tb_stop(DisasContextBase *db, CPUState *cs)
{
    DisasContext *s = (DisasContext *)db;

    switch ((int)db->is_jmp) {
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        x86_goto_tb(s, 0, x86_eip_of(s, db->pc_next));
        break;
    case DISAS_JUMP:
        gen_update_cc_op(s);
        x86_jump_to_eip(s);
        break;
    case DISAS_EOB_NEXT:
        /* the TB-selecting state changed: back to the loop */
        gen_update_cc_op(s);
        if (s->flags & HF_TF_MASK) {
            x86_raise(EXCP01_DB);
        } else {
            tcg_gen_exit_tb(NULL, 0);
        }
        break;
    default:
        break;
    }
}

static const TranslatorOps x86_translator_ops = {
    .init_disas_context = x86_init_disas_context,
    .tb_start = x86_tb_start,
    .insn_start = x86_insn_start,
    .translate_insn = x86_translate_insn,
    .tb_stop = x86_tb_stop,
};

void x86_translate(CPUState *cs, TranslationBlock *tb, int max_insns)
{
    DisasContext s;

    memset(&s, 0, sizeof(s));
    translator_loop(cs, tb, max_insns, &x86_translator_ops, &s.base);
}

/* ------------------------------------------------------ the other parts */

#include "trans-int.c.inc"
#include "trans-x87.c.inc"
#include "trans-sse-int.c.inc"
#include "trans-sse-fp.c.inc"
