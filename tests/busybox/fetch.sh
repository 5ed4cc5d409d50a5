#!/bin/sh
# fetch.sh [CACHEDIR [ARCH]]: get Debian's busybox-static for ARCH (a
# Debian architecture: arm64 by default, amd64, i386, armhf, armel)
# without installing it on the host, and print the path of its busybox
# binary.
#
# The .deb is downloaded (apt-get download) into CACHEDIR, by default
# tests/busybox/cache under the current (build) directory, and unpacked
# with dpkg -x; only bin/busybox is kept, as CACHEDIR/bin/busybox
# (the package also holds directories such as conf-hooks.d, which the
# build's `find . -name '*.d'` would take for dependency files).  A later
# run finds the binary and does nothing else; apt-get update is run only
# when apt-get download cannot find the package.  Messages go to stderr;
# exit status is non-zero when the binary cannot be obtained (no network,
# not root, no apt).

set -u
cache=${1:-$PWD/tests/busybox/cache}
arch=${2:-arm64}
pkg=busybox-static:$arch
bin=$cache/bin/busybox

msg() { echo "fetch.sh: $*" >&2; }

mkdir -p "$cache" || exit 1
cache=$(cd "$cache" && pwd) || exit 1
bin=$cache/bin/busybox

deb() { ls "$cache"/busybox-static_*_"$arch".deb 2>/dev/null | tail -n 1; }

if [ -z "$(deb)" ]; then
    for tool in apt-get dpkg; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            msg "$tool not found"; exit 1
        fi
    done
    if [ "$(dpkg --print-architecture)" != "$arch" ] &&
       ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
        dpkg --add-architecture "$arch" || { msg "cannot add $arch architecture (not root?)"; exit 1; }
    fi
    # apt-get download writes into the current directory.
    # Runs as root warn that the download is unsandboxed; that is harmless.
    if ! (cd "$cache" && timeout 120 apt-get download "$pkg") >&2; then
        msg "apt-get download failed; running apt-get update"
        # A partial failure (one mirror out of sync) still refreshes the
        # other lists: try the download whatever update says.
        timeout 300 apt-get update >&2 || msg "apt-get update reported errors"
        (cd "$cache" && timeout 120 apt-get download "$pkg") >&2 ||
            { msg "cannot download $pkg"; exit 1; }
    fi
fi

d=$(deb)
[ -n "$d" ] || { msg "no .deb in $cache"; exit 1; }
# Unpack once per .deb (a stamp names the unpacked file).
if [ ! -x "$bin" ] || [ "$(cat "$cache/unpacked" 2>/dev/null)" != "$d" ]; then
    rm -rf "${cache:?}/bin"
    # Unpacked outside the build directory, so that make never sees it.
    root=$(mktemp -d "${TMPDIR:-/tmp}/busybox-deb.XXXXXX") || exit 1
    mkdir "$cache/bin" &&
        dpkg -x "$d" "$root" &&
        mv "$root/bin/busybox" "$bin"
    ok=$?
    rm -rf "$root"
    [ $ok = 0 ] || { msg "dpkg -x $d failed"; rm -rf "${cache:?}/bin"; exit 1; }
    echo "$d" > "$cache/unpacked"
fi
[ -x "$bin" ] || { msg "$bin missing from $d"; exit 1; }
echo "$bin"
