#!/bin/sh
# fetch-kernel.sh [CACHEDIR]: get Debian's arm64 Linux kernel without
# installing it on the host, and print the path of its Image.
#
# The kernel package's exact name (linux-image-6.1.0-NN-arm64 on
# bookworm) is whatever the meta-package linux-image-arm64:arm64
# depends on in its candidate version; apt-get download fetches the
# .deb into CACHEDIR (by default tests/system/cache under the current,
# build, directory) and dpkg -x unpacks it elsewhere; only
# boot/vmlinuz-* is kept, as CACHEDIR/vmlinuz (bookworm's is a plain
# arm64 Image with an EFI stub, not compressed), with the few modules the
# boot test loads (the virtio-mmio transport, virtio-blk, virtio-net and
# its failover dependencies: modules in Debian's kernel, uncompressed) as
# CACHEDIR/modules/*.ko.  A later run finds it
# and does nothing else; apt-get update runs only when the package is
# unknown or cannot be downloaded.  Messages go to stderr; the exit
# status is non-zero when the kernel cannot be obtained (no network,
# not root, no apt).

set -u
cache=${1:-$PWD/tests/system/cache}
arch=arm64

msg() { echo "fetch-kernel.sh: $*" >&2; }

mkdir -p "$cache" || exit 1
cache=$(cd "$cache" && pwd) || exit 1
img=$cache/vmlinuz

deb() { ls "$cache"/linux-image-*_"$arch".deb 2>/dev/null | tail -n 1; }

# The versioned package the meta-package pulls in, e.g.
# linux-image-6.1.0-50-arm64.
kernel_pkg() {
    apt-cache depends "linux-image-$arch:$arch" 2>/dev/null |
        sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*-'"$arch"'\)\(:'"$arch"'\)\{0,1\}$/\1/p' |
        head -n 1
}

if [ -z "$(deb)" ]; then
    for tool in apt-get apt-cache dpkg; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            msg "$tool not found"; exit 1
        fi
    done
    if [ "$(dpkg --print-architecture)" != "$arch" ] &&
       ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
        dpkg --add-architecture "$arch" || { msg "cannot add $arch architecture (not root?)"; exit 1; }
    fi
    pkg=$(kernel_pkg)
    if [ -z "$pkg" ] || ! (cd "$cache" && timeout 300 apt-get download "$pkg:$arch") >&2; then
        msg "${pkg:-linux-image-$arch} not available; running apt-get update"
        timeout 300 apt-get update >&2 || msg "apt-get update reported errors"
        pkg=$(kernel_pkg)
        [ -n "$pkg" ] || { msg "no linux-image-*-$arch package known to apt"; exit 1; }
        (cd "$cache" && timeout 300 apt-get download "$pkg:$arch") >&2 ||
            { msg "cannot download $pkg:$arch"; exit 1; }
    fi
fi

d=$(deb)
[ -n "$d" ] || { msg "no .deb in $cache"; exit 1; }
if [ ! -s "$img" ] || [ "$(cat "$cache/unpacked" 2>/dev/null)" != "$d" ]; then
    rm -rf "$img" "$cache/modules"
    root=$(mktemp -d "${TMPDIR:-/tmp}/kernel-deb.XXXXXX") || exit 1
    ok=1
    if dpkg -x "$d" "$root"; then
        k=$(ls "$root"/boot/vmlinuz-* 2>/dev/null | head -n 1)
        [ -n "$k" ] && mv "$k" "$img" && ok=0
        mkdir -p "$cache/modules"
        for m in virtio/virtio_mmio block/virtio_blk net/virtio_net \
                 net/net_failover; do
            f=$(ls "$root"/lib/modules/*/kernel/drivers/$m.ko 2>/dev/null | head -n 1)
            [ -n "$f" ] && cp "$f" "$cache/modules/"
        done
        f=$(ls "$root"/lib/modules/*/kernel/net/core/failover.ko 2>/dev/null | head -n 1)
        [ -n "$f" ] && cp "$f" "$cache/modules/"
    fi
    rm -rf "$root"
    [ $ok = 0 ] || { msg "no boot/vmlinuz-* in $d"; rm -f "$img"; exit 1; }
    echo "$d" > "$cache/unpacked"
fi
echo "$img"
