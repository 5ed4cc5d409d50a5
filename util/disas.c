/*
 * disas.c: disassembly for the log (-d in_asm, -d out_asm) via capstone
 * when configure found it, raw bytes otherwise.
 */
#include <inttypes.h>

#include "config-host.h"
#include "qemu/log.h"

#ifdef CONFIG_CAPSTONE
#include <capstone/capstone.h>

static void disas_capstone(FILE *f, cs_arch arch, cs_mode mode, const void *p,
                           size_t len, uint64_t vaddr)
{
    csh h;
    cs_insn *insn;
    size_t n, i;

    if (cs_open(arch, mode, &h) != CS_ERR_OK) {
        fprintf(f, "  (capstone cannot disassemble this architecture)\n");
        return;
    }
    n = cs_disasm(h, p, len, vaddr, 0, &insn);
    for (i = 0; i < n; i++) {
        fprintf(f, "0x%016" PRIx64 ":  %-8s %s\n", insn[i].address,
                insn[i].mnemonic, insn[i].op_str);
    }
    if (n) {
        const cs_insn *last = &insn[n - 1];
        uint64_t done = last->address + last->size - vaddr;
        if (done < len) {
            fprintf(f, "0x%016" PRIx64 ":  .byte (%zu undecoded bytes)\n",
                    vaddr + done, (size_t)(len - done));
        }
        cs_free(insn, n);
    }
    cs_close(&h);
}
#endif

static void disas_raw(FILE *f, const uint8_t *p, size_t len, uint64_t vaddr)
{
    size_t i;

    for (i = 0; i < len; i++) {
        if (i % 16 == 0) {
            fprintf(f, "%s0x%016" PRIx64 ": ", i ? "\n" : "", vaddr + i);
        }
        fprintf(f, " %02x", p[i]);
    }
    fputc('\n', f);
}

void log_disas_host(FILE *f, const void *p, size_t len)
{
#ifdef CONFIG_CAPSTONE
    disas_capstone(f, CS_ARCH_X86, CS_MODE_64, p, len, (uintptr_t)p);
#else
    disas_raw(f, p, len, (uintptr_t)p);
#endif
}

void log_disas_guest(FILE *f, int arch, int mode, const void *p,
                     size_t len, unsigned long long vaddr)
{
#ifdef CONFIG_CAPSTONE
    if (arch >= 0) {
        disas_capstone(f, (cs_arch)arch, (cs_mode)mode, p, len, vaddr);
        return;
    }
#endif
    disas_raw(f, p, len, vaddr);
}
