#!/bin/sh
# tests/linux-user/check-syscall-nr.sh: linux-user/<arch>/syscall_nr.h
# must match the kernel headers each target's compiler installs
# (aarch64: aarch64-linux-gnu-gcc, x86_64: the host gcc, i386:
# i686-linux-gnu-gcc, arm: arm-linux-gnueabihf-gcc, the EABI table plus
# the ARM-private __ARM_NR_* calls as TARGET_ARM_NR_*).
#   check-syscall-nr.sh                compare (TAP), every arch
#   check-syscall-nr.sh --regen [arch] rewrite syscall_nr.h and
#                                      syscall_names.h.inc

SRC=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d /tmp/syscall-nr-XXXXXX)
trap 'rm -rf "$tmp"' EXIT

regen=
only=
if [ "$1" = --regen ]; then
    regen=1
    only=$2
fi

# arch, compiler, what the header table is
ARCHES="aarch64:aarch64-linux-gnu-gcc:the generic table, asm-generic/unistd.h, with aarch64's __ARCH_WANT_* choices
x86_64:gcc:asm/unistd_64.h
i386:i686-linux-gnu-gcc:asm/unistd_32.h
arm:arm-linux-gnueabihf-gcc:asm/unistd-eabi.h, EABI"

n=0
echo "$ARCHES" | while IFS=: read -r arch CC what; do
    [ -n "$only" ] && [ "$only" != "$arch" ] && continue
    n=$((n + 1))
    HDR=$SRC/linux-user/$arch/syscall_nr.h
    if ! command -v "$CC" >/dev/null 2>&1; then
        echo "ok $n - $arch syscall numbers match the kernel headers # SKIP $CC not installed"
        continue
    fi
    # Every __NR_ name, then its value through the preprocessor.
    printf '#include <asm/unistd.h>\n' | "$CC" -E -dM -x c - |
        sed -n 's/^#define __NR_\([a-z0-9_]*\) .*/\1/p' | grep -v '^syscalls$' |
        sort -u >"$tmp/names"
    printf '#include <asm/unistd.h>\n' | "$CC" -E -dM -x c - |
        sed -n 's/^#define __ARM_NR_\([a-z0-9_]*\) .*/\1/p' | grep -v '^BASE$' |
        sort -u >"$tmp/armnames"
    {
        echo '#include <asm/unistd.h>'
        while read -r s; do echo "NR $s __NR_$s"; done <"$tmp/names"
    } >"$tmp/list.c"
    "$CC" -E -P -x c "$tmp/list.c" | grep '^NR ' |
        while read -r _ name expr; do
            echo "$name $(($(echo "$expr" | tr -d '()')))"
        done | sort -k2,2n -k1,1 >"$tmp/table"
    {
        echo '#include <asm/unistd.h>'
        while read -r s; do echo "NR $s __ARM_NR_$s"; done <"$tmp/armnames"
    } >"$tmp/armlist.c"
    "$CC" -E -P -x c "$tmp/armlist.c" | grep '^NR ' |
        while read -r _ name expr; do
            echo "$name $(($(echo "$expr" | tr -d '()')))"
        done | sort -k2,2n -k1,1 >"$tmp/armtable"
    total=$(printf '#include <asm/unistd.h>\n__NR_syscalls\n' |
            "$CC" -E -P -x c - | tail -n 1 | tr -d '() ')
    case $total in
    *[!0-9]*|'')        # x86 has no __NR_syscalls: one past the last
        total=$(($(tail -n 1 "$tmp/table" | cut -d' ' -f2) + 1)) ;;
    esac
    ARCH=$(echo "$arch" | tr a-z A-Z)
    {
        cat <<HDR
/*
 * $arch/syscall_nr.h: $arch Linux system call numbers ($what).
 *
 * Generated from the kernel headers of $CC by
 * tests/linux-user/check-syscall-nr.sh --regen; that test checks it
 * against the installed headers.
 */
#ifndef ${ARCH}_SYSCALL_NR_H
#define ${ARCH}_SYSCALL_NR_H

HDR
        awk '{ printf "#define TARGET_NR_%s %d\n", $1, $2 }' "$tmp/table"
        if [ -s "$tmp/armtable" ]; then
            printf '\n/* ARM-private calls (asm/unistd.h __ARM_NR_*). */\n'
            awk '{ printf "#define TARGET_ARM_NR_%s 0x%x\n", $1, $2 }' "$tmp/armtable"
        fi
        printf '\n#define TARGET_NR_syscalls %d\n\n#endif\n' "$((total))"
    } >"$tmp/syscall_nr.h"

    if [ -n "$regen" ]; then
        mkdir -p "$SRC/linux-user/$arch"
        cp "$tmp/syscall_nr.h" "$HDR"
        {
            echo "/* $arch/syscall_names.h.inc: names for -strace, generated with syscall_nr.h. */"
            # An alias (arm's sync_file_range2) keeps the first name.
            awk '!seen[$2]++ { printf "[%d] = \"%s\",\n", $2, $1 }' "$tmp/table"
        } >"$SRC/linux-user/$arch/syscall_names.h.inc"
        continue
    fi
    # The numbers, not the comment, are what must match.
    grep '^#define TARGET_\(ARM_\)\?NR_' "$HDR" >"$tmp/old" 2>/dev/null
    grep '^#define TARGET_\(ARM_\)\?NR_' "$tmp/syscall_nr.h" >"$tmp/new"
    if diff -u "$tmp/old" "$tmp/new" >"$tmp/diff"; then
        echo "ok $n - $arch syscall numbers match the kernel headers"
    else
        echo "not ok $n - $arch syscall numbers match the kernel headers"
        head -n 20 "$tmp/diff" | sed 's/^/# /'
    fi
done
