# hw/intc/build.mk: the GICv3 interrupt controller (libhw-gicv3.a,
# target-independent; the GICv2 model and the state helpers both share,
# hw/intc/arm_gic-common.o, stay in libhw-core.a, see hw/build.mk).
# Unit tests: tests/unit/gicv3.mk, which links objects rather than
# libhw-core.a: the shared helpers are added to its link line here.

HW_GICV3_OBJS = hw/intc/arm_gicv3.o
libhw-gicv3.a: $(HW_GICV3_OBJS)
SYSTEM_LIBS += libhw-gicv3.a

tests/unit/test-gicv3: hw/intc/arm_gic-common.o
