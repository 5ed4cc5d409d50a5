/*
 * test-machine: the machine registry and drive claims (hw/core/machine.c).
 */
#include "hw/boards.h"
#include "tap.h"
#include "vl-capture.h"

static bool init_nothing(MachineState *ms)
{
    (void)ms;
    return true;
}

static const MachineClass mc_virt = {
    .name = "virt-7.2", .alias = "virt", .desc = "QEMU 7.2 ARM Virtual Machine",
    .init = init_nothing,
};
static const MachineClass mc_none = {
    .name = "none", .desc = "empty machine", .init = init_nothing,
};
static const MachineClass mc_def = {
    .name = "akita", .desc = "a default one", .is_default = true,
    .init = init_nothing,
};

int main(void)
{
    DriveInfo d1 = { .id = "drive1" };
    DriveInfo d0 = { .id = "drive0", .next = &d1 };
    MachineState ms = { .drives = &d0 };
    Capture c;
    const char *out;

    tap_report(current_machine == NULL, "no machine before init");
    tap_report(!machine_find("virt") && !machine_default(), "empty registry");
    machine_register(&mc_virt);
    machine_register(&mc_none);
    tap_report(machine_find("virt") == &mc_virt &&
               machine_find("virt-7.2") == &mc_virt &&
               machine_find("none") == &mc_none && !machine_find("virt-7") &&
               !machine_find(NULL), "find by name and by alias");
    tap_report(machine_default() == NULL, "no default unless a board says so");

    capture_begin(&c, stdout);
    machine_list(stdout);
    out = capture_end(&c);
    tap_report(!strcmp(out,
                       "Supported machines are:\n"
                       "none                 empty machine\n"
                       "virt                 QEMU 7.2 ARM Virtual Machine "
                       "(alias of virt-7.2)\n"
                       "virt-7.2             QEMU 7.2 ARM Virtual Machine\n"),
               "-M help text, sorted, alias line first");
    machine_register(&mc_def);
    tap_report(machine_default() == &mc_def, "the default machine");
    capture_begin(&c, stdout);
    machine_list(stdout);
    out = capture_end(&c);
    tap_report(!strncmp(out, "Supported machines are:\n"
                        "akita                a default one (default)\n", 68),
               "the default is marked");

    tap_report(drive_claim(&ms, "drive1") == &d1 && d1.claimed && !d0.claimed,
               "claim a drive by id");
    tap_report(drive_claim(&ms, "drive1") == NULL,
               "a claimed drive cannot be claimed again");
    tap_report(drive_claim(&ms, "drive9") == NULL &&
               drive_claim(&ms, NULL) == NULL &&
               drive_claim(NULL, "drive0") == NULL, "unknown ids");
    tap_report(drive_claim(&ms, "drive0") == &d0, "claim the other");
    return tap_exit_status();
}
