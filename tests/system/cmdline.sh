#!/bin/sh
# tests/system/cmdline.sh: qemu-system-aarch64's answers to bad command
# lines: exactly one line "qemu-system-aarch64: -opt ...: reason" on
# stderr and exit status 1; and the "help" forms, which print and exit 0.
# Run from the build directory; skips until the binary is built.

bin=./qemu-system-aarch64
n=0
if [ ! -x "$bin" ]; then
    echo "ok 1 - command-line errors # SKIP $bin is not built"
    exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dd if=/dev/zero of="$tmp/disk.img" bs=1024 count=64 2>/dev/null

# fails "expected first line (a shell pattern)" args...
fails() {
    want=$1
    shift
    n=$((n + 1))
    timeout 20 "$bin" "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
    rc=$?
    lines=$(wc -l < "$tmp/err" | tr -d ' ')
    line=$(head -n 1 "$tmp/err")
    case "$line" in
    $want) match=yes ;;
    *) match=no ;;
    esac
    if [ "$rc" = 1 ] && [ "$lines" = 1 ] && [ "$match" = yes ] &&
       [ ! -s "$tmp/out" ]; then
        echo "ok $n - $* -> $line"
    else
        echo "not ok $n - $*: exit $rc, $lines lines, want '$want'"
        sed 's/^/# /' "$tmp/err" | head -n 5
    fi
}

# prints "pattern somewhere in stdout" args...: exit 0, nothing on stderr
prints() {
    want=$1
    shift
    n=$((n + 1))
    timeout 20 "$bin" "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
    rc=$?
    if [ "$rc" = 0 ] && [ ! -s "$tmp/err" ] && grep -q -- "$want" "$tmp/out"
    then
        echo "ok $n - $* prints '$want'"
    else
        echo "not ok $n - $*: exit $rc, want '$want' on stdout"
        sed 's/^/# /' "$tmp/err" | head -n 5
    fi
}

# starts "what" args...: accepted: still running (paused by -S) after 2 s,
# nothing on stderr but the line about timeout's SIGTERM
starts() {
    what=$1
    shift
    n=$((n + 1))
    timeout -k 2 2 "$bin" -S -display none "$@" > "$tmp/out" 2> "$tmp/err" \
        < /dev/null
    rc=$?
    if [ "$rc" = 124 ] &&
       ! grep -v "terminating on signal 15" "$tmp/err" | grep -q .; then
        echo "ok $n - $what: $*"
    else
        echo "not ok $n - $what: $*: exit $rc (want 124, still running)"
        sed 's/^/# /' "$tmp/err" | head -n 5
    fi
}

p=qemu-system-aarch64
starts "no -kernel: starts as QEMU does (nothing to run)" -M virt
starts "-net none is accepted" -M virt -net none
starts "-netdev user with a virtio NIC and GICv3" -M virt,gic-version=3 \
    -netdev user,id=n0 -device virtio-net-device,netdev=n0
fails "$p: -initrd only allowed with -kernel option" -M virt -initrd "$tmp/disk.img"
fails "$p: -foo: invalid option" -foo
fails "$p: -foo: invalid option" --foo
fails "$p: -m: requires an argument" -M virt -m
fails "$p: -m abc: invalid RAM size 'abc'*" -m abc
fails "$p: -m 0: ram size too small" -m 0
fails "$p: -m 1G,slots=2: Invalid parameter 'slots'" -m 1G,slots=2
fails "$p: -smp 0: Invalid SMP value cpus=0*" -smp 0
fails "$p: -smp 4,maxcpus=2: Invalid CPU topology: maxcpus must be*" \
    -smp 4,maxcpus=2
fails "$p: -smp 4,sockets=3: Invalid CPU topology: maxcpus must be*" \
    -smp 4,sockets=3
fails "$p: -smp 4,sockets=3,maxcpus=4: Invalid CPU topology: product*" \
    -smp 4,sockets=3,maxcpus=4
fails "$p: -smp two: Parameter 'cpus' expects a number" -smp two
fails "$p: Invalid SMP CPUs 600. The max CPUs supported by machine*" \
    -M virt -smp 600
fails "$p: -M nosuch: unsupported machine type 'nosuch'*" -M nosuch
fails "$p: No machine specified, and there is no default*" -m 256
fails "$p: -initrd only allowed with -kernel option" -M virt -initrd x
fails "$p: -append only allowed with -kernel option" -M virt -append x
fails "$p: -drive file=x,format=vmdk: Unknown driver 'vmdk'*" \
    -M virt -drive file=x,format=vmdk
fails "$p: -drive format=raw: Parameter 'file' is missing*" \
    -M virt -drive format=raw
fails "$p: -drive x.img: Expected '=' after parameter 'x.img'" \
    -M virt -drive x.img
fails "$p: -drive file=$tmp/none.img,format=raw: *" \
    -M virt -nodefaults -drive file="$tmp/none.img",format=raw
fails "$p: -drive file=$tmp/disk.img,format=raw,bogus=1: Invalid parameter 'bogus'" \
    -M virt -nodefaults -drive file="$tmp/disk.img",format=raw,bogus=1
fails "$p: -drive file=$tmp/disk.img,readonly=maybe: Parameter 'readonly' expects 'on' or 'off'" \
    -M virt -nodefaults -drive file="$tmp/disk.img",readonly=maybe
fails "$p: -drive file=$tmp/disk.img,cache=fast: invalid cache option 'fast'*" \
    -M virt -nodefaults -drive file="$tmp/disk.img",cache=fast
fails "$p: -drive file=$tmp/disk.img,if=ide: if=ide: interface not supported*" \
    -M virt -nodefaults -drive file="$tmp/disk.img",if=ide
fails "$p: -drive file=$tmp/disk.img,media=cdrom: media=cdrom is not supported*" \
    -M virt -nodefaults -drive file="$tmp/disk.img",media=cdrom
fails "$p: -device nosuch: 'nosuch' is not a valid device model name*" \
    -M virt -device nosuch
fails "$p: -daemonize: not supported*" -daemonize
fails "$p: -enable-kvm: KVM is not supported*" -enable-kvm
fails "$p: -display gtk: display 'gtk' is not available (only none)" \
    -display gtk
fails "$p: -vga std: VGA card 'std' is not available (only none)" -vga std
fails "$p: -nic user: not supported; use -netdev*" -nic user
fails "$p: -rtc base=mars: base=mars: only utc and localtime*" -rtc base=mars
fails "$p: -serial null: too many serial ports (at most 4)" \
    -serial null -serial null -serial null -serial null -serial null
fails "$p: -mon chardev=m0,mode=control: mode=control: QMP is not supported" \
    -mon chardev=m0,mode=control
fails "$p: disk.img: a disk image argument is not supported*" disk.img
fails "$p: -d nosuch: unknown -d item 'nosuch' (try -d help)" -d nosuch
fails "$p: -accel kvm: accelerator 'kvm' is not available*" -accel kvm
fails "$p: -D /nonexistent/dir/log: cannot open log file*" -M virt -D /nonexistent/dir/log

prints "^QEMU emulator version 7.2.0 (emulator-from-scratch)$" -version
prints "^QEMU emulator version 7.2.0" --version
prints "^usage: qemu-system-aarch64" -h
prints "^-drive " -help
prints "^virt  *QEMU 7.2 ARM Virtual Machine" -M help
prints "^Supported machines are:" -machine help
prints "gic-version" -M virt,help
prints "cortex-a57" -cpu help
prints "guest_errors" -d help
prints "tcg" -accel help
prints "virtio-blk-device" -device help
prints "^none" -display help

echo "1..$n"
