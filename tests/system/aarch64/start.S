/*
 * start.S: entry point and exception vectors of the bare-metal tests.
 *
 * The board starts CPU 0 at _start at EL1 with the MMU off.  We set up
 * the stack, enable FP/SIMD (CPACR_EL1.FPEN) so that nothing traps if the
 * compiler uses it, clear .bss, install the vector table and call
 * main().  A program that returns from main powers off (tap_done).
 *
 * Every vector saves x0..x30, SP (before the exception), ELR_EL1,
 * SPSR_EL1, ESR_EL1 and FAR_EL1 into an ExcFrame (see runtime.h) on the
 * current stack, calls exc_dispatch(frame, vector_index) and restores
 * the frame, so a handler may change any register, ELR or SPSR before
 * the ERET.  Vector index = offset / 0x80 (0..15).
 *
 * Secondary CPUs started by PSCI CPU_ON enter at secondary_entry with
 * x0 = context_id = the top of their stack; they call secondary_main.
 */

#define FRAME_SIZE  (36 * 8)

    .section .text.start, "ax"
    .global _start
_start:
    ldr     x1, =stack_top
    mov     sp, x1
    bl      cpu_common_init
    /* Clear .bss (8-byte aligned by the linker script). */
    ldr     x1, =__bss_start
    ldr     x2, =__bss_end
1:  cmp     x1, x2
    b.hs    2f
    str     xzr, [x1], #8
    b       1b
2:  bl      main
    bl      tap_done
3:  wfi
    b       3b

    .global secondary_entry
secondary_entry:
    mov     sp, x0
    bl      cpu_common_init
    bl      secondary_main
4:  wfi
    b       4b

/* Per-CPU set-up: FP/SIMD on, vectors, SPSel = 1.  Keeps x0. */
cpu_common_init:
    ldr     x9, =0x30d00800             /* SCTLR_EL1: RES1 bits, MMU off */
    msr     sctlr_el1, x9
    isb
    mov     x9, #(3 << 20)
    msr     cpacr_el1, x9
    ldr     x9, =vectors
    msr     vbar_el1, x9
    msr     spsel, #1
    isb
    ret

/* One vector entry: room for 32 instructions, here a branch to a stub. */
.macro VENTRY idx
    .balign 0x80
    sub     sp, sp, #FRAME_SIZE
    stp     x0, x1, [sp, #0]
    mov     x0, #\idx
    b       exc_common
.endm

    .balign 0x800
    .global vectors
vectors:
    VENTRY 0
    VENTRY 1
    VENTRY 2
    VENTRY 3
    VENTRY 4
    VENTRY 5
    VENTRY 6
    VENTRY 7
    VENTRY 8
    VENTRY 9
    VENTRY 10
    VENTRY 11
    VENTRY 12
    VENTRY 13
    VENTRY 14
    VENTRY 15

exc_common:
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
    /* x0 holds the vector index; the frame's x0 was saved by VENTRY. */
    add     x2, sp, #FRAME_SIZE
    stp     x30, x2, [sp, #240]         /* x30, sp at the exception */
    mrs     x2, elr_el1
    mrs     x3, spsr_el1
    stp     x2, x3, [sp, #256]
    mrs     x2, esr_el1
    mrs     x3, far_el1
    stp     x2, x3, [sp, #272]
    mov     x1, x0
    mov     x0, sp
    bl      exc_dispatch
    ldp     x2, x3, [sp, #256]
    msr     elr_el1, x2
    msr     spsr_el1, x3
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x19, [sp, #144]
    ldp     x20, x21, [sp, #160]
    ldp     x22, x23, [sp, #176]
    ldp     x24, x25, [sp, #192]
    ldp     x26, x27, [sp, #208]
    ldp     x28, x29, [sp, #224]
    ldr     x30, [sp, #240]
    ldp     x0, x1, [sp, #0]
    add     sp, sp, #FRAME_SIZE
    eret

/*
 * uint64_t run_at_el0(fn, arg): ERET to fn at EL0t with x0 = arg, SP_EL0
 * = the top of rt_el0_stack and x30 = rt_el0_exit (svc #0xe0), so a
 * plain return from fn comes back here through exc.c, at rt_el0_return
 * with x0 = our saved SP.
 */
    .global run_at_el0
run_at_el0:
    stp     x29, x30, [sp, #-96]!
    stp     x19, x20, [sp, #16]
    stp     x21, x22, [sp, #32]
    stp     x23, x24, [sp, #48]
    stp     x25, x26, [sp, #64]
    stp     x27, x28, [sp, #80]
    mov     x2, sp
    ldr     x3, =rt_el0_saved_sp
    str     x2, [x3]
    msr     elr_el1, x0
    ldr     x2, =rt_el0_stack_top
    msr     sp_el0, x2
    mov     x2, #0x3c0                  /* EL0t, DAIF masked */
    msr     spsr_el1, x2
    mov     x0, x1
    ldr     x30, =rt_el0_exit
    eret
    .global rt_el0_return
rt_el0_return:
    mov     sp, x0
    ldp     x19, x20, [sp, #16]
    ldp     x21, x22, [sp, #32]
    ldp     x23, x24, [sp, #48]
    ldp     x25, x26, [sp, #64]
    ldp     x27, x28, [sp, #80]
    ldp     x29, x30, [sp], #96
    ldr     x0, =rt_el0_result
    ldr     x0, [x0]
    ret

    .ltorg

/* EL0 code: the mmu test maps this section EL0-executable. */
    .section .el0text, "ax"
    .global rt_el0_exit
rt_el0_exit:
    svc     #0xe0
    b       rt_el0_exit

    .bss
    .balign 8
    .global rt_el0_saved_sp, rt_el0_result
rt_el0_saved_sp: .skip 8
rt_el0_result: .skip 8
