#!/bin/sh
# Malformed images through qemu-img: info, check and convert must fail
# with one clear error line and a non-zero exit (or, for damage that only
# check can see, report it) -- never crash (exit >= 128) or hang (timeout).
# Run from the build directory.

Q=./qemu-img
T=$(mktemp -d /tmp/malformed.XXXXXX)
trap 'rm -rf "$T"' EXIT
n=0
TO="timeout 30"

# poke FILE OFFSET HEXBYTES: overwrite bytes at OFFSET
poke() {
    hex=$3 esc=
    while [ -n "$hex" ]; do
        pair=$(echo "$hex" | cut -c1-2)
        hex=$(echo "$hex" | cut -c3-)
        esc="$esc\\$(printf '%03o' "0x$pair")"
    done
    # shellcheck disable=SC2059
    printf "$esc" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# expect_fail NAME IMG: info, check and convert all exit 1..127 (check may
# also report corruption with 2) and print an error line on stderr
expect_fail() {
    name=$1 img=$2
    bad=
    for cmd in "info" "check" "convert -O raw"; do
        # shellcheck disable=SC2086
        $TO $Q $cmd -f qcow2 "$img" $( [ "$cmd" = "convert -O raw" ] && echo "$T/out.raw") \
            >"$T/out" 2>"$T/err"
        rc=$?
        lines=$(grep -c . "$T/err")
        if [ $rc = 0 ] || [ $rc -ge 124 ]; then
            bad="$bad $cmd:exit$rc"
        elif [ "$lines" -lt 1 ]; then
            bad="$bad $cmd:no-message"
        elif [ "$cmd" != check ] && [ "$lines" -gt 1 ]; then
            bad="$bad $cmd:$lines-lines"
        fi
    done
    n=$((n + 1))
    if [ -z "$bad" ]; then
        echo "ok $n - $name: clear error ($(head -c 100 "$T/err" | head -n1))"
    else
        echo "not ok $n - $name:$bad"
        sed 's/^/#   /' "$T/err" | head -5
    fi
}

# expect_survive NAME IMG: no crash, no hang; check finds the damage
expect_check_finds() {
    name=$1 img=$2
    $TO $Q check "$img" >"$T/out" 2>"$T/err"
    rc=$?
    n=$((n + 1))
    if [ $rc -ge 1 ] && [ $rc -lt 124 ]; then
        echo "ok $n - $name: check reports it (exit $rc)"
    else
        echo "not ok $n - $name: check exit $rc"
        sed 's/^/#   /' "$T/err" | head -5
    fi
    # check -r all must leave an image that both checkers find clean
    cp "$img" "$T/r.qcow2"
    $TO $Q check -r all "$T/r.qcow2" >/dev/null 2>&1
    rc=$?
    judge=$Q; [ -x "${QEMU_IMG:-/usr/bin/qemu-img}" ] && judge=${QEMU_IMG:-/usr/bin/qemu-img}
    n=$((n + 1))
    if [ $rc = 0 ] && $TO $judge check "$T/r.qcow2" >/dev/null 2>&1; then
        echo "ok $n - $name: check -r all repairs it ($(basename $judge) agrees)"
    else
        echo "not ok $n - $name: check -r all (exit $rc)"
        $judge check "$T/r.qcow2" 2>&1 | sed 's/^/#   /' | head -5
    fi
    for cmd in info "convert -O raw"; do
        # shellcheck disable=SC2086
        $TO $Q $cmd "$img" $( [ "$cmd" = "convert -O raw" ] && echo "$T/out.raw") \
            >/dev/null 2>&1
        rc=$?
        n=$((n + 1))
        if [ $rc -lt 124 ]; then
            echo "ok $n - $name: $cmd survives (exit $rc)"
        else
            echo "not ok $n - $name: $cmd crashed or hung (exit $rc)"
        fi
    done
}

base=$T/base.qcow2
$Q create -q -f qcow2 -o cluster_size=4096 "$base" 8M
./tests/block/crash-writer io "$base" qcow2 w:0:0x20000:0x41 w:0x400000:0x1000:0x42 \
    c:0x600000:0x2000:0x43 >/dev/null
# Layout of our fresh image: header 0, refcount table 4k, refcount block 8k,
# L1 at 12k, first L2 at 16k.
fresh() { cp "$base" "$T/m.qcow2"; echo "$T/m.qcow2"; }

m=$(fresh); truncate -s 0 "$m"; expect_fail "empty file as qcow2" "$m"
m=$(fresh); truncate -s 50 "$m"; expect_fail "truncated inside the header" "$m"
m=$(fresh); truncate -s 12288 "$m"; expect_fail "truncated before the L1 table" "$m"
m=$(fresh); poke "$m" 4 00000009; expect_fail "version 9" "$m"
m=$(fresh); poke "$m" 20 00000040; expect_fail "cluster_bits 64" "$m"
m=$(fresh); poke "$m" 20 00000008; expect_fail "cluster_bits 8" "$m"
m=$(fresh); poke "$m" 24 7fffffffffffffff; expect_fail "absurd virtual size" "$m"
m=$(fresh); poke "$m" 32 00000001; expect_fail "encrypted" "$m"
m=$(fresh); poke "$m" 36 7fffffff; expect_fail "huge l1_size" "$m"
m=$(fresh); poke "$m" 36 00000000; expect_fail "L1 too small for the size" "$m"
m=$(fresh); poke "$m" 40 0000000000003001; expect_fail "misaligned L1 offset" "$m"
m=$(fresh); poke "$m" 40 0000100000000000; expect_fail "L1 offset beyond the file" "$m"
m=$(fresh); poke "$m" 48 0000000000001200; expect_fail "misaligned refcount table" "$m"
m=$(fresh); poke "$m" 48 0000100000000000; expect_fail "refcount table beyond the file" "$m"
m=$(fresh); poke "$m" 56 ffffffff; expect_fail "huge refcount table" "$m"
m=$(fresh); poke "$m" 60 00100000; poke "$m" 64 0000000000001000; expect_fail "absurd snapshot count" "$m"
m=$(fresh); poke "$m" 60 00000001; poke "$m" 64 0000100000000000; expect_fail "snapshot table beyond the file" "$m"
m=$(fresh); poke "$m" 72 0000000000000100; expect_fail "unknown incompatible feature" "$m"
m=$(fresh); poke "$m" 72 0000000000000004; expect_fail "external data file" "$m"
m=$(fresh); poke "$m" 96 00000007; expect_fail "refcount_order 7" "$m"
m=$(fresh); poke "$m" 100 00000010; expect_fail "header_length 16" "$m"
m=$(fresh); poke "$m" 104 01; expect_fail "zstd compression type" "$m"
m=$(fresh); poke "$m" 112 12345678ffffff00; expect_fail "header extension longer than the cluster" "$m"
m=$(fresh); poke "$m" 8 0000000000000f00; poke "$m" 16 00000800; expect_fail "backing file name outside the header cluster" "$m"

# damage inside the tables: check must see it, nothing may crash or hang
m=$(fresh); poke "$m" 12288 8000100000000000; expect_check_finds "L1 entry beyond the file" "$m"
m=$(fresh); poke "$m" 12288 8000000000004200; expect_check_finds "misaligned L2 offset" "$m"
m=$(fresh); poke "$m" 16384 8000100000000000; expect_check_finds "L2 entry beyond the file" "$m"
m=$(fresh); poke "$m" 16384 8000000000005200; expect_check_finds "misaligned data cluster" "$m"
m=$(fresh); poke "$m" 16384 7fffffffffffffff; expect_check_finds "compressed entry with huge length" "$m"
m=$(fresh); poke "$m" 16384 8000000000000000; expect_check_finds "L2 entry pointing at the header" "$m"
m=$(fresh); poke "$m" 16384 8000000000003000; expect_check_finds "L2 entry pointing at the L1 table" "$m"
m=$(fresh); poke "$m" 4096 0000000000001000; expect_check_finds "refcount block is the refcount table (loop)" "$m"
m=$(fresh); poke "$m" 4096 0000100000000000; expect_check_finds "refcount block beyond the file" "$m"
m=$(fresh); poke "$m" 4096 0000000000002200; expect_check_finds "misaligned refcount block" "$m"
m=$(fresh); poke "$m" 8192 0000000000000000; expect_check_finds "refcount of header zero" "$m"
m=$(fresh); poke "$m" 12288 8000000000004000; poke "$m" 12296 8000000000004000; expect_check_finds "one L2 table used twice" "$m"
# a write through an L2 entry that points far past the end of the file must
# fail, not create a huge sparse file
m=$(fresh); poke "$m" 16384 8000005000000000
size0=$(stat -c %s "$m")
$TO ./tests/block/crash-writer io "$m" qcow2 w:0:0x200:1 >/dev/null 2>&1
rc=$?
n=$((n + 1))
if [ $rc = 1 ] && [ "$(stat -c %s "$m")" = "$size0" ]; then
    echo "ok $n - write through an L2 entry past the end of the file is refused"
else
    echo "not ok $n - write through a bad L2 entry (exit $rc, size $(stat -c %s "$m"))"
fi
n=$((n + 1))
if $Q info "$m" | grep -q "corrupt: true" &&
   ! ./tests/block/crash-writer io "$m" qcow2 w:0x10000:0x200:1 >/dev/null 2>&1; then
    echo "ok $n - the image is marked corrupt and refused read-write"
else
    echo "not ok $n - corrupt bit after a detected corruption"
fi
n=$((n + 1))
if $Q check -r all "$m" >/dev/null 2>&1 && $Q info "$m" | grep -q "corrupt: false" &&
   ./tests/block/crash-writer io "$m" qcow2 w:0x10000:0x200:1 >/dev/null 2>&1; then
    echo "ok $n - check -r all repairs it and clears the corrupt bit"
else
    echo "not ok $n - check -r all on a corrupt-marked image"
fi
# a write into an image whose refcounts say everything is used must end
m=$(fresh); dd if=/dev/zero bs=4096 count=1 2>/dev/null | tr '\0' '\377' |
    dd of="$m" bs=1 seek=8192 conv=notrunc 2>/dev/null
$TO ./tests/block/crash-writer io "$m" qcow2 w:0x700000:0x1000:1 >/dev/null 2>&1
rc=$?
n=$((n + 1))
if [ $rc -lt 124 ]; then echo "ok $n - allocation with all refcounts full ends (exit $rc)";
else echo "not ok $n - allocation with all refcounts full hangs or crashes ($rc)"; fi

# backing file loops and missing backing files
$Q create -q -f qcow2 "$T/a.qcow2" 1M
$Q create -q -f qcow2 -b a.qcow2 -F qcow2 "$T/b.qcow2"
$Q rebase -u -b b.qcow2 -F qcow2 "$T/a.qcow2"
$TO $Q info --backing-chain "$T/a.qcow2" >/dev/null 2>"$T/err"; rc=$?
n=$((n + 1))
if [ $rc -ge 1 ] && [ $rc -lt 124 ] && grep -q -i loop "$T/err"; then
    echo "ok $n - backing file loop a->b->a detected"
else
    echo "not ok $n - backing file loop (exit $rc)"; sed 's/^/#   /' "$T/err"
fi
$TO $Q convert -O raw "$T/a.qcow2" "$T/o.raw" >/dev/null 2>&1; rc=$?
n=$((n + 1))
if [ $rc = 1 ]; then echo "ok $n - convert of a looping chain fails cleanly";
else echo "not ok $n - convert of a looping chain (exit $rc)"; fi
$Q create -q -f qcow2 "$T/self.qcow2" 1M
$Q rebase -u -b self.qcow2 -F qcow2 "$T/self.qcow2"
$TO $Q info --backing-chain "$T/self.qcow2" >/dev/null 2>&1; rc=$?
n=$((n + 1))
if [ $rc = 1 ]; then echo "ok $n - image that is its own backing file refused";
else echo "not ok $n - self-backing image (exit $rc)"; fi
$Q create -q -f qcow2 "$T/c.qcow2" 1M
$Q rebase -u -b nonexistent.qcow2 -F qcow2 "$T/c.qcow2"
$TO $Q convert -O raw "$T/c.qcow2" "$T/o.raw" >/dev/null 2>"$T/err"; rc=$?
n=$((n + 1))
if [ $rc = 1 ] && [ "$(grep -c . "$T/err")" = 1 ]; then
    echo "ok $n - missing backing file: one error line"
else
    echo "not ok $n - missing backing file (exit $rc)"; sed 's/^/#   /' "$T/err"
fi
# a deep but legal chain works, an over-deep one is refused
prev=
for i in $(seq 1 70); do
    if [ -z "$prev" ]; then $Q create -q -f qcow2 "$T/d$i.qcow2" 1M
    else $Q create -q -u -f qcow2 -b "d$prev.qcow2" -F qcow2 "$T/d$i.qcow2" 1M; fi
    prev=$i
done
$TO $Q info --backing-chain "$T/d40.qcow2" >/dev/null 2>&1; rc=$?
n=$((n + 1))
if [ $rc = 0 ]; then echo "ok $n - chain of 40 images opens"; else echo "not ok $n - chain of 40 images (exit $rc)"; fi
$TO $Q convert -O raw "$T/d70.qcow2" "$T/o.raw" >/dev/null 2>&1; rc=$?
n=$((n + 1))
if [ $rc = 1 ]; then echo "ok $n - chain of 70 images refused (too deep)"; else echo "not ok $n - chain of 70 images (exit $rc)"; fi
