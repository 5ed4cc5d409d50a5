/*
 * qemu/perfmap.h: -perfmap, so `perf report` can name translated code.
 *
 * perf looks up addresses outside any mapped file in /tmp/perf-PID.map,
 * one "START SIZE NAME" line (hex) per symbol.  With -perfmap every TB
 * translated gets a line naming its guest pc; perf report then shows
 * where in the guest the time in generated code went.  Code space is
 * reused after a code-buffer flush, and perf keeps the first name it
 * read for an address, so long runs may attribute some samples to a TB
 * that was flushed.
 */
#ifndef QEMU_PERFMAP_H
#define QEMU_PERFMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

extern bool perfmap_enabled;

/* Open /tmp/perf-PID.map; false (after one error line) if it cannot be. */
bool perfmap_enable(void);
/* Record host code [start, start + size) as translated from guest_pc. */
void perfmap_note_tb(const void *start, size_t size, uint64_t guest_pc,
                     uint32_t icount);

#endif
