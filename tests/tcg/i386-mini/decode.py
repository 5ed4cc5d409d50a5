#!/usr/bin/env python3
"""Print the binary records of alu.c (default) or misc.c (-m); with two
files, only the records that differ (native first, then emulated)."""
import struct
import sys


def alu_records(data):
    rec = 8 + 48 + 16
    for i in range(0, len(data) - rec + 1, rec):
        name = data[i:i + 8].decode().strip()
        bits, a, b, res, fl, cin = struct.unpack('<6Q', data[i + 8:i + 56])
        cc = ''.join('1' if c else '0' for c in data[i + 56:i + 72])
        yield '%s%d a=%x b=%x cin=%d -> %x fl=%03x cc=%s' % (
            name, bits, a, b, cin, res, fl, cc)


def misc_records(data):
    rec = 8 + 48
    for i in range(0, len(data) - rec + 1, rec):
        name = data[i:i + 8].decode().strip()
        vals = struct.unpack('<6Q', data[i + 8:i + 56])
        yield '%-8s %s' % (name, ' '.join('%x' % v for v in vals))


args = sys.argv[1:]
records = alu_records
if args and args[0] == '-m':
    records = misc_records
    args = args[1:]
if len(args) == 1:
    for r in records(open(args[0], 'rb').read()):
        print(r)
else:
    n = 0
    for x, y in zip(records(open(args[0], 'rb').read()),
                    records(open(args[1], 'rb').read())):
        if x != y:
            print('native:', x)
            print('emu:   ', y)
            n += 1
            if n > 20:
                break
