/*
 * hw/rtc/pl031.c: the ARM PrimeCell Real Time Clock (PL031), the virt
 * board's RTC (Linux's rtc-pl031 reads the time from it at boot).
 * See include/hw/rtc/pl031.h for the region, the IRQ and the clock
 * hooks the board provides.
 *
 * Reference: ARM PrimeCell RTC (PL031) TRM r1p3 (ARM DDI 0224),
 * chapter 3 (registers).
 *
 * Model.  The 32-bit counter is not stored: it is computed from the
 * board's clock as floor(now / 1 s) + offset, so it runs without any
 * host timer; RTCLR moves the offset.  The match interrupt needs a
 * timer: the device arms it for the second at which the counter next
 * steps onto RTCMR (up to 2^32 s ahead, the wrap), and sets RTCRIS
 * when it expires.  Loading RTCLR with the value of RTCMR is not a
 * step, so it does not match until the counter comes round again.
 *
 * RTCCR: bit 0 (RTC start) reads as 1.  The TRM's reset value is 0,
 * with the counter held until software writes 1, after which writes
 * have no effect until a reset.  A virtual machine's RTC is a clock
 * that was already running when the machine powered on, so it is
 * always started, and writes to RTCCR are ignored.
 */
#include <inttypes.h>

#include "hw/rtc/pl031.h"
#include "qemu/log.h"

/* RTCPeriphID0-3, RTCPCellID0-3 (TRM 3.3.9-3.3.16): part 0x031, r1. */
static const uint8_t pl031_id[8] = {
    0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

/* Whole seconds of the board's clock, rounded down (also below 0). */
static int64_t pl031_host_secs(PL031State *s)
{
    int64_t ns = s->now(s->clock_opaque);
    int64_t secs = ns / PL031_NS_PER_SEC;

    if (ns % PL031_NS_PER_SEC < 0) {
        secs--;
    }
    return secs;
}

uint32_t pl031_get_count(PL031State *s)
{
    return (uint32_t)pl031_host_secs(s) + s->offset;
}

static void pl031_update(PL031State *s)
{
    qemu_set_irq(s->irq, (s->ris & s->imsc) != 0);
}

/* Arms the timer for the next step of the counter onto RTCMR. */
static void pl031_rearm(PL031State *s)
{
    int64_t secs, at;
    uint64_t delta;

    if (!s->arm) {
        return;
    }
    secs = pl031_host_secs(s);
    delta = (uint32_t)(s->mr - ((uint32_t)secs + s->offset));
    if (delta == 0) {
        delta = 1ull << 32;
    }
    if (secs > INT64_MAX / PL031_NS_PER_SEC - (int64_t)delta) {
        s->deadline_ns = -1;            /* beyond any clock: never */
    } else {
        at = secs + (int64_t)delta;
        s->deadline_ns = at < 0 ? 0 : at * PL031_NS_PER_SEC;
    }
    s->arm(s->clock_opaque, s->deadline_ns);
}

void pl031_timer_expired(PL031State *s)
{
    if (s->deadline_ns < 0) {
        return;
    }
    if (s->now(s->clock_opaque) >= s->deadline_ns) {
        s->ris = 1;
        pl031_update(s);
    }
    /* Early (the host clock stepped back): re-arm; on time: next wrap. */
    pl031_rearm(s);
}

void pl031_set_time(PL031State *s, uint32_t seconds)
{
    s->offset = seconds - (uint32_t)pl031_host_secs(s);
    pl031_rearm(s);
}

static uint32_t pl031_read_reg(PL031State *s, hwaddr offset)
{
    switch (offset) {
    case PL031_DR:          /* RTCDR */
        return pl031_get_count(s);
    case PL031_MR:          /* RTCMR */
        return s->mr;
    case PL031_LR:          /* RTCLR: the last value loaded */
        return s->lr;
    case PL031_CR:          /* RTCCR: always started */
        return 1;
    case PL031_IMSC:        /* RTCIMSC */
        return s->imsc;
    case PL031_RIS:         /* RTCRIS */
        return s->ris;
    case PL031_MIS:         /* RTCMIS */
        return s->ris & s->imsc;
    case PL031_ICR:         /* RTCICR: write-only */
        qemu_log_mask(LOG_GUEST_ERROR, "pl031: read of write-only RTCICR\n");
        return 0;
    default:
        if (offset >= PL031_PERIPHID0 && offset < PL031_MMIO_SIZE) {
            /* RTCPeriphID0-3, RTCPCellID0-3 */
            return pl031_id[(offset - PL031_PERIPHID0) >> 2];
        }
        qemu_log_mask(LOG_GUEST_ERROR, "pl031: read of bad offset 0x%03x\n",
                      (unsigned)offset);
        return 0;
    }
}

static void pl031_write_reg(PL031State *s, hwaddr offset, uint32_t val)
{
    switch (offset) {
    case PL031_MR:          /* RTCMR */
        s->mr = val;
        pl031_rearm(s);
        break;
    case PL031_LR:          /* RTCLR */
        s->lr = val;
        pl031_set_time(s, val);
        break;
    case PL031_CR:          /* RTCCR: started for good, see above */
        break;
    case PL031_IMSC:        /* RTCIMSC */
        s->imsc = val & 1;
        pl031_update(s);
        break;
    case PL031_ICR:         /* RTCICR */
        s->ris &= ~(val & 1);
        pl031_update(s);
        break;
    case PL031_DR:
    case PL031_RIS:
    case PL031_MIS:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "pl031: write 0x%x to read-only offset 0x%03x\n",
                      val, (unsigned)offset);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "pl031: write 0x%x to bad offset 0x%03x\n",
                      val, (unsigned)offset);
        break;
    }
}

static bool pl031_access_ok(hwaddr addr, unsigned size, bool is_write)
{
    if (size == 4 && !(addr & 3) && addr < PL031_MMIO_SIZE) {
        return true;
    }
    qemu_log_mask(LOG_GUEST_ERROR,
                  "pl031: bad %u-byte %s at offset 0x%" PRIx64 "\n",
                  size, is_write ? "write" : "read", (uint64_t)addr);
    return false;
}

static uint64_t pl031_mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    if (!pl031_access_ok(addr, size, false)) {
        return 0;
    }
    return pl031_read_reg(opaque, addr);
}

static void pl031_mmio_write(void *opaque, hwaddr addr, uint64_t data,
                             unsigned size)
{
    if (pl031_access_ok(addr, size, true)) {
        pl031_write_reg(opaque, addr, (uint32_t)data);
    }
}

/*
 * valid/impl 1..4 so that narrow accesses reach the device and are
 * refused (and logged) here, naming the device.
 */
static const MemoryRegionOps pl031_ops = {
    .read = pl031_mmio_read,
    .write = pl031_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

void pl031_reset(PL031State *s)
{
    s->mr = 0;
    s->lr = 0;
    s->imsc = 0;
    s->ris = 0;
    pl031_update(s);
    pl031_rearm(s);
}

void pl031_init(PL031State *s, const char *name, PL031NowFn *now,
                PL031ArmFn *arm, void *clock_opaque)
{
    memory_region_init_io(&s->iomem, &pl031_ops, s, name, PL031_MMIO_SIZE);
    s->irq = NULL;
    s->now = now;
    s->arm = arm;
    s->clock_opaque = clock_opaque;
    s->offset = 0;
    s->deadline_ns = -1;
    pl031_reset(s);
}

void pl031_destroy(PL031State *s)
{
    if (s->arm && s->deadline_ns >= 0) {
        s->arm(s->clock_opaque, -1);
    }
    s->deadline_ns = -1;
    memory_region_destroy(&s->iomem);
}
