#!/bin/sh
# run-aarch64.sh: run the bare-metal test programs (tests/system/aarch64,
# built by make when aarch64-linux-gnu-gcc is installed) under
# ./qemu-system-aarch64 -M virt -nographic, each with the options
# aarch64/programs.list gives (-M virt unless they name a machine), and re-emit their TAP lines prefixed with
# the program name.  A run fails on any "not ok", a missing or short
# "1..N" plan (fewer "ok" lines than N), a non-zero exit status (PSCI
# SYSTEM_OFF makes the emulator exit 0) or a timeout.
#
# Run from the build directory (as `make check` does):
#     ../tests/system/run-aarch64.sh
# Environment:
#     SYSTESTS_QEMU       the emulator (default ./qemu-system-aarch64);
#                         e.g. qemu-system-aarch64 for Debian's QEMU
#     SYSTESTS_QEMU_ARGS  extra options (Debian's QEMU needs "-net none":
#                         its default NIC wants an option ROM)
#     SYSTESTS_TIMEOUT    seconds per program (default 60)
#     SYSTESTS_ONLY       run only the programs whose name matches this
#                         (a shell pattern)

src=$(cd "$(dirname "$0")" && pwd)
qemu=${SYSTESTS_QEMU:-./qemu-system-aarch64}
extra=${SYSTESTS_QEMU_ARGS:-}
limit=${SYSTESTS_TIMEOUT:-60}
only=${SYSTESTS_ONLY:-*}
dir=tests/system/aarch64

n=0
tap() { n=$((n + 1)); echo "$1 $n - $2"; }

if ! command -v "$qemu" >/dev/null 2>&1; then
    tap ok "bare-metal aarch64 tests # SKIP $qemu not built"
    exit 0
fi
if ! command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 && [ ! -f "$dir/test-el.elf" ]; then
    tap ok "bare-metal aarch64 tests # SKIP aarch64-linux-gnu-gcc not installed"
    exit 0
fi
to=
if command -v timeout >/dev/null 2>&1; then
    to="timeout -k 5 $limit"
fi

out=$(mktemp "${TMPDIR:-/tmp}/systests.XXXXXX") || exit 1
trap 'rm -f "$out"' EXIT
trap 'exit 1' HUP INT TERM

grep -v '^[[:space:]]*\(#\|$\)' "$src/aarch64/programs.list" |
while read -r prog opts; do
    # shellcheck disable=SC2254
    case $prog in $only) ;; *) continue ;; esac
    # "?" before the options: a feature the emulator may not have yet
    # (e.g. gic-version=3); SKIP when it refuses to start with them.
    optional=
    case $opts in "?"*) optional=1; opts=${opts#"?"}; opts=${opts# } ;; esac
    label="$prog${opts:+ ($opts)}"
    elf=$dir/$prog.elf
    if [ ! -f "$elf" ]; then
        tap "not ok" "$label: $elf not built"
        continue
    fi
    # -M virt unless the list gives a machine (with properties).
    machine="-M virt"
    case " $opts " in *" -M "*|*" -machine "*) machine= ;; esac
    if [ -n "$optional" ]; then
        # Started paused: an emulator that takes the options is still
        # running when the 3 s timeout stops it (status 124).
        # shellcheck disable=SC2086
        timeout -k 2 3 "$qemu" $machine -nographic $extra $opts -S -kernel "$elf" \
            </dev/null >"$out" 2>&1
        if [ $? != 124 ]; then
            tap ok "$label # SKIP the emulator rejects these options: $(head -n 1 "$out")"
            continue
        fi
    fi
    # stdin from /dev/null: the guest reads nothing.
    # shellcheck disable=SC2086
    $to "$qemu" $machine -nographic $extra $opts -kernel "$elf" \
        </dev/null >"$out" 2>&1
    status=$?
    tr -d '\r' < "$out" > "$out.tmp" && mv "$out.tmp" "$out"
    # Re-emit the program's TAP lines with our numbering; comments and
    # other output as comments.
    pass=0 fail=0 plan=
    while IFS= read -r line; do
        case $line in
        "ok "*)
            pass=$((pass + 1))
            rest=${line#ok }; rest=${rest#* }; rest=${rest#- }
            tap ok "$label: $rest" ;;
        "not ok "*)
            fail=$((fail + 1))
            rest=${line#not ok }; rest=${rest#* }; rest=${rest#- }
            tap "not ok" "$label: $rest" ;;
        1..*) plan=${line#1..} ;;
        "#"*) echo "$line" ;;
        *) echo "# $line" ;;
        esac
    done < "$out"
    case $status in
    0) why= ;;
    124|137) why="timed out after ${limit}s" ;;
    *) why="exit status $status" ;;
    esac
    if [ -z "$plan" ]; then
        tap "not ok" "$label: completed (no 1..N plan line${why:+; $why})"
    elif [ $((pass + fail)) != "$plan" ]; then
        tap "not ok" "$label: completed ($((pass + fail)) results for plan 1..$plan${why:+; $why})"
    elif [ -n "$why" ]; then
        tap "not ok" "$label: powered off cleanly ($why)"
    else
        tap ok "$label: $plan checks, powered off with status 0"
    fi
done
exit 0
