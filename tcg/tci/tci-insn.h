/*
 * tci-insn.h: the bytecode of the TCG interpreter, shared by the emitter
 * (tcg/tci/tcg-target.c.inc) and the interpreter (tcg/tci.c).
 *
 * Every instruction starts with one 32-bit host-endian word
 * (read and written with memcpy, so no alignment is required):
 *
 *   bits  0..7   opcode (TCI_*)
 *   bits  8..11  field A    usually the first output register
 *   bits 12..15  field B
 *   bits 16..19  field C
 *   bits 20..23  field D
 *   bits 24..27  field E
 *   bits 28..31  field F
 *
 * Registers are 4-bit numbers of the 16 virtual registers.  Some
 * instructions reuse the upper bits for an immediate and some are
 * followed by extra words:
 *
 *   movi        A = reg, bits 12..31 = signed 20-bit value
 *   movi_u32    A = reg, then a 32-bit word, zero-extended
 *   movi_s32    A = reg, then a 32-bit word, sign-extended
 *   movi64      A = reg, then a 64-bit value
 *   ld / st     A = value, B = base (host pointer), bits 16..31 = signed
 *               16-bit offset
 *   sti*        a constant store: B and the offset as for st, then the
 *               value: a 32-bit word (sti32: stored as 32 bits; sti64_s32:
 *               sign-extended to 64) or a 64-bit value (sti64)
 *   setcond     A = out, B, C = inputs, D = TCGCond
 *   <op>i       the forms with a constant second operand: a signed
 *               12-bit immediate in bits 20..31.  addi..rotri: A = out,
 *               B = in; setcondi, negsetcondi: A = out, B = in,
 *               C = TCGCond; brcondi: A = in, C = TCGCond, then the
 *               displacement as for brcond
 *   movcond     A = out, B, C = compared, D, E = values, F = TCGCond
 *   brcond      A, B = compared, C = TCGCond, then a 32-bit displacement
 *               relative to the address of that displacement word
 *   br          then a 32-bit displacement, as for brcond
 *   deposit     A = out, B = base, C = value, bits 20..25 = pos,
 *               bits 26..31 = len - 1
 *   extract     A = out, B = in, bits 16..21 = pos, bits 22..27 = len - 1
 *   extract2    A = out, B = lo, C = hi, bits 20..26 = pos (0..64)
 *   qemu_ld/st  A = value, B = guest address, bits 16..27 = MemOpIdx,
 *               bit 28 = the address is 32-bit (zero-extend it),
 *               bit 29 = the value is an i64
 *   call        bits 8..9 = result kind (TCI_CALL_RET_*), bits 12..15 =
 *               number of arguments (in R0..R7), then the 64-bit function
 *   exit        then the 64-bit value to return
 *   goto_tb     zero padding up to the next 8-byte boundary, then an
 *               8-byte slot holding the absolute address to continue at
 *               (patched atomically to chain TBs)
 *   goto_ptr    A = register holding the address to continue at
 *
 * Opcodes ending in _i32 / _i64 exist for both operand widths; the i32
 * forms truncate their result so the register stays zero-extended.
 */
#ifndef TCI_INSN_H
#define TCI_INSN_H

/* Opcodes that do not depend on the operand width, or encode it. */
#define TCI_UNTYPED_OPS(X) \
    X(nop) X(exit) X(goto_tb) X(goto_ptr) X(br) X(mb) X(call) \
    X(movi) X(movi_u32) X(movi_s32) X(movi64) \
    X(ld8u) X(ld8s_i32) X(ld8s) X(ld16u) X(ld16s_i32) X(ld16s) \
    X(ld32u) X(ld32s) X(ld64) X(st8) X(st16) X(st32) X(st64) \
    X(sti32) X(sti64_s32) X(sti64) \
    X(ext8u) X(ext16u) X(ext32s) X(ext32u) X(extrh) \
    X(bswap16) X(bswap32) X(bswap64) \
    X(qemu_ld) X(qemu_st)

/* Opcodes that come in an _i32 and an _i64 flavour (in that order). */
#define TCI_TYPED_OPS(X) \
    X(mov) X(brcond) X(setcond) X(negsetcond) X(movcond) \
    X(add) X(sub) X(mul) X(neg) X(div) X(divu) X(rem) X(remu) \
    X(div2) X(divu2) X(mulu2) X(muls2) X(muluh) X(mulsh) X(add2) X(sub2) \
    X(and) X(or) X(xor) X(not) X(andc) X(orc) X(eqv) X(nand) X(nor) \
    X(shl) X(shr) X(sar) X(rotl) X(rotr) \
    X(deposit) X(extract) X(sextract) X(extract2) \
    X(clz) X(ctz) X(ctpop) X(ext8s) X(ext16s) \
    X(addi) X(subi) X(muli) X(andi) X(ori) X(xori) \
    X(shli) X(shri) X(sari) X(rotli) X(rotri) \
    X(brcondi) X(setcondi) X(negsetcondi)

typedef enum TCIOpcode {
#define TCI_ENUM_UNTYPED(n) TCI_##n,
#define TCI_ENUM_TYPED(n) TCI_##n##_i32, TCI_##n##_i64,
    TCI_UNTYPED_OPS(TCI_ENUM_UNTYPED)
    TCI_TYPED_OPS(TCI_ENUM_TYPED)
#undef TCI_ENUM_UNTYPED
#undef TCI_ENUM_TYPED
    TCI_NB_OPS
} TCIOpcode;

_Static_assert(TCI_NB_OPS <= 256, "TCI opcodes must fit 8 bits");

/* Result kinds of a call. */
enum {
    TCI_CALL_RET_VOID = 0,
    TCI_CALL_RET_I32 = 1,
    TCI_CALL_RET_I64 = 2,
};

/* Field extraction. */
#define TCI_OPC(w) ((w) & 0xff)
#define TCI_FA(w) (((w) >> 8) & 15)
#define TCI_FB(w) (((w) >> 12) & 15)
#define TCI_FC(w) (((w) >> 16) & 15)
#define TCI_FD(w) (((w) >> 20) & 15)
#define TCI_FE(w) (((w) >> 24) & 15)
#define TCI_FF(w) (((w) >> 28) & 15)
/* The signed 12-bit immediate of the <op>i forms. */
#define TCI_IMM12(w) ((int64_t)(int32_t)(w) >> 20)
#define TCI_IMM12_MIN (-2048)
#define TCI_IMM12_MAX 2047

#define TCI_QEMU_ADDR32 (1u << 28)
#define TCI_QEMU_I64 (1u << 29)

#endif
