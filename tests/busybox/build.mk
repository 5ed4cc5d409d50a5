# tests/busybox/: Debian's busybox-static for arm64, amd64, i386, armhf
# and armel (downloaded by fetch.sh into tests/busybox/cache,
# cache-amd64, cache-i386, cache-armhf and cache-armel of the build
# directory, not installed on the host) runs a script of common shell
# commands under qemu-aarch64, qemu-x86_64, qemu-i386 and qemu-arm (and
# the amd64 one natively, as the oracle); its output is
# checked against commands.expect, one TAP line per command.
CHECK_SCRIPTS += tests/busybox/busybox.sh
