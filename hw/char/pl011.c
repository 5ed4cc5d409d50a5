/*
 * hw/char/pl011.c: the ARM PrimeCell UART (PL011) r1p5, the serial
 * console of the virt board (see include/hw/char/pl011.h for the MMIO
 * region, the IRQ outputs and how a board wires it).
 *
 * Reference: ARM PrimeCell UART (PL011) TRM r1p5 (ARM DDI 0183G),
 * chapter 2 (functional description: FIFOs, interrupts) and chapter 3
 * (registers).
 *
 * Model.  Transmission completes at once: a UARTDR write goes to the
 * character backend (or, in loopback, into the receive FIFO) before the
 * write returns, so the transmit FIFO is always empty: TXFE set, TXFF
 * and BUSY clear.  The receive side keeps the 16-entry FIFO of 12-bit
 * entries (data and the FE/PE/BE/OE flags of that character), or a
 * 1-entry holding register while LCR_H.FEN is clear.
 *
 * Interrupts (TRM 2.8), as raw status bits in UARTRIS:
 * - RX: set when a received character brings the FIFO to the trigger
 *   level of UARTIFLS.RXIFLSEL (2, 4, 8, 12 or 14 entries; 1 without
 *   FIFO), cleared when reads bring it below, or by UARTICR.
 * - TX: the TRM's transmit interrupt fires on the transition of the
 *   transmit FIFO through its trigger level, not on the level itself:
 *   not at reset, but after each character leaves (here: after every
 *   UARTDR write), cleared by UARTICR.  Linux's driver expects exactly
 *   this (it primes transmission itself).
 * - RT: the receive timeout, 32 bit periods without new data while the
 *   FIFO is not empty.  Input arrives in bursts from the host with no
 *   line timing, so the timeout is taken as elapsed after each burst:
 *   RT is set whenever a character is stored, cleared when the FIFO
 *   becomes empty or by UARTICR.
 * - OE when a character arrives with the FIFO full (the character is
 *   lost; OE goes with the next character stored), BE on a break
 *   event from the backend (a 0 character with BE), the modem status
 *   bits when a modem input changes (only in loopback: see below).
 * UARTINTR is the OR of UARTMIS = UARTRIS & UARTIMSC; every output is
 * re-driven after each change.
 *
 * Not emulated: baud rate and line timing (IBRD/FBRD/ILPR/LCR_H are
 * stored and read back only); word lengths under 8 bits and parity
 * (bytes pass unchanged, FE/PE never occur); sending a break
 * (LCR_H.BRK); IrDA; DMA (UARTDMACR is stored, enabling it is logged
 * as unimplemented); the test registers at 0x080-0x08c; modem inputs
 * other than loopback (CTS/DSR/DCD/RI read as deasserted).  Holding
 * output while UARTEN or TXE is clear: firmware-less boots (Linux's
 * earlycon) write to a UART nobody enabled, so data is sent anyway
 * and the first such write after reset is logged (guest_errors).
 */
#include <inttypes.h>
#include <string.h>

#include "hw/char/pl011.h"
#include "qemu/log.h"

/* UARTRSR bits: the character's FE/PE/BE/OE, as UARTDR bits 11:8. */
#define RSR_OE          (1u << 3)

#define CR_MASK         0xff87u     /* bits 6:3 are reserved */

/* UARTPeriphID0-3, UARTPCellID0-3 (TRM 3.3.14-3.3.21), r1p5. */
static const uint8_t pl011_id[8] = {
    0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

static void pl011_update(PL011State *s)
{
    uint32_t mis = s->ris & s->imsc;

    qemu_set_irq(s->irq[PL011_IRQ_INTR], mis != 0);
    qemu_set_irq(s->irq[PL011_IRQ_RX], (mis & PL011_INT_RX) != 0);
    qemu_set_irq(s->irq[PL011_IRQ_TX], (mis & PL011_INT_TX) != 0);
    qemu_set_irq(s->irq[PL011_IRQ_RT], (mis & PL011_INT_RT) != 0);
    qemu_set_irq(s->irq[PL011_IRQ_MS], (mis & PL011_INT_MS) != 0);
    qemu_set_irq(s->irq[PL011_IRQ_E], (mis & PL011_INT_E) != 0);
}

static unsigned pl011_rx_depth(const PL011State *s)
{
    return (s->lcr_h & PL011_LCRH_FEN) ? PL011_FIFO_DEPTH : 1;
}

/* The receive trigger level of UARTIFLS.RXIFLSEL, in entries. */
static unsigned pl011_rx_trigger(const PL011State *s)
{
    static const unsigned level[8] = { 2, 4, 8, 12, 14, 8, 8, 8 };

    if (!(s->lcr_h & PL011_LCRH_FEN)) {
        return 1;
    }
    return level[(s->ifls >> 3) & 7];
}

static bool pl011_rx_enabled(const PL011State *s)
{
    return (s->cr & (PL011_CR_UARTEN | PL011_CR_RXE)) ==
           (PL011_CR_UARTEN | PL011_CR_RXE);
}

static void pl011_rx_flush(PL011State *s)
{
    s->rx_head = 0;
    s->rx_count = 0;
    s->rx_overrun = false;
    s->ris &= ~(PL011_INT_RX | PL011_INT_RT);
}

/* One character (with its error flags) arriving at the receiver. */
static void pl011_rx_put(PL011State *s, uint16_t entry)
{
    if (s->rx_count >= pl011_rx_depth(s)) {
        s->rsr |= RSR_OE;
        s->ris |= PL011_INT_OE;
        s->rx_overrun = true;
        return;
    }
    if (s->rx_overrun) {
        entry |= PL011_DR_OE;
        s->rx_overrun = false;
    }
    s->rx_fifo[(s->rx_head + s->rx_count) % PL011_FIFO_DEPTH] = entry;
    s->rx_count++;
    /* DR bits FE/PE/BE (8..10) are RIS bits 7..9. */
    s->ris |= (entry & (PL011_DR_FE | PL011_DR_PE | PL011_DR_BE)) >> 1;
    if (s->rx_count >= pl011_rx_trigger(s)) {
        s->ris |= PL011_INT_RX;
    }
    s->ris |= PL011_INT_RT;
}

static uint32_t pl011_read_dr(PL011State *s)
{
    uint16_t entry;

    if (s->rx_count == 0) {
        return 0;
    }
    entry = s->rx_fifo[s->rx_head];
    s->rx_head = (s->rx_head + 1) % PL011_FIFO_DEPTH;
    s->rx_count--;
    s->rsr = (s->rsr & RSR_OE) | ((entry >> 8) & 0xf);
    if (s->rx_count < pl011_rx_trigger(s)) {
        s->ris &= ~PL011_INT_RX;
    }
    if (s->rx_count == 0) {
        s->ris &= ~PL011_INT_RT;
    }
    pl011_update(s);
    qemu_chr_fe_accept_input(&s->chr);
    return entry;
}

static void pl011_write_dr(PL011State *s, uint8_t ch)
{
    uint32_t need = PL011_CR_UARTEN | PL011_CR_TXE;

    if ((s->cr & need) != need && !s->warned_tx_disabled) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "pl011: UARTDR written with the transmitter disabled "
                      "(UARTCR 0x%x); sending anyway\n", s->cr);
        s->warned_tx_disabled = true;
    }
    if (s->cr & PL011_CR_LBE) {
        pl011_rx_put(s, ch);
    } else {
        qemu_chr_fe_write_all(&s->chr, &ch, 1);
    }
    s->ris |= PL011_INT_TX;
    pl011_update(s);
}

/*
 * The modem inputs as UARTFR shows them.  In loopback the outputs feed
 * the inputs (TRM, UARTCR.LBE): RTS->CTS, DTR->DSR, Out1->DCD,
 * Out2->RI; otherwise nothing drives them.
 */
static uint32_t pl011_modem_inputs(const PL011State *s)
{
    uint32_t in = 0;

    if (s->cr & PL011_CR_LBE) {
        in |= (s->cr & PL011_CR_RTS) ? PL011_FR_CTS : 0;
        in |= (s->cr & PL011_CR_DTR) ? PL011_FR_DSR : 0;
        in |= (s->cr & PL011_CR_OUT1) ? PL011_FR_DCD : 0;
        in |= (s->cr & PL011_CR_OUT2) ? PL011_FR_RI : 0;
    }
    return in;
}

static void pl011_write_cr(PL011State *s, uint32_t val)
{
    bool rx_was_on = pl011_rx_enabled(s);
    uint32_t in, changed;

    s->cr = val & CR_MASK;
    in = pl011_modem_inputs(s);
    changed = in ^ s->modem_in;
    s->modem_in = in;
    s->ris |= (changed & PL011_FR_CTS) ? PL011_INT_CTS : 0;
    s->ris |= (changed & PL011_FR_DSR) ? PL011_INT_DSR : 0;
    s->ris |= (changed & PL011_FR_DCD) ? PL011_INT_DCD : 0;
    s->ris |= (changed & PL011_FR_RI) ? PL011_INT_RI : 0;
    pl011_update(s);
    if (!rx_was_on && pl011_rx_enabled(s)) {
        qemu_chr_fe_accept_input(&s->chr);
    }
}

static uint32_t pl011_read_fr(const PL011State *s)
{
    uint32_t fr = s->modem_in | PL011_FR_TXFE;

    if (s->rx_count == 0) {
        fr |= PL011_FR_RXFE;
    }
    if (s->rx_count >= pl011_rx_depth(s)) {
        fr |= PL011_FR_RXFF;
    }
    return fr;
}

static uint32_t pl011_read_reg(PL011State *s, hwaddr offset)
{
    switch (offset) {
    case PL011_DR:          /* UARTDR */
        return pl011_read_dr(s);
    case PL011_RSR:         /* UARTRSR */
        return s->rsr;
    case PL011_FR:          /* UARTFR */
        return pl011_read_fr(s);
    case PL011_ILPR:        /* UARTILPR */
        return s->ilpr;
    case PL011_IBRD:        /* UARTIBRD */
        return s->ibrd;
    case PL011_FBRD:        /* UARTFBRD */
        return s->fbrd;
    case PL011_LCR_H:       /* UARTLCR_H */
        return s->lcr_h;
    case PL011_CR:          /* UARTCR */
        return s->cr;
    case PL011_IFLS:        /* UARTIFLS */
        return s->ifls;
    case PL011_IMSC:        /* UARTIMSC */
        return s->imsc;
    case PL011_RIS:         /* UARTRIS */
        return s->ris;
    case PL011_MIS:         /* UARTMIS */
        return s->ris & s->imsc;
    case PL011_DMACR:       /* UARTDMACR */
        return s->dmacr;
    case PL011_ICR:         /* UARTICR: write-only */
        qemu_log_mask(LOG_GUEST_ERROR,
                      "pl011: read of write-only UARTICR\n");
        return 0;
    default:
        if (offset >= PL011_PERIPHID0 && offset < PL011_MMIO_SIZE) {
            /* UARTPeriphID0-3, UARTPCellID0-3 */
            return pl011_id[(offset - PL011_PERIPHID0) >> 2];
        }
        qemu_log_mask(LOG_GUEST_ERROR,
                      "pl011: read of bad offset 0x%03x\n",
                      (unsigned)offset);
        return 0;
    }
}

static void pl011_write_reg(PL011State *s, hwaddr offset, uint32_t val)
{
    switch (offset) {
    case PL011_DR:          /* UARTDR */
        pl011_write_dr(s, val & 0xff);
        break;
    case PL011_RSR:         /* UARTECR: any value clears the errors */
        s->rsr = 0;
        break;
    case PL011_ILPR:        /* UARTILPR */
        s->ilpr = val & 0xff;
        break;
    case PL011_IBRD:        /* UARTIBRD */
        s->ibrd = val & 0xffff;
        break;
    case PL011_FBRD:        /* UARTFBRD */
        s->fbrd = val & 0x3f;
        break;
    case PL011_LCR_H:       /* UARTLCR_H */
        if ((s->lcr_h ^ val) & PL011_LCRH_FEN) {
            /* Switching between FIFO and holding register empties it. */
            pl011_rx_flush(s);
            s->lcr_h = val & 0xff;
            pl011_update(s);
            qemu_chr_fe_accept_input(&s->chr);
        } else {
            s->lcr_h = val & 0xff;
        }
        break;
    case PL011_CR:          /* UARTCR */
        pl011_write_cr(s, val);
        break;
    case PL011_IFLS:        /* UARTIFLS */
        if ((val & 7) > 4 || ((val >> 3) & 7) > 4) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "pl011: reserved UARTIFLS level 0x%x "
                          "(taken as 1/2)\n", val & 0x3f);
        }
        s->ifls = val & 0x3f;
        break;
    case PL011_IMSC:        /* UARTIMSC */
        s->imsc = val & PL011_INT_ALL;
        pl011_update(s);
        break;
    case PL011_ICR:         /* UARTICR */
        s->ris &= ~(val & PL011_INT_ALL);
        pl011_update(s);
        break;
    case PL011_DMACR:       /* UARTDMACR */
        s->dmacr = val & 7;
        if (val & 3) {
            qemu_log_mask(LOG_UNIMP, "pl011: DMA not emulated\n");
        }
        break;
    case PL011_FR:
    case PL011_RIS:
    case PL011_MIS:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "pl011: write 0x%x to read-only offset 0x%03x\n",
                      val, (unsigned)offset);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "pl011: write 0x%x to bad offset 0x%03x\n",
                      val, (unsigned)offset);
        break;
    }
}

/* 1, 2 or 4 bytes at a register's offset; anything else is refused. */
static bool pl011_access_ok(hwaddr addr, unsigned size, bool is_write)
{
    if ((size == 1 || size == 2 || size == 4) && !(addr & 3) &&
        addr < PL011_MMIO_SIZE) {
        return true;
    }
    qemu_log_mask(LOG_GUEST_ERROR,
                  "pl011: bad %u-byte %s at offset 0x%" PRIx64 "\n",
                  size, is_write ? "write" : "read", (uint64_t)addr);
    return false;
}

static uint64_t pl011_mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    uint32_t val;

    if (!pl011_access_ok(addr, size, false)) {
        return 0;
    }
    val = pl011_read_reg(opaque, addr);
    return size == 4 ? val : val & ((1u << (8 * size)) - 1);
}

static void pl011_mmio_write(void *opaque, hwaddr addr, uint64_t data,
                             unsigned size)
{
    if (pl011_access_ok(addr, size, true)) {
        pl011_write_reg(opaque, addr, (uint32_t)data);
    }
}

static const MemoryRegionOps pl011_ops = {
    .read = pl011_mmio_read,
    .write = pl011_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

/* ---- character backend ------------------------------------------------ */

static int pl011_can_receive(void *opaque)
{
    PL011State *s = opaque;

    if (!pl011_rx_enabled(s)) {
        return 0;
    }
    return (int)(pl011_rx_depth(s) - s->rx_count);
}

static void pl011_receive(void *opaque, const uint8_t *buf, int size)
{
    PL011State *s = opaque;
    int i;

    for (i = 0; i < size; i++) {
        pl011_rx_put(s, buf[i]);
    }
    pl011_update(s);
}

static void pl011_event(void *opaque, QEMUChrEvent event)
{
    PL011State *s = opaque;

    if (event == CHR_EVENT_BREAK && pl011_rx_enabled(s)) {
        pl011_rx_put(s, PL011_DR_BE);
        pl011_update(s);
    }
}

/* ---- life cycle ------------------------------------------------------- */

void pl011_reset(PL011State *s)
{
    memset(s->rx_fifo, 0, sizeof(s->rx_fifo));
    s->rx_head = 0;
    s->rx_count = 0;
    s->rx_overrun = false;
    s->rsr = 0;
    s->ilpr = 0;
    s->ibrd = 0;
    s->fbrd = 0;
    s->lcr_h = 0;
    s->cr = PL011_CR_RXE | PL011_CR_TXE;    /* 0x0300 */
    s->ifls = 0x12;                         /* both triggers at 1/2 */
    s->imsc = 0;
    s->ris = 0;
    s->dmacr = 0;
    s->modem_in = 0;
    s->warned_tx_disabled = false;
    pl011_update(s);
}

bool pl011_init(PL011State *s, const char *name, Chardev *chr)
{
    bool ok;
    int i;

    memory_region_init_io(&s->iomem, &pl011_ops, s, name, PL011_MMIO_SIZE);
    for (i = 0; i < PL011_NUM_IRQS; i++) {
        s->irq[i] = NULL;
    }
    ok = qemu_chr_fe_init(&s->chr, chr);
    qemu_chr_fe_set_handlers(&s->chr, pl011_can_receive, pl011_receive,
                             pl011_event, s);
    pl011_reset(s);
    return ok;
}

void pl011_destroy(PL011State *s)
{
    qemu_chr_fe_deinit(&s->chr);
    memory_region_destroy(&s->iomem);
}
