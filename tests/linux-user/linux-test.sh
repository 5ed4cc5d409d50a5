#!/bin/sh
# tests/linux-user/linux-test.sh: builds tests/linux-user/linux-test.c for
# each user-mode target (static, and dynamic run with -L <sysroot>) and
# runs it under the emulator; its own TAP lines are passed on, renumbered
# and labelled with the target.  A target whose emulator or compiler is
# missing is skipped.  Run from the build directory.
#   aarch64  ./qemu-aarch64  aarch64-linux-gnu-gcc  -L /usr/aarch64-linux-gnu
#   x86_64   ./qemu-x86_64   gcc                    -L /
#   i386     ./qemu-i386     i686-linux-gnu-gcc     -L /usr/i686-linux-gnu
#   armhf    ./qemu-arm      arm-linux-gnueabihf-gcc -L /usr/arm-linux-gnueabihf
#   armel    ./qemu-arm      arm-linux-gnueabi-gcc  -L /usr/arm-linux-gnueabi

SRC=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/linux-test-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
n=0

# run label program [qemu options]
run() {
    label=$1 prog=$2
    shift 2
    (cd "$tmp" && timeout 120 "$QEMU" "$@" "$prog") >"$tmp/out" 2>"$tmp/err"
    status=$?
    while IFS= read -r line; do
        case "$line" in
        "ok "*|"not ok "*)
            n=$((n + 1))
            ok=${line%% [0-9]*}
            rest=$(echo "$line" | sed 's/^\(not \)\{0,1\}ok [0-9]* - //')
            echo "$ok $n - $label: $rest" ;;
        esac
    done <"$tmp/out"
    n=$((n + 1))
    if [ $status -eq 0 ]; then
        echo "ok $n - $label: exits 0"
    else
        echo "not ok $n - $label: exits 0 (status $status)"
        tail -n 5 "$tmp/err" | sed 's/^/# /'
    fi
}

# test_arch arch qemu compiler sysroot [qemu options for the dynamic run]
test_arch() {
    A=$1 QEMU=$2 CC=$3 SYSROOT=$4
    shift 4
    skip=
    [ -x "$QEMU" ] || skip="$QEMU not built"
    command -v "$CC" >/dev/null 2>&1 || skip="$CC not installed"
    if [ -n "$skip" ]; then
        n=$((n + 1)); echo "ok $n - $A linux-test static # SKIP $skip"
        n=$((n + 1)); echo "ok $n - $A linux-test dynamic # SKIP $skip"
        return
    fi
    QEMU=$(cd "$(dirname "$QEMU")" && pwd)/$(basename "$QEMU")
    static=$tmp/linux-test-$A-static
    if "$CC" -O1 -static -o "$static" "$SRC/linux-test.c" \
            -lpthread 2>"$tmp/cc.err"; then
        run "$A static" "$static"
    else
        n=$((n + 1)); echo "not ok $n - $A: build linux-test static"
        return
    fi
    n=$((n + 1))
    out=$(LT_UNSET=1 "$QEMU" -E LT_SET=yes -U LT_UNSET -0 name0 \
          "$static" --env 2>&1)
    if [ "$out" = "name0 yes -" ]; then
        echo "ok $n - $A: -E, -U and -0 shape the guest's environment and argv"
    else
        echo "not ok $n - $A: -E, -U and -0 shape the guest's environment and argv ($out)"
    fi
    n=$((n + 1))
    out=$(LT_UNSET=1 QEMU_SET_ENV=LT_SET=env QEMU_UNSET_ENV=LT_UNSET \
          QEMU_ARGV0=name1 "$QEMU" "$static" --env 2>&1)
    if [ "$out" = "name1 env -" ]; then
        echo "ok $n - $A: QEMU_SET_ENV, QEMU_UNSET_ENV and QEMU_ARGV0"
    else
        echo "not ok $n - $A: QEMU_SET_ENV, QEMU_UNSET_ENV and QEMU_ARGV0 ($out)"
    fi
    n=$((n + 1))
    r1=$("$QEMU" -seed 42 "$static" --random 2>&1)
    r2=$(QEMU_RAND_SEED=42 "$QEMU" "$static" --random 2>&1)
    r3=$("$QEMU" -seed 43 "$static" --random 2>&1)
    if [ -n "$r1" ] && [ "$r1" = "$r2" ] && [ "$r1" != "$r3" ]; then
        echo "ok $n - $A: -seed makes getrandom repeatable"
    else
        echo "not ok $n - $A: -seed makes getrandom repeatable ($r1 $r2 $r3)"
    fi
    if "$CC" -O1 -o "$tmp/linux-test-$A-dynamic" "$SRC/linux-test.c" \
            -lpthread 2>"$tmp/cc.err" && [ -d "$SYSROOT" ]; then
        run "$A dynamic" "$tmp/linux-test-$A-dynamic" -L "$SYSROOT" "$@"
    else
        n=$((n + 1)); echo "ok $n - $A linux-test dynamic # SKIP no $SYSROOT"
    fi
}

test_arch aarch64 "${QEMU_AARCH64:-./qemu-aarch64}" \
    "${CROSS_CC:-aarch64-linux-gnu-gcc}" "${AARCH64_SYSROOT:-/usr/aarch64-linux-gnu}"
test_arch x86_64 "${QEMU_X86_64:-./qemu-x86_64}" "${X86_64_CC:-gcc}" /
# The host's /etc/ld.so.cache names its own 32-bit libc (/lib32), which
# does not match the sysroot's ld.so: search the sysroot's /lib first.
test_arch i386 "${QEMU_I386:-./qemu-i386}" "${I386_CC:-i686-linux-gnu-gcc}" \
    "${I386_SYSROOT:-/usr/i686-linux-gnu}" -E LD_LIBRARY_PATH=/lib
# 32-bit ARM, hard-float (armhf, Thumb-2 code by default) and soft-float
# EABI (armel) under the same qemu-arm.
test_arch armhf "${QEMU_ARM:-./qemu-arm}" "${ARMHF_CC:-arm-linux-gnueabihf-gcc}" \
    "${ARMHF_SYSROOT:-/usr/arm-linux-gnueabihf}"
test_arch armel "${QEMU_ARM:-./qemu-arm}" "${ARMEL_CC:-arm-linux-gnueabi-gcc}" \
    "${ARMEL_SYSROOT:-/usr/arm-linux-gnueabi}"
