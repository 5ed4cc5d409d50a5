# aarch64-softmmu: qemu-system-aarch64, a whole AArch64 machine (softmmu/,
# hw/, target-arm/ at EL0/EL1): the `virt` board.
TARGET_ARCH=aarch64
TARGET_BASE_ARCH=arm
TARGET_LONG_BITS=64
