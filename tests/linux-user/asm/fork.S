// fork.S: clone(SIGCHLD) as fork; the child exits 5, the parent's wait4
// reads it; exit status 15.
    .global _start
_start:
    movz x0, #17
    movz x1, #0
    movz x2, #0
    movz x3, #0
    movz x4, #0
    movz x8, #220
    svc #0
    cbnz x0, parent
    movz x0, #5
    movz x8, #94
    svc #0
parent:
    movz x0, #0
    sub x0, x0, #1
    adr x1, status
    movz x2, #0
    movz x3, #0
    movz x8, #260
    svc #0
    adr x1, status
    ldrb w0, [x1, #1]
    add x0, x0, #10
    movz x8, #94
    svc #0
    .data
    .balign 16
status: .quad 0
