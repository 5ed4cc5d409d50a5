# Source-tree Makefile: forwards every goal to the build directory,
# configuring it (and installing missing Debian packages) on first use.
#
#   make            build everything         make check   run all tests
#   make demo       build and run the demo   make bench   print speed figures

BUILD_DIR ?= build

.DEFAULT_GOAL := all
.PHONY: all check demo bench install clean distclean deps force

$(BUILD_DIR)/config-host.mak:
	@./scripts/install-deps.sh --if-missing
	@./configure

deps:
	@./scripts/install-deps.sh

distclean:
	rm -rf $(BUILD_DIR)

%: force $(BUILD_DIR)/config-host.mak
	@$(MAKE) --no-print-directory -C $(BUILD_DIR) $@

all check demo bench install clean: force $(BUILD_DIR)/config-host.mak
	@$(MAKE) --no-print-directory -C $(BUILD_DIR) $@

force: ;
Makefile configure rules.mak: ;
