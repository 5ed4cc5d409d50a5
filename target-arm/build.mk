# target-arm/: the ARM CPU, compiled per target by rules.mak's
# TARGET_RULES into <target>/target-arm/: AArch64 at EL0 for qemu-aarch64,
# AArch32 at PL0 for qemu-arm.  The decoders are generated from the
# .decode files into the build directory root (on -I.).  The FP helpers
# need the soft-float library.
#
# target-arm-obj is expanded inside rules.mak's foreach over TARGET_LIST,
# whose loop variable t names the target being set up.

target-arm-common-obj = target-arm/cpu.c target-arm/helper-fp.c \
	target-arm/helper-crypto.c

target-arm-aarch64-obj = target-arm/translate-a64.c \
	target-arm/helper-a64.c target-arm/helper-simd.c \
	target-arm/helper-simd-move.c target-arm/helper-vec.c

# AArch32: translate-a32.c #includes the trans-a32-*.c.inc files.
target-arm-arm-obj = target-arm/cpu-a32.c target-arm/translate-a32.c \
	target-arm/helper-a32.c target-arm/helper-a32-ls.c \
	target-arm/helper-vfp.c target-arm/helper-neon3.c \
	target-arm/helper-neon.c

# System mode (qemu-system-aarch64): EL1, the MMU, exceptions, the
# generic timer, PSCI and the system-register table.
target-arm-softmmu-obj = target-arm/cpu-sys.c target-arm/sysreg-a64.c \
	target-arm/mmu-a64.c target-arm/excp-a64.c target-arm/gtimer.c \
	target-arm/psci.c

target-arm-obj = $(target-arm-common-obj) \
	$(target-arm-$(TARGET_$(t)_ARCH)-obj)

decode-a64.c.inc: $(SRC_PATH)/target-arm/a64.decode $(SRC_PATH)/scripts/decodetree.py
	$(call quiet,GEN,$@)python3 $(SRC_PATH)/scripts/decodetree.py \
		--decode=disas_a64 -o $@ $<

$(foreach t,$(TARGET_LIST),$(t)/target-arm/translate-a64.o): decode-a64.c.inc

# AArch32 decoders: decode-<name>.c.inc from target-arm/<name>.decode,
# function disas_<name with - as _>; the t16 ones are 16 bits wide.
A32_DECODERS = a32-dp a32-ls a32-uncond t32-dp t32-ls t16-dp t16-ls \
	vfp vfp-uncond neon-3reg neon-misc neon-ls

decode-t16-%.c.inc: A32_DECODE_WIDTH = --insnwidth=16
decode-%.c.inc: $(SRC_PATH)/target-arm/%.decode $(SRC_PATH)/scripts/decodetree.py
	$(call quiet,GEN,$@)python3 $(SRC_PATH)/scripts/decodetree.py \
		$(A32_DECODE_WIDTH) --decode=disas_$(subst -,_,$*) -o $@ $<

$(foreach t,$(TARGET_LIST),$(t)/target-arm/translate-a32.o): \
	$(patsubst %,decode-%.c.inc,$(A32_DECODERS))

# The frontend's own tests (a minimal runner, no linux-user needed).
include $(SRC_PATH)/tests/tcg/aarch64/build.mk
