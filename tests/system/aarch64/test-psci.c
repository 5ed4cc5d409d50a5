/*
 * test-psci.c: PSCI through HVC, with -smp 2.  PSCI_VERSION >= 0.2,
 * PSCI_FEATURES (PSCI 1.0+), unknown IDs, AFFINITY_INFO, CPU_ON of CPU 1
 * (it writes a flag the boot CPU waits for), ALREADY_ON, CPU_OFF by CPU
 * 1 and a second CPU_ON through the SMC64 function ID; the program ends
 * with SYSTEM_OFF (the runner checks the exit status 0).
 */
#include "runtime.h"

#define PSCI_VERSION        0x84000000u
#define PSCI_CPU_OFF        0x84000002u
#define PSCI_CPU_ON         0x84000003u
#define PSCI_AFFINITY_INFO  0x84000004u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_SYSTEM_OFF     0x84000008u
#define PSCI_FEATURES       0x8400000au
#define PSCI64_CPU_ON       0xc4000003u
#define PSCI64_AFFINITY_INFO 0xc4000004u

#define RET_SUCCESS         0
#define RET_NOT_SUPPORTED   (-1)
#define RET_INVALID_PARAMS  (-2)
#define RET_ALREADY_ON      (-4)
#define AFF_ON              0
#define AFF_OFF             1

#define FLAG_MAGIC          0xc0ffee00u

extern char stack_top[];
static volatile uint64_t flag, sec_mpidr, sec_el, sec_arg, sec_sctlr;
static volatile unsigned sec_runs;

/* CPU 1: report, then either stay on (first run) or call CPU_OFF. */
void secondary_main(uint64_t arg)
{
    sec_mpidr = read_sysreg(mpidr_el1);
    sec_el = read_sysreg(CurrentEL);
    sec_sctlr = read_sysreg(sctlr_el1);
    sec_arg = arg;
    sec_runs++;
    dsb(sy);
    flag = FLAG_MAGIC + sec_runs;
    dsb(sy);
    /* Wait for the boot CPU to ask for CPU_OFF (flag cleared). */
    while (flag != 0) {
    }
    psci_call(PSCI_CPU_OFF, 0, 0, 0);
    flag = 0xdead;      /* CPU_OFF returned: an error */
    for (;;) {
        __asm__ volatile("wfi");
    }
}

static bool wait_for(uint64_t want, uint64_t seconds)
{
    uint64_t freq = read_sysreg(cntfrq_el0), t0 = read_sysreg(cntvct_el0);
    while (flag != want) {
        if (read_sysreg(cntvct_el0) - t0 > seconds * freq) {
            return false;
        }
    }
    return true;
}

static int64_t affinity(uint64_t mpidr)
{
    return psci_call(PSCI_AFFINITY_INFO, mpidr, 0, 0);
}

int main(void)
{
    uint64_t v = (uint64_t)psci_call(PSCI_VERSION, 0, 0, 0);
    uint64_t stack1 = (uintptr_t)stack_top + 2 * 16384;
    int64_t r;

    rt_printf("# PSCI_VERSION = 0x%lx (%lu.%lu)\n", v, (v >> 16) & 0xffff, v & 0xffff);
    tap_check(v >= 0x2 && v < 0x20000, "PSCI_VERSION is 0.2 or 1.x");
    if (v >= 0x10000) {
        tap_eq(psci_call(PSCI_FEATURES, PSCI_VERSION, 0, 0), RET_SUCCESS,
               "PSCI_FEATURES(PSCI_VERSION) = 0");
        tap_eq(psci_call(PSCI_FEATURES, PSCI64_CPU_ON, 0, 0), RET_SUCCESS,
               "PSCI_FEATURES(CPU_ON64) = 0");
        tap_eq(psci_call(PSCI_FEATURES, PSCI_SYSTEM_OFF, 0, 0), RET_SUCCESS,
               "PSCI_FEATURES(SYSTEM_OFF) = 0");
        tap_eq(psci_call(PSCI_FEATURES, 0x8400001fu, 0, 0), (uint64_t)RET_NOT_SUPPORTED,
               "PSCI_FEATURES(unknown 0x8400001f) = NOT_SUPPORTED");
    } else {
        tap_skip("PSCI_FEATURES", "PSCI 0.2");
    }
    tap_eq(psci_call(0x8400001fu, 0, 0, 0), (uint64_t)RET_NOT_SUPPORTED,
           "unknown function 0x8400001f returns NOT_SUPPORTED");
    tap_eq(psci_call(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0), 2,
           "MIGRATE_INFO_TYPE = 2 (no Trusted OS)");

    tap_eq(read_sysreg(mpidr_el1) & 0xffffff, 0, "boot CPU MPIDR affinity is 0");
    tap_eq(affinity(0), AFF_ON, "AFFINITY_INFO(CPU 0) = ON");
    tap_eq(affinity(1), AFF_OFF, "AFFINITY_INFO(CPU 1) = OFF before CPU_ON");
    tap_eq(psci_call(PSCI_CPU_ON, 7, (uintptr_t)secondary_entry, stack1),
           (uint64_t)RET_INVALID_PARAMS, "CPU_ON of a CPU that does not exist: INVALID_PARAMETERS");

    r = psci_call(PSCI_CPU_ON, 1, (uintptr_t)secondary_entry, stack1);
    tap_eq(r, RET_SUCCESS, "CPU_ON(CPU 1) = SUCCESS");
    bool up = wait_for(FLAG_MAGIC + 1, 5);
    tap_check(up, "CPU 1 runs and writes its flag");
    if (up) {
        tap_eq(sec_mpidr & 0xffffff, 1, "CPU 1: MPIDR affinity is 1");
        tap_eq(sec_el, 1 << 2, "CPU 1: starts at EL1");
        tap_eq(sec_sctlr & 1, 0, "CPU 1: MMU off");
        tap_eq(sec_arg, stack1, "CPU 1: x0 = context_id");
        tap_eq(affinity(1), AFF_ON, "AFFINITY_INFO(CPU 1) = ON");
        tap_eq(psci_call(PSCI_CPU_ON, 1, (uintptr_t)secondary_entry, stack1),
               (uint64_t)RET_ALREADY_ON, "CPU_ON(CPU 1) again: ALREADY_ON");
        /* Let CPU 1 call CPU_OFF. */
        flag = 0;
        dsb(sy);
        uint64_t freq = read_sysreg(cntfrq_el0), t0 = read_sysreg(cntvct_el0);
        while (affinity(1) != AFF_OFF && read_sysreg(cntvct_el0) - t0 < 5 * freq) {
        }
        tap_eq(affinity(1), AFF_OFF, "CPU_OFF by CPU 1: AFFINITY_INFO = OFF");
        tap_eq(flag, 0, "CPU_OFF did not return");
        r = psci_call(PSCI64_CPU_ON, 1, (uintptr_t)secondary_entry, stack1);
        tap_eq(r, RET_SUCCESS, "CPU_ON (SMC64 ID) of CPU 1 again = SUCCESS");
        tap_check(wait_for(FLAG_MAGIC + 2, 5), "CPU 1 runs a second time");
        tap_eq(psci_call(PSCI64_AFFINITY_INFO, 1, 0, 0), AFF_ON,
               "AFFINITY_INFO (SMC64 ID) of CPU 1 = ON");
    }
    return 0;       /* SYSTEM_OFF with CPU 1 still running */
}
