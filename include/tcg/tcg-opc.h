/*
 * tcg-opc.h: every TCG op, defined once.
 *
 * DEF(name, outputs, inputs, constant args, flags)
 *
 * Include with DEF defined to build the opcode enum, the name table and
 * the op definitions (tcg.c).  Ops marked TCG_OPF_INT are type-generic:
 * op->type says whether they work on i32 or i64 values.  Other ops have
 * fixed operand types documented beside them.
 *
 * Ordering: none of the code depends on the order of the entries, but
 * keep families together so the -d op listing reads well.
 *
 * Operand order is outputs, then inputs, then constants.  Conventions:
 *   ld*:       out, base (ptr), const offset
 *   st*:       value, base (ptr), const offset
 *   brcond:    in1, in2, const cond, const label
 *   setcond:   out, in1, in2, const cond
 *   movcond:   out, c1, c2, v1, v2, const cond    (out = c1 cond c2 ? v1 : v2)
 *   deposit:   out, base, val, const pos, const len
 *   extract:   out, in, const pos, const len
 *   extract2:  out, lo, hi, const pos             (out = (hi:lo) >> pos)
 *   clz/ctz:   out, in, value-if-in-is-zero
 *   add2/sub2: out_lo, out_hi, a_lo, a_hi, b_lo, b_hi
 *   mulu2/muls2: out_lo, out_hi, a, b             (double-width product)
 *   div2/divu2: out_quot, out_rem, num_lo, num_hi, divisor
 *   qemu_ld:   out, addr (guest address type), const MemOpIdx
 *   qemu_st:   value, addr, const MemOpIdx
 *   qemu_ld2:  lo, hi, addr, const MemOpIdx        (system mode; lo at addr)
 *   qemu_st2:  lo, hi, addr, const MemOpIdx
 *   bswap16/32: the swapped bytes, zero-extended; higher input bits ignored
 *
 * Division by zero and INT_MIN / -1 are undefined in the IR: frontends
 * emit the guest's own behaviour around the division.  Shift and rotate
 * counts must be below the operand width.
 */

DEF(discard, 1, 0, 0, TCG_OPF_NOT_PRESENT | TCG_OPF_INT)
DEF(set_label, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_NOT_PRESENT)
DEF(br, 0, 0, 1, TCG_OPF_BB_END)
DEF(brcond, 0, 2, 2, TCG_OPF_BB_END | TCG_OPF_COND_BRANCH | TCG_OPF_INT)
DEF(mb, 0, 0, 1, TCG_OPF_SIDE_EFFECTS)

DEF(mov, 1, 1, 0, TCG_OPF_NOT_PRESENT | TCG_OPF_INT)
DEF(setcond, 1, 2, 1, TCG_OPF_INT)
DEF(negsetcond, 1, 2, 1, TCG_OPF_INT)
DEF(movcond, 1, 4, 1, TCG_OPF_INT)

/* loads and stores relative to a host pointer (the CPU state) */
DEF(ld8u, 1, 1, 1, TCG_OPF_INT)
DEF(ld8s, 1, 1, 1, TCG_OPF_INT)
DEF(ld16u, 1, 1, 1, TCG_OPF_INT)
DEF(ld16s, 1, 1, 1, TCG_OPF_INT)
DEF(ld32u, 1, 1, 1, TCG_OPF_INT)     /* i64 only */
DEF(ld32s, 1, 1, 1, TCG_OPF_INT)     /* i64 only */
DEF(ld, 1, 1, 1, TCG_OPF_INT)
DEF(st8, 0, 2, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_INT)
DEF(st16, 0, 2, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_INT)
DEF(st32, 0, 2, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_INT)  /* i64 only */
DEF(st, 0, 2, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_INT)

/* arithmetic */
DEF(add, 1, 2, 0, TCG_OPF_INT)
DEF(sub, 1, 2, 0, TCG_OPF_INT)
DEF(mul, 1, 2, 0, TCG_OPF_INT)
DEF(neg, 1, 1, 0, TCG_OPF_INT)
DEF(div, 1, 2, 0, TCG_OPF_INT)
DEF(divu, 1, 2, 0, TCG_OPF_INT)
DEF(rem, 1, 2, 0, TCG_OPF_INT)
DEF(remu, 1, 2, 0, TCG_OPF_INT)
DEF(div2, 2, 3, 0, TCG_OPF_INT)
DEF(divu2, 2, 3, 0, TCG_OPF_INT)
DEF(mulu2, 2, 2, 0, TCG_OPF_INT)
DEF(muls2, 2, 2, 0, TCG_OPF_INT)
DEF(muluh, 1, 2, 0, TCG_OPF_INT)
DEF(mulsh, 1, 2, 0, TCG_OPF_INT)
DEF(add2, 2, 4, 0, TCG_OPF_INT)
DEF(sub2, 2, 4, 0, TCG_OPF_INT)

/* logic */
DEF(and, 1, 2, 0, TCG_OPF_INT)
DEF(or, 1, 2, 0, TCG_OPF_INT)
DEF(xor, 1, 2, 0, TCG_OPF_INT)
DEF(not, 1, 1, 0, TCG_OPF_INT)
DEF(andc, 1, 2, 0, TCG_OPF_INT)
DEF(orc, 1, 2, 0, TCG_OPF_INT)
DEF(eqv, 1, 2, 0, TCG_OPF_INT)
DEF(nand, 1, 2, 0, TCG_OPF_INT)
DEF(nor, 1, 2, 0, TCG_OPF_INT)

/* shifts and rotates */
DEF(shl, 1, 2, 0, TCG_OPF_INT)
DEF(shr, 1, 2, 0, TCG_OPF_INT)
DEF(sar, 1, 2, 0, TCG_OPF_INT)
DEF(rotl, 1, 2, 0, TCG_OPF_INT)
DEF(rotr, 1, 2, 0, TCG_OPF_INT)

/* bit fields and counts */
DEF(deposit, 1, 2, 2, TCG_OPF_INT)
DEF(extract, 1, 1, 2, TCG_OPF_INT)
DEF(sextract, 1, 1, 2, TCG_OPF_INT)
DEF(extract2, 1, 2, 1, TCG_OPF_INT)
DEF(clz, 1, 2, 0, TCG_OPF_INT)
DEF(ctz, 1, 2, 0, TCG_OPF_INT)
DEF(ctpop, 1, 1, 0, TCG_OPF_INT)
DEF(bswap16, 1, 1, 0, TCG_OPF_INT)
DEF(bswap32, 1, 1, 0, TCG_OPF_INT)
DEF(bswap64, 1, 1, 0, TCG_OPF_INT)   /* i64 only */

/* extensions within a type, and between i32 and i64 */
DEF(ext8s, 1, 1, 0, TCG_OPF_INT)
DEF(ext8u, 1, 1, 0, TCG_OPF_INT)
DEF(ext16s, 1, 1, 0, TCG_OPF_INT)
DEF(ext16u, 1, 1, 0, TCG_OPF_INT)
DEF(ext32s, 1, 1, 0, TCG_OPF_INT)    /* i64 only */
DEF(ext32u, 1, 1, 0, TCG_OPF_INT)    /* i64 only */
DEF(ext_i32_i64, 1, 1, 0, 0)         /* i64 out, i32 in, sign-extend */
DEF(extu_i32_i64, 1, 1, 0, 0)        /* i64 out, i32 in, zero-extend */
DEF(extrl_i64_i32, 1, 1, 0, 0)       /* i32 out, i64 in, low half */
DEF(extrh_i64_i32, 1, 1, 0, 0)       /* i32 out, i64 in, high half */

/* guest memory */
DEF(qemu_ld, 1, 1, 1, TCG_OPF_MAY_FAULT | TCG_OPF_SIDE_EFFECTS | TCG_OPF_INT)
DEF(qemu_st, 0, 2, 1, TCG_OPF_MAY_FAULT | TCG_OPF_SIDE_EFFECTS | TCG_OPF_INT)
/* Two elements at addr and addr + size (tcg_gen_qemu_ld2/st2). */
DEF(qemu_ld2, 2, 1, 1, TCG_OPF_MAY_FAULT | TCG_OPF_SIDE_EFFECTS | TCG_OPF_INT)
DEF(qemu_st2, 0, 3, 1, TCG_OPF_MAY_FAULT | TCG_OPF_SIDE_EFFECTS | TCG_OPF_INT)

/* control */
DEF(call, 0, 0, 0, TCG_OPF_CALL_CLOBBER | TCG_OPF_NOT_PRESENT)
DEF(insn_start, 0, 0, TCG_INSN_START_WORDS_MAX, TCG_OPF_NOT_PRESENT)
DEF(exit_tb, 0, 0, 1, TCG_OPF_BB_EXIT | TCG_OPF_BB_END)
DEF(goto_tb, 0, 0, 1, TCG_OPF_BB_EXIT | TCG_OPF_BB_END)
DEF(goto_ptr, 0, 1, 0, TCG_OPF_BB_EXIT | TCG_OPF_BB_END)

#undef DEF
