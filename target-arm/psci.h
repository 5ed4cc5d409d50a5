/*
 * psci.h: the Power State Coordination Interface firmware the virt board
 * emulates in place of EL3/EL2 firmware (Arm DEN0022, PSCI 0.2 and 1.0,
 * called through SMCCC: function ID in w0/x0, arguments in x1..x3,
 * result in x0).
 *
 * The CPU's HVC/SMC helper calls arm_psci_call() when the instruction
 * uses the conduit the board advertises in the device tree ("hvc" or
 * "smc"); if it returns ARM_PSCI_NOT_PSCI the helper does what the
 * architecture says instead (UNDEFINED for HVC/SMC with no EL2/EL3).
 * The dispatcher tracks each CPU's power state (for AFFINITY_INFO and
 * CPU_ON's ALREADY_ON/ON_PENDING) and asks the board to act through
 * ArmPSCIOps.  Callers hold the global lock.
 *
 * Function IDs: the SMC32/HVC32 ones (0x8400xxxx: arguments are the low
 * 32 bits of x1..x3) and the SMC64/HVC64 ones (0xC400xxxx) of CPU_SUSPEND,
 * CPU_ON, AFFINITY_INFO.  Any other ID, PSCI or not (e.g. SMCCC_VERSION),
 * returns NOT_SUPPORTED (-1), as SMCCC requires for unknown functions.
 * Results are written to x0 sign-extended, so both w0 and x0 read -1.
 * The HVC/SMC immediate is not looked at (SMCCC callers pass #0).
 *
 * Not emulated: MIGRATE and MIGRATE_INFO_UP_CPU (MIGRATE_INFO_TYPE says
 * no Trusted OS is present), SYSTEM_SUSPEND, CPU_FREEZE, the OS-initiated
 * mode, affinity levels above 0 in AFFINITY_INFO, PSCI 1.1 calls,
 * CPU_ON's INVALID_ADDRESS check (the board may start a CPU anywhere).
 */
#ifndef TARGET_ARM_PSCI_H
#define TARGET_ARM_PSCI_H

#include <stdbool.h>
#include <stdint.h>

#define ARM_PSCI_MAX_CPUS   512

/* Function IDs (DEN0022 5.1). */
#define PSCI_0_2_FN_BASE            0x84000000u
#define PSCI_0_2_64BIT              0x40000000u
#define PSCI_FN_PSCI_VERSION        0x84000000u
#define PSCI_FN_CPU_SUSPEND         0x84000001u
#define PSCI_FN_CPU_OFF             0x84000002u
#define PSCI_FN_CPU_ON              0x84000003u
#define PSCI_FN_AFFINITY_INFO       0x84000004u
#define PSCI_FN_MIGRATE             0x84000005u
#define PSCI_FN_MIGRATE_INFO_TYPE   0x84000006u
#define PSCI_FN_MIGRATE_INFO_UP_CPU 0x84000007u
#define PSCI_FN_SYSTEM_OFF          0x84000008u
#define PSCI_FN_SYSTEM_RESET        0x84000009u
#define PSCI_FN_PSCI_FEATURES       0x8400000au
#define PSCI_FN64_CPU_SUSPEND       0xc4000001u
#define PSCI_FN64_CPU_ON            0xc4000003u
#define PSCI_FN64_AFFINITY_INFO     0xc4000004u

/* Return codes (DEN0022 5.2.2). */
#define PSCI_RET_SUCCESS            0
#define PSCI_RET_NOT_SUPPORTED      (-1)
#define PSCI_RET_INVALID_PARAMETERS (-2)
#define PSCI_RET_DENIED             (-3)
#define PSCI_RET_ALREADY_ON         (-4)
#define PSCI_RET_ON_PENDING         (-5)
#define PSCI_RET_INTERNAL_FAILURE   (-6)
#define PSCI_RET_NOT_PRESENT        (-7)
#define PSCI_RET_DISABLED           (-8)
#define PSCI_RET_INVALID_ADDRESS    (-9)

/* PSCI_VERSION values: major << 16 | minor. */
#define PSCI_VERSION_0_2            0x00000002u
#define PSCI_VERSION_1_0            0x00010000u

/* MIGRATE_INFO_TYPE: Trusted OS not present or needs no migration. */
#define PSCI_TOS_NOT_PRESENT_MP     2

/* Power state of a CPU, as AFFINITY_INFO reports it. */
typedef enum ArmPSCIPower {
    ARM_PSCI_ON = 0,
    ARM_PSCI_OFF = 1,
    ARM_PSCI_ON_PENDING = 2,
} ArmPSCIPower;

typedef enum ArmPSCIConduit {
    ARM_PSCI_CONDUIT_NONE,      /* no PSCI: every call is NOT_PSCI */
    ARM_PSCI_CONDUIT_HVC,
    ARM_PSCI_CONDUIT_SMC,
} ArmPSCIConduit;

/* What the CPU does after arm_psci_call(). */
typedef enum ArmPSCIAction {
    ARM_PSCI_RETURN,        /* x0 written; continue after the HVC/SMC */
    ARM_PSCI_WFI,           /* x0 written; then behave as WFI */
    ARM_PSCI_STOPPED,       /* CPU_OFF, SYSTEM_OFF/RESET: the board has
                               stopped this CPU or the VM; x0 untouched */
    ARM_PSCI_NOT_PSCI,      /* wrong conduit: not a PSCI call */
} ArmPSCIAction;

typedef struct ArmPSCIOps {
    /*
     * Power cpu on: reset it, then start it at EL1 in AArch64 state with
     * the MMU and caches off, DAIF masked, pc = entry and x0 =
     * context_id.  Return 0 when it is on, 1 when it will come up later
     * (the board then calls arm_psci_cpu_started()), negative on
     * failure (INTERNAL_FAILURE to the caller).
     */
    int (*cpu_on)(void *opaque, unsigned cpu, uint64_t entry,
                  uint64_t context_id);
    /* Stop the calling cpu until a later CPU_ON. */
    void (*cpu_off)(void *opaque, unsigned cpu);
    /* Stop the VM (shut down); SYSTEM_RESET: reset the whole board. */
    void (*system_off)(void *opaque);
    void (*system_reset)(void *opaque);
    /*
     * The CPU index with this MPIDR affinity (Aff3 in 39:32, Aff2..0 in
     * 23:0), or -1.  May be NULL: then MPIDR affinity == index (bits
     * 31:24 and 63:40 ignored).
     */
    int (*find_cpu)(void *opaque, uint64_t mpidr);
} ArmPSCIOps;

typedef struct ArmPSCI {
    ArmPSCIConduit conduit;
    uint32_t version;               /* PSCI_VERSION_0_2 or _1_0 */
    unsigned num_cpus;
    uint8_t power[ARM_PSCI_MAX_CPUS];   /* ArmPSCIPower */
    const ArmPSCIOps *ops;
    void *opaque;
} ArmPSCI;

/*
 * Set up for num_cpus CPUs (at most ARM_PSCI_MAX_CPUS; returns false
 * otherwise or for an unknown version) and apply arm_psci_reset().
 */
bool arm_psci_init(ArmPSCI *p, ArmPSCIConduit conduit, uint32_t version,
                   unsigned num_cpus, const ArmPSCIOps *ops, void *opaque);

/* Board reset: the boot CPU on, the secondaries off awaiting CPU_ON. */
void arm_psci_reset(ArmPSCI *p, unsigned boot_cpu);

/* A CPU whose cpu_on callback returned 1 is now running. */
void arm_psci_cpu_started(ArmPSCI *p, unsigned cpu);

/* The power state of cpu (ARM_PSCI_OFF for an index out of range). */
ArmPSCIPower arm_psci_power(const ArmPSCI *p, unsigned cpu);

/*
 * A HVC or SMC #imm from cpu with conduit, x[0] the function ID and x[1]
 * .. x[3] the arguments.  Writes the result to x[0] unless the action is
 * STOPPED or NOT_PSCI.
 */
ArmPSCIAction arm_psci_call(ArmPSCI *p, unsigned cpu,
                            ArmPSCIConduit conduit, uint64_t x[4]);

#endif
