# i386-linux-user: qemu-i386, user-mode emulation of 32-bit x86 Linux
# programs (linux-user/ with linux-user/i386/, target-i386/).
TARGET_ARCH=i386
TARGET_BASE_ARCH=i386
TARGET_LONG_BITS=32
