# util/: small target-independent utilities (logging, disassembly).
UTIL_OBJS = util/log.o util/disas.o util/accel-opts.o util/perfmap.o
# Part of the translator runtime archives (logging is used by tcg/ and exec/).
libtcg.a: $(UTIL_OBJS)
libtcg-tci.a: $(UTIL_OBJS)
