# tests/busybox/: Debian's busybox-static for arm64 (downloaded by fetch.sh
# into tests/busybox/cache of the build directory, not installed on the
# host) runs a script of common shell commands under qemu-aarch64; its
# output is checked against commands.expect, one TAP line per command.
CHECK_SCRIPTS += tests/busybox/busybox.sh
