# exec/: translation cache and execution loop (built with each TCG flavour).
EXEC_SRCS = exec/translate-all.c exec/cpu-exec.c exec/translator.c
EXEC_OBJS = $(EXEC_SRCS:.c=.o)
libtcg.a: $(EXEC_OBJS)
libtcg-tci.a: $(addprefix tci/,$(EXEC_OBJS))
