# tests/unit/mainloop.mk: the main loop, timers, run state and the vCPU
# thread (util/main-loop.c, util/qemu-timer.c, softmmu/runstate.c,
# softmmu/cpus.c).  cpus.c is target-independent C: the tests compile
# it once, outside the per-target object lists, and run toy CPUs
# through its cpus_set_exec_fn seam (no TCG).

tests/unit/test-mainloop: tests/unit/test-mainloop.o softmmu/cpus.o libsoftmmu.a
	$(call link,$^)
tests/unit/test-cpus: tests/unit/test-cpus.o softmmu/cpus.o libsoftmmu.a
	$(call link,$^)
CHECK_PROGS += tests/unit/test-mainloop tests/unit/test-cpus
