# tcg/: the code generator, built twice from the same sources:
#   libtcg.a      with the configured backend (tcg/i386 or tcg/tci)
#   libtcg-tci.a  with the interpreter backend, for differential tests
# (on interpreter-only hosts both are the interpreter).

TCG_SRCS = tcg/tcg.c tcg/tcg-op.c tcg/liveness.c tcg/tcg-dump.c tcg/optimize.c

TCG_OBJS = $(TCG_SRCS:.c=.o) $(if $(filter tci,$(TCG_BACKEND)),tcg/tci.o)
TCG_TCI_OBJS = $(addprefix tci/,$(TCG_SRCS:.c=.o)) tci/tcg/tci.o

# Everything that includes tcg/tcg.h sees the configured backend's header;
# objects under tci/ see the interpreter's instead.
QEMU_INCLUDES += -I$(SRC_PATH)/tcg/$(TCG_BACKEND) -I$(SRC_PATH)/tcg

tci/%.o: %.c
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CC) -I$(SRC_PATH)/tcg/tci -DCONFIG_TCG_INTERPRETER \
		$(ALL_CFLAGS) -MMD -MP -c -o $@ $<

libtcg.a: $(TCG_OBJS)
libtcg-tci.a: $(TCG_TCI_OBJS)
