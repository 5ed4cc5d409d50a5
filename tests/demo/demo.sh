#!/bin/sh
# demo.sh (make demo): with ./qemu-system-aarch64 built, boot Debian's
# arm64 Linux (fetched and cached by tests/system/boot-lib.sh, with a
# busybox initramfs) to an interactive shell on the serial console;
# otherwise build a small AArch64 program, run it under our
# qemu-aarch64, then show the translator's own figures on its test CPU.
# DEMO_QEMU names another system emulator to boot with (e.g. Debian's
# qemu-system-aarch64, which also wants DEMO_QEMU_ARGS="-net none" or a
# -netdev).
set -e
src=$(cd "$(dirname "$0")/../.." && pwd)

qemu=${DEMO_QEMU:-./qemu-system-aarch64}
if [ -x "$qemu" ] || { [ -n "${DEMO_QEMU:-}" ] && command -v "$qemu" >/dev/null 2>&1; }; then
    systests_src=$src/tests/system
    . "$systests_src/boot-lib.sh"
    if boot_prepare; then
        # shellcheck disable=SC2086
        boot_net_probe "$qemu" ${DEMO_QEMU_ARGS:-}
        net=$boot_net
        echo "Booting Debian's arm64 Linux to a busybox shell ($qemu -smp 2): type commands; 'poweroff -f' or Ctrl-A x quits."
        # shellcheck disable=SC2086
        exec "$qemu" $boot_qemu_args -smp 2 ${DEMO_QEMU_ARGS:-} \
            -kernel "$boot_kernel" -initrd "$boot_initrd" \
            -append "console=ttyAMA0 quiet systests.mode=shell" $net
    fi
    echo "Cannot boot Linux: $boot_why; showing the user-mode demo instead."
fi

if [ -x ./qemu-aarch64 ] && command -v aarch64-linux-gnu-gcc >/dev/null 2>&1; then
    mkdir -p tests/demo
    aarch64-linux-gnu-gcc -O2 -static -o tests/demo/demo-aarch64 "$src/tests/demo/demo.c"
    echo "\$ ./qemu-aarch64 tests/demo/demo-aarch64"
    ./qemu-aarch64 tests/demo/demo-aarch64
    echo
fi
echo "The translator on its built-in test CPU:"
./tests/exec/bench-exec --stats
