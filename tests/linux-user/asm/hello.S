// hello.S: write(1, "hello\n"), then argv[1] if argc == 2 (read from the
// initial stack); exit status argc + 5.
    .global _start
_start:
    ldr x19, [sp]            // argc
    movz x0, #1
    adr x1, msg
    movz x2, #6
    movz x8, #64             // write
    svc #0
    // print argv[1] if present: strlen loop
    subs x3, x19, #2
    b.ne 1f
    ldr x1, [sp, #16]
    mov x4, x1
    movz x2, #0
2:  ldrb w5, [x4]
    cbz x5, 3f
    add x4, x4, #1
    add x2, x2, #1
    b 2b
3:  movz x0, #1
    movz x8, #64
    svc #0
1:  mov x0, x19
    add x0, x0, #5
    movz x8, #94             // exit_group
    svc #0
msg: .ascii "hello\n"
