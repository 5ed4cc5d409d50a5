/*
 * test-gtimer.c: the generic timer registers (target-arm/gtimer.c) with
 * a counter the test sets by hand and hooks that record the output
 * levels and the deadlines.
 *
 * Expected values from Arm ARM D11: the condition is CNTxCT >= CVAL as
 * 64-bit unsigned numbers; CTL = ENABLE (bit 0) | IMASK (bit 1) | ISTATUS
 * (bit 2); TVAL reads (CVAL - count)[31:0] and a write sets CVAL = count
 * + SignExtend(TVAL[31:0]); CNTVCT = CNTPCT - CNTVOFF; CNTKCTL_EL1
 * EL0PCTEN (0), EL0VCTEN (1), EL0VTEN (8), EL0PTEN (9) gate EL0 access.
 */
#include "target-arm/gtimer.h"
#include "tests/unit/tap.h"

#define FREQ 62500000u      /* the virt board's 62.5 MHz: 16 ns a tick */

static uint64_t now;
static bool level[2];
static int irq_calls[2];
static uint64_t deadline[2] = { ARM_GT_NO_DEADLINE, ARM_GT_NO_DEADLINE };
static int deadline_calls[2];

static uint64_t fake_counter(void *opaque)
{
    (void)opaque;
    return now;
}

static void fake_set_irq(void *opaque, ArmGTimerIndex t, bool l)
{
    (void)opaque;
    level[t] = l;
    irq_calls[t]++;
}

static void fake_set_deadline(void *opaque, ArmGTimerIndex t, uint64_t c)
{
    (void)opaque;
    deadline[t] = c;
    deadline_calls[t]++;
}

static const ArmGTimerOps ops = {
    .counter = fake_counter,
    .set_irq = fake_set_irq,
    .set_deadline = fake_set_deadline,
};

static ArmGTimer gt;

static uint64_t rd(ArmGTReg reg)
{
    uint64_t v = 0xbadbadbad;

    if (arm_gtimer_read(&gt, reg, 1, &v) != ARM_GT_OK) {
        tap_diag("read of %d refused at EL1", reg);
    }
    return v;
}

static void wr(ArmGTReg reg, uint64_t v)
{
    if (arm_gtimer_write(&gt, reg, 1, v) != ARM_GT_OK) {
        tap_diag("write of %d refused at EL1", reg);
    }
}

static void check(const char *what, uint64_t got, uint64_t want)
{
    if (!tap_report(got == want, "%s", what)) {
        tap_diag("got 0x%llx, want 0x%llx", (unsigned long long)got,
                 (unsigned long long)want);
    }
}

static void test_counters(void)
{
    now = 1000;
    arm_gtimer_init(&gt, FREQ, &ops, NULL);
    arm_gtimer_reset(&gt);
    tap_report(irq_calls[0] + irq_calls[1] + deadline_calls[0]
               + deadline_calls[1] == 0,
               "reset: outputs low, nothing armed, no hook calls");
    check("CNTFRQ = 62500000", rd(ARM_GT_CNTFRQ), FREQ);
    check("CNTPCT = counter", rd(ARM_GT_CNTPCT), 1000);
    check("CNTVCT = CNTPCT with CNTVOFF 0", rd(ARM_GT_CNTVCT), 1000);
    gt.cntvoff = 100;
    check("CNTVCT = CNTPCT - CNTVOFF (100)", rd(ARM_GT_CNTVCT), 900);
    gt.cntvoff = 0;
    check("CNTP_CTL after reset: 0", rd(ARM_GT_CNTP_CTL), 0);
    wr(ARM_GT_CNTFRQ, 0x100000001ULL);
    check("CNTFRQ write at EL1: bits 63:32 RES0", rd(ARM_GT_CNTFRQ), 1);
    wr(ARM_GT_CNTFRQ, FREQ);
}

static void test_phys_timer(void)
{
    now = 1000;
    wr(ARM_GT_CNTP_CVAL, 5000);
    tap_report(deadline_calls[0] == 0 && irq_calls[0] == 0,
               "CVAL while disabled: nothing armed");
    wr(ARM_GT_CNTP_CTL, ARM_GT_CTL_ENABLE);
    check("enable: CTL = 1 (ISTATUS 0)", rd(ARM_GT_CNTP_CTL), 1);
    check("enable: deadline 5000", deadline[0], 5000);
    check("TVAL = CVAL - count = 4000", rd(ARM_GT_CNTP_TVAL), 4000);
    tap_report(!level[0] && irq_calls[0] == 0, "enable: output still low");
    wr(ARM_GT_CNTP_CVAL, 5000);
    tap_report(deadline_calls[0] == 1,
               "same CVAL again: deadline hook not called again");

    now = 4999;
    check("count 4999: ISTATUS 0", rd(ARM_GT_CNTP_CTL), 1);
    tap_report(!arm_gtimer_output(&gt, ARM_GT_PHYS), "count 4999: low");
    now = 5000;
    check("count 5000 = CVAL: ISTATUS 1", rd(ARM_GT_CNTP_CTL), 5);
    tap_report(arm_gtimer_output(&gt, ARM_GT_PHYS), "count 5000: output high");
    arm_gtimer_update(&gt);
    tap_report(level[0] && irq_calls[0] == 1, "update: set_irq(PHYS, 1)");
    check("update: deadline disarmed", deadline[0], ARM_GT_NO_DEADLINE);

    now = 5010;
    check("TVAL 10 ticks late: 0xfffffff6 (-10, 32 bits)",
          rd(ARM_GT_CNTP_TVAL), 0xfffffff6);

    wr(ARM_GT_CNTP_CTL, ARM_GT_CTL_ENABLE | ARM_GT_CTL_IMASK);
    tap_report(!level[0], "IMASK: output falls");
    check("IMASK: ISTATUS still reads 1, CTL = 7", rd(ARM_GT_CNTP_CTL), 7);
    check("IMASK: no deadline", deadline[0], ARM_GT_NO_DEADLINE);
    wr(ARM_GT_CNTP_CTL, ARM_GT_CTL_ENABLE | ARM_GT_CTL_ISTATUS);
    tap_report(level[0], "unmask (ISTATUS write ignored): output high again");
    check("CTL ignores the ISTATUS write", rd(ARM_GT_CNTP_CTL), 5);
    wr(ARM_GT_CNTP_CTL, 0);
    check("disable: CTL = 0, ISTATUS hidden", rd(ARM_GT_CNTP_CTL), 0);
    tap_report(!level[0], "disable: output low");

    /* re-arm in the future */
    wr(ARM_GT_CNTP_CTL, ARM_GT_CTL_ENABLE);
    tap_report(level[0], "re-enable with CVAL passed: high at once");
    wr(ARM_GT_CNTP_CVAL, 6000);
    tap_report(!level[0] && deadline[0] == 6000,
               "new CVAL in the future: low, deadline 6000");
}

static void test_tval(void)
{
    now = 10000;
    wr(ARM_GT_CNTP_CTL, ARM_GT_CTL_ENABLE);
    wr(ARM_GT_CNTP_TVAL, 0xffffff9c);
    check("TVAL -100: CVAL = 9900", rd(ARM_GT_CNTP_CVAL), 9900);
    tap_report(level[0], "TVAL -100: condition met, output high");
    check("TVAL -100 reads back 0xffffff9c", rd(ARM_GT_CNTP_TVAL),
          0xffffff9c);

    wr(ARM_GT_CNTP_TVAL, 0xffffffff00000010ULL);
    check("TVAL 16 with garbage in 63:32: CVAL = 10016",
          rd(ARM_GT_CNTP_CVAL), 10016);
    tap_report(!level[0] && deadline[0] == 10016, "TVAL 16: low, deadline");

    wr(ARM_GT_CNTP_TVAL, 0x7fffffff);
    check("TVAL 0x7fffffff: CVAL = 0x8000270f", rd(ARM_GT_CNTP_CVAL),
          0x8000270fULL);

    wr(ARM_GT_CNTP_TVAL, 0x80000000);
    check("TVAL -2^31 at count 10000: CVAL wraps to 0xffffffff80002710",
          rd(ARM_GT_CNTP_CVAL), 0xffffffff80002710ULL);
    check("CTL: wrapped CVAL is far ahead, ISTATUS 0", rd(ARM_GT_CNTP_CTL), 1);
    check("TVAL reads 0x80000000", rd(ARM_GT_CNTP_TVAL), 0x80000000);
    check("deadline = wrapped CVAL", deadline[0], 0xffffffff80002710ULL);

    wr(ARM_GT_CNTP_CTL, 0);
}

static void test_virt_timer(void)
{
    now = 20000;
    gt.cntvoff = 1000;
    check("CNTVCT = 19000", rd(ARM_GT_CNTVCT), 19000);
    wr(ARM_GT_CNTV_CVAL, 19500);
    wr(ARM_GT_CNTV_CTL, ARM_GT_CTL_ENABLE);
    check("virt deadline in physical count: 20500", deadline[1], 20500);
    check("CNTV_TVAL = 500", rd(ARM_GT_CNTV_TVAL), 500);
    tap_report(!level[1] && !level[0], "virt: both outputs low");
    now = 20500;
    arm_gtimer_update(&gt);
    tap_report(level[1] && !level[0], "count 20500: virt high, phys low");
    check("CNTV_CTL = 5", rd(ARM_GT_CNTV_CTL), 5);

    /* CVAL - CNTVCT past 2^64 from now: never reached */
    wr(ARM_GT_CNTV_CVAL, UINT64_MAX);
    check("virt CVAL 2^64-1: deadline 20500 + (2^64-1 - 19500) wraps: none",
          deadline[1], ARM_GT_NO_DEADLINE);
    tap_report(!level[1], "virt CVAL 2^64-1: low");

    /* CNTVOFF above the count: CNTVCT wraps around */
    gt.cntvoff = 30000;
    now = 20000;
    check("CNTVCT = 20000 - 30000 = 2^64 - 10000", rd(ARM_GT_CNTVCT),
          (uint64_t)-10000);
    wr(ARM_GT_CNTV_CVAL, (uint64_t)-4000);
    check("virt deadline: 6000 ticks on, 26000", deadline[1], 26000);
    gt.cntvoff = 0;
    wr(ARM_GT_CNTV_CTL, 0);
    check("virt disabled: no deadline", deadline[1], ARM_GT_NO_DEADLINE);
}

static void test_el0_access(void)
{
    uint64_t v;

    wr(ARM_GT_CNTKCTL, 0xffffffff);
    check("CNTKCTL keeps bits 9:0", rd(ARM_GT_CNTKCTL), 0x3ff);
    wr(ARM_GT_CNTKCTL, 0);
    tap_report(arm_gtimer_read(&gt, ARM_GT_CNTVCT, 0, &v) == ARM_GT_TRAP
               && arm_gtimer_read(&gt, ARM_GT_CNTPCT, 0, &v) == ARM_GT_TRAP
               && arm_gtimer_read(&gt, ARM_GT_CNTFRQ, 0, &v) == ARM_GT_TRAP
               && arm_gtimer_read(&gt, ARM_GT_CNTV_CTL, 0, &v) == ARM_GT_TRAP
               && arm_gtimer_write(&gt, ARM_GT_CNTP_CVAL, 0, 1) == ARM_GT_TRAP,
               "CNTKCTL 0: EL0 counter, frequency and timer accesses trap");
    wr(ARM_GT_CNTKCTL, ARM_CNTKCTL_EL0VCTEN);
    tap_report(arm_gtimer_read(&gt, ARM_GT_CNTVCT, 0, &v) == ARM_GT_OK
               && arm_gtimer_read(&gt, ARM_GT_CNTFRQ, 0, &v) == ARM_GT_OK
               && v == FREQ
               && arm_gtimer_read(&gt, ARM_GT_CNTPCT, 0, &v) == ARM_GT_TRAP
               && arm_gtimer_read(&gt, ARM_GT_CNTV_CTL, 0, &v) == ARM_GT_TRAP,
               "EL0VCTEN (Linux's setting): CNTVCT and CNTFRQ only");
    wr(ARM_GT_CNTKCTL, ARM_CNTKCTL_EL0PCTEN);
    tap_report(arm_gtimer_read(&gt, ARM_GT_CNTPCT, 0, &v) == ARM_GT_OK
               && arm_gtimer_read(&gt, ARM_GT_CNTFRQ, 0, &v) == ARM_GT_OK
               && arm_gtimer_read(&gt, ARM_GT_CNTVCT, 0, &v) == ARM_GT_TRAP,
               "EL0PCTEN: CNTPCT and CNTFRQ only");
    wr(ARM_GT_CNTKCTL, ARM_CNTKCTL_EL0VTEN);
    tap_report(arm_gtimer_write(&gt, ARM_GT_CNTV_CVAL, 0, 7) == ARM_GT_OK
               && arm_gtimer_read(&gt, ARM_GT_CNTV_CVAL, 0, &v) == ARM_GT_OK
               && v == 7
               && arm_gtimer_read(&gt, ARM_GT_CNTP_CTL, 0, &v) == ARM_GT_TRAP,
               "EL0VTEN: CNTV_* at EL0, not CNTP_*");
    wr(ARM_GT_CNTKCTL, ARM_CNTKCTL_EL0PTEN);
    tap_report(arm_gtimer_write(&gt, ARM_GT_CNTP_TVAL, 0, 7) == ARM_GT_OK
               && arm_gtimer_read(&gt, ARM_GT_CNTV_TVAL, 0, &v) == ARM_GT_TRAP,
               "EL0PTEN: CNTP_* at EL0, not CNTV_*");
    wr(ARM_GT_CNTKCTL, 0x3ff);
    tap_report(arm_gtimer_read(&gt, ARM_GT_CNTKCTL, 0, &v) == ARM_GT_UNDEF
               && arm_gtimer_write(&gt, ARM_GT_CNTKCTL, 0, 0) == ARM_GT_UNDEF
               && arm_gtimer_write(&gt, ARM_GT_CNTFRQ, 0, 1) == ARM_GT_UNDEF,
               "EL0: CNTKCTL_EL1 and CNTFRQ writes UNDEFINED");
    tap_report(arm_gtimer_write(&gt, ARM_GT_CNTPCT, 1, 0) == ARM_GT_UNDEF
               && arm_gtimer_write(&gt, ARM_GT_CNTVCT, 1, 0) == ARM_GT_UNDEF,
               "EL1: counters are read-only (UNDEFINED)");
    check("CNTFRQ unchanged by the refused write", rd(ARM_GT_CNTFRQ), FREQ);
    wr(ARM_GT_CNTKCTL, 0);
}

static void test_reset_drops_outputs(void)
{
    now = 50000;
    wr(ARM_GT_CNTV_CVAL, 100);
    wr(ARM_GT_CNTV_CTL, ARM_GT_CTL_ENABLE);
    wr(ARM_GT_CNTP_CVAL, 60000);
    wr(ARM_GT_CNTP_CTL, ARM_GT_CTL_ENABLE);
    tap_report(level[1] && deadline[0] == 60000, "before reset: virt high, "
               "phys armed");
    arm_gtimer_reset(&gt);
    tap_report(!level[0] && !level[1] && deadline[0] == ARM_GT_NO_DEADLINE
               && deadline[1] == ARM_GT_NO_DEADLINE,
               "reset: outputs low, deadlines disarmed");
}

static void test_encodings(void)
{
    tap_report(arm_gtimer_reg_from_encoding(3, 3, 14, 0, 0) == ARM_GT_CNTFRQ
               && arm_gtimer_reg_from_encoding(3, 3, 14, 0, 1) == ARM_GT_CNTPCT
               && arm_gtimer_reg_from_encoding(3, 3, 14, 0, 2) == ARM_GT_CNTVCT,
               "encodings: CNTFRQ, CNTPCT, CNTVCT_EL0");
    tap_report(arm_gtimer_reg_from_encoding(3, 3, 14, 2, 0)
               == ARM_GT_CNTP_TVAL
               && arm_gtimer_reg_from_encoding(3, 3, 14, 2, 1)
               == ARM_GT_CNTP_CTL
               && arm_gtimer_reg_from_encoding(3, 3, 14, 2, 2)
               == ARM_GT_CNTP_CVAL,
               "encodings: CNTP_TVAL, CTL, CVAL_EL0");
    tap_report(arm_gtimer_reg_from_encoding(3, 3, 14, 3, 0)
               == ARM_GT_CNTV_TVAL
               && arm_gtimer_reg_from_encoding(3, 3, 14, 3, 1)
               == ARM_GT_CNTV_CTL
               && arm_gtimer_reg_from_encoding(3, 3, 14, 3, 2)
               == ARM_GT_CNTV_CVAL,
               "encodings: CNTV_TVAL, CTL, CVAL_EL0");
    tap_report(arm_gtimer_reg_from_encoding(3, 0, 14, 1, 0) == ARM_GT_CNTKCTL,
               "encodings: CNTKCTL_EL1");
    tap_report(arm_gtimer_reg_from_encoding(3, 4, 14, 1, 0) == -1
               && arm_gtimer_reg_from_encoding(3, 3, 14, 0, 3) == -1
               && arm_gtimer_reg_from_encoding(2, 3, 14, 0, 0) == -1
               && arm_gtimer_reg_from_encoding(3, 3, 13, 0, 2) == -1,
               "encodings: CNTHCTL_EL2 and neighbours are not ours");
}

static void test_conversions(void)
{
    check("1 s = 62500000 ticks", arm_gtimer_ns_to_ticks(FREQ, 1000000000),
          FREQ);
    check("1 tick = 16 ns", arm_gtimer_ticks_to_ns(FREQ, 1), 16);
    check("15 ns = 0 ticks (down)", arm_gtimer_ns_to_ticks(FREQ, 15), 0);
    check("1 tick at 24 MHz = 42 ns (up from 41.67)",
          arm_gtimer_ticks_to_ns(24000000, 1), 42);
    check("2^63 ns = 2^59 ticks, no overflow",
          arm_gtimer_ns_to_ticks(FREQ, 1ULL << 63), 1ULL << 59);
    check("2^64-1 ticks in ns saturates",
          arm_gtimer_ticks_to_ns(FREQ, UINT64_MAX), UINT64_MAX);
}

int main(void)
{
    test_counters();
    test_phys_timer();
    test_tval();
    test_virt_timer();
    test_el0_access();
    test_reset_drops_outputs();
    test_encodings();
    test_conversions();
    return tap_exit_status();
}
