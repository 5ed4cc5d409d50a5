# target-arm/: the ARM CPU (AArch64 at EL0 for now), compiled per target
# by rules.mak's TARGET_RULES into <target>/target-arm/.  The decoder is
# generated from a64.decode into the build directory root (on -I.).
# The FP helpers need the soft-float library.

target-arm-obj = target-arm/cpu.c target-arm/translate-a64.c \
	target-arm/helper-a64.c target-arm/helper-fp.c target-arm/helper-simd.c \
	target-arm/helper-simd-move.c target-arm/helper-vec.c \
	target-arm/helper-crypto.c


decode-a64.c.inc: $(SRC_PATH)/target-arm/a64.decode $(SRC_PATH)/scripts/decodetree.py
	$(call quiet,GEN,$@)python3 $(SRC_PATH)/scripts/decodetree.py \
		--decode=disas_a64 -o $@ $<

$(foreach t,$(TARGET_LIST),$(t)/target-arm/translate-a64.o): decode-a64.c.inc

# The frontend's own tests (a minimal runner, no linux-user needed).
include $(SRC_PATH)/tests/tcg/aarch64/build.mk
