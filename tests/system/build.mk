# tests/system/: system-mode guest tests.
#
# aarch64/: bare-metal test programs for the virt board, cross-compiled
# with aarch64-linux-gnu-gcc when it is installed (each an ELF at
# 0x40080000, loaded with -kernel) and run by run-aarch64.sh under
# ./qemu-system-aarch64; the programs and the options they run with are
# listed in aarch64/programs.list.  boot-linux.sh boots Debian's arm64
# kernel with a busybox initramfs; bench-boot.sh times that boot
# (make bench).  Without ./qemu-system-aarch64 the scripts report SKIP.

SYSTESTS_CC := $(shell command -v aarch64-linux-gnu-gcc 2>/dev/null)
SYSTESTS_DIR = tests/system/aarch64
SYSTESTS_PROGS = test-el test-mmu test-timer test-psci test-misc test-devices test-virtio
SYSTESTS_RT = start exc uart psci mmu
SYSTESTS_CFLAGS = -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter -ffreestanding -nostdlib \
	-fno-builtin -fno-tree-loop-distribute-patterns -fno-stack-protector \
	-mgeneral-regs-only -mstrict-align -fno-pie -no-pie -static \
	-I$(SRC_PATH)/$(SYSTESTS_DIR)

ifneq ($(SYSTESTS_CC),)
SYSTESTS_ELFS = $(patsubst %,$(SYSTESTS_DIR)/%.elf,$(SYSTESTS_PROGS))
SYSTESTS_RT_OBJS = $(patsubst %,$(SYSTESTS_DIR)/rt/%.o,$(SYSTESTS_RT))

$(SYSTESTS_DIR)/rt/%.o: $(SRC_PATH)/$(SYSTESTS_DIR)/%.c
	@mkdir -p $(@D)
	$(call quiet,A64CC,$@)$(SYSTESTS_CC) $(SYSTESTS_CFLAGS) -MMD -MP -c -o $@ $<
$(SYSTESTS_DIR)/rt/%.o: $(SRC_PATH)/$(SYSTESTS_DIR)/%.S
	@mkdir -p $(@D)
	$(call quiet,A64AS,$@)$(SYSTESTS_CC) $(SYSTESTS_CFLAGS) -MMD -MP -c -o $@ $<
$(SYSTESTS_DIR)/%.elf: $(SYSTESTS_DIR)/rt/%.o $(SYSTESTS_RT_OBJS) $(SRC_PATH)/$(SYSTESTS_DIR)/link.ld
	$(call quiet,A64LD,$@)$(SYSTESTS_CC) $(SYSTESTS_CFLAGS) -T $(SRC_PATH)/$(SYSTESTS_DIR)/link.ld \
		-Wl,--build-id=none -Wl,--no-warn-rwx-segments -o $@ $(filter %.o,$^) -lgcc

.SECONDARY: $(SYSTESTS_RT_OBJS) $(patsubst %,$(SYSTESTS_DIR)/rt/%.o,$(SYSTESTS_PROGS))
CHECK_DEPS += $(SYSTESTS_ELFS)
systests: $(SYSTESTS_ELFS)
.PHONY: systests
endif

CHECK_SCRIPTS += tests/system/run-aarch64.sh tests/system/boot-linux.sh tests/system/boot-tap.sh
BENCH_CMDS += $(SRC_PATH)/tests/system/bench-boot.sh

# Only the system-mode guest tests.
check-system: all $(SYSTESTS_ELFS)
	@$(SRC_PATH)/scripts/run-tests.sh $(SRC_PATH)/tests/system/run-aarch64.sh \
		$(SRC_PATH)/tests/system/boot-linux.sh
.PHONY: check-system
