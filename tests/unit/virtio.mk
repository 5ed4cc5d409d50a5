# tests/unit/virtio.mk: the virtio core, the virtio-mmio transport and
# the blk, rng and console devices (libhw-virtio.a) driven by a fake
# guest over the memory API, with a temporary raw image.  It links the
# objects it needs rather than libsoftmmu.a and libhw-core.a, which hold
# parts being written (and hw/core/qdev.o: the test has its own stub).

tests/unit/test-virtio: tests/unit/test-virtio.o libhw-virtio.a \
	hw/core/irq.o libblock.a softmmu/memory.o \
	softmmu/memory-print.o util/log.o
	$(call link,$^)
CHECK_PROGS += tests/unit/test-virtio
