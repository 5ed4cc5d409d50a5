#!/bin/sh
# tests/linux-user/elf-errors-x86.sh: the loader checks of elf-errors.sh
# for qemu-x86_64 (ELF64, EM_X86_64) and qemu-i386 (ELF32, EM_386): a
# minimal hand-made program of each runs (exit status 7 through the
# system call of its ABI, and through int $0x80 from 64-bit code), and
# damaged or foreign files get one error
# line and exit status 1.  Files are built byte by byte (no compiler
# needed).  Run from the build directory; prints TAP lines.

tmp=$(mktemp -d /tmp/elf-errors-x86-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
n=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }

le() {  # le value bytes: little-endian printf escapes
    v=$1 i=0
    while [ $i -lt "$2" ]; do
        printf '\\%03o' $((v & 255))
        v=$((v >> 8)) i=$((i + 1))
    done
}

# ELF64 header: machine type phentsize phnum (entry 0x400078)
ehdr64() {
    fmt="\\177ELF\\002\\001\\001\\000$(le 0 8)"
    fmt="$fmt$(le "$2" 2)$(le "$1" 2)$(le 1 4)$(le 0x400078 8)$(le 64 8)"
    fmt="$fmt$(le 0 8)$(le 0 4)$(le 64 2)$(le "$3" 2)$(le "$4" 2)"
    fmt="$fmt$(le 64 2)$(le 0 2)$(le 0 2)"
    printf "$fmt"
}

phdr64() {  # type flags offset vaddr filesz memsz
    printf "$(le "$1" 4)$(le "$2" 4)$(le "$3" 8)$(le "$4" 8)$(le "$4" 8)"
    printf "$(le "$5" 8)$(le "$6" 8)$(le 4096 8)"
}

# ELF32 header: machine type phentsize phnum (entry 0x8048054)
ehdr32() {
    fmt="\\177ELF\\001\\001\\001\\000$(le 0 8)"
    fmt="$fmt$(le "$2" 2)$(le "$1" 2)$(le 1 4)$(le 0x8048054 4)$(le 52 4)"
    fmt="$fmt$(le 0 4)$(le 0 4)$(le 52 2)$(le "$3" 2)$(le "$4" 2)"
    fmt="$fmt$(le 40 2)$(le 0 2)$(le 0 2)"
    printf "$fmt"
}

phdr32() {  # type flags offset vaddr filesz memsz
    printf "$(le "$1" 4)$(le "$3" 4)$(le "$4" 4)$(le "$4" 4)$(le "$5" 4)"
    printf "$(le "$6" 4)$(le "$2" 4)$(le 4096 4)"
}

# mov $60, %eax; mov $7, %edi; syscall
code64='\270\074\000\000\000\277\007\000\000\000\017\005'
# mov $1, %eax; mov $7, %ebx; int $0x80
code32='\270\001\000\000\000\273\007\000\000\000\315\200'

# expect_error qemu name file [options]: one "qemu-<arch>: " line, status 1.
expect_error() {
    q=$1 name=$2 file=$3
    shift 3
    "$q" "$@" "$file" >"$tmp/out" 2>"$tmp/err"
    status=$?
    lines=$(wc -l <"$tmp/err")
    if [ $status -eq 1 ] && [ "$lines" -eq 1 ] && [ ! -s "$tmp/out" ] &&
       grep -q "^$(basename "$q"): " "$tmp/err"; then
        ok "$name"
    else
        notok "$name (status $status, $lines stderr lines: $(head -c 200 "$tmp/err"))"
    fi
}

expect_exit7() {
    q=$1 name=$2 file=$3
    chmod +x "$file"
    "$q" "$file" >"$tmp/out" 2>"$tmp/err"
    status=$?
    if [ $status -eq 7 ]; then
        ok "$name"
    else
        notok "$name (status $status: $(head -c 200 "$tmp/err"))"
    fi
}

Q64=${QEMU_X86_64:-./qemu-x86_64}
if [ -x "$Q64" ]; then
    { ehdr64 62 2 56 1; phdr64 1 5 0 0x400000 132 132; printf "$code64"; } \
        >"$tmp/good64"
    expect_exit7 "$Q64" "x86_64: minimal program exits through syscall" \
        "$tmp/good64"
    { ehdr64 62 2 56 1; phdr64 1 5 0 0x400000 132 132; printf "$code32"; } \
        >"$tmp/int80-64"
    expect_exit7 "$Q64" "x86_64: int \$0x80 reaches the 32-bit table" \
        "$tmp/int80-64"
    : >"$tmp/empty"
    expect_error "$Q64" "x86_64: empty file" "$tmp/empty"
    head -c 30 "$tmp/good64" >"$tmp/trunc64"
    expect_error "$Q64" "x86_64: truncated header" "$tmp/trunc64"
    { ehdr64 183 2 56 1; phdr64 1 5 0 0x400000 132 132; } >"$tmp/a64"
    expect_error "$Q64" "x86_64: AArch64 machine" "$tmp/a64"
    { ehdr32 3 2 32 1; phdr32 1 5 0 0x8048000 96 96; } >"$tmp/i386"
    expect_error "$Q64" "x86_64: ELF32 i386 program" "$tmp/i386"
    { ehdr64 62 2 32 1; phdr64 1 5 0 0x400000 132 132; } >"$tmp/phent64"
    expect_error "$Q64" "x86_64: bad e_phentsize" "$tmp/phent64"
    { ehdr64 62 2 56 1; phdr64 1 5 0 0x400000 0x100000 0x100000; } \
        >"$tmp/past64"
    expect_error "$Q64" "x86_64: PT_LOAD past end of file" "$tmp/past64"
    expect_error "$Q64" "x86_64: unknown CPU model" "$tmp/good64" -cpu nope
else
    n=$((n + 1)); echo "ok $n - x86_64 ELF checks # SKIP $Q64 not built"
fi

Q32=${QEMU_I386:-./qemu-i386}
if [ -x "$Q32" ]; then
    { ehdr32 3 2 32 1; phdr32 1 5 0 0x8048000 96 96; printf "$code32"; } \
        >"$tmp/good32"
    expect_exit7 "$Q32" "i386: minimal program exits through int \$0x80" \
        "$tmp/good32"
    head -c 30 "$tmp/good32" >"$tmp/trunc32"
    expect_error "$Q32" "i386: truncated header" "$tmp/trunc32"
    { ehdr64 62 2 56 1; phdr64 1 5 0 0x400000 132 132; } >"$tmp/x64"
    expect_error "$Q32" "i386: ELF64 x86-64 program" "$tmp/x64"
    { ehdr32 40 2 32 1; phdr32 1 5 0 0x8048000 96 96; } >"$tmp/arm"
    expect_error "$Q32" "i386: ARM machine" "$tmp/arm"
    { ehdr32 3 2 56 1; phdr32 1 5 0 0x8048000 96 96; } >"$tmp/phent32"
    expect_error "$Q32" "i386: bad e_phentsize" "$tmp/phent32"
    ehdr32 3 2 32 4 >"$tmp/phpast32"
    expect_error "$Q32" "i386: program headers past end of file" \
        "$tmp/phpast32"
    { ehdr32 3 2 32 1; phdr32 1 5 0 0x8048000 0x100000 0x100000; } \
        >"$tmp/past32"
    expect_error "$Q32" "i386: PT_LOAD past end of file" "$tmp/past32"
    { ehdr32 3 2 32 1; phdr32 1 5 0 0xfffff000 96 0x2000; } >"$tmp/high32"
    expect_error "$Q32" "i386: segment above the 32-bit space" "$tmp/high32"
else
    n=$((n + 1)); echo "ok $n - i386 ELF checks # SKIP $Q32 not built"
fi
