# tests/unit/vl.mk: the command line's building blocks: option strings,
# error lines, the device list and the machine registry; and the
# qemu-system-aarch64 option errors as a script (it skips until the
# binary links).

tests/unit/test-error-report: tests/unit/test-error-report.o \
	util/error-report.o
	$(call link,$^)
tests/unit/test-qemu-option: tests/unit/test-qemu-option.o \
	util/qemu-option.o util/error-report.o
	$(call link,$^)
tests/unit/test-qdev: tests/unit/test-qdev.o hw/core/qdev.o \
	util/qemu-option.o util/error-report.o
	$(call link,$^)
tests/unit/test-machine: tests/unit/test-machine.o hw/core/machine.o
	$(call link,$^)
CHECK_PROGS += tests/unit/test-error-report tests/unit/test-qemu-option \
	tests/unit/test-qdev tests/unit/test-machine

CHECK_SCRIPTS += tests/system/cmdline.sh

# softmmu/vl.c's own main() against stand-ins for the main loop, TCG,
# chardevs, monitor, vCPUs and a fake board (tests/unit/vl-stubs.c),
# so the start-up wiring is tested in every configuration;
# tests/unit/vl-wiring.sh reads the trace the stand-ins print.
tests/unit/test-vl-main.o: softmmu/vl.c
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CC) $(ALL_CFLAGS) -DTARGET_NAME='"aarch64"' \
		-MMD -MP -c -o $@ $<
tests/unit/test-vl-main: tests/unit/test-vl-main.o tests/unit/vl-stubs.o \
	util/qemu-option.o util/error-report.o hw/core/qdev.o \
	hw/core/machine.o softmmu/memory.o softmmu/memory-print.o \
	util/log.o util/disas.o util/accel-opts.o util/perfmap.o libblock.a
	$(call link,$^)
CHECK_DEPS += tests/unit/test-vl-main
CHECK_SCRIPTS += tests/unit/vl-wiring.sh
