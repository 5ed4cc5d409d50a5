# tests/linux-user/: user-mode emulation tests, all scripts run from the
# build directory against ./qemu-aarch64, ./qemu-x86_64, ./qemu-i386 and
# ./qemu-arm
# (each one SKIPs when the binary or the cross compiler is missing).
#   elf-errors.sh        damaged and foreign ELF files, bad options
#   elf-errors-x86.sh    the same for the x86 loaders, minimal programs
#   asm-tests.sh         tiny assembler programs: loader, syscalls, signals
#   linux-test.sh        linux-test.c for each target, static and dynamic
#   x86-signals.sh       x86 faults, frames, FP state, old calls vs the host
#   x86-vdso.sh          the x86 vDSOs parsed by hand, called, vs the host
#   check-syscall-nr.sh  <arch>/syscall_nr.h against the kernel headers
#   binfmt-conf.sh       scripts/qemu-binfmt-conf.sh (dry runs only)
#   atomics-threads.sh   LSE and LL/SC atomics, CAS loops, mutexes: 4 threads
#                        (aarch64; arm A32, T32 and armel kuser cmpxchg)
#   mprotect-exec.sh     code stops when EXEC goes away, runs when it returns
#   arm-signals.sh       ARM signals (A32/T32 handlers, faults, VFP state)
#                        and the kernel user helpers (arm-kuser.c)
CHECK_SCRIPTS += tests/linux-user/arm-signals.sh
CHECK_SCRIPTS += tests/linux-user/elf-errors.sh \
	tests/linux-user/mprotect-exec.sh \
	tests/linux-user/elf-errors-x86.sh \
	tests/linux-user/x86-signals.sh \
	tests/linux-user/x86-vdso.sh \
	tests/linux-user/atomics-threads.sh \
	tests/linux-user/elf-bss.sh \
	tests/linux-user/perfmap.sh \
	tests/linux-user/fork-threads.sh \
	tests/linux-user/asm-tests.sh \
	tests/linux-user/linux-test.sh \
	tests/linux-user/check-syscall-nr.sh \
	tests/linux-user/binfmt-conf.sh
