#!/bin/sh
# fork-threads.sh: 50 forks while three guest threads keep translating
# and running code; every child must run and exit normally.  For each
# target whose emulator and compiler exist (aarch64, x86_64, i386).
src=$(cd "$(dirname "$0")" && pwd)
n=0
mkdir -p tests/linux-user
# one arch emulator compiler
one() {
    n=$((n + 1))
    if [ ! -x "./$2" ] || ! command -v "$3" >/dev/null 2>&1; then
        echo "ok $n - $1 fork with threads alive # SKIP $2 or $3 missing"
        return
    fi
    bin=tests/linux-user/fork-threads-$1
    "$3" -O2 -static -pthread -o "$bin" "$src/fork-threads.c" ||
        { echo "not ok $n - $1 fork with threads alive: build failed"; return; }
    if out=$(timeout 60 "./$2" "$bin" 2>&1); then
        echo "ok $n - $1 fork with threads alive: $out"
    else
        echo "not ok $n - $1 fork with threads alive: $out"
    fi
}
one aarch64 qemu-aarch64 aarch64-linux-gnu-gcc
one x86_64 qemu-x86_64 gcc
one i386 qemu-i386 i686-linux-gnu-gcc
