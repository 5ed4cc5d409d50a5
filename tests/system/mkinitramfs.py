#!/usr/bin/env python3
# mkinitramfs.py OUT DIR: write DIR's tree as a gzip-compressed cpio
# archive in the "newc" format (the one the Linux kernel unpacks as an
# initramfs), owned by root, plus the nodes a kernel needs before /dev
# is mounted: /dev, /dev/console (char 5:1) and /dev/null (char 1:3).
# Device nodes are written into the archive directly, so no privilege
# and no cpio(1) is needed.
#
# newc: each entry is the ASCII header "070701" followed by 13 8-digit
# hex fields (ino, mode, uid, gid, nlink, mtime, filesize, devmajor,
# devminor, rdevmajor, rdevminor, namesize incl. NUL, check = 0), then the
# name and its NUL padded to a multiple of 4 bytes, then the data padded
# likewise; a "TRAILER!!!" entry ends the archive.

import gzip
import os
import stat
import sys


def entry(out, ino, name, mode, data=b"", nlink=1, rdev=(0, 0)):
    name_b = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, nlink, 0, len(data), 0, 0,
              rdev[0], rdev[1], len(name_b), 0]
    hdr = b"070701" + b"".join(b"%08x" % f for f in fields)
    out.write(hdr + name_b)
    out.write(b"\0" * (-(len(hdr) + len(name_b)) % 4))
    out.write(data)
    out.write(b"\0" * (-len(data) % 4))


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: mkinitramfs.py OUT.cpio.gz DIR\n")
        return 2
    out_path, top = sys.argv[1], sys.argv[2]
    ino = 1
    with open(out_path, "wb") as f, \
            gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as out:
        names = set()
        for root, dirs, files in os.walk(top):
            dirs.sort()
            for n in sorted(dirs) + sorted(files):
                p = os.path.join(root, n)
                rel = os.path.relpath(p, top)
                st = os.lstat(p)
                perm = stat.S_IMODE(st.st_mode)
                if stat.S_ISLNK(st.st_mode):
                    entry(out, ino, rel, stat.S_IFLNK | 0o777,
                          os.readlink(p).encode())
                elif stat.S_ISDIR(st.st_mode):
                    entry(out, ino, rel, stat.S_IFDIR | perm, nlink=2)
                elif stat.S_ISREG(st.st_mode):
                    with open(p, "rb") as src:
                        entry(out, ino, rel, stat.S_IFREG | perm, src.read())
                else:
                    continue
                names.add(rel)
                ino += 1
        if "dev" not in names:
            entry(out, ino, "dev", stat.S_IFDIR | 0o755, nlink=2)
            ino += 1
        for name, rdev in (("dev/console", (5, 1)), ("dev/null", (1, 3))):
            if name not in names:
                entry(out, ino, name, stat.S_IFCHR | 0o600, rdev=rdev)
                ino += 1
        entry(out, 0, "TRAILER!!!", 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
