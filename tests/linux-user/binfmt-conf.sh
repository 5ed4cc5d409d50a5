#!/bin/sh
# tests/linux-user/binfmt-conf.sh: scripts/qemu-binfmt-conf.sh builds the
# binfmt_misc registration for qemu-aarch64 (flags F and P, O on request,
# never C) without touching the running system (--dry-run, --exportdir).

SRC=$(cd "$(dirname "$0")/../.." && pwd)
CONF=$SRC/scripts/qemu-binfmt-conf.sh
tmp=$(mktemp -d /tmp/binfmt-conf-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
n=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }

line=$("$CONF" --qemu-path /opt/q --dry-run aarch64)
magic='\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00'
case "$line" in
":qemu-aarch64:M::$magic:"*":/opt/q/qemu-aarch64:FP") ok "aarch64 entry with flags FP" ;;
*) notok "aarch64 entry with flags FP ($line)" ;;
esac
line=$("$CONF" --qemu-path /opt/q --qemu-suffix -static --open-binary \
       --dry-run aarch64)
case "$line" in
*":/opt/q/qemu-aarch64-static:FPO") ok "--qemu-suffix and --open-binary" ;;
*) notok "--qemu-suffix and --open-binary ($line)" ;;
esac
if "$CONF" --credential yes --dry-run aarch64 >/dev/null 2>&1; then
    notok "the C flag is refused"
else
    ok "the C flag is refused"
fi
if "$CONF" --dry-run no-such-arch >/dev/null 2>&1; then
    notok "unknown architecture is an error"
else
    ok "unknown architecture is an error"
fi
"$CONF" --qemu-path /opt/q --exportdir "$tmp/binfmt.d" aarch64
if [ -f "$tmp/binfmt.d/qemu-aarch64.conf" ] &&
   grep -q '^:qemu-aarch64:M::' "$tmp/binfmt.d/qemu-aarch64.conf"; then
    ok "--exportdir writes binfmt.d/qemu-aarch64.conf"
else
    notok "--exportdir writes binfmt.d/qemu-aarch64.conf"
fi
