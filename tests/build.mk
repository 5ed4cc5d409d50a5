# tests/: unit tests, engine tests and benchmarks.  Each test program
# prints TAP lines; scripts/run-tests.sh counts them for `make check`.

-include $(SRC_PATH)/tests/tcg/build.mk
-include $(SRC_PATH)/tests/tcg/arm/build.mk
-include $(SRC_PATH)/tests/decode/build.mk
-include $(SRC_PATH)/tests/bench/build.mk
-include $(SRC_PATH)/tests/busybox/build.mk
# Unit tests of system-mode parts: one .mk per area.
-include $(wildcard $(SRC_PATH)/tests/unit/*.mk)
# System-mode guest tests (bare-metal programs, the Linux boot test).
-include $(SRC_PATH)/tests/system/build.mk

TOY_OBJS = tests/exec/toy-cpu.o

# The engine test and the benchmark, against each backend.
tests/exec/test-exec: tests/exec/test-exec.o $(TOY_OBJS) libtcg.a
	$(call link,$^)
tests/exec/test-exec-tci: tci/tests/exec/test-exec.o tci/tests/exec/toy-cpu.o libtcg-tci.a
	$(call link,$^)
tests/exec/bench-exec: tests/exec/bench-exec.o $(TOY_OBJS) libtcg.a
	$(call link,$^)
tests/exec/bench-exec-tci: tci/tests/exec/bench-exec.o tci/tests/exec/toy-cpu.o libtcg-tci.a
	$(call link,$^)

CHECK_PROGS += tests/exec/test-exec tests/exec/test-exec-tci
CHECK_DEPS += tests/exec/bench-exec tests/exec/bench-exec-tci
BENCH_CMDS += ./tests/exec/bench-exec ./tests/exec/bench-exec-tci

demo: all tests/exec/bench-exec
	@$(SRC_PATH)/tests/demo/demo.sh
.PHONY: demo

tests/util/test-util: tests/util/test-util.o libtcg.a
	$(call link,$^)
CHECK_PROGS += tests/util/test-util

# The optimizer's directed and randomized folds, on each backend.
tests/tcg/test-optimize: tests/tcg/test-optimize.o libtcg.a
	$(call link,$^)
tests/tcg/test-optimize-tci: tci/tests/tcg/test-optimize.o libtcg-tci.a
	$(call link,$^)
CHECK_PROGS += tests/tcg/test-optimize tests/tcg/test-optimize-tci
