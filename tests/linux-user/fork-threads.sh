#!/bin/sh
# fork-threads.sh: 50 forks while three guest threads keep translating
# and running code; every child must run and exit normally.
src=$(cd "$(dirname "$0")" && pwd)
if [ ! -x ./qemu-aarch64 ] || ! command -v aarch64-linux-gnu-gcc >/dev/null 2>&1; then
    echo "ok 1 - fork with threads alive # SKIP qemu-aarch64 or aarch64-linux-gnu-gcc missing"
    exit 0
fi
mkdir -p tests/linux-user
bin=tests/linux-user/fork-threads
aarch64-linux-gnu-gcc -O2 -static -pthread -o "$bin" "$src/fork-threads.c" ||
    { echo "not ok 1 - fork with threads alive: build failed"; exit 0; }
if out=$(timeout 60 ./qemu-aarch64 "$bin" 2>&1); then
    echo "ok 1 - fork with threads alive: $out"
else
    echo "not ok 1 - fork with threads alive: $out"
fi
