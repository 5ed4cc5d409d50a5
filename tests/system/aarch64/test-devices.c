/*
 * test-devices.c: the virt board's simple devices as a driver probes
 * them.  PL011 and PL031 PrimeCell IDs (Linux's AMBA bus matches
 * PeriphID & 0x000fffff: 0x00041011 for the PL011, 0x00041031 for the
 * PL031) and the PL031 counting seconds; the 32 virtio-mmio slots at
 * 0x0a000000 + 0x200 n (MagicValue "virt", Version 1 or 2, DeviceID 0
 * when empty); run with -device virtio-rng-device, exactly one slot
 * holds an entropy device (DeviceID 4, VendorID "QEMU" not required).
 */
#include "runtime.h"

#define PCELL_ID        0xb105f00du
#define VIRTIO_BASE     0x0a000000ul
#define VIRTIO_SLOTS    32
#define VIRTIO_MAGIC    0x74726976u     /* "virt" */
#define VIRTIO_ID_RNG   4

static uint32_t id_regs(uintptr_t base, unsigned first)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < 4; i++) {
        v |= (mmio_read32(base + first + 4 * i) & 0xff) << (8 * i);
    }
    return v;
}

int main(void)
{
    uint32_t pid, cid;

    pid = id_regs(VIRT_UART, 0xfe0);
    cid = id_regs(VIRT_UART, 0xff0);
    rt_printf("# PL011 PeriphID 0x%08x PCellID 0x%08x\n", pid, cid);
    tap_eq(pid & 0x000fffff, 0x00041011, "PL011 PeriphID matches Linux's AMBA id");
    tap_eq(cid, PCELL_ID, "PL011 PrimeCell ID 0xb105f00d");
    pid = id_regs(VIRT_RTC, 0xfe0);
    cid = id_regs(VIRT_RTC, 0xff0);
    rt_printf("# PL031 PeriphID 0x%08x PCellID 0x%08x\n", pid, cid);
    tap_eq(pid & 0x000fffff, 0x00041031, "PL031 PeriphID matches Linux's AMBA id");
    tap_eq(cid, PCELL_ID, "PL031 PrimeCell ID 0xb105f00d");

    /* A pair of device registers: LDP takes the slow path, word by word. */
    {
        uint32_t c0, c1;

        __asm__ volatile("ldp %w0, %w1, [%2]" : "=r"(c0), "=r"(c1)
                         : "r"(VIRT_UART + 0xff0) : "memory");
        tap_check(c0 == 0x0d && c1 == 0xf0,
                  "LDP of two PL011 PrimeCell ID registers reads 0x0d, 0xf0");
    }

    /* The RTC counts seconds: across 1.5 s it advances by 1 or 2. */
    uint64_t freq = read_sysreg(cntfrq_el0);
    uint32_t r0 = mmio_read32(VIRT_RTC), r1;
    uint64_t t0 = read_sysreg(cntvct_el0);
    while (read_sysreg(cntvct_el0) - t0 < freq * 3 / 2) {
    }
    r1 = mmio_read32(VIRT_RTC);
    rt_printf("# RTCDR %u -> %u across 1.5 s\n", r0, r1);
    tap_check(r0 > 1577836800u, "PL031 RTCDR is after 2020-01-01");
    tap_check(r1 - r0 >= 1 && r1 - r0 <= 2, "PL031 RTCDR advances by 1-2 across 1.5 s");

    unsigned magic_ok = 0, version_ok = 0, rng = 0, others = 0;
    uint32_t version = 0;
    for (unsigned i = 0; i < VIRTIO_SLOTS; i++) {
        uintptr_t b = VIRTIO_BASE + 0x200ul * i;
        uint32_t m = mmio_read32(b + 0x000), v = mmio_read32(b + 0x004);
        uint32_t dev = mmio_read32(b + 0x008);
        magic_ok += m == VIRTIO_MAGIC;
        version_ok += v == 1 || v == 2;
        version = v;
        if (dev == VIRTIO_ID_RNG) {
            rng++;
            rt_printf("# slot %u: virtio-rng, version %u, vendor 0x%x\n", i, v,
                      mmio_read32(b + 0x00c));
        } else if (dev != 0) {
            others++;
            rt_printf("# slot %u: device id %u\n", i, dev);
        }
    }
    rt_printf("# virtio-mmio version %u\n", version);
    tap_eq(magic_ok, VIRTIO_SLOTS, "32 virtio-mmio slots read MagicValue \"virt\"");
    tap_eq(version_ok, VIRTIO_SLOTS, "... with Version 1 or 2");
    tap_eq(rng, 1, "exactly one slot holds the virtio-rng device (-device virtio-rng-device)");
    tap_eq(others, 0, "no other device present");
    return 0;
}
