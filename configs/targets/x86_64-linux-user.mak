# x86_64-linux-user: qemu-x86_64, user-mode emulation of x86-64 Linux
# programs (linux-user/ with linux-user/x86_64/, target-i386/).
TARGET_ARCH=x86_64
TARGET_BASE_ARCH=i386
TARGET_LONG_BITS=64
