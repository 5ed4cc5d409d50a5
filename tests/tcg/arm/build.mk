# tests/tcg/arm/: AArch32 (A32 and T32) instruction tests under
# ./qemu-arm.  run-tests.sh builds the native reference models (ref-*.c,
# with the host compiler) that write the expected values, cross-compiles
# each test-*.c twice (-marm, -mthumb) with arm-linux-gnueabihf-gcc and
# runs them; without the cross compiler or qemu-arm it reports SKIP.
CHECK_SCRIPTS += tests/tcg/arm/run-tests.sh
