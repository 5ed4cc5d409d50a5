#!/bin/sh
# atomics-threads.sh: atomics-threads.c built for AArch64 with LSE atomics
# and with LL/SC exclusives only, run under ./qemu-aarch64, and for
# 32-bit ARM as A32 and T32 armhf (ldrex/strex) and as armel (ARMv5,
# whose atomics call the kernel's __kuser_cmpxchg helper), run under
# ./qemu-arm, with four guest threads contending.  One TAP line per build.
src=$(cd "$(dirname "$0")" && pwd)
n=0
mkdir -p tests/linux-user

# build_run name qemu compiler flags...
build_run() {
    name=$1 qemu=$2 cc=$3
    shift 3
    n=$((n + 1))
    if [ ! -x "$qemu" ]; then
        echo "ok $n - $name atomics under threads # SKIP $qemu not built"; return
    fi
    if ! command -v "$cc" >/dev/null 2>&1; then
        echo "ok $n - $name atomics under threads # SKIP $cc missing"; return
    fi
    bin=tests/linux-user/atomics-threads-$name
    if ! "$cc" -O2 -static -pthread "$@" -o "$bin" \
            "$src/atomics-threads.c" 2> "$bin.log"; then
        echo "not ok $n - $name: build failed"; sed 's/^/# /' "$bin.log"; return
    fi
    if out=$(timeout 120 "$qemu" "$bin" 2>&1); then
        echo "ok $n - $name atomics, 4 threads: exact totals"
    else
        echo "not ok $n - $name atomics, 4 threads"
    fi
    echo "$out" | sed 's/^/# /'
}

build_run lse ./qemu-aarch64 aarch64-linux-gnu-gcc -march=armv8.1-a
build_run llsc ./qemu-aarch64 aarch64-linux-gnu-gcc -march=armv8-a -mno-outline-atomics
build_run armhf-a32 ./qemu-arm arm-linux-gnueabihf-gcc -marm
build_run armhf-t32 ./qemu-arm arm-linux-gnueabihf-gcc -mthumb
build_run armel ./qemu-arm arm-linux-gnueabi-gcc
