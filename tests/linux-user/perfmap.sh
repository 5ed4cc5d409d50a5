#!/bin/sh
# perfmap.sh: -perfmap (and QEMU_PERFMAP) write /tmp/perf-PID.map, one
# "START SIZE guest-0xPC[N]" line per translated block; the program's
# entry point (from readelf, not from us) is named, and no two host
# ranges overlap.
src=$(cd "$(dirname "$0")" && pwd)
if [ ! -x ./qemu-aarch64 ] || ! command -v aarch64-linux-gnu-gcc >/dev/null 2>&1; then
    echo "ok 1 - perfmap # SKIP qemu-aarch64 or aarch64-linux-gnu-gcc missing"
    exit 0
fi
mkdir -p tests/linux-user
bin=tests/linux-user/perfmap-prog
aarch64-linux-gnu-gcc -O1 -static -nostdlib -ffreestanding -fno-pic -no-pie \
    -o "$bin" "$src/bss-only.c" || { echo "not ok 1 - perfmap: build failed"; exit 0; }
entry=$(aarch64-linux-gnu-readelf -h "$bin" | awk '/Entry point/ { print $4 }')

n=0
check_map() {   # how, pid, status
    map=/tmp/perf-$2.map
    n=$((n + 1))
    if [ "$3" = 42 ] && [ -s "$map" ]; then
        echo "ok $n - $1: the program runs and $map is written"
    else
        echo "not ok $n - $1: status $3 (want 42), map $(ls -l "$map" 2>&1)"
    fi
    n=$((n + 1))
    bad=$(grep -cvE '^[0-9a-f]+ [0-9a-f]+ guest-0x[0-9a-f]+\[[0-9]+\]$' "$map" 2>/dev/null)
    if [ "$bad" = 0 ]; then
        echo "ok $n - $1: every line is START SIZE guest-0xPC[N]"
    else
        echo "not ok $n - $1: $bad malformed lines"
    fi
    n=$((n + 1))
    if grep -q " guest-$entry\[" "$map" 2>/dev/null; then
        echo "ok $n - $1: the entry point $entry is named"
    else
        echo "not ok $n - $1: no block at the entry point $entry"
    fi
    n=$((n + 1))
    last=0 overlap=no
    # shellcheck disable=SC2034
    while read -r start size name; do
        s=$(printf '%d' "0x$start")
        [ "$s" -lt "$last" ] && overlap=yes
        last=$((s + $(printf '%d' "0x$size")))
    done <<END
$(sort "$map" 2>/dev/null)
END
    if [ "$overlap" = no ] && [ "$last" != 0 ]; then
        echo "ok $n - $1: the host code ranges do not overlap"
    else
        echo "not ok $n - $1: overlapping or missing host ranges"
    fi
    rm -f "$map"
}

# The shell's pid is the emulator's after exec.
pidf=tests/linux-user/perfmap.pid
timeout 20 sh -c 'echo $$ > "$0"; exec ./qemu-aarch64 -perfmap "$1"' "$pidf" "$bin"
rc=$?
check_map "-perfmap" "$(cat "$pidf")" $rc

QEMU_PERFMAP=1 timeout 20 sh -c 'echo $$ > "$0"; exec ./qemu-aarch64 "$1"' "$pidf" "$bin"
rc=$?
check_map "QEMU_PERFMAP" "$(cat "$pidf")" $rc
