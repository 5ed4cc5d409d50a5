/*
 * translate-all.c: the translation cache.
 *
 * - The code buffer: one mapping reserved at start-up (the OS commits
 *   pages as they fill), holding TBs one after another; when it is full
 *   it is flushed whole and translation starts again from its base.
 * - Lookup: the per-CPU jump cache (exec/cpu-exec.c and inline in TBs),
 *   then a hash table keyed by (phys_pc, pc, cs_base, flags) whose chains
 *   are read without locks; writers hold the translation lock.
 * - System mode indexes TBs by the guest physical address of their code
 *   (found through the code TLB, tb_sys_ops), so guest page-table changes
 *   need no flush: the jump cache, keyed by virtual pc, is what the soft
 *   TLB's flushes clear.  In user mode phys_pc is pc.
 * - Per guest page, the list of TBs with code there, for invalidation
 *   when the guest writes to its code (and for user mode's write
 *   protection of code pages).
 * - Restore data: per guest instruction, where its host code ends and
 *   its insn_start words, so a fault inside a TB recovers the exact
 *   guest state (cpu_restore_state).
 */
#include <glib.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "exec/tb.h"
#include "exec/translator.h"
#include "qemu/log.h"
#include "qemu/perfmap.h"

#define TB_HASH_BITS 16
#define TB_HASH_SIZE (1u << TB_HASH_BITS)

TBStats tb_stats;
void (*tb_page_protect_hook)(uint64_t page_addr);
const TBSysOps *tb_sys_ops;

static tcg_insn_unit *code_gen_start;   /* first byte after the prologue */
static pthread_mutex_t tb_mutex = PTHREAD_MUTEX_INITIALIZER;
static TranslationBlock *tb_hash[TB_HASH_SIZE];
static GHashTable *tb_pages;            /* page index -> first (tb | n) */
static unsigned tb_page_bits = 12;
/* This thread is inside tb_gen_code, holding the lock (fault cleanup). */
static __thread TranslationBlock *tb_gen_current;

/* TBs in code-buffer order, to find the TB of a host pc. */
static TranslationBlock **tb_array;
static size_t tb_array_len, tb_array_cap;

/* The code buffer is full: flush at the next safe point (cpu_exec). */
bool tb_flush_requested;

/*
 * Re-entrant per thread: in system mode a translation may fill the TLB,
 * and the target's page-table walk may write guest RAM through the
 * memory API, whose write hook invalidates code (tb_invalidate_*).
 */
static __thread int tb_lock_depth;

void tb_lock(void)
{
    if (tb_lock_depth++ == 0) {
        pthread_mutex_lock(&tb_mutex);
    }
}

void tb_unlock(void)
{
    if (--tb_lock_depth == 0) {
        pthread_mutex_unlock(&tb_mutex);
    }
}

void tb_register_cpu(CPUState *cs)
{
    tb_lock();
    cpu_list = realloc(cpu_list, (cpu_count + 1) * sizeof(*cpu_list));
    cpu_list[cpu_count++] = cs;
    if (cs->cc->page_bits && !(tcg_ctx && tcg_ctx->system_mode)) {
        tb_page_bits = cs->cc->page_bits;
    }
    tb_unlock();
}

void tcg_exec_init(size_t tb_size, bool system_mode)
{
    void *buf;

    if (tb_size == 0) {
        /* 32 MB thrashes when booting a modern kernel: system mode gets 1 GB. */
        tb_size = system_mode ? (size_t)1 << 30 : (size_t)32 << 20;
    }
    /* Room for the prologue and at least one largest TB. */
    if (tb_size < (size_t)TCG_HIGHWATER * 2) {
        tb_size = (size_t)TCG_HIGHWATER * 2;
    }
    /*
     * Ask for the buffer just past the executable's text: helpers are
     * then within reach of a direct call (rel32).  The kernel may put it
     * elsewhere; everything still works, with indirect calls.
     */
    {
        uintptr_t near = ((uintptr_t)&tcg_exec_init + (64u << 20)) &
                         ~(uintptr_t)((2u << 20) - 1);

        buf = mmap((void *)near, tb_size, PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    }
    if (buf == MAP_FAILED) {
        fprintf(stderr, "qemu: could not allocate %zu MB of code buffer\n",
                tb_size >> 20);
        exit(1);
    }
    tcg_context_init(buf, tb_size);
    if (system_mode) {
        tcg_ctx->system_mode = true;
        tcg_ctx->reserved_regs |= TCG_TARGET_SOFTMMU_RESERVED_REGS;
        tb_page_bits = 12;      /* the soft TLB's pages (exec/cputlb.h) */
    }
    code_gen_start = tcg_ctx->code_gen_ptr;
    /* Key and value are one allocation: [page, first (tb | n)]. */
    tb_pages = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
}

/*
 * Keyed by the physical pc (in user mode phys_pc == pc, so the hash is
 * what it always was); TBs of one physical pc at several virtual
 * addresses share a chain, and the lookup compares pc too.
 */
static inline unsigned tb_hash_func(uint64_t phys_pc, uint64_t pc,
                                    uint64_t cs_base, uint32_t flags)
{
    uint64_t h = (phys_pc ^ cs_base * 0x9e3779b97f4a7c15ull) *
                 0xff51afd7ed558ccdull;

    (void)pc;
    h ^= flags * 0xc4ceb9fe1a85ec53ull;
    return (h >> (64 - TB_HASH_BITS)) & (TB_HASH_SIZE - 1);
}

/*
 * A TB whose code reaches into a second page is valid only while that
 * virtual page still maps to the same physical page.
 */
static bool tb_second_page_ok(CPUState *cs, const TranslationBlock *tb)
{
    uint64_t p1;
    void *host;

    if (tb->page_addr[1] == (uint64_t)-1) {
        return true;
    }
    p1 = ((tb->pc >> tb_page_bits) + 1) << tb_page_bits;
    return (tb_sys_ops->code_phys(cs, p1, &host, true) >> tb_page_bits) ==
           tb->page_addr[1];
}

TranslationBlock *tb_lookup(CPUState *cs, uint64_t pc, uint64_t cs_base,
                            uint32_t flags)
{
    CPUJumpCacheEntry *e = &cs->tb_jmp_cache[tb_jmp_cache_hash(pc)];
    TranslationBlock *tb;
    uint64_t phys_pc = pc;
    bool sys = tcg_ctx->system_mode && tb_sys_ops;

    if (e->pc == pc && e->cs_base == cs_base && e->flags == flags &&
        e->tc_ptr) {
        tb = tb_from_tc(e->tc_ptr);
        if (!(tb->cflags & CF_INVALID)) {
            return tb;
        }
    }
    tb_stats.lookups_hash++;
    if (sys) {
        void *host;

        /* No fault here: the caller translates, which raises it. */
        phys_pc = tb_sys_ops->code_phys(cs, pc, &host, true);
        if (phys_pc == (uint64_t)-1) {
            return NULL;
        }
    }
    for (tb = __atomic_load_n(&tb_hash[tb_hash_func(phys_pc, pc, cs_base,
                                                    flags)],
                              __ATOMIC_ACQUIRE);
         tb; tb = __atomic_load_n(&tb->hash_next, __ATOMIC_ACQUIRE)) {
        if (tb->pc == pc && tb->phys_pc == phys_pc &&
            tb->cs_base == cs_base && tb->flags == flags &&
            !(tb->cflags & CF_INVALID) &&
            (!sys || tb_second_page_ok(cs, tb))) {
            /* span by virtual address: a flush of the next page drops it. */
            tb_jmp_cache_set(cs->tb_jmp_cache, pc, cs_base, flags, tb->tc_ptr,
                             tb->size == 0 ||
                             ((pc + tb->size - 1) ^ pc) >> 12 != 0, sys);
            return tb;
        }
    }
    return NULL;
}

/* ------------------------------------------------------------- pages */

static uintptr_t *page_list_head(uint64_t page, bool create)
{
    gint64 key = page;
    uintptr_t *head = g_hash_table_lookup(tb_pages, &key);

    if (!head && create) {
        /* [0] = key, [1] = first (tb | n) */
        gint64 *kv = g_new0(gint64, 2);
        kv[0] = page;
        g_hash_table_insert(tb_pages, kv, kv);
        head = (uintptr_t *)kv;
    }
    return head ? head + 1 : NULL;
}

static void tb_page_add(TranslationBlock *tb, int n, uint64_t page)
{
    uintptr_t *head = page_list_head(page, true);

    if (*head == 0) {
        if (tcg_ctx->system_mode) {
            if (tb_sys_ops) {
                tb_sys_ops->protect_code(page << tb_page_bits);
            }
        } else if (tb_page_protect_hook) {
            tb_page_protect_hook(page << tb_page_bits);
        }
    }
    tb->page_next[n] = *head;
    *head = (uintptr_t)tb | n;
}

static void tb_page_remove(TranslationBlock *tb, int n, uint64_t page)
{
    uintptr_t *p = page_list_head(page, false);

    while (p && *p) {
        TranslationBlock *t = (TranslationBlock *)(*p & ~(uintptr_t)1);
        int k = *p & 1;

        if (t == tb && k == n) {
            *p = t->page_next[k];
            break;
        }
        p = &t->page_next[k];
    }
    p = page_list_head(page, false);
    if (p && *p == 0) {
        gint64 key = page;
        g_hash_table_remove(tb_pages, &key);
    }
}

bool tb_page_has_code(uint64_t addr)
{
    uintptr_t *head;
    bool r;

    tb_lock();
    head = page_list_head(addr >> tb_page_bits, false);
    r = head && *head;
    tb_unlock();
    return r;
}

/* ---------------------------------------------------------- chaining */

static void tb_set_jmp(TranslationBlock *tb, int n, const void *target)
{
    tcg_target_patch_goto_tb((tcg_insn_unit *)tb->tc_ptr + tb->jmp_insn_offset[n],
                             target);
}

void tb_add_jump(TranslationBlock *tb, int n, TranslationBlock *next)
{
    if (!(tb->has_goto_tb & (1 << n))) {
        return;
    }
    tb_lock();
    if (tb->jmp_dest[n] || (tb->cflags & CF_INVALID) ||
        (next->cflags & CF_INVALID)) {
        tb_unlock();
        return;
    }
    tb->jmp_dest[n] = next;
    tb->jmp_list_next[n] = next->jmp_list_head;
    next->jmp_list_head = (uintptr_t)tb | n;
    tb_set_jmp(tb, n, next->tc_ptr);
    tb_stats.chained++;
    tb_unlock();
}

/* Make every jump into tb go back to its own exit path. */
static void tb_jmp_unlink_incoming(TranslationBlock *tb)
{
    uintptr_t p = tb->jmp_list_head;

    while (p) {
        TranslationBlock *from = (TranslationBlock *)(p & ~(uintptr_t)1);
        int n = p & 1;

        tb_set_jmp(from, n, from->tc_ptr + from->jmp_reset_offset[n]);
        from->jmp_dest[n] = NULL;
        p = from->jmp_list_next[n];
        tb_stats.unchained++;
    }
    tb->jmp_list_head = 0;
}

/* Remove tb from the incoming lists of the TBs it jumps to. */
static void tb_jmp_unlink_outgoing(TranslationBlock *tb)
{
    int n;

    for (n = 0; n < 2; n++) {
        TranslationBlock *dest = tb->jmp_dest[n];
        uintptr_t *p;

        if (!dest) {
            continue;
        }
        for (p = &dest->jmp_list_head; *p;) {
            TranslationBlock *t = (TranslationBlock *)(*p & ~(uintptr_t)1);
            int k = *p & 1;

            if (t == tb && k == n) {
                *p = t->jmp_list_next[k];
                break;
            }
            p = &t->jmp_list_next[k];
        }
        tb->jmp_dest[n] = NULL;
    }
}

/* ------------------------------------------------------- invalidation */

static void tb_phys_invalidate_locked(TranslationBlock *tb)
{
    TranslationBlock **pp;
    int i, n;

    if (tb->cflags & CF_INVALID) {
        return;
    }
    __atomic_store_n(&tb->cflags, tb->cflags | CF_INVALID, __ATOMIC_RELEASE);
    for (pp = &tb_hash[tb_hash_func(tb->phys_pc, tb->pc, tb->cs_base,
                                    tb->flags)]; *pp;
         pp = &(*pp)->hash_next) {
        if (*pp == tb) {
            __atomic_store_n(pp, tb->hash_next, __ATOMIC_RELEASE);
            break;
        }
    }
    for (n = 0; n < 2; n++) {
        if (tb->page_addr[n] != (uint64_t)-1) {
            tb_page_remove(tb, n, tb->page_addr[n]);
        }
    }
    for (i = 0; i < cpu_count; i++) {
        CPUJumpCacheEntry *e = &cpu_list[i]->tb_jmp_cache[tb_jmp_cache_hash(tb->pc)];
        if (e->tc_ptr == tb->tc_ptr) {
            __atomic_store_n(&e->tc_ptr, NULL, __ATOMIC_RELEASE);
        }
    }
    tb_jmp_unlink_incoming(tb);
    tb_jmp_unlink_outgoing(tb);
    tb_stats.invalidated++;
}

/* Does the code of tb in its page n (physical bytes) meet [start, end)? */
static bool tb_overlaps(const TranslationBlock *tb, int n, uint64_t start,
                        uint64_t end)
{
    uint64_t page_size = (uint64_t)1 << tb_page_bits;
    uint64_t first_end = ((tb->pc >> tb_page_bits) + 1) << tb_page_bits;
    uint64_t s, e;

    if (tb->size == 0) {
        return true;
    }
    if (n == 0) {
        s = tb->phys_pc;
        e = tb->phys_pc + tb->size;
        if (tb->page_addr[1] != (uint64_t)-1 && tb->pc + tb->size > first_end) {
            e = tb->phys_pc + (first_end - tb->pc);
        }
    } else {
        s = tb->page_addr[1] << tb_page_bits;
        e = s + (tb->pc + tb->size - first_end);
        if (e > s + page_size) {
            e = s + page_size;
        }
    }
    return s < end && e > start;
}

void tb_invalidate_phys_range(uint64_t start, uint64_t end)
{
    uint64_t page;

    if (end <= start) {
        return;
    }
    tb_lock();
    for (page = start >> tb_page_bits; page <= (end - 1) >> tb_page_bits; page++) {
        uintptr_t *head = page_list_head(page, false);
        uintptr_t p = head ? *head : 0;

        while (p) {
            TranslationBlock *tb = (TranslationBlock *)(p & ~(uintptr_t)1);
            int n = p & 1;

            p = tb->page_next[n];
            /* A TB may share the page without overlapping the range. */
            if (tb_overlaps(tb, n, start, end)) {
                tb_phys_invalidate_locked(tb);
            }
        }
    }
    tb_unlock();
}

void tb_invalidate_phys_page(uint64_t addr)
{
    uint64_t start = addr & ~(((uint64_t)1 << tb_page_bits) - 1);

    tb_invalidate_phys_range(start, start + ((uint64_t)1 << tb_page_bits));
}

static void tb_flush_locked(void)
{
    int i;

    memset(tb_hash, 0, sizeof(tb_hash));
    g_hash_table_remove_all(tb_pages);
    for (i = 0; i < cpu_count; i++) {
        memset(cpu_list[i]->tb_jmp_cache, 0,
               TB_JMP_CACHE_SIZE * sizeof(CPUJumpCacheEntry));
    }
    tb_array_len = 0;
    tcg_ctx->code_gen_ptr = code_gen_start;
    tb_stats.flushes++;
}

void tb_flush(void)
{
    tb_lock();
    tb_flush_locked();
    tb_unlock();
}

/* --------------------------------------------------------- restore data */

static uint8_t *encode_sleb128(uint8_t *p, int64_t val)
{
    bool more;

    do {
        uint8_t byte = val & 0x7f;

        val >>= 7;
        more = !((val == 0 && !(byte & 0x40)) || (val == -1 && (byte & 0x40)));
        *p++ = byte | (more ? 0x80 : 0);
    } while (more);
    return p;
}

static const uint8_t *decode_sleb128(const uint8_t *p, const uint8_t *end,
                                     int64_t *val)
{
    uint64_t v = 0;
    int shift = 0;
    uint8_t byte;

    do {
        if (p >= end || shift > 63) {
            *val = 0;
            return end;
        }
        byte = *p++;
        v |= (uint64_t)(byte & 0x7f) << shift;
        shift += 7;
    } while (byte & 0x80);
    if (shift < 64 && (byte & 0x40)) {
        v |= -((uint64_t)1 << shift);
    }
    *val = v;
    return p;
}

/* After the code: per insn, end offset delta then word deltas. */
static uint8_t *encode_restore_data(TCGContext *s, TranslationBlock *tb,
                                    uint8_t *p, uint8_t *limit)
{
    uint64_t prev[TCG_INSN_START_WORDS_MAX] = { tb->pc };
    uint32_t prev_end = 0;
    int i, j;

    for (i = 0; i < s->nb_insns; i++) {
        if (p + 11 * (1 + s->insn_start_words) > limit) {
            return NULL;
        }
        p = encode_sleb128(p, (int64_t)s->gen_insn_end_off[i] - prev_end);
        prev_end = s->gen_insn_end_off[i];
        for (j = 0; j < s->insn_start_words; j++) {
            p = encode_sleb128(p, s->gen_insn_data[i][j] - prev[j]);
            prev[j] = s->gen_insn_data[i][j];
        }
    }
    return p;
}

static TranslationBlock *tb_find_by_host_pc(uintptr_t pc)
{
    size_t lo = 0, hi;

    tb_lock();
    hi = tb_array_len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        TranslationBlock *tb = tb_array[mid];

        if (pc < (uintptr_t)tb->tc_ptr) {
            hi = mid;
        } else if (pc >= (uintptr_t)tb->tc_ptr + tb->tc_size) {
            lo = mid + 1;
        } else {
            tb_unlock();
            return tb;
        }
    }
    tb_unlock();
    return NULL;
}

bool cpu_restore_state(CPUState *cs, uintptr_t host_pc)
{
    /* host_pc is a return address: step back into the instruction. */
    uintptr_t pc = host_pc - 1;
    TranslationBlock *tb = tb_find_by_host_pc(pc);
    int words = cs->cc->insn_start_words;
    uint64_t data[TCG_INSN_START_WORDS_MAX] = { 0 };
    const uint8_t *p, *end;
    uint64_t off, end_off = 0;
    int i, j;

    if (!tb) {
        return false;
    }
    data[0] = tb->pc;
    off = pc - (uintptr_t)tb->tc_ptr;
    p = tb->restore_data;
    end = p + tb->restore_size;
    for (i = 0; i < tb->icount && p < end; i++) {
        int64_t d;

        p = decode_sleb128(p, end, &d);
        end_off += d;
        for (j = 0; j < words; j++) {
            p = decode_sleb128(p, end, &d);
            data[j] += d;
        }
        if (off < end_off) {
            cs->cc->restore_state(cs, tb, data);
            return true;
        }
    }
    return false;
}

/* ---------------------------------------------------------- generation */

static void tb_array_add(TranslationBlock *tb)
{
    if (tb_array_len == tb_array_cap) {
        tb_array_cap = tb_array_cap ? tb_array_cap * 2 : 4096;
        tb_array = realloc(tb_array, tb_array_cap * sizeof(*tb_array));
        if (!tb_array) {
            fprintf(stderr, "qemu: out of memory\n");
            abort();
        }
    }
    tb_array[tb_array_len++] = tb;
}

/* -d in_asm and -d out_asm */
static void tb_log_code(CPUState *cs, const TranslationBlock *tb)
{
    const CPUClass *cc = cs->cc;
    FILE *f;

    if (qemu_loglevel_mask(CPU_LOG_TB_IN_ASM) && cc->code_ptr && tb->size) {
        const void *p = cc->code_ptr(cs, tb->pc, tb->size);

        if (p) {
            f = qemu_log_trylock();
            fprintf(f, "----------------\nIN: \n");
            log_disas_guest(f, cc->disas_arch, cc->disas_mode, p, tb->size,
                            tb->pc);
            fputc('\n', f);
            qemu_log_unlock(f);
        }
    }
    if (qemu_loglevel_mask(CPU_LOG_TB_OUT_ASM)) {
        f = qemu_log_trylock();
        fprintf(f, "OUT: [size=%u]\n", tb->tc_size);
#ifdef TCG_TARGET_INTERPRETER
        tci_disas(f, tb->tc_ptr, tb->tc_size);
#else
        log_disas_host(f, tb->tc_ptr, tb->tc_size);
#endif
        fputc('\n', f);
        qemu_log_unlock(f);
    }
}

TranslationBlock *tb_gen_code(CPUState *cs, uint64_t pc, uint64_t cs_base,
                              uint32_t flags, uint32_t cflags)
{
    TCGContext *s = tcg_ctx;
    int max_insns = cflags & CF_COUNT_MASK;
    TranslationBlock *tb;
    uint8_t *data_end;
    unsigned h;
    int size;

    if (max_insns == 0 || max_insns > TCG_MAX_INSNS) {
        max_insns = TCG_MAX_INSNS;
    }
    tb_lock();
    s->insn_start_words = cs->cc->insn_start_words;
    s->addr_type = cs->cc->addr_type;
    s->tlb_fast_ofs = (intptr_t)offsetof(CPUState, tlb.f) - cpu_env_offset;
retry:
    tb = (TranslationBlock *)(((uintptr_t)s->code_gen_ptr + 63) & ~(uintptr_t)63);
    if ((tcg_insn_unit *)tb + TB_CODE_OFFSET > s->code_gen_highwater) {
        goto full;
    }
    memset(tb, 0, sizeof(*tb));
    tb->pc = pc;
    tb->phys_pc = pc;
    tb->cs_base = cs_base;
    tb->flags = flags;
    tb->cflags = cflags;
    tb->page_addr[0] = tb->page_addr[1] = (uint64_t)-1;
    tb->tc_ptr = (tcg_insn_unit *)tb + TB_CODE_OFFSET;

    s->log_op = qemu_loglevel_mask(CPU_LOG_TB_OP);
    s->log_op_opt = qemu_loglevel_mask(CPU_LOG_TB_OP_OPT);
    if (qemu_loglevel_mask(CPU_LOG_TB_NOCHAIN)) {
        tb->cflags |= CF_NO_GOTO_TB;
    }
    tcg_func_start(s);
    s->gen_tb = tb;     /* the translator's lookups read its flags */
    s->goto_tb_offset[0] = s->goto_tb_offset[1] = 0xffff;
    if (s->system_mode && tb_sys_ops) {
        void *host;

        /* May fault (prefetch abort): tb_gen_code_cleanup unlocks. */
        tb_gen_current = tb;
        tb->phys_pc = tb_sys_ops->code_phys(cs, pc, &host, false);
    }
    tb_gen_current = tb;
    cs->cc->translate(cs, tb, max_insns);
    tb_gen_current = NULL;
    s->code_gen_ptr = (tcg_insn_unit *)tb->tc_ptr;
    size = tcg_gen_code(s, tb);
    if (size == -1) {
        /* The buffer is full: start over with an empty cache.  If even an
         * empty cache cannot hold it, translate fewer instructions. */
        if ((tcg_insn_unit *)tb <= code_gen_start + 64) {
            if (max_insns == 1) {
                tcg_abort_msg("one guest instruction overflows the code buffer");
            }
            max_insns = tb->icount > 1 ? tb->icount / 2 : 1;
            s->code_gen_ptr = (tcg_insn_unit *)tb;
            goto retry;
        }
        goto full;
    }
    if (size == -2) {
        /* Too many spill slots: fewer guest instructions per TB. */
        if (max_insns == 1) {
            tcg_abort_msg("one guest instruction needs more spill slots "
                          "than the frame has");
        }
        max_insns = tb->icount > 1 ? tb->icount / 2 : 1;
        s->code_gen_ptr = (tcg_insn_unit *)tb;
        goto retry;
    }
    tb->tc_size = size;
    data_end = encode_restore_data(s, tb, (uint8_t *)tb->tc_ptr + size,
                                   (uint8_t *)s->code_gen_buffer +
                                   s->code_gen_buffer_size);
    if (!data_end) {
        goto full;
    }
    tb->restore_data = tb->tc_ptr + size;
    tb->restore_size = data_end - tb->restore_data;
    for (int n = 0; n < 2; n++) {
        if (s->goto_tb_offset[n] != 0xffff) {
            tb->has_goto_tb |= 1 << n;
            tb->jmp_insn_offset[n] = s->goto_tb_offset[n];
            tb->jmp_reset_offset[n] = s->goto_tb_reset[n];
        }
    }
    s->code_gen_ptr = data_end;
    tb_log_code(cs, tb);
    if (perfmap_enabled) {
        perfmap_note_tb(tb->tc_ptr, size, pc, tb->icount);
    }

    tb_stats.tbs_translated++;
    tb_stats.insns_translated += tb->icount;
    tb_stats.code_bytes += size;

    /* Publish: pages, then the hash chain (lock-free readers). */
    {
        unsigned bits = tb_page_bits;
        uint64_t p0 = tb->phys_pc >> bits;
        uint64_t p1 = tb->size ? (pc + tb->size - 1) >> bits : pc >> bits;

        tb->page_addr[0] = p0;
        tb_page_add(tb, 0, p0);
        if (s->system_mode) {
            /* The translator recorded the second page's physical number. */
            if (tb->page_addr[1] != (uint64_t)-1 &&
                tb->page_addr[1] != p0) {
                tb_page_add(tb, 1, tb->page_addr[1]);
            } else {
                tb->page_addr[1] = (uint64_t)-1;
            }
        } else if (p1 != p0) {
            tb->page_addr[1] = p1;
            tb_page_add(tb, 1, p1);
        }
    }
    tb_array_add(tb);
    h = tb_hash_func(tb->phys_pc, pc, cs_base, flags);
    tb->hash_next = tb_hash[h];
    __atomic_store_n(&tb_hash[h], tb, __ATOMIC_RELEASE);
    tb_unlock();
    return tb;

full:
    /*
     * Other CPUs may be running code in the buffer: the flush waits for
     * a safe point where none is (cpu_exec, outside the lock).
     */
    s->code_gen_ptr = (tcg_insn_unit *)tb;
    tb_flush_requested = true;
    tb_unlock();
    return NULL;
}

void tb_gen_code_cleanup(void)
{
    TranslationBlock *tb = tb_gen_current;

    if (tb) {
        /* Nothing was published: forget the TB, keep the buffer as is. */
        tb_gen_current = NULL;
        tcg_ctx->code_gen_ptr = (tcg_insn_unit *)tb;
        tb_lock_depth = 1;
        tb_unlock();
    }
}

void tb_dump_stats(FILE *f)
{
    fprintf(f, "TBs translated:        %" G_GUINT64_FORMAT "\n", tb_stats.tbs_translated);
    fprintf(f, "guest insns translated: %" G_GUINT64_FORMAT "\n", tb_stats.insns_translated);
    fprintf(f, "host code bytes:       %" G_GUINT64_FORMAT "\n", tb_stats.code_bytes);
    fprintf(f, "TCG ops (before/after opt): %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT "\n",
            tcg_ctx->stat_ops, tcg_ctx->stat_ops_opt);
    fprintf(f, "cache flushes:         %" G_GUINT64_FORMAT "\n", tb_stats.flushes);
    fprintf(f, "TBs invalidated:       %" G_GUINT64_FORMAT "\n", tb_stats.invalidated);
    fprintf(f, "jumps chained/unchained: %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT "\n",
            tb_stats.chained, tb_stats.unchained);
}
