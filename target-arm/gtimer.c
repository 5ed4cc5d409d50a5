/*
 * gtimer.c: the EL0/EL1 view of the Arm generic timer (Arm ARM D11).
 * See gtimer.h for the API and the board's hooks.
 */
#include <string.h>

#include "target-arm/gtimer.h"

static uint64_t phys_count(ArmGTimer *gt)
{
    return gt->ops->counter(gt->opaque);
}

/* The count timer t compares against: CNTPCT or CNTVCT. */
static uint64_t timer_count(ArmGTimer *gt, ArmGTimerIndex t, uint64_t pct)
{
    return t == ARM_GT_VIRT ? pct - gt->cntvoff : pct;
}

static bool condition_met(ArmGTimer *gt, ArmGTimerIndex t, uint64_t pct)
{
    return timer_count(gt, t, pct) >= gt->t[t].cval;
}

static uint32_t read_ctl(ArmGTimer *gt, ArmGTimerIndex t, uint64_t pct)
{
    uint32_t ctl = gt->t[t].ctl & (ARM_GT_CTL_ENABLE | ARM_GT_CTL_IMASK);

    if ((ctl & ARM_GT_CTL_ENABLE) && condition_met(gt, t, pct)) {
        ctl |= ARM_GT_CTL_ISTATUS;
    }
    return ctl;
}

static void update_timer(ArmGTimer *gt, ArmGTimerIndex t, uint64_t pct)
{
    uint32_t ctl = read_ctl(gt, t, pct);
    bool level = (ctl & ARM_GT_CTL_ISTATUS) && !(ctl & ARM_GT_CTL_IMASK);
    uint64_t deadline = ARM_GT_NO_DEADLINE;

    if ((ctl & ARM_GT_CTL_ENABLE) && !(ctl & ARM_GT_CTL_IMASK) && !level) {
        /*
         * Not met yet, so count < CVAL: the count reaches CVAL after
         * CVAL - count more ticks (before it could wrap), at physical
         * count pct + that.  A sum past 2^64 is never reached.
         */
        uint64_t d = pct + (gt->t[t].cval - timer_count(gt, t, pct));
        deadline = d < pct ? ARM_GT_NO_DEADLINE : d;
    }
    if (level != gt->t[t].level) {
        gt->t[t].level = level;
        if (gt->ops->set_irq) {
            gt->ops->set_irq(gt->opaque, t, level);
        }
    }
    if (deadline != gt->t[t].deadline) {
        gt->t[t].deadline = deadline;
        if (gt->ops->set_deadline) {
            gt->ops->set_deadline(gt->opaque, t, deadline);
        }
    }
}

void arm_gtimer_update(ArmGTimer *gt)
{
    uint64_t pct = phys_count(gt);

    update_timer(gt, ARM_GT_PHYS, pct);
    update_timer(gt, ARM_GT_VIRT, pct);
}

void arm_gtimer_init(ArmGTimer *gt, uint64_t cntfrq, const ArmGTimerOps *ops,
                     void *opaque)
{
    memset(gt, 0, sizeof(*gt));
    gt->cntfrq = cntfrq;
    gt->ops = ops;
    gt->opaque = opaque;
    for (int t = 0; t < ARM_GT_NUM_TIMERS; t++) {
        gt->t[t].deadline = ARM_GT_NO_DEADLINE;
    }
}

void arm_gtimer_reset(ArmGTimer *gt)
{
    gt->cntkctl = 0;
    for (int t = 0; t < ARM_GT_NUM_TIMERS; t++) {
        gt->t[t].ctl = 0;
        gt->t[t].cval = 0;
    }
    arm_gtimer_update(gt);
}

bool arm_gtimer_output(ArmGTimer *gt, ArmGTimerIndex t)
{
    uint32_t ctl = read_ctl(gt, t, phys_count(gt));

    return (ctl & ARM_GT_CTL_ISTATUS) && !(ctl & ARM_GT_CTL_IMASK);
}

/* CNTKCTL_EL1's EL0 controls (Arm ARM D11.2.4 and the register pages). */
ArmGTAccess arm_gtimer_el0_access(const ArmGTimer *gt, ArmGTReg reg)
{
    uint32_t k = gt->cntkctl;
    bool ok;

    switch (reg) {
    case ARM_GT_CNTFRQ:
        ok = k & (ARM_CNTKCTL_EL0PCTEN | ARM_CNTKCTL_EL0VCTEN);
        break;
    case ARM_GT_CNTPCT:
        ok = k & ARM_CNTKCTL_EL0PCTEN;
        break;
    case ARM_GT_CNTVCT:
        ok = k & ARM_CNTKCTL_EL0VCTEN;
        break;
    case ARM_GT_CNTP_CTL:
    case ARM_GT_CNTP_CVAL:
    case ARM_GT_CNTP_TVAL:
        ok = k & ARM_CNTKCTL_EL0PTEN;
        break;
    case ARM_GT_CNTV_CTL:
    case ARM_GT_CNTV_CVAL:
    case ARM_GT_CNTV_TVAL:
        ok = k & ARM_CNTKCTL_EL0VTEN;
        break;
    default:
        return ARM_GT_UNDEF;        /* CNTKCTL_EL1 is an EL1 register */
    }
    return ok ? ARM_GT_OK : ARM_GT_TRAP;
}

ArmGTAccess arm_gtimer_read(ArmGTimer *gt, ArmGTReg reg, unsigned el,
                            uint64_t *val)
{
    ArmGTimerIndex t = reg >= ARM_GT_CNTV_CTL ? ARM_GT_VIRT : ARM_GT_PHYS;
    uint64_t pct;

    if (el == 0) {
        ArmGTAccess a = arm_gtimer_el0_access(gt, reg);
        if (a != ARM_GT_OK) {
            return a;
        }
    }
    pct = phys_count(gt);
    switch (reg) {
    case ARM_GT_CNTFRQ:
        *val = gt->cntfrq;
        break;
    case ARM_GT_CNTPCT:
        *val = pct;
        break;
    case ARM_GT_CNTVCT:
        *val = pct - gt->cntvoff;
        break;
    case ARM_GT_CNTP_CTL:
    case ARM_GT_CNTV_CTL:
        *val = read_ctl(gt, t, pct);
        break;
    case ARM_GT_CNTP_CVAL:
    case ARM_GT_CNTV_CVAL:
        *val = gt->t[t].cval;
        break;
    case ARM_GT_CNTP_TVAL:
    case ARM_GT_CNTV_TVAL:
        *val = (uint32_t)(gt->t[t].cval - timer_count(gt, t, pct));
        break;
    case ARM_GT_CNTKCTL:
        *val = gt->cntkctl;
        break;
    default:
        return ARM_GT_UNDEF;
    }
    return ARM_GT_OK;
}

ArmGTAccess arm_gtimer_write(ArmGTimer *gt, ArmGTReg reg, unsigned el,
                             uint64_t val)
{
    ArmGTimerIndex t = reg >= ARM_GT_CNTV_CTL ? ARM_GT_VIRT : ARM_GT_PHYS;

    if (reg == ARM_GT_CNTPCT || reg == ARM_GT_CNTVCT) {
        return ARM_GT_UNDEF;        /* read-only: no MSR encoding */
    }
    if (el == 0) {
        ArmGTAccess a;
        if (reg == ARM_GT_CNTFRQ) {
            return ARM_GT_UNDEF;    /* writable only at the highest EL */
        }
        a = arm_gtimer_el0_access(gt, reg);
        if (a != ARM_GT_OK) {
            return a;
        }
    }
    switch (reg) {
    case ARM_GT_CNTFRQ:
        gt->cntfrq = (uint32_t)val;     /* bits 63:32 RES0 */
        return ARM_GT_OK;
    case ARM_GT_CNTKCTL:
        gt->cntkctl = val & ARM_CNTKCTL_MASK;
        return ARM_GT_OK;
    case ARM_GT_CNTP_CTL:
    case ARM_GT_CNTV_CTL:
        gt->t[t].ctl = val & (ARM_GT_CTL_ENABLE | ARM_GT_CTL_IMASK);
        break;
    case ARM_GT_CNTP_CVAL:
    case ARM_GT_CNTV_CVAL:
        gt->t[t].cval = val;
        break;
    case ARM_GT_CNTP_TVAL:
    case ARM_GT_CNTV_TVAL:
        gt->t[t].cval = timer_count(gt, t, phys_count(gt))
                        + (uint64_t)(int64_t)(int32_t)(uint32_t)val;
        break;
    default:
        return ARM_GT_UNDEF;
    }
    update_timer(gt, t, phys_count(gt));
    return ARM_GT_OK;
}

int arm_gtimer_reg_from_encoding(unsigned op0, unsigned op1, unsigned crn,
                                 unsigned crm, unsigned op2)
{
    if (op0 != 3 || crn != 14) {
        return -1;
    }
    if (op1 == 0) {
        return crm == 1 && op2 == 0 ? ARM_GT_CNTKCTL : -1;
    }
    if (op1 != 3) {
        return -1;
    }
    switch (crm << 3 | op2) {
    case 0 << 3 | 0:
        return ARM_GT_CNTFRQ;
    case 0 << 3 | 1:
        return ARM_GT_CNTPCT;
    case 0 << 3 | 2:
        return ARM_GT_CNTVCT;
    case 2 << 3 | 0:
        return ARM_GT_CNTP_TVAL;
    case 2 << 3 | 1:
        return ARM_GT_CNTP_CTL;
    case 2 << 3 | 2:
        return ARM_GT_CNTP_CVAL;
    case 3 << 3 | 0:
        return ARM_GT_CNTV_TVAL;
    case 3 << 3 | 1:
        return ARM_GT_CNTV_CTL;
    case 3 << 3 | 2:
        return ARM_GT_CNTV_CVAL;
    default:
        return -1;
    }
}

uint64_t arm_gtimer_ns_to_ticks(uint64_t freq, uint64_t ns)
{
    return (uint64_t)((unsigned __int128)ns * freq / 1000000000u);
}

uint64_t arm_gtimer_ticks_to_ns(uint64_t freq, uint64_t ticks)
{
    unsigned __int128 ns;

    if (freq == 0) {
        return UINT64_MAX;
    }
    ns = ((unsigned __int128)ticks * 1000000000u + freq - 1) / freq;
    return ns > UINT64_MAX ? UINT64_MAX : (uint64_t)ns;
}
