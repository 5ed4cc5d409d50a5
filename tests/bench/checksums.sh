#!/bin/sh
# checksums.sh: the shared benchmark kernels, built for each user-mode
# target we have, give the native x86-64 checksums under our emulator
# (at 2% of their normal work: this is a correctness test, not a timing).
# arm means armhf (arm-linux-gnueabihf-gcc) under ./qemu-arm.
# One TAP line per kernel and target.

. "$(dirname "$0")/bench-lib.sh"

n=0
for arch in aarch64 i386 x86_64 arm; do
    if [ ! -x "./qemu-$arch" ]; then
        n=$((n + 1)); echo "ok $n - $arch kernels # SKIP qemu-$arch not built"; continue
    fi
    if ! bench_prepare "$arch" x86_64; then
        n=$((n + 1)); echo "ok $n - $arch kernels # SKIP cannot build the kernels (cross compiler or ../shared/bench missing)"; continue
    fi
    emu="$PWD/qemu-$arch"
    out=$(cd "$work" && ./run.sh -n 1 -s 2 -t 120 --emu "$emu" "$arch" 2>&1)
    echo "$out" | sed 's/^/# /'
    lines=$(echo "$out" | awk 'NF >= 6 && $1 != "kernel" && $1 !~ /^#/')
    if [ -z "$lines" ]; then
        n=$((n + 1)); echo "not ok $n - $arch: run.sh printed no results"; continue
    fi
    echo "$lines" | while read -r kernel med min rss sum status rest; do
        n=$((n + 1))
        if [ "$status" = ok ] || [ "$status" = known-fp-diff ]; then
            echo "ok $n - $arch $kernel checksum $sum matches native"
        else
            echo "not ok $n - $arch $kernel: $status (checksum $sum)"
        fi
    done
    n=$((n + $(echo "$lines" | wc -l)))
done
