/*
 * mmu-a64.h: the AArch64 VMSAv8-64 stage 1 translation table walk for
 * the EL1&0 translation regime (Arm ARM D8, "The AArch64 Virtual Memory
 * System Architecture").
 *
 * A pure function: the caller passes the system register values, the
 * access and two callbacks that read (and, for the hardware Access flag
 * and dirty state updates, compare-and-swap) 8-byte descriptors at
 * physical addresses.  The result is either a translation, with the
 * permissions the soft TLB caches for each MMU index, or a fault with
 * the ESR/FAR values that exception entry writes.  Nothing here touches
 * CPU state, so the walk serves TLB fills, AT instructions and tests
 * alike.
 *
 * Supported: 4K, 16K and 64K granules; input sizes 25..48 bits from
 * T0SZ/T1SZ (39/42/48 and everything between); TTBR0 and TTBR1 ranges,
 * EPD0/EPD1, TBI0/TBI1 (and TBID0/TBID1 for instruction fetches);
 * blocks at the levels each granule allows; table attributes (APTable,
 * UXNTable, PXNTable, ignored under HPD0/HPD1); AP[2:1], UXN, PXN, WXN,
 * PAN, UAO; IPS limited by the implemented PA size; ASIDs (A1, AS);
 * hardware Access flag (HA) and dirty state (HD with DBM) updates;
 * big-endian walks (SCTLR_EL1.EE); the MMU-off flat mapping; FEAT_E0PD.
 *
 * Not emulated: 52-bit addresses (FEAT_LPA/LPA2/LVA), the contiguous
 * hint (each entry is treated on its own, which the architecture
 * allows), stage 2 and the EL2/EL3 regimes, FEAT_PAN3 (EPAN),
 * TLB conflict aborts.  Alignment checks (SCTLR_EL1.A, Device memory)
 * belong to the caller, which sees the memory attributes in the result.
 */
#ifndef TARGET_ARM_MMU_A64_H
#define TARGET_ARM_MMU_A64_H

#include <stdbool.h>
#include <stdint.h>

/* The register fields the walk reads. */
#define ARM_SCTLR_M     (1ULL << 0)     /* stage 1 enable */
#define ARM_SCTLR_A     (1ULL << 1)     /* alignment check (caller's) */
#define ARM_SCTLR_I     (1ULL << 12)    /* instruction cacheability */
#define ARM_SCTLR_WXN   (1ULL << 19)    /* write implies XN */
#define ARM_SCTLR_SPAN  (1ULL << 23)    /* exception entry's, not ours */
#define ARM_SCTLR_EE    (1ULL << 25)    /* big-endian table walks */

#define ARM_TCR_T0SZ_SHIFT  0           /* 6 bits */
#define ARM_TCR_EPD0        (1ULL << 7)
#define ARM_TCR_TG0_SHIFT   14          /* 00 4K, 01 64K, 10 16K */
#define ARM_TCR_T1SZ_SHIFT  16          /* 6 bits */
#define ARM_TCR_A1          (1ULL << 22)
#define ARM_TCR_EPD1        (1ULL << 23)
#define ARM_TCR_TG1_SHIFT   30          /* 01 16K, 10 4K, 11 64K */
#define ARM_TCR_IPS_SHIFT   32          /* 3 bits */
#define ARM_TCR_AS          (1ULL << 36)
#define ARM_TCR_TBI0        (1ULL << 37)
#define ARM_TCR_TBI1        (1ULL << 38)
#define ARM_TCR_HA          (1ULL << 39)
#define ARM_TCR_HD          (1ULL << 40)
#define ARM_TCR_HPD0        (1ULL << 41)
#define ARM_TCR_HPD1        (1ULL << 42)
#define ARM_TCR_TBID0       (1ULL << 51)
#define ARM_TCR_TBID1       (1ULL << 52)
#define ARM_TCR_E0PD0       (1ULL << 55)    /* FEAT_E0PD: EL0 faults on */
#define ARM_TCR_E0PD1       (1ULL << 56)    /* TTBR0 / TTBR1 addresses */

/* Permission bits in ArmMMUResult (the usual PAGE_READ/WRITE/EXEC). */
#define ARM_MMU_PROT_R  1
#define ARM_MMU_PROT_W  2
#define ARM_MMU_PROT_X  4

/* Granules the CPU implements (ID_AA64MMFR0_EL1.TGran4/16/64). */
#define ARM_MMU_GRAN_4K     1
#define ARM_MMU_GRAN_16K    2
#define ARM_MMU_GRAN_64K    4

/*
 * The translation context: EL1 system registers and PSTATE bits.  Fields
 * of features the CPU lacks must be passed as 0 (e.g. TCR_EL1.HA/HD
 * without FEAT_HAFDBS, PSTATE.PAN without FEAT_PAN); the walk does not
 * know the CPU model beyond pamax and granules.
 */
typedef struct ArmMMUState {
    uint64_t sctlr;         /* SCTLR_EL1 */
    uint64_t tcr;           /* TCR_EL1 */
    uint64_t ttbr0;         /* TTBR0_EL1: ASID[63:48], BADDR[47:1] */
    uint64_t ttbr1;         /* TTBR1_EL1 */
    uint64_t mair;          /* MAIR_EL1 */
    bool pan;               /* PSTATE.PAN; false for AT S1E1R/W, the
                               PSTATE value for AT S1E1RP/WP */
    bool uao;               /* PSTATE.UAO */
    uint8_t pamax;          /* implemented PA bits (ID_AA64MMFR0_EL1.
                               PARange): 32, 36, 40, 42, 44 or 48 */
    uint8_t granules;       /* ARM_MMU_GRAN_* implemented; 0 = all */
} ArmMMUState;

typedef enum ArmMMUAccessType {
    ARM_MMU_LOAD,
    ARM_MMU_STORE,          /* also atomics and other read-modify-writes */
    ARM_MMU_FETCH,
} ArmMMUAccessType;

typedef struct ArmMMUAccess {
    uint64_t va;            /* as the instruction computed it, tag included */
    ArmMMUAccessType type;
    uint8_t el;             /* 0 or 1: the EL executing the access */
    bool unpriv;            /* LDTR/STTR family: checked as EL0 unless UAO */
    bool cache_maint;       /* DC by VA: ESR CM=1 and WnR=1, PAN does not
                               apply, no dirty state update; type picks
                               the permission checked (STORE for DC IVAC) */
} ArmMMUAccess;

/* Result of a descriptor compare-and-swap. */
typedef enum ArmMMUCas {
    ARM_MMU_CAS_OK,         /* the new value was stored */
    ARM_MMU_CAS_CHANGED,    /* memory no longer held the old value */
    ARM_MMU_CAS_ERROR,      /* no RAM there: external abort */
} ArmMMUCas;

/*
 * Physical memory as the walker sees it.  Values are the 8 bytes at pa
 * read as a little-endian number; the walk swaps them itself when
 * SCTLR_EL1.EE is set.  pa is always 8-byte aligned.
 */
typedef struct ArmMMUPhys {
    /* Read 8 bytes; false when nothing readable is there. */
    bool (*read64)(void *opaque, uint64_t pa, uint64_t *val);
    /*
     * Atomically store new if the 8 bytes still hold old.  May be NULL:
     * then HA/HD behave as 0 (no hardware updates).
     */
    ArmMMUCas (*cas64)(void *opaque, uint64_t pa, uint64_t old, uint64_t new);
    void *opaque;
} ArmMMUPhys;

typedef enum ArmMMUFaultType {
    ARM_MMU_FAULT_NONE,
    ARM_MMU_FAULT_ADDRESS_SIZE,     /* FSC 0b0000LL */
    ARM_MMU_FAULT_TRANSLATION,      /* FSC 0b0001LL */
    ARM_MMU_FAULT_ACCESS_FLAG,      /* FSC 0b0010LL */
    ARM_MMU_FAULT_PERMISSION,       /* FSC 0b0011LL */
    ARM_MMU_FAULT_WALK_EXTERNAL,    /* FSC 0b0101LL: table read failed */
} ArmMMUFaultType;

/* Exception classes of the aborts (ESR_ELx.EC). */
#define ARM_EC_IABT_LOWER   0x20
#define ARM_EC_IABT_SAME    0x21
#define ARM_EC_DABT_LOWER   0x24
#define ARM_EC_DABT_SAME    0x25

#define ARM_ESR_IL          (1u << 25)
#define ARM_ISS_WNR         (1u << 6)
#define ARM_ISS_S1PTW       (1u << 7)
#define ARM_ISS_CM          (1u << 8)

/*
 * A fault, ready for exception entry to EL1: ESR_EL1 = esr, FAR_EL1 =
 * far.  The ISS has ISV=0 (no instruction syndrome): a caller that wants
 * to report one ORs ISV/SAS/SSE/SRT/SF/AR into esr itself.  S1PTW is 0:
 * there is no stage 2.
 */
typedef struct ArmMMUFault {
    ArmMMUFaultType type;
    int level;              /* lookup level 0..3 the fault belongs to */
    uint8_t fsc;            /* DFSC/IFSC, ESR[5:0] */
    uint8_t ec;             /* ARM_EC_* */
    uint32_t iss;           /* fsc | WnR | CM */
    uint32_t esr;           /* ec << 26 | IL | iss */
    uint64_t far;           /* the faulting VA as given, tag included */
} ArmMMUFault;

typedef struct ArmMMUResult {
    uint64_t pa;            /* physical address of va */
    uint8_t page_shift;     /* log2 of the page or block size: 12..30 */
    int8_t level;           /* level of the leaf, -1 with the MMU off */
    /*
     * ARM_MMU_PROT_* for this access's own context (EL, LDTR, PAN, UAO
     * applied): what the TLB entry of its MMU index may allow.  prot_el0
     * and prot_el1 are the EL0 and EL1 (PAN off) views of the same
     * mapping.  A writable-clean page (DBM set, not yet dirty) never
     * shows W here until a store has made it dirty.
     */
    uint8_t prot;
    uint8_t prot_el0;
    uint8_t prot_el1;
    uint8_t attrindx;       /* AttrIndx[2:0] */
    uint8_t mair_attr;      /* MAIR_EL1 byte it selects (0x00 = Device-
                               nGnRnE, 0x44 = Normal NC, 0xff = WB) */
    uint8_t sh;             /* SH[1:0] */
    bool ng;                /* not global: ASID-tagged in the TLB */
    uint16_t asid;          /* ASID of the selected TTBR (0 if MMU off) */
    ArmMMUFault fault;      /* type ARM_MMU_FAULT_NONE on success */
} ArmMMUResult;

/*
 * Translate acc->va.  Returns true and fills res (fault.type NONE), or
 * returns false with res->fault describing the abort; other fields of
 * res are then unspecified.  Hardware AF/dirty updates are written
 * through phys->cas64 before returning; a concurrent change restarts
 * the walk.
 */
bool arm_mmu_translate(const ArmMMUState *st, const ArmMMUAccess *acc,
                       const ArmMMUPhys *phys, ArmMMUResult *res);

/* The DFSC/IFSC encoding of a fault type at a level. */
uint8_t arm_mmu_fsc(ArmMMUFaultType type, int level);

/*
 * The ESR_EL1 of an abort taken to EL1 from an access at el: EC from
 * the access type and el, IL=1, the FSC, WnR and CM.
 */
uint32_t arm_mmu_abort_esr(ArmMMUFaultType type, int level,
                           const ArmMMUAccess *acc);

#endif
