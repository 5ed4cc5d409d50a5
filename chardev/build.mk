# chardev/build.mk: host character backends (libchardev.a): null, stdio,
# file, pty, tcp/telnet and the mux, for qemu-system-* only.

CHARDEV_OBJS = chardev/char.o chardev/char-stdio.o chardev/char-socket.o \
	chardev/char-mux.o
libchardev.a: $(CHARDEV_OBJS)
SYSTEM_LIBS += libchardev.a
