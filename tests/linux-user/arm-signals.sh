#!/bin/sh
# tests/linux-user/arm-signals.sh: arm-signals.c (signals) and
# arm-kuser.c (the vectors page's kernel helpers), each built as A32
# (-marm) and as T32 (-mthumb), static armhf, run under ./qemu-arm from
# the build directory; their TAP lines are passed on, renumbered and
# labelled.
SRC=$(cd "$(dirname "$0")" && pwd)
CC=${ARMHF_CC:-arm-linux-gnueabihf-gcc}
QEMU=${QEMU_ARM:-./qemu-arm}
n=0
skip=
[ -x "$QEMU" ] || skip="$QEMU not built"
command -v "$CC" >/dev/null 2>&1 || skip="$CC not installed"
if [ -n "$skip" ]; then
    echo "ok 1 - arm signals (arm) # SKIP $skip"
    echo "ok 2 - arm signals (thumb) # SKIP $skip"
    echo "ok 3 - arm kuser helpers (arm) # SKIP $skip"
    echo "ok 4 - arm kuser helpers (thumb) # SKIP $skip"
    exit 0
fi
tmp=$(mktemp -d /tmp/arm-signals-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
for prog in arm-signals arm-kuser; do
for mode in arm thumb; do
    bin=$tmp/$prog-$mode
    if ! "$CC" -O1 -static -m$mode -mfpu=neon-vfpv4 -masm-syntax-unified \
            -o "$bin" "$SRC/$prog.c" 2>"$tmp/cc.err"; then
        n=$((n + 1)); echo "not ok $n - $mode: $prog.c does not build"
        sed 's/^/# /' "$tmp/cc.err"
        continue
    fi
    timeout 20 "$QEMU" "$bin" >"$tmp/out" 2>"$tmp/err"
    status=$?
    while IFS= read -r line; do
        case "$line" in
        "ok "*|"not ok "*)
            n=$((n + 1))
            ok=${line%% [0-9]*}
            rest=$(echo "$line" | sed 's/^\(not \)\{0,1\}ok [0-9]* - //')
            echo "$ok $n - $prog $mode: $rest" ;;
        esac
    done <"$tmp/out"
    n=$((n + 1))
    if [ $status = 0 ]; then
        echo "ok $n - $prog $mode: exits 0"
    else
        echo "not ok $n - $prog $mode: exits 0 (status $status)"
        tail -n 5 "$tmp/err" | sed 's/^/# /'
    fi
done
done
