/*
 * sysemu/cpus.h: vCPU threads and VM start/stop (softmmu/cpus.c).
 *
 * For now every vCPU runs on one host thread, round-robin: each CPU
 * runs until it halts, an exit request arrives, or its time slice
 * (a host-time budget) expires, then the next.  When every CPU is
 * halted or stopped the thread sleeps on a condition (no busy wait):
 * cpu_interrupt/cpu_exit (through cpu_kick_hook) and run_on_cpu wake
 * it.  The thread runs guest code without the global lock.
 *
 * The structure keeps one CPUState list and per-CPU state so a thread
 * per vCPU (MTTCG) can come later without changing callers.
 */
#ifndef SYSEMU_CPUS_H
#define SYSEMU_CPUS_H

#include <stdbool.h>

#include "exec/cpu.h"
#include "sysemu/runstate.h"

/*
 * Register a created CPU (cpu_index set in creation order).  It starts
 * stopped unless the VM runs.
 */
void qemu_cpu_add(CPUState *cs);
/* Start the vCPU thread(s); CPUs stay stopped until vm_start. */
void qemu_start_vcpus(void);

void vm_start(void);          /* resume all CPUs, virtual clock runs */
void vm_stop(RunState state); /* pause all; returns when none runs */
/*
 * Stop (and start) every CPU and the virtual clock without changing
 * the run state (system_reset uses them).  Called with the global lock
 * held; pause_all_vcpus returns once no CPU is in cpu_exec, except on
 * the vCPU thread itself (a device stopping the VM from MMIO), where
 * the CPUs stop when the current cpu_exec returns.
 */
void pause_all_vcpus(void);
void resume_all_vcpus(void);

/*
 * Power state of one CPU (PSCI CPU_OFF/CPU_ON, secondary CPUs at boot).
 * qemu_cpu_add powers CPU 0 and leaves the others off.  cpu_power_off
 * halts cs (from its own thread: it leaves cpu_exec at the next TB;
 * from another, e.g. a reset handler with the VM paused, it just will
 * not run); cpu_power_on clears halted and makes it runnable (set its
 * entry state first, e.g. through run_on_cpu or with the VM paused).
 */
void cpu_power_off(CPUState *cs);
void cpu_power_on(CPUState *cs);
bool cpu_is_powered(const CPUState *cs);

/*
 * Run fn on cs's thread before it executes more guest code:
 * run_on_cpu waits for it (drops and retakes the global lock),
 * async_run_on_cpu does not.  On the vCPU thread itself: runs at once
 * (run_on_cpu) or at the next loop iteration (async).
 */
typedef void (*run_on_cpu_func)(CPUState *cs, void *data);
void run_on_cpu(CPUState *cs, run_on_cpu_func fn, void *data);
void async_run_on_cpu(CPUState *cs, run_on_cpu_func fn, void *data);

/* Host thread id of the thread running cs (monitor `info cpus`). */
int qemu_cpu_thread_id(CPUState *cs);

/* The CPU the calling thread is running (NULL on the I/O thread). */
CPUState *current_cpu_get(void);

/*
 * What the vCPU thread calls to run guest code (default cpu_exec; NULL
 * restores it).  A seam for unit tests (tests/unit/test-cpus.c), which
 * run toy CPUs without TCG.
 */
void cpus_set_exec_fn(int (*fn)(CPUState *cs));

#endif
