# boot-lib.sh: sourced by boot-linux.sh, bench-boot.sh and the demo.
#
# boot_prepare: fetch Debian's arm64 kernel (fetch-kernel.sh, cached in
# tests/system/cache of the build directory) and busybox-static:arm64
# (tests/busybox/fetch.sh, tests/busybox/cache) and build the initramfs
# tests/system/boot/initrd.gz (init.sh as /init, busybox, the virtio
# modules) with mkinitramfs.py.  Sets boot_kernel and boot_initrd;
# on failure returns 1 with the reason in boot_why (details on stderr).
#
# boot_qemu_args: the emulator options every boot uses (after the
# emulator's name): the virt board, a Cortex-A57, 512 MiB.
#
# boot_net_probe QEMU [EXTRA-ARGS...]: sets boot_net to the options of a
# virtio-net NIC on -netdev user when the emulator takes them, else to
# "" (with the emulator's complaint in boot_net_why).  The emulator is
# started paused (-S) with the NIC: one that rejects the options exits
# at once; one that takes them is still running when a 3 s timeout
# stops it.

# shellcheck shell=sh disable=SC2034
# (boot_* variables are for the scripts that source this file.)
systests_src=${systests_src:-$(cd "$(dirname "$0")" && pwd)}
tree_src=$(cd "$systests_src/../.." && pwd)

boot_prepare() {
    boot_kernel='' boot_initrd='' boot_why=''
    if ! boot_kernel=$("$systests_src/fetch-kernel.sh" "$PWD/tests/system/cache"); then
        boot_why="could not download the arm64 kernel package"
        return 1
    fi
    local_bb=$("$tree_src/tests/busybox/fetch.sh" "$PWD/tests/busybox/cache" arm64) || {
        boot_why="could not download busybox-static:arm64"
        return 1
    }
    if ! command -v python3 >/dev/null 2>&1; then
        boot_why="python3 not found (builds the initramfs)"
        return 1
    fi
    dir=$PWD/tests/system/boot
    mkdir -p "$dir" || return 1
    root=$(mktemp -d "${TMPDIR:-/tmp}/systests-root.XXXXXX") || return 1
    mkdir -p "$root/bin" "$root/lib/modules" "$root/proc" "$root/sys" \
        "$root/tmp" "$root/dev" &&
        cp "$local_bb" "$root/bin/busybox" &&
        cp "$systests_src/init.sh" "$root/init" &&
        chmod 755 "$root/init" "$root/bin/busybox" &&
        cp "$(dirname "$boot_kernel")"/modules/*.ko "$root/lib/modules/" 2>/dev/null
    python3 "$systests_src/mkinitramfs.py" "$dir/initrd.gz.tmp" "$root" &&
        mv "$dir/initrd.gz.tmp" "$dir/initrd.gz"
    ok=$?
    rm -rf "$root"
    if [ $ok != 0 ]; then
        boot_why="could not build the initramfs"
        return 1
    fi
    boot_initrd=$dir/initrd.gz
    return 0
}

boot_qemu_args="-M virt -cpu cortex-a57 -m 512M -nographic"

boot_net_probe() {
    probe_q=$1
    shift
    boot_net="-netdev user,id=net0 -device virtio-net-device,netdev=net0"
    probe_out=$(mktemp "${TMPDIR:-/tmp}/netprobe.XXXXXX") || return 1
    # shellcheck disable=SC2086
    probe_status=0
    timeout -k 2 3 "$probe_q" $boot_qemu_args "$@" -S $boot_net \
        </dev/null >"$probe_out" 2>&1 || probe_status=$?
    boot_net_why=$(head -n 3 "$probe_out")
    rm -f "$probe_out"
    # 124: still running after 3 s, so the options were taken.
    if [ $probe_status != 124 ]; then
        boot_net=
    fi
}
