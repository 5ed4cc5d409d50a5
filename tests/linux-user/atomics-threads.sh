#!/bin/sh
# atomics-threads.sh: atomics-threads.c built for AArch64 with LSE atomics
# and with LL/SC exclusives only, run under ./qemu-aarch64 with four
# guest threads contending.  One TAP line per build.
src=$(cd "$(dirname "$0")" && pwd)
n=0
if [ ! -x ./qemu-aarch64 ]; then
    echo "ok 1 - atomics under threads # SKIP qemu-aarch64 not built"; exit 0
fi
if ! command -v aarch64-linux-gnu-gcc >/dev/null 2>&1; then
    echo "ok 1 - atomics under threads # SKIP aarch64-linux-gnu-gcc missing"; exit 0
fi
mkdir -p tests/linux-user
for variant in "lse:-march=armv8.1-a" "llsc:-march=armv8-a -mno-outline-atomics"; do
    name=${variant%%:*}
    flags=${variant#*:}
    n=$((n + 1))
    bin=tests/linux-user/atomics-threads-$name
    # shellcheck disable=SC2086
    if ! aarch64-linux-gnu-gcc -O2 -static -pthread $flags -o "$bin" \
            "$src/atomics-threads.c" 2> "$bin.log"; then
        echo "not ok $n - $name: build failed"; sed 's/^/# /' "$bin.log"; continue
    fi
    if out=$(timeout 120 ./qemu-aarch64 "$bin" 2>&1); then
        echo "ok $n - $name atomics, 4 threads: exact totals"
    else
        echo "not ok $n - $name atomics, 4 threads"
    fi
    echo "$out" | sed 's/^/# /'
done
