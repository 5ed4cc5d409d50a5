# arm-linux-user: qemu-arm, user-mode emulation of 32-bit ARM Linux
# programs, armhf and armel (linux-user/ with linux-user/arm/, target-arm/).
TARGET_ARCH=arm
TARGET_BASE_ARCH=arm
TARGET_LONG_BITS=32
