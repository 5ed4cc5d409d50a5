#!/bin/sh
# tests/linux-user/x86-vdso.sh: x86-vdso.c (the vDSO found through
# AT_SYSINFO_EHDR and parsed by hand, its calls checked against the plain
# system calls; i386: __kernel_vsyscall, sysenter, the sigreturn
# trampolines) for x86_64 (gcc) and i386 (i686-linux-gnu-gcc), static
# and dynamic (-DTEST_DYNAMIC: the dynamic linker binds the versioned
# symbols too).  Each program runs natively first (the host kernel's
# vDSO has the same symbols: this checks the test itself) and then under
# the emulator; both must pass.  Run from the build directory; TAP.

SRC=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/x86-vdso-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
n=0

# one arch link qemu compiler [qemu options]
one() {
    A=$1 L=$2 QEMU=$3 CC=$4
    shift 4
    n=$((n + 1))
    label="$A $L vDSO"
    if [ ! -x "$QEMU" ]; then
        echo "ok $n - $label # SKIP $QEMU not built"
        return
    fi
    if ! command -v "$CC" >/dev/null 2>&1; then
        echo "ok $n - $label # SKIP $CC not installed"
        return
    fi
    prog=$tmp/vdso-$A-$L
    if [ "$L" = static ]; then
        flags="-static"
    else
        flags="-DTEST_DYNAMIC"
    fi
    if ! "$CC" -O1 $flags -o "$prog" "$SRC/x86-vdso.c" -ldl \
            2>"$tmp/cc.err"; then
        echo "not ok $n - $label (build failed)"
        sed 's/^/# /' "$tmp/cc.err" | head -n 5
        return
    fi
    if ! "$prog" >"$tmp/native" 2>&1; then
        echo "ok $n - $label # SKIP the native run fails (host vDSO?)"
        grep '^not ok' "$tmp/native" | head -n 3 | sed 's/^/# /'
        return
    fi
    if timeout 30 "$QEMU" "$@" "$prog" >"$tmp/emu" 2>&1 &&
       ! grep -q '^not ok' "$tmp/emu" && grep -q '^1\.\.' "$tmp/emu"; then
        echo "ok $n - $label: $(grep -c '^ok' "$tmp/emu") checks pass"
    else
        echo "not ok $n - $label"
        grep -v '^ok' "$tmp/emu" | head -n 8 | sed 's/^/# /'
    fi
}

Q64=${QEMU_X86_64:-./qemu-x86_64} C64=${X86_64_CC:-gcc}
Q32=${QEMU_I386:-./qemu-i386} C32=${I386_CC:-i686-linux-gnu-gcc}
one x86_64 static "$Q64" "$C64"
one x86_64 dynamic "$Q64" "$C64" -L /
one i386 static "$Q32" "$C32"
one i386 dynamic "$Q32" "$C32" -L /usr/i686-linux-gnu -E LD_LIBRARY_PATH=/lib
