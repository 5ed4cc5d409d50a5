#!/bin/sh
# demo.sh (make demo): build a small AArch64 program, run it under our
# qemu-aarch64, then show the translator's own figures on its test CPU.
set -e
src=$(cd "$(dirname "$0")/../.." && pwd)
if [ -x ./qemu-aarch64 ] && command -v aarch64-linux-gnu-gcc >/dev/null 2>&1; then
    mkdir -p tests/demo
    aarch64-linux-gnu-gcc -O2 -static -o tests/demo/demo-aarch64 "$src/tests/demo/demo.c"
    echo "\$ ./qemu-aarch64 tests/demo/demo-aarch64"
    ./qemu-aarch64 tests/demo/demo-aarch64
    echo
fi
echo "The translator on its built-in test CPU:"
./tests/exec/bench-exec --stats
