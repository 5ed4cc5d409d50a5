#!/bin/sh
# tests/linux-user/check-syscall-nr.sh: linux-user/aarch64/syscall_nr.h
# must match the AArch64 kernel headers of the cross toolchain.
#   check-syscall-nr.sh           compare (TAP)
#   check-syscall-nr.sh --regen   rewrite syscall_nr.h and syscall_names.h.inc

SRC=$(cd "$(dirname "$0")/../.." && pwd)
CC=${CROSS_CC:-aarch64-linux-gnu-gcc}
HDR=$SRC/linux-user/aarch64/syscall_nr.h
tmp=$(mktemp -d /tmp/syscall-nr-XXXXXX)
trap 'rm -rf "$tmp"' EXIT

if ! command -v "$CC" >/dev/null 2>&1; then
    echo "ok 1 - syscall numbers match the kernel headers # SKIP $CC not installed"
    exit 0
fi

# Every __NR_ name, then its value through the preprocessor.
printf '#include <asm/unistd.h>\n' | "$CC" -E -dM -x c - |
    sed -n 's/^#define __NR_\([a-z0-9_]*\) .*/\1/p' | grep -v '^syscalls$' |
    sort -u >"$tmp/names"
{
    echo '#include <asm/unistd.h>'
    while read -r s; do echo "NR $s __NR_$s"; done <"$tmp/names"
} >"$tmp/list.c"
"$CC" -E -P -x c "$tmp/list.c" | grep '^NR ' |
    while read -r _ name expr; do
        echo "$name $(($(echo "$expr" | tr -d '()')))"
    done | sort -k2,2n -k1,1 >"$tmp/table"
total=$(printf '#include <asm/unistd.h>\n__NR_syscalls\n' |
        "$CC" -E -P -x c - | tail -n 1 | tr -d '() ')

{
    cat <<HDR
/*
 * aarch64/syscall_nr.h: AArch64 Linux system call numbers (the generic
 * table, asm-generic/unistd.h, with aarch64's __ARCH_WANT_* choices).
 *
 * Generated from /usr/aarch64-linux-gnu/include/asm/unistd.h by
 * tests/linux-user/check-syscall-nr.sh --regen; that test checks it
 * against the installed headers.
 */
#ifndef AARCH64_SYSCALL_NR_H
#define AARCH64_SYSCALL_NR_H

HDR
    awk '{ printf "#define TARGET_NR_%s %d\n", $1, $2 }' "$tmp/table"
    printf '\n#define TARGET_NR_syscalls %d\n\n#endif\n' "$((total))"
} >"$tmp/syscall_nr.h"

if [ "$1" = --regen ]; then
    cp "$tmp/syscall_nr.h" "$HDR"
    {
        echo "/* aarch64/syscall_names.h.inc: names for -strace, generated with syscall_nr.h. */"
        awk '{ printf "[%d] = \"%s\",\n", $2, $1 }' "$tmp/table"
    } >"$SRC/linux-user/aarch64/syscall_names.h.inc"
    exit 0
fi
if diff -u "$HDR" "$tmp/syscall_nr.h" >"$tmp/diff"; then
    echo "ok 1 - syscall numbers match the kernel headers"
else
    echo "not ok 1 - syscall numbers match the kernel headers"
    head -n 20 "$tmp/diff" | sed 's/^/# /'
fi
