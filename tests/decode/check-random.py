#!/usr/bin/env python3
#
# check-random.py: differential test of the decision trees that
# scripts/decodetree.py generates.
#
# Builds random 16-bit .decode files (patterns with random fixed bits and
# an inline, sometimes signed, field; { } groups with nested [ ] groups;
# exclusive siblings drawn disjoint, so the generator must accept them),
# compiles each generated decoder with callbacks that log their calls,
# and runs it on all 65536 words.  The
# expected log comes from a reference model that needs no decision tree:
# walk the patterns in file order, call every one that matches, stop at
# the first that accepts.  (Exclusive siblings never match the same word,
# so file order is as good as any order there.)  Some callbacks decline,
# to exercise { } fall-through.
#
# Runs from the build directory (scratch files go to a fresh
# tests/decode/random-XXXX/ there, removed unless a case failed) and uses
# the compiler and flags from config-host.mak when present.
# Prints one TAP line per decoder.  Usage: check-random.py [COUNT [SEED]]

import os
import random
import shlex
import shutil
import subprocess
import sys
import tempfile

WIDTH = 16
SRC = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
GEN = os.path.join(SRC, 'scripts', 'decodetree.py')
WORK = None                     # scratch directory, set by main()


def host_cc():
    cc, cflags = 'cc', ('-std=gnu11 -Wall -Wextra -Werror '
                        '-Wno-unused-parameter -Wno-sign-compare '
                        '-Wno-missing-field-initializers')
    try:
        with open('config-host.mak') as f:
            for line in f:
                if line.startswith('CC='):
                    cc = line[3:].strip()
                elif line.startswith('CFLAGS='):
                    cflags = line[7:].strip()
    except OSError:
        pass
    # The sanitizers slow 65536 calls down for nothing here.
    flags = [a for a in shlex.split(cflags) if not a.startswith('-fsanitize')]
    return shlex.split(cc) + flags + ['-O0']


class Pat:
    def __init__(self, n, rng):
        self.name = 'p%d' % n
        p = rng.choice([0.3, 0.5, 0.7])
        pic = [rng.choice('01') if rng.random() < p else '.'
               for _ in range(WIDTH)]
        self.mask = self.bits = 0
        for i, c in enumerate(pic):
            bit = 1 << (WIDTH - 1 - i)
            if c != '.':
                self.mask |= bit
                if c == '1':
                    self.bits |= bit
        runs, i = [], 0
        while i < WIDTH:
            if pic[i] == '.':
                j = i
                while j < WIDTH and pic[j] == '.':
                    j += 1
                runs.append((i, j - i))
                i = j
            else:
                i += 1
        self.field = None
        text = ''.join(pic)
        if runs and rng.random() < 0.7:
            start, length = rng.choice(runs)
            flen = rng.randint(1, length)
            fstart = start + rng.randint(0, length - flen)
            signed = rng.random() < 0.5
            self.field = (WIDTH - fstart - flen, flen, signed)
            text = '%s f:%s%d %s' % (''.join(pic[:fstart]),
                                     's' if signed else '', flen,
                                     ''.join(pic[fstart + flen:]))
        self.line = '%s %s' % (self.name, text)
        self.accept = rng.random() >= 0.3

    def log(self, word):
        if self.field is None:
            return self.name
        pos, length, signed = self.field
        v = (word >> pos) & ((1 << length) - 1)
        if signed and v >> (length - 1):
            v -= 1 << length
        return '%s=%d' % (self.name, v)


def disjoint(a, b):
    """No word matches a pattern of a and a pattern of b."""
    return all((p.bits ^ q.bits) & p.mask & q.mask for p in a for q in b)


def random_file(rng):
    """Returns (text, patterns in file order).  Exclusive siblings (top
    level, [ ] members) are drawn until they are disjoint, so the generator
    must accept every file; { } members may overlap freely."""
    counter = [0]

    def pattern():
        counter[0] += 1
        return Pat(counter[0], rng)

    def exclusive(count, make):
        items = []                      # (lines, pats)
        for _ in range(count):
            for _ in range(30):
                lines, pats = make()
                if all(disjoint(pats, other) for _, other in items):
                    items.append((lines, pats))
                    break
        return items

    def single():
        p = pattern()
        return [p.line], [p]

    def group():
        lines, pats = ['{'], []
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.25:
                lines.append('[')
                for ls, ps in exclusive(rng.randint(1, 3), single):
                    lines += ls
                    pats += ps
                lines.append(']')
            else:
                ls, ps = single()
                lines += ls
                pats += ps
        lines.append('}')
        return lines, pats

    lines, pats = [], []
    for ls, ps in exclusive(rng.randint(1, 12),
                            lambda: group() if rng.random() < 0.4
                            else single()):
        lines += ls
        pats += ps
    return '\n'.join(lines) + '\n', pats


def reference(pats):
    out = []
    for word in range(1 << WIDTH):
        log, ok = [], False
        for p in pats:
            if word & p.mask == p.bits:
                log.append(p.log(word))
                if p.accept:
                    ok = True
                    break
        out.append('%d %s' % (ok, ' '.join(log)))
    return '\n'.join(out) + '\n'


def harness(pats):
    c = ['#include <stdbool.h>', '#include <stdint.h>', '#include <stdio.h>',
         'typedef struct DisasContext { char log[2048]; int n; } '
         'DisasContext;',
         '#include "dec.c.inc"']
    for p in pats:
        if p.field:
            body = ('ctx->n += sprintf(ctx->log + ctx->n, "%%s%s=%%d", '
                    'ctx->n ? " " : "", a->f);' % p.name)
        else:
            body = ('ctx->n += sprintf(ctx->log + ctx->n, "%%s%s", '
                    'ctx->n ? " " : "");' % p.name)
        c.append('static bool trans_%s(DisasContext *ctx, arg_%s *a)\n'
                 '{\n    %s\n    return %s;\n}'
                 % (p.name, p.name, body, 'true' if p.accept else 'false'))
    c.append('int main(void)\n{\n'
             '    for (unsigned w = 0; w < 65536; w++) {\n'
             '        DisasContext ctx = { .n = 0 };\n'
             '        bool ok = decode(&ctx, w);\n'
             '        printf("%d %s\\n", ok, ctx.log);\n'
             '    }\n    return 0;\n}')
    return '\n'.join(c) + '\n'


def one(n, seed, cc):
    rng = random.Random(seed)
    text, pats = random_file(rng)
    if not pats:
        return False, 'empty random file', text
    with open(os.path.join(WORK, 't.decode'), 'w') as f:
        f.write(text)
    r = subprocess.run([sys.executable, GEN, '--insnwidth=16',
                        '-o', os.path.join(WORK, 'dec.c.inc'),
                        os.path.join(WORK, 't.decode')],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    if r.returncode:
        return False, 'generator rejected a valid file: ' + \
            r.stderr.strip(), text
    with open(os.path.join(WORK, 'h.c'), 'w') as f:
        f.write(harness(pats))
    exe = os.path.join(WORK, 'h')
    r = subprocess.run(cc + ['-I' + WORK, '-o', exe,
                             os.path.join(WORK, 'h.c')],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True)
    if r.returncode:
        return False, 'compile failed: ' + r.stdout[:2000], text
    got = subprocess.run([exe], stdout=subprocess.PIPE,
                         universal_newlines=True).stdout.split('\n')
    want = reference(pats).split('\n')
    for word, (g, w) in enumerate(zip(got, want)):
        if g != w:
            return False, 'word 0x%04x: got [%s], want [%s]' % (word, g, w), \
                text
    if len(got) != len(want):
        return False, 'decoder printed %d lines' % len(got), text
    return True, '%d patterns' % len(pats), text


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    base = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    global WORK
    os.makedirs(os.path.join('tests', 'decode'), exist_ok=True)
    WORK = tempfile.mkdtemp(prefix='random-', dir=os.path.join('tests',
                                                                'decode'))
    cc = host_cc()
    failed = 0
    for n in range(1, count + 1):
        seed = base * 1000 + n
        ok, what, text = one(n, seed, cc)
        print('%sok %d - random decoder, seed %d: %s'
              % ('' if ok else 'not ', n, seed,
                 'all 65536 words match the reference model (%s)' % what
                 if ok else what))
        if not ok:
            failed = 1
            for line in text.splitlines():
                print('#   ' + line)
        sys.stdout.flush()
    if not failed:
        shutil.rmtree(WORK)         # kept for inspection after a failure
    return failed


if __name__ == '__main__':
    sys.exit(main())
