#!/bin/sh
# Interoperability with QEMU's own qemu-img / qemu-io (Debian qemu-utils):
#  - images we create and write are check-clean and compare-identical
#    under QEMU's tools;
#  - images QEMU creates (backing files, snapshots, compression, compat
#    0.10 and 1.1, several cluster sizes) read back identically with ours;
#  - info/check/map --output=json agree key for key with QEMU's.
# Run from the build directory (./qemu-img is ours).

Q=./qemu-img
W=./tests/block/crash-writer
REF=${QEMU_IMG:-/usr/bin/qemu-img}
QIO=${QEMU_IO:-/usr/bin/qemu-io}
T=$(mktemp -d /tmp/interop.XXXXXX)
trap 'rm -rf "$T"' EXIT
n=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
# t NAME CMD...: the command must succeed
t() {
    name=$1; shift
    if "$@" >"$T/log" 2>&1; then ok "$name"; else
        notok "$name"; sed 's/^/#   /' "$T/log" | head -15; fi
}
# rc WANT NAME CMD...: the command must exit with WANT
rc() {
    want=$1 name=$2; shift 2
    "$@" >"$T/log" 2>&1; got=$?
    if [ "$got" = "$want" ]; then ok "$name"; else
        notok "$name (exit $got, wanted $want)"
        sed 's/^/#   /' "$T/log" | head -15; fi
}

if [ ! -x "$REF" ] || [ ! -x "$QIO" ]; then
    skip "interop with QEMU's qemu-img" "qemu-utils not installed"
    exit 0
fi
PY=$(command -v python3)

# json_same A B [ignored keys]: the same keys and values after parsing
json_same() {
    [ -n "$PY" ] || return 0
    "$PY" - "$@" <<'PYEOF'
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
ign = set(sys.argv[3:])
def strip(x):
    if isinstance(x, dict):
        return {k: strip(v) for k, v in x.items() if k not in ign}
    if isinstance(x, list):
        return [strip(v) for v in x]
    return x
if strip(a) != strip(b):
    print("ours:", json.dumps(strip(b), sort_keys=True))
    print("qemu:", json.dumps(strip(a), sort_keys=True))
    sys.exit(1)
PYEOF
}

# ---- 1. images we create and write, judged by QEMU ------------------------
OPS="w:0:100000:0x11 w:1048576:4096:0x22 w:0x30000:0x25000:0x33
w:0x7ff000:0x2000:0x44 z:0x200000:0x20000 w:0x210000:0x800:0x66
c:0x400000:0x40000:0x55 w:0x401000:0x1000:0x77 w:0xfff000:0x1000:0x88"
qio_ops() {     # the same operations with qemu-io on a raw reference
    args=
    for op in $OPS; do
        IFS=: read -r ty off len byte <<EOF2
$op
EOF2
        case $ty in
        w|c) args="$args -c 'write -P $byte $off $len'" ;;
        z) args="$args -c 'write -z $off $len'" ;;
        esac
    done
    eval "$QIO -f raw $args \"\$1\"" >/dev/null
}
$REF create -q -f raw "$T/ref.raw" 16M
qio_ops "$T/ref.raw"

for opts in "" "cluster_size=512" "cluster_size=4096,refcount_bits=1" \
    "cluster_size=2M" "refcount_bits=2" "refcount_bits=4" "refcount_bits=8" \
    "refcount_bits=32" "refcount_bits=64" "compat=0.10" \
    "lazy_refcounts=on" "preallocation=metadata" "preallocation=falloc" \
    "preallocation=full" "cluster_size=1k,compat=0.10"; do
    img=$T/ours.qcow2
    rm -f "$img"
    $Q create -q -f qcow2 ${opts:+-o $opts} "$img" 16M
    # shellcheck disable=SC2086
    if ! $W io "$img" qcow2 $OPS >"$T/log" 2>&1; then
        notok "write our image (${opts:-defaults})"
        sed 's/^/#   /' "$T/log"
        continue
    fi
    t "ours (${opts:-defaults}) is clean under QEMU check" $REF check "$img"
    t "ours (${opts:-defaults}) has the content qemu-io wrote to raw" \
        $REF compare -f qcow2 -F raw "$img" "$T/ref.raw"
    t "ours (${opts:-defaults}): our own check agrees" $Q check "$img"
    $REF info --output=json "$img" >"$T/qi.json" 2>/dev/null
    $Q info --output=json "$img" >"$T/oi.json" 2>/dev/null
    t "ours (${opts:-defaults}): info --output=json same under both" \
        json_same "$T/qi.json" "$T/oi.json"
    $REF check --output=json "$img" >"$T/qc.json" 2>/dev/null
    $Q check --output=json "$img" >"$T/oc.json" 2>/dev/null
    t "ours (${opts:-defaults}): check --output=json same under both" \
        json_same "$T/qc.json" "$T/oc.json"
done
# a fresh image: same layout and text as QEMU's own
$Q create -q -f qcow2 "$T/fresh1.qcow2" 1G
$REF create -q -f qcow2 "$T/fresh2.qcow2" 1G
$Q info "$T/fresh1.qcow2" | sed 1d >"$T/f1"
$REF info "$T/fresh2.qcow2" | sed 1d >"$T/f2"
t "fresh image: same info text (incl. disk size) as a QEMU-made one" diff "$T/f2" "$T/f1"
for tool in "$Q" "$REF"; do
    $tool create -f qcow2 -o cluster_size=4k,preallocation=metadata,lazy_refcounts=on \
        "$T/fm.qcow2" 1M
    $tool create -f qcow2 -b fm.qcow2 -F qcow2 "$T/fb.qcow2"
done >"$T/create.txt" 2>&1
t "create prints QEMU's 'Formatting' lines" sh -c \
    "[ \$(sort -u '$T/create.txt' | wc -l) = 2 ]"

# discard of whole clusters
img=$T/disc.qcow2
$Q create -q -f qcow2 "$img" 4M
$W io "$img" qcow2 w:0:0x400000:0x5a d:0x10000:0x30000 >/dev/null
$REF create -q -f raw "$T/disc.raw" 4M
$QIO -f raw -c 'write -P 0x5a 0 4M' -c 'write -z 0x10000 0x30000' "$T/disc.raw" >/dev/null
t "discard: QEMU check clean" $REF check "$img"
t "discard: reads zero afterwards" $REF compare "$img" "$T/disc.raw"

# convert: raw -> qcow2 (plain and compressed) -> QEMU reads the same
$REF create -q -f raw "$T/src.raw" 8M
$QIO -f raw -c 'write -P 0x31 0 1M' -c 'write -P 0x32 3M 200k' \
    -c 'write -P 0x33 7M 1M' "$T/src.raw" >/dev/null
t "convert raw->qcow2" $Q convert -f raw -O qcow2 "$T/src.raw" "$T/c1.qcow2"
t "convert: QEMU check clean" $REF check "$T/c1.qcow2"
t "convert: QEMU compare identical" $REF compare "$T/src.raw" "$T/c1.qcow2"
t "convert -c raw->qcow2" $Q convert -c -f raw -O qcow2 "$T/src.raw" "$T/c2.qcow2"
t "convert -c: QEMU check clean" $REF check "$T/c2.qcow2"
t "convert -c: QEMU compare identical" $REF compare "$T/src.raw" "$T/c2.qcow2"
$REF check --output=json "$T/c2.qcow2" >"$T/cc.json" 2>/dev/null
if grep -q compressed-clusters "$T/cc.json"; then ok "convert -c: clusters are compressed";
else notok "convert -c: clusters are compressed"; fi
t "convert -c -o cluster_size=4k,compat=0.10" $Q convert -c -O qcow2 \
    -o cluster_size=4k,compat=0.10 "$T/src.raw" "$T/c3.qcow2"
t "convert -c 4k v2: QEMU check and compare" sh -c \
    "$REF check '$T/c3.qcow2' && $REF compare '$T/src.raw' '$T/c3.qcow2'"
t "convert qcow2->raw" $Q convert -O raw "$T/c2.qcow2" "$T/back.raw"
t "convert qcow2->raw: identical bytes" cmp "$T/src.raw" "$T/back.raw"
t "convert -S 0 (fully allocated)" $Q convert -S 0 -O qcow2 "$T/src.raw" "$T/c4.qcow2"
t "convert -S 0: QEMU compare" $REF compare "$T/src.raw" "$T/c4.qcow2"
t "convert -n into an existing image" sh -c \
    "$REF create -q -f qcow2 '$T/c5.qcow2' 8M && $Q convert -n -O qcow2 '$T/src.raw' '$T/c5.qcow2' && $REF compare '$T/src.raw' '$T/c5.qcow2'"

# resize
img=$T/rs.qcow2
$Q create -q -f qcow2 -o cluster_size=4k "$img" 1M
$W io "$img" qcow2 w:0:0x100000:0x42 >/dev/null
t "resize grow to 3G" $Q resize "$img" 3G
t "resize: QEMU sees 3 GiB" sh -c "$REF info '$img' | grep -q '3221225472 bytes'"
t "resize grow: QEMU check clean" $REF check "$img"
rc 1 "resize shrink without --shrink fails" $Q resize "$img" 512k
t "resize --shrink" $Q resize --shrink "$img" 512k
t "resize shrink: QEMU check clean" $REF check "$img"
t "resize -f raw +1M" sh -c "$Q create -q -f raw '$T/r.raw' 1M && $Q resize -f raw '$T/r.raw' +1M && [ \$(stat -c %s '$T/r.raw') = 2097152 ]"

# snapshots made by us, judged by QEMU
img=$T/snap.qcow2
$Q create -q -f qcow2 "$img" 8M
$W io "$img" qcow2 w:0:0x100000:0x61 >/dev/null
t "snapshot -c" $Q snapshot -c first "$img"
$W io "$img" qcow2 w:0x80000:0x100000:0x62 >/dev/null
t "snapshot: QEMU check clean after COW" $REF check "$img"
t "snapshot: QEMU lists it" sh -c "$REF snapshot -l '$img' | grep -q first"
$REF convert -O raw "$img" "$T/snap-now.raw"
t "snapshot -a" $Q snapshot -a first "$img"
$REF create -q -f raw "$T/snap-ref.raw" 8M
$QIO -f raw -c 'write -P 0x61 0 1M' "$T/snap-ref.raw" >/dev/null
t "snapshot -a: content reverted (QEMU compare)" $REF compare "$img" "$T/snap-ref.raw"
t "snapshot -a: QEMU check clean" $REF check "$img"
t "snapshot -d" $Q snapshot -d first "$img"
t "snapshot -d: QEMU check clean" $REF check "$img"
t "snapshot -d: gone" sh -c "! $REF snapshot -l '$img' | grep -q first"

# backing files: create with -b, commit, rebase
$REF create -q -f qcow2 "$T/base.qcow2" 8M
$QIO -c 'write -P 0x71 0 4M' "$T/base.qcow2" >/dev/null
t "create -b -F" $Q create -q -f qcow2 -b base.qcow2 -F qcow2 "$T/top.qcow2"
$W io "$T/top.qcow2" qcow2 w:0x100000:0x1000:0x72 w:0x5ff800:0x1000:0x73 >/dev/null
$REF create -q -f raw "$T/bt.raw" 8M
$QIO -f raw -c 'write -P 0x71 0 4M' -c 'write -P 0x72 0x100000 0x1000' \
    -c 'write -P 0x73 0x5ff800 0x1000' "$T/bt.raw" >/dev/null
t "backing: QEMU check clean" $REF check "$T/top.qcow2"
t "backing: QEMU reads the overlay correctly" $REF compare "$T/top.qcow2" "$T/bt.raw"
t "backing: we read the overlay correctly" $Q compare "$T/top.qcow2" "$T/bt.raw"
cp "$T/top.qcow2" "$T/top2.qcow2"; cp "$T/base.qcow2" "$T/base2.qcow2"
$REF rebase -u -q -b base2.qcow2 -F qcow2 "$T/top2.qcow2"
t "rebase -b '' (safe, flatten)" $Q rebase -b '' "$T/top.qcow2"
t "rebase flatten: content kept" $REF compare "$T/top.qcow2" "$T/bt.raw"
t "rebase flatten: no backing left" sh -c "! $REF info '$T/top.qcow2' | grep -q 'backing file'"
t "commit" $Q commit "$T/top2.qcow2"
t "commit: base now has the data" $REF compare -f qcow2 "$T/base2.qcow2" "$T/bt.raw"
t "commit: QEMU check clean on base" $REF check "$T/base2.qcow2"

# ---- 2. images QEMU creates, read by us ------------------------------------
mk() {  # mk NAME create-opts ; then qemu-io writes
    $REF create -q -f qcow2 $2 "$T/$1.qcow2" 16M
    $QIO -c 'write -P 0x81 0 300k' -c 'write -P 0x82 5M 64k' \
        -c 'write -z 6M 128k' -c 'write -P 0x83 15M 1M' "$T/$1.qcow2" >/dev/null
}
mk v3 ""
mk v2 "-o compat=0.10"
mk c512 "-o cluster_size=512"
mk c2m "-o cluster_size=2M"
mk r1 "-o refcount_bits=1"
mk r64 "-o refcount_bits=64"
mk lazy "-o lazy_refcounts=on"
mk pre "-o preallocation=metadata"
$REF convert -c -O qcow2 "$T/v3.qcow2" "$T/comp.qcow2"
$REF convert -c -O qcow2 -o compat=0.10,cluster_size=4k "$T/v3.qcow2" "$T/comp2.qcow2"
$REF create -q -f qcow2 -b v3.qcow2 -F qcow2 "$T/ov.qcow2"
$QIO -c 'write -P 0x91 100k 8k' -c 'write -z 5M 4k' "$T/ov.qcow2" >/dev/null
$REF create -q -f qcow2 -b ov.qcow2 -F qcow2 "$T/ov2.qcow2"
$QIO -c 'write -P 0x92 15M 4k' "$T/ov2.qcow2" >/dev/null
$REF create -q -f raw "$T/rb.raw" 4M
$QIO -f raw -c 'write -P 0x93 0 1M' "$T/rb.raw" >/dev/null
$REF create -q -f qcow2 -b rb.raw -F raw "$T/ovraw.qcow2" 16M
cp "$T/v3.qcow2" "$T/sn.qcow2"
$REF snapshot -c s1 "$T/sn.qcow2"
$QIO -c 'write -P 0xa1 0 128k' "$T/sn.qcow2" >/dev/null
$REF snapshot -c s2 "$T/sn.qcow2"
$QIO -c 'write -P 0xa2 64k 128k' "$T/sn.qcow2" >/dev/null

for f in v3 v2 c512 c2m r1 r64 lazy pre comp comp2 ov ov2 ovraw sn; do
    img=$T/$f.qcow2
    rm -f "$T/a.raw" "$T/b.raw"
    $REF convert -O raw "$img" "$T/a.raw"
    if $Q convert -O raw "$img" "$T/b.raw" 2>"$T/log" && cmp -s "$T/a.raw" "$T/b.raw"; then
        ok "QEMU image '$f' reads back identically"
    else
        notok "QEMU image '$f' reads back identically"; sed 's/^/#   /' "$T/log"
    fi
    rc 0 "QEMU image '$f': our check is clean" $Q check "$img"
    $REF info --output=json "$img" >"$T/qi.json" 2>/dev/null
    $Q info --output=json "$img" >"$T/oi.json" 2>"$T/log"
    t "QEMU image '$f': info --output=json matches" json_same "$T/qi.json" "$T/oi.json"
    $REF info "$img" >"$T/qi.txt" 2>/dev/null
    $Q info "$img" >"$T/oi.txt" 2>&1
    t "QEMU image '$f': human info matches" diff "$T/qi.txt" "$T/oi.txt"
    $REF check --output=json "$img" >"$T/qc.json" 2>/dev/null
    $Q check --output=json "$img" >"$T/oc.json" 2>/dev/null
    t "QEMU image '$f': check --output=json matches" json_same "$T/qc.json" "$T/oc.json"
    $REF map --output=json "$img" >"$T/qm.json" 2>/dev/null
    $Q map --output=json "$img" >"$T/om.json" 2>/dev/null
    t "QEMU image '$f': map --output=json matches" json_same "$T/qm.json" "$T/om.json"
done
$REF info --backing-chain --output=json "$T/ov2.qcow2" >"$T/qi.json"
$Q info --backing-chain --output=json "$T/ov2.qcow2" >"$T/oi.json"
t "info --backing-chain --output=json matches" json_same "$T/qi.json" "$T/oi.json"
$REF info --backing-chain "$T/ov2.qcow2" >"$T/qi.txt"
$Q info --backing-chain "$T/ov2.qcow2" >"$T/oi.txt"
t "info --backing-chain (human) matches" diff "$T/qi.txt" "$T/oi.txt"
$REF map "$T/ov2.qcow2" >"$T/qm.txt"
$Q map "$T/ov2.qcow2" >"$T/om.txt"
t "map (human) matches" diff "$T/qm.txt" "$T/om.txt"
t "snapshot -a on a QEMU image" sh -c "$Q snapshot -a s1 '$T/sn.qcow2' && $REF check '$T/sn.qcow2' && $REF compare '$T/sn.qcow2' '$T/v3.qcow2'"
rm -f "$T/a.raw" "$T/b.raw"
$REF convert -l s1 -O raw "$T/sn.qcow2" "$T/a.raw"
t "convert -l SNAPSHOT reads the snapshot like QEMU" sh -c \
    "$Q convert -l snapshot.name=s1 -O raw '$T/sn.qcow2' '$T/b.raw' && cmp '$T/a.raw' '$T/b.raw'"
t "raw info --output=json matches" sh -c "$REF info --output=json '$T/rb.raw' >'$T/q.json' && $Q info --output=json '$T/rb.raw' >'$T/o.json'"
t "raw info values" json_same "$T/q.json" "$T/o.json"

# a dirty image: QEMU with lazy refcounts killed mid-session
$REF create -q -f qcow2 -o lazy_refcounts=on "$T/lz.qcow2" 16M
$QIO -c 'write -P 7 0 3M' -c 'write -P 8 5M 100k' -c 'sigraise 9' \
    "$T/lz.qcow2" >/dev/null 2>&1
$REF check --output=json "$T/lz.qcow2" >"$T/qc.json" 2>/dev/null
$Q check --output=json "$T/lz.qcow2" >"$T/oc.json" 2>/dev/null
t "dirty lazy-refcount image: check --output=json agrees with QEMU" \
    json_same "$T/qc.json" "$T/oc.json"
$Q info --output=json "$T/lz.qcow2" >"$T/oi.json"
t "dirty lazy-refcount image: our info shows the dirty flag" \
    grep -q '"dirty-flag": true' "$T/oi.json"
t "dirty image: opening it read-write repairs it" \
    $W io "$T/lz.qcow2" qcow2 w:0x900000:0x1000:9
t "dirty image after repair: QEMU check clean" $REF check "$T/lz.qcow2"
t "dirty image after repair: data intact" \
    $QIO -c 'read -P 7 0 3M' -c 'read -P 8 5M 100k' -c 'read -P 9 0x900000 0x1000' "$T/lz.qcow2"

# ---- 3. check exit codes and repair, on damaged copies of our image -------
img=$T/leak.qcow2
$Q create -q -f qcow2 "$img" 4M
$W io "$img" qcow2 w:0:0x10000:1 w:0x10000:0x10000:2 >/dev/null
# Our layout: header, refcount table, refcount block, L1, first L2 at 256k.
printf '\0\0\0\0\0\0\0\0' | dd of="$img" bs=1 seek=262144 conv=notrunc 2>/dev/null
rc 3 "leaked cluster: QEMU check exits 3" $REF check "$img"
rc 3 "leaked cluster: our check exits 3" $Q check "$img"
rc 0 "check -r leaks repairs" $Q check -r leaks "$img"
rc 0 "after repair QEMU check is clean" $REF check "$img"
img=$T/corrupt.qcow2
$Q create -q -f qcow2 "$img" 4M
$W io "$img" qcow2 w:0:0x10000:1 >/dev/null
# refcount of cluster 4 (the L2 table) := 0
printf '\0\0' | dd of="$img" bs=1 seek=$((131072 + 8)) conv=notrunc 2>/dev/null
rc 2 "refcount too low: QEMU check exits 2" $REF check "$img"
rc 2 "refcount too low: our check exits 2" $Q check "$img"
rc 0 "check -r all repairs" $Q check -r all "$img"
rc 0 "after repair QEMU check is clean" $REF check "$img"
t "after repair the data is intact" sh -c "$REF convert -O raw '$img' '$T/x.raw' && [ \$(od -An -tx1 -j 100 -N1 '$T/x.raw') = 01 ]"
rc 63 "check on raw exits 63" $Q check "$T/rb.raw"

# ---- 4. command line -------------------------------------------------------
rc 1 "create with a bad size" $Q create -f qcow2 "$T/bad.qcow2" 12Q
cp "$T/log" "$T/badsize.log"
t "bad size gives the QEMU message" grep -q "Invalid image size specified" "$T/badsize.log"
t "bad size: one error line" test "$(grep -c . "$T/badsize.log")" = 1
for args in "info --bogus x" "create -f qcow2 x 1Z" "resize x 1Q" "convert -O nope a b" \
            "check -r sometimes x" "frobnicate" "map --output=xml x" "info"; do
    # shellcheck disable=SC2086
    $Q $args >"$T/out" 2>"$T/err"
    rc=$?
    n=$((n + 1))
    if [ $rc = 1 ] && [ "$(grep -c . "$T/err")" = 1 ] && [ ! -s "$T/out" ]; then
        echo "ok $n - 'qemu-img $args': exit 1, one error line"
    else
        echo "not ok $n - 'qemu-img $args': exit $rc, $(grep -c . "$T/err") lines"
        sed 's/^/#   /' "$T/err"
    fi
done
rc 1 "unknown option" $Q info --bogus "$T/v3.qcow2"
rc 1 "unknown command" $Q frobnicate
rc 1 "missing file" $Q info "$T/nonexistent"
t "--help lists the commands" sh -c "$Q --help | grep -q 'convert' && $Q --help | grep -q 'rebase'"
t "size suffixes (1.5G)" sh -c "$Q create -q -f qcow2 '$T/s.qcow2' 1.5G && $REF info '$T/s.qcow2' | grep -q '1610612736 bytes'"
t "measure --size" sh -c "$Q measure -O qcow2 --size 1G > '$T/m1' && $REF measure -O qcow2 --size 1G > '$T/m2' && diff '$T/m1' '$T/m2'"
t "measure image" sh -c "$Q measure -O qcow2 '$T/v3.qcow2' > '$T/m1' && $REF measure -O qcow2 '$T/v3.qcow2' > '$T/m2' && diff '$T/m1' '$T/m2'"
t "amend refcount_bits=16 keeps lazy_refcounts" sh -c "$Q create -q -f qcow2 -o lazy_refcounts=on '$T/am.qcow2' 1M && $Q amend -o refcount_bits=16 '$T/am.qcow2' && $REF info '$T/am.qcow2' | grep -q 'lazy refcounts: true'"
t "amend lazy_refcounts=off" sh -c "$Q amend -o lazy_refcounts=off '$T/am.qcow2' && $REF info '$T/am.qcow2' | grep -q 'lazy refcounts: false' && $REF check '$T/am.qcow2'"
t "amend compat=1.1 upgrades a v2 image" sh -c "$Q create -q -f qcow2 -o compat=0.10 '$T/am2.qcow2' 1M && $W io '$T/am2.qcow2' qcow2 w:0:0x1000:5 && $Q amend -o compat=1.1 '$T/am2.qcow2' && $REF info '$T/am2.qcow2' | grep -q 'compat: 1.1' && $REF check '$T/am2.qcow2' && $QIO -c 'read -P 5 0 4k' '$T/am2.qcow2'"
t "amend lazy_refcounts=on" sh -c "$Q amend -o lazy_refcounts=on '$T/v3.qcow2' && $REF info '$T/v3.qcow2' | grep -q 'lazy refcounts: true' && $REF check '$T/v3.qcow2'"
t "dd" sh -c "$Q dd -O raw bs=64k count=4 if='$T/v2.qcow2' of='$T/dd.raw' && [ \$(stat -c %s '$T/dd.raw') = 262144 ] && $REF compare -f raw -F raw '$T/dd.raw' '$T/dd.raw'"
t "compare reports a mismatch with exit 1" sh -c "$Q compare '$T/v3.qcow2' '$T/ov.qcow2'; [ \$? = 1 ]"
t "bench runs" $Q bench -c 200 -d 4 "$T/v2.qcow2"

# ---- 5. locking between processes ------------------------------------------
$Q create -q -f qcow2 "$T/lk.qcow2" 1G
$Q bench -w -c 2000000 -d 1 "$T/lk.qcow2" >/dev/null 2>&1 &
bpid=$!
sleep 0.3
rc 1 "a second writer process is refused (OFD lock)" $Q resize "$T/lk.qcow2" +1M
cp "$T/log" "$T/lock.log"
t "the refusal names the lock" grep -q "lock" "$T/lock.log"
rc 1 "a reader is refused while a writer runs" $Q info "$T/lk.qcow2"
rc 0 "a reader with -U (force share) is allowed" $Q info -U "$T/lk.qcow2"
rc 1 "QEMU's qemu-img cannot write while we do" $REF resize "$T/lk.qcow2" +1M
kill $bpid 2>/dev/null; wait $bpid 2>/dev/null
$QIO -c "sleep 3000" "$T/lk.qcow2" >/dev/null 2>&1 &
qpid=$!
sleep 0.3
rc 1 "we cannot write while QEMU's qemu-io does" $Q resize "$T/lk.qcow2" +1M
kill $qpid 2>/dev/null; wait $qpid 2>/dev/null
rc 0 "after both exit, resize works" $Q resize "$T/lk.qcow2" +1M
