#!/bin/busybox sh
# init.sh: /init of the boot test's initramfs (busybox-static, the
# virtio modules).  The kernel command line selects what it does:
#   systests.mode=check (default): mount proc/sys/dev, print the marker,
#       run the checked commands, each printing one "SYSTESTS key: value"
#       line that boot-linux.sh compares with values the host computed,
#       then print "SYSTESTS done" and power off;
#   systests.mode=boot: the marker, then power off (bench-boot.sh);
#   systests.mode=shell: the marker, then an interactive shell on the
#       console (make demo); power off when it exits.
# The marker line is "SYSTESTS-INIT-MARKER".

/bin/busybox mkdir -p /proc /sys /dev /tmp /bin /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs tmpfs /tmp

mode=check
for arg in $(cat /proc/cmdline); do
    case $arg in
    systests.mode=*) mode=${arg#systests.mode=} ;;
    esac
done

echo "SYSTESTS-INIT-MARKER"

if [ "$mode" = boot ]; then
    poweroff -f
fi

# Quiet the console: module probes must not interleave with our lines.
echo 1 > /proc/sys/kernel/printk
for m in failover net_failover virtio_net virtio_mmio virtio_blk; do
    [ -f /lib/modules/$m.ko ] && insmod /lib/modules/$m.ko 2>/dev/null
done

if [ "$mode" = shell ]; then
    echo 4 > /proc/sys/kernel/printk
    hostname systests
    if ip link show eth0 >/dev/null 2>&1; then
        ip link set lo up
        ip link set eth0 up
        ip addr add 10.0.2.15/24 dev eth0
        ip route add default via 10.0.2.2
    fi
    echo
    echo "busybox $(busybox | head -n 1 | cut -d' ' -f2) on Linux $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPU(s).  Try: cat /proc/cpuinfo; ls /sys/bus/virtio/devices; poweroff -f"
    setsid cttyhack sh -l
    poweroff -f
fi

say() { echo "SYSTESTS $1: $2"; }

# Serial input: boot-linux.sh types a line once it sees the marker.
# shellcheck disable=SC3045
if read -t 60 line; then
    say input "$line"
else
    say input "(nothing within 60 s)"
fi

say cpus "$(grep -c ^processor /proc/cpuinfo)"
say uname "$(uname -sm)"

i=0 s=0
while [ $i -lt 1000 ]; do
    s=$((s + i * i))
    i=$((i + 1))
done
say sum "$s"

say md5 "$(seq 1 20000 | md5sum | cut -d' ' -f1)"

# virtio-blk: the host put "systests host data" at offset 0 of the disk;
# we write 13 sectors of a known pattern at sector 8, drop the caches
# and read them back.
n=0
while [ ! -b /dev/vda ] && [ $n -lt 50 ]; do
    sleep 0.1
    n=$((n + 1))
done
if [ -b /dev/vda ]; then
    say disk-host "$(dd if=/dev/vda bs=512 count=1 2>/dev/null | head -c 18)"
    i=0
    while [ $i -lt 256 ]; do
        printf 'systests disk block %05d\n' $i
        i=$((i + 1))
    done > /tmp/pattern
    dd if=/tmp/pattern of=/dev/vda bs=512 seek=8 conv=fsync 2>/dev/null
    sync
    echo 3 > /proc/sys/vm/drop_caches
    blockdev --flushbufs /dev/vda 2>/dev/null
    say disk-readback "$(dd if=/dev/vda bs=512 skip=8 count=13 2>/dev/null | md5sum | cut -d' ' -f1)"
else
    say disk-host "no /dev/vda"
    say disk-readback "no /dev/vda"
fi

if ip link show eth0 >/dev/null 2>&1; then
    ip link set lo up
    ip link set eth0 up
    ip addr add 10.0.2.15/24 dev eth0
    if ping -c 1 -W 10 10.0.2.2 >/dev/null 2>&1; then
        say ping ok
    else
        say ping failed
    fi
else
    say ping no-eth0
fi

sync
echo "SYSTESTS done"
poweroff -f
