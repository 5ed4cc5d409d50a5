/*
 * hw/char/pl011.h: the ARM PrimeCell UART (PL011), revision r1p5.
 *
 * Reference: ARM PrimeCell UART (PL011) Technical Reference Manual,
 * r1p5 (ARM DDI 0183G).
 *
 * MMIO: one 4 KiB region (pl011_mmio), 32-bit registers; the guest may
 * use 8-, 16- or 32-bit accesses at a register's offset (Linux's
 * driver uses 16-bit ones, its earlycon 8-bit writes to UARTDR).
 * Other sizes and offsets inside a register are logged
 * (-d guest_errors) and ignored, reading 0.
 *
 * IRQ outputs (qemu_irq fields, NULL = unconnected, see hw/irq.h):
 *   PL011_IRQ_INTR  UARTINTR, the OR of all masked interrupts: the one
 *                   the virt board wires to the GIC (SPI 1);
 *   PL011_IRQ_RX/TX/RT/MS/E  UARTRXINTR, UARTTXINTR, UARTRTINTR,
 *                   UARTMSINTR, UARTEINTR (the individual sources).
 *
 * Character backend: the CharBackend in the state; pl011_init attaches
 * the Chardev given (or none).  Transmission completes at once: every
 * UARTDR write reaches the backend before the write returns, so the
 * transmit FIFO is always empty and BUSY always clear.  Input is taken
 * only while UARTEN and RXE are set and the receive FIFO (16 entries,
 * or the 1-entry holding register when LCR_H.FEN is clear) has room.
 *
 * Usage:
 *     PL011State uart;
 *     pl011_init(&uart, "pl011", chr);
 *     memory_region_add_subregion(sysmem, 0x09000000, pl011_mmio(&uart));
 *     qemu_irq_connect(&uart.irq[PL011_IRQ_INTR], gic_spi_1);
 *     ... pl011_reset(&uart) at every system reset ...
 *
 * The fields are private to hw/char/pl011.c (and the future vmstate).
 */
#ifndef HW_CHAR_PL011_H
#define HW_CHAR_PL011_H

#include <stdbool.h>
#include <stdint.h>

#include "exec/memory.h"
#include "hw/char/chr-be.h"
#include "hw/irq.h"

#define PL011_MMIO_SIZE     0x1000
#define PL011_FIFO_DEPTH    16

enum {
    PL011_IRQ_INTR,
    PL011_IRQ_RX,
    PL011_IRQ_TX,
    PL011_IRQ_RT,
    PL011_IRQ_MS,
    PL011_IRQ_E,
    PL011_NUM_IRQS,
};

/* Register offsets (TRM r1p5, table 3-1). */
#define PL011_DR        0x000
#define PL011_RSR       0x004   /* read: UARTRSR, write: UARTECR */
#define PL011_FR        0x018
#define PL011_ILPR      0x020
#define PL011_IBRD      0x024
#define PL011_FBRD      0x028
#define PL011_LCR_H     0x02c
#define PL011_CR        0x030
#define PL011_IFLS      0x034
#define PL011_IMSC      0x038
#define PL011_RIS       0x03c
#define PL011_MIS       0x040
#define PL011_ICR       0x044
#define PL011_DMACR     0x048
#define PL011_PERIPHID0 0xfe0   /* ... PCellID3 at 0xffc */

/* UARTDR read: data bits 7:0 and the character's error bits. */
#define PL011_DR_FE     (1u << 8)
#define PL011_DR_PE     (1u << 9)
#define PL011_DR_BE     (1u << 10)
#define PL011_DR_OE     (1u << 11)

/* UARTFR */
#define PL011_FR_CTS    (1u << 0)
#define PL011_FR_DSR    (1u << 1)
#define PL011_FR_DCD    (1u << 2)
#define PL011_FR_BUSY   (1u << 3)
#define PL011_FR_RXFE   (1u << 4)
#define PL011_FR_TXFF   (1u << 5)
#define PL011_FR_RXFF   (1u << 6)
#define PL011_FR_TXFE   (1u << 7)
#define PL011_FR_RI     (1u << 8)

/* UARTLCR_H */
#define PL011_LCRH_BRK  (1u << 0)
#define PL011_LCRH_FEN  (1u << 4)

/* UARTCR */
#define PL011_CR_UARTEN (1u << 0)
#define PL011_CR_LBE    (1u << 7)
#define PL011_CR_TXE    (1u << 8)
#define PL011_CR_RXE    (1u << 9)
#define PL011_CR_DTR    (1u << 10)
#define PL011_CR_RTS    (1u << 11)
#define PL011_CR_OUT1   (1u << 12)
#define PL011_CR_OUT2   (1u << 13)

/* UARTIMSC / UARTRIS / UARTMIS / UARTICR bits */
#define PL011_INT_RI    (1u << 0)
#define PL011_INT_CTS   (1u << 1)
#define PL011_INT_DCD   (1u << 2)
#define PL011_INT_DSR   (1u << 3)
#define PL011_INT_RX    (1u << 4)
#define PL011_INT_TX    (1u << 5)
#define PL011_INT_RT    (1u << 6)
#define PL011_INT_FE    (1u << 7)
#define PL011_INT_PE    (1u << 8)
#define PL011_INT_BE    (1u << 9)
#define PL011_INT_OE    (1u << 10)
#define PL011_INT_MS    (PL011_INT_RI | PL011_INT_CTS | PL011_INT_DCD | \
                         PL011_INT_DSR)
#define PL011_INT_E     (PL011_INT_FE | PL011_INT_PE | PL011_INT_BE | \
                         PL011_INT_OE)
#define PL011_INT_ALL   0x7ffu

typedef struct PL011State {
    MemoryRegion iomem;
    CharBackend chr;
    qemu_irq irq[PL011_NUM_IRQS];

    /* receive FIFO: 12-bit entries (data + FE/PE/BE/OE), a ring */
    uint16_t rx_fifo[PL011_FIFO_DEPTH];
    unsigned rx_head;           /* index of the oldest entry */
    unsigned rx_count;
    bool rx_overrun;            /* OE goes with the next stored char */

    uint32_t rsr;
    uint32_t ilpr, ibrd, fbrd, lcr_h, cr, ifls;
    uint32_t imsc, ris, dmacr;
    uint32_t modem_in;          /* FR's CTS/DSR/DCD/RI bits */
    bool warned_tx_disabled;    /* logged once per reset */
} PL011State;

/*
 * Sets up the region and the backend (chr may be NULL), then resets.
 * false when chr already has a frontend: the UART then works without a
 * backend and the caller reports the configuration error.
 */
bool pl011_init(PL011State *s, const char *name, Chardev *chr);
/* Detaches the backend and frees the region's name. */
void pl011_destroy(PL011State *s);
/* Every register to its TRM reset value, FIFO emptied, lines updated. */
void pl011_reset(PL011State *s);

static inline MemoryRegion *pl011_mmio(PL011State *s)
{
    return &s->iomem;
}

#endif
