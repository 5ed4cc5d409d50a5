#!/bin/sh
# tests/tcg/aarch64/diff-run.sh MINI-RUN CLASS SEED N: run N random words
# of CLASS (fpsimd, int, vec, vecx, crypto) under mini-run and
# qemu-aarch64 -cpu max, and
# list the words whose results differ.  Words only one side rejects are
# counted (QEMU's max CPU has more extensions: FP16, dot product...).
set -e
src=$(cd "$(dirname "$0")" && pwd)
run=$(realpath "$1")
dir=$(mktemp -d)
cd "$dir"
python3 "$src/diff-gen.py" "$2" "$3" "$4" > words.h
aarch64-linux-gnu-gcc -nostdlib -static -ffreestanding -O1 -fno-stack-protector \
    -fno-pie -no-pie -Wl,-N -I. -I"$src" -o insns "$src/diff-insns.c" 2>/dev/null
"$run" insns > mine.txt || true
qemu-aarch64 -cpu max insns > ref.txt || true
python3 - <<'PY'
m = open("mine.txt").read().split("\n"); q = open("ref.txt").read().split("\n")
same = diff = only_mine = only_ref = 0
for a, b in zip(m, q):
    if not a.startswith("I "):
        continue
    if a == b:
        same += 1
    elif "UDEF" in a:
        only_mine += 1
    elif "UDEF" in b:
        only_ref += 1; print("executes but should UDEF:", a.split()[1])
    else:
        diff += 1; print("differs:", a.split()[1])
print("same %d differ %d udef-only-here %d udef-only-ref %d" % (same, diff, only_mine, only_ref))
PY
rm -rf "$dir"
