#!/bin/sh
# tests/tcg/aarch64/run-tests.sh: build the freestanding A64 test
# programs with the cross compiler and run each under mini-run (from
# the build directory).  Each program exits 0 when all its checks pass.
# Prints TAP lines; without aarch64-linux-gnu-gcc every test is skipped.

src=$(dirname "$0")
run=./tests/tcg/aarch64/mini-run
out=./tests/tcg/aarch64/guest
cc=${CROSS_CC:-aarch64-linux-gnu-gcc}
cflags="-nostdlib -static -ffreestanding -O1 -fno-stack-protector -fno-pie -no-pie"

mkdir -p "$out"
for t in "$src"/test-*.c; do
    name=$(basename "$t" .c)
    if ! command -v "$cc" >/dev/null 2>&1; then
        echo "ok - $name # SKIP no $cc"
        continue
    fi
    if ! $cc $cflags -o "$out/$name" "$t" 2>"$out/$name.log"; then
        echo "not ok - $name: does not compile"
        sed 's/^/# /' "$out/$name.log"
        continue
    fi
    if res=$(timeout 60 "$run" "$out/$name" 2>&1); then
        echo "ok - $name: $(echo "$res" | tail -n 1)"
    else
        echo "not ok - $name"
        echo "$res" | sed 's/^/# /'
    fi
done
