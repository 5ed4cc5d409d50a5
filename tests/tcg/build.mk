# tests/tcg/: code generator tests, each built twice: against libtcg.a
# (the configured backend) and, as *-tci, against libtcg-tci.a (the
# interpreter; objects under tci/ come from the tci/%.o rule of
# tcg/build.mk).  Both compare every result with a C reference model.

TCG_TEST_UTIL = tests/tcg/tcg-test-util.o

tests/tcg/test-tcg-ops: tests/tcg/test-tcg-ops.o $(TCG_TEST_UTIL) libtcg.a
	$(call link,$^)
tests/tcg/test-tcg-ops-tci: tci/tests/tcg/test-tcg-ops.o tci/$(TCG_TEST_UTIL) libtcg-tci.a
	$(call link,$^)
tests/tcg/test-tcg-random: tests/tcg/test-tcg-random.o $(TCG_TEST_UTIL) libtcg.a
	$(call link,$^)
tests/tcg/test-tcg-random-tci: tci/tests/tcg/test-tcg-random.o tci/$(TCG_TEST_UTIL) libtcg-tci.a
	$(call link,$^)
tests/tcg/test-tcg-bitsets: tests/tcg/test-tcg-bitsets.o $(TCG_TEST_UTIL) libtcg.a
	$(call link,$^)
tests/tcg/test-tcg-bitsets-tci: tci/tests/tcg/test-tcg-bitsets.o tci/$(TCG_TEST_UTIL) libtcg-tci.a
	$(call link,$^)

CHECK_PROGS += tests/tcg/test-tcg-ops tests/tcg/test-tcg-ops-tci \
	tests/tcg/test-tcg-random tests/tcg/test-tcg-random-tci \
	tests/tcg/test-tcg-bitsets tests/tcg/test-tcg-bitsets-tci
