#!/usr/bin/env python3
#
# decodetree.py: turn a .decode pattern file into a C instruction decoder.
#
# Every guest translator describes its instruction encodings in one or more
# .decode files (fields, argument sets, formats and one pattern line per
# instruction; docs/decodetree.md has the full format).  This script checks
# the description (unknown names, overlapping patterns, fields on fixed
# bits, widths) and writes a .c.inc file that the translator includes.  The
# generated file holds:
#
#   - one `typedef struct { int x; ... } arg_<set>;` per argument set,
#   - a prototype `static bool trans_<insn>(DisasContext *ctx, arg_<set> *a);`
#     per instruction, which the translator defines after the #include,
#   - `static bool <decode>(DisasContext *ctx, uint32_t insn)`, a decision
#     tree: it switches on the fixed bits that every remaining candidate
#     shares, recursively, and at a leaf extracts the fields and calls the
#     trans_ function.  A trans_ returning false inside a { } group lets
#     the next pattern of the group try; the decoder returns false when no
#     pattern accepted the word, and the caller raises illegal-instruction.
#
# Design notes:
#
#   Parsing produces Field, ArgSet, Format and Pattern objects plus a tree
#   of Group objects ({ } = "overlap": tried in order; [ ] and the top
#   level = "exclusive": members must not overlap).  Every pattern ends up
#   with a (mask, bits) pair -- the word matches when insn & mask == bits --
#   and an ordered list of (member, value) assignments for its argument set.
#
#   Overlap checking works on leaves: two patterns overlap when they agree
#   on every bit that both fix.  Inside an exclusive group, no leaf of one
#   member may overlap a leaf of another member.
#
#   Code generation never emits "return false" in the middle: a failed
#   match or a trans_ that declines falls through to whatever follows,
#   which is exactly the { } semantics and harmless elsewhere because
#   exclusive siblings cannot match the same word.
#
# Standard library only; runs with any Python 3.6+.

import os
import re
import sys

USAGE = """\
usage: decodetree.py [options] FILE.decode...

  --decode=NAME         name of the generated decode function
                        (default: decode)
  --static-decode=NAME  same; the function is static either way
  --insnwidth=N         instruction width in bits: 16, 32 (default) or 64
  --translate=PREFIX    prefix of the per-instruction callbacks
                        (default: trans, giving trans_<insn>)
  -o FILE, --output=FILE
                        write the C code to FILE (default: stdout)
  -h, --help            this text
"""

IDENT_RE = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*$')
BITS_RE = re.compile(r'^[01.\-]+$')
INLINE_FIELD_RE = re.compile(r'^([A-Za-z_][A-Za-z0-9_]*):(s?)([0-9]+)$')
SEGMENT_RE = re.compile(r'^([0-9]+):(s?)([0-9]+)$')
ASSIGN_RE = re.compile(r'^([A-Za-z_][A-Za-z0-9_]*)=(.*)$')
NUMBER_RE = re.compile(r'^-?(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)$')

C_KEYWORDS = set('''auto break case char const continue default do double else
enum extern float for goto if inline int long register restrict return short
signed sizeof static struct switch typedef union unsigned void volatile while
_Bool bool true false'''.split())


class DecodeError(Exception):
    """A problem in the input, reported as file:line: error: message."""

    def __init__(self, loc, msg):
        Exception.__init__(self, msg)
        self.loc = loc
        self.msg = msg

    def __str__(self):
        if self.loc is None:
            return 'decodetree.py: error: ' + self.msg
        return '%s:%d: error: %s' % (self.loc[0], self.loc[1], self.msg)


def where(loc):
    return '%s:%d' % loc


# ---------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------

class Field:
    """A value made of one or more bit segments of the instruction word.

    segments: list of (pos, len, signed), most significant first.
    func: name of a `static int fn(DisasContext *, int)` applied to the
    value, or None.  A field with no segments has value func(ctx, 0).
    """

    def __init__(self, name, segments, func, loc):
        self.name = name
        self.segments = segments
        self.func = func
        self.loc = loc

    def mask(self):
        m = 0
        for pos, length, _ in self.segments:
            m |= ((1 << length) - 1) << pos
        return m

    def width(self):
        return sum(length for _, length, _ in self.segments)


class ArgSet:
    def __init__(self, name, members, extern, loc, implicit=False):
        self.name = name
        self.members = members      # ordered list of names; None = unchecked
        self.extern = extern
        self.loc = loc
        self.implicit = implicit

    def ctype(self):
        return 'arg_' + self.name


class Format:
    def __init__(self, name, mask, bits, ignmask, assigns, argset, loc):
        self.name = name
        self.mask = mask
        self.bits = bits
        self.ignmask = ignmask
        self.assigns = assigns      # ordered dict-like list of (member, Value)
        self.argset = argset
        self.loc = loc


class Value:
    """What a member of the argument set is set to: a field or a constant."""

    def __init__(self, field=None, const=None):
        self.field = field
        self.const = const


class Pattern:
    def __init__(self, name, mask, bits, assigns, argset, loc):
        self.name = name
        self.mask = mask
        self.bits = bits
        self.assigns = assigns
        self.argset = argset
        self.loc = loc

    def leaves(self):
        yield self


class Group:
    """{ } (overlap=True) or [ ] / top level (overlap=False)."""

    def __init__(self, overlap, loc):
        self.overlap = overlap
        self.items = []
        self.loc = loc

    def leaves(self):
        for it in self.items:
            for leaf in it.leaves():
                yield leaf

    def common(self):
        """(mask, bits) of the fixed bits every leaf agrees on."""
        mask = None
        bits = 0
        for leaf in self.leaves():
            if mask is None:
                mask, bits = leaf.mask, leaf.bits
            else:
                mask &= leaf.mask & ~(bits ^ leaf.bits)
                bits &= mask
        if mask is None:
            return 0, 0
        return mask, bits & mask


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------

class Parser:
    def __init__(self, width):
        self.width = width
        self.insnmask = (1 << width) - 1
        self.fields = {}
        self.argsets = {}
        self.formats = {}
        self.patterns = {}          # name -> first Pattern (for prototypes)
        self.pattern_order = []
        self.funcs = []             # !function names, in order of appearance
        self.root = Group(False, None)
        self.stack = [self.root]

    # -- input lines ---------------------------------------------------------

    def parse_file(self, path):
        try:
            with open(path, encoding='utf-8') as f:
                text = f.read()
        except OSError as e:
            raise DecodeError(None, 'cannot read %s: %s' % (path, e.strerror))
        pending = ''
        start = None
        lines = text.split('\n')
        if lines and lines[-1] == '':
            lines.pop()             # the file's final newline
        for n, raw in enumerate(lines, 1):
            line = raw.split('#', 1)[0].rstrip()
            if start is None:
                start = n
            if line.endswith('\\'):
                pending += line[:-1] + ' '
                continue
            pending += line
            self.parse_line(pending, (path, start))
            pending = ''
            start = None
        if pending.strip():
            raise DecodeError((path, start),
                              'continuation line at end of file')
        if len(self.stack) > 1:
            g = self.stack[-1]
            raise DecodeError(g.loc, 'unclosed %s group'
                              % ('{' if g.overlap else '['))

    def parse_line(self, line, loc):
        toks = line.split()
        # Group brackets may share a line with a pattern: "{ a 0000..."
        while toks and toks[0] in ('{', '[', '}', ']'):
            self.bracket(toks.pop(0), loc)
        # ... and closing ones may end it: "a 0000 }" closes after a.
        closing = []
        while toks and toks[-1] in ('}', ']'):
            closing.insert(0, toks.pop())
        if toks:
            self.parse_def(toks, loc)
        for tok in closing:
            self.bracket(tok, loc)

    def bracket(self, tok, loc):
        if tok in ('{', '['):
            g = Group(tok == '{', loc)
            self.stack[-1].items.append(g)
            self.stack.append(g)
            return
        if len(self.stack) == 1:
            raise DecodeError(loc, "'%s' without an open group" % tok)
        g = self.stack[-1]
        if g.overlap != (tok == '}'):
            raise DecodeError(loc, "'%s' closes the %s group opened at %s"
                              % (tok, '{' if g.overlap else '[',
                                 where(g.loc)))
        if not g.items:
            raise DecodeError(loc, 'empty group')
        self.stack.pop()

    def parse_def(self, toks, loc):
        head = toks[0]
        if head.startswith('%'):
            self.parse_field(head[1:], toks[1:], loc)
        elif head.startswith('&'):
            self.parse_argset(head[1:], toks[1:], loc)
        elif head.startswith('@'):
            self.parse_format(head[1:], toks[1:], loc)
        elif IDENT_RE.match(head):
            self.parse_pattern(head, toks[1:], loc)
        else:
            raise DecodeError(loc, "malformed line: unexpected '%s'" % head)

    def check_ident(self, name, what, loc):
        if not IDENT_RE.match(name):
            raise DecodeError(loc, "invalid %s name '%s'" % (what, name))
        if name in C_KEYWORDS:
            raise DecodeError(loc, "%s name '%s' is a C keyword"
                              % (what, name))

    # -- %field --------------------------------------------------------------

    def parse_field(self, name, toks, loc):
        self.check_ident(name, 'field', loc)
        if name in self.fields:
            raise DecodeError(loc, 'duplicate field %%%s (first defined at %s)'
                              % (name, where(self.fields[name].loc)))
        segments = []
        func = None
        for t in toks:
            if t.startswith('!function='):
                if func is not None:
                    raise DecodeError(loc, 'field %%%s: more than one '
                                      '!function' % name)
                func = t[len('!function='):]
                self.check_ident(func, 'function', loc)
                continue
            m = SEGMENT_RE.match(t)
            if not m:
                raise DecodeError(loc, "field %%%s: malformed segment '%s' "
                                  "(expected pos:len or pos:slen)"
                                  % (name, t))
            if func is not None:
                raise DecodeError(loc, 'field %%%s: segments must come '
                                  'before !function' % name)
            pos, signed, length = int(m.group(1)), m.group(2) == 's', \
                int(m.group(3))
            if length == 0:
                raise DecodeError(loc, "field %%%s: segment '%s' has zero "
                                  "length" % (name, t))
            if pos + length > self.width:
                raise DecodeError(loc, "field %%%s: segment '%s' goes past "
                                  "bit %d of a %d-bit instruction"
                                  % (name, t, self.width - 1, self.width))
            if signed and segments:
                raise DecodeError(loc, "field %%%s: only the first (most "
                                  "significant) segment can be signed" % name)
            segments.append((pos, length, signed))
        if not segments and func is None:
            raise DecodeError(loc, 'field %%%s: no bit segments' % name)
        f = Field(name, segments, func, loc)
        if f.width() > 32:
            raise DecodeError(loc, 'field %%%s is %d bits wide; fields are '
                              'C ints (at most 32 bits)' % (name, f.width()))
        mask = 0
        for pos, length, _ in segments:
            m = ((1 << length) - 1) << pos
            if mask & m:
                raise DecodeError(loc, 'field %%%s: segments overlap' % name)
            mask |= m
        self.fields[name] = f
        if func is not None and func not in self.funcs:
            self.funcs.append(func)

    # -- &argset -------------------------------------------------------------

    def parse_argset(self, name, toks, loc):
        self.check_ident(name, 'argument set', loc)
        if name in self.argsets:
            raise DecodeError(loc, 'duplicate argument set &%s (first '
                              'defined at %s)'
                              % (name, where(self.argsets[name].loc)))
        members = []
        extern = False
        for t in toks:
            if t == '!extern':
                extern = True
                continue
            self.check_ident(t, 'argument', loc)
            if t in members:
                raise DecodeError(loc, "duplicate argument '%s' in &%s"
                                  % (t, name))
            members.append(t)
        if extern and not members:
            members = None          # declared elsewhere; not checked
        self.argsets[name] = ArgSet(name, members, extern, loc)

    # -- shared body of formats and patterns ---------------------------------

    def parse_body(self, kind, name, toks, loc, allow_format):
        """Parse the bit picture and the trailing references of a format or
        pattern line.  Returns (mask, bits, ignmask, assigns, argset, fmt)
        where assigns is an ordered list of (member, Value)."""
        picture = ''
        inline = []                 # (name, start index, len, signed)
        assigns = []
        seen = {}
        argset = None
        fmt = None

        def add(member, value):
            if member in seen:
                raise DecodeError(loc, "%s %s: '%s' is set twice"
                                  % (kind, name, member))
            seen[member] = True
            assigns.append((member, value))

        for t in toks:
            if BITS_RE.match(t):
                picture += t
                continue
            m = INLINE_FIELD_RE.match(t)
            if m:
                fname, signed, length = m.group(1), m.group(2) == 's', \
                    int(m.group(3))
                if length == 0:
                    raise DecodeError(loc, "%s %s: inline field '%s' has "
                                      "zero length" % (kind, name, t))
                inline.append((fname, len(picture), length, signed))
                picture += '.' * length
                continue
            if t.startswith('@'):
                if not allow_format:
                    raise DecodeError(loc, "format @%s cannot use another "
                                      "format '%s'" % (name, t))
                if fmt is not None:
                    raise DecodeError(loc, '%s %s: more than one format'
                                      % (kind, name))
                fname = t[1:]
                if fname not in self.formats:
                    raise DecodeError(loc, 'unknown format @%s' % fname)
                fmt = self.formats[fname]
                continue
            if t.startswith('&'):
                if argset is not None:
                    raise DecodeError(loc, '%s %s: more than one argument '
                                      'set' % (kind, name))
                aname = t[1:]
                if aname not in self.argsets:
                    raise DecodeError(loc, 'unknown argument set &%s' % aname)
                argset = self.argsets[aname]
                continue
            if t.startswith('%'):
                fname = t[1:]
                if fname not in self.fields:
                    raise DecodeError(loc, 'unknown field %%%s' % fname)
                add(fname, Value(field=self.fields[fname]))
                continue
            m = ASSIGN_RE.match(t)
            if m:
                member, rhs = m.group(1), m.group(2)
                self.check_ident(member, 'argument', loc)
                if rhs.startswith('%'):
                    fname = rhs[1:]
                    if fname not in self.fields:
                        raise DecodeError(loc, 'unknown field %%%s' % fname)
                    add(member, Value(field=self.fields[fname]))
                elif NUMBER_RE.match(rhs):
                    v = int(rhs, 0)
                    if not -(1 << 31) <= v < (1 << 32):
                        raise DecodeError(loc, "constant '%s' does not fit "
                                          "in 32 bits" % rhs)
                    if v >= (1 << 31):
                        v -= 1 << 32
                    add(member, Value(const=v))
                else:
                    raise DecodeError(loc, "%s %s: malformed assignment '%s' "
                                      "(expected name=%%field or "
                                      "name=number)" % (kind, name, t))
                continue
            raise DecodeError(loc, "%s %s: malformed token '%s'"
                              % (kind, name, t))

        if len(picture) != self.width:
            raise DecodeError(loc, '%s %s: bit picture has %d bits, but '
                              'instructions are %d bits wide'
                              % (kind, name, len(picture), self.width))
        mask = bits = ign = 0
        for i, c in enumerate(picture):
            bit = 1 << (self.width - 1 - i)
            if c in '01':
                mask |= bit
                if c == '1':
                    bits |= bit
            elif c == '-':
                ign |= bit
        # Inline fields become anonymous fields local to this line.
        for fname, start, length, signed in inline:
            pos = self.width - start - length
            f = Field(fname, [(pos, length, signed)], None, loc)
            if f.width() > 32:
                raise DecodeError(loc, "inline field '%s' is wider than 32 "
                                  "bits" % fname)
            add(fname, Value(field=f))
        return mask, bits, ign, assigns, argset, fmt

    def check_field_bits(self, kind, name, mask, ign, assigns, loc):
        for member, v in assigns:
            if v.field is None:
                continue
            fm = v.field.mask()
            if fm & mask:
                raise DecodeError(loc, "%s %s: field '%s' uses bits %s that "
                                  "are fixed to 0/1" % (kind, name, member,
                                                        bitlist(fm & mask)))
            if fm & ign:
                raise DecodeError(loc, "%s %s: field '%s' uses bits %s that "
                                  "are marked '-' (ignored)"
                                  % (kind, name, member, bitlist(fm & ign)))

    def check_argset(self, kind, name, argset, assigns, loc):
        if argset.members is None:
            return
        for member, _ in assigns:
            if member not in argset.members:
                raise DecodeError(loc, "%s %s: '%s' is not a member of "
                                  "argument set &%s (defined at %s)"
                                  % (kind, name, member, argset.name,
                                     where(argset.loc)))

    def implicit_argset(self, name, assigns, loc):
        members = [m for m, _ in assigns]
        old = self.argsets.get(name)
        if old is not None:
            if old.implicit and old.members == members:
                return old
            raise DecodeError(loc, "implicit argument set arg_%s clashes with "
                              "argument set defined at %s; name the set "
                              "explicitly with &" % (name, where(old.loc)))
        a = ArgSet(name, members, False, loc, implicit=True)
        self.argsets[name] = a
        return a

    # -- @format -------------------------------------------------------------

    def parse_format(self, name, toks, loc):
        self.check_ident(name, 'format', loc)
        if name in self.formats:
            raise DecodeError(loc, 'duplicate format @%s (first defined at %s)'
                              % (name, where(self.formats[name].loc)))
        mask, bits, ign, assigns, argset, _ = \
            self.parse_body('format', '@' + name, toks, loc, False)
        self.check_field_bits('format', '@' + name, mask, ign, assigns, loc)
        if argset is not None:
            self.check_argset('format', '@' + name, argset, assigns, loc)
        self.formats[name] = Format(name, mask, bits, ign, assigns, argset,
                                    loc)

    # -- patterns ------------------------------------------------------------

    def parse_pattern(self, name, toks, loc):
        self.check_ident(name, 'pattern', loc)
        mask, bits, ign, assigns, argset, fmt = \
            self.parse_body('pattern', name, toks, loc, True)
        if fmt is not None:
            clash = mask & fmt.mask & (bits ^ fmt.bits)
            if clash:
                raise DecodeError(loc, 'pattern %s: bits %s contradict the '
                                  'fixed bits of format @%s (%s)'
                                  % (name, bitlist(clash), fmt.name,
                                     where(fmt.loc)))
            own = dict(assigns)
            merged = [(m, v) for m, v in fmt.assigns if m not in own]
            merged += assigns
            assigns = merged
            mask, bits = mask | fmt.mask, (bits | fmt.bits)
            ign |= fmt.ignmask
            ign &= ~mask
            if argset is None:
                argset = fmt.argset
                if argset is None:
                    argset = self.implicit_argset(fmt.name, fmt.assigns,
                                                  fmt.loc)
        self.check_field_bits('pattern', name, mask, ign, assigns, loc)
        if argset is None:
            argset = self.implicit_argset(name, assigns, loc)
        self.check_argset('pattern', name, argset, assigns, loc)
        if argset.members is not None:
            have = set(m for m, _ in assigns)
            missing = [m for m in argset.members if m not in have]
            if missing:
                raise DecodeError(loc, "pattern %s: argument '%s' of &%s is "
                                  "never set" % (name, missing[0],
                                                 argset.name))
        for member, v in assigns:
            f = v.field
            if f is not None and f.func is not None \
                    and f.func not in self.funcs:
                self.funcs.append(f.func)
        p = Pattern(name, mask, bits & mask, assigns, argset, loc)
        first = self.patterns.get(name)
        if first is None:
            self.patterns[name] = p
            self.pattern_order.append(name)
        elif first.argset is not argset:
            raise DecodeError(loc, 'pattern %s uses argument set &%s, but '
                              'its first definition at %s uses &%s'
                              % (name, argset.name, where(first.loc),
                                 first.argset.name))
        self.stack[-1].items.append(p)


def bitlist(mask):
    bits = [i for i in range(64) if mask >> i & 1]
    bits.reverse()
    # Print as ranges: 31:28,5
    out = []
    i = 0
    while i < len(bits):
        j = i
        while j + 1 < len(bits) and bits[j + 1] == bits[j] - 1:
            j += 1
        if i == j:
            out.append(str(bits[i]))
        else:
            out.append('%d:%d' % (bits[i], bits[j]))
        i = j + 1
    return ','.join(out)


# ---------------------------------------------------------------------------
# Overlap checking
# ---------------------------------------------------------------------------

def overlaps(a, b):
    return (a.bits ^ b.bits) & a.mask & b.mask == 0


def check_group(g):
    """Inside an exclusive group no two members may match the same word;
    inside a { } group anything goes, but nested groups are checked."""
    if not g.overlap:
        seen = []                   # leaves of earlier members
        for it in g.items:
            mine = list(it.leaves())
            for p in mine:
                for q in seen:
                    if overlaps(p, q):
                        raise DecodeError(
                            p.loc, 'pattern %s overlaps pattern %s at %s; '
                            'put both in a { } group if the first should '
                            'win' % (p.name, q.name, where(q.loc)))
            seen.extend(mine)
    for it in g.items:
        if isinstance(it, Group):
            check_group(it)


# ---------------------------------------------------------------------------
# Code generation
# ---------------------------------------------------------------------------

class Generator:
    def __init__(self, parser, decode_name, trans_prefix, width):
        self.p = parser
        self.name = decode_name
        self.trans = trans_prefix
        self.width = width
        self.out = []
        if width == 64:
            self.suffix = 'ull'
            self.xbits = 64
        else:
            self.suffix = 'u'
            self.xbits = 32
        self.insn_type = 'uint%d_t' % width

    def emit(self, depth, text=''):
        self.out.append(('    ' * depth + text) if text else '')

    def hexc(self, v):
        digits = (self.width + 3) // 4
        return '0x%0*x%s' % (digits, v, self.suffix)

    # -- preamble ------------------------------------------------------------

    def helpers(self):
        e = self.emit
        e(0, '/* Bit-field helpers, shared by every decoder in this file. */')
        e(0, '#ifndef DECODETREE_HELPERS')
        e(0, '#define DECODETREE_HELPERS')
        for n, t in ((32, 'uint32_t'), (64, 'uint64_t')):
            e(0, 'static inline %s decode_extract%d(%s v, int pos, int len)'
              % (t, n, t))
            e(0, '{')
            e(1, 'return (v >> pos) & (~(%s)0 >> (%d - len));' % (t, n))
            e(0, '}')
            e(0)
            st = 'int%d_t' % n
            e(0, 'static inline %s decode_sextract%d(%s v, int pos, int len)'
              % (st, n, t))
            e(0, '{')
            e(1, '/* Move the field to the top, then shift back down '
              'arithmetically. */')
            e(1, 'return (%s)(v << (%d - len - pos)) >> (%d - len);'
              % (st, n, n))
            e(0, '}')
            e(0)
            e(0, 'static inline %s decode_deposit%d(%s v, int pos, int len, '
              '%s field)' % (t, n, t, t))
            e(0, '{')
            e(1, '%s mask = (~(%s)0 >> (%d - len)) << pos;' % (t, t, n))
            e(1, 'return (v & ~mask) | ((field << pos) & mask);')
            e(0, '}')
            e(0)
        e(0, '#endif')
        e(0)

    def argsets(self):
        e = self.emit
        names = set()
        for a in self.p.argsets.values():
            names.add(a.name)
            if a.extern:
                continue
            if a.members:
                e(0, 'typedef struct {')
                for m in a.members:
                    e(1, 'int %s;' % m)
                e(0, '} %s;' % a.ctype())
            else:
                e(0, 'typedef struct {')
                e(0, '} %s;' % a.ctype())
            e(0)
        # Per-instruction aliases (arg_addi for &rri) when the name is free.
        aliases = []
        for name in self.p.pattern_order:
            pat = self.p.patterns[name]
            if name not in names:
                names.add(name)
                aliases.append('typedef %s arg_%s;'
                               % (pat.argset.ctype(), name))
        for a in aliases:
            e(0, a)
        if aliases:
            e(0)

    def prototypes(self):
        e = self.emit
        for fn in self.p.funcs:
            e(0, 'static int %s(DisasContext *ctx, int x);' % fn)
        if self.p.funcs:
            e(0)
        for name in self.p.pattern_order:
            pat = self.p.patterns[name]
            e(0, 'static bool %s_%s(DisasContext *ctx, %s *a);'
              % (self.trans, name, pat.argset.ctype()))
        if self.p.pattern_order:
            e(0)

    # -- field extraction ----------------------------------------------------

    def field_expr(self, f):
        n = self.xbits
        if self.width == 64:
            word = 'insn'
        else:
            word = '(uint32_t)insn'
        expr = None
        for pos, length, signed in f.segments:
            if signed:
                part = 'decode_sextract%d(%s, %d, %d)' % (n, word, pos, length)
            else:
                part = 'decode_extract%d(%s, %d, %d)' % (n, word, pos, length)
            if expr is None:
                expr = part
            else:
                # Shift what we have up by this segment's length, keeping
                # its sign-extended top bits, and put the segment below.
                expr = 'decode_deposit%d(%s, %d, %d, %s)' % (
                    n, part, length, n - length, expr)
        if expr is None:
            expr = '0'
        elif self.width == 64:
            expr = '(int)%s' % expr
        if f.func is not None:
            expr = '%s(ctx, %s)' % (f.func, expr)
        return expr

    def leaf(self, pat, checked, depth):
        e = self.emit
        rem = pat.mask & ~checked
        # The base name keeps the output independent of the build tree.
        here = '%s:%d' % (os.path.basename(pat.loc[0]), pat.loc[1])
        e(depth, '/* %s: %s */' % (here.replace('*/', '* /'), pat.name))
        if rem:
            e(depth, 'if ((insn & %s) == %s) {'
              % (self.hexc(rem), self.hexc(pat.bits & rem)))
            depth += 1
        var = 'u.f_%s' % pat.argset.name
        for member, v in pat.assigns:
            if v.const is not None:
                e(depth, '%s.%s = %d;' % (var, member, v.const))
            else:
                e(depth, '%s.%s = %s;' % (var, member, self.field_expr(v.field)))
        e(depth, 'if (%s_%s(ctx, &%s)) {' % (self.trans, pat.name, var))
        e(depth + 1, 'return true;')
        e(depth, '}')
        if rem:
            e(depth - 1, '}')

    # -- the decision tree ---------------------------------------------------

    def item_mask(self, it):
        if isinstance(it, Pattern):
            return it.mask, it.bits
        return it.common()

    def flatten(self, items):
        """Exclusive groups inside an exclusive context add nothing."""
        out = []
        for it in items:
            if isinstance(it, Group) and not it.overlap:
                out.extend(self.flatten(it.items))
            else:
                out.append(it)
        return out

    def exclusive(self, items, checked, depth):
        """Members cannot overlap: switch on the fixed bits they all share,
        recursively; fall back to a list of tests when they share none."""
        items = self.flatten(items)
        if len(items) == 1:
            self.item(items[0], checked, depth)
            return
        common = ~checked & ((1 << self.width) - 1)
        for it in items:
            common &= self.item_mask(it)[0]
        if common == 0:
            # No bit is fixed in every member.  Members never match the same
            # word, so their order is free: switch on the bit that most of
            # them fix (plus whatever else those share), then handle the
            # rest.  Both subsets are smaller, so this terminates.
            best, count = 0, 1
            for i in range(self.width):
                bit = 1 << i
                if bit & checked:
                    continue
                n = sum(1 for it in items if self.item_mask(it)[0] & bit)
                if n > count:
                    best, count = bit, n
            if best == 0:
                for it in items:
                    self.item(it, checked, depth)
                return
            some = [it for it in items if self.item_mask(it)[0] & best]
            rest = [it for it in items if not self.item_mask(it)[0] & best]
            self.exclusive(some, checked, depth)
            self.exclusive(rest, checked, depth)
            return
        cases = []
        index = {}
        for it in items:
            v = self.item_mask(it)[1] & common
            if v not in index:
                index[v] = len(cases)
                cases.append((v, []))
            cases[index[v]][1].append(it)
        e = self.emit
        e(depth, 'switch (insn & %s) {' % self.hexc(common))
        for v, sub in cases:
            e(depth, 'case %s:' % self.hexc(v))
            self.exclusive(sub, checked | common, depth + 1)
            e(depth + 1, 'break;')
        e(depth, '}')

    def item(self, it, checked, depth):
        if isinstance(it, Pattern):
            self.leaf(it, checked, depth)
        elif it.overlap:
            self.ordered(it, checked, depth)
        else:
            self.exclusive(it.items, checked, depth)

    def ordered(self, g, checked, depth):
        """A { } group: try the members in order."""
        e = self.emit
        mask, bits = g.common()
        rem = mask & ~checked
        if rem:
            e(depth, 'if ((insn & %s) == %s) {'
              % (self.hexc(rem), self.hexc(bits & rem)))
            depth += 1
            checked |= rem
        for it in g.items:
            self.item(it, checked, depth)
        if rem:
            e(depth - 1, '}')

    def generate(self):
        e = self.emit
        e(0, '/* Generated by scripts/decodetree.py; do not edit. */')
        e(0)
        e(0, '#include <stdbool.h>')
        e(0, '#include <stdint.h>')
        e(0)
        self.helpers()
        self.argsets()
        self.prototypes()
        used = []
        for a in self.p.argsets.values():
            if any(pat.argset is a for pat in self.p.root.leaves()):
                used.append(a)
        e(0, 'static bool %s(DisasContext *ctx, %s insn)'
          % (self.name, self.insn_type))
        e(0, '{')
        if used:
            e(1, 'union {')
            for a in used:
                e(2, '%s f_%s;' % (a.ctype(), a.name))
            e(1, '} u;')
            e(0)
        e(1, '(void)ctx;')
        e(1, '(void)insn;')
        if self.p.root.items:
            self.exclusive(self.p.root.items, 0, 1)
        e(1, 'return false;')
        e(0, '}')
        return '\n'.join(self.out) + '\n'


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------

def main(argv):
    decode_name = 'decode'
    width = 32
    trans = 'trans'
    output = None
    files = []
    args = list(argv)
    while args:
        a = args.pop(0)
        if a in ('-h', '--help'):
            sys.stdout.write(USAGE)
            return 0
        if a == '-o':
            if not args:
                raise DecodeError(None, '-o needs a file name')
            output = args.pop(0)
        elif a.startswith('--output='):
            output = a.split('=', 1)[1]
        elif a.startswith('--decode=') or a.startswith('--static-decode='):
            decode_name = a.split('=', 1)[1]
            if not IDENT_RE.match(decode_name):
                raise DecodeError(None, "bad decoder name '%s'" % decode_name)
        elif a.startswith('--insnwidth='):
            v = a.split('=', 1)[1]
            if v not in ('16', '32', '64'):
                raise DecodeError(None, "--insnwidth must be 16, 32 or 64, "
                                  "not '%s'" % v)
            width = int(v)
        elif a.startswith('--translate='):
            trans = a.split('=', 1)[1]
            if not IDENT_RE.match(trans):
                raise DecodeError(None, "bad --translate prefix '%s'" % trans)
        elif a.startswith('-') and a != '-':
            raise DecodeError(None, "unknown option '%s' (see --help)" % a)
        else:
            files.append(a)
    if not files:
        raise DecodeError(None, 'no input file (see --help)')

    p = Parser(width)
    for f in files:
        p.parse_file(f)
    check_group(p.root)
    text = Generator(p, decode_name, trans, width).generate()
    if output is None or output == '-':
        sys.stdout.write(text)
    else:
        try:
            with open(output, 'w', encoding='utf-8') as f:
                f.write(text)
        except OSError as e:
            raise DecodeError(None, 'cannot write %s: %s'
                              % (output, e.strerror))
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main(sys.argv[1:]))
    except DecodeError as err:
        sys.stderr.write('%s\n' % err)
        sys.exit(1)
