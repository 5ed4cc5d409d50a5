#!/bin/sh
# scripts/qemu-binfmt-conf.sh: register qemu-<arch> with the kernel's
# binfmt_misc, so that foreign Linux programs run directly (./prog).
#
#   qemu-binfmt-conf.sh [options] [arch...]
#
# Registers every built user-mode target (or the ones named) with flags
#   F  fix the interpreter when registering (works in containers/chroots)
#   P  preserve argv[0] (qemu-<arch> reads it from AT_FLAGS)
# and, with --open-binary, O (the kernel opens the program; needed for
# programs that are executable but not readable).  The C flag (credentials
# from the program's setuid bits) is never set: it would run the emulator
# itself with those privileges.

usage() {
    cat <<USAGE
Usage: qemu-binfmt-conf.sh [--qemu-path PATH] [--qemu-suffix SUFFIX]
                           [--open-binary] [--exportdir DIR] [--dry-run]
                           [--unregister] [arch...]
  --qemu-path PATH     directory of the qemu-<arch> binaries [/usr/local/bin]
  --qemu-suffix SUF    append SUF to the binary names (e.g. -static)
  --open-binary        add the O flag
  --exportdir DIR      write systemd binfmt.d files (qemu-<arch>.conf) to DIR
                       instead of registering
  --dry-run            print the registration strings only
  --unregister         remove the registrations
Architectures: aarch64 (default: every one this script knows and that has
a qemu-<arch> binary in the qemu path)
USAGE
}

qemu_path=/usr/local/bin
suffix=
flags=FP
exportdir=
dry_run=no
unregister=no
arches=
binfmt=/proc/sys/fs/binfmt_misc

die() { echo "qemu-binfmt-conf.sh: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
    case "$1" in
    --qemu-path) [ $# -ge 2 ] || die "--qemu-path needs a directory"
                 qemu_path=$2; shift ;;
    --qemu-path=*) qemu_path=${1#*=} ;;
    --qemu-suffix) [ $# -ge 2 ] || die "--qemu-suffix needs a value"
                   suffix=$2; shift ;;
    --qemu-suffix=*) suffix=${1#*=} ;;
    --open-binary) flags=${flags}O ;;
    --credential*) die "the C flag is not supported (it would give the" \
                       "emulator the program's privileges)" ;;
    --exportdir) [ $# -ge 2 ] || die "--exportdir needs a directory"
                 exportdir=$2; shift ;;
    --exportdir=*) exportdir=${1#*=} ;;
    --dry-run) dry_run=yes ;;
    --unregister) unregister=yes ;;
    -h|--help) usage; exit 0 ;;
    -*) die "unknown option '$1' (see --help)" ;;
    *) arches="$arches $1" ;;
    esac
    shift
done

# ELF header magic and mask per architecture (e_ident, e_type, e_machine);
# the mask lets e_type be ET_EXEC (2) or ET_DYN (3).
known="aarch64"
arch_magic() {  # sets magic and mask for $1
    case "$1" in
    aarch64)
        magic='\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00'
        mask='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
        ;;
    *) die "unknown architecture '$1' (known: $known)" ;;
    esac
}

if [ -z "$arches" ]; then
    for a in $known; do
        [ -x "$qemu_path/qemu-$a$suffix" ] && arches="$arches $a"
    done
    [ -n "$arches" ] || die "no qemu-<arch>$suffix binary in $qemu_path" \
                            "(use --qemu-path)"
fi

for a in $arches; do
    arch_magic "$a"
    name=qemu-$a
    line=":$name:M::$magic:$mask:$qemu_path/qemu-$a$suffix:$flags"
    if [ "$dry_run" = yes ]; then
        echo "$line"
    elif [ -n "$exportdir" ]; then
        mkdir -p "$exportdir" || die "cannot create $exportdir"
        echo "$line" >"$exportdir/$name.conf" || die "cannot write $exportdir/$name.conf"
    elif [ "$unregister" = yes ]; then
        [ -e "$binfmt/$name" ] && { echo -1 >"$binfmt/$name" ||
            die "cannot unregister $name"; }
    else
        [ -w "$binfmt/register" ] || die "$binfmt is not mounted or not" \
            "writable (mount -t binfmt_misc none $binfmt, as root)"
        [ -e "$binfmt/$name" ] && echo -1 >"$binfmt/$name"
        printf '%s' "$line" >"$binfmt/register" || die "cannot register $name"
    fi
done
