# aarch64-linux-user: qemu-aarch64, user-mode emulation of AArch64 Linux
# programs (linux-user/ with linux-user/aarch64/, target-arm/).
TARGET_ARCH=aarch64
TARGET_BASE_ARCH=arm
TARGET_LONG_BITS=64
