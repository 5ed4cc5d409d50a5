#!/bin/sh
# tests/linux-user/asm-tests.sh: small hand-written AArch64 programs
# (tests/linux-user/asm/*.S, no C library) that check the loader, the
# initial stack, syscalls, signal frames, sigreturn, fork, execve,
# self-modifying code and death by signal under qemu-aarch64, using
# only a handful of instructions.  Run from the build directory; TAP.

SRC=$(cd "$(dirname "$0")" && pwd)
QEMU=${QEMU_AARCH64:-./qemu-aarch64}
CC=${CROSS_CC:-aarch64-linux-gnu-gcc}
tmp=$(mktemp -d /tmp/asm-tests-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
n=0

# run name expected-status expected-stdout program [args]
run() {
    name=$1 want=$2 wantout=$3
    shift 3
    n=$((n + 1))
    if [ -n "$why" ]; then
        echo "ok $n - $name # SKIP $why"
        return
    fi
    out=$(cd "$tmp" && timeout 20 "$QEMU" "$@" 2>"$tmp/err")
    status=$?
    if [ "$status" = "$want" ] && [ "$out" = "$wantout" ]; then
        echo "ok $n - $name"
    else
        echo "not ok $n - $name (status $status, want $want; output '$out')"
        head -n 5 "$tmp/err" | sed 's/^/# /'
    fi
}

why=
if [ ! -x "$QEMU" ]; then
    why="qemu-aarch64 not built"
elif ! command -v "$CC" >/dev/null 2>&1; then
    why="$CC not installed"
else
    QEMU=$(cd "$(dirname "$QEMU")" && pwd)/$(basename "$QEMU")
    for s in hello segv usr1 fork smc exec thread; do
        "$CC" -nostdlib -static -o "$tmp/$s" "$SRC/asm/$s.S" ||
            why="cannot assemble $s.S"
    done
    printf '\t.global _start\n_start:\n\tmovz x1, #0x10\n\tldr x0, [x1]\n' \
        >"$tmp/fault.S"
    printf '\t.global _start\n_start:\n\t.word 0\n' >"$tmp/udf.S"
    printf '\t.global _start\n_start:\n\tbrk #0\n' >"$tmp/brk.S"
    printf '\t.global _start\n_start:\n\tmovz x8, #400\n\tsvc #0\n\tadd x0, x0, #47\n\tmovz x8, #94\n\tsvc #0\n' >"$tmp/nosys.S"
    for s in fault udf brk nosys; do
        "$CC" -nostdlib -static -o "$tmp/$s" "$tmp/$s.S" || why="cannot assemble $s"
    done
fi

nl='
'
run "write and exit_group" 6 "hello" ./hello
run "argv on the initial stack" 7 "hello${nl}world" ./hello world
run "-0 sets argv[0] only" 7 "hello${nl}x" -0 other ./hello x
run "SIGSEGV handler gets signo, si_addr, fault_address, fpsimd record" 42 "" ./segv
run "handler returns through rt_sigreturn with registers restored" 40 "" ./usr1
run "fork and wait4" 15 "" ./fork
run "store to translated code (self-modifying code)" 23 "" ./smc
run "clone of a thread with TLS, child-tid futex wake" 21 "" ./thread
run "execve of another guest program" 7 "hello${nl}exec-ok" ./exec
run "unhandled SIGSEGV kills with the signal" 139 "" ./fault
run "undefined instruction kills with SIGILL" 132 "" ./udf
run "brk kills with SIGTRAP" 133 "" ./brk
run "-strace does not disturb the program" 6 "hello" -strace ./hello
n=$((n + 1))
if [ -n "$why" ]; then
    echo "ok $n - -strace prints decoded calls # SKIP $why"
elif grep -q '^[0-9]* write(1,0x[0-9a-f]*,6) = 6$' "$tmp/err" &&
     grep -q '^[0-9]* exit_group(6)' "$tmp/err"; then
    echo "ok $n - -strace prints decoded calls"
else
    echo "not ok $n - -strace prints decoded calls"
    head -n 5 "$tmp/err" | sed 's/^/# /'
fi
run "unknown syscall returns ENOSYS" 9 "" -d unimp ./nosys
n=$((n + 1))
if [ -n "$why" ]; then
    echo "ok $n - -d unimp logs the unknown syscall # SKIP $why"
elif grep -q 'Unsupported syscall: 400' "$tmp/err"; then
    echo "ok $n - -d unimp logs the unknown syscall"
else
    echo "not ok $n - -d unimp logs the unknown syscall"
fi
