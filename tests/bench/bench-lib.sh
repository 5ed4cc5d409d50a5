# bench-lib.sh: shared by checksums.sh and compare.sh.  Sourced from the
# build directory.  Copies ../shared/bench (beside the source tree) into
# the build dir and builds its kernels for the arches given, so the
# shared tree is never written.

src=$(cd "$(dirname "$0")/../.." && pwd)
shared_bench=$src/../shared/bench
work=tests/bench/work

bench_prepare() {       # bench_prepare ARCH... -> 0 if usable
    [ -x "$shared_bench/build.sh" ] || return 1
    mkdir -p "$work"
    # Refresh sources, keep built binaries and the native reference cache.
    cp -r "$shared_bench/build.sh" "$shared_bench/run.sh" "$shared_bench/src" "$work/"
    (cd "$work" && ./build.sh "$@" > build.log 2>&1)
}
