// thread.S: clone(CLONE_VM|CLONE_THREAD|CLONE_SETTLS|CLONE_PARENT_SETTID|
// CLONE_CHILD_CLEARTID...) runs a second guest thread with its own stack
// and TLS; the parent waits on the child-tid futex as pthread_join does.
// Exit status 21 = the child's flag (5) + the child's TLS value (16).
    .global _start
_start:
    movz x0, #0x0f00
    movk x0, #0x3d, lsl #16
    adr x1, stack_top
    ldr x1, [x1]
    adr x2, ctid
    movz x3, #0x10
    adr x4, ctid
    movz x8, #220
    svc #0
    cbz x0, child
wait:
    adr x9, ctid
    ldr w2, [x9]
    cbz x2, done
    mov x0, x9
    movz x1, #0
    movz x3, #0
    movz x8, #98
    svc #0
    b wait
done:
    adr x9, flag
    ldr x0, [x9]
    adr x9, tlsv
    ldr x1, [x9]
    add x0, x0, x1
    movz x8, #94
    svc #0
child:
    adr x9, flag
    movz x10, #5
    str x10, [x9]
    mrs x11, tpidr_el0
    adr x9, tlsv
    str x11, [x9]
    movz x0, #0
    movz x8, #93
    svc #0
    .data
    .balign 16
stack_top: .quad stack + 16384
ctid: .quad 0
flag: .quad 0
tlsv: .quad 0
    .bss
    .balign 16
stack: .space 16384
