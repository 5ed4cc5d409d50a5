// exec.S: execve("./hello", {"./hello", "exec-ok"}) from a guest program;
// status 7 and hello's output, 77 if execve returned.
    .global _start
_start:
    adr x0, path
    adr x1, argv
    movz x2, #0
    movz x8, #221
    svc #0
    movz x0, #77
    movz x8, #94
    svc #0
    .data
    .balign 8
argv: .quad path, arg1, 0
path: .asciz "./hello"
arg1: .asciz "exec-ok"
