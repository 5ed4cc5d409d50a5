#!/usr/bin/env python3
# tests/tcg/aarch64/diff-gen.py CLASS SEED N: random instruction words of
# one class (fpsimd, int, or vec: the AdvSIMD/FP patterns translated
# inline or by per-op helpers, trans-a64-vec.c.inc; vecx: the same with
# FPSR.IXC set beforehand, which enables the FP fast paths; crypto: the
# Cryptographic Extension and PMULL, reserved fields included) for
# diff-insns.c, as a C array on stdout.
# Register fields are limited to 0..15 so that every input is defined.
import random, sys
cls, seed, N = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(seed)
# vec: bits 31..0 as 0/1 fixed, anything else random; m = has Rm
VEC = [
    ("0..01110..1.....11...1..........", 1),  # FADD FSUB FMUL FDIV FMLA FMLS
    ("0.0011111.......0..1.0..........", 1),  # FMLA/FMLS/FMUL by element
    ("0..011100.100001110110..........", 0),  # SCVTF UCVTF
    ("00011110..10000..10000..........", 0),  # FMOV FABS FNEG FSQRT
    ("00011110..1.....0...10..........", 1),  # FMUL FDIV FADD FSUB ...
    ("00011110..1.....001000.......000", 1),  # FCMP FCMPE
    ("0..01110..1.....100001..........", 1),  # ADD SUB
    ("0..01110..1.....100101..........", 1),  # MLA MLS
    ("0..01110..1.....100111..........", 1),  # MUL
    ("0..01110..1.....0011.1..........", 1),  # CMGT CMHI CMGE CMHS
    ("0..01110..1.....1010.1..........", 1),  # [SU]MAXP [SU]MINP
    ("0..01110..1.....101111..........", 1),  # ADDP
    ("0..01110..1.....110000..........", 1),  # SMULL UMULL
    ("0..011110.......000001..........", 0),  # SSHR USHR
    ("0..011110.......010101..........", 0),  # SHL
    ("0..011110.......101001..........", 0),  # SSHLL USHLL
    ("0.101110..100001001110..........", 0),  # SHLL
    ("0.001110..0.....0...10..........", 1),  # UZP TRN ZIP
    ("0.001110000.....000001..........", 0),  # DUP (element)
    ("01011110000.....000001..........", 0),  # DUP (element, scalar)
    ("01101110000.....0....1..........", 0),  # INS (element)
]
CRYPTO = [
    ("010011100010100001..10..........", 0),  # AESE AESD AESMC AESIMC
    ("01011110000.....0...00..........", 1),  # SHA1C/P/M/SU0 SHA256H/H2/SU1
    ("010111100010100000..10..........", 0),  # SHA1H SHA1SU1 SHA256SU0
    ("0.001110111.....111000..........", 1),  # PMULL PMULL2 (1Q)
    ("0.001110..1.....111000..........", 1),  # PMULL, reserved sizes
    ("01.11110..10100.....10..........", 0),  # reserved sizes and opcodes
]
if cls == "crypto":
    VEC = CRYPTO
words = []
vec = cls in ("vec", "vecx", "crypto")
while len(words) < N and vec:
    t, has_rm = random.choice(VEC)
    w = random.getrandbits(32)
    for i, c in enumerate(t):
        b = 31 - i
        if c != ".":
            w = (w & ~(1 << b)) | (int(c) << b)
    w &= ~((1 << 4) | (1 << 9) | (has_rm << 20))
    words.append(w)
while len(words) < N:
    w = random.getrandbits(32)
    k = random.random()
    if cls == "int":
        if k < 0.4:
            w = (w & ~(0xe << 25)) | (0x8 << 25)      # 100x: dp immediate
        else:
            w = (w & ~(0x7 << 25)) | (0x5 << 25)      # x101: dp register
    elif k < 0.25:                                     # scalar FP
        w = (w & ~0xff000000) | 0x1e000000 | (w & 0x80000000) | \
            (random.getrandbits(1) << 24)
        w &= ~(1 << 29)
    elif k < 0.8:                                      # AdvSIMD vector
        w = (w & 0x61ffffff) | 0x0e000000
    else:                                              # AdvSIMD scalar
        w = (w & 0x21ffffff) | 0x5e000000
    w &= ~((1 << 4) | (1 << 9) | (1 << 20) | (1 << 14))
    words.append(w)
if cls == "vecx":
    print("#define FPSR_INIT 0x10")
print("static const uint32_t words[] = {")
for i in range(0, N, 6):
    print("  " + ", ".join("0x%08x" % x for x in words[i:i+6]) + ",")
print("};")
