# block/build.mk: the block layer (libblock.a), qemu-img and their tests.

BLOCK_OBJS = block/block.o block/file-posix.o block/raw.o block/aio-pool.o \
	block/qcow2.o block/qcow2-cluster.o block/qcow2-refcount.o \
	block/qcow2-snapshot.o block/qcow2-commit.o

IMG_OBJS = block/qemu-img.o block/qemu-img-info.o block/qemu-img-copy.o

libblock.a: $(BLOCK_OBJS)
# qemu-system-* links it for -drive (virtio-blk).
SYSTEM_LIBS += libblock.a

PROGS += qemu-img
qemu-img: $(IMG_OBJS) libblock.a ; $(call link,$^)

tests/block/test-qcow2: tests/block/test-qcow2.o libblock.a ; $(call link,$^)
tests/block/fuzz-qcow2-open: tests/block/fuzz-qcow2-open.o \
	tests/block/fuzz-main.o libblock.a ; $(call link,$^)
tests/block/crash-writer: tests/block/crash-writer.o libblock.a ; $(call link,$^)

CHECK_PROGS += tests/block/test-qcow2 tests/block/fuzz-qcow2-open
CHECK_DEPS += qemu-img tests/block/crash-writer
CHECK_SCRIPTS += tests/block/interop.sh tests/block/malformed.sh \
	tests/block/crash.sh
BENCH_CMDS += $(SRC_PATH)/tests/block/bench.sh

tests/block/test-qcow2.o-cflags = -I$(SRC_PATH)
tests/block/fuzz-main.o-cflags = -I$(SRC_PATH)
