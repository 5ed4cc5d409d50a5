# tests/unit/cputlb.mk: the soft TLB (softmmu/cputlb.c), the backend's
# inline fast path and the physical TB index of system mode, driven by a
# small system-mode CPU; once with the native backend, once with the
# interpreter (which needs its own build of cputlb.c: TCGContext differs).

CPUTLB_GROUP = -Wl,--start-group
CPUTLB_GROUP_END = -Wl,--end-group
CPUTLB_TEST_LIBS = softmmu/memory.o softmmu/memory-print.o util/main-loop.o \
	util/qemu-timer.o

tests/unit/test-cputlb: tests/unit/test-cputlb.o softmmu/cputlb.o \
		$(CPUTLB_TEST_LIBS) libtcg.a
	$(call link,$(CPUTLB_GROUP) $^ $(CPUTLB_GROUP_END))
tests/unit/test-cputlb-tci: tci/tests/unit/test-cputlb.o tci/softmmu/cputlb.o \
		$(CPUTLB_TEST_LIBS) libtcg-tci.a
	$(call link,$(CPUTLB_GROUP) $^ $(CPUTLB_GROUP_END))
CHECK_PROGS += tests/unit/test-cputlb tests/unit/test-cputlb-tci
