// segv.S: a SIGSEGV handler (SA_SIGINFO) for a load from 0x10 checks
// x0 = 11, siginfo si_addr, ucontext fault_address and the fpsimd record
// magic in __reserved; exit status 42 when all match, 3 otherwise.
    .global _start
_start:
    adr x1, act
    adr x9, handler
    str x9, [x1]
    movz x9, #4
    str x9, [x1, #8]
    movz x0, #11
    movz x2, #0
    movz x3, #8
    movz x8, #134
    svc #0
    movz x10, #0x10
    ldr x11, [x10]
    movz x0, #1
    movz x8, #94
    svc #0
handler:
    ldr x12, [x1, #16]
    subs x12, x12, #0x10
    b.ne bad
    subs x13, x0, #11
    b.ne bad
    ldr x14, [x2, #176]
    subs x14, x14, #0x10
    b.ne bad
    ldr x15, [x2, #464]        // first record magic (fpsimd) low word
    movz x16, #0x8001
    movk x16, #0x4650, lsl #16
    ldr w15, [x2, #464]
    subs x15, x15, x16
    b.ne bad
    movz x0, #42
    movz x8, #94
    svc #0
bad:
    movz x0, #3
    movz x8, #94
    svc #0
    .data
    .balign 16
act: .quad 0, 0, 0, 0
