# target-i386/: the x86 CPU (IA-32 and x86-64 at CPL 3), compiled per
# target by rules.mak's TARGET_RULES into <target>/target-i386/ for both
# qemu-i386 and qemu-x86_64.  translate.c #includes the trans-*.c.inc
# files; the *_helper.c files hold the run-time helpers.

target-i386-obj = target-i386/cpu.c target-i386/translate.c \
	target-i386/cc_helper.c target-i386/int_helper.c \
	target-i386/seg_helper.c target-i386/misc_helper.c \
	target-i386/fpu_helper.c target-i386/fpstate_helper.c \
	target-i386/sse_int_helper.c target-i386/sse_fp_helper.c

# test-i386 / test-x86_64 and `make test` (native vs emulated).
-include $(SRC_PATH)/tests/tcg/i386/build.mk
# Freestanding tests of the translator core: `make test-mini`.
-include $(SRC_PATH)/tests/tcg/i386-mini/build.mk
