#!/bin/sh
# tests/tcg/i386/run-tests.sh: run each section of test-i386 and
# test-x86_64 natively (the host CPU is the oracle) and under ./qemu-i386
# and ./qemu-x86_64, from the build directory, and compare the outputs.
# Prints one TAP line per program and section ("ok N - test-i386 alu");
# a difference shows the first differing lines as "# " comments.
# Exits non-zero when a section differs.  A missing program or emulator
# is a SKIP.  Sections given as arguments limit the run to them.

dir=./tests/tcg/i386
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0

# The first differing lines, as native/emulated pairs, and where one
# output ends early.
show_diff() {
    awk -v max=4 '
        NR == FNR { a[FNR] = $0; na = FNR; next }
        { nb = FNR
          if (a[FNR] != $0 && shown < max) {
              print "line " FNR ":"; print "  native:   " a[FNR]; print "  emulated: " $0; shown++ } }
        END { if (nb < na) { print "emulated output ends after line " nb " of " na ":"
                             if (shown < max) print "  native:   " a[nb + 1] }
              if (nb > na) print "emulated output has " nb - na " extra lines" }' "$1" "$2"
}

# Host CPU features (/proc/cpuinfo names) each section needs: without
# them the native run, the oracle, cannot run the section.
section_needs() {
    case $1 in
    bitops|cc_after) echo "abm bmi1 popcnt" ;;
    forms) echo "popcnt" ;;
    bmi) echo "bmi1 bmi2 adx" ;;
    misc) echo "movbe rdrand sse4_2" ;;
    sse_fp) echo "pni" ;;
    mmx|sse_int) echo "ssse3" ;;
    sse4) echo "sse4_1 sse4_2" ;;
    sse42_aes) echo "sse4_2 aes pclmulqdq" ;;
    avx) echo "avx2 fma f16c" ;;
    esac
}
missing_features() {
    for f in $(section_needs "$1"); do
        grep -qw "$f" /proc/cpuinfo 2>/dev/null || printf ' %s' "$f"
    done
}

run_prog() {   # run_prog PROG EMULATOR [SECTION...]
    prog=$1 emu=$2
    shift 2
    name=$(basename "$prog")
    if [ ! -x "$prog" ]; then
        n=$((n + 1)); echo "ok $n - $name # SKIP not built (no cross compiler?)"
        return
    fi
    if [ ! -x "$emu" ]; then
        n=$((n + 1)); echo "ok $n - $name # SKIP no $emu"
        return
    fi
    sections=$("$prog" --list)
    if [ $# -gt 0 ]; then    # only the requested ones this program has
        wanted=" $* "
        sections=$(for s in $sections; do
                       case $wanted in *" $s "*) echo "$s" ;; esac
                   done)
    fi
    for s in $sections; do
        n=$((n + 1))
        miss=$(missing_features "$s")
        if [ -n "$miss" ]; then
            echo "ok $n - $name $s # SKIP host CPU lacks$miss"
            continue
        fi
        timeout 120 "$prog" "$s" > "$tmp/native" 2>&1
        nrc=$?
        timeout 300 "$emu" "$prog" "$s" > "$tmp/emu" 2>&1
        erc=$?
        if [ $nrc != 0 ]; then
            echo "not ok $n - $name $s # native run failed (exit $nrc)"
            failed=1
        elif cmp -s "$tmp/native" "$tmp/emu" && [ $erc = 0 ]; then
            echo "ok $n - $name $s ($(wc -l < "$tmp/native") lines)"
        else
            echo "not ok $n - $name $s (emulated exit $erc)"
            show_diff "$tmp/native" "$tmp/emu" | sed 's/^/# /'
            failed=1
        fi
    done
}

run_prog "$dir/test-i386" ./qemu-i386 "$@"
run_prog "$dir/test-x86_64" ./qemu-x86_64 "$@"
echo "1..$n"
exit $failed
