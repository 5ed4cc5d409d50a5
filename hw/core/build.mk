# hw/core/build.mk: the machine registry (hw/core/machine.c), linked
# whole into qemu-system-* through libhw-sys.a.  (hw/core/qdev.c and the
# IRQ lines live in libsoftmmu.a and libhw-core.a.)

libhw-sys.a: hw/core/machine.o
SYSTEM_LIBS += libhw-sys.a
