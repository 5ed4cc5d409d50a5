# fpu/build.mk: the soft-float library and its tests.

FPU_OBJS = fpu/parts.o fpu/arith.o fpu/convert.o fpu/ops.o fpu/hostfast.o

libfpu.a: $(FPU_OBJS)
TARGET_LIBS += libfpu.a

# The fast path must see IEEE host arithmetic: no contraction into FMA.
fpu/hostfast.o-cflags = -ffp-contract=off -fno-fast-math

CHECK_PROGS += tests/fpu/test-fpu-host tests/fpu/test-fpu-table
CHECK_DEPS += tests/fpu/bench-fpu
BENCH_CMDS += ./tests/fpu/bench-fpu

tests/fpu/test-fpu-host.o-cflags = -ffp-contract=off
tests/fpu/test-fpu-host: tests/fpu/test-fpu-host.o libfpu.a
	$(call link,$^)
tests/fpu/test-fpu-table: tests/fpu/test-fpu-table.o libfpu.a
	$(call link,$^)
tests/fpu/bench-fpu: tests/fpu/bench-fpu.o libfpu.a
	$(call link,$^)
