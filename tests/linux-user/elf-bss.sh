#!/bin/sh
# elf-bss.sh: a PT_LOAD with no file contents (only .bss) whose offset
# lies past the end of the file loads and runs (exit status 42).
src=$(cd "$(dirname "$0")" && pwd)
if [ ! -x ./qemu-aarch64 ] || ! command -v aarch64-linux-gnu-gcc >/dev/null 2>&1; then
    echo "ok 1 - bss-only segment # SKIP qemu-aarch64 or aarch64-linux-gnu-gcc missing"
    exit 0
fi
mkdir -p tests/linux-user
bin=tests/linux-user/bss-only
aarch64-linux-gnu-gcc -O1 -static -nostdlib -ffreestanding -fno-pic -no-pie \
    -o "$bin" "$src/bss-only.c" || { echo "not ok 1 - bss-only segment: build failed"; exit 0; }
timeout 20 ./qemu-aarch64 "$bin"
rc=$?
if [ "$rc" = 42 ]; then
    echo "ok 1 - bss-only segment past the end of the file loads and runs"
else
    echo "not ok 1 - bss-only segment: exit status $rc, want 42"
fi
