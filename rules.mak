# rules.mak: the real build, included by the Makefile configure writes in the
# build directory.  Sources are found through VPATH; objects land in the
# build directory under the same relative path.  Each source directory adds
# itself through a build.mk fragment listed in FRAGMENTS.

include config-host.mak

VPATH = $(SRC_PATH)
.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:

QEMU_INCLUDES = -I. -I$(SRC_PATH)/include -I$(SRC_PATH)
ALL_CFLAGS = $(CFLAGS) $(QEMU_INCLUDES) $(LIB_CFLAGS)

# Set by fragments.
PROGS =            # installed binaries
TOOLS =            # built, not installed
CHECK_PROGS =      # test programs: TAP lines on stdout
CHECK_SCRIPTS =    # test scripts: TAP lines on stdout, run from the build dir
CHECK_DEPS =       # everything the tests need built
BENCH_CMDS =       # commands that print benchmark figures

# Target-independent archives every binary links; fragments add theirs.
TARGET_LIBS = libtcg.a
# ... and those only qemu-system-* binaries link (softmmu, hw, chardev...),
# whole, so that devices and machines registering themselves from
# constructors are always in.
SYSTEM_LIBS =
SYSTEM_LINK = -Wl,--whole-archive $(SYSTEM_LIBS) -Wl,--no-whole-archive \
	-Wl,--start-group $(TARGET_LIBS) -Wl,--end-group

FRAGMENTS = util fpu tcg exec block linux-user softmmu hw chardev monitor net tests
include $(wildcard $(patsubst %,$(SRC_PATH)/%/build.mk,$(FRAGMENTS)))

# Per-target binaries.  target-<base>/build.mk sets target-<base>-obj
# (both modes), target-<base>-user-obj and target-<base>-softmmu-obj;
# linux-user/build.mk sets linux-user-obj and softmmu/build.mk
# softmmu-obj: sources compiled once per target, into <target>/, with
# that target's config-target.h (written by configure).
include $(wildcard $(SRC_PATH)/target-*/build.mk)

define TARGET_RULES
$(1)_BASE := $$(TARGET_$(1)_BASE_ARCH)
$(1)_MODE := $$(TARGET_$(1)_MODE)
$(1)_SRCS := $$(target-$$($(1)_BASE)-obj) $$(target-$$($(1)_BASE)-$$($(1)_MODE)-obj) \
             $$(if $$(filter user,$$($(1)_MODE)),$$(linux-user-obj),$$(softmmu-obj) $$(softmmu-$$($(1)_BASE)-obj))
$(1)_OBJS := $$(addprefix $(1)/,$$($(1)_SRCS:.c=.o))
$(1)/%.o: TARGET_CFLAGS = -include $(1)/config-target.h -DNEED_CPU_H \
        -I$(SRC_PATH)/target-$$($(1)_BASE) -I$(SRC_PATH)/linux-user \
        -I$(SRC_PATH)/linux-user/$$(TARGET_$(1)_ARCH)
$(1)/%.o: %.c $(1)/config-target.h
	@mkdir -p $$(@D)
	$$(call quiet,CC,$$@)$$(CC) $$(ALL_CFLAGS) $$(TARGET_CFLAGS) -MMD -MP -c -o $$@ $$<
ifeq ($$($(1)_MODE),softmmu)
$$(TARGET_$(1)_BIN): $$($(1)_OBJS) $$(SYSTEM_LIBS) $$(TARGET_LIBS)
	$$(call link,$$($(1)_OBJS) $$(SYSTEM_LINK))
else
$$(TARGET_$(1)_BIN): $$($(1)_OBJS) $$(TARGET_LIBS)
	$$(call link,$$^)
endif
PROGS += $$(TARGET_$(1)_BIN)
endef

$(foreach t,$(TARGET_LIST),$(eval $(call TARGET_RULES,$(t))))

%.o: %.c
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CC) $(ALL_CFLAGS) $($@-cflags) -MMD -MP -c -o $@ $<

quiet = $(if $(V),,@printf '  %-6s %s\n' $1 $2;)
link = $(call quiet,LINK,$@)$(CC) $(LDFLAGS) -o $@ $1 $(LIBS)

%.a:
	@mkdir -p $(@D)
	$(call quiet,AR,$@)rm -f $@ && ar rcs $@ $^

all: $(PROGS) $(TOOLS)

check: all $(CHECK_PROGS) $(CHECK_DEPS)
	@$(SRC_PATH)/scripts/run-tests.sh $(addprefix ./,$(CHECK_PROGS)) \
		$(addprefix $(SRC_PATH)/,$(CHECK_SCRIPTS))

# The unit tests alone (CI runs them once more under ASan+UBSan).
check-unit: $(CHECK_PROGS)
	@$(SRC_PATH)/scripts/run-tests.sh $(addprefix ./,$(CHECK_PROGS))

check-build: all $(CHECK_PROGS) $(CHECK_DEPS)

bench: all $(CHECK_PROGS) $(CHECK_DEPS)
	@set -e; $(foreach c,$(BENCH_CMDS),$c;)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin
	$(if $(PROGS),install -m 755 $(PROGS) $(DESTDIR)$(PREFIX)/bin)

clean:
	find . -name '*.[oad]' -type f -delete
	rm -f $(PROGS) $(TOOLS) $(CHECK_PROGS)

distclean: clean
	rm -f config-host.mak config-host.h Makefile

.PHONY: all check check-unit check-build bench install clean distclean

-include $(shell find . -name '*.d' -type f 2>/dev/null)
