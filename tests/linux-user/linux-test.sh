#!/bin/sh
# tests/linux-user/linux-test.sh: builds tests/linux-user/linux-test.c for
# AArch64 (static, and dynamic run with -L /usr/aarch64-linux-gnu) and runs
# it under qemu-aarch64; its own TAP lines are passed on, renumbered.
# Run from the build directory.

SRC=$(cd "$(dirname "$0")" && pwd)
QEMU=${QEMU_AARCH64:-./qemu-aarch64}
CC=${CROSS_CC:-aarch64-linux-gnu-gcc}
SYSROOT=${AARCH64_SYSROOT:-/usr/aarch64-linux-gnu}
tmp=$(mktemp -d /tmp/linux-test-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
n=0

skip_all() {
    echo "ok 1 - linux-test static # SKIP $1"
    echo "ok 2 - linux-test dynamic # SKIP $1"
    exit 0
}

[ -x "$QEMU" ] || skip_all "qemu-aarch64 not built"
command -v "$CC" >/dev/null 2>&1 || skip_all "$CC not installed"
QEMU=$(cd "$(dirname "$QEMU")" && pwd)/$(basename "$QEMU")

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

if "$CC" -O1 -static -o "$tmp/linux-test-static" "$SRC/linux-test.c" \
        -lpthread 2>"$tmp/cc.err"; then
    run static "$tmp/linux-test-static"
else
    n=$((n + 1)); echo "not ok $n - build linux-test static"
fi
n=$((n + 1))
out=$(LT_UNSET=1 "$QEMU" -E LT_SET=yes -U LT_UNSET -0 name0 \
      "$tmp/linux-test-static" --env 2>&1)
if [ "$out" = "name0 yes -" ]; then
    echo "ok $n - -E, -U and -0 shape the guest's environment and argv"
else
    echo "not ok $n - -E, -U and -0 shape the guest's environment and argv ($out)"
fi
n=$((n + 1))
out=$(LT_UNSET=1 QEMU_SET_ENV=LT_SET=env QEMU_UNSET_ENV=LT_UNSET \
      QEMU_ARGV0=name1 "$QEMU" "$tmp/linux-test-static" --env 2>&1)
if [ "$out" = "name1 env -" ]; then
    echo "ok $n - QEMU_SET_ENV, QEMU_UNSET_ENV and QEMU_ARGV0"
else
    echo "not ok $n - QEMU_SET_ENV, QEMU_UNSET_ENV and QEMU_ARGV0 ($out)"
fi
n=$((n + 1))
r1=$("$QEMU" -seed 42 "$tmp/linux-test-static" --random 2>&1)
r2=$(QEMU_RAND_SEED=42 "$QEMU" "$tmp/linux-test-static" --random 2>&1)
r3=$("$QEMU" -seed 43 "$tmp/linux-test-static" --random 2>&1)
if [ -n "$r1" ] && [ "$r1" = "$r2" ] && [ "$r1" != "$r3" ]; then
    echo "ok $n - -seed makes getrandom repeatable"
else
    echo "not ok $n - -seed makes getrandom repeatable ($r1 $r2 $r3)"
fi
if "$CC" -O1 -o "$tmp/linux-test-dynamic" "$SRC/linux-test.c" -lpthread \
        2>"$tmp/cc.err" && [ -d "$SYSROOT" ]; then
    run dynamic "$tmp/linux-test-dynamic" -L "$SYSROOT"
else
    n=$((n + 1)); echo "ok $n - linux-test dynamic # SKIP no $SYSROOT"
fi
