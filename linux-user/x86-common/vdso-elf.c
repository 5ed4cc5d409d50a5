/*
 * x86-common/vdso-elf.c: lay out a vDSO as an ELF shared object (see
 * vdso-elf.h).  Target-independent except for the ELF class, machine
 * and byte order, which come from target_elf.h (every target so far is
 * little-endian, like the host, so fields are stored as they are).
 *
 * The image, all in one PT_LOAD segment linked at address 0:
 *
 *   ELF header, program headers (PT_LOAD, PT_DYNAMIC, PT_NOTE)
 *   .hash          SYSV hash: nbucket, nchain, buckets, chains
 *   .dynsym        the null symbol, then one STT_FUNC per VdsoSym
 *   .dynstr        "", soname, version, the symbol names
 *   .gnu.version   version index of each symbol (2 + its VdsoSym.version)
 *   .gnu.version_d index 1 (VER_FLG_BASE, the soname), 2.. (d->versions)
 *   .note          "Linux", type 0: LINUX_VERSION_CODE
 *   .dynamic       DT_HASH DT_STRTAB DT_SYMTAB DT_STRSZ DT_SYMENT
 *                  DT_SONAME DT_VERSYM DT_VERDEF DT_VERDEFNUM DT_NULL
 *   .text          the code (16-byte aligned)
 *   .shstrtab, section headers
 *
 * glibc binds to it the way it binds to the kernel's: it reads the
 * program headers from AT_SYSINFO_EHDR, the dynamic section, then looks
 * names up through DT_HASH with the version (LINUX_2.6; i386's
 * __kernel_* are LINUX_2.5) checked against .gnu.version_d.
 */
#include <elf.h>
#include <string.h>

#include "qemu.h"
#include "x86-common/vdso-elf.h"

#if ELF_CLASS == ELFCLASS64
typedef Elf64_Ehdr VEhdr;
typedef Elf64_Phdr VPhdr;
typedef Elf64_Shdr VShdr;
typedef Elf64_Sym VSym;
typedef Elf64_Dyn VDyn;
#define V_ST_INFO(b, t) ELF64_ST_INFO(b, t)
#else
typedef Elf32_Ehdr VEhdr;
typedef Elf32_Phdr VPhdr;
typedef Elf32_Shdr VShdr;
typedef Elf32_Sym VSym;
typedef Elf32_Dyn VDyn;
#define V_ST_INFO(b, t) ELF32_ST_INFO(b, t)
#endif
/* Verdef/Verdaux have the same layout in both classes. */
typedef Elf32_Verdef VVerdef;
typedef Elf32_Verdaux VVerdaux;

enum {
    SEC_NULL, SEC_HASH, SEC_DYNSYM, SEC_DYNSTR, SEC_VERSYM, SEC_VERDEF,
    SEC_NOTE, SEC_DYNAMIC, SEC_TEXT, SEC_SHSTRTAB, SEC_NUM
};

static const char *const sec_name[SEC_NUM] = {
    "", ".hash", ".dynsym", ".dynstr", ".gnu.version", ".gnu.version_d",
    ".note", ".dynamic", ".text", ".shstrtab"
};

#define NDYN 10
#define MAX_STR 2048

uint32_t vdso_elf_hash(const char *name)
{
    const unsigned char *p = (const unsigned char *)name;
    uint32_t h = 0, g;

    while (*p) {
        h = (h << 4) + *p++;
        g = h & 0xf0000000u;
        if (g) {
            h ^= g >> 24;
        }
        h &= ~g;
    }
    return h;
}

static size_t align_up(size_t v, size_t a)
{
    return (v + a - 1) & ~(a - 1);
}

/* Append s (with its NUL) to a string table; its offset, or -1. */
static int str_add(char *tab, size_t *used, const char *s)
{
    size_t n = strlen(s) + 1;
    int off = *used;

    if (*used + n > MAX_STR) {
        return -1;
    }
    memcpy(tab + *used, s, n);
    *used += n;
    return off;
}

size_t vdso_build(const VdsoDesc *d, uint8_t *buf, size_t len,
                  uint32_t *code_off)
{
    int nsym = d->nsyms + 1, i;
    uint32_t nbucket = d->nsyms < 3 ? 3 : (uint32_t)d->nsyms | 1;
    char dynstr[MAX_STR], shstr[256];
    size_t dynstr_len = 0, shstr_len = 0;
    int name_off[64], soname_off, version_off[VDSO_MAX_VERSIONS];
    int sh_name[SEC_NUM], nverdef = d->nversions + 1;
    size_t sec_off[SEC_NUM], sec_size[SEC_NUM], off, end;
    VEhdr *eh;
    VPhdr *ph;
    VShdr *sh;
    VSym *sym;
    VDyn *dyn;
    VVerdef *vd;
    VVerdaux *va;
    uint32_t *hash;
    uint16_t *versym;
    uint32_t *note;

    if (d->nsyms > 63 || d->nversions < 1 ||
        d->nversions > VDSO_MAX_VERSIONS) {
        return 0;
    }
    str_add(dynstr, &dynstr_len, "");
    soname_off = str_add(dynstr, &dynstr_len, d->soname);
    for (i = 0; i < d->nversions; i++) {
        version_off[i] = str_add(dynstr, &dynstr_len, d->versions[i]);
        if (version_off[i] < 0) {
            return 0;
        }
    }
    for (i = 0; i < d->nsyms; i++) {
        name_off[i] = str_add(dynstr, &dynstr_len, d->syms[i].name);
        if (name_off[i] < 0 || d->syms[i].version < 0 ||
            d->syms[i].version >= d->nversions) {
            return 0;
        }
    }
    if (soname_off < 0) {
        return 0;
    }
    for (i = 0; i < SEC_NUM; i++) {
        sh_name[i] = str_add(shstr, &shstr_len, sec_name[i]);
    }

    /* Where each part goes. */
    off = sizeof(VEhdr) + 3 * sizeof(VPhdr);
    sec_off[SEC_NULL] = 0;
    sec_size[SEC_NULL] = 0;
    sec_off[SEC_HASH] = off = align_up(off, 8);
    sec_size[SEC_HASH] = 4 * (2 + nbucket + nsym);
    sec_off[SEC_DYNSYM] = off = align_up(off + sec_size[SEC_HASH], 8);
    sec_size[SEC_DYNSYM] = nsym * sizeof(VSym);
    sec_off[SEC_DYNSTR] = off = off + sec_size[SEC_DYNSYM];
    sec_size[SEC_DYNSTR] = dynstr_len;
    sec_off[SEC_VERSYM] = off = align_up(off + dynstr_len, 2);
    sec_size[SEC_VERSYM] = 2 * nsym;
    sec_off[SEC_VERDEF] = off = align_up(off + sec_size[SEC_VERSYM], 4);
    sec_size[SEC_VERDEF] = nverdef * (sizeof(VVerdef) + sizeof(VVerdaux));
    sec_off[SEC_NOTE] = off = align_up(off + sec_size[SEC_VERDEF], 4);
    sec_size[SEC_NOTE] = 12 + 8 + 4;
    sec_off[SEC_DYNAMIC] = off = align_up(off + sec_size[SEC_NOTE], 8);
    sec_size[SEC_DYNAMIC] = NDYN * sizeof(VDyn);
    sec_off[SEC_TEXT] = off = align_up(off + sec_size[SEC_DYNAMIC], 16);
    sec_size[SEC_TEXT] = d->code_size;
    sec_off[SEC_SHSTRTAB] = off = off + d->code_size;
    sec_size[SEC_SHSTRTAB] = shstr_len;
    off = align_up(off + shstr_len, 8);
    end = off + SEC_NUM * sizeof(VShdr);
    if (end > len) {
        return 0;
    }
    memset(buf, 0, end);

    /* ELF header. */
    eh = (VEhdr *)buf;
    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_ident[EI_CLASS] = ELF_CLASS;
    eh->e_ident[EI_DATA] = ELF_DATA;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_ident[EI_OSABI] = ELFOSABI_NONE;
    eh->e_type = ET_DYN;
    eh->e_machine = ELF_MACHINE;
    eh->e_version = EV_CURRENT;
    eh->e_entry = 0;
    eh->e_phoff = sizeof(VEhdr);
    eh->e_shoff = off;
    eh->e_ehsize = sizeof(VEhdr);
    eh->e_phentsize = sizeof(VPhdr);
    eh->e_phnum = 3;
    eh->e_shentsize = sizeof(VShdr);
    eh->e_shnum = SEC_NUM;
    eh->e_shstrndx = SEC_SHSTRTAB;

    /* Program headers: the whole image, the dynamic section, the note. */
    ph = (VPhdr *)(buf + sizeof(VEhdr));
    ph[0].p_type = PT_LOAD;
    ph[0].p_flags = PF_R | PF_X;
    ph[0].p_offset = 0;
    ph[0].p_vaddr = ph[0].p_paddr = 0;
    ph[0].p_filesz = ph[0].p_memsz = sec_off[SEC_SHSTRTAB];
    ph[0].p_align = TARGET_PAGE_SIZE;
    ph[1].p_type = PT_DYNAMIC;
    ph[1].p_flags = PF_R;
    ph[1].p_offset = ph[1].p_vaddr = ph[1].p_paddr = sec_off[SEC_DYNAMIC];
    ph[1].p_filesz = ph[1].p_memsz = sec_size[SEC_DYNAMIC];
    ph[1].p_align = 8;
    ph[2].p_type = PT_NOTE;
    ph[2].p_flags = PF_R;
    ph[2].p_offset = ph[2].p_vaddr = ph[2].p_paddr = sec_off[SEC_NOTE];
    ph[2].p_filesz = ph[2].p_memsz = sec_size[SEC_NOTE];
    ph[2].p_align = 4;

    /* Symbols, their versions, and the hash chains. */
    sym = (VSym *)(buf + sec_off[SEC_DYNSYM]);
    versym = (uint16_t *)(buf + sec_off[SEC_VERSYM]);
    hash = (uint32_t *)(buf + sec_off[SEC_HASH]);
    hash[0] = nbucket;
    hash[1] = nsym;
    for (i = 0; i < d->nsyms; i++) {
        const VdsoSym *s = &d->syms[i];
        uint32_t *bucket = &hash[2 + vdso_elf_hash(s->name) % nbucket];
        uint32_t *chain = &hash[2 + nbucket];

        sym[i + 1].st_name = name_off[i];
        sym[i + 1].st_value = sec_off[SEC_TEXT] + s->offset;
        sym[i + 1].st_size = s->size;
        sym[i + 1].st_info = V_ST_INFO(s->weak ? STB_WEAK : STB_GLOBAL,
                                       STT_FUNC);
        sym[i + 1].st_other = STV_DEFAULT;
        sym[i + 1].st_shndx = SEC_TEXT;
        versym[i + 1] = 2 + s->version;
        /* Prepend to the bucket's chain. */
        chain[i + 1] = *bucket;
        *bucket = i + 1;
    }
    versym[0] = 0;                      /* VER_NDX_LOCAL */
    memcpy(buf + sec_off[SEC_DYNSTR], dynstr, dynstr_len);

    /* Version definitions: 1 = the object itself, then d->versions. */
    vd = (VVerdef *)(buf + sec_off[SEC_VERDEF]);
    for (i = 0; i < nverdef; i++) {
        const char *name = i ? d->versions[i - 1] : d->soname;

        vd->vd_version = VER_DEF_CURRENT;
        vd->vd_flags = i ? 0 : VER_FLG_BASE;
        vd->vd_ndx = i + 1;
        vd->vd_cnt = 1;
        vd->vd_hash = vdso_elf_hash(name);
        vd->vd_aux = sizeof(VVerdef);
        vd->vd_next = i == nverdef - 1 ? 0
                                       : sizeof(VVerdef) + sizeof(VVerdaux);
        va = (VVerdaux *)(vd + 1);
        va->vda_name = i ? version_off[i - 1] : soname_off;
        va->vda_next = 0;
        vd = (VVerdef *)(va + 1);
    }

    /* The note: namesz, descsz, type, "Linux\0" padded to 8, version. */
    note = (uint32_t *)(buf + sec_off[SEC_NOTE]);
    note[0] = 6;
    note[1] = 4;
    note[2] = 0;
    memcpy(&note[3], "Linux", 6);
    note[5] = d->linux_version;

    /* The dynamic section. */
    dyn = (VDyn *)(buf + sec_off[SEC_DYNAMIC]);
    dyn[0].d_tag = DT_HASH;
    dyn[0].d_un.d_ptr = sec_off[SEC_HASH];
    dyn[1].d_tag = DT_STRTAB;
    dyn[1].d_un.d_ptr = sec_off[SEC_DYNSTR];
    dyn[2].d_tag = DT_SYMTAB;
    dyn[2].d_un.d_ptr = sec_off[SEC_DYNSYM];
    dyn[3].d_tag = DT_STRSZ;
    dyn[3].d_un.d_val = dynstr_len;
    dyn[4].d_tag = DT_SYMENT;
    dyn[4].d_un.d_val = sizeof(VSym);
    dyn[5].d_tag = DT_SONAME;
    dyn[5].d_un.d_val = soname_off;
    dyn[6].d_tag = DT_VERSYM;
    dyn[6].d_un.d_ptr = sec_off[SEC_VERSYM];
    dyn[7].d_tag = DT_VERDEF;
    dyn[7].d_un.d_ptr = sec_off[SEC_VERDEF];
    dyn[8].d_tag = DT_VERDEFNUM;
    dyn[8].d_un.d_val = nverdef;
    dyn[9].d_tag = DT_NULL;

    memcpy(buf + sec_off[SEC_TEXT], d->code, d->code_size);
    memcpy(buf + sec_off[SEC_SHSTRTAB], shstr, shstr_len);

    /* Section headers (for tools: the loader needs none of them). */
    sh = (VShdr *)(buf + off);
    for (i = 1; i < SEC_NUM; i++) {
        sh[i].sh_name = sh_name[i];
        sh[i].sh_offset = sh[i].sh_addr = sec_off[i];
        sh[i].sh_size = sec_size[i];
        sh[i].sh_flags = SHF_ALLOC;
        sh[i].sh_addralign = 1;
    }
    sh[SEC_HASH].sh_type = SHT_HASH;
    sh[SEC_HASH].sh_link = SEC_DYNSYM;
    sh[SEC_HASH].sh_entsize = 4;
    sh[SEC_HASH].sh_addralign = 8;
    sh[SEC_DYNSYM].sh_type = SHT_DYNSYM;
    sh[SEC_DYNSYM].sh_link = SEC_DYNSTR;
    sh[SEC_DYNSYM].sh_info = 1;         /* one local symbol: the null one */
    sh[SEC_DYNSYM].sh_entsize = sizeof(VSym);
    sh[SEC_DYNSYM].sh_addralign = 8;
    sh[SEC_DYNSTR].sh_type = SHT_STRTAB;
    sh[SEC_VERSYM].sh_type = SHT_GNU_versym;
    sh[SEC_VERSYM].sh_link = SEC_DYNSYM;
    sh[SEC_VERSYM].sh_entsize = 2;
    sh[SEC_VERSYM].sh_addralign = 2;
    sh[SEC_VERDEF].sh_type = SHT_GNU_verdef;
    sh[SEC_VERDEF].sh_link = SEC_DYNSTR;
    sh[SEC_VERDEF].sh_info = nverdef;
    sh[SEC_VERDEF].sh_addralign = 4;
    sh[SEC_NOTE].sh_type = SHT_NOTE;
    sh[SEC_NOTE].sh_addralign = 4;
    sh[SEC_DYNAMIC].sh_type = SHT_DYNAMIC;
    sh[SEC_DYNAMIC].sh_link = SEC_DYNSTR;
    sh[SEC_DYNAMIC].sh_entsize = sizeof(VDyn);
    sh[SEC_DYNAMIC].sh_addralign = 8;
    sh[SEC_TEXT].sh_type = SHT_PROGBITS;
    sh[SEC_TEXT].sh_flags = SHF_ALLOC | SHF_EXECINSTR;
    sh[SEC_TEXT].sh_addralign = 16;
    sh[SEC_SHSTRTAB].sh_type = SHT_STRTAB;
    sh[SEC_SHSTRTAB].sh_flags = 0;
    sh[SEC_SHSTRTAB].sh_addr = 0;

    *code_off = sec_off[SEC_TEXT];
    return end;
}
