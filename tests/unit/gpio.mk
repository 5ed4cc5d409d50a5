# tests/unit/gpio.mk: the PL061 GPIO (libhw-gpio.a) through the memory
# API, with IRQ recorders on its lines and the virtual clock for the
# power button's release.  It links the objects it needs rather than
# libsoftmmu.a and libhw-core.a, which hold parts being written.

tests/unit/test-pl061: tests/unit/test-pl061.o libhw-gpio.a \
	hw/core/irq.o softmmu/memory.o softmmu/memory-print.o \
	util/qemu-timer.o util/main-loop.o util/log.o
	$(call link,$^)
CHECK_PROGS += tests/unit/test-pl061
