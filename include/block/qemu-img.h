/*
 * qemu-img.h: helpers shared by the qemu-img command files.
 */
#ifndef BLOCK_QEMU_IMG_H
#define BLOCK_QEMU_IMG_H

#include "block/block.h"

void img_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int img_parse_size(const char *str, uint64_t *out);
void img_size_error(void);
char *img_size_to_str(uint64_t val, char *buf, size_t len);
int img_parse_create_opts(char *opt, BlockCreateOpts *o, const char *fmt);
BlockDriverState *img_open(const char *filename, const char *fmt, int flags);
bool img_cache_flags(const char *mode, int *flags);
void img_help(void);
void img_dump_snapshots(BlockDriverState *bs);

int img_info(int argc, char **argv);
int img_map(int argc, char **argv);
int img_compare(int argc, char **argv);
int img_convert(int argc, char **argv);
int img_commit(int argc, char **argv);
int img_rebase(int argc, char **argv);
int img_measure(int argc, char **argv);
int img_dd(int argc, char **argv);
int img_bench(int argc, char **argv);

#endif
