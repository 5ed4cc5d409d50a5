# tests/unit/gicv3.mk: the GICv3 model (libhw-gicv3.a) through the
# memory API and its ICC_* system register entry points, with IRQ
# recorders on every CPU's IRQ and FIQ lines.  It links the objects it
# needs rather than libsoftmmu.a and libhw-core.a, which hold parts
# being written.

tests/unit/test-gicv3: tests/unit/test-gicv3.o libhw-gicv3.a \
	hw/core/irq.o softmmu/memory.o softmmu/memory-print.o util/log.o
	$(call link,$^)
CHECK_PROGS += tests/unit/test-gicv3
