# softmmu/build.mk: system mode's target-independent core, in
# libsoftmmu.a: memory regions and address spaces, the soft TLB, run
# state, and the main loop's utilities (util/main-loop.c, timers,
# options, error reporting).  softmmu-obj: compiled per system target
# (they see the target's config): the command line and vCPU threads.
#
# Unit tests of these parts: tests/unit/*.mk.

SOFTMMU_OBJS = softmmu/memory.o softmmu/memory-print.o \
	softmmu/cputlb.o softmmu/runstate.o \
	util/main-loop.o util/qemu-timer.o util/qemu-option.o \
	util/error-report.o hw/core/qdev.o

libsoftmmu.a: $(SOFTMMU_OBJS)
SYSTEM_LIBS += libsoftmmu.a

softmmu-obj = softmmu/vl.c softmmu/cpus.c

tests/unit/test-memory: tests/unit/test-memory.o libsoftmmu.a util/log.o
	$(call link,$^)
CHECK_PROGS += tests/unit/test-memory
