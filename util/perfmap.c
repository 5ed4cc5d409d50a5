/*
 * util/perfmap.c: /tmp/perf-PID.map for -perfmap (see qemu/perfmap.h).
 */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

#include "qemu/perfmap.h"

bool perfmap_enabled;
static FILE *perfmap_file;

bool perfmap_enable(void)
{
    char path[64];

    if (perfmap_file) {
        return true;
    }
    snprintf(path, sizeof(path), "/tmp/perf-%d.map", (int)getpid());
    perfmap_file = fopen(path, "w");
    if (!perfmap_file) {
        fprintf(stderr, "qemu: -perfmap: cannot create %s: %s\n", path,
                strerror(errno));
        return false;
    }
    perfmap_enabled = true;
    return true;
}

/* Called under tb_lock: one writer at a time. */
void perfmap_note_tb(const void *start, size_t size, uint64_t guest_pc,
                     uint32_t icount)
{
    if (!perfmap_file) {
        return;
    }
    fprintf(perfmap_file, "%lx %zx guest-0x%llx[%u]\n",
            (unsigned long)(uintptr_t)start, size,
            (unsigned long long)guest_pc, icount);
    /* perf reads the file after the run; a crash should not lose it. */
    fflush(perfmap_file);
}
