/*
 * qcow2-commit.c: switching an image's metadata with one header write.
 *
 * A snapshot operation changes reference counts and the active tables'
 * COPIED flags together ("refcount is exactly 1").  The two live in
 * different clusters, so every in-place order passes through a state
 * that `qemu-img check` (ours and QEMU's) reports as corruption: a data
 * cluster with refcount 2 whose active L2 entry still says COPIED, or
 * the reverse.  A process killed there leaves a "corrupt" image.
 *
 * So snapshot operations describe the metadata they want (the next
 * "world": active L1, snapshot list, virtual size) and this file makes
 * it real without touching anything the current world uses:
 *
 *   1. everything new is written to clusters neither world uses (holes
 *      with refcount 0 that the new world does not reference, else past
 *      the end of the file): the snapshot table, a new snapshot's L1,
 *      copies of the active L2 tables whose COPIED flags must change, the
 *      active L1 table, and a refcount table + blocks computed from the
 *      new world's references (so it is exact);
 *   2. flush;
 *   3. one write of header bytes 24..71 (virtual size, L1 size and
 *      offset, refcount table offset and size, snapshot count and
 *      offset), inside the first sector, switches worlds;
 *   4. flush.
 *
 * Killed before 3, the old world is intact and the clusters written are
 * ones it counts as free (not even leaks); after 3, the new world is
 * consistent.  Clusters only the old world used
 * have refcount 0 in the new one and are reused by later allocations.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcow2.h"

/* Reference counts of the world being built, grown on demand. */
typedef struct Refs {
    uint32_t *n;
    uint64_t len;          /* clusters covered */
} Refs;

static int refs_add(Refs *r, uint64_t c, int delta)
{
    if (c >= r->len) {
        uint64_t nl = r->len ? r->len : 64;
        uint32_t *nn;

        while (nl <= c) {
            nl *= 2;
        }
        nn = realloc(r->n, nl * sizeof(*nn));
        if (!nn) {
            return -ENOMEM;
        }
        memset(nn + r->len, 0, (nl - r->len) * sizeof(*nn));
        r->n = nn;
        r->len = nl;
    }
    if (delta < 0 && r->n[c] == 0) {
        return -EIO;
    }
    if (r->n[c] < UINT32_MAX) {
        r->n[c] += delta;
    }
    return 0;
}

static uint32_t refs_get(const Refs *r, uint64_t c)
{
    return c < r->len ? r->n[c] : 0;
}

/* Count [off, off+len) once. */
static int refs_range(BDRVQcow2State *s, Refs *r, uint64_t off, uint64_t len)
{
    uint64_t c;
    int ret;

    if (len == 0) {
        return 0;
    }
    for (c = off >> s->cluster_bits;
         c <= (off + len - 1) >> s->cluster_bits; c++) {
        ret = refs_add(r, c, 1);
        if (ret < 0) {
            return ret;
        }
    }
    return 0;
}

/* The clusters one L2 entry holds (none for unallocated/zero entries). */
static void l2e_range(BDRVQcow2State *s, uint64_t e, uint64_t *off,
                      uint64_t *len)
{
    *off = *len = 0;
    switch (qcow2_entry_type(s, e)) {
    case QCOW2_CLUSTER_COMPRESSED:
        qcow2_compressed_range(s, e, off, len);
        break;
    case QCOW2_CLUSTER_NORMAL:
    case QCOW2_CLUSTER_ZERO_ALLOC:
        *off = e & L2E_OFFSET_MASK;
        *len = s->cluster_size;
        break;
    default:
        break;
    }
}

/*
 * Count an L1 table (host-order entries) with its L2 tables and their
 * clusters; everything must lie below end (the file is not trusted).
 */
static int refs_l1(BlockDriverState *bs, Refs *r, const uint64_t *l1,
                   uint32_t l1_size, uint64_t end, uint8_t *l2buf)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t i, j, off, len;
    int ret;

    for (i = 0; i < l1_size; i++) {
        uint64_t l2_off = l1[i] & L1E_OFFSET_MASK;

        if (!l2_off) {
            continue;
        }
        if ((l2_off & (s->cluster_size - 1)) ||
            l2_off + s->cluster_size > end) {
            return -EIO;
        }
        ret = refs_add(r, l2_off >> s->cluster_bits, 1);
        if (ret == 0) {
            ret = bdrv_pread(bs->file, l2_off, l2buf, s->cluster_size);
        }
        if (ret < 0) {
            return ret;
        }
        for (j = 0; j < (uint64_t)s->l2_size; j++) {
            l2e_range(s, qcow2_be64(l2buf + 8 * j), &off, &len);
            if (len && off + len > end) {
                return -EIO;
            }
            ret = refs_range(s, r, off, len);
            if (ret < 0) {
                return ret;
            }
        }
    }
    return 0;
}

static int read_l1(BlockDriverState *bs, uint64_t off, uint32_t size,
                   uint64_t **out)
{
    uint8_t *raw = malloc(size ? (size_t)size * 8 : 1);
    uint64_t *l1 = malloc(size ? (size_t)size * 8 : 1);
    uint32_t i;
    int ret = 0;

    if (!raw || !l1) {
        ret = -ENOMEM;
    } else if (size) {
        ret = bdrv_pread(bs->file, off, raw, (size_t)size * 8);
    }
    if (ret < 0) {
        free(raw);
        free(l1);
        return ret;
    }
    for (i = 0; i < size; i++) {
        l1[i] = qcow2_be64(raw + 8 * i);
    }
    free(raw);
    *out = l1;
    return 0;
}

/*
 * Where the new world's metadata goes: clusters free in the old world
 * (refcount 0 on disk) that the new world does not reference, scanned
 * first-fit from a cursor, else the end of the file.
 */
typedef struct Placer {
    uint64_t cursor;       /* next cluster to consider */
    uint64_t end;          /* clusters: end of the file as it will be */
} Placer;

static int place(BlockDriverState *bs, Refs *r, Placer *p, uint64_t n,
                 uint64_t *off)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t c, run = 0, start = 0, rc, k;
    int ret;

    for (c = p->cursor; c < p->end && run < n; c++) {
        if (refs_get(r, c) == 0 && qcow2_get_refcount(bs, c, &rc) == 0 &&
            rc == 0) {
            start = run ? start : c;
            run++;
        } else {
            run = 0;
        }
    }
    if (run < n) {
        start = run ? start : p->end;
        if (start + n > p->end) {
            p->end = start + n;
        }
    }
    for (k = 0; k < n; k++) {
        ret = refs_add(r, start + k, 1);
        if (ret < 0) {
            return ret;
        }
    }
    p->cursor = start + n;
    *off = start << s->cluster_bits;
    return 0;
}

/* Write len bytes into newly placed clusters. */
static int place_write(BlockDriverState *bs, Refs *r, Placer *p,
                       const void *buf, uint64_t len, uint64_t *off)
{
    BDRVQcow2State *s = bs->opaque;
    int ret = place(bs, r, p, qcow2_align_up(len, s->cluster_size) >>
                    s->cluster_bits, off);

    return ret < 0 ? ret : bdrv_pwrite(bs->file, *off, buf, len);
}

/*
 * Give the active L2 tables the COPIED flags the new refcounts call for;
 * a table that must change is copied (the old world still uses it).
 */
static int fix_active_tables(BlockDriverState *bs, Refs *r, uint64_t *l1,
                             uint32_t l1_size, Placer *p, uint8_t *l2buf)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t i, j, off, len;
    int ret;

    for (i = 0; i < l1_size; i++) {
        uint64_t l2_off = l1[i] & L1E_OFFSET_MASK, copy;
        bool changed = false;

        if (!l2_off) {
            continue;
        }
        ret = bdrv_pread(bs->file, l2_off, l2buf, s->cluster_size);
        if (ret < 0) {
            return ret;
        }
        for (j = 0; j < (uint64_t)s->l2_size; j++) {
            uint64_t e = qcow2_be64(l2buf + 8 * j), ne = e;
            Qcow2ClusterType ty = qcow2_entry_type(s, e);

            if (ty == QCOW2_CLUSTER_NORMAL || ty == QCOW2_CLUSTER_ZERO_ALLOC) {
                l2e_range(s, e, &off, &len);
                ne = refs_get(r, off >> s->cluster_bits) == 1 ?
                     e | QCOW_OFLAG_COPIED : e & ~QCOW_OFLAG_COPIED;
            }
            if (ne != e) {
                qcow2_st64(l2buf + 8 * j, ne);
                changed = true;
            }
        }
        if (!changed) {
            continue;
        }
        ret = place_write(bs, r, p, l2buf, s->cluster_size, &copy);
        if (ret == 0) {
            ret = refs_add(r, l2_off >> s->cluster_bits, -1);
        }
        if (ret < 0) {
            return ret;
        }
        l1[i] = copy;
    }
    for (i = 0; i < l1_size; i++) {
        uint64_t l2_off = l1[i] & L1E_OFFSET_MASK;

        l1[i] = !l2_off ? 0 :
                refs_get(r, l2_off >> s->cluster_bits) == 1 ?
                l2_off | QCOW_OFLAG_COPIED : l2_off;
    }
    return 0;
}

/* Refcount blocks and table clusters that cover total clusters. */
static void refcount_geometry(BDRVQcow2State *s, uint64_t total,
                              uint64_t *nblocks, uint64_t *tclusters)
{
    uint64_t per = 1ULL << s->refblock_bits;

    *nblocks = (total + per - 1) / per;
    *tclusters = qcow2_align_up(*nblocks * 8, s->cluster_size) >>
                 s->cluster_bits;
}

/*
 * Place and write a refcount table and blocks that describe r, including
 * themselves.  Returns the table's offset and size in clusters; rt gets
 * its entries.
 */
static int write_refcounts(BlockDriverState *bs, Refs *r, Placer *p,
                           uint64_t *rt_off, uint32_t *rt_clusters,
                           uint64_t **rt)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t per = 1ULL << s->refblock_bits;
    uint64_t nblocks, tclusters, base, i, total;
    uint8_t *buf;
    uint64_t *table;
    int ret;

    /* In a hole the file keeps its size; at its end it covers itself. */
    refcount_geometry(s, p->end, &nblocks, &tclusters);
    p->cursor = 1;
    ret = place(bs, r, p, nblocks + tclusters, &base);
    if (ret < 0) {
        return ret;
    }
    base >>= s->cluster_bits;
    if (base + nblocks + tclusters == p->end) {
        uint64_t nb2 = nblocks, tc2 = tclusters;

        for (i = 0; i < 64; i++) {
            refcount_geometry(s, base + nb2 + tc2, &nb2, &tc2);
            if (base + nb2 + tc2 <= p->end) {
                break;
            }
            p->end = base + nb2 + tc2;
        }
        for (i = nblocks + tclusters; i < nb2 + tc2; i++) {
            ret = refs_add(r, base + i, 1);
            if (ret < 0) {
                return ret;
            }
        }
        nblocks = nb2;
        tclusters = tc2;
    }
    if (tclusters * s->cluster_size > QCOW2_MAX_RT_BYTES) {
        return -EFBIG;
    }
    total = nblocks * per;
    buf = calloc(nblocks + tclusters, s->cluster_size);
    table = calloc(tclusters * s->cluster_size / 8, 8);
    if (!buf || !table) {
        free(buf);
        free(table);
        return -ENOMEM;
    }
    for (i = 0; i < total && i < p->end; i++) {
        uint64_t v = refs_get(r, i);

        if (v > s->refcount_max) {
            free(buf);
            free(table);
            return -ERANGE;       /* e.g. refcount_bits=1 and a snapshot */
        }
        qcow2_set_refcount_entry(buf + (i / per) * s->cluster_size,
                                 s->refcount_order, i % per, v);
    }
    for (i = 0; i < nblocks; i++) {
        table[i] = (base + i) << s->cluster_bits;
        qcow2_st64(buf + (nblocks << s->cluster_bits) + 8 * i, table[i]);
    }
    ret = bdrv_pwrite(bs->file, base << s->cluster_bits, buf,
                      (nblocks + tclusters) << s->cluster_bits);
    free(buf);
    if (ret < 0) {
        free(table);
        return ret;
    }
    *rt_off = (base + nblocks) << s->cluster_bits;
    *rt_clusters = tclusters;
    *rt = table;
    return 0;
}

/* Free the old snapshots' strings that the new list no longer holds. */
static void free_dropped_snapshots(BDRVQcow2State *s, const Qcow2World *w)
{
    uint32_t i, k;

    for (i = 0; i < s->nb_snapshots; i++) {
        for (k = 0; k < w->nb_sn; k++) {
            if (w->sn[k].id_str == s->snapshots[i].id_str) {
                break;
            }
        }
        if (k == w->nb_sn) {
            free(s->snapshots[i].id_str);
            free(s->snapshots[i].name);
            free(s->snapshots[i].extra);
        }
    }
    free(s->snapshots);
}

int qcow2_commit_world(BlockDriverState *bs, Qcow2World *w)
{
    BDRVQcow2State *s = bs->opaque;
    int64_t flen = bdrv_getlength(bs->file);
    uint64_t old_end, sn_off = 0, l1_off = 0, rt_off = 0;
    uint64_t *l1 = NULL, *snl1, *rt = NULL, i;
    uint32_t rt_clusters = 0, k;
    uint8_t *buf = NULL, *l2buf = malloc(s->cluster_size), hdr[48];
    size_t sn_len = 0;
    Refs r = { NULL, 0 };
    Placer p;
    int ret;

    if (flen < 0 || !l2buf) {
        free(l2buf);
        return flen < 0 ? (int)flen : -ENOMEM;
    }
    /* Settle allocations in flight: the new refcounts are exact. */
    qcow2_release_reservations(bs);
    ret = qcow2_apply_pending(bs);
    if (ret < 0) {
        goto out;
    }
    old_end = qcow2_align_up(flen, s->cluster_size);
    p.cursor = 1;
    p.end = old_end >> s->cluster_bits;

    /* What the new world references as it stands: header, snapshots... */
    ret = refs_range(s, &r, 0, s->cluster_size);
    for (k = 0; ret == 0 && k < w->nb_sn; k++) {
        if (k == w->nb_sn - 1 && w->new_sn_l1) {
            break;              /* written below; reaches what active does */
        }
        ret = read_l1(bs, w->sn[k].l1_table_offset, w->sn[k].l1_size, &snl1);
        if (ret == 0) {
            ret = refs_range(s, &r, w->sn[k].l1_table_offset,
                             (uint64_t)w->sn[k].l1_size * 8);
        }
        if (ret == 0) {
            ret = refs_l1(bs, &r, snl1, w->sn[k].l1_size, old_end, l2buf);
            free(snl1);
        }
    }
    if (ret == 0 && w->new_sn_l1) {
        ret = refs_l1(bs, &r, w->new_sn_l1, w->sn[w->nb_sn - 1].l1_size,
                      old_end, l2buf);
    }
    /* ...and the active tables as the operation left them. */
    l1 = calloc(w->l1_size ? w->l1_size : 1, 8);
    if (ret == 0 && !l1) {
        ret = -ENOMEM;
    }
    if (ret == 0) {
        memcpy(l1, w->l1, (size_t)w->l1_size * 8);
        ret = refs_l1(bs, &r, l1, w->l1_size, old_end, l2buf);
    }
    /* Now place and write the new metadata. */
    if (ret == 0 && w->new_sn_l1) {
        Qcow2Snapshot *sn = &w->sn[w->nb_sn - 1];

        free(buf);
        buf = calloc(sn->l1_size ? sn->l1_size : 1, 8);
        if (!buf) {
            ret = -ENOMEM;
        }
        for (i = 0; ret == 0 && i < sn->l1_size; i++) {
            qcow2_st64(buf + 8 * i, w->new_sn_l1[i] & ~QCOW_OFLAG_COPIED);
        }
        if (ret == 0 && sn->l1_size) {
            ret = place_write(bs, &r, &p, buf, (uint64_t)sn->l1_size * 8,
                              &sn->l1_table_offset);
        }
    }
    if (ret == 0) {
        ret = fix_active_tables(bs, &r, l1, w->l1_size, &p, l2buf);
    }
    if (ret == 0 && w->l1_size) {
        free(buf);
        buf = calloc(w->l1_size, 8);
        if (!buf) {
            ret = -ENOMEM;
        }
        for (i = 0; ret == 0 && i < w->l1_size; i++) {
            qcow2_st64(buf + 8 * i, l1[i]);
        }
        if (ret == 0) {
            ret = place_write(bs, &r, &p, buf, (uint64_t)w->l1_size * 8,
                              &l1_off);
        }
    }
    if (ret == 0 && w->nb_sn) {
        free(buf);
        buf = NULL;
        ret = qcow2_serialize_snapshots(w->sn, w->nb_sn, &buf, &sn_len);
        if (ret == 0) {
            ret = place_write(bs, &r, &p, buf, sn_len, &sn_off);
        }
    }
    if (ret == 0) {
        ret = write_refcounts(bs, &r, &p, &rt_off, &rt_clusters, &rt);
    }
    if (ret == 0) {
        ret = bdrv_flush(bs->file);
    }
    /* The switch: one write inside the first sector. */
    if (ret == 0) {
        ret = bdrv_pread(bs->file, 24, hdr, sizeof(hdr));
    }
    if (ret == 0) {
        qcow2_st64(hdr + 0, w->size);
        qcow2_st32(hdr + 12, w->l1_size);
        qcow2_st64(hdr + 16, l1_off);
        qcow2_st64(hdr + 24, rt_off);
        qcow2_st32(hdr + 32, rt_clusters);
        qcow2_st32(hdr + 36, w->nb_sn);
        qcow2_st64(hdr + 40, sn_off);
        ret = qcow2_write_header_field(bs, 24, hdr, sizeof(hdr));
    }
    if (ret == 0) {
        ret = bdrv_flush(bs->file);
    }
    if (ret < 0) {
        free(rt);
        goto out;
    }

    /* The new world in memory. */
    free(s->l1_table);
    s->l1_table = l1;
    l1 = NULL;
    s->l1_size = w->l1_size;
    s->l1_table_offset = l1_off;
    s->size = w->size;
    free(s->refcount_table);
    s->refcount_table = rt;
    s->refcount_table_offset = rt_off;
    s->refcount_table_clusters = rt_clusters;
    s->refcount_table_size = (uint64_t)rt_clusters * s->cluster_size / 8;
    if (s->snapshots != w->sn) {
        free_dropped_snapshots(s, w);
    }
    s->snapshots = w->sn;
    s->nb_snapshots = w->nb_sn;
    s->snapshots_offset = sn_off;
    for (i = 0; i < (uint64_t)s->l2_cache.n; i++) {
        s->l2_cache.offset[i] = 0;
    }
    for (i = 0; i < (uint64_t)s->rb_cache.n; i++) {
        s->rb_cache.offset[i] = 0;
    }
    s->free_cluster_index = 0;
    s->free_byte_offset = 0;
    s->cslots = 0;
    s->cbuf_entry = 0;
out:
    free(r.n);
    free(l1);
    free(buf);
    free(l2buf);
    return ret;
}
