# hw/virtio/build.mk: virtio core, the virtio-mmio transport and the
# blk, rng and console devices (libhw-virtio.a, target-independent).
# virtio-devices.o holds the -device drivers (a constructor registers
# them); unit tests never pull it in, so they need no vl.c or chardev.

HW_VIRTIO_OBJS = hw/virtio/virtio.o hw/virtio/virtio-mmio.o \
	hw/virtio/virtio-blk.o hw/virtio/virtio-rng.o \
	hw/virtio/virtio-console.o hw/virtio/virtio-devices.o
libhw-virtio.a: $(HW_VIRTIO_OBJS)
SYSTEM_LIBS += libhw-virtio.a
