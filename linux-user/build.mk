# linux-user/: user-mode process emulation, compiled once per *-linux-user
# target (rules.mak's TARGET_RULES) with -Ilinux-user -Ilinux-user/<arch>
# and the target's config-target.h.
#
# The per-target ABI files come from linux-user-<arch>-obj; rules.mak
# expands linux-user-obj inside its foreach over TARGET_LIST, whose loop
# variable t names the target being set up.

linux-user-generic-obj = \
	linux-user/main.c \
	linux-user/elfload.c \
	linux-user/mmap.c \
	linux-user/safe-syscall.c \
	linux-user/signal.c \
	linux-user/syscall.c \
	linux-user/syscall-file.c \
	linux-user/syscall-ipc.c \
	linux-user/syscall-legacy.c \
	linux-user/syscall-mem.c \
	linux-user/syscall-proc.c \
	linux-user/syscall-signal.c \
	linux-user/syscall-sock.c \
	linux-user/syscall-time.c

linux-user-aarch64-obj = \
	linux-user/aarch64/cpu_loop.c \
	linux-user/aarch64/signal.c

# x86: one cpu loop and TLS code for both, the frames per ABI.
linux-user-x86-common-obj = \
	linux-user/x86-common/cpu_loop.c \
	linux-user/x86-common/fpframe.c \
	linux-user/x86-common/tls.c \
	linux-user/x86-common/vdso.c \
	linux-user/x86-common/vdso-elf.c

linux-user-x86_64-obj = $(linux-user-x86-common-obj) \
	linux-user/x86_64/signal.c \
	linux-user/x86_64/syscall64.c

linux-user-i386-obj = $(linux-user-x86-common-obj) \
	linux-user/syscall32-common.c \
	linux-user/syscall32-ipc.c \
	linux-user/i386/signal.c \
	linux-user/i386/syscall32.c \
	linux-user/i386/vm86.c

# 32-bit ARM (EABI): the shared 32-bit layer and the ARM frames, loop,
# vectors page and ARM-only calls.
linux-user-arm-obj = \
	linux-user/syscall32-common.c \
	linux-user/syscall32-ipc.c \
	linux-user/arm/cpu_loop.c \
	linux-user/arm/kuser.c \
	linux-user/arm/signal.c \
	linux-user/arm/syscall-arm.c

linux-user-obj = $(linux-user-generic-obj) \
	$(linux-user-$(TARGET_$(t)_ARCH)-obj)

# Its tests (tests/build.mk does not list them).
include $(SRC_PATH)/tests/linux-user/build.mk
