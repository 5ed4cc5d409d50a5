#!/bin/sh
# tests/tcg/arm/run-tests.sh: the AArch32 instruction tests under
# ./qemu-arm (run from the build directory, as `make check` does).
#
# First every reference model ref-*.c is compiled with the HOST compiler
# and run natively; it writes expect-*.h, the expected values.  Then
# every test-*.c is cross-compiled twice with arm-linux-gnueabihf-gcc,
# as A32 (-marm -O2) and as T32 (-mthumb -O1), static, for a Neon/VFPv4
# hard-float CPU, and run under ./qemu-arm.  The programs print TAP
# lines; they are passed on renumbered and labelled "<mode> <test>:",
# and one more line per program checks that it ran to the end.
# Without the cross compiler or ./qemu-arm every program is skipped.
#
#   CROSS_CC   cross compiler (arm-linux-gnueabihf-gcc)
#   HOST_CC    host compiler for the reference models (cc)
#   QEMU_ARM   emulator (./qemu-arm)
#   ARM_TESTS  only these tests, e.g. "test-alu test-vfp"

src=$(cd "$(dirname "$0")" && pwd)
out=./tests/tcg/arm/guest
cc=${CROSS_CC:-arm-linux-gnueabihf-gcc}
hostcc=${HOST_CC:-cc}
qemu=${QEMU_ARM:-./qemu-arm}
cflags="-static -Wall -fno-strict-aliasing -mfpu=neon-vfpv4 -mfloat-abi=hard \
-march=armv7ve -masm-syntax-unified -ffp-contract=off -I$src -I$out -pthread"
n=0

tap() { n=$((n + 1)); echo "$1 $n - $2"; }

tests=
for t in "$src"/test-*.c; do
    name=$(basename "$t" .c)
    if [ -n "$ARM_TESTS" ]; then
        case " $ARM_TESTS " in *" $name "*) ;; *) continue ;; esac
    fi
    tests="$tests $name"
done

skip=
command -v "$cc" >/dev/null 2>&1 || skip="no $cc"
[ -x "$qemu" ] || skip="${skip:+$skip, }$qemu not built"
if [ -n "$skip" ]; then
    for name in $tests; do
        tap ok "arm $name # SKIP $skip"
        tap ok "thumb $name # SKIP $skip"
    done
    exit 0
fi

mkdir -p "$out"

# The expected values, from the native reference models.
for r in "$src"/ref-*.c; do
    name=$(basename "$r" .c)
    hdr=$out/expect-${name#ref-}.h
    if ! "$hostcc" -O1 -std=gnu11 -Wall -ffp-contract=off -frounding-math \
            -I"$src" -o "$out/$name" "$r" -lm 2>"$out/$name.log" ||
       ! "$out/$name" > "$hdr.tmp"; then
        tap "not ok" "reference model $name does not build or run"
        sed 's/^/# /' "$out/$name.log"
        rm -f "$hdr.tmp" "$hdr"     # no stale expected values
        continue
    fi
    mv "$hdr.tmp" "$hdr"
done

for name in $tests; do
    for mode in arm thumb; do
        case $mode in
        arm) mflags="-marm -O2" ;;
        thumb) mflags="-mthumb -O1" ;;
        esac
        bin=$out/$name-$mode
        # A " * cflags: ..." line in the test adds flags (e.g. ARMv8).
        xflags=$(sed -n 's/^ \* cflags: //p' "$src/$name.c")
        # shellcheck disable=SC2086
        if ! $cc $cflags $mflags $xflags -o "$bin" "$src/$name.c" -lm \
                2>"$bin.log"; then
            tap "not ok" "$mode $name: does not compile"
            head -n 20 "$bin.log" | sed 's/^/# /'
            continue
        fi
        timeout -k 5 120 "$qemu" "$bin" >"$bin.out" 2>"$bin.err"
        status=$?
        lines=0
        while IFS= read -r line; do
            case "$line" in
            "ok "*|"not ok "*)
                lines=$((lines + 1))
                ok=${line%% [0-9]*}
                rest=$(echo "$line" | sed 's/^\(not \)\{0,1\}ok [0-9]* - //')
                tap "$ok" "$mode $name: $rest" ;;
            "# end of tests"*) ;;
            "#"*)
                echo "$line" ;;
            esac
        done <"$bin.out"
        if grep -q '^# end of tests' "$bin.out" && [ $status -le 100 ] &&
           [ $lines -gt 0 ]; then
            tap ok "$mode $name: ran to the end"
        else
            case $status in
            124|137) why="timed out" ;;
            0) why="printed no results" ;;
            [0-9]|[0-9][0-9]|100) why="stopped early, exit status $status" ;;
            *) why="exit status $status" ;;
            esac
            tap "not ok" "$mode $name: ran to the end ($why)"
            tail -n 5 "$bin.err" | sed 's/^/# /'
        fi
    done
done
exit 0
