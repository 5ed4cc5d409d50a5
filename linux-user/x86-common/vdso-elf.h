/*
 * x86-common/vdso-elf.h: build a vDSO image, a small ELF shared object
 * made in memory at start-up (x86-common/vdso-elf.c).
 *
 * The builder knows nothing about x86: it takes the code bytes and the
 * symbols that point into them, and lays out the ELF header, the
 * program headers (PT_LOAD, PT_DYNAMIC, PT_NOTE), .hash (SYSV),
 * .dynsym, .dynstr, .gnu.version, .gnu.version_d, a "Linux" note, the
 * dynamic section, the code and the section headers, in the word size
 * and machine of the target's ELF (target_elf.h).  The image is linked
 * at 0 and needs no relocation: the dynamic linker adds the load
 * address, as it does for the kernel's vDSO.
 */
#ifndef X86_COMMON_VDSO_ELF_H
#define X86_COMMON_VDSO_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct VdsoSym {
    const char *name;
    uint32_t offset;           /* in the code */
    uint32_t size;
    bool weak;                 /* STB_WEAK (an alias), else STB_GLOBAL */
    int version;               /* index in VdsoDesc.versions */
} VdsoSym;

#define VDSO_MAX_VERSIONS 4

typedef struct VdsoDesc {
    const char *soname;        /* "linux-vdso.so.1", "linux-gate.so.1" */
    const char *versions[VDSO_MAX_VERSIONS];   /* the symbols' versions */
    int nversions;
    const uint8_t *code;
    uint32_t code_size;
    const VdsoSym *syms;
    int nsyms;
    uint32_t linux_version;    /* the note's LINUX_VERSION_CODE */
} VdsoDesc;

/*
 * Build the image into buf (len bytes).  Returns its size, or 0 if it
 * does not fit; *code_off = where the code starts (the symbols' values
 * are code_off + offset).
 */
size_t vdso_build(const VdsoDesc *d, uint8_t *buf, size_t len,
                  uint32_t *code_off);

/* The SYSV ELF hash of a symbol or version name. */
uint32_t vdso_elf_hash(const char *name);

#endif
