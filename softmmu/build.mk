# softmmu/build.mk: system-mode memory (libsoftmmu.a: memory regions and
# address spaces), target-independent; qemu-system-* binaries link it.
# softmmu-obj (per-target sources, see rules.mak) comes with the soft TLB.

SOFTMMU_OBJS = softmmu/memory.o softmmu/memory-print.o

libsoftmmu.a: $(SOFTMMU_OBJS)

tests/unit/test-memory: tests/unit/test-memory.o libsoftmmu.a util/log.o
	$(call link,$^)
CHECK_PROGS += tests/unit/test-memory
