#!/bin/sh
# busybox.sh: real software under the emulators.  Debian's busybox-static
# for arm64, amd64, i386, armhf and armel (fetched by fetch.sh into
# tests/busybox/cache, cache-amd64, cache-i386, cache-armhf and
# cache-armel of the build directory) runs commands.sh, a shell script of
# common commands, under ./qemu-aarch64, ./qemu-x86_64, ./qemu-i386 and
# ./qemu-arm (both ARM ABIs); the amd64 one also runs natively, checking
# commands.expect against the host.  Each "name: value" line it prints
# is checked against
# commands.expect and gives one TAP line, so a regression names the
# command that broke.  A last two lines check that nothing unexpected was
# printed and that the script exited with status 0.
#
# Run from the build directory (as `make check` does):
#     ../tests/busybox/busybox.sh
# commands.expect was checked against the host's native x86-64 busybox
# (same version, 1.35.0): with a directory of applet symlinks first in
# PATH, `busybox sh commands.sh` in an empty directory prints exactly it.
#
# The script runs in a fresh temporary directory with a minimal
# environment.  PATH names only a directory of applet symlinks to the
# guest busybox, as on a busybox system: the static busybox runs its
# applets in preference to PATH, but some applets exec others by name
# (tar -z runs gzip through execlp), and no host program may stand in
# for them.

src=$(cd "$(dirname "$0")" && pwd)
n=0
tap() { n=$((n + 1)); echo "$1 $n - $2"; }
comment() { sed 's/^/# /'; }

# The guest's time limit; a hang is a failure, not a stuck `make check`.
limit=${BUSYBOX_TIMEOUT:-120}
to=
if command -v timeout >/dev/null 2>&1; then
    to="timeout -k 5 $limit"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/busybox-test.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# run_arch debian-arch cache-dir emulator: emulator "" runs natively.
run_arch() {
    arch=$1 cache=$2 emu=$3
    label="$arch native"
    if [ -n "$emu" ]; then
        label="$arch $emu"
        if [ ! -x "./$emu" ]; then
            tap ok "busybox $label # SKIP $emu not built"
            return
        fi
        emu=$PWD/$emu
    fi
    fetch_err=$(mktemp) || exit 1
    bb=$("$src/fetch.sh" "$PWD/tests/busybox/$cache" "$arch" 2>"$fetch_err")
    if [ $? != 0 ] || [ ! -x "$bb" ]; then
        comment < "$fetch_err"
        rm -f "$fetch_err"
        tap ok "busybox $label # SKIP could not download busybox-static:$arch"
        return
    fi
    rm -f "$fetch_err"

    rm -rf "$tmp/bin" "$tmp/work"
    mkdir "$tmp/bin" "$tmp/work"
    ln -s "$bb" "$tmp/bin/busybox"
    for a in $($to $emu "$bb" --list 2>/dev/null); do
        case $a in
        */*|busybox) ;;
        *) ln -s "$bb" "$tmp/bin/$a" ;;
        esac
    done

    (cd "$tmp/work" && $to env -i PATH="$tmp/bin" HOME="$tmp/work" TZ=UTC \
        LC_ALL=C $emu "$bb" sh "$src/commands.sh" >"$tmp/out" 2>"$tmp/err")
    status=$?

    echo "# $label: $bb sh commands.sh: exit $status, $(wc -l < "$tmp/out") lines"

    # One TAP line per expected step, matched by name (the text before the
    # first ": "), then one for any output line that matches no step.
    awk -v n="$n" -v lbl="$label" '
    function name_of(l,   i) { i = index(l, ": "); return i ? substr(l, 1, i - 1) : l }
    function report(ok, msg) { n++; print (ok ? "ok " : "not ok ") n " - " lbl ": " msg }
    NR == FNR { nexp++; exp_line[nexp] = $0; want[name_of($0)] = 1; next }
    {
        k = name_of($0)
        if (k in want && !(k in got)) got[k] = $0
        else extra[++nextra] = $0
    }
    END {
        for (i = 1; i <= nexp; i++) {
            k = name_of(exp_line[i])
            if (!(k in got)) {
                report(0, k)
                print "#   expected: " exp_line[i]
                print "#   got:      (no line)"
            } else if (got[k] != exp_line[i]) {
                report(0, k)
                print "#   expected: " exp_line[i]
                print "#   got:      " got[k]
            } else {
                report(1, k)
            }
        }
        report(nextra == 0, "no unexpected output lines")
        for (i = 1; i <= nextra && i <= 20; i++) print "#   unexpected: " extra[i]
    }' "$src/commands.expect" "$tmp/out"
    n=$((n + $(grep -c . "$src/commands.expect") + 1))

    if [ "$status" = 0 ]; then
        tap ok "$label: commands.sh exit status 0"
    else
        case $status in
        124|137) why=" (timed out after ${limit}s)" ;;
        *) why= ;;
        esac
        tap "not ok" "$label: commands.sh exit status 0: got $status$why"
    fi
    if [ -s "$tmp/err" ]; then
        echo "# stderr of commands.sh:"
        head -n 40 "$tmp/err" | comment
    fi
}

run_arch arm64 cache qemu-aarch64
# amd64 natively first: the host checks commands.expect itself.
if [ "$(uname -m)" = x86_64 ]; then
    run_arch amd64 cache-amd64 ""
fi
run_arch amd64 cache-amd64 qemu-x86_64
run_arch i386 cache-i386 qemu-i386
# 32-bit ARM: hard-float (Thumb-2, VFP) and soft-float EABI (ARMv5,
# which calls the kernel's kuser helpers), both under qemu-arm.
run_arch armhf cache-armhf qemu-arm
run_arch armel cache-armel qemu-arm
exit 0
