// usr1.S: kill(getpid(), SIGUSR1) runs a handler that returns through the
// sigreturn trampoline; x19 (changed by the handler) must be restored.
// Exit status 40 = flag 1 + x19 7 + 32.
    .global _start
_start:
    adr x1, act
    adr x9, handler
    str x9, [x1]
    movz x0, #10
    movz x2, #0
    movz x3, #8
    movz x8, #134
    svc #0
    movz x19, #7
    movz x8, #172
    svc #0
    movz x1, #10
    movz x8, #129
    svc #0
    adr x9, flag
    ldr x0, [x9]
    add x0, x0, x19        // 1 + 7 if x19 survived
    add x0, x0, #32
    movz x8, #94
    svc #0
handler:
    adr x9, flag
    movz x10, #1
    str x10, [x9]
    movz x19, #100
    ret
    .data
    .balign 16
act: .quad 0, 0, 0, 0
flag: .quad 0
