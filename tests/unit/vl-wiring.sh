#!/bin/sh
# tests/unit/vl-wiring.sh: softmmu/vl.c's start-up, run as
# tests/unit/test-vl-main (vl.c's main() with the stand-ins of
# tests/unit/vl-stubs.c, which trace each call on stderr): the order of
# the start-up steps, the -nographic/-nodefaults defaults, what the
# board is handed, the drives' open flags and snapshot overlays, and the
# exit path.  Run from the build directory.

bin=./tests/unit/test-vl-main
n=0
if [ ! -x "$bin" ]; then
    echo "not ok 1 - $bin is not built"
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# same "description" "expected stderr" args...: exact trace, exit status
# in $want_rc (default 3: the stand-in loop ends after 3 rounds).
same() {
    desc=$1 want=$2
    shift 2
    n=$((n + 1))
    "$bin" "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
    rc=$?
    printf '%s\n' "$want" > "$tmp/want"
    if [ "$rc" = "${want_rc:-3}" ] && cmp -s "$tmp/want" "$tmp/err"; then
        echo "ok $n - $desc"
    else
        echo "not ok $n - $desc (exit $rc)"
        diff "$tmp/want" "$tmp/err" | sed 's/^/# /'
    fi
}

# has "description" "grep pattern" args...: a line of the trace matches
has() {
    desc=$1 pat=$2
    shift 2
    n=$((n + 1))
    "$bin" "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
    if grep -q -- "$pat" "$tmp/err"; then
        echo "ok $n - $desc"
    else
        echo "not ok $n - $desc: no line matches '$pat'"
        sed 's/^/# /' "$tmp/err" | head -n 20
    fi
}

same "default start-up: serial on null, no monitor, vCPUs started" \
"[main loop]
[tcg 0 1]
[chr serial0 null]
[board virt-7.2 ram 134217728 smp 1/1 cpu - kernel Image initrd - append '' dtb - gic - nographic 0]
[serial0 null]
[start vcpus]
[vm_start]
[exit loops 3 no_reboot 0 no_shutdown 0]
[pause]
[chr cleanup]" -M virt -kernel Image

export VL_STUB_SHUTDOWN=1
want_rc=0
same "-nographic: serial0 is mon:stdio with the monitor on it; guest shutdown exits 0" \
"[main loop]
[tcg 0 1]
[chr serial0 mon:stdio]
[board virt-7.2 ram 134217728 smp 1/1 cpu - kernel Image initrd - append '' dtb - gic - nographic 1]
[serial0 mon:stdio]
[monitor serial0]
[start vcpus]
[vm_start]
[exit loops 0 no_reboot 0 no_shutdown 0]
[pause]
[chr cleanup]" -M virt -nographic -kernel Image

same "-nographic -serial stdio: the monitor gets its own stdio" \
"[main loop]
[tcg 0 1]
[chr serial0 stdio]
[chr compat_monitor0 stdio]
[board virt-7.2 ram 134217728 smp 1/1 cpu - kernel Image initrd - append '' dtb - gic - nographic 1]
[serial0 stdio]
[monitor compat_monitor0]
[start vcpus]
[vm_start]
[exit loops 0 no_reboot 0 no_shutdown 0]
[pause]
[chr cleanup]" -M virt -nographic -serial stdio -kernel Image

same "-nographic -nodefaults -S: no serial, no monitor, CPUs not started" \
"[main loop]
[tcg 0 1]
[board virt-7.2 ram 134217728 smp 1/1 cpu - kernel Image initrd - append '' dtb - gic - nographic 1]
[start vcpus]
[exit loops 0 no_reboot 0 no_shutdown 0]
[pause]
[chr cleanup]" -M virt -nographic -nodefaults -S -kernel Image

same "everything the board is handed" \
"test-vl-main: -cpu max,sve=off: warning: CPU properties 'sve=off' are ignored
[main loop]
[tcg 67108864 1]
[chardev c0 socket]
[chr serial0 chardev:c0]
[chr serial1 none]
[chr serial2 file:out.txt]
[chr compat_monitor0 tcp::4444,server,nowait]
[board virt-7.2 ram 1073741824 smp 2/4 cpu max kernel Image initrd initrd.gz append 'console=ttyAMA0 a,b' dtb my.dtb gic 2 nographic 0]
[serial0 chardev:c0]
[serial2 file:out.txt]
[monitor compat_monitor0]
[monitor c0]
[start vcpus]
[vm_start]
[exit loops 0 no_reboot 1 no_shutdown 1]
[pause]
[chr cleanup]" -machine virt -M gic-version=2 -cpu max,sve=off -m 1G \
    -smp 2,maxcpus=4 -kernel Image -initrd initrd.gz \
    -append "console=ttyAMA0 a,b" -dtb my.dtb -no-reboot -no-shutdown \
    -chardev socket,id=c0,port=4,server=on,wait=off -serial chardev:c0 \
    -serial none -serial file:out.txt -monitor tcp::4444,server,nowait \
    -mon chardev=c0,mode=readline -accel tcg,tb-size=64 -display none \
    -vga none -parallel none -no-user-config -rtc base=utc -name guest1

has "-m 100 is MiB" "ram 104857600 " -M virt -m 100 -kernel K
has "-m size=2G" "ram 2147483648 " -M virt -m size=2G -kernel K
has "-m is rounded up to 8 KiB" "ram 1024008192 " -M virt -m 1000001K -kernel K
has "-smp sockets=2,cores=2 gives 4 CPUs" "smp 4/4 " -M virt \
    -smp sockets=2,cores=2 -kernel K
has "-accel one-insn-per-tb sets the TB flags" "\[tb cflags 1\]" \
    -M virt -accel tcg,one-insn-per-tb=on -kernel K

dd if=/dev/zero of="$tmp/a.img" bs=1024 count=64 2>/dev/null
printf 'original' | dd of="$tmp/a.img" conv=notrunc 2>/dev/null
cp "$tmp/a.img" "$tmp/b.img"
same "drives: default ids, if=, readonly, cache flags; -device order" \
"[main loop]
[tcg 0 1]
[board virt-7.2 ram 134217728 smp 1/1 cpu - kernel K initrd - append '' dtb - gic - nographic 0]
[drive drive0 $tmp/a.img format raw virtio 1 ro 0 snapshot 0 flags 0x3 node raw]
[drive hd1 $tmp/b.img format raw virtio 0 ro 1 snapshot 0 flags 0x4 node raw]
[device virtio-blk-device]
[start vcpus]
[vm_start]
[exit loops 0 no_reboot 0 no_shutdown 0]
[pause]
[chr cleanup]" -M virt -nodefaults -kernel K \
    -drive file="$tmp/a.img",format=raw,cache=none \
    -drive file="$tmp/b.img",format=raw,if=none,id=hd1,readonly=on,cache=writethrough \
    -device virtio-blk-device,drive=hd1

has "a probed raw image gets a warning" \
    "test-vl-main: -drive file=$tmp/a.img: warning: Image format was not specified" \
    -M virt -nodefaults -kernel K -drive file="$tmp/a.img"

export VL_STUB_WRITE=1
has "snapshot=on: a qcow2 overlay takes the writes" "\[read back written!\]" \
    -M virt -nodefaults -kernel K -drive file="$tmp/a.img",format=raw,snapshot=on
n=$((n + 1))
if [ "$(head -c 8 "$tmp/a.img")" = original ]; then
    echo "ok $n - snapshot=on: the image is unchanged"
else
    echo "not ok $n - snapshot=on: the image was written"
fi
has "-snapshot: every drive gets an overlay" "snapshot 1 flags 0x1 node qcow2" \
    -M virt -nodefaults -kernel K -snapshot -drive file="$tmp/a.img",format=raw
n=$((n + 1))
if [ "$(head -c 8 "$tmp/a.img")" = original ]; then
    echo "ok $n - -snapshot: the image is unchanged"
else
    echo "not ok $n - -snapshot: the image was written"
fi
has "without snapshot the write reaches the image" "\[read back written!\]" \
    -M virt -nodefaults -kernel K -drive file="$tmp/b.img",format=raw
n=$((n + 1))
if [ "$(head -c 8 "$tmp/b.img")" = written! ]; then
    echo "ok $n - the write is in the image file after exit"
else
    echo "not ok $n - the write did not reach the image"
fi
unset VL_STUB_WRITE

want_rc=1 same "-machine props the board did not take are refused after init" \
"[main loop]
[tcg 0 1]
[board virt-7.2 ram 134217728 smp 1/1 cpu - kernel K initrd - append '' dtb - gic 3 nographic 0]
test-vl-main: -machine virt-7.2: Invalid parameter 'foo'" \
    -M virt,gic-version=3,foo=1 -nodefaults -kernel K
want_rc=1 same "a failing chardev stops start-up with its one line" \
"[main loop]
[tcg 0 1]
test-vl-main: -serial bad: 'bad' is not a valid char driver" \
    -M virt -serial bad -kernel K
want_rc=1 same "-netdev without net/: one line" \
"[main loop]
[tcg 0 1]
[chr serial0 null]
test-vl-main: -netdev user,id=n0: not supported yet" \
    -M virt -netdev user,id=n0 -kernel K

n=$((n + 1))
VL_STUB_FILE=$tmp/pid "$bin" -M virt -nodefaults -kernel K \
    -pidfile "$tmp/pid" 2> "$tmp/err"
pid=$(sed -n 's/^\[file \([0-9]*\)\]$/\1/p' "$tmp/err")
if [ ! -e "$tmp/pid" ] && [ -n "$pid" ]; then
    echo "ok $n - -pidfile holds the pid ($pid) while running, removed at exit"
else
    echo "not ok $n - -pidfile left behind"
fi
n=$((n + 1))
"$bin" -version > "$tmp/v"
if grep -q "^QEMU emulator version 7.2.0 (emulator-from-scratch)$" "$tmp/v"; then
    echo "ok $n - -version"
else
    echo "not ok $n - -version"
fi

echo "1..$n"
