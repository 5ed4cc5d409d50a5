#!/bin/sh
# tests/linux-user/elf-errors.sh: qemu-aarch64 refuses damaged or foreign
# programs with one error line and exit status 1, and rejects bad options
# the same way.  The ELF files are built byte by byte here (no cross
# compiler needed).  Run from the build directory; prints TAP lines.

QEMU=${QEMU_AARCH64:-./qemu-aarch64}
tmp=$(mktemp -d /tmp/elf-errors-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
n=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

# Little-endian integers as printf octal escapes.
le() {  # le value bytes
    v=$1 i=0
    while [ $i -lt "$2" ]; do
        printf '\\%03o' $((v & 255))
        v=$((v >> 8)) i=$((i + 1))
    done
}

# ELF64 header: class data machine type phoff phentsize phnum
ehdr() {
    fmt="\\177ELF$(le "$1" 1)$(le "$2" 1)\\001\\000$(le 0 8)"
    fmt="$fmt$(le "$4" 2)$(le "$3" 2)$(le 1 4)$(le 0x400078 8)$(le "$5" 8)"
    fmt="$fmt$(le 0 8)$(le 0 4)$(le 64 2)$(le "$6" 2)$(le "$7" 2)"
    fmt="$fmt$(le 64 2)$(le 0 2)$(le 0 2)"
    printf "$fmt"
}

# Program header: type flags offset vaddr filesz memsz
phdr() {
    printf "$(le "$1" 4)$(le "$2" 4)$(le "$3" 8)$(le "$4" 8)$(le "$4" 8)"
    printf "$(le "$5" 8)$(le "$6" 8)$(le 4096 8)"
}

# expect_error name file [qemu options...]: one line on stderr, status 1.
expect_error() {
    name=$1 file=$2
    shift 2
    "$QEMU" "$@" "$file" >"$tmp/out" 2>"$tmp/err"
    status=$?
    lines=$(wc -l <"$tmp/err")
    if [ $status -eq 1 ] && [ "$lines" -eq 1 ] && [ ! -s "$tmp/out" ] &&
       grep -q '^qemu-aarch64: ' "$tmp/err"; then
        ok "$name"
    else
        notok "$name (status $status, $lines stderr lines: $(head -c 200 "$tmp/err"))"
    fi
}

expect_opt_error() {
    name=$1
    shift
    "$QEMU" "$@" >"$tmp/out" 2>"$tmp/err"
    status=$?
    lines=$(wc -l <"$tmp/err")
    if [ $status -eq 1 ] && [ "$lines" -eq 1 ]; then
        ok "$name"
    else
        notok "$name (status $status, $lines stderr lines)"
    fi
}

if [ ! -x "$QEMU" ]; then
    for t in empty text truncated-header elf32 big-endian x86-64 \
             phdrs-past-eof bad-phentsize load-past-eof no-load et-rel \
             missing-interp missing-file directory bad-option bad-cpu \
             bad-stack-size missing-program; do
        skip "$t" "qemu-aarch64 not built"
    done
    exit 0
fi

: >"$tmp/empty"
expect_error "empty file" "$tmp/empty"

echo "just some text, no ELF here" >"$tmp/text"
expect_error "text file" "$tmp/text"

{ ehdr 2 1 183 2 64 56 1; phdr 1 5 0 0x400000 0x100 0x100; } >"$tmp/good"
head -c 20 "$tmp/good" >"$tmp/trunc"
expect_error "truncated header" "$tmp/trunc"

{ ehdr 1 1 183 2 64 56 1; phdr 1 5 0 0x400000 0x100 0x100; } >"$tmp/elf32"
expect_error "ELF32 class" "$tmp/elf32"

{ ehdr 2 2 183 2 64 56 1; phdr 1 5 0 0x400000 0x100 0x100; } >"$tmp/be"
expect_error "big-endian data" "$tmp/be"

{ ehdr 2 1 62 2 64 56 1; phdr 1 5 0 0x400000 0x100 0x100; } >"$tmp/x86"
expect_error "x86-64 machine" "$tmp/x86"

ehdr 2 1 183 2 64 56 4 >"$tmp/phpast"
expect_error "program headers past end of file" "$tmp/phpast"

{ ehdr 2 1 183 2 64 32 1; phdr 1 5 0 0x400000 0x100 0x100; } >"$tmp/phent"
expect_error "bad e_phentsize" "$tmp/phent"

{ ehdr 2 1 183 2 64 56 1; phdr 1 5 0 0x400000 0x100000 0x100000; } >"$tmp/loadpast"
expect_error "PT_LOAD past end of file" "$tmp/loadpast"

{ ehdr 2 1 183 2 64 56 1; phdr 6 4 64 0x400040 56 56; } >"$tmp/noload"
expect_error "no PT_LOAD segment" "$tmp/noload"

{ ehdr 2 1 183 1 64 56 1; phdr 1 5 0 0x400000 0x100 0x100; } >"$tmp/rel"
expect_error "relocatable object (ET_REL)" "$tmp/rel"

interp=/nonexistent/ld-linux-aarch64.so.1
ilen=$((${#interp} + 1))
{ ehdr 2 1 183 2 64 56 2; phdr 3 4 176 0x4000b0 $ilen $ilen
  phdr 1 5 0 0x400000 0x100 0x100; printf '%s\000' "$interp"; } >"$tmp/interp"
expect_error "missing interpreter" "$tmp/interp"
expect_error "missing interpreter under -L" "$tmp/interp" -L "$tmp"

expect_error "missing file" "$tmp/does-not-exist"
expect_error "directory" "$tmp"

expect_opt_error "unknown option" -no-such-option "$tmp/good"
expect_opt_error "unknown CPU model" -cpu no-such-cpu "$tmp/good"
expect_opt_error "bad stack size" -s 12zz "$tmp/good"
expect_opt_error "option without its argument" -L
expect_opt_error "no program" -strace

if "$QEMU" -version | head -n 1 |
       grep -q '^QEMU emulator version [0-9]*\.[0-9]*\.[0-9]' &&
   "$QEMU" --version | head -n 1 | grep -q '^QEMU emulator version'; then
    ok "-version"
else
    notok "-version"
fi
if "$QEMU" -h | grep -q 'QEMU_LD_PREFIX'; then
    ok "-h lists the environment variables"
else
    notok "-h lists the environment variables"
fi
