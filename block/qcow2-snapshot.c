/*
 * qcow2-snapshot.c: internal snapshots (table I/O, create, apply, delete).
 *
 * A snapshot is a copy of the active L1 table; every L2 table and data
 * cluster it reaches is referenced once more, and the active tables lose
 * their COPIED flags so that the next write copies first.  Each operation
 * only says what the metadata should become (a Qcow2World: active L1,
 * snapshot list, size); qcow2-commit.c writes that next to the current
 * metadata and switches with one header write, so a crash at any point
 * leaves one consistent world or the other.
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

/* The on-disk snapshot table for sn[0..n): *buf (malloc'd) and *len. */
int qcow2_serialize_snapshots(const Qcow2Snapshot *sn, uint32_t n,
                              uint8_t **out, size_t *out_len)
{
    uint64_t len = 0, pos = 0;
    uint8_t *buf;
    uint32_t i;

    for (i = 0; i < n; i++) {
        uint32_t extra = sn[i].extra_size < 24 ? 24 : sn[i].extra_size;
        len += qcow2_align_up(40 + extra + strlen(sn[i].id_str) +
                              strlen(sn[i].name), 8);
    }
    if (len > SNAP_MAX_TABLE) {
        return -EFBIG;
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
    *out = buf;
    *out_len = len;
    return 0;
}

/* The active L1 as the next world starts from (host order, a copy). */
static uint64_t *copy_active_l1(BDRVQcow2State *s, uint32_t size)
{
    uint64_t *l1 = calloc(size ? size : 1, 8);

    if (l1) {
        memcpy(l1, s->l1_table, (size_t)(size < s->l1_size ? size :
                                         s->l1_size) * 8);
    }
    return l1;
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
    Qcow2World w = { 0 };
    Qcow2Snapshot sn;
    struct timespec ts;
    uint64_t i, max_id = 0;
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

    memset(&sn, 0, sizeof(sn));
    clock_gettime(CLOCK_REALTIME, &ts);
    sn.l1_size = s->l1_size;
    sn.id_str = strdup(idbuf);
    sn.name = strdup(name);
    sn.date_sec = ts.tv_sec;
    sn.date_nsec = ts.tv_nsec;
    sn.disk_size = s->size;
    sn.icount = UINT64_MAX;
    sn.extra_size = 24;
    sn.extra = calloc(1, 24);
    w.sn = calloc(s->nb_snapshots + 1, sizeof(*w.sn));
    w.l1 = copy_active_l1(s, s->l1_size);
    if (!w.sn || !w.l1 || !sn.id_str || !sn.name || !sn.extra) {
        ret = -ENOMEM;
        goto fail;
    }
    if (s->nb_snapshots) {
        memcpy(w.sn, s->snapshots, s->nb_snapshots * sizeof(*w.sn));
    }
    w.sn[s->nb_snapshots] = sn;
    w.nb_sn = s->nb_snapshots + 1;
    w.new_sn_l1 = s->l1_table;
    w.l1_size = s->l1_size;
    w.size = s->size;
    ret = qcow2_commit_world(bs, &w);
    if (ret == 0) {
        free(w.l1);
        return 0;
    }
fail:
    free(w.sn);
    free(w.l1);
    free(sn.id_str);
    free(sn.name);
    free(sn.extra);
    snprintf(err, errlen, "Could not create snapshot '%s': %s", name,
             ret == -ERANGE ? "refcount overflow" : strerror(-ret));
    return ret;
}

int qcow2_snapshot_apply(BlockDriverState *bs, const char *name,
                         char *err, size_t errlen)
{
    BDRVQcow2State *s = bs->opaque;
    int k = find_snapshot(s, name);
    Qcow2World w = { 0 };
    Qcow2Snapshot *sn;
    uint8_t *raw = NULL;
    uint64_t i;
    int ret;

    if (k < 0) {
        snprintf(err, errlen, "Could not apply snapshot '%s': snapshot not "
                 "found", name);
        return -ENOENT;
    }
    sn = &s->snapshots[k];
    w.l1 = calloc(sn->l1_size ? sn->l1_size : 1, 8);
    raw = calloc(sn->l1_size ? sn->l1_size : 1, 8);
    if (!w.l1 || !raw) {
        ret = -ENOMEM;
        goto out;
    }
    ret = sn->l1_size ? bdrv_pread(bs->file, sn->l1_table_offset, raw,
                                   (size_t)sn->l1_size * 8) : 0;
    if (ret < 0) {
        goto out;
    }
    for (i = 0; i < sn->l1_size; i++) {
        w.l1[i] = qcow2_be64(raw + 8 * i) & ~QCOW_OFLAG_COPIED;
    }
    w.l1_size = sn->l1_size;
    w.size = sn->disk_size;
    w.sn = s->snapshots;
    w.nb_sn = s->nb_snapshots;
    ret = qcow2_commit_world(bs, &w);
out:
    free(w.l1);
    free(raw);
    if (ret < 0) {
        snprintf(err, errlen, "Could not apply snapshot '%s': %s", name,
                 ret == -ERANGE ? "refcount overflow" : strerror(-ret));
    }
    return ret;
}

int qcow2_snapshot_delete(BlockDriverState *bs, const char *name,
                          char *err, size_t errlen)
{
    BDRVQcow2State *s = bs->opaque;
    int k = find_snapshot(s, name);
    Qcow2World w = { 0 };
    int ret;

    if (k < 0) {
        snprintf(err, errlen, "Could not delete snapshot '%s': snapshot not "
                 "found", name);
        return -ENOENT;
    }
    w.sn = calloc(s->nb_snapshots, sizeof(*w.sn));
    w.l1 = copy_active_l1(s, s->l1_size);
    if (!w.sn || !w.l1) {
        ret = -ENOMEM;
        goto fail;
    }
    memcpy(w.sn, s->snapshots, k * sizeof(*w.sn));
    memcpy(w.sn + k, s->snapshots + k + 1,
           (s->nb_snapshots - k - 1) * sizeof(*w.sn));
    w.nb_sn = s->nb_snapshots - 1;
    w.l1_size = s->l1_size;
    w.size = s->size;
    ret = qcow2_commit_world(bs, &w);
    if (ret == 0) {
        free(w.l1);
        return 0;
    }
fail:
    free(w.sn);
    free(w.l1);
    snprintf(err, errlen, "Could not delete snapshot '%s': %s", name,
             strerror(-ret));
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
