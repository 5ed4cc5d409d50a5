#!/bin/sh
# Block layer figures (nothing asserted): convert throughput raw->qcow2,
# qcow2->raw and compressed, random 4 KiB IOPS, and qemu-img bench;
# ours next to Debian's /usr/bin/qemu-img (and qemu-io) when installed.
# Run from the build directory.  BENCH_MB sets the data size (default 256).

Q=./qemu-img
REF=${QEMU_IMG:-/usr/bin/qemu-img}
QIO=${QEMU_IO:-/usr/bin/qemu-io}
W=./tests/block/crash-writer
MB=${BENCH_MB:-256}
T=$(mktemp -d /tmp/bench.XXXXXX)
trap 'rm -rf "$T"' EXIT
have_ref=no; [ -x "$REF" ] && have_ref=yes

now() { date +%s.%N; }
# rate CMD...: run, print MB/s for $MB MiB
rate() {
    t0=$(now); "$@" >/dev/null 2>&1 || { echo "failed"; return; }
    t1=$(now)
    echo "$MB $t0 $t1" | awk '{ printf "%7.1f MB/s (%.2f s)", $1 / ($3 - $2), $3 - $2 }'
}
row() {     # row LABEL OURS-CMD... -- REF-CMD...
    label=$1; shift
    ours=; ref=; side=ours
    for a in "$@"; do
        if [ "$a" = "--" ]; then side=ref; continue; fi
        if [ $side = ours ]; then ours="$ours '$a'"; else ref="$ref '$a'"; fi
    done
    o=$(eval rate $ours)
    if [ $have_ref = yes ]; then r=$(eval rate $ref); else r="(no qemu-img)"; fi
    printf "%-34s ours %-26s qemu %s\n" "$label" "$o" "$r"
}

# Half random, half text-like data: realistic for compression.
dd if=/dev/urandom of="$T/src.raw" bs=1M count=$((MB / 2)) 2>/dev/null
yes "the quick brown fox jumps over the lazy dog $$" | head -c $((MB / 2 * 1048576)) >> "$T/src.raw"
echo "block layer bench: $MB MiB image, $(nproc) CPUs (convert: both with"
echo "-t writeback, i.e. fdatasync at the end; QEMU's own default is unsafe)"

row "convert raw -> qcow2" $Q convert -f raw -O qcow2 "$T/src.raw" "$T/o1.qcow2" -- \
    $REF convert -t writeback -f raw -O qcow2 "$T/src.raw" "$T/r1.qcow2"
row "convert qcow2 -> raw" $Q convert -O raw "$T/o1.qcow2" "$T/o2.raw" -- \
    $REF convert -t writeback -O raw "$T/r1.qcow2" "$T/r2.raw"
row "convert -c raw -> qcow2 (zlib)" $Q convert -c -f raw -O qcow2 "$T/src.raw" "$T/o3.qcow2" -- \
    $REF convert -t writeback -c -f raw -O qcow2 "$T/src.raw" "$T/r3.qcow2"
row "convert compressed qcow2 -> raw" $Q convert -O raw "$T/o3.qcow2" "$T/o4.raw" -- \
    $REF convert -t writeback -O raw "$T/r3.qcow2" "$T/r4.raw"
printf "%-34s ours %s  qemu %s\n" "compressed image size" \
    "$(stat -c %s "$T/o3.qcow2")" "$( [ $have_ref = yes ] && stat -c %s "$T/r3.qcow2")"

# random 4 KiB I/O, queue depth 1, on a fresh 1 GiB qcow2 (allocating writes)
N=20000
$Q create -q -f qcow2 "$T/io.qcow2" 1G
set -- $($W randio "$T/io.qcow2" $N)
printf "%-34s ours %8s write IOPS %8s read IOPS\n" "random 4k (qcow2, depth 1)" "$1" "$2"
if [ $have_ref = yes ] && [ -x "$QIO" ]; then
    $REF create -q -f qcow2 "$T/rio.qcow2" 1G
    awk -v n=$N 'BEGIN { s = 12345; for (i = 0; i < n; i++) {
        s = (s * 1103515245 + 12345) % 2147483648;
        printf "write -q -P 90 %d 4k\n", (s % 262144) * 4096 } print "flush" }' > "$T/w.cmd"
    awk -v n=$N 'BEGIN { s = 12345; for (i = 0; i < n; i++) {
        s = (s * 1103515245 + 12345) % 2147483648;
        printf "read -q %d 4k\n", (s % 262144) * 4096 } }' > "$T/r.cmd"
    t0=$(now); $QIO "$T/rio.qcow2" < "$T/w.cmd" >/dev/null 2>&1; t1=$(now)
    $QIO "$T/rio.qcow2" < "$T/r.cmd" >/dev/null 2>&1; t2=$(now)
    echo "$N $t0 $t1 $t2" | awk '{ printf "%-34s qemu %8.0f write IOPS %8.0f read IOPS (qemu-io)\n", "random 4k (qcow2, depth 1)", $1 / ($3 - $2), $1 / ($4 - $3) }'
fi

# qemu-img bench: 4 KiB sequential requests, queue depth 16
for mode in "" "-w"; do
    $Q create -q -f qcow2 -o preallocation=metadata "$T/b.qcow2" 256M
    t0=$(now); $Q bench -q -c 50000 -d 16 $mode "$T/b.qcow2" >/dev/null; t1=$(now)
    o=$(echo "$t0 $t1" | awk '{ printf "%.0f", 50000 / ($2 - $1) }')
    r="-"
    if [ $have_ref = yes ]; then
        $REF create -q -f qcow2 -o preallocation=metadata "$T/rb.qcow2" 256M
        t0=$(now); $REF bench -q -c 50000 -d 16 $mode "$T/rb.qcow2" >/dev/null; t1=$(now)
        r=$(echo "$t0 $t1" | awk '{ printf "%.0f", 50000 / ($2 - $1) }')
    fi
    printf "%-34s ours %8s IOPS   qemu %8s IOPS\n" "qemu-img bench ${mode:-read} 4k d16" "$o" "$r"
done
