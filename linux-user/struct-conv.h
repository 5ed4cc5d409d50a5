/*
 * linux-user/struct-conv.h: converting structures between the host's and
 * the target's layout, from the per-target descriptions of
 * <arch>/target_structs.h.  A description is a list of
 * F(target_offset, target_size, host_field); one macro expands it into a
 * copy that also fixes byte order and width, so each layout is written
 * down once.
 */
#ifndef LINUX_USER_STRUCT_CONV_H
#define LINUX_USER_STRUCT_CONV_H

#include <stdint.h>
#include <string.h>

#include "target_structs.h"

/* Store v as a target integer of size bytes at p. */
static inline void conv_put(void *p, int size, uint64_t v)
{
    switch (size) {
    case 1: *(uint8_t *)p = v; break;
    case 2: { uint16_t x = tswap16(v); memcpy(p, &x, 2); break; }
    case 4: { uint32_t x = tswap32(v); memcpy(p, &x, 4); break; }
    default: { uint64_t x = tswap64(v); memcpy(p, &x, 8); break; }
    }
}

/* Read a target integer of size bytes at p (sign-extended if sgn). */
static inline uint64_t conv_get(const void *p, int size, bool sgn)
{
    switch (size) {
    case 1: return sgn ? (uint64_t)(int8_t)*(const uint8_t *)p
                       : *(const uint8_t *)p;
    case 2: { uint16_t x; memcpy(&x, p, 2); x = tswap16(x);
              return sgn ? (uint64_t)(int16_t)x : x; }
    case 4: { uint32_t x; memcpy(&x, p, 4); x = tswap32(x);
              return sgn ? (uint64_t)(int32_t)x : x; }
    default: { uint64_t x; memcpy(&x, p, 8); return tswap64(x); }
    }
}

/* Host struct h to the target bytes at t, for a description list. */
#define CONV_TO_TARGET_FIELD(off, size, field) \
    conv_put((char *)t + (off), (size), (uint64_t)h->field);
#define CONV_TO_TARGET(LIST, t, h) do { LIST(CONV_TO_TARGET_FIELD) } while (0)

#endif
