#!/bin/sh
# bench-boot.sh (make bench): Linux boot time and idle host CPU use,
# ours (./qemu-system-aarch64) against Debian's qemu-system-aarch64
# when it is installed, on the same kernel, initramfs and options
# (boot-lib.sh: -M virt -cpu cortex-a57 -m 512M, -smp 1, "quiet").
#
# Boot: wall time from starting the emulator to the init's marker line
# and to the emulator's exit after `poweroff -f` (systests.mode=boot),
# RUNS runs each, alternating between the emulators; the median is shown.
# Idle: the guest at its shell prompt (systests.mode=shell); the
# emulator's user+system CPU time (/proc/PID/stat) over IDLE seconds,
# as a percentage of one host CPU.
#
# Run from the build directory:  ../tests/system/bench-boot.sh
# Environment: BENCH_QEMU (default ./qemu-system-aarch64), BENCH_REF
# (default qemu-system-aarch64 from PATH; "none" to skip it),
# SYSTESTS_QEMU_ARGS (extra options for ours), RUNS (default 7),
# IDLE (default 10), BOOT_TIMEOUT (default 300).
# Prints "skipped" lines and exits 0 when something is missing.

systests_src=$(cd "$(dirname "$0")" && pwd)
. "$systests_src/boot-lib.sh"

ours=${BENCH_QEMU:-./qemu-system-aarch64}
ref=${BENCH_REF:-$(command -v qemu-system-aarch64 2>/dev/null)}
runs=${RUNS:-7}
idle=${IDLE:-10}
limit=${BOOT_TIMEOUT:-300}

echo "== Linux boot on -M virt (tests/system/bench-boot.sh)"
if ! command -v "$ours" >/dev/null 2>&1; then
    echo "skipped: $ours not built"
    exit 0
fi
if ! boot_prepare 2>/dev/null; then
    echo "skipped: $boot_why"
    exit 0
fi
[ "$ref" = none ] && ref=
case $ref in /*) ;; "") ;; *) ref=$(command -v "$ref") ;; esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-boot.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

now_ms() { date +%s%3N; }

# The options each emulator gets besides the common ones.  Debian's QEMU
# adds a PCI NIC by default, which needs an option ROM: -net none.
args_for() {
    if [ "$1" = "$ref" ] && [ "$1" != "$ours" ]; then
        echo "-net none"
    else
        echo "${SYSTESTS_QEMU_ARGS:-}"
    fi
}

# boot_once emulator: prints "marker_ms off_ms status" (marker_ms "-"
# when the marker never came).
boot_once() {
    q=$1
    t0=$(now_ms)
    # shellcheck disable=SC2046,SC2086
    { timeout -k 5 "$limit" "$q" $boot_qemu_args -smp 1 $(args_for "$q") -no-reboot \
        -kernel "$boot_kernel" -initrd "$boot_initrd" \
        -append "console=ttyAMA0 quiet panic=-1 systests.mode=boot" </dev/null 2>&1
      echo "QEMU-EXIT $?"; } |
    {
        m=-
        while IFS= read -r line; do
            case $line in
            *SYSTESTS-INIT-MARKER*) m=$(( $(now_ms) - t0 )) ;;
            "QEMU-EXIT "*) echo "$m $(( $(now_ms) - t0 )) ${line#QEMU-EXIT }" ;;
            esac
        done
    }
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print v[int((NR + 1) / 2)] }'; }
secs() { case $1 in -) echo "-" ;; *) awk -v v="$1" 'BEGIN { printf "%.2f s", v / 1000 }' ;; esac; }

# idle_cpu emulator: percent of one CPU over $idle s at the shell prompt.
idle_cpu() {
    q=$1
    rm -f "$tmp/fifo" "$tmp/idle.out"
    mkfifo "$tmp/fifo" || { echo "-"; return; }
    # shellcheck disable=SC2046,SC2086
    "$q" $boot_qemu_args -smp 1 $(args_for "$q") -no-reboot \
        -kernel "$boot_kernel" -initrd "$boot_initrd" \
        -append "console=ttyAMA0 quiet panic=-1 systests.mode=shell" \
        <"$tmp/fifo" >"$tmp/idle.out" 2>&1 &
    pid=$!
    exec 3>"$tmp/fifo"
    i=0
    while ! grep -q 'built-in shell' "$tmp/idle.out" 2>/dev/null; do
        i=$((i + 1))
        if [ $i -gt $((limit * 10)) ] || ! kill -0 $pid 2>/dev/null; then
            break
        fi
        sleep 0.1
    done
    sleep 2
    tck=$(getconf CLK_TCK)
    a=$(awk '{ print $14 + $15 }' /proc/$pid/stat 2>/dev/null)
    sleep "$idle"
    b=$(awk '{ print $14 + $15 }' /proc/$pid/stat 2>/dev/null)
    echo "poweroff -f" >&3
    exec 3>&-
    i=0
    while kill -0 $pid 2>/dev/null && [ $i -lt 100 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    kill $pid 2>/dev/null
    wait $pid 2>/dev/null
    if [ -n "$a" ] && [ -n "$b" ] && grep -q 'built-in shell' "$tmp/idle.out"; then
        awk -v a="$a" -v b="$b" -v t="$tck" -v s="$idle" \
            'BEGIN { printf "%.1f %%", (b - a) * 100 / t / s }'
    else
        echo "-"
    fi
}

emus=$ours
[ -n "$ref" ] && emus="$ours $ref"
: > "$tmp/fail"
r=0
while [ $r -lt "$runs" ]; do
    for q in $emus; do
        k=$(echo "$q" | md5sum | cut -c1-8)
        # shellcheck disable=SC2046
        set -- $(boot_once "$q")
        if [ "${3:-1}" != 0 ] || [ "$1" = - ]; then
            echo "$q: run $((r + 1)) failed (marker ${1:--}, exit ${3:-?})" >> "$tmp/fail"
        else
            echo "$1" >> "$tmp/marker.$k"
            echo "$2" >> "$tmp/off.$k"
        fi
    done
    r=$((r + 1))
done

row() {
    printf '%-28s %14s %14s %8s\n' "$1" "$2" "$3" "$4"
}
ratio() {
    case "$1$2" in *-*) echo "-" ;; *) awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }' ;; esac
}

ko=$(echo "$ours" | md5sum | cut -c1-8)
mo=$(median < "$tmp/marker.$ko" 2>/dev/null) oo=$(median < "$tmp/off.$ko" 2>/dev/null)
[ -f "$tmp/marker.$ko" ] || { mo=-; oo=-; }
mr=- or=-
if [ -n "$ref" ]; then
    kr=$(echo "$ref" | md5sum | cut -c1-8)
    if [ -f "$tmp/marker.$kr" ]; then
        mr=$(median < "$tmp/marker.$kr") or=$(median < "$tmp/off.$kr")
    fi
fi
io=$(idle_cpu "$ours")
ir=-
[ -n "$ref" ] && ir=$(idle_cpu "$ref")

row "median of $runs, -smp 1" "ours" "${ref:+QEMU $("$ref" -version | sed -n '1s/.*version \([0-9.]*\).*/\1/p')}" "ratio"
row "boot to init marker" "$(secs "$mo")" "$(secs "$mr")" "$(ratio "$mo" "$mr")"
row "boot to power-off" "$(secs "$oo")" "$(secs "$or")" "$(ratio "$oo" "$or")"
row "idle at shell, ${idle} s" "$io" "$ir" ""
echo "goal: boot to init marker <= 0.80x QEMU 7.2; idle host CPU < 2 %"
if [ -s "$tmp/fail" ]; then
    sed 's/^/failed: /' "$tmp/fail"
fi
exit 0
