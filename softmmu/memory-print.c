/*
 * memory-print.c: the monitor's "info mtree" text for the region tree
 * and the flat views (formats documented in exec/memory.h).
 */
#include <inttypes.h>
#include <stdlib.h>

#include "exec/memory.h"

typedef struct TargetList {
    MemoryRegion **mr;
    unsigned nr, cap;
} TargetList;

static const char *region_kind(const MemoryRegion *mr)
{
    switch (mr->type) {
    case MR_RAM:
        return "ram";
    case MR_ROM:
        return "rom";
    case MR_IO:
        return "i/o";
    case MR_ALIAS:
        return "alias";
    case MR_CONTAINER:
    default:
        return "container";
    }
}

static void note_target(TargetList *t, MemoryRegion *mr)
{
    unsigned i;

    for (i = 0; i < t->nr; i++) {
        if (t->mr[i] == mr) {
            return;
        }
    }
    if (t->nr == t->cap) {
        MemoryRegion **n;

        t->cap = t->cap ? t->cap * 2 : 8;
        n = realloc(t->mr, t->cap * sizeof(*n));
        if (!n) {
            return;
        }
        t->mr = n;
    }
    t->mr[t->nr++] = mr;
}

/* Siblings by address, then priority (highest first), then newest first. */
static int cmp_sub(const void *a, const void *b)
{
    const MemoryRegion *x = *(MemoryRegion *const *)a;
    const MemoryRegion *y = *(MemoryRegion *const *)b;

    if (x->addr != y->addr) {
        return x->addr < y->addr ? -1 : 1;
    }
    if (x->priority != y->priority) {
        return x->priority > y->priority ? -1 : 1;
    }
    return x->seq > y->seq ? -1 : x->seq < y->seq;
}

static void print_region(FILE *f, MemoryRegion *mr, hwaddr base,
                         unsigned level, TargetList *targets)
{
    MemoryRegion *sub, **subs;
    unsigned n = 0, i;

    if (level > 64) {
        return;
    }
    fprintf(f, "%*s%016" PRIx64 "-%016" PRIx64 " (prio %d, %s): %s",
            level * 2, "", base, base + mr->size - (mr->size != UINT64_MAX),
            mr->priority, region_kind(mr), mr->name);
    if (mr->type == MR_ALIAS) {
        fprintf(f, " @%s %016" PRIx64 "-%016" PRIx64, mr->alias->name,
                mr->alias_offset, mr->alias_offset + mr->size - 1);
        if (!mr->alias->container && targets) {
            note_target(targets, mr->alias);
        }
    }
    if (!mr->enabled) {
        fprintf(f, " [disabled]");
    }
    fputc('\n', f);

    for (sub = mr->subregions; sub; sub = sub->next) {
        n++;
    }
    if (!n) {
        return;
    }
    subs = malloc(n * sizeof(*subs));
    if (!subs) {
        return;
    }
    for (i = 0, sub = mr->subregions; sub; sub = sub->next) {
        subs[i++] = sub;
    }
    qsort(subs, n, sizeof(*subs), cmp_sub);
    for (i = 0; i < n; i++) {
        print_region(f, subs[i], base + subs[i]->addr, level + 1, targets);
    }
    free(subs);
}

void memory_region_print_tree(FILE *f, AddressSpace *as)
{
    TargetList targets = { 0 };
    unsigned i;

    fprintf(f, "address-space: %s\n", as->name);
    if (as->root) {
        print_region(f, as->root, 0, 1, &targets);
    }
    fputc('\n', f);
    /* The list may grow while printing: targets of targets. */
    for (i = 0; i < targets.nr; i++) {
        if (targets.mr[i] == as->root) {
            continue;
        }
        fprintf(f, "memory-region: %s\n", targets.mr[i]->name);
        print_region(f, targets.mr[i], 0, 1, &targets);
        fputc('\n', f);
    }
    free(targets.mr);
}

void flatview_print(FILE *f, AddressSpace *as)
{
    FlatView *fv = address_space_get_flatview(as);
    unsigned i;

    fprintf(f, "FlatView for %s:\n", as->name);
    for (i = 0; fv && i < fv->nr; i++) {
        const FlatRange *fr = &fv->ranges[i];

        fprintf(f, "  %016" PRIx64 "-%016" PRIx64 " (%s%s): %s @%016" PRIx64
                "\n", fr->start, fr->last, region_kind(fr->mr),
                fr->readonly && fr->mr->type != MR_ROM ? ", ro" : "",
                fr->mr->name, fr->offset);
    }
    fputc('\n', f);
}
