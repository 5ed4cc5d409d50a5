/*
 * user/guest-mem.h: guest memory in user mode, as translators and
 * helpers see it.  Implemented by linux-user/mmap.c.
 *
 * The guest's address space is host memory at guest_base + address
 * (the backend adds guest_base in generated code).  Every guest page has
 * protection flags kept by linux-user's mmap layer; translators check
 * PAGE_EXEC before reading instructions, so a jump to an unmapped or
 * non-executable page becomes a guest fault, never a host crash.
 */
#ifndef USER_GUEST_MEM_H
#define USER_GUEST_MEM_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/tcg.h"

#ifndef PAGE_READ
#define PAGE_READ   0x0001
#define PAGE_WRITE  0x0002
#define PAGE_EXEC   0x0004
#endif
#define PAGE_VALID  0x0008
/* The guest may write, but the host page is read-only: it holds code. */
#define PAGE_WRITE_ORG 0x0010

static inline void *g2h(uint64_t guest_addr)
{
    return (void *)(tcg_ctx->guest_base + (uintptr_t)guest_addr);
}

static inline uint64_t h2g(const void *host)
{
    return (uintptr_t)host - tcg_ctx->guest_base;
}

/* Flags of the guest page holding addr (0 when unmapped). */
int page_get_flags(uint64_t addr);

/* Are all pages of [addr, addr+len) mapped with at least flags? */
bool page_check_range(uint64_t addr, uint64_t len, int flags);

#endif
