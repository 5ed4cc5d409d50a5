#!/usr/bin/env python3
# tests/tcg/aarch64/diff-gen.py CLASS SEED N: random instruction words of
# one class (fpsimd or int) for diff-insns.c, as a C array on stdout.
# Register fields are limited to 0..15 so that every input is defined.
import random, sys
cls, seed, N = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(seed)
words = []
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
print("static const uint32_t words[] = {")
for i in range(0, N, 6):
    print("  " + ", ".join("0x%08x" % x for x in words[i:i+6]) + ",")
print("};")
