/*
 * gtimer.h: the Arm generic timer as one CPU sees it at EL0/EL1 (Arm ARM
 * D11 "The Generic Timer in AArch64 state"): the counter registers
 * CNTFRQ_EL0, CNTPCT_EL0, CNTVCT_EL0, the EL1 physical and virtual timers
 * (CNTP_* and CNTV_* CTL/CVAL/TVAL) and CNTKCTL_EL1's EL0 access
 * controls.
 *
 * The board gives each CPU one ArmGTimer with three hooks: counter()
 * reads the system counter (ticks of CNTFRQ on the virtual clock, so it
 * stops with the VM), set_irq() drives each timer's output line (PPI 30
 * for the physical, 27 for the virtual timer on virt) and set_deadline()
 * arms a host timer for the counter value at which the next output may
 * rise.  When that host timer fires (or the counter jumps), the board
 * calls arm_gtimer_update().  MRS/MSR helpers call arm_gtimer_read() and
 * arm_gtimer_write(), which report EL0 accesses CNTKCTL_EL1 disables as
 * ARM_GT_TRAP (the caller raises EC 0x18, arm_esr_sysreg()) and
 * accesses the architecture makes UNDEFINED as ARM_GT_UNDEF.
 *
 * A timer's condition is met when CNTxCT >= CVAL (unsigned 64-bit);
 * CTL.ISTATUS shows it while ENABLE is 1 (0 when disabled); the output is
 * ISTATUS && ENABLE && !IMASK.  TVAL is the signed 32-bit view of CVAL -
 * count: reads return it zero-extended in bits 31:0, writes set CVAL =
 * count + SignExtend(TVAL[31:0]).  CNTVCT = CNTPCT - CNTVOFF (0 without
 * EL2, settable for the board's use).
 *
 * Not emulated: the EL2 and secure timers, the event stream (EVNTEN:
 * WFE does not wait here), FEAT_ECV.
 */
#ifndef TARGET_ARM_GTIMER_H
#define TARGET_ARM_GTIMER_H

#include <stdbool.h>
#include <stdint.h>

#define ARM_GT_CTL_ENABLE   (1u << 0)
#define ARM_GT_CTL_IMASK    (1u << 1)
#define ARM_GT_CTL_ISTATUS  (1u << 2)

#define ARM_CNTKCTL_EL0PCTEN    (1u << 0)
#define ARM_CNTKCTL_EL0VCTEN    (1u << 1)
#define ARM_CNTKCTL_EVNTEN      (1u << 2)
#define ARM_CNTKCTL_EVNTDIR     (1u << 3)
#define ARM_CNTKCTL_EVNTI_SHIFT 4
#define ARM_CNTKCTL_EL0VTEN     (1u << 8)
#define ARM_CNTKCTL_EL0PTEN     (1u << 9)
#define ARM_CNTKCTL_MASK        0x3ffu

/* "No deadline": the set_deadline value that disarms the host timer. */
#define ARM_GT_NO_DEADLINE  UINT64_MAX

typedef enum ArmGTimerIndex {
    ARM_GT_PHYS = 0,
    ARM_GT_VIRT = 1,
    ARM_GT_NUM_TIMERS = 2,
} ArmGTimerIndex;

typedef enum ArmGTReg {
    ARM_GT_CNTFRQ,
    ARM_GT_CNTPCT,
    ARM_GT_CNTVCT,
    ARM_GT_CNTP_CTL,
    ARM_GT_CNTP_CVAL,
    ARM_GT_CNTP_TVAL,
    ARM_GT_CNTV_CTL,
    ARM_GT_CNTV_CVAL,
    ARM_GT_CNTV_TVAL,
    ARM_GT_CNTKCTL,
} ArmGTReg;

typedef enum ArmGTAccess {
    ARM_GT_OK,
    ARM_GT_TRAP,        /* EL0 access disabled by CNTKCTL_EL1: EC 0x18 */
    ARM_GT_UNDEF,       /* write to a read-only register, EL1 reg at EL0 */
} ArmGTAccess;

typedef struct ArmGTimerOps {
    /* The physical count (CNTPCT), monotonic.  Required. */
    uint64_t (*counter)(void *opaque);
    /* A timer's output line changed level. */
    void (*set_irq)(void *opaque, ArmGTimerIndex t, bool level);
    /*
     * Call arm_gtimer_update() once CNTPCT >= count; ARM_GT_NO_DEADLINE
     * disarms.  Called only when the deadline changes.
     */
    void (*set_deadline)(void *opaque, ArmGTimerIndex t, uint64_t count);
} ArmGTimerOps;

typedef struct ArmGTimer {
    uint64_t cntfrq;
    uint64_t cntvoff;           /* board-set; call arm_gtimer_update() */
    uint32_t cntkctl;
    struct {
        uint32_t ctl;           /* ENABLE and IMASK; ISTATUS computed */
        uint64_t cval;
        bool level;             /* last output given to set_irq */
        uint64_t deadline;      /* last value given to set_deadline */
    } t[ARM_GT_NUM_TIMERS];
    const ArmGTimerOps *ops;
    void *opaque;
} ArmGTimer;

/* Set up with the counter frequency (Hz) and reset. */
void arm_gtimer_init(ArmGTimer *gt, uint64_t cntfrq, const ArmGTimerOps *ops,
                     void *opaque);

/* CPU reset: timers disabled, outputs low, deadlines disarmed. */
void arm_gtimer_reset(ArmGTimer *gt);

/* Recompute outputs and deadlines (host timer fired, counter jumped). */
void arm_gtimer_update(ArmGTimer *gt);

/* The output level of a timer now: ISTATUS && ENABLE && !IMASK. */
bool arm_gtimer_output(ArmGTimer *gt, ArmGTimerIndex t);

/*
 * May EL0 access reg now (CNTKCTL_EL1.EL0PCTEN/VCTEN/PTEN/VTEN)?
 * ARM_GT_TRAP when disabled, ARM_GT_UNDEF for EL1-only registers.
 * arm_gtimer_read/write apply it themselves at EL0.
 */
ArmGTAccess arm_gtimer_el0_access(const ArmGTimer *gt, ArmGTReg reg);

/* MRS/MSR from el (0 or 1). */
ArmGTAccess arm_gtimer_read(ArmGTimer *gt, ArmGTReg reg, unsigned el,
                            uint64_t *val);
ArmGTAccess arm_gtimer_write(ArmGTimer *gt, ArmGTReg reg, unsigned el,
                             uint64_t val);

/*
 * The register an MRS/MSR encoding names, or -1 if it is not one of
 * these (e.g. CNTFRQ_EL0 is op0 3, op1 3, CRn 14, CRm 0, op2 0).
 */
int arm_gtimer_reg_from_encoding(unsigned op0, unsigned op1, unsigned crn,
                                 unsigned crm, unsigned op2);

/* Conversions for the board: ns -> ticks rounds down, ticks -> ns up. */
uint64_t arm_gtimer_ns_to_ticks(uint64_t freq, uint64_t ns);
uint64_t arm_gtimer_ticks_to_ns(uint64_t freq, uint64_t ticks);

#endif
