/*
 * hw/gpio/pl061.c: the ARM PrimeCell GPIO (PL061), the virt board's
 * GPIO controller, whose pin 3 carries the power button that Linux's
 * gpio-keys driver turns into KEY_POWER.  See include/hw/gpio/pl061.h
 * for the region, the lines and how a board wires it.
 *
 * Reference: ARM PrimeCell GPIO (PL061) TRM (ARM DDI 0190B), chapter 2
 * (functional overview: data masking, interrupt detection) and
 * chapter 3 (registers).
 *
 * Model.  The value on each pin is the output register's bit while the
 * pin is an output (GPIODIR set), else the level driven on the input
 * line.  After every change the pins are compared with their previous
 * value: on edge-sensitive pins (GPIOIS clear) a transition of the
 * kind GPIOIBE/GPIOIEV select latches the GPIORIS bit, which only
 * GPIOIC clears; on level-sensitive pins the GPIORIS bit follows
 * "pin == GPIOIEV" and GPIOIC has no effect.  Edges latched while a
 * pin was edge-sensitive are dropped when GPIOIS makes it level
 * sensitive, so they cannot reappear when it is switched back.
 *
 * GPIODATA: offset bits 9:2 are a mask over the 8 bits.  Reads give
 * the pins ANDed with the mask; writes change the masked bits of the
 * output register, which reaches a pin once (or while) GPIODIR makes
 * it an output.
 *
 * Reset (TRM 3.3): every register 0, so every pin is an input with
 * interrupts disabled.  The pins' previous values are resynchronised
 * without edge detection: the reset itself is not an event.
 *
 * Not emulated: the hardware control mode (GPIOAFSEL is stored and
 * read back; there is no peripheral to hand the pins to), pull-ups,
 * and the integration test registers.
 */
#include <inttypes.h>

#include "hw/gpio/pl061.h"
#include "qemu/log.h"

/* GPIOPeriphID0-3, GPIOPCellID0-3 (TRM 3.3.12-3.3.19). */
static const uint8_t pl061_id[8] = {
    0x61, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

static uint8_t pl061_pin_values(const PL061State *s)
{
    return (s->data & s->dir) | (s->in & ~s->dir);
}

uint8_t pl061_get_pins(PL061State *s)
{
    return pl061_pin_values(s);
}

static uint8_t pl061_ris(const PL061State *s)
{
    uint8_t level = (uint8_t)~(s->pins ^ s->iev) & s->is;

    return (s->edge_ris & ~s->is) | level;
}

/* Detects edges on the pins, then drives every output line. */
static void pl061_update(PL061State *s)
{
    uint8_t pins = pl061_pin_values(s);
    uint8_t changed = pins ^ s->pins;
    uint8_t rising = changed & pins;
    uint8_t falling = changed & ~pins;
    uint8_t edges;
    int i;

    edges = (changed & s->ibe) |
            (rising & ~s->ibe & s->iev) |
            (falling & ~s->ibe & ~s->iev);
    s->edge_ris |= edges & ~s->is;
    s->pins = pins;

    for (i = 0; i < PL061_NUM_LINES; i++) {
        qemu_set_irq(s->out[i], (s->data & s->dir) >> i & 1);
    }
    qemu_set_irq(s->irq, (pl061_ris(s) & s->ie) != 0);
}

static void pl061_set_input(void *opaque, int n, int level)
{
    PL061State *s = opaque;

    if (level) {
        s->in |= 1u << n;
    } else {
        s->in &= ~(1u << n);
    }
    pl061_update(s);
}

qemu_irq pl061_in(PL061State *s, int n)
{
    if (n < 0 || n >= PL061_NUM_LINES) {
        return NULL;
    }
    return &s->in_lines[n];
}

/* ---- the power button ------------------------------------------------ */

static void pl061_button_release(void *opaque)
{
    PL061State *s = opaque;

    if (s->button_line >= 0) {
        pl061_set_input(s, s->button_line, 0);
        s->button_line = -1;
    }
}

void pl061_press_button(PL061State *s, int line)
{
    if (line < 0 || line >= PL061_NUM_LINES) {
        return;
    }
    if (s->button_line >= 0 && s->button_line != line) {
        pl061_set_input(s, s->button_line, 0);
    }
    s->button_line = line;
    pl061_set_input(s, line, 1);
    timer_mod_ns(&s->button_timer,
                 qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                 PL061_BUTTON_PRESS_NS);
}

/* ---- registers --------------------------------------------------------- */

static uint32_t pl061_read_reg(PL061State *s, hwaddr offset)
{
    if (offset <= PL061_DATA_END) {         /* GPIODATA, masked */
        return s->pins & (offset >> 2);
    }
    switch (offset) {
    case PL061_DIR:         /* GPIODIR */
        return s->dir;
    case PL061_IS:          /* GPIOIS */
        return s->is;
    case PL061_IBE:         /* GPIOIBE */
        return s->ibe;
    case PL061_IEV:         /* GPIOIEV */
        return s->iev;
    case PL061_IE:          /* GPIOIE */
        return s->ie;
    case PL061_RIS:         /* GPIORIS */
        return pl061_ris(s);
    case PL061_MIS:         /* GPIOMIS */
        return pl061_ris(s) & s->ie;
    case PL061_IC:          /* GPIOIC: write-only */
        qemu_log_mask(LOG_GUEST_ERROR, "pl061: read of write-only GPIOIC\n");
        return 0;
    case PL061_AFSEL:       /* GPIOAFSEL */
        return s->afsel;
    default:
        if (offset >= PL061_PERIPHID0 && offset < PL061_MMIO_SIZE) {
            /* GPIOPeriphID0-3, GPIOPCellID0-3 */
            return pl061_id[(offset - PL061_PERIPHID0) >> 2];
        }
        qemu_log_mask(LOG_GUEST_ERROR, "pl061: read of bad offset 0x%03x\n",
                      (unsigned)offset);
        return 0;
    }
}

static void pl061_write_reg(PL061State *s, hwaddr offset, uint32_t val)
{
    uint8_t v = val & 0xff;

    if (offset <= PL061_DATA_END) {         /* GPIODATA, masked */
        uint8_t mask = offset >> 2;

        s->data = (s->data & ~mask) | (v & mask);
        pl061_update(s);
        return;
    }
    switch (offset) {
    case PL061_DIR:         /* GPIODIR */
        s->dir = v;
        break;
    case PL061_IS:          /* GPIOIS: drop edges of now-level pins */
        s->is = v;
        s->edge_ris &= ~v;
        break;
    case PL061_IBE:         /* GPIOIBE */
        s->ibe = v;
        break;
    case PL061_IEV:         /* GPIOIEV */
        s->iev = v;
        break;
    case PL061_IE:          /* GPIOIE */
        s->ie = v;
        break;
    case PL061_IC:          /* GPIOIC: edge-latched bits only */
        s->edge_ris &= ~v;
        break;
    case PL061_AFSEL:       /* GPIOAFSEL: stored only */
        s->afsel = v;
        break;
    case PL061_RIS:
    case PL061_MIS:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "pl061: write 0x%x to read-only offset 0x%03x\n",
                      val, (unsigned)offset);
        return;
    default:
        if (offset >= PL061_PERIPHID0 && offset < PL061_MMIO_SIZE) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "pl061: write 0x%x to read-only offset 0x%03x\n",
                          val, (unsigned)offset);
        } else {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "pl061: write 0x%x to bad offset 0x%03x\n",
                          val, (unsigned)offset);
        }
        return;
    }
    pl061_update(s);
}

static bool pl061_access_ok(hwaddr addr, unsigned size, bool is_write)
{
    if ((size == 1 || size == 2 || size == 4) && !(addr & 3) &&
        addr < PL061_MMIO_SIZE) {
        return true;
    }
    qemu_log_mask(LOG_GUEST_ERROR,
                  "pl061: bad %u-byte %s at offset 0x%" PRIx64 "\n",
                  size, is_write ? "write" : "read", (uint64_t)addr);
    return false;
}

static uint64_t pl061_mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    if (!pl061_access_ok(addr, size, false)) {
        return 0;
    }
    return pl061_read_reg(opaque, addr);
}

static void pl061_mmio_write(void *opaque, hwaddr addr, uint64_t data,
                             unsigned size)
{
    if (pl061_access_ok(addr, size, true)) {
        pl061_write_reg(opaque, addr, (uint32_t)data);
    }
}

/* impl 1..4: accesses reach the device whole and are checked here. */
static const MemoryRegionOps pl061_ops = {
    .read = pl061_mmio_read,
    .write = pl061_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

void pl061_reset(PL061State *s)
{
    s->data = 0;
    s->dir = 0;
    s->is = 0;
    s->ibe = 0;
    s->iev = 0;
    s->ie = 0;
    s->afsel = 0;
    s->edge_ris = 0;
    s->pins = pl061_pin_values(s);      /* no edge from the reset itself */
    pl061_update(s);
}

void pl061_init(PL061State *s, const char *name)
{
    int i;

    memory_region_init_io(&s->iomem, &pl061_ops, s, name, PL061_MMIO_SIZE);
    for (i = 0; i < PL061_NUM_LINES; i++) {
        qemu_init_irq(&s->in_lines[i], pl061_set_input, s, i);
        s->out[i] = NULL;
    }
    s->irq = NULL;
    timer_init(&s->button_timer, QEMU_CLOCK_VIRTUAL, SCALE_NS,
               pl061_button_release, s);
    s->button_line = -1;
    s->in = 0;
    pl061_reset(s);
}

void pl061_destroy(PL061State *s)
{
    timer_del(&s->button_timer);
    s->button_line = -1;
    memory_region_destroy(&s->iomem);
}
