# tests/tcg/aarch64/: tests of the A64 frontend without linux-user.
# mini-run links the target-arm sources directly (compiled here once,
# without a config-target.h) and runs freestanding guest programs;
# run-tests.sh cross-compiles the test-*.c programs when
# aarch64-linux-gnu-gcc is installed (otherwise it reports SKIP) and
# prints one TAP line per program.

A64_TEST_SRCS = target-arm/cpu.c target-arm/translate-a64.c \
	target-arm/helper-a64.c target-arm/helper-fp.c target-arm/helper-simd.c \
	target-arm/helper-simd-move.c target-arm/helper-vec.c \
	target-arm/helper-crypto.c
A64_TEST_OBJS = $(patsubst %.c,tests/tcg/aarch64/obj/%.o,$(A64_TEST_SRCS))

tests/tcg/aarch64/obj/%.o: %.c
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CC) $(ALL_CFLAGS) -I$(SRC_PATH)/target-arm -MMD -MP -c -o $@ $<
tests/tcg/aarch64/obj/target-arm/translate-a64.o: decode-a64.c.inc

tests/tcg/aarch64/mini-run.o-cflags = -I$(SRC_PATH)/target-arm
tests/tcg/aarch64/mini-run: tests/tcg/aarch64/mini-run.o $(A64_TEST_OBJS) libtcg.a libfpu.a
	$(call link,$^)

CHECK_DEPS += tests/tcg/aarch64/mini-run
CHECK_SCRIPTS += tests/tcg/aarch64/run-tests.sh
