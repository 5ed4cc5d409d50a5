#!/bin/sh
# boot-linux.sh: boot Debian's arm64 Linux kernel under
# ./qemu-system-aarch64 -M virt with a busybox initramfs (boot-lib.sh,
# init.sh) and check what its /init reports: the marker line, the CPU
# count, a shell arithmetic loop, the md5sum of `seq 1 20000`, a
# virtio-blk disk (data the host wrote is read; a pattern the guest
# writes is read back in the guest and found in the image file by the
# host afterwards), ping of slirp's gateway 10.0.2.2 over -netdev user
# (skipped when the emulator has no -netdev user), then power-off with
# exit status 0 within the time limit; a line typed on the serial console
# once the marker is out must reach the init's `read`.  Booted four
# times: -smp 1, -smp 2, -smp 2 with gic-version=3 (SKIP while the
# emulator refuses to start with gic-version=3) and -smp 2 -cpu max.
# Every expected value is computed here, on the host.
#
# Run from the build directory (as `make check` does):
#     ../tests/system/boot-linux.sh
# Environment:
#     SYSTESTS_QEMU       the emulator (default ./qemu-system-aarch64)
#     SYSTESTS_QEMU_ARGS  extra options
#     BOOT_TIMEOUT        seconds per boot (default 300)
#     BOOT_CONFIGS        the boots: -smp value, then ",gic3" for
#                         gic-version=3, ",cpu=MODEL" for another -cpu
#                         than cortex-a57 (default "1 2 2,gic3 2,cpu=max")
# Skips (one TAP "ok # SKIP" line) without the emulator, or when the
# kernel or busybox cannot be downloaded (no network).

systests_src=$(cd "$(dirname "$0")" && pwd)
. "$systests_src/boot-lib.sh"

qemu=${SYSTESTS_QEMU:-./qemu-system-aarch64}
extra=${SYSTESTS_QEMU_ARGS:-}
limit=${BOOT_TIMEOUT:-300}
configs=${BOOT_CONFIGS:-1 2 2,gic3 2,cpu=max}

n=0
tap() { n=$((n + 1)); echo "$1 $n - $2"; }
comment() { sed 's/^/# /'; }

if ! command -v "$qemu" >/dev/null 2>&1; then
    tap ok "Linux boot # SKIP $qemu not built"
    exit 0
fi
err=$(mktemp) || exit 1
if ! boot_prepare 2>"$err"; then
    tail -n 5 "$err" | comment
    rm -f "$err"
    tap ok "Linux boot # SKIP $boot_why"
    exit 0
fi
rm -f "$err"

to=
if command -v timeout >/dev/null 2>&1; then
    to="timeout -k 10 $limit"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/boot-linux.XXXXXX") || exit 1
qpid=
trap 'rm -rf "$tmp"; [ -n "$qpid" ] && kill $qpid 2>/dev/null' EXIT
trap 'exit 1' HUP INT TERM

# Expected values.
want_sum=0 i=0
while [ $i -lt 1000 ]; do
    want_sum=$((want_sum + i * i))
    i=$((i + 1))
done
want_md5=$(seq 1 20000 | md5sum | cut -d' ' -f1)
i=0
while [ $i -lt 256 ]; do
    printf 'systests disk block %05d\n' $i
    i=$((i + 1))
done > "$tmp/pattern"
want_disk=$(md5sum < "$tmp/pattern" | cut -d' ' -f1)

# Does the emulator take -netdev user (boot-lib.sh)?
# shellcheck disable=SC2086
boot_net_probe "$qemu" $extra
net=$boot_net
if [ -z "$net" ]; then
    echo "# $qemu rejects -netdev user / virtio-net-device:"
    echo "$boot_net_why" | comment
fi

# check key expected: one TAP line from "SYSTESTS key: value".
check() {
    got=$(sed -n "s/^SYSTESTS $1: //p" "$tmp/out" | head -n 1)
    if [ "$got" = "$2" ]; then
        tap ok "$label: $1 = $2"
    else
        tap "not ok" "$label: $1 = $2"
        echo "#   got: ${got:-(no line)}"
    fi
}

for cfg in $configs; do
    # "N[,gic3][,cpu=MODEL]"
    smp=${cfg%%,*}
    args=$boot_qemu_args
    label="Linux -smp $smp"
    optional=
    for f in $(echo "$cfg" | tr ',' ' '); do
        case $f in
        gic3)
            args=$(echo "$args" | sed 's/-M virt/-M virt,gic-version=3/')
            label="$label GICv3"
            optional=gic-version=3 ;;
        cpu=*)
            args=$(echo "$args" | sed "s/-cpu [^ ]*/-cpu ${f#cpu=}/")
            label="$label -cpu ${f#cpu=}" ;;
        esac
    done
    if [ -n "$optional" ]; then
        # Skipped while the emulator refuses the option (a paused emulator
        # that takes it is still running after 3 s).
        # shellcheck disable=SC2086
        timeout -k 2 3 "$qemu" $args $extra -S </dev/null >"$tmp/probe" 2>&1
        if [ $? != 124 ]; then
            tap ok "$label # SKIP the emulator rejects $optional: $(head -n 1 "$tmp/probe")"
            continue
        fi
    fi
    # A fresh 4 MiB disk with host data at offset 0.
    dd if=/dev/zero of="$tmp/disk.img" bs=1024 count=4096 2>/dev/null
    printf 'systests host data' | dd of="$tmp/disk.img" conv=notrunc 2>/dev/null
    start=$(date +%s)
    # The console's input is a FIFO we hold open (read-write: the open
    # cannot block); once the marker is out we type a line on it.
    rm -f "$tmp/in" "$tmp/out.raw"
    mkfifo "$tmp/in" || exit 1
    exec 3<>"$tmp/in"
    # shellcheck disable=SC2086
    $to "$qemu" $args -smp "$smp" $extra -no-reboot \
        -kernel "$boot_kernel" -initrd "$boot_initrd" \
        -append "console=ttyAMA0 panic=-1 systests.mode=check" \
        -drive "file=$tmp/disk.img,format=raw,if=none,id=disk0" \
        -device virtio-blk-device,drive=disk0 \
        $net <"$tmp/in" >"$tmp/out.raw" 2>&1 &
    qpid=$!
    while kill -0 $qpid 2>/dev/null &&
          ! grep -q 'SYSTESTS-INIT-MARKER' "$tmp/out.raw" 2>/dev/null; do
        sleep 0.2
    done
    sleep 0.5
    printf 'systests typed line\n' >&3
    wait $qpid
    status=$?
    qpid=
    exec 3>&-
    secs=$(( $(date +%s) - start ))
    tr -d '\r' < "$tmp/out.raw" > "$tmp/out"
    echo "# $label: exit status $status after ${secs}s, $(wc -l < "$tmp/out") lines of output"

    if grep -q '^SYSTESTS-INIT-MARKER$' "$tmp/out"; then
        tap ok "$label: init marker"
    else
        tap "not ok" "$label: init marker"
    fi
    check input "systests typed line"
    check cpus "$smp"
    check uname "Linux aarch64"
    check sum "$want_sum"
    check md5 "$want_md5"
    check disk-host "systests host data"
    check disk-readback "$want_disk"
    got=$(dd if="$tmp/disk.img" bs=512 skip=8 count=13 2>/dev/null | md5sum | cut -d' ' -f1)
    if [ "$got" = "$want_disk" ]; then
        tap ok "$label: the guest's pattern is in the image file"
    else
        tap "not ok" "$label: the guest's pattern is in the image file"
    fi
    if [ -n "$net" ]; then
        check ping ok
    else
        tap ok "$label: ping 10.0.2.2 # SKIP $qemu has no -netdev user"
    fi
    if grep -q '^SYSTESTS done$' "$tmp/out"; then
        tap ok "$label: init finished"
    else
        tap "not ok" "$label: init finished"
    fi
    if grep -qE 'Kernel panic|Internal error: |Unable to handle kernel|BUG: |WARNING: CPU' "$tmp/out"; then
        tap "not ok" "$label: no kernel panic, oops, BUG or WARNING"
        grep -E -A3 'Kernel panic|Internal error: |Unable to handle kernel|BUG: |WARNING: CPU' "$tmp/out" |
            head -n 20 | comment
    else
        tap ok "$label: no kernel panic, oops, BUG or WARNING"
    fi
    case $status in
    0) tap ok "$label: powered off, exit status 0" ;;
    124|137) tap "not ok" "$label: powered off (timed out after ${limit}s)" ;;
    *) tap "not ok" "$label: powered off, exit status 0 (got $status)" ;;
    esac
    if ! grep -q '^SYSTESTS done$' "$tmp/out" || [ "$status" != 0 ]; then
        echo "# last lines of the console:"
        tail -n 30 "$tmp/out" | comment
    fi
done
exit 0
