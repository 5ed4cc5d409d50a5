# net/build.mk: network clients and queues (net/net.c) and -netdev user
# (net/slirp.c, libslirp when configure found it: CONFIG_SLIRP; without
# it -netdev user fails with one line) and -netdev tap (net/tap.c, Linux
# /dev/net/tun).  libnet.a is target-independent.

NET_OBJS = net/net.o net/slirp.o net/tap.o
libnet.a: $(NET_OBJS)
SYSTEM_LIBS += libnet.a
