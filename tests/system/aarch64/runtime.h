/*
 * runtime.h: the shared runtime of the bare-metal tests (start.S,
 * uart.c, psci.c, exc.c, mmu.c).
 *
 * Each program is an ELF linked at 0x40080000 (link.ld) for the virt
 * board's RAM, loaded with -kernel, entered at EL1 with the MMU off.
 * It prints TAP lines over the PL011 ("ok N - what" / "not ok N -
 * what"), ends with "1..N" and powers off with PSCI SYSTEM_OFF (HVC),
 * so the emulator exits with status 0.  Built with -mgeneral-regs-only.
 */
#ifndef SYSTESTS_RUNTIME_H
#define SYSTESTS_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The virt board's memory map. */
#define VIRT_GICD       0x08000000ul
#define VIRT_GICC       0x08010000ul
#define VIRT_GICR       0x080a0000ul
#define VIRT_UART       0x09000000ul
#define VIRT_RTC        0x09010000ul
#define VIRT_RAM        0x40000000ul

#define read_sysreg(r) ({ uint64_t v_; __asm__ volatile("mrs %0, " #r : "=r"(v_)); v_; })
#define write_sysreg(r, v) __asm__ volatile("msr " #r ", %0" : : "r"((uint64_t)(v)) : "memory")
#define isb() __asm__ volatile("isb" : : : "memory")
#define dsb(o) __asm__ volatile("dsb " #o : : : "memory")

static inline uint32_t mmio_read32(uintptr_t a) { return *(volatile uint32_t *)a; }
static inline void mmio_write32(uintptr_t a, uint32_t v) { *(volatile uint32_t *)a = v; }
static inline uint8_t mmio_read8(uintptr_t a) { return *(volatile uint8_t *)a; }
static inline void mmio_write8(uintptr_t a, uint8_t v) { *(volatile uint8_t *)a = v; }

/* uart.c: PL011 output (TX only), and a tiny printf. */
void uart_putc(char c);
void uart_puts(const char *s);
void rt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* TAP: one line per check, "1..N" at the end (tap_done). */
bool tap_check(bool cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Check a value: on failure prints the expected and actual values. */
bool tap_eq(uint64_t got, uint64_t want, const char *what);
void tap_skip(const char *what, const char *why);
/* Print "1..N" and power off. */
void tap_done(void) __attribute__((noreturn));

/* psci.c: SMCCC calls through HVC #0. */
int64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
void psci_system_off(void) __attribute__((noreturn));

/* Exception frame, as start.S builds it (36 words). */
typedef struct ExcFrame {
    uint64_t x[31];
    uint64_t sp;
    uint64_t elr, spsr, esr, far;
} ExcFrame;

/* Vector indexes (offset / 0x80). */
enum {
    VEC_CUR_SP0_SYNC = 0, VEC_CUR_SP0_IRQ = 1,
    VEC_CUR_SPX_SYNC = 4, VEC_CUR_SPX_IRQ = 5,
    VEC_LOW64_SYNC = 8, VEC_LOW64_IRQ = 9,
    VEC_LOW32_SYNC = 12,
};

/* Exception classes (ESR_EL1.EC, bits 31:26). */
#define EC_UNKNOWN      0x00
#define EC_SVC64        0x15
#define EC_HVC64        0x16
#define EC_SYSREG       0x18
#define EC_IABT_LOW     0x20
#define EC_IABT_CUR     0x21
#define EC_PC_ALIGN     0x22
#define EC_DABT_LOW     0x24
#define EC_DABT_CUR     0x25
#define EC_SP_ALIGN     0x26
#define EC_BRK64        0x3c
#define ESR_EC(esr)     (((esr) >> 26) & 0x3f)
#define ESR_IL          (1u << 25)
#define ESR_ISS(esr)    ((esr) & 0x1ffffff)
#define ESR_WNR         (1u << 6)
#define ESR_FSC(esr)    ((esr) & 0x3f)
#define FSC_TRANS(l)    (0x04 + (l))
#define FSC_ACCESS(l)   (0x08 + (l))
#define FSC_PERM(l)     (0x0c + (l))
#define FSC_ALIGN       0x21

/*
 * exc.c: the C side of the vectors.  A program installs a handler for
 * the exceptions it provokes; it returns true when it handled the
 * exception (and set frame->elr where to resume).  Without a handler,
 * or when it returns false, a synchronous exception is recorded in
 * exc_last (count incremented) and execution resumes after the faulting
 * instruction (ELR + 4, except for SVC/HVC whose ELR already points
 * after); an unexpected IRQ/FIQ/SError prints "not ok" and powers off.
 */
typedef bool ExcHandler(ExcFrame *f, int vec);
extern ExcHandler *exc_handler;

typedef struct ExcRecord {
    unsigned count;
    int vec;
    uint64_t esr, elr, far, spsr;
} ExcRecord;
extern volatile ExcRecord exc_last;
void exc_reset(void);

/*
 * Run fn(arg) at EL0 (SP_EL0 = a static EL0 stack, DAIF masked as at
 * EL1 on entry); fn must end with svc #0xe0: exc.c then returns to the
 * caller at EL1 with fn's result (x0 at the SVC).  EL0 code and stack
 * must be accessible at EL0 when the MMU is on.
 */
uint64_t run_at_el0(uint64_t (*fn)(uint64_t), uint64_t arg);
#define SVC_EL0_RETURN  0xe0

/* mmu.c: an identity map for programs that only need normal memory. */
#define MAIR_DEVICE_IDX 0       /* Device-nGnRnE */
#define MAIR_NORMAL_IDX 1       /* Normal write-back */
#define MAIR_NC_IDX     2       /* Normal non-cacheable */
#define MAIR_VALUE      0x000000000044ff00ul
/* Descriptor bits (4K and 64K granules, stage 1). */
#define PTE_VALID       (1ul << 0)
#define PTE_TABLE       (1ul << 1)     /* table or level-3 page */
#define PTE_PAGE        (1ul << 1)
#define PTE_ATTR(i)     ((uint64_t)(i) << 2)
#define PTE_AP_EL0      (1ul << 6)     /* AP[1]: EL0 access */
#define PTE_AP_RO       (1ul << 7)     /* AP[2]: read-only */
#define PTE_SH_INNER    (3ul << 8)
#define PTE_AF          (1ul << 10)
#define PTE_NG          (1ul << 11)
#define PTE_PXN         (1ul << 53)
#define PTE_UXN         (1ul << 54)
#define PTE_NORMAL      (PTE_ATTR(MAIR_NORMAL_IDX) | PTE_SH_INNER | PTE_AF)
#define PTE_DEVICE      (PTE_ATTR(MAIR_DEVICE_IDX) | PTE_AF | PTE_PXN | PTE_UXN)

/*
 * Identity-map the first 4 GiB with 1 GiB blocks (device below RAM,
 * normal RAM from 0x40000000, EL1 only, executable) with a 39-bit
 * TTBR0, and turn the MMU and caches on.  mmu_off() turns them off.
 */
void mmu_identity_on(void);
void mmu_off(void);
void tlbi_all(void);

/* Secondary CPU support (psci test). */
extern char secondary_entry[];
void secondary_main(uint64_t arg);

/* Freestanding helpers (the compiler may call memset/memcpy). */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

#endif
