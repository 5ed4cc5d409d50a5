# tests/tcg/i386-mini/: freestanding (no libc) tests of the x86
# translator core (ALU flags x sizes x values with every setcc, and the
# integer/control/stack instructions of translate.c).  They need no
# syscall beyond write/exit, so they run before the rest of the x86
# emulation does.  `make test-mini` builds them with gcc (x86-64) and
# i686-linux-gnu-gcc (i386), runs each natively and emulated, compares.

MINI_DIR = $(SRC_PATH)/tests/tcg/i386-mini
MINI_CFLAGS = -O2 -static -nostdlib -fno-builtin -fno-stack-protector \
	-mgeneral-regs-only -fno-pie -no-pie -I$(MINI_DIR)
MINI_TESTS = alu misc

tests/tcg/i386-mini/%-64: $(MINI_DIR)/%.c $(MINI_DIR)/mini.h
	@mkdir -p $(@D)
	$(call quiet,CC,$@)gcc $(MINI_CFLAGS) -o $@ $<

tests/tcg/i386-mini/%-32: $(MINI_DIR)/%.c $(MINI_DIR)/mini.h
	@mkdir -p $(@D)
	$(call quiet,CC,$@)i686-linux-gnu-gcc $(MINI_CFLAGS) -o $@ $<

test-mini: $(foreach t,$(MINI_TESTS),tests/tcg/i386-mini/$(t)-64 \
		$(if $(shell command -v i686-linux-gnu-gcc),tests/tcg/i386-mini/$(t)-32))
	$(MINI_DIR)/run.sh $(MINI_TESTS)

.PHONY: test-mini
