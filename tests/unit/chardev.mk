# tests/unit/chardev.mk: host character backends (libchardev.a) and the
# human monitor (libmonitor.a), against fake frontends and the test
# stand-ins of tests/unit/chardev-stubs.h for the main loop, run state
# and options.

tests/unit/test-chardev: tests/unit/test-chardev.o libchardev.a \
		util/error-report.o
	$(call link,$^ -lpthread)
tests/unit/test-monitor: tests/unit/test-monitor.o libmonitor.a \
		libchardev.a util/error-report.o util/log.o
	$(call link,$^)
CHECK_PROGS += tests/unit/test-chardev tests/unit/test-monitor
