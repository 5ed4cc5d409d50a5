# hw/build.mk: devices and boards for system mode.  Each area has its
# own hw/<area>/build.mk; the target-independent devices go into
# libhw-core.a, board support into libhw-arm.a, per-target board code
# (it includes target-arm/cpu.h) into softmmu-<base arch>-obj.

HW_CORE_OBJS = hw/core/irq.o hw/char/pl011.o hw/rtc/pl031.o \
	hw/intc/arm_gicv2.o hw/intc/arm_gic-common.o
libhw-core.a: $(HW_CORE_OBJS)

HW_ARM_OBJS = hw/arm/virt-fdt.o hw/arm/boot.o
libhw-arm.a: $(HW_ARM_OBJS)

SYSTEM_LIBS += libhw-arm.a libhw-core.a

include $(wildcard $(SRC_PATH)/hw/*/build.mk)

tests/unit/test-virt-fdt: tests/unit/test-virt-fdt.o libhw-arm.a
	$(call link,$^)
tests/unit/test-arm-boot: tests/unit/test-arm-boot.o libhw-arm.a
	$(call link,$^)
CHECK_PROGS += tests/unit/test-virt-fdt tests/unit/test-arm-boot

tests/unit/test-pl011: tests/unit/test-pl011.o libhw-core.a libsoftmmu.a util/log.o
	$(call link,$^)
tests/unit/test-pl031: tests/unit/test-pl031.o libhw-core.a libsoftmmu.a util/log.o
	$(call link,$^)
CHECK_PROGS += tests/unit/test-pl011 tests/unit/test-pl031

tests/unit/test-gicv2: tests/unit/test-gicv2.o libhw-core.a libsoftmmu.a util/log.o
	$(call link,$^)
CHECK_PROGS += tests/unit/test-gicv2
