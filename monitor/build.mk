# monitor/build.mk: the human monitor (libmonitor.a), for qemu-system-*
# only.  Linked whole: its constructor hooks "mon:" chardevs up.

MONITOR_OBJS = monitor/monitor.o monitor/hmp-cmds.o
libmonitor.a: $(MONITOR_OBJS)
SYSTEM_LIBS += libmonitor.a
