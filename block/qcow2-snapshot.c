/*
 * qcow2-snapshot.c: internal snapshots (table I/O, create, apply, delete).
 *
 * A snapshot is a copy of the active L1 table; every L2 table and data
 * cluster it reaches has its refcount raised by one, and the active
 * tables lose their COPIED flags so that the next write copies first.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "qcow2.h"

#define SNAP_MAX_EXTRA    1024
#define SNAP_MAX_TABLE    (64 * 1024 * 1024)

void qcow2_free_snapshots(BDRVQcow2State *s)
{
    uint32_t i;

    for (i = 0; s->snapshots && i < s->nb_snapshots; i++) {
        free(s->snapshots[i].id_str);
        free(s->snapshots[i].name);
        free(s->snapshots[i].extra);
    }
    free(s->snapshots);
    s->snapshots = NULL;
}

int qcow2_read_snapshots(BlockDriverState *bs, char *err, size_t errlen)
{
    BDRVQcow2State *s = bs->opaque;
    int64_t flen = bdrv_getlength(bs->file);
    uint64_t pos = s->snapshots_offset;
    uint8_t h[40];
    uint32_t i;
    int ret;

    if (s->nb_snapshots == 0) {
        return 0;
    }
    if (s->nb_snapshots > QCOW2_MAX_SNAPSHOTS) {
        snprintf(err, errlen, "Snapshot table too large");
        return -EFBIG;
    }
    if ((pos & (s->cluster_size - 1)) || pos == 0 || pos >= (uint64_t)flen) {
        snprintf(err, errlen, "Snapshot table offset invalid");
        return -EINVAL;
    }
    s->snapshots = calloc(s->nb_snapshots, sizeof(Qcow2Snapshot));
    if (!s->snapshots) {
        return -ENOMEM;
    }
    for (i = 0; i < s->nb_snapshots; i++) {
        Qcow2Snapshot *sn = &s->snapshots[i];
        uint32_t extra, idl, nl;

        if (pos + 40 > (uint64_t)flen ||
            pos - s->snapshots_offset > SNAP_MAX_TABLE) {
            goto bad;
        }
        ret = bdrv_pread(bs->file, pos, h, 40);
        if (ret < 0) {
            goto bad;
        }
        sn->l1_table_offset = qcow2_be64(h);
        sn->l1_size = qcow2_be32(h + 8);
        idl = qcow2_be16(h + 12);
        nl = qcow2_be16(h + 14);
        sn->date_sec = qcow2_be32(h + 16);
        sn->date_nsec = qcow2_be32(h + 20);
        sn->vm_clock_nsec = qcow2_be64(h + 24);
        sn->vm_state_size = qcow2_be32(h + 32);
        extra = qcow2_be32(h + 36);
        sn->icount = UINT64_MAX;
        sn->disk_size = s->size;
        if (extra > SNAP_MAX_EXTRA ||
            pos + 40 + extra + idl + nl > (uint64_t)flen) {
            goto bad;
        }
        if ((uint64_t)sn->l1_size * 8 > QCOW2_MAX_L1_BYTES ||
            (sn->l1_table_offset & (s->cluster_size - 1))) {
            goto bad;
        }
        sn->extra_size = extra;
        sn->extra = malloc(extra + 1);
        sn->id_str = calloc(1, idl + 1);
        sn->name = calloc(1, nl + 1);
        if (!sn->extra || !sn->id_str || !sn->name) {
            return -ENOMEM;
        }
        if (bdrv_pread(bs->file, pos + 40, sn->extra, extra) < 0 ||
            bdrv_pread(bs->file, pos + 40 + extra, sn->id_str, idl) < 0 ||
            bdrv_pread(bs->file, pos + 40 + extra + idl, sn->name, nl) < 0) {
            goto bad;
        }
        if (extra >= 8) {
            sn->vm_state_size = qcow2_be64(sn->extra);
        }
        if (extra >= 16) {
            sn->disk_size = qcow2_be64(sn->extra + 8);
        }
        if (extra >= 24) {
            sn->icount = qcow2_be64(sn->extra + 16);
        }
        pos += qcow2_align_up(40 + extra + idl + nl, 8);
    }
    return 0;
bad:
    snprintf(err, errlen, "Snapshot table entry %u is invalid", i);
    return -EINVAL;
}

/* Write the snapshot table to fresh clusters and switch the header. */
static int write_snapshot_table(BlockDriverState *bs, Qcow2Snapshot *sn,
                                uint32_t n)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t len = 0, pos = 0, old_off = s->snapshots_offset, old_len = 0;
    uint8_t *buf;
    uint8_t hdr[12];
    int64_t off = 0;
    uint32_t i;
    int ret;

    for (i = 0; i < s->nb_snapshots; i++) {
        old_len += qcow2_align_up(40 + s->snapshots[i].extra_size +
                                  strlen(s->snapshots[i].id_str) +
                                  strlen(s->snapshots[i].name), 8);
    }
    for (i = 0; i < n; i++) {
        uint32_t extra = sn[i].extra_size < 24 ? 24 : sn[i].extra_size;
        len += qcow2_align_up(40 + extra + strlen(sn[i].id_str) +
                              strlen(sn[i].name), 8);
    }
    buf = calloc(1, len ? len : 1);
    if (!buf) {
        return -ENOMEM;
    }
    for (i = 0; i < n; i++) {
        uint32_t extra = sn[i].extra_size < 24 ? 24 : sn[i].extra_size;
        size_t idl = strlen(sn[i].id_str), nl = strlen(sn[i].name);
        uint8_t *p = buf + pos;

        qcow2_st64(p, sn[i].l1_table_offset);
        qcow2_st32(p + 8, sn[i].l1_size);
        qcow2_st16(p + 12, idl);
        qcow2_st16(p + 14, nl);
        qcow2_st32(p + 16, sn[i].date_sec);
        qcow2_st32(p + 20, sn[i].date_nsec);
        qcow2_st64(p + 24, sn[i].vm_clock_nsec);
        qcow2_st32(p + 32, sn[i].vm_state_size > UINT32_MAX ? 0 :
                   sn[i].vm_state_size);
        qcow2_st32(p + 36, extra);
        if (sn[i].extra_size > 24) {
            memcpy(p + 40, sn[i].extra, sn[i].extra_size);
        }
        qcow2_st64(p + 40, sn[i].vm_state_size);
        qcow2_st64(p + 48, sn[i].disk_size);
        qcow2_st64(p + 56, sn[i].icount);
        memcpy(p + 40 + extra, sn[i].id_str, idl);
        memcpy(p + 40 + extra + idl, sn[i].name, nl);
        pos += qcow2_align_up(40 + extra + idl + nl, 8);
    }
    if (n) {
        off = qcow2_alloc_clusters(bs, qcow2_align_up(len, s->cluster_size) >>
                                   s->cluster_bits);
        if (off < 0) {
            free(buf);
            return off;
        }
        ret = bdrv_pwrite(bs->file, off, buf, len);
        if (ret == 0) {
            ret = bdrv_flush(bs->file);
        }
        if (ret < 0) {
            free(buf);
            return ret;
        }
    }
    free(buf);
    qcow2_st32(hdr, n);
    qcow2_st64(hdr + 4, off);
    ret = qcow2_write_header_field(bs, 60, hdr, 12);
    if (ret < 0) {
        return ret;
    }
    if (s->nb_snapshots && old_len) {
        qcow2_free_clusters(bs, old_off, qcow2_align_up(old_len,
                                                        s->cluster_size));
    }
    s->snapshots_offset = off;
    return 0;
}

/* Add delta to the refcount of every L2 table and cluster an L1 reaches. */
int qcow2_update_l1_refcounts(BlockDriverState *bs, uint64_t l1_offset,
                              uint32_t l1_size, int delta, uint64_t *l1)
{
    BDRVQcow2State *s = bs->opaque;
    uint8_t *l2 = malloc(s->cluster_size);
    uint64_t i, j;
    int ret = 0;

    if (!l2) {
        return -ENOMEM;
    }
    for (i = 0; i < l1_size; i++) {
        uint64_t l2_off = l1[i] & L1E_OFFSET_MASK;

        if (!l2_off) {
            continue;
        }
        ret = bdrv_pread(bs->file, l2_off, l2, s->cluster_size);
        if (ret < 0) {
            break;
        }
        for (j = 0; j < (uint64_t)s->l2_size; j++) {
            uint64_t e = qcow2_be64(l2 + 8 * j), off, len;
            switch (qcow2_entry_type(s, e)) {
            case QCOW2_CLUSTER_NORMAL:
            case QCOW2_CLUSTER_ZERO_ALLOC:
                ret = qcow2_update_refcount(bs, e & L2E_OFFSET_MASK,
                                            s->cluster_size, delta);
                break;
            case QCOW2_CLUSTER_COMPRESSED:
                qcow2_compressed_range(s, e, &off, &len);
                ret = qcow2_update_refcount(bs, off, len, delta);
                break;
            default:
                break;
            }
            if (ret < 0) {
                goto out;
            }
        }
        ret = qcow2_update_refcount(bs, l2_off, s->cluster_size, delta);
        if (ret < 0) {
            break;
        }
    }
out:
    free(l2);
    (void)l1_offset;
    return ret;
}

/* Make the active tables' COPIED flags match "refcount == 1". */
static int fix_copied(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t i, j, rc;
    int ret;

    for (i = 0; i < s->l1_size; i++) {
        uint64_t l2_off = s->l1_table[i] & L1E_OFFSET_MASK;
        uint64_t ne;
        uint8_t *t;

        if (!l2_off) {
            continue;
        }
        ret = qcow2_get_refcount(bs, l2_off >> s->cluster_bits, &rc);
        if (ret < 0) {
            return ret;
        }
        ne = rc == 1 ? s->l1_table[i] | QCOW_OFLAG_COPIED :
             s->l1_table[i] & ~QCOW_OFLAG_COPIED;
        if (ne != s->l1_table[i]) {
            s->l1_table[i] = ne;
            ret = qcow2_write_l1_entry(bs, i);
            if (ret < 0) {
                return ret;
            }
        }
        for (j = 0; j < (uint64_t)s->l2_size; j++) {
            uint64_t e;
            Qcow2ClusterType ty;

            t = qcow2_cache_get(bs, &s->l2_cache, l2_off, true);
            if (!t) {
                return -EIO;
            }
            e = qcow2_be64(t + 8 * j);
            ty = qcow2_entry_type(s, e);
            if (ty != QCOW2_CLUSTER_NORMAL && ty != QCOW2_CLUSTER_ZERO_ALLOC) {
                continue;
            }
            ret = qcow2_get_refcount(bs, (e & L2E_OFFSET_MASK) >>
                                     s->cluster_bits, &rc);
            if (ret < 0) {
                return ret;
            }
            ne = rc == 1 ? e | QCOW_OFLAG_COPIED : e & ~QCOW_OFLAG_COPIED;
            if (ne != e) {
                ret = qcow2_set_l2_entries(bs, l2_off, j, &ne, 1);
                if (ret < 0) {
                    return ret;
                }
            }
        }
    }
    return 0;
}

static int find_snapshot(BDRVQcow2State *s, const char *name)
{
    uint32_t i;

    for (i = 0; i < s->nb_snapshots; i++) {
        if (!strcmp(s->snapshots[i].id_str, name)) {
            return i;
        }
    }
    for (i = 0; i < s->nb_snapshots; i++) {
        if (!strcmp(s->snapshots[i].name, name)) {
            return i;
        }
    }
    return -1;
}

int qcow2_snapshot_create(BlockDriverState *bs, const char *name,
                          char *err, size_t errlen)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t l1_bytes = (uint64_t)s->l1_size * 8, i, max_id = 0;
    Qcow2Snapshot *nsn, sn;
    struct timespec ts;
    uint8_t *buf;
    int64_t l1_off = 0;
    char idbuf[32];
    int ret;

    if (find_snapshot(s, name) >= 0 && strlen(name) > 0) {
        snprintf(err, errlen, "Snapshot with name '%s' already exists",
                 name);
        return -EEXIST;
    }
    if (s->nb_snapshots >= QCOW2_MAX_SNAPSHOTS) {
        snprintf(err, errlen, "Too many snapshots");
        return -EFBIG;
    }
    for (i = 0; i < s->nb_snapshots; i++) {
        uint64_t id = strtoull(s->snapshots[i].id_str, NULL, 10);
        max_id = id > max_id ? id : max_id;
    }
    snprintf(idbuf, sizeof(idbuf), "%" PRIu64, max_id + 1);

    /* 1. raise refcounts of everything the active L1 reaches */
    ret = qcow2_update_l1_refcounts(bs, s->l1_table_offset, s->l1_size, 1,
                                    s->l1_table);
    if (ret < 0) {
        goto fail;
    }
    /* 2. a copy of the active L1 */
    if (l1_bytes) {
        buf = calloc(1, l1_bytes);
        if (!buf) {
            ret = -ENOMEM;
            goto fail;
        }
        for (i = 0; i < s->l1_size; i++) {
            qcow2_st64(buf + 8 * i, s->l1_table[i] & ~QCOW_OFLAG_COPIED);
        }
        l1_off = qcow2_alloc_clusters(bs, qcow2_align_up(l1_bytes,
                                      s->cluster_size) >> s->cluster_bits);
        if (l1_off < 0) {
            free(buf);
            ret = l1_off;
            goto fail;
        }
        ret = bdrv_pwrite(bs->file, l1_off, buf, l1_bytes);
        free(buf);
        if (ret < 0) {
            goto fail;
        }
    }
    /* 3. the new snapshot table, then the header */
    memset(&sn, 0, sizeof(sn));
    clock_gettime(CLOCK_REALTIME, &ts);
    sn.l1_table_offset = l1_off;
    sn.l1_size = s->l1_size;
    sn.id_str = strdup(idbuf);
    sn.name = strdup(name);
    sn.date_sec = ts.tv_sec;
    sn.date_nsec = ts.tv_nsec;
    sn.disk_size = s->size;
    sn.icount = UINT64_MAX;
    sn.extra_size = 24;
    sn.extra = calloc(1, 24);
    nsn = calloc(s->nb_snapshots + 1, sizeof(*nsn));
    if (!nsn || !sn.id_str || !sn.name || !sn.extra) {
        free(nsn);
        free(sn.id_str);
        free(sn.name);
        free(sn.extra);
        ret = -ENOMEM;
        goto fail;
    }
    if (s->nb_snapshots) {
        memcpy(nsn, s->snapshots, s->nb_snapshots * sizeof(*nsn));
    }
    nsn[s->nb_snapshots] = sn;
    ret = write_snapshot_table(bs, nsn, s->nb_snapshots + 1);
    if (ret < 0) {
        free(nsn);
        free(sn.id_str);
        free(sn.name);
        free(sn.extra);
        goto fail;
    }
    free(s->snapshots);
    s->snapshots = nsn;
    s->nb_snapshots++;
    /* 4. COPIED flags of the now shared tables */
    ret = fix_copied(bs);
    if (ret == 0) {
        ret = bdrv_flush(bs->file);
    }
fail:
    if (ret < 0) {
        snprintf(err, errlen, "Could not create snapshot '%s': %s", name,
                 strerror(-ret));
    }
    return ret;
}

int qcow2_snapshot_apply(BlockDriverState *bs, const char *name,
                         char *err, size_t errlen)
{
    BDRVQcow2State *s = bs->opaque;
    int k = find_snapshot(s, name);
    Qcow2Snapshot *sn;
    uint64_t *snl1 = NULL, *oldl1 = NULL;
    uint32_t old_size = s->l1_size;
    uint8_t *raw = NULL;
    uint64_t i;
    int ret;

    if (k < 0) {
        snprintf(err, errlen, "Could not apply snapshot '%s': snapshot not "
                 "found", name);
        return -ENOENT;
    }
    sn = &s->snapshots[k];
    if (sn->l1_size > s->l1_size) {
        ret = qcow2_grow_l1(bs, sn->l1_size);
        if (ret < 0) {
            goto out;
        }
    }
    snl1 = calloc(s->l1_size, 8);
    oldl1 = malloc((size_t)s->l1_size * 8);
    raw = calloc(s->l1_size, 8);
    if (!snl1 || !oldl1 || !raw) {
        ret = -ENOMEM;
        goto out;
    }
    memcpy(oldl1, s->l1_table, (size_t)s->l1_size * 8);
    if (sn->l1_size) {
        ret = bdrv_pread(bs->file, sn->l1_table_offset, raw,
                         (size_t)sn->l1_size * 8);
        if (ret < 0) {
            goto out;
        }
    }
    for (i = 0; i < sn->l1_size; i++) {
        snl1[i] = qcow2_be64(raw + 8 * i) & ~QCOW_OFLAG_COPIED;
    }
    ret = qcow2_update_l1_refcounts(bs, 0, sn->l1_size, 1, snl1);
    if (ret < 0) {
        goto out;
    }
    for (i = 0; i < s->l1_size; i++) {
        qcow2_st64(raw + 8 * i, snl1[i]);
    }
    ret = bdrv_pwrite(bs->file, s->l1_table_offset, raw,
                      (size_t)s->l1_size * 8);
    if (ret < 0) {
        goto out;
    }
    memcpy(s->l1_table, snl1, (size_t)s->l1_size * 8);
    ret = bdrv_flush(bs->file);     /* the new L1 before the decrements */
    if (ret < 0) {
        goto out;
    }
    ret = qcow2_update_l1_refcounts(bs, 0, s->l1_size, -1, oldl1);
    if (ret < 0) {
        goto out;
    }
    if (sn->disk_size != s->size) {
        uint8_t be[8];
        qcow2_st64(be, sn->disk_size);
        ret = qcow2_write_header_field(bs, 24, be, 8);
        if (ret < 0) {
            goto out;
        }
        s->size = sn->disk_size;
    }
    s->cbuf_entry = 0;
    ret = fix_copied(bs);
    if (ret == 0) {
        ret = bdrv_flush(bs->file);
    }
out:
    (void)old_size;
    free(snl1);
    free(oldl1);
    free(raw);
    if (ret < 0) {
        snprintf(err, errlen, "Could not apply snapshot '%s': %s", name,
                 strerror(-ret));
    }
    return ret;
}

int qcow2_snapshot_delete(BlockDriverState *bs, const char *name,
                          char *err, size_t errlen)
{
    BDRVQcow2State *s = bs->opaque;
    int k = find_snapshot(s, name);
    Qcow2Snapshot sn, *nsn;
    uint64_t *l1 = NULL;
    uint8_t *raw = NULL;
    uint64_t i;
    int ret;

    if (k < 0) {
        snprintf(err, errlen, "Could not delete snapshot '%s': snapshot not "
                 "found", name);
        return -ENOENT;
    }
    sn = s->snapshots[k];
    nsn = calloc(s->nb_snapshots, sizeof(*nsn));
    if (!nsn) {
        return -ENOMEM;
    }
    memcpy(nsn, s->snapshots, k * sizeof(*nsn));
    memcpy(nsn + k, s->snapshots + k + 1,
           (s->nb_snapshots - k - 1) * sizeof(*nsn));
    ret = write_snapshot_table(bs, nsn, s->nb_snapshots - 1);
    if (ret < 0) {
        free(nsn);
        goto out;
    }
    free(s->snapshots);
    s->snapshots = nsn;
    s->nb_snapshots--;
    ret = bdrv_flush(bs->file);     /* the new table before decrements */
    if (ret < 0) {
        goto out_free;
    }

    l1 = calloc(sn.l1_size ? sn.l1_size : 1, 8);
    raw = calloc(sn.l1_size ? sn.l1_size : 1, 8);
    if (!l1 || !raw) {
        ret = -ENOMEM;
        goto out_free;
    }
    ret = bdrv_pread(bs->file, sn.l1_table_offset, raw,
                     (size_t)sn.l1_size * 8);
    if (ret < 0) {
        goto out_free;
    }
    for (i = 0; i < sn.l1_size; i++) {
        l1[i] = qcow2_be64(raw + 8 * i);
    }
    ret = qcow2_update_l1_refcounts(bs, 0, sn.l1_size, -1, l1);
    if (ret == 0 && sn.l1_size) {
        qcow2_free_clusters(bs, sn.l1_table_offset,
                            qcow2_align_up((uint64_t)sn.l1_size * 8,
                                           s->cluster_size));
    }
    if (ret == 0) {
        ret = fix_copied(bs);
    }
    if (ret == 0) {
        ret = bdrv_flush(bs->file);
    }
out_free:
    free(sn.id_str);
    free(sn.name);
    free(sn.extra);
    free(l1);
    free(raw);
out:
    if (ret < 0) {
        snprintf(err, errlen, "Could not delete snapshot '%s': %s", name,
                 strerror(-ret));
    }
    return ret;
}

int qcow2_snapshot_list(BlockDriverState *bs, QEMUSnapshotInfo **list)
{
    BDRVQcow2State *s = bs->opaque;
    QEMUSnapshotInfo *l;
    uint32_t i;

    l = calloc(s->nb_snapshots ? s->nb_snapshots : 1, sizeof(*l));
    if (!l) {
        return -ENOMEM;
    }
    for (i = 0; i < s->nb_snapshots; i++) {
        Qcow2Snapshot *sn = &s->snapshots[i];
        snprintf(l[i].id_str, sizeof(l[i].id_str), "%s", sn->id_str);
        snprintf(l[i].name, sizeof(l[i].name), "%s", sn->name);
        l[i].vm_state_size = sn->vm_state_size;
        l[i].date_sec = sn->date_sec;
        l[i].date_nsec = sn->date_nsec;
        l[i].vm_clock_nsec = sn->vm_clock_nsec;
        l[i].icount = sn->icount;
    }
    *list = l;
    return s->nb_snapshots;
}

/* Make a read-only node show a snapshot instead of the active image. */
int qcow2_snapshot_load_tmp(BlockDriverState *bs, const char *name,
                            char *err, size_t errlen)
{
    BDRVQcow2State *s = bs->opaque;
    int k = find_snapshot(s, name);
    Qcow2Snapshot *sn;
    uint64_t *l1;
    uint8_t *raw;
    uint64_t i;

    if (!bs->read_only) {
        snprintf(err, errlen, "Snapshots can only be loaded read-only");
        return -EINVAL;
    }
    if (k < 0) {
        snprintf(err, errlen, "Snapshot '%s' not found", name);
        return -ENOENT;
    }
    sn = &s->snapshots[k];
    l1 = calloc(sn->l1_size ? sn->l1_size : 1, 8);
    raw = calloc(sn->l1_size ? sn->l1_size : 1, 8);
    if (!l1 || !raw) {
        free(l1);
        free(raw);
        return -ENOMEM;
    }
    if (sn->l1_size && bdrv_pread(bs->file, sn->l1_table_offset, raw,
                                  (size_t)sn->l1_size * 8) < 0) {
        free(l1);
        free(raw);
        snprintf(err, errlen, "Failed to read the snapshot's L1 table");
        return -EIO;
    }
    for (i = 0; i < sn->l1_size; i++) {
        l1[i] = qcow2_be64(raw + 8 * i);
    }
    free(raw);
    free(s->l1_table);
    s->l1_table = l1;
    s->l1_size = sn->l1_size;
    s->l1_table_offset = sn->l1_table_offset;
    s->size = sn->disk_size;
    s->cbuf_entry = 0;
    return 0;
}
