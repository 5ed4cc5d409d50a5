# hw/net/build.mk: network devices: virtio-net-device (libhw-net.a,
# target-independent; its -device driver registers from a constructor
# and from virtio_net_register()).

HW_NET_OBJS = hw/net/virtio-net.o
libhw-net.a: $(HW_NET_OBJS)
SYSTEM_LIBS += libhw-net.a
