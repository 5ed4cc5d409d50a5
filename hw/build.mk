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
