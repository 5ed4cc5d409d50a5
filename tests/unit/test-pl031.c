/*
 * test-pl031.c: the PL031 RTC (hw/rtc/pl031.c) through the memory API,
 * on a fake clock: reset values and ID registers from the TRM, the
 * counter following the clock (also before 0 and across the 2^32
 * wrap), RTCLR loads, the match interrupt armed through the timer hook
 * and raised by its expiry, masking and clearing, and bad accesses.
 */
#include <stdlib.h>
#include <string.h>

#include "exec/memory.h"
#include "hw/irq.h"
#include "hw/rtc/pl031.h"
#include "qemu/log.h"
#include "tests/unit/tap.h"

#define BASE 0x9010000
#define SEC PL031_NS_PER_SEC

/* ---- the fake clock and timer ---- */

static int64_t clock_ns;
static int64_t armed_ns;
static unsigned arm_calls;

static int64_t fake_now(void *opaque)
{
    (void)opaque;
    return clock_ns;
}

static void fake_arm(void *opaque, int64_t deadline_ns)
{
    (void)opaque;
    armed_ns = deadline_ns;
    arm_calls++;
}

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
static PL031State rtc;
static IRQRecorder line;

static uint32_t rd(hwaddr off)
{
    return address_space_ldl_le(&as, BASE + off, NULL);
}

static void wr(hwaddr off, uint32_t v)
{
    address_space_stl_le(&as, BASE + off, v);
}

static void test_reset_values(void)
{
    clock_ns = 1000 * SEC + SEC / 2;            /* 1000.5 s */
    pl031_init(&rtc, "pl031", fake_now, fake_arm, NULL);
    memory_region_add_subregion(&sysmem, BASE, pl031_mmio(&rtc));
    irq_recorder_init(&line);
    qemu_irq_connect(&rtc.irq, irq_recorder_line(&line));

    tap_report(rd(PL031_DR) == 1000, "RTCDR = whole seconds of the clock");
    tap_report(rd(PL031_MR) == 0, "reset: RTCMR 0");
    tap_report(rd(PL031_LR) == 0, "reset: RTCLR 0");
    tap_report(rd(PL031_CR) == 1, "RTCCR: started (reads 1)");
    tap_report(rd(PL031_IMSC) == 0 && rd(PL031_RIS) == 0 &&
               rd(PL031_MIS) == 0, "reset: IMSC, RIS, MIS 0");
    /* RTCMR 0 from 1000: 2^32 - 1000 s ahead. */
    tap_report(armed_ns == (int64_t)((1ull << 32)) * SEC,
               "reset arms the match at the wrap to RTCMR 0");
    tap_report(line.level == 0 && log_quiet(), "line low, nothing logged");
}

static void test_id_registers(void)
{
    static const uint32_t id[8] = {
        0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
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
    tap_report(ok, "PeriphID 31 10 14 00, PCellID 0d f0 05 b1");
}

static void test_time_advance(void)
{
    clock_ns = 1002 * SEC + 9 * SEC / 10;       /* 1002.9 s */
    tap_report(rd(PL031_DR) == 1002, "2.4 s later: 1002");
    clock_ns = 1003 * SEC;
    tap_report(rd(PL031_DR) == 1003, "on the second: 1003");
    clock_ns = -1;
    tap_report(rd(PL031_DR) == 0xffffffff, "1 ns before 0: 0xffffffff");
    clock_ns = -SEC;
    tap_report(rd(PL031_DR) == 0xffffffff, "-1 s exactly: 0xffffffff");
    clock_ns = -SEC - 1;
    tap_report(rd(PL031_DR) == 0xfffffffe, "-1 s - 1 ns: 0xfffffffe");
}

static void test_load(void)
{
    unsigned calls;

    clock_ns = 1000 * SEC + SEC / 2;
    calls = arm_calls;
    wr(PL031_LR, 5000);
    tap_report(rd(PL031_DR) == 5000 && rd(PL031_LR) == 5000,
               "RTCLR 5000: RTCDR and RTCLR read 5000");
    tap_report(arm_calls == calls + 1, "RTCLR re-arms the match timer");
    clock_ns = 1002 * SEC + SEC / 10;
    tap_report(rd(PL031_DR) == 5002, "1.6 s later: 5002");
    clock_ns = 1002 * SEC + SEC / 2;
    wr(PL031_LR, 0xfffffffe);
    clock_ns += 2 * SEC;
    tap_report(rd(PL031_DR) == 0, "counter wraps 0xfffffffe + 2 -> 0");
    pl031_set_time(&rtc, 0x12345678);
    tap_report(rd(PL031_DR) == 0x12345678 && rd(PL031_LR) == 0xfffffffe,
               "pl031_set_time sets RTCDR, not RTCLR");
}

static void test_match(void)
{
    clock_ns = 1000 * SEC + SEC / 2;
    wr(PL031_LR, 5000);
    wr(PL031_MR, 5003);
    tap_report(rd(PL031_MR) == 5003, "RTCMR reads back");
    tap_report(armed_ns == 1003 * SEC, "match armed at 1003 s");

    clock_ns = 1002 * SEC;                      /* early expiry */
    pl031_timer_expired(&rtc);
    tap_report(rd(PL031_RIS) == 0 && armed_ns == 1003 * SEC,
               "early expiry: no match, re-armed at 1003 s");

    clock_ns = 1003 * SEC;
    pl031_timer_expired(&rtc);
    tap_report(rd(PL031_DR) == 5003 && rd(PL031_RIS) == 1,
               "at 5003: RTCRIS 1");
    tap_report(rd(PL031_MIS) == 0 && line.level == 0,
               "masked: RTCMIS 0, line low");
    tap_report(armed_ns == (1003 + (int64_t)(1ull << 32)) * SEC,
               "after the match: next one 2^32 s later");
    wr(PL031_IMSC, 0xff);
    tap_report(rd(PL031_IMSC) == 1, "RTCIMSC keeps bit 0");
    tap_report(rd(PL031_MIS) == 1 && line.level == 1 && line.rises == 1,
               "unmasked: RTCMIS 1, RTCINTR high");
    wr(PL031_ICR, 1);
    tap_report(rd(PL031_RIS) == 0 && line.level == 0,
               "RTCICR clears, line low");

    /* With the interrupt enabled first. */
    clock_ns = 1010 * SEC + 3;                  /* counter 5010 */
    wr(PL031_MR, 5012);
    tap_report(armed_ns == 1012 * SEC, "match 2 s ahead: 1012 s");
    clock_ns = 1012 * SEC + 250;                /* the timer runs late */
    pl031_timer_expired(&rtc);
    tap_report(line.level == 1 && line.rises == 2,
               "late expiry still matches, line high");
    wr(PL031_ICR, 1);

    /* RTCMR equal to the counter: next step onto it is at the wrap. */
    wr(PL031_MR, rd(PL031_DR));
    tap_report(armed_ns == (1012 + (int64_t)(1ull << 32)) * SEC,
               "RTCMR == RTCDR: armed at the wrap, not now");
    tap_report(rd(PL031_RIS) == 0, "RTCMR == RTCDR: no match at once");

    /* Across the wrap. */
    clock_ns = 2000 * SEC;
    wr(PL031_LR, 0xffffffff);
    wr(PL031_MR, 1);
    tap_report(armed_ns == 2002 * SEC, "match across the wrap: 2 s");
    wr(PL031_LR, 0);
    tap_report(armed_ns == 2001 * SEC, "RTCLR moves the deadline: 1 s");
}

static void test_reset_keeps_time(void)
{
    clock_ns = 3000 * SEC;
    wr(PL031_LR, 777);
    wr(PL031_MR, 780);
    wr(PL031_IMSC, 1);
    clock_ns = 3003 * SEC;
    pl031_timer_expired(&rtc);
    tap_report(line.level == 1, "matched before reset");
    pl031_reset(&rtc);
    tap_report(rd(PL031_DR) == 780, "reset keeps the time");
    tap_report(rd(PL031_MR) == 0 && rd(PL031_LR) == 0 &&
               rd(PL031_IMSC) == 0 && rd(PL031_RIS) == 0 &&
               line.level == 0, "reset clears MR, LR, IMSC, RIS; line low");
    wr(PL031_CR, 0);
    tap_report(rd(PL031_CR) == 1 && log_quiet(),
               "RTCCR write 0 ignored (started for good)");
}

static void test_bad_accesses(void)
{
    uint32_t mr;

    wr(PL031_MR, 0x1234);
    mr = rd(PL031_MR);
    log_quiet();
    tap_report(address_space_ldb(&as, BASE + PL031_DR, NULL) == 0 &&
               log_has("bad 1-byte read at offset 0x0"),
               "byte read of RTCDR: 0, logged");
    address_space_stw_le(&as, BASE + PL031_MR, 0);
    tap_report(rd(PL031_MR) == mr && log_has("bad 2-byte write"),
               "16-bit write of RTCMR ignored, logged");
    tap_report(address_space_ldq_le(&as, BASE + PL031_DR, NULL) == 0 &&
               !log_quiet(), "64-bit read refused, logged");
    tap_report(rd(0x020) == 0 && log_has("bad offset 0x020"),
               "reserved 0x020 reads 0, logged");
    wr(0x800, 5);
    tap_report(log_has("bad offset 0x800"), "write to 0x800 logged");
    wr(PL031_DR, 5);
    tap_report(log_has("read-only offset 0x000") && rd(PL031_DR) != 5,
               "write to RTCDR logged, ignored");
    wr(PL031_RIS, 1);
    tap_report(log_has("read-only offset 0x014") && rd(PL031_RIS) == 0,
               "write to RTCRIS logged, ignored");
    tap_report(rd(PL031_ICR) == 0 && log_has("write-only RTCICR"),
               "read of RTCICR logged");
    wr(0xfe0, 0);
    tap_report(rd(0xfe0) == 0x31 && !log_quiet(), "ID write ignored");
}

static void test_no_timer_and_destroy(void)
{
    PL031State r2;

    clock_ns = 50 * SEC;
    pl031_init(&r2, "pl031-notimer", fake_now, NULL, NULL);
    memory_region_add_subregion(&sysmem, BASE + 0x1000, pl031_mmio(&r2));
    address_space_stl_le(&as, BASE + 0x1000 + PL031_MR, 51);
    clock_ns = 51 * SEC;
    pl031_timer_expired(&r2);
    tap_report(address_space_ldl_le(&as, BASE + 0x1000 + PL031_DR, NULL) ==
               51 &&
               address_space_ldl_le(&as, BASE + 0x1000 + PL031_RIS, NULL) ==
               0, "without a timer hook: counts, never matches");
    memory_region_del_subregion(&sysmem, pl031_mmio(&r2));
    pl031_destroy(&r2);

    memory_region_del_subregion(&sysmem, pl031_mmio(&rtc));
    pl031_destroy(&rtc);
    tap_report(armed_ns == -1, "destroy cancels the armed timer");
}

int main(void)
{
    qemu_logfile = open_memstream(&log_buf, &log_size);
    qemu_set_log(LOG_GUEST_ERROR | LOG_UNIMP);
    memory_region_init_container(&sysmem, "system", MEMORY_SIZE_ALL);
    address_space_init(&as, &sysmem, "memory");

    test_reset_values();
    test_id_registers();
    test_time_advance();
    test_load();
    test_match();
    test_reset_keeps_time();
    test_bad_accesses();
    test_no_timer_and_destroy();

    address_space_destroy(&as);
    memory_region_destroy(&sysmem);
    qemu_set_log(0);
    fclose(qemu_logfile);
    qemu_logfile = NULL;
    free(log_buf);
    return tap_exit_status();
}
