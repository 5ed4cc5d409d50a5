# tests/unit/armsys.mk: the system-mode AArch64 CPU glue
# (target-arm/cpu-sys.c), compiled into its test with CONFIG_SOFTMMU and
# stubs for the TLB, exec loop, timers and memory API, so it runs with
# the default configure too.

tests/unit/test-armsys.o-cflags = -DCONFIG_SOFTMMU -I$(SRC_PATH)/target-arm
tests/unit/test-armsys: tests/unit/test-armsys.o target-arm/excp-a64.o \
		target-arm/mmu-a64.o target-arm/gtimer.o target-arm/psci.o \
		util/log.o
	$(call link,$^)
CHECK_PROGS += tests/unit/test-armsys
