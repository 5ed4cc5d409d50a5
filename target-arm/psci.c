/*
 * psci.c: PSCI 0.2/1.0 function dispatch for the emulated firmware
 * (Arm DEN0022).  See psci.h for the API and what the board provides.
 */
#include <string.h>

#include "qemu/log.h"
#include "target-arm/psci.h"

bool arm_psci_init(ArmPSCI *p, ArmPSCIConduit conduit, uint32_t version,
                   unsigned num_cpus, const ArmPSCIOps *ops, void *opaque)
{
    memset(p, 0, sizeof(*p));
    if (num_cpus == 0 || num_cpus > ARM_PSCI_MAX_CPUS
        || (version != PSCI_VERSION_0_2 && version != PSCI_VERSION_1_0)) {
        return false;
    }
    p->conduit = conduit;
    p->version = version;
    p->num_cpus = num_cpus;
    p->ops = ops;
    p->opaque = opaque;
    arm_psci_reset(p, 0);
    return true;
}

void arm_psci_reset(ArmPSCI *p, unsigned boot_cpu)
{
    for (unsigned i = 0; i < p->num_cpus; i++) {
        p->power[i] = i == boot_cpu ? ARM_PSCI_ON : ARM_PSCI_OFF;
    }
}

void arm_psci_cpu_started(ArmPSCI *p, unsigned cpu)
{
    if (cpu < p->num_cpus) {
        p->power[cpu] = ARM_PSCI_ON;
    }
}

ArmPSCIPower arm_psci_power(const ArmPSCI *p, unsigned cpu)
{
    return cpu < p->num_cpus ? (ArmPSCIPower)p->power[cpu] : ARM_PSCI_OFF;
}

/* The CPU index of an MPIDR affinity value, or -1. */
static int find_cpu(ArmPSCI *p, uint64_t mpidr)
{
    int cpu;

    if (p->ops && p->ops->find_cpu) {
        cpu = p->ops->find_cpu(p->opaque, mpidr);
    } else {
        uint64_t aff = mpidr & 0xff00ffffffULL;
        cpu = aff < p->num_cpus ? (int)aff : -1;
    }
    return cpu >= 0 && (unsigned)cpu < p->num_cpus ? cpu : -1;
}

static int64_t do_cpu_on(ArmPSCI *p, uint64_t target, uint64_t entry,
                         uint64_t context_id)
{
    int cpu = find_cpu(p, target);
    int r;

    if (cpu < 0) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "psci: CPU_ON of unknown MPIDR 0x%llx\n",
                      (unsigned long long)target);
        return PSCI_RET_INVALID_PARAMETERS;
    }
    switch (p->power[cpu]) {
    case ARM_PSCI_ON:
        return PSCI_RET_ALREADY_ON;
    case ARM_PSCI_ON_PENDING:
        return PSCI_RET_ON_PENDING;
    default:
        break;
    }
    if (!p->ops || !p->ops->cpu_on) {
        return PSCI_RET_INTERNAL_FAILURE;
    }
    p->power[cpu] = ARM_PSCI_ON_PENDING;
    r = p->ops->cpu_on(p->opaque, cpu, entry, context_id);
    if (r < 0) {
        p->power[cpu] = ARM_PSCI_OFF;
        return PSCI_RET_INTERNAL_FAILURE;
    }
    if (r == 0) {
        p->power[cpu] = ARM_PSCI_ON;
    }
    return PSCI_RET_SUCCESS;
}

static int64_t do_affinity_info(ArmPSCI *p, uint64_t target, uint64_t level)
{
    int cpu;

    if (level != 0) {
        return PSCI_RET_INVALID_PARAMETERS;
    }
    cpu = find_cpu(p, target);
    if (cpu < 0) {
        return PSCI_RET_INVALID_PARAMETERS;
    }
    return p->power[cpu];
}

/* PSCI_FEATURES (1.0): 0 for implemented functions, else NOT_SUPPORTED. */
static int64_t do_features(ArmPSCI *p, uint32_t fn)
{
    switch (fn) {
    case PSCI_FN_PSCI_VERSION:
    case PSCI_FN_CPU_OFF:
    case PSCI_FN_CPU_ON:
    case PSCI_FN64_CPU_ON:
    case PSCI_FN_AFFINITY_INFO:
    case PSCI_FN64_AFFINITY_INFO:
    case PSCI_FN_MIGRATE_INFO_TYPE:
    case PSCI_FN_SYSTEM_OFF:
    case PSCI_FN_SYSTEM_RESET:
    case PSCI_FN_PSCI_FEATURES:
        return PSCI_RET_SUCCESS;
    case PSCI_FN_CPU_SUSPEND:
    case PSCI_FN64_CPU_SUSPEND:
        /* Flags: original power_state format (bit 1 = 0), no OSI mode. */
        return 0;
    default:
        (void)p;
        return PSCI_RET_NOT_SUPPORTED;
    }
}

ArmPSCIAction arm_psci_call(ArmPSCI *p, unsigned cpu,
                            ArmPSCIConduit conduit, uint64_t x[4])
{
    uint32_t fn = (uint32_t)x[0];
    bool is64 = fn & PSCI_0_2_64BIT;
    uint64_t a1 = is64 ? x[1] : (uint32_t)x[1];
    uint64_t a2 = is64 ? x[2] : (uint32_t)x[2];
    uint64_t a3 = is64 ? x[3] : (uint32_t)x[3];
    ArmPSCIAction action = ARM_PSCI_RETURN;
    int64_t ret;

    if (p->conduit == ARM_PSCI_CONDUIT_NONE || conduit != p->conduit) {
        return ARM_PSCI_NOT_PSCI;
    }
    switch (fn) {
    case PSCI_FN_PSCI_VERSION:
        ret = p->version;
        break;
    case PSCI_FN_CPU_SUSPEND:
    case PSCI_FN64_CPU_SUSPEND:
        /*
         * Every power state is treated as standby: wait for an interrupt
         * and return SUCCESS with the context kept, which DEN0022 allows
         * for any state the platform does not enter.
         */
        ret = PSCI_RET_SUCCESS;
        action = ARM_PSCI_WFI;
        break;
    case PSCI_FN_CPU_OFF:
        if (cpu >= p->num_cpus || !p->ops || !p->ops->cpu_off) {
            ret = PSCI_RET_INTERNAL_FAILURE;
            break;
        }
        p->power[cpu] = ARM_PSCI_OFF;
        p->ops->cpu_off(p->opaque, cpu);
        return ARM_PSCI_STOPPED;
    case PSCI_FN_CPU_ON:
    case PSCI_FN64_CPU_ON:
        ret = do_cpu_on(p, a1, a2, a3);
        break;
    case PSCI_FN_AFFINITY_INFO:
    case PSCI_FN64_AFFINITY_INFO:
        ret = do_affinity_info(p, a1, a2);
        break;
    case PSCI_FN_MIGRATE_INFO_TYPE:
        ret = PSCI_TOS_NOT_PRESENT_MP;
        break;
    case PSCI_FN_SYSTEM_OFF:
        if (!p->ops || !p->ops->system_off) {
            ret = PSCI_RET_INTERNAL_FAILURE;
            break;
        }
        p->ops->system_off(p->opaque);
        return ARM_PSCI_STOPPED;
    case PSCI_FN_SYSTEM_RESET:
        if (!p->ops || !p->ops->system_reset) {
            ret = PSCI_RET_INTERNAL_FAILURE;
            break;
        }
        p->ops->system_reset(p->opaque);
        return ARM_PSCI_STOPPED;
    case PSCI_FN_PSCI_FEATURES:
        ret = p->version >= PSCI_VERSION_1_0 ? do_features(p, (uint32_t)a1)
                                            : PSCI_RET_NOT_SUPPORTED;
        break;
    default:
        qemu_log_mask(LOG_UNIMP, "psci: function 0x%08x not supported\n",
                      fn);
        ret = PSCI_RET_NOT_SUPPORTED;
        break;
    }
    x[0] = (uint64_t)ret;
    return action;
}
