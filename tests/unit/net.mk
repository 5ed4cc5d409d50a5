# tests/unit/net.mk: net/ (queues, options, -netdev user over the real
# main loop with a fake guest NIC) and hw/net/virtio-net.c (fake guest
# through the virtio-mmio registers); test-net-tap: -netdev tap (real
# interfaces only as root with /dev/net/tun).

tests/unit/test-net: tests/unit/test-net.o libnet.a libsoftmmu.a util/log.o
	$(call link,$^)
CHECK_PROGS += tests/unit/test-net

tests/unit/test-virtio-net: tests/unit/test-virtio-net.o libhw-net.a \
	libhw-virtio.a libnet.a hw/core/irq.o softmmu/memory.o \
	softmmu/memory-print.o libsoftmmu.a util/log.o
	$(call link,$^)
CHECK_PROGS += tests/unit/test-virtio-net

tests/unit/test-net-tap: tests/unit/test-net-tap.o libnet.a libsoftmmu.a \
	util/log.o
	$(call link,$^)
CHECK_PROGS += tests/unit/test-net-tap
