/*
 * hw/core/machine.c: the machine (board) registry, the created machine
 * and the -drive list's claims (see hw/boards.h).
 *
 * Boards register from constructors, so -M help and -M NAME work before
 * main() looks at the command line.
 */
#include <stdlib.h>
#include <string.h>

#include "hw/boards.h"

#define MACHINE_MAX_CLASSES 32

static const MachineClass *machine_classes[MACHINE_MAX_CLASSES];
static int machine_nclasses;

MachineState *current_machine;

void machine_register(const MachineClass *mc)
{
    if (machine_nclasses < MACHINE_MAX_CLASSES) {
        machine_classes[machine_nclasses++] = mc;
    }
}

const MachineClass *machine_find(const char *name)
{
    int i;

    for (i = 0; name && i < machine_nclasses; i++) {
        const MachineClass *mc = machine_classes[i];

        if (!strcmp(mc->name, name) || (mc->alias && !strcmp(mc->alias,
                                                               name))) {
            return mc;
        }
    }
    return NULL;
}

const MachineClass *machine_default(void)
{
    int i;

    for (i = 0; i < machine_nclasses; i++) {
        if (machine_classes[i]->is_default) {
            return machine_classes[i];
        }
    }
    return NULL;
}

static int machine_cmp(const void *a, const void *b)
{
    const MachineClass *const *x = a, *const *y = b;

    return strcmp((*x)->name, (*y)->name);
}

void machine_list(FILE *f)
{
    const MachineClass *sorted[MACHINE_MAX_CLASSES];
    int i;

    memcpy(sorted, machine_classes, machine_nclasses * sizeof(sorted[0]));
    qsort(sorted, machine_nclasses, sizeof(sorted[0]), machine_cmp);
    fprintf(f, "Supported machines are:\n");
    for (i = 0; i < machine_nclasses; i++) {
        const MachineClass *mc = sorted[i];
        const char *desc = mc->desc ? mc->desc : "";
        const char *dflt = mc->is_default ? " (default)" : "";

        if (mc->alias) {
            fprintf(f, "%-20s %s (alias of %s)\n", mc->alias, desc, mc->name);
        }
        fprintf(f, "%-20s %s%s\n", mc->name, desc, dflt);
    }
}

DriveInfo *drive_claim(MachineState *ms, const char *id)
{
    DriveInfo *d;

    for (d = ms ? ms->drives : NULL; d && id; d = d->next) {
        if (d->id && !strcmp(d->id, id)) {
            if (d->claimed) {
                return NULL;
            }
            d->claimed = true;
            return d;
        }
    }
    return NULL;
}
