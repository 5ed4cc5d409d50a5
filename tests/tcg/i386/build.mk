# tests/tcg/i386/: test-i386 and test-x86_64, programs that execute most
# x86 instructions and print one line per case.  The host CPU is the
# oracle: run-tests.sh runs each section natively and under ./qemu-i386
# or ./qemu-x86_64 and diffs the outputs.  `make test` runs it alone,
# `make check` through CHECK_SCRIPTS.  Without the cross compiler
# (i686-linux-gnu-gcc) test-i386 is skipped.  Sources: test-i386.c and
# test-x86_64.c (main, section list), test-common.c (dispatch, fault
# catching), one file per area (alu, forms, bitops, misc, string, bcd,
# x87, sse, sse4, avx, seg, exc, smc).  test-vm86 (vm86 mode, checked
# against hand-worked values) runs through run-vm86.sh.

I386_TEST_DIR = $(SRC_PATH)/tests/tcg/i386
I386_TEST_CC32 ?= i686-linux-gnu-gcc
I386_TEST_CC64 ?= gcc
# Own flags, not the host CFLAGS: static, non-PIE (code addresses printed
# by the fault tests are then the same natively and emulated), no red
# zone (the cases push/pop around inline asm).
I386_TEST_CFLAGS = -O1 -g -static -no-pie -fno-pie -fno-stack-protector \
	-Wall -Wextra -Werror -Wno-unused-parameter -mno-red-zone \
	-msse4.2 -maes -mpclmul
# Sources of both programs; the -32/-64 lists only of one.
I386_TEST_SRCS = test-common.c test-alu.c test-forms.c test-bitops.c test-misc.c \
	test-string.c test-x87.c test-sse.c test-sse4.c test-exc.c \
	test-smc.c test-rotflags.c
I386_TEST_SRCS32 = test-i386.c test-bcd.c test-seg.c $(I386_TEST_SRCS)
I386_TEST_SRCS64 = test-x86_64.c test-gdt64.c $(I386_TEST_SRCS)
# AVX2/FMA/F16C only in test-x86_64 (compiled apart with those flags).
I386_TEST_AVX_FLAGS = -mavx2 -mfma -mf16c -mbmi -mbmi2

have_cc = $(shell command -v $(1) >/dev/null 2>&1 && echo yes)

tests/tcg/i386/test-avx.o: $(I386_TEST_DIR)/test-avx.c $(I386_TEST_DIR)/test.h $(I386_TEST_DIR)/test-sse.h
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(I386_TEST_CC64) $(I386_TEST_CFLAGS) $(I386_TEST_AVX_FLAGS) -c -o $@ $<

tests/tcg/i386/test-x86_64: $(addprefix $(I386_TEST_DIR)/,$(I386_TEST_SRCS64)) \
		tests/tcg/i386/test-avx.o $(I386_TEST_DIR)/test.h $(I386_TEST_DIR)/test-sse.h
	@mkdir -p $(@D)
	$(call quiet,LINK,$@)$(I386_TEST_CC64) $(I386_TEST_CFLAGS) -o $@ $(filter %.c %.o,$^)

tests/tcg/i386/test-i386: $(addprefix $(I386_TEST_DIR)/,$(I386_TEST_SRCS32)) \
		$(I386_TEST_DIR)/test.h $(I386_TEST_DIR)/test-sse.h
	@mkdir -p $(@D)
	$(call quiet,LINK,$@)$(I386_TEST_CC32) $(I386_TEST_CFLAGS) -o $@ $(filter %.c,$^)

I386_TEST_PROGS = $(if $(call have_cc,$(I386_TEST_CC64)),tests/tcg/i386/test-x86_64) \
	$(if $(call have_cc,$(I386_TEST_CC32)),tests/tcg/i386/test-i386)
# (from config-host.mak: PROGS is not complete yet when this is read)
I386_TEST_EMUS = $(filter qemu-i386 qemu-x86_64,$(foreach t,$(TARGET_LIST),$(TARGET_$(t)_BIN)))

CHECK_DEPS += $(I386_TEST_PROGS)
CHECK_SCRIPTS += tests/tcg/i386/run-tests.sh

# test-vm86: vm86old/vm86 under qemu-i386 only (a 64-bit kernel has no
# vm86 mode); the expected values are worked out by hand in the source.
tests/tcg/i386/test-vm86: $(I386_TEST_DIR)/test-vm86.c
	@mkdir -p $(@D)
	$(call quiet,LINK,$@)$(I386_TEST_CC32) $(I386_TEST_CFLAGS) -o $@ $<

CHECK_DEPS += $(if $(call have_cc,$(I386_TEST_CC32)),tests/tcg/i386/test-vm86)
CHECK_SCRIPTS += tests/tcg/i386/run-vm86.sh

# `make test`: native vs emulated; fails if any section differs.
# `make test SECTIONS="alu x87"` runs only those sections.
test: $(I386_TEST_PROGS) $(I386_TEST_EMUS)
	@$(I386_TEST_DIR)/run-tests.sh $(SECTIONS)

.PHONY: test
