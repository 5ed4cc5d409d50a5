# tests/unit/sysreg.mk: the AArch64 system register table
# (target-arm/sysreg-a64.c) of every CPU model.  sysreg-a64.c is a
# per-target system-mode file, so the test compiles its own copy with
# CONFIG_SOFTMMU (it needs nothing else from config-target.h) and stubs
# what it calls in the TLB and cpu-sys.c; the walk (mmu-a64.c) and the
# timer (gtimer.c) are the real, target-independent ones.

SYSREG_TEST_CFLAGS = -DCONFIG_SOFTMMU -I$(SRC_PATH)/target-arm

tests/unit/sysreg-a64-unit.o: target-arm/sysreg-a64.c
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CC) $(ALL_CFLAGS) $(SYSREG_TEST_CFLAGS) -MMD -MP -c -o $@ $<

tests/unit/test-sysreg-a64.o-cflags = $(SYSREG_TEST_CFLAGS)

tests/unit/test-sysreg-a64: tests/unit/test-sysreg-a64.o \
		tests/unit/sysreg-a64-unit.o target-arm/mmu-a64.o target-arm/gtimer.o
	$(call link,$^ -lpthread)
CHECK_PROGS += tests/unit/test-sysreg-a64

-include tests/unit/sysreg-a64-unit.d
