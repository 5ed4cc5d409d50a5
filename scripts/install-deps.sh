#!/bin/sh
# Install, with apt-get, every Debian package the build and the tests need.
#   --if-missing   do nothing when all of them are already installed
#
# Cross compilers build guest test programs.  Never gcc-multilib: it
# conflicts with Debian's cross compilers (32-bit x86 uses i686-linux-gnu-gcc).
# 32-bit ARM: gnueabihf (armhf) for tests/tcg/arm and the linux-user
# tests, gnueabi (armel, soft-float) for linux-test.sh's armel run.

PKGS="gcc make pkg-config python3 libglib2.0-dev libpixman-1-dev libsdl2-dev
zlib1g-dev libfdt-dev libcapstone-dev libslirp-dev
gcc-aarch64-linux-gnu gcc-i686-linux-gnu gcc-arm-linux-gnueabihf
gcc-arm-linux-gnueabi qemu-utils"

missing=
for p in $PKGS; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "ok installed" \
        || missing="$missing $p"
done
if [ "$1" = --if-missing ] && [ -z "$missing" ]; then
    exit 0
fi
[ -n "$missing" ] || missing=$(echo $PKGS)
echo "install-deps: installing:$missing"
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null || exit 1
# shellcheck disable=SC2086
$SUDO apt-get install -y -q $missing >/dev/null || exit 1
