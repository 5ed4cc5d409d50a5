#!/bin/sh
# boot-tap.sh: -netdev tap end to end.  As root with /dev/net/tun and
# ip(8): create a persistent tap interface with 10.99.0.1/24 on the host
# (ip tuntap), boot Debian's arm64 kernel (boot-lib.sh) with
# virtio-net-device on -netdev tap,ifname=...,script=no,downscript=no and
# the initramfs shell (systests.mode=shell, commands fed on stdin), give
# the guest's eth0 10.99.0.2/24, ping the host from the guest, ping the
# guest from the host, power off.  The interface is removed at exit.
#
# Run from the build directory (as `make check` does):
#     ../tests/system/boot-tap.sh
# Environment: SYSTESTS_QEMU (default ./qemu-system-aarch64),
#     BOOT_TIMEOUT (seconds, default 300).
# Skips (one TAP "ok # SKIP" line) without the emulator, root,
# /dev/net/tun or ip, or when the kernel cannot be downloaded.

systests_src=$(cd "$(dirname "$0")" && pwd)
. "$systests_src/boot-lib.sh"

qemu=${SYSTESTS_QEMU:-./qemu-system-aarch64}
limit=${BOOT_TIMEOUT:-300}
n=0
tap() { n=$((n + 1)); echo "$1 $n - $2"; }
comment() { sed 's/^/# /'; }
skip() { tap ok "Linux on -netdev tap # SKIP $1"; exit 0; }

command -v "$qemu" >/dev/null 2>&1 || skip "$qemu not built"
[ "$(id -u)" = 0 ] || skip "not root"
[ -c /dev/net/tun ] || skip "no /dev/net/tun"
command -v ip >/dev/null 2>&1 || skip "no ip(8)"
command -v ping >/dev/null 2>&1 || command -v python3 >/dev/null 2>&1 ||
    skip "neither ping nor python3"
err=$(mktemp) || exit 1
if ! boot_prepare 2>"$err"; then
    tail -n 5 "$err" | comment
    rm -f "$err"
    skip "$boot_why"
fi
rm -f "$err"

ifname=$(echo "qtap$$" | cut -c1-15)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/boot-tap.XXXXXX") || exit 1
qpid=
cleanup() {
    [ -n "$qpid" ] && kill "$qpid" 2>/dev/null
    ip link del "$ifname" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

if ! ip tuntap add dev "$ifname" mode tap 2>"$tmp/err" ||
   ! ip addr add 10.99.0.1/24 dev "$ifname" 2>>"$tmp/err" ||
   ! ip link set "$ifname" up 2>>"$tmp/err"; then
    comment < "$tmp/err"
    skip "could not create tap interface $ifname"
fi
tap ok "host interface $ifname with 10.99.0.1/24"

to=
if command -v timeout >/dev/null 2>&1; then
    to="timeout -k 10 $limit"
fi
mkfifo "$tmp/in" || exit 1
exec 3<>"$tmp/in"
# shellcheck disable=SC2086
$to "$qemu" $boot_qemu_args -no-reboot \
    -kernel "$boot_kernel" -initrd "$boot_initrd" \
    -append "console=ttyAMA0 panic=-1 systests.mode=shell" \
    -netdev "tap,id=n0,ifname=$ifname,script=no,downscript=no" \
    -device virtio-net-device,netdev=n0 <"$tmp/in" >"$tmp/out" 2>&1 &
qpid=$!

# host_ping ADDR: three ICMP echo requests, true when one is answered
# (ping(8), or a raw ICMP socket in python3 where ping is missing).
host_ping() {
    if command -v ping >/dev/null 2>&1; then
        ping -c 3 -W 3 "$1"
        return
    fi
    python3 - "$1" <<'PY'
import socket, struct, sys, time
addr = sys.argv[1]
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
s.settimeout(3)
def csum(b):
    t = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    t = (t >> 16) + (t & 0xffff)
    return ~(t + (t >> 16)) & 0xffff
for seq in range(3):
    body = struct.pack("!HH", 0x7a7a, seq) + b"boot-tap.sh ping"
    pkt = struct.pack("!BBH", 8, 0, 0) + body
    pkt = struct.pack("!BBH", 8, 0, csum(pkt)) + body
    s.sendto(pkt, (addr, 0))
    end = time.time() + 3
    while time.time() < end:
        try:
            data, src = s.recvfrom(2048)
        except socket.timeout:
            break
        icmp = data[(data[0] & 15) * 4:]
        if src[0] == addr and icmp[0] == 0 and icmp[4:8] == body[:4]:
            print("reply from %s seq %d" % (addr, seq))
            sys.exit(0)
sys.exit(1)
PY
}

# wait_for TEXT SECONDS: TEXT appeared in the console output.
wait_for() {
    end=$(($(date +%s) + $2))
    while [ "$(date +%s)" -le $end ]; do
        grep -q "$1" "$tmp/out" 2>/dev/null && return 0
        kill -0 "$qpid" 2>/dev/null || return 1
        sleep 0.2
    done
    return 1
}

if wait_for 'SYSTESTS-INIT-MARKER' "$limit"; then
    tap ok "guest booted (init marker)"
else
    tap "not ok" "guest booted (init marker)"
    tail -n 20 "$tmp/out" | comment
    exit 0
fi
wait_for 'busybox .* on Linux' 60
sleep 1
# The console echoes what we type: results are printed as arithmetic
# ($((40+2)) echoes as typed but prints 42) so only real output matches.
printf '%s\n' 'ip addr flush dev eth0; ip route flush dev eth0' \
    'ip addr add 10.99.0.2/24 dev eth0 && ip link set eth0 up && echo ADDR_$((40+2))' \
    'ping -c 3 -W 3 10.99.0.1 >/dev/null && echo GUESTPING_$((40+2))' >&3
if wait_for 'ADDR_42' 30; then
    tap ok "guest eth0 10.99.0.2/24"
else
    tap "not ok" "guest eth0 10.99.0.2/24"
fi
if wait_for 'GUESTPING_42' 30; then
    tap ok "guest pings the host 10.99.0.1 over tap"
else
    tap "not ok" "guest pings the host 10.99.0.1 over tap"
fi
if host_ping 10.99.0.2 >"$tmp/ping" 2>&1; then
    tap ok "host pings the guest 10.99.0.2 over tap"
else
    tap "not ok" "host pings the guest 10.99.0.2 over tap"
    comment < "$tmp/ping"
fi
printf 'poweroff -f\n' >&3
wait "$qpid"
status=$?
qpid=
exec 3>&-
if [ "$status" = 0 ]; then
    tap ok "powered off, exit status 0"
else
    tap "not ok" "powered off, exit status 0 (got $status)"
    tail -n 30 "$tmp/out" | tr -d '\r' | comment
fi
exit 0
