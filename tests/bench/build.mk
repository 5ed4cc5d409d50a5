# tests/bench/: the shared benchmark kernels under our user-mode binaries.
CHECK_SCRIPTS += tests/bench/checksums.sh
BENCH_CMDS += $(SRC_PATH)/tests/bench/compare.sh
