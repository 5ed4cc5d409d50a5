/*
 * test-pl011.c: the PL011 UART (hw/char/pl011.c) through the memory
 * API: reset values and ID registers from the TRM (r1p5), register
 * masks, transmission to a recording backend, the receive FIFO and
 * holding register with their flags, trigger levels, overrun, break,
 * loopback (data and modem lines), every interrupt source on
 * recording lines, bad accesses, and the hw/irq.h lines themselves
 * (allocation, split, invert, the recorder).
 */
#include <stdlib.h>
#include <string.h>

#include "exec/memory.h"
#include "hw/char/pl011.h"
#include "hw/irq.h"
#include "qemu/log.h"
#include "tests/unit/tap.h"

#define BASE 0x10000

/* ---- a backend that records the guest's output ---- */

typedef struct TestChr {
    Chardev chr;
    char out[256];
    size_t out_len;
    unsigned accept_calls;
} TestChr;

static int test_chr_write(Chardev *chr, const uint8_t *buf, size_t len)
{
    TestChr *t = chr->opaque;
    size_t i;

    for (i = 0; i < len && t->out_len < sizeof(t->out) - 1; i++) {
        t->out[t->out_len++] = buf[i];
    }
    t->out[t->out_len] = 0;
    return (int)len;
}

static void test_chr_accept(Chardev *chr)
{
    TestChr *t = chr->opaque;

    t->accept_calls++;
}

static const ChardevOps test_chr_ops = {
    .write = test_chr_write,
    .accept_input = test_chr_accept,
};

/* ---- the log, captured ---- */

static char *log_buf;
static size_t log_size, log_mark;

static void log_start(void)
{
    qemu_logfile = open_memstream(&log_buf, &log_size);
    qemu_set_log(LOG_GUEST_ERROR | LOG_UNIMP);
}

/* Whether the log grew by text containing s since the last call. */
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

/* ---- the machine: one UART at BASE, recorders on every output ---- */

static MemoryRegion sysmem;
static AddressSpace as;
static PL011State uart;
static TestChr tchr;
static IRQRecorder line[PL011_NUM_IRQS];

static uint32_t rd(hwaddr off)
{
    return address_space_ldl_le(&as, BASE + off, NULL);
}

static void wr(hwaddr off, uint32_t v)
{
    address_space_stl_le(&as, BASE + off, v);
}

static void push(const char *s)
{
    qemu_chr_be_write(&tchr.chr, (const uint8_t *)s, strlen(s));
}

static void machine_reset(void)
{
    int i;

    pl011_reset(&uart);
    for (i = 0; i < PL011_NUM_IRQS; i++) {
        irq_recorder_clear_counts(&line[i]);
    }
    tchr.out_len = 0;
    tchr.out[0] = 0;
    tchr.accept_calls = 0;
    log_quiet();
}

static void setup(void)
{
    int i;

    memory_region_init_container(&sysmem, "system", MEMORY_SIZE_ALL);
    address_space_init(&as, &sysmem, "memory");
    qemu_chr_init(&tchr.chr, &test_chr_ops, "serial0", &tchr);
    tap_report(pl011_init(&uart, "pl011", &tchr.chr), "init attaches chr");
    memory_region_add_subregion(&sysmem, BASE, pl011_mmio(&uart));
    for (i = 0; i < PL011_NUM_IRQS; i++) {
        irq_recorder_init(&line[i]);
        qemu_irq_connect(&uart.irq[i], irq_recorder_line(&line[i]));
    }
    machine_reset();
}

/* ---- tests ---- */

static void test_reset_values(void)
{
    static const struct {
        hwaddr off;
        uint32_t val;
        const char *name;
    } r[] = {
        { PL011_RSR, 0, "UARTRSR" },     { PL011_FR, 0x90, "UARTFR" },
        { PL011_ILPR, 0, "UARTILPR" },   { PL011_IBRD, 0, "UARTIBRD" },
        { PL011_FBRD, 0, "UARTFBRD" },   { PL011_LCR_H, 0, "UARTLCR_H" },
        { PL011_CR, 0x300, "UARTCR" },   { PL011_IFLS, 0x12, "UARTIFLS" },
        { PL011_IMSC, 0, "UARTIMSC" },   { PL011_RIS, 0, "UARTRIS" },
        { PL011_MIS, 0, "UARTMIS" },     { PL011_DMACR, 0, "UARTDMACR" },
    };
    size_t i;

    for (i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
        uint32_t v = rd(r[i].off);

        if (!tap_report(v == r[i].val, "reset: %s = 0x%x", r[i].name,
                        r[i].val)) {
            tap_diag("got 0x%x", v);
        }
    }
    tap_report(line[PL011_IRQ_INTR].level == 0, "reset: UARTINTR low");
    tap_report(rd(PL011_DR) == 0, "reset: UARTDR of empty FIFO reads 0");
    tap_report(log_quiet(), "reset: reads log nothing");
}

static void test_id_registers(void)
{
    static const uint32_t id[8] = {
        0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
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
    tap_report(ok, "PeriphID 11 10 34 00, PCellID 0d f0 05 b1");
    wr(0xfe0, 0x55);
    tap_report(rd(0xfe0) == 0x11 && log_has("offset 0xfe0"),
               "ID write ignored and logged");
}

static void test_register_masks(void)
{
    wr(PL011_IBRD, 0x12345);
    tap_report(rd(PL011_IBRD) == 0x2345, "UARTIBRD keeps 16 bits");
    wr(PL011_FBRD, 0xff);
    tap_report(rd(PL011_FBRD) == 0x3f, "UARTFBRD keeps 6 bits");
    wr(PL011_ILPR, 0x1ff);
    tap_report(rd(PL011_ILPR) == 0xff, "UARTILPR keeps 8 bits");
    wr(PL011_LCR_H, 0x1ef);
    tap_report(rd(PL011_LCR_H) == 0xef, "UARTLCR_H keeps 8 bits");
    wr(PL011_CR, 0xffff);
    tap_report(rd(PL011_CR) == 0xff87, "UARTCR: reserved bits 6:3 read 0");
    wr(PL011_IFLS, 0x24);
    tap_report(rd(PL011_IFLS) == 0x24 && log_quiet(),
               "UARTIFLS 7/8 levels accepted");
    wr(PL011_IFLS, 0xff);
    tap_report(rd(PL011_IFLS) == 0x3f && log_has("reserved UARTIFLS"),
               "UARTIFLS reserved level logged");
    wr(PL011_IMSC, 0xffff);
    tap_report(rd(PL011_IMSC) == 0x7ff, "UARTIMSC keeps 11 bits");
    wr(PL011_DMACR, 0xff);
    tap_report(rd(PL011_DMACR) == 7 && log_has("DMA not emulated"),
               "UARTDMACR keeps 3 bits, DMA logged unimplemented");
    machine_reset();
}

static void test_transmit(void)
{
    wr(PL011_CR, 0x301);
    wr(PL011_DR, 0x141);                /* only bits 7:0 are data */
    address_space_stb(&as, BASE + PL011_DR, 'B');   /* earlycon */
    address_space_stw_le(&as, BASE + PL011_DR, 'C');
    tap_report(strcmp(tchr.out, "ABC") == 0, "UARTDR writes reach backend");
    tap_report(rd(PL011_FR) == 0x90, "TX done at once: FR TXFE, !BUSY");
    tap_report(rd(PL011_RIS) == PL011_INT_TX, "TX raw interrupt set");
    tap_report(line[PL011_IRQ_INTR].level == 0, "TX masked: line low");
    wr(PL011_IMSC, PL011_INT_TX);
    tap_report(line[PL011_IRQ_INTR].level == 1 &&
               line[PL011_IRQ_TX].level == 1 &&
               rd(PL011_MIS) == PL011_INT_TX,
               "TX unmasked: UARTINTR and UARTTXINTR high, MIS 0x20");
    wr(PL011_ICR, PL011_INT_TX);
    tap_report(line[PL011_IRQ_INTR].level == 0 && rd(PL011_RIS) == 0,
               "ICR clears TX, line low");
    wr(PL011_DR, 'D');
    tap_report(line[PL011_IRQ_INTR].level == 1 &&
               line[PL011_IRQ_INTR].rises == 2,
               "next character raises TX again");
    tap_report(log_quiet(), "enabled transmitter logs nothing");
    machine_reset();

    /* Reset state: UARTEN clear.  Sent anyway, logged once. */
    wr(PL011_DR, 'x');
    wr(PL011_DR, 'y');
    tap_report(strcmp(tchr.out, "xy") == 0, "disabled UART still sends");
    fflush(qemu_logfile);
    {
        const char *p = strstr(log_buf + log_mark, "transmitter disabled");
        bool once = p && !strstr(p + 1, "transmitter disabled");

        tap_report(once, "disabled transmitter logged once");
    }
    log_quiet();
    machine_reset();
}

static void test_holding_register(void)
{
    tap_report(qemu_chr_be_can_write(&tchr.chr) == 0,
               "reset (UARTEN clear): no input taken");
    wr(PL011_CR, 0x301);
    tap_report(tchr.accept_calls == 1, "enabling RX asks backend for input");
    tap_report(qemu_chr_be_can_write(&tchr.chr) == 1,
               "FEN clear: 1-entry holding register");
    wr(PL011_IMSC, PL011_INT_RX);
    push("x");
    tap_report(rd(PL011_FR) == 0xc0, "one char: FR RXFF|TXFE, RXFE clear");
    tap_report(rd(PL011_RIS) == (PL011_INT_RX | PL011_INT_RT),
               "one char: RIS RX|RT (trigger 1 without FIFO)");
    tap_report(line[PL011_IRQ_INTR].level == 1 &&
               line[PL011_IRQ_RX].level == 1, "RX line high");
    tap_report(qemu_chr_be_can_write(&tchr.chr) == 0, "full: can_write 0");
    tap_report(rd(PL011_DR) == 'x', "UARTDR reads 'x'");
    tap_report(rd(PL011_FR) == 0x90 && rd(PL011_RIS) == 0,
               "read: FR 0x90, RIS 0");
    tap_report(line[PL011_IRQ_INTR].level == 0, "read lowers the line");
    tap_report(tchr.accept_calls == 2, "read asks backend for more");
    wr(PL011_CR, 0x201);
    tap_report(qemu_chr_be_can_write(&tchr.chr) == 1,
               "TXE clear does not stop input");
    wr(PL011_CR, 0x101);
    tap_report(qemu_chr_be_can_write(&tchr.chr) == 0, "RXE clear stops it");
    machine_reset();
}

static void test_fifo(void)
{
    char want[17];
    bool ok = true;
    int i;

    wr(PL011_CR, 0x301);
    wr(PL011_LCR_H, 0x70);              /* FEN, 8 bits */
    tap_report(qemu_chr_be_can_write(&tchr.chr) == 16, "FEN: 16 free");
    wr(PL011_IMSC, PL011_INT_RX);
    push("abcdefg");
    tap_report(rd(PL011_FR) == 0x80, "7 chars: FR neither empty nor full");
    tap_report(rd(PL011_RIS) == PL011_INT_RT && line[0].level == 0,
               "7 chars, trigger 8 (1/2): RX not yet");
    push("h");
    tap_report(rd(PL011_RIS) == (PL011_INT_RT | PL011_INT_RX) &&
               line[0].level == 1, "8th char reaches trigger: RX");
    tap_report(rd(PL011_DR) == 'a', "first in, first out");
    tap_report(rd(PL011_RIS) == PL011_INT_RT && line[0].level == 0,
               "7 left: RX cleared by the read");
    push("hijklmnopq");                 /* 7 + 9 = 16 */
    tap_report(rd(PL011_FR) == 0xc0 &&
               qemu_chr_be_can_write(&tchr.chr) == 0,
               "16 chars: RXFF, can_write 0");
    push("Z");                          /* a backend ignoring flow control */
    tap_report(rd(PL011_RIS) & PL011_INT_OE, "overrun: RIS OE");
    tap_report(rd(PL011_RSR) == 8, "overrun: UARTRSR OE (0x8)");
    memcpy(want, "bcdefghhijklmnopq", 17);
    for (i = 0; i < 16; i++) {
        uint32_t v = rd(PL011_DR);

        if (v != (uint32_t)(uint8_t)want[i]) {
            tap_diag("read %d: 0x%x, want 0x%x", i, v, want[i]);
            ok = false;
        }
    }
    tap_report(ok, "16 chars read back in order, 'Z' lost");
    tap_report(rd(PL011_FR) == 0x90, "emptied: FR 0x90");
    tap_report((rd(PL011_RIS) & (PL011_INT_RX | PL011_INT_RT)) == 0,
               "emptied: RX and RT clear");
    push("z");
    tap_report(rd(PL011_DR) == (PL011_DR_OE | 'z'),
               "next stored char carries OE (0x87a)");
    wr(PL011_RSR, 0);                   /* UARTECR */
    tap_report(rd(PL011_RSR) == 0, "UARTECR write clears UARTRSR");
    wr(PL011_ICR, 0x7ff);
    tap_report(rd(PL011_RIS) == 0, "UARTICR 0x7ff clears all");

    push("12345");
    wr(PL011_LCR_H, 0x60);              /* FEN off: flushed */
    tap_report(rd(PL011_FR) == 0x90 && rd(PL011_RIS) == 0,
               "clearing FEN empties the FIFO");
    machine_reset();
}

static void test_trigger_levels(void)
{
    static const struct {
        uint32_t ifls;
        unsigned level;
    } t[] = {
        { 0 << 3, 2 }, { 1 << 3, 4 }, { 2 << 3, 8 }, { 3 << 3, 12 },
        { 4 << 3, 14 },
    };
    size_t i;

    for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        bool below, at;
        unsigned n;

        machine_reset();
        wr(PL011_CR, 0x301);
        wr(PL011_LCR_H, 0x70);
        wr(PL011_IFLS, t[i].ifls);
        for (n = 0; n + 1 < t[i].level; n++) {
            push("r");
        }
        below = !(rd(PL011_RIS) & PL011_INT_RX);
        push("r");
        at = rd(PL011_RIS) & PL011_INT_RX;
        tap_report(below && at, "RXIFLSEL %u: RX at %u entries",
                   t[i].ifls >> 3, t[i].level);
    }
    machine_reset();
}

static void test_receive_timeout(void)
{
    wr(PL011_CR, 0x301);
    wr(PL011_LCR_H, 0x70);
    wr(PL011_IMSC, PL011_INT_RT);
    push("q");
    tap_report(line[PL011_IRQ_RT].level == 1 && line[0].level == 1 &&
               line[PL011_IRQ_RX].level == 0,
               "1 char under trigger: UARTRTINTR, not UARTRXINTR");
    wr(PL011_ICR, PL011_INT_RT);
    tap_report(line[PL011_IRQ_RT].level == 0, "ICR clears RT");
    push("r");
    tap_report(line[PL011_IRQ_RT].level == 1, "new data: RT again");
    rd(PL011_DR);
    tap_report(line[PL011_IRQ_RT].level == 1, "FIFO not empty: RT stays");
    rd(PL011_DR);
    tap_report(line[PL011_IRQ_RT].level == 0, "FIFO empty: RT cleared");
    machine_reset();
}

static void test_loopback(void)
{
    wr(PL011_CR, 0x381);                /* LBE, TXE, RXE, UARTEN */
    wr(PL011_IMSC, PL011_INT_RX | PL011_INT_TX);
    wr(PL011_DR, 'L');
    tap_report(tchr.out_len == 0, "loopback: nothing to the backend");
    tap_report(rd(PL011_RIS) == (PL011_INT_RX | PL011_INT_TX | PL011_INT_RT),
               "loopback: RX, TX and RT raw");
    tap_report(rd(PL011_DR) == 'L', "loopback: the char comes back");
    tap_report(rd(PL011_FR) == 0x90, "loopback: modem inputs idle");
    wr(PL011_IMSC, PL011_INT_MS);
    wr(PL011_ICR, 0x7ff);
    wr(PL011_CR, 0x381 | PL011_CR_RTS);
    tap_report(rd(PL011_FR) == (0x90 | PL011_FR_CTS), "RTS -> CTS");
    tap_report(rd(PL011_RIS) == PL011_INT_CTS &&
               line[PL011_IRQ_MS].level == 1 && line[0].level == 1,
               "CTS change: RIS CTSRMIS, UARTMSINTR");
    wr(PL011_ICR, 0x7ff);
    wr(PL011_CR, 0x381 | PL011_CR_RTS | PL011_CR_DTR | PL011_CR_OUT1 |
                 PL011_CR_OUT2);
    tap_report(rd(PL011_FR) == 0x197, "DTR->DSR, Out1->DCD, Out2->RI");
    tap_report(rd(PL011_RIS) == (PL011_INT_DSR | PL011_INT_DCD |
                                 PL011_INT_RI),
               "each changed input sets its RIS bit");
    wr(PL011_ICR, 0x7ff);
    wr(PL011_CR, 0x301 | PL011_CR_RTS);
    tap_report(rd(PL011_FR) == 0x90 && rd(PL011_RIS) == 0xf,
               "leaving loopback drops all inputs: 4 changes");
    wr(PL011_DR, 'o');
    tap_report(strcmp(tchr.out, "o") == 0, "out of loopback: sent");
    machine_reset();
}

static void test_break(void)
{
    qemu_chr_be_event(&tchr.chr, CHR_EVENT_BREAK);
    tap_report(rd(PL011_FR) == 0x90, "break with receiver off: ignored");
    wr(PL011_CR, 0x301);
    wr(PL011_IMSC, PL011_INT_BE);
    qemu_chr_be_event(&tchr.chr, CHR_EVENT_BREAK);
    tap_report(rd(PL011_RIS) & PL011_INT_BE, "break: RIS BE");
    tap_report(line[PL011_IRQ_E].level == 1 && line[0].level == 1,
               "break: UARTEINTR and UARTINTR high");
    tap_report(rd(PL011_DR) == PL011_DR_BE, "break: UARTDR 0x400");
    tap_report(rd(PL011_RSR) == 4, "break: UARTRSR BE (0x4)");
    qemu_chr_be_event(&tchr.chr, CHR_EVENT_OPENED);
    tap_report(rd(PL011_FR) == 0x90, "other events: nothing received");
    machine_reset();
}

static void test_lines_only_on_change(void)
{
    wr(PL011_CR, 0x301);
    wr(PL011_IMSC, PL011_INT_TX);
    wr(PL011_DR, '1');
    wr(PL011_DR, '2');
    wr(PL011_DR, '3');
    tap_report(line[0].rises == 1 && line[0].falls == 0 && line[0].level,
               "repeated TX: one rising edge on UARTINTR");
    tap_report(line[PL011_IRQ_RX].level == 0 &&
               line[PL011_IRQ_RT].level == 0 &&
               line[PL011_IRQ_MS].level == 0 &&
               line[PL011_IRQ_E].level == 0,
               "other source lines stay low");
    pl011_reset(&uart);
    tap_report(line[0].level == 0 && line[PL011_IRQ_TX].level == 0 &&
               rd(PL011_IMSC) == 0 && rd(PL011_CR) == 0x300,
               "reset lowers the lines and restores registers");
    machine_reset();
}

static void test_narrow_access(void)
{
    MemTxResult res;

    tap_report(address_space_ldw_le(&as, BASE + PL011_FR, NULL) == 0x90,
               "16-bit read of UARTFR");
    tap_report(address_space_ldb(&as, BASE + PL011_CR, &res) == 0x00 &&
               res == MEMTX_OK, "8-bit read of UARTCR low byte");
    tap_report(log_quiet(), "narrow register accesses log nothing");
}

static void test_bad_accesses(void)
{
    wr(PL011_CR, 0x301);
    log_quiet();
    tap_report(rd(0x008) == 0 && log_has("bad offset 0x008"),
               "reserved 0x008: reads 0, logged");
    wr(0x04c, 0x1234);
    tap_report(log_has("bad offset 0x04c"), "write to 0x04c logged");
    wr(0x080, 1);
    tap_report(log_has("bad offset 0x080"), "test register ITCR logged");
    tap_report(address_space_ldw_le(&as, BASE + 0x32, NULL) == 0 &&
               log_has("bad 2-byte read at offset 0x32"),
               "16-bit read inside UARTCR: 0, logged");
    address_space_stb(&as, BASE + 0x31, 0xff);
    tap_report(log_has("bad 1-byte write at offset 0x31") &&
               rd(PL011_CR) == 0x301, "byte write inside UARTCR ignored");
    tap_report(address_space_ldq_le(&as, BASE + PL011_FR, NULL) == 0 &&
               !log_quiet(), "64-bit read refused, logged");
    address_space_stq_le(&as, BASE + PL011_CR, 0);
    tap_report(rd(PL011_CR) == 0x301 && !log_quiet(),
               "64-bit write refused, logged");
    wr(PL011_FR, 0);
    tap_report(log_has("read-only offset 0x018"), "write to UARTFR logged");
    wr(PL011_RIS, 0);
    wr(PL011_MIS, 0);
    tap_report(log_has("read-only offset 0x040"), "write to UARTMIS logged");
    tap_report(rd(PL011_ICR) == 0 && log_has("write-only UARTICR"),
               "read of UARTICR logged");
    tap_report(rd(PL011_CR) == 0x301 && rd(PL011_FR) == 0x90,
               "state untouched by bad accesses");
    machine_reset();
}

static void test_no_backend(void)
{
    PL011State u2;
    TestChr busy;
    uint8_t c = 'n';

    pl011_init(&u2, "pl011-nochr", NULL);
    memory_region_add_subregion(&sysmem, BASE + 0x1000, pl011_mmio(&u2));
    address_space_stl_le(&as, BASE + 0x1000, 'q');
    tap_report(address_space_ldl_le(&as, BASE + 0x1000 + PL011_RIS, NULL) ==
               PL011_INT_TX, "no backend: output dropped, TX raised");
    memory_region_del_subregion(&sysmem, pl011_mmio(&u2));
    pl011_destroy(&u2);

    qemu_chr_init(&busy.chr, &test_chr_ops, "busy", &busy);
    tap_report(!pl011_init(&u2, "pl011-dup", &tchr.chr) &&
               tchr.chr.fe == &uart.chr,
               "chardev already in use: init fails, first keeps it");
    pl011_destroy(&u2);
    tap_report(tchr.chr.fe == &uart.chr, "destroying the loser keeps it");
    qemu_chr_be_write(&busy.chr, &c, 1);    /* no frontend: dropped */
    tap_report(qemu_chr_be_can_write(&busy.chr) == 0,
               "chardev without frontend takes nothing");
    log_quiet();
}

/* hw/irq.h itself: allocation, the adapters, NULL outputs. */
static int seen[4];

static void seen_handler(void *opaque, int n, int level)
{
    (void)opaque;
    seen[n] = level;
}

static void test_irq_lines(void)
{
    qemu_irq *in = qemu_allocate_irqs(seen_handler, NULL, 4);
    IRQRecorder a, b;
    qemu_irq split, inv, out = NULL;

    qemu_set_irq(in[2], 5);
    qemu_irq_raise(in[3]);
    tap_report(seen[0] == 0 && seen[1] == 0 && seen[2] == 5 && seen[3] == 1,
               "allocated lines carry their number and level");
    qemu_irq_lower(in[3]);
    tap_report(seen[3] == 0, "qemu_irq_lower");
    qemu_irq_raise(out);
    tap_report(true, "driving an unconnected output does nothing");
    qemu_irq_connect(&out, in[1]);
    qemu_irq_raise(out);
    tap_report(seen[1] == 1, "connected output reaches input 1");
    qemu_free_irqs(in, 4);

    irq_recorder_init(&a);
    irq_recorder_init(&b);
    split = qemu_irq_split(irq_recorder_line(&a), irq_recorder_line(&b));
    qemu_irq_pulse(split);
    qemu_irq_raise(split);
    qemu_irq_raise(split);
    tap_report(a.level == 1 && b.level == 1 && a.calls == 4 &&
               a.rises == 2 && a.falls == 1 && b.rises == 2,
               "split: both inputs see pulse + raise (2 rises, 1 fall)");
    qemu_free_irq(split);
    inv = qemu_irq_invert(irq_recorder_line(&a));
    qemu_irq_raise(inv);
    tap_report(a.level == 0 && a.falls == 2, "invert: raise -> low");
    qemu_irq_lower(inv);
    tap_report(a.level == 1, "invert: lower -> high");
    qemu_free_irq(inv);
}

int main(void)
{
    log_start();
    setup();
    test_reset_values();
    test_id_registers();
    test_register_masks();
    test_transmit();
    test_holding_register();
    test_fifo();
    test_trigger_levels();
    test_receive_timeout();
    test_loopback();
    test_break();
    test_lines_only_on_change();
    test_narrow_access();
    test_bad_accesses();
    test_no_backend();
    test_irq_lines();

    memory_region_del_subregion(&sysmem, pl011_mmio(&uart));
    pl011_destroy(&uart);
    address_space_destroy(&as);
    memory_region_destroy(&sysmem);
    qemu_set_log(0);
    fclose(qemu_logfile);
    qemu_logfile = NULL;
    free(log_buf);
    return tap_exit_status();
}
