/*
 * hw/gpio/pl061.h: the ARM PrimeCell General Purpose Input/Output
 * (PL061), 8 lines, and the virt board's power button on one of them.
 *
 * Reference: ARM PrimeCell General Purpose Input/Output (PL061)
 * Technical Reference Manual (ARM DDI 0190B).
 *
 * MMIO: one 4 KiB region (pl061_mmio).  The registers are 8 bits wide
 * (the PL061 has an 8-bit APB data bus): 8-, 16- and 32-bit accesses
 * at a register's word-aligned offset are accepted (Linux's
 * gpio-pl061 uses byte accesses), bits above 7 read 0 and are ignored
 * on writes.  Offsets that are not word-aligned, unknown offsets and
 * writes to read-only registers are logged (-d guest_errors) and
 * ignored, reading 0.
 *
 * Lines (hw/irq.h):
 *   inputs   pl061_in(s, n), n = 0..7: the level an outside device
 *            drives on pin n; it is what GPIODATA reads while the pin
 *            is an input (GPIODIR bit clear).  Inputs start low.
 *   outputs  out[n]: the level the PL061 drives on pin n, i.e. GPIODATA's
 *            output bit while the pin is an output, 0 while it is an
 *            input (no pull-ups are modelled).
 *   irq      GPIOINTR, the OR of GPIOMIS = GPIORIS & GPIOIE; the virt
 *            board wires it to the GIC (SPI 7).
 *
 * Interrupt detection (TRM 2.3.2) works on the pin's value, whichever
 * side drives it: the external input for inputs, the output register
 * for outputs.  Per pin, GPIOIS 1 = level sensitive (GPIORIS bit is
 * "pin == GPIOIEV bit", GPIOIC does not clear it), 0 = edge sensitive
 * (a transition latches the GPIORIS bit until GPIOIC clears it):
 * GPIOIBE 1 = both edges, else GPIOIEV 1 = rising, 0 = falling.
 *
 * The power button.  Linux's gpio-keys node that hw/arm/virt-fdt.c
 * emits puts KEY_POWER on a pin, active high.  pl061_press_button
 * raises that input now and lowers it PL061_BUTTON_PRESS_NS of
 * QEMU_CLOCK_VIRTUAL later (a QEMUTimer in the state, run by the main
 * loop): the driver gets the rising edge, reads GPIODATA (still high)
 * after its debounce delay, then the falling edge is the release.
 *
 * Usage (the virt board):
 *     PL061State gpio;
 *     pl061_init(&gpio, "pl061");
 *     memory_region_add_subregion(sysmem, 0x09030000, pl061_mmio(&gpio));
 *     qemu_irq_connect(&gpio.irq, gic_spi_7);
 *     ... pl061_reset(&gpio) at every system reset ...
 *     ... system_powerdown: pl061_press_button(&gpio, 3) ...
 *
 * The fields are private to hw/gpio/pl061.c.
 */
#ifndef HW_GPIO_PL061_H
#define HW_GPIO_PL061_H

#include <stdbool.h>
#include <stdint.h>

#include "exec/memory.h"
#include "hw/irq.h"
#include "qemu/timer.h"

#define PL061_MMIO_SIZE     0x1000
#define PL061_NUM_LINES     8

/* How long pl061_press_button holds the line high, in virtual ns. */
#define PL061_BUTTON_PRESS_NS   (100 * 1000 * 1000LL)

/* Register offsets (TRM table 3-1). */
#define PL061_DATA      0x000   /* ... 0x3fc: offset bits 9:2 = mask */
#define PL061_DATA_END  0x3fc
#define PL061_DIR       0x400   /* 1 = output */
#define PL061_IS        0x404   /* interrupt sense: 1 = level, 0 = edge */
#define PL061_IBE       0x408   /* both edges */
#define PL061_IEV       0x40c   /* 1 = rising edge / high level */
#define PL061_IE        0x410   /* interrupt mask: 1 = enabled */
#define PL061_RIS       0x414   /* raw interrupt status, read-only */
#define PL061_MIS       0x418   /* masked interrupt status, read-only */
#define PL061_IC        0x41c   /* interrupt clear, write-only */
#define PL061_AFSEL     0x420   /* mode control select */
#define PL061_PERIPHID0 0xfe0   /* ... PCellID3 at 0xffc */

typedef struct PL061State {
    MemoryRegion iomem;
    IRQState in_lines[PL061_NUM_LINES];
    qemu_irq out[PL061_NUM_LINES];
    qemu_irq irq;
    QEMUTimer button_timer;
    int button_line;            /* the pressed line, -1 if none */

    uint8_t data;               /* output register (GPIODATA writes) */
    uint8_t in;                 /* levels on the input lines */
    uint8_t pins;               /* last pin values seen (edge detection) */
    uint8_t dir, is, ibe, iev, ie, afsel;
    uint8_t edge_ris;           /* latched edge interrupts */
} PL061State;

/* Sets up the region, the input lines and the button timer, then resets. */
void pl061_init(PL061State *s, const char *name);
/* Cancels the button timer and frees the region's name. */
void pl061_destroy(PL061State *s);
/*
 * Every register to its TRM reset value (all 0: pins are inputs, no
 * interrupts), lines updated.  The input levels are outside the
 * device and survive, and so does a button press in progress.
 */
void pl061_reset(PL061State *s);
/* Input line n (0..7) as a qemu_irq; NULL when n is out of range. */
qemu_irq pl061_in(PL061State *s, int n);
/*
 * Presses the button on input `line`: raises it now and lowers it
 * PL061_BUTTON_PRESS_NS of virtual time later (a second press before
 * then pushes the release back).  Out-of-range lines are ignored.
 */
void pl061_press_button(PL061State *s, int line);
/* The value on the 8 pins now (GPIODATA with every mask bit set). */
uint8_t pl061_get_pins(PL061State *s);

static inline MemoryRegion *pl061_mmio(PL061State *s)
{
    return &s->iomem;
}

#endif
