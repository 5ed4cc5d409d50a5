#!/bin/sh
# tests/linux-user/x86-signals.sh: x86-signals.c (faults, traps, signal
# frames, FP state across a handler), x86-legacy-calls.c (the old and
# the i386-only system calls) and x86-int80-64.c (int $0x80 from 64-bit
# code: the compat table's plain calls, x86_64 only) built static for
# x86_64 (gcc) and i386 (i686-linux-gnu-gcc); the host CPU and kernel
# are the oracle: the emulator's output must equal the native run's.
# Also calls the x86_64 vsyscall page (time, gettimeofday) under
# qemu-x86_64.  Run from the build directory; TAP.

SRC=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/x86-signals-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
n=0

# compare what source arch qemu compiler [cflags]
compare() {
    W=$1 P=$2 A=$3 QEMU=$4 CC=$5
    shift 5
    n=$((n + 1))
    if [ ! -x "$QEMU" ]; then
        echo "ok $n - $A $W match the host # SKIP $QEMU not built"
        return
    fi
    if ! command -v "$CC" >/dev/null 2>&1; then
        echo "ok $n - $A $W match the host # SKIP $CC not installed"
        return
    fi
    if ! "$CC" -O1 -static "$@" -o "$tmp/xs-$A" "$SRC/$P" \
            2>"$tmp/cc.err"; then
        echo "not ok $n - $A $W match the host (build failed)"
        sed 's/^/# /' "$tmp/cc.err" | head -n 5
        return
    fi
    "$tmp/xs-$A" >"$tmp/native-$A" 2>&1
    timeout 30 "$QEMU" "$tmp/xs-$A" >"$tmp/emu-$A" 2>&1
    if cmp -s "$tmp/native-$A" "$tmp/emu-$A" &&
       grep -q '^done$' "$tmp/native-$A"; then
        echo "ok $n - $A $W match the host"
    else
        echo "not ok $n - $A $W match the host"
        diff "$tmp/native-$A" "$tmp/emu-$A" | head -n 10 | sed 's/^/# /'
    fi
}

Q64=${QEMU_X86_64:-./qemu-x86_64} C64=${X86_64_CC:-gcc}
Q32=${QEMU_I386:-./qemu-i386} C32=${I386_CC:-i686-linux-gnu-gcc}
compare "faults and frames" x86-signals.c x86_64 "$Q64" "$C64"
compare "faults and frames" x86-signals.c i386 "$Q32" "$C32" -msse
compare "old system calls" x86-legacy-calls.c x86_64 "$Q64" "$C64"
compare "old system calls" x86-legacy-calls.c i386 "$Q32" "$C32"
compare "int \$0x80 calls" x86-int80-64.c x86_64 "$Q64" "$C64"

n=$((n + 1))
QEMU=${QEMU_X86_64:-./qemu-x86_64}
if [ ! -x "$QEMU" ] || ! command -v gcc >/dev/null 2>&1; then
    echo "ok $n - vsyscall page # SKIP no qemu-x86_64 or gcc"
else
    cat >"$tmp/vs.c" <<'PROG'
#include <stdio.h>
#include <sys/time.h>
#include <time.h>
int main(void)
{
    time_t (*vtime)(time_t *) = (void *)0xffffffffff600400ul;
    int (*vgtod)(struct timeval *, void *) = (void *)0xffffffffff600000ul;
    struct timeval tv;
    time_t t = time(NULL), v = vtime(NULL);
    int r = vgtod(&tv, NULL);

    printf("%d %d %d\n", v >= t && v <= t + 2, r,
           tv.tv_sec >= t && tv.tv_sec <= t + 2);
    return 0;
}
PROG
    gcc -O1 -static -o "$tmp/vs" "$tmp/vs.c" 2>/dev/null
    out=$(timeout 30 "$QEMU" "$tmp/vs" 2>&1)
    if [ "$out" = "1 0 1" ]; then
        echo "ok $n - vsyscall page: time and gettimeofday"
    else
        echo "not ok $n - vsyscall page: time and gettimeofday ($out)"
    fi
fi
