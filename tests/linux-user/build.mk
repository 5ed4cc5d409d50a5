# tests/linux-user/: user-mode emulation tests, all scripts run from the
# build directory against ./qemu-aarch64 (each one SKIPs when the binary
# or the aarch64-linux-gnu cross compiler is missing).
#   elf-errors.sh        damaged and foreign ELF files, bad options
#   asm-tests.sh         tiny assembler programs: loader, syscalls, signals
#   linux-test.sh        linux-test.c, static and dynamic: syscall families
#   check-syscall-nr.sh  aarch64/syscall_nr.h against the kernel headers
#   binfmt-conf.sh       scripts/qemu-binfmt-conf.sh (dry runs only)
#   atomics-threads.sh   LSE and LL/SC atomics, CAS loops, mutexes: 4 threads
CHECK_SCRIPTS += tests/linux-user/elf-errors.sh \
	tests/linux-user/atomics-threads.sh \
	tests/linux-user/elf-bss.sh \
	tests/linux-user/fork-threads.sh \
	tests/linux-user/asm-tests.sh \
	tests/linux-user/linux-test.sh \
	tests/linux-user/check-syscall-nr.sh \
	tests/linux-user/binfmt-conf.sh
