#!/bin/sh
# Run test programs and scripts that print TAP lines ("ok ...", "not ok ...",
# "ok ... # SKIP ...") and print one summary line for all of them.
# A test that exits non-zero without reporting a failure counts as one
# failure; one that reports nothing and exits 0 counts as one failure too
# (a test that checks nothing is broken).

pass=0 fail=0 skip=0
failed_tests=
for t in "$@"; do
    name=$(basename "$t")
    out=$(mktemp)
    "$t" > "$out" 2>&1
    rc=$?
    p=$(grep -c '^ok ' "$out" | tr -d ' ')
    s=$(grep -c '^ok .*# *SKIP' "$out" | tr -d ' ')
    f=$(grep -c '^not ok ' "$out" | tr -d ' ')
    p=$((p - s))
    if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi
    if [ $((p + s + f)) = 0 ]; then f=1; fi
    pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
    if [ "$f" != 0 ]; then
        echo "FAIL $name ($p passed, $f failed, exit $rc)"
        grep -v '^ok ' "$out" | tail -n 40 | sed 's/^/    /'
        failed_tests="$failed_tests $name"
    else
        echo "PASS $name ($p passed${s:+, $s skipped})"
    fi
    rm -f "$out"
done
[ -n "$failed_tests" ] && echo "failed:$failed_tests"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
