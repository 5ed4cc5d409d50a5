# hw/arm/build.mk: the `virt` board, compiled per system target (it
# includes target-arm/cpu.h) and linked into qemu-system-aarch64.
softmmu-arm-obj = hw/arm/virt.c
