#!/bin/sh
# check-errors.sh: every tests/decode/err_*.decode must be rejected by
# scripts/decodetree.py: exit status 1, no output file, and a first stderr
# line "<file>:<line>: error: ..." that starts with the text given on the
# file's "# expect: <line>: error: ..." comment.  An optional
# "# args: ..." comment gives extra generator options.
#
# Runs from the build directory (scratch files go to tests/decode/ there);
# finds the sources through its own location.  Prints one TAP line per file.

srcdir=$(cd "$(dirname "$0")/../.." && pwd)
gen="${PYTHON:-python3} $srcdir/scripts/decodetree.py"
tmp=tests/decode/err-out.c.inc
mkdir -p tests/decode

n=0
fail=0
for f in "$srcdir"/tests/decode/err_*.decode; do
    n=$((n + 1))
    name=$(basename "$f")
    expect=$(sed -n 's/^# expect: //p' "$f" | head -n 1)
    args=$(sed -n 's/^# args: //p' "$f" | head -n 1)
    if [ -z "$expect" ]; then
        echo "not ok $n - $name has no '# expect:' line"
        fail=1
        continue
    fi
    rm -f "$tmp"
    # shellcheck disable=SC2086  # $args holds several options
    msg=$($gen $args -o "$tmp" "$f" 2>&1 >/dev/null)
    rc=$?
    first=$(printf '%s\n' "$msg" | head -n 1)
    short=${first#"$f":}
    if [ "$rc" != 1 ]; then
        echo "not ok $n - $name: exit status $rc, expected 1"
        fail=1
    elif [ -e "$tmp" ]; then
        echo "not ok $n - $name: output file written despite the error"
        fail=1
    else
        case "$first" in
        "$f:$expect"*)
            echo "ok $n - $name rejected: $short" ;;
        *)
            echo "not ok $n - $name: got '$first'"
            echo "#   expected '$f:$expect...'"
            fail=1 ;;
        esac
    fi
done
rm -f "$tmp"

# A success file generates the same text twice (the build relies on it
# being a pure function of its input).
n=$((n + 1))
a=$($gen "$srcdir/tests/decode/succ_formats.decode")
b=$($gen "$srcdir/tests/decode/succ_formats.decode")
if [ -n "$a" ] && [ "$a" = "$b" ]; then
    echo "ok $n - succ_formats.decode generates identical output twice"
else
    echo "not ok $n - succ_formats.decode output is empty or not reproducible"
    fail=1
fi

exit $fail
