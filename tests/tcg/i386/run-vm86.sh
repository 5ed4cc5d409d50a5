#!/bin/sh
# tests/tcg/i386/run-vm86.sh: run test-vm86 (vm86old/vm86 with a
# hand-assembled 16-bit program; every expected value is worked out by
# hand in test-vm86.c) under ./qemu-i386, from the build directory, and
# pass its TAP lines on.  SKIP without the program or the emulator.

prog=./tests/tcg/i386/test-vm86
emu=./qemu-i386
if [ ! -x "$prog" ]; then
    echo "ok 1 - test-vm86 # SKIP not built (no i686-linux-gnu-gcc?)"
    exit 0
fi
if [ ! -x "$emu" ]; then
    echo "ok 1 - test-vm86 # SKIP no $emu"
    exit 0
fi
out=$(timeout 60 "$emu" "$prog" 2>&1)
status=$?
echo "$out" | grep -E "^(ok|not ok) "
n=$(echo "$out" | grep -cE '^(ok|not ok) ')
n=$((n + 1))
# what the 16-bit program printed through int 0x21 (AH = 09, then 02)
if [ "$(echo "$out" | grep -vE '^(ok|not ok|1\.\.)')" = "vm86 says hello
!" ]; then
    echo "ok $n - test-vm86 prints through int 0x21"
else
    echo "not ok $n - test-vm86 prints through int 0x21"
    status=1
fi
n=$((n + 1))
if [ $status -eq 0 ] && ! echo "$out" | grep -q '^not ok'; then
    echo "ok $n - test-vm86 exits 0"
else
    echo "not ok $n - test-vm86 exits 0 (status $status)"
    echo "$out" | grep -vE '^(ok|not ok) ' | tail -n 5 | sed 's/^/# /'
    exit 1
fi
