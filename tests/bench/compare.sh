#!/bin/sh
# compare.sh (make bench): the shared benchmark kernels under our
# emulator, side by side with Debian's QEMU when it is installed
# (interleaved runs, same binaries) and with native x86-64 builds.
# Prints the tables; asserts nothing.  BENCH_SCALE / BENCH_RUNS override
# the work scale (percent) and the number of runs, BENCH_ARCHES the
# targets (default: aarch64 i386 x86_64 arm; arm is armhf under qemu-arm).

. "$(dirname "$0")/bench-lib.sh"

scale=${BENCH_SCALE:-30}
runs=${BENCH_RUNS:-3}
for arch in ${BENCH_ARCHES:-aarch64 i386 x86_64 arm}; do
    [ -x "./qemu-$arch" ] || continue
    bench_prepare "$arch" x86_64 || { echo "bench: cannot build $arch kernels"; continue; }
    emu="$PWD/qemu-$arch"
    echo "== $arch: ours vs native x86-64"
    (cd "$work" && ./run.sh -n "$runs" -s "$scale" --emu "$emu" --emu-b native --arch-b x86_64 "$arch")
    if [ -x "/usr/bin/qemu-$arch" ]; then
        echo "== $arch: ours (A) vs Debian's QEMU (B)"
        (cd "$work" && ./run.sh -n "$runs" -s "$scale" --emu "$emu" --emu-b /usr/bin "$arch")
    fi
    echo "== $arch: start-up of a static hello world (ours, then QEMU)"
    for e in "$emu" "/usr/bin/qemu-$arch"; do
        [ -x "$e" ] || continue
        /usr/bin/time -f "%e s, %M KB max RSS  ($e)" "$e" "$work/bin/$arch/hello" > /dev/null
    done
done
