/*
 * test-psci.c: PSCI 0.2/1.0 dispatch (target-arm/psci.c) against a fake
 * board that records the callbacks.
 *
 * Expected values come from Arm DEN0022: function IDs 0x8400000n (SMC32/
 * HVC32) and 0xC400000n (SMC64/HVC64), return codes SUCCESS 0,
 * NOT_SUPPORTED -1, INVALID_PARAMETERS -2, ALREADY_ON -4, ON_PENDING -5,
 * INTERNAL_FAILURE -6, AFFINITY_INFO states ON 0, OFF 1, ON_PENDING 2,
 * PSCI_VERSION major << 16 | minor; results sign-extended into x0.
 */
#include <string.h>

#include "target-arm/psci.h"
#include "tests/unit/tap.h"

#define NEG(x) ((uint64_t)(int64_t)(x))

/* ---- the fake board ---- */

typedef struct Board {
    int on_calls, off_calls, sysoff_calls, reset_calls;
    unsigned last_cpu;
    uint64_t last_entry, last_ctx;
    int on_result[8];           /* what cpu_on returns per CPU */
    bool clusters;              /* MPIDR = cluster << 8 | core, 2 per cluster */
} Board;

static int board_cpu_on(void *opaque, unsigned cpu, uint64_t entry,
                        uint64_t ctx)
{
    Board *b = opaque;

    b->on_calls++;
    b->last_cpu = cpu;
    b->last_entry = entry;
    b->last_ctx = ctx;
    return b->on_result[cpu];
}

static void board_cpu_off(void *opaque, unsigned cpu)
{
    Board *b = opaque;

    b->off_calls++;
    b->last_cpu = cpu;
}

static void board_system_off(void *opaque)
{
    ((Board *)opaque)->sysoff_calls++;
}

static void board_system_reset(void *opaque)
{
    ((Board *)opaque)->reset_calls++;
}

static int board_find_cpu(void *opaque, uint64_t mpidr)
{
    Board *b = opaque;
    unsigned aff0 = mpidr & 0xff, aff1 = (mpidr >> 8) & 0xff;

    if (!b->clusters || (mpidr & 0xff00ff0000ULL) || aff0 > 1) {
        return -1;
    }
    return aff1 * 2 + aff0;
}

static const ArmPSCIOps ops = {
    .cpu_on = board_cpu_on,
    .cpu_off = board_cpu_off,
    .system_off = board_system_off,
    .system_reset = board_system_reset,
};

static const ArmPSCIOps cluster_ops = {
    .cpu_on = board_cpu_on,
    .cpu_off = board_cpu_off,
    .system_off = board_system_off,
    .system_reset = board_system_reset,
    .find_cpu = board_find_cpu,
};

static ArmPSCI psci;
static Board board;

static ArmPSCIAction call(unsigned cpu, ArmPSCIConduit conduit, uint64_t fn,
                          uint64_t a1, uint64_t a2, uint64_t a3, uint64_t *r)
{
    uint64_t x[4] = { fn, a1, a2, a3 };
    ArmPSCIAction act = arm_psci_call(&psci, cpu, conduit, x);

    *r = x[0];
    return act;
}

/* An HVC from CPU 0 expected to return ret in x0. */
static void expect(const char *what, uint64_t fn, uint64_t a1, uint64_t a2,
                   uint64_t a3, uint64_t ret)
{
    uint64_t r;
    ArmPSCIAction act = call(0, ARM_PSCI_CONDUIT_HVC, fn, a1, a2, a3, &r);

    if (!tap_report(act == ARM_PSCI_RETURN && r == ret, "%s", what)) {
        tap_diag("action %d, x0 0x%llx, want 0x%llx", act,
                 (unsigned long long)r, (unsigned long long)ret);
    }
}

static void setup(uint32_t version, const ArmPSCIOps *o)
{
    memset(&board, 0, sizeof(board));
    arm_psci_init(&psci, ARM_PSCI_CONDUIT_HVC, version, 4, o, &board);
}

static void test_init(void)
{
    ArmPSCI p;

    tap_report(!arm_psci_init(&p, ARM_PSCI_CONDUIT_HVC, PSCI_VERSION_1_0, 0,
                              &ops, NULL), "init: 0 CPUs refused");
    tap_report(!arm_psci_init(&p, ARM_PSCI_CONDUIT_HVC, PSCI_VERSION_1_0,
                              ARM_PSCI_MAX_CPUS + 1, &ops, NULL),
               "init: too many CPUs refused");
    tap_report(!arm_psci_init(&p, ARM_PSCI_CONDUIT_HVC, 0x10001, 2, &ops,
                              NULL), "init: PSCI 1.1 refused");
    setup(PSCI_VERSION_1_0, &ops);
    tap_report(arm_psci_power(&psci, 0) == ARM_PSCI_ON
               && arm_psci_power(&psci, 1) == ARM_PSCI_OFF
               && arm_psci_power(&psci, 3) == ARM_PSCI_OFF
               && arm_psci_power(&psci, 4) == ARM_PSCI_OFF,
               "init: boot CPU on, secondaries off");
    arm_psci_reset(&psci, 2);
    tap_report(arm_psci_power(&psci, 0) == ARM_PSCI_OFF
               && arm_psci_power(&psci, 2) == ARM_PSCI_ON,
               "reset: the given boot CPU on, the others off");
}

static void test_version_and_conduit(void)
{
    uint64_t r = 0x77;
    ArmPSCIAction act;
    ArmPSCI saved;

    setup(PSCI_VERSION_1_0, &ops);
    expect("PSCI_VERSION 1.0 = 0x10000", PSCI_FN_PSCI_VERSION, 0, 0, 0,
           0x10000);
    expect("function ID is w0: upper half of x0 ignored",
           0xffffffff00000000ULL | PSCI_FN_PSCI_VERSION, 0, 0, 0, 0x10000);
    act = call(0, ARM_PSCI_CONDUIT_SMC, PSCI_FN_PSCI_VERSION, 0, 0, 0, &r);
    tap_report(act == ARM_PSCI_NOT_PSCI && r == PSCI_FN_PSCI_VERSION,
               "SMC on an HVC board: not PSCI, x0 untouched");
    saved = psci;
    psci.conduit = ARM_PSCI_CONDUIT_NONE;
    act = call(0, ARM_PSCI_CONDUIT_HVC, PSCI_FN_PSCI_VERSION, 0, 0, 0, &r);
    tap_report(act == ARM_PSCI_NOT_PSCI, "no PSCI: HVC is not PSCI");
    psci = saved;

    arm_psci_init(&psci, ARM_PSCI_CONDUIT_SMC, PSCI_VERSION_0_2, 2, &ops,
                  &board);
    act = call(0, ARM_PSCI_CONDUIT_SMC, PSCI_FN_PSCI_VERSION, 0, 0, 0, &r);
    tap_report(act == ARM_PSCI_RETURN && r == 2,
               "PSCI_VERSION 0.2 = 2 through SMC");
    act = call(0, ARM_PSCI_CONDUIT_SMC, PSCI_FN_PSCI_FEATURES,
               PSCI_FN_CPU_ON, 0, 0, &r);
    tap_report(act == ARM_PSCI_RETURN && r == NEG(-1),
               "PSCI 0.2 has no PSCI_FEATURES: NOT_SUPPORTED");
}

static void test_cpu_on(void)
{
    setup(PSCI_VERSION_1_0, &ops);
    expect("CPU_ON64 cpu 1: SUCCESS", PSCI_FN64_CPU_ON, 1, 0x40080000,
           0x1234, 0);
    tap_report(board.on_calls == 1 && board.last_cpu == 1
               && board.last_entry == 0x40080000 && board.last_ctx == 0x1234,
               "CPU_ON64: board powers cpu 1 at entry with context id");
    expect("AFFINITY_INFO64 cpu 1: ON (0)", PSCI_FN64_AFFINITY_INFO, 1, 0,
           0, 0);
    expect("CPU_ON cpu 1 again: ALREADY_ON (-4)", PSCI_FN64_CPU_ON, 1,
           0x40080000, 0, NEG(-4));
    expect("CPU_ON cpu 0 (the caller): ALREADY_ON", PSCI_FN64_CPU_ON, 0,
           0x40080000, 0, NEG(-4));
    expect("CPU_ON MPIDR 4 of 4 CPUs: INVALID_PARAMETERS (-2)",
           PSCI_FN64_CPU_ON, 4, 0x40080000, 0, NEG(-2));
    expect("CPU_ON MPIDR 0x100 (Aff1 = 1): INVALID_PARAMETERS",
           PSCI_FN64_CPU_ON, 0x100, 0x40080000, 0, NEG(-2));
    expect("CPU_ON64 MPIDR Aff3 = 1: INVALID_PARAMETERS",
           PSCI_FN64_CPU_ON, 0x100000001ULL, 0x40080000, 0, NEG(-2));
    tap_report(board.on_calls == 1, "failed CPU_ONs never reach the board");

    /* the board brings CPU 2 up later */
    board.on_result[2] = 1;
    expect("CPU_ON cpu 2, deferred: SUCCESS", PSCI_FN64_CPU_ON, 2, 0x1000,
           0, 0);
    expect("AFFINITY_INFO cpu 2: ON_PENDING (2)", PSCI_FN64_AFFINITY_INFO,
           2, 0, 0, 2);
    expect("CPU_ON cpu 2 again: ON_PENDING (-5)", PSCI_FN64_CPU_ON, 2,
           0x1000, 0, NEG(-5));
    arm_psci_cpu_started(&psci, 2);
    expect("AFFINITY_INFO cpu 2 once started: ON", PSCI_FN64_AFFINITY_INFO,
           2, 0, 0, 0);

    board.on_result[3] = -1;
    expect("CPU_ON cpu 3, board fails: INTERNAL_FAILURE (-6)",
           PSCI_FN64_CPU_ON, 3, 0x1000, 0, NEG(-6));
    expect("AFFINITY_INFO cpu 3 after the failure: OFF (1)",
           PSCI_FN64_AFFINITY_INFO, 3, 0, 0, 1);
}

static void test_cpu_off_and_32bit_on(void)
{
    uint64_t r = 0x55;
    ArmPSCIAction act;

    setup(PSCI_VERSION_1_0, &ops);
    expect("CPU_ON cpu 1", PSCI_FN64_CPU_ON, 1, 0x40080000, 0, 0);
    act = call(1, ARM_PSCI_CONDUIT_HVC, PSCI_FN_CPU_OFF, 0, 0, 0, &r);
    tap_report(act == ARM_PSCI_STOPPED && r == PSCI_FN_CPU_OFF
               && board.off_calls == 1 && board.last_cpu == 1,
               "CPU_OFF from cpu 1: stopped, board told, x0 untouched");
    expect("AFFINITY_INFO cpu 1 after CPU_OFF: OFF", PSCI_FN_AFFINITY_INFO,
           1, 0, 0, 1);
    /* SMC32/HVC32: only the low 32 bits of x1..x3 count */
    expect("CPU_ON32 with garbage in the upper halves: SUCCESS",
           PSCI_FN_CPU_ON, 0xffffffff00000001ULL, 0x140080000ULL,
           0xdead000000000042ULL, 0);
    tap_report(board.last_cpu == 1 && board.last_entry == 0x40080000
               && board.last_ctx == 0x42,
               "CPU_ON32: target, entry and context id truncated to 32 bits");
    expect("AFFINITY_INFO32, upper half ignored: ON", PSCI_FN_AFFINITY_INFO,
           0xabcd000000000001ULL, 0, 0, 0);
    expect("AFFINITY_INFO lowest level 1: INVALID_PARAMETERS",
           PSCI_FN_AFFINITY_INFO, 1, 1, 0, NEG(-2));
    expect("AFFINITY_INFO unknown MPIDR: INVALID_PARAMETERS",
           PSCI_FN_AFFINITY_INFO, 9, 0, 0, NEG(-2));
    expect("32-bit error result sign-extended: x0 = -2 as 64 bits",
           PSCI_FN_CPU_ON, 7, 0, 0, 0xfffffffffffffffeULL);
}

static void test_cluster_mpidr(void)
{
    setup(PSCI_VERSION_1_0, &cluster_ops);
    board.clusters = true;
    expect("cluster board: CPU_ON MPIDR 0x101 = cpu 3", PSCI_FN64_CPU_ON,
           0x101, 0x2000, 7, 0);
    tap_report(board.last_cpu == 3 && arm_psci_power(&psci, 3) == ARM_PSCI_ON,
               "cluster board: cpu 3 powered");
    expect("cluster board: MPIDR 3 (no such core) invalid", PSCI_FN64_CPU_ON,
           3, 0x2000, 7, NEG(-2));
    expect("cluster board: MPIDR 0x200 (cluster 2 of 2) invalid",
           PSCI_FN64_CPU_ON, 0x200, 0x2000, 7, NEG(-2));
}

static void test_misc_calls(void)
{
    uint64_t r;
    ArmPSCIAction act;

    setup(PSCI_VERSION_1_0, &ops);
    act = call(0, ARM_PSCI_CONDUIT_HVC, PSCI_FN_CPU_SUSPEND, 0x10000, 0x1000,
               0, &r);
    tap_report(act == ARM_PSCI_WFI && r == 0, "CPU_SUSPEND32: WFI, SUCCESS");
    act = call(0, ARM_PSCI_CONDUIT_HVC, PSCI_FN64_CPU_SUSPEND, 0, 0, 0, &r);
    tap_report(act == ARM_PSCI_WFI && r == 0, "CPU_SUSPEND64: WFI, SUCCESS");
    expect("MIGRATE_INFO_TYPE: 2 (no Trusted OS)", PSCI_FN_MIGRATE_INFO_TYPE,
           0, 0, 0, 2);
    expect("MIGRATE: NOT_SUPPORTED", PSCI_FN_MIGRATE, 1, 0, 0, NEG(-1));
    expect("MIGRATE_INFO_UP_CPU: NOT_SUPPORTED", PSCI_FN_MIGRATE_INFO_UP_CPU,
           0, 0, 0, NEG(-1));
    expect("SMCCC_VERSION (not PSCI): NOT_SUPPORTED", 0x80000000, 0, 0, 0,
           NEG(-1));
    expect("SYSTEM_SUSPEND: NOT_SUPPORTED", 0xc400000e, 0, 0, 0, NEG(-1));

    expect("FEATURES(CPU_ON): 0", PSCI_FN_PSCI_FEATURES, PSCI_FN_CPU_ON, 0,
           0, 0);
    expect("FEATURES(CPU_ON64): 0", PSCI_FN_PSCI_FEATURES, PSCI_FN64_CPU_ON,
           0, 0, 0);
    expect("FEATURES(CPU_SUSPEND): flags 0", PSCI_FN_PSCI_FEATURES,
           PSCI_FN_CPU_SUSPEND, 0, 0, 0);
    expect("FEATURES(SYSTEM_OFF): 0", PSCI_FN_PSCI_FEATURES,
           PSCI_FN_SYSTEM_OFF, 0, 0, 0);
    expect("FEATURES(PSCI_FEATURES): 0", PSCI_FN_PSCI_FEATURES,
           PSCI_FN_PSCI_FEATURES, 0, 0, 0);
    expect("FEATURES(MIGRATE): NOT_SUPPORTED", PSCI_FN_PSCI_FEATURES,
           PSCI_FN_MIGRATE, 0, 0, NEG(-1));
    expect("FEATURES(SMCCC_VERSION): NOT_SUPPORTED", PSCI_FN_PSCI_FEATURES,
           0x80000000, 0, 0, NEG(-1));

    act = call(0, ARM_PSCI_CONDUIT_HVC, PSCI_FN_SYSTEM_OFF, 0, 0, 0, &r);
    tap_report(act == ARM_PSCI_STOPPED && board.sysoff_calls == 1
               && board.reset_calls == 0, "SYSTEM_OFF: board stops the VM");
    act = call(1, ARM_PSCI_CONDUIT_HVC, PSCI_FN_SYSTEM_RESET, 0, 0, 0, &r);
    tap_report(act == ARM_PSCI_STOPPED && board.reset_calls == 1,
               "SYSTEM_RESET: board resets");
}

static void test_missing_callbacks(void)
{
    static const ArmPSCIOps none;

    setup(PSCI_VERSION_1_0, &none);
    expect("no cpu_on hook: INTERNAL_FAILURE", PSCI_FN64_CPU_ON, 1, 0, 0,
           NEG(-6));
    expect("no system_off hook: INTERNAL_FAILURE", PSCI_FN_SYSTEM_OFF, 0, 0,
           0, NEG(-6));
    expect("no cpu_off hook: INTERNAL_FAILURE", PSCI_FN_CPU_OFF, 0, 0, 0,
           NEG(-6));
}

int main(void)
{
    test_init();
    test_version_and_conduit();
    test_cpu_on();
    test_cpu_off_and_32bit_on();
    test_cluster_mpidr();
    test_misc_calls();
    test_missing_callbacks();
    return tap_exit_status();
}
