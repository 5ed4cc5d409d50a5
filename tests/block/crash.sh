#!/bin/sh
# Crash torture: a writer doing random writes, write-zeroes, discards and
# flushes (and, for the "snap:" configurations, internal snapshot creation
# and deletion) is killed with SIGKILL at a random moment; afterwards the
# image must be free of corruption (leaks are allowed) and every write
# that a completed flush acknowledged must read back.  The image is read back
# with QEMU's qemu-img when it is installed (an independent reader) and
# with ours otherwise.
#
#   crash.sh [ITERATIONS]      (default 200; run from the build directory)

iters=${1:-${CRASH_ITERS:-200}}
Q=./qemu-img
W=./tests/block/crash-writer
REF=${QEMU_IMG:-/usr/bin/qemu-img}
T=$(mktemp -d /tmp/crash.XXXXXX)
trap 'rm -rf "$T"' EXIT
n=0
[ -x "$REF" ] && RD=$REF || RD=$Q

configs="cluster_size=65536 cluster_size=4096,refcount_bits=1
cluster_size=65536,refcount_bits=64 cluster_size=512,refcount_bits=8
compat=0.10 cluster_size=2097152,refcount_bits=4
cluster_size=16384,lazy_refcounts=on cluster_size=65536,refcount_bits=32
cluster_size=512,refcount_bits=64
backing:cluster_size=65536 backing:compat=0.10,cluster_size=8192
snap:cluster_size=65536 snap:cluster_size=4096,refcount_bits=4
snap:compat=0.10,cluster_size=16384 snap:cluster_size=512,refcount_bits=16
snap:cluster_size=65536,lazy_refcounts=on"

# The base image for the "backing:" configurations: a full writer run.
$Q create -q -f qcow2 "$T/base.qcow2" 16M
$W write "$T/base.qcow2" 4242 400 "$T/base.ack" 2>/dev/null
$RD convert -O raw "$T/base.qcow2" "$T/base.raw"
# create_img IMG CFG: a fresh image for a configuration
create_img() {
    case $2 in
    backing:*)
        $Q create -q -f qcow2 -o "${2#backing:}" -b "$T/base.qcow2" -F qcow2 "$1" ;;
    *)
        $Q create -q -f qcow2 -o "${2#snap:}" "$1" 16M ;;
    esac
}
# The writer's extra argument for a configuration.
mode_for() { case $1 in snap:*) echo snap ;; esac; }
base_for() { case $1 in backing:*) echo "$T/base.raw" ;; esac; }
set -- $configs
ncfg=$#

bad_check=0 bad_data=0 bad_other=0 kills=0
i=0
while [ $i -lt "$iters" ]; do
    i=$((i + 1))
    k=$(( (i - 1) % ncfg + 1 ))
    eval cfg=\${$k}
    img=$T/img.qcow2
    rm -f "$img" "$T/ack" "$T/raw"
    : > "$T/ack"
    create_img "$img" "$cfg" || { bad_other=$((bad_other + 1)); continue; }
    seed=$((i * 7919))
    $W write "$img" $seed 400 "$T/ack" $(mode_for "$cfg") 2>"$T/werr" &
    pid=$!
    # Kill at a pseudo-random point: after the writer acknowledged K of
    # its 80 flushes (so the kill lands mid-run however fast the disk is),
    # sometimes with a little extra delay.
    K=$(( (seed / 7 + i * 13) % 79 ))

    while kill -0 $pid 2>/dev/null; do
        c=$(wc -l < "$T/ack" 2>/dev/null || echo 0)
        [ "${c:-0}" -ge $K ] && break
    done
    [ $((i % 3)) = 0 ] && sleep 0.00$((i % 10))
    kill -9 $pid 2>/dev/null && kills=$((kills + 1))
    wait $pid 2>/dev/null
    $RD check "$img" >"$T/check" 2>&1
    rc=$?
    if [ $rc != 0 ] && [ $rc != 3 ]; then
        bad_check=$((bad_check + 1))
        echo "# iteration $i ($cfg): check exit $rc"
        sed 's/^/#   /' "$T/check" | head -10
        continue
    fi
    if ! $RD convert -O raw "$img" "$T/raw" 2>"$T/cerr"; then
        bad_other=$((bad_other + 1))
        echo "# iteration $i: convert failed: $(cat "$T/cerr")"
        continue
    fi
    if ! $W verify "$T/raw" $seed 400 "$T/ack" $(base_for "$cfg") >"$T/verify"; then
        bad_data=$((bad_data + 1))
        echo "# iteration $i ($cfg): lost acknowledged data"
        sed 's/^/#   /' "$T/verify" | head -5
    fi
done

n=$((n + 1))
if [ $bad_check = 0 ]; then
    echo "ok $n - $iters SIGKILLs ($kills mid-run): check found no corruption"
    [ $kills -ge $((iters / 2)) ] || echo "# warning: few kills landed mid-run"
else
    echo "not ok $n - $bad_check of $iters crashed images have corruptions"
fi
n=$((n + 1))
if [ $bad_data = 0 ]; then
    echo "ok $n - $iters SIGKILLs: all flushed writes read back"
else
    echo "not ok $n - $bad_data of $iters crashed images lost flushed data"
fi
n=$((n + 1))
if [ $bad_other = 0 ]; then
    echo "ok $n - crashed images open and convert"
else
    echo "not ok $n - $bad_other crashed images could not be read"
fi

# Finally a full, uninterrupted run per configuration must be clean.
k=0
for cfg in $configs; do
    k=$((k + 1))
    img=$T/full.qcow2
    rm -f "$img" "$T/ack" "$T/raw"
    create_img "$img" "$cfg"
    n=$((n + 1))
    if $W write "$img" $k 400 "$T/ack" $(mode_for "$cfg") &&
       $RD check "$img" >"$T/check" 2>&1 &&
       $RD convert -O raw "$img" "$T/raw" &&
       $W verify "$T/raw" $k 400 "$T/ack" $(base_for "$cfg"); then
        echo "ok $n - uninterrupted run ($cfg) is clean and reads back"
    else
        echo "not ok $n - uninterrupted run ($cfg)"
        sed 's/^/#   /' "$T/check" | head -10
    fi
done
