# commands.sh: common shell commands, run by busybox sh in an empty
# temporary directory.  Each step prints one line "name: value"; the
# values depend on nothing that varies between runs or machines (no
# times, PIDs, host names, directory order), so commands.expect can be
# compared line by line.  Steps are independent: one failing command
# does not stop the others.  POSIX sh only, plus busybox applets.

# j: join the lines of stdin with single spaces, in the shell alone (so a
# step's value depends only on the commands it is about).
j() {
    _j= _l=
    while IFS= read -r _l || [ -n "$_l" ]; do _j="$_j${_j:+ }$_l"; _l=; done
    printf '%s\n' "$_j"
}

# ------------------------------------------------------------- the shell

s=0
for i in 1 2 3 4 5 6 7 8 9 10; do s=$((s + i)); done
echo "sh-for: $s"

i=0 s=0
while [ $i -lt 100 ]; do i=$((i + 1)); [ $((i % 3)) -eq 0 ] && s=$((s + i)); done
echo "sh-while: $s"

n=0
until [ $n -ge 7 ]; do n=$((n + 1)); done
echo "sh-until: $n"

echo "sh-arith: $(( (17 * 3 - 4) / 2 % 7 )) $(( -7 / 2 )) $(( -7 % 3 )) $(( 1 << 40 )) $(( 0x7f & ~0x0f | 0x100 )) $(( 5 > 3 && 2 > 4 )) $(( 10 ? 20 : 30 )) $(( 077 + 0x10 ))"

x=5; x=$((x * x - 1)); : $((x += 6)); : $((x /= 3))
echo "sh-arith-assign: $x"

fact() {
    if [ "$1" -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(($1 - 1))) )); fi
}
echo "sh-function: $(fact 10) $(fact 20)"

fib() {
    a=0 b=1 k=0
    while [ $k -lt "$1" ]; do t=$((a + b)); a=$b; b=$t; k=$((k + 1)); done
    echo $a
}
echo "sh-fib: $(fib 50) $(fib 90)"

g=global
scope() { local g; g=local; echo "$g"; }
echo "sh-local: $(scope) $g"

ret() { return "$1"; }
ret 42; r=$?
echo "sh-return: $r"

classify() {
    case $1 in
    [0-9]*) echo num ;;
    *.txt|*.md) echo doc ;;
    [A-Z]*) echo upper ;;
    ?) echo one ;;
    *) echo other ;;
    esac
}
out=
for w in 123 notes.txt README.md Hello x hello; do out="$out $(classify "$w")"; done
echo "sh-case:$out"

name=world
cat > here.txt <<EOF
hello $name
sum $((2 + 3))
\$literal
EOF
cat >> here.txt <<'EOF'
quoted $name $((1 + 1))
EOF
echo "sh-heredoc: $(tr '\n' '|' < here.txt)"

v=/usr/local/lib/libfoo.so.1.2
echo "sh-params: ${v#*/} ${v##*/} ${v%.*} ${v%%.*} ${#v}"
unset u; e=
echo "sh-defaults: ${u:-dflt} ${e:-empty} ${u-unset} [${e-unset}] ${u:+set} ${v:+set}"
: ${newvar:=assigned}
echo "sh-assign-default: $newvar"

set -- one "two three" four
echo "sh-positional: $# $2 $(for a; do printf '<%s>' "$a"; done)"
shift 2
echo "sh-shift: $# $1"

IFS=: read -r f1 f2 f3 <<EOF
alpha:beta:gamma:delta
EOF
echo "sh-read: $f1 $f2 $f3"

n=0
while read -r line; do n=$((n + ${#line})); done < here.txt
echo "sh-read-loop: $n"

o=$( (exit 3) ); r=$?
echo "sh-subshell: $r"

echo "sh-command-subst: $(echo $(echo nested $(echo deep)))"

x=outer; (x=inner); echo "sh-subshell-scope: $x"

{ echo a; echo b; } > group.txt
echo "sh-group: $(cat group.txt | j)"

echo "sh-and-or: $(true && echo y || echo n) $(false && echo y || echo n) $(false || true && echo y)"

r=$(sh -c 'trap "echo trapped" EXIT; exit 5'); s=$?
echo "sh-trap: $r $s"

{ sh -c 'kill -TERM $$'; } 2>/dev/null; s=$?
echo "sh-signal-status: $s"

sleep 0.1 & pid=$!
wait $pid; s=$?
(exit 7) & wait $!; s2=$?
echo "sh-background: $s $s2"

echo "sh-eval: $(eval 'a=3; b=4; echo $((a * b))')"

set -f; echo "sh-noglob: *"; set +f

# ------------------------------------------------------------- files

mkdir -p tree/a/b tree/c
echo one > tree/a/one.txt
echo two > tree/a/b/two.txt
printf 'three\n3\n' > tree/c/three.dat
seq 1 500 > tree/c/numbers.txt
echo "mkdir: $(find tree -type d | sort | j)"

cp tree/a/one.txt copy.txt && mv copy.txt moved.txt && cp -r tree tree2
echo "cp-mv: $(cat moved.txt) $( [ -e copy.txt ] && echo copy-exists || echo copy-gone) $(cat tree2/a/b/two.txt)"
rm -r tree2 moved.txt
echo "rm: $( [ -e tree2 ] || [ -e moved.txt ] && echo left || echo gone)"

ln -s tree/a/one.txt link.txt
echo "ln-s: $(readlink link.txt) $(cat link.txt) $( [ -L link.txt ] && echo symlink)"
ln tree/c/three.dat hard.dat
echo "ln: $(stat -c %h hard.dat) $(stat -c %s hard.dat)"
rm link.txt hard.dat

touch empty; chmod 640 empty
echo "chmod: $(stat -c %a empty) $( [ -s empty ] && echo nonempty || echo empty)"

echo "ls: $(ls tree/a | j)"
echo "basename-dirname: $(basename /x/y/z.tar.gz .gz) $(dirname /x/y/z.tar.gz)"

# ------------------------------------------------------------- text data

cat > data.txt <<'EOF'
banana 3 yellow
apple 10 red
cherry 7 red
apple 2 green
date 15 brown
banana 1 green
elderberry 22 black
fig 5 purple
EOF

echo "sort: $(sort data.txt | cut -d' ' -f1 | j)"
echo "sort -n: $(cut -d' ' -f2 data.txt | sort -n | j)"
echo "sort -r: $(cut -d' ' -f1 data.txt | sort -r | j)"
echo "sort -u: $(cut -d' ' -f1 data.txt | sort -u | j)"
echo "sort -k: $(sort -t' ' -k3,3 -k2,2n data.txt | cut -d' ' -f2 | j)"
echo "sort -nr big: $(seq 1 2000 | sort -nr | head -n 3 | j)"
echo "uniq -c: $(cut -d' ' -f3 data.txt | sort | uniq -c | awk '{print $2 "=" $1}' | j)"
echo "uniq -d: $(cut -d' ' -f1 data.txt | sort | uniq -d | j)"

echo "wc: $(wc -l < data.txt) $(wc -w < data.txt) $(wc -c < data.txt)"
echo "cut -c: $(cut -c1-3 data.txt | j)"
echo "cut -f: $(printf 'a:b:c:d\n1:2:3:4\n' | cut -d: -f2,4 | j)"
echo "tr: $(echo 'Hello, World' | tr a-z A-Z) $(echo 'hello' | tr -d l) $(echo 'aaabbbccc' | tr -s abc) $(echo abc | tr abc xyz)"
echo "head: $(head -n 2 data.txt | cut -d' ' -f1 | j)"
echo "tail: $(tail -n 2 data.txt | cut -d' ' -f1 | j)"
echo "tail +n: $(seq 1 10 | tail -n +8 | j)"
echo "head -c: $(printf 'abcdefghij' | head -c 4)"

echo "grep: $(grep red data.txt | cut -d' ' -f1 | j)"
echo "grep -c: $(grep -c an data.txt)"
echo "grep -v: $(grep -v -e red -e green data.txt | cut -d' ' -f1 | j)"
echo "grep -E: $(grep -E '^[a-c][a-z]+ [0-9]{2} ' data.txt | cut -d' ' -f1 | j)"
echo "grep -i -n: $(grep -i -n 'APPLE' data.txt | cut -d: -f1 | j)"
echo "grep -o: $(grep -o '[0-9][0-9]*' data.txt | j)"
grep -q nosuchword data.txt; s=$?
echo "grep -q: $s"
echo "grep -r: $(grep -r -l two tree | sort | j)"

echo "sed s: $(sed 's/a/A/g' data.txt | head -n 2 | tr '\n' '|')"
echo "sed range: $(sed -n '3,5p' data.txt | cut -d' ' -f1 | j)"
echo "sed regex range: $(sed -n '/^cherry/,/^date/p' data.txt | cut -d' ' -f1 | j)"
echo "sed d: $(sed '/green/d; /red/d' data.txt | cut -d' ' -f1 | j)"
echo "sed groups: $(echo 'John Smith 42' | sed -E 's/([A-Za-z]+) ([A-Za-z]+) ([0-9]+)/\2, \1 (\3)/')"
echo "sed y: $(echo hello | sed 'y/helo/HELO/')"
echo "sed multi: $(seq 1 6 | sed -e '1d' -e '$d' -e 's/$/!/' | j)"
sed -i 's/^fig/FIG/' data.txt
echo "sed -i: $(tail -n 1 data.txt)"

echo "awk fields: $(awk '{print $3 "/" $1}' data.txt | head -n 3 | j)"
echo "awk sum: $(awk '{s += $2} END {print s, NR, s / NR}' data.txt)"
echo "awk printf: $(awk 'BEGIN {printf "%5.2f|%-6s|%04d|%x|%e|%c\n", 3.14159, "ab", 42, 255, 12345.678, 65}')"
echo "awk arrays: $(awk '{c[$3] += $2} END {n = 0; for (k in c) n++; print n, c["red"], c["green"]}' data.txt)"
echo "awk condition: $(awk '$2 > 5 && $3 != "red" {print $1}' data.txt | j)"
echo "awk -F: $(echo 'a,b,,d' | awk -F, '{print NF, $4}')"
echo "awk functions: $(awk 'BEGIN {s = "Hello World"; print length(s), substr(s, 7, 3), index(s, "W"), toupper(s), tolower("ABC"); n = split("x-y-z", p, "-"); print n, p[3]; t = s; gsub(/o/, "0", t); print t}' | j)"
echo "awk arith: $(awk 'BEGIN {printf "%.6f %.6f %d %d %d %.4f\n", 1 / 3, -2.5 * 1.5, int(-3.7), int(7.9), 17 % 5, 1e6 / 7}')"
echo "awk float: $(seq 1 1000 | awk '{s += 1 / $1} END {printf "%.10f\n", s}')"
echo "awk bigsum: $(seq 1 100000 | awk '{s += $1 * $1} END {printf "%.0f\n", s}')"
echo "awk getline-var: $(awk 'BEGIN {v = 0; while ((getline line < "data.txt") > 0) v++; print v}')"

echo "seq: $(seq 5 | j)"
echo "seq step: $(seq 0 3 12 | j) $(seq 10 -4 -2 | j)"
echo "seq -s: $(seq -s , 1 6)"
echo "seq -w: $(seq -w 8 11 | j)"

echo "printf: $(printf '%05d|%x|%X|%o|%s|%c|%-5s|%3s|%%' 42 255 255 8 str xyz ab cd)"
echo "printf float: $(printf '%.3f %e %g' 3.14159 1234.5 0.0001)"
echo "printf escapes: $(printf 'a\tb\\n' | od -c | head -n 1 | tr -s ' ')"
echo "printf repeat: $(printf '[%s]' a b c)"

echo "xargs: $(seq 1 5 | xargs echo)"
echo "xargs -n: $(seq 1 6 | xargs -n 2 echo | tr '\n' '|')"
echo "xargs -I: $(printf 'x\ny\n' | xargs -I{} echo 'item-{}' | j)"
echo "xargs sh: $(seq 1 4 | xargs -n 1 sh -c 'echo $(($0 * $0))' | j)"

echo "expr: $(expr 7 \* 6) $(expr length hello) $(expr 17 % 5) $(expr abc123 : '[a-z]*')"

echo "find -name: $(find tree -name '*.txt' | sort | j)"
echo "find -type f: $(find tree -type f | wc -l)"
echo "find -type d: $(find tree -type d | sort | j)"
echo "find -exec: $(find tree -name '*.dat' -exec cat {} \; | j)"
echo "find -size: $(find tree -type f -size +1k | j)"

# ------------------------------------------------------------- checksums

seq 1 20000 > numbers
awk 'BEGIN {for (i = 0; i < 4096; i++) printf "%c", (i * 7 + 3) % 256}' > bytes
echo "md5sum: $(md5sum < numbers | cut -d' ' -f1)"
echo "md5sum bytes: $(md5sum bytes | cut -d' ' -f1) $(wc -c < bytes)"
echo "sha1sum: $(sha1sum < numbers | cut -d' ' -f1)"
echo "sha256sum: $(sha256sum < numbers | cut -d' ' -f1)"
echo "sha256sum bytes: $(sha256sum bytes | cut -d' ' -f1)"
echo "sha512sum: $(sha512sum < numbers | cut -d' ' -f1)"
md5sum numbers bytes > sums
echo "md5sum -c: $(md5sum -c sums | j)"
echo "od: $(printf 'AZaz09' | od -An -tx1 | tr -s ' ')"
echo "hexdump: $(head -c 16 bytes | hexdump -C | head -n 1)"
cp bytes bytes2; printf 'X' | dd of=bytes2 bs=1 seek=100 conv=notrunc 2>/dev/null
echo "cmp: $(cmp bytes bytes2 | sed 's/.*differ: //')"
echo "dd: $(dd if=numbers bs=100 skip=2 count=3 2>/dev/null | md5sum | cut -d' ' -f1)"

# ------------------------------------------------------------- archives

seq 1 3000 > big.txt
cp big.txt big.orig
gzip big.txt
echo "gzip: $( [ -e big.txt ] && echo kept || echo replaced) $( [ -s big.txt.gz ] && [ $(wc -c < big.txt.gz) -lt $(wc -c < big.orig) ] && echo smaller)"
gzip -t big.txt.gz; s=$?
gunzip big.txt.gz
echo "gunzip: $s $(cmp big.txt big.orig && echo identical)"
echo "gzip pipe: $(gzip -9 -c < numbers | gunzip -c | md5sum | cut -d' ' -f1)"
echo "zcat: $(gzip -c bytes | zcat | md5sum | cut -d' ' -f1)"
echo "bzip2: $(bzip2 -c < numbers | bunzip2 -c | md5sum | cut -d' ' -f1)"

tar -cf tree.tar tree
echo "tar -t: $(tar -tf tree.tar | sed 's,/$,,' | sort | j)"
mkdir extract && tar -xf tree.tar -C extract
echo "tar -x: $(cd extract && find . -type f | sort | xargs md5sum | md5sum | cut -d' ' -f1) $(cd tree/.. && find tree -type f | sort | sed 's,^,./,' | xargs md5sum | md5sum | cut -d' ' -f1)"
diff -r tree extract/tree >/dev/null; s=$?
echo "tar compare: $s"
tar -czf tree.tgz tree && mkdir extract2 && tar -xzf tree.tgz -C extract2
diff -r tree extract2/tree >/dev/null; s=$?
echo "tar gzip: $s $(tar -tzf tree.tgz | grep -c .)"
echo "tar stream: $(tar -cf - tree | tar -tf - | grep -c 'txt$')"
echo "diff: $(printf 'a\nb\nc\n' > d1; printf 'a\nB\nc\n' > d2; diff d1 d2 | grep '^[-+<>]' | j)"

# ------------------------------------------------------------- test, exit codes

t=
[ 3 -lt 5 ] && t="$t lt"
[ 5 -ge 5 ] && t="$t ge"
[ 10 -ne 3 ] && t="$t ne"
[ abc = abc ] && t="$t streq"
[ abc != abd ] && t="$t strne"
[ -z "" ] && t="$t z"
[ -n "x" ] && t="$t n"
test -d tree && t="$t d"
test -f data.txt && t="$t f"
test ! -e nonexistent && t="$t not-e"
[ -r data.txt ] && [ -w data.txt ] && t="$t rw"
[ 1 -eq 2 ] || t="$t false-ok"
[ 2 -gt 1 -a 3 -gt 2 ] && t="$t and"
[ 1 -gt 2 -o 3 -gt 2 ] && t="$t or"
[ data.txt -nt /nonexistent ] && t="$t nt"
echo "test:$t"

false; f=$?; true; t=$?
echo "false-true: $f $t"
! false; n=$?
echo "negate: $n"
sh -c 'exit 200'; s=$?
echo "exit-code: $s"
nosuchcommand_xyz 2>/dev/null; s=$?
echo "not-found: $s"
( cd /nonexistent 2>/dev/null ); s=$?
echo "cd-fail: $( [ $s -ne 0 ] && echo nonzero)"

# ------------------------------------------------------------- pipelines

echo "pipeline: $(seq 1 200 | grep 7 | sed 's/7/seven/' | awk '{print length($0)}' | sort -n | uniq -c | awk '{print $2 ":" $1}' | j)"
echo "pipeline words: $(printf 'the quick brown fox jumps over the lazy dog the end\n' | tr ' ' '\n' | sort | uniq -c | sort -k1,1nr -k2 | head -n 3 | awk '{print $2 "=" $1}' | j)"
echo "pipeline status: $(false | true; echo $?) $(true | false; echo $?)"
echo "pipeline long: $(seq 1 50000 | awk '$1 % 7 == 0' | sed -n '100,200p' | tr -d '\n' | wc -c)"

# ------------------------------------------------------------- misc

d=$(date +%s)
case $d in
''|*[!0-9]*) echo "date +%s: not a number ($d)" ;;
*) [ "$d" -gt 1500000000 ] && echo "date +%s: number" || echo "date +%s: too small ($d)" ;;
esac
echo "date -d: $(date -u -d @86400 +%Y-%m-%d) $(TZ=UTC date -u -d '2000-02-28 12:00:00' +%j)"
echo "env: $(FOO=bar env | grep '^FOO=')"
echo "pwd: $( [ "$(pwd)" = "$PWD" ] && echo same)"
echo "id: $(id -u | grep -c '^[0-9][0-9]*$')"
echo "yes: $(yes abc | head -n 3 | j)"
echo "rev: $(echo hello | rev)"
echo "fold: $(echo abcdefghij | fold -w 4 | j)"
echo "nl: $(printf 'a\nb\n' | nl | tr -s ' \t' '  ' | tr '\n' '|')"
echo "paste: $(printf '1\n2\n' > p1; printf 'a\nb\n' > p2; paste -d, p1 p2 | j)"
echo "tee: $(echo teed | tee tee.out) $(cat tee.out)"
echo "dc: $(echo '2 20 ^ p' | dc)"
echo "factor: $(factor 360 1001 | j)"
echo "busybox --list: $( [ $(busybox --list | wc -l) -gt 100 ] && echo 'more than 100')"

exit 0
