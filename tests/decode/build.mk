# tests/decode/: tests of the decoder generator, scripts/decodetree.py.
#
# succ_*.decode must generate C that compiles cleanly; test-decode includes
# every generated decoder and checks hand-picked instruction words against
# the expected trans_ calls.  err_*.decode must be rejected with a
# file:line: error: message; check-errors.sh checks each of them.
# check-random.py compares random generated decoders, on every 16-bit
# word, with a reference model.

PYTHON ?= python3
DECODETREE = $(PYTHON) $(SRC_PATH)/scripts/decodetree.py

DECODE_SUCC = plain formats fields groups 16bit 64bit
DECODE_INCS = $(patsubst %,tests/decode/succ_%.c.inc,$(DECODE_SUCC))

# Extra generator options per test file.
decode-flags-16bit = --insnwidth=16 --translate=thumb
decode-flags-64bit = --insnwidth=64 --static-decode=decode_64bit

tests/decode/succ_%.c.inc: $(SRC_PATH)/tests/decode/succ_%.decode $(SRC_PATH)/scripts/decodetree.py
	@mkdir -p $(@D)
	$(call quiet,GEN,$@)$(DECODETREE) --decode=decode_$* $(decode-flags-$*) -o $@ $<

tests/decode/test-decode.o: $(DECODE_INCS)
tests/decode/test-decode: tests/decode/test-decode.o
	$(call link,$^)

CHECK_PROGS += tests/decode/test-decode
CHECK_SCRIPTS += tests/decode/check-errors.sh tests/decode/check-random.py
