# hw/build.mk: devices and boards for system mode.  For now the arm
# board support that needs no memory API: the `virt` device tree and
# the arm64 kernel loader (libhw-arm.a, linked with -lfdt -lz from LIBS).

HW_ARM_OBJS = hw/arm/virt-fdt.o hw/arm/boot.o
libhw-arm.a: $(HW_ARM_OBJS)

tests/unit/test-virt-fdt: tests/unit/test-virt-fdt.o libhw-arm.a
	$(call link,$^)
tests/unit/test-arm-boot: tests/unit/test-arm-boot.o libhw-arm.a
	$(call link,$^)
CHECK_PROGS += tests/unit/test-virt-fdt tests/unit/test-arm-boot

# Interrupt lines and the first devices (libhw-core.a): PL011 UART and
# PL031 RTC on the memory API (libsoftmmu.a).
HW_CORE_OBJS = hw/core/irq.o hw/char/pl011.o hw/rtc/pl031.o \
	hw/intc/arm_gicv2.o
libhw-core.a: $(HW_CORE_OBJS)

tests/unit/test-pl011: tests/unit/test-pl011.o libhw-core.a libsoftmmu.a util/log.o
	$(call link,$^)
tests/unit/test-pl031: tests/unit/test-pl031.o libhw-core.a libsoftmmu.a util/log.o
	$(call link,$^)
CHECK_PROGS += tests/unit/test-pl011 tests/unit/test-pl031

# The GICv2 interrupt controller (libhw-core.a).
tests/unit/test-gicv2: tests/unit/test-gicv2.o libhw-core.a libsoftmmu.a util/log.o
	$(call link,$^)
CHECK_PROGS += tests/unit/test-gicv2
