# hw/intc/build.mk: the GICv3 interrupt controller (libhw-gicv3.a,
# target-independent; the GICv2 model stays in libhw-core.a, see
# hw/build.mk).  Unit tests: tests/unit/gicv3.mk.

HW_GICV3_OBJS = hw/intc/arm_gicv3.o
libhw-gicv3.a: $(HW_GICV3_OBJS)
SYSTEM_LIBS += libhw-gicv3.a
