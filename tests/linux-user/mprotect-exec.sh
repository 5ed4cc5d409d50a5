#!/bin/sh
# mprotect-exec.sh: taking EXEC away from a page stops its code, giving
# it back runs the code again (not the fault translated meanwhile).
src=$(cd "$(dirname "$0")" && pwd)
if [ ! -x ./qemu-aarch64 ] || ! command -v aarch64-linux-gnu-gcc >/dev/null 2>&1; then
    echo "ok 1 - mprotect EXEC off and on # SKIP qemu-aarch64 or aarch64-linux-gnu-gcc missing"
    exit 0
fi
mkdir -p tests/linux-user
bin=tests/linux-user/mprotect-exec
aarch64-linux-gnu-gcc -O1 -static -o "$bin" "$src/mprotect-exec.c" ||
    { echo "not ok 1 - mprotect EXEC off and on: build failed"; exit 0; }
out=$(timeout 20 ./qemu-aarch64 "$bin")
if [ "$out" = "42 fault 42" ]; then
    echo "ok 1 - mprotect EXEC off and on"
else
    echo "not ok 1 - mprotect EXEC off and on: got '$out', want '42 fault 42'"
fi
