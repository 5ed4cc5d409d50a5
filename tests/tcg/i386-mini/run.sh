#!/bin/sh
# tests/tcg/i386-mini/run.sh TEST...: run tests/tcg/i386-mini/TEST-64 and
# TEST-32 natively and under ./qemu-x86_64 / ./qemu-i386 (from the build
# directory) and compare the binary outputs; decode.py shows the first
# differing records.  TAP output; non-zero exit on a difference.
dir=./tests/tcg/i386-mini
src=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
for t in "$@"; do
    for bits in 64 32; do
        prog=$dir/$t-$bits
        emu=./qemu-x86_64
        [ $bits = 32 ] && emu=./qemu-i386
        n=$((n + 1))
        if [ ! -x "$prog" ] || [ ! -x "$emu" ]; then
            echo "ok $n - $t-$bits # SKIP not built"
            continue
        fi
        "$prog" > "$tmp/native"
        timeout 120 "$emu" "$prog" > "$tmp/emu"
        rc=$?
        if [ $rc = 0 ] && cmp -s "$tmp/native" "$tmp/emu"; then
            echo "ok $n - $t-$bits"
        else
            echo "not ok $n - $t-$bits (exit $rc)"
            mode=
            [ $t != alu ] && mode=-m
            python3 "$src/decode.py" $mode "$tmp/native" "$tmp/emu" 2>&1 |
                head -10 | sed 's/^/# /'
            failed=1
        fi
    done
done
echo "1..$n"
exit $failed
