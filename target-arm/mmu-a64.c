/*
 * mmu-a64.c: the AArch64 VMSAv8-64 stage 1 walk for the EL1&0 regime
 * (Arm ARM D8).  The soft TLB's fill path, the AT instructions and the
 * unit tests call arm_mmu_translate(); see mmu-a64.h for the API.
 *
 * The walk, in the order the architecture prioritises its faults:
 *  1. top byte ignore (TBI/TBID) fixes the top VA bit that must be a
 *     sign extension; VA bit 55 picks TTBR0 or TTBR1; an address outside
 *     the selected range, or a range disabled by EPDx, is a translation
 *     fault at level 0;
 *  2. the granule (TGx) and input size (64 - TxSZ) give the starting
 *     level: 4 - ceil((inputsize - granule bits) / (granule bits - 3));
 *     the TTBR base above the output size (IPS, capped by PAMax) is an
 *     address size fault at level 0;
 *  3. each level reads one descriptor: invalid -> translation fault,
 *     a block where the granule allows none -> translation fault, a
 *     table or output address above the output size -> address size
 *     fault, a table read that finds no memory -> external abort on the
 *     walk, all at the level of the descriptor;
 *  4. at the leaf: AF=0 without HA -> access flag fault, then the
 *     permission check -> permission fault;
 *  5. with no fault, HA sets AF and HD clears AP[2] of a DBM descriptor
 *     on a store, by compare-and-swap; a lost race restarts the walk.
 *
 * Permissions of stage 1 with two VA ranges (AP[2:1]):
 *   00: EL1 RW, EL0 --    01: EL1 RW, EL0 RW
 *   10: EL1 R-, EL0 --    11: EL1 R-, EL0 R-
 * APTable[0] removes EL0 access below the table, APTable[1] write
 * access; UXNTable/PXNTable force UXN/PXN.  EL0 executes unless UXN or
 * (WXN and EL0-writable); EL1 executes unless PXN, (WXN and writable)
 * or EL0-writable.  PAN removes EL1 data access to EL0-readable pages.
 */
#include "target-arm/mmu-a64.h"

#define BIT(n)              (1ULL << (n))
/* Bits hi..lo of a 64-bit value, in place (hi >= lo). */
#define BITS_MASK(hi, lo)   ((~0ULL >> (63 - (hi))) & ~(BIT(lo) - 1))

/* Descriptor fields. */
#define DESC_VALID          BIT(0)
#define DESC_TABLE          BIT(1)      /* table (L0-2) or page (L3) */
#define DESC_ATTRINDX_SHIFT 2
#define DESC_AP1            BIT(6)      /* EL0 access */
#define DESC_AP2            BIT(7)      /* read-only (nDirty under DBM) */
#define DESC_SH_SHIFT       8
#define DESC_AF             BIT(10)
#define DESC_NG             BIT(11)
#define DESC_DBM            BIT(51)
#define DESC_PXN            BIT(53)
#define DESC_UXN            BIT(54)
#define DESC_PXNTABLE       BIT(59)
#define DESC_UXNTABLE       BIT(60)
#define DESC_APTABLE0       BIT(61)     /* no EL0 access below */
#define DESC_APTABLE1       BIT(62)     /* no write access below */

/* Walk restarts after lost compare-and-swap races before giving up. */
#define MAX_CAS_RETRIES     64

uint8_t arm_mmu_fsc(ArmMMUFaultType type, int level)
{
    uint8_t lvl = level & 3;

    switch (type) {
    case ARM_MMU_FAULT_ADDRESS_SIZE:
        return 0x00 | lvl;
    case ARM_MMU_FAULT_TRANSLATION:
        return 0x04 | lvl;
    case ARM_MMU_FAULT_ACCESS_FLAG:
        return 0x08 | lvl;
    case ARM_MMU_FAULT_PERMISSION:
        return 0x0c | lvl;
    case ARM_MMU_FAULT_WALK_EXTERNAL:
        return 0x14 | lvl;
    default:
        return 0;
    }
}

uint32_t arm_mmu_abort_esr(ArmMMUFaultType type, int level,
                           const ArmMMUAccess *acc)
{
    bool fetch = acc->type == ARM_MMU_FETCH;
    uint32_t ec, iss = arm_mmu_fsc(type, level);

    if (fetch) {
        ec = acc->el == 0 ? ARM_EC_IABT_LOWER : ARM_EC_IABT_SAME;
    } else {
        ec = acc->el == 0 ? ARM_EC_DABT_LOWER : ARM_EC_DABT_SAME;
        if (acc->cache_maint) {
            iss |= ARM_ISS_CM | ARM_ISS_WNR;
        } else if (acc->type == ARM_MMU_STORE) {
            iss |= ARM_ISS_WNR;
        }
    }
    return ec << 26 | ARM_ESR_IL | iss;
}

static bool set_fault(ArmMMUResult *res, const ArmMMUAccess *acc,
                      ArmMMUFaultType type, int level)
{
    ArmMMUFault *f = &res->fault;

    f->type = type;
    f->level = level;
    f->fsc = arm_mmu_fsc(type, level);
    f->esr = arm_mmu_abort_esr(type, level, acc);
    f->ec = f->esr >> 26;
    f->iss = f->esr & 0x1ffffff;
    f->far = acc->va;
    return false;
}

/* Output address size in bits from TCR_EL1.IPS, capped by PAMax. */
static unsigned output_size(const ArmMMUState *st)
{
    static const uint8_t ips_bits[8] = { 32, 36, 40, 42, 44, 48, 52, 0 };
    unsigned pamax = st->pamax ? st->pamax : 48;
    unsigned ips = ips_bits[(st->tcr >> ARM_TCR_IPS_SHIFT) & 7];

    /* 52 needs FEAT_LPA; the reserved value behaves as an implemented one. */
    if (ips == 0 || ips > pamax) {
        ips = pamax;
    }
    return ips > 48 ? 48 : ips;
}

/* log2 of the granule from TG0/TG1 (their encodings differ). */
static unsigned granule_bits(const ArmMMUState *st, bool hi)
{
    unsigned avail = st->granules ? st->granules : 7;
    unsigned gran;

    if (hi) {
        switch ((st->tcr >> ARM_TCR_TG1_SHIFT) & 3) {
        case 1:
            gran = ARM_MMU_GRAN_16K;
            break;
        case 3:
            gran = ARM_MMU_GRAN_64K;
            break;
        default:                    /* 2, and reserved 0 */
            gran = ARM_MMU_GRAN_4K;
            break;
        }
    } else {
        switch ((st->tcr >> ARM_TCR_TG0_SHIFT) & 3) {
        case 1:
            gran = ARM_MMU_GRAN_64K;
            break;
        case 2:
            gran = ARM_MMU_GRAN_16K;
            break;
        default:                    /* 0, and reserved 3 */
            gran = ARM_MMU_GRAN_4K;
            break;
        }
    }
    /*
     * A reserved or unimplemented granule is treated as an implemented
     * one (the choice the architecture leaves to us): 4K, else 64K.
     */
    if (!(gran & avail)) {
        gran = (avail & ARM_MMU_GRAN_4K) ? ARM_MMU_GRAN_4K
             : (avail & ARM_MMU_GRAN_64K) ? ARM_MMU_GRAN_64K
             : ARM_MMU_GRAN_16K;
    }
    return gran == ARM_MMU_GRAN_4K ? 12 : gran == ARM_MMU_GRAN_16K ? 14 : 16;
}

/* Can a block descriptor appear at this level (without FEAT_LPA/LPA2)? */
static bool block_allowed(unsigned gbits, int level)
{
    if (gbits == 12) {
        return level == 1 || level == 2;
    }
    return level == 2;
}

/* The highest VA bit that takes part in translation (AddrTop). */
static unsigned addr_top(const ArmMMUState *st, uint64_t va, bool fetch)
{
    bool hi = va & BIT(55);
    bool tbi = st->tcr & (hi ? ARM_TCR_TBI1 : ARM_TCR_TBI0);
    bool tbid = st->tcr & (hi ? ARM_TCR_TBID1 : ARM_TCR_TBID0);

    return tbi && !(fetch && tbid) ? 55 : 63;
}

/* Stage 1 disabled: a flat map, Device for data, Normal for fetches. */
static bool translate_off(const ArmMMUState *st, const ArmMMUAccess *acc,
                          ArmMMUResult *res)
{
    unsigned pamax = st->pamax ? st->pamax : 48;
    unsigned top = addr_top(st, acc->va, acc->type == ARM_MMU_FETCH);

    if (acc->va & BITS_MASK(top, pamax)) {
        return set_fault(res, acc, ARM_MMU_FAULT_ADDRESS_SIZE, 0);
    }
    res->pa = acc->va & (BIT(pamax) - 1);
    res->page_shift = 12;
    res->level = -1;
    res->prot = res->prot_el0 = res->prot_el1 =
        ARM_MMU_PROT_R | ARM_MMU_PROT_W | ARM_MMU_PROT_X;
    res->attrindx = 0;
    if (acc->type == ARM_MMU_FETCH) {
        /* Normal, Outer Shareable; write-through if SCTLR.I, else NC. */
        res->mair_attr = (st->sctlr & ARM_SCTLR_I) ? 0xaa : 0x44;
    } else {
        res->mair_attr = 0x00;          /* Device-nGnRnE */
    }
    res->sh = 2;
    res->ng = false;
    res->asid = 0;
    return true;
}

static uint64_t bswap64(uint64_t v)
{
    return __builtin_bswap64(v);
}

bool arm_mmu_translate(const ArmMMUState *st, const ArmMMUAccess *acc,
                       const ArmMMUPhys *phys, ArmMMUResult *res)
{
    const uint64_t va = acc->va;
    const bool fetch = acc->type == ARM_MMU_FETCH;
    const bool store = acc->type == ARM_MMU_STORE;
    const bool be = st->sctlr & ARM_SCTLR_EE;
    /* LDTR/STTR at EL1 are checked as EL0 unless PSTATE.UAO. */
    const bool priv = acc->el != 0 && !(acc->unpriv && !st->uao);
    bool hi, ha, hd, hpd;
    unsigned top, tsz, inputsize, gbits, stride, outsize, start_bits;
    int level, start_level, retries = 0;
    uint64_t ttbr, base;
    uint16_t asid;

    res->fault.type = ARM_MMU_FAULT_NONE;
    if (!(st->sctlr & ARM_SCTLR_M)) {
        return translate_off(st, acc, res);
    }

    /* 1. The VA range. */
    hi = va & BIT(55);
    top = addr_top(st, va, fetch);
    tsz = (st->tcr >> (hi ? ARM_TCR_T1SZ_SHIFT : ARM_TCR_T0SZ_SHIFT)) & 0x3f;
    /*
     * Out-of-range TxSZ behaves as the nearest supported value (one of
     * the two behaviours the architecture permits): 48..25 bits.
     */
    if (tsz < 16) {
        tsz = 16;
    } else if (tsz > 39) {
        tsz = 39;
    }
    inputsize = 64 - tsz;
    /* va[top:inputsize] must all equal the range's bit 55 */
    if ((va & BITS_MASK(top, inputsize)) !=
        (hi ? BITS_MASK(top, inputsize) : 0)) {
        return set_fault(res, acc, ARM_MMU_FAULT_TRANSLATION, 0);
    }
    if (st->tcr & (hi ? ARM_TCR_EPD1 : ARM_TCR_EPD0)) {
        return set_fault(res, acc, ARM_MMU_FAULT_TRANSLATION, 0);
    }
    /* FEAT_E0PD: EL0 (not LDTR at EL1) may not use this half at all. */
    if (acc->el == 0 && (st->tcr & (hi ? ARM_TCR_E0PD1 : ARM_TCR_E0PD0))) {
        return set_fault(res, acc, ARM_MMU_FAULT_TRANSLATION, 0);
    }

    /* 2. Granule, starting level, table base, ASID. */
    gbits = granule_bits(st, hi);
    stride = gbits - 3;
    outsize = output_size(st);
    start_level = 4 - (int)((inputsize - gbits + stride - 1) / stride);
    start_bits = inputsize - (gbits + (3 - start_level) * stride);
    ttbr = hi ? st->ttbr1 : st->ttbr0;
    /* BADDR bits below the table's alignment are treated as zero. */
    base = ttbr & BITS_MASK(47, start_bits + 3);
    if (base & BITS_MASK(47, outsize)) {
        return set_fault(res, acc, ARM_MMU_FAULT_ADDRESS_SIZE, 0);
    }
    asid = ((st->tcr & ARM_TCR_A1) ? st->ttbr1 : st->ttbr0) >> 48;
    if (!(st->tcr & ARM_TCR_AS)) {
        asid &= 0xff;
    }
    ha = (st->tcr & ARM_TCR_HA) && phys->cas64;
    hd = ha && (st->tcr & ARM_TCR_HD);
    hpd = st->tcr & (hi ? ARM_TCR_HPD1 : ARM_TCR_HPD0);

    for (;;) {
        /* Table attributes accumulated down the walk. */
        bool no_el0 = false, ro = false, uxn_t = false, pxn_t = false;
        bool user_r, user_w, priv_r, priv_w, user_x, priv_x, wxn, clean;
        bool ok, af;
        uint64_t table = base, desc, raw, descaddr = 0, oa, newdesc;
        unsigned shift = 0;
        uint8_t prot_el0, prot_el1, prot;

        /* 3. Descend. */
        for (level = start_level; ; level++) {
            unsigned nbits = level == start_level ? start_bits : stride;

            shift = gbits + (3 - level) * stride;
            descaddr = table + ((va >> shift) & (BIT(nbits) - 1)) * 8;
            if (!phys->read64(phys->opaque, descaddr, &raw)) {
                return set_fault(res, acc, ARM_MMU_FAULT_WALK_EXTERNAL, level);
            }
            desc = be ? bswap64(raw) : raw;
            if (!(desc & DESC_VALID)) {
                return set_fault(res, acc, ARM_MMU_FAULT_TRANSLATION, level);
            }
            if (!(desc & DESC_TABLE)) {
                if (!block_allowed(gbits, level)) {
                    return set_fault(res, acc, ARM_MMU_FAULT_TRANSLATION,
                                     level);
                }
                break;                  /* block */
            }
            if (level == 3) {
                break;                  /* page */
            }
            table = desc & BITS_MASK(47, gbits);
            if (table & BITS_MASK(47, outsize)) {
                return set_fault(res, acc, ARM_MMU_FAULT_ADDRESS_SIZE, level);
            }
            if (!hpd) {
                no_el0 |= !!(desc & DESC_APTABLE0);
                ro |= !!(desc & DESC_APTABLE1);
                uxn_t |= !!(desc & DESC_UXNTABLE);
                pxn_t |= !!(desc & DESC_PXNTABLE);
            }
        }

        /* 4. The leaf: output address, Access flag, permissions. */
        oa = desc & BITS_MASK(47, shift);
        if (oa & BITS_MASK(47, outsize)) {
            return set_fault(res, acc, ARM_MMU_FAULT_ADDRESS_SIZE, level);
        }
        af = desc & DESC_AF;
        if (!af && !ha) {
            return set_fault(res, acc, ARM_MMU_FAULT_ACCESS_FLAG, level);
        }

        /*
         * Under HD, DBM=1 makes AP[2] a dirty flag: the page counts as
         * writable and a store clears AP[2].  APTable[1] still wins.
         */
        clean = hd && (desc & DESC_DBM) && (desc & DESC_AP2) && !ro;
        ro |= (desc & DESC_AP2) && !clean;
        user_r = (desc & DESC_AP1) && !no_el0;
        user_w = user_r && !ro;
        priv_r = true;
        priv_w = !ro;
        wxn = st->sctlr & ARM_SCTLR_WXN;
        user_x = !((desc & DESC_UXN) || uxn_t || (user_w && wxn));
        priv_x = !((desc & DESC_PXN) || pxn_t || (priv_w && wxn) || user_w);

        prot_el0 = (user_r ? ARM_MMU_PROT_R : 0) |
                   (user_w ? ARM_MMU_PROT_W : 0) |
                   (user_x ? ARM_MMU_PROT_X : 0);
        prot_el1 = (priv_r ? ARM_MMU_PROT_R : 0) |
                   (priv_w ? ARM_MMU_PROT_W : 0) |
                   (priv_x ? ARM_MMU_PROT_X : 0);
        prot = priv ? prot_el1 : prot_el0;
        if (priv && st->pan && user_r && !acc->cache_maint) {
            prot &= ~(ARM_MMU_PROT_R | ARM_MMU_PROT_W);
        }
        ok = prot & (fetch ? ARM_MMU_PROT_X
                     : store ? ARM_MMU_PROT_W : ARM_MMU_PROT_R);
        if (!ok) {
            return set_fault(res, acc, ARM_MMU_FAULT_PERMISSION, level);
        }

        /* 5. Hardware updates, only for an access that does not fault. */
        newdesc = desc | (ha ? DESC_AF : 0);
        if (clean && store && !acc->cache_maint) {
            newdesc &= ~DESC_AP2;
            clean = false;
        }
        if (newdesc != desc) {
            ArmMMUCas r = phys->cas64(phys->opaque, descaddr, raw,
                                      be ? bswap64(newdesc) : newdesc);

            if (r == ARM_MMU_CAS_ERROR) {
                return set_fault(res, acc, ARM_MMU_FAULT_WALK_EXTERNAL, level);
            }
            if (r == ARM_MMU_CAS_CHANGED) {
                if (++retries > MAX_CAS_RETRIES) {
                    /*
                     * Another agent keeps rewriting the tables: give up
                     * the access with an external abort rather than spin.
                     */
                    return set_fault(res, acc, ARM_MMU_FAULT_WALK_EXTERNAL,
                                     level);
                }
                continue;
            }
        }
        if (clean) {
            /* Not dirty yet: a store must come back to set the flag. */
            prot &= ~ARM_MMU_PROT_W;
            prot_el0 &= ~ARM_MMU_PROT_W;
            prot_el1 &= ~ARM_MMU_PROT_W;
        }

        res->pa = oa | (va & (BIT(shift) - 1));
        res->page_shift = shift;
        res->level = level;
        res->prot = prot;
        res->prot_el0 = prot_el0;
        res->prot_el1 = prot_el1;
        res->attrindx = (desc >> DESC_ATTRINDX_SHIFT) & 7;
        res->mair_attr = st->mair >> (8 * res->attrindx);
        res->sh = (desc >> DESC_SH_SHIFT) & 3;
        res->ng = desc & DESC_NG;
        res->asid = asid;
        return true;
    }
}
