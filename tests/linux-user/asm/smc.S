// smc.S: calls func, overwrites its first instruction, calls it again:
// the store hits a page holding translated code; exit status 23 when the
// new code ran (1 + 2 + 20).
    .global _start
_start:
    adrp x0, func
    movz x1, #0x1000
    movz x2, #7
    movz x8, #226
    svc #0
    cbnz x0, bad
    bl func
    mov x19, x0
    adr x1, func
    adr x2, newinsn
    ldr w3, [x2]
    str w3, [x1]
    bl func
    add x0, x0, x19        // 1 + 2 = 3
    add x0, x0, #20
    movz x8, #94
    svc #0
bad:
    movz x0, #99
    movz x8, #94
    svc #0
func:
    movz x0, #1
    ret
newinsn:
    movz x0, #2
