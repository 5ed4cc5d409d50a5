# tests/unit/syscpu.mk: AArch64 exception entry/return, PSCI and the
# generic timer (target-arm/excp-a64.c, psci.c, gtimer.c) are
# target-independent C, so their unit tests compile them once, outside
# the per-target object lists.  psci.c logs through util/log.c (libtcg.a).

tests/unit/test-excp-a64: tests/unit/test-excp-a64.o target-arm/excp-a64.o
	$(call link,$^)
tests/unit/test-psci: tests/unit/test-psci.o target-arm/psci.o libtcg.a
	$(call link,$^)
tests/unit/test-gtimer: tests/unit/test-gtimer.o target-arm/gtimer.o
	$(call link,$^)
CHECK_PROGS += tests/unit/test-excp-a64 tests/unit/test-psci \
               tests/unit/test-gtimer
