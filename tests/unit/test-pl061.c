/*
 * test-pl061.c: the PL061 GPIO (hw/gpio/pl061.c) through the memory
 * API: reset values and ID registers from the TRM, GPIODATA's address
 * mask, direction, the output and input lines, edge (rising, falling,
 * both) and level interrupts with masking and clearing, GPIOINTR seen
 * through an IRQ recorder, reset, bad accesses (logged, not fatal), and
 * the power button's press and timed release on the virtual clock.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exec/memory.h"
#include "hw/gpio/pl061.h"
#include "hw/irq.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "tests/unit/tap.h"

#define BASE 0x9030000

/* GPIODATA at the offset whose bits 9:2 are `mask`. */
#define DATA(mask) ((hwaddr)(mask) << 2)

/* ---- the log, captured ---- */

static char *log_buf;
static size_t log_size, log_mark;

static bool log_has(const char *s)
{
    bool found;

    fflush(qemu_logfile);
    found = log_size > log_mark && strstr(log_buf + log_mark, s) != NULL;
    log_mark = log_size;
    return found;
}

static bool log_quiet(void)
{
    bool quiet;

    fflush(qemu_logfile);
    quiet = log_size == log_mark;
    log_mark = log_size;
    return quiet;
}

/* ---- the machine ---- */

static MemoryRegion sysmem;
static AddressSpace as;
static PL061State gpio;
static IRQRecorder intr;
static IRQRecorder out[PL061_NUM_LINES];

static uint32_t rd(hwaddr off)
{
    return address_space_ldl_le(&as, BASE + off, NULL);
}

static void wr(hwaddr off, uint32_t v)
{
    address_space_stl_le(&as, BASE + off, v);
}

static void in(int n, int level)
{
    qemu_set_irq(pl061_in(&gpio, n), level);
}

/* The levels of the 8 output lines as a byte. */
static unsigned out_levels(void)
{
    unsigned v = 0;
    int i;

    for (i = 0; i < PL061_NUM_LINES; i++) {
        v |= (out[i].level != 0) << i;
    }
    return v;
}

/* Every input low, then every register back to reset (no edges left). */
static void quiesce(void)
{
    int i;

    for (i = 0; i < PL061_NUM_LINES; i++) {
        in(i, 0);
    }
    pl061_reset(&gpio);
    irq_recorder_clear_counts(&intr);
}

static void test_reset_values(void)
{
    static const hwaddr regs[] = {
        PL061_DIR, PL061_IS, PL061_IBE, PL061_IEV, PL061_IE,
        PL061_RIS, PL061_MIS, PL061_AFSEL,
    };
    bool ok = true;
    size_t i;

    pl061_init(&gpio, "pl061");
    memory_region_add_subregion(&sysmem, BASE, pl061_mmio(&gpio));
    irq_recorder_init(&intr);
    qemu_irq_connect(&gpio.irq, irq_recorder_line(&intr));
    for (i = 0; i < PL061_NUM_LINES; i++) {
        irq_recorder_init(&out[i]);
        qemu_irq_connect(&gpio.out[i], irq_recorder_line(&out[i]));
    }

    for (i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
        uint32_t v = rd(regs[i]);

        if (v != 0) {
            tap_diag("offset 0x%03x: 0x%x after reset", (unsigned)regs[i], v);
            ok = false;
        }
    }
    tap_report(ok, "reset: DIR IS IBE IEV IE RIS MIS AFSEL all 0");
    tap_report(rd(DATA(0xff)) == 0, "reset: GPIODATA 0 (inputs low)");
    tap_report(intr.level == 0 && out_levels() == 0 && log_quiet(),
               "reset: GPIOINTR and outputs low, nothing logged");
    tap_report(pl061_in(&gpio, -1) == NULL && pl061_in(&gpio, 8) == NULL &&
               pl061_in(&gpio, 7) != NULL, "pl061_in: lines 0..7 only");
}

static void test_id_registers(void)
{
    static const uint32_t id[8] = {
        0x61, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
    };
    bool ok = true;
    int i;

    for (i = 0; i < 8; i++) {
        uint32_t v = rd(0xfe0 + 4 * i);

        if (v != id[i]) {
            tap_diag("ID at 0x%x: 0x%x, want 0x%x", 0xfe0 + 4 * i, v, id[i]);
            ok = false;
        }
    }
    tap_report(ok, "PeriphID 61 10 04 00, PCellID 0d f0 05 b1");
    tap_report(address_space_ldb(&as, BASE + 0xfe0, NULL) == 0x61 &&
               log_quiet(), "byte read of PeriphID0 (Linux's amba probe)");
}

static void test_data_and_direction(void)
{
    quiesce();
    wr(PL061_DIR, 0xf0);
    tap_report(rd(PL061_DIR) == 0xf0, "GPIODIR reads back 0xf0");
    wr(DATA(0xff), 0xa5);
    tap_report(rd(DATA(0xff)) == 0xa0, "data 0xa5, pins 7:4 out: reads 0xa0");
    tap_report(out_levels() == 0xa0, "output lines 7 and 5 high");

    in(0, 1);
    in(2, 1);
    in(7, 0);                   /* an output pin: the input is not seen */
    tap_report(rd(DATA(0xff)) == 0xa5, "inputs 0 and 2 high: reads 0xa5");
    tap_report(rd(DATA(0x81)) == 0x81, "read with mask 0x81: 0x81");
    tap_report(rd(DATA(0x5a)) == 0x00, "read with mask 0x5a: 0");
    tap_report(rd(DATA(0)) == 0, "read with mask 0: 0");

    wr(DATA(0x30), 0xff);
    tap_report(rd(DATA(0xff)) == 0xb5 && out_levels() == 0xb0,
               "write 0xff with mask 0x30 sets bits 5:4 only");
    wr(DATA(0x80), 0x00);
    tap_report(rd(DATA(0xff)) == 0x35 && out_levels() == 0x30 &&
               out[7].falls == 1, "write 0 with mask 0x80: line 7 falls");
    wr(DATA(0), 0x00);
    tap_report(rd(DATA(0xff)) == 0x35, "write with mask 0 changes nothing");

    /* Bit 0 is an input: the write is stored, seen once it is an output. */
    wr(DATA(0x01), 0x00);
    tap_report(rd(DATA(0xff)) == 0x35, "write to an input pin: pin unchanged");
    wr(PL061_DIR, 0xff);
    tap_report(rd(DATA(0xff)) == 0x34 && out_levels() == 0x34,
               "all outputs: the stored 0x34 drives the pins");
    wr(PL061_DIR, 0x00);
    tap_report(rd(DATA(0xff)) == 0x05 && out_levels() == 0,
               "all inputs: pins read the inputs, outputs low");
    address_space_stw_le(&as, BASE + PL061_DIR, 0x1ff);
    tap_report(rd(PL061_DIR) == 0xff &&
               address_space_ldw_le(&as, BASE + PL061_DIR, NULL) == 0xff &&
               log_quiet(), "16-bit access; bits above 7 dropped");
    address_space_stb(&as, BASE + PL061_AFSEL, 0x0c);
    tap_report(rd(PL061_AFSEL) == 0x0c, "GPIOAFSEL stored");
    tap_report(intr.calls > 0 && intr.rises == 0, "no interrupt enabled");
}

static void test_edge_interrupts(void)
{
    quiesce();
    wr(PL061_IEV, 0x05);        /* pin 0 rising, pin 1 falling */
    wr(PL061_IBE, 0x04);        /* pin 2 both edges, whatever IEV says */
    wr(PL061_IE, 0xff);
    tap_report(rd(PL061_RIS) == 0 && intr.level == 0, "armed: nothing yet");

    in(0, 1);
    tap_report(rd(PL061_RIS) == 0x01 && rd(PL061_MIS) == 0x01 &&
               intr.level == 1 && intr.rises == 1,
               "rising edge on pin 0: RIS 0x01, GPIOINTR high");
    in(0, 0);
    tap_report(rd(PL061_RIS) == 0x01 && intr.level == 1,
               "falling edge on a rising pin: still latched");
    wr(PL061_IC, 0x01);
    tap_report(rd(PL061_RIS) == 0 && intr.level == 0,
               "GPIOIC 0x01 clears it, GPIOINTR low");

    in(1, 1);
    tap_report(rd(PL061_RIS) == 0, "rising edge on a falling pin: nothing");
    in(1, 0);
    tap_report(rd(PL061_RIS) == 0x02 && intr.level == 1,
               "falling edge on pin 1: RIS 0x02");
    in(2, 1);
    tap_report(rd(PL061_RIS) == 0x06, "both-edges pin 2 rises: RIS 0x06");
    wr(PL061_IC, 0x04);
    tap_report(rd(PL061_RIS) == 0x02, "GPIOIC 0x04 leaves pin 1 latched");
    in(2, 0);
    tap_report(rd(PL061_RIS) == 0x06, "both-edges pin 2 falls: latched again");
    in(2, 0);
    tap_report(rd(PL061_RIS) == 0x06, "same level again: no edge");

    wr(PL061_IE, 0x01);
    tap_report(rd(PL061_RIS) == 0x06 && rd(PL061_MIS) == 0 &&
               intr.level == 0, "masked: RIS kept, MIS 0, GPIOINTR low");
    wr(PL061_IE, 0x04);
    tap_report(rd(PL061_MIS) == 0x04 && intr.level == 1,
               "unmasking pin 2: MIS 0x04, GPIOINTR high");
    wr(PL061_IC, 0xff);
    tap_report(rd(PL061_RIS) == 0 && intr.level == 0, "GPIOIC 0xff: all clear");

    /* An output pin's own transitions are events too. */
    wr(PL061_IE, 0x08);
    wr(PL061_IEV, 0x08);
    wr(PL061_DIR, 0x08);
    wr(DATA(0x08), 0x08);
    tap_report(rd(PL061_RIS) == 0x08 && intr.level == 1,
               "output pin 3 driven high: rising edge latched");
    wr(PL061_IC, 0x08);
    wr(DATA(0x08), 0x00);
    tap_report(rd(PL061_RIS) == 0, "driven low: no event on a rising pin");
    tap_report(log_quiet(), "nothing logged");
}

static void test_level_interrupts(void)
{
    quiesce();
    wr(PL061_IS, 0x30);         /* pins 4 and 5 level */
    wr(PL061_IEV, 0x10);        /* pin 4 high, pin 5 low */
    tap_report(rd(PL061_RIS) == 0x20 && intr.level == 0,
               "low-level pin 5 with input low: RIS 0x20 (masked)");
    wr(PL061_IE, 0x10);
    in(4, 1);
    tap_report(rd(PL061_RIS) == 0x30 && rd(PL061_MIS) == 0x10 &&
               intr.level == 1, "high-level pin 4 high: MIS 0x10");
    wr(PL061_IC, 0x30);
    tap_report(rd(PL061_RIS) == 0x30 && intr.level == 1,
               "GPIOIC does not clear level interrupts");
    in(4, 0);
    tap_report(rd(PL061_RIS) == 0x20 && intr.level == 0,
               "pin 4 low: its RIS bit follows, GPIOINTR low");
    wr(PL061_IEV, 0x00);
    tap_report(rd(PL061_RIS) == 0x30 && intr.level == 1,
               "IEV makes pin 4 low-level: asserted at once");
    wr(PL061_IE, 0x00);
    tap_report(intr.level == 0, "GPIOIE 0: GPIOINTR low");

    /* Edges latched before a switch to level sensitivity are dropped. */
    quiesce();
    wr(PL061_IEV, 0x40);
    in(6, 1);
    tap_report(rd(PL061_RIS) == 0x40, "pin 6 edge latched");
    wr(PL061_IS, 0x40);
    tap_report(rd(PL061_RIS) == 0x40, "now high-level, input high: 1");
    in(6, 0);
    tap_report(rd(PL061_RIS) == 0, "level pin 6 low: 0");
    in(6, 1);
    in(6, 0);
    wr(PL061_IS, 0x00);
    tap_report(rd(PL061_RIS) == 0,
               "back to edge: no stale edge, none seen while level");
    tap_report(log_quiet(), "nothing logged");
}

static void test_reset(void)
{
    quiesce();
    wr(PL061_DIR, 0x0f);
    wr(DATA(0xff), 0xff);
    in(5, 1);
    wr(PL061_IE, 0xff);
    wr(PL061_IEV, 0xff);
    in(6, 1);
    tap_report(intr.level == 1 && out_levels() == 0x0f, "before reset");
    pl061_reset(&gpio);
    tap_report(rd(PL061_DIR) == 0 && rd(PL061_IE) == 0 &&
               rd(PL061_IEV) == 0 && rd(PL061_RIS) == 0 &&
               intr.level == 0 && out_levels() == 0,
               "reset: registers 0, GPIOINTR and outputs low");
    tap_report(rd(DATA(0xff)) == 0x60, "reset: inputs survive (0x60)");
    wr(PL061_IE, 0xff);
    tap_report(rd(PL061_RIS) == 0 && intr.level == 0,
               "the reset's own pin changes are not edges");
    wr(PL061_DIR, 0xff);
    tap_report(rd(DATA(0xff)) == 0, "reset cleared the output register");
}

static void test_bad_accesses(void)
{
    quiesce();
    wr(PL061_DIR, 0x12);
    log_quiet();
    tap_report(address_space_ldb(&as, BASE + PL061_DIR + 1, NULL) == 0 &&
               log_has("bad 1-byte read at offset 0x401"),
               "unaligned byte read: 0, logged");
    address_space_stb(&as, BASE + PL061_DIR + 2, 0xff);
    tap_report(rd(PL061_DIR) == 0x12 && log_has("bad 1-byte write"),
               "unaligned byte write ignored, logged");
    tap_report(address_space_ldq_le(&as, BASE + PL061_DIR, NULL) == 0 &&
               !log_quiet(), "64-bit read refused, logged");
    tap_report(rd(0x424) == 0 && log_has("bad offset 0x424"),
               "0x424 reads 0, logged");
    wr(0x800, 5);
    tap_report(log_has("bad offset 0x800"), "write to 0x800 logged");
    wr(PL061_RIS, 0xff);
    tap_report(log_has("read-only offset 0x414") && rd(PL061_RIS) == 0,
               "write to GPIORIS logged, ignored");
    wr(PL061_MIS, 0xff);
    tap_report(log_has("read-only offset 0x418"), "write to GPIOMIS logged");
    tap_report(rd(PL061_IC) == 0 && log_has("write-only GPIOIC"),
               "read of GPIOIC logged");
    wr(0xfe0, 0);
    tap_report(rd(0xfe0) == 0x61 && log_has("read-only offset 0xfe0"),
               "ID write logged, ignored");
    tap_report(rd(PL061_DIR) == 0x12, "GPIODIR survived all that");
}

static void wait_virtual_ns(int64_t until)
{
    struct timespec ts = { 0, 5 * 1000 * 1000 };

    while (qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) < until) {
        nanosleep(&ts, NULL);
    }
}

static void test_power_button(void)
{
    int64_t t0, first;

    quiesce();
    /* What Linux's gpio-pl061 does for an IRQ_TYPE_EDGE_BOTH key. */
    wr(PL061_IBE, 0x08);
    wr(PL061_IE, 0x08);

    /* The virtual clock has never started: it stays at 0. */
    t0 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    pl061_press_button(&gpio, 3);
    tap_report(rd(DATA(0x08)) == 0x08 && rd(PL061_MIS) == 0x08 &&
               intr.level == 1, "press: pin 3 high, GPIOINTR high");
    tap_report(timer_pending(&gpio.button_timer) &&
               timer_expire_time_ns(&gpio.button_timer) ==
               t0 + PL061_BUTTON_PRESS_NS, "release armed 100 ms ahead");
    wr(PL061_IC, 0x08);
    tap_report(intr.level == 0, "the driver acks the press");
    qemu_timers_run();
    tap_report(rd(DATA(0x08)) == 0x08 && timer_pending(&gpio.button_timer),
               "clock stopped: still pressed");

    /* A second press pushes the release back. */
    qemu_clock_virtual_start();
    wait_virtual_ns(t0 + 20 * 1000 * 1000);
    qemu_clock_virtual_stop();
    first = timer_expire_time_ns(&gpio.button_timer);
    pl061_press_button(&gpio, 3);
    tap_report(timer_expire_time_ns(&gpio.button_timer) ==
               qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + PL061_BUTTON_PRESS_NS &&
               timer_expire_time_ns(&gpio.button_timer) > first &&
               rd(PL061_RIS) == 0, "second press: release later, no edge");

    qemu_clock_virtual_start();
    wait_virtual_ns(timer_expire_time_ns(&gpio.button_timer));
    qemu_timers_run();
    qemu_clock_virtual_stop();
    tap_report(rd(DATA(0x08)) == 0 && !timer_pending(&gpio.button_timer),
               "100 ms later: released, pin 3 low");
    tap_report(rd(PL061_RIS) == 0x08 && intr.level == 1,
               "the release is a (falling) edge: GPIOINTR high");
    wr(PL061_IC, 0x08);

    pl061_press_button(&gpio, 8);
    pl061_press_button(&gpio, -1);
    tap_report(rd(DATA(0xff)) == 0 && !timer_pending(&gpio.button_timer) &&
               intr.level == 0, "out-of-range lines ignored");

    pl061_press_button(&gpio, 3);
    memory_region_del_subregion(&sysmem, pl061_mmio(&gpio));
    pl061_destroy(&gpio);
    tap_report(!timer_pending(&gpio.button_timer),
               "destroy cancels a pending release");
}

int main(void)
{
    qemu_logfile = open_memstream(&log_buf, &log_size);
    qemu_set_log(LOG_GUEST_ERROR | LOG_UNIMP);
    memory_region_init_container(&sysmem, "system", MEMORY_SIZE_ALL);
    address_space_init(&as, &sysmem, "memory");

    test_reset_values();
    test_id_registers();
    test_data_and_direction();
    test_edge_interrupts();
    test_level_interrupts();
    test_reset();
    test_bad_accesses();
    test_power_button();

    address_space_destroy(&as);
    memory_region_destroy(&sysmem);
    qemu_set_log(0);
    fclose(qemu_logfile);
    qemu_logfile = NULL;
    free(log_buf);
    return tap_exit_status();
}
