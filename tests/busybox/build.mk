# tests/busybox/: Debian's busybox-static for arm64, amd64 and i386
# (downloaded by fetch.sh into tests/busybox/cache, cache-amd64 and
# cache-i386 of the build directory, not installed on the host) runs a
# script of common shell commands under qemu-aarch64, qemu-x86_64 and
# qemu-i386 (and the amd64 one natively, as the oracle); its output is
# checked against commands.expect, one TAP line per command.
CHECK_SCRIPTS += tests/busybox/busybox.sh
