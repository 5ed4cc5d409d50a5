# tests/unit/mmu.mk: the AArch64 stage 1 walk (target-arm/mmu-a64.c) is
# target-independent C, so its unit test compiles it once, outside the
# per-target object lists.

tests/unit/test-mmu-a64: tests/unit/test-mmu-a64.o target-arm/mmu-a64.o
	$(call link,$^)
CHECK_PROGS += tests/unit/test-mmu-a64
